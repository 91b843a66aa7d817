/*
 * Blocking calls interrupted by closesocket from another thread.
 *
 * Windows Sockets 2, "Windows Sockets in multithreaded versions of Windows":
 * "Closing a socket in one thread that has an outstanding blocking call on
 * the same socket in another thread will cause the blocking call to fail
 * with WSAEINTR ... This also applies if there is a select() call
 * outstanding and the application closes one of the sockets being
 * selected."  WSPCloseSocket.txt: "Any blocking or asynchronous calls pending
 * on the socket (issued by any thread in this process) are canceled."
 * A Linux close() alone does not wake such a thread (DESIGN.md).
 */
#include <string.h>

#include "testlib.h"

#define PROMPT_MS 2000

enum blocked_call { CALL_RECV, CALL_ACCEPT, CALL_CONNECT, CALL_SELECT, CALL_POLL, CALL_SEND };

struct blocked {
    enum blocked_call call;
    SOCKET s;
    struct sockaddr_storage addr; /* for connect */
    int addrlen;
    int result;
    int error;
    SHORT revents;
    volatile LONG entered;
};

static DWORD WINAPI blocked_thread(LPVOID p)
{
    struct blocked *b = p;
    static char buf[1 << 16];
    InterlockedExchange(&b->entered, 1);
    switch (b->call) {
    case CALL_RECV: b->result = recv(b->s, buf, 1, 0); break;
    case CALL_SEND:
        for (;;) {
            b->result = send(b->s, buf, sizeof(buf), 0);
            if (b->result == SOCKET_ERROR)
                break;
        }
        break;
    case CALL_ACCEPT:
        b->result = accept(b->s, NULL, NULL) == INVALID_SOCKET ? SOCKET_ERROR : 0;
        break;
    case CALL_CONNECT: b->result = connect(b->s, (struct sockaddr *)&b->addr, b->addrlen); break;
    case CALL_SELECT: {
        fd_set r;
        FD_ZERO(&r);
        FD_SET(b->s, &r);
        b->result = select(0, &r, NULL, NULL, NULL);
        break;
    }
    case CALL_POLL: {
        WSAPOLLFD p = {b->s, POLLRDNORM, 0};
        b->result = WSAPoll(&p, 1, -1);
        b->revents = p.revents;
        break;
    }
    }
    b->error = WSAGetLastError();
    return 0;
}

/* Starts the call in a thread, lets it block, closes the socket, and times the release. */
static void close_under(struct blocked *b)
{
    HANDLE t = CreateThread(NULL, 0, blocked_thread, b, 0, NULL);
    assert_non_null(t);
    while (!InterlockedOr(&b->entered, 0))
        Sleep(1);
    /* Still blocked after a while: the call really waits. */
    assert_int_equal(WaitForSingleObject(t, 300), WAIT_TIMEOUT);
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(b->s), 0);
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    assert_true(ws2t_now_ms() - t0 < PROMPT_MS);
    CloseHandle(t);
}

static void recv_is_interrupted(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct blocked b = {.call = CALL_RECV, .s = s};
    close_under(&b);
    assert_int_equal(b.result, SOCKET_ERROR);
    assert_int_equal(b.error, WSAEINTR);
    closesocket(c);
}

static void send_is_interrupted(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct blocked b = {.call = CALL_SEND, .s = c};
    close_under(&b);
    assert_int_equal(b.result, SOCKET_ERROR);
    assert_int_equal(b.error, WSAEINTR);
    closesocket(s);
}

static void accept_is_interrupted(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    struct blocked b = {.call = CALL_ACCEPT};
    b.s = ws2t_listener(AF_INET, &addr, NULL);
    close_under(&b);
    assert_int_equal(b.result, SOCKET_ERROR);
    assert_int_equal(b.error, WSAEINTR);
}

/*
 * A connect that blocks: the listener's accept queue (backlog 0) is full, so
 * Linux drops the SYN and the client keeps retrying.
 */
static void connect_is_interrupted(void **state)
{
    (void)state;
    struct blocked b = {.call = CALL_CONNECT};
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(l, 0), 0);
    b.addrlen = sizeof(b.addr);
    assert_int_equal(getsockname(l, (struct sockaddr *)&b.addr, &b.addrlen), 0);
    SOCKET first = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(first, (struct sockaddr *)&b.addr, b.addrlen), 0);
    b.s = socket(AF_INET, SOCK_STREAM, 0);
    close_under(&b);
    assert_int_equal(b.result, SOCKET_ERROR);
    assert_int_equal(b.error, WSAEINTR);
    closesocket(first);
    closesocket(l);
}

static void select_is_interrupted(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct blocked b = {.call = CALL_SELECT, .s = s};
    close_under(&b);
    assert_int_equal(b.result, SOCKET_ERROR);
    assert_int_equal(b.error, WSAEINTR);
    closesocket(c);
}

/* WSAPoll reports a socket closed while polled as POLLNVAL. */
static void poll_reports_pollnval(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct blocked b = {.call = CALL_POLL, .s = s};
    close_under(&b);
    assert_int_equal(b.result, 1);
    assert_int_equal(b.revents, POLLNVAL);
    closesocket(c);
}

/* The socket's Linux descriptor is not leaked by an interrupted call. */
static void interrupted_calls_leak_nothing(void **state)
{
    (void)state;
    int before = ws2t_open_fds();
    for (int i = 0; i < 5; i++) {
        SOCKET c, s;
        ws2t_tcp_pair(AF_INET, &c, &s);
        struct blocked b = {.call = CALL_RECV, .s = s};
        HANDLE t = CreateThread(NULL, 0, blocked_thread, &b, 0, NULL);
        while (!InterlockedOr(&b.entered, 0))
            Sleep(1);
        Sleep(20);
        closesocket(s);
        WaitForSingleObject(t, INFINITE);
        CloseHandle(t);
        closesocket(c);
    }
    assert_int_equal(ws2t_settled_fds(before), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(recv_is_interrupted, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(send_is_interrupted, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(accept_is_interrupted, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(connect_is_interrupted, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(select_is_interrupted, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(poll_reports_pollnval, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(interrupted_calls_leak_nothing, ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("interrupt", tests, NULL, NULL);
}
