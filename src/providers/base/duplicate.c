/*
 * Shared sockets: WSPDuplicateSocket, and WSPSocket with the WSAPROTOCOL_INFO
 * it returns (spec: WSPCloseSocket.txt; docs: WSADuplicateSocket,
 * WSPDuplicateSocket, "Shared Sockets").
 *
 * "WSADuplicateSocket creates socket descriptors and not the underlying
 * socket", and "the underlying socket ... will remain open until closesocket
 * is called by the last remaining descriptor" (Shared Sockets).  Here every
 * handle keeps its own struct bsock with its own Linux descriptor, dup'd from
 * the first: Linux then counts references to the socket itself (close() of
 * one descriptor leaves the others working), each handle keeps its own
 * waiters, pending operations and I/O engine registration (keyed by its
 * descriptor and handle), and closing one handle cancels only what was issued
 * through it.  What Linux does not count is our own work at the end —
 * shutdown, the linger wait, the reset — so the handles of one socket share
 * a small counted record (struct bshare, base.h) and close.c applies the
 * linger table only when the last reference goes.  A socket that was never
 * duplicated has no record: closesocket pays one NULL test.
 *
 * "All the state associated with a socket is held in common across all the
 * descriptors.  For example, a setsockopt operation performed using one
 * descriptor is subsequently visible using a getsockopt from any or all
 * descriptors" (Shared Sockets).  Linux holds most of it in the socket the
 * descriptors share; what we keep in struct bsock and struct bsock_rare
 * (the linger pair, the timeouts, FIONBIO, SO_REUSEADDR/SO_EXCLUSIVEADDRUSE,
 * SO_OOBINLINE, the buffer sizes as set) is kept by every handle, and a
 * change goes to every handle of the record (bshare_set), which lists them
 * (in an array of its own, so that a socket never shared carries no link).  Keeping the values
 * in place, rather than pointing every bsock at one settings block, leaves
 * the transfers and closesocket of an unshared socket reading them exactly
 * as before: the price is paid by the setters of shared sockets, which are
 * rare.  One lock guards every record's list (duplicate__members_lock, taken
 * before any socket's lock): a setter holding it cannot see a handle freed
 * under it, since a handle leaves its list under it before it goes, and a
 * per-record lock would need the record to outlive a racing last close.
 * A new handle copies the settings of a live one when it joins, so that a
 * change made between WSADuplicateSocket and WSASocket is not lost.
 *
 * The completion port association is the socket's too: Windows keeps it in
 * the file object that every duplicated handle names, so an operation issued
 * through any handle reports to the port associated through any other, and
 * a second association through another handle fails as for the first
 * handle.  The record keeps the port (bshare_associate_port, our
 * CreateIoCompletionPort for base sockets) and gives it to each handle,
 * also to one that joins later.
 *
 * Another process's handles cannot see our memory: a duplicate made for one
 * takes the settings as they are when WSADuplicateSocket is called, and
 * later changes on either side stay on that side (what Linux keeps, such as
 * SO_KEEPALIVE or TCP_NODELAY, is still common).  Network-event selection is
 * per socket too ("Issuing either of these calls using any of the shared
 * descriptors cancels any previous event registration for the socket,
 * regardless of which descriptor was used to make that registration"); here
 * each handle keeps its own WSAEventSelect (eventselect.c), and a
 * selection's implied non-blocking mode stays on its handle, though FIONBIO
 * back to blocking is refused through any handle of a socket with one.
 *
 * The WSAPROTOCOL_INFO is the catalog entry's, with three fields of ours
 * (WSPDuplicateSocket: "The dwProviderReserved member ... can be used to
 * store any useful context information, including a duplicated handle"):
 * dwProviderReserved names the duplicate, dwServiceFlags3 the duplicating
 * process, dwServiceFlags4 holds a random secret.  The descriptor is dup'd
 * when the info is made, as Windows duplicates the handle into the target
 * process then: the source may close its handle before the target calls
 * WSASocket ("the underlying socket ... will remain open").  One info is good
 * for one WSASocket ("The special WSAPROTOCOL_INFO structure can only be used
 * once by the target process"); a second use fails with WSAEINVAL, as does
 * an info whose duplicate is gone (WSASocket: "the contents are invalid or
 * the WSAPROTOCOL_INFO structure has already been used in an earlier
 * duplicate socket operation").
 *
 * Into another process the socket goes by SCM_RIGHTS: a broker thread, started
 * by the first such duplicate and joined by the final WSPCleanup, serves the
 * duplicates on an abstract unix socket named after our process id, and gives
 * each only to the process it was made for (SO_PEERCRED); the target checks
 * in turn that the server is the process the info names.  (pidfd_getfd would
 * need ptrace rights over the source, which Yama's default scope refuses to a
 * child.)  A socket given to another process may outlive our last handle
 * there, and we cannot see when that process closes it: its closes here are
 * then plain closes of our descriptor, and Linux ends the connection
 * gracefully when the last process closes it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/handle.h"
#include "kernel/port.h"
#include "providers/base/base.h"
#include "sys/fdpass.h"
#include "sys/sys.h"

/* What a new handle takes from the socket it shares (all state is common, Shared Sockets). */
struct dup_state {
    int32_t family, type, protocol;
    int32_t rcvbuf, sndbuf;
    uint32_t rcvtimeo, sndtimeo;
    uint16_t linger_onoff, linger_seconds;
    uint8_t nonblocking, bound, listening, connected, shut_send, shut_recv, oob_inline;
    uint8_t exclusive_addr, reuse_addr;
};

