/*
 * Network events through event objects: WSAEventSelect and
 * WSAEnumNetworkEvents, dispatched to the socket's provider
 * (WSPEventSelect, WSPEnumNetworkEvents), which records the events.
 */
#include "ws2_32/args.h"
#include "ws2_32/ws2.h"

int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPEventSelect(s, hEventObject, lNetworkEvents, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject, LPWSANETWORKEVENTS lpNetworkEvents)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    /* WSAEnumNetworkEvents.md, WSAEFAULT: "The lpNetworkEvents parameter is not a valid part ...".
     */
    if (!lpNetworkEvents || ws2_args_span(lpNetworkEvents, sizeof(*lpNetworkEvents), true)) {
        ws2_leave(&call);
        return ws2_fail(WSAEFAULT);
    }
    int error = 0;
    int r = call.procs->lpWSPEnumNetworkEvents(s, hEventObject, lpNetworkEvents, &error);
    return ws2_leave_result(&call, r, error);
}
