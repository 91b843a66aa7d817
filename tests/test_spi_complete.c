/*
 * WPUCompleteOverlappedRequest: a non-IFS provider (its handles made by
 * WPUCreateSocketHandle) reports an overlapped operation finished, and
 * ws2_32 performs the notification the application chose — "signals an
 * event found in the WSAOVERLAPPED structure referenced by lpOverlapped
 * and/or queues a completion status report to the completion port
 * associated with the socket" — with WSAEINVAL for a socket that
 * WPUCreateSocketHandle did not make.
 *
 * The test provider (an otherwise unused protocol number) leaves every
 * overlapped WSARecv pending; the tests then complete it as its provider
 * would, from another thread.
 */
#include <string.h>

#include <ws2spi.h>

#include "testlib.h"
#include "providers/common/unsupported.h"
#include "ws2_32/catalog.h"

#define PENDING_PROTOCOL 201

static WSPUPCALLTABLE upcalls;

static SOCKET WSPAPI pending_socket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW info,
                                    GROUP g, DWORD flags, LPINT err)
{
    (void)af, (void)type, (void)protocol, (void)g, (void)flags;
    return upcalls.lpWPUCreateSocketHandle(info->dwCatalogEntryId, 1, err);
}

static int WSPAPI pending_close(SOCKET s, LPINT err)
{
    return upcalls.lpWPUCloseSocketHandle(s, err);
}

static int WSPAPI pending_recv(SOCKET s, LPWSABUF b, DWORD n, LPDWORD got, LPDWORD flags,
                               LPWSAOVERLAPPED o, LPWSAOVERLAPPED_COMPLETION_ROUTINE r,
                               LPWSATHREADID t, LPINT err)
{
    (void)s, (void)b, (void)n, (void)got, (void)flags, (void)r, (void)t;
    if (!o) {
        *err = WSAEOPNOTSUPP;
        return SOCKET_ERROR;
    }
    o->Internal = 0x103; /* STATUS_PENDING, as the provider owns the operation now */
    *err = WSA_IO_PENDING;
    return SOCKET_ERROR;
}

static int WSPAPI pending_cleanup(LPINT err)
{
    (void)err;
    return 0;
}

static int WSPAPI pending_startup(WORD version, LPWSPDATA data, LPWSAPROTOCOL_INFOW info,
                                  WSPUPCALLTABLE table, LPWSPPROC_TABLE procs)
{
    (void)version, (void)info;
    data->wVersion = data->wHighVersion = MAKEWORD(2, 2);
    upcalls = table;
    memset(procs, 0, sizeof(*procs));
    procs->lpWSPSocket = pending_socket;
    procs->lpWSPCloseSocket = pending_close;
    procs->lpWSPRecv = pending_recv;
    procs->lpWSPCleanup = pending_cleanup;
    provider_fill_unsupported(procs);
    return 0;
}

static int complete_setup(void **state)
{
    static int added;
    if (!added++) {
        WSAPROTOCOL_INFOW info;
        memset(&info, 0, sizeof(info));
        info.ProtocolChain.ChainLen = BASE_PROTOCOL;
        info.iVersion = 2;
        info.iAddressFamily = AF_INET;
        info.iSocketType = SOCK_STREAM;
        info.iProtocol = PENDING_PROTOCOL;
        info.iMaxSockAddr = info.iMinSockAddr = sizeof(struct sockaddr_in);
        assert_int_equal(ws2_catalog_add(&info, pending_startup), 0);
    }
    return ws2t_setup(state);
}

/* A socket of the test provider with an overlapped receive left pending. */
static SOCKET pending_receive(WSAOVERLAPPED *ov, HANDLE event)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, PENDING_PROTOCOL);
    assert_true(s != INVALID_SOCKET);
    memset(ov, 0, sizeof(*ov));
    ov->hEvent = event;
    static char buf[16];
    WSABUF wb = {sizeof(buf), buf};
    DWORD flags = 0;
    assert_int_equal(WSARecv(s, &wb, 1, NULL, &flags, ov, NULL), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
    assert_false(HasOverlappedIoCompleted(ov));
    return s;
}

struct completion {
    SOCKET s;
    WSAOVERLAPPED *ov;
    DWORD error, bytes;
};

static DWORD WINAPI complete_later(LPVOID arg)
{
    struct completion *c = arg;
    Sleep(50);
    int err = 0;
    return (DWORD)WPUCompleteOverlappedRequest(c->s, c->ov, c->error, c->bytes, &err);
}

