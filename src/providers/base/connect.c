/*
 * Making connections: accept (with WSAAccept's condition function), connect,
 * shutdown, and the names of either end (bind and listen are in bind.c).
 * Where Linux and Winsock disagree, Winsock's rules are applied here:
 * getsockname needs a bound socket (Linux binds implicitly), shutdown of a
 * listener is WSAENOTCONN, a connect in progress is WSAEWOULDBLOCK, a
 * wildcard remote address is refused (stream) or dissolves the association
 * (datagram), a failed connect may simply be tried again, and SD_RECEIVE
 * refuses data still queued or arriving later with a reset.
 */
#include <errno.h>
#include <setjmp.h>
#include <limits.h>
#include <string.h>

#include "providers/base/backlog.h"
#include "providers/base/bindtable.h"
#include "providers/base/bsock.h"
#include "sys/sys.h"

static int connect__fail(struct bsock *b, LPINT lpErrno, int error)
{
    if (b)
        bsock_put(b);
    *lpErrno = error;
    return SOCKET_ERROR;
}

/* Takes the next connection: the deferred one, or a new one from Linux (waiting if blocking). */
static int connect__take(struct bsock *b, void *addr, uint32_t *len, int *fd)
{
    pthread_mutex_lock(&b->lock);
    if (bsock_rare_peek(b)->deferred_fd >= 0) {
        *fd = b->rare->deferred_fd;
        b->rare->deferred_fd = -1;
        pthread_mutex_unlock(&b->lock);
        return sys_getpeername(*fd, addr, len) < 0 ? bsock_error(b, errno) : 0;
    }
    pthread_mutex_unlock(&b->lock);
    for (;;) {
        uint32_t l = *len;
        *fd = sys_accept(b->fd, addr, &l);
        if (*fd >= 0) {
            *len = l;
            return 0;
        }
        /* A connection reset before we took it is skipped, as Windows does. */
        if (errno == ECONNABORTED || errno == EINTR)
            continue;
        if (errno != EAGAIN)
            return bsock_error(b, errno);
        pthread_mutex_lock(&b->lock);
        bool nonblocking = b->nonblocking;
        pthread_mutex_unlock(&b->lock);
        if (nonblocking)
            return WSAEWOULDBLOCK;
        int error = bsock_wait(b, SYS_POLLIN, -1);
        if (error)
            return error;
    }
}

/*
 * Runs WSAAccept's condition function.  While it runs, the thread is inside a
 * Winsock callback: Winsock calls it makes fail with WSAEINPROGRESS.
 */
static int connect__ask(struct bsock *b, LPCONDITIONPROC condition, DWORD_PTR data,
                        const void *peer, uint32_t peer_len, int fd)
{
    struct sockaddr_storage caller;
    int caller_len = sizeof(caller);
    base_sockaddr_from_linux(peer, peer_len, (struct sockaddr *)&caller, &caller_len);
    WSABUF caller_id = {(ULONG)caller_len, (char *)&caller};
    WSABUF callee_id = {0, NULL};
    struct sockaddr_storage local;
    unsigned char local_linux[SYS_SOCKADDR_MAX];
    uint32_t local_linux_len = sizeof(local_linux);
    int local_len = sizeof(local);
    if (sys_getsockname(fd, local_linux, &local_linux_len) == 0 &&
        base_sockaddr_from_linux(local_linux, local_linux_len, (struct sockaddr *)&local,
                                 &local_len) == 0) {
        callee_id.len = (ULONG)local_len;
        callee_id.buf = (char *)&local;
    }
    GROUP group = 0;
    struct kthread *self = kthread_self();
    if (!self)
        return CF_REJECT;
    /* A callback that calls ExitThread comes back here, as a rejection (see exit_jmp). */
    jmp_buf target;
    jmp_buf *volatile outer = self->exit_jmp;
    volatile int verdict = CF_REJECT;
    self->callback_depth++;
    if (setjmp(target) == 0) {
        self->exit_jmp = &target;
        verdict = condition(&caller_id, NULL, NULL, NULL, &callee_id, NULL, &group, data);
    }
    self->exit_jmp = outer;
    self->callback_depth--;
    (void)b;
    return verdict;
}