/* A duplicate made and not yet claimed by its WSASocket. */
struct dup_pending {
    struct dup_pending *next;
    uint32_t id, secret;
    int target; /* the process it was made for */
    int fd;     /* our reference to the socket until it is claimed */
    struct bshare *share;
    const WSAPROTOCOL_INFOW *info;
    struct dup_state state;
};

/* The broker's messages. */
#define DUP_MAGIC 0x70756432u /* "2dup" */
struct dup_request {
    uint32_t magic, id, secret;
};
struct dup_reply {
    uint32_t magic;
    int32_t error; /* 0, or the Winsock error WSASocket reports */
    struct dup_state state;
};

static pthread_mutex_t duplicate__lock = PTHREAD_MUTEX_INITIALIZER;
/* Guards every bshare's members list; taken before any socket's lock. */
static pthread_mutex_t duplicate__members_lock = PTHREAD_MUTEX_INITIALIZER;
static struct dup_pending *duplicate__pending; /* guarded by duplicate__lock */
static uint32_t duplicate__next_id;
static bool duplicate__broker_running;
static pthread_t duplicate__broker;
static int duplicate__listen_fd = -1, duplicate__wake_fd = -1;

/* Lasting copies of the catalog entries sockets were made for (base_protocol_info). */
#define DUP_INFOS 64
static WSAPROTOCOL_INFOW duplicate__infos[DUP_INFOS];
static _Atomic unsigned duplicate__info_count;
static pthread_mutex_t duplicate__info_lock = PTHREAD_MUTEX_INITIALIZER;

const WSAPROTOCOL_INFOW *base_protocol_info(const WSAPROTOCOL_INFOW *given)
{
    unsigned n = atomic_load_explicit(&duplicate__info_count, memory_order_acquire);
    for (unsigned i = 0; i < n; i++)
        if (duplicate__infos[i].dwCatalogEntryId == given->dwCatalogEntryId)
            return &duplicate__infos[i];
    const WSAPROTOCOL_INFOW *found = NULL;
    pthread_mutex_lock(&duplicate__info_lock);
    n = atomic_load(&duplicate__info_count);
    for (unsigned i = 0; i < n && !found; i++)
        if (duplicate__infos[i].dwCatalogEntryId == given->dwCatalogEntryId)
            found = &duplicate__infos[i];
    if (!found && n < DUP_INFOS) {
        WSAPROTOCOL_INFOW *copy = &duplicate__infos[n];
        *copy = *given;
        copy->dwProviderReserved = 0; /* a duplicate's fields are its own, not the entry's */
        copy->dwServiceFlags3 = copy->dwServiceFlags4 = 0;
        atomic_store_explicit(&duplicate__info_count, n + 1, memory_order_release);
        found = copy;
    }
    pthread_mutex_unlock(&duplicate__info_lock);
    return found;
}

/* --- The shared record ---------------------------------------------------- */

static void duplicate__share_free(struct bshare *share)
{
    if (share->port)
        kport_unref(share->port);
    free(share->members);
    free(share);
}

