/*
 * WSPIoctl: FIONBIO, FIONREAD, SIOCATMARK, SIO_UDP_CONNRESET,
 * SIO_UDP_NETRESET, SIO_KEEPALIVE_VALS (keepalive.c),
 * SIO_GET_EXTENSION_FUNCTION_POINTER, and WSAPoll's private code.
 */
#include <errno.h>
#include <string.h>

#include <mstcpip.h>
#include <mswsock.h>

#include <afunix.h>

#include "providers/base/base.h"
#include "providers/spi_ext.h"
#include "sys/sys.h"
#include "sys/usermem.h"

static int ioctl__end(struct bsock *b, int error, LPINT lpErrno)
{
    if (b)
        bsock_put(b);
    if (error) {
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    return 0;
}

static int ioctl__poll(LPVOID in, DWORD in_len, LPDWORD returned, LPINT lpErrno)
{
    if (!in || in_len < sizeof(struct ws2_poll_args) || !returned) {
        *lpErrno = WSAEFAULT;
        return SOCKET_ERROR;
    }
    struct ws2_poll_args *args = in;
    int n = base_poll(args->fds, args->nfds, args->timeout, lpErrno);
    if (n == SOCKET_ERROR)
        return SOCKET_ERROR;
    *returned = (DWORD)n;
    return 0;
}

/*
 * SIO_UDP_CONNRESET: "Controls whether UDP PORT_UNREACHABLE messages are
 * reported. Set to TRUE to enable reporting. Set to FALSE to disable
 * reporting." (winsock-ioctls.md).  SIO_UDP_NETRESET does the same for TTL
 * expiry, reported as WSAENETRESET (recv.md: "For a datagram socket, this
 * error indicates that the time to live has expired"); Microsoft's headers
 * define it, its page does not describe it.  Both take a BOOL and are on by
 * default.  WSAIoctl.md: WSAEFAULT when "the cbInBuffer ... parameter is too
 * small", WSAEINVAL when "the command is not applicable to the type of
 * socket specified".
 */
static int ioctl__udp_report(struct bsock *b, unsigned kind, const void *in, DWORD in_len,
                             LPDWORD returned)
{
    if (!in || in_len < sizeof(BOOL) || !sys_user_readable(in, sizeof(BOOL)))
        return WSAEFAULT;
    if (b->type != SOCK_DGRAM)
        return WSAEINVAL;
    BOOL on;
    memcpy(&on, in, sizeof(on));
    if (sys_dgram_report(b->fd, kind, on != FALSE) < 0)
        return bsock_error(b, errno);
    *returned = 0;
    return 0;
}

/*
 * ioctlsocket.md: "If WSAAsyncSelect or WSAEventSelect has been issued on a
 * socket, then any attempt to use ioctlsocket to set the socket back to
 * blocking mode will fail with WSAEINVAL" (until WSAEventSelect with
 * lNetworkEvents 0 cancels the selection).  A selection made through any
 * handle of a shared socket counts: it is the socket's (Shared Sockets).
 */
static int ioctl__check_nbio(struct bsock *m, const void *arg)
{
    return !*(const bool *)arg && m->es_mask != 0 ? WSAEINVAL : 0;
}

static void ioctl__apply_nbio(struct bsock *m, const void *arg)
{
    m->nonblocking = *(const bool *)arg;
}

int WSPAPI base_WSPIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
                         LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned,
                         LPWSAOVERLAPPED lpOverlapped,
                         LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                         LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    (void)lpThreadId;
    if (dwIoControlCode == SIO_WS2POSIX_POLL)
        return ioctl__poll(lpvInBuffer, cbInBuffer, lpcbBytesReturned, lpErrno);
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    if (lpOverlapped || lpCompletionRoutine)
        return ioctl__end(b, WSAEOPNOTSUPP, lpErrno);
    /*
     * WSAIoctl.md, WSAEFAULT: "The lpvInBuffer, lpvOutBuffer lpcbBytesReturned,
     * lpOverlapped, or lpCompletionRoutine parameter is not totally contained
     * in a valid part of the user address space".  Without an OVERLAPPED the
     * count is where the call reports, so it must be there, for every code
     * (FIONREAD included).  Each buffer is checked below for the bytes its
     * code reads or writes.
     */
    if (!lpcbBytesReturned || !sys_user_writable(lpcbBytesReturned, sizeof(*lpcbBytesReturned)))
        return ioctl__end(b, WSAEFAULT, lpErrno);
    if (dwIoControlCode == SIO_GET_EXTENSION_FUNCTION_POINTER) {
        /* The in buffer holds a WSAID_* GUID, the out buffer receives the function. */
        if (!lpvInBuffer || cbInBuffer < sizeof(GUID) || !lpvOutBuffer ||
            cbOutBuffer < sizeof(void *) || !sys_user_readable(lpvInBuffer, sizeof(GUID)) ||
            !sys_user_writable(lpvOutBuffer, sizeof(void *)))
            return ioctl__end(b, WSAEFAULT, lpErrno);
        void *fn = base_extension((const GUID *)lpvInBuffer);
        if (!fn)
            return ioctl__end(b, WSAEINVAL, lpErrno);
        memcpy(lpvOutBuffer, &fn, sizeof(fn));
        *lpcbBytesReturned = sizeof(fn);
        return ioctl__end(b, 0, lpErrno);
    }

    if (dwIoControlCode == SIO_UDP_CONNRESET || dwIoControlCode == SIO_UDP_NETRESET) {
        unsigned kind = dwIoControlCode == SIO_UDP_CONNRESET ? SYS_ICMP_PORT_UNREACHABLE
                                                             : SYS_ICMP_TIME_EXCEEDED;
        return ioctl__end(b, ioctl__udp_report(b, kind, lpvInBuffer, cbInBuffer, lpcbBytesReturned),
                          lpErrno);
    }

    if (dwIoControlCode == SIO_AF_UNIX_GETPEERPID)
        return ioctl__end(b, base_unix_peer_pid(b, lpvOutBuffer, cbOutBuffer, lpcbBytesReturned),
                          lpErrno);

    if (dwIoControlCode == SIO_KEEPALIVE_VALS)
        return ioctl__end(b, base_keepalive_vals(b, lpvInBuffer, cbInBuffer, lpcbBytesReturned),
                          lpErrno);

    switch ((LONG)dwIoControlCode) {
    case FIONBIO: {
        if (!lpvInBuffer || cbInBuffer < sizeof(u_long) ||
            !sys_user_readable(lpvInBuffer, sizeof(u_long)))
            return ioctl__end(b, WSAEFAULT, lpErrno);
        /* The mode is the socket's: every handle of a shared one takes it (duplicate.c). */
        bool nonblocking = *(u_long *)lpvInBuffer != 0;
        int error = bshare_set(b, ioctl__check_nbio, ioctl__apply_nbio, &nonblocking);
        if (!error)
            *lpcbBytesReturned = 0;
        return ioctl__end(b, error, lpErrno);
    }

    case FIONREAD:
    case SIOCATMARK: {
        if (!lpvOutBuffer || cbOutBuffer < sizeof(u_long) ||
            !sys_user_writable(lpvOutBuffer, sizeof(u_long)))
            return ioctl__end(b, WSAEFAULT, lpErrno);
        int value = 0;
        if (dwIoControlCode == (DWORD)SIOCATMARK && b->type == SOCK_STREAM) {
            /*
             * ioctlsocket.md: "If no OOB data is waiting to be read, the
             * operation returns TRUE. Otherwise, it returns FALSE".  Linux's
             * SIOCATMARK answers another question (is the next byte the
             * urgent one?); urgent data not yet read is what POLLPRI reports,
             * inline or not.
             */
            struct sys_pollfd p = {.fd = b->fd, .events = SYS_POLLPRI};
            if (sys_poll_until(&p, 1, 0) < 0)
                return ioctl__end(b, bsock_error(b, errno), lpErrno);
            value = !(p.revents & SYS_POLLPRI);
        } else {
            int r = dwIoControlCode == (DWORD)FIONREAD ? sys_readable_bytes(b->fd, &value)
                                                       : sys_at_mark(b->fd, &value);
            if (r < 0)
                return ioctl__end(b, bsock_error(b, errno), lpErrno);
            if (dwIoControlCode == (DWORD)SIOCATMARK)
                value = !value;
        }
        *(u_long *)lpvOutBuffer = (u_long)value;
        *lpcbBytesReturned = sizeof(u_long);
        return ioctl__end(b, 0, lpErrno);
    }
    }
    return ioctl__end(b, WSAEINVAL, lpErrno);
}
