/* Time: GetTickCount(64) and the performance counter, all on CLOCK_MONOTONIC. */
#include <windows.h>

#include <unistd.h>

#include "sys/sys.h"
#include "sys/usermem.h"

DWORD WINAPI GetTickCount(void)
{
    return (DWORD)(sys_now_ns() / 1000000);
}

ULONGLONG WINAPI GetTickCount64(void)
{
    return (ULONGLONG)(sys_now_ns() / 1000000);
}

/* The counter counts nanoseconds, so the frequency is 10^9 per second. */
BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount)
{
    if (!lpPerformanceCount ||
        !sys_user_writable(lpPerformanceCount, sizeof(*lpPerformanceCount))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    lpPerformanceCount->QuadPart = sys_now_ns();
    return TRUE;
}

BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency)
{
    if (!lpFrequency || !sys_user_writable(lpFrequency, sizeof(*lpFrequency))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    lpFrequency->QuadPart = 1000000000;
    return TRUE;
}

DWORD WINAPI GetCurrentProcessId(void)
{
    return (DWORD)getpid();
}
