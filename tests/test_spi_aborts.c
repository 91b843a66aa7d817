/*
 * How a TCP connection ends abortively, and what every later call then
 * reports:
 *
 *   - shutdown(SD_RECEIVE) refuses data with a reset (shutdown.md: "For TCP
 *     sockets, if there is still data queued on the socket waiting to be
 *     received, or data arrives subsequently, the connection is reset, since
 *     the data cannot be delivered to the user"), checked on a raw Linux
 *     peer, which must see ECONNRESET;
 *   - a connection this host gives up on is WSAECONNABORTED ("The virtual
 *     circuit was terminated due to a time-out or other failure"), not the
 *     peer's WSAECONNRESET, for every call, a pending overlapped receive and
 *     FD_CLOSE included;
 *   - the mapping of the causes that loopback cannot produce (keep-alive
 *     failure, TTL expiry) is checked on the functions themselves.
 *
 * An SPI test: it links the static library and sees src/, for the raw peer
 * (the system layer's sys_* calls, outside Winsock) and to shorten one
 * socket's TCP_USER_TIMEOUT, which Winsock has no option for.
 */
#include <errno.h>
#include <string.h>

#include "providers/base/bsock.h"
#include "sys/sys.h"
#include "testlib.h"

#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

/* --- A raw Linux peer ---------------------------------------------------- */

/* A Linux TCP socket connected to to (an IPv4 address: its layout is Linux's too). */
static int raw_connect(const struct sockaddr_in *to)
{
    int fd = sys_socket(SYS_AF_INET, SYS_SOCK_STREAM, 0);
    assert_true(fd >= 0);
    if (sys_connect(fd, to, sizeof(*to)) < 0)
        assert_int_equal(errno, EINPROGRESS);
    struct sys_pollfd p = {.fd = fd, .events = SYS_POLLOUT};
    assert_int_equal(sys_poll_until(&p, 1, sys_now_ns() + 5000000000LL), 1);
    return fd;
}

static void raw_send(int fd, const char *data)
{
    struct sys_iovec v = {(void *)data, strlen(data)};
    assert_int_equal(sys_sendmsg(fd, &v, 1, NULL, 0, 0), (long)strlen(data));
}

/*
 * Waits up to timeout_ms for what comes: the errno of a failed receive
 * (ECONNRESET for a reset), 0 for the end of the stream, -1 for data or
 * nothing at all.
 */
static int raw_outcome(int fd, int timeout_ms)
{
    struct sys_pollfd p = {.fd = fd, .events = SYS_POLLIN};
    if (sys_poll_until(&p, 1, sys_now_ns() + (int64_t)timeout_ms * 1000000) <= 0)
        return -1;
    char b[64];
    struct sys_iovec v = {b, sizeof(b)};
    long n = sys_recvmsg(fd, &v, 1, NULL, NULL, SYS_MSG_DONTWAIT, NULL);
    return n < 0 ? errno : n == 0 ? 0 : -1;
}

/* Our socket accepted from a raw peer's connection; *raw gets the peer. */
static SOCKET accept_raw(int *raw)
{
    struct sockaddr_storage addr;
    SOCKET l = ws2t_listener(AF_INET, &addr, NULL);
    *raw = raw_connect((struct sockaddr_in *)&addr);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    closesocket(l);
    return s;
}

/* Waits (up to 5 s) until s has at least n bytes to read. */
static void wait_readable(SOCKET s, u_long n)
{
    u_long avail = 0;
    for (int i = 0; i < 500 && avail < n; i++) {
        assert_int_equal(ioctlsocket(s, FIONREAD, &avail), 0);
        if (avail < n)
            Sleep(10);
    }
    assert_true(avail >= n);
}

/* --- shutdown(SD_RECEIVE) ------------------------------------------------ */

/*
 * "... or data arrives subsequently, the connection is reset": the raw peer
 * sends after our shutdown and sees ECONNRESET.  The reset is ours, so later
 * sends fail with WSAECONNABORTED ("aborted by the software in your host",
 * Windows Sockets Error Codes), receives still with WSAESHUTDOWN.
 */
