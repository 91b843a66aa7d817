/*
 * The Winsock 1 database functions: gethostname, GetHostNameW,
 * gethostbyname, gethostbyaddr, getservbyname, getservbyport,
 * getprotobyname and getprotobynumber.
 *
 * Their results live in storage that Winsock owns, one structure of each
 * kind per thread ("Only a single hostent structure is allocated and used,
 * no matter how many times the gethostbyaddr or gethostbyname functions are
 * called on the thread", gethostbyname docs), in Windows' layouts: short
 * h_addrtype and h_length, AF_INET6 as 23, and Win64's servent with s_proto
 * before s_port.  A hostent is laid out as Windows lays it out: the alias
 * pointers right after the structure, then the address pointers, then the
 * addresses.  The storage is the thread's (thread_buffer.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sys/sys_netdb.h"
#include "ws2_32/addrtext.h"
#include "ws2_32/args.h"
#include "ws2_32/thread_buffer.h"
#include "ws2_32/ws2.h"

/* Room for any Linux host name (HOST_NAME_MAX is 64). */
#define HOSTENT__NAME_MAX 256

static size_t hostent__count(char **list)
{
    size_t n = 0;
    while (list && list[n])
        n++;
    return n;
}

static size_t hostent__strings_size(char **list)
{
    size_t size = 0;
    for (size_t i = 0; list && list[i]; i++)
        size += strlen(list[i]) + 1;
    return size;
}

/* Copies a NULL-terminated list of strings, advancing *data past them. */
static void hostent__copy_strings(char **to, char **from, char **data)
{
    size_t n = 0;
    for (; from && from[n]; n++) {
        size_t len = strlen(from[n]) + 1;
        to[n] = memcpy(*data, from[n], len);
        *data += len;
    }
    to[n] = NULL;
}

static char *hostent__copy_string(const char *from, char **data)
{
    size_t len = strlen(from) + 1;
    char *to = memcpy(*data, from, len);
    *data += len;
    return to;
}

static int hostent__error(int herr)
{
    switch (herr) {
    case SYS_HOST_NOT_FOUND: return WSAHOST_NOT_FOUND;
    case SYS_TRY_AGAIN: return WSATRY_AGAIN;
    case SYS_NO_DATA: return WSANO_DATA;
    default: return WSANO_RECOVERY;
    }
}

