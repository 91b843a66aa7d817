/*
 * User-mode synchronisation (synchapi.h): critical sections, slim
 * reader/writer locks, condition variables and one-time initialisation.
 * Each test asserts what Windows documents; the stress tests count under
 * each lock and require the exact total.  Timing bounds are generous (the
 * machine is shared): a timeout must not end early, and must end within
 * seconds.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <windows.h>

#include "testlib.h"

#define STRESS_THREADS 8
#define STRESS_ROUNDS  20000

/* --- Layout ------------------------------------------------------------------ */

static void structures_have_the_sdk_sizes_and_fields(void **state)
{
    (void)state;
    /* winnt.h's RTL_CRITICAL_SECTION on 64-bit: 40 bytes, in this field order. */
    assert_int_equal(sizeof(CRITICAL_SECTION), 40);
    assert_int_equal(offsetof(CRITICAL_SECTION, DebugInfo), 0);
    assert_int_equal(offsetof(CRITICAL_SECTION, LockCount), 8);
    assert_int_equal(offsetof(CRITICAL_SECTION, RecursionCount), 12);
    assert_int_equal(offsetof(CRITICAL_SECTION, OwningThread), 16);
    assert_int_equal(offsetof(CRITICAL_SECTION, LockSemaphore), 24);
    assert_int_equal(offsetof(CRITICAL_SECTION, SpinCount), 32);
    /* "An SRW lock is the size of a pointer"; so are the others. */
    assert_int_equal(sizeof(SRWLOCK), sizeof(void *));
    assert_int_equal(sizeof(CONDITION_VARIABLE), sizeof(void *));
    assert_int_equal(sizeof(INIT_ONCE), sizeof(void *));
    SRWLOCK l = SRWLOCK_INIT;
    CONDITION_VARIABLE c = CONDITION_VARIABLE_INIT;
    INIT_ONCE o = INIT_ONCE_STATIC_INIT;
    assert_null(l.Ptr);
    assert_null(c.Ptr);
    assert_null(o.Ptr);
}

/* --- Critical sections ------------------------------------------------------- */

struct cs_probe {
    CRITICAL_SECTION *cs;
    volatile LONG result;
};

static DWORD WINAPI try_enter_from_other_thread(LPVOID p)
{
    struct cs_probe *probe = p;
    BOOL got = TryEnterCriticalSection(probe->cs);
    if (got)
        LeaveCriticalSection(probe->cs);
    InterlockedExchange(&probe->result, got ? 1 : 0);
    return 0;
}

static LONG try_from_thread(CRITICAL_SECTION *cs)
{
    struct cs_probe probe = {cs, -1};
    ws2t_join(ws2t_thread(try_enter_from_other_thread, &probe));
    return ws2t_load(&probe.result);
}

static void critical_section_is_recursive_for_its_owner_only(void **state)
{
    (void)state;
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    assert_int_equal(cs.LockCount, -1);
    assert_int_equal(cs.RecursionCount, 0);
    assert_null(cs.OwningThread);

    EnterCriticalSection(&cs);
    /* "the thread that owns it can make additional calls to TryEnterCriticalSection ... " */
    assert_true(TryEnterCriticalSection(&cs));
    EnterCriticalSection(&cs);
    assert_int_equal(cs.RecursionCount, 3);
    /* OwningThread holds the owner's id, as code that checks ownership expects. */
    assert_ptr_equal(cs.OwningThread, (HANDLE)(ULONG_PTR)GetCurrentThreadId());
    /* Another thread cannot enter: "If another thread owns the critical section, the return
     * value is zero." */
    assert_int_equal(try_from_thread(&cs), 0);

    /* One Leave per entry: after two of three it is still ours. */
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    assert_int_equal(cs.RecursionCount, 1);
    assert_int_equal(try_from_thread(&cs), 0);
    LeaveCriticalSection(&cs);
    assert_int_equal(cs.RecursionCount, 0);
    assert_null(cs.OwningThread);
    assert_int_equal(cs.LockCount, -1);
    assert_int_equal(try_from_thread(&cs), 1);
    DeleteCriticalSection(&cs);
}

