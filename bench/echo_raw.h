/*
 * What the two raw echo programs (echo_epoll.c, echo_uring.c) do alike to
 * their sockets, in echo_raw.c: the listener, the client's connects, and the
 * options every connection gets.  Linux types; the Winsock side never sees it.
 */
#ifndef WS2_BENCH_ECHO_RAW_H
#define WS2_BENCH_ECHO_RAW_H

/* A loopback listener on a port of the system's choice: its fd, or -1 (who names the program). */
int echo_raw_listen(const char *who, unsigned short *port);

/* A blocking connection to the loopback port: its fd, or -1. */
int echo_raw_connect(const char *who, unsigned short port);

/*
 * TCP_NODELAY, and SO_LINGER {1,0} as the Winsock program sets it: the
 * run's end (its processes killed) leaves no TIME_WAIT.
 */
void echo_raw_options(int fd);

#endif
