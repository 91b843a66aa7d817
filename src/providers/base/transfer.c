/*
 * Sending and receiving without OVERLAPPED: WSPSend, WSPSendTo, WSPRecv,
 * WSPRecvFrom.  A blocking send returns only when every byte is queued (as
 * on Windows); a non-blocking one takes what fits, or fails with
 * WSAEWOULDBLOCK.  Blocking waits honour SO_SNDTIMEO/SO_RCVTIMEO
 * (WSAETIMEDOUT) and end with WSAEINTR when another thread closes the socket.
 */
#include <errno.h>
#include <stdlib.h>

#include "providers/base/base.h"
#include "sys/sys.h"

#define TRANSFER_STACK_IOV 16
#define TRANSFER_MAX_IOV   1024

struct transfer_iov {
    struct sys_iovec *iov;
    unsigned count;
    struct sys_iovec stack[TRANSFER_STACK_IOV];
};

static int transfer__iov_init(struct transfer_iov *t, const WSABUF *bufs, DWORD count)
{
    if (count > 0 && !bufs)
        return WSAEFAULT;
    if (count > TRANSFER_MAX_IOV)
        return WSAENOBUFS;
    t->iov = count <= TRANSFER_STACK_IOV ? t->stack : malloc(count * sizeof(*t->iov));
    if (!t->iov)
        return WSAENOBUFS;
    t->count = count;
    for (DWORD i = 0; i < count; i++) {
        if (bufs[i].len && !bufs[i].buf) {
            if (t->iov != t->stack)
                free(t->iov);
            return WSAEFAULT;
        }
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
    st->timeout = sending ? b->sndtimeo : b->rcvtimeo;
    pthread_mutex_unlock(&b->lock);
}

static int transfer__send(struct bsock *b, const WSABUF *bufs, DWORD count, DWORD flags,
                          const void *to, uint32_t tolen, LPDWORD sent)
{
    if (flags & ~(DWORD)(MSG_OOB | MSG_DONTROUTE))
        return WSAEOPNOTSUPP;
    if (!sent)
        return WSAEFAULT;
    struct transfer_state st;
    transfer__state(b, true, &st);
    if (st.shut)
        return WSAESHUTDOWN;
    if (!st.connected && (b->type == SOCK_STREAM || !to))
        return WSAENOTCONN;
    if (b->type == SOCK_STREAM)
        to = NULL;

    struct transfer_iov t;
    int error = transfer__iov_init(&t, bufs, count);
    if (error)
        return error;
    struct sys_iovec *owned = t.iov;
    int linux_flags = SYS_MSG_DONTWAIT | ((flags & MSG_OOB) ? SYS_MSG_OOB : 0) |
                      ((flags & MSG_DONTROUTE) ? SYS_MSG_DONTROUTE : 0);
    int64_t deadline = bsock_deadline(st.timeout);
    size_t total = 0;
    for (;;) {
        long n = sys_sendmsg(b->fd, t.iov, t.count, to, tolen, linux_flags);
        if (n >= 0) {
            total += (size_t)n;
            transfer__iov_advance(&t, (size_t)n);
            /* A datagram goes whole or not at all; a stream blocks until all is queued. */
            if (b->type != SOCK_STREAM || t.count == 0 || transfer__iov_total(&t) == 0 ||
                st.nonblocking)
                break;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            error = bsock_error(b, errno);
            break;
        }
        if (st.nonblocking) {
            if (total == 0)
                error = WSAEWOULDBLOCK;
            break;
        }
        error = bsock_wait(b, SYS_POLLOUT, deadline);
        if (error)
            break;
    }
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

static int transfer__recv(struct bsock *b, const WSABUF *bufs, DWORD count, LPDWORD flags,
                          void *from, uint32_t *fromlen, LPDWORD received)
{
    if (!flags || !received)
        return WSAEFAULT;
    DWORD in = *flags;
    if (in & ~(DWORD)(MSG_PEEK | MSG_OOB | MSG_WAITALL | MSG_PUSH_IMMEDIATE))
        return WSAEOPNOTSUPP;
    struct transfer_state st;
    transfer__state(b, false, &st);
    if (st.shut)
        return WSAESHUTDOWN;
    if (b->type == SOCK_STREAM && !st.connected)
        return WSAENOTCONN;
    if (b->type != SOCK_STREAM && !st.bound)
        return WSAEINVAL;
    if ((in & MSG_WAITALL) && (b->type != SOCK_STREAM || st.nonblocking))
        return WSAEOPNOTSUPP;

    struct transfer_iov t;
    int error = transfer__iov_init(&t, bufs, count);
    if (error)
        return error;
    struct sys_iovec *owned = t.iov;
    int linux_flags = SYS_MSG_DONTWAIT | ((in & MSG_PEEK) ? SYS_MSG_PEEK : 0) |
                      ((in & MSG_OOB) ? SYS_MSG_OOB : 0);
    bool wait_all = (in & MSG_WAITALL) && !(in & MSG_PEEK);
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
            error = bsock_error(b, errno);
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

int WSPAPI base_WSPSend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                        LPDWORD lpNumberOfBytesSent, DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                        LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    return base_WSPSendTo(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, NULL, 0,
                          lpOverlapped, lpCompletionRoutine, lpThreadId, lpErrno);
}

int WSPAPI base_WSPSendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                          LPDWORD lpNumberOfBytesSent, DWORD dwFlags, const struct sockaddr *lpTo,
                          int iTolen, LPWSAOVERLAPPED lpOverlapped,
                          LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                          LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    (void)lpThreadId;
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    if (lpOverlapped || lpCompletionRoutine)
        return transfer__end(b, WSAEOPNOTSUPP, lpErrno);
    unsigned char addr[SYS_SOCKADDR_MAX];
    uint32_t addrlen = 0;
    int error = 0;
    if (lpTo && b->type != SOCK_STREAM)
        error = base_sockaddr_to_linux(lpTo, iTolen, b->family, addr, &addrlen);
    if (!error)
        error = transfer__send(b, lpBuffers, dwBufferCount, dwFlags,
                               lpTo && b->type != SOCK_STREAM ? addr : NULL, addrlen,
                               lpNumberOfBytesSent);
    return transfer__end(b, error, lpErrno);
}

int WSPAPI base_WSPRecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                        LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                        LPWSAOVERLAPPED lpOverlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                        LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    return base_WSPRecvFrom(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, NULL,
                            NULL, lpOverlapped, lpCompletionRoutine, lpThreadId, lpErrno);
}

int WSPAPI base_WSPRecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                            LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                            struct sockaddr *lpFrom, LPINT lpFromlen,
                            LPWSAOVERLAPPED lpOverlapped,
                            LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                            LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    (void)lpThreadId;
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    if (lpOverlapped || lpCompletionRoutine)
        return transfer__end(b, WSAEOPNOTSUPP, lpErrno);
    int family_size =
        b->family == AF_INET6 ? (int)sizeof(struct sockaddr_in6) : (int)sizeof(struct sockaddr_in);
    if (lpFrom && (!lpFromlen || *lpFromlen < family_size))
        return transfer__end(b, WSAEFAULT, lpErrno);
    unsigned char from[SYS_SOCKADDR_MAX];
    uint32_t fromlen = sizeof(from);
    int error = transfer__recv(b, lpBuffers, dwBufferCount, lpFlags, lpFrom ? from : NULL,
                               lpFrom ? &fromlen : NULL, lpNumberOfBytesRecvd);
    if ((!error || error == WSAEMSGSIZE) && lpFrom && fromlen > 0)
        base_sockaddr_from_linux(from, fromlen, lpFrom, lpFromlen);
    return transfer__end(b, error, lpErrno);
}
