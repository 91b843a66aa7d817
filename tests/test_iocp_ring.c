/*
 * Overlapped receives and sends of a completion port's sockets that the
 * io_uring engine runs as requests on the port's ring (src/sys/engine_ring.c,
 * src/providers/base/overlapped_ring.c), and that a port's thread amid a
 * batch of completions leaves for its next wait to submit.  Whatever the
 * engine, Windows' rules hold: an operation outlives the thread that issued
 * it, starts without the issuing thread waiting again, completes in issue
 * order with the bytes in order, and a cancel loses no data.  Run on both
 * engines (ctest runs the suite with WS2POSIX_ENGINE=epoll too).
 */
#include <stdbool.h>
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 10000

struct ring_pair {
    HANDLE port;
    SOCKET client, server;
};

static void ring_pair_open(struct ring_pair *p)
{
    p->port = ws2t_new_port();
    ws2t_tcp_pair(AF_INET, &p->client, &p->server);
    assert_true(CreateIoCompletionPort((HANDLE)p->server, p->port, 7, 0) == p->port);
    DWORD ms = LONG_WAIT;
    assert_int_equal(setsockopt(p->client, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof(ms)),
                     0);
}

static void ring_pair_close(struct ring_pair *p)
{
    closesocket(p->client);
    closesocket(p->server);
    CloseHandle(p->port);
}

/* Takes one packet and checks it is ov's, successful, with bytes. */
static void expect_done(HANDLE port, WSAOVERLAPPED *ov, DWORD bytes)
{
    ws2t_expect_done(port, ov, bytes, LONG_WAIT);
}

/* Takes ov's packet, which says it was aborted, and then finds no other. */
static void expect_aborted_once(HANDLE port, WSAOVERLAPPED *ov)
{
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED got = NULL;
    assert_false(GetQueuedCompletionStatus(port, &n, &key, &got, LONG_WAIT));
    assert_ptr_equal(got, ov);
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    got = NULL;
    assert_false(GetQueuedCompletionStatus(port, &n, &key, &got, 200));
    assert_null(got);
}

/* ---- an operation outlives the thread that issued it ---- */

struct issue_arg {
    SOCKET s;
    WSAOVERLAPPED *ov;
    WSABUF *wb;
    char *buf;
};

static DWORD WINAPI issue_recv_and_exit(LPVOID p)
{
    struct issue_arg *a = p;
    ws2t_recv_pending(a->s, a->ov, a->wb, a->buf, 64);
    return 0;
}

/*
 * Windows does not cancel I/O on a socket associated with a completion
 * port when the issuing thread exits (the port is its owner); io_uring
 * cancels a request whose submitting thread exits, so the library submits
 * it again.
 */
static void receive_issued_by_an_exited_thread_completes_with_its_data(void **state)
{
    (void)state;
    struct ring_pair p;
    ring_pair_open(&p);
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[64] = {0};
    struct issue_arg a = {p.server, &ov, &wb, buf};
    ws2t_join(ws2t_thread(issue_recv_and_exit, &a));
    Sleep(50);
    assert_int_equal(send(p.client, "hello", 5, 0), 5);
    expect_done(p.port, &ov, 5);
    assert_memory_equal(buf, "hello", 5);
    ring_pair_close(&p);
}

/* ---- a port's thread amid a batch leaves its operations for its next wait ---- */

/* Two packets queued; the calling thread takes one, so that it is amid a batch. */
static void take_one_of_two(HANDLE port)
{
    assert_true(PostQueuedCompletionStatus(port, 0, 1, NULL));
    assert_true(PostQueuedCompletionStatus(port, 0, 2, NULL));
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED got;
    assert_true(GetQueuedCompletionStatus(port, &n, &key, &got, LONG_WAIT));
    assert_int_equal(key, 1);
}

