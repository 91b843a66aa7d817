/*
 * Debugging support (debugapi.h): OutputDebugString, IsDebuggerPresent,
 * CheckRemoteDebuggerPresent, DebugBreak.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <windows.h>

#include "sys/usermem.h"
#include "ws2_32/addrtext.h"

/* The pseudo-handle GetCurrentProcess() returns, as on Windows. */
#define DEBUG_CURRENT_PROCESS ((HANDLE)(LONG_PTR)-1)

/* Whether OutputDebugString writes to standard error (debugapi.h). */
static bool debug__output_enabled(void)
{
    const char *v = getenv("WS2POSIX_DEBUG_OUTPUT");
    return v && strcmp(v, "1") == 0;
}

/* One write, so that lines from several threads do not interleave within a string. */
static void debug__write(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

void WINAPI OutputDebugStringA(LPCSTR lpOutputString)
{
    size_t n;
    DWORD saved = GetLastError();
    /* A bad pointer is dropped: Windows' debugger channel never faults the caller either. */
    if (debug__output_enabled() && lpOutputString && sys_user_string(lpOutputString, 1, &n))
        debug__write(lpOutputString, n);
    SetLastError(saved);
}

void WINAPI OutputDebugStringW(LPCWSTR lpOutputString)
{
    DWORD saved = GetLastError();
    if (debug__output_enabled() && lpOutputString &&
        sys_user_string(lpOutputString, sizeof(WCHAR), NULL)) {
        char *utf8 = ws2_utf8_from_wide(lpOutputString);
        if (utf8)
            debug__write(utf8, strlen(utf8));
        free(utf8);
    }
    SetLastError(saved);
}

/* TracerPid from /proc/self/status: the process tracing this one, 0 if none. */
static bool debug__traced(void)
{
    FILE *f = fopen("/proc/self/status", "re");
    if (!f)
        return false;
    char line[256];
    long tracer = 0;
    while (fgets(line, sizeof(line), f))
        if (strncmp(line, "TracerPid:", 10) == 0) {
            tracer = strtol(line + 10, NULL, 10);
            break;
        }
    fclose(f);
    return tracer != 0;
}

BOOL WINAPI IsDebuggerPresent(void)
{
    return debug__traced();
}

BOOL WINAPI CheckRemoteDebuggerPresent(HANDLE hProcess, PBOOL pbDebuggerPresent)
{
    if (hProcess != DEBUG_CURRENT_PROCESS) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!pbDebuggerPresent || !sys_user_writable(pbDebuggerPresent, sizeof(BOOL))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *pbDebuggerPresent = debug__traced();
    return TRUE;
}

void WINAPI DebugBreak(void)
{
    raise(SIGTRAP);
}
