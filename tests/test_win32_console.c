/*
 * Console control handlers (SetConsoleCtrlHandler, GenerateConsoleCtrlEvent),
 * as the HandlerRoutine and SetConsoleCtrlHandler references describe them:
 * "When the signal is received, the system creates a new thread in the
 * process to execute the function"; handlers "are called on a
 * last-registered, first-called basis until one of the handlers returns
 * TRUE. If none of the handlers returns TRUE, the default handler is
 * called", which ends the process.  Ctrl-C is SIGINT, Ctrl-Break SIGQUIT and
 * the close event SIGTERM or SIGHUP (wincon.h).
 *
 * What ends the process runs in a child ("child <scenario>", this program
 * again), so that the suite survives it.
 */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#include <windows.h>

#define WAIT_MS 10000

/* ------------------------------------------------------------------ */
/* In this process: handlers that record what they were called with.   */

static DWORD main_thread_id;

struct call {
    char who;
    DWORD event;
    DWORD thread;
};
static struct call calls[32];
static volatile LONG ncalls;
static HANDLE called; /* auto-reset: set by the handler that ends a chain */

static void record(char who, DWORD event)
{
    LONG i = InterlockedIncrement(&ncalls) - 1;
    if (i < 32) {
        calls[i].who = who;
        calls[i].event = event;
        calls[i].thread = GetCurrentThreadId();
    }
}

static BOOL WINAPI handler_a_true(DWORD event)
{
    record('a', event);
    SetEvent(called);
    return TRUE;
}

static BOOL WINAPI handler_b_false(DWORD event)
{
    record('b', event);
    return FALSE;
}

static BOOL WINAPI handler_c_false(DWORD event)
{
    record('c', event);
    return FALSE;
}

static BOOL WINAPI handler_z_never(DWORD event)
{
    record('z', event);
    SetEvent(called);
    return TRUE;
}

static void reset_calls(void)
{
    ncalls = 0;
    memset(calls, 0, sizeof(calls));
    ResetEvent(called);
}

/* Waits for a chain to end in a handler returning TRUE. */
static void wait_called(void)
{
    assert_int_equal(WaitForSingleObject(called, WAIT_MS), WAIT_OBJECT_0);
}

static int setup(void **state)
{
    (void)state;
    if (!called)
        called = CreateEventA(NULL, FALSE, FALSE, NULL);
    reset_calls();
    return called ? 0 : -1;
}

static DWORD WINAPI generate_ctrl_c(LPVOID arg)
{
    *(DWORD *)arg = GetCurrentThreadId();
    return GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0) ? 0 : 1;
}

/* The handler runs on a thread of its own: neither the one that raised the event nor main. */
static void handler_runs_on_a_new_thread(void **state)
{
    (void)state;
    assert_true(SetConsoleCtrlHandler(handler_a_true, TRUE));

    raise(SIGINT); /* Ctrl-C, taken on this (the main) thread */
    wait_called();
    assert_int_equal(ws2t_load(&ncalls), 1);
    assert_int_equal(calls[0].event, CTRL_C_EVENT);
    assert_int_not_equal(calls[0].thread, main_thread_id);
    assert_int_not_equal(calls[0].thread, GetCurrentThreadId());
    DWORD first = calls[0].thread;

    /* Raised from another thread with GenerateConsoleCtrlEvent: again a thread of its own. */
    reset_calls();
    DWORD raiser = 0;
    HANDLE t = ws2t_thread(generate_ctrl_c, &raiser);
    wait_called();
    ws2t_join(t);
    assert_int_equal(calls[0].event, CTRL_C_EVENT);
    assert_int_not_equal(calls[0].thread, raiser);
    assert_int_not_equal(calls[0].thread, main_thread_id);
    /* A new thread for each event. */
    assert_int_not_equal(calls[0].thread, first);

    assert_true(SetConsoleCtrlHandler(handler_a_true, FALSE));
}