static void an_event_is_set_and_the_status_recorded(void **state)
{
    (void)state;
    WSAOVERLAPPED ov;
    HANDLE event = WSACreateEvent();
    SOCKET s = pending_receive(&ov, event);
    struct completion c = {s, &ov, 0, 7};
    HANDLE t = ws2t_thread(complete_later, &c);
    assert_int_equal(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    ws2t_join(t);
    assert_true(HasOverlappedIoCompleted(&ov));
    DWORD bytes = 0;
    assert_true(GetOverlappedResult((HANDLE)s, &ov, &bytes, FALSE));
    assert_int_equal(bytes, 7);
    closesocket(s);
    CloseHandle(event);
}

static void a_waiter_without_an_event_is_woken(void **state)
{
    (void)state;
    WSAOVERLAPPED ov;
    SOCKET s = pending_receive(&ov, NULL);
    struct completion c = {s, &ov, WSAECONNRESET, 0};
    HANDLE t = ws2t_thread(complete_later, &c);
    DWORD bytes = 99;
    assert_false(GetOverlappedResult((HANDLE)s, &ov, &bytes, TRUE));
    assert_int_equal(GetLastError(), ERROR_NETNAME_DELETED);
    ws2t_join(t);
    closesocket(s);
}

static void a_port_gets_the_packet_with_the_key(void **state)
{
    (void)state;
    WSAOVERLAPPED ov;
    SOCKET s = socket(AF_INET, SOCK_STREAM, PENDING_PROTOCOL);
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 42, 0);
    assert_non_null(port);
    closesocket(s);
    s = pending_receive(&ov, NULL);
    assert_true(CreateIoCompletionPort((HANDLE)s, port, 43, 0) == port);
    int err = 0;
    assert_int_equal(WPUCompleteOverlappedRequest(s, &ov, WSAECONNRESET, 0, &err), 0);
    DWORD bytes = 1;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    assert_int_equal(GetLastError(), ERROR_NETNAME_DELETED);
    assert_ptr_equal(got, &ov);
    assert_int_equal(key, 43);
    assert_int_equal(bytes, 0);
    closesocket(s);
    CloseHandle(port);
}

/* An hEvent with its low bit set: the event is set, no packet is queued. */
static void the_low_bit_keeps_the_packet_back(void **state)
{
    (void)state;
    HANDLE event = WSACreateEvent();
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    WSAOVERLAPPED ov;
    SOCKET s = pending_receive(&ov, (HANDLE)((uintptr_t)event | 1));
    assert_true(CreateIoCompletionPort((HANDLE)s, port, 1, 0) == port);
    int err = 0;
    assert_int_equal(WPUCompleteOverlappedRequest(s, &ov, 0, 3, &err), 0);
    assert_int_equal(WaitForSingleObject(event, 0), WAIT_OBJECT_0);
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 100));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    closesocket(s);
    CloseHandle(port);
    CloseHandle(event);
}

/* WSAEINVAL: "The socket passed in the s parameter is not a socket created by
 * WPUCreateSocketHandle." */
static void only_handles_of_wpucreatesockethandle(void **state)
{
    (void)state;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    int err = 0;
    SOCKET base = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP); /* the base provider's, IFS */
    assert_int_equal(WPUCompleteOverlappedRequest(base, &ov, 0, 0, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    closesocket(base);
    err = 0;
    assert_int_equal(WPUCompleteOverlappedRequest((SOCKET)0x7ff0, &ov, 0, 0, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    SOCKET s = socket(AF_INET, SOCK_STREAM, PENDING_PROTOCOL);
    err = 0;
    assert_int_equal(WPUCompleteOverlappedRequest(s, NULL, 0, 0, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    closesocket(s);
}

/* WPUPostMessage, from the same upcall table: no windows here, and the answer says so. */
static void post_message_has_no_windows(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, PENDING_PROTOCOL); /* starts the provider */
    assert_true(s != INVALID_SOCKET);
    SetLastError(0);
    assert_false(upcalls.lpWPUPostMessage(NULL, 0x400, 0, 0));
    assert_int_equal(GetLastError(), WSAEOPNOTSUPP);
    closesocket(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_event_is_set_and_the_status_recorded, complete_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_waiter_without_an_event_is_woken, complete_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_port_gets_the_packet_with_the_key, complete_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(the_low_bit_keeps_the_packet_back, complete_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(only_handles_of_wpucreatesockethandle, complete_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(post_message_has_no_windows, complete_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("spi_complete", tests, NULL, NULL);
}
