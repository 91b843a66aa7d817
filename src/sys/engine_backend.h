/*
 * Between engine.c, which keeps the registrations, engine_set.c (the
 * readiness sets of completion ports) and the two backends of the engine
 * thread (engine_epoll.c, engine_uring.c), which turn registrations into
 * kernel requests.
 *
 * A registration lives in a slot indexed by its fd.  Each watch bumps the
 * slot's generation, and the kernel sees the registration as a tag,
 * generation << 32 | fd, carried in epoll's data or io_uring's user_data.
 * An event whose tag names a registration that has ended or been replaced
 * shows a stale generation and is dropped.  No pointer goes to the kernel, so
 * nothing has to outlive a late event.
 *
 * Slots are never moved or freed (a table of fixed chunks), so that any
 * thread may dispatch an event without a lock: it counts itself in the
 * slot's running count, then checks the tag against the slot's current one
 * (engine_dispatch).  An unwatch clears current, then waits for running to
 * fall to zero; either the dispatcher sees the cleared tag or the unwatch
 * sees the dispatcher (both sides are sequentially consistent).
 */
#ifndef WS2_SYS_ENGINE_BACKEND_H
#define WS2_SYS_ENGINE_BACKEND_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * Tags for the backends' own requests.  No registration has generation 0
 * (a watch bumps it first), so these never name one.
 */
#define ENGINE_TAG_NONE   0
#define ENGINE_TAG_WAKE   1
#define ENGINE_TAG_CANCEL 2
#define ENGINE_TAG_TICK   3 /* the engine thread's tick wake-up (engine_set.c) */
#define ENGINE_TAG_RING   4 /* a set's ring, in its epoll instance once the ring is off */

static inline uint64_t engine_tag(int fd, uint32_t gen)
{
    return (uint64_t)gen << 32 | (uint32_t)fd;
}

static inline int engine_tag_fd(uint64_t tag)
{
    return (int)(uint32_t)tag;
}

struct sys_engine_set;

struct engine_slot {
    /* Read by dispatchers without the lock. */
    _Atomic uint64_t current; /* the active registration's tag, or ENGINE_TAG_NONE */
    _Atomic uint64_t cookie;
    /*
     * The set the registration is in (NULL: the engine thread's); or, with
     * own, the set whose epoll instance this fd is (engine_set.c), which the
     * engine thread watches.  Written under engine_lock.
     */
    struct sys_engine_set *_Atomic set;
    _Atomic uint16_t running;    /* dispatchers between their count and their end */
    _Atomic uint16_t unwatching; /* unwatches waiting for running to fall */
    _Atomic bool own;

    /* Guarded by engine_lock. */
    bool once;    /* armed on demand only (a set's descriptor) */
    bool want;    /* once: armed and not yet fired */
    bool out;     /* output readiness is reported too */
    uint32_t gen; /* of the current or last registration */
    /*
     * io_uring only.  A slot has at most one poll request in the kernel at a
     * time; armed_gen is the generation of its tag (possibly of an ended
     * registration, until the engine thread reaps its last completion), or
     * 0 (engine_slot_armed).
     */
    uint32_t armed_gen;
    int next_dirty;
    bool cancel_sent; /* an ASYNC_CANCEL for armed has gone to the kernel */
    bool broken;      /* the poll request failed: do not arm it again */
    bool dirty;       /* on the list of slots the engine thread must look at */
};

/* The tag of slot's request in the kernel (io_uring), or ENGINE_TAG_NONE. */
static inline uint64_t engine_slot_armed(int fd, const struct engine_slot *slot)
{
    return slot->armed_gen ? engine_tag(fd, slot->armed_gen) : ENGINE_TAG_NONE;
}

static inline void engine_slot_set_armed(struct engine_slot *slot, uint64_t tag)
{
    slot->armed_gen = (uint32_t)(tag >> 32);
}

/* The set slot's registration is in, NULL for the engine thread's (engine_lock held). */
static inline struct sys_engine_set *engine_slot_in(const struct engine_slot *slot)
{
    return atomic_load(&slot->own) ? NULL : atomic_load(&slot->set);
}

/*
 * Guards the slots' locked fields, the sets' list and the backends' shared
 * state.  Never held while a callback runs, so a callback may watch and
 * unwatch.
 */
extern pthread_mutex_t engine_lock;

/* The slot of fd, or NULL if fd has never been watched.  Any thread, no lock. */
struct engine_slot *engine_slot(int fd);

/* One past the highest fd that may have a slot (engine_lock held). */
int engine_slot_limit_locked(void);

/* Whether sys_engine_stop has begun (engine_lock held): arm nothing new. */
bool engine_stopping_locked(void);

/*
 * For the events of tag, calls the callback unless the registration has
 * ended; on the engine thread, a set's descriptor drains the set instead
 * (engine_set.c).  Any thread, no lock held.
 */
void engine_dispatch(uint64_t tag, unsigned events);

/* io_uring: a slot's armed request is gone; wakes unwatches waiting for it. */
void engine_released_locked(void);

/* Whether the calling thread is the engine thread. */
bool engine_on_thread(void);

/* The engine thread calls this before anything else. */
void engine_thread_begin(void);