/* Last registered first, until one returns TRUE; the ones before it are not called. */
static void handlers_run_last_registered_first_until_one_returns_true(void **state)
{
    (void)state;
    assert_true(SetConsoleCtrlHandler(handler_z_never, TRUE));
    assert_true(SetConsoleCtrlHandler(handler_a_true, TRUE));
    assert_true(SetConsoleCtrlHandler(handler_b_false, TRUE));
    assert_true(SetConsoleCtrlHandler(handler_c_false, TRUE));

    raise(SIGINT);
    wait_called();
    Sleep(100); /* z would be called by now if the chain went on */
    assert_int_equal(ws2t_load(&ncalls), 3);
    assert_int_equal(calls[0].who, 'c');
    assert_int_equal(calls[1].who, 'b');
    assert_int_equal(calls[2].who, 'a');
    /* One thread runs the whole chain. */
    assert_int_equal(calls[0].thread, calls[1].thread);
    assert_int_equal(calls[1].thread, calls[2].thread);

    /* Removing a (returning TRUE) lets the chain reach z. */
    reset_calls();
    assert_true(SetConsoleCtrlHandler(handler_a_true, FALSE));
    raise(SIGINT);
    wait_called();
    assert_int_equal(ws2t_load(&ncalls), 3);
    assert_int_equal(calls[2].who, 'z');

    /* A handler that is not registered cannot be removed. */
    SetLastError(0);
    assert_false(SetConsoleCtrlHandler(handler_a_true, FALSE));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    assert_true(SetConsoleCtrlHandler(handler_b_false, FALSE));
    assert_true(SetConsoleCtrlHandler(handler_c_false, FALSE));
    assert_true(SetConsoleCtrlHandler(handler_z_never, FALSE));
}

/* Ctrl-Break: SIGQUIT (the terminal's Ctrl-\), or GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT). */
static void ctrl_break_event_from_sigquit_and_generate(void **state)
{
    (void)state;
    assert_true(SetConsoleCtrlHandler(handler_a_true, TRUE));
    raise(SIGQUIT);
    wait_called();
    assert_int_equal(calls[0].event, CTRL_BREAK_EVENT);

    reset_calls();
    assert_true(GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0));
    wait_called();
    assert_int_equal(calls[0].event, CTRL_BREAK_EVENT);
    assert_int_not_equal(calls[0].thread, main_thread_id);

    SetLastError(0);
    assert_false(GenerateConsoleCtrlEvent(CTRL_CLOSE_EVENT, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* CTRL_C_EVENT "cannot be limited to a specific process group": success, nobody gets it. */
    reset_calls();
    assert_true(GenerateConsoleCtrlEvent(CTRL_C_EVENT, (DWORD)getpgrp()));
    assert_int_equal(WaitForSingleObject(called, 300), WAIT_TIMEOUT);
    assert_true(SetConsoleCtrlHandler(handler_a_true, FALSE));
}

/*
 * SetConsoleCtrlHandler(NULL, TRUE) ignores Ctrl-C ("CTRL+BREAK is always
 * treated as a signal"); (NULL, FALSE) restores it.
 */
static void null_handler_true_ignores_ctrl_c_but_not_break(void **state)
{
    (void)state;
    assert_true(SetConsoleCtrlHandler(handler_a_true, TRUE));
    assert_true(SetConsoleCtrlHandler(NULL, TRUE));
    raise(SIGINT);
    assert_true(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0));
    assert_int_equal(WaitForSingleObject(called, 500), WAIT_TIMEOUT);
    assert_int_equal(ws2t_load(&ncalls), 0);

    assert_true(GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0));
    wait_called();
    assert_int_equal(calls[0].event, CTRL_BREAK_EVENT);

    reset_calls();
    assert_true(SetConsoleCtrlHandler(NULL, FALSE));
    raise(SIGINT);
    wait_called();
    assert_int_equal(calls[0].event, CTRL_C_EVENT);
    assert_true(SetConsoleCtrlHandler(handler_a_true, FALSE));
}

struct interrupter {
    pthread_t target;
    SOCKET peer;
};

/* Ctrl-C at the main thread while it blocks; once handled, the awaited data comes. */
static DWORD WINAPI interrupt_then_send(LPVOID arg)
{
    struct interrupter *in = arg;
    Sleep(200);
    pthread_kill(in->target, SIGINT);
    if (WaitForSingleObject(called, WAIT_MS) != WAIT_OBJECT_0)
        return 1;
    Sleep(200);
    return send(in->peer, "x", 1, 0) == 1 ? 0 : 2;
}

