/*
 * The kernel handle table and the per-thread last error.
 *
 * CloseHandle: "Closes an open object handle" — afterwards the value no
 * longer names the object, and calls given it fail with
 * ERROR_INVALID_HANDLE.  DESIGN.md: "A stale handle must ... never reach
 * another socket's state by accident: tag handles with a generation so that
 * reuse is rare and detectable" (the same table holds events and threads).
 * GetLastError: "The last-error code is maintained on a per-thread basis.
 * Multiple threads do not overwrite each other's last-error code."
 *
 * Kernel calls need no WSAStartup, so these tests run without it.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* More than the 2^15 freed slots the table holds back, so that the live events reuse old slots. */
#define STALE_ROUNDS 40000
#define LIVE_COUNT   3000

static int cmp_uintptr(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return x < y ? -1 : x > y;
}

/* Asserts that no value occurs twice in v[0..n) (sorts v). */
static void assert_distinct(uintptr_t *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_uintptr);
    for (size_t i = 1; i < n; i++)
        if (v[i] == v[i - 1])
            fail_msg("handle value %#lx handed out twice", (unsigned long)v[i]);
}

static void assert_handle_shape(HANDLE h)
{
    uintptr_t v = (uintptr_t)h;
    assert_true(v != 0);
    assert_int_equal(v % 4, 0);
    assert_true(v < ((uintptr_t)1 << 31));
}

static DWORD WINAPI return_param(LPVOID p)
{
    return (DWORD)(uintptr_t)p;
}

static HANDLE exited_thread(DWORD code)
{
    HANDLE t = CreateThread(NULL, 0, return_param, (LPVOID)(uintptr_t)code, 0, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    return t;
}

/* Expects the call just made to have failed with ERROR_INVALID_HANDLE. */
#define assert_invalid_handle() assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE)

/*
 * Handle values are nonzero multiples of 4 below 2^31 (handle.h; Windows
 * handles have their two low bits free, and much Winsock code stores a
 * SOCKET in an int).  Thousands of live handles, events and threads mixed,
 * are all distinct.
 */
static void handle_values_are_aligned_nonzero_below_2_31(void **state)
{
    (void)state;
    static HANDLE h[LIVE_COUNT];
    static uintptr_t v[LIVE_COUNT];
    for (int i = 0; i < LIVE_COUNT; i++) {
        h[i] = (i % 100 == 0) ? exited_thread((DWORD)i) : CreateEventA(NULL, i & 1, FALSE, NULL);
        assert_non_null(h[i]);
        assert_handle_shape(h[i]);
        v[i] = (uintptr_t)h[i];
    }
    assert_distinct(v, LIVE_COUNT);
    for (int i = 0; i < LIVE_COUNT; i++)
        assert_true(CloseHandle(h[i]));
}

/*
 * CloseHandle: after it, the handle is invalid — SetEvent, ResetEvent,
 * WaitForSingleObject, WaitForMultipleObjects and a second CloseHandle fail
 * with ERROR_INVALID_HANDLE ("Closing an invalid handle raises an
 * exception when the application is running under a debugger ... or the
 * function fails"; the wait functions return WAIT_FAILED).
 */
static void closed_event_handle_is_invalid(void **state)
{
    (void)state;
    HANDLE e = CreateEventA(NULL, TRUE, TRUE, NULL);
    assert_non_null(e);
    assert_true(CloseHandle(e));

    SetLastError(0);
    assert_false(SetEvent(e));
    assert_invalid_handle();
    SetLastError(0);
    assert_false(ResetEvent(e));
    assert_invalid_handle();
    SetLastError(0);
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_FAILED);
    assert_invalid_handle();
    SetLastError(0);
    assert_int_equal(WaitForSingleObject(e, INFINITE), WAIT_FAILED);
    assert_invalid_handle();
    SetLastError(0);
    assert_int_equal(WaitForMultipleObjects(1, &e, TRUE, 0), WAIT_FAILED);
    assert_invalid_handle();
    SetLastError(0);
    assert_false(CloseHandle(e)); /* double close */
    assert_invalid_handle();
}

/*
 * A thread handle is just as dead after CloseHandle, even though the thread
 * object lived on (GetExitCodeThread, ResumeThread, QueueUserAPC and waits
 * all fail with ERROR_INVALID_HANDLE).
 */
