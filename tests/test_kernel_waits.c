/*
 * Events and the wait functions: CreateEvent, SetEvent, ResetEvent,
 * WaitForSingleObject(Ex), WaitForMultipleObjects(Ex).  Sleep, SleepEx and
 * the clocks are in test_kernel_time.c, alertable waits in test_kernel_apc.c.
 *
 * Each test quotes the rule from the function's documentation.  Timing
 * checks only bound from below (a timeout never ends early) and from above
 * by a generous 5 s (the wait does end); they never assert speed.
 */
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 10000 /* ms: "forever" for a waiter that must be woken */

static HANDLE event(BOOL manual, BOOL initial)
{
    HANDLE e = CreateEventA(NULL, manual, initial, NULL);
    assert_non_null(e);
    return e;
}

/* A thread that waits for one object and records what the wait returned. */
struct waiter {
    HANDLE *objects;
    DWORD count;
    BOOL all;
    DWORD timeout;
    volatile LONG started;
    volatile LONG done;
    DWORD result;
    HANDLE thread;
};

static DWORD WINAPI waiter_main(LPVOID p)
{
    struct waiter *w = p;
    InterlockedExchange(&w->started, 1);
    w->result = WaitForMultipleObjects(w->count, w->objects, w->all, w->timeout);
    InterlockedExchange(&w->done, 1);
    return 0;
}

static void waiter_start(struct waiter *w, HANDLE *objects, DWORD count, BOOL all, DWORD timeout)
{
    memset(w, 0, sizeof(*w));
    w->objects = objects;
    w->count = count;
    w->all = all;
    w->timeout = timeout;
    w->thread = CreateThread(NULL, 0, waiter_main, w, 0, NULL);
    assert_non_null(w->thread);
    while (!ws2t_load(&w->started))
        Sleep(1);
    Sleep(50); /* let it block */
}

static DWORD waiter_join(struct waiter *w)
{
    assert_int_equal(WaitForSingleObject(w->thread, LONG_WAIT), WAIT_OBJECT_0);
    assert_true(CloseHandle(w->thread));
    return w->result;
}

static LONG count_done(struct waiter *w, int n)
{
    LONG c = 0;
    for (int i = 0; i < n; i++)
        c += ws2t_load(&w[i].done);
    return c;
}

/* Waits (up to 5 s) until at least want of the waiters are done; returns how many are. */
static LONG wait_done(struct waiter *w, int n, LONG want)
{
    double start = ws2t_now_ms_fine();
    while (count_done(w, n) < want && ws2t_now_ms_fine() - start < 5000)
        Sleep(1);
    return count_done(w, n);
}

/* --- Event state ---------------------------------------------------------- */

/*
 * CreateEvent bInitialState: "If this parameter is TRUE, the initial state
 * of the event object is signaled; otherwise, it is nonsignaled."  A
 * manual-reset event "remains signaled until it is set explicitly to the
 * nonsignaled state by the ResetEvent function" — any number of waits see it.
 */
