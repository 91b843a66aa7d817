/*
 * Sending and receiving without OVERLAPPED: WSPSend, WSPSendTo, WSPRecv,
 * WSPRecvFrom.  A blocking send returns only when every byte is queued (as
 * on Windows); a non-blocking one takes everything, or fails with
 * WSAEWOULDBLOCK (on a stream, what Linux does not take waits in the
 * socket's backlog, backlog.h).  Blocking waits honour SO_SNDTIMEO/SO_RCVTIMEO
 * (WSAETIMEDOUT) and end with WSAEINTR when another thread closes the socket.
 * Flags are checked as send.md/recv.md say, and a connection that was reset
 * or aborted stays so (Linux reports it once, then end of stream; see sys.h,
 * "How connections end").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/ntstatus.h"
#include "kernel/overlapped.h"
#include "providers/base/backlog.h"
#include "providers/base/bsock.h"
#include "sys/sys.h"

#define TRANSFER_STACK_IOV 16

struct transfer_iov {
    struct sys_iovec *iov;
    unsigned count;
    struct sys_iovec stack[TRANSFER_STACK_IOV];
};

int base_buffers_check(const WSABUF *bufs, DWORD count)
{
    if (count > 0 && !bufs)
        return WSAEFAULT;
    if (count > BASE_MAX_BUFFERS)
        return WSAEINVAL;
    for (DWORD i = 0; i < count; i++)
        if (bufs[i].len && !bufs[i].buf)
            return WSAEFAULT;
    return 0;
}

static int transfer__iov_init(struct transfer_iov *t, const WSABUF *bufs, DWORD count)
{
    int error = base_buffers_check(bufs, count);
    if (error)
        return error;
    t->iov = count <= TRANSFER_STACK_IOV ? t->stack : malloc(count * sizeof(*t->iov));
    if (!t->iov)
        return WSAENOBUFS;
    t->count = count;
    for (DWORD i = 0; i < count; i++) {
        t->iov[i].base = bufs[i].buf;
        t->iov[i].len = bufs[i].len;
    }
    return 0;
}

/* Drops the first n bytes from the vector (after a partial send). */
static void transfer__iov_advance(struct transfer_iov *t, size_t n)
{
    while (t->count > 0 && n >= t->iov[0].len) {
        n -= t->iov[0].len;
        t->iov++;
        t->count--;
    }
    if (t->count > 0) {
        t->iov[0].base = (char *)t->iov[0].base + n;
        t->iov[0].len -= n;
    }
}

static size_t transfer__iov_total(const struct transfer_iov *t)
{
    size_t total = 0;
    for (unsigned i = 0; i < t->count; i++)
        total += t->iov[i].len;
    return total;
}

struct transfer_state {
    bool nonblocking;
    bool connected;
    bool bound;
    bool shut;
    DWORD timeout;
};

static void transfer__state(struct bsock *b, bool sending, struct transfer_state *st)
{
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    st->nonblocking = b->nonblocking;
    st->connected = b->connected;
    st->bound = b->bound;
    st->shut = sending ? b->shut_send : b->shut_recv;
    st->timeout = sending ? bsock_rare_peek(b)->sndtimeo : bsock_rare_peek(b)->rcvtimeo;
    pthread_mutex_unlock(&b->lock);
}

/*
 * The Winsock error for a failed sendmsg/recvmsg.  A datagram socket that
 * got an ICMP port unreachable reports WSAECONNRESET (recv.md: "On a UDP
 * datagram socket this error indicates a previous send operation resulted
 * in an ICMP Port Unreachable message"): sys_recvmsg says ECONNRESET, and
 * Linux's own ECONNREFUSED is mapped too in case it comes through.
 */
static int transfer__error(struct bsock *b, int linux_errno)
{
    int error = bsock_error(b, linux_errno);
    if (error == WSAECONNREFUSED && b->type != SOCK_STREAM)
        error = WSAECONNRESET;
    return error;
}

/*
 * The flags send.md and WSASend.md allow: an unknown flag is WSAEINVAL;
 * MSG_OOB is for stream sockets only (WSAEOPNOTSUPP) and not with
 * SO_OOBINLINE (WSAEINVAL); partial messages are not supported (WSAEOPNOTSUPP).
 */