SOCKET WSPAPI base_WSPAccept(SOCKET s, struct sockaddr *addr, LPINT addrlen,
                             LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData, LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return INVALID_SOCKET;
    if (b->type != SOCK_STREAM) {
        connect__fail(b, lpErrno, WSAEOPNOTSUPP);
        return INVALID_SOCKET;
    }
    pthread_mutex_lock(&b->lock);
    bool listening = b->listening;
    pthread_mutex_unlock(&b->lock);
    if (!listening) {
        connect__fail(b, lpErrno, WSAEINVAL);
        return INVALID_SOCKET;
    }
    /*
     * An address buffer without a length is not written, and the accept
     * succeeds: Windows' answer to accept(s, addr, NULL) (Wine's
     * conformance test_accept).
     */
    if (!addrlen)
        addr = NULL;
    if (addr && *addrlen < base_sockaddr_size(b->family)) {
        connect__fail(b, lpErrno, WSAEFAULT);
        return INVALID_SOCKET;
    }

    /*
     * A condition function may defer the connection, which is then kept in
     * struct bsock_rare: made before a connection is taken, so that no
     * connection is lost for want of memory.
     */
    if (lpfnCondition && bsock_rare_ensure(b) != 0) {
        connect__fail(b, lpErrno, WSAENOBUFS);
        return INVALID_SOCKET;
    }
    unsigned char peer[SYS_SOCKADDR_MAX];
    uint32_t peer_len = sizeof(peer);
    int fd;
    int error = connect__take(b, peer, &peer_len, &fd);
    if (error) {
        bsock_network_reenable(b, FD_ACCEPT); /* "even one that fails" (WSAEventSelect.md) */
        connect__fail(b, lpErrno, error);
        return INVALID_SOCKET;
    }
    if (lpfnCondition) {
        int verdict = connect__ask(b, lpfnCondition, dwCallbackData, peer, peer_len, fd);
        if (verdict == CF_DEFER) {
            pthread_mutex_lock(&b->lock);
            b->rare->deferred_fd = fd; /* made above */
            pthread_mutex_unlock(&b->lock);
            /* No re-enabling of FD_ACCEPT "if the error code returned is WSATRY_AGAIN". */
            connect__fail(b, lpErrno, WSATRY_AGAIN);
            return INVALID_SOCKET;
        }
        if (verdict != CF_ACCEPT) {
            /* Rejected: the peer sees its connection reset. */
            sys_set_linger(fd, 1, 0);
            sys_close(fd);
            bsock_network_reenable(b, FD_ACCEPT);
            connect__fail(b, lpErrno, WSAECONNREFUSED);
            return INVALID_SOCKET;
        }
    }

    /* The accepted socket has the listening socket's properties. */
    SOCKET accepted = bsock_create(fd, b->family, b->type, b->protocol, b->info, b, lpErrno);
    /* accept and WSAAccept re-enable FD_ACCEPT (WSAEventSelect.md). */
    bsock_network_reenable(b, FD_ACCEPT);
    if (accepted == INVALID_SOCKET) {
        /*
         * A final WSACleanup came while the connection was being taken (the
         * new socket then cannot be made): the accept was pending, so it
         * ends as cancelled, as a blocked call does (WSACleanup.txt).
         */
        if (atomic_load(&b->closing))
            *lpErrno = WSAEINTR;
        bsock_put(b);
        return INVALID_SOCKET;
    }
    /* ... and the new socket takes the listener's WSAEventSelect selection. */
    bsock_network_inherit(b, accepted);
    if (addr)
        base_sockaddr_from_linux(peer, peer_len, addr, addrlen);
    bsock_put(b);
    return accepted;
}

/* Whether a (checked) Windows address names the wildcard address: INADDR_ANY or in6addr_any. */
static bool connect__is_any(const struct sockaddr *name)
{
    static const unsigned char zero[16];
    if (name->sa_family == AF_UNIX)
        return false; /* a path, never a wildcard */
    if (name->sa_family == AF_INET6)
        return memcmp(&((const struct sockaddr_in6 *)name)->sin6_addr, zero, 16) == 0;
    return ((const struct sockaddr_in *)name)->sin_addr.s_addr == 0;
}

/*
 * Dissolves a datagram socket's association (connect.md: an all-zero address
 * "dis-connects" it).  Linux does it with an AF_UNSPEC connect, which also
 * drops a port that was bound implicitly; Windows keeps the socket bound, so
 * the port is bound again (on the wildcard address) if Linux let it go.
 */
