/*
 * WSAConnectByNameA/W and WSAConnectByList: connect a stream socket to the
 * first address of a name (or of a list) that accepts, within one timeout
 * for the whole call (NULL: no limit).
 *
 * Each attempt is a ConnectEx on the socket, issued through the extension
 * pointer its provider hands out (so layered providers see it), with an
 * event of our own whose low bit is set: the attempt never reaches a
 * completion port the application associated.  An address that refuses or
 * cannot be reached passes to the next; the timeout ends the call with
 * WSAETIMEDOUT (the pending attempt is cancelled); when every address has
 * failed, the call fails with the last attempt's error.  The socket is
 * bound to the wildcard address first if it is not bound (ConnectEx needs
 * it; WSAConnectByName takes an unbound socket), and an AF_INET6 socket
 * whose IPV6_V6ONLY is off reaches IPv4 addresses too, as IPv4-mapped ones
 * ("dual-stack", WSAConnectByName's remarks).
 *
 * Observed on Windows (Wine's conformance tests, run there): a NULL node or
 * service name is WSAEINVAL before the socket is even looked at; a
 * Reserved OVERLAPPED is WSAEINVAL; a datagram socket is refused; address
 * lengths too small for the socket's addresses are WSAEFAULT, and the
 * lengths are left alone; a length with a NULL address is only set, an
 * address with a NULL length is not written; lengths come back as the
 * address's size; the local address comes back with port 0 (its address
 * is getsockname's); an unknown service is WSATYPE_NOT_FOUND.
 */
#include <stdlib.h>
#include <string.h>

#include <mswsock.h>
#include <windows.h>
#include <ws2tcpip.h>

#include "ws2_32/ws2.h"

/* The most addresses one call tries (a name rarely has more than a handful). */
#define CBN_MAX 64

struct cbn_target {
    unsigned count;
    SOCKADDR_STORAGE addr[CBN_MAX];
    int len[CBN_MAX];
};

struct cbn_socket {
    int family; /* AF_INET or AF_INET6 */
    bool dual;  /* AF_INET6 with IPV6_V6ONLY off: IPv4 addresses as mapped ones */
};

static BOOL cbn__fail(int error)
{
    ws2_fail(error);
    return FALSE;
}

/* The socket's family and whether it is a stream socket; 0 or the error to fail with. */
static int cbn__socket(SOCKET s, struct cbn_socket *out)
{
    WSAPROTOCOL_INFOW info;
    int len = sizeof(info);
    if (getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &len) == SOCKET_ERROR)
        return WSAGetLastError();
    /* Observed: a datagram socket is WSAEINVAL (WSAEFAULT on some Windows 10 builds). */
    if (info.iSocketType != SOCK_STREAM)
        return WSAEINVAL;
    out->family = info.iAddressFamily;
    out->dual = false;
    if (out->family == AF_INET6) {
        DWORD v6only = 1;
        len = sizeof(v6only);
        if (getsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v6only, &len) == 0)
            out->dual = v6only == 0;
    }
    return 0;
}

/* Adds an address the socket can reach (mapped if need be); others are left out. */
static void cbn__add(struct cbn_target *t, const struct cbn_socket *sk, const struct sockaddr *a,
                     int len)
{
    if (t->count >= CBN_MAX || !a)
        return;
    SOCKADDR_STORAGE *out = &t->addr[t->count];
    memset(out, 0, sizeof(*out));
    if (a->sa_family == sk->family &&
        len >= (int)(sk->family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN))) {
        int n = sk->family == AF_INET6 ? (int)sizeof(SOCKADDR_IN6) : (int)sizeof(SOCKADDR_IN);
        memcpy(out, a, (size_t)n);
        t->len[t->count++] = n;
        return;
    }
    if (a->sa_family == AF_INET && sk->dual && len >= (int)sizeof(SOCKADDR_IN)) {
        const SOCKADDR_IN *v4 = (const SOCKADDR_IN *)a;
        SOCKADDR_IN6 *v6 = (SOCKADDR_IN6 *)out;
        v6->sin6_family = AF_INET6;
        v6->sin6_port = v4->sin_port;
        v6->sin6_addr.s6_addr[10] = 0xff;
        v6->sin6_addr.s6_addr[11] = 0xff;
        memcpy(&v6->sin6_addr.s6_addr[12], &v4->sin_addr, 4);
        t->len[t->count++] = sizeof(SOCKADDR_IN6);
    }
}

