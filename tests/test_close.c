/*
 * closesocket and WSPCloseSocket: every row of the linger table, against a
 * real loopback peer (spec: closesocket.md, WSPCloseSocket.txt).
 *
 * Timing bounds are generous: "at once" is under 1 s, a linger of n seconds
 * is between n - 0.25 s and n + 3 s.
 */
#include <string.h>

#include "testlib.h"

#define AT_ONCE_MS 1000

static void set_linger(SOCKET s, u_short onoff, u_short seconds)
{
    LINGER l = {onoff, seconds};
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l)), 0);
}

/* The peer end reads everything that arrives, then reports how the stream ended. */
struct peer_read {
    SOCKET s;
    DWORD delay_ms;
    size_t bytes;
    int last_result;
    int last_error;
};

static DWORD WINAPI peer_reader(LPVOID p)
{
    struct peer_read *r = p;
    Sleep(r->delay_ms);
    r->bytes = ws2t_drain(r->s, &r->last_result, &r->last_error);
    return 0;
}

/*
 * closesocket.md, table row "l_onoff zero: graceful close, no wait": "the
 * closesocket call will return immediately ... whether the socket is blocking
 * or nonblocking. However, any data queued for transmission will be sent, if
 * possible, before the underlying socket is closed."
 */
static void default_linger_returns_at_once_and_delivers_everything(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    size_t queued = ws2t_fill_until_blocked(c); /* the socket is blocking again */
    assert_true(queued > 0);

    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(c), 0);
    assert_true(ws2t_now_ms() - t0 < AT_ONCE_MS);

    int last, error;
    size_t got = ws2t_drain(s, &last, &error);
    assert_int_equal(got, queued);
    assert_int_equal(last, 0); /* FIN after every byte */
    assert_int_equal(closesocket(s), 0);
}

/* The same on a non-blocking socket: no WSAEWOULDBLOCK when l_onoff is zero. */
static void default_linger_nonblocking_never_wouldblock(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    size_t queued = ws2t_fill_until_blocked(c);
    ws2t_set_nonblocking(c, 1);
    assert_int_equal(closesocket(c), 0);
    int last, error;
    assert_int_equal(ws2t_drain(s, &last, &error), queued);
    assert_int_equal(last, 0);
    closesocket(s);
}

/*
 * Row "l_onoff nonzero, l_linger zero: hard close, no wait": "closesocket is
 * not blocked even if queued data has not yet been sent or acknowledged ...
 * the socket's virtual circuit is reset immediately ... any recv call on the
 * remote side of the circuit will fail with WSAECONNRESET" and "The socket
 * will not go to the TIME_WAIT state."
 */
static void linger_zero_resets_at_once(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    unsigned short port = ws2t_local_port(c), peer_port = ws2t_remote_port(c);
    ws2t_fill_until_blocked(c);
    set_linger(c, 1, 0);

    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(c), 0);
    assert_true(ws2t_now_ms() - t0 < AT_ONCE_MS);

    int last, error;
    ws2t_drain(s, &last, &error);
    assert_int_equal(last, SOCKET_ERROR);
    assert_int_equal(error, WSAECONNRESET);
    assert_false(ws2t_time_wait(port, peer_port));
    closesocket(s);
}

/* A reset with nothing queued still resets: the peer sees WSAECONNRESET, not EOF. */
static void linger_zero_resets_idle_connection(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET6, &c, &s);
    set_linger(c, 1, 0);
    assert_int_equal(closesocket(c), 0);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAECONNRESET);
    closesocket(s);
}

/*
 * Row "l_onoff nonzero, l_linger nonzero: graceful if all data is sent within
 * the timeout; wait for close: yes" — "the closesocket call blocks until the
 * remaining data has been sent or until the timeout expires" and returns 0.
 */
static void linger_blocks_until_delivered_then_graceful(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    size_t queued = ws2t_fill_until_blocked(c);
    set_linger(c, 1, 10);

    struct peer_read r = {.s = s, .delay_ms = 500};
    HANDLE reader = CreateThread(NULL, 0, peer_reader, &r, 0, NULL);
    assert_non_null(reader);

    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(c), 0);
    uint64_t took = ws2t_now_ms() - t0;
    /* It waited for the reader to take the data, but not for the 10 s timeout. */
    assert_true(took >= 400);
    assert_true(took < 8000);

    assert_int_equal(WaitForSingleObject(reader, 10000), WAIT_OBJECT_0);
    CloseHandle(reader);
    assert_int_equal(r.bytes, queued);
    assert_int_equal(r.last_result, 0);
    closesocket(s);
}

/*
 * Same row, timeout case: "If the timeout expires before all data has been
 * sent, the Windows Sockets implementation terminates the connection before
 * closesocket returns" (return value still zero), and "If the connection is
 * reset because the timeout expires, then the socket will not go into
 * TIME_WAIT state."  Linux alone would end with FIN here (DESIGN.md).
 */
