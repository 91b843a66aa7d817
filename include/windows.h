/*
 * ws2posix <windows.h>: only what Winsock programs use — base types, error
 * codes, handles, threads, waits, events, time and interlocked operations.
 * The kernel objects behind these calls live in src/kernel/.
 */
#ifndef WS2POSIX_WINDOWS_H
#define WS2POSIX_WINDOWS_H

/*
 * What Windows' windows.h brings in for its users: programs call tolower,
 * va_start, atoi, exit and memcpy having included only windows.h or
 * winsock2.h.  (wintypes.h first sets up glibc's <sys/types.h> and
 * <sys/select.h>, which <stdlib.h> includes, before it renames u_long.)
 */
#include "ws2posix/wintypes.h"
#include "winnt.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ws2posix/crt.h"

#include "excpt.h"
#include "guiddef.h"
#include "ws2posix/winerror.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Wait results (winbase.h).  The STATUS_ names are winnt.h's, left out under
 * WIN32_NO_STATUS so that ntstatus.h can define them as NTSTATUS values; the
 * WAIT_ names are spelled out so that they do not depend on which did.
 */
#ifndef WIN32_NO_STATUS
#define STATUS_WAIT_0           ((DWORD)0x00000000L)
#define STATUS_ABANDONED_WAIT_0 ((DWORD)0x00000080L)
#define STATUS_USER_APC         ((DWORD)0x000000C0L)
#define STATUS_TIMEOUT          ((DWORD)0x00000102L)
#define STATUS_PENDING          ((DWORD)0x00000103L)
#endif
#define STILL_ACTIVE            ((DWORD)0x00000103L)
#define WAIT_OBJECT_0           ((DWORD)0x00000000L)
#define WAIT_ABANDONED          ((DWORD)0x00000080L)
#define WAIT_ABANDONED_0        ((DWORD)0x00000080L)
#define WAIT_IO_COMPLETION      ((DWORD)0x000000C0L)
#define WAIT_FAILED             ((DWORD)0xFFFFFFFF)
#define INFINITE                0xFFFFFFFF
#define MAXIMUM_WAIT_OBJECTS    64

/* CreateThread flags. */
#define CREATE_SUSPENDED                  0x00000004
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x00010000

typedef DWORD(WINAPI *PTHREAD_START_ROUTINE)(LPVOID lpThreadParameter);
typedef PTHREAD_START_ROUTINE LPTHREAD_START_ROUTINE;
typedef VOID(NTAPI *PAPCFUNC)(ULONG_PTR Parameter);

/* Last error: one slot per thread, shared with WSAGetLastError. */
WINBASEAPI DWORD WINAPI GetLastError(void);
WINBASEAPI void WINAPI SetLastError(DWORD dwErrCode);

/* Handles. */
WINBASEAPI BOOL WINAPI CloseHandle(HANDLE hObject);

/* Threads. */
WINBASEAPI HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
                                      LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
                                      DWORD dwCreationFlags, LPDWORD lpThreadId);
WINBASEAPI void WINAPI ExitThread(DWORD dwExitCode) __attribute__((noreturn));
WINBASEAPI BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode);
WINBASEAPI DWORD WINAPI GetCurrentThreadId(void);
WINBASEAPI HANDLE WINAPI GetCurrentThread(void);
WINBASEAPI DWORD WINAPI GetCurrentProcessId(void);
WINBASEAPI DWORD WINAPI ResumeThread(HANDLE hThread);
WINBASEAPI DWORD WINAPI QueueUserAPC(PAPCFUNC pfnAPC, HANDLE hThread, ULONG_PTR dwData);

/* Waits. */
WINBASEAPI DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);
WINBASEAPI DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds,
                                              BOOL bAlertable);
WINBASEAPI DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                               DWORD dwMilliseconds);
WINBASEAPI DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles,
                                                 BOOL bWaitAll, DWORD dwMilliseconds,
                                                 BOOL bAlertable);
