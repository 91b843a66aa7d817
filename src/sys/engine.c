/*
 * The engine's front: which backend runs, the registrations, and the rules
 * that both backends share — a callback only for a registration that is
 * still current, and an unwatch that returns only once nothing of the
 * registration is left, in the kernel or on the engine thread.
 *
 * Backend choice, at every start: io_uring unless WS2POSIX_ENGINE=epoll
 * asks for epoll alone.  The backend serves the engine thread, and under
 * io_uring each completion port gets a ring of its own too
 * (engine_ring.c), which is where io_uring pays: a port's plain receives
 * and sends are submitted and reaped in batches.  A port's readiness set
 * (engine_set.c) is an epoll instance under either backend, since its
 * waiters must be able to wait in it themselves.  io_uring is refused in
 * many containers (seccomp, kernel.io_uring_disabled) and missing on old
 * kernels, so when it cannot start epoll runs instead: the library never
 * fails for want of io_uring, and sys_engine_name() tells which one runs.
 */
#include "sys/engine.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>

#include "sys/engine_backend.h"
#include "sys/sys.h"
#include "sys/tls.h"

enum engine_state { ENGINE_STOPPED, ENGINE_RUNNING, ENGINE_STOPPING };

pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;

/* Serializes start and stop, which run without engine_lock for long. */
static pthread_mutex_t engine__control = PTHREAD_MUTEX_INITIALIZER;

/* Signalled when a watched dispatcher ends or an io_uring request is reaped. */
static pthread_cond_t engine__cond = PTHREAD_COND_INITIALIZER;

/*
 * The slot table: ENGINE_DIR chunks of ENGINE_CHUNK slots, made on demand
 * and never freed (engine_backend.h), which covers descriptors up to 4M.
 */
#define ENGINE_CHUNK 1024
#define ENGINE_DIR   4096

static struct engine_slot *_Atomic engine__chunks[ENGINE_DIR];
static int engine__limit; /* engine_lock held: one past the last chunk made, in slots */

/* Read without the lock by dispatchers; written under it. */
static _Atomic int engine__state;
static sys_engine_fn _Atomic engine__fn;

/* Guarded by engine_lock. */
static const struct engine_backend *engine__backend;
static unsigned engine__waiters; /* unwatches waiting on engine__cond */

static SYS_TLS bool engine__is_thread;
static SYS_TLS bool engine__in_callback;

struct engine_slot *engine_slot(int fd)
{
    if (fd < 0 || fd >= ENGINE_CHUNK * ENGINE_DIR)
        return NULL;
    struct engine_slot *chunk =
        atomic_load_explicit(&engine__chunks[fd / ENGINE_CHUNK], memory_order_acquire);
    return chunk ? &chunk[fd % ENGINE_CHUNK] : NULL;
}

int engine_slot_limit_locked(void)
{
    return engine__limit;
}

