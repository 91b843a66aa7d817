/*
 * Readiness as select and WSAPoll report it on Windows (readiness.h).
 *
 * Linux's poll answers from the TCP state alone, and differs from Windows
 * where the Winsock state matters: a new or bound TCP socket is POLLOUT and
 * POLLHUP for Linux, and neither readable nor writable for Windows (Wine's
 * conformance test_select, run on Windows: a fresh socket in all three sets
 * gives 0); a socket whose connect failed is POLLOUT, POLLIN and POLLHUP for
 * Linux, and only in the except set for Windows, at every select until the
 * next connect; a peer's FIN is POLLIN for Linux, and a hang-up without data
 * to read for Windows' WSAPoll.  So each socket is classified from its
 * Winsock state first, and Linux's answer is read within that state.
 */
#include <stdlib.h>

#include "providers/base/backlog.h"
#include "providers/base/bsock.h"
#include "providers/base/readiness.h"

/*
 * How a wait learns that a socket it cannot poll has changed.  A socket
 * whose descriptor Linux reports ready, for nothing the caller asked for,
 * is "inert": a new TCP socket is always hung up for Linux, a refused one
 * too, and poll would return at once for ever.  It is left out of the poll
 * and watched in two ways instead, each waking the waiting thread only when
 * something changes:
 *
 *  - its Winsock state (connect, listen, shutdown, SO_OOBINLINE, a new
 *    descriptor) is changed only by our own calls, which count the change
 *    in b->ready_gen and wake the socket's waiters
 *    (bsock_state_changed_locked); the wait ends when a count moves;
 *  - anything Linux reports for its descriptor (a connection made or
 *    refused, data, room to send, an error) wakes an edge-triggered epoll
 *    set (sys_edge_*) the wait polls as one more descriptor.
 *
 * Each misses what the other sees: Linux signals nothing for listen,
 * SO_OOBINLINE or a descriptor put in the socket's place (AcceptEx,
 * DisconnectEx), and our calls learn nothing of what the network brings.
 * Either way every socket is looked at again.  Only where the edge set
 * cannot be made (no descriptor left) are inert sockets looked at again
 * every READY_RECHECK_NS instead, as a last resort.
 */
#define READY_RECHECK_NS (50 * 1000000LL)

/* The Winsock state of a socket, as far as readiness depends on it. */
struct ready__state {
    bool stream;
    bool listening;
    bool connecting;
    bool connect_failed;
    bool connected;
    bool oob_inline;
    bool shut_send;
    bool backlog; /* what non-blocking sends left is still to go: not writable (backlog.h) */
};

static struct ready__state ready__look(struct bsock *b)
{
    struct ready__state st;
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    st.stream = b->type == SOCK_STREAM;
    st.listening = b->listening;
    st.connecting = b->connecting;
    st.connected = b->connected;
    st.connect_failed = b->connect_failed && !b->connecting && !b->connected;
    st.oob_inline = b->oob_inline;
    st.shut_send = b->shut_send;
    /* Sent on here as well: a select waiting for room is what lets it go. */
    st.backlog = !backlog_push_locked(b);
    pthread_mutex_unlock(&b->lock);
    return st;
}

/* A summary of the state that tells whether it changed between two looks. */
static int ready__key(const struct ready__state *st)
{
    return st->listening | st->connecting << 1 | st->connect_failed << 2 | st->connected << 3 |
           st->oob_inline << 4;
}

/* The Linux events that can show the conditions of interest in this state. */
static short ready__events(const struct ready__state *st, int interest)
{
    short e = 0;
    if (!st->stream || (st->connected && !st->listening)) {
        if (interest & READY_IN)
            e |= SYS_POLLIN;
        if (interest & READY_OUT)
            e |= SYS_POLLOUT;
        if (st->stream && (interest & READY_OOB))
            e |= SYS_POLLPRI;
        if (st->stream && (interest & (READY_FIN | READY_IN)))
            e |= SYS_POLLRDHUP;
        return e;
    }
    if (st->listening)
        return (interest & READY_IN) ? SYS_POLLIN : 0;
    /* A connect in progress ends with POLLOUT, failed or not: watch for its end whatever is asked.
     */
    return st->connecting ? SYS_POLLOUT : 0;
}

