/*
 * <strsafe.h>: the results Microsoft documents for StringCch and StringCb Copy, Cat,
 * Printf and Length -- truncation that always terminates and says
 * STRSAFE_E_INSUFFICIENT_BUFFER, STRSAFE_E_INVALID_PARAMETER for sizes of 0 or above
 * STRSAFE_MAX_CCH, and the Ex forms' flags, end pointer and remaining count.
 */
#include <strsafe.h>

#include "testlib.h"

#define FILL(buf) memset((buf), 'X', sizeof(buf))

static void strsafe_constants_have_sdk_values(void **state)
{
    (void)state;
    assert_int_equal(STRSAFE_MAX_CCH, 2147483647);
    assert_true(STRSAFE_E_INSUFFICIENT_BUFFER == (HRESULT)0x8007007A);
    assert_true(STRSAFE_E_INVALID_PARAMETER == (HRESULT)0x80070057);
    assert_true(STRSAFE_E_END_OF_FILE == (HRESULT)0x80070026);
    assert_true(STRSAFE_E_INSUFFICIENT_BUFFER == HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER));
    assert_true(FAILED(STRSAFE_E_INSUFFICIENT_BUFFER));
    assert_int_equal(STRSAFE_IGNORE_NULLS, 0x100);
    assert_int_equal(STRSAFE_FILL_BEHIND_NULL, 0x200);
    assert_int_equal(STRSAFE_FILL_ON_FAILURE, 0x400);
    assert_int_equal(STRSAFE_NULL_ON_FAILURE, 0x800);
    assert_int_equal(STRSAFE_NO_TRUNCATION, 0x1000);
    assert_int_equal(STRSAFE_FILL_BYTE('x'), 0x278);
}

