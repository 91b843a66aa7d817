/*
 * mstcpip.h: the address helpers (INETADDR_*, IN4ADDR_*, IN4_IS_ADDR_*,
 * IN6ADDR_SETV4MAPPED, SS_PORT), the well-known addresses it declares, and TCP keep-alive tuning,
 * WSAIoctl(SIO_KEEPALIVE_VALS) and the IPPROTO_TCP options TCP_KEEPIDLE (TCP_KEEPALIVE),
 * TCP_KEEPINTVL and TCP_KEEPCNT with Windows' numbers and units ("SIO_KEEPALIVE_VALS control code",
 * "IPPROTO_TCP socket options").
 */
#include <string.h>

#include <mstcpip.h>

#include "testlib.h"

#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

static int get_int(SOCKET s, int level, int name)
{
    int v = 0x5a5a5a5a, len = sizeof(v);
    assert_int_equal(getsockopt(s, level, name, (char *)&v, &len), 0);
    /* SO_KEEPALIVE is one byte, as Windows writes and reports it (observed). */
    if (level == SOL_SOCKET && name == SO_KEEPALIVE) {
        assert_int_equal(len, 1);
        return v & 0xff;
    }
    assert_int_equal(len, sizeof(int));
    return v;
}

static void set_int(SOCKET s, int level, int name, int v)
{
    assert_int_equal(setsockopt(s, level, name, (const char *)&v, sizeof(v)), 0);
}

static int keepalive_vals(SOCKET s, const void *in, DWORD in_len)
{
    DWORD returned = 0x5a5a;
    int r = WSAIoctl(s, SIO_KEEPALIVE_VALS, (void *)in, in_len, NULL, 0, &returned, NULL, NULL);
    if (r == 0)
        assert_int_equal(returned, 0);
    return r;
}

static IN_ADDR v4(const char *text)
{
    IN_ADDR a;
    assert_int_equal(inet_pton(AF_INET, text, &a), 1);
    return a;
}

/*
 * INETADDR_SETLOOPBACK / SETANY fill the address of the family already in
 * sa_family; the port goes through INETADDR_SET_PORT (SS_PORT), which both
 * families keep at the same place; the loopback address they make is the one
 * a listener on loopback is reached at.
 */
