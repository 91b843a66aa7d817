/* Base-provider sockets: creation, lookup, lifetime, blocking waits, and how they end. */
#include "providers/base/bsock.h"

#include <errno.h>
#include <stdlib.h>

#include "kernel/handle.h"
#include "kernel/handle_hold.h"
#include "kernel/port.h"
#include "providers/base/backlog.h"
#include "sys/engine.h"
#include "sys/sys.h"

static void bsock__destroy(struct kobj *obj)
{
    struct bsock *b = (struct bsock *)obj;
    if (b->fd >= 0)
        sys_close(b->fd);
    if (b->rare && b->rare->deferred_fd >= 0)
        sys_close(b->rare->deferred_fd);
    ksocket_release(&b->ks);
    bsock_network_release(b); /* WSAEventSelect's reference on its event object */
    backlog_free(b);          /* normally gone at close (backlog_close) */
    pthread_mutex_destroy(&b->lock);
    free(b->rare);
    free(b);
}

static const struct kobj_ops bsock__ops = {KOBJ_SOCKET, bsock__destroy, bop_cancel_io,
                                           bshare_associate_port};

/* The state of a socket that has used nothing of struct bsock_rare. */
static const struct bsock_rare bsock__rare_none = {
    .deferred_fd = -1, .rcvbuf = -1, .sndbuf = -1, .dontfrag = -1};

const struct bsock_rare *bsock_rare_peek(const struct bsock *b)
{
    return b->rare ? b->rare : &bsock__rare_none;
}

struct bsock_rare *bsock_rare_locked(struct bsock *b)
{
    if (!b->rare) {
        struct bsock_rare *rare = malloc(sizeof(*rare));
        if (!rare)
            return NULL;
        *rare = bsock__rare_none;
        /* Published whole: bsock_network_reenable looks for it without the lock. */
        __atomic_store_n(&b->rare, rare, __ATOMIC_RELEASE);
    }
    return b->rare;
}

int bsock_rare_ensure(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    bool made = bsock_rare_locked(b) != NULL;
    pthread_mutex_unlock(&b->lock);
    return made ? 0 : WSAENOBUFS;
}

bool bsock_is(struct kobj *obj)
{
    return obj->ops == &bsock__ops;
}

/* What an accepted socket takes from its listener. */
int bsock_inherit(struct bsock *b, struct bsock *parent)
{
    /* Copied out first: the two locks are never held together. */
    pthread_mutex_lock(&parent->lock);
    bool nonblocking = parent->nonblocking, oob_inline = parent->oob_inline;
    bool synchronous = parent->synchronous; /* the listener's overlapped attribute */
    bool reuse_addr = parent->reuse_addr;   /* SO_REUSEADDR reads as the listener's (Wine's
                                               test_accept_inheritance) */
    /*
     * Linger, timeouts, buffer sizes, and keep-alive tuning, inherited as
     * Linux's is (keepalive.c keeps the values set).
     */
    struct bsock_rare from = *bsock_rare_peek(parent);
    bool inq = parent->inq == BSOCK_INQ_LISTENER; /* the connection has TCP_INQ on (base.h) */
    pthread_mutex_unlock(&parent->lock);
    const struct bsock_rare *none = &bsock__rare_none;
    bool plain = from.linger_onoff == none->linger_onoff &&
                 from.linger_seconds == none->linger_seconds && from.rcvtimeo == none->rcvtimeo &&
                 from.sndtimeo == none->sndtimeo && from.rcvbuf == none->rcvbuf &&
                 from.sndbuf == none->sndbuf && from.ka_time_set == none->ka_time_set &&
                 from.ka_interval_set == none->ka_interval_set &&
                 from.ka_count_set == none->ka_count_set && from.ka_time_ms == none->ka_time_ms &&
                 from.ka_interval_ms == none->ka_interval_ms && from.ka_count == none->ka_count;
    int64_t now = sys_now_ns();
    pthread_mutex_lock(&b->lock);
    /* Nothing to keep when all of it is the defaults here and there. */
    struct bsock_rare *r = plain && !b->rare ? NULL : bsock_rare_locked(b);
    if (!r && !(plain && !b->rare)) {
        pthread_mutex_unlock(&b->lock);
        return WSAENOBUFS;
    }
    b->nonblocking = nonblocking;
    b->oob_inline = oob_inline;
    b->synchronous = synchronous;
    b->reuse_addr = reuse_addr;
    if (r) {
        r->linger_onoff = from.linger_onoff;
        r->linger_seconds = from.linger_seconds;
        r->rcvtimeo = from.rcvtimeo;
        r->sndtimeo = from.sndtimeo;
        r->rcvbuf = from.rcvbuf;
        r->sndbuf = from.sndbuf;
        r->ka_time_ms = from.ka_time_ms, r->ka_interval_ms = from.ka_interval_ms;
        r->ka_count = from.ka_count;
        r->ka_time_set = from.ka_time_set, r->ka_interval_set = from.ka_interval_set;
        r->ka_count_set = from.ka_count_set;
    }
    if (b->inq == 0 && inq)
        b->inq = 1;
    /*
     * SO_CONNECT_TIME counts from here for accept's socket; an AcceptEx
     * socket (SO_UPDATE_ACCEPT_CONTEXT) already counts from its connection.
     */
    if (b->connected_ns == 0)
        b->connected_ns = now;
    b->bound = b->connected = true;
    pthread_mutex_unlock(&b->lock);
    return 0;
}

