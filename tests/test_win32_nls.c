/*
 * Code pages: MultiByteToWideChar, WideCharToMultiByte, GetACP, GetOEMCP,
 * IsValidCodePage, GetCPInfo.  Each test quotes the sentence of Microsoft's
 * documentation (learn.microsoft.com, stringapiset.h and winnls.h) it
 * checks.  A wide character is one code point here (WCHAR is wchar_t,
 * UTF-32): counts of wide characters count code points.
 */
#include <string.h>

#include <windows.h>
#include <winnls.h>

#include "testlib.h"

/* The last error after a call that must fail with 0. */
#define assert_fails_zero(call, error)                                                             \
    do {                                                                                           \
        SetLastError(0xdead);                                                                      \
        assert_int_equal((call), 0);                                                               \
        assert_int_equal(GetLastError(), (error));                                                 \
    } while (0)

/*
 * GetACP: the ANSI code page is UTF-8 (65001), as on Windows with the
 * UTF-8 option, because every A function of ours takes UTF-8; CP_ACP and
 * CP_UTF8 then convert alike.
 */
static void ansi_code_page_is_utf8(void **state)
{
    (void)state;
    assert_int_equal(GetACP(), CP_UTF8);
    assert_int_equal(GetOEMCP(), CP_UTF8);
    WCHAR a[8], u[8];
    assert_int_equal(MultiByteToWideChar(CP_ACP, 0, "\xc3\xa9t\xc3\xa9", -1, a, 8), 4);
    assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, "\xc3\xa9t\xc3\xa9", -1, u, 8), 4);
    assert_memory_equal(a, u, 4 * sizeof(WCHAR));
    assert_true(a[0] == 0xe9 && a[1] == L't' && a[2] == 0xe9 && a[3] == 0);
    assert_true(IsValidCodePage(CP_UTF8));
    assert_true(IsValidCodePage(1252));
    assert_true(IsValidCodePage(28591));
    assert_false(IsValidCodePage(12345));
}

/*
 * "If this parameter is -1, the function processes the entire input string,
 * including the terminating null character. Therefore, the resulting
 * Unicode string has a terminating null character, and the length returned
 * by the function includes this character."  With an explicit length "the
 * resulting Unicode string does not have a terminating null character".
 */
static void minus_one_counts_the_terminator(void **state)
{
    (void)state;
    WCHAR w[16];
    wmemset(w, L'x', 16);
    assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, "abc", -1, w, 16), 4);
    assert_true(wcscmp(w, L"abc") == 0);
    wmemset(w, L'x', 16);
    assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, "abc", 3, w, 16), 3);
    assert_true(w[3] == L'x');

    char m[16];
    memset(m, 'x', sizeof(m));
    assert_int_equal(WideCharToMultiByte(CP_UTF8, 0, L"abc", -1, m, 16, NULL, NULL), 4);
    assert_string_equal(m, "abc");
    memset(m, 'x', sizeof(m));
    assert_int_equal(WideCharToMultiByte(CP_UTF8, 0, L"abc", 3, m, 16, NULL, NULL), 3);
    assert_int_equal(m[3], 'x');
}

/*
 * cchWideChar / cbMultiByte 0: "the function returns the required buffer
 * size ... and makes no use of the output parameter itself"; a buffer too
 * small is ERROR_INSUFFICIENT_BUFFER.  Characters outside the BMP are one
 * WCHAR here, and four UTF-8 bytes.
 */
static void zero_size_queries_and_small_buffers(void **state)
{
    (void)state;
    const char *text = "a\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e"; /* a, é, €, U+1D11E */
    assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0), 5);
    WCHAR w[5];
    assert_int_equal(MultiByteToWideChar(CP_UTF8, 0, text, -1, w, 5), 5);
    assert_true(w[0] == L'a' && w[1] == 0xe9 && w[2] == 0x20ac && w[3] == 0x1d11e && w[4] == 0);
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, 0, text, -1, w, 4), ERROR_INSUFFICIENT_BUFFER);

    assert_int_equal(WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL), 11);
    char m[11];
    assert_int_equal(WideCharToMultiByte(CP_UTF8, 0, w, -1, m, 11, NULL, NULL), 11);
    assert_string_equal(m, text);
    assert_fails_zero(WideCharToMultiByte(CP_UTF8, 0, w, -1, m, 10, NULL, NULL),
                      ERROR_INSUFFICIENT_BUFFER);
}