struct cs_holder {
    CRITICAL_SECTION *cs;
    HANDLE entered, release;
};

static DWORD WINAPI hold_critical_section(LPVOID p)
{
    struct cs_holder *h = p;
    EnterCriticalSection(h->cs);
    SetEvent(h->entered);
    WaitForSingleObject(h->release, 10000);
    LeaveCriticalSection(h->cs);
    return 0;
}

static DWORD WINAPI release_after_100ms(LPVOID event)
{
    Sleep(100);
    SetEvent((HANDLE)event);
    return 0;
}

static void enter_blocks_until_the_owner_leaves(void **state)
{
    (void)state;
    CRITICAL_SECTION cs;
    assert_true(InitializeCriticalSectionAndSpinCount(&cs, 4000));
    assert_int_equal(cs.SpinCount, 4000);
    /* "The function returns the previous spin count." */
    assert_int_equal(SetCriticalSectionSpinCount(&cs, 100), 4000);
    assert_int_equal(SetCriticalSectionSpinCount(&cs, 0), 100);

    struct cs_holder h = {&cs, CreateEventA(NULL, TRUE, FALSE, NULL),
                          CreateEventA(NULL, TRUE, FALSE, NULL)};
    HANDLE t = ws2t_thread(hold_critical_section, &h);
    assert_int_equal(WaitForSingleObject(h.entered, 10000), WAIT_OBJECT_0);
    assert_false(TryEnterCriticalSection(&cs));
    uint64_t start = ws2t_now_ms();
    /* The holder lets go in 100 ms, while this thread waits in EnterCriticalSection. */
    HANDLE releaser = ws2t_thread(release_after_100ms, h.release);
    EnterCriticalSection(&cs);
    assert_true(ws2t_now_ms() - start >= 90);
    assert_ptr_equal(cs.OwningThread, (HANDLE)(ULONG_PTR)GetCurrentThreadId());
    assert_int_equal(cs.RecursionCount, 1);
    LeaveCriticalSection(&cs);
    ws2t_join(t);
    ws2t_join(releaser);
    CloseHandle(h.entered);
    CloseHandle(h.release);
    DeleteCriticalSection(&cs);
}

static void initialize_ex_accepts_only_documented_flags(void **state)
{
    (void)state;
    CRITICAL_SECTION cs;
    assert_true(InitializeCriticalSectionEx(&cs, 0, CRITICAL_SECTION_NO_DEBUG_INFO));
    EnterCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
    SetLastError(0);
    assert_false(InitializeCriticalSectionEx(&cs, 0, 0x1));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
}

static void deleted_critical_section_can_be_initialised_again(void **state)
{
    (void)state;
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
    InitializeCriticalSection(&cs);
    assert_true(TryEnterCriticalSection(&cs));
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
}

/* --- Stress: every lock type keeps an exact count ---------------------------------- */

enum lock_kind { LOCK_CS, LOCK_SRW, LOCK_SRW_TRY, LOCK_CS_TRY };

struct stress {
    enum lock_kind kind;
    CRITICAL_SECTION cs;
    SRWLOCK srw;
    /* Plain, unsynchronised counters: only the lock protects them. */
    long counter;
    long shadow;
    volatile LONG readers_saw_mismatch;
};

static void stress_lock(struct stress *s)
{
    switch (s->kind) {
    case LOCK_CS: EnterCriticalSection(&s->cs); break;
    case LOCK_CS_TRY:
        while (!TryEnterCriticalSection(&s->cs))
            SwitchToThread();
        break;
    case LOCK_SRW: AcquireSRWLockExclusive(&s->srw); break;
    case LOCK_SRW_TRY:
        while (!TryAcquireSRWLockExclusive(&s->srw))
            SwitchToThread();
        break;
    }
}