static void closed_thread_handle_is_invalid(void **state)
{
    (void)state;
    HANDLE t = exited_thread(5);
    DWORD code = 0;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 5);
    assert_true(CloseHandle(t));

    SetLastError(0);
    assert_false(GetExitCodeThread(t, &code));
    assert_invalid_handle();
    SetLastError(0);
    assert_int_equal(ResumeThread(t), (DWORD)-1);
    assert_invalid_handle();
    SetLastError(0);
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_FAILED);
    assert_invalid_handle();
    SetLastError(0);
    assert_false(CloseHandle(t));
    assert_invalid_handle();
}

/*
 * DESIGN.md: a stale handle "must never reach another ... state by
 * accident".  Create and close many events, keeping every old value, then
 * fill the table with new live events (which reuse the old slots): every
 * old value still fails, SetEvent and CloseHandle through it leave the new
 * events untouched, and no value was ever handed out twice.
 */
static void closed_handle_never_reaches_newer_object(void **state)
{
    (void)state;
    static uintptr_t old[STALE_ROUNDS];
    static HANDLE live[LIVE_COUNT];
    static uintptr_t all[STALE_ROUNDS + LIVE_COUNT];
    for (int i = 0; i < STALE_ROUNDS; i++) {
        HANDLE e = CreateEventA(NULL, i & 1, FALSE, NULL);
        assert_non_null(e);
        old[i] = (uintptr_t)e;
        assert_true(CloseHandle(e));
    }
    for (int i = 0; i < LIVE_COUNT; i++) {
        live[i] = CreateEventA(NULL, TRUE, FALSE, NULL);
        assert_non_null(live[i]);
    }
    for (int i = 0; i < STALE_ROUNDS; i++) {
        HANDLE e = (HANDLE)old[i];
        SetLastError(0);
        if (SetEvent(e))
            fail_msg("SetEvent on stale handle %#lx succeeded", (unsigned long)old[i]);
        assert_invalid_handle();
        SetLastError(0);
        assert_int_equal(WaitForSingleObject(e, 0), WAIT_FAILED);
        assert_invalid_handle();
        SetLastError(0);
        if (CloseHandle(e))
            fail_msg("CloseHandle on stale handle %#lx succeeded", (unsigned long)old[i]);
        assert_invalid_handle();
    }
    /* None of the stale calls reached a live event: all unsignaled and open. */
    for (int i = 0; i < LIVE_COUNT; i++) {
        assert_int_equal(WaitForSingleObject(live[i], 0), WAIT_TIMEOUT);
        all[i] = (uintptr_t)live[i];
    }
    memcpy(all + LIVE_COUNT, old, sizeof(old));
    assert_distinct(all, STALE_ROUNDS + LIVE_COUNT);
    for (int i = 0; i < LIVE_COUNT; i++)
        assert_true(CloseHandle(live[i]));
}

/*
 * README: a closed handle value (SOCKET or HANDLE: one table) is not
 * handed out again before at least 16,777,215 other handles have been
 * closed, so a thread still holding it gets WSAENOTSOCK or
 * ERROR_INVALID_HANDLE instead of reaching a newer object.  Checked at the
 * bound, one close at a time (the pattern that wraps soonest: every slot
 * freed is the next to be reused, as far as the table lets it), with every
 * value a multiple of 4 below 2^31.
 */
static void closed_value_does_not_recur_within_16_million_closes(void **state)
{
    (void)state;
    const long others = 16777215;
    HANDLE first = CreateEventA(NULL, TRUE, FALSE, NULL);
    assert_non_null(first);
    uintptr_t stale = (uintptr_t)first;
    assert_true(CloseHandle(first));
    for (long i = 1; i <= others; i++) {
        HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
        uintptr_t v = (uintptr_t)e;
        if (v == 0 || (v & 3) != 0 || v >= ((uintptr_t)1 << 31))
            fail_msg("creation %ld gave handle value %#lx", i, (unsigned long)v);
        if (v == stale)
            fail_msg("the closed value %#lx named a new event after %ld other closes",
                     (unsigned long)stale, i - 1);
        if (!CloseHandle(e))
            fail_msg("CloseHandle of creation %ld failed", i);
    }
    SetLastError(0);
    assert_false(SetEvent((HANDLE)stale));
    assert_invalid_handle();
}

/*
 * The same across types: a closed thread handle whose slot now holds an
 * event must not reach that event (SetEvent through it fails and signals
 * nothing), nor work as a thread handle.  The closes are arranged so that
 * the threads' slots are reused whatever the table's state: the table
 * keeps the last 2^15 freed slots in reserve, so 33,000 more handles are
 * closed after the threads', then enough live events are made to use up
 * every older free slot.
 */
