/*
 * Option lengths as Windows applies them (observed on Windows 10/11: the
 * option-length table of Wine's conformance test, which runs on Windows).
 * Each option falls in one of a few kinds; for each kind the test states
 * what setsockopt accepts and reads, and what getsockopt writes and reports,
 * for lengths 0, 1, 2, 4, 8 and -1.
 */
#include <string.h>

#include "testlib.h"

#include <mstcpip.h>

#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

enum kind {
    SOCK_BOOL_K, /* SOL_SOCKET BOOL: any length from 0 set; 1 or 4 reported */
    BYTE_K,      /* one byte read and written, 1 reported */
    SMALL_K,     /* IP-level byte-or-DWORD: 1..4 bytes read, 1 or 4 written */
    SMALL_BOOL_K,
    INT_K,       /* exactly a DWORD */
    INT_BOOL_K,  /* a DWORD switch: 0x100 reads back 1 */
    INT_ZEROED_K /* a DWORD whose too-short getsockopt buffer is zeroed (SO_RCVBUF, SO_LINGER) */
};

struct row {
    int af, type, level, name;
    enum kind kind;
    BOOL max255; /* values above 255 are WSAEINVAL */
};

static const struct row rows[] = {
    {AF_INET, SOCK_DGRAM, SOL_SOCKET, SO_BROADCAST, SOCK_BOOL_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_DONTLINGER, SOCK_BOOL_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_OOBINLINE, SOCK_BOOL_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, SOCK_BOOL_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, SOCK_BOOL_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_KEEPALIVE, BYTE_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_DONTROUTE, BYTE_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_LINGER, INT_ZEROED_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVBUF, INT_ZEROED_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDBUF, INT_ZEROED_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVTIMEO, INT_K, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDTIMEO, INT_K, FALSE},
    {AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY, BYTE_K, FALSE},
    {AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_KEEPALIVE, INT_K, FALSE},
    {AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_KEEPCNT, INT_K, TRUE},
    {AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_KEEPINTVL, INT_K, FALSE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_LOOP, SMALL_BOOL_K, FALSE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_TTL, SMALL_K, TRUE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_TOS, SMALL_K, TRUE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_TTL, SMALL_K, TRUE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_PKTINFO, INT_BOOL_K, FALSE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_RECVTOS, INT_BOOL_K, FALSE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_RECVTTL, INT_BOOL_K, FALSE},
    {AF_INET6, SOCK_STREAM, IPPROTO_IPV6, IPV6_DONTFRAG, SMALL_BOOL_K, FALSE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_HOPLIMIT, INT_BOOL_K, FALSE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, SMALL_K, TRUE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, SMALL_BOOL_K, FALSE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_PKTINFO, INT_BOOL_K, FALSE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_RECVTCLASS, INT_BOOL_K, FALSE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_UNICAST_HOPS, SMALL_K, TRUE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_V6ONLY, BYTE_K, FALSE},
};

static BOOL short_set_ok(enum kind k)
{
    return k == SOCK_BOOL_K || k == BYTE_K || k == SMALL_K || k == SMALL_BOOL_K;
}

/* What getsockopt reports (and how many bytes it writes) for a buffer of len bytes. */
static int reported(enum kind k, int len)
{
    if (k == BYTE_K)
        return 1;
    return len < 4 ? 1 : 4;
}

static int written(enum kind k, int len)
{
    if (k == SOCK_BOOL_K)
        return len < 4 ? len : 4;
    return reported(k, len);
}

/* The little-endian number in the first n bytes of v over a background of 0xdeadbeef. */
static DWORD over_background(DWORD v, int n)
{
    DWORD out = 0xdeadbeef;
    memcpy(&out, &v, (size_t)n);
    return out;
}

