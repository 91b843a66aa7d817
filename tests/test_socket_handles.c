/*
 * Socket handles are file handles: CloseHandle closes a SOCKET, the handle
 * can be waited on (signaled when an operation without an event of its own
 * completes), and DuplicateHandle in this process gives a second handle
 * that Winsock calls accept.
 *
 * CloseHandle's documentation lists sockets among the objects it closes.
 * "Synchronization and Overlapped Input and Output": "If an event is not
 * used, each completed I/O operation will signal the file"; the I/O
 * manager resets the file's event when it takes a request, and a file
 * object starts not signaled.  SetFileCompletionNotificationModes,
 * FILE_SKIP_SET_EVENT_ON_HANDLE: "the I/O manager does not set the event for
 * the file object".  Observed on Windows (Wine's conformance tests): a
 * WSARecv pending on a completion port completes when the socket is closed
 * by closesocket, by CloseHandle or by NtClose alike, with one packet.
 */
#include <stdbool.h>
#include <string.h>

#include "testlib.h"

#define STATUS_CANCELLED_VALUE 0xC0000120u
#define AT_ONCE_MS             1500

static void pair(SOCKET *a, SOCKET *b)
{
    ws2t_tcp_pair(AF_INET, a, b);
}

/* Issues an overlapped one-buffer WSARecv that must pend. */
static void recv_pending(SOCKET s, WSABUF *buf, OVERLAPPED *ov,
                         LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    DWORD flags = 0;
    assert_int_equal(WSARecv(s, buf, 1, NULL, &flags, ov, routine), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
}

/* --- CloseHandle ----------------------------------------------------------- */

/*
 * CloseHandle closes the socket: TRUE, the last error untouched (a kernel32
 * call that succeeds does not clear it), every later Winsock call through
 * the value WSAENOTSOCK, and the peer sees the graceful close (end of
 * stream).
 */
static void close_handle_closes_socket(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    SetLastError(1234);
    assert_true(CloseHandle((HANDLE)a));
    assert_int_equal(GetLastError(), 1234);

    assert_int_equal(send(a, "x", 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(closesocket(a), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    SetLastError(0);
    assert_false(CloseHandle((HANDLE)a));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);

    char c;
    assert_int_equal(recv(b, &c, 1, 0), 0);
    closesocket(b);
}

/*
 * The regression: a WSARecv pending on a completion port with an OVERLAPPED
 * on the caller's stack.  CloseHandle aborts it before it returns (one
 * packet: ERROR_OPERATION_ABORTED, the key, the OVERLAPPED, no bytes,
 * STATUS_CANCELLED in Internal), so nothing is written into the OVERLAPPED
 * after the function that owns it has returned.
 */
static void recv_in_frame(SOCKET s, HANDLE port, OVERLAPPED **seen, DWORD *error, DWORD *bytes,
                          ULONG_PTR *key, ULONG_PTR *internal)
{
    char data[64];
    WSABUF buf = {sizeof(data), data};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    recv_pending(s, &buf, &ov, NULL);
    assert_true(CloseHandle((HANDLE)s));
    /* Already queued: a zero time-out finds it. */
    *seen = NULL;
    BOOL ok = GetQueuedCompletionStatus(port, bytes, key, seen, 0);
    *error = ok ? 0 : GetLastError();
    assert_ptr_equal(*seen, &ov);
    *internal = ov.Internal;
}

static void close_handle_aborts_pending_recv_before_returning(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    HANDLE port = CreateIoCompletionPort((HANDLE)a, NULL, 77, 0);
    assert_non_null(port);
    OVERLAPPED *seen;
    DWORD error, bytes = 99;
    ULONG_PTR key = 0, internal = 0;
    recv_in_frame(a, port, &seen, &error, &bytes, &key, &internal);
    assert_int_equal(error, ERROR_OPERATION_ABORTED);
    assert_int_equal(bytes, 0);
    assert_int_equal(key, 77);
    assert_int_equal(internal, STATUS_CANCELLED_VALUE);
    /* Exactly one packet. */
    OVERLAPPED *again = NULL;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &again, 100));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    assert_true(CloseHandle(port));
    closesocket(b);
}

/* With an event: the event is set, and GetOverlappedResult reads the abort after the close. */
static void close_handle_aborts_pending_recv_with_event(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    char data[16];
    WSABUF buf = {sizeof(data), data};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    recv_pending(a, &buf, &ov, NULL);
    assert_true(CloseHandle((HANDLE)a));
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
    DWORD bytes = 5;
    assert_false(GetOverlappedResult((HANDLE)a, &ov, &bytes, FALSE));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    assert_int_equal(bytes, 0);
    WSACloseEvent(ov.hEvent);
    closesocket(b);
}

/* SO_LINGER {1, 0} still means a hard close: the peer sees the reset. */
static void close_handle_with_linger_zero_resets(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    struct linger l = {1, 0};
    assert_int_equal(setsockopt(a, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l)), 0);
    assert_int_equal(send(a, "abc", 3, 0), 3);
    assert_true(CloseHandle((HANDLE)a));
    int last = 1, err = 0;
    ws2t_drain(b, &last, &err);
    assert_int_equal(last, SOCKET_ERROR);
    assert_int_equal(err, WSAECONNRESET);
    closesocket(b);
}

