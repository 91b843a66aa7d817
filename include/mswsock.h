/*
 * ws2posix <mswsock.h>: the Microsoft-specific extensions of Winsock —
 * AcceptEx, ConnectEx, DisconnectEx, GetAcceptExSockaddrs, TransmitFile,
 * WSARecvMsg, WSASendMsg, WSAPoll — as programs reach them: through
 * WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) with one of the WSAID_* GUIDs
 * below, which returns a pointer of the matching LPFN_* type.
 *
 * Four of them are also functions, as mswsock.lib offers them (the same four
 * its import library exports, and no more: ConnectEx, DisconnectEx and
 * TransmitPackets are reached through WSAIoctl only): AcceptEx,
 * GetAcceptExSockaddrs, TransmitFile and WSARecvEx (src/ws2_32/mswsock.c).
 */
#include "ws2posix/api.h"

#ifndef WS2POSIX_MSWSOCK_H
#define WS2POSIX_MSWSOCK_H

#include "winsock2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Options at level SOL_SOCKET that only Microsoft's providers know. */
#define SO_CONNDATA               0x7000
#define SO_CONNOPT                0x7001
#define SO_DISCDATA               0x7002
#define SO_DISCOPT                0x7003
#define SO_CONNDATALEN            0x7004
#define SO_CONNOPTLEN             0x7005
#define SO_DISCDATALEN            0x7006
#define SO_DISCOPTLEN             0x7007
#define SO_OPENTYPE               0x7008
#define SO_SYNCHRONOUS_ALERT      0x10
#define SO_SYNCHRONOUS_NONALERT   0x20
#define SO_MAXDG                  0x7009
#define SO_MAXPATHDG              0x700A
#define SO_UPDATE_ACCEPT_CONTEXT  0x700B
#define SO_CONNECT_TIME           0x700C
#define SO_UPDATE_CONNECT_CONTEXT 0x7010

#define TCP_BSDURGENT 0x7000

#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
/* Windows SDK's value; mingw-w64's mswsock.h lacks it. */
#define SIO_UDP_NETRESET      _WSAIOW(IOC_VENDOR, 15)
#define SIO_BSP_HANDLE        _WSAIOR(IOC_WS2, 27)
#define SIO_BSP_HANDLE_SELECT _WSAIOR(IOC_WS2, 28)
#define SIO_BSP_HANDLE_POLL   _WSAIOR(IOC_WS2, 29)
#define SIO_EXT_SELECT        _WSAIORW(IOC_WS2, 30)
#define SIO_EXT_POLL          _WSAIORW(IOC_WS2, 31)
#define SIO_EXT_SENDMSG       _WSAIORW(IOC_WS2, 32)
#define SIO_BASE_HANDLE       _WSAIOR(IOC_WS2, 34)

/* TransmitFile / TransmitPackets / DisconnectEx flags. */
#define TF_DISCONNECT         0x01
#define TF_REUSE_SOCKET       0x02
#define TF_WRITE_BEHIND       0x04
#define TF_USE_DEFAULT_WORKER 0x00
#define TF_USE_SYSTEM_THREAD  0x10
#define TF_USE_KERNEL_APC     0x20

#define TP_DISCONNECT         TF_DISCONNECT
#define TP_REUSE_SOCKET       TF_REUSE_SOCKET
#define TP_USE_DEFAULT_WORKER TF_USE_DEFAULT_WORKER
#define TP_USE_SYSTEM_THREAD  TF_USE_SYSTEM_THREAD
#define TP_USE_KERNEL_APC     TF_USE_KERNEL_APC

#define DE_REUSE_SOCKET TF_REUSE_SOCKET

typedef struct _TRANSMIT_FILE_BUFFERS {
    LPVOID Head;
    DWORD HeadLength;
    LPVOID Tail;
    DWORD TailLength;
} TRANSMIT_FILE_BUFFERS, *PTRANSMIT_FILE_BUFFERS, *LPTRANSMIT_FILE_BUFFERS;

#define TP_ELEMENT_MEMORY 1
#define TP_ELEMENT_FILE   2
#define TP_ELEMENT_EOP    4

