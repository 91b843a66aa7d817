/*
 * Socket options and controls through the public API: getsockopt,
 * setsockopt and ioctlsocket.  Each test names the sentence of Microsoft's
 * documentation (getsockopt.md, setsockopt.md, the SOL_SOCKET / IPPROTO_TCP /
 * IPPROTO_IPV6 option tables, ioctlsocket.md, closesocket.md) that it checks.
 */
#include <string.h>

#include "testlib.h"

/* The call fails with SOCKET_ERROR and the given last error. */
#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

static SOCKET tcp(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    return s;
}

static SOCKET udp(void)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(s != INVALID_SOCKET);
    return s;
}

/* An int-sized option's value; fails the test if getsockopt fails. */
static int get_int(SOCKET s, int level, int name)
{
    int v = 0x5a5a5a5a, len = sizeof(v);
    assert_int_equal(getsockopt(s, level, name, (char *)&v, &len), 0);
    assert_int_equal(len, sizeof(int));
    return v;
}

/*
 * A one-byte option's value (SO_KEEPALIVE, SO_DONTROUTE, TCP_NODELAY,
 * IPV6_V6ONLY): Windows writes one byte and reports a length of 1 whatever
 * the buffer (observed); the other bytes are left as they were.
 */
static int get_byte(SOCKET s, int level, int name)
{
    int v = 0x5a5a5a5a, len = sizeof(v);
    assert_int_equal(getsockopt(s, level, name, (char *)&v, &len), 0);
    assert_int_equal(len, 1);
    assert_int_equal(v & ~0xff, 0x5a5a5a00);
    return v & 0xff;
}

static void set_int(SOCKET s, int level, int name, int v)
{
    assert_int_equal(setsockopt(s, level, name, (const char *)&v, sizeof(v)), 0);
}

static LINGER get_linger(SOCKET s)
{
    LINGER l;
    memset(&l, 0x5a, sizeof(l));
    int len = sizeof(l);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, &len), 0);
    assert_int_equal(len, sizeof(LINGER));
    return l;
}

static void set_linger(SOCKET s, u_short onoff, u_short seconds)
{
    LINGER l = {onoff, seconds};
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l)), 0);
}

/*
 * getsockopt.md: "SO_DONTLINGER ... is TRUE by default" and SO_LINGER's
 * default is l_onoff zero (closesocket.md: "the default" is a graceful close
 * that returns at once); setsockopt.md: SO_LINGER "Lingers on close if
 * unsent data is present" with the values given.
 */
static void linger_defaults_and_round_trip(void **state)
{
    (void)state;
    SOCKET s = tcp();
    LINGER l = get_linger(s);
    assert_int_equal(l.l_onoff, 0);
    assert_int_equal(l.l_linger, 0);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_DONTLINGER), TRUE);

    set_linger(s, 1, 5);
    l = get_linger(s);
    assert_int_equal(l.l_onoff, 1);
    assert_int_equal(l.l_linger, 5);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_DONTLINGER), FALSE);
    set_linger(s, 0, 9);
    l = get_linger(s);
    assert_int_equal(l.l_onoff, 0);
    assert_int_equal(l.l_linger, 9);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_DONTLINGER), TRUE);
    closesocket(s);
}

/*
 * closesocket.md: "Setting SO_DONTLINGER ... to FALSE" enables lingering:
 * "If a previous timeout has been established for a socket (by enabling
 * SO_LINGER), this timeout value should be reinstated by the service
 * provider"; TRUE is "equivalent to setting SO_LINGER with l_onoff set to
 * zero".  A BOOL option takes a 1-byte value (setsockopt.md remarks).
 */
static void dontlinger_toggles_l_onoff_and_keeps_the_timeout(void **state)
{
    (void)state;
    SOCKET s = tcp();
    set_linger(s, 1, 7);
    BOOL on = TRUE;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&on, sizeof(on)), 0);
    LINGER l = get_linger(s);
    assert_int_equal(l.l_onoff, 0);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_DONTLINGER), TRUE);

    char off = 0; /* a 1-byte BOOL */
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, &off, 1), 0);
    l = get_linger(s);
    assert_int_equal(l.l_onoff, 1);
    assert_int_equal(l.l_linger, 7);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_DONTLINGER), FALSE);

    char one = 1;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, &one, 1), 0);
    assert_int_equal(get_linger(s).l_onoff, 0);
    closesocket(s);
}

