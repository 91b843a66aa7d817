/*
 * The engine's front: which backend runs, the registrations, and the rules
 * that both backends share — a callback only for a registration that is
 * still current, and an unwatch that returns only once nothing of the
 * registration is left, in the kernel or on the engine thread.
 *
 * Backend choice, at every start: WS2POSIX_ENGINE=io_uring asks for
 * io_uring; anything else, or nothing, means epoll.  epoll is the default
 * because it can be led (engine.h): a completion port's waiter then
 * completes its sockets' operations itself, which makes an IOCP server
 * about a third faster at 50 connections than with io_uring, whose poll
 * completions are task work that only the ring's own thread can run
 * (bench/iocp_echo, README).  Without a port the two are level.  io_uring
 * is refused in many containers (seccomp, kernel.io_uring_disabled) and
 * missing on old kernels, so when it cannot start epoll runs instead: the
 * library never fails for want of io_uring, and sys_engine_name() tells
 * which one runs.
 */
#include "sys/engine.h"

#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "sys/engine_backend.h"
#include "sys/sys.h"

enum engine_state { ENGINE_STOPPED, ENGINE_RUNNING, ENGINE_STOPPING };

pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;

/* Serializes start and stop, which run without engine_lock for long. */
static pthread_mutex_t engine__control = PTHREAD_MUTEX_INITIALIZER;

/* Signalled when a callback returns or an io_uring request is reaped. */
static pthread_cond_t engine__cond = PTHREAD_COND_INITIALIZER;

/* The fields below are guarded by engine_lock. */
static enum engine_state engine__state;
static const struct engine_backend *engine__backend;
static sys_engine_fn engine__fn;
static struct engine_slot *engine__slots;
static int engine__nslots;
/*
 * The tag whose callback runs now, or ENGINE_TAG_NONE: [0] on the engine
 * thread, [1] on the leader (there is at most one of each).
 */
static uint64_t engine__running[2];
static unsigned engine__waiters; /* unwatches waiting on engine__cond */
static bool engine__leading;     /* a thread is between lead_begin and lead_end */

/* Whether the leader is in sys_engine_lead_wait, past its look at done. */
static atomic_bool engine__lead_blocked;

static _Thread_local bool engine__is_thread;
static _Thread_local bool engine__is_leader;
static _Thread_local bool engine__in_callback;

struct engine_slot *engine_slots_locked(int *count)
{
    *count = engine__nslots;
    return engine__slots;
}

struct engine_slot *engine_slot_locked(int fd)
{
    return fd >= 0 && fd < engine__nslots ? &engine__slots[fd] : NULL;
}

bool engine_stopping_locked(void)
{
    return engine__state == ENGINE_STOPPING;
}

bool engine_on_thread(void)
{
    return engine__is_thread;
}

void engine_thread_begin(void)
{
    engine__is_thread = true;
}

void engine_released_locked(void)
{
    if (engine__waiters)
        pthread_cond_broadcast(&engine__cond);
}

/* The slot of tag if tag is its current, active registration (engine_lock held). */
static struct engine_slot *engine__current_locked(uint64_t tag)
{
    struct engine_slot *slot = engine_slot_locked(engine_tag_fd(tag));
    if (!slot || !slot->active || engine_tag(engine_tag_fd(tag), slot->gen) != tag)
        return NULL;
    return slot;
}

void engine_dispatch(uint64_t tag, unsigned events)
{
    pthread_mutex_lock(&engine_lock);
    struct engine_slot *slot = engine__current_locked(tag);
    /* While stopping, every socket has been closed: nobody is left to call. */
    if (!slot || engine__state != ENGINE_RUNNING) {
        pthread_mutex_unlock(&engine_lock);
        return;
    }
    uint64_t cookie = slot->cookie;
    sys_engine_fn fn = engine__fn;
    /* Marked under the lock that unwatch takes: it waits for this callback. */
    int who = engine__is_thread ? 0 : 1;
    engine__running[who] = tag;
    pthread_mutex_unlock(&engine_lock);

    engine__in_callback = true;
    fn(cookie, events);
    engine__in_callback = false;

    pthread_mutex_lock(&engine_lock);
    engine__running[who] = ENGINE_TAG_NONE;
    if (engine__waiters)
        pthread_cond_broadcast(&engine__cond);
    pthread_mutex_unlock(&engine_lock);
}

