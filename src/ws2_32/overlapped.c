/* WSAGetOverlappedResult: the provider of the socket reads the OVERLAPPED it completed. */
#include "ws2_32/ws2.h"

BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer,
                                   BOOL fWait, LPDWORD lpdwFlags)
{
    /*
     * Windows' ws2_32 checks the pointers (WSAEFAULT) before it looks the
     * socket up, and dispatches to the socket's provider only while the
     * socket is open: after closesocket the call fails with WSAENOTSOCK
     * even for an operation that has completed ("WSAENOTSOCK: The
     * descriptor is not a socket").  GetOverlappedResult, which needs no
     * socket, reads such an operation.
     */
    if (!ws2_enter())
        return FALSE;
    if (!lpOverlapped || !lpcbTransfer || !lpdwFlags) {
        WSASetLastError(WSAEFAULT);
        return FALSE;
    }
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return FALSE;
    int error = 0;
    BOOL ok = call.procs->lpWSPGetOverlappedResult(s, lpOverlapped, lpcbTransfer, fWait, lpdwFlags,
                                                   &error);
    ws2_leave(&call);
    if (!ok)
        WSASetLastError(error);
    return ok;
}
