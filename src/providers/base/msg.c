/*
 * WSARecvMsg and WSASendMsg: a datagram with its address, any number of
 * buffers, and control data (IP_PKTINFO / IPV6_PKTINFO, IP_TOS /
 * IPV6_TCLASS, IP_TTL / IPV6_HOPLIMIT; cmsg.c translates them).
 *
 * The route.  Windows hands WSARecvMsg out only as an extension function
 * (SIO_GET_EXTENSION_FUNCTION_POINTER with WSAID_WSARECVMSG), and ws2_32's
 * exported WSASendMsg reaches the provider through WSPIoctl(SIO_EXT_SENDMSG).
 * Here both are the base provider's extension functions (WSAID_WSARECVMSG,
 * WSAID_WSASENDMSG), and ws2_32's WSASendMsg asks the socket's provider for
 * its WSAID_WSASENDMSG function through WSPIoctl(SIO_GET_EXTENSION_FUNCTION_
 * POINTER) and calls it (src/ws2_32/msg.c): every provider in the chain sees
 * that request, so a layered provider can hand out a function of its own
 * for both, exactly as it does for AcceptEx and ConnectEx.
 *
 * Both are the transfers of transfer.c and overlapped.c with control data:
 * blocking calls wait in bsock_wait (SO_RCVTIMEO / SO_SNDTIMEO, woken by
 * closesocket and WSACleanup), non-blocking ones fail with WSAEWOULDBLOCK,
 * and overlapped ones are operations of overlapped.c with their own step
 * (completion by event, routine or port; cancelled by closesocket, CancelIo
 * and the final WSACleanup like every other).
 *
 * What Windows does, observed (Wine's conformance tests, run on Windows):
 *   - WSARecvMsg with a control buffer too small fails with WSAEMSGSIZE,
 *     sets MSG_CTRUNC in WSAMSG.dwFlags and still reports the bytes; an
 *     overlapped one completes with STATUS_BUFFER_OVERFLOW, and its
 *     completion routine gets WSAEMSGSIZE with flags 0 (the flags are in
 *     the WSAMSG) — and the call itself says WSA_IO_PENDING even when the
 *     datagram was already there.
 *   - The WSAMSG is written when the receive completes (Control.len keeps
 *     its value while it is pending): it must stay valid until then.
 *   - WSASendMsg: a NULL lpMsg is WSAEFAULT, so is a NULL
 *     lpNumberOfBytesSent without an OVERLAPPED; on a stream socket it
 *     fails with WSAEINVAL (its page says "only ... datagrams and raw
 *     sockets").  A successful send binds an unbound socket, as sendto does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mswsock.h>

#include "kernel/ntstatus.h"
#include "providers/base/msg.h"
#include "sys/sys.h"
#include "sys/usermem.h"

/* Flags WSARecvMsg reports in dwFlags; a WSAMSG used again may still carry them. */
#define MSG__OUT_FLAGS (MSG_TRUNC | MSG_CTRUNC | MSG_BCAST | MSG_MCAST)

static int msg__fail(struct bsock *b, int error)
{
    if (b)
        bsock_put(b);
    WSASetLastError(error);
    return SOCKET_ERROR;
}

static int msg__ok(struct bsock *b)
{
    bsock_put(b);
    WSASetLastError(0);
    return 0;
}

/* The WSABUF array as Linux's iovec; *owned to free, NULL when it used the stack. */
#define MSG__STACK_IOV 16
static int msg__iov(const WSABUF *bufs, DWORD count, struct sys_iovec *stack,
                    struct sys_iovec **iov)
{
    int error = base_buffers_check(bufs, count);
    if (error)
        return error;
    *iov = count <= MSG__STACK_IOV ? stack : malloc(count * sizeof(**iov));
    if (!*iov)
        return WSAENOBUFS;
    for (DWORD i = 0; i < count; i++) {
        (*iov)[i].base = bufs[i].buf;
        (*iov)[i].len = bufs[i].len;
    }
    return 0;
}

/* The Winsock error of a failed datagram transfer (see transfer__error). */
static int msg__error(struct bsock *b, int linux_errno)
{
    int error = bsock_error(b, linux_errno);
    return error == WSAECONNREFUSED ? WSAECONNRESET : error;
}