static void check_row(const struct row *r)
{
    SOCKET s = socket(r->af, r->type, 0);
    assert_true(s != INVALID_SOCKET);
    DWORD saved = 0;
    int len = sizeof(saved);
    assert_int_equal(getsockopt(s, r->level, r->name, (char *)&saved, &len), 0);

    /* A longer buffer is fine for setsockopt; getsockopt reports the option's size. */
    UINT64 wide = 0xffffffff00000001ull;
    WSASetLastError(0xdead);
    assert_int_equal(setsockopt(s, r->level, r->name, (char *)&wide, sizeof(wide)), 0);
    assert_wsa_error(0);
    len = sizeof(wide);
    assert_int_equal(getsockopt(s, r->level, r->name, (char *)&wide, &len), 0);
    assert_int_equal(len, r->kind == BYTE_K ? 1 : 4);

    /* A negative setsockopt length. */
    DWORD v = 1;
    if (r->level == SOL_SOCKET && r->kind != BYTE_K)
        assert_int_equal(setsockopt(s, r->level, r->name, (char *)&v, -1), 0);
    else
        assert_fails(setsockopt(s, r->level, r->name, (char *)&v, -1), WSAENOBUFS);
    /* ... and a negative getsockopt length: WSAEFAULT, nothing written. */
    len = -1;
    v = 0xdeadbeef;
    assert_fails(getsockopt(s, r->level, r->name, (char *)&v, &len), WSAEFAULT);
    assert_int_equal(len, -1);
    assert_int_equal(v, 0xdeadbeef);

    /* Length 0: only a SOL_SOCKET BOOL can be set so; never read so. */
    v = 1;
    if (r->kind == SOCK_BOOL_K)
        assert_int_equal(setsockopt(s, r->level, r->name, (char *)&v, 0), 0);
    else
        assert_fails(setsockopt(s, r->level, r->name, (char *)&v, 0), WSAEFAULT);
    len = 0;
    assert_fails(getsockopt(s, r->level, r->name, (char *)&v, &len), WSAEFAULT);

    /* 0x100: refused by the small numbers, TRUE for the switches, the low byte for BYTE_K. */
    v = 0x100;
    if (r->max255) {
        assert_fails(setsockopt(s, r->level, r->name, (char *)&v, 4), WSAEINVAL);
    } else {
        assert_int_equal(setsockopt(s, r->level, r->name, (char *)&v, 4), 0);
        v = 0xdeadbeef;
        len = 4;
        assert_int_equal(getsockopt(s, r->level, r->name, (char *)&v, &len), 0);
        if (r->kind == BYTE_K) {
            assert_int_equal(len, 1);
            assert_int_equal(v, 0xdeadbe00);
        } else {
            assert_int_equal(len, 4);
            BOOL flag = r->kind == SOCK_BOOL_K || r->kind == SMALL_BOOL_K || r->kind == INT_BOOL_K;
            assert_int_equal(v, flag ? 1 : 0x100);
        }
    }

    /* Lengths 1, 2 and 4 with the value 1. */
    for (int n = 1; n <= 4; n *= 2) {
        v = 1;
        BOOL ok = short_set_ok(r->kind) || n == 4;
        if (ok)
            assert_int_equal(setsockopt(s, r->level, r->name, (char *)&v, n), 0);
        else
            assert_fails(setsockopt(s, r->level, r->name, (char *)&v, n), WSAEFAULT);
        v = 0xdeadbeef;
        len = n;
        if (ok) {
            assert_int_equal(getsockopt(s, r->level, r->name, (char *)&v, &len), 0);
            assert_int_equal(len, reported(r->kind, n));
            assert_int_equal(v, over_background(1, written(r->kind, n)));
        } else {
            assert_fails(getsockopt(s, r->level, r->name, (char *)&v, &len), WSAEFAULT);
            /* The IPPROTO_* levels report nothing; SOL_SOCKET leaves the length. */
            assert_int_equal(len, r->level == SOL_SOCKET ? n : 0);
            assert_int_equal(v, r->kind == INT_ZEROED_K ? over_background(0, n) : 0xdeadbeef);
        }
    }
    assert_int_equal(setsockopt(s, r->level, r->name, (char *)&saved, sizeof(saved)), 0);
    closesocket(s);
}

static void option_lengths_as_windows_applies_them(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        print_message("option %d/%d\n", rows[i].level, rows[i].name);
        check_row(&rows[i]);
    }
}

/*
 * A BOOL of one byte (TCP_NODELAY): any length from 1 is taken, 42
 * included, and only the first byte counts: 0x100 in four bytes is FALSE
 * (observed).
 */
