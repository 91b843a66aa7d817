/*
 * WSAProviderConfigChange: the first call (a NULL handle) returns a
 * notification handle at once; later calls with it block, or pend
 * (WSA_IO_PENDING) and complete through an event, a completion routine or
 * a completion port, when the protocol catalog changes; the application
 * then reads the new catalog with WSAEnumProtocols (WSAProviderConfig
 * Change.md).  The handle closes with CloseHandle; a close or CancelIoEx
 * aborts what is pending (ERROR_OPERATION_ABORTED), and the final
 * WSACleanup aborts it without any completion action (WSACleanup.txt).
 * The catalog's re-reading itself (what WSAEnumProtocols and sockets see
 * after a change) is in test_provider_config_reload.c.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ws2spi.h>

#include "bad_args.h"
#include "provcfg_catalog.h"

static void first_call_returns_a_handle_at_once(void **state)
{
    (void)state;
    HANDLE h = NULL;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Internal = 0x1234;
    /* An OVERLAPPED on the first call is not used: the call completes at once. */
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), 0);
    assert_non_null(h);
    assert_int_equal(ov.Internal, 0x1234);
    HANDLE h2 = new_handle();
    assert_true(h2 != h);
    /* Not signalled: no notification has completed on it. */
    assert_int_equal(WaitForSingleObject(h, 0), WAIT_TIMEOUT);
    assert_true(CloseHandle(h));
    assert_true(CloseHandle(h2));
    assert_false(CloseHandle(h));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
}

static void blocking_call_returns_when_the_catalog_is_rewritten_in_place(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    assert_false(enum_has_test_entry());
    struct changer c = {.delay_ms = QUIET_MS, .rename = false};
    HANDLE t = start_changer(&c);
    uint64_t start = ws2t_now_ms();
    assert_int_equal(WSAProviderConfigChange(&h, NULL, NULL), 0);
    /* It returned for the change, not before it. */
    assert_int_equal(InterlockedCompareExchange(&c.changed, 0, 0), 1);
    assert_true(ws2t_now_ms() - start < CHANGE_TIMEOUT_MS);
    /* The catalog is read again before the notification completes. */
    assert_true(enum_has_test_entry());
    ws2t_join(t);
    assert_true(CloseHandle(h));
}

static void overlapped_with_event_completes_when_the_catalog_is_replaced(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    /* Nothing changed: it stays pending. */
    assert_int_equal(WaitForSingleObject(ov.hEvent, QUIET_MS), WAIT_TIMEOUT);
    assert_true(still_pending(&ov));
    replace_by_rename(true);
    assert_int_equal(WaitForSingleObject(ov.hEvent, CHANGE_TIMEOUT_MS), WAIT_OBJECT_0);
    DWORD bytes = 99;
    assert_true(GetOverlappedResult(h, &ov, &bytes, FALSE));
    assert_int_equal(bytes, 0);
    assert_true(enum_has_test_entry());

    /* Again, for the entry's removal. */
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT);
    replace_by_rename(false);
    assert_int_equal(WaitForSingleObject(ov.hEvent, CHANGE_TIMEOUT_MS), WAIT_OBJECT_0);
    assert_true(GetOverlappedResult(h, &ov, &bytes, FALSE));
    assert_false(enum_has_test_entry());
    WSACloseEvent(ov.hEvent);
    assert_true(CloseHandle(h));
}

static volatile LONG routine_calls;
static DWORD routine_error = 12345;
static LPWSAOVERLAPPED routine_ov;

static void CALLBACK on_change(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)bytes, (void)flags;
    routine_error = error;
    routine_ov = ov;
    InterlockedIncrement(&routine_calls);
}

/* Alertable waits until the routine has run or the time is up; true if it ran. */
static bool wait_for_routine(DWORD ms)
{
    uint64_t deadline = ws2t_now_ms() + ms;
    while (routine_calls == 0 && ws2t_now_ms() < deadline)
        SleepEx(100, TRUE);
    return routine_calls != 0;
}