/* ---- WSARecvMsg ---------------------------------------------------------- */

struct msg_recv {
    LPWSAMSG msg;
    int linux_flags;
    unsigned tos_kinds; /* BASE_CMSG_TOS / BASE_CMSG_ECN: how a received TOS is reported */
};

/*
 * One receive into iov, with b->lock held or not.  BOP_AGAIN when nothing
 * is there; otherwise the WSAMSG is written and *error is the call's error
 * (WSAEMSGSIZE for a datagram or control data cut short).
 */
static enum bop_step msg__recv_once(struct bsock *b, const struct msg_recv *x,
                                    struct sys_iovec *iov, unsigned count, DWORD *bytes, int *error)
{
    LPWSAMSG msg = x->msg;
    unsigned char from[SYS_SOCKADDR_MAX];
    uint32_t fromlen = sizeof(from);
    struct sys_cmsg c;
    int mflags;
    long n;
    do {
        mflags = 0;
        n = sys_recvmsg_cmsg(b->fd, iov, count, msg->name ? from : NULL,
                             msg->name ? &fromlen : NULL, x->linux_flags | SYS_MSG_DONTWAIT,
                             &mflags, &c);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && errno == EAGAIN)
        return BOP_AGAIN;
    *bytes = 0;
    if (n < 0) {
        *error = msg__error(b, errno);
        return BOP_DONE;
    }
    bool ctrunc = c.truncated != 0;
    ULONG used = base_cmsg_write(&c, msg->Control.buf, msg->Control.len, &ctrunc, x->tos_kinds);
    DWORD flags = base_cmsg_cast_flags(&c);
    if (mflags & SYS_MSG_TRUNC)
        flags |= MSG_TRUNC;
    if (ctrunc)
        flags |= MSG_CTRUNC;
    if (msg->name && fromlen > 0)
        base_sockaddr_from_linux(from, fromlen, msg->name, &msg->namelen);
    msg->Control.len = used;
    msg->dwFlags = flags;
    *bytes = (DWORD)n;
    *error = flags & (MSG_TRUNC | MSG_CTRUNC) ? WSAEMSGSIZE : 0;
    return BOP_DONE;
}

static enum bop_step msg__recv_step(struct bsock *b, struct bop *op, DWORD *status)
{
    unsigned count;
    struct sys_iovec *iov = bop_iov(op, &count);
    DWORD bytes;
    int error;
    if (msg__recv_once(b, bop_ext(op), iov, count, &bytes, &error) == BOP_AGAIN)
        return BOP_AGAIN;
    /* The flags are in the WSAMSG: the routine and WSAGetOverlappedResult get 0. */
    bop_set_result(op, bytes, 0);
    *status = kstatus_from_wsa(error);
    return BOP_DONE;
}

/* A blocking or non-blocking WSARecvMsg. */
static int msg__recv_wait(struct bsock *b, const struct msg_recv *x, LPDWORD received)
{
    struct sys_iovec stack[MSG__STACK_IOV], *iov;
    int error = msg__iov(x->msg->lpBuffers, x->msg->dwBufferCount, stack, &iov);
    if (error)
        return error;
    pthread_mutex_lock(&b->lock);
    bool nonblocking = b->nonblocking;
    int64_t deadline = bsock_deadline(bsock_rare_peek(b)->rcvtimeo);
    pthread_mutex_unlock(&b->lock);
    DWORD bytes = 0;
    while (msg__recv_once(b, x, iov, x->msg->dwBufferCount, &bytes, &error) == BOP_AGAIN) {
        if (nonblocking) {
            error = WSAEWOULDBLOCK;
            break;
        }
        error = bsock_wait(b, (x->linux_flags & SYS_MSG_OOB) ? SYS_POLLPRI : SYS_POLLIN, deadline);
        if (error)
            break;
    }
    if (iov != stack)
        free(iov);
    /* Observed: the count is reported with WSAEMSGSIZE too. */
    if (!error || error == WSAEMSGSIZE)
        *received = bytes;
    return error;
}