typedef struct _TRANSMIT_PACKETS_ELEMENT {
    ULONG dwElFlags;
    ULONG cLength;
    union {
        struct {
            LARGE_INTEGER nFileOffset;
            HANDLE hFile;
        };
        PVOID pBuffer;
    };
} TRANSMIT_PACKETS_ELEMENT, *PTRANSMIT_PACKETS_ELEMENT, *LPTRANSMIT_PACKETS_ELEMENT;

/*
 * The functions mswsock.lib exports (link with -lmswsock or -lws2_32: both
 * are this library).  AcceptEx and TransmitFile ask the socket's provider
 * for its extension, as WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) does,
 * and call it; a provider without one fails the call with WSAEOPNOTSUPP.
 * WSARecvEx is recv whose flags also report, on a message socket, a message
 * larger than the buffer (MSG_PARTIAL: the buffer holds its start, and for
 * UDP the rest is lost); on a stream socket they come back 0.
 */
WINSOCK_API_LINKAGE int WINAPI WSARecvEx(SOCKET s, char *buf, int len, int *flags);
WINSOCK_API_LINKAGE BOOL WINAPI TransmitFile(SOCKET hSocket, HANDLE hFile,
                                             DWORD nNumberOfBytesToWrite,
                                             DWORD nNumberOfBytesPerSend, LPOVERLAPPED lpOverlapped,
                                             LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers,
                                             DWORD dwReserved);
WINSOCK_API_LINKAGE BOOL WINAPI AcceptEx(SOCKET sListenSocket, SOCKET sAcceptSocket,
                                         PVOID lpOutputBuffer, DWORD dwReceiveDataLength,
                                         DWORD dwLocalAddressLength, DWORD dwRemoteAddressLength,
                                         LPDWORD lpdwBytesReceived, LPOVERLAPPED lpOverlapped);
WINSOCK_API_LINKAGE VOID WINAPI GetAcceptExSockaddrs(
    PVOID lpOutputBuffer, DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
    DWORD dwRemoteAddressLength, struct sockaddr **LocalSockaddr, LPINT LocalSockaddrLength,
    struct sockaddr **RemoteSockaddr, LPINT RemoteSockaddrLength);

/* Extension functions and the GUIDs that name them. */
typedef BOOL(WINAPI *LPFN_TRANSMITFILE)(SOCKET hSocket, HANDLE hFile, DWORD nNumberOfBytesToWrite,
                                        DWORD nNumberOfBytesPerSend, LPOVERLAPPED lpOverlapped,
                                        LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers,
                                        DWORD dwReserved);
#define WSAID_TRANSMITFILE                                                                         \
    {                                                                                              \
        0xb5367df0, 0xcbac, 0x11cf,                                                                \
        {                                                                                          \
            0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92                                         \
        }                                                                                          \
    }

typedef BOOL(WINAPI *LPFN_ACCEPTEX)(SOCKET sListenSocket, SOCKET sAcceptSocket,
                                    PVOID lpOutputBuffer, DWORD dwReceiveDataLength,
                                    DWORD dwLocalAddressLength, DWORD dwRemoteAddressLength,
                                    LPDWORD lpdwBytesReceived, LPOVERLAPPED lpOverlapped);
#define WSAID_ACCEPTEX                                                                             \
    {                                                                                              \
        0xb5367df1, 0xcbac, 0x11cf,                                                                \
        {                                                                                          \
            0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92                                         \
        }                                                                                          \
    }

typedef VOID(WINAPI *LPFN_GETACCEPTEXSOCKADDRS)(
    PVOID lpOutputBuffer, DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
    DWORD dwRemoteAddressLength, struct sockaddr **LocalSockaddr, LPINT LocalSockaddrLength,
    struct sockaddr **RemoteSockaddr, LPINT RemoteSockaddrLength);
#define WSAID_GETACCEPTEXSOCKADDRS                                                                 \
    {                                                                                              \
        0xb5367df2, 0xcbac, 0x11cf,                                                                \
        {                                                                                          \
            0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92                                         \
        }                                                                                          \
    }

typedef BOOL(WINAPI *LPFN_TRANSMITPACKETS)(SOCKET hSocket, LPTRANSMIT_PACKETS_ELEMENT lpPacketArray,
                                           DWORD nElementCount, DWORD nSendSize,
                                           LPOVERLAPPED lpOverlapped, DWORD dwFlags);
