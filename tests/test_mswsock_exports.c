/*
 * mswsock's functions called by name, as mswsock.lib offers them: AcceptEx,
 * GetAcceptExSockaddrs, TransmitFile and WSARecvEx (the four of the
 * extensions its import library exports; ConnectEx, DisconnectEx and
 * TransmitPackets are reached through WSAIoctl only).  They behave as the
 * pointers SIO_GET_EXTENSION_FUNCTION_POINTER returns, and fail as Winsock
 * calls: WSANOTINITIALISED before WSAStartup, WSAENOTSOCK for a handle that
 * is no socket.  WSARecvEx is recv with in-out flags: MSG_PARTIAL out when a
 * message socket's message was larger than the buffer (documented), 0 for a
 * complete message and always on a stream socket.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <string.h>

#include "testlib.h"

#include <mswsock.h>
#include <windows.h>

#define ADDR_LEN (sizeof(struct sockaddr_in) + 16)
#define WAIT_MS  10000

static void acceptex_called_by_name_accepts_and_receives_the_first_data(void **state)
{
    (void)state;
    struct sockaddr_storage laddr;
    SOCKET l = ws2t_listener(AF_INET, &laddr, NULL);
    SOCKET acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(acc != INVALID_SOCKET);
    char buf[5 + 2 * ADDR_LEN];
    memset(buf, 'x', sizeof(buf));
    WSAOVERLAPPED ov = {0};
    ov.hEvent = WSACreateEvent();
    DWORD got = 0;
    assert_false(AcceptEx(l, acc, buf, 5, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSA_IO_PENDING);

    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&laddr, sizeof(struct sockaddr_in)), 0);
    assert_int_equal(send(c, "hello", 5, 0), 5);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, WAIT_MS, FALSE),
                     WSA_WAIT_EVENT_0);
    DWORD flags = 0;
    assert_true(WSAGetOverlappedResult(l, &ov, &got, FALSE, &flags));
    assert_int_equal(got, 5);
    assert_memory_equal(buf, "hello", 5);
    assert_int_equal(setsockopt(acc, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof(l)),
                     0);

    /* GetAcceptExSockaddrs finds both ends in the buffer. */
    struct sockaddr *local = NULL, *remote = NULL;
    int local_len = 0, remote_len = 0;
    GetAcceptExSockaddrs(buf, 5, ADDR_LEN, ADDR_LEN, &local, &local_len, &remote, &remote_len);
    assert_non_null(local);
    assert_non_null(remote);
    assert_int_equal(local_len, sizeof(struct sockaddr_in));
    assert_int_equal(remote_len, sizeof(struct sockaddr_in));
    struct sockaddr_in client_addr;
    int client_len = sizeof(client_addr);
    assert_int_equal(getsockname(c, (struct sockaddr *)&client_addr, &client_len), 0);
    /* The blocks follow 5 bytes of data: copied out, as they sit unaligned. */
    struct sockaddr_in l4, r4;
    memcpy(&l4, local, sizeof(l4));
    memcpy(&r4, remote, sizeof(r4));
    assert_int_equal(l4.sin_family, AF_INET);
    assert_int_equal(l4.sin_port, ((struct sockaddr_in *)&laddr)->sin_port);
    assert_int_equal(l4.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    assert_int_equal(r4.sin_family, AF_INET);
    assert_int_equal(r4.sin_port, client_addr.sin_port);
    assert_int_equal(r4.sin_addr.s_addr, client_addr.sin_addr.s_addr);

    /* The accepted socket is an ordinary connected socket. */
    assert_int_equal(send(c, "more", 4, 0), 4);
    char more[4];
    assert_int_equal(recv(acc, more, 4, MSG_WAITALL), 4);
    assert_memory_equal(more, "more", 4);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(acc);
    closesocket(l);
}

/* With no first data asked for, AcceptEx completes at the connection. */
static void acceptex_called_by_name_without_data_completes_on_connect(void **state)
{
    (void)state;
    struct sockaddr_storage laddr;
    SOCKET l = ws2t_listener(AF_INET, &laddr, NULL);
    SOCKET acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char buf[2 * ADDR_LEN];
    WSAOVERLAPPED ov = {0};
    ov.hEvent = WSACreateEvent();
    DWORD got = 1;
    BOOL ok = AcceptEx(l, acc, buf, 0, ADDR_LEN, ADDR_LEN, &got, &ov);
    assert_true(ok || WSAGetLastError() == WSA_IO_PENDING);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&laddr, sizeof(struct sockaddr_in)), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, WAIT_MS, FALSE),
                     WSA_WAIT_EVENT_0);
    DWORD flags = 0;
    assert_true(WSAGetOverlappedResult(l, &ov, &got, FALSE, &flags));
    assert_int_equal(got, 0);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(acc);
    closesocket(l);
}

