/*
 * Ping through SOCK_RAW with IPPROTO_ICMP / IPPROTO_ICMPV6, as Windows
 * offers it (Wine's test_icmp and test_icmpv6, run on Windows): an echo
 * request sent to loopback comes back as an echo reply with its identifier
 * and sequence number; an IPv4 socket receives each message with its
 * 20-byte IP header (a buffer one byte too short is WSAEMSGSIZE), an IPv6
 * one without a header.  A process that may not open one gets WSAEACCES.
 *
 * Each test runs twice: on Linux's raw socket, and forced onto the ping
 * socket that stands in for it where raw sockets are refused
 * (WS2POSIX_TEST_ICMP=ping).  Where Linux refuses the kind, the test
 * asserts the clear error instead of the echo.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#define ECHO_ID  0xbeaf
#define ECHO_SEQ 0x0102

static const char payload[] = "ws2posix ping";

static unsigned short icmp_checksum(const unsigned char *p, size_t n)
{
    unsigned long sum = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += (unsigned long)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        sum += (unsigned long)(p[n - 1] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (unsigned short)~sum;
}

/* An echo request: type, code 0, checksum, identifier, sequence, payload. */
static size_t make_echo(unsigned char *out, int v6)
{
    memset(out, 0, 8);
    out[0] = v6 ? 128 : 8;
    out[4] = ECHO_ID >> 8;
    out[5] = ECHO_ID & 0xff;
    out[6] = ECHO_SEQ >> 8;
    out[7] = ECHO_SEQ & 0xff;
    memcpy(out + 8, payload, sizeof(payload));
    size_t len = 8 + sizeof(payload);
    if (!v6) { /* ICMPv6's checksum covers a pseudo-header: the kernel computes it */
        unsigned short sum = icmp_checksum(out, len);
        out[2] = (unsigned char)(sum >> 8);
        out[3] = (unsigned char)sum;
    }
    return len;
}

static void use_ping_socket(int ping)
{
    if (ping)
        setenv("WS2POSIX_TEST_ICMP", "ping", 1);
    else
        unsetenv("WS2POSIX_TEST_ICMP");
}

/* The socket, or INVALID_SOCKET after asserting WSAEACCES where Linux refuses the kind. */
static SOCKET icmp_socket(int ping, int v6)
{
    use_ping_socket(ping);
    SOCKET s = socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW, v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
    use_ping_socket(0);
    if (!ws2t_linux_icmp_allowed(ping, v6)) {
        assert_true(s == INVALID_SOCKET);
        assert_wsa_error(WSAEACCES);
        return INVALID_SOCKET;
    }
    assert_true(s != INVALID_SOCKET);
    int type = 0, len = sizeof(type);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len), 0);
    assert_int_equal(type, SOCK_RAW);
    DWORD timeout = 5000;
    assert_int_equal(
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof(timeout)), 0);
    return s;
}

/* Receives until an echo reply comes (a raw socket also sees the request go by). */
static int receive_reply(SOCKET s, unsigned char *buf, int size, int header)
{
    for (int i = 0; i < 8; i++) {
        int n = recv(s, (char *)buf, size, 0);
        assert_true(n > header);
        if (buf[header] == 0 || buf[header] == 129)
            return n;
    }
    fail_msg("no echo reply");
    return -1;
}