/* StringCchCopy of "hello" into 4 characters: "hel" and STRSAFE_E_INSUFFICIENT_BUFFER. */
static void copy_truncates_terminated_insufficient_buffer(void **state)
{
    (void)state;
    char buf[8];
    FILL(buf);
    assert_true(StringCchCopyA(buf, 4, "hello") == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "hel");
    assert_int_equal(buf[4], 'X');
    assert_true(StringCchCopyA(buf, 6, "hello") == S_OK);
    assert_string_equal(buf, "hello");
    assert_true(StringCbCopyA(buf, sizeof(buf), "abc") == S_OK);
    assert_string_equal(buf, "abc");
    /* The generic name is the A form without UNICODE. */
    assert_true(StringCchCopy(buf, 2, "xy") == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "x");

    wchar_t w[4];
    assert_true(StringCchCopyW(w, 4, L"hello") == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_true(wcscmp(w, L"hel") == 0);
    /* Cb counts bytes: sizeof(w) is 4 characters, whatever sizeof(wchar_t) is. */
    assert_true(StringCbCopyW(w, sizeof(w), L"abc") == S_OK);
    assert_true(wcscmp(w, L"abc") == 0);
    assert_true(StringCbCopyW(w, sizeof(w), L"abcd") == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_true(wcscmp(w, L"abc") == 0);
}

/* A size of 0 or above STRSAFE_MAX_CCH is STRSAFE_E_INVALID_PARAMETER; nothing is written. */
static void copy_invalid_sizes(void **state)
{
    (void)state;
    char buf[8];
    FILL(buf);
    assert_true(StringCchCopyA(buf, 0, "a") == STRSAFE_E_INVALID_PARAMETER);
    assert_true(StringCchCopyA(buf, (size_t)STRSAFE_MAX_CCH + 1, "a") ==
                STRSAFE_E_INVALID_PARAMETER);
    assert_int_equal(buf[0], 'X');
    assert_true(StringCchCopyA(NULL, 8, "a") == STRSAFE_E_INVALID_PARAMETER);
    assert_true(StringCchCopyA(buf, sizeof(buf), NULL) == STRSAFE_E_INVALID_PARAMETER);
    assert_int_equal(buf[0], 0);
    assert_true(StringCchCopyNA(buf, sizeof(buf), "abc", (size_t)STRSAFE_MAX_CCH + 1) ==
                STRSAFE_E_INVALID_PARAMETER);
}

/* CopyN copies at most cchToCopy characters, stopping at the source's terminator. */
static void copyn_limits_source(void **state)
{
    (void)state;
    char buf[8];
    assert_true(StringCchCopyNA(buf, sizeof(buf), "abcdef", 3) == S_OK);
    assert_string_equal(buf, "abc");
    assert_true(StringCchCopyNA(buf, sizeof(buf), "ab", 5) == S_OK);
    assert_string_equal(buf, "ab");
    assert_true(StringCchCopyNA(buf, 3, "abcdef", 5) == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "ab");
    /* The source need not be terminated within cchToCopy. */
    const char unterminated[3] = {'x', 'y', 'z'};
    assert_true(StringCbCopyNA(buf, sizeof(buf), unterminated, 2) == S_OK);
    assert_string_equal(buf, "xy");
    wchar_t w[8];
    assert_true(StringCbCopyNW(w, sizeof(w), L"abcdef", 2 * sizeof(wchar_t)) == S_OK);
    assert_true(wcscmp(w, L"ab") == 0);
}

/*
 * Cat appends; truncation keeps what fits; a destination with no terminator within its
 * size is STRSAFE_E_INVALID_PARAMETER and stays as it was.
 */
static void cat_appends_and_truncates(void **state)
{
    (void)state;
    char buf[8] = "abc";
    assert_true(StringCchCatA(buf, sizeof(buf), "de") == S_OK);
    assert_string_equal(buf, "abcde");
    assert_true(StringCchCatA(buf, sizeof(buf), "fghij") == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "abcdefg");
    assert_true(StringCchCatA(buf, sizeof(buf), "") == S_OK);
    assert_true(StringCchCatA(buf, sizeof(buf), "x") == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "abcdefg");

    FILL(buf);
    assert_true(StringCchCatA(buf, sizeof(buf), "a") == STRSAFE_E_INVALID_PARAMETER);
    assert_int_equal(buf[0], 'X');

    strcpy(buf, "ab");
    assert_true(StringCchCatNA(buf, sizeof(buf), "cdef", 2) == S_OK);
    assert_string_equal(buf, "abcd");
    assert_true(StringCbCatA(buf, sizeof(buf), "ef") == S_OK);
    assert_string_equal(buf, "abcdef");

    wchar_t w[6] = L"ab";
    assert_true(StringCbCatW(w, sizeof(w), L"cdefg") == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_true(wcscmp(w, L"abcde") == 0);
    wcscpy(w, L"a");
    assert_true(StringCchCatNW(w, 6, L"bcd", 1) == S_OK);
    assert_true(wcscmp(w, L"ab") == 0);
}

static HRESULT vprintf_a(char *buf, size_t cch, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    HRESULT hr = StringCchVPrintfA(buf, cch, format, ap);
    va_end(ap);
    return hr;
}

static HRESULT vprintf_w(wchar_t *buf, size_t cch, const wchar_t *format, ...)
{
    va_list ap;
    va_start(ap, format);
    HRESULT hr = StringCchVPrintfW(buf, cch, format, ap);
    va_end(ap);
    return hr;
}

/* Printf: the formatted text, or what fits, terminated, and STRSAFE_E_INSUFFICIENT_BUFFER. */
static void printf_truncates_terminated(void **state)
{
    (void)state;
    char buf[8];
    assert_true(StringCchPrintfA(buf, sizeof(buf), "%d:%s", 42, "ab") == S_OK);
    assert_string_equal(buf, "42:ab");
    assert_true(StringCchPrintfA(buf, 6, "%s", "hello") == S_OK); /* Exact fit. */
    assert_string_equal(buf, "hello");
    assert_true(StringCbPrintfA(buf, 4, "%d", 123456) == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "123");
    assert_true(vprintf_a(buf, sizeof(buf), "%s-%d", "x", 9) == S_OK);
    assert_string_equal(buf, "x-9");
    assert_true(vprintf_a(buf, 3, "%s", "abcdef") == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "ab");
    assert_true(StringCchPrintfA(buf, 0, "x") == STRSAFE_E_INVALID_PARAMETER);

    /* The wide forms, where glibc's vswprintf alone would give no text at all. */
    wchar_t w[8];
    wmemset(w, L'X', 8);
    assert_true(StringCchPrintfW(w, 4, L"%d-%ls", 12, L"abc") == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_true(wcscmp(w, L"12-") == 0);
    assert_true(StringCchPrintfW(w, 4, L"%d", 123) == S_OK);
    assert_true(wcscmp(w, L"123") == 0);
    assert_true(StringCbPrintfW(w, sizeof(w), L"%ls", L"wide") == S_OK);
    assert_true(wcscmp(w, L"wide") == 0);
    assert_true(vprintf_w(w, 3, L"%d", 98765) == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_true(wcscmp(w, L"98") == 0);
}

/* Length: S_OK and the length when the terminator lies within cchMax; otherwise 0 and the error. */
static void length_within_cchmax(void **state)
{
    (void)state;
    size_t len = 99;
    assert_true(StringCchLengthA("hello", 6, &len) == S_OK);
    assert_int_equal(len, 5);
    len = 99;
    assert_true(StringCchLengthA("hello", 5, &len) == STRSAFE_E_INVALID_PARAMETER);
    assert_int_equal(len, 0);
    assert_true(StringCchLengthA(NULL, 5, &len) == STRSAFE_E_INVALID_PARAMETER);
    assert_true(StringCchLengthA("a", (size_t)STRSAFE_MAX_CCH + 1, &len) ==
                STRSAFE_E_INVALID_PARAMETER);
    assert_true(StringCchLengthA("abc", STRSAFE_MAX_CCH, NULL) == S_OK);
    assert_true(StringCbLengthA("abc", 10, &len) == S_OK);
    assert_int_equal(len, 3);
    assert_true(StringCchLengthW(L"abcd", 10, &len) == S_OK);
    assert_int_equal(len, 4);
    assert_true(StringCbLengthW(L"abcd", 10 * sizeof(wchar_t), &len) == S_OK);
    assert_int_equal(len, 4 * sizeof(wchar_t));
}

/*
 * CopyEx: *ppszDestEnd at the terminator, *pcchRemaining the unused characters counting
 * the terminator; STRSAFE_FILL_BEHIND_NULL fills the rest with the fill byte.
 */
static void copyex_end_remaining_and_fill_behind(void **state)
{
    (void)state;
    char buf[8];
    char *end = NULL;
    size_t remaining = 0;
    FILL(buf);
    assert_true(StringCchCopyExA(buf, sizeof(buf), "abc", &end, &remaining,
                                 STRSAFE_FILL_BYTE('.')) == S_OK);
    assert_ptr_equal(end, buf + 3);
    assert_int_equal(remaining, 5);
    assert_memory_equal(buf, "abc\0....", 8);

    assert_true(StringCchCopyExA(buf, 4, "hello", &end, &remaining, 0) ==
                STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "hel");
    assert_ptr_equal(end, buf + 3);
    assert_int_equal(remaining, 1);

    /* Out parameters are left alone for STRSAFE_E_INVALID_PARAMETER. */
    end = NULL;
    remaining = 77;
    assert_true(StringCchCopyExA(buf, 0, "a", &end, &remaining, 0) == STRSAFE_E_INVALID_PARAMETER);
    assert_null(end);
    assert_int_equal(remaining, 77);
    assert_true(StringCchCopyExA(buf, sizeof(buf), "a", NULL, NULL, 0x10000) ==
                STRSAFE_E_INVALID_PARAMETER);

    wchar_t w[6];
    wchar_t *wend = NULL;
    size_t cb = 0;
    assert_true(StringCbCopyExW(w, sizeof(w), L"ab", &wend, &cb, 0) == S_OK);
    assert_ptr_equal(wend, w + 2);
    assert_int_equal(cb, 4 * sizeof(wchar_t));
}

/* The failure flags: empty, fill, or (for Cat) keep the original. */
static void ex_failure_flags(void **state)
{
    (void)state;
    char buf[8];
    char *end = NULL;
    size_t remaining = 0;
    assert_true(StringCchCopyExA(buf, 4, "hello", &end, &remaining, STRSAFE_NULL_ON_FAILURE) ==
                STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_int_equal(buf[0], 0);
    assert_ptr_equal(end, buf);
    assert_int_equal(remaining, 4);

    assert_true(StringCchCopyExA(buf, 4, "hello", NULL, NULL, STRSAFE_NO_TRUNCATION) ==
                STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_int_equal(buf[0], 0);

    assert_true(StringCchCopyExA(buf, 4, "hello", &end, &remaining, STRSAFE_FAILURE_BYTE('#')) ==
                STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_memory_equal(buf, "###\0", 4);
    assert_ptr_equal(end, buf + 3);
    assert_int_equal(remaining, 1);

    strcpy(buf, "abc");
    assert_true(StringCchCatExA(buf, 6, "defg", &end, &remaining, STRSAFE_NO_TRUNCATION) ==
                STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "abc");
    assert_ptr_equal(end, buf + 3);
    assert_int_equal(remaining, 3);
    assert_true(StringCchCatExA(buf, 6, "defg", NULL, NULL, 0) == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_string_equal(buf, "abcde");

    assert_true(StringCchPrintfExA(buf, 4, &end, &remaining, STRSAFE_NULL_ON_FAILURE, "%d",
                                   12345) == STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_int_equal(buf[0], 0);
    assert_true(StringCchPrintfExA(buf, sizeof(buf), &end, &remaining, 0, "%d", 12) == S_OK);
    assert_ptr_equal(end, buf + 2);
    assert_int_equal(remaining, 6);
}

/* STRSAFE_IGNORE_NULLS: a NULL source is "", a NULL destination is allowed with size 0. */
static void ignore_nulls(void **state)
{
    (void)state;
    char buf[4] = "abc";
    char *end = NULL;
    size_t remaining = 0;
    assert_true(StringCchCopyExA(buf, sizeof(buf), NULL, &end, &remaining, STRSAFE_IGNORE_NULLS) ==
                S_OK);
    assert_int_equal(buf[0], 0);
    assert_ptr_equal(end, buf);
    assert_int_equal(remaining, 4);
    assert_true(StringCchCopyExA(NULL, 0, NULL, NULL, NULL, STRSAFE_IGNORE_NULLS) == S_OK);
    assert_true(StringCchCopyExA(NULL, 0, "a", NULL, NULL, STRSAFE_IGNORE_NULLS) ==
                STRSAFE_E_INVALID_PARAMETER);
    assert_true(StringCchCopyExA(buf, 0, "a", NULL, NULL, STRSAFE_IGNORE_NULLS) ==
                STRSAFE_E_INSUFFICIENT_BUFFER);
    assert_true(StringCchCopyExA(NULL, 4, "a", NULL, NULL, STRSAFE_IGNORE_NULLS) ==
                STRSAFE_E_INVALID_PARAMETER);
    strcpy(buf, "ab");
    assert_true(StringCchCatExA(buf, sizeof(buf), NULL, NULL, NULL, STRSAFE_IGNORE_NULLS) == S_OK);
    assert_string_equal(buf, "ab");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strsafe_constants_have_sdk_values),
        cmocka_unit_test(copy_truncates_terminated_insufficient_buffer),
        cmocka_unit_test(copy_invalid_sizes),
        cmocka_unit_test(copyn_limits_source),
        cmocka_unit_test(cat_appends_and_truncates),
        cmocka_unit_test(printf_truncates_terminated),
        cmocka_unit_test(length_within_cchmax),
        cmocka_unit_test(copyex_end_remaining_and_fill_behind),
        cmocka_unit_test(ex_failure_flags),
        cmocka_unit_test(ignore_nulls),
    };
    return cmocka_run_group_tests_name("win32_strsafe", tests, NULL, NULL);
}
