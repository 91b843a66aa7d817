/*
 * What reaches a completion port, as Windows is observed to answer (Wine's
 * test_completion_port, test_connect_completion_port and
 * test_shutdown_completion_port, run on Windows): an operation that fails
 * at once posts nothing, one that succeeds at once posts its packet; a
 * receive pending when the peer resets completes with
 * ERROR_NETNAME_DELETED; AcceptEx reports to the listener's port with the
 * listener's key, also when the association was made after it was issued;
 * connect, shutdown, WSASendDisconnect and WSARecvDisconnect post nothing,
 * ConnectEx and DisconnectEx always do (even with
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS) unless hEvent has its low bit set.
 *
 * Where the spec speaks it wins over Windows: an operation cancelled by
 * closesocket fails with WSA_OPERATION_ABORTED (closesocket.md), also where
 * Windows may say ERROR_CONNECTION_ABORTED.
 */
#include <stdbool.h>
#include <string.h>

#include <mswsock.h>
#include <ntstatus.h>
#include <windows.h>

#include "testlib.h"

#define KEY          125u
#define ACCEPTOR_KEY 236u
#define ADDR_BLOCK   (sizeof(struct sockaddr_in) + 16)
#define UNTOUCHED    0xdeadbeefu

/* A new port with s associated under key. */
static HANDLE port_for(SOCKET s, ULONG_PTR key)
{
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, key, 0);
    assert_non_null(port);
    return port;
}

/*
 * Nothing is queued on port (within ms): GetQueuedCompletionStatus fails
 * with WAIT_TIMEOUT, leaves the count and the key as they were and writes
 * NULL for the OVERLAPPED.
 */
static void expect_no_packet(HANDLE port, DWORD ms)
{
    DWORD bytes = UNTOUCHED;
    ULONG_PTR key = UNTOUCHED;
    LPOVERLAPPED ov = (LPOVERLAPPED)(ULONG_PTR)UNTOUCHED;
    SetLastError(UNTOUCHED);
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &ov, ms));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    assert_int_equal(bytes, UNTOUCHED);
    assert_int_equal(key, UNTOUCHED);
    assert_null(ov);
}

/*
 * The next packet (within 5 s) is ov's with this key and count: a success
 * (the last error left alone) when error is 0, else a failure with that
 * Win32 error.
 */
static void expect_packet(HANDLE port, LPOVERLAPPED ov, ULONG_PTR key, DWORD bytes, DWORD error)
{
    DWORD got_bytes = UNTOUCHED;
    ULONG_PTR got_key = UNTOUCHED;
    LPOVERLAPPED got = NULL;
    SetLastError(UNTOUCHED);
    BOOL ok = GetQueuedCompletionStatus(port, &got_bytes, &got_key, &got, 5000);
    assert_ptr_equal(got, ov);
    if (error) {
        assert_false(ok);
        assert_int_equal(GetLastError(), error);
    } else {
        assert_true(ok);
        assert_int_equal(GetLastError(), UNTOUCHED);
    }
    assert_int_equal(got_key, key);
    assert_int_equal(got_bytes, bytes);
}

/* Closes s with a reset (SO_LINGER {1, 0}). */
static void close_with_reset(SOCKET s)
{
    struct linger l = {1, 0};
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l)), 0);
    assert_int_equal(closesocket(s), 0);
}

/* Waits until s is readable (data, end of stream or reset). */
static void wait_readable(SOCKET s)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(s, &set);
    struct timeval tv = {5, 0};
    assert_int_equal(select(0, &set, NULL, NULL, &tv), 1);
}

static int recv_ov(SOCKET s, char *buf, ULONG len, LPDWORD bytes, LPWSAOVERLAPPED ov)
{
    WSABUF b = {len, buf};
    DWORD flags = 0;
    return WSARecv(s, &b, 1, bytes, &flags, ov, NULL);
}

/* ---- Receives and sends ------------------------------------------------------------------ */

/*
 * A receive pending on a port-associated socket when the peer resets
 * completes with ERROR_NETNAME_DELETED, 0 bytes, the socket's key; nothing
 * else follows.
 */
