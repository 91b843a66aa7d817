/*
 * WSAEventSelect and WSAEnumNetworkEvents (WSPEventSelect and
 * WSPEnumNetworkEvents), as Microsoft's documentation of the two functions
 * describes them (WSAEventSelect.md and WSAEnumNetworkEvents.md below).
 *
 * A selection is the socket's mask of FD_* events and an event object.  A
 * network event is recorded — its bit set in the socket's record, its error
 * code kept, the event object set — when its condition holds and it is
 * armed; recording disarms it, and only its re-enabling function arms it
 * again (WSAEventSelect.md: "no further actions are taken for that network
 * event until the application makes the function call that implicitly
 * reenables ...").  The conditions, on Linux:
 *
 *   FD_READ     data waiting (stream: FIONREAD > 0, never the end of the
 *               stream: "It will not record an FD_READ network event to
 *               indicate this condition"); a datagram or an error waiting.
 *               Re-enabled by every receive, "even one that fails".
 *   FD_OOB      urgent data not read yet, unless SO_OOBINLINE (then it is
 *               FD_READ's).  Re-enabled by every receive.
 *   FD_ACCEPT   a connection waiting (or one a condition function deferred).
 *               Re-enabled by accept/WSAAccept, "unless the error code
 *               returned is WSATRY_AGAIN".
 *   FD_WRITE    room to send on a connected socket (any datagram socket):
 *               "recorded when a socket is first connected ... or accepted
 *               ... and then after a send fails with WSAEWOULDBLOCK and
 *               buffer space becomes available".  Re-enabled by a send that
 *               found the buffer full.
 *   FD_CONNECT  a non-blocking connect has ended: once, with its error code
 *               ("Re-enabling function: None").
 *   FD_CLOSE    the connection has ended: once, 0 for a graceful close,
 *               WSAECONNABORTED for every abortive end.  WSAEnumNetworkEvents.md
 *               lists WSAECONNRESET for a circuit that "was reset", but
 *               Windows 10 and 11 report a peer's reset with WSAECONNABORTED
 *               (Wine's conformance tests, run on Windows, check exactly
 *               that), as they do a retransmission or keep-alive timeout and
 *               our own reset of data refused after shutdown(SD_RECEIVE);
 *               the calls that meet the reset still fail with WSAECONNRESET.
 *               Recorded "when the connection goes into the TIME WAIT or
 *               CLOSE WAIT states", i.e. when the peer's FIN has come
 *               (POLLRDHUP), whether or not data is still unread ("An
 *               application should check for remaining data upon receipt of
 *               FD_CLOSE") and even after our own shutdown(SD_BOTH), as
 *               Windows records it.  Never for a socket the application
 *               closed (closesocket.md: "an FD_CLOSE network event is not
 *               posted after closesocket is called").
 *   FD_ADDRESS_LIST_CHANGE, FD_ROUTING_INTERFACE_CHANGE  an address, or a
 *               route, of the socket's family changed after a non-blocking
 *               SIO_ADDRESS_LIST_CHANGE or SIO_ROUTING_INTERFACE_CHANGE
 *               (ioctl_notify.c): once for each request, error code 0.
 *
 * FD_READ, FD_OOB and FD_ACCEPT are level-triggered: "if the reenabling
 * routine is called and the relevant network condition is still valid after
 * the call, the network event is recorded".  So every look at a socket asks
 * Linux for its state now (poll with a zero timeout) instead of trusting the
 * I/O engine's edges: the engine only says when to look
 * (bsock_network_events), and so do WSAEventSelect and the re-enabling calls
 * (bsock_network_reenable) — which also covers an edge that came between a
 * receive and its re-enabling.
 *
 * What Windows does differs from two sentences of WSAEventSelect.md, and
 * Windows is followed (real programs were debugged against it; Wine's
 * conformance tests, run on Windows 10 and 11, record it):
 *
 *  - "If a network event has already happened when the application calls
 *    WSAEventSelect ... a network event is recorded."  Only one the
 *    application has not been told of: an event that was recorded and then
 *    enumerated is not recorded again by a new WSAEventSelect (with the same
 *    mask, or after a WSAEventSelect with none) until its re-enabling
 *    function is called or it happens again; FD_CONNECT and FD_CLOSE come
 *    once.  An event still in the record when WSAEventSelect clears it was
 *    never enumerated, and is recorded again if it still holds; an event that
 *    happened while it was not selected is recorded when it is (a connect
 *    made before the selection, blocking or not, gives FD_CONNECT).
 *    es_reported holds the events the application has been told of.
 *  - "no further actions are taken for that network event until the
 *    application makes the function call that implicitly reenables" it:
 *    new input is a new occurrence.  Windows records FD_READ again when
 *    more data arrives and FD_ACCEPT again when another connection arrives,
 *    without a receive or an accept in between (so a second pending
 *    connection gives FD_ACCEPT at once, and again after the first accept).
 *    The arrival is seen in a count Linux keeps (sys_tcp_arrivals: bytes
 *    received, the accept queue's length) having grown since the event was
 *    recorded.  Not for datagrams (Linux counts no datagrams per socket) nor
 *    FD_OOB (Linux keeps one urgent byte, so a second one is not a second
 *    arrival it can tell).  FD_WRITE is not re-recorded by a send that
 *    succeeds, only after one found the buffer full.
 *
 * Everything is done under b->lock, the event object's state change
 * included, so that WSAEnumNetworkEvents' copy, clearing and reset are
 * atomic against recording (WSAEnumNetworkEvents.md: "the operations of
 * copying the network event record, clearing it and resetting any
 * associated event object are atomic").  Lock order: b->lock, then the
 * dispatcher's lock (which never leads back to a socket).
 *
 * The engine's reports also serve shutdown(SD_RECEIVE): data that arrives
 * afterwards resets the connection (bsock_refuse_unread_locked).
 *
 * Not covered: FD_QOS and FD_GROUP_QOS are accepted in the mask and never
 * recorded.  To tell an abortive end's cause FD_CLOSE may take the socket's pending error
 * (SO_ERROR); the system layer keeps it for the receive that is to report it
 * (sys.h, "How connections end").
 */
