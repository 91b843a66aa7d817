/*
 * I/O completion ports: the port object, its queue, its handle's close, and
 * CreateIoCompletionPort / PostQueuedCompletionStatus.  The waits
 * (GetQueuedCompletionStatus and ...Ex) are in port_wait.c; the socket side
 * of an association in ksocket.c.  See port.h and port_impl.h.
 *
 * "I/O Completion Ports": completion packets are "queued in first-in-
 * first-out (FIFO) order", and "[t]hreads that block their execution on an
 * I/O completion port are released in last-in-first-out (LIFO) order".
 *
 * Concurrency value.  Windows keeps at most NumberOfConcurrentThreads of the
 * port's threads running: a thread counts from the moment it is given a
 * packet until it waits on the port again; while it blocks elsewhere it
 * does not count, and "when the running thread ... resumes, there may be
 * more running threads than the concurrency value" (I/O Completion
 * Ports).  Linux does not tell us when a thread blocks, but every wait of
 * this library goes through kthread_sleep, which reports the block and the
 * resumption here (kport_thread_block/resume), or reports them through
 * kthread_wait_begin/end (Sleep, the futexes of the Win32 locks), so
 * Winsock calls, WaitFor*, Sleep(Ex), critical sections, SRW locks,
 * condition variables and GetQueuedCompletionStatus on another port all
 * free the thread's place.  A thread blocked where we cannot see it (a
 * plain Linux call, a pthread mutex) keeps its place; so that such a
 * thread can never hold the others back for good, a waiter that finds
 * packets held back and no counted thread stopping for PORT_STALL_MS (a
 * second) takes one anyway (port_wait.c), as a resumed thread would exceed
 * the value on Windows.
 */
#include "kernel/port.h"

#include <stdlib.h>
#include <unistd.h>

#include "kernel/handle.h"
#include "kernel/port_impl.h"
#include "kernel/thread.h"
#include "sys/engine.h"
#include "sys/tls.h"

SYS_TLS struct kport *kport_set_waiting;
SYS_TLS struct kport *kport_last_taken;
SYS_TLS bool kport_last_more;
/*
 * What this thread's callbacks posted to kport_set_waiting while it waited
 * there, oldest first (kport_post_held posts them).
 */
static SYS_TLS struct kpacket *port__held, *port__held_last;
static SYS_TLS unsigned port__held_count;

bool kport_current_took_from(struct kport *port)
{
    return kport_last_taken == port;
}

bool kport_current_alone(struct kport *port)
{
    return kport_last_taken == port &&
           atomic_load_explicit(&port->threads, memory_order_relaxed) <= 1 &&
           atomic_load_explicit(&port->waiting, memory_order_relaxed) == 0;
}

bool kport_current_has_more(struct kport *port)
{
    /*
     * As the take left the queue, or this thread's own posts since, without
     * the lock: the caller only decides whether to leave an operation to its
     * next wait.  A packet another thread took meanwhile costs that
     * operation one handler's delay at most; one another thread posted
     * meanwhile, an operation tried at once rather than left to the wait.
     */
    return kport_last_taken == port && kport_last_more;
}

static void port__free(struct kport *port)
{
    struct sys_engine_set *set = atomic_load(&port->set);
    if (set)
        sys_engine_set_free(set);
    pthread_mutex_destroy(&port->lock);
    free(port);
}

struct sys_engine_set *kport_engine_set(struct kport *port)
{
    struct sys_engine_set *set = atomic_load_explicit(&port->set, memory_order_acquire);
    if (set)
        return set;
    pthread_mutex_lock(&port->lock);
    set = atomic_load_explicit(&port->set, memory_order_relaxed);
    if (!set) {
        set = sys_engine_set_new();
        if (set) {
            atomic_store_explicit(&port->set, set, memory_order_release);
            /*
             * Threads that began waiting before the port had a set wait on
             * their own descriptors, where only a post from elsewhere
             * reaches them: a worker that takes every completion itself
             * would leave them asleep for good.  They move into the set.
             */
            for (struct kport_waiter *w = port->waiters.next; w != &port->waiters; w = w->next)
                if (!w->inset && w->settable)
                    kthread_wake(w->thread);
        }
    }
    pthread_mutex_unlock(&port->lock);
    return set;
}

void kport_ref(struct kport *port)
{
    atomic_fetch_add_explicit(&port->refs, 1, memory_order_relaxed);
}

void kport_unref(struct kport *port)
{
    if (atomic_fetch_sub_explicit(&port->refs, 1, memory_order_acq_rel) == 1)
        port__free(port);
}

