/*
 * The send backlog (backlog.h): the part of a non-blocking stream send that
 * Linux did not take, held in one buffer per socket and sent before
 * anything issued after it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/handle.h"
#include "providers/base/backlog.h"
#include "providers/base/bsock.h"

/* Kept in struct bsock_rare (most sockets never have one), under the socket's lock. */
struct backlog {
    char *data;
    size_t off; /* sent so far */
    size_t len; /* bytes in data */
    /* shutdown(SD_SEND) came while the backlog held data: the FIN goes when it has gone. */
    bool fin;
};

/* b's backlog, NULL when it has none.  b->lock held. */
static struct backlog *backlog__of(const struct bsock *b)
{
    return bsock_rare_peek(b)->backlog;
}

/*
 * How much may be waiting (in Linux's buffer and the backlog together) for
 * a send that Linux refuses to be taken whole all the same.  Windows takes
 * a non-blocking send while what it buffers for the socket is below its
 * send buffer size (64 KiB unless SO_SNDBUF says more; with SO_SNDBUF 0 it
 * still takes sends: Wine's test_set_getsockopt sends three 4 KiB buffers
 * to a receiver with a 1 KiB window, each taken whole, where Linux's
 * smallest send buffer is full after the first).  Beyond it a send fails
 * with WSAEWOULDBLOCK — at once after a send that left megabytes waiting,
 * as the second 50 MiB send does on Windows.
 */
#define BACKLOG_MIN_LIMIT (64u * 1024)

static bool backlog__room_locked(struct bsock *b)
{
    const struct bsock_rare *r = bsock_rare_peek(b);
    size_t limit = r->sndbuf > (int)BACKLOG_MIN_LIMIT ? (size_t)r->sndbuf : BACKLOG_MIN_LIMIT;
    size_t held = r->backlog ? r->backlog->len - r->backlog->off : 0;
    int queued = 0;
    if (sys_unacked_bytes(b->fd, &queued) < 0 || queued < 0)
        queued = 0;
    return held + (size_t)queued < limit;
}

static size_t backlog__total(const struct sys_iovec *iov, unsigned count)
{
    size_t total = 0;
    for (unsigned i = 0; i < count; i++)
        total += iov[i].len;
    return total;
}

/*
 * A socket still open when the process exits is closed by Linux, which
 * sends what its buffer holds; the backlog above it goes to the background
 * sender as at a graceful closesocket (Windows closes the process's handles
 * with their linger option: {1, 0} resets, anything else is graceful).  A
 * process killed outright runs nothing: that data is lost (README, "Where
 * we differ").
 */
static void backlog__exit_one(uintptr_t h, struct kobj *obj, void *ctx)
{
    (void)h;
    (void)ctx;
    if (!bsock_is(obj))
        return;
    struct bsock *b = (struct bsock *)obj;
    pthread_mutex_lock(&b->lock);
    const struct bsock_rare *r = bsock_rare_peek(b);
    bool reset = r->linger_onoff && r->linger_seconds == 0;
    bool pending = r->backlog != NULL;
    pthread_mutex_unlock(&b->lock);
    if (pending)
        backlog_close(b, reset);
}

static void backlog__at_exit(void)
{
    handle_for_each(KOBJ_SOCKET, backlog__exit_one, NULL);
}

static void backlog__register_exit(void)
{
    atexit(backlog__at_exit);
}

/* Appends iov from byte skip on to b's backlog (made if there is none).  False: no memory. */
static bool backlog__append_locked(struct bsock *b, const struct sys_iovec *iov, unsigned count,
                                   size_t skip)
{
    size_t add = backlog__total(iov, count) - skip;
    static pthread_once_t exit_hook = PTHREAD_ONCE_INIT;
    pthread_once(&exit_hook, backlog__register_exit);
    struct bsock_rare *r = bsock_rare_locked(b);
    if (!r)
        return false;
    struct backlog *q = r->backlog;
    if (!q && !(q = calloc(1, sizeof(*q))))
        return false;
    size_t kept = q->len - q->off;
    char *data = malloc(kept + add);
    if (!data) {
        if (!r->backlog)
            free(q);
        return false;
    }
    if (kept)
        memcpy(data, q->data + q->off, kept);
    size_t at = kept;
    for (unsigned i = 0; i < count; i++) {
        size_t n = iov[i].len;
        const char *base = iov[i].base;
        if (skip >= n) {
            skip -= n;
            continue;
        }
        memcpy(data + at, base + skip, n - skip);
        at += n - skip;
        skip = 0;
    }
    free(q->data);
    q->data = data;
    q->off = 0;
    q->len = kept + add;
    r->backlog = q;
    return true;
}

