/*
 * Between sys_socket.c, which makes one sendmsg or recvmsg and reports its
 * failures as sys.h says, and sys_msg.c, which makes a transfer of any
 * number of buffers out of them (sys_sendmsg, sys_recvmsg).
 */
#ifndef WS2_SYS_SYS_MSG_H
#define WS2_SYS_SYS_MSG_H

#include "sys/sys.h"

/*
 * A Linux control buffer (struct cmsghdr entries) for sendmsg or recvmsg:
 * cap bytes at buf; len is what a send passes, what a receive got.
 */
struct sys_ctl {
    void *buf;
    size_t cap;
    size_t len;
};

/* sys_sendmsg and sys_recvmsg for at most 1024 buffers (one system call each); ctl may be NULL. */
long sys_sendmsg_one(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                     uint32_t addrlen, int flags, const struct sys_ctl *ctl);
long sys_recvmsg_one(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                     int flags, int *msg_flags, struct sys_ctl *ctl);

/* sys_sendmsg and sys_recvmsg with control data (sys_cmsg.c); ctl may be NULL. */
long sys_sendmsg_ctl(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                     uint32_t addrlen, int flags, const struct sys_ctl *ctl);
long sys_recvmsg_ctl(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                     int flags, int *msg_flags, struct sys_ctl *ctl);

/* Whether fd is a datagram socket made by sys_socket (or duplicated by sys_dup_socket). */
int sys_is_dgram(int fd);

#endif