static void pending_recv_on_peer_reset_posts_netname_deleted(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE port = port_for(s, KEY);
    char buf[64];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD bytes = UNTOUCHED;
    assert_int_equal(recv_ov(s, buf, sizeof(buf), &bytes, &ov), SOCKET_ERROR);
    assert_int_equal(GetLastError(), ERROR_IO_PENDING);
    Sleep(100);
    close_with_reset(c);
    expect_packet(port, &ov, KEY, 0, ERROR_NETNAME_DELETED);
    assert_int_equal((DWORD)ov.Internal, (DWORD)STATUS_CONNECTION_RESET);
    expect_no_packet(port, 100);
    closesocket(s);
    CloseHandle(port);
}

/*
 * After the peer reset the connection, an overlapped send and an
 * overlapped receive on a non-blocking socket fail at once with
 * WSAECONNRESET, leave the count alone and post nothing.
 */
static void immediate_failures_after_reset_post_nothing(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE port = port_for(s, KEY);
    ws2t_set_nonblocking(s, 1);
    close_with_reset(c);
    wait_readable(s);

    char buf[1024];
    memset(buf, 0, sizeof(buf));
    WSABUF b = {sizeof(buf), buf};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD bytes = UNTOUCHED;
    SetLastError(UNTOUCHED);
    assert_int_equal(WSASend(s, &b, 1, &bytes, 0, &ov, NULL), SOCKET_ERROR);
    assert_int_equal(GetLastError(), WSAECONNRESET);
    assert_int_equal(bytes, UNTOUCHED);
    expect_no_packet(port, 200);

    memset(&ov, 0, sizeof(ov));
    bytes = UNTOUCHED;
    SetLastError(UNTOUCHED);
    assert_int_equal(recv_ov(s, buf, sizeof(buf), &bytes, &ov), SOCKET_ERROR);
    assert_int_equal(GetLastError(), WSAECONNRESET);
    assert_int_equal(bytes, UNTOUCHED);
    expect_no_packet(port, 200);
    closesocket(s);
    CloseHandle(port);
}

/*
 * A receive that completes at once returns 0 with the count and still
 * posts its packet: with the data, and with 0 bytes at the peer's orderly
 * close.
 */
static void immediate_successes_post_a_packet(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    char buf[1024];
    memset(buf, 'q', sizeof(buf));
    WSABUF b = {sizeof(buf), buf};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD bytes = 0;
    /* An overlapped send on a socket without a port completes at once. */
    assert_int_equal(WSASend(c, &b, 1, &bytes, 0, &ov, NULL), 0);
    assert_int_equal(bytes, sizeof(buf));

    HANDLE port = port_for(s, KEY);
    ws2t_set_nonblocking(s, 1);
    wait_readable(s);
    /* The whole kilobyte may take a moment to arrive over loopback. */
    u_long ready = 0;
    for (int i = 0; i < 500 && ready < sizeof(buf); i++) {
        assert_int_equal(ioctlsocket(s, FIONREAD, &ready), 0);
        if (ready < sizeof(buf))
            Sleep(10);
    }
    memset(&ov, 0, sizeof(ov));
    bytes = UNTOUCHED;
    assert_int_equal(recv_ov(s, buf, sizeof(buf), &bytes, &ov), 0);
    assert_int_equal(bytes, sizeof(buf));
    expect_packet(port, &ov, KEY, sizeof(buf), 0);

    closesocket(c);
    wait_readable(s);
    memset(&ov, 0, sizeof(ov));
    bytes = UNTOUCHED;
    assert_int_equal(recv_ov(s, buf, sizeof(buf), &bytes, &ov), 0);
    assert_int_equal(bytes, 0);
    expect_packet(port, &ov, KEY, 0, 0);
    expect_no_packet(port, 100);
    closesocket(s);
    CloseHandle(port);
}

/* A receive on a socket never connected is WSAENOTCONN at once, and posts nothing. */
static void recv_on_unconnected_socket_posts_nothing(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    HANDLE port = port_for(s, KEY);
    ws2t_set_nonblocking(s, 1);
    char buf[16];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD bytes = UNTOUCHED;
    SetLastError(UNTOUCHED);
    assert_int_equal(recv_ov(s, buf, sizeof(buf), &bytes, &ov), SOCKET_ERROR);
    assert_int_equal(GetLastError(), WSAENOTCONN);
    assert_int_equal(bytes, UNTOUCHED);
    expect_no_packet(port, 200);
    closesocket(s);
    CloseHandle(port);
}

/* ---- AcceptEx ---------------------------------------------------------------------------- */

/* A non-blocking listener on 127.0.0.1 with an ephemeral port; its address in *addr. */
static SOCKET listener_open(struct sockaddr_in *addr)
{
    struct sockaddr_storage ss;
    SOCKET l = ws2t_listener(AF_INET, &ss, NULL);
    memcpy(addr, &ss, sizeof(*addr));
    ws2t_set_nonblocking(l, 1);
    return l;
}

