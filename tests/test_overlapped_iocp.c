/*
 * Overlapped socket operations reported through completion ports, and what
 * closesocket and the final WSACleanup do to those still pending (spec:
 * closesocket.md, WSPCloseSocket.txt, WSACleanup.txt, LPWSPCleanup.txt).
 */
#include <string.h>

#include "testlib.h"

#define STATUS_CANCELLED_VALUE 0xC0000120u
#define KEY                    0x5eedu

static HANDLE associated(SOCKET s)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    assert_non_null(port);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)s, port, KEY, 0), port);
    return port;
}

static int post_recv(SOCKET s, char *buf, ULONG len, WSAOVERLAPPED *ov)
{
    WSABUF b = {len, buf};
    DWORD flags = 0, got = 0;
    return WSARecv(s, &b, 1, &got, &flags, ov, NULL);
}

/* A pending receive completes as a packet with the socket's key and the OVERLAPPED. */
static void pending_recv_posts_a_packet(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE port = associated(s);
    char buf[8];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(post_recv(s, buf, sizeof(buf), &ov), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(send(c, "packet", 6, 0), 6);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    assert_int_equal(bytes, 6);
    assert_int_equal(key, KEY);
    assert_ptr_equal(got, &ov);
    assert_memory_equal(buf, "packet", 6);
    closesocket(c);
    closesocket(s);
    CloseHandle(port);
}

/*
 * Immediate success still posts a packet, unless the socket asked
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS; an hEvent with its low bit set
 * posts nothing but is still signaled.
 */
static void immediate_success_and_the_skip_rules(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE port = associated(s);
    char buf[8];
    WSAOVERLAPPED ov;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;

    assert_int_equal(send(c, "a", 1, 0), 1);
    Sleep(50);
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(post_recv(s, buf, sizeof(buf), &ov), 0);
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000));
    assert_ptr_equal(got, &ov);

    WSAEVENT e = WSACreateEvent();
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = (HANDLE)((ULONG_PTR)e | 1);
    assert_int_equal(post_recv(s, buf, sizeof(buf), &ov), SOCKET_ERROR);
    assert_int_equal(send(c, "b", 1, 0), 1);
    assert_int_equal(WSAWaitForMultipleEvents(1, &e, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 100));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    WSACloseEvent(e);

    assert_true(
        SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
    assert_int_equal(send(c, "c", 1, 0), 1);
    Sleep(50);
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(post_recv(s, buf, sizeof(buf), &ov), 0);
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 100));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    /* A pending one still posts. */
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(post_recv(s, buf, sizeof(buf), &ov), SOCKET_ERROR);
    assert_int_equal(send(c, "d", 1, 0), 1);
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    assert_ptr_equal(got, &ov);
    closesocket(c);
    closesocket(s);
    CloseHandle(port);
}

/* A completion routine on a socket bound to a completion port is WSAEINVAL. */
static void completion_routine_on_a_port_socket_is_einval(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE port = associated(s);
    char buf[4];
    WSABUF b = {sizeof(buf), buf};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD flags = 0, got;
    assert_int_equal(WSARecv(s, &b, 1, &got, &flags, &ov, (LPWSAOVERLAPPED_COMPLETION_ROUTINE)1),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    closesocket(c);
    closesocket(s);
    CloseHandle(port);
}

/*
 * closesocket: "the packet is posted with the socket's key and the
 * OVERLAPPED"; GetQueuedCompletionStatus returns FALSE with the OVERLAPPED
 * and ERROR_OPERATION_ABORTED.  A peer's reset gives ERROR_NETNAME_DELETED.
 */
static void closesocket_and_reset_post_failed_packets(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE port = associated(s);
    char b1[4], b2[4];
    WSAOVERLAPPED ov1, ov2;
    memset(&ov1, 0, sizeof(ov1));
    memset(&ov2, 0, sizeof(ov2));
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;

    assert_int_equal(post_recv(s, b1, sizeof(b1), &ov1), SOCKET_ERROR);
    LINGER l = {1, 0};
    setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l));
    closesocket(c);
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    assert_ptr_equal(got, &ov1);
    assert_int_equal(GetLastError(), ERROR_NETNAME_DELETED);

    SOCKET c2, s2;
    ws2t_tcp_pair(AF_INET, &c2, &s2);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)s2, port, KEY + 1, 0), port);
    assert_int_equal(post_recv(s2, b2, sizeof(b2), &ov2), SOCKET_ERROR);
    assert_int_equal(closesocket(s2), 0);
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    assert_ptr_equal(got, &ov2);
    assert_int_equal(key, KEY + 1);
    assert_int_equal(bytes, 0);
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    assert_int_equal((DWORD)ov2.Internal, STATUS_CANCELLED_VALUE);
    /* Exactly once. */
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 100));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    closesocket(s);
    closesocket(c2);
    CloseHandle(port);
}

static int routine_calls;

static void CALLBACK count_routine(DWORD e, DWORD n, LPWSAOVERLAPPED ov, DWORD f)
{
    (void)e, (void)n, (void)ov, (void)f;
    routine_calls++;
}

/*
 * WSACleanup.txt: pending overlapped operations "are also canceled without
 * setting the event object or invoking the completion routine ... the
 * pending overlapped operations fail with the error status
 * WSA_OPERATION_ABORTED" — and no packet is posted.
 */
