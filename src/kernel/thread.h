/*
 * Kernel threads: the per-thread state behind every thread that calls into
 * the library, whether it was made by CreateThread or not.  Each has a
 * wake-up eventfd that all of the library's blocking waits include, so that
 * closesocket, WSACleanup, SetEvent and QueueUserAPC can interrupt a wait
 * that Linux alone would not end (a close() does not wake a thread blocked
 * on that descriptor).
 */
#ifndef WS2_KERNEL_THREAD_H
#define WS2_KERNEL_THREAD_H

#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/dispatch.h"
#include "sys/sys.h"

struct kapc;
struct kmutex;

struct kthread {
    struct kwaitable waitable; /* signaled once the thread has exited */
    _Atomic int refs;          /* the running thread's own + its handle's */
    DWORD id;
    int wake_fd;
    DWORD exit_code;
    bool exited;

    /* The current dispatcher wait, if any (guarded by kdispatch_lock). */
    struct kwait *wait;

    /* Queued APCs (guarded by apc_lock); apc_pending is a lock-free hint. */
    pthread_mutex_t apc_lock;
    struct kapc *apc_head, **apc_tail;
    _Atomic bool apc_pending;

    /*
     * Winsock re-entrancy, touched only by the thread itself: how deep it is
     * inside blocking calls and inside application callbacks.  A Winsock call
     * made at depth > 0 (from an APC run inside a blocking call, or from a
     * callback such as a WSAAccept condition function) fails with
     * WSAEINPROGRESS instead of re-entering.
     */
    int blocking_depth;
    int callback_depth;

    /*
     * ExitThread called from an APC or callback that a library call is
     * running jumps back to exit_jmp, so that the call can release what it
     * holds; the exit is then finished at the call's boundary
     * (kthread_exit_if_requested).
     */
    jmp_buf *exit_jmp;
    bool exit_pending;
    DWORD exit_pending_code;

    /*
     * The completion port whose packet the thread took last (with a
     * reference), and whether the thread counts among that port's running
     * threads (port.c, concurrency).  Touched only by the thread itself.
     */
    struct kport *port;
    bool port_counted;
    int64_t port_took_ns; /* when it took its last packets (sys_now_ns): its run (port_wait.c) */

    /* Mutexes the thread owns (mutex.c; guarded by kdispatch_lock): abandoned when it ends. */
    struct kmutex *owned_mutexes;

    /* SetThreadPriority's value, which GetThreadPriority reports (Linux scheduling is untouched).
     */
    _Atomic int priority;

    /* CreateThread state. */
    LPTHREAD_START_ROUTINE start;
    LPVOID param;
    pthread_cond_t resume_cond;
    DWORD suspend_count;
};

/* The calling thread's state, created on first use; NULL only if out of memory. */
struct kthread *kthread_self(void);

/*
 * The calling thread blocks, or is back from blocking, in a wait that is not
 * kthread_sleep's (a futex of the Win32 locks): a port's running thread
 * lets another take its place meanwhile (kport_thread_block).  Returns
 * whether kthread_wait_end must be called.
 */
bool kthread_wait_begin(void);
void kthread_wait_end(void);

void kthread_release(struct kthread *t);

/* Makes t's current or next sleep return at once. */
void kthread_wake(struct kthread *t);

/*
 * Sleeps until the deadline (CLOCK_MONOTONIC ns, < 0 for none), a wake-up, or
 * one of the caller's descriptors being ready.  fds[0] is reserved: it is
 * filled in here with the wake-up descriptor, and the caller's own start at
 * fds[1]; nfds counts both.  fds may be NULL when nfds is 0.  Returns how
 * many of the caller's descriptors are ready (0 after a wake-up, a timeout or
 * a signal), or -1 with errno set.
 */
int kthread_sleep(struct kthread *t, int64_t deadline_ns, struct sys_pollfd *fds, unsigned nfds);

/*
 * Finishes an ExitThread that an APC or callback asked for while a library
 * call was running it (see exit_jmp).  Called where a library call returns
 * to the application; does nothing when no exit is pending.
 */
void kthread_exit_if_requested(void);

/* A referenced thread named by a thread handle or GetCurrentThread()'s pseudo-handle. */
struct kthread *kthread_from_handle(HANDLE h);

/* Deadline for a relative timeout in milliseconds (INFINITE gives -1). */
int64_t kdeadline_ms(DWORD milliseconds);

/* APCs (apc.c).  Queuing fails only when t has exited or memory is short. */
bool kthread_queue_apc(struct kthread *t, PAPCFUNC fn, ULONG_PTR arg);
/* As kthread_queue_apc, running before_wake(ctx) after queuing and before waking t. */
bool kthread_queue_apc_then(struct kthread *t, PAPCFUNC fn, ULONG_PTR arg,
                            void (*before_wake)(void *), void *ctx);
bool kthread_apc_pending(struct kthread *t);
/* Runs the calling thread's queued APCs; returns how many ran. */
unsigned kthread_run_apcs(struct kthread *t);
void kthread_drop_apcs(struct kthread *t);

#endif