static void overlapped_with_routine_runs_it_in_an_alertable_wait(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    routine_calls = 0;
    routine_error = 12345;
    assert_int_equal(WSAProviderConfigChange(&h, &ov, on_change), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(SleepEx(QUIET_MS, TRUE), 0);
    assert_int_equal(routine_calls, 0);
    struct changer c = {.delay_ms = 0, .rename = false};
    HANDLE t = start_changer(&c);
    assert_true(wait_for_routine(CHANGE_TIMEOUT_MS));
    assert_int_equal(routine_calls, 1);
    assert_int_equal(routine_error, 0);
    assert_ptr_equal(routine_ov, &ov);
    assert_true(enum_has_test_entry());
    ws2t_join(t);
    assert_true(CloseHandle(h));
}

static void completion_port_gets_the_packet_after_wsc_install(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    HANDLE port = CreateIoCompletionPort(h, NULL, 77, 0);
    assert_non_null(port);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    DWORD bytes = 1;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, QUIET_MS));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);

    /* A provider installed by this very process counts, as on Windows. */
    WSAPROTOCOL_INFOW info;
    memset(&info, 0, sizeof(info));
    info.dwServiceFlags1 = XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER;
    info.ProtocolChain.ChainLen = BASE_PROTOCOL;
    info.iVersion = 2;
    info.iAddressFamily = AF_INET;
    info.iMaxSockAddr = info.iMinSockAddr = sizeof(struct sockaddr_in);
    info.iSocketType = SOCK_STREAM;
    info.iProtocol = IPPROTO_TCP;
    ws2t_wide("provcfg installed", info.szProtocol);
    GUID provider = {0x2b3c4d5e, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0xc2}};
    WCHAR path[64];
    ws2t_wide("/nowhere/installed.so", path);
    int err = 0;
    assert_int_equal(WSCInstallProvider(&provider, path, &info, 1, &err), 0);

    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, CHANGE_TIMEOUT_MS));
    assert_int_equal(key, 77);
    assert_ptr_equal(got, &ov);
    assert_int_equal(bytes, 0);
    /* The new entry is there for WSAEnumProtocols. */
    WSAPROTOCOL_INFOW infos[64];
    DWORD len = sizeof(infos);
    int n = WSAEnumProtocolsW(NULL, infos, &len);
    bool found = false;
    for (int i = 0; i < n; i++)
        found |= memcmp(&infos[i].ProviderId, &provider, sizeof(GUID)) == 0;
    assert_true(found);
    assert_true(CloseHandle(h));
    assert_true(CloseHandle(port));
}

static void wait_on_the_handle_ends_when_a_notification_completes(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WaitForSingleObject(h, QUIET_MS), WAIT_TIMEOUT);
    rewrite_in_place(true);
    assert_int_equal(WaitForSingleObject(h, CHANGE_TIMEOUT_MS), WAIT_OBJECT_0);
    DWORD bytes;
    assert_true(GetOverlappedResult(h, &ov, &bytes, TRUE));
    assert_true(CloseHandle(h));
}

static void close_handle_aborts_pending_notifications(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    WSAOVERLAPPED ov, ov2;
    memset(&ov, 0, sizeof(ov));
    memset(&ov2, 0, sizeof(ov2));
    ov.hEvent = WSACreateEvent();
    routine_calls = 0;
    routine_error = 12345;
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WSAProviderConfigChange(&h, &ov2, on_change), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_true(CloseHandle(h));
    assert_int_equal(WaitForSingleObject(ov.hEvent, CHANGE_TIMEOUT_MS), WAIT_OBJECT_0);
    DWORD bytes;
    assert_false(GetOverlappedResult(h, &ov, &bytes, FALSE));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    assert_true(wait_for_routine(CHANGE_TIMEOUT_MS));
    assert_int_equal(routine_error, WSA_OPERATION_ABORTED);
    /* The handle is gone. */
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_INVALID_HANDLE);
    WSACloseEvent(ov.hEvent);
}

