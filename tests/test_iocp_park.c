/*
 * A port's threads while one of them runs (src/kernel/port_wait.c,
 * port.c, port_owed.c): one waiting thread watches the port's sockets and
 * the others park; a running thread's own immediate completion wakes
 * nobody, since the thread is back for it as a rule first.  Neither may
 * hold a completion back for long from a thread that waits while the
 * port's running thread computes or blocks: Windows would release the
 * waiting thread at once ("I/O Completion Ports": the concurrency value
 * allows two running threads here); the library's bound is the engine
 * thread's tick, a few milliseconds, asserted here with generous margins
 * against a handler that runs for WORK_MS.
 */
#include <stdbool.h>
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 10000
#define WORK_MS   700
/* Far below WORK_MS, far above the tick (2-4 ms) and a loaded machine's scheduling. */
#define BOUND_MS 350

enum { KEY_WORK = 1, KEY_BLOCK = 2, KEY_QUIT = 3, KEY_SOCKET = 10 };

/* Runs without waiting on anything the library sees, as a handler that computes does. */
static void compute_for(DWORD ms)
{
    uint64_t end = ws2t_now_ms() + ms;
    volatile unsigned long spin = 0;
    while (ws2t_now_ms() < end)
        spin++;
}

/* A value the workers change, read while they run. */
static LONG read_shared(volatile LONG *p)
{
    return InterlockedCompareExchange(p, 0, 0);
}

/*
 * Two workers of one port.  A KEY_WORK post makes the worker that takes it
 * send on the pair's server socket (a send the socket takes at once) and
 * then compute, or block on an event (KEY_BLOCK) that the worker which takes
 * the send's completion sets.  Each completion of the pair is recorded with
 * the worker that took it and when.
 */
struct scene {
    HANDLE port, done, threads[2];
    struct ws2t_pending_pair p[2];
    WSAOVERLAPPED send_ov;          /* a send on p[0].server */
    volatile LONG sender, computer; /* index of the worker that sent or computed, -1 */
    volatile LONG taker[2];         /* per pair: the worker that took its completion, -1 */
    volatile uint64_t sent_ms, took_ms[2];
    volatile LONG failed; /* a call in a worker failed (asserted on the main thread) */
};

struct worker {
    struct scene *sc;
    LONG index;
};

static DWORD WINAPI worker_main(LPVOID arg)
{
    struct worker *me = arg;
    struct scene *sc = me->sc;
    for (;;) {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED ov;
        if (!GetQueuedCompletionStatus(sc->port, &bytes, &key, &ov, LONG_WAIT) || key == KEY_QUIT)
            return 0;
        if (key == KEY_WORK || key == KEY_BLOCK) {
            sc->sender = me->index;
            sc->sent_ms = ws2t_now_ms();
            static char ping[] = "ping";
            WSABUF b = {4, ping};
            int r = WSASend(sc->p[0].server, &b, 1, NULL, 0, &sc->send_ov, NULL);
            if (r != 0 && WSAGetLastError() != WSA_IO_PENDING)
                sc->failed = 1;
            if (key == KEY_WORK)
                compute_for(WORK_MS);
            else if (WaitForSingleObject(sc->done, LONG_WAIT) != WAIT_OBJECT_0)
                sc->failed = 1;
            continue;
        }
        int which = key - KEY_SOCKET;
        if (which == 0 && ov == &sc->send_ov) {
            sc->took_ms[0] = ws2t_now_ms();
            sc->taker[0] = me->index;
            SetEvent(sc->done);
        } else if (ov == &sc->p[which].ov) {
            /* The first receive makes its worker compute; the second is timed. */
            if (InterlockedCompareExchange(&sc->computer, me->index, -1) == -1) {
                compute_for(WORK_MS);
            } else {
                sc->took_ms[which] = ws2t_now_ms();
                sc->taker[which] = me->index;
                SetEvent(sc->done);
            }
        }
    }
}

static struct worker workers[2];

static void scene_begin(struct scene *sc)
{
    memset(sc, 0, sizeof(*sc));
    sc->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 2);
    assert_non_null(sc->port);
    sc->done = CreateEventA(NULL, TRUE, FALSE, NULL);
    for (int i = 0; i < 2; i++)
        ws2t_pending_pair_open(&sc->p[i], sc->port, KEY_SOCKET + i);
    sc->sender = sc->computer = sc->taker[0] = sc->taker[1] = -1;
    for (LONG i = 0; i < 2; i++) {
        workers[i].sc = sc;
        workers[i].index = i;
        sc->threads[i] = ws2t_thread(worker_main, &workers[i]);
    }
    Sleep(200); /* both wait: one in the port's set, one parked */
}

static void scene_end(struct scene *sc)
{
    assert_false(sc->failed);
    for (int i = 0; i < 2; i++)
        assert_true(PostQueuedCompletionStatus(sc->port, 0, KEY_QUIT, NULL));
    for (int i = 0; i < 2; i++)
        ws2t_join(sc->threads[i]);
    for (int i = 0; i < 2; i++)
        ws2t_pending_pair_close(&sc->p[i]);
    CloseHandle(sc->done);
    CloseHandle(sc->port);
}