static DWORD WINAPI interrupt_only(LPVOID arg)
{
    struct interrupter *in = arg;
    Sleep(100);
    pthread_kill(in->target, SIGINT);
    return 0;
}

/*
 * A handled Ctrl-C is no interruption: Windows runs the handler on its own
 * thread and the program's blocking calls go on.  The signal is delivered to
 * the blocked thread itself here, the hardest case.
 */
static void handled_ctrl_c_does_not_interrupt_blocking_calls(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_true(SetConsoleCtrlHandler(handler_a_true, TRUE));
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    struct interrupter in = {pthread_self(), client};

    HANDLE t = ws2t_thread(interrupt_then_send, &in);
    char c = 0;
    assert_int_equal(recv(server, &c, 1, 0), 1);
    assert_int_equal(c, 'x');
    ws2t_join(t);
    assert_int_equal(calls[0].event, CTRL_C_EVENT);

    reset_calls();
    t = ws2t_thread(interrupt_only, &in);
    uint64_t start = ws2t_now_ms();
    Sleep(600);
    assert_true(ws2t_now_ms() - start >= 590);
    wait_called();
    ws2t_join(t);

    reset_calls();
    HANDLE never = CreateEventA(NULL, TRUE, FALSE, NULL);
    t = ws2t_thread(interrupt_only, &in);
    start = ws2t_now_ms();
    assert_int_equal(WaitForSingleObject(never, 600), WAIT_TIMEOUT);
    assert_true(ws2t_now_ms() - start >= 590);
    wait_called();
    ws2t_join(t);
    CloseHandle(never);

    reset_calls();
    HANDLE port = ws2t_new_port();
    t = ws2t_thread(interrupt_only, &in);
    start = ws2t_now_ms();
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 600));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    assert_true(ws2t_now_ms() - start >= 590);
    wait_called();
    ws2t_join(t);
    CloseHandle(port);

    closesocket(client);
    closesocket(server);
    assert_true(SetConsoleCtrlHandler(handler_a_true, FALSE));
    WSACleanup();
}

/* ------------------------------------------------------------------ */
/* Children: what happens to the whole process.                        */

#define KEY_SOCKET 1
#define KEY_QUIT   2

static SOCKET child_server = INVALID_SOCKET;
static HANDLE child_port;
static DWORD child_main_id;

static void say(const char *line)
{
    printf("%s\n", line);
    fflush(stdout);
}

/*
 * The shape of an IOCP server's handler (Microsoft's iocpserver sample):
 * close the socket, which aborts its pending receive, and wake the main
 * thread through the port.
 */
static BOOL WINAPI child_server_handler(DWORD event)
{
    char line[96];
    snprintf(line, sizeof(line), "handler event %u on %s thread", (unsigned)event,
             GetCurrentThreadId() == child_main_id ? "the main" : "a new");
    say(line);
    closesocket(child_server);
    PostQueuedCompletionStatus(child_port, 0, KEY_QUIT, NULL);
    return TRUE;
}

static int child_iocp_server(void)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 10;
    child_main_id = GetCurrentThreadId();
    SOCKET client;
    ws2t_tcp_pair(AF_INET, &client, &child_server);
    child_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    if (!child_port || !CreateIoCompletionPort((HANDLE)child_server, child_port, KEY_SOCKET, 0))
        return 11;
    char buf[64];
    WSABUF wsabuf = {sizeof(buf), buf};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD flags = 0;
    if (WSARecv(child_server, &wsabuf, 1, NULL, &flags, &ov, NULL) != SOCKET_ERROR ||
        WSAGetLastError() != WSA_IO_PENDING)
        return 12;
    if (!SetConsoleCtrlHandler(child_server_handler, TRUE))
        return 13;
    say("ready");
    bool aborted = false, quit = false;
    while (!aborted || !quit) {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED done;
        BOOL ok = GetQueuedCompletionStatus(child_port, &bytes, &key, &done, 20000);
        if (!done && !ok)
            return 14; /* timed out */
        if (key == KEY_QUIT) {
            quit = true;
        } else if (done == &ov) {
            char line[64];
            snprintf(line, sizeof(line), "receive ended %d %u", ok, (unsigned)GetLastError());
            say(line);
            aborted = true;
        }
    }
    closesocket(client);
    CloseHandle(child_port);
    WSACleanup();
    say("clean");
    return 0;
}

