/*
 * FILETIME <-> SYSTEMTIME and CompareFileTime, on the proleptic Gregorian
 * calendar that Windows uses from 1601 on.  1601 starts a 400-year cycle of
 * that calendar, which keeps the arithmetic to whole cycles.
 */
#include "win32/timeconv.h"

#include "sys/usermem.h"

enum {
    TIMECONV__DAYS_400 = 146097, /* days in 400 years */
    TIMECONV__DAYS_100 = 36524,  /* in 100 years starting on a year that is not a multiple of 400 */
    TIMECONV__DAYS_4 = 1461,     /* in 4 years starting on a leap-year cycle */
};

#define TIMECONV__TICKS_PER_DAY (86400ULL * TIMECONV_TICKS_PER_SECOND)
/* The last year a SYSTEMTIME may name (SystemTimeToFileTime's documented range). */
#define TIMECONV__MAX_YEAR 30827

static bool timeconv__leap(unsigned year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned timeconv_month_days(unsigned year, unsigned month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && timeconv__leap(year))
        return 29;
    return days[month - 1];
}

uint64_t timeconv_from_timespec(int64_t sec, long nsec)
{
    int64_t ticks = sec * (int64_t)TIMECONV_TICKS_PER_SECOND + nsec / 100;
    if (ticks < -(int64_t)TIMECONV_UNIX_EPOCH)
        return 0;
    return (uint64_t)(ticks + (int64_t)TIMECONV_UNIX_EPOCH);
}

bool timeconv_to_systemtime(uint64_t ticks, SYSTEMTIME *st)
{
    if (ticks >= 0x8000000000000000ULL)
        return false;
    uint64_t days = ticks / TIMECONV__TICKS_PER_DAY;
    uint64_t rest = ticks % TIMECONV__TICKS_PER_DAY;

    /* 1601-01-01 was a Monday; wDayOfWeek counts from Sunday. */
    st->wDayOfWeek = (WORD)((days + 1) % 7);

    uint64_t cycles = days / TIMECONV__DAYS_400;
    unsigned d = (unsigned)(days % TIMECONV__DAYS_400);
    /* The fourth century of a cycle (and the fourth year of a leap cycle) has one day more. */
    unsigned centuries = d / TIMECONV__DAYS_100;
    if (centuries == 4)
        centuries = 3;
    d -= centuries * TIMECONV__DAYS_100;
    unsigned quads = d / TIMECONV__DAYS_4;
    d -= quads * TIMECONV__DAYS_4;
    unsigned years = d / 365;
    if (years == 4)
        years = 3;
    d -= years * 365;

    unsigned year = 1601 + (unsigned)cycles * 400 + centuries * 100 + quads * 4 + years;
    unsigned month = 1;
    while (d >= timeconv_month_days(year, month)) {
        d -= timeconv_month_days(year, month);
        month++;
    }
    st->wYear = (WORD)year;
    st->wMonth = (WORD)month;
    st->wDay = (WORD)(d + 1);
    st->wHour = (WORD)(rest / (3600 * TIMECONV_TICKS_PER_SECOND));
    rest %= 3600 * TIMECONV_TICKS_PER_SECOND;
    st->wMinute = (WORD)(rest / (60 * TIMECONV_TICKS_PER_SECOND));
    rest %= 60 * TIMECONV_TICKS_PER_SECOND;
    st->wSecond = (WORD)(rest / TIMECONV_TICKS_PER_SECOND);
    rest %= TIMECONV_TICKS_PER_SECOND;
    st->wMilliseconds = (WORD)(rest / 10000);
    return true;
}

/* Leap years from 1 to year inclusive. */
static uint64_t timeconv__leaps(unsigned year)
{
    return year / 4 - year / 100 + year / 400;
}

bool timeconv_from_systemtime(const SYSTEMTIME *st, uint64_t *ticks)
{
    if (st->wYear < 1601 || st->wYear > TIMECONV__MAX_YEAR || st->wMonth < 1 || st->wMonth > 12 ||
        st->wDay < 1 || st->wDay > timeconv_month_days(st->wYear, st->wMonth) || st->wHour > 23 ||
        st->wMinute > 59 || st->wSecond > 59 || st->wMilliseconds > 999)
        return false;
    uint64_t days = (uint64_t)(st->wYear - 1601) * 365 + timeconv__leaps(st->wYear - 1U) -
                    timeconv__leaps(1600);
    for (unsigned m = 1; m < st->wMonth; m++)
        days += timeconv_month_days(st->wYear, m);
    days += st->wDay - 1U;
    uint64_t seconds = days * 86400 + st->wHour * 3600U + st->wMinute * 60U + st->wSecond;
    *ticks = seconds * TIMECONV_TICKS_PER_SECOND + st->wMilliseconds * 10000ULL;
    return true;
}

BOOL WINAPI FileTimeToSystemTime(CONST FILETIME *lpFileTime, LPSYSTEMTIME lpSystemTime)
{
    if (!lpFileTime || !lpSystemTime || !sys_user_readable(lpFileTime, sizeof(*lpFileTime)) ||
        !sys_user_writable(lpSystemTime, sizeof(*lpSystemTime))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    SYSTEMTIME st;
    if (!timeconv_to_systemtime(timeconv_from_filetime(lpFileTime), &st)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *lpSystemTime = st;
    return TRUE;
}

BOOL WINAPI SystemTimeToFileTime(CONST SYSTEMTIME *lpSystemTime, LPFILETIME lpFileTime)
{
    if (!lpFileTime || !lpSystemTime || !sys_user_readable(lpSystemTime, sizeof(*lpSystemTime)) ||
        !sys_user_writable(lpFileTime, sizeof(*lpFileTime))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    uint64_t ticks;
    if (!timeconv_from_systemtime(lpSystemTime, &ticks)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    timeconv_to_filetime(ticks, lpFileTime);
    return TRUE;
}

/* As unsigned 64-bit values, which is how Windows compares them. */
LONG WINAPI CompareFileTime(CONST FILETIME *lpFileTime1, CONST FILETIME *lpFileTime2)
{
    if (!lpFileTime1 || !lpFileTime2)
        return lpFileTime1 ? 1 : lpFileTime2 ? -1 : 0;
    uint64_t a = timeconv_from_filetime(lpFileTime1), b = timeconv_from_filetime(lpFileTime2);
    return a < b ? -1 : a > b ? 1 : 0;
}