/*
 * Sets (engine_set.c), for the engine thread.  engine_set_fired: the
 * one-shot watch of set s (on its descriptor fd) fired (engine thread, from engine_dispatch).
 * engine_set_tick: arms the sets nobody waits in; returns how long the
 * engine thread may wait (ms, -1: until woken), and destroys the sets let
 * go of meanwhile.  engine_set_stop_locked: the engine has stopped, every
 * set is disarmed; returns the sets still to destroy.
 */
void engine_set_fired(struct sys_engine_set *s, int fd);
int engine_set_tick(void);
struct sys_engine_set *engine_set_stop_locked(void);

/* The sets engine_set_stop_locked returned: destroyed (without engine_lock). */
void engine_set_destroy_freed(struct sys_engine_set *freed);

/*
 * engine_lock held: a set's own registration ends without waiting for the
 * engine thread, and whether the engine runs (its thread may be draining).
 */
void engine_set_unwatch_locked(int fd);
bool engine_set_running_locked(void);

/* engine_lock held: the one-shot watch of fd (a set) is wanted. */
int engine_arm_once_locked(int fd);
/*
 * engine_lock held: takes back a one-shot watch that has not fired.  A
 * watch left in the kernel while others consume the readiness it waits
 * for never fires, yet the kernel wakes its thread at each readiness (an
 * io_uring poll, to look again).
 */
void engine_unarm_once_locked(int fd);

/* A set's epoll instance gets its slot (engine.c), current and unarmed: 0 or ENOMEM. */
int engine_watch_set_fd(int fd, struct sys_engine_set *set);

/* The set's epoll instance, and a socket's registration in it (engine_lock held): 0 or errno. */
int engine_set_fd(const struct sys_engine_set *set);
int engine_set_add(struct sys_engine_set *set, int fd, uint64_t tag, bool out);
int engine_set_change(struct sys_engine_set *set, int fd, uint64_t tag, bool out);

/*
 * Rings of completion ports (engine_ring.c), for engine_set.c.  A set has
 * a ring when engine_ring_wanted() at its creation.  engine_ring_wait: the
 * waiters' wait (submits what is pending, sleeps until a completion or the
 * deadline, runs up to max).  engine_ring_drain: the engine thread's reap of
 * everything there is, without sleeping.  engine_ring_flush: enters what a
 * thread deferred; _stale: only if an earlier look (a tick's, or the
 * batch's own) saw them deferred at least that long ago.  engine_set_ring:
 * the set's ring or NULL; engine_set_drain: runs what the set's epoll
 * instance reports ready (the ring's poll of it fired).
 */
struct engine_ring;
bool engine_ring_wanted(void);
struct engine_ring *engine_ring_new(int epfd);
void engine_ring_free(struct engine_ring *r);
int engine_ring_fd(const struct engine_ring *r);
unsigned engine_ring_wait(struct sys_engine_set *set, struct engine_ring *r, int64_t deadline_ns,
                          unsigned max);
void engine_ring_drain(struct sys_engine_set *set, struct engine_ring *r, bool waiter);
void engine_ring_flush(struct engine_ring *r);
void engine_ring_flush_stale(struct engine_ring *r, int64_t older_than_ns);
/* Ends the ring's poll of the set's epoll instance for good (synchronously). */
void engine_ring_stop_set_poll(struct engine_ring *r);
bool engine_ring_deferred(struct engine_ring *r);
struct engine_ring *engine_set_ring(struct sys_engine_set *set);
bool engine_set_ring_on(struct sys_engine_set *set);
void engine_set_drain(struct sys_engine_set *set, bool waiter);
/* A request was deferred: the engine thread must not sleep without its tick (engine_set.c). */
void engine_set_deferred(void);

/* SYS_ENGINE_* bits of an epoll event mask. */
unsigned engine_epoll_events(uint32_t events);

/* Ends the engine thread's wait, if the engine runs (for a set nobody waits in any more). */
void engine_kick(void);

struct engine_backend {
    const char *name;
    /* Creates the kernel objects and the engine thread; 0 or an errno. */
    int (*start)(void);
    /*
     * Called once engine_stopping_locked() is true: makes the thread finish,
     * joins it, frees what start made.  The kernel holds no request of the
     * engine's afterwards.
     */
    void (*stop)(void);
    /*
     * engine_lock held: begins delivering fd's readiness under tag; the slot
     * is current.  With slot->once, a single report of input, then nothing
     * until armed again.  0 or an errno.  Must not wait for the engine
     * thread (watch may be called with the callback's locks held).
     */
    int (*arm)(int fd, struct engine_slot *slot, uint64_t tag);
    /*
     * engine_lock held: the registration tag has ended (the slot no longer
     * current, or about to be replaced).  Must not wait.  An io_uring
     * request still in the kernel stays in slot->armed until the engine
     * thread has reaped it; sys_engine_unwatch waits for that.
     */
    void (*disarm)(int fd, struct engine_slot *slot, uint64_t tag);
    /* Ends the engine thread's current wait (for engine_set_tick); any thread. */
    void (*kick)(void);
};

extern const struct engine_backend engine_epoll;
extern const struct engine_backend engine_uring;

#endif