static void duplicate__share_drop(struct bshare *share)
{
    if (atomic_fetch_sub(&share->refs, 1) == 1)
        duplicate__share_free(share);
}

/*
 * Makes room for n handles in share's list; false without memory.  Room is
 * made when a duplicate is made, so that claiming it cannot fail for want of
 * it.  duplicate__members_lock held.
 */
static bool duplicate__reserve_locked(struct bshare *share, unsigned n)
{
    if (n <= share->room)
        return true;
    unsigned room = share->room ? share->room * 2 : 2;
    while (room < n)
        room *= 2;
    struct bsock **members = realloc(share->members, room * sizeof(*members));
    if (!members)
        return false;
    share->members = members;
    share->room = room;
    return true;
}

/* b's record, NULL for a socket that was never shared (see struct bsock_rare).  b->lock held. */
static struct bshare *duplicate__share_of(const struct bsock *b)
{
    return bsock_rare_peek(b)->share;
}

bool bshare_others(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    struct bshare *share = duplicate__share_of(b);
    bool others = share && (atomic_load(&share->refs) > 1 || atomic_load(&share->exported));
    pthread_mutex_unlock(&b->lock);
    return others;
}

SOCKET *bshare_other_handles(struct bsock *b, unsigned *count)
{
    *count = 0;
    pthread_mutex_lock(&b->lock);
    bool shared = duplicate__share_of(b) != NULL;
    pthread_mutex_unlock(&b->lock);
    if (!shared)
        return NULL;
    pthread_mutex_lock(&duplicate__members_lock);
    pthread_mutex_lock(&b->lock);
    struct bshare *share = duplicate__share_of(b); /* NULL if b was closed meanwhile */
    pthread_mutex_unlock(&b->lock);
    SOCKET *handles = share && share->count > 1 ? malloc(share->count * sizeof(*handles)) : NULL;
    for (unsigned i = 0; handles && i < share->count; i++)
        if (share->members[i] != b)
            handles[(*count)++] = share->members[i]->handle;
    pthread_mutex_unlock(&duplicate__members_lock);
    return handles;
}

bool bshare_release(struct bsock *b, bool *exported)
{
    pthread_mutex_lock(&b->lock);
    b->share_released = true;
    struct bshare *share = duplicate__share_of(b);
    pthread_mutex_unlock(&b->lock);
    *exported = false;
    if (!share)
        return true;
    /* Out of the list before the reference goes, so that no setter reaches b once it is freed. */
    pthread_mutex_lock(&duplicate__members_lock);
    pthread_mutex_lock(&b->lock);
    b->rare->share = NULL; /* b has its rare state: it had a record */
    pthread_mutex_unlock(&b->lock);
    for (unsigned i = 0; i < share->count; i++) {
        if (share->members[i] == b) {
            share->members[i] = share->members[--share->count];
            break;
        }
    }
    pthread_mutex_unlock(&duplicate__members_lock);
    *exported = atomic_load(&share->exported);
    bool last = atomic_fetch_sub(&share->refs, 1) == 1;
    if (last)
        duplicate__share_free(share);
    return last;
}

/*
 * b's record, made on the first duplication with b's own reference and b as
 * its one handle; NULL without memory.  duplicate__members_lock and b->lock held.
 */
static struct bshare *duplicate__share_locked(struct bsock *b)
{
    struct bsock_rare *r = bsock_rare_locked(b); /* where the record is kept */
    if (!r)
        return NULL;
    if (!r->share) {
        struct bshare *share = calloc(1, sizeof(*share));
        if (!share || !duplicate__reserve_locked(share, 2)) {
            free(share);
            return NULL;
        }
        atomic_init(&share->refs, 1);
        share->members[share->count++] = b;
        /* An association made before the first duplication is the socket's already. */
        share->port = atomic_load(&b->ks.port);
        share->port_key = b->ks.port_key;
        if (share->port)
            kport_ref(share->port);
        r->share = share;
    }
    return r->share;
}

