/*
 * The multimedia timer calls of winmm.dll that network programs use (ENet
 * calls timeBeginPeriod(1) at start, timeGetTime for all its clocks, and
 * timeEndPeriod(1) at the end).
 */
#include <windows.h>
#include <mmsystem.h>

#include "sys/sys.h"

/* Windows' timer device reports periods from 1 ms to 1000000 ms. */
enum { MMTIME__PERIOD_MIN = 1, MMTIME__PERIOD_MAX = 1000000 };

/* The clock GetTickCount reads, to the millisecond; a DWORD, so it wraps after 49.7 days. */
DWORD WINAPI timeGetTime(void)
{
    return (DWORD)(sys_now_ns() / 1000000);
}

/*
 * On Windows a period asks the system for a faster tick; Linux's timers and
 * clocks already have a finer resolution than the finest period, so there is
 * nothing to change, only the range to check.
 */
MMRESULT WINAPI timeBeginPeriod(UINT uPeriod)
{
    return uPeriod < MMTIME__PERIOD_MIN || uPeriod > MMTIME__PERIOD_MAX ? TIMERR_NOCANDO
                                                                        : TIMERR_NOERROR;
}

MMRESULT WINAPI timeEndPeriod(UINT uPeriod)
{
    return uPeriod < MMTIME__PERIOD_MIN || uPeriod > MMTIME__PERIOD_MAX ? TIMERR_NOCANDO
                                                                        : TIMERR_NOERROR;
}

MMRESULT WINAPI timeGetDevCaps(LPTIMECAPS ptc, UINT cbtc)
{
    if (!ptc || cbtc != sizeof(TIMECAPS))
        return TIMERR_NOCANDO;
    ptc->wPeriodMin = MMTIME__PERIOD_MIN;
    ptc->wPeriodMax = MMTIME__PERIOD_MAX;
    return MMSYSERR_NOERROR;
}
