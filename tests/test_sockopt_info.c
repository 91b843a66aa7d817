/*
 * Options that describe a socket or its thread rather than set anything:
 * SO_MAX_MSG_SIZE, SO_CONNECT_TIME, SO_BSP_STATE, SO_OPENTYPE, a settable
 * SO_ERROR; and the keep-alive values as the TCP_KEEP* options read them.
 */
#include <string.h>

#include "testlib.h"

#include <mstcpip.h>
#include <mswsock.h>

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

static void set_dword(SOCKET s, int level, int name, DWORD v)
{
    assert_int_equal(setsockopt(s, level, name, (char *)&v, sizeof(v)), 0);
}

/*
 * SO_MAX_MSG_SIZE, "the maximum outbound message size for message-oriented
 * sockets": 65507 for UDP over IPv4 (observed), 65527 over IPv6; and such a
 * datagram does go out whole.
 */
static void max_msg_size_is_the_largest_udp_payload(void **state)
{
    (void)state;
    struct sockaddr_in a;
    SOCKET u = ws2t_udp_bound(&a);
    assert_int_equal(get_dword(u, SOL_SOCKET, SO_MAX_MSG_SIZE), 65507);
    static char big[65508];
    assert_int_equal(sendto(u, big, 65507, 0, (struct sockaddr *)&a, sizeof(a)), 65507);
    assert_fails(sendto(u, big, 65508, 0, (struct sockaddr *)&a, sizeof(a)), WSAEMSGSIZE);
    closesocket(u);
    SOCKET u6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    assert_int_equal(get_dword(u6, SOL_SOCKET, SO_MAX_MSG_SIZE), 65527);
    closesocket(u6);
    int v = 1;
    assert_fails(setsockopt(u6, SOL_SOCKET, SO_MAX_MSG_SIZE, (char *)&v, sizeof(v)), WSAENOTSOCK);
}

/*
 * SO_CONNECT_TIME: "the number of seconds a socket has been connected";
 * 0xFFFFFFFF while it is not (AcceptEx.md).  Both ends count from the
 * connection.
 */
static void connect_time_counts_seconds_connected(void **state)
{
    (void)state;
    SOCKET lone = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(get_dword(lone, SOL_SOCKET, SO_CONNECT_TIME), 0xFFFFFFFF);
    closesocket(lone);

    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    DWORD t0c = get_dword(c, SOL_SOCKET, SO_CONNECT_TIME);
    DWORD t0s = get_dword(s, SOL_SOCKET, SO_CONNECT_TIME);
    assert_true(t0c <= 1);
    assert_true(t0s <= 1);
    Sleep(2100);
    DWORD t1c = get_dword(c, SOL_SOCKET, SO_CONNECT_TIME);
    DWORD t1s = get_dword(s, SOL_SOCKET, SO_CONNECT_TIME);
    assert_true(t1c >= 2 && t1c <= 10);
    assert_true(t1s >= 2 && t1s <= 10);
    closesocket(c);
    closesocket(s);
}

struct bsp {
    CSADDR_INFO cs;
    char space[128];
};

/*
 * SO_BSP_STATE returns "the local address, local port, remote address,
 * remote port, socket type, and protocol used by a socket" as a CSADDR_INFO
 * whose addresses are in the caller's buffer after it.  Observed: nothing
 * (NULL, 0) for an address the socket does not have yet; the buffer must
 * hold the structure and two addresses (exactly that much works, a byte
 * less or the structure alone is WSAEFAULT, the length left as given).
 */
