/*
 * wmain: a _UNICODE program's entry point (_tmain).  This program defines
 * wmain and no main, as such a Windows program does; the library's main
 * calls it with the arguments and the environment as wide strings, one
 * WCHAR per character, converted from UTF-8 (bytes that are not UTF-8 read
 * as U+FFFD, as MultiByteToWideChar(CP_ACP) gives them).
 */
#define UNICODE
#define _UNICODE

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <windows.h>
#include <tchar.h>

#include "testlib.h"

/* The child: prints the code points of argv[2] and of the WS2T_WMAIN variable in envp. */
static int child(int argc, wchar_t **argv, wchar_t **envp)
{
    if (argc != 3 || wcscmp(argv[0], L"child") != 0)
        return 2;
    for (const wchar_t *p = argv[2]; *p; p++)
        printf("%lx ", (unsigned long)*p);
    printf("|");
    for (int i = 0; envp[i]; i++) {
        if (wcsncmp(envp[i], L"WS2T_WMAIN=", 11) == 0) {
            for (const wchar_t *p = envp[i] + 11; *p; p++)
                printf(" %lx", (unsigned long)*p);
        }
    }
    printf("\n");
    return 0;
}

/*
 * The library's main ran this wmain (the test runs at all), and a program
 * started with UTF-8 arguments sees them as wide characters: é is one
 * WCHAR (U+00E9), U+1D11E is one, and a byte that is not UTF-8 is U+FFFD.
 */
static void wmain_gets_wide_arguments_and_environment(void **state)
{
    (void)state;
    assert_int_equal(setenv("WS2T_WMAIN", "\xc3\xbc\xf0\x9d\x84\x9e", 1), 0);
    int out;
    int pid = ws2t_spawn_self("args", "h\xc3\xa9l\xff\xf0\x9d\x84\x9e", &out);
    assert_true(pid > 0);
    char line[256];
    assert_true(ws2t_read_line(out, line, sizeof(line), 10000) > 0);
    assert_int_equal(ws2t_wait_child(pid, 10000), 0);
    assert_string_equal(line, "68 e9 6c fffd 1d11e | fc 1d11e");
}

int wmain(int argc, wchar_t **argv, wchar_t **envp)
{
    if (argc > 1 && wcscmp(argv[1], L"args") == 0)
        return child(argc, argv, envp);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wmain_gets_wide_arguments_and_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
