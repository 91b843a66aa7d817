/*
 * Readiness sets (engine.h): an epoll instance per completion port, in
 * which the port's waiting threads wait and run the callbacks themselves,
 * and the engine thread's watch over the sets nobody waits in.
 *
 * Why a set per port.  With one set for the process, the thread that
 * completed an operation was seldom the one that would take its packet: the
 * engine thread (or a single leader) ran the completion, posted it, and
 * woke the port's waiter through its eventfd, two wake-ups per completion,
 * and a second port's waiters could never wait in the set at all.  Here a
 * readiness wakes a waiter of the socket's own port, which completes the
 * operation and takes the packet itself.  Linux wakes one epoll_wait caller
 * per event, the most recent first (exclusive waits added at the head of
 * the queue, fs/eventpoll.c), which is Windows' last-in first-out release
 * of a port's waiting threads ("I/O Completion Ports").
 *
 * The set's own eventfd (registered edge-triggered under ENGINE_TAG_WAKE)
 * wakes one waiter for a packet that came from elsewhere: at most one
 * wake-up is outstanding (wake_pending), and the woken thread clears it.
 *
 * The engine thread and the sets.  Completions must not depend on the
 * application waiting, so a set that nobody waits in is watched by the
 * engine thread: its epoll descriptor is registered in the engine's own set
 * (or ring) one-shot.  When it fires and still nobody waits, the engine
 * thread runs the set's callbacks itself and arms it again.  Arming on every
 * waiter's departure would cost a system call per completion on a busy
 * port, so the engine thread looks at the sets on a tick instead: a set
 * that has had no waiter for a whole tick (no thread came, none is there)
 * is armed then.  While every unarmed set has waiters and none came or went
 * during a tick, the engine thread sleeps without a tick (idle); the first
 * waiter to leave a set empty after that ends the sleep (engine_kick), one
 * system call per idle period, none on the busy path.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "sys/engine.h"
#include "sys/engine_backend.h"
#include "sys/sys.h"

/* How often the engine thread looks at the sets nobody may be waiting in. */
#define ENGINE_SET_TICK_MS 2
#define ENGINE_SET_BATCH   64

struct sys_engine_set {
    int epfd, wakefd;
    /*
     * The set's ring, or NULL (engine_ring.c), and the descriptor the engine
     * thread watches while nobody waits: the ring's when there is one (the
     * ring polls epfd itself), else epfd.
     */
    struct engine_ring *ring;
    int watchfd; /* guarded by engine_lock */
    /*
     * The ring is off for new requests: the port has had several waiters at
     * once (engine_set__ring_off).  Its waiters then wait in epfd, which
     * holds the ring's descriptor for what is still in flight.
     */
    _Atomic bool ring_off;
    _Atomic unsigned waiters;
    _Atomic unsigned long entries; /* waiters that came, and touches: the tick's sign of life */
    _Atomic bool wake_pending;     /* the eventfd was written and no waiter has seen it */
    _Atomic bool engine_watching;  /* the engine thread's watch was armed (engine_set__attended) */
    /* Guarded by engine_lock. */
    struct sys_engine_set *prev, *next; /* engine_set__list, or engine_set__freed */
    unsigned long seen;                 /* entries at the last tick */
    int64_t seen_ns;                    /* when the tick saw entries change last */
    bool freed;
};

/* Every set not yet freed, for the tick; engine_lock held. */
static struct sys_engine_set engine_set__list = {.prev = &engine_set__list,
                                                 .next = &engine_set__list};

/*
 * Sets let go of while the engine runs, for the engine thread to free
 * (engine_set_tick): it is the only thread that dispatches a set's own
 * registration, so it frees none while a drain could still look at it.
 * Guarded by engine_lock.
 */
static struct sys_engine_set *engine_set__freed;

/* The engine thread waits without a tick (see above). */
static _Atomic bool engine_set__idle;

/* sys_engine_tick_hook's function, or NULL. */
static bool (*_Atomic engine_set__hook)(bool run);

static void engine_set__destroy(struct sys_engine_set *set)
{
    engine_ring_free(set->ring);
    close(set->epfd);
    close(set->wakefd);
    free(set);
}

/* engine_lock held: the sets let go of, to be destroyed once the lock is released. */
static struct sys_engine_set *engine_set__take_freed_locked(void)
{
    struct sys_engine_set *freed = engine_set__freed;
    engine_set__freed = NULL;
    return freed;
}