static void stale_handle_of_one_type_never_reaches_another(void **state)
{
    (void)state;
    enum { THREADS = 16, AFTER = 33000, LIVE = 40000 };
    static HANDLE after[AFTER], live[LIVE];
    uintptr_t old_threads[THREADS];
    for (int i = 0; i < AFTER; i++)
        after[i] = CreateEventA(NULL, TRUE, FALSE, NULL);
    for (int i = 0; i < THREADS; i++) {
        HANDLE t = exited_thread(1);
        old_threads[i] = (uintptr_t)t;
        assert_true(CloseHandle(t));
    }
    for (int i = 0; i < AFTER; i++)
        assert_true(CloseHandle(after[i]));
    for (int i = 0; i < LIVE; i++) {
        live[i] = CreateEventA(NULL, TRUE, FALSE, NULL);
        assert_non_null(live[i]);
    }
    for (int i = 0; i < THREADS; i++) {
        DWORD code;
        SetLastError(0);
        assert_false(GetExitCodeThread((HANDLE)old_threads[i], &code));
        assert_invalid_handle();
        SetLastError(0);
        assert_false(SetEvent((HANDLE)old_threads[i]));
        assert_invalid_handle();
    }
    for (int i = 0; i < LIVE; i++) {
        if (WaitForSingleObject(live[i], 0) != WAIT_TIMEOUT)
            fail_msg("a stale thread handle signaled event %#lx",
                     (unsigned long)(uintptr_t)live[i]);
        assert_true(CloseHandle(live[i]));
    }
}

/*
 * Type confusion: SetEvent and ResetEvent need an event ("A handle to the
 * event object"), GetExitCodeThread, ResumeThread and QueueUserAPC a thread.
 * Given the other kind they fail with ERROR_INVALID_HANDLE and change
 * nothing.
 */
static void handle_type_is_checked(void **state)
{
    (void)state;
    HANDLE t = exited_thread(9);
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    assert_non_null(e);

    SetLastError(0);
    assert_false(SetEvent(t));
    assert_invalid_handle();
    SetLastError(0);
    assert_false(ResetEvent(t));
    assert_invalid_handle();
    /* The thread handle stays signaled and keeps its exit code. */
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_OBJECT_0);
    DWORD code = 0;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 9);

    SetLastError(0);
    assert_false(GetExitCodeThread(e, &code));
    assert_invalid_handle();
    SetLastError(0);
    assert_int_equal(ResumeThread(e), (DWORD)-1);
    assert_invalid_handle();
    /* The event was neither signaled nor closed. */
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_TIMEOUT);

    /* The thread pseudo-handle is not an event either. */
    SetLastError(0);
    assert_false(SetEvent(GetCurrentThread()));
    assert_invalid_handle();

    assert_true(CloseHandle(t));
    assert_true(CloseHandle(e));
}

/*
 * Values that were never handles fail cleanly (WAIT_FAILED or FALSE with
 * ERROR_INVALID_HANDLE): NULL, misaligned values, values past the table,
 * and a live handle with bits added above the 32 that a handle uses.
 * (INVALID_HANDLE_VALUE is GetCurrentProcess() on Windows and is waitable
 * there, so it is only checked with SetEvent and CloseHandle.)
 */
static void bogus_values_are_invalid_handles(void **state)
{
    (void)state;
    HANDLE e = CreateEventA(NULL, TRUE, TRUE, NULL);
    assert_non_null(e);
    uintptr_t v = (uintptr_t)e;
    const uintptr_t bogus[] = {
        0,
        1,
        2,
        3,
        5,
        0x7ffffffc,
        0x80000000u,
        0xdeadbeefu,
        0xfffffff8u,
        v + 1,
        v + 2,
        v + ((uintptr_t)1 << 31),
        (uintptr_t)1 << 40,
        v + ((uintptr_t)1 << 32),
    };
    for (size_t i = 0; i < sizeof(bogus) / sizeof(bogus[0]); i++) {
        HANDLE h = (HANDLE)bogus[i];
        SetLastError(0);
        assert_int_equal(WaitForSingleObject(h, 0), WAIT_FAILED);
        assert_invalid_handle();
        SetLastError(0);
        assert_false(SetEvent(h));
        assert_invalid_handle();
        SetLastError(0);
        assert_false(CloseHandle(h));
        assert_invalid_handle();
    }
    SetLastError(0);
    assert_false(SetEvent(INVALID_HANDLE_VALUE));
    assert_invalid_handle();
    /* The real event is still open and signaled. */
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    assert_true(CloseHandle(e));
}

/* --- Races between closing and using a handle ----------------------------- */

#define RACE_HANDLES 2000

