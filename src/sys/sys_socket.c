/* Linux socket calls behind the neutral interface of sys.h. */
#include "sys/sys.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

_Static_assert(SYS_AF_INET == AF_INET && SYS_AF_INET6 == AF_INET6, "families");
_Static_assert(SYS_SOCK_STREAM == SOCK_STREAM && SYS_SOCK_DGRAM == SOCK_DGRAM, "types");
_Static_assert(SYS_SOL_SOCKET == SOL_SOCKET && SYS_SO_REUSEADDR == SO_REUSEADDR &&
                   SYS_SO_TYPE == SO_TYPE && SYS_SO_ERROR == SO_ERROR &&
                   SYS_SO_DONTROUTE == SO_DONTROUTE && SYS_SO_BROADCAST == SO_BROADCAST &&
                   SYS_SO_SNDBUF == SO_SNDBUF && SYS_SO_RCVBUF == SO_RCVBUF &&
                   SYS_SO_KEEPALIVE == SO_KEEPALIVE && SYS_SO_OOBINLINE == SO_OOBINLINE &&
                   SYS_SO_LINGER == SO_LINGER && SYS_SO_ACCEPTCONN == SO_ACCEPTCONN,
               "socket options");
_Static_assert(SYS_IPPROTO_IP == IPPROTO_IP && SYS_IPPROTO_TCP == IPPROTO_TCP &&
                   SYS_IPPROTO_UDP == IPPROTO_UDP && SYS_IPPROTO_IPV6 == IPPROTO_IPV6 &&
                   SYS_TCP_NODELAY == TCP_NODELAY && SYS_IP_TTL == IP_TTL &&
                   SYS_IPV6_V6ONLY == IPV6_V6ONLY,
               "protocol options");
_Static_assert(SYS_MSG_OOB == MSG_OOB && SYS_MSG_PEEK == MSG_PEEK &&
                   SYS_MSG_DONTROUTE == MSG_DONTROUTE && SYS_MSG_CTRUNC == MSG_CTRUNC &&
                   SYS_MSG_TRUNC == MSG_TRUNC && SYS_MSG_DONTWAIT == MSG_DONTWAIT &&
                   SYS_MSG_WAITALL == MSG_WAITALL && SYS_MSG_NOSIGNAL == MSG_NOSIGNAL,
               "message flags");
_Static_assert(SYS_SHUT_RD == SHUT_RD && SYS_SHUT_WR == SHUT_WR && SYS_SHUT_RDWR == SHUT_RDWR,
               "shutdown");
_Static_assert(sizeof(struct sys_iovec) == sizeof(struct iovec) &&
                   offsetof(struct sys_iovec, len) == offsetof(struct iovec, iov_len),
               "iovec layout");
_Static_assert(SYS_SOCKADDR_MAX == sizeof(struct sockaddr_storage), "sockaddr_storage");

/*
 * What the wrappers keep per socket (sys.h, "How connections end"), by
 * descriptor number: the kind of socket, and for a stream socket the errno
 * its connection ended with.  A two-level table: a page is allocated for the first socket in its
 * range and kept (4 KiB per 1024 descriptors).  The entry is written when a
 * socket is made, so a number's previous socket leaves nothing behind; a
 * descriptor beyond the table simply behaves as Linux does.
 */
#define SYS__PAGE_BITS 10
#define SYS__PAGES     4096

#define SYS__STREAM    0x1u
#define SYS__DGRAM     0x2u
#define SYS__KIND      0x3u
#define SYS__END_SHIFT 16

static _Atomic(_Atomic uint32_t *) sys__pages[SYS__PAGES];

static _Atomic uint32_t *sys__slot(int fd, bool create)
{
    if (fd < 0 || ((unsigned)fd >> SYS__PAGE_BITS) >= SYS__PAGES)
        return NULL;
    _Atomic(_Atomic uint32_t *) *dir = &sys__pages[(unsigned)fd >> SYS__PAGE_BITS];
    _Atomic uint32_t *page = atomic_load_explicit(dir, memory_order_acquire);
    if (!page && create) {
        _Atomic uint32_t *fresh = calloc((size_t)1 << SYS__PAGE_BITS, sizeof(*fresh));
        if (!fresh)
            return NULL;
        if (atomic_compare_exchange_strong_explicit(dir, &page, fresh, memory_order_acq_rel,
                                                    memory_order_acquire))
            page = fresh;
        else
            free(fresh); /* another thread made the page first: page is its */
    }
    return page ? &page[(unsigned)fd & ((1u << SYS__PAGE_BITS) - 1)] : NULL;
}

