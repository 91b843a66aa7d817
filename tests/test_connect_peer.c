/*
 * getpeername over a connection's whole life, as Windows answers it: the
 * peer is known from the moment a connect is under way until the socket is
 * closed (after either side shut down, closed or reset the connection), and
 * a socket that never had a peer is WSAENOTCONN.  Linux forgets the peer of
 * a TCP connection that has reached TCP_CLOSE; these tests reach that state
 * on purpose.
 */
#include <string.h>

#include <mswsock.h>

#include "testlib.h"

#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

/* getpeername(of) must give exactly getsockname(peer). */
static void assert_peer_is(SOCKET of, SOCKET peer)
{
    struct sockaddr_storage want, got;
    int wlen = sizeof(want), glen = sizeof(got);
    memset(&got, 0xcc, sizeof(got));
    assert_int_equal(getsockname(peer, (struct sockaddr *)&want, &wlen), 0);
    assert_int_equal(getpeername(of, (struct sockaddr *)&got, &glen), 0);
    assert_int_equal(glen, wlen);
    assert_memory_equal(&got, &want, (size_t)wlen);
}

/* getpeername(of) must give the address addr (len bytes). */
static void assert_peer_addr(SOCKET of, const struct sockaddr_storage *addr, int len)
{
    struct sockaddr_storage got;
    int glen = sizeof(got);
    memset(&got, 0xcc, sizeof(got));
    assert_int_equal(getpeername(of, (struct sockaddr *)&got, &glen), 0);
    assert_int_equal(glen, len);
    assert_memory_equal(&got, addr, (size_t)len);
}

/*
 * Reads s (waiting up to 5 s for each piece) until the stream ends; returns
 * 0 for an orderly end or the error recv failed with.
 */
static int wait_end(SOCKET s)
{
    char buf[64];
    uint64_t t0 = ws2t_now_ms();
    for (;;) {
        fd_set r;
        FD_ZERO(&r);
        FD_SET(s, &r);
        struct timeval tv = {5, 0};
        assert_int_equal(select(0, &r, NULL, NULL, &tv), 1);
        int n = recv(s, buf, sizeof(buf), 0);
        if (n == 0)
            return 0;
        if (n < 0)
            return WSAGetLastError();
        assert_true(ws2t_now_ms() - t0 < 5000);
    }
}

/*
 * shutdown(SD_BOTH) on both ends: both FINs are exchanged (Linux's sockets
 * are then in TCP_CLOSE), yet each end still names its peer until
 * closesocket, as Windows' getpeername does.
 */
static void getpeername_after_shutdown_both_on_both_ends(void **state)
{
    (void)state;
    int afs[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        SOCKET c, s;
        ws2t_tcp_pair(afs[i], &c, &s);
        assert_int_equal(shutdown(c, SD_BOTH), 0);
        assert_int_equal(wait_end(s), 0);
        assert_int_equal(shutdown(s, SD_BOTH), 0);
        Sleep(100); /* the last ACK arrives */
        assert_peer_is(c, s);
        assert_peer_is(s, c);
        closesocket(c);
        closesocket(s);
    }
}

/* SD_RECEIVE on one end and SD_SEND on the other leave both peers known. */
static void getpeername_after_shutdown_send_and_receive(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(shutdown(c, SD_RECEIVE), 0);
    assert_int_equal(shutdown(s, SD_SEND), 0);
    assert_peer_is(c, s);
    assert_peer_is(s, c);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    assert_int_equal(wait_end(s), 0);
    Sleep(100);
    assert_peer_is(c, s);
    assert_peer_is(s, c);
    closesocket(c);
    closesocket(s);
}

/* The peer closed in order and we answered with our own shutdown: still our peer. */
static void getpeername_after_peer_closed_gracefully(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct sockaddr_storage saddr;
    int slen = sizeof(saddr);
    assert_int_equal(getsockname(s, (struct sockaddr *)&saddr, &slen), 0);
    assert_int_equal(closesocket(s), 0);
    assert_int_equal(wait_end(c), 0);
    assert_peer_addr(c, &saddr, slen);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    Sleep(100); /* the peer's ACK of our FIN: TCP_CLOSE on Linux */
    assert_peer_addr(c, &saddr, slen);
    closesocket(c);
}

/* The peer reset the connection: getpeername still names it until closesocket. */
static void getpeername_after_peer_reset(void **state)
{
    (void)state;
    int afs[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        SOCKET c, s;
        ws2t_tcp_pair(afs[i], &c, &s);
        struct sockaddr_storage saddr;
        int slen = sizeof(saddr);
        assert_int_equal(getsockname(s, (struct sockaddr *)&saddr, &slen), 0);
        struct linger hard = {1, 0};
        assert_int_equal(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&hard, sizeof(hard)), 0);
        assert_int_equal(closesocket(s), 0);
        assert_int_equal(wait_end(c), WSAECONNRESET);
        assert_peer_addr(c, &saddr, slen);
        closesocket(c);
    }
}

