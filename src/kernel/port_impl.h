/*
 * Inside a completion port (port.c, port_wait.c, ksocket.c).  Everyone else
 * uses port.h.
 *
 * One mutex per port guards its packet queue, its waiter stack, its count
 * of running threads and its closed flag; no lock is shared between ports.
 * Packets wait in the queue only while no thread waits, or while the
 * concurrency value holds the waiters back: kport_dispatch_locked hands
 * the oldest packet to the most recent waiter whenever the count allows.
 * That gives Windows' orders: packets leave in FIFO order, and waiting
 * threads are served last-in first-out.
 */
#ifndef WS2_KERNEL_PORT_IMPL_H
#define WS2_KERNEL_PORT_IMPL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "kernel/kobj.h"
#include "kernel/ksocket.h"
#include "kernel/port.h"
#include "sys/tls.h"

struct kthread;

/* A thread blocked in GetQueuedCompletionStatus(Ex); lives on its stack. */
struct kport_waiter {
    struct kport_waiter *prev, *next; /* in kport.waiters, most recent first */
    struct kthread *thread;
    struct kpacket *packet; /* handed over by kport_post, which unlinks the waiter */
    bool linked;            /* false once kport_post or the handle's close took it off */
    bool inset;             /* waits in the port's readiness set, not on its own descriptor */
    bool settable;          /* would wait in the set if the port had one (not alertable) */
    bool stall_watch;       /* its sleep ends in time to notice packets held back (port_wait.c) */
};

struct kport {
    struct kobj obj; /* the handle table's object (KOBJ_PORT) */
    /*
     * References to the object: the handle's own (dropped when the handle
     * is gone), one per associated socket, one per call in progress.  The
     * handle table's per-slot count only covers the handle.
     */
    _Atomic long refs;
    DWORD concurrency; /* NumberOfConcurrentThreads (0 became the processor count) */
    /*
     * Threads whose port this is (kthread.port: the port each last took a
     * packet from, as a Windows thread is associated with the last port it
     * waited on), running or waiting; port_wait.c sizes a wait's batch by it.
     */
    _Atomic unsigned threads;
    /* Threads on the waiters list (written under lock, read as a hint: kport_current_alone). */
    _Atomic unsigned waiting;

    pthread_mutex_t lock;
    bool closed;                  /* the handle has been closed */
    DWORD active;                 /* threads counted as running (port.c, concurrency) */
    unsigned long uncounts;       /* times a counted thread stopped counting */
    struct kpacket *head, **tail; /* queued packets, oldest first */
    unsigned queued;              /* how many */
    struct kport_waiter waiters;  /* list head of the waiting threads */
    unsigned unreaped;            /* packets taken at once since a thread waited in the set */
    unsigned stall_watchers;      /* waiters with stall_watch set */
    /*
     * Completions the port's running threads posted without waking anyone
     * (kport_post_inline): when the oldest was queued (sys_now_ns), 0 if
     * none is owed; and whether the port is on port_owed.c's list, linked by
     * owed_next (the list's own lock guards that).
     */
    int64_t owed_ns;
    bool owed_listed;
    struct kport *owed_next;
    /*
     * How long the port's threads run between taking packets and coming
     * back, averaged (port_wait.c), in ns: written under lock, read as a
     * hint.
     */
    _Atomic int64_t run_ns;
    /*
     * The readiness set of the port's sockets (sys/engine.h), made at the
     * first watch of an associated socket and kept until the object goes.
     */
    struct sys_engine_set *_Atomic set;
};

/*
 * The port whose readiness set the calling thread waits in and runs
 * callbacks for (port_wait.c), or NULL: a packet that such a callback posts
 * to that port needs no wake-up, since the thread looks at the queue as
 * soon as its callbacks are done.
 */
extern SYS_TLS struct kport *kport_set_waiting;

/*
 * Posts the packets the calling thread's callbacks queued for
 * kport_set_waiting during its wait (kport_post keeps them aside, so that a
 * reap of many completions takes the port's lock once, not once each).
 * Called before the thread leaves kport_set_waiting by a waiter, which
 * looks at the queue next (nobody is woken for them); after, by a thread
 * that looked at the set without waiting (port_wait.c: port__reap).
 * Whether there were any.
 */
