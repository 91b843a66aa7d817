/*
 * Making sockets and connections through the public API: socket/WSASocket,
 * bind, listen, accept, connect (blocking and not), getsockname and
 * getpeername, over IPv4 and IPv6 loopback.  Each test names the sentence of
 * Microsoft's documentation for the function that it checks.
 *
 * Timing bounds are generous: "at once" is under 1 s.
 */
#include <string.h>

#include "testlib.h"

/* The call fails with SOCKET_ERROR and the given last error. */
#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

/* The call returns INVALID_SOCKET with the given last error. */
#define assert_no_socket(call, error)                                                              \
    do {                                                                                           \
        assert_true((call) == INVALID_SOCKET);                                                     \
        assert_wsa_error(error);                                                                   \
    } while (0)

/* A loopback (or, with any, wildcard) address of the family with the given port. */
static int make_addr(int af, int any, unsigned short port, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof(*ss));
    if (af == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_addr = any ? in6addr_any : in6addr_loopback;
        a->sin6_port = htons(port);
        return sizeof(*a);
    }
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(any ? INADDR_ANY : INADDR_LOOPBACK);
    a->sin_port = htons(port);
    return sizeof(*a);
}

static unsigned short port_of(const struct sockaddr_storage *ss)
{
    return ntohs(ss->ss_family == AF_INET6 ? ((const struct sockaddr_in6 *)ss)->sin6_port
                                           : ((const struct sockaddr_in *)ss)->sin_port);
}

/* A loopback port that nothing listens on: bound once, then released. */
static unsigned short refused_port(int af)
{
    SOCKET s = socket(af, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    struct sockaddr_storage a;
    int len = make_addr(af, 0, 0, &a);
    assert_int_equal(bind(s, (struct sockaddr *)&a, len), 0);
    unsigned short port = ws2t_local_port(s);
    assert_int_equal(closesocket(s), 0);
    return port;
}

/* An IPv4 loopback listener with the given backlog; fills its address. */
static SOCKET listener_with_backlog(int backlog, struct sockaddr_storage *la, int *llen)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    *llen = make_addr(AF_INET, 0, 0, la);
    assert_int_equal(bind(l, (struct sockaddr *)la, *llen), 0);
    assert_int_equal(listen(l, backlog), 0);
    *llen = sizeof(*la);
    assert_int_equal(getsockname(l, (struct sockaddr *)la, llen), 0);
    return l;
}

static int select_one(SOCKET s, int which, long usec);

static void expect_socket_error(int af, int type, int protocol, int error)
{
    SOCKET s = socket(af, type, protocol);
    if (s != INVALID_SOCKET)
        closesocket(s);
    assert_true(s == INVALID_SOCKET);
    assert_wsa_error(error);
}

/*
 * socket.md errors: WSAEAFNOSUPPORT "The specified address family is not
 * supported", WSAESOCKTNOSUPPORT "The specified socket type is not supported
 * in this address family", WSAEPROTONOSUPPORT "The specified protocol is not
 * supported".
 */
static void socket_rejects_bad_triples(void **state)
{
    (void)state;
    expect_socket_error(12345, SOCK_STREAM, 0, WSAEAFNOSUPPORT);
    expect_socket_error(AF_APPLETALK, SOCK_DGRAM, 0, WSAEAFNOSUPPORT);
    expect_socket_error(AF_INET, 12345, 0, WSAESOCKTNOSUPPORT);
    expect_socket_error(AF_INET6, SOCK_SEQPACKET, 0, WSAESOCKTNOSUPPORT);
    expect_socket_error(AF_INET, SOCK_STREAM, IPPROTO_UDP, WSAEPROTONOSUPPORT);
    expect_socket_error(AF_INET6, SOCK_DGRAM, IPPROTO_TCP, WSAEPROTONOSUPPORT);
    /* WSAEINVAL: "the af parameter is set to AF_UNSPEC and the type and protocol parameter are
     * unspecified". */
    expect_socket_error(AF_UNSPEC, 0, 0, WSAEINVAL);
}

/* socket.md: "If a value of 0 is specified, the caller does not wish to specify a protocol and
 * the service provider will choose the protocol to use." */
