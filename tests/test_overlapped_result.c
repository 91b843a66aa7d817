/*
 * Reading an OVERLAPPED back: WSAGetOverlappedResult and GetOverlappedResult
 * as Windows implements them.
 *
 * Both read OVERLAPPED.Internal, an NTSTATUS.  While it is STATUS_PENDING
 * they fail with WSA_IO_INCOMPLETE / ERROR_IO_INCOMPLETE, or with fWait
 * wait once — on hEvent if there is one, else on the handle — and read
 * Internal again.  Then NT_SUCCESS decides: a success or informational
 * status (STATUS_PENDING included, which a wait that found the event
 * already signalled reads back) returns TRUE; a warning (STATUS_BUFFER_OVERFLOW:
 * WSAEMSGSIZE, ERROR_MORE_DATA) or an error returns FALSE with the mapped
 * code.
 *
 * GetOverlappedResult uses its handle only for that wait: it reads an
 * operation that closesocket aborted although the socket is gone.
 * WSAGetOverlappedResult goes through ws2_32's socket table first (as
 * Windows' ws2_32 does) and fails with WSAENOTSOCK once the socket is
 * closed.
 */
#include <string.h>

#include "testlib.h"

#define STATUS_CANCELLED_VALUE       0xC0000120u
#define STATUS_BUFFER_OVERFLOW_VALUE 0x80000005u
#define STATUS_OBJECT_NAME_EXISTS    0x40000000u /* an informational status */
#define STATUS_RECEIVE_PARTIAL       0x4000000Fu /* another one, from the network stack */

/* Runs one result call on a helper thread, so that a call that never returns fails the test. */
struct result_call {
    BOOL wsa; /* WSAGetOverlappedResult, else GetOverlappedResult */
    SOCKET s;
    WSAOVERLAPPED *ov;
    BOOL wait;
    BOOL ret;
    DWORD bytes, flags, error;
};

static DWORD WINAPI result_call_main(LPVOID p)
{
    struct result_call *c = p;
    c->bytes = c->flags = 0xDEAD;
    if (c->wsa) {
        c->ret = WSAGetOverlappedResult(c->s, c->ov, &c->bytes, c->wait, &c->flags);
        c->error = (DWORD)WSAGetLastError();
    } else {
        c->ret = GetOverlappedResult((HANDLE)c->s, c->ov, &c->bytes, c->wait);
        c->error = GetLastError();
    }
    return 0;
}

static void result_call(struct result_call *c)
{
    HANDLE t = ws2t_thread(result_call_main, c);
    if (WaitForSingleObject(t, 5000) != WAIT_OBJECT_0)
        fail_msg("%s(fWait=%d) did not return within 5 s",
                 c->wsa ? "WSAGetOverlappedResult" : "GetOverlappedResult", c->wait);
    CloseHandle(t);
}

static SOCKET tcp_socket(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    return s;
}

/*
 * fWait with Internal STATUS_PENDING and the event already signalled: the
 * wait on the event ends at once, Internal still reads STATUS_PENDING, a
 * success status, and the call returns TRUE (the repro measured 100% CPU
 * and no return here: the call waited again and again on the set event).
 */
static void wait_on_an_already_signalled_event_returns_true(void **state)
{
    (void)state;
    SOCKET s = tcp_socket();
    for (int wsa = 0; wsa < 2; wsa++) {
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        ov.Internal = STATUS_PENDING;
        ov.InternalHigh = 5;
        ov.hEvent = CreateEventW(NULL, TRUE, TRUE, NULL);
        assert_non_null(ov.hEvent);
        struct result_call c = {.wsa = wsa, .s = s, .ov = &ov, .wait = TRUE};
        result_call(&c);
        assert_true(c.ret);
        assert_int_equal(c.bytes, 5);
        /* Without fWait it is still incomplete: only the wait turns it into success. */
        c.wait = FALSE;
        result_call(&c);
        assert_false(c.ret);
        assert_int_equal(c.error, wsa ? (DWORD)WSA_IO_INCOMPLETE : ERROR_IO_INCOMPLETE);
        CloseHandle(ov.hEvent);
    }
    closesocket(s);
}

/* The same with a real pending receive whose event the application sets itself. */
static void application_set_event_ends_the_wait_of_a_pending_receive(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    char buf[8];
    WSABUF b = {sizeof(buf), buf};
    DWORD flags = 0, got = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_true(WSASetEvent(ov.hEvent));
    struct result_call call = {.wsa = TRUE, .s = s, .ov = &ov, .wait = TRUE};
    result_call(&call);
    assert_true(call.ret);
    assert_false(HasOverlappedIoCompleted(&ov));
    /* The receive is still there and completes normally. */
    assert_true(WSAResetEvent(ov.hEvent));
    assert_int_equal(send(c, "abc", 3, 0), 3);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    assert_true(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags));
    assert_int_equal(got, 3);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/* Checks one final status through both calls. */
