/*
 * Threads: CreateThread (CREATE_SUSPENDED, lpThreadId, dwStackSize),
 * ResumeThread, ExitThread, GetExitCodeThread, GetCurrentThreadId,
 * GetCurrentThread, thread handles as waitable objects, and the
 * Interlocked functions.  APCs are in test_kernel_apc.c.
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

struct worker {
    HANDLE go;  /* the thread waits for it before finishing */
    DWORD code; /* what it returns (or passes to ExitThread) */
    BOOL use_exit_thread;
    volatile LONG ran;   /* set when the start routine begins */
    volatile LONG after; /* set after ExitThread: must stay 0 */
    DWORD id;            /* GetCurrentThreadId() inside */
    DWORD id2;           /* the same, asked again */
    HANDLE pseudo;       /* GetCurrentThread() inside */
    DWORD code_inside;   /* GetExitCodeThread(GetCurrentThread()) inside */
};

static void leave_with(struct worker *w)
{
    if (w->use_exit_thread) {
        ExitThread(w->code);
        InterlockedExchange(&w->after, 1); /* never reached */
    }
}

static DWORD WINAPI worker_main(LPVOID p)
{
    struct worker *w = p;
    InterlockedExchange(&w->ran, 1);
    w->id = GetCurrentThreadId();
    w->pseudo = GetCurrentThread();
    GetExitCodeThread(GetCurrentThread(), &w->code_inside);
    if (w->go && WaitForSingleObject(w->go, LONG_WAIT) != WAIT_OBJECT_0)
        return 0xbad;
    w->id2 = GetCurrentThreadId();
    leave_with(w);
    return w->code;
}

/*
 * A thread object "is signaled when the thread terminates" (CreateThread);
 * GetExitCodeThread: "If the specified thread has not terminated ... the
 * termination status returned is STILL_ACTIVE"; once it returned, the exit
 * code is the start routine's return value.
 */
static void thread_handle_signals_on_exit_with_return_value(void **state)
{
    (void)state;
    struct worker w = {.go = event(FALSE, FALSE), .code = 42};
    HANDLE t = CreateThread(NULL, 0, worker_main, &w, 0, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(t, 100), WAIT_TIMEOUT);
    DWORD code = 0;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, STILL_ACTIVE);
    assert_true(SetEvent(w.go));
    assert_int_equal(WaitForSingleObject(t, LONG_WAIT), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_OBJECT_0); /* stays signaled */
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 42);
    assert_int_equal(w.code_inside, STILL_ACTIVE);
    assert_true(CloseHandle(t));
    CloseHandle(w.go);
}

/*
 * ExitThread: "Ends the calling thread" — nothing after it runs — and
 * GetExitCodeThread then returns dwExitCode.
 */
static void exit_thread_ends_thread_with_its_code(void **state)
{
    (void)state;
    struct worker w = {.go = NULL, .code = 77, .use_exit_thread = TRUE};
    HANDLE t = CreateThread(NULL, 0, worker_main, &w, 0, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(t, LONG_WAIT), WAIT_OBJECT_0);
    DWORD code = 0;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 77);
    assert_int_equal(ws2t_load(&w.ran), 1);
    assert_int_equal(ws2t_load(&w.after), 0);
    assert_true(CloseHandle(t));
}

/*
 * CREATE_SUSPENDED: "The thread is created in a suspended state, and does
 * not run until the ResumeThread function is called."  ResumeThread returns
 * "the thread's previous suspend count": 1 for the first call, 0 once the
 * thread runs (a running thread is not suspended).
 */
static void create_suspended_runs_only_after_resume(void **state)
{
    (void)state;
    struct worker w = {.code = 3};
    DWORD id = 0;
    HANDLE t = CreateThread(NULL, 0, worker_main, &w, CREATE_SUSPENDED, &id);
    assert_non_null(t);
    assert_int_not_equal(id, 0);
    Sleep(150);
    assert_int_equal(ws2t_load(&w.ran), 0);
    assert_int_equal(WaitForSingleObject(t, 100), WAIT_TIMEOUT);
    DWORD code = 0;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, STILL_ACTIVE);
    assert_int_equal(ResumeThread(t), 1);
    assert_int_equal(WaitForSingleObject(t, LONG_WAIT), WAIT_OBJECT_0);
    assert_int_equal(ws2t_load(&w.ran), 1);
    assert_int_equal(w.id, id);
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 3);
    assert_true(CloseHandle(t));

    /* Not suspended: the previous count is 0, and the thread is unaffected. */
    struct worker r = {.go = event(FALSE, FALSE), .code = 4};
    t = CreateThread(NULL, 0, worker_main, &r, 0, NULL);
    assert_non_null(t);
    assert_int_equal(ResumeThread(t), 0);
    assert_true(SetEvent(r.go));
    assert_int_equal(WaitForSingleObject(t, LONG_WAIT), WAIT_OBJECT_0);
    assert_int_equal(ResumeThread(GetCurrentThread()), 0);
    assert_true(CloseHandle(t));
    CloseHandle(r.go);
}

