/*
 * The local time zone as Windows describes it (GetTimeZoneInformation) and
 * the two FILETIME conversions that use the zone's current offset.  The
 * zone is the C library's (TZ or /etc/localtime).
 */
#include <windows.h>

#include <time.h>

#include "sys/usermem.h"
#include "win32/timeconv.h"

/* The zone's offset from UTC now, in seconds east (daylight saving time included). */
static long timezone__offset_now(void)
{
    /* The zone may have changed since the last call (TZ, /etc/localtime), as on Windows. */
    tzset();
    time_t now = time(NULL);
    struct tm tm;
    return localtime_r(&now, &tm) ? tm.tm_gmtoff : 0;
}

/*
 * Windows documents that these two use "the current settings for the time
 * zone and daylight saving time", even for a time in the other part of the
 * year; they do not look up the offset in force at the time converted.
 */
BOOL WINAPI FileTimeToLocalFileTime(CONST FILETIME *lpFileTime, LPFILETIME lpLocalFileTime)
{
    if (!lpFileTime || !lpLocalFileTime || !sys_user_readable(lpFileTime, sizeof(*lpFileTime)) ||
        !sys_user_writable(lpLocalFileTime, sizeof(*lpLocalFileTime))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    int64_t shift = (int64_t)timezone__offset_now() * (int64_t)TIMECONV_TICKS_PER_SECOND;
    timeconv_to_filetime(timeconv_from_filetime(lpFileTime) + (uint64_t)shift, lpLocalFileTime);
    return TRUE;
}

BOOL WINAPI LocalFileTimeToFileTime(CONST FILETIME *lpLocalFileTime, LPFILETIME lpFileTime)
{
    if (!lpFileTime || !lpLocalFileTime ||
        !sys_user_readable(lpLocalFileTime, sizeof(*lpLocalFileTime)) ||
        !sys_user_writable(lpFileTime, sizeof(*lpFileTime))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    int64_t shift = (int64_t)timezone__offset_now() * (int64_t)TIMECONV_TICKS_PER_SECOND;
    timeconv_to_filetime(timeconv_from_filetime(lpLocalFileTime) - (uint64_t)shift, lpFileTime);
    return TRUE;
}

/* Whether daylight saving time is in force at t, and the offset then. */
static int timezone__dst(time_t t, long *offset)
{
    struct tm tm;
    if (!localtime_r(&t, &tm)) {
        *offset = 0;
        return 0;
    }
    *offset = tm.tm_gmtoff;
    return tm.tm_isdst > 0;
}

/*
 * A transition in the SDK's day-in-month form: the month, the weekday, its
 * occurrence in the month (5 for the last) and the local time of day just
 * before the change, counted in the offset in force until then.
 */
static void timezone__rule(time_t change, long offset_before, SYSTEMTIME *out)
{
    time_t local = change + offset_before;
    struct tm tm;
    memset(out, 0, sizeof(*out));
    if (!gmtime_r(&local, &tm))
        return;
    unsigned year = (unsigned)tm.tm_year + 1900, month = (unsigned)tm.tm_mon + 1;
    out->wYear = 0;
    out->wMonth = (WORD)month;
    out->wDayOfWeek = (WORD)tm.tm_wday;
    out->wDay =
        (WORD)(tm.tm_mday + 7 > (int)timeconv_month_days(year, month) ? 5
                                                                      : (tm.tm_mday - 1) / 7 + 1);
    out->wHour = (WORD)tm.tm_hour;
    out->wMinute = (WORD)tm.tm_min;
    out->wSecond = (WORD)tm.tm_sec;
}

/* The first second at or after lo (< hi) where the daylight state differs from lo's. */
static time_t timezone__find_change(time_t lo, time_t hi)
{
    long off;
    int state = timezone__dst(lo, &off);
    while (hi - lo > 1) {
        time_t mid = lo + (hi - lo) / 2;
        if (timezone__dst(mid, &off) == state)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

static void timezone__name(const char *in, WCHAR out[32])
{
    size_t i = 0;
    for (; in && in[i] && i < 31; i++)
        out[i] = (WCHAR)(unsigned char)in[i];
    out[i] = 0;
}

DWORD WINAPI GetTimeZoneInformation(LPTIME_ZONE_INFORMATION lpTimeZoneInformation)
{
    if (!lpTimeZoneInformation ||
        !sys_user_writable(lpTimeZoneInformation, sizeof(*lpTimeZoneInformation))) {
        SetLastError(ERROR_NOACCESS);
        return TIME_ZONE_ID_INVALID;
    }
    tzset();
    TIME_ZONE_INFORMATION tzi;
    memset(&tzi, 0, sizeof(tzi));

    time_t now = time(NULL);
    long now_offset;
    int now_dst = timezone__dst(now, &now_offset);

    /* This year's transitions, found a day at a time and then to the second. */
    struct tm tm;
    gmtime_r(&now, &tm);
    struct tm jan1 = {.tm_year = tm.tm_year, .tm_mon = 0, .tm_mday = 1};
    time_t start = timegm(&jan1) - 86400;
    time_t to_dst = 0, to_std = 0;
    long std_offset = now_dst ? 0 : now_offset, dst_offset = 0, before_dst = 0, before_std = 0;
    bool have_std = !now_dst;
    long prev_off;
    int prev = timezone__dst(start, &prev_off);
    for (int day = 1; day <= 368; day++) {
        time_t t = start + (time_t)day * 86400;
        long off;
        int cur = timezone__dst(t, &off);
        if (cur != prev) {
            time_t change = timezone__find_change(t - 86400, t);
            if (cur) {
                to_dst = change;
                before_dst = prev_off;
                dst_offset = off;
            } else {
                to_std = change;
                before_std = prev_off;
                std_offset = off;
                have_std = true;
            }
        }
        prev = cur;
        prev_off = off;
    }

    if (!have_std) /* daylight all year (no transition found): take the offset as standard */
        std_offset = now_offset;
    tzi.Bias = (LONG)(-std_offset / 60);
    tzi.StandardBias = 0;
    timezone__name(tzname[0], tzi.StandardName);
    timezone__name(tzname[1], tzi.DaylightName);
    if (to_dst && to_std) {
        tzi.DaylightBias = (LONG)(-(dst_offset - std_offset) / 60);
        timezone__rule(to_dst, before_dst, &tzi.DaylightDate);
        timezone__rule(to_std, before_std, &tzi.StandardDate);
    }
    *lpTimeZoneInformation = tzi;
    if (!(to_dst && to_std))
        return TIME_ZONE_ID_UNKNOWN;
    return now_dst ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
}
