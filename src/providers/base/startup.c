/*
 * The base provider's entry points: WSPStartup and WSPCleanup with their
 * reference count (spec: LPWSPCleanup.txt), its catalog entries, and
 * WSPSocket.
 */
#include <errno.h>
#include <string.h>

#include "providers/base/base.h"
#include "providers/base/bop.h"
#include "providers/common/unsupported.h"
#include "sys/engine.h"
#include "sys/sys.h"
#include "sys/usermem.h"

WSPUPCALLTABLE base_upcalls;

static pthread_mutex_t startup__lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned startup__count;

/*
 * The provider ids Windows' MSAFD Tcpip entries carry, which programs and
 * "netsh winsock show catalog" listings compare against: one GUID for the
 * IPv4 entries ([TCP/IP], [UDP/IP], [RAW/IP]) and another for the IPv6 ones
 * ([TCP/IPv6], [UDP/IPv6], [RAW/IPv6]), as Windows 10's catalog lists them.
 */
static const GUID base__provider_id = {
    0xe70f1aa0, 0xab8b, 0x11cf, {0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}};
static const GUID base__provider6_id = {
    0xf9eab0c0, 0x26d4, 0x11d0, {0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4}};

/*
 * {A00943D9-9C2E-4633-9B59-0057A3160994}: the AF_UNIX provider's id on
 * Windows 10, which programs look for to tell it from other AF_UNIX
 * providers (OpenJDK chooses its entry by this GUID).
 */
static const GUID base__unix_provider_id = {
    0xa00943d9, 0x9c2e, 0x4633, {0x9b, 0x59, 0x00, 0x57, 0xa3, 0x16, 0x09, 0x94}};

static void startup__set_name(WCHAR *out, const char *name)
{
    size_t i = 0;
    for (; name[i] && i < WSAPROTOCOL_LEN; i++)
        out[i] = (WCHAR)(unsigned char)name[i];
    out[i] = 0;
}

static void startup__protocol(WSAPROTOCOL_INFOW *info, int af, int type, int protocol,
                              const char *name)
{
    memset(info, 0, sizeof(*info));
    if (type == SOCK_STREAM)
        info->dwServiceFlags1 = XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER |
                                XP1_GRACEFUL_CLOSE | XP1_EXPEDITED_DATA | XP1_IFS_HANDLES;
    else
        info->dwServiceFlags1 = XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST |
                                XP1_SUPPORT_MULTIPOINT | XP1_IFS_HANDLES;
    info->dwProviderFlags = PFL_MATCHES_PROTOCOL_ZERO;
    info->ProviderId = af == AF_INET6 ? base__provider6_id : base__provider_id;
    info->ProtocolChain.ChainLen = BASE_PROTOCOL;
    info->iVersion = 2;
    info->iAddressFamily = af;
    info->iMaxSockAddr = af == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    info->iMinSockAddr = info->iMaxSockAddr;
    info->iSocketType = type;
    info->iProtocol = protocol;
    info->iNetworkByteOrder = BIGENDIAN;
    info->iSecurityScheme = SECURITY_PROTOCOL_NONE;
    info->dwMessageSize = type == SOCK_DGRAM ? 65467 : 0;
    startup__set_name(info->szProtocol, name);
}

/*
 * Windows 10's AF_UNIX entry: "AF_UNIX", family 1, SOCK_STREAM, protocol 0,
 * a stream without expedited data, addresses from the family alone (2
 * bytes) to a whole SOCKADDR_UN (110).
 */
static void startup__unix_protocol(WSAPROTOCOL_INFOW *info)
{
    startup__protocol(info, AF_UNIX, SOCK_STREAM, 0, "AF_UNIX");
    info->dwServiceFlags1 =
        XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | XP1_IFS_HANDLES;
    info->ProviderId = base__unix_provider_id;
    info->iMaxSockAddr = base_sockaddr_size(AF_UNIX);
    info->iMinSockAddr = sizeof(ADDRESS_FAMILY);
}

