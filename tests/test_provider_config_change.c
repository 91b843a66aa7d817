/*
 * WSAProviderConfigChange: the first call (a NULL handle) returns a
 * notification handle at once; later calls with it block, or pend
 * (WSA_IO_PENDING) and complete through an event, a completion routine or
 * a completion port, when the protocol catalog changes; the application
 * then reads the new catalog with WSAEnumProtocols (WSAProviderConfig
 * Change.md).  The handle closes with CloseHandle; a close or CancelIoEx
 * aborts what is pending (ERROR_OPERATION_ABORTED), and the final
 * WSACleanup aborts it without any completion action (WSACleanup.txt).
 *
 * Each test has a catalog file of its own in a fresh folder
 * (WS2POSIX_CATALOG), changed the two ways a catalog changes: rewritten in
 * place, or replaced by a rename (what the WSC functions do).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sporder.h>
#include <ws2spi.h>

#include "bad_args.h"
#include "testlib.h"

/* Generous: the machine running the tests is loaded. */
#define CHANGE_TIMEOUT_MS 15000
/* How long a notification must stay pending when nothing changes. */
#define QUIET_MS 300

static char dir[64];
static char catalog_path[128];

#define TEST_ENTRY_ID 1005

/* A base TCP/IPv4 entry of a provider that is never loaded (no socket asks for it). */
static const char entry_line[] =
    "entry id=1005 provider={2b3c4d5e-0000-4000-8000-0000000000c1} path=\"/nowhere/p.so\" "
    "chainlen=1 chain=1005 flags1=0x00020066 flags2=0x00000000 flags3=0x00000000 "
    "flags4=0x00000000 pflags=0x00000000 version=2 af=2 maxaddr=16 minaddr=16 type=1 "
    "protocol=6 protomax=0 byteorder=0 security=0 msgsize=0 reserved=0 name=\"provcfg test\"\n";

static void catalog_text(bool with_entry, char *out, size_t size)
{
    snprintf(out, size, "version 1\nnext-id 1006\n%s", with_entry ? entry_line : "");
}