/* The calling thread, amid a batch of the port's packets, sends len bytes of data. */
static void send_amid_a_batch(struct ring_pair *p, WSAOVERLAPPED *ov, char *data, ULONG len)
{
    take_one_of_two(p->port);
    memset(ov, 0, sizeof(*ov));
    WSABUF wb = {len, data};
    int r = WSASend(p->server, &wb, 1, NULL, 0, ov, NULL);
    assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
}

/*
 * On Windows a WSASend starts at once.  A thread that leaves its send for
 * its next wait and then does not wait (it sleeps, or blocks elsewhere)
 * must not hold the bytes back: the peer gets them anyway.
 */
static void send_amid_a_batch_reaches_the_peer_without_another_wait(void **state)
{
    (void)state;
    struct ring_pair p;
    ring_pair_open(&p);
    WSAOVERLAPPED ov;
    send_amid_a_batch(&p, &ov, "abc", 3);
    uint64_t start = ws2t_now_ms();
    char got[3];
    assert_int_equal(recv(p.client, got, 3, MSG_WAITALL), 3);
    assert_memory_equal(got, "abc", 3);
    assert_true(ws2t_now_ms() - start < 5000);
    /* The queued packet first, then the send's. */
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED lp;
    assert_true(GetQueuedCompletionStatus(p.port, &n, &key, &lp, LONG_WAIT));
    assert_int_equal(key, 2);
    expect_done(p.port, &ov, 3);
    ring_pair_close(&p);
}

/* WSAGetOverlappedResult with fWait on such a send returns its result, never hangs. */
static void overlapped_result_waits_for_a_send_left_for_the_next_wait(void **state)
{
    (void)state;
    struct ring_pair p;
    ring_pair_open(&p);
    WSAOVERLAPPED ov;
    send_amid_a_batch(&p, &ov, "wxyz", 4);
    DWORD n = 0, flags = 0;
    assert_true(WSAGetOverlappedResult(p.server, &ov, &n, TRUE, &flags));
    assert_int_equal(n, 4);
    char got[4];
    assert_int_equal(recv(p.client, got, 4, MSG_WAITALL), 4);
    assert_memory_equal(got, "wxyz", 4);
    ring_pair_close(&p);
}

/*
 * A port's only worker leaves a send for its next wait even after its last
 * packet.  When that wait does not come, the bytes go all the same: at once
 * when the worker blocks in a call of ours (SleepEx here), on the engine's
 * tick when it computes.  The peer's reader runs on a thread of its own,
 * so that only the worker could hold them back.
 */
struct reader_arg {
    SOCKET s;
    char got[5];
    int n;
    uint64_t at_ms; /* when the bytes arrived */
};

static DWORD WINAPI reader_thread(LPVOID p)
{
    struct reader_arg *a = p;
    a->n = recv(a->s, a->got, sizeof(a->got), MSG_WAITALL);
    a->at_ms = ws2t_now_ms();
    return 0;
}

/* Takes the port's only packet, then sends "after" on the server socket. */
static void send_after_the_last_packet(struct ring_pair *p, WSAOVERLAPPED *ov, uint64_t *sent_ms)
{
    assert_true(PostQueuedCompletionStatus(p->port, 0, 1, NULL));
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED got;
    assert_true(GetQueuedCompletionStatus(p->port, &n, &key, &got, LONG_WAIT));
    memset(ov, 0, sizeof(*ov));
    WSABUF wb = {5, "after"};
    *sent_ms = ws2t_now_ms();
    int r = WSASend(p->server, &wb, 1, NULL, 0, ov, NULL);
    assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
}

static void
send_after_the_last_packet_reaches_the_peer_while_the_worker_waits_elsewhere(bool sleeps)
{
    struct ring_pair p;
    ring_pair_open(&p);
    struct reader_arg a = {p.client, {0}, 0, 0};
    HANDLE t = ws2t_thread(reader_thread, &a);
    WSAOVERLAPPED ov;
    uint64_t sent;
    send_after_the_last_packet(&p, &ov, &sent);
    /* Busy or asleep for 3 s: the bytes must not wait for the worker's next wait. */
    if (sleeps) {
        SleepEx(3000, FALSE);
    } else {
        volatile unsigned long spin = 0;
        while (ws2t_now_ms() - sent < 3000)
            spin++;
    }
    ws2t_join(t);
    assert_int_equal(a.n, 5);
    assert_memory_equal(a.got, "after", 5);
    assert_true(a.at_ms - sent < 1500);
    expect_done(p.port, &ov, 5);
    ring_pair_close(&p);
}