WINBASEAPI void WINAPI Sleep(DWORD dwMilliseconds);
WINBASEAPI DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable);

/* Events. */
WINBASEAPI HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                                      BOOL bInitialState, LPCSTR lpName);
WINBASEAPI HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                                      BOOL bInitialState, LPCWSTR lpName);
#ifdef UNICODE
#define CreateEvent CreateEventW
#else
#define CreateEvent CreateEventA
#endif
WINBASEAPI BOOL WINAPI SetEvent(HANDLE hEvent);
WINBASEAPI BOOL WINAPI ResetEvent(HANDLE hEvent);

/*
 * I/O completion ports (ioapiset.h, minwinbase.h, winbase.h).  A port
 * handle is closed with CloseHandle; sockets are the handles that can be
 * associated with one.
 */
typedef struct _OVERLAPPED_ENTRY {
    ULONG_PTR lpCompletionKey;
    LPOVERLAPPED lpOverlapped;
    ULONG_PTR Internal;
    DWORD dwNumberOfBytesTransferred;
} OVERLAPPED_ENTRY, *LPOVERLAPPED_ENTRY;

#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#define FILE_SKIP_SET_EVENT_ON_HANDLE        0x2

#define HasOverlappedIoCompleted(lpOverlapped) (((DWORD)(lpOverlapped)->Internal) != 0x00000103L)

WINBASEAPI HANDLE WINAPI CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort,
                                                ULONG_PTR CompletionKey,
                                                DWORD NumberOfConcurrentThreads);
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatus(HANDLE CompletionPort,
                                                 LPDWORD lpNumberOfBytesTransferred,
                                                 PULONG_PTR lpCompletionKey,
                                                 LPOVERLAPPED *lpOverlapped, DWORD dwMilliseconds);
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE CompletionPort,
                                                   LPOVERLAPPED_ENTRY lpCompletionPortEntries,
                                                   ULONG ulCount, PULONG ulNumEntriesRemoved,
                                                   DWORD dwMilliseconds, BOOL fAlertable);
WINBASEAPI BOOL WINAPI PostQueuedCompletionStatus(HANDLE CompletionPort,
                                                  DWORD dwNumberOfBytesTransferred,
                                                  ULONG_PTR dwCompletionKey,
                                                  LPOVERLAPPED lpOverlapped);
WINBASEAPI BOOL WINAPI SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags);

/* Overlapped results and cancellation, for any handle with overlapped operations. */
WINBASEAPI BOOL WINAPI GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped,
                                           LPDWORD lpNumberOfBytesTransferred, BOOL bWait);
WINBASEAPI BOOL WINAPI CancelIo(HANDLE hFile);
WINBASEAPI BOOL WINAPI CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped);

/* Time. */
WINBASEAPI DWORD WINAPI GetTickCount(void);
WINBASEAPI ULONGLONG WINAPI GetTickCount64(void);
WINBASEAPI BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount);
WINBASEAPI BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency);

/* Interlocked operations: in winnt.h (included above), as in the SDK. */

#ifdef __cplusplus
}
#endif

/*
 * The rest of the Win32 surface, one header per area under the Windows SDK's
 * own names (src/win32/ implements them).  Each includes windows.h first, so
 * a program may include any of them alone.
 */
#include "consoleapi.h"
#include "debugapi.h"
#include "fileapi.h"
#include "heapapi.h"
#include "libloaderapi.h"
#include "memoryapi.h"
#include "processenv.h"
#include "processthreadsapi.h"
#include "synchapi.h"
#include "sysinfoapi.h"
#include "timezoneapi.h"
#include "winbase.h"
#include "wincon.h"
#include "winnls.h"
#ifndef WIN32_LEAN_AND_MEAN
#include "mmsystem.h"
#endif

#endif /* WS2POSIX_WINDOWS_H */
