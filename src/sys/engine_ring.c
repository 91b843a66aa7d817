/*
 * Rings of completion ports (engine.h, "Rings"): an io_uring per readiness
 * set, on which the port's sockets' plain receives and sends run as
 * requests of their own, submitted in batches by the port's threads.
 *
 * Why.  With readiness alone every completion costs a wait in the set and
 * a recv or send of its own, each a system call; a raw io_uring program of
 * the same shape submits a whole batch of receives and sends and reaps a
 * whole batch of completions in one io_uring_enter.  Here a port thread
 * that issues an operation while more completions wait for it leaves the
 * request in the ring (deferred) and submits everything it left there with
 * its next wait, which is the same io_uring_enter.
 *
 * Who waits where.  Every waiter of the port waits in the ring: it submits
 * what is pending and sleeps in io_uring_enter until a completion comes.
 * Linux wakes one of them per completion (exclusive waits, the longest
 * waiting first), who reaps under cq_lock and runs what it reaped.  The
 * set's epoll instance is polled by the ring (a multishot poll), so a
 * readiness of the set (a socket on the readiness path, the set's wake-up
 * eventfd) wakes a waiter too.  While nobody waits, the engine thread
 * watches the ring's descriptor and the epoll instance, one-shot
 * (engine_set.c), and reaps what fires.
 *
 * Entries: the submission queue is shared under sq_lock (any thread may
 * issue an operation), the completion queue under cq_lock.  Deferred
 * entries are published (the kernel may take them with anybody's
 * io_uring_enter) but entered by the next wait (a waiter already asleep
 * does not see them: the thread that defers is about to wait itself), and
 * the engine thread's tick enters what a thread deferred and did not come
 * back for (engine_set_tick).
 *
 * io_uring runs a request's completion as task work on the thread that
 * submitted it; that thread's exit cancels its requests (-ECANCELED), which
 * the provider then submits again (its callback's business).
 */
#include <errno.h>
#include <liburing.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sys/engine.h"
#include "sys/engine_backend.h"
#include "sys/ring_files.h"
#include "sys/sys.h"

#define RING_SQ_ENTRIES  256
#define RING_CQ_ENTRIES  4096
#define RING_BATCH       64
#define RING_DEFER_NS    50000 /* the longest a deferred entry waits for others: 50 us */
#define RING_DEFER_CHECK 8     /* deferred entries between two looks at the clock */

/* user_data of the ring's own requests; operations are pointers, never this small. */
#define RING_TAG_SET    1 /* the multishot poll of the set's epoll instance */
#define RING_TAG_CANCEL 2 /* an IORING_OP_ASYNC_CANCEL's own completion */

struct engine_ring {
    struct io_uring ring;
    pthread_mutex_t sq_lock;  /* the submission queue, and set_armed */
    pthread_mutex_t cq_lock;  /* the completion queue */
    _Atomic unsigned waiting; /* threads in engine_ring_wait */
    _Atomic bool deferred;    /* entries published, not entered yet */
    bool set_armed;           /* the poll of epfd is in the kernel (sq_lock) */
    bool set_off;             /* the poll of epfd has ended for good (engine_ring_stop_set_poll) */
    /*
     * The first look at the clock that saw entries deferred (the batch's
     * own, or the engine's tick), or 0; how many were deferred (sq_lock).
     */
    int64_t deferred_since;
    unsigned deferred_count;
    int epfd;
    bool poll_first;         /* receives may ask to poll first (Linux 5.19, as COOP_TASKRUN) */
    struct ring_files files; /* the sockets entered in the ring's file table */
};

static _Atomic(sys_ring_fn) ring__fn;

static void ring__arm_set_locked(struct engine_ring *r);
static unsigned ring__publish_locked(struct engine_ring *r);
static int ring__enter(struct engine_ring *r, unsigned n, unsigned min, int64_t deadline_ns);

void sys_ring_callback(sys_ring_fn fn)
{
    atomic_store(&ring__fn, fn);
}

/*
 * Whether ports get rings: the io_uring engine runs (the default, unless
 * WS2POSIX_ENGINE=epoll or the kernel refuses io_uring; sys_engine_name
 * reports it) and WS2POSIX_PORT_RING is not 0.
 */
bool engine_ring_wanted(void)
{
    const char *off = getenv("WS2POSIX_PORT_RING");
    if (off && strcmp(off, "0") == 0)
        return false;
    return strcmp(sys_engine_name(), "io_uring") == 0;
}

