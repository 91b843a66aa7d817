/*
 * The IPPROTO_IP and IPPROTO_IPV6 options (the rules they share are in
 * sockopt.c, the shapes in sockopt.h).
 *
 * Most have a Linux option of the same meaning under another number.  The
 * ones that ask for control data (IP_PKTINFO, IP_RECVTTL, IP_RECVTOS,
 * IP_ECN and their IPv6 kin) turn on Linux's, so that WSARecvMsg finds
 * the data in what Linux's recvmsg returns; IP_RECVTOS and IP_ECN (and
 * IPV6_RECVTCLASS and IPV6_ECN) share one Linux option, so which of them
 * was asked for is kept in struct bsock_rare (recv_tos, recv_ecn, recv_tclass,
 * recv_ecn6) for WSARecvMsg to report the matching control data.
 *
 * IPPROTO_IP options are taken on an IPv6 socket too (a dual-stack socket's
 * IPv4 traffic, as Linux applies them); IPPROTO_IPV6 options on an IPv4
 * socket are WSAEINVAL, except IPV6_V6ONLY, which Windows answers there
 * (observed: it reads 1, can be set to 0 and back before bind, and fails to
 * change once the socket is bound).
 */
#include <errno.h>
#include <string.h>

#include <ws2tcpip.h>

#include "providers/base/sockopt.h"
#include "sys/sys.h"
#include "sys/sys_sockopt.h"

/*
 * An IPv4 interface as Windows takes it (IP_MULTICAST_IF, ip_mreq's
 * imr_interface): an address in network byte order, or "an interface index
 * ... in the form 0.0.0.x" (a value below 2^24 once in host order).
 */
static void ip__interface(uint32_t net, uint32_t *addr, int *ifindex)
{
    uint32_t host = ntohl(net);
    *addr = net;
    *ifindex = host != 0 && host < (1u << 24) ? (int)host : 0;
}

/*
 * IP_DONTFRAGMENT / IPV6_DONTFRAG: off by default on a datagram socket, on
 * on a stream socket (observed, Vista and later: TCP always sends with DF).
 * Linux keeps it as path-MTU discovery: "do" sets DF, "don't" clears it.
 */
static int ip__get_dontfrag(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    (void)d;
    pthread_mutex_lock(&b->lock);
    const struct bsock_rare *r = bsock_rare_peek(b);
    *value = r->dontfrag >= 0 ? r->dontfrag : b->type == SOCK_STREAM;
    pthread_mutex_unlock(&b->lock);
    return 0;
}

static int ip__set_dontfrag(struct bsock *b, const struct sockopt_desc *d, int value)
{
    /* Where the setting is kept, made first: nothing is changed without it. */
    if (bsock_rare_ensure(b) != 0)
        return WSAENOBUFS;
    int mode = value ? SYS_IP_PMTUDISC_DO : SYS_IP_PMTUDISC_DONT;
    int rc;
    if (d->level == IPPROTO_IPV6)
        rc = sys_setsockopt(b->fd, SYS_IPPROTO_IPV6, SYS_IPV6_MTU_DISCOVER, &mode, sizeof(mode));
    else
        rc = sys_setsockopt(b->fd, SYS_IPPROTO_IP, SYS_IP_MTU_DISCOVER, &mode, sizeof(mode));
    if (rc < 0)
        return base_error(errno);
    pthread_mutex_lock(&b->lock);
    b->rare->dontfrag = value != 0;
    pthread_mutex_unlock(&b->lock);
    return 0;
}

/* IPV6_V6ONLY: Linux's on an IPv6 socket; on an IPv4 socket a setting Windows keeps. */
static int ip__get_v6only(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    if (b->family == AF_INET6)
        return sockopt_linux_get(b, d, value);
    pthread_mutex_lock(&b->lock);
    *value = !bsock_rare_peek(b)->v4_dual;
    pthread_mutex_unlock(&b->lock);
    return 0;
}

