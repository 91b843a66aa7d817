/*
 * Connection calls: bind, listen, accept, WSAAccept, connect, WSAConnect,
 * shutdown, getsockname, getpeername.  Each checks what only ws2_32 can,
 * then hands the call to the socket's provider.
 */
#include "ws2_32/args.h"
#include "ws2_32/ws2.h"

/* Ends a call that failed its argument check. */
static int connection__fail(struct ws2_call *call, int error)
{
    ws2_leave(call);
    return ws2_fail(error);
}

int WSAAPI bind(SOCKET s, const struct sockaddr *name, int namelen)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = ws2_args_name_in(name, namelen);
    if (error)
        return connection__fail(&call, error);
    int r = call.procs->lpWSPBind(s, name, namelen, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI listen(SOCKET s, int backlog)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPListen(s, backlog, &error);
    return ws2_leave_result(&call, r, error);
}

SOCKET WSAAPI WSAAccept(SOCKET s, struct sockaddr *addr, LPINT addrlen,
                        LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return INVALID_SOCKET;
    int error = ws2_args_name_out(addr, addrlen);
    if (error) {
        connection__fail(&call, error);
        return INVALID_SOCKET;
    }
    SOCKET r = call.procs->lpWSPAccept(s, addr, addrlen, lpfnCondition, dwCallbackData, &error);
    ws2_leave(&call);
    /* The last error is cleared on success, as ws2_leave_result does. */
    WSASetLastError(r == INVALID_SOCKET ? error : 0);
    return r;
}

SOCKET WSAAPI accept(SOCKET s, struct sockaddr *addr, int *addrlen)
{
    return WSAAccept(s, addr, addrlen, NULL, 0);
}

int WSAAPI WSAConnect(SOCKET s, const struct sockaddr *name, int namelen, LPWSABUF lpCallerData,
                      LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = ws2_args_name_in(name, namelen);
    if (!error)
        error = ws2_args_span(lpCallerData, sizeof(*lpCallerData), false);
    if (!error)
        error = ws2_args_span(lpCalleeData, sizeof(*lpCalleeData), false);
    if (error)
        return connection__fail(&call, error);
    int r = call.procs->lpWSPConnect(s, name, namelen, lpCallerData, lpCalleeData, lpSQOS, lpGQOS,
                                     &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI connect(SOCKET s, const struct sockaddr *name, int namelen)
{
    return WSAConnect(s, name, namelen, NULL, NULL, NULL, NULL);
}

int WSAAPI shutdown(SOCKET s, int how)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPShutdown(s, how, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI WSASendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = ws2_args_span(lpOutboundDisconnectData, sizeof(WSABUF), false);
    if (error)
        return connection__fail(&call, error);
    int r = call.procs->lpWSPSendDisconnect(s, lpOutboundDisconnectData, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI WSARecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = ws2_args_span(lpInboundDisconnectData, sizeof(WSABUF), true);
    if (error)
        return connection__fail(&call, error);
    int r = call.procs->lpWSPRecvDisconnect(s, lpInboundDisconnectData, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI getsockname(SOCKET s, struct sockaddr *name, int *namelen)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = ws2_args_name_out(name, namelen);
    if (error)
        return connection__fail(&call, error);
    int r = call.procs->lpWSPGetSockName(s, name, namelen, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI getpeername(SOCKET s, struct sockaddr *name, int *namelen)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = ws2_args_name_out(name, namelen);
    if (error)
        return connection__fail(&call, error);
    int r = call.procs->lpWSPGetPeerName(s, name, namelen, &error);
    return ws2_leave_result(&call, r, error);
}