static void cancel_io_ex_aborts_a_pending_notification(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    HANDLE port = CreateIoCompletionPort(h, NULL, 5, 0);
    assert_non_null(port);
    WSAOVERLAPPED ov, other;
    memset(&ov, 0, sizeof(ov));
    memset(&other, 0, sizeof(other));
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WSAProviderConfigChange(&h, &other, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_true(CancelIoEx(h, &ov));
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got = NULL;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, CHANGE_TIMEOUT_MS));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    assert_ptr_equal(got, &ov);
    assert_int_equal(key, 5);
    /* Only that one: the other is still pending, and a second cancel finds nothing. */
    assert_true(still_pending(&other));
    assert_false(CancelIoEx(h, &ov));
    assert_int_equal(GetLastError(), ERROR_NOT_FOUND);
    /* CancelIo takes the calling thread's. */
    assert_true(CancelIo(h));
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, CHANGE_TIMEOUT_MS));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    assert_ptr_equal(got, &other);
    assert_true(CloseHandle(h));
    assert_true(CloseHandle(port));
}

struct blocked {
    HANDLE h;
    int result, error;
};

static DWORD WINAPI block_on_handle(LPVOID arg)
{
    struct blocked *b = arg;
    b->result = WSAProviderConfigChange(&b->h, NULL, NULL);
    b->error = WSAGetLastError();
    return 0;
}

