/*
 * Overlapped WSASend/WSARecv, the three ways of being told (events,
 * completion routines, completion ports), and their cancellation by
 * closesocket, CancelIoEx and the final WSACleanup (spec: closesocket.md,
 * WSPCloseSocket.txt, WSACleanup.txt).
 */
#include <string.h>

#include "testlib.h"

#define STATUS_CANCELLED_VALUE 0xC0000120u

static WSAEVENT new_event(void)
{
    WSAEVENT e = WSACreateEvent();
    assert_true(e != WSA_INVALID_EVENT);
    return e;
}

static int post_recv(SOCKET s, char *buf, ULONG len, WSAOVERLAPPED *ov,
                     LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    WSABUF b = {len, buf};
    DWORD flags = 0, got = 0;
    return WSARecv(s, &b, 1, &got, &flags, ov, routine);
}

/*
 * WSARecv: "If no error occurs and the receive operation has completed
 * immediately, WSARecv returns zero ... The error code WSA_IO_PENDING
 * indicates that the overlapped operation has been successfully initiated";
 * while pending, WSAGetOverlappedResult without fWait gives WSA_IO_INCOMPLETE
 * and HasOverlappedIoCompleted is false; completion sets hEvent.
 */
static void recv_pends_then_completes_with_its_event(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    char buf[16];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = new_event();
    assert_int_equal(post_recv(s, buf, sizeof(buf), &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_false(HasOverlappedIoCompleted(&ov));
    DWORD bytes = 99, flags = 99;
    assert_false(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags));
    assert_wsa_error(WSA_IO_INCOMPLETE);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 100, FALSE), WSA_WAIT_TIMEOUT);

    assert_int_equal(send(c, "overlap", 7, 0), 7);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    assert_true(HasOverlappedIoCompleted(&ov));
    assert_true(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags));
    assert_int_equal(bytes, 7);
    assert_int_equal(flags, 0);
    assert_memory_equal(buf, "overlap", 7);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/* Immediate success returns 0 and still signals the event; WSAGetOverlappedResult reads it. */
static void immediate_success_still_completes(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "now", 3, 0), 3);
    Sleep(50);
    char a[2], b[8];
    WSABUF bufs[2] = {{sizeof(a), a}, {sizeof(b), b}}; /* scatter */
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = new_event();
    DWORD got = 0, flags = 0;
    assert_int_equal(WSARecv(s, bufs, 2, &got, &flags, &ov, NULL), 0);
    assert_int_equal(got, 3);
    assert_memory_equal(a, "no", 2);
    assert_int_equal(b[0], 'w');
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    DWORD bytes;
    assert_true(WSAGetOverlappedResult(s, &ov, &bytes, TRUE, &flags));
    assert_int_equal(bytes, 3);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/* "an immediate failure returns SOCKET_ERROR and delivers nothing" */
static void immediate_failure_delivers_nothing(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    char buf[4];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = new_event();
    assert_int_equal(post_recv(s, buf, sizeof(buf), &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAENOTCONN);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 50, FALSE), WSA_WAIT_TIMEOUT);
    WSACloseEvent(ov.hEvent);
    closesocket(s);
}

