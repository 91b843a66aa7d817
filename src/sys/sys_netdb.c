/* Linux name resolution behind the neutral interface of sys_netdb.h. */
#include "sys/sys_netdb.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

_Static_assert(SYS_AI_PASSIVE == AI_PASSIVE && SYS_AI_CANONNAME == AI_CANONNAME &&
                   SYS_AI_NUMERICHOST == AI_NUMERICHOST && SYS_AI_V4MAPPED == AI_V4MAPPED &&
                   SYS_AI_ALL == AI_ALL && SYS_AI_ADDRCONFIG == AI_ADDRCONFIG &&
                   SYS_AI_NUMERICSERV == AI_NUMERICSERV,
               "getaddrinfo flags");
_Static_assert(SYS_NI_NUMERICHOST == NI_NUMERICHOST && SYS_NI_NUMERICSERV == NI_NUMERICSERV &&
                   SYS_NI_NOFQDN == NI_NOFQDN && SYS_NI_NAMEREQD == NI_NAMEREQD &&
                   SYS_NI_DGRAM == NI_DGRAM,
               "getnameinfo flags");
_Static_assert(SYS_EAI_BADFLAGS == EAI_BADFLAGS && SYS_EAI_NONAME == EAI_NONAME &&
                   SYS_EAI_AGAIN == EAI_AGAIN && SYS_EAI_FAIL == EAI_FAIL &&
                   SYS_EAI_NODATA == EAI_NODATA && SYS_EAI_FAMILY == EAI_FAMILY &&
                   SYS_EAI_SOCKTYPE == EAI_SOCKTYPE && SYS_EAI_SERVICE == EAI_SERVICE &&
                   SYS_EAI_ADDRFAMILY == EAI_ADDRFAMILY && SYS_EAI_MEMORY == EAI_MEMORY &&
                   SYS_EAI_SYSTEM == EAI_SYSTEM && SYS_EAI_OVERFLOW == EAI_OVERFLOW,
               "getaddrinfo errors");
_Static_assert(SYS_HOST_NOT_FOUND == HOST_NOT_FOUND && SYS_TRY_AGAIN == TRY_AGAIN &&
                   SYS_NO_RECOVERY == NO_RECOVERY && SYS_NO_DATA == NO_DATA,
               "h_errno values");

/* The _r lookups report a short buffer with ERANGE; stop growing somewhere sane. */
#define SYS_NETDB_FIRST_BUFFER 1024
#define SYS_NETDB_MAX_BUFFER   (1 << 20)

static int sys_netdb__from_sockaddr(const struct sockaddr *sa, struct sys_ipaddr *out)
{
    memset(out, 0, sizeof(*out));
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        out->family = SYS_AF_INET;
        out->port = in->sin_port;
        memcpy(out->addr, &in->sin_addr, 4);
        return 0;
    }
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        out->family = SYS_AF_INET6;
        out->port = in6->sin6_port;
        memcpy(out->addr, &in6->sin6_addr, 16);
        out->flowinfo = in6->sin6_flowinfo;
        out->scope_id = in6->sin6_scope_id;
        return 0;
    }
    return -1;
}

static socklen_t sys_netdb__to_sockaddr(const struct sys_ipaddr *in, struct sockaddr_storage *out)
{
    memset(out, 0, sizeof(*out));
    if (in->family == SYS_AF_INET6) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)out;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = in->port;
        in6->sin6_flowinfo = in->flowinfo;
        memcpy(&in6->sin6_addr, in->addr, 16);
        in6->sin6_scope_id = in->scope_id;
        return sizeof(*in6);
    }
    struct sockaddr_in *in4 = (struct sockaddr_in *)out;
    in4->sin_family = AF_INET;
    in4->sin_port = in->port;
    memcpy(&in4->sin_addr, in->addr, 4);
    return sizeof(*in4);
}

int sys_getaddrinfo(const char *node, const char *service, int flags, int family, int socktype,
                    int protocol, struct sys_addrinfo **result)
{
    struct addrinfo hints, *list = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = flags;
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    *result = NULL;
    int r = getaddrinfo(node, service, &hints, &list);
    if (r != 0)
        return r;

    struct sys_addrinfo **tail = result;
    for (const struct addrinfo *ai = list; ai; ai = ai->ai_next) {
        struct sys_ipaddr addr;
        if (!ai->ai_addr || sys_netdb__from_sockaddr(ai->ai_addr, &addr) != 0)
            continue;
        struct sys_addrinfo *entry = calloc(1, sizeof(*entry));
        char *canon = ai->ai_canonname ? strdup(ai->ai_canonname) : NULL;
        if (!entry || (ai->ai_canonname && !canon)) {
            free(entry);
            free(canon);
            freeaddrinfo(list);
            sys_freeaddrinfo(*result);
            *result = NULL;
            return SYS_EAI_MEMORY;
        }
        entry->socktype = ai->ai_socktype;
        entry->protocol = ai->ai_protocol;
        entry->addr = addr;
        entry->canonname = canon;
        *tail = entry;
        tail = &entry->next;
    }
    freeaddrinfo(list);
    /* Only non-IP families came back: for the caller that is no address at all. */
    return *result ? 0 : SYS_EAI_NONAME;
}

