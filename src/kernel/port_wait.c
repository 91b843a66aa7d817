/*
 * Taking packets off a completion port: GetQueuedCompletionStatus and
 * GetQueuedCompletionStatusEx.  See port_impl.h for the queue and the
 * waiter stack.
 *
 * A waiting thread pushes a record on the port's waiter stack and sleeps on
 * its wake-up descriptor (kthread_sleep), so that kport_post, the handle's
 * close and QueueUserAPC all end the sleep; after each wake-up it looks,
 * under the port's lock, at what happened.  Whoever takes the record off
 * the stack decides the outcome: kport_post with a packet, the close
 * without one; the thread itself on a timeout or for its APCs.
 *
 * One thread at a time waits in the port's readiness set; the others park.
 * With two waiters in the set, a readiness that the port's running thread
 * had just caused (its send reached a socket of the same port) woke the
 * second waiter, and the running thread, back in the set first, took the
 * event: a wake-up for nothing per message, which cost as much as the
 * message (one connection, two workers on one port: 0.6 of raw epoll's
 * rate).  A waiter that finds another in the set sleeps on its own
 * descriptor instead (parked), where posts still reach it in Windows'
 * order, and enters the set when it is woken and finds nobody there (and
 * the concurrency value would let it run).  The thread in the set wakes a
 * parked one as it leaves when it took a full batch (more is ready than it
 * runs), leaves without a packet, or the port's threads run long between
 * packets (kport_worth_waking); while the
 * port's threads run and nobody waits in the set, readiness waits for the
 * first of them to come back, or for the engine thread, which watches a set
 * nobody came to for a tick (sys/engine.h).
 */
#include "kernel/port.h"

#include "kernel/handle.h"
#include "kernel/port_impl.h"
#include "kernel/thread.h"
#include "sys/engine.h"
#include "sys/sys.h"
#include "sys/usermem.h"

#define PORT_PENDING ((DWORD)0xFFFFFFFE)

/* STATUS_UNSUCCESSFUL: the status of a failed packet that has no OVERLAPPED to read one from. */
#define PORT_STATUS_FAILED ((ULONG_PTR)0xC0000001u)

/* The thread took a packet from port (which counted it): port is its port now. */
static void port__count(struct kport *port, struct kthread *self)
{
    if (self->port != port) {
        kport_ref(port);
        atomic_fetch_add_explicit(&port->threads, 1, memory_order_relaxed);
        if (self->port)
            kport_thread_leave(self->port);
        self->port = port;
    }
    self->port_counted = true;
}

/*
 * Detaches up to max queued packets (oldest first), and notes whether any
 * are left (kport_last_more; also after a take of none, by a waiter handed
 * its packet).  Called with the lock held.
 */
static struct kpacket *port__take(struct kport *port, ULONG max)
{
    struct kpacket *first = max ? port->head : NULL;
    if (first) {
        struct kpacket *last = first;
        unsigned taken = 1;
        for (; taken < max && last->next; taken++)
            last = last->next;
        port->queued -= taken;
        port->head = last->next;
        if (!port->head)
            port->tail = &port->head;
        last->next = NULL;
    }
    kport_last_more = port->head != NULL;
    return first;
}

/* A thread of the port ran for run_ns between its packets and coming back (port's lock held). */
static void port__ran(struct kport *port, int64_t run_ns)
{
    int64_t avg = atomic_load_explicit(&port->run_ns, memory_order_relaxed);
    atomic_store_explicit(&port->run_ns, avg + (run_ns - avg) / 8, memory_order_relaxed);
}

/*
 * w, settable, waits in the port's set from now on if nobody else does and
 * it could take a packet at once; else it stays parked (see above).  A
 * waiter that the concurrency value holds back would run the receives of
 * the ready sockets for the port's running threads to take, a wake-up per
 * readiness on their behalf (a pool of four workers on a port of
 * concurrency 2: 0.24 per round trip); the running threads find the
 * readiness when they come back.  Port's lock held.
 */