/*
 * Windows' raw entries (Wine's test_WSASocket, run on Windows, reads them
 * from a raw ICMP socket's SO_PROTOCOL_INFO): SOCK_RAW, protocols 0-255
 * (iProtocol 0, iProtocolMaxOffset 255), hidden from WSAEnumProtocols,
 * matching protocol 0, connectionless and message-oriented.
 */
static void startup__raw_protocol(WSAPROTOCOL_INFOW *info, int af, const char *name)
{
    startup__protocol(info, af, SOCK_RAW, 0, name);
    info->dwProviderFlags = PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN;
    info->iProtocolMaxOffset = 255;
    info->dwMessageSize = 65467;
}

/*
 * The built-in entries, in catalog order, with the names Windows gives them
 * ("MSAFD Tcpip [TCP/IP]" and so on).  The first four keep ids 1001-1004
 * (catalog_file.h); the ones after them were added later.
 */
unsigned base_protocols(WSAPROTOCOL_INFOW *out, unsigned max)
{
    if (max < BASE_PROTOCOL_COUNT)
        return 0;
    startup__protocol(&out[0], AF_INET, SOCK_STREAM, IPPROTO_TCP, "MSAFD Tcpip [TCP/IP]");
    startup__protocol(&out[1], AF_INET, SOCK_DGRAM, IPPROTO_UDP, "MSAFD Tcpip [UDP/IP]");
    startup__protocol(&out[2], AF_INET6, SOCK_STREAM, IPPROTO_TCP, "MSAFD Tcpip [TCP/IPv6]");
    startup__protocol(&out[3], AF_INET6, SOCK_DGRAM, IPPROTO_UDP, "MSAFD Tcpip [UDP/IPv6]");
    startup__unix_protocol(&out[4]);
    startup__raw_protocol(&out[5], AF_INET, "MSAFD Tcpip [RAW/IP]");
    startup__raw_protocol(&out[6], AF_INET6, "MSAFD Tcpip [RAW/IPv6]");
    return BASE_PROTOCOL_COUNT;
}

/* Written under startup__lock; read without it by base_engine_ensure's fast path. */
static _Atomic bool startup__engine_running;

/*
 * Every overlapped operation of an unwatched socket asks (overlapped.c), so
 * a running engine is answered without the provider's lock, which all
 * threads would otherwise take in turn.  A final WSPCleanup that stops the
 * engine meanwhile is no different from one that comes right after the
 * locked answer: it marks the socket closing under its lock first, which
 * the operation checks next.
 */
bool base_engine_ensure(void)
{
    if (atomic_load_explicit(&startup__engine_running, memory_order_acquire))
        return true;
    if (!base_lock_started())
        return false;
    if (!atomic_load(&startup__engine_running)) {
        sys_ring_callback(bop_ring_done);
        atomic_store(&startup__engine_running, sys_engine_start(bop_engine_event) == 0);
    }
    bool running = atomic_load(&startup__engine_running);
    pthread_mutex_unlock(&startup__lock);
    return running;
}

bool base_lock_started(void)
{
    pthread_mutex_lock(&startup__lock);
    if (startup__count > 0)
        return true;
    pthread_mutex_unlock(&startup__lock);
    return false;
}

void base_unlock_started(void)
{
    pthread_mutex_unlock(&startup__lock);
}

static int WSPAPI startup__cleanup(LPINT lpErrno)
{
    pthread_mutex_lock(&startup__lock);
    if (startup__count == 0) {
        pthread_mutex_unlock(&startup__lock);
        *lpErrno = WSANOTINITIALISED;
        return SOCKET_ERROR;
    }
    /*
     * Only the final WSPCleanup does the actual cleanup (LPWSPCleanup.txt),
     * and it returns only once the provider's engine thread has been joined.
     */
    if (--startup__count == 0) {
        base_close_all();
        if (atomic_exchange(&startup__engine_running, false))
            sys_engine_stop();
        base_ifwatch_cleanup(); /* the address watch of the overlapped ioctls */
    }
    pthread_mutex_unlock(&startup__lock);
    return 0;
}

