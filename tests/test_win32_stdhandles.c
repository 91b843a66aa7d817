/*
 * The standard handles (GetStdHandle, SetStdHandle), the console calls on
 * them (WriteConsole, ReadConsole, GetConsoleMode, SetConsoleMode), the
 * environment (GetEnvironmentVariable, SetEnvironmentVariable) and the
 * command line.  Descriptor 1 is pointed at a file or a pseudo-terminal
 * with Linux calls to see what the Win32 calls wrote there.
 */
#define _GNU_SOURCE /* posix_openpt, ptsname */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <windows.h>

#include "testlib.h"
#include "win32_tempdir.h"

static void get_std_handle_gives_one_handle_per_stream(void **state)
{
    (void)state;
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    assert_true(in != INVALID_HANDLE_VALUE && in != NULL);
    assert_true(out != INVALID_HANDLE_VALUE && out != NULL);
    assert_true(err != INVALID_HANDLE_VALUE && err != NULL);
    assert_true(in != out && out != err && in != err);
    assert_ptr_equal(GetStdHandle(STD_OUTPUT_HANDLE), out);
    assert_int_not_equal(GetFileType(out), FILE_TYPE_UNKNOWN);
    assert_true(GetStdHandle(7) == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
}

/* Runs fn with descriptor 1 on a new file; the file's contents into out. */
static size_t with_stdout_in_file(void (*fn)(void), char *out, size_t max)
{
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "out.txt");
    char linux_path[MAX_PATH + 16];
    snprintf(linux_path, sizeof(linux_path), "%s/out.txt", dir);
    fflush(stdout);
    int saved = dup(1);
    int fd = open(linux_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 1);
    close(fd);
    fn();
    dup2(saved, 1);
    close(saved);
    HANDLE h = CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    DWORD n = 0;
    assert_true(ReadFile(h, out, (DWORD)max, &n, NULL));
    assert_true(CloseHandle(h));
    wt_rmtree(dir);
    return n;
}

static void write_to_stdout(void)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD n = 0;
    assert_true(WriteFile(out, "file|", 5, &n, NULL));
    assert_int_equal(n, 5);
    assert_true(WriteConsoleA(out, "ansi|", 5, &n, NULL));
    assert_int_equal(n, 5);
    /* Characters, not bytes: three characters, six bytes of UTF-8. */
    assert_true(WriteConsoleW(out, L"\u00e9\u65e5!", 3, &n, NULL));
    assert_int_equal(n, 3);
    /* A redirected handle is no console. */
    DWORD mode = 77;
    assert_false(GetConsoleMode(out, &mode));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_false(SetConsoleMode(out, ENABLE_PROCESSED_OUTPUT));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_int_equal(GetFileType(out), FILE_TYPE_DISK);
}

static void write_file_and_write_console_reach_the_redirected_stdout(void **state)
{
    (void)state;
    char buf[64] = {0};
    size_t n = with_stdout_in_file(write_to_stdout, buf, sizeof(buf) - 1);
    assert_int_equal(n, 16);
    assert_string_equal(buf, "file|ansi|\xc3\xa9\xe6\x97\xa5!");
}

