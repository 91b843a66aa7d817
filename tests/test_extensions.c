/*
 * The Microsoft extensions reached through SIO_GET_EXTENSION_FUNCTION_POINTER:
 * AcceptEx, GetAcceptExSockaddrs, ConnectEx, DisconnectEx (mswsock.h).
 */
#include <string.h>

#include "testlib.h"

#include <mswsock.h>

#define STATUS_CANCELLED_VALUE 0xC0000120u

/*
 * GetAcceptExSockaddrs: the address blocks follow the first data, so with an
 * odd receive length they are unaligned; it still finds both (an unaligned
 * read of the family was undefined behaviour, caught by UBSan).
 */
static void getacceptexsockaddrs_reads_unaligned_addresses(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    LPFN_GETACCEPTEXSOCKADDRS sockaddrs =
        (LPFN_GETACCEPTEXSOCKADDRS)ws2t_extension(s, (GUID)WSAID_GETACCEPTEXSOCKADDRS);
    _Alignas(16) char buffer[3 + 2 * (sizeof(struct sockaddr_in) + 16)];
    memset(buffer, 0, sizeof(buffer));
    const DWORD data_len = 3, block = sizeof(struct sockaddr_in) + 16;
    struct sockaddr_in local = {0}, remote = {0};
    local.sin_family = AF_INET;
    local.sin_port = htons(1234);
    remote.sin_family = AF_INET;
    remote.sin_port = htons(5678);
    memcpy(buffer + data_len, &local, sizeof(local));
    memcpy(buffer + data_len + block, &remote, sizeof(remote));
    struct sockaddr *lp = NULL, *rp = NULL;
    int llen = 0, rlen = 0;
    sockaddrs(buffer, data_len, block, block, &lp, &llen, &rp, &rlen);
    assert_ptr_equal(lp, buffer + data_len);
    assert_ptr_equal(rp, buffer + data_len + block);
    assert_int_equal(llen, sizeof(struct sockaddr_in));
    assert_int_equal(rlen, sizeof(struct sockaddr_in));
    struct sockaddr_in got;
    memcpy(&got, rp, sizeof(got));
    assert_int_equal(ntohs(got.sin_port), 5678);
    closesocket(s);
}

/* SIO_GET_EXTENSION_FUNCTION_POINTER: each GUID gives its function; others WSAEINVAL. */
static void extension_lookup(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    ws2t_extension(s, (GUID)WSAID_ACCEPTEX);
    ws2t_extension(s, (GUID)WSAID_GETACCEPTEXSOCKADDRS);
    ws2t_extension(s, (GUID)WSAID_CONNECTEX);
    ws2t_extension(s, (GUID)WSAID_DISCONNECTEX);
    GUID unknown = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
    void *fn = NULL;
    DWORD bytes = 0;
    assert_int_equal(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &unknown, sizeof(unknown), &fn,
                              sizeof(fn), &bytes, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    GUID id = WSAID_ACCEPTEX;
    assert_int_equal(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id), &fn, 2,
                              &bytes, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    closesocket(s);
}

#define ADDR_LEN (sizeof(struct sockaddr_in) + 16)

struct acceptor {
    SOCKET listener;
    HANDLE port;
    struct sockaddr_in addr;
    LPFN_ACCEPTEX accept_ex;
    LPFN_GETACCEPTEXSOCKADDRS sockaddrs;
};

static void acceptor_open(struct acceptor *a)
{
    struct sockaddr_storage addr;
    a->listener = ws2t_listener(AF_INET, &addr, NULL);
    memcpy(&a->addr, &addr, sizeof(a->addr));
    a->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)a->listener, a->port, 77, 0), a->port);
    a->accept_ex = (LPFN_ACCEPTEX)ws2t_extension(a->listener, (GUID)WSAID_ACCEPTEX);
    a->sockaddrs =
        (LPFN_GETACCEPTEXSOCKADDRS)ws2t_extension(a->listener, (GUID)WSAID_GETACCEPTEXSOCKADDRS);
}