static void stress_unlock(struct stress *s)
{
    if (s->kind == LOCK_CS || s->kind == LOCK_CS_TRY)
        LeaveCriticalSection(&s->cs);
    else
        ReleaseSRWLockExclusive(&s->srw);
}

static DWORD WINAPI stress_worker(LPVOID p)
{
    struct stress *s = p;
    for (int i = 0; i < STRESS_ROUNDS; i++) {
        stress_lock(s);
        long v = s->counter;
        s->shadow = v + 1;
        s->counter = v + 1;
        stress_unlock(s);
        /* Readers share the SRW lock and must never see the two counters differ. */
        if ((s->kind == LOCK_SRW || s->kind == LOCK_SRW_TRY) && (i & 15) == 0) {
            AcquireSRWLockShared(&s->srw);
            if (s->counter != s->shadow)
                InterlockedExchange(&s->readers_saw_mismatch, 1);
            ReleaseSRWLockShared(&s->srw);
        }
    }
    return 0;
}

static void stress_run(enum lock_kind kind)
{
    struct stress s;
    memset(&s, 0, sizeof(s));
    s.kind = kind;
    InitializeCriticalSection(&s.cs);
    InitializeSRWLock(&s.srw);
    HANDLE threads[STRESS_THREADS];
    for (int i = 0; i < STRESS_THREADS; i++)
        threads[i] = ws2t_thread(stress_worker, &s);
    assert_int_equal(WaitForMultipleObjects(STRESS_THREADS, threads, TRUE, 120000), WAIT_OBJECT_0);
    for (int i = 0; i < STRESS_THREADS; i++)
        CloseHandle(threads[i]);
    assert_int_equal(s.counter, (long)STRESS_THREADS * STRESS_ROUNDS);
    assert_int_equal(s.readers_saw_mismatch, 0);
    assert_int_equal(s.cs.LockCount, -1);
    assert_null(s.srw.Ptr); /* released completely: back to SRWLOCK_INIT */
    DeleteCriticalSection(&s.cs);
}

static void stress_critical_section_counts_exactly(void **state)
{
    (void)state;
    stress_run(LOCK_CS);
    stress_run(LOCK_CS_TRY);
}

static void stress_srw_lock_counts_exactly(void **state)
{
    (void)state;
    stress_run(LOCK_SRW);
    stress_run(LOCK_SRW_TRY);
}

/*
 * A lock released between a contender's failed attempt and its going to
 * sleep must not leave that contender asleep on a free lock: many short
 * exclusive holds by more threads than cores, each contender sleeping now
 * and then, all finish.
 */
#define HANDOFF_THREADS 6
#define HANDOFF_ROUNDS  60000

struct handoff {
    SRWLOCK lock;
    long counter;
};

static DWORD WINAPI handoff_worker(LPVOID p)
{
    struct handoff *h = p;
    for (int i = 0; i < HANDOFF_ROUNDS; i++) {
        if (i & 1) {
            AcquireSRWLockExclusive(&h->lock);
            h->counter++;
            ReleaseSRWLockExclusive(&h->lock);
        } else {
            AcquireSRWLockShared(&h->lock);
            ReleaseSRWLockShared(&h->lock);
        }
    }
    return 0;
}

static void stress_srw_lock_handoff_never_strands_a_sleeper(void **state)
{
    (void)state;
    static struct handoff h;
    memset(&h, 0, sizeof(h));
    HANDLE threads[HANDOFF_THREADS];
    for (int i = 0; i < HANDOFF_THREADS; i++)
        threads[i] = ws2t_thread(handoff_worker, &h);
    assert_int_equal(WaitForMultipleObjects(HANDOFF_THREADS, threads, TRUE, 120000), WAIT_OBJECT_0);
    for (int i = 0; i < HANDOFF_THREADS; i++)
        CloseHandle(threads[i]);
    assert_int_equal(h.counter, (long)HANDOFF_THREADS * (HANDOFF_ROUNDS / 2));
    assert_null(h.lock.Ptr);
}