/* An overlapped send completes only when every byte has been taken. */
static void overlapped_send_completes_whole(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    static char big[8 << 20];
    memset(big, 'x', sizeof(big));
    WSABUF b = {sizeof(big), big};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = new_event();
    DWORD sent = 0;
    int r = WSASend(c, &b, 1, &sent, 0, &ov, NULL);
    assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
    size_t total = 0;
    static char sink[65536];
    while (total < sizeof(big)) {
        int n = recv(s, sink, sizeof(sink), 0);
        assert_true(n > 0);
        total += (size_t)n;
    }
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD bytes, flags;
    assert_true(WSAGetOverlappedResult(c, &ov, &bytes, FALSE, &flags));
    assert_int_equal(bytes, sizeof(big));
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/* Completion routines: an APC to the issuing thread, run only in an alertable wait. */
struct routine_seen {
    DWORD error, bytes, flags, thread;
    LPWSAOVERLAPPED ov;
    int calls;
};

static struct routine_seen seen;

static void CALLBACK note_completion(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    seen.error = error;
    seen.bytes = bytes;
    seen.ov = ov;
    seen.flags = flags;
    seen.thread = GetCurrentThreadId();
    seen.calls++;
}

static void completion_routine_runs_in_an_alertable_wait(void **state)
{
    (void)state;
    memset(&seen, 0, sizeof(seen));
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    char buf[8];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(post_recv(s, buf, sizeof(buf), &ov, note_completion), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(send(c, "apc", 3, 0), 3);
    Sleep(100);
    assert_int_equal(seen.calls, 0); /* not outside an alertable wait */
    assert_int_equal(SleepEx(5000, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(seen.calls, 1);
    assert_int_equal(seen.error, 0);
    assert_int_equal(seen.bytes, 3);
    assert_ptr_equal(seen.ov, &ov);
    assert_int_equal(seen.thread, GetCurrentThreadId());
    closesocket(c);
    closesocket(s);
}

/*
 * closesocket.md: pending overlapped operations "are also canceled. Any
 * event, completion routine, or completion port action specified for these
 * overlapped operations is performed. The pending overlapped operations fail
 * with the error status WSA_OPERATION_ABORTED."
 */
static void closesocket_aborts_with_event_and_routine(void **state)
{
    (void)state;
    memset(&seen, 0, sizeof(seen));
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    char b1[4], b2[4];
    WSAOVERLAPPED ov1, ov2;
    memset(&ov1, 0, sizeof(ov1));
    memset(&ov2, 0, sizeof(ov2));
    ov1.hEvent = new_event();
    assert_int_equal(post_recv(s, b1, sizeof(b1), &ov1, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(post_recv(s, b2, sizeof(b2), &ov2, note_completion), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);

    assert_int_equal(closesocket(s), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov1.hEvent, FALSE, 5000, FALSE),
                     WSA_WAIT_EVENT_0);
    assert_int_equal((DWORD)ov1.Internal, STATUS_CANCELLED_VALUE);
    assert_int_equal(SleepEx(5000, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(seen.calls, 1);
    assert_int_equal(seen.error, WSA_OPERATION_ABORTED);
    assert_ptr_equal(seen.ov, &ov2);
    /* Exactly once: no second routine. */
    assert_int_equal(SleepEx(100, TRUE), 0);
    WSACloseEvent(ov1.hEvent);
    closesocket(c);
}

/* A peer reset completes a pending receive with WSAECONNRESET. */
static void peer_reset_completes_recv_with_connreset(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    char buf[4];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = new_event();
    assert_int_equal(post_recv(s, buf, sizeof(buf), &ov, NULL), SOCKET_ERROR);
    LINGER l = {1, 0};
    setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l));
    closesocket(c);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD bytes, flags;
    assert_false(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags));
    assert_wsa_error(WSAECONNRESET);
    WSACloseEvent(ov.hEvent);
    closesocket(s);
}

/* CancelIoEx: the one operation, with its completion; nothing left → ERROR_NOT_FOUND. */
static void cancelioex_cancels_one_operation(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    char b1[4], b2[4];
    WSAOVERLAPPED ov1, ov2;
    memset(&ov1, 0, sizeof(ov1));
    memset(&ov2, 0, sizeof(ov2));
    ov1.hEvent = new_event();
    ov2.hEvent = new_event();
    post_recv(s, b1, sizeof(b1), &ov1, NULL);
    post_recv(s, b2, sizeof(b2), &ov2, NULL);
    assert_true(CancelIoEx((HANDLE)s, &ov1));
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov1.hEvent, FALSE, 5000, FALSE),
                     WSA_WAIT_EVENT_0);
    DWORD bytes, flags;
    assert_false(WSAGetOverlappedResult(s, &ov1, &bytes, FALSE, &flags));
    assert_wsa_error(WSA_OPERATION_ABORTED);
    assert_false(HasOverlappedIoCompleted(&ov2));
    assert_false(CancelIoEx((HANDLE)s, &ov1));
    assert_int_equal(GetLastError(), ERROR_NOT_FOUND);
    /* The other receive still works. */
    assert_int_equal(send(c, "ok", 2, 0), 2);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov2.hEvent, FALSE, 5000, FALSE),
                     WSA_WAIT_EVENT_0);
    assert_true(WSAGetOverlappedResult(s, &ov2, &bytes, FALSE, &flags));
    assert_int_equal(bytes, 2);
    WSACloseEvent(ov1.hEvent);
    WSACloseEvent(ov2.hEvent);
    closesocket(c);
    closesocket(s);
}

