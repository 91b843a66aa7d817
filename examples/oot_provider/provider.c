/*
 * An example base service provider built out of tree, from the installed
 * headers alone (pkg-config ws2_32): it proves that ws2spi.h is all a
 * third-party provider needs.  It serves IPv4 TCP sockets on plain Linux
 * descriptors (oot_io.c), creating its socket handles with
 * WPUCreateSocketHandle and finding its descriptor again with
 * WPUQuerySocketHandleContext, as a non-IFS Windows provider does.  Only
 * blocking calls are offered; everything else answers WSAEOPNOTSUPP.
 *
 * Build:   cc -shared -fPIC provider.c oot_io.c $(pkg-config --cflags ws2_32) -o liboot_provider.so
 * Install: ws2catalog install (README, "Catalog and providers"), or
 *          WSCInstallProvider with OOT_PROVIDER_GUID and a TCP/IPv4 entry.
 * Applications choose it with WSASocket and its WSAPROTOCOL_INFO (from
 * WSAEnumProtocols), since the built-in TCP entry comes first in the catalog.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <winsock2.h>
#include <ws2spi.h>

#include "oot_io.h"

#define OOT_MAX_SOCKETS 256

static pthread_mutex_t oot__lock = PTHREAD_MUTEX_INITIALIZER;
static WSPUPCALLTABLE oot__up;
static int oot__starts;
static struct {
    SOCKET handle;
    int fd;
    int used;
} oot__sockets[OOT_MAX_SOCKETS];

static int oot__fail(LPINT lpErrno, int error)
{
    *lpErrno = error;
    return SOCKET_ERROR;
}

/* A Linux errno as a Winsock error. */
static int oot__error(int e)
{
    switch (e) {
    case EAGAIN: return WSAEWOULDBLOCK;
    case ECONNREFUSED: return WSAECONNREFUSED;
    case ECONNRESET: return WSAECONNRESET;
    case EPIPE: return WSAECONNABORTED;
    case EADDRINUSE: return WSAEADDRINUSE;
    case EADDRNOTAVAIL: return WSAEADDRNOTAVAIL;
    case ENOTCONN: return WSAENOTCONN;
    case EISCONN: return WSAEISCONN;
    case EINVAL: return WSAEINVAL;
    case EMFILE: return WSAEMFILE;
    case ENOBUFS:
    case ENOMEM: return WSAENOBUFS;
    case ETIMEDOUT: return WSAETIMEDOUT;
    case EINTR: return WSAEINTR;
    default: return WSAENETDOWN;
    }
}

/* A new socket handle for fd, or INVALID_SOCKET (fd closed). */
static SOCKET oot__adopt(DWORD catalog_id, int fd, LPINT lpErrno)
{
    pthread_mutex_lock(&oot__lock);
    int slot = -1;
    for (int i = 0; i < OOT_MAX_SOCKETS && slot < 0; i++)
        if (!oot__sockets[i].used)
            slot = i;
    if (slot < 0) {
        pthread_mutex_unlock(&oot__lock);
        oot_io_close(fd, 0);
        *lpErrno = WSAEMFILE;
        return INVALID_SOCKET;
    }
    SOCKET s = oot__up.lpWPUCreateSocketHandle(catalog_id, (DWORD_PTR)slot + 1, lpErrno);
    if (s == INVALID_SOCKET) {
        pthread_mutex_unlock(&oot__lock);
        oot_io_close(fd, 0);
        return INVALID_SOCKET;
    }
    oot__sockets[slot].handle = s;
    oot__sockets[slot].fd = fd;
    oot__sockets[slot].used = 1;
    pthread_mutex_unlock(&oot__lock);
    return s;
}