static int WSPAPI startup__send_disconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData,
                                           LPINT lpErrno)
{
    /* TCP carries no disconnect data. */
    if (lpOutboundDisconnectData && lpOutboundDisconnectData->len) {
        *lpErrno = WSAEOPNOTSUPP;
        return SOCKET_ERROR;
    }
    return base_WSPShutdown(s, SD_SEND, lpErrno);
}

static int WSPAPI startup__recv_disconnect(SOCKET s, LPWSABUF lpInboundDisconnectData,
                                           LPINT lpErrno)
{
    if (lpInboundDisconnectData)
        lpInboundDisconnectData->len = 0;
    return base_WSPShutdown(s, SD_RECEIVE, lpErrno);
}

/* WSACancelBlockingCall (Winsock 1.1 applications only): see blocking.c. */
static int WSPAPI startup__cancel_blocking_call(LPINT lpErrno)
{
    return base_blocking_cancel(lpErrno);
}

int WSPAPI base_WSPStartup(WORD wVersionRequested, LPWSPDATA lpWSPData,
                           LPWSAPROTOCOL_INFOW lpProtocolInfo, WSPUPCALLTABLE UpcallTable,
                           LPWSPPROC_TABLE lpProcTable)
{
    (void)lpProtocolInfo;
    if (LOBYTE(wVersionRequested) < 2)
        return WSAVERNOTSUPPORTED;
    if (!lpWSPData || !lpProcTable || !sys_user_writable(lpWSPData, sizeof(*lpWSPData)) ||
        !sys_user_writable(lpProcTable, sizeof(*lpProcTable)))
        return WSAEFAULT;
    lpWSPData->wVersion = MAKEWORD(2, 2);
    lpWSPData->wHighVersion = MAKEWORD(2, 2);
    startup__set_name(lpWSPData->szDescription, "ws2posix base provider (Linux TCP/IP)");

    memset(lpProcTable, 0, sizeof(*lpProcTable));
    lpProcTable->lpWSPAccept = base_WSPAccept;
    lpProcTable->lpWSPBind = base_WSPBind;
    lpProcTable->lpWSPCancelBlockingCall = startup__cancel_blocking_call;
    lpProcTable->lpWSPCleanup = startup__cleanup;
    lpProcTable->lpWSPCloseSocket = base_WSPCloseSocket;
    lpProcTable->lpWSPConnect = base_WSPConnect;
    lpProcTable->lpWSPGetPeerName = base_WSPGetPeerName;
    lpProcTable->lpWSPGetSockName = base_WSPGetSockName;
    lpProcTable->lpWSPGetSockOpt = base_WSPGetSockOpt;
    lpProcTable->lpWSPIoctl = base_WSPIoctl;
    lpProcTable->lpWSPListen = base_WSPListen;
    lpProcTable->lpWSPRecv = base_WSPRecv;
    lpProcTable->lpWSPRecvDisconnect = startup__recv_disconnect;
    lpProcTable->lpWSPRecvFrom = base_WSPRecvFrom;
    lpProcTable->lpWSPSelect = base_WSPSelect;
    lpProcTable->lpWSPSend = base_WSPSend;
    lpProcTable->lpWSPSendDisconnect = startup__send_disconnect;
    lpProcTable->lpWSPSendTo = base_WSPSendTo;
    lpProcTable->lpWSPSetSockOpt = base_WSPSetSockOpt;
    lpProcTable->lpWSPShutdown = base_WSPShutdown;
    lpProcTable->lpWSPSocket = base_WSPSocket;
    lpProcTable->lpWSPGetOverlappedResult = base_WSPGetOverlappedResult;
    lpProcTable->lpWSPEventSelect = base_WSPEventSelect;
    lpProcTable->lpWSPEnumNetworkEvents = base_WSPEnumNetworkEvents;
    lpProcTable->lpWSPDuplicateSocket = base_WSPDuplicateSocket;
    /* Not offered yet: WSAAsyncSelect, QOS, multipoint. */
    provider_fill_unsupported(lpProcTable);

    if (sys_retire_prepare() < 0)
        return WSAENOBUFS;
    pthread_mutex_lock(&startup__lock);
    base_upcalls = UpcallTable;
    if (startup__count++ == 0)
        base_final_cleanup_over();
    pthread_mutex_unlock(&startup__lock);
    return 0;
}

