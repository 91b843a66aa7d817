/*
 * Debugging support (debugapi.h): OutputDebugString goes to standard error
 * only when WS2POSIX_DEBUG_OUTPUT=1 (Windows shows it to a debugger only);
 * IsDebuggerPresent tells whether a tracer is attached; DebugBreak is a
 * breakpoint that ends a process no debugger watches.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <unistd.h>

#include "testlib.h"

#include <windows.h>

#define WAIT_MS 10000

/* What OutputDebugString calls write to standard error while fn runs. */
static void capture_stderr(void (*fn)(void), char *out, size_t size)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    int saved = dup(STDERR_FILENO);
    assert_true(saved >= 0);
    dup2(fds[1], STDERR_FILENO);
    close(fds[1]);
    fn();
    dup2(saved, STDERR_FILENO);
    close(saved);
    ssize_t n = read(fds[0], out, size - 1);
    out[n > 0 ? n : 0] = 0;
    close(fds[0]);
}

static void write_some(void)
{
    SetLastError(1234);
    OutputDebugStringA("narrow line\n");
    OutputDebugStringW(L"wide line \u00e9\n");
    OutputDebugStringA(NULL);
    OutputDebugStringW(NULL);
    OutputDebugStringA(ws2t_page(0)); /* unreadable: dropped, no crash */
    OutputDebugStringA("end\n");
    /* OutputDebugString leaves the last error alone. */
    assert_int_equal(GetLastError(), 1234);
}

static void output_debug_string_goes_to_stderr_only_when_asked(void **state)
{
    (void)state;
    char text[256];
    unsetenv("WS2POSIX_DEBUG_OUTPUT");
    capture_stderr(write_some, text, sizeof(text));
    assert_string_equal(text, "");

    setenv("WS2POSIX_DEBUG_OUTPUT", "1", 1);
    capture_stderr(write_some, text, sizeof(text));
    unsetenv("WS2POSIX_DEBUG_OUTPUT");
    assert_string_equal(text, "narrow line\nwide line \xc3\xa9\nend\n");
}

static void check_remote_debugger_present_knows_only_this_process(void **state)
{
    (void)state;
    BOOL present = 2;
    assert_true(CheckRemoteDebuggerPresent((HANDLE)(LONG_PTR)-1, &present));
    assert_int_equal(present, IsDebuggerPresent());
    SetLastError(0);
    assert_false(CheckRemoteDebuggerPresent((HANDLE)(LONG_PTR)-1, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_false(CheckRemoteDebuggerPresent((HANDLE)(LONG_PTR)0x1234, &present));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
}

/* Child: reports IsDebuggerPresent, then waits (up to 10 s) for a tracer to attach. */
static int child_debugger(void)
{
    BOOL remote = FALSE;
    printf("before %d\n", IsDebuggerPresent());
    fflush(stdout);
    for (int i = 0; i < 1000 && !IsDebuggerPresent(); i++)
        Sleep(10);
    CheckRemoteDebuggerPresent((HANDLE)(LONG_PTR)-1, &remote);
    printf("after %d %d\n", IsDebuggerPresent(), remote);
    fflush(stdout);
    Sleep(INFINITE); /* the parent kills it: a traced process should not run exit handlers */
    return 0;
}

/* A tracer (what gdb is) attaches: IsDebuggerPresent turns TRUE. */
static void is_debugger_present_sees_a_tracer(void **state)
{
    (void)state;
    int out;
    int pid = ws2t_spawn_self("debugger", "", &out);
    assert_true(pid > 0);
    char line[64];
    assert_true(ws2t_read_line(out, line, sizeof(line), WAIT_MS) >= 0);
    assert_string_equal(line, "before 0");
    if (ptrace(PTRACE_SEIZE, pid, NULL, NULL) != 0) {
        ws2t_kill_child(pid);
        fail_msg("ptrace(PTRACE_SEIZE) of our own child was refused: this test needs ptrace");
    }
    assert_true(ws2t_read_line(out, line, sizeof(line), WAIT_MS) >= 0);
    assert_string_equal(line, "after 1 1");
    ws2t_kill_child(pid);
    ws2t_wait_child(pid, WAIT_MS);
    close(out);
}

static int child_break(void)
{
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none); /* no core file from the test */
    DebugBreak();
    printf("survived\n");
    return 0;
}

/* DebugBreak without a debugger ends the process (SIGTRAP), as the unhandled breakpoint does. */
static void debug_break_without_debugger_ends_the_process(void **state)
{
    (void)state;
    int out;
    int pid = ws2t_spawn_self("break", "", &out);
    assert_true(pid > 0);
    char line[64];
    assert_true(ws2t_read_line(out, line, sizeof(line), WAIT_MS) < 0);
    assert_int_equal(ws2t_wait_child(pid, WAIT_MS), 128 + SIGTRAP);
    close(out);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[0], "child") == 0)
        return strcmp(argv[1], "debugger") == 0 ? child_debugger() : child_break();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(output_debug_string_goes_to_stderr_only_when_asked),
        cmocka_unit_test(check_remote_debugger_present_knows_only_this_process),
        cmocka_unit_test(is_debugger_present_sees_a_tracer),
        cmocka_unit_test(debug_break_without_debugger_ends_the_process),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
