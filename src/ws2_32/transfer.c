/* Data calls: send, recv, sendto, recvfrom and their WSA forms. */
#include "ws2_32/ws2.h"

int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                     DWORD dwFlags, const struct sockaddr *lpTo, int iTolen,
                     LPWSAOVERLAPPED lpOverlapped,
                     LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPSendTo(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpTo,
                                    iTolen, lpOverlapped, lpCompletionRoutine, NULL, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                   DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                   LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPSend(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags,
                                  lpOverlapped, lpCompletionRoutine, NULL, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                       LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, struct sockaddr *lpFrom,
                       LPINT lpFromlen, LPWSAOVERLAPPED lpOverlapped,
                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPRecvFrom(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags,
                                      lpFrom, lpFromlen, lpOverlapped, lpCompletionRoutine, NULL,
                                      &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                   LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                   LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPRecv(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags,
                                  lpOverlapped, lpCompletionRoutine, NULL, &error);
    return ws2_leave_result(&call, r, error);
}

/* The one-buffer calls: a negative length is refused before the provider sees it. */
int WSAAPI sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to,
                  int tolen)
{
    if (len < 0) {
        if (!ws2_enter())
            return SOCKET_ERROR;
        return ws2_fail(WSAEINVAL);
    }
    WSABUF b = {(ULONG)len, (char *)buf};
    DWORD sent = 0;
    if (WSASendTo(s, &b, 1, &sent, (DWORD)flags, to, tolen, NULL, NULL) == SOCKET_ERROR)
        return SOCKET_ERROR;
    return (int)sent;
}

int WSAAPI send(SOCKET s, const char *buf, int len, int flags)
{
    if (len < 0) {
        if (!ws2_enter())
            return SOCKET_ERROR;
        return ws2_fail(WSAEINVAL);
    }
    WSABUF b = {(ULONG)len, (char *)buf};
    DWORD sent = 0;
    if (WSASend(s, &b, 1, &sent, (DWORD)flags, NULL, NULL) == SOCKET_ERROR)
        return SOCKET_ERROR;
    return (int)sent;
}

int WSAAPI recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)
{
    if (len < 0) {
        if (!ws2_enter())
            return SOCKET_ERROR;
        return ws2_fail(WSAEINVAL);
    }
    WSABUF b = {(ULONG)len, buf};
    DWORD received = 0, f = (DWORD)flags;
    if (WSARecvFrom(s, &b, 1, &received, &f, from, fromlen, NULL, NULL) == SOCKET_ERROR)
        return SOCKET_ERROR;
    return (int)received;
}

int WSAAPI recv(SOCKET s, char *buf, int len, int flags)
{
    if (len < 0) {
        if (!ws2_enter())
            return SOCKET_ERROR;
        return ws2_fail(WSAEINVAL);
    }
    WSABUF b = {(ULONG)len, buf};
    DWORD received = 0, f = (DWORD)flags;
    if (WSARecv(s, &b, 1, &received, &f, NULL, NULL) == SOCKET_ERROR)
        return SOCKET_ERROR;
    return (int)received;
}
