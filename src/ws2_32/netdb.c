/*
 * Protocol-independent name resolution: getaddrinfo, GetAddrInfoW,
 * freeaddrinfo, FreeAddrInfoW, getnameinfo, GetNameInfoW and gai_strerror.
 *
 * The C library resolves (sys/sys_netdb.c); this file gives the answers
 * Windows' shape.  The differences that matter:
 *  - errors are Winsock codes (EAI_NONAME is WSAHOST_NOT_FOUND ...), returned
 *    and also left in WSAGetLastError (0 after a success), as on Windows;
 *  - flag bits differ (AI_NUMERICSERV is 0x8 on Windows, 0x400 on Linux);
 *  - addrinfo puts ai_canonname before ai_addr, AF_INET6 is 23, and every
 *    result carries the hints' socket type and protocol, one entry per
 *    address, where Linux lists an entry per socket type;
 *  - "localhost" means the loopback addresses and "" the local computer,
 *    whatever the hosts file says (getaddrinfo docs, Remarks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sys/sys_netdb.h"
#include "ws2_32/addrtext.h"
#include "ws2_32/args.h"
#include "ws2_32/thread_buffer.h"
#include "ws2_32/ws2.h"

/*
 * Flags that Windows knows: those of ws2def.h, and the newer ones of later
 * SDKs (AI_DNS_ONLY 0x10 ... AI_RETURN_TTL 0x80, AI_SECURE_WITH_FALLBACK,
 * AI_EXCLUSIVE_CUSTOM_SERVERS, AI_RETURN_RESPONSE_FLAGS ... AI_EXTENDED),
 * which only change how Windows asks DNS and are accepted and ignored.
 * Any other bit is EAI_BADFLAGS.
 */
#define NETDB__AI_KNOWN                                                                            \
    (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV | AI_ALL | AI_ADDRCONFIG |        \
     AI_V4MAPPED | AI_NON_AUTHORITATIVE | AI_SECURE | AI_RETURN_PREFERRED_NAMES | AI_FQDN |        \
     AI_FILESERVER | AI_DISABLE_IDN_ENCODING | 0xf03000f0u)

#define NETDB__NI_KNOWN (NI_NOFQDN | NI_NUMERICHOST | NI_NAMEREQD | NI_NUMERICSERV | NI_DGRAM)

/* A result entry and its socket address in one block, so freeaddrinfo frees one pointer. */
struct netdb__node {
    ADDRINFOA ai;
    SOCKADDR_IN6 addr; /* or a SOCKADDR_IN */
    /* the canonical name follows */
};

struct netdb__wnode {
    ADDRINFOW ai;
    SOCKADDR_IN6 addr;
};

static int netdb__error(int sys_error)
{
    switch (sys_error) {
    case 0: return 0;
    case SYS_EAI_BADFLAGS: return WSAEINVAL;
    case SYS_EAI_NONAME: return WSAHOST_NOT_FOUND;
    case SYS_EAI_AGAIN: return WSATRY_AGAIN;
    case SYS_EAI_NODATA:
    case SYS_EAI_ADDRFAMILY:
        return WSANO_DATA; /* the name exists, without addresses of this family */
    case SYS_EAI_FAMILY: return WSAEAFNOSUPPORT;
    case SYS_EAI_SOCKTYPE: return WSAESOCKTNOSUPPORT;
    case SYS_EAI_SERVICE: return WSATYPE_NOT_FOUND;
    case SYS_EAI_MEMORY: return WSA_NOT_ENOUGH_MEMORY;
    case SYS_EAI_OVERFLOW: return WSAEFAULT;
    default: return WSANO_RECOVERY; /* EAI_FAIL, EAI_SYSTEM */
    }
}

static int netdb__ai_flags(int flags)
{
    int out = 0;
    if (flags & AI_PASSIVE)
        out |= SYS_AI_PASSIVE;
    /* Linux's canonical name is the name the query resolved to: AI_FQDN's answer too. */
    if (flags & (AI_CANONNAME | AI_FQDN))
        out |= SYS_AI_CANONNAME;
    if (flags & AI_NUMERICHOST)
        out |= SYS_AI_NUMERICHOST;
    if (flags & AI_NUMERICSERV)
        out |= SYS_AI_NUMERICSERV;
    if (flags & AI_ALL)
        out |= SYS_AI_ALL;
    if (flags & AI_ADDRCONFIG)
        out |= SYS_AI_ADDRCONFIG;
    if (flags & AI_V4MAPPED)
        out |= SYS_AI_V4MAPPED;
    return out;
}