static void data_arriving_after_shutdown_receive_resets(void **state)
{
    (void)state;
    int raw;
    SOCKET s = accept_raw(&raw);
    assert_int_equal(shutdown(s, SD_RECEIVE), 0);
    /* Until data comes, the connection stays: the peer still gets what s sends. */
    assert_int_equal(send(s, "fine", 4, 0), 4);
    assert_int_equal(raw_outcome(raw, 5000), -1); /* the data */
    raw_send(raw, "late");
    assert_int_equal(raw_outcome(raw, 5000), ECONNRESET);
    char b[8];
    assert_fails(recv(s, b, sizeof(b), 0), WSAESHUTDOWN);
    assert_fails(send(s, "x", 1, 0), WSAECONNABORTED);
    assert_fails(send(s, "x", 1, 0), WSAECONNABORTED);
    closesocket(s);
    sys_close(raw);
}

/* "... if there is still data queued on the socket waiting to be received": reset at once. */
static void data_queued_at_shutdown_receive_resets(void **state)
{
    (void)state;
    int raw;
    SOCKET s = accept_raw(&raw);
    raw_send(raw, "unread");
    wait_readable(s, 6);
    assert_int_equal(shutdown(s, SD_RECEIVE), 0);
    assert_int_equal(raw_outcome(raw, 5000), ECONNRESET);
    assert_fails(send(s, "x", 1, 0), WSAECONNABORTED);
    closesocket(s);
    sys_close(raw);

    /* SD_BOTH likewise: the reset, not a FIN behind the data. */
    s = accept_raw(&raw);
    raw_send(raw, "unread");
    wait_readable(s, 6);
    assert_int_equal(shutdown(s, SD_BOTH), 0);
    assert_int_equal(raw_outcome(raw, 5000), ECONNRESET);
    closesocket(s);
    sys_close(raw);
}

/*
 * A receive pending before the shutdown still takes the data and completes
 * with it, as on Windows (Wine's test_shutdown, "Test shutting down with
 * async I/O pending", passes there): the data can be delivered, so there is
 * no reset.  New receives fail with WSAESHUTDOWN; data that then comes is
 * refused.
 */
static void pending_receive_takes_data_after_shutdown_receive(void **state)
{
    (void)state;
    int raw;
    SOCKET s = accept_raw(&raw);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    char b[8];
    WSABUF buf = {sizeof(b), b};
    DWORD got = 0, flags = 0;
    assert_fails(WSARecv(s, &buf, 1, &got, &flags, &ov, NULL), WSA_IO_PENDING);
    assert_int_equal(shutdown(s, SD_RECEIVE), 0);
    char other[8];
    WSABUF obuf = {sizeof(other), other};
    assert_fails(WSARecv(s, &obuf, 1, &got, &flags, NULL, NULL), WSAESHUTDOWN);
    raw_send(raw, "test");
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    assert_true(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags));
    assert_int_equal(got, 4);
    assert_memory_equal(b, "test", 4);
    assert_int_equal(raw_outcome(raw, 300), -1); /* no reset */

    raw_send(raw, "more");
    assert_int_equal(raw_outcome(raw, 5000), ECONNRESET);
    WSACloseEvent(ov.hEvent);
    closesocket(s);
    sys_close(raw);
}

/* WSAEnumNetworkEvents.md: FD_CLOSE with WSAECONNABORTED, "terminated due to ... other failure". */
static void refused_data_records_fd_close_aborted(void **state)
{
    (void)state;
    int raw;
    SOCKET s = accept_raw(&raw);
    WSAEVENT ev = WSACreateEvent();
    assert_int_equal(WSAEventSelect(s, ev, FD_CLOSE), 0);
    assert_int_equal(shutdown(s, SD_RECEIVE), 0);
    raw_send(raw, "late");
    assert_int_equal(raw_outcome(raw, 5000), ECONNRESET);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    WSANETWORKEVENTS ne;
    assert_int_equal(WSAEnumNetworkEvents(s, ev, &ne), 0);
    assert_true(ne.lNetworkEvents & FD_CLOSE);
    assert_int_equal(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED);
    WSAEventSelect(s, NULL, 0);
    WSACloseEvent(ev);
    closesocket(s);
    sys_close(raw);
}