/* The descriptor of a handle of ours, or -1 with *lpErrno set. */
static int oot__fd(SOCKET s, LPINT lpErrno)
{
    DWORD_PTR context = 0;
    if (oot__up.lpWPUQuerySocketHandleContext(s, &context, lpErrno) != 0 || context == 0 ||
        context > OOT_MAX_SOCKETS) {
        *lpErrno = WSAENOTSOCK;
        return -1;
    }
    pthread_mutex_lock(&oot__lock);
    int fd = oot__sockets[context - 1].used ? oot__sockets[context - 1].fd : -1;
    pthread_mutex_unlock(&oot__lock);
    if (fd < 0)
        *lpErrno = WSAENOTSOCK;
    return fd;
}

static DWORD oot__catalog_id;

static SOCKET WSPAPI oot__socket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW info, GROUP g,
                                 DWORD flags, LPINT lpErrno)
{
    (void)protocol;
    (void)g;
    (void)flags;
    if ((af != AF_INET && af != FROM_PROTOCOL_INFO) ||
        (type != SOCK_STREAM && type != FROM_PROTOCOL_INFO)) {
        *lpErrno = WSAESOCKTNOSUPPORT;
        return INVALID_SOCKET;
    }
    int fd = oot_io_socket();
    if (fd < 0) {
        *lpErrno = oot__error(-fd);
        return INVALID_SOCKET;
    }
    return oot__adopt(info ? info->dwCatalogEntryId : oot__catalog_id, fd, lpErrno);
}

static int oot__sockaddr(const struct sockaddr *name, int namelen, uint8_t addr[4], uint16_t *port)
{
    if (!name || namelen < (int)sizeof(SOCKADDR_IN))
        return WSAEFAULT;
    const SOCKADDR_IN *sin = (const SOCKADDR_IN *)name;
    if (sin->sin_family != AF_INET)
        return WSAEAFNOSUPPORT;
    memcpy(addr, &sin->sin_addr, 4);
    *port = ntohs(sin->sin_port);
    return 0;
}

static int WSPAPI oot__bind(SOCKET s, const struct sockaddr *name, int namelen, LPINT lpErrno)
{
    uint8_t addr[4];
    uint16_t port;
    int fd = oot__fd(s, lpErrno), error;
    if (fd < 0)
        return SOCKET_ERROR;
    if ((error = oot__sockaddr(name, namelen, addr, &port)) != 0)
        return oot__fail(lpErrno, error);
    int r = oot_io_bind(fd, addr, port);
    return r < 0 ? oot__fail(lpErrno, oot__error(-r)) : 0;
}

static int WSPAPI oot__listen(SOCKET s, int backlog, LPINT lpErrno)
{
    int fd = oot__fd(s, lpErrno);
    if (fd < 0)
        return SOCKET_ERROR;
    int r = oot_io_listen(fd, backlog);
    return r < 0 ? oot__fail(lpErrno, oot__error(-r)) : 0;
}

static void oot__fill(struct sockaddr *name, LPINT namelen, const uint8_t addr[4], uint16_t port)
{
    if (!name || !namelen || *namelen < (int)sizeof(SOCKADDR_IN))
        return;
    SOCKADDR_IN sin;
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    memcpy(&sin.sin_addr, addr, 4);
    memcpy(name, &sin, sizeof(sin));
    *namelen = sizeof(sin);
}

static SOCKET WSPAPI oot__accept(SOCKET s, struct sockaddr *addr, LPINT addrlen,
                                 LPCONDITIONPROC cond, DWORD_PTR data, LPINT lpErrno)
{
    (void)cond;
    (void)data;
    int fd = oot__fd(s, lpErrno);
    if (fd < 0)
        return INVALID_SOCKET;
    uint8_t peer[4];
    uint16_t port;
    int c = oot_io_accept(fd, peer, &port);
    if (c < 0) {
        *lpErrno = oot__error(-c);
        return INVALID_SOCKET;
    }
    oot__fill(addr, addrlen, peer, port);
    return oot__adopt(oot__catalog_id, c, lpErrno);
}

