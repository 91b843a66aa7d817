/* The Linux half of the example provider (oot_io.h). */
#define _GNU_SOURCE /* accept4 */
#include "oot_io.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int oot_io__result(long r)
{
    return r < 0 ? -errno : (int)r;
}

static void oot_io__addr(struct sockaddr_in *sin, const uint8_t addr[4], uint16_t port)
{
    memset(sin, 0, sizeof(*sin));
    sin->sin_family = AF_INET;
    sin->sin_port = htons(port);
    memcpy(&sin->sin_addr, addr, 4);
}

int oot_io_socket(void)
{
    return oot_io__result(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP));
}

int oot_io_bind(int fd, const uint8_t addr[4], uint16_t port)
{
    struct sockaddr_in sin;
    oot_io__addr(&sin, addr, port);
    return oot_io__result(bind(fd, (struct sockaddr *)&sin, sizeof(sin)));
}

int oot_io_listen(int fd, int backlog)
{
    return oot_io__result(listen(fd, backlog));
}

int oot_io_accept(int fd, uint8_t addr[4], uint16_t *port)
{
    struct sockaddr_in sin;
    socklen_t len = sizeof(sin);
    int r = oot_io__result(accept4(fd, (struct sockaddr *)&sin, &len, SOCK_CLOEXEC));
    if (r >= 0) {
        memcpy(addr, &sin.sin_addr, 4);
        *port = ntohs(sin.sin_port);
    }
    return r;
}

int oot_io_connect(int fd, const uint8_t addr[4], uint16_t port)
{
    struct sockaddr_in sin;
    oot_io__addr(&sin, addr, port);
    return oot_io__result(connect(fd, (struct sockaddr *)&sin, sizeof(sin)));
}

long oot_io_send(int fd, const void *buf, size_t len)
{
    long r = send(fd, buf, len, MSG_NOSIGNAL);
    return r < 0 ? -errno : r;
}

long oot_io_recv(int fd, void *buf, size_t len)
{
    long r = recv(fd, buf, len, 0);
    return r < 0 ? -errno : r;
}

int oot_io_name(int fd, int peer, uint8_t addr[4], uint16_t *port)
{
    struct sockaddr_in sin;
    socklen_t len = sizeof(sin);
    int r = peer ? getpeername(fd, (struct sockaddr *)&sin, &len)
                 : getsockname(fd, (struct sockaddr *)&sin, &len);
    if (r < 0)
        return -errno;
    memcpy(addr, &sin.sin_addr, 4);
    *port = ntohs(sin.sin_port);
    return 0;
}

int oot_io_shutdown(int fd, int how)
{
    return oot_io__result(shutdown(fd, how == 0 ? SHUT_RD : how == 1 ? SHUT_WR : SHUT_RDWR));
}

int oot_io_close(int fd, int reset)
{
    if (reset) {
        struct linger l = {1, 0};
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    }
    return oot_io__result(close(fd));
}
