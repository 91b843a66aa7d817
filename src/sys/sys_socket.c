/* Linux socket calls behind the neutral interface of sys.h. */
#include "sys/sys.h"
#include "sys/sys_msg.h"
#include "sys/sys_facts.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <linux/sockios.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <poll.h>
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
                   SYS_TCP_NODELAY == TCP_NODELAY && SYS_TCP_USER_TIMEOUT == TCP_USER_TIMEOUT &&
                   SYS_IP_TTL == IP_TTL && SYS_IPV6_V6ONLY == IPV6_V6ONLY,
               "protocol options");
_Static_assert(SYS_TCP_KEEPIDLE == TCP_KEEPIDLE && SYS_TCP_KEEPINTVL == TCP_KEEPINTVL &&
                   SYS_TCP_KEEPCNT == TCP_KEEPCNT,
               "keep-alive options");
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

#define SYS__PAGE_BITS 10
#define SYS__PAGES     4096

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

uint32_t sys_facts(int fd)
{
    _Atomic uint32_t *slot = sys__slot(fd, false);
    return slot ? atomic_load_explicit(slot, memory_order_acquire) : 0;
}

void sys_facts_set(int fd, uint32_t facts)
{
    _Atomic uint32_t *slot = sys__slot(fd, facts != 0);
    if (slot)
        atomic_store_explicit(slot, facts, memory_order_release);
}

void sys_facts_change(int fd, uint32_t set, uint32_t clear)
{
    _Atomic uint32_t *slot = sys__slot(fd, false);
    if (!slot)
        return;
    uint32_t facts = atomic_load(slot);
    while (!atomic_compare_exchange_weak(slot, &facts, (facts & ~clear) | set))
        ;
}

int sys_socket(int family, int type, int protocol)
{
    int fd = socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (fd < 0)
        return -1;
    if (type == SOCK_DGRAM) {
        /*
         * The error queue makes Linux report ICMP errors on unconnected
         * sockets too, and says which ICMP message each was (ip(7),
         * IP_RECVERR).  A dual-stack IPv6 socket gets IPv4 errors through
         * IP_RECVERR, IPv6 ones through IPV6_RECVERR.
         */
        int on = 1;
        if (family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof(on));
        setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on));
    }
    bool tcp = type == SOCK_STREAM && (family == AF_INET || family == AF_INET6);
    sys_facts_set(fd, type == SOCK_STREAM  ? SYS__STREAM | (tcp ? SYS__FRESH : 0)
                      : type == SOCK_DGRAM ? SYS__DGRAM
                                           : 0);
    return fd;
}

void sys_socket_made(int fd, int ping)
{
    /* Written even when 0, so that a number's previous socket leaves nothing behind. */
    _Atomic uint32_t *slot = sys__slot(fd, true);
    if (slot)
        atomic_store_explicit(slot, (uint32_t)ping << SYS__PING_SHIFT, memory_order_release);
}

int sys_is_ping(int fd)
{
    return (int)((sys_facts(fd) >> SYS__PING_SHIFT) & 3u);
}

int sys_is_dgram(int fd)
{
    return (sys_facts(fd) & SYS__KIND) == SYS__DGRAM;
}

int sys_dgram_report(int fd, unsigned kind, int on)
{
    if ((sys_facts(fd) & SYS__KIND) != SYS__DGRAM) {
        errno = EBADF;
        return -1;
    }
    uint32_t bits = (uint32_t)kind << SYS__REPORTS_SHIFT;
    sys_facts_change(fd, on ? bits : 0, on ? 0 : bits);
    return 0;
}

unsigned sys_icmp_kind(int v6, int type, int code)
{
    if (v6)
        return type == ICMP6_DST_UNREACH && code == ICMP6_DST_UNREACH_NOPORT
                   ? SYS_ICMP_PORT_UNREACHABLE
               : type == ICMP6_TIME_EXCEEDED ? SYS_ICMP_TIME_EXCEEDED
                                             : 0;
    return type == ICMP_DEST_UNREACH && code == ICMP_PORT_UNREACH ? SYS_ICMP_PORT_UNREACHABLE
           : type == ICMP_TIME_EXCEEDED                           ? SYS_ICMP_TIME_EXCEEDED
                                                                  : 0;
}