static void inetaddr_helpers_fill_and_test_either_family(void **state)
{
    (void)state;
    static const int families[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        int af = families[i];
        SOCKADDR_STORAGE a;
        memset(&a, 0x5a, sizeof(a));
        a.ss_family = (ADDRESS_FAMILY)af;
        INETADDR_SETLOOPBACK((PSOCKADDR)&a);
        assert_int_equal(a.ss_family, af);
        assert_true(INETADDR_ISLOOPBACK((PSOCKADDR)&a));
        assert_false(INETADDR_ISANY((PSOCKADDR)&a));
        assert_int_equal(INETADDR_PORT((PSOCKADDR)&a), 0);
        if (af == AF_INET) {
            SOCKADDR_IN *in = (SOCKADDR_IN *)&a;
            assert_int_equal(in->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
            assert_ptr_equal(INETADDR_ADDRESS((PSOCKADDR)&a), (PUCHAR)&in->sin_addr);
        } else {
            SOCKADDR_IN6 *in6 = (SOCKADDR_IN6 *)&a;
            assert_memory_equal(&in6->sin6_addr, &in6addr_loopback, sizeof(IN6_ADDR));
            assert_int_equal(in6->sin6_scope_id, 0);
            assert_ptr_equal(INETADDR_ADDRESS((PSOCKADDR)&a), (PUCHAR)&in6->sin6_addr);
        }

        /* A listener on loopback is reached at the address the helpers made. */
        SOCKADDR_STORAGE bound;
        int len;
        SOCKET l = ws2t_listener(af, &bound, &len);
        INETADDR_SET_PORT((PSOCKADDR)&a, INETADDR_PORT((PSOCKADDR)&bound));
        assert_int_equal(SS_PORT(&a), SS_PORT(&bound));
        assert_true(INETADDR_ISEQUAL((PSOCKADDR)&a, (PSOCKADDR)&bound));
        SOCKET c = socket(af, SOCK_STREAM, IPPROTO_TCP);
        assert_true(c != INVALID_SOCKET);
        assert_int_equal(connect(c, (PSOCKADDR)&a, len), 0);
        closesocket(c);
        closesocket(l);

        INETADDR_SETANY((PSOCKADDR)&a);
        assert_int_equal(a.ss_family, af);
        assert_true(INETADDR_ISANY((PSOCKADDR)&a));
        assert_true(INETADDR_ISUNSPECIFIED((PSOCKADDR)&a));
        assert_false(INETADDR_ISLOOPBACK((PSOCKADDR)&a));
        assert_int_equal(INETADDR_PORT((PSOCKADDR)&a), 0);
        assert_false(INETADDR_ISEQUAL((PSOCKADDR)&a, (PSOCKADDR)&bound));
    }
}

/* The IPv4 classifications of mstcpip.h, on addresses each side of every boundary. */
static void in4_address_tests_follow_the_rfc_ranges(void **state)
{
    (void)state;
    IN_ADDR a;
    a = v4("127.255.0.1"), assert_true(IN4_IS_ADDR_LOOPBACK(&a));
    a = v4("128.0.0.1"), assert_false(IN4_IS_ADDR_LOOPBACK(&a));
    a = v4("0.0.0.0"), assert_true(IN4_IS_ADDR_UNSPECIFIED(&a));
    a = v4("255.255.255.255"), assert_true(IN4_IS_ADDR_BROADCAST(&a));
    a = v4("169.254.7.1"), assert_true(IN4_IS_ADDR_LINKLOCAL(&a));
    a = v4("169.253.7.1"), assert_false(IN4_IS_ADDR_LINKLOCAL(&a));
    a = v4("10.200.1.1"), assert_true(IN4_IS_ADDR_RFC1918(&a));
    a = v4("172.31.0.1"), assert_true(IN4_IS_ADDR_RFC1918(&a));
    a = v4("172.32.0.1"), assert_false(IN4_IS_ADDR_RFC1918(&a));
    a = v4("192.168.9.9"), assert_true(IN4_IS_ADDR_RFC1918(&a));
    a = v4("192.169.9.9"), assert_false(IN4_IS_ADDR_RFC1918(&a));
    a = v4("224.0.0.251"), assert_true(IN4_IS_ADDR_MULTICAST(&a));
    assert_true(IN4_IS_ADDR_MC_LINKLOCAL(&a));
    a = v4("224.0.1.1"), assert_false(IN4_IS_ADDR_MC_LINKLOCAL(&a));
    a = v4("239.255.1.1"), assert_true(IN4_IS_ADDR_MC_ADMINLOCAL(&a));
    assert_false(IN4_IS_ADDR_MC_SITELOCAL(&a));
    a = v4("239.1.1.1"), assert_true(IN4_IS_ADDR_MC_SITELOCAL(&a));
    a = v4("223.255.255.255"), assert_false(IN4_IS_ADDR_MULTICAST(&a));
    a = v4("10.0.0.1"), assert_false(IN4_IS_ADDR_SITELOCAL(&a));
    assert_true(IN4_CLASSA(a.s_addr));
    a = v4("192.0.2.1"), assert_true(IN4_CLASSC(a.s_addr));
    a = v4("127.0.0.1"), assert_int_equal(a.s_addr, IN4ADDR_LOOPBACK);

    /* IPv4-mapped IPv6 addresses carry the IPv4 address in their last four bytes. */
    IN6_ADDR m;
    a = v4("192.0.2.33");
    IN6_SET_ADDR_V4MAPPED(&m, &a);
    assert_true(IN6_IS_ADDR_V4MAPPED(&m));
    assert_memory_equal(IN6_GET_ADDR_V4MAPPED(&m), &a, 4);
    SOCKADDR_IN6 s6;
    memset(&s6, 0, sizeof(s6));
    s6.sin6_family = AF_INET6;
    s6.sin6_addr = m;
    assert_true(INETADDR_ISV4MAPPED((PSOCKADDR)&s6));
}

/*
 * SIO_KEEPALIVE_VALS turns keep-alive on with "the timeout, in
 * milliseconds, with no activity until the first keep-alive packet" and "the
 * interval, in milliseconds, between when successive keep-alive packets are
 * sent"; the TCP_KEEPIDLE and TCP_KEEPINTVL options report them in seconds.
 * onoff 0 turns keep-alive off again.
 */
/*
 * IN6ADDR_SETV4MAPPED: ::ffff:a.b.c.d with the port given, flow 0, and the
 * scope given only for a link-local IPv4 address (the SDK uncanonicalizes
 * it: global and loopback addresses have the unspecified scope).
 */
static void in6addr_setv4mapped_maps_the_address_and_keeps_only_a_link_scope(void **state)
{
    (void)state;
    SOCKADDR_IN6 a6;
    IN_ADDR a4;
    SCOPE_ID scope = scopeid_unspecified;
    scope.Value = 7;
    memset(&a6, 0x5a, sizeof(a6));
    assert_int_equal(InetPtonA(AF_INET, "192.0.2.1", &a4), 1);
    IN6ADDR_SETV4MAPPED(&a6, &a4, scope, htons(0x1234));
    assert_int_equal(a6.sin6_family, AF_INET6);
    assert_int_equal(a6.sin6_port, htons(0x1234));
    assert_int_equal(a6.sin6_flowinfo, 0);
    assert_int_equal(a6.sin6_scope_struct.Value, 0);
    IN6_ADDR want;
    assert_int_equal(InetPtonA(AF_INET6, "::ffff:192.0.2.1", &want), 1);
    assert_memory_equal(&a6.sin6_addr, &want, sizeof(want));
    assert_true(IN6ADDR_ISV4MAPPED(&a6));
    assert_int_equal(InetPtonA(AF_INET, "169.254.1.1", &a4), 1);
    IN6ADDR_SETV4MAPPED(&a6, &a4, scope, 0);
    assert_int_equal(a6.sin6_scope_struct.Value, 7);
    assert_int_equal(scopeid_unspecified.Value, 0);
}

/* The well-known addresses that mstcpip.h declares hold their RFC values. */
static void well_known_addresses_hold_their_values(void **state)
{
    (void)state;
    static const struct {
        const IN_ADDR *a;
        const char *text;
    } in4[] = {
        {&in4addr_any, "0.0.0.0"},
        {&in4addr_loopback, "127.0.0.1"},
        {&in4addr_broadcast, "255.255.255.255"},
        {&in4addr_allnodesonlink, "224.0.0.1"},
        {&in4addr_allroutersonlink, "224.0.0.2"},
        {&in4addr_alligmpv3routersonlink, "224.0.0.22"},
        {&in4addr_allteredohostsonlink, "224.0.0.253"},
        {&in4addr_linklocalprefix, "169.254.0.0"},
        {&in4addr_multicastprefix, "224.0.0.0"},
    };
    static const struct {
        const IN6_ADDR *a;
        const char *text;
    } in6[] = {
        {&in6addr_allnodesonnode, "ff01::1"},
        {&in6addr_allnodesonlink, "ff02::1"},
        {&in6addr_allroutersonlink, "ff02::2"},
        {&in6addr_allmldv2routersonlink, "ff02::16"},
        {&in6addr_teredoinitiallinklocaladdress, "fe80::ffff:ffff:fffe"},
        {&in6addr_linklocalprefix, "fe80::"},
        {&in6addr_multicastprefix, "ff00::"},
        {&in6addr_solicitednodemulticastprefix, "ff02::1:ff00:0"},
        {&in6addr_v4mappedprefix, "::ffff:0:0"},
        {&in6addr_6to4prefix, "2002::"},
        {&in6addr_teredoprefix, "2001::"},
        {&in6addr_teredoprefix_old, "3ffe:831f::"},
    };
    for (size_t i = 0; i < sizeof(in4) / sizeof(in4[0]); i++) {
        IN_ADDR want;
        assert_int_equal(InetPtonA(AF_INET, in4[i].text, &want), 1);
        assert_memory_equal(in4[i].a, &want, sizeof(want));
    }
    for (size_t i = 0; i < sizeof(in6) / sizeof(in6[0]); i++) {
        IN6_ADDR want;
        assert_int_equal(InetPtonA(AF_INET6, in6[i].text, &want), 1);
        assert_memory_equal(in6[i].a, &want, sizeof(want));
    }
    /* A list of n addresses: the count, padded to the array, then n SOCKET_ADDRESS (64-bit). */
    assert_int_equal(SIZEOF_SOCKET_ADDRESS_LIST(3), 8 + 3 * 16);
    SCOPE_ID none = SCOPEID_UNSPECIFIED_INIT;
    assert_int_equal(none.Value, 0);
}

static void keepalive_vals_set_idle_and_interval_in_milliseconds(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(get_int(c, SOL_SOCKET, SO_KEEPALIVE), FALSE);

    struct tcp_keepalive ka = {1, 7000, 3000};
    assert_int_equal(keepalive_vals(c, &ka, sizeof(ka)), 0);
    assert_int_equal(get_int(c, SOL_SOCKET, SO_KEEPALIVE), TRUE);
    assert_int_equal(get_int(c, IPPROTO_TCP, TCP_KEEPIDLE), 7);
    assert_int_equal(get_int(c, IPPROTO_TCP, TCP_KEEPALIVE), 7);
    assert_int_equal(get_int(c, IPPROTO_TCP, TCP_KEEPINTVL), 3);

    /*
     * Linux counts whole seconds: a time that is not one is rounded up (the
     * library's choice: a probe is never sent earlier than asked).
     */
    struct tcp_keepalive odd = {1, 1500, 200};
    assert_int_equal(keepalive_vals(c, &odd, sizeof(odd)), 0);
    assert_int_equal(get_int(c, IPPROTO_TCP, TCP_KEEPIDLE), 2);
    assert_int_equal(get_int(c, IPPROTO_TCP, TCP_KEEPINTVL), 1);

    /* A longer buffer is fine ("equal to or greater than the size of the tcp_keepalive"). */
    struct {
        struct tcp_keepalive ka;
        char extra[8];
    } longer = {{1, 60000, 10000}, {0}};
    assert_int_equal(keepalive_vals(s, &longer, sizeof(longer)), 0);
    assert_int_equal(get_int(s, IPPROTO_TCP, TCP_KEEPIDLE), 60);
    assert_int_equal(get_int(s, IPPROTO_TCP, TCP_KEEPINTVL), 10);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_KEEPALIVE), TRUE);

    struct tcp_keepalive off = {0, 0, 0};
    assert_int_equal(keepalive_vals(c, &off, sizeof(off)), 0);
    assert_int_equal(get_int(c, SOL_SOCKET, SO_KEEPALIVE), FALSE);

    /* Still usable: the connection carries data after all this. */
    assert_int_equal(send(c, "k", 1, 0), 1);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), 1);
    closesocket(c);
    closesocket(s);
}

