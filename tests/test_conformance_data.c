/*
 * Connection and data calls as Windows is observed to answer them where
 * the documents say less: accept with an address but no length, WSARecv
 * with no buffers, recvfrom on a connected TCP socket.  The expected
 * results are those Wine's conformance suite (dlls/ws2_32/tests/sock.c,
 * test_accept, test_empty_recv, test_tcp_sendto_recvfrom) records on real
 * Windows; the checks are our own.
 */
#include <string.h>

#include "testlib.h"

static void accept_with_address_but_no_length_succeeds_and_leaves_it(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len = sizeof(addr);
    SOCKET listener = ws2t_listener(AF_INET, &addr, &len);
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(client, (struct sockaddr *)&addr, len), 0);

    unsigned char peer[sizeof(struct sockaddr_in)];
    memset(peer, 0xa5, sizeof(peer));
    SOCKET server = accept(listener, (struct sockaddr *)peer, NULL);
    assert_true(server != INVALID_SOCKET);
    for (size_t i = 0; i < sizeof(peer); i++)
        assert_int_equal(peer[i], 0xa5);
    /* The accepted socket is the connection's other end. */
    assert_int_equal(send(client, "ab", 2, 0), 2);
    char got[4];
    assert_int_equal(recv(server, got, sizeof(got), 0), 2);
    closesocket(server);
    closesocket(client);
    closesocket(listener);
}

static void wsarecv_with_no_buffers_is_einval(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    DWORD got = 0x55, flags = 0;
    WSABUF buf = {4, (char[4]){0}};
    assert_int_equal(WSARecv(server, NULL, 0, &got, &flags, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSARecv(server, &buf, 0, &got, &flags, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    /* Overlapped too: refused at once, nothing pends. */
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSARecv(server, &buf, 0, &got, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    WSACloseEvent(ov.hEvent);
    /* The connection is untouched: data sent now arrives whole. */
    assert_int_equal(send(client, "xyz", 3, 0), 3);
    assert_int_equal(WSARecv(server, &buf, 1, &got, &flags, NULL, NULL), 0);
    assert_int_equal(got, 3);
    closesocket(client);
    closesocket(server);
}

static void wsarecv_with_one_empty_buffer_leaves_the_data(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    assert_int_equal(send(client, "hello", 5, 0), 5);
    char data[8];
    /* Wait for the data to arrive without taking it. */
    for (int i = 0; i < 200 && recv(server, data, 1, MSG_PEEK) != 1; i++)
        Sleep(5);
    WSABUF empty = {0, data};
    DWORD got = 0x55, flags = 0;
    assert_int_equal(WSARecv(server, &empty, 1, &got, &flags, NULL, NULL), 0);
    assert_int_equal(got, 0);
    assert_int_equal(recv(server, data, sizeof(data), 0), 5);
    closesocket(client);
    closesocket(server);
}

static void tcp_recvfrom_leaves_the_from_address_and_length(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    /* sendto on a connected TCP socket ignores a nonsense address. */
    unsigned char junk[32];
    memset(junk, 0xa5, sizeof(junk));
    assert_int_equal(sendto(client, "abc", 3, 0, (struct sockaddr *)junk, 3), 3);
    char buf[8];
    int fromlen = 0x1234;
    assert_int_equal(recvfrom(server, buf, sizeof(buf), 0, (struct sockaddr *)junk, &fromlen), 3);
    assert_int_equal(fromlen, 0x1234);
    for (size_t i = 0; i < sizeof(junk); i++)
        assert_int_equal(junk[i], 0xa5);
    closesocket(client);
    closesocket(server);
}

static void wsagetoverlappedresult_maps_statuses_as_windows(void **state)
{
    (void)state;
    static const struct {
        DWORD status;
        int error;
    } rows[] = {
        {0xC00000B0u /* STATUS_PIPE_DISCONNECTED */, WSAESHUTDOWN},
        {0xC0000237u /* STATUS_GRACEFUL_DISCONNECT */, WSAEDISCON},
        {0xC000013Bu /* STATUS_LOCAL_DISCONNECT */, WSAECONNABORTED},
        {0xC000013Cu /* STATUS_REMOTE_DISCONNECT */, WSAECONNRESET},
        {0xC0000140u /* STATUS_INVALID_CONNECTION */, WSAENOTCONN},
        {0xC0000043u /* STATUS_SHARING_VIOLATION */, WSAEADDRINUSE},
        {0xC000020Au /* STATUS_ADDRESS_ALREADY_EXISTS */, WSAEADDRINUSE},
        {0xC0000022u /* STATUS_ACCESS_DENIED */, WSAEACCES},
        {0xC000023Fu /* STATUS_PORT_UNREACHABLE */, WSAECONNRESET},
        {0xC0000240u /* STATUS_REQUEST_ABORTED */, WSAEINTR},
        {0xC0000023u /* STATUS_BUFFER_TOO_SMALL */, WSAEFAULT},
        {0xC00000A3u /* STATUS_DEVICE_NOT_READY */, WSAEWOULDBLOCK},
        {0xC00000BBu /* STATUS_NOT_SUPPORTED */, WSAEOPNOTSUPP},
        {0xC0000207u /* STATUS_INVALID_ADDRESS_COMPONENT */, WSAEADDRNOTAVAIL},
        {0xC0000350u /* STATUS_HOST_DOWN */, WSAEHOSTDOWN},
        {0xC0070000u | ERROR_IO_INCOMPLETE, ERROR_IO_INCOMPLETE},
        {0xC0000236u /* STATUS_CONNECTION_REFUSED */, WSAECONNREFUSED},
        {0xC0000120u /* STATUS_CANCELLED */, WSA_OPERATION_ABORTED},
        {0xC0001234u /* not listed */, WSAEINVAL},
    };
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        ov.Internal = rows[i].status;
        DWORD bytes = 0, flags = 0;
        WSASetLastError(0);
        assert_false(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags));
        assert_int_equal(WSAGetLastError(), rows[i].error);
    }
    closesocket(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(accept_with_address_but_no_length_succeeds_and_leaves_it),
        T(wsarecv_with_no_buffers_is_einval),
        T(wsarecv_with_one_empty_buffer_leaves_the_data),
        T(tcp_recvfrom_leaves_the_from_address_and_length),
        T(wsagetoverlappedresult_maps_statuses_as_windows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
