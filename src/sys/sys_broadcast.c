/*
 * Whether an IPv4 destination is a broadcast address: the limited broadcast
 * or the broadcast address of a directly connected subnet.  Linux's routing
 * decides it (it marks such routes broadcast), so the question is put to it:
 * a datagram socket without SO_BROADCAST that may not connect to the
 * address with EACCES is being refused a broadcast destination.
 */
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sys/sys.h"

int sys_is_broadcast(const void *addr, uint32_t len)
{
    if (len < sizeof(struct sockaddr_in) || ((const struct sockaddr *)addr)->sa_family != AF_INET)
        return 0;
    int saved = errno;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        errno = saved;
        return 0;
    }
    int broadcast = connect(fd, (const struct sockaddr *)addr, sizeof(struct sockaddr_in)) < 0 &&
                    errno == EACCES;
    close(fd);
    errno = saved;
    return broadcast;
}