/*
 * SO_LINGER {1, n} with data the peer has not taken: closesocket would wait
 * up to n seconds (blocking) or fail with WSAEWOULDBLOCK (non-blocking);
 * CloseHandle does neither — it returns TRUE at once, the handle is gone,
 * and the data goes on to the peer, followed by the end of the stream.
 */
static void close_handle_lingering_socket(bool nonblocking)
{
    SOCKET a, b;
    pair(&a, &b);
    struct linger l = {1, 5};
    assert_int_equal(setsockopt(a, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l)), 0);
    size_t queued = ws2t_fill_until_blocked(a);
    assert_true(queued > 0);
    if (nonblocking) {
        ws2t_set_nonblocking(a, 1);
        assert_int_equal(closesocket(a), SOCKET_ERROR); /* Windows' closesocket refuses */
        assert_wsa_error(WSAEWOULDBLOCK);
    }
    uint64_t start = ws2t_now_ms();
    assert_true(CloseHandle((HANDLE)a));
    assert_true(ws2t_now_ms() - start < AT_ONCE_MS);
    assert_int_equal(send(a, "x", 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    int last = 1;
    assert_int_equal(ws2t_drain(b, &last, NULL), queued);
    assert_int_equal(last, 0);
    closesocket(b);
}

static void close_handle_does_not_wait_for_linger(void **state)
{
    (void)state;
    close_handle_lingering_socket(false);
}

static void close_handle_closes_nonblocking_lingering_socket(void **state)
{
    (void)state;
    close_handle_lingering_socket(true);
}

/*
 * HANDLE_FLAG_PROTECT_FROM_CLOSE on a socket handle: CloseHandle fails with
 * ERROR_INVALID_HANDLE (NtClose's STATUS_HANDLE_NOT_CLOSABLE) and the
 * socket goes on working; without the flag it closes.
 */
static void protected_socket_handle_is_not_closed(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    assert_true(SetHandleInformation((HANDLE)a, HANDLE_FLAG_PROTECT_FROM_CLOSE,
                                     HANDLE_FLAG_PROTECT_FROM_CLOSE));
    DWORD flags = 0;
    assert_true(GetHandleInformation((HANDLE)a, &flags));
    assert_int_equal(flags, HANDLE_FLAG_PROTECT_FROM_CLOSE);
    SetLastError(0);
    assert_false(CloseHandle((HANDLE)a));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_int_equal(send(a, "k", 1, 0), 1);
    char c = 0;
    assert_int_equal(recv(b, &c, 1, 0), 1);
    assert_int_equal(c, 'k');
    assert_true(SetHandleInformation((HANDLE)a, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0));
    assert_true(CloseHandle((HANDLE)a));
    closesocket(b);
}

/* --- Waiting on a socket --------------------------------------------------- */

/* A new socket's file event is not signaled; nor is a connected socket's with nothing done. */
static void new_socket_is_not_signaled(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(WaitForSingleObject((HANDLE)s, 0), WAIT_TIMEOUT);
    closesocket(s);
    SOCKET a, b;
    pair(&a, &b);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 0), WAIT_TIMEOUT);
    closesocket(a);
    closesocket(b);
}

struct sender {
    SOCKET s;
    DWORD delay_ms;
};

static DWORD WINAPI send_later(LPVOID p)
{
    struct sender *sd = p;
    Sleep(sd->delay_ms);
    return send(sd->s, "hello", 5, 0) == 5 ? 0 : 1;
}

/*
 * An overlapped receive without an event: the socket handle is signaled
 * when it completes (a waiting thread wakes, also among other objects in
 * WaitForMultipleObjects), stays signaled, and is reset by the next
 * operation issued on the socket.
 */