#include <stdlib.h>

#include "kernel/dispatch.h"
#include "kernel/handle.h"
#include "providers/base/bsock.h"
#include "sys/engine.h"
#include "sys/sys.h"

/*
 * The event object of a selection.  It holds a reference on the handle, as
 * the Windows kernel holds one on the object: the association lasts even if
 * the application closes its handle.  A listener's selection is shared with
 * the sockets it accepts.
 */
struct bsock_es_event {
    _Atomic unsigned refs;
    HANDLE handle;
    struct kwaitable *object;
};

_Static_assert(FD_ALL_EVENTS <= 0xffff, "struct bsock's es_mask holds every FD_* event");

/* The events that re-enabling functions govern (the others are recorded once). */
#define ES_REARMABLE (FD_READ | FD_WRITE | FD_OOB | FD_ACCEPT)
/* Those of them that new input records again (see above). */
#define ES_ARRIVALS (FD_READ | FD_ACCEPT)

/* A new association with the event named by h; NULL with *err if h is not an event. */
static struct bsock_es_event *es__event_new(HANDLE h, int *err)
{
    struct kobj *obj = handle_ref((uintptr_t)h, KOBJ_EVENT);
    if (!obj) {
        /* WSAEventSelect.md, WSAEINVAL: "One of the specified parameters was invalid". */
        *err = WSAEINVAL;
        return NULL;
    }
    struct bsock_es_event *e = malloc(sizeof(*e));
    if (!e) {
        handle_unref((uintptr_t)h);
        *err = WSAENOBUFS;
        return NULL;
    }
    atomic_init(&e->refs, 1);
    e->handle = h;
    e->object = (struct kwaitable *)obj;
    return e;
}

static void es__event_put(struct bsock_es_event *e)
{
    if (e && atomic_fetch_sub(&e->refs, 1) == 1) {
        handle_unref((uintptr_t)e->handle);
        free(e);
    }
}

