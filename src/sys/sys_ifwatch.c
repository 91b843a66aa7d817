/*
 * Address and route announcements from rtnetlink, the source address for a
 * destination, and a TCP connection's rate.  See sys_ifwatch.h.
 */
#include "sys/sys_ifwatch.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/tcp.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

_Static_assert(SYS_IFF_BROADCAST == IFF_BROADCAST && SYS_IFF_POINTOPOINT == IFF_POINTOPOINT,
               "interface flags");

int sys_ifwatch_open(unsigned what)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    if (fd < 0)
        return -1;
    struct sockaddr_nl local = {.nl_family = AF_NETLINK};
    if (what & SYS_IFWATCH_ADDR4)
        local.nl_groups |= RTMGRP_IPV4_IFADDR;
    if (what & SYS_IFWATCH_ADDR6)
        local.nl_groups |= RTMGRP_IPV6_IFADDR;
    if (what & SYS_IFWATCH_ROUTE4)
        local.nl_groups |= RTMGRP_IPV4_ROUTE;
    if (what & SYS_IFWATCH_ROUTE6)
        local.nl_groups |= RTMGRP_IPV6_ROUTE;
    if (bind(fd, (struct sockaddr *)&local, sizeof(local)) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* The SYS_IFWATCH_* bit one announcement stands for. */
static unsigned ifwatch__kind(const struct nlmsghdr *h)
{
    switch (h->nlmsg_type) {
    case RTM_NEWADDR:
    case RTM_DELADDR: {
        if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifaddrmsg)))
            return 0;
        const struct ifaddrmsg *a = NLMSG_DATA(h);
        return a->ifa_family == AF_INET    ? SYS_IFWATCH_ADDR4
               : a->ifa_family == AF_INET6 ? SYS_IFWATCH_ADDR6
                                           : 0;
    }
    case RTM_NEWROUTE:
    case RTM_DELROUTE: {
        if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct rtmsg)))
            return 0;
        const struct rtmsg *r = NLMSG_DATA(h);
        return r->rtm_family == AF_INET    ? SYS_IFWATCH_ROUTE4
               : r->rtm_family == AF_INET6 ? SYS_IFWATCH_ROUTE6
                                           : 0;
    }
    }
    return 0;
}

unsigned sys_ifwatch_read(int fd)
{
    /* One announcement is a few hundred bytes; the kernel sends them one a datagram. */
    char buf[8192] __attribute__((aligned(NLMSG_ALIGNTO)));
    unsigned changed = 0;
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != ENOBUFS)
                return changed; /* EAGAIN: all read */
            /* The kernel dropped some: anything may have changed. */
            changed =
                SYS_IFWATCH_ADDR4 | SYS_IFWATCH_ADDR6 | SYS_IFWATCH_ROUTE4 | SYS_IFWATCH_ROUTE6;
            continue;
        }
        if (n == 0)
            return changed;
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n);
             h = NLMSG_NEXT(h, n))
            changed |= ifwatch__kind(h);
    }
}

int sys_route_source(const void *dest, uint32_t dest_len, void *src, uint32_t *src_len)
{
    const struct sockaddr *d = dest;
    int fd = socket(d->sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    /*
     * A broadcast destination (255.255.255.255, a subnet's) is routed like
     * any other; without SO_BROADCAST Linux refuses the connect (EACCES),
     * where Windows' routing table answers with the interface.
     */
    if (d->sa_family == AF_INET) {
        int on = 1;
        setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on));
    }
    /* connect() on a datagram socket only looks the route up and picks the source address. */
    int r = connect(fd, (const struct sockaddr *)dest, dest_len);
    if (r == 0) {
        socklen_t len = *src_len;
        r = getsockname(fd, (struct sockaddr *)src, &len);
        *src_len = len;
    }
    int e = errno;
    close(fd);
    errno = e;
    return r;
}

int sys_tcp_rate(int fd, struct sys_tcp_rate *rate)
{
    struct tcp_info info;
    socklen_t len = sizeof(info);
    memset(&info, 0, sizeof(info));
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) < 0)
        return -1;
    rate->state = info.tcpi_state;
    rate->rtt_us = info.tcpi_rtt;
    /* Kernels before 4.9 do not fill it in (the length says so): no estimate yet. */
    rate->delivery_rate =
        len >= offsetof(struct tcp_info, tcpi_delivery_rate) + sizeof(info.tcpi_delivery_rate)
            ? info.tcpi_delivery_rate
            : 0;
    return 0;
}
