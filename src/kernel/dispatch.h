/*
 * The dispatcher: waitable objects (events, threads) and the threads that
 * wait on them, as in the NT kernel.  One lock guards every waitable's
 * signal state and wait list, which makes WaitForMultipleObjects(bWaitAll)
 * atomic across objects.  Handle lookups never take this lock.
 *
 * A waiting thread links one wait block per object into the objects' wait
 * lists and sleeps on its wake-up descriptor (kthread_sleep); whoever
 * signals an object satisfies the waits it can, unlinks them and wakes their
 * threads.  Alertable waits also wake for queued APCs.
 */
#ifndef WS2_KERNEL_DISPATCH_H
#define WS2_KERNEL_DISPATCH_H

#include <pthread.h>
#include <stdbool.h>

#include <windows.h>

#include "kernel/kobj.h"

struct kthread;
struct kwait;

struct kwait_block {
    struct kwait_block *prev, *next;
    struct kwait *wait;
    struct kwaitable *object;
    unsigned index;
};

/*
 * Objects whose state depends on the waiting thread (a mutex is signaled for
 * its owner even while owned) or that count (semaphores) supply these; the
 * dispatcher calls them with kdispatch_lock held.  NULL for events and
 * threads, whose state is the signaled flag alone.
 */
struct kwaitable_ops {
    /* Whether a wait by thread t would be satisfied now. */
    bool (*signaled_for)(struct kwaitable *w, struct kthread *t);
    /* Satisfies t's wait (takes ownership, a count ...); true if it was an abandoned mutex. */
    bool (*acquire)(struct kwaitable *w, struct kthread *t);
};

struct kwaitable {
    struct kobj obj;
    bool signaled;
    bool auto_reset;            /* a satisfied wait resets it (auto-reset events) */
    struct kwait_block waiters; /* list head */
    const struct kwaitable_ops *wops;
};

extern pthread_mutex_t kdispatch_lock;

void kwaitable_init(struct kwaitable *w, const struct kobj_ops *ops, bool signaled,
                    bool auto_reset);

/* Sets w signaled and satisfies the waits it can.  Caller holds kdispatch_lock. */
void kwaitable_signal_locked(struct kwaitable *w);

/*
 * Waits for one (bAll false) or all of objects[0..n) like
 * WaitForMultipleObjectsEx: returns WAIT_OBJECT_0 + i, WAIT_ABANDONED_0 + i
 * (a mutex whose owner ended), WAIT_TIMEOUT or WAIT_IO_COMPLETION
 * (alertable, after running the thread's APCs).
 */
DWORD kwait_objects(struct kwaitable **objects, unsigned n, bool all, DWORD milliseconds,
                    bool alertable);

#endif
