/*
 * ws2posix <timeapi.h>: the multimedia timer calls network programs use
 * (timeGetTime, timeBeginPeriod, timeEndPeriod, timeGetDevCaps), from
 * winmm.dll on Windows; src/win32/mmtime.c.  mmsystem.h includes it.
 */
#ifndef WS2POSIX_TIMEAPI_H
#define WS2POSIX_TIMEAPI_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WINMMAPI
#define WINMMAPI WINBASEAPI
#endif

/* Results (mmsystem.h, mmsyscom.h). */
typedef UINT MMRESULT;
#define MMSYSERR_BASE       0
#define TIMERR_BASE         96
#define MMSYSERR_NOERROR    0
#define MMSYSERR_ERROR      (MMSYSERR_BASE + 1)
#define MMSYSERR_INVALPARAM (MMSYSERR_BASE + 11)
#define TIMERR_NOERROR      (0)
#define TIMERR_NOCANDO      (TIMERR_BASE + 1)
#define TIMERR_STRUCT       (TIMERR_BASE + 33)

/* The SDK's mmsystem.h packs its structures to 1 byte: TIMECAPS is 8 bytes aligned to 1. */
#pragma pack(push, 1)
typedef struct timecaps_tag {
    UINT wPeriodMin;
    UINT wPeriodMax;
} TIMECAPS, *PTIMECAPS, *NPTIMECAPS, *LPTIMECAPS;
#pragma pack(pop)

/*
 * Milliseconds since the system started, wrapping every 2^32 ms (about 49.7
 * days) as a DWORD does; the same clock as GetTickCount, read to the
 * millisecond (Linux's clock has that resolution without timeBeginPeriod).
 */
WINMMAPI DWORD WINAPI timeGetTime(void);

/*
 * Linux's timers are already as fine as Windows' finest, so a period
 * changes nothing; a period of 0 or above wPeriodMax (1000000 ms) is
 * TIMERR_NOCANDO, as on Windows.  timeGetDevCaps reports 1 to 1000000 ms;
 * a NULL pointer or a size other than sizeof(TIMECAPS) is TIMERR_NOCANDO, as
 * its documentation says.
 */
WINMMAPI MMRESULT WINAPI timeBeginPeriod(UINT uPeriod);
WINMMAPI MMRESULT WINAPI timeEndPeriod(UINT uPeriod);
WINMMAPI MMRESULT WINAPI timeGetDevCaps(LPTIMECAPS ptc, UINT cbtc);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_TIMEAPI_H */
