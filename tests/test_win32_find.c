/*
 * FindFirstFile, FindNextFile, FindClose: wildcards in the last component
 * ('*', '?', compared without regard to ASCII case, as Windows' file
 * systems compare names), "." and ".." listed for "dir\*" as Windows lists
 * them, ERROR_FILE_NOT_FOUND when nothing matches, ERROR_NO_MORE_FILES at
 * the end, and the entries' attributes and sizes.
 */
#include <windows.h>

#include "testlib.h"
#include "win32_tempdir.h"

/* The names a search returns, joined by '|', in the order given; the count. */
static int list(const char *pattern, char *out, size_t outlen)
{
    WIN32_FIND_DATAA fd;
    out[0] = '\0';
    HANDLE h = FindFirstFileA(pattern, &fd);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    int n = 0;
    do {
        if (n++)
            strncat(out, "|", outlen - strlen(out) - 1);
        strncat(out, fd.cFileName, outlen - strlen(out) - 1);
    } while (FindNextFileA(h, &fd));
    assert_int_equal(GetLastError(), ERROR_NO_MORE_FILES);
    /* Past the end stays at the end. */
    assert_false(FindNextFileA(h, &fd));
    assert_int_equal(GetLastError(), ERROR_NO_MORE_FILES);
    assert_true(FindClose(h));
    return n;
}

static void make_tree(char *dir)
{
    char path[MAX_PATH];
    wt_tempdir(dir);
    const char *files[] = {"alpha.txt", "Beta.TXT", "gamma.log", "readme", "a1.txt", "a22.txt"};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        wt_path(path, dir, files[i]);
        wt_write_file(path, files[i], (DWORD)strlen(files[i]));
    }
    wt_path(path, dir, "sub");
    assert_true(CreateDirectoryA(path, NULL));
}

static void star_lists_dot_dotdot_and_every_entry_sorted(void **state)
{
    (void)state;
    char dir[MAX_PATH], pattern[MAX_PATH], names[1024];
    make_tree(dir);
    wt_path(pattern, dir, "*");
    assert_int_equal(list(pattern, names, sizeof(names)), 9);
    assert_string_equal(names, ".|..|a1.txt|a22.txt|alpha.txt|Beta.TXT|gamma.log|readme|sub");
    /* "*.*" matches names without a dot too, as on Windows. */
    wt_path(pattern, dir, "*.*");
    assert_int_equal(list(pattern, names, sizeof(names)), 9);
    wt_rmtree(dir);
}

static void wildcards_match_without_regard_to_case(void **state)
{
    (void)state;
    char dir[MAX_PATH], pattern[MAX_PATH], names[1024];
    make_tree(dir);
    wt_path(pattern, dir, "*.txt");
    assert_int_equal(list(pattern, names, sizeof(names)), 4);
    assert_string_equal(names, "a1.txt|a22.txt|alpha.txt|Beta.TXT");
    wt_path(pattern, dir, "a?.TXT");
    assert_int_equal(list(pattern, names, sizeof(names)), 1);
    assert_string_equal(names, "a1.txt");
    wt_path(pattern, dir, "A*");
    assert_int_equal(list(pattern, names, sizeof(names)), 3);
    wt_path(pattern, dir, "*a*a*");
    assert_int_equal(list(pattern, names, sizeof(names)), 2);
    assert_string_equal(names, "alpha.txt|gamma.log");
    /* No wildcard: the one entry, under its own spelling. */
    wt_path(pattern, dir, "BETA.txt");
    assert_int_equal(list(pattern, names, sizeof(names)), 1);
    assert_string_equal(names, "Beta.TXT");
    wt_rmtree(dir);
}

static void no_match_is_file_not_found_and_missing_dir_path_not_found(void **state)
{
    (void)state;
    char dir[MAX_PATH], pattern[MAX_PATH];
    make_tree(dir);
    WIN32_FIND_DATAA fd;
    wt_path(pattern, dir, "*.exe");
    assert_true(FindFirstFileA(pattern, &fd) == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_FILE_NOT_FOUND);
    wt_path(pattern, dir, "nodir\\*");
    assert_true(FindFirstFileA(pattern, &fd) == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_PATH_NOT_FOUND);
    assert_true(FindFirstFileA(NULL, &fd) == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    wt_path(pattern, dir, "*");
    assert_true(FindFirstFileA(pattern, NULL) == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* Closed handles and others are refused. */
    assert_false(FindClose(INVALID_HANDLE_VALUE));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    HANDLE h = FindFirstFileA(pattern, &fd);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_false(CloseHandle(h)); /* a search handle is FindClose's */
    assert_true(FindClose(h));
    assert_false(FindClose(h));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_false(FindNextFileA(h, &fd));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    wt_rmtree(dir);
}

static void entries_carry_attributes_and_sizes(void **state)
{
    (void)state;
    char dir[MAX_PATH], pattern[MAX_PATH];
    make_tree(dir);
    wt_path(pattern, dir, "*");
    WIN32_FIND_DATAA fd;
    HANDLE h = FindFirstFileA(pattern, &fd);
    assert_true(h != INVALID_HANDLE_VALUE);
    int checked = 0;
    do {
        if (strcmp(fd.cFileName, "sub") == 0 || strcmp(fd.cFileName, ".") == 0) {
            assert_int_equal(fd.dwFileAttributes, FILE_ATTRIBUTE_DIRECTORY);
            assert_int_equal(fd.nFileSizeLow, 0);
            checked++;
        } else if (strcmp(fd.cFileName, "gamma.log") == 0) {
            assert_int_equal(fd.dwFileAttributes, FILE_ATTRIBUTE_NORMAL);
            assert_int_equal(fd.nFileSizeLow, 9);
            assert_int_equal(fd.nFileSizeHigh, 0);
            assert_true(fd.ftLastWriteTime.dwHighDateTime != 0);
            checked++;
        }
    } while (FindNextFileA(h, &fd));
    assert_int_equal(checked, 3);
    assert_true(FindClose(h));
    wt_rmtree(dir);
}

static void wide_search_returns_wide_names(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "\xc3\xa9t\xc3\xa9.txt");
    wt_write_file(path, "e", 1);
    WCHAR wpattern[MAX_PATH];
    swprintf(wpattern, MAX_PATH, L"%hs\\*.TXT", dir);
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(wpattern, &fd);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_true(wcscmp(fd.cFileName, L"\u00e9t\u00e9.txt") == 0);
    assert_int_equal(fd.nFileSizeLow, 1);
    assert_false(FindNextFileW(h, &fd));
    assert_int_equal(GetLastError(), ERROR_NO_MORE_FILES);
    assert_true(FindClose(h));
    wt_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(star_lists_dot_dotdot_and_every_entry_sorted),
        cmocka_unit_test(wildcards_match_without_regard_to_case),
        cmocka_unit_test(no_match_is_file_not_found_and_missing_dir_path_not_found),
        cmocka_unit_test(entries_carry_attributes_and_sizes),
        cmocka_unit_test(wide_search_returns_wide_names),
    };
    return cmocka_run_group_tests_name("win32_find", tests, NULL, NULL);
}