/*
 * Waiting without an event.  GetOverlappedResult: "If the hEvent member of
 * the OVERLAPPED structure is NULL, the system uses the state of the hFile
 * handle to signal when the operation has been completed", and with bWait
 * TRUE "the function does not return until the operation has been
 * completed" — also when it completes by being aborted.  Each test runs the
 * wait on a thread of its own, so that the test's thread can act on the
 * socket meanwhile and fail, instead of hanging, if the wait never ends.
 */
enum waiter_call { WAIT_GET_OVERLAPPED_RESULT, WAIT_WSA_GET_OVERLAPPED_RESULT };

struct waiter {
    enum waiter_call call;
    SOCKET s;
    HANDLE started; /* set just before the waiting call */
    /* Static storage: a failed test leaves the thread waiting on them. */
    char buf[16];
    WSAOVERLAPPED ov;
    BOOL ok;
    DWORD bytes, flags, error;
};

static struct waiter waiter;

static DWORD WINAPI waiter_thread(LPVOID arg)
{
    struct waiter *w = arg;
    SetEvent(w->started);
    if (w->call == WAIT_GET_OVERLAPPED_RESULT) {
        w->ok = GetOverlappedResult((HANDLE)w->s, &w->ov, &w->bytes, TRUE);
        w->error = w->ok ? 0 : GetLastError();
    } else {
        w->ok = WSAGetOverlappedResult(w->s, &w->ov, &w->bytes, TRUE, &w->flags);
        w->error = w->ok ? 0 : (DWORD)WSAGetLastError();
    }
    return 0;
}

/*
 * Posts a receive without an event on s (hEvent NULL, or only its low bit
 * set) and starts a thread that waits for it.  Returns once that thread is
 * about to wait, plus 50 ms, having checked that the wait has not ended.
 */