static void socket_protocol_zero_picks_the_default(void **state)
{
    (void)state;
    int types[] = {SOCK_STREAM, SOCK_DGRAM};
    int afs[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
            SOCKET s = socket(afs[i], types[j], 0);
            assert_true(s != INVALID_SOCKET);
            int type = 0, len = sizeof(type);
            assert_int_equal(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len), 0);
            assert_int_equal(type, types[j]);
            assert_int_equal(closesocket(s), 0);
        }
    }
}

/*
 * WSASocket.md: WSAEINVAL "The parameter g specified is not valid", and
 * FROM_PROTOCOL_INFO needs a WSAPROTOCOL_INFO; the plain form works.
 */
static void wsasocket_checks_its_arguments(void **state)
{
    (void)state;
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(closesocket(s), 0);
    s = WSASocketA(AF_INET6, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, 0);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(closesocket(s), 0);

    assert_no_socket(WSASocketW(AF_INET, SOCK_STREAM, 0, NULL, 0x1234, 0), WSAEINVAL);
    /* Without an info, -1 is an unknown type, which wins (Wine's test_WSASocket on Windows). */
    assert_no_socket(
        WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, NULL, 0, 0),
        WSAESOCKTNOSUPPORT);
    assert_no_socket(WSASocketW(12345, SOCK_STREAM, 0, NULL, 0, 0), WSAEAFNOSUPPORT);
}

/* bind.md: WSAEINVAL "The socket is already bound to an address." */
static void bind_twice_is_einval(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_storage a;
    int len = make_addr(AF_INET, 0, 0, &a);
    assert_int_equal(bind(s, (struct sockaddr *)&a, len), 0);
    assert_fails(bind(s, (struct sockaddr *)&a, len), WSAEINVAL);
    /* A socket that connect bound implicitly is bound too. */
    SOCKET c, srv;
    ws2t_tcp_pair(AF_INET, &c, &srv);
    assert_fails(bind(c, (struct sockaddr *)&a, len), WSAEINVAL);
    closesocket(c);
    closesocket(srv);
    closesocket(s);
}

/*
 * bind.md: WSAEADDRINUSE "Only one usage of each socket address
 * (protocol/network address/port) is normally permitted", and
 * WSAEADDRNOTAVAIL "The requested address is not valid in its context".
 */
static void bind_address_in_use_and_not_local(void **state)
{
    (void)state;
    int afs[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        struct sockaddr_storage a;
        SOCKET l = ws2t_listener(afs[i], &a, NULL);
        SOCKET s = socket(afs[i], SOCK_STREAM, 0);
        struct sockaddr_storage same;
        int len = make_addr(afs[i], 0, port_of(&a), &same);
        assert_fails(bind(s, (struct sockaddr *)&same, len), WSAEADDRINUSE);
        /* The failed bind left the socket unbound: it can bind elsewhere. */
        len = make_addr(afs[i], 0, 0, &same);
        assert_int_equal(bind(s, (struct sockaddr *)&same, len), 0);
        closesocket(s);
        closesocket(l);
    }
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in far = {0};
    far.sin_family = AF_INET;
    far.sin_addr.s_addr = htonl(0xC0000201); /* 192.0.2.1, TEST-NET-1: not ours */
    assert_fails(bind(s, (struct sockaddr *)&far, sizeof(far)), WSAEADDRNOTAVAIL);
    closesocket(s);
}

/*
 * bind.md: WSAEFAULT "the name parameter is not a valid part of the user
 * address space, the namelen parameter is too small, the name parameter
 * contains an incorrect address format for the associated address family, or
 * the first two bytes of the memory block specified by name do not match the
 * address family associated with the socket descriptor s."
 */
