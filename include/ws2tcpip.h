/*
 * ws2posix <ws2tcpip.h>: the TCP/IP part of Winsock 2 — protocol-independent
 * name resolution (getaddrinfo, getnameinfo and their wide forms), address
 * text conversion (inet_pton, inet_ntop, InetPton, InetNtop), IPv6 address
 * helpers and the TCP/IP ioctls and options.
 *
 * Functions that libc also defines are bound to ws2_<name> (see
 * WS2POSIX_SYMBOL in ws2posix/api.h).
 */
#include "ws2posix/api.h"

#ifndef WS2POSIX_WS2TCPIP_H
#define WS2POSIX_WS2TCPIP_H

#include "winsock2.h"
#include "ws2ipdef.h"

#ifdef __cplusplus
extern "C" {
#endif

/* TCP/IP ioctls. */
#define SIO_GET_INTERFACE_LIST    _IOR('t', 127, u_long)
#define SIO_GET_INTERFACE_LIST_EX _IOR('t', 126, u_long)
#define SIO_SET_MULTICAST_FILTER  _IOW('t', 125, u_long)
#define SIO_GET_MULTICAST_FILTER  _IOW('t', 124 | IOC_IN, u_long)
/* The SDK keeps these two in ws2ipdef.h, which only ws2tcpip.h includes. */
#define SIO_IDEAL_SEND_BACKLOG_CHANGE _IO('t', 122)
#define SIO_IDEAL_SEND_BACKLOG_QUERY  _IOR('t', 123, ULONG)

/* Options at levels IPPROTO_UDP and IPPROTO_TCP beyond TCP_NODELAY. */
#define UDP_NOCHECKSUM        1
#define UDP_CHECKSUM_COVERAGE 20
#define TCP_EXPEDITED_1122    0x0002

/* The unspecified (::) and loopback (::1) addresses. */
#define IN6ADDR_ANY_INIT                                                                           \
    {                                                                                              \
        {                                                                                          \
            {                                                                                      \
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0                                     \
            }                                                                                      \
        }                                                                                          \
    }
#define IN6ADDR_LOOPBACK_INIT                                                                      \
    {                                                                                              \
        {                                                                                          \
            {                                                                                      \
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1                                     \
            }                                                                                      \
        }                                                                                          \
    }

/* libc has its own in6addr_any (a different struct in6_addr): rename. */
WINSOCK_API_LINKAGE extern const struct in6_addr in6addr_any WS2POSIX_SYMBOL(in6addr_any);
WINSOCK_API_LINKAGE extern const struct in6_addr in6addr_loopback WS2POSIX_SYMBOL(in6addr_loopback);

/*
 * IPv6 address tests.  Inline functions, as in the SDK (not macros as in
 * POSIX), and defined to their own names so that #ifdef finds them.
 * s6_words hold network byte order, so ::1 ends with the word 0x0100.
 */
static inline int IN6_IS_ADDR_UNSPECIFIED(const struct in6_addr *a)
{
    return a->s6_words[0] == 0 && a->s6_words[1] == 0 && a->s6_words[2] == 0 &&
           a->s6_words[3] == 0 && a->s6_words[4] == 0 && a->s6_words[5] == 0 &&
           a->s6_words[6] == 0 && a->s6_words[7] == 0;
}
static inline int IN6_IS_ADDR_LOOPBACK(const struct in6_addr *a)
{
    return a->s6_words[0] == 0 && a->s6_words[1] == 0 && a->s6_words[2] == 0 &&
           a->s6_words[3] == 0 && a->s6_words[4] == 0 && a->s6_words[5] == 0 &&
           a->s6_words[6] == 0 && a->s6_bytes[14] == 0 && a->s6_bytes[15] == 1;
}
static inline int IN6_IS_ADDR_MULTICAST(const struct in6_addr *a)
{
    return a->s6_bytes[0] == 0xff;
}
static inline int IN6_IS_ADDR_LINKLOCAL(const struct in6_addr *a)
{
    return a->s6_bytes[0] == 0xfe && (a->s6_bytes[1] & 0xc0) == 0x80;
}
static inline int IN6_IS_ADDR_SITELOCAL(const struct in6_addr *a)
{
    return a->s6_bytes[0] == 0xfe && (a->s6_bytes[1] & 0xc0) == 0xc0;
}
static inline int IN6_IS_ADDR_V4MAPPED(const struct in6_addr *a)
{
    return a->s6_words[0] == 0 && a->s6_words[1] == 0 && a->s6_words[2] == 0 &&
           a->s6_words[3] == 0 && a->s6_words[4] == 0 && a->s6_words[5] == 0xffff;
}
/* ::a.b.c.d, but neither :: nor ::1. */
static inline int IN6_IS_ADDR_V4COMPAT(const struct in6_addr *a)
{
    return a->s6_words[0] == 0 && a->s6_words[1] == 0 && a->s6_words[2] == 0 &&
           a->s6_words[3] == 0 && a->s6_words[4] == 0 && a->s6_words[5] == 0 &&
           !(a->s6_words[6] == 0 && a->s6_bytes[14] == 0 &&
             (a->s6_bytes[15] == 0 || a->s6_bytes[15] == 1));
}
static inline int IN6_IS_ADDR_MC_NODELOCAL(const struct in6_addr *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 1;
}
static inline int IN6_IS_ADDR_MC_LINKLOCAL(const struct in6_addr *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 2;
}
static inline int IN6_IS_ADDR_MC_SITELOCAL(const struct in6_addr *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 5;
}
static inline int IN6_IS_ADDR_MC_ORGLOCAL(const struct in6_addr *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 8;
}
static inline int IN6_IS_ADDR_MC_GLOBAL(const struct in6_addr *a)
{
    return IN6_IS_ADDR_MULTICAST(a) && (a->s6_bytes[1] & 0xf) == 0xe;
}
static inline int IN6ADDR_ISANY(const struct sockaddr_in6 *a)
{
    return a->sin6_family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&a->sin6_addr);
}
static inline int IN6ADDR_ISLOOPBACK(const struct sockaddr_in6 *a)
{
    return a->sin6_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
}
static inline void IN6_SET_ADDR_UNSPECIFIED(struct in6_addr *a)
{
    memset(a->s6_bytes, 0, sizeof(struct in6_addr));
}
static inline void IN6_SET_ADDR_LOOPBACK(struct in6_addr *a)
{
    memset(a->s6_bytes, 0, sizeof(struct in6_addr));
    a->s6_bytes[15] = 1;
}
static inline void IN6ADDR_SETANY(struct sockaddr_in6 *a)
{
    a->sin6_family = AF_INET6;
    a->sin6_port = 0;
    a->sin6_flowinfo = 0;
    IN6_SET_ADDR_UNSPECIFIED(&a->sin6_addr);
    a->sin6_scope_id = 0;
}
static inline void IN6ADDR_SETLOOPBACK(struct sockaddr_in6 *a)
{
    a->sin6_family = AF_INET6;
    a->sin6_port = 0;
    a->sin6_flowinfo = 0;
    IN6_SET_ADDR_LOOPBACK(&a->sin6_addr);
    a->sin6_scope_id = 0;
}

