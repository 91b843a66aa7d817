/*
 * Asynchronous procedure calls: QueueUserAPC puts a call on a thread's queue;
 * the thread runs it the next time it is in an alertable wait (SleepEx,
 * WaitFor*Ex, and the blocking Winsock calls), which then returns
 * WAIT_IO_COMPLETION.  Completion routines (next step: overlapped I/O) use the
 * same queue.
 */
#include <setjmp.h>
#include <stdlib.h>

#include "kernel/thread.h"

struct kapc {
    struct kapc *next;
    PAPCFUNC fn;
    ULONG_PTR arg;
};

bool kthread_apc_pending(struct kthread *t)
{
    return atomic_load_explicit(&t->apc_pending, memory_order_acquire);
}

static struct kapc *apc__take_one(struct kthread *t)
{
    pthread_mutex_lock(&t->apc_lock);
    struct kapc *apc = t->apc_head;
    if (apc) {
        t->apc_head = apc->next;
        if (!t->apc_head)
            t->apc_tail = &t->apc_head;
    }
    if (!t->apc_head)
        atomic_store_explicit(&t->apc_pending, false, memory_order_release);
    pthread_mutex_unlock(&t->apc_lock);
    return apc;
}

/*
 * APCs queued by an APC run in the same alertable wait, as on Windows.  An
 * APC may end its thread with ExitThread: the library call that is running
 * the APC must release what it holds first, so ExitThread comes back here
 * (kthread_exit_if_requested finishes the exit at the call's boundary).  One
 * APC is taken at a time, so that nothing is in hand when that happens.
 */
unsigned kthread_run_apcs(struct kthread *t)
{
    jmp_buf target;
    jmp_buf *volatile outer = t->exit_jmp;
    volatile unsigned ran = 0;
    if (setjmp(target) != 0) {
        t->exit_jmp = outer;
        return ran;
    }
    t->exit_jmp = &target;
    struct kapc *apc;
    while (!t->exit_pending && (apc = apc__take_one(t)) != NULL) {
        PAPCFUNC fn = apc->fn;
        ULONG_PTR arg = apc->arg;
        free(apc);
        ran++;
        fn(arg);
    }
    t->exit_jmp = outer;
    return ran;
}

void kthread_drop_apcs(struct kthread *t)
{
    pthread_mutex_lock(&t->apc_lock);
    struct kapc *apc = t->apc_head;
    t->apc_head = NULL;
    t->apc_tail = &t->apc_head;
    pthread_mutex_unlock(&t->apc_lock);
    while (apc) {
        struct kapc *next = apc->next;
        free(apc);
        apc = next;
    }
}

/*
 * Queues fn(arg) on t; before_wake(ctx), when given, runs once the APC is on
 * the queue and before t is woken.  A completion routine's I/O also signals
 * the file object (Windows' I/O manager sets the file's event and queues the
 * routine in one step, in the issuing thread), so a thread woken by that
 * signal must already find the routine queued: a SleepEx(0, TRUE) after
 * WaitForSingleObject on the socket returns WAIT_IO_COMPLETION.  Lock order:
 * apc_lock, then kdispatch_lock (which before_wake may take).
 */
bool kthread_queue_apc_then(struct kthread *t, PAPCFUNC fn, ULONG_PTR arg,
                            void (*before_wake)(void *), void *ctx)
{
    struct kapc *apc = malloc(sizeof(*apc));
    if (!apc)
        return false;
    apc->next = NULL;
    apc->fn = fn;
    apc->arg = arg;

    pthread_mutex_lock(&kdispatch_lock);
    bool exited = t->exited;
    pthread_mutex_unlock(&kdispatch_lock);
    if (exited) {
        free(apc);
        return false;
    }
    pthread_mutex_lock(&t->apc_lock);
    if (t->wake_fd < 0) { /* exited meanwhile */
        pthread_mutex_unlock(&t->apc_lock);
        free(apc);
        return false;
    }
    *t->apc_tail = apc;
    t->apc_tail = &apc->next;
    atomic_store_explicit(&t->apc_pending, true, memory_order_release);
    if (before_wake)
        before_wake(ctx);
    kthread_wake(t);
    pthread_mutex_unlock(&t->apc_lock);
    return true;
}

bool kthread_queue_apc(struct kthread *t, PAPCFUNC fn, ULONG_PTR arg)
{
    return kthread_queue_apc_then(t, fn, arg, NULL, NULL);
}

DWORD WINAPI QueueUserAPC(PAPCFUNC pfnAPC, HANDLE hThread, ULONG_PTR dwData)
{
    if (!pfnAPC) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    struct kthread *t = kthread_from_handle(hThread);
    if (!t) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    bool queued = kthread_queue_apc(t, pfnAPC, dwData);
    kthread_release(t);
    if (!queued) {
        /*
         * QueueUserAPC: "When the thread is in the process of being
         * terminated, calling QueueUserAPC to add to the thread's APC queue
         * will fail with (31) ERROR_GEN_FAILURE."  The handle itself is valid.
         */
        SetLastError(ERROR_GEN_FAILURE);
        return 0;
    }
    return 1;
}