/*
 * A worker's send completes at once and its packet goes to the port; the
 * worker then computes.  The other worker, waiting, takes the packet well
 * before the computing one could come back for it.
 */
static void a_send_completion_reaches_the_waiting_worker_while_its_sender_computes(void **state)
{
    (void)state;
    struct scene sc;
    scene_begin(&sc);
    assert_true(PostQueuedCompletionStatus(sc.port, 0, KEY_WORK, NULL));
    assert_int_equal(WaitForSingleObject(sc.done, LONG_WAIT), WAIT_OBJECT_0);
    assert_true(sc.sender >= 0);
    assert_int_equal(sc.taker[0], 1 - sc.sender);
    assert_in_range(sc.took_ms[0] - sc.sent_ms, 0, BOUND_MS);
    scene_end(&sc);
}

/*
 * The same with a sender that blocks in a wait of the library's until the
 * completion is taken: the blocked thread hands the packet out.
 */
static void a_send_completion_reaches_the_waiting_worker_while_its_sender_blocks(void **state)
{
    (void)state;
    struct scene sc;
    scene_begin(&sc);
    assert_true(PostQueuedCompletionStatus(sc.port, 0, KEY_BLOCK, NULL));
    assert_int_equal(WaitForSingleObject(sc.done, LONG_WAIT), WAIT_OBJECT_0);
    assert_int_equal(sc.taker[0], 1 - sc.sender);
    assert_in_range(sc.took_ms[0] - sc.sent_ms, 0, BOUND_MS);
    scene_end(&sc);
}

/*
 * A receive completes and its worker computes; another socket's input
 * comes meanwhile.  The other worker, which waited parked, takes it.
 */
static void input_reaches_the_parked_worker_while_the_other_computes(void **state)
{
    (void)state;
    struct scene sc;
    scene_begin(&sc);
    assert_int_equal(send(sc.p[0].client, "one", 3, 0), 3);
    uint64_t end = ws2t_now_ms() + LONG_WAIT;
    while (read_shared(&sc.computer) < 0 && ws2t_now_ms() < end)
        Sleep(1);
    LONG computer = read_shared(&sc.computer);
    assert_true(computer >= 0);
    Sleep(50);
    uint64_t sent = ws2t_now_ms();
    assert_int_equal(send(sc.p[1].client, "two", 3, 0), 3);
    assert_int_equal(WaitForSingleObject(sc.done, LONG_WAIT), WAIT_OBJECT_0);
    assert_int_equal(sc.taker[1], 1 - computer);
    assert_in_range(sc.took_ms[1] - sent, 0, BOUND_MS);
    scene_end(&sc);
}

/*
 * Many sockets ready at once, each handler long: both workers take part
 * (the one in the set takes a batch and wakes a parked one for the rest).
 */
#define MANY 24

struct share {
    HANDLE port;
    volatile LONG taken[2], left;
};

struct share_worker {
    struct share *sh;
    int index;
};

static DWORD WINAPI share_main(LPVOID arg)
{
    struct share_worker *me = arg;
    for (;;) {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED ov;
        if (!GetQueuedCompletionStatus(me->sh->port, &bytes, &key, &ov, LONG_WAIT) ||
            key == KEY_QUIT)
            return 0;
        InterlockedIncrement(&me->sh->taken[me->index]);
        compute_for(20);
        InterlockedDecrement(&me->sh->left);
    }
}

static void many_ready_sockets_with_long_handlers_busy_both_workers(void **state)
{
    (void)state;
    struct share sh = {.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 2),
                       .left = MANY};
    static struct ws2t_pending_pair p[MANY];
    for (int i = 0; i < MANY; i++)
        ws2t_pending_pair_open(&p[i], sh.port, KEY_SOCKET + i);
    struct share_worker w[2] = {{&sh, 0}, {&sh, 1}};
    HANDLE t[2] = {ws2t_thread(share_main, &w[0]), ws2t_thread(share_main, &w[1])};
    Sleep(200);
    for (int i = 0; i < MANY; i++)
        assert_int_equal(send(p[i].client, "x", 1, 0), 1);
    uint64_t end = ws2t_now_ms() + LONG_WAIT;
    while (read_shared(&sh.left) > 0 && ws2t_now_ms() < end)
        Sleep(5);
    assert_int_equal(sh.left, 0);
    assert_int_equal(sh.taken[0] + sh.taken[1], MANY);
    /* Alone, one worker would take all; shared, each takes a good part. */
    assert_true(sh.taken[0] >= MANY / 4);
    assert_true(sh.taken[1] >= MANY / 4);
    for (int i = 0; i < 2; i++)
        assert_true(PostQueuedCompletionStatus(sh.port, 0, KEY_QUIT, NULL));
    for (int i = 0; i < 2; i++)
        ws2t_join(t[i]);
    for (int i = 0; i < MANY; i++)
        ws2t_pending_pair_close(&p[i]);
    CloseHandle(sh.port);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            a_send_completion_reaches_the_waiting_worker_while_its_sender_computes, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            a_send_completion_reaches_the_waiting_worker_while_its_sender_blocks, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(input_reaches_the_parked_worker_while_the_other_computes,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(many_ready_sockets_with_long_handlers_busy_both_workers,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("iocp_park", tests, NULL, NULL);
}