static int WSPAPI oot__connect(SOCKET s, const struct sockaddr *name, int namelen, LPWSABUF caller,
                               LPWSABUF callee, LPQOS sqos, LPQOS gqos, LPINT lpErrno)
{
    (void)caller;
    (void)callee;
    (void)sqos;
    (void)gqos;
    uint8_t addr[4];
    uint16_t port;
    int fd = oot__fd(s, lpErrno), error;
    if (fd < 0)
        return SOCKET_ERROR;
    if ((error = oot__sockaddr(name, namelen, addr, &port)) != 0)
        return oot__fail(lpErrno, error);
    int r = oot_io_connect(fd, addr, port);
    return r < 0 ? oot__fail(lpErrno, oot__error(-r)) : 0;
}

static int WSPAPI oot__send(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD sent, DWORD flags,
                            LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                            LPWSATHREADID thread, LPINT lpErrno)
{
    (void)flags;
    (void)thread;
    if (ov || routine)
        return oot__fail(lpErrno, WSAEOPNOTSUPP);
    int fd = oot__fd(s, lpErrno);
    if (fd < 0)
        return SOCKET_ERROR;
    DWORD total = 0;
    for (DWORD i = 0; i < count; i++) {
        for (ULONG off = 0; off < bufs[i].len;) {
            long r = oot_io_send(fd, bufs[i].buf + off, bufs[i].len - off);
            if (r < 0)
                return oot__fail(lpErrno, oot__error((int)-r));
            off += (ULONG)r;
            total += (DWORD)r;
        }
    }
    if (sent)
        *sent = total;
    return 0;
}

static int WSPAPI oot__recv(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD got, LPDWORD flags,
                            LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                            LPWSATHREADID thread, LPINT lpErrno)
{
    (void)thread;
    if (ov || routine || count == 0)
        return oot__fail(lpErrno, ov || routine ? WSAEOPNOTSUPP : WSAEINVAL);
    int fd = oot__fd(s, lpErrno);
    if (fd < 0)
        return SOCKET_ERROR;
    long r = oot_io_recv(fd, bufs[0].buf, bufs[0].len);
    if (r < 0)
        return oot__fail(lpErrno, oot__error((int)-r));
    if (got)
        *got = (DWORD)r;
    if (flags)
        *flags = 0;
    return 0;
}

static int WSPAPI oot__name(SOCKET s, struct sockaddr *name, LPINT namelen, int peer, LPINT lpErrno)
{
    int fd = oot__fd(s, lpErrno);
    if (fd < 0)
        return SOCKET_ERROR;
    if (!name || !namelen || *namelen < (int)sizeof(SOCKADDR_IN))
        return oot__fail(lpErrno, WSAEFAULT);
    uint8_t addr[4];
    uint16_t port;
    int r = oot_io_name(fd, peer, addr, &port);
    if (r < 0)
        return oot__fail(lpErrno, oot__error(-r));
    oot__fill(name, namelen, addr, port);
    return 0;
}

static int WSPAPI oot__get_sock_name(SOCKET s, struct sockaddr *name, LPINT namelen, LPINT lpErrno)
{
    return oot__name(s, name, namelen, 0, lpErrno);
}

static int WSPAPI oot__get_peer_name(SOCKET s, struct sockaddr *name, LPINT namelen, LPINT lpErrno)
{
    return oot__name(s, name, namelen, 1, lpErrno);
}

static int WSPAPI oot__shutdown(SOCKET s, int how, LPINT lpErrno)
{
    int fd = oot__fd(s, lpErrno);
    if (fd < 0)
        return SOCKET_ERROR;
    int r = oot_io_shutdown(fd, how);
    return r < 0 ? oot__fail(lpErrno, oot__error(-r)) : 0;
}

/* Releases a slot: its descriptor (with a reset if asked) and its handle. */
static void oot__release(int slot, int reset)
{
    int err;
    oot_io_close(oot__sockets[slot].fd, reset);
    oot__up.lpWPUCloseSocketHandle(oot__sockets[slot].handle, &err);
    oot__sockets[slot].used = 0;
}