static int transfer__send_flags(struct bsock *b, DWORD flags)
{
    if (flags & ~(DWORD)(MSG_OOB | MSG_DONTROUTE | MSG_PARTIAL))
        return WSAEINVAL;
    if (flags & MSG_PARTIAL)
        return WSAEOPNOTSUPP;
    if (flags & MSG_OOB) {
        if (b->type != SOCK_STREAM)
            return WSAEOPNOTSUPP;
        pthread_mutex_lock(&b->lock);
        bool inline_oob = b->oob_inline;
        pthread_mutex_unlock(&b->lock);
        if (inline_oob)
            return WSAEINVAL;
    }
    return 0;
}

/*
 * An overlapped call's OVERLAPPED and completion routine (both NULL for a
 * plain one).  waited: the socket is synchronous (made without
 * WSA_FLAG_OVERLAPPED) and the call was done as a blocking one, whose
 * result goes into the OVERLAPPED afterwards (transfer__waited_result).
 */
struct transfer_async {
    LPWSAOVERLAPPED ov;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
    bool waited;
};

/*
 * Whether an overlapped call on b is done as a blocking one (b is
 * synchronous).  Read without the lock: the flag is set once, as the socket
 * is made (startup.c), never changed after.
 */
static bool transfer__waits(struct bsock *b, LPWSAOVERLAPPED ov)
{
    return ov && __atomic_load_n(&b->synchronous, __ATOMIC_RELAXED);
}

/*
 * The result of an overlapped call on a synchronous socket, as the I/O
 * manager leaves it when a synchronous file's request ends: the count in
 * InternalHigh, the status in Internal, the event set (observed on
 * Windows: WSARecv returns 0 and GetOverlappedResult then reads the
 * bytes).  Nothing is posted: a completion routine or a port has no part
 * in a call that has already returned its result.
 */
static void transfer__waited_result(const struct transfer_async *async, int error, DWORD bytes)
{
    LPWSAOVERLAPPED ov = async->ov;
    bool failed = error && error != WSAEMSGSIZE;
    ov->InternalHigh = failed ? 0 : bytes;
    koverlapped_finish(ov, error ? kstatus_from_wsa(error) : KSTATUS_SUCCESS);
    /* A failure delivers nothing, as an overlapped call's immediate failure does. */
    if (!failed && ov->hEvent) {
        DWORD last = GetLastError();
        if (!SetEvent(koverlapped_event(ov->hEvent)))
            SetLastError(last);
    }
}

