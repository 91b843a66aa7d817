/*
 * ws2posix <processthreadsapi.h>: thread-local storage (TlsAlloc ...) and the process and thread
 * calls beyond those in windows.h (CreateThread and its neighbours stay there). windows.h includes
 * it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_PROCESSTHREADSAPI_H
#define WS2POSIX_PROCESSTHREADSAPI_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

/* --- Thread-local storage ----------------------------------------------------- */

/*
 * TLS_MINIMUM_AVAILABLE slots and 1024 more, as on Windows: TlsAlloc gives
 * indexes 0 ... 1087, or TLS_OUT_OF_INDEXES.
 */
#define TLS_OUT_OF_INDEXES    ((DWORD)0xFFFFFFFF)
#define TLS_MINIMUM_AVAILABLE 64

WINBASEAPI DWORD WINAPI TlsAlloc(void);
WINBASEAPI LPVOID WINAPI TlsGetValue(DWORD dwTlsIndex);
WINBASEAPI BOOL WINAPI TlsSetValue(DWORD dwTlsIndex, LPVOID lpTlsValue);
WINBASEAPI BOOL WINAPI TlsFree(DWORD dwTlsIndex);

/* --- Processes ------------------------------------------------------------------ */

/* GetCurrentProcess() is the pseudo-handle (HANDLE)-1, as on Windows. */
WINBASEAPI HANDLE WINAPI GetCurrentProcess(void);
WINBASEAPI DWORD WINAPI GetProcessId(HANDLE Process);
WINBASEAPI void WINAPI ExitProcess(UINT uExitCode) __attribute__((noreturn));
WINBASEAPI BOOL WINAPI TerminateProcess(HANDLE hProcess, UINT uExitCode);
WINBASEAPI BOOL WINAPI GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode);

/* --- Threads ---------------------------------------------------------------------- */

#define THREAD_BASE_PRIORITY_LOWRT 15
#define THREAD_BASE_PRIORITY_MAX   2
#define THREAD_BASE_PRIORITY_MIN   (-2)
#define THREAD_BASE_PRIORITY_IDLE  (-15)

#define THREAD_PRIORITY_LOWEST        THREAD_BASE_PRIORITY_MIN
#define THREAD_PRIORITY_BELOW_NORMAL  (THREAD_PRIORITY_LOWEST + 1)
#define THREAD_PRIORITY_NORMAL        0
#define THREAD_PRIORITY_HIGHEST       THREAD_BASE_PRIORITY_MAX
#define THREAD_PRIORITY_ABOVE_NORMAL  (THREAD_PRIORITY_HIGHEST - 1)
#define THREAD_PRIORITY_ERROR_RETURN  (0x7fffffff)
#define THREAD_PRIORITY_TIME_CRITICAL THREAD_BASE_PRIORITY_LOWRT
#define THREAD_PRIORITY_IDLE          THREAD_BASE_PRIORITY_IDLE
#define THREAD_MODE_BACKGROUND_BEGIN  0x00010000
#define THREAD_MODE_BACKGROUND_END    0x00020000

/*
 * Thread priorities are accepted and reported back (GetThreadPriority gives
 * what SetThreadPriority set) but do not change Linux's scheduling.
 */
WINBASEAPI BOOL WINAPI SetThreadPriority(HANDLE hThread, int nPriority);
WINBASEAPI int WINAPI GetThreadPriority(HANDLE hThread);
WINBASEAPI BOOL WINAPI SwitchToThread(void);
WINBASEAPI DWORD WINAPI GetThreadId(HANDLE Thread);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_PROCESSTHREADSAPI_H */