static uint32_t sys__facts(int fd)
{
    _Atomic uint32_t *slot = sys__slot(fd, false);
    return slot ? atomic_load_explicit(slot, memory_order_acquire) : 0;
}

static void sys__set_facts(int fd, uint32_t facts)
{
    _Atomic uint32_t *slot = sys__slot(fd, facts != 0);
    if (slot)
        atomic_store_explicit(slot, facts, memory_order_release);
}

int sys_socket(int family, int type, int protocol)
{
    int fd = socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (fd < 0)
        return -1;
    sys__set_facts(fd, type == SOCK_STREAM ? SYS__STREAM : type == SOCK_DGRAM ? SYS__DGRAM : 0);
    return fd;
}

int sys_bind(int fd, const void *addr, uint32_t len)
{
    return bind(fd, addr, len);
}

int sys_listen(int fd, int backlog)
{
    return listen(fd, backlog);
}

int sys_accept(int fd, void *addr, uint32_t *len)
{
    socklen_t l = len ? *len : 0;
    int r = accept4(fd, addr, len ? &l : NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (r >= 0 && len)
        *len = l;
    if (r >= 0)
        sys__set_facts(r, SYS__STREAM);
    return r;
}

int sys_connect(int fd, const void *addr, uint32_t len)
{
    return connect(fd, addr, len);
}

int sys_shutdown(int fd, int how)
{
    return shutdown(fd, how);
}

int sys_getsockname(int fd, void *addr, uint32_t *len)
{
    socklen_t l = *len;
    int r = getsockname(fd, addr, &l);
    *len = l;
    return r;
}

int sys_getpeername(int fd, void *addr, uint32_t *len)
{
    socklen_t l = *len;
    int r = getpeername(fd, addr, &l);
    *len = l;
    return r;
}

int sys_setsockopt(int fd, int level, int name, const void *value, uint32_t len)
{
    return setsockopt(fd, level, name, value, len);
}

int sys_getsockopt(int fd, int level, int name, void *value, uint32_t *len)
{
    socklen_t l = *len;
    int r = getsockopt(fd, level, name, value, &l);
    *len = l;
    return r;
}

int sys_set_linger(int fd, int onoff, int seconds)
{
    struct linger l = {onoff, seconds};
    return setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
}

static long sys__sendmsg(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                         uint32_t addrlen, int flags)
{
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_name = (void *)addr;
    msg.msg_namelen = addr ? addrlen : 0;
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = iovcnt;
    /* A peer that went away must give an error, never SIGPIPE. */
    return sendmsg(fd, &msg, flags | MSG_NOSIGNAL);
}

static long sys__recvmsg(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr,
                         uint32_t *addrlen, int flags, int *msg_flags)
{
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_name = addr;
    msg.msg_namelen = addr ? *addrlen : 0;
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = iovcnt;
    long r = recvmsg(fd, &msg, flags);
    if (r >= 0) {
        if (addr)
            *addrlen = msg.msg_namelen;
        if (msg_flags)
            *msg_flags = msg.msg_flags;
    }
    return r;
}

/* --- How connections end ------------------------------------------------ */

/* The errnos with which Linux ends a TCP connection (tcp(7), ip(7) for the ICMP ones). */
static bool sys__ends_connection(int e)
{
    switch (e) {
    case ECONNRESET:
    case ECONNABORTED:
    case ENETRESET:
    case ETIMEDOUT:
    case EPIPE:
    case EHOSTUNREACH:
    case ENETUNREACH:
    case EHOSTDOWN:
    case ENONET:
    case EPROTO: return true;
    default: return false;
    }
}

/* Remembers e as how fd's connection ended, unless an end is known already; what to report now. */
static int sys__record_end(int fd, int e)
{
    _Atomic uint32_t *slot = sys__slot(fd, false);
    if (!slot)
        return e;
    uint32_t facts = atomic_load(slot);
    for (;;) {
        if ((facts & SYS__KIND) != SYS__STREAM)
            return e;
        if (facts >> SYS__END_SHIFT)
            return (int)(facts >> SYS__END_SHIFT);
        if (atomic_compare_exchange_weak(slot, &facts, facts | (uint32_t)e << SYS__END_SHIFT))
            return e;
    }
}

int sys_connection_end(int fd)
{
    uint32_t facts = sys__facts(fd);
    return (facts & SYS__KIND) == SYS__STREAM ? (int)(facts >> SYS__END_SHIFT) : 0;
}

/*
 * What a stream transfer that failed with e, or found the end of the stream
 * (e 0), reports: the connection's end, every time; 0 for an orderly end.
 * Other failures (EINVAL for MSG_OOB without urgent data, EFAULT, ...) are
 * the call's own and pass unchanged.
 */
static int sys__stream_failure(int fd, int e)
{
    if (e && e != ENOTCONN && !sys__ends_connection(e))
        return e;
    int end = sys_connection_end(fd);
    if (end)
        return end;
    if (!e || e == ENOTCONN)
        return e;
    return sys__record_end(fd, e);
}

int sys_tcp_abort(int fd)
{
    /* Remembered first: a transfer racing this must not report the ECONNRESET Linux sets. */
    sys__record_end(fd, ECONNABORTED);
    struct sockaddr unspec;
    memset(&unspec, 0, sizeof(unspec));
    unspec.sa_family = AF_UNSPEC;
    return connect(fd, &unspec, sizeof(unspec));
}

long sys_sendmsg(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                 uint32_t addrlen, int flags)
{
    long r = sys__sendmsg(fd, iov, iovcnt, addr, addrlen, flags);
    if (r >= 0 || errno == EAGAIN || errno == EINTR)
        return r;
    if ((sys__facts(fd) & SYS__KIND) == SYS__STREAM)
        errno = sys__stream_failure(fd, errno);
    return -1;
}

static bool sys__iov_empty(const struct sys_iovec *iov, unsigned iovcnt)
{
    for (unsigned i = 0; i < iovcnt; i++)
        if (iov[i].len)
            return false;
    return true;
}

long sys_recvmsg(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                 int flags, int *msg_flags)
{
    long r = sys__recvmsg(fd, iov, iovcnt, addr, addrlen, flags, msg_flags);
    if (r > 0 || (r < 0 && (errno == EAGAIN || errno == EINTR)))
        return r;
    if ((sys__facts(fd) & SYS__KIND) != SYS__STREAM || (r == 0 && sys__iov_empty(iov, iovcnt)))
        return r;
    int e = sys__stream_failure(fd, r < 0 ? errno : 0);
    if (!e)
        return 0;
    errno = e;
    return -1;
}

int sys_readable_bytes(int fd, int *bytes)
{
    return ioctl(fd, FIONREAD, bytes);
}

int sys_at_mark(int fd, int *at_mark)
{
    return ioctl(fd, SIOCATMARK, at_mark);
}

int sys_unacked_bytes(int fd, int *bytes)
{
    /*
     * After a reset (or any end of the connection) Linux leaves SIOCOUTQ at
     * what it was: nothing queued will ever be delivered, so nothing is
     * waiting to be.
     */
    struct tcp_info info;
    socklen_t len = sizeof(info);
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) == 0 && info.tcpi_state == TCP_CLOSE) {
        *bytes = 0;
        return 0;
    }
    return ioctl(fd, SIOCOUTQ, bytes);
}

static int sys__placeholder = -1;
static pthread_once_t sys__placeholder_once = PTHREAD_ONCE_INIT;

static void sys__open_placeholder(void)
{
    sys__placeholder = open("/dev/null", O_RDWR | O_CLOEXEC);
}

int sys_retire_prepare(void)
{
    pthread_once(&sys__placeholder_once, sys__open_placeholder);
    return sys__placeholder < 0 ? -1 : 0;
}

int sys_retire(int fd)
{
    pthread_once(&sys__placeholder_once, sys__open_placeholder);
    if (sys__placeholder < 0) {
        errno = EMFILE;
        return -1;
    }
    if (dup3(sys__placeholder, fd, O_CLOEXEC) < 0)
        return -1;
    sys__set_facts(fd, 0);
    return 0;
}

int sys_dup_onto(int from, int onto)
{
    if (dup3(from, onto, O_CLOEXEC) < 0)
        return -1;
    sys__set_facts(onto, sys__facts(from));
    return 0;
}