static size_t netdb__to_sockaddr(const struct sys_ipaddr *in, SOCKADDR_IN6 *out)
{
    memset(out, 0, sizeof(*out));
    if (in->family == SYS_AF_INET6) {
        out->sin6_family = AF_INET6;
        out->sin6_port = in->port;
        out->sin6_flowinfo = in->flowinfo;
        memcpy(&out->sin6_addr, in->addr, 16);
        out->sin6_scope_id = in->scope_id;
        return sizeof(SOCKADDR_IN6);
    }
    SOCKADDR_IN in4;
    memset(&in4, 0, sizeof(in4));
    in4.sin_family = AF_INET;
    in4.sin_port = in->port;
    memcpy(&in4.sin_addr, in->addr, 4);
    memcpy(out, &in4, sizeof(in4));
    return sizeof(SOCKADDR_IN);
}

/* Whether an entry before e already has e's address (Linux repeats it per socket type). */
static bool netdb__seen(const struct sys_addrinfo *list, const struct sys_addrinfo *e)
{
    for (const struct sys_addrinfo *p = list; p != e; p = p->next) {
        if (p->addr.family == e->addr.family && p->addr.port == e->addr.port &&
            p->addr.scope_id == e->addr.scope_id && !memcmp(p->addr.addr, e->addr.addr, 16))
            return true;
    }
    return false;
}

static void netdb__free(PADDRINFOA list)
{
    while (list) {
        PADDRINFOA next = list->ai_next;
        free(list); /* the node block holds its address and name */
        list = next;
    }
}

static int netdb__build(const struct sys_addrinfo *list, const ADDRINFOA *hints, const char *canon,
                        PADDRINFOA *result)
{
    PADDRINFOA head = NULL, *tail = &head;
    for (const struct sys_addrinfo *e = list; e; e = e->next) {
        if (netdb__seen(list, e))
            continue;
        const char *name = e == list ? (canon ? canon : e->canonname) : NULL;
        size_t name_size = name ? strlen(name) + 1 : 0;
        struct netdb__node *node = calloc(1, sizeof(*node) + name_size);
        if (!node) {
            netdb__free(head);
            return WSA_NOT_ENOUGH_MEMORY;
        }
        /* Windows hands back the hints' type and protocol, and no flags. */
        node->ai.ai_family = e->addr.family == SYS_AF_INET6 ? AF_INET6 : AF_INET;
        node->ai.ai_socktype = hints->ai_socktype;
        node->ai.ai_protocol = hints->ai_protocol;
        node->ai.ai_addrlen = netdb__to_sockaddr(&e->addr, &node->addr);
        node->ai.ai_addr = (SOCKADDR *)&node->addr;
        if (name) {
            node->ai.ai_canonname = (char *)(node + 1);
            memcpy(node->ai.ai_canonname, name, name_size);
        }
        *tail = &node->ai;
        tail = &node->ai.ai_next;
    }
    *result = head;
    return head ? 0 : WSAHOST_NOT_FOUND;
}

/*
 * "[addr]" and "[addr]:port", which Windows takes for an IPv6 literal (the
 * port is ignored).  Copies addr, with any %scope, into out.
 */
static bool netdb__unbracket(const char *node, char *out, size_t outlen)
{
    const char *close = strchr(node, ']');
    if (node[0] != '[' || !close)
        return false;
    size_t len = (size_t)(close - node - 1);
    const char *scope = memchr(node + 1, '%', len);
    size_t addr_len = scope ? (size_t)(scope - node - 1) : len;
    BYTE addr[16];
    if (len >= outlen || !ws2_ipv6_parse(node + 1, addr_len, addr))
        return false;
    if (close[1] == ':') {
        const char *p = close + 2;
        if (*p < '0' || *p > '9')
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p)
            return false;
    } else if (close[1]) {
        return false;
    }
    memcpy(out, node + 1, len);
    out[len] = '\0';
    return true;
}