SOCKET bsock_create(int fd, int family, int type, int protocol, const WSAPROTOCOL_INFOW *info,
                    struct bsock *parent, int *err)
{
    struct bsock *b = calloc(1, sizeof(*b));
    if (!b) {
        sys_close(fd);
        *err = WSAENOBUFS;
        return INVALID_SOCKET;
    }
    b->ks.obj.ops = &bsock__ops;
    b->fd = fd;
    b->family = (short)family;
    b->type = (short)type;
    b->protocol = protocol;
    b->info = info;
    pthread_mutex_init(&b->lock, NULL);
    if (parent && (*err = bsock_inherit(b, parent)) != 0) {
        bsock__destroy(&b->ks.obj); /* closes fd */
        return INVALID_SOCKET;
    }
    /*
     * A UDP socket reports ICMP port unreachable (recv.md, WSAECONNRESET: "a
     * previous send operation resulted in an ICMP Port Unreachable message")
     * and TTL expiry (WSAENETRESET: "the time to live has expired") until
     * WSAIoctl SIO_UDP_CONNRESET or SIO_UDP_NETRESET turns it off (ioctl.c).
     */
    if (type == SOCK_DGRAM) {
        sys_dgram_report(fd, SYS_ICMP_PORT_UNREACHABLE, 1);
        sys_dgram_report(fd, SYS_ICMP_TIME_EXCEEDED, 1);
    }

    /*
     * The final WSPCleanup resets every socket it finds in the handle table.
     * A socket is made under the provider's startup lock, so the cleanup sees
     * it whole or not at all, and none is made once the provider is cleaned
     * up (a socket() or accept() racing the final WSACleanup).
     */
    if (!base_lock_started()) {
        bsock__destroy(&b->ks.obj);
        *err = WSANOTINITIALISED;
        return INVALID_SOCKET;
    }
    uintptr_t h = handle_insert(&b->ks.obj);
    if (!h) {
        base_unlock_started();
        bsock__destroy(&b->ks.obj);
        *err = WSAEMFILE;
        return INVALID_SOCKET;
    }
    /* Published to ws2_32 (with release ordering) only by WPUModifyIFSHandle below. */
    b->handle = (SOCKET)h;
    SOCKET s = base_upcalls.lpWPUModifyIFSHandle(info->dwCatalogEntryId, (SOCKET)h, err);
    if (s == INVALID_SOCKET && handle_close(h, KOBJ_SOCKET))
        handle_unref(h);
    base_unlock_started();
    return s;
}

struct bsock *bsock_get(SOCKET s, int *err)
{
    struct kobj *obj = handle_ref_lent((uintptr_t)s, KOBJ_SOCKET);
    if (obj && obj->ops != &bsock__ops) {
        handle_unref_lent((uintptr_t)s);
        obj = NULL;
    }
    if (!obj) {
        *err = WSAENOTSOCK;
        return NULL;
    }
    struct bsock *b = (struct bsock *)obj;
    /* Pairs with the closing flag in close.c: see struct bsock. */
    atomic_fetch_add(&b->users, 1);
    if (atomic_load(&b->closing)) {
        bsock_put(b);
        *err = WSAENOTSOCK;
        return NULL;
    }
    return b;
}

