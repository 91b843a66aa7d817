/*
 * I/O completion ports as kernel objects: CreateIoCompletionPort,
 * PostQueuedCompletionStatus, GetQueuedCompletionStatus(Ex), closing the
 * port (associating sockets: test_iocp_association.c).  Packets
 * here come from PostQueuedCompletionStatus; packets of overlapped socket
 * operations (and failed ones) are the overlapped tests' business.
 *
 * Each test names the documented behaviour it checks ("I/O Completion
 * Ports" and the functions' reference pages).  Timing bounds are generous:
 * "at once" is under 2 s, a 200 ms timeout lies between 150 ms and 3 s.
 */
#include <stddef.h>
#include <string.h>

#include "testlib.h"

#define AT_ONCE_MS 2000
#define LONG_WAIT  10000

/* What one GetQueuedCompletionStatus(Ex) call in another thread returned. */
struct waiter {
    HANDLE port;
    DWORD ms;
    BOOL ex, alertable;
    BOOL ok;
    DWORD error;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    ULONG removed;
    DWORD tid;
    uint64_t elapsed_ms;
};

static DWORD WINAPI waiter_main(LPVOID p)
{
    struct waiter *w = p;
    w->tid = GetCurrentThreadId();
    uint64_t t0 = ws2t_now_ms();
    if (w->ex) {
        OVERLAPPED_ENTRY e[4];
        memset(e, 0, sizeof(e));
        w->ok = GetQueuedCompletionStatusEx(w->port, e, 4, &w->removed, w->ms, w->alertable);
        if (w->ok) {
            w->bytes = e[0].dwNumberOfBytesTransferred;
            w->key = e[0].lpCompletionKey;
            w->ov = e[0].lpOverlapped;
        }
    } else {
        w->ov = (LPOVERLAPPED)(uintptr_t)0x5a5a; /* must come back NULL on failure */
        w->ok = GetQueuedCompletionStatus(w->port, &w->bytes, &w->key, &w->ov, w->ms);
    }
    w->error = w->ok ? 0 : GetLastError();
    w->elapsed_ms = ws2t_now_ms() - t0;
    return 0;
}

/* CreateIoCompletionPort with INVALID_HANDLE_VALUE "creates an I/O completion port without
 * associating it with a file handle"; CloseHandle closes it, once. */
static void new_port_is_a_handle_closed_by_closehandle(void **state)
{
    (void)state;
    DWORD concurrency[] = {0, 1, 64};
    for (size_t i = 0; i < ARRAYSIZE(concurrency); i++) {
        HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 1234, concurrency[i]);
        assert_non_null(port);
        assert_true(CloseHandle(port));
        SetLastError(0);
        assert_false(CloseHandle(port));
        assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    }
}

/* "In this case, the ExistingCompletionPort parameter must be NULL". */
static void new_port_refuses_existing_port(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    SetLastError(0);
    assert_null(CreateIoCompletionPort(INVALID_HANDLE_VALUE, port, 0, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(CloseHandle(port));
}

/* PostQueuedCompletionStatus: GetQueuedCompletionStatus "returns with the three values passed
 * as the second, third, and fourth parameters"; a successful packet returns TRUE. */
static void post_and_get_round_trip(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_true(PostQueuedCompletionStatus(port, 4242, (ULONG_PTR)0xfeedface12345678ull, &ov));
    assert_true(PostQueuedCompletionStatus(port, 0, 0, NULL));

    DWORD bytes = 1;
    ULONG_PTR key = 1;
    LPOVERLAPPED got = NULL;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    assert_int_equal(bytes, 4242);
    assert_true(key == (ULONG_PTR)0xfeedface12345678ull);
    assert_ptr_equal(got, &ov);

    /* A packet without an OVERLAPPED is still a successful dequeue. */
    got = &ov;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    assert_int_equal(bytes, 0);
    assert_true(key == 0);
    assert_null(got);
    assert_true(CloseHandle(port));
}

/* "an I/O completion packet is queued in first-in-first-out (FIFO) order". */
static void packets_leave_in_fifo_order(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    for (ULONG_PTR i = 0; i < 1000; i++)
        assert_true(PostQueuedCompletionStatus(port, (DWORD)(i * 3), i, (LPOVERLAPPED)(i * 8)));
    for (ULONG_PTR i = 0; i < 1000; i++) {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED ov;
        assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0));
        assert_true(key == i);
        assert_int_equal(bytes, i * 3);
        assert_ptr_equal(ov, (LPOVERLAPPED)(i * 8));
    }
    assert_true(CloseHandle(port));
}

