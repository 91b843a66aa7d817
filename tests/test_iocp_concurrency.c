/*
 * The concurrency value of a completion port (CreateIoCompletionPort's
 * NumberOfConcurrentThreads), as "I/O Completion Ports" describes it: at
 * most that many of the port's threads run at once; a thread counts from
 * the packet it is given until it waits on the port again, and not while
 * it blocks elsewhere; a thread coming back takes a queued packet itself.
 * Our one departure (src/kernel/port.c): a thread blocked where the library
 * cannot see it keeps its place, and packets it holds back for a second go
 * to a waiting thread anyway, so that nothing can wait for ever.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 10000

/* Waits (in the test's thread) until *p reaches value, failing after LONG_WAIT. */
static void await_value(volatile LONG *p, LONG value)
{
    uint64_t deadline = ws2t_now_ms() + LONG_WAIT;
    while (ws2t_load(p) < value) {
        assert_true(ws2t_now_ms() < deadline);
        Sleep(1);
    }
}

/*
 * The first worker: takes a packet, then stays running (a busy loop, no
 * wait) until told how to go on: block in a library wait, or come back to
 * the port.
 */
enum next_step { STEP_NONE, STEP_WAIT_EVENT, STEP_SLEEP, STEP_ENTER_CS, STEP_COME_BACK, STEP_STOP };

/* How long the runner sleeps when told to (STEP_SLEEP). */
#define RUNNER_SLEEP_MS 2000

struct runner {
    HANDLE port, event;
    CRITICAL_SECTION cs; /* held by the main thread from runner_begin to runner_end */
    bool cs_held;
    volatile LONG took, step, done;
    ULONG_PTR first_key, second_key;
    BOOL second_ok;
};

static DWORD WINAPI runner_main(LPVOID arg)
{
    struct runner *r = arg;
    DWORD bytes;
    LPOVERLAPPED ov;
    if (!GetQueuedCompletionStatus(r->port, &bytes, &r->first_key, &ov, LONG_WAIT))
        return 1;
    InterlockedIncrement(&r->took);
    while (ws2t_load(&r->step) == STEP_NONE)
        ; /* running: counts against the port's concurrency value */
    if (ws2t_load(&r->step) == STEP_WAIT_EVENT)
        WaitForSingleObject(r->event, LONG_WAIT);
    else if (ws2t_load(&r->step) == STEP_SLEEP)
        Sleep(RUNNER_SLEEP_MS);
    else if (ws2t_load(&r->step) == STEP_ENTER_CS) {
        EnterCriticalSection(&r->cs);
        LeaveCriticalSection(&r->cs);
    } else if (ws2t_load(&r->step) == STEP_COME_BACK)
        r->second_ok = GetQueuedCompletionStatus(r->port, &bytes, &r->second_key, &ov, 0);
    InterlockedIncrement(&r->done);
    return 0;
}

/* A second worker's single wait: its result, how long it took, how often the thread slept. */
struct second {
    HANDLE port;
    DWORD ms;
    BOOL ok;
    DWORD error;
    ULONG_PTR key;
    uint64_t elapsed_ms;
    long sleeps;
};

static DWORD WINAPI second_main(LPVOID arg)
{
    struct second *s = arg;
    DWORD bytes;
    LPOVERLAPPED ov;
    long before, after;
    double cpu;
    ws2t_thread_usage(&before, &cpu);
    uint64_t t0 = ws2t_now_ms();
    s->ok = GetQueuedCompletionStatus(s->port, &bytes, &s->key, &ov, s->ms);
    s->error = s->ok ? 0 : GetLastError();
    s->elapsed_ms = ws2t_now_ms() - t0;
    ws2t_thread_usage(&after, &cpu);
    s->sleeps = after - before;
    return 0;
}

static void runner_begin(struct runner *r, HANDLE *thread)
{
    memset(r, 0, sizeof(*r));
    r->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    assert_non_null(r->port);
    r->event = CreateEventW(NULL, TRUE, FALSE, NULL);
    InitializeCriticalSection(&r->cs);
    EnterCriticalSection(&r->cs);
    r->cs_held = true;
    assert_true(PostQueuedCompletionStatus(r->port, 0, 1, NULL));
    *thread = ws2t_thread(runner_main, r);
    await_value(&r->took, 1);
    assert_true(PostQueuedCompletionStatus(r->port, 0, 2, NULL));
}

static void runner_end(struct runner *r, HANDLE thread)
{
    if (ws2t_load(&r->step) == STEP_NONE)
        InterlockedExchange(&r->step, STEP_STOP);
    SetEvent(r->event);
    if (r->cs_held)
        LeaveCriticalSection(&r->cs);
    ws2t_join(thread);
    if (r->cs_held)
        DeleteCriticalSection(&r->cs);
    CloseHandle(r->event);
    CloseHandle(r->port);
}

static void a_running_thread_holds_the_others_back(void **state)
{
    (void)state;
    struct runner r;
    HANDLE t;
    runner_begin(&r, &t);
    /* Packet 2 is queued, but the one thread the value allows is running. */
    struct second s = {.port = r.port, .ms = 300};
    ws2t_join(ws2t_thread(second_main, &s));
    assert_false(s.ok);
    assert_int_equal(s.error, WAIT_TIMEOUT);
    /* A zero timeout says the same at once. */
    s.ms = 0;
    ws2t_join(ws2t_thread(second_main, &s));
    assert_false(s.ok);
    assert_int_equal(s.error, WAIT_TIMEOUT);
    runner_end(&r, t);
}