static void es__set_event(struct kwaitable *object, bool signaled)
{
    pthread_mutex_lock(&kdispatch_lock);
    if (signaled)
        kwaitable_signal_locked(object);
    else
        object->signaled = false;
    pthread_mutex_unlock(&kdispatch_lock);
}

/* The FD_CLOSE condition of a connection, from its poll state; false if it does not hold. */
static bool es__closed(struct bsock *b, short revents, int *error)
{
    /*
     * A reset (or another abort) hangs the socket up with an error, or
     * without one once a receive has taken it; an orderly close hangs it up
     * only when both directions are shut (see bsock_abort_error).
     */
    int error_now = base_close_error(bsock_abort_error(b, revents, b->shut_send));
    /* Windows 10/11 report a peer's reset as an abort too (see the top of this file). */
    *error = error_now == WSAECONNRESET ? WSAECONNABORTED : error_now;
    if (*error)
        return true;
    /* The peer's FIN, also after our own shutdown in both directions. */
    return (revents & SYS_POLLRDHUP) != 0;
}

/*
 * Whether new input has come since FD_READ or FD_ACCEPT was last recorded
 * (see the top of this file); with *now the count to keep.  b->lock held.
 */
static bool es__arrived(struct bsock *b, uint64_t *now)
{
    return sys_tcp_arrivals(b->fd, now) == 0 && *now > b->rare->es_arrivals;
}

/*
 * FD_ADDRESS_LIST_CHANGE and FD_ROUTING_INTERFACE_CHANGE: recorded once
 * for a change announced after the socket's request (ioctl_notify.c says
 * when they are armed), if selected.  An armed event not selected stays
 * armed: it is recorded when it is selected, as "a network event has
 * already happened when the application calls WSAEventSelect".  b->lock
 * held.
 */
static void es__check_changes_locked(struct bsock *b)
{
    struct bsock_rare *r = b->rare;
    LONG found = 0;
    for (int route = 0; route < 2; route++) {
        LONG bit = route ? FD_ROUTING_INTERFACE_CHANGE : FD_ADDRESS_LIST_CHANGE;
        if ((b->es_mask & r->es_change_armed & bit) &&
            base_ifwatch_moved(b, route, r->es_change_gen[route]))
            found |= bit;
    }
    if (!found)
        return;
    r->es_change_armed &= ~found;
    r->es_record |= found;
    es__set_event(r->es_event->object, true);
}

/*
 * Records what holds now of b's armed events and sets the event object.
 * b->lock held.  A socket with a selection has its struct bsock_rare
 * (es__select made it first).
 */