/*
 * ERROR_INVALID_PARAMETER: "Any of the parameter values was invalid" — a
 * NULL or zero-length input, an output size without a buffer, input and
 * output the same buffer ("lpMultiByteStr and lpWideCharStr must not be
 * the same"), a code page that is not installed; and for CP_UTF8
 * lpDefaultChar and lpUsedDefaultChar "must be set to NULL".
 */
static void invalid_parameters(void **state)
{
    (void)state;
    WCHAR w[8];
    char m[8];
    BOOL used;
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, 0, NULL, -1, w, 8), ERROR_INVALID_PARAMETER);
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, 0, "a", 0, w, 8), ERROR_INVALID_PARAMETER);
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, 0, "a", -2, w, 8), ERROR_INVALID_PARAMETER);
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, 0, "a", -1, NULL, 8), ERROR_INVALID_PARAMETER);
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, 0, "a", -1, w, -1), ERROR_INVALID_PARAMETER);
    assert_fails_zero(MultiByteToWideChar(12345, 0, "a", -1, w, 8), ERROR_INVALID_PARAMETER);
    memcpy(m, "abc", 4);
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, 0, m, -1, (LPWSTR)(void *)m, 2),
                      ERROR_INVALID_PARAMETER);

    assert_fails_zero(WideCharToMultiByte(CP_UTF8, 0, NULL, -1, m, 8, NULL, NULL),
                      ERROR_INVALID_PARAMETER);
    assert_fails_zero(WideCharToMultiByte(CP_UTF8, 0, L"a", 0, m, 8, NULL, NULL),
                      ERROR_INVALID_PARAMETER);
    assert_fails_zero(WideCharToMultiByte(CP_UTF8, 0, L"a", -1, NULL, 8, NULL, NULL),
                      ERROR_INVALID_PARAMETER);
    assert_fails_zero(WideCharToMultiByte(12345, 0, L"a", -1, m, 8, NULL, NULL),
                      ERROR_INVALID_PARAMETER);
    assert_fails_zero(WideCharToMultiByte(CP_UTF8, 0, L"a", -1, m, 8, "?", NULL),
                      ERROR_INVALID_PARAMETER);
    assert_fails_zero(WideCharToMultiByte(CP_UTF8, 0, L"a", -1, m, 8, NULL, &used),
                      ERROR_INVALID_PARAMETER);
}

/*
 * "For UTF-8 or code page 54936 ... dwFlags must be set to either 0 or
 * MB_ERR_INVALID_CHARS. Otherwise, the function fails with
 * ERROR_INVALID_FLAGS"; WC_ERR_INVALID_CHARS "only applies when CodePage is
 * specified as CP_UTF8 or 54936. It cannot be used with other code page
 * values"; "MB_PRECOMPOSED and MB_COMPOSITE are mutually exclusive".
 */
static void invalid_flags(void **state)
{
    (void)state;
    WCHAR w[8];
    char m[8];
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "a", -1, w, 8),
                      ERROR_INVALID_FLAGS);
    assert_fails_zero(MultiByteToWideChar(1252, MB_PRECOMPOSED | MB_COMPOSITE, "a", -1, w, 8),
                      ERROR_INVALID_FLAGS);
    assert_fails_zero(MultiByteToWideChar(1252, 0x1000, "a", -1, w, 8), ERROR_INVALID_FLAGS);
    assert_int_equal(MultiByteToWideChar(1252, MB_PRECOMPOSED, "a", -1, w, 8), 2);
    assert_fails_zero(
        WideCharToMultiByte(CP_UTF8, WC_NO_BEST_FIT_CHARS, L"a", -1, m, 8, NULL, NULL),
        ERROR_INVALID_FLAGS);
    assert_fails_zero(WideCharToMultiByte(1252, WC_ERR_INVALID_CHARS, L"a", -1, m, 8, NULL, NULL),
                      ERROR_INVALID_FLAGS);
    assert_int_equal(WideCharToMultiByte(1252, WC_NO_BEST_FIT_CHARS, L"a", -1, m, 8, NULL, NULL),
                     2);
}

