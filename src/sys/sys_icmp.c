/*
 * ICMP sockets for ping (Windows' SOCK_RAW with IPPROTO_ICMP/IPPROTO_ICMPV6)
 * behind sys.h.
 *
 * Windows lets only administrators open raw sockets (WSAEACCES otherwise;
 * Wine's test_WSASocket and test_icmp, run on Windows).  Linux lets a
 * process with CAP_NET_RAW open one; a process without it may still send
 * and receive echo messages through a "ping socket" (SOCK_DGRAM with
 * IPPROTO_ICMP, allowed to the groups in net.ipv4.ping_group_range).  So
 * a raw socket is tried first and a ping socket second; when neither is
 * allowed the answer is Windows' WSAEACCES (EACCES here).
 *
 * A ping socket differs from a raw one in two ways that are smoothed here:
 * - An IPv4 raw socket on Windows (and Linux) receives each message with
 *   its IP header; a ping socket receives the ICMP message alone.  The
 *   20-byte header (no options) is made up in front of it: version 4,
 *   total length, TTL and TOS as received (IP_RECVTTL, IP_RECVTOS),
 *   protocol 1, source the sender, destination the address the message
 *   came to (IP_PKTINFO), and a correct header checksum.  IPv6 raw sockets
 *   deliver no header on either system.
 * - Linux puts the socket's port in the echo identifier of what it sends
 *   and delivers only replies that carry it.  So that a program's own
 *   identifier comes back, an unbound ping socket is bound, before its
 *   first send, with the identifier of the echo request it sends as port.
 *   Later requests with another identifier still go out with the first.
 *
 * WS2POSIX_TEST_ICMP=ping makes the ping socket the only choice, so that
 * tests run as root also cover it.
 */
#include "sys/sys.h"

#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

static bool icmp__ping_only(void)
{
    const char *v = getenv("WS2POSIX_TEST_ICMP");
    return v && strcmp(v, "ping") == 0;
}

int sys_raw_socket(int family, int protocol, int *ping)
{
    *ping = 0;
    int fd = -1;
    if (!icmp__ping_only()) {
        fd = socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
        if (fd >= 0) {
            sys_socket_made(fd, 0);
            return fd;
        }
        if (errno != EPERM && errno != EACCES)
            return -1;
    }
    bool echo = (family == AF_INET && protocol == IPPROTO_ICMP) ||
                (family == AF_INET6 && protocol == IPPROTO_ICMPV6);
    if (!echo) {
        errno = EACCES;
        return -1;
    }
    fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (fd < 0) {
        /* Not in net.ipv4.ping_group_range: as refused as the raw socket. */
        if (errno == EPERM || errno == EACCES)
            errno = EACCES;
        return -1;
    }
    if (family == AF_INET) {
        int on = 1;
        setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on));
        setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof(on));
        setsockopt(fd, IPPROTO_IP, IP_RECVTOS, &on, sizeof(on));
    }
    sys_socket_made(fd, family == AF_INET ? SYS_PING_V4 : SYS_PING_V6);
    *ping = 1;
    return fd;
}

void sys_icmp_before_send(int fd, const struct sys_iovec *iov, unsigned iovcnt)
{
    /* The identifier is bytes 4-5 of the echo request (type 8 / 128, code 0). */
    unsigned char head[6];
    size_t got = 0;
    for (unsigned i = 0; i < iovcnt && got < sizeof(head); i++) {
        size_t part = iov[i].len < sizeof(head) - got ? iov[i].len : sizeof(head) - got;
        memcpy(head + got, iov[i].base, part);
        got += part;
    }
    if (got < sizeof(head) || (head[0] != ICMP_ECHO && head[0] != ICMP6_ECHO_REQUEST))
        return;
    struct sockaddr_storage local;
    socklen_t len = sizeof(local);
    if (getsockname(fd, (struct sockaddr *)&local, &len) < 0)
        return;
    uint16_t id;
    memcpy(&id, head + 4, sizeof(id));
    if (local.ss_family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&local;
        if (a->sin_port)
            return;
        a->sin_port = id;
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&local;
        if (a->sin6_port)
            return;
        a->sin6_port = id;
    }
    bind(fd, (struct sockaddr *)&local, len);
}

static uint16_t icmp__checksum(const unsigned char *p, size_t n)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        sum += (uint32_t)(p[n - 1] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

long sys_icmp_recv4(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                    int flags, int *msg_flags)
{
    enum { HEADER = 20, MAX = 65535 };
    unsigned char *buf = malloc(MAX);
    if (!buf) {
        errno = ENOBUFS;
        return -1;
    }
    struct sockaddr_in from;
    memset(&from, 0, sizeof(from));
    union {
        struct cmsghdr align;
        char space[CMSG_SPACE(sizeof(struct in_pktinfo)) + 2 * CMSG_SPACE(sizeof(int))];
    } control;
    struct iovec one = {buf + HEADER, MAX - HEADER};
    struct msghdr m = {.msg_name = &from,
                       .msg_namelen = sizeof(from),
                       .msg_iov = &one,
                       .msg_iovlen = 1,
                       .msg_control = &control,
                       .msg_controllen = sizeof(control)};
    long n = recvmsg(fd, &m, flags & ~SYS_MSG_TRUNC);
    if (n < 0) {
        int e = errno;
        free(buf);
        errno = e;
        return -1;
    }
    int ttl = 64, tos = 0;
    struct in_addr to = {0};
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level != IPPROTO_IP)
            continue;
        if (c->cmsg_type == IP_PKTINFO) {
            struct in_pktinfo pi;
            memcpy(&pi, CMSG_DATA(c), sizeof(pi));
            to = pi.ipi_addr;
        } else if (c->cmsg_type == IP_TTL) {
            memcpy(&ttl, CMSG_DATA(c), sizeof(ttl));
        } else if (c->cmsg_type == IP_TOS) {
            tos = *(unsigned char *)CMSG_DATA(c);
        }
    }
    size_t total = (size_t)n + HEADER;
    unsigned char *h = buf;
    memset(h, 0, HEADER);
    h[0] = 0x45;
    h[1] = (unsigned char)tos;
    h[2] = (unsigned char)(total >> 8);
    h[3] = (unsigned char)total;
    h[8] = (unsigned char)ttl;
    h[9] = IPPROTO_ICMP;
    memcpy(h + 12, &from.sin_addr, 4);
    memcpy(h + 16, &to, 4);
    uint16_t sum = icmp__checksum(h, HEADER);
    h[10] = (unsigned char)(sum >> 8);
    h[11] = (unsigned char)sum;

    size_t off = 0;
    for (unsigned i = 0; i < iovcnt && off < total; i++) {
        size_t part = iov[i].len < total - off ? iov[i].len : total - off;
        if (part)
            memcpy(iov[i].base, buf + off, part);
        off += part;
    }
    free(buf);
    if (msg_flags)
        *msg_flags = (m.msg_flags & ~MSG_TRUNC) | (off < total ? SYS_MSG_TRUNC : 0);
    if (addr && addrlen) {
        uint32_t l = *addrlen < sizeof(from) ? *addrlen : (uint32_t)sizeof(from);
        memcpy(addr, &from, l);
        *addrlen = sizeof(from);
    }
    return (flags & SYS_MSG_TRUNC) ? (long)total : (long)off;
}