static int connect__dissolve(struct bsock *b)
{
    unsigned char local[SYS_SOCKADDR_MAX];
    uint32_t local_len = sizeof(local);
    if (sys_getsockname(b->fd, local, &local_len) < 0)
        return bsock_error(b, errno);
    unsigned char unspec[SYS_SOCKADDR_MAX] = {0}; /* sa_family 0: AF_UNSPEC on Linux too */
    if (sys_connect(b->fd, unspec, sizeof(struct sockaddr)) < 0)
        return bsock_error(b, errno);
    unsigned char now[SYS_SOCKADDR_MAX];
    uint32_t now_len = sizeof(now);
    if (sys_getsockname(b->fd, now, &now_len) < 0)
        return bsock_error(b, errno);
    /* Both families keep the port at offset 2 (sin_port, sin6_port). */
    if (memcmp(now + 2, local + 2, 2) != 0) {
        if (b->family == AF_INET6)
            memset(local + 8, 0, 16); /* sin6_addr */
        else
            memset(local + 4, 0, 4); /* sin_addr */
        if (sys_bind(b->fd, local, local_len) < 0)
            return bsock_error(b, errno);
    }
    pthread_mutex_lock(&b->lock);
    b->connected = false;
    bsock_state_changed_locked(b);
    pthread_mutex_unlock(&b->lock);
    return 0;
}

/*
 * Starts a connect on Linux.  After a failed attempt Linux still counts the
 * socket as connecting, and the next connect() only reports the old failure
 * (ECONNABORTED once the error was read) and resets the socket; Winsock lets
 * the application simply call connect again, so that call is retried once.
 */
static int connect__start(struct bsock *b, const void *addr, uint32_t len)
{
    int r = sys_connect(b->fd, addr, len);
    if (r < 0 && errno == ECONNABORTED && b->type == SOCK_STREAM)
        r = sys_connect(b->fd, addr, len);
    return r;
}

