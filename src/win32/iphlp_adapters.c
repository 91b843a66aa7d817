/*
 * GetAdaptersAddresses: every interface with its addresses, in one buffer
 * the caller owns.
 *
 * The caller's buffer holds everything — the IP_ADAPTER_ADDRESSES
 * structures, the address lists, the socket addresses they point to and
 * the strings — so that one free releases it, as programs do on Windows.
 * The layout is made twice by the same code: once to measure (nothing is
 * written), then into the caller's buffer if it is large enough.
 * ("ERROR_BUFFER_OVERFLOW: The buffer size indicated by the SizePointer
 * parameter is too small to hold the adapter information or the
 * AdapterAddresses parameter is NULL. The SizePointer parameter returned
 * points to the required size of the buffer.")
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "sys/sys.h"
#include "sys/usermem.h"
#include "win32/iphlp.h"
#include "ws2_32/addrtext.h"

/* The buffer being laid out; base is NULL while measuring. */
struct gaa_out {
    unsigned char *base;
    size_t used;
};

/* n bytes aligned to align; NULL while measuring. */
static void *gaa__take(struct gaa_out *o, size_t n, size_t align)
{
    o->used = (o->used + align - 1) & ~(align - 1);
    void *p = o->base ? o->base + o->used : NULL;
    o->used += n;
    return p;
}

/* A copy of a socket address in the buffer, for a SOCKET_ADDRESS. */
static void gaa__sockaddr(struct gaa_out *o, SOCKET_ADDRESS *to, int sys_family,
                          const unsigned char *addr, unsigned scope_id)
{
    SOCKADDR_IN6 tmp;
    int len = iphlp_sockaddr(sys_family, addr, scope_id, (SOCKADDR *)&tmp);
    void *p = gaa__take(o, (size_t)len, 8);
    if (p) {
        memcpy(p, &tmp, (size_t)len);
        to->lpSockaddr = p;
        to->iSockaddrLength = len;
    }
}

static PWCHAR gaa__wide(struct gaa_out *o, const char *utf8)
{
    size_t n = ws2_wide_length(utf8) + 1;
    WCHAR *w = gaa__take(o, n * sizeof(WCHAR), sizeof(WCHAR));
    if (w)
        ws2_wide_copy(utf8, w);
    return w;
}

/* What the caller asked for, and what is known. */
struct gaa_query {
    ULONG family; /* AF_UNSPEC, AF_INET or AF_INET6 */
    ULONG flags;  /* GAA_FLAG_* */
    const struct sys_iftable *t;
    const struct sys_resolv *dns;
};

static bool gaa__family_wanted(const struct gaa_query *q, int sys_family)
{
    int f = iphlp_family(sys_family);
    return f && (q->family == AF_UNSPEC || q->family == (ULONG)f);
}

static bool gaa__link_local(const struct sys_ifaddr *a)
{
    if (a->family == SYS_AF_INET)
        return a->addr[0] == 169 && a->addr[1] == 254;
    return a->addr[0] == 0xfe && (a->addr[1] & 0xc0) == 0x80;
}

static bool gaa__loopback(const struct sys_ifaddr *a)
{
    static const unsigned char v6_loopback[16] = {[15] = 1};
    if (a->family == SYS_AF_INET)
        return a->addr[0] == 127;
    return memcmp(a->addr, v6_loopback, 16) == 0;
}

/* The scope id Windows gives an address: the interface's for link-local IPv6 (fe80::%index). */
static unsigned gaa__scope(const struct sys_ifaddr *a)
{
    return a->family == SYS_AF_INET6 && gaa__link_local(a) ? a->index : 0;
}

/*
 * How an address was made, in the NL_PREFIX_ORIGIN / NL_SUFFIX_ORIGIN
 * terms: loopback addresses are well known; Linux marks addresses a person
 * or a configuration tool set as permanent (manual); the others were leased
 * (DHCP for IPv4) or built from router advertisements (IPv6), with a random
 * suffix for privacy addresses and a link-layer one otherwise.
 */
