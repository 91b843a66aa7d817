/*
 * The Linux side of bench/iocp_echo, in neutral types: the two raw echo
 * servers (iocp_echo_raw.c) and the load generator that drives every server
 * alike (iocp_echo_client.c).  They live in translation units of their own
 * because they include Linux's socket headers, which cannot meet ours.
 */
#ifndef WS2_BENCH_IOCP_ECHO_RAW_H
#define WS2_BENCH_IOCP_ECHO_RAW_H

#include <stddef.h>

/* Every server receives into buffers of this size, as the IOCP server posts them. */
#define IE_BUFFER 16384

/* How long a server may take to see every client's close before it gives up on one. */
#define IE_STOP_SECONDS 5.0

/* The raw baselines, both sharded: each worker owns its connections and its own epoll or ring. */
enum ie_raw_kind { IE_RAW_EPOLL, IE_RAW_URING };

struct ie_raw;

/* Listens on 127.0.0.1 (port chosen by the kernel); NULL, with a message, on failure. */
struct ie_raw *ie_raw_start(enum ie_raw_kind kind, int workers, unsigned short *port);

/*
 * Accepts n connections that the client has already made, hands them out to
 * the workers in turn and starts the workers.  0, or -1 with a message.
 */
int ie_raw_accept(struct ie_raw *srv, int n);

/*
 * Once the client has closed its connections: waits (at most IE_STOP_SECONDS)
 * for the workers to see every close, stops them and frees everything.
 */
void ie_raw_stop(struct ie_raw *srv);

/* Whether this kernel lets a process set up an io_uring at all (containers often refuse). */
int ie_uring_available(void);

struct ie_client;

/* Connects n sockets to 127.0.0.1:port, before the server accepts them (the backlog holds them). */
struct ie_client *ie_client_connect(unsigned short port, int n);

/*
 * Echo ping-pong on every connection at once: send msg bytes, wait for all
 * of them to come back, repeat.  Runs warmup seconds unmeasured, then
 * seconds measured, then lets the messages in flight come back (so that the
 * server sees clean closes).  Returns round trips per second over the
 * measured time, or -1 with a message if the server stalled for 5 s or
 * failed a connection.  *cpu_per_trip: the CPU seconds the whole process
 * (client and server) spent per round trip in the measured time.
 */
double ie_client_run(struct ie_client *c, size_t msg, double warmup, double seconds,
                     double *cpu_per_trip);

/* Closes the connections and frees the client. */
void ie_client_close(struct ie_client *c);

/* A monotonic clock, in seconds. */
double ie_now(void);

/* Bytes the heap holds for the program (glibc's mallinfo2, every arena, mmapped chunks too). */
size_t ie_heap_in_use(void);

/* Raises the soft descriptor limit to the hard one. */
void ie_raise_fd_limit(void);

#endif
