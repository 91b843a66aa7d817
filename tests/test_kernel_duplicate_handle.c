/*
 * DuplicateHandle, CompareObjectHandles and the handle flags
 * (GetHandleInformation, SetHandleInformation) on kernel objects; sockets
 * are in test_socket_handles.c.
 *
 * DuplicateHandle: "The duplicate handle refers to the same object as the
 * original handle"; CloseHandle: "After the last handle to an object is
 * closed, the object is removed from the system."  Kernel calls need no
 * WSAStartup, so these tests run without it.
 */
#include <stdint.h>

#include "testlib.h"
#include "win32_tempdir.h"

/* Expects the call just made to have failed with ERROR_INVALID_HANDLE. */
#define assert_invalid_handle() assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE)

static void assert_handle_shape(HANDLE h)
{
    uintptr_t v = (uintptr_t)h;
    assert_true(v != 0);
    assert_int_equal(v % 4, 0);
    assert_true(v < ((uintptr_t)1 << 31));
}

static HANDLE dup_of(HANDLE h, BOOL inherit, DWORD options)
{
    HANDLE d = NULL;
    SetLastError(4321);
    assert_true(
        DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, inherit, options));
    assert_int_equal(GetLastError(), 4321); /* success leaves the last error alone */
    assert_non_null(d);
    assert_true(d != h);
    assert_handle_shape(d);
    return d;
}

/*
 * "The duplicate handle refers to the same object as the original handle.
 * Therefore, any changes to the object are reflected through both handles";
 * the object lives until its last handle is closed.  An event set through
 * one handle is signaled through the other, closing the original leaves the
 * duplicate working, and the duplicate's close makes it invalid.
 */
static void duplicated_event_is_the_same_object(void **state)
{
    (void)state;
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    assert_non_null(e);
    HANDLE d = dup_of(e, FALSE, DUPLICATE_SAME_ACCESS);
    assert_true(SetEvent(d));
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    assert_true(CompareObjectHandles(e, d));
    assert_true(CloseHandle(e));
    assert_int_equal(WaitForSingleObject(d, 0), WAIT_OBJECT_0);
    assert_true(ResetEvent(d));
    assert_int_equal(WaitForSingleObject(d, 0), WAIT_TIMEOUT);
    SetLastError(0);
    assert_false(SetEvent(e));
    assert_invalid_handle();
    assert_true(CloseHandle(d));
    SetLastError(0);
    assert_false(SetEvent(d));
    assert_invalid_handle();
}

/* Many duplicates of one object, closed in any order: the object lives until the last. */
static void object_lives_until_its_last_duplicate_is_closed(void **state)
{
    (void)state;
    enum { N = 40 };
    HANDLE h[N];
    h[0] = CreateSemaphoreA(NULL, 0, 100, NULL);
    assert_non_null(h[0]);
    for (int i = 1; i < N; i++)
        h[i] = dup_of(h[i / 2], FALSE, DUPLICATE_SAME_ACCESS);
    for (int i = 0; i < N; i += 2)
        assert_true(CloseHandle(h[i]));
    for (int i = 1; i < N; i += 2) {
        assert_true(ReleaseSemaphore(h[i], 1, NULL));
        assert_int_equal(WaitForSingleObject(h[N - 1], 0), WAIT_OBJECT_0);
    }
    for (int i = 1; i < N; i += 2)
        assert_true(CloseHandle(h[i]));
    SetLastError(0);
    assert_false(ReleaseSemaphore(h[N - 1], 1, NULL));
    assert_invalid_handle();
}

/* A mutex through two handles is one mutex: owned through one, reentrant through the other. */
static void duplicated_mutex_is_one_mutex(void **state)
{
    (void)state;
    HANDLE m = CreateMutexA(NULL, TRUE, NULL);
    assert_non_null(m);
    HANDLE d = dup_of(m, FALSE, DUPLICATE_SAME_ACCESS);
    assert_int_equal(WaitForSingleObject(d, 0), WAIT_OBJECT_0); /* recursion through d */
    assert_true(ReleaseMutex(d));
    assert_true(ReleaseMutex(m));
    SetLastError(0);
    assert_false(ReleaseMutex(d)); /* no longer owned */
    assert_int_equal(GetLastError(), ERROR_NOT_OWNER);
    assert_true(CloseHandle(m));
    assert_true(CloseHandle(d));
}

static DWORD WINAPI report_own_handle(LPVOID p)
{
    HANDLE *out = p;
    assert_true(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), out,
                                0, FALSE, DUPLICATE_SAME_ACCESS));
    return 41;
}

/*
 * DuplicateHandle turns GetCurrentThread()'s pseudo-handle into a real
 * handle to the calling thread, which another thread can wait on and read
 * the exit code through after the thread has ended.
 */
