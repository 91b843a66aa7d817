/*
 * A completion port whose queue never runs dry: its one thread finds a
 * packet at once in every GetQueuedCompletionStatus, because each packet it
 * handles makes another (a client that reconnects as soon as its ConnectEx
 * completes, a program that posts itself work).  On Windows the kernel
 * queues a socket's completion whatever the port's threads are doing, so
 * the port's sockets still complete, their packets queued behind the ones
 * there; here a waiter runs the completions of the port's sockets in its
 * wait (test_iocp_set.c), and a thread that never waits must still see
 * them.
 *
 * Found by the churn benchmark (bench/churn_ws.c): in some runs the
 * worker's ConnectEx completions kept the queue full from the start, and
 * not one AcceptEx completed after the first, on either engine.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <mswsock.h>

#include "testlib.h"

#define KEY_SPIN   1
#define KEY_SOCKET 2

/* How long the spinning thread keeps at it before the test calls the completion lost. */
#define SPIN_LIMIT_MS 10000

/*
 * Windows queues the completion behind the one or two packets ahead of it.
 * The library looks at the port's sockets every few dozen packets taken at
 * once; a completion later than this many was found by something slower
 * (a timer), if at all.
 */
#define SPIN_PACKETS_MAX 1000

/*
 * Takes packets from port, posting a new KEY_SPIN one for each KEY_SPIN one
 * taken, until one with KEY_SOCKET comes (its overlapped returned) or
 * SPIN_LIMIT_MS pass (NULL).  *spins counts the KEY_SPIN packets.
 */
static LPOVERLAPPED spin_until_socket_packet(HANDLE port, DWORD *bytes, unsigned long *spins)
{
    uint64_t start = ws2t_now_ms();
    *spins = 0;
    while (ws2t_now_ms() - start < SPIN_LIMIT_MS) {
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, bytes, &key, &ov, 1000);
        if (!ok && !ov)
            continue; /* nothing at all for a second: only if the spin packet was lost */
        assert_true(ok);
        if (key == KEY_SOCKET)
            return ov;
        assert_int_equal(key, KEY_SPIN);
        (*spins)++;
        assert_true(PostQueuedCompletionStatus(port, 0, KEY_SPIN, NULL));
    }
    return NULL;
}

/*
 * A port with one connected pair, its server side on the port under
 * KEY_SOCKET with a receive pending.  Static: a failed assertion leaves the
 * receive pending, and its OVERLAPPED and buffer must outlive the test.
 */
static struct {
    HANDLE port;
    SOCKET client, server;
    WSAOVERLAPPED ov;
    char data[16];
} pair;