static void ipv4_echo(int ping)
{
    SOCKET s = icmp_socket(ping, 0);
    if (s == INVALID_SOCKET)
        return;
    unsigned char req[64];
    size_t len = make_echo(req, 0);
    struct sockaddr_in to;
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(sendto(s, (char *)req, (int)len, 0, (struct sockaddr *)&to, sizeof(to)),
                     (int)len);
    unsigned char buf[256];
    int n = receive_reply(s, buf, sizeof(buf), 20);
    assert_int_equal(n, 20 + (int)len);
    /* The IPv4 header: version 4, 20 bytes, total length, protocol 1, from loopback. */
    assert_int_equal(buf[0], 0x45);
    assert_int_equal(buf[2] << 8 | buf[3], n);
    assert_int_equal(buf[6] & 0x1f, 0);
    assert_int_equal(buf[9], IPPROTO_ICMP);
    assert_int_equal(buf[12], 127);
    assert_int_equal(buf[15], 1);
    assert_true(buf[16] != 0);
    assert_true((buf[10] == 0 && buf[11] == 0) || icmp_checksum(buf, 20) == 0);
    /* The echo reply: code 0, our identifier and sequence, the payload, a valid checksum. */
    assert_int_equal(buf[20], 0);
    assert_int_equal(buf[21], 0);
    assert_int_equal(buf[24] << 8 | buf[25], ECHO_ID);
    assert_int_equal(buf[26] << 8 | buf[27], ECHO_SEQ);
    assert_memory_equal(buf + 28, payload, sizeof(payload));
    assert_int_equal(icmp_checksum(buf + 20, len), 0);

    /* A buffer one byte too short for header and message: WSAEMSGSIZE. */
    assert_int_equal(sendto(s, (char *)req, (int)len, 0, (struct sockaddr *)&to, sizeof(to)),
                     (int)len);
    assert_int_equal(recv(s, (char *)buf, 20 + (int)len - 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAEMSGSIZE);
    closesocket(s);
}

static void ipv6_echo(int ping)
{
    SOCKET s = icmp_socket(ping, 1);
    if (s == INVALID_SOCKET)
        return;
    unsigned char req[64];
    size_t len = make_echo(req, 1);
    struct sockaddr_in6 to;
    memset(&to, 0, sizeof(to));
    to.sin6_family = AF_INET6;
    to.sin6_addr = in6addr_loopback;
    assert_int_equal(sendto(s, (char *)req, (int)len, 0, (struct sockaddr *)&to, sizeof(to)),
                     (int)len);
    unsigned char buf[256];
    int n = receive_reply(s, buf, sizeof(buf), 0);
    /* No IPv6 header: the ICMPv6 message alone. */
    assert_int_equal(n, (int)len);
    assert_int_equal(buf[0], 129);
    assert_int_equal(buf[1], 0);
    assert_int_equal(buf[4] << 8 | buf[5], ECHO_ID);
    assert_int_equal(buf[6] << 8 | buf[7], ECHO_SEQ);
    assert_memory_equal(buf + 8, payload, sizeof(payload));
    closesocket(s);
}

static void raw_icmp_echo_on_loopback_carries_the_ipv4_header(void **state)
{
    (void)state;
    ipv4_echo(0);
}

static void ping_socket_icmp_echo_carries_a_made_up_ipv4_header(void **state)
{
    (void)state;
    ipv4_echo(1);
}

static void raw_icmpv6_echo_on_loopback_has_no_header(void **state)
{
    (void)state;
    ipv6_echo(0);
}

static void ping_socket_icmpv6_echo_has_no_header(void **state)
{
    (void)state;
    ipv6_echo(1);
}

/* Only ICMP can fall back to a ping socket: another raw protocol needs the privilege. */
static void raw_socket_of_another_protocol_needs_the_privilege(void **state)
{
    (void)state;
    use_ping_socket(1);
    SOCKET s = socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
    use_ping_socket(0);
    assert_true(s == INVALID_SOCKET);
    assert_wsa_error(WSAEACCES);
}

/* The raw entries are hidden: WSAEnumProtocols does not list them. */
static void raw_entries_are_hidden(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW all[32];
    DWORD size = sizeof(all);
    int n = WSAEnumProtocolsW(NULL, all, &size);
    assert_true(n > 0);
    for (int i = 0; i < n; i++)
        assert_int_not_equal(all[i].iSocketType, SOCK_RAW);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(raw_icmp_echo_on_loopback_carries_the_ipv4_header),
        T(ping_socket_icmp_echo_carries_a_made_up_ipv4_header),
        T(raw_icmpv6_echo_on_loopback_has_no_header),
        T(ping_socket_icmpv6_echo_has_no_header),
        T(raw_socket_of_another_protocol_needs_the_privilege),
        T(raw_entries_are_hidden),
    };
    return cmocka_run_group_tests_name("icmp", tests, NULL, NULL);
}
