/*
 * What inet_pton, InetPtonW and WSAStringToAddress leave in the caller's
 * buffer when the text is refused.  Windows parses into that buffer as it
 * reads (RtlIpv4StringToAddress, RtlIpv6StringToAddress), so a refusal can
 * leave part of an address, or all of it, written; programs that reuse the
 * buffer see it.  The results are Windows 10/11's, as Wine's conformance
 * tables record them from runs on Windows.
 */
#include <string.h>

#include "testlib.h"

#define U 0xab /* a byte the call left untouched */

struct v4_case {
    const char *text;
    int result;    /* inet_pton's */
    BYTE bytes[4]; /* the buffer afterwards (U: untouched) */
};

/* A dotted quad is written once it is whole, even when something follows it. */
static void inet_pton_ipv4_writes_a_whole_quad_before_refusing(void **state)
{
    (void)state;
    static const struct v4_case cases[] = {
        {"127.127.127.255:123", 0, {127, 127, 127, 255}},
        {"1.1.1.0a", 0, {1, 1, 1, 0}},
        {"1.1.1.0o10", 0, {1, 1, 1, 0}},
        {"3.4.5.6 ", 0, {3, 4, 5, 6}},
        {"3.4.5.6", 1, {3, 4, 5, 6}},
        {"3.4.5.6.7", 0, {U, U, U, U}},
        {"1.1.1.010", 0, {U, U, U, U}},
        {"1.1.1.0x", 0, {U, U, U, U}},
        {"1.2.3", 0, {U, U, U, U}},
        {"127.127.127.256", 0, {U, U, U, U}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        BYTE buf[4];
        memset(buf, U, sizeof(buf));
        WSASetLastError(777);
        int r = inet_pton(AF_INET, cases[i].text, buf);
        if (r != cases[i].result || memcmp(buf, cases[i].bytes, 4) != 0)
            fail_msg("inet_pton(AF_INET, \"%s\"): %d, %u.%u.%u.%u", cases[i].text, r, buf[0],
                     buf[1], buf[2], buf[3]);
        assert_wsa_error(777); /* inet_pton leaves the last error alone */
    }
}

struct v6_case {
    const char *text;
    int result;
    BYTE bytes[16];
};

static const struct v6_case v6_cases[] = {
    /* A group is written when a ':' follows it; the last only if it completes the address. */
    {"1111:2222:3333", 0, {0x11, 0x11, 0x22, 0x22, U, U, U, U, U, U, U, U, U, U, U, U}},
    {"1111::5555:", 0, {0x11, 0x11, 0x55, 0x55, U, U, U, U, U, U, U, U, U, U, U, U}},
    {"2001:0:1234: 0", 0, {0x20, 0x01, 0, 0, 0x12, 0x34, U, U, U, U, U, U, U, U, U, U}},
    /* Text that starts with "::" writes a zero group first. */
    {"::01234", 0, {0, 0, U, U, U, U, U, U, U, U, U, U, U, U, U, U}},
    /* A dotted tail writes its bytes as it reads them, the last only where a tail may stand. */
    {"1.2.3.4", 0, {1, 2, 3, U, U, U, U, U, U, U, U, U, U, U, U, U}},
    {"1::1.2.3.", 0, {0, 1, 1, 2, 3, U, U, U, U, U, U, U, U, U, U, U}},
    {"1::1.256.3.4", 0, {0, 1, 1, U, U, U, U, U, U, U, U, U, U, U, U, U}},
    {"1::0001.2.3.4", 0, {0, 1, U, U, U, U, U, U, U, U, U, U, U, U, U, U}},
    /* Whole addresses followed by what cannot continue them: written, refused. */
    {"1:2:3:4:5:6:7:8:", 0, {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8}},
    {"1:2:3:4:5:6::7:8", 0, {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 0, 0, 7}},
    {"1:2:3:4:5:6:7::8", 0, {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0}},
    {"2001::FFD3::57ab", 0, {0x20, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xd3}},
    {"1::1a.2.3.4", 0, {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1a}},
    {"1::1.2.3.4::1", 0, {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}},
    {"1:2:3:4:5:6::1.2.3.4", 0, {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 0, 0, 1}},
    {"::%16", 0, {0}},
    /* "0x" may start the group that ends the address: read as strtol would, then refused. */
    {"::0x88", 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x88}},
    {"::0x80000000", 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}},
    {"1:2:3:4:5:6:7:0x012345678", 0, {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0x56, 0x78}},
    {"1:2:3:4:0x5:6:7:8", 0, {0, 1, 0, 2, 0, 3, 0, 4, U, U, U, U, U, U, U, U}},
    /* Nothing read, nothing written. */
    {"12345::6", 0, {U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U}},
    {"[::]", 0, {U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U}},
    /* And addresses. */
    {"1::001.2.3.4", 1, {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}},
    {"::0:a:b:c:d:e:f", 1, {0, 0, 0, 0, 0, 0xa, 0, 0xb, 0, 0xc, 0, 0xd, 0, 0xe, 0, 0xf}},
    {"1:2:3:4:5:6:7::", 1, {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0}},
};