/* Makes fd a valid slot index; engine_lock held.  0 or ENOMEM. */
static int engine__grow_locked(int fd)
{
    if (fd < engine__nslots)
        return 0;
    size_t n = engine__nslots ? (size_t)engine__nslots : 64;
    while (n <= (size_t)fd)
        n *= 2;
    struct engine_slot *slots = realloc(engine__slots, n * sizeof(*slots));
    if (!slots)
        return ENOMEM;
    memset(slots + engine__nslots, 0, (n - (size_t)engine__nslots) * sizeof(*slots));
    engine__slots = slots;
    engine__nslots = (int)n;
    return 0;
}

/* The backends to try, best first, as the environment asks. */
static int engine__choose(const struct engine_backend **order)
{
    const char *want = getenv("WS2POSIX_ENGINE");
    if (want && strcmp(want, "io_uring") == 0) {
        order[0] = &engine_uring;
        order[1] = &engine_epoll;
        return 2;
    }
    /* "epoll", unset or unknown: the default. */
    order[0] = &engine_epoll;
    return 1;
}

int sys_engine_start(sys_engine_fn fn)
{
    pthread_mutex_lock(&engine__control);
    pthread_mutex_lock(&engine_lock);
    enum engine_state state = engine__state;
    if (state == ENGINE_STOPPED)
        engine__fn = fn;
    pthread_mutex_unlock(&engine_lock);
    if (state != ENGINE_STOPPED) {
        pthread_mutex_unlock(&engine__control);
        return EBUSY;
    }

    const struct engine_backend *order[2];
    int n = engine__choose(order);
    int err = 0;
    for (int i = 0; i < n; i++) {
        err = order[i]->start();
        if (err == 0) {
            pthread_mutex_lock(&engine_lock);
            engine__backend = order[i];
            engine__state = ENGINE_RUNNING;
            pthread_mutex_unlock(&engine_lock);
            break;
        }
    }
    pthread_mutex_unlock(&engine__control);
    return err;
}

void sys_engine_stop(void)
{
    pthread_mutex_lock(&engine__control);
    pthread_mutex_lock(&engine_lock);
    if (engine__state != ENGINE_RUNNING) {
        pthread_mutex_unlock(&engine_lock);
        pthread_mutex_unlock(&engine__control);
        return;
    }
    /* From here on watch refuses, and the engine thread calls nobody. */
    engine__state = ENGINE_STOPPING;
    const struct engine_backend *backend = engine__backend;
    /* A leader waits on the backend's descriptors: it leaves before they go. */
    while (engine__leading) {
        backend->lead_kick();
        pthread_cond_wait(&engine__cond, &engine_lock);
    }
    pthread_mutex_unlock(&engine_lock);

    backend->stop();

    pthread_mutex_lock(&engine_lock);
    free(engine__slots);
    engine__slots = NULL;
    engine__nslots = 0;
    engine__running[0] = engine__running[1] = ENGINE_TAG_NONE;
    engine__backend = NULL;
    engine__state = ENGINE_STOPPED;
    pthread_cond_broadcast(&engine__cond);
    pthread_mutex_unlock(&engine_lock);
    pthread_mutex_unlock(&engine__control);
}

int sys_engine_watch(int fd, uint64_t cookie)
{
    if (fd < 0)
        return EBADF;
    pthread_mutex_lock(&engine_lock);
    int err = ESHUTDOWN;
    if (engine__state != ENGINE_RUNNING)
        goto out;
    err = engine__grow_locked(fd);
    if (err)
        goto out;
    struct engine_slot *slot = &engine__slots[fd];
    if (slot->active && slot->cookie == cookie)
        goto out; /* registered once; readiness keeps coming */
    if (slot->active) {
        /*
         * Still registered under another cookie: the socket that had fd was
         * closed without an unwatch and the number has been reused.  The old
         * registration goes.
         */
        slot->active = false;
        engine__backend->disarm(fd, slot, engine_tag(fd, slot->gen));
    }
    if (++slot->gen == 0)
        slot->gen = 1;
    slot->cookie = cookie;
    slot->active = true;
    err = engine__backend->arm(fd, slot, engine_tag(fd, slot->gen));
    if (err)
        slot->active = false;
out:
    pthread_mutex_unlock(&engine_lock);
    return err;
}

