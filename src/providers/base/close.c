/*
 * WSPCloseSocket and the final cleanup's reset (spec: closesocket.md,
 * WSPCloseSocket.txt, WSACleanup.txt, LPWSPCleanup.txt).
 *
 * The linger table, and where Linux differs (../shared/DESIGN.md):
 *
 *   l_onoff 0            graceful, in the background: a plain close(); Linux
 *                        sends what is queued, then FIN; what non-blocking
 *                        sends left above that (backlog.h) goes on from a
 *                        thread of ours (backlog_drain.c), then its FIN.
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
#include "providers/base/backlog.h"
#include "providers/base/base.h"
#include "providers/base/bindtable.h"
#include "sys/engine.h"
#include "sys/sys.h"

/*
 * Bumped by every final WSPCleanup.  A lingering close that sees it change
 * stops waiting and lets the data go on in the background: LPWSPCleanup.txt,
 * "sockets that have been closed ... but still have pending data to be sent
 * are not affected, but the pending data is still sent."
 */
static _Atomic unsigned close__cleanup_epoch;

/*
 * Set from the start of a final WSPCleanup until the next WSPStartup: from
 * then on no operation's completion is delivered (base_final_cleanup_begun).
 */
static _Atomic bool close__final_cleanup;

bool base_final_cleanup_begun(void)
{
    return atomic_load(&close__final_cleanup);
}

void base_final_cleanup_over(void)
{
    atomic_store(&close__final_cleanup, false);
}

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
 * last: no other handle or process shares the socket (duplicate.c), so it
 * may be shut down here; otherwise only this handle's descriptor goes.
 */
static void close__release(struct bsock *b, bool reset, bool deliver, bool last)
{
    atomic_store(&b->closing, true);
    bsock_wake_all(b);
    /*
     * Pending overlapped operations fail with WSA_OPERATION_ABORTED — with
     * their completion action for closesocket (closesocket.md), without it
     * for the final WSACleanup (WSACleanup.txt) — before the socket goes.
     */
    bop_cancel_all(b, deliver);
    /*
     * An io_uring poll in flight holds the file: without this, the socket
     * would stay open until WSACleanup (DESIGN.md).  After it returns, no
     * engine callback for this socket starts.
     */
    sys_engine_unwatch(b->fd, (uint64_t)b->handle);
    /* What non-blocking sends left: discarded by a reset, else sent on in the background. */
    backlog_close(b, reset);
    if (reset)
        sys_set_linger(b->fd, 1, 0);
    bindtable_release(b, last); /* its address is free for this process's next bind */
    if (atomic_load(&b->users) == 1) {
        sys_close(b->fd);
        b->fd = -1;
    } else if (sys_retire(b->fd) < 0 && last) {
        /* No placeholder could be had: keep the number until the last user is gone. */
        sys_shutdown(b->fd, SYS_SHUT_RDWR);
    }
}

/*
 * Whether b is (or is becoming) a TCP connection, for which a reset means
 * something.  A non-blocking connect nobody has looked at since is settled
 * first.
 */
static bool close__is_connection(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    bool connection = b->type == SOCK_STREAM && (b->connected || b->connecting);
    pthread_mutex_unlock(&b->lock);
    return connection;
}

/*
 * Waits, as a blocking call, until everything sent has been acknowledged or
 * the deadline passes.  Returns false when the deadline passed (the
 * connection must be reset); true when the queue drained, or when a final
 * WSACleanup or an ExitThread ended the wait (the close then goes on
 * gracefully).  epoch is close__cleanup_epoch as it was before the close
 * claimed the handle, so that a cleanup in between is not missed.
 */
