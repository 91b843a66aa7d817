/*
 * Overlapped receives and sends as requests on their completion port's
 * ring (sys/engine.h, "Rings"; the io_uring engine only).
 *
 * Why: a port's threads then submit a batch of operations and reap a batch
 * of results in one system call, where the readiness path costs a recv or
 * send per operation and a wait per batch.  Which operations: the plain
 * ones a server's worker issues, one buffer of at least one byte, no flags,
 * on a stream socket of a port that has a ring, with no routine and no
 * WSAEventSelect (whose FD_READ must never count data a pending receive
 * takes, which only the readiness path can tell).  Everything else takes
 * the readiness path, as do operations queued behind a request: only the
 * head of a queue is ever in the kernel, so each queue still completes in
 * issue order and bytes can neither be reordered nor interleaved.
 *
 * Ownership, as in overlapped.c: whoever takes an operation off its queue
 * under the socket's lock owns it.  A request stays the head of its queue
 * while the kernel has it (BOP_RING_IN); its result takes it off
 * (bop_ring_done).  A cancel that takes it off first (closesocket, CancelIo,
 * the final WSACleanup) marks it BOP_RING_CANCEL, asks the kernel to end it
 * and waits for its result before completing it: the kernel writes into
 * the application's buffer until then, and a receive that took data before
 * the cancel reached it completes with the data, which is what Windows
 * does when a cancel comes too late.
 *
 * The socket stays alive while any of its requests or their callbacks
 * run: b->ring_ops counts them and the close waits for none
 * (bop_ring_quiesce).
 */
#include <errno.h>

#include "kernel/ntstatus.h"
#include "kernel/port.h"
#include "providers/base/bop.h"
#include "providers/base/bsock.h"
#include "sys/engine.h"
#include "sys/sys.h"

/*
 * The set of b's port whatever its ring's state: a ring turned off for new
 * requests still has the ones in flight, which cancels and the close wait
 * for (sys_ring_cancel and sys_ring_progress work on it all the same).
 */
static struct sys_engine_set *ring__port_set(struct bsock *b)
{
    struct kport *port = atomic_load_explicit(&b->ks.port, memory_order_acquire);
    return port ? kport_engine_set(port) : NULL;
}

/* The set of b's port if its ring takes new requests, else NULL (no port, no ring, or off). */
static struct sys_engine_set *ring__set(struct bsock *b)
{
    struct sys_engine_set *set = ring__port_set(b);
    return set && sys_ring_has(set) ? set : NULL;
}

/* b->lock held (es_mask). */
static bool ring__fits(struct bsock *b, const struct bop *op)
{
    return (op->kind == BOP_RECV || op->kind == BOP_SEND) && b->type == SOCK_STREAM &&
           !b->synchronous && !b->es_mask && !op->step && !op->finish && !op->routine &&
           op->iovcnt == 1 && op->iov[0].len > 0 && !op->from && !op->to && op->in_flags == 0;
}

static int ring__submit(struct bsock *b, struct sys_engine_set *set, struct bop *op, unsigned flags)
{
    if (op->kind == BOP_RECV)
        return sys_ring_recv(set, b->fd, op->iov[0].base, op->iov[0].len,
                             flags | (b->ring_empty ? SYS_RING_EMPTY : 0), op);
    return sys_ring_send(set, b->fd, op->iov[0].base, op->iov[0].len, flags, op);
}

/* Makes op, the head of its queue, the ring's; false (nothing changed) if it cannot be. */
static bool ring__take(struct bsock *b, struct sys_engine_set *set, struct bop *op, unsigned flags)
{
    /*
     * Atomic: the callback reads it before it can take b->lock, on whatever
     * thread reaps the result (the kernel orders the two, which a race
     * detector cannot see).
     */
    __atomic_store_n(&op->owner, b, __ATOMIC_RELEASE);
    atomic_store(&op->ring, BOP_RING_IN);
    atomic_fetch_add(&b->ring_ops, 1);
    if (ring__submit(b, set, op, flags) == 0)
        return true;
    atomic_store(&op->ring, BOP_RING_NONE);
    atomic_fetch_sub(&b->ring_ops, 1);
    return false;
}