bool bshare_associate_port(struct kobj *obj, struct kport *port, ULONG_PTR key)
{
    struct bsock *b = (struct bsock *)obj;
    /* Under the members lock, so that the record is made or joined before or after, not during. */
    pthread_mutex_lock(&duplicate__members_lock);
    pthread_mutex_lock(&b->lock);
    struct bshare *share = duplicate__share_of(b);
    pthread_mutex_unlock(&b->lock);
    bool associated = false;
    if (!share) {
        associated = ksocket_associate_port(&b->ks, port, key);
    } else if (!share->port) {
        kport_ref(port); /* the record's */
        share->port = port;
        share->port_key = key;
        for (unsigned i = 0; i < share->count; i++)
            ksocket_associate_port(&share->members[i]->ks, port, key);
        associated = true;
    }
    pthread_mutex_unlock(&duplicate__members_lock);
    return associated;
}

int bshare_set(struct bsock *b, int (*check)(struct bsock *m, const void *arg),
               void (*apply)(struct bsock *m, const void *arg), const void *arg)
{
    pthread_mutex_lock(&b->lock);
    if (!duplicate__share_of(b)) {
        int error = check ? check(b, arg) : 0;
        if (!error)
            apply(b, arg);
        pthread_mutex_unlock(&b->lock);
        return error;
    }
    pthread_mutex_unlock(&b->lock);

    pthread_mutex_lock(&duplicate__members_lock);
    pthread_mutex_lock(&b->lock);
    struct bshare *share = duplicate__share_of(b); /* NULL if b was closed meanwhile: b alone */
    int error = check ? check(b, arg) : 0;
    pthread_mutex_unlock(&b->lock);
    unsigned count = share ? share->count : 0;
    for (unsigned i = 0; i < count && !error && check; i++) {
        pthread_mutex_lock(&share->members[i]->lock);
        error = check(share->members[i], arg);
        pthread_mutex_unlock(&share->members[i]->lock);
    }
    if (!error) {
        pthread_mutex_lock(&b->lock);
        apply(b, arg);
        pthread_mutex_unlock(&b->lock);
        for (unsigned i = 0; i < count; i++) {
            struct bsock *m = share->members[i];
            if (m == b)
                continue;
            pthread_mutex_lock(&m->lock);
            apply(m, arg);
            pthread_mutex_unlock(&m->lock);
        }
    }
    pthread_mutex_unlock(&duplicate__members_lock);
    return error;
}

static void duplicate__capture_locked(struct bsock *b, struct dup_state *st)
{
    bsock_settle_connect_locked(b);
    st->family = b->family;
    st->type = b->type;
    st->protocol = b->protocol;
    const struct bsock_rare *r = bsock_rare_peek(b);
    st->rcvbuf = r->rcvbuf;
    st->sndbuf = r->sndbuf;
    st->rcvtimeo = r->rcvtimeo;
    st->sndtimeo = r->sndtimeo;
    st->linger_onoff = r->linger_onoff;
    st->linger_seconds = r->linger_seconds;
    st->nonblocking = b->nonblocking;
    st->bound = b->bound;
    st->listening = b->listening;
    st->connected = b->connected;
    st->shut_send = b->shut_send;
    st->shut_recv = b->shut_recv;
    st->oob_inline = b->oob_inline;
    st->exclusive_addr = b->exclusive_addr;
    st->reuse_addr = b->reuse_addr;
}

/* --- The broker (duplicates for other processes) ------------------------- */

static void duplicate__broker_name(int pid, char *out, size_t size)
{
    snprintf(out, size, "ws2posix-duplicate-%d", pid);
}

/* Takes the pending duplicate id/secret made for target out of the list, or NULL. */
static struct dup_pending *duplicate__take(uint32_t id, uint32_t secret, int target)
{
    pthread_mutex_lock(&duplicate__lock);
    struct dup_pending **link = &duplicate__pending, *p;
    while ((p = *link) && !(p->id == id && p->secret == secret && p->target == target))
        link = &p->next;
    if (p)
        *link = p->next;
    pthread_mutex_unlock(&duplicate__lock);
    return p;
}

