/*
 * TCP options Windows offers that Linux serves otherwise: TCP_MAXRT and
 * TCP_MAXRTMS (the connection timeout), TCP_TIMESTAMPS, and SO_PAUSE_ACCEPT
 * on a listener.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include <mstcpip.h>
#include <mswsock.h>
#include <ws2tcpip.h>

#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

static DWORD get_dword(SOCKET s, int level, int name)
{
    DWORD v = 0x5a5a5a5a;
    int len = sizeof(v);
    assert_int_equal(getsockopt(s, level, name, (char *)&v, &len), 0);
    assert_int_equal(len, sizeof(DWORD));
    return v;
}

static int set_dword(SOCKET s, int level, int name, DWORD v)
{
    return setsockopt(s, level, name, (char *)&v, sizeof(v));
}

/* The numbers of the SDK's ws2ipdef.h and ws2def.h. */
static void tcp_option_numbers_are_the_sdks(void **state)
{
    (void)state;
    assert_int_equal(TCP_MAXRT, 5);
    assert_int_equal(TCP_TIMESTAMPS, 10);
    assert_int_equal(TCP_MAXRTMS, 14);
    assert_int_equal(SO_PAUSE_ACCEPT, 0x3003);
}

/*
 * TCP_MAXRT: "If this value is non-negative, it represents the desired
 * connection timeout in seconds. If it is -1, it represents a request to
 * disable connection timeout"; TCP_MAXRTMS the same in milliseconds.  Both
 * read back what was set; they are TCP's (WSAENOPROTOOPT on UDP).
 */
static void tcp_maxrt_round_trips_seconds_and_minus_one(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(set_dword(s, IPPROTO_TCP, TCP_MAXRT, 30), 0);
    assert_int_equal(get_dword(s, IPPROTO_TCP, TCP_MAXRT), 30);
    assert_int_equal(get_dword(s, IPPROTO_TCP, TCP_MAXRTMS), 30000);
    assert_int_equal(set_dword(s, IPPROTO_TCP, TCP_MAXRTMS, 1500), 0);
    assert_int_equal(get_dword(s, IPPROTO_TCP, TCP_MAXRTMS), 1500);
    assert_int_equal(set_dword(s, IPPROTO_TCP, TCP_MAXRT, (DWORD)-1), 0);
    assert_int_equal(get_dword(s, IPPROTO_TCP, TCP_MAXRT), (DWORD)-1);
    assert_int_equal(get_dword(s, IPPROTO_TCP, TCP_MAXRTMS), (DWORD)-1);
    assert_fails(set_dword(s, IPPROTO_TCP, TCP_MAXRT, (DWORD)-2), WSAEINVAL);
    /* A DWORD: a shorter length is refused. */
    WORD two = 5;
    assert_fails(setsockopt(s, IPPROTO_TCP, TCP_MAXRT, (char *)&two, sizeof(two)), WSAEFAULT);
    closesocket(s);

    SOCKET u = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(u != INVALID_SOCKET);
    assert_fails(set_dword(u, IPPROTO_TCP, TCP_MAXRT, 30), WSAENOPROTOOPT);
    closesocket(u);
}

/* A connection given a timeout keeps it (the value applies to the connection). */
static void tcp_maxrt_applies_on_a_connection(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    assert_int_equal(set_dword(client, IPPROTO_TCP, TCP_MAXRT, 7), 0);
    assert_int_equal(get_dword(client, IPPROTO_TCP, TCP_MAXRT), 7);
    assert_int_equal(send(client, "x", 1, 0), 1);
    char c;
    assert_int_equal(recv(server, &c, 1, 0), 1);
    closesocket(client);
    closesocket(server);
}

/* The system's setting for RFC 1323 time stamps, as Linux keeps it (on when it cannot be read). */
static DWORD system_timestamps(void)
{
    FILE *f = fopen("/proc/sys/net/ipv4/tcp_timestamps", "r");
    if (!f)
        return 1;
    int v = 1;
    if (fscanf(f, "%d", &v) != 1)
        v = 1;
    fclose(f);
    return v != 0;
}

/*
 * TCP_TIMESTAMPS, "DWORD (Boolean)": setting it succeeds; reading it
 * gives a BOOL in four bytes — here what applies (Linux has no per-socket
 * switch, only the system's setting, which both ends of a loopback
 * connection share, so they negotiate exactly that).
 */
static void tcp_timestamps_is_a_bool_that_reports_what_applies(void **state)
{
    (void)state;
    DWORD expected = system_timestamps();
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(get_dword(s, IPPROTO_TCP, TCP_TIMESTAMPS), expected);
    assert_int_equal(set_dword(s, IPPROTO_TCP, TCP_TIMESTAMPS, expected), 0);
    assert_int_equal(get_dword(s, IPPROTO_TCP, TCP_TIMESTAMPS), expected);
    closesocket(s);

    SOCKET client, server;
    ws2t_tcp_pair(AF_INET6, &client, &server);
    assert_int_equal(get_dword(client, IPPROTO_TCP, TCP_TIMESTAMPS), expected);
    assert_int_equal(get_dword(server, IPPROTO_TCP, TCP_TIMESTAMPS), expected);
    closesocket(client);
    closesocket(server);
}