static void bsp_state_describes_both_ends(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct bsp a;
    memset(&a, 0x5a, sizeof(a));
    int len = sizeof(a);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&a, &len), 0);
    assert_int_equal(len, sizeof(a));
    assert_null(a.cs.LocalAddr.lpSockaddr);
    assert_int_equal(a.cs.LocalAddr.iSockaddrLength, 0);
    assert_null(a.cs.RemoteAddr.lpSockaddr);
    assert_int_equal(a.cs.RemoteAddr.iSockaddrLength, 0);
    assert_int_equal(a.cs.iSocketType, SOCK_STREAM);
    assert_int_equal(a.cs.iProtocol, IPPROTO_TCP);

    struct sockaddr_in any = {0};
    any.sin_family = AF_INET;
    any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(s, (struct sockaddr *)&any, sizeof(any)), 0);
    len = sizeof(a);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&a, &len), 0);
    assert_non_null(a.cs.LocalAddr.lpSockaddr);
    assert_int_equal(a.cs.LocalAddr.iSockaddrLength, sizeof(struct sockaddr_in));
    assert_null(a.cs.RemoteAddr.lpSockaddr);
    closesocket(s);

    SOCKET c, srv;
    ws2t_tcp_pair(AF_INET, &c, &srv);
    struct bsp bc, bs;
    len = sizeof(bc);
    assert_int_equal(getsockopt(c, SOL_SOCKET, SO_BSP_STATE, (char *)&bc, &len), 0);
    len = sizeof(bs);
    assert_int_equal(getsockopt(srv, SOL_SOCKET, SO_BSP_STATE, (char *)&bs, &len), 0);
    assert_int_equal(bc.cs.LocalAddr.iSockaddrLength, sizeof(struct sockaddr_in));
    assert_int_equal(bc.cs.RemoteAddr.iSockaddrLength, sizeof(struct sockaddr_in));
    /* The pointers point into the caller's buffer. */
    assert_true((char *)bc.cs.LocalAddr.lpSockaddr >= (char *)&bc &&
                (char *)bc.cs.LocalAddr.lpSockaddr < (char *)(&bc + 1));
    struct sockaddr_in name;
    int nlen = sizeof(name);
    assert_int_equal(getsockname(c, (struct sockaddr *)&name, &nlen), 0);
    assert_memory_equal(&name, bc.cs.LocalAddr.lpSockaddr, sizeof(name));
    assert_memory_equal(&name, bs.cs.RemoteAddr.lpSockaddr, sizeof(name));
    nlen = sizeof(name);
    assert_int_equal(getpeername(c, (struct sockaddr *)&name, &nlen), 0);
    assert_memory_equal(&name, bc.cs.RemoteAddr.lpSockaddr, sizeof(name));
    assert_memory_equal(&name, bs.cs.LocalAddr.lpSockaddr, sizeof(name));

    len = sizeof(CSADDR_INFO);
    assert_fails(getsockopt(c, SOL_SOCKET, SO_BSP_STATE, (char *)&bc, &len), WSAEFAULT);
    assert_int_equal(len, sizeof(CSADDR_INFO));
    len = sizeof(CSADDR_INFO) + 2 * sizeof(struct sockaddr);
    assert_int_equal(getsockopt(c, SOL_SOCKET, SO_BSP_STATE, (char *)&bc, &len), 0);
    len--;
    assert_fails(getsockopt(c, SOL_SOCKET, SO_BSP_STATE, (char *)&bc, &len), WSAEFAULT);
    int v = 0;
    assert_fails(setsockopt(c, SOL_SOCKET, SO_BSP_STATE, (char *)&v, sizeof(v)), WSAENOPROTOOPT);
    closesocket(c);
    closesocket(srv);
}

static DWORD WINAPI read_opentype(LPVOID arg)
{
    int *out = arg, len = sizeof(int);
    *out = 0x5a5a;
    if (getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)out, &len) != 0)
        *out = -1;
    return 0;
}

/*
 * SO_OPENTYPE is the thread's: it is set and read with any socket argument,
 * INVALID_SOCKET included, and another thread keeps its own (0).  Its
 * lengths (observed): fewer than four bytes is WSAEFAULT; a negative
 * getsockopt length succeeds and reports 4.
 */
static void opentype_belongs_to_the_thread(void **state)
{
    (void)state;
    int v = 0x5a5a, len = sizeof(v);
    assert_int_equal(getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&v, &len), 0);
    assert_int_equal(v, 0);
    set_dword(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, SO_SYNCHRONOUS_NONALERT);
    assert_int_equal(get_dword(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE), SO_SYNCHRONOUS_NONALERT);
    int other = 0;
    ws2t_join(ws2t_thread(read_opentype, &other));
    assert_int_equal(other, 0);

    len = -1;
    v = 0;
    assert_int_equal(getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&v, &len), 0);
    assert_int_equal(len, 4);
    assert_int_equal(v, SO_SYNCHRONOUS_NONALERT);
    len = 2;
    assert_fails(getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&v, &len), WSAEFAULT);
    assert_fails(setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&v, 2), WSAEFAULT);
    set_dword(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, 0);

    /* Sockets made meanwhile work as any other. */
    SOCKET c, s;
    set_dword(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, SO_SYNCHRONOUS_ALERT);
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "x", 1, 0), 1);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), 1);
    set_dword(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, 0);
    closesocket(c);
    closesocket(s);
}

/*
 * SO_ERROR can be set (observed: setsockopt(SO_ERROR, 1234) succeeds with
 * the last error 0, and the next getsockopt reports 1234); reading it
 * clears it ("Retrieves error status and clear").  A buffer of one byte is
 * WSAEFAULT.
 */
static void so_error_can_be_set_and_is_cleared_by_reading(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSASetLastError(0xdead);
    set_dword(s, SOL_SOCKET, SO_ERROR, 1234);
    assert_wsa_error(0);
    assert_int_equal(get_dword(s, SOL_SOCKET, SO_ERROR), 1234);
    assert_int_equal(get_dword(s, SOL_SOCKET, SO_ERROR), 0);
    int v, len = 1;
    assert_fails(getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&v, &len), WSAEFAULT);
    closesocket(s);
}

/*
 * The TCP_KEEP* options and SIO_KEEPALIVE_VALS are one setting: the options
 * read back what the control code set (in seconds).  Values never set read
 * as Windows' defaults for the probes: "TCP_KEEPINTVL ... default 1
 * second", "TCP_KEEPCNT ... default 10"; a time Linux cannot hold (more
 * than 32767 s) still reads back as set (observed round trip of 3600 s and
 * of 0x100).
 */
