/*
 * Linux's Unix domain sockets behind sys.h: the family number and the
 * peer's credentials (SIO_AF_UNIX_GETPEERPID).
 */
#include "sys/sys.h"

#include <sys/socket.h>
#include <sys/un.h>

_Static_assert(SYS_AF_UNIX == AF_UNIX, "AF_UNIX");
_Static_assert(sizeof(struct sockaddr_un) == 110, "Linux's sockaddr_un is Windows' SOCKADDR_UN");

int sys_unix_peer_pid(int fd, uint32_t *pid)
{
    struct ucred cred;
    socklen_t len = sizeof(cred);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
        return -1;
    *pid = (uint32_t)cred.pid;
    return 0;
}