static void bind_bad_addresses_are_efault(void **state)
{
    (void)state;
    SOCKET s4 = socket(AF_INET, SOCK_STREAM, 0);
    SOCKET s6 = socket(AF_INET6, SOCK_DGRAM, 0);
    struct sockaddr_storage a4, a6;
    int len4 = make_addr(AF_INET, 0, 0, &a4);
    int len6 = make_addr(AF_INET6, 0, 0, &a6);
    assert_fails(bind(s4, NULL, len4), WSAEFAULT);
    assert_fails(bind(s4, (struct sockaddr *)&a4, len4 - 1), WSAEFAULT);
    assert_fails(bind(s4, (struct sockaddr *)&a4, 0), WSAEFAULT);
    assert_fails(bind(s4, (struct sockaddr *)&a6, len6), WSAEFAULT);
    assert_fails(bind(s6, (struct sockaddr *)&a4, len4), WSAEFAULT);
    assert_fails(bind(s6, (struct sockaddr *)&a6, (int)sizeof(struct sockaddr_in)), WSAEFAULT);
    /* None of that bound anything. */
    int n = sizeof(a4);
    assert_fails(getsockname(s4, (struct sockaddr *)&a4, &n), WSAEINVAL);
    assert_int_equal(bind(s4, (struct sockaddr *)&a4, len4), 0);
    assert_int_equal(bind(s6, (struct sockaddr *)&a6, len6), 0);
    closesocket(s4);
    closesocket(s6);
}

/*
 * listen.md: WSAEINVAL "The socket has not been bound with bind", WSAEOPNOTSUPP
 * "The referenced socket is not of a type that supports the listen operation",
 * WSAEISCONN "The socket is already connected".
 */
static void listen_needs_an_unconnected_bound_stream(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    assert_fails(listen(s, 5), WSAEINVAL);
    closesocket(s);

    struct sockaddr_in ua;
    SOCKET u = ws2t_udp_bound(&ua);
    assert_fails(listen(u, 5), WSAEOPNOTSUPP);
    closesocket(u);

    SOCKET c, srv;
    ws2t_tcp_pair(AF_INET, &c, &srv);
    assert_fails(listen(c, 5), WSAEISCONN);
    closesocket(c);
    closesocket(srv);
}

/*
 * listen.md: "If set to SOMAXCONN_HINT(N) (where N is a number), the backlog
 * value will be N, adjusted to be within the range (200, 65535)" — so
 * SOMAXCONN_HINT(1) still queues many connections without an accept.
 */
static void listen_somaxconn_hint(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = listener_with_backlog(SOMAXCONN_HINT(1), &la, &llen);
    enum { N = 16 };
    SOCKET c[N];
    for (int i = 0; i < N; i++) {
        c[i] = socket(AF_INET, SOCK_STREAM, 0);
        ws2t_set_nonblocking(c[i], 1);
        assert_fails(connect(c[i], (struct sockaddr *)&la, llen), WSAEWOULDBLOCK);
    }
    for (int i = 0; i < N; i++)
        assert_int_equal(select_one(c[i], 1, 500000), 1);
    for (int i = 0; i < N; i++)
        closesocket(c[i]);
    closesocket(l);
}

/*
 * accept.md: WSAEINVAL "The listen function was not invoked prior to accept",
 * WSAEOPNOTSUPP "The referenced socket is not a type that supports
 * connection-oriented service", WSAEFAULT "The addrlen parameter is too small
 * or addr is not a valid part of the user address space", WSAEWOULDBLOCK "The
 * socket is marked as nonblocking and no connections are present".
 */
