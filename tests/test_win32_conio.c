/*
 * <conio.h>: _kbhit, _getch, _ungetch and _putch on a standard input that is
 * a pipe (the suite has no terminal): keys are read one at a time as they
 * arrive, _kbhit says whether one is waiting, _ungetch gives one back.
 */
#include <conio.h>
#include <stdio.h>
#include <unistd.h>

#include "testlib.h"

static void getch_reads_keys_one_at_a_time_and_kbhit_says_when_one_waits(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    int saved = dup(0);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fds[0], 0), 0);

    assert_int_equal(_kbhit(), 0);
    assert_int_equal(write(fds[1], "ab", 2), 2);
    assert_true(_kbhit());
    assert_int_equal(_getch(), 'a');
    assert_int_equal(_ungetch('x'), 'x');
    assert_int_equal(_ungetch('y'), EOF); /* one key back at a time */
    assert_true(_kbhit());
    assert_int_equal(_getch(), 'x');
    assert_int_equal(_getch(), 'b');
    assert_int_equal(_kbhit(), 0);
    close(fds[1]);
    assert_int_equal(_getch(), EOF); /* the end of input */

    assert_int_equal(dup2(saved, 0), 0);
    close(saved);
    close(fds[0]);
}

static void putch_and_cputs_write_to_standard_output(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(stdout);
    int saved = dup(1);
    assert_int_equal(dup2(fds[1], 1), 1);
    assert_int_equal(_putch('k'), 'k');
    assert_int_equal(_cputs("ey\n"), 0);
    assert_int_equal(dup2(saved, 1), 1);
    close(saved);
    close(fds[1]);
    char got[8] = {0};
    assert_int_equal(read(fds[0], got, sizeof(got)), 4);
    assert_string_equal(got, "key\n");
    close(fds[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(getch_reads_keys_one_at_a_time_and_kbhit_says_when_one_waits),
        cmocka_unit_test(putch_and_cputs_write_to_standard_output),
    };
    return cmocka_run_group_tests_name("win32_conio", tests, NULL, NULL);
}
