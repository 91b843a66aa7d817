/*
 * Time (timezoneapi.h, sysinfoapi.h): FILETIME counts 100 ns since
 * 1601-01-01 UTC; the SYSTEMTIME conversions, their validation,
 * CompareFileTime, the system clock and the local time zone.
 */
#include <timezoneapi.h> /* first: the header compiles alone */

#include <time.h>

#include "testlib.h"

static ULONGLONG ft_value(FILETIME ft)
{
    return ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

static FILETIME ft_of(ULONGLONG v)
{
    FILETIME ft = {(DWORD)v, (DWORD)(v >> 32)};
    return ft;
}

static SYSTEMTIME st_of(int y, int mo, int d, int h, int mi, int s, int ms)
{
    SYSTEMTIME st = {(WORD)y, (WORD)mo, 0, (WORD)d, (WORD)h, (WORD)mi, (WORD)s, (WORD)ms};
    return st;
}

/* The Unix epoch is 116444736000000000 ticks; tick 0 is Monday 1601-01-01. */
static void filetime_epochs_have_their_known_values(void **state)
{
    (void)state;
    SYSTEMTIME st = st_of(1970, 1, 1, 0, 0, 0, 0);
    FILETIME ft;
    assert_true(SystemTimeToFileTime(&st, &ft));
    assert_true(ft_value(ft) == 116444736000000000ULL);

    st = st_of(1601, 1, 1, 0, 0, 0, 0);
    assert_true(SystemTimeToFileTime(&st, &ft));
    assert_true(ft_value(ft) == 0);

    ft = ft_of(0);
    memset(&st, 0xcc, sizeof(st));
    assert_true(FileTimeToSystemTime(&ft, &st));
    assert_int_equal(st.wYear, 1601);
    assert_int_equal(st.wMonth, 1);
    assert_int_equal(st.wDay, 1);
    assert_int_equal(st.wDayOfWeek, 1); /* Monday */
    assert_int_equal(st.wHour + st.wMinute + st.wSecond + st.wMilliseconds, 0);

    /* 2000-02-29 12:34:56.789, a Tuesday, is 951827696789 ms after the Unix epoch. */
    ft = ft_of(116444736000000000ULL + 951827696789ULL * 10000);
    assert_true(FileTimeToSystemTime(&ft, &st));
    assert_int_equal(st.wYear, 2000);
    assert_int_equal(st.wMonth, 2);
    assert_int_equal(st.wDay, 29);
    assert_int_equal(st.wDayOfWeek, 2);
    assert_int_equal(st.wHour, 12);
    assert_int_equal(st.wMinute, 34);
    assert_int_equal(st.wSecond, 56);
    assert_int_equal(st.wMilliseconds, 789);

    /* The last SYSTEMTIME there is: 30827-12-31 23:59:59.999. */
    st = st_of(30827, 12, 31, 23, 59, 59, 999);
    assert_true(SystemTimeToFileTime(&st, &ft));
    SYSTEMTIME back;
    assert_true(FileTimeToSystemTime(&ft, &back));
    assert_int_equal(back.wYear, 30827);
    assert_int_equal(back.wMilliseconds, 999);
}

/* Every day from 1970 to 2100 (and some seconds of it) agrees with the C library's gmtime. */
static void filetime_and_systemtime_agree_with_gmtime(void **state)
{
    (void)state;
    for (long long t = 0; t < 4102444800LL; t += 86400 + 3607) {
        time_t tt = (time_t)t;
        struct tm *g = gmtime(&tt);
        assert_non_null(g);
        FILETIME ft = ft_of(116444736000000000ULL + (ULONGLONG)t * 10000000ULL + 1230003);
        SYSTEMTIME st;
        assert_true(FileTimeToSystemTime(&ft, &st));
        assert_int_equal(st.wYear, g->tm_year + 1900);
        assert_int_equal(st.wMonth, g->tm_mon + 1);
        assert_int_equal(st.wDay, g->tm_mday);
        assert_int_equal(st.wDayOfWeek, g->tm_wday);
        assert_int_equal(st.wHour, g->tm_hour);
        assert_int_equal(st.wMinute, g->tm_min);
        assert_int_equal(st.wSecond, g->tm_sec);
        assert_int_equal(st.wMilliseconds, 123);
        FILETIME back;
        st.wDayOfWeek = 6; /* ignored on input */
        assert_true(SystemTimeToFileTime(&st, &back));
        assert_true(ft_value(back) == ft_value(ft) - 3); /* below a millisecond is dropped */
    }
}

/*
 * A SYSTEMTIME field out of range fails with ERROR_INVALID_PARAMETER, and so
 * does a FILETIME at or above 0x8000000000000000.
 */
static void invalid_times_fail_with_invalid_parameter(void **state)
{
    (void)state;
    SYSTEMTIME bad[] = {
        st_of(2023, 13, 1, 0, 0, 0, 0),  st_of(2023, 0, 1, 0, 0, 0, 0),
        st_of(2023, 1, 0, 0, 0, 0, 0),   st_of(2023, 2, 29, 0, 0, 0, 0),
        st_of(1900, 2, 29, 0, 0, 0, 0),  st_of(2023, 4, 31, 0, 0, 0, 0),
        st_of(2023, 1, 1, 24, 0, 0, 0),  st_of(2023, 1, 1, 0, 60, 0, 0),
        st_of(2023, 1, 1, 0, 0, 60, 0),  st_of(2023, 1, 1, 0, 0, 0, 1000),
        st_of(1600, 12, 31, 0, 0, 0, 0), st_of(30828, 1, 1, 0, 0, 0, 0),
    };
    for (size_t i = 0; i < ARRAYSIZE(bad); i++) {
        FILETIME ft = ft_of(12345);
        SetLastError(0);
        assert_false(SystemTimeToFileTime(&bad[i], &ft));
        assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    }
    SYSTEMTIME leap = st_of(2024, 2, 29, 0, 0, 0, 0);
    FILETIME ft;
    assert_true(SystemTimeToFileTime(&leap, &ft));

    SYSTEMTIME st;
    ft = ft_of(0x8000000000000000ULL);
    SetLastError(0);
    assert_false(FileTimeToSystemTime(&ft, &st));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    ft = ft_of(0x7fffffffffffffffULL);
    assert_true(FileTimeToSystemTime(&ft, &st));
    assert_int_equal(st.wYear, 30828);
}

/* CompareFileTime: -1, 0, 1, comparing the 64-bit values (the high part first, unsigned). */
static void compare_file_time_orders_64_bit_values(void **state)
{
    (void)state;
    FILETIME a = ft_of(5), b = ft_of(6);
    assert_int_equal(CompareFileTime(&a, &b), -1);
    assert_int_equal(CompareFileTime(&b, &a), 1);
    assert_int_equal(CompareFileTime(&a, &a), 0);
    FILETIME hi = {0, 1}, lo = {0xffffffff, 0};
    assert_int_equal(CompareFileTime(&hi, &lo), 1);
    FILETIME top = {0, 0x80000000};
    assert_int_equal(CompareFileTime(&top, &hi), 1);
}

/* The system clock is the real time: it agrees with the C library's time(). */
static void system_time_is_the_real_time(void **state)
{
    (void)state;
    time_t before = time(NULL);
    FILETIME coarse, precise;
    GetSystemTimeAsFileTime(&coarse);
    GetSystemTimePreciseAsFileTime(&precise);
    SYSTEMTIME st;
    GetSystemTime(&st);
    time_t after = time(NULL);

    long long unix_coarse = (long long)((ft_value(coarse) - 116444736000000000ULL) / 10000000ULL);
    long long unix_precise = (long long)((ft_value(precise) - 116444736000000000ULL) / 10000000ULL);
    assert_true(unix_coarse >= before - 1 && unix_coarse <= after + 1);
    assert_true(unix_precise >= before - 1 && unix_precise <= after + 1);

    FILETIME from_st;
    assert_true(SystemTimeToFileTime(&st, &from_st));
    long long unix_st = (long long)((ft_value(from_st) - 116444736000000000ULL) / 10000000ULL);
    assert_true(unix_st >= before - 1 && unix_st <= after + 1);

    /* The precise clock never runs behind a coarse reading taken before it (by a tick). */
    assert_true(ft_value(precise) + 100000 >= ft_value(coarse));
}

/* Milliseconds between two SYSTEMTIMEs (b - a). */
static long long st_diff_ms(SYSTEMTIME a, SYSTEMTIME b)
{
    FILETIME fa, fb;
    assert_true(SystemTimeToFileTime(&a, &fa));
    assert_true(SystemTimeToFileTime(&b, &fb));
    return ((long long)ft_value(fb) - (long long)ft_value(fa)) / 10000;
}

static void set_zone(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

/*
 * With a zone nine hours east of UTC and no daylight saving time: local time
 * is UTC + 9 h, the FILETIME conversions move by nine hours both ways, and
 * GetTimeZoneInformation reports a bias of -540 minutes and
 * TIME_ZONE_ID_UNKNOWN (no daylight saving time).
 */
static void fixed_zone_offsets_and_information(void **state)
{
    (void)state;
    set_zone("JST-9");
    SYSTEMTIME utc, local;
    GetSystemTime(&utc);
    GetLocalTime(&local);
    long long diff = st_diff_ms(utc, local);
    assert_true(diff > 9 * 3600000LL - 2000 && diff < 9 * 3600000LL + 2000);

    FILETIME u = ft_of(116444736000000000ULL), l, back;
    assert_true(FileTimeToLocalFileTime(&u, &l));
    assert_true(ft_value(l) == ft_value(u) + 9 * 3600 * 10000000ULL);
    assert_true(LocalFileTimeToFileTime(&l, &back));
    assert_true(ft_value(back) == ft_value(u));

    TIME_ZONE_INFORMATION tzi;
    memset(&tzi, 0xcc, sizeof(tzi));
    assert_int_equal(GetTimeZoneInformation(&tzi), TIME_ZONE_ID_UNKNOWN);
    assert_int_equal(tzi.Bias, -540);
    assert_int_equal(tzi.StandardBias, 0);
    assert_int_equal(tzi.DaylightBias, 0);
    assert_int_equal(tzi.StandardDate.wMonth, 0); /* no transitions */
    assert_int_equal(tzi.DaylightDate.wMonth, 0);
    assert_int_equal(tzi.StandardName[0], L'J');

    set_zone("UTC0");
    assert_int_equal(GetTimeZoneInformation(&tzi), TIME_ZONE_ID_UNKNOWN);
    assert_int_equal(tzi.Bias, 0);
    assert_true(FileTimeToLocalFileTime(&u, &l));
    assert_true(ft_value(l) == ft_value(u));
}

/*
 * Zones with daylight saving time, as Windows describes them: the bias of
 * standard time, a daylight bias of -60, and each transition as the n-th
 * (5 = last) weekday of a month at the local time before the change.
 */
static void daylight_zones_report_their_rules(void **state)
{
    (void)state;
    struct {
        const char *tz;
        LONG bias;
        WORD dst_month, dst_day, dst_hour, std_month, std_day, std_hour;
        const wchar_t *std_name, *dst_name;
    } zones[] = {
        /* Central Europe: last Sunday of March at 2:00, last Sunday of October at 3:00. */
        {"CET-1CEST,M3.5.0,M10.5.0/3", -60, 3, 5, 2, 10, 5, 3, L"CET", L"CEST"},
        /* US Eastern: second Sunday of March at 2:00, first Sunday of November at 2:00. */
        {"EST5EDT,M3.2.0,M11.1.0", 300, 3, 2, 2, 11, 1, 2, L"EST", L"EDT"},
        /* Eastern Australia, daylight time over the new year. */
        {"AEST-10AEDT,M10.1.0,M4.1.0/3", -600, 10, 1, 2, 4, 1, 3, L"AEST", L"AEDT"},
    };
    for (size_t i = 0; i < ARRAYSIZE(zones); i++) {
        set_zone(zones[i].tz);
        TIME_ZONE_INFORMATION tzi;
        memset(&tzi, 0xcc, sizeof(tzi));
        DWORD id = GetTimeZoneInformation(&tzi);
        time_t now = time(NULL);
        struct tm *lt = localtime(&now);
        assert_int_equal(id, lt->tm_isdst > 0 ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD);
        assert_int_equal(tzi.Bias, zones[i].bias);
        assert_int_equal(tzi.StandardBias, 0);
        assert_int_equal(tzi.DaylightBias, -60);
        assert_int_equal(tzi.DaylightDate.wYear, 0);
        assert_int_equal(tzi.DaylightDate.wMonth, zones[i].dst_month);
        assert_int_equal(tzi.DaylightDate.wDayOfWeek, 0);
        assert_int_equal(tzi.DaylightDate.wDay, zones[i].dst_day);
        assert_int_equal(tzi.DaylightDate.wHour, zones[i].dst_hour);
        assert_int_equal(tzi.DaylightDate.wMinute, 0);
        assert_int_equal(tzi.StandardDate.wMonth, zones[i].std_month);
        assert_int_equal(tzi.StandardDate.wDayOfWeek, 0);
        assert_int_equal(tzi.StandardDate.wDay, zones[i].std_day);
        assert_int_equal(tzi.StandardDate.wHour, zones[i].std_hour);
        assert_true(wcscmp(tzi.StandardName, zones[i].std_name) == 0);
        assert_true(wcscmp(tzi.DaylightName, zones[i].dst_name) == 0);

        /* FileTimeToLocalFileTime uses the offset in force now, whatever the date. */
        FILETIME u = ft_of(116444736000000000ULL), l;
        assert_true(FileTimeToLocalFileTime(&u, &l));
        long long now_bias = tzi.Bias + (id == TIME_ZONE_ID_DAYLIGHT ? tzi.DaylightBias : 0);
        assert_true((long long)ft_value(l) - (long long)ft_value(u) == -now_bias * 60 * 10000000LL);
    }
    set_zone("UTC0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(filetime_epochs_have_their_known_values),
        cmocka_unit_test(filetime_and_systemtime_agree_with_gmtime),
        cmocka_unit_test(invalid_times_fail_with_invalid_parameter),
        cmocka_unit_test(compare_file_time_orders_64_bit_values),
        cmocka_unit_test(system_time_is_the_real_time),
        cmocka_unit_test(fixed_zone_offsets_and_information),
        cmocka_unit_test(daylight_zones_report_their_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
