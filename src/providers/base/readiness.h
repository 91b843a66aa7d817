/*
 * What select and WSAPoll report for a socket, as Windows reports it: from
 * the socket's Winsock state (listening, connecting, connected, a failed
 * connect) and what Linux's poll says of its descriptor, which answers
 * differently for several states (a new TCP socket is writable and hung up
 * for Linux, and nothing for Windows).
 */
#ifndef WS2_PROVIDERS_BASE_READINESS_H
#define WS2_PROVIDERS_BASE_READINESS_H

#include <stdint.h>

#include "providers/base/base.h"
#include "sys/sys.h"

/* The conditions, each one a caller may ask for (interest) and be told of. */
#define READY_IN             0x01 /* data to receive, or a connection to accept */
#define READY_OOB            0x02 /* urgent data out of line (not SO_OOBINLINE) */
#define READY_OUT            0x04 /* a send would not block */
#define READY_FIN            0x08 /* the peer has ended its side in order */
#define READY_ABORT          0x10 /* the connection was reset or aborted */
#define READY_CONNECT_FAILED 0x20 /* the last connect failed */
#define READY_ERROR          0x40 /* a datagram socket has an error to report */

/*
 * Waits until one of the n sockets is ready for one of the conditions
 * interest[i] names, or the deadline passes (-1: never), and leaves the
 * conditions found in ready[i].  The sockets are looked at once before any
 * wait, so that a call that finds one ready runs no queued APC (Windows'
 * select); with alertable set the call waits at least once even when the
 * deadline has come, so that APCs queued before it run (a select with a
 * short time-out runs them on Windows).  The wait uses no time while
 * nothing changes: it ends when Linux reports something for a socket or
 * its Winsock state changes, never by polling.  Returns 0, or WSAEINTR
 * when one of the sockets is closed (or the blocking hook cancels), or
 * WSAENOBUFS.
 */
int ready_wait(struct bsock **socks, unsigned n, const int *interest, int *ready, int64_t deadline,
               bool alertable);

#endif
