/*
 * The lstr functions of winbase.h: lstrlen, lstrcpy, lstrcpyn, lstrcat, lstrcmp, lstrcmpi.
 * Their documented results, and what Windows does with NULL or unreadable strings (it
 * catches the access violation): 0 from lstrlen, NULL from the copies, never a crash.
 * lstrcmp(i) order by code point here (include/winbase.h says why), so the comparisons
 * below are the ones where that order and Windows' word sort agree.
 */
#include "testlib.h"

static void lstrlen_counts_characters_null_is_zero(void **state)
{
    (void)state;
    assert_int_equal(lstrlenA("hello"), 5);
    assert_int_equal(lstrlenA(""), 0);
    assert_int_equal(lstrlenA(NULL), 0);
    assert_int_equal(lstrlenW(L"wide"), 4);
    assert_int_equal(lstrlenW(NULL), 0);
    assert_int_equal(lstrlen("generic"), 7); /* lstrlenA without UNICODE. */

    char *none = ws2t_page(0);
    assert_int_equal(lstrlenA(none), 0);
    assert_int_equal(lstrlenW((LPCWSTR)none), 0);
}

static void lstrcpy_and_lstrcat_return_destination(void **state)
{
    (void)state;
    char buf[16];
    assert_ptr_equal(lstrcpyA(buf, "abc"), buf);
    assert_string_equal(buf, "abc");
    assert_ptr_equal(lstrcatA(buf, "def"), buf);
    assert_string_equal(buf, "abcdef");
    assert_null(lstrcpyA(buf, NULL));
    assert_null(lstrcpyA(NULL, "x"));
    assert_null(lstrcatA(NULL, "x"));
    assert_null(lstrcatA(buf, NULL));

    WCHAR w[8];
    assert_ptr_equal(lstrcpyW(w, L"ab"), w);
    assert_ptr_equal(lstrcatW(w, L"cd"), w);
    assert_true(wcscmp(w, L"abcd") == 0);

    /* A destination that cannot be written, a source that cannot be read: NULL. */
    char *readonly = ws2t_page(1);
    assert_null(lstrcpyA(readonly, "x"));
    assert_int_equal(readonly[0], 0);
    char *none = ws2t_page(0);
    strcpy(buf, "keep");
    assert_null(lstrcpyA(buf, none));
    assert_string_equal(buf, "keep");
}

/*
 * lstrcpyn: iMaxLength counts the terminator; at most iMaxLength - 1 characters are copied
 * and the result is always terminated.
 */
static void lstrcpyn_counts_terminator_always_terminates(void **state)
{
    (void)state;
    char buf[8];
    memset(buf, 'X', sizeof(buf));
    assert_ptr_equal(lstrcpynA(buf, "hello", 4), buf);
    assert_string_equal(buf, "hel");
    assert_int_equal(buf[4], 'X');
    assert_ptr_equal(lstrcpynA(buf, "hi", 8), buf);
    assert_string_equal(buf, "hi");
    assert_ptr_equal(lstrcpynA(buf, "hello", 1), buf);
    assert_string_equal(buf, "");
    memset(buf, 'X', sizeof(buf));
    assert_ptr_equal(lstrcpynA(buf, "hello", 0), buf);
    assert_int_equal(buf[0], 'X');

    /* The source is read only as far as iMaxLength - 1 characters. */
    char *page = ws2t_guarded_page();
    char *tail = page + 4096 - 3;
    memcpy(tail, "xyz", 3); /* Not terminated: the next page cannot be read. */
    assert_ptr_equal(lstrcpynA(buf, tail, 4), buf);
    assert_string_equal(buf, "xyz");

    WCHAR w[4];
    assert_ptr_equal(lstrcpynW(w, L"wxyz", 3), w);
    assert_true(wcscmp(w, L"wx") == 0);
}

/*
 * lstrcmp and lstrcmpi return -1, 0 or 1 (CompareString's result minus 2); NULL sorts
 * before any string and equals NULL.
 */
static void lstrcmp_returns_minus_one_zero_one(void **state)
{
    (void)state;
    assert_int_equal(lstrcmpA("abc", "abc"), 0);
    assert_int_equal(lstrcmpA("abc", "abd"), -1);
    assert_int_equal(lstrcmpA("b", "abcdef"), 1);
    assert_int_equal(lstrcmpA("ab", "abc"), -1);
    assert_int_equal(lstrcmpA("Abc", "abc") != 0, 1);
    assert_int_equal(lstrcmpA(NULL, NULL), 0);
    assert_int_equal(lstrcmpA(NULL, ""), -1);
    assert_int_equal(lstrcmpA("", NULL), 1);

    assert_int_equal(lstrcmpiA("Content-Type", "content-type"), 0);
    assert_int_equal(lstrcmpiA("APPLE", "banana"), -1);
    assert_int_equal(lstrcmpiA("zebra", "APPLE"), 1);
    assert_int_equal(lstrcmpiA(NULL, "a"), -1);

    assert_int_equal(lstrcmpW(L"x", L"x"), 0);
    assert_int_equal(lstrcmpW(L"x", L"y"), -1);
    assert_int_equal(lstrcmpiW(L"HeLLo", L"hello"), 0);
    assert_int_equal(lstrcmpiW(L"b", L"A"), 1);
    assert_int_equal(lstrcmpi("GET", "get"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lstrlen_counts_characters_null_is_zero),
        cmocka_unit_test(lstrcpy_and_lstrcat_return_destination),
        cmocka_unit_test(lstrcpyn_counts_terminator_always_terminates),
        cmocka_unit_test(lstrcmp_returns_minus_one_zero_one),
    };
    return cmocka_run_group_tests_name("win32_lstr", tests, NULL, NULL);
}
