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
    assert_false(a.accept_ex(a.listener, s, buf, 0, ADDR_LEN, ADDR_LEN, &got, NULL));
    assert_int_equal(WSAGetLastError(), ERROR_INVALID_PARAMETER);
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

#define STATUS_PENDING_VALUE          0x103u
#define STATUS_BUFFER_TOO_SMALL_VALUE 0xC0000023u

/*
 * AcceptEx with an address block shorter than sizeof(sockaddr_in) + 16 is
 * not refused: it pends, and when a connection comes it fails with
 * STATUS_BUFFER_TOO_SMALL (ERROR_INSUFFICIENT_BUFFER, no bytes) and leaves
 * the connection for the next accept (Windows, observed in Wine's
 * conformance test test_AcceptEx).
 */
static void acceptex_short_address_pends_then_fails_leaving_the_connection(void **state)
{
    (void)state;
    const DWORD lengths[][2] = {
        {3, ADDR_LEN}, {sizeof(struct sockaddr_in) + 4, ADDR_LEN}, {ADDR_LEN, ADDR_LEN - 1}};
    for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        struct acceptor a;
        acceptor_open(&a);
        SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
        char buf[2 * ADDR_LEN];
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        DWORD got = 0;
        assert_false(a.accept_ex(a.listener, s, buf, 0, lengths[i][0], lengths[i][1], &got, &ov));
        assert_wsa_error(WSA_IO_PENDING);
        /* Read as HasOverlappedIoCompleted would, while the engine may write it. */
        assert_int_equal((DWORD)__atomic_load_n(&ov.Internal, __ATOMIC_ACQUIRE),
                         STATUS_PENDING_VALUE);

        SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
        assert_int_equal(connect(c, (struct sockaddr *)&a.addr, sizeof(a.addr)), 0);
        DWORD bytes = 99;
        ULONG_PTR key = 0;
        LPOVERLAPPED done = NULL;
        assert_false(GetQueuedCompletionStatus(a.port, &bytes, &key, &done, 5000));
        assert_ptr_equal(done, &ov);
        assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
        assert_int_equal(bytes, 0);
        assert_int_equal((DWORD)ov.Internal, STATUS_BUFFER_TOO_SMALL_VALUE);
        DWORD flags;
        assert_false(WSAGetOverlappedResult(a.listener, &ov, &bytes, FALSE, &flags));
        assert_wsa_error(WSAEFAULT);

        /* The connection was not taken: accept gets it. */
        SOCKET d = accept(a.listener, NULL, NULL);
        assert_int_not_equal(d, INVALID_SOCKET);
        assert_int_equal(ws2t_remote_port(d), ws2t_local_port(c));
        closesocket(d);
        closesocket(c);
        closesocket(s);
        closesocket(a.listener);
        CloseHandle(a.port);
    }
}

/* A local address length of 0 is no local block: AcceptEx succeeds and writes only the remote. */
static void acceptex_without_local_address_block_succeeds(void **state)
{
    (void)state;
    struct acceptor a;
    acceptor_open(&a);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    char buf[ADDR_LEN];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD got = 0;
    assert_false(a.accept_ex(a.listener, s, buf, 0, 0, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSA_IO_PENDING);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&a.addr, sizeof(a.addr)), 0);
    DWORD bytes = 99;
    ULONG_PTR key;
    LPOVERLAPPED done = NULL;
    assert_true(GetQueuedCompletionStatus(a.port, &bytes, &key, &done, 5000));
    assert_ptr_equal(done, &ov);
    assert_int_equal(bytes, 0);
    assert_int_equal((DWORD)ov.Internal, 0);
    /* GetAcceptExSockaddrs leaves the missing local block's outputs alone (observed). */
    struct sockaddr *local = (struct sockaddr *)(uintptr_t)0xdeadbeef, *remote = NULL;
    int local_len = 0x5eed, remote_len = 0;
    a.sockaddrs(buf, 0, 0, ADDR_LEN, &local, &local_len, &remote, &remote_len);
    assert_ptr_equal(local, (struct sockaddr *)(uintptr_t)0xdeadbeef);
    assert_int_equal(local_len, 0x5eed);
    assert_int_equal(remote_len, sizeof(struct sockaddr_in));
    assert_int_equal(ntohs(((struct sockaddr_in *)remote)->sin_port), ws2t_local_port(c));
    closesocket(c);
    closesocket(s);
    closesocket(a.listener);
    CloseHandle(a.port);
}

