/*
 * Threads around CreateThread (processthreadsapi.h, process.h): thread-local
 * storage, the process pseudo-handle, thread priorities, and the C
 * runtime's _beginthreadex/_beginthread.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <process.h>
#include <windows.h>

#include "testlib.h"

/* --- Thread-local storage ------------------------------------------------------------ */

struct tls_job {
    DWORD index;
    LPVOID seen_before;
    DWORD error_before;
    LPVOID seen_after;
};

static DWORD WINAPI tls_other_thread(LPVOID p)
{
    struct tls_job *j = p;
    SetLastError(12345);
    j->seen_before = TlsGetValue(j->index);
    j->error_before = GetLastError();
    TlsSetValue(j->index, (LPVOID)(ULONG_PTR)0x77);
    j->seen_after = TlsGetValue(j->index);
    return 0;
}

static void tls_values_are_per_thread(void **state)
{
    (void)state;
    DWORD index = TlsAlloc();
    assert_int_not_equal(index, TLS_OUT_OF_INDEXES);
    /* "The TLS slot for the index is initialized to zero." */
    SetLastError(ERROR_INVALID_PARAMETER);
    assert_null(TlsGetValue(index));
    /* TlsGetValue clears the last error on success, so that a stored NULL is not a failure. */
    assert_int_equal(GetLastError(), ERROR_SUCCESS);
    assert_true(TlsSetValue(index, (LPVOID)(ULONG_PTR)0x55));
    assert_ptr_equal(TlsGetValue(index), (LPVOID)(ULONG_PTR)0x55);

    struct tls_job j = {index, (LPVOID)1, 0, NULL};
    ws2t_join(ws2t_thread(tls_other_thread, &j));
    assert_null(j.seen_before);
    assert_int_equal(j.error_before, ERROR_SUCCESS);
    assert_ptr_equal(j.seen_after, (LPVOID)(ULONG_PTR)0x77);
    /* The other thread's value did not touch ours. */
    assert_ptr_equal(TlsGetValue(index), (LPVOID)(ULONG_PTR)0x55);
    assert_true(TlsFree(index));
}

static void tls_index_reused_after_free_reads_zero(void **state)
{
    (void)state;
    DWORD index = TlsAlloc();
    assert_true(TlsSetValue(index, (LPVOID)(ULONG_PTR)0x99));
    assert_true(TlsFree(index));
    /* Freed twice: ERROR_INVALID_PARAMETER. */
    SetLastError(0);
    assert_false(TlsFree(index));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* The lowest free index comes back, and it reads zero in this thread too. */
    DWORD again = TlsAlloc();
    assert_int_equal(again, index);
    assert_null(TlsGetValue(again));
    assert_true(TlsFree(again));
}

static void tls_has_1088_slots(void **state)
{
    (void)state;
    static DWORD got[1100];
    DWORD n = 0;
    /* Other code in the process may hold a few; Windows offers 64 + 1024 in all. */
    while (n < 1100) {
        DWORD i = TlsAlloc();
        if (i == TLS_OUT_OF_INDEXES)
            break;
        got[n++] = i;
    }
    assert_true(n >= 1080);
    assert_true(n <= TLS_MINIMUM_AVAILABLE + 1024);
    DWORD high = 0;
    for (DWORD i = 0; i < n; i++)
        if (got[i] > high)
            high = got[i];
    assert_int_equal(high, TLS_MINIMUM_AVAILABLE + 1024 - 1);
    /* The expansion slots work like the first 64. */
    assert_true(TlsSetValue(high, (LPVOID)(ULONG_PTR)0x1234));
    assert_ptr_equal(TlsGetValue(high), (LPVOID)(ULONG_PTR)0x1234);
    for (DWORD i = 0; i < n; i++)
        assert_true(TlsFree(got[i]));
    /* Out of range: ERROR_INVALID_PARAMETER. */
    SetLastError(0);
    assert_null(TlsGetValue(TLS_MINIMUM_AVAILABLE + 1024));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_false(TlsSetValue(TLS_OUT_OF_INDEXES, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
}

/* --- Process and thread calls ---------------------------------------------------------- */

static void current_process_is_the_minus_one_pseudo_handle(void **state)
{
    (void)state;
    assert_ptr_equal(GetCurrentProcess(), (HANDLE)(LONG_PTR)-1);
    assert_int_equal(GetProcessId(GetCurrentProcess()), GetCurrentProcessId());
    assert_int_equal(_getpid(), (int)GetCurrentProcessId());
    DWORD code = 0;
    assert_true(GetExitCodeProcess(GetCurrentProcess(), &code));
    assert_int_equal(code, STILL_ACTIVE);
    SetLastError(0);
    assert_int_equal(GetProcessId(NULL), 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_true(SwitchToThread());
}

static void thread_priority_is_accepted_and_reported(void **state)
{
    (void)state;
    assert_int_equal(GetThreadPriority(GetCurrentThread()), THREAD_PRIORITY_NORMAL);
    assert_true(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_ABOVE_NORMAL));
    assert_int_equal(GetThreadPriority(GetCurrentThread()), THREAD_PRIORITY_ABOVE_NORMAL);
    SetLastError(0);
    assert_false(SetThreadPriority(GetCurrentThread(), 7));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_NORMAL));
    SetLastError(0);
    assert_int_equal(GetThreadPriority(NULL), THREAD_PRIORITY_ERROR_RETURN);
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_int_equal(GetThreadId(GetCurrentThread()), GetCurrentThreadId());
}