/* --- Slim reader/writer locks ------------------------------------------------------- */

struct srw_probe {
    SRWLOCK *lock;
    volatile LONG shared, exclusive;
};

static DWORD WINAPI srw_try_both(LPVOID p)
{
    struct srw_probe *probe = p;
    BOOLEAN s = TryAcquireSRWLockShared(probe->lock);
    if (s)
        ReleaseSRWLockShared(probe->lock);
    BOOLEAN e = TryAcquireSRWLockExclusive(probe->lock);
    if (e)
        ReleaseSRWLockExclusive(probe->lock);
    InterlockedExchange(&probe->shared, s);
    InterlockedExchange(&probe->exclusive, e);
    return 0;
}

static void srw_probe_from_thread(SRWLOCK *lock, LONG *shared, LONG *exclusive)
{
    struct srw_probe probe = {lock, -1, -1};
    ws2t_join(ws2t_thread(srw_try_both, &probe));
    *shared = ws2t_load(&probe.shared);
    *exclusive = ws2t_load(&probe.exclusive);
}

static void srw_shared_admits_readers_and_excludes_writers(void **state)
{
    (void)state;
    static SRWLOCK lock = SRWLOCK_INIT; /* works with no initialisation call */
    LONG shared, exclusive;

    AcquireSRWLockShared(&lock);
    srw_probe_from_thread(&lock, &shared, &exclusive);
    assert_int_equal(shared, 1);
    assert_int_equal(exclusive, 0);
    ReleaseSRWLockShared(&lock);

    AcquireSRWLockExclusive(&lock);
    srw_probe_from_thread(&lock, &shared, &exclusive);
    assert_int_equal(shared, 0);
    assert_int_equal(exclusive, 0);
    /* Not recursive: the owner's own try fails too. */
    assert_false(TryAcquireSRWLockExclusive(&lock));
    ReleaseSRWLockExclusive(&lock);

    srw_probe_from_thread(&lock, &shared, &exclusive);
    assert_int_equal(shared, 1);
    assert_int_equal(exclusive, 1);
    assert_null(lock.Ptr);
}

/* --- Condition variables --------------------------------------------------------------- */

struct queue {
    CRITICAL_SECTION cs;
    SRWLOCK srw;
    CONDITION_VARIABLE not_empty;
    bool use_srw;
    int items;
    int consumed;
    bool done;
};

static DWORD WINAPI consumer(LPVOID p)
{
    struct queue *q = p;
    for (;;) {
        if (q->use_srw)
            AcquireSRWLockExclusive(&q->srw);
        else
            EnterCriticalSection(&q->cs);
        while (q->items == 0 && !q->done) {
            BOOL ok = q->use_srw ? SleepConditionVariableSRW(&q->not_empty, &q->srw, INFINITE, 0)
                                 : SleepConditionVariableCS(&q->not_empty, &q->cs, INFINITE);
            if (!ok)
                break;
        }
        bool finished = q->items == 0 && q->done;
        if (q->items > 0) {
            q->items--;
            q->consumed++;
        }
        if (q->use_srw)
            ReleaseSRWLockExclusive(&q->srw);
        else
            LeaveCriticalSection(&q->cs);
        if (finished)
            return 0;
    }
}