static void gaa__origin(const struct sys_ifaddr *a, IP_ADAPTER_UNICAST_ADDRESS *u)
{
    bool random = a->flags & (SYS_IFA_F_TEMPORARY | SYS_IFA_F_STABLE_PRIVACY);
    if (gaa__loopback(a)) {
        u->PrefixOrigin = IpPrefixOriginWellKnown;
        u->SuffixOrigin = IpSuffixOriginWellKnown;
    } else if (a->family == SYS_AF_INET6 && gaa__link_local(a)) {
        u->PrefixOrigin = IpPrefixOriginWellKnown;
        u->SuffixOrigin = random ? IpSuffixOriginRandom : IpSuffixOriginLinkLayerAddress;
    } else if (a->flags & SYS_IFA_F_PERMANENT) {
        u->PrefixOrigin = IpPrefixOriginManual;
        u->SuffixOrigin = IpSuffixOriginManual;
    } else if (a->family == SYS_AF_INET) {
        u->PrefixOrigin = IpPrefixOriginDhcp;
        u->SuffixOrigin = IpSuffixOriginDhcp;
    } else {
        u->PrefixOrigin = IpPrefixOriginRouterAdvertisement;
        u->SuffixOrigin = random ? IpSuffixOriginRandom : IpSuffixOriginLinkLayerAddress;
    }
    if (a->flags & SYS_IFA_F_DADFAILED)
        u->DadState = IpDadStateDuplicate;
    else if ((a->flags & SYS_IFA_F_TENTATIVE) && !(a->flags & SYS_IFA_F_OPTIMISTIC))
        u->DadState = IpDadStateTentative;
    else if (a->flags & SYS_IFA_F_DEPRECATED)
        u->DadState = IpDadStateDeprecated;
    else
        u->DadState = IpDadStatePreferred;
}

static void gaa__unicasts(struct gaa_out *o, const struct gaa_query *q, unsigned index,
                          IP_ADAPTER_ADDRESSES *ad)
{
    PIP_ADAPTER_UNICAST_ADDRESS *link = ad ? &ad->FirstUnicastAddress : NULL;
    for (size_t i = 0; i < q->t->naddrs; i++) {
        const struct sys_ifaddr *a = &q->t->addrs[i];
        if (a->index != index || !gaa__family_wanted(q, a->family))
            continue;
        IP_ADAPTER_UNICAST_ADDRESS *u = gaa__take(o, sizeof(*u), 8);
        if (u) {
            memset(u, 0, sizeof(*u));
            u->Length = sizeof(*u);
            if (!gaa__loopback(a) && !gaa__link_local(a))
                u->Flags = IP_ADAPTER_ADDRESS_DNS_ELIGIBLE;
            gaa__origin(a, u);
            u->ValidLifetime = a->valid_s;
            u->PreferredLifetime = a->preferred_s;
            u->LeaseLifetime = a->valid_s;
            u->OnLinkPrefixLength = (UINT8)a->prefixlen;
            *link = u;
            link = &u->Next;
        }
        gaa__sockaddr(o, u ? &u->Address : NULL, a->family, a->addr, gaa__scope(a));
    }
}

/*
 * The on-link prefixes of the adapter's addresses (GAA_FLAG_INCLUDE_PREFIX:
 * "Return a list of both IPv6 and IPv4 IP address prefixes on this
 * adapter"), each once.
 */
