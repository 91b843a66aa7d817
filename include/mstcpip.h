/*
 * ws2posix <mstcpip.h>: the Microsoft TCP/IP stack's own extensions —
 * vendor ioctls (SIO_KEEPALIVE_VALS and its tcp_keepalive argument,
 * SIO_RCVALL ...), the IPPROTO_TCP option numbers of Windows 10
 * (TCP_KEEPIDLE, TCP_KEEPCNT, TCP_KEEPINTVL ...), and the inline address
 * helpers (INETADDR_*, IN4ADDR_*, IN4_IS_ADDR_*) that Windows socket code
 * uses to fill and test a SOCKADDR whatever its family.
 *
 * As in the SDK, ws2tcpip.h includes this header, and this header needs the
 * Winsock types first (it includes ws2tcpip.h itself, so it may come first).
 * Values are the SDK's; the base provider translates the options and the
 * ioctl to Linux's (src/providers/base/keepalive.c).
 */
#include "ws2posix/api.h"

#ifndef WS2POSIX_MSTCPIP_H
#define WS2POSIX_MSTCPIP_H

#include <stddef.h> /* offsetof, for the address helpers */
#include <string.h> /* memcpy, memset */

#include "ws2tcpip.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Vendor ioctls of the Microsoft TCP/IP stack. */
#define SIO_RCVALL                  _WSAIOW(IOC_VENDOR, 1)
#define SIO_RCVALL_MCAST            _WSAIOW(IOC_VENDOR, 2)
#define SIO_RCVALL_IGMPMCAST        _WSAIOW(IOC_VENDOR, 3)
#define SIO_KEEPALIVE_VALS          _WSAIOW(IOC_VENDOR, 4)
#define SIO_ABSORB_RTRALERT         _WSAIOW(IOC_VENDOR, 5)
#define SIO_UCAST_IF                _WSAIOW(IOC_VENDOR, 6)
#define SIO_LIMIT_BROADCASTS        _WSAIOW(IOC_VENDOR, 7)
#define SIO_INDEX_BIND              _WSAIOW(IOC_VENDOR, 8)
#define SIO_INDEX_MCASTIF           _WSAIOW(IOC_VENDOR, 9)
#define SIO_INDEX_ADD_MCAST         _WSAIOW(IOC_VENDOR, 10)
#define SIO_INDEX_DEL_MCAST         _WSAIOW(IOC_VENDOR, 11)
#define SIO_RCVALL_MCAST_IF         _WSAIOW(IOC_VENDOR, 13)
#define SIO_RCVALL_IF               _WSAIOW(IOC_VENDOR, 14)
#define SIO_LOOPBACK_FAST_PATH      _WSAIOW(IOC_VENDOR, 16)
#define SIO_TCP_INITIAL_RTO         _WSAIOW(IOC_VENDOR, 17)
#define SIO_APPLY_TRANSPORT_SETTING _WSAIOW(IOC_VENDOR, 19)
#define SIO_QUERY_TRANSPORT_SETTING _WSAIOW(IOC_VENDOR, 20)
#define SIO_TCP_SET_ICW             _WSAIOW(IOC_VENDOR, 22)
#define SIO_TCP_SET_ACK_FREQUENCY   _WSAIOW(IOC_VENDOR, 23)
#define SIO_TCP_INFO                _WSAIORW(IOC_VENDOR, 39)

/* Codes the base provider does not answer (WSAEOPNOTSUPP), named as the SDK names them. */
#define SIO_CPU_AFFINITY               _WSAIOW(IOC_VENDOR, 21)
#define SIO_SET_PRIORITY_HINT          _WSAIOW(IOC_VENDOR, 24)
#define SIO_PRIORITY_HINT              SIO_SET_PRIORITY_HINT
#define SIO_ACQUIRE_PORT_RESERVATION   _WSAIOW(IOC_VENDOR, 100)
#define SIO_RELEASE_PORT_RESERVATION   _WSAIOW(IOC_VENDOR, 101)
#define SIO_ASSOCIATE_PORT_RESERVATION _WSAIOW(IOC_VENDOR, 102)