static void accept_errors(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_storage a;
    int len = make_addr(AF_INET, 0, 0, &a);
    assert_no_socket(accept(s, NULL, NULL), WSAEINVAL);
    assert_int_equal(bind(s, (struct sockaddr *)&a, len), 0);
    assert_no_socket(accept(s, NULL, NULL), WSAEINVAL);
    closesocket(s);

    struct sockaddr_in ua;
    SOCKET u = ws2t_udp_bound(&ua);
    assert_no_socket(accept(u, NULL, NULL), WSAEOPNOTSUPP);
    closesocket(u);

    SOCKET l = ws2t_listener(AF_INET6, &a, &len);
    ws2t_set_nonblocking(l, 1);
    assert_no_socket(accept(l, NULL, NULL), WSAEWOULDBLOCK);
    SOCKET c = socket(AF_INET6, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
    struct sockaddr_storage peer;
    int plen = (int)sizeof(struct sockaddr_in); /* too small for an IPv6 address */
    assert_no_socket(accept(l, (struct sockaddr *)&peer, &plen), WSAEFAULT);
    /* The connection is still there for a proper call. */
    plen = sizeof(peer);
    Sleep(10);
    SOCKET srv = accept(l, (struct sockaddr *)&peer, &plen);
    assert_true(srv != INVALID_SOCKET);
    assert_int_equal(plen, sizeof(struct sockaddr_in6));
    assert_int_equal(peer.ss_family, AF_INET6);
    assert_int_equal(port_of(&peer), ws2t_local_port(c));
    closesocket(srv);
    closesocket(c);
    closesocket(l);
}

/*
 * getsockname.md: WSAEINVAL "The socket has not been bound to an address with
 * bind", WSAEFAULT "The namelen parameter is not large enough";
 * getpeername.md: WSAENOTCONN "The socket is not connected".
 */
static void names_of_unbound_and_unconnected_sockets(void **state)
{
    (void)state;
    int afs[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        SOCKET s = socket(afs[i], SOCK_STREAM, 0);
        struct sockaddr_storage a;
        int len = sizeof(a);
        assert_fails(getsockname(s, (struct sockaddr *)&a, &len), WSAEINVAL);
        len = sizeof(a);
        assert_fails(getpeername(s, (struct sockaddr *)&a, &len), WSAENOTCONN);

        int blen = make_addr(afs[i], 0, 0, &a);
        assert_int_equal(bind(s, (struct sockaddr *)&a, blen), 0);
        len = blen - 1;
        assert_fails(getsockname(s, (struct sockaddr *)&a, &len), WSAEFAULT);
        assert_fails(getsockname(s, (struct sockaddr *)&a, NULL), WSAEFAULT);
        len = sizeof(a);
        memset(&a, 0xff, sizeof(a));
        assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
        assert_int_equal(len, blen);
        assert_int_equal(a.ss_family, afs[i]);
        assert_true(port_of(&a) != 0);
        /* Bound but not connected: still no peer. */
        len = sizeof(a);
        assert_fails(getpeername(s, (struct sockaddr *)&a, &len), WSAENOTCONN);
        closesocket(s);
    }
}

/*
 * connect.md: on success "the socket is ready to send/receive data" and the
 * names of both ends agree; WSAEISCONN "The socket is already connected";
 * WSAEINVAL "The parameter s is a listening socket".
 */
static void blocking_connect_both_families(void **state)
{
    (void)state;
    int afs[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        struct sockaddr_storage la;
        int llen;
        SOCKET l = ws2t_listener(afs[i], &la, &llen);
        SOCKET c = socket(afs[i], SOCK_STREAM, IPPROTO_TCP);
        assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
        SOCKET srv = accept(l, NULL, NULL);
        assert_true(srv != INVALID_SOCKET);

        struct sockaddr_storage peer, local;
        int plen = sizeof(peer), nlen = sizeof(local);
        assert_int_equal(getpeername(c, (struct sockaddr *)&peer, &plen), 0);
        assert_int_equal(plen, llen);
        assert_int_equal(peer.ss_family, afs[i]);
        assert_int_equal(port_of(&peer), port_of(&la));
        assert_int_equal(getpeername(srv, (struct sockaddr *)&peer, &plen), 0);
        assert_int_equal(getsockname(c, (struct sockaddr *)&local, &nlen), 0);
        assert_int_equal(port_of(&peer), port_of(&local));

        assert_int_equal(send(c, "hi", 2, 0), 2);
        char b[2];
        assert_int_equal(recv(srv, b, 2, 0), 2);
        assert_memory_equal(b, "hi", 2);

        assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAEISCONN);
        assert_fails(connect(l, (struct sockaddr *)&la, llen), WSAEINVAL);
        closesocket(srv);
        closesocket(c);
        closesocket(l);
    }
}

/*
 * connect.md: WSAEFAULT "The sockaddr structure pointed to by the name
 * contains incorrect address format for the associated address family or the
 * namelen parameter is too small"; WSAEAFNOSUPPORT "Addresses in the
 * specified family cannot be used with this socket"; WSAEADDRNOTAVAIL "The
 * remote address is not a valid address (such as INADDR_ANY or
 * in6addr_any)".
 */
