#ifndef WS2_KERNEL_EVENT_H
#define WS2_KERNEL_EVENT_H

#include <windows.h>

/* A new unnamed event; NULL with the last error set on failure. */
HANDLE kevent_create(BOOL manual_reset, BOOL initial_state);

#endif
