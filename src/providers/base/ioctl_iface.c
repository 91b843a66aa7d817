/*
 * The interface and route queries: SIO_ADDRESS_LIST_QUERY,
 * SIO_GET_INTERFACE_LIST and SIO_ROUTING_INTERFACE_QUERY, from Linux's
 * interface table (rtnetlink, sys_ifaddr.h) and its route lookup
 * (sys_ifwatch.h).  Argument errors and byte counts follow what Windows
 * answers (Wine's ws2_32 tests) where it differs from the pages.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <ws2tcpip.h>

#include "kernel/ntstatus.h"
#include "providers/base/ioctl.h"
#include "sys/sys.h"
#include "sys/sys_ifaddr.h"
#include "sys/sys_ifwatch.h"
#include "sys/usermem.h"

static const struct sys_iflink *iface__link(const struct sys_iftable *t, unsigned index)
{
    for (size_t i = 0; i < t->nlinks; i++)
        if (t->links[i].index == index)
            return &t->links[i];
    return NULL;
}

/* Linux's family number for the socket's, and the address size. */
static int iface__family(const struct bsock *b, size_t *bytes)
{
    *bytes = b->family == AF_INET6 ? 16 : 4;
    return b->family == AF_INET6 ? SYS_AF_INET6 : SYS_AF_INET;
}

/* Writes one address as the socket's Windows sockaddr; returns its size. */
static int iface__sockaddr(const struct sys_ifaddr *a, void *out)
{
    if (a->family == SYS_AF_INET6) {
        SOCKADDR_IN6 sa;
        memset(&sa, 0, sizeof(sa));
        sa.sin6_family = AF_INET6;
        memcpy(&sa.sin6_addr, a->addr, 16);
        /* A link-local address names its interface. */
        if (a->addr[0] == 0xfe && (a->addr[1] & 0xc0) == 0x80)
            sa.sin6_scope_id = a->index;
        memcpy(out, &sa, sizeof(sa));
        return (int)sizeof(sa);
    }
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    memcpy(&sa.sin_addr, a->addr, 4);
    memcpy(out, &sa, sizeof(sa));
    return (int)sizeof(sa);
}

/*
 * Whether SIO_ADDRESS_LIST_QUERY lists the address: sio-address-list-query.md,
 * "all addresses are returned except ... Any IP address where the duplicate
 * address detection (DAD) state is not IpDadStatePreferred" and the
 * addresses of a software loopback interface.  An interface that is down
 * has no address one can use either.
 */
static bool iface__bindable(const struct sys_iftable *t, const struct sys_ifaddr *a)
{
    const struct sys_iflink *l = iface__link(t, a->index);
    if (!l || (l->flags & SYS_IFF_LOOPBACK) || !(l->flags & SYS_IFF_UP))
        return false;
    return !(a->flags & (SYS_IFA_F_TENTATIVE | SYS_IFA_F_DADFAILED | SYS_IFA_F_DEPRECATED |
                         SYS_IFA_F_OPTIMISTIC));
}

/*
 * SIO_ADDRESS_LIST_QUERY: a SOCKET_ADDRESS_LIST, its sockaddrs after the
 * array.  "If the output buffer ... is not large enough to contain the
 * address list, SOCKET_ERROR is returned ... WSAEFAULT.  The required
 * size, in bytes, for the output buffer is returned in the
 * lpcbBytesReturned parameter in this case" — a NULL or empty buffer
 * included; Windows writes nothing into one too small.  A buffer of 1 to 3
 * bytes, too small even for the count, is WSAEINVAL with a count of 0
 * (Wine's tests).
 */