static int ip__set_v6only(struct bsock *b, const struct sockopt_desc *d, int value)
{
    if (b->family == AF_INET6)
        return sockopt_linux_set(b, d, value);
    int error = 0;
    pthread_mutex_lock(&b->lock);
    struct bsock_rare *r;
    /* "Before the socket is bound": afterwards Windows refuses it (as Linux does for IPv6). */
    if (b->bound)
        error = WSAEINVAL;
    else if ((r = bsock_rare_locked(b)) == NULL)
        error = WSAENOBUFS;
    else
        r->v4_dual = !value;
    pthread_mutex_unlock(&b->lock);
    return error;
}

/* The control-data switches that share a Linux option: see the file's comment. */
static bool *ip__recv_flag(struct bsock_rare *r, int level, int name, bool **other)
{
    if (level == IPPROTO_IP) {
        *other = name == IP_ECN ? &r->recv_tos : &r->recv_ecn;
        return name == IP_ECN ? &r->recv_ecn : &r->recv_tos;
    }
    *other = name == IPV6_ECN ? &r->recv_tclass : &r->recv_ecn6;
    return name == IPV6_ECN ? &r->recv_ecn6 : &r->recv_tclass;
}

static int ip__get_recv_shared(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    pthread_mutex_lock(&b->lock);
    const struct bsock_rare *r = bsock_rare_peek(b);
    if (d->level == IPPROTO_IP)
        *value = d->name == IP_ECN ? r->recv_ecn : r->recv_tos;
    else
        *value = d->name == IPV6_ECN ? r->recv_ecn6 : r->recv_tclass;
    pthread_mutex_unlock(&b->lock);
    return 0;
}

static int ip__set_recv_shared(struct bsock *b, const struct sockopt_desc *d, int value)
{
    bool *flag = NULL, *other;
    pthread_mutex_lock(&b->lock);
    /* Where the switch is kept, made first: nothing is changed without it. */
    struct bsock_rare *r = bsock_rare_locked(b);
    if (r)
        flag = ip__recv_flag(r, d->level, d->name, &other);
    int on = flag && (value || *other);
    pthread_mutex_unlock(&b->lock);
    if (!flag)
        return WSAENOBUFS;
    int error = sockopt_linux_set(b, d, on);
    if (error)
        return error;
    pthread_mutex_lock(&b->lock);
    *flag = value != 0; /* the rare state lives as long as b */
    pthread_mutex_unlock(&b->lock);
    return 0;
}

/* IP_MULTICAST_IF: an address or 0.0.0.index (network byte order). */
static int ip__set_multicast_if(struct bsock *b, const struct sockopt_desc *d, int value)
{
    (void)d;
    uint32_t addr;
    int ifindex;
    ip__interface((uint32_t)value, &addr, &ifindex);
    if (sys_mcast4_interface(b->fd, addr, ifindex) < 0)
        return base_error(errno);
    return 0;
}

/*
 * IP_ADD_MEMBERSHIP / IP_DROP_MEMBERSHIP take an IP_MREQ; the source
 * options an IP_MREQ_SOURCE, whose fields Linux orders differently.
 */
static int ip__set_membership(struct bsock *b, const struct sockopt_desc *d, const char *optval,
                              int optlen)
{
    (void)optlen;
    enum sys_mcast4_op op;
    switch (d->name) {
    case IP_ADD_MEMBERSHIP: op = SYS_MCAST4_JOIN; break;
    case IP_DROP_MEMBERSHIP: op = SYS_MCAST4_LEAVE; break;
    case IP_ADD_SOURCE_MEMBERSHIP: op = SYS_MCAST4_JOIN_SOURCE; break;
    case IP_DROP_SOURCE_MEMBERSHIP: op = SYS_MCAST4_LEAVE_SOURCE; break;
    case IP_BLOCK_SOURCE: op = SYS_MCAST4_BLOCK_SOURCE; break;
    default: op = SYS_MCAST4_UNBLOCK_SOURCE;
    }
    uint32_t group, source = 0, iface, addr;
    int ifindex;
    if (op == SYS_MCAST4_JOIN || op == SYS_MCAST4_LEAVE) {
        IP_MREQ m;
        memcpy(&m, optval, sizeof(m));
        group = m.imr_multiaddr.s_addr;
        iface = m.imr_interface.s_addr;
    } else {
        IP_MREQ_SOURCE m;
        memcpy(&m, optval, sizeof(m));
        group = m.imr_multiaddr.s_addr;
        source = m.imr_sourceaddr.s_addr;
        iface = m.imr_interface.s_addr;
    }
    ip__interface(iface, &addr, &ifindex);
    if (sys_mcast4(b->fd, op, group, source, addr, ifindex) < 0)
        return base_error(errno);
    return 0;
}