/* dwMilliseconds: "If dwMilliseconds is zero and there is no I/O operation to dequeue, then
 * the wait will not be performed"; a timeout "returns FALSE, and sets *lpOverlapped to NULL",
 * GetLastError is WAIT_TIMEOUT, and bytes and key are not stored. */
static void get_with_zero_timeout_polls(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    DWORD bytes = 77;
    ULONG_PTR key = 88;
    OVERLAPPED ov;
    LPOVERLAPPED got = &ov;
    uint64_t t0 = ws2t_now_ms();
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    assert_true(ws2t_now_ms() - t0 < AT_ONCE_MS);
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    assert_null(got);
    assert_int_equal(bytes, 77);
    assert_true(key == 88);
    assert_true(CloseHandle(port));
}

static void get_times_out_after_200ms(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    struct waiter w = {.port = port, .ms = 200};
    waiter_main(&w);
    assert_false(w.ok);
    assert_int_equal(w.error, WAIT_TIMEOUT);
    assert_null(w.ov);
    assert_true(w.elapsed_ms >= 150 && w.elapsed_ms < 3000);
    assert_true(CloseHandle(port));
}

static DWORD WINAPI post_later(LPVOID p)
{
    Sleep(150);
    PostQueuedCompletionStatus((HANDLE)p, 5, 6, NULL);
    return 0;
}

/* "If dwMilliseconds is INFINITE, the function will never time out": it waits for the post. */
static void get_infinite_waits_for_a_post(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    HANDLE t = ws2t_thread(post_later, port);
    struct waiter w = {.port = port, .ms = INFINITE};
    waiter_main(&w);
    assert_true(w.ok);
    assert_int_equal(w.bytes, 5);
    assert_true(w.key == 6);
    assert_true(w.elapsed_ms >= 100);
    ws2t_join(t);
    assert_true(CloseHandle(port));
}

/* Windows writes through all three pointers; ws2posix refuses a NULL one with
 * ERROR_INVALID_PARAMETER instead of faulting, and takes no packet. */
static void get_refuses_null_pointers_without_taking_a_packet(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    assert_true(PostQueuedCompletionStatus(port, 1, 2, NULL));
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    SetLastError(0);
    assert_false(GetQueuedCompletionStatus(port, NULL, &key, &ov, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_false(GetQueuedCompletionStatus(port, &bytes, NULL, &ov, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, NULL, INFINITE));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0));
    assert_true(key == 2);
    assert_true(CloseHandle(port));
}

/* Takes the packet posted just before (key), or fails the test. */
static void take_posted(HANDLE port, ULONG_PTR key)
{
    DWORD bytes = 0;
    ULONG_PTR got_key = 0;
    LPOVERLAPPED got = NULL;
    assert_true(PostQueuedCompletionStatus(port, 7, key, NULL));
    assert_true(GetQueuedCompletionStatus(port, &bytes, &got_key, &got, 0));
    assert_int_equal(got_key, key);
    assert_int_equal(bytes, 7);
}