static HANDLE start_waiter(enum waiter_call call, SOCKET s, HANDLE hEvent)
{
    memset(&waiter, 0, sizeof(waiter));
    waiter.call = call;
    waiter.s = s;
    waiter.bytes = waiter.flags = waiter.error = 99;
    waiter.ov.hEvent = hEvent;
    waiter.started = CreateEventA(NULL, TRUE, FALSE, NULL);
    assert_non_null(waiter.started);
    assert_int_equal(post_recv(s, waiter.buf, sizeof(waiter.buf), &waiter.ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    HANDLE th = CreateThread(NULL, 0, waiter_thread, &waiter, 0, NULL);
    assert_non_null(th);
    assert_int_equal(WaitForSingleObject(waiter.started, 5000), WAIT_OBJECT_0);
    Sleep(50);
    assert_int_equal(WaitForSingleObject(th, 0), WAIT_TIMEOUT); /* still waiting */
    return th;
}

/* The watchdog: the wait must end within 5 s of what ends it, and soon after. */
static void join_waiter(HANDLE th, uint64_t since)
{
    assert_int_equal(WaitForSingleObject(th, 5000), WAIT_OBJECT_0);
    assert_true(ws2t_now_ms() - since < 5000);
    CloseHandle(th);
    CloseHandle(waiter.started);
}

static void wait_without_event_returns_the_bytes(enum waiter_call call, HANDLE hEvent)
{
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE th = start_waiter(call, s, hEvent);
    uint64_t sent_at = ws2t_now_ms();
    assert_int_equal(send(c, "late data", 9, 0), 9);
    join_waiter(th, sent_at);
    assert_true(waiter.ok);
    assert_int_equal(waiter.error, 0);
    assert_int_equal(waiter.bytes, 9);
    if (call == WAIT_WSA_GET_OVERLAPPED_RESULT)
        assert_int_equal(waiter.flags, 0);
    assert_memory_equal(waiter.buf, "late data", 9);
    closesocket(c);
    closesocket(s);
}

static void getoverlappedresult_waits_without_event(void **state)
{
    (void)state;
    wait_without_event_returns_the_bytes(WAIT_GET_OVERLAPPED_RESULT, NULL);
}

/* A low bit set only keeps a completion port away: there is still no event to wait on. */
static void getoverlappedresult_waits_with_low_bit_only(void **state)
{
    (void)state;
    wait_without_event_returns_the_bytes(WAIT_GET_OVERLAPPED_RESULT, (HANDLE)(uintptr_t)1);
}

/*
 * WSAGetOverlappedResult: "The fWait parameter may be set to TRUE only if
 * the overlapped operation selected the event-based completion
 * notification"; without one it waits all the same, as GetOverlappedResult.
 */
static void wsagetoverlappedresult_waits_without_event(void **state)
{
    (void)state;
    wait_without_event_returns_the_bytes(WAIT_WSA_GET_OVERLAPPED_RESULT, NULL);
}

/* closesocket from another thread: the operation is aborted, and that ends the wait. */
static void closesocket_ends_wait_without_event(enum waiter_call call)
{
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE th = start_waiter(call, s, NULL);
    uint64_t closed_at = ws2t_now_ms();
    assert_int_equal(closesocket(s), 0);
    join_waiter(th, closed_at);
    assert_false(waiter.ok);
    assert_int_equal(waiter.error, call == WAIT_GET_OVERLAPPED_RESULT ? ERROR_OPERATION_ABORTED
                                                                      : WSA_OPERATION_ABORTED);
    assert_int_equal((DWORD)waiter.ov.Internal, STATUS_CANCELLED_VALUE);
    closesocket(c);
}

static void closesocket_ends_getoverlappedresult_wait(void **state)
{
    (void)state;
    closesocket_ends_wait_without_event(WAIT_GET_OVERLAPPED_RESULT);
}

static void closesocket_ends_wsagetoverlappedresult_wait(void **state)
{
    (void)state;
    closesocket_ends_wait_without_event(WAIT_WSA_GET_OVERLAPPED_RESULT);
}

/*
 * The final WSACleanup from another thread aborts the operation without
 * any completion action (WSACleanup.txt) — but its status is written, and
 * a thread waiting for it must see it.
 */
static void final_cleanup_ends_wait_without_event(enum waiter_call call)
{
    /*
     * The peer is not one of ours: the cleanup would reset it first, and its
     * reset could complete the receive before the cleanup aborts it.
     */
    int raw;
    SOCKET s = ws2t_connect_to_raw(&raw);
    HANDLE th = start_waiter(call, s, NULL);
    uint64_t cleaned_at = ws2t_now_ms();
    while (WSACleanup() == 0) /* down to the final one */
        ;
    join_waiter(th, cleaned_at);
    assert_false(waiter.ok);
    assert_int_equal(waiter.error, call == WAIT_GET_OVERLAPPED_RESULT ? ERROR_OPERATION_ABORTED
                                                                      : WSA_OPERATION_ABORTED);
    assert_int_equal((DWORD)waiter.ov.Internal, STATUS_CANCELLED_VALUE);
    ws2t_raw_close(raw);
}

static void final_cleanup_ends_getoverlappedresult_wait(void **state)
{
    (void)state;
    final_cleanup_ends_wait_without_event(WAIT_GET_OVERLAPPED_RESULT);
}

static void final_cleanup_ends_wsagetoverlappedresult_wait(void **state)
{
    (void)state;
    final_cleanup_ends_wait_without_event(WAIT_WSA_GET_OVERLAPPED_RESULT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(recv_pends_then_completes_with_its_event, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(immediate_success_still_completes, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(immediate_failure_delivers_nothing, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(overlapped_send_completes_whole, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(completion_routine_runs_in_an_alertable_wait, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(closesocket_aborts_with_event_and_routine, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(peer_reset_completes_recv_with_connreset, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(cancelioex_cancels_one_operation, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(getoverlappedresult_waits_without_event, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(getoverlappedresult_waits_with_low_bit_only, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(wsagetoverlappedresult_waits_without_event, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(closesocket_ends_getoverlappedresult_wait, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(closesocket_ends_wsagetoverlappedresult_wait, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(final_cleanup_ends_getoverlappedresult_wait, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(final_cleanup_ends_wsagetoverlappedresult_wait, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("overlapped", tests, NULL, NULL);
}