void sys_freeaddrinfo(struct sys_addrinfo *list)
{
    while (list) {
        struct sys_addrinfo *next = list->next;
        free(list->canonname);
        free(list);
        list = next;
    }
}

int sys_getnameinfo(const struct sys_ipaddr *addr, char *host, size_t hostlen, char *serv,
                    size_t servlen, int flags)
{
    struct sockaddr_storage sa;
    socklen_t salen = sys_netdb__to_sockaddr(addr, &sa);
    return getnameinfo((struct sockaddr *)&sa, salen, host, (socklen_t)hostlen, serv,
                       (socklen_t)servlen, flags);
}

int sys_gethostname(char *name, size_t len)
{
    return gethostname(name, len);
}

static struct sys_hostent *sys_netdb__hostent(const struct hostent *he, struct sys_hostent *out)
{
    out->name = he->h_name;
    out->aliases = he->h_aliases;
    out->family = he->h_addrtype;
    out->length = he->h_length;
    out->addrs = he->h_addr_list;
    return out;
}

/* One lookup of the host database: by name when addr is NULL, else by address. */
static struct sys_hostent *sys_netdb__gethost(const char *name, const void *addr, size_t len,
                                              int family, int *herr)
{
    for (size_t size = SYS_NETDB_FIRST_BUFFER;; size *= 2) {
        /* The entry first, the C library's data after it: one block for free(). */
        struct sys_hostent *out = malloc(sizeof(*out) + size);
        if (!out) {
            *herr = SYS_NO_RECOVERY;
            return NULL;
        }
        struct hostent he, *res = NULL;
        int err = 0;
        char *buf = (char *)(out + 1);
        int r = addr ? gethostbyaddr_r(addr, (socklen_t)len, family, &he, buf, size, &res, &err)
                     : gethostbyname2_r(name, family, &he, buf, size, &res, &err);
        if (r == 0 && res)
            return sys_netdb__hostent(&he, out);
        free(out);
        if (r == ERANGE && size < SYS_NETDB_MAX_BUFFER)
            continue;
        /* NETDB_INTERNAL (-1) and anything unexpected: a resolver that cannot work. */
        if (err >= SYS_HOST_NOT_FOUND && err <= SYS_NO_DATA)
            *herr = err;
        else
            *herr = r == 0 ? SYS_HOST_NOT_FOUND : SYS_NO_RECOVERY;
        return NULL;
    }
}

struct sys_hostent *sys_gethostbyname(const char *name, int family, int *herr)
{
    return sys_netdb__gethost(name, NULL, 0, family, herr);
}

struct sys_hostent *sys_gethostbyaddr(const void *addr, size_t len, int family, int *herr)
{
    return sys_netdb__gethost(NULL, addr, len, family, herr);
}

/* The services database: by name when name is not NULL, else by port. */
static struct sys_servent *sys_netdb__getserv(const char *name, int port, const char *proto)
{
    for (size_t size = SYS_NETDB_FIRST_BUFFER;; size *= 2) {
        struct sys_servent *out = malloc(sizeof(*out) + size);
        if (!out)
            return NULL;
        struct servent se, *res = NULL;
        char *buf = (char *)(out + 1);
        int r = name ? getservbyname_r(name, proto, &se, buf, size, &res)
                     : getservbyport_r(port, proto, &se, buf, size, &res);
        if (r == 0 && res) {
            out->name = se.s_name;
            out->aliases = se.s_aliases;
            out->port = se.s_port;
            out->proto = se.s_proto;
            return out;
        }
        free(out);
        if (r == ERANGE && size < SYS_NETDB_MAX_BUFFER)
            continue;
        errno = r;
        return NULL;
    }
}

struct sys_servent *sys_getservbyname(const char *name, const char *proto)
{
    return sys_netdb__getserv(name, 0, proto);
}

struct sys_servent *sys_getservbyport(int port, const char *proto)
{
    return sys_netdb__getserv(NULL, port, proto);
}