static void duplicate__serve(int conn, int peer)
{
    struct dup_request rq;
    int stray = -1;
    if (sys_fdpass_recv(conn, &rq, sizeof(rq), &stray, 1000) < 0 || rq.magic != DUP_MAGIC) {
        if (stray >= 0)
            sys_close(stray);
        return;
    }
    if (stray >= 0)
        sys_close(stray);
    struct dup_pending *p = duplicate__take(rq.id, rq.secret, peer);
    struct dup_reply reply;
    memset(&reply, 0, sizeof(reply));
    reply.magic = DUP_MAGIC;
    reply.error = p ? 0 : WSAEINVAL;
    if (p)
        reply.state = p->state;
    sys_fdpass_send(conn, &reply, sizeof(reply), p ? p->fd : -1);
    if (p) {
        /* The target holds the socket now (or, if it went away, nobody wants it). */
        sys_close(p->fd);
        duplicate__share_drop(p->share);
        free(p);
    }
}

static void *duplicate__broker_main(void *arg)
{
    (void)arg;
    for (;;) {
        struct sys_pollfd fds[2] = {{.fd = duplicate__listen_fd, .events = SYS_POLLIN},
                                    {.fd = duplicate__wake_fd, .events = SYS_POLLIN}};
        if (sys_poll_until(fds, 2, -1) < 0)
            continue;
        if (fds[1].revents)
            break;
        int peer = -1;
        int conn = sys_fdpass_accept(duplicate__listen_fd, &peer);
        if (conn < 0)
            continue;
        duplicate__serve(conn, peer);
        sys_close(conn);
    }
    return NULL;
}

/* Starts the broker if it is not running; 0 or a Winsock error.  duplicate__lock held. */
static int duplicate__broker_start_locked(void)
{
    if (duplicate__broker_running)
        return 0;
    char name[64];
    duplicate__broker_name(sys_getpid(), name, sizeof(name));
    duplicate__listen_fd = sys_fdpass_listen(name);
    duplicate__wake_fd = sys_eventfd();
    if (duplicate__listen_fd >= 0 && duplicate__wake_fd >= 0 &&
        pthread_create(&duplicate__broker, NULL, duplicate__broker_main, NULL) == 0) {
        duplicate__broker_running = true;
        return 0;
    }
    if (duplicate__listen_fd >= 0)
        sys_close(duplicate__listen_fd);
    if (duplicate__wake_fd >= 0)
        sys_close(duplicate__wake_fd);
    duplicate__listen_fd = duplicate__wake_fd = -1;
    return WSAENOBUFS;
}

void base_duplicate_cleanup(void)
{
    pthread_mutex_lock(&duplicate__lock);
    bool running = duplicate__broker_running;
    duplicate__broker_running = false;
    pthread_mutex_unlock(&duplicate__lock);
    if (running) {
        sys_eventfd_signal(duplicate__wake_fd);
        pthread_join(duplicate__broker, NULL);
        sys_close(duplicate__listen_fd);
        sys_close(duplicate__wake_fd);
        duplicate__listen_fd = duplicate__wake_fd = -1;
    }
    /*
     * Duplicates nobody claimed are references of this process: they go
     * with its other sockets (WSACleanup.txt: "All resources and internal
     * state ... must be deallocated").
     */
    pthread_mutex_lock(&duplicate__lock);
    struct dup_pending *p = duplicate__pending;
    duplicate__pending = NULL;
    pthread_mutex_unlock(&duplicate__lock);
    while (p) {
        struct dup_pending *next = p->next;
        sys_close(p->fd);
        duplicate__share_drop(p->share);
        free(p);
        p = next;
    }
}

/* --- WSPDuplicateSocket --------------------------------------------------- */