/*
 * SIO_KEEPALIVE_VALS argument.  "The keepalivetime member specifies the
 * timeout, in milliseconds, with no activity until the first keep-alive
 * packet is sent. The keepaliveinterval member specifies the interval, in
 * milliseconds, between when successive keep-alive packets are sent if no
 * acknowledgement is received" (SIO_KEEPALIVE_VALS control code).
 */
struct tcp_keepalive {
    ULONG onoff;
    ULONG keepalivetime;
    ULONG keepaliveinterval;
};

/* SIO_RCVALL's argument (raw sockets: not offered by the base provider). */
typedef enum {
    RCVALL_OFF = 0,
    RCVALL_ON = 1,
    RCVALL_SOCKETLEVELONLY = 2,
    RCVALL_IPLEVEL = 3
} RCVALL_VALUE,
    *PRCVALL_VALUE;
#define RCVALL_MAX RCVALL_IPLEVEL

typedef struct {
    RCVALL_VALUE Mode;
    ULONG Interface;
} RCVALL_IF, *PRCVALL_IF;

/* SIO_TCP_INFO (version 0): a connection's TCP state and counters. */
typedef enum _TCPSTATE {
    TCPSTATE_CLOSED,
    TCPSTATE_LISTEN,
    TCPSTATE_SYN_SENT,
    TCPSTATE_SYN_RCVD,
    TCPSTATE_ESTABLISHED,
    TCPSTATE_FIN_WAIT_1,
    TCPSTATE_FIN_WAIT_2,
    TCPSTATE_CLOSE_WAIT,
    TCPSTATE_CLOSING,
    TCPSTATE_LAST_ACK,
    TCPSTATE_TIME_WAIT,
    TCPSTATE_MAX
} TCPSTATE;

typedef struct _TCP_INFO_v0 {
    TCPSTATE State;
    ULONG Mss;
    ULONG64 ConnectionTimeMs;
    BOOLEAN TimestampsEnabled;
    ULONG RttUs;
    ULONG MinRttUs;
    ULONG BytesInFlight;
    ULONG Cwnd;
    ULONG SndWnd;
    ULONG RcvWnd;
    ULONG RcvBuf;
    ULONG64 BytesOut;
    ULONG64 BytesIn;
    ULONG BytesReordered;
    ULONG BytesRetrans;
    ULONG FastRetrans;
    ULONG DupAcksIn;
    ULONG TimeoutEpisodes;
    UCHAR SynRetrans;
} TCP_INFO_v0, *PTCP_INFO_v0;

/*
 * IPPROTO_TCP options beyond TCP_NODELAY (ws2ipdef.h in the SDK).  The
 * keep-alive ones take a DWORD: TCP_KEEPALIVE/TCP_KEEPIDLE and
 * TCP_KEEPINTVL in seconds, TCP_KEEPCNT a count of probes ("It is illegal
 * to set TCP_KEEPCNT to a value greater than 255", IPPROTO_TCP socket
 * options).  Note the numbers are not Linux's (TCP_KEEPIDLE is 4 there).
 */
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE                  3
#define TCP_MAXSEG                     4
#define TCP_MAXRT                      5
#define TCP_STDURG                     6
#define TCP_NOURG                      7
#define TCP_ATMARK                     8
#define TCP_NOSYNRETRIES               9
#define TCP_TIMESTAMPS                 10
#define TCP_OFFLOAD_PREFERENCE         11
#define TCP_CONGESTION_ALGORITHM       12
#define TCP_DELAY_FIN_ACK              13
#define TCP_MAXRTMS                    14
#define TCP_FASTOPEN                   15
#define TCP_KEEPCNT                    16
#define TCP_KEEPIDLE                   TCP_KEEPALIVE
#define TCP_KEEPINTVL                  17
#define TCP_FAIL_CONNECT_ON_ICMP_ERROR 18
#define TCP_ICMP_ERROR_INFO            19
#endif