#define WSAID_TRANSMITPACKETS                                                                      \
    {                                                                                              \
        0xd9689da0, 0x1f90, 0x11d3,                                                                \
        {                                                                                          \
            0x99, 0x71, 0x00, 0xc0, 0x4f, 0x68, 0xc8, 0x76                                         \
        }                                                                                          \
    }

typedef BOOL(WINAPI *LPFN_CONNECTEX)(SOCKET s, const struct sockaddr *name, int namelen,
                                     PVOID lpSendBuffer, DWORD dwSendDataLength,
                                     LPDWORD lpdwBytesSent, LPOVERLAPPED lpOverlapped);
#define WSAID_CONNECTEX                                                                            \
    {                                                                                              \
        0x25a207b9, 0xddf3, 0x4660,                                                                \
        {                                                                                          \
            0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e                                         \
        }                                                                                          \
    }

typedef BOOL(WINAPI *LPFN_DISCONNECTEX)(SOCKET s, LPOVERLAPPED lpOverlapped, DWORD dwFlags,
                                        DWORD dwReserved);
#define WSAID_DISCONNECTEX                                                                         \
    {                                                                                              \
        0x7fda2e11, 0x8630, 0x436f,                                                                \
        {                                                                                          \
            0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57                                         \
        }                                                                                          \
    }

typedef INT(WINAPI *LPFN_WSARECVMSG)(SOCKET s, LPWSAMSG lpMsg, LPDWORD lpdwNumberOfBytesRecvd,
                                     LPWSAOVERLAPPED lpOverlapped,
                                     LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
#define WSAID_WSARECVMSG                                                                           \
    {                                                                                              \
        0xf689d7c8, 0x6f1f, 0x436b,                                                                \
        {                                                                                          \
            0x8a, 0x53, 0xe5, 0x4f, 0xe3, 0x51, 0xc3, 0x22                                         \
        }                                                                                          \
    }

typedef INT(WSAAPI *LPFN_WSASENDMSG)(SOCKET s, LPWSAMSG lpMsg, DWORD dwFlags,
                                     LPDWORD lpNumberOfBytesSent, LPWSAOVERLAPPED lpOverlapped,
                                     LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
#define WSAID_WSASENDMSG                                                                           \
    {                                                                                              \
        0xa441e712, 0x754f, 0x43ca,                                                                \
        {                                                                                          \
            0x84, 0xa7, 0x0d, 0xee, 0x44, 0xcf, 0x60, 0x6d                                         \
        }                                                                                          \
    }

typedef INT(WSAAPI *LPFN_WSAPOLL)(LPWSAPOLLFD fdarray, ULONG nfds, INT timeout);
#define WSAID_WSAPOLL                                                                              \
    {                                                                                              \
        0x18c76f85, 0xdc66, 0x4964,                                                                \
        {                                                                                          \
            0x97, 0x2e, 0x23, 0xc2, 0x72, 0x38, 0x31, 0x2b                                         \
        }                                                                                          \
    }

/* Arguments of SIO_EXT_SENDMSG and SIO_EXT_POLL. */
typedef struct {
    LPWSAMSG lpMsg;
    DWORD dwFlags;
    LPDWORD lpNumberOfBytesSent;
    LPWSAOVERLAPPED lpOverlapped;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine;
} WSASENDMSG, *LPWSASENDMSG;

typedef struct {
    int result;
    ULONG fds;
    INT timeout;
    WSAPOLLFD fdArray[];
} WSAPOLLDATA, *LPWSAPOLLDATA;

/* Network Location Awareness name space. */
#define NLA_NAMESPACE_GUID                                                                         \
    {                                                                                              \
        0x6642243a, 0x3ba8, 0x4aa6,                                                                \
        {                                                                                          \
            0xba, 0xa5, 0x2e, 0x0b, 0xd7, 0x1f, 0xdd, 0x83                                         \
        }                                                                                          \
    }
#define NLA_SERVICE_CLASS_GUID                                                                     \
    {                                                                                              \
        0x0037e515, 0xb5c9, 0x4a43,                                                                \
        {                                                                                          \
            0xba, 0xda, 0x8b, 0x48, 0xa8, 0x7a, 0xd2, 0x39                                         \
        }                                                                                          \
    }

#define NLA_ALLUSERS_NETWORK 0x00000001
#define NLA_FRIENDLY_NAME    0x00000002

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_MSWSOCK_H */