static void gaa__prefixes(struct gaa_out *o, const struct gaa_query *q, unsigned index,
                          IP_ADAPTER_ADDRESSES *ad)
{
    PIP_ADAPTER_PREFIX *link = ad ? &ad->FirstPrefix : NULL;
    for (size_t i = 0; i < q->t->naddrs; i++) {
        const struct sys_ifaddr *a = &q->t->addrs[i];
        if (a->index != index || !gaa__family_wanted(q, a->family))
            continue;
        size_t bytes = a->family == SYS_AF_INET ? 4 : 16;
        unsigned bits = a->prefixlen > bytes * 8 ? (unsigned)bytes * 8 : a->prefixlen;
        unsigned char net[16] = {0};
        memcpy(net, a->addr, bytes);
        for (unsigned b = bits; b < bytes * 8; b++)
            net[b / 8] &= (unsigned char)~(0x80 >> (b % 8));
        /* Seen before: an earlier address of the same family with the same prefix. */
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            const struct sys_ifaddr *e = &q->t->addrs[j];
            if (e->index != index || e->family != a->family || e->prefixlen != a->prefixlen ||
                !gaa__family_wanted(q, e->family))
                continue;
            unsigned char other[16] = {0};
            memcpy(other, e->addr, bytes);
            for (unsigned b = bits; b < bytes * 8; b++)
                other[b / 8] &= (unsigned char)~(0x80 >> (b % 8));
            seen = memcmp(net, other, bytes) == 0;
        }
        if (seen)
            continue;
        IP_ADAPTER_PREFIX *p = gaa__take(o, sizeof(*p), 8);
        if (p) {
            memset(p, 0, sizeof(*p));
            p->Length = sizeof(*p);
            p->PrefixLength = bits;
            *link = p;
            link = &p->Next;
        }
        gaa__sockaddr(o, p ? &p->Address : NULL, a->family, net, 0);
    }
}

/* A list of bare addresses (multicast groups, gateways, DNS servers): same layout for each. */
typedef struct _IP_ADAPTER_MULTICAST_ADDRESS_XP gaa_plain;
_Static_assert(sizeof(IP_ADAPTER_GATEWAY_ADDRESS) == sizeof(gaa_plain) &&
                   sizeof(IP_ADAPTER_DNS_SERVER_ADDRESS) == sizeof(gaa_plain) &&
                   offsetof(IP_ADAPTER_GATEWAY_ADDRESS, Address) == offsetof(gaa_plain, Address) &&
                   offsetof(IP_ADAPTER_DNS_SERVER_ADDRESS, Address) == offsetof(gaa_plain, Address),
               "address lists share a layout");

static void gaa__plain(struct gaa_out *o, void **link, int sys_family, const unsigned char *addr,
                       unsigned scope_id)
{
    gaa_plain *p = gaa__take(o, sizeof(*p), 8);
    if (p) {
        memset(p, 0, sizeof(*p));
        p->Length = sizeof(*p);
        *link = p;
    }
    gaa__sockaddr(o, p ? &p->Address : NULL, sys_family, addr, scope_id);
}

static void gaa__peers(struct gaa_out *o, const struct gaa_query *q, unsigned index,
                       const struct sys_ifpeer *peers, size_t n, void **first)
{
    void **link = first;
    for (size_t i = 0; i < n; i++) {
        const struct sys_ifpeer *p = &peers[i];
        if (p->index != index || !gaa__family_wanted(q, p->family))
            continue;
        bool scoped =
            p->family == SYS_AF_INET6 && p->addr[0] == 0xfe && (p->addr[1] & 0xc0) == 0x80;
        gaa__plain(o, link, p->family, p->addr, scoped ? index : 0);
        if (link && *link)
            link = (void **)&((gaa_plain *)*link)->Next;
    }
}

static void gaa__dns_servers(struct gaa_out *o, const struct gaa_query *q, IP_ADAPTER_ADDRESSES *ad)
{
    void **link = ad ? (void **)&ad->FirstDnsServerAddress : NULL;
    for (unsigned i = 0; i < q->dns->nservers; i++) {
        if (!gaa__family_wanted(q, q->dns->servers[i].family))
            continue;
        gaa__plain(o, link, q->dns->servers[i].family, q->dns->servers[i].addr,
                   q->dns->servers[i].scope_id);
        if (link && *link)
            link = (void **)&((gaa_plain *)*link)->Next;
    }
}