/* ---- IPv4 addresses ---------------------------------------------------- */

/* Class tests on an address in network byte order (its first byte is the low one here). */
#define IN4_CLASSA(i)    (((LONG)(i)&0x00000080) == 0)
#define IN4_CLASSB(i)    (((LONG)(i)&0x000000c0) == 0x00000080)
#define IN4_CLASSC(i)    (((LONG)(i)&0x000000e0) == 0x000000c0)
#define IN4_CLASSD(i)    (((LONG)(i)&0x000000f0) == 0x000000e0)
#define IN4_MULTICAST(i) IN4_CLASSD(i)

/* s_addr values, in network byte order on a little-endian machine: 127.0.0.1 is 0x0100007f. */
#define IN4ADDR_ANY                    INADDR_ANY
#define IN4ADDR_LOOPBACK               0x0100007f
#define IN4ADDR_BROADCAST              INADDR_BROADCAST
#define IN4ADDR_NONE                   INADDR_NONE
#define IN4ADDR_LOOPBACKPREFIX_LENGTH  8
#define IN4ADDR_LINKLOCALPREFIX_LENGTH 16
#define IN4ADDR_MULTICASTPREFIX_LENGTH 4
#define IN4ADDR_ANY_INIT                                                                           \
    {                                                                                              \
        0                                                                                          \
    }
#define IN4ADDR_LOOPBACK_INIT                                                                      \
    {                                                                                              \
        0x7f, 0, 0, 1                                                                              \
    }
#define IN4ADDR_BROADCAST_INIT                                                                     \
    {                                                                                              \
        0xff, 0xff, 0xff, 0xff                                                                     \
    }
#define IN4ADDR_ALLNODESONLINK_INIT                                                                \
    {                                                                                              \
        0xe0, 0, 0, 1                                                                              \
    }
#define IN4ADDR_ALLROUTERSONLINK_INIT                                                              \
    {                                                                                              \
        0xe0, 0, 0, 2                                                                              \
    }
#define IN4ADDR_ALLIGMPV3ROUTERSONLINK_INIT                                                        \
    {                                                                                              \
        0xe0, 0, 0, 0x16                                                                           \
    }
#define IN4ADDR_LINKLOCALPREFIX_INIT                                                               \
    {                                                                                              \
        0xa9, 0xfe                                                                                 \
    }
#define IN4ADDR_MULTICASTPREFIX_INIT                                                               \
    {                                                                                              \
        0xe0                                                                                       \
    }

/*
 * The helpers below are inline functions, as in the SDK, each also defined
 * to its own name so that #ifdef finds it (the convention of ws2tcpip.h).
 * They read the address bytes, so they hold on either byte order.
 */
