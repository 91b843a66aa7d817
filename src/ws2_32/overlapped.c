/* WSAGetOverlappedResult: the provider of the socket reads the OVERLAPPED it completed. */
#include "ws2_32/ws2.h"

BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer,
                                   BOOL fWait, LPDWORD lpdwFlags)
{
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
