/*
 * Completion ports whose waiters wait in the port's readiness set
 * (src/sys/engine.h, engine_set.c): a thread waiting in
 * GetQueuedCompletionStatus runs the completions of the port's sockets
 * itself, and the engine thread watches the set only while nobody waits in
 * it.  Whatever happens, the port must keep every rule of test_iocp_port:
 * posts from other threads, the port's close, timeouts, completions for
 * other ports, and the final WSACleanup (which stops the engine under the
 * waiter) all reach the waiter, no packet is lost or doubled, a readiness
 * wakes one waiter, and operations complete while no thread waits
 * (HasOverlappedIoCompleted), on both engines.
 *
 * Every test first makes the engine run (it starts with the first pending
 * overlapped operation), so that the port has its set.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 10000

/* What one GetQueuedCompletionStatus in another thread returned. */
struct waiter {
    HANDLE port;
    DWORD ms;
    BOOL ok;
    DWORD error, bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    uint64_t elapsed_ms;
};

static DWORD WINAPI waiter_main(LPVOID arg)
{
    struct waiter *w = arg;
    uint64_t t0 = ws2t_now_ms();
    w->ok = GetQueuedCompletionStatus(w->port, &w->bytes, &w->key, &w->ov, w->ms);
    w->error = w->ok ? 0 : GetLastError();
    w->elapsed_ms = ws2t_now_ms() - t0;
    return 0;
}

/* The packet of p's receive, taken on this thread once the client has sent. */
static void expect_receive(HANDLE port, struct ws2t_pending_pair *p, ULONG_PTR key, DWORD len)
{
    DWORD bytes = 0;
    ULONG_PTR got_key = 0;
    LPOVERLAPPED ov = NULL;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &got_key, &ov, LONG_WAIT));
    assert_ptr_equal(ov, &p->ov);
    assert_int_equal(got_key, key);
    assert_int_equal(bytes, len);
}

/*
 * A port with one socket whose receive is pending (key 1, or as given), and
 * a thread waiting on the port for ms; the test then does something to the
 * waiter, and scene_end joins it and tears the rest down.
 */
struct scene {
    HANDLE port, thread;
    struct ws2t_pending_pair p;
    struct waiter w;
};

static void scene_begin(struct scene *sc, ULONG_PTR key, DWORD ms)
{
    sc->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    assert_non_null(sc->port);
    ws2t_pending_pair_open(&sc->p, sc->port, key);
    memset(&sc->w, 0, sizeof(sc->w));
    sc->w.port = sc->port;
    sc->w.ms = ms;
    sc->thread = ws2t_thread(waiter_main, &sc->w);
    Sleep(100); /* the waiter is in its wait, in the set */
}

static void scene_end(struct scene *sc, BOOL close_port)
{
    ws2t_join(sc->thread);
    ws2t_pending_pair_close(&sc->p);
    if (close_port)
        CloseHandle(sc->port);
}

static void a_receive_completes_for_the_waiting_thread(void **state)
{
    (void)state;
    struct scene sc;
    scene_begin(&sc, 7, LONG_WAIT);
    assert_int_equal(send(sc.p.client, "hello", 5, 0), 5);
    scene_end(&sc, TRUE);
    assert_true(sc.w.ok);
    assert_ptr_equal(sc.w.ov, &sc.p.ov);
    assert_int_equal(sc.w.key, 7);
    assert_int_equal(sc.w.bytes, 5);
    assert_memory_equal(sc.p.data, "hello", 5);
}

static void a_post_from_another_thread_ends_the_wait(void **state)
{
    (void)state;
    struct scene sc;
    scene_begin(&sc, 1, LONG_WAIT);
    assert_true(PostQueuedCompletionStatus(sc.port, 42, 99, NULL));
    scene_end(&sc, TRUE);
    assert_true(sc.w.ok);
    assert_int_equal(sc.w.key, 99);
    assert_int_equal(sc.w.bytes, 42);
    assert_true(sc.w.elapsed_ms < 5000);
}

static void the_wait_times_out(void **state)
{
    (void)state;
    struct scene sc;
    scene_begin(&sc, 1, 300);
    scene_end(&sc, TRUE);
    assert_false(sc.w.ok);
    assert_int_equal(sc.w.error, WAIT_TIMEOUT);
    assert_null(sc.w.ov);
    assert_true(sc.w.elapsed_ms >= 290 && sc.w.elapsed_ms < 5000);
}

