/*
 * The io_uring backend: one multishot poll request per watched socket, one
 * ring, one thread.
 *
 * Only the engine thread touches the ring.  liburing's submission queue is
 * not safe to share between threads, and io_uring charges the work of a
 * request to the task that submitted it: a poll request submitted by an
 * application thread would have its wake-ups processed as task work on that
 * thread, interrupting whatever it is doing.  So watch and unwatch only mark
 * the socket's slot "dirty" under engine_lock and wake the engine thread
 * through an eventfd, which the ring itself polls; the engine thread then
 * arms or cancels requests.  That also allows IORING_SETUP_SINGLE_ISSUER and
 * DEFER_TASKRUN, which fit a ring that one thread drives and waits on.
 *
 * A slot has at most one request in the kernel, whose tag is its armed one
 * until the engine thread reaps its last completion (one without
 * IORING_CQE_F_MORE).  Multishot poll ends on its own too — when a
 * completion could not be posted, say — and is armed again then, while the
 * registration lasts; a fresh request first reports the readiness there is,
 * so nothing is missed in between.  An ended registration's request is
 * cancelled with IORING_OP_ASYNC_CANCEL by tag — not IORING_OP_POLL_REMOVE,
 * which fails with EALREADY and leaves the request armed when it meets a
 * wake-up in progress.  close() alone would not end it: the request holds
 * the file, which is why sys_engine_unwatch waits until armed is clear.
 */
#include <errno.h>
#include <liburing.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "sys/engine.h"
#include "sys/engine_backend.h"

/* Each watched socket can have a few completions waiting; the kernel keeps overflow. */
#define URING_SQ_ENTRIES 256
#define URING_CQ_ENTRIES 4096
#define URING_BATCH      64

#define URING_POLL_MASK (POLLIN | POLLOUT | POLLPRI | POLLRDHUP | POLLERR | POLLHUP)

static struct io_uring uring__ring;
static int uring__wake_fd = -1;
static pthread_t uring__thread;

/* Guarded by engine_lock. */
static bool uring__wake_pending; /* the eventfd was written and the thread has not looked yet */
static int uring__dirty_head = -1, uring__dirty_tail = -1;

/* Start-up handshake: the thread creates the ring and reports here. */
static pthread_mutex_t uring__start_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t uring__start_cond = PTHREAD_COND_INITIALIZER;
static int uring__start_err; /* -1 while the thread has not answered */

/* The engine thread's own state. */
static unsigned uring__inflight; /* poll requests in the kernel, the eventfd's included */
static bool uring__wake_armed;
static bool uring__wake_cancelled;
static bool uring__stop_begun;

static unsigned uring__events(int32_t res)
{
    if (res < 0)
        return SYS_ENGINE_ERR | SYS_ENGINE_IN | SYS_ENGINE_OUT;
    unsigned events = 0;
    if (res & (POLLIN | POLLPRI | POLLRDHUP))
        events |= SYS_ENGINE_IN;
    if (res & POLLOUT)
        events |= SYS_ENGINE_OUT;
    if (res & (POLLERR | POLLHUP))
        events |= SYS_ENGINE_ERR | SYS_ENGINE_IN | SYS_ENGINE_OUT;
    return events;
}

/* engine_lock held. */
static void uring__mark_dirty_locked(int fd, struct engine_slot *slot)
{
    if (slot->dirty)
        return;
    slot->dirty = true;
    slot->next_dirty = -1;
    if (uring__dirty_tail < 0)
        uring__dirty_head = fd;
    else
        engine_slot(uring__dirty_tail)->next_dirty = fd;
    uring__dirty_tail = fd;
}

/*
 * engine_lock held.  The engine thread looks at the dirty slots before it
 * waits again, so it needs no wake-up from itself; others write the eventfd
 * once until the thread has looked.
 */
static void uring__wake_locked(void)
{
    if (engine_on_thread() || uring__wake_pending)
        return;
    uring__wake_pending = true;
    uint64_t one = 1;
    while (write(uring__wake_fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
}

/* A free submission entry, submitting what is queued if there is none; NULL if stuck. */
static struct io_uring_sqe *uring__sqe(void)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&uring__ring);
    if (!sqe && io_uring_submit(&uring__ring) >= 0)
        sqe = io_uring_get_sqe(&uring__ring);
    return sqe;
}

