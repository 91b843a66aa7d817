/*
 * Linux's numbers for the IP, IPv6, UDP and extra socket-level options that
 * Winsock's options map onto (providers/base/sockopt_ip.c), checked against
 * the system headers in sys_sockopt.c, and the multicast requests whose
 * Linux layouts differ from Windows' (struct ip_mreq_source orders its
 * fields differently; an interface given by index needs struct ip_mreqn).
 */
#ifndef WS2_SYS_SYS_SOCKOPT_H
#define WS2_SYS_SYS_SOCKOPT_H

#include <stdint.h>

#define SYS_SO_DEBUG    1
#define SYS_SO_NO_CHECK 11

#define SYS_IP_TOS            1
#define SYS_IP_HDRINCL        3
#define SYS_IP_PKTINFO        8
#define SYS_IP_MTU_DISCOVER   10
#define SYS_IP_RECVTTL        12
#define SYS_IP_RECVTOS        13
#define SYS_IP_MULTICAST_IF   32
#define SYS_IP_MULTICAST_TTL  33
#define SYS_IP_MULTICAST_LOOP 34
#define SYS_IP_UNICAST_IF     50
#define SYS_IP_PMTUDISC_DONT  0
#define SYS_IP_PMTUDISC_WANT  1
#define SYS_IP_PMTUDISC_DO    2

#define SYS_IPV6_UNICAST_HOPS    16
#define SYS_IPV6_MULTICAST_IF    17
#define SYS_IPV6_MULTICAST_HOPS  18
#define SYS_IPV6_MULTICAST_LOOP  19
#define SYS_IPV6_ADD_MEMBERSHIP  20
#define SYS_IPV6_DROP_MEMBERSHIP 21
#define SYS_IPV6_MTU_DISCOVER    23
#define SYS_IPV6_RECVPKTINFO     49
#define SYS_IPV6_RECVHOPLIMIT    51
#define SYS_IPV6_DONTFRAG        62
#define SYS_IPV6_RECVTCLASS      66
#define SYS_IPV6_UNICAST_IF      76

/* IPv4 multicast membership changes. */
enum sys_mcast4_op {
    SYS_MCAST4_JOIN,
    SYS_MCAST4_LEAVE,
    SYS_MCAST4_JOIN_SOURCE,
    SYS_MCAST4_LEAVE_SOURCE,
    SYS_MCAST4_BLOCK_SOURCE,
    SYS_MCAST4_UNBLOCK_SOURCE,
};

/*
 * An IPv4 membership change.  Addresses are in network byte order; the
 * interface is iface_addr, or the interface with index ifindex when
 * ifindex is not 0.  source is used by the *_SOURCE operations.
 */
int sys_mcast4(int fd, enum sys_mcast4_op op, uint32_t group, uint32_t source, uint32_t iface_addr,
               int ifindex);

/* IP_MULTICAST_IF: by address (network order), or by index when ifindex is not 0. */
int sys_mcast4_interface(int fd, uint32_t iface_addr, int ifindex);

/* Protocol-independent multicast requests (RFC 3678: MCAST_JOIN_GROUP ...). */
enum sys_mcast_op {
    SYS_MCAST_JOIN_GROUP,
    SYS_MCAST_LEAVE_GROUP,
    SYS_MCAST_BLOCK_SOURCE,
    SYS_MCAST_UNBLOCK_SOURCE,
    SYS_MCAST_JOIN_SOURCE_GROUP,
    SYS_MCAST_LEAVE_SOURCE_GROUP,
};

/*
 * A group_req (source NULL) or group_source_req request at level IPv6 (v6)
 * or IPv4; group and source are Linux socket addresses of their length.
 */
int sys_mcast_group(int fd, int v6, enum sys_mcast_op op, uint32_t ifindex, const void *group,
                    uint32_t group_len, const void *source, uint32_t source_len);

/*
 * Milliseconds since the TCP connection last received data, or since it was
 * made if it has received none (Linux's tcpi_last_data_recv).
 */
int sys_tcp_quiet_ms(int fd, uint32_t *ms);

/*
 * Whether a TCP socket uses RFC 1323 time stamps: on a connection, whether
 * they were negotiated; otherwise the system's setting
 * (net.ipv4.tcp_timestamps), which decides for the connections to come.
 * 0 with *on, or -1 with errno.
 */
int sys_tcp_timestamps(int fd, int *on);

/*
 * Takes every connection waiting on the listening socket fd and resets it
 * (SO_LINGER {1, 0}, then close).  Returns how many were reset.
 */
int sys_refuse_connections(int fd);

#endif