/*
 * getsockopt.md/setsockopt.md, WSAENOPROTOOPT: "The option is unknown or
 * unsupported for the specified provider or socket" — SO_LINGER and
 * SO_DONTLINGER do not apply to datagram sockets, TCP_NODELAY is a TCP
 * option; an unknown option is WSAENOPROTOOPT and an unknown level is
 * WSAEINVAL ("level is not valid").
 */
static void options_that_do_not_apply(void **state)
{
    (void)state;
    SOCKET u = udp();
    LINGER l = {1, 1};
    int len = sizeof(l);
    assert_fails(setsockopt(u, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l)), WSAENOPROTOOPT);
    assert_fails(getsockopt(u, SOL_SOCKET, SO_LINGER, (char *)&l, &len), WSAENOPROTOOPT);
    BOOL b = TRUE;
    len = sizeof(b);
    assert_fails(setsockopt(u, SOL_SOCKET, SO_DONTLINGER, (char *)&b, sizeof(b)), WSAENOPROTOOPT);
    assert_fails(getsockopt(u, SOL_SOCKET, SO_DONTLINGER, (char *)&b, &len), WSAENOPROTOOPT);
    assert_fails(setsockopt(u, IPPROTO_TCP, TCP_NODELAY, (char *)&b, sizeof(b)), WSAENOPROTOOPT);
    assert_fails(getsockopt(u, IPPROTO_TCP, TCP_NODELAY, (char *)&b, &len), WSAENOPROTOOPT);

    SOCKET s = tcp();
    int v = 1;
    len = sizeof(v);
    assert_fails(setsockopt(s, SOL_SOCKET, 0x7777, (char *)&v, sizeof(v)), WSAENOPROTOOPT);
    assert_fails(getsockopt(s, SOL_SOCKET, 0x7777, (char *)&v, &len), WSAENOPROTOOPT);
    assert_fails(getsockopt(s, IPPROTO_TCP, 0x7777, (char *)&v, &len), WSAENOPROTOOPT);
    assert_fails(setsockopt(s, 0x4321, SO_KEEPALIVE, (char *)&v, sizeof(v)), WSAEINVAL);
    assert_fails(getsockopt(s, 0x4321, SO_KEEPALIVE, (char *)&v, &len), WSAEINVAL);
    /* Read-only options cannot be set. */
    assert_fails(setsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, sizeof(v)), WSAENOPROTOOPT);
    closesocket(s);
    closesocket(u);
}

/*
 * getsockopt.md, WSAEFAULT: "One of the optval or the optlen parameters is
 * not a valid part of the user address space, or the optlen parameter is too
 * small"; setsockopt.md, WSAEFAULT: "The buffer pointed to by the optval
 * parameter is not in a valid part of the process address space or the
 * optlen parameter is too small."  A failed set changes nothing.
 */
static void missing_or_short_buffers_are_efault(void **state)
{
    (void)state;
    SOCKET s = tcp();
    LINGER l = {1, 3};
    int len = sizeof(l);
    assert_fails(setsockopt(s, SOL_SOCKET, SO_LINGER, NULL, sizeof(l)), WSAEFAULT);
    assert_fails(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l) - 1), WSAEFAULT);
    assert_int_equal(get_linger(s).l_onoff, 0);
    assert_fails(getsockopt(s, SOL_SOCKET, SO_LINGER, NULL, &len), WSAEFAULT);
    assert_fails(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, NULL), WSAEFAULT);
    len = sizeof(l) - 1;
    assert_fails(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, &len), WSAEFAULT);

    DWORD ms = 100;
    assert_fails(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, 2), WSAEFAULT);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_RCVTIMEO), 0);
    len = 2;
    assert_fails(getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&ms, &len), WSAEFAULT);
    BOOL b = TRUE;
    assert_fails(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&b, 0), WSAEFAULT);
    assert_fails(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, NULL, sizeof(b)), WSAEFAULT);
    assert_int_equal(get_byte(s, SOL_SOCKET, SO_KEEPALIVE), FALSE);
    closesocket(s);
}

/*
 * Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE: the two exclude each other —
 * setting the second while the first is on fails with WSAEINVAL.
 */