bool engine_stopping_locked(void)
{
    return atomic_load(&engine__state) == ENGINE_STOPPING;
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

/* The slot of fd, made if need be; engine_lock held.  NULL: no memory, or fd too large. */
static struct engine_slot *engine__slot_make_locked(int fd)
{
    struct engine_slot *slot = engine_slot(fd);
    if (slot || fd < 0 || fd >= ENGINE_CHUNK * ENGINE_DIR)
        return slot;
    struct engine_slot *chunk = calloc(ENGINE_CHUNK, sizeof(*chunk));
    if (!chunk)
        return NULL;
    atomic_store_explicit(&engine__chunks[fd / ENGINE_CHUNK], chunk, memory_order_release);
    int end = (fd / ENGINE_CHUNK + 1) * ENGINE_CHUNK;
    if (end > engine__limit)
        engine__limit = end;
    return &chunk[fd % ENGINE_CHUNK];
}

/* A dispatcher is done with slot: an unwatch waiting for it looks again. */
static void engine__run_end(struct engine_slot *slot)
{
    atomic_fetch_sub(&slot->running, 1);
    if (atomic_load(&slot->unwatching)) {
        pthread_mutex_lock(&engine_lock);
        pthread_cond_broadcast(&engine__cond);
        pthread_mutex_unlock(&engine_lock);
    }
}

void engine_dispatch(uint64_t tag, unsigned events)
{
    struct engine_slot *slot = engine_slot(engine_tag_fd(tag));
    if (!slot)
        return;
    /* Counted before the look at current: an unwatch either is seen or sees us. */
    atomic_fetch_add(&slot->running, 1);
    /* While stopping, every socket has been closed: nobody is left to call. */
    if (atomic_load(&slot->current) == tag && atomic_load(&engine__state) == ENGINE_RUNNING) {
        if (atomic_load(&slot->own)) {
            if (engine__is_thread)
                engine_set_fired(atomic_load(&slot->set), engine_tag_fd(tag));
        } else {
            uint64_t cookie = atomic_load_explicit(&slot->cookie, memory_order_relaxed);
            sys_engine_fn fn = atomic_load_explicit(&engine__fn, memory_order_relaxed);
            bool nested = engine__in_callback;
            engine__in_callback = true;
            fn(cookie, events);
            engine__in_callback = nested;
        }
    }
    engine__run_end(slot);
}

/* The backends to try, best first, as the environment asks. */
static int engine__choose(const struct engine_backend **order)
{
    const char *want = getenv("WS2POSIX_ENGINE");
    if (want && strcmp(want, "epoll") == 0) {
        order[0] = &engine_epoll;
        return 1;
    }
    /* "io_uring", unset or unknown: the default, epoll where the kernel refuses it. */
    order[0] = &engine_uring;
    order[1] = &engine_epoll;
    return 2;
}

int sys_engine_start(sys_engine_fn fn)
{
    pthread_mutex_lock(&engine__control);
    if (atomic_load(&engine__state) != ENGINE_STOPPED) {
        pthread_mutex_unlock(&engine__control);
        return EBUSY;
    }
    atomic_store(&engine__fn, fn);

    const struct engine_backend *order[2];
    int n = engine__choose(order);
    int err = 0;
    for (int i = 0; i < n; i++) {
        pthread_mutex_lock(&engine_lock);
        engine__backend = order[i];
        /* Running before the thread starts, so that its first tick may arm sets. */
        atomic_store(&engine__state, ENGINE_RUNNING);
        pthread_mutex_unlock(&engine_lock);
        err = order[i]->start();
        if (err == 0)
            break;
        pthread_mutex_lock(&engine_lock);
        atomic_store(&engine__state, ENGINE_STOPPED);
        engine__backend = NULL;
        pthread_mutex_unlock(&engine_lock);
    }
    pthread_mutex_unlock(&engine__control);
    return err;
}

/*
 * engine_lock held, stopping: the engine thread's registrations are
 * dropped (the sockets are closed by now; what is left is the library's
 * own, which registers again after a new start).  Registrations in sets
 * belong to their ports, and the sets' own slots stay current.
 */
static void engine__drop_registrations_locked(void)
{
    for (int fd = 0; fd < engine__limit; fd++) {
        struct engine_slot *slot = engine_slot(fd);
        if (slot && !atomic_load(&slot->set))
            atomic_store(&slot->current, ENGINE_TAG_NONE);
    }
}

void sys_engine_stop(void)
{
    pthread_mutex_lock(&engine__control);
    pthread_mutex_lock(&engine_lock);
    if (atomic_load(&engine__state) != ENGINE_RUNNING) {
        pthread_mutex_unlock(&engine_lock);
        pthread_mutex_unlock(&engine__control);
        return;
    }
    /* From here on watch refuses, and nobody is called. */
    atomic_store(&engine__state, ENGINE_STOPPING);
    const struct engine_backend *backend = engine__backend;
    pthread_mutex_unlock(&engine_lock);

    backend->stop();

    pthread_mutex_lock(&engine_lock);
    engine__drop_registrations_locked();
    struct sys_engine_set *freed = engine_set_stop_locked();
    engine__backend = NULL;
    atomic_store(&engine__state, ENGINE_STOPPED);
    pthread_cond_broadcast(&engine__cond);
    pthread_mutex_unlock(&engine_lock);
    engine_set_destroy_freed(freed);
    pthread_mutex_unlock(&engine__control);
}

/* Ends the registration tag of slot in the kernel; engine_lock held, current already cleared. */
static void engine__disarm_locked(int fd, struct engine_slot *slot, uint64_t tag)
{
    /* Fails harmlessly when the file is gone already, or fd is another file now. */
    struct sys_engine_set *in = engine_slot_in(slot);
    if (in)
        epoll_ctl(engine_set_fd(in), EPOLL_CTL_DEL, fd, NULL);
    /*
     * The backend's request, also one an earlier registration of fd left in
     * the kernel (io_uring reaps it later).  While stopping, the backend is
     * being taken down (its descriptors may be closed already); the engine
     * thread cancels every request itself.
     */
    if ((!in || slot->armed_gen) && atomic_load(&engine__state) == ENGINE_RUNNING)
        engine__backend->disarm(fd, slot, tag);
}

int sys_engine_watch(int fd, uint64_t cookie, struct sys_engine_set *set, bool out)
{
    if (fd < 0)
        return EBADF;
    pthread_mutex_lock(&engine_lock);
    int err = ESHUTDOWN;
    if (atomic_load(&engine__state) != ENGINE_RUNNING)
        goto out;
    err = ENOMEM;
    struct engine_slot *slot = engine__slot_make_locked(fd);
    if (!slot)
        goto out;
    err = 0;
    uint64_t old = atomic_load(&slot->current);
    if (old != ENGINE_TAG_NONE && !atomic_load(&slot->own) && atomic_load(&slot->set) == set &&
        atomic_load_explicit(&slot->cookie, memory_order_relaxed) == cookie) {
        /* Registered once; readiness keeps coming.  Output may be added. */
        if (out && !slot->out) {
            err = engine_set_change(set, fd, old, true);
            if (!err)
                slot->out = true;
        }
        goto out;
    }
    if (old != ENGINE_TAG_NONE) {
        /*
         * Still registered under another cookie: the socket that had fd was
         * closed without an unwatch and the number has been reused.  The old
         * registration goes.
         */
        atomic_store(&slot->current, ENGINE_TAG_NONE);
        engine__disarm_locked(fd, slot, old);
    }
    if (++slot->gen == 0)
        slot->gen = 1;
    uint64_t tag = engine_tag(fd, slot->gen);
    atomic_store_explicit(&slot->cookie, cookie, memory_order_relaxed);
    atomic_store(&slot->own, false);
    atomic_store(&slot->set, set);
    slot->once = slot->want = false;
    slot->out = out || !set;
    atomic_store(&slot->current, tag);
    err = set ? engine_set_add(set, fd, tag, slot->out) : engine__backend->arm(fd, slot, tag);
    if (err)
        atomic_store(&slot->current, ENGINE_TAG_NONE);
out:
    pthread_mutex_unlock(&engine_lock);
    return err;
}

int engine_watch_set_fd(int fd, struct sys_engine_set *set)
{
    pthread_mutex_lock(&engine_lock);
    struct engine_slot *slot = engine__slot_make_locked(fd);
    if (slot) {
        if (++slot->gen == 0)
            slot->gen = 1;
        atomic_store_explicit(&slot->cookie, 0, memory_order_relaxed);
        atomic_store(&slot->own, true);
        atomic_store(&slot->set, set);
        slot->once = true;
        slot->want = false;
        atomic_store(&slot->current, engine_tag(fd, slot->gen));
    }
    pthread_mutex_unlock(&engine_lock);
    return slot ? 0 : ENOMEM;
}

void engine_unarm_once_locked(int fd)
{
    struct engine_slot *slot = engine_slot(fd);
    uint64_t tag = slot ? atomic_load(&slot->current) : ENGINE_TAG_NONE;
    if (tag == ENGINE_TAG_NONE || !slot->once || !slot->want ||
        atomic_load(&engine__state) != ENGINE_RUNNING)
        return;
    slot->want = false;
    engine__backend->disarm(fd, slot, tag);
}

int engine_arm_once_locked(int fd)
{
    struct engine_slot *slot = engine_slot(fd);
    uint64_t tag = slot ? atomic_load(&slot->current) : ENGINE_TAG_NONE;
    if (tag == ENGINE_TAG_NONE || slot->want || atomic_load(&engine__state) != ENGINE_RUNNING)
        return 0;
    slot->want = true;
    int err = engine__backend->arm(fd, slot, tag);
    if (err)
        slot->want = false;
    return err;
}

void engine_set_unwatch_locked(int fd)
{
    struct engine_slot *slot = engine_slot(fd);
    uint64_t tag = slot ? atomic_load(&slot->current) : ENGINE_TAG_NONE;
    if (tag == ENGINE_TAG_NONE)
        return;
    atomic_store(&slot->current, ENGINE_TAG_NONE);
    engine__disarm_locked(fd, slot, tag);
    slot->want = false;
}

bool engine_set_running_locked(void)
{
    /* Stopping included: the engine thread may still be in its last batch. */
    return atomic_load(&engine__state) != ENGINE_STOPPED;
}

void sys_engine_unwatch(int fd, uint64_t cookie)
{
    pthread_mutex_lock(&engine_lock);
    struct engine_slot *slot = engine_slot(fd);
    uint64_t tag = slot ? atomic_load(&slot->current) : ENGINE_TAG_NONE;
    if (tag == ENGINE_TAG_NONE ||
        atomic_load_explicit(&slot->cookie, memory_order_relaxed) != cookie) {
        pthread_mutex_unlock(&engine_lock);
        return;
    }
    /* From now on engine_dispatch drops tag's events. */
    atomic_store(&slot->current, ENGINE_TAG_NONE);
    engine__disarm_locked(fd, slot, tag);
    slot->want = false;

    /*
     * Wait for the callbacks of this registration that may be running, and
     * for the kernel to let go of the io_uring request (the engine thread
     * clears armed when it reaps the request's last completion, by which
     * time the kernel has dropped its reference to the file).  A callback
     * cannot wait for itself, and must not wait for another dispatcher
     * (which might be waiting for it); the engine thread's request goes
     * soon after, and the other callback holds its own socket reference.
     */
    if (!engine__is_thread && !engine__in_callback) {
        engine__waiters++;
        atomic_fetch_add(&slot->unwatching, 1);
        for (;;) {
            bool kernel = slot->armed_gen != 0;
            bool running = atomic_load(&slot->running) != 0;
            if (atomic_load(&engine__state) == ENGINE_STOPPED || (!kernel && !running))
                break;
            pthread_cond_wait(&engine__cond, &engine_lock);
        }
        atomic_fetch_sub(&slot->unwatching, 1);
        engine__waiters--;
    }
    pthread_mutex_unlock(&engine_lock);
}

void engine_kick(void)
{
    pthread_mutex_lock(&engine_lock);
    if (engine__backend && atomic_load(&engine__state) == ENGINE_RUNNING)
        engine__backend->kick();
    pthread_mutex_unlock(&engine_lock);
}

const char *sys_engine_name(void)
{
    pthread_mutex_lock(&engine_lock);
    const char *name = engine__backend ? engine__backend->name : "none";
    pthread_mutex_unlock(&engine_lock);
    return name;
}