/* IPV6_ADD_MEMBERSHIP / IPV6_DROP_MEMBERSHIP: an IPV6_MREQ, laid out as Linux's ipv6_mreq. */
static int ip__set_membership6(struct bsock *b, const struct sockopt_desc *d, const char *optval,
                               int optlen)
{
    (void)optlen;
    IPV6_MREQ m;
    memcpy(&m, optval, sizeof(m));
    if (sys_setsockopt(b->fd, d->lx_level, d->lx_name, &m, sizeof(m)) < 0)
        return base_error(errno);
    return 0;
}

/*
 * The protocol-independent requests (MCAST_JOIN_GROUP ...): a GROUP_REQ or
 * GROUP_SOURCE_REQ, laid out as Linux's group_req and group_source_req but
 * with Windows' address families inside.
 */
static int ip__set_group(struct bsock *b, const struct sockopt_desc *d, const char *optval,
                         int optlen)
{
    (void)optlen;
    enum sys_mcast_op op;
    switch (d->name) {
    case MCAST_JOIN_GROUP: op = SYS_MCAST_JOIN_GROUP; break;
    case MCAST_LEAVE_GROUP: op = SYS_MCAST_LEAVE_GROUP; break;
    case MCAST_BLOCK_SOURCE: op = SYS_MCAST_BLOCK_SOURCE; break;
    case MCAST_UNBLOCK_SOURCE: op = SYS_MCAST_UNBLOCK_SOURCE; break;
    case MCAST_JOIN_SOURCE_GROUP: op = SYS_MCAST_JOIN_SOURCE_GROUP; break;
    default: op = SYS_MCAST_LEAVE_SOURCE_GROUP;
    }
    bool with_source = op != SYS_MCAST_JOIN_GROUP && op != SYS_MCAST_LEAVE_GROUP;
    GROUP_SOURCE_REQ r;
    memset(&r, 0, sizeof(r));
    memcpy(&r, optval, with_source ? sizeof(GROUP_SOURCE_REQ) : sizeof(GROUP_REQ));
    int family = r.gsr_group.ss_family;
    if (family != AF_INET && family != AF_INET6)
        return WSAEINVAL;
    unsigned char group[SYS_SOCKADDR_MAX], source[SYS_SOCKADDR_MAX];
    uint32_t group_len = 0, source_len = 0;
    int error = base_sockaddr_to_linux((const struct sockaddr *)&r.gsr_group, sizeof(r.gsr_group),
                                       family, group, &group_len);
    if (!error && with_source)
        error = base_sockaddr_to_linux((const struct sockaddr *)&r.gsr_source, sizeof(r.gsr_source),
                                       family, source, &source_len);
    if (error)
        return error == WSAEAFNOSUPPORT ? WSAEINVAL : error;
    if (sys_mcast_group(b->fd, d->level == IPPROTO_IPV6, op, r.gsr_interface, group, group_len,
                        with_source ? source : NULL, source_len) < 0)
        return base_error(errno);
    return 0;
}

#define L(level, name) .lx_level = (level), .lx_name = (name)
#define GROUP(level, name, type)                                                                   \
    {                                                                                              \
        (level), (name), SOCKOPT_STRUCT, SOCKOPT_SET_ONLY, sizeof(type), L(0, 0), 0, 0, 0,         \
            ip__set_group                                                                          \
    }