bool kport_post_held(struct kport *port, bool dispatch);

/* The port the calling thread last took a packet from (a hint: never dereferenced). */
extern SYS_TLS struct kport *kport_last_taken;
/*
 * Whether that take left packets queued, or the thread has posted to that
 * port since (a hint, read without the port's lock).
 */
extern SYS_TLS bool kport_last_more;

/*
 * Takes a waiter off its port's stack and wakes it, after the caller has
 * set what it will find (a packet, or none for the close); called with the
 * port's lock held, so the waiter cannot have left and its thread state is
 * still there.
 */
void kport_waiter_release(struct kport *port, struct kport_waiter *w);

/*
 * Hands queued packets to waiting threads, oldest packet to the most recent
 * waiter, while the port's running threads are fewer than its concurrency
 * value; each thread served counts as running.  A waiter in the readiness
 * set is not handed a packet (Linux picks which one wakes): when it is the
 * most recent, one set waiter is woken to take from the queue itself.  If
 * packets are left while threads wait, the most recent waiter is woken
 * (without a packet) so that it watches for a stall (port_wait.c).  Port's
 * lock held.
 */
void kport_dispatch_locked(struct kport *port);

/*
 * Whether packets, handled by the thread that has them, would keep it from
 * the port long enough that waking another thread for them pays: a wake-up
 * and a thread switch cost about PORT_WAKE_WORTH_NS of the woken thread's
 * start (10-40 us measured on the 2-CPU virtual machine of the benchmarks,
 * a few on bare metal), against the port's average run per packet.  A hint,
 * without the lock.
 */
#define PORT_WAKE_WORTH_NS ((int64_t)20000)

static inline bool kport_worth_waking(const struct kport *port, unsigned packets)
{
    return (int64_t)packets * atomic_load_explicit(&port->run_ns, memory_order_relaxed) >=
           PORT_WAKE_WORTH_NS;
}

/*
 * Packets are owed (kport_post_inline queued one without a wake-up): the
 * port goes on the list that the engine thread's tick looks at, so that
 * they are handed out (kport_dispatch_locked) if none of the port's threads
 * comes back for them within a tick.  Port's lock held.
 */
void kport_owed_locked(struct kport *port);

/*
 * Packets queued that nobody was woken for, as a thread leaves the port's
 * wait (taking: with a packet, to run again): while the thread is back for
 * them before another could be woken (kport_worth_waking) they are owed to
 * it, as its own completions are (kport_post_inline), to its next return or
 * the tick; otherwise they are handed to waiters as a post would have.
 * Port's lock held.
 */
static inline void kport_left_locked(struct kport *port, bool taking)
{
    if (port->head && taking && !kport_worth_waking(port, port->queued)) {
        kport_owed_locked(port);
        return;
    }
    port->owed_ns = 0;
    kport_dispatch_locked(port);
}

/* A thread of the port came back to it: what was owed is settled (kport_left_locked). */
static inline void kport_settle_locked(struct kport *port, bool taking)
{
    if (port->owed_ns)
        kport_left_locked(port, taking);
}

/* A thread's port (kthread.port) is no longer port: its count and reference go. */
void kport_thread_leave(struct kport *port);

/* Takes a waiter off its port's stack; called with the port's lock held. */
static inline void kport_waiter_unlink(struct kport *port, struct kport_waiter *w)
{
    w->prev->next = w->next;
    w->next->prev = w->prev;
    w->linked = false;
    if (w->stall_watch) {
        w->stall_watch = false;
        port->stall_watchers--;
    }
    atomic_fetch_sub_explicit(&port->waiting, 1, memory_order_relaxed);
}

/*
 * A new port and its handle (with the last error set and NULL on failure).
 * With out non-NULL, *out gets the object with a reference of the caller's.
 */
HANDLE kport_create(DWORD concurrency, struct kport **out);

/*
 * Marks the port closed (its handle is gone): wakes its waiters with
 * ERROR_ABANDONED_WAIT_0, drops its packets, refuses later ones.  Safe to
 * call more than once.
 */
void kport_close(struct kport *port);

#endif
