/*
 * A process that ends without WSACleanup (issue 4, "The contracts"): by
 * returning from main, through exit() from another thread while calls
 * block, or killed.  It must neither hang nor lose data it had already
 * handed to a graceful close, and the next process must start at once.
 *
 * Each test runs this program again as a child ("child <scenario> <port>")
 * that connects to a raw Linux listener of the parent, queues as much as
 * the connection holds (the parent does not read yet), closes the socket
 * gracefully (default linger: closesocket returns at once and the data
 * goes on in the background, closesocket.md) and then ends its own way.
 * The parent then reads everything, and an orderly end, from its side.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#define CHILD_WAIT_MS 10000

/* Child: connects to 127.0.0.1:port and queues bytes until the connection is full. */
static SOCKET child_fill(const char *port_text, size_t *queued)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        exit(10);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons((u_short)atoi(port_text));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(s, (struct sockaddr *)&addr, sizeof(addr)) != 0)
        exit(11);
    u_long on = 1;
    ioctlsocket(s, FIONBIO, &on);
    static char chunk[16384];
    memset(chunk, 'x', sizeof(chunk));
    *queued = 0;
    for (;;) {
        int n = send(s, chunk, sizeof(chunk), 0);
        if (n > 0) {
            *queued += (size_t)n;
            continue;
        }
        if (WSAGetLastError() == WSAEWOULDBLOCK)
            break;
        exit(12);
    }
    return s;
}

/* Child: closes gracefully and tells the parent how much was queued. */
static void child_close_and_report(SOCKET s, size_t queued)
{
    if (closesocket(s) != 0)
        exit(13);
    printf("queued %zu\n", queued);
    fflush(stdout);
}

/* A blocking recv that never returns: the process ends under it. */
static DWORD WINAPI child_blocked_recv(LPVOID arg)
{
    SOCKET s = (SOCKET)(uintptr_t)arg;
    char c;
    recv(s, &c, 1, 0);
    return 0;
}

/* A completion port wait that never returns, with a receive pending. */
static DWORD WINAPI child_blocked_port(LPVOID arg)
{
    HANDLE port = arg;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
    return 0;
}

static DWORD WINAPI child_exit_now(LPVOID arg)
{
    (void)arg;
    exit(3);
}

static int child_main(const char *scenario, const char *port_text)
{
    size_t queued;
    SOCKET s = child_fill(port_text, &queued);
    if (strcmp(scenario, "return") == 0) {
        child_close_and_report(s, queued);
        return 0; /* no WSACleanup */
    }
    if (strcmp(scenario, "exit") == 0) {
        /* Calls blocked in other threads, an overlapped receive pending. */
        SOCKET a, b, c, d;
        ws2t_tcp_pair(AF_INET, &a, &b);
        ws2t_tcp_pair(AF_INET, &c, &d);
        CreateThread(NULL, 0, child_blocked_recv, (LPVOID)(uintptr_t)a, 0, NULL);
        HANDLE port = CreateIoCompletionPort((HANDLE)c, NULL, 1, 0);
        static WSAOVERLAPPED ov;
        static char buf[64];
        WSABUF wb = {sizeof(buf), buf};
        DWORD flags = 0;
        WSARecv(c, &wb, 1, NULL, &flags, &ov, NULL);
        CreateThread(NULL, 0, child_blocked_port, port, 0, NULL);
        Sleep(100);
        child_close_and_report(s, queued);
        HANDLE t = CreateThread(NULL, 0, child_exit_now, NULL, 0, NULL);
        WaitForSingleObject(t, INFINITE); /* exit() ends the process under this wait */
        return 20;
    }
    if (strcmp(scenario, "linger0") == 0 || strcmp(scenario, "linger30") == 0) {
        /* Never closed: the process exit closes it with its linger option. */
        LINGER l = {1, (u_short)(scenario[6] == '0' ? 0 : 30)};
        if (setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l)) != 0)
            return 23;
        printf("queued %zu\n", queued);
        fflush(stdout);
        return 0;
    }
    if (strcmp(scenario, "kill") == 0) {
        child_close_and_report(s, queued);
        Sleep(INFINITE); /* the parent kills us */
        return 21;
    }
    return 22;
}

