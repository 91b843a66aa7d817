/*
 * The Microsoft extensions reached through
 * WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER): AcceptEx,
 * GetAcceptExSockaddrs, ConnectEx, DisconnectEx.  Like mswsock's, they call
 * the provider directly and set the last error themselves.
 *
 * AcceptEx is an overlapped operation of the listening socket until it
 * completes, as on Windows: closing the listener, CancelIoEx(listener, ov)
 * or CancelIo from the issuing thread abort it, and its completion goes
 * where the listener's go (its completion port).  When a connection comes,
 * it replaces the accept socket's unconnected descriptor (dup3, so the
 * SOCKET value the application holds stays the same) and writes both
 * addresses into the output buffer; if the application asked for the first
 * data, it is parked on the listener until the accept socket's input
 * brings it (overlapped.c), so that the AcceptEx queued behind it take the
 * next connections meanwhile.  The accept socket is its peer from the call
 * on: closing it aborts the AcceptEx at once (Windows: ERROR_OPERATION_ABORTED),
 * before or after the connection came, and it is the accept socket of one
 * pending AcceptEx at a time.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <mswsock.h>

#include "kernel/ntstatus.h"
#include "kernel/port.h"
#include "providers/base/backlog.h"
#include "providers/base/base.h"
#include "providers/base/bindtable.h"
#include "providers/base/bsock.h"
#include "providers/base/msg.h"
#include "sys/engine.h"
#include "sys/sys.h"
#include "sys/usermem.h"

static BOOL ext__fail(struct bsock *a, struct bsock *b, int error)
{
    if (a)
        bsock_put(a);
    if (b)
        bsock_put(b);
    WSASetLastError(error);
    return FALSE;
}

/* What a BOOL-returning extension reports for bop_start's answer. */
static BOOL ext__started(int result)
{
    if (result == 0)
        return TRUE;
    WSASetLastError(result);
    return FALSE;
}

/* ---- AcceptEx ---------------------------------------------------------- */

struct accept_ext {
    SOCKET accept_socket;
    char *buffer;
    DWORD data_len, local_len, remote_len;
    bool accepted;  /* the connection is on the accept socket; parked, waiting for its first data */
    bool too_small; /* an address block is too short: fails when a connection comes */
};

/* STATUS_BUFFER_TOO_SMALL: ERROR_INSUFFICIENT_BUFFER to GetOverlappedResult. */
#define EXT__STATUS_BUFFER_TOO_SMALL 0xC0000023u

/*
 * An AcceptEx whose address blocks are too short, on the listening socket l
 * (l->lock held): it ends when a connection is waiting, without taking it,
 * so that the next AcceptEx or accept gets it.
 */
static enum bop_step accept__step_too_small(struct bsock *l, DWORD *status)
{
    struct sys_pollfd p = {.fd = l->fd, .events = SYS_POLLIN};
    if (sys_poll_until(&p, 1, 0) <= 0 || !(p.revents & (SYS_POLLIN | SYS_POLLERR | SYS_POLLHUP)))
        return BOP_AGAIN;
    *status = EXT__STATUS_BUFFER_TOO_SMALL;
    return BOP_DONE;
}

/*
 * The address blocks of AcceptEx's buffer hold the sockaddr at their start
 * (GetAcceptExSockaddrs is the only documented way to read them).
 */
static void accept__write_address(char *block, DWORD size, const void *linux_addr, uint32_t len)
{
    memset(block, 0, size);
    struct sockaddr_storage addr;
    int addr_len = sizeof(addr);
    if (base_sockaddr_from_linux(linux_addr, len, (struct sockaddr *)&addr, &addr_len) == 0 &&
        (DWORD)addr_len <= size)
        memcpy(block, &addr, (size_t)addr_len);
}

/*
 * Hands the new connection fd, taken from the listener l, to the accept
 * socket a; a->lock held (after l->lock: lock order listener, then accept
 * socket, and nothing takes them the other way).
 */
