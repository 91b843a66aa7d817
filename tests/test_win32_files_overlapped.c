/*
 * Overlapped file I/O (FILE_FLAG_OVERLAPPED): the position comes from the
 * OVERLAPPED, the result through its event, GetOverlappedResult, a
 * completion port or a ReadFileEx routine; CancelIoEx aborts; and the
 * invariant this library keeps for every operation: it completes exactly
 * once — with its result, or with ERROR_OPERATION_ABORTED when it is
 * cancelled or its handle is closed before it could finish — and its
 * completion action (event, packet, routine) happens exactly once.
 */
#include <sys/stat.h> /* mkfifo: a pipe whose read waits, for the cancellation tests */

#include <windows.h>

#include "testlib.h"
#include "win32_tempdir.h"

#define PATTERN_SIZE (64 * 1024)

static unsigned char pattern_byte(size_t i)
{
    return (unsigned char)((i * 7 + i / 251) & 0xff);
}

/* dir\data.bin with PATTERN_SIZE bytes of the pattern. */
static void make_pattern_file(const char *dir, char *path)
{
    static unsigned char data[PATTERN_SIZE];
    for (size_t i = 0; i < PATTERN_SIZE; i++)
        data[i] = pattern_byte(i);
    wt_path(path, dir, "data.bin");
    wt_write_file(path, data, PATTERN_SIZE);
}