/* Rewrites the catalog file in place (open, truncate, write, close). */
static void rewrite_in_place(bool with_entry)
{
    char text[1024];
    catalog_text(with_entry, text, sizeof(text));
    FILE *f = fopen(catalog_path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* Replaces the catalog file with a rename, as the WSC functions do. */
static void replace_by_rename(bool with_entry)
{
    char text[1024], tmp[160];
    catalog_text(with_entry, text, sizeof(text));
    snprintf(tmp, sizeof(tmp), "%s/catalog.new", dir);
    FILE *f = fopen(tmp, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(rename(tmp, catalog_path), 0);
}

/* Whether WSAEnumProtocols lists the test entry. */
static bool enum_has_test_entry(void)
{
    WSAPROTOCOL_INFOW infos[64];
    DWORD len = sizeof(infos);
    int n = WSAEnumProtocolsW(NULL, infos, &len);
    assert_true(n > 0);
    for (int i = 0; i < n; i++)
        if (infos[i].dwCatalogEntryId == TEST_ENTRY_ID)
            return true;
    return false;
}

static int catalog_setup(void **state)
{
    strcpy(dir, "/tmp/ws2provcfg.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(catalog_path, sizeof(catalog_path), "%s/catalog", dir);
    setenv("WS2POSIX_CATALOG", catalog_path, 1);
    rewrite_in_place(false);
    return ws2t_setup(state);
}

static int catalog_teardown(void **state)
{
    ws2t_teardown(state);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Whether ov is still pending, read as the library writes it (atomically: another thread may). */
static bool still_pending(WSAOVERLAPPED *ov)
{
    return __atomic_load_n(&ov->Internal, __ATOMIC_SEQ_CST) == 0x103; /* STATUS_PENDING */
}

static HANDLE new_handle(void)
{
    HANDLE h = NULL;
    assert_int_equal(WSAProviderConfigChange(&h, NULL, NULL), 0);
    assert_non_null(h);
    return h;
}

/* A thread that changes the catalog after a pause, so that the change comes during the wait. */
struct changer {
    DWORD delay_ms;
    bool rename;
    volatile LONG changed; /* set just before the change */
};

static DWORD WINAPI change_later(LPVOID arg)
{
    struct changer *c = arg;
    Sleep(c->delay_ms);
    InterlockedExchange(&c->changed, 1);
    if (c->rename)
        replace_by_rename(true);
    else
        rewrite_in_place(true);
    return 0;
}

static HANDLE start_changer(struct changer *c)
{
    HANDLE t = CreateThread(NULL, 0, change_later, c, 0, NULL);
    assert_non_null(t);
    return t;
}

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

static void change_between_calls_completes_the_next_call_at_once(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    rewrite_in_place(true);
    /* The catalog is read again when the change is seen. */
    uint64_t deadline = ws2t_now_ms() + CHANGE_TIMEOUT_MS;
    while (!enum_has_test_entry() && ws2t_now_ms() < deadline)
        Sleep(20);
    assert_true(enum_has_test_entry());
    /* The change came before the call: it is reported at once, and the next call waits. */
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    int r = WSAProviderConfigChange(&h, &ov, NULL);
    if (r == SOCKET_ERROR) {
        /* The watcher may still be between its re-read and its notification. */
        assert_wsa_error(WSA_IO_PENDING);
        assert_int_equal(WaitForSingleObject(ov.hEvent, CHANGE_TIMEOUT_MS), WAIT_OBJECT_0);
    } else {
        assert_int_equal(r, 0);
        /* Success at once still sets the event, as every Winsock overlapped call does. */
        assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
    }
    assert_true(HasOverlappedIoCompleted(&ov));
    assert_int_equal(ov.Internal, 0);
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WaitForSingleObject(ov.hEvent, QUIET_MS), WAIT_TIMEOUT);
    assert_true(CloseHandle(h));
    /* The close aborted it, with its event. */
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
    WSACloseEvent(ov.hEvent);
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

static void open_sockets_keep_working_across_a_catalog_change(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    HANDLE h = new_handle();
    struct changer c = {.delay_ms = QUIET_MS, .rename = true};
    HANDLE t = start_changer(&c);
    assert_int_equal(WSAProviderConfigChange(&h, NULL, NULL), 0);
    ws2t_join(t);
    assert_true(enum_has_test_entry());
    /* The sockets made before the change still reach their provider, and new ones are made. */
    char buf[8] = {0};
    assert_int_equal(send(client, "ping", 4, 0), 4);
    assert_int_equal(recv(server, buf, sizeof(buf), 0), 4);
    assert_memory_equal(buf, "ping", 4);
    SOCKET fresh = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(fresh != INVALID_SOCKET);
    assert_int_equal(closesocket(fresh), 0);
    assert_int_equal(closesocket(client), 0);
    assert_int_equal(closesocket(server), 0);
    assert_true(CloseHandle(h));
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

/* ---- A layered provider dropped from the catalog while its sockets live ---- */

static GUID layer_guid = {
    0x6c4b6f1e, 0x2a57, 0x4d4f, {0x9b, 0x9e, 0x7f, 0x1d, 0x2b, 0x3c, 0x4a, 0x51}};
static GUID chain_guid = {0x2b3c4d5e, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0xc3}};

/* The trace provider (src/providers/trace) over TCP/IPv4, its chain first in the catalog. */
static void install_trace_layer(void)
{
    WSAPROTOCOL_INFOW all[64];
    int n = ws2t_wsc_all(all, 64);
    WSAPROTOCOL_INFOW base;
    int found = 0;
    for (int i = 0; i < n && !found; i++)
        if (all[i].iAddressFamily == AF_INET && all[i].iSocketType == SOCK_STREAM &&
            all[i].ProtocolChain.ChainLen == BASE_PROTOCOL) {
            base = all[i];
            found = 1;
        }
    assert_true(found);
    WCHAR wpath[512];
    ws2t_wide(WS2T_TRACE_PATH, wpath);
    int err = 0;
    WSAPROTOCOL_INFOW layered = base;
    layered.dwCatalogEntryId = 0;
    layered.ProtocolChain.ChainLen = LAYERED_PROTOCOL;
    ws2t_wide("provcfg layer", layered.szProtocol);
    assert_int_equal(WSCInstallProvider(&layer_guid, wpath, &layered, 1, &err), 0);
    DWORD layer_id = 0;
    n = ws2t_wsc_all(all, 64);
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, &layer_guid, sizeof(GUID)) == 0)
            layer_id = all[i].dwCatalogEntryId;
    assert_true(layer_id != 0);
    WSAPROTOCOL_INFOW chain = base;
    chain.dwCatalogEntryId = 0;
    chain.ProtocolChain.ChainLen = 2;
    chain.ProtocolChain.ChainEntries[0] = layer_id;
    chain.ProtocolChain.ChainEntries[1] = base.dwCatalogEntryId;
    ws2t_wide("provcfg layer over TCP/IPv4", chain.szProtocol);
    assert_int_equal(WSCInstallProvider(&chain_guid, wpath, &chain, 1, &err), 0);
    n = ws2t_wsc_all(all, 64);
    DWORD order[64];
    int k = 0;
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, &chain_guid, sizeof(GUID)) == 0)
            order[k++] = all[i].dwCatalogEntryId;
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, &chain_guid, sizeof(GUID)) != 0)
            order[k++] = all[i].dwCatalogEntryId;
    assert_int_equal(WSCWriteProviderOrder(order, (DWORD)n), ERROR_SUCCESS);
}

