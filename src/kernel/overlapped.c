/*
 * What every overlapped operation shares, whichever object it ran on:
 * GetOverlappedResult, CancelIo, CancelIoEx, and reading, waiting for and
 * finishing an OVERLAPPED's status (the status is an NTSTATUS in Internal,
 * see ntstatus.h).
 */
#include "kernel/overlapped.h"

#include <pthread.h>
#include <stdatomic.h>

#include "kernel/handle.h"
#include "kernel/ntstatus.h"
#include "kernel/thread.h"
#include "sys/usermem.h"

/*
 * Waiting for an operation that has no event.  Windows waits on the file
 * handle, which the I/O manager signals whenever an operation on that file
 * completes, and documents only that the call "does not return until the
 * operation has been completed".  Here a waiter waits for its own
 * OVERLAPPED instead: it sleeps on its thread's wake-up descriptor
 * (kthread_sleep), listed below with the OVERLAPPED's address, and
 * koverlapped_finish wakes the threads listed for the OVERLAPPED it has just
 * finished.
 *
 * Keying the wait by OVERLAPPED rather than by socket is what keeps it
 * simple and safe:
 *   - nothing of the socket is used, so a socket closed (closesocket) or
 *     reclaimed (the final WSACleanup) while a thread waits cannot leave the
 *     waiter on freed memory; both finish the socket's operations with
 *     WSA_OPERATION_ABORTED through koverlapped_finish, which ends the wait;
 *   - an operation that completes on another socket than the one it was
 *     issued on (AcceptEx's first data arrives on the accept socket) still
 *     wakes its waiter;
 *   - a completion wakes only the threads that wait for it, not every
 *     thread waiting on the same socket.
 * The address is only compared, never read through: after its status is
 * written the OVERLAPPED belongs to the application, which may free it.
 *
 * The completion path must stay cheap when nobody waits (the common case:
 * events, routines and completion ports need none of this), so it takes the
 * lock only when overlapped__nwaiters says someone waits.  The waiter
 * counts itself before it reads Internal, the completer writes Internal
 * before it reads the count, and all four accesses are sequentially
 * consistent (one total order: no fences, which ThreadSanitizer cannot
 * follow), so at least one of them sees the other: either the waiter sees
 * the final status, or the completer sees the waiter and wakes it (a wake-up
 * before the waiter sleeps is kept by the eventfd, so none is lost).  One
 * list for the process is enough: waits without an event are rare, and the
 * list only holds the threads inside such a wait.
 */
struct overlapped_waiter {
    struct overlapped_waiter *next, *prev;
    const OVERLAPPED *ov;
    struct kthread *thread;
};

static pthread_mutex_t overlapped__lock = PTHREAD_MUTEX_INITIALIZER;
static struct overlapped_waiter overlapped__waiters = {&overlapped__waiters, &overlapped__waiters,
                                                       NULL, NULL};
static _Atomic unsigned overlapped__nwaiters;

static DWORD overlapped__load(const OVERLAPPED *ov)
{
    return (DWORD)__atomic_load_n(&ov->Internal, __ATOMIC_SEQ_CST);
}

void koverlapped_finish(OVERLAPPED *ov, DWORD status)
{
    __atomic_store_n(&ov->Internal, (ULONG_PTR)status, __ATOMIC_SEQ_CST);
    if (atomic_load_explicit(&overlapped__nwaiters, memory_order_seq_cst) == 0)
        return;
    pthread_mutex_lock(&overlapped__lock);
    for (struct overlapped_waiter *w = overlapped__waiters.next; w != &overlapped__waiters;
         w = w->next)
        if (w->ov == ov)
            kthread_wake(w->thread);
    pthread_mutex_unlock(&overlapped__lock);
}

/*
 * Sleeps until ov's status is final.  Not alertable, as GetOverlappedResult
 * is not: a queued APC's wake-up only makes it look again.
 */
static DWORD overlapped__wait(const OVERLAPPED *ov)
{
    struct kthread *self = kthread_self();
    if (!self)
        return KOVERLAPPED_NO_MEMORY;
    struct overlapped_waiter w = {.ov = ov, .thread = self};
    pthread_mutex_lock(&overlapped__lock);
    w.next = &overlapped__waiters;
    w.prev = overlapped__waiters.prev;
    overlapped__waiters.prev->next = &w;
    overlapped__waiters.prev = &w;
    atomic_fetch_add_explicit(&overlapped__nwaiters, 1, memory_order_seq_cst);
    pthread_mutex_unlock(&overlapped__lock);

    DWORD status;
    while ((status = overlapped__load(ov)) == KSTATUS_PENDING) {
        /* Only a broken poll fails here; giving up beats spinning on it. */
        if (kthread_sleep(self, -1, NULL, 0) < 0) {
            status = KOVERLAPPED_NO_MEMORY;
            break;
        }
    }

    pthread_mutex_lock(&overlapped__lock);
    w.prev->next = w.next;
    w.next->prev = w.prev;
    atomic_fetch_sub_explicit(&overlapped__nwaiters, 1, memory_order_relaxed);
    pthread_mutex_unlock(&overlapped__lock);
    return status;
}