/*
 * cbInBuffer "should equal to or greater than the size of the tcp_keepalive
 * structure"; WSAIoctl: WSAEFAULT when "the cbInBuffer ... parameter is too
 * small" or lpvInBuffer "is not totally contained in a valid part of the
 * user address space".  Nothing is changed by a refused call.
 */
static void keepalive_vals_bad_buffers_are_efault(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    struct tcp_keepalive ka = {1, 5000, 1000};
    assert_fails(keepalive_vals(s, NULL, sizeof(ka)), WSAEFAULT);
    assert_fails(keepalive_vals(s, &ka, sizeof(ka) - 1), WSAEFAULT);
    assert_fails(keepalive_vals(s, &ka, 0), WSAEFAULT);
    void *none = ws2t_page(0);
    assert_fails(keepalive_vals(s, none, sizeof(ka)), WSAEFAULT);
    assert_int_equal(get_int(s, SOL_SOCKET, SO_KEEPALIVE), FALSE);
    closesocket(s);
}

/*
 * The options take a DWORD: TCP_KEEPIDLE (TCP_KEEPALIVE, number 3) and
 * TCP_KEEPINTVL (17) in seconds, TCP_KEEPCNT (16) a count: "It is illegal to
 * set TCP_KEEPCNT to a value greater than 255".  They are TCP's: a datagram
 * socket does not have them (WSAENOPROTOOPT, as every IPPROTO_TCP option).
 */
