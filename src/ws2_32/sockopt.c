/* Options and controls: getsockopt, setsockopt, ioctlsocket, WSAIoctl. */
#include "ws2_32/ws2.h"

#include <mswsock.h>
#include <string.h>

#include "providers/spi_ext.h"
#include "sys/usermem.h"

/*
 * SO_OPENTYPE is the calling thread's, not a socket's: "Once set, all
 * subsequent sockets created will be non-overlapped" in that thread, and it
 * is read and set with any socket argument, INVALID_SOCKET included
 * (observed).  Its lengths are those of the other four-byte SOL_SOCKET
 * options: fewer than four bytes is WSAEFAULT, a negative length is taken
 * as a large one (observed: getsockopt with -1 succeeds and reports 4).
 * socket() asks for it (ws2_opentype): with SO_SYNCHRONOUS_ALERT or
 * SO_SYNCHRONOUS_NONALERT it makes sockets without WSA_FLAG_OVERLAPPED,
 * whose overlapped sends and receives wait for their result.
 */
static _Thread_local int sockopt__opentype;

int ws2_opentype(void)
{
    return sockopt__opentype;
}

static int sockopt__get_opentype(char *optval, int *optlen)
{
    if (!optval || !optlen || !sys_user_writable(optlen, sizeof(*optlen)) ||
        (*optlen >= 0 && *optlen < (int)sizeof(int)) || !sys_user_writable(optval, sizeof(int)))
        return ws2_fail(WSAEFAULT);
    memcpy(optval, &sockopt__opentype, sizeof(int));
    *optlen = sizeof(int);
    WSASetLastError(0);
    return 0;
}

static int sockopt__set_opentype(const char *optval, int optlen)
{
    if (!optval || (optlen >= 0 && optlen < (int)sizeof(int)) ||
        !sys_user_readable(optval, sizeof(int)))
        return ws2_fail(WSAEFAULT);
    memcpy(&sockopt__opentype, optval, sizeof(int));
    WSASetLastError(0);
    return 0;
}

int WSAAPI getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)
{
    if (level == SOL_SOCKET && optname == SO_OPENTYPE)
        return ws2_enter() ? sockopt__get_opentype(optval, optlen) : SOCKET_ERROR;
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPGetSockOpt(s, level, optname, optval, optlen, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)
{
    if (level == SOL_SOCKET && optname == SO_OPENTYPE)
        return ws2_enter() ? sockopt__set_opentype(optval, optlen) : SOCKET_ERROR;
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
