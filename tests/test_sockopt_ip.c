/*
 * IPPROTO_IP and IPPROTO_IPV6 options: what Windows answers (observed, Wine's
 * conformance tests run on Windows) and that they take effect: multicast
 * membership delivers a group's datagrams, TTLs and switches read back.
 */
#include <string.h>

#include "testlib.h"

#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

static int get_int(SOCKET s, int level, int name)
{
    int v = 0, len = sizeof(v);
    assert_int_equal(getsockopt(s, level, name, (char *)&v, &len), 0);
    return len == 1 ? v & 0xff : v;
}

static void set_int(SOCKET s, int level, int name, int v)
{
    assert_int_equal(setsockopt(s, level, name, (char *)&v, sizeof(v)), 0);
}

/*
 * IPV6_V6ONLY on an IPv4 socket (observed): it reads 1, can be set to 0 and
 * back before bind, and once the socket is bound setting it fails and it
 * keeps its value.
 */
static void v6only_on_an_ipv4_socket_is_kept_until_bind(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(get_int(s, IPPROTO_IPV6, IPV6_V6ONLY), 1);
    set_int(s, IPPROTO_IPV6, IPV6_V6ONLY, 0);
    assert_int_equal(get_int(s, IPPROTO_IPV6, IPV6_V6ONLY), 0);
    set_int(s, IPPROTO_IPV6, IPV6_V6ONLY, 1);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
    int v = 0;
    assert_int_equal(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, sizeof(v)), SOCKET_ERROR);
    assert_int_equal(get_int(s, IPPROTO_IPV6, IPV6_V6ONLY), 1);
    closesocket(s);
}

/*
 * IP_DONTFRAGMENT (level IPPROTO_IP) and IPV6_DONTFRAG (the same number at
 * IPPROTO_IPV6), observed: off on a new UDP socket, on on a new TCP socket,
 * settable either way, and any non-zero value reads back as 1.
 */
static void dontfragment_defaults_by_socket_type(void **state)
{
    (void)state;
    const int families[] = {AF_INET, AF_INET6}, levels[] = {IPPROTO_IP, IPPROTO_IPV6};
    for (int i = 0; i < 2; i++) {
        SOCKET u = socket(families[i], SOCK_DGRAM, 0);
        assert_int_equal(get_int(u, levels[i], IP_DONTFRAGMENT), 0);
        set_int(u, levels[i], IP_DONTFRAGMENT, 1);
        assert_int_equal(get_int(u, levels[i], IP_DONTFRAGMENT), 1);
        set_int(u, levels[i], IP_DONTFRAGMENT, 0xdead);
        assert_int_equal(get_int(u, levels[i], IP_DONTFRAGMENT), 1);
        closesocket(u);
        SOCKET t = socket(families[i], SOCK_STREAM, 0);
        assert_int_equal(get_int(t, levels[i], IP_DONTFRAGMENT), 1);
        set_int(t, levels[i], IP_DONTFRAGMENT, 0);
        assert_int_equal(get_int(t, levels[i], IP_DONTFRAGMENT), 0);
        closesocket(t);
    }
}

/*
 * IP_HDRINCL belongs to raw sockets: on TCP and UDP sockets both calls fail
 * with WSAEINVAL and write nothing (observed, Vista and later).
 */
static void hdrincl_is_einval_on_tcp_and_udp(void **state)
{
    (void)state;
    const int types[] = {SOCK_STREAM, SOCK_DGRAM};
    for (int i = 0; i < 2; i++) {
        SOCKET s = socket(AF_INET, types[i], 0);
        int v = 1, len = sizeof(v);
        assert_fails(setsockopt(s, IPPROTO_IP, IP_HDRINCL, (char *)&v, sizeof(v)), WSAEINVAL);
        v = 99;
        assert_fails(getsockopt(s, IPPROTO_IP, IP_HDRINCL, (char *)&v, &len), WSAEINVAL);
        assert_int_equal(v, 99);
        closesocket(s);
    }
}

/*
 * The control-data switches read back what was set (observed: each reads 1
 * once turned on) and take only a whole DWORD.  IP_RECVTOS and IP_ECN are
 * separate switches though they share Linux's option.
 */
