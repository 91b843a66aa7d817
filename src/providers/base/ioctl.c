/*
 * WSPIoctl: the dispatcher, and the controls answered from the socket
 * itself: FIONBIO, FIONREAD, SIOCATMARK, SIO_UDP_CONNRESET,
 * SIO_UDP_NETRESET, SIO_KEEPALIVE_VALS (keepalive.c),
 * SIO_GET_EXTENSION_FUNCTION_POINTER, SIO_BASE_HANDLE and the SIO_BSP_HANDLE
 * family, SIO_ENABLE_CIRCULAR_QUEUEING, and WSAPoll's private code.  The
 * rest is in ioctl_iface.c, ioctl_sort.c and ioctl_notify.c; ioctl.h says
 * how each kind completes with an OVERLAPPED.
 */
#include <errno.h>
#include <string.h>

#include <mstcpip.h>
#include <mswsock.h>
#include <afunix.h>

#include "kernel/ntstatus.h"
#include "providers/base/ioctl.h"
#include "providers/spi_ext.h"
#include "sys/sys.h"
#include "sys/usermem.h"

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
static int ioctl__udp_report(struct ioctl_call *c)
{
    struct bsock *b = c->b;
    unsigned kind =
        c->code == SIO_UDP_CONNRESET ? SYS_ICMP_PORT_UNREACHABLE : SYS_ICMP_TIME_EXCEEDED;
    if (!c->in || c->in_len < sizeof(BOOL) || !sys_user_readable(c->in, sizeof(BOOL)))
        return WSAEFAULT;
    if (b->type != SOCK_DGRAM)
        return WSAEINVAL;
    BOOL on;
    memcpy(&on, c->in, sizeof(on));
    if (sys_dgram_report(b->fd, kind, on != FALSE) < 0)
        return bsock_error(b, errno);
    *c->returned = 0;
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

static int ioctl__fionbio(struct ioctl_call *c)
{
    if (!c->in || c->in_len < sizeof(u_long) || !sys_user_readable(c->in, sizeof(u_long)))
        return WSAEFAULT;
    /* The mode is the socket's: every handle of a shared one takes it (duplicate.c). */
    bool nonblocking = *(u_long *)c->in != 0;
    int error = bshare_set(c->b, ioctl__check_nbio, ioctl__apply_nbio, &nonblocking);
    if (!error)
        *c->returned = 0;
    return error;
}

static int ioctl__fionread_atmark(struct ioctl_call *c)
{
    struct bsock *b = c->b;
    if (!c->out || c->out_len < sizeof(u_long) || !sys_user_writable(c->out, sizeof(u_long)))
        return WSAEFAULT;
    int value = 0;
    if (c->code == (DWORD)SIOCATMARK && b->type == SOCK_STREAM) {
        /*
         * ioctlsocket.md: "If no OOB data is waiting to be read, the
         * operation returns TRUE. Otherwise, it returns FALSE".  Linux's
         * SIOCATMARK answers another question (is the next byte the urgent
         * one?); urgent data not yet read is what POLLPRI reports, inline
         * or not.
         */
        struct sys_pollfd p = {.fd = b->fd, .events = SYS_POLLPRI};
        if (sys_poll_until(&p, 1, 0) < 0)
            return bsock_error(b, errno);
        value = !(p.revents & SYS_POLLPRI);
    } else {
        int r = c->code == (DWORD)FIONREAD ? sys_readable_bytes(b->fd, &value)
                                           : sys_at_mark(b->fd, &value);
        if (r < 0)
            return bsock_error(b, errno);
        if (c->code == (DWORD)SIOCATMARK)
            value = !value;
    }
    *(u_long *)c->out = (u_long)value;
    *c->returned = sizeof(u_long);
    return 0;
}

static int ioctl__extension(struct ioctl_call *c)
{
    /* The in buffer holds a WSAID_* GUID, the out buffer receives the function. */
    if (!c->in || c->in_len < sizeof(GUID) || !c->out || c->out_len < sizeof(void *) ||
        !sys_user_readable(c->in, sizeof(GUID)) || !sys_user_writable(c->out, sizeof(void *)))
        return WSAEFAULT;
    void *fn = base_extension((const GUID *)c->in);
    if (!fn)
        return WSAEINVAL;
    memcpy(c->out, &fn, sizeof(fn));
    *c->returned = sizeof(fn);
    return 0;
}

/*
 * SIO_BASE_HANDLE, SIO_BSP_HANDLE, SIO_BSP_HANDLE_SELECT, SIO_BSP_HANDLE_POLL
 * (winsock-ioctls.md): "Retrieves the base service provider handle ... The
 * returned value is a SOCKET"; "If the output buffer is not large enough
 * for a socket handle ... or the lpvOutBuffer parameter is a NULL pointer,
 * SOCKET_ERROR is returned ... WSAEFAULT".  This is the base provider: the
 * handle is the socket's own.
 */
static int ioctl__base_handle(struct ioctl_call *c)
{
    if (!c->out || c->out_len < sizeof(SOCKET) || !sys_user_writable(c->out, sizeof(SOCKET)))
        return WSAEFAULT;
    SOCKET s = c->b->handle;
    memcpy(c->out, &s, sizeof(s));
    *c->returned = sizeof(s);
    return 0;
}

/*
 * SIO_ENABLE_CIRCULAR_QUEUEING: Windows accepts it on a UDP socket (Wine's
 * tests, with no buffers at all).  Linux keeps the oldest datagrams when a
 * receive queue overflows and cannot be told otherwise, so this accepts
 * and changes nothing (README).  "This IOCTL is only valid for sockets
 * associated with unreliable, message-oriented protocols."
 */
static int ioctl__circular_queueing(struct ioctl_call *c)
{
    if (c->b->type != SOCK_DGRAM)
        return WSAEOPNOTSUPP;
    *c->returned = 0;
    return 0;
}

/* SIO_AF_UNIX_GETPEERPID: the process at the other end of an AF_UNIX connection (unix.c). */
static int ioctl__unix_peer_pid(struct ioctl_call *c)
{
    return base_unix_peer_pid(c->b, c->out, c->out_len, c->returned);
}

static int ioctl__keepalive(struct ioctl_call *c)
{
    /* Without an OVERLAPPED Windows sets the count to 0 also when the call fails (Wine's tests). */
    if (!c->ov)
        *c->returned = 0;
    return base_keepalive_vals(c->b, c->in, c->in_len, c->returned);
}

/*
 * A code nobody answers (an unknown one, and the QoS ones: the transport
 * offers no quality of service).  Windows: WSAEOPNOTSUPP with the count
 * set to 0; with an OVERLAPPED, WSA_IO_PENDING and a completion with
 * STATUS_NOT_SUPPORTED (Wine's tests; WSAIoctl.md's WSAEINVAL for "not a
 * valid command" is not what Windows answers).
 */
static int ioctl__unsupported(struct ioctl_call *c)
{
    if (c->ov)
        return ioctl_complete_pending(c, IOCTL_STATUS_NOT_SUPPORTED, 0);
    *c->returned = 0;
    return WSAEOPNOTSUPP;
}

/* A control answered at once: with an OVERLAPPED its success is delivered too. */
static int ioctl__at_once(struct ioctl_call *c, int (*answer)(struct ioctl_call *))
{
    int error = answer(c);
    if (error || !c->ov)
        return error;
    return ioctl_complete_now(c);
}

static int ioctl__dispatch(struct ioctl_call *c)
{
    switch (c->code) {
    case (DWORD)FIONBIO: return ioctl__at_once(c, ioctl__fionbio);
    case (DWORD)FIONREAD:
    case (DWORD)SIOCATMARK: return ioctl__at_once(c, ioctl__fionread_atmark);
    case SIO_GET_EXTENSION_FUNCTION_POINTER: return ioctl__at_once(c, ioctl__extension);
    case SIO_UDP_CONNRESET:
    case SIO_UDP_NETRESET: return ioctl__at_once(c, ioctl__udp_report);
    case SIO_KEEPALIVE_VALS: return ioctl__at_once(c, ioctl__keepalive);
    case SIO_AF_UNIX_GETPEERPID: return ioctl__at_once(c, ioctl__unix_peer_pid);
    case SIO_ENABLE_CIRCULAR_QUEUEING: return ioctl__at_once(c, ioctl__circular_queueing);
    case SIO_ADDRESS_LIST_QUERY: return ioctl__at_once(c, ioctl_address_list_query);
    case SIO_ADDRESS_LIST_SORT: return ioctl__at_once(c, ioctl_address_list_sort);
    case SIO_ROUTING_INTERFACE_QUERY: return ioctl__at_once(c, ioctl_routing_interface_query);
    case SIO_IDEAL_SEND_BACKLOG_QUERY: return ioctl__at_once(c, ioctl_ideal_send_backlog_query);
    case SIO_BASE_HANDLE:
    case SIO_BSP_HANDLE:
    case SIO_BSP_HANDLE_SELECT:
        /*
         * Answered by ws2_32 and mswsock without an OVERLAPPED; with one the
         * request goes on to the driver, which does not know it (Wine's
         * tests: WSA_IO_PENDING, then STATUS_NOT_SUPPORTED, the output
         * untouched).
         */
        return c->ov ? ioctl__unsupported(c) : ioctl__base_handle(c);
    case SIO_BSP_HANDLE_POLL:
        /* "... or the lpOverlapped parameter is not a NULL pointer ... WSAEFAULT". */
        return c->ov ? WSAEFAULT : ioctl__base_handle(c);
    case (DWORD)SIO_GET_INTERFACE_LIST: return ioctl_interface_list(c);
    case SIO_ADDRESS_LIST_CHANGE: return ioctl_address_list_change(c);
    case SIO_ROUTING_INTERFACE_CHANGE: return ioctl_routing_interface_change(c);
    case SIO_IDEAL_SEND_BACKLOG_CHANGE: return ioctl_ideal_send_backlog_change(c);
    }
    return ioctl__unsupported(c);
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
    /*
     * WSAIoctl.md, WSAEFAULT: "The lpvInBuffer, lpvOutBuffer lpcbBytesReturned,
     * lpOverlapped, or lpCompletionRoutine parameter is not totally contained
     * in a valid part of the user address space".  Windows asks for the count
     * with an OVERLAPPED too, for every code, known or not (Wine's tests).
     * Each buffer is checked by its code for the bytes it reads or writes.
     */
    int error = 0;
    if (!lpcbBytesReturned || !sys_user_writable(lpcbBytesReturned, sizeof(*lpcbBytesReturned)) ||
        (lpOverlapped && !sys_user_writable(lpOverlapped, sizeof(*lpOverlapped))))
        error = WSAEFAULT;
    if (!error) {
        /* "If both lpOverlapped and lpCompletionRoutine are NULL" the call is not overlapped. */
        struct ioctl_call c = {b,
                               dwIoControlCode,
                               lpvInBuffer,
                               cbInBuffer,
                               lpvOutBuffer,
                               cbOutBuffer,
                               lpcbBytesReturned,
                               lpOverlapped,
                               lpOverlapped ? lpCompletionRoutine : NULL};
        error = ioctl__dispatch(&c);
    }
    bsock_put(b);
    if (error) {
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    return 0;
}