static void es__check_locked(struct bsock *b)
{
    /*
     * A closed socket records nothing: its descriptor may be the placeholder
     * by now.  Nor does any socket once a final WSACleanup has begun, which
     * cancels every selection "without signaling any event objects"
     * (WSACleanup.txt), even on a socket it has not marked yet.
     */
    if (!b->es_mask || atomic_load(&b->closing) || b->fd < 0 || base_final_cleanup_begun())
        return;
    es__check_changes_locked(b);
    struct bsock_rare *rare = b->rare;
    bool stream = b->type == SOCK_STREAM;
    LONG wanted = b->es_mask & ~rare->es_reported & ES_REARMABLE;
    /* Reported and not re-enabled, yet recorded again if new input has come. */
    LONG again = stream ? b->es_mask & rare->es_reported & ES_ARRIVALS : 0;
    uint64_t arrivals = rare->es_arrivals;
    if (again && es__arrived(b, &arrivals))
        wanted |= again;
    if (b->es_connect_pending)
        wanted |= b->es_mask & FD_CONNECT;
    if (stream && !rare->es_close_recorded)
        wanted |= b->es_mask & FD_CLOSE;
    if (!wanted)
        return;

    bsock_settle_connect_locked(b);
    struct sys_pollfd p = {.fd = b->fd,
                           .events = SYS_POLLIN | SYS_POLLPRI | SYS_POLLOUT | SYS_POLLRDHUP};
    if (sys_poll_until(&p, 1, 0) < 0)
        return;
    short r = p.revents;
    LONG found = 0;
    int close_error = 0;
    if (b->listening) {
        if ((r & SYS_POLLIN) || rare->deferred_fd >= 0)
            found |= FD_ACCEPT;
    } else if (stream) {
        /*
         * Input a pending receive will take is not FD_READ's (Windows
         * records none for it).  It may have arrived after the engine's last
         * run of the queue (overlapped.c runs it before it comes here, under
         * another hold of b->lock): the engine reports it again, and the
         * receive takes it then.
         */
        int queued = 0;
        if ((r & SYS_POLLIN) && !bop_recv_waits_locked(b) &&
            sys_readable_bytes(b->fd, &queued) == 0 && queued > 0)
            found |= FD_READ;
        if ((r & SYS_POLLPRI) && !b->oob_inline)
            found |= FD_OOB;
        /* Room to send, once what non-blocking sends left has gone (backlog.h). */
        if ((r & SYS_POLLOUT) && b->connected && !b->shut_send && !rare->backlog)
            found |= FD_WRITE;
        if (b->es_connect_pending && !b->connecting)
            found |= FD_CONNECT;
        /* Only when selected: it may take the socket's error (see es__closed). */
        if (b->connected && (wanted & FD_CLOSE) && es__closed(b, r, &close_error))
            found |= FD_CLOSE;
    } else {
        /* A datagram, or an error (ICMP) that the next receive reports. */
        if (r & (SYS_POLLIN | SYS_POLLERR))
            found |= FD_READ;
        /* Windows records FD_WRITE for a datagram socket once it is bound (or connected). */
        if ((r & SYS_POLLOUT) && b->bound && !b->shut_send)
            found |= FD_WRITE;
        /* A datagram socket's connect records FD_CONNECT too (it completes at once). */
        if (b->es_connect_pending)
            found |= FD_CONNECT;
    }
    found &= wanted;
    if (!found)
        return;
    if (stream && (found & ES_ARRIVALS)) {
        /* The count now, so that only input arriving after this record records it again. */
        if (arrivals == rare->es_arrivals)
            sys_tcp_arrivals(b->fd, &arrivals);
        rare->es_arrivals = arrivals;
    }
    rare->es_reported |= found & ES_REARMABLE;
    if (found & FD_CONNECT)
        b->es_connect_pending = false;
    if (found & FD_CLOSE) {
        rare->es_close_recorded = true;
        rare->es_close_error = close_error;
    }
    rare->es_record |= found;
    es__set_event(rare->es_event->object, true);
}

bool bsock_refuse_unread_locked(struct bsock *b)
{
    /*
     * shutdown.md, SD_RECEIVE: "For TCP sockets, if there is still data
     * queued on the socket waiting to be received, or data arrives
     * subsequently, the connection is reset, since the data cannot be
     * delivered to the user."  A receive that was pending before the
     * shutdown can still deliver it, and does on Windows (Wine's
     * test_shutdown, "Test shutting down with async I/O pending"): no reset
     * while one is queued.  (What it leaves unread is refused at the next
     * report of the engine.)
     */
    if (!b->shut_recv || b->type != SOCK_STREAM || !b->connected || b->recvs.head ||
        atomic_load(&b->closing) || b->fd < 0 || sys_connection_end(b->fd))
        return false;
    int queued = 0;
    if (sys_readable_bytes(b->fd, &queued) < 0 || queued == 0)
        return false;
    /* The reset is ours: later calls fail with WSAECONNABORTED ("aborted by ... your host"). */
    return sys_tcp_abort(b->fd) == 0;
}

void bsock_network_events(struct bsock *b, unsigned engine_events)
{
    (void)engine_events; /* when to look; what holds is asked of Linux (see above) */
    pthread_mutex_lock(&b->lock);
    bsock_refuse_unread_locked(b);
    base_pause_accept_refuse_locked(b); /* SO_PAUSE_ACCEPT: before FD_ACCEPT could see them */
    es__check_locked(b);
    pthread_mutex_unlock(&b->lock);
}