/* One AcceptEx through l into acc, asking for first data; it must pend. */
static void accept_pending(SOCKET l, SOCKET acc, char *buf, DWORD size, LPWSAOVERLAPPED ov)
{
    LPFN_ACCEPTEX accept_ex = (LPFN_ACCEPTEX)ws2t_extension(l, (GUID)WSAID_ACCEPTEX);
    memset(ov, 0, sizeof(*ov));
    DWORD got = UNTOUCHED;
    SetLastError(UNTOUCHED);
    assert_false(accept_ex(l, acc, buf, size - 2 * ADDR_BLOCK, ADDR_BLOCK, ADDR_BLOCK, &got, ov));
    assert_int_equal(GetLastError(), ERROR_IO_PENDING);
}

static SOCKET new_tcp(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    return s;
}

/* The next packet is ov's, aborted by a close: WSA_OPERATION_ABORTED, 0 bytes, STATUS_CANCELLED. */
static void expect_aborted(HANDLE port, LPWSAOVERLAPPED ov)
{
    expect_packet(port, ov, KEY, 0, ERROR_OPERATION_ABORTED);
    assert_int_equal((DWORD)ov->Internal, (DWORD)STATUS_CANCELLED);
}

/*
 * Closing the listener aborts its pending AcceptEx on the port, whether the
 * listener was associated before the AcceptEx or only after it was issued
 * (the association in force when the operation completes counts).
 */
static void acceptex_aborted_on_the_port_associated_before_or_after(void **state)
{
    (void)state;
    char buf[1024];
    WSAOVERLAPPED ov;
    struct sockaddr_in addr;
    SOCKET acc = new_tcp();

    SOCKET l = listener_open(&addr);
    accept_pending(l, acc, buf, sizeof(buf), &ov);
    HANDLE port = port_for(l, KEY);
    assert_int_equal(closesocket(l), 0);
    expect_aborted(port, &ov);
    expect_no_packet(port, 200);

    l = listener_open(&addr);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)l, port, KEY, 0), port);
    accept_pending(l, acc, buf, sizeof(buf), &ov);
    assert_int_equal(closesocket(l), 0);
    expect_aborted(port, &ov);
    expect_no_packet(port, 200);

    /* A listener closed with nothing pending posts nothing. */
    l = listener_open(&addr);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)l, port, KEY, 0), port);
    assert_int_equal(closesocket(l), 0);
    expect_no_packet(port, 200);

    closesocket(acc);
    CloseHandle(port);
}

/* A WSADuplicateSocket copy of l, in this process. */
static SOCKET copy_of(SOCKET l)
{
    WSAPROTOCOL_INFOA info;
    assert_int_equal(WSADuplicateSocketA(l, GetCurrentProcessId(), &info), 0);
    SOCKET d = WSASocketA(AF_INET, SOCK_STREAM, 0, &info, 0, WSA_FLAG_OVERLAPPED);
    assert_true(d != INVALID_SOCKET);
    return d;
}

/*
 * An AcceptEx issued through a WSADuplicateSocket copy of a listener: it
 * reports to the original's port; closing the original leaves it pending,
 * and closing the copy too aborts it (on Windows, and here). Closing the
 * copy first also aborts it here — closesocket.md: pending operations
 * "issued by any thread in this process are also canceled" when the
 * descriptor they were issued through is closed — where Windows waits for
 * the last handle (the spec wins).
 */
static void acceptex_through_a_copy_aborted_when_its_handles_close(void **state)
{
    (void)state;
    char buf[1024];
    WSAOVERLAPPED ov;
    struct sockaddr_in addr;
    SOCKET acc = new_tcp();

    SOCKET l = listener_open(&addr);
    HANDLE port = port_for(l, KEY);
    SOCKET d = copy_of(l);
    accept_pending(d, acc, buf, sizeof(buf), &ov);
    expect_no_packet(port, 200);
    assert_int_equal(closesocket(l), 0);
    expect_no_packet(port, 200);
    assert_int_equal(closesocket(d), 0);
    expect_aborted(port, &ov);
    expect_no_packet(port, 200);
    CloseHandle(port);

    l = listener_open(&addr);
    port = port_for(l, KEY);
    d = copy_of(l);
    accept_pending(d, acc, buf, sizeof(buf), &ov);
    assert_int_equal(closesocket(d), 0);
    expect_aborted(port, &ov);
    assert_int_equal(closesocket(l), 0);
    expect_no_packet(port, 200);

    closesocket(acc);
    CloseHandle(port);
}

