/*
 * What the socket controls that watch or measure the network need from
 * Linux (providers/base/ioctl_*.c): a subscription to rtnetlink's address
 * and route announcements (SIO_ADDRESS_LIST_CHANGE,
 * SIO_ROUTING_INTERFACE_CHANGE), the source address Linux would pick for a
 * destination (SIO_ROUTING_INTERFACE_QUERY), and a connection's send rate
 * (SIO_IDEAL_SEND_BACKLOG_QUERY).  Neutral C, like sys.h.
 */
#ifndef WS2_SYS_SYS_IFWATCH_H
#define WS2_SYS_SYS_IFWATCH_H

#include <stdint.h>

/* Interface flags beyond those sys_ifaddr.h names (IFF_*, net/if.h). */
#define SYS_IFF_BROADCAST   0x2
#define SYS_IFF_POINTOPOINT 0x10

/* What sys_ifwatch_read saw change (bits). */
#define SYS_IFWATCH_ADDR4  0x1 /* an IPv4 address came or went */
#define SYS_IFWATCH_ADDR6  0x2
#define SYS_IFWATCH_ROUTE4 0x4 /* an IPv4 route came or went */
#define SYS_IFWATCH_ROUTE6 0x8

/*
 * A non-blocking rtnetlink socket that receives the announcements named by
 * the SYS_IFWATCH_* bits in what (close-on-exec).  The descriptor, or -1
 * with errno.  Close it with sys_close.
 */
int sys_ifwatch_open(unsigned what);

/*
 * Reads every announcement waiting on fd and returns the SYS_IFWATCH_* bits
 * of what they changed (0: nothing, or nothing that counts).  When the
 * kernel dropped announcements (the socket's buffer overflowed) every bit
 * is set: something may have changed.
 */
unsigned sys_ifwatch_read(int fd);

/*
 * The local address Linux would send from to reach dest (a Linux sockaddr
 * of dest_len bytes): a connected UDP socket's name, which is what Linux's
 * route lookup chose, without sending anything.  0 with *src and *src_len
 * (room for it on entry), or -1 with errno (ENETUNREACH: no route).
 */
int sys_route_source(const void *dest, uint32_t dest_len, void *src, uint32_t *src_len);

/* A TCP connection's rate estimate (TCP_INFO). */
struct sys_tcp_rate {
    uint64_t delivery_rate; /* bytes a second, 0 before any data was acknowledged */
    uint32_t rtt_us;        /* smoothed round-trip time */
    uint32_t state;         /* SYS_TCP_STATE_* */
};
/* tcpi_state values (the kernel's net/tcp_states.h; no user header names them with linux/tcp.h). */
#define SYS_TCP_STATE_ESTABLISHED 1
#define SYS_TCP_STATE_CLOSE_WAIT  8

/* Fills *rate for a TCP socket; 0, or -1 with errno. */
int sys_tcp_rate(int fd, struct sys_tcp_rate *rate);

#endif
