/* Making and closing sockets: socket, WSASocketA/W, closesocket. */
#include <string.h>

#include "ws2_32/catalog.h"
#include "ws2_32/args.h"
#include "ws2_32/ws2.h"

SOCKET WSAAPI WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo,
                         GROUP g, DWORD dwFlags)
{
    if (!ws2_enter())
        return INVALID_SOCKET;
    /* WSASocket.md, WSAEFAULT: "lpProtocolInfo is not in a valid part of the process address
     * space". */
    if (ws2_args_span(lpProtocolInfo, sizeof(*lpProtocolInfo), false)) {
        ws2_fail(WSAEFAULT);
        return INVALID_SOCKET;
    }
    if (lpProtocolInfo) {
        /*
         * An argument left 0 or FROM_PROTOCOL_INFO is the info's; one given
         * wins over it.  The family that results must be a real one: Windows
         * answers WSAEAFNOSUPPORT for (0, 0, IPPROTO_UDP) with an info whose
         * fields are 0 or -1 (Wine's conformance test_WSASocket).
         */
        if (af == FROM_PROTOCOL_INFO || af == 0)
            af = lpProtocolInfo->iAddressFamily;
        if (type == FROM_PROTOCOL_INFO || type == 0)
            type = lpProtocolInfo->iSocketType;
        if (protocol == FROM_PROTOCOL_INFO || protocol == 0)
            protocol = lpProtocolInfo->iProtocol;
        if (af == AF_UNSPEC || af == FROM_PROTOCOL_INFO) {
            ws2_fail(WSAEAFNOSUPPORT);
            return INVALID_SOCKET;
        }
    }
    /*
     * socket.md: WSAEINVAL when af is AF_UNSPEC and the protocol is
     * unspecified.  Windows answers so whatever the type, even one it does
     * not know (AF_UNSPEC, 0xdead, 0); a -1 (FROM_PROTOCOL_INFO) without an
     * info is just an unknown family, type or protocol.
     */
    if (!lpProtocolInfo && af == AF_UNSPEC && protocol == 0) {
        ws2_fail(WSAEINVAL);
        return INVALID_SOCKET;
    }
    int error = 0;
    struct ws2_entry *entry = ws2_catalog_select(af, type, protocol, lpProtocolInfo, &error);
    if (!entry) {
        ws2_fail(error);
        return INVALID_SOCKET;
    }
    /*
     * The caller's info goes down when there is one: a duplicate's fields
     * (WSPDuplicateSocket's dwProviderReserved) are the provider's to read
     * there ("the target process then uses the WSAPROTOCOL_INFO structure
     * in a call to WSPSocket").
     */
    const WSAPROTOCOL_INFOW *info = lpProtocolInfo ? lpProtocolInfo : &entry->info;
    SOCKET s =
        entry->procs.lpWSPSocket(af, type, protocol, (LPWSAPROTOCOL_INFOW)info, g, dwFlags, &error);
    ws2_call_end(entry); /* begun by ws2_catalog_select */
    if (s == INVALID_SOCKET)
        ws2_fail(error);
    return s;
}

/* The A structure differs from the W one only in szProtocol's characters. */
SOCKET WSAAPI WSASocketA(int af, int type, int protocol, LPWSAPROTOCOL_INFOA lpProtocolInfo,
                         GROUP g, DWORD dwFlags)
{
    if (!lpProtocolInfo)
        return WSASocketW(af, type, protocol, NULL, g, dwFlags);
    if (!ws2_enter())
        return INVALID_SOCKET;
    if (ws2_args_span(lpProtocolInfo, sizeof(*lpProtocolInfo), false)) {
        ws2_fail(WSAEFAULT);
        return INVALID_SOCKET;
    }
    WSAPROTOCOL_INFOW wide;
    memcpy(&wide, lpProtocolInfo, offsetof(WSAPROTOCOL_INFOW, szProtocol));
    for (size_t i = 0; i <= WSAPROTOCOL_LEN; i++)
        wide.szProtocol[i] = (WCHAR)(unsigned char)lpProtocolInfo->szProtocol[i];
    return WSASocketW(af, type, protocol, &wide, g, dwFlags);
}

/*
 * Sockets made by socket() are overlapped, as on Windows, unless the
 * thread set SO_OPENTYPE (getsockopt.md: "Once set, all subsequent sockets
 * created will be non-overlapped").
 */
SOCKET WSAAPI socket(int af, int type, int protocol)
{
    return WSASocketW(af, type, protocol, NULL, 0, ws2_opentype() ? 0 : WSA_FLAG_OVERLAPPED);
}

int WSAAPI closesocket(SOCKET s)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPCloseSocket(s, &error);
    return ws2_leave_result(&call, r, error);
}