/*
 * Whether a stream whose peer has sent its FIN still has data to read
 * (Linux's POLLIN covers both).  A peek skips urgent data that is not
 * inline, as a receive would.
 */
static bool ready__has_data(struct bsock *b)
{
    char byte;
    struct sys_iovec iov = {&byte, 1};
    int flags = 0;
    return sys_recvmsg(b->fd, &iov, 1, NULL, NULL, SYS_MSG_PEEK | SYS_MSG_DONTWAIT, &flags) > 0;
}

static int ready__classify(struct bsock *b, const struct ready__state *st, short revents,
                           int interest)
{
    int r = 0;
    if (!st->stream) {
        if (revents & SYS_POLLIN)
            r |= READY_IN;
        if (revents & SYS_POLLOUT)
            r |= READY_OUT;
        if (revents & SYS_POLLERR)
            r |= READY_ERROR;
        return r & interest;
    }
    /*
     * A listening socket is readable when a connection waits, and never
     * writable; one that listens after a failed connect still shows that
     * failure (observed, Wine's test_select: in the except set).
     */
    if (st->listening)
        return (((revents & SYS_POLLIN) ? READY_IN : 0) |
                (st->connect_failed ? READY_CONNECT_FAILED : 0)) &
               interest;
    /* Not connected: nothing, until a connect ends (Windows' select and AFD poll report none). */
    if (st->connect_failed)
        return interest & READY_CONNECT_FAILED;
    if (st->connecting || !st->connected)
        return 0;
    if ((revents & SYS_POLLHUP) && bsock_abort_error(b, revents, st->shut_send))
        return (READY_ABORT | ((revents & SYS_POLLOUT) ? READY_OUT : 0)) & interest;
    if ((revents & SYS_POLLOUT) && !st->backlog)
        r |= READY_OUT;
    if ((revents & SYS_POLLPRI) && !st->oob_inline)
        r |= READY_OOB;
    if (revents & SYS_POLLERR)
        r |= READY_ERROR;
    if (revents & SYS_POLLRDHUP) {
        r |= READY_FIN;
        if ((interest & READY_IN) && (revents & SYS_POLLIN) && ready__has_data(b))
            r |= READY_IN;
    } else if (revents & SYS_POLLIN) {
        r |= READY_IN;
    }
    return r & interest;
}

static bool ready__closing(struct bsock **socks, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (atomic_load(&socks[i]->closing))
            return true;
    return false;
}

/* What one wait keeps for each socket. */
struct ready__item {
    int key;           /* ready__key when it was looked at */
    bool edge;         /* its descriptor is in the edge set */
    unsigned edge_gen; /* its ready_gen when it was added (a new descriptor needs adding anew) */
};

struct ready__wait {
    struct bsock **socks;
    unsigned n;
    struct ready__item *items;
    unsigned *gens;         /* each socket's ready_gen before it was looked at */
    struct sys_pollfd *fds; /* [0] the thread's, [1..n] the sockets', [n + 1] the edge set */
    int edge;               /* the edge set, -1 until an inert socket needs it */
    bool edge_failed;
};

/*
 * Watches the inert socket i through the edge set.  True if it was added
 * now (the caller then looks at every socket again before it sleeps, so
 * that a change between its look and the addition is not missed); false
 * if it was there already or cannot be (*fallback is then set).
 */
static bool ready__edge_add(struct ready__wait *w, unsigned i, bool *fallback)
{
    struct ready__item *it = &w->items[i];
    if (it->edge)
        return false;
    if (w->edge < 0 && !w->edge_failed) {
        w->edge = sys_edge_open();
        w->edge_failed = w->edge < 0;
    }
    if (w->edge < 0 || sys_edge_add(w->edge, w->socks[i]->fd) != 0) {
        *fallback = true;
        return false;
    }
    it->edge = true;
    it->edge_gen = w->gens[i];
    return true;
}

static void ready__edge_remove(struct ready__wait *w, unsigned i)
{
    if (w->items[i].edge) {
        sys_edge_remove(w->edge, w->socks[i]->fd);
        w->items[i].edge = false;
    }
}