static int duplicate__make(struct bsock *b, int target, LPWSAPROTOCOL_INFOW info)
{
    /* The duplicate is bound as this socket is: to a port, never one left to a connect. */
    int settle_error = base_port_settle(b);
    if (settle_error)
        return settle_error;
    struct dup_pending *p = calloc(1, sizeof(*p));
    if (!p)
        return WSAENOBUFS;
    p->fd = sys_dup_socket(b->fd);
    if (p->fd < 0) {
        int error = errno == EMFILE || errno == ENFILE ? WSAEMFILE : WSAENOBUFS;
        free(p);
        return error;
    }
    pthread_mutex_lock(&duplicate__members_lock);
    pthread_mutex_lock(&b->lock);
    /* A handle being closed (it may already have left its record) makes no more duplicates. */
    struct bshare *share = b->share_released ? NULL : duplicate__share_locked(b);
    /* Room for this claim's handle, with every other handle and claim's (refs counts them). */
    if (share && !duplicate__reserve_locked(share, (unsigned)atomic_load(&share->refs) + 1))
        share = NULL;
    if (share) {
        atomic_fetch_add(&share->refs, 1);
        duplicate__capture_locked(b, &p->state);
    }
    int refused = b->share_released ? WSAENOTSOCK : WSAENOBUFS;
    pthread_mutex_unlock(&b->lock);
    pthread_mutex_unlock(&duplicate__members_lock);
    if (!share) {
        sys_close(p->fd);
        free(p);
        return refused;
    }
    p->share = share;
    p->target = target;
    p->info = b->info;
    p->secret = sys_random32();

    /* Once listed, p belongs to whoever claims it (it may be freed at once): no more reads of it.
     */
    uint32_t id = 0, secret = p->secret;
    int error = 0;
    pthread_mutex_lock(&duplicate__lock);
    if (target != sys_getpid()) {
        error = duplicate__broker_start_locked();
        if (!error)
            atomic_store(&share->exported, true);
    }
    if (!error) {
        if (++duplicate__next_id == 0)
            duplicate__next_id = 1;
        p->id = id = duplicate__next_id;
        p->next = duplicate__pending;
        duplicate__pending = p;
    }
    pthread_mutex_unlock(&duplicate__lock);
    if (error) {
        sys_close(p->fd);
        duplicate__share_drop(share);
        free(p);
        return error;
    }
    *info = *b->info;
    info->dwProviderReserved = id;
    info->dwServiceFlags3 = (DWORD)sys_getpid();
    info->dwServiceFlags4 = secret;
    return 0;
}