struct kport *kport_from_handle(HANDLE h)
{
    struct kobj *obj = handle_ref((uintptr_t)h, KOBJ_PORT);
    if (!obj)
        return NULL;
    struct kport *port = (struct kport *)obj;
    /*
     * Trade the handle reference for an object one: a call that waits on the
     * port must not keep the handle's slot busy, or its close (and with it
     * the waiters' ERROR_ABANDONED_WAIT_0) would wait for those very calls.
     */
    kport_ref(port);
    handle_unref((uintptr_t)h);
    return port;
}

/*
 * Ends a waiter's sleep, or the wait of one thread in the port's set for a
 * set waiter (nothing if the caller is one: it will look); port's lock held.
 */
static void port__wake(struct kport *port, struct kport_waiter *w)
{
    if (!w->inset)
        kthread_wake(w->thread);
    else if (kport_set_waiting != port)
        sys_engine_set_wake(atomic_load_explicit(&port->set, memory_order_relaxed));
}

void kport_waiter_release(struct kport *port, struct kport_waiter *w)
{
    kport_waiter_unlink(port, w);
    port__wake(port, w);
}

static void port__release_all(struct kpacket *packet)
{
    while (packet) {
        struct kpacket *next = packet->next;
        if (packet->release)
            packet->release(packet);
        packet = next;
    }
}

/*
 * Queues the chain first..last and hands it to waiters (dispatch), or notes
 * it owed (owed: kport_post_inline), or neither (the caller takes it
 * itself); a closed port releases it instead (false).
 */
enum port__then { PORT_DISPATCH, PORT_OWED, PORT_TAKEN_BY_CALLER };

static bool port__queue(struct kport *port, struct kpacket *first, struct kpacket *last,
                        unsigned count, enum port__then then)
{
    pthread_mutex_lock(&port->lock);
    if (port->closed) {
        pthread_mutex_unlock(&port->lock);
        port__release_all(first);
        return false;
    }
    *port->tail = first;
    port->tail = &last->next;
    port->queued += count;
    /* A port whose threads run long between packets gets its thread woken as a post would. */
    if (then == PORT_OWED && kport_worth_waking(port, 1))
        then = PORT_DISPATCH;
    if (then == PORT_DISPATCH)
        kport_dispatch_locked(port);
    else if (then == PORT_OWED)
        kport_owed_locked(port);
    pthread_mutex_unlock(&port->lock);
    return true;
}

bool kport_post(struct kport *port, struct kpacket *packet)
{
    packet->next = NULL;
    if (port == kport_set_waiting) {
        /*
         * A callback of this thread's wait in the port's set: nobody is to
         * be woken for it (port__wake), and the thread looks at the queue
         * as soon as its callbacks are done, so the packet joins the others
         * of this wait and they are queued together.
         */
        if (port__held)
            port__held_last->next = packet;
        else
            port__held = packet;
        port__held_last = packet;
        port__held_count++;
        return true;
    }
    /* The thread's own completion is one more for its batch (kport_current_has_more). */
    if (port == kport_last_taken)
        kport_last_more = true;
    return port__queue(port, packet, packet, 1, PORT_DISPATCH);
}

/*
 * Why an inline completion wakes nobody.  A running thread of the port that
 * completes its own operation inside the call (a send the socket took at
 * once) is back at the port as a rule before another thread could be
 * scheduled: waking a waiter for the packet cost a wake-up and a thread
 * switch per message, and the thread woken mostly found the packet gone
 * (one connection, two workers on one port: 0.6 of raw epoll's rate, 1.1
 * without).  Windows would release a waiting thread for it ("I/O Completion
 * Ports": the concurrency value allows it); here the packet waits for the
 * thread to come back, to block (kport_thread_block hands it out), or for
 * the engine thread's tick (2-4 ms), whichever is first; unless the port's
 * threads run long between packets (kport_worth_waking), when it is
 * handed out at once, as on Windows.  Posts the
 * application makes (PostQueuedCompletionStatus) are handed out at once:
 * they are how programs spread work over their threads.
 */
bool kport_post_inline(struct kport *port, struct kpacket *packet)
{
    if (port != kport_last_taken || port == kport_set_waiting)
        return kport_post(port, packet);
    packet->next = NULL;
    kport_last_more = true;
    return port__queue(port, packet, packet, 1, PORT_OWED);
}

bool kport_post_held(struct kport *port, bool dispatch)
{
    struct kpacket *first = port__held, *last = port__held_last;
    if (!first)
        return false;
    unsigned count = port__held_count;
    port__held = port__held_last = NULL;
    port__held_count = 0;
    port__queue(port, first, last, count, dispatch ? PORT_DISPATCH : PORT_TAKEN_BY_CALLER);
    return true;
}