struct engine_ring *engine_ring_new(int epfd)
{
    struct engine_ring *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    /*
     * COOP_TASKRUN (Linux 5.19): a request's completion work waits for its
     * thread's next entry into the kernel (a system call, or the return
     * from the next interrupt, a timer tick at the latest) instead of an
     * interrupt of its own.  A sleeping thread is still woken for it.
     * Without it, with a port on each side of a connection, every
     * readiness interrupted the other port's thread, which then fought
     * the sender for the socket (0.44 -> 0.81 of raw io_uring at 50
     * connections, one worker on each of two ports).
     */
    struct io_uring_params p;
    memset(&p, 0, sizeof(p));
    p.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP |
              IORING_SETUP_COOP_TASKRUN;
    p.cq_entries = RING_CQ_ENTRIES;
    int err = io_uring_queue_init_params(RING_SQ_ENTRIES, &r->ring, &p);
    r->poll_first = err == 0;
    if (err == -EINVAL) {
        memset(&p, 0, sizeof(p));
        p.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP;
        p.cq_entries = RING_CQ_ENTRIES;
        err = io_uring_queue_init_params(RING_SQ_ENTRIES, &r->ring, &p);
    }
    if (err < 0) {
        free(r);
        errno = -err;
        return NULL;
    }
    pthread_mutex_init(&r->sq_lock, NULL);
    pthread_mutex_init(&r->cq_lock, NULL);
    r->epfd = epfd;
    ring_files_start(&r->files, &r->ring);
    /*
     * The ring's poll of the set is armed by the first waiter, not here:
     * its wake-ups run as task work on the thread that armed it, which
     * should be one that waits in the ring, not whichever thread made the
     * port's first socket wait.  Meanwhile the engine thread watches the
     * epoll instance itself (engine_set.c).
     */
    return r;
}

void engine_ring_free(struct engine_ring *r)
{
    if (!r)
        return;
    ring_files_stop(&r->files);
    io_uring_queue_exit(&r->ring);
    pthread_mutex_destroy(&r->sq_lock);
    pthread_mutex_destroy(&r->cq_lock);
    free(r);
}

int engine_ring_fd(const struct engine_ring *r)
{
    return r->ring.ring_fd;
}

/*
 * Completions waiting, read without cq_lock (a hint: a reaper may take
 * them first): both ends atomically, as the reapers move the head.
 */
static unsigned ring__cq_ready(struct engine_ring *r)
{
    return __atomic_load_n(r->ring.cq.ktail, __ATOMIC_ACQUIRE) -
           __atomic_load_n(r->ring.cq.khead, __ATOMIC_RELAXED);
}

/* sq_lock held: makes the entries written so far visible to the kernel; how many wait there. */
static unsigned ring__publish_locked(struct engine_ring *r)
{
    struct io_uring_sq *sq = &r->ring.sq;
    if (sq->sqe_head != sq->sqe_tail) {
        sq->sqe_head = sq->sqe_tail;
        io_uring_smp_store_release(sq->ktail, sq->sqe_tail);
    }
    return io_uring_sq_ready(&r->ring);
}

/*
 * io_uring_enter: submits n entries, and with min waits for that many
 * completions until deadline_ns (-1: none).  The kernel waits only if it
 * submitted exactly n, so n is what was published (another thread's enter
 * taking some first only makes this one return early).
 */
static int ring__enter(struct engine_ring *r, unsigned n, unsigned min, int64_t deadline_ns)
{
    unsigned flags = min ? IORING_ENTER_GETEVENTS : 0;
    struct __kernel_timespec ts;
    struct io_uring_getevents_arg arg;
    memset(&arg, 0, sizeof(arg));
    arg.sigmask_sz = _NSIG / 8;
    if (min && deadline_ns >= 0) {
        int64_t left = deadline_ns - sys_now_ns();
        if (left < 0)
            left = 0;
        ts.tv_sec = left / 1000000000;
        ts.tv_nsec = left % 1000000000;
        arg.ts = (uint64_t)(uintptr_t)&ts;
    }
    int ret = io_uring_enter2((unsigned)r->ring.ring_fd, n, min, flags | IORING_ENTER_EXT_ARG,
                              (sigset_t *)&arg, sizeof(arg));
    return ret < 0 ? -ret : 0;
}

