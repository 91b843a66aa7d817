/*
 * WSPCloseSocket and the final cleanup's reset (spec: closesocket.md,
 * WSPCloseSocket.txt, WSACleanup.txt, LPWSPCleanup.txt).
 *
 * The linger table, and where Linux differs (../shared/DESIGN.md):
 *
 *   l_onoff 0            graceful, in the background: a plain close(); Linux
 *                        sends what is queued, then FIN.
 *   l_onoff 1, l_linger 0  hard: SO_LINGER {1, 0} then close() sends RST.
 *   l_onoff 1, l_linger n  blocking socket: we wait ourselves until the peer
 *                        has acknowledged everything (SIOCOUTQ reaches 0),
 *                        then close gracefully; at the timeout we reset.
 *                        Linux's own linger would end with FIN instead.
 *                        Non-blocking socket with data still queued:
 *                        WSAEWOULDBLOCK at once, handle kept, nothing
 *                        started (Linux would block n seconds); with nothing
 *                        queued, or after shutdown(SD_SEND), it closes now.
 *
 * Other threads blocked on the socket are woken and fail with WSAEINTR.
 */
#include <errno.h>

#include "kernel/handle.h"
#include "providers/base/base.h"
#include "sys/sys.h"

/* Bumped by every final WSPCleanup: a lingering close that sees it change resets at once. */
static _Atomic unsigned close__cleanup_epoch;

/* The longest nap between two looks at the send queue while lingering. */
#define LINGER_POLL_MAX_NS (20 * 1000000LL)

enum close_kind {
    CLOSE_GRACEFUL,
    CLOSE_RESET,
    CLOSE_LINGER, /* wait for the queue to drain, then graceful, or reset at the timeout */
};

/*
 * Releases the Linux socket now, with a FIN or (reset) an RST.  Blocked
 * callers are woken first.  The descriptor is closed at once if nobody else
 * is using it; otherwise it is retired, and the last user closes the number.
 */
static void close__release(struct bsock *b, bool reset)
{
    atomic_store(&b->closing, true);
    bsock_wake_all(b);
    if (reset)
        sys_set_linger(b->fd, 1, 0);
    if (atomic_load(&b->users) == 1) {
        sys_close(b->fd);
        b->fd = -1;
    } else if (sys_retire(b->fd) < 0) {
        /* No placeholder could be had: keep the number until the last user is gone. */
        sys_shutdown(b->fd, SYS_SHUT_RDWR);
    }
}

/*
 * Waits, as a blocking call, until everything sent has been acknowledged or
 * the deadline passes.  Returns true if the queue drained (graceful close),
 * false if the connection must be reset.
 */
static bool close__linger(struct bsock *b, int seconds)
{
    struct kthread *self = kthread_self();
    unsigned epoch = atomic_load(&close__cleanup_epoch);
    int64_t deadline = sys_now_ns() + (int64_t)seconds * 1000000000;
    int64_t nap = 1000000;
    bool drained = false;

    if (self)
        self->blocking_depth++;
    /* The FIN goes behind the queued data: the disconnect starts now. */
    sys_shutdown(b->fd, SYS_SHUT_WR);
    for (;;) {
        int queued = 0;
        if (sys_unacked_bytes(b->fd, &queued) < 0 || queued == 0) {
            drained = true;
            break;
        }
        int64_t now = sys_now_ns();
        if (now >= deadline || atomic_load(&close__cleanup_epoch) != epoch || !self)
            break;
        if (kthread_apc_pending(self)) {
            kthread_run_apcs(self);
            /* ExitThread in the APC: the close finishes gracefully, as a cleanup would. */
            if (self->exit_pending) {
                drained = true;
                break;
            }
            continue;
        }
        int64_t until = now + nap < deadline ? now + nap : deadline;
        kthread_sleep(self, until, NULL, 0);
        if (nap < LINGER_POLL_MAX_NS)
            nap *= 2;
    }
    if (self)
        self->blocking_depth--;
    return drained;
}

/* What closing b now must do, or WSAEWOULDBLOCK (non-blocking socket still lingering). */
static int close__decide(struct bsock *b, enum close_kind *kind)
{
    pthread_mutex_lock(&b->lock);
    bool stream = b->type == SOCK_STREAM && b->connected;
    bool onoff = b->linger_onoff != 0;
    int seconds = b->linger_seconds;
    bool nonblocking = b->nonblocking;
    bool shut_send = b->shut_send;
    pthread_mutex_unlock(&b->lock);

    *kind = CLOSE_GRACEFUL;
    if (!stream || !onoff)
        return 0;
    if (seconds == 0) {
        *kind = CLOSE_RESET;
        return 0;
    }
    int queued = 0;
    if (sys_unacked_bytes(b->fd, &queued) < 0 || queued == 0)
        return 0;
    if (nonblocking)
        return shut_send ? 0 : WSAEWOULDBLOCK;
    *kind = CLOSE_LINGER;
    return 0;
}

int WSPAPI base_WSPCloseSocket(SOCKET s, LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;

    enum close_kind kind;
    int error = close__decide(b, &kind);
    if (error) {
        bsock_put(b);
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    /* Claim the close: from here on the handle is gone for every other caller. */
    if (!handle_close((uintptr_t)s, KOBJ_SOCKET)) {
        bsock_put(b);
        *lpErrno = WSAENOTSOCK;
        return SOCKET_ERROR;
    }
    bool reset = kind == CLOSE_RESET;
    if (kind == CLOSE_LINGER) {
        atomic_store(&b->closing, true);
        bsock_wake_all(b);
        reset = !close__linger(b, b->linger_seconds);
    }
    close__release(b, reset);
    handle_unref((uintptr_t)s); /* the handle's own reference, handed over by handle_close */
    bsock_put(b);
    return 0;
}

static void close__reset_one(uintptr_t h, struct kobj *obj, void *ctx)
{
    (void)ctx;
    if (!bsock_is(obj) || !handle_close(h, KOBJ_SOCKET))
        return;
    struct bsock *b = (struct bsock *)obj;
    atomic_fetch_add(&b->users, 1);
    pthread_mutex_lock(&b->lock);
    bool reset = b->type == SOCK_STREAM && b->connected;
    pthread_mutex_unlock(&b->lock);
    close__release(b, reset);
    atomic_fetch_sub(&b->users, 1);
    handle_unref(h); /* the handle's own reference */
}

void base_close_all(void)
{
    atomic_fetch_add(&close__cleanup_epoch, 1);
    handle_for_each(KOBJ_SOCKET, close__reset_one, NULL);
}
