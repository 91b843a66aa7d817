/*
 * The IPv4-only, text-based queries of the IP Helper API: GetAdaptersInfo
 * (adapters with their addresses and gateways as dotted strings) and
 * GetNetworkParams (host name, domain and DNS servers).
 *
 * Both fill one buffer the caller owns, structures first and the
 * IP_ADDR_STRING list elements that do not fit in them after, and answer a
 * buffer that is too small (or missing) with ERROR_BUFFER_OVERFLOW and the
 * size needed.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "sys/sys.h"
#include "sys/usermem.h"
#include "win32/iphlp.h"
#include "ws2_32/addrtext.h"

/* Dotted text of 4 address bytes into an IP_ADDRESS_STRING. */
static void info__text(const unsigned char *addr, IP_ADDRESS_STRING *out)
{
    char text[WS2_IPV4_TEXT_MAX];
    ws2_ipv4_format(addr, text);
    memset(out->String, 0, sizeof(out->String));
    memcpy(out->String, text, strlen(text));
}

static void info__mask(unsigned prefixlen, IP_MASK_STRING *out)
{
    uint32_t host = prefixlen == 0    ? 0
                    : prefixlen >= 32 ? 0xffffffffu
                                      : ~(0xffffffffu >> prefixlen);
    unsigned char m[4] = {(unsigned char)(host >> 24), (unsigned char)(host >> 16),
                          (unsigned char)(host >> 8), (unsigned char)host};
    info__text(m, out);
}

/*
 * GetAdaptersInfo lists the adapters that are not loopback: the loopback
 * interface is not an adapter there ("ERROR_NO_DATA: No adapter
 * information exists for the local computer" on a machine that has only
 * it).
 */
static bool info__listed(const struct sys_iflink *k)
{
    return !(k->flags & SYS_IFF_LOOPBACK) && k->arphrd != SYS_ARPHRD_LOOPBACK;
}

/* The list elements an adapter needs beyond the one inside IP_ADAPTER_INFO, for each list. */
static size_t info__extra(const struct sys_iftable *t, unsigned index)
{
    size_t addrs = 0, gateways = 0;
    for (size_t i = 0; i < t->naddrs; i++)
        addrs += t->addrs[i].index == index && t->addrs[i].family == SYS_AF_INET;
    for (size_t i = 0; i < t->ngateways; i++)
        gateways += t->gateways[i].index == index && t->gateways[i].family == SYS_AF_INET;
    return (addrs > 1 ? addrs - 1 : 0) + (gateways > 1 ? gateways - 1 : 0);
}

static void info__adapter(const struct sys_iftable *t, const struct sys_iflink *k,
                          IP_ADAPTER_INFO *a, IP_ADDR_STRING **spare)
{
    a->ComboIndex = k->index;
    a->Index = k->index;
    snprintf(a->AdapterName, sizeof(a->AdapterName), "%s", k->name);
    snprintf(a->Description, sizeof(a->Description), "%s", k->name);
    a->AddressLength = k->hwaddr_len <= MAX_ADAPTER_ADDRESS_LENGTH ? k->hwaddr_len : 0;
    memcpy(a->Address, k->hwaddr, a->AddressLength);
    a->Type = iphlp_if_type(k);

    /* An adapter without an IPv4 address shows 0.0.0.0 with mask 0.0.0.0. */
    static const unsigned char none[4] = {0, 0, 0, 0};
    IP_ADDR_STRING *at = &a->IpAddressList;
    info__text(none, &at->IpAddress);
    info__text(none, &at->IpMask);
    bool first = true;
    for (size_t i = 0; i < t->naddrs; i++) {
        const struct sys_ifaddr *x = &t->addrs[i];
        if (x->index != k->index || x->family != SYS_AF_INET)
            continue;
        if (!(x->flags & SYS_IFA_F_PERMANENT))
            a->DhcpEnabled = 1;
        if (!first) {
            at->Next = (*spare)++;
            at = at->Next;
        }
        first = false;
        info__text(x->addr, &at->IpAddress);
        info__mask(x->prefixlen, &at->IpMask);
        at->Context = (DWORD)i;
    }

    at = &a->GatewayList;
    info__text(none, &at->IpAddress);
    info__text(none, &at->IpMask);
    first = true;
    for (size_t i = 0; i < t->ngateways; i++) {
        const struct sys_ifpeer *g = &t->gateways[i];
        if (g->index != k->index || g->family != SYS_AF_INET)
            continue;
        if (!first) {
            at->Next = (*spare)++;
            at = at->Next;
        }
        first = false;
        info__text(g->addr, &at->IpAddress);
        info__mask(32, &at->IpMask);
    }
}