static void control_data_switches_read_back(void **state)
{
    (void)state;
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    const int v4[] = {IP_PKTINFO, IP_RECVTTL, IP_RECVTOS, IP_ECN};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(get_int(u, IPPROTO_IP, v4[i]), 0);
        set_int(u, IPPROTO_IP, v4[i], 1);
        assert_int_equal(get_int(u, IPPROTO_IP, v4[i]), 1);
    }
    set_int(u, IPPROTO_IP, IP_ECN, 0);
    assert_int_equal(get_int(u, IPPROTO_IP, IP_ECN), 0);
    assert_int_equal(get_int(u, IPPROTO_IP, IP_RECVTOS), 1);
    closesocket(u);

    SOCKET u6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    const int v6[] = {IPV6_PKTINFO, IPV6_HOPLIMIT, IPV6_RECVTCLASS, IPV6_ECN};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(get_int(u6, IPPROTO_IPV6, v6[i]), 0);
        set_int(u6, IPPROTO_IPV6, v6[i], 1);
        assert_int_equal(get_int(u6, IPPROTO_IPV6, v6[i]), 1);
    }
    closesocket(u6);
}

/* TTLs and hop limits read back as set, a byte's range at most (more is WSAEINVAL, observed). */
static void hop_limits_round_trip(void **state)
{
    (void)state;
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    set_int(u, IPPROTO_IP, IP_TTL, 33);
    assert_int_equal(get_int(u, IPPROTO_IP, IP_TTL), 33);
    set_int(u, IPPROTO_IP, IP_MULTICAST_TTL, 7);
    assert_int_equal(get_int(u, IPPROTO_IP, IP_MULTICAST_TTL), 7);
    set_int(u, IPPROTO_IP, IP_TOS, 0x20);
    assert_int_equal(get_int(u, IPPROTO_IP, IP_TOS), 0x20);
    int v = 300;
    assert_fails(setsockopt(u, IPPROTO_IP, IP_TTL, (char *)&v, sizeof(v)), WSAEINVAL);
    assert_int_equal(get_int(u, IPPROTO_IP, IP_TTL), 33);
    closesocket(u);
    SOCKET u6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    set_int(u6, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 12);
    assert_int_equal(get_int(u6, IPPROTO_IPV6, IPV6_UNICAST_HOPS), 12);
    set_int(u6, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 3);
    assert_int_equal(get_int(u6, IPPROTO_IPV6, IPV6_MULTICAST_HOPS), 3);
    closesocket(u6);
}

/* A datagram for the receiver within 5 s: its length, or -1. */
static int receive_within(SOCKET r, char *buf, int len)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(r, &set);
    struct timeval tv = {5, 0};
    if (select(0, &set, NULL, NULL, &tv) != 1)
        return -1;
    return recv(r, buf, len, 0);
}

/*
 * IP_ADD_MEMBERSHIP makes a socket receive the group's datagrams (with the
 * sender's IP_MULTICAST_IF and IP_MULTICAST_LOOP on the loopback
 * interface); IP_DROP_MEMBERSHIP stops it; leaving a group never joined
 * fails.  The options that take an IP_MREQ are not read back
 * (WSAENOPROTOOPT), and a short IP_MREQ is WSAEFAULT.
 */
static void multicast_membership_delivers_the_group(void **state)
{
    (void)state;
    SOCKET r = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    set_int(r, SOL_SOCKET, SO_REUSEADDR, 1);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    assert_int_equal(bind(r, (struct sockaddr *)&a, sizeof(a)), 0);
    int alen = sizeof(a);
    assert_int_equal(getsockname(r, (struct sockaddr *)&a, &alen), 0);

    IP_MREQ m;
    m.imr_multiaddr.s_addr = htonl(0xEF0A0B0C); /* 239.10.11.12 */
    m.imr_interface.s_addr = htonl(INADDR_LOOPBACK);
    assert_fails(setsockopt(r, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof(m) - 1),
                 WSAEFAULT);
    assert_int_equal(setsockopt(r, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof(m)), 0);
    int len = sizeof(m);
    assert_fails(getsockopt(r, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, &len), WSAENOPROTOOPT);

    SOCKET snd = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    DWORD iface = htonl(INADDR_LOOPBACK);
    assert_int_equal(setsockopt(snd, IPPROTO_IP, IP_MULTICAST_IF, (char *)&iface, sizeof(iface)),
                     0);
    set_int(snd, IPPROTO_IP, IP_MULTICAST_LOOP, 1);
    assert_int_equal(get_int(snd, IPPROTO_IP, IP_MULTICAST_LOOP), 1);
    assert_int_equal(get_int(snd, IPPROTO_IP, IP_MULTICAST_IF), (int)iface);
    struct sockaddr_in g = a;
    g.sin_addr = m.imr_multiaddr;
    assert_int_equal(sendto(snd, "group", 5, 0, (struct sockaddr *)&g, sizeof(g)), 5);
    char buf[16];
    assert_int_equal(receive_within(r, buf, sizeof(buf)), 5);
    assert_memory_equal(buf, "group", 5);

    assert_int_equal(setsockopt(r, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&m, sizeof(m)), 0);
    assert_int_equal(setsockopt(r, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&m, sizeof(m)),
                     SOCKET_ERROR);
    closesocket(snd);
    closesocket(r);
}

