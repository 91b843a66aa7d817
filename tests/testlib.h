/*
 * Shared helpers for the test programs.  Tests are written as a Windows
 * programmer would write them (winsock2.h, CreateThread), run under cmocka,
 * and talk to a real peer over loopback.
 */
#ifndef WS2_TESTLIB_H
#define WS2_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <winsock2.h>
#include <ws2tcpip.h>

/* Asserts that the last call failed with the given Winsock error. */
#define assert_wsa_error(expected) assert_int_equal(WSAGetLastError(), (expected))

/* Starts and cleans up Winsock around each test (cmocka setup/teardown). */
int ws2t_setup(void **state);
int ws2t_teardown(void **state);

/* A TCP listener on 127.0.0.1 (or ::1) with an ephemeral port; fills addr. */
SOCKET ws2t_listener(int af, struct sockaddr_storage *addr, int *addrlen);

/* A connected TCP pair over loopback: *client connected to *server (the accepted end). */
void ws2t_tcp_pair(int af, SOCKET *client, SOCKET *server);

/* A connected TCP pair whose server side is on port under key, with a receive pending on it. */
struct ws2t_pending_pair {
    SOCKET client, server;
    WSAOVERLAPPED ov; /* the receive's */
    WSABUF buf;
    char data[256];
};
void ws2t_pending_pair_open(struct ws2t_pending_pair *p, HANDLE port, ULONG_PTR key);
void ws2t_pending_pair_close(struct ws2t_pending_pair *p);

/* A UDP socket bound to 127.0.0.1 with an ephemeral port. */
SOCKET ws2t_udp_bound(struct sockaddr_in *addr);

/* Fills the peer's receive window and our send buffer so that data stays queued. */
size_t ws2t_fill_until_blocked(SOCKET s);

/* Sets the socket's blocking mode (FIONBIO). */
void ws2t_set_nonblocking(SOCKET s, int on);

/* Reads until EOF or error; returns bytes read and the final recv result/error. */
size_t ws2t_drain(SOCKET s, int *last_result, int *last_error);

/* Milliseconds on a monotonic clock. */
uint64_t ws2t_now_ms(void);

/* The same with a fraction (QueryPerformanceCounter), for short intervals. */
double ws2t_now_ms_fine(void);

/* in (ASCII) as a NUL-terminated WCHAR string in out. */
void ws2t_wide(const char *in, WCHAR *out);

/* The whole catalog from WSCEnumProtocols into out (at most max); the count, > 0 or the test fails.
 */
int ws2t_wsc_all(WSAPROTOCOL_INFOW *out, int max);

/* A new completion port (CreateIoCompletionPort) that must succeed. */
HANDLE ws2t_new_port(void);

/* Takes one packet from port within ms and checks it is ov's, successful, with bytes. */
void ws2t_expect_done(HANDLE port, WSAOVERLAPPED *ov, DWORD bytes, DWORD ms);

/* An overlapped WSARecv of len bytes into buf on s (*wb describes it), which must pend. */
void ws2t_recv_pending(SOCKET s, WSAOVERLAPPED *ov, WSABUF *wb, char *buf, ULONG len);

/*
 * The extension function with this WSAID_* GUID (AcceptEx, ConnectEx ...)
 * for socket s, through SIO_GET_EXTENSION_FUNCTION_POINTER, which must
 * succeed and report a pointer's size.
 */
void *ws2t_extension(SOCKET s, GUID id);

/* CreateThread that must succeed. */
HANDLE ws2t_thread(LPTHREAD_START_ROUTINE fn, void *arg);

/* Waits (up to 10 s, or the test fails) for a thread to end, and closes its handle. */
void ws2t_join(HANDLE thread);

/* An interlocked read of a LONG that other threads change. */
LONG ws2t_load(volatile LONG *p);

/* Open Linux descriptors of this process (/proc/self/fd), to catch leaks. */
int ws2t_open_fds(void);

/*
 * Waits (up to 5 s) for the count of open descriptors to come back to
 * expected — a thread that has been waited for may still be tearing down —
 * and returns the last count seen.
 */
int ws2t_settled_fds(int expected);

/* Whether the TCP connection local_port <-> remote_port is in TIME_WAIT (/proc/net/tcp*). */
int ws2t_time_wait(unsigned short local_port, unsigned short remote_port);

/*
 * A raw Linux peer on loopback, outside ws2posix (it outlives WSACleanup).
 * ws2t_raw_drain returns 0 for an orderly end, 1 for a reset, 2 for a
 * timeout (no data for timeout_ms), -1 for another error.
 */
int ws2t_raw_listen(unsigned short *port);
int ws2t_raw_accept(int listen_fd);
int ws2t_raw_close(int fd);
/* A raw client connected to 127.0.0.1:port (host order), or -1 (refused, say). */
int ws2t_raw_connect(unsigned short port);
int ws2t_raw_drain(int fd, size_t *bytes, int timeout_ms);

/*
 * A fresh page from mmap with access 0 (none), 1 (read-only) or 3 (read and
 * write), zero-filled; for the bad-pointer tests (memory the library must
 * ask the kernel about).
 */
void *ws2t_page(int access);

/* A read-write page (zero-filled) right before a page that cannot be touched. */
void *ws2t_guarded_page(void);

/* Makes such a page read-only once the test has filled it. */
void ws2t_page_seal(void *page);