static void completion_without_event_signals_socket(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    char data[16];
    WSABUF buf = {sizeof(data), data};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    recv_pending(a, &buf, &ov, NULL);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 0), WAIT_TIMEOUT);

    struct sender sd = {b, 200};
    HANDLE t = ws2t_thread(send_later, &sd);
    HANDLE other = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE objects[2] = {other, (HANDLE)a};
    assert_int_equal(WaitForMultipleObjects(2, objects, FALSE, 10000), WAIT_OBJECT_0 + 1);
    ws2t_join(t);
    DWORD bytes = 0;
    assert_true(GetOverlappedResult((HANDLE)a, &ov, &bytes, FALSE));
    assert_int_equal(bytes, 5);
    assert_memory_equal(data, "hello", 5);
    /* A notification event: it stays signaled for every waiter. */
    assert_int_equal(WaitForSingleObject((HANDLE)a, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 0), WAIT_OBJECT_0);

    /* The next operation resets it; its completion sets it again. */
    memset(&ov, 0, sizeof(ov));
    recv_pending(a, &buf, &ov, NULL);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 0), WAIT_TIMEOUT);
    assert_int_equal(send(b, "again", 5, 0), 5);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 10000), WAIT_OBJECT_0);
    assert_true(GetOverlappedResult((HANDLE)a, &ov, &bytes, FALSE));
    assert_int_equal(bytes, 5);

    CloseHandle(other);
    closesocket(a);
    closesocket(b);
}

/* Through a completion port (hEvent NULL) the socket is signaled too, and the packet comes. */
static void completion_on_port_signals_socket(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    HANDLE port = CreateIoCompletionPort((HANDLE)a, NULL, 5, 0);
    assert_non_null(port);
    char data[16];
    WSABUF buf = {sizeof(data), data};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    recv_pending(a, &buf, &ov, NULL);
    assert_int_equal(send(b, "abc", 3, 0), 3);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 10000), WAIT_OBJECT_0);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    OVERLAPPED *seen = NULL;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &seen, 10000));
    assert_ptr_equal(seen, &ov);
    assert_int_equal(bytes, 3);
    assert_int_equal(key, 5);
    CloseHandle(port);
    closesocket(a);
    closesocket(b);
}

/* An operation with its own event sets that event, not the socket. */
static void completion_with_event_leaves_socket_unsignaled(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    char data[16];
    WSABUF buf = {sizeof(data), data};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    recv_pending(a, &buf, &ov, NULL);
    assert_int_equal(send(b, "abc", 3, 0), 3);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 100), WAIT_TIMEOUT);
    WSACloseEvent(ov.hEvent);
    closesocket(a);
    closesocket(b);
}

/* FILE_SKIP_SET_EVENT_ON_HANDLE: the completion no longer signals the socket. */
static void skip_set_event_on_handle_leaves_socket_unsignaled(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    assert_true(SetFileCompletionNotificationModes((HANDLE)a, FILE_SKIP_SET_EVENT_ON_HANDLE));
    char data[16];
    WSABUF buf = {sizeof(data), data};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    recv_pending(a, &buf, &ov, NULL);
    assert_int_equal(send(b, "abc", 3, 0), 3);
    DWORD bytes = 0;
    assert_true(GetOverlappedResult((HANDLE)a, &ov, &bytes, TRUE));
    assert_int_equal(bytes, 3);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 100), WAIT_TIMEOUT);
    closesocket(a);
    closesocket(b);
}

static DWORD routine_calls;

static void CALLBACK count_routine(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)error;
    (void)bytes;
    (void)ov;
    (void)flags;
    routine_calls++;
}

/*
 * With a completion routine (hEvent is then the application's): the socket
 * is signaled at completion, before the routine runs in an alertable wait.
 */
static void completion_routine_operation_signals_socket(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    char data[16];
    WSABUF buf = {sizeof(data), data};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    routine_calls = 0;
    recv_pending(a, &buf, &ov, count_routine);
    assert_int_equal(send(b, "abc", 3, 0), 3);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 10000), WAIT_OBJECT_0);
    assert_int_equal(routine_calls, 0);
    assert_int_equal(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(routine_calls, 1);
    closesocket(a);
    closesocket(b);
}

/*
 * The same, many times over: the completion signals the socket and queues
 * the routine in one step (Windows' I/O manager does both in the issuing
 * thread), so a thread that the socket's signal wakes always finds the
 * routine queued and its next alertable wait runs it.  The completing
 * engine thread must not wake the waiter between the two.
 */
