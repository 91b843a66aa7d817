/* Data calls: send, recv, sendto, recvfrom and their WSA forms. */
#include "ws2_32/args.h"
#include "ws2_32/ws2.h"

/*
 * What every data call reads or writes besides the data itself, which only
 * Linux touches: the WSABUF array (read), the byte count and flags (written),
 * the OVERLAPPED (written at completion).  A count beyond any array is
 * WSAEINVAL before anything is sized from it; memory the kernel will not
 * let us use is WSAEFAULT, as Windows' probe makes it.  One question to the
 * kernel for all of them (none where they are on the stack or the heap).
 */
static int transfer__check(LPWSABUF buffers, DWORD count, LPDWORD bytes, LPDWORD flags,
                           LPWSAOVERLAPPED overlapped)
{
    if (count > WS2_COUNT_MAX)
        return WSAEINVAL;
    struct sys_user_span spans[] = {
        {buffers, (size_t)count * sizeof(*buffers), false},
        {bytes, sizeof(*bytes), true},
        {flags, sizeof(*flags), true},
        {overlapped, sizeof(*overlapped), true},
    };
    return ws2_args_check(spans, sizeof(spans) / sizeof(spans[0]));
}

/* transfer__check, ending the call with its error when there is one. */
static bool transfer__checked(struct ws2_call *call, LPWSABUF buffers, DWORD count, LPDWORD bytes,
                              LPDWORD flags, LPWSAOVERLAPPED overlapped)
{
    int error = transfer__check(buffers, count, bytes, flags, overlapped);
    if (error) {
        ws2_leave(call);
        ws2_fail(error);
    }
    return error == 0;
}

int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                     DWORD dwFlags, const struct sockaddr *lpTo, int iTolen,
                     LPWSAOVERLAPPED lpOverlapped,
                     LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    if (!transfer__checked(&call, lpBuffers, dwBufferCount, lpNumberOfBytesSent, NULL,
                           lpOverlapped))
        return SOCKET_ERROR;
    int error = ws2_args_name_in(lpTo, iTolen);
    if (error) {
        ws2_leave(&call);
        return ws2_fail(error);
    }
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
    if (!transfer__checked(&call, lpBuffers, dwBufferCount, lpNumberOfBytesSent, NULL,
                           lpOverlapped))
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
    if (!transfer__checked(&call, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags,
                           lpOverlapped))
        return SOCKET_ERROR;
    int error = lpFrom ? ws2_args_name_out(lpFrom, lpFromlen) : 0;
    if (error) {
        ws2_leave(&call);
        return ws2_fail(error);
    }
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
    /*
     * No buffers at all (a count of 0, NULL array or not) is WSAEINVAL on
     * Windows rather than a receive of nothing (Wine's conformance
     * test_empty_recv); one buffer of length 0 is a valid receive.
     */
    if (dwBufferCount == 0) {
        ws2_leave(&call);
        return ws2_fail(WSAEINVAL);
    }
    if (!transfer__checked(&call, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags,
                           lpOverlapped))
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