/* sq_lock held: a free entry, entering what is queued if there is none (NULL if stuck). */
static struct io_uring_sqe *ring__sqe_locked(struct engine_ring *r)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&r->ring);
    if (!sqe) {
        unsigned n = ring__publish_locked(r);
        if (n)
            ring__enter(r, n, 0, -1);
        sqe = io_uring_get_sqe(&r->ring);
    }
    return sqe;
}

/*
 * sq_lock held: the ring polls the set's epoll instance (multishot) unless
 * it does already, the request entered by the calling thread before the
 * lock is released.  io_uring runs a poll's wake-ups as task work on the
 * thread that entered it, not the one that wrote the entry: entered by
 * another thread's next enter (the engine thread draining the set), the
 * poll would wake that thread at every readiness of the set for as long as
 * it lives (a thousand wake-ups in 70 ms of a busy port, none of them its
 * business).  Others enter what they counted under this lock, which is
 * never an entry written after it.
 */
static void ring__arm_set_locked(struct engine_ring *r)
{
    if (r->set_armed || r->set_off)
        return;
    struct io_uring_sqe *sqe = ring__sqe_locked(r);
    if (!sqe)
        return;
    io_uring_prep_poll_multishot(sqe, r->epfd, POLLIN);
    io_uring_sqe_set_data64(sqe, RING_TAG_SET);
    r->set_armed = true;
    unsigned n = ring__publish_locked(r);
    ring__enter(r, n, 0, -1);
}

/*
 * sq_lock held: publishes every entry for the enter the caller makes next,
 * which takes the deferred ones too; how many wait to be entered.
 */
static unsigned ring__take_pending_locked(struct engine_ring *r)
{
    atomic_store(&r->deferred, false);
    r->deferred_since = 0;
    r->deferred_count = 0;
    return ring__publish_locked(r);
}

/*
 * Enters what is published, now.  Called by whoever must not leave it to a
 * later wait.
 */
static void ring__submit(struct engine_ring *r)
{
    pthread_mutex_lock(&r->sq_lock);
    unsigned n = ring__take_pending_locked(r);
    pthread_mutex_unlock(&r->sq_lock);
    if (n)
        ring__enter(r, n, 0, -1);
}

/*
 * Queues a request prepared by prep; defer leaves it for the next wait in
 * the ring (the caller's own, soon; a waiter already asleep does not see
 * it), else it is entered now.  A deferral older than the engine's tick is
 * entered by the engine thread (engine_ring_flush_stale).
 */
static int ring__queue(struct engine_ring *r, bool defer,
                       void (*prep)(struct io_uring_sqe *sqe, const void *arg), const void *arg)
{
    pthread_mutex_lock(&r->sq_lock);
    struct io_uring_sqe *sqe = ring__sqe_locked(r);
    if (!sqe) {
        pthread_mutex_unlock(&r->sq_lock);
        return EAGAIN;
    }
    prep(sqe, arg);
    /*
     * Deferring delays the start of the operation by the rest of its
     * thread's batch, bounded by RING_DEFER_NS: the next entry after that
     * enters them all.  The clock is read every RING_DEFER_CHECK entries,
     * not for each (a vDSO call per operation was 1% of a worker's time),
     * so the bound counts from the first look and ends a few entries late.
     */
    if (defer) {
        if (++r->deferred_count % RING_DEFER_CHECK == 0) {
            int64_t now = sys_now_ns();
            if (!r->deferred_since)
                r->deferred_since = now;
            else if (now - r->deferred_since > RING_DEFER_NS)
                defer = false;
        }
    }
    if (defer) {
        ring__publish_locked(r);
        atomic_store(&r->deferred, true);
        pthread_mutex_unlock(&r->sq_lock);
        engine_set_deferred();
        return 0;
    }
    unsigned n = ring__take_pending_locked(r);
    pthread_mutex_unlock(&r->sq_lock);
    if (n)
        ring__enter(r, n, 0, -1);
    return 0;
}

struct ring_io {
    struct engine_ring *r;
    int fd;
    void *buf;
    size_t len;
    unsigned flags;
    void *op;
};

/* A socket entered in the ring's table is named by its slot, which is its number (ring_files.h). */
static void ring__set_file(struct io_uring_sqe *sqe, const struct ring_io *io)
{
    if (ring_files_use(&io->r->files, io->fd))
        sqe->flags |= IOSQE_FIXED_FILE;
}