static int transfer__send(struct bsock *b, const WSABUF *bufs, DWORD count, DWORD flags,
                          const void *to, uint32_t tolen, bool sendto_call, LPDWORD sent,
                          const struct transfer_async *async)
{
    int error = transfer__send_flags(b, flags);
    if (error)
        return error;
    /* WSASend.md: lpNumberOfBytesSent "can be NULL only if lpOverlapped is not NULL". */
    if (!sent && !async->ov)
        return WSAEFAULT;
    struct transfer_state st;
    transfer__state(b, true, &st);
    if (st.shut)
        return WSAESHUTDOWN;
    /*
     * A synchronous socket does an overlapped send as a blocking one, even
     * when FIONBIO is set (observed for WSARecv on Windows; a synchronous
     * file's request is waited for by the I/O manager).
     */
    if (async->waited)
        st.nonblocking = false;
    /*
     * send.md: WSAENOTCONN "The socket is not connected"; sendto.md: that is
     * for "connection-oriented sockets only", a datagram socket with neither
     * a default peer nor a destination gets WSAEDESTADDRREQ "A destination
     * address is required".
     */
    if (!st.connected && (b->type == SOCK_STREAM || !to))
        return b->type != SOCK_STREAM && sendto_call ? WSAEDESTADDRREQ : WSAENOTCONN;
    if (b->type == SOCK_STREAM)
        to = NULL;
    if (async->ov && !async->waited)
        return bop_submit(b, BOP_SEND, bufs, count, flags, to, tolen, NULL, NULL, async->ov,
                          async->routine, sent, NULL);

    struct transfer_iov t;
    error = transfer__iov_init(&t, bufs, count);
    if (error)
        return error;
    struct sys_iovec *owned = t.iov;
    int linux_flags = SYS_MSG_DONTWAIT | ((flags & MSG_OOB) ? SYS_MSG_OOB : 0) |
                      ((flags & MSG_DONTROUTE) ? SYS_MSG_DONTROUTE : 0);
    int64_t deadline = bsock_deadline(st.timeout);
    size_t total = 0;
    if (b->type == SOCK_STREAM && st.nonblocking) {
        error = backlog_send(b, t.iov, t.count, linux_flags, &total);
        /*
         * WSAEventSelect.md: FD_WRITE is recorded again "after a send
         * fails with WSAEWOULDBLOCK and buffer space becomes available".
         */
        if (error == WSAEWOULDBLOCK)
            bsock_network_reenable(b, FD_WRITE);
        goto out;
    }
    /* A blocking send on a stream goes after what an earlier non-blocking one left. */
    if (b->type == SOCK_STREAM && (error = backlog_wait(b, deadline)) != 0)
        goto out;
    for (;;) {
        long n = sys_sendmsg(b->fd, t.iov, t.count, to, tolen, linux_flags);
        if (n >= 0) {
            total += (size_t)n;
            transfer__iov_advance(&t, (size_t)n);
            /* A datagram goes whole or not at all; a stream blocks until all is queued. */
            if (b->type != SOCK_STREAM || t.count == 0 || transfer__iov_total(&t) == 0)
                break;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            error = transfer__error(b, errno);
            break;
        }
        if (st.nonblocking) {
            error = WSAEWOULDBLOCK;
            bsock_network_reenable(b, FD_WRITE); /* as for a stream, above */
            break;
        }
        error = bsock_wait(b, SYS_POLLOUT, deadline);
        if (error)
            break;
    }
out:
    if (owned != t.stack)
        free(owned);
    if (!error) {
        *sent = (DWORD)total;
        if (to) {
            pthread_mutex_lock(&b->lock);
            b->bound = true; /* sendto binds an unbound socket implicitly */
            pthread_mutex_unlock(&b->lock);
        }
    }
    return error;
}

/*
 * The error of a stream receive that found the end of the stream, 0 if the
 * connection ended in order.  recv.md keeps 0 for a connection that "has
 * been gracefully closed" and an error for one that was reset or aborted,
 * which "is no longer usable"; sys_recvmsg reports the errors it knows of,
 * this covers a hang-up whose error was taken elsewhere (bsock_abort_error).
 */
static int transfer__end_error(struct bsock *b, const struct transfer_iov *t)
{
    if (b->type != SOCK_STREAM || transfer__iov_total(t) == 0)
        return 0;
    pthread_mutex_lock(&b->lock);
    bool shut_send = b->shut_send;
    pthread_mutex_unlock(&b->lock);
    struct sys_pollfd p = {.fd = b->fd, .events = SYS_POLLIN};
    if (sys_poll_until(&p, 1, 0) <= 0 || atomic_load(&b->closing))
        return 0;
    return bsock_abort_error(b, p.revents, shut_send);
}

