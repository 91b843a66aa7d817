/*
 * WSAConnectByNameA/W and WSAConnectByList: the first address that accepts,
 * one timeout for the call, and the out parameters as Windows is observed
 * to fill them (Wine's conformance test test_WSAConnectByName, run on
 * Windows: lengths set to the address size, the local address with port 0,
 * short lengths WSAEFAULT and left alone, NULL names and a Reserved
 * OVERLAPPED WSAEINVAL, an unknown service WSATYPE_NOT_FOUND).
 */
#include <stdio.h>
#include <string.h>

#include "testlib.h"

#include <mswsock.h>
#include <windows.h>

/* A listener on 127.0.0.1 and its port as text. */
static SOCKET listener(char *port_text, struct sockaddr_in *addr)
{
    int len = sizeof(*addr);
    SOCKET l = ws2t_listener(AF_INET, (struct sockaddr_storage *)addr, &len);
    snprintf(port_text, 8, "%u", ntohs(addr->sin_port));
    return l;
}

/* A port of 127.0.0.1 where nothing listens. */
static unsigned short closed_port(void)
{
    return ws2t_closed_port(AF_INET, SOCK_STREAM);
}

static void connect_by_name_connects_and_reports_both_addresses(void **state)
{
    (void)state;
    char port[8];
    struct sockaddr_in la;
    SOCKET l = listener(port, &la);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in local, remote;
    memset(&local, 0xcc, sizeof(local));
    DWORD local_len = sizeof(local), remote_len = 50;
    char remote_buf[64];
    WSASetLastError(12345);
    assert_true(WSAConnectByNameA(s, "127.0.0.1", port, &local_len, (LPSOCKADDR)&local, &remote_len,
                                  (LPSOCKADDR)remote_buf, NULL, NULL));
    assert_int_equal(WSAGetLastError(), 0);
    assert_int_equal(local_len, sizeof(struct sockaddr_in));
    assert_int_equal(remote_len, sizeof(struct sockaddr_in));
    memcpy(&remote, remote_buf, sizeof(remote));
    struct sockaddr_in name, peer;
    int len = sizeof(name);
    assert_int_equal(getsockname(s, (struct sockaddr *)&name, &len), 0);
    len = sizeof(peer);
    assert_int_equal(getpeername(s, (struct sockaddr *)&peer, &len), 0);
    assert_memory_equal(&remote, &peer, sizeof(peer));
    assert_int_equal(remote.sin_port, la.sin_port);
    /* Observed: the local address with port 0, the address getsockname's. */
    assert_int_equal(local.sin_family, AF_INET);
    assert_int_equal(local.sin_port, 0);
    assert_int_equal(local.sin_addr.s_addr, name.sin_addr.s_addr);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    assert_int_equal(send(s, "x", 1, 0), 1);
    char c;
    assert_int_equal(recv(a, &c, 1, 0), 1);
    closesocket(a);
    closesocket(s);
    closesocket(l);
}

static void connect_by_name_w_with_lengths_only(void **state)
{
    (void)state;
    char port[8];
    struct sockaddr_in la;
    SOCKET l = listener(port, &la);
    WCHAR wport[8], wnode[16];
    ws2t_wide(port, wport);
    ws2t_wide("localhost", wnode);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    DWORD local_len = sizeof(struct sockaddr_in), remote_len = sizeof(struct sockaddr_in);
    assert_true(
        WSAConnectByNameW(s, wnode, wport, &local_len, NULL, &remote_len, NULL, NULL, NULL));
    assert_int_equal(local_len, sizeof(struct sockaddr_in));
    assert_int_equal(remote_len, sizeof(struct sockaddr_in));
    closesocket(s);
    /* Addresses without lengths: connected, nothing written. */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in local, remote;
    memset(&local, 0, sizeof(local));
    memset(&remote, 0, sizeof(remote));
    assert_true(WSAConnectByNameW(s, wnode, wport, NULL, (LPSOCKADDR)&local, NULL,
                                  (LPSOCKADDR)&remote, NULL, NULL));
    assert_int_equal(local.sin_family, 0);
    assert_int_equal(remote.sin_family, 0);
    closesocket(s);
    closesocket(l);
}

static void connect_by_name_argument_errors(void **state)
{
    (void)state;
    char port[8];
    struct sockaddr_in la;
    SOCKET l = listener(port, &la);
    /* Observed: NULL names are WSAEINVAL even for a closed socket. */
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(s);
    assert_false(WSAConnectByNameA(s, NULL, port, NULL, NULL, NULL, NULL, NULL, NULL));
    assert_wsa_error(WSAEINVAL);
    assert_false(WSAConnectByNameA(s, "127.0.0.1", NULL, NULL, NULL, NULL, NULL, NULL, NULL));
    assert_wsa_error(WSAEINVAL);
    assert_false(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL));
    assert_wsa_error(WSAENOTSOCK);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_false(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, &ov));
    assert_wsa_error(WSAEINVAL);
    struct sockaddr_in local, remote;
    DWORD local_len = 3, remote_len = 3;
    assert_false(WSAConnectByNameA(s, "127.0.0.1", port, &local_len, (LPSOCKADDR)&local,
                                   &remote_len, (LPSOCKADDR)&remote, NULL, NULL));
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(local_len, 3);
    assert_int_equal(remote_len, 3);
    assert_false(WSAConnectByNameA(s, "127.0.0.1", "nonexistentservice", NULL, NULL, NULL, NULL,
                                   NULL, NULL));
    assert_wsa_error(WSATYPE_NOT_FOUND);
    closesocket(s);
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_false(WSAConnectByNameA(u, "127.0.0.1", port, NULL, NULL, NULL, NULL, NULL, NULL));
    assert_wsa_error(WSAEINVAL);
    closesocket(u);
    closesocket(l);
}