static void closing_the_port_abandons_the_waiter(void **state)
{
    (void)state;
    struct scene sc;
    scene_begin(&sc, 1, INFINITE);
    assert_true(CloseHandle(sc.port));
    scene_end(&sc, FALSE);
    assert_false(sc.w.ok);
    assert_int_equal(sc.w.error, ERROR_ABANDONED_WAIT_0);
    assert_null(sc.w.ov);
}

/*
 * Two ports, a waiter on each; the first must not take the completion for
 * the other port's socket: it reaches the other waiter.
 */
static void a_completion_for_another_port_reaches_its_waiter(void **state)
{
    (void)state;
    HANDLE a = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    HANDLE b = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    struct ws2t_pending_pair pa, pb;
    ws2t_pending_pair_open(&pa, a, 1);
    ws2t_pending_pair_open(&pb, b, 2);
    struct waiter wa = {.port = a, .ms = INFINITE};
    struct waiter wb = {.port = b, .ms = LONG_WAIT};
    HANDLE ta = ws2t_thread(waiter_main, &wa);
    Sleep(100);
    HANDLE tb = ws2t_thread(waiter_main, &wb);
    Sleep(100);
    assert_int_equal(send(pb.client, "to b", 4, 0), 4);
    ws2t_join(tb);
    assert_true(wb.ok);
    assert_ptr_equal(wb.ov, &pb.ov);
    assert_int_equal(wb.key, 2);
    assert_int_equal(wb.bytes, 4);
    assert_true(wb.elapsed_ms < 5000);
    /* a's waiter is still there, and gets a's own completion. */
    assert_int_equal(WaitForSingleObject(ta, 0), WAIT_TIMEOUT);
    assert_int_equal(send(pa.client, "to a", 4, 0), 4);
    ws2t_join(ta);
    assert_true(wa.ok);
    assert_ptr_equal(wa.ov, &pa.ov);
    assert_int_equal(wa.key, 1);
    ws2t_pending_pair_close(&pa);
    ws2t_pending_pair_close(&pb);
    CloseHandle(a);
    CloseHandle(b);
}

/*
 * The final WSACleanup stops the engine while a thread waits on a port in
 * it: the cleanup must not hang, and the thread goes on waiting on the port
 * (a port is a kernel object, not a Winsock one), so a later post reaches
 * it.  Its socket's receive was cancelled silently by the cleanup.
 */
static void final_cleanup_leaves_the_waiter_on_its_port(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    struct ws2t_pending_pair p;
    ws2t_pending_pair_open(&p, port, 1);
    struct waiter w = {.port = port, .ms = LONG_WAIT};
    HANDLE t = ws2t_thread(waiter_main, &w);
    Sleep(100);
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(WSACleanup(), 0);
    assert_true(ws2t_now_ms() - t0 < 5000);
    if (WaitForSingleObject(t, 200) != WAIT_TIMEOUT) /* nothing was posted */
        fail_msg("the wait ended: ok %d error %lu key %lu ov %p", w.ok, (unsigned long)w.error,
                 (unsigned long)w.key, (void *)w.ov);
    assert_true(PostQueuedCompletionStatus(port, 3, 33, NULL));
    ws2t_join(t);
    assert_true(w.ok);
    assert_int_equal(w.key, 33);
    assert_int_equal(w.bytes, 3);
    assert_int_equal(p.ov.Internal, 0xC0000120u); /* STATUS_CANCELLED: WSA_OPERATION_ABORTED */
    CloseHandle(port);
}

/* Echo ping-pong on many connections, two workers on one port: nothing lost or doubled. */
#define ECHO_CONNS  16
#define ECHO_ROUNDS 300

struct echo_conn {
    WSAOVERLAPPED ov;
    SOCKET server, client;
    WSABUF buf;
    char data[64];
    int sending;
};

struct echo {
    HANDLE port;
    struct echo_conn conns[ECHO_CONNS];
    volatile LONG packets, failures;
};

static void echo_recv(struct echo_conn *c)
{
    c->sending = 0;
    c->buf.buf = c->data;
    c->buf.len = sizeof(c->data);
    DWORD flags = 0;
    if (WSARecv(c->server, &c->buf, 1, NULL, &flags, &c->ov, NULL) != 0)
        assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
}