static void run_producer_consumer(bool use_srw)
{
    static struct queue q;
    memset(&q, 0, sizeof(q));
    q.use_srw = use_srw;
    InitializeCriticalSection(&q.cs);
    InitializeSRWLock(&q.srw);
    InitializeConditionVariable(&q.not_empty);
    HANDLE threads[4];
    for (int i = 0; i < 4; i++)
        threads[i] = ws2t_thread(consumer, &q);
    const int total = 20000;
    for (int i = 0; i < total; i++) {
        if (use_srw)
            AcquireSRWLockExclusive(&q.srw);
        else
            EnterCriticalSection(&q.cs);
        q.items++;
        if (use_srw)
            ReleaseSRWLockExclusive(&q.srw);
        else
            LeaveCriticalSection(&q.cs);
        WakeConditionVariable(&q.not_empty);
    }
    if (use_srw)
        AcquireSRWLockExclusive(&q.srw);
    else
        EnterCriticalSection(&q.cs);
    q.done = true;
    if (use_srw)
        ReleaseSRWLockExclusive(&q.srw);
    else
        LeaveCriticalSection(&q.cs);
    WakeAllConditionVariable(&q.not_empty);
    assert_int_equal(WaitForMultipleObjects(4, threads, TRUE, 60000), WAIT_OBJECT_0);
    for (int i = 0; i < 4; i++)
        CloseHandle(threads[i]);
    assert_int_equal(q.consumed, total);
    assert_int_equal(q.items, 0);
    DeleteCriticalSection(&q.cs);
}

static void condition_variable_producer_consumer_loses_no_wake(void **state)
{
    (void)state;
    run_producer_consumer(false);
    run_producer_consumer(true);
}

static void condition_variable_timeout_returns_false_with_error_timeout(void **state)
{
    (void)state;
    CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    SetLastError(0);
    uint64_t start = ws2t_now_ms();
    /* "If the time-out interval elapses, the function re-acquires the critical section and
     * returns zero", GetLastError ERROR_TIMEOUT. */
    assert_false(SleepConditionVariableCS(&cv, &cs, 100));
    uint64_t elapsed = ws2t_now_ms() - start;
    assert_int_equal(GetLastError(), ERROR_TIMEOUT);
    assert_true(elapsed >= 90);
    assert_true(elapsed < 5000);
    assert_ptr_equal(cs.OwningThread, (HANDLE)(ULONG_PTR)GetCurrentThreadId());
    assert_int_equal(cs.RecursionCount, 1);
    /* A zero timeout returns at once. */
    assert_false(SleepConditionVariableCS(&cv, &cs, 0));
    assert_int_equal(GetLastError(), ERROR_TIMEOUT);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);

    SRWLOCK srw = SRWLOCK_INIT;
    AcquireSRWLockShared(&srw);
    SetLastError(0);
    assert_false(SleepConditionVariableSRW(&cv, &srw, 50, CONDITION_VARIABLE_LOCKMODE_SHARED));
    assert_int_equal(GetLastError(), ERROR_TIMEOUT);
    /* Re-acquired shared: another reader may still enter, a writer may not. */
    assert_false(TryAcquireSRWLockExclusive(&srw));
    ReleaseSRWLockShared(&srw);
    assert_null(srw.Ptr);
    /* Unknown flags are refused. */
    AcquireSRWLockExclusive(&srw);
    SetLastError(0);
    assert_false(SleepConditionVariableSRW(&cv, &srw, 0, 0x2));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    ReleaseSRWLockExclusive(&srw);
}

struct wake_one {
    CONDITION_VARIABLE cv;
    SRWLOCK lock;
    int ready;
    volatile LONG woken;
    volatile LONG sleeping;
};

static DWORD WINAPI sleeper(LPVOID p)
{
    struct wake_one *w = p;
    AcquireSRWLockShared(&w->lock);
    InterlockedIncrement(&w->sleeping);
    while (!w->ready)
        SleepConditionVariableSRW(&w->cv, &w->lock, INFINITE, CONDITION_VARIABLE_LOCKMODE_SHARED);
    InterlockedIncrement(&w->woken);
    ReleaseSRWLockShared(&w->lock);
    return 0;
}