/* Takes each socket's state count and sets up its poll entry for the state it is in. */
static void ready__look_all(struct ready__wait *w, const int *interest)
{
    for (unsigned i = 0; i < w->n; i++) {
        w->gens[i] = atomic_load(&w->socks[i]->ready_gen);
        /* A new descriptor under the socket (DisconnectEx, AcceptEx) is added anew if inert. */
        if (w->items[i].edge && w->items[i].edge_gen != w->gens[i])
            ready__edge_remove(w, i);
        struct ready__state st = ready__look(w->socks[i]);
        w->items[i].key = ready__key(&st);
        w->fds[i + 1] =
            (struct sys_pollfd){.fd = w->socks[i]->fd, .events = ready__events(&st, interest[i])};
    }
}

int ready_wait(struct bsock **socks, unsigned n, const int *interest, int *ready, int64_t deadline,
               bool alertable)
{
    struct ready__wait w = {.socks = socks, .n = n, .edge = -1};
    w.items = calloc(n ? n : 1, sizeof(*w.items));
    w.gens = calloc(n ? n : 1, sizeof(*w.gens));
    w.fds = calloc(n + 2, sizeof(*w.fds));
    int error = 0;
    if (!w.items || !w.gens || !w.fds)
        error = WSAENOBUFS;
    bool waited = false;
    while (!error) {
        if (ready__closing(socks, n)) {
            error = WSAEINTR;
            break;
        }
        /* Wake-ups from here on mark the edge set again; those before are seen by the look. */
        if (w.edge >= 0)
            sys_edge_drain(w.edge);
        ready__look_all(&w, interest);
        if (sys_poll_until(&w.fds[1], n, 0) < 0)
            for (unsigned i = 0; i < n; i++)
                w.fds[i + 1].revents = 0; /* EINTR: nothing learnt, look again below */
        /*
         * A socket closed meanwhile may have been reset by the final
         * WSACleanup, which marks every socket closing first: the call ends
         * as interrupted, never with what the reset looks like.
         */
        if (ready__closing(socks, n)) {
            error = WSAEINTR;
            break;
        }
        unsigned count = 0;
        bool changed = false, inert = false;
        for (unsigned i = 0; i < n; i++) {
            struct ready__state st = ready__look(socks[i]);
            ready[i] = ready__classify(socks[i], &st, w.fds[i + 1].revents, interest[i]);
            if (ready[i]) {
                count++;
            } else if (ready__key(&st) != w.items[i].key) {
                changed = true; /* a connect ended: ask Linux again for the new state */
            } else if (w.fds[i + 1].revents && !st.backlog) {
                /* (With a backlog, the look just sent until Linux's buffer was full.) */
                inert = true; /* ready for Linux, for nothing asked: not polled */
                w.fds[i + 1].fd = -1;
            } else {
                ready__edge_remove(&w, i); /* polled again: its own answer is enough */
            }
        }
        if (count > 0)
            break;
        if (changed)
            continue;
        int64_t now = sys_now_ns();
        if (deadline >= 0 && now >= deadline && (waited || !alertable))
            break;
        /*
         * The inert sockets are watched for a change once the call is to
         * sleep (not by a select with a time-out of 0).  One added now may
         * have changed since it was looked at: every socket is looked at
         * again before the sleep.
         */
        bool added = false, fallback = false;
        bool sleeps = deadline < 0 || now < deadline;
        for (unsigned i = 0; i < n && inert && sleeps; i++)
            if (w.fds[i + 1].fd < 0 && w.fds[i + 1].revents)
                added |= ready__edge_add(&w, i, &fallback);
        if (added)
            continue;
        int64_t until = deadline;
        if (fallback && (until < 0 || until > now + READY_RECHECK_NS))
            until = now + READY_RECHECK_NS;
        w.fds[n + 1] = (struct sys_pollfd){.fd = w.edge, .events = SYS_POLLIN};
        waited = true;
        error = bsock_wait_many(socks, n, w.fds, n + 2, until, w.gens);
    }
    if (w.edge >= 0)
        sys_close(w.edge);
    free(w.items);
    free(w.gens);
    free(w.fds);
    return error;
}