static void engine_set__destroy_all(struct sys_engine_set *set)
{
    while (set) {
        struct sys_engine_set *next = set->next;
        engine_set__destroy(set);
        set = next;
    }
}

int engine_set_fd(const struct sys_engine_set *set)
{
    return set->epfd;
}

struct engine_ring *engine_set_ring(struct sys_engine_set *set)
{
    return set->ring;
}

bool engine_set_ring_on(struct sys_engine_set *set)
{
    return set->ring && !atomic_load(&set->ring_off);
}

/*
 * Several threads wait on the port at once: the ring goes off for good.
 * Linux wakes a ring's waiters oldest first, and a request a thread leaves
 * for its next wait waits behind the others' sleep, so a port with several
 * workers ran slower on the ring than in the epoll instance, where Linux
 * wakes the most recent waiter (Windows' order) and each operation runs
 * on the waiter that the readiness woke.  New operations take the
 * readiness path; what is still in flight on the ring is reaped by whoever
 * the ring's descriptor, now in epfd, wakes.  The ring's own poll of epfd
 * ends first (synchronously), or each completion would post another.
 */
static void engine_set__ring_off(struct sys_engine_set *set)
{
    if (atomic_exchange(&set->ring_off, true))
        return;
    engine_ring_stop_set_poll(set->ring);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = ENGINE_TAG_RING};
    epoll_ctl(set->epfd, EPOLL_CTL_ADD, engine_ring_fd(set->ring), &ev);
    pthread_mutex_lock(&engine_lock);
    set->watchfd = set->epfd;
    pthread_mutex_unlock(&engine_lock);
    engine_kick(); /* the engine thread watches epfd from its next tick */
}

void sys_engine_set_shared(struct sys_engine_set *set)
{
    if (set->ring && !atomic_load_explicit(&set->ring_off, memory_order_relaxed))
        engine_set__ring_off(set);
}

static uint32_t engine_set__events(bool out)
{
    return EPOLLIN | EPOLLPRI | EPOLLRDHUP | EPOLLET | (out ? EPOLLOUT : 0);
}

int engine_set_add(struct sys_engine_set *set, int fd, uint64_t tag, bool out)
{
    struct epoll_event ev = {.events = engine_set__events(out), .data.u64 = tag};
    if (epoll_ctl(set->epfd, EPOLL_CTL_ADD, fd, &ev) == 0)
        return 0;
    /* The same file, registered before under another tag: take the new one. */
    if (errno == EEXIST && epoll_ctl(set->epfd, EPOLL_CTL_MOD, fd, &ev) == 0)
        return 0;
    return errno;
}

int engine_set_change(struct sys_engine_set *set, int fd, uint64_t tag, bool out)
{
    if (!set)
        return 0; /* the engine thread's registrations report everything */
    struct epoll_event ev = {.events = engine_set__events(out), .data.u64 = tag};
    return epoll_ctl(set->epfd, EPOLL_CTL_MOD, fd, &ev) == 0 ? 0 : errno;
}

struct sys_engine_set *sys_engine_set_new(void)
{
    struct sys_engine_set *set = calloc(1, sizeof(*set));
    if (!set)
        return NULL;
    set->epfd = epoll_create1(EPOLL_CLOEXEC);
    set->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    struct epoll_event wake = {.events = EPOLLIN | EPOLLET, .data.u64 = ENGINE_TAG_WAKE};
    int err = 0;
    if (set->epfd < 0 || set->wakefd < 0 ||
        epoll_ctl(set->epfd, EPOLL_CTL_ADD, set->wakefd, &wake) < 0)
        err = errno;
    /* No ring (the kernel refuses one) is no failure: the set works without. */
    if (!err && engine_ring_wanted())
        set->ring = engine_ring_new(set->epfd);
    set->watchfd = set->ring ? engine_ring_fd(set->ring) : set->epfd;
    if (!err)
        err = engine_watch_set_fd(set->watchfd, set);
    /* The epoll instance gets its slot too, for when the ring goes off. */
    if (!err && set->ring)
        err = engine_watch_set_fd(set->epfd, set);
    if (err) {
        engine_ring_free(set->ring);
        if (set->epfd >= 0)
            close(set->epfd);
        if (set->wakefd >= 0)
            close(set->wakefd);
        free(set);
        errno = err;
        return NULL;
    }
    pthread_mutex_lock(&engine_lock);
    set->prev = engine_set__list.prev;
    set->next = &engine_set__list;
    set->prev->next = set;
    engine_set__list.prev = set;
    pthread_mutex_unlock(&engine_lock);
    /* Nobody waits yet: the engine thread watches it from its next tick (or now). */
    engine_kick();
    return set;
}