static void keepalive_options_and_keepalive_vals_agree(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(get_dword(c, IPPROTO_TCP, TCP_KEEPINTVL), 1);
    assert_int_equal(get_dword(c, IPPROTO_TCP, TCP_KEEPCNT), 10);

    struct tcp_keepalive ka = {1, 30000, 5000};
    DWORD returned = 99;
    assert_int_equal(
        WSAIoctl(c, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &returned, NULL, NULL), 0);
    assert_int_equal(get_dword(c, IPPROTO_TCP, TCP_KEEPALIVE), 30);
    assert_int_equal(get_dword(c, IPPROTO_TCP, TCP_KEEPINTVL), 5);
    assert_int_equal(get_dword(c, IPPROTO_TCP, TCP_KEEPCNT), 10);

    set_dword(c, IPPROTO_TCP, TCP_KEEPALIVE, 40000);
    assert_int_equal(get_dword(c, IPPROTO_TCP, TCP_KEEPALIVE), 40000);
    set_dword(c, IPPROTO_TCP, TCP_KEEPCNT, 200);
    assert_int_equal(get_dword(c, IPPROTO_TCP, TCP_KEEPCNT), 200);
    closesocket(c);
    closesocket(s);
}

/* An accepted socket keeps its listener's keep-alive values, as Linux's tuning is inherited. */
static void accepted_socket_inherits_keepalive_values(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    set_dword(l, IPPROTO_TCP, TCP_KEEPALIVE, 77);
    set_dword(l, IPPROTO_TCP, TCP_KEEPINTVL, 7);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    assert_int_equal(get_dword(a, IPPROTO_TCP, TCP_KEEPALIVE), 77);
    assert_int_equal(get_dword(a, IPPROTO_TCP, TCP_KEEPINTVL), 7);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* The SDK's numbers (ws2def.h) for the options mingw-w64's headers lack. */
static void option_numbers_are_the_sdks(void **state)
{
    (void)state;
    assert_int_equal(SO_BSP_STATE, 0x1009);
    assert_int_equal(SO_PAUSE_ACCEPT, 0x3003);
    assert_int_equal(SO_COMPARTMENT_ID, 0x3004);
    assert_int_equal(SO_RANDOMIZE_PORT, 0x3005);
    assert_int_equal(SO_PORT_SCALABILITY, 0x3006);
    assert_int_equal(SO_REUSE_UNICASTPORT, 0x3007);
    assert_int_equal(SO_REUSE_MULTICASTPORT, 0x3008);
}

/*
 * The port-allocation hints and SO_CONDITIONAL_ACCEPT are SOL_SOCKET BOOLs
 * that read back as set (Linux's own port allocation applies).
 */
static void port_hints_read_back(void **state)
{
    (void)state;
    const int names[] = {SO_PORT_SCALABILITY, SO_RANDOMIZE_PORT, SO_REUSE_UNICASTPORT,
                         SO_CONDITIONAL_ACCEPT};
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(get_dword(s, SOL_SOCKET, names[i]), 0);
        set_dword(s, SOL_SOCKET, names[i], 1);
        assert_int_equal(get_dword(s, SOL_SOCKET, names[i]), 1);
    }
    closesocket(s);
}

/*
 * The use servers make of SO_CONNECT_TIME (AcceptEx.md): an AcceptEx
 * waiting for its first data has a connected accept socket whose time
 * counts from the connection, so a server can drop connections that send
 * nothing.
 */
static void connect_time_of_an_acceptex_socket_waiting_for_data(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    SOCKET a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    LPFN_ACCEPTEX acceptex = (LPFN_ACCEPTEX)ws2t_extension(l, (GUID)WSAID_ACCEPTEX);
    static char buf[64 + 2 * (sizeof(struct sockaddr_in) + 16)];
    WSAOVERLAPPED ov = {0};
    ov.hEvent = WSACreateEvent();
    DWORD got = 0;
    BOOL ok = acceptex(l, a, buf, 64, sizeof(struct sockaddr_in) + 16,
                       sizeof(struct sockaddr_in) + 16, &got, &ov);
    assert_true(ok || WSAGetLastError() == ERROR_IO_PENDING);
    assert_int_equal(get_dword(a, SOL_SOCKET, SO_CONNECT_TIME), 0xFFFFFFFF);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    Sleep(2100);
    DWORD t = get_dword(a, SOL_SOCKET, SO_CONNECT_TIME);
    assert_true(t >= 2 && t <= 10);
    closesocket(c);
    closesocket(a);
    closesocket(l);
    WSACloseEvent(ov.hEvent);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(max_msg_size_is_the_largest_udp_payload),
        T(connect_time_counts_seconds_connected),
        T(connect_time_of_an_acceptex_socket_waiting_for_data),
        T(bsp_state_describes_both_ends),
        T(opentype_belongs_to_the_thread),
        T(so_error_can_be_set_and_is_cleared_by_reading),
        T(keepalive_options_and_keepalive_vals_agree),
        T(accepted_socket_inherits_keepalive_values),
        T(option_numbers_are_the_sdks),
        T(port_hints_read_back),
    };
    return cmocka_run_group_tests_name("sockopt_info", tests, NULL, NULL);
}