int ioctl_address_list_query(struct ioctl_call *c)
{
    size_t bytes;
    int family = iface__family(c->b, &bytes);
    struct sys_iftable t;
    if (sys_iftable_load(&t, SYS_IFT_ADDRS) < 0)
        return WSAENETDOWN;
    size_t count = 0, addr_bytes = 0;
    for (size_t i = 0; i < t.naddrs; i++) {
        if (t.addrs[i].family != family || !iface__bindable(&t, &t.addrs[i]))
            continue;
        count++;
        addr_bytes += (size_t)base_sockaddr_size(c->b->family);
    }
    size_t head = offsetof(SOCKET_ADDRESS_LIST, Address) + count * sizeof(SOCKET_ADDRESS);
    DWORD need = (DWORD)(head + addr_bytes);
    int error = 0;
    if (!c->out || c->out_len == 0) {
        *c->returned = need;
        error = WSAEFAULT;
    } else if (c->out_len < sizeof(INT)) {
        *c->returned = 0;
        error = WSAEINVAL;
    } else if (c->out_len < need) {
        *c->returned = need;
        error = WSAEFAULT;
    } else if (!sys_user_writable(c->out, need)) {
        error = WSAEFAULT;
    }
    if (error) {
        sys_iftable_free(&t);
        return error;
    }
    SOCKET_ADDRESS_LIST *list = c->out;
    char *next = (char *)c->out + head;
    INT n = 0;
    for (size_t i = 0; i < t.naddrs; i++) {
        if (t.addrs[i].family != family || !iface__bindable(&t, &t.addrs[i]))
            continue;
        int size = iface__sockaddr(&t.addrs[i], next);
        list->Address[n].lpSockaddr = (LPSOCKADDR)next;
        list->Address[n].iSockaddrLength = size;
        next += size;
        n++;
    }
    list->iAddressCount = n;
    *c->returned = need;
    sys_iftable_free(&t);
    return 0;
}

/* One sockaddr_gen from address bytes of the socket's family (the RFC 2133 IPv6 layout). */
static void iface__gen(sockaddr_gen *g, int family, const unsigned char *addr)
{
    memset(g, 0, sizeof(*g));
    if (family == AF_INET6) {
        g->AddressIn6.sin6_family = AF_INET6;
        memcpy(&g->AddressIn6.sin6_addr, addr, 16);
    } else {
        g->AddressIn.sin_family = AF_INET;
        memcpy(&g->AddressIn.sin_addr, addr, 4);
    }
}

/* The INTERFACE_INFO of one address. */
static void iface__info(INTERFACE_INFO *info, const struct sys_iflink *l,
                        const struct sys_ifaddr *a, int family, size_t bytes)
{
    memset(info, 0, sizeof(*info));
    unsigned flags = l ? l->flags : 0;
    if (flags & SYS_IFF_UP)
        info->iiFlags |= IFF_UP;
    if (flags & SYS_IFF_LOOPBACK)
        info->iiFlags |= IFF_LOOPBACK;
    if (flags & SYS_IFF_POINTOPOINT)
        info->iiFlags |= IFF_POINTTOPOINT;
    if (flags & SYS_IFF_MULTICAST)
        info->iiFlags |= IFF_MULTICAST;
    /* IPv6 has no broadcast. */
    if ((flags & SYS_IFF_BROADCAST) && family == AF_INET)
        info->iiFlags |= IFF_BROADCAST;
    iface__gen(&info->iiAddress, family, a->addr);
    unsigned char mask[16] = {0}, bcast[16];
    for (unsigned bit = 0; bit < a->prefixlen && bit < bytes * 8; bit++)
        mask[bit / 8] |= (unsigned char)(0x80 >> (bit % 8));
    iface__gen(&info->iiNetmask, family, mask);
    /*
     * INTERFACE_INFO: "Broadcast address of the interface"; all zero, the
     * family too, on an interface without broadcast (Wine's tests check both).
     */
    if (info->iiFlags & IFF_BROADCAST) {
        for (size_t i = 0; i < bytes; i++)
            bcast[i] = (unsigned char)(a->addr[i] | ~mask[i]);
        iface__gen(&info->iiBroadcastAddress, family, bcast);
    }
}

/*
 * SIO_GET_INTERFACE_LIST: an INTERFACE_INFO for each address of the
 * socket's family, the loopback interface's included.  Windows' driver
 * answers it: without an OVERLAPPED a buffer too small is WSAEFAULT with a
 * count of 0 ("returns WSAEFAULT if the cbOutBuffer parameter ... is too
 * small"); with one the call is always pending and the completion carries
 * the byte count, or STATUS_BUFFER_TOO_SMALL (Wine's tests).
 */