/* The runner blocks as step says; the held-back packet goes to the waiting thread at once. */
static void a_blocked_runner_frees_its_place(enum next_step step)
{
    struct runner r;
    HANDLE t;
    runner_begin(&r, &t);
    struct second s = {.port = r.port, .ms = LONG_WAIT};
    HANDLE ts = ws2t_thread(second_main, &s);
    Sleep(100);
    assert_int_equal(WaitForSingleObject(ts, 0), WAIT_TIMEOUT); /* held back */
    InterlockedExchange(&r.step, step);                         /* the runner blocks */
    ws2t_join(ts);
    assert_true(s.ok);
    assert_int_equal(s.key, 2);
    /* Well before the stall rule's second: the block itself released it. */
    assert_true(s.elapsed_ms < 100 + 700);
    assert_int_equal(ws2t_load(&r.done), 0); /* the runner is still blocked */
    runner_end(&r, t);
}

static void a_thread_blocked_in_a_wait_frees_its_place(void **state)
{
    (void)state;
    a_blocked_runner_frees_its_place(STEP_WAIT_EVENT);
}

/* Sleep is a wait like the others (KeDelayExecutionThread on Windows). */
static void a_thread_in_sleep_frees_its_place(void **state)
{
    (void)state;
    a_blocked_runner_frees_its_place(STEP_SLEEP);
}

/* So is a critical section's: the runner blocks entering one the main thread holds. */
static void a_thread_blocked_on_a_critical_section_frees_its_place(void **state)
{
    (void)state;
    a_blocked_runner_frees_its_place(STEP_ENTER_CS);
}

static void a_thread_coming_back_takes_the_queued_packet_itself(void **state)
{
    (void)state;
    struct runner r;
    HANDLE t;
    runner_begin(&r, &t);
    struct second s = {.port = r.port, .ms = 2000};
    HANDLE ts = ws2t_thread(second_main, &s);
    Sleep(100);
    InterlockedExchange(&r.step, STEP_COME_BACK);
    await_value(&r.done, 1);
    /* The runner took packet 2 on its return; the waiting thread got nothing. */
    assert_true(r.second_ok);
    assert_int_equal(r.second_key, 2);
    ws2t_join(ts);
    assert_false(s.ok);
    assert_int_equal(s.error, WAIT_TIMEOUT);
    runner_end(&r, t);
}

/*
 * A thread that runs on without ever waiting where the library sees it (it
 * might be blocked in a plain Linux call) cannot hold a packet back for
 * ever: after the stall rule's second, a waiting thread takes it.
 */
static void packets_held_back_too_long_go_anyway(void **state)
{
    (void)state;
    struct runner r;
    HANDLE t;
    runner_begin(&r, &t);
    struct second s = {.port = r.port, .ms = LONG_WAIT};
    ws2t_join(ws2t_thread(second_main, &s));
    assert_true(s.ok);
    assert_int_equal(s.key, 2);
    assert_true(s.elapsed_ms >= 500 && s.elapsed_ms < 5000);
    runner_end(&r, t);
}

/*
 * A waiting thread that the value holds back sleeps while packets keep
 * coming: one waiter watches for a stall, and posts do not wake it again
 * (a pool of more threads than the value made a wake-up per packet).
 */
#define HELD_POSTS 100

static void a_held_back_waiter_sleeps_through_the_posts(void **state)
{
    (void)state;
    struct runner r;
    HANDLE t;
    runner_begin(&r, &t);
    struct second c = {.port = r.port, .ms = LONG_WAIT};
    HANDLE tc = ws2t_thread(second_main, &c);
    Sleep(100);
    for (int i = 0; i < HELD_POSTS; i++) {
        assert_true(PostQueuedCompletionStatus(r.port, 0, 3, NULL));
        Sleep(2); /* each post finds the waiter asleep */
    }
    assert_int_equal(WaitForSingleObject(tc, 0), WAIT_TIMEOUT); /* still held back */
    InterlockedExchange(&r.step, STEP_SLEEP);                   /* the runner blocks */
    ws2t_join(tc);
    assert_true(c.ok);
    assert_int_equal(c.key, 2);
    /* Its first sleep, the one that ends with the packet, and a few for the first posts. */
    assert_in_range(c.sleeps, 1, 20);
    runner_end(&r, t);
}

/* With room for two, two threads run at once: the second packet is not held back. */
static void a_value_of_two_lets_two_threads_run(void **state)
{
    (void)state;
    struct runner r;
    HANDLE t;
    memset(&r, 0, sizeof(r));
    r.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 2);
    r.event = CreateEventW(NULL, TRUE, FALSE, NULL);
    assert_true(PostQueuedCompletionStatus(r.port, 0, 1, NULL));
    t = ws2t_thread(runner_main, &r);
    await_value(&r.took, 1);
    assert_true(PostQueuedCompletionStatus(r.port, 0, 2, NULL));
    struct second s = {.port = r.port, .ms = 2000};
    ws2t_join(ws2t_thread(second_main, &s));
    assert_true(s.ok);
    assert_int_equal(s.key, 2);
    assert_true(s.elapsed_ms < 500);
    runner_end(&r, t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_running_thread_holds_the_others_back),
        cmocka_unit_test(a_thread_blocked_in_a_wait_frees_its_place),
        cmocka_unit_test(a_thread_in_sleep_frees_its_place),
        cmocka_unit_test(a_thread_blocked_on_a_critical_section_frees_its_place),
        cmocka_unit_test(a_thread_coming_back_takes_the_queued_packet_itself),
        cmocka_unit_test(packets_held_back_too_long_go_anyway),
        cmocka_unit_test(a_value_of_two_lets_two_threads_run),
        cmocka_unit_test(a_held_back_waiter_sleeps_through_the_posts),
    };
    return cmocka_run_group_tests_name("iocp_concurrency", tests, NULL, NULL);
}
