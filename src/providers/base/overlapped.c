/*
 * Overlapped sends and receives (WSASend, WSARecv, WSASendTo, WSARecvFrom
 * with a WSAOVERLAPPED), their completion, and their cancellation.
 *
 * An operation is first tried at once; what cannot finish is queued on its
 * socket (receives and sends each in issue order) and finished by the I/O
 * engine's thread when the socket becomes ready.  Whoever takes an operation
 * off its queue, under the socket's lock, owns it: the engine when it
 * finishes it, closesocket or CancelIo when they cancel it.  That makes each
 * operation complete exactly once, and the application's buffers are only
 * touched while the operation is queued.
 *
 * An operation may also depend on a second socket, its peer: AcceptEx is an
 * operation of the listening socket until it completes (closing the
 * listener, or CancelIoEx on it, aborts it), yet once its connection is on
 * the accept socket it waits for that socket's first data.  It then leaves
 * the listener's receive queue (the next AcceptEx may take the next
 * connection) for the listener's parked list, still under the listener's
 * lock, and the accept socket's input runs it from there.  The accept
 * socket names the listener (peer_owner) only to find the operation: its
 * input tries it, its close aborts it (Windows completes a pending AcceptEx
 * with ERROR_OPERATION_ABORTED when its accept socket is closed), and the
 * operation clears the name when it ends.  Nothing but the listener's queues
 * ever links the operation, so the exactly-once rule above holds for it too.
 *
 * Completion, as Windows does it (WSARecv/WSASend documentation):
 *   - the status goes into OVERLAPPED.Internal (an NTSTATUS, STATUS_PENDING
 *     until then), the byte count into InternalHigh, the receive flags into
 *     Offset (which the SPI reserves for providers);
 *   - with a completion routine: an APC to the issuing thread, and nothing
 *     else (hEvent is free for the application's use);
 *   - otherwise hEvent is set, and if the socket is associated with a
 *     completion port a packet is posted — unless hEvent's low bit is set,
 *     or the operation succeeded at once and the socket asked
 *     FILE_SKIP_COMPLETION_PORT_ON_SUCCESS;
 *   - in every case, threads waiting for it in GetOverlappedResult or
 *     WSAGetOverlappedResult without an event are woken (koverlapped_finish
 *     writes Internal and does that).
 * After Internal is written the OVERLAPPED belongs to the application again:
 * everything else is read before.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/handle.h"
#include "kernel/ntstatus.h"
#include "kernel/overlapped.h"
#include "kernel/port.h"
#include "providers/base/backlog.h"
#include "providers/base/base.h"
#include "providers/base/bop.h"
#include "providers/base/bsock.h"
#include "sys/engine.h"
#include "sys/sys.h"

static void bop__free(struct bop *op)
{
    if (op->routine && op->thread) /* thread shares its memory with owner (bop.h) */
        kthread_release(op->thread);
    if (op->ext_cleanup)
        op->ext_cleanup(op->ext);
    if (op->ext)
        free(op->ext);
    if (op->cached)
        bop_cache_give(op);
    else
        free(op);
}

static void bop__packet_release(struct kpacket *packet)
{
    bop__free((struct bop *)packet);
}

/* The completion routine runs as an APC on the issuing thread. */
static void CALLBACK bop__routine_apc(ULONG_PTR arg)
{
    struct bop *op = (struct bop *)arg;
    DWORD status = (DWORD)op->packet.error; /* the status, kept here for the APC */
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = op->routine;
    LPWSAOVERLAPPED ov = op->ov;
    DWORD bytes = op->packet.bytes, flags = op->flags;
    bop__free(op);
    routine((DWORD)kstatus_to_wsa(status), bytes, ov, flags);
}

/*
 * op (of owner) has ended: its peer is free for another operation.  Before
 * Internal is written, so that the application may reuse the peer (a new
 * AcceptEx after a failed one) as soon as it sees the end.
 */
static void bop__release_peer(struct bop *op, SOCKET owner)
{
    int err;
    struct bsock *p = op->peer ? bsock_get(op->peer, &err) : NULL;
    if (!p)
        return; /* none, or it is being closed: nobody will look at its name again */
    pthread_mutex_lock(&p->lock);
    if (p->peer_owner == owner)
        p->peer_owner = 0;
    pthread_mutex_unlock(&p->lock);
    bsock_put(p);
}

