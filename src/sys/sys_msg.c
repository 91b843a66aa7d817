/*
 * Transfers with more buffers than Linux takes at once.
 *
 * Linux refuses an iovec of more than UIO_MAXIOV (1024) entries with
 * EMSGSIZE; Winsock has no such limit (WSASend.md names none).  A transfer
 * with more buffers is therefore made here, and stays one transfer: a
 * stream sends or receives them in runs of SYS__IOV_MAX, in order, for as
 * long as each run goes through whole; a datagram, which must stay one
 * message, is gathered into (or received through) one contiguous buffer.
 * A call with up to SYS__IOV_MAX buffers is the one system call it always was.
 */
#include "sys/sys_msg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SYS__IOV_MAX 1024

/* The largest UDP payload (65535 less the 8-byte UDP header); more is EMSGSIZE anyway. */
#define SYS__DGRAM_MAX 65527

static size_t sys__iov_bytes(const struct sys_iovec *iov, unsigned iovcnt)
{
    size_t n = 0;
    for (unsigned i = 0; i < iovcnt; i++)
        n += iov[i].len;
    return n;
}

/* The first run of buffers at or after iov[*at] that holds any bytes; its count, 0 at the end. */
static unsigned sys__next_run(const struct sys_iovec *iov, unsigned iovcnt, unsigned *at,
                              size_t *bytes)
{
    while (*at < iovcnt) {
        unsigned n = iovcnt - *at < SYS__IOV_MAX ? iovcnt - *at : SYS__IOV_MAX;
        *bytes = sys__iov_bytes(iov + *at, n);
        if (*bytes)
            return n;
        *at += n;
    }
    return 0;
}

static long sys__send_gathered(int fd, const struct sys_iovec *iov, unsigned iovcnt,
                               const void *addr, uint32_t addrlen, int flags,
                               const struct sys_ctl *ctl)
{
    size_t total = sys__iov_bytes(iov, iovcnt);
    if (total > SYS__DGRAM_MAX) {
        errno = EMSGSIZE;
        return -1;
    }
    char *bounce = malloc(total ? total : 1);
    if (!bounce) {
        errno = ENOBUFS;
        return -1;
    }
    size_t off = 0;
    for (unsigned i = 0; i < iovcnt; i++) {
        if (iov[i].len)
            memcpy(bounce + off, iov[i].base, iov[i].len);
        off += iov[i].len;
    }
    struct sys_iovec one = {bounce, total};
    long r = sys_sendmsg_one(fd, &one, 1, addr, addrlen, flags, ctl);
    int e = errno;
    free(bounce);
    errno = e;
    return r;
}

long sys_sendmsg(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                 uint32_t addrlen, int flags)
{
    return sys_sendmsg_ctl(fd, iov, iovcnt, addr, addrlen, flags, NULL);
}

/*
 * Control data goes with the first system call of a transfer (a datagram's
 * one call; on a stream, whose ancillary data Linux ties to the bytes of
 * one call, the first run).
 */
long sys_sendmsg_ctl(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                     uint32_t addrlen, int flags, const struct sys_ctl *ctl)
{
    if (sys_is_ping(fd)) /* the echo identifier as the socket's port (sys_icmp.c) */
        sys_icmp_before_send(fd, iov, iovcnt);
    if (iovcnt <= SYS__IOV_MAX)
        return sys_sendmsg_one(fd, iov, iovcnt, addr, addrlen, flags, ctl);
    if (sys_is_dgram(fd))
        return sys__send_gathered(fd, iov, iovcnt, addr, addrlen, flags, ctl);
    long total = 0;
    unsigned at = 0, n;
    size_t want;
    while ((n = sys__next_run(iov, iovcnt, &at, &want)) != 0) {
        long r = sys_sendmsg_one(fd, iov + at, n, addr, addrlen, flags, total == 0 ? ctl : NULL);
        /* What went before was sent: report it; the failure comes again to the next call. */
        if (r < 0)
            return total > 0 ? total : -1;
        total += r;
        if ((size_t)r < want)
            break;
        at += n;
    }
    return total;
}

static long sys__recv_scattered(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr,
                                uint32_t *addrlen, int flags, int *msg_flags, struct sys_ctl *ctl)
{
    size_t total = sys__iov_bytes(iov, iovcnt);
    size_t size = total < SYS__DGRAM_MAX ? total : SYS__DGRAM_MAX;
    char *bounce = malloc(size ? size : 1);
    if (!bounce) {
        errno = ENOBUFS;
        return -1;
    }
    struct sys_iovec one = {bounce, size};
    long r = sys_recvmsg_one(fd, &one, 1, addr, addrlen, flags, msg_flags, ctl);
    int e = errno;
    for (size_t off = 0, i = 0; r > 0 && off < (size_t)r && i < iovcnt; i++) {
        size_t part = iov[i].len < (size_t)r - off ? iov[i].len : (size_t)r - off;
        if (part)
            memcpy(iov[i].base, bounce + off, part);
        off += part;
    }
    free(bounce);
    errno = e;
    return r;
}

long sys_recvmsg(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                 int flags, int *msg_flags)
{
    return sys_recvmsg_ctl(fd, iov, iovcnt, addr, addrlen, flags, msg_flags, NULL);
}

/* Control data comes with the first system call (a stream's first run; the rest get none). */
long sys_recvmsg_ctl(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                     int flags, int *msg_flags, struct sys_ctl *ctl)
{
    if (sys_is_ping(fd) == SYS_PING_V4) /* an IPv4 header to make up (sys_icmp.c) */
        return sys_icmp_recv4(fd, iov, iovcnt, addr, addrlen, flags, msg_flags);
    if (iovcnt <= SYS__IOV_MAX)
        return sys_recvmsg_one(fd, iov, iovcnt, addr, addrlen, flags, msg_flags, ctl);
    if (sys_is_dgram(fd))
        return sys__recv_scattered(fd, iov, iovcnt, addr, addrlen, flags, msg_flags, ctl);
    if (msg_flags)
        *msg_flags = 0;
    long total = 0;
    unsigned at = 0, n;
    size_t want;
    while ((n = sys__next_run(iov, iovcnt, &at, &want)) != 0) {
        int run_flags = 0;
        long r = sys_recvmsg_one(fd, iov + at, n, addr, addrlen, flags, &run_flags,
                                 total == 0 ? ctl : NULL);
        if (r < 0)
            return total > 0 ? total : -1;
        if (msg_flags)
            *msg_flags |= run_flags;
        total += r;
        /*
         * A run that was not filled took all there was; a peek or urgent
         * data is one look at the queue, which the next run would repeat.
         */
        if (r == 0 || (size_t)r < want || (flags & (SYS_MSG_PEEK | SYS_MSG_OOB)))
            break;
        at += n;
    }
    return total;
}