/* Milliseconds left before deadline (GetTickCount64 time), INFINITE for none. */
static DWORD cbn__left(ULONGLONG deadline, bool limited)
{
    if (!limited)
        return INFINITE;
    ULONGLONG now = GetTickCount64();
    return now >= deadline ? 0 : (DWORD)(deadline - now);
}

/* One ConnectEx attempt; 0 once connected, else its error (WSAETIMEDOUT: out of time). */
static int cbn__attempt(SOCKET s, LPFN_CONNECTEX connect_ex, HANDLE event,
                        const SOCKADDR_STORAGE *addr, int len, ULONGLONG deadline, bool limited)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    /* The low bit: no completion packet for the application's port (GetQueuedCompletionStatus). */
    ov.hEvent = (HANDLE)((ULONG_PTR)event | 1);
    DWORD sent = 0;
    if (connect_ex(s, (const struct sockaddr *)addr, len, NULL, 0, &sent, &ov))
        return 0;
    int error = WSAGetLastError();
    if (error != WSA_IO_PENDING)
        return error;
    if (WaitForSingleObject(event, cbn__left(deadline, limited)) == WAIT_TIMEOUT) {
        CancelIoEx((HANDLE)s, &ov);
        WaitForSingleObject(event, INFINITE);
        DWORD flags = 0;
        if (WSAGetOverlappedResult(s, &ov, &sent, FALSE, &flags))
            return 0; /* it connected as the time ran out */
        return WSAETIMEDOUT;
    }
    DWORD flags = 0;
    if (WSAGetOverlappedResult(s, &ov, &sent, FALSE, &flags))
        return 0;
    return WSAGetLastError();
}

/* Binds s to the wildcard address of its family if it is not bound yet. */
static int cbn__bind(SOCKET s, const struct cbn_socket *sk)
{
    SOCKADDR_STORAGE name;
    int len = sizeof(name);
    if (getsockname(s, (struct sockaddr *)&name, &len) == 0)
        return 0;
    memset(&name, 0, sizeof(name));
    name.ss_family = (ADDRESS_FAMILY)sk->family;
    len = sk->family == AF_INET6 ? (int)sizeof(SOCKADDR_IN6) : (int)sizeof(SOCKADDR_IN);
    return bind(s, (struct sockaddr *)&name, len) == 0 ? 0 : WSAGetLastError();
}

/* Writes an address and its length as WSAConnectByName's out parameters do. */
static void cbn__report(LPDWORD length, LPSOCKADDR out, const SOCKADDR_STORAGE *addr, int len)
{
    if (!length)
        return;
    if (out)
        memcpy(out, addr, (size_t)len);
    *length = (DWORD)len;
}

/* The checks of the out parameters: a length too small for the socket's addresses is WSAEFAULT. */
static int cbn__check_out(const struct cbn_socket *sk, LPDWORD local_len, LPSOCKADDR local,
                          LPDWORD remote_len, LPSOCKADDR remote)
{
    DWORD need = sk->family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN);
    if ((local && local_len && *local_len < need) || (remote && remote_len && *remote_len < need))
        return WSAEFAULT;
    return 0;
}