static DWORD WINAPI echo_worker(LPVOID arg)
{
    struct echo *e = arg;
    for (;;) {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED ov;
        BOOL ok = GetQueuedCompletionStatus(e->port, &bytes, &key, &ov, LONG_WAIT);
        if (!ov) {
            if (!ok && GetLastError() == WAIT_TIMEOUT)
                InterlockedIncrement(&e->failures);
            return 0; /* the quit packet, or a timeout */
        }
        InterlockedIncrement(&e->packets);
        struct echo_conn *c = &e->conns[key];
        if (!ok || bytes == 0) {
            InterlockedIncrement(&e->failures);
            continue;
        }
        if (c->sending) {
            echo_recv(c);
        } else {
            c->sending = 1;
            c->buf.len = bytes;
            if (WSASend(c->server, &c->buf, 1, NULL, 0, &c->ov, NULL) != 0 &&
                WSAGetLastError() != WSA_IO_PENDING)
                InterlockedIncrement(&e->failures);
        }
    }
}

static void echo_on_many_connections_loses_nothing(void **state)
{
    (void)state;
    static struct echo e;
    memset(&e, 0, sizeof(e));
    e.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 2);
    for (int i = 0; i < ECHO_CONNS; i++) {
        struct echo_conn *c = &e.conns[i];
        ws2t_tcp_pair(AF_INET, &c->client, &c->server);
        assert_true(CreateIoCompletionPort((HANDLE)c->server, e.port, (ULONG_PTR)i, 0) == e.port);
        echo_recv(c);
    }
    HANDLE workers[2] = {ws2t_thread(echo_worker, &e), ws2t_thread(echo_worker, &e)};
    for (int round = 0; round < ECHO_ROUNDS; round++) {
        for (int i = 0; i < ECHO_CONNS; i++) {
            char msg[8];
            memcpy(msg, &round, sizeof(round));
            memcpy(msg + 4, &i, sizeof(i));
            assert_int_equal(send(e.conns[i].client, msg, 8, 0), 8);
        }
        for (int i = 0; i < ECHO_CONNS; i++) {
            char back[8];
            int got = 0;
            while (got < 8) {
                int n = recv(e.conns[i].client, back + got, 8 - got, 0);
                assert_true(n > 0);
                got += n;
            }
            assert_memory_equal(back, &round, sizeof(round));
            assert_memory_equal(back + 4, &i, sizeof(i));
        }
    }
    /*
     * The client has every echo, but a send's packet comes after its data:
     * wait for the last ones (one receive and one send per message; the
     * receives still pending are not counted), then stop the workers.
     */
    uint64_t deadline = ws2t_now_ms() + LONG_WAIT;
    while (InterlockedCompareExchange(&e.packets, 0, 0) < 2 * ECHO_CONNS * ECHO_ROUNDS &&
           ws2t_now_ms() < deadline)
        Sleep(1);
    for (int i = 0; i < 2; i++)
        assert_true(PostQueuedCompletionStatus(e.port, 0, 0, NULL));
    ws2t_join(workers[0]);
    ws2t_join(workers[1]);
    assert_int_equal(e.failures, 0);
    assert_int_equal(e.packets, 2 * ECHO_CONNS * ECHO_ROUNDS);
    for (int i = 0; i < ECHO_CONNS; i++) {
        closesocket(e.conns[i].client);
        closesocket(e.conns[i].server);
    }
    CloseHandle(e.port);
}

/* Many posts from another thread to a waiter that keeps coming back: each arrives once. */
#define POSTS 20000

struct counter {
    HANDLE port;
    LONG seen;
    ULONG_PTR next;
    int out_of_order;
};

static DWORD WINAPI counter_main(LPVOID arg)
{
    struct counter *c = arg;
    while (c->seen < POSTS) {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED ov;
        if (!GetQueuedCompletionStatus(c->port, &bytes, &key, &ov, LONG_WAIT))
            return 1;
        if (key != c->next)
            c->out_of_order++;
        c->next = key + 1;
        c->seen++;
    }
    return 0;
}