/* The checks of WSARecvMsg's arguments and of the socket's state; 0 when it may go on. */
/*
 * How a received traffic-class byte is reported: IP_TOS (IPV6_TCLASS) when
 * the socket asked for IP_RECVTOS (IPV6_RECVTCLASS), IP_ECN (IPV6_ECN, its
 * two low bits) when it asked for IP_ECN, both when it asked for both.  A
 * socket that asked for neither (Linux's option turned on some other way)
 * gets the whole byte as IP_TOS.
 */
static unsigned msg__tos_kinds_locked(const struct bsock *b)
{
    bool v6 = b->family == AF_INET6;
    const struct bsock_rare *r = bsock_rare_peek(b);
    unsigned kinds = ((v6 ? r->recv_tclass : r->recv_tos) ? BASE_CMSG_TOS : 0) |
                     ((v6 ? r->recv_ecn6 : r->recv_ecn) ? BASE_CMSG_ECN : 0);
    return kinds ? kinds : BASE_CMSG_TOS;
}

static int msg__recv_check(struct bsock *b, LPWSAMSG msg, LPDWORD received, LPWSAOVERLAPPED ov,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, unsigned *tos_kinds)
{
    struct sys_user_span spans[] = {
        {msg, msg ? sizeof(*msg) : 1, true},
        {received, received ? sizeof(*received) : 0, true},
        {ov, ov ? sizeof(*ov) : 0, true},
    };
    /* LPFN_WSARECVMSG: lpdwNumberOfBytesRecvd "can be NULL only if the lpOverlapped parameter is
     * not NULL". */
    if (!msg || !sys_user_check(spans, 3) || (!received && !ov) || (routine && !ov))
        return WSAEFAULT;
    /*
     * WSAEFAULT also when name is NULL and namelen is not zero, or Control.buf
     * is NULL and Control.len is not zero (its page); a name must hold the
     * address, as recvfrom's from must.
     */
    if ((!msg->name && msg->namelen != 0) || (!msg->Control.buf && msg->Control.len != 0))
        return WSAEFAULT;
    struct sys_user_span more[] = {
        {msg->name, msg->name && msg->namelen > 0 ? (size_t)msg->namelen : 0, true},
        {msg->Control.buf, msg->Control.len, true},
        {msg->lpBuffers, (size_t)msg->dwBufferCount * sizeof(WSABUF), false},
    };
    if (msg->dwBufferCount <= BASE_MAX_BUFFERS && !sys_user_check(more, 3))
        return WSAEFAULT;
    if (msg->name && msg->namelen < base_sockaddr_size(b->family))
        return WSAEFAULT;
    /* LPFN_WSARECVMSG, WSAEOPNOTSUPP: "the socket s is not a datagram or raw socket". */
    if (b->type == SOCK_STREAM)
        return WSAEOPNOTSUPP;
    DWORD in = msg->dwFlags & ~(DWORD)MSG__OUT_FLAGS;
    /* WSAMSG: MSG_PEEK is the flag it takes in; MSG_OOB is for stream sockets (recv.md). */
    if (in & MSG_OOB)
        return WSAEOPNOTSUPP;
    if (in & ~(DWORD)MSG_PEEK)
        return WSAEINVAL;
    pthread_mutex_lock(&b->lock);
    int error = b->shut_recv ? WSAESHUTDOWN : !b->bound ? WSAEINVAL : 0;
    *tos_kinds = msg__tos_kinds_locked(b);
    pthread_mutex_unlock(&b->lock);
    if (!error)
        error = base_buffers_check(msg->lpBuffers, msg->dwBufferCount);
    return error;
}

