/*
 * Winsock's event calls: WSACreateEvent, WSASetEvent, WSAResetEvent,
 * WSACloseEvent and WSAWaitForMultipleEvents, built on the kernel's events
 * and waits.  Each test quotes the function's documentation.
 */
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 10000

static WSAEVENT wsa_event(void)
{
    WSAEVENT e = WSACreateEvent();
    assert_true(e != WSA_INVALID_EVENT);
    return e;
}

/*
 * The documentation lists WSANOTINITIALISED for these five, but on Windows
 * they are thin wrappers of CreateEvent, SetEvent, ResetEvent, CloseHandle
 * and WaitForMultipleObjectsEx and work without WSAStartup (a Microsoft IOCP
 * sample creates its event before WSAStartup).  A WSA event made without
 * Winsock lives on across a later WSAStartup and WSACleanup.
 */
static void event_calls_work_without_wsastartup(void **state)
{
    (void)state;
    WSASetLastError(WSANOTINITIALISED);
    WSAEVENT e = WSACreateEvent();
    assert_true(e != WSA_INVALID_EVENT);
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
    assert_true(WSASetEvent(e));
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, TRUE, 0, FALSE), WSA_WAIT_EVENT_0);
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    assert_true(WSAResetEvent(e));
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_TIMEOUT);

    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_int_equal(WSACleanup(), 0);
    assert_true(WSASetEvent(e));
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    assert_true(WSACloseEvent(e));
    /* Closed: the handle is gone, as CloseHandle would leave it. */
    assert_false(WSASetEvent(e));
    assert_int_equal(WSAGetLastError(), WSA_INVALID_HANDLE);
}

/*
 * WSACreateEvent: "creates a manual-reset event object with an initial
 * state of nonsignaled".  WSASetEvent signals it until WSAResetEvent
 * ("sets the state of the specified event object to nonsignaled"); any
 * number of waits see it signaled meanwhile.
 */
static void wsa_event_is_manual_reset_and_starts_nonsignaled(void **state)
{
    (void)state;
    WSAEVENT e = wsa_event();
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
    assert_true(WSASetEvent(e));
    for (int i = 0; i < 3; i++)
        assert_int_equal(WSAWaitForMultipleEvents(1, &e, TRUE, 0, FALSE), WSA_WAIT_EVENT_0);
    assert_true(WSAResetEvent(e));
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
    assert_true(WSACloseEvent(e));
}

/*
 * "The WSAEVENT ... handle" is a Windows event handle: a value like any
 * other (a nonzero multiple of 4 below 2^31), usable with
 * WaitForSingleObject, SetEvent and CloseHandle — and kernel events with
 * the WSA calls.
 */
static void wsa_events_are_kernel_events(void **state)
{
    (void)state;
    WSAEVENT e = wsa_event();
    uintptr_t v = (uintptr_t)e;
    assert_true(v != 0 && v % 4 == 0 && v < ((uintptr_t)1 << 31));
    assert_true(SetEvent(e));
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    assert_true(ResetEvent(e));
    HANDLE k = CreateEventA(NULL, TRUE, FALSE, NULL);
    assert_true(WSASetEvent(k));
    HANDLE both[2] = {e, k};
    assert_int_equal(WSAWaitForMultipleEvents(2, both, FALSE, 0, FALSE), WSA_WAIT_EVENT_0 + 1);
    assert_true(WSACloseEvent(k));
    assert_true(CloseHandle(e));
}

/*
 * A closed event is no longer an event: WSASetEvent, WSAResetEvent and a
 * second WSACloseEvent fail with WSA_INVALID_HANDLE ("hEvent is not a valid
 * event object handle"), and WSAWaitForMultipleEvents returns
 * WSA_WAIT_FAILED with WSA_INVALID_HANDLE ("One or more of the values in
 * the lphEvents array is not a valid event object handle").
 */
static void closed_event_is_invalid_handle(void **state)
{
    (void)state;
    WSAEVENT e = wsa_event();
    WSAEVENT live = wsa_event();
    assert_true(WSACloseEvent(e));
    WSASetLastError(0);
    assert_false(WSASetEvent(e));
    assert_int_equal(WSAGetLastError(), WSA_INVALID_HANDLE);
    WSASetLastError(0);
    assert_false(WSAResetEvent(e));
    assert_int_equal(WSAGetLastError(), WSA_INVALID_HANDLE);
    WSASetLastError(0);
    assert_false(WSACloseEvent(e));
    assert_int_equal(WSAGetLastError(), WSA_INVALID_HANDLE);
    WSAEVENT arr[2] = {live, e};
    for (int all = 0; all < 2; all++) {
        WSASetLastError(0);
        assert_int_equal(WSAWaitForMultipleEvents(2, arr, all, 0, FALSE), WSA_WAIT_FAILED);
        assert_int_equal(WSAGetLastError(), WSA_INVALID_HANDLE);
    }
    WSASetLastError(0);
    assert_false(WSASetEvent(WSA_INVALID_EVENT));
    assert_int_equal(WSAGetLastError(), WSA_INVALID_HANDLE);
    /* The live one was untouched. */
    assert_int_equal(WSAWaitForMultipleEvents(1, &live, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
    assert_true(WSACloseEvent(live));
}

/*
 * A socket handle is not an event: WSASetEvent on it fails with
 * WSA_INVALID_HANDLE and the socket keeps working.
 */
static void socket_is_not_an_event(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(s != INVALID_SOCKET);
    WSASetLastError(0);
    assert_false(WSASetEvent((WSAEVENT)s));
    assert_int_equal(WSAGetLastError(), WSA_INVALID_HANDLE);
    WSASetLastError(0);
    assert_false(WSACloseEvent((WSAEVENT)s));
    assert_int_equal(WSAGetLastError(), WSA_INVALID_HANDLE);
    int type = 0, len = sizeof(type);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len), 0);
    assert_int_equal(type, SOCK_DGRAM);
    assert_int_equal(closesocket(s), 0);
}

