/*
 * The final WSACleanup (spec: WSACleanup.txt, WSACleanup-windows-ce.txt,
 * LPWSPCleanup.txt).
 */
#include <string.h>

#include "testlib.h"

#define PROMPT_MS 2000

static void startup(void)
{
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
}

/*
 * The descriptors open once the library has been used: the process keeps two
 * for good after first use (the calling thread's wake-up eventfd and the
 * placeholder of sys_retire), which are not per-socket leaks.
 */
static int warm_fd_baseline(void)
{
    startup();
    closesocket(socket(AF_INET, SOCK_STREAM, 0));
    assert_int_equal(WSACleanup(), 0);
    return ws2t_open_fds();
}

/*
 * "Sockets that were open when WSACleanup was called are reset and
 * automatically deallocated as if closesocket were called": the peer (a raw
 * Linux socket, outside Winsock) sees a reset even though l_onoff is zero
 * and data was sent; the old handles are no longer sockets, even once
 * Winsock has been started again; no descriptor is left behind.
 */
static void open_sockets_are_reset_and_freed(void **state)
{
    (void)state;
    int before = warm_fd_baseline();
    startup();
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    assert_int_equal(send(c, "queued", 6, 0), 6);
    struct sockaddr_in ua;
    SOCKET u = ws2t_udp_bound(&ua);
    SOCKET c2, s2;
    ws2t_tcp_pair(AF_INET6, &c2, &s2);

    assert_int_equal(WSACleanup(), 0);
    size_t bytes;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 1);
    ws2t_raw_close(raw);
    assert_int_equal(ws2t_settled_fds(before), before);

    startup();
    char b;
    assert_int_equal(recv(c, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(closesocket(u), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(closesocket(c2), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(closesocket(s2), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(WSACleanup(), 0);
}

/* A non-final WSACleanup only decrements the count: sockets stay connected. */
static void non_final_cleanup_leaves_sockets_alone(void **state)
{
    (void)state;
    startup();
    startup();
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(send(c, "still", 5, 0), 5);
    assert_int_equal(closesocket(c), 0);
    size_t bytes;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 0);
    assert_int_equal(bytes, 5);
    ws2t_raw_close(raw);
    assert_int_equal(WSACleanup(), 0);
}

/* Blocking calls in other threads return SOCKET_ERROR promptly when WSACleanup runs. */
struct blocked {
    SOCKET s;
    int call; /* 0 recv, 1 accept, 2 select */
    int result;
    int error;
    volatile LONG entered;
};

static DWORD WINAPI blocked_call(LPVOID p)
{
    struct blocked *b = p;
    char c;
    InterlockedExchange(&b->entered, 1);
    if (b->call == 0) {
        b->result = recv(b->s, &c, 1, 0);
    } else if (b->call == 1) {
        b->result = accept(b->s, NULL, NULL) == INVALID_SOCKET ? SOCKET_ERROR : 0;
    } else {
        fd_set r;
        FD_ZERO(&r);
        FD_SET(b->s, &r);
        b->result = select(0, &r, NULL, NULL, NULL);
    }
    b->error = WSAGetLastError();
    return 0;
}

static void blocking_calls_in_every_thread_return(void **state)
{
    (void)state;
    startup();
    /*
     * The peers are raw Linux sockets (connections whose two ends are both
     * ours are test_cleanup_cancel.c's).
     */
    int raw1, raw2;
    SOCKET s = ws2t_connect_to_raw(&raw1);
    SOCKET c = ws2t_connect_to_raw(&raw2);
    struct sockaddr_storage la;
    SOCKET l = ws2t_listener(AF_INET, &la, NULL);
    struct blocked b[3] = {{.s = s, .call = 0}, {.s = l, .call = 1}, {.s = c, .call = 2}};
    HANDLE th[3];
    for (int i = 0; i < 3; i++) {
        th[i] = CreateThread(NULL, 0, blocked_call, &b[i], 0, NULL);
        while (!InterlockedOr(&b[i].entered, 0))
            Sleep(1);
    }
    assert_int_equal(WaitForMultipleObjects(3, th, FALSE, 300), WAIT_TIMEOUT);

    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(WaitForMultipleObjects(3, th, TRUE, 10000), WAIT_OBJECT_0);
    assert_true(ws2t_now_ms() - t0 < PROMPT_MS);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(b[i].result, SOCKET_ERROR);
        assert_int_equal(b[i].error, WSAEINTR);
        CloseHandle(th[i]);
    }
    ws2t_raw_close(raw1);
    ws2t_raw_close(raw2);
}

/*
 * LPWSPCleanup.txt: "sockets that have been closed with LPWSPCloseSocket but
 * still have pending data to be sent are not affected, but the pending data
 * is still sent."  A graceful close with a full send queue, then the final
 * WSACleanup: the raw peer still receives every byte, then FIN.
 */
static void closed_sockets_keep_sending_after_cleanup(void **state)
{
    (void)state;
    startup();
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    size_t queued = ws2t_fill_until_blocked(c);
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(WSACleanup(), 0);

    size_t bytes;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 0);
    assert_int_equal(bytes, queued);
    ws2t_raw_close(raw);
}

/*
 * "WSACleanup ... must leave things in a state in which ... WSPStartup [can
 * be invoked] immediately": WSAStartup works at once and sockets work again.
 */
static void startup_works_again_at_once(void **state)
{
    (void)state;
    for (int i = 0; i < 20; i++) {
        startup();
        SOCKET c, s;
        ws2t_tcp_pair(i % 2 ? AF_INET6 : AF_INET, &c, &s);
        assert_int_equal(send(c, "ok", 2, 0), 2);
        char b[2];
        assert_int_equal(recv(s, b, 2, MSG_WAITALL), 2);
        assert_int_equal(WSACleanup(), 0);
    }
}

/* Many open sockets are all released (no descriptor leak). */
static void cleanup_releases_every_descriptor(void **state)
{
    (void)state;
    int before = warm_fd_baseline();
    startup();
    for (int i = 0; i < 200; i++) {
        SOCKET s = socket(i % 2 ? AF_INET : AF_INET6, i % 3 ? SOCK_STREAM : SOCK_DGRAM, 0);
        assert_true(s != INVALID_SOCKET);
    }
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_true(ws2t_open_fds() >= before + 200);
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(ws2t_settled_fds(before), before);
}

struct linger_close {
    SOCKET s;
    int result;
};

static DWORD WINAPI lingering_close(LPVOID p)
{
    struct linger_close *l = p;
    l->result = closesocket(l->s);
    return 0;
}

/*
 * A closesocket lingering in another thread is a pending blocking call: the
 * final WSACleanup ends it promptly.  The socket was already closed by the
 * application, so it is one of those whose "pending data is still sent"
 * (LPWSPCleanup.txt): the raw peer gets every byte, then an orderly end.
 */
static void cleanup_cuts_a_lingering_close_short(void **state)
{
    (void)state;
    startup();
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    size_t queued = ws2t_fill_until_blocked(c);
    LINGER lg = {1, 60};
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof(lg)), 0);
    struct linger_close l = {.s = c, .result = 12345};
    HANDLE th = CreateThread(NULL, 0, lingering_close, &l, 0, NULL);
    assert_int_equal(WaitForSingleObject(th, 500), WAIT_TIMEOUT); /* it is lingering */
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(WaitForSingleObject(th, 10000), WAIT_OBJECT_0);
    assert_true(ws2t_now_ms() - t0 < PROMPT_MS);
    assert_int_equal(l.result, 0);
    CloseHandle(th);

    size_t bytes;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 0);
    assert_int_equal(bytes, queued);
    ws2t_raw_close(raw);
}

