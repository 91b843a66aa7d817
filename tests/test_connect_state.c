/*
 * A socket's connection state as Windows reports it (Wine's conformance
 * tests, run on Windows: test_connect_time, test_select, test_connect,
 * test_connect_udp, test_broadcast): SO_CONNECT_TIME counts from the moment
 * the connection was made, whichever call made it; SO_ERROR keeps a
 * non-blocking connect's failure at every read, and reads 0 after a blocking
 * one; a socket whose connect failed may listen; a ConnectEx socket is not
 * connect()ed over; a datagram socket's association dissolves with AF_UNSPEC
 * and may name a broadcast address without SO_BROADCAST.
 */
#include <string.h>

#include <mswsock.h>

#include "testlib.h"

#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

static DWORD connect_time(SOCKET s)
{
    DWORD t = 0x12345678;
    int len = sizeof(t);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, &len), 0);
    assert_int_equal(len, sizeof(t));
    return t;
}

static int so_error(SOCKET s)
{
    int e = 0x12345678, len = sizeof(e);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&e, &len), 0);
    return e;
}

/* A loopback port that refuses connections: bound by *holder, which does not listen. */
static struct sockaddr_in refusing_port(SOCKET *holder)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    *holder = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(bind(*holder, (struct sockaddr *)&a, sizeof(a)), 0);
    int len = sizeof(a);
    assert_int_equal(getsockname(*holder, (struct sockaddr *)&a, &len), 0);
    return a;
}

/* Waits (up to 10 s) until s is in the except set of select, as a failed connect is. */
static void wait_failed(SOCKET s)
{
    fd_set e;
    FD_ZERO(&e);
    FD_SET(s, &e);
    struct timeval tv = {10, 0};
    assert_int_equal(select(0, NULL, NULL, &e, &tv), 1);
}

/* Waits (up to 10 s) until s is writable, as a connected socket is. */
static void wait_writable(SOCKET s)
{
    fd_set w;
    FD_ZERO(&w);
    FD_SET(s, &w);
    struct timeval tv = {10, 0};
    assert_int_equal(select(0, NULL, &w, NULL, &tv), 1);
}

static void wait_event(HANDLE ev)
{
    assert_int_equal(WaitForSingleObject(ev, 10000), WAIT_OBJECT_0);
}

/* ---- SO_CONNECT_TIME ---------------------------------------------------- */

/*
 * Unconnected: 0xFFFFFFFF; each way of connecting: seconds since then, 0 at
 * first (observed: test_connect_time, a connect()ed client and its accept()ed
 * server read 0; an unconnected socket ~0u).  A blocking connect and accept
 * are checked here; the extensions below.
 */
static void connect_time_counts_from_connect_and_accept(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect_time(c), 0xFFFFFFFFu);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    assert_true(connect_time(c) <= 1);
    assert_true(connect_time(a) <= 1);
    Sleep(2100);
    assert_true(connect_time(c) >= 2 && connect_time(c) <= 30);
    assert_true(connect_time(a) >= 2 && connect_time(a) <= 30);
    assert_int_equal(connect_time(l), 0xFFFFFFFFu);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* Starts an AcceptEx on l into a new socket; rlen bytes of first data asked for. */
static SOCKET start_acceptex(SOCKET l, char *buf, DWORD rlen, OVERLAPPED *ov)
{
    LPFN_ACCEPTEX acceptex = ws2t_extension(l, (GUID)WSAID_ACCEPTEX);
    SOCKET a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(ov, 0, sizeof(*ov));
    ov->hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD got = 0;
    DWORD alen = sizeof(struct sockaddr_in) + 16;
    assert_false(acceptex(l, a, buf, rlen, alen, alen, &got, ov));
    assert_wsa_error(ERROR_IO_PENDING);
    return a;
}

/*
 * AcceptEx.md: SO_CONNECT_TIME on the accept socket of a pending AcceptEx
 * that waits for data tells whether "a connection has been established" and
 * for how long — the time runs from the connection, not from its first data
 * or SO_UPDATE_ACCEPT_CONTEXT.
 */
static void connect_time_of_acceptex_runs_from_the_connection(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    char buf[2 * (sizeof(struct sockaddr_in) + 16) + 4];
    OVERLAPPED ov;
    SOCKET a = start_acceptex(l, buf, 1, &ov);
    assert_int_equal(connect_time(a), 0xFFFFFFFFu);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    Sleep(2100);
    assert_int_equal(send(c, "x", 1, 0), 1);
    wait_event(ov.hEvent);
    DWORD got = 0;
    assert_true(GetOverlappedResult((HANDLE)l, &ov, &got, FALSE));
    assert_int_equal(got, 1);
    DWORD t = connect_time(a);
    assert_true(t >= 2 && t <= 30);
    assert_int_equal(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof(l)), 0);
    t = connect_time(a);
    assert_true(t >= 2 && t <= 30);
    CloseHandle(ov.hEvent);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* The same without first data: SO_UPDATE_ACCEPT_CONTEXT, later, does not restart the count. */
