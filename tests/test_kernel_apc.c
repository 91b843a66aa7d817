/*
 * Asynchronous procedure calls: QueueUserAPC and the alertable waits
 * (SleepEx, WaitForSingleObjectEx, WaitForMultipleObjectsEx).
 *
 * QueueUserAPC: "When a user-mode APC is queued, the thread is not directed
 * to call the APC function unless it is in an alertable state.  After the
 * thread is in an alertable state, the thread handles all pending APCs in
 * first in, first out (FIFO) order, and the wait operation returns
 * WAIT_IO_COMPLETION."  DESIGN.md: "Completion routines run only on the
 * issuing thread, only inside an alertable wait".
 */
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 10000

static HANDLE event(BOOL manual, BOOL initial)
{
    HANDLE e = CreateEventA(NULL, manual, initial, NULL);
    assert_non_null(e);
    return e;
}

/* What the APCs saw: how many ran, on which thread, with which arguments in order. */
static struct {
    volatile LONG count;
    DWORD thread[16];
    ULONG_PTR arg[16];
} apc_log;

static void apc_log_reset(void)
{
    memset((void *)&apc_log, 0, sizeof(apc_log));
}

static void NTAPI record_apc(ULONG_PTR arg)
{
    LONG n = ws2t_load(&apc_log.count);
    if (n < 16) {
        apc_log.thread[n] = GetCurrentThreadId();
        apc_log.arg[n] = arg;
    }
    InterlockedIncrement(&apc_log.count);
}

/* Queues arg + 100 to the current thread, then records arg. */
static void NTAPI chaining_apc(ULONG_PTR arg)
{
    QueueUserAPC(record_apc, GetCurrentThread(), arg + 100);
    record_apc(arg);
}

/* --- A target thread that waits in the way the test asks ------------------ */

enum how {
    HOW_SLEEPEX,
    HOW_SINGLE_EX,
    HOW_MULTIPLE_ANY_EX,
    HOW_MULTIPLE_ALL_EX,
    HOW_SLEEPEX_NOT_ALERTABLE,
    HOW_SINGLE_EX_NOT_ALERTABLE
};

struct target {
    enum how how;
    DWORD timeout;
    HANDLE objects[2]; /* never signaled */
    volatile LONG waiting;
    DWORD id;
    DWORD result;
    LONG apcs_after; /* APCs run by the time the wait returned */
    double took;
};

static DWORD WINAPI target_main(LPVOID p)
{
    struct target *t = p;
    t->id = GetCurrentThreadId();
    double start = ws2t_now_ms_fine(); /* before the flag: the APC comes >= 100 ms after it */
    InterlockedExchange(&t->waiting, 1);
    switch (t->how) {
    case HOW_SLEEPEX: t->result = SleepEx(t->timeout, TRUE); break;
    case HOW_SLEEPEX_NOT_ALERTABLE: t->result = SleepEx(t->timeout, FALSE); break;
    case HOW_SINGLE_EX: t->result = WaitForSingleObjectEx(t->objects[0], t->timeout, TRUE); break;
    case HOW_SINGLE_EX_NOT_ALERTABLE:
        t->result = WaitForSingleObjectEx(t->objects[0], t->timeout, FALSE);
        break;
    case HOW_MULTIPLE_ANY_EX:
        t->result = WaitForMultipleObjectsEx(2, t->objects, FALSE, t->timeout, TRUE);
        break;
    case HOW_MULTIPLE_ALL_EX:
        t->result = WaitForMultipleObjectsEx(2, t->objects, TRUE, t->timeout, TRUE);
        break;
    }
    t->took = ws2t_now_ms_fine() - start;
    t->apcs_after = ws2t_load(&apc_log.count);
    return 0;
}

/* Starts a target, lets it block, queues one APC to it, and joins it. */
static void apc_to_waiting_thread(struct target *t, enum how how, DWORD timeout)
{
    apc_log_reset();
    memset(t, 0, sizeof(*t));
    t->how = how;
    t->timeout = timeout;
    t->objects[0] = event(FALSE, FALSE);
    t->objects[1] = event(TRUE, FALSE);
    HANDLE th = CreateThread(NULL, 0, target_main, t, 0, NULL);
    assert_non_null(th);
    while (!ws2t_load(&t->waiting))
        Sleep(1);
    Sleep(100);
    assert_int_not_equal(QueueUserAPC(record_apc, th, 0x5a), 0);
    assert_int_equal(WaitForSingleObject(th, LONG_WAIT), WAIT_OBJECT_0);
    assert_true(CloseHandle(th));
    CloseHandle(t->objects[0]);
    CloseHandle(t->objects[1]);
}