/*
 * AcceptEx: pending until a connection comes; completes on the listening
 * socket's port; GetAcceptExSockaddrs gives both ends; after
 * SO_UPDATE_ACCEPT_CONTEXT the accept socket is a normal connected socket.
 */
static void acceptex_completes_on_the_listeners_port(void **state)
{
    (void)state;
    struct acceptor a;
    acceptor_open(&a);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    char buf[2 * ADDR_LEN];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD got = 0;
    assert_false(a.accept_ex(a.listener, s, buf, 0, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSA_IO_PENDING);

    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&a.addr, sizeof(a.addr)), 0);
    DWORD bytes = 99;
    ULONG_PTR key = 0;
    LPOVERLAPPED done = NULL;
    assert_true(GetQueuedCompletionStatus(a.port, &bytes, &key, &done, 5000));
    assert_ptr_equal(done, &ov);
    assert_int_equal(key, 77);
    assert_int_equal(bytes, 0);

    struct sockaddr *local, *remote;
    int local_len, remote_len;
    a.sockaddrs(buf, 0, ADDR_LEN, ADDR_LEN, &local, &local_len, &remote, &remote_len);
    assert_int_equal(local_len, sizeof(struct sockaddr_in));
    assert_int_equal(((struct sockaddr_in *)local)->sin_port, a.addr.sin_port);
    assert_int_equal(ntohs(((struct sockaddr_in *)remote)->sin_port), ws2t_local_port(c));

    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&a.listener,
                                sizeof(a.listener)),
                     0);
    assert_int_equal(ws2t_remote_port(s), ws2t_local_port(c));
    assert_int_equal(send(c, "via accept", 10, 0), 10);
    char in[16];
    assert_int_equal(recv(s, in, sizeof(in), 0), 10);
    closesocket(s);
    closesocket(c);
    closesocket(a.listener);
    CloseHandle(a.port);
}

/* With a receive length, AcceptEx completes when the first data has arrived. */
static void acceptex_with_first_data(void **state)
{
    (void)state;
    struct acceptor a;
    acceptor_open(&a);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    char buf[64 + 2 * ADDR_LEN];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD got = 0;
    assert_false(a.accept_ex(a.listener, s, buf, 64, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSA_IO_PENDING);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&a.addr, sizeof(a.addr)), 0);
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED done;
    assert_false(GetQueuedCompletionStatus(a.port, &bytes, &key, &done, 200)); /* no data yet */
    assert_int_equal(send(c, "hello", 5, 0), 5);
    assert_true(GetQueuedCompletionStatus(a.port, &bytes, &key, &done, 5000));
    assert_int_equal(bytes, 5);
    assert_memory_equal(buf, "hello", 5);
    struct sockaddr *local, *remote;
    int local_len, remote_len;
    a.sockaddrs(buf, 64, ADDR_LEN, ADDR_LEN, &local, &local_len, &remote, &remote_len);
    assert_int_equal(ntohs(((struct sockaddr_in *)remote)->sin_port), ws2t_local_port(c));
    closesocket(s);
    closesocket(c);
    closesocket(a.listener);
    CloseHandle(a.port);
}

/*
 * Closing the listening socket aborts a pending AcceptEx: its packet comes
 * with ERROR_OPERATION_ABORTED (closesocket.md: the completion port action
 * is performed).  Bad arguments fail at once.
 */