static void reuseaddr_and_exclusiveaddruse_exclude_each_other(void **state)
{
    (void)state;
    SOCKET s = tcp();
    set_int(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, TRUE);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE), TRUE);
    BOOL on = TRUE;
    assert_fails(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof(on)), WSAEINVAL);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_REUSEADDR), FALSE);
    set_int(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, FALSE);
    set_int(s, SOL_SOCKET, SO_REUSEADDR, TRUE);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_REUSEADDR), TRUE);
    closesocket(s);

    s = udp();
    set_int(s, SOL_SOCKET, SO_REUSEADDR, TRUE);
    assert_fails(setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&on, sizeof(on)),
                 WSAEINVAL);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE), FALSE);
    closesocket(s);
}

/*
 * SO_RCVBUF/SO_SNDBUF: "The total per-socket buffer space reserved for
 * receives/sends" — getsockopt returns the value setsockopt set (Linux would
 * report twice as much).
 */
static void buffer_sizes_round_trip(void **state)
{
    (void)state;
    SOCKET s = tcp();
    /* Outside Linux's own limits too: 1024 is below its minimum, 16 MB above its maximum. */
    int sizes[] = {1024, 8192, 65536, 100000, 16 << 20};
    for (int i = 0; i < 5; i++) {
        set_int(s, SOL_SOCKET, SO_RCVBUF, sizes[i]);
        assert_int_equal(get_int(s, SOL_SOCKET, SO_RCVBUF), sizes[i]);
        set_int(s, SOL_SOCKET, SO_SNDBUF, sizes[i]);
        assert_int_equal(get_int(s, SOL_SOCKET, SO_SNDBUF), sizes[i]);
    }
    closesocket(s);
}

/* An accepted socket has its listener's buffer sizes. */
static void accepted_socket_inherits_buffer_sizes(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    set_int(l, SOL_SOCKET, SO_RCVBUF, 1024);
    SOCKET c = tcp();
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    assert_int_equal(get_int(a, SOL_SOCKET, SO_RCVBUF), 1024);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/*
 * SO_PROTOCOL_INFO (getsockopt only): "a description of the protocol
 * information for the protocol that is bound to this socket" — the catalog
 * entry WSAEnumProtocols lists for it, in the A and W forms.
 */
static void protocol_info_describes_the_socket(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET6, SOCK_DGRAM, 0);
    assert_true(s != INVALID_SOCKET);
    WSAPROTOCOL_INFOW w;
    int len = sizeof(w);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&w, &len), 0);
    assert_int_equal(len, sizeof(w));
    assert_int_equal(w.iAddressFamily, AF_INET6);
    assert_int_equal(w.iSocketType, SOCK_DGRAM);
    assert_int_equal(w.iProtocol, IPPROTO_UDP);
    WSAPROTOCOL_INFOW all[8];
    DWORD all_len = sizeof(all);
    int n = WSAEnumProtocolsW(NULL, all, &all_len);
    int found = 0;
    for (int i = 0; i < n; i++)
        found |=
            all[i].dwCatalogEntryId == w.dwCatalogEntryId && memcmp(&all[i], &w, sizeof(w)) == 0;
    assert_true(found);

    WSAPROTOCOL_INFOA a;
    len = sizeof(a);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&a, &len), 0);
    assert_int_equal(a.dwCatalogEntryId, w.dwCatalogEntryId);
    assert_non_null(strstr(a.szProtocol, "UDP"));

    len = sizeof(w) - 1;
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&w, &len), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&w, sizeof(w)),
                     SOCKET_ERROR);
    assert_wsa_error(WSAENOPROTOOPT);
    closesocket(s);
}

/*
 * SO_RCVTIMEO/SO_SNDTIMEO: "DWORD ... The timeout, in milliseconds"; 0
 * (the default) means no timeout.
 */
static void timeouts_are_dword_milliseconds(void **state)
{
    (void)state;
    SOCKET s = tcp();
    assert_int_equal(get_int(s, SOL_SOCKET, SO_RCVTIMEO), 0);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_SNDTIMEO), 0);
    DWORD ms = 1234;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);
    ms = 70000;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, (char *)&ms, sizeof(ms)), 0);
    DWORD got = 0;
    int len = sizeof(got);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&got, &len), 0);
    assert_int_equal(got, 1234);
    assert_int_equal(len, sizeof(DWORD));
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_SNDTIMEO, (char *)&got, &len), 0);
    assert_int_equal(got, 70000);
    closesocket(s);
}

