/*
 * Linux's control messages <-> the neutral items of sys_cmsg.h.
 *
 * Only the kinds Windows reports or accepts for UDP are translated:
 * packet information, traffic class (TOS) and hop limit (TTL), for IPv4
 * and IPv6.  Anything else Linux delivers (IP_RECVERR entries never come
 * here: they are on the error queue) is left out, as Windows would never
 * have produced it.
 */
#include "sys/sys_cmsg.h"
#include "sys/sys_msg.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

_Static_assert(SYS_MSG_CTRUNC == MSG_CTRUNC, "MSG_CTRUNC");

/* Room for every item sys_cmsg can hold, in Linux's layout. */
#define SYS__CTL_SIZE (SYS_CMSG_MAX * CMSG_SPACE(sizeof(struct in6_pktinfo)))

static void sys__item_from_linux(const struct cmsghdr *c, struct sys_cmsg *out)
{
    if (out->count >= SYS_CMSG_MAX)
        return;
    struct sys_cmsg_item it;
    memset(&it, 0, sizeof(it));
    size_t len = c->cmsg_len - CMSG_LEN(0);
    const unsigned char *data = CMSG_DATA(c);
    int value = 0;
    if (c->cmsg_level == IPPROTO_IP) {
        if (c->cmsg_type == IP_PKTINFO && len >= sizeof(struct in_pktinfo)) {
            struct in_pktinfo pi;
            memcpy(&pi, data, sizeof(pi));
            it.kind = SYS_CMSG_PKTINFO;
            /* ipi_addr is the header's destination, what Windows reports. */
            memcpy(it.addr, &pi.ipi_addr, 4);
            it.ifindex = (unsigned)pi.ipi_ifindex;
        } else if (c->cmsg_type == IP_TOS && len >= 1) {
            /* A received IP_TOS is one byte on Linux (ip_cmsg_recv_tos). */
            it.kind = SYS_CMSG_TOS;
            it.value = data[0];
        } else if (c->cmsg_type == IP_TTL && len >= sizeof(int)) {
            memcpy(&value, data, sizeof(value));
            it.kind = SYS_CMSG_TTL;
            it.value = value;
        } else {
            return;
        }
    } else if (c->cmsg_level == IPPROTO_IPV6) {
        it.v6 = 1;
        if (c->cmsg_type == IPV6_PKTINFO && len >= sizeof(struct in6_pktinfo)) {
            struct in6_pktinfo pi;
            memcpy(&pi, data, sizeof(pi));
            it.kind = SYS_CMSG_PKTINFO;
            memcpy(it.addr, &pi.ipi6_addr, 16);
            it.ifindex = pi.ipi6_ifindex;
        } else if ((c->cmsg_type == IPV6_TCLASS || c->cmsg_type == IPV6_HOPLIMIT) &&
                   len >= sizeof(int)) {
            memcpy(&value, data, sizeof(value));
            it.kind = c->cmsg_type == IPV6_TCLASS ? SYS_CMSG_TOS : SYS_CMSG_TTL;
            it.value = value;
        } else {
            return;
        }
    } else {
        return;
    }
    out->item[out->count++] = it;
}

long sys_recvmsg_cmsg(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                      int flags, int *msg_flags, struct sys_cmsg *out)
{
    union {
        struct cmsghdr align;
        unsigned char bytes[SYS__CTL_SIZE];
    } buf;
    struct sys_ctl ctl = {buf.bytes, sizeof(buf.bytes), 0};
    int mflags = 0;
    out->count = 0;
    out->truncated = 0;
    long r = sys_recvmsg_ctl(fd, iov, iovcnt, addr, addrlen, flags, &mflags, &ctl);
    if (msg_flags)
        *msg_flags = mflags;
    if (r < 0)
        return r;
    out->truncated = (mflags & MSG_CTRUNC) != 0;
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_control = buf.bytes;
    m.msg_controllen = ctl.len;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
        sys__item_from_linux(c, out);
    return r;
}

/* Appends one Linux control message; 0, or -1 when the buffer is full. */
static int sys__put(struct msghdr *m, size_t *used, int level, int type, const void *data,
                    size_t len)
{
    if (*used + CMSG_SPACE(len) > m->msg_controllen)
        return -1;
    struct cmsghdr *c = (struct cmsghdr *)((unsigned char *)m->msg_control + *used);
    memset(c, 0, CMSG_SPACE(len));
    c->cmsg_level = level;
    c->cmsg_type = type;
    c->cmsg_len = CMSG_LEN(len);
    memcpy(CMSG_DATA(c), data, len);
    *used += CMSG_SPACE(len);
    return 0;
}

static int sys__item_to_linux(struct msghdr *m, size_t *used, const struct sys_cmsg_item *it)
{
    int value = it->value;
    if (!it->v6) {
        switch (it->kind) {
        case SYS_CMSG_PKTINFO: {
            /* Windows' ipi_addr on a send is the source address: Linux's ipi_spec_dst. */
            struct in_pktinfo pi;
            memset(&pi, 0, sizeof(pi));
            pi.ipi_ifindex = (int)it->ifindex;
            memcpy(&pi.ipi_spec_dst, it->addr, 4);
            return sys__put(m, used, IPPROTO_IP, IP_PKTINFO, &pi, sizeof(pi));
        }
        case SYS_CMSG_TOS: return sys__put(m, used, IPPROTO_IP, IP_TOS, &value, sizeof(value));
        case SYS_CMSG_TTL: return sys__put(m, used, IPPROTO_IP, IP_TTL, &value, sizeof(value));
        }
        return -1;
    }
    switch (it->kind) {
    case SYS_CMSG_PKTINFO: {
        struct in6_pktinfo pi;
        memset(&pi, 0, sizeof(pi));
        memcpy(&pi.ipi6_addr, it->addr, 16);
        pi.ipi6_ifindex = it->ifindex;
        return sys__put(m, used, IPPROTO_IPV6, IPV6_PKTINFO, &pi, sizeof(pi));
    }
    case SYS_CMSG_TOS: return sys__put(m, used, IPPROTO_IPV6, IPV6_TCLASS, &value, sizeof(value));
    case SYS_CMSG_TTL: return sys__put(m, used, IPPROTO_IPV6, IPV6_HOPLIMIT, &value, sizeof(value));
    }
    return -1;
}

long sys_sendmsg_cmsg(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                      uint32_t addrlen, int flags, const struct sys_cmsg *in)
{
    union {
        struct cmsghdr align;
        unsigned char bytes[SYS__CTL_SIZE];
    } buf;
    struct msghdr m;
    memset(&m, 0, sizeof(m));
    m.msg_control = buf.bytes;
    m.msg_controllen = sizeof(buf.bytes);
    size_t used = 0;
    for (unsigned i = 0; in && i < in->count && i < SYS_CMSG_MAX; i++) {
        if (sys__item_to_linux(&m, &used, &in->item[i]) < 0) {
            errno = EINVAL;
            return -1;
        }
    }
    struct sys_ctl ctl = {buf.bytes, sizeof(buf.bytes), used};
    return sys_sendmsg_ctl(fd, iov, iovcnt, addr, addrlen, flags, used ? &ctl : NULL);
}