struct race {
    HANDLE h[RACE_HANDLES];
    volatile LONG closed[RACE_HANDLES];
    volatile LONG next;
    volatile LONG bad;
    volatile LONG winners[RACE_HANDLES];
};

/* Uses or closes the handle race->h[i] for every i, racing the other threads. */
static DWORD WINAPI race_worker(LPVOID p)
{
    struct race *r = p;
    for (int i = 0; i < RACE_HANDLES; i++) {
        HANDLE h = r->h[i];
        for (int k = 0; k < 4; k++) {
            if (SetEvent(h)) {
                if (WaitForSingleObject(h, 0) == WAIT_FAILED &&
                    GetLastError() != ERROR_INVALID_HANDLE)
                    InterlockedIncrement(&r->bad);
            } else if (GetLastError() != ERROR_INVALID_HANDLE) {
                InterlockedIncrement(&r->bad);
            }
        }
        if (CloseHandle(h))
            InterlockedIncrement(&r->winners[i]);
        else if (GetLastError() != ERROR_INVALID_HANDLE)
            InterlockedIncrement(&r->bad);
    }
    return 0;
}

/*
 * CloseHandle racing other calls on the same handle: each call either
 * works on the object or fails with ERROR_INVALID_HANDLE, and exactly one of
 * several racing CloseHandle calls succeeds ("CloseHandle invalidates the
 * specified object handle").  Under ASan this also proves that no call
 * touches a freed event.
 */
static void close_races_with_use_and_double_close(void **state)
{
    (void)state;
    static struct race r;
    memset(&r, 0, sizeof(r));
    for (int i = 0; i < RACE_HANDLES; i++) {
        r.h[i] = CreateEventA(NULL, i & 1, FALSE, NULL);
        assert_non_null(r.h[i]);
    }
    HANDLE t[4];
    for (int i = 0; i < 4; i++) {
        t[i] = CreateThread(NULL, 0, race_worker, &r, 0, NULL);
        assert_non_null(t[i]);
    }
    assert_int_equal(WaitForMultipleObjects(4, t, TRUE, 60000), WAIT_OBJECT_0);
    for (int i = 0; i < 4; i++)
        assert_true(CloseHandle(t[i]));
    assert_int_equal(r.bad, 0);
    for (int i = 0; i < RACE_HANDLES; i++)
        assert_int_equal(r.winners[i], 1);
}

struct creator {
    HANDLE h[256];
    HANDLE ready, go;
};

static DWORD WINAPI create_many(LPVOID p)
{
    struct creator *c = p;
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 256; i++)
            c->h[i] = CreateEventA(NULL, FALSE, FALSE, NULL);
        SetEvent(c->ready);
        if (WaitForSingleObject(c->go, 30000) != WAIT_OBJECT_0)
            return 1;
        for (int i = 0; i < 256; i++)
            CloseHandle(c->h[i]);
    }
    return 0;
}

/*
 * Handles created concurrently by several threads are all distinct while
 * they are open (one handle space, as on Windows).
 */
static void concurrent_creation_gives_distinct_handles(void **state)
{
    (void)state;
    static struct creator c[4];
    static uintptr_t v[4 * 256];
    HANDLE t[4];
    for (int i = 0; i < 4; i++) {
        c[i].ready = CreateEventA(NULL, FALSE, FALSE, NULL);
        c[i].go = CreateEventA(NULL, FALSE, FALSE, NULL);
        t[i] = CreateThread(NULL, 0, create_many, &c[i], 0, NULL);
        assert_non_null(t[i]);
    }
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 4; i++)
            assert_int_equal(WaitForSingleObject(c[i].ready, 30000), WAIT_OBJECT_0);
        for (int i = 0; i < 4; i++)
            for (int k = 0; k < 256; k++) {
                assert_non_null(c[i].h[k]);
                assert_handle_shape(c[i].h[k]);
                v[i * 256 + k] = (uintptr_t)c[i].h[k];
            }
        assert_distinct(v, 4 * 256);
        for (int i = 0; i < 4; i++)
            assert_true(SetEvent(c[i].go));
    }
    assert_int_equal(WaitForMultipleObjects(4, t, TRUE, 30000), WAIT_OBJECT_0);
    for (int i = 0; i < 4; i++) {
        DWORD code = 99;
        assert_true(GetExitCodeThread(t[i], &code));
        assert_int_equal(code, 0);
        CloseHandle(t[i]);
        CloseHandle(c[i].ready);
        CloseHandle(c[i].go);
    }
}

/* --- Named events --------------------------------------------------------- */

