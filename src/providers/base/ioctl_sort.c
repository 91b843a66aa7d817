/*
 * SIO_ADDRESS_LIST_SORT: destination addresses sorted from best to worst
 * for making a connection (Using SIO_ADDRESS_LIST_SORT).
 *
 * What Windows documents, and this follows: "The buffer passed to
 * SIO_ADDRESS_LIST_SORT is a SOCKET_ADDRESS_LIST structure. Each
 * SOCKET_ADDRESS in the list must be in SOCKADDR_IN6 format"; IPv4
 * addresses "must be in the IPv4-mapped IPv6 address format"; the list is
 * sorted "from best to worst"; "the iAddressCount member ... may be smaller
 * than on input if the IOCTL code determines that some destination
 * addresses are invalid"; it "ignores the source address bound to the
 * socket".  Callers pass the same buffer as input and output (the SDK's
 * examples, getaddrinfo's own use): the output is a SOCKET_ADDRESS_LIST
 * whose entries point at the caller's addresses, in the new order.
 *
 * The order is RFC 6724's for destinations (the successor of the RFC 3484
 * that the page cites), with the source each destination would get from
 * Linux's routing (sys_route_source) and RFC 6724's default policy table
 * (Windows' default prefix policies are the same table): a destination
 * with no route goes last (rule 1), then a matching scope (rule 2), a
 * matching label (rule 5), higher precedence (rule 6), smaller scope
 * (rule 8), the longer prefix shared with the source (rule 9), and else
 * the order given (rule 10).  Rules 3, 4 and 7 (deprecated, home and
 * encapsulated addresses) have nothing to go on here.  The unspecified
 * address is invalid and leaves the list; scope ids are left as given.
 *
 * Errors, as Windows answers the neighbouring controls (Wine's tests of
 * SIO_ROUTING_INTERFACE_QUERY and SIO_ADDRESS_LIST_QUERY): an input that
 * is missing, too short for its count, or holds an address that is not a
 * SOCKADDR_IN6 is WSAEINVAL; an address that cannot be read is WSAEFAULT;
 * an output missing or too short for the list is WSAEFAULT with the size
 * needed in *lpcbBytesReturned.  The control belongs to IPv6: on a socket
 * of another family it is "not applicable to the type of socket
 * specified" (WSAIoctl.md), WSAEINVAL.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <ws2tcpip.h>

#include "providers/base/ioctl.h"
#include "sys/sys.h"
#include "sys/sys_ifwatch.h"
#include "sys/usermem.h"

/* One destination as the rules see it. */
struct sort_dest {
    SOCKET_ADDRESS entry; /* as given: the caller's address */
    unsigned char dst[16], src[16];
    bool usable;
    int index;
};

static bool sort__mapped(const unsigned char *a)
{
    static const unsigned char prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return memcmp(a, prefix, sizeof(prefix)) == 0;
}

static bool sort__unspecified(const unsigned char *a)
{
    static const unsigned char zero[16];
    return memcmp(a, zero, 16) == 0 || (sort__mapped(a) && memcmp(a + 12, zero, 4) == 0);
}

/* The bits a and b share from the start (RFC 6724's CommonPrefixLen), at most 128. */
static int sort__common_prefix(const unsigned char *a, const unsigned char *b)
{
    int bits = 0;
    for (int i = 0; i < 16; i++) {
        unsigned char x = a[i] ^ b[i];
        if (!x) {
            bits += 8;
            continue;
        }
        while (!(x & 0x80)) {
            x <<= 1;
            bits++;
        }
        break;
    }
    return bits;
}

/* RFC 6724 section 3.1's scopes: link-local 2, site-local 5, global 14 (multicast: its field). */
static int sort__scope(const unsigned char *a)
{
    static const unsigned char loopback[16] = {[15] = 1};
    if (a[0] == 0xff)
        return a[1] & 0x0f;
    if (sort__mapped(a)) {
        /* IPv4 loopback and auto-configuration addresses are link-local (section 3.2). */
        if (a[12] == 127 || (a[12] == 169 && a[13] == 254))
            return 2;
        return 14;
    }
    if (memcmp(a, loopback, 16) == 0 || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))
        return 2;
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
        return 5;
    return 14;
}