static inline BOOLEAN IN4_ADDR_EQUAL(const IN_ADDR *a, const IN_ADDR *b)
{
    return (BOOLEAN)(a->s_addr == b->s_addr);
}
static inline BOOLEAN IN4_IS_ADDR_UNSPECIFIED(const IN_ADDR *a)
{
    return (BOOLEAN)(a->s_addr == IN4ADDR_ANY);
}
/* 127.0.0.0/8. */
static inline BOOLEAN IN4_IS_ADDR_LOOPBACK(const IN_ADDR *a)
{
    return (BOOLEAN)(a->S_un.S_un_b.s_b1 == 0x7f);
}
static inline BOOLEAN IN4_IS_ADDR_BROADCAST(const IN_ADDR *a)
{
    return (BOOLEAN)(a->s_addr == IN4ADDR_BROADCAST);
}
/* 224.0.0.0/4. */
static inline BOOLEAN IN4_IS_ADDR_MULTICAST(const IN_ADDR *a)
{
    return (BOOLEAN)((a->S_un.S_un_b.s_b1 & 0xf0) == 0xe0);
}
/* 169.254.0.0/16. */
static inline BOOLEAN IN4_IS_ADDR_LINKLOCAL(const IN_ADDR *a)
{
    return (BOOLEAN)(a->S_un.S_un_b.s_b1 == 169 && a->S_un.S_un_b.s_b2 == 254);
}
/* IPv4 has no site-local addresses: always FALSE, as in the SDK. */
static inline BOOLEAN IN4_IS_ADDR_SITELOCAL(const IN_ADDR *a)
{
    (void)a;
    return FALSE;
}
/* 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16. */
static inline BOOLEAN IN4_IS_ADDR_RFC1918(const IN_ADDR *a)
{
    UCHAR b1 = a->S_un.S_un_b.s_b1, b2 = a->S_un.S_un_b.s_b2;
    return (BOOLEAN)(b1 == 10 || (b1 == 172 && (b2 & 0xf0) == 16) || (b1 == 192 && b2 == 168));
}
/* 224.0.0.0/24. */
static inline BOOLEAN IN4_IS_ADDR_MC_LINKLOCAL(const IN_ADDR *a)
{
    return (BOOLEAN)(a->S_un.S_un_b.s_b1 == 224 && a->S_un.S_un_b.s_b2 == 0 &&
                     a->S_un.S_un_b.s_b3 == 0);
}
/* 239.255.0.0/16. */
static inline BOOLEAN IN4_IS_ADDR_MC_ADMINLOCAL(const IN_ADDR *a)
{
    return (BOOLEAN)(a->S_un.S_un_b.s_b1 == 239 && a->S_un.S_un_b.s_b2 == 255);
}
/* 239.0.0.0/8 except 239.255.0.0/16. */
static inline BOOLEAN IN4_IS_ADDR_MC_SITELOCAL(const IN_ADDR *a)
{
    return (BOOLEAN)(a->S_un.S_un_b.s_b1 == 239 && !IN4_IS_ADDR_MC_ADMINLOCAL(a));
}
#define IN4_ADDR_EQUAL            IN4_ADDR_EQUAL
#define IN4_IS_ADDR_UNSPECIFIED   IN4_IS_ADDR_UNSPECIFIED
#define IN4_IS_ADDR_LOOPBACK      IN4_IS_ADDR_LOOPBACK
#define IN4_IS_ADDR_BROADCAST     IN4_IS_ADDR_BROADCAST
#define IN4_IS_ADDR_MULTICAST     IN4_IS_ADDR_MULTICAST
#define IN4_IS_ADDR_LINKLOCAL     IN4_IS_ADDR_LINKLOCAL
#define IN4_IS_ADDR_SITELOCAL     IN4_IS_ADDR_SITELOCAL
#define IN4_IS_ADDR_RFC1918       IN4_IS_ADDR_RFC1918
#define IN4_IS_ADDR_MC_LINKLOCAL  IN4_IS_ADDR_MC_LINKLOCAL
#define IN4_IS_ADDR_MC_ADMINLOCAL IN4_IS_ADDR_MC_ADMINLOCAL
#define IN4_IS_ADDR_MC_SITELOCAL  IN4_IS_ADDR_MC_SITELOCAL

/* ---- Socket addresses -------------------------------------------------- */

/*
 * Windows code hands these helpers a SOCKADDR_STORAGE, a SOCKADDR_INET or a
 * SOCKADDR_IN6 cast to SOCKADDR*.  MSVC does not optimise on C's aliasing
 * rules, GCC and Clang do: reading sa_family through a SOCKADDR* that points
 * at a SOCKADDR_IN6 variable may be reordered before the stores that set it
 * (observed with gcc -O2: INETADDR_ISV4MAPPED of a freshly filled
 * SOCKADDR_IN6 gave FALSE).  So the helpers reach the fields with memcpy,
 * which may alias anything and compiles to plain loads and stores.  Both
 * families keep the family at offset 0 and the port at offset 2.
 */