static void pair_open(void)
{
    memset(&pair, 0, sizeof(pair));
    pair.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    assert_non_null(pair.port);
    ws2t_tcp_pair(AF_INET, &pair.client, &pair.server);
    assert_true(CreateIoCompletionPort((HANDLE)pair.server, pair.port, KEY_SOCKET, 0) == pair.port);
    WSABUF buf = {sizeof(pair.data), pair.data};
    DWORD flags = 0;
    assert_int_equal(WSARecv(pair.server, &buf, 1, NULL, &flags, &pair.ov, NULL), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
}

static void pair_close(void)
{
    closesocket(pair.client);
    closesocket(pair.server);
    CloseHandle(pair.port);
}

static void a_receive_completes_while_the_queue_never_empties(void **state)
{
    (void)state;
    pair_open();
    HANDLE port = pair.port;

    /* The thread starts spinning before the data comes, so it never has to wait for a packet. */
    assert_true(PostQueuedCompletionStatus(port, 0, KEY_SPIN, NULL));
    assert_true(PostQueuedCompletionStatus(port, 0, KEY_SPIN, NULL));
    ULONG_PTR key;
    LPOVERLAPPED got;
    DWORD bytes;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    assert_int_equal(key, KEY_SPIN);
    assert_true(PostQueuedCompletionStatus(port, 0, KEY_SPIN, NULL));
    assert_int_equal(send(pair.client, "hello", 5, 0), 5);

    unsigned long spins;
    got = spin_until_socket_packet(port, &bytes, &spins);
    assert_ptr_equal(got, &pair.ov);
    assert_int_equal(bytes, 5);
    assert_memory_equal(pair.data, "hello", 5);
    assert_in_range(spins, 1, SPIN_PACKETS_MAX);

    pair_close();
}

/*
 * The same with an alertable GetQueuedCompletionStatusEx, which never waits
 * in the port's set (an APC must be able to end it): the engine thread
 * watches such a port, since nobody waits in its set or takes from it
 * there.  A timer's pace, not Windows' (behind the packets ahead), so the
 * bound is time: a second, not SPIN_PACKETS_MAX.
 */
static void an_alertable_spinner_still_gets_a_receive(void **state)
{
    (void)state;
    pair_open();
    HANDLE port = pair.port;
    assert_true(PostQueuedCompletionStatus(port, 0, KEY_SPIN, NULL));
    assert_int_equal(send(pair.client, "hello", 5, 0), 5);

    uint64_t start = ws2t_now_ms();
    LPOVERLAPPED got = NULL;
    while (!got && ws2t_now_ms() - start < SPIN_LIMIT_MS) {
        OVERLAPPED_ENTRY e;
        ULONG n = 0;
        if (!GetQueuedCompletionStatusEx(port, &e, 1, &n, 1000, TRUE))
            continue;
        assert_int_equal(n, 1);
        if (e.lpCompletionKey == KEY_SOCKET)
            got = e.lpOverlapped;
        else
            assert_true(PostQueuedCompletionStatus(port, 0, KEY_SPIN, NULL));
    }
    assert_ptr_equal(got, &pair.ov);
    assert_true(ws2t_now_ms() - start < 1000);
    assert_memory_equal(pair.data, "hello", 5);

    pair_close();
}

static void acceptex_completes_while_the_queue_never_empties(void **state)
{
    (void)state;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    assert_non_null(port);
    struct sockaddr_storage addr;
    int len;
    SOCKET listener = ws2t_listener(AF_INET, &addr, &len);
    assert_true(CreateIoCompletionPort((HANDLE)listener, port, KEY_SOCKET, 0) == port);
    GUID id = WSAID_ACCEPTEX;
    LPFN_ACCEPTEX acceptex = (LPFN_ACCEPTEX)ws2t_extension(listener, id);
    assert_non_null(acceptex);
    SOCKET accepted = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    static char addrs[2 * (sizeof(struct sockaddr_in6) + 16)];
    static WSAOVERLAPPED ov; /* static: a failed assertion leaves it pending */
    memset(&ov, 0, sizeof(ov));
    DWORD got_bytes = 0;
    assert_false(acceptex(listener, accepted, addrs, 0, sizeof(struct sockaddr_in6) + 16,
                          sizeof(struct sockaddr_in6) + 16, &got_bytes, &ov));
    assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);

    assert_true(PostQueuedCompletionStatus(port, 0, KEY_SPIN, NULL));
    ULONG_PTR key;
    LPOVERLAPPED got;
    DWORD bytes;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    assert_true(PostQueuedCompletionStatus(port, 0, KEY_SPIN, NULL));
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(client, (struct sockaddr *)&addr, len), 0);

    unsigned long spins;
    got = spin_until_socket_packet(port, &bytes, &spins);
    assert_ptr_equal(got, &ov);
    assert_in_range(spins, 1, SPIN_PACKETS_MAX);
    assert_int_equal(setsockopt(accepted, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT,
                                (const char *)&listener, sizeof(listener)),
                     0);
    assert_int_equal(send(client, "x", 1, 0), 1);
    char c = 0;
    assert_int_equal(recv(accepted, &c, 1, 0), 1);
    assert_int_equal(c, 'x');

    closesocket(client);
    closesocket(accepted);
    closesocket(listener);
    CloseHandle(port);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_receive_completes_while_the_queue_never_empties,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(an_alertable_spinner_still_gets_a_receive, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_completes_while_the_queue_never_empties,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("iocp_busy_queue", tests, NULL, NULL);
}