static void check_v6(const char *who, int r, const BYTE *buf, const struct v6_case *c)
{
    if (r != c->result || memcmp(buf, c->bytes, 16) != 0) {
        char got[16 * 3 + 1];
        for (int i = 0; i < 16; i++)
            snprintf(got + 3 * i, 4, "%02x ", buf[i]);
        fail_msg("%s(\"%s\"): %d, %s", who, c->text, r, got);
    }
}

/* IPv6 text: what inet_pton writes on the way stays written. */
static void inet_pton_ipv6_leaves_what_it_wrote(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(v6_cases) / sizeof(v6_cases[0]); i++) {
        BYTE buf[16];
        memset(buf, U, sizeof(buf));
        WSASetLastError(777);
        int r = inet_pton(AF_INET6, v6_cases[i].text, buf);
        check_v6("inet_pton", r, buf, &v6_cases[i]);
        assert_wsa_error(777);
    }
}

/* InetPtonW writes the same, and reports a refusal as WSAEINVAL. */
static void inetptonw_leaves_the_same_and_says_wsaeinval(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(v6_cases) / sizeof(v6_cases[0]); i++) {
        WCHAR wide[64];
        ws2t_wide(v6_cases[i].text, wide);
        BYTE buf[16];
        memset(buf, U, sizeof(buf));
        WSASetLastError(777);
        int r = InetPtonW(AF_INET6, wide, buf);
        check_v6("InetPtonW", r, buf, &v6_cases[i]);
        assert_wsa_error(r ? 777 : WSAEINVAL);
    }
    BYTE buf[4];
    memset(buf, U, sizeof(buf));
    WCHAR wide[32];
    ws2t_wide("10.0.0.1:80", wide);
    assert_int_equal(InetPtonW(AF_INET, wide, buf), 0);
    assert_wsa_error(WSAEINVAL);
    static const BYTE quad[4] = {10, 0, 0, 1};
    assert_memory_equal(buf, quad, 4);
}

struct s2a_v4_case {
    const char *text;
    int error;  /* 0 or WSAEINVAL */
    ULONG addr; /* host order, what sin_addr holds afterwards */
    USHORT port;
};

/*
 * WSAStringToAddress for AF_INET: the BSD forms, a port in the same forms
 * (1 to 65535, nothing after it).  The structure is zeroed first; a refused
 * text leaves family 0, port 0, the length as it was, and the address if it
 * had been read whole.
 */
