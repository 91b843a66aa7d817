/*
 * The Linux system interface.  The files in src/sys/ are the only ones that
 * include Linux networking headers; everything above them sees Windows names
 * (AF_INET6 is 23 there, SOL_SOCKET is 0xffff), so the two worlds never meet
 * in one translation unit.  This header therefore speaks neutral C: plain
 * ints, sized integers, and SYS_ constants that sys_*.c check against the
 * Linux headers at compile time.
 *
 * Every function returns -1 and sets errno on failure, like the system call
 * it wraps.  Linux descriptors are always non-blocking and close-on-exec: the
 * providers implement Winsock's blocking semantics themselves.
 */
#ifndef WS2_SYS_SYS_H
#define WS2_SYS_SYS_H

#include <stddef.h>
#include <stdint.h>

/* --- Waiting ------------------------------------------------------------ */

/* Same layout as Linux's struct pollfd (checked in sys_wait.c). */
struct sys_pollfd {
    int fd;
    short events;
    short revents;
};

#define SYS_POLLIN    0x001
#define SYS_POLLPRI   0x002
#define SYS_POLLOUT   0x004
#define SYS_POLLERR   0x008
#define SYS_POLLHUP   0x010
#define SYS_POLLNVAL  0x020
#define SYS_POLLRDHUP 0x2000

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t sys_now_ns(void);

/* poll() with an absolute CLOCK_MONOTONIC deadline; deadline_ns < 0 waits forever. */
int sys_poll_until(struct sys_pollfd *fds, unsigned nfds, int64_t deadline_ns);

/* A non-blocking eventfd used as a thread's wake-up. */
int sys_eventfd(void);
void sys_eventfd_signal(int fd);
void sys_eventfd_drain(int fd);

/*
 * An edge set (epoll, edge-triggered): its descriptor polls readable once a
 * descriptor added to it has had a wake-up (anything Linux reports for it:
 * data, room to send, a state change, an error) since the last
 * sys_edge_drain.  For descriptors whose poll answer is "ready" for good (a
 * TCP socket that is not connected is always hung up for Linux), which poll
 * cannot wait on, but whose change must still be seen at once.
 * sys_edge_open: the set's descriptor, or -1; sys_edge_add: 0, or -1 (a
 * descriptor already in it counts as added); close the set with sys_close.
 */
int sys_edge_open(void);
int sys_edge_add(int set, int fd);
void sys_edge_remove(int set, int fd);
void sys_edge_drain(int set);

int sys_close(int fd);

/* --- Sockets ------------------------------------------------------------ */

/* Linux's values, checked against the system headers in sys_socket.c. */
#define SYS_AF_INET       2
#define SYS_AF_INET6      10
#define SYS_AF_UNIX       1
#define SYS_SOCK_STREAM   1
#define SYS_SOCK_DGRAM    2
#define SYS_SOL_SOCKET    1
#define SYS_SO_REUSEADDR  2
#define SYS_SO_TYPE       3
#define SYS_SO_ERROR      4
#define SYS_SO_DONTROUTE  5
#define SYS_SO_BROADCAST  6
#define SYS_SO_SNDBUF     7
#define SYS_SO_RCVBUF     8
#define SYS_SO_KEEPALIVE  9
#define SYS_SO_OOBINLINE  10
#define SYS_SO_LINGER     13
#define SYS_SO_ACCEPTCONN 30
#define SYS_IPPROTO_IP    0
#define SYS_IPPROTO_TCP   6
#define SYS_IPPROTO_UDP   17
#define SYS_IPPROTO_IPV6  41
#define SYS_TCP_NODELAY   1
#define SYS_IP_TTL        2
#define SYS_IPV6_V6ONLY   26
#define SYS_MSG_OOB       0x01
#define SYS_MSG_PEEK      0x02
#define SYS_MSG_DONTROUTE 0x04
#define SYS_MSG_CTRUNC    0x08
#define SYS_MSG_TRUNC     0x20
#define SYS_MSG_DONTWAIT  0x40
#define SYS_MSG_WAITALL   0x100
#define SYS_MSG_NOSIGNAL  0x4000
#define SYS_SHUT_RD       0
#define SYS_SHUT_WR       1
#define SYS_SHUT_RDWR     2