/* getaddrinfo's work; returns the Winsock error (0 on success). */
/* Whether node is an IPv4 or IPv6 address literal (of either family). */
static bool netdb__is_literal(const char *node)
{
    struct sys_addrinfo *list;
    if (sys_getaddrinfo(node, NULL, SYS_AI_NUMERICHOST, 0, 0, 0, &list))
        return false;
    sys_freeaddrinfo(list);
    return true;
}

static int netdb__getaddrinfo(const char *node, const char *service, const ADDRINFOA *hints,
                              PADDRINFOA *result)
{
    int error = ws2_check();
    if (error)
        return error;
    /* Memory the kernel will not let us use is WSAEFAULT, as a NULL result is. */
    if (!result || ws2_args_span(result, sizeof(*result), true) ||
        ws2_args_span(hints, sizeof(*hints), false) || ws2_args_string(node, 1) ||
        ws2_args_string(service, 1))
        return WSAEFAULT;
    *result = NULL;

    ADDRINFOA h;
    memset(&h, 0, sizeof(h));
    if (hints) {
        /* "must be zero or NULL. Otherwise ... will fail with WSANO_RECOVERY" (getaddrinfo docs) */
        if (hints->ai_addrlen || hints->ai_canonname || hints->ai_addr || hints->ai_next)
            return WSANO_RECOVERY;
        h.ai_flags = hints->ai_flags;
        h.ai_family = hints->ai_family;
        h.ai_socktype = hints->ai_socktype;
        h.ai_protocol = hints->ai_protocol;
    }
    if ((h.ai_flags & ~NETDB__AI_KNOWN) || ((h.ai_flags & AI_CANONNAME) && (h.ai_flags & AI_FQDN)))
        return WSAEINVAL;
    if (h.ai_family != AF_UNSPEC && h.ai_family != AF_INET && h.ai_family != AF_INET6)
        return WSAEAFNOSUPPORT;
    if (h.ai_socktype < 0 || h.ai_socktype > SOCK_SEQPACKET)
        return WSAESOCKTNOSUPPORT;
    if (!node && !service)
        return WSAHOST_NOT_FOUND;
    /* A canonical name needs a node name (getaddrinfo docs, AI_CANONNAME and AI_FQDN). */
    if (!node && (h.ai_flags & (AI_CANONNAME | AI_FQDN)))
        return WSANO_RECOVERY;

    int flags = netdb__ai_flags(h.ai_flags);
    int family = h.ai_family == AF_INET6 ? SYS_AF_INET6 : h.ai_family == AF_INET ? SYS_AF_INET : 0;
    /*
     * Linux is asked for stream or datagram addresses when the hints say so
     * (that decides which services exist), and for any type otherwise; the
     * duplicates this gives are dropped in netdb__build.
     */
    int socktype = h.ai_socktype == SOCK_STREAM  ? SYS_SOCK_STREAM
                   : h.ai_socktype == SOCK_DGRAM ? SYS_SOCK_DGRAM
                                                 : 0;
    const char *canon = NULL;
    bool local = false;
    char hostname[256], literal[128];
    if (node && !node[0]) {
        /* "" is the local computer: its name, or its loopback addresses if that is unknown. */
        local = true;
        if (sys_gethostname(hostname, sizeof(hostname)) == 0) {
            node = hostname;
        } else {
            local = false;
            node = "localhost";
        }
    }
    if (node && !(h.ai_flags & AI_NUMERICHOST) && !strcasecmp(node, "localhost")) {
        /* The loopback addresses, which the C library gives for no node and no AI_PASSIVE. */
        node = NULL;
        flags &= ~(SYS_AI_PASSIVE | SYS_AI_CANONNAME);
        if (h.ai_flags & (AI_CANONNAME | AI_FQDN))
            canon = "localhost";
        if (!service)
            service = "0";
    } else if (node && node[0] == '[') {
        if (!netdb__unbracket(node, literal, sizeof(literal)))
            return WSAHOST_NOT_FOUND;
        node = literal;
        flags |= SYS_AI_NUMERICHOST;
    }

    struct sys_addrinfo *list;
    int r = sys_getaddrinfo(node, service, flags, family, socktype, 0, &list);
    if (r == SYS_EAI_NONAME && local)
        r = sys_getaddrinfo(NULL, service ? service : "0",
                            flags & ~(SYS_AI_PASSIVE | SYS_AI_CANONNAME), family, socktype, 0,
                            &list);
    if (r == SYS_EAI_ADDRFAMILY && node && netdb__is_literal(node))
        /* Linux's "no address of this family" for an address literal of the other family
         * ("[beef::cafe]" asked for AF_INET) is WSAHOST_NOT_FOUND on Windows, as any
         * node its numeric parse rejects is (observed on Windows 10/11). */
        return WSAHOST_NOT_FOUND;
    if (r)
        return netdb__error(r);
    error = netdb__build(list, &h, canon, result);
    sys_freeaddrinfo(list);
    return error;
}