static void keepalive_options_use_windows_numbers_and_seconds(void **state)
{
    (void)state;
    assert_int_equal(TCP_KEEPALIVE, 3);
    assert_int_equal(TCP_KEEPIDLE, TCP_KEEPALIVE);
    assert_int_equal(TCP_KEEPCNT, 16);
    assert_int_equal(TCP_KEEPINTVL, 17);

    SOCKET s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    set_int(s, IPPROTO_TCP, TCP_KEEPIDLE, 45);
    set_int(s, IPPROTO_TCP, TCP_KEEPINTVL, 9);
    set_int(s, IPPROTO_TCP, TCP_KEEPCNT, 4);
    assert_int_equal(get_int(s, IPPROTO_TCP, TCP_KEEPIDLE), 45);
    assert_int_equal(get_int(s, IPPROTO_TCP, TCP_KEEPINTVL), 9);
    assert_int_equal(get_int(s, IPPROTO_TCP, TCP_KEEPCNT), 4);
    /* Setting them does not turn keep-alive on: SO_KEEPALIVE does. */
    assert_int_equal(get_int(s, SOL_SOCKET, SO_KEEPALIVE), FALSE);
    set_int(s, IPPROTO_TCP, TCP_KEEPALIVE, 600);
    assert_int_equal(get_int(s, IPPROTO_TCP, TCP_KEEPIDLE), 600);

    int v = 256;
    assert_fails(setsockopt(s, IPPROTO_TCP, TCP_KEEPCNT, (char *)&v, sizeof(v)), WSAEINVAL);
    assert_int_equal(get_int(s, IPPROTO_TCP, TCP_KEEPCNT), 4);
    assert_fails(setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, (char *)&v, 2), WSAEFAULT);
    int len = 2;
    assert_fails(getsockopt(s, IPPROTO_TCP, TCP_KEEPINTVL, (char *)&v, &len), WSAEFAULT);
    closesocket(s);

    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(u != INVALID_SOCKET);
    v = 30;
    assert_fails(setsockopt(u, IPPROTO_TCP, TCP_KEEPIDLE, (char *)&v, sizeof(v)), WSAENOPROTOOPT);
    closesocket(u);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(inetaddr_helpers_fill_and_test_either_family),
        T(in4_address_tests_follow_the_rfc_ranges),
        T(in6addr_setv4mapped_maps_the_address_and_keeps_only_a_link_scope),
        T(well_known_addresses_hold_their_values),
        T(keepalive_vals_set_idle_and_interval_in_milliseconds),
        T(keepalive_vals_bad_buffers_are_efault),
        T(keepalive_options_use_windows_numbers_and_seconds),
    };
    return cmocka_run_group_tests_name("win32_mstcpip", tests, NULL, NULL);
}