bool bop_ring_deferrable(struct bsock *b, const struct bop *op)
{
    if (!ring__fits(b, op))
        return false;
    struct kport *port = atomic_load_explicit(&b->ks.port, memory_order_acquire);
    struct sys_engine_set *set = port ? ring__set(b) : NULL;
    if (!set || !kport_current_took_from(port))
        return false;
    /*
     * A receive on a socket known to be empty has nothing to start before
     * the worker waits again: its result can only be seen through the port
     * (or a poll of the OVERLAPPED, for which the engine's tick enters it).
     * One that may find data is tried at once, as Windows completes it at
     * once, unless the worker is amid a batch.  A send waits for the
     * worker's next wait too, batch or not, when the worker is its port's
     * only thread: a server's worker sends from a completion and waits
     * again; one send system call fewer per message (2 against 4 per round
     * trip at one connection, raw io_uring's count).  With another thread
     * on the port, working or waiting, the send is tried at once outside a
     * batch, and its completion wakes a waiter as on Windows: left to the
     * wait, a second worker that began waiting before the port had a set
     * was never woken (its worker took every completion from the ring
     * itself), and one connection with two workers on each of two ports
     * ran at 0.45-0.55 of raw instead of 0.66.  The start is late by the
     * rest of the handler at most: a worker that blocks anywhere we see
     * enters it first (kport_thread_block, and port__remove for a wait that
     * is not in the ring), and the engine's tick enters what a worker
     * blocked elsewhere left (engine_set_tick).  Neither waits on a socket
     * that asked to skip the port on success: its program counts on
     * operations completing at once.
     */
    if (atomic_load(&b->ks.notification_modes) & KSOCKET_SKIP_PORT_ON_SUCCESS)
        return false;
    /*
     * Another thread waits in the ring: this one will park (port_wait.c),
     * and a send left to the ring would complete there, waking that thread
     * for it; tried at once, its completion is this thread's own
     * (kport_post_inline).
     */
    if (op->kind == BOP_SEND && sys_engine_set_waiters(set) > 0)
        return false;
    return (op->kind == BOP_SEND && kport_current_alone(port)) || b->ring_empty ||
           kport_current_has_more(port);
}

bool bop_ring_start(struct bsock *b, struct bop *op, bool defer)
{
    if (!ring__fits(b, op))
        return false;
    struct sys_engine_set *set = ring__set(b);
    if (!set)
        return false;
    struct bop_queue *q = bop_queue_of(b, op->kind);
    bop_enqueue(q, op);
    if (ring__take(b, set, op, defer ? SYS_RING_DEFER : 0))
        return true;
    bop_dequeue(q);
    return false;
}

void bop_ring_drive_locked(struct bsock *b, enum bop_kind kind)
{
    struct bop *head = bop_queue_of(b, kind)->head;
    if (!head || atomic_load(&head->ring) != BOP_RING_NONE)
        return;
    struct sys_engine_set *set = ring__fits(b, head) ? ring__set(b) : NULL;
    if (set && ring__take(b, set, head, 0))
        return;
    /* The readiness path: already watched if it was queued behind the request. */
    bsock_watch_locked(b, true, kind == BOP_SEND ? BSOCK_WATCH_OUT : 0);
}

/*
 * A request that did not run to a result: ended by a cancel, or by the exit
 * of the thread that submitted it (io_uring cancels a thread's requests).
 */
static bool ring__unrun(int res)
{
    return res == -ECANCELED || res == -EINTR || res == -EAGAIN;
}

/* A request that failed, or a receive that found the end of the stream (ring__end_status). */
static bool ring__ended(const struct bop *op, int res)
{
    return res < 0 || (res == 0 && op->kind == BOP_RECV);
}

/*
 * The status of a request that failed with -res or, a receive, found the
 * end of the stream (res 0).  Named and remembered as the readiness path's
 * transfers do (sys_stream_result): every later call reports the same end
 * ("Subsequent operations fail with WSAECONNRESET", Windows Sockets Error
 * Codes), and an end of stream with a reset after the FIN is the reset's.
 * Linux reports a reset to one call only, the request here when it met it,
 * so this must be done whoever takes the result: its completion or a cancel
 * that came too late (bop_ring_cancelled).
 */
static DWORD ring__end_status(struct bsock *b, struct bop *op, int res)
{
    int e = sys_stream_result(b->fd, -res);
    if (e)
        return kstatus_from_wsa(base_error(e));
    op->flags = 0; /* an orderly end: 0 bytes */
    return KSTATUS_SUCCESS;
}

