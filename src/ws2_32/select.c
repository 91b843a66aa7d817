/*
 * select and WSAPoll.  Both go to the provider of the first socket named,
 * as Windows' ws2_32 does (all the sockets must belong to one provider).
 * WSAPoll has no WSPPROC_TABLE entry and travels as a private WSPIoctl.
 */
#include "providers/spi_ext.h"
#include "ws2_32/ws2.h"

int WSAAPI __WSAFDIsSet(SOCKET s, fd_set *set)
{
    if (!set)
        return 0;
    for (u_int i = 0; i < set->fd_count; i++)
        if (set->fd_array[i] == s)
            return 1;
    return 0;
}

static SOCKET select__first(const fd_set *set)
{
    return set && set->fd_count > 0 ? set->fd_array[0] : INVALID_SOCKET;
}

int WSAAPI select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                  const struct timeval *timeout)
{
    if (!ws2_enter())
        return SOCKET_ERROR;
    SOCKET first = select__first(readfds);
    if (first == INVALID_SOCKET)
        first = select__first(writefds);
    if (first == INVALID_SOCKET)
        first = select__first(exceptfds);
    /* Windows refuses a select with nothing to wait for. */
    if (first == INVALID_SOCKET)
        return ws2_fail(WSAEINVAL);
    struct ws2_call call;
    if (!ws2_enter_socket(&call, first))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPSelect(nfds, readfds, writefds, exceptfds, timeout, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout)
{
    if (!ws2_enter())
        return SOCKET_ERROR;
    if (!fdArray)
        return ws2_fail(WSAEFAULT);
    /* Any live socket in the array names the provider; WSAEINVAL if there is none. */
    struct ws2_call call;
    ULONG i = 0;
    while (i < fds && !ws2_enter_socket(&call, fdArray[i].fd))
        i++;
    if (i == fds)
        return ws2_fail(WSAEINVAL);
    struct ws2_poll_args args = {fdArray, fds, timeout};
    DWORD ready = 0;
    int error = 0;
    int r = call.procs->lpWSPIoctl(call.s, SIO_WS2POSIX_POLL, &args, sizeof(args), NULL, 0, &ready,
                                   NULL, NULL, NULL, &error);
    ws2_leave(&call);
    if (r == SOCKET_ERROR)
        return ws2_fail(error);
    return (int)ready;
}