static void linger_timeout_resets_and_returns_zero(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    unsigned short port = ws2t_local_port(c), peer_port = ws2t_remote_port(c);
    ws2t_fill_until_blocked(c);
    set_linger(c, 1, 1);

    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(c), 0);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 750);
    assert_true(took < 4000);

    /* The connection was reset before closesocket returned. */
    int last, error;
    ws2t_drain(s, &last, &error);
    assert_int_equal(last, SOCKET_ERROR);
    assert_int_equal(error, WSAECONNRESET);
    assert_false(ws2t_time_wait(port, peer_port));
    closesocket(s);
}

/* With nothing queued, a lingering close on a blocking socket is graceful and immediate. */
static void linger_with_nothing_queued_closes_at_once(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    set_linger(c, 1, 10);
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(c), 0);
    assert_true(ws2t_now_ms() - t0 < AT_ONCE_MS);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), 0);
    closesocket(s);
}

/*
 * Non-blocking socket, l_linger nonzero, data that cannot be delivered at
 * once: "the call to closesocket will fail with an error of WSAEWOULDBLOCK
 * ... If closesocket fails with WSAEWOULDBLOCK the socket handle is still
 * valid, and a disconnect is not initiated."  Linux would block l_linger s.
 * Returns the pair with the failed close done.
 */
static void wouldblock_close(SOCKET *c, SOCKET *s, size_t *queued)
{
    ws2t_tcp_pair(AF_INET, c, s);
    *queued = ws2t_fill_until_blocked(*c);
    set_linger(*c, 1, 30);
    ws2t_set_nonblocking(*c, 1);
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(*c), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    assert_true(ws2t_now_ms() - t0 < AT_ONCE_MS);
}

static void nonblocking_linger_fails_wouldblock_and_keeps_handle(void **state)
{
    (void)state;
    SOCKET c, s;
    size_t queued;
    wouldblock_close(&c, &s, &queued);

    /* The handle is still valid. */
    LINGER l;
    int len = sizeof(l);
    assert_int_equal(getsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&l, &len), 0);
    assert_int_equal(l.l_onoff, 1);
    /* Calling again without changing anything fails again (WSPCloseSocket.txt). */
    assert_int_equal(closesocket(c), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);

    /* No disconnect was initiated: the peer gets the data but no end of stream. */
    ws2t_set_nonblocking(s, 1);
    static char buf[65536];
    size_t got = 0;
    uint64_t t0 = ws2t_now_ms();
    while (got < queued && ws2t_now_ms() - t0 < 10000) {
        int n = recv(s, buf, sizeof(buf), 0);
        if (n > 0)
            got += (size_t)n;
        else if (n == 0)
            fail_msg("the peer saw end of stream: a disconnect was started");
        else
            Sleep(1);
    }
    assert_int_equal(got, queued);
    Sleep(50);
    assert_int_equal(recv(s, buf, sizeof(buf), 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);

    /* Everything has been delivered now: the close completes at once. */
    assert_int_equal(closesocket(c), 0);
    closesocket(s);
}

/* WSPCloseSocket.txt: closing again succeeds after SO_DONTLINGER ("disables"), graceful. */
static void wouldblock_then_dontlinger_closes_gracefully(void **state)
{
    (void)state;
    SOCKET c, s;
    size_t queued;
    wouldblock_close(&c, &s, &queued);
    BOOL on = TRUE;
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_DONTLINGER, (const char *)&on, sizeof(on)), 0);
    assert_int_equal(closesocket(c), 0);
    int last, error;
    assert_int_equal(ws2t_drain(s, &last, &error), queued);
    assert_int_equal(last, 0);
    closesocket(s);
}

/* ... after "Enables SO_LINGER with a zero time-out": a hard close. */
static void wouldblock_then_linger_zero_resets(void **state)
{
    (void)state;
    SOCKET c, s;
    size_t queued;
    wouldblock_close(&c, &s, &queued);
    set_linger(c, 1, 0);
    assert_int_equal(closesocket(c), 0);
    int last, error;
    ws2t_drain(s, &last, &error);
    assert_int_equal(last, SOCKET_ERROR);
    assert_int_equal(error, WSAECONNRESET);
    closesocket(s);
}

/* ... after "Calls WSPShutdown to initiate closure": graceful, every byte delivered. */
static void wouldblock_then_shutdown_closes_gracefully(void **state)
{
    (void)state;
    SOCKET c, s;
    size_t queued;
    wouldblock_close(&c, &s, &queued);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    assert_int_equal(closesocket(c), 0);
    int last, error;
    assert_int_equal(ws2t_drain(s, &last, &error), queued);
    assert_int_equal(last, 0);
    closesocket(s);
}

/* Non-blocking, l_linger nonzero, nothing queued: it closes at once. */
static void nonblocking_linger_nothing_queued_closes(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    set_linger(c, 1, 30);
    ws2t_set_nonblocking(c, 1);
    assert_int_equal(closesocket(c), 0);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), 0);
    closesocket(s);
}