static BOOL WINAPI child_false_handler(DWORD event)
{
    char line[32];
    snprintf(line, sizeof(line), "handler %u", (unsigned)event);
    say(line);
    return FALSE;
}

static BOOL WINAPI child_true_handler(DWORD event)
{
    char line[32];
    snprintf(line, sizeof(line), "handler %u", (unsigned)event);
    say(line);
    return TRUE;
}

static BOOL WINAPI child_stuck_handler(DWORD event)
{
    child_true_handler(event);
    Sleep(INFINITE);
    return TRUE;
}

static int child_main(const char *scenario)
{
    if (strcmp(scenario, "iocp_server") == 0)
        return child_iocp_server();
    PHANDLER_ROUTINE handler = NULL;
    if (strcmp(scenario, "false_handler") == 0)
        handler = child_false_handler;
    else if (strcmp(scenario, "true_handler") == 0)
        handler = child_true_handler;
    else if (strcmp(scenario, "stuck_handler") == 0)
        handler = child_stuck_handler;
    if (handler && !SetConsoleCtrlHandler(handler, TRUE))
        return 20;
    if (strcmp(scenario, "generate_no_handler") == 0 || strcmp(scenario, "generate_ignored") == 0) {
        if (strcmp(scenario, "generate_ignored") == 0 && !SetConsoleCtrlHandler(NULL, TRUE))
            return 21;
        GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0);
        Sleep(2000); /* the signal ends the process before this returns, unless ignored */
        say("survived");
        return 0;
    }
    say("ready");
    Sleep(30000);
    return 22;
}

/* Runs a child scenario: waits for "ready", sends sig, collects lines until it ends. */
/* When run_child sent its signal (ws2t_now_ms), for tests that time the child's end. */
static uint64_t child_signalled_at;

static int run_child(const char *scenario, int sig, char lines[][128], int maxlines, int *nlines,
                     int timeout_ms)
{
    int out;
    int pid = ws2t_spawn_self(scenario, "", &out);
    assert_true(pid > 0);
    char line[128];
    *nlines = 0;
    if (sig) {
        if (ws2t_read_line(out, line, sizeof(line), WAIT_MS) < 0) {
            ws2t_kill_child(pid);
            fail_msg("child %s never got ready", scenario);
        }
        assert_string_equal(line, "ready");
        child_signalled_at = ws2t_now_ms();
        kill(pid, sig);
    }
    while (*nlines < maxlines && ws2t_read_line(out, lines[*nlines], 128, timeout_ms) >= 0)
        (*nlines)++;
    close(out);
    return ws2t_wait_child(pid, timeout_ms);
}

/*
 * The scenario: Ctrl-C to a server that waits on its completion
 * port with a receive pending.  The handler (on a new thread) closes the
 * socket and posts to the port; the receive comes back aborted, the main
 * thread cleans up and the process exits with 0.
 */
static void ctrl_c_handler_shuts_down_iocp_server_cleanly(void **state)
{
    (void)state;
    char lines[8][128];
    int n;
    int status = run_child("iocp_server", SIGINT, lines, 8, &n, WAIT_MS);
    assert_int_equal(n, 3);
    assert_string_equal(lines[0], "handler event 0 on a new thread");
    /* GetQueuedCompletionStatus: FALSE with the receive's ERROR_OPERATION_ABORTED. */
    assert_string_equal(lines[1], "receive ended 0 995");
    assert_string_equal(lines[2], "clean");
    assert_int_equal(status, 0);
}

/* No handler returns TRUE: the default handler ends the process, killed by SIGINT. */
static void ctrl_c_nobody_handles_ends_the_process(void **state)
{
    (void)state;
    char lines[4][128];
    int n;
    int status = run_child("false_handler", SIGINT, lines, 4, &n, WAIT_MS);
    assert_int_equal(n, 1);
    assert_string_equal(lines[0], "handler 0");
    assert_int_equal(status, 128 + SIGINT);
}