static void send_after_the_last_packet_reaches_the_peer_while_the_worker_sleeps(void **state)
{
    (void)state;
    send_after_the_last_packet_reaches_the_peer_while_the_worker_waits_elsewhere(true);
}

static void send_after_the_last_packet_reaches_the_peer_while_the_worker_computes(void **state)
{
    (void)state;
    send_after_the_last_packet_reaches_the_peer_while_the_worker_waits_elsewhere(false);
}

/* ---- order and bytes ---- */

static void queued_receives_complete_in_issue_order_with_bytes_in_order(void **state)
{
    (void)state;
    struct ring_pair p;
    ring_pair_open(&p);
    WSAOVERLAPPED ov[3];
    WSABUF wb[3];
    char buf[3][4];
    for (int i = 0; i < 3; i++)
        ws2t_recv_pending(p.server, &ov[i], &wb[i], buf[i], 4);
    assert_int_equal(send(p.client, "aaaabbbbcccc", 12, 0), 12);
    for (int i = 0; i < 3; i++) {
        expect_done(p.port, &ov[i], 4);
        assert_memory_equal(buf[i], i == 0 ? "aaaa" : i == 1 ? "bbbb" : "cccc", 4);
    }
    ring_pair_close(&p);
}

/* A cancelled receive takes nothing: the data goes to the next one. */
static void cancelled_receive_leaves_the_data_to_the_next(void **state)
{
    (void)state;
    struct ring_pair p;
    ring_pair_open(&p);
    WSAOVERLAPPED a, b;
    WSABUF wa, wb;
    char ba[16], bb[16];
    ws2t_recv_pending(p.server, &a, &wa, ba, sizeof(ba));
    assert_true(CancelIoEx((HANDLE)p.server, &a));
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED got = NULL;
    assert_false(GetQueuedCompletionStatus(p.port, &n, &key, &got, LONG_WAIT));
    assert_ptr_equal(got, &a);
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    ws2t_recv_pending(p.server, &b, &wb, bb, sizeof(bb));
    assert_int_equal(send(p.client, "z", 1, 0), 1);
    expect_done(p.port, &b, 1);
    assert_int_equal(bb[0], 'z');
    ring_pair_close(&p);
}

/* closesocket aborts a pending receive, once, with the port's packet; nothing else comes. */
static void closesocket_aborts_a_pending_receive_once(void **state)
{
    (void)state;
    struct ring_pair p;
    ring_pair_open(&p);
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[16];
    ws2t_recv_pending(p.server, &ov, &wb, buf, sizeof(buf));
    assert_int_equal(closesocket(p.server), 0);
    expect_aborted_once(p.port, &ov);
    closesocket(p.client);
    CloseHandle(p.port);
}

/* A thread that waits on the port for a while and reports what it got. */
static DWORD WINAPI wait_once(LPVOID arg)
{
    HANDLE port = arg;
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED got = NULL;
    GetQueuedCompletionStatus(port, &n, &key, &got, 300);
    return got ? 1 : 0;
}

/*
 * A receive issued while one thread at most waited, then two threads wait
 * at once (the port leaves its ring for new operations), then the socket
 * is closed: the receive is aborted once, and data sent after that goes to
 * a new receive on another socket of the port.
 */