int sys_timeout_errno(int keepalive, int unacked_bytes)
{
    return keepalive && unacked_bytes == 0 ? ENETRESET : ECONNABORTED;
}

int sys_shutdown(int fd, int how)
{
    return shutdown(fd, how);
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

static long sys__sendmsg(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                         uint32_t addrlen, int flags, const struct sys_ctl *ctl)
{
    /*
     * One buffer and no control data: sendto, which the kernel serves
     * without copying in a msghdr and an iovec array (__sys_sendto builds
     * its own); the same send otherwise.  Most WSASend calls are this.
     */
    if (iovcnt == 1 && !(ctl && ctl->len))
        return sendto(fd, iov[0].base, iov[0].len, flags | MSG_NOSIGNAL,
                      (const struct sockaddr *)addr, addr ? addrlen : 0);
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_name = (void *)addr;
    msg.msg_namelen = addr ? addrlen : 0;
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = iovcnt;
    if (ctl && ctl->len) {
        msg.msg_control = ctl->buf;
        msg.msg_controllen = ctl->len;
    }
    /* A peer that went away must give an error, never SIGPIPE. */
    return sendmsg(fd, &msg, flags | MSG_NOSIGNAL);
}

static long sys__recvmsg(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr,
                         uint32_t *addrlen, int flags, int *msg_flags, struct sys_ctl *ctl)
{
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_name = addr;
    msg.msg_namelen = addr ? *addrlen : 0;
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = iovcnt;
    if (ctl) {
        /* From its capacity each time: a receive made again must not see the last one's length. */
        msg.msg_control = ctl->buf;
        msg.msg_controllen = ctl->cap;
        ctl->len = 0;
    }
    long r = recvmsg(fd, &msg, flags);
    if (r >= 0) {
        if (ctl)
            ctl->len = msg.msg_controllen;
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

static int sys__so_error(int fd)
{
    int e = 0;
    socklen_t len = sizeof(e);
    return getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) == 0 ? e : 0;
}

/*
 * ETIMEDOUT on an established connection: which timer gave up.  What was
 * unacknowledged stays in SIOCOUTQ after the connection is dropped (its
 * sequence numbers are kept), and keep-alive probes are sent only when
 * nothing is (tcp_keepalive_timer).
 */
static int sys__timeout_cause(int fd)
{
    int keepalive = 0, unacked = 0;
    socklen_t len = sizeof(keepalive);
    getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &keepalive, &len);
    if (ioctl(fd, SIOCOUTQ, &unacked) < 0)
        unacked = 0;
    return sys_timeout_errno(keepalive, unacked);
}

/*
 * What later calls report for a connection that ended with e: e itself,
 * except that a keep-alive failure fails only the calls in progress with
 * WSAENETRESET; "Subsequent operations fail with WSAECONNRESET" (Windows
 * Sockets Error Codes, WSAECONNRESET).
 */
static int sys__replay(int end)
{
    return end == ENETRESET ? ECONNRESET : end;
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
            return sys__replay((int)(facts >> SYS__END_SHIFT));
        if (atomic_compare_exchange_weak(slot, &facts, facts | (uint32_t)e << SYS__END_SHIFT))
            return e;
    }
}

int sys_connection_end(int fd)
{
    uint32_t facts = sys_facts(fd);
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
        return sys__replay(end);
    if (!e) {
        /*
         * A receive finds the FIN before the error of a reset that came
         * after it (tcp_recvmsg checks SOCK_DONE first), so the error would
         * stay unreported: Windows fails that receive with WSAECONNABORTED
         * (Wine's test_shutdown, "Send data to a peer which is closed").
         */
        struct pollfd p = {fd, 0, 0};
        if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLERR) || !(e = sys__so_error(fd)))
            return 0;
    }
    if (e == ENOTCONN)
        return e;
    if (e == ETIMEDOUT)
        e = sys__timeout_cause(fd);
    return sys__record_end(fd, e);
}