static bool close__linger(struct bsock *b, int seconds, unsigned epoch, bool *cancelled)
{
    struct kthread *self = kthread_self();
    int64_t deadline = sys_now_ns() + (int64_t)seconds * 1000000000;
    int64_t nap = 1000000;
    bool graceful = true;
    struct base_blocking hook; /* a Winsock 1.1 blocking hook runs between sleeps */

    *cancelled = false;
    base_blocking_begin(&hook, b);
    if (self)
        self->blocking_depth++;
    /*
     * The FIN goes behind the queued data: the disconnect starts as soon as
     * what non-blocking sends left (backlog.h) is queued too.
     */
    bool fin = false;
    for (;;) {
        if (!fin && backlog_push(b)) {
            sys_shutdown(b->fd, SYS_SHUT_WR);
            fin = true;
        }
        int queued = 0;
        if (fin && (sys_unacked_bytes(b->fd, &queued) < 0 || queued == 0))
            break;
        if (atomic_load(&close__cleanup_epoch) != epoch || !self)
            break;
        int64_t now = sys_now_ns();
        if (now >= deadline) {
            graceful = false;
            break;
        }
        if (kthread_apc_pending(self)) {
            kthread_run_apcs(self);
            if (self->exit_pending)
                break;
            continue;
        }
        int64_t until = now + nap < deadline ? now + nap : deadline;
        if (base_blocking_step(&hook, &until) != 0) {
            /* WSACancelBlockingCall: the close ends now, as at the timeout. */
            *cancelled = true;
            graceful = false;
            break;
        }
        kthread_sleep(self, until, NULL, 0);
        if (nap < LINGER_POLL_MAX_NS)
            nap *= 2;
    }
    if (self)
        self->blocking_depth--;
    base_blocking_end(&hook);
    return graceful;
}

/*
 * What closing b now must do, or WSAEWOULDBLOCK (non-blocking socket still
 * lingering).  *seconds gets the linger timeout.
 */
