/*
 * Control data (ancillary data) of one datagram, in neutral terms: what the
 * provider turns into Windows' WSACMSGHDR entries (WSARecvMsg) or takes
 * from them (WSASendMsg).  sys_cmsg.c translates to and from Linux's
 * struct cmsghdr, whose levels, types and payloads differ from Windows'
 * (IP_PKTINFO is 8 on Linux and 19 on Windows, Linux's in_pktinfo has a
 * third member, a received IP_TOS is one byte on Linux and an INT on Windows).
 */
#ifndef WS2_SYS_SYS_CMSG_H
#define WS2_SYS_SYS_CMSG_H

#include "sys/sys.h"

enum sys_cmsg_kind {
    SYS_CMSG_PKTINFO, /* addr, ifindex: IP_PKTINFO / IPV6_PKTINFO */
    SYS_CMSG_TOS,     /* value: IP_TOS / IPV6_TCLASS */
    SYS_CMSG_TTL,     /* value: IP_TTL / IPV6_HOPLIMIT */
};

struct sys_cmsg_item {
    unsigned char kind; /* enum sys_cmsg_kind */
    unsigned char v6;   /* the IPv6 level (16-byte address; TCLASS, HOPLIMIT) */
    int value;
    unsigned ifindex;
    unsigned char addr[16]; /* network order; 4 bytes used for IPv4 */
};

#define SYS_CMSG_MAX 8

struct sys_cmsg {
    unsigned count;
    struct sys_cmsg_item item[SYS_CMSG_MAX];
    /* A receive: Linux itself truncated the control data (MSG_CTRUNC). */
    int truncated;
};

/*
 * sys_recvmsg that also reports the datagram's control data (out->count 0
 * when there is none, or none the provider knows of).
 */
long sys_recvmsg_cmsg(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                      int flags, int *msg_flags, struct sys_cmsg *out);

/*
 * sys_sendmsg with control data (in may be NULL).  EINVAL for an item Linux
 * cannot be given (an IPv4 item on an IPv6 socket is Linux's to refuse).
 */
long sys_sendmsg_cmsg(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                      uint32_t addrlen, int flags, const struct sys_cmsg *in);

#endif