static void connect_time_survives_update_accept_context(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    char buf[2 * (sizeof(struct sockaddr_in) + 16)];
    OVERLAPPED ov;
    SOCKET a = start_acceptex(l, buf, 0, &ov);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    wait_event(ov.hEvent);
    DWORD got = 0;
    assert_true(GetOverlappedResult((HANDLE)l, &ov, &got, FALSE));
    assert_int_equal(send(c, "x", 1, 0), 1);
    Sleep(2100);
    assert_int_equal(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof(l)), 0);
    DWORD t = connect_time(a);
    assert_true(t >= 2 && t <= 30);
    CloseHandle(ov.hEvent);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* Binds s to loopback, port chosen by the system (ConnectEx needs a bound socket). */
static void bind_loopback(SOCKET s)
{
    struct sockaddr_in b;
    memset(&b, 0, sizeof(b));
    b.sin_family = AF_INET;
    b.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(s, (struct sockaddr *)&b, sizeof(b)), 0);
}

/* Runs a ConnectEx from a new bound socket to la and waits for its success. */
static SOCKET connectex_to(const struct sockaddr_storage *la, int llen)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    bind_loopback(c);
    LPFN_CONNECTEX connectex = ws2t_extension(c, (GUID)WSAID_CONNECTEX);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD sent = 0;
    assert_false(connectex(c, (const struct sockaddr *)la, llen, NULL, 0, &sent, &ov));
    assert_wsa_error(ERROR_IO_PENDING);
    wait_event(ov.hEvent);
    assert_true(GetOverlappedResult((HANDLE)c, &ov, &sent, FALSE));
    CloseHandle(ov.hEvent);
    return c;
}

static void connect_time_counts_from_connectex(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = connectex_to(&la, llen);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(connect_time(c) <= 1);
    assert_int_equal(send(a, "x", 1, 0), 1);
    Sleep(2100);
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0), 0);
    DWORD t = connect_time(c);
    assert_true(t >= 2 && t <= 30);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* ---- SO_ERROR after a failed connect ------------------------------------ */

/*
 * Observed (test_select): after a refused non-blocking connect SO_ERROR is
 * WSAECONNREFUSED at every read, not cleared by reading; connect() again
 * starts a new attempt (WSAEWOULDBLOCK), and the error stays until a
 * connect succeeds, which makes it 0.
 */
static void so_error_keeps_a_nonblocking_connect_failure(void **state)
{
    (void)state;
    SOCKET holder;
    struct sockaddr_in port = refusing_port(&holder);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ws2t_set_nonblocking(c, 1);
    assert_fails(connect(c, (struct sockaddr *)&port, sizeof(port)), WSAEWOULDBLOCK);
    wait_failed(c);
    assert_int_equal(so_error(c), WSAECONNREFUSED);
    assert_int_equal(so_error(c), WSAECONNREFUSED);
    assert_int_equal(so_error(c), WSAECONNREFUSED);
    assert_fails(connect(c, (struct sockaddr *)&port, sizeof(port)), WSAEWOULDBLOCK);
    wait_failed(c);
    assert_int_equal(so_error(c), WSAECONNREFUSED);

    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAEWOULDBLOCK);
    wait_writable(c);
    assert_int_equal(so_error(c), 0);
    closesocket(c);
    closesocket(l);
    closesocket(holder);
}

/* Observed (test_select): a refused blocking connect leaves SO_ERROR 0. */
static void so_error_is_zero_after_a_blocking_connect_failure(void **state)
{
    (void)state;
    SOCKET holder;
    struct sockaddr_in port = refusing_port(&holder);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_fails(connect(c, (struct sockaddr *)&port, sizeof(port)), WSAECONNREFUSED);
    assert_int_equal(so_error(c), 0);
    assert_int_equal(so_error(c), 0);
    closesocket(c);
    closesocket(holder);
}

/*
 * Observed (test_select): a bound socket whose non-blocking connect was
 * refused may listen, and accepts; SO_ERROR still reports the refusal.
 */