static void connect_bad_addresses(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_fails(connect(c, NULL, llen), WSAEFAULT);
    assert_fails(connect(c, (struct sockaddr *)&la, llen - 1), WSAEFAULT);
    struct sockaddr_storage a6;
    int len6 = make_addr(AF_INET6, 0, port_of(&la), &a6);
    assert_fails(connect(c, (struct sockaddr *)&a6, len6), WSAEAFNOSUPPORT);
    struct sockaddr_storage any;
    int alen = make_addr(AF_INET, 1, port_of(&la), &any);
    assert_fails(connect(c, (struct sockaddr *)&any, alen), WSAEADDRNOTAVAIL);
    /* Nothing was connected by any of that. */
    int len = sizeof(la);
    assert_fails(getpeername(c, (struct sockaddr *)&any, &len), WSAENOTCONN);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    closesocket(c);

    SOCKET c6 = socket(AF_INET6, SOCK_STREAM, 0);
    alen = make_addr(AF_INET6, 1, port_of(&la), &any);
    assert_fails(connect(c6, (struct sockaddr *)&any, alen), WSAEADDRNOTAVAIL);
    closesocket(c6);
    closesocket(l);
}

/* connect.md: WSAECONNREFUSED "The attempt to connect was forcefully rejected." */
static void blocking_connect_refused(void **state)
{
    (void)state;
    int afs[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        struct sockaddr_storage a;
        int len = make_addr(afs[i], 0, refused_port(afs[i]), &a);
        SOCKET c = socket(afs[i], SOCK_STREAM, 0);
        assert_fails(connect(c, (struct sockaddr *)&a, len), WSAECONNREFUSED);
        /* "the application can call connect again for the same socket." */
        struct sockaddr_storage la;
        int llen;
        SOCKET l = ws2t_listener(afs[i], &la, &llen);
        assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
        closesocket(c);
        closesocket(l);
    }
}

/* select with one socket in one set; returns whether it was reported. */
static int select_one(SOCKET s, int which, long usec)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(s, &set);
    struct timeval tv = {usec / 1000000, usec % 1000000};
    int n = select(0, which == 0 ? &set : NULL, which == 1 ? &set : NULL, which == 2 ? &set : NULL,
                   &tv);
    assert_true(n == 0 || n == 1);
    assert_int_equal(FD_ISSET(s, &set) ? 1 : 0, n);
    return n;
}

/*
 * connect.md: "With a nonblocking socket, the connection attempt cannot be
 * completed immediately. In this case, connect will return SOCKET_ERROR, and
 * WSAGetLastError will return WSAEWOULDBLOCK ... Use the select function to
 * determine the completion of the connection request by checking to see if
 * the socket is writeable."  Afterwards connect fails with WSAEISCONN.
 */
static void nonblocking_connect_then_writable(void **state)
{
    (void)state;
    int afs[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        struct sockaddr_storage la;
        int llen;
        SOCKET l = ws2t_listener(afs[i], &la, &llen);
        SOCKET c = socket(afs[i], SOCK_STREAM, 0);
        ws2t_set_nonblocking(c, 1);
        assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAEWOULDBLOCK);
        assert_int_equal(select_one(c, 1, 5000000), 1);
        assert_int_equal(select_one(c, 2, 0), 0);
        int err = -1, elen = sizeof(err);
        assert_int_equal(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &elen), 0);
        assert_int_equal(err, 0);
        assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAEISCONN);
        SOCKET srv = accept(l, NULL, NULL);
        assert_true(srv != INVALID_SOCKET);
        assert_int_equal(send(c, "x", 1, 0), 1);
        char b;
        assert_int_equal(recv(srv, &b, 1, 0), 1);
        closesocket(srv);
        closesocket(c);
        closesocket(l);
    }
}

/*
 * connect.md: "Until the connection attempt completes on a nonblocking
 * socket, all subsequent calls to connect on the same socket will fail with
 * the error code WSAEALREADY, and WSAEISCONN when the connection completes
 * successfully."  The attempt is held up by a listener whose queue is full
 * (Linux then drops the SYN and the client retries about a second later).
 */
