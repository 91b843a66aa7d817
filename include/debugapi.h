/*
 * ws2posix <debugapi.h>: OutputDebugString, IsDebuggerPresent, DebugBreak.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_DEBUGAPI_H
#define WS2POSIX_DEBUGAPI_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Windows hands the string to an attached debugger and shows it nowhere
 * else.  Linux debuggers have no such channel: the string goes to standard
 * error, as it is (the program writes its own line breaks), when the
 * environment variable WS2POSIX_DEBUG_OUTPUT is 1, and nowhere otherwise.
 * The W string is written as UTF-8.
 */
WINBASEAPI void WINAPI OutputDebugStringA(LPCSTR lpOutputString);
WINBASEAPI void WINAPI OutputDebugStringW(LPCWSTR lpOutputString);
#ifdef UNICODE
#define OutputDebugString OutputDebugStringW
#else
#define OutputDebugString OutputDebugStringA
#endif

/* Whether a debugger (any tracer: gdb, strace ...) is attached: TracerPid in /proc/self/status. */
WINBASEAPI BOOL WINAPI IsDebuggerPresent(void);

/*
 * The same for a process handle; only the calling process's pseudo-handle
 * (GetCurrentProcess(), (HANDLE)-1) is known here, another handle fails with
 * ERROR_INVALID_HANDLE.
 */
WINBASEAPI BOOL WINAPI CheckRemoteDebuggerPresent(HANDLE hProcess, PBOOL pbDebuggerPresent);

/*
 * A breakpoint: SIGTRAP, which a debugger stops at and which, without one,
 * ends the process (Windows' unhandled breakpoint exception ends it too).
 */
WINBASEAPI void WINAPI DebugBreak(void);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_DEBUGAPI_H */
