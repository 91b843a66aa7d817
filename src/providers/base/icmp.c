/*
 * SOCK_RAW sockets: Windows' hidden raw entries of the catalog
 * ("[RAW/IP]", "[RAW/IPv6]"), which serve protocols 0-255.  Linux's raw
 * socket is used where the process may open one; for ICMP and ICMPv6 a
 * ping socket stands in where it may not (sys_icmp.c), so that ping works
 * unprivileged.  Anything else is WSAEACCES, Windows' answer to a raw
 * socket for a process that is not an administrator (Wine's test_WSASocket
 * and test_icmp, run on Windows).
 *
 * The socket is a message-oriented, connectionless one like UDP: every
 * path of the base provider that is not SOCK_STREAM's serves it.
 */
#include <errno.h>

#include "providers/base/base.h"
#include "sys/sys.h"

SOCKET base_raw_socket(int af, int protocol, const WSAPROTOCOL_INFOW *info, LPINT lpErrno)
{
    if (protocol < 0 || protocol > 255) {
        *lpErrno = WSAEPROTONOSUPPORT;
        return INVALID_SOCKET;
    }
    int ping;
    int fd = sys_raw_socket(base_family_to_linux(af), protocol, &ping);
    if (fd < 0) {
        *lpErrno = errno == EACCES || errno == EPERM ? WSAEACCES : base_error(errno);
        return INVALID_SOCKET;
    }
    return bsock_create(fd, af, SOCK_RAW, protocol, info, NULL, lpErrno);
}