int sys_stream_result(int fd, int e)
{
    return sys__stream_failure(fd, e);
}

int sys_take_error(int fd)
{
    uint32_t facts = sys_facts(fd);
    if ((facts & SYS__KIND) == SYS__DGRAM)
        return 0;
    int e = sys__so_error(fd);
    if (!e || (facts & SYS__KIND) != SYS__STREAM || !sys__ends_connection(e))
        return e;
    if (e == ETIMEDOUT)
        e = sys__timeout_cause(fd);
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

/* --- ICMP errors about datagrams ---------------------------------------- */

/* The errnos that an ICMP error sets on a UDP socket (icmp_err_convert, icmpv6_err_convert). */
static bool sys__icmp_errno(int e)
{
    switch (e) {
    case ECONNREFUSED:
    case EHOSTUNREACH:
    case ENETUNREACH:
    case EHOSTDOWN:
    case ENONET:
    case EPROTO:
    case ENOPROTOOPT:
    case EMSGSIZE:
    case EACCES:
    case EOPNOTSUPP: return true;
    default: return false;
    }
}

static int sys__icmp_report(unsigned kind, uint32_t facts)
{
    if (!(kind & (facts >> SYS__REPORTS_SHIFT)))
        return 0;
    return kind == SYS_ICMP_PORT_UNREACHABLE ? ECONNRESET : ENETRESET;
}

/*
 * Takes the oldest entry off fd's error queue.  -1 if there is none;
 * otherwise the errno to report for it, or 0 if the socket does not report
 * its kind (it is dropped).  Taking an entry makes Linux's pending error
 * that of the next one, if that is an ICMP error too (sock_dequeue_err_skb);
 * an entry of another origin would then be left unsignalled, so the socket
 * is marked as possibly holding orphans.
 */
static int sys__icmp_take(int fd, uint32_t facts)
{
    char data[1];
    union {
        char buf[CMSG_SPACE(sizeof(struct sock_extended_err) + sizeof(struct sockaddr_in6))];
        struct cmsghdr align;
    } control;
    struct iovec iov = {data, sizeof(data)};
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof(control.buf);
    if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
        return -1;
    sys_facts_change(fd, SYS__ORPHAN, 0);
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (!((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR) ||
              (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR)))
            continue;
        struct sock_extended_err ee;
        memcpy(&ee, CMSG_DATA(c), sizeof(ee));
        if (ee.ee_origin == SO_EE_ORIGIN_ICMP || ee.ee_origin == SO_EE_ORIGIN_ICMP6)
            return sys__icmp_report(
                sys_icmp_kind(ee.ee_origin == SO_EE_ORIGIN_ICMP6, ee.ee_type, ee.ee_code), facts);
    }
    return 0;
}

/* How many times a datagram send that an ICMP error failed is made again (sys_sendmsg_one). */
#define SYS__SEND_ATTEMPTS 64

long sys_sendmsg_one(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                     uint32_t addrlen, int flags, const struct sys_ctl *ctl)
{
    long r = sys__sendmsg(fd, iov, iovcnt, addr, addrlen, flags, ctl);
    if (r >= 0 || errno == EAGAIN || errno == EINTR)
        return r;
    int e = errno;
    uint32_t facts = sys_facts(fd);
    if ((facts & SYS__KIND) == SYS__STREAM) {
        errno = sys__stream_failure(fd, e);
        return -1;
    }
    if ((facts & SYS__KIND) == SYS__DGRAM) {
        /*
         * The failure may have been the pending error of an ICMP message
         * (sock_alloc_send_pskb reports it), whose entry now waits on the
         * error queue for the next receive; or a local error queued there.
         * Either way the next receive looks at the queue, and a send that
         * the ICMP error failed is made again: Windows fails only receives.
         *
         * Again and again: Linux keeps one pending error per socket and
         * hands it to whichever call comes first, so while other threads
         * send to a closed port their ICMP messages can set it anew before
         * each new attempt of this one.  Nothing tells such a failure from
         * one of the send's own (a route refused, a datagram too large),
         * which the same attempt meets every time, so the attempts are
         * bounded: far more than concurrent ICMP messages can beat in a row
         * (Linux sends at most icmp_msgs_burst of them at once), at the cost
         * of that many quick system calls for a send that fails anyway.
         */
        sys_facts_change(fd, SYS__ORPHAN, 0);
        for (int tries = 0; sys__icmp_errno(e) && tries < SYS__SEND_ATTEMPTS; tries++) {
            r = sys__sendmsg(fd, iov, iovcnt, addr, addrlen, flags, ctl);
            if (r >= 0 || errno == EAGAIN || errno == EINTR)
                return r;
            e = errno;
        }
    }
    errno = e;
    return -1;
}