int WSPAPI base_WSPConnect(SOCKET s, const struct sockaddr *name, int namelen,
                           LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS,
                           LPINT lpErrno)
{
    (void)lpSQOS;
    (void)lpGQOS;
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    /* TCP carries no connect data. */
    if ((lpCallerData && lpCallerData->len) || (lpCalleeData && lpCalleeData->len))
        return connect__fail(b, lpErrno, WSAEOPNOTSUPP);
    unsigned char addr[SYS_SOCKADDR_MAX];
    uint32_t len;
    int error = base_sockaddr_to_linux(name, namelen, b->family, addr, &len);
    /*
     * An AF_UNSPEC address (of at least a sockaddr's size, readable: checked
     * before the family) dissolves a datagram socket's association too
     * (observed, Wine's test_connect_udp).
     */
    bool unspec = error == WSAEAFNOSUPPORT && b->type == SOCK_DGRAM && name->sa_family == AF_UNSPEC;
    if (error && !unspec)
        return connect__fail(b, lpErrno, error);

    /*
     * connect.md: a stream socket given the wildcard address fails with
     * WSAEADDRNOTAVAIL ("The remote address is not a valid address (such as
     * INADDR_ANY or in6addr_any)"); Linux would connect to itself.  A datagram
     * socket given it "will be disconnected".
     */
    bool dissolve = unspec || connect__is_any(name);
    if (dissolve && b->type == SOCK_STREAM)
        return connect__fail(b, lpErrno, WSAEADDRNOTAVAIL);

    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    /*
     * The accept socket of a pending AcceptEx is that AcceptEx's to connect
     * (WSAEINVAL); so is a ConnectEx socket until SO_UPDATE_CONNECT_CONTEXT
     * (connectex_context in base.h).
     */
    error = b->listening || b->peer_owner            ? WSAEINVAL
            : b->connecting                          ? WSAEALREADY
            : b->connected && b->connectex_context   ? WSAEINVAL
            : b->connected && b->type == SOCK_STREAM ? WSAEISCONN
                                                     : 0;
    /*
     * A non-blocking attempt that failed and has not been reported yet (by
     * SO_ERROR or here) is reported now, once: connect.md lets the
     * application poll with connect, and "If the error code returned
     * indicates the connection attempt failed (that is, WSAECONNREFUSED,
     * WSAENETUNREACH, WSAETIMEDOUT) the application can call connect again
     * for the same socket."  SO_ERROR goes on reporting it (base.h).
     */
    if (!error && b->type == SOCK_STREAM && b->connect_error_fresh) {
        error = b->connect_error;
        b->connect_error_fresh = false;
    }
    bool nonblocking = b->nonblocking;
    bool port_later = b->port_later;
    pthread_mutex_unlock(&b->lock);
    if (error)
        return connect__fail(b, lpErrno, error);

    if (dissolve) {
        error = connect__dissolve(b);
        if (error)
            return connect__fail(b, lpErrno, error);
        base_broadcast_unforce(b);
        bsock_put(b);
        return 0;
    }
    int r = connect__start(b, addr, len);
    if (port_later) {
        int e = errno;
        bindtable_connecting(b); /* the port the connect took (bind left it to it) */
        errno = e;
    }
    if (b->type == SOCK_DGRAM) {
        if (r < 0 && errno == EACCES && b->family == AF_INET)
            r = base_broadcast_connect(b, addr, len); /* without SO_BROADCAST (broadcast.c) */
        else if (r == 0)
            base_broadcast_unforce(b);
    }
    if (r == 0) {
        pthread_mutex_lock(&b->lock);
        b->connected = b->bound = true;
        b->connected_ns = sys_now_ns(); /* SO_CONNECT_TIME counts from here (streams) */
        b->connect_error = 0;
        b->connect_error_fresh = false;
        /*
         * WSAEventSelect: FD_CONNECT (and FD_WRITE) for a connect that
         * completed at once, blocking or not, stream or datagram: Windows
         * records it for a connect made before the selection too.
         */
        b->es_connect_pending = true;
        b->es_connect_error = 0;
        bsock_state_changed_locked(b); /* a select waiting on it reports it now */
        pthread_mutex_unlock(&b->lock);
        bsock_network_reenable(b, 0);
        bsock_put(b);
        return 0;
    }
    if (errno != EINPROGRESS)
        return connect__fail(b, lpErrno, bsock_error(b, errno));
    pthread_mutex_lock(&b->lock);
    b->bound = true;
    b->connecting = true;
    /* connect_error stays: "Calling connect() doesn't reset the socket error" (observed). */
    b->connect_error_fresh = false;
    b->es_connect_pending = true;  /* its outcome is FD_CONNECT's (eventselect.c) */
    bsock_state_changed_locked(b); /* a select waiting on it now waits for its end */
    pthread_mutex_unlock(&b->lock);
    bsock_network_reenable(b, 0); /* it may have ended before the line above: look now */
    if (nonblocking)
        return connect__fail(b, lpErrno, WSAEWOULDBLOCK);

    short revents;
    error = bsock_wait_revents(b, SYS_POLLOUT, -1, &revents);
    if (!error) {
        pthread_mutex_lock(&b->lock);
        bsock_settle_connect_polled_locked(b, revents); /* the wait's poll says it, mostly */
        error = b->connected ? 0 : b->connect_error ? b->connect_error : WSAECONNREFUSED;
        /* A blocking connect's failure is its own: SO_ERROR reads 0 after it (observed). */
        b->connect_error = 0;
        b->connect_error_fresh = false;
        pthread_mutex_unlock(&b->lock);
    }
    if (error)
        return connect__fail(b, lpErrno, error);
    bsock_put(b);
    return 0;
}