void sys_engine_set_free(struct sys_engine_set *set)
{
    pthread_mutex_lock(&engine_lock);
    set->freed = true;
    set->prev->next = set->next;
    set->next->prev = set->prev;
    /*
     * The engine thread's watch ends (without waiting: this may run on any
     * thread, with any lock held, even inside the set's own drain); the
     * memory and descriptors go once the engine thread is past its batch.
     */
    engine_set_unwatch_locked(set->epfd);
    if (set->ring)
        engine_set_unwatch_locked(engine_ring_fd(set->ring));
    bool later = engine_set_running_locked();
    if (later) {
        set->next = engine_set__freed;
        engine_set__freed = set;
    }
    pthread_mutex_unlock(&engine_lock);
    if (later)
        engine_kick();
    else
        engine_set__destroy(set);
}

/*
 * The port is attended again: the engine thread's watch, if armed, is
 * taken back.  Left in the kernel, it would not fire (the port's thread
 * takes the readiness first), yet an io_uring poll wakes the engine thread
 * to look at every readiness of the set (hundreds of times in 70 ms of a
 * busy port).  The tick arms it again after a whole tick without a sign of
 * life.
 */
static void engine_set__attended(struct sys_engine_set *set)
{
    if (!atomic_load_explicit(&set->engine_watching, memory_order_relaxed) ||
        !atomic_exchange(&set->engine_watching, false))
        return;
    pthread_mutex_lock(&engine_lock);
    engine_unarm_once_locked(set->watchfd);
    if (set->watchfd != set->epfd)
        engine_unarm_once_locked(set->epfd);
    pthread_mutex_unlock(&engine_lock);
}

void sys_engine_set_enter(struct sys_engine_set *set)
{
    atomic_fetch_add(&set->waiters, 1);
    atomic_fetch_add_explicit(&set->entries, 1, memory_order_relaxed);
    engine_set__attended(set);
}

void sys_engine_set_touch(struct sys_engine_set *set)
{
    atomic_fetch_add_explicit(&set->entries, 1, memory_order_relaxed);
    engine_set__attended(set);
}

void sys_engine_set_leave(struct sys_engine_set *set)
{
    /*
     * The last waiter gone while the engine thread sleeps without a tick:
     * wake it, so that it watches the set.  Sequentially consistent on both
     * sides (engine_set_tick publishes idle, then looks at waiters).
     */
    if (atomic_fetch_sub(&set->waiters, 1) == 1 && atomic_load(&engine_set__idle) &&
        atomic_exchange(&engine_set__idle, false))
        engine_kick();
}

unsigned sys_engine_set_waiters(struct sys_engine_set *set)
{
    return atomic_load(&set->waiters);
}

void engine_set_deferred(void)
{
    /* An idle engine thread ticks again, so that its next tick enters what was deferred. */
    if (atomic_load(&engine_set__idle) && atomic_exchange(&engine_set__idle, false))
        engine_kick();
}

void sys_engine_tick_hook(bool (*fn)(bool run))
{
    atomic_store(&engine_set__hook, fn);
}

void sys_engine_tick_soon(void)
{
    engine_set_deferred();
}