/*
 * An AcceptEx waiting for first data completes when the client closes
 * without sending: TRUE, 0 bytes, STATUS_SUCCESS, with the listener's key
 * (not the accept socket's, though that is associated with the same port).
 */
static void acceptex_completes_with_the_listeners_key(void **state)
{
    (void)state;
    char buf[1024];
    WSAOVERLAPPED ov;
    struct sockaddr_in addr;
    SOCKET l = listener_open(&addr);
    SOCKET acc = new_tcp();
    HANDLE port = port_for(l, KEY);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)acc, port, ACCEPTOR_KEY, 0), port);
    accept_pending(l, acc, buf, sizeof(buf), &ov);

    SOCKET c = new_tcp();
    assert_int_equal(connect(c, (struct sockaddr *)&addr, sizeof(addr)), 0);
    assert_int_equal(closesocket(c), 0);
    expect_packet(port, &ov, KEY, 0, 0);
    assert_int_equal((DWORD)ov.Internal, (DWORD)STATUS_SUCCESS);
    expect_no_packet(port, 200);
    closesocket(acc);
    closesocket(l);
    CloseHandle(port);
}

/*
 * With one byte of first data the AcceptEx completes with it (TRUE, 1
 * byte, the listener's key); closing the accept socket afterwards posts
 * nothing more.
 */
static void acceptex_with_first_byte_then_accept_socket_closed(void **state)
{
    (void)state;
    char buf[1024];
    WSAOVERLAPPED ov;
    struct sockaddr_in addr;
    SOCKET l = listener_open(&addr);
    SOCKET acc = new_tcp();
    HANDLE port = port_for(l, KEY);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)acc, port, ACCEPTOR_KEY, 0), port);
    accept_pending(l, acc, buf, sizeof(buf), &ov);

    SOCKET c = new_tcp();
    assert_int_equal(connect(c, (struct sockaddr *)&addr, sizeof(addr)), 0);
    assert_int_equal(send(c, "z", 1, 0), 1);
    /* Closed once the AcceptEx has completed (the machine may be slow to get there). */
    for (int i = 0;
         i < 500 && (DWORD)__atomic_load_n(&ov.Internal, __ATOMIC_ACQUIRE) == (DWORD)STATUS_PENDING;
         i++)
        Sleep(10);
    assert_int_equal(closesocket(acc), 0);
    expect_packet(port, &ov, KEY, 1, 0);
    assert_int_equal((DWORD)ov.Internal, (DWORD)STATUS_SUCCESS);
    assert_int_equal(buf[0], 'z');
    expect_no_packet(port, 200);
    closesocket(c);
    closesocket(l);
    CloseHandle(port);
}

/*
 * Closing the accept socket of an AcceptEx that has its connection but
 * waits for first data aborts it on the listener's port with the
 * listener's key (WSA_OPERATION_ABORTED, STATUS_CANCELLED; Windows may
 * also say ERROR_CONNECTION_ABORTED).
 */
static void acceptex_waiting_for_data_aborted_by_closing_accept_socket(void **state)
{
    (void)state;
    char buf[1024];
    WSAOVERLAPPED ov;
    struct sockaddr_in addr;
    SOCKET l = listener_open(&addr);
    SOCKET acc = new_tcp();
    HANDLE port = port_for(l, KEY);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)acc, port, ACCEPTOR_KEY, 0), port);
    accept_pending(l, acc, buf, sizeof(buf), &ov);

    SOCKET c = new_tcp();
    assert_int_equal(connect(c, (struct sockaddr *)&addr, sizeof(addr)), 0);
    Sleep(50);
    assert_int_equal(closesocket(acc), 0);
    expect_aborted(port, &ov);
    expect_no_packet(port, 200);
    closesocket(c);
    closesocket(l);
    CloseHandle(port);
}

/* ---- connect and ConnectEx --------------------------------------------------------------- */

static SOCKET bound_tcp(void)
{
    SOCKET s = new_tcp();
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
    return s;
}

static void accept_and_close(SOCKET l)
{
    SOCKET a = INVALID_SOCKET;
    for (int i = 0; i < 500 && a == INVALID_SOCKET; i++) {
        a = accept(l, NULL, NULL);
        if (a == INVALID_SOCKET) {
            assert_wsa_error(WSAEWOULDBLOCK);
            Sleep(10);
        }
    }
    assert_true(a != INVALID_SOCKET);
    closesocket(a);
}

