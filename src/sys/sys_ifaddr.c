/*
 * Network interfaces, their addresses and default gateways from rtnetlink;
 * route lookups for one destination; the multicast groups joined from
 * /proc/net/igmp*.  See sys_ifaddr.h.
 */
#include "sys/sys_ifaddr.h"

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sys/sys.h"

_Static_assert(SYS_ARPHRD_ETHER == ARPHRD_ETHER && SYS_ARPHRD_INFINIBAND == ARPHRD_INFINIBAND &&
                   SYS_ARPHRD_SLIP == ARPHRD_SLIP && SYS_ARPHRD_PPP == ARPHRD_PPP &&
                   SYS_ARPHRD_TUNNEL == ARPHRD_TUNNEL && SYS_ARPHRD_TUNNEL6 == ARPHRD_TUNNEL6 &&
                   SYS_ARPHRD_LOOPBACK == ARPHRD_LOOPBACK && SYS_ARPHRD_SIT == ARPHRD_SIT &&
                   SYS_ARPHRD_IPGRE == ARPHRD_IPGRE && SYS_ARPHRD_IEEE80211 == ARPHRD_IEEE80211 &&
                   SYS_ARPHRD_NONE == ARPHRD_NONE,
               "link types");
_Static_assert(SYS_IFF_UP == IFF_UP && SYS_IFF_LOOPBACK == IFF_LOOPBACK &&
                   SYS_IFF_RUNNING == IFF_RUNNING && SYS_IFF_MULTICAST == IFF_MULTICAST,
               "interface flags");
_Static_assert(SYS_IF_OPER_UNKNOWN == IF_OPER_UNKNOWN && SYS_IF_OPER_DOWN == IF_OPER_DOWN &&
                   SYS_IF_OPER_NOTPRESENT == IF_OPER_NOTPRESENT &&
                   SYS_IF_OPER_LOWERLAYERDOWN == IF_OPER_LOWERLAYERDOWN &&
                   SYS_IF_OPER_TESTING == IF_OPER_TESTING &&
                   SYS_IF_OPER_DORMANT == IF_OPER_DORMANT && SYS_IF_OPER_UP == IF_OPER_UP,
               "operational states");
_Static_assert(SYS_IFA_F_TEMPORARY == IFA_F_TEMPORARY && SYS_IFA_F_OPTIMISTIC == IFA_F_OPTIMISTIC &&
                   SYS_IFA_F_DADFAILED == IFA_F_DADFAILED &&
                   SYS_IFA_F_DEPRECATED == IFA_F_DEPRECATED &&
                   SYS_IFA_F_TENTATIVE == IFA_F_TENTATIVE &&
                   SYS_IFA_F_PERMANENT == IFA_F_PERMANENT &&
                   SYS_IFA_F_STABLE_PRIVACY == IFA_F_STABLE_PRIVACY,
               "address flags");
_Static_assert(SYS_IF_NAME_MAX == IFNAMSIZ, "interface names");

/* ---- rtnetlink --------------------------------------------------------- */

static int ifaddr__open(void)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
        return -1;
    struct sockaddr_nl local = {.nl_family = AF_NETLINK};
    if (bind(fd, (struct sockaddr *)&local, sizeof(local)) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* Sends one request (header already filled, payload after it). */
static int ifaddr__send(int fd, struct nlmsghdr *h)
{
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    for (;;) {
        ssize_t n = sendto(fd, h, h->nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel));
        if (n >= 0)
            return 0;
        if (errno != EINTR)
            return -1;
    }
}

/*
 * Receives the answers to request seq, calling each(message, arg) for every
 * message until NLMSG_DONE (a dump) or the first one (a request).  0, or -1
 * with errno (an NLMSG_ERROR's error, or the receive's).
 */
