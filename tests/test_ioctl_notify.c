/*
 * The WSAIoctl codes that wait for a change: SIO_ADDRESS_LIST_CHANGE and
 * SIO_ROUTING_INTERFACE_CHANGE.  Overlapped they are pending until an
 * address (a route) of the socket's family comes or goes, and closesocket,
 * CancelIoEx and the final WSACleanup end them as every other operation;
 * without an OVERLAPPED a non-blocking socket answers WSAEWOULDBLOCK and a
 * blocking one waits (Windows' answers, from Wine's ws2_32 tests).  The
 * changes themselves are made in a child process that has a network
 * namespace of its own, so that no other test sees them.
 */
#include <stdio.h>
#include <string.h>

#include "testlib.h"

#define KEY                9u
#define STATUS_CANCELLED_V 0xC0000120u

static void fresh(WSAOVERLAPPED *ov)
{
    memset(ov, 0, sizeof(*ov));
}

static int pend_change(SOCKET s, DWORD code, WSAOVERLAPPED *ov)
{
    DWORD size = 0xdeadbeef;
    int r = WSAIoctl(s, code, NULL, 0, NULL, 0, &size, ov, NULL);
    assert_int_equal(size, 0xdeadbeef);
    return r;
}

/*
 * Pending on a blocking socket and on a non-blocking one alike; nothing is
 * posted while nothing changes; closesocket aborts it through the port
 * (ERROR_OPERATION_ABORTED).
 */
static void address_list_change_pends_until_closesocket(void **state)
{
    (void)state;
    for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
        SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        ws2t_set_nonblocking(s, nonblocking);
        HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, KEY, 0);
        WSAOVERLAPPED ov;
        fresh(&ov);
        assert_int_equal(pend_change(s, SIO_ADDRESS_LIST_CHANGE, &ov), SOCKET_ERROR);
        assert_wsa_error(WSA_IO_PENDING);
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED got = (LPOVERLAPPED)1;
        assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 100));
        assert_int_equal(GetLastError(), WAIT_TIMEOUT);
        assert_null(got);
        closesocket(s);
        assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 2000));
        assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
        assert_ptr_equal(got, &ov);
        assert_int_equal(key, KEY);
        assert_int_equal(ov.Internal, STATUS_CANCELLED_V);
        CloseHandle(port);
    }
}

/* "issued on a non-blocking socket and without overlapped parameters ... WSAEWOULDBLOCK". */
static void nonblocking_change_without_overlapped_would_block(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ws2t_set_nonblocking(s, 1);
    DWORD size;
    assert_int_equal(WSAIoctl(s, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_CHANGE, NULL, 0, NULL, 0, &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    closesocket(s);
}

static volatile LONG blocked_result, blocked_error;

static DWORD WINAPI blocked_change(LPVOID arg)
{
    DWORD size;
    LONG r = WSAIoctl((SOCKET)(ULONG_PTR)arg, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &size,
                      NULL, NULL);
    InterlockedExchange(&blocked_error, WSAGetLastError());
    InterlockedExchange(&blocked_result, r);
    return 0;
}

/* A blocking request waits; closesocket from another thread ends it with WSAEINTR. */
static void blocking_change_is_interrupted_by_closesocket(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    blocked_result = 1;
    HANDLE t = ws2t_thread(blocked_change, (LPVOID)(ULONG_PTR)s);
    Sleep(200);
    assert_int_equal(ws2t_load(&blocked_result), 1); /* still waiting */
    closesocket(s);
    ws2t_join(t);
    assert_int_equal(ws2t_load(&blocked_result), SOCKET_ERROR);
    assert_int_equal(ws2t_load(&blocked_error), WSAEINTR);
}

/* CancelIoEx ends a pending request: its event is set, the result ERROR_OPERATION_ABORTED. */
static void cancelioex_ends_a_pending_change(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    WSAOVERLAPPED ov;
    fresh(&ov);
    ov.hEvent = WSACreateEvent();
    assert_int_equal(pend_change(s, SIO_ROUTING_INTERFACE_CHANGE, &ov), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 50), WAIT_TIMEOUT);
    assert_true(CancelIoEx((HANDLE)s, &ov));
    assert_int_equal(WaitForSingleObject(ov.hEvent, 2000), WAIT_OBJECT_0);
    DWORD bytes, flags;
    assert_false(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags));
    assert_wsa_error(WSA_OPERATION_ABORTED);
    WSACloseEvent(ov.hEvent);
    closesocket(s);
}

/*
 * The final WSACleanup ends a pending request without setting its event
 * (WSACleanup.txt: pending operations "are also canceled without setting
 * the event object"), the abort recorded in the OVERLAPPED.
 */
static void final_cleanup_ends_a_pending_change_without_its_event(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov;
    fresh(&ov);
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    ov.hEvent = event;
    assert_int_equal(pend_change(s, SIO_ADDRESS_LIST_CHANGE, &ov), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(ov.Internal, STATUS_CANCELLED_V);
    assert_int_equal(WaitForSingleObject(event, 100), WAIT_TIMEOUT);
    CloseHandle(event);
    /* Winsock starts again and the watch works again. */
    WSADATA d;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &d), 0);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    fresh(&ov);
    assert_int_equal(pend_change(s, SIO_ADDRESS_LIST_CHANGE, &ov), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    closesocket(s);
    assert_int_equal(ov.Internal, STATUS_CANCELLED_V);
}

/* ---- The child, in a network namespace of its own ---------------------------------------- */