/* One refused AcceptEx: FALSE, the error, and STATUS_PENDING left in the OVERLAPPED. */
static void assert_acceptex_refused(LPFN_ACCEPTEX accept_ex, SOCKET l, SOCKET s, void *buf,
                                    DWORD local, DWORD remote, LPOVERLAPPED ov, int error)
{
    DWORD got = 0;
    if (ov)
        ov->Internal = 0xdeadbeef;
    assert_false(accept_ex(l, s, buf, 0, local, remote, &got, ov));
    assert_int_equal(WSAGetLastError(), error);
    if (ov)
        assert_int_equal((DWORD)ov->Internal, STATUS_PENDING_VALUE);
}

/*
 * AcceptEx's checks as Windows answers them (test_AcceptEx): no OVERLAPPED
 * is ERROR_INVALID_PARAMETER, even with a remote length of 0; no buffer and
 * a remote length of 0 are WSAEFAULT; a listener that does not listen, and
 * an accept socket that is UDP, bound, connected or the listener itself are
 * WSAEINVAL.
 */
static void acceptex_argument_checks_as_windows(void **state)
{
    (void)state;
    struct acceptor a;
    acceptor_open(&a);
    LPFN_ACCEPTEX ax = a.accept_ex;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    char buf[2 * ADDR_LEN];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_acceptex_refused(ax, a.listener, s, buf, ADDR_LEN, 0, NULL, ERROR_INVALID_PARAMETER);
    assert_acceptex_refused(ax, a.listener, s, buf, ADDR_LEN, 0, &ov, WSAEFAULT);
    assert_acceptex_refused(ax, a.listener, s, NULL, ADDR_LEN, ADDR_LEN, &ov, WSAEFAULT);
    assert_acceptex_refused(ax, a.listener, a.listener, buf, ADDR_LEN, ADDR_LEN, &ov, WSAEINVAL);

    SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0);
    assert_acceptex_refused(ax, a.listener, udp, buf, ADDR_LEN, ADDR_LEN, &ov, WSAEINVAL);
    closesocket(udp);
    SOCKET bound = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(bound, (struct sockaddr *)&any, sizeof(any)), 0);
    assert_acceptex_refused(ax, a.listener, bound, buf, ADDR_LEN, ADDR_LEN, &ov, WSAEINVAL);
    closesocket(bound);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    assert_acceptex_refused(ax, a.listener, client, buf, ADDR_LEN, ADDR_LEN, &ov, WSAEINVAL);
    assert_acceptex_refused(ax, a.listener, server, buf, ADDR_LEN, ADDR_LEN, &ov, WSAEINVAL);
    closesocket(client);
    closesocket(server);

    SOCKET idle = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(bind(idle, (struct sockaddr *)&any, sizeof(any)), 0);
    assert_acceptex_refused(ax, idle, s, buf, ADDR_LEN, ADDR_LEN, &ov, WSAEINVAL);
    closesocket(idle);

    /* After all that the accept socket is still free for a good call. */
    DWORD got;
    assert_false(ax(a.listener, s, buf, 0, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSA_IO_PENDING);
    closesocket(a.listener);
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED done;
    assert_false(GetQueuedCompletionStatus(a.port, &bytes, &key, &done, 5000));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    closesocket(s);
    CloseHandle(a.port);
}

/* A socket of its own, bound, on port with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS. */
static SOCKET skip_socket(HANDLE port)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(c, (struct sockaddr *)&any, sizeof(any)), 0);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)c, port, 5, 0), port);
    assert_true(
        SetFileCompletionNotificationModes((HANDLE)c, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
    return c;
}

/* The next packet on port is ov's, with bytes. */
static void assert_packet(HANDLE port, LPOVERLAPPED ov, DWORD expected)
{
    DWORD bytes = 99;
    ULONG_PTR key = 0;
    LPOVERLAPPED done = NULL;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000));
    assert_ptr_equal(done, ov);
    assert_int_equal(bytes, expected);
}