static enum bop_step accept__attach(struct bsock *l, struct bsock *a, struct bop *op, int fd,
                                    const void *peer, uint32_t peer_len, DWORD *status)
{
    struct accept_ext *x = bop_ext(op);
    if (sys_dup_onto(fd, a->fd) < 0) {
        sys_set_linger(fd, 1, 0);
        sys_close(fd);
        *status = kstatus_from_wsa(WSAENOBUFS);
        return BOP_DONE;
    }
    sys_close(fd);
    a->connected = a->bound = true;
    /*
     * A new file: TCP_INQ is asked again (overlapped.c), unless the listener
     * had it on before it listened, which every connection it made copied.
     */
    a->inq = l->inq == BSOCK_INQ_LISTENER ? 1 : 0;
    /*
     * SO_CONNECT_TIME counts from the connection, also while the AcceptEx
     * waits for the first data: AcceptEx.md has servers poll it to find
     * connections that send nothing.
     */
    a->connected_ns = sys_now_ns();
    /* Connected, on a new file: a select waiting on it looks again. */
    bsock_state_changed_locked(a);
    unsigned char local[SYS_SOCKADDR_MAX];
    uint32_t local_len = sizeof(local);
    sys_accepted_name(l->fd, a->fd, local, &local_len); /* the listener's, when it is one address */
    accept__write_address(x->buffer + x->data_len, x->local_len, local, local_len);
    accept__write_address(x->buffer + x->data_len + x->local_len, x->remote_len, peer, peer_len);
    if (x->data_len == 0)
        return BOP_DONE;
    /*
     * The first data comes on the accept socket: it is watched from now on
     * (before the first try, so that data arriving after it is reported),
     * and the operation waits parked on the listener if nothing is there.
     */
    x->accepted = true;
    bop_set_buffers(op, x->buffer, x->data_len, 0);
    if (bsock_watch_locked(a, true, 0) != 0) {
        *status = kstatus_from_wsa(WSAENOBUFS);
        return BOP_DONE;
    }
    return bop_try_io(a, op, status) == BOP_DONE ? BOP_DONE : BOP_PARKED;
}

/* One attempt, on the listening socket l with l->lock held. */
static enum bop_step accept__step(struct bsock *l, struct bop *op, DWORD *status)
{
    struct accept_ext *x = bop_ext(op);
    *status = KSTATUS_SUCCESS;
    if (x->too_small)
        return accept__step_too_small(l, status);
    int err;
    struct bsock *a = bsock_get(x->accept_socket, &err);
    if (!a) {
        /*
         * The accept socket is being closed: its close is aborting this
         * operation (it waits for l->lock), and no connection is taken for it.
         */
        *status = KSTATUS_CANCELLED;
        return BOP_DONE;
    }
    enum bop_step step = BOP_AGAIN;
    pthread_mutex_lock(&a->lock);
    if (x->accepted) {
        step = bop_try_io(a, op, status); /* the first data, on the accept socket */
    } else {
        for (;;) {
            unsigned char peer[SYS_SOCKADDR_MAX];
            uint32_t peer_len = sizeof(peer);
            int fd = sys_accept(l->fd, peer, &peer_len);
            if (fd >= 0) {
                step = accept__attach(l, a, op, fd, peer, peer_len, status);
                break;
            }
            /* A connection reset before it was taken is skipped, as Windows does. */
            if (errno == ECONNABORTED || errno == EINTR)
                continue;
            if (errno != EAGAIN) {
                *status = kstatus_from_wsa(bsock_error(l, errno));
                step = BOP_DONE;
            }
            break;
        }
    }
    pthread_mutex_unlock(&a->lock);
    bsock_put(a);
    return step;
}