static void port__settle(struct kport *port, struct kport_waiter *w, struct sys_engine_set *set)
{
    if (!set || sys_engine_set_waiters(set) > 0 || port->active >= port->concurrency)
        return;
    w->inset = true;
    sys_engine_set_enter(set);
    port->unreaped = 0;
}

/* A parked waiter, the most recent, is woken to take the set's watch over (port's lock held). */
static void port__unpark_locked(struct kport *port, struct sys_engine_set *set)
{
    if (sys_engine_set_waiters(set) > 0)
        return;
    for (struct kport_waiter *w = port->waiters.next; w != &port->waiters; w = w->next) {
        if (w->settable && !w->inset) {
            kthread_wake(w->thread);
            return;
        }
    }
}

/*
 * Whether linked waiter w sleeps only until a stall could be noticed
 * (packets held back by the concurrency value): while one does, nobody is
 * woken to watch (kport_dispatch_locked).  Port's lock held.
 */
static void port__stall_watch(struct kport *port, struct kport_waiter *w, bool on)
{
    if (w->stall_watch != on) {
        w->stall_watch = on;
        port->stall_watchers += on ? 1u : (unsigned)-1;
    }
}

static void port__push_waiter(struct kport *port, struct kport_waiter *w)
{
    w->prev = &port->waiters;
    w->next = port->waiters.next;
    port->waiters.next->prev = w;
    port->waiters.next = w;
    w->linked = true;
    atomic_fetch_add_explicit(&port->waiting, 1, memory_order_relaxed);
}

/*
 * How many ready sockets a set waiter takes in one wait.  The waiter runs
 * their callbacks (the receives themselves) before anyone can take the
 * packets, so a batch is work that no other thread of the port can share:
 * - alone on its port, all it can (fewer system calls);
 * - with other threads, parked or busy, a middling share: a full batch
 *   wakes a parked one, and busy ones find readiness left in the set when
 *   they come back.  Taking all of it kept them asleep for the batch (two
 *   workers on one port at 50 connections: each asleep for about 130 us
 *   once in every 2.5 waits, 0.67 of the raw epoll program's rate, against
 *   0.87 with 16).
 */
static unsigned port__batch(struct kport *port)
{
    return atomic_load_explicit(&port->threads, memory_order_relaxed) > 1 ? 16 : 64;
}

/*
 * One wait of a waiter on the port's stack: in the port's readiness set,
 * running the callbacks that complete its sockets' operations, so that a
 * completion for this port is taken by the thread that made it
 * (sys/engine.h); or asleep on the thread's own descriptor.  Whether the
 * wait in the set took a full batch (more may be ready).
 */
static bool port__sleep(struct kport *port, struct kthread *self, struct kport_waiter *w,
                        struct sys_engine_set *set, int64_t deadline)
{
    if (!w->inset) {
        kthread_sleep(self, deadline, NULL, 0);
        return false;
    }
    /*
     * Several threads: one waits in the set while the others park, yet the
     * ring is for a port's only thread (two workers on one port at 50
     * connections ran at 0.5 of raw on the ring, 0.9 without).
     */
    if (atomic_load_explicit(&port->threads, memory_order_relaxed) > 1)
        sys_engine_set_shared(set);
    kport_set_waiting = port;
    unsigned max = port__batch(port);
    bool full = sys_engine_set_wait(set, deadline, max) >= max;
    /* This waiter looks at the queue next: its packets are its own to take, or to pass on. */
    kport_post_held(port, false);
    kport_set_waiting = NULL;
    return full;
}

/*
 * A thread that finds a packet at once in every call (each packet it
 * handles makes another: a client that reconnects as soon as its ConnectEx
 * completes) never waits in the port's set, so nobody would run the
 * completions of the port's sockets: the engine thread leaves a port whose
 * thread keeps taking packets to that thread (sys_engine_set_touch).  On
 * Windows the kernel queues them behind the others whatever the threads
 * do.  So after PORT_REAP_EVERY packets taken at once, the thread looks at
 * the set without waiting, as a waiter would, and the completions join the
 * queue: one system call for that many packets, and only while the queue
 * never empties.  (The churn benchmark's AcceptEx calls never completed in
 * runs where the ConnectEx completions kept the queue full from the start.)
 */