static void ring__prep_recv(struct io_uring_sqe *sqe, const void *arg)
{
    const struct ring_io *io = arg;
    io_uring_prep_recv(sqe, io->fd, io->buf, io->len, 0);
    /* An older kernel would fail the request (EINVAL): the flag came with COOP_TASKRUN. */
    if ((io->flags & SYS_RING_EMPTY) && io->r->poll_first)
        sqe->ioprio |= IORING_RECVSEND_POLL_FIRST;
    ring__set_file(sqe, io);
    io_uring_sqe_set_data(sqe, io->op);
}

static void ring__prep_send(struct io_uring_sqe *sqe, const void *arg)
{
    const struct ring_io *io = arg;
    /*
     * No MSG_WAITALL, although a stream's overlapped send completes only
     * once every byte is taken: the provider submits the rest of a short
     * send again (bop_ring_done), as the readiness path loops on sendmsg.
     * With MSG_WAITALL io_uring retries a short send itself, and when a
     * retry meets the connection's end it reports the bytes sent so far
     * and drops the error (io_send); Linux hands a reset's ECONNRESET to
     * one call only, so the next send would see EPIPE and the send, and
     * every later call, would report WSAECONNABORTED where Windows reports
     * the peer's reset, WSAECONNRESET.
     */
    io_uring_prep_send(sqe, io->fd, io->buf, io->len, MSG_NOSIGNAL);
    ring__set_file(sqe, io);
    io_uring_sqe_set_data(sqe, io->op);
}

static void ring__prep_cancel(struct io_uring_sqe *sqe, const void *arg)
{
    io_uring_prep_cancel(sqe, (void *)arg, 0);
    io_uring_sqe_set_data64(sqe, RING_TAG_CANCEL);
}

static struct engine_ring *ring__of(struct sys_engine_set *set)
{
    return set ? engine_set_ring(set) : NULL;
}

bool sys_ring_has(struct sys_engine_set *set)
{
    return set && engine_set_ring_on(set);
}

int sys_ring_recv(struct sys_engine_set *set, int fd, void *buf, size_t len, unsigned flags,
                  void *op)
{
    struct engine_ring *r = ring__of(set);
    if (!r)
        return ENOSYS;
    struct ring_io io = {r, fd, buf, len, flags, op};
    return ring__queue(r, flags & SYS_RING_DEFER, ring__prep_recv, &io);
}

int sys_ring_send(struct sys_engine_set *set, int fd, const void *buf, size_t len, unsigned flags,
                  void *op)
{
    struct engine_ring *r = ring__of(set);
    if (!r)
        return ENOSYS;
    struct ring_io io = {r, fd, (void *)buf, len, flags, op};
    return ring__queue(r, flags & SYS_RING_DEFER, ring__prep_send, &io);
}

int sys_ring_cancel(struct sys_engine_set *set, void *op)
{
    struct engine_ring *r = ring__of(set);
    if (!r)
        return ENOSYS;
    return ring__queue(r, false, ring__prep_cancel, op);
}

/*
 * Takes up to max completions and runs them; the set's readiness (its
 * poll's completion) last, through engine_set_drain.
 */
static unsigned ring__reap(struct sys_engine_set *set, struct engine_ring *r, unsigned max,
                           bool waiter)
{
    struct {
        uint64_t data;
        int32_t res;
        uint32_t flags;
    } got[RING_BATCH];
    struct io_uring_cqe *cqes[RING_BATCH];
    if (max == 0 || max > RING_BATCH)
        max = RING_BATCH;
    pthread_mutex_lock(&r->cq_lock);
    unsigned n = io_uring_peek_batch_cqe(&r->ring, cqes, max);
    for (unsigned i = 0; i < n; i++) {
        got[i].data = cqes[i]->user_data;
        got[i].res = cqes[i]->res;
        got[i].flags = cqes[i]->flags;
    }
    io_uring_cq_advance(&r->ring, n);
    pthread_mutex_unlock(&r->cq_lock);

    bool set_ready = false, rearm = false;
    sys_ring_fn fn = atomic_load(&ring__fn);
    for (unsigned i = 0; i < n; i++) {
        if (got[i].data == RING_TAG_SET) {
            set_ready = true;
            rearm = rearm || !(got[i].flags & IORING_CQE_F_MORE);
        } else if (got[i].data != RING_TAG_CANCEL && fn) {
            fn((void *)(uintptr_t)got[i].data, got[i].res,
               (got[i].flags & IORING_CQE_F_SOCK_NONEMPTY) ? SYS_RING_MORE : 0);
        }
    }
    if (rearm) {
        /*
         * The poll ended (its thread exited, or a completion could not be
         * posted): a waiter arms it again at once (a fresh poll reports what
         * is ready); the engine thread leaves it to the next waiter, and
         * watches the epoll instance itself meanwhile.
         */
        pthread_mutex_lock(&r->sq_lock);
        r->set_armed = false;
        unsigned pending = 0;
        if (waiter) {
            ring__arm_set_locked(r);
            pending = ring__take_pending_locked(r);
        }
        pthread_mutex_unlock(&r->sq_lock);
        if (pending)
            ring__enter(r, pending, 0, -1);
    }
    if (set_ready)
        engine_set_drain(set, waiter);
    return n;
}