void sys_engine_set_wake(struct sys_engine_set *set)
{
    if (atomic_exchange(&set->wake_pending, true))
        return; /* one is on its way, and its thread passes the work on */
    uint64_t one = 1;
    while (write(set->wakefd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
}

/* Runs the callbacks for n events taken from set; a wake-up is kept for a waiter if any. */
static void engine_set__dispatch(struct sys_engine_set *set, const struct epoll_event *events,
                                 int n, bool waiter)
{
    for (int i = 0; i < n; i++) {
        if (events[i].data.u64 == ENGINE_TAG_RING) {
            engine_ring_drain(set, set->ring, waiter);
            continue;
        }
        if (events[i].data.u64 != ENGINE_TAG_WAKE) {
            engine_dispatch(events[i].data.u64, engine_epoll_events(events[i].events));
            continue;
        }
        atomic_store(&set->wake_pending, false);
        /*
         * The engine thread took a wake-up meant for a waiter (one came
         * after it looked): pass it on.  A waiter that came later looks at
         * its port before it waits, so none is lost when nobody is there.
         */
        if (!waiter && atomic_load(&set->waiters) > 0)
            sys_engine_set_wake(set);
    }
}

unsigned sys_engine_set_wait(struct sys_engine_set *set, int64_t deadline_ns, unsigned max)
{
    int timeout_ms = -1;
    if (deadline_ns >= 0) {
        int64_t left = deadline_ns - sys_now_ns();
        /* Rounded up: returning before the deadline would make the caller wait again. */
        timeout_ms = left <= 0               ? 0
                     : left > 86400000000000 ? 86400000
                                             : (int)((left + 999999) / 1000000);
    }
    if (max == 0)
        max = 1;
    if (max > ENGINE_SET_BATCH)
        max = ENGINE_SET_BATCH;
    if (engine_set_ring_on(set)) {
        if (atomic_load(&set->waiters) <= 1)
            return engine_ring_wait(set, set->ring, deadline_ns, max);
        engine_set__ring_off(set);
    }
    struct epoll_event events[ENGINE_SET_BATCH];
    int n = epoll_wait(set->epfd, events, (int)max, timeout_ms);
    if (n > 0)
        engine_set__dispatch(set, events, n, true);
    return n > 0 ? (unsigned)n : 0;
}

/* engine_lock held: records the set's sign of life (entries) if it changed since the last look. */
static void engine_set__saw_locked(struct sys_engine_set *set, int64_t now)
{
    unsigned long entries = atomic_load_explicit(&set->entries, memory_order_relaxed);
    if (entries != set->seen) {
        set->seen = entries;
        set->seen_ns = now;
    }
}

/*
 * engine_lock held: the engine thread's one-shot watch of a set nobody
 * waits in: its ring's descriptor (the ring's own requests) and, with a
 * ring, its epoll instance too (readiness-path sockets and posts: the
 * ring's poll of the epoll instance is a waiter's, and may not be armed).
 */
static void engine_set__arm_locked(struct sys_engine_set *set)
{
    engine_arm_once_locked(set->watchfd);
    if (set->watchfd != set->epfd)
        engine_arm_once_locked(set->epfd);
    atomic_store(&set->engine_watching, true);
}

void engine_set_drain(struct sys_engine_set *set, bool waiter)
{
    struct epoll_event events[ENGINE_SET_BATCH];
    int n;
    /* The ring's poll reports the set once until it is drained: take all there is. */
    do {
        n = epoll_wait(set->epfd, events, ENGINE_SET_BATCH, 0);
        if (n > 0)
            engine_set__dispatch(set, events, n, waiter);
    } while (n == ENGINE_SET_BATCH);
}

/*
 * Engine thread: the one-shot watch of set fired.  If still nobody waits,
 * the engine thread runs what is ready and watches again; otherwise the
 * waiters take it from here, and the tick looks again later.
 */
void engine_set_fired(struct sys_engine_set *set, int fd)
{
    pthread_mutex_lock(&engine_lock);
    struct engine_slot *slot = engine_slot(fd);
    if (slot)
        slot->want = false;
    /*
     * A thread of the port waited or took a packet since the watch was
     * armed: the port is attended, and its thread, busy for the moment,
     * runs what is ready when it waits again.  Taking it here would make
     * the engine thread a second worker of every busy port (a wake-up and
     * a thread switch per readiness: 1.6 per connection in the churn
     * benchmark).  The tick looks again, and watches once a whole tick
     * passes without a sign of life.
     */
    bool attended = atomic_load_explicit(&set->entries, memory_order_relaxed) != set->seen;
    pthread_mutex_unlock(&engine_lock);
    if (!attended && atomic_load(&set->waiters) == 0) {
        if (!engine_set_ring_on(set)) {
            struct epoll_event events[ENGINE_SET_BATCH];
            int n = epoll_wait(set->epfd, events, ENGINE_SET_BATCH, 0);
            if (n > 0)
                engine_set__dispatch(set, events, n, false);
        } else {
            engine_ring_drain(set, set->ring, false);
            engine_set_drain(set, false);
        }
        pthread_mutex_lock(&engine_lock);
        if (!set->freed && atomic_load(&set->waiters) == 0) {
            engine_set__arm_locked(set);
            engine_set__saw_locked(set, sys_now_ns());
        }
        pthread_mutex_unlock(&engine_lock);
    }
}

int engine_set_tick(void)
{
    /* Without engine_lock: the hook takes locks that are held around ours elsewhere. */
    bool (*hook)(bool) = atomic_load(&engine_set__hook);
    bool hook_again = hook && hook(true);
    pthread_mutex_lock(&engine_lock);
    struct sys_engine_set *freed = engine_set__take_freed_locked();
    if (engine_stopping_locked()) {
        pthread_mutex_unlock(&engine_lock);
        engine_set__destroy_all(freed);
        return -1;
    }
    bool again = hook_again;
    int64_t now = sys_now_ns();
    for (struct sys_engine_set *set = engine_set__list.next; set != &engine_set__list;
         set = set->next) {
        unsigned waiters = atomic_load(&set->waiters);
        /*
         * Quiet: no sign of life for a whole tick.  This runs at every wake
         * of the engine thread, not only at its ticks; a look a moment after
         * the last one says nothing of a tick (a port whose thread waits and
         * leaves again every few hundred microseconds had the engine thread
         * watch it, be woken and give it back at every round).
         */
        engine_set__saw_locked(set, now);
        bool quiet = now - set->seen_ns >= (int64_t)ENGINE_SET_TICK_MS * 1000000;
        /*
         * What a thread deferred and did not come back to enter for a whole
         * tick goes now (engine_ring.c), whether or not the set is armed:
         * its requests are what the watch waits for.  Not sooner: the
         * thread that enters a request runs its completion (io_uring's task
         * work), and a busy port's own threads should be the ones.
         */
        if (set->ring && waiters == 0 && quiet)
            engine_ring_flush(set->ring);
        else if (set->ring)
            engine_ring_flush_stale(set->ring, (int64_t)ENGINE_SET_TICK_MS * 1000000);
        if (set->ring && engine_ring_deferred(set->ring))
            again = true;
        struct engine_slot *slot = engine_slot(set->watchfd);
        if (!slot || slot->want)
            continue; /* armed: the engine thread hears of it */
        if (waiters == 0 && quiet)
            engine_set__arm_locked(set);
        else if (waiters == 0 || !quiet)
            again = true; /* waiters come and go: look again next tick */
    }
    if (!again) {
        /*
         * Every unarmed set has waiters that stay: sleep until one leaves its
         * set empty.  Idle is published before the second look, and a
         * leaving waiter lowers its count before it reads idle, so one of
         * the two sees the other.
         */
        atomic_store(&engine_set__idle, true);
        for (struct sys_engine_set *set = engine_set__list.next; set != &engine_set__list;
             set = set->next) {
            struct engine_slot *slot = engine_slot(set->watchfd);
            if (slot && !slot->want && atomic_load(&set->waiters) == 0)
                again = true;
            /* A request deferred before idle was published (engine_set_deferred saw none). */
            if (set->ring && engine_ring_deferred(set->ring))
                again = true;
        }
        if (again)
            atomic_store(&engine_set__idle, false);
    }
    pthread_mutex_unlock(&engine_lock);
    /*
     * The hook's work that came after its run: either it sees idle
     * published above, or this look sees its work (sys_engine_tick_soon).
     */
    if (!again && hook && hook(false)) {
        atomic_store(&engine_set__idle, false);
        again = true;
    }
    engine_set__destroy_all(freed);
    return again ? ENGINE_SET_TICK_MS : -1;
}

struct sys_engine_set *engine_set_stop_locked(void)
{
    for (struct sys_engine_set *set = engine_set__list.next; set != &engine_set__list;
         set = set->next) {
        struct engine_slot *slot = engine_slot(set->watchfd);
        if (slot)
            slot->want = false;
    }
    atomic_store(&engine_set__idle, false);
    return engine_set__take_freed_locked();
}

void engine_set_destroy_freed(struct sys_engine_set *freed)
{
    engine_set__destroy_all(freed);
}