static DWORD WINAPI child_blocked(LPVOID arg)
{
    DWORD size;
    LONG r = WSAIoctl((SOCKET)(ULONG_PTR)arg, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &size,
                      NULL, NULL);
    InterlockedExchange(&blocked_result, r);
    return 0;
}

#define CHECK(cond, what)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("fail %s\n", what);                                                             \
            return 1;                                                                              \
        }                                                                                          \
    } while (0)

/*
 * Adds 10.77.0.1/24 and then 2001:db8::77/64: the IPv4 requests (overlapped
 * address and route changes, a blocking address change) complete with the
 * first, the IPv6 one only with the second.
 */
static int child_main(void)
{
    if (ws2t_private_netns() != 0) {
        printf("nonetns\n");
        return 0;
    }
    WSADATA d;
    CHECK(WSAStartup(MAKEWORD(2, 2), &d) == 0, "WSAStartup");
    SOCKET s4 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKET r4 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    SOCKET s6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    SOCKET b4 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov4, ovr, ov6;
    memset(&ov4, 0, sizeof(ov4));
    memset(&ovr, 0, sizeof(ovr));
    memset(&ov6, 0, sizeof(ov6));
    ov4.hEvent = WSACreateEvent();
    ovr.hEvent = WSACreateEvent();
    ov6.hEvent = WSACreateEvent();
    DWORD size;
    CHECK(WSAIoctl(s4, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &size, &ov4, NULL) ==
                  SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "pending v4");
    CHECK(WSAIoctl(r4, SIO_ROUTING_INTERFACE_CHANGE, NULL, 0, NULL, 0, &size, &ovr, NULL) ==
                  SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "pending route");
    CHECK(WSAIoctl(s6, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &size, &ov6, NULL) ==
                  SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "pending v6");
    blocked_result = 1;
    HANDLE t = CreateThread(NULL, 0, child_blocked, (LPVOID)(ULONG_PTR)b4, 0, NULL);
    Sleep(300);
    CHECK(WaitForSingleObject(ov4.hEvent, 0) == WAIT_TIMEOUT, "nothing yet");
    CHECK(ws2t_load(&blocked_result) == 1, "blocked");

    static const unsigned char v4[4] = {10, 77, 0, 1};
    CHECK(ws2t_linux_change_address(1, 0, v4, 24) == 0, "add v4");
    CHECK(WaitForSingleObject(ov4.hEvent, 5000) == WAIT_OBJECT_0, "v4 completes");
    DWORD bytes, flags;
    CHECK(WSAGetOverlappedResult(s4, &ov4, &bytes, FALSE, &flags) && bytes == 0, "v4 result");
    CHECK(WaitForSingleObject(ovr.hEvent, 5000) == WAIT_OBJECT_0, "route completes");
    CHECK(WaitForSingleObject(t, 5000) == WAIT_OBJECT_0 && ws2t_load(&blocked_result) == 0,
          "blocking returns 0");
    Sleep(200);
    CHECK(WaitForSingleObject(ov6.hEvent, 0) == WAIT_TIMEOUT, "v6 still pending");

    static const unsigned char v6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x77};
    CHECK(ws2t_linux_change_address(1, 1, v6, 64) == 0, "add v6");
    CHECK(WaitForSingleObject(ov6.hEvent, 5000) == WAIT_OBJECT_0, "v6 completes");

    /* Again: a new request waits for the next change (the removal). */
    memset(&ov4, 0, sizeof(ov4));
    ov4.hEvent = ovr.hEvent;
    CHECK(WSAIoctl(s4, SIO_ADDRESS_LIST_CHANGE, NULL, 0, NULL, 0, &size, &ov4, NULL) ==
                  SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "pending again");
    CHECK(WaitForSingleObject(ov4.hEvent, 200) == WAIT_TIMEOUT, "no old change");
    CHECK(ws2t_linux_change_address(0, 0, v4, 24) == 0, "remove v4");
    CHECK(WaitForSingleObject(ov4.hEvent, 5000) == WAIT_OBJECT_0, "removal completes");
    printf("ok\n");
    fflush(stdout);
    closesocket(s4);
    closesocket(r4);
    closesocket(s6);
    closesocket(b4);
    WSACleanup();
    return 0;
}

static void address_and_route_changes_complete_the_requests_of_their_family(void **state)
{
    (void)state;
    int out;
    int pid = ws2t_spawn_self("netns", "", &out);
    assert_true(pid > 0);
    char line[128] = "";
    int n = ws2t_read_line(out, line, sizeof(line), 30000);
    int status = ws2t_wait_child(pid, 30000);
    if (n >= 0 && strncmp(line, "nonetns", 7) == 0) {
        /* The system refuses a private network namespace (a container's seccomp profile). */
        print_message("no private network namespace here: the changes are not exercised\n");
        skip();
    }
    if (strncmp(line, "ok", 2) != 0)
        fail_msg("child: %s", line);
    assert_int_equal(status, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[0], "child") == 0)
        return child_main();
    const struct CMUnitTest tests[] = {
        T(address_list_change_pends_until_closesocket),
        T(nonblocking_change_without_overlapped_would_block),
        T(blocking_change_is_interrupted_by_closesocket),
        T(cancelioex_ends_a_pending_change),
        T(final_cleanup_ends_a_pending_change_without_its_event),
        T(address_and_route_changes_complete_the_requests_of_their_family),
    };
    return cmocka_run_group_tests_name("ioctl_notify", tests, NULL, NULL);
}