static int ifaddr__receive(int fd, uint32_t seq, int dump,
                           void (*each)(const struct nlmsghdr *h, void *arg), void *arg)
{
    /* Large enough for one datagram of a dump (the kernel sends up to a page or 8 KiB at a time).
     */
    static const size_t size = 32768;
    char *buf = malloc(size);
    if (!buf)
        return -1;
    int result = 0;
    for (int done = 0; !done;) {
        ssize_t n = recv(fd, buf, size, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            result = -1;
            break;
        }
        if (n == 0) {
            errno = EIO;
            result = -1;
            break;
        }
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n);
             h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != seq)
                continue;
            if (h->nlmsg_type == NLMSG_DONE) {
                done = 1;
                break;
            }
            if (h->nlmsg_type == NLMSG_ERROR) {
                const struct nlmsgerr *e = NLMSG_DATA(h);
                if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(*e)) && e->error != 0) {
                    errno = -e->error;
                    result = -1;
                }
                done = 1;
                break;
            }
            each(h, arg);
            if (!dump) {
                done = 1;
                break;
            }
        }
    }
    free(buf);
    return result;
}

/* A dump of one kind (RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE) for a family. */
static int ifaddr__dump(int fd, int type, int family, uint32_t seq,
                        void (*each)(const struct nlmsghdr *h, void *arg), void *arg)
{
    struct {
        struct nlmsghdr h;
        struct rtgenmsg g;
        char pad[16]; /* room for the larger ifinfomsg/rtmsg some kernels expect */
    } req;
    memset(&req, 0, sizeof(req));
    req.h.nlmsg_len = NLMSG_LENGTH(type == RTM_GETROUTE  ? sizeof(struct rtmsg)
                                   : type == RTM_GETADDR ? sizeof(struct ifaddrmsg)
                                                         : sizeof(struct ifinfomsg));
    req.h.nlmsg_type = (unsigned short)type;
    req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.h.nlmsg_seq = seq;
    req.g.rtgen_family = (unsigned char)family;
    if (ifaddr__send(fd, &req.h) < 0)
        return -1;
    return ifaddr__receive(fd, seq, 1, each, arg);
}

/* Growing arrays of the table. */
static void *ifaddr__grow(void *array, size_t *count, size_t size)
{
    void *bigger = realloc(array, (*count + 1) * size);
    if (!bigger)
        return NULL;
    memset((char *)bigger + *count * size, 0, size);
    (*count)++;
    return bigger;
}

struct ifaddr__load {
    struct sys_iftable *t;
    int failed;
};

static void ifaddr__link(const struct nlmsghdr *h, void *arg)
{
    struct ifaddr__load *l = arg;
    if (h->nlmsg_type != RTM_NEWLINK || h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifinfomsg)))
        return;
    const struct ifinfomsg *ifi = NLMSG_DATA(h);
    struct sys_iflink *links = ifaddr__grow(l->t->links, &l->t->nlinks, sizeof(*links));
    if (!links) {
        l->failed = 1;
        return;
    }
    l->t->links = links;
    struct sys_iflink *k = &links[l->t->nlinks - 1];
    k->index = (unsigned)ifi->ifi_index;
    k->arphrd = ifi->ifi_type;
    k->flags = ifi->ifi_flags;
    k->speed_bps = -1;
    int len = (int)IFLA_PAYLOAD(h);
    for (const struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        size_t n = RTA_PAYLOAD(a);
        switch (a->rta_type) {
        case IFLA_IFNAME:
            snprintf(k->name, sizeof(k->name), "%.*s", (int)n, (const char *)RTA_DATA(a));
            break;
        case IFLA_MTU:
            if (n >= sizeof(uint32_t))
                memcpy(&k->mtu, RTA_DATA(a), sizeof(uint32_t));
            break;
        case IFLA_OPERSTATE:
            if (n >= 1)
                k->operstate = *(const unsigned char *)RTA_DATA(a);
            break;
        case IFLA_ADDRESS:
            k->hwaddr_len = n < SYS_IF_HWADDR_MAX ? (unsigned)n : SYS_IF_HWADDR_MAX;
            memcpy(k->hwaddr, RTA_DATA(a), k->hwaddr_len);
            break;
        }
    }
}