INT WINAPI base_WSARecvMsg(SOCKET s, LPWSAMSG lpMsg, LPDWORD lpdwNumberOfBytesRecvd,
                           LPWSAOVERLAPPED lpOverlapped,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    int err;
    struct bsock *b = bsock_get(s, &err);
    if (!b)
        return msg__fail(NULL, err);
    unsigned kinds = BASE_CMSG_TOS;
    int error = msg__recv_check(b, lpMsg, lpdwNumberOfBytesRecvd, lpOverlapped, lpCompletionRoutine,
                                &kinds);
    struct msg_recv x = {lpMsg, 0, kinds};
    if (!error)
        x.linux_flags = (lpMsg->dwFlags & MSG_PEEK) ? SYS_MSG_PEEK : 0;
    if (!error && !lpOverlapped)
        error = msg__recv_wait(b, &x, lpdwNumberOfBytesRecvd);
    else if (!error) {
        /* A socket bound to a completion port reports there, not through routines. */
        struct bop *op =
            lpCompletionRoutine && atomic_load(&b->ks.port)
                ? NULL
                : bop_new(BOP_RECV, lpMsg->lpBuffers, lpMsg->dwBufferCount, lpOverlapped);
        struct msg_recv *ext = op ? malloc(sizeof(*ext)) : NULL;
        if (!op || !ext) {
            if (op)
                bop_discard(op);
            free(ext);
            error = lpCompletionRoutine && atomic_load(&b->ks.port) ? WSAEINVAL : WSAENOBUFS;
        } else {
            *ext = x;
            bop_set_step(op, msg__recv_step, ext);
            bop_set_routine(op, lpCompletionRoutine);
            error = bop_start(b, op, lpdwNumberOfBytesRecvd, NULL);
            /*
             * Observed: a datagram or control data cut short reports
             * WSA_IO_PENDING even when it completes at once (its completion
             * is delivered, with STATUS_BUFFER_OVERFLOW).
             */
            if (error == WSAEMSGSIZE)
                error = WSA_IO_PENDING;
        }
    }
    /* WSAEventSelect.md: a receive re-enables FD_READ, even one that fails. */
    bsock_network_reenable(b, FD_READ);
    return error ? msg__fail(b, error) : msg__ok(b);
}

/* ---- WSASendMsg ---------------------------------------------------------- */

struct msg_send {
    struct sys_cmsg ctl;
    int linux_flags;
    uint32_t tolen;
    unsigned char to[SYS_SOCKADDR_MAX];
};

static enum bop_step msg__send_once(struct bsock *b, const struct msg_send *x,
                                    const struct sys_iovec *iov, unsigned count, DWORD *bytes,
                                    int *error)
{
    long n;
    do
        n = sys_sendmsg_cmsg(b->fd, iov, count, x->tolen ? x->to : NULL, x->tolen,
                             x->linux_flags | SYS_MSG_DONTWAIT, &x->ctl);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno == EAGAIN)
        return BOP_AGAIN;
    *bytes = n < 0 ? 0 : (DWORD)n;
    *error = n < 0 ? msg__error(b, errno) : 0;
    return BOP_DONE;
}

static enum bop_step msg__send_step(struct bsock *b, struct bop *op, DWORD *status)
{
    unsigned count;
    struct sys_iovec *iov = bop_iov(op, &count);
    DWORD bytes;
    int error;
    if (msg__send_once(b, bop_ext(op), iov, count, &bytes, &error) == BOP_AGAIN)
        return BOP_AGAIN;
    bop_set_result(op, bytes, 0);
    *status = kstatus_from_wsa(error);
    return BOP_DONE;
}

static int msg__send_wait(struct bsock *b, const struct msg_send *x, const WSAMSG *msg,
                          LPDWORD sent)
{
    struct sys_iovec stack[MSG__STACK_IOV], *iov;
    int error = msg__iov(msg->lpBuffers, msg->dwBufferCount, stack, &iov);
    if (error)
        return error;
    pthread_mutex_lock(&b->lock);
    bool nonblocking = b->nonblocking;
    int64_t deadline = bsock_deadline(bsock_rare_peek(b)->sndtimeo);
    pthread_mutex_unlock(&b->lock);
    DWORD bytes = 0;
    while (msg__send_once(b, x, iov, msg->dwBufferCount, &bytes, &error) == BOP_AGAIN) {
        if (nonblocking) {
            error = WSAEWOULDBLOCK;
            bsock_network_reenable(b, FD_WRITE);
            break;
        }
        error = bsock_wait(b, SYS_POLLOUT, deadline);
        if (error)
            break;
    }
    if (iov != stack)
        free(iov);
    if (!error)
        *sent = bytes;
    return error;
}

/* Whether a (checked) Windows address is the wildcard, which sendto refuses. */
static bool msg__is_any(const struct sockaddr *to)
{
    static const unsigned char zero[16];
    if (to->sa_family == AF_INET6)
        return memcmp(&((const struct sockaddr_in6 *)to)->sin6_addr, zero, 16) == 0;
    return ((const struct sockaddr_in *)to)->sin_addr.s_addr == 0;
}