ULONG WINAPI GetAdaptersInfo(PIP_ADAPTER_INFO AdapterInfo, PULONG SizePointer)
{
    if (!SizePointer || !sys_user_writable(SizePointer, sizeof(*SizePointer)))
        return ERROR_INVALID_PARAMETER;
    struct sys_iftable t;
    if (sys_iftable_load(&t, SYS_IFT_ADDRS | SYS_IFT_GATEWAYS) < 0)
        return errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_NO_DATA;
    size_t adapters = 0, extra = 0;
    for (size_t i = 0; i < t.nlinks; i++) {
        if (!info__listed(&t.links[i]))
            continue;
        adapters++;
        extra += info__extra(&t, t.links[i].index);
    }
    size_t need = adapters * sizeof(IP_ADAPTER_INFO) + extra * sizeof(IP_ADDR_STRING);
    ULONG result;
    if (adapters == 0) {
        result = ERROR_NO_DATA;
    } else if (need > ULONG_MAX) {
        result = ERROR_NOT_ENOUGH_MEMORY;
    } else if (!AdapterInfo || *SizePointer < need) {
        *SizePointer = (ULONG)need;
        result = ERROR_BUFFER_OVERFLOW;
    } else if (!sys_user_writable(AdapterInfo, need)) {
        result = ERROR_NOACCESS;
    } else {
        memset(AdapterInfo, 0, need);
        IP_ADDR_STRING *spare = (IP_ADDR_STRING *)(AdapterInfo + adapters);
        IP_ADAPTER_INFO *a = AdapterInfo;
        for (size_t i = 0; i < t.nlinks; i++) {
            if (!info__listed(&t.links[i]))
                continue;
            info__adapter(&t, &t.links[i], a, &spare);
            a->Next = a + 1 < AdapterInfo + adapters ? a + 1 : NULL;
            a++;
        }
        result = NO_ERROR;
    }
    sys_iftable_free(&t);
    return result;
}

/*
 * GetNetworkParams: the host name, the domain and the IPv4 DNS servers of
 * /etc/resolv.conf (an IP_ADDR_STRING holds only IPv4 text).
 */
DWORD WINAPI GetNetworkParams(PFIXED_INFO pFixedInfo, PULONG pOutBufLen)
{
    if (!pOutBufLen || !sys_user_writable(pOutBufLen, sizeof(*pOutBufLen)))
        return ERROR_INVALID_PARAMETER;
    struct sys_resolv dns;
    sys_resolv_load(&dns);
    unsigned v4 = 0;
    for (unsigned i = 0; i < dns.nservers; i++)
        v4 += dns.servers[i].family == SYS_AF_INET;
    size_t need = sizeof(FIXED_INFO) + (v4 > 1 ? v4 - 1 : 0) * sizeof(IP_ADDR_STRING);
    if (!pFixedInfo || *pOutBufLen < need) {
        *pOutBufLen = (ULONG)need;
        return ERROR_BUFFER_OVERFLOW;
    }
    if (!sys_user_writable(pFixedInfo, need))
        return ERROR_NOACCESS;
    memset(pFixedInfo, 0, need);
    sys_host_name(pFixedInfo->HostName, sizeof(pFixedInfo->HostName));
    /* A longer domain than the structure holds is cut: MAX_DOMAIN_NAME_LEN is the limit there. */
    size_t dl = strnlen(dns.domain, MAX_DOMAIN_NAME_LEN);
    memcpy(pFixedInfo->DomainName, dns.domain, dl);
    IP_ADDR_STRING *spare = (IP_ADDR_STRING *)(pFixedInfo + 1);
    IP_ADDR_STRING *at = &pFixedInfo->DnsServerList;
    bool first = true;
    for (unsigned i = 0; i < dns.nservers; i++) {
        if (dns.servers[i].family != SYS_AF_INET)
            continue;
        if (!first) {
            at->Next = spare++;
            at = at->Next;
        }
        first = false;
        info__text(dns.servers[i].addr, &at->IpAddress);
    }
    pFixedInfo->NodeType = BROADCAST_NODETYPE;
    return NO_ERROR;
}