void bsock_put(struct bsock *b)
{
    atomic_fetch_sub(&b->users, 1);
    handle_unref_lent((uintptr_t)b->handle);
}

void bsock_wake_all(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    for (struct bsock_waiter *w = b->waiters; w; w = w->next)
        kthread_wake(w->thread);
    pthread_mutex_unlock(&b->lock);
}

void bsock_waiter_add_locked(struct bsock *b, struct bsock_waiter *w)
{
    w->next = b->waiters;
    w->pprev = &b->waiters;
    if (w->next)
        w->next->pprev = &w->next;
    b->waiters = w;
}

void bsock_waiter_remove_locked(struct bsock_waiter *w)
{
    *w->pprev = w->next;
    if (w->next)
        w->next->pprev = w->pprev;
}

void bsock_state_changed_locked(struct bsock *b)
{
    atomic_fetch_add(&b->ready_gen, 1);
    for (struct bsock_waiter *w = b->waiters; w; w = w->next)
        kthread_wake(w->thread);
}

/* A connect has ended, with error (an errno) or 0 for a connection made; b->lock held. */
static void bsock__connect_ended_locked(struct bsock *b, int error)
{
    b->connecting = false;
    b->connect_failed = error != 0; /* for select and WSAPoll (readiness.c) */
    if (error == 0) {
        b->connected = true;
        b->connected_ns = sys_now_ns(); /* SO_CONNECT_TIME counts from here */
        b->connect_error = 0;           /* a connection made clears SO_ERROR (observed) */
        b->connect_error_fresh = false;
    } else {
        b->connect_error = base_error(error); /* reported by SO_ERROR and the next call */
        b->connect_error_fresh = true;
    }
    b->es_connect_error = b->connect_error; /* and by FD_CONNECT (eventselect.c) */
    bsock_state_changed_locked(b);
}

void bsock_settle_connect_locked(struct bsock *b)
{
    if (!b->connecting)
        return;
    /*
     * TCP's state says it in one system call (every ConnectEx and blocking
     * connect settles here at least once); other sockets are asked whether
     * they take output, which a connect that ended makes them do.
     */
    int error = 0;
    int ended = sys_connect_result(b->fd, &error);
    if (ended == 0)
        return;
    if (ended < 0) {
        struct sys_pollfd p = {.fd = b->fd, .events = SYS_POLLOUT};
        if (sys_poll_until(&p, 1, 0) <= 0)
            return;
        uint32_t len = sizeof(error);
        sys_getsockopt(b->fd, SYS_SOL_SOCKET, SYS_SO_ERROR, &error, &len);
    }
    bsock__connect_ended_locked(b, error);
}

void bsock_settle_connect_polled_locked(struct bsock *b, short revents)
{
    bool tcp = b->type == SOCK_STREAM && (b->family == AF_INET || b->family == AF_INET6);
    if (b->connecting && tcp &&
        (revents & (SYS_POLLOUT | SYS_POLLERR | SYS_POLLHUP)) == SYS_POLLOUT)
        bsock__connect_ended_locked(b, 0);
    else
        bsock_settle_connect_locked(b);
}

int bsock_watch(struct bsock *b)
{
    if (atomic_load(&b->watched))
        return 0;
    /* Before b->lock: the final WSPCleanup takes the startup lock, then every socket's lock. */
    bool engine = base_engine_ensure();
    int error = 0;
    pthread_mutex_lock(&b->lock);
    if (atomic_load(&b->closing))
        error = WSAENOTSOCK; /* no new watch for a socket being closed (see bop_start) */
    else
        error = bsock_watch_locked(b, engine, BSOCK_WATCH_OUT);
    pthread_mutex_unlock(&b->lock);
    return error;
}