static void nonblocking_connect_in_progress_is_ealready(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = listener_with_backlog(0, &la, &llen);

    SOCKET c[8];
    int n = 0, pending = -1;
    while (n < 8 && pending < 0) {
        c[n] = socket(AF_INET, SOCK_STREAM, 0);
        ws2t_set_nonblocking(c[n], 1);
        assert_fails(connect(c[n], (struct sockaddr *)&la, llen), WSAEWOULDBLOCK);
        if (!select_one(c[n], 1, 300000))
            pending = n;
        n++;
    }
    assert_true(pending >= 0);
    SOCKET p = c[pending];
    assert_fails(connect(p, (struct sockaddr *)&la, llen), WSAEALREADY);
    /* Windows already names the peer of a connect in progress (test_connect_peer.c). */
    int len = sizeof(la);
    struct sockaddr_storage peer;
    assert_int_equal(getpeername(p, (struct sockaddr *)&peer, &len), 0);
    assert_int_equal(len, llen);
    assert_memory_equal(&peer, &la, (size_t)llen);

    /* Make room: the retried SYN gets through and the socket becomes writable. */
    for (int i = 0; i < pending; i++) {
        SOCKET a = accept(l, NULL, NULL);
        assert_true(a != INVALID_SOCKET);
        closesocket(a);
    }
    assert_int_equal(select_one(p, 1, 10000000), 1);
    assert_fails(connect(p, (struct sockaddr *)&la, llen), WSAEISCONN);
    for (int i = 0; i < n; i++)
        closesocket(c[i]);
    closesocket(l);
}

/*
 * select.md, exceptfds: "If processing a connect call (nonblocking),
 * connection attempt failed"; connect.md: "Use getsockopt to retrieve the
 * error code (SO_ERROR)"; and the socket is not reported writable.
 */
static void nonblocking_connect_refused_shows_in_exceptfds(void **state)
{
    (void)state;
    int afs[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        struct sockaddr_storage a;
        int len = make_addr(afs[i], 0, refused_port(afs[i]), &a);
        SOCKET c = socket(afs[i], SOCK_STREAM, 0);
        ws2t_set_nonblocking(c, 1);
        assert_fails(connect(c, (struct sockaddr *)&a, len), WSAEWOULDBLOCK);

        fd_set w, e;
        FD_ZERO(&w);
        FD_ZERO(&e);
        FD_SET(c, &w);
        FD_SET(c, &e);
        struct timeval tv = {5, 0};
        assert_int_equal(select(0, NULL, &w, &e, &tv), 1);
        assert_true(FD_ISSET(c, &e));
        assert_false(FD_ISSET(c, &w));

        int err = 0, elen = sizeof(err);
        assert_int_equal(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &elen), 0);
        assert_int_equal(err, WSAECONNREFUSED);
        assert_int_equal(elen, sizeof(int));
        /*
         * Reading does not clear it, whatever getsockopt.md's "get error status
         * and clear" says: Windows reports the refusal at every read (observed,
         * Wine's test_select).
         */
        assert_int_equal(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &elen), 0);
        assert_int_equal(err, WSAECONNREFUSED);
        closesocket(c);
    }
}

/*
 * connect.md: applications that "use multiple calls to connect to detect
 * connection completion ... must be prepared to handle WSAEINVAL and
 * WSAEWOULDBLOCK error values the same way that they handle WSAEALREADY";
 * "If the error code returned indicates the connection attempt failed (that
 * is, WSAECONNREFUSED ...) the application can call connect again for the
 * same socket."  Polling with connect ends with the failure, not with a new
 * attempt.
 */
static void polling_with_connect_reports_the_failure(void **state)
{
    (void)state;
    struct sockaddr_storage a;
    int len = make_addr(AF_INET, 0, refused_port(AF_INET), &a);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    ws2t_set_nonblocking(c, 1);
    assert_fails(connect(c, (struct sockaddr *)&a, len), WSAEWOULDBLOCK);
    int err;
    uint64_t t0 = ws2t_now_ms();
    do {
        Sleep(5);
        assert_int_equal(connect(c, (struct sockaddr *)&a, len), SOCKET_ERROR);
        err = WSAGetLastError();
    } while ((err == WSAEALREADY || err == WSAEWOULDBLOCK || err == WSAEINVAL) &&
             ws2t_now_ms() - t0 < 5000);
    assert_int_equal(err, WSAECONNREFUSED);

    /* Reported once: now the socket can connect elsewhere. */
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAEWOULDBLOCK);
    assert_int_equal(select_one(c, 1, 5000000), 1);
    assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAEISCONN);
    closesocket(c);
    closesocket(l);
}