int WSPAPI base_WSPShutdown(SOCKET s, int how, LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    if (how != SD_RECEIVE && how != SD_SEND && how != SD_BOTH)
        return connect__fail(b, lpErrno, WSAEINVAL);
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    bool connected = b->connected && !b->listening;
    pthread_mutex_unlock(&b->lock);
    if (!connected && b->type == SOCK_STREAM)
        return connect__fail(b, lpErrno, WSAENOTCONN);
    /*
     * shutdown.md, SD_RECEIVE: "For TCP sockets, if there is still data
     * queued on the socket waiting to be received, or data arrives
     * subsequently, the connection is reset".  Linux's SHUT_RD would do
     * neither, and would end receives that are pending with end-of-stream,
     * where Windows still completes them with data that arrives: it is not
     * used.  Receives are refused here (WSAESHUTDOWN), data is refused with
     * a reset (bsock_refuse_unread_locked), now and whenever the engine
     * reports more; it watches from before the first look, so that nothing
     * arrives unseen in between.  For UDP "incoming datagrams are accepted
     * and queued".
     */
    if (how != SD_SEND && b->type == SOCK_STREAM)
        bsock_watch(b); /* without the engine, data arriving later is not refused */
    pthread_mutex_lock(&b->lock);
    if (how != SD_RECEIVE)
        b->shut_send = true;
    if (how != SD_SEND)
        b->shut_recv = true;
    bsock_state_changed_locked(b);
    bool reset = bsock_refuse_unread_locked(b);
    /*
     * SD_SEND: "For TCP sockets, a FIN will be sent after all data is sent
     * and acknowledged" — data a non-blocking send left in the backlog too,
     * which sends the FIN when it has gone (Windows delivers everything a
     * send took, then the end of the stream, after shutdown(SD_BOTH) and
     * closesocket: Wine's test_send_buffering).
     */
    bool deferred = how != SD_RECEIVE && !reset && backlog_defer_fin_locked(b);
    pthread_mutex_unlock(&b->lock);
    if (how != SD_RECEIVE && !reset && !deferred && sys_shutdown(b->fd, SYS_SHUT_WR) < 0 &&
        errno != ENOTCONN)
        return connect__fail(b, lpErrno, bsock_error(b, errno));
    bsock_network_reenable(b, 0); /* FD_CLOSE of our own reset */
    bsock_put(b);
    return 0;
}

/*
 * getsockname and getpeername: the name Linux reports, in Windows' form.
 * Winsock refuses an unbound socket (WSAEINVAL) or an unconnected one
 * (WSAENOTCONN) where Linux would answer with a wildcard.
 *
 * Windows keeps a connection's peer for as long as the socket is open:
 * getpeername answers after shutdown in either or both directions, after
 * the peer closed or reset the connection (its conformance tests check the
 * shutdown cases; Winsock "will continue to return successfully until an
 * explicit closesocket", as a report of the reset case puts it), and
 * already while a non-blocking connect is in progress.  Linux refuses
 * getpeername once the connection is in TCP_CLOSE (both FINs exchanged, or
 * a reset) and while it is in SYN_SENT, so the peer is then read with
 * sys_getpeername_kept.  A pending ConnectEx is different on Windows: the
 * socket has no peer until the operation completes (WSAENOTCONN); it is
 * the one connect in progress with an operation queued on the socket.
 */
static int connect__name(SOCKET s, bool peer, struct sockaddr *name, LPINT namelen, LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    /* A port bind left to the connect is the bound socket's name: it is chosen now. */
    int settle_error = peer ? 0 : base_port_settle(b);
    if (settle_error)
        return connect__fail(b, lpErrno, settle_error);
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    bool has_peer = b->connected || (b->connecting && !b->sends.head);
    int error = peer ? (has_peer ? 0 : WSAENOTCONN) : (b->bound ? 0 : WSAEINVAL);
    bool stream = b->type == SOCK_STREAM;
    pthread_mutex_unlock(&b->lock);
    if (error)
        return connect__fail(b, lpErrno, error);
    unsigned char addr[SYS_SOCKADDR_MAX];
    uint32_t len = sizeof(addr);
    int r = peer ? sys_getpeername(b->fd, addr, &len) : sys_getsockname(b->fd, addr, &len);
    if (r < 0 && peer && stream && errno == ENOTCONN) {
        len = sizeof(addr);
        r = sys_getpeername_kept(b->fd, addr, &len);
    }
    if (r < 0)
        return connect__fail(b, lpErrno, bsock_error(b, errno));
    error = base_sockaddr_from_linux(addr, len, name, namelen);
    if (error)
        return connect__fail(b, lpErrno, error);
    /* Windows gives an AF_UNIX peer's name as a whole SOCKADDR_UN (Wine's test_afunix). */
    if (peer && b->family == AF_UNIX)
        *namelen = base_sockaddr_size(AF_UNIX);
    bsock_put(b);
    return 0;
}

int WSPAPI base_WSPGetSockName(SOCKET s, struct sockaddr *name, LPINT namelen, LPINT lpErrno)
{
    return connect__name(s, false, name, namelen, lpErrno);
}

int WSPAPI base_WSPGetPeerName(SOCKET s, struct sockaddr *name, LPINT namelen, LPINT lpErrno)
{
    return connect__name(s, true, name, namelen, lpErrno);
}