unsigned engine_ring_wait(struct sys_engine_set *set, struct engine_ring *r, int64_t deadline_ns,
                          unsigned max)
{
    /* Counted before the look at the queue: a deferral after it sees this waiter. */
    atomic_fetch_add(&r->waiting, 1);
    pthread_mutex_lock(&r->sq_lock);
    ring__arm_set_locked(r);
    unsigned n = ring__take_pending_locked(r);
    pthread_mutex_unlock(&r->sq_lock);
    /* Completions already there are taken without waiting. */
    bool wait = ring__cq_ready(r) == 0;
    if (n || wait)
        ring__enter(r, n, wait ? 1 : 0, deadline_ns);
    atomic_fetch_sub(&r->waiting, 1);
    return ring__reap(set, r, max, true);
}

void engine_ring_flush(struct engine_ring *r)
{
    if (atomic_load(&r->deferred))
        ring__submit(r);
}

void engine_ring_flush_stale(struct engine_ring *r, int64_t older_than_ns)
{
    if (!atomic_load(&r->deferred))
        return;
    pthread_mutex_lock(&r->sq_lock);
    /* Deferred since this look at the latest: stale at a later one. */
    int64_t now = sys_now_ns();
    if (!r->deferred_since)
        r->deferred_since = now;
    bool stale = now - r->deferred_since >= older_than_ns;
    unsigned n = stale ? ring__take_pending_locked(r) : 0;
    pthread_mutex_unlock(&r->sq_lock);
    if (n)
        ring__enter(r, n, 0, -1);
}

void engine_ring_stop_set_poll(struct engine_ring *r)
{
    pthread_mutex_lock(&r->sq_lock);
    r->set_off = true;
    pthread_mutex_unlock(&r->sq_lock);
    /*
     * Synchronous: once it returns the poll is gone, so that the caller may
     * put the ring's descriptor into the epoll instance (with the poll still
     * there each completion would post another).
     */
    struct io_uring_sync_cancel_reg reg;
    memset(&reg, 0, sizeof(reg));
    reg.addr = RING_TAG_SET;
    reg.timeout.tv_sec = -1;
    reg.timeout.tv_nsec = -1;
    io_uring_register_sync_cancel(&r->ring, &reg);
}

bool engine_ring_deferred(struct engine_ring *r)
{
    return atomic_load(&r->deferred);
}

void engine_ring_drain(struct sys_engine_set *set, struct engine_ring *r, bool waiter)
{
    /* Task work of this thread's own requests runs in the enter, posting their completions. */
    pthread_mutex_lock(&r->sq_lock);
    if (waiter)
        ring__arm_set_locked(r);
    unsigned n = ring__take_pending_locked(r);
    pthread_mutex_unlock(&r->sq_lock);
    ring__enter(r, n, 0, -1);
    while (ring__reap(set, r, RING_BATCH, waiter) == RING_BATCH)
        ;
}

void sys_ring_flush(struct sys_engine_set *set)
{
    struct engine_ring *r = ring__of(set);
    if (r)
        engine_ring_flush(r);
}

void sys_ring_progress(struct sys_engine_set *set, int64_t deadline_ns)
{
    struct engine_ring *r = ring__of(set);
    if (r)
        engine_ring_wait(set, r, deadline_ns, RING_BATCH);
}