#define GROUPS(level)                                                                              \
    GROUP(level, MCAST_JOIN_GROUP, GROUP_REQ), GROUP(level, MCAST_LEAVE_GROUP, GROUP_REQ),         \
        GROUP(level, MCAST_BLOCK_SOURCE, GROUP_SOURCE_REQ),                                        \
        GROUP(level, MCAST_UNBLOCK_SOURCE, GROUP_SOURCE_REQ),                                      \
        GROUP(level, MCAST_JOIN_SOURCE_GROUP, GROUP_SOURCE_REQ),                                   \
        GROUP(level, MCAST_LEAVE_SOURCE_GROUP, GROUP_SOURCE_REQ)
#define IP4(name, shape, flags, lx)                                                                \
    {                                                                                              \
        IPPROTO_IP, (name), (shape), (flags), 0, L(SYS_IPPROTO_IP, lx)                             \
    }
#define IP6(name, shape, flags, lx)                                                                \
    {                                                                                              \
        IPPROTO_IPV6, (name), (shape), (flags), 0, L(SYS_IPPROTO_IPV6, lx)                         \
    }

static const struct sockopt_desc ip__v4[] = {
    IP4(IP_TTL, SOCKOPT_SMALL, SOCKOPT_MAX255, SYS_IP_TTL),
    IP4(IP_TOS, SOCKOPT_SMALL, SOCKOPT_MAX255, SYS_IP_TOS),
    IP4(IP_MULTICAST_TTL, SOCKOPT_SMALL, SOCKOPT_MAX255, SYS_IP_MULTICAST_TTL),
    IP4(IP_MULTICAST_LOOP, SOCKOPT_SMALL, SOCKOPT_BOOL, SYS_IP_MULTICAST_LOOP),
    {IPPROTO_IP, IP_MULTICAST_IF, SOCKOPT_INT, 0, 0, L(SYS_IPPROTO_IP, SYS_IP_MULTICAST_IF), 0,
     ip__set_multicast_if, 0, 0},
    {IPPROTO_IP, IP_ADD_MEMBERSHIP, SOCKOPT_STRUCT, SOCKOPT_SET_ONLY, sizeof(IP_MREQ), L(0, 0), 0,
     0, 0, ip__set_membership},
    {IPPROTO_IP, IP_DROP_MEMBERSHIP, SOCKOPT_STRUCT, SOCKOPT_SET_ONLY, sizeof(IP_MREQ), L(0, 0), 0,
     0, 0, ip__set_membership},
    {IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, SOCKOPT_STRUCT, SOCKOPT_SET_ONLY, sizeof(IP_MREQ_SOURCE),
     L(0, 0), 0, 0, 0, ip__set_membership},
    {IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP, SOCKOPT_STRUCT, SOCKOPT_SET_ONLY,
     sizeof(IP_MREQ_SOURCE), L(0, 0), 0, 0, 0, ip__set_membership},
    {IPPROTO_IP, IP_BLOCK_SOURCE, SOCKOPT_STRUCT, SOCKOPT_SET_ONLY, sizeof(IP_MREQ_SOURCE), L(0, 0),
     0, 0, 0, ip__set_membership},
    {IPPROTO_IP, IP_UNBLOCK_SOURCE, SOCKOPT_STRUCT, SOCKOPT_SET_ONLY, sizeof(IP_MREQ_SOURCE),
     L(0, 0), 0, 0, 0, ip__set_membership},
    {IPPROTO_IP, IP_DONTFRAGMENT, SOCKOPT_SMALL, SOCKOPT_BOOL, 0, L(0, 0), ip__get_dontfrag,
     ip__set_dontfrag, 0, 0},
    IP4(IP_PKTINFO, SOCKOPT_INT, SOCKOPT_BOOL, SYS_IP_PKTINFO),
    IP4(IP_RECVTTL, SOCKOPT_INT, SOCKOPT_BOOL, SYS_IP_RECVTTL),
    {IPPROTO_IP, IP_RECVTOS, SOCKOPT_INT, SOCKOPT_BOOL, 0, L(SYS_IPPROTO_IP, SYS_IP_RECVTOS),
     ip__get_recv_shared, ip__set_recv_shared, 0, 0},
    {IPPROTO_IP, IP_ECN, SOCKOPT_INT, SOCKOPT_BOOL, 0, L(SYS_IPPROTO_IP, SYS_IP_RECVTOS),
     ip__get_recv_shared, ip__set_recv_shared, 0, 0},
    /* Both in network byte order on Windows and on Linux. */
    IP4(IP_UNICAST_IF, SOCKOPT_INT, 0, SYS_IP_UNICAST_IF),
    IP4(IP_HDRINCL, SOCKOPT_INT, SOCKOPT_BOOL | SOCKOPT_RAW, SYS_IP_HDRINCL),
    GROUPS(IPPROTO_IP),
};

