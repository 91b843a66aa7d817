/*
 * bench/echo_matrix: the interface every echo program of the matrix offers,
 * in neutral types, so that the Winsock programs (echo_ws.c, churn_ws.c,
 * which include only our headers) and the raw Linux programs (echo_epoll.c,
 * echo_uring.c, churn_raw.c, which include only Linux's) can be driven by
 * one harness (echo_matrix.c) without either kind of header meeting the
 * other.
 *
 * A "context" is one completion port (Winsock), one epoll set or one
 * io_uring (raw), with its worker threads, and the connections of the sides
 * it serves: the server side, the client side, or both (the one-port shape,
 * where client and server share a port in one process).  Two ports means
 * two contexts, in one process or in two.
 */
#ifndef WS2_BENCH_ECHO_H
#define WS2_BENCH_ECHO_H

#include <stddef.h>

/* Which sides a context serves. */
#define ECHO_SERVER 1
#define ECHO_CLIENT 2

/* Every server receives into buffers of this size, whatever the message size. */
#define ECHO_SERVER_BUFFER 16384

struct echo_ops {
    const char *name;
    /* Opens the port (set, ring) for the sides, with workers threads to come; NULL on failure. */
    void *(*open)(int workers, int sides);
    /* Server side: listens on 127.0.0.1 (port chosen by the kernel). 0 or -1. */
    int (*listen)(void *ctx, unsigned short *port);
    /* Server side: accepts n more connections (blocking), each with a 16 KiB buffer. */
    int (*accept)(void *ctx, int n);
    /* Client side: makes n more connections to port (blocking), each sending bytes per message. */
    int (*connect)(void *ctx, unsigned short port, int n, int bytes);
    /* Starts the worker threads and issues every connection's first operation. */
    int (*run)(void *ctx);
    /* Round trips the client side has completed so far (read from any thread). */
    long (*trips)(void *ctx);
};

/* The Winsock programs (echo_ws.c): a completion port; the engine is chosen by WS2POSIX_ENGINE. */
extern const struct echo_ops echo_ws_ops;
/* The raw programs of the same shape: one epoll set (echo_epoll.c), one io_uring (echo_uring.c). */
extern const struct echo_ops echo_epoll_ops;
extern const struct echo_ops echo_uring_ops;

/*
 * Connection churn: a client side connects and closes as fast as it can, a
 * server side accepts, reads until the client's end and closes, in one
 * process.  kind: CHURN_EX (Winsock: AcceptEx + ConnectEx on one completion
 * port and one worker thread; raw: non-blocking accept4/connect on one epoll
 * set and one thread) or CHURN_BLOCKING (one blocking client thread, one
 * blocking server thread).  abortive: every close is SO_LINGER {1,0}.
 */
enum churn_kind { CHURN_EX, CHURN_BLOCKING };

struct churn_ops {
    const char *name;
    /* Sets up and starts; NULL on failure. */
    void *(*start)(enum churn_kind kind, int abortive);
    /*
     * Connections both sides have finished so far (the client made and
     * closed it, the server accepted it and saw its end: a server that
     * stops accepting stops the count); failures in *failed.
     */
    long (*done)(void *ctx, long *failed);
};

extern const struct churn_ops churn_ws_ops;
extern const struct churn_ops churn_raw_ops;

/* How many connects (and accepts) the CHURN_EX programs keep in flight. */
#define CHURN_IN_FLIGHT 16

/*
 * Memory: a server that accepts n connections (made by another process)
 * and leaves one receive pending on each, with 64-byte receive buffers.
 * The listening port is written to port_fd (echo_tell_port), for the
 * process that connects.  Returns the growth of the process's resident set
 * from after the first connection (which starts what starts once) to after
 * the last receive is pending, in bytes, or -1.
 */
long echo_ws_memory(int port_fd, int n);
long echo_epoll_memory(int port_fd, int n);

/*
 * Set once a process has measured: the failures that follow (the harness
 * kills the processes of a run while their connections still work) are not
 * reported.
 */
extern volatile int echo_quiet;

/* Helpers for the Winsock files, which cannot include Linux's headers. */
double echo_now(void);
long echo_rss_bytes(void);
/* Sets WS2POSIX_ENGINE for the next WSAStartup. */
void echo_set_engine(const char *engine);
/* Tells the harness the listening port through the descriptor (a pipe). */
void echo_tell_port(int fd, unsigned short port);

#endif
