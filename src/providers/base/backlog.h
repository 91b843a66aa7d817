/*
 * The send backlog: what a non-blocking stream send took beyond what Linux
 * would queue.
 *
 * Windows takes a non-blocking send whole whenever it can buffer at all: a
 * send() of 50 MiB on a non-blocking TCP socket returns 50 MiB, and the
 * next one fails with WSAEWOULDBLOCK until the data has gone (Wine's
 * conformance test_send_buffering and test_write_events, run on Windows 10
 * and 11: "each send either accepts the whole buffer or fails", never a
 * partial count).  Linux takes what fits in the socket's send buffer and
 * returns that count, and programs written for Windows never loop on a
 * non-blocking send.  So the part Linux refuses is copied here and sent,
 * ahead of anything issued after it, whenever the socket can take more:
 * by the I/O engine (overlapped.c), by the next send, by select and WSAPoll
 * (which report the socket writable only once it is empty), and at close.
 *
 * A graceful closesocket (SO_DONTLINGER, the default) returns at once, and
 * the backlog goes on in the background — closesocket.md: the data "will be
 * delivered" for a graceful close, "Winsock ... sends queued data in the
 * background" — after the final WSACleanup too (LPWSPCleanup.txt: sockets
 * closed "but still have pending data to be sent are not affected, but the
 * pending data is still sent"); see backlog_drain.c.  An abortive close
 * (SO_LINGER {1, 0}) and the final WSACleanup's reset of open sockets
 * discard it, as they discard what Linux has queued.  shutdown(SD_SEND)
 * sends its FIN behind it.  CancelIo and CancelIoEx do not see it: it is no
 * I/O request (CancelIoEx on such a socket fails with ERROR_NOT_FOUND on
 * Windows).
 */
#ifndef WS2_PROVIDERS_BASE_BACKLOG_H
#define WS2_PROVIDERS_BASE_BACKLOG_H

#include "providers/base/base.h"
#include "sys/sys.h"

/*
 * A non-blocking send on a stream socket (b->lock not held): takes all of
 * iov (0, *sent = its length) or none of it (WSAEWOULDBLOCK), or fails with
 * the connection's error.  linux_flags as for sys_sendmsg.
 */
int backlog_send(struct bsock *b, const struct sys_iovec *iov, unsigned count, int linux_flags,
                 size_t *sent);

/*
 * Sends what the backlog holds as far as Linux takes it.  True when nothing
 * is left (the backlog is gone, and a FIN that waited for it has gone).  A
 * connection that failed drops the backlog: its error is the socket's, and
 * the next call reports it.  b->lock held.
 */
bool backlog_push_locked(struct bsock *b);

/* The same, taking b->lock. */
bool backlog_push(struct bsock *b);

/*
 * Sends data[*off..len) on fd as far as Linux takes it, advancing *off: 0
 * when all of it went, EAGAIN when Linux's buffer is full, else the errno
 * of the failed connection.  The backlog's loop, and the in-process
 * background sender's.
 */
int backlog_send_rest(int fd, const char *data, size_t *off, size_t len);

/*
 * For a blocking send: waits until the backlog has gone, sending it.  0, or
 * the wait's error (WSAETIMEDOUT at deadline_ns, WSAEINTR on close).
 */
int backlog_wait(struct bsock *b, int64_t deadline_ns);

/*
 * shutdown(SD_SEND): true when the FIN must wait for the backlog (it then
 * goes when the backlog has); false when there is none.  b->lock held.
 */
bool backlog_defer_fin_locked(struct bsock *b);

/*
 * The socket is being closed, before its descriptor goes: discard (an
 * abortive close) or hand the backlog to the background sender, with a
 * descriptor of its own.  b->lock not held.
 */
void backlog_close(struct bsock *b, bool discard);

/* The socket object is being freed. */
void backlog_free(struct bsock *b);

/*
 * backlog_drain.c: sends len bytes of data (ours from now, freed when done)
 * on fd (ours too, closed when done) in the background, then, if fin,
 * shuts the sending side down.  Independent of WSAStartup and WSACleanup.
 */
void backlog_drain_start(int fd, char *data, size_t len, bool fin);

#endif