static void listen_after_a_failed_connect(void **state)
{
    (void)state;
    SOCKET holder;
    struct sockaddr_in port = refusing_port(&holder);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ws2t_set_nonblocking(s, 1);
    bind_loopback(s);
    struct sockaddr_in mine;
    int mlen = sizeof(mine);
    assert_int_equal(getsockname(s, (struct sockaddr *)&mine, &mlen), 0);
    assert_fails(connect(s, (struct sockaddr *)&port, sizeof(port)), WSAEWOULDBLOCK);
    wait_failed(s);
    struct sockaddr_in now;
    int nlen = sizeof(now);
    assert_int_equal(getsockname(s, (struct sockaddr *)&now, &nlen), 0);
    assert_int_equal(nlen, mlen);
    assert_memory_equal(&now, &mine, sizeof(mine));

    assert_int_equal(listen(s, 1), 0);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&mine, mlen), 0);
    ws2t_set_nonblocking(s, 0);
    SOCKET a = accept(s, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    assert_int_equal(send(c, "hi", 2, 0), 2);
    char b[2];
    assert_int_equal(recv(a, b, 2, MSG_WAITALL), 2);
    assert_memory_equal(b, "hi", 2);
    assert_int_equal(so_error(s), WSAECONNREFUSED);
    fd_set r, w, e;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &w);
    FD_SET(s, &e);
    struct timeval tv = {0, 0};
    assert_int_equal(select(0, &r, &w, &e, &tv), 1);
    assert_true(FD_ISSET(s, &e));
    closesocket(a);
    closesocket(c);
    closesocket(s);
    closesocket(holder);
}

/* ---- The extensions ----------------------------------------------------- */

/*
 * Observed (test_connect): connect() on a socket that ConnectEx connected,
 * before SO_UPDATE_CONNECT_CONTEXT, is WSAEINVAL (a connect()ed or accepted
 * socket gives WSAEISCONN); ConnectEx again is WSAEISCONN.
 */
static void connect_after_connectex_is_einval(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = connectex_to(&la, llen);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAEINVAL);
    assert_fails(connect(a, (struct sockaddr *)&la, llen), WSAEISCONN);
    LPFN_CONNECTEX connectex = ws2t_extension(c, (GUID)WSAID_CONNECTEX);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD sent = 0;
    assert_false(connectex(c, (const struct sockaddr *)&la, llen, NULL, 0, &sent, &ov));
    assert_wsa_error(WSAEISCONN);
    /* The connection works all the same. */
    assert_int_equal(send(c, "ok", 2, 0), 2);
    char b[2];
    assert_int_equal(recv(a, b, 2, MSG_WAITALL), 2);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/*
 * DisconnectEx(TF_REUSE_SOCKET) makes the socket new: unconnected
 * (SO_CONNECT_TIME ~0u, SO_ERROR 0, in no select set), and ready for
 * ConnectEx, which connects it again.
 */
static void disconnectex_reuse_forgets_the_connection_state(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = connectex_to(&la, llen);
    SOCKET a = accept(l, NULL, NULL);
    LPFN_DISCONNECTEX disconnectex = ws2t_extension(c, (GUID)WSAID_DISCONNECTEX);
    assert_true(disconnectex(c, NULL, TF_REUSE_SOCKET, 0));
    assert_int_equal(connect_time(c), 0xFFFFFFFFu);
    assert_int_equal(so_error(c), 0);
    fd_set r, w, e;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(c, &r);
    FD_SET(c, &w);
    FD_SET(c, &e);
    struct timeval tv = {0, 100000};
    assert_int_equal(select(0, &r, &w, &e, &tv), 0);
    closesocket(a);

    bind_loopback(c);
    LPFN_CONNECTEX connectex = ws2t_extension(c, (GUID)WSAID_CONNECTEX);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD sent = 0;
    assert_false(connectex(c, (const struct sockaddr *)&la, llen, "z", 1, &sent, &ov));
    assert_wsa_error(ERROR_IO_PENDING);
    wait_event(ov.hEvent);
    assert_true(GetOverlappedResult((HANDLE)c, &ov, &sent, FALSE));
    assert_int_equal(sent, 1);
    a = accept(l, NULL, NULL);
    char b;
    assert_int_equal(recv(a, &b, 1, 0), 1);
    assert_int_equal(b, 'z');
    assert_true(connect_time(c) <= 1);
    assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAEINVAL);
    CloseHandle(ov.hEvent);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* ---- Datagram sockets --------------------------------------------------- */

static SOCKET udp_bound(struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    bind_loopback(s);
    int len = sizeof(*addr);
    assert_int_equal(getsockname(s, (struct sockaddr *)addr, &len), 0);
    return s;
}

/* Receives one datagram on s (waiting up to 5 s); returns its length and sender. */
static int recv_one(SOCKET s, char *buf, int size, struct sockaddr_in *from)
{
    fd_set r;
    FD_ZERO(&r);
    FD_SET(s, &r);
    struct timeval tv = {5, 0};
    assert_int_equal(select(0, &r, NULL, NULL, &tv), 1);
    int flen = sizeof(*from);
    return recvfrom(s, buf, size, 0, (struct sockaddr *)from, &flen);
}