/* The wait of both kinds on a handle that no longer names a port: ERROR_INVALID_HANDLE. */
static void get_fails_on(HANDLE port)
{
    DWORD bytes;
    ULONG_PTR key;
    OVERLAPPED ov;
    LPOVERLAPPED got = &ov;
    SetLastError(0);
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_null(got);
    OVERLAPPED_ENTRY e[2];
    ULONG removed = 9;
    SetLastError(0);
    assert_false(GetQueuedCompletionStatusEx(port, e, 2, &removed, 0, FALSE));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_int_equal(removed, 0);
}

/* CompletionPort must be a port: anything else is ERROR_INVALID_HANDLE, *lpOverlapped NULL. */
static void get_and_post_need_a_port_handle(void **state)
{
    (void)state;
    HANDLE closed = ws2t_new_port();
    assert_true(CloseHandle(closed));
    HANDLE ev = CreateEventA(NULL, TRUE, TRUE, NULL);
    assert_non_null(ev);
    HANDLE bad[] = {NULL, INVALID_HANDLE_VALUE, ev, closed, (HANDLE)(uintptr_t)0x7ffffff0};
    for (size_t i = 0; i < ARRAYSIZE(bad); i++) {
        get_fails_on(bad[i]);
        SetLastError(0);
        assert_false(PostQueuedCompletionStatus(bad[i], 1, 2, NULL));
        assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    }
    assert_true(CloseHandle(ev));
}

/*
 * The port a thread took its last packet from is the one it waits on again
 * as a rule, and the library looks it up faster then; the handle is still
 * checked: once closed it is ERROR_INVALID_HANDLE for that thread too, a
 * duplicate of it goes on working until it is closed in turn, and another
 * object's handle is no port.
 */
static void the_thread_s_own_port_is_checked_like_any_handle(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    HANDLE other = ws2t_new_port();
    HANDLE ev = CreateEventA(NULL, TRUE, TRUE, NULL);
    assert_non_null(ev);
    take_posted(port, 1);
    get_fails_on(ev);
    take_posted(other, 2);
    take_posted(port, 3);

    HANDLE dup = NULL;
    assert_true(DuplicateHandle(GetCurrentProcess(), port, GetCurrentProcess(), &dup, 0, FALSE,
                                DUPLICATE_SAME_ACCESS));
    take_posted(dup, 4);
    take_posted(port, 5);
    assert_true(CloseHandle(port));
    get_fails_on(port);
    take_posted(dup, 6);
    get_fails_on(port);
    assert_true(CloseHandle(dup));
    get_fails_on(dup);
    get_fails_on(port);

    assert_true(CloseHandle(other));
    assert_true(CloseHandle(ev));
}

/* "Threads that block their execution on an I/O completion port are released in
 * last-in-first-out (LIFO) order": with three threads waiting, the last one to start
 * waiting gets the first packet.  The waiters start 150 ms apart. */
static void waiting_threads_are_released_lifo(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    struct waiter w[3];
    HANDLE t[3];
    for (int i = 0; i < 3; i++) {
        memset(&w[i], 0, sizeof(w[i]));
        w[i].port = port;
        w[i].ms = LONG_WAIT;
        t[i] = ws2t_thread(waiter_main, &w[i]);
        Sleep(150);
    }
    BOOL done[3] = {FALSE, FALSE, FALSE};
    for (int n = 0; n < 3; n++) {
        assert_true(PostQueuedCompletionStatus(port, 0, (ULONG_PTR)(100 + n), NULL));
        HANDLE pending[3];
        int index[3], count = 0;
        for (int i = 0; i < 3; i++) {
            if (!done[i]) {
                index[count] = i;
                pending[count++] = t[i];
            }
        }
        DWORD r = WaitForMultipleObjects((DWORD)count, pending, FALSE, LONG_WAIT);
        assert_true(r < WAIT_OBJECT_0 + (DWORD)count);
        int who = index[r - WAIT_OBJECT_0];
        assert_int_equal(who, 2 - n); /* the most recent waiter still waiting */
        assert_true(w[who].ok);
        assert_true(w[who].key == (ULONG_PTR)(100 + n));
        done[who] = TRUE;
    }
    for (int i = 0; i < 3; i++)
        CloseHandle(t[i]);
    assert_true(CloseHandle(port));
}

