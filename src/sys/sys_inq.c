/*
 * Receives that also say how much is left (Linux's TCP_INQ, tcp(7)).
 *
 * An overlapped receive that finds the socket empty is queued and finished
 * when the I/O engine reports input; trying it first costs a recvmsg that
 * fails with EAGAIN.  Knowing, from the receive before it, that nothing was
 * left saves that call: with TCP_INQ set, every recvmsg on the socket
 * carries a TCP_CM_INQ control message with the bytes still queued after
 * it.  Linux reports at least 1 once the peer's FIN has come (tcp_inq_hint),
 * so the end of the stream is never mistaken for an empty socket.
 */
#include "sys/sys.h"
#include "sys/sys_msg.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

int sys_tcp_inq_enable(int fd)
{
    int on = 1;
    return setsockopt(fd, IPPROTO_TCP, TCP_INQ, &on, sizeof(on)) == 0 ? 0 : -1;
}

long sys_recv_inq(int fd, struct sys_iovec *iov, unsigned iovcnt, int flags, int *msg_flags,
                  int *left)
{
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct sys_ctl ctl = {control.buf, sizeof(control.buf), 0};
    *left = -1;
    long n = sys_recvmsg_ctl(fd, iov, iovcnt, NULL, NULL, flags, msg_flags, &ctl);
    if (n < 0 || ctl.len < sizeof(struct cmsghdr))
        return n;
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_control = control.buf;
    msg.msg_controllen = ctl.len;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == IPPROTO_TCP && c->cmsg_type == TCP_CM_INQ &&
            c->cmsg_len >= CMSG_LEN(sizeof(int))) {
            int value;
            memcpy(&value, CMSG_DATA(c), sizeof(value));
            *left = value;
        }
    }
    return n;
}