static bool sys__iov_empty(const struct sys_iovec *iov, unsigned iovcnt)
{
    for (unsigned i = 0; i < iovcnt; i++)
        if (iov[i].len)
            return false;
    return true;
}

long sys_recvmsg_one(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                     int flags, int *msg_flags, struct sys_ctl *ctl)
{
    for (;;) {
        long r = sys__recvmsg(fd, iov, iovcnt, addr, addrlen, flags, msg_flags, ctl);
        if (r > 0 || (r < 0 && errno == EINTR))
            return r;
        int e = r < 0 ? errno : 0;
        uint32_t facts = sys_facts(fd);
        if ((facts & SYS__KIND) == SYS__STREAM) {
            if (r == 0 && sys__iov_empty(iov, iovcnt))
                return 0;
            e = sys__stream_failure(fd, e);
            if (!e)
                return 0;
            errno = e;
            return -1;
        }
        if ((facts & SYS__KIND) != SYS__DGRAM || r == 0) {
            errno = e;
            return r;
        }
        int report;
        if (e == EAGAIN) {
            if (!(facts & SYS__ORPHAN))
                return r;
            /* Cleared first: an orphan a send makes meanwhile is not forgotten. */
            sys_facts_change(fd, 0, SYS__ORPHAN);
            report = sys__icmp_take(fd, facts);
            if (report < 0) {
                errno = EAGAIN;
                return -1;
            }
        } else if (sys__icmp_errno(e)) {
            report = sys__icmp_take(fd, facts);
            /* A pending error without an entry: the error queue was full. */
            if (report < 0)
                report = e == ECONNREFUSED ? sys__icmp_report(SYS_ICMP_PORT_UNREACHABLE, facts) : 0;
        } else {
            errno = e;
            return -1;
        }
        if (report > 0) {
            errno = report;
            return -1;
        }
        /* An ICMP error this socket does not report: receive again. */
    }
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
    sys_socket_closing(fd);
    if (dup3(sys__placeholder, fd, O_CLOEXEC) < 0)
        return -1;
    sys_facts_set(fd, 0);
    return 0;
}

int sys_dup_onto(int from, int onto)
{
    sys_socket_closing(onto); /* onto's socket is released */
    if (dup3(from, onto, O_CLOEXEC) < 0)
        return -1;
    sys_facts_set(onto, sys_facts(from));
    /* onto stands for the socket now: closing from (as callers do next) leaves it as it is. */
    sys_facts_change(from, 0, SYS__UNSHARED);
    return 0;
}

int sys_dup_socket(int fd)
{
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (r < 0)
        return -1;
    uint32_t facts = sys_facts(fd);
    /* A socket another process made has no facts here yet: its kind is asked. */
    if (!(facts & SYS__KIND)) {
        int type = 0;
        socklen_t len = sizeof(type);
        getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
        facts = type == SOCK_STREAM ? SYS__STREAM : type == SOCK_DGRAM ? SYS__DGRAM : 0;
    }
    /*
     * A shared socket keeps its SO_REUSEADDR through every close (see
     * "Sharing a port"), and either descriptor may bind or connect it.
     */
    sys_facts_change(fd, 0, SYS__UNSHARED | SYS__FRESH);
    sys_facts_set(r, facts & ~(SYS__UNSHARED | SYS__FRESH | SYS__NAMED));
    return r;
}
