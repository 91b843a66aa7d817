/*
 * The engine's front: which backend runs, the registrations, and the rules
 * that both backends share — a callback only for a registration that is
 * still current, and an unwatch that returns only once nothing of the
 * registration is left, in the kernel or on the engine thread.
 *
 * Backend choice, at every start: WS2POSIX_ENGINE=epoll or =io_uring asks
 * for one; anything else, or nothing, means io_uring where it works.
 * io_uring is refused in many containers (seccomp, kernel.io_uring_disabled)
 * and missing on old kernels, so when it cannot start, even when asked for,
 * epoll runs instead: the library never fails for want of io_uring, and
 * sys_engine_name() tells which one runs.
 */
#include "sys/engine.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sys/engine_backend.h"

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
static uint64_t engine__running; /* the tag whose callback runs now, or ENGINE_TAG_NONE */
static unsigned engine__waiters; /* unwatches waiting on engine__cond */

static _Thread_local bool engine__is_thread;

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
    engine__running = tag;
    pthread_mutex_unlock(&engine_lock);

    fn(cookie, events);

    pthread_mutex_lock(&engine_lock);
    engine__running = ENGINE_TAG_NONE;
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
    if (want && strcmp(want, "epoll") == 0) {
        order[0] = &engine_epoll;
        return 1;
    }
    /* "io_uring", unset or unknown: the default, which is io_uring where it works. */
    order[0] = &engine_uring;
    order[1] = &engine_epoll;
    return 2;
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
    pthread_mutex_unlock(&engine_lock);

    backend->stop();

    pthread_mutex_lock(&engine_lock);
    free(engine__slots);
    engine__slots = NULL;
    engine__nslots = 0;
    engine__running = ENGINE_TAG_NONE;
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
     * time the kernel has dropped its reference to the file).  The engine
     * thread itself cannot wait for itself; its request goes soon after.
     */
    if (!engine__is_thread) {
        engine__waiters++;
        for (;;) {
            slot = engine_slot_locked(fd);
            bool kernel = slot && slot->armed != ENGINE_TAG_NONE && !slot->active;
            if (engine__state == ENGINE_STOPPED || (!kernel && engine__running != tag))
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