static bool uring__arm_wake(void)
{
    struct io_uring_sqe *sqe = uring__sqe();
    if (!sqe)
        return false;
    io_uring_prep_poll_multishot(sqe, uring__wake_fd, POLLIN);
    io_uring_sqe_set_data64(sqe, ENGINE_TAG_WAKE);
    uring__wake_armed = true;
    uring__inflight++;
    return true;
}

/*
 * Engine thread, engine_lock held: brings one slot's request in line with
 * its registration.  false when no submission entry could be had (the slot
 * stays dirty).
 */
static bool uring__settle_locked(int fd, struct engine_slot *slot, bool stopping)
{
    uint64_t current = atomic_load(&slot->current);
    uint64_t armed = engine_slot_armed(fd, slot);
    if (armed != ENGINE_TAG_NONE) {
        /* A one-shot watch taken back (engine_unarm_once_locked) ends too. */
        bool ended = stopping || current == ENGINE_TAG_NONE || armed != current ||
                     (slot->once && !slot->want);
        if (ended && !slot->cancel_sent) {
            struct io_uring_sqe *sqe = uring__sqe();
            if (!sqe)
                return false;
            io_uring_prep_cancel64(sqe, armed, 0);
            io_uring_sqe_set_data64(sqe, ENGINE_TAG_CANCEL);
            slot->cancel_sent = true;
        }
        /* A replacement is armed once the old request is reaped (the slot is dirty again). */
        return true;
    }
    /* A set's descriptor (slot->once) is watched single-shot, and only when wanted. */
    /* A registration in a set is epoll's (engine_set.c); nothing to arm here. */
    if (current != ENGINE_TAG_NONE && !engine_slot_in(slot) && !slot->broken && !stopping &&
        (!slot->once || slot->want)) {
        struct io_uring_sqe *sqe = uring__sqe();
        if (!sqe)
            return false;
        if (slot->once)
            io_uring_prep_poll_add(sqe, fd, POLLIN);
        else
            io_uring_prep_poll_multishot(sqe, fd, URING_POLL_MASK);
        io_uring_sqe_set_data64(sqe, current);
        engine_slot_set_armed(slot, current);
        slot->cancel_sent = false;
        uring__inflight++;
    }
    return true;
}

/* Engine thread, engine_lock held.  false when some slots are still dirty. */
static bool uring__settle_dirty_locked(bool stopping)
{
    while (uring__dirty_head >= 0) {
        int fd = uring__dirty_head;
        struct engine_slot *slot = engine_slot(fd);
        if (!uring__settle_locked(fd, slot, stopping))
            return false;
        uring__dirty_head = slot->next_dirty;
        if (uring__dirty_head < 0)
            uring__dirty_tail = -1;
        slot->dirty = false;
    }
    return true;
}

/* Engine thread, engine_lock held: the first look after sys_engine_stop began. */
static void uring__begin_stop_locked(void)
{
    uring__stop_begun = true;
    int n = engine_slot_limit_locked();
    for (int fd = 0; fd < n; fd++) {
        struct engine_slot *slot = engine_slot(fd);
        if (slot && slot->armed_gen)
            uring__mark_dirty_locked(fd, slot);
    }
}

struct uring_cqe_copy {
    uint64_t tag;
    int32_t res;
    uint32_t flags;
};

struct uring_event {
    uint64_t tag;
    unsigned events;
};

/*
 * Engine thread, engine_lock held: accounts for one completion, and adds
 * the events a callback should hear to out (merged per registration: one
 * callback covers them all, since it runs until EAGAIN).
 */
static void uring__reap_locked(const struct uring_cqe_copy *c, bool stopping,
                               struct uring_event *out, unsigned *nout)
{
    bool last = !(c->flags & IORING_CQE_F_MORE);
    if (c->tag == ENGINE_TAG_CANCEL)
        return; /* the cancellation's own completion: 0, or -ENOENT if it had ended */
    if (c->tag == ENGINE_TAG_WAKE) {
        if (last) {
            uring__wake_armed = false;
            uring__inflight--;
        }
        return;
    }