INT WSAAPI getaddrinfo(PCSTR pNodeName, PCSTR pServiceName, const ADDRINFOA *pHints,
                       PADDRINFOA *ppResult)
{
    int error = netdb__getaddrinfo(pNodeName, pServiceName, pHints, ppResult);
    WSASetLastError(error);
    return error;
}

/* A list we cannot read was never ours to free: it is left alone rather than crashing. */
VOID WSAAPI freeaddrinfo(PADDRINFOA pAddrInfo)
{
    if (ws2_args_span(pAddrInfo, sizeof(*pAddrInfo), false))
        return;
    netdb__free(pAddrInfo);
}

VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo)
{
    if (ws2_args_span(pAddrInfo, sizeof(*pAddrInfo), false))
        return;
    while (pAddrInfo) {
        PADDRINFOW next = pAddrInfo->ai_next;
        free(pAddrInfo);
        pAddrInfo = next;
    }
}

/* The wide copy of a result list, with UTF-16 canonical names. */
static int netdb__widen(PADDRINFOA list, PADDRINFOW *result)
{
    PADDRINFOW head = NULL, *tail = &head;
    for (PADDRINFOA a = list; a; a = a->ai_next) {
        size_t name_units = a->ai_canonname ? ws2_wide_length(a->ai_canonname) + 1 : 0;
        struct netdb__wnode *node = calloc(1, sizeof(*node) + name_units * sizeof(WCHAR));
        if (!node) {
            FreeAddrInfoW(head);
            return WSA_NOT_ENOUGH_MEMORY;
        }
        node->ai.ai_flags = a->ai_flags;
        node->ai.ai_family = a->ai_family;
        node->ai.ai_socktype = a->ai_socktype;
        node->ai.ai_protocol = a->ai_protocol;
        node->ai.ai_addrlen = a->ai_addrlen;
        memcpy(&node->addr, a->ai_addr, a->ai_addrlen);
        node->ai.ai_addr = (SOCKADDR *)&node->addr;
        if (a->ai_canonname) {
            node->ai.ai_canonname = (PWSTR)(node + 1);
            ws2_wide_copy(a->ai_canonname, node->ai.ai_canonname);
        }
        *tail = &node->ai;
        tail = &node->ai.ai_next;
    }
    *result = head;
    return 0;
}

INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName, const ADDRINFOW *pHints,
                        PADDRINFOW *ppResult)
{
    int error = ws2_check();
    if (!error &&
        (!ppResult || ws2_args_span(ppResult, sizeof(*ppResult), true) ||
         ws2_args_span(pHints, sizeof(*pHints), false) ||
         ws2_args_string(pNodeName, sizeof(WCHAR)) || ws2_args_string(pServiceName, sizeof(WCHAR))))
        error = WSAEFAULT;
    if (error) {
        WSASetLastError(error);
        return error;
    }
    *ppResult = NULL;
    char *node = pNodeName ? ws2_utf8_from_wide(pNodeName) : NULL;
    char *service = pServiceName ? ws2_utf8_from_wide(pServiceName) : NULL;
    if ((pNodeName && !node) || (pServiceName && !service)) {
        error = WSA_NOT_ENOUGH_MEMORY;
    } else {
        /* ADDRINFOW differs from ADDRINFOA only in the type of ai_canonname. */
        ADDRINFOA hints, *phints = NULL;
        if (pHints) {
            memset(&hints, 0, sizeof(hints));
            hints.ai_flags = pHints->ai_flags;
            hints.ai_family = pHints->ai_family;
            hints.ai_socktype = pHints->ai_socktype;
            hints.ai_protocol = pHints->ai_protocol;
            hints.ai_addrlen = pHints->ai_addrlen;
            hints.ai_canonname = (char *)pHints->ai_canonname;
            hints.ai_addr = pHints->ai_addr;
            hints.ai_next = (PADDRINFOA)pHints->ai_next;
            phints = &hints;
        }
        PADDRINFOA list = NULL;
        error = netdb__getaddrinfo(node, service, phints, &list);
        if (!error)
            error = netdb__widen(list, ppResult);
        netdb__free(list);
    }
    free(node);
    free(service);
    WSASetLastError(error);
    return error;
}

