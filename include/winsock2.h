/*
 * ws2posix <winsock2.h>: the Winsock 2 API with the names, values and
 * 64-bit Windows layouts of the Windows SDK, so that Windows socket code
 * compiles unchanged on Linux and links with -lws2_32.
 *
 * Three things differ from the SDK, each because Linux's C library is in the
 * same translation unit:
 *
 *  - Functions that libc also has (socket, send, htons, gethostbyname ...)
 *    are declared under their Windows names but bound to the symbols
 *    ws2_<name> (see WS2POSIX_SYMBOL in ws2posix/api.h), so the library never
 *    interposes libc for the rest of the process.
 *  - glibc's <stdlib.h> already defines fd_set and select() in its own way.
 *    Here fd_set and select are macros for ws2posix_fd_set and
 *    ws2posix_select, which keeps both declarations apart; source code still
 *    says fd_set and select.
 *  - TIMEVAL is glibc's struct timeval (C longs, 16 bytes) rather than the
 *    SDK's pair of 32-bit longs, because glibc owns that tag.  Only its
 *    layout differs; tv_sec/tv_usec are used the same way.
 *
 * The POSIX socket headers (<sys/socket.h>, <netinet/in.h>, <netdb.h>,
 * <poll.h> ...) cannot share a translation unit with this one.
 */
#include "ws2posix/api.h"

#ifndef WS2POSIX_WINSOCK2_H
#define WS2POSIX_WINSOCK2_H

/* Programs test these to learn that Winsock 2 (and so Winsock 1) is in. */
#ifndef _WINSOCK2API_
#define _WINSOCK2API_
#endif
#ifndef _WINSOCKAPI_
#define _WINSOCKAPI_
#endif

#include "windows.h"
#include "ws2def.h"

#ifndef INCL_WINSOCK_API_TYPEDEFS
#define INCL_WINSOCK_API_TYPEDEFS 0
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define WINSOCK_VERSION MAKEWORD(2, 2)

/* A socket is an opaque pointer-sized handle, never a file descriptor. */
typedef UINT_PTR SOCKET;

#define INVALID_SOCKET (SOCKET)(~0)
#define SOCKET_ERROR   (-1)

/*
 * fd_set: Windows' is a counted array of sockets, not a bit mask.  Its
 * capacity is FD_SETSIZE, 64 unless the program defines FD_SETSIZE before
 * including this header.
 *
 * If <stdlib.h> came first in GNU mode, glibc has already defined
 * FD_SETSIZE as `__FD_SETSIZE' (1024), and that must not count as the
 * program's choice.  Making __FD_SETSIZE briefly expand to -1 tells the two
 * apart.  A program that defines FD_SETSIZE before <stdlib.h> loses its value
 * to glibc, which silently redefines it; it should define FD_SETSIZE after
 * the C library headers (with #undef) or include winsock2.h first.
 */
#ifdef FD_SETSIZE
#pragma push_macro("__FD_SETSIZE")
#undef __FD_SETSIZE
#define __FD_SETSIZE (-1)
#if FD_SETSIZE == -1
#undef FD_SETSIZE
#endif
#pragma pop_macro("__FD_SETSIZE")
#endif
#ifndef FD_SETSIZE
#define FD_SETSIZE 64
#endif

/* glibc's FD_* macros work on its bit masks: replace them. */
#undef FD_SET
#undef FD_CLR
#undef FD_ISSET
#undef FD_ZERO

/* glibc already declared fd_set and select(): see the top of this file. */
#define fd_set ws2posix_fd_set
#define select ws2posix_select

typedef struct fd_set {
    u_int fd_count;
    SOCKET fd_array[FD_SETSIZE];
} fd_set, FD_SET, *PFD_SET, *LPFD_SET;

WINSOCK_API_LINKAGE int WSAAPI __WSAFDIsSet(SOCKET fd, fd_set *set);