/* Ends op inside the call that issued it, with nothing delivered (an immediate failure). */
static void bop__fail_early(struct bsock *b, struct bop *op, DWORD status)
{
    bop__release_peer(op, b->handle);
    op->ov->InternalHigh = 0;
    koverlapped_finish(op->ov, status);
    bop__free(op);
}

/* kthread_queue_apc_then's hook: the routine's I/O signals the socket's file object. */
static void bop__signal_file(void *ks)
{
    ksocket_io_completed(ks);
}

/* bop.h */
void bop_complete(struct bsock *b, struct bop *op, DWORD status, bool deliver, bool immediate)
{
    LPWSAOVERLAPPED ov = op->ov;
    HANDLE event = ov->hEvent;
    DWORD bytes = (DWORD)op->done;

    if (op->finish && status == KSTATUS_SUCCESS && deliver && !base_final_cleanup_begun())
        op->finish(b, op->ext);
    bop__release_peer(op, b->handle);
    ov->InternalHigh = bytes;
    if (!(op->options & BOP_OPT_KEEP_OFFSET))
        ov->Offset = op->flags;
    /*
     * Also wakes a GetOverlappedResult waiting without an event — even for
     * the final WSACleanup, which delivers nothing else: its waiter must
     * still see the operation aborted.
     */
    koverlapped_finish(ov, status);
    /* Nothing is delivered once a final WSACleanup has begun, whoever finishes the operation. */
    if (!deliver || base_final_cleanup_begun()) {
        bop__free(op);
        return;
    }

    /*
     * The socket is a file object: an operation without an event of its own
     * signals the socket handle (kernel/ksocket_wait.c), before the routine
     * or the packet, as Windows' I/O manager does.
     */
    if (op->routine) {
        op->packet.error = status;
        op->packet.bytes = bytes;
        /*
         * The routine is queued first and the socket signaled before the
         * issuing thread is woken: a thread that the signal wakes (a wait
         * on the socket) must find the routine already queued, so that its
         * next alertable wait runs it, as on Windows.
         */
        if (!kthread_queue_apc_then(op->thread, bop__routine_apc, (ULONG_PTR)op, bop__signal_file,
                                    &b->ks)) {
            ksocket_io_completed(&b->ks);
            bop__free(op); /* the issuing thread is gone: nobody can run the routine */
        }
        return;
    }
    if (!koverlapped_event(event))
        ksocket_io_completed(&b->ks);
    if (event)
        SetEvent(koverlapped_event(event));
    struct kport *port = atomic_load_explicit(&b->ks.port, memory_order_acquire);
    ULONG_PTR key = b->ks.port_key;
    bool skip = koverlapped_skips_port(event) ||
                (immediate && status == KSTATUS_SUCCESS &&
                 (atomic_load(&b->ks.notification_modes) & KSOCKET_SKIP_PORT_ON_SUCCESS));
    if (port && !skip) {
        op->packet.next = NULL;
        op->packet.bytes = bytes;
        op->packet.key = key;
        op->packet.overlapped = ov;
        op->packet.error = kstatus_to_win32(status);
        op->packet.release = bop__packet_release;
        if (immediate)
            kport_post_inline(port, &op->packet);
        else
            kport_post(port, &op->packet);
        return;
    }
    bop__free(op);
}

size_t bop_remaining(const struct bop *op)
{
    size_t n = 0;
    for (unsigned i = 0; i < op->iovcnt; i++)
        n += op->iov[i].len;
    return n;
}

void bop_advance(struct bop *op, size_t n)
{
    while (op->iovcnt > 0 && n >= op->iov[0].len) {
        n -= op->iov[0].len;
        op->iov++;
        op->iovcnt--;
    }
    if (op->iovcnt > 0) {
        op->iov[0].base = (char *)op->iov[0].base + n;
        op->iov[0].len -= n;
    }
}