int WSPAPI base_WSPDuplicateSocket(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                   LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    int error;
    if (!lpProtocolInfo)
        error = WSAEFAULT;
    /* WSADuplicateSocket: WSAEINVAL, "one of the specified parameters was invalid". */
    else if (dwProcessId == 0 || dwProcessId > INT_MAX || !sys_process_exists((int)dwProcessId))
        error = WSAEINVAL;
    else
        error = duplicate__make(b, (int)dwProcessId, lpProtocolInfo);
    bsock_put(b);
    if (error) {
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    return 0;
}

/* --- WSPSocket with a duplicate's info ------------------------------------ */

bool base_duplicate_is_claim(const WSAPROTOCOL_INFOW *info)
{
    return info->dwProviderReserved != 0;
}

/* A handle for fd, sharing share (whose reference it takes in every case). */
static SOCKET duplicate__adopt(int fd, const WSAPROTOCOL_INFOW *info, const struct dup_state *st,
                               struct bshare *share, LPINT lpErrno)
{
    SOCKET s = bsock_create(fd, st->family, st->type, st->protocol, info, NULL, lpErrno);
    if (s == INVALID_SOCKET) {
        duplicate__share_drop(share);
        return INVALID_SOCKET;
    }
    int ignored;
    struct bsock *b = bsock_get(s, &ignored);
    if (!b) { /* closed at once by a racing WSACleanup */
        duplicate__share_drop(share);
        *lpErrno = WSAENOTSOCK;
        return INVALID_SOCKET;
    }
    /* The record and the options are kept in the rare state (struct bsock_rare). */
    if (bsock_rare_ensure(b) != 0) {
        bsock_put(b);
        if (handle_close((uintptr_t)s, KOBJ_SOCKET)) /* no one else knows s yet */
            handle_unref((uintptr_t)s);
        duplicate__share_drop(share);
        *lpErrno = WSAENOBUFS;
        return INVALID_SOCKET;
    }
    /*
     * The settings are those of a handle still open, if there is one: they
     * may have changed since the duplicate was made (bshare_set).
     */
    struct dup_state now = *st;
    pthread_mutex_lock(&duplicate__members_lock);
    if (share->count) {
        pthread_mutex_lock(&share->members[0]->lock);
        duplicate__capture_locked(share->members[0], &now);
        pthread_mutex_unlock(&share->members[0]->lock);
    }
    st = &now;
    if (share->port)
        ksocket_associate_port(&b->ks, share->port, share->port_key);
    pthread_mutex_lock(&b->lock);
    /* Closed at once by a racing closesocket, or (never, as room was made) no room. */
    struct bsock_rare *r = b->rare; /* made above */
    bool closed = b->share_released || !duplicate__reserve_locked(share, share->count + 1);
    if (!closed) {
        r->share = share;
        share->members[share->count++] = b;
        r->rcvbuf = st->rcvbuf;
        r->sndbuf = st->sndbuf;
        r->rcvtimeo = st->rcvtimeo;
        r->sndtimeo = st->sndtimeo;
        r->linger_onoff = st->linger_onoff;
        r->linger_seconds = st->linger_seconds;
    }
    b->nonblocking = st->nonblocking;
    b->bound = st->bound;
    b->listening = st->listening;
    b->connected = st->connected;
    b->shut_send = st->shut_send;
    b->shut_recv = st->shut_recv;
    b->oob_inline = st->oob_inline;
    b->exclusive_addr = st->exclusive_addr;
    b->reuse_addr = st->reuse_addr;
    pthread_mutex_unlock(&b->lock);
    pthread_mutex_unlock(&duplicate__members_lock);
    bsock_put(b);
    if (closed) {
        duplicate__share_drop(share);
        *lpErrno = WSAENOTSOCK;
        return INVALID_SOCKET;
    }
    return s;
}

/* Asks the duplicating process's broker for the socket. */
static SOCKET duplicate__claim_remote(const WSAPROTOCOL_INFOW *info,
                                      const WSAPROTOCOL_INFOW *stable, int source, LPINT lpErrno)
{
    char name[64];
    duplicate__broker_name(source, name, sizeof(name));
    int server = -1;
    int conn = sys_fdpass_connect(name, &server);
    if (conn < 0 || server != source) {
        /* The source is gone, has cleaned up, or someone else holds its name. */
        if (conn >= 0)
            sys_close(conn);
        *lpErrno = WSAEINVAL;
        return INVALID_SOCKET;
    }
    struct dup_request rq = {DUP_MAGIC, (uint32_t)info->dwProviderReserved, info->dwServiceFlags4};
    struct dup_reply reply;
    int got = -1;
    bool ok = sys_fdpass_send(conn, &rq, sizeof(rq), -1) == 0 &&
              sys_fdpass_recv(conn, &reply, sizeof(reply), &got, 5000) == 0 &&
              reply.magic == DUP_MAGIC;
    sys_close(conn);
    if (!ok || reply.error || got < 0 || reply.state.family != info->iAddressFamily ||
        reply.state.type != info->iSocketType) {
        if (got >= 0)
            sys_close(got);
        *lpErrno = ok && reply.error ? reply.error : WSAEINVAL;
        return INVALID_SOCKET;
    }
    /* A new number with what the system layer remembers about a socket (its kind). */
    int fd = sys_dup_socket(got);
    int dup_errno = errno;
    sys_close(got);
    struct bshare *share = fd >= 0 ? calloc(1, sizeof(*share)) : NULL;
    if (!share) {
        if (fd >= 0)
            sys_close(fd);
        *lpErrno = fd < 0 && (dup_errno == EMFILE || dup_errno == ENFILE) ? WSAEMFILE : WSAENOBUFS;
        return INVALID_SOCKET;
    }
    if (!duplicate__reserve_locked(share, 1)) { /* no other user yet: no lock needed */
        sys_close(fd);
        free(share);
        *lpErrno = WSAENOBUFS;
        return INVALID_SOCKET;
    }
    /* The source process holds it too, for all we know. */
    atomic_init(&share->refs, 1);
    atomic_init(&share->exported, true);
    return duplicate__adopt(fd, stable, &reply.state, share, lpErrno);
}

SOCKET base_duplicate_claim(const WSAPROTOCOL_INFOW *info, LPINT lpErrno)
{
    const WSAPROTOCOL_INFOW *stable = base_protocol_info(info);
    if (!stable) {
        *lpErrno = WSAENOBUFS;
        return INVALID_SOCKET;
    }
    int self = sys_getpid();
    int source = (int)info->dwServiceFlags3;
    if (source != self)
        return duplicate__claim_remote(info, stable, source, lpErrno);
    struct dup_pending *p =
        duplicate__take((uint32_t)info->dwProviderReserved, info->dwServiceFlags4, self);
    if (!p) {
        *lpErrno = WSAEINVAL;
        return INVALID_SOCKET;
    }
    SOCKET s = duplicate__adopt(p->fd, p->info, &p->state, p->share, lpErrno);
    free(p);
    return s;
}