/* Whether an adapter is listed for the family asked: IPv4 is on every Linux interface. */
static bool gaa__listed(const struct gaa_query *q, const struct sys_iflink *k)
{
    if (q->family != AF_INET6)
        return true;
    if (k->ipv6_enabled)
        return true;
    for (size_t i = 0; i < q->t->naddrs; i++)
        if (q->t->addrs[i].index == k->index && q->t->addrs[i].family == SYS_AF_INET6)
            return true;
    return false;
}

/* One adapter and what hangs from it; NULL while measuring. */
static IP_ADAPTER_ADDRESSES *gaa__adapter(struct gaa_out *o, const struct gaa_query *q,
                                          const struct sys_iflink *k)
{
    IP_ADAPTER_ADDRESSES *ad = gaa__take(o, sizeof(*ad), 8);
    if (ad) {
        memset(ad, 0, sizeof(*ad));
        ad->Length = sizeof(*ad);
        ad->IfIndex = k->index;
        ad->Ipv6IfIndex = k->ipv6_enabled ? k->index : 0;
        /* An all-zero address (the loopback device's) is none, as Windows reports it. */
        unsigned hw = k->hwaddr_len <= MAX_ADAPTER_ADDRESS_LENGTH ? k->hwaddr_len : 0;
        bool zero = true;
        for (unsigned i = 0; i < hw; i++)
            zero = zero && k->hwaddr[i] == 0;
        ad->PhysicalAddressLength = zero ? 0 : hw;
        memcpy(ad->PhysicalAddress, k->hwaddr, ad->PhysicalAddressLength);
        ad->Flags = IP_ADAPTER_IPV4_ENABLED;
        if (k->ipv6_enabled)
            ad->Flags |= IP_ADAPTER_IPV6_ENABLED;
        if (!(k->flags & SYS_IFF_MULTICAST))
            ad->Flags |= IP_ADAPTER_NO_MULTICAST;
        for (size_t i = 0; i < q->t->naddrs; i++)
            if (q->t->addrs[i].index == k->index && q->t->addrs[i].family == SYS_AF_INET &&
                !(q->t->addrs[i].flags & SYS_IFA_F_PERMANENT))
                ad->Flags |= IP_ADAPTER_DHCP_ENABLED;
        ad->Mtu = k->mtu;
        ad->IfType = iphlp_if_type(k);
        ad->OperStatus = iphlp_oper_status(k);
        ad->ZoneIndices[ScopeLevelInterface] = k->index;
        ad->ZoneIndices[ScopeLevelLink] = k->index;
        ad->TransmitLinkSpeed = ad->ReceiveLinkSpeed = k->speed_bps > 0 ? (ULONG64)k->speed_bps : 0;
        ad->Luid = iphlp_luid(k);
        ad->CompartmentId = NET_IF_COMPARTMENT_ID_PRIMARY;
        ad->ConnectionType = NET_IF_CONNECTION_DEDICATED;
        ad->TunnelType = ad->IfType == IF_TYPE_TUNNEL ? TUNNEL_TYPE_OTHER : TUNNEL_TYPE_NONE;
    }

    char *name = gaa__take(o, strlen(k->name) + 1, 1);
    if (name) {
        memcpy(name, k->name, strlen(k->name) + 1);
        ad->AdapterName = name;
    }
    if (!(q->flags & GAA_FLAG_SKIP_UNICAST))
        gaa__unicasts(o, q, k->index, ad);
    if (!(q->flags & GAA_FLAG_SKIP_MULTICAST))
        gaa__peers(o, q, k->index, q->t->groups, q->t->ngroups,
                   ad ? (void **)&ad->FirstMulticastAddress : NULL);
    /* Linux's resolver is the system's, not an interface's: every working adapter has it. */
    if (!(q->flags & GAA_FLAG_SKIP_DNS_SERVER) && iphlp_link_up(k))
        gaa__dns_servers(o, q, ad);
    if (q->flags & GAA_FLAG_INCLUDE_PREFIX)
        gaa__prefixes(o, q, k->index, ad);
    if (q->flags & GAA_FLAG_INCLUDE_GATEWAYS)
        gaa__peers(o, q, k->index, q->t->gateways, q->t->ngateways,
                   ad ? (void **)&ad->FirstGatewayAddress : NULL);

    PWCHAR suffix =
        gaa__wide(o, iphlp_link_up(k) && !(k->flags & SYS_IFF_LOOPBACK) ? q->dns->domain : "");
    PWCHAR description = gaa__wide(o, k->name);
    /* GAA_FLAG_SKIP_FRIENDLY_NAME: "Do not return the adapter friendly name": an empty one. */
    PWCHAR friendly = gaa__wide(o, q->flags & GAA_FLAG_SKIP_FRIENDLY_NAME ? "" : k->name);
    if (ad) {
        ad->DnsSuffix = suffix;
        ad->Description = description;
        ad->FriendlyName = friendly;
    }
    return ad;
}