/*
 * Code written for a single-byte ANSI code page passes MB_PRECOMPOSED, a
 * default character and lpUsedDefaultChar with CP_ACP; that works on
 * Windows with such a page, and keeps working with ours (README, "Wide
 * strings"), lpUsedDefaultChar then telling whether anything was replaced.
 */
static void ansi_selectors_take_single_byte_arguments(void **state)
{
    (void)state;
    WCHAR w[8];
    char m[8];
    BOOL used = TRUE;
    assert_int_equal(MultiByteToWideChar(CP_ACP, MB_PRECOMPOSED, "ab", -1, w, 8), 3);
    assert_int_equal(WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, L"ab", -1, m, 8, "?", &used),
                     3);
    assert_string_equal(m, "ab");
    assert_false(used);
    WCHAR bad[] = {L'a', 0xd800, 0};
    assert_int_equal(WideCharToMultiByte(CP_ACP, 0, bad, -1, m, 8, NULL, &used), 5);
    assert_string_equal(m, "a\xef\xbf\xbd");
    assert_true(used);
}

/*
 * Invalid UTF-8: "Starting with Windows Vista, the function does not drop
 * illegal code points if the application does not set this flag, but
 * instead replaces illegal sequences with U+FFFD"; with
 * MB_ERR_INVALID_CHARS it fails with ERROR_NO_UNICODE_TRANSLATION.  Each
 * maximal ill-formed subpart is one U+FFFD, so a valid character after an
 * error is kept.
 */
static void invalid_utf8_becomes_replacement_or_fails(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int inlen;
        const wchar_t *out;
    } cases[] = {
        {"a\xff"
         "b",
         3,
         L"a\xfffd"
         L"b"},
        {"\xc3", 1, L"\xfffd"}, /* truncated at the end */
        {"\xe2\x82"
         "A",
         3,
         L"\xfffd"
         L"A"},                                               /* truncated before a valid one */
        {"\xc0\xaf", 2, L"\xfffd\xfffd"},                     /* overlong '/' */
        {"\xe0\x80\x80", 3, L"\xfffd\xfffd\xfffd"},           /* overlong NUL */
        {"\xed\xa0\x80", 3, L"\xfffd\xfffd\xfffd"},           /* an encoded surrogate */
        {"\xf4\x90\x80\x80", 4, L"\xfffd\xfffd\xfffd\xfffd"}, /* past U+10FFFF */
        {"\xf0\x9d\x84", 3, L"\xfffd"},
        {"\x80"
         "\xbf",
         2, L"\xfffd\xfffd"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        WCHAR w[16];
        int n = MultiByteToWideChar(CP_UTF8, 0, cases[i].in, cases[i].inlen, w, 16);
        assert_int_equal(n, (int)wcslen(cases[i].out));
        assert_memory_equal(w, cases[i].out, (size_t)n * sizeof(WCHAR));
        assert_fails_zero(
            MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, cases[i].in, cases[i].inlen, w, 16),
            ERROR_NO_UNICODE_TRANSLATION);
        assert_fails_zero(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, cases[i].in,
                                              cases[i].inlen, NULL, 0),
                          ERROR_NO_UNICODE_TRANSLATION);
    }
    WCHAR w[4];
    assert_int_equal(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "ok", -1, w, 4), 3);
}

/*
 * Invalid wide input: a surrogate value is not a character in UTF-32 (as an
 * unpaired surrogate is not in UTF-16): U+FFFD in UTF-8 (EF BF BD), or
 * ERROR_NO_UNICODE_TRANSLATION with WC_ERR_INVALID_CHARS ("Fail ... if an
 * invalid input character is encountered").  So is a value past U+10FFFF.
 */
static void invalid_wide_becomes_replacement_or_fails(void **state)
{
    (void)state;
    WCHAR in[] = {L'a', 0xdc00, L'b', (WCHAR)0x110000, 0};
    char m[16];
    assert_int_equal(WideCharToMultiByte(CP_UTF8, 0, in, -1, m, 16, NULL, NULL), 9);
    assert_string_equal(m, "a\xef\xbf\xbd"
                           "b\xef\xbf\xbd");
    assert_fails_zero(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, in, -1, m, 16, NULL, NULL),
                      ERROR_NO_UNICODE_TRANSLATION);
    assert_int_equal(
        WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, L"\x10ffff", -1, m, 16, NULL, NULL), 5);
    assert_string_equal(m, "\xf4\x8f\xbf\xbf");
}