static void connect_by_name_refused_port_fails_with_connrefused(void **state)
{
    (void)state;
    char port[8];
    snprintf(port, sizeof(port), "%u", closed_port());
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    TIMEVAL tv = {5, 0};
    assert_false(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, &tv, NULL));
    assert_wsa_error(WSAECONNREFUSED);
    closesocket(s);
}

/* The list is tried in order: a refused address, then one that accepts. */
static void connect_by_list_passes_a_refused_address(void **state)
{
    (void)state;
    char port[8];
    struct sockaddr_in good;
    SOCKET l = listener(port, &good);
    struct sockaddr_in bad = good;
    bad.sin_port = htons(closed_port());
    char storage[sizeof(SOCKET_ADDRESS_LIST) + sizeof(SOCKET_ADDRESS)];
    SOCKET_ADDRESS_LIST *list = (SOCKET_ADDRESS_LIST *)storage;
    list->iAddressCount = 2;
    list->Address[0].lpSockaddr = (LPSOCKADDR)&bad;
    list->Address[0].iSockaddrLength = sizeof(bad);
    list->Address[1].lpSockaddr = (LPSOCKADDR)&good;
    list->Address[1].iSockaddrLength = sizeof(good);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in remote;
    DWORD remote_len = sizeof(remote);
    TIMEVAL tv = {10, 0};
    assert_true(WSAConnectByList(s, list, NULL, NULL, &remote_len, (LPSOCKADDR)&remote, &tv, NULL));
    assert_int_equal(remote.sin_port, good.sin_port);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    closesocket(a);
    closesocket(s);
    closesocket(l);
}

/* An IPv6 socket with IPV6_V6ONLY off reaches an IPv4 address, as a mapped one. */
static void connect_by_name_dual_stack_reaches_ipv4(void **state)
{
    (void)state;
    char port[8];
    struct sockaddr_in la;
    SOCKET l = listener(port, &la);
    SOCKET s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    DWORD off = 0;
    assert_int_equal(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&off, sizeof(off)), 0);
    struct sockaddr_in6 remote;
    DWORD remote_len = sizeof(remote);
    assert_true(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, &remote_len,
                                  (LPSOCKADDR)&remote, NULL, NULL));
    assert_int_equal(remote_len, sizeof(struct sockaddr_in6));
    assert_int_equal(remote.sin6_family, AF_INET6);
    assert_int_equal(remote.sin6_addr.s6_addr[10], 0xff);
    assert_int_equal(remote.sin6_addr.s6_addr[12], 127);
    assert_int_equal(remote.sin6_port, la.sin_port);
    closesocket(s);
    closesocket(l);
}

/*
 * The timeout bounds the call: a listener whose queue is full drops new
 * connections' SYNs, so the attempt waits, and fails with WSAETIMEDOUT.
 */
static void connect_by_name_times_out(void **state)
{
    (void)state;
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(l, 1), 0);
    int len = sizeof(a);
    assert_int_equal(getsockname(l, (struct sockaddr *)&a, &len), 0);
    char port[8];
    snprintf(port, sizeof(port), "%u", ntohs(a.sin_port));
    /* Fill the queue: non-blocking connects, until one stays pending. */
    SOCKET fill[8];
    int n = 0;
    for (; n < 8; n++) {
        fill[n] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        ws2t_set_nonblocking(fill[n], 1);
        connect(fill[n], (struct sockaddr *)&a, sizeof(a));
    }
    Sleep(200);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    TIMEVAL tv = {0, 300000};
    uint64_t start = ws2t_now_ms();
    assert_false(WSAConnectByNameA(s, "127.0.0.1", port, NULL, NULL, NULL, NULL, &tv, NULL));
    uint64_t took = ws2t_now_ms() - start;
    assert_wsa_error(WSAETIMEDOUT);
    assert_true(took >= 250 && took < 5000);
    closesocket(s);
    for (int i = 0; i < n; i++)
        closesocket(fill[i]);
    closesocket(l);
}

#define T(name) cmocka_unit_test_setup_teardown(name, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(connect_by_name_connects_and_reports_both_addresses),
        T(connect_by_name_w_with_lengths_only),
        T(connect_by_name_argument_errors),
        T(connect_by_name_refused_port_fails_with_connrefused),
        T(connect_by_list_passes_a_refused_address),
        T(connect_by_name_dual_stack_reaches_ipv4),
        T(connect_by_name_times_out),
    };
    return cmocka_run_group_tests_name("connect_by_name", tests, NULL, NULL);
}