static void nodelay_reads_only_its_first_byte(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char big[42] = {1};
    assert_int_equal(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, big, sizeof(big)), 0);
    char on = 0;
    int len = 1;
    assert_int_equal(getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &on, &len), 0);
    assert_int_equal(on, 1);
    DWORD v = 0x100;
    assert_int_equal(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, sizeof(v)), 0);
    len = 1;
    assert_int_equal(getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &on, &len), 0);
    assert_int_equal(on, 0);
    /* A value where a pointer belongs. */
    assert_fails(setsockopt(s, SOL_SOCKET, SO_DONTROUTE, (char *)1, 1), WSAEFAULT);
    closesocket(s);
}

/* IP_MULTICAST_TTL reads as many bytes as it is given, 1 to 4 (observed). */
static void multicast_ttl_reads_the_bytes_given(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    const DWORD values[] = {0xffffff0a, 0xffff000b, 0xff00000c, 0x0000000d};
    const int expect[] = {0x0a, 0x0b, 0x0c, 0x0d};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&values[i], i + 1), 0);
        int got = 0, len = sizeof(got);
        assert_int_equal(getsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&got, &len), 0);
        assert_int_equal(got, expect[i]);
    }
    closesocket(s);
}

/*
 * SO_PROTOCOL_INFO: a buffer too small is WSAEFAULT and reports the size
 * needed; a larger one succeeds and keeps its length (observed).
 */
static void protocol_info_reports_the_size_it_needs(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    static WSAPROTOCOL_INFOA info[2];
    int len = sizeof(info[0]) / 2;
    assert_fails(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)info, &len), WSAEFAULT);
    assert_int_equal(len, sizeof(WSAPROTOCOL_INFOA));
    len = sizeof(info);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)info, &len), 0);
    assert_int_equal(len, sizeof(info));
    assert_int_equal(info[0].iSocketType, SOCK_STREAM);
    closesocket(s);
}

/*
 * SOL_SOCKET socket options: SO_RCVLOWAT and SO_SNDLOWAT are "not supported
 * by the Windows TCP/IP provider ... on Windows Vista and later, the
 * getsockopt and setsockopt functions fail with WSAEINVAL".
 */
static void low_water_marks_are_einval(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int v = 1, len = sizeof(v);
    assert_fails(setsockopt(s, SOL_SOCKET, SO_RCVLOWAT, (char *)&v, sizeof(v)), WSAEINVAL);
    assert_fails(getsockopt(s, SOL_SOCKET, SO_RCVLOWAT, (char *)&v, &len), WSAEINVAL);
    assert_fails(setsockopt(s, SOL_SOCKET, SO_SNDLOWAT, (char *)&v, sizeof(v)), WSAEINVAL);
    assert_fails(getsockopt(s, SOL_SOCKET, SO_SNDLOWAT, (char *)&v, &len), WSAEINVAL);
    closesocket(s);
}

/*
 * setsockopt(SO_TYPE) is WSAENOPROTOOPT on a TCP socket and WSAEINVAL on a
 * UDP socket (observed); a level Windows does not know is WSAEINVAL.
 */
static void read_only_and_unknown_levels(void **state)
{
    (void)state;
    SOCKET t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int v = SOCK_DGRAM, len = sizeof(v);
    assert_fails(setsockopt(t, SOL_SOCKET, SO_TYPE, (char *)&v, sizeof(v)), WSAENOPROTOOPT);
    assert_fails(setsockopt(u, SOL_SOCKET, SO_TYPE, (char *)&v, sizeof(v)), WSAEINVAL);
    assert_fails(setsockopt(t, (int)0xffffffff, SO_RCVTIMEO, (char *)&v, sizeof(v)), WSAEINVAL);
    assert_fails(getsockopt(u, 0x8000, SO_MAX_MSG_SIZE, (char *)&v, &len), WSAEINVAL);
    closesocket(t);
    closesocket(u);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(option_lengths_as_windows_applies_them),
        T(nodelay_reads_only_its_first_byte),
        T(multicast_ttl_reads_the_bytes_given),
        T(protocol_info_reports_the_size_it_needs),
        T(low_water_marks_are_einval),
        T(read_only_and_unknown_levels),
    };
    return cmocka_run_group_tests_name("sockopt_lengths", tests, NULL, NULL);
}