#define PORT_REAP_EVERY 32

static void port__reap(struct kport *port, struct sys_engine_set *set)
{
    kport_set_waiting = port;
    sys_engine_set_wait(set, 0, port__batch(port));
    kport_set_waiting = NULL;
    /*
     * Queued as posts from elsewhere, not as a waiter's: this thread has
     * its packet and does not look at the queue again before it returns,
     * so a set waiter that came meanwhile is woken for them (port__wake).
     * They are this thread's own posts for the batch hint
     * (kport_current_has_more), as kport_post counts them.
     */
    if (kport_post_held(port, true))
        kport_last_more = true;
    /* The look may have taken the wake-up meant for such a waiter: passed on. */
    if (sys_engine_set_waiters(set) > 0)
        sys_engine_set_wake(set);
}

/*
 * How long packets may stay held back by the concurrency value while no
 * counted thread stops counting, before a waiter takes one anyway (port.c).
 */
#define PORT_STALL_MS 1000

/*
 * Whether the caller may take a packet now: there is one, and the port's
 * running threads are fewer than its concurrency value, or they have been
 * holding it back for PORT_STALL_MS without any of them stopping (they are
 * then blocked where we cannot see).  *seen and *since track the port's
 * uncounts for that.  Port's lock held.
 */
static bool port__may_take(struct kport *port, unsigned long *seen, int64_t *since)
{
    if (!port->head)
        return false;
    if (port->active < port->concurrency)
        return true;
    int64_t now = sys_now_ns();
    if (*since < 0 || port->uncounts != *seen) {
        *seen = port->uncounts;
        *since = now;
        return false;
    }
    return now - *since >= (int64_t)PORT_STALL_MS * 1000000;
}

/*
 * Removes up to max packets, waiting up to ms for the first.  Returns 0
 * with *chain set, WAIT_TIMEOUT, ERROR_ABANDONED_WAIT_0 (the handle was
 * closed), or WAIT_IO_COMPLETION after running the thread's APCs (alertable
 * only).  Queued packets win over queued APCs, as they do on Windows: the
 * APCs then run in the thread's next alertable wait.
 *
 * Coming back to a port ends the thread's run: it stops counting as
 * running, and counts again (for this port) once it takes a packet.
 *
 * An APC may call ExitThread: kthread_run_apcs catches that and returns, so
 * it runs last, once the waiter record is off the port's stack; the caller
 * releases the port and then calls kthread_exit_if_requested.
 *
 * A wait that is not alertable waits in the port's readiness set, if it has
 * one (port__sleep); an alertable one may not, since QueueUserAPC wakes a
 * thread through its own descriptor.
 */
