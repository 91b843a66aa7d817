/*
 * Between sys_socket.c, which makes one sendmsg or recvmsg and reports its
 * failures as sys.h says, and sys_msg.c, which makes a transfer of any
 * number of buffers out of them (sys_sendmsg, sys_recvmsg).
 */
#ifndef WS2_SYS_SYS_MSG_H
#define WS2_SYS_SYS_MSG_H

#include "sys/sys.h"

/* sys_sendmsg and sys_recvmsg for at most 1024 buffers (one system call each). */
long sys_sendmsg_one(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                     uint32_t addrlen, int flags);
long sys_recvmsg_one(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                     int flags, int *msg_flags);

/* Whether fd is a datagram socket made by sys_socket (or duplicated by sys_dup_socket). */
int sys_is_dgram(int fd);

#endif
