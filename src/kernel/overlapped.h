#ifndef WS2_KERNEL_OVERLAPPED_H
#define WS2_KERNEL_OVERLAPPED_H

#include <windows.h>

/*
 * The status in an OVERLAPPED (see ntstatus.h), waiting first if asked to
 * and the operation is still pending: on hEvent when there is one;
 * otherwise nothing here is signaled for the operation, so the OVERLAPPED
 * is watched with short naps.  Returns KSTATUS_PENDING only when not
 * waiting, or WAIT_FAILED's (DWORD)-1 if hEvent is not an event.
 */
DWORD koverlapped_status(const OVERLAPPED *ov, BOOL wait);

#endif