static DWORD port__remove(struct kport *port, struct kthread *self, ULONG max, DWORD ms,
                          bool alertable, struct kpacket **chain)
{
    int64_t deadline = kdeadline_ms(ms);
    struct kport_waiter w = {.thread = self};
    DWORD result = PORT_PENDING;
    struct sys_engine_set *set =
        alertable ? NULL : atomic_load_explicit(&port->set, memory_order_acquire);
    unsigned long seen = 0;
    int64_t since = -1;
    bool reap = false, full = false;

    /*
     * Back at its own port, the thread stops counting and then looks at the
     * queue itself: a packet that its return makes available is its own to
     * take, as on Windows, not a reason to wake another thread.
     */
    bool back = self->port_counted && self->port == port;
    if (!back)
        kport_thread_block(self);
    *chain = NULL;
    int64_t now = sys_now_ns();
    pthread_mutex_lock(&port->lock);
    if (back) {
        port->active--;
        port->uncounts++;
        self->port_counted = false;
        port__ran(port, now - self->port_took_ns);
    }
    for (;;) {
        if (port__may_take(port, &seen, &since)) {
            *chain = port__take(port, max);
            port->active++;
            result = 0;
            reap = set && ++port->unreaped >= PORT_REAP_EVERY;
            if (reap)
                port->unreaped = 0;
        } else if (port->closed) {
            result = ERROR_ABANDONED_WAIT_0;
        } else if (alertable && kthread_apc_pending(self)) {
            result = WAIT_IO_COMPLETION;
        } else if (ms == 0) {
            result = WAIT_TIMEOUT;
        } else {
            /* Under the lock with the look above: a post after it sees this waiter. */
            w.settable = !alertable;
            port__settle(port, &w, set);
            port__push_waiter(port, &w);
            port__stall_watch(port, &w, since >= 0);
        }
        break;
    }
    /* Back at the port (or in it): what a running thread of it owed is settled. */
    kport_settle_locked(port, result == 0);
    pthread_mutex_unlock(&port->lock);
    /*
     * Requests the thread left to its next wait in the port's ring
     * (overlapped_ring.c) go now when that wait is not in the ring: an
     * alertable wait sleeps on the thread's own descriptor, and a poll that
     * finds nothing returns without waiting at all.
     */
    struct sys_engine_set *own = set ? set : atomic_load_explicit(&port->set, memory_order_acquire);
    if (own && (result == PORT_PENDING ? !w.inset : result != 0))
        sys_ring_flush(own);
    /* A packet taken at once is a sign of life too: the engine thread need not watch. */
    if (set && result == 0)
        sys_engine_set_touch(set);
    /* A thread waiting in the set runs what is ready itself. */
    if (reap && sys_engine_set_waiters(set) == 0)
        port__reap(port, set);

    while (result == PORT_PENDING) {
        /*
         * The descriptor stays readable from a wake-up until this sleep
         * drains it, and every condition is checked again after the sleep,
         * so a post, close or APC that comes before it is not missed.
         * While packets are held back, the sleep ends in time to notice a
         * stall.
         */
        int64_t until = deadline;
        if (since >= 0) {
            int64_t stall = since + (int64_t)PORT_STALL_MS * 1000000;
            if (until < 0 || stall < until)
                until = stall;
        }
        full = port__sleep(port, self, &w, set, until);
        pthread_mutex_lock(&port->lock);
        if (w.packet) {
            /* More may have been queued since, for the same run of this thread. */
            w.packet->next = port__take(port, max - 1);
            *chain = w.packet;
            result = 0;
        } else if (!w.linked) {
            result = ERROR_ABANDONED_WAIT_0;
        } else if (port__may_take(port, &seen, &since)) {
            kport_waiter_unlink(port, &w);
            *chain = port__take(port, max);
            port->active++;
            result = 0;
        } else if (alertable && kthread_apc_pending(self)) {
            kport_waiter_unlink(port, &w);
            result = WAIT_IO_COMPLETION;
        } else if (deadline >= 0 && sys_now_ns() >= deadline) {
            kport_waiter_unlink(port, &w);
            result = WAIT_TIMEOUT;
        } else if (!port->head) {
            since = -1; /* nothing held back: sleep until woken */
        }
        if (result == PORT_PENDING)
            port__stall_watch(port, &w, since >= 0);
        /* Held back by the concurrency value: the set is the running threads' (port__settle). */
        bool leave = result == PORT_PENDING && w.inset && port->active >= port->concurrency;
        if (leave)
            w.inset = false;
        else if (result == PORT_PENDING && w.settable && !w.inset) {
            set = atomic_load_explicit(&port->set, memory_order_relaxed);
            port__settle(port, &w, set);
        }
        /*
         * A set waiter that leaves packets behind (its callbacks made more
         * than it takes) passes them on, as the posts did not wake anyone;
         * or, going to run with a packet, keeps them owed when it is back
         * for them before another thread could be woken (port.c:
         * kport_post_inline).
         */
        if (result != PORT_PENDING && w.inset && port->head)
            kport_left_locked(port, result == 0);
        pthread_mutex_unlock(&port->lock);
        if (leave)
            sys_engine_set_leave(set);
        if (result == 0)
            now = sys_now_ns();
    }
    if (w.inset) {
        sys_engine_set_leave(set);
        /* The close woke one set waiter; each one woken wakes the next. */
        if (result == ERROR_ABANDONED_WAIT_0 && sys_engine_set_waiters(set) > 0)
            sys_engine_set_wake(set);
        /*
         * More is ready than this thread ran, or it leaves without a packet,
         * or for a run long enough that readiness meanwhile would wait: a
         * parked one watches.
         */
        if (full || result == WAIT_TIMEOUT || (result == 0 && kport_worth_waking(port, 1))) {
            pthread_mutex_lock(&port->lock);
            port__unpark_locked(port, set);
            pthread_mutex_unlock(&port->lock);
        }
    }

    kport_last_taken = result == 0 ? port : NULL;
    if (result == 0) {
        port__count(port, self);
        self->port_took_ns = now;
    }
    if (result == WAIT_IO_COMPLETION)
        kthread_run_apcs(self);
    return result;
}