static int msg__send_check(struct bsock *b, LPWSAMSG msg, DWORD flags, LPDWORD sent,
                           LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                           struct msg_send *x)
{
    struct sys_user_span spans[] = {
        {msg, msg ? sizeof(*msg) : 1, false},
        {sent, sent ? sizeof(*sent) : 0, true},
        {ov, ov ? sizeof(*ov) : 0, true},
    };
    if (!msg || !sys_user_check(spans, 3) || (!sent && !ov) || (routine && !ov))
        return WSAEFAULT;
    if ((!msg->name && msg->namelen != 0) || (!msg->Control.buf && msg->Control.len != 0))
        return WSAEFAULT;
    struct sys_user_span more[] = {
        {msg->Control.buf, msg->Control.len, false},
        {msg->lpBuffers, (size_t)msg->dwBufferCount * sizeof(WSABUF), false},
    };
    if (msg->dwBufferCount <= BASE_MAX_BUFFERS && !sys_user_check(more, 2))
        return WSAEFAULT;
    /* Observed: WSAEINVAL on a stream socket. */
    if (b->type == SOCK_STREAM)
        return WSAEINVAL;
    if (flags & MSG_OOB)
        return WSAEOPNOTSUPP;
    if (flags & ~(DWORD)MSG_DONTROUTE)
        return WSAEINVAL;
    x->linux_flags = (flags & MSG_DONTROUTE) ? SYS_MSG_DONTROUTE : 0;
    x->tolen = 0;
    if (msg->name) {
        int error = base_sockaddr_to_linux(msg->name, msg->namelen, b->family, x->to, &x->tolen);
        if (error)
            return error;
        /* sendto.md, WSAEADDRNOTAVAIL: "The remote address is not a valid address, for example,
         * ADDR_ANY". */
        if (msg__is_any(msg->name))
            return WSAEADDRNOTAVAIL;
        error = base_broadcast_check(b, x->to, x->tolen);
        if (error)
            return error;
    }
    int error = base_cmsg_read(msg->Control.buf, msg->Control.len, &x->ctl);
    if (error)
        return error;
    pthread_mutex_lock(&b->lock);
    error = b->shut_send ? WSAESHUTDOWN : !b->connected && !msg->name ? WSAEDESTADDRREQ : 0;
    pthread_mutex_unlock(&b->lock);
    if (!error)
        error = base_buffers_check(msg->lpBuffers, msg->dwBufferCount);
    return error;
}

INT WSAAPI base_WSASendMsg(SOCKET s, LPWSAMSG lpMsg, DWORD dwFlags, LPDWORD lpNumberOfBytesSent,
                           LPWSAOVERLAPPED lpOverlapped,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    int err;
    struct bsock *b = bsock_get(s, &err);
    if (!b)
        return msg__fail(NULL, err);
    struct msg_send x;
    int error = msg__send_check(b, lpMsg, dwFlags, lpNumberOfBytesSent, lpOverlapped,
                                lpCompletionRoutine, &x);
    if (!error && !lpOverlapped) {
        error = msg__send_wait(b, &x, lpMsg, lpNumberOfBytesSent);
    } else if (!error) {
        struct bop *op =
            lpCompletionRoutine && atomic_load(&b->ks.port)
                ? NULL
                : bop_new(BOP_SEND, lpMsg->lpBuffers, lpMsg->dwBufferCount, lpOverlapped);
        struct msg_send *ext = op ? malloc(sizeof(*ext)) : NULL;
        if (!op || !ext) {
            if (op)
                bop_discard(op);
            free(ext);
            error = lpCompletionRoutine && atomic_load(&b->ks.port) ? WSAEINVAL : WSAENOBUFS;
        } else {
            *ext = x;
            bop_set_step(op, msg__send_step, ext);
            bop_set_routine(op, lpCompletionRoutine);
            error = bop_start(b, op, lpNumberOfBytesSent, NULL);
        }
    }
    if (!error || error == WSA_IO_PENDING) {
        pthread_mutex_lock(&b->lock);
        b->bound = true; /* a datagram send binds an unbound socket implicitly, as sendto does */
        pthread_mutex_unlock(&b->lock);
    }
    return error ? msg__fail(b, error) : msg__ok(b);
}