void sys_engine_unwatch(int fd, uint64_t cookie)
{
    pthread_mutex_lock(&engine_lock);
    struct engine_slot *slot = engine_slot_locked(fd);
    if (engine__state == ENGINE_STOPPED || !slot || !slot->active || slot->cookie != cookie) {
        pthread_mutex_unlock(&engine_lock);
        return;
    }
    uint64_t tag = engine_tag(fd, slot->gen);
    slot->active = false; /* from now on engine_dispatch drops tag's events */
    /*
     * While stopping, the backend is being taken down (its descriptors may be
     * closed already); the engine thread cancels every request by itself.
     */
    if (engine__state == ENGINE_RUNNING)
        engine__backend->disarm(fd, slot, tag);

    /*
     * Wait for the callback of this registration that may be running, and
     * for the kernel to let go of the io_uring request (the engine thread
     * clears armed when it reaps the request's last completion, by which
     * time the kernel has dropped its reference to the file).  A callback
     * cannot wait for itself, and must not wait for the other dispatcher
     * (which might be waiting for it); the engine thread's request goes
     * soon after, and the other callback holds its own socket reference.
     */
    if (!engine__is_thread && !engine__in_callback) {
        engine__waiters++;
        for (;;) {
            slot = engine_slot_locked(fd);
            bool kernel = slot && slot->armed != ENGINE_TAG_NONE && !slot->active;
            bool running = engine__running[0] == tag || engine__running[1] == tag;
            if (engine__state == ENGINE_STOPPED || (!kernel && !running))
                break;
            pthread_cond_wait(&engine__cond, &engine_lock);
        }
        engine__waiters--;
    }
    pthread_mutex_unlock(&engine_lock);
}

const char *sys_engine_name(void)
{
    pthread_mutex_lock(&engine_lock);
    const char *name = engine__backend ? engine__backend->name : "none";
    pthread_mutex_unlock(&engine_lock);
    return name;
}

bool sys_engine_lead_begin(void)
{
    pthread_mutex_lock(&engine_lock);
    bool lead = engine__state == ENGINE_RUNNING && engine__backend->lead_wait && !engine__leading;
    if (lead)
        engine__leading = true;
    pthread_mutex_unlock(&engine_lock);
    engine__is_leader = lead;
    return lead;
}

void sys_engine_lead_end(void)
{
    pthread_mutex_lock(&engine_lock);
    engine__leading = false;
    pthread_cond_broadcast(&engine__cond); /* for a stop waiting for the leader to leave */
    pthread_mutex_unlock(&engine_lock);
    engine__is_leader = false;
}

int sys_engine_lead_wait(int64_t deadline_ns, bool (*done)(void *), void *arg)
{
    /*
     * Blocked before done looks: a waker changes the state first and then
     * reads the flag (sys_engine_lead_wake), so either done sees the change
     * or the waker sees the flag.  Both sides are sequentially consistent.
     */
    atomic_store(&engine__lead_blocked, true);
    pthread_mutex_lock(&engine_lock);
    bool stopping = engine__state != ENGINE_RUNNING;
    const struct engine_backend *backend = engine__backend;
    pthread_mutex_unlock(&engine_lock);
    if (stopping) {
        atomic_store(&engine__lead_blocked, false);
        return ESHUTDOWN;
    }
    if (done(arg)) {
        atomic_store(&engine__lead_blocked, false);
        return 0;
    }
    int timeout_ms = -1;
    if (deadline_ns >= 0) {
        int64_t left = deadline_ns - sys_now_ns();
        /* Rounded up: returning before the deadline would make the caller wait again. */
        timeout_ms = left <= 0               ? 0
                     : left > 86400000000000 ? 86400000
                                             : (int)((left + 999999) / 1000000);
    }
    /*
     * The backend stays valid: sys_engine_stop waits for the leader to leave
     * before it frees anything, and kicks it out of this wait.
     */
    bool running = backend->lead_wait(timeout_ms);
    atomic_store(&engine__lead_blocked, false);
    return running ? 0 : ESHUTDOWN;
}

/* Ends a leader's lead_wait if one is blocked in it. */
static void engine__kick_blocked_leader(void)
{
    if (!atomic_load(&engine__lead_blocked))
        return;
    /* The backend cannot go while a leader is blocked: stop waits for it. */
    pthread_mutex_lock(&engine_lock);
    if (engine__leading && engine__backend)
        engine__backend->lead_kick();
    pthread_mutex_unlock(&engine_lock);
}

void sys_engine_lead_wake(void)
{
    if (!engine__is_leader)
        engine__kick_blocked_leader();
}

void engine_lead_forward(void)
{
    if (!atomic_load(&engine__lead_blocked))
        return;
    engine__kick_blocked_leader();
    /*
     * The leader was about to wait: let it get there, or this thread would
     * take the wake-up again as soon as it is back in epoll_wait.
     */
    sched_yield();
}