static void final_cleanup_cancels_silently(void **state)
{
    (void)state;
    routine_calls = 0;
    /*
     * Raw Linux peers: with peers of our own, the cleanup's reset of one
     * could complete another's receive (WSAECONNRESET) before its turn came.
     */
    int raw[3];
    SOCKET s1 = ws2t_connect_to_raw(&raw[0]);
    SOCKET s2 = ws2t_connect_to_raw(&raw[1]);
    SOCKET s3 = ws2t_connect_to_raw(&raw[2]);
    HANDLE port = associated(s3);
    char b1[4], b2[4], b3[4];
    WSAOVERLAPPED ov1, ov2, ov3;
    memset(&ov1, 0, sizeof(ov1));
    memset(&ov2, 0, sizeof(ov2));
    memset(&ov3, 0, sizeof(ov3));
    ov1.hEvent = WSACreateEvent();
    HANDLE event = ov1.hEvent;
    assert_int_equal(post_recv(s1, b1, sizeof(b1), &ov1), SOCKET_ERROR);
    WSABUF wb = {sizeof(b2), b2};
    DWORD flags = 0, got;
    assert_int_equal(WSARecv(s2, &wb, 1, &got, &flags, &ov2, count_routine), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(post_recv(s3, b3, sizeof(b3), &ov3), SOCKET_ERROR);

    assert_int_equal(WSACleanup(), 0);
    assert_int_equal((DWORD)ov1.Internal, STATUS_CANCELLED_VALUE);
    assert_int_equal((DWORD)ov2.Internal, STATUS_CANCELLED_VALUE);
    assert_int_equal((DWORD)ov3.Internal, STATUS_CANCELLED_VALUE);
    assert_int_equal(WaitForSingleObject(event, 100), WAIT_TIMEOUT);
    assert_int_equal(SleepEx(100, TRUE), 0);
    assert_int_equal(routine_calls, 0);
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED gotov;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &gotov, 100));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    CloseHandle(event);
    CloseHandle(port);
    for (int i = 0; i < 3; i++)
        ws2t_raw_close(raw[i]);
}

/*
 * Races: workers completing on one port while the main thread closes the
 * sockets under them, peers sending at the same time.  Every operation
 * completes exactly once, success or WSA_OPERATION_ABORTED.
 */
#define RACE_SOCKETS 16
#define RACE_ROUNDS  20

struct race {
    HANDLE port;
    volatile LONG completed[RACE_SOCKETS];
    volatile LONG stop;
};

static DWORD WINAPI race_worker(LPVOID p)
{
    struct race *r = p;
    for (;;) {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED ov;
        BOOL ok = GetQueuedCompletionStatus(r->port, &bytes, &key, &ov, 50);
        if (!ov) {
            if (InterlockedOr(&r->stop, 0))
                return 0;
            continue;
        }
        if (!ok && GetLastError() != ERROR_OPERATION_ABORTED)
            return 1;
        InterlockedIncrement(&r->completed[key]);
    }
}

static void closes_racing_completions_complete_each_once(void **state)
{
    (void)state;
    for (int round = 0; round < RACE_ROUNDS; round++) {
        struct race r = {.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0)};
        SOCKET c[RACE_SOCKETS], s[RACE_SOCKETS];
        WSAOVERLAPPED ov[RACE_SOCKETS];
        char buf[RACE_SOCKETS][8];
        for (int i = 0; i < RACE_SOCKETS; i++) {
            ws2t_tcp_pair(AF_INET, &c[i], &s[i]);
            CreateIoCompletionPort((HANDLE)s[i], r.port, (ULONG_PTR)i, 0);
            memset(&ov[i], 0, sizeof(ov[i]));
            assert_int_equal(post_recv(s[i], buf[i], sizeof(buf[i]), &ov[i]), SOCKET_ERROR);
        }
        HANDLE w[2];
        for (int i = 0; i < 2; i++)
            w[i] = CreateThread(NULL, 0, race_worker, &r, 0, NULL);
        for (int i = 0; i < RACE_SOCKETS; i++) {
            send(c[i], "x", 1, 0);
            closesocket(s[i]);
        }
        for (int tries = 0; tries < 200; tries++) {
            int total = 0;
            for (int i = 0; i < RACE_SOCKETS; i++)
                total += InterlockedOr(&r.completed[i], 0);
            if (total == RACE_SOCKETS)
                break;
            Sleep(10);
        }
        Sleep(50); /* a doubled completion would arrive now */
        InterlockedExchange(&r.stop, 1);
        assert_int_equal(WaitForMultipleObjects(2, w, TRUE, 5000), WAIT_OBJECT_0);
        for (int i = 0; i < 2; i++) {
            DWORD code = 9;
            GetExitCodeThread(w[i], &code);
            assert_int_equal(code, 0);
            CloseHandle(w[i]);
        }
        for (int i = 0; i < RACE_SOCKETS; i++) {
            assert_int_equal(r.completed[i], 1);
            closesocket(c[i]);
        }
        CloseHandle(r.port);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pending_recv_posts_a_packet, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(immediate_success_and_the_skip_rules, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(completion_routine_on_a_port_socket_is_einval, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(closesocket_and_reset_post_failed_packets, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(final_cleanup_cancels_silently, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(closes_racing_completions_complete_each_once, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("overlapped_iocp", tests, NULL, NULL);
}