/* GetQueuedCompletionStatus: "If a call ... fails because the completion port handle
 * associated with it is closed while the call is outstanding, the function returns FALSE,
 * *lpOverlapped will be NULL, and GetLastError will return ERROR_ABANDONED_WAIT_0" — for
 * every waiter, promptly, and for GetQueuedCompletionStatusEx too. */
static void closing_the_port_abandons_every_waiter(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    struct waiter w[3];
    HANDLE t[3];
    for (int i = 0; i < 3; i++) {
        memset(&w[i], 0, sizeof(w[i]));
        w[i].port = port;
        w[i].ms = INFINITE;
        w[i].ex = (i == 2);
        w[i].alertable = (i == 2);
        t[i] = ws2t_thread(waiter_main, &w[i]);
    }
    Sleep(300);
    uint64_t t0 = ws2t_now_ms();
    assert_true(CloseHandle(port));
    assert_int_equal(WaitForMultipleObjects(3, t, TRUE, LONG_WAIT), WAIT_OBJECT_0);
    assert_true(ws2t_now_ms() - t0 < AT_ONCE_MS);
    for (int i = 0; i < 3; i++) {
        assert_false(w[i].ok);
        assert_int_equal(w[i].error, ERROR_ABANDONED_WAIT_0);
        assert_null(w[i].ov);
        assert_int_equal(w[i].removed, 0);
        CloseHandle(t[i]);
    }
}

/* Closing the port drops what it still holds (ASan checks that the packets are freed), and
 * the handle then names nothing: posting to it is ERROR_INVALID_HANDLE. */