static void netdb__from_sockaddr(const SOCKADDR *sa, struct sys_ipaddr *out)
{
    memset(out, 0, sizeof(*out));
    if (sa->sa_family == AF_INET6) {
        SOCKADDR_IN6 in6;
        memcpy(&in6, sa, sizeof(in6));
        out->family = SYS_AF_INET6;
        out->port = in6.sin6_port;
        out->flowinfo = in6.sin6_flowinfo;
        memcpy(out->addr, &in6.sin6_addr, 16);
        out->scope_id = in6.sin6_scope_id;
    } else {
        SOCKADDR_IN in4;
        memcpy(&in4, sa, sizeof(in4));
        out->family = SYS_AF_INET;
        out->port = in4.sin_port;
        memcpy(out->addr, &in4.sin_addr, 4);
    }
}

/* Windows' numeric text: IPv6 with its scope as a number ("fe80::1%4"). */
static void netdb__numeric_host(const struct sys_ipaddr *addr, char *out)
{
    if (addr->family == SYS_AF_INET) {
        ws2_ipv4_format(addr->addr, out);
        return;
    }
    size_t len = ws2_ipv6_format(addr->addr, out);
    if (addr->scope_id)
        sprintf(out + len, "%%%u", (unsigned)addr->scope_id);
}

/*
 * getnameinfo's work into buffers of NI_MAXHOST and NI_MAXSERV (host or serv
 * NULL when not wanted); the caller copies out.  Returns the Winsock error.
 */
static int netdb__getnameinfo(const SOCKADDR *sa, socklen_t salen, char *host, DWORD host_size,
                              char *serv, DWORD serv_size, INT flags)
{
    int error = ws2_check();
    if (error)
        return error;
    /* WSAEFAULT: "the sa parameter is NULL or the salen parameter is less than the length
     * required for the size of sockaddr_in ... or the sockaddr_in6 structure" (getnameinfo) */
    if (!sa || salen < (socklen_t)sizeof(ADDRESS_FAMILY) ||
        ws2_args_span(
            sa, (size_t)salen < sizeof(SOCKADDR_IN6) ? (size_t)salen : sizeof(SOCKADDR_IN6), false))
        return WSAEFAULT;
    if (sa->sa_family != AF_INET && sa->sa_family != AF_INET6)
        return WSAEAFNOSUPPORT;
    if (salen < (socklen_t)(sa->sa_family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN)))
        return WSAEFAULT;
    if (!host && !serv)
        return WSAHOST_NOT_FOUND;
    /* "a host name was requested but the hostlen parameter was zero": EAI_BADFLAGS. */
    if ((host && !host_size) || (serv && !serv_size) || (flags & ~NETDB__NI_KNOWN))
        return WSAEINVAL;

    struct sys_ipaddr addr;
    netdb__from_sockaddr(sa, &addr);
    if (host) {
        int r = SYS_EAI_NONAME;
        if (!(flags & NI_NUMERICHOST)) {
            /* The name, or the numeric form unless NI_NAMEREQD (getnameinfo docs, Remarks). */
            r = sys_getnameinfo(&addr, host, NI_MAXHOST, NULL, 0,
                                SYS_NI_NAMEREQD | ((flags & NI_NOFQDN) ? SYS_NI_NOFQDN : 0));
            if (r == SYS_EAI_MEMORY || (r && (flags & NI_NAMEREQD)))
                return netdb__error(r);
        }
        if (r)
            netdb__numeric_host(&addr, host);
    }
    if (serv) {
        /* An unknown port comes back as its number, as on Windows Vista and later. */
        int r = SYS_EAI_NONAME;
        if (!(flags & NI_NUMERICSERV))
            r = sys_getnameinfo(&addr, NULL, 0, serv, NI_MAXSERV,
                                (flags & NI_DGRAM) ? SYS_NI_DGRAM : 0);
        if (r)
            sprintf(serv, "%u", (unsigned)ntohs(addr.port));
    }
    return 0;
}