void kport_dispatch_locked(struct kport *port)
{
    struct kport_waiter *w;
    while (port->head && (w = port->waiters.next) != &port->waiters &&
           port->active < port->concurrency) {
        if (w->inset) {
            /* A set waiter takes from the queue itself, and passes on what it leaves. */
            port__wake(port, w);
            return;
        }
        struct kpacket *packet = port->head;
        port->head = packet->next;
        if (!port->head)
            port->tail = &port->head;
        port->queued--;
        packet->next = NULL;
        /*
         * The waiter is woken under the lock: it cannot have left its wait
         * (it needs the lock to see the packet), so its thread state is
         * still there.
         */
        w->packet = packet;
        port->active++;
        kport_waiter_release(port, w);
    }
    w = port->waiters.next;
    if (port->head && w != &port->waiters && port->stall_watchers == 0) {
        /*
         * Held back by the count: the waiter watches for a stall, unless
         * one does already (a pool of four workers on a port of concurrency
         * 2 woke one at nearly every dispatch: 0.4-0.6 thread switches per
         * round trip).
         */
        port__wake(port, w);
    }
}

/* Stops counting t as one of its port's running threads (t->port_counted). */
static void port__uncount(struct kthread *t)
{
    struct kport *port = t->port;
    pthread_mutex_lock(&port->lock);
    port->active--;
    port->uncounts++;
    port->owed_ns = 0; /* handed out here */
    kport_dispatch_locked(port);
    pthread_mutex_unlock(&port->lock);
}

void kport_thread_block(struct kthread *t)
{
    if (!t->port_counted)
        return;
    /*
     * Requests the thread left to its next wait in the port's ring
     * (overlapped_ring.c) start now: that wait is not coming soon.
     */
    struct sys_engine_set *set = atomic_load_explicit(&t->port->set, memory_order_acquire);
    if (set)
        sys_ring_flush(set);
    port__uncount(t);
    t->port_counted = false;
}

void kport_thread_resume(struct kthread *t)
{
    struct kport *port = t->port;
    pthread_mutex_lock(&port->lock);
    port->active++;
    pthread_mutex_unlock(&port->lock);
    t->port_counted = true;
}

void kport_thread_leave(struct kport *port)
{
    atomic_fetch_sub_explicit(&port->threads, 1, memory_order_relaxed);
    kport_unref(port);
}

void kport_thread_exit(struct kthread *t)
{
    kport_thread_block(t);
    if (t->port)
        kport_thread_leave(t->port);
    t->port = NULL;
}

/*
 * The handle is closed.  GetQueuedCompletionStatus: "If a call to
 * GetQueuedCompletionStatus fails because the completion port handle
 * associated with it is closed while the call is outstanding, the function
 * returns FALSE, *lpOverlapped will be NULL, and GetLastError will return
 * ERROR_ABANDONED_WAIT_0."  Nobody can dequeue from the port any more, so
 * queued packets are dropped now and later ones refused (kport_post); the
 * object itself lives on while sockets are associated with it
 * (CreateIoCompletionPort: the port "is released when there are no more
 * references to it").
 */
void kport_close(struct kport *port)
{
    pthread_mutex_lock(&port->lock);
    port->closed = true;
    struct kpacket *dropped = port->head;
    port->head = NULL;
    port->tail = &port->head;
    port->queued = 0;
    while (port->waiters.next != &port->waiters) {
        /* Released without a packet: abandoned. */
        kport_waiter_release(port, port->waiters.next);
    }
    pthread_mutex_unlock(&port->lock);
    port__release_all(dropped);
}

/*
 * The handle's last reference is gone.  CloseHandle has closed the port
 * already; doing it again costs nothing and covers a handle closed some
 * other way.
 */
static void port__handle_destroy(struct kobj *obj)
{
    struct kport *port = (struct kport *)obj;
    kport_close(port);
    kport_unref(port); /* the handle's reference */
}

static const struct kobj_ops port__ops = {.type = KOBJ_PORT, .destroy = port__handle_destroy};

/*
 * NumberOfConcurrentThreads: "If this parameter is zero, the system allows
 * as many concurrently running threads as there are processors in the
 * system."
 */
static DWORD port__processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (DWORD)n : 1;
}

