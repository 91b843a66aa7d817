/*
 * The functions mswsock.lib exports, for programs that call them by name
 * instead of through WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER): AcceptEx,
 * GetAcceptExSockaddrs, TransmitFile and WSARecvEx.  mingw-w64's
 * libmswsock.a exports these four of the extensions and no other (ConnectEx,
 * DisconnectEx and TransmitPackets exist only as extension pointers).
 *
 * Microsoft's documentation warns that the mswsock.lib AcceptEx suits only
 * sockets of Microsoft's own provider ("the function pointer obtained for a
 * socket may differ"); ours is more forgiving: AcceptEx and TransmitFile ask
 * the socket's own provider (through the SPI, as WSAIoctl would) for its
 * extension and call it, so that they work for every socket, layered
 * providers included, and behave exactly as the pointer a program fetches.
 */
#include <mswsock.h>

#include "providers/base/base.h"
#include "ws2_32/args.h"
#include "ws2_32/ws2.h"

/*
 * The extension id of socket s's provider, or NULL with the last error set:
 * the checks of every call (WSANOTINITIALISED, WSAENOTSOCK), then the
 * provider's answer to SIO_GET_EXTENSION_FUNCTION_POINTER.  A provider that
 * does not know the GUID (WSAEINVAL, an unknown ioctl argument) does not
 * offer the operation: WSAEOPNOTSUPP.
 */
static void *mswsock__extension(SOCKET s, GUID id)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return NULL;
    void *fn = NULL;
    DWORD returned = 0;
    int error = 0;
    int r = call.procs->lpWSPIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id), &fn,
                                   sizeof(fn), &returned, NULL, NULL, NULL, &error);
    ws2_leave(&call);
    if (r == SOCKET_ERROR || !fn) {
        ws2_fail(r == SOCKET_ERROR && error != WSAEINVAL ? error : WSAEOPNOTSUPP);
        return NULL;
    }
    return fn;
}

BOOL WINAPI AcceptEx(SOCKET sListenSocket, SOCKET sAcceptSocket, PVOID lpOutputBuffer,
                     DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
                     DWORD dwRemoteAddressLength, LPDWORD lpdwBytesReceived,
                     LPOVERLAPPED lpOverlapped)
{
    LPFN_ACCEPTEX fn = (LPFN_ACCEPTEX)mswsock__extension(sListenSocket, (GUID)WSAID_ACCEPTEX);
    if (!fn)
        return FALSE;
    return fn(sListenSocket, sAcceptSocket, lpOutputBuffer, dwReceiveDataLength,
              dwLocalAddressLength, dwRemoteAddressLength, lpdwBytesReceived, lpOverlapped);
}

/*
 * TransmitFile is the provider's: the base provider's (providers/base/
 * transmit.c) for TCP, and WSAEOPNOTSUPP from a provider that offers none.
 */
BOOL WINAPI TransmitFile(SOCKET hSocket, HANDLE hFile, DWORD nNumberOfBytesToWrite,
                         DWORD nNumberOfBytesPerSend, LPOVERLAPPED lpOverlapped,
                         LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers, DWORD dwReserved)
{
    LPFN_TRANSMITFILE fn = (LPFN_TRANSMITFILE)mswsock__extension(hSocket, (GUID)WSAID_TRANSMITFILE);
    if (!fn)
        return FALSE;
    return fn(hSocket, hFile, nNumberOfBytesToWrite, nNumberOfBytesPerSend, lpOverlapped,
              lpTransmitBuffers, dwReserved);
}

/*
 * GetAcceptExSockaddrs takes no socket, only AcceptEx's buffer, so it cannot
 * ask a provider: it reads the base provider's layout, as Windows' mswsock
 * (which is Microsoft's base provider) reads its own.  Layered providers
 * pass AcceptEx down to the base provider, so the layout is the same.
 */
VOID WINAPI GetAcceptExSockaddrs(PVOID lpOutputBuffer, DWORD dwReceiveDataLength,
                                 DWORD dwLocalAddressLength, DWORD dwRemoteAddressLength,
                                 struct sockaddr **LocalSockaddr, LPINT LocalSockaddrLength,
                                 struct sockaddr **RemoteSockaddr, LPINT RemoteSockaddrLength)
{
    LPFN_GETACCEPTEXSOCKADDRS fn =
        (LPFN_GETACCEPTEXSOCKADDRS)base_extension(&(GUID)WSAID_GETACCEPTEXSOCKADDRS);
    fn(lpOutputBuffer, dwReceiveDataLength, dwLocalAddressLength, dwRemoteAddressLength,
       LocalSockaddr, LocalSockaddrLength, RemoteSockaddr, RemoteSockaddrLength);
}

/*
 * WSARecvEx: recv, whose flags are in-out.  In, they are recv's (MSG_PEEK,
 * MSG_OOB); out, MSG_PARTIAL says that a message socket's message was
 * larger than the buffer, which holds its first len bytes; the call then
 * succeeds with len, where recv fails with WSAEMSGSIZE (for UDP the rest
 * of the datagram is lost, as with recv).  A complete message, and every
 * receive on a stream socket, leaves flags 0 ("for a stream oriented
 * transport protocol, MSG_PARTIAL is never set", WSARecvEx's documentation).
 */
int WINAPI WSARecvEx(SOCKET s, char *buf, int len, int *flags)
{
    if (!ws2_enter())
        return SOCKET_ERROR;
    if (!flags || ws2_args_span(flags, sizeof(*flags), true))
        return ws2_fail(WSAEFAULT);
    if (len < 0)
        return ws2_fail(WSAEINVAL);
    WSABUF b = {(ULONG)len, buf};
    DWORD received = 0, f = (DWORD)*flags & ~(DWORD)MSG_PARTIAL;
    if (WSARecv(s, &b, 1, &received, &f, NULL, NULL) == SOCKET_ERROR) {
        if (WSAGetLastError() != WSAEMSGSIZE)
            return SOCKET_ERROR;
        *flags = MSG_PARTIAL;
        WSASetLastError(0);
        return (int)received;
    }
    *flags = 0;
    return (int)received;
}