/* TCP_USER_TIMEOUT: no Winsock option sets it; tests shorten a connection's life with it. */
#define SYS_TCP_USER_TIMEOUT 18

/* Keep-alive tuning (Windows' TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT; SIO_KEEPALIVE_VALS). */
#define SYS_TCP_KEEPIDLE  4
#define SYS_TCP_KEEPINTVL 5
#define SYS_TCP_KEEPCNT   6

/* Same layout as struct iovec. */
struct sys_iovec {
    void *base;
    size_t len;
};

/* A socket address buffer large enough for any family (struct sockaddr_storage). */
#define SYS_SOCKADDR_MAX 128

int sys_socket(int family, int type, int protocol);
/*
 * sys_icmp.c: a socket for SOCK_RAW (Windows): Linux's raw socket, or for
 * ICMP/ICMPv6 when raw sockets are refused a ping socket (*ping 1); -1
 * with errno EACCES when neither is allowed (sys_icmp.c explains).
 */
int sys_raw_socket(int family, int protocol, int *ping);
/* sys_socket.c: records a socket made elsewhere in this layer (flags: SYS_PING_V4/V6 or 0). */
#define SYS_PING_V4 1
#define SYS_PING_V6 2
void sys_socket_made(int fd, int ping);
/* The SYS_PING_* a descriptor was made with, or 0. */
int sys_is_ping(int fd);
struct sys_iovec;
/* sys_icmp.c: the ping socket's send and receive adjustments (sys_icmp.c explains). */
void sys_icmp_before_send(int fd, const struct sys_iovec *iov, unsigned iovcnt);
long sys_icmp_recv4(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                    int flags, int *msg_flags);

/* sys_unix.c: the process id of a connected Unix domain socket's peer (SO_PEERCRED). */
int sys_unix_peer_pid(int fd, uint32_t *pid);
int sys_bind(int fd, const void *addr, uint32_t len);
/*
 * bind for a stream socket with Windows' rules: the port of connections in
 * TIME_WAIT can be bound again, a live socket on it still refuses a second
 * one (EADDRINUSE) unless both allow sharing (the application's
 * SO_REUSEADDR) and it is not listening.  Enforced by Linux across
 * processes; see sys_socket.c, "Sharing a port".
 */
#define SYS_BIND_UNSHARED  0 /* no option: Windows' default */
#define SYS_BIND_SHARED    1 /* SO_REUSEADDR */
#define SYS_BIND_EXCLUSIVE 2 /* SO_EXCLUSIVEADDRUSE: its accepted connections keep the port too */
/*
 * Or'd into the sharing of a bind to port 0: the port is chosen by the
 * connect (IP_BIND_ADDRESS_NO_PORT), which may give one port to connections
 * to different peers and passes ports that TIME_WAIT holds where bind must
 * search for a free one.  Until then Linux reports port 0; a later
 * sys_bind_stream on the socket (without the flag) chooses the port.
 */
#define SYS_BIND_PORT_LATER 0x10
int sys_bind_stream(int fd, const void *addr, uint32_t len, int sharing);
/* A socket is being released (sys_close, sys_retire, sys_dup_onto call it): its port may be shared
 * from now on, and a port's ring lets go of its file (ring_files.h). */
void sys_socket_closing(int fd);
int sys_listen(int fd, int backlog);
int sys_accept(int fd, void *addr, uint32_t *len);
int sys_connect(int fd, const void *addr, uint32_t len);
int sys_shutdown(int fd, int how);
int sys_getsockname(int fd, void *addr, uint32_t *len);
/*
 * sys_name.c: the local name of a connection accepted from listen_fd: the
 * listener's own, kept since it started listening, when it listens on one
 * address; getsockname's otherwise.  0 or -1 with errno.
 */