/* The port for a wait, with the last error set when there is none (or no thread state). */
static struct kport *port__enter(HANDLE h, struct kthread **self)
{
    /*
     * The port the thread took its last packet from, the one it waits on
     * again as a rule, is held by the thread (kthread.port): naming it needs
     * no reference on the handle's slot.  Taking one cost two atomic
     * operations per wait on a cache line that every thread of the port
     * wrote (handle_ref was the costliest function of ours in a profile of
     * two workers on one port).
     */
    *self = kthread_self();
    struct kport *port;
    if (*self && (*self)->port && handle_names((uintptr_t)h, KOBJ_PORT, &(*self)->port->obj)) {
        port = (*self)->port;
        kport_ref(port);
    } else {
        port = kport_from_handle(h);
    }
    if (!port) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (!*self) {
        kport_unref(port);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return port;
}

/*
 * GetQueuedCompletionStatus, return value: a packet of a successful
 * operation gives TRUE and fills the three variables.  "If *lpOverlapped is
 * NULL, the function did not dequeue a completion packet from the
 * completion port.  In this case, the function does not store information
 * in the variables pointed to by the lpNumberOfBytes and lpCompletionKey
 * parameters"; a timeout reads WAIT_TIMEOUT.  "If *lpOverlapped is not NULL
 * and the function dequeues a completion packet for a failed I/O operation
 * from the completion port, the function stores information about the
 * failed operation in the variables pointed to by lpNumberOfBytes,
 * lpCompletionKey, and lpOverlapped", returns FALSE, and GetLastError is the
 * operation's error.  The wait is not alertable.
 *
 * Windows writes through the three pointers (a NULL one faults, or fails
 * with ERROR_NOACCESS from the kernel's probe).  Here a NULL one fails with
 * ERROR_INVALID_PARAMETER, as ReactOS's kernel32 long did, before any packet
 * is taken, so that nothing is lost.
 */
BOOL WINAPI GetQueuedCompletionStatus(HANDLE CompletionPort, LPDWORD lpNumberOfBytesTransferred,
                                      PULONG_PTR lpCompletionKey, LPOVERLAPPED *lpOverlapped,
                                      DWORD dwMilliseconds)
{
    /*
     * The kernel probes the three outputs before it waits: ERROR_NOACCESS, no
     * packet taken.  Every one given is probed, also beside a NULL one, since
     * *lpOverlapped is written below before the NULLs are refused.
     */
    struct sys_user_span out[] = {
        {lpNumberOfBytesTransferred, lpNumberOfBytesTransferred ? sizeof(DWORD) : 0, true},
        {lpCompletionKey, lpCompletionKey ? sizeof(ULONG_PTR) : 0, true},
        {lpOverlapped, lpOverlapped ? sizeof(LPOVERLAPPED) : 0, true}};
    if (!sys_user_check(out, 3)) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    if (lpOverlapped)
        *lpOverlapped = NULL;
    if (!lpNumberOfBytesTransferred || !lpCompletionKey || !lpOverlapped) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct kthread *self;
    struct kport *port = port__enter(CompletionPort, &self);
    if (!port)
        return FALSE;

    struct kpacket *packet;
    DWORD result = port__remove(port, self, 1, dwMilliseconds, false, &packet);
    kport_unref(port);
    if (result != 0) {
        SetLastError(result);
        return FALSE;
    }
    *lpNumberOfBytesTransferred = packet->bytes;
    *lpCompletionKey = packet->key;
    *lpOverlapped = packet->overlapped;
    DWORD error = packet->error;
    if (packet->release)
        packet->release(packet);
    if (error != 0) {
        SetLastError(error);
        return FALSE;
    }
    return TRUE;
}

/*
 * OVERLAPPED_ENTRY.Internal is "[r]eserved": Windows leaves the packet's
 * NTSTATUS there.  A success is 0; a failed socket operation wrote its
 * status into its OVERLAPPED before posting (the provider's completion),
 * so that is read back; a failed packet without one reads as
 * STATUS_UNSUCCESSFUL.
 */
static ULONG_PTR port__status(const struct kpacket *packet)
{
    if (packet->error == 0)
        return 0;
    if (packet->overlapped)
        return __atomic_load_n(&packet->overlapped->Internal, __ATOMIC_ACQUIRE);
    return PORT_STATUS_FAILED;
}

/*
 * GetQueuedCompletionStatusEx: removes up to ulCount packets at once and
 * waits only for the first.  Every packet goes into the array, failed ones
 * included (their status in Internal); the call succeeds if it removed any.
 * fAlertable: "If the parameter is TRUE and no entries are available, the
 * function performs an alertable wait.  The thread returns when the system
 * queues an I/O completion routine or APC to the thread and the thread
 * executes the function."  The call then fails with WAIT_IO_COMPLETION (the
 * NT layer's STATUS_USER_APC), having removed nothing; a timeout fails with
 * WAIT_TIMEOUT.  ulCount 0, or a NULL array or count pointer, is
 * ERROR_INVALID_PARAMETER.
 */
BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE CompletionPort,
                                        LPOVERLAPPED_ENTRY lpCompletionPortEntries, ULONG ulCount,
                                        PULONG ulNumEntriesRemoved, DWORD dwMilliseconds,
                                        BOOL fAlertable)
{
    /* As above: every output given is probed before *ulNumEntriesRemoved is written. */
    struct sys_user_span out[] = {
        {ulNumEntriesRemoved, ulNumEntriesRemoved ? sizeof(ULONG) : 0, true},
        {lpCompletionPortEntries, lpCompletionPortEntries ? ulCount * sizeof(OVERLAPPED_ENTRY) : 0,
         true}};
    if (!sys_user_check(out, 2)) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    if (ulNumEntriesRemoved)
        *ulNumEntriesRemoved = 0;
    if (!lpCompletionPortEntries || !ulNumEntriesRemoved || ulCount == 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct kthread *self;
    struct kport *port = port__enter(CompletionPort, &self);
    if (!port)
        return FALSE;

    struct kpacket *packet;
    DWORD result = port__remove(port, self, ulCount, dwMilliseconds, fAlertable != FALSE, &packet);
    kport_unref(port);
    if (result != 0) {
        /* An APC of this wait may have called ExitThread: finish it now that nothing is held. */
        kthread_exit_if_requested();
        SetLastError(result);
        return FALSE;
    }
    ULONG n = 0;
    while (packet) {
        struct kpacket *next = packet->next;
        OVERLAPPED_ENTRY *e = &lpCompletionPortEntries[n++];
        e->lpCompletionKey = packet->key;
        e->lpOverlapped = packet->overlapped;
        e->Internal = port__status(packet);
        e->dwNumberOfBytesTransferred = packet->bytes;
        if (packet->release)
            packet->release(packet);
        packet = next;
    }
    *ulNumEntriesRemoved = n;
    return TRUE;
}