static void closing_the_port_drops_queued_packets(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    for (int i = 0; i < 10; i++)
        assert_true(PostQueuedCompletionStatus(port, 1, 2, NULL));
    assert_true(CloseHandle(port));
    SetLastError(0);
    assert_false(PostQueuedCompletionStatus(port, 1, 2, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
}

/* GetQueuedCompletionStatusEx "[r]etrieves multiple completion port entries simultaneously":
 * up to ulCount, in queue order, with ulNumEntriesRemoved the number taken; Internal of a
 * successful packet is STATUS_SUCCESS. */
static void get_ex_removes_a_batch(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    for (ULONG_PTR i = 0; i < 10; i++)
        assert_true(PostQueuedCompletionStatus(port, (DWORD)(1000 + i), i, (LPOVERLAPPED)(i * 16)));
    OVERLAPPED_ENTRY e[16];
    memset(e, 0xcc, sizeof(e));
    ULONG removed = 0;
    assert_true(GetQueuedCompletionStatusEx(port, e, 4, &removed, 0, FALSE));
    assert_int_equal(removed, 4);
    for (ULONG i = 0; i < 4; i++) {
        assert_true(e[i].lpCompletionKey == i);
        assert_int_equal(e[i].dwNumberOfBytesTransferred, 1000 + i);
        assert_ptr_equal(e[i].lpOverlapped, (LPOVERLAPPED)(uintptr_t)(i * 16));
        assert_true(e[i].Internal == 0);
    }
    /* Entries beyond those removed are left alone. */
    assert_true(e[4].lpCompletionKey == (ULONG_PTR)0xccccccccccccccccull);

    assert_true(GetQueuedCompletionStatusEx(port, e, 16, &removed, INFINITE, FALSE));
    assert_int_equal(removed, 6);
    for (ULONG i = 0; i < 6; i++)
        assert_true(e[i].lpCompletionKey == 4 + i);

    SetLastError(0);
    assert_false(GetQueuedCompletionStatusEx(port, e, 16, &removed, 0, TRUE));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    assert_int_equal(removed, 0);
    assert_true(CloseHandle(port));
}

/* A GetQueuedCompletionStatusEx already waiting takes the packet posted to it. */
static void get_ex_waits_for_the_first_packet(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    HANDLE t = ws2t_thread(post_later, port);
    struct waiter w = {.port = port, .ms = LONG_WAIT, .ex = TRUE};
    waiter_main(&w);
    assert_true(w.ok);
    assert_int_equal(w.removed, 1);
    assert_true(w.key == 6);
    assert_int_equal(w.bytes, 5);
    ws2t_join(t);
    assert_true(CloseHandle(port));
}

/* ulCount is "[t]he maximum number of entries to remove": 0 is ERROR_INVALID_PARAMETER, and
 * so are missing output pointers (ws2posix does not fault on them). */
static void get_ex_refuses_invalid_parameters(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    assert_true(PostQueuedCompletionStatus(port, 1, 2, NULL));
    OVERLAPPED_ENTRY e[1];
    ULONG removed = 5;
    SetLastError(0);
    assert_false(GetQueuedCompletionStatusEx(port, e, 0, &removed, 0, FALSE));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(removed, 0);
    SetLastError(0);
    assert_false(GetQueuedCompletionStatusEx(port, NULL, 1, &removed, 0, FALSE));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_false(GetQueuedCompletionStatusEx(port, e, 1, NULL, 0, FALSE));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* The packet is still there. */
    assert_true(GetQueuedCompletionStatusEx(port, e, 1, &removed, 0, FALSE));
    assert_int_equal(removed, 1);
    assert_true(CloseHandle(port));
}

/* dwMilliseconds: "If a completion packet does not appear within the specified time, the
 * function times out and returns FALSE" (GetLastError WAIT_TIMEOUT), nothing removed. */
static void get_ex_times_out_after_200ms(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    struct waiter w = {.port = port, .ms = 200, .ex = TRUE, .alertable = TRUE};
    w.removed = 7;
    waiter_main(&w);
    assert_false(w.ok);
    assert_int_equal(w.error, WAIT_TIMEOUT);
    assert_int_equal(w.removed, 0);
    assert_true(w.elapsed_ms >= 150 && w.elapsed_ms < 3000);
    assert_true(CloseHandle(port));
}

static struct {
    volatile LONG ran;
    DWORD tid;
} apc_seen;

static void NTAPI record_apc(ULONG_PTR arg)
{
    (void)arg;
    apc_seen.tid = GetCurrentThreadId();
    InterlockedIncrement(&apc_seen.ran);
}

/* fAlertable: "If the parameter is TRUE and no entries are available, the function performs
 * an alertable wait.  The thread returns when the system queues an I/O completion routine or
 * APC to the thread and the thread executes the function": FALSE with WAIT_IO_COMPLETION,
 * nothing removed, the APC run by the calling thread.  Here the APC was queued before. */
static void get_ex_alertable_runs_a_queued_apc(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    memset((void *)&apc_seen, 0, sizeof(apc_seen));
    assert_int_not_equal(QueueUserAPC(record_apc, GetCurrentThread(), 1), 0);
    OVERLAPPED_ENTRY e[2];
    ULONG removed = 3;
    SetLastError(0);
    assert_false(GetQueuedCompletionStatusEx(port, e, 2, &removed, INFINITE, TRUE));
    assert_int_equal(GetLastError(), WAIT_IO_COMPLETION);
    assert_int_equal(removed, 0);
    assert_int_equal(ws2t_load(&apc_seen.ran), 1);
    assert_int_equal(apc_seen.tid, GetCurrentThreadId());
    assert_true(CloseHandle(port));
}

/* The same, with the APC queued while the thread already waits. */
static void get_ex_alertable_wait_is_ended_by_an_apc(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    memset((void *)&apc_seen, 0, sizeof(apc_seen));
    struct waiter w = {.port = port, .ms = INFINITE, .ex = TRUE, .alertable = TRUE};
    HANDLE t = ws2t_thread(waiter_main, &w);
    Sleep(200);
    assert_int_equal(ws2t_load(&apc_seen.ran), 0);
    assert_int_not_equal(QueueUserAPC(record_apc, t, 1), 0);
    assert_int_equal(WaitForSingleObject(t, AT_ONCE_MS), WAIT_OBJECT_0);
    assert_false(w.ok);
    assert_int_equal(w.error, WAIT_IO_COMPLETION);
    assert_int_equal(w.removed, 0);
    assert_int_equal(ws2t_load(&apc_seen.ran), 1);
    assert_int_equal(apc_seen.tid, w.tid);
    CloseHandle(t);
    /* The interrupted waiter left the port: a packet posted now is not lost to it. */
    assert_true(PostQueuedCompletionStatus(port, 1, 2, NULL));
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0));
    assert_true(CloseHandle(port));
}