/*
 * Windows documents no code for a buffer that is too small for the answer;
 * like gethostname and WSAAddressToString, this reports it as WSAEFAULT.
 */
static int netdb__check_room(const void *buffer, DWORD size, size_t needed, size_t unit)
{
    return buffer && (needed > size || ws2_args_span(buffer, needed * unit, true)) ? WSAEFAULT : 0;
}

INT WSAAPI getnameinfo(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, PCHAR pNodeBuffer,
                       DWORD NodeBufferSize, PCHAR pServiceBuffer, DWORD ServiceBufferSize,
                       INT Flags)
{
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    int error =
        netdb__getnameinfo(pSockaddr, SockaddrLength, pNodeBuffer ? host : NULL, NodeBufferSize,
                           pServiceBuffer ? serv : NULL, ServiceBufferSize, Flags);
    if (!error && pNodeBuffer)
        error = netdb__check_room(pNodeBuffer, NodeBufferSize, strlen(host) + 1, 1);
    if (!error && pServiceBuffer)
        error = netdb__check_room(pServiceBuffer, ServiceBufferSize, strlen(serv) + 1, 1);
    if (!error) {
        if (pNodeBuffer)
            memcpy(pNodeBuffer, host, strlen(host) + 1);
        if (pServiceBuffer)
            memcpy(pServiceBuffer, serv, strlen(serv) + 1);
    }
    WSASetLastError(error);
    return error;
}

INT WSAAPI GetNameInfoW(const SOCKADDR *pSockaddr, socklen_t SockaddrLength, PWCHAR pNodeBuffer,
                        DWORD NodeBufferSize, PWCHAR pServiceBuffer, DWORD ServiceBufferSize,
                        INT Flags)
{
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    int error =
        netdb__getnameinfo(pSockaddr, SockaddrLength, pNodeBuffer ? host : NULL, NodeBufferSize,
                           pServiceBuffer ? serv : NULL, ServiceBufferSize, Flags);
    /* The sizes count WCHARs. */
    if (!error && pNodeBuffer)
        error = netdb__check_room(pNodeBuffer, NodeBufferSize, ws2_wide_length(host) + 1,
                                  sizeof(WCHAR));
    if (!error && pServiceBuffer)
        error = netdb__check_room(pServiceBuffer, ServiceBufferSize, ws2_wide_length(serv) + 1,
                                  sizeof(WCHAR));
    if (!error) {
        if (pNodeBuffer)
            ws2_wide_copy(host, pNodeBuffer);
        if (pServiceBuffer)
            ws2_wide_copy(serv, pServiceBuffer);
    }
    WSASetLastError(error);
    return error;
}

/*
 * gai_strerror: in the SDK an inline function that asks FormatMessage for
 * the system's text of the code (FORMAT_MESSAGE_FROM_SYSTEM |
 * FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_MAX_WIDTH_MASK, so the
 * message's closing line break reads as a space) into a static buffer.  The
 * same here, with the buffer per thread (thread_buffer.h); a code the
 * system has no text for gives "", as does a thread without memory for it.
 */
#define NETDB_GAI_FLAGS                                                                            \
    (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_MAX_WIDTH_MASK)

char *WSAAPI gai_strerrorA(int ecode)
{
    static char none[1];
    char *buffer = ws2_thread_buffer(WS2_TBUF_GAI_A, sizeof(char) * (GAI_STRERROR_BUFFER_SIZE + 1));
    if (!buffer)
        return none;
    DWORD saved = GetLastError();
    buffer[0] = 0;
    FormatMessageA(NETDB_GAI_FLAGS, NULL, (DWORD)ecode, MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT),
                   buffer, GAI_STRERROR_BUFFER_SIZE, NULL);
    SetLastError(saved);
    return buffer;
}

WCHAR *WSAAPI gai_strerrorW(int ecode)
{
    static WCHAR none[1];
    WCHAR *buffer =
        ws2_thread_buffer(WS2_TBUF_GAI_W, sizeof(WCHAR) * (GAI_STRERROR_BUFFER_SIZE + 1));
    if (!buffer)
        return none;
    DWORD saved = GetLastError();
    buffer[0] = 0;
    FormatMessageW(NETDB_GAI_FLAGS, NULL, (DWORD)ecode, MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT),
                   buffer, GAI_STRERROR_BUFFER_SIZE, NULL);
    SetLastError(saved);
    return buffer;
}