/*
 * ws2posix has no object namespace: CreateEventA/W with a name fail with
 * ERROR_NOT_SUPPORTED (project rule, src/kernel/event.c) instead of
 * silently creating a private event; NULL (or an empty name) creates an
 * unnamed one, as CreateEvent documents for lpName NULL.
 */
static void named_events_are_refused(void **state)
{
    (void)state;
    static const WCHAR wname[] = {'w', 's', '2', 0};
    SetLastError(0);
    assert_null(CreateEventA(NULL, TRUE, FALSE, "ws2"));
    assert_int_equal(GetLastError(), ERROR_NOT_SUPPORTED);
    SetLastError(0);
    assert_null(CreateEventW(NULL, FALSE, TRUE, wname));
    assert_int_equal(GetLastError(), ERROR_NOT_SUPPORTED);

    HANDLE a = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE w = CreateEventW(NULL, TRUE, TRUE, NULL);
    assert_non_null(a);
    assert_non_null(w);
    assert_int_equal(WaitForSingleObject(a, 0), WAIT_TIMEOUT);
    assert_int_equal(WaitForSingleObject(w, 0), WAIT_OBJECT_0);
    assert_true(CloseHandle(a));
    assert_true(CloseHandle(w));
}

/* --- Last error ----------------------------------------------------------- */

struct lasterr {
    HANDLE set_done, main_done;
    DWORD seen_first, seen_after_main, seen_after_fail;
};

static DWORD WINAPI lasterr_thread(LPVOID p)
{
    struct lasterr *l = p;
    l->seen_first = GetLastError();
    SetLastError(2222);
    SetEvent(l->set_done);
    WaitForSingleObject(l->main_done, 30000);
    l->seen_after_main = GetLastError();
    SetEvent(NULL); /* fails here: sets this thread's error only */
    l->seen_after_fail = GetLastError();
    return 0;
}

/*
 * GetLastError: "The last-error code is maintained on a per-thread basis.
 * Multiple threads do not overwrite each other's last-error code."  Values
 * set, and failures that set the error, stay in their own thread.
 */
static void last_error_is_per_thread(void **state)
{
    (void)state;
    struct lasterr l = {0};
    l.set_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    l.main_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    SetLastError(1111);
    HANDLE t = CreateThread(NULL, 0, lasterr_thread, &l, 0, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(l.set_done, 30000), WAIT_OBJECT_0);
    assert_int_equal(GetLastError(), 1111);
    SetLastError(3333);
    assert_true(SetEvent(l.main_done));
    assert_int_equal(WaitForSingleObject(t, 30000), WAIT_OBJECT_0);
    assert_int_equal(GetLastError(), 3333);

    assert_int_not_equal(l.seen_first, 1111);
    assert_int_equal(l.seen_after_main, 2222);
    assert_int_equal(l.seen_after_fail, ERROR_INVALID_HANDLE);
    CloseHandle(t);
    CloseHandle(l.set_done);
    CloseHandle(l.main_done);
}

/*
 * WSAGetLastError: "this function is a wrapper around GetLastError";
 * WSASetLastError likewise sets the thread's last error.  Both directions
 * read and write the same per-thread slot.
 */
static void wsa_last_error_is_last_error(void **state)
{
    (void)state;
    WSASetLastError(WSAEWOULDBLOCK);
    assert_int_equal(GetLastError(), WSAEWOULDBLOCK);
    SetLastError(ERROR_INVALID_HANDLE);
    assert_int_equal(WSAGetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    assert_false(SetEvent(NULL));
    assert_int_equal(WSAGetLastError(), WSA_INVALID_HANDLE);
    WSASetLastError(0);
    assert_int_equal(GetLastError(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(handle_values_are_aligned_nonzero_below_2_31),
        cmocka_unit_test(closed_event_handle_is_invalid),
        cmocka_unit_test(closed_thread_handle_is_invalid),
        cmocka_unit_test(closed_handle_never_reaches_newer_object),
        cmocka_unit_test(closed_value_does_not_recur_within_16_million_closes),
        cmocka_unit_test(stale_handle_of_one_type_never_reaches_another),
        cmocka_unit_test(handle_type_is_checked),
        cmocka_unit_test(bogus_values_are_invalid_handles),
        cmocka_unit_test(close_races_with_use_and_double_close),
        cmocka_unit_test(concurrent_creation_gives_distinct_handles),
        cmocka_unit_test(named_events_are_refused),
        cmocka_unit_test(last_error_is_per_thread),
        cmocka_unit_test(wsa_last_error_is_last_error),
    };
    return cmocka_run_group_tests_name("kernel_handles", tests, NULL, NULL);
}