/*
 * lpThreadId: "A pointer to a variable that receives the thread
 * identifier" — the value GetCurrentThreadId returns inside that thread,
 * stable for its lifetime, and "Until the thread terminates, the thread
 * identifier uniquely identifies the thread throughout the system".
 */
static void thread_id_matches_get_current_thread_id(void **state)
{
    (void)state;
    enum { N = 8 };
    struct worker w[N];
    HANDLE t[N];
    DWORD ids[N];
    HANDLE go = event(TRUE, FALSE);
    for (int i = 0; i < N; i++) {
        w[i] = (struct worker){.go = go, .code = (DWORD)i};
        t[i] = CreateThread(NULL, 0, worker_main, &w[i], 0, &ids[i]);
        assert_non_null(t[i]);
        assert_int_not_equal(ids[i], 0);
    }
    assert_true(SetEvent(go));
    assert_int_equal(WaitForMultipleObjects(N, t, TRUE, LONG_WAIT), WAIT_OBJECT_0);
    DWORD me = GetCurrentThreadId();
    assert_int_not_equal(me, 0);
    assert_int_equal(GetCurrentThreadId(), me);
    for (int i = 0; i < N; i++) {
        assert_int_equal(w[i].id, ids[i]);
        assert_int_equal(w[i].id2, ids[i]);
        assert_int_not_equal(ids[i], me);
        for (int k = 0; k < i; k++)
            assert_int_not_equal(ids[i], ids[k]);
        assert_true(CloseHandle(t[i]));
    }
    CloseHandle(go);
}

/*
 * GetCurrentThread: "A pseudo handle is a special constant that is
 * interpreted as the current thread handle" — the same value in every
 * thread; usable where a thread handle is required (GetExitCodeThread on
 * oneself gives STILL_ACTIVE); "The pseudo handle need not be closed".
 */
static void current_thread_pseudo_handle(void **state)
{
    (void)state;
    struct worker w = {.code = 0};
    HANDLE t = CreateThread(NULL, 0, worker_main, &w, 0, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(t, LONG_WAIT), WAIT_OBJECT_0);
    assert_ptr_equal(w.pseudo, GetCurrentThread());
    assert_ptr_not_equal(GetCurrentThread(), t);
    DWORD code = 0;
    assert_true(GetExitCodeThread(GetCurrentThread(), &code));
    assert_int_equal(code, STILL_ACTIVE);
    assert_int_equal(w.code_inside, STILL_ACTIVE);
    assert_true(CloseHandle(t));
}

/*
 * CloseHandle: "Closing a thread handle does not terminate the associated
 * thread" — it runs on and finishes its work.
 */
static DWORD WINAPI signal_when_told(LPVOID p)
{
    HANDLE *ev = p;
    if (WaitForSingleObject(ev[0], LONG_WAIT) != WAIT_OBJECT_0)
        return 1;
    SetEvent(ev[1]);
    return 0;
}

static void closing_thread_handle_does_not_stop_thread(void **state)
{
    (void)state;
    HANDLE ev[2] = {event(FALSE, FALSE), event(FALSE, FALSE)};
    HANDLE t = CreateThread(NULL, 0, signal_when_told, ev, 0, NULL);
    assert_non_null(t);
    assert_true(CloseHandle(t));
    assert_true(SetEvent(ev[0]));
    assert_int_equal(WaitForSingleObject(ev[1], LONG_WAIT), WAIT_OBJECT_0);
    /* A suspended thread whose handle is closed is also left alone (and never runs). */
    struct worker w = {.code = 1};
    t = CreateThread(NULL, 0, worker_main, &w, CREATE_SUSPENDED, NULL);
    assert_non_null(t);
    assert_true(CloseHandle(t));
    Sleep(50);
    assert_int_equal(ws2t_load(&w.ran), 0);
    CloseHandle(ev[0]);
    CloseHandle(ev[1]);
}