/* Whether WSAEnumProtocols (this process's catalog) lists the chain first. */
static bool chain_listed_first(void)
{
    WSAPROTOCOL_INFOW infos[64];
    DWORD len = sizeof(infos);
    int n = WSAEnumProtocolsW(NULL, infos, &len);
    assert_true(n > 0);
    return memcmp(&infos[0].ProviderId, &chain_guid, sizeof(GUID)) == 0;
}

/* Waits (notified by h) until the catalog shows the chain first, or no longer does. */
static void wait_for_chain(HANDLE h, bool listed)
{
    uint64_t deadline = ws2t_now_ms() + CHANGE_TIMEOUT_MS;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    while (chain_listed_first() != listed) {
        assert_true(ws2t_now_ms() < deadline);
        int r = WSAProviderConfigChange(&h, &ov, NULL);
        if (r == SOCKET_ERROR) {
            assert_wsa_error(WSA_IO_PENDING);
            /* A re-read may have happened between the check and the call: look again. */
            if (WaitForSingleObject(ov.hEvent, 500) != WAIT_OBJECT_0)
                assert_true(CancelIoEx(h, &ov));
            DWORD bytes;
            GetOverlappedResult(h, &ov, &bytes, TRUE);
        }
    }
    WSACloseEvent(ov.hEvent);
}

static int count_in_trace(const char *trace, const char *name)
{
    FILE *f = fopen(trace, "r");
    if (!f)
        return 0;
    char line[512];
    int n = 0;
    size_t len = strlen(name);
    while (fgets(line, sizeof(line), f)) {
        char call[64];
        /* "<us> <thread> <name>(<args>) = ..." */
        if (sscanf(line, "%*s %*s %63[^(]", call) == 1 && strlen(call) == len &&
            strcmp(call, name) == 0)
            n++;
    }
    fclose(f);
    return n;
}

static void dropped_provider_keeps_its_sockets_until_the_final_cleanup(void **state)
{
    (void)state;
    char trace[128];
    snprintf(trace, sizeof(trace), "%s/trace", dir);
    setenv("WS2POSIX_TRACE", trace, 1);
    HANDLE h = new_handle();
    install_trace_layer();
    wait_for_chain(h, true);

    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(listener != INVALID_SOCKET);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int len = sizeof(addr);
    assert_int_equal(bind(listener, (struct sockaddr *)&addr, sizeof(addr)), 0);
    assert_int_equal(listen(listener, 4), 0);
    assert_int_equal(getsockname(listener, (struct sockaddr *)&addr, &len), 0);
    SOCKET client = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(client != INVALID_SOCKET);
    assert_int_equal(connect(client, (struct sockaddr *)&addr, sizeof(addr)), 0);
    SOCKET server = accept(listener, NULL, NULL);
    assert_true(server != INVALID_SOCKET);
    /* Made through the layer. */
    assert_int_equal(count_in_trace(trace, "WSPStartup"), 1);
    assert_int_equal(count_in_trace(trace, "WSPSocket"), 2);

    /* The layer goes from the catalog; this process re-reads it. */
    int err = 0;
    assert_int_equal(WSCDeinstallProvider(&chain_guid, &err), 0);
    assert_int_equal(WSCDeinstallProvider(&layer_guid, &err), 0);
    wait_for_chain(h, false);

    /* Its sockets still reach it. */
    int sends = count_in_trace(trace, "WSPSend");
    assert_int_equal(send(client, "ping", 4, 0), 4);
    char buf[8];
    assert_int_equal(recv(server, buf, sizeof(buf), 0), 4);
    assert_memory_equal(buf, "ping", 4);
    assert_int_equal(count_in_trace(trace, "WSPSend"), sends + 1);
    /* A new socket does not: the catalog no longer has the chain. */
    SOCKET fresh = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fresh != INVALID_SOCKET);
    assert_int_equal(count_in_trace(trace, "WSPSocket"), 2);
    assert_int_equal(closesocket(fresh), 0);
    assert_int_equal(closesocket(client), 0);
    assert_int_equal(count_in_trace(trace, "WSPCloseSocket"), 1);
    assert_true(CloseHandle(h));
    /* The final WSACleanup still calls the dropped provider's WSPCleanup, once. */
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(count_in_trace(trace, "WSPCleanup"), 1);
    assert_int_equal(count_in_trace(trace, "WSPStartup"), 1);
    unsetenv("WS2POSIX_TRACE");
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
        T(change_between_calls_completes_the_next_call_at_once),
        T(close_handle_aborts_pending_notifications),
        T(cancel_io_ex_aborts_a_pending_notification),
        T(final_cleanup_aborts_without_completion_action),
        T(final_cleanup_ends_a_blocking_call_with_wsaeintr),
        T(bad_arguments_give_winsock_errors),
        T(open_sockets_keep_working_across_a_catalog_change),
        T(duplicate_handle_and_close_of_one_keeps_the_other),
        T(close_handle_ends_a_blocking_call_with_wsaeintr),
        T(dropped_provider_keeps_its_sockets_until_the_final_cleanup),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