static int close__decide(struct bsock *b, enum close_kind *kind, int *seconds)
{
    bool connection = close__is_connection(b);
    pthread_mutex_lock(&b->lock);
    const struct bsock_rare *r = bsock_rare_peek(b);
    bool onoff = r->linger_onoff != 0;
    *seconds = r->linger_seconds;
    bool nonblocking = b->nonblocking;
    bool shut_send = b->shut_send;
    bool backlog = r->backlog != NULL; /* what non-blocking sends left (backlog.h) */
    pthread_mutex_unlock(&b->lock);

    *kind = CLOSE_GRACEFUL;
    if (!connection || !onoff)
        return 0;
    if (*seconds == 0) {
        *kind = CLOSE_RESET;
        return 0;
    }
    /*
     * CloseHandle on the socket: Windows' I/O manager closes the file without
     * Winsock, whose WSPCloseSocket is what waits for the linger time-out or
     * refuses with WSAEWOULDBLOCK; the data goes on in the background.
     */
    if (ksocket_closing_by_handle())
        return 0;
    int queued = 0;
    if (!backlog && (sys_unacked_bytes(b->fd, &queued) < 0 || queued == 0))
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

    /*
     * A handle that shares its socket with another (WSADuplicateSocket) is
     * not its last reference: only that one discards the socket
     * (WSPCloseSocket.txt), so this close neither lingers nor fails with
     * WSAEWOULDBLOCK, and it cancels only what was issued through it.
     */
    bool shared = bshare_others(b);
    enum close_kind kind = CLOSE_GRACEFUL;
    int seconds = 0;
    int error = shared ? 0 : close__decide(b, &kind, &seconds);
    if (error) {
        bsock_put(b);
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    /* Claim the close: from here on the handle is gone for every other caller. */
    unsigned epoch = atomic_load(&close__cleanup_epoch);
    if (!handle_close((uintptr_t)s, KOBJ_SOCKET)) {
        bsock_put(b);
        *lpErrno = WSAENOTSOCK;
        return SOCKET_ERROR;
    }
    bool exported;
    bool last = bshare_release(b, &exported);
    if (!last || exported) {
        close__release(b, false, true, false);
        handle_unref((uintptr_t)s);
        bsock_put(b);
        return 0;
    }
    /* The other handles went meanwhile: this is the last one after all. */
    if (shared && close__decide(b, &kind, &seconds) != 0)
        kind = CLOSE_GRACEFUL; /* too late for WSAEWOULDBLOCK: the handle is gone */
    bool reset = kind == CLOSE_RESET, cancelled = false;
    if (kind == CLOSE_LINGER) {
        atomic_store(&b->closing, true);
        bsock_wake_all(b);
        reset = !close__linger(b, seconds, epoch, &cancelled);
    }
    close__release(b, reset, true, true);
    handle_unref((uintptr_t)s); /* the handle's own reference, handed over by handle_close */
    bsock_put(b);
    /*
     * closesocket.md, WSAEINTR: "A blocking Windows Sockets 1.1 call was
     * canceled through WSACancelBlockingCall."  The socket is gone all the
     * same (reset, as at the linger timeout): the handle was released before
     * the wait, and a cancelled call leaves closesocket as the only thing to
     * do with a socket anyway (WSACancelBlockingCall).
     */
    if (cancelled) {
        *lpErrno = WSAEINTR;
        return SOCKET_ERROR;
    }
    return 0;
}

static void close__reset_one(uintptr_t h, struct kobj *obj, void *ctx)
{
    (void)ctx;
    if (!bsock_is(obj) || !handle_close(h, KOBJ_SOCKET))
        return;
    struct bsock *b = (struct bsock *)obj;
    atomic_fetch_add(&b->users, 1);
    /*
     * Every handle of this process goes, duplicates too (each resets the one
     * socket they share); a socket another process holds as well is left to
     * it: only our descriptor is closed.
     */
    bool exported;
    bshare_release(b, &exported);
    close__release(b, close__is_connection(b) && !exported, false, !exported);
    atomic_fetch_sub(&b->users, 1);
    handle_unref(h); /* the handle's own reference */
}

/*
 * The final cleanup's first pass, over one socket: from here on it is going
 * away.  closing is set under b->lock, which eventselect.c holds from its
 * look at closing to its look at the descriptor and overlapped.c from its
 * look to queueing an operation, so neither can act on a reset that comes
 * after this; blocked callers are woken (they then see closing and fail with
 * WSAEINTR, or POLLNVAL in WSAPoll); pending operations are cancelled
 * without any completion action (WSACleanup.txt).
 */
static void close__doom_one(uintptr_t h, struct kobj *obj, void *ctx)
{
    (void)h;
    (void)ctx;
    if (!bsock_is(obj))
        return;
    struct bsock *b = (struct bsock *)obj;
    pthread_mutex_lock(&b->lock);
    atomic_store(&b->closing, true);
    pthread_mutex_unlock(&b->lock);
    bsock_wake_all(b);
    bop_cancel_all(b, false);
}

void base_close_all(void)
{
    /*
     * WSACleanup.txt: "any pending blocking or asynchronous Windows Sockets
     * calls issued by any thread in this process are canceled without
     * posting any notification messages or without signaling any event
     * objects".  Every socket is marked as going away, and every operation
     * on it cancelled, before the first socket is reset: the reset of one of
     * our sockets reaches its loopback peer — often another of our sockets,
     * reset later in the same pass — and would otherwise show there as a
     * reset to a blocked recv, select or WSAPoll, as FD_CLOSE with its event
     * set, or as a completion of an operation issued meanwhile.  And from
     * the start nothing is delivered and no network event recorded, even for
     * a socket not marked yet (base_final_cleanup_begun): an AcceptEx, or an
     * FD_ACCEPT selection, whose connection comes while this pass goes on
     * would otherwise set its event, queue its routine or post its packet.
     */
    atomic_store(&close__final_cleanup, true);
    handle_for_each(KOBJ_SOCKET, close__doom_one, NULL);
    /*
     * Only now may a lingering close in another thread stop waiting and
     * close gracefully: its FIN, too, must find its peer marked.
     */
    atomic_fetch_add(&close__cleanup_epoch, 1);
    handle_for_each(KOBJ_SOCKET, close__reset_one, NULL);
    base_duplicate_cleanup();
}