static void current_thread_pseudo_handle_duplicates_to_real_handle(void **state)
{
    (void)state;
    HANDLE real = NULL;
    HANDLE t = CreateThread(NULL, 0, report_own_handle, &real, 0, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    assert_true(CloseHandle(t));
    assert_non_null(real);
    assert_true(real != GetCurrentThread());
    assert_int_equal(WaitForSingleObject(real, 0), WAIT_OBJECT_0);
    DWORD code = 0;
    assert_true(GetExitCodeThread(real, &code));
    assert_int_equal(code, 41);
    assert_true(CloseHandle(real));
}

/*
 * A completion port with two handles: packets posted through one come out
 * of the other; closing one handle does not release a waiter, closing the
 * last does (ERROR_ABANDONED_WAIT_0, what the last close of a port does).
 */
struct port_waiter {
    HANDLE port;
    BOOL ok;
    DWORD error;
};

static DWORD WINAPI wait_on_port(LPVOID p)
{
    struct port_waiter *w = p;
    DWORD bytes;
    ULONG_PTR key;
    OVERLAPPED *ov;
    w->ok = GetQueuedCompletionStatus(w->port, &bytes, &key, &ov, 10000);
    w->error = w->ok ? 0 : GetLastError();
    return 0;
}

static void duplicated_port_is_released_by_its_last_close(void **state)
{
    (void)state;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    assert_non_null(port);
    HANDLE d = dup_of(port, FALSE, DUPLICATE_SAME_ACCESS);
    assert_true(PostQueuedCompletionStatus(d, 7, 3, NULL));
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    OVERLAPPED *ov = (OVERLAPPED *)1;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0));
    assert_int_equal(bytes, 7);
    assert_int_equal(key, 3);

    struct port_waiter w = {d, TRUE, 0};
    HANDLE t = CreateThread(NULL, 0, wait_on_port, &w, 0, NULL);
    assert_non_null(t);
    Sleep(100);
    assert_true(CloseHandle(port)); /* not the last handle: the waiter stays */
    assert_int_equal(WaitForSingleObject(t, 200), WAIT_TIMEOUT);
    assert_true(CloseHandle(d));
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    assert_true(CloseHandle(t));
    assert_false(w.ok);
    assert_int_equal(w.error, ERROR_ABANDONED_WAIT_0);
}

/* A file through a duplicate: the original closed, writes through the duplicate still land. */
static void duplicated_file_handle_keeps_the_file_open(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "dup.txt");
    HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(f != INVALID_HANDLE_VALUE);
    HANDLE d = dup_of(f, FALSE, DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE);
    SetLastError(0);
    assert_false(CloseHandle(f)); /* DUPLICATE_CLOSE_SOURCE closed it */
    assert_invalid_handle();
    DWORD n = 0;
    assert_true(WriteFile(d, "dup", 3, &n, NULL));
    assert_int_equal(n, 3);
    assert_int_equal(GetFileSize(d, NULL), 3);
    assert_true(CloseHandle(d));
    wt_rmtree(dir);
}

/*
 * The process arguments: only GetCurrentProcess() names a process here;
 * another handle is not a process handle (ERROR_INVALID_HANDLE).  A NULL
 * target with DUPLICATE_CLOSE_SOURCE only closes the source.  A handle that
 * is not live is ERROR_INVALID_HANDLE, and so is a search handle (not a
 * kernel handle on Windows).
 */
static void duplicate_handle_bad_arguments(void **state)
{
    (void)state;
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE other = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE d = (HANDLE)1;
    SetLastError(0);
    assert_false(DuplicateHandle(other, e, GetCurrentProcess(), &d, 0, FALSE, 0));
    assert_invalid_handle();
    SetLastError(0);
    assert_false(DuplicateHandle(GetCurrentProcess(), e, other, &d, 0, FALSE, 0));
    assert_invalid_handle();
    assert_ptr_equal(d, (HANDLE)1);
    SetLastError(0);
    assert_false(DuplicateHandle(GetCurrentProcess(), (HANDLE)(uintptr_t)0x7ffff000,
                                 GetCurrentProcess(), &d, 0, FALSE, DUPLICATE_SAME_ACCESS));
    assert_invalid_handle();
    SetLastError(0);
    assert_false(DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &d,
                                 0, FALSE, DUPLICATE_SAME_ACCESS));
    assert_int_equal(GetLastError(), ERROR_NOT_SUPPORTED);

    /* A NULL target: the source is closed and nothing is made. */
    assert_true(
        DuplicateHandle(GetCurrentProcess(), other, NULL, NULL, 0, FALSE, DUPLICATE_CLOSE_SOURCE));
    SetLastError(0);
    assert_false(SetEvent(other));
    assert_invalid_handle();

    WIN32_FIND_DATAA fd;
    char dir[MAX_PATH], pattern[MAX_PATH];
    wt_tempdir(dir);
    wt_path(pattern, dir, "*");
    HANDLE find = FindFirstFileA(pattern, &fd);
    assert_true(find != INVALID_HANDLE_VALUE);
    SetLastError(0);
    assert_false(DuplicateHandle(GetCurrentProcess(), find, GetCurrentProcess(), &d, 0, FALSE, 0));
    assert_invalid_handle();
    assert_true(FindClose(find));
    wt_rmtree(dir);
    assert_true(CloseHandle(e));
}