/*
 * MCAST_JOIN_GROUP (RFC 3678, a GROUP_REQ naming the interface by index)
 * joins as IP_ADD_MEMBERSHIP does; MCAST_LEAVE_GROUP leaves.  Windows'
 * family numbers are in the GROUP_REQ.
 */
static void group_requests_join_by_interface_index(void **state)
{
    (void)state;
    unsigned lo = ws2t_linux_ifindex("lo");
    assert_true(lo != 0);
    SOCKET r = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    assert_int_equal(bind(r, (struct sockaddr *)&a, sizeof(a)), 0);
    int alen = sizeof(a);
    assert_int_equal(getsockname(r, (struct sockaddr *)&a, &alen), 0);

    GROUP_REQ g;
    memset(&g, 0, sizeof(g));
    g.gr_interface = lo;
    struct sockaddr_in *group = (struct sockaddr_in *)&g.gr_group;
    group->sin_family = AF_INET;
    group->sin_addr.s_addr = htonl(0xEF0A0B0D); /* 239.10.11.13 */
    assert_int_equal(setsockopt(r, IPPROTO_IP, MCAST_JOIN_GROUP, (char *)&g, sizeof(g)), 0);

    SOCKET snd = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    DWORD iface = htonl(lo); /* Windows' 0.0.0.index form */
    assert_int_equal(setsockopt(snd, IPPROTO_IP, IP_MULTICAST_IF, (char *)&iface, sizeof(iface)),
                     0);
    struct sockaddr_in to = a;
    to.sin_addr = group->sin_addr;
    assert_int_equal(sendto(snd, "index", 5, 0, (struct sockaddr *)&to, sizeof(to)), 5);
    char buf[16];
    assert_int_equal(receive_within(r, buf, sizeof(buf)), 5);
    assert_memory_equal(buf, "index", 5);
    assert_int_equal(setsockopt(r, IPPROTO_IP, MCAST_LEAVE_GROUP, (char *)&g, sizeof(g)), 0);
    assert_fails(setsockopt(r, IPPROTO_IP, MCAST_JOIN_GROUP, (char *)&g, sizeof(g) - 1), WSAEFAULT);
    closesocket(snd);
    closesocket(r);
}

/* IPV6_ADD_MEMBERSHIP (IPV6_JOIN_GROUP) joins on an interface index; leaving twice fails. */
static void ipv6_membership_joins_and_leaves(void **state)
{
    (void)state;
    SOCKET r = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    IPV6_MREQ m;
    memset(&m, 0, sizeof(m));
    assert_int_equal(inet_pton(AF_INET6, "ff15::1234", &m.ipv6mr_multiaddr), 1);
    m.ipv6mr_interface = ws2t_linux_ifindex("lo");
    assert_int_equal(setsockopt(r, IPPROTO_IPV6, IPV6_JOIN_GROUP, (char *)&m, sizeof(m)), 0);
    assert_int_equal(setsockopt(r, IPPROTO_IPV6, IPV6_LEAVE_GROUP, (char *)&m, sizeof(m)), 0);
    assert_int_equal(setsockopt(r, IPPROTO_IPV6, IPV6_LEAVE_GROUP, (char *)&m, sizeof(m)),
                     SOCKET_ERROR);
    set_int(r, IPPROTO_IPV6, IPV6_MULTICAST_IF, (int)m.ipv6mr_interface);
    assert_int_equal(get_int(r, IPPROTO_IPV6, IPV6_MULTICAST_IF), (int)m.ipv6mr_interface);
    set_int(r, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0);
    assert_int_equal(get_int(r, IPPROTO_IPV6, IPV6_MULTICAST_LOOP), 0);
    closesocket(r);
}

/* IPPROTO_IP options apply to an IPv6 socket's IPv4 traffic (a dual-stack socket). */
static void ipv4_options_on_a_dual_stack_socket(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    set_int(s, IPPROTO_IPV6, IPV6_V6ONLY, 0);
    set_int(s, IPPROTO_IP, IP_TTL, 21);
    assert_int_equal(get_int(s, IPPROTO_IP, IP_TTL), 21);
    closesocket(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(v6only_on_an_ipv4_socket_is_kept_until_bind),
        T(dontfragment_defaults_by_socket_type),
        T(hdrincl_is_einval_on_tcp_and_udp),
        T(control_data_switches_read_back),
        T(hop_limits_round_trip),
        T(multicast_membership_delivers_the_group),
        T(group_requests_join_by_interface_index),
        T(ipv6_membership_joins_and_leaves),
        T(ipv4_options_on_a_dual_stack_socket),
    };
    return cmocka_run_group_tests_name("sockopt_ip", tests, NULL, NULL);
}