/*
 * Observed (test_connect_udp): connect() with an AF_UNSPEC address
 * dissolves a datagram socket's association (0); getpeername is then
 * WSAENOTCONN and so is send; the socket keeps its port and takes datagrams
 * from anyone again.
 */
static void udp_connect_af_unspec_dissolves(void **state)
{
    (void)state;
    struct sockaddr_in pa, oa, ca;
    SOCKET peer = udp_bound(&pa);
    SOCKET other = udp_bound(&oa);
    SOCKET c = udp_bound(&ca);
    assert_int_equal(connect(c, (struct sockaddr *)&pa, sizeof(pa)), 0);
    assert_int_equal(send(c, "one", 3, 0), 3);

    struct sockaddr_in unspec;
    memset(&unspec, 0, sizeof(unspec));
    unspec.sin_family = AF_UNSPEC;
    assert_int_equal(connect(c, (struct sockaddr *)&unspec, sizeof(unspec)), 0);
    struct sockaddr_in got;
    int glen = sizeof(got);
    assert_fails(getpeername(c, (struct sockaddr *)&got, &glen), WSAENOTCONN);
    assert_fails(send(c, "two", 3, 0), WSAENOTCONN);
    glen = sizeof(got);
    assert_int_equal(getsockname(c, (struct sockaddr *)&got, &glen), 0);
    assert_int_equal(got.sin_port, ca.sin_port);

    assert_int_equal(sendto(other, "three", 5, 0, (struct sockaddr *)&ca, sizeof(ca)), 5);
    char buf[8];
    struct sockaddr_in from;
    assert_int_equal(recv_one(c, buf, sizeof(buf), &from), 5);
    assert_memory_equal(buf, "three", 5);
    assert_int_equal(from.sin_port, oa.sin_port);
    assert_int_equal(sendto(c, "four", 4, 0, (struct sockaddr *)&oa, sizeof(oa)), 4);
    assert_int_equal(recv_one(other, buf, sizeof(buf), &from), 4);
    closesocket(c);
    closesocket(other);
    closesocket(peer);
}

/*
 * Observed (test_broadcast): a datagram socket without SO_BROADCAST may
 * connect() to the broadcast address; SO_BROADCAST still reads 0, send()
 * goes out, and sendto() naming the broadcast address is still refused.
 */
static void udp_connect_to_broadcast_without_so_broadcast(void **state)
{
    (void)state;
    struct sockaddr_in bcast;
    memset(&bcast, 0, sizeof(bcast));
    bcast.sin_family = AF_INET;
    bcast.sin_port = htons(9); /* discard */
    bcast.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (!ws2t_linux_broadcast_routed()) {
        /* A machine with no route for it (only loopback): unreachable, as for any address. */
        print_message("no route for 255.255.255.255 here: only the refusal is checked\n");
        assert_fails(connect(s, (struct sockaddr *)&bcast, sizeof(bcast)), WSAENETUNREACH);
        closesocket(s);
        return;
    }
    assert_fails(sendto(s, "t", 1, 0, (struct sockaddr *)&bcast, sizeof(bcast)), WSAEACCES);
    assert_int_equal(connect(s, (struct sockaddr *)&bcast, sizeof(bcast)), 0);
    BOOL on = TRUE;
    int len = sizeof(on);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&on, &len), 0);
    assert_int_equal(on, FALSE);
    assert_fails(sendto(s, "t", 1, 0, (struct sockaddr *)&bcast, sizeof(bcast)), WSAEACCES);
    assert_int_equal(send(s, "t", 1, 0), 1);
    /* With SO_BROADCAST the explicit address is allowed too. */
    on = TRUE;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&on, sizeof(on)), 0);
    assert_int_equal(sendto(s, "t", 1, 0, (struct sockaddr *)&bcast, sizeof(bcast)), 1);
    on = FALSE;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&on, sizeof(on)), 0);
    assert_fails(sendto(s, "t", 1, 0, (struct sockaddr *)&bcast, sizeof(bcast)), WSAEACCES);
    assert_int_equal(send(s, "t", 1, 0), 1);
    closesocket(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(connect_time_counts_from_connect_and_accept),
        T(connect_time_of_acceptex_runs_from_the_connection),
        T(connect_time_survives_update_accept_context),
        T(connect_time_counts_from_connectex),
        T(so_error_keeps_a_nonblocking_connect_failure),
        T(so_error_is_zero_after_a_blocking_connect_failure),
        T(listen_after_a_failed_connect),
        T(connect_after_connectex_is_einval),
        T(disconnectex_reuse_forgets_the_connection_state),
        T(udp_connect_af_unspec_dissolves),
        T(udp_connect_to_broadcast_without_so_broadcast),
    };
    return cmocka_run_group_tests_name("connect_state", tests, NULL, NULL);
}