/* A handler that returns TRUE keeps the process running. */
static void ctrl_c_handled_keeps_the_process(void **state)
{
    (void)state;
    int out;
    int pid = ws2t_spawn_self("true_handler", "", &out);
    assert_true(pid > 0);
    char line[128];
    assert_true(ws2t_read_line(out, line, sizeof(line), WAIT_MS) >= 0);
    assert_string_equal(line, "ready");
    kill(pid, SIGINT);
    assert_true(ws2t_read_line(out, line, sizeof(line), WAIT_MS) >= 0);
    assert_string_equal(line, "handler 0");
    /* Still running a second later. */
    assert_int_equal(ws2t_wait_child(pid, 1000), -2);
    close(out);
}

/*
 * SIGTERM is CTRL_CLOSE_EVENT: the handlers run, and then the process ends
 * even though one returned TRUE ("the system terminates the process").
 */
static void close_event_runs_handlers_then_ends_the_process(void **state)
{
    (void)state;
    char lines[4][128];
    int n;
    int status = run_child("true_handler", SIGTERM, lines, 4, &n, WAIT_MS);
    assert_int_equal(n, 1);
    assert_string_equal(lines[0], "handler 2");
    assert_int_equal(status, 128 + SIGTERM);
    /*
     * At once, not at the end of the 5 seconds a handler may take: timed from
     * the signal, not from the spawn (a sanitized child takes seconds to start
     * on a loaded machine).
     */
    assert_true(ws2t_now_ms() - child_signalled_at < 4500);

    status = run_child("true_handler", SIGHUP, lines, 4, &n, WAIT_MS);
    assert_int_equal(n, 1);
    assert_string_equal(lines[0], "handler 2");
    assert_int_equal(status, 128 + SIGHUP);
}

/* A close handler that never returns: Windows ends the process after 5 seconds. */
static void close_event_handler_that_never_returns_is_cut_off_after_five_seconds(void **state)
{
    (void)state;
    int out;
    int pid = ws2t_spawn_self("stuck_handler", "", &out);
    assert_true(pid > 0);
    char line[128];
    assert_true(ws2t_read_line(out, line, sizeof(line), WAIT_MS) >= 0);
    uint64_t start = ws2t_now_ms();
    kill(pid, SIGTERM);
    assert_true(ws2t_read_line(out, line, sizeof(line), WAIT_MS) >= 0);
    assert_string_equal(line, "handler 2");
    int status = ws2t_wait_child(pid, 20000);
    uint64_t took = ws2t_now_ms() - start;
    close(out);
    assert_int_equal(status, 128 + SIGTERM);
    assert_true(took >= 4500);
    assert_true(took < 15000);
}

/*
 * GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0) in a program with no handler:
 * the default handler ends it; with Ctrl-C ignored nothing happens.
 */
static void generate_ctrl_c_without_handler_ends_the_process(void **state)
{
    (void)state;
    char lines[4][128];
    int n;
    int status = run_child("generate_no_handler", 0, lines, 4, &n, WAIT_MS);
    assert_int_equal(n, 0);
    assert_int_equal(status, 128 + SIGINT);

    status = run_child("generate_ignored", 0, lines, 4, &n, WAIT_MS);
    assert_int_equal(n, 1);
    assert_string_equal(lines[0], "survived");
    assert_int_equal(status, 0);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[0], "child") == 0)
        return child_main(argv[1]);
    main_thread_id = GetCurrentThreadId();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(handler_runs_on_a_new_thread, setup),
        cmocka_unit_test_setup(handlers_run_last_registered_first_until_one_returns_true, setup),
        cmocka_unit_test_setup(ctrl_break_event_from_sigquit_and_generate, setup),
        cmocka_unit_test_setup(null_handler_true_ignores_ctrl_c_but_not_break, setup),
        cmocka_unit_test_setup(handled_ctrl_c_does_not_interrupt_blocking_calls, setup),
        cmocka_unit_test(ctrl_c_handler_shuts_down_iocp_server_cleanly),
        cmocka_unit_test(ctrl_c_nobody_handles_ends_the_process),
        cmocka_unit_test(ctrl_c_handled_keeps_the_process),
        cmocka_unit_test(close_event_runs_handlers_then_ends_the_process),
        cmocka_unit_test(close_event_handler_that_never_returns_is_cut_off_after_five_seconds),
        cmocka_unit_test(generate_ctrl_c_without_handler_ends_the_process),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