/*
 * Memory laid out as a glibc malloc arena heap is: an anonymous mapping on
 * a 64 MiB boundary, read-write for its first rw bytes (a multiple of the
 * page size) and reserved without access for the rest of 64 MiB.  NULL on
 * failure; never unmapped.
 */
void *ws2t_arena_like_heap(size_t rw);

/*
 * Starts (on) or stops a timer that sends the process SIGALRM every 20 µs,
 * to a handler that does nothing, installed without SA_RESTART: what a
 * profiler's or libFuzzer's timer does to a program.  Stopping returns how
 * many signals were handled since the start.
 */
unsigned long ws2t_signal_storm(int on);

/* A TCP socket of ours connected to a raw peer; *raw gets the peer's descriptor. */
SOCKET ws2t_connect_to_raw(int *raw);

/*
 * Child processes for tests of process exit.  ws2t_spawn_self runs the test
 * program again as "child <scenario> <arg>" (main must hand such a call to
 * the scenario) with its standard output piped to *out_fd; ws2t_read_line
 * reads one line of it (-1 on timeout or end); ws2t_wait_child returns the
 * exit status (128 + signal if killed), -2 if the child did not end within
 * timeout_ms (it is then killed).
 */
int ws2t_spawn_self(const char *scenario, const char *arg, int *out_fd);
int ws2t_read_line(int fd, char *buf, int size, int timeout_ms);
int ws2t_wait_child(int pid, int timeout_ms);
void ws2t_kill_child(int pid);

/*
 * Linux's own view of the network interfaces (getifaddrs, if_nameindex),
 * to check the IP Helper functions against.  ws2t_linux_has_address: whether
 * the interface with index ifindex has the IPv4 (v6 0, 4 bytes) or IPv6
 * (16 bytes) address, -1 on error; ws2t_linux_address_count: IPv4 (v 4),
 * IPv6 (6) or both (0) addresses of all interfaces; ws2t_linux_interfaces:
 * how many interfaces, and in *not_loopback how many are not loopback.
 */
int ws2t_linux_has_address(int v6, const unsigned char *addr, unsigned ifindex);
int ws2t_linux_address_count(int v);
unsigned ws2t_linux_ifindex(const char *name);
int ws2t_linux_interfaces(int *not_loopback);
/* Whether Linux routes the limited broadcast 255.255.255.255 (a machine with only lo does not). */
int ws2t_linux_broadcast_routed(void);

/*
 * Turns a Linux receive option on for this process's UDP socket bound to
 * port (host order), beneath the library: "IP_PKTINFO", "IP_RECVTTL",
 * "IP_RECVTOS", "IPV6_RECVPKTINFO", "IPV6_RECVHOPLIMIT", "IPV6_RECVTCLASS".
 * For test_msg, which checks how WSARecvMsg reports the control data
 * whatever turned it on.  0, or -1.
 */
int ws2t_linux_recv_option(unsigned short port, const char *option);

/*
 * A private user and network namespace for this process (which must not
 * have started a thread yet), its loopback interface up: 0, or -1 where
 * the system refuses one.  ws2t_linux_change_address adds (add 1) or
 * removes an IPv4 (v6 0, 4 bytes) or IPv6 address on its loopback
 * interface; 0 or -1.
 */
int ws2t_private_netns(void);
int ws2t_linux_change_address(int add, int v6, const unsigned char *addr, unsigned prefix);

/*
 * io_uring as Linux lets this process have it: ws2t_linux_uring_count,
 * how many io_uring instances the process holds (-1 on error);
 * ws2t_linux_uring_allowed, whether it may make one (1) or not (0);
 * ws2t_linux_refuse_uring, a system-call filter from here on that fails
 * io_uring_setup with EPERM, as a container's seccomp profile does (0, or
 * -1 if the filter could not be installed).
 */
int ws2t_linux_uring_count(void);
int ws2t_linux_uring_allowed(void);
int ws2t_linux_refuse_uring(void);

/* Whether Linux lets this process open a raw (ping 0) or ping (1) ICMP (v6 0) or ICMPv6 socket. */
int ws2t_linux_icmp_allowed(int ping, int v6);

/*
 * Whether a live socket of any program holds the TCP port (host order) on
 * the loopback address (::1 with v6): Linux's own bind of a socket with
 * SO_REUSEADDR, which passes TIME_WAIT and nothing else, fails.  1 taken,
 * 0 free but for TIME_WAIT, -1 on another error.  For tests that rebind a
 * port in TIME_WAIT and must tell a refusal of ours from a port another
 * program (a parallel test) has taken meanwhile.
 */
int ws2t_linux_port_taken(int v6, unsigned short port);

/*
 * What the calling thread has used so far (getrusage RUSAGE_THREAD): the
 * times it blocked (voluntary context switches) and its CPU time in ms.
 * For tests that a wait sleeps until something happens and does not poll.
 */
void ws2t_thread_usage(long *sleeps, double *cpu_ms);

/* The local and the remote port of a socket. */
unsigned short ws2t_local_port(SOCKET s);
unsigned short ws2t_remote_port(SOCKET s);

/* Fills *a with the loopback address of af (::1 or 127.0.0.1) and port (host order); its length. */
int ws2t_loopback(int af, unsigned short port, struct sockaddr_storage *a);

/*
 * A loopback port of family af (host order) where no socket of that type
 * is bound now: tried below Linux's ephemeral range (32768-60999 by
 * default), so that a socket another test program binds to port 0 while
 * the caller counts on the port being closed cannot take it.
 */
unsigned short ws2t_closed_port(int af, int type);

#endif