/*
 * The handle's own flags: none on a new handle; bInheritHandle gives the
 * duplicate HANDLE_FLAG_INHERIT; SetHandleInformation changes only the
 * flags in its mask.  HANDLE_FLAG_PROTECT_FROM_CLOSE makes CloseHandle fail
 * with ERROR_INVALID_HANDLE (NtClose's STATUS_HANDLE_NOT_CLOSABLE) and leaves
 * the handle working; cleared, the handle closes.
 */
static void handle_flags_inherit_and_protect_from_close(void **state)
{
    (void)state;
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD flags = 99;
    assert_true(GetHandleInformation(e, &flags));
    assert_int_equal(flags, 0);
    HANDLE d = dup_of(e, TRUE, DUPLICATE_SAME_ACCESS);
    assert_true(GetHandleInformation(d, &flags));
    assert_int_equal(flags, HANDLE_FLAG_INHERIT);
    assert_true(GetHandleInformation(e, &flags));
    assert_int_equal(flags, 0);

    assert_true(SetHandleInformation(e, HANDLE_FLAG_PROTECT_FROM_CLOSE,
                                     HANDLE_FLAG_PROTECT_FROM_CLOSE | HANDLE_FLAG_INHERIT));
    assert_true(GetHandleInformation(e, &flags));
    assert_int_equal(flags, HANDLE_FLAG_PROTECT_FROM_CLOSE);
    SetLastError(0);
    assert_false(CloseHandle(e));
    assert_invalid_handle();
    assert_true(SetEvent(e));
    assert_true(SetHandleInformation(e, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0));
    assert_true(CloseHandle(e));

    SetLastError(0);
    assert_false(GetHandleInformation(e, &flags));
    assert_invalid_handle();
    SetLastError(0);
    assert_false(SetHandleInformation(e, HANDLE_FLAG_INHERIT, 0));
    assert_invalid_handle();
    assert_true(CloseHandle(d));
}

/* CompareObjectHandles: TRUE for two handles of one object, FALSE for two objects. */
static void compare_object_handles(void **state)
{
    (void)state;
    HANDLE a = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE b = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE d = dup_of(a, FALSE, DUPLICATE_SAME_ACCESS);
    assert_true(CompareObjectHandles(a, d));
    assert_true(CompareObjectHandles(a, a));
    assert_false(CompareObjectHandles(a, b));
    CloseHandle(a);
    CloseHandle(b);
    CloseHandle(d);
}

/* Duplicating and closing from many threads at once: every object goes exactly once. */
static DWORD WINAPI dup_churn(LPVOID p)
{
    HANDLE shared = p;
    for (int i = 0; i < 2000; i++) {
        HANDLE d = NULL;
        if (!DuplicateHandle(GetCurrentProcess(), shared, GetCurrentProcess(), &d, 0, FALSE,
                             DUPLICATE_SAME_ACCESS))
            return 1;
        if (!SetEvent(d) || !CloseHandle(d))
            return 2;
    }
    return 0;
}

static void concurrent_duplicates_and_closes(void **state)
{
    (void)state;
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE t[4];
    for (int i = 0; i < 4; i++)
        t[i] = CreateThread(NULL, 0, dup_churn, e, 0, NULL);
    for (int i = 0; i < 4; i++) {
        DWORD code = 9;
        assert_int_equal(WaitForSingleObject(t[i], 60000), WAIT_OBJECT_0);
        assert_true(GetExitCodeThread(t[i], &code));
        assert_int_equal(code, 0);
        CloseHandle(t[i]);
    }
    assert_int_equal(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    assert_true(CloseHandle(e));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(duplicated_event_is_the_same_object),
        cmocka_unit_test(object_lives_until_its_last_duplicate_is_closed),
        cmocka_unit_test(duplicated_mutex_is_one_mutex),
        cmocka_unit_test(current_thread_pseudo_handle_duplicates_to_real_handle),
        cmocka_unit_test(duplicated_port_is_released_by_its_last_close),
        cmocka_unit_test(duplicated_file_handle_keeps_the_file_open),
        cmocka_unit_test(duplicate_handle_bad_arguments),
        cmocka_unit_test(handle_flags_inherit_and_protect_from_close),
        cmocka_unit_test(compare_object_handles),
        cmocka_unit_test(concurrent_duplicates_and_closes),
    };
    return cmocka_run_group_tests_name("kernel_duplicate_handle", tests, NULL, NULL);
}