static void expect_status(SOCKET s, DWORD status, BOOL ok, int wsa_error, DWORD win32_error)
{
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Internal = status;
    ov.InternalHigh = 7;
    ov.Offset = MSG_PARTIAL;
    for (int wsa = 0; wsa < 2; wsa++) {
        for (int wait = 0; wait < 2; wait++) {
            struct result_call c = {.wsa = wsa, .s = s, .ov = &ov, .wait = wait};
            result_call(&c);
            if (c.ret != ok)
                fail_msg("status %#lx: %s(fWait=%d) returned %d, error %lu (Windows: %d)",
                         (unsigned long)status,
                         wsa ? "WSAGetOverlappedResult" : "GetOverlappedResult", wait, c.ret,
                         (unsigned long)c.error, ok);
            /* Both write the byte count before they look at the status. */
            assert_int_equal(c.bytes, 7);
            if (wsa && ok)
                assert_int_equal(c.flags, MSG_PARTIAL);
            if (!ok)
                assert_int_equal(c.error, wsa ? (DWORD)wsa_error : win32_error);
        }
    }
}

/*
 * NT_SUCCESS, not "equal to STATUS_SUCCESS": success and informational
 * statuses return TRUE; a warning returns FALSE with its mapped code, as an
 * error does.
 */
static void success_and_informational_statuses_return_true(void **state)
{
    (void)state;
    SOCKET s = tcp_socket();
    expect_status(s, 0, TRUE, 0, 0);
    expect_status(s, STATUS_TIMEOUT, TRUE, 0, 0);
    expect_status(s, STATUS_OBJECT_NAME_EXISTS, TRUE, 0, 0);
    expect_status(s, STATUS_RECEIVE_PARTIAL, TRUE, 0, 0);
    expect_status(s, STATUS_BUFFER_OVERFLOW_VALUE, FALSE, WSAEMSGSIZE, ERROR_MORE_DATA);
    expect_status(s, STATUS_CANCELLED_VALUE, FALSE, WSA_OPERATION_ABORTED, ERROR_OPERATION_ABORTED);
    closesocket(s);
}

/*
 * closesocket aborts the pending receive (WSA_OPERATION_ABORTED, event
 * set).  GetOverlappedResult on the closed handle reads the OVERLAPPED and
 * reports ERROR_OPERATION_ABORTED, with and without bWait (the operation is
 * complete, so nothing waits on the handle).  WSAGetOverlappedResult needs
 * the socket: WSAENOTSOCK.
 */
static void aborted_operation_reads_back_after_closesocket(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    char buf[8];
    WSABUF b = {sizeof(buf), buf};
    DWORD flags = 0, got = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSARecv(s, &b, 1, &got, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(closesocket(s), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    assert_true(HasOverlappedIoCompleted(&ov));

    for (BOOL wait = FALSE; wait <= TRUE; wait++) {
        DWORD n = 99;
        SetLastError(0);
        assert_false(GetOverlappedResult((HANDLE)s, &ov, &n, wait));
        assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
        assert_int_equal(n, 0);
    }
    DWORD n = 99;
    assert_false(WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags));
    assert_wsa_error(WSAENOTSOCK);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
}

/*
 * Where Windows would wait on the handle (pending, bWait, no event), a
 * handle that is not open makes the wait, and so the call, fail with
 * ERROR_INVALID_HANDLE instead of waiting forever.
 */
static void wait_without_event_on_a_closed_handle_fails(void **state)
{
    (void)state;
    SOCKET s = tcp_socket();
    assert_int_equal(closesocket(s), 0);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Internal = STATUS_PENDING;
    struct result_call c = {.wsa = FALSE, .s = s, .ov = &ov, .wait = TRUE};
    result_call(&c);
    assert_false(c.ret);
    assert_int_equal(c.error, ERROR_INVALID_HANDLE);
}

/* Windows' ws2_32 checks the pointers before it looks the socket up. */
static void null_pointers_are_efault_before_the_socket_lookup(void **state)
{
    (void)state;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD n, flags;
    assert_false(WSAGetOverlappedResult(INVALID_SOCKET, NULL, &n, FALSE, &flags));
    assert_wsa_error(WSAEFAULT);
    assert_false(WSAGetOverlappedResult(INVALID_SOCKET, &ov, NULL, FALSE, &flags));
    assert_wsa_error(WSAEFAULT);
    assert_false(WSAGetOverlappedResult(INVALID_SOCKET, &ov, &n, FALSE, NULL));
    assert_wsa_error(WSAEFAULT);
    assert_false(WSAGetOverlappedResult(INVALID_SOCKET, &ov, &n, FALSE, &flags));
    assert_wsa_error(WSAENOTSOCK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(wait_on_an_already_signalled_event_returns_true, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(application_set_event_ends_the_wait_of_a_pending_receive,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(success_and_informational_statuses_return_true, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(aborted_operation_reads_back_after_closesocket, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(wait_without_event_on_a_closed_handle_fails, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(null_pointers_are_efault_before_the_socket_lookup,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("overlapped_result", tests, NULL, NULL);
}