/* Connects s to the first target that accepts; TRUE, or FALSE with the last error set. */
static BOOL cbn__connect(SOCKET s, const struct cbn_socket *sk, const struct cbn_target *t,
                         LPDWORD local_len, LPSOCKADDR local, LPDWORD remote_len, LPSOCKADDR remote,
                         const TIMEVAL *timeout)
{
    bool limited = timeout != NULL;
    ULONGLONG deadline = 0;
    if (limited) {
        if (timeout->tv_sec < 0 || timeout->tv_usec < 0)
            return cbn__fail(WSAEINVAL);
        deadline = GetTickCount64() + (ULONGLONG)timeout->tv_sec * 1000 +
                   (ULONGLONG)timeout->tv_usec / 1000;
    }
    /* No address the socket can reach (none of its family): the host cannot be reached. */
    if (t->count == 0)
        return cbn__fail(WSAEHOSTUNREACH);
    GUID id = WSAID_CONNECTEX;
    LPFN_CONNECTEX connect_ex = NULL;
    DWORD returned = 0;
    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id), &connect_ex,
                 sizeof(connect_ex), &returned, NULL, NULL) == SOCKET_ERROR)
        return FALSE;
    int error = cbn__bind(s, sk);
    if (error)
        return cbn__fail(error);
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!event)
        return cbn__fail(WSA_NOT_ENOUGH_MEMORY);
    for (unsigned i = 0; i < t->count; i++) {
        ResetEvent(event);
        error = cbn__attempt(s, connect_ex, event, &t->addr[i], t->len[i], deadline, limited);
        if (!error || error == WSAETIMEDOUT || error == WSAENOTSOCK || error == WSAEINTR)
            break;
    }
    CloseHandle(event);
    if (error)
        return cbn__fail(error);
    /*
     * WSAConnectByName's remarks: the socket is then "in the default state
     * for a connected socket" until SO_UPDATE_CONNECT_CONTEXT; after a
     * ConnectEx that is what the option completes, so the call sets it.
     */
    setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0);
    SOCKADDR_STORAGE name;
    int len = sizeof(name);
    if (remote_len) {
        if (getpeername(s, (struct sockaddr *)&name, &len) == SOCKET_ERROR)
            return FALSE;
        cbn__report(remote_len, remote, &name, len);
    }
    len = sizeof(name);
    if (local_len) {
        if (getsockname(s, (struct sockaddr *)&name, &len) == SOCKET_ERROR)
            return FALSE;
        /* Observed: the local address comes back with port 0 (getsockname has the port). */
        if (name.ss_family == AF_INET)
            ((SOCKADDR_IN *)&name)->sin_port = 0;
        else
            ((SOCKADDR_IN6 *)&name)->sin6_port = 0;
        cbn__report(local_len, local, &name, len);
    }
    WSASetLastError(0);
    return TRUE;
}

/* cbn__connect with the targets gathered (NULL: out of memory), which it frees. */
static BOOL cbn__finish(SOCKET s, const struct cbn_socket *sk, struct cbn_target *t,
                        LPDWORD local_len, LPSOCKADDR local, LPDWORD remote_len, LPSOCKADDR remote,
                        const TIMEVAL *timeout)
{
    if (!t)
        return cbn__fail(WSA_NOT_ENOUGH_MEMORY);
    BOOL ok = cbn__connect(s, sk, t, local_len, local, remote_len, remote, timeout);
    DWORD error = GetLastError();
    free(t);
    SetLastError(error);
    return ok;
}

/* The checks every form makes before the names are resolved; 0 or the error. */
static int cbn__begin(SOCKET s, LPWSAOVERLAPPED Reserved, struct cbn_socket *sk, LPDWORD local_len,
                      LPSOCKADDR local, LPDWORD remote_len, LPSOCKADDR remote)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return WSAGetLastError();
    ws2_leave(&call);
    /* "Reserved ... must be set to NULL"; observed: WSAEINVAL. */
    if (Reserved)
        return WSAEINVAL;
    int error = cbn__socket(s, sk);
    if (!error)
        error = cbn__check_out(sk, local_len, local, remote_len, remote);
    return error;
}

static const ADDRINFOA *cbn__hints(const struct cbn_socket *sk, ADDRINFOA *hints)
{
    memset(hints, 0, sizeof(*hints));
    hints->ai_family = sk->dual ? AF_UNSPEC : sk->family;
    hints->ai_socktype = SOCK_STREAM;
    hints->ai_protocol = IPPROTO_TCP;
    return hints;
}