/* --- A connection this host gives up on ---------------------------------- */

/*
 * Makes c's connection time out: the peer s stops reading with a small
 * receive buffer, c fills the window, and c's TCP_USER_TIMEOUT (300 ms)
 * ends the zero-window probing (Linux aborts probing after the user timeout
 * even though the peer answers the probes).  c must be non-blocking.
 */
static void make_it_time_out(SOCKET c, SOCKET s)
{
    int small = 4096;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&small, sizeof(small)), 0);
    int err;
    struct bsock *b = bsock_get(c, &err);
    assert_non_null(b);
    int ms = 300;
    assert_int_equal(sys_setsockopt(b->fd, SYS_IPPROTO_TCP, SYS_TCP_USER_TIMEOUT, &ms, sizeof(ms)),
                     0);
    bsock_put(b);
    static char chunk[65536];
    while (send(c, chunk, sizeof(chunk), 0) != SOCKET_ERROR)
        ;
    assert_wsa_error(WSAEWOULDBLOCK);
}

/*
 * recv.md, WSAECONNABORTED: "The virtual circuit was terminated due to a
 * time-out or other failure. The application should close the socket as it
 * is no longer usable" — for the receive that was waiting and every later
 * call.  (A retransmission time-out gives "recv ... returned 10053" on
 * Windows; Linux says ETIMEDOUT, which Winsock keeps for connect.)
 */
static void timed_out_connection_is_aborted(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    ws2t_set_nonblocking(c, 1);
    make_it_time_out(c, s);
    ws2t_set_nonblocking(c, 0);
    char b[8];
    uint64_t t0 = ws2t_now_ms();
    assert_fails(recv(c, b, sizeof(b), 0), WSAECONNABORTED);
    assert_true(ws2t_now_ms() - t0 < 15000);
    assert_fails(recv(c, b, sizeof(b), 0), WSAECONNABORTED);
    assert_fails(send(c, "x", 1, 0), WSAECONNABORTED);
    int e = -1, len = sizeof(e);
    assert_int_equal(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&e, &len), 0);
    assert_int_equal(e, 0); /* reported already */
    closesocket(c);
    closesocket(s);
}

/*
 * The same for a pending overlapped receive, and FD_CLOSE's error code is
 * WSAECONNABORTED (WSAEnumNetworkEvents.md).  FD_CLOSE looks first (it takes
 * Linux's error to tell the cause), the receive still gets it.
 */
static void timed_out_connection_fails_pending_receive_and_fd_close(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = WSACreateEvent();
    assert_int_equal(WSAEventSelect(c, ev, FD_CLOSE), 0);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    char b[8];
    WSABUF buf = {sizeof(b), b};
    DWORD got = 0, flags = 0;
    assert_fails(WSARecv(c, &buf, 1, &got, &flags, &ov, NULL), WSA_IO_PENDING);
    make_it_time_out(c, s);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, TRUE, 15000, FALSE), WSA_WAIT_EVENT_0);
    assert_false(WSAGetOverlappedResult(c, &ov, &got, FALSE, &flags));
    assert_wsa_error(WSAECONNABORTED);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, TRUE, 5000, FALSE), WSA_WAIT_EVENT_0);
    WSANETWORKEVENTS ne;
    assert_int_equal(WSAEnumNetworkEvents(c, ev, &ne), 0);
    assert_true(ne.lNetworkEvents & FD_CLOSE);
    assert_int_equal(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED);
    assert_fails(recv(c, b, sizeof(b), 0), WSAECONNABORTED);
    WSAEventSelect(c, NULL, 0);
    WSACloseEvent(ev);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/*
 * A reset that comes after the peer's FIN: Windows fails the receive with
 * WSAECONNABORTED (Wine's test_shutdown, "Send data to a peer which is
 * closed", passes on Windows), where Linux would report the FIN (0) and
 * never the reset.
 */