static void posts_to_a_waiting_thread_arrive_once_in_order(void **state)
{
    (void)state;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    struct ws2t_pending_pair p;
    ws2t_pending_pair_open(&p, port, 1);
    struct counter c = {.port = port};
    HANDLE t = ws2t_thread(counter_main, &c);
    for (ULONG_PTR i = 0; i < POSTS; i++) {
        assert_true(PostQueuedCompletionStatus(port, 0, i, NULL));
        if (i % 64 == 0)
            Sleep(0); /* let the waiter catch up, so that it waits often */
    }
    DWORD code = 1;
    assert_int_equal(WaitForSingleObject(t, LONG_WAIT), WAIT_OBJECT_0);
    assert_true(GetExitCodeThread(t, &code));
    CloseHandle(t);
    assert_int_equal(code, 0);
    assert_int_equal(c.seen, POSTS);
    assert_int_equal(c.out_of_order, 0);
    assert_int_equal(send(p.client, "x", 1, 0), 1);
    expect_receive(port, &p, 1, 1);
    ws2t_pending_pair_close(&p);
    CloseHandle(port);
}

/*
 * The thread that took a packet goes on without coming back to the port (it
 * polls HasOverlappedIoCompleted, as some programs do): nobody waits in the
 * set, yet the next receive completes as soon as its data is there — on
 * Windows the kernel completes it, whoever waits.  Its packet is queued.
 */
struct late_send {
    SOCKET s;
    DWORD ms;
};

static DWORD WINAPI late_send_main(LPVOID arg)
{
    struct late_send *ls = arg;
    Sleep(ls->ms);
    return send(ls->s, "one", 3, 0) == 3 ? 0 : 1;
}

static void a_receive_completes_while_the_ports_thread_is_busy(void **state)
{
    (void)state;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    struct ws2t_pending_pair p;
    ws2t_pending_pair_open(&p, port, 3);
    /* First a long wait with nothing happening, so that the engine thread goes idle. */
    struct late_send ls = {p.client, 500};
    HANDLE sender = ws2t_thread(late_send_main, &ls);
    expect_receive(port, &p, 3, 3);
    ws2t_join(sender);
    /* This thread now counts as the port's running thread, and does not come back. */
    DWORD flags = 0;
    assert_int_equal(WSARecv(p.server, &p.buf, 1, NULL, &flags, &p.ov, NULL), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
    Sleep(50);
    assert_int_equal(send(p.client, "two!", 4, 0), 4);
    /*
     * HasOverlappedIoCompleted, polled with no call into the library at all;
     * an acquire load of Internal (what the macro's plain read is on x86),
     * so that the race detector sees the order the hardware gives.
     */
    uint64_t t0 = ws2t_now_ms();
    while (__atomic_load_n(&p.ov.Internal, __ATOMIC_ACQUIRE) == STATUS_PENDING &&
           ws2t_now_ms() - t0 < LONG_WAIT)
        ;
    assert_true(HasOverlappedIoCompleted(&p.ov));
    assert_int_equal(p.ov.InternalHigh, 4);
    assert_memory_equal(p.data, "two!", 4);
    expect_receive(port, &p, 3, 4);
    ws2t_pending_pair_close(&p);
    CloseHandle(port);
}

/*
 * Context switches of one thread, from its /proc status file: voluntary
 * ones (the thread slept) and, unless voluntary_only, the preemptions too.
 */
static unsigned long thread_switches(const char *status_path, bool voluntary_only)
{
    unsigned long total = 0;
    char line[128];
    FILE *f = fopen(status_path, "r");
    if (!f)
        return 0; /* the thread ended meanwhile */
    while (fgets(line, sizeof(line), f)) {
        unsigned long n;
        if (sscanf(line, "voluntary_ctxt_switches: %lu", &n) == 1 ||
            (!voluntary_only && sscanf(line, "nonvoluntary_ctxt_switches: %lu", &n) == 1))
            total += n;
    }
    fclose(f);
    return total;
}

/* Context switches of every thread of the process so far (voluntary_only: sleeps alone). */
static unsigned long process_switches_of(bool voluntary_only)
{
    unsigned long total = 0;
    DIR *d = opendir("/proc/self/task");
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[300];
        snprintf(path, sizeof(path), "/proc/self/task/%s/status", e->d_name);
        total += thread_switches(path, voluntary_only);
    }
    closedir(d);
    return total;
}

static unsigned long process_switches(void)
{
    return process_switches_of(false);
}

/*
 * A port whose thread waits with nothing to do costs nothing: the engine
 * thread does not tick while every set has its waiter (engine_set.c), so
 * the process hardly switches in a second (a tick would be 500).  Then
 * the port still works.
 */