    int fd = engine_tag_fd(c->tag);
    struct engine_slot *slot = engine_slot(fd);
    if (!slot)
        return;
    bool current = atomic_load(&slot->current) == c->tag;
    if (last) {
        uring__inflight--;
        if (engine_slot_armed(fd, slot) == c->tag) {
            slot->armed_gen = 0;
            slot->cancel_sent = false;
            slot->want = false; /* a one-shot watch has fired (or failed) */
            /*
             * An error (the fd is not pollable, or was closed without an
             * unwatch) would recur at once: the registration stays quiet,
             * and the callback below lets the provider find the error.
             */
            if (current && c->res < 0 && c->res != -ECANCELED)
                slot->broken = true;
            uring__mark_dirty_locked(fd, slot); /* to be armed again, or its replacement */
            engine_released_locked();
        }
    }
    /* A one-shot watch taken back: nothing happened. */
    if (!current || stopping || (slot->once && c->res == -ECANCELED))
        return;
    unsigned events = uring__events(c->res);
    if (!events)
        return;
    for (unsigned i = 0; i < *nout; i++) {
        if (out[i].tag == c->tag) {
            out[i].events |= events;
            return;
        }
    }
    out[*nout].tag = c->tag;
    out[*nout].events = events;
    (*nout)++;
}

/*
 * Engine thread: waits for completions, or tick_ms (-1: no limit; see
 * engine_set_tick), and submits what is queued.
 */
static void uring__wait(bool settled, int tick_ms)
{
    if (io_uring_cq_ready(&uring__ring) > 0) {
        if (io_uring_sq_ready(&uring__ring) > 0)
            io_uring_submit(&uring__ring);
        return;
    }
    if (settled && tick_ms < 0) {
        io_uring_submit_and_wait(&uring__ring, 1);
        return;
    }
    /*
     * Slots wait for submission entries: try again shortly even if nothing
     * completes (the kernel refused the submission, e.g. for memory).
     */
    long ns = (settled ? tick_ms : 1) * 1000000L; /* settled: tick_ms >= 0 here */
    struct __kernel_timespec ts = {.tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000};
    struct io_uring_cqe *cqe;
    io_uring_submit_and_wait_timeout(&uring__ring, &cqe, 1, &ts, NULL);
}

static void uring__loop(void)
{
    struct uring_cqe_copy cqes[URING_BATCH];
    struct uring_event events[URING_BATCH];
    for (;;) {
        /*
         * The tick first, so that the sets it arms are submitted below; a
         * wake-up asked for after this point writes the eventfd again.
         */
        pthread_mutex_lock(&engine_lock);
        uring__wake_pending = false;
        pthread_mutex_unlock(&engine_lock);
        int tick_ms = engine_set_tick();
        pthread_mutex_lock(&engine_lock);
        bool stopping = engine_stopping_locked();
        if (stopping && !uring__stop_begun)
            uring__begin_stop_locked();
        bool settled = uring__settle_dirty_locked(stopping);
        if (stopping && uring__wake_armed && !uring__wake_cancelled) {
            struct io_uring_sqe *sqe = uring__sqe();
            if (sqe) {
                io_uring_prep_cancel64(sqe, ENGINE_TAG_WAKE, 0);
                io_uring_sqe_set_data64(sqe, ENGINE_TAG_CANCEL);
                uring__wake_cancelled = true;
            } else {
                settled = false;
            }
        }
        if (!stopping && !uring__wake_armed && !uring__arm_wake())
            settled = false;
        /* Stopped once the kernel holds nothing of ours: the ring can go. */
        bool done = stopping && uring__inflight == 0 && uring__dirty_head < 0;
        pthread_mutex_unlock(&engine_lock);
        if (done)
            return;

        uring__wait(settled, stopping ? -1 : tick_ms);

        unsigned n = 0, head;
        struct io_uring_cqe *cqe;
        bool woken = false;
        io_uring_for_each_cqe(&uring__ring, head, cqe)
        {
            if (n == URING_BATCH)
                break;
            cqes[n].tag = io_uring_cqe_get_data64(cqe);
            cqes[n].res = cqe->res;
            cqes[n].flags = cqe->flags;
            woken |= cqes[n].tag == ENGINE_TAG_WAKE;
            n++;
        }
        io_uring_cq_advance(&uring__ring, n);
        if (woken) {
            /* Reset before the dirty slots are looked at, so no later write is lost. */
            uint64_t count;
            while (read(uring__wake_fd, &count, sizeof(count)) < 0 && errno == EINTR)
                ;
        }

        unsigned nevents = 0;
        pthread_mutex_lock(&engine_lock);
        stopping = engine_stopping_locked();
        for (unsigned i = 0; i < n; i++)
            uring__reap_locked(&cqes[i], stopping, events, &nevents);
        pthread_mutex_unlock(&engine_lock);

        for (unsigned i = 0; i < nevents; i++)
            engine_dispatch(events[i].tag, events[i].events);
    }
}