/* Linger applies to stream sockets: a UDP or listening socket closes at once. */
static void udp_and_listener_close_at_once(void **state)
{
    (void)state;
    struct sockaddr_in a;
    SOCKET u = ws2t_udp_bound(&a);
    assert_int_equal(closesocket(u), 0);
    struct sockaddr_storage la;
    SOCKET l = ws2t_listener(AF_INET, &la, NULL);
    set_linger(l, 1, 30);
    ws2t_set_nonblocking(l, 1);
    assert_int_equal(closesocket(l), 0);
}

/* A listener's linger is inherited by the sockets it accepts. */
static void accepted_socket_inherits_linger(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    set_linger(l, 1, 7);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    LINGER got;
    int glen = sizeof(got);
    assert_int_equal(getsockopt(a, SOL_SOCKET, SO_LINGER, (char *)&got, &glen), 0);
    assert_int_equal(got.l_onoff, 1);
    assert_int_equal(got.l_linger, 7);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/*
 * A lingering close of a connection the peer has already reset completes at
 * once: nothing queued can be delivered any more (closesocket.md: the call
 * blocks only "until all data has been delivered to the peer or the timeout
 * expires", and a non-blocking one fails with WSAEWOULDBLOCK only "if the
 * close operation cannot be completed immediately").
 */
static void linger_after_peer_reset_closes_at_once(void **state)
{
    (void)state;
    for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
        SOCKET c, s;
        ws2t_tcp_pair(AF_INET, &c, &s);
        ws2t_fill_until_blocked(c);
        set_linger(c, 1, 30);
        set_linger(s, 1, 0);
        assert_int_equal(closesocket(s), 0); /* the peer resets */
        Sleep(100);
        ws2t_set_nonblocking(c, nonblocking);
        uint64_t t0 = ws2t_now_ms();
        assert_int_equal(closesocket(c), 0);
        assert_true(ws2t_now_ms() - t0 < AT_ONCE_MS);
    }
}

/*
 * A hard close of a non-blocking connect that completed while nobody looked
 * (no select, no send): still a reset, not a FIN.
 */
static void linger_zero_resets_an_unchecked_nonblocking_connect(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    ws2t_set_nonblocking(c, 1);
    int r = connect(c, (struct sockaddr *)&addr, len);
    assert_true(r == 0 || WSAGetLastError() == WSAEWOULDBLOCK);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    set_linger(c, 1, 0);
    assert_int_equal(closesocket(c), 0);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAECONNRESET);
    closesocket(s);
    closesocket(l);
}

/*
 * WSPCloseSocket.txt: "it releases the socket descriptor s, so further
 * references to s should fail with the error WSAENOTSOCK" — and the Linux
 * descriptor goes with it (no leak).
 */
static void closed_handle_is_not_a_socket_and_fd_released(void **state)
{
    (void)state;
    int before = ws2t_open_fds();
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(closesocket(s), 0);
    assert_int_equal(closesocket(c), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    char b;
    assert_int_equal(send(s, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(ws2t_open_fds(), before);
}

/* closesocket.md error table: WSAENOTSOCK "The descriptor is not a socket." */
static void bad_handles_are_not_sockets(void **state)
{
    (void)state;
    int before = ws2t_open_fds();
    assert_int_equal(closesocket(INVALID_SOCKET), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(closesocket((SOCKET)0), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(closesocket((SOCKET)0x12345677), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(closesocket((SOCKET)4), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    WSAEVENT e = WSACreateEvent();
    assert_true(e != WSA_INVALID_EVENT);
    assert_int_equal(closesocket((SOCKET)e), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    /* The event survived the attempt. */
    assert_true(WSASetEvent(e));
    assert_true(WSACloseEvent(e));
    assert_int_equal(ws2t_open_fds(), before);
}

/* closesocket.md error table: WSANOTINITIALISED before a successful WSAStartup. */
static void close_before_startup_is_not_initialised(void **state)
{
    (void)state;
    assert_int_equal(closesocket((SOCKET)4), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(default_linger_returns_at_once_and_delivers_everything,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(default_linger_nonblocking_never_wouldblock, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(linger_zero_resets_at_once, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(linger_zero_resets_idle_connection, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(linger_blocks_until_delivered_then_graceful, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(linger_timeout_resets_and_returns_zero, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(linger_with_nothing_queued_closes_at_once, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(nonblocking_linger_fails_wouldblock_and_keeps_handle,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(wouldblock_then_dontlinger_closes_gracefully, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(wouldblock_then_linger_zero_resets, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(wouldblock_then_shutdown_closes_gracefully, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(nonblocking_linger_nothing_queued_closes, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(udp_and_listener_close_at_once, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(accepted_socket_inherits_linger, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(linger_after_peer_reset_closes_at_once, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(linger_zero_resets_an_unchecked_nonblocking_connect,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(closed_handle_is_not_a_socket_and_fd_released, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(bad_handles_are_not_sockets, ws2t_setup, ws2t_teardown),
        cmocka_unit_test(close_before_startup_is_not_initialised),
    };
    return cmocka_run_group_tests_name("closesocket", tests, NULL, NULL);
}