/*
 * IPV6_V6ONLY (IPPROTO_IPV6 socket options): "By default, this option is
 * enabled on Windows" — an IPv6 listener on in6addr_any takes no IPv4
 * connection unless the option is cleared before bind (dual-stack sockets).
 */
static void ipv6_sockets_are_v6only_by_default(void **state)
{
    (void)state;
    SOCKET l6 = socket(AF_INET6, SOCK_STREAM, 0);
    DWORD on = 0;
    int olen = sizeof(on);
    assert_int_equal(getsockopt(l6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&on, &olen), 0);
    assert_int_equal(on, 1);
    struct sockaddr_storage a;
    int len = make_addr(AF_INET6, 1, 0, &a);
    assert_int_equal(bind(l6, (struct sockaddr *)&a, len), 0);
    assert_int_equal(listen(l6, 5), 0);
    unsigned short port = ws2t_local_port(l6);

    struct sockaddr_storage v4;
    int v4len = make_addr(AF_INET, 0, port, &v4);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_fails(connect(c, (struct sockaddr *)&v4, v4len), WSAECONNREFUSED);
    closesocket(c);
    closesocket(l6);

    /* Dual stack: the IPv4 peer arrives as a v4-mapped IPv6 address. */
    SOCKET d = socket(AF_INET6, SOCK_STREAM, 0);
    DWORD off = 0;
    assert_int_equal(setsockopt(d, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&off, sizeof(off)), 0);
    len = make_addr(AF_INET6, 1, 0, &a);
    assert_int_equal(bind(d, (struct sockaddr *)&a, len), 0);
    assert_int_equal(listen(d, 5), 0);
    v4len = make_addr(AF_INET, 0, ws2t_local_port(d), &v4);
    c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&v4, v4len), 0);
    struct sockaddr_in6 peer;
    int plen = sizeof(peer);
    SOCKET srv = accept(d, (struct sockaddr *)&peer, &plen);
    assert_true(srv != INVALID_SOCKET);
    assert_int_equal(peer.sin6_family, AF_INET6);
    assert_int_equal(plen, sizeof(peer));
    static const unsigned char mapped[16] = {0, 0, 0,    0,    0,   0, 0, 0,
                                             0, 0, 0xff, 0xff, 127, 0, 0, 1};
    assert_memory_equal(&peer.sin6_addr, mapped, 16);
    closesocket(srv);
    closesocket(c);
    closesocket(d);
}

/* Every call on something that is not a socket: WSAENOTSOCK "The descriptor is not a socket." */
static void calls_on_a_closed_handle_are_enotsock(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(closesocket(s), 0);
    struct sockaddr_storage a;
    int len = make_addr(AF_INET, 0, 0, &a);
    assert_fails(bind(s, (struct sockaddr *)&a, len), WSAENOTSOCK);
    assert_fails(listen(s, 1), WSAENOTSOCK);
    assert_no_socket(accept(s, NULL, NULL), WSAENOTSOCK);
    assert_fails(connect(s, (struct sockaddr *)&a, len), WSAENOTSOCK);
    assert_fails(getsockname(s, (struct sockaddr *)&a, &len), WSAENOTSOCK);
    assert_fails(getpeername(s, (struct sockaddr *)&a, &len), WSAENOTSOCK);
    assert_fails(shutdown(s, SD_BOTH), WSAENOTSOCK);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(socket_rejects_bad_triples),
        T(socket_protocol_zero_picks_the_default),
        T(wsasocket_checks_its_arguments),
        T(bind_twice_is_einval),
        T(bind_address_in_use_and_not_local),
        T(bind_bad_addresses_are_efault),
        T(listen_needs_an_unconnected_bound_stream),
        T(listen_somaxconn_hint),
        T(accept_errors),
        T(names_of_unbound_and_unconnected_sockets),
        T(blocking_connect_both_families),
        T(connect_bad_addresses),
        T(blocking_connect_refused),
        T(nonblocking_connect_then_writable),
        T(nonblocking_connect_in_progress_is_ealready),
        T(nonblocking_connect_refused_shows_in_exceptfds),
        T(polling_with_connect_reports_the_failure),
        T(ipv6_sockets_are_v6only_by_default),
        T(calls_on_a_closed_handle_are_enotsock),
    };
    return cmocka_run_group_tests_name("sockets", tests, NULL, NULL);
}