/* fAlertable "and no entries are available": queued packets are returned first (as NT's
 * KeRemoveQueue does); the APC waits for the next alertable wait. */
static void get_ex_takes_packets_before_apcs(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    memset((void *)&apc_seen, 0, sizeof(apc_seen));
    assert_true(PostQueuedCompletionStatus(port, 1, 2, NULL));
    assert_int_not_equal(QueueUserAPC(record_apc, GetCurrentThread(), 1), 0);
    OVERLAPPED_ENTRY e[2];
    ULONG removed = 0;
    assert_true(GetQueuedCompletionStatusEx(port, e, 2, &removed, INFINITE, TRUE));
    assert_int_equal(removed, 1);
    assert_int_equal(ws2t_load(&apc_seen.ran), 0);
    assert_int_equal(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(ws2t_load(&apc_seen.ran), 1);
    assert_true(CloseHandle(port));
}

/* GetQueuedCompletionStatus is not an alertable wait: a queued APC neither runs nor ends it. */
static void get_is_not_alertable(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    memset((void *)&apc_seen, 0, sizeof(apc_seen));
    assert_int_not_equal(QueueUserAPC(record_apc, GetCurrentThread(), 1), 0);
    struct waiter w = {.port = port, .ms = 200};
    waiter_main(&w);
    assert_false(w.ok);
    assert_int_equal(w.error, WAIT_TIMEOUT);
    assert_true(w.elapsed_ms >= 150);
    assert_int_equal(ws2t_load(&apc_seen.ran), 0);
    /* Nor does the non-alertable Ex form. */
    w.ex = TRUE;
    waiter_main(&w);
    assert_int_equal(w.error, WAIT_TIMEOUT);
    assert_int_equal(ws2t_load(&apc_seen.ran), 0);
    assert_int_equal(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(ws2t_load(&apc_seen.ran), 1);
    assert_true(CloseHandle(port));
}

static void NTAPI exit_apc(ULONG_PTR code)
{
    ExitThread((DWORD)code);
}

/* ExitThread from an APC run by an alertable GetQueuedCompletionStatusEx ends the thread
 * with that code, and its wait leaves the port first: a later packet reaches a live thread. */
static void exit_thread_from_an_apc_in_get_ex(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    struct waiter w = {.port = port, .ms = INFINITE, .ex = TRUE, .alertable = TRUE};
    HANDLE t = ws2t_thread(waiter_main, &w);
    Sleep(200);
    assert_int_not_equal(QueueUserAPC(exit_apc, t, 42), 0);
    assert_int_equal(WaitForSingleObject(t, AT_ONCE_MS), WAIT_OBJECT_0);
    DWORD code = 0;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 42);
    assert_int_equal(w.elapsed_ms, 0); /* waiter_main never got past the call */
    CloseHandle(t);

    assert_true(PostQueuedCompletionStatus(port, 1, 2, NULL));
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0));
    assert_true(key == 2);
    assert_true(CloseHandle(port));
}