/*
 * BOOL options: SO_KEEPALIVE "Enables keep-alive", SO_BROADCAST "Configures
 * a socket for sending broadcast data" (datagram sockets), TCP_NODELAY
 * "Disables the Nagle algorithm"; all FALSE by default, and getsockopt
 * reports what was set.
 */
static void bool_options(void **state)
{
    (void)state;
    SOCKET s = tcp();
    assert_int_equal(get_byte(s, SOL_SOCKET, SO_KEEPALIVE), FALSE);
    set_int(s, SOL_SOCKET, SO_KEEPALIVE, TRUE);
    assert_int_equal(get_byte(s, SOL_SOCKET, SO_KEEPALIVE), TRUE);
    assert_int_equal(get_byte(s, IPPROTO_TCP, TCP_NODELAY), FALSE);
    set_int(s, IPPROTO_TCP, TCP_NODELAY, TRUE);
    assert_int_equal(get_byte(s, IPPROTO_TCP, TCP_NODELAY), TRUE);
    set_int(s, IPPROTO_TCP, TCP_NODELAY, FALSE);
    assert_int_equal(get_byte(s, IPPROTO_TCP, TCP_NODELAY), FALSE);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_OOBINLINE), FALSE);
    set_int(s, SOL_SOCKET, SO_OOBINLINE, TRUE);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_OOBINLINE), TRUE);
    closesocket(s);

    SOCKET u = udp();
    assert_int_equal(get_int(u, SOL_SOCKET, SO_BROADCAST), FALSE);
    char one = 1;
    assert_int_equal(setsockopt(u, SOL_SOCKET, SO_BROADCAST, &one, 1), 0);
    assert_int_equal(get_int(u, SOL_SOCKET, SO_BROADCAST), TRUE);
    closesocket(u);
}

/*
 * Read-only options: SO_TYPE "The type of the socket", SO_ACCEPTCONN
 * "Returns whether a socket is in listening mode", SO_ERROR "Retrieves
 * error status and clear"; IPV6_V6ONLY "By default, this option is enabled
 * on Windows".
 */
static void state_options(void **state)
{
    (void)state;
    SOCKET s = tcp();
    SOCKET u = udp();
    assert_int_equal(get_int(s, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
    assert_int_equal(get_int(u, SOL_SOCKET, SO_TYPE), SOCK_DGRAM);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_ERROR), 0);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_ACCEPTCONN), FALSE);
    closesocket(s);
    closesocket(u);

    struct sockaddr_storage a;
    SOCKET l = ws2t_listener(AF_INET, &a, NULL);
    assert_int_equal(get_int(l, SOL_SOCKET, SO_ACCEPTCONN), TRUE);
    closesocket(l);

    SOCKET s6 = socket(AF_INET6, SOCK_STREAM, 0);
    SOCKET u6 = socket(AF_INET6, SOCK_DGRAM, 0);
    assert_int_equal(get_byte(s6, IPPROTO_IPV6, IPV6_V6ONLY), TRUE);
    assert_int_equal(get_byte(u6, IPPROTO_IPV6, IPV6_V6ONLY), TRUE);
    set_int(s6, IPPROTO_IPV6, IPV6_V6ONLY, FALSE);
    assert_int_equal(get_byte(s6, IPPROTO_IPV6, IPV6_V6ONLY), FALSE);
    closesocket(s6);
    closesocket(u6);
}

/*
 * ioctlsocket.md, FIONBIO: "The argp parameter is a pointer to an unsigned
 * long value. Set argp to a nonzero value if the nonblocking mode should be
 * enabled, or zero if the nonblocking mode should be disabled."
 */
static void fionbio_switches_blocking_mode(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    u_long on = 7;
    assert_int_equal(ioctlsocket(s, FIONBIO, &on), 0);
    char b[4];
    assert_fails(recv(s, b, sizeof(b), 0), WSAEWOULDBLOCK);
    u_long off = 0;
    assert_int_equal(ioctlsocket(s, FIONBIO, &off), 0);
    DWORD ms = 200;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);
    uint64_t t0 = ws2t_now_ms();
    assert_fails(recv(s, b, sizeof(b), 0), WSAETIMEDOUT); /* it blocked */
    assert_true(ws2t_now_ms() - t0 >= 150);
    closesocket(c);
    closesocket(s);
}