static void acceptex_aborted_by_closing_the_listener(void **state)
{
    (void)state;
    struct acceptor a;
    acceptor_open(&a);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    char buf[2 * ADDR_LEN];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD got;
    assert_false(a.accept_ex(a.listener, s, buf, 0, ADDR_LEN - 1, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSAEINVAL);
    assert_false(a.accept_ex(a.listener, s, buf, 0, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(closesocket(a.listener), 0);
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED done = NULL;
    assert_false(GetQueuedCompletionStatus(a.port, &bytes, &key, &done, 5000));
    assert_ptr_equal(done, &ov);
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    assert_int_equal((DWORD)ov.Internal, STATUS_CANCELLED_VALUE);
    closesocket(s);
    CloseHandle(a.port);
}

/*
 * ConnectEx: the socket must be bound (WSAEINVAL otherwise); the optional
 * data is sent once connected; a refused connection completes with
 * WSAECONNREFUSED.
 */
static void connectex_connects_and_sends(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    LPFN_CONNECTEX connect_ex = (LPFN_CONNECTEX)ws2t_extension(c, (GUID)WSAID_CONNECTEX);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    DWORD sent = 0;
    assert_false(connect_ex(c, (struct sockaddr *)&la, llen, "first", 5, &sent, &ov));
    assert_wsa_error(WSAEINVAL); /* not bound */

    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(c, (struct sockaddr *)&any, sizeof(any)), 0);
    BOOL r = connect_ex(c, (struct sockaddr *)&la, llen, "first", 5, &sent, &ov);
    assert_true(r || WSAGetLastError() == WSA_IO_PENDING);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD bytes, flags;
    assert_true(WSAGetOverlappedResult(c, &ov, &bytes, FALSE, &flags));
    assert_int_equal(bytes, 5);
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0), 0);
    SOCKET s = accept(l, NULL, NULL);
    char in[8];
    assert_int_equal(recv(s, in, sizeof(in), 0), 5);
    assert_memory_equal(in, "first", 5);
    closesocket(s);
    closesocket(c);

    /* Refused: nobody listens on the port any more. */
    closesocket(l);
    SOCKET d = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(bind(d, (struct sockaddr *)&any, sizeof(any)), 0);
    WSAResetEvent(ov.hEvent);
    memset(&ov, 0, sizeof(ov.Internal) * 2);
    r = connect_ex(d, (struct sockaddr *)&la, llen, NULL, 0, NULL, &ov);
    if (!r && WSAGetLastError() == WSA_IO_PENDING) {
        assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE),
                         WSA_WAIT_EVENT_0);
        assert_false(WSAGetOverlappedResult(d, &ov, &bytes, FALSE, &flags));
    } else {
        assert_false(r);
    }
    assert_wsa_error(WSAECONNREFUSED);
    WSACloseEvent(ov.hEvent);
    closesocket(d);
}

/*
 * DisconnectEx: a graceful disconnect — the peer reads the data, then the
 * end of the stream; with TF_REUSE_SOCKET the socket can connect again.
 */
static void disconnectex_then_reuse(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    SOCKET s = accept(l, NULL, NULL);
    LPFN_DISCONNECTEX disconnect_ex =
        (LPFN_DISCONNECTEX)ws2t_extension(c, (GUID)WSAID_DISCONNECTEX);
    assert_int_equal(send(c, "bye", 3, 0), 3);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    BOOL r = disconnect_ex(c, &ov, TF_REUSE_SOCKET, 0);
    assert_true(r || WSAGetLastError() == WSA_IO_PENDING);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    char in[8];
    assert_int_equal(recv(s, in, sizeof(in), MSG_WAITALL), 3);
    assert_int_equal(recv(s, in, sizeof(in), 0), 0);
    closesocket(s);

    /* Reused: bound and connected again, through the same SOCKET value. */
    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(c, (struct sockaddr *)&any, sizeof(any)), 0);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    s = accept(l, NULL, NULL);
    assert_int_equal(send(c, "again", 5, 0), 5);
    assert_int_equal(recv(s, in, sizeof(in), 0), 5);
    assert_false(disconnect_ex(s, NULL, 0, 1));
    assert_wsa_error(WSAEINVAL);
    WSACloseEvent(ov.hEvent);
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(extension_lookup, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_completes_on_the_listeners_port, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_with_first_data, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_aborted_by_closing_the_listener, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(connectex_connects_and_sends, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(disconnectex_then_reuse, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(getacceptexsockaddrs_reads_unaligned_addresses, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("extensions", tests, NULL, NULL);
}