static void an_idle_port_lets_the_process_sleep(void **state)
{
    (void)state;
    struct scene sc;
    scene_begin(&sc, 8, LONG_WAIT);
    Sleep(100); /* a tick or two to notice the quiet */
    unsigned long before = process_switches();
    Sleep(1000);
    unsigned long after = process_switches();
    assert_true(after - before < 100);
    assert_int_equal(send(sc.p.client, "late", 4, 0), 4);
    scene_end(&sc, TRUE);
    assert_true(sc.w.ok);
    assert_int_equal(sc.w.key, 8);
    assert_int_equal(sc.w.bytes, 4);
}

/*
 * The engine thread watches a port nobody attends (here: for the first
 * 50 ms), and must hand it back once its thread is busy with it again.  The
 * thread then sends on 32 connections whose other ends wait with a receive
 * on the port, and takes the 32 completions, 200 times: the data arrives
 * while the thread is sending, not waiting.  Were the engine thread to run
 * every such readiness itself and watch again (as it does for a port
 * nobody attends), it would be woken once per send, 6,400 times; the
 * port's own thread runs them when it next waits, and the process hardly
 * sleeps.  Nothing is lost either way.  The receives have two buffers,
 * so that they wait for readiness under both engines (a port's ring takes
 * only one-buffer ones).
 */
#define BUSY_PAIRS  32
#define BUSY_ROUNDS 200

/* A receive into two buffers of p's data. */
static void busy_recv(struct ws2t_pending_pair *p)
{
    WSABUF bufs[2] = {{16, p->data}, {16, p->data + 16}};
    memset(&p->ov, 0, sizeof(p->ov));
    DWORD flags = 0;
    int rc = WSARecv(p->server, bufs, 2, NULL, &flags, &p->ov, NULL);
    assert_true(rc == 0 || WSAGetLastError() == WSA_IO_PENDING);
}

static void a_busy_ports_thread_keeps_its_completions(void **state)
{
    (void)state;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    assert_non_null(port);
    static struct ws2t_pending_pair pairs[BUSY_PAIRS];
    for (int i = 0; i < BUSY_PAIRS; i++) {
        struct ws2t_pending_pair *p = &pairs[i];
        memset(p, 0, sizeof(*p));
        ws2t_tcp_pair(AF_INET, &p->client, &p->server);
        assert_true(CreateIoCompletionPort((HANDLE)p->server, port, (ULONG_PTR)i, 0) == port);
        busy_recv(p);
    }
    Sleep(50); /* unattended for ticks: the engine thread watches the port */
    /* Sleeps alone: a preemption (a parallel test, a sanitizer) says nothing of who was woken. */
    unsigned long before = process_switches_of(true);
    uint64_t start = ws2t_now_ms();
    for (int r = 0; r < BUSY_ROUNDS; r++) {
        for (int i = 0; i < BUSY_PAIRS; i++)
            assert_int_equal(send(pairs[i].client, "x", 1, 0), 1);
        for (int n = 0; n < BUSY_PAIRS; n++) {
            DWORD bytes;
            ULONG_PTR key;
            LPOVERLAPPED ov;
            assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &ov, LONG_WAIT));
            assert_true(key < BUSY_PAIRS);
            struct ws2t_pending_pair *p = &pairs[key];
            assert_ptr_equal(ov, &p->ov);
            assert_int_equal(bytes, 1);
            busy_recv(p);
        }
    }
    unsigned long switches = process_switches_of(true) - before;
    uint64_t elapsed = ws2t_now_ms() - start;
    print_message("%lu voluntary context switches in %d rounds, %llu ms\n", switches, BUSY_ROUNDS,
                  (unsigned long long)elapsed);
    assert_true(switches < BUSY_ROUNDS * BUSY_PAIRS / 8);
    for (int i = 0; i < BUSY_PAIRS; i++)
        ws2t_pending_pair_close(&pairs[i]);
    CloseHandle(port);
}

/*
 * A UDP socket on a port has a receive pending and sends a thousand
 * datagrams: each send frees buffer space, which Linux reports as output
 * readiness, and the thread waiting on the port must not be woken for it
 * (nothing of its port waits for output).  A wake-up per datagram would be
 * a thousand context switches.
 */