static const struct sockopt_desc ip__v6[] = {
    {IPPROTO_IPV6, IPV6_V6ONLY, SOCKOPT_BYTE, SOCKOPT_BOOL, 0, L(SYS_IPPROTO_IPV6, SYS_IPV6_V6ONLY),
     ip__get_v6only, ip__set_v6only, 0, 0},
    IP6(IPV6_UNICAST_HOPS, SOCKOPT_SMALL, SOCKOPT_MAX255, SYS_IPV6_UNICAST_HOPS),
    IP6(IPV6_MULTICAST_HOPS, SOCKOPT_SMALL, SOCKOPT_MAX255, SYS_IPV6_MULTICAST_HOPS),
    IP6(IPV6_MULTICAST_LOOP, SOCKOPT_SMALL, SOCKOPT_BOOL, SYS_IPV6_MULTICAST_LOOP),
    /* An interface index, as on Linux. */
    IP6(IPV6_MULTICAST_IF, SOCKOPT_INT, 0, SYS_IPV6_MULTICAST_IF),
    {IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, SOCKOPT_STRUCT, SOCKOPT_SET_ONLY, sizeof(IPV6_MREQ),
     L(SYS_IPPROTO_IPV6, SYS_IPV6_ADD_MEMBERSHIP), 0, 0, 0, ip__set_membership6},
    {IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, SOCKOPT_STRUCT, SOCKOPT_SET_ONLY, sizeof(IPV6_MREQ),
     L(SYS_IPPROTO_IPV6, SYS_IPV6_DROP_MEMBERSHIP), 0, 0, 0, ip__set_membership6},
    {IPPROTO_IPV6, IPV6_DONTFRAG, SOCKOPT_SMALL, SOCKOPT_BOOL, 0, L(0, 0), ip__get_dontfrag,
     ip__set_dontfrag, 0, 0},
    IP6(IPV6_PKTINFO, SOCKOPT_INT, SOCKOPT_BOOL, SYS_IPV6_RECVPKTINFO),
    IP6(IPV6_HOPLIMIT, SOCKOPT_INT, SOCKOPT_BOOL, SYS_IPV6_RECVHOPLIMIT),
    {IPPROTO_IPV6, IPV6_RECVTCLASS, SOCKOPT_INT, SOCKOPT_BOOL, 0,
     L(SYS_IPPROTO_IPV6, SYS_IPV6_RECVTCLASS), ip__get_recv_shared, ip__set_recv_shared, 0, 0},
    {IPPROTO_IPV6, IPV6_ECN, SOCKOPT_INT, SOCKOPT_BOOL, 0, L(SYS_IPPROTO_IPV6, SYS_IPV6_RECVTCLASS),
     ip__get_recv_shared, ip__set_recv_shared, 0, 0},
    /* An interface index in host byte order on both. */
    IP6(IPV6_UNICAST_IF, SOCKOPT_INT, 0, SYS_IPV6_UNICAST_IF),
    GROUPS(IPPROTO_IPV6),
};

const struct sockopt_desc *sockopt_ip_find(int level, int name)
{
    const struct sockopt_desc *t = level == IPPROTO_IP ? ip__v4 : ip__v6;
    size_t n = level == IPPROTO_IP ? sizeof(ip__v4) / sizeof(ip__v4[0])
                                   : sizeof(ip__v6) / sizeof(ip__v6[0]);
    for (size_t i = 0; i < n; i++)
        if (t[i].name == name)
            return &t[i];
    return NULL;
}