static void wake_all_releases_every_sleeper(void **state)
{
    (void)state;
    struct wake_one w;
    memset(&w, 0, sizeof(w));
    HANDLE threads[3];
    for (int i = 0; i < 3; i++)
        threads[i] = ws2t_thread(sleeper, &w);
    while (ws2t_load(&w.sleeping) < 3)
        Sleep(1);
    Sleep(50);
    assert_int_equal(ws2t_load(&w.woken), 0);
    AcquireSRWLockExclusive(&w.lock);
    w.ready = 1;
    ReleaseSRWLockExclusive(&w.lock);
    WakeAllConditionVariable(&w.cv);
    assert_int_equal(WaitForMultipleObjects(3, threads, TRUE, 10000), WAIT_OBJECT_0);
    for (int i = 0; i < 3; i++)
        CloseHandle(threads[i]);
    assert_int_equal(w.woken, 3);
}

/* --- One-time initialisation ----------------------------------------------------------- */

static INIT_ONCE race_once = INIT_ONCE_STATIC_INIT;
static volatile LONG race_calls;
static volatile LONG race_go;
static int race_payload;

static BOOL WINAPI init_payload(PINIT_ONCE once, PVOID param, PVOID *context)
{
    (void)once;
    InterlockedIncrement(&race_calls);
    Sleep(20); /* long enough for every racer to arrive while it runs */
    race_payload = 42;
    *context = param;
    return TRUE;
}

static DWORD WINAPI race_init(LPVOID p)
{
    (void)p;
    while (!ws2t_load(&race_go))
        SwitchToThread();
    void *ctx = NULL;
    if (!InitOnceExecuteOnce(&race_once, init_payload, (PVOID)(ULONG_PTR)0x1000, &ctx))
        return 1;
    /* Every caller returns after the initialisation and sees what it did. */
    if (race_payload != 42 || ctx != (void *)(ULONG_PTR)0x1000)
        return 2;
    return 0;
}

static void init_once_runs_once_under_eight_racing_threads(void **state)
{
    (void)state;
    HANDLE threads[8];
    for (int i = 0; i < 8; i++)
        threads[i] = ws2t_thread(race_init, NULL);
    InterlockedExchange(&race_go, 1);
    assert_int_equal(WaitForMultipleObjects(8, threads, TRUE, 30000), WAIT_OBJECT_0);
    for (int i = 0; i < 8; i++) {
        DWORD code = 99;
        assert_true(GetExitCodeThread(threads[i], &code));
        assert_int_equal(code, 0);
        CloseHandle(threads[i]);
    }
    assert_int_equal(race_calls, 1);
}

static int failing_calls;

static BOOL WINAPI fail_first_time(PINIT_ONCE once, PVOID param, PVOID *context)
{
    (void)once;
    (void)param;
    if (++failing_calls == 1)
        return FALSE;
    *context = (PVOID)(ULONG_PTR)0x2000;
    return TRUE;
}

static void init_once_callback_failure_leaves_it_uninitialised(void **state)
{
    (void)state;
    INIT_ONCE once;
    InitOnceInitialize(&once);
    void *ctx = NULL;
    assert_false(InitOnceExecuteOnce(&once, fail_first_time, NULL, &ctx));
    BOOL pending = FALSE;
    SetLastError(0);
    assert_false(InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &ctx));
    /* The next attempt runs the callback again, and this time it completes. */
    assert_true(InitOnceExecuteOnce(&once, fail_first_time, NULL, &ctx));
    assert_ptr_equal(ctx, (void *)(ULONG_PTR)0x2000);
    assert_int_equal(failing_calls, 2);
    /* Done: the callback is not called again and the context comes back. */
    ctx = NULL;
    assert_true(InitOnceExecuteOnce(&once, fail_first_time, NULL, &ctx));
    assert_ptr_equal(ctx, (void *)(ULONG_PTR)0x2000);
    assert_int_equal(failing_calls, 2);
    assert_true(InitOnceBeginInitialize(&once, INIT_ONCE_CHECK_ONLY, &pending, &ctx));
    assert_false(pending);
}