int bsock_watch_locked(struct bsock *b, bool engine, unsigned flags)
{
    /*
     * A socket that selects network events (WSAEventSelect, WSAAsyncSelect)
     * stays with the engine thread, which reports them at once.  A socket
     * watched before its port came (an AcceptEx's accept socket, watched for
     * its first data before the application associates it with the port)
     * moves into the port's set with its next pending operation: left with
     * the engine thread, every completion would cost a second wake-up.
     */
    bool engine_thread = b->es_mask || (flags & BSOCK_WATCH_ENGINE);
    struct kport *port =
        engine_thread ? NULL : atomic_load_explicit(&b->ks.port, memory_order_acquire);
    struct sys_engine_set *set = port ? kport_engine_set(port) : NULL;
    bool out = flags & BSOCK_WATCH_OUT;
    bool same = b->watched && b->watch_set == set;
    if (same && (b->watch_out || !out))
        return 0;
    /*
     * A move replaces the registration, a wider one is modified (either way
     * a readiness already there is reported again).  Output stays watched
     * once asked for: unwatching it again would cost a system call each time.
     */
    out = out || (same && b->watch_out);
    if (!engine || sys_engine_watch(b->fd, (uint64_t)b->handle, set, out) != 0) {
        b->watched = false;
        return WSAENOBUFS;
    }
    b->watched = true;
    b->watch_set = set;
    b->watch_out = out || !set; /* the engine thread watches everything */
    return 0;
}

int bsock_abort_error(struct bsock *b, short revents, bool shut_send)
{
    if (!(revents & SYS_POLLHUP))
        return 0;
    int end = sys_connection_end(b->fd);
    if (!end && (revents & SYS_POLLERR))
        end = sys_take_error(b->fd);
    if (end)
        return base_error(end);
    /*
     * Hung up with no error to tell why: an error taken before the system
     * layer kept it.  A socket whose sending side is still open is hung up
     * only when the connection is gone without an orderly close.
     */
    return (revents & SYS_POLLERR) || !shut_send ? WSAECONNRESET : 0;
}

int bsock_error(struct bsock *b, int linux_errno)
{
    return atomic_load(&b->closing) ? WSAEINTR : base_error(linux_errno);
}

int64_t bsock_deadline(DWORD timeout_ms)
{
    return timeout_ms ? sys_now_ns() + (int64_t)timeout_ms * 1000000 : -1;
}

static void bsock__unlink(struct bsock *b, struct bsock_waiter *w)
{
    pthread_mutex_lock(&b->lock);
    bsock_waiter_remove_locked(w);
    pthread_mutex_unlock(&b->lock);
}

int bsock_wait(struct bsock *b, short events, int64_t deadline_ns)
{
    short revents;
    return bsock_wait_revents(b, events, deadline_ns, &revents);
}

int bsock_wait_revents(struct bsock *b, short events, int64_t deadline_ns, short *revents)
{
    *revents = 0;
    struct kthread *self = kthread_self();
    if (!self)
        return WSAENOBUFS;
    struct bsock_waiter w = {.thread = self};
    pthread_mutex_lock(&b->lock);
    bsock_waiter_add_locked(b, &w);
    pthread_mutex_unlock(&b->lock);

    /* While blocked, this thread is inside a blocking Winsock call (see ws2_check). */
    self->blocking_depth++;
    struct base_blocking hook; /* a Winsock 1.1 blocking hook runs between sleeps */
    base_blocking_begin(&hook, b);
    int result;
    for (;;) {
        if (atomic_load(&b->closing)) {
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
        int64_t until = deadline_ns;
        if ((result = base_blocking_step(&hook, &until)) != 0)
            break;
        struct sys_pollfd fds[2] = {{0}, {.fd = b->fd, .events = events}};
        int ready = kthread_sleep(self, until, fds, 2);
        /*
         * Closed meanwhile: the descriptor number may now name the placeholder
         * (sys_retire), which poll reports ready, so this check comes first.
         */
        if (atomic_load(&b->closing)) {
            result = WSAEINTR;
            break;
        }
        if (ready > 0) {
            *revents = fds[1].revents;
            result = 0;
            break;
        }
        if (ready < 0) {
            result = base_error(errno);
            break;
        }
        if (deadline_ns >= 0 && sys_now_ns() >= deadline_ns && !atomic_load(&b->closing)) {
            result = WSAETIMEDOUT;
            break;
        }
    }
    base_blocking_end(&hook);
    self->blocking_depth--;
    bsock__unlink(b, &w);
    return result;
}