/* A client connected to addr, with a receive timeout so that a test never hangs. */
static SOCKET connect_client(const struct sockaddr_storage *addr, int len)
{
    SOCKET c = socket(addr->ss_family, SOCK_STREAM, IPPROTO_TCP);
    assert_true(c != INVALID_SOCKET);
    DWORD timeout = 10000;
    assert_int_equal(set_dword(c, SOL_SOCKET, SO_RCVTIMEO, timeout), 0);
    /* Linux completes the handshake before the listener resets it: connect may succeed. */
    if (connect(c, (const struct sockaddr *)addr, len) == SOCKET_ERROR) {
        /* Or the reset comes while connect still waits. */
        int error = WSAGetLastError();
        assert_true(error == WSAECONNREFUSED || error == WSAECONNRESET || error == WSAECONNABORTED);
    }
    return c;
}

/*
 * SO_PAUSE_ACCEPT: "When the option is set, the socket responds to all
 * incoming connections with an RST rather than accepting them."  The
 * client sees its connection reset and the listener has nothing to accept;
 * cleared, the listener accepts again.
 */
static void pause_accept_resets_incoming_connections(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len = sizeof(addr);
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    assert_int_equal(get_dword(l, SOL_SOCKET, SO_PAUSE_ACCEPT), 0);
    assert_int_equal(set_dword(l, SOL_SOCKET, SO_PAUSE_ACCEPT, TRUE), 0);
    assert_int_equal(get_dword(l, SOL_SOCKET, SO_PAUSE_ACCEPT), 1);

    SOCKET c = connect_client(&addr, len);
    char buf[4];
    assert_int_equal(recv(c, buf, sizeof(buf), 0), SOCKET_ERROR);
    int error = WSAGetLastError();
    assert_true(error == WSAECONNRESET || error == WSAECONNABORTED || error == WSAENOTCONN);
    closesocket(c);
    ws2t_set_nonblocking(l, 1);
    assert_true(accept(l, NULL, NULL) == INVALID_SOCKET);
    assert_wsa_error(WSAEWOULDBLOCK);

    assert_int_equal(set_dword(l, SOL_SOCKET, SO_PAUSE_ACCEPT, FALSE), 0);
    assert_int_equal(get_dword(l, SOL_SOCKET, SO_PAUSE_ACCEPT), 0);
    c = connect_client(&addr, len);
    ws2t_set_nonblocking(l, 0);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    assert_int_equal(send(a, "ok", 2, 0), 2);
    assert_int_equal(recv(c, buf, sizeof(buf), 0), 2);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* Set before listen, the option takes effect when the socket listens. */
static void pause_accept_set_before_listen_applies(void **state)
{
    (void)state;
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(l != INVALID_SOCKET);
    assert_int_equal(set_dword(l, SOL_SOCKET, SO_PAUSE_ACCEPT, TRUE), 0);
    struct sockaddr_in sin = {0};
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(l, (struct sockaddr *)&sin, sizeof(sin)), 0);
    assert_int_equal(listen(l, 5), 0);
    struct sockaddr_storage addr;
    int len = sizeof(addr);
    assert_int_equal(getsockname(l, (struct sockaddr *)&addr, &len), 0);
    SOCKET c = connect_client(&addr, len);
    char buf[4];
    assert_int_equal(recv(c, buf, sizeof(buf), 0), SOCKET_ERROR);
    int error = WSAGetLastError();
    assert_true(error == WSAECONNRESET || error == WSAECONNABORTED || error == WSAENOTCONN);
    closesocket(c);
    closesocket(l);
}

/* A pending AcceptEx does not take a connection that arrives while the listener is paused. */
static void pause_accept_keeps_a_pending_acceptex_waiting(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len = sizeof(addr);
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    assert_int_equal(set_dword(l, SOL_SOCKET, SO_PAUSE_ACCEPT, TRUE), 0);
    LPFN_ACCEPTEX accept_ex = (LPFN_ACCEPTEX)ws2t_extension(l, (GUID)WSAID_ACCEPTEX);
    SOCKET as = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(as != INVALID_SOCKET);
    char buf[2 * (sizeof(SOCKADDR_IN) + 16)];
    DWORD bytes = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_false(
        accept_ex(l, as, buf, 0, sizeof(SOCKADDR_IN) + 16, sizeof(SOCKADDR_IN) + 16, &bytes, &ov));
    assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);
    SOCKET c = connect_client(&addr, len);
    char b[4];
    assert_int_equal(recv(c, b, sizeof(b), 0), SOCKET_ERROR);
    int error = WSAGetLastError();
    assert_true(error == WSAECONNRESET || error == WSAECONNABORTED || error == WSAENOTCONN);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 300, FALSE), WSA_WAIT_TIMEOUT);
    closesocket(c);
    closesocket(l);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD flags;
    assert_false(WSAGetOverlappedResult(as, &ov, &bytes, FALSE, &flags));
    assert_int_equal(WSAGetLastError(), WSA_OPERATION_ABORTED);
    WSACloseEvent(ov.hEvent);
    closesocket(as);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tcp_option_numbers_are_the_sdks),
        cmocka_unit_test_setup_teardown(tcp_maxrt_round_trips_seconds_and_minus_one, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(tcp_maxrt_applies_on_a_connection, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(tcp_timestamps_is_a_bool_that_reports_what_applies,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(pause_accept_resets_incoming_connections, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(pause_accept_set_before_listen_applies, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(pause_accept_keeps_a_pending_acceptex_waiting, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("sockopt_tcp", tests, NULL, NULL);
}