/*
 * cEvents: "The number of event object handles in the array pointed to by
 * lphEvents. The maximum number of event object handles is
 * WSA_MAXIMUM_WAIT_EVENTS. One or more events must be specified" —
 * otherwise WSA_WAIT_FAILED with WSA_INVALID_PARAMETER ("The cEvents
 * parameter does not contain a valid handle count").
 */
static void wait_count_must_be_1_to_64(void **state)
{
    (void)state;
    WSAEVENT e[WSA_MAXIMUM_WAIT_EVENTS + 1];
    for (int i = 0; i <= WSA_MAXIMUM_WAIT_EVENTS; i++) {
        e[i] = wsa_event();
        assert_true(WSASetEvent(e[i]));
    }
    WSASetLastError(0);
    assert_int_equal(WSAWaitForMultipleEvents(0, e, FALSE, 0, FALSE), WSA_WAIT_FAILED);
    assert_int_equal(WSAGetLastError(), WSA_INVALID_PARAMETER);
    WSASetLastError(0);
    assert_int_equal(WSAWaitForMultipleEvents(0, NULL, TRUE, WSA_INFINITE, TRUE), WSA_WAIT_FAILED);
    assert_int_equal(WSAGetLastError(), WSA_INVALID_PARAMETER);
    WSASetLastError(0);
    assert_int_equal(WSAWaitForMultipleEvents(WSA_MAXIMUM_WAIT_EVENTS + 1, e, FALSE, 0, FALSE),
                     WSA_WAIT_FAILED);
    assert_int_equal(WSAGetLastError(), WSA_INVALID_PARAMETER);
    assert_int_equal(WSAWaitForMultipleEvents(WSA_MAXIMUM_WAIT_EVENTS, e, TRUE, 0, FALSE),
                     WSA_WAIT_EVENT_0);
    for (int i = 0; i <= WSA_MAXIMUM_WAIT_EVENTS; i++)
        assert_true(WSACloseEvent(e[i]));
}

/*
 * fWaitAll FALSE: "the return value minus WSA_WAIT_EVENT_0 indicates the
 * lphEvents array index of the signaled event object that satisfied the
 * wait.  If more than one event object became signaled during the call,
 * this is the array index of the signaled event object with the smallest
 * index value".  fWaitAll TRUE: the wait "is satisfied only when the state
 * of all objects is signaled".
 */