static void wsastringtoaddress_ipv4_keeps_the_address_it_read(void **state)
{
    (void)state;
    static const struct s2a_v4_case cases[] = {
        {"3.4.5.6 ", WSAEINVAL, 0x03040506, 0},
        {"127.127.127.127:0", WSAEINVAL, 0x7f7f7f7f, 0},
        {"127.127.127.127:65537", WSAEINVAL, 0x7f7f7f7f, 0},
        {"127.127.127.127:008", WSAEINVAL, 0x7f7f7f7f, 0},
        {"127.127.127.127:4294967297", WSAEINVAL, 0x7f7f7f7f, 0},
        {"1.1.1.008", WSAEINVAL, 0x01010100, 0},
        {"1.1.1.08", WSAEINVAL, 0, 0},
        {"2001::1", WSAEINVAL, 0x000007d1, 0},
        {"0x00010Q03", WSAEINVAL, 0x00000010, 0},
        {"1.2.3.", WSAEINVAL, 0, 0},
        {"0x123456789", 0, 0x23456789, 0},
        {"127.127.127.127:0xAbCd", 0, 0x7f7f7f7f, 0xabcd},
        {"127.127.127.127:010", 0, 0x7f7f7f7f, 8},
        {"1.2:1", 0, 0x01000002, 1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        SOCKADDR_IN sin;
        memset(&sin, U, sizeof(sin));
        int len = (int)sizeof(sin) + 10;
        WSASetLastError(0);
        int r = WSAStringToAddressA((char *)cases[i].text, AF_INET, NULL, (SOCKADDR *)&sin, &len);
        int error = r ? WSAGetLastError() : 0;
        if (error != cases[i].error || ntohl(sin.sin_addr.s_addr) != cases[i].addr ||
            ntohs(sin.sin_port) != cases[i].port ||
            sin.sin_family != (cases[i].error ? 0 : AF_INET) ||
            len != (cases[i].error ? (int)sizeof(sin) + 10 : (int)sizeof(sin)))
            fail_msg("WSAStringToAddressA(\"%s\"): error %d, family %d, %08lx port %u, len %d",
                     cases[i].text, error, sin.sin_family,
                     (unsigned long)ntohl(sin.sin_addr.s_addr), ntohs(sin.sin_port), len);
    }
}

/* AF_INET6: what the address parse wrote stays; the port, scope and family only for an address. */
static void wsastringtoaddress_ipv6_keeps_what_it_wrote(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int error;
        BYTE bytes[16];
        USHORT port;
    } cases[] = {
        {"1.2.3.4", WSAEINVAL, {1, 2, 3}, 0},
        {"1:2:3:", WSAEINVAL, {0, 1, 0, 2, 0, 3}, 0},
        {"::1]:65535", WSAEINVAL, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0},
        {"[::1]:65535", 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 65535},
        {"::1:2:3:4:5:6:7", 0, {0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7}, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        SOCKADDR_IN6 sin6;
        memset(&sin6, U, sizeof(sin6));
        int len = (int)sizeof(sin6) + 10;
        int r = WSAStringToAddressA((char *)cases[i].text, AF_INET6, NULL, (SOCKADDR *)&sin6, &len);
        int error = r ? WSAGetLastError() : 0;
        if (error != cases[i].error || memcmp(&sin6.sin6_addr, cases[i].bytes, 16) != 0 ||
            ntohs(sin6.sin6_port) != cases[i].port ||
            sin6.sin6_family != (cases[i].error ? 0 : AF_INET6) || sin6.sin6_scope_id != 0 ||
            sin6.sin6_flowinfo != 0 ||
            len != (cases[i].error ? (int)sizeof(sin6) + 10 : (int)sizeof(sin6)))
            fail_msg("WSAStringToAddressA(\"%s\", AF_INET6): error %d, family %d, len %d",
                     cases[i].text, error, sin6.sin6_family, len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inet_pton_ipv4_writes_a_whole_quad_before_refusing),
        cmocka_unit_test(inet_pton_ipv6_leaves_what_it_wrote),
        cmocka_unit_test(inetptonw_leaves_the_same_and_says_wsaeinval),
        cmocka_unit_test_setup_teardown(wsastringtoaddress_ipv4_keeps_the_address_it_read,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(wsastringtoaddress_ipv6_keeps_what_it_wrote, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("inet_partial", tests, NULL, NULL);
}
