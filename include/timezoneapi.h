/*
 * ws2posix <timezoneapi.h>: FILETIME and SYSTEMTIME conversions, the local
 * time zone (src/win32/timeconv.c, src/win32/timezone.c).  windows.h
 * includes it, as the Windows SDK's does.
 *
 * CompareFileTime is fileapi.h's in the SDK; it is declared here, beside the
 * other FILETIME arithmetic, and fileapi.h's users get it through windows.h.
 */
#ifndef WS2POSIX_TIMEZONEAPI_H
#define WS2POSIX_TIMEZONEAPI_H

#include "windows.h"
#include "ws2posix/systime.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * GetTimeZoneInformation's results (winnt.h, timezoneapi.h): the zone has no
 * daylight saving time, or is in its standard or its daylight part now.
 */
#define TIME_ZONE_ID_UNKNOWN  0
#define TIME_ZONE_ID_STANDARD 1
#define TIME_ZONE_ID_DAYLIGHT 2
#define TIME_ZONE_ID_INVALID  ((DWORD)0xffffffff)

/*
 * UTC = local time + Bias (minutes); + StandardBias or DaylightBias in the
 * two parts of the year.  StandardDate and DaylightDate are the transitions
 * in the SDK's "day-in-month" form: wYear 0, wMonth, wDayOfWeek, wDay the
 * occurrence of that weekday in the month (5 = the last), and the local time
 * of day at which the change happens, in the time in force before it.
 */
typedef struct _TIME_ZONE_INFORMATION {
    LONG Bias;
    WCHAR StandardName[32];
    SYSTEMTIME StandardDate;
    LONG StandardBias;
    WCHAR DaylightName[32];
    SYSTEMTIME DaylightDate;
    LONG DaylightBias;
} TIME_ZONE_INFORMATION, *PTIME_ZONE_INFORMATION, *LPTIME_ZONE_INFORMATION;

/*
 * The zone is the C library's (TZ, /etc/localtime).  Its names are the C
 * library's abbreviations ("CET", "CEST"), not Windows' long names ("W.
 * Europe Standard Time"); the transitions are the current year's.
 */
WINBASEAPI DWORD WINAPI GetTimeZoneInformation(LPTIME_ZONE_INFORMATION lpTimeZoneInformation);

/*
 * A FILETIME counts 100-nanosecond intervals since 1601-01-01 00:00 UTC.
 * FileTimeToSystemTime takes values below 0x8000000000000000; a SYSTEMTIME
 * is valid from year 1601 to 30827 with every field in range (wDayOfWeek is
 * ignored and set on output).  Bad values fail with ERROR_INVALID_PARAMETER.
 */
WINBASEAPI BOOL WINAPI FileTimeToSystemTime(CONST FILETIME *lpFileTime, LPSYSTEMTIME lpSystemTime);
WINBASEAPI BOOL WINAPI SystemTimeToFileTime(CONST SYSTEMTIME *lpSystemTime, LPFILETIME lpFileTime);

/*
 * UTC to local and back with the zone's offset as it is now, daylight saving
 * time included, whatever the date converted: Windows documents exactly
 * that for these two calls.
 */
WINBASEAPI BOOL WINAPI FileTimeToLocalFileTime(CONST FILETIME *lpFileTime,
                                               LPFILETIME lpLocalFileTime);
WINBASEAPI BOOL WINAPI LocalFileTimeToFileTime(CONST FILETIME *lpLocalFileTime,
                                               LPFILETIME lpFileTime);

/* -1, 0 or 1 as the first time is earlier than, equal to or later than the second. */
WINBASEAPI LONG WINAPI CompareFileTime(CONST FILETIME *lpFileTime1, CONST FILETIME *lpFileTime2);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_TIMEZONEAPI_H */
