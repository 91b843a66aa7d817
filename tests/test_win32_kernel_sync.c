/*
 * Kernel synchronisation objects (synchapi.h): mutexes, semaphores and
 * waitable timers, waited for with the WaitFor* functions and closed with
 * CloseHandle, plus SignalObjectAndWait and the in-process namespace.
 * Timing bounds are generous: a timer never fires early, and ticks are
 * counted with wide margins.
 */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include <windows.h>

#include "testlib.h"

/* UTC now as a FILETIME count (100-ns units since 1601), from the C library's clock. */
static ULONGLONG filetime_now(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return 116444736000000000ULL + (ULONGLONG)ts.tv_sec * 10000000ULL + (ULONGLONG)ts.tv_nsec / 100;
}

/* --- Mutexes --------------------------------------------------------------------- */

struct mutex_job {
    HANDLE mutex;
    DWORD wait_result;
    DWORD release_ok;
    DWORD release_error;
};

static DWORD WINAPI release_foreign_mutex(LPVOID p)
{
    struct mutex_job *j = p;
    SetLastError(0);
    j->release_ok = ReleaseMutex(j->mutex);
    j->release_error = GetLastError();
    return 0;
}

static void mutex_is_recursive_and_released_only_by_owner(void **state)
{
    (void)state;
    HANDLE m = CreateMutexA(NULL, TRUE, NULL);
    assert_non_null(m);
    /* "The thread that owns a mutex can specify the same mutex in repeated wait function calls
     * without blocking its execution." */
    assert_int_equal(WaitForSingleObject(m, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(m, 0), WAIT_OBJECT_0);

    /* Another thread does not own it: ERROR_NOT_OWNER. */
    struct mutex_job j = {m, 0, 99, 0};
    ws2t_join(ws2t_thread(release_foreign_mutex, &j));
    assert_int_equal(j.release_ok, FALSE);
    assert_int_equal(j.release_error, ERROR_NOT_OWNER);

    /* Three acquisitions (creation + two waits) need three releases. */
    assert_true(ReleaseMutex(m));
    assert_true(ReleaseMutex(m));
    assert_true(ReleaseMutex(m));
    SetLastError(0);
    assert_false(ReleaseMutex(m));
    assert_int_equal(GetLastError(), ERROR_NOT_OWNER);
    assert_true(CloseHandle(m));
}

struct holder {
    HANDLE mutex;
    HANDLE taken;
    bool exit_owning;
    HANDLE release;
};

static DWORD WINAPI take_mutex(LPVOID p)
{
    struct holder *h = p;
    if (WaitForSingleObject(h->mutex, 10000) != WAIT_OBJECT_0)
        return 1;
    SetEvent(h->taken);
    if (h->exit_owning)
        return 0; /* ends while owning it: the mutex is abandoned */
    WaitForSingleObject(h->release, 10000);
    ReleaseMutex(h->mutex);
    return 0;
}

static void mutex_waiter_blocks_until_release(void **state)
{
    (void)state;
    HANDLE m = CreateMutexW(NULL, FALSE, NULL);
    assert_non_null(m);
    struct holder h = {m, CreateEventA(NULL, TRUE, FALSE, NULL), false,
                       CreateEventA(NULL, TRUE, FALSE, NULL)};
    HANDLE t = ws2t_thread(take_mutex, &h);
    assert_int_equal(WaitForSingleObject(h.taken, 10000), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(m, 50), WAIT_TIMEOUT);
    SetEvent(h.release);
    assert_int_equal(WaitForSingleObject(m, 10000), WAIT_OBJECT_0);
    assert_true(ReleaseMutex(m));
    ws2t_join(t);
    CloseHandle(h.taken);
    CloseHandle(h.release);
    CloseHandle(m);
}

static void mutex_abandoned_by_exiting_thread_reports_wait_abandoned(void **state)
{
    (void)state;
    HANDLE m = CreateMutexA(NULL, FALSE, NULL);
    HANDLE other = CreateEventA(NULL, TRUE, FALSE, NULL);
    struct holder h = {m, CreateEventA(NULL, TRUE, FALSE, NULL), true, NULL};
    ws2t_join(ws2t_thread(take_mutex, &h));
    /* "If the thread terminates without releasing its ownership of this object, ... the
     * function returns ... WAIT_ABANDONED"; the index counts in WaitForMultipleObjects. */
    HANDLE both[2] = {other, m};
    assert_int_equal(WaitForMultipleObjects(2, both, FALSE, 10000), WAIT_ABANDONED_0 + 1);
    /* The waiter now owns it, and the next acquisition is an ordinary one. */
    assert_int_equal(WaitForSingleObject(m, 0), WAIT_OBJECT_0);
    assert_true(ReleaseMutex(m));
    assert_true(ReleaseMutex(m));
    assert_false(ReleaseMutex(m));

    /* A waiter already blocked when the owner ends gets WAIT_ABANDONED too. */
    struct holder h2 = {m, CreateEventA(NULL, TRUE, FALSE, NULL), false,
                        CreateEventA(NULL, TRUE, FALSE, NULL)};
    h2.exit_owning = true;
    HANDLE t = CreateThread(NULL, 0, take_mutex, &h2, CREATE_SUSPENDED, NULL);
    assert_non_null(t);
    ResumeThread(t);
    assert_int_equal(WaitForSingleObject(h2.taken, 10000), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(m, 10000), WAIT_ABANDONED);
    assert_true(ReleaseMutex(m));
    ws2t_join(t);
    CloseHandle(h.taken);
    CloseHandle(h2.taken);
    CloseHandle(h2.release);
    CloseHandle(other);
    CloseHandle(m);
}

static void mutex_ex_and_named_mutexes_share_one_object(void **state)
{
    (void)state;
    HANDLE a = CreateMutexExA(NULL, "ws2t-mutex", CREATE_MUTEX_INITIAL_OWNER, MUTEX_ALL_ACCESS);
    assert_non_null(a);
    assert_int_equal(GetLastError(), ERROR_SUCCESS);
    /* "If the mutex is a named mutex and the object existed before this function call, the
     * return value is a handle to the existing object, and ... ERROR_ALREADY_EXISTS." */
    HANDLE b = CreateMutexW(NULL, FALSE, L"ws2t-mutex");
    assert_non_null(b);
    assert_int_equal(GetLastError(), ERROR_ALREADY_EXISTS);
    assert_ptr_not_equal(a, b);
    /* One object: owned through a, released through b. */
    assert_true(ReleaseMutex(b));
    assert_false(ReleaseMutex(a));
    HANDLE c = OpenMutexA(SYNCHRONIZE, FALSE, "ws2t-mutex");
    assert_non_null(c);
    /* A name held by another type of object: ERROR_INVALID_HANDLE. */
    SetLastError(0);
    assert_null(CreateSemaphoreA(NULL, 0, 1, "ws2t-mutex"));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(a);
    CloseHandle(b);
    CloseHandle(c);
    /* With its last handle closed the name is gone. */
    SetLastError(0);
    assert_null(OpenMutexA(SYNCHRONIZE, FALSE, "ws2t-mutex"));
    assert_int_equal(GetLastError(), ERROR_FILE_NOT_FOUND);
    SetLastError(0);
    assert_null(CreateMutexExA(NULL, NULL, 0x2, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
}

/* --- Semaphores ---------------------------------------------------------------------- */

static void semaphore_counts_and_refuses_over_release(void **state)
{
    (void)state;
    SetLastError(0);
    assert_null(CreateSemaphoreA(NULL, 3, 2, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_null(CreateSemaphoreA(NULL, 0, 0, NULL));
    assert_null(CreateSemaphoreA(NULL, -1, 2, NULL));

    HANDLE s = CreateSemaphoreW(NULL, 2, 3, NULL);
    assert_non_null(s);
    assert_int_equal(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(s, 0), WAIT_TIMEOUT);
    LONG previous = -1;
    assert_true(ReleaseSemaphore(s, 3, &previous));
    assert_int_equal(previous, 0);
    /* "If the specified amount would cause the semaphore's count to exceed the maximum count
     * ..., the count is not changed and the function returns FALSE." */
    previous = -1;
    SetLastError(0);
    assert_false(ReleaseSemaphore(s, 1, &previous));
    assert_int_equal(GetLastError(), ERROR_TOO_MANY_POSTS);
    assert_int_equal(previous, -1);
    assert_false(ReleaseSemaphore(s, 0, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    for (int i = 0; i < 3; i++)
        assert_int_equal(WaitForSingleObject(s, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(s, 0), WAIT_TIMEOUT);
    assert_true(ReleaseSemaphore(s, 1, NULL));
    assert_true(CloseHandle(s));
}

struct sem_waiter {
    HANDLE sem;
    volatile LONG *got;
};

static DWORD WINAPI take_unit(LPVOID p)
{
    struct sem_waiter *w = p;
    if (WaitForSingleObject(w->sem, 10000) == WAIT_OBJECT_0)
        InterlockedIncrement(w->got);
    return 0;
}

static void semaphore_release_wakes_as_many_waiters_as_units(void **state)
{
    (void)state;
    HANDLE s = CreateSemaphoreA(NULL, 0, 10, NULL);
    volatile LONG got = 0;
    struct sem_waiter w = {s, &got};
    HANDLE threads[4];
    for (int i = 0; i < 4; i++)
        threads[i] = ws2t_thread(take_unit, &w);
    Sleep(50);
    LONG previous = -1;
    assert_true(ReleaseSemaphore(s, 3, &previous));
    assert_int_equal(previous, 0);
    /* Three of the four get a unit; the fourth still waits. */
    for (int i = 0; i < 500 && ws2t_load(&got) < 3; i++)
        Sleep(10);
    Sleep(50);
    assert_int_equal(ws2t_load(&got), 3);
    assert_true(ReleaseSemaphore(s, 1, NULL));
    assert_int_equal(WaitForMultipleObjects(4, threads, TRUE, 10000), WAIT_OBJECT_0);
    assert_int_equal(ws2t_load(&got), 4);
    for (int i = 0; i < 4; i++)
        CloseHandle(threads[i]);
    CloseHandle(s);
}

/* --- Waiting for several kinds at once ------------------------------------------------ */

static void wait_all_mixes_event_mutex_and_semaphore(void **state)
{
    (void)state;
    HANDLE e = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE m = CreateMutexA(NULL, FALSE, NULL);
    HANDLE s = CreateSemaphoreA(NULL, 0, 5, NULL);
    HANDLE all[3] = {e, m, s};
    /* Nothing is taken until everything is signaled. */
    assert_int_equal(WaitForMultipleObjects(3, all, TRUE, 0), WAIT_TIMEOUT);
    assert_true(SetEvent(e));
    assert_int_equal(WaitForMultipleObjects(3, all, TRUE, 20), WAIT_TIMEOUT);
    /* The event is still set: the failed wait consumed nothing. */
    assert_true(ReleaseSemaphore(s, 2, NULL));
    assert_int_equal(WaitForMultipleObjects(3, all, TRUE, 10000), WAIT_OBJECT_0);
    /* Now: the event reset (auto), the mutex ours, one semaphore unit left. */
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    LONG previous = -1;
    assert_true(ReleaseSemaphore(s, 1, &previous));
    assert_int_equal(previous, 1);
    assert_true(ReleaseMutex(m));
    assert_false(ReleaseMutex(m));
    /* Wait-any reports the first signaled object. */
    assert_int_equal(WaitForMultipleObjects(3, all, FALSE, 0), WAIT_OBJECT_0 + 1);
    assert_true(ReleaseMutex(m));
    CloseHandle(e);
    CloseHandle(m);
    CloseHandle(s);
}

static void bad_handles_give_error_invalid_handle(void **state)
{
    (void)state;
    HANDLE e = CreateEventA(NULL, FALSE, FALSE, NULL);
    SetLastError(0);
    assert_false(ReleaseMutex(e));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    assert_false(ReleaseSemaphore(e, 1, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    LARGE_INTEGER due = {.QuadPart = -1};
    SetLastError(0);
    assert_false(SetWaitableTimer(e, &due, 0, NULL, NULL, FALSE));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    assert_false(CancelWaitableTimer(NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    HANDLE m = CreateMutexA(NULL, FALSE, NULL);
    assert_true(CloseHandle(m));
    SetLastError(0);
    assert_false(ReleaseMutex(m));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_false(CloseHandle(m));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    assert_int_equal(WaitForSingleObject(m, 0), WAIT_FAILED);
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(e);
}

/* --- Waitable timers ------------------------------------------------------------------ */

static void relative_timer_is_not_early(void **state)
{
    (void)state;
    HANDLE t = CreateWaitableTimerA(NULL, TRUE, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_TIMEOUT); /* created non-signaled */
    LARGE_INTEGER due = {.QuadPart = -100 * 10000LL};          /* 100 ms, relative */
    uint64_t start = ws2t_now_ms();
    assert_true(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE));
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    uint64_t elapsed = ws2t_now_ms() - start;
    assert_true(elapsed >= 95);
    assert_true(elapsed < 5000);
    /* A manual-reset timer stays signaled ... */
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_OBJECT_0);
    /* ... and CancelWaitableTimer "does not change the signaled state". */
    assert_true(CancelWaitableTimer(t));
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_OBJECT_0);
    /* Setting it again makes it non-signaled until the new due time. */
    due.QuadPart = -10000 * 10000LL;
    assert_true(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE));
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_TIMEOUT);
    assert_true(CancelWaitableTimer(t));
    assert_int_equal(WaitForSingleObject(t, 50), WAIT_TIMEOUT);
    CloseHandle(t);
}

static void absolute_timer_in_the_past_fires_at_once(void **state)
{
    (void)state;
    HANDLE t = CreateWaitableTimerW(NULL, FALSE, NULL);
    ULARGE_INTEGER u = {.QuadPart = filetime_now()};
    LARGE_INTEGER due = {.QuadPart = (LONGLONG)u.QuadPart + 150 * 10000LL}; /* 150 ms from now */
    uint64_t start = ws2t_now_ms();
    assert_true(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE));
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    uint64_t elapsed = ws2t_now_ms() - start;
    assert_true(elapsed >= 100);
    /* A synchronization timer is reset by the wait that it satisfied. */
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_TIMEOUT);
    due.QuadPart = (LONGLONG)u.QuadPart - 10000000LL; /* a second ago */
    assert_true(SetWaitableTimer(t, &due, 0, NULL, NULL, FALSE));
    assert_int_equal(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    SetLastError(0);
    assert_false(SetWaitableTimer(t, &due, -1, NULL, NULL, FALSE));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    CloseHandle(t);
}

static void periodic_timer_ticks_until_cancelled(void **state)
{
    (void)state;
    HANDLE t = CreateWaitableTimerExA(NULL, NULL, 0, TIMER_ALL_ACCESS);
    assert_non_null(t);
    LARGE_INTEGER due = {.QuadPart = -20 * 10000LL};
    assert_true(SetWaitableTimer(t, &due, 20, NULL, NULL, FALSE));
    uint64_t start = ws2t_now_ms();
    int ticks = 0;
    while (ticks < 10 && WaitForSingleObject(t, 5000) == WAIT_OBJECT_0)
        ticks++;
    uint64_t elapsed = ws2t_now_ms() - start;
    assert_int_equal(ticks, 10);
    /* Ten 20-ms periods: at least 180 ms (the first is due after 20), and not forever. */
    assert_true(elapsed >= 170);
    assert_true(elapsed < 10000);
    assert_true(CancelWaitableTimer(t));
    /* Cancelled: no more ticks (a tick may have landed just before the cancel). */
    WaitForSingleObject(t, 0);
    assert_int_equal(WaitForSingleObject(t, 100), WAIT_TIMEOUT);
    CloseHandle(t);
}

struct routine_log {
    volatile LONG calls;
    DWORD thread;
    DWORD low, high;
    void *arg;
};

static VOID CALLBACK count_routine(LPVOID arg, DWORD low, DWORD high)
{
    struct routine_log *log = arg;
    log->arg = arg;
    log->thread = GetCurrentThreadId();
    log->low = low;
    log->high = high;
    InterlockedIncrement(&log->calls);
}

static void completion_routine_runs_only_in_alertable_wait(void **state)
{
    (void)state;
    HANDLE t = CreateWaitableTimerA(NULL, FALSE, NULL);
    struct routine_log log;
    memset(&log, 0, sizeof(log));
    LARGE_INTEGER due = {.QuadPart = -30 * 10000LL};
    ULARGE_INTEGER b = {.QuadPart = filetime_now()};
    assert_true(SetWaitableTimer(t, &due, 0, count_routine, &log, FALSE));
    /* A non-alertable wait is satisfied by the timer, but the routine does not run. */
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    Sleep(50);
    assert_int_equal(ws2t_load(&log.calls), 0);
    /* "The completion routine will be executed by the thread that activated the timer when that
     * thread enters an alertable wait state." */
    assert_int_equal(SleepEx(5000, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(ws2t_load(&log.calls), 1);
    assert_int_equal(log.thread, GetCurrentThreadId());
    assert_ptr_equal(log.arg, &log);
    /* The routine gets the UTC time at which the timer was signaled (FILETIME). */
    ULARGE_INTEGER fired = {.LowPart = log.low, .HighPart = log.high};
    assert_true(fired.QuadPart >= b.QuadPart);
    assert_true(fired.QuadPart - b.QuadPart < 100000000ULL); /* within 10 s */
    /* Nothing else is queued. */
    assert_int_equal(SleepEx(50, TRUE), 0);
    assert_int_equal(ws2t_load(&log.calls), 1);

    /* A periodic timer with a routine: alertable waits run it again and again. */
    due.QuadPart = -10 * 10000LL;
    assert_true(SetWaitableTimer(t, &due, 10, count_routine, &log, FALSE));
    int runs = 0;
    for (int i = 0; i < 100 && runs < 3; i++)
        if (WaitForSingleObjectEx(GetCurrentThread(), 5000, TRUE) == WAIT_IO_COMPLETION)
            runs++;
    assert_int_equal(runs, 3);
    assert_true(CancelWaitableTimer(t));
    /* Cancelling takes a routine still queued out of the queue. */
    SleepEx(0, TRUE);
    LONG calls = ws2t_load(&log.calls);
    SleepEx(100, TRUE);
    assert_int_equal(ws2t_load(&log.calls), calls);
    CloseHandle(t);
}

/*
 * The routine's APC may run the moment it is queued, before the timer's own
 * thread has finished queuing it: each of these must run exactly once and
 * leave nothing behind (AddressSanitizer checks the rest).
 */
static void stress_timer_routines_run_once_each(void **state)
{
    (void)state;
    HANDLE t = CreateWaitableTimerA(NULL, FALSE, NULL);
    struct routine_log log;
    memset(&log, 0, sizeof(log));
    const int rounds = 300;
    for (int i = 0; i < rounds; i++) {
        LARGE_INTEGER due = {.QuadPart = -1};
        assert_true(SetWaitableTimer(t, &due, 0, count_routine, &log, FALSE));
        assert_int_equal(SleepEx(5000, TRUE), WAIT_IO_COMPLETION);
        assert_int_equal(ws2t_load(&log.calls), i + 1);
    }
    CloseHandle(t);
}

struct timer_setter {
    HANDLE timer;
    struct routine_log *log;
};

static DWORD WINAPI set_timer_and_exit(LPVOID p)
{
    struct timer_setter *s = p;
    LARGE_INTEGER due = {.QuadPart = -20 * 10000LL};
    SetWaitableTimer(s->timer, &due, 20, count_routine, s->log, FALSE);
    return 0;
}

static void timer_is_cancelled_when_its_routine_thread_exits(void **state)
{
    (void)state;
    HANDLE t = CreateWaitableTimerA(NULL, FALSE, NULL);
    struct routine_log log;
    memset(&log, 0, sizeof(log));
    struct timer_setter s = {t, &log};
    ws2t_join(ws2t_thread(set_timer_and_exit, &s));
    /* "If the thread that set the timer terminates and there is an associated completion
     * routine, the timer is canceled": it is never signaled. */
    assert_int_equal(WaitForSingleObject(t, 200), WAIT_TIMEOUT);
    assert_int_equal(ws2t_load(&log.calls), 0);
    CloseHandle(t);
}

static void closing_a_timer_with_a_queued_routine_is_safe(void **state)
{
    (void)state;
    struct routine_log log;
    memset(&log, 0, sizeof(log));
    HANDLE t = CreateWaitableTimerA(NULL, TRUE, NULL);
    LARGE_INTEGER due = {.QuadPart = -1};
    assert_true(SetWaitableTimer(t, &due, 0, count_routine, &log, FALSE));
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    Sleep(20); /* the routine's APC is queued by now */
    assert_true(CloseHandle(t));
    /* The timer is gone with its handle, so is its routine; the wait still ends at once. */
    SleepEx(50, TRUE);
    assert_int_equal(ws2t_load(&log.calls), 0);
}

static void named_timers_and_semaphores(void **state)
{
    (void)state;
    HANDLE a = CreateWaitableTimerA(NULL, TRUE, "Local\\ws2t-timer");
    HANDLE b = OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"ws2t-timer");
    assert_non_null(a);
    assert_non_null(b);
    LARGE_INTEGER due = {.QuadPart = -1};
    assert_true(SetWaitableTimer(a, &due, 0, NULL, NULL, FALSE));
    assert_int_equal(WaitForSingleObject(b, 10000), WAIT_OBJECT_0);
    /* Two handles, one object: a wait-all may not name it twice. */
    HANDLE both[2] = {a, b};
    SetLastError(0);
    assert_int_equal(WaitForMultipleObjects(2, both, TRUE, 0), WAIT_FAILED);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    CloseHandle(a);
    CloseHandle(b);

    HANDLE s1 = CreateSemaphoreExW(NULL, 1, 2, L"ws2t-sem", 0, SEMAPHORE_ALL_ACCESS);
    assert_int_equal(GetLastError(), ERROR_SUCCESS);
    /* Existing: its counts stay as they were. */
    HANDLE s2 = CreateSemaphoreA(NULL, 0, 9, "ws2t-sem");
    assert_int_equal(GetLastError(), ERROR_ALREADY_EXISTS);
    assert_int_equal(WaitForSingleObject(s2, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(s1, 0), WAIT_TIMEOUT);
    assert_true(ReleaseSemaphore(s2, 2, NULL));
    assert_false(ReleaseSemaphore(s1, 1, NULL));
    assert_int_equal(GetLastError(), ERROR_TOO_MANY_POSTS);
    HANDLE s3 = OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, "ws2t-sem");
    assert_non_null(s3);
    SetLastError(0);
    assert_null(OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "ws2t-sem"));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(s1);
    CloseHandle(s2);
    CloseHandle(s3);
}

/* --- SignalObjectAndWait --------------------------------------------------------------- */

static DWORD WINAPI quick_thread(LPVOID p)
{
    (void)p;
    return 0;
}

static void signal_object_and_wait_signals_then_waits(void **state)
{
    (void)state;
    HANDLE m = CreateMutexA(NULL, TRUE, NULL);
    HANDLE e = CreateEventA(NULL, TRUE, TRUE, NULL);
    HANDLE s = CreateSemaphoreA(NULL, 0, 1, NULL);
    assert_int_equal(SignalObjectAndWait(m, e, 1000, FALSE), WAIT_OBJECT_0);
    SetLastError(0);
    assert_int_equal(SignalObjectAndWait(m, e, 0, FALSE), WAIT_FAILED);
    assert_int_equal(GetLastError(), ERROR_NOT_OWNER);
    assert_int_equal(SignalObjectAndWait(s, s, 0, FALSE), WAIT_OBJECT_0);
    HANDLE th = ws2t_thread(quick_thread, NULL);
    SetLastError(0);
    assert_int_equal(SignalObjectAndWait(th, e, 0, FALSE), WAIT_FAILED);
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    ws2t_join(th);
    CloseHandle(m);
    CloseHandle(e);
    CloseHandle(s);
}

/* --- Stress: a mutex and a semaphore as locks keep an exact count ----------------------- */

#define KSTRESS_THREADS 6
#define KSTRESS_ROUNDS  3000

struct kstress {
    HANDLE lock;
    bool semaphore;
    long counter;
};

static DWORD WINAPI kstress_worker(LPVOID p)
{
    struct kstress *s = p;
    for (int i = 0; i < KSTRESS_ROUNDS; i++) {
        if (WaitForSingleObject(s->lock, 30000) != WAIT_OBJECT_0)
            return 1;
        s->counter++;
        if (s->semaphore ? !ReleaseSemaphore(s->lock, 1, NULL) : !ReleaseMutex(s->lock))
            return 2;
    }
    return 0;
}

static void stress_kernel_locks_count_exactly(void **state)
{
    (void)state;
    for (int kind = 0; kind < 2; kind++) {
        struct kstress s = {kind ? CreateSemaphoreA(NULL, 1, 1, NULL)
                                 : CreateMutexA(NULL, FALSE, NULL),
                            kind != 0, 0};
        HANDLE threads[KSTRESS_THREADS];
        for (int i = 0; i < KSTRESS_THREADS; i++)
            threads[i] = ws2t_thread(kstress_worker, &s);
        assert_int_equal(WaitForMultipleObjects(KSTRESS_THREADS, threads, TRUE, 120000),
                         WAIT_OBJECT_0);
        for (int i = 0; i < KSTRESS_THREADS; i++) {
            DWORD code = 99;
            GetExitCodeThread(threads[i], &code);
            assert_int_equal(code, 0);
            CloseHandle(threads[i]);
        }
        assert_int_equal(s.counter, (long)KSTRESS_THREADS * KSTRESS_ROUNDS);
        CloseHandle(s.lock);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mutex_is_recursive_and_released_only_by_owner),
        cmocka_unit_test(mutex_waiter_blocks_until_release),
        cmocka_unit_test(mutex_abandoned_by_exiting_thread_reports_wait_abandoned),
        cmocka_unit_test(mutex_ex_and_named_mutexes_share_one_object),
        cmocka_unit_test(semaphore_counts_and_refuses_over_release),
        cmocka_unit_test(semaphore_release_wakes_as_many_waiters_as_units),
        cmocka_unit_test(wait_all_mixes_event_mutex_and_semaphore),
        cmocka_unit_test(bad_handles_give_error_invalid_handle),
        cmocka_unit_test(relative_timer_is_not_early),
        cmocka_unit_test(absolute_timer_in_the_past_fires_at_once),
        cmocka_unit_test(periodic_timer_ticks_until_cancelled),
        cmocka_unit_test(completion_routine_runs_only_in_alertable_wait),
        cmocka_unit_test(stress_timer_routines_run_once_each),
        cmocka_unit_test(timer_is_cancelled_when_its_routine_thread_exits),
        cmocka_unit_test(closing_a_timer_with_a_queued_routine_is_safe),
        cmocka_unit_test(named_timers_and_semaphores),
        cmocka_unit_test(signal_object_and_wait_signals_then_waits),
        cmocka_unit_test(stress_kernel_locks_count_exactly),
    };
    return cmocka_run_group_tests_name("win32_kernel_sync", tests, NULL, NULL);
}
