/*
 * AF_UNIX stream sockets (afunix.h): what differs from TCP.  Everything
 * else (bind, listen, accept, connect, transfers, overlapped operations,
 * readiness, closesocket and WSACleanup) is the base provider's common
 * path over a Linux Unix domain socket; addresses are in sockaddr.c.
 */
#include <errno.h>
#include <string.h>

#include <afunix.h>

#include "providers/base/base.h"
#include "sys/sys.h"
#include "sys/usermem.h"

/*
 * SIO_AF_UNIX_GETPEERPID: the connected peer's process id, a ULONG in the
 * output buffer.  Only AF_UNIX sockets have it (WSAEOPNOTSUPP elsewhere,
 * as an unknown code is); a socket that is not connected has no peer
 * (WSAENOTCONN).
 */
int base_unix_peer_pid(struct bsock *b, void *out, DWORD out_len, LPDWORD returned)
{
    if (b->family != AF_UNIX)
        return WSAEOPNOTSUPP;
    if (!out || out_len < sizeof(ULONG) || !sys_user_writable(out, sizeof(ULONG)))
        return WSAEFAULT;
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    bool connected = b->connected;
    pthread_mutex_unlock(&b->lock);
    if (!connected)
        return WSAENOTCONN;
    uint32_t pid;
    if (sys_unix_peer_pid(b->fd, &pid) < 0)
        return bsock_error(b, errno);
    ULONG value = pid;
    memcpy(out, &value, sizeof(value));
    *returned = sizeof(value);
    return 0;
}
