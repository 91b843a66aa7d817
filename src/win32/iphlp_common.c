/*
 * Linux's interfaces in the IP Helper API's terms: interface types,
 * operational status, LUIDs and socket addresses (iphlp.h).
 */
#include <string.h>

#include "sys/sys.h"
#include "win32/iphlp.h"

IFTYPE iphlp_if_type(const struct sys_iflink *k)
{
    switch (k->arphrd) {
    case SYS_ARPHRD_LOOPBACK: return IF_TYPE_SOFTWARE_LOOPBACK;
    case SYS_ARPHRD_ETHER:
        /* Wi-Fi devices are Ethernet to Linux's link layer; sysfs tells them apart. */
        return k->wireless ? IF_TYPE_IEEE80211 : IF_TYPE_ETHERNET_CSMACD;
    case SYS_ARPHRD_IEEE80211: return IF_TYPE_IEEE80211;
    case SYS_ARPHRD_PPP: return IF_TYPE_PPP;
    case SYS_ARPHRD_SLIP: return IF_TYPE_SLIP;
    case SYS_ARPHRD_INFINIBAND: return IF_TYPE_INFINIBAND;
    case SYS_ARPHRD_TUNNEL:
    case SYS_ARPHRD_TUNNEL6:
    case SYS_ARPHRD_SIT:
    case SYS_ARPHRD_IPGRE:
    case SYS_ARPHRD_NONE: /* tun devices, WireGuard */ return IF_TYPE_TUNNEL;
    }
    return IF_TYPE_OTHER;
}

bool iphlp_link_up(const struct sys_iflink *k)
{
    return (k->flags & (SYS_IFF_UP | SYS_IFF_RUNNING)) == (SYS_IFF_UP | SYS_IFF_RUNNING);
}

/*
 * Linux reports RFC 2863's states (the same as IF_OPER_STATUS's, numbered
 * differently).  Drivers that do not track the carrier (the loopback device
 * among them) say "unknown"; an interface that is up and running then
 * carries traffic, which is what IfOperStatusUp means.
 */
IF_OPER_STATUS iphlp_oper_status(const struct sys_iflink *k)
{
    switch (k->operstate) {
    case SYS_IF_OPER_UP: return IfOperStatusUp;
    case SYS_IF_OPER_DOWN: return IfOperStatusDown;
    case SYS_IF_OPER_NOTPRESENT: return IfOperStatusNotPresent;
    case SYS_IF_OPER_LOWERLAYERDOWN: return IfOperStatusLowerLayerDown;
    case SYS_IF_OPER_TESTING: return IfOperStatusTesting;
    case SYS_IF_OPER_DORMANT: return IfOperStatusDormant;
    }
    return iphlp_link_up(k) ? IfOperStatusUp : IfOperStatusDown;
}

NET_LUID iphlp_luid(const struct sys_iflink *k)
{
    NET_LUID luid;
    luid.Value = 0;
    luid.Info.NetLuidIndex = k->index & 0xffffff;
    luid.Info.IfType = iphlp_if_type(k) & 0xffff;
    return luid;
}

int iphlp_family(int sys_family)
{
    if (sys_family == SYS_AF_INET)
        return AF_INET;
    if (sys_family == SYS_AF_INET6)
        return AF_INET6;
    return 0;
}

int iphlp_sockaddr(int sys_family, const unsigned char *addr, unsigned scope_id, SOCKADDR *out)
{
    if (sys_family == SYS_AF_INET) {
        SOCKADDR_IN in;
        memset(&in, 0, sizeof(in));
        in.sin_family = AF_INET;
        memcpy(&in.sin_addr, addr, 4);
        memcpy(out, &in, sizeof(in));
        return sizeof(in);
    }
    SOCKADDR_IN6 in6;
    memset(&in6, 0, sizeof(in6));
    in6.sin6_family = AF_INET6;
    memcpy(&in6.sin6_addr, addr, 16);
    in6.sin6_scope_id = scope_id;
    memcpy(out, &in6, sizeof(in6));
    return sizeof(in6);
}

const struct sys_iflink *iphlp_link(const struct sys_iftable *t, unsigned index)
{
    for (size_t i = 0; i < t->nlinks; i++)
        if (t->links[i].index == index)
            return &t->links[i];
    return NULL;
}
