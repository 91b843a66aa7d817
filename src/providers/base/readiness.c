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
 * How often a socket whose descriptor Linux reports as ready, but that is
 * ready for nothing the caller asked for (a new TCP socket is always hung
 * up for Linux), is looked at again while the others are waited for: it
 * cannot be waited for, and another thread may connect it meanwhile.
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
    /* A listening socket is readable when a connection waits, and never writable. */
    if (st->listening)
        return (revents & SYS_POLLIN) ? interest & READY_IN : 0;
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

int ready_wait(struct bsock **socks, unsigned n, const int *interest, int *ready,
               struct sys_pollfd *fds, int64_t deadline, bool alertable)
{
    int *keys = calloc(n ? n : 1, sizeof(*keys));
    if (!keys)
        return WSAENOBUFS;
    int error = 0;
    bool waited = false;
    for (;;) {
        if (ready__closing(socks, n)) {
            error = WSAEINTR;
            break;
        }
        for (unsigned i = 0; i < n; i++) {
            struct ready__state st = ready__look(socks[i]);
            keys[i] = ready__key(&st);
            fds[i + 1] =
                (struct sys_pollfd){.fd = socks[i]->fd, .events = ready__events(&st, interest[i])};
        }
        if (sys_poll_until(&fds[1], n, 0) < 0)
            for (unsigned i = 0; i < n; i++)
                fds[i + 1].revents = 0; /* EINTR: nothing learnt, look again below */
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
            ready[i] = ready__classify(socks[i], &st, fds[i + 1].revents, interest[i]);
            if (ready[i]) {
                count++;
            } else if (ready__key(&st) != keys[i]) {
                changed = true; /* a connect ended: ask Linux again for the new state */
            } else if (fds[i + 1].revents && !st.backlog) {
                /* (With a backlog, the look just sent until Linux's buffer was full.) */
                inert = true; /* ready for Linux, for nothing asked: do not wait on it */
                fds[i + 1].fd = -1;
            }
        }
        if (count > 0)
            break;
        if (changed)
            continue;
        int64_t now = sys_now_ns();
        if (deadline >= 0 && now >= deadline && (waited || !alertable))
            break;
        int64_t until = deadline;
        if (inert && (until < 0 || until > now + READY_RECHECK_NS))
            until = now + READY_RECHECK_NS;
        waited = true;
        if ((error = bsock_wait_many(socks, n, fds, until)) != 0)
            break;
    }
    free(keys);
    return error;
}
