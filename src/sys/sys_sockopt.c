/* Linux's side of the IP-level options (sys_sockopt.h). */
#include "sys/sys_sockopt.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

_Static_assert(SYS_SO_DEBUG == SO_DEBUG && SYS_SO_NO_CHECK == SO_NO_CHECK, "socket options");
_Static_assert(SYS_IP_TOS == IP_TOS && SYS_IP_HDRINCL == IP_HDRINCL &&
                   SYS_IP_PKTINFO == IP_PKTINFO && SYS_IP_MTU_DISCOVER == IP_MTU_DISCOVER &&
                   SYS_IP_RECVTTL == IP_RECVTTL && SYS_IP_RECVTOS == IP_RECVTOS &&
                   SYS_IP_MULTICAST_IF == IP_MULTICAST_IF &&
                   SYS_IP_MULTICAST_TTL == IP_MULTICAST_TTL &&
                   SYS_IP_MULTICAST_LOOP == IP_MULTICAST_LOOP && SYS_IP_UNICAST_IF == IP_UNICAST_IF,
               "IPv4 options");
_Static_assert(SYS_IP_PMTUDISC_DONT == IP_PMTUDISC_DONT &&
                   SYS_IP_PMTUDISC_WANT == IP_PMTUDISC_WANT && SYS_IP_PMTUDISC_DO == IP_PMTUDISC_DO,
               "path MTU discovery modes");
_Static_assert(SYS_IPV6_UNICAST_HOPS == IPV6_UNICAST_HOPS &&
                   SYS_IPV6_MULTICAST_IF == IPV6_MULTICAST_IF &&
                   SYS_IPV6_MULTICAST_HOPS == IPV6_MULTICAST_HOPS &&
                   SYS_IPV6_MULTICAST_LOOP == IPV6_MULTICAST_LOOP &&
                   SYS_IPV6_ADD_MEMBERSHIP == IPV6_ADD_MEMBERSHIP &&
                   SYS_IPV6_DROP_MEMBERSHIP == IPV6_DROP_MEMBERSHIP &&
                   SYS_IPV6_MTU_DISCOVER == IPV6_MTU_DISCOVER &&
                   SYS_IPV6_RECVPKTINFO == IPV6_RECVPKTINFO &&
                   SYS_IPV6_RECVHOPLIMIT == IPV6_RECVHOPLIMIT &&
                   SYS_IPV6_DONTFRAG == IPV6_DONTFRAG && SYS_IPV6_RECVTCLASS == IPV6_RECVTCLASS &&
                   SYS_IPV6_UNICAST_IF == IPV6_UNICAST_IF,
               "IPv6 options");

int sys_mcast4(int fd, enum sys_mcast4_op op, uint32_t group, uint32_t source, uint32_t iface_addr,
               int ifindex)
{
    if (op == SYS_MCAST4_JOIN || op == SYS_MCAST4_LEAVE) {
        /* ip_mreqn takes either the interface's address or its index. */
        struct ip_mreqn m;
        memset(&m, 0, sizeof(m));
        m.imr_multiaddr.s_addr = group;
        m.imr_address.s_addr = ifindex ? 0 : iface_addr;
        m.imr_ifindex = ifindex;
        return setsockopt(fd, IPPROTO_IP,
                          op == SYS_MCAST4_JOIN ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP, &m,
                          sizeof(m));
    }
    /* Source-specific requests name the interface by address only (struct ip_mreq_source). */
    struct ip_mreq_source m;
    memset(&m, 0, sizeof(m));
    m.imr_multiaddr.s_addr = group;
    m.imr_sourceaddr.s_addr = source;
    m.imr_interface.s_addr = iface_addr;
    int name = op == SYS_MCAST4_JOIN_SOURCE    ? IP_ADD_SOURCE_MEMBERSHIP
               : op == SYS_MCAST4_LEAVE_SOURCE ? IP_DROP_SOURCE_MEMBERSHIP
               : op == SYS_MCAST4_BLOCK_SOURCE ? IP_BLOCK_SOURCE
                                               : IP_UNBLOCK_SOURCE;
    return setsockopt(fd, IPPROTO_IP, name, &m, sizeof(m));
}

int sys_mcast4_interface(int fd, uint32_t iface_addr, int ifindex)
{
    struct ip_mreqn m;
    memset(&m, 0, sizeof(m));
    m.imr_address.s_addr = ifindex ? 0 : iface_addr;
    m.imr_ifindex = ifindex;
    return setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &m, sizeof(m));
}

int sys_mcast_group(int fd, int v6, enum sys_mcast_op op, uint32_t ifindex, const void *group,
                    uint32_t group_len, const void *source, uint32_t source_len)
{
    static const int names[] = {MCAST_JOIN_GROUP,        MCAST_LEAVE_GROUP,
                                MCAST_BLOCK_SOURCE,      MCAST_UNBLOCK_SOURCE,
                                MCAST_JOIN_SOURCE_GROUP, MCAST_LEAVE_SOURCE_GROUP};
    int level = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
    if (group_len > sizeof(struct sockaddr_storage) || source_len > sizeof(struct sockaddr_storage))
        return -1;
    if (!source) {
        struct group_req r;
        memset(&r, 0, sizeof(r));
        r.gr_interface = ifindex;
        memcpy(&r.gr_group, group, group_len);
        return setsockopt(fd, level, names[op], &r, sizeof(r));
    }
    struct group_source_req r;
    memset(&r, 0, sizeof(r));
    r.gsr_interface = ifindex;
    memcpy(&r.gsr_group, group, group_len);
    memcpy(&r.gsr_source, source, source_len);
    return setsockopt(fd, level, names[op], &r, sizeof(r));
}

int sys_tcp_quiet_ms(int fd, uint32_t *ms)
{
    struct tcp_info info;
    socklen_t len = sizeof(info);
    memset(&info, 0, sizeof(info));
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) < 0)
        return -1;
    *ms = info.tcpi_last_data_recv;
    return 0;
}

int sys_tcp_timestamps(int fd, int *on)
{
    struct tcp_info info;
    socklen_t len = sizeof(info);
    memset(&info, 0, sizeof(info));
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) < 0)
        return -1;
    /* Past the handshake the connection's own options say; before it, the system's setting. */
    if (info.tcpi_state != TCP_CLOSE && info.tcpi_state != TCP_LISTEN &&
        info.tcpi_state != TCP_SYN_SENT && info.tcpi_state != TCP_SYN_RECV) {
        *on = (info.tcpi_options & TCPI_OPT_TIMESTAMPS) != 0;
        return 0;
    }
    /* The file is the network namespace's own; missing (no /proc), Linux's default: on. */
    *on = 1;
    int sysctl = open("/proc/sys/net/ipv4/tcp_timestamps", O_RDONLY | O_CLOEXEC);
    if (sysctl >= 0) {
        char text[16] = {0};
        ssize_t n = read(sysctl, text, sizeof(text) - 1);
        close(sysctl);
        if (n > 0)
            *on = atoi(text) != 0;
    }
    return 0;
}

int sys_refuse_connections(int fd)
{
    int count = 0;
    for (;;) {
        int c = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (c < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return count; /* EAGAIN: none left */
        }
        struct linger reset = {1, 0};
        setsockopt(c, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
        close(c);
        count++;
    }
}