static inline ADDRESS_FAMILY ws2posix_sa_family(const void *a)
{
    ADDRESS_FAMILY f;
    memcpy(&f, a, sizeof(f));
    return f;
}
static inline USHORT ws2posix_sa_port(const void *a)
{
    USHORT p;
    memcpy(&p, (const UCHAR *)a + 2, sizeof(p));
    return p;
}
static inline IN_ADDR ws2posix_sin_addr(const void *a)
{
    IN_ADDR x;
    memcpy(&x, (const UCHAR *)a + offsetof(SOCKADDR_IN, sin_addr), sizeof(x));
    return x;
}
static inline IN6_ADDR ws2posix_sin6_addr(const void *a)
{
    IN6_ADDR x;
    memcpy(&x, (const UCHAR *)a + offsetof(SOCKADDR_IN6, sin6_addr), sizeof(x));
    return x;
}
static inline SCOPE_ID ws2posix_sin6_scope(const void *a)
{
    SCOPE_ID x;
    memcpy(&x, (const UCHAR *)a + offsetof(SOCKADDR_IN6, sin6_scope_id), sizeof(x));
    return x;
}

/*
 * SS_PORT(ssp): the port of any IP socket address, as an lvalue (network
 * byte order).  The view has may_alias for the reason above.
 */
struct ws2posix_sa_port_view {
    ADDRESS_FAMILY family;
    USHORT port;
} __attribute__((__may_alias__));
#define SS_PORT(ssp) (((struct ws2posix_sa_port_view *)(ssp))->port)

/* ---- IPv4 socket addresses --------------------------------------------- */

static inline void IN4ADDR_SETSOCKADDR(PSOCKADDR_IN a, const IN_ADDR *addr, USHORT port)
{
    SOCKADDR_IN x;
    memset(&x, 0, sizeof(x));
    x.sin_family = AF_INET;
    x.sin_port = port;
    memcpy(&x.sin_addr, addr, sizeof(x.sin_addr));
    memcpy(a, &x, sizeof(x));
}
static inline void IN4ADDR_SETANY(PSOCKADDR_IN a)
{
    static const UCHAR any[4] = IN4ADDR_ANY_INIT;
    IN4ADDR_SETSOCKADDR(a, (const IN_ADDR *)any, 0);
}
static inline void IN4ADDR_SETLOOPBACK(PSOCKADDR_IN a)
{
    static const UCHAR loopback[4] = IN4ADDR_LOOPBACK_INIT;
    IN4ADDR_SETSOCKADDR(a, (const IN_ADDR *)loopback, 0);
}
static inline BOOLEAN IN4ADDR_ISANY(const SOCKADDR_IN *a)
{
    IN_ADDR x = ws2posix_sin_addr(a);
    return IN4_IS_ADDR_UNSPECIFIED(&x);
}
static inline BOOLEAN IN4ADDR_ISLOOPBACK(const SOCKADDR_IN *a)
{
    IN_ADDR x = ws2posix_sin_addr(a);
    return IN4_IS_ADDR_LOOPBACK(&x);
}
/* IPv4 addresses have no zone: the unspecified scope. */
static inline SCOPE_ID IN4ADDR_SCOPE_ID(const SOCKADDR_IN *a)
{
    SCOPE_ID none;
    (void)a;
    none.Value = 0;
    return none;
}
static inline BOOLEAN IN4ADDR_ISEQUAL(const SOCKADDR_IN *a, const SOCKADDR_IN *b)
{
    IN_ADDR x = ws2posix_sin_addr(a), y = ws2posix_sin_addr(b);
    return IN4_ADDR_EQUAL(&x, &y);
}
static inline BOOLEAN IN4ADDR_ISUNSPECIFIED(const SOCKADDR_IN *a)
{
    return IN4ADDR_ISANY(a);
}
#define IN4ADDR_SETSOCKADDR   IN4ADDR_SETSOCKADDR
#define IN4ADDR_SETANY        IN4ADDR_SETANY
#define IN4ADDR_SETLOOPBACK   IN4ADDR_SETLOOPBACK
#define IN4ADDR_ISANY         IN4ADDR_ISANY
#define IN4ADDR_ISLOOPBACK    IN4ADDR_ISLOOPBACK
#define IN4ADDR_SCOPE_ID      IN4ADDR_SCOPE_ID
#define IN4ADDR_ISEQUAL       IN4ADDR_ISEQUAL
#define IN4ADDR_ISUNSPECIFIED IN4ADDR_ISUNSPECIFIED

