/* Options and controls: getsockopt, setsockopt, ioctlsocket, WSAIoctl. */
#include "ws2_32/ws2.h"

#include "providers/spi_ext.h"

int WSAAPI getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPGetSockOpt(s, level, optname, optval, optlen, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPSetSockOpt(s, level, optname, optval, optlen, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
                    LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned,
                    LPWSAOVERLAPPED lpOverlapped,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    /*
     * WSAPoll's private code (providers/spi_ext.h) carries pointers ws2_32
     * makes itself; from an application it is an unknown code, as on
     * Windows, and its buffer is never read: the provider is handed one it
     * does not know, and answers as Windows does (WSAEOPNOTSUPP, or a
     * pending operation that completes with STATUS_NOT_SUPPORTED).
     */
    if (dwIoControlCode == SIO_WS2POSIX_POLL)
        dwIoControlCode = SIO_WS2POSIX_UNKNOWN;
    int error = 0;
    int r = call.procs->lpWSPIoctl(s, dwIoControlCode, lpvInBuffer, cbInBuffer, lpvOutBuffer,
                                   cbOutBuffer, lpcbBytesReturned, lpOverlapped,
                                   lpCompletionRoutine, NULL, &error);
    return ws2_leave_result(&call, r, error);
}

/*
 * ioctlsocket's argument is both input (FIONBIO) and output (FIONREAD, SIOCATMARK).  The name is
 * in parentheses because C code sees ioctlsocket as a macro too (winsock2.h).
 */
int WSAAPI(ioctlsocket)(SOCKET s, LONG cmd, u_long *argp)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    if (!argp) {
        ws2_leave(&call);
        return ws2_fail(WSAEFAULT);
    }
    int error = 0;
    DWORD returned = 0;
    int r = call.procs->lpWSPIoctl(s, (DWORD)cmd, argp, sizeof(*argp), argp, sizeof(*argp),
                                   &returned, NULL, NULL, NULL, &error);
    return ws2_leave_result(&call, r, error);
}