static void manual_reset_event_stays_signaled_until_reset(void **state)
{
    (void)state;
    HANDLE off = event(TRUE, FALSE), on = event(TRUE, TRUE);
    assert_int_equal(WaitForSingleObject(off, 0), WAIT_TIMEOUT);
    for (int i = 0; i < 3; i++)
        assert_int_equal(WaitForSingleObject(on, 0), WAIT_OBJECT_0);
    assert_true(ResetEvent(on));
    assert_int_equal(WaitForSingleObject(on, 0), WAIT_TIMEOUT);
    assert_true(ResetEvent(on)); /* resetting a nonsignaled event is fine */
    assert_true(SetEvent(off));
    assert_true(SetEvent(off)); /* setting a signaled one too */
    assert_int_equal(WaitForSingleObject(off, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(off, 0), WAIT_OBJECT_0);
    CloseHandle(off);
    CloseHandle(on);
}

/*
 * Auto-reset (bManualReset FALSE): "the system automatically resets the
 * event state to nonsignaled after a single waiting thread has been
 * released".  SetEvent on a signaled event does not count: "Setting an
 * event that is already set has no effect."
 */
static void auto_reset_event_releases_one_wait(void **state)
{
    (void)state;
    HANDLE on = event(FALSE, TRUE), off = event(FALSE, FALSE);
    assert_int_equal(WaitForSingleObject(off, 0), WAIT_TIMEOUT);
    assert_int_equal(WaitForSingleObject(on, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(on, 0), WAIT_TIMEOUT);
    assert_true(SetEvent(off));
    assert_true(SetEvent(off));
    assert_int_equal(WaitForSingleObject(off, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(off, 0), WAIT_TIMEOUT);
    assert_true(SetEvent(off));
    assert_true(ResetEvent(off));
    assert_int_equal(WaitForSingleObject(off, 0), WAIT_TIMEOUT);
    CloseHandle(on);
    CloseHandle(off);
}

/*
 * SetEvent on an auto-reset event with several waiters: "The state of an
 * auto-reset event object remains signaled until a single waiting thread is
 * released" — exactly one waiter per SetEvent, and the event ends unsignaled.
 */
static void auto_reset_wakes_exactly_one_of_several_waiters(void **state)
{
    (void)state;
    enum { N = 4 };
    HANDLE e = event(FALSE, FALSE);
    struct waiter w[N];
    for (int i = 0; i < N; i++)
        waiter_start(&w[i], &e, 1, FALSE, LONG_WAIT);
    for (LONG round = 1; round <= N; round++) {
        assert_true(SetEvent(e));
        assert_int_equal(wait_done(w, N, round), round);
        Sleep(100); /* a second waiter would have been released by now */
        assert_int_equal(count_done(w, N), round);
    }
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    for (int i = 0; i < N; i++)
        assert_int_equal(waiter_join(&w[i]), WAIT_OBJECT_0);
    CloseHandle(e);
}

/*
 * SetEvent on a manual-reset event: "any number of waiting threads, or
 * threads that subsequently begin wait operations ... are released" — one
 * SetEvent wakes every waiter and the event stays signaled.
 */
static void manual_reset_wakes_all_waiters(void **state)
{
    (void)state;
    enum { N = 4 };
    HANDLE e = event(TRUE, FALSE);
    struct waiter w[N];
    for (int i = 0; i < N; i++)
        waiter_start(&w[i], &e, 1, FALSE, LONG_WAIT);
    assert_int_equal(count_done(w, N), 0);
    assert_true(SetEvent(e));
    for (int i = 0; i < N; i++)
        assert_int_equal(waiter_join(&w[i]), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    CloseHandle(e);
}

/* ResetEvent before any wait: a later waiter is not released (it times out). */
static void reset_event_before_wait_keeps_waiter_blocked(void **state)
{
    (void)state;
    HANDLE e = event(TRUE, FALSE);
    assert_true(SetEvent(e));
    assert_true(ResetEvent(e));
    struct waiter w;
    waiter_start(&w, &e, 1, FALSE, 200);
    assert_int_equal(waiter_join(&w), WAIT_TIMEOUT);
    CloseHandle(e);
}

/* --- WaitForMultipleObjects ---------------------------------------------- */

/*
 * bWaitAll FALSE: "the return value minus WAIT_OBJECT_0 indicates the
 * lpHandles array index of the object that satisfied the wait.  If more
 * than one object became signaled during the call, this is the array index
 * of the signaled object with the smallest index value".  Only that object
 * is acquired: the other auto-reset events stay signaled.
 */
static void wait_any_returns_lowest_signaled_index(void **state)
{
    (void)state;
    HANDLE a[5];
    for (int i = 0; i < 5; i++)
        a[i] = event(FALSE, FALSE);
    assert_true(SetEvent(a[3]));
    assert_true(SetEvent(a[1]));
    assert_int_equal(WaitForMultipleObjects(5, a, FALSE, 0), WAIT_OBJECT_0 + 1);
    assert_int_equal(WaitForMultipleObjects(5, a, FALSE, 0), WAIT_OBJECT_0 + 3);
    assert_int_equal(WaitForMultipleObjects(5, a, FALSE, 0), WAIT_TIMEOUT);

    HANDLE m[4] = {event(TRUE, FALSE), event(TRUE, FALSE), event(TRUE, TRUE), event(TRUE, TRUE)};
    assert_int_equal(WaitForMultipleObjects(4, m, FALSE, 0), WAIT_OBJECT_0 + 2);
    assert_int_equal(WaitForMultipleObjects(4, m, FALSE, INFINITE), WAIT_OBJECT_0 + 2);
    assert_true(SetEvent(m[0]));
    assert_int_equal(WaitForMultipleObjectsEx(4, m, FALSE, 0, TRUE), WAIT_OBJECT_0);
    for (int i = 0; i < 5; i++)
        CloseHandle(a[i]);
    for (int i = 0; i < 4; i++)
        CloseHandle(m[i]);
}

/* A blocked wait-any is released by whichever object is signaled, with its index. */
static void wait_any_blocked_reports_the_signaled_index(void **state)
{
    (void)state;
    HANDLE a[3] = {event(FALSE, FALSE), event(TRUE, FALSE), event(FALSE, FALSE)};
    for (int k = 0; k < 3; k++) {
        struct waiter w;
        waiter_start(&w, a, 3, FALSE, LONG_WAIT);
        assert_int_equal(ws2t_load(&w.done), 0);
        assert_true(SetEvent(a[k]));
        assert_int_equal(waiter_join(&w), WAIT_OBJECT_0 + (DWORD)k);
        assert_true(ResetEvent(a[k]));
    }
    for (int i = 0; i < 3; i++)
        CloseHandle(a[i]);
}

/*
 * bWaitAll TRUE: "the function returns when the state of all objects in the
 * lpHandles array is signaled"; until then the wait does not modify any
 * object ("the function does not modify the state of the specified objects
 * until the states of all objects have been set to signaled") — the
 * signaled auto-reset events stay signaled; once satisfied, every
 * auto-reset one is reset and manual-reset ones are left signaled.
 */
static void wait_all_needs_every_object_and_consumes_them(void **state)
{
    (void)state;
    HANDLE a[3] = {event(FALSE, FALSE), event(TRUE, FALSE), event(FALSE, FALSE)};
    assert_true(SetEvent(a[0]));
    assert_true(SetEvent(a[1]));
    assert_int_equal(WaitForMultipleObjects(3, a, TRUE, 0), WAIT_TIMEOUT);
    double start = ws2t_now_ms_fine();
    assert_int_equal(WaitForMultipleObjects(3, a, TRUE, 200), WAIT_TIMEOUT);
    double took = ws2t_now_ms_fine() - start;
    assert_true(took >= 190 && took < 5000);
    /* Neither failed wait consumed a[0]. */
    assert_true(SetEvent(a[2]));
    assert_int_equal(WaitForMultipleObjects(3, a, TRUE, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(a[0], 0), WAIT_TIMEOUT);
    assert_int_equal(WaitForSingleObject(a[2], 0), WAIT_TIMEOUT);
    assert_int_equal(WaitForSingleObject(a[1], 0), WAIT_OBJECT_0);
    for (int i = 0; i < 3; i++)
        CloseHandle(a[i]);
}

/*
 * A blocked wait-all on auto-reset events takes nothing while only some
 * are signaled (another wait can still acquire them), and when the last one
 * is signaled it acquires all of them at once.
 */
static void blocked_wait_all_acquires_atomically(void **state)
{
    (void)state;
    HANDLE a[2] = {event(FALSE, FALSE), event(FALSE, FALSE)};
    struct waiter w;
    waiter_start(&w, a, 2, TRUE, LONG_WAIT);
    assert_true(SetEvent(a[0]));
    Sleep(100);
    assert_int_equal(ws2t_load(&w.done), 0);
    /* a[0] is still there for someone else: the pending wait-all took nothing. */
    assert_int_equal(WaitForSingleObject(a[0], 0), WAIT_OBJECT_0);
    assert_true(SetEvent(a[1]));
    Sleep(100);
    assert_int_equal(ws2t_load(&w.done), 0);
    assert_true(SetEvent(a[0]));
    assert_int_equal(waiter_join(&w), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(a[0], 0), WAIT_TIMEOUT);
    assert_int_equal(WaitForSingleObject(a[1], 0), WAIT_TIMEOUT);
    CloseHandle(a[0]);
    CloseHandle(a[1]);
}

/* Thread handles are waitable too: wait-all on three threads ends when the last exits. */
static DWORD WINAPI wait_then_return(LPVOID p)
{
    return WaitForSingleObject((HANDLE)p, LONG_WAIT) == WAIT_OBJECT_0 ? 0 : 1;
}

static void wait_all_on_thread_handles(void **state)
{
    (void)state;
    HANDLE go[3], t[3];
    for (int i = 0; i < 3; i++) {
        go[i] = event(FALSE, FALSE);
        t[i] = CreateThread(NULL, 0, wait_then_return, go[i], 0, NULL);
        assert_non_null(t[i]);
    }
    assert_true(SetEvent(go[0]));
    assert_true(SetEvent(go[2]));
    assert_int_equal(WaitForMultipleObjects(3, t, TRUE, 100), WAIT_TIMEOUT);
    assert_true(SetEvent(go[1]));
    assert_int_equal(WaitForMultipleObjects(3, t, TRUE, LONG_WAIT), WAIT_OBJECT_0);
    /* Thread objects are not auto-reset: they stay signaled. */
    assert_int_equal(WaitForMultipleObjects(3, t, FALSE, 0), WAIT_OBJECT_0);
    for (int i = 0; i < 3; i++) {
        CloseHandle(t[i]);
        CloseHandle(go[i]);
    }
}

/*
 * Windows reads the handle array once, when the wait starts, and holds the
 * objects until the wait returns; the caller may change the array meanwhile.
 * A console control handler does exactly that: it closes the thread handles
 * the main thread waits on and stores INVALID_HANDLE_VALUE in their places.
 * The wait still returns WAIT_OBJECT_0 once the threads have ended.
 */
static void wait_all_survives_caller_closing_and_overwriting_its_handles(void **state)
{
    (void)state;
    HANDLE go = event(TRUE, FALSE), t[4];
    for (int i = 0; i < 4; i++) {
        t[i] = CreateThread(NULL, 0, wait_then_return, go, 0, NULL);
        assert_non_null(t[i]);
    }
    struct waiter w;
    waiter_start(&w, t, 4, TRUE, LONG_WAIT);
    /* As a control handler would, while the wait runs (atomic stores: the wait reads the array). */
    for (int i = 0; i < 4; i++) {
        assert_true(CloseHandle(t[i]));
        InterlockedExchangePointer(&t[i], INVALID_HANDLE_VALUE);
    }
    assert_true(SetEvent(go));
    assert_int_equal(waiter_join(&w), WAIT_OBJECT_0);
    CloseHandle(go);
}

/* The same for WSAWaitForMultipleEvents, which waits the same way. */
struct wsa_waiter {
    WSAEVENT *events;
    DWORD result;
    volatile LONG started;
};

static DWORD WINAPI wsa_waiter_main(LPVOID p)
{
    struct wsa_waiter *w = p;
    InterlockedExchange(&w->started, 1);
    w->result = WSAWaitForMultipleEvents(2, w->events, FALSE, LONG_WAIT, FALSE);
    return 0;
}

static void wsa_wait_survives_caller_closing_and_overwriting_its_events(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    WSAEVENT ev[2] = {WSACreateEvent(), WSACreateEvent()};
    assert_true(ev[0] != WSA_INVALID_EVENT && ev[1] != WSA_INVALID_EVENT);
    WSAEVENT second = ev[1];
    struct wsa_waiter w = {.events = ev};
    HANDLE t = ws2t_thread(wsa_waiter_main, &w);
    while (!ws2t_load(&w.started))
        Sleep(1);
    Sleep(50); /* let it block */
    assert_true(WSACloseEvent(ev[0]));
    InterlockedExchangePointer(&ev[0], INVALID_HANDLE_VALUE);
    InterlockedExchangePointer(&ev[1], INVALID_HANDLE_VALUE);
    assert_true(WSASetEvent(second));
    ws2t_join(t);
    assert_int_equal(w.result, WSA_WAIT_EVENT_0 + 1);
    assert_true(WSACloseEvent(second));
    assert_int_equal(WSACleanup(), 0);
}

/*
 * dwMilliseconds: "If a nonzero value is specified, the function waits
 * until the object is signaled or the interval elapses" and then returns
 * WAIT_TIMEOUT; "If dwMilliseconds is zero, the function does not enter a
 * wait state if the object is not signaled; it always returns immediately."
 */
static void timeouts_and_zero_timeout_polls(void **state)
{
    (void)state;
    HANDLE e[2] = {event(FALSE, FALSE), event(TRUE, FALSE)};
    double start = ws2t_now_ms_fine();
    assert_int_equal(WaitForSingleObject(e[0], 200), WAIT_TIMEOUT);
    double took = ws2t_now_ms_fine() - start;
    assert_true(took >= 190 && took < 5000);

    start = ws2t_now_ms_fine();
    assert_int_equal(WaitForMultipleObjects(2, e, FALSE, 200), WAIT_TIMEOUT);
    took = ws2t_now_ms_fine() - start;
    assert_true(took >= 190 && took < 5000);

    start = ws2t_now_ms_fine();
    assert_int_equal(WaitForSingleObjectEx(e[1], 150, FALSE), WAIT_TIMEOUT);
    took = ws2t_now_ms_fine() - start;
    assert_true(took >= 140 && took < 5000);

    start = ws2t_now_ms_fine();
    for (int i = 0; i < 100; i++) {
        assert_int_equal(WaitForSingleObject(e[0], 0), WAIT_TIMEOUT);
        assert_int_equal(WaitForMultipleObjects(2, e, TRUE, 0), WAIT_TIMEOUT);
    }
    assert_true(ws2t_now_ms_fine() - start < 5000);
    CloseHandle(e[0]);
    CloseHandle(e[1]);
}

/*
 * nCount: "The maximum number of object handles is MAXIMUM_WAIT_OBJECTS.
 * This parameter cannot be zero."  Outside that range the call fails:
 * WAIT_FAILED with ERROR_INVALID_PARAMETER.  Exactly 64 handles work.
 */
static void wait_count_must_be_1_to_64(void **state)
{
    (void)state;
    HANDLE e[MAXIMUM_WAIT_OBJECTS + 1];
    for (int i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
        e[i] = event(TRUE, TRUE);
    SetLastError(0);
    assert_int_equal(WaitForMultipleObjects(0, e, FALSE, 0), WAIT_FAILED);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_int_equal(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, e, FALSE, 0), WAIT_FAILED);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_int_equal(WaitForMultipleObjectsEx(MAXIMUM_WAIT_OBJECTS + 1, e, TRUE, 0, TRUE),
                     WAIT_FAILED);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_int_equal(WaitForMultipleObjects(0xffffffffu, e, FALSE, 0), WAIT_FAILED);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    assert_int_equal(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, TRUE, 0), WAIT_OBJECT_0);
    assert_true(ResetEvent(e[0]));
    assert_true(ResetEvent(e[62]));
    assert_int_equal(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, 0), WAIT_OBJECT_0 + 1);
    for (int i = 0; i < 63; i++)
        assert_true(ResetEvent(e[i]));
    assert_int_equal(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, 0), WAIT_OBJECT_0 + 63);
    for (int i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
        CloseHandle(e[i]);
}

/*
 * An invalid handle anywhere in the array fails the whole call (WAIT_FAILED,
 * ERROR_INVALID_HANDLE) before any object is acquired: a signaled
 * auto-reset event earlier in the array is left signaled.
 */
static void invalid_handle_in_array_fails_without_acquiring(void **state)
{
    (void)state;
    HANDLE dead = event(FALSE, FALSE);
    CloseHandle(dead);
    HANDLE a[3] = {event(FALSE, TRUE), event(FALSE, TRUE), dead};
    for (int all = 0; all < 2; all++) {
        SetLastError(0);
        assert_int_equal(WaitForMultipleObjects(3, a, all, 0), WAIT_FAILED);
        assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
        SetLastError(0);
        assert_int_equal(WaitForMultipleObjectsEx(3, a, all, 100, TRUE), WAIT_FAILED);
        assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    }
    assert_int_equal(WaitForSingleObject(a[0], 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(a[1], 0), WAIT_OBJECT_0);
    CloseHandle(a[0]);
    CloseHandle(a[1]);
}

/*
 * lpHandles: "The array ... may not contain multiple copies of the same
 * handle."  Windows enforces it for bWaitAll TRUE (the wait fails with
 * ERROR_INVALID_PARAMETER, and takes nothing); a wait-any simply returns
 * the first copy's index.
 */
static void wait_all_refuses_duplicate_handles(void **state)
{
    (void)state;
    HANDLE e = event(FALSE, TRUE), other = event(TRUE, TRUE);
    HANDLE dup[3] = {e, other, e};
    SetLastError(0);
    assert_int_equal(WaitForMultipleObjects(3, dup, TRUE, 0), WAIT_FAILED);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(WaitForMultipleObjects(3, dup, FALSE, 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForMultipleObjects(3, dup, FALSE, 0), WAIT_OBJECT_0 + 1);
    CloseHandle(e);
    CloseHandle(other);
}

/*
 * GetCurrentThread: the pseudo-handle "can use this handle to specify
 * itself whenever a thread handle is required" — waiting on one's own
 * running thread simply times out.
 */
static void wait_on_own_thread_pseudo_handle_times_out(void **state)
{
    (void)state;
    HANDLE self = GetCurrentThread();
    assert_int_equal(WaitForSingleObject(self, 0), WAIT_TIMEOUT);
    double start = ws2t_now_ms_fine();
    assert_int_equal(WaitForSingleObject(self, 100), WAIT_TIMEOUT);
    assert_true(ws2t_now_ms_fine() - start >= 90);
    HANDLE e = event(TRUE, TRUE);
    HANDLE both[2] = {self, e};
    assert_int_equal(WaitForMultipleObjects(2, both, FALSE, 0), WAIT_OBJECT_0 + 1);
    assert_int_equal(WaitForMultipleObjects(2, both, TRUE, 0), WAIT_TIMEOUT);
    CloseHandle(e);
}

/* --- Stress --------------------------------------------------------------- */

#define PINGPONG_ROUNDS 20000

struct player {
    HANDLE mine, theirs, stop;
    LONG rounds;
    DWORD failure; /* the unexpected wait result, if any */
};

static DWORD WINAPI player_main(LPVOID p)
{
    struct player *pl = p;
    HANDLE wait[2] = {pl->mine, pl->stop};
    for (int i = 0; i < PINGPONG_ROUNDS; i++) {
        /* Alternate the two wait functions; a lost wake-up shows as a timeout. */
        DWORD r = (i & 1) ? WaitForSingleObject(pl->mine, LONG_WAIT)
                          : WaitForMultipleObjects(2, wait, FALSE, LONG_WAIT);
        if (r != WAIT_OBJECT_0) {
            pl->failure = r;
            SetEvent(pl->stop);
            return 1;
        }
        pl->rounds++;
        if (!SetEvent(pl->theirs)) {
            pl->failure = WAIT_FAILED;
            SetEvent(pl->stop);
            return 1;
        }
    }
    return 0;
}

/*
 * Two pairs of threads (four threads) bounce auto-reset events 20000 times
 * each.  "SetEvent ... releases a single waiting thread": every SetEvent
 * must reach the partner, so no wait times out and every thread completes
 * all its rounds (bounded time).
 */
static void stress_ping_pong_loses_no_wake_up(void **state)
{
    (void)state;
    HANDLE stop = event(TRUE, FALSE);
    struct player pl[4];
    HANDLE ev[4], t[4];
    for (int i = 0; i < 4; i++)
        ev[i] = event(FALSE, FALSE);
    for (int i = 0; i < 4; i++) {
        pl[i] = (struct player){.mine = ev[i], .theirs = ev[i ^ 1], .stop = stop};
        t[i] = CreateThread(NULL, 0, player_main, &pl[i], 0, NULL);
        assert_non_null(t[i]);
    }
    assert_true(SetEvent(ev[0])); /* serve in both games */
    assert_true(SetEvent(ev[2]));
    double start = ws2t_now_ms_fine();
    assert_int_equal(WaitForMultipleObjects(4, t, TRUE, 120000), WAIT_OBJECT_0);
    assert_true(ws2t_now_ms_fine() - start < 120000);
    for (int i = 0; i < 4; i++) {
        DWORD code = 99;
        assert_true(GetExitCodeThread(t[i], &code));
        if (code != 0)
            fail_msg("player %d: wait returned %#x after %ld rounds", i, (unsigned)pl[i].failure,
                     (long)pl[i].rounds);
        assert_int_equal(pl[i].rounds, PINGPONG_ROUNDS);
        CloseHandle(t[i]);
    }
    /* The last serve of each game is left unconsumed by the server's partner. */
    assert_int_equal(WaitForSingleObject(ev[0], 0), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(ev[1], 0), WAIT_TIMEOUT);
    for (int i = 0; i < 4; i++)
        CloseHandle(ev[i]);
    CloseHandle(stop);
}

#define HANDSHAKES 5000

struct handshake {
    HANDLE ping, ack;
    DWORD failure;
};

/* Polls for ping with 1 ms timeouts until it comes, then acknowledges it. */
static DWORD WINAPI short_timeout_poller(LPVOID p)
{
    struct handshake *h = p;
    for (int i = 0; i < HANDSHAKES; i++) {
        DWORD r;
        while ((r = WaitForSingleObject(h->ping, 1)) == WAIT_TIMEOUT)
            ;
        if (r != WAIT_OBJECT_0) {
            h->failure = r;
            return 1;
        }
        SetEvent(h->ack);
    }
    return 0;
}

/* Busy-waits for us microseconds (a sleep would be far too coarse). */
static void spin_us(unsigned us)
{
    double until = ws2t_now_ms_fine() + us / 1000.0;
    while (ws2t_now_ms_fine() < until)
        ;
}

/*
 * A SetEvent racing a wait's timeout: the wait either takes the event
 * (WAIT_OBJECT_0) or times out and leaves it signaled for the next wait —
 * "the state of an auto-reset event object remains signaled until a single
 * waiting thread is released", so no signal may vanish in the race.  Each
 * SetEvent lands at a pseudo-random point of the poller's 1 ms timeout,
 * often just as it expires; all 5000 handshakes must complete.
 */
static void stress_signal_racing_timeout_is_never_lost(void **state)
{
    (void)state;
    struct handshake h = {event(FALSE, FALSE), event(FALSE, FALSE), 0};
    HANDLE t = CreateThread(NULL, 0, short_timeout_poller, &h, 0, NULL);
    assert_non_null(t);
    unsigned seed = 12345;
    int done = 0;
    for (; done < HANDSHAKES; done++) {
        seed = seed * 1103515245u + 12345u;
        spin_us((seed >> 16) % 1200);
        assert_true(SetEvent(h.ping));
        if (WaitForSingleObject(h.ack, LONG_WAIT) != WAIT_OBJECT_0)
            break;
    }
    if (done != HANDSHAKES)
        fail_msg("lost a signal after %d handshakes (poller: %#x)", done, (unsigned)h.failure);
    assert_int_equal(WaitForSingleObject(t, LONG_WAIT), WAIT_OBJECT_0);
    DWORD code = 9;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 0);
    CloseHandle(t);
    CloseHandle(h.ping);
    CloseHandle(h.ack);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(manual_reset_event_stays_signaled_until_reset),
        cmocka_unit_test(auto_reset_event_releases_one_wait),
        cmocka_unit_test(auto_reset_wakes_exactly_one_of_several_waiters),
        cmocka_unit_test(manual_reset_wakes_all_waiters),
        cmocka_unit_test(reset_event_before_wait_keeps_waiter_blocked),
        cmocka_unit_test(wait_any_returns_lowest_signaled_index),
        cmocka_unit_test(wait_any_blocked_reports_the_signaled_index),
        cmocka_unit_test(wait_all_needs_every_object_and_consumes_them),
        cmocka_unit_test(blocked_wait_all_acquires_atomically),
        cmocka_unit_test(wait_all_on_thread_handles),
        cmocka_unit_test(wait_all_survives_caller_closing_and_overwriting_its_handles),
        cmocka_unit_test(wsa_wait_survives_caller_closing_and_overwriting_its_events),
        cmocka_unit_test(timeouts_and_zero_timeout_polls),
        cmocka_unit_test(wait_count_must_be_1_to_64),
        cmocka_unit_test(invalid_handle_in_array_fails_without_acquiring),
        cmocka_unit_test(wait_all_refuses_duplicate_handles),
        cmocka_unit_test(wait_on_own_thread_pseudo_handle_times_out),
        cmocka_unit_test(stress_ping_pong_loses_no_wake_up),
        cmocka_unit_test(stress_signal_racing_timeout_is_never_lost),
    };
    return cmocka_run_group_tests_name("kernel_waits", tests, NULL, NULL);
}