/*
 * ConnectEx pends even when it could complete at once (a loopback connect
 * and its data), so a socket with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
 * still gets its packet (Windows, observed: test_connect sees
 * ERROR_IO_PENDING for it).
 */
static void connectex_always_pends(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    HANDLE port = ws2t_new_port();
    for (int round = 0; round < 20; round++) {
        SOCKET c = skip_socket(port);
        LPFN_CONNECTEX connect_ex = (LPFN_CONNECTEX)ws2t_extension(c, (GUID)WSAID_CONNECTEX);
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        DWORD sent = 0;
        assert_false(connect_ex(c, (struct sockaddr *)&la, llen, "ab", 2, &sent, &ov));
        assert_wsa_error(WSA_IO_PENDING);
        assert_packet(port, &ov, 2);
        assert_int_equal(setsockopt(c, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0), 0);
        SOCKET s = accept(l, NULL, NULL);
        assert_int_not_equal(s, INVALID_SOCKET);
        char in[2];
        assert_int_equal(recv(s, in, 2, MSG_WAITALL), 2);
        closesocket(s);
        closesocket(c);
    }
    closesocket(l);
    CloseHandle(port);
}

/*
 * An overlapped DisconnectEx pends too, and its packet comes despite
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS (test_DisconnectEx sees
 * ERROR_IO_PENDING).  With flags 0 the sending side is shut and the socket
 * still receives (observed there too).
 */
static void disconnectex_always_pends(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    HANDLE port = ws2t_new_port();
    for (int round = 0; round < 20; round++) {
        SOCKET c = skip_socket(port);
        assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
        SOCKET s = accept(l, NULL, NULL);
        assert_int_not_equal(s, INVALID_SOCKET);
        LPFN_DISCONNECTEX disconnect_ex =
            (LPFN_DISCONNECTEX)ws2t_extension(c, (GUID)WSAID_DISCONNECTEX);
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        assert_false(disconnect_ex(c, &ov, 0, 0));
        assert_wsa_error(WSA_IO_PENDING);
        assert_packet(port, &ov, 0);
        assert_int_equal(send(c, "x", 1, 0), SOCKET_ERROR);
        assert_wsa_error(WSAESHUTDOWN);
        char in[4];
        assert_int_equal(recv(s, in, sizeof(in), 0), 0);
        assert_int_equal(send(s, "yz", 2, 0), 2);
        assert_int_equal(recv(c, in, 2, MSG_WAITALL), 2);
        closesocket(s);
        closesocket(c);
    }
    closesocket(l);
    CloseHandle(port);
}

/*
 * A ConnectEx refused at once still pends, and completes with
 * ERROR_CONNECTION_REFUSED (test_connect); on a listener it is WSAEINVAL and
 * on a connected socket WSAEISCONN, leaving STATUS_PENDING in Internal and
 * InternalHigh as it was.
 */
static void connectex_refusals_as_windows(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    LPFN_CONNECTEX connect_ex = (LPFN_CONNECTEX)ws2t_extension(l, (GUID)WSAID_CONNECTEX);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    DWORD sent;
    assert_false(connect_ex(l, (struct sockaddr *)&la, llen, NULL, 0, &sent, &ov));
    assert_wsa_error(WSAEINVAL);
    assert_int_equal((DWORD)ov.Internal, STATUS_PENDING_VALUE);
    assert_int_equal((DWORD)ov.InternalHigh, 0xdeadbeef);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    ov.Internal = ov.InternalHigh = 0xdeadbeef;
    assert_false(connect_ex(server, (struct sockaddr *)&la, llen, NULL, 0, &sent, &ov));
    assert_wsa_error(WSAEISCONN);
    assert_int_equal((DWORD)ov.Internal, STATUS_PENDING_VALUE);
    assert_int_equal((DWORD)ov.InternalHigh, 0xdeadbeef);
    closesocket(client);
    closesocket(server);

    closesocket(l); /* nobody listens on the port now */
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(c, (struct sockaddr *)&any, sizeof(any)), 0);
    assert_false(connect_ex(c, (struct sockaddr *)&la, llen, NULL, 0, &sent, &ov));
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD bytes;
    assert_false(GetOverlappedResult((HANDLE)c, &ov, &bytes, FALSE));
    assert_int_equal(GetLastError(), ERROR_CONNECTION_REFUSED);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
}