int sys_accepted_name(int listen_fd, int fd, void *addr, uint32_t *len);
int sys_getpeername(int fd, void *addr, uint32_t *len);
/*
 * The peer a stream socket was connected (or is connecting) to, also after
 * the connection ended; -1 with ENOTCONN when it has none.
 */
int sys_getpeername_kept(int fd, void *addr, uint32_t *len);
int sys_setsockopt(int fd, int level, int name, const void *value, uint32_t len);
/* sys_broadcast.c: 1 if a Linux IPv4 address is a broadcast destination for Linux's routing, else
 * 0. */
int sys_is_broadcast(const void *addr, uint32_t len);
int sys_getsockopt(int fd, int level, int name, void *value, uint32_t *len);
int sys_set_linger(int fd, int onoff, int seconds);

/*
 * sendmsg/recvmsg; addr may be NULL.  *msg_flags receives recvmsg's flags.
 * Two kinds of failure are reported as Winsock reports them rather than as
 * Linux does (see "How connections end" below): the end of a connection,
 * and ICMP errors about datagrams.
 */
long sys_sendmsg(int fd, const struct sys_iovec *iov, unsigned iovcnt, const void *addr,
                 uint32_t addrlen, int flags);
long sys_recvmsg(int fd, struct sys_iovec *iov, unsigned iovcnt, void *addr, uint32_t *addrlen,
                 int flags, int *msg_flags);

/*
 * sys_inq.c: TCP_INQ on a TCP socket (0, or -1 where Linux refuses it), and
 * sys_recvmsg without an address that also sets *left to the bytes still
 * queued after it when the socket has TCP_INQ (at least 1 once the peer's
 * FIN has come), -1 when Linux did not say.
 */
int sys_tcp_inq_enable(int fd);
long sys_recv_inq(int fd, struct sys_iovec *iov, unsigned iovcnt, int flags, int *msg_flags,
                  int *left);

/*
 * sys_sendfile.c: sendfile(2) of up to count bytes of file from *offset
 * (advanced by what was sent; the file's own position does not move) to
 * the non-blocking socket sock.  0 at the end of the file; -1 with errno
 * (EAGAIN: the socket is full), never SIGPIPE, a connection's end named as
 * sys_sendmsg names it.
 */
long sys_sendfile(int sock, int file, uint64_t *offset, size_t count);

/*
 * --- How connections end, and ICMP errors about datagrams ---------------
 *
 * Linux reports the abortive end of a TCP connection once, to whichever
 * call comes first, and then only end-of-stream or EPIPE; Winsock reports
 * it to every later call, as the connection "is no longer usable"
 * (recv.md).  sys_recvmsg and sys_sendmsg therefore remember, per socket
 * made by sys_socket or sys_accept, the errno a connection ended with and
 * report it again, and they name what Linux calls ETIMEDOUT on an
 * established connection: ECONNABORTED when retransmissions (or
 * TCP_USER_TIMEOUT) gave up, ENETRESET when keep-alive probes went
 * unanswered (sys_timeout_errno).  A reset that arrives after the peer's FIN
 * is not hidden by the end of the stream, as Linux would hide it.
 *
 * Linux reports an ICMP error about a datagram only on a connected socket,
 * and then to whichever call comes next; Winsock reports it to the next
 * receive, connected or not, once per ICMP message, and a send is never
 * failed by it.  Datagram sockets made by sys_socket have IP_RECVERR (and
 * IPV6_RECVERR) set, and sys_recvmsg takes each ICMP message off the error
 * queue: one that the socket reports (sys_dgram_report) fails the receive
 * with ECONNRESET (port unreachable) or ENETRESET (time exceeded), any
 * other is dropped and the receive goes on.  A send that Linux failed with
 * the pending ICMP error is made again.
 */