/*
 * socket() and accept() racing the final WSACleanup in other threads: each
 * socket is either made before the cleanup (and reset and freed by it) or
 * refused with WSANOTINITIALISED; nothing survives the cleanup, no
 * descriptor leaks, and the handle table stays sound for the next round.
 */
struct creator {
    volatile LONG stop;
    LONG made;
};

static DWORD WINAPI keep_creating(LPVOID p)
{
    struct creator *c = p;
    while (!InterlockedOr(&c->stop, 0)) {
        SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
        if (s != INVALID_SOCKET)
            InterlockedIncrement(&c->made);
        else if (WSAGetLastError() != WSANOTINITIALISED)
            return 1;
    }
    return 0;
}

static void sockets_made_during_cleanup_never_survive_it(void **state)
{
    (void)state;
    int before = warm_fd_baseline();
    for (int round = 0; round < 30; round++) {
        startup();
        struct creator c = {0};
        HANDLE th[3];
        for (int i = 0; i < 3; i++)
            th[i] = CreateThread(NULL, 0, keep_creating, &c, 0, NULL);
        while (InterlockedOr(&c.made, 0) < 20)
            Sleep(0);
        assert_int_equal(WSACleanup(), 0);
        InterlockedExchange(&c.stop, 1);
        assert_int_equal(WaitForMultipleObjects(3, th, TRUE, 10000), WAIT_OBJECT_0);
        for (int i = 0; i < 3; i++) {
            DWORD code = 99;
            GetExitCodeThread(th[i], &code);
            assert_int_equal(code, 0);
            CloseHandle(th[i]);
        }
        /* A socket made after the cleanup's sweep would still hold its descriptor. */
        assert_int_equal(ws2t_settled_fds(before), before);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(open_sockets_are_reset_and_freed, ws2t_teardown),
        cmocka_unit_test_teardown(non_final_cleanup_leaves_sockets_alone, ws2t_teardown),
        cmocka_unit_test_teardown(blocking_calls_in_every_thread_return, ws2t_teardown),
        cmocka_unit_test_teardown(closed_sockets_keep_sending_after_cleanup, ws2t_teardown),
        cmocka_unit_test_teardown(startup_works_again_at_once, ws2t_teardown),
        cmocka_unit_test_teardown(cleanup_releases_every_descriptor, ws2t_teardown),
        cmocka_unit_test_teardown(cleanup_cuts_a_lingering_close_short, ws2t_teardown),
        cmocka_unit_test_teardown(sockets_made_during_cleanup_never_survive_it, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("cleanup", tests, NULL, NULL);
}