static int WSPAPI oot__close_socket(SOCKET s, LPINT lpErrno)
{
    DWORD_PTR context = 0;
    if (oot__up.lpWPUQuerySocketHandleContext(s, &context, lpErrno) != 0 || context == 0 ||
        context > OOT_MAX_SOCKETS)
        return oot__fail(lpErrno, WSAENOTSOCK);
    pthread_mutex_lock(&oot__lock);
    int used = oot__sockets[context - 1].used;
    if (used)
        oot__release((int)context - 1, 0);
    pthread_mutex_unlock(&oot__lock);
    return used ? 0 : oot__fail(lpErrno, WSAENOTSOCK);
}

/*
 * LPWSPCleanup.txt: only the final WSPCleanup does the work — open sockets
 * are reset and freed as if closed.
 */
static int WSPAPI oot__cleanup(LPINT lpErrno)
{
    pthread_mutex_lock(&oot__lock);
    if (oot__starts == 0) {
        pthread_mutex_unlock(&oot__lock);
        return oot__fail(lpErrno, WSANOTINITIALISED);
    }
    if (--oot__starts == 0)
        for (int i = 0; i < OOT_MAX_SOCKETS; i++)
            if (oot__sockets[i].used)
                oot__release(i, 1);
    pthread_mutex_unlock(&oot__lock);
    return 0;
}

/* What this example does not offer: typed stubs, since the table must be complete. */
#define OOT_UNSUPPORTED(ret, name, fail, ...)                                                      \
    static ret WSPAPI name(__VA_ARGS__, LPINT lpErrno)                                             \
    {                                                                                              \
        *lpErrno = WSAEOPNOTSUPP;                                                                  \
        return fail;                                                                               \
    }

OOT_UNSUPPORTED(INT, oot__address_to_string, SOCKET_ERROR, LPSOCKADDR a, DWORD b,
                LPWSAPROTOCOL_INFOW c, LPWSTR d, LPDWORD e)
OOT_UNSUPPORTED(int, oot__async_select, SOCKET_ERROR, SOCKET a, HWND b, unsigned int c, LONG d)
OOT_UNSUPPORTED(int, oot__duplicate_socket, SOCKET_ERROR, SOCKET a, DWORD b, LPWSAPROTOCOL_INFOW c)
OOT_UNSUPPORTED(int, oot__enum_network_events, SOCKET_ERROR, SOCKET a, WSAEVENT b,
                LPWSANETWORKEVENTS c)
OOT_UNSUPPORTED(int, oot__event_select, SOCKET_ERROR, SOCKET a, WSAEVENT b, LONG c)
OOT_UNSUPPORTED(BOOL, oot__get_overlapped_result, FALSE, SOCKET a, LPWSAOVERLAPPED b, LPDWORD c,
                BOOL d, LPDWORD e)
OOT_UNSUPPORTED(int, oot__get_sock_opt, SOCKET_ERROR, SOCKET a, int b, int c, char *d, LPINT e)
OOT_UNSUPPORTED(BOOL, oot__get_qos_by_name, FALSE, SOCKET a, LPWSABUF b, LPQOS c)
OOT_UNSUPPORTED(int, oot__ioctl, SOCKET_ERROR, SOCKET a, DWORD b, LPVOID c, DWORD d, LPVOID e,
                DWORD f, LPDWORD g, LPWSAOVERLAPPED h, LPWSAOVERLAPPED_COMPLETION_ROUTINE i,
                LPWSATHREADID j)
OOT_UNSUPPORTED(SOCKET, oot__join_leaf, INVALID_SOCKET, SOCKET a, const struct sockaddr *b, int c,
                LPWSABUF d, LPWSABUF e, LPQOS f, LPQOS g, DWORD h)
OOT_UNSUPPORTED(int, oot__recv_disconnect, SOCKET_ERROR, SOCKET a, LPWSABUF b)
OOT_UNSUPPORTED(int, oot__recv_from, SOCKET_ERROR, SOCKET a, LPWSABUF b, DWORD c, LPDWORD d,
                LPDWORD e, struct sockaddr *f, LPINT g, LPWSAOVERLAPPED h,
                LPWSAOVERLAPPED_COMPLETION_ROUTINE i, LPWSATHREADID j)