static void ifaddr__addr(const struct nlmsghdr *h, void *arg)
{
    struct ifaddr__load *l = arg;
    if (h->nlmsg_type != RTM_NEWADDR || h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifaddrmsg)))
        return;
    const struct ifaddrmsg *ifa = NLMSG_DATA(h);
    if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
        return;
    size_t bytes = ifa->ifa_family == AF_INET ? 4 : 16;
    const void *address = NULL, *local = NULL;
    unsigned flags = ifa->ifa_flags;
    uint32_t valid = SYS_IFA_FOREVER, preferred = SYS_IFA_FOREVER;
    int len = (int)IFA_PAYLOAD(h);
    for (const struct rtattr *a = IFA_RTA(ifa); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        size_t n = RTA_PAYLOAD(a);
        if (a->rta_type == IFA_ADDRESS && n >= bytes)
            address = RTA_DATA(a);
        else if (a->rta_type == IFA_LOCAL && n >= bytes)
            local = RTA_DATA(a);
        else if (a->rta_type == IFA_FLAGS && n >= sizeof(uint32_t))
            memcpy(&flags, RTA_DATA(a), sizeof(uint32_t));
        else if (a->rta_type == IFA_CACHEINFO && n >= sizeof(struct ifa_cacheinfo)) {
            struct ifa_cacheinfo ci;
            memcpy(&ci, RTA_DATA(a), sizeof(ci));
            valid = ci.ifa_valid;
            preferred = ci.ifa_prefered;
        }
    }
    /* On a point-to-point link IFA_ADDRESS is the peer's; IFA_LOCAL is always ours. */
    if (local)
        address = local;
    if (!address)
        return;
    struct sys_ifaddr *addrs = ifaddr__grow(l->t->addrs, &l->t->naddrs, sizeof(*addrs));
    if (!addrs) {
        l->failed = 1;
        return;
    }
    l->t->addrs = addrs;
    struct sys_ifaddr *x = &addrs[l->t->naddrs - 1];
    x->index = ifa->ifa_index;
    x->family = ifa->ifa_family;
    memcpy(x->addr, address, bytes);
    x->prefixlen = ifa->ifa_prefixlen;
    x->flags = flags;
    x->valid_s = valid;
    x->preferred_s = preferred;
}

/* Default routes of the main table with a next hop: the gateways. */
static void ifaddr__route(const struct nlmsghdr *h, void *arg)
{
    struct ifaddr__load *l = arg;
    if (h->nlmsg_type != RTM_NEWROUTE || h->nlmsg_len < NLMSG_LENGTH(sizeof(struct rtmsg)))
        return;
    const struct rtmsg *r = NLMSG_DATA(h);
    if (r->rtm_dst_len != 0 || r->rtm_type != RTN_UNICAST ||
        (r->rtm_family != AF_INET && r->rtm_family != AF_INET6))
        return;
    size_t bytes = r->rtm_family == AF_INET ? 4 : 16;
    unsigned table = r->rtm_table, oif = 0;
    const void *gateway = NULL;
    int len = (int)RTM_PAYLOAD(h);
    for (const struct rtattr *a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        size_t n = RTA_PAYLOAD(a);
        if (a->rta_type == RTA_TABLE && n >= sizeof(uint32_t))
            memcpy(&table, RTA_DATA(a), sizeof(uint32_t));
        else if (a->rta_type == RTA_OIF && n >= sizeof(uint32_t))
            memcpy(&oif, RTA_DATA(a), sizeof(uint32_t));
        else if (a->rta_type == RTA_GATEWAY && n >= bytes)
            gateway = RTA_DATA(a);
    }
    if (table != RT_TABLE_MAIN || !gateway || !oif)
        return;
    struct sys_ifpeer *g = ifaddr__grow(l->t->gateways, &l->t->ngateways, sizeof(*g));
    if (!g) {
        l->failed = 1;
        return;
    }
    l->t->gateways = g;
    g[l->t->ngateways - 1].index = oif;
    g[l->t->ngateways - 1].family = r->rtm_family;
    memcpy(g[l->t->ngateways - 1].addr, gateway, bytes);
}