/*
 * A listener whose queue is full: a further connect stays in progress (its
 * SYN is dropped and retried).  Fills *la with its address.
 */
static SOCKET full_listener(struct sockaddr_storage *la, int *llen, SOCKET *fill, int *nfill)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in *in = (struct sockaddr_in *)la;
    memset(la, 0, sizeof(*la));
    in->sin_family = AF_INET;
    in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(l, (struct sockaddr *)la, sizeof(*in)), 0);
    assert_int_equal(listen(l, 0), 0);
    *llen = sizeof(*la);
    assert_int_equal(getsockname(l, (struct sockaddr *)la, llen), 0);
    /* Connections the queue takes complete; the first that stays in progress is kept open. */
    *nfill = 0;
    for (int i = 0; i < 8; i++) {
        SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
        ws2t_set_nonblocking(c, 1);
        assert_fails(connect(c, (struct sockaddr *)la, *llen), WSAEWOULDBLOCK);
        fd_set w;
        FD_ZERO(&w);
        FD_SET(c, &w);
        struct timeval tv = {0, 300000};
        fill[(*nfill)++] = c;
        if (select(0, NULL, &w, NULL, &tv) == 0)
            return l;
    }
    fail_msg("the listener's queue never filled");
    return l;
}

/*
 * A non-blocking connect still in progress already has its peer on Windows
 * (getpeername succeeds with the address being connected to); a ConnectEx
 * still pending has none yet (WSAENOTCONN).
 */
static void getpeername_while_connecting(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen, n;
    SOCKET fill[8];
    SOCKET l = full_listener(&la, &llen, fill, &n);
    SOCKET pending = fill[n - 1];
    assert_fails(connect(pending, (struct sockaddr *)&la, llen), WSAEALREADY);
    assert_peer_addr(pending, &la, llen);

    SOCKET x = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(x, (struct sockaddr *)&any, sizeof(any)), 0);
    LPFN_CONNECTEX connect_ex = (LPFN_CONNECTEX)ws2t_extension(x, (GUID)WSAID_CONNECTEX);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    DWORD sent = 0;
    assert_false(connect_ex(x, (struct sockaddr *)&la, llen, NULL, 0, &sent, &ov));
    assert_wsa_error(ERROR_IO_PENDING);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT);
    struct sockaddr_storage got;
    int glen = sizeof(got);
    assert_fails(getpeername(x, (struct sockaddr *)&got, &glen), WSAENOTCONN);
    closesocket(x);
    WSACloseEvent(ov.hEvent);
    for (int i = 0; i < n; i++)
        closesocket(fill[i]);
    closesocket(l);
}

/* Sockets that never had a peer: WSAENOTCONN, and the buffer and length untouched. */
static void getpeername_without_a_peer_is_enotconn(void **state)
{
    (void)state;
    struct sockaddr_storage la, got;
    int llen = 0;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(9)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* sendto does not give a datagram socket a peer. */
    assert_int_equal(sendto(u, "x", 1, 0, (struct sockaddr *)&to, sizeof(to)), 1);
    SOCKET t = socket(AF_INET6, SOCK_STREAM, 0);
    SOCKET socks[] = {l, u, t};
    for (int i = 0; i < 3; i++) {
        memset(&got, 0x55, sizeof(got));
        int glen = sizeof(got);
        assert_fails(getpeername(socks[i], (struct sockaddr *)&got, &glen), WSAENOTCONN);
        assert_int_equal(glen, sizeof(got));
        assert_int_equal(((unsigned char *)&got)[0], 0x55);
        closesocket(socks[i]);
    }
}

/* A refused connect leaves no peer behind. */
static void getpeername_after_refused_connect_is_enotconn(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen = 0;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    closesocket(l);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAECONNREFUSED);
    struct sockaddr_storage got;
    int glen = sizeof(got);
    assert_fails(getpeername(c, (struct sockaddr *)&got, &glen), WSAENOTCONN);
    closesocket(c);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(getpeername_after_shutdown_both_on_both_ends),
        T(getpeername_after_shutdown_send_and_receive),
        T(getpeername_after_peer_closed_gracefully),
        T(getpeername_after_peer_reset),
        T(getpeername_while_connecting),
        T(getpeername_without_a_peer_is_enotconn),
        T(getpeername_after_refused_connect_is_enotconn),
    };
    return cmocka_run_group_tests_name("connect_peer", tests, NULL, NULL);
}