/*
 * Whether b's receives can tell what they leave (TCP_INQ), asking Linux
 * once per socket, at its first overlapped receive: only TCP sockets have
 * it (not AF_UNIX streams, whose setsockopt fails and is not asked again).
 * b->lock held.
 */
static bool bop__inq(struct bsock *b)
{
    if (b->inq == 0) {
        bool tcp = b->type == SOCK_STREAM && (b->family == AF_INET || b->family == AF_INET6);
        b->inq = tcp && sys_tcp_inq_enable(b->fd) == 0 ? 1 : -1;
    }
    return b->inq > 0;
}

enum bop_step bop_try_io(struct bsock *b, struct bop *op, DWORD *status)
{
    *status = KSTATUS_SUCCESS;
    if (op->kind == BOP_SEND) {
        for (;;) {
            long n = sys_sendmsg(b->fd, op->iov, op->iovcnt, op->to, op->tolen,
                                 SYS_MSG_DONTWAIT | ((op->in_flags & MSG_OOB) ? SYS_MSG_OOB : 0));
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN)
                    return BOP_AGAIN;
                *status = kstatus_from_wsa(base_error(errno));
                return BOP_DONE;
            }
            op->done += (size_t)n;
            bop_advance(op, (size_t)n);
            /* An overlapped send completes only when every byte has been taken. */
            if (b->type != SOCK_STREAM || bop_remaining(op) == 0)
                return BOP_DONE;
        }
    }

    unsigned char from[SYS_SOCKADDR_MAX];
    uint32_t fromlen = sizeof(from);
    int linux_flags = SYS_MSG_DONTWAIT | ((op->in_flags & MSG_PEEK) ? SYS_MSG_PEEK : 0) |
                      ((op->in_flags & MSG_OOB) ? SYS_MSG_OOB : 0);
    /*
     * A plain receive of the socket's own (not AcceptEx's first data, which
     * runs under its listener's lock) on a TCP connection learns what it
     * leaves behind (bop__inq).
     */
    bool inq = !op->step && !op->from && !(op->in_flags & (MSG_PEEK | MSG_OOB)) && bop__inq(b);
    for (;;) {
        int msg_flags = 0, left = -1;
        long n = inq ? sys_recv_inq(b->fd, op->iov, op->iovcnt, linux_flags, &msg_flags, &left)
                     : sys_recvmsg(b->fd, op->iov, op->iovcnt, op->from ? from : NULL,
                                   op->from ? &fromlen : NULL, linux_flags, &msg_flags);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) {
                b->recv_drained = b->watched;
                return BOP_AGAIN;
            }
            *status = kstatus_from_wsa(base_error(errno));
            return BOP_DONE;
        }
        op->done += (size_t)n;
        if (op->from && fromlen > 0)
            base_sockaddr_from_linux(from, fromlen, op->from, op->fromlen);
        if (msg_flags & SYS_MSG_TRUNC) {
            /* A datagram larger than the buffers: they hold its start (MSG_PARTIAL). */
            op->flags = MSG_PARTIAL;
            *status = kstatus_from_wsa(WSAEMSGSIZE);
            return BOP_DONE;
        }
        op->flags = 0;
        bop_advance(op, (size_t)n);
        /*
         * Nothing left (0 is never said at the end of the stream): the next
         * receive need not try, as after EAGAIN; input that comes meanwhile
         * is reported by the engine, which clears recv_drained.
         */
        if (left == 0 && n > 0)
            b->recv_drained = b->watched;
        /* MSG_WAITALL on a stream: only a full buffer, the end of the stream or an error. */
        if (!(op->in_flags & MSG_WAITALL) || n == 0 || bop_remaining(op) == 0)
            return BOP_DONE;
        if (left == 0)
            return BOP_AGAIN; /* the rest comes with the engine's next report */
    }
}

/* One attempt: the operation's own step, or the send or receive it is. */
static enum bop_step bop__try(struct bsock *b, struct bop *op, DWORD *status)
{
    return op->step ? op->step(b, op, status) : bop_try_io(b, op, status);
}

bool bop_recv_waits_locked(const struct bsock *b)
{
    const struct bop *op = b->recvs.head;
    return op && op->kind == BOP_RECV && !op->step && !(op->in_flags & (MSG_PEEK | MSG_OOB));
}