void bsock_network_reenable_locked(struct bsock *b, LONG events)
{
    /* A socket that never selected anything has nothing reported (no struct bsock_rare). */
    if (b->rare)
        b->rare->es_reported &= ~(events & ES_REARMABLE);
    if (b->es_mask)
        es__check_locked(b);
}

void bsock_network_reenable(struct bsock *b, LONG events)
{
    /*
     * Every receive comes here.  A socket that never selected anything
     * (most have no struct bsock_rare, or one made for an option) has
     * nothing reported: nothing to do, and no lock to take (a selection made
     * meanwhile starts from nothing reported all the same).
     */
    struct bsock_rare *rare = __atomic_load_n(&b->rare, __ATOMIC_ACQUIRE);
    if (!rare || !atomic_load_explicit(&rare->es_ever, memory_order_relaxed))
        return;
    pthread_mutex_lock(&b->lock);
    bsock_network_reenable_locked(b, events);
    pthread_mutex_unlock(&b->lock);
}

void bsock_network_release(struct bsock *b)
{
    if (b->rare) {
        es__event_put(b->rare->es_event);
        b->rare->es_event = NULL;
    }
}

/* Makes (e, mask) b's selection; takes over the reference e.  0 or a Winsock error. */
/*
 * Replaces b's selection with mask and e (none for mask 0); returns the old
 * event, for the caller to put once b->lock is released.  b->lock held.
 *
 * WSAEventSelect.md: "Issuing a WSAEventSelect for a socket cancels any
 * previous WSAAsyncSelect or WSAEventSelect for the same socket and clears
 * the internal network event record."  An event cleared that way without
 * being enumerated has not been reported to the application: it is
 * recorded again if it still holds (FD_CONNECT and FD_CLOSE, which hold
 * once they have happened, always); events that were enumerated are not
 * (see the top of this file).  And "the WSAEventSelect function
 * automatically sets socket s to nonblocking mode, regardless of the value
 * of lNetworkEvents."
 */
static struct bsock_es_event *es__replace_locked(struct bsock *b, LONG mask,
                                                 struct bsock_es_event *e)
{
    struct bsock_es_event *old = NULL;
    /* None when b never selected anything and selects nothing now (mask 0): nothing to clear. */
    struct bsock_rare *r = b->rare;
    if (r) {
        old = r->es_event;
        if (r->es_record & FD_CONNECT)
            b->es_connect_pending = true;
        if (r->es_record & FD_CLOSE)
            r->es_close_recorded = false;
        r->es_reported &= ~(r->es_record & ES_REARMABLE);
        r->es_record = 0;
        r->es_event = mask ? e : NULL;
    }
    b->es_mask = mask;
    if (mask && r)
        atomic_store_explicit(&r->es_ever, true, memory_order_relaxed);
    b->nonblocking = true;
    return old;
}

static int es__select(struct bsock *b, struct bsock_es_event *e, LONG mask)
{
    /*
     * The engine tells when to look.  Started before b->lock is taken: the
     * final WSPCleanup takes the startup lock, then every socket's lock.
     */
    bool engine = true;
    if (mask) {
        pthread_mutex_lock(&b->lock);
        bool watched = b->watched;
        pthread_mutex_unlock(&b->lock);
        engine = watched || base_engine_ensure();
    }
    pthread_mutex_lock(&b->lock);
    /* A close racing this call: no new watch (overlapped.c's bop_submit does the same). */
    if (atomic_load(&b->closing)) {
        pthread_mutex_unlock(&b->lock);
        es__event_put(e);
        return WSAENOTSOCK;
    }
    /*
     * The engine thread reports the selected events at once, also for a
     * socket that a port's set watched until now (bsock_watch_locked).  A
     * selection's state is kept in struct bsock_rare, made here first.
     */
    if (mask && (!bsock_rare_locked(b) ||
                 bsock_watch_locked(b, engine, BSOCK_WATCH_OUT | BSOCK_WATCH_ENGINE) != 0)) {
        pthread_mutex_unlock(&b->lock);
        es__event_put(e);
        return WSAENOBUFS;
    }
    struct bsock_es_event *old = es__replace_locked(b, mask, e);
    es__check_locked(b);
    pthread_mutex_unlock(&b->lock);
    es__event_put(old);
    if (!mask)
        es__event_put(e);
    return 0;
}