/* Creates the ring, preferring the flags for a ring that only this thread drives. */
static int uring__setup(void)
{
    static const unsigned flag_sets[] = {
        IORING_SETUP_CQSIZE | IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
        IORING_SETUP_CQSIZE,
    };
    int err = -EINVAL;
    for (unsigned i = 0; i < sizeof(flag_sets) / sizeof(flag_sets[0]) && err == -EINVAL; i++) {
        struct io_uring_params p = {.flags = flag_sets[i], .cq_entries = URING_CQ_ENTRIES};
        err = io_uring_queue_init_params(URING_SQ_ENTRIES, &uring__ring, &p);
        /*
         * Without NODROP (5.5) a completion could be lost when the queue is
         * full, and a lost completion is a lost wake-up.  EXT_ARG (5.11)
         * lets the timed wait go without a timeout request.
         */
        if (err == 0 && (p.features & (IORING_FEAT_NODROP | IORING_FEAT_EXT_ARG)) !=
                            (IORING_FEAT_NODROP | IORING_FEAT_EXT_ARG)) {
            io_uring_queue_exit(&uring__ring);
            err = -ENOSYS;
        }
    }
    if (err < 0)
        return -err;

    /*
     * The first request shows whether multishot poll (5.13) is there: an
     * older kernel fails it at once, which the completion queue shows as
     * soon as the submission returns.
     */
    int ret = -EAGAIN;
    if (uring__arm_wake())
        ret = io_uring_submit(&uring__ring);
    struct io_uring_cqe *cqe;
    if (ret >= 0 && io_uring_peek_cqe(&uring__ring, &cqe) == 0 &&
        io_uring_cqe_get_data64(cqe) == ENGINE_TAG_WAKE && cqe->res < 0 &&
        !(cqe->flags & IORING_CQE_F_MORE))
        ret = cqe->res;
    if (ret < 0) {
        io_uring_queue_exit(&uring__ring);
        return -ret;
    }
    return 0;
}

static void uring__report(int err)
{
    pthread_mutex_lock(&uring__start_lock);
    uring__start_err = err;
    pthread_cond_broadcast(&uring__start_cond);
    pthread_mutex_unlock(&uring__start_lock);
}

static void *uring__run(void *arg)
{
    (void)arg;
    engine_thread_begin();
    uring__inflight = 0;
    uring__wake_armed = uring__wake_cancelled = uring__stop_begun = false;
    int err = uring__setup();
    uring__report(err);
    if (err)
        return NULL;
    uring__loop();
    io_uring_queue_exit(&uring__ring);
    return NULL;
}

static int uring__start(void)
{
    uring__wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (uring__wake_fd < 0)
        return errno;
    uring__wake_pending = false;
    uring__dirty_head = uring__dirty_tail = -1;
    uring__start_err = -1;
    int err = pthread_create(&uring__thread, NULL, uring__run, NULL);
    if (err == 0) {
        pthread_mutex_lock(&uring__start_lock);
        while (uring__start_err < 0)
            pthread_cond_wait(&uring__start_cond, &uring__start_lock);
        err = uring__start_err;
        pthread_mutex_unlock(&uring__start_lock);
        if (err)
            pthread_join(uring__thread, NULL);
    }
    if (err) {
        close(uring__wake_fd);
        uring__wake_fd = -1;
    }
    return err;
}

static void uring__stop(void)
{
    pthread_mutex_lock(&engine_lock);
    uring__wake_locked();
    pthread_mutex_unlock(&engine_lock);
    pthread_join(uring__thread, NULL);
    close(uring__wake_fd);
    uring__wake_fd = -1;
}

static int uring__arm(int fd, struct engine_slot *slot, uint64_t tag)
{
    (void)tag;
    slot->broken = false;
    uring__mark_dirty_locked(fd, slot);
    uring__wake_locked();
    return 0;
}

static void uring__disarm(int fd, struct engine_slot *slot, uint64_t tag)
{
    (void)tag;
    if (!slot->armed_gen)
        return; /* never reached the kernel: the engine thread will find nothing to arm */
    uring__mark_dirty_locked(fd, slot);
    uring__wake_locked();
}

const struct engine_backend engine_uring = {
    .name = "io_uring",
    .start = uring__start,
    .stop = uring__stop,
    .arm = uring__arm,
    .disarm = uring__disarm,
    .kick = uring__wake_locked,
};