/*
 * Parent: runs a scenario, expects the child's exit status, then all its
 * data and an orderly end (or, with reset, a reset).
 */
static void run_scenario_ending(const char *scenario, int expected_status, int kill_it, int reset)
{
    unsigned short port;
    int listener = ws2t_raw_listen(&port);
    assert_true(listener >= 0);
    char port_text[16];
    snprintf(port_text, sizeof(port_text), "%u", port);
    int out;
    int pid = ws2t_spawn_self(scenario, port_text, &out);
    assert_true(pid > 0);
    int conn = ws2t_raw_accept(listener);
    assert_true(conn >= 0);

    char line[64];
    assert_true(ws2t_read_line(out, line, sizeof(line), CHILD_WAIT_MS) > 0);
    size_t queued = 0;
    assert_int_equal(sscanf(line, "queued %zu", &queued), 1);
    assert_true(queued > 0);
    if (kill_it)
        ws2t_kill_child(pid);
    /* The child ends promptly, with the data still in flight. */
    assert_int_equal(ws2t_wait_child(pid, CHILD_WAIT_MS), expected_status);

    size_t got = 0;
    if (reset) {
        assert_int_equal(ws2t_raw_drain(conn, &got, 5000), 1);
        assert_true(got < queued);
    } else {
        assert_int_equal(ws2t_raw_drain(conn, &got, 5000), 0); /* an orderly end, no reset */
        assert_int_equal(got, queued);
    }
    ws2t_raw_close(conn);
    ws2t_raw_close(listener);
    ws2t_raw_close(out);
}

static void run_scenario(const char *scenario, int expected_status, int kill_it)
{
    run_scenario_ending(scenario, expected_status, kill_it, 0);
}

/*
 * A socket left open at exit is closed with its linger option, as Windows
 * closes the process's handles: {1, 0} resets; {1, 30} ends gracefully and
 * does not hold the exit for 30 seconds.
 */
static void exit_with_linger_zero_resets(void **state)
{
    (void)state;
    run_scenario_ending("linger0", 0, 0, 1);
}

static void exit_with_a_linger_timeout_is_graceful_and_prompt(void **state)
{
    (void)state;
    uint64_t t0 = ws2t_now_ms();
    run_scenario("linger30", 0, 0);
    assert_true(ws2t_now_ms() - t0 < 20000);
}

static void returning_from_main_keeps_gracefully_closed_data(void **state)
{
    (void)state;
    run_scenario("return", 0, 0);
}

static void exit_from_a_thread_while_calls_block_keeps_data(void **state)
{
    (void)state;
    run_scenario("exit", 3, 0);
}

static void a_killed_process_keeps_gracefully_closed_data(void **state)
{
    (void)state;
    run_scenario("kill", 128 + 9, 1);
}

/* After a process killed with Winsock started and calls pending, the next one starts at once. */
static void the_next_process_starts_at_once(void **state)
{
    (void)state;
    run_scenario("kill", 128 + 9, 1);
    uint64_t t0 = ws2t_now_ms();
    run_scenario("return", 0, 0);
    assert_true(ws2t_now_ms() - t0 < 5000);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[0], "child") == 0)
        return child_main(argv[1], argv[2]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(returning_from_main_keeps_gracefully_closed_data),
        cmocka_unit_test(exit_from_a_thread_while_calls_block_keeps_data),
        cmocka_unit_test(a_killed_process_keeps_gracefully_closed_data),
        cmocka_unit_test(the_next_process_starts_at_once),
        cmocka_unit_test(exit_with_linger_zero_resets),
        cmocka_unit_test(exit_with_a_linger_timeout_is_graceful_and_prompt),
    };
    return cmocka_run_group_tests_name("process_exit", tests, NULL, NULL);
}