static void final_cleanup_aborts_without_completion_action(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    WSAOVERLAPPED ov, routine_op;
    memset(&ov, 0, sizeof(ov));
    memset(&routine_op, 0, sizeof(routine_op));
    ov.hEvent = WSACreateEvent();
    routine_calls = 0;
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WSAProviderConfigChange(&h, &routine_op, on_change), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    struct blocked b = {.h = h};
    HANDLE t = CreateThread(NULL, 0, block_on_handle, &b, 0, NULL);
    assert_non_null(t);
    Sleep(QUIET_MS); /* the thread is blocked in the call by now, or will find it stale */

    assert_int_equal(WSACleanup(), 0);
    /* Aborted, without the event or the routine. */
    assert_true(HasOverlappedIoCompleted(&ov));
    DWORD bytes;
    assert_false(GetOverlappedResult(h, &ov, &bytes, FALSE));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT);
    assert_true(HasOverlappedIoCompleted(&routine_op));
    assert_int_equal(SleepEx(QUIET_MS, TRUE), 0);
    assert_int_equal(routine_calls, 0);
    /* The blocked call ends as a blocking socket call does. */
    ws2t_join(t);
    assert_int_equal(b.result, SOCKET_ERROR);
    assert_true(b.error == WSAEINTR || b.error == WSANOTINITIALISED);

    /* Stale after the final WSACleanup, even once Winsock is started again. */
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_INVALID_HANDLE);
    assert_int_equal(WSAProviderConfigChange(&h, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_INVALID_HANDLE);
    assert_true(CloseHandle(h));
    /* A new handle works in the new start. */
    HANDLE fresh = new_handle();
    assert_int_equal(WSAProviderConfigChange(&fresh, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    rewrite_in_place(true);
    assert_int_equal(WaitForSingleObject(ov.hEvent, CHANGE_TIMEOUT_MS), WAIT_OBJECT_0);
    assert_true(CloseHandle(fresh));
    WSACloseEvent(ov.hEvent);
}

static void final_cleanup_ends_a_blocking_call_with_wsaeintr(void **state)
{
    (void)state;
    struct blocked b = {.h = new_handle()};
    HANDLE t = CreateThread(NULL, 0, block_on_handle, &b, 0, NULL);
    assert_non_null(t);
    /* Until the call is pending, the cleanup could find it not yet started. */
    Sleep(1000);
    assert_int_equal(WSACleanup(), 0);
    ws2t_join(t);
    assert_int_equal(b.result, SOCKET_ERROR);
    assert_int_equal(b.error, WSAEINTR);
    assert_true(CloseHandle(b.h));
}

static void bad_arguments_give_winsock_errors(void **state)
{
    (void)state;
    HANDLE h = NULL;
    assert_int_equal(WSAProviderConfigChange(NULL, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(WSAProviderConfigChange(BAD_PTR, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    h = new_handle();
    assert_int_equal(WSAProviderConfigChange(&h, BAD_PTR, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    /* "WSA_INVALID_HANDLE: Value pointed by lpNotificationHandle parameter is not a valid
     * notification handle": an event, or no handle at all. */
    HANDLE event = WSACreateEvent();
    HANDLE not_one = event;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(WSAProviderConfigChange(&not_one, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_INVALID_HANDLE);
    assert_int_equal(WSAProviderConfigChange(&not_one, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_INVALID_HANDLE);
    not_one = (HANDLE)(uintptr_t)0x7ffff00c;
    assert_int_equal(WSAProviderConfigChange(&not_one, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_INVALID_HANDLE);
    WSACloseEvent(event);
    assert_true(CloseHandle(h));
    /* A closed handle is no handle either. */
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_INVALID_HANDLE);
}

static void calls_before_wsastartup_fail_with_wsanotinitialised(void **state)
{
    (void)state;
    HANDLE h = NULL;
    assert_int_equal(WSAProviderConfigChange(&h, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    assert_null(h);
}

static void duplicate_handle_and_close_of_one_keeps_the_other(void **state)
{
    (void)state;
    HANDLE h = new_handle(), dup = NULL;
    assert_true(DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &dup, 0, FALSE,
                                DUPLICATE_SAME_ACCESS));
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSAProviderConfigChange(&dup, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    /* One object: its pending notification stays while another handle names it. */
    assert_true(CloseHandle(h));
    assert_int_equal(WaitForSingleObject(ov.hEvent, QUIET_MS), WAIT_TIMEOUT);
    replace_by_rename(true);
    assert_int_equal(WaitForSingleObject(ov.hEvent, CHANGE_TIMEOUT_MS), WAIT_OBJECT_0);
    DWORD bytes;
    assert_true(GetOverlappedResult(dup, &ov, &bytes, FALSE));
    assert_true(CloseHandle(dup));
    WSACloseEvent(ov.hEvent);
}

static void close_handle_ends_a_blocking_call_with_wsaeintr(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    /* The thread's own copy: the argument checks probe it while main goes on. */
    struct blocked b = {.h = h};
    HANDLE t = CreateThread(NULL, 0, block_on_handle, &b, 0, NULL);
    assert_non_null(t);
    Sleep(1000);
    assert_true(CloseHandle(h));
    ws2t_join(t);
    assert_int_equal(b.result, SOCKET_ERROR);
    /* As a blocking socket call ended by closesocket from another thread. */
    assert_int_equal(b.error, WSAEINTR);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, catalog_setup, catalog_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calls_before_wsastartup_fail_with_wsanotinitialised),
        T(first_call_returns_a_handle_at_once),
        T(blocking_call_returns_when_the_catalog_is_rewritten_in_place),
        T(overlapped_with_event_completes_when_the_catalog_is_replaced),
        T(overlapped_with_routine_runs_it_in_an_alertable_wait),
        T(completion_port_gets_the_packet_after_wsc_install),
        T(wait_on_the_handle_ends_when_a_notification_completes),
        T(close_handle_aborts_pending_notifications),
        T(cancel_io_ex_aborts_a_pending_notification),
        T(final_cleanup_aborts_without_completion_action),
        T(final_cleanup_ends_a_blocking_call_with_wsaeintr),
        T(bad_arguments_give_winsock_errors),
        T(duplicate_handle_and_close_of_one_keeps_the_other),
        T(close_handle_ends_a_blocking_call_with_wsaeintr),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