/* --- The C runtime's threads ------------------------------------------------------------ */

static volatile LONG ex_ran;

static unsigned __stdcall ex_worker(void *arg)
{
    InterlockedExchange(&ex_ran, (LONG)(ULONG_PTR)arg);
    return 321;
}

static unsigned __stdcall ex_worker_ends_early(void *arg)
{
    (void)arg;
    _endthreadex(654);
    return 0; /* not reached */
}

static void beginthreadex_handle_waits_and_reports_exit_code(void **state)
{
    (void)state;
    unsigned id = 0;
    uintptr_t h = _beginthreadex(NULL, 0, ex_worker, (void *)(ULONG_PTR)7, 0, &id);
    assert_int_not_equal(h, 0);
    assert_int_not_equal(id, 0);
    assert_int_equal(WaitForSingleObject((HANDLE)h, 10000), WAIT_OBJECT_0);
    DWORD code = 0;
    assert_true(GetExitCodeThread((HANDLE)h, &code));
    assert_int_equal(code, 321);
    assert_int_equal(ws2t_load(&ex_ran), 7);
    assert_true(CloseHandle((HANDLE)h));

    h = _beginthreadex(NULL, 0, ex_worker_ends_early, NULL, CREATE_SUSPENDED, NULL);
    assert_int_not_equal(h, 0);
    assert_int_equal(WaitForSingleObject((HANDLE)h, 50), WAIT_TIMEOUT);
    assert_int_equal(ResumeThread((HANDLE)h), 1);
    assert_int_equal(WaitForSingleObject((HANDLE)h, 10000), WAIT_OBJECT_0);
    assert_true(GetExitCodeThread((HANDLE)h, &code));
    assert_int_equal(code, 654);
    assert_true(CloseHandle((HANDLE)h));

    /* "If startaddress is NULL ... these functions set errno to EINVAL" and return 0 (-1 for
     * _beginthread). */
    errno = 0;
    assert_int_equal(_beginthreadex(NULL, 0, NULL, NULL, 0, NULL), 0);
    assert_int_equal(errno, EINVAL);
    errno = 0;
    assert_int_equal(_beginthread(NULL, 0, NULL), (uintptr_t)-1);
    assert_int_equal(errno, EINVAL);
}

static HANDLE plain_done;
static volatile LONG plain_count;

static void __cdecl plain_worker(void *arg)
{
    InterlockedIncrement(&plain_count);
    SetEvent(plain_done);
    if (arg)
        _endthread();
}

static void beginthread_runs_and_closes_its_own_handle(void **state)
{
    (void)state;
    plain_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    /* Both ways of ending: returning, and _endthread. */
    for (int i = 0; i < 2; i++) {
        uintptr_t h = _beginthread(plain_worker, 0, i ? (void *)1 : NULL);
        assert_int_not_equal(h, (uintptr_t)-1);
        assert_int_equal(WaitForSingleObject(plain_done, 10000), WAIT_OBJECT_0);
        /*
         * "_endthread automatically closes the thread handle" (and so does a return from the
         * start routine): once the thread is gone, its handle no longer names anything.
         */
        DWORD code;
        bool closed = false;
        for (int tries = 0; tries < 1000 && !closed; tries++) {
            SetLastError(0);
            closed = !GetExitCodeThread((HANDLE)h, &code) && GetLastError() == ERROR_INVALID_HANDLE;
            if (!closed)
                Sleep(10);
        }
        assert_true(closed);
    }
    assert_int_equal(ws2t_load(&plain_count), 2);
    CloseHandle(plain_done);
}

/* A header compile check in C for what this file's area declares, with UNICODE off. */
static void headers_declare_what_windows_code_uses(void **state)
{
    (void)state;
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    DeleteCriticalSection(&cs);
    assert_int_equal(THREAD_PRIORITY_TIME_CRITICAL, 15);
    assert_int_equal(THREAD_PRIORITY_IDLE, -15);
    assert_int_equal(TLS_MINIMUM_AVAILABLE, 64);
    assert_int_equal(CREATE_WAITABLE_TIMER_MANUAL_RESET, 1);
    assert_int_equal(CREATE_MUTEX_INITIAL_OWNER, 1);
    assert_int_equal(ERROR_NOT_OWNER, 288);
    assert_int_equal(ERROR_TOO_MANY_POSTS, 298);
    assert_int_equal(MUTEX_ALL_ACCESS, 0x1F0001);
    assert_int_equal(SEMAPHORE_ALL_ACCESS, 0x1F0003);
    assert_int_equal(TIMER_ALL_ACCESS, 0x1F0003);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tls_values_are_per_thread),
        cmocka_unit_test(tls_index_reused_after_free_reads_zero),
        cmocka_unit_test(tls_has_1088_slots),
        cmocka_unit_test(current_process_is_the_minus_one_pseudo_handle),
        cmocka_unit_test(thread_priority_is_accepted_and_reported),
        cmocka_unit_test(beginthreadex_handle_waits_and_reports_exit_code),
        cmocka_unit_test(beginthread_runs_and_closes_its_own_handle),
        cmocka_unit_test(headers_declare_what_windows_code_uses),
    };
    return cmocka_run_group_tests_name("win32_threads", tests, NULL, NULL);
}