OOT_UNSUPPORTED(int, oot__select, SOCKET_ERROR, int a, fd_set *b, fd_set *c, fd_set *d,
                const TIMEVAL *e)
OOT_UNSUPPORTED(int, oot__send_disconnect, SOCKET_ERROR, SOCKET a, LPWSABUF b)
OOT_UNSUPPORTED(int, oot__send_to, SOCKET_ERROR, SOCKET a, LPWSABUF b, DWORD c, LPDWORD d, DWORD e,
                const struct sockaddr *f, int g, LPWSAOVERLAPPED h,
                LPWSAOVERLAPPED_COMPLETION_ROUTINE i, LPWSATHREADID j)
OOT_UNSUPPORTED(int, oot__set_sock_opt, SOCKET_ERROR, SOCKET a, int b, int c, const char *d, int e)
OOT_UNSUPPORTED(INT, oot__string_to_address, SOCKET_ERROR, LPWSTR a, INT b, LPWSAPROTOCOL_INFOW c,
                LPSOCKADDR d, LPINT e)

static int WSPAPI oot__cancel_blocking_call(LPINT lpErrno)
{
    *lpErrno = WSAEOPNOTSUPP;
    return SOCKET_ERROR;
}

__attribute__((visibility("default"))) int WSPAPI WSPStartup(WORD wVersionRequested,
                                                             LPWSPDATA lpWSPData,
                                                             LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                                             WSPUPCALLTABLE UpcallTable,
                                                             LPWSPPROC_TABLE lpProcTable)
{
    if (LOBYTE(wVersionRequested) < 2)
        return WSAVERNOTSUPPORTED;
    if (!lpWSPData || !lpProtocolInfo || !lpProcTable)
        return WSAEFAULT;
    pthread_mutex_lock(&oot__lock);
    oot__up = UpcallTable;
    oot__catalog_id = lpProtocolInfo->dwCatalogEntryId;
    oot__starts++;
    pthread_mutex_unlock(&oot__lock);
    lpWSPData->wVersion = MAKEWORD(2, 2);
    lpWSPData->wHighVersion = MAKEWORD(2, 2);
    lpWSPData->szDescription[0] = 0;
    WSPPROC_TABLE t = {
        .lpWSPAccept = oot__accept,
        .lpWSPAddressToString = oot__address_to_string,
        .lpWSPAsyncSelect = oot__async_select,
        .lpWSPBind = oot__bind,
        .lpWSPCancelBlockingCall = oot__cancel_blocking_call,
        .lpWSPCleanup = oot__cleanup,
        .lpWSPCloseSocket = oot__close_socket,
        .lpWSPConnect = oot__connect,
        .lpWSPDuplicateSocket = oot__duplicate_socket,
        .lpWSPEnumNetworkEvents = oot__enum_network_events,
        .lpWSPEventSelect = oot__event_select,
        .lpWSPGetOverlappedResult = oot__get_overlapped_result,
        .lpWSPGetPeerName = oot__get_peer_name,
        .lpWSPGetSockName = oot__get_sock_name,
        .lpWSPGetSockOpt = oot__get_sock_opt,
        .lpWSPGetQOSByName = oot__get_qos_by_name,
        .lpWSPIoctl = oot__ioctl,
        .lpWSPJoinLeaf = oot__join_leaf,
        .lpWSPListen = oot__listen,
        .lpWSPRecv = oot__recv,
        .lpWSPRecvDisconnect = oot__recv_disconnect,
        .lpWSPRecvFrom = oot__recv_from,
        .lpWSPSelect = oot__select,
        .lpWSPSend = oot__send,
        .lpWSPSendDisconnect = oot__send_disconnect,
        .lpWSPSendTo = oot__send_to,
        .lpWSPSetSockOpt = oot__set_sock_opt,
        .lpWSPShutdown = oot__shutdown,
        .lpWSPSocket = oot__socket,
        .lpWSPStringToAddress = oot__string_to_address,
    };
    *lpProcTable = t;
    return 0;
}