/* Fills the thread's hostent from an entry of the C library (or a numeric one). */
static struct hostent *hostent__fill_host(const struct sys_hostent *src)
{
    size_t naliases = hostent__count(src->aliases), naddrs = hostent__count(src->addrs);
    size_t length = (size_t)src->length;
    size_t size = sizeof(struct hostent) + (naliases + 1 + naddrs + 1) * sizeof(char *) +
                  naddrs * length + strlen(src->name) + 1 + hostent__strings_size(src->aliases);
    struct hostent *he = ws2_thread_buffer(WS2_TBUF_HOSTENT, size);
    if (!he) {
        ws2_fail(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    char **aliases = (char **)(he + 1);
    char **addrs = aliases + naliases + 1;
    char *data = (char *)(addrs + naddrs + 1);
    for (size_t i = 0; i < naddrs; i++) {
        addrs[i] = memcpy(data, src->addrs[i], length);
        data += length;
    }
    addrs[naddrs] = NULL;
    he->h_name = hostent__copy_string(src->name, &data);
    hostent__copy_strings(aliases, src->aliases, &data);
    he->h_aliases = aliases;
    he->h_addrtype = src->family == SYS_AF_INET6 ? AF_INET6 : AF_INET;
    he->h_length = (short)length;
    he->h_addr_list = addrs;
    return he;
}

/*
 * An entry of one IPv4 address under the given name.  For an address string
 * that is the string itself: "The h_name member of the hostent structure
 * contains the string representation of the IPv4 address and the
 * h_addr_list contains the binary IPv4 address" (gethostbyname docs).
 */
static struct hostent *hostent__numeric(const char *name, ULONG addr)
{
    /* name may lie in the thread's previous hostent, which the new one replaces. */
    char *copy = strdup(name);
    if (!copy) {
        ws2_fail(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    char *addrs[2] = {(char *)&addr, NULL}, *aliases[1] = {NULL};
    struct sys_hostent entry = {copy, aliases, SYS_AF_INET, 4, addrs};
    struct hostent *he = hostent__fill_host(&entry);
    free(copy);
    return he;
}

/* Text that is meant as an address but is none gethostbyname takes: dots and digits, or IPv6. */
static bool hostent__is_address_text(const char *name)
{
    BYTE addr6[16];
    if (strchr(name, ':'))
        return ws2_ipv6_parse(name, strlen(name), addr6);
    return strspn(name, "0123456789.") == strlen(name);
}

struct hostent *WSAAPI gethostbyname(const char *name)
{
    if (!ws2_enter())
        return NULL;
    /* gethostbyname docs, WSAEFAULT: "The name parameter is not a valid part of the user
     * address space." */
    if (ws2_args_string(name, 1)) {
        ws2_fail(WSAEFAULT);
        return NULL;
    }
    /* NULL or "" is the local computer, under the name gethostname returns. */
    char local[HOSTENT__NAME_MAX];
    bool is_local = !name || !*name;
    if (is_local) {
        if (sys_gethostname(local, sizeof(local)) != 0) {
            ws2_fail(WSANO_RECOVERY);
            return NULL;
        }
        name = local;
    }
    ULONG addr;
    const char *end;
    if (ws2_ipv4_parse_bsd(name, &addr, &end) && !*end)
        return hostent__numeric(name, addr);
    /* "If the name parameter contains a string representation of an IPv6 address or an
     * illegal IPv4 address, then the gethostbyname function will fail and return WSANO_DATA." */
    if (hostent__is_address_text(name)) {
        ws2_fail(WSANO_DATA);
        return NULL;
    }
    /* IPv4 only: "The gethostbyname function can only return IPv4 addresses". */
    int herr = 0;
    struct sys_hostent *entry = sys_gethostbyname(name, SYS_AF_INET, &herr);
    if (!entry) {
        /* Windows always knows itself; a host whose name no hosts file or DNS has is reached
         * at its loopback address. */
        if (is_local && (herr == SYS_HOST_NOT_FOUND || herr == SYS_NO_DATA))
            return hostent__numeric(name, htonl(INADDR_LOOPBACK));
        ws2_fail(hostent__error(herr));
        return NULL;
    }
    struct hostent *he = hostent__fill_host(entry);
    free(entry);
    return he;
}

struct hostent *WSAAPI gethostbyaddr(const char *addr, int len, int type)
{
    if (!ws2_enter())
        return NULL;
    int family, error = 0;
    size_t size = 0;
    if (type == AF_INET) {
        family = SYS_AF_INET;
        size = 4;
        error = !addr || len < 4 || ws2_args_span(addr, 4, false) ? WSAEFAULT : 0;
    } else if (type == AF_INET6) {
        /* "returned if AF_INET6 was specified ... and the len parameter was not set equal
         * to the size of an IPv6 address" (gethostbyaddr docs: WSAEINVAL) */
        family = SYS_AF_INET6;
        size = 16;
        error = !addr || ws2_args_span(addr, 16, false) ? WSAEFAULT : len != 16 ? WSAEINVAL : 0;
    } else {
        family = 0;
        error = WSAEAFNOSUPPORT;
    }
    if (error) {
        ws2_fail(error);
        return NULL;
    }
    int herr = 0;
    struct sys_hostent *entry = sys_gethostbyaddr(addr, size, family, &herr);
    if (!entry) {
        ws2_fail(hostent__error(herr));
        return NULL;
    }
    struct hostent *he = hostent__fill_host(entry);
    free(entry);
    return he;
}

/* The local host name, or the Winsock error. */
static int hostent__hostname(char *out)
{
    if (!ws2_enter())
        return WSAGetLastError();
    return sys_gethostname(out, HOSTENT__NAME_MAX) == 0 ? 0 : WSAENETDOWN;
}

/*
 * WSAEFAULT: "The name parameter is a NULL pointer or is not a valid part of
 * the user address space. This error is also returned if the buffer size
 * specified by namelen parameter is too small to hold the complete host
 * name." (gethostname docs).  The buffer is left untouched then.
 */
int WSAAPI gethostname(char *name, int namelen)
{
    char local[HOSTENT__NAME_MAX];
    int error = hostent__hostname(local);
    if (!error && (!name || namelen <= 0 || strlen(local) >= (size_t)namelen ||
                   ws2_args_span(name, strlen(local) + 1, true)))
        error = WSAEFAULT;
    if (error)
        return ws2_fail(error);
    strcpy(name, local);
    return 0;
}

int WSAAPI GetHostNameW(PWSTR name, int namelen)
{
    char local[HOSTENT__NAME_MAX];
    int error = hostent__hostname(local);
    if (!error && (!name || namelen <= 0 || ws2_wide_length(local) >= (size_t)namelen ||
                   ws2_args_span(name, (ws2_wide_length(local) + 1) * sizeof(WCHAR), true)))
        error = WSAEFAULT;
    if (error)
        return ws2_fail(error);
    ws2_wide_copy(local, name);
    return 0;
}

/* The C library found nothing (WSANO_DATA, as Windows reports it) or ran out of memory. */
static int hostent__lookup_error(void)
{
    return errno == ENOMEM ? WSA_NOT_ENOUGH_MEMORY : WSANO_DATA;
}

static struct servent *hostent__fill_serv(struct sys_servent *src)
{
    if (!src) {
        ws2_fail(hostent__lookup_error());
        return NULL;
    }
    size_t naliases = hostent__count(src->aliases);
    size_t size = sizeof(struct servent) + (naliases + 1) * sizeof(char *) + strlen(src->name) + 1 +
                  strlen(src->proto) + 1 + hostent__strings_size(src->aliases);
    struct servent *se = ws2_thread_buffer(WS2_TBUF_SERVENT, size);
    if (!se) {
        free(src);
        ws2_fail(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    char **aliases = (char **)(se + 1);
    char *data = (char *)(aliases + naliases + 1);
    se->s_name = hostent__copy_string(src->name, &data);
    se->s_proto = hostent__copy_string(src->proto, &data);
    hostent__copy_strings(aliases, src->aliases, &data);
    se->s_aliases = aliases;
    se->s_port = (short)src->port; /* network byte order on both sides */
    free(src);
    return se;
}

struct servent *WSAAPI getservbyname(const char *name, const char *proto)
{
    if (!ws2_enter())
        return NULL;
    if (!name || ws2_args_string(name, 1) || ws2_args_string(proto, 1)) {
        ws2_fail(WSAEFAULT);
        return NULL;
    }
    return hostent__fill_serv(sys_getservbyname(name, proto));
}

struct servent *WSAAPI getservbyport(int port, const char *proto)
{
    if (!ws2_enter())
        return NULL;
    if (ws2_args_string(proto, 1)) {
        ws2_fail(WSAEFAULT);
        return NULL;
    }
    return hostent__fill_serv(sys_getservbyport(port, proto));
}

/*
 * Windows answers getprotobyname and getprotobynumber from its own protocol
 * file (%SystemRoot%\System32\drivers\etc\protocol), which holds these
 * nineteen entries: observed Windows resolves exactly these numbers (each
 * with its lower-case name and one capitalised alias, "ipv6-icmp" and
 * "IPv6-ICMP") and answers NULL for every other number from -1 to 256, such
 * as IGMP's 2, which Linux's /etc/protocols lists.  A program ported from
 * Windows therefore sees the same table here whatever the Linux host holds.
 */
static const struct {
    short number;
    const char *name;
    const char *alias;
} hostent__protocols[] = {
    {0, "ip", "IP"},
    {1, "icmp", "ICMP"},
    {3, "ggp", "GGP"},
    {6, "tcp", "TCP"},
    {8, "egp", "EGP"},
    {12, "pup", "PUP"},
    {17, "udp", "UDP"},
    {20, "hmp", "HMP"},
    {22, "xns-idp", "XNS-IDP"},
    {27, "rdp", "RDP"},
    {41, "ipv6", "IPv6"},
    {43, "ipv6-route", "IPv6-Route"},
    {44, "ipv6-frag", "IPv6-Frag"},
    {50, "esp", "ESP"},
    {51, "ah", "AH"},
    {58, "ipv6-icmp", "IPv6-ICMP"},
    {59, "ipv6-nonxt", "IPv6-NoNxt"},
    {60, "ipv6-opts", "IPv6-Opts"},
    {66, "rvd", "RVD"},
};

#define HOSTENT__NPROTOCOLS (sizeof(hostent__protocols) / sizeof(hostent__protocols[0]))

/* ASCII case-insensitive equality: Windows matches "TCP", "Tcp" and "tcp" alike. */
static bool hostent__same_name(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
        if (!x)
            return true;
    }
}

/* The entry of the table at index, in this thread's protoent storage. */
static struct protoent *hostent__fill_proto(size_t index)
{
    if (index >= HOSTENT__NPROTOCOLS) {
        ws2_fail(WSANO_DATA);
        return NULL;
    }
    const char *name = hostent__protocols[index].name;
    const char *alias = hostent__protocols[index].alias;
    size_t size =
        sizeof(struct protoent) + 2 * sizeof(char *) + strlen(name) + 1 + strlen(alias) + 1;
    struct protoent *pe = ws2_thread_buffer(WS2_TBUF_PROTOENT, size);
    if (!pe) {
        ws2_fail(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    char **aliases = (char **)(pe + 1);
    char *data = (char *)(aliases + 2);
    pe->p_name = hostent__copy_string(name, &data);
    aliases[0] = hostent__copy_string(alias, &data);
    aliases[1] = NULL;
    pe->p_aliases = aliases;
    pe->p_proto = hostent__protocols[index].number;
    return pe;
}

struct protoent *WSAAPI getprotobyname(const char *name)
{
    if (!ws2_enter())
        return NULL;
    if (!name || ws2_args_string(name, 1)) {
        ws2_fail(WSAEFAULT);
        return NULL;
    }
    size_t i = 0;
    while (i < HOSTENT__NPROTOCOLS && !hostent__same_name(name, hostent__protocols[i].name) &&
           !hostent__same_name(name, hostent__protocols[i].alias))
        i++;
    return hostent__fill_proto(i);
}

struct protoent *WSAAPI getprotobynumber(int number)
{
    if (!ws2_enter())
        return NULL;
    size_t i = 0;
    while (i < HOSTENT__NPROTOCOLS && hostent__protocols[i].number != number)
        i++;
    return hostent__fill_proto(i);
}