/* The wait ended early with WAIT_IO_COMPLETION after running the APC on the target thread. */
static void assert_apc_ended_wait(struct target *t)
{
    assert_int_equal(t->result, WAIT_IO_COMPLETION);
    assert_int_equal(t->apcs_after, 1);
    assert_int_equal(apc_log.thread[0], t->id);
    assert_int_equal(apc_log.arg[0], 0x5a);
    assert_true(t->took >= 90 && t->took < 5000);
}

/*
 * SleepEx with bAlertable TRUE: "The function returns when ... an I/O
 * completion callback function is called [or] an asynchronous procedure
 * call (APC) is queued to the thread"; the return value is
 * WAIT_IO_COMPLETION, and the APC ran on the sleeping thread.
 */
static void apc_ends_alertable_sleepex(void **state)
{
    (void)state;
    struct target t;
    apc_to_waiting_thread(&t, HOW_SLEEPEX, LONG_WAIT);
    assert_apc_ended_wait(&t);
}

/*
 * WaitForSingleObjectEx / WaitForMultipleObjectsEx with bAlertable TRUE:
 * "The wait was ended by one or more user-mode asynchronous procedure calls
 * (APC) queued to the thread" — WAIT_IO_COMPLETION, for wait-any and
 * wait-all alike.
 */
static void apc_ends_alertable_object_waits(void **state)
{
    (void)state;
    struct target t;
    apc_to_waiting_thread(&t, HOW_SINGLE_EX, LONG_WAIT);
    assert_apc_ended_wait(&t);
    apc_to_waiting_thread(&t, HOW_MULTIPLE_ANY_EX, LONG_WAIT);
    assert_apc_ended_wait(&t);
    apc_to_waiting_thread(&t, HOW_MULTIPLE_ALL_EX, LONG_WAIT);
    assert_apc_ended_wait(&t);
    apc_to_waiting_thread(&t, HOW_SINGLE_EX, INFINITE);
    assert_apc_ended_wait(&t);
}

/*
 * Not alertable: "the thread is not directed to call the APC function
 * unless it is in an alertable state" — SleepEx(…, FALSE) and
 * WaitForSingleObjectEx(…, FALSE) run to their timeout and no APC runs.
 */
static void apc_does_not_run_in_non_alertable_waits(void **state)
{
    (void)state;
    struct target t;
    apc_to_waiting_thread(&t, HOW_SLEEPEX_NOT_ALERTABLE, 300);
    assert_int_equal(t.result, 0);
    assert_int_equal(t.apcs_after, 0);
    assert_true(t.took >= 290 && t.took < 5000);
    apc_to_waiting_thread(&t, HOW_SINGLE_EX_NOT_ALERTABLE, 300);
    assert_int_equal(t.result, WAIT_TIMEOUT);
    assert_int_equal(t.apcs_after, 0);
    assert_true(t.took >= 290 && t.took < 5000);
}

struct patient {
    HANDLE go;
    LONG after_wait, after_sleep, after_poll, after_sleepex;
    DWORD wait_result, sleepex_result, id;
    double sleepex_took;
};

static DWORD WINAPI patient_main(LPVOID p)
{
    struct patient *pt = p;
    pt->id = GetCurrentThreadId();
    pt->wait_result = WaitForSingleObject(pt->go, LONG_WAIT);
    pt->after_wait = ws2t_load(&apc_log.count);
    Sleep(150);
    pt->after_sleep = ws2t_load(&apc_log.count);
    WaitForSingleObjectEx(pt->go, 0, FALSE);
    pt->after_poll = ws2t_load(&apc_log.count);
    double start = ws2t_now_ms_fine();
    pt->sleepex_result = SleepEx(LONG_WAIT, TRUE);
    pt->sleepex_took = ws2t_now_ms_fine() - start;
    pt->after_sleepex = ws2t_load(&apc_log.count);
    return 0;
}

/*
 * An APC queued while its target is in a non-alertable wait stays queued
 * through that wait, a Sleep and a non-alertable poll; the next alertable
 * wait runs it at once and returns WAIT_IO_COMPLETION.
 */