void bop_ring_done(void *arg, int res, unsigned flags)
{
    struct bop *op = arg;
    struct bsock *b = __atomic_load_n(&op->owner, __ATOMIC_ACQUIRE);
    pthread_mutex_lock(&b->lock);
    if (atomic_load(&op->ring) == BOP_RING_CANCEL) {
        /* A cancel owns it and waits for this (bop_ring_cancelled). */
        op->ring_res = res;
        atomic_store(&op->ring, BOP_RING_DONE);
        pthread_mutex_unlock(&b->lock);
        atomic_fetch_sub(&b->ring_ops, 1);
        return;
    }
    enum bop_kind kind = op->kind;
    DWORD status = KSTATUS_SUCCESS;
    bool again = false;
    if (ring__unrun(res)) {
        /* Not our cancel: the thread that submitted it has exited.  Windows' I/O outlives it. */
        again = true;
    } else if (ring__ended(op, res)) {
        status = ring__end_status(b, op, res);
        b->ring_empty = false;
    } else {
        op->done += (size_t)res;
        if (kind == BOP_SEND) {
            bop_advance(op, (size_t)res);
            again = res > 0 && bop_remaining(op) > 0;
        } else {
            op->flags = 0;
            /* The kernel says whether the receive left the socket empty (as TCP_INQ does). */
            b->ring_empty = res > 0 && !(flags & SYS_RING_MORE);
        }
    }
    if (again) {
        struct sys_engine_set *set = ring__set(b);
        if (set && ring__submit(b, set, op, 0) == 0) {
            pthread_mutex_unlock(&b->lock);
            return; /* still the ring's, still counted */
        }
        /* No entry to be had: the readiness path finishes it. */
        atomic_store(&op->ring, BOP_RING_NONE);
        bsock_watch_locked(b, true, kind == BOP_SEND ? BSOCK_WATCH_OUT : 0);
        pthread_mutex_unlock(&b->lock);
        atomic_fetch_sub(&b->ring_ops, 1);
        return;
    }
    atomic_store(&op->ring, BOP_RING_NONE);
    struct bop *done[BOP_BATCH];
    DWORD statuses[BOP_BATCH];
    unsigned n = 0;
    done[n] = bop_dequeue(bop_queue_of(b, kind)); /* op: the head while the ring had it */
    statuses[n++] = status;
    bop_run_queue(b, kind, done, statuses, &n, BOP_BATCH);
    bop_ring_drive_locked(b, kind);
    /*
     * What the request left is looked at after it, as the readiness path
     * looks after the operations an engine report finished (bop_engine_event,
     * with the same test of what there is to look for).  The socket's own
     * report of the data may have come while the request was still the
     * head of its queue, when the data was the request's and not FD_READ's
     * nor refused after shutdown(SD_RECEIVE) (bsock_refuse_unread_locked);
     * what the request did not take is either once it is off the queue:
     * FD_READ is recorded while data waits (WSAEventSelect.md), and data
     * that cannot be delivered after SD_RECEIVE resets the connection
     * (shutdown.md).  No later report comes for data already there.
     */
    bool look = b->es_mask || b->shut_recv;
    pthread_mutex_unlock(&b->lock);
    for (unsigned i = 0; i < n; i++)
        bop_complete(b, done[i], statuses[i], true, false);
    if (look)
        bsock_network_events(b, SYS_ENGINE_IN);
    atomic_fetch_sub(&b->ring_ops, 1); /* the last use of b */
}

DWORD bop_ring_cancelled(struct bsock *b, struct bop *op)
{
    struct sys_engine_set *set = ring__port_set(b);
    while (set && sys_ring_cancel(set, op) == EAGAIN)
        sys_ring_progress(set, sys_now_ns() + 1000000);
    while (set && atomic_load(&op->ring) != BOP_RING_DONE)
        sys_ring_progress(set, sys_now_ns() + 1000000);
    int res = op->ring_res;
    atomic_store(&op->ring, BOP_RING_NONE);
    /* Ended by the cancel, or by its thread's exit (bop_ring_done): nothing moved. */
    if (ring__unrun(res))
        return KSTATUS_CANCELLED;
    /* It met the connection's end before the cancel reached it: as its completion would say. */
    if (ring__ended(op, res))
        return ring__end_status(b, op, res);
    /* It finished before the cancel reached it: what it moved is the application's. */
    op->done += (size_t)res;
    if (op->kind == BOP_SEND) {
        bop_advance(op, (size_t)res);
        if (bop_remaining(op) > 0)
            return KSTATUS_CANCELLED;
    }
    return KSTATUS_SUCCESS;
}

void bop_ring_quiesce(struct bsock *b)
{
    if (atomic_load(&b->ring_ops) == 0)
        return;
    struct sys_engine_set *set = ring__port_set(b);
    while (set && atomic_load(&b->ring_ops) > 0)
        sys_ring_progress(set, sys_now_ns() + 1000000);
}