struct bop_queue *bop_queue_of(struct bsock *b, enum bop_kind kind)
{
    return kind == BOP_SEND ? &b->sends : &b->recvs;
}

void bop_enqueue(struct bop_queue *q, struct bop *op)
{
    op->next = NULL;
    if (!q->head)
        q->tail = &q->head;
    *q->tail = op;
    q->tail = &op->next;
}

struct bop *bop_dequeue(struct bop_queue *q)
{
    struct bop *op = q->head;
    q->head = op->next;
    if (!q->head)
        q->tail = &q->head;
    op->next = NULL;
    return op;
}

/*
 * Takes the finished operations off one queue, in order; called with b->lock
 * held.  A head that is a request on the port's ring is the kernel's until
 * its result comes (overlapped_ring.c): nothing behind it may overtake it.
 */
void bop_run_queue(struct bsock *b, enum bop_kind kind, struct bop **done, DWORD *statuses,
                   unsigned *ndone, unsigned max)
{
    struct bop_queue *q = bop_queue_of(b, kind);
    while (q->head && *ndone < max && atomic_load(&q->head->ring) == BOP_RING_NONE) {
        DWORD status;
        enum bop_step step = bop__try(b, q->head, &status);
        if (step == BOP_AGAIN)
            break;
        struct bop *op = bop_dequeue(q);
        if (step == BOP_PARKED) {
            bop_enqueue(&b->parked, op); /* only once off the queue it was the head of */
            continue;
        }
        done[*ndone] = op;
        statuses[(*ndone)++] = status;
    }
}

/*
 * peer has input: tries owner's parked operation that waits for it (a
 * socket is the peer of one pending operation at a time).
 */
static void bop__run_parked(SOCKET owner, SOCKET peer)
{
    int err;
    struct bsock *o = bsock_get(owner, &err);
    if (!o)
        return; /* being closed: the close cancels the operation */
    struct bop *op = NULL;
    DWORD status = KSTATUS_SUCCESS;
    pthread_mutex_lock(&o->lock);
    for (struct bop **link = &o->parked.head; *link; link = &(*link)->next) {
        if ((*link)->peer != peer)
            continue;
        if (bop__try(o, *link, &status) == BOP_DONE) {
            op = *link;
            *link = op->next;
            if (!*link)
                o->parked.tail = link;
            op->next = NULL;
        }
        break;
    }
    pthread_mutex_unlock(&o->lock);
    if (op)
        bop_complete(o, op, status, true, false);
    bsock_put(o);
}

void bop_engine_event(uint64_t cookie, unsigned events)
{
    /* The address watch of the overlapped ioctls (ioctl_notify.c) shares the engine. */
    if (cookie == BOP_COOKIE_IFWATCH) {
        base_ifwatch_event();
        return;
    }
    int err;
    struct bsock *b = bsock_get((SOCKET)cookie, &err);
    if (!b)
        return; /* closed meanwhile: its operations were cancelled by the close */
    SOCKET owner = 0;
    bool parked = false, quiet = false;
    for (;;) {
        struct bop *done[BOP_BATCH];
        DWORD statuses[BOP_BATCH];
        unsigned n = 0;
        pthread_mutex_lock(&b->lock);
        if (events & (SYS_ENGINE_IN | SYS_ENGINE_ERR)) {
            b->recv_drained = false;
            owner = b->peer_owner;
            /* SO_PAUSE_ACCEPT: the connections are reset before an AcceptEx could take them. */
            base_pause_accept_refuse_locked(b);
            bop_run_queue(b, BOP_RECV, done, statuses, &n, BOP_BATCH);
        } else if (b->recvs.head && b->es_mask) {
            /* A stale report (io_uring's) without input: queued receives take new data before
             * the check below could record FD_READ for it, which Windows never does. */
            bop_run_queue(b, BOP_RECV, done, statuses, &n, BOP_BATCH);
        }
        /* What non-blocking sends left goes before every send queued after it (backlog.h). */
        if ((events & (SYS_ENGINE_OUT | SYS_ENGINE_ERR)) && backlog_push_locked(b))
            bop_run_queue(b, BOP_SEND, done, statuses, &n, BOP_BATCH);
        parked = b->parked.head != NULL;
        /* Nothing for bsock_network_events to look at: no selection, no shutdown, no listener. */
        quiet = !b->es_mask && !b->shut_recv && !b->listening;
        pthread_mutex_unlock(&b->lock);
        for (unsigned i = 0; i < n; i++)
            bop_complete(b, done[i], statuses[i], true, false);
        if (n < BOP_BATCH)
            break;
    }
    /*
     * After the pending operations: data a pending receive has taken is not
     * FD_READ's (on Windows a WSARecv queued before the data arrives takes
     * it and no FD_READ is recorded), nor is it refused after
     * shutdown(SD_RECEIVE).  A change of these meanwhile looks for itself
     * (WSAEventSelect records what holds, shutdown refuses what is queued).
     */
    if (!quiet)
        bsock_network_events(b, events);
    /* After b's lock is released: the owner's lock comes first (owner, then peer). */
    if (owner)
        bop__run_parked(owner, b->handle);
    /* A control operation may wait for what the engine reports (SIO_IDEAL_SEND_BACKLOG_CHANGE). */
    if (parked)
        bop_retry_parked(b);
    bsock_put(b);
}