static void queued_apc_waits_for_the_next_alertable_wait(void **state)
{
    (void)state;
    apc_log_reset();
    struct patient pt = {.go = event(FALSE, FALSE)};
    HANDLE th = CreateThread(NULL, 0, patient_main, &pt, 0, NULL);
    assert_non_null(th);
    Sleep(100);
    assert_int_not_equal(QueueUserAPC(record_apc, th, 1), 0);
    Sleep(100);
    assert_int_equal(ws2t_load(&apc_log.count), 0);
    assert_true(SetEvent(pt.go));
    assert_int_equal(WaitForSingleObject(th, LONG_WAIT), WAIT_OBJECT_0);
    assert_int_equal(pt.wait_result, WAIT_OBJECT_0);
    assert_int_equal(pt.after_wait, 0);
    assert_int_equal(pt.after_sleep, 0);
    assert_int_equal(pt.after_poll, 0);
    assert_int_equal(pt.sleepex_result, WAIT_IO_COMPLETION);
    assert_int_equal(pt.after_sleepex, 1);
    assert_true(pt.sleepex_took < 5000);
    assert_int_equal(apc_log.thread[0], pt.id);
    CloseHandle(th);
    CloseHandle(pt.go);
}

/*
 * QueueUserAPC(GetCurrentThread()) then SleepEx(0, TRUE): the zero-timeout
 * alertable sleep runs the APC and returns WAIT_IO_COMPLETION; a second one
 * finds nothing and returns 0.  A plain Sleep or non-alertable wait before
 * it does not run the APC.
 */
