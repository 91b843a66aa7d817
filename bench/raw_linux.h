/* The raw-Linux side of the benchmarks (raw_linux.c), in neutral types. */
#ifndef WS2_BENCH_RAW_LINUX_H
#define WS2_BENCH_RAW_LINUX_H

#include <stddef.h>

/* Seconds taken by n rounds of socket(AF_INET, SOCK_STREAM) + close(). */
double raw_socket_close(long n);

/* Opens n TCP sockets, then returns the seconds taken to close them all. */
double raw_close_many(long n);

/* Raises the descriptor limit as far as allowed; returns the soft limit now in force. */
long raw_raise_fd_limit(void);

/* Bytes currently allocated with malloc (glibc's mallinfo2). */
size_t raw_heap_in_use(void);

/* n raw UDP descriptors (unbound: writable, nothing to read), and their closing. */
int *raw_udp_open(int n);
void raw_udp_close(int *fds, int n);

/*
 * Seconds per call of poll() with a time-out of 0 over fds, calls times,
 * for POLLOUT (write) or POLLIN; the pollfd array is filled anew for each
 * call, as select's sets are.
 */
double raw_poll(const int *fds, int n, int write, long calls);

/* A monotonic clock in seconds. */
double raw_now(void);

#endif