/* A pseudo-terminal: the console behind the handles when they name a terminal. */
static void console_modes_and_reads_on_a_terminal(void **state)
{
    (void)state;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(master >= 0);
    assert_int_equal(grantpt(master), 0);
    assert_int_equal(unlockpt(master), 0);
    const char *slave = ptsname(master);
    assert_non_null(slave);

    HANDLE in = CreateFileA(slave, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    HANDLE out = CreateFileA(slave, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(in != INVALID_HANDLE_VALUE && out != INVALID_HANDLE_VALUE);
    assert_int_equal(GetFileType(in), FILE_TYPE_CHAR);
    DWORD mode = 0;
    assert_true(GetConsoleMode(in, &mode));
    assert_int_equal(mode & (ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT),
                     ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT);
    assert_true(GetConsoleMode(out, &mode));
    assert_true(mode & ENABLE_PROCESSED_OUTPUT);
    /* Echo off, line input on: the terminal follows. */
    assert_true(SetConsoleMode(in, ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT));
    assert_true(GetConsoleMode(in, &mode));
    assert_int_equal(mode & (ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT), ENABLE_LINE_INPUT);

    /* A line typed on the terminal: ReadConsole gives it with "\r\n", as Windows' console. */
    assert_int_equal(write(master, "hello\n", 6), 6);
    char line[32];
    DWORD n = 0;
    assert_true(ReadConsoleA(in, line, sizeof(line), &n, NULL));
    assert_int_equal(n, 7);
    assert_memory_equal(line, "hello\r\n", 7);
    assert_int_equal(write(master, "\xc3\xa9t\xc3\xa9\n", 6), 6);
    WCHAR wline[32];
    assert_true(ReadConsoleW(in, wline, 32, &n, NULL));
    assert_int_equal(n, 5);
    assert_memory_equal(wline, L"\u00e9t\u00e9\r\n", 5 * sizeof(WCHAR));

    /* Output reaches the terminal. */
    assert_true(WriteConsoleA(out, "ok", 2, &n, NULL));
    char got[16] = {0};
    assert_int_equal(read(master, got, sizeof(got)), 2);
    assert_memory_equal(got, "ok", 2);
    assert_true(CloseHandle(in));
    assert_true(CloseHandle(out));
    close(master);
}

static void environment_variables_set_get_delete(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(GetEnvironmentVariableA("WS2T_SOME_VAR", buf, sizeof(buf)), 0);
    assert_int_equal(GetLastError(), ERROR_ENVVAR_NOT_FOUND);
    assert_true(SetEnvironmentVariableA("WS2T_SOME_VAR", "value-1"));
    assert_int_equal(GetEnvironmentVariableA("WS2T_SOME_VAR", buf, sizeof(buf)), 7);
    assert_string_equal(buf, "value-1");
    assert_string_equal(getenv("WS2T_SOME_VAR"), "value-1");
    /* Too small: the size needed with the NUL, nothing written. */
    buf[0] = 'x';
    assert_int_equal(GetEnvironmentVariableA("WS2T_SOME_VAR", buf, 7), 8);
    assert_int_equal(buf[0], 'x');
    assert_int_equal(GetEnvironmentVariableA("WS2T_SOME_VAR", NULL, 0), 8);
    /* Names compare without regard to case, as on Windows. */
    assert_int_equal(GetEnvironmentVariableA("ws2t_some_var", buf, sizeof(buf)), 7);
    WCHAR wbuf[64];
    assert_int_equal(GetEnvironmentVariableW(L"WS2T_SOME_VAR", wbuf, 64), 7);
    assert_true(wcscmp(wbuf, L"value-1") == 0);
    assert_true(SetEnvironmentVariableW(L"WS2T_SOME_VAR", L"\u00e9"));
    assert_int_equal(GetEnvironmentVariableA("WS2T_SOME_VAR", buf, sizeof(buf)), 2);
    assert_string_equal(buf, "\xc3\xa9");
    assert_int_equal(GetEnvironmentVariableW(L"WS2T_SOME_VAR", wbuf, 64), 1);
    /* NULL deletes it. */
    assert_true(SetEnvironmentVariableA("WS2T_SOME_VAR", NULL));
    assert_int_equal(GetEnvironmentVariableA("WS2T_SOME_VAR", buf, sizeof(buf)), 0);
    assert_int_equal(GetLastError(), ERROR_ENVVAR_NOT_FOUND);
    assert_false(SetEnvironmentVariableA("A=B", "x"));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
}

static void command_line_names_the_program(void **state)
{
    (void)state;
    LPSTR a = GetCommandLineA();
    assert_non_null(a);
    assert_non_null(strstr(a, "test_win32_stdhandles"));
    assert_ptr_equal(GetCommandLineA(), a);
    LPWSTR w = GetCommandLineW();
    assert_non_null(wcsstr(w, L"test_win32_stdhandles"));
}

/*
 * CloseHandle on a standard handle closes the handle, as on Windows
 * (later calls through it fail), and GetStdHandle keeps its value until
 * SetStdHandle; the descriptor stays open for the C library's stderr.
 */
static void close_handle_on_a_std_handle_closes_only_the_handle(void **state)
{
    (void)state;
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    assert_true(CloseHandle(err));
    DWORD n;
    assert_false(WriteFile(err, "x", 1, &n, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_ptr_equal(GetStdHandle(STD_ERROR_HANDLE), err);
    assert_true(fcntl(2, F_GETFD) >= 0);
    /* SetStdHandle puts another one in its place. */
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    assert_true(SetStdHandle(STD_ERROR_HANDLE, out));
    assert_ptr_equal(GetStdHandle(STD_ERROR_HANDLE), out);
    assert_false(SetStdHandle(5, out));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
}

static void console_stubs_succeed(void **state)
{
    (void)state;
    assert_true(SetConsoleTitleA("title"));
    assert_true(SetConsoleTitleW(L"title"));
    assert_true(AllocConsole());
    assert_true(FreeConsole());
    assert_true(SetConsoleOutputCP(65001));
    assert_int_equal(GetConsoleOutputCP(), 65001);
    assert_int_equal(GetConsoleCP(), 65001);
    DWORD n;
    assert_false(WriteConsoleA(INVALID_HANDLE_VALUE, "x", 1, &n, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(get_std_handle_gives_one_handle_per_stream),
        cmocka_unit_test(write_file_and_write_console_reach_the_redirected_stdout),
        cmocka_unit_test(console_modes_and_reads_on_a_terminal),
        cmocka_unit_test(environment_variables_set_get_delete),
        cmocka_unit_test(command_line_names_the_program),
        cmocka_unit_test(console_stubs_succeed),
        cmocka_unit_test(close_handle_on_a_std_handle_closes_only_the_handle),
    };
    return cmocka_run_group_tests_name("win32_stdhandles", tests, NULL, NULL);
}