void bop_retry_parked(struct bsock *b)
{
    struct bop *done = NULL, **tail = &done;
    pthread_mutex_lock(&b->lock);
    for (struct bop **link = &b->parked.head; *link;) {
        struct bop *op = *link;
        if (op->kind != BOP_CONTROL || bop__try(b, op, &op->status) != BOP_DONE) {
            link = &op->next;
            continue;
        }
        *link = op->next;
        if (!*link)
            b->parked.tail = link;
        op->next = NULL;
        *tail = op;
        tail = &op->next;
    }
    pthread_mutex_unlock(&b->lock);
    while (done) {
        struct bop *next = done->next;
        bop_complete(b, done, done->status, true, false);
        done = next;
    }
}

static struct bop *bop__new(enum bop_kind kind, const WSABUF *bufs, DWORD count, uint32_t tolen)
{
    /* At least one buffer slot: an extension may point the operation at a buffer later. */
    DWORD slots = count ? count : 1;
    /* The common shape (one buffer, no address) comes from the thread's cache (bop_cache.c). */
    bool cached = slots == 1 && tolen == 0;
    struct bop *op = cached ? bop_cache_take()
                            : calloc(1, sizeof(*op) + slots * sizeof(struct sys_iovec) + tolen);
    if (!op)
        return NULL;
    op->cached = cached;
    op->kind = kind;
    op->iov = op->iov_storage;
    op->iovcnt = count;
    for (DWORD i = 0; i < count; i++) {
        op->iov[i].base = bufs[i].buf;
        op->iov[i].len = bufs[i].len;
    }
    if (tolen) {
        op->to = (unsigned char *)&op->iov_storage[slots];
        op->tolen = (uint16_t)tolen;
    }
    return op;
}

struct bop *bop_new(enum bop_kind kind, const WSABUF *bufs, DWORD count, LPWSAOVERLAPPED ov)
{
    struct bop *op = bop__new(kind, bufs, count, 0);
    if (op)
        op->ov = ov;
    return op;
}

void bop_set_step(struct bop *op, enum bop_step (*step)(struct bsock *, struct bop *, DWORD *),
                  void *ext)
{
    op->step = step;
    op->ext = ext;
}

void bop_set_routine(struct bop *op, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    op->routine = routine;
}

void bop_set_cleanup(struct bop *op, void (*cleanup)(void *ext))
{
    op->ext_cleanup = cleanup;
}

void bop_set_finish(struct bop *op, void (*finish)(struct bsock *b, void *ext))
{
    op->finish = finish;
}

void bop_set_options(struct bop *op, unsigned options)
{
    op->options |= options;
}

void bop_set_peer(struct bop *op, SOCKET peer)
{
    op->peer = peer;
}

void *bop_ext(struct bop *op)
{
    return op->ext;
}