static void acceptex_by_name_checks_its_sockets(void **state)
{
    (void)state;
    struct sockaddr_storage laddr;
    SOCKET l = ws2t_listener(AF_INET, &laddr, NULL);
    SOCKET acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKET closed = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(closed);
    char buf[2 * ADDR_LEN];
    WSAOVERLAPPED ov = {0};
    DWORD got = 0;
    /* The listening socket first: it is the one whose provider is asked. */
    WSASetLastError(0);
    assert_false(AcceptEx(closed, acc, buf, 0, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSAENOTSOCK);
    WSASetLastError(0);
    assert_false(AcceptEx(INVALID_SOCKET, acc, buf, 0, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSAENOTSOCK);
    /* Then the accept socket, as the extension pointer checks it. */
    WSASetLastError(0);
    assert_false(AcceptEx(l, closed, buf, 0, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSAENOTSOCK);
    closesocket(acc);
    closesocket(l);
}

static void wsarecvex_on_tcp_is_recv_with_flags_out_zero(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    assert_int_equal(send(client, "abcdef", 6, 0), 6);
    char buf[4];
    int flags = MSG_PARTIAL;
    assert_int_equal(WSARecvEx(server, buf, 4, &flags), 4);
    assert_int_equal(flags, 0);
    assert_memory_equal(buf, "abcd", 4);
    /* MSG_PEEK goes in as recv's flag: the data stays. */
    flags = MSG_PEEK;
    assert_int_equal(WSARecvEx(server, buf, 2, &flags), 2);
    assert_int_equal(flags, 0);
    assert_memory_equal(buf, "ef", 2);
    flags = 0;
    assert_int_equal(WSARecvEx(server, buf, 4, &flags), 2);
    assert_memory_equal(buf, "ef", 2);
    /* The end of the stream is 0, as recv's. */
    assert_int_equal(shutdown(client, SD_SEND), 0);
    flags = MSG_PARTIAL;
    assert_int_equal(WSARecvEx(server, buf, 4, &flags), 0);
    assert_int_equal(flags, 0);
    assert_wsa_error(0);
    closesocket(client);
    closesocket(server);
}

static void wsarecvex_on_udp_reports_a_partial_datagram_with_msg_partial(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    SOCKET r = ws2t_udp_bound(&addr);
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_int_equal(sendto(s, "0123456789", 10, 0, (struct sockaddr *)&addr, sizeof(addr)), 10);
    assert_int_equal(sendto(s, "xyz", 3, 0, (struct sockaddr *)&addr, sizeof(addr)), 3);
    char buf[4];
    int flags = 0;
    WSASetLastError(WSAEMSGSIZE);
    /* Larger than the buffer: its start, MSG_PARTIAL, and success (where recv fails). */
    assert_int_equal(WSARecvEx(r, buf, 4, &flags), 4);
    assert_int_equal(flags, MSG_PARTIAL);
    assert_memory_equal(buf, "0123", 4);
    assert_wsa_error(0);
    /* UDP loses the rest: the next call has the next datagram, complete. */
    flags = MSG_PARTIAL;
    assert_int_equal(WSARecvEx(r, buf, 4, &flags), 3);
    assert_int_equal(flags, 0);
    assert_memory_equal(buf, "xyz", 3);
    closesocket(s);
    closesocket(r);
}

static void wsarecvex_checks_socket_and_flags(void **state)
{
    (void)state;
    char buf[4];
    int flags = 0;
    WSASetLastError(0);
    assert_int_equal(WSARecvEx(INVALID_SOCKET, buf, 4, &flags), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    SOCKET closed = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(closed);
    WSASetLastError(0);
    assert_int_equal(WSARecvEx(closed, buf, 4, &flags), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    WSASetLastError(0);
    assert_int_equal(WSARecvEx(server, buf, 4, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    WSASetLastError(0);
    assert_int_equal(WSARecvEx(server, buf, 4, (int *)ws2t_page(0)), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    /* A non-blocking socket with nothing queued: recv's WSAEWOULDBLOCK, flags untouched. */
    ws2t_set_nonblocking(server, 1);
    flags = 0;
    assert_int_equal(WSARecvEx(server, buf, 4, &flags), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    closesocket(client);
    closesocket(server);
}

/*
 * TransmitFile by name checks the socket, then calls the provider's
 * TransmitFile, the same function SIO_GET_EXTENSION_FUNCTION_POINTER gives:
 * head and tail buffers alone go out as one stream, an unconnected socket
 * is WSAENOTCONN (Windows, observed in Wine's test_TransmitFile).
 */
static void transmitfile_by_name_checks_the_socket_then_asks_its_provider(void **state)
{
    (void)state;
    WSASetLastError(0);
    assert_false(TransmitFile(INVALID_SOCKET, NULL, 0, 0, NULL, NULL, 0));
    assert_wsa_error(WSAENOTSOCK);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    DWORD returned = 0;
    LPFN_TRANSMITFILE pointer = NULL;
    GUID id = WSAID_TRANSMITFILE;
    int r = WSAIoctl(client, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id), &pointer,
                     sizeof(pointer), &returned, NULL, NULL);
    assert_int_equal(r, 0);
    assert_non_null(pointer);
    char head[] = "head:", tail[] = ":tail";
    TRANSMIT_FILE_BUFFERS buffers = {head, 5, tail, 5};
    assert_true(TransmitFile(client, NULL, 0, 0, NULL, &buffers, 0));
    char in[16] = {0};
    assert_int_equal(recv(server, in, 10, MSG_WAITALL), 10);
    assert_memory_equal(in, "head::tail", 10);
    SOCKET idle = socket(AF_INET, SOCK_STREAM, 0);
    WSASetLastError(0);
    assert_false(TransmitFile(idle, NULL, 0, 0, NULL, &buffers, 0));
    assert_wsa_error(WSAENOTCONN);
    closesocket(idle);
    closesocket(client);
    closesocket(server);
}

static void mswsock_functions_fail_wsanotinitialised_before_wsastartup(void **state)
{
    (void)state;
    while (WSACleanup() == 0)
        ;
    char buf[2 * ADDR_LEN];
    int flags = 0;
    DWORD got = 0;
    WSAOVERLAPPED ov = {0};
    WSASetLastError(0);
    assert_false(AcceptEx((SOCKET)5, (SOCKET)6, buf, 0, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSANOTINITIALISED);
    WSASetLastError(0);
    assert_false(TransmitFile((SOCKET)5, NULL, 0, 0, NULL, NULL, 0));
    assert_wsa_error(WSANOTINITIALISED);
    WSASetLastError(0);
    assert_int_equal(WSARecvEx((SOCKET)5, buf, 4, &flags), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
}

/* The library exports mswsock.lib's four, and not the extensions it lacks. */
static void exports_match_mswsock_lib(void **state)
{
    (void)state;
    void *self = dlopen(NULL, RTLD_NOW);
    assert_non_null(self);
    const char *exported[] = {"AcceptEx", "GetAcceptExSockaddrs", "TransmitFile", "WSARecvEx"};
    for (size_t i = 0; i < sizeof(exported) / sizeof(exported[0]); i++)
        if (!dlsym(self, exported[i]))
            fail_msg("%s is not exported", exported[i]);
    const char *not_exported[] = {"ConnectEx", "DisconnectEx", "TransmitPackets", "WSARecvMsg"};
    for (size_t i = 0; i < sizeof(not_exported) / sizeof(not_exported[0]); i++)
        if (dlsym(self, not_exported[i]))
            fail_msg("%s is exported, mswsock.lib has no such function", not_exported[i]);
    dlclose(self);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(acceptex_called_by_name_accepts_and_receives_the_first_data),
        cmocka_unit_test(acceptex_called_by_name_without_data_completes_on_connect),
        cmocka_unit_test(acceptex_by_name_checks_its_sockets),
        cmocka_unit_test(wsarecvex_on_tcp_is_recv_with_flags_out_zero),
        cmocka_unit_test(wsarecvex_on_udp_reports_a_partial_datagram_with_msg_partial),
        cmocka_unit_test(wsarecvex_checks_socket_and_flags),
        cmocka_unit_test(transmitfile_by_name_checks_the_socket_then_asks_its_provider),
        cmocka_unit_test(mswsock_functions_fail_wsanotinitialised_before_wsastartup),
        cmocka_unit_test(exports_match_mswsock_lib),
    };
    return cmocka_run_group_tests(tests, ws2t_setup, ws2t_teardown);
}
