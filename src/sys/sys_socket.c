/* Linux socket calls behind the neutral interface of sys.h. */
#include "sys/sys.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

_Static_assert(SYS_AF_INET == AF_INET && SYS_AF_INET6 == AF_INET6, "families");
_Static_assert(SYS_SOCK_STREAM == SOCK_STREAM && SYS_SOCK_DGRAM == SOCK_DGRAM, "types");
_Static_assert(SYS_SOL_SOCKET == SOL_SOCKET && SYS_SO_REUSEADDR == SO_REUSEADDR &&
                   SYS_SO_TYPE == SO_TYPE && SYS_SO_ERROR == SO_ERROR &&
                   SYS_SO_DONTROUTE == SO_DONTROUTE && SYS_SO_BROADCAST == SO_BROADCAST &&
                   SYS_SO_SNDBUF == SO_SNDBUF && SYS_SO_RCVBUF == SO_RCVBUF &&
                   SYS_SO_KEEPALIVE == SO_KEEPALIVE && SYS_SO_OOBINLINE == SO_OOBINLINE &&
                   SYS_SO_LINGER == SO_LINGER && SYS_SO_ACCEPTCONN == SO_ACCEPTCONN,
               "socket options");
_Static_assert(SYS_IPPROTO_IP == IPPROTO_IP && SYS_IPPROTO_TCP == IPPROTO_TCP &&
                   SYS_IPPROTO_UDP == IPPROTO_UDP && SYS_IPPROTO_IPV6 == IPPROTO_IPV6 &&
                   SYS_TCP_NODELAY == TCP_NODELAY && SYS_IP_TTL == IP_TTL &&
                   SYS_IPV6_V6ONLY == IPV6_V6ONLY,
               "protocol options");
_Static_assert(SYS_MSG_OOB == MSG_OOB && SYS_MSG_PEEK == MSG_PEEK &&
                   SYS_MSG_DONTROUTE == MSG_DONTROUTE && SYS_MSG_CTRUNC == MSG_CTRUNC &&
                   SYS_MSG_TRUNC == MSG_TRUNC && SYS_MSG_DONTWAIT == MSG_DONTWAIT &&
                   SYS_MSG_WAITALL == MSG_WAITALL && SYS_MSG_NOSIGNAL == MSG_NOSIGNAL,
               "message flags");
_Static_assert(SYS_SHUT_RD == SHUT_RD && SYS_SHUT_WR == SHUT_WR && SYS_SHUT_RDWR == SHUT_RDWR,
               "shutdown");
_Static_assert(sizeof(struct sys_iovec) == sizeof(struct iovec) &&
                   offsetof(struct sys_iovec, len) == offsetof(struct iovec, iov_len),
               "iovec layout");
_Static_assert(SYS_SOCKADDR_MAX == sizeof(struct sockaddr_storage), "sockaddr_storage");

int sys_socket(int family, int type, int protocol)
{
    return socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
}

int sys_bind(int fd, const void *addr, uint32_t len)
{
    return bind(fd, addr, len);
}

int sys_listen(int fd, int backlog)
{
    return listen(fd, backlog);
}

int sys_accept(int fd, void *addr, uint32_t *len)
{
    socklen_t l = len ? *len : 0;
    int r = accept4(fd, addr, len ? &l : NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (r >= 0 && len)
        *len = l;
    return r;
}

int sys_connect(int fd, const void *addr, uint32_t len)
{
    return connect(fd, addr, len);
}

int sys_shutdown(int fd, int how)
{
    return shutdown(fd, how);
}

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

int sys_setsockopt(int fd, int level, int name, const void *value, uint32_t len)
{
    return setsockopt(fd, level, name, value, len);
}

int sys_getsockopt(int fd, int level, int name, void *value, uint32_t *len)
{
    socklen_t l = *len;
    int r = getsockopt(fd, level, name, value, &l);
    *len = l;
    return r;
}

int sys_set_linger(int fd, int onoff, int seconds)
{
    struct linger l = {onoff, seconds};
    return setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
}

long sys_sendmsg(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                 uint32_t addrlen, int flags)
{
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_name = (void *)addr;
    msg.msg_namelen = addr ? addrlen : 0;
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = iovcnt;
    /* A peer that went away must give an error, never SIGPIPE. */
    return sendmsg(fd, &msg, flags | MSG_NOSIGNAL);
}

long sys_recvmsg(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                 int flags, int *msg_flags)
{
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_name = addr;
    msg.msg_namelen = addr ? *addrlen : 0;
    msg.msg_iov = (struct iovec *)iov;
    msg.msg_iovlen = iovcnt;
    long r = recvmsg(fd, &msg, flags);
    if (r >= 0) {
        if (addr)
            *addrlen = msg.msg_namelen;
        if (msg_flags)
            *msg_flags = msg.msg_flags;
    }
    return r;
}

int sys_readable_bytes(int fd, int *bytes)
{
    return ioctl(fd, FIONREAD, bytes);
}

int sys_at_mark(int fd, int *at_mark)
{
    return ioctl(fd, SIOCATMARK, at_mark);
}

int sys_unacked_bytes(int fd, int *bytes)
{
    /*
     * After a reset (or any end of the connection) Linux leaves SIOCOUTQ at
     * what it was: nothing queued will ever be delivered, so nothing is
     * waiting to be.
     */
    struct tcp_info info;
    socklen_t len = sizeof(info);
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) == 0 && info.tcpi_state == TCP_CLOSE) {
        *bytes = 0;
        return 0;
    }
    return ioctl(fd, SIOCOUTQ, bytes);
}

static int sys__placeholder = -1;
static pthread_once_t sys__placeholder_once = PTHREAD_ONCE_INIT;

static void sys__open_placeholder(void)
{
    sys__placeholder = open("/dev/null", O_RDWR | O_CLOEXEC);
}

int sys_retire_prepare(void)
{
    pthread_once(&sys__placeholder_once, sys__open_placeholder);
    return sys__placeholder < 0 ? -1 : 0;
}

int sys_retire(int fd)
{
    pthread_once(&sys__placeholder_once, sys__open_placeholder);
    if (sys__placeholder < 0) {
        errno = EMFILE;
        return -1;
    }
    return dup3(sys__placeholder, fd, O_CLOEXEC) < 0 ? -1 : 0;
}

int sys_dup_onto(int from, int onto)
{
    return dup3(from, onto, O_CLOEXEC) < 0 ? -1 : 0;
}