/* ---- /sys, /proc ------------------------------------------------------- */

/* The first line of a small file, or "" if it cannot be read. */
static void ifaddr__read_line(const char *path, char *buf, size_t n)
{
    buf[0] = '\0';
    FILE *f = fopen(path, "re");
    if (!f)
        return;
    if (!fgets(buf, (int)n, f))
        buf[0] = '\0';
    fclose(f);
}

static void ifaddr__link_extras(struct sys_iflink *k)
{
    char path[128], line[64];
    snprintf(path, sizeof(path), "/sys/class/net/%s/speed", k->name);
    ifaddr__read_line(path, line, sizeof(line));
    long long mbps = line[0] ? strtoll(line, NULL, 10) : -1;
    /* Drivers without a speed report -1 or fail the read. */
    k->speed_bps = mbps > 0 ? mbps * 1000000 : -1;
    snprintf(path, sizeof(path), "/sys/class/net/%s/wireless", k->name);
    k->wireless = access(path, F_OK) == 0;
    /* No file: IPv6 is off for the whole system (ipv6.disable=1). */
    snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6", k->name);
    ifaddr__read_line(path, line, sizeof(line));
    k->ipv6_enabled = line[0] == '0';
}

static int ifaddr__add_group(struct sys_iftable *t, unsigned index, int family,
                             const unsigned char *addr, size_t bytes)
{
    struct sys_ifpeer *g = ifaddr__grow(t->groups, &t->ngroups, sizeof(*g));
    if (!g)
        return -1;
    t->groups = g;
    g[t->ngroups - 1].index = index;
    g[t->ngroups - 1].family = family;
    memcpy(g[t->ngroups - 1].addr, addr, bytes);
    return 0;
}

/*
 * /proc/net/igmp: a line "<index> <name> : <count> <querier>" per interface,
 * then one indented line per group whose first field is the group's
 * s_addr printed with %08X.  /proc/net/igmp6: "<index> <name> <32 hex
 * digits> ..." per group.
 */
static int ifaddr__groups(struct sys_iftable *t)
{
    char line[256];
    FILE *f = fopen("/proc/net/igmp", "re");
    if (f) {
        unsigned index = 0;
        while (fgets(line, sizeof(line), f)) {
            unsigned idx, group;
            if (line[0] == '\t') {
                if (index && sscanf(line, " %8X", &group) == 1) {
                    uint32_t be = group; /* the value printed is s_addr in memory order */
                    if (ifaddr__add_group(t, index, AF_INET, (unsigned char *)&be, 4) < 0) {
                        fclose(f);
                        return -1;
                    }
                }
            } else if (sscanf(line, "%u", &idx) == 1) {
                index = idx;
            }
        }
        fclose(f);
    }
    f = fopen("/proc/net/igmp6", "re");
    if (f) {
        while (fgets(line, sizeof(line), f)) {
            unsigned idx;
            char hex[33];
            if (sscanf(line, "%u %*s %32s", &idx, hex) != 2 || strlen(hex) != 32)
                continue;
            unsigned char a[16];
            for (int i = 0; i < 16; i++) {
                unsigned byte;
                sscanf(hex + 2 * i, "%2x", &byte);
                a[i] = (unsigned char)byte;
            }
            if (ifaddr__add_group(t, idx, AF_INET6, a, 16) < 0) {
                fclose(f);
                return -1;
            }
        }
        fclose(f);
    }
    return 0;
}

static int ifaddr__by_index(const void *a, const void *b)
{
    unsigned x = ((const struct sys_iflink *)a)->index, y = ((const struct sys_iflink *)b)->index;
    return x < y ? -1 : x > y;
}