#define IN6_IS_ADDR_UNSPECIFIED  IN6_IS_ADDR_UNSPECIFIED
#define IN6_IS_ADDR_LOOPBACK     IN6_IS_ADDR_LOOPBACK
#define IN6_IS_ADDR_MULTICAST    IN6_IS_ADDR_MULTICAST
#define IN6_IS_ADDR_LINKLOCAL    IN6_IS_ADDR_LINKLOCAL
#define IN6_IS_ADDR_SITELOCAL    IN6_IS_ADDR_SITELOCAL
#define IN6_IS_ADDR_V4MAPPED     IN6_IS_ADDR_V4MAPPED
#define IN6_IS_ADDR_V4COMPAT     IN6_IS_ADDR_V4COMPAT
#define IN6_IS_ADDR_MC_NODELOCAL IN6_IS_ADDR_MC_NODELOCAL
#define IN6_IS_ADDR_MC_LINKLOCAL IN6_IS_ADDR_MC_LINKLOCAL
#define IN6_IS_ADDR_MC_SITELOCAL IN6_IS_ADDR_MC_SITELOCAL
#define IN6_IS_ADDR_MC_ORGLOCAL  IN6_IS_ADDR_MC_ORGLOCAL
#define IN6_IS_ADDR_MC_GLOBAL    IN6_IS_ADDR_MC_GLOBAL