static void routine_queued_when_socket_signal_wakes_waiter(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    for (int i = 0; i < 300; i++) {
        char data[16];
        WSABUF buf = {sizeof(data), data};
        OVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        routine_calls = 0;
        recv_pending(a, &buf, &ov, count_routine);
        assert_int_equal(send(b, "x", 1, 0), 1);
        assert_int_equal(WaitForSingleObject((HANDLE)a, 10000), WAIT_OBJECT_0);
        assert_int_equal(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
        assert_int_equal(routine_calls, 1);
    }
    closesocket(a);
    closesocket(b);
}

struct waiter {
    SOCKET s;
    DWORD result;
};

static DWORD WINAPI wait_on_socket(LPVOID p)
{
    struct waiter *w = p;
    w->result = WaitForSingleObject((HANDLE)w->s, 10000);
    return 0;
}

/*
 * A thread waiting on the socket while an operation without an event is
 * pending wakes when the socket is closed: the close completes the
 * operation (aborted), which signals the file.
 */
static void close_wakes_thread_waiting_on_socket(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    char data[16];
    WSABUF buf = {sizeof(data), data};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    recv_pending(a, &buf, &ov, NULL);
    struct waiter w = {a, 0xdead};
    HANDLE t = ws2t_thread(wait_on_socket, &w);
    Sleep(100);
    assert_int_equal(closesocket(a), 0);
    ws2t_join(t);
    assert_int_equal(w.result, WAIT_OBJECT_0);
    DWORD bytes = 0;
    assert_false(GetOverlappedResult((HANDLE)a, &ov, &bytes, FALSE));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    closesocket(b);
}

/* --- DuplicateHandle ------------------------------------------------------- */

static SOCKET dup_socket(SOCKET s, DWORD options)
{
    HANDLE d = NULL;
    assert_true(DuplicateHandle(GetCurrentProcess(), (HANDLE)s, GetCurrentProcess(), &d, 0, FALSE,
                                options));
    assert_non_null(d);
    assert_true((SOCKET)d != s);
    return (SOCKET)d;
}

/*
 * The duplicate is a socket handle for the same connection: Winsock calls
 * accept it (send, recv, getsockopt), closing the original leaves it
 * working (the peer sees no end of stream), and the last close ends the
 * connection.
 */
static void duplicated_socket_handle_works_with_winsock(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    SOCKET d = dup_socket(a, DUPLICATE_SAME_ACCESS);
    int type = 0, len = sizeof(type);
    assert_int_equal(getsockopt(d, SOL_SOCKET, SO_TYPE, (char *)&type, &len), 0);
    assert_int_equal(type, SOCK_STREAM);
    assert_int_equal(send(d, "dup", 3, 0), 3);
    char got[8] = {0};
    assert_int_equal(recv(b, got, sizeof(got), 0), 3);
    assert_memory_equal(got, "dup", 3);

    assert_int_equal(closesocket(a), 0);
    assert_int_equal(send(b, "back", 4, 0), 4);
    assert_int_equal(recv(d, got, sizeof(got), 0), 4);
    assert_memory_equal(got, "back", 4);
    /* The original's close did not end the connection. */
    ws2t_set_nonblocking(b, 1);
    assert_int_equal(recv(b, got, sizeof(got), 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    ws2t_set_nonblocking(b, 0);

    assert_true(CloseHandle((HANDLE)d));
    assert_int_equal(recv(b, got, sizeof(got), 0), 0);
    closesocket(b);
}

/* DUPLICATE_CLOSE_SOURCE: the original value is closed, the duplicate carries the connection. */
static void duplicate_close_source_moves_socket(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    SOCKET d = dup_socket(a, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE);
    assert_int_equal(send(a, "x", 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(send(d, "y", 1, 0), 1);
    char c = 0;
    assert_int_equal(recv(b, &c, 1, 0), 1);
    assert_int_equal(c, 'y');
    closesocket(d);
    assert_int_equal(recv(b, &c, 1, 0), 0);
    closesocket(b);
}

/* The completion-port association is the socket's: an operation through the duplicate posts there.
 */
static void duplicated_socket_shares_completion_port(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    HANDLE port = CreateIoCompletionPort((HANDLE)a, NULL, 31, 0);
    assert_non_null(port);
    SOCKET d = dup_socket(a, DUPLICATE_SAME_ACCESS);
    char data[16];
    WSABUF buf = {sizeof(data), data};
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    recv_pending(d, &buf, &ov, NULL);
    assert_int_equal(send(b, "port", 4, 0), 4);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    OVERLAPPED *seen = NULL;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &seen, 10000));
    assert_ptr_equal(seen, &ov);
    assert_int_equal(key, 31);
    assert_int_equal(bytes, 4);
    closesocket(a);
    closesocket(d);
    closesocket(b);
    CloseHandle(port);
}

/* bInheritHandle sets HANDLE_FLAG_INHERIT on the new socket handle only. */
static void duplicated_socket_takes_inherit_flag(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    HANDLE d = NULL;
    assert_true(DuplicateHandle(GetCurrentProcess(), (HANDLE)a, GetCurrentProcess(), &d, 0, TRUE,
                                DUPLICATE_SAME_ACCESS));
    DWORD flags = 99;
    assert_true(GetHandleInformation(d, &flags));
    assert_int_equal(flags, HANDLE_FLAG_INHERIT);
    assert_true(GetHandleInformation((HANDLE)a, &flags));
    assert_int_equal(flags, 0);
    closesocket((SOCKET)d);
    closesocket(a);
    closesocket(b);
}

/* --- ReadFile / WriteFile -------------------------------------------------- */

/* Overlapped ReadFile on a socket is an operation of the socket: its port and its file event. */
static void overlapped_readfile_on_socket_completes_on_port(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    HANDLE port = CreateIoCompletionPort((HANDLE)a, NULL, 9, 0);
    assert_non_null(port);
    char data[16];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_false(ReadFile((HANDLE)a, data, sizeof(data), NULL, &ov));
    assert_int_equal(GetLastError(), ERROR_IO_PENDING);
    DWORD written = 0;
    assert_true(WriteFile((HANDLE)b, "file", 4, &written, NULL));
    assert_int_equal(written, 4);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    OVERLAPPED *seen = NULL;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &seen, 10000));
    assert_ptr_equal(seen, &ov);
    assert_int_equal(key, 9);
    assert_int_equal(bytes, 4);
    assert_memory_equal(data, "file", 4);
    assert_int_equal(WaitForSingleObject((HANDLE)a, 0), WAIT_OBJECT_0);
    CloseHandle(port);
    CloseHandle((HANDLE)a);
    CloseHandle((HANDLE)b);
}

/*
 * ReadFile on a socket whose peer reset the connection fails as kernel32
 * reports AFD's STATUS_CONNECTION_RESET: ERROR_NETNAME_DELETED (not the
 * Winsock code WSAECONNRESET); WriteFile afterwards likewise fails with a
 * Win32 code, never a Winsock one.
 */
static void readfile_on_reset_socket_reports_win32_error(void **state)
{
    (void)state;
    SOCKET a, b;
    pair(&a, &b);
    struct linger l = {1, 0};
    assert_int_equal(setsockopt(b, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l)), 0);
    assert_int_equal(closesocket(b), 0);
    char data[8];
    DWORD n = 7;
    SetLastError(0);
    assert_false(ReadFile((HANDLE)a, data, sizeof(data), &n, NULL));
    assert_int_equal(GetLastError(), ERROR_NETNAME_DELETED);
    assert_int_equal(n, 0);
    closesocket(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(close_handle_closes_socket),
        cmocka_unit_test(close_handle_aborts_pending_recv_before_returning),
        cmocka_unit_test(close_handle_aborts_pending_recv_with_event),
        cmocka_unit_test(close_handle_with_linger_zero_resets),
        cmocka_unit_test(close_handle_does_not_wait_for_linger),
        cmocka_unit_test(close_handle_closes_nonblocking_lingering_socket),
        cmocka_unit_test(protected_socket_handle_is_not_closed),
        cmocka_unit_test(new_socket_is_not_signaled),
        cmocka_unit_test(completion_without_event_signals_socket),
        cmocka_unit_test(completion_on_port_signals_socket),
        cmocka_unit_test(completion_with_event_leaves_socket_unsignaled),
        cmocka_unit_test(skip_set_event_on_handle_leaves_socket_unsignaled),
        cmocka_unit_test(completion_routine_operation_signals_socket),
        cmocka_unit_test(routine_queued_when_socket_signal_wakes_waiter),
        cmocka_unit_test(close_wakes_thread_waiting_on_socket),
        cmocka_unit_test(duplicated_socket_handle_works_with_winsock),
        cmocka_unit_test(duplicate_close_source_moves_socket),
        cmocka_unit_test(duplicated_socket_shares_completion_port),
        cmocka_unit_test(duplicated_socket_takes_inherit_flag),
        cmocka_unit_test(overlapped_readfile_on_socket_completes_on_port),
        cmocka_unit_test(readfile_on_reset_socket_reports_win32_error),
    };
    return cmocka_run_group_tests(tests, ws2t_setup, ws2t_teardown);
}
