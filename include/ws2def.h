/*
 * ws2posix <ws2def.h>: the definitions that every Winsock header shares —
 * address families, IPv4 addresses and socket addresses, protocol numbers,
 * scatter/gather buffers (WSABUF, WSAMSG), ioctl code construction, message
 * flags and the addrinfo structures.  As in the Windows SDK, winsock2.h
 * includes it; programs rarely include it themselves.
 *
 * Widths and layouts are those of 64-bit Windows; tests/abi checks them
 * against mingw-w64's headers.
 */
#include "ws2posix/api.h"
#include <stddef.h> /* offsetof, for SIZEOF_SOCKET_ADDRESS_LIST */

#ifndef WS2POSIX_WS2DEF_H
#define WS2POSIX_WS2DEF_H

#ifdef __cplusplus
extern "C" {
#endif

typedef USHORT ADDRESS_FAMILY;

/* Address families: Windows numbers them its own way (AF_INET6 is 23). */
#define AF_UNSPEC     0
#define AF_UNIX       1
#define AF_INET       2
#define AF_IMPLINK    3
#define AF_PUP        4
#define AF_CHAOS      5
#define AF_NS         6
#define AF_IPX        AF_NS
#define AF_ISO        7
#define AF_OSI        AF_ISO
#define AF_ECMA       8
#define AF_DATAKIT    9
#define AF_CCITT      10
#define AF_SNA        11
#define AF_DECnet     12
#define AF_DLI        13
#define AF_LAT        14
#define AF_HYLINK     15
#define AF_APPLETALK  16
#define AF_NETBIOS    17
#define AF_VOICEVIEW  18
#define AF_FIREFOX    19
#define AF_UNKNOWN1   20
#define AF_BAN        21
#define AF_ATM        22
#define AF_INET6      23
#define AF_CLUSTER    24
#define AF_12844      25
#define AF_IRDA       26
#define AF_NETDES     28
#define AF_TCNPROCESS 29
#define AF_TCNMESSAGE 30
#define AF_ICLFXBM    31
#define AF_BTH        32
#define AF_MAX        33

/* The level for socket-wide options: 0xffff, not Linux's 1. */
#define SOL_SOCKET 0xffff

/* Protocol numbers are IANA's, hence the same as on Linux. */
#define IPPROTO_IP       0
#define IPPROTO_HOPOPTS  0
#define IPPROTO_ICMP     1
#define IPPROTO_IGMP     2
#define IPPROTO_GGP      3
#define IPPROTO_IPV4     4
#define IPPROTO_ST       5
#define IPPROTO_TCP      6
#define IPPROTO_CBT      7
#define IPPROTO_EGP      8
#define IPPROTO_IGP      9
#define IPPROTO_PUP      12
#define IPPROTO_UDP      17
#define IPPROTO_IDP      22
#define IPPROTO_RDP      27
#define IPPROTO_IPV6     41
#define IPPROTO_ROUTING  43
#define IPPROTO_FRAGMENT 44
#define IPPROTO_ESP      50
#define IPPROTO_AH       51
#define IPPROTO_ICMPV6   58
#define IPPROTO_NONE     59
#define IPPROTO_DSTOPTS  60
#define IPPROTO_ND       77
#define IPPROTO_ICLFXBM  78
#define IPPROTO_PIM      103
#define IPPROTO_PGM      113
#define IPPROTO_L2TP     115
#define IPPROTO_SCTP     132
#define IPPROTO_RAW      255
#define IPPROTO_MAX      256

/* Well-known ports of the BSD era that the SDK still names. */
#define IPPORT_ECHO        7
#define IPPORT_DISCARD     9
#define IPPORT_SYSTAT      11
#define IPPORT_DAYTIME     13
#define IPPORT_NETSTAT     15
#define IPPORT_FTP         21
#define IPPORT_TELNET      23
#define IPPORT_SMTP        25
#define IPPORT_TIMESERVER  37
#define IPPORT_NAMESERVER  42
#define IPPORT_WHOIS       43
#define IPPORT_MTP         57
#define IPPORT_TFTP        69
#define IPPORT_RJE         77
#define IPPORT_FINGER      79
#define IPPORT_TTYLINK     87
#define IPPORT_SUPDUP      95
#define IPPORT_EXECSERVER  512
#define IPPORT_LOGINSERVER 513
#define IPPORT_CMDSERVER   514
#define IPPORT_EFSSERVER   520
#define IPPORT_BIFFUDP     512
#define IPPORT_WHOSERVER   513
#define IPPORT_ROUTESERVER 520
#define IPPORT_RESERVED    1024

#define IMPLINK_IP        155
#define IMPLINK_LOWEXPER  156
#define IMPLINK_HIGHEXPER 158

/*
 * IPv4 address.  The three views of the union are Windows' own; programs
 * reach them through the s_addr/s_net/... names below, which is why those
 * are macros and not members.
 */
typedef struct in_addr {
    union {
        struct {
            UCHAR s_b1, s_b2, s_b3, s_b4;
        } S_un_b;
        struct {
            USHORT s_w1, s_w2;
        } S_un_w;
        ULONG S_addr;
    } S_un;
} IN_ADDR, *PIN_ADDR, *LPIN_ADDR;

#define s_addr  S_un.S_addr
#define s_host  S_un.S_un_b.s_b2
#define s_net   S_un.S_un_b.s_b1
#define s_imp   S_un.S_un_w.s_w2
#define s_impno S_un.S_un_b.s_b4
#define s_lh    S_un.S_un_b.s_b3

/* Address classes.  The SDK's casts are to its 32-bit long. */
#define IN_CLASSA(i)     ((((LONG)(i)) & 0x80000000) == 0)
#define IN_CLASSA_NET    0xff000000
#define IN_CLASSA_NSHIFT 24
#define IN_CLASSA_HOST   0x00ffffff
#define IN_CLASSA_MAX    128
#define IN_CLASSB(i)     ((((LONG)(i)) & 0xc0000000) == 0x80000000)
#define IN_CLASSB_NET    0xffff0000
#define IN_CLASSB_NSHIFT 16
#define IN_CLASSB_HOST   0x0000ffff
#define IN_CLASSB_MAX    65536
#define IN_CLASSC(i)     ((((LONG)(i)) & 0xe0000000) == 0xc0000000)
#define IN_CLASSC_NET    0xffffff00
#define IN_CLASSC_NSHIFT 8
#define IN_CLASSC_HOST   0x000000ff
#define IN_CLASSD(i)     ((((LONG)(i)) & 0xf0000000) == 0xe0000000)
#define IN_CLASSD_NET    0xf0000000
#define IN_CLASSD_NSHIFT 28
#define IN_CLASSD_HOST   0x0fffffff
#define IN_MULTICAST(i)  IN_CLASSD(i)

#define INADDR_ANY       ((ULONG)0x00000000)
#define INADDR_LOOPBACK  0x7f000001
#define INADDR_BROADCAST ((ULONG)0xffffffff)
#define INADDR_NONE      0xffffffff
#define ADDR_ANY         INADDR_ANY

/* Generic socket address. */
typedef struct sockaddr {
    ADDRESS_FAMILY sa_family;
    CHAR sa_data[14];
} SOCKADDR, *PSOCKADDR, *LPSOCKADDR;

/*
 * Room for any socket address: 128 bytes, 8-byte aligned, the family first.
 * The padding members keep Windows' names since some programs touch them.
 */
#define _SS_MAXSIZE   128
#define _SS_ALIGNSIZE (sizeof(LONGLONG))
#define _SS_PAD1SIZE  (_SS_ALIGNSIZE - sizeof(USHORT))
#define _SS_PAD2SIZE  (_SS_MAXSIZE - (sizeof(USHORT) + _SS_PAD1SIZE + _SS_ALIGNSIZE))

typedef struct sockaddr_storage {
    ADDRESS_FAMILY ss_family;
    CHAR __ss_pad1[_SS_PAD1SIZE];
    LONGLONG __ss_align;
    CHAR __ss_pad2[_SS_PAD2SIZE];
} SOCKADDR_STORAGE, *PSOCKADDR_STORAGE, *LPSOCKADDR_STORAGE;

/* IPv4 socket address. */
typedef struct sockaddr_in {
    ADDRESS_FAMILY sin_family;
    USHORT sin_port;
    IN_ADDR sin_addr;
    CHAR sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN, *LPSOCKADDR_IN;

/* IPv6 scope (zone) identifiers: used by sockaddr_in6 in ws2ipdef.h. */
typedef enum _SCOPE_LEVEL {
    ScopeLevelInterface = 1,
    ScopeLevelLink = 2,
    ScopeLevelSubnet = 3,
    ScopeLevelAdmin = 4,
    ScopeLevelSite = 5,
    ScopeLevelOrganization = 8,
    ScopeLevelGlobal = 14,
    ScopeLevelCount = 16
} SCOPE_LEVEL;

typedef struct _SCOPE_ID {
    union {
        struct {
            ULONG Zone : 28;
            ULONG Level : 4;
        };
        ULONG Value;
    };
} SCOPE_ID, *PSCOPE_ID;

#define SCOPEID_UNSPECIFIED_INIT                                                                   \
    {                                                                                              \
        0                                                                                          \
    }

/* A socket address with its length, and lists of them (WSAIoctl, RnR). */
typedef struct _SOCKET_ADDRESS {
    LPSOCKADDR lpSockaddr;
    INT iSockaddrLength;
} SOCKET_ADDRESS, *PSOCKET_ADDRESS, *LPSOCKET_ADDRESS;

typedef struct _SOCKET_ADDRESS_LIST {
    INT iAddressCount;
    SOCKET_ADDRESS Address[1];
} SOCKET_ADDRESS_LIST, *PSOCKET_ADDRESS_LIST, *LPSOCKET_ADDRESS_LIST;

/* The bytes of a SOCKET_ADDRESS_LIST of n addresses (the sockaddrs not counted). */
#define SIZEOF_SOCKET_ADDRESS_LIST(AddressCount)                                                   \
    (offsetof(SOCKET_ADDRESS_LIST, Address) + (AddressCount) * sizeof(SOCKET_ADDRESS))

typedef struct _CSADDR_INFO {
    SOCKET_ADDRESS LocalAddr;
    SOCKET_ADDRESS RemoteAddr;
    INT iSocketType;
    INT iProtocol;
} CSADDR_INFO, *PCSADDR_INFO, *LPCSADDR_INFO;

/*
 * One buffer of a scatter/gather list.  The length comes first and is 32
 * bits: this is not struct iovec, and the provider converts.
 */
typedef struct _WSABUF {
    ULONG len;
    CHAR *buf;
} WSABUF, *LPWSABUF;

/* WSASendMsg / WSARecvMsg message. */
typedef struct _WSAMSG {
    LPSOCKADDR name;
    INT namelen;
    LPWSABUF lpBuffers;
    ULONG dwBufferCount;
    WSABUF Control;
    ULONG dwFlags;
} WSAMSG, *PWSAMSG, *LPWSAMSG;

/*
 * Control-message header inside WSAMSG.Control.  cmsg_len is pointer-sized,
 * and data is aligned to 8 bytes (the SDK's MAX_NATURAL_ALIGNMENT on Win64).
 */
/* The SDK (Vista and later): the structure's tag is cmsghdr, as RFC 2292 names it. */
#define _WSACMSGHDR cmsghdr
typedef struct _WSACMSGHDR {
    SIZE_T cmsg_len;
    INT cmsg_level;
    INT cmsg_type;
} WSACMSGHDR, *PWSACMSGHDR, *LPWSACMSGHDR;
typedef WSACMSGHDR CMSGHDR, *PCMSGHDR;

#define WSA_CMSGHDR_ALIGN(length)                                                                  \
    (((length) + __alignof__(WSACMSGHDR) - 1) & (~(__alignof__(WSACMSGHDR) - 1)))
#define WSA_CMSGDATA_ALIGN(length) (((length) + sizeof(ULONGLONG) - 1) & (~(sizeof(ULONGLONG) - 1)))
#define WSA_CMSG_FIRSTHDR(msg)                                                                     \
    (((msg)->Control.len >= sizeof(WSACMSGHDR)) ? (LPWSACMSGHDR)(msg)->Control.buf                 \
                                                : (LPWSACMSGHDR)NULL)
#define WSA_CMSG_NXTHDR(msg, cmsg)                                                                 \
    ((!(cmsg)) ? WSA_CMSG_FIRSTHDR(msg)                                                            \
               : ((((PUCHAR)(cmsg) + WSA_CMSGHDR_ALIGN((cmsg)->cmsg_len) + sizeof(WSACMSGHDR)) >   \
                   (PUCHAR)((msg)->Control.buf) + (msg)->Control.len)                              \
                      ? (LPWSACMSGHDR)NULL                                                         \
                      : (LPWSACMSGHDR)((PUCHAR)(cmsg) + WSA_CMSGHDR_ALIGN((cmsg)->cmsg_len))))
#define WSA_CMSG_DATA(cmsg)    ((PUCHAR)(cmsg) + WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)))
#define WSA_CMSG_SPACE(length) (WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR) + WSA_CMSGHDR_ALIGN(length)))
#define WSA_CMSG_LEN(length)   (WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)) + (length))

/* ---- Issue 10, msg: the SDK's RFC 2292 names (Vista and later) ----
 * The SDK's ws2def.h names the header's tag cmsghdr and gives the RFC 2292
 * macro names as aliases; CMSG_DATA it leaves out ("that name is already
 * used by wincrypt.h, and so Windows has used WSA_CMSG_DATA").
 * MSG_ERRQUEUE is a WSAMSG.dwFlags value of the same block.
 */
#define CMSGHDR_ALIGN  WSA_CMSGHDR_ALIGN
#define CMSGDATA_ALIGN WSA_CMSGDATA_ALIGN
#define CMSG_FIRSTHDR  WSA_CMSG_FIRSTHDR
#define CMSG_NXTHDR    WSA_CMSG_NXTHDR
#define CMSG_SPACE     WSA_CMSG_SPACE
#define CMSG_LEN       WSA_CMSG_LEN
#define MSG_ERRQUEUE   0x1000
/* ---- end of issue 10, msg ---- */

/* Flags for send/recv and WSAMSG.dwFlags: Windows values, not Linux's. */
#define MSG_OOB            0x1
#define MSG_PEEK           0x2
#define MSG_DONTROUTE      0x4
#define MSG_WAITALL        0x8
#define MSG_INTERRUPT      0x10
#define MSG_PUSH_IMMEDIATE 0x20
#define MSG_PARTIAL        0x8000
#define MSG_TRUNC          0x0100
#define MSG_CTRUNC         0x0200
#define MSG_BCAST          0x0400
#define MSG_MCAST          0x0800
#define MSG_MAXIOVLEN      16

/*
 * Control codes for ioctlsocket/WSAIoctl.  IOC_IN is 0x80000000, an
 * unsigned int here as under the SDK (where it is an unsigned long of the
 * same width), so codes built from it print as positive numbers.
 */
#define IOCPARM_MASK 0x7f
#define IOC_VOID     0x20000000
#define IOC_OUT      0x40000000
#define IOC_IN       0x80000000
#define IOC_INOUT    (IOC_IN | IOC_OUT)

#define IOC_UNIX     0x00000000
#define IOC_WS2      0x08000000
#define IOC_PROTOCOL 0x10000000
#define IOC_VENDOR   0x18000000

#define _WSAIO(x, y)   (IOC_VOID | (x) | (y))
#define _WSAIOR(x, y)  (IOC_OUT | (x) | (y))
#define _WSAIOW(x, y)  (IOC_IN | (x) | (y))
#define _WSAIORW(x, y) (IOC_INOUT | (x) | (y))

/*
 * getaddrinfo results.  Unlike POSIX, Windows puts ai_canonname before
 * ai_addr; ai_addrlen is a size_t.
 */
typedef struct addrinfo {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    size_t ai_addrlen;
    char *ai_canonname;
    struct sockaddr *ai_addr;
    struct addrinfo *ai_next;
} ADDRINFOA, *PADDRINFOA;

typedef struct addrinfoW {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    size_t ai_addrlen;
    PWSTR ai_canonname;
    struct sockaddr *ai_addr;
    struct addrinfoW *ai_next;
} ADDRINFOW, *PADDRINFOW;

#define AI_PASSIVE                0x00000001
#define AI_CANONNAME              0x00000002
#define AI_NUMERICHOST            0x00000004
#define AI_NUMERICSERV            0x00000008
#define AI_ALL                    0x00000100
#define AI_ADDRCONFIG             0x00000400
#define AI_V4MAPPED               0x00000800
#define AI_NON_AUTHORITATIVE      0x00004000
#define AI_SECURE                 0x00008000
#define AI_RETURN_PREFERRED_NAMES 0x00010000
#define AI_FQDN                   0x00020000
#define AI_FILESERVER             0x00040000
#define AI_DISABLE_IDN_ENCODING   0x00080000

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_WS2DEF_H */
