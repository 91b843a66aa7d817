/*
 * The Microsoft C runtime's names that windows.h gives a program (include/ws2posix/crt.h),
 * with the results Microsoft documents: _snprintf's missing terminator, the _s functions'
 * EINVAL/ERANGE/STRUNCATE and emptied destinations, _itoa's 32-bit two's complement,
 * gmtime_s's argument order, _mkgmtime, rand_s, _countof, min and max.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testlib.h"

/* A buffer full of 'X', to see exactly which characters a call wrote. */
#define FILL(buf) memset((buf), 'X', sizeof(buf))

/*
 * _snprintf: "If len < count, len characters are stored in buffer, a null-terminator is
 * appended, and len is returned.  If len = count, len characters are stored in buffer, no
 * null-terminator is appended, and len is returned.  If len > count, count characters are
 * stored in buffer, no null-terminator is appended, and a negative value is returned."
 */
static void snprintf_ms_exact_fit_returns_count_without_terminator(void **state)
{
    (void)state;
    char buf[16];
    FILL(buf);
    assert_int_equal(_snprintf(buf, 5, "%s", "hello"), 5);
    assert_memory_equal(buf, "hello", 5);
    assert_int_equal(buf[5], 'X');

    FILL(buf);
    assert_int_equal(_snprintf(buf, 8, "%d-%s", 42, "ab"), 5);
    assert_string_equal(buf, "42-ab");
    assert_int_equal(buf[6], 'X');

    FILL(buf);
    assert_int_equal(_snprintf(buf, 3, "hello"), -1);
    assert_memory_equal(buf, "hel", 3);
    assert_int_equal(buf[3], 'X');

    /* A long output (beyond any small scratch buffer) cut at count. */
    char big[600];
    memset(big, 'X', sizeof(big));
    assert_int_equal(_snprintf(big, 500, "%0550d", 7), -1);
    assert_int_equal(big[498], '0');
    assert_int_equal(big[499], '0');
    assert_int_equal(big[500], 'X');

    /* "If buffer is a null pointer and count is zero, len is returned." */
    assert_int_equal(_snprintf(NULL, 0, "%d", 12345), 5);
    errno = 0;
    assert_int_equal(_snprintf(NULL, 4, "x"), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(_scprintf("%s=%d", "port", 8080), 9);
}

/* _snwprintf: the same contract in wide characters, which glibc's vswprintf does not keep. */
static void snwprintf_ms_exact_fit_and_truncation(void **state)
{
    (void)state;
    wchar_t buf[16];
    wmemset(buf, L'X', 16);
    assert_int_equal(_snwprintf(buf, 5, L"%ls", L"hello"), 5);
    assert_memory_equal(buf, L"hello", 5 * sizeof(wchar_t));
    assert_true(buf[5] == L'X');

    wmemset(buf, L'X', 16);
    assert_int_equal(_snwprintf(buf, 3, L"%d", 12345), -1);
    assert_memory_equal(buf, L"123", 3 * sizeof(wchar_t));
    assert_true(buf[3] == L'X');

    wmemset(buf, L'X', 16);
    assert_int_equal(_snwprintf(buf, 8, L"%d", 12), 2);
    assert_true(wcscmp(buf, L"12") == 0);
    assert_int_equal(_scwprintf(L"%ls:%d", L"ab", 7), 4);
}

/* sprintf_s: "If the buffer is too small ... buffer[0] set to null, ERANGE, -1". */
static void sprintf_s_too_small_empties_buffer_erange(void **state)
{
    (void)state;
    char buf[8];
    assert_int_equal(sprintf_s(buf, sizeof(buf), "%d:%s", 7, "abc"), 5);
    assert_string_equal(buf, "7:abc");

    FILL(buf);
    errno = 0;
    assert_int_equal(sprintf_s(buf, sizeof(buf), "%s", "12345678"), -1);
    assert_int_equal(buf[0], 0);
    assert_int_equal(errno, ERANGE);

    errno = 0;
    assert_int_equal(sprintf_s(NULL, 8, "x"), -1);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_int_equal(sprintf_s(buf, 0, "x"), -1);
    assert_int_equal(errno, EINVAL);

    wchar_t w[4];
    assert_int_equal(swprintf_s(w, 4, L"%d", 123), 3);
    assert_true(wcscmp(w, L"123") == 0);
    assert_int_equal(swprintf_s(w, 4, L"%d", 1234), -1);
    assert_true(w[0] == 0);
}

/*
 * _snprintf_s: with _TRUNCATE "as much of the string as will fit in buffer is written and
 * -1 returned"; a count below the size cuts at count; a count the buffer cannot hold is
 * ERANGE with an empty buffer.
 */
static void snprintf_s_truncate_and_count(void **state)
{
    (void)state;
    char buf[8];
    FILL(buf);
    assert_int_equal(_snprintf_s(buf, 4, _TRUNCATE, "hello"), -1);
    assert_string_equal(buf, "hel");

    assert_int_equal(_snprintf_s(buf, sizeof(buf), _TRUNCATE, "hi"), 2);
    assert_string_equal(buf, "hi");

    FILL(buf);
    assert_int_equal(_snprintf_s(buf, sizeof(buf), 3, "hello"), -1);
    assert_string_equal(buf, "hel");
    assert_int_equal(_snprintf_s(buf, sizeof(buf), 5, "hello"), 5);
    assert_string_equal(buf, "hello");

    FILL(buf);
    errno = 0;
    assert_int_equal(_snprintf_s(buf, 4, 10, "hello"), -1);
    assert_int_equal(buf[0], 0);
    assert_int_equal(errno, ERANGE);

    assert_int_equal(_snprintf_s(NULL, 0, 0, "x"), 0);
    errno = 0;
    assert_int_equal(_snprintf_s(buf, sizeof(buf), 0, "x"), -1);
    assert_int_equal(errno, EINVAL);

    wchar_t w[8];
    assert_int_equal(_snwprintf_s(w, 4, _TRUNCATE, L"%ls", L"hello"), -1);
    assert_true(wcscmp(w, L"hel") == 0);
}

/*
 * strcpy_s and strncpy_s.  "_TRUNCATE ... copy only as much of the string as will fit,
 * leaving the destination buffer null-terminated, and return ... STRUNCATE".
 */
static void strncpy_s_truncate_returns_struncate(void **state)
{
    (void)state;
    char buf[4];
    assert_int_equal(STRUNCATE, 80);
    assert_int_equal(strncpy_s(buf, sizeof(buf), "hello", _TRUNCATE), STRUNCATE);
    assert_string_equal(buf, "hel");
    assert_int_equal(strncpy_s(buf, sizeof(buf), "abc", _TRUNCATE), 0);
    assert_string_equal(buf, "abc");
    assert_int_equal(strncpy_s(buf, sizeof(buf), "hello", 2), 0);
    assert_string_equal(buf, "he");

    errno = 0;
    assert_int_equal(strncpy_s(buf, sizeof(buf), "hello", 4), ERANGE);
    assert_int_equal(buf[0], 0);
    assert_int_equal(errno, ERANGE);

    assert_int_equal(strncpy_s(NULL, 0, NULL, 0), 0);
    assert_int_equal(strncpy_s(buf, sizeof(buf), NULL, 0), 0);
    assert_int_equal(buf[0], 0);
    strcpy(buf, "abc");
    assert_int_equal(strncpy_s(buf, sizeof(buf), NULL, 2), EINVAL);
    assert_int_equal(buf[0], 0);

    assert_int_equal(strcpy_s(buf, sizeof(buf), "abc"), 0);
    assert_string_equal(buf, "abc");
    assert_int_equal(strcpy_s(buf, sizeof(buf), "abcd"), ERANGE);
    assert_int_equal(buf[0], 0);
    strcpy(buf, "abc");
    assert_int_equal(strcpy_s(buf, sizeof(buf), NULL), EINVAL);
    assert_int_equal(buf[0], 0);
    assert_int_equal(strcpy_s(NULL, 4, "a"), EINVAL);
    strcpy(buf, "abc");
    assert_int_equal(strcpy_s(buf, 0, "a"), EINVAL);
    assert_string_equal(buf, "abc");

    wchar_t w[4];
    assert_int_equal(wcsncpy_s(w, 4, L"hello", _TRUNCATE), STRUNCATE);
    assert_true(wcscmp(w, L"hel") == 0);
    assert_int_equal(wcscpy_s(w, 4, L"abcd"), ERANGE);
    assert_true(w[0] == 0);
}

/* strcat_s and strncat_s: appending, ERANGE emptying, an unterminated destination. */
static void strcat_s_and_strncat_s_results(void **state)
{
    (void)state;
    char buf[8] = "abc";
    assert_int_equal(strcat_s(buf, sizeof(buf), "def"), 0);
    assert_string_equal(buf, "abcdef");
    assert_int_equal(strcat_s(buf, sizeof(buf), "gh"), ERANGE);
    assert_int_equal(buf[0], 0);

    memset(buf, 'X', sizeof(buf));
    assert_int_equal(strcat_s(buf, sizeof(buf), "a"), EINVAL);
    assert_int_equal(buf[0], 0);

    strcpy(buf, "abc");
    assert_int_equal(strncat_s(buf, sizeof(buf), "defghij", 2), 0);
    assert_string_equal(buf, "abcde");
    assert_int_equal(strncat_s(buf, sizeof(buf), "xyz", _TRUNCATE), STRUNCATE);
    assert_string_equal(buf, "abcdexy");
    strcpy(buf, "abc");
    assert_int_equal(strncat_s(buf, sizeof(buf), "defghij", 5), ERANGE);
    assert_int_equal(buf[0], 0);

    wchar_t w[6] = L"ab";
    assert_int_equal(wcscat_s(w, 6, L"cd"), 0);
    assert_true(wcscmp(w, L"abcd") == 0);
    assert_int_equal(wcsncat_s(w, 6, L"efg", _TRUNCATE), STRUNCATE);
    assert_true(wcscmp(w, L"abcde") == 0);
}

/* memcpy_s zeroes the destination on failure; memmove_s leaves it. */
static void memcpy_s_zeroes_destination_on_failure(void **state)
{
    (void)state;
    char dst[4] = {'a', 'b', 'c', 'd'};
    assert_int_equal(memcpy_s(dst, sizeof(dst), "12", 2), 0);
    assert_memory_equal(dst, "12cd", 4);
    assert_int_equal(memcpy_s(dst, sizeof(dst), "123456", 6), ERANGE);
    assert_memory_equal(dst, "\0\0\0\0", 4);
    memcpy(dst, "abcd", 4);
    assert_int_equal(memcpy_s(dst, sizeof(dst), NULL, 2), EINVAL);
    assert_memory_equal(dst, "\0\0\0\0", 4);
    assert_int_equal(memcpy_s(NULL, 0, NULL, 0), 0);
    assert_int_equal(memcpy_s(NULL, 4, "a", 1), EINVAL);

    memcpy(dst, "abcd", 4);
    assert_int_equal(memmove_s(dst, sizeof(dst), "123456", 6), ERANGE);
    assert_memory_equal(dst, "abcd", 4);
    assert_int_equal(memmove_s(dst + 1, 3, dst, 3), 0);
    assert_memory_equal(dst, "aabc", 4);
}

/* strtok_s: Microsoft's three arguments; NULL context or delimiters is EINVAL. */
static void strtok_s_three_arguments(void **state)
{
    (void)state;
    char text[] = "GET /index.html HTTP/1.1";
    char *context = NULL;
    assert_string_equal(strtok_s(text, " ", &context), "GET");
    assert_string_equal(strtok_s(NULL, " ", &context), "/index.html");
    assert_string_equal(strtok_s(NULL, " ", &context), "HTTP/1.1");
    assert_null(strtok_s(NULL, " ", &context));

    errno = 0;
    assert_null(strtok_s(text, " ", NULL));
    assert_int_equal(errno, EINVAL);
    char *empty = NULL;
    errno = 0;
    assert_null(strtok_s(NULL, " ", &empty));
    assert_int_equal(errno, EINVAL);

    wchar_t wtext[] = L"a,b";
    wchar_t *wcontext = NULL;
    assert_true(wcscmp(wcstok_s(wtext, L",", &wcontext), L"a") == 0);
    assert_true(wcscmp(wcstok_s(NULL, L",", &wcontext), L"b") == 0);
}

/* Case-insensitive comparison lowers both sides; NULL gives _NLSCMPERROR and EINVAL. */
static void stricmp_family(void **state)
{
    (void)state;
    assert_int_equal(_stricmp("Content-Length", "content-length"), 0);
    assert_true(_stricmp("abc", "ABD") < 0);
    assert_true(_stricmp("_", "A") < 0); /* '_' (95) below 'a' (97) once lowered. */
    assert_int_equal(_strnicmp("HOST: x", "host: y", 5), 0);
    assert_true(_strnicmp("HOST: x", "host: y", 7) < 0);
    assert_int_equal(_strcmpi("A", "a"), 0);
    errno = 0;
    assert_int_equal(_stricmp(NULL, "a"), _NLSCMPERROR);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(_wcsicmp(L"Hello", L"hELLO"), 0);
    assert_true(_wcsnicmp(L"ab", L"AC", 2) < 0);

    char text[] = "MiXeD 123";
    assert_ptr_equal(_strlwr(text), text);
    assert_string_equal(text, "mixed 123");
    assert_string_equal(_strupr(text), "MIXED 123");
    assert_null(_strlwr(NULL));

    char *copy = _strdup("dup");
    assert_string_equal(copy, "dup");
    free(copy);
    assert_null(_strdup(NULL));
    wchar_t *wcopy = _wcsdup(L"w");
    assert_true(wcscmp(wcopy, L"w") == 0);
    free(wcopy);
}

/*
 * _itoa and friends: lowercase digits, a sign only in radix 10, the two's complement of the
 * type's Windows width otherwise (long is 32 bits there).
 */
static void itoa_twos_complement_of_windows_width(void **state)
{
    (void)state;
    char buf[80];
    assert_ptr_equal(_itoa(255, buf, 16), buf);
    assert_string_equal(buf, "ff");
    assert_string_equal(_itoa(-42, buf, 10), "-42");
    assert_string_equal(_itoa(-1, buf, 16), "ffffffff");
    assert_string_equal(_itoa(-1, buf, 2), "11111111111111111111111111111111");
    assert_string_equal(_itoa(35, buf, 36), "z");
    assert_string_equal(_itoa(0, buf, 10), "0");
    assert_string_equal(_ltoa(-1L, buf, 16), "ffffffff");
    assert_string_equal(_ltoa(-2147483647L - 1, buf, 10), "-2147483648");
    assert_string_equal(_ultoa(4294967295UL, buf, 10), "4294967295");
    assert_string_equal(_i64toa(-1LL, buf, 16), "ffffffffffffffff");
    assert_string_equal(_i64toa(-9223372036854775807LL - 1, buf, 10), "-9223372036854775808");
    assert_string_equal(_ui64toa(18446744073709551615ULL, buf, 10), "18446744073709551615");

    memset(buf, 'X', sizeof(buf));
    errno = 0;
    assert_ptr_equal(_itoa(5, buf, 1), buf);
    assert_int_equal(buf[0], 0);
    assert_int_equal(errno, EINVAL);

    char small[4];
    assert_int_equal(_itoa_s(123, small, sizeof(small), 10), 0);
    assert_string_equal(small, "123");
    assert_int_equal(_itoa_s(1234, small, sizeof(small), 10), ERANGE);
    assert_int_equal(small[0], 0);
    assert_int_equal(_itoa_s(1, small, sizeof(small), 37), EINVAL);
    assert_int_equal(_itoa_s(1, NULL, 4, 10), EINVAL);
    assert_int_equal(_i64toa_s(-5, small, sizeof(small), 10), 0);
    assert_string_equal(small, "-5");

    wchar_t w[12];
    assert_true(wcscmp(_itow(-7, w, 10), L"-7") == 0);
    assert_true(wcscmp(_ui64tow(255, w, 2), L"11111111") == 0);
}

static void atoi64_and_strtoi64(void **state)
{
    (void)state;
    assert_true(_atoi64("-9000000000") == -9000000000LL);
    char *end = NULL;
    assert_true(_strtoi64("7fffffffffffffff!", &end, 16) == 9223372036854775807LL);
    assert_int_equal(*end, '!');
    assert_true(_strtoui64("18446744073709551615", NULL, 10) == 18446744073709551615ULL);
    assert_int_equal(_wtoi(L"42x"), 42);
    assert_true(_wtoi64(L"-5000000000") == -5000000000LL);
}

/*
 * gmtime_s takes (struct tm *, const time_t *) and returns an errno_t; a NULL time, a
 * negative one or one after _MAX__TIME64_T is EINVAL with every field -1.
 */
static void gmtime_s_microsoft_argument_order(void **state)
{
    (void)state;
    struct tm tm;
    time_t t = 1000000000; /* 2001-09-09 01:46:40 UTC, a Sunday. */
    assert_int_equal(gmtime_s(&tm, &t), 0);
    assert_int_equal(tm.tm_year, 101);
    assert_int_equal(tm.tm_mon, 8);
    assert_int_equal(tm.tm_mday, 9);
    assert_int_equal(tm.tm_hour, 1);
    assert_int_equal(tm.tm_min, 46);
    assert_int_equal(tm.tm_sec, 40);
    assert_int_equal(tm.tm_wday, 0);
    assert_int_equal(tm.tm_yday, 251);
    assert_int_equal(tm.tm_isdst, 0);

    t = -1;
    assert_int_equal(gmtime_s(&tm, &t), EINVAL);
    assert_int_equal(tm.tm_year, -1);
    assert_int_equal(tm.tm_mday, -1);
    assert_int_equal(tm.tm_isdst, -1);
    t = _MAX__TIME64_T + 1;
    assert_int_equal(gmtime_s(&tm, &t), EINVAL);
    t = _MAX__TIME64_T;
    assert_int_equal(gmtime_s(&tm, &t), 0);
    assert_int_equal(tm.tm_year, 1101); /* 3001-01-01 07:59:59 UTC */
    assert_int_equal(tm.tm_mon, 0);
    assert_int_equal(tm.tm_mday, 1);
    assert_int_equal(tm.tm_hour, 7);
    assert_int_equal(gmtime_s(&tm, NULL), EINVAL);
    assert_int_equal(tm.tm_hour, -1);
    assert_int_equal(gmtime_s(NULL, &t), EINVAL);
}

/* localtime_s in UTC gives what gmtime_s gives. */
static void localtime_s_follows_tz(void **state)
{
    (void)state;
    char *saved = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
    setenv("TZ", "UTC0", 1);
    struct tm local, utc;
    time_t t = 1700000000;
    assert_int_equal(localtime_s(&local, &t), 0);
    assert_int_equal(gmtime_s(&utc, &t), 0);
    assert_int_equal(local.tm_hour, utc.tm_hour);
    assert_int_equal(local.tm_mday, utc.tm_mday);
    setenv("TZ", "EST5", 1);
    assert_int_equal(localtime_s(&local, &t), 0);
    assert_int_equal((utc.tm_hour - local.tm_hour + 24) % 24, 5);
    t = -5;
    assert_int_equal(localtime_s(&local, &t), EINVAL);
    assert_int_equal(local.tm_min, -1);
    if (saved) {
        setenv("TZ", saved, 1);
        free(saved);
    } else {
        unsetenv("TZ");
    }
    tzset();
}

/* _mkgmtime is gmtime_s's inverse, normalises the structure, and is -1 before 1970. */
static void mkgmtime_round_trip(void **state)
{
    (void)state;
    struct tm tm;
    time_t t = 1234567890;
    assert_int_equal(gmtime_s(&tm, &t), 0);
    assert_true(_mkgmtime(&tm) == t);

    memset(&tm, 0, sizeof(tm));
    tm.tm_year = 124; /* 2024 */
    tm.tm_mon = 0;
    tm.tm_mday = 32; /* January 32nd is February 1st. */
    tm.tm_isdst = 1; /* Ignored: the time is UTC. */
    time_t feb1 = _mkgmtime(&tm);
    assert_true(feb1 == 1706745600);
    assert_int_equal(tm.tm_mon, 1);
    assert_int_equal(tm.tm_mday, 1);
    assert_int_equal(tm.tm_wday, 4);

    memset(&tm, 0, sizeof(tm));
    tm.tm_year = 69;
    tm.tm_mday = 1;
    assert_true(_mkgmtime(&tm) == (time_t)-1);
    assert_true(_mkgmtime(NULL) == (time_t)-1);
}

/* rand_s: 0 and random bits; NULL is EINVAL. */
static void rand_s_gives_random_bits(void **state)
{
    (void)state;
    unsigned int first = 0, value = 0;
    int different = 0;
    assert_int_equal(rand_s(&first), 0);
    for (int i = 0; i < 16; i++) {
        assert_int_equal(rand_s(&value), 0);
        different += value != first;
    }
    assert_true(different > 0);
    assert_int_equal(rand_s(NULL), EINVAL);
}

/* The macros and constants: _countof, MAX_PATH, _TRUNCATE, min and max (C: the SDK's macros). */
static void countof_min_max_and_constants(void **state)
{
    (void)state;
    char path[MAX_PATH];
    WCHAR wide[_MAX_PATH];
    assert_int_equal(_countof(path), 260);
    assert_int_equal(_countof(wide), 260);
    assert_true(_TRUNCATE == (size_t)-1);
    int a = 3;
    unsigned int b = 7;
    assert_int_equal(max(a, 5), 5);
    assert_int_equal(min(a, 5), 3);
    assert_true(max(2.5, a) == 3.0);
    assert_true(min((unsigned)a, b) == 3u);
    assert_int_equal(_NLSCMPERROR, 2147483647);
    __time64_t now = _time64(NULL);
    assert_true(now > 1600000000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(snprintf_ms_exact_fit_returns_count_without_terminator),
        cmocka_unit_test(snwprintf_ms_exact_fit_and_truncation),
        cmocka_unit_test(sprintf_s_too_small_empties_buffer_erange),
        cmocka_unit_test(snprintf_s_truncate_and_count),
        cmocka_unit_test(strncpy_s_truncate_returns_struncate),
        cmocka_unit_test(strcat_s_and_strncat_s_results),
        cmocka_unit_test(memcpy_s_zeroes_destination_on_failure),
        cmocka_unit_test(strtok_s_three_arguments),
        cmocka_unit_test(stricmp_family),
        cmocka_unit_test(itoa_twos_complement_of_windows_width),
        cmocka_unit_test(atoi64_and_strtoi64),
        cmocka_unit_test(gmtime_s_microsoft_argument_order),
        cmocka_unit_test(localtime_s_follows_tz),
        cmocka_unit_test(mkgmtime_round_trip),
        cmocka_unit_test(rand_s_gives_random_bits),
        cmocka_unit_test(countof_min_max_and_constants),
    };
    return cmocka_run_group_tests_name("win32_crt", tests, NULL, NULL);
}