static void receive_from_before_a_second_waiter_aborts_once_at_close(void **state)
{
    (void)state;
    struct ring_pair p;
    ring_pair_open(&p);
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[16];
    ws2t_recv_pending(p.server, &ov, &wb, buf, sizeof(buf));
    HANDLE t[2] = {ws2t_thread(wait_once, p.port), ws2t_thread(wait_once, p.port)};
    for (int i = 0; i < 2; i++) {
        assert_int_equal(WaitForSingleObject(t[i], LONG_WAIT), WAIT_OBJECT_0);
        DWORD code = 9;
        assert_true(GetExitCodeThread(t[i], &code));
        assert_int_equal(code, 0); /* nothing to take: the receive is still pending */
        CloseHandle(t[i]);
    }
    assert_int_equal(closesocket(p.server), 0);
    expect_aborted_once(p.port, &ov);

    SOCKET c2, s2;
    ws2t_tcp_pair(AF_INET, &c2, &s2);
    assert_true(CreateIoCompletionPort((HANDLE)s2, p.port, 8, 0) == p.port);
    ws2t_recv_pending(s2, &ov, &wb, buf, sizeof(buf));
    assert_int_equal(send(c2, "q", 1, 0), 1);
    expect_done(p.port, &ov, 1);
    assert_int_equal(buf[0], 'q');
    closesocket(c2);
    closesocket(s2);
    closesocket(p.client);
    CloseHandle(p.port);
}

/* ---- a worker's large send ---- */

#define BIG (4 * 1024 * 1024)

struct big_arg {
    struct ring_pair *p;
    WSAOVERLAPPED ov;
    char *data;
    DWORD sent;
    BOOL ok;
};

/* A worker: takes one of two packets, sends BIG bytes, then takes the rest. */
static DWORD WINAPI big_send_worker(LPVOID arg)
{
    struct big_arg *a = arg;
    take_one_of_two(a->p->port);
    WSABUF wb = {BIG, a->data};
    int r = WSASend(a->p->server, &wb, 1, NULL, 0, &a->ov, NULL);
    if (r != 0 && WSAGetLastError() != WSA_IO_PENDING)
        return 1;
    for (int i = 0; i < 2; i++) {
        DWORD n;
        ULONG_PTR key;
        LPOVERLAPPED got = NULL;
        BOOL ok = GetQueuedCompletionStatus(a->p->port, &n, &key, &got, LONG_WAIT);
        if (got == &a->ov) {
            a->ok = ok;
            a->sent = n;
        }
    }
    return 0;
}

static void large_send_of_a_worker_completes_whole(void **state)
{
    (void)state;
    struct ring_pair p;
    ring_pair_open(&p);
    struct big_arg a;
    memset(&a, 0, sizeof(a));
    a.p = &p;
    a.data = malloc(BIG);
    assert_non_null(a.data);
    for (int i = 0; i < BIG; i++)
        a.data[i] = (char)(i * 7 + (i >> 12));
    HANDLE t = ws2t_thread(big_send_worker, &a);
    char *in = malloc(BIG);
    assert_non_null(in);
    size_t got = 0;
    while (got < BIG) {
        int r = recv(p.client, in + got, (int)(BIG - got), 0);
        assert_true(r > 0);
        got += (size_t)r;
    }
    ws2t_join(t);
    assert_true(a.ok);
    assert_int_equal(a.sent, BIG);
    assert_memory_equal(in, a.data, BIG);
    free(in);
    free(a.data);
    ring_pair_close(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(receive_issued_by_an_exited_thread_completes_with_its_data,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(send_amid_a_batch_reaches_the_peer_without_another_wait,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(overlapped_result_waits_for_a_send_left_for_the_next_wait,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            send_after_the_last_packet_reaches_the_peer_while_the_worker_sleeps, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            send_after_the_last_packet_reaches_the_peer_while_the_worker_computes, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(queued_receives_complete_in_issue_order_with_bytes_in_order,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(cancelled_receive_leaves_the_data_to_the_next, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(closesocket_aborts_a_pending_receive_once, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(large_send_of_a_worker_completes_whole, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(receive_from_before_a_second_waiter_aborts_once_at_close,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("iocp_ring", tests, NULL, NULL);
}