static size_t gaa__layout(struct gaa_out *o, const struct gaa_query *q, size_t *adapters)
{
    IP_ADAPTER_ADDRESSES *first = NULL, **link = &first;
    *adapters = 0;
    for (size_t i = 0; i < q->t->nlinks; i++) {
        const struct sys_iflink *k = &q->t->links[i];
        if (!gaa__listed(q, k))
            continue;
        IP_ADAPTER_ADDRESSES *ad = gaa__adapter(o, q, k);
        if (ad) {
            *link = ad;
            link = &ad->Next;
        }
        (*adapters)++;
    }
    return o->used;
}

ULONG WINAPI GetAdaptersAddresses(ULONG Family, ULONG Flags, PVOID Reserved,
                                  PIP_ADAPTER_ADDRESSES AdapterAddresses, PULONG SizePointer)
{
    (void)Reserved;
    /*
     * ERROR_INVALID_PARAMETER: "the SizePointer parameter is NULL, the
     * Address parameter is not AF_INET, AF_INET6, or AF_UNSPEC, or the
     * address information for the parameters requested is greater than
     * ULONG_MAX".
     */
    if (!SizePointer || !sys_user_writable(SizePointer, sizeof(*SizePointer)))
        return ERROR_INVALID_PARAMETER;
    if (Family != AF_UNSPEC && Family != AF_INET && Family != AF_INET6)
        return ERROR_INVALID_PARAMETER;

    unsigned parts = SYS_IFT_ADDRS;
    if (!(Flags & GAA_FLAG_SKIP_MULTICAST))
        parts |= SYS_IFT_GROUPS;
    if (Flags & GAA_FLAG_INCLUDE_GATEWAYS)
        parts |= SYS_IFT_GATEWAYS;
    struct sys_iftable t;
    if (sys_iftable_load(&t, parts) < 0)
        return errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_NO_DATA;
    struct sys_resolv dns;
    sys_resolv_load(&dns);
    struct gaa_query q = {Family, Flags, &t, &dns};

    struct gaa_out measure = {NULL, 0};
    size_t adapters;
    size_t need = gaa__layout(&measure, &q, &adapters);
    ULONG result;
    if (adapters == 0) {
        /* ERROR_NO_DATA: "No addresses were found for the requested parameters." */
        result = ERROR_NO_DATA;
    } else if (need > ULONG_MAX) {
        result = ERROR_INVALID_PARAMETER;
    } else if (!AdapterAddresses || *SizePointer < need) {
        *SizePointer = (ULONG)need;
        result = ERROR_BUFFER_OVERFLOW;
    } else if (!sys_user_writable(AdapterAddresses, need)) {
        result = ERROR_NOACCESS;
    } else {
        struct gaa_out out = {(unsigned char *)AdapterAddresses, 0};
        memset(AdapterAddresses, 0, need);
        gaa__layout(&out, &q, &adapters);
        result = NO_ERROR;
    }
    sys_iftable_free(&t);
    return result;
}