static BOOL WINAPI base_AcceptEx(SOCKET sListenSocket, SOCKET sAcceptSocket, PVOID lpOutputBuffer,
                                 DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
                                 DWORD dwRemoteAddressLength, LPDWORD lpdwBytesReceived,
                                 LPOVERLAPPED lpOverlapped)
{
    /*
     * We write the addresses, the count and the OVERLAPPED ourselves: memory
     * the kernel refuses is WSAEFAULT, checked first since the OVERLAPPED is
     * written at once.
     */
    struct sys_user_span spans[] = {
        {lpOutputBuffer,
         lpOutputBuffer ? (size_t)dwReceiveDataLength + dwLocalAddressLength + dwRemoteAddressLength
                        : 0,
         true},
        {lpOverlapped, lpOverlapped ? sizeof(*lpOverlapped) : 0, true},
        {lpdwBytesReceived, lpdwBytesReceived ? sizeof(DWORD) : 0, true}};
    if (!sys_user_check(spans, 3))
        return ext__fail(NULL, NULL, WSAEFAULT);
    /*
     * Windows marks the OVERLAPPED pending before it looks at anything else,
     * so that it reads STATUS_PENDING after a refused call too (observed).
     */
    if (lpOverlapped)
        __atomic_store_n(&lpOverlapped->Internal, (ULONG_PTR)KSTATUS_PENDING, __ATOMIC_RELEASE);
    int err;
    struct bsock *l = bsock_get(sListenSocket, &err);
    if (!l)
        return ext__fail(NULL, NULL, err);
    struct bsock *a = bsock_get(sAcceptSocket, &err);
    if (!a)
        return ext__fail(NULL, l, err);
    /*
     * The argument checks in the order Windows answers them (Wine's
     * conformance test, test_AcceptEx, run on Windows): no OVERLAPPED is
     * ERROR_INVALID_PARAMETER, even with a remote length of 0; no buffer is
     * WSAEFAULT, and so is a remote address length of 0.
     */
    if (!lpOverlapped)
        return ext__fail(a, l, WSA_INVALID_PARAMETER);
    if (!lpOutputBuffer || dwRemoteAddressLength == 0)
        return ext__fail(a, l, WSAEFAULT);
    /* A listener that does not listen, and the listener as its own accept socket: WSAEINVAL. */
    pthread_mutex_lock(&l->lock);
    bool listening = l->listening;
    pthread_mutex_unlock(&l->lock);
    if (!listening || a == l)
        return ext__fail(a, l, WSAEINVAL);

    /*
     * Address blocks shorter than AcceptEx.md asks ("at least 16 bytes more
     * than the maximum address length for the transport protocol in use")
     * are not refused by the call: Windows takes it (FALSE with
     * ERROR_IO_PENDING) and fails it when a connection comes, with
     * STATUS_BUFFER_TOO_SMALL (ERROR_INSUFFICIENT_BUFFER), no bytes, and
     * the connection left for the next accept (observed, test_AcceptEx).
     * A local length of 0 is no block at all: that AcceptEx succeeds and
     * writes no local address (observed too).
     */
    DWORD min_len = (DWORD)base_sockaddr_size(l->family) + 16;
    bool too_small = (dwLocalAddressLength != 0 && dwLocalAddressLength < min_len) ||
                     dwRemoteAddressLength < min_len;

    struct accept_ext *x = calloc(1, sizeof(*x));
    struct bop *op = x ? bop_new(BOP_RECV, NULL, 0, lpOverlapped) : NULL;
    if (!op) {
        free(x);
        return ext__fail(a, l, WSAENOBUFS);
    }
    /*
     * The accept socket must be unbound and unconnected (a UDP, a bound or a
     * connected socket is WSAEINVAL, observed), and the accept socket of no
     * other pending AcceptEx; from here on it is this one's (bop_set_peer),
     * until the operation ends.
     */
    pthread_mutex_lock(&a->lock);
    bool fresh = !a->bound && !a->connected && !a->connecting && !a->listening && !a->watched &&
                 !a->peer_owner && a->type == SOCK_STREAM && a->family == l->family;
    if (fresh)
        a->peer_owner = l->handle;
    pthread_mutex_unlock(&a->lock);
    bsock_put(a);
    if (!fresh) {
        free(x);
        bop_discard(op);
        return ext__fail(NULL, l, WSAEINVAL);
    }
    x->accept_socket = sAcceptSocket;
    x->buffer = lpOutputBuffer;
    x->data_len = dwReceiveDataLength;
    x->local_len = dwLocalAddressLength;
    x->remote_len = dwRemoteAddressLength;
    x->too_small = too_small;
    bop_set_step(op, accept__step, x);
    bop_set_peer(op, sAcceptSocket);
    if (too_small)
        bop_set_options(op, BOP_OPT_ALWAYS_PENDS);
    int result = bop_start(l, op, lpdwBytesReceived, NULL);
    /* AcceptEx is one of FD_ACCEPT's re-enabling functions (WSAEventSelect). */
    bsock_network_reenable(l, FD_ACCEPT);
    bsock_put(l);
    return ext__started(result);
}