static void a_port_waiter_sleeps_through_its_sockets_sends(void **state)
{
    (void)state;
    struct sockaddr_in a_addr, b_addr;
    SOCKET a = ws2t_udp_bound(&a_addr), b = ws2t_udp_bound(&b_addr);
    HANDLE port = CreateIoCompletionPort((HANDLE)a, NULL, 6, 0);
    assert_non_null(port);
    char data[64];
    WSABUF buf = {sizeof(data), data};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD flags = 0;
    assert_int_equal(WSARecv(a, &buf, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
    struct waiter w = {.port = port, .ms = LONG_WAIT};
    HANDLE t = ws2t_thread(waiter_main, &w);
    Sleep(200);
    unsigned long before = process_switches();
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(sendto(a, "d", 1, 0, (struct sockaddr *)&b_addr, sizeof(b_addr)), 1);
        if (i % 100 == 99)
            Sleep(1); /* let a wake-up, if there were one, happen */
    }
    unsigned long after = process_switches();
    assert_true(after - before < 300);
    /* The waiter is still there, and the receive still works. */
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_TIMEOUT);
    assert_int_equal(sendto(b, "back", 4, 0, (struct sockaddr *)&a_addr, sizeof(a_addr)), 4);
    ws2t_join(t);
    assert_true(w.ok);
    assert_ptr_equal(w.ov, &ov);
    assert_int_equal(w.bytes, 4);
    closesocket(a);
    closesocket(b);
    CloseHandle(port);
}

/*
 * Three threads wait on a port; data for its socket wakes exactly one of
 * them (which one is Linux's choice: the most recent waiter, unless a
 * wake-up for nothing made an older one recent again), and two posts then
 * reach the other two, one each.
 */
static void a_readiness_wakes_one_waiter_and_posts_reach_the_others(void **state)
{
    (void)state;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    struct ws2t_pending_pair p;
    ws2t_pending_pair_open(&p, port, 4);
    struct waiter w[3];
    HANDLE t[3];
    for (int i = 0; i < 3; i++) {
        memset(&w[i], 0, sizeof(w[i]));
        w[i].port = port;
        w[i].ms = LONG_WAIT;
        t[i] = ws2t_thread(waiter_main, &w[i]);
    }
    Sleep(200);
    assert_int_equal(send(p.client, "x", 1, 0), 1);
    DWORD first = WaitForMultipleObjects(3, t, FALSE, LONG_WAIT);
    assert_true(first < WAIT_OBJECT_0 + 3);
    int a = (int)(first - WAIT_OBJECT_0);
    assert_true(w[a].ok);
    assert_ptr_equal(w[a].ov, &p.ov);
    assert_int_equal(w[a].key, 4);
    Sleep(100);
    for (int i = 0; i < 3; i++)
        if (i != a)
            assert_int_equal(WaitForSingleObject(t[i], 0), WAIT_TIMEOUT);
    assert_true(PostQueuedCompletionStatus(port, 1, 10, NULL));
    assert_true(PostQueuedCompletionStatus(port, 1, 11, NULL));
    ULONG_PTR keys = 0;
    for (int i = 0; i < 3; i++) {
        if (i == a)
            continue;
        ws2t_join(t[i]);
        assert_true(w[i].ok);
        assert_null(w[i].ov);
        keys += w[i].key;
    }
    ws2t_join(t[a]);
    assert_int_equal(keys, 21); /* 10 and 11, one each */
    ws2t_pending_pair_close(&p);
    CloseHandle(port);
}

/*
 * The shape of the programs this is for: a Winsock server and a Winsock
 * client in one process, each side's sockets on its own port with two
 * workers, every echo going through both ports.  Nothing lost or doubled.
 */
#define DUO_CONNS  24
#define DUO_ROUNDS 400

struct duo_side {
    WSAOVERLAPPED ov;
    SOCKET s;
    WSABUF buf;
    char data[32];
    int sending, rounds;
};

struct duo {
    HANDLE ports[2];
    struct duo_side sides[2][DUO_CONNS]; /* [0]: clients, [1]: servers */
    volatile LONG done, failures;
};

static void duo_recv(struct duo_side *d)
{
    d->sending = 0;
    d->buf.buf = d->data;
    d->buf.len = sizeof(d->data);
    DWORD flags = 0;
    if (WSARecv(d->s, &d->buf, 1, NULL, &flags, &d->ov, NULL) != 0)
        assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
}