int ioctl_interface_list(struct ioctl_call *c)
{
    size_t bytes;
    int family = iface__family(c->b, &bytes);
    if (!c->ov)
        *c->returned = 0;
    struct sys_iftable t;
    if (sys_iftable_load(&t, SYS_IFT_ADDRS) < 0)
        return WSAENETDOWN;
    size_t count = 0;
    for (size_t i = 0; i < t.naddrs; i++)
        count += t.addrs[i].family == family;
    DWORD need = (DWORD)(count * sizeof(INTERFACE_INFO));
    DWORD status = KSTATUS_SUCCESS;
    if (c->out_len < need) {
        status = IOCTL_STATUS_BUFFER_TOO_SMALL;
    } else if (!c->out || !sys_user_writable(c->out, need)) {
        sys_iftable_free(&t);
        return WSAEFAULT;
    } else {
        INTERFACE_INFO *info = c->out;
        for (size_t i = 0; i < t.naddrs; i++)
            if (t.addrs[i].family == family)
                iface__info(info++, iface__link(&t, t.addrs[i].index), &t.addrs[i], c->b->family,
                            bytes);
    }
    sys_iftable_free(&t);
    if (c->ov)
        return ioctl_complete_pending(c, status, status == KSTATUS_SUCCESS ? need : 0);
    if (status != KSTATUS_SUCCESS)
        return WSAEFAULT;
    *c->returned = need;
    return 0;
}

/*
 * SIO_ROUTING_INTERFACE_QUERY: "the address of the local interface ...
 * which should be used to send to the remote address specified in the
 * input buffer" — the source address Linux's route lookup picks.  What
 * Windows answers (Wine's tests): an input that is missing or shorter than
 * its sockaddr is WSAEINVAL, a family other than IPv4 or IPv6
 * WSAEAFNOSUPPORT, the unspecified address WSAEINVAL; the output is
 * WSAEFAULT when missing, and when too small with the size it needs in
 * lpcbBytesReturned ("The required size of the output buffer will be
 * returned in lpcbBytesReturned in this case").
 */
int ioctl_routing_interface_query(struct ioctl_call *c)
{
    if (!c->in || c->in_len < sizeof(struct sockaddr_in) ||
        !sys_user_readable(c->in, sizeof(struct sockaddr_in)))
        return WSAEINVAL;
    ADDRESS_FAMILY family;
    memcpy(&family, c->in, sizeof(family));
    if (family != AF_INET && family != AF_INET6)
        return WSAEAFNOSUPPORT;
    int size = base_sockaddr_size(family);
    if (c->in_len < (DWORD)size || !sys_user_readable(c->in, (size_t)size))
        return WSAEINVAL;
    unsigned char dest[sizeof(SOCKADDR_IN6)];
    uint32_t dest_len;
    if (base_sockaddr_to_linux(c->in, size, family, dest, &dest_len) != 0)
        return WSAEINVAL;
    static const unsigned char zero[16];
    bool unspecified = family == AF_INET6
                           ? memcmp(&((SOCKADDR_IN6 *)c->in)->sin6_addr, zero, 16) == 0
                           : ((struct sockaddr_in *)c->in)->sin_addr.s_addr == 0;
    if (unspecified)
        return WSAEINVAL;
    if (!c->out)
        return WSAEFAULT;
    if (c->out_len < (DWORD)size) {
        *c->returned = (DWORD)size;
        return WSAEFAULT;
    }
    /* Any port will do for the lookup; the answer names no port. */
    ((struct sockaddr_in *)dest)->sin_port = htons(9);
    unsigned char src[sizeof(SOCKADDR_IN6)];
    uint32_t src_len = sizeof(src);
    if (sys_route_source(dest, dest_len, src, &src_len) < 0)
        return base_error(errno);
    ((struct sockaddr_in *)src)->sin_port = 0;
    INT out_len = (INT)c->out_len;
    if (base_sockaddr_from_linux(src, src_len, c->out, &out_len) != 0)
        return WSAEFAULT;
    *c->returned = (DWORD)out_len;
    return 0;
}
