/*
 * Between engine.c, which keeps the registrations, and the two backends
 * (engine_epoll.c, engine_uring.c), which turn them into kernel requests and
 * run the engine thread.
 *
 * A registration lives in a slot indexed by its fd.  Each watch bumps the
 * slot's generation, and the kernel sees the registration as a tag,
 * generation << 32 | fd, carried in epoll's data or io_uring's user_data.
 * An event whose tag names a registration that has ended or been replaced
 * shows a stale generation and is dropped.  No pointer goes to the kernel, so
 * nothing has to outlive a late event.
 */
#ifndef WS2_SYS_ENGINE_BACKEND_H
#define WS2_SYS_ENGINE_BACKEND_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * Tags for the backends' own requests.  No registration has generation 0
 * (a watch bumps it first), so these never name one.
 */
#define ENGINE_TAG_NONE   0
#define ENGINE_TAG_WAKE   1
#define ENGINE_TAG_CANCEL 2
#define ENGINE_TAG_LEAD   3 /* the leader's wake-up (engine.h, leading) */

static inline uint64_t engine_tag(int fd, uint32_t gen)
{
    return (uint64_t)gen << 32 | (uint32_t)fd;
}

static inline int engine_tag_fd(uint64_t tag)
{
    return (int)(uint32_t)tag;
}

struct engine_slot {
    uint64_t cookie;
    uint32_t gen; /* of the current or last registration */
    bool active;  /* watched and not unwatched since */
    /*
     * io_uring only.  A slot has at most one poll request in the kernel at a
     * time; armed is its tag (possibly of an ended registration, until the
     * engine thread reaps its last completion), or ENGINE_TAG_NONE.
     */
    uint64_t armed;
    bool cancel_sent; /* an ASYNC_CANCEL for armed has gone to the kernel */
    bool broken;      /* the poll request failed: do not arm it again */
    bool dirty;       /* on the list of slots the engine thread must look at */
    int next_dirty;
};

/*
 * Guards the slots and the backends' shared state.  Never held while a
 * callback runs, so a callback may watch and unwatch.
 */
extern pthread_mutex_t engine_lock;

/* engine_lock held: the slots, for the backends to walk. */
struct engine_slot *engine_slots_locked(int *count);

/* The slot of fd, or NULL if fd has never been watched (engine_lock held). */
struct engine_slot *engine_slot_locked(int fd);

/* Whether sys_engine_stop has begun (engine_lock held): arm nothing new. */
bool engine_stopping_locked(void);

/*
 * The backend's engine thread: for the events of tag, calls the callback
 * unless the registration has ended.  Takes engine_lock itself.
 */
void engine_dispatch(uint64_t tag, unsigned events);

/* io_uring: a slot's armed request is gone; wakes unwatches waiting for it. */
void engine_released_locked(void);

/*
 * The engine thread got the leader's wake-up: passes it on if a leader is
 * blocked (it was meant for the leader, and the kernel gave it to the
 * engine thread because the leader was not quite in epoll_wait yet).
 */
void engine_lead_forward(void);

/* Whether the calling thread is the engine thread. */
bool engine_on_thread(void);

/* The engine thread calls this before anything else. */
void engine_thread_begin(void);

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
     * is current and active.  0 or an errno.  Must not wait for the engine
     * thread (watch may be called with the callback's locks held).
     */
    int (*arm)(int fd, struct engine_slot *slot, uint64_t tag);
    /*
     * engine_lock held: the registration tag has ended (the slot no longer
     * active, or about to be replaced).  Must not wait.  An io_uring request
     * still in the kernel stays in slot->armed until the engine thread has
     * reaped it; sys_engine_unwatch waits for that.
     */
    void (*disarm)(int fd, struct engine_slot *slot, uint64_t tag);
    /*
     * Leading (engine.h), NULL where the backend cannot be led.  lead_wait:
     * one wait of up to timeout_ms (-1: no limit) on the calling thread, the
     * events it gets dispatched with engine_dispatch; returns false when the
     * engine's stop wake-up was among them.  lead_kick: ends a lead_wait in
     * progress, or the next one.
     */
    bool (*lead_wait)(int timeout_ms);
    void (*lead_kick)(void);
};

extern const struct engine_backend engine_epoll;
extern const struct engine_backend engine_uring;

#endif