/*
 * ioctlsocket.md, FIONREAD: "Use to determine the amount of data pending in
 * the network's input buffer that can be read from socket s."
 */
static void fionread_counts_exactly(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    u_long n = 99;
    assert_int_equal(ioctlsocket(s, FIONREAD, &n), 0);
    assert_int_equal(n, 0);
    static char data[1234];
    assert_int_equal(send(c, data, sizeof(data), 0), (int)sizeof(data));
    uint64_t t0 = ws2t_now_ms();
    do {
        assert_int_equal(ioctlsocket(s, FIONREAD, &n), 0);
    } while (n < sizeof(data) && ws2t_now_ms() - t0 < 5000);
    assert_int_equal(n, sizeof(data));
    char b[1000];
    assert_int_equal(recv(s, b, sizeof(b), 0), 1000);
    assert_int_equal(ioctlsocket(s, FIONREAD, &n), 0);
    assert_int_equal(n, 234);
    closesocket(c);
    closesocket(s);

    /* A datagram socket: the pending datagram's size. */
    struct sockaddr_in a;
    SOCKET u = ws2t_udp_bound(&a);
    assert_int_equal(sendto(u, data, 77, 0, (struct sockaddr *)&a, sizeof(a)), 77);
    t0 = ws2t_now_ms();
    do {
        assert_int_equal(ioctlsocket(u, FIONREAD, &n), 0);
    } while (n == 0 && ws2t_now_ms() - t0 < 5000);
    assert_int_equal(n, 77);
    closesocket(u);
}

/*
 * ioctlsocket.md, SIOCATMARK: "If no OOB data is waiting to be read, the
 * operation returns TRUE"; the argp parameter must be valid (WSAEFAULT "The
 * argp parameter is not a valid part of the user address space"); an
 * unknown command is WSAEOPNOTSUPP, what Windows answers (Wine's tests),
 * not the WSAEINVAL of WSAIoctl.md ("dwIoControlCode is not a valid
 * command").
 */
static void siocatmark_and_bad_commands(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "plain", 5, 0), 5);
    u_long v = 0;
    assert_int_equal(ioctlsocket(s, SIOCATMARK, &v), 0);
    assert_true(v);
    assert_fails(ioctlsocket(s, FIONBIO, NULL), WSAEFAULT);
    assert_fails(ioctlsocket(s, FIONREAD, NULL), WSAEFAULT);
    assert_fails(ioctlsocket(s, (LONG)0x7ffe1234, &v), WSAEOPNOTSUPP);
    assert_fails(ioctlsocket(INVALID_SOCKET, FIONREAD, &v), WSAENOTSOCK);

    /* With SO_OOBINLINE the mark stays until the urgent byte is read in line. */
    set_int(s, SOL_SOCKET, SO_OOBINLINE, TRUE);
    assert_int_equal(send(c, "U", 1, MSG_OOB), 1);
    uint64_t t0 = ws2t_now_ms();
    do {
        assert_int_equal(ioctlsocket(s, SIOCATMARK, &v), 0);
    } while (v && ws2t_now_ms() - t0 < 5000);
    assert_false(v);
    char b[8];
    int got = 0;
    while (got < 6) {
        int n = recv(s, b + got, (int)sizeof(b) - got, 0);
        assert_true(n > 0);
        got += n;
    }
    assert_memory_equal(b, "plainU", 6);
    assert_int_equal(ioctlsocket(s, SIOCATMARK, &v), 0);
    assert_true(v);
    closesocket(c);
    closesocket(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(linger_defaults_and_round_trip),
        T(dontlinger_toggles_l_onoff_and_keeps_the_timeout),
        T(options_that_do_not_apply),
        T(missing_or_short_buffers_are_efault),
        T(reuseaddr_and_exclusiveaddruse_exclude_each_other),
        T(buffer_sizes_round_trip),
        T(accepted_socket_inherits_buffer_sizes),
        T(protocol_info_describes_the_socket),
        T(timeouts_are_dword_milliseconds),
        T(bool_options),
        T(state_options),
        T(fionbio_switches_blocking_mode),
        T(fionread_counts_exactly),
        T(siocatmark_and_bad_commands),
    };
    return cmocka_run_group_tests_name("sockopt", tests, NULL, NULL);
}