static void backlog__drop_locked(struct bsock *b)
{
    struct backlog *q = backlog__of(b);
    if (!q)
        return;
    free(q->data);
    free(q);
    b->rare->backlog = NULL;
}

int backlog_send_rest(int fd, const char *data, size_t *off, size_t len)
{
    while (*off < len) {
        struct sys_iovec v = {(char *)data + *off, len - *off};
        long n = sys_sendmsg(fd, &v, 1, NULL, 0, SYS_MSG_DONTWAIT);
        if (n >= 0)
            *off += (size_t)n;
        else if (errno != EINTR)
            return errno;
    }
    return 0;
}

bool backlog_push_locked(struct bsock *b)
{
    struct backlog *q = backlog__of(b);
    if (!q)
        return true;
    /* A failed connection drops it too: the system layer keeps its error for the next call. */
    if (backlog_send_rest(b->fd, q->data, &q->off, q->len) == EAGAIN)
        return false;
    bool fin = q->fin;
    backlog__drop_locked(b);
    /* shutdown.md, SD_SEND: the FIN is "sent after all data is sent". */
    if (fin)
        sys_shutdown(b->fd, SYS_SHUT_WR);
    return true;
}

bool backlog_push(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    bool empty = backlog_push_locked(b);
    pthread_mutex_unlock(&b->lock);
    return empty;
}

int backlog_send(struct bsock *b, const struct sys_iovec *iov, unsigned count, int linux_flags,
                 size_t *sent)
{
    size_t total = backlog__total(iov, count);
    int error = 0;
    bool made = false;
    pthread_mutex_lock(&b->lock);
    if (!backlog_push_locked(b)) {
        /*
         * Still sending an earlier one: this one joins it if little waits
         * (backlog__room_locked) and nothing else does (an urgent byte
         * would overtake it; a pending overlapped send came after it).
         */
        if (b->sends.head || (linux_flags & SYS_MSG_OOB) || !backlog__room_locked(b) ||
            !backlog__append_locked(b, iov, count, 0))
            error = WSAEWOULDBLOCK;
        else
            *sent = total;
        pthread_mutex_unlock(&b->lock);
        return error;
    }
    /* Overlapped sends still queued go first: this one would overtake them. */
    if (b->sends.head) {
        pthread_mutex_unlock(&b->lock);
        return WSAEWOULDBLOCK;
    }
    long n;
    do
        n = sys_sendmsg(b->fd, iov, count, NULL, 0, linux_flags | SYS_MSG_DONTWAIT);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno == EAGAIN) {
        /* Linux took nothing: all of it waits, if little waits already. */
        if (!(linux_flags & SYS_MSG_OOB) && backlog__room_locked(b) &&
            backlog__append_locked(b, iov, count, 0)) {
            made = true;
            *sent = total;
        } else {
            error = WSAEWOULDBLOCK;
        }
    } else if (n < 0) {
        error = bsock_error(b, errno);
    } else {
        /*
         * Linux took part: the rest waits here.  Without the memory for it
         * the count Linux took is returned, as a Linux send would.
         */
        *sent = (size_t)n;
        if ((size_t)n < total && !(linux_flags & SYS_MSG_OOB) &&
            backlog__append_locked(b, iov, count, (size_t)n)) {
            made = true;
            *sent = total;
        }
    }
    pthread_mutex_unlock(&b->lock);
    if (made)
        bsock_watch(b); /* the engine sends the rest as Linux makes room */
    return error;
}

int backlog_wait(struct bsock *b, int64_t deadline_ns)
{
    while (!backlog_push(b)) {
        int error = bsock_wait(b, SYS_POLLOUT, deadline_ns);
        if (error)
            return error;
    }
    return 0;
}

bool backlog_defer_fin_locked(struct bsock *b)
{
    struct backlog *q = backlog__of(b);
    if (!q)
        return false;
    q->fin = true;
    return true;
}

void backlog_close(struct bsock *b, bool discard)
{
    pthread_mutex_lock(&b->lock);
    struct backlog *q = backlog__of(b);
    if (q)
        b->rare->backlog = NULL;
    pthread_mutex_unlock(&b->lock);
    bool fin = q && q->fin;
    if (!q)
        return;
    int fd = discard ? -1 : sys_dup_socket(b->fd);
    if (fd < 0) {
        /* Discarded, or no descriptor to send it with: what Linux holds still goes. */
        free(q->data);
        free(q);
        return;
    }
    /* The background sender takes the unsent part; the buffer moves down to it. */
    memmove(q->data, q->data + q->off, q->len - q->off);
    backlog_drain_start(fd, q->data, q->len - q->off, fin);
    free(q);
}

void backlog_free(struct bsock *b)
{
    backlog__drop_locked(b);
}