void bop_set_buffers(struct bop *op, void *buf, size_t len, size_t done)
{
    op->iov = op->iov_storage;
    op->iov[0].base = buf;
    op->iov[0].len = len;
    op->iovcnt = len ? 1 : 0;
    op->done = done;
}

struct sys_iovec *bop_iov(struct bop *op, unsigned *count)
{
    *count = op->iovcnt;
    return op->iov;
}

void bop_set_result(struct bop *op, size_t done, DWORD flags)
{
    op->done = done;
    op->flags = flags;
}

void bop_discard(struct bop *op)
{
    bop__free(op);
}

/*
 * Whether a receive on a drained socket (b->recv_drained) queues without
 * trying.  Usually it should: with many connections the data comes later,
 * and the try would fail with EAGAIN.  But a peer that runs ahead (one
 * connection's ping-pong, where the next message often arrives between the
 * echo and the next WSARecv) makes the try succeed more often than not,
 * and skipping it would cost a wait in epoll instead.  So the socket learns
 * from the tries it makes (bop__learn_drained); b->lock held.
 */
static bool bop__skip_drained(struct bsock *b)
{
    if (b->recv_score > 0)
        return false;
    return (++b->recv_skips & 7) != 0;
}

static void bop__learn_drained(struct bsock *b, bool found)
{
    if (found && b->recv_score < 4)
        b->recv_score++;
    else if (!found && b->recv_score > -4)
        b->recv_score--;
}

