/*
 * ws2posix <handleapi.h>: CloseHandle, DuplicateHandle, CompareObjectHandles,
 * GetHandleInformation and SetHandleInformation.  windows.h includes it, as the
 * Windows SDK's does.
 *
 * Every kernel object is named by handles in one table (src/kernel/handle.c):
 * events, threads, mutexes, semaphores, waitable timers, files, completion ports
 * and sockets.  A socket is a file handle, as on Windows: CloseHandle closes it
 * (as closesocket does, without waiting for a linger time-out), DuplicateHandle
 * in this process gives a second socket handle that Winsock calls accept, and
 * WaitForSingleObject waits for its overlapped operations to complete.
 *
 * Only this process's pseudo-handle (GetCurrentProcess()) names a process: there
 * are no handles to other processes, so DuplicateHandle into or out of another
 * process cannot be asked for (ERROR_INVALID_HANDLE, as for any handle that is
 * not a process), and duplicating the pseudo-handle itself is ERROR_NOT_SUPPORTED.
 */
#ifndef WS2POSIX_HANDLEAPI_H
#define WS2POSIX_HANDLEAPI_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

/* DuplicateHandle's options (winnt.h in the SDK). */
#ifndef DUPLICATE_CLOSE_SOURCE
#define DUPLICATE_CLOSE_SOURCE 0x00000001
#define DUPLICATE_SAME_ACCESS  0x00000002
#endif

/* Get/SetHandleInformation's flags (winbase.h in the SDK). */
#ifndef HANDLE_FLAG_INHERIT
#define HANDLE_FLAG_INHERIT            0x1
#define HANDLE_FLAG_PROTECT_FROM_CLOSE 0x2
#endif

WINBASEAPI BOOL WINAPI CloseHandle(HANDLE hObject);
WINBASEAPI BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle,
                                       HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle,
                                       DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions);
WINBASEAPI BOOL WINAPI CompareObjectHandles(HANDLE hFirstObjectHandle, HANDLE hSecondObjectHandle);
WINBASEAPI BOOL WINAPI GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags);
WINBASEAPI BOOL WINAPI SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_HANDLEAPI_H */