/*
 * getaddrinfo/getnameinfo errors are Winsock error codes (EAI_AGAIN is
 * WSATRY_AGAIN ...), so WSAGetLastError agrees with the return value.
 */
#define EAI_AGAIN    WSATRY_AGAIN
#define EAI_BADFLAGS WSAEINVAL
#define EAI_FAIL     WSANO_RECOVERY
#define EAI_FAMILY   WSAEAFNOSUPPORT
#define EAI_MEMORY   WSA_NOT_ENOUGH_MEMORY
#define EAI_NONAME   WSAHOST_NOT_FOUND
#define EAI_SERVICE  WSATYPE_NOT_FOUND
#define EAI_SOCKTYPE WSAESOCKTNOSUPPORT
#define EAI_NODATA   WSANO_DATA

typedef ADDRINFOA ADDRINFO, *LPADDRINFO;
#ifdef UNICODE
typedef ADDRINFOW ADDRINFOT, *PADDRINFOT;
#else
typedef ADDRINFOA ADDRINFOT, *PADDRINFOT;
#endif

/*
 * An int, as on Windows (POSIX makes it unsigned).  Named through a macro
 * because <unistd.h> may have defined its own socklen_t already (see
 * ws2posix/api.h); __socklen_t_defined keeps a later <unistd.h> from
 * defining it again.
 */
#define socklen_t ws2posix_socklen_t
typedef int ws2posix_socklen_t;
#ifndef __socklen_t_defined
#define __socklen_t_defined 1
#endif

WINSOCK_API_LINKAGE INT WSAAPI getaddrinfo(PCSTR pNodeName, PCSTR pServiceName,
                                           const ADDRINFOA *pHints, PADDRINFOA *ppResult)
    WS2POSIX_SYMBOL(getaddrinfo);
WINSOCK_API_LINKAGE INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName,
                                            const ADDRINFOW *pHints, PADDRINFOW *ppResult);
WINSOCK_API_LINKAGE VOID WSAAPI freeaddrinfo(PADDRINFOA pAddrInfo) WS2POSIX_SYMBOL(freeaddrinfo);
WINSOCK_API_LINKAGE VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo);
WINSOCK_API_LINKAGE INT WSAAPI getnameinfo(const SOCKADDR *pSockaddr, socklen_t SockaddrLength,
                                           PCHAR pNodeBuffer, DWORD NodeBufferSize,
                                           PCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags)
    WS2POSIX_SYMBOL(getnameinfo);
WINSOCK_API_LINKAGE INT WSAAPI GetNameInfoW(const SOCKADDR *pSockaddr, socklen_t SockaddrLength,
                                            PWCHAR pNodeBuffer, DWORD NodeBufferSize,
                                            PWCHAR pServiceBuffer, DWORD ServiceBufferSize,
                                            INT Flags);

#define GetAddrInfoA  getaddrinfo
#define FreeAddrInfoA freeaddrinfo
#define GetNameInfoA  getnameinfo
#ifdef UNICODE
#define GetAddrInfo  GetAddrInfoW
#define FreeAddrInfo FreeAddrInfoW
#define GetNameInfo  GetNameInfoW
#else
#define GetAddrInfo  GetAddrInfoA
#define FreeAddrInfo FreeAddrInfoA
#define GetNameInfo  GetNameInfoA
#endif

#if INCL_WINSOCK_API_TYPEDEFS
typedef INT(WSAAPI *LPFN_GETADDRINFO)(PCSTR pNodeName, PCSTR pServiceName, const ADDRINFOA *pHints,
                                      PADDRINFOA *ppResult);
typedef INT(WSAAPI *LPFN_GETADDRINFOW)(PCWSTR pNodeName, PCWSTR pServiceName,
                                       const ADDRINFOW *pHints, PADDRINFOW *ppResult);
typedef VOID(WSAAPI *LPFN_FREEADDRINFO)(PADDRINFOA pAddrInfo);
typedef VOID(WSAAPI *LPFN_FREEADDRINFOW)(PADDRINFOW pAddrInfo);
typedef INT(WSAAPI *LPFN_GETNAMEINFO)(const SOCKADDR *pSockaddr, socklen_t SockaddrLength,
                                      PCHAR pNodeBuffer, DWORD NodeBufferSize, PCHAR pServiceBuffer,
                                      DWORD ServiceBufferSize, INT Flags);