/* Many threads on one port: each packet is delivered exactly once; then closing the port
 * with every worker waiting abandons all of them. */
#define STRESS_PACKETS 200000
#define STRESS_WORKERS 4
#define STRESS_POSTERS 2

static struct {
    HANDLE port;
    volatile LONG delivered;
    volatile LONG failures;
    unsigned char seen[STRESS_PACKETS];
} stress;

static void stress_take(ULONG_PTR key, DWORD bytes)
{
    if (key >= STRESS_PACKETS || bytes != (DWORD)(key ^ 0x5555)) {
        InterlockedIncrement(&stress.failures);
        return;
    }
    __atomic_fetch_add(&stress.seen[key], 1, __ATOMIC_RELAXED);
    InterlockedIncrement(&stress.delivered);
}

static DWORD WINAPI stress_worker(LPVOID p)
{
    BOOL batch = p != NULL;
    for (;;) {
        if (batch) {
            OVERLAPPED_ENTRY e[16];
            ULONG n = 0;
            if (!GetQueuedCompletionStatusEx(stress.port, e, 16, &n, INFINITE, FALSE))
                return GetLastError();
            for (ULONG i = 0; i < n; i++)
                stress_take(e[i].lpCompletionKey, e[i].dwNumberOfBytesTransferred);
        } else {
            DWORD bytes;
            ULONG_PTR key;
            LPOVERLAPPED ov;
            if (!GetQueuedCompletionStatus(stress.port, &bytes, &key, &ov, INFINITE))
                return ov ? 1 : GetLastError();
            stress_take(key, bytes);
        }
    }
}

static DWORD WINAPI stress_poster(LPVOID p)
{
    ULONG_PTR first = (ULONG_PTR)p;
    for (ULONG_PTR key = first; key < STRESS_PACKETS; key += STRESS_POSTERS)
        if (!PostQueuedCompletionStatus(stress.port, (DWORD)(key ^ 0x5555), key, NULL))
            InterlockedIncrement(&stress.failures);
    return 0;
}

static void stress_each_packet_is_delivered_once(void **state)
{
    (void)state;
    memset((void *)&stress, 0, sizeof(stress));
    stress.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, STRESS_WORKERS);
    assert_non_null(stress.port);
    HANDLE workers[STRESS_WORKERS], posters[STRESS_POSTERS];
    for (uintptr_t i = 0; i < STRESS_WORKERS; i++)
        workers[i] = ws2t_thread(stress_worker, (void *)(i & 1)); /* half of them in batches */
    for (uintptr_t i = 0; i < STRESS_POSTERS; i++)
        posters[i] = ws2t_thread(stress_poster, (void *)i);
    assert_int_equal(WaitForMultipleObjects(STRESS_POSTERS, posters, TRUE, 120000), WAIT_OBJECT_0);
    uint64_t t0 = ws2t_now_ms();
    while (ws2t_load(&stress.delivered) < STRESS_PACKETS && ws2t_now_ms() - t0 < 60000)
        Sleep(10);
    assert_int_equal(ws2t_load(&stress.failures), 0);
    assert_int_equal(ws2t_load(&stress.delivered), STRESS_PACKETS);
    for (size_t i = 0; i < STRESS_PACKETS; i++)
        if (stress.seen[i] != 1)
            fail_msg("packet %zu delivered %u times", i, stress.seen[i]);

    Sleep(100); /* every worker back in its wait */
    assert_true(CloseHandle(stress.port));
    assert_int_equal(WaitForMultipleObjects(STRESS_WORKERS, workers, TRUE, LONG_WAIT),
                     WAIT_OBJECT_0);
    for (int i = 0; i < STRESS_WORKERS; i++) {
        DWORD code = 0;
        assert_true(GetExitCodeThread(workers[i], &code));
        assert_int_equal(code, ERROR_ABANDONED_WAIT_0);
        CloseHandle(workers[i]);
    }
    for (int i = 0; i < STRESS_POSTERS; i++)
        CloseHandle(posters[i]);
}