/*
 * The other handles of a shared socket (WSADuplicateSocket): "Issuing
 * either of these calls using any of the shared descriptors cancels any
 * previous event registration for the socket, regardless of which
 * descriptor was used to make that registration" (Shared Sockets), and the
 * non-blocking mode WSAEventSelect sets is the socket's, so theirs too.
 */
static void es__share_apply(struct bsock *m, const void *self)
{
    if (m != self)
        es__event_put(es__replace_locked(m, 0, NULL));
}

int WSPAPI base_WSPEventSelect(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents, LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    /*
     * "To cancel the association and selection of network events on a
     * socket, lNetworkEvents should be set to zero, in which case the
     * hEventObject parameter will be ignored."
     */
    LONG mask = lNetworkEvents & FD_ALL_EVENTS;
    struct bsock_es_event *e = NULL;
    int error = 0;
    if (mask)
        e = es__event_new(hEventObject, &error);
    if (!error)
        error = es__select(b, e, mask);
    if (!error)
        bshare_set(b, NULL, es__share_apply, b); /* a socket never shared: one lock, no change */
    bsock_put(b);
    if (error) {
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    return 0;
}

void bsock_network_inherit(struct bsock *listener, SOCKET accepted)
{
    /*
     * WSAEventSelect.md: "Any WSAEventSelect association and network events
     * selection set for the listening socket apply to the accepted socket."
     */
    pthread_mutex_lock(&listener->lock);
    LONG mask = listener->es_mask;
    struct bsock_es_event *e = bsock_rare_peek(listener)->es_event;
    if (e)
        atomic_fetch_add(&e->refs, 1);
    pthread_mutex_unlock(&listener->lock);
    if (!mask)
        return;
    int err;
    struct bsock *b = bsock_get(accepted, &err);
    if (!b) {
        es__event_put(e);
        return;
    }
    es__select(b, e, mask); /* a failure leaves the socket without a selection, as if closed */
    bsock_put(b);
}

int WSPAPI base_WSPEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject,
                                     LPWSANETWORKEVENTS lpNetworkEvents, LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    /*
     * WSAEnumNetworkEvents.md: WSAEFAULT, "The lpNetworkEvents parameter is
     * not a valid part of the user address space"; and on failure "the
     * associated event object is not reset and the record of network events
     * is not cleared".
     */
    int error = 0;
    struct kobj *reset = NULL;
    if (!lpNetworkEvents)
        error = WSAEFAULT;
    else if (hEventObject && !(reset = handle_ref((uintptr_t)hEventObject, KOBJ_EVENT)))
        error = WSAEINVAL;
    if (error) {
        bsock_put(b);
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    /*
     * "The socket's internal record of network events is copied to the
     * structure referenced by lpNetworkEvents, after which the internal
     * network events record is cleared. If the hEventObject parameter is not
     * NULL, the indicated event object is also reset."  "Note that only those
     * elements of the iErrorCode array are set that correspond to the bits
     * set in lNetworkEvents parameter."
     */
    pthread_mutex_lock(&b->lock);
    LONG record = b->rare ? b->rare->es_record : 0;
    if (b->rare)
        b->rare->es_record = 0;
    lpNetworkEvents->lNetworkEvents = record;
    for (int bit = 0; bit < FD_MAX_EVENTS; bit++) {
        if (!(record & (1 << bit)))
            continue;
        lpNetworkEvents->iErrorCode[bit] = bit == FD_CONNECT_BIT ? b->es_connect_error
                                           : bit == FD_CLOSE_BIT ? b->rare->es_close_error
                                                                 : 0;
    }
    if (reset)
        es__set_event((struct kwaitable *)reset, false);
    pthread_mutex_unlock(&b->lock);
    if (reset)
        handle_unref((uintptr_t)hEventObject);
    bsock_put(b);
    return 0;
}