/* 64 threads (MAXIMUM_WAIT_OBJECTS) each with its own exit code, joined by one wait-all. */
static DWORD WINAPI return_param(LPVOID p)
{
    return (DWORD)(uintptr_t)p;
}

static void many_threads_exit_codes(void **state)
{
    (void)state;
    HANDLE t[MAXIMUM_WAIT_OBJECTS];
    for (int i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
        t[i] = CreateThread(NULL, 0, return_param, (LPVOID)(uintptr_t)(1000 + i), 0, NULL);
        assert_non_null(t[i]);
    }
    assert_int_equal(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, t, TRUE, LONG_WAIT),
                     WAIT_OBJECT_0);
    for (int i = 0; i < MAXIMUM_WAIT_OBJECTS; i++) {
        DWORD code = 0;
        assert_true(GetExitCodeThread(t[i], &code));
        assert_int_equal(code, 1000 + i);
        assert_true(CloseHandle(t[i]));
    }
}

/* --- Stack size ----------------------------------------------------------- */

struct stack_use {
    size_t bytes;
    volatile LONG ok;
};

static DWORD WINAPI use_stack(LPVOID p)
{
    struct stack_use *s = p;
    volatile char *buf = __builtin_alloca(s->bytes);
    for (size_t i = 0; i < s->bytes; i += 512)
        buf[i] = (char)i;
    InterlockedExchange(&s->ok, buf[s->bytes - 512] == (char)(s->bytes - 512));
    return 0;
}

static void run_with_stack(SIZE_T size, DWORD flags, size_t use)
{
    struct stack_use s = {.bytes = use};
    HANDLE t = CreateThread(NULL, size, use_stack, &s, flags, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(t, LONG_WAIT), WAIT_OBJECT_0);
    assert_int_equal(ws2t_load(&s.ok), 1);
    assert_true(CloseHandle(t));
}

/*
 * dwStackSize: "The initial size of the stack, in bytes" — the commit size;
 * "Usually, the reserve size is the default reserve size specified in the
 * executable header [1 MB]. However, if the initially committed size
 * specified by dwStackSize is larger than or equal to the default reserve
 * size, the reserve size is this new commit size rounded up to the nearest
 * multiple of 1 MB" (Thread Stack Size).  So a small dwStackSize still gives
 * the thread the usual stack, and a large one gives at least that much.
 * With STACK_SIZE_PARAM_IS_A_RESERVATION, dwStackSize is the reserve.
 */
static void stack_size_is_commit_unless_reservation(void **state)
{
    (void)state;
    run_with_stack(0, 0, 256 * 1024);
    run_with_stack(1, 0, 256 * 1024);
    run_with_stack(4096, 0, 256 * 1024);
    run_with_stack(64 * 1024, 0, 256 * 1024);
    run_with_stack(16 * 1024 * 1024, 0, 12 * 1024 * 1024);
    /* glibc carves static TLS (≈800 KB under ThreadSanitizer) out of the stack: use less here. */
    run_with_stack(1024 * 1024, STACK_SIZE_PARAM_IS_A_RESERVATION, 128 * 1024);
    run_with_stack(16 * 1024 * 1024, STACK_SIZE_PARAM_IS_A_RESERVATION, 12 * 1024 * 1024);
}

/* --- Interlocked ---------------------------------------------------------- */

/*
 * InterlockedIncrement/Decrement: "The function returns the resulting
 * incremented [decremented] value."  InterlockedExchange and
 * InterlockedExchangeAdd: "returns the initial value".
 * InterlockedCompareExchange: "returns the initial value of the Destination
 * parameter", and exchanges only if it equalled Comparand.  And/Or/Xor
 * return the original value.
 */