static VOID WINAPI base_GetAcceptExSockaddrs(
    PVOID lpOutputBuffer, DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
    DWORD dwRemoteAddressLength, struct sockaddr **LocalSockaddr, LPINT LocalSockaddrLength,
    struct sockaddr **RemoteSockaddr, LPINT RemoteSockaddrLength)
{
    char *local = (char *)lpOutputBuffer + dwReceiveDataLength;
    char *remote = local + dwLocalAddressLength;
    /* Nothing to report a failure through: memory the kernel refuses is left alone. */
    struct sys_user_span spans[] = {{local, sizeof(ADDRESS_FAMILY), false},
                                    {remote, sizeof(ADDRESS_FAMILY), false},
                                    {LocalSockaddr, sizeof(*LocalSockaddr), true},
                                    {LocalSockaddrLength, sizeof(*LocalSockaddrLength), true},
                                    {RemoteSockaddr, sizeof(*RemoteSockaddr), true},
                                    {RemoteSockaddrLength, sizeof(*RemoteSockaddrLength), true}};
    if (!lpOutputBuffer || !sys_user_check(spans, 6))
        return;
    /*
     * The blocks follow the caller's first data, so they sit at any
     * alignment (a receive length of 3 is allowed): read the families
     * byte-wise.  A block of length 0 (AcceptEx takes a local length of 0)
     * is not there: its outputs are left as they were (observed, Wine's
     * test_AcceptEx).
     */
    ADDRESS_FAMILY family;
    if (dwLocalAddressLength) {
        memcpy(&family, local + offsetof(struct sockaddr, sa_family), sizeof(family));
        *LocalSockaddr = (struct sockaddr *)local;
        *LocalSockaddrLength = base_sockaddr_size(family);
    }
    if (dwRemoteAddressLength) {
        memcpy(&family, remote + offsetof(struct sockaddr, sa_family), sizeof(family));
        *RemoteSockaddr = (struct sockaddr *)remote;
        *RemoteSockaddrLength = base_sockaddr_size(family);
    }
}

/* ---- ConnectEx --------------------------------------------------------- */

/* Waits for the connect, then sends the optional first data. */
static enum bop_step connect__step(struct bsock *b, struct bop *op, DWORD *status)
{
    *status = KSTATUS_SUCCESS;
    bsock_settle_connect_locked(b);
    if (b->connecting)
        return BOP_AGAIN;
    if (!b->connected) {
        /* Reported by the completion, as a blocking connect reports it: SO_ERROR is left 0. */
        int error = b->connect_error ? b->connect_error : WSAECONNREFUSED;
        b->connect_error = 0;
        b->connect_error_fresh = false;
        *status = kstatus_from_wsa(error);
        return BOP_DONE;
    }
    b->connectex_context = true;
    /*
     * Without first data (no buffer, or a length of 0: bop_new got no
     * WSABUF) the connection is the whole result: a send of no bytes would
     * cost a system call and change nothing.
     */
    unsigned count;
    bop_iov(op, &count);
    if (count == 0)
        return BOP_DONE;
    return bop_try_io(b, op, status);
}

/*
 * How a connect attempt ended at once that Windows reports through the
 * completion, not the call: ConnectEx to a port nobody listens on pends and
 * completes with ERROR_CONNECTION_REFUSED (observed, Wine's test_connect).
 */
static bool connect__outcome(int linux_errno)
{
    return linux_errno == ECONNREFUSED || linux_errno == ENETUNREACH ||
           linux_errno == EHOSTUNREACH || linux_errno == ETIMEDOUT;
}

static BOOL WINAPI base_ConnectEx(SOCKET s, const struct sockaddr *name, int namelen,
                                  PVOID lpSendBuffer, DWORD dwSendDataLength, LPDWORD lpdwBytesSent,
                                  LPOVERLAPPED lpOverlapped)
{
    int err;
    struct bsock *b = bsock_get(s, &err);
    if (!b)
        return ext__fail(NULL, NULL, err);
    if (!lpOverlapped)
        return ext__fail(NULL, b, WSA_INVALID_PARAMETER);
    struct sys_user_span spans[] = {{lpOverlapped, sizeof(*lpOverlapped), true},
                                    {lpdwBytesSent, lpdwBytesSent ? sizeof(DWORD) : 0, true}};
    if (!sys_user_check(spans, 2))
        return ext__fail(NULL, b, WSAEFAULT);
    /*
     * As AcceptEx: the OVERLAPPED reads STATUS_PENDING after a refused call
     * too (observed for WSAEINVAL on a listener and WSAEISCONN), and
     * InternalHigh is left alone.
     */
    __atomic_store_n(&lpOverlapped->Internal, (ULONG_PTR)KSTATUS_PENDING, __ATOMIC_RELEASE);
    unsigned char addr[SYS_SOCKADDR_MAX];
    uint32_t len;
    err = base_sockaddr_to_linux(name, namelen, b->family, addr, &len);
    if (err)
        return ext__fail(NULL, b, err);
    /*
     * ConnectEx.md: "The socket must be bound" (WSAEINVAL, also for a
     * listener); connected, an accepted socket included: WSAEISCONN; a
     * connect under way: WSAEALREADY.
     */
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    err = b->type != SOCK_STREAM || !b->bound || b->listening ? WSAEINVAL
          : b->connected                                      ? WSAEISCONN
          : b->connecting                                     ? WSAEALREADY
                                                              : 0;
    bool port_later = b->port_later;
    pthread_mutex_unlock(&b->lock);
    if (err)
        return ext__fail(NULL, b, err);
    int outcome = 0;
    int r = sys_connect(b->fd, addr, len), e = errno;
    if (port_later)
        bindtable_connecting(b); /* the port the connect took (bind left it to it) */
    if (r < 0 && e != EINPROGRESS) {
        if (!connect__outcome(e))
            return ext__fail(NULL, b, bsock_error(b, e));
        outcome = base_error(e);
    }
    pthread_mutex_lock(&b->lock);
    b->connecting = outcome == 0;
    if (outcome)
        b->connect_error = outcome; /* connect__step reports it */
    b->connect_error_fresh = false;
    bsock_state_changed_locked(b);
    pthread_mutex_unlock(&b->lock);

    WSABUF data = {dwSendDataLength, lpSendBuffer};
    struct bop *op =
        bop_new(BOP_SEND, &data, lpSendBuffer && dwSendDataLength ? 1 : 0, lpOverlapped);
    if (!op)
        return ext__fail(NULL, b, WSAENOBUFS);
    bop_set_step(op, connect__step, NULL);
    /*
     * ConnectEx always pends on Windows, even when the connection and its
     * data went through at once, so that a socket with
     * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS still gets its packet.
     */
    bop_set_options(op, BOP_OPT_ALWAYS_PENDS);
    int result = bop_start(b, op, lpdwBytesSent, NULL);
    bsock_put(b);
    return ext__started(result);
}