/* Posting races the close: every post either reaches the port before the close (and its
 * packet is dropped with the port) or fails with ERROR_INVALID_HANDLE; nothing leaks. */
static DWORD WINAPI racing_poster(LPVOID p)
{
    HANDLE port = p;
    for (;;) {
        if (!PostQueuedCompletionStatus(port, 1, 2, NULL))
            return GetLastError();
    }
}

static void posts_racing_the_close_fail_cleanly(void **state)
{
    (void)state;
    for (int round = 0; round < 20; round++) {
        HANDLE port = ws2t_new_port();
        HANDLE t[3];
        for (int i = 0; i < 3; i++)
            t[i] = ws2t_thread(racing_poster, port);
        Sleep(5);
        assert_true(CloseHandle(port));
        assert_int_equal(WaitForMultipleObjects(3, t, TRUE, LONG_WAIT), WAIT_OBJECT_0);
        for (int i = 0; i < 3; i++) {
            DWORD code = 0;
            assert_true(GetExitCodeThread(t[i], &code));
            assert_int_equal(code, ERROR_INVALID_HANDLE);
            CloseHandle(t[i]);
        }
    }
}

/* minwinbase.h's OVERLAPPED_ENTRY layout and winbase.h's values and macro. */
static void header_layouts_and_values(void **state)
{
    (void)state;
    assert_int_equal(sizeof(OVERLAPPED_ENTRY), 32);
    assert_int_equal(offsetof(OVERLAPPED_ENTRY, lpCompletionKey), 0);
    assert_int_equal(offsetof(OVERLAPPED_ENTRY, lpOverlapped), 8);
    assert_int_equal(offsetof(OVERLAPPED_ENTRY, Internal), 16);
    assert_int_equal(offsetof(OVERLAPPED_ENTRY, dwNumberOfBytesTransferred), 24);
    assert_int_equal(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, 1);
    assert_int_equal(FILE_SKIP_SET_EVENT_ON_HANDLE, 2);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Internal = STATUS_PENDING;
    assert_false(HasOverlappedIoCompleted(&ov));
    ov.Internal = 0;
    assert_true(HasOverlappedIoCompleted(&ov));
    ov.Internal = 0xC0000120; /* STATUS_CANCELLED */
    assert_true(HasOverlappedIoCompleted(&ov));
}

#define T(name)         cmocka_unit_test(name)
#define T_WINSOCK(name) cmocka_unit_test_setup_teardown(name, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(new_port_is_a_handle_closed_by_closehandle),
        T(new_port_refuses_existing_port),
        T(post_and_get_round_trip),
        T(packets_leave_in_fifo_order),
        T(get_with_zero_timeout_polls),
        T(get_times_out_after_200ms),
        T(get_infinite_waits_for_a_post),
        T(get_refuses_null_pointers_without_taking_a_packet),
        T(get_and_post_need_a_port_handle),
        T(the_thread_s_own_port_is_checked_like_any_handle),
        T(waiting_threads_are_released_lifo),
        T(closing_the_port_abandons_every_waiter),
        T(closing_the_port_drops_queued_packets),
        T(get_ex_removes_a_batch),
        T(get_ex_waits_for_the_first_packet),
        T(get_ex_refuses_invalid_parameters),
        T(get_ex_times_out_after_200ms),
        T(get_ex_alertable_runs_a_queued_apc),
        T(get_ex_alertable_wait_is_ended_by_an_apc),
        T(get_ex_takes_packets_before_apcs),
        T(get_is_not_alertable),
        T(exit_thread_from_an_apc_in_get_ex),
        T(stress_each_packet_is_delivered_once),
        T(posts_racing_the_close_fail_cleanly),
        T(header_layouts_and_values),
    };
    return cmocka_run_group_tests_name("iocp_port", tests, NULL, NULL);
}