typedef INT(WSAAPI *LPFN_GETNAMEINFOW)(const SOCKADDR *pSockaddr, socklen_t SockaddrLength,
                                       PWCHAR pNodeBuffer, DWORD NodeBufferSize,
                                       PWCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags);
#define LPFN_GETADDRINFOA  LPFN_GETADDRINFO
#define LPFN_FREEADDRINFOA LPFN_FREEADDRINFO
#define LPFN_GETNAMEINFOA  LPFN_GETNAMEINFO
#ifdef UNICODE
#define LPFN_GETADDRINFOT  LPFN_GETADDRINFOW
#define LPFN_FREEADDRINFOT LPFN_FREEADDRINFOW
#define LPFN_GETNAMEINFOT  LPFN_GETNAMEINFOW
#else
#define LPFN_GETADDRINFOT  LPFN_GETADDRINFOA
#define LPFN_FREEADDRINFOT LPFN_FREEADDRINFOA
#define LPFN_GETNAMEINFOT  LPFN_GETNAMEINFOA
#endif
#endif /* INCL_WINSOCK_API_TYPEDEFS */

/*
 * gai_strerror: an inline function in the SDK; here the library provides
 * gai_strerrorA/W, and gai_strerror is only a macro for one of them (it is
 * never bound to a ws2_ symbol, so libc's gai_strerror stays untouched).
 */
#define GAI_STRERROR_BUFFER_SIZE 1024

WINSOCK_API_LINKAGE char *WSAAPI gai_strerrorA(int ecode);
WINSOCK_API_LINKAGE WCHAR *WSAAPI gai_strerrorW(int ecode);
#ifdef UNICODE
#define gai_strerror gai_strerrorW
#else
#define gai_strerror gai_strerrorA
#endif

/* getnameinfo buffer sizes and flags. */
#define NI_MAXHOST 1025
#define NI_MAXSERV 32

#define NI_NOFQDN      0x01
#define NI_NUMERICHOST 0x02
#define NI_NAMEREQD    0x04
#define NI_NUMERICSERV 0x08
#define NI_DGRAM       0x10

/* Text buffer sizes for inet_ntop: Windows' (larger than POSIX's 16/46). */
#define INET_ADDRSTRLEN  22
#define INET6_ADDRSTRLEN 65

/* Address text conversion. */
WINSOCK_API_LINKAGE INT WSAAPI inet_pton(INT Family, PCSTR pszAddrString, PVOID pAddrBuf)
    WS2POSIX_SYMBOL(inet_pton);
WINSOCK_API_LINKAGE INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf);
WINSOCK_API_LINKAGE PCSTR WSAAPI inet_ntop(INT Family, const VOID *pAddr, PSTR pStringBuf,
                                           size_t StringBufSize) WS2POSIX_SYMBOL(inet_ntop);
WINSOCK_API_LINKAGE PCWSTR WSAAPI InetNtopW(INT Family, const VOID *pAddr, PWSTR pStringBuf,
                                            size_t StringBufSize);

#define InetPtonA inet_pton
#define InetNtopA inet_ntop
#ifdef UNICODE
#define InetPton InetPtonW
#define InetNtop InetNtopW
#else
#define InetPton InetPtonA
#define InetNtop InetNtopA
#endif

/*
 * The SDK's inline wrappers of the ideal send backlog controls
 * (SIO_IDEAL_SEND_BACKLOG_QUERY: "The inline wrapper function ... is the
 * idealsendbacklogquery function").
 */
static inline int idealsendbacklogquery(SOCKET s, ULONG *pISB)
{
    DWORD bytes;
    return WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, pISB, sizeof(*pISB), &bytes, NULL,
                    NULL);
}

static inline int idealsendbacklognotify(SOCKET s, LPWSAOVERLAPPED lpOverlapped,
                                         LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    DWORD bytes;
    return WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_CHANGE, NULL, 0, NULL, 0, &bytes, lpOverlapped,
                    lpCompletionRoutine);
}

#ifdef __cplusplus
}
#endif

/*
 * The Microsoft TCP/IP stack's extensions (SIO_KEEPALIVE_VALS, tcp_keepalive,
 * TCP_KEEPIDLE, INETADDR_* ...): the SDK's ws2tcpip.h includes mstcpip.h too.
 */
#include "mstcpip.h"

#endif /* WS2POSIX_WS2TCPIP_H */