/* ---- DisconnectEx ------------------------------------------------------ */

static enum bop_step disconnect__step(struct bsock *b, struct bop *op, DWORD *status)
{
    (void)b;
    (void)op;
    *status = KSTATUS_SUCCESS;
    return BOP_DONE;
}

int base_socket_renew(struct bsock *b)
{
    /*
     * The connection goes with its descriptor: what is still pending on it
     * can never finish, and ends aborted (with its completion action, as at
     * closesocket) before the socket is made new.
     */
    bop_cancel_all(b, true);
    /* An in-flight engine poll would hold the old file open: end it first. */
    sys_engine_unwatch(b->fd, (uint64_t)b->handle);
    int fresh = sys_socket(base_family_to_linux(b->family), SYS_SOCK_STREAM, b->protocol);
    if (fresh < 0)
        return bsock_error(b, errno);
    if (b->family == AF_INET6) {
        int on = 1;
        sys_setsockopt(fresh, SYS_IPPROTO_IPV6, SYS_IPV6_V6ONLY, &on, sizeof(on));
    }
    pthread_mutex_lock(&b->lock);
    sys_dup_onto(fresh, b->fd);
    b->connected = b->bound = b->connecting = b->shut_send = b->shut_recv = false;
    b->watched = b->recv_drained = b->port_later = false;
    b->watch_set = NULL;
    b->inq = 0; /* a new file: TCP_INQ is asked again (overlapped.c) */
    /* Nothing of the old connection's state stays: the socket is as new (unconnected). */
    b->connect_failed = b->connect_error_fresh = b->connectex_context = false;
    b->connect_error = 0;
    b->connected_ns = 0;
    bsock_state_changed_locked(b); /* a select waiting on it looks at the new descriptor */
    pthread_mutex_unlock(&b->lock);
    sys_close(fresh);
    return 0;
}

/*
 * DisconnectEx: a graceful disconnect (FIN after what is queued; the socket
 * still receives, as after shutdown(SD_SEND), observed).  With
 * TF_REUSE_SOCKET the socket is made ready for AcceptEx or ConnectEx again:
 * a fresh descriptor replaces the old one, which goes on closing in the
 * background.
 */
