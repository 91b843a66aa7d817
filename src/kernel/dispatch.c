/* The dispatcher: see dispatch.h. */
#include "kernel/dispatch.h"

#include "kernel/thread.h"

#define WAIT_PENDING ((DWORD)0xFFFFFFFE)

struct kwait {
    struct kthread *thread;
    unsigned count;
    bool all;
    DWORD result; /* WAIT_PENDING until satisfied */
    struct kwait_block blocks[MAXIMUM_WAIT_OBJECTS];
};

pthread_mutex_t kdispatch_lock = PTHREAD_MUTEX_INITIALIZER;

void kwaitable_init(struct kwaitable *w, const struct kobj_ops *ops, bool signaled, bool auto_reset)
{
    w->obj.ops = ops;
    w->signaled = signaled;
    w->auto_reset = auto_reset;
    w->waiters.prev = w->waiters.next = &w->waiters;
    w->wops = NULL;
}

static bool dispatch__signaled_for(struct kwaitable *w, struct kthread *t)
{
    return w->wops ? w->wops->signaled_for(w, t) : w->signaled;
}

/* Satisfies t's wait on w; returns true if w was an abandoned mutex. */
static bool dispatch__consume(struct kwaitable *w, struct kthread *t)
{
    if (w->wops)
        return w->wops->acquire(w, t);
    if (w->auto_reset)
        w->signaled = false;
    return false;
}

/*
 * Satisfies a wait for all of objects[0..n): WAIT_OBJECT_0, or, when one of
 * them is an abandoned mutex, WAIT_ABANDONED_0 + the first such index ("the
 * state of all specified objects is signaled and at least one of the
 * objects is an abandoned mutex object").
 */
static DWORD dispatch__consume_all(struct kwaitable *const *objects, unsigned n, struct kthread *t)
{
    DWORD result = WAIT_OBJECT_0;
    for (unsigned i = 0; i < n; i++)
        if (dispatch__consume(objects[i], t) && result == WAIT_OBJECT_0)
            result = WAIT_ABANDONED_0 + i;
    return result;
}

static void dispatch__unlink(struct kwait *wait)
{
    for (unsigned i = 0; i < wait->count; i++) {
        struct kwait_block *b = &wait->blocks[i];
        b->prev->next = b->next;
        b->next->prev = b->prev;
    }
}

static void dispatch__link(struct kwait *wait, struct kwaitable **objects)
{
    for (unsigned i = 0; i < wait->count; i++) {
        struct kwait_block *b = &wait->blocks[i];
        struct kwaitable *w = objects[i];
        b->wait = wait;
        b->object = w;
        b->index = i;
        b->next = &w->waiters;
        b->prev = w->waiters.prev;
        w->waiters.prev->next = b;
        w->waiters.prev = b;
    }
}

static bool dispatch__all_signaled(struct kwait *wait)
{
    for (unsigned i = 0; i < wait->count; i++)
        if (!dispatch__signaled_for(wait->blocks[i].object, wait->thread))
            return false;
    return true;
}

static void dispatch__satisfy(struct kwait *wait, DWORD result)
{
    dispatch__unlink(wait);
    wait->result = result;
    kthread_wake(wait->thread);
}

void kwaitable_signal_locked(struct kwaitable *w)
{
    w->signaled = true;
    bool progress = true;
    /* Satisfying a wait unlinks all of its blocks, so rescan after each one. */
    while (w->signaled && progress) {
        progress = false;
        for (struct kwait_block *b = w->waiters.next; b != &w->waiters; b = b->next) {
            struct kwait *wait = b->wait;
            if (!wait->all) {
                if (!dispatch__signaled_for(w, wait->thread))
                    continue;
                bool abandoned = dispatch__consume(w, wait->thread);
                dispatch__satisfy(wait, (abandoned ? WAIT_ABANDONED_0 : WAIT_OBJECT_0) + b->index);
            } else if (dispatch__all_signaled(wait)) {
                struct kwaitable *objects[MAXIMUM_WAIT_OBJECTS];
                for (unsigned i = 0; i < wait->count; i++)
                    objects[i] = wait->blocks[i].object;
                dispatch__satisfy(wait, dispatch__consume_all(objects, wait->count, wait->thread));
            } else {
                continue;
            }
            progress = true;
            break;
        }
    }
}

/* Tries to satisfy a wait at once; returns WAIT_PENDING if it cannot. */
static DWORD dispatch__try(struct kwaitable **objects, unsigned n, bool all, struct kthread *t)
{
    if (all) {
        for (unsigned i = 0; i < n; i++)
            if (!dispatch__signaled_for(objects[i], t))
                return WAIT_PENDING;
        return dispatch__consume_all(objects, n, t);
    }
    for (unsigned i = 0; i < n; i++) {
        if (dispatch__signaled_for(objects[i], t)) {
            bool abandoned = dispatch__consume(objects[i], t);
            return (abandoned ? WAIT_ABANDONED_0 : WAIT_OBJECT_0) + i;
        }
    }
    return WAIT_PENDING;
}

DWORD kwait_objects(struct kwaitable **objects, unsigned n, bool all, DWORD milliseconds,
                    bool alertable)
{
    struct kthread *self = kthread_self();
    if (!self) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return WAIT_FAILED;
    }
    int64_t deadline = kdeadline_ms(milliseconds);

    pthread_mutex_lock(&kdispatch_lock);
    DWORD result = dispatch__try(objects, n, all, self);
    if (result == WAIT_PENDING && alertable && kthread_apc_pending(self))
        result = WAIT_IO_COMPLETION;
    else if (result == WAIT_PENDING && milliseconds == 0)
        result = WAIT_TIMEOUT;
    if (result != WAIT_PENDING) {
        pthread_mutex_unlock(&kdispatch_lock);
        if (result == WAIT_IO_COMPLETION)
            kthread_run_apcs(self);
        return result;
    }

    struct kwait wait = {.thread = self, .count = n, .all = all, .result = WAIT_PENDING};
    dispatch__link(&wait, objects);
    self->wait = &wait;
    pthread_mutex_unlock(&kdispatch_lock);

    for (;;) {
        kthread_sleep(self, deadline, NULL, 0);
        pthread_mutex_lock(&kdispatch_lock);
        result = wait.result;
        if (result == WAIT_PENDING) {
            if (alertable && kthread_apc_pending(self))
                result = WAIT_IO_COMPLETION;
            else if (deadline >= 0 && sys_now_ns() >= deadline)
                result = WAIT_TIMEOUT;
            if (result != WAIT_PENDING)
                dispatch__unlink(&wait);
        }
        if (result != WAIT_PENDING)
            self->wait = NULL;
        pthread_mutex_unlock(&kdispatch_lock);
        if (result == WAIT_IO_COMPLETION)
            kthread_run_apcs(self);
        if (result != WAIT_PENDING)
            return result;
    }
}
