/*
 * The names of a socket's two ends, behind sys.h: Linux's getsockname and
 * getpeername, and the peer a stream socket keeps after its connection ended.
 */
#include "sys/sys.h"

#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>

int sys_getsockname(int fd, void *addr, uint32_t *len)
{
    socklen_t l = *len;
    int r = getsockname(fd, addr, &l);
    *len = l;
    return r;
}

int sys_getpeername(int fd, void *addr, uint32_t *len)
{
    socklen_t l = *len;
    int r = getpeername(fd, addr, &l);
    *len = l;
    return r;
}

int sys_getpeername_kept(int fd, void *addr, uint32_t *len)
{
    /*
     * SO_PEERNAME asks the protocol for the peer without getpeername's
     * check of the connection's state (Linux refuses getpeername in
     * TCP_CLOSE and TCP_SYN_SENT, yet keeps the remote address until the
     * socket is disconnected or a connect fails).  It takes a buffer no
     * larger than the address (EINVAL otherwise): an IPv6 size first, then
     * an IPv4 one.
     */
    static const socklen_t sizes[] = {sizeof(struct sockaddr_in6), sizeof(struct sockaddr_in)};
    for (unsigned i = 0; i < 2; i++) {
        socklen_t l = sizes[i];
        if (l > *len)
            continue;
        if (getsockopt(fd, SOL_SOCKET, SO_PEERNAME, addr, &l) == 0) {
            *len = l;
            return 0;
        }
        if (errno != EINVAL)
            return -1;
    }
    errno = EINVAL;
    return -1;
}
