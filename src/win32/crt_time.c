/*
 * The Microsoft C runtime's gmtime_s, localtime_s, _mkgmtime and rand_s
 * (include/ws2posix/crt.h).
 */
#include <windows.h>

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

/*
 * "All fields set to -1" is what gmtime_s and localtime_s leave in *tm when the time is
 * NULL, negative or past _MAX__TIME64_T.  glibc's struct tm has two more fields, which get
 * zero and NULL.
 */
static errno_t crt__tm_invalid(struct tm *tm)
{
    memset(tm, 0, sizeof(*tm));
    tm->tm_sec = tm->tm_min = tm->tm_hour = tm->tm_mday = tm->tm_mon = tm->tm_year = -1;
    tm->tm_wday = tm->tm_yday = tm->tm_isdst = -1;
    errno = EINVAL;
    return EINVAL;
}

/* Microsoft's argument order: the result first, then the time. */
errno_t __cdecl gmtime_s(struct tm *_Tm, const time_t *_Time)
{
    if (!_Tm) {
        errno = EINVAL;
        return EINVAL;
    }
    if (!_Time || *_Time < 0 || *_Time > _MAX__TIME64_T || !gmtime_r(_Time, _Tm))
        return crt__tm_invalid(_Tm);
    return 0;
}

errno_t __cdecl localtime_s(struct tm *_Tm, const time_t *_Time)
{
    if (!_Tm) {
        errno = EINVAL;
        return EINVAL;
    }
    if (!_Time || *_Time < 0 || *_Time > _MAX__TIME64_T)
        return crt__tm_invalid(_Tm);
    tzset(); /* As localtime does: TZ may have changed since the last call. */
    if (!localtime_r(_Time, _Tm))
        return crt__tm_invalid(_Tm);
    return 0;
}

/*
 * _mkgmtime: timegm, limited to Windows' range (1970 to the end of 3000, UTC); -1 outside
 * it.  Like timegm it normalises *tm (tm_wday and tm_yday are computed, out-of-range fields
 * carried over).
 */
time_t __cdecl _mkgmtime(struct tm *_Tm)
{
    if (!_Tm) {
        errno = EINVAL;
        return (time_t)-1;
    }
    time_t t = timegm(_Tm);
    if (t < 0 || t > _MAX__TIME64_T)
        return (time_t)-1;
    return t;
}

/* rand_s: 32 bits from the kernel's random source (getrandom), never from rand()'s state. */
errno_t __cdecl rand_s(unsigned int *_RandomValue)
{
    if (!_RandomValue) {
        errno = EINVAL;
        return EINVAL;
    }
    unsigned int value;
    ssize_t got;
    do
        got = getrandom(&value, sizeof(value), 0);
    while (got < 0 && errno == EINTR);
    if (got != (ssize_t)sizeof(value)) {
        *_RandomValue = 0;
        errno = ENOMEM; /* The kernel gave no random bits: nothing is made up instead. */
        return ENOMEM;
    }
    *_RandomValue = value;
    return 0;
}