/*
 * The well-known addresses, in network byte order, as the SDK declares them
 * here (in6addr_any and in6addr_loopback are in ws2tcpip.h), and the
 * unspecified scope.  Data of ws2_32 (src/ws2_32/addrconst.c).
 */
WINSOCK_API_LINKAGE extern const SCOPE_ID scopeid_unspecified;
WINSOCK_API_LINKAGE extern const IN_ADDR in4addr_any;
WINSOCK_API_LINKAGE extern const IN_ADDR in4addr_loopback;
WINSOCK_API_LINKAGE extern const IN_ADDR in4addr_broadcast;
WINSOCK_API_LINKAGE extern const IN_ADDR in4addr_allnodesonlink;
WINSOCK_API_LINKAGE extern const IN_ADDR in4addr_allroutersonlink;
WINSOCK_API_LINKAGE extern const IN_ADDR in4addr_alligmpv3routersonlink;
WINSOCK_API_LINKAGE extern const IN_ADDR in4addr_allteredohostsonlink;
WINSOCK_API_LINKAGE extern const IN_ADDR in4addr_linklocalprefix;
WINSOCK_API_LINKAGE extern const IN_ADDR in4addr_multicastprefix;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_allnodesonnode;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_allnodesonlink;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_allroutersonlink;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_allmldv2routersonlink;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_teredoinitiallinklocaladdress;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_linklocalprefix;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_multicastprefix;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_solicitednodemulticastprefix;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_v4mappedprefix;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_6to4prefix;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_teredoprefix;
WINSOCK_API_LINKAGE extern const IN6_ADDR in6addr_teredoprefix_old;

/* ---- IPv6 addresses and socket addresses (the rest is in ws2tcpip.h) --- */

/* ::ffff:a.b.c.d from a.b.c.d. */
static inline void IN6_SET_ADDR_V4MAPPED(PIN6_ADDR a6, const IN_ADDR *a4)
{
    memset(a6, 0, sizeof(*a6));
    a6->s6_bytes[10] = 0xff;
    a6->s6_bytes[11] = 0xff;
    memcpy(&a6->s6_bytes[12], a4, 4);
}
/* The IPv4 address inside ::ffff:a.b.c.d (or ::a.b.c.d). */
static inline const UCHAR *IN6_GET_ADDR_V4MAPPED(const IN6_ADDR *a)
{
    return &a->s6_bytes[12];
}
static inline const UCHAR *IN6_GET_ADDR_V4COMPAT(const IN6_ADDR *a)
{
    return &a->s6_bytes[12];
}
static inline SCOPE_ID IN6ADDR_SCOPE_ID(const SOCKADDR_IN6 *a)
{
    return ws2posix_sin6_scope(a);
}
static inline BOOLEAN IN6ADDR_ISEQUAL(const SOCKADDR_IN6 *a, const SOCKADDR_IN6 *b)
{
    IN6_ADDR x = ws2posix_sin6_addr(a), y = ws2posix_sin6_addr(b);
    return (BOOLEAN)(ws2posix_sin6_scope(a).Value == ws2posix_sin6_scope(b).Value &&
                     IN6_ADDR_EQUAL(&x, &y));
}
static inline BOOLEAN IN6ADDR_ISUNSPECIFIED(const SOCKADDR_IN6 *a)
{
    IN6_ADDR x = ws2posix_sin6_addr(a);
    return (BOOLEAN)(ws2posix_sin6_scope(a).Value == 0 && IN6_IS_ADDR_UNSPECIFIED(&x));
}
static inline BOOLEAN IN6ADDR_ISV4MAPPED(const SOCKADDR_IN6 *a)
{
    IN6_ADDR x = ws2posix_sin6_addr(a);
    return (BOOLEAN)IN6_IS_ADDR_V4MAPPED(&x);
}
static inline void IN6ADDR_SETSOCKADDR(PSOCKADDR_IN6 a, const IN6_ADDR *addr, SCOPE_ID scope,
                                       USHORT port)
{
    SOCKADDR_IN6 x;
    memset(&x, 0, sizeof(x));
    x.sin6_family = AF_INET6;
    x.sin6_port = port;
    memcpy(&x.sin6_addr, addr, sizeof(x.sin6_addr));
    x.sin6_scope_struct = scope;
    memcpy(a, &x, sizeof(x));
}
/*
 * ::ffff:a.b.c.d as a socket address, with the port and scope given.  An
 * IPv4 address has a zone only where it is link-local (169.254.0.0/16, or
 * multicast 224.0.0.0/24): for any other the scope is the unspecified one,
 * as the SDK's IN4_UNCANONICALIZE_SCOPE_ID makes it.
 */
