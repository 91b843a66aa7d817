/*
 * WSASendMsg, which ws2_32 exports (WSARecvMsg it does not: programs fetch
 * it with SIO_GET_EXTENSION_FUNCTION_POINTER, as they may fetch this one).
 *
 * Windows' ws2_32 passes WSASendMsg to the socket's provider as
 * WSPIoctl(SIO_EXT_SENDMSG).  Ours asks the provider, through WSPIoctl as
 * well, for its WSAID_WSASENDMSG extension function and calls it: the
 * request goes down the whole provider chain, so a layered provider sees
 * it and may answer with a function of its own, and the exported call and
 * the fetched pointer are one and the same operation
 * (src/providers/base/msg.c).
 */
#include <mswsock.h>

#include "ws2_32/ws2.h"

int WSAAPI WSASendMsg(SOCKET Handle, LPWSAMSG lpMsg, DWORD dwFlags, LPDWORD lpNumberOfBytesSent,
                      LPWSAOVERLAPPED lpOverlapped,
                      LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, Handle))
        return SOCKET_ERROR;
    GUID id = WSAID_WSASENDMSG;
    LPFN_WSASENDMSG fn = NULL;
    DWORD returned = 0;
    int error = 0;
    int r = call.procs->lpWSPIoctl(Handle, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id), &fn,
                                   sizeof(fn), &returned, NULL, NULL, NULL, &error);
    ws2_leave(&call);
    /* A provider that does not know the GUID (WSAEINVAL) does not offer the operation. */
    if (r == SOCKET_ERROR || !fn)
        return ws2_fail(r == SOCKET_ERROR && error != WSAEINVAL ? error : WSAEOPNOTSUPP);
    return fn(Handle, lpMsg, dwFlags, lpNumberOfBytesSent, lpOverlapped, lpCompletionRoutine);
}