/*
 * A socket made without WSA_FLAG_OVERLAPPED is a synchronous file on
 * Windows: its overlapped sends and receives wait for their result
 * (transfer.c).  Recorded once, before the handle is known to anyone else.
 */
static SOCKET startup__flags(SOCKET s, DWORD dwFlags)
{
    if (s == INVALID_SOCKET || (dwFlags & WSA_FLAG_OVERLAPPED))
        return s;
    int err;
    struct bsock *b = bsock_get(s, &err);
    if (b) {
        /* Atomic: transfer.c reads it without the lock. */
        __atomic_store_n(&b->synchronous, true, __ATOMIC_RELAXED);
        bsock_put(b);
    }
    return s;
}

SOCKET WSPAPI base_WSPSocket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo,
                             GROUP g, DWORD dwFlags, LPINT lpErrno)
{
    if (!lpProtocolInfo) {
        *lpErrno = WSAEINVAL;
        return INVALID_SOCKET;
    }
    if (af == AF_UNSPEC || af == FROM_PROTOCOL_INFO)
        af = lpProtocolInfo->iAddressFamily;
    if (type == 0 || type == FROM_PROTOCOL_INFO)
        type = lpProtocolInfo->iSocketType;
    if (protocol == 0 || protocol == FROM_PROTOCOL_INFO)
        protocol = lpProtocolInfo->iProtocol;
    if (af != lpProtocolInfo->iAddressFamily) {
        *lpErrno = WSAEAFNOSUPPORT;
        return INVALID_SOCKET;
    }
    if (type != lpProtocolInfo->iSocketType) {
        *lpErrno = WSAESOCKTNOSUPPORT;
        return INVALID_SOCKET;
    }
    if (protocol < lpProtocolInfo->iProtocol ||
        protocol > lpProtocolInfo->iProtocol + lpProtocolInfo->iProtocolMaxOffset) {
        *lpErrno = WSAEPROTONOSUPPORT;
        return INVALID_SOCKET;
    }
    /* Socket groups are reserved in Winsock 2; only "no group" is accepted. */
    if (g != 0) {
        *lpErrno = WSAEINVAL;
        return INVALID_SOCKET;
    }
    /* An info from WSPDuplicateSocket: a new handle for the shared socket (duplicate.c). */
    if (base_duplicate_is_claim(lpProtocolInfo))
        return base_duplicate_claim(lpProtocolInfo, lpErrno);
    /* The caller's info is not ours to keep: the socket names our lasting copy. */
    const WSAPROTOCOL_INFOW *info = base_protocol_info(lpProtocolInfo);
    if (!info) {
        *lpErrno = WSAENOBUFS;
        return INVALID_SOCKET;
    }
    if (type == SOCK_RAW)
        return startup__flags(base_raw_socket(af, protocol, info, lpErrno), dwFlags);
    int fd = sys_socket(base_family_to_linux(af),
                        type == SOCK_STREAM ? SYS_SOCK_STREAM : SYS_SOCK_DGRAM, protocol);
    if (fd < 0) {
        *lpErrno = base_error(errno);
        return INVALID_SOCKET;
    }
    /* Windows' IPv6 sockets are IPv6-only unless IPV6_V6ONLY is cleared; Linux's are dual. */
    if (af == AF_INET6) {
        int on = 1;
        sys_setsockopt(fd, SYS_IPPROTO_IPV6, SYS_IPV6_V6ONLY, &on, sizeof(on));
    }
    return startup__flags(bsock_create(fd, af, type, protocol, info, NULL, lpErrno), dwFlags);
}
