/*
 * What Linux's TCP_INFO tells about arrivals on a TCP socket.  Kept apart
 * from sys_socket.c because the fields needed (tcpi_bytes_received) are in
 * <linux/tcp.h>'s struct tcp_info only, which clashes with glibc's
 * <netinet/tcp.h>.
 */
#include "sys/sys.h"

#include <linux/tcp.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>

/* TCP_LISTEN in the kernel's enum of TCP states (include/net/tcp_states.h). */
#define SYS__TCP_LISTEN 10

int sys_tcp_arrivals(int fd, uint64_t *count)
{
    struct tcp_info info;
    socklen_t len = sizeof(info);
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0)
        return -1;
    if (info.tcpi_state == SYS__TCP_LISTEN) {
        /* For a listener Linux reports the length of its accept queue as tcpi_unacked. */
        *count = info.tcpi_unacked;
        return 0;
    }
    /* tcpi_bytes_received came with Linux 4.1; an older kernel says nothing. */
    if (len < offsetof(struct tcp_info, tcpi_bytes_received) + sizeof(info.tcpi_bytes_received))
        return -1;
    *count = info.tcpi_bytes_received;
    return 0;
}

/* The kernel's TCP states (include/net/tcp_states.h) that sys_connect_result tells apart. */
#define SYS__TCP_SYN_SENT 2
#define SYS__TCP_SYN_RECV 3
#define SYS__TCP_CLOSE    7

int sys_connect_result(int fd, int *error)
{
    /*
     * tcpi_state is the first byte of struct tcp_info, and Linux copies only
     * as much as it is asked for: one byte says whether the connect still
     * goes on, in one system call where a poll for output and SO_ERROR take
     * two.
     */
    unsigned char state;
    socklen_t len = sizeof(state);
    _Static_assert(offsetof(struct tcp_info, tcpi_state) == 0, "tcpi_state first");
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &state, &len) != 0 || len != sizeof(state))
        return -1;
    if (state == SYS__TCP_SYN_SENT || state == SYS__TCP_SYN_RECV)
        return 0;
    *error = 0;
    if (state == SYS__TCP_CLOSE) {
        /* Refused, reset, timed out: the error is SO_ERROR's (taken, as poll and SO_ERROR did). */
        socklen_t elen = sizeof(*error);
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, error, &elen) != 0)
            *error = 0;
    }
    return 1;
}