static int transfer__recv(struct bsock *b, const WSABUF *bufs, DWORD count, LPDWORD flags,
                          void *from, uint32_t *fromlen, LPDWORD received,
                          const struct transfer_async *async, struct sockaddr *app_from,
                          LPINT app_fromlen)
{
    if (!flags || (!received && !async->ov))
        return WSAEFAULT;
    DWORD in = *flags;
    /* recv.md: WSAEINVAL "an unknown flag was specified". */
    if (in & ~(DWORD)(MSG_PEEK | MSG_OOB | MSG_WAITALL | MSG_PUSH_IMMEDIATE | MSG_PARTIAL))
        return WSAEINVAL;
    /* recv.md, WSAEOPNOTSUPP: "MSG_OOB was specified, but the socket is not stream-style". */
    if ((in & MSG_OOB) && b->type != SOCK_STREAM)
        return WSAEOPNOTSUPP;
    struct transfer_state st;
    transfer__state(b, false, &st);
    if (st.shut)
        return WSAESHUTDOWN;
    /*
     * A synchronous socket does an overlapped receive as a blocking one,
     * even when FIONBIO is set (observed on Windows: it waits for the data,
     * while a call without OVERLAPPED says WSAEWOULDBLOCK).
     */
    if (async->waited)
        st.nonblocking = false;
    if (b->type == SOCK_STREAM && !st.connected)
        return WSAENOTCONN;
    if (b->type != SOCK_STREAM && !st.bound)
        return WSAEINVAL;
    /*
     * recv.md, MSG_WAITALL: fails with WSAEOPNOTSUPP on a non-blocking socket,
     * "along with MSG_OOB, MSG_PEEK, or MSG_PARTIAL", and on datagram sockets.
     */
    if ((in & MSG_WAITALL) && (b->type != SOCK_STREAM || (st.nonblocking && !async->ov) ||
                               (in & (MSG_OOB | MSG_PEEK | MSG_PARTIAL))))
        return WSAEOPNOTSUPP;
    if (async->ov && !async->waited)
        return bop_submit(b, BOP_RECV, bufs, count, in, NULL, 0, app_from, app_fromlen, async->ov,
                          async->routine, received, flags);

    struct transfer_iov t;
    int error = transfer__iov_init(&t, bufs, count);
    if (error)
        return error;
    struct sys_iovec *owned = t.iov;
    int linux_flags = SYS_MSG_DONTWAIT | ((in & MSG_PEEK) ? SYS_MSG_PEEK : 0) |
                      ((in & MSG_OOB) ? SYS_MSG_OOB : 0);
    bool wait_all = (in & MSG_WAITALL) != 0;
    int64_t deadline = bsock_deadline(st.timeout);
    size_t total = 0;
    DWORD out_flags = 0;
    for (;;) {
        int msg_flags = 0;
        long n = sys_recvmsg(b->fd, t.iov, t.count, from, fromlen, linux_flags, &msg_flags);
        if (n >= 0) {
            total += (size_t)n;
            if (msg_flags & SYS_MSG_TRUNC) {
                /* The datagram was larger than the buffers: Windows fills them and says so. */
                error = WSAEMSGSIZE;
                break;
            }
            if (n == 0 && total == 0 && (error = transfer__end_error(b, &t)) != 0)
                break;
            if (!wait_all || n == 0)
                break;
            transfer__iov_advance(&t, (size_t)n);
            if (t.count == 0 || transfer__iov_total(&t) == 0)
                break;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            error = transfer__error(b, errno);
            break;
        }
        if (st.nonblocking) {
            error = WSAEWOULDBLOCK;
            break;
        }
        error = bsock_wait(b, (in & MSG_OOB) ? SYS_POLLPRI : SYS_POLLIN, deadline);
        if (error)
            break;
    }
    if (owned != t.stack)
        free(owned);
    *received = (DWORD)total;
    *flags = out_flags;
    return error;
}

static int transfer__end(struct bsock *b, int error, LPINT lpErrno)
{
    bsock_put(b);
    if (error) {
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    return 0;
}

/* Whether a (checked) Windows address is the wildcard INADDR_ANY or in6addr_any. */
static bool transfer__is_any(const struct sockaddr *to)
{
    static const unsigned char zero[16];
    if (to->sa_family == AF_INET6)
        return memcmp(&((const struct sockaddr_in6 *)to)->sin6_addr, zero, 16) == 0;
    return ((const struct sockaddr_in *)to)->sin_addr.s_addr == 0;
}

static int transfer__send_call(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                               LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                               const struct sockaddr *lpTo, int iTolen, bool sendto_call,
                               LPWSAOVERLAPPED lpOverlapped,
                               LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                               LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    struct transfer_async async = {lpOverlapped, lpCompletionRoutine,
                                   transfer__waits(b, lpOverlapped)};
    if (lpCompletionRoutine && !lpOverlapped)
        return transfer__end(b, WSAEFAULT, lpErrno);
    DWORD waited_count = 0;
    if (async.waited && !lpNumberOfBytesSent)
        lpNumberOfBytesSent = &waited_count;
    unsigned char addr[SYS_SOCKADDR_MAX];
    uint32_t addrlen = 0;
    int error = 0;
    if (lpTo && b->type != SOCK_STREAM) {
        error = base_sockaddr_to_linux(lpTo, iTolen, b->family, addr, &addrlen);
        /*
         * sendto.md, WSAEADDRNOTAVAIL: "The remote address is not a valid
         * address, for example, ADDR_ANY" (Linux would deliver it locally).
         */
        if (!error && transfer__is_any(lpTo))
            error = WSAEADDRNOTAVAIL;
        if (!error)
            error = base_broadcast_check(b, addr, addrlen);
    }
    if (!error)
        error = transfer__send(b, lpBuffers, dwBufferCount, dwFlags,
                               lpTo && b->type != SOCK_STREAM ? addr : NULL, addrlen, sendto_call,
                               lpNumberOfBytesSent, &async);
    if (async.waited)
        transfer__waited_result(&async, error, error ? 0 : *lpNumberOfBytesSent);
    return transfer__end(b, error, lpErrno);
}

int WSPAPI base_WSPSend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                        LPDWORD lpNumberOfBytesSent, DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                        LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    (void)lpThreadId;
    return transfer__send_call(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, NULL, 0,
                               false, lpOverlapped, lpCompletionRoutine, lpErrno);
}

