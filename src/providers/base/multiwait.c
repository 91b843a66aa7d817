/*
 * Waiting on several sockets at once (select, WSAPoll): the thread registers
 * as a waiter on each, so that closing any of them, or a change of its
 * Winsock state, wakes it, and sleeps on all their descriptors plus its
 * wake-up descriptor.
 */
#include <stdlib.h>

#include "providers/base/base.h"
#include "sys/sys.h"

/* Whether a socket's Winsock state moved since gens was taken (b->ready_gen). */
static bool multiwait__changed(struct bsock **socks, unsigned n, const unsigned *gens)
{
    if (gens)
        for (unsigned i = 0; i < n; i++)
            if (atomic_load(&socks[i]->ready_gen) != gens[i])
                return true;
    return false;
}

int bsock_wait_many(struct bsock **socks, unsigned n, struct sys_pollfd *fds, unsigned nfds,
                    int64_t deadline, const unsigned *gens)
{
    struct kthread *self = kthread_self();
    if (!self)
        return WSAENOBUFS;
    struct bsock_waiter stack[8];
    struct bsock_waiter *waiters = n <= 8 ? stack : calloc(n, sizeof(*waiters));
    if (!waiters)
        return WSAENOBUFS;
    for (unsigned i = 0; i < n; i++) {
        struct bsock *b = socks[i];
        waiters[i].thread = self;
        pthread_mutex_lock(&b->lock);
        bsock_waiter_add_locked(b, &waiters[i]);
        pthread_mutex_unlock(&b->lock);
    }

    self->blocking_depth++;
    struct base_blocking hook; /* a Winsock 1.1 blocking hook runs between sleeps */
    base_blocking_begin(&hook, socks[0]);
    int result = 0;
    for (;;) {
        bool closed = false;
        for (unsigned i = 0; i < n && !closed; i++)
            closed = atomic_load(&socks[i]->closing);
        if (closed) {
            result = WSAEINTR;
            break;
        }
        if (kthread_apc_pending(self)) {
            kthread_run_apcs(self);
            if (self->exit_pending) { /* ExitThread in the APC: unwind the call */
                result = WSAEINTR;
                break;
            }
            continue;
        }
        /*
         * After the thread is on every socket's waiter list: a change made
         * before is seen here, one made after wakes the thread
         * (bsock_state_changed_locked), and is seen here on the next turn.
         */
        if (multiwait__changed(socks, n, gens))
            break;
        int64_t until = deadline;
        if ((result = base_blocking_step(&hook, &until)) != 0)
            break;
        int ready = kthread_sleep(self, until, fds, nfds);
        closed = false;
        for (unsigned i = 0; i < n && !closed; i++)
            closed = atomic_load(&socks[i]->closing);
        if (closed) {
            result = WSAEINTR;
            break;
        }
        if (ready > 0)
            break;
        if (ready < 0) {
            result = WSAENOBUFS;
            break;
        }
        if (deadline >= 0 && sys_now_ns() >= deadline)
            break;
    }
    base_blocking_end(&hook);
    self->blocking_depth--;

    for (unsigned i = 0; i < n; i++) {
        struct bsock *b = socks[i];
        pthread_mutex_lock(&b->lock);
        bsock_waiter_remove_locked(&waiters[i]);
        pthread_mutex_unlock(&b->lock);
    }
    if (waiters != stack)
        free(waiters);
    return result;
}