static inline void IN6ADDR_SETV4MAPPED(PSOCKADDR_IN6 a6, const IN_ADDR *a4, SCOPE_ID scope,
                                       USHORT port)
{
    IN6_ADDR mapped;
    IN6_SET_ADDR_V4MAPPED(&mapped, a4);
    if (!IN4_IS_ADDR_LINKLOCAL(a4) && !IN4_IS_ADDR_MC_LINKLOCAL(a4))
        scope.Value = 0;
    IN6ADDR_SETSOCKADDR(a6, &mapped, scope, port);
}
#define IN6_SET_ADDR_V4MAPPED IN6_SET_ADDR_V4MAPPED
#define IN6ADDR_SETV4MAPPED   IN6ADDR_SETV4MAPPED
#define IN6_GET_ADDR_V4MAPPED IN6_GET_ADDR_V4MAPPED
#define IN6_GET_ADDR_V4COMPAT IN6_GET_ADDR_V4COMPAT
#define IN6ADDR_SCOPE_ID      IN6ADDR_SCOPE_ID
#define IN6ADDR_ISEQUAL       IN6ADDR_ISEQUAL
#define IN6ADDR_ISUNSPECIFIED IN6ADDR_ISUNSPECIFIED
#define IN6ADDR_ISV4MAPPED    IN6ADDR_ISV4MAPPED
#define IN6ADDR_SETSOCKADDR   IN6ADDR_SETSOCKADDR

/* ---- Either family: the SOCKADDR's sa_family chooses ------------------- */

/*
 * Any family other than AF_INET6 is taken as AF_INET, as the SDK's versions
 * do (they ASSERT it, which release builds drop).
 */