int WSPAPI base_WSPSendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                          LPDWORD lpNumberOfBytesSent, DWORD dwFlags, const struct sockaddr *lpTo,
                          int iTolen, LPWSAOVERLAPPED lpOverlapped,
                          LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                          LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    (void)lpThreadId;
    return transfer__send_call(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpTo,
                               iTolen, true, lpOverlapped, lpCompletionRoutine, lpErrno);
}

int WSPAPI base_WSPRecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                        LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                        LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    return base_WSPRecvFrom(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, NULL, NULL,
                            lpOverlapped, lpCompletionRoutine, lpThreadId, lpErrno);
}

/*
 * Ends a receive.  WSAEventSelect.md: recv, recvfrom, WSARecv and WSARecvFrom
 * re-enable FD_READ and FD_OOB — "Any call to the reenabling routine, even
 * one that fails" — and both are recorded again if data is still there.
 */
static int transfer__recv_end(struct bsock *b, int error, LPINT lpErrno)
{
    bsock_network_reenable(b, FD_READ | FD_OOB);
    return transfer__end(b, error, lpErrno);
}

int WSPAPI base_WSPRecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                            LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, struct sockaddr *lpFrom,
                            LPINT lpFromlen, LPWSAOVERLAPPED lpOverlapped,
                            LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                            LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    (void)lpThreadId;
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    struct transfer_async async = {lpOverlapped, lpCompletionRoutine,
                                   transfer__waits(b, lpOverlapped)};
    if (lpCompletionRoutine && !lpOverlapped)
        return transfer__recv_end(b, WSAEFAULT, lpErrno);
    DWORD waited_count = 0;
    if (async.waited && !lpNumberOfBytesRecvd)
        lpNumberOfBytesRecvd = &waited_count;
    /* recvfrom.md: for connection-oriented sockets "The from and fromlen parameters are ignored".
     */
    if (b->type == SOCK_STREAM)
        lpFrom = NULL;
    if (lpFrom && (!lpFromlen || *lpFromlen < base_sockaddr_size(b->family)))
        return transfer__recv_end(b, WSAEFAULT, lpErrno);
    unsigned char from[SYS_SOCKADDR_MAX];
    uint32_t fromlen = sizeof(from);
    int error =
        transfer__recv(b, lpBuffers, dwBufferCount, lpFlags, lpFrom ? from : NULL,
                       lpFrom ? &fromlen : NULL, lpNumberOfBytesRecvd, &async, lpFrom, lpFromlen);
    if ((!lpOverlapped || async.waited) && (!error || error == WSAEMSGSIZE) && lpFrom &&
        fromlen > 0)
        base_sockaddr_from_linux(from, fromlen, lpFrom, lpFromlen);
    if (async.waited) {
        /* The receive flags go into Offset, as an overlapped completion's do. */
        if (lpFlags)
            lpOverlapped->Offset = *lpFlags;
        transfer__waited_result(&async, error, *lpNumberOfBytesRecvd);
    }
    return transfer__recv_end(b, error, lpErrno);
}