BOOL WSAAPI WSAConnectByNameA(SOCKET s, LPCSTR nodename, LPCSTR servicename,
                              LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress,
                              LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
                              const TIMEVAL *timeout, LPWSAOVERLAPPED Reserved)
{
    if (!ws2_enter())
        return FALSE;
    if (!nodename || !servicename)
        return cbn__fail(WSAEINVAL);
    struct cbn_socket sk;
    int error = cbn__begin(s, Reserved, &sk, LocalAddressLength, LocalAddress, RemoteAddressLength,
                           RemoteAddress);
    if (error)
        return cbn__fail(error);
    ADDRINFOA hints, *res = NULL;
    error = getaddrinfo(nodename, servicename, cbn__hints(&sk, &hints), &res);
    if (error)
        return cbn__fail(error);
    struct cbn_target *t = calloc(1, sizeof(*t));
    for (ADDRINFOA *ai = res; t && ai; ai = ai->ai_next)
        cbn__add(t, &sk, ai->ai_addr, (int)ai->ai_addrlen);
    freeaddrinfo(res);
    return cbn__finish(s, &sk, t, LocalAddressLength, LocalAddress, RemoteAddressLength,
                       RemoteAddress, timeout);
}

BOOL WSAAPI WSAConnectByNameW(SOCKET s, LPWSTR nodename, LPWSTR servicename,
                              LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress,
                              LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
                              const TIMEVAL *timeout, LPWSAOVERLAPPED Reserved)
{
    if (!ws2_enter())
        return FALSE;
    if (!nodename || !servicename)
        return cbn__fail(WSAEINVAL);
    struct cbn_socket sk;
    int error = cbn__begin(s, Reserved, &sk, LocalAddressLength, LocalAddress, RemoteAddressLength,
                           RemoteAddress);
    if (error)
        return cbn__fail(error);
    ADDRINFOA narrow;
    ADDRINFOW hints, *res = NULL;
    cbn__hints(&sk, &narrow);
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = narrow.ai_family;
    hints.ai_socktype = narrow.ai_socktype;
    hints.ai_protocol = narrow.ai_protocol;
    error = GetAddrInfoW(nodename, servicename, &hints, &res);
    if (error)
        return cbn__fail(error);
    struct cbn_target *t = calloc(1, sizeof(*t));
    for (ADDRINFOW *ai = res; t && ai; ai = ai->ai_next)
        cbn__add(t, &sk, ai->ai_addr, (int)ai->ai_addrlen);
    FreeAddrInfoW(res);
    return cbn__finish(s, &sk, t, LocalAddressLength, LocalAddress, RemoteAddressLength,
                       RemoteAddress, timeout);
}

BOOL WSAAPI WSAConnectByList(SOCKET s, PSOCKET_ADDRESS_LIST SocketAddressList,
                             LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress,
                             LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
                             const TIMEVAL *timeout, LPWSAOVERLAPPED Reserved)
{
    if (!ws2_enter())
        return FALSE;
    struct cbn_socket sk;
    int error = cbn__begin(s, Reserved, &sk, LocalAddressLength, LocalAddress, RemoteAddressLength,
                           RemoteAddress);
    if (error)
        return cbn__fail(error);
    /* WSAConnectByList's page: WSAEINVAL when "an invalid parameter was passed". */
    if (!SocketAddressList)
        return cbn__fail(WSAEINVAL);
    struct cbn_target *t = calloc(1, sizeof(*t));
    for (INT i = 0; t && i < SocketAddressList->iAddressCount; i++)
        cbn__add(t, &sk, SocketAddressList->Address[i].lpSockaddr,
                 SocketAddressList->Address[i].iSockaddrLength);
    return cbn__finish(s, &sk, t, LocalAddressLength, LocalAddress, RemoteAddressLength,
                       RemoteAddress, timeout);
}