static void apc_to_self_runs_in_sleepex_zero(void **state)
{
    (void)state;
    apc_log_reset();
    HANDLE e = event(TRUE, TRUE);
    assert_int_not_equal(QueueUserAPC(record_apc, GetCurrentThread(), 7), 0);
    Sleep(10);
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    assert_int_equal(SleepEx(0, FALSE), 0);
    assert_int_equal(ws2t_load(&apc_log.count), 0);
    assert_int_equal(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(ws2t_load(&apc_log.count), 1);
    assert_int_equal(apc_log.arg[0], 7);
    assert_int_equal(apc_log.thread[0], GetCurrentThreadId());
    assert_int_equal(SleepEx(0, TRUE), 0);
    assert_int_equal(ws2t_load(&apc_log.count), 1);

    /* Same through a zero-timeout alertable object wait. */
    HANDLE off = event(FALSE, FALSE);
    assert_int_not_equal(QueueUserAPC(record_apc, GetCurrentThread(), 8), 0);
    assert_int_equal(WaitForSingleObjectEx(off, 0, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(ws2t_load(&apc_log.count), 2);
    assert_int_equal(WaitForSingleObjectEx(off, 0, TRUE), WAIT_TIMEOUT);
    CloseHandle(e);
    CloseHandle(off);
}

/*
 * "the thread handles all pending APCs in first in, first out (FIFO)
 * order" within one alertable wait, which returns WAIT_IO_COMPLETION once;
 * an APC queued by a running APC runs in the same wait (DESIGN.md, as
 * Windows delivers APCs until the queue is empty).
 */
static void apcs_run_in_fifo_order_within_one_wait(void **state)
{
    (void)state;
    apc_log_reset();
    assert_int_not_equal(QueueUserAPC(record_apc, GetCurrentThread(), 1), 0);
    assert_int_not_equal(QueueUserAPC(chaining_apc, GetCurrentThread(), 2), 0);
    assert_int_not_equal(QueueUserAPC(record_apc, GetCurrentThread(), 3), 0);
    assert_int_equal(SleepEx(LONG_WAIT, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(ws2t_load(&apc_log.count), 4);
    assert_int_equal(apc_log.arg[0], 1);
    assert_int_equal(apc_log.arg[1], 2);
    assert_int_equal(apc_log.arg[2], 3);
    assert_int_equal(apc_log.arg[3], 102);
    assert_int_equal(SleepEx(0, TRUE), 0);
}

/*
 * QueueUserAPC: "If the function fails, the return value is zero" — a
 * handle that is not a live thread handle gives ERROR_INVALID_HANDLE (so
 * does a NULL function, with ERROR_INVALID_PARAMETER, checked first).
 */
static void queue_user_apc_needs_a_thread_handle(void **state)
{
    (void)state;
    apc_log_reset();
    HANDLE e = event(TRUE, FALSE);
    HANDLE closed =
        CreateThread(NULL, 0, target_main, &(struct target){.how = HOW_SLEEPEX}, 0, NULL);
    assert_non_null(closed);
    assert_int_equal(WaitForSingleObject(closed, LONG_WAIT), WAIT_OBJECT_0);
    assert_true(CloseHandle(closed));
    const HANDLE bad[] = {NULL, e, closed, (HANDLE)(uintptr_t)0x7ffffffc, (HANDLE)(uintptr_t)3};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        SetLastError(0);
        assert_int_equal(QueueUserAPC(record_apc, bad[i], 0), 0);
        assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    }
    SetLastError(0);
    assert_int_equal(QueueUserAPC(NULL, GetCurrentThread(), 0), 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(SleepEx(0, TRUE), 0);
    assert_int_equal(ws2t_load(&apc_log.count), 0);
    CloseHandle(e);
}

static DWORD WINAPI exit_after_go(LPVOID p)
{
    struct target *t = p;
    InterlockedExchange(&t->waiting, 1);
    WaitForSingleObject(t->objects[0], LONG_WAIT);
    if (t->how == HOW_SLEEPEX)
        ExitThread(5);
    return 6;
}

/*
 * "When the thread is terminated using the ExitThread function ..., the
 * APCs in its APC queue are lost. The APC functions are not called."
 * And "When the thread is in the process of being terminated, calling
 * QueueUserAPC to add to the thread's APC queue will fail with (31)
 * ERROR_GEN_FAILURE" — the handle is still valid, the thread is not.
 */
static void apcs_are_lost_when_thread_exits(void **state)
{
    (void)state;
    for (int use_exit_thread = 0; use_exit_thread < 2; use_exit_thread++) {
        apc_log_reset();
        struct target t = {.how = use_exit_thread ? HOW_SLEEPEX : HOW_SINGLE_EX};
        t.objects[0] = event(FALSE, FALSE);
        HANDLE th = CreateThread(NULL, 0, exit_after_go, &t, 0, NULL);
        assert_non_null(th);
        while (!ws2t_load(&t.waiting))
            Sleep(1);
        assert_int_not_equal(QueueUserAPC(record_apc, th, 1), 0);
        assert_true(SetEvent(t.objects[0]));
        assert_int_equal(WaitForSingleObject(th, LONG_WAIT), WAIT_OBJECT_0);
        Sleep(50);
        assert_int_equal(ws2t_load(&apc_log.count), 0);

        SetLastError(0);
        assert_int_equal(QueueUserAPC(record_apc, th, 2), 0);
        assert_int_equal(GetLastError(), ERROR_GEN_FAILURE);
        DWORD code = 0;
        assert_true(GetExitCodeThread(th, &code)); /* the handle still works */
        assert_int_equal(code, use_exit_thread ? 5 : 6);
        assert_true(CloseHandle(th));
        CloseHandle(t.objects[0]);
    }
}

struct early {
    LONG apcs_at_start;
    DWORD id;
};

static DWORD WINAPI note_apcs_at_start(LPVOID p)
{
    struct early *e = p;
    e->apcs_at_start = ws2t_load(&apc_log.count);
    e->id = GetCurrentThreadId();
    return 0;
}

/*
 * "If an application queues an APC before the thread begins running, the
 * thread begins by calling the APC function. After the thread calls an APC
 * function, it calls the APC functions for all APCs in its APC queue."
 * Queued to a CREATE_SUSPENDED thread, both APCs run on that thread before
 * its start routine.
 */
static void apc_queued_before_start_runs_first(void **state)
{
    (void)state;
    apc_log_reset();
    struct early e = {-1, 0};
    DWORD id = 0;
    HANDLE th = CreateThread(NULL, 0, note_apcs_at_start, &e, CREATE_SUSPENDED, &id);
    assert_non_null(th);
    assert_int_not_equal(QueueUserAPC(record_apc, th, 1), 0);
    assert_int_not_equal(QueueUserAPC(record_apc, th, 2), 0);
    Sleep(50);
    assert_int_equal(ws2t_load(&apc_log.count), 0);
    assert_int_equal(ResumeThread(th), 1);
    assert_int_equal(WaitForSingleObject(th, LONG_WAIT), WAIT_OBJECT_0);
    assert_int_equal(e.apcs_at_start, 2);
    assert_int_equal(apc_log.arg[0], 1);
    assert_int_equal(apc_log.arg[1], 2);
    assert_int_equal(apc_log.thread[0], id);
    assert_int_equal(apc_log.thread[1], id);
    assert_int_equal(e.id, id);
    CloseHandle(th);
}

/* --- Stress --------------------------------------------------------------- */

#define APC_SOURCES     4
#define APCS_PER_SOURCE 5000

static struct {
    DWORD target_id;
    volatile LONG ran;
    LONG next_seq[APC_SOURCES]; /* touched only on the target thread */
    LONG out_of_order, wrong_thread;
} storm;

static void NTAPI storm_apc(ULONG_PTR arg)
{
    unsigned source = (unsigned)(arg >> 24);
    LONG seq = (LONG)(arg & 0xffffff);
    if (GetCurrentThreadId() != storm.target_id)
        storm.wrong_thread++;
    if (source >= APC_SOURCES || storm.next_seq[source] != seq)
        storm.out_of_order++;
    else
        storm.next_seq[source]++;
    InterlockedIncrement(&storm.ran);
}

static DWORD WINAPI storm_target(LPVOID p)
{
    (void)p;
    while (ws2t_load(&storm.ran) < APC_SOURCES * APCS_PER_SOURCE)
        if (SleepEx(LONG_WAIT, TRUE) != WAIT_IO_COMPLETION)
            return 1; /* an APC was queued but the alertable sleep timed out */
    return 0;
}

struct storm_source {
    HANDLE target;
    unsigned index;
    LONG failed;
};

static DWORD WINAPI storm_queuer(LPVOID p)
{
    struct storm_source *src = p;
    for (LONG i = 0; i < APCS_PER_SOURCE; i++)
        if (!QueueUserAPC(storm_apc, src->target, ((ULONG_PTR)src->index << 24) | (ULONG_PTR)i))
            src->failed++;
    return 0;
}

/*
 * Four threads queue 5000 APCs each to one thread that sleeps alertably:
 * every APC runs exactly once, on the target, each queuer's in FIFO order,
 * and no alertable sleep misses a queued APC (bounded time).
 */
static void stress_apcs_from_many_threads(void **state)
{
    (void)state;
    memset((void *)&storm, 0, sizeof(storm));
    DWORD target_id = 0;
    HANDLE target = CreateThread(NULL, 0, storm_target, NULL, CREATE_SUSPENDED, &target_id);
    assert_non_null(target);
    storm.target_id = target_id; /* APCs queued before it starts run first, on it */
    assert_int_equal(ResumeThread(target), 1);
    struct storm_source src[APC_SOURCES];
    HANDLE q[APC_SOURCES];
    for (unsigned i = 0; i < APC_SOURCES; i++) {
        src[i] = (struct storm_source){target, i, 0};
        q[i] = CreateThread(NULL, 0, storm_queuer, &src[i], 0, NULL);
        assert_non_null(q[i]);
    }
    assert_int_equal(WaitForMultipleObjects(APC_SOURCES, q, TRUE, 60000), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(target, 60000), WAIT_OBJECT_0);
    DWORD code = 9;
    assert_true(GetExitCodeThread(target, &code));
    assert_int_equal(code, 0);
    assert_int_equal(ws2t_load(&storm.ran), APC_SOURCES * APCS_PER_SOURCE);
    assert_int_equal(storm.wrong_thread, 0);
    assert_int_equal(storm.out_of_order, 0);
    for (unsigned i = 0; i < APC_SOURCES; i++) {
        assert_int_equal(src[i].failed, 0);
        assert_int_equal(storm.next_seq[i], APCS_PER_SOURCE);
        CloseHandle(q[i]);
    }
    CloseHandle(target);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(apc_ends_alertable_sleepex),
        cmocka_unit_test(apc_ends_alertable_object_waits),
        cmocka_unit_test(apc_does_not_run_in_non_alertable_waits),
        cmocka_unit_test(queued_apc_waits_for_the_next_alertable_wait),
        cmocka_unit_test(apc_to_self_runs_in_sleepex_zero),
        cmocka_unit_test(apcs_run_in_fifo_order_within_one_wait),
        cmocka_unit_test(queue_user_apc_needs_a_thread_handle),
        cmocka_unit_test(apcs_are_lost_when_thread_exits),
        cmocka_unit_test(apc_queued_before_start_runs_first),
        cmocka_unit_test(stress_apcs_from_many_threads),
    };
    return cmocka_run_group_tests_name("kernel_apc", tests, NULL, NULL);
}