/*
 * Code page 1252: Latin-1 but for 0x80..0x9F (0x80 is the euro sign); a
 * character it cannot represent becomes the default character, '?' or
 * lpDefaultChar ("Pointer to the character to use if a character cannot be
 * represented in the specified code page"), and *lpUsedDefaultChar is TRUE
 * ("indicates if the function has used a default character").  28591 is
 * Latin-1 throughout.
 */
static void windows_1252_and_latin1(void **state)
{
    (void)state;
    WCHAR w[8];
    assert_int_equal(MultiByteToWideChar(1252, 0, "\x80\xe9\x9f\x81", 4, w, 8), 4);
    assert_true(w[0] == 0x20ac && w[1] == 0xe9 && w[2] == 0x178 && w[3] == 0x81);
    assert_int_equal(MultiByteToWideChar(28591, 0, "\x80\xe9", 2, w, 8), 2);
    assert_true(w[0] == 0x80 && w[1] == 0xe9);

    char m[8];
    BOOL used = TRUE;
    assert_int_equal(WideCharToMultiByte(1252, 0, L"\x20ac\xe9", -1, m, 8, NULL, &used), 3);
    assert_string_equal(m, "\x80\xe9");
    assert_false(used);
    assert_int_equal(WideCharToMultiByte(1252, 0,
                                         L"a\x4e2d"
                                         L"b",
                                         -1, m, 8, NULL, &used),
                     4);
    assert_string_equal(m, "a?b");
    assert_true(used);
    assert_int_equal(WideCharToMultiByte(1252, 0, L"a\x4e2d", -1, m, 8, "#", &used), 3);
    assert_string_equal(m, "a#");
    assert_int_equal(WideCharToMultiByte(28591, 0, L"\x80\xff\x100", 3, m, 8, NULL, &used), 3);
    assert_memory_equal(m, "\x80\xff?", 3);
    assert_true(used);
}

/* GetCPInfo: MaxCharSize is 4 for UTF-8 and 1 for a single-byte page; an unknown page fails. */
static void cp_info(void **state)
{
    (void)state;
    CPINFO info;
    assert_true(GetCPInfo(CP_UTF8, &info));
    assert_int_equal(info.MaxCharSize, 4);
    assert_int_equal(info.DefaultChar[0], '?');
    assert_true(GetCPInfo(1252, &info));
    assert_int_equal(info.MaxCharSize, 1);
    SetLastError(0);
    assert_false(GetCPInfo(12345, &info));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
}

/* Bad pointers are an error (ERROR_NOACCESS), never a crash. */
static void bad_pointers_fail(void **state)
{
    (void)state;
    char *page = ws2t_page(0); /* no access */
    WCHAR w[8];
    char m[8];
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, 0, page, -1, w, 8), ERROR_NOACCESS);
    assert_fails_zero(MultiByteToWideChar(CP_UTF8, 0, "abc", -1, (LPWSTR)(void *)page, 8),
                      ERROR_NOACCESS);
    assert_fails_zero(WideCharToMultiByte(CP_UTF8, 0, (LPCWCH)(void *)page, 4, m, 8, NULL, NULL),
                      ERROR_NOACCESS);
    assert_fails_zero(WideCharToMultiByte(CP_UTF8, 0, L"abc", -1, page, 8, NULL, NULL),
                      ERROR_NOACCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ansi_code_page_is_utf8),
        cmocka_unit_test(minus_one_counts_the_terminator),
        cmocka_unit_test(zero_size_queries_and_small_buffers),
        cmocka_unit_test(invalid_parameters),
        cmocka_unit_test(invalid_flags),
        cmocka_unit_test(ansi_selectors_take_single_byte_arguments),
        cmocka_unit_test(invalid_utf8_becomes_replacement_or_fails),
        cmocka_unit_test(invalid_wide_becomes_replacement_or_fails),
        cmocka_unit_test(windows_1252_and_latin1),
        cmocka_unit_test(cp_info),
        cmocka_unit_test(bad_pointers_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