static inline void INETADDR_SETANY(PSOCKADDR a)
{
    SCOPE_ID none;
    none.Value = 0;
    if (ws2posix_sa_family(a) == AF_INET6)
        IN6ADDR_SETSOCKADDR((PSOCKADDR_IN6)a, &in6addr_any, none, 0);
    else
        IN4ADDR_SETANY((PSOCKADDR_IN)a);
}
static inline void INETADDR_SETLOOPBACK(PSOCKADDR a)
{
    SCOPE_ID none;
    none.Value = 0;
    if (ws2posix_sa_family(a) == AF_INET6)
        IN6ADDR_SETSOCKADDR((PSOCKADDR_IN6)a, &in6addr_loopback, none, 0);
    else
        IN4ADDR_SETLOOPBACK((PSOCKADDR_IN)a);
}
static inline BOOLEAN INETADDR_ISANY(const SOCKADDR *a)
{
    if (ws2posix_sa_family(a) == AF_INET6) {
        IN6_ADDR x = ws2posix_sin6_addr(a);
        return (BOOLEAN)IN6_IS_ADDR_UNSPECIFIED(&x);
    }
    return IN4ADDR_ISANY((const SOCKADDR_IN *)a);
}
static inline BOOLEAN INETADDR_ISLOOPBACK(const SOCKADDR *a)
{
    if (ws2posix_sa_family(a) == AF_INET6) {
        IN6_ADDR x = ws2posix_sin6_addr(a);
        return (BOOLEAN)IN6_IS_ADDR_LOOPBACK(&x);
    }
    return IN4ADDR_ISLOOPBACK((const SOCKADDR_IN *)a);
}
static inline BOOLEAN INETADDR_ISV4MAPPED(const SOCKADDR *a)
{
    return (BOOLEAN)(ws2posix_sa_family(a) == AF_INET6 &&
                     IN6ADDR_ISV4MAPPED((const SOCKADDR_IN6 *)a));
}
static inline BOOLEAN INETADDR_ISEQUAL(const SOCKADDR *a, const SOCKADDR *b)
{
    if (ws2posix_sa_family(a) == AF_INET6)
        return (BOOLEAN)(ws2posix_sa_family(b) == AF_INET6 &&
                         IN6ADDR_ISEQUAL((const SOCKADDR_IN6 *)a, (const SOCKADDR_IN6 *)b));
    return (BOOLEAN)(ws2posix_sa_family(b) == AF_INET &&
                     IN4ADDR_ISEQUAL((const SOCKADDR_IN *)a, (const SOCKADDR_IN *)b));
}
static inline BOOLEAN INETADDR_ISUNSPECIFIED(const SOCKADDR *a)
{
    if (ws2posix_sa_family(a) == AF_INET6)
        return IN6ADDR_ISUNSPECIFIED((const SOCKADDR_IN6 *)a);
    return IN4ADDR_ISUNSPECIFIED((const SOCKADDR_IN *)a);
}
static inline SCOPE_ID INETADDR_SCOPE_ID(const SOCKADDR *a)
{
    if (ws2posix_sa_family(a) == AF_INET6)
        return ws2posix_sin6_scope(a);
    return IN4ADDR_SCOPE_ID((const SOCKADDR_IN *)a);
}
/* The port, in network byte order. */
static inline USHORT INETADDR_PORT(const SOCKADDR *a)
{
    return ws2posix_sa_port(a);
}
/* The address bytes: the IN_ADDR or the IN6_ADDR inside *a. */
static inline PUCHAR INETADDR_ADDRESS(const SOCKADDR *a)
{
    size_t at = ws2posix_sa_family(a) == AF_INET6 ? offsetof(SOCKADDR_IN6, sin6_addr)
                                                  : offsetof(SOCKADDR_IN, sin_addr);
    return (PUCHAR)a + at;
}
/* Port in network byte order; sin_port and sin6_port share their place. */
static inline void INETADDR_SET_PORT(PSOCKADDR a, USHORT Port)
{
    memcpy((UCHAR *)a + 2, &Port, sizeof(Port));
}
static inline void INETADDR_SET_ADDRESS(PSOCKADDR a, const UCHAR *Address)
{
    if (ws2posix_sa_family(a) == AF_INET6)
        memcpy((UCHAR *)a + offsetof(SOCKADDR_IN6, sin6_addr), Address, sizeof(IN6_ADDR));
    else
        memcpy((UCHAR *)a + offsetof(SOCKADDR_IN, sin_addr), Address, sizeof(IN_ADDR));
}
#define INETADDR_SETANY        INETADDR_SETANY
#define INETADDR_SETLOOPBACK   INETADDR_SETLOOPBACK
#define INETADDR_ISANY         INETADDR_ISANY
#define INETADDR_ISLOOPBACK    INETADDR_ISLOOPBACK
#define INETADDR_ISV4MAPPED    INETADDR_ISV4MAPPED
#define INETADDR_ISEQUAL       INETADDR_ISEQUAL
#define INETADDR_ISUNSPECIFIED INETADDR_ISUNSPECIFIED
#define INETADDR_SCOPE_ID      INETADDR_SCOPE_ID
#define INETADDR_PORT          INETADDR_PORT
#define INETADDR_ADDRESS       INETADDR_ADDRESS
#define INETADDR_SET_PORT      INETADDR_SET_PORT
#define INETADDR_SET_ADDRESS   INETADDR_SET_ADDRESS

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_MSTCPIP_H */