static void interlocked_return_values(void **state)
{
    (void)state;
    volatile LONG v = 5;
    assert_int_equal(InterlockedIncrement(&v), 6);
    assert_int_equal(InterlockedDecrement(&v), 5);
    assert_int_equal(InterlockedExchange(&v, 10), 5);
    assert_int_equal(v, 10);
    assert_int_equal(InterlockedExchangeAdd(&v, 3), 10);
    assert_int_equal(v, 13);
    assert_int_equal(InterlockedAdd(&v, 2), 15);
    assert_int_equal(InterlockedCompareExchange(&v, 99, 1), 15); /* no match */
    assert_int_equal(v, 15);
    assert_int_equal(InterlockedCompareExchange(&v, 99, 15), 15); /* match */
    assert_int_equal(v, 99);
    v = 0x0f;
    assert_int_equal(InterlockedAnd(&v, 0x3c), 0x0f);
    assert_int_equal(v, 0x0c);
    assert_int_equal(InterlockedOr(&v, 0x30), 0x0c);
    assert_int_equal(v, 0x3c);
    assert_int_equal(InterlockedXor(&v, 0x0f), 0x3c);
    assert_int_equal(v, 0x33);
    v = 0x7fffffff;
    assert_int_equal(InterlockedIncrement(&v), (LONG)0x80000000u); /* wraps like LONG */
    v = 0;
    assert_int_equal(InterlockedDecrement(&v), -1);

    volatile LONGLONG w = 1LL << 40;
    assert_true(InterlockedIncrement64(&w) == (1LL << 40) + 1);
    assert_true(InterlockedDecrement64(&w) == (1LL << 40));
    assert_true(InterlockedExchange64(&w, 7) == (1LL << 40));
    assert_true(InterlockedExchangeAdd64(&w, 1LL << 33) == 7);
    assert_true(InterlockedAdd64(&w, 1) == (1LL << 33) + 8);
    assert_true(InterlockedCompareExchange64(&w, 0, 1) == (1LL << 33) + 8);
    assert_true(InterlockedCompareExchange64(&w, 0, (1LL << 33) + 8) == (1LL << 33) + 8);
    assert_true(w == 0);

    int a = 1, b = 2;
    PVOID volatile p = &a;
    assert_ptr_equal(InterlockedExchangePointer(&p, &b), &a);
    assert_ptr_equal(InterlockedCompareExchangePointer(&p, &a, NULL), &b);
    assert_ptr_equal(p, &b);
    assert_ptr_equal(InterlockedCompareExchangePointer(&p, &a, &b), &b);
    assert_ptr_equal(p, &a);
}

#define CONTENTION_ROUNDS 500000

struct counters {
    volatile LONG inc;
    volatile LONG cas;
    volatile LONGLONG add64;
    volatile LONG dec;
};

static DWORD WINAPI hammer(LPVOID p)
{
    struct counters *c = p;
    for (int i = 0; i < CONTENTION_ROUNDS; i++) {
        InterlockedIncrement(&c->inc);
        InterlockedDecrement(&c->dec);
        InterlockedExchangeAdd64(&c->add64, 3);
        LONG old;
        do
            old = InterlockedCompareExchange(&c->cas, 0, 0);
        while (InterlockedCompareExchange(&c->cas, old + 1, old) != old);
    }
    return 0;
}

/*
 * "The variables for this function must be aligned on a 32-bit boundary
 * ... This function is atomic with respect to calls to other interlocked
 * functions": two threads hammering the same counters lose no update.
 */
static void interlocked_is_atomic_under_contention(void **state)
{
    (void)state;
    static struct counters c;
    memset((void *)&c, 0, sizeof(c));
    HANDLE t[2];
    for (int i = 0; i < 2; i++) {
        t[i] = CreateThread(NULL, 0, hammer, &c, 0, NULL);
        assert_non_null(t[i]);
    }
    assert_int_equal(WaitForMultipleObjects(2, t, TRUE, 120000), WAIT_OBJECT_0);
    assert_int_equal(c.inc, 2 * CONTENTION_ROUNDS);
    assert_int_equal(c.dec, -2 * CONTENTION_ROUNDS);
    assert_int_equal(c.cas, 2 * CONTENTION_ROUNDS);
    assert_true(c.add64 == 6LL * CONTENTION_ROUNDS);
    CloseHandle(t[0]);
    CloseHandle(t[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(thread_handle_signals_on_exit_with_return_value),
        cmocka_unit_test(exit_thread_ends_thread_with_its_code),
        cmocka_unit_test(create_suspended_runs_only_after_resume),
        cmocka_unit_test(thread_id_matches_get_current_thread_id),
        cmocka_unit_test(current_thread_pseudo_handle),
        cmocka_unit_test(closing_thread_handle_does_not_stop_thread),
        cmocka_unit_test(many_threads_exit_codes),
        cmocka_unit_test(stack_size_is_commit_unless_reservation),
        cmocka_unit_test(interlocked_return_values),
        cmocka_unit_test(interlocked_is_atomic_under_contention),
    };
    return cmocka_run_group_tests_name("kernel_threads", tests, NULL, NULL);
}