int sys_iftable_load(struct sys_iftable *t, unsigned parts)
{
    memset(t, 0, sizeof(*t));
    int fd = ifaddr__open();
    if (fd < 0)
        return -1;
    struct ifaddr__load l = {t, 0};
    int r = ifaddr__dump(fd, RTM_GETLINK, AF_UNSPEC, 1, ifaddr__link, &l);
    if (r == 0 && (parts & SYS_IFT_ADDRS))
        r = ifaddr__dump(fd, RTM_GETADDR, AF_UNSPEC, 2, ifaddr__addr, &l);
    if (r == 0 && (parts & SYS_IFT_GATEWAYS))
        r = ifaddr__dump(fd, RTM_GETROUTE, AF_UNSPEC, 3, ifaddr__route, &l);
    int e = errno;
    close(fd);
    if (r == 0 && l.failed) {
        r = -1;
        e = ENOMEM;
    }
    if (r == 0 && (parts & SYS_IFT_GROUPS) && ifaddr__groups(t) < 0) {
        r = -1;
        e = ENOMEM;
    }
    if (r < 0) {
        sys_iftable_free(t);
        errno = e;
        return -1;
    }
    for (size_t i = 0; i < t->nlinks; i++)
        ifaddr__link_extras(&t->links[i]);
    qsort(t->links, t->nlinks, sizeof(*t->links), ifaddr__by_index);
    return 0;
}

void sys_iftable_free(struct sys_iftable *t)
{
    free(t->links);
    free(t->addrs);
    free(t->gateways);
    free(t->groups);
    memset(t, 0, sizeof(*t));
}

static void ifaddr__route_oif(const struct nlmsghdr *h, void *arg)
{
    if (h->nlmsg_type != RTM_NEWROUTE || h->nlmsg_len < NLMSG_LENGTH(sizeof(struct rtmsg)))
        return;
    const struct rtmsg *r = NLMSG_DATA(h);
    int len = (int)RTM_PAYLOAD(h);
    for (const struct rtattr *a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len))
        if (a->rta_type == RTA_OIF && RTA_PAYLOAD(a) >= sizeof(uint32_t))
            memcpy(arg, RTA_DATA(a), sizeof(uint32_t));
}

int sys_if_route(int family, const unsigned char *addr, unsigned scope_id, unsigned *index)
{
    size_t bytes = family == AF_INET ? 4 : 16;
    struct {
        struct nlmsghdr h;
        struct rtmsg r;
        char attrs[64];
    } req;
    memset(&req, 0, sizeof(req));
    req.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg));
    req.h.nlmsg_type = RTM_GETROUTE;
    req.h.nlmsg_flags = NLM_F_REQUEST;
    req.h.nlmsg_seq = 1;
    req.r.rtm_family = (unsigned char)family;
    req.r.rtm_dst_len = (unsigned char)(bytes * 8);
    struct rtattr *a = (struct rtattr *)((char *)&req + NLMSG_ALIGN(req.h.nlmsg_len));
    a->rta_type = RTA_DST;
    a->rta_len = (unsigned short)RTA_LENGTH(bytes);
    memcpy(RTA_DATA(a), addr, bytes);
    req.h.nlmsg_len = NLMSG_ALIGN(req.h.nlmsg_len) + RTA_ALIGN(a->rta_len);
    if (scope_id) {
        /* A link-local destination names its interface. */
        a = (struct rtattr *)((char *)&req + req.h.nlmsg_len);
        a->rta_type = RTA_OIF;
        a->rta_len = (unsigned short)RTA_LENGTH(sizeof(uint32_t));
        uint32_t oif = scope_id;
        memcpy(RTA_DATA(a), &oif, sizeof(oif));
        req.h.nlmsg_len += RTA_ALIGN(a->rta_len);
    }
    int fd = ifaddr__open();
    if (fd < 0)
        return -1;
    uint32_t oif = 0;
    int r = ifaddr__send(fd, &req.h);
    if (r == 0)
        r = ifaddr__receive(fd, 1, 0, ifaddr__route_oif, &oif);
    int e = errno;
    close(fd);
    if (r == 0 && oif == 0) {
        r = -1;
        e = ENETUNREACH;
    }
    if (r < 0) {
        errno = e;
        return -1;
    }
    *index = oif;
    return 0;
}