#define SYS_ICMP_PORT_UNREACHABLE 0x1
#define SYS_ICMP_TIME_EXCEEDED    0x2

/* Turns reporting of a SYS_ICMP_* kind on or off for a datagram socket (all off at first). */
int sys_dgram_report(int fd, unsigned kind, int on);

/* The SYS_ICMP_* kind of an ICMP (v6 0) or ICMPv6 (v6 1) message type and code, or 0. */
unsigned sys_icmp_kind(int v6, int type, int code);

/*
 * The errno of an established connection that timed out: ENETRESET when
 * keep-alive probes did (keep-alive on and nothing unacknowledged: TCP
 * probes only an idle connection), ECONNABORTED otherwise.
 */
int sys_timeout_errno(int keepalive, int unacked_bytes);

/*
 * Ends a TCP connection with a reset, keeping the descriptor: an AF_UNSPEC
 * connect (Linux's tcp_disconnect), which sends RST from ESTABLISHED or
 * CLOSE_WAIT and drops what is queued.  Later transfers fail with
 * ECONNABORTED.
 */
int sys_tcp_abort(int fd);

/*
 * Takes the socket's pending error (SO_ERROR), named and remembered as the
 * transfers would have; 0 if there is none.  For a datagram socket always 0:
 * its ICMP errors are for its receives.
 */
int sys_take_error(int fd);

/* The errno a stream socket's connection ended with, as first reported; 0 while it has not. */
int sys_connection_end(int fd);

/*
 * What a stream socket's transfer that Linux ran elsewhere (a port's ring)
 * reports, as sys_recvmsg_one and sys_sendmsg_one would have: e is the
 * failure's errno, or 0 for a receive that found the end of the stream.
 * The connection's end once it has one, every time; 0 for an orderly end.
 */
int sys_stream_result(int fd, int e);

/*
 * sys_tcpinfo.c: a count that grows when something new arrives on a TCP
 * socket: for a listener the length of its accept queue, for a connection
 * every byte it has received.  0, or -1 when Linux cannot say.
 */
int sys_tcp_arrivals(int fd, uint64_t *count);

/*
 * sys_tcpinfo.c: how a TCP socket's non-blocking connect stands: 0 while it
 * goes on, 1 when it has ended, with *error the errno it failed with (its
 * SO_ERROR, taken) or 0 for a connection made; -1 when Linux cannot say (not
 * a TCP socket), and the caller asks poll and SO_ERROR.
 */
int sys_connect_result(int fd, int *error);

/* Bytes readable now (FIONREAD), and whether the read mark is at urgent data (SIOCATMARK). */
int sys_readable_bytes(int fd, int *bytes);
int sys_at_mark(int fd, int *at_mark);
/*
 * Bytes sent but not yet acknowledged plus bytes not yet sent (SIOCOUTQ);
 * 0 once the connection is closed (reset) and none of it can be delivered.
 */
int sys_unacked_bytes(int fd, int *bytes);

/*
 * Replaces fd by a placeholder (an open /dev/null) in one atomic step:
 * the socket is released — with its FIN or RST — while the descriptor number
 * stays taken, so a thread still holding the number can never reach a new
 * socket that happens to get it.  Closing fd later closes the placeholder.
 */
int sys_retire(int fd);

/* dup3(from, onto, O_CLOEXEC): onto now names from's file (its old one is released). */
int sys_dup_onto(int from, int onto);

/*
 * A new descriptor (close-on-exec) for fd's socket, with what sys_recvmsg and
 * sys_sendmsg remember about it (its kind, how its connection ended, the
 * ICMP errors it reports); a socket received from another process gets its
 * kind from SO_TYPE.  For shared sockets (WSADuplicateSocket).
 */
int sys_dup_socket(int fd);

/* Opens the placeholder ahead of time (the first WSPStartup), so no close has to. */
int sys_retire_prepare(void);

#endif
