/*
 * select and WSAPoll.  Both go to the provider of the first socket named,
 * as Windows' ws2_32 does (all the sockets must belong to one provider).
 * WSAPoll has no WSPPROC_TABLE entry and travels as a private WSPIoctl.
 */
#include <stddef.h>

#include "providers/spi_ext.h"
#include "sys/usermem.h"
#include "ws2_32/ws2.h"

/* The bytes of an fd_set with count sockets (an application may define a larger FD_SETSIZE). */
static size_t select__size(u_int count)
{
    return offsetof(fd_set, fd_array) + (size_t)count * sizeof(SOCKET);
}

/* FD_ISSET: a set we cannot read holds nothing (Windows would fault in user mode). */
int WSAAPI __WSAFDIsSet(SOCKET s, fd_set *set)
{
    if (!set || !sys_user_readable(set, sizeof(set->fd_count)))
        return 0;
    u_int count = set->fd_count;
    if (count > WS2_COUNT_MAX || !sys_user_readable(set, select__size(count)))
        return 0;
    for (u_int i = 0; i < count; i++)
        if (set->fd_array[i] == s)
            return 1;
    return 0;
}

/*
 * A set select reads and rewrites: WSAEFAULT where the kernel cannot read
 * and write it, WSAEINVAL for a count no array holds (an allocation sized
 * from it would be unkind).  0 when it can be used.
 */
static int select__check_set(fd_set *set)
{
    if (!set)
        return 0;
    if (!sys_user_writable(set, sizeof(set->fd_count)))
        return WSAEFAULT;
    u_int count = set->fd_count;
    if (count > WS2_COUNT_MAX)
        return WSAEINVAL;
    return sys_user_writable(set, select__size(count)) ? 0 : WSAEFAULT;
}

int WSAAPI select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                  const struct timeval *timeout)
{
    if (!ws2_enter())
        return SOCKET_ERROR;
    fd_set *sets[] = {readfds, writefds, exceptfds};
    fd_set *named = NULL;
    for (int i = 0; i < 3; i++) {
        int error = select__check_set(sets[i]);
        if (error)
            return ws2_fail(error);
        if (!named && sets[i] && sets[i]->fd_count > 0)
            named = sets[i];
    }
    if (timeout && !sys_user_readable(timeout, sizeof(*timeout)))
        return ws2_fail(WSAEFAULT);
    /* Windows refuses a select with nothing to wait for. */
    if (!named)
        return ws2_fail(WSAEINVAL);
    /*
     * The first socket named chooses the provider; one that is not a socket
     * (INVALID_SOCKET, a closed one) is WSAENOTSOCK, as any later one is in
     * the provider's WSPSelect.
     */
    struct ws2_call call;
    if (!ws2_enter_socket(&call, named->fd_array[0]))
        return SOCKET_ERROR;
    int error = 0;
    int r = call.procs->lpWSPSelect(nfds, readfds, writefds, exceptfds, timeout, &error);
    return ws2_leave_result(&call, r, error);
}

int WSAAPI WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout)
{
    if (!ws2_enter())
        return SOCKET_ERROR;
    /*
     * Windows (Wine's test_WSAPoll, run on Windows): WSAPoll(NULL, 0, t) is
     * WSAEINVAL, WSAPoll(NULL, 1, t) WSAEFAULT.  A count no array holds is
     * WSAEINVAL before anything is sized from it; so is an empty array.
     */
    if (fds > WS2_COUNT_MAX || (!fdArray && fds == 0))
        return ws2_fail(WSAEINVAL);
    if (!fdArray || !sys_user_writable(fdArray, (size_t)fds * sizeof(*fdArray)))
        return ws2_fail(WSAEFAULT);
    if (fds == 0)
        return ws2_fail(WSAEINVAL);
    /*
     * The first valid socket names the provider, which answers for the
     * entries from it on.  As observed on Windows, the entries before it
     * that are not sockets (INVALID_SOCKET included: a negative fd is not
     * ignored, whatever WSAPOLLFD says) get POLLNVAL without their events
     * being checked, and are not counted; when no entry is a socket every
     * one gets POLLNVAL and the call fails with WSAENOTSOCK.
     */
    for (ULONG k = 0; k < fds; k++)
        fdArray[k].revents = 0;
    struct ws2_call call;
    ULONG i = 0;
    while (i < fds && !ws2_enter_socket(&call, fdArray[i].fd))
        fdArray[i++].revents = POLLNVAL;
    if (i == fds)
        return ws2_fail(WSAENOTSOCK);
    struct ws2_poll_args args = {fdArray + i, fds - i, timeout};
    DWORD ready = 0;
    int error = 0;
    int r = call.procs->lpWSPIoctl(call.s, SIO_WS2POSIX_POLL, &args, sizeof(args), NULL, 0, &ready,
                                   NULL, NULL, NULL, &error);
    ws2_leave(&call);
    if (r == SOCKET_ERROR) {
        /* The provider refused the events (WSAEINVAL): every revents 0, as on Windows. */
        for (ULONG k = 0; k < fds; k++)
            fdArray[k].revents = 0;
        return ws2_fail(error);
    }
    WSASetLastError(0); /* cleared on success, as ws2_leave_result does */
    return (int)ready;
}
