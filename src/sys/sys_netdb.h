/*
 * Name resolution behind a neutral interface: getaddrinfo, getnameinfo,
 * gethostname and the netdb databases (hosts, services, protocols) of the C
 * library.  Like sys.h this header speaks neither Windows nor Linux: flags and
 * error numbers are Linux's values under SYS_ names (sys_netdb.c checks them
 * against <netdb.h>), and addresses travel as struct sys_ipaddr, whose fields
 * need no sockaddr layout at all.  ws2_32 turns the results into Windows
 * structures and Windows error codes.
 *
 * Every result that is allocated here is one malloc block (or a list of
 * them) that the caller releases with free() or sys_freeaddrinfo().
 */
#ifndef WS2_SYS_SYS_NETDB_H
#define WS2_SYS_SYS_NETDB_H

#include <stddef.h>
#include <stdint.h>

#include "sys/sys.h"

/* getaddrinfo flags (Linux's values). */
#define SYS_AI_PASSIVE     0x0001
#define SYS_AI_CANONNAME   0x0002
#define SYS_AI_NUMERICHOST 0x0004
#define SYS_AI_V4MAPPED    0x0008
#define SYS_AI_ALL         0x0010
#define SYS_AI_ADDRCONFIG  0x0020
#define SYS_AI_NUMERICSERV 0x0400

/* getnameinfo flags (Linux's values). */
#define SYS_NI_NUMERICHOST 0x0001
#define SYS_NI_NUMERICSERV 0x0002
#define SYS_NI_NOFQDN      0x0004
#define SYS_NI_NAMEREQD    0x0008
#define SYS_NI_DGRAM       0x0010

/* getaddrinfo/getnameinfo results (glibc's values; EAI_NODATA and EAI_ADDRFAMILY are GNU). */
#define SYS_EAI_BADFLAGS   (-1)
#define SYS_EAI_NONAME     (-2)
#define SYS_EAI_AGAIN      (-3)
#define SYS_EAI_FAIL       (-4)
#define SYS_EAI_NODATA     (-5)
#define SYS_EAI_FAMILY     (-6)
#define SYS_EAI_SOCKTYPE   (-7)
#define SYS_EAI_SERVICE    (-8)
#define SYS_EAI_ADDRFAMILY (-9)
#define SYS_EAI_MEMORY     (-10)
#define SYS_EAI_SYSTEM     (-11)
#define SYS_EAI_OVERFLOW   (-12)

/* h_errno values of the host database. */
#define SYS_HOST_NOT_FOUND 1
#define SYS_TRY_AGAIN      2
#define SYS_NO_RECOVERY    3
#define SYS_NO_DATA        4

/* An IPv4 or IPv6 transport address, everything in network byte order. */
struct sys_ipaddr {
    int family;        /* SYS_AF_INET or SYS_AF_INET6 */
    uint16_t port;     /* network byte order */
    uint8_t addr[16];  /* the first 4 bytes for IPv4 */
    uint32_t flowinfo; /* IPv6 only, as stored in sin6_flowinfo */
    uint32_t scope_id; /* IPv6 only */
};

struct sys_addrinfo {
    struct sys_addrinfo *next;
    int socktype;
    int protocol;
    struct sys_ipaddr addr;
    char *canonname; /* NULL except, with SYS_AI_CANONNAME, on the first entry */
};

/*
 * getaddrinfo(3).  Only IPv4 and IPv6 results are returned (others are
 * skipped).  Returns 0 and a list for sys_freeaddrinfo, or a SYS_EAI_ code;
 * SYS_EAI_SYSTEM leaves errno set.
 */
int sys_getaddrinfo(const char *node, const char *service, int flags, int family, int socktype,
                    int protocol, struct sys_addrinfo **result);
void sys_freeaddrinfo(struct sys_addrinfo *list);

/*
 * getnameinfo(3) for one address.  host or serv may be NULL (with length 0)
 * when that part is not wanted.  Returns 0 or a SYS_EAI_ code.
 */
int sys_getnameinfo(const struct sys_ipaddr *addr, char *host, size_t hostlen, char *serv,
                    size_t servlen, int flags);

/* gethostname(2): 0, or -1 with errno (ENAMETOOLONG when len is too small). */
int sys_gethostname(char *name, size_t len);

/* A host entry; every pointer points into the same malloc block as the entry. */
struct sys_hostent {
    char *name;
    char **aliases; /* NULL-terminated */
    int family;     /* SYS_AF_INET or SYS_AF_INET6 */
    int length;     /* bytes per address */
    char **addrs;   /* NULL-terminated */
};

/*
 * The host database (gethostbyname2_r / gethostbyaddr_r).  NULL on failure
 * with *herr set to a SYS_ h_errno value (SYS_NO_RECOVERY when memory ran
 * out).  Free the result with free().
 */
struct sys_hostent *sys_gethostbyname(const char *name, int family, int *herr);
struct sys_hostent *sys_gethostbyaddr(const void *addr, size_t len, int family, int *herr);

/* A service entry; port in network byte order. */
struct sys_servent {
    char *name;
    char **aliases;
    int port;
    char *proto;
};

/*
 * The services database.  NULL when there is no such entry
 * (errno 0) or on failure (errno set).  Free the result with free().
 * proto may be NULL for any protocol; port is in network byte order.
 */
struct sys_servent *sys_getservbyname(const char *name, const char *proto);
struct sys_servent *sys_getservbyport(int port, const char *proto);

#endif