/* connect(), blocking or not, posts nothing to the socket's port. */
static void connect_posts_nothing(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    SOCKET l = listener_open(&addr);

    SOCKET c = new_tcp();
    HANDLE port = port_for(c, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, sizeof(addr)), 0);
    accept_and_close(l);
    expect_no_packet(port, 0);
    closesocket(c);
    CloseHandle(port);

    c = new_tcp();
    port = port_for(c, 0);
    ws2t_set_nonblocking(c, 1);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, sizeof(addr)), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    accept_and_close(l);
    expect_no_packet(port, 100);
    closesocket(c);
    CloseHandle(port);
    closesocket(l);
}

/*
 * ConnectEx pends and then posts its packet (0 bytes, or the bytes it
 * sent), also with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS; an hEvent with its
 * low bit set signals the event and posts nothing.
 */
static void connectex_posts_unless_the_event_low_bit_is_set(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    SOCKET l = listener_open(&addr);
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    assert_non_null(event);

    for (int round = 0; round < 4; round++) {
        SOCKET c = bound_tcp();
        HANDLE port = port_for(c, 0);
        if (round == 3)
            assert_true(SetFileCompletionNotificationModes((HANDLE)c,
                                                           FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
        LPFN_CONNECTEX connect_ex = (LPFN_CONNECTEX)ws2t_extension(c, (GUID)WSAID_CONNECTEX);
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = round == 2 ? (HANDLE)((ULONG_PTR)event | 1) : event;
        const char *data = round == 1 ? "one" : NULL;
        DWORD len = data ? 3 : 0, sent = UNTOUCHED;
        SetLastError(UNTOUCHED);
        assert_false(
            connect_ex(c, (struct sockaddr *)&addr, sizeof(addr), (void *)data, len, &sent, &ov));
        assert_int_equal(GetLastError(), ERROR_IO_PENDING);
        assert_int_equal(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
        DWORD bytes = UNTOUCHED;
        assert_true(GetOverlappedResult((HANDLE)c, &ov, &bytes, FALSE));
        assert_int_equal(bytes, len);
        accept_and_close(l);
        if (round == 2)
            expect_no_packet(port, 100);
        else
            expect_packet(port, &ov, 0, len, 0);
        closesocket(c);
        CloseHandle(port);
    }
    CloseHandle(event);
    closesocket(l);
}

/*
 * A refused ConnectEx with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: it pends,
 * fails with ERROR_CONNECTION_REFUSED and 0 bytes, and posts that failure.
 */
static void refused_connectex_posts_its_failure(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    SOCKET l = listener_open(&addr);
    closesocket(l); /* nothing listens there now */

    SOCKET c = bound_tcp();
    HANDLE port = port_for(c, 0);
    assert_true(
        SetFileCompletionNotificationModes((HANDLE)c, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
    LPFN_CONNECTEX connect_ex = (LPFN_CONNECTEX)ws2t_extension(c, (GUID)WSAID_CONNECTEX);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, FALSE, FALSE, NULL);
    DWORD sent = UNTOUCHED;
    SetLastError(UNTOUCHED);
    assert_false(connect_ex(c, (struct sockaddr *)&addr, sizeof(addr), NULL, 0, &sent, &ov));
    assert_int_equal(GetLastError(), ERROR_IO_PENDING);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 15000), WAIT_OBJECT_0);
    DWORD bytes = UNTOUCHED;
    assert_false(GetOverlappedResult((HANDLE)c, &ov, &bytes, FALSE));
    assert_int_equal(GetLastError(), ERROR_CONNECTION_REFUSED);
    assert_int_equal(bytes, 0);
    expect_packet(port, &ov, 0, 0, ERROR_CONNECTION_REFUSED);
    CloseHandle(ov.hEvent);
    closesocket(c);
    CloseHandle(port);
}

/* ---- shutdown, WSASendDisconnect, WSARecvDisconnect, DisconnectEx ------------------------ */

/* A connected client associated with a new port (key 0); the accepted end in *server. */
static SOCKET connected_on_port(SOCKET l, const struct sockaddr_in *addr, SOCKET *server,
                                HANDLE *port, bool skip_on_success)
{
    SOCKET c = new_tcp();
    *port = port_for(c, 0);
    if (skip_on_success)
        assert_true(
            SetFileCompletionNotificationModes((HANDLE)c, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
    assert_int_equal(connect(c, (const struct sockaddr *)addr, sizeof(*addr)), 0);
    *server = INVALID_SOCKET;
    for (int i = 0; i < 500 && *server == INVALID_SOCKET; i++) {
        *server = accept(l, NULL, NULL);
        if (*server == INVALID_SOCKET)
            Sleep(10);
    }
    assert_true(*server != INVALID_SOCKET);
    return c;
}

/* shutdown, WSASendDisconnect and WSARecvDisconnect succeed and post nothing. */
static void shutdown_and_disconnect_calls_post_nothing(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    SOCKET l = listener_open(&addr);
    SOCKET server;
    HANDLE port;

    SOCKET c = connected_on_port(l, &addr, &server, &port, false);
    assert_int_equal(shutdown(c, SD_BOTH), 0);
    expect_no_packet(port, 100);
    closesocket(server);
    closesocket(c);
    CloseHandle(port);

    c = connected_on_port(l, &addr, &server, &port, false);
    assert_int_equal(WSASendDisconnect(c, NULL), 0);
    assert_int_equal(WSARecvDisconnect(c, NULL), 0);
    expect_no_packet(port, 100);
    closesocket(server);
    closesocket(c);
    CloseHandle(port);
    closesocket(l);
}

/*
 * DisconnectEx with an OVERLAPPED pends and posts its packet (0 bytes) even
 * with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS; without one it returns TRUE
 * (last error 0) and posts nothing; with the low bit of hEvent set it
 * signals the event and posts nothing.
 */
static void disconnectex_posts_only_when_overlapped_without_low_bit(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    SOCKET l = listener_open(&addr);
    SOCKET server;
    HANDLE port;
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    assert_non_null(event);
    WSAOVERLAPPED ov;

    SOCKET c = connected_on_port(l, &addr, &server, &port, true);
    LPFN_DISCONNECTEX disconnect_ex =
        (LPFN_DISCONNECTEX)ws2t_extension(c, (GUID)WSAID_DISCONNECTEX);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    SetLastError(UNTOUCHED);
    assert_false(disconnect_ex(c, &ov, 0, 0));
    assert_int_equal(GetLastError(), ERROR_IO_PENDING);
    assert_int_equal(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    DWORD bytes = UNTOUCHED;
    assert_true(GetOverlappedResult((HANDLE)c, &ov, &bytes, TRUE));
    assert_int_equal(bytes, 0);
    expect_packet(port, &ov, 0, 0, 0);
    closesocket(server);
    closesocket(c);
    CloseHandle(port);

    c = connected_on_port(l, &addr, &server, &port, false);
    SetLastError(UNTOUCHED);
    assert_true(disconnect_ex(c, NULL, 0, 0));
    assert_int_equal(GetLastError(), 0);
    expect_no_packet(port, 100);
    closesocket(server);
    closesocket(c);
    CloseHandle(port);

    c = connected_on_port(l, &addr, &server, &port, false);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = (HANDLE)((ULONG_PTR)event | 1);
    SetLastError(UNTOUCHED);
    assert_false(disconnect_ex(c, &ov, 0, 0));
    assert_int_equal(GetLastError(), ERROR_IO_PENDING);
    assert_int_equal(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    bytes = UNTOUCHED;
    assert_true(GetOverlappedResult((HANDLE)c, &ov, &bytes, TRUE));
    assert_int_equal(bytes, 0);
    expect_no_packet(port, 100);
    closesocket(server);
    closesocket(c);
    CloseHandle(port);

    CloseHandle(event);
    closesocket(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pending_recv_on_peer_reset_posts_netname_deleted,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(immediate_failures_after_reset_post_nothing, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(immediate_successes_post_a_packet, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(recv_on_unconnected_socket_posts_nothing, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_aborted_on_the_port_associated_before_or_after,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_through_a_copy_aborted_when_its_handles_close,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_completes_with_the_listeners_key, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_with_first_byte_then_accept_socket_closed,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_waiting_for_data_aborted_by_closing_accept_socket,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(connect_posts_nothing, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(connectex_posts_unless_the_event_low_bit_is_set, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(refused_connectex_posts_its_failure, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(shutdown_and_disconnect_calls_post_nothing, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(disconnectex_posts_only_when_overlapped_without_low_bit,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("iocp_conformance", tests, NULL, NULL);
}