/* RFC 6724 section 2.1's default policy table: the entry of the longest matching prefix. */
static void sort__policy(const unsigned char *a, int *precedence, int *label)
{
    static const struct {
        unsigned char prefix[16];
        int bits, precedence, label;
    } table[] = {
        {{[15] = 1}, 128, 50, 0},                /* ::1/128 */
        {{[10] = 0xff, [11] = 0xff}, 96, 35, 4}, /* ::ffff:0:0/96 */
        {{0}, 96, 1, 3},                         /* ::/96 */
        {{0x20, 0x01, 0, 0}, 32, 5, 5},          /* 2001::/32 (Teredo) */
        {{0x20, 0x02}, 16, 30, 2},               /* 2002::/16 (6to4) */
        {{0x3f, 0xfe}, 16, 1, 12},               /* 3ffe::/16 */
        {{0xfe, 0xc0}, 10, 1, 11},               /* fec0::/10 */
        {{0xfc}, 7, 3, 13},                      /* fc00::/7 */
        {{0}, 0, 40, 1},                         /* ::/0 */
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (sort__common_prefix(a, table[i].prefix) >= table[i].bits) {
            *precedence = table[i].precedence;
            *label = table[i].label;
            return;
        }
    }
}

/* Negative when a goes before b (RFC 6724 section 6). */
static int sort__compare(const struct sort_dest *a, const struct sort_dest *b)
{
    if (a->usable != b->usable)
        return a->usable ? -1 : 1; /* rule 1 */
    if (a->usable) {
        bool sa = sort__scope(a->dst) == sort__scope(a->src);
        bool sb = sort__scope(b->dst) == sort__scope(b->src);
        if (sa != sb)
            return sa ? -1 : 1; /* rule 2 */
        int pa, la, pb, lb, psa, lsa, psb, lsb;
        sort__policy(a->dst, &pa, &la);
        sort__policy(b->dst, &pb, &lb);
        sort__policy(a->src, &psa, &lsa);
        sort__policy(b->src, &psb, &lsb);
        if ((la == lsa) != (lb == lsb))
            return la == lsa ? -1 : 1; /* rule 5 */
        if (pa != pb)
            return pa > pb ? -1 : 1; /* rule 6 */
        int ca = sort__scope(a->dst), cb = sort__scope(b->dst);
        if (ca != cb)
            return ca < cb ? -1 : 1; /* rule 8 */
        if (sort__mapped(a->dst) == sort__mapped(b->dst)) {
            int qa = sort__common_prefix(a->dst, a->src), qb = sort__common_prefix(b->dst, b->src);
            if (qa != qb)
                return qa > qb ? -1 : 1; /* rule 9 */
        }
    } else {
        int pa, la, pb, lb;
        sort__policy(a->dst, &pa, &la);
        sort__policy(b->dst, &pb, &lb);
        if (pa != pb)
            return pa > pb ? -1 : 1;
    }
    return a->index - b->index; /* rule 10 */
}

/* The source Linux would use for d's address: d->usable and d->src. */
static void sort__route(struct sort_dest *d, const SOCKADDR_IN6 *given)
{
    SOCKADDR_STORAGE dest;
    memset(&dest, 0, sizeof(dest));
    int family, size;
    if (sort__mapped(d->dst)) {
        SOCKADDR_IN *v4 = (SOCKADDR_IN *)&dest;
        v4->sin_family = AF_INET;
        v4->sin_port = htons(9); /* any port will do: nothing is sent */
        memcpy(&v4->sin_addr, d->dst + 12, 4);
        family = AF_INET, size = sizeof(*v4);
    } else {
        SOCKADDR_IN6 *v6 = (SOCKADDR_IN6 *)&dest;
        *v6 = *given;
        v6->sin6_port = htons(9);
        family = AF_INET6, size = sizeof(*v6);
    }
    unsigned char lx[sizeof(SOCKADDR_STORAGE)], src[sizeof(SOCKADDR_STORAGE)];
    uint32_t lx_len = 0, src_len = sizeof(src);
    SOCKADDR_STORAGE from;
    INT from_len = sizeof(from);
    d->usable = base_sockaddr_to_linux((struct sockaddr *)&dest, size, family, lx, &lx_len) == 0 &&
                sys_route_source(lx, lx_len, src, &src_len) == 0 &&
                base_sockaddr_from_linux(src, src_len, (struct sockaddr *)&from, &from_len) == 0;
    if (!d->usable)
        return;
    if (from.ss_family == AF_INET) {
        memset(d->src, 0, 10);
        d->src[10] = d->src[11] = 0xff;
        memcpy(d->src + 12, &((SOCKADDR_IN *)&from)->sin_addr, 4);
    } else {
        memcpy(d->src, &((SOCKADDR_IN6 *)&from)->sin6_addr, 16);
    }
}

