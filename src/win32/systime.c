/*
 * The system clock as Windows programs read it: FILETIME (100 ns since
 * 1601-01-01 UTC) and SYSTEMTIME, UTC or local.
 */
#include <windows.h>

#include <time.h>

#include "win32/timeconv.h"

/*
 * GetSystemTimeAsFileTime has the resolution of the system tick on Windows
 * (15.6 ms by default, 1 ms at best), and programs call it often (logging,
 * timestamps): Linux's coarse clock is the same kind of clock, a tick-updated
 * value that costs no system call.  The precise call reads the full clock.
 */
void WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime)
{
    if (!lpSystemTimeAsFileTime)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    timeconv_to_filetime(timeconv_from_timespec(ts.tv_sec, ts.tv_nsec), lpSystemTimeAsFileTime);
}

void WINAPI GetSystemTimePreciseAsFileTime(LPFILETIME lpSystemTimeAsFileTime)
{
    if (!lpSystemTimeAsFileTime)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    timeconv_to_filetime(timeconv_from_timespec(ts.tv_sec, ts.tv_nsec), lpSystemTimeAsFileTime);
}

void WINAPI GetSystemTime(LPSYSTEMTIME lpSystemTime)
{
    if (!lpSystemTime)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    timeconv_to_systemtime(timeconv_from_timespec(ts.tv_sec, ts.tv_nsec), lpSystemTime);
}

/* The local time is the UTC time moved by the zone's offset at that instant. */
void WINAPI GetLocalTime(LPSYSTEMTIME lpSystemTime)
{
    if (!lpSystemTime)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    time_t now = ts.tv_sec;
    tzset(); /* localtime_r does not look for a change of zone itself */
    long offset = localtime_r(&now, &tm) ? tm.tm_gmtoff : 0;
    timeconv_to_systemtime(timeconv_from_timespec(ts.tv_sec + offset, ts.tv_nsec), lpSystemTime);
}