static void wait_any_lowest_index_and_wait_all(void **state)
{
    (void)state;
    WSAEVENT e[4];
    for (int i = 0; i < 4; i++)
        e[i] = wsa_event();
    assert_true(WSASetEvent(e[3]));
    assert_true(WSASetEvent(e[2]));
    assert_int_equal(WSAWaitForMultipleEvents(4, e, FALSE, 0, FALSE), WSA_WAIT_EVENT_0 + 2);
    assert_int_equal(WSAWaitForMultipleEvents(4, e, TRUE, 0, FALSE), WSA_WAIT_TIMEOUT);
    assert_true(WSASetEvent(e[0]));
    assert_int_equal(WSAWaitForMultipleEvents(4, e, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    assert_true(WSASetEvent(e[1]));
    assert_int_equal(WSAWaitForMultipleEvents(4, e, TRUE, 0, FALSE), WSA_WAIT_EVENT_0);
    /* Manual reset: the waits left them all signaled. */
    assert_int_equal(WSAWaitForMultipleEvents(4, e, TRUE, 0, FALSE), WSA_WAIT_EVENT_0);
    for (int i = 0; i < 4; i++)
        assert_true(WSACloseEvent(e[i]));
}

/*
 * dwTimeout: "If dwTimeout is zero, the function tests the state of the
 * specified event objects and returns immediately.  If dwTimeout is
 * WSA_INFINITE, the function waits forever"; a nonzero timeout that
 * elapses gives WSA_WAIT_TIMEOUT, not earlier.
 */
static void wait_timeouts(void **state)
{
    (void)state;
    WSAEVENT e[2] = {wsa_event(), wsa_event()};
    assert_true(WSASetEvent(e[1]));
    for (int all = 0; all < 2; all++) {
        double start = ws2t_now_ms_fine();
        DWORD r = WSAWaitForMultipleEvents(all ? 2 : 1, e, all, 200, FALSE);
        double took = ws2t_now_ms_fine() - start;
        assert_int_equal(r, WSA_WAIT_TIMEOUT);
        assert_true(took >= 190 && took < 5000);
    }
    double start = ws2t_now_ms_fine();
    assert_int_equal(WSAWaitForMultipleEvents(1, e, FALSE, 0, TRUE), WSA_WAIT_TIMEOUT);
    assert_true(ws2t_now_ms_fine() - start < 5000);
    assert_true(WSACloseEvent(e[0]));
    assert_true(WSACloseEvent(e[1]));
}

struct setter {
    WSAEVENT e;
    DWORD delay;
};

static DWORD WINAPI set_later(LPVOID p)
{
    struct setter *s = p;
    Sleep(s->delay);
    return WSASetEvent(s->e) ? 0 : 1;
}

/* WSASetEvent from another thread releases a WSA_INFINITE wait with that event's index. */
static void wsa_set_event_releases_infinite_wait(void **state)
{
    (void)state;
    WSAEVENT e[3] = {wsa_event(), wsa_event(), wsa_event()};
    struct setter s = {e[1], 100};
    double start = ws2t_now_ms_fine();
    HANDLE t = CreateThread(NULL, 0, set_later, &s, 0, NULL);
    assert_non_null(t);
    assert_int_equal(WSAWaitForMultipleEvents(3, e, FALSE, WSA_INFINITE, FALSE),
                     WSA_WAIT_EVENT_0 + 1);
    assert_true(ws2t_now_ms_fine() - start >= 90);
    assert_int_equal(WaitForSingleObject(t, LONG_WAIT), WAIT_OBJECT_0);
    DWORD code = 9;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 0);
    CloseHandle(t);
    for (int i = 0; i < 3; i++)
        assert_true(WSACloseEvent(e[i]));
}

static volatile LONG apc_runs;
static DWORD apc_thread;

static void NTAPI count_apc(ULONG_PTR arg)
{
    (void)arg;
    apc_thread = GetCurrentThreadId();
    InterlockedIncrement(&apc_runs);
}

/*
 * fAlertable TRUE: "the thread is placed in an alertable wait state and
 * the function can return when the system queues an I/O completion routine
 * or APC ... the completion routine or APC is executed and
 * WSAWaitForMultipleEvents returns WSA_WAIT_IO_COMPLETION".  With fAlertable
 * FALSE the APC is not executed and the wait times out.
 */
static void alertable_wait_runs_apc_and_returns_io_completion(void **state)
{
    (void)state;
    WSAEVENT e = wsa_event();
    InterlockedExchange(&apc_runs, 0);
    assert_int_not_equal(QueueUserAPC(count_apc, GetCurrentThread(), 0), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, FALSE, 100, FALSE), WSA_WAIT_TIMEOUT);
    assert_int_equal(InterlockedCompareExchange(&apc_runs, 0, 0), 0);
    double start = ws2t_now_ms_fine();
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, FALSE, LONG_WAIT, TRUE),
                     WSA_WAIT_IO_COMPLETION);
    assert_true(ws2t_now_ms_fine() - start < 5000);
    assert_int_equal(InterlockedCompareExchange(&apc_runs, 0, 0), 1);
    assert_int_equal(apc_thread, GetCurrentThreadId());
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, TRUE, 0, TRUE), WSA_WAIT_TIMEOUT);
    assert_true(WSACloseEvent(e));
}

/* After the final WSACleanup the event calls still work, as they do before WSAStartup. */
static void event_calls_work_after_final_cleanup(void **state)
{
    event_calls_work_without_wsastartup(state);
}

/* Winsock can be started again later: the event calls work again . */
static void events_work_after_restart(void **state)
{
    (void)state;
    WSAEVENT e = wsa_event();
    assert_true(WSASetEvent(e));
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    assert_true(WSACloseEvent(e));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(event_calls_work_without_wsastartup),
        cmocka_unit_test_setup_teardown(wsa_event_is_manual_reset_and_starts_nonsignaled,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(wsa_events_are_kernel_events, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(closed_event_is_invalid_handle, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(socket_is_not_an_event, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(wait_count_must_be_1_to_64, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(wait_any_lowest_index_and_wait_all, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(wait_timeouts, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(wsa_set_event_releases_infinite_wait, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(alertable_wait_runs_apc_and_returns_io_completion,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test(event_calls_work_after_final_cleanup),
        cmocka_unit_test_setup_teardown(events_work_after_restart, ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("events", tests, NULL, NULL);
}