int ioctl_address_list_sort(struct ioctl_call *c)
{
    if (c->b->family != AF_INET6)
        return WSAEINVAL;
    const size_t head = offsetof(SOCKET_ADDRESS_LIST, Address);
    if (!c->in || c->in_len < head)
        return WSAEINVAL;
    if (!sys_user_readable(c->in, head))
        return WSAEFAULT;
    INT count;
    memcpy(&count, c->in, sizeof(count));
    if (count < 0 || (size_t)count > (c->in_len - head) / sizeof(SOCKET_ADDRESS))
        return WSAEINVAL;
    size_t list_size = head + (size_t)count * sizeof(SOCKET_ADDRESS);
    if (!sys_user_readable(c->in, list_size))
        return WSAEFAULT;
    struct sort_dest *d = calloc(count ? (size_t)count : 1, sizeof(*d));
    if (!d)
        return WSAENOBUFS;
    const SOCKET_ADDRESS *entries = (const SOCKET_ADDRESS *)((const char *)c->in + head);
    int kept = 0, error = 0;
    for (INT i = 0; i < count && !error; i++) {
        SOCKET_ADDRESS e = entries[i];
        if (!e.lpSockaddr || e.iSockaddrLength < (INT)sizeof(SOCKADDR_IN6))
            error = WSAEINVAL;
        else if (!sys_user_readable(e.lpSockaddr, sizeof(SOCKADDR_IN6)))
            error = WSAEFAULT;
        if (error)
            break;
        SOCKADDR_IN6 a;
        memcpy(&a, e.lpSockaddr, sizeof(a));
        if (a.sin6_family != AF_INET6) {
            error = WSAEINVAL;
            break;
        }
        if (sort__unspecified(a.sin6_addr.s6_addr))
            continue; /* invalid as a destination: it leaves the list */
        struct sort_dest *t = &d[kept];
        t->entry = e;
        t->index = kept++;
        memcpy(t->dst, a.sin6_addr.s6_addr, 16);
        sort__route(t, &a);
    }
    if (!error) {
        /* The whole list Windows writes back: the header and one entry for each address given. */
        if (!c->out || c->out_len < list_size || !sys_user_writable(c->out, list_size)) {
            *c->returned = (DWORD)list_size;
            error = WSAEFAULT;
        }
    }
    if (error) {
        free(d);
        return error;
    }
    /* Insertion sort: the lists are short, and it keeps equal entries in order. */
    for (int i = 1; i < kept; i++) {
        struct sort_dest t = d[i];
        int j = i;
        for (; j > 0 && sort__compare(&t, &d[j - 1]) < 0; j--)
            d[j] = d[j - 1];
        d[j] = t;
    }
    /* Written after everything was read: the output is usually the input. */
    SOCKET_ADDRESS_LIST *out = c->out;
    out->iAddressCount = kept;
    /* Address is declared with one element: the entries are reached through a pointer. */
    SOCKET_ADDRESS *out_entries = (SOCKET_ADDRESS *)((char *)c->out + head);
    for (int i = 0; i < kept; i++)
        out_entries[i] = d[i].entry;
    free(d);
    *c->returned = (DWORD)(head + (size_t)kept * sizeof(SOCKET_ADDRESS));
    return 0;
}
