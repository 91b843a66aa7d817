/*
 * ws2posix <synchapi.h>: critical sections, slim reader/writer locks, condition variables, one-time
 * initialisation, mutexes, semaphores and waitable timers. windows.h includes it, as the Windows
 * SDK's does.
 */
#ifndef WS2POSIX_SYNCHAPI_H
#define WS2POSIX_SYNCHAPI_H

#include "windows.h"

#endif /* WS2POSIX_SYNCHAPI_H */