static HANDLE open_overlapped(const char *path, DWORD access)
{
    HANDLE h = CreateFileA(path, access, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OVERLAPPED, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    return h;
}

/* The call's own result: done at once, or pending (both are what Windows may give). */
static void assert_started(BOOL ok)
{
    if (!ok)
        assert_int_equal(GetLastError(), ERROR_IO_PENDING);
}

static void overlapped_read_at_offset_completes_through_event(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    make_pattern_file(dir, path);
    HANDLE h = open_overlapped(path, GENERIC_READ);
    unsigned char buf[500];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 1000;
    ov.hEvent = CreateEventA(NULL, TRUE, TRUE, NULL); /* signalled: the start must clear it */
    assert_started(ReadFile(h, buf, sizeof(buf), NULL, &ov));
    assert_int_equal(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
    assert_true(HasOverlappedIoCompleted(&ov));
    DWORD n = 0;
    assert_true(GetOverlappedResult(h, &ov, &n, FALSE));
    assert_int_equal(n, sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        assert_int_equal(buf[i], pattern_byte(1000 + i));

    /* Reading past the end: ERROR_HANDLE_EOF, with and without waiting in GetOverlappedResult. */
    memset(&ov.Internal, 0, sizeof(ov.Internal));
    ov.Offset = PATTERN_SIZE + 10;
    assert_started(ReadFile(h, buf, sizeof(buf), NULL, &ov));
    assert_false(GetOverlappedResult(h, &ov, &n, TRUE));
    assert_int_equal(GetLastError(), ERROR_HANDLE_EOF);
    assert_int_equal(n, 0);
    /* A read that reaches the end gets what is there. */
    ov.Offset = PATTERN_SIZE - 100;
    assert_started(ReadFile(h, buf, sizeof(buf), NULL, &ov));
    assert_true(GetOverlappedResult(h, &ov, &n, TRUE));
    assert_int_equal(n, 100);

    /* An overlapped handle needs an OVERLAPPED. */
    assert_false(ReadFile(h, buf, sizeof(buf), &n, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    CloseHandle(ov.hEvent);
    assert_true(CloseHandle(h));
    wt_rmtree(dir);
}

static void overlapped_write_at_offset_and_at_end(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "w.bin");
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW,
                           FILE_FLAG_OVERLAPPED, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 4;
    assert_started(WriteFile(h, "WXYZ", 4, NULL, &ov));
    DWORD n;
    assert_true(GetOverlappedResult(h, &ov, &n, TRUE));
    assert_int_equal(n, 4);
    /* Offset and OffsetHigh 0xFFFFFFFF: at the end of the file. */
    memset(&ov, 0, sizeof(ov));
    ov.Offset = ov.OffsetHigh = 0xFFFFFFFF;
    assert_started(WriteFile(h, "!", 1, NULL, &ov));
    assert_true(GetOverlappedResult(h, &ov, &n, TRUE));
    assert_int_equal(GetFileSize(h, NULL), 9);
    char buf[9];
    memset(&ov, 0, sizeof(ov));
    assert_started(ReadFile(h, buf, sizeof(buf), NULL, &ov));
    assert_true(GetOverlappedResult(h, &ov, &n, TRUE));
    assert_int_equal(n, 9);
    assert_memory_equal(buf, "\0\0\0\0WXYZ!", 9);
    assert_true(CloseHandle(h));
    wt_rmtree(dir);
}

#define NREADS 16

static void sixteen_reads_on_a_port_complete_once_each_with_key_and_bytes(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    make_pattern_file(dir, path);
    HANDLE h = open_overlapped(path, GENERIC_READ);
    const ULONG_PTR key = 0x5eed;
    HANDLE port = CreateIoCompletionPort(h, NULL, key, 0);
    assert_non_null(port);
    /* A second association is refused, as for sockets. */
    HANDLE other = ws2t_new_port();
    assert_null(CreateIoCompletionPort(h, other, 1, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    CloseHandle(other);

    static OVERLAPPED ovs[NREADS];
    static unsigned char bufs[NREADS][4096];
    memset(ovs, 0, sizeof(ovs));
    for (int i = 0; i < NREADS; i++) {
        ovs[i].Offset = (DWORD)(i * 4096);
        assert_started(ReadFile(h, bufs[i], sizeof(bufs[i]), NULL, &ovs[i]));
    }
    int seen[NREADS] = {0};
    for (int k = 0; k < NREADS; k++) {
        DWORD n = 0;
        ULONG_PTR got_key = 0;
        LPOVERLAPPED got = NULL;
        assert_true(GetQueuedCompletionStatus(port, &n, &got_key, &got, 10000));
        assert_int_equal(got_key, key);
        assert_int_equal(n, 4096);
        assert_non_null(got);
        int i = (int)(got - ovs);
        assert_true(i >= 0 && i < NREADS);
        seen[i]++;
        for (size_t b = 0; b < 4096; b += 512)
            assert_int_equal(bufs[i][b], pattern_byte((size_t)i * 4096 + b));
    }
    for (int i = 0; i < NREADS; i++)
        assert_int_equal(seen[i], 1);
    /* Nothing more. */
    DWORD n;
    ULONG_PTR got_key;
    LPOVERLAPPED got = (LPOVERLAPPED)1;
    assert_false(GetQueuedCompletionStatus(port, &n, &got_key, &got, 200));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    assert_null(got);

    /* A read at the end reaches the port as a failed packet: ERROR_HANDLE_EOF. */
    OVERLAPPED eof;
    memset(&eof, 0, sizeof(eof));
    eof.Offset = PATTERN_SIZE;
    assert_started(ReadFile(h, bufs[0], 10, NULL, &eof));
    assert_false(GetQueuedCompletionStatus(port, &n, &got_key, &got, 10000));
    assert_int_equal(GetLastError(), ERROR_HANDLE_EOF);
    assert_ptr_equal(got, &eof);
    assert_int_equal(n, 0);

    /* hEvent's low bit keeps the completion off the port. */
    OVERLAPPED quiet;
    memset(&quiet, 0, sizeof(quiet));
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    quiet.hEvent = (HANDLE)((ULONG_PTR)event | 1);
    assert_started(ReadFile(h, bufs[1], 10, NULL, &quiet));
    assert_int_equal(WaitForSingleObject(event, 10000), WAIT_OBJECT_0);
    assert_false(GetQueuedCompletionStatus(port, &n, &got_key, &got, 200));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    CloseHandle(event);

    assert_true(CloseHandle(h));
    assert_true(CloseHandle(port));
    wt_rmtree(dir);
}

static DWORD routine_calls, routine_error, routine_bytes, routine_thread;
static LPOVERLAPPED routine_ov;

static void WINAPI on_read(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    routine_calls++;
    routine_error = error;
    routine_bytes = bytes;
    routine_ov = ov;
    routine_thread = GetCurrentThreadId();
}

static void read_file_ex_routine_runs_in_an_alertable_wait_of_the_issuer(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    make_pattern_file(dir, path);
    HANDLE h = open_overlapped(path, GENERIC_READ);
    unsigned char buf[300];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 77;
    routine_calls = 0;
    assert_true(ReadFileEx(h, buf, sizeof(buf), &ov, on_read));
    /* Not in a non-alertable wait, even once the read is done. */
    uint64_t start = ws2t_now_ms();
    /* Internal is written by the completing thread: read it with an interlocked read. */
    while (ws2t_load((volatile LONG *)&ov.Internal) == (LONG)STATUS_PENDING &&
           ws2t_now_ms() - start < 10000)
        Sleep(1);
    assert_true(HasOverlappedIoCompleted(&ov));
    Sleep(50);
    assert_int_equal(routine_calls, 0);
    assert_int_equal(SleepEx(10000, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(routine_calls, 1);
    assert_int_equal(routine_error, 0);
    assert_int_equal(routine_bytes, sizeof(buf));
    assert_ptr_equal(routine_ov, &ov);
    assert_int_equal(routine_thread, GetCurrentThreadId());
    assert_int_equal(buf[0], pattern_byte(77));

    /* At the end: the routine gets ERROR_HANDLE_EOF. */
    ov.Offset = PATTERN_SIZE;
    assert_true(ReadFileEx(h, buf, sizeof(buf), &ov, on_read));
    assert_int_equal(SleepEx(10000, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(routine_calls, 2);
    assert_int_equal(routine_error, ERROR_HANDLE_EOF);
    assert_int_equal(routine_bytes, 0);
    /* Once each: nothing else is queued. */
    assert_int_equal(SleepEx(50, TRUE), 0);
    assert_int_equal(routine_calls, 2);
    assert_true(CloseHandle(h));

    /* A handle without FILE_FLAG_OVERLAPPED cannot. */
    h = CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_false(ReadFileEx(h, buf, sizeof(buf), &ov, on_read));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(CloseHandle(h));
    wt_rmtree(dir);
}

/* A FIFO opened read-write (so the open does not wait): its reads wait until data comes. */
static HANDLE open_fifo(const char *dir, char *path)
{
    wt_path(path, dir, "fifo");
    char linux_path[MAX_PATH];
    snprintf(linux_path, sizeof(linux_path), "%s/fifo", dir);
    assert_int_equal(mkfifo(linux_path, 0600), 0);
    return open_overlapped(path, GENERIC_READ | GENERIC_WRITE);
}

static void cancel_io_ex_aborts_a_waiting_read_once(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    HANDLE h = open_fifo(dir, path);
    assert_int_equal(GetFileType(h), FILE_TYPE_PIPE);
    HANDLE port = CreateIoCompletionPort(h, NULL, 9, 0);
    assert_non_null(port);
    char buf[16];
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    assert_started(ReadFile(h, buf, sizeof(buf), NULL, &ov));
    Sleep(100);
    assert_false(HasOverlappedIoCompleted(&ov));
    DWORD n;
    assert_false(GetOverlappedResult(h, &ov, &n, FALSE));
    assert_int_equal(GetLastError(), ERROR_IO_INCOMPLETE);

    /* Another OVERLAPPED is not found. */
    OVERLAPPED none;
    memset(&none, 0, sizeof(none));
    assert_false(CancelIoEx(h, &none));
    assert_int_equal(GetLastError(), ERROR_NOT_FOUND);
    assert_true(CancelIoEx(h, &ov));
    assert_false(GetOverlappedResult(h, &ov, &n, TRUE));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
    ULONG_PTR key;
    LPOVERLAPPED got;
    assert_false(GetQueuedCompletionStatus(port, &n, &key, &got, 10000));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    assert_ptr_equal(got, &ov);
    assert_int_equal(key, 9);
    assert_false(GetQueuedCompletionStatus(port, &n, &key, &got, 200));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    /* Nothing left to cancel. */
    assert_false(CancelIoEx(h, NULL));
    assert_int_equal(GetLastError(), ERROR_NOT_FOUND);

    /* The pipe still works: a write and a read through it. */
    OVERLAPPED w;
    memset(&w, 0, sizeof(w));
    assert_started(WriteFile(h, "data", 4, NULL, &w));
    assert_true(GetOverlappedResult(h, &w, &n, TRUE));
    assert_int_equal(n, 4);
    assert_true(GetQueuedCompletionStatus(port, &n, &key, &got, 10000));
    assert_ptr_equal(got, &w);
    memset(&ov.Internal, 0, sizeof(ov.Internal));
    assert_started(ReadFile(h, buf, sizeof(buf), NULL, &ov));
    assert_true(GetOverlappedResult(h, &ov, &n, TRUE));
    assert_int_equal(n, 4);
    assert_memory_equal(buf, "data", 4);
    assert_true(GetQueuedCompletionStatus(port, &n, &key, &got, 10000));
    assert_ptr_equal(got, &ov);

    CloseHandle(ov.hEvent);
    assert_true(CloseHandle(h));
    assert_true(CloseHandle(port));
    wt_rmtree(dir);
}

/*
 * CloseHandle with operations pending: the handle's close aborts what has
 * not finished (ERROR_OPERATION_ABORTED), lets what is running on a disk
 * file finish, and each operation reaches the port exactly once.  Two
 * reads wait on a pipe (they must be aborted: nobody writes); sixteen disk
 * reads race with the close (each completes, whichever way).
 */
static void close_handle_with_pending_io_completes_each_operation_once(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH], fifo_path[MAX_PATH];
    wt_tempdir(dir);
    make_pattern_file(dir, path);
    HANDLE fifo = open_fifo(dir, fifo_path);
    HANDLE disk = open_overlapped(path, GENERIC_READ);
    HANDLE port = CreateIoCompletionPort(fifo, NULL, 1, 0);
    assert_non_null(port);
    assert_ptr_equal(CreateIoCompletionPort(disk, port, 2, 0), port);

    static OVERLAPPED ovs[2 + NREADS];
    static unsigned char bufs[2 + NREADS][4096];
    memset(ovs, 0, sizeof(ovs));
    for (int i = 0; i < 2; i++)
        assert_started(ReadFile(fifo, bufs[i], sizeof(bufs[i]), NULL, &ovs[i]));
    for (int i = 2; i < 2 + NREADS; i++) {
        ovs[i].Offset = (DWORD)((i - 2) * 4096);
        assert_started(ReadFile(disk, bufs[i], sizeof(bufs[i]), NULL, &ovs[i]));
    }
    Sleep(50);
    assert_true(CloseHandle(fifo));
    assert_true(CloseHandle(disk));

    int seen[2 + NREADS] = {0};
    for (int k = 0; k < 2 + NREADS; k++) {
        DWORD n = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED got = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &n, &key, &got, 10000);
        assert_non_null(got);
        int i = (int)(got - ovs);
        assert_true(i >= 0 && i < 2 + NREADS);
        seen[i]++;
        if (i < 2) {
            assert_false(ok);
            assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
            assert_int_equal(key, 1);
        } else {
            assert_int_equal(key, 2);
            if (ok)
                assert_int_equal(n, 4096);
            else
                assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
        }
        assert_true(HasOverlappedIoCompleted(got));
    }
    for (int i = 0; i < 2 + NREADS; i++)
        assert_int_equal(seen[i], 1);
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED got;
    assert_false(GetQueuedCompletionStatus(port, &n, &key, &got, 300));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    assert_true(CloseHandle(port));
    wt_rmtree(dir);
}

/* CancelIo cancels the calling thread's operations only. */
struct other_read {
    HANDLE file;
    OVERLAPPED ov;
    char buf[8];
    HANDLE issued, done_cancel;
};

static DWORD WINAPI issue_read(LPVOID arg)
{
    struct other_read *r = arg;
    BOOL ok = ReadFile(r->file, r->buf, sizeof(r->buf), NULL, &r->ov);
    assert_false(ok);
    assert_int_equal(GetLastError(), ERROR_IO_PENDING);
    SetEvent(r->issued);
    WaitForSingleObject(r->done_cancel, INFINITE);
    return 0;
}

static void cancel_io_cancels_only_the_calling_threads_operations(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    HANDLE h = open_fifo(dir, path);
    struct other_read r;
    memset(&r, 0, sizeof(r));
    r.file = h;
    r.issued = CreateEventA(NULL, TRUE, FALSE, NULL);
    r.done_cancel = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE t = ws2t_thread(issue_read, &r);
    assert_int_equal(WaitForSingleObject(r.issued, 10000), WAIT_OBJECT_0);
    char buf[8];
    OVERLAPPED mine;
    memset(&mine, 0, sizeof(mine));
    assert_started(ReadFile(h, buf, sizeof(buf), NULL, &mine));
    assert_true(CancelIo(h));
    DWORD n;
    assert_false(GetOverlappedResult(h, &mine, &n, TRUE));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    Sleep(50);
    assert_false(HasOverlappedIoCompleted(&r.ov));
    SetEvent(r.done_cancel);
    ws2t_join(t);
    /* The other thread's read is still there: data ends it. */
    HANDLE writer = CreateFileA(path, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(writer != INVALID_HANDLE_VALUE);
    assert_true(WriteFile(writer, "x", 1, &n, NULL));
    assert_true(GetOverlappedResult(h, &r.ov, &n, TRUE));
    assert_int_equal(n, 1);
    assert_true(CloseHandle(writer));
    CloseHandle(r.issued);
    CloseHandle(r.done_cancel);
    assert_true(CloseHandle(h));
    wt_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overlapped_read_at_offset_completes_through_event),
        cmocka_unit_test(overlapped_write_at_offset_and_at_end),
        cmocka_unit_test(sixteen_reads_on_a_port_complete_once_each_with_key_and_bytes),
        cmocka_unit_test(read_file_ex_routine_runs_in_an_alertable_wait_of_the_issuer),
        cmocka_unit_test(cancel_io_ex_aborts_a_waiting_read_once),
        cmocka_unit_test(close_handle_with_pending_io_completes_each_operation_once),
        cmocka_unit_test(cancel_io_cancels_only_the_calling_threads_operations),
    };
    return cmocka_run_group_tests_name("win32_files_overlapped", tests, NULL, NULL);
}