HANDLE kport_create(DWORD concurrency, struct kport **out)
{
    struct kport *port = calloc(1, sizeof(*port));
    if (!port) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    port->obj.ops = &port__ops;
    /* The handle's reference, and the caller's while it still uses the object. */
    atomic_init(&port->refs, out ? 2 : 1);
    port->concurrency = concurrency ? concurrency : port__processors();
    /*
     * Adaptive: the lock is held for a few list operations, and a thread
     * that found it taken used to sleep in the kernel for it.  With two
     * workers on one port that was about 15,000 futex calls a second
     * (perf, 50 connections), a few hundred once a contender spins first.
     */
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP);
    pthread_mutex_init(&port->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    port->tail = &port->head;
    port->waiters.prev = port->waiters.next = &port->waiters;
    uintptr_t h = handle_insert(&port->obj);
    if (!h) {
        port__free(port);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (out)
        *out = port;
    return (HANDLE)h;
}

/* Closes a port handle that CreateIoCompletionPort made but cannot return. */
static void port__discard(HANDLE h)
{
    struct kobj *obj = handle_close((uintptr_t)h, KOBJ_PORT);
    if (obj) {
        kport_close((struct kport *)obj);
        handle_unref((uintptr_t)h);
    }
}

/*
 * CreateIoCompletionPort: "If INVALID_HANDLE_VALUE is specified, the
 * function creates an I/O completion port without associating it with a
 * file handle.  In this case, the ExistingCompletionPort parameter must be
 * NULL and the CompletionKey parameter is ignored."  Otherwise FileHandle
 * must be an object that supports overlapped I/O — here a socket or a file — and "[i]f
 * [ExistingCompletionPort] specifies an existing I/O completion port, the
 * function associates it with the handle specified by the FileHandle
 * parameter.  The function returns the handle of the existing I/O completion
 * port if successful; it does not create a new I/O completion port.  If this
 * parameter is NULL, the function creates a new I/O completion port and, if
 * the FileHandle parameter is valid, associates it with the new I/O
 * completion port."  NumberOfConcurrentThreads "is ignored if the
 * ExistingCompletionPort parameter is not NULL".
 *
 * A handle is associated with one port only: a second association fails
 * with ERROR_INVALID_PARAMETER (NtSetInformationFile's
 * FileCompletionInformation refuses an associated file with
 * STATUS_INVALID_PARAMETER), and a port this call made for it is closed
 * again.
 */
/*
 * The association, by the object's own operation when it has one (a
 * provider that shares it among a socket's handles, a file: kobj_ops),
 * else as a plain socket's.
 */
static bool port__associate(struct kobj *obj, struct kport *port, ULONG_PTR key)
{
    if (obj->ops->associate_port)
        return obj->ops->associate_port(obj, port, key);
    return ksocket_associate_port((struct ksocket *)obj, port, key);
}

/* Sockets, and the other objects with overlapped I/O (files: kobj_ops.associate_port). */
static struct kobj *port__io_object(HANDLE h)
{
    struct kobj *obj = handle_ref((uintptr_t)h, KOBJ_ANY);
    if (obj && obj->ops->type != KOBJ_SOCKET && !obj->ops->associate_port) {
        handle_unref((uintptr_t)h);
        obj = NULL;
    }
    return obj;
}

HANDLE WINAPI CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort,
                                     ULONG_PTR CompletionKey, DWORD NumberOfConcurrentThreads)
{
    if (FileHandle == INVALID_HANDLE_VALUE) {
        if (ExistingCompletionPort) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return NULL;
        }
        return kport_create(NumberOfConcurrentThreads, NULL);
    }

    struct kobj *ks = port__io_object(FileHandle);
    if (!ks) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    HANDLE result = NULL;
    struct kport *port;
    if (ExistingCompletionPort) {
        port = kport_from_handle(ExistingCompletionPort);
        if (!port) {
            SetLastError(ERROR_INVALID_HANDLE);
            goto out;
        }
        if (port__associate(ks, port, CompletionKey))
            result = ExistingCompletionPort;
        else
            SetLastError(ERROR_INVALID_PARAMETER);
        kport_unref(port);
        goto out;
    }

    HANDLE created = kport_create(NumberOfConcurrentThreads, &port);
    if (!created)
        goto out;
    if (port__associate(ks, port, CompletionKey)) {
        result = created;
    } else {
        port__discard(created);
        SetLastError(ERROR_INVALID_PARAMETER);
    }
    kport_unref(port);
out:
    handle_unref((uintptr_t)FileHandle);
    return result;
}

static void port__free_packet(struct kpacket *packet)
{
    free(packet);
}

/*
 * PostQueuedCompletionStatus: the packet carries the three values as given
 * ("The system does not use or validate these values"), and reads as a
 * success.  A handle closed meanwhile fails as an invalid handle, which is
 * what the call would have seen a moment later.
 */
BOOL WINAPI PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred,
                                       ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped)
{
    struct kport *port = kport_from_handle(CompletionPort);
    if (!port) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    BOOL ok = FALSE;
    struct kpacket *packet = malloc(sizeof(*packet));
    if (!packet) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        packet->bytes = dwNumberOfBytesTransferred;
        packet->key = dwCompletionKey;
        packet->overlapped = lpOverlapped;
        packet->error = 0;
        packet->release = port__free_packet;
        ok = kport_post(port, packet);
        if (!ok)
            SetLastError(ERROR_INVALID_HANDLE);
    }
    kport_unref(port);
    return ok;
}