/*
 * Windows waits once, on hEvent when there is one, and then reads Internal
 * again: "GetOverlappedResult calls WaitForSingleObject and then assumes
 * that if it returns success then the I/O has completed" (observed by the
 * Rust standard library's maintainers, rust-lang/rust#98950).  An event
 * the application set itself (or left signalled) therefore ends the wait
 * with Internal still STATUS_PENDING, which the callers report as success
 * (STATUS_PENDING is a success status); waiting again instead would spin
 * on the signalled event for as long as the operation runs.  Our own
 * completions write Internal before they set the event
 * (koverlapped_finish), so a completion's event never ends the wait early.
 */
DWORD koverlapped_status(const OVERLAPPED *ov, BOOL wait)
{
    DWORD status = overlapped__load(ov);
    if (status != KSTATUS_PENDING || !wait)
        return status;
    HANDLE event = koverlapped_event(ov->hEvent);
    if (!event)
        return overlapped__wait(ov);
    if (WaitForSingleObject(event, INFINITE) == WAIT_FAILED)
        return KOVERLAPPED_BAD_EVENT;
    return overlapped__load(ov);
}

BOOL WINAPI GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped,
                                LPDWORD lpNumberOfBytesTransferred, BOOL bWait)
{
    if (!lpOverlapped || !lpNumberOfBytesTransferred) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    /* One question to the kernel for both (usermem.h). */
    struct sys_user_span spans[] = {{lpOverlapped, sizeof(*lpOverlapped), false},
                                    {lpNumberOfBytesTransferred, sizeof(DWORD), true}};
    if (!sys_user_check(spans, 2)) {
        SetLastError(ERROR_NOACCESS); /* what the kernel's probe reports */
        return FALSE;
    }
    /*
     * Windows reads the OVERLAPPED and uses hFile only to wait on it, when
     * the operation is pending and there is no event: GetOverlappedResult
     * on an operation that closesocket has aborted reports
     * ERROR_OPERATION_ABORTED although the handle is gone.  Where Windows
     * would wait on a handle that is not open, the wait fails with
     * ERROR_INVALID_HANDLE; so does this.
     */
    if (bWait && overlapped__load(lpOverlapped) == KSTATUS_PENDING &&
        !koverlapped_event(lpOverlapped->hEvent)) {
        if (!handle_ref((uintptr_t)hFile, KOBJ_ANY)) {
            SetLastError(ERROR_INVALID_HANDLE);
            return FALSE;
        }
        handle_unref((uintptr_t)hFile);
    }
    DWORD status = koverlapped_status(lpOverlapped, bWait);
    if (status == KOVERLAPPED_BAD_EVENT || status == KOVERLAPPED_NO_MEMORY) {
        SetLastError(status == KOVERLAPPED_BAD_EVENT ? ERROR_INVALID_HANDLE
                                                     : ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    if (status == KSTATUS_PENDING && !bWait) {
        SetLastError(ERROR_IO_INCOMPLETE);
        return FALSE;
    }
    /* NT_SUCCESS decides, as on Windows: warnings (STATUS_BUFFER_OVERFLOW) fail too. */
    *lpNumberOfBytesTransferred = (DWORD)lpOverlapped->InternalHigh;
    DWORD error = kstatus_to_win32(status);
    if (error) {
        SetLastError(error);
        return FALSE;
    }
    return TRUE;
}

/* Cancels on hFile what matches; the count, or -1 with the last error set. */
static int overlapped__cancel(HANDLE hFile, const OVERLAPPED *ov, DWORD thread_id)
{
    struct kobj *obj = handle_ref((uintptr_t)hFile, KOBJ_ANY);
    if (!obj) {
        SetLastError(ERROR_INVALID_HANDLE);
        return -1;
    }
    unsigned n = obj->ops->cancel_io ? obj->ops->cancel_io(obj, ov, thread_id) : 0;
    handle_unref((uintptr_t)hFile);
    return (int)n;
}

/* CancelIo: "all pending input and output (I/O) operations that are issued by the calling thread".
 */
BOOL WINAPI CancelIo(HANDLE hFile)
{
    return overlapped__cancel(hFile, NULL, GetCurrentThreadId()) >= 0;
}

/* CancelIoEx: any thread's; "If this function cannot find a request to cancel ... ERROR_NOT_FOUND".
 */
BOOL WINAPI CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)
{
    int n = overlapped__cancel(hFile, lpOverlapped, 0);
    if (n == 0)
        SetLastError(ERROR_NOT_FOUND);
    return n > 0;
}
