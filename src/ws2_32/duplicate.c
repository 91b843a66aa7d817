/*
 * WSADuplicateSocketA/W: a WSAPROTOCOL_INFO from which WSASocket in the
 * target process makes another handle for the same underlying socket
 * (docs: WSADuplicateSocket, Shared Sockets).  The provider does the work
 * (WSPDuplicateSocket); the other half is WSASocket with that info, whose
 * af, type and protocol may each be FROM_PROTOCOL_INFO (socket.c).
 */
#include <limits.h>

#include <string.h>

#include "ws2_32/args.h"
#include "ws2_32/ws2.h"

int WSAAPI WSADuplicateSocketW(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOW lpProtocolInfo)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    /*
     * A process id that can name no process is WSAEINVAL even when the
     * structure is missing too: Windows checks the id first (Wine's
     * conformance test_WSADuplicateSocket: pid 0 with a NULL structure).
     */
    if (!lpProtocolInfo && (dwProcessId == 0 || dwProcessId > INT_MAX)) {
        ws2_leave(&call);
        return ws2_fail(WSAEINVAL);
    }
    /* WSAEFAULT: "The lpProtocolInfo parameter is not a valid part of the user address space." */
    if (!lpProtocolInfo || ws2_args_span(lpProtocolInfo, sizeof(*lpProtocolInfo), true)) {
        ws2_leave(&call);
        return ws2_fail(WSAEFAULT);
    }
    int error = 0;
    int r = call.procs->lpWSPDuplicateSocket(s, dwProcessId, lpProtocolInfo, &error);
    return ws2_leave_result(&call, r, error);
}

/* The A structure differs from the W one only in szProtocol's characters. */
int WSAAPI WSADuplicateSocketA(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOA lpProtocolInfo)
{
    WSAPROTOCOL_INFOW wide;
    /* The A structure is written here, so it is checked here (the W call checks its own). */
    bool usable = lpProtocolInfo && !ws2_args_span(lpProtocolInfo, sizeof(*lpProtocolInfo), true);
    if (WSADuplicateSocketW(s, dwProcessId, usable ? &wide : NULL) == SOCKET_ERROR)
        return SOCKET_ERROR;
    memcpy(lpProtocolInfo, &wide, offsetof(WSAPROTOCOL_INFOW, szProtocol));
    for (size_t i = 0; i <= WSAPROTOCOL_LEN; i++)
        lpProtocolInfo->szProtocol[i] = (CHAR)wide.szProtocol[i];
    return 0;
}