static BOOL WINAPI base_DisconnectEx(SOCKET s, LPOVERLAPPED lpOverlapped, DWORD dwFlags,
                                     DWORD dwReserved)
{
    int err;
    struct bsock *b = bsock_get(s, &err);
    if (!b)
        return ext__fail(NULL, NULL, err);
    if (dwReserved || (dwFlags & ~(DWORD)TF_REUSE_SOCKET))
        return ext__fail(NULL, b, WSAEINVAL);
    if (lpOverlapped && !sys_user_writable(lpOverlapped, sizeof(*lpOverlapped)))
        return ext__fail(NULL, b, WSAEFAULT);
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    bool connected = b->connected && b->type == SOCK_STREAM;
    pthread_mutex_unlock(&b->lock);
    if (!connected)
        return ext__fail(NULL, b, WSAENOTCONN);
    /*
     * The FIN goes behind what non-blocking sends left (backlog.h); with
     * TF_REUSE_SOCKET that goes on in the background with the old
     * descriptor, as the rest of its closing does.
     */
    pthread_mutex_lock(&b->lock);
    bool deferred = backlog_defer_fin_locked(b);
    pthread_mutex_unlock(&b->lock);
    if (!deferred)
        sys_shutdown(b->fd, SYS_SHUT_WR);
    else if (dwFlags & TF_REUSE_SOCKET)
        backlog_close(b, false);
    if (dwFlags & TF_REUSE_SOCKET) {
        err = base_socket_renew(b);
        if (err)
            return ext__fail(NULL, b, err);
    } else {
        pthread_mutex_lock(&b->lock);
        b->shut_send = true;
        pthread_mutex_unlock(&b->lock);
    }
    if (!lpOverlapped) {
        bsock_put(b);
        /* Windows 7 and later clear the last error of a synchronous DisconnectEx (observed). */
        WSASetLastError(0);
        return TRUE;
    }
    struct bop *op = bop_new(BOP_SEND, NULL, 0, lpOverlapped);
    if (!op)
        return ext__fail(NULL, b, WSAENOBUFS);
    bop_set_step(op, disconnect__step, NULL);
    /* An overlapped DisconnectEx always pends, as ConnectEx does (observed). */
    bop_set_options(op, BOP_OPT_ALWAYS_PENDS);
    int result = bop_start(b, op, NULL, NULL);
    bsock_put(b);
    return ext__started(result);
}

/* ---- Lookup and context options ------------------------------------------ */

static bool ext__same(const GUID *a, const GUID b)
{
    return memcmp(a, &b, sizeof(GUID)) == 0;
}

void *base_extension(const GUID *id)
{
    if (ext__same(id, (GUID)WSAID_ACCEPTEX))
        return (void *)(LPFN_ACCEPTEX)base_AcceptEx;
    if (ext__same(id, (GUID)WSAID_GETACCEPTEXSOCKADDRS))
        return (void *)(LPFN_GETACCEPTEXSOCKADDRS)base_GetAcceptExSockaddrs;
    if (ext__same(id, (GUID)WSAID_CONNECTEX))
        return (void *)(LPFN_CONNECTEX)base_ConnectEx;
    if (ext__same(id, (GUID)WSAID_DISCONNECTEX))
        return (void *)(LPFN_DISCONNECTEX)base_DisconnectEx;
    /* msg.c: WSARecvMsg, and WSASendMsg (also what ws2_32's WSASendMsg calls). */
    if (ext__same(id, (GUID)WSAID_WSARECVMSG))
        return (void *)(LPFN_WSARECVMSG)base_WSARecvMsg;
    if (ext__same(id, (GUID)WSAID_WSASENDMSG))
        return (void *)(LPFN_WSASENDMSG)base_WSASendMsg;
    /* TransmitFile and TransmitPackets (transmit.c). */
    void *transmit = base_transmit_extension(id);
    if (transmit)
        return transmit;
    return NULL;
}

/*
 * SO_UPDATE_ACCEPT_CONTEXT (optval: the listening SOCKET): the accepted
 * socket takes the listener's properties, as accept's do.
 * SO_UPDATE_CONNECT_CONTEXT: the connection is already complete here; the
 * socket stops refusing connect() with WSAEINVAL (connect.c).
 */
int base_update_context(struct bsock *b, int optname, const char *optval, int optlen)
{
    if (optname == SO_UPDATE_CONNECT_CONTEXT) {
        pthread_mutex_lock(&b->lock);
        bsock_settle_connect_locked(b);
        bool connected = b->connected;
        if (connected)
            b->connectex_context = false; /* a socket like connect()'s from now on */
        pthread_mutex_unlock(&b->lock);
        return connected ? 0 : WSAENOTCONN;
    }
    if (!optval || optlen < (int)sizeof(SOCKET))
        return WSAEFAULT;
    SOCKET listener;
    memcpy(&listener, optval, sizeof(listener));
    int err;
    struct bsock *l = bsock_get(listener, &err);
    if (!l)
        return WSAENOTSOCK;
    int error = bsock_inherit(b, l);
    if (!error)
        bsock_network_inherit(l, b->handle);
    bsock_put(l);
    return error;
}