/* Remove fd and close the gap, keeping the order of the others. */
#define FD_CLR(fd, set)                                                                            \
    do {                                                                                           \
        fd_set *ws2posix_set_ = (fd_set *)(set);                                                   \
        SOCKET ws2posix_fd_ = (SOCKET)(fd);                                                        \
        u_int ws2posix_i_;                                                                         \
        for (ws2posix_i_ = 0; ws2posix_i_ < ws2posix_set_->fd_count; ws2posix_i_++) {              \
            if (ws2posix_set_->fd_array[ws2posix_i_] == ws2posix_fd_) {                            \
                for (; ws2posix_i_ + 1 < ws2posix_set_->fd_count; ws2posix_i_++)                   \
                    ws2posix_set_->fd_array[ws2posix_i_] =                                         \
                        ws2posix_set_->fd_array[ws2posix_i_ + 1];                                  \
                ws2posix_set_->fd_count--;                                                         \
                break;                                                                             \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Add fd unless it is already there; a full set stays as it is (Windows). */
#define FD_SET(fd, set)                                                                            \
    do {                                                                                           \
        fd_set *ws2posix_set_ = (fd_set *)(set);                                                   \
        SOCKET ws2posix_fd_ = (SOCKET)(fd);                                                        \
        u_int ws2posix_i_;                                                                         \
        for (ws2posix_i_ = 0; ws2posix_i_ < ws2posix_set_->fd_count; ws2posix_i_++) {              \
            if (ws2posix_set_->fd_array[ws2posix_i_] == ws2posix_fd_)                              \
                break;                                                                             \
        }                                                                                          \
        if (ws2posix_i_ == ws2posix_set_->fd_count && ws2posix_set_->fd_count < FD_SETSIZE) {      \
            ws2posix_set_->fd_array[ws2posix_i_] = ws2posix_fd_;                                   \
            ws2posix_set_->fd_count++;                                                             \
        }                                                                                          \
    } while (0)

#define FD_ZERO(set) (((fd_set *)(set))->fd_count = 0)

/* Membership is asked of the library, as on Windows (__WSAFDIsSet is exported). */
#define FD_ISSET(fd, set) __WSAFDIsSet((SOCKET)(fd), (fd_set *)(set))

/*
 * TIMEVAL is glibc's struct timeval: see the top of this file.  (The SDK's
 * fields are 32-bit longs; this one is 16 bytes, and tests/abi leaves it out.)
 */
typedef struct timeval TIMEVAL, *PTIMEVAL, *LPTIMEVAL;

#ifndef timerisset
#define timerisset(tvp) ((tvp)->tv_sec || (tvp)->tv_usec)
#endif
#ifndef timercmp
#define timercmp(tvp, uvp, cmp)                                                                    \
    ((tvp)->tv_sec cmp(uvp)->tv_sec ||                                                             \
     ((tvp)->tv_sec == (uvp)->tv_sec && (tvp)->tv_usec cmp(uvp)->tv_usec))
#endif
#ifndef timerclear
#define timerclear(tvp) ((tvp)->tv_sec = (tvp)->tv_usec = 0)
#endif

/*
 * ioctlsocket commands.  The size is cast to the SDK's 32-bit long, so
 * FIONBIO is 0x8004667e (2147772030), an unsigned 32-bit value as on Windows.
 */
#define _IO(x, y)     (IOC_VOID | ((x) << 8) | (y))
#define _IOR(x, y, t) (IOC_OUT | (((LONG)sizeof(t) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))
#define _IOW(x, y, t) (IOC_IN | (((LONG)sizeof(t) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))

#define FIONREAD   _IOR('f', 127, u_long)
#define FIONBIO    _IOW('f', 126, u_long)
#define FIOASYNC   _IOW('f', 125, u_long)
#define SIOCSHIWAT _IOW('s', 0, u_long)
#define SIOCGHIWAT _IOR('s', 1, u_long)
#define SIOCSLOWAT _IOW('s', 2, u_long)
#define SIOCGLOWAT _IOR('s', 3, u_long)
#define SIOCATMARK _IOR('s', 7, u_long)

/*
 * Database entries (gethostbyname ...).  Windows' h_addrtype and h_length
 * are shorts, and on Win64 servent puts s_proto before s_port.
 */
struct hostent {
    char *h_name;
    char **h_aliases;
    short h_addrtype;
    short h_length;
    char **h_addr_list;
};
#define h_addr h_addr_list[0]

struct netent {
    char *n_name;
    char **n_aliases;
    short n_addrtype;
    u_long n_net;
};

struct servent {
    char *s_name;
    char **s_aliases;
    char *s_proto;
    short s_port;
};

struct protoent {
    char *p_name;
    char **p_aliases;
    short p_proto;
};

struct sockproto {
    u_short sp_family;
    u_short sp_protocol;
};

/* SO_LINGER's argument: two u_shorts on Windows, two ints on Linux. */
struct linger {
    u_short l_onoff;
    u_short l_linger;
};

typedef struct hostent HOSTENT, *PHOSTENT, *LPHOSTENT;
typedef struct servent SERVENT, *PSERVENT, *LPSERVENT;
typedef struct protoent PROTOENT, *PPROTOENT, *LPPROTOENT;
typedef struct linger LINGER, *PLINGER, *LPLINGER;

/* WSAStartup's answer; this is the Win64 field order. */
#define WSADESCRIPTION_LEN 256
#define WSASYS_STATUS_LEN  128

typedef struct WSAData {
    WORD wVersion;
    WORD wHighVersion;
    unsigned short iMaxSockets;
    unsigned short iMaxUdpDg;
    char *lpVendorInfo;
    char szDescription[WSADESCRIPTION_LEN + 1];
    char szSystemStatus[WSASYS_STATUS_LEN + 1];
} WSADATA, *LPWSADATA;

#define FROM_PROTOCOL_INFO (-1)

#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_RDM       4
#define SOCK_SEQPACKET 5

/* Options at level SOL_SOCKET: Windows numbers, translated by the provider. */
#define SO_DEBUG       0x0001
#define SO_ACCEPTCONN  0x0002
#define SO_REUSEADDR   0x0004
#define SO_KEEPALIVE   0x0008
#define SO_DONTROUTE   0x0010
#define SO_BROADCAST   0x0020
#define SO_USELOOPBACK 0x0040
#define SO_LINGER      0x0080
#define SO_OOBINLINE   0x0100

#define SO_DONTLINGER       ((int)(~SO_LINGER))
#define SO_EXCLUSIVEADDRUSE ((int)(~SO_REUSEADDR))

#define SO_SNDBUF   0x1001
#define SO_RCVBUF   0x1002
#define SO_SNDLOWAT 0x1003
#define SO_RCVLOWAT 0x1004
#define SO_SNDTIMEO 0x1005
#define SO_RCVTIMEO 0x1006
#define SO_ERROR    0x1007
#define SO_TYPE     0x1008
/* --- sockopt (issue 10): options of the SDK's ws2def.h --- */
#define SO_BSP_STATE 0x1009
/* --- end sockopt --- */

#define SO_GROUP_ID       0x2001
#define SO_GROUP_PRIORITY 0x2002
#define SO_MAX_MSG_SIZE   0x2003
#define SO_PROTOCOL_INFOA 0x2004
#define SO_PROTOCOL_INFOW 0x2005
#ifdef UNICODE
#define SO_PROTOCOL_INFO SO_PROTOCOL_INFOW
#else
#define SO_PROTOCOL_INFO SO_PROTOCOL_INFOA
#endif

#define PVD_CONFIG            0x3001
#define SO_CONDITIONAL_ACCEPT 0x3002
/* --- sockopt (issue 10): options of the SDK's ws2def.h --- */
#define SO_PAUSE_ACCEPT        0x3003
#define SO_COMPARTMENT_ID      0x3004
#define SO_RANDOMIZE_PORT      0x3005
#define SO_PORT_SCALABILITY    0x3006
#define SO_REUSE_UNICASTPORT   0x3007
#define SO_REUSE_MULTICASTPORT 0x3008
/* --- end sockopt --- */

#define TCP_NODELAY 0x0001

#define PF_UNSPEC    AF_UNSPEC
#define PF_UNIX      AF_UNIX
#define PF_INET      AF_INET
#define PF_IMPLINK   AF_IMPLINK
#define PF_PUP       AF_PUP
#define PF_CHAOS     AF_CHAOS
#define PF_NS        AF_NS
#define PF_IPX       AF_IPX
#define PF_ISO       AF_ISO
#define PF_OSI       AF_OSI
#define PF_ECMA      AF_ECMA
#define PF_DATAKIT   AF_DATAKIT
#define PF_CCITT     AF_CCITT
#define PF_SNA       AF_SNA
#define PF_DECnet    AF_DECnet
#define PF_DLI       AF_DLI
#define PF_LAT       AF_LAT
#define PF_HYLINK    AF_HYLINK
#define PF_APPLETALK AF_APPLETALK
#define PF_VOICEVIEW AF_VOICEVIEW
#define PF_FIREFOX   AF_FIREFOX
#define PF_UNKNOWN1  AF_UNKNOWN1
#define PF_BAN       AF_BAN
#define PF_ATM       AF_ATM
#define PF_INET6     AF_INET6
#define PF_BTH       AF_BTH
#define PF_MAX       AF_MAX

/* listen(): SOMAXCONN asks for the provider's maximum backlog. */
#define SOMAXCONN         0x7fffffff
#define SOMAXCONN_HINT(b) (-(b))

#define MAXGETHOSTSTRUCT 1024

/* Network events for WSAEventSelect / WSAAsyncSelect, and their bits. */
#define FD_READ_BIT                     0
#define FD_READ                         (1 << FD_READ_BIT)
#define FD_WRITE_BIT                    1
#define FD_WRITE                        (1 << FD_WRITE_BIT)
#define FD_OOB_BIT                      2
#define FD_OOB                          (1 << FD_OOB_BIT)
#define FD_ACCEPT_BIT                   3
#define FD_ACCEPT                       (1 << FD_ACCEPT_BIT)
#define FD_CONNECT_BIT                  4
#define FD_CONNECT                      (1 << FD_CONNECT_BIT)
#define FD_CLOSE_BIT                    5
#define FD_CLOSE                        (1 << FD_CLOSE_BIT)
#define FD_QOS_BIT                      6
#define FD_QOS                          (1 << FD_QOS_BIT)
#define FD_GROUP_QOS_BIT                7
#define FD_GROUP_QOS                    (1 << FD_GROUP_QOS_BIT)
#define FD_ROUTING_INTERFACE_CHANGE_BIT 8
#define FD_ROUTING_INTERFACE_CHANGE     (1 << FD_ROUTING_INTERFACE_CHANGE_BIT)
#define FD_ADDRESS_LIST_CHANGE_BIT      9
#define FD_ADDRESS_LIST_CHANGE          (1 << FD_ADDRESS_LIST_CHANGE_BIT)
#define FD_MAX_EVENTS                   10
#define FD_ALL_EVENTS                   ((1 << FD_MAX_EVENTS) - 1)

/* The QoS error codes (WSA_QOS_*) are in winerror.h, with the other Winsock codes. */

/*
 * The resolver's error variable is the thread's last error, as on Windows;
 * the host-error names map onto the WSA codes.
 */
#define h_errno        WSAGetLastError()
#define HOST_NOT_FOUND WSAHOST_NOT_FOUND
#define TRY_AGAIN      WSATRY_AGAIN
#define NO_RECOVERY    WSANO_RECOVERY
#define NO_DATA        WSANO_DATA
#define WSANO_ADDRESS  WSANO_DATA
#define NO_ADDRESS     WSANO_ADDRESS

/* Event objects and overlapped I/O: the kernel's events and OVERLAPPED. */
typedef HANDLE WSAEVENT, *LPWSAEVENT;
typedef struct _OVERLAPPED WSAOVERLAPPED, *LPWSAOVERLAPPED;

#define WSA_IO_PENDING          (ERROR_IO_PENDING)
#define WSA_IO_INCOMPLETE       (ERROR_IO_INCOMPLETE)
#define WSA_INVALID_HANDLE      (ERROR_INVALID_HANDLE)
#define WSA_INVALID_PARAMETER   (ERROR_INVALID_PARAMETER)
#define WSA_NOT_ENOUGH_MEMORY   (ERROR_NOT_ENOUGH_MEMORY)
#define WSA_OPERATION_ABORTED   (ERROR_OPERATION_ABORTED)
#define WSA_INVALID_EVENT       ((WSAEVENT)NULL)
#define WSA_MAXIMUM_WAIT_EVENTS (MAXIMUM_WAIT_OBJECTS)
#define WSA_WAIT_FAILED         (WAIT_FAILED)
#define WSA_WAIT_EVENT_0        (WAIT_OBJECT_0)
#define WSA_WAIT_IO_COMPLETION  (WAIT_IO_COMPLETION)
#define WSA_WAIT_TIMEOUT        (WAIT_TIMEOUT)
#define WSA_INFINITE            (INFINITE)

/* Quality of service (qos.h in the SDK): carried, never enforced. */
typedef ULONG SERVICETYPE;

#define SERVICETYPE_NOTRAFFIC           0x00000000
#define SERVICETYPE_BESTEFFORT          0x00000001
#define SERVICETYPE_CONTROLLEDLOAD      0x00000002
#define SERVICETYPE_GUARANTEED          0x00000003
#define SERVICETYPE_NETWORK_UNAVAILABLE 0x00000004
#define SERVICETYPE_GENERAL_INFORMATION 0x00000005
#define SERVICETYPE_NOCHANGE            0x00000006
#define SERVICETYPE_NONCONFORMING       0x00000009
#define SERVICETYPE_NETWORK_CONTROL     0x0000000A
#define SERVICETYPE_QUALITATIVE         0x0000000D
#define SERVICE_BESTEFFORT              0x80010000
#define SERVICE_CONTROLLEDLOAD          0x80020000
#define SERVICE_GUARANTEED              0x80040000
#define SERVICE_QUALITATIVE             0x80200000
#define SERVICE_NO_TRAFFIC_CONTROL      0x81000000
#define SERVICE_NO_QOS_SIGNALING        0x40000000
#define QOS_NOT_SPECIFIED               0xFFFFFFFF
#define POSITIVE_INFINITY_RATE          0xFFFFFFFE

typedef struct _flowspec {
    ULONG TokenRate;
    ULONG TokenBucketSize;
    ULONG PeakBandwidth;
    ULONG Latency;
    ULONG DelayVariation;
    SERVICETYPE ServiceType;
    ULONG MaxSduSize;
    ULONG MinimumPolicedSize;
} FLOWSPEC, *PFLOWSPEC, *LPFLOWSPEC;

typedef struct _QOS_OBJECT_HDR {
    ULONG ObjectType;
    ULONG ObjectLength;
} QOS_OBJECT_HDR, *LPQOS_OBJECT_HDR;

#define QOS_GENERAL_ID_BASE     2000
#define QOS_OBJECT_END_OF_LIST  (0x00000001 + QOS_GENERAL_ID_BASE)
#define QOS_OBJECT_SD_MODE      (0x00000002 + QOS_GENERAL_ID_BASE)
#define QOS_OBJECT_SHAPING_RATE (0x00000003 + QOS_GENERAL_ID_BASE)
#define QOS_OBJECT_DESTADDR     (0x00000004 + QOS_GENERAL_ID_BASE)

typedef struct _QualityOfService {
    FLOWSPEC SendingFlowspec;
    FLOWSPEC ReceivingFlowspec;
    WSABUF ProviderSpecific;
} QOS, *LPQOS;

/* WSAAccept condition-function results. */
#define CF_ACCEPT 0x0000
#define CF_REJECT 0x0001
#define CF_DEFER  0x0002

/* shutdown() directions. */
#define SD_RECEIVE 0x00
#define SD_SEND    0x01
#define SD_BOTH    0x02

/* Socket groups (reserved by Windows; accepted and ignored). */
typedef unsigned int GROUP;

#define SG_UNCONSTRAINED_GROUP 0x01
#define SG_CONSTRAINED_GROUP   0x02

/* WSAEnumNetworkEvents' answer: lNetworkEvents is the SDK's 32-bit long. */
typedef struct _WSANETWORKEVENTS {
    LONG lNetworkEvents;
    int iErrorCode[FD_MAX_EVENTS];
} WSANETWORKEVENTS, *LPWSANETWORKEVENTS;

/*
 * The protocol catalog.  A chain of length 1 is a base provider, 0 a
 * layered protocol, more than 1 a protocol chain (layered over a base).
 */
#define MAX_PROTOCOL_CHAIN 7
#define BASE_PROTOCOL      1
#define LAYERED_PROTOCOL   0

typedef struct _WSAPROTOCOLCHAIN {
    int ChainLen;
    DWORD ChainEntries[MAX_PROTOCOL_CHAIN];
} WSAPROTOCOLCHAIN, *LPWSAPROTOCOLCHAIN;

#define WSAPROTOCOL_LEN 255

typedef struct _WSAPROTOCOL_INFOA {
    DWORD dwServiceFlags1;
    DWORD dwServiceFlags2;
    DWORD dwServiceFlags3;
    DWORD dwServiceFlags4;
    DWORD dwProviderFlags;
    GUID ProviderId;
    DWORD dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int iVersion;
    int iAddressFamily;
    int iMaxSockAddr;
    int iMinSockAddr;
    int iSocketType;
    int iProtocol;
    int iProtocolMaxOffset;
    int iNetworkByteOrder;
    int iSecurityScheme;
    DWORD dwMessageSize;
    DWORD dwProviderReserved;
    CHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOA, *LPWSAPROTOCOL_INFOA;

typedef struct _WSAPROTOCOL_INFOW {
    DWORD dwServiceFlags1;
    DWORD dwServiceFlags2;
    DWORD dwServiceFlags3;
    DWORD dwServiceFlags4;
    DWORD dwProviderFlags;
    GUID ProviderId;
    DWORD dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int iVersion;
    int iAddressFamily;
    int iMaxSockAddr;
    int iMinSockAddr;
    int iSocketType;
    int iProtocol;
    int iProtocolMaxOffset;
    int iNetworkByteOrder;
    int iSecurityScheme;
    DWORD dwMessageSize;
    DWORD dwProviderReserved;
    WCHAR szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOW, *LPWSAPROTOCOL_INFOW;

#ifdef UNICODE
typedef WSAPROTOCOL_INFOW WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOW LPWSAPROTOCOL_INFO;
#else
typedef WSAPROTOCOL_INFOA WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOA LPWSAPROTOCOL_INFO;
#endif

/* WSAPROTOCOL_INFO.dwProviderFlags */
#define PFL_MULTIPLE_PROTO_ENTRIES  0x00000001
#define PFL_RECOMMENDED_PROTO_ENTRY 0x00000002
#define PFL_HIDDEN                  0x00000004
#define PFL_MATCHES_PROTOCOL_ZERO   0x00000008
#define PFL_NETWORKDIRECT_PROVIDER  0x00000010

/* WSAPROTOCOL_INFO.dwServiceFlags1 */
#define XP1_CONNECTIONLESS           0x00000001
#define XP1_GUARANTEED_DELIVERY      0x00000002
#define XP1_GUARANTEED_ORDER         0x00000004
#define XP1_MESSAGE_ORIENTED         0x00000008
#define XP1_PSEUDO_STREAM            0x00000010
#define XP1_GRACEFUL_CLOSE           0x00000020
#define XP1_EXPEDITED_DATA           0x00000040
#define XP1_CONNECT_DATA             0x00000080
#define XP1_DISCONNECT_DATA          0x00000100
#define XP1_SUPPORT_BROADCAST        0x00000200
#define XP1_SUPPORT_MULTIPOINT       0x00000400
#define XP1_MULTIPOINT_CONTROL_PLANE 0x00000800
#define XP1_MULTIPOINT_DATA_PLANE    0x00001000
#define XP1_QOS_SUPPORTED            0x00002000
#define XP1_INTERRUPT                0x00004000
#define XP1_UNI_SEND                 0x00008000
#define XP1_UNI_RECV                 0x00010000
#define XP1_IFS_HANDLES              0x00020000
#define XP1_PARTIAL_MESSAGE          0x00040000
#define XP1_SAN_SUPPORT_SDP          0x00080000

/* WSAPROTOCOL_INFO.iNetworkByteOrder and iSecurityScheme */
#define BIGENDIAN              0x0000
#define LITTLEENDIAN           0x0001
#define SECURITY_PROTOCOL_NONE 0x0000

/* WSAJoinLeaf roles. */
#define JL_SENDER_ONLY   0x01
#define JL_RECEIVER_ONLY 0x02
#define JL_BOTH          0x04

/* WSASocket flags. */
#define WSA_FLAG_OVERLAPPED             0x01
#define WSA_FLAG_MULTIPOINT_C_ROOT      0x02
#define WSA_FLAG_MULTIPOINT_C_LEAF      0x04
#define WSA_FLAG_MULTIPOINT_D_ROOT      0x08
#define WSA_FLAG_MULTIPOINT_D_LEAF      0x10
#define WSA_FLAG_ACCESS_SYSTEM_SECURITY 0x40
#define WSA_FLAG_NO_HANDLE_INHERIT      0x80
#define WSA_FLAG_REGISTERED_IO          0x100

/* WSAIoctl codes of Winsock itself. */
#define SIO_ASSOCIATE_HANDLE               _WSAIOW(IOC_WS2, 1)
#define SIO_ENABLE_CIRCULAR_QUEUEING       _WSAIO(IOC_WS2, 2)
#define SIO_FIND_ROUTE                     _WSAIOR(IOC_WS2, 3)
#define SIO_FLUSH                          _WSAIO(IOC_WS2, 4)
#define SIO_GET_BROADCAST_ADDRESS          _WSAIOR(IOC_WS2, 5)
#define SIO_GET_EXTENSION_FUNCTION_POINTER _WSAIORW(IOC_WS2, 6)
#define SIO_GET_QOS                        _WSAIORW(IOC_WS2, 7)
#define SIO_GET_GROUP_QOS                  _WSAIORW(IOC_WS2, 8)
#define SIO_MULTIPOINT_LOOPBACK            _WSAIOW(IOC_WS2, 9)
#define SIO_MULTICAST_SCOPE                _WSAIOW(IOC_WS2, 10)
#define SIO_SET_QOS                        _WSAIOW(IOC_WS2, 11)
#define SIO_SET_GROUP_QOS                  _WSAIOW(IOC_WS2, 12)
#define SIO_TRANSLATE_HANDLE               _WSAIORW(IOC_WS2, 13)
#define SIO_ROUTING_INTERFACE_QUERY        _WSAIORW(IOC_WS2, 20)
#define SIO_ROUTING_INTERFACE_CHANGE       _WSAIOW(IOC_WS2, 21)
#define SIO_ADDRESS_LIST_QUERY             _WSAIOR(IOC_WS2, 22)
#define SIO_ADDRESS_LIST_CHANGE            _WSAIO(IOC_WS2, 23)
#define SIO_QUERY_TARGET_PNP_HANDLE        _WSAIOR(IOC_WS2, 24)
#define SIO_NSP_NOTIFY_CHANGE              _WSAIOW(IOC_WS2, 25)
#define SIO_ADDRESS_LIST_SORT              _WSAIORW(IOC_WS2, 25)
#define SIO_RESERVED_1                     _WSAIOW(IOC_WS2, 26)
#define SIO_RESERVED_2                     _WSAIOW(IOC_WS2, 33)

typedef int(CALLBACK *LPCONDITIONPROC)(LPWSABUF lpCallerId, LPWSABUF lpCallerData, LPQOS lpSQOS,
                                       LPQOS lpGQOS, LPWSABUF lpCalleeId, LPWSABUF lpCalleeData,
                                       GROUP *g, DWORD_PTR dwCallbackData);

typedef void(CALLBACK *LPWSAOVERLAPPED_COMPLETION_ROUTINE)(DWORD dwError, DWORD cbTransferred,
                                                           LPWSAOVERLAPPED lpOverlapped,
                                                           DWORD dwFlags);

/* How a name-space ioctl (WSANSPIoctl) reports completion. */
typedef enum _WSACOMPLETIONTYPE {
    NSP_NOTIFY_IMMEDIATELY = 0,
    NSP_NOTIFY_HWND,
    NSP_NOTIFY_EVENT,
    NSP_NOTIFY_PORT,
    NSP_NOTIFY_APC
} WSACOMPLETIONTYPE,
    *PWSACOMPLETIONTYPE, *LPWSACOMPLETIONTYPE;

typedef struct _WSACOMPLETION {
    WSACOMPLETIONTYPE Type;
    union {
        struct {
            HWND hWnd;
            UINT uMsg;
            WPARAM context;
        } WindowMessage;
        struct {
            LPWSAOVERLAPPED lpOverlapped;
        } Event;
        struct {
            LPWSAOVERLAPPED lpOverlapped;
            LPWSAOVERLAPPED_COMPLETION_ROUTINE lpfnCompletionProc;
        } Apc;
        struct {
            LPWSAOVERLAPPED lpOverlapped;
            HANDLE hPort;
            ULONG_PTR Key;
        } Port;
    } Parameters;
} WSACOMPLETION, *PWSACOMPLETION, *LPWSACOMPLETION;

#define TH_NETDEV 0x00000001
#define TH_TAPI   0x00000002

/* Registration and name resolution (RnR): name spaces and service queries. */
#ifndef _tagBLOB_DEFINED
#define _tagBLOB_DEFINED
#define _BLOB_DEFINED
#define _LPBLOB_DEFINED
typedef struct _BLOB {
    ULONG cbSize;
    BYTE *pBlobData;
} BLOB, *LPBLOB;
#endif

#define SERVICE_MULTIPLE 0x00000001

#define NS_ALL         0
#define NS_SAP         1
#define NS_NDS         2
#define NS_PEER_BROWSE 3
#define NS_SLP         5
#define NS_DHCP        6
#define NS_TCPIP_LOCAL 10
#define NS_TCPIP_HOSTS 11
#define NS_DNS         12
#define NS_NETBT       13
#define NS_WINS        14
#define NS_NLA         15
#define NS_BTH         16
#define NS_NBP         20
#define NS_MS          30
#define NS_STDA        31
#define NS_NTDS        32
#define NS_EMAIL       37
#define NS_PNRPNAME    38
#define NS_PNRPCLOUD   39
#define NS_X500        40
#define NS_NIS         41
#define NS_NISPLUS     42
#define NS_WRQ         50
#define NS_NETDES      60

#define RES_UNUSED_1    0x00000001
#define RES_FLUSH_CACHE 0x00000002
#ifndef RES_SERVICE
#define RES_SERVICE 0x00000004
#endif

typedef struct _AFPROTOCOLS {
    INT iAddressFamily;
    INT iProtocol;
} AFPROTOCOLS, *PAFPROTOCOLS, *LPAFPROTOCOLS;

typedef enum _WSAEcomparator {
    COMP_EQUAL = 0,
    COMP_NOTLESS
} WSAECOMPARATOR,
    *PWSAECOMPARATOR, *LPWSAECOMPARATOR;

typedef struct _WSAVersion {
    DWORD dwVersion;
    WSAECOMPARATOR ecHow;
} WSAVERSION, *PWSAVERSION, *LPWSAVERSION;

typedef struct _WSAQuerySetA {
    DWORD dwSize;
    LPSTR lpszServiceInstanceName;
    LPGUID lpServiceClassId;
    LPWSAVERSION lpVersion;
    LPSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSETA, *PWSAQUERYSETA, *LPWSAQUERYSETA;

typedef struct _WSAQuerySetW {
    DWORD dwSize;
    LPWSTR lpszServiceInstanceName;
    LPGUID lpServiceClassId;
    LPWSAVERSION lpVersion;
    LPWSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPWSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPWSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSETW, *PWSAQUERYSETW, *LPWSAQUERYSETW;

/* The Vista form, without lpServiceClassId. */
typedef struct _WSAQUERYSET2A {
    DWORD dwSize;
    LPSTR lpszServiceInstanceName;
    LPWSAVERSION lpVersion;
    LPSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSET2A, *PWSAQUERYSET2A, *LPWSAQUERYSET2A;

typedef struct _WSAQUERYSET2W {
    DWORD dwSize;
    LPWSTR lpszServiceInstanceName;
    LPWSAVERSION lpVersion;
    LPWSTR lpszComment;
    DWORD dwNameSpace;
    LPGUID lpNSProviderId;
    LPWSTR lpszContext;
    DWORD dwNumberOfProtocols;
    LPAFPROTOCOLS lpafpProtocols;
    LPWSTR lpszQueryString;
    DWORD dwNumberOfCsAddrs;
    LPCSADDR_INFO lpcsaBuffer;
    DWORD dwOutputFlags;
    LPBLOB lpBlob;
} WSAQUERYSET2W, *PWSAQUERYSET2W, *LPWSAQUERYSET2W;

#define LUP_DEEP                   0x0001
#define LUP_CONTAINERS             0x0002
#define LUP_NOCONTAINERS           0x0004
#define LUP_NEAREST                0x0008
#define LUP_RETURN_NAME            0x0010
#define LUP_RETURN_TYPE            0x0020
#define LUP_RETURN_VERSION         0x0040
#define LUP_RETURN_COMMENT         0x0080
#define LUP_RETURN_ADDR            0x0100
#define LUP_RETURN_BLOB            0x0200
#define LUP_RETURN_ALIASES         0x0400
#define LUP_RETURN_QUERY_STRING    0x0800
#define LUP_RETURN_ALL             0x0FF0
#define LUP_RES_SERVICE            0x8000
#define LUP_FLUSHCACHE             0x1000
#define LUP_FLUSHPREVIOUS          0x2000
#define LUP_NON_AUTHORITATIVE      0x4000
#define LUP_SECURE                 0x8000
#define LUP_RETURN_PREFERRED_NAMES 0x10000
#define LUP_DNS_ONLY               0x20000
#define LUP_ADDRCONFIG             0x100000
#define LUP_DUAL_ADDR              0x200000
#define LUP_FILESERVER             0x400000
#define LUP_DISABLE_IDN_ENCODING   0x00800000
#define LUP_API_ANSI               0x01000000
#define LUP_RESOLUTION_HANDLE      0x80000000

#define RESULT_IS_ALIAS   0x0001
#define RESULT_IS_ADDED   0x0010
#define RESULT_IS_CHANGED 0x0020
#define RESULT_IS_DELETED 0x0040

typedef enum _WSAESETSERVICEOP {
    RNRSERVICE_REGISTER = 0,
    RNRSERVICE_DEREGISTER,
    RNRSERVICE_DELETE
} WSAESETSERVICEOP,
    *PWSAESETSERVICEOP, *LPWSAESETSERVICEOP;

typedef struct _WSANSClassInfoA {
    LPSTR lpszName;
    DWORD dwNameSpace;
    DWORD dwValueType;
    DWORD dwValueSize;
    LPVOID lpValue;
} WSANSCLASSINFOA, *PWSANSCLASSINFOA, *LPWSANSCLASSINFOA;

typedef struct _WSANSClassInfoW {
    LPWSTR lpszName;
    DWORD dwNameSpace;
    DWORD dwValueType;
    DWORD dwValueSize;
    LPVOID lpValue;
} WSANSCLASSINFOW, *PWSANSCLASSINFOW, *LPWSANSCLASSINFOW;

typedef struct _WSAServiceClassInfoA {
    LPGUID lpServiceClassId;
    LPSTR lpszServiceClassName;
    DWORD dwCount;
    LPWSANSCLASSINFOA lpClassInfos;
} WSASERVICECLASSINFOA, *PWSASERVICECLASSINFOA, *LPWSASERVICECLASSINFOA;

typedef struct _WSAServiceClassInfoW {
    LPGUID lpServiceClassId;
    LPWSTR lpszServiceClassName;
    DWORD dwCount;
    LPWSANSCLASSINFOW lpClassInfos;
} WSASERVICECLASSINFOW, *PWSASERVICECLASSINFOW, *LPWSASERVICECLASSINFOW;

typedef struct _WSANAMESPACE_INFOA {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPSTR lpszIdentifier;
} WSANAMESPACE_INFOA, *PWSANAMESPACE_INFOA, *LPWSANAMESPACE_INFOA;

typedef struct _WSANAMESPACE_INFOW {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPWSTR lpszIdentifier;
} WSANAMESPACE_INFOW, *PWSANAMESPACE_INFOW, *LPWSANAMESPACE_INFOW;

typedef struct _WSANAMESPACE_INFOEXA {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPSTR lpszIdentifier;
    BLOB ProviderSpecific;
} WSANAMESPACE_INFOEXA, *PWSANAMESPACE_INFOEXA, *LPWSANAMESPACE_INFOEXA;

typedef struct _WSANAMESPACE_INFOEXW {
    GUID NSProviderId;
    DWORD dwNameSpace;
    BOOL fActive;
    DWORD dwVersion;
    LPWSTR lpszIdentifier;
    BLOB ProviderSpecific;
} WSANAMESPACE_INFOEXW, *PWSANAMESPACE_INFOEXW, *LPWSANAMESPACE_INFOEXW;

#ifdef UNICODE
typedef WSAQUERYSETW WSAQUERYSET, *PWSAQUERYSET, *LPWSAQUERYSET;
typedef WSAQUERYSET2W WSAQUERYSET2, *PWSAQUERYSET2, *LPWSAQUERYSET2;
typedef WSANSCLASSINFOW WSANSCLASSINFO, *PWSANSCLASSINFO, *LPWSANSCLASSINFO;
typedef WSASERVICECLASSINFOW WSASERVICECLASSINFO, *PWSASERVICECLASSINFO, *LPWSASERVICECLASSINFO;
typedef WSANAMESPACE_INFOW WSANAMESPACE_INFO, *PWSANAMESPACE_INFO, *LPWSANAMESPACE_INFO;
typedef WSANAMESPACE_INFOEXW WSANAMESPACE_INFOEX, *PWSANAMESPACE_INFOEX, *LPWSANAMESPACE_INFOEX;
#else
typedef WSAQUERYSETA WSAQUERYSET, *PWSAQUERYSET, *LPWSAQUERYSET;
typedef WSAQUERYSET2A WSAQUERYSET2, *PWSAQUERYSET2, *LPWSAQUERYSET2;
typedef WSANSCLASSINFOA WSANSCLASSINFO, *PWSANSCLASSINFO, *LPWSANSCLASSINFO;
typedef WSASERVICECLASSINFOA WSASERVICECLASSINFO, *PWSASERVICECLASSINFO, *LPWSASERVICECLASSINFO;
typedef WSANAMESPACE_INFOA WSANAMESPACE_INFO, *PWSANAMESPACE_INFO, *LPWSANAMESPACE_INFO;
typedef WSANAMESPACE_INFOEXA WSANAMESPACE_INFOEX, *PWSANAMESPACE_INFOEX, *LPWSANAMESPACE_INFOEX;
#endif

/* WSAPoll.  Windows' POLL* values are its own: POLLIN is 0x300, not 1. */
#define POLLRDNORM 0x0100
#define POLLRDBAND 0x0200
#define POLLIN     (POLLRDNORM | POLLRDBAND)
#define POLLPRI    0x0400
#define POLLWRNORM 0x0010
#define POLLOUT    (POLLWRNORM)
#define POLLWRBAND 0x0020
#define POLLERR    0x0001
#define POLLHUP    0x0002
#define POLLNVAL   0x0004

typedef struct pollfd {
    SOCKET fd;
    SHORT events;
    SHORT revents;
} WSAPOLLFD, *PWSAPOLLFD, *LPWSAPOLLFD;

/* The blocking hook of Winsock 1.1: an untyped procedure, as in windef.h. */
typedef INT_PTR(WINAPI *FARPROC)();

/*
 * The API.  Functions that libc also defines are bound to ws2_<name>;
 * select is the macro above.  The others keep their Windows names.
 */
WINSOCK_API_LINKAGE SOCKET WSAAPI accept(SOCKET s, struct sockaddr *addr, int *addrlen)
    WS2POSIX_SYMBOL(accept);
WINSOCK_API_LINKAGE int WSAAPI bind(SOCKET s, const struct sockaddr *name, int namelen)
    WS2POSIX_SYMBOL(bind);
WINSOCK_API_LINKAGE int WSAAPI closesocket(SOCKET s);
WINSOCK_API_LINKAGE int WSAAPI connect(SOCKET s, const struct sockaddr *name, int namelen)
    WS2POSIX_SYMBOL(connect);
WINSOCK_API_LINKAGE int WSAAPI ioctlsocket(SOCKET s, LONG cmd, u_long *argp);
/*
 * ioctlsocket through an `unsigned long`, which is u_long on Windows (32
 * bits) but 64 bits here: `unsigned long mode = 1; ioctlsocket(s, FIONBIO,
 * &mode)` is Windows code that must compile (C++ and gcc 14 refuse the
 * pointer conversion).  The value goes through a u_long: read from *argp
 * for a command that takes input (IOC_IN), written back zero-extended for
 * one that gives output (IOC_OUT, as FIONREAD and SIOCATMARK), so the
 * whole unsigned long holds the result.  C++ has it as an overload, C as
 * the macro below, which picks by the pointer's type; `&ioctlsocket` and
 * `(ioctlsocket)(...)` still name the function itself.
 */
WINSOCK_API_LINKAGE int WSAAPI ws2posix_ioctlsocket_ulong(SOCKET s, LONG cmd, unsigned long *argp);
#ifdef __cplusplus
} /* extern "C" */
extern "C++" inline int ioctlsocket(SOCKET s, LONG cmd, unsigned long *argp)
{
    return ws2posix_ioctlsocket_ulong(s, cmd, argp);
}
extern "C" {
#else
#define ioctlsocket(s, cmd, argp)                                                                  \
    _Generic((argp),                                                                               \
        unsigned long *: ws2posix_ioctlsocket_ulong,                                               \
        default: ioctlsocket)(s, cmd, argp)
#endif
WINSOCK_API_LINKAGE int WSAAPI getpeername(SOCKET s, struct sockaddr *name, int *namelen)
    WS2POSIX_SYMBOL(getpeername);
WINSOCK_API_LINKAGE int WSAAPI getsockname(SOCKET s, struct sockaddr *name, int *namelen)
    WS2POSIX_SYMBOL(getsockname);
WINSOCK_API_LINKAGE int WSAAPI getsockopt(SOCKET s, int level, int optname, char *optval,
                                          int *optlen) WS2POSIX_SYMBOL(getsockopt);
WINSOCK_API_LINKAGE u_long WSAAPI htonl(u_long hostlong) WS2POSIX_SYMBOL(htonl);
WINSOCK_API_LINKAGE u_short WSAAPI htons(u_short hostshort) WS2POSIX_SYMBOL(htons);
WINSOCK_API_LINKAGE ULONG WSAAPI inet_addr(const char *cp) WS2POSIX_SYMBOL(inet_addr);
WINSOCK_API_LINKAGE char *WSAAPI inet_ntoa(struct in_addr in) WS2POSIX_SYMBOL(inet_ntoa);
WINSOCK_API_LINKAGE int WSAAPI listen(SOCKET s, int backlog) WS2POSIX_SYMBOL(listen);
WINSOCK_API_LINKAGE u_long WSAAPI ntohl(u_long netlong) WS2POSIX_SYMBOL(ntohl);
WINSOCK_API_LINKAGE u_short WSAAPI ntohs(u_short netshort) WS2POSIX_SYMBOL(ntohs);
WINSOCK_API_LINKAGE int WSAAPI recv(SOCKET s, char *buf, int len, int flags) WS2POSIX_SYMBOL(recv);
WINSOCK_API_LINKAGE int WSAAPI recvfrom(SOCKET s, char *buf, int len, int flags,
                                        struct sockaddr *from, int *fromlen)
    WS2POSIX_SYMBOL(recvfrom);
WINSOCK_API_LINKAGE int WSAAPI select(int nfds, fd_set *readfds, fd_set *writefds,
                                      fd_set *exceptfds, const TIMEVAL *timeout);
WINSOCK_API_LINKAGE int WSAAPI send(SOCKET s, const char *buf, int len, int flags)
    WS2POSIX_SYMBOL(send);
WINSOCK_API_LINKAGE int WSAAPI sendto(SOCKET s, const char *buf, int len, int flags,
                                      const struct sockaddr *to, int tolen) WS2POSIX_SYMBOL(sendto);
WINSOCK_API_LINKAGE int WSAAPI setsockopt(SOCKET s, int level, int optname, const char *optval,
                                          int optlen) WS2POSIX_SYMBOL(setsockopt);
WINSOCK_API_LINKAGE int WSAAPI shutdown(SOCKET s, int how) WS2POSIX_SYMBOL(shutdown);
WINSOCK_API_LINKAGE SOCKET WSAAPI socket(int af, int type, int protocol) WS2POSIX_SYMBOL(socket);

WINSOCK_API_LINKAGE struct hostent *WSAAPI gethostbyaddr(const char *addr, int len, int type)
    WS2POSIX_SYMBOL(gethostbyaddr);
WINSOCK_API_LINKAGE struct hostent *WSAAPI gethostbyname(const char *name)
    WS2POSIX_SYMBOL(gethostbyname);
/*
 * Declared as ws2posix_gethostname, because <unistd.h> may already have
 * declared a gethostname with a size_t length (see ws2posix/api.h).
 */
#define gethostname ws2posix_gethostname
WINSOCK_API_LINKAGE int WSAAPI gethostname(char *name, int namelen) WS2POSIX_SYMBOL(gethostname);
WINSOCK_API_LINKAGE int WSAAPI GetHostNameW(PWSTR name, int namelen);
WINSOCK_API_LINKAGE struct servent *WSAAPI getservbyport(int port, const char *proto)
    WS2POSIX_SYMBOL(getservbyport);
WINSOCK_API_LINKAGE struct servent *WSAAPI getservbyname(const char *name, const char *proto)
    WS2POSIX_SYMBOL(getservbyname);
WINSOCK_API_LINKAGE struct protoent *WSAAPI getprotobynumber(int number)
    WS2POSIX_SYMBOL(getprotobynumber);
WINSOCK_API_LINKAGE struct protoent *WSAAPI getprotobyname(const char *name)
    WS2POSIX_SYMBOL(getprotobyname);

WINSOCK_API_LINKAGE int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData);
WINSOCK_API_LINKAGE int WSAAPI WSACleanup(void);
/* The per-thread slot that GetLastError/SetLastError also use. */
WINSOCK_API_LINKAGE void WSAAPI WSASetLastError(int iError);
WINSOCK_API_LINKAGE int WSAAPI WSAGetLastError(void);

/* Winsock 1.1 blocking hooks: kept for old programs. */
WINSOCK_API_LINKAGE BOOL WSAAPI WSAIsBlocking(void);
WINSOCK_API_LINKAGE int WSAAPI WSAUnhookBlockingHook(void);
WINSOCK_API_LINKAGE FARPROC WSAAPI WSASetBlockingHook(FARPROC lpBlockFunc);
WINSOCK_API_LINKAGE int WSAAPI WSACancelBlockingCall(void);

/* Window-message notification (no windows here; declared for completeness). */
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetServByName(HWND hWnd, u_int wMsg, const char *name,
                                                        const char *proto, char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetServByPort(HWND hWnd, u_int wMsg, int port,
                                                        const char *proto, char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetProtoByName(HWND hWnd, u_int wMsg, const char *name,
                                                         char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetProtoByNumber(HWND hWnd, u_int wMsg, int number,
                                                           char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetHostByName(HWND hWnd, u_int wMsg, const char *name,
                                                        char *buf, int buflen);
WINSOCK_API_LINKAGE HANDLE WSAAPI WSAAsyncGetHostByAddr(HWND hWnd, u_int wMsg, const char *addr,
                                                        int len, int type, char *buf, int buflen);
WINSOCK_API_LINKAGE int WSAAPI WSACancelAsyncRequest(HANDLE hAsyncTaskHandle);
WINSOCK_API_LINKAGE int WSAAPI WSAAsyncSelect(SOCKET s, HWND hWnd, u_int wMsg, LONG lEvent);

WINSOCK_API_LINKAGE SOCKET WSAAPI WSAAccept(SOCKET s, struct sockaddr *addr, LPINT addrlen,
                                            LPCONDITIONPROC lpfnCondition,
                                            DWORD_PTR dwCallbackData);
WINSOCK_API_LINKAGE BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE int WSAAPI WSAConnect(SOCKET s, const struct sockaddr *name, int namelen,
                                          LPWSABUF lpCallerData, LPWSABUF lpCalleeData,
                                          LPQOS lpSQOS, LPQOS lpGQOS);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByList(SOCKET s, PSOCKET_ADDRESS_LIST SocketAddressList,
                                                 LPDWORD LocalAddressLength,
                                                 LPSOCKADDR LocalAddress,
                                                 LPDWORD RemoteAddressLength,
                                                 LPSOCKADDR RemoteAddress, const TIMEVAL *timeout,
                                                 LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByNameA(SOCKET s, LPCSTR nodename, LPCSTR servicename,
                                                  LPDWORD LocalAddressLength,
                                                  LPSOCKADDR LocalAddress,
                                                  LPDWORD RemoteAddressLength,
                                                  LPSOCKADDR RemoteAddress, const TIMEVAL *timeout,
                                                  LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByNameW(SOCKET s, LPWSTR nodename, LPWSTR servicename,
                                                  LPDWORD LocalAddressLength,
                                                  LPSOCKADDR LocalAddress,
                                                  LPDWORD RemoteAddressLength,
                                                  LPSOCKADDR RemoteAddress, const TIMEVAL *timeout,
                                                  LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE WSAEVENT WSAAPI WSACreateEvent(void);
WINSOCK_API_LINKAGE int WSAAPI WSADuplicateSocketA(SOCKET s, DWORD dwProcessId,
                                                   LPWSAPROTOCOL_INFOA lpProtocolInfo);
WINSOCK_API_LINKAGE int WSAAPI WSADuplicateSocketW(SOCKET s, DWORD dwProcessId,
                                                   LPWSAPROTOCOL_INFOW lpProtocolInfo);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject,
                                                    LPWSANETWORKEVENTS lpNetworkEvents);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumProtocolsA(LPINT lpiProtocols,
                                                 LPWSAPROTOCOL_INFOA lpProtocolBuffer,
                                                 LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumProtocolsW(LPINT lpiProtocols,
                                                 LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                                                 LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped,
                                                       LPDWORD lpcbTransfer, BOOL fWait,
                                                       LPDWORD lpdwFlags);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAGetQOSByName(SOCKET s, LPWSABUF lpQOSName, LPQOS lpQOS);
WINSOCK_API_LINKAGE int WSAAPI WSAHtonl(SOCKET s, u_long hostlong, u_long *lpnetlong);
WINSOCK_API_LINKAGE int WSAAPI WSAHtons(SOCKET s, u_short hostshort, u_short *lpnetshort);
WINSOCK_API_LINKAGE int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer,
                                        DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer,
                                        LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
                                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSAJoinLeaf(SOCKET s, const struct sockaddr *name, int namelen,
                                              LPWSABUF lpCallerData, LPWSABUF lpCalleeData,
                                              LPQOS lpSQOS, LPQOS lpGQOS, DWORD dwFlags);
WINSOCK_API_LINKAGE int WSAAPI WSANtohl(SOCKET s, u_long netlong, u_long *lphostlong);
WINSOCK_API_LINKAGE int WSAAPI WSANtohs(SOCKET s, u_short netshort, u_short *lphostshort);
WINSOCK_API_LINKAGE int WSAAPI WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout);
WINSOCK_API_LINKAGE int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                       LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                                       LPWSAOVERLAPPED lpOverlapped,
                                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSARecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData);
WINSOCK_API_LINKAGE int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                           LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                                           struct sockaddr *lpFrom, LPINT lpFromlen,
                                           LPWSAOVERLAPPED lpOverlapped,
                                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                       LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                                       LPWSAOVERLAPPED lpOverlapped,
                                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSASendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData);
WINSOCK_API_LINKAGE int WSAAPI WSASendMsg(SOCKET Handle, LPWSAMSG lpMsg, DWORD dwFlags,
                                          LPDWORD lpNumberOfBytesSent, LPWSAOVERLAPPED lpOverlapped,
                                          LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                         LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                                         const struct sockaddr *lpTo, int iTolen,
                                         LPWSAOVERLAPPED lpOverlapped,
                                         LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE BOOL WSAAPI WSASetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketA(int af, int type, int protocol,
                                             LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g,
                                             DWORD dwFlags);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketW(int af, int type, int protocol,
                                             LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
                                             DWORD dwFlags);
WINSOCK_API_LINKAGE DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT *lphEvents,
                                                          BOOL fWaitAll, DWORD dwTimeout,
                                                          BOOL fAlertable);
WINSOCK_API_LINKAGE INT WSAAPI WSAAddressToStringA(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                                   LPWSAPROTOCOL_INFOA lpProtocolInfo,
                                                   LPSTR lpszAddressString,
                                                   LPDWORD lpdwAddressStringLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAAddressToStringW(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                                   LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                                   LPWSTR lpszAddressString,
                                                   LPDWORD lpdwAddressStringLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAStringToAddressA(LPSTR AddressString, INT AddressFamily,
                                                   LPWSAPROTOCOL_INFOA lpProtocolInfo,
                                                   LPSOCKADDR lpAddress, LPINT lpAddressLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAStringToAddressW(LPWSTR AddressString, INT AddressFamily,
                                                   LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                                   LPSOCKADDR lpAddress, LPINT lpAddressLength);

/* RnR functions. */
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceBeginA(LPWSAQUERYSETA lpqsRestrictions,
                                                      DWORD dwControlFlags, LPHANDLE lphLookup);
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceBeginW(LPWSAQUERYSETW lpqsRestrictions,
                                                      DWORD dwControlFlags, LPHANDLE lphLookup);
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceNextA(HANDLE hLookup, DWORD dwControlFlags,
                                                     LPDWORD lpdwBufferLength,
                                                     LPWSAQUERYSETA lpqsResults);
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceNextW(HANDLE hLookup, DWORD dwControlFlags,
                                                     LPDWORD lpdwBufferLength,
                                                     LPWSAQUERYSETW lpqsResults);
WINSOCK_API_LINKAGE INT WSAAPI WSANSPIoctl(HANDLE hLookup, DWORD dwControlCode, LPVOID lpvInBuffer,
                                           DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer,
                                           LPDWORD lpcbBytesReturned, LPWSACOMPLETION lpCompletion);
WINSOCK_API_LINKAGE INT WSAAPI WSALookupServiceEnd(HANDLE hLookup);
WINSOCK_API_LINKAGE INT WSAAPI WSAInstallServiceClassA(LPWSASERVICECLASSINFOA lpServiceClassInfo);
WINSOCK_API_LINKAGE INT WSAAPI WSAInstallServiceClassW(LPWSASERVICECLASSINFOW lpServiceClassInfo);
WINSOCK_API_LINKAGE INT WSAAPI WSARemoveServiceClass(LPGUID lpServiceClassId);
WINSOCK_API_LINKAGE INT WSAAPI WSAGetServiceClassInfoA(LPGUID lpProviderId, LPGUID lpServiceClassId,
                                                       LPDWORD lpdwBufSize,
                                                       LPWSASERVICECLASSINFOA lpServiceClassInfo);
WINSOCK_API_LINKAGE INT WSAAPI WSAGetServiceClassInfoW(LPGUID lpProviderId, LPGUID lpServiceClassId,
                                                       LPDWORD lpdwBufSize,
                                                       LPWSASERVICECLASSINFOW lpServiceClassInfo);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersA(LPDWORD lpdwBufferLength,
                                                          LPWSANAMESPACE_INFOA lpnspBuffer);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersW(LPDWORD lpdwBufferLength,
                                                          LPWSANAMESPACE_INFOW lpnspBuffer);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersExA(LPDWORD lpdwBufferLength,
                                                            LPWSANAMESPACE_INFOEXA lpnspBuffer);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersExW(LPDWORD lpdwBufferLength,
                                                            LPWSANAMESPACE_INFOEXW lpnspBuffer);
WINSOCK_API_LINKAGE INT WSAAPI WSAGetServiceClassNameByClassIdA(LPGUID lpServiceClassId,
                                                                LPSTR lpszServiceClassName,
                                                                LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAGetServiceClassNameByClassIdW(LPGUID lpServiceClassId,
                                                                LPWSTR lpszServiceClassName,
                                                                LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE INT WSAAPI WSASetServiceA(LPWSAQUERYSETA lpqsRegInfo,
                                              WSAESETSERVICEOP essoperation, DWORD dwControlFlags);
WINSOCK_API_LINKAGE INT WSAAPI WSASetServiceW(LPWSAQUERYSETW lpqsRegInfo,
                                              WSAESETSERVICEOP essoperation, DWORD dwControlFlags);
WINSOCK_API_LINKAGE INT WSAAPI
WSAProviderConfigChange(LPHANDLE lpNotificationHandle, LPWSAOVERLAPPED lpOverlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

#ifdef UNICODE
#define WSADuplicateSocket              WSADuplicateSocketW
#define WSAEnumProtocols                WSAEnumProtocolsW
#define WSAAddressToString              WSAAddressToStringW
#define WSASocket                       WSASocketW
#define WSAStringToAddress              WSAStringToAddressW
#define WSAConnectByName                WSAConnectByNameW
#define WSALookupServiceBegin           WSALookupServiceBeginW
#define WSALookupServiceNext            WSALookupServiceNextW
#define WSAInstallServiceClass          WSAInstallServiceClassW
#define WSAGetServiceClassInfo          WSAGetServiceClassInfoW
#define WSAEnumNameSpaceProviders       WSAEnumNameSpaceProvidersW
#define WSAEnumNameSpaceProvidersEx     WSAEnumNameSpaceProvidersExW
#define WSAGetServiceClassNameByClassId WSAGetServiceClassNameByClassIdW
#define WSASetService                   WSASetServiceW
#else
#define WSADuplicateSocket              WSADuplicateSocketA
#define WSAEnumProtocols                WSAEnumProtocolsA
#define WSAAddressToString              WSAAddressToStringA
#define WSASocket                       WSASocketA
#define WSAStringToAddress              WSAStringToAddressA
#define WSAConnectByName                WSAConnectByNameA
#define WSALookupServiceBegin           WSALookupServiceBeginA
#define WSALookupServiceNext            WSALookupServiceNextA
#define WSAInstallServiceClass          WSAInstallServiceClassA
#define WSAGetServiceClassInfo          WSAGetServiceClassInfoA
#define WSAEnumNameSpaceProviders       WSAEnumNameSpaceProvidersA
#define WSAEnumNameSpaceProvidersEx     WSAEnumNameSpaceProvidersExA
#define WSAGetServiceClassNameByClassId WSAGetServiceClassNameByClassIdA
#define WSASetService                   WSASetServiceA
#endif

/* Packing and unpacking of WSAAsyncSelect / WSAAsyncGetXByY replies. */
#define WSAMAKEASYNCREPLY(buflen, error) MAKELONG(buflen, error)
#define WSAMAKESELECTREPLY(event, error) MAKELONG(event, error)
#define WSAGETASYNCBUFLEN(lParam)        LOWORD(lParam)
#define WSAGETASYNCERROR(lParam)         HIWORD(lParam)
#define WSAGETSELECTEVENT(lParam)        LOWORD(lParam)
#define WSAGETSELECTERROR(lParam)        HIWORD(lParam)

/*
 * Function-pointer types for programs that load ws2_32 dynamically; the SDK
 * offers them when INCL_WINSOCK_API_TYPEDEFS is non-zero.
 */
#if INCL_WINSOCK_API_TYPEDEFS
typedef SOCKET(WSAAPI *LPFN_ACCEPT)(SOCKET s, struct sockaddr *addr, int *addrlen);
typedef int(WSAAPI *LPFN_BIND)(SOCKET s, const struct sockaddr *name, int namelen);
typedef int(WSAAPI *LPFN_CLOSESOCKET)(SOCKET s);
typedef int(WSAAPI *LPFN_CONNECT)(SOCKET s, const struct sockaddr *name, int namelen);
typedef int(WSAAPI *LPFN_IOCTLSOCKET)(SOCKET s, LONG cmd, u_long *argp);
typedef int(WSAAPI *LPFN_GETPEERNAME)(SOCKET s, struct sockaddr *name, int *namelen);
typedef int(WSAAPI *LPFN_GETSOCKNAME)(SOCKET s, struct sockaddr *name, int *namelen);
typedef int(WSAAPI *LPFN_GETSOCKOPT)(SOCKET s, int level, int optname, char *optval, int *optlen);
typedef u_long(WSAAPI *LPFN_HTONL)(u_long hostlong);
typedef u_short(WSAAPI *LPFN_HTONS)(u_short hostshort);
typedef ULONG(WSAAPI *LPFN_INET_ADDR)(const char *cp);
typedef char *(WSAAPI *LPFN_INET_NTOA)(struct in_addr in);
typedef int(WSAAPI *LPFN_LISTEN)(SOCKET s, int backlog);
typedef u_long(WSAAPI *LPFN_NTOHL)(u_long netlong);
typedef u_short(WSAAPI *LPFN_NTOHS)(u_short netshort);
typedef int(WSAAPI *LPFN_RECV)(SOCKET s, char *buf, int len, int flags);
typedef int(WSAAPI *LPFN_RECVFROM)(SOCKET s, char *buf, int len, int flags, struct sockaddr *from,
                                   int *fromlen);
typedef int(WSAAPI *LPFN_SELECT)(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                                 const TIMEVAL *timeout);
typedef int(WSAAPI *LPFN_SEND)(SOCKET s, const char *buf, int len, int flags);
typedef int(WSAAPI *LPFN_SENDTO)(SOCKET s, const char *buf, int len, int flags,
                                 const struct sockaddr *to, int tolen);
typedef int(WSAAPI *LPFN_SETSOCKOPT)(SOCKET s, int level, int optname, const char *optval,
                                     int optlen);
typedef int(WSAAPI *LPFN_SHUTDOWN)(SOCKET s, int how);
typedef SOCKET(WSAAPI *LPFN_SOCKET)(int af, int type, int protocol);
typedef struct hostent *(WSAAPI *LPFN_GETHOSTBYADDR)(const char *addr, int len, int type);
typedef struct hostent *(WSAAPI *LPFN_GETHOSTBYNAME)(const char *name);
typedef int(WSAAPI *LPFN_GETHOSTNAME)(char *name, int namelen);
typedef struct servent *(WSAAPI *LPFN_GETSERVBYPORT)(int port, const char *proto);
typedef struct servent *(WSAAPI *LPFN_GETSERVBYNAME)(const char *name, const char *proto);
typedef struct protoent *(WSAAPI *LPFN_GETPROTOBYNUMBER)(int number);
typedef struct protoent *(WSAAPI *LPFN_GETPROTOBYNAME)(const char *name);
typedef int(WSAAPI *LPFN_WSASTARTUP)(WORD wVersionRequested, LPWSADATA lpWSAData);
typedef int(WSAAPI *LPFN_WSACLEANUP)(void);
typedef void(WSAAPI *LPFN_WSASETLASTERROR)(int iError);
typedef int(WSAAPI *LPFN_WSAGETLASTERROR)(void);
typedef BOOL(WSAAPI *LPFN_WSAISBLOCKING)(void);
typedef int(WSAAPI *LPFN_WSAUNHOOKBLOCKINGHOOK)(void);
typedef FARPROC(WSAAPI *LPFN_WSASETBLOCKINGHOOK)(FARPROC lpBlockFunc);
typedef int(WSAAPI *LPFN_WSACANCELBLOCKINGCALL)(void);
typedef int(WSAAPI *LPFN_WSAASYNCSELECT)(SOCKET s, HWND hWnd, u_int wMsg, LONG lEvent);
typedef SOCKET(WSAAPI *LPFN_WSAACCEPT)(SOCKET s, struct sockaddr *addr, LPINT addrlen,
                                       LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData);
typedef BOOL(WSAAPI *LPFN_WSACLOSEEVENT)(WSAEVENT hEvent);
typedef int(WSAAPI *LPFN_WSACONNECT)(SOCKET s, const struct sockaddr *name, int namelen,
                                     LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS,
                                     LPQOS lpGQOS);
typedef WSAEVENT(WSAAPI *LPFN_WSACREATEEVENT)(void);
typedef int(WSAAPI *LPFN_WSADUPLICATESOCKETA)(SOCKET s, DWORD dwProcessId,
                                              LPWSAPROTOCOL_INFOA lpProtocolInfo);
typedef int(WSAAPI *LPFN_WSADUPLICATESOCKETW)(SOCKET s, DWORD dwProcessId,
                                              LPWSAPROTOCOL_INFOW lpProtocolInfo);
typedef int(WSAAPI *LPFN_WSAENUMNETWORKEVENTS)(SOCKET s, WSAEVENT hEventObject,
                                               LPWSANETWORKEVENTS lpNetworkEvents);
typedef int(WSAAPI *LPFN_WSAENUMPROTOCOLSA)(LPINT lpiProtocols,
                                            LPWSAPROTOCOL_INFOA lpProtocolBuffer,
                                            LPDWORD lpdwBufferLength);
typedef int(WSAAPI *LPFN_WSAENUMPROTOCOLSW)(LPINT lpiProtocols,
                                            LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                                            LPDWORD lpdwBufferLength);
typedef int(WSAAPI *LPFN_WSAEVENTSELECT)(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents);
typedef BOOL(WSAAPI *LPFN_WSAGETOVERLAPPEDRESULT)(SOCKET s, LPWSAOVERLAPPED lpOverlapped,
                                                  LPDWORD lpcbTransfer, BOOL fWait,
                                                  LPDWORD lpdwFlags);
typedef int(WSAAPI *LPFN_WSAHTONL)(SOCKET s, u_long hostlong, u_long *lpnetlong);
typedef int(WSAAPI *LPFN_WSAHTONS)(SOCKET s, u_short hostshort, u_short *lpnetshort);
typedef int(WSAAPI *LPFN_WSAIOCTL)(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer,
                                   DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer,
                                   LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
                                   LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef int(WSAAPI *LPFN_WSANTOHL)(SOCKET s, u_long netlong, u_long *lphostlong);
typedef int(WSAAPI *LPFN_WSANTOHS)(SOCKET s, u_short netshort, u_short *lphostshort);
typedef int(WSAAPI *LPFN_WSARECV)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                  LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                                  LPWSAOVERLAPPED lpOverlapped,
                                  LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef int(WSAAPI *LPFN_WSARECVDISCONNECT)(SOCKET s, LPWSABUF lpInboundDisconnectData);
typedef int(WSAAPI *LPFN_WSARECVFROM)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                      LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                                      struct sockaddr *lpFrom, LPINT lpFromlen,
                                      LPWSAOVERLAPPED lpOverlapped,
                                      LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef BOOL(WSAAPI *LPFN_WSARESETEVENT)(WSAEVENT hEvent);
typedef int(WSAAPI *LPFN_WSASEND)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                  LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                                  LPWSAOVERLAPPED lpOverlapped,
                                  LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef int(WSAAPI *LPFN_WSASENDDISCONNECT)(SOCKET s, LPWSABUF lpOutboundDisconnectData);
typedef int(WSAAPI *LPFN_WSASENDTO)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                    LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                                    const struct sockaddr *lpTo, int iTolen,
                                    LPWSAOVERLAPPED lpOverlapped,
                                    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
typedef BOOL(WSAAPI *LPFN_WSASETEVENT)(WSAEVENT hEvent);
typedef SOCKET(WSAAPI *LPFN_WSASOCKETA)(int af, int type, int protocol,
                                        LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g, DWORD dwFlags);
typedef SOCKET(WSAAPI *LPFN_WSASOCKETW)(int af, int type, int protocol,
                                        LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g, DWORD dwFlags);
typedef DWORD(WSAAPI *LPFN_WSAWAITFORMULTIPLEEVENTS)(DWORD cEvents, const WSAEVENT *lphEvents,
                                                     BOOL fWaitAll, DWORD dwTimeout,
                                                     BOOL fAlertable);
typedef INT(WSAAPI *LPFN_WSAADDRESSTOSTRINGA)(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                              LPWSAPROTOCOL_INFOA lpProtocolInfo,
                                              LPSTR lpszAddressString,
                                              LPDWORD lpdwAddressStringLength);
typedef INT(WSAAPI *LPFN_WSAADDRESSTOSTRINGW)(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                              LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                              LPWSTR lpszAddressString,
                                              LPDWORD lpdwAddressStringLength);
typedef INT(WSAAPI *LPFN_WSASTRINGTOADDRESSA)(LPSTR AddressString, INT AddressFamily,
                                              LPWSAPROTOCOL_INFOA lpProtocolInfo,
                                              LPSOCKADDR lpAddress, LPINT lpAddressLength);
typedef INT(WSAAPI *LPFN_WSASTRINGTOADDRESSW)(LPWSTR AddressString, INT AddressFamily,
                                              LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                              LPSOCKADDR lpAddress, LPINT lpAddressLength);

#ifdef UNICODE
#define LPFN_WSADUPLICATESOCKET LPFN_WSADUPLICATESOCKETW
#define LPFN_WSAENUMPROTOCOLS   LPFN_WSAENUMPROTOCOLSW
#define LPFN_WSASOCKET          LPFN_WSASOCKETW
#define LPFN_WSAADDRESSTOSTRING LPFN_WSAADDRESSTOSTRINGW
#define LPFN_WSASTRINGTOADDRESS LPFN_WSASTRINGTOADDRESSW
#else
#define LPFN_WSADUPLICATESOCKET LPFN_WSADUPLICATESOCKETA
#define LPFN_WSAENUMPROTOCOLS   LPFN_WSAENUMPROTOCOLSA
#define LPFN_WSASOCKET          LPFN_WSASOCKETA
#define LPFN_WSAADDRESSTOSTRING LPFN_WSAADDRESSTOSTRINGA
#define LPFN_WSASTRINGTOADDRESS LPFN_WSASTRINGTOADDRESSA
#endif
#endif /* INCL_WINSOCK_API_TYPEDEFS */

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_WINSOCK2_H */