/* A listener on addr (any port), listening, with WSA_FLAG_OVERLAPPED. */
static SOCKET listener_on(ULONG addr, struct sockaddr_in *bound)
{
    SOCKET l = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    assert_true(l != INVALID_SOCKET);
    memset(bound, 0, sizeof(*bound));
    bound->sin_family = AF_INET;
    bound->sin_addr.s_addr = htonl(addr);
    assert_int_equal(bind(l, (struct sockaddr *)bound, sizeof(*bound)), 0);
    int len = sizeof(*bound);
    assert_int_equal(getsockname(l, (struct sockaddr *)bound, &len), 0);
    assert_int_equal(listen(l, 5), 0);
    return l;
}

/*
 * One AcceptEx on l for a connection to to (127.0.0.x, l's port): the local
 * address GetAcceptExSockaddrs reads is the one the connection was made to.
 */
static void accept_checks_local(SOCKET l, ULONG to)
{
    struct sockaddr_in bound, dest;
    int len = sizeof(bound);
    assert_int_equal(getsockname(l, (struct sockaddr *)&bound, &len), 0);
    LPFN_ACCEPTEX accept_ex = (LPFN_ACCEPTEX)ws2t_extension(l, (GUID)WSAID_ACCEPTEX);
    LPFN_GETACCEPTEXSOCKADDRS sockaddrs =
        (LPFN_GETACCEPTEXSOCKADDRS)ws2t_extension(l, (GUID)WSAID_GETACCEPTEXSOCKADDRS);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    char buf[2 * ADDR_LEN];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    DWORD got = 0;
    assert_false(accept_ex(l, s, buf, 0, ADDR_LEN, ADDR_LEN, &got, &ov));
    assert_wsa_error(WSA_IO_PENDING);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    dest = bound;
    dest.sin_addr.s_addr = htonl(to);
    assert_int_equal(connect(c, (struct sockaddr *)&dest, sizeof(dest)), 0);
    DWORD bytes = 0, flags = 0;
    assert_true(WSAGetOverlappedResult(l, &ov, &bytes, TRUE, &flags));
    struct sockaddr *local, *remote;
    int local_len, remote_len;
    sockaddrs(buf, 0, ADDR_LEN, ADDR_LEN, &local, &local_len, &remote, &remote_len);
    assert_int_equal(local_len, sizeof(struct sockaddr_in));
    assert_int_equal(local->sa_family, AF_INET);
    assert_int_equal(ntohl(((struct sockaddr_in *)local)->sin_addr.s_addr), to);
    assert_int_equal(((struct sockaddr_in *)local)->sin_port, bound.sin_port);
    assert_int_equal(ntohs(((struct sockaddr_in *)remote)->sin_port), ws2t_local_port(c));
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/*
 * AcceptEx writes the local address each connection was made to: a
 * listener on one address has it for all of them, a wildcard listener
 * the address the peer connected to — also on a descriptor number that a
 * listener on one address had before (the library keeps such a listener's
 * name, and must not hand it to the next socket with its number).
 */
static void acceptex_local_address_is_the_connections_own(void **state)
{
    (void)state;
    struct sockaddr_in bound;
    SOCKET one = listener_on(INADDR_LOOPBACK, &bound);
    accept_checks_local(one, INADDR_LOOPBACK);
    accept_checks_local(one, INADDR_LOOPBACK);
    closesocket(one);
    for (int i = 0; i < 2; i++) {
        SOCKET any = listener_on(INADDR_ANY, &bound);
        accept_checks_local(any, INADDR_LOOPBACK + 1); /* 127.0.0.2, on lo */
        accept_checks_local(any, INADDR_LOOPBACK);
        closesocket(any);
        one = listener_on(INADDR_LOOPBACK, &bound);
        accept_checks_local(one, INADDR_LOOPBACK);
        closesocket(one);
    }
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
        cmocka_unit_test_setup_teardown(
            acceptex_short_address_pends_then_fails_leaving_the_connection, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_without_local_address_block_succeeds, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_argument_checks_as_windows, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(connectex_always_pends, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(disconnectex_always_pends, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(connectex_refusals_as_windows, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_local_address_is_the_connections_own, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("extensions", tests, NULL, NULL);
}