static void reset_after_the_peers_fin_is_aborted(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    closesocket(c);
    assert_int_equal(send(s, "test", 4, 0), 4); /* to a closed socket: it answers with RST */
    Sleep(200);
    char b[8];
    assert_fails(recv(s, b, sizeof(b), 0), WSAECONNABORTED);
    assert_fails(recv(s, b, sizeof(b), 0), WSAECONNABORTED);
    closesocket(s);
}

/* --- The mapping of what loopback cannot produce ------------------------- */

/*
 * Windows Sockets Error Codes, WSAECONNRESET: "a connection was broken due
 * to keep-alive activity detecting a failure while one or more operations
 * are in progress. Operations that were in progress fail with WSAENETRESET.
 * Subsequent operations fail with WSAECONNRESET."  Keep-alive probes only
 * an idle connection, so a time-out with nothing unacknowledged and
 * keep-alive on was keep-alive's.  FD_CLOSE reports every end that was not
 * the peer's reset as WSAECONNABORTED (WSAEnumNetworkEvents.md).
 */
static void timeout_and_close_mapping(void **state)
{
    (void)state;
    assert_int_equal(sys_timeout_errno(1, 0), ENETRESET);
    assert_int_equal(sys_timeout_errno(1, 100), ECONNABORTED);
    assert_int_equal(sys_timeout_errno(0, 0), ECONNABORTED);
    assert_int_equal(base_error(ENETRESET), WSAENETRESET);
    assert_int_equal(base_error(ECONNABORTED), WSAECONNABORTED);
    assert_int_equal(base_error(ECONNRESET), WSAECONNRESET);
    assert_int_equal(base_error(EPIPE), WSAECONNABORTED);
    assert_int_equal(base_error(ETIMEDOUT), WSAETIMEDOUT); /* a connect attempt's (connect.md) */
    assert_int_equal(base_close_error(0), 0);
    assert_int_equal(base_close_error(WSAECONNRESET), WSAECONNRESET);
    assert_int_equal(base_close_error(WSAENETRESET), WSAECONNABORTED);
    assert_int_equal(base_close_error(WSAECONNABORTED), WSAECONNABORTED);
    assert_int_equal(base_close_error(WSAEHOSTUNREACH), WSAECONNABORTED);
}

/*
 * recv.md: WSAENETRESET "For a datagram socket, this error indicates that
 * the time to live has expired", WSAECONNRESET for "an ICMP "Port
 * Unreachable" message"; other ICMP messages are not reported.
 */
static void icmp_kinds(void **state)
{
    (void)state;
    assert_int_equal(sys_icmp_kind(0, 3, 3), SYS_ICMP_PORT_UNREACHABLE); /* ICMP_PORT_UNREACH */
    assert_int_equal(sys_icmp_kind(0, 11, 0), SYS_ICMP_TIME_EXCEEDED);   /* ICMP_TIME_EXCEEDED */
    assert_int_equal(sys_icmp_kind(0, 3, 1), 0);                         /* host unreachable */
    assert_int_equal(sys_icmp_kind(1, 1, 4), SYS_ICMP_PORT_UNREACHABLE); /* ICMP6 port */
    assert_int_equal(sys_icmp_kind(1, 3, 0), SYS_ICMP_TIME_EXCEEDED);    /* ICMP6 time exceeded */
    assert_int_equal(sys_icmp_kind(1, 1, 0), 0);                         /* no route */
    assert_int_equal(base_error(ENETRESET), WSAENETRESET);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(data_arriving_after_shutdown_receive_resets),
        T(data_queued_at_shutdown_receive_resets),
        T(pending_receive_takes_data_after_shutdown_receive),
        T(refused_data_records_fd_close_aborted),
        T(timed_out_connection_is_aborted),
        T(timed_out_connection_fails_pending_receive_and_fd_close),
        T(reset_after_the_peers_fin_is_aborted),
        T(timeout_and_close_mapping),
        T(icmp_kinds),
    };
    return cmocka_run_group_tests_name("spi_aborts", tests, NULL, NULL);
}
