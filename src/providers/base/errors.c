/*
 * The Winsock error for a Linux errno, and FD_CLOSE's error code.
 *
 * How a connection ended is told apart as Windows does (Windows Sockets
 * Error Codes; recv.md, send.md): WSAECONNRESET when the peer reset it,
 * WSAECONNABORTED when this host gave up on it ("The virtual circuit was
 * terminated due to a time-out or other failure"), WSAENETRESET for a call
 * in progress when keep-alive found the peer gone.  sys_recvmsg and
 * sys_sendmsg have already named Linux's ETIMEDOUT of an established
 * connection ECONNABORTED or ENETRESET (sys.h), so ETIMEDOUT left here is
 * a connection attempt's: WSAETIMEDOUT (connect.md).
 */
#include <errno.h>

#include "providers/base/bsock.h"

int base_error(int e)
{
    switch (e) {
    case 0: return 0;
    case EINTR: return WSAEINTR;
    case EBADF: return WSAENOTSOCK;
    case EACCES:
    case EPERM: return WSAEACCES;
    case EFAULT: return WSAEFAULT;
    case EINVAL: return WSAEINVAL;
    case EMFILE:
    case ENFILE: return WSAEMFILE;
    case EAGAIN: return WSAEWOULDBLOCK;
    /* A non-blocking connect in progress is WSAEWOULDBLOCK on Windows. */
    case EINPROGRESS: return WSAEWOULDBLOCK;
    case EALREADY: return WSAEALREADY;
    case ENOTSOCK: return WSAENOTSOCK;
    case EDESTADDRREQ: return WSAEDESTADDRREQ;
    case EMSGSIZE: return WSAEMSGSIZE;
    case EPROTOTYPE: return WSAEPROTOTYPE;
    case ENOPROTOOPT: return WSAENOPROTOOPT;
    case EPROTONOSUPPORT: return WSAEPROTONOSUPPORT;
    case ESOCKTNOSUPPORT: return WSAESOCKTNOSUPPORT;
    case EOPNOTSUPP: return WSAEOPNOTSUPP;
    case EPFNOSUPPORT: return WSAEPFNOSUPPORT;
    case EAFNOSUPPORT: return WSAEAFNOSUPPORT;
    case EADDRINUSE: return WSAEADDRINUSE;
    case EADDRNOTAVAIL: return WSAEADDRNOTAVAIL;
    case ENETDOWN: return WSAENETDOWN;
    case ENETUNREACH: return WSAENETUNREACH;
    case ENETRESET: return WSAENETRESET;
    case ECONNABORTED: return WSAECONNABORTED;
    case ECONNRESET: return WSAECONNRESET;
    /*
     * A reset that came after the peer's FIN (Linux's tcp_reset in
     * CLOSE_WAIT; a local shutdown is checked before sending): Windows
     * reports it as WSAECONNABORTED (Wine's test_shutdown, "Send data to a
     * peer which is closed", passes on Windows with that code).
     */
    case EPIPE: return WSAECONNABORTED;
    case ENOBUFS:
    case ENOMEM: return WSAENOBUFS;
    case EISCONN: return WSAEISCONN;
    case ENOTCONN: return WSAENOTCONN;
    case ESHUTDOWN: return WSAESHUTDOWN;
    case ETIMEDOUT: return WSAETIMEDOUT;
    case ECONNREFUSED: return WSAECONNREFUSED;
    case ELOOP: return WSAELOOP;
    case ENAMETOOLONG: return WSAENAMETOOLONG;
    case EHOSTDOWN: return WSAEHOSTDOWN;
    case EHOSTUNREACH: return WSAEHOSTUNREACH;
    default: return WSAEINVAL;
    }
}

int base_close_error(int error)
{
    /*
     * WSAEnumNetworkEvents.md lists three codes for FD_CLOSE: WSAENETDOWN,
     * WSAECONNRESET "The connection was reset by the remote side", and
     * WSAECONNABORTED "The connection was terminated due to a time-out or
     * other failure" — which covers a keep-alive failure (WSAENETRESET for
     * the calls it interrupts) and every other end that was not the peer's.
     */
    switch (error) {
    case 0:
    case WSAENETDOWN:
    case WSAECONNRESET: return error;
    default: return WSAECONNABORTED;
    }
}