static void duo_send(struct duo_side *d, DWORD len)
{
    d->sending = 1;
    d->buf.buf = d->data;
    d->buf.len = len;
    if (WSASend(d->s, &d->buf, 1, NULL, 0, &d->ov, NULL) != 0)
        assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
}

struct duo_worker {
    struct duo *duo;
    int side;
};

static DWORD WINAPI duo_main(LPVOID arg)
{
    struct duo_worker *dw = arg;
    struct duo *duo = dw->duo;
    for (;;) {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED ov;
        BOOL ok = GetQueuedCompletionStatus(duo->ports[dw->side], &bytes, &key, &ov, LONG_WAIT);
        if (!ov)
            return 0; /* the quit packet (a timeout shows as missing rounds) */
        struct duo_side *d = &duo->sides[dw->side][key];
        if (!ok || (!d->sending && bytes != 4)) {
            InterlockedIncrement(&duo->failures);
            continue;
        }
        if (d->sending) {
            duo_recv(d);
            continue;
        }
        /* A message: the client counts its rounds, and both send one back. */
        if (dw->side == 0 && ++d->rounds == DUO_ROUNDS) {
            InterlockedIncrement(&duo->done);
            continue;
        }
        duo_send(d, 4);
    }
}

static void two_ports_two_workers_each_echo_everything(void **state)
{
    (void)state;
    static struct duo duo;
    memset(&duo, 0, sizeof(duo));
    for (int k = 0; k < 2; k++)
        duo.ports[k] = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 2);
    for (int i = 0; i < DUO_CONNS; i++) {
        ws2t_tcp_pair(AF_INET, &duo.sides[0][i].s, &duo.sides[1][i].s);
        for (int k = 0; k < 2; k++) {
            HANDLE h = (HANDLE)duo.sides[k][i].s;
            assert_true(CreateIoCompletionPort(h, duo.ports[k], (ULONG_PTR)i, 0) == duo.ports[k]);
        }
        duo_recv(&duo.sides[1][i]);
    }
    struct duo_worker dw[4] = {{&duo, 0}, {&duo, 0}, {&duo, 1}, {&duo, 1}};
    HANDLE workers[4];
    for (int i = 0; i < 4; i++)
        workers[i] = ws2t_thread(duo_main, &dw[i]);
    for (int i = 0; i < DUO_CONNS; i++) {
        memcpy(duo.sides[0][i].data, "ping", 4);
        duo_send(&duo.sides[0][i], 4);
    }
    uint64_t deadline = ws2t_now_ms() + 4 * LONG_WAIT;
    while (InterlockedCompareExchange(&duo.done, 0, 0) < DUO_CONNS && ws2t_now_ms() < deadline)
        Sleep(5);
    for (int i = 0; i < 4; i++)
        assert_true(PostQueuedCompletionStatus(duo.ports[i / 2], 0, 0, NULL));
    for (int i = 0; i < 4; i++)
        ws2t_join(workers[i]);
    assert_int_equal(duo.failures, 0);
    assert_int_equal(duo.done, DUO_CONNS);
    for (int i = 0; i < DUO_CONNS; i++) {
        assert_int_equal(duo.sides[0][i].rounds, DUO_ROUNDS);
        closesocket(duo.sides[0][i].s);
        closesocket(duo.sides[1][i].s);
    }
    CloseHandle(duo.ports[0]);
    CloseHandle(duo.ports[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_receive_completes_for_the_waiting_thread, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_post_from_another_thread_ends_the_wait, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(the_wait_times_out, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(closing_the_port_abandons_the_waiter, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_completion_for_another_port_reaches_its_waiter,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test(final_cleanup_leaves_the_waiter_on_its_port),
        cmocka_unit_test_setup_teardown(echo_on_many_connections_loses_nothing, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(posts_to_a_waiting_thread_arrive_once_in_order, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_receive_completes_while_the_ports_thread_is_busy,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(an_idle_port_lets_the_process_sleep, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_busy_ports_thread_keeps_its_completions, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_port_waiter_sleeps_through_its_sockets_sends, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_readiness_wakes_one_waiter_and_posts_reach_the_others,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(two_ports_two_workers_each_echo_everything, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("iocp_set", tests, NULL, NULL);
}