static void init_once_begin_complete_sync_and_async(void **state)
{
    (void)state;
    INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    BOOL pending = FALSE;
    void *ctx = NULL;
    assert_true(InitOnceBeginInitialize(&once, 0, &pending, &ctx));
    assert_true(pending);
    /* The context's INIT_ONCE_CTX_RESERVED_BITS low bits must be zero. */
    SetLastError(0);
    assert_false(InitOnceComplete(&once, 0, (LPVOID)(ULONG_PTR)0x3001));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(InitOnceComplete(&once, 0, (LPVOID)(ULONG_PTR)0x3000));
    assert_true(InitOnceBeginInitialize(&once, 0, &pending, &ctx));
    assert_false(pending);
    assert_ptr_equal(ctx, (void *)(ULONG_PTR)0x3000);

    /* INIT_ONCE_INIT_FAILED puts it back: the next Begin starts again. */
    INIT_ONCE retry = INIT_ONCE_STATIC_INIT;
    assert_true(InitOnceBeginInitialize(&retry, 0, &pending, NULL));
    assert_true(pending);
    assert_true(InitOnceComplete(&retry, INIT_ONCE_INIT_FAILED, NULL));
    assert_true(InitOnceBeginInitialize(&retry, 0, &pending, NULL));
    assert_true(pending);
    assert_true(InitOnceComplete(&retry, 0, NULL));

    /* Asynchronous: both attempts are told to go ahead; the first to complete wins. */
    INIT_ONCE async = INIT_ONCE_STATIC_INIT;
    BOOL p1 = FALSE, p2 = FALSE;
    assert_true(InitOnceBeginInitialize(&async, INIT_ONCE_ASYNC, &p1, NULL));
    assert_true(InitOnceBeginInitialize(&async, INIT_ONCE_ASYNC, &p2, NULL));
    assert_true(p1);
    assert_true(p2);
    /* A synchronous attempt cannot join asynchronous ones. */
    SetLastError(0);
    assert_false(InitOnceBeginInitialize(&async, 0, &pending, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(InitOnceComplete(&async, INIT_ONCE_ASYNC, (LPVOID)(ULONG_PTR)0x4000));
    SetLastError(0);
    assert_false(InitOnceComplete(&async, INIT_ONCE_ASYNC, (LPVOID)(ULONG_PTR)0x5000));
    assert_int_equal(GetLastError(), ERROR_GEN_FAILURE);
    assert_true(InitOnceBeginInitialize(&async, INIT_ONCE_CHECK_ONLY, &pending, &ctx));
    assert_false(pending);
    assert_ptr_equal(ctx, (void *)(ULONG_PTR)0x4000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(structures_have_the_sdk_sizes_and_fields),
        cmocka_unit_test(critical_section_is_recursive_for_its_owner_only),
        cmocka_unit_test(enter_blocks_until_the_owner_leaves),
        cmocka_unit_test(initialize_ex_accepts_only_documented_flags),
        cmocka_unit_test(deleted_critical_section_can_be_initialised_again),
        cmocka_unit_test(stress_critical_section_counts_exactly),
        cmocka_unit_test(stress_srw_lock_counts_exactly),
        cmocka_unit_test(stress_srw_lock_handoff_never_strands_a_sleeper),
        cmocka_unit_test(srw_shared_admits_readers_and_excludes_writers),
        cmocka_unit_test(condition_variable_producer_consumer_loses_no_wake),
        cmocka_unit_test(condition_variable_timeout_returns_false_with_error_timeout),
        cmocka_unit_test(wake_all_releases_every_sleeper),
        cmocka_unit_test(init_once_runs_once_under_eight_racing_threads),
        cmocka_unit_test(init_once_callback_failure_leaves_it_uninitialised),
        cmocka_unit_test(init_once_begin_complete_sync_and_async),
    };
    return cmocka_run_group_tests_name("win32_sync", tests, NULL, NULL);
}
