/*
 * ws2posix: SYSTEMTIME, which the Windows SDK declares in minwinbase.h.  Both
 * sysinfoapi.h (GetSystemTime, GetLocalTime) and timezoneapi.h (the FILETIME
 * conversions) need it, and each may be the first one a program includes, so
 * it lives here.  Not a Windows SDK header: programs never include it themselves.
 */
#ifndef WS2POSIX_SYSTIME_H
#define WS2POSIX_SYSTIME_H

#include "wintypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A calendar date and time of day, UTC or local as the call says; wDayOfWeek 0 is Sunday. */
typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;
    WORD wDayOfWeek;
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_SYSTIME_H */