int bop_start(struct bsock *b, struct bop *op, LPDWORD bytes, LPDWORD flags_out)
{
    LPWSAOVERLAPPED ov = op->ov;
    struct kthread *self = kthread_self();
    op->thread_id = self ? self->id : 0;
    if (op->routine) {
        op->thread = kthread_from_handle(GetCurrentThread());
        if (!op->thread) {
            bop__free(op);
            return WSAENOBUFS;
        }
    }
    /*
     * Only Internal says pending: InternalHigh keeps what the application
     * left there until the operation completes (observed on Windows: a
     * pending WSARecv leaves it untouched).
     */
    __atomic_store_n(&ov->Internal, (ULONG_PTR)KSTATUS_PENDING, __ATOMIC_RELEASE);
    /*
     * The I/O manager clears the event when it takes a request, before the
     * request can complete (ReadFile.md: "ReadFile resets the event to a
     * nonsignaled state when it begins the I/O operation"; WSARecv and the
     * other socket calls reach AFD through the same NtDeviceIoControlFile), so
     * a program that reuses one event sees this operation's completion and
     * not the previous one's.  A completion routine leaves hEvent to the
     * application (WSARecv.md: "the hEvent parameter is ignored"); the low
     * bit only keeps the completion off the port, the handle is the rest.
     */
    if (!op->routine && ov->hEvent) {
        /* A handle that is no event is the application's; the call's own error is what it sees. */
        DWORD last = GetLastError();
        if (!ResetEvent(koverlapped_event(ov->hEvent)))
            SetLastError(last);
    }
    /* The I/O manager resets the file object's event too when it takes a request. */
    ksocket_io_started(&b->ks);
    /* Before b->lock: the final WSPCleanup takes the startup lock, then every socket's lock. */
    bool engine = b->watched || base_engine_ensure();

    pthread_mutex_lock(&b->lock);
    /*
     * A close racing this call has cancelled (or is cancelling) everything:
     * no attempt and no new watch.  Checked before the first attempt, under
     * the lock the final cleanup marks sockets with (close.c): a reset it
     * makes afterwards must not reach this call as an immediate failure.
     */
    if (atomic_load(&b->closing)) {
        pthread_mutex_unlock(&b->lock);
        bop__fail_early(b, op, KSTATUS_CANCELLED);
        return WSAENOTSOCK;
    }
    /* A control operation (an overlapped WSAIoctl) waits in no issue-order queue. */
    bool control = op->kind == BOP_CONTROL;
    struct bop_queue *q = control ? NULL : bop_queue_of(b, op->kind);
    DWORD status = KSTATUS_SUCCESS;
    /*
     * Queued operations go first: an attempt now would overtake them; a
     * send also waits for what non-blocking sends left (backlog.h).  A
     * receive on a socket known to be empty queues without trying (saving a
     * system call that would fail with EAGAIN, the common case for servers
     * that post the next receive right after a send).
     */
    bool drained =
        op->kind == BOP_RECV && !op->step && !(op->in_flags & MSG_OOB) && b->recv_drained;
    bool known_empty = drained && bop__skip_drained(b);
    bool behind = op->kind == BOP_SEND && !backlog_push_locked(b);
    bool first = control || !q->head;
    /*
     * A port's thread amid a batch of completions leaves a plain receive or
     * send to the port's ring untried: its next wait submits it with the
     * others (overlapped_ring.c).
     */
    bool defer = first && !control && !behind && bop_ring_deferrable(b, op);
    enum bop_step step =
        !first || known_empty || behind || defer ? BOP_AGAIN : bop__try(b, op, &status);
    if (drained && first && !known_empty && !defer)
        bop__learn_drained(b, step != BOP_AGAIN);
    if (step == BOP_DONE && (op->options & BOP_OPT_ALWAYS_PENDS)) {
        /*
         * Finished already, failed included, yet reported as pending and
         * delivered like a later completion (no skipping of the port on
         * success): what Windows does for ConnectEx, DisconnectEx,
         * TransmitFile and the ioctls its driver completes.
         */
        pthread_mutex_unlock(&b->lock);
        bop_complete(b, op, status, true, false);
        return WSA_IO_PENDING;
    }
    if (step == BOP_DONE) {
        pthread_mutex_unlock(&b->lock);
        int error = kstatus_to_wsa(status);
        if (error && error != WSAEMSGSIZE) {
            /* An immediate failure reports at once and delivers nothing. */
            bop__fail_early(b, op, status);
            return error;
        }
        if (bytes)
            *bytes = (DWORD)op->done;
        if (flags_out)
            *flags_out = op->flags;
        bop_complete(b, op, status, true, true);
        return error;
    }
    /* A closesocket that came meanwhile (it marks without this lock): no new watch. */
    if (atomic_load(&b->closing)) {
        pthread_mutex_unlock(&b->lock);
        bop__fail_early(b, op, KSTATUS_CANCELLED);
        return WSAENOTSOCK;
    }
    /*
     * A parked operation waits for its peer's input, which its peer's watch
     * reports; a control operation for bop_retry_parked.
     */
    if (control)
        step = BOP_PARKED;
    /* The first operation of its queue that waits: a request on the port's ring if it can be. */
    if (step == BOP_AGAIN && first && !behind && bop_ring_start(b, op, defer)) {
        pthread_mutex_unlock(&b->lock);
        return WSA_IO_PENDING;
    }
    /* A receive waits for input only: output readiness would wake nobody's business. */
    int error = step == BOP_PARKED
                    ? 0
                    : bsock_watch_locked(b, engine, op->kind == BOP_RECV ? 0 : BSOCK_WATCH_OUT);
    if (!error)
        bop_enqueue(step == BOP_PARKED ? &b->parked : q, op);
    pthread_mutex_unlock(&b->lock);
    if (error) {
        bop__fail_early(b, op, kstatus_from_wsa(error));
        return error;
    }
    return WSA_IO_PENDING;
}

int bop_submit(struct bsock *b, enum bop_kind kind, const WSABUF *bufs, DWORD count, DWORD flags,
               const void *to, uint32_t tolen, struct sockaddr *from, LPINT fromlen,
               LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, LPDWORD bytes,
               LPDWORD flags_out)
{
    int error = base_buffers_check(bufs, count);
    if (error)
        return error;
    /* A socket bound to a completion port reports there, not through routines. */
    if (routine && atomic_load(&b->ks.port))
        return WSAEINVAL;

    struct bop *op = bop__new(kind, bufs, count, to ? tolen : 0);
    if (!op)
        return WSAENOBUFS;
    op->ov = ov;
    op->routine = routine;
    op->in_flags = flags;
    op->from = from;
    op->fromlen = fromlen;
    if (to)
        memcpy(op->to, to, tolen);
    return bop_start(b, op, bytes, flags_out);
}
