/*
 * How a base-provider connection ends, shared by the files that see it end:
 * transfers (transfer.c), network events (eventselect.c), shutdown
 * (connect.c), SO_ERROR (sockopt.c).  The sockets themselves are declared
 * in base.h.
 *
 * Which errno a connection ended with is kept by the system layer
 * (sys_connection_end), so that overlapped transfers, which report through
 * base_error alone, report it as the others do.
 */
#ifndef WS2_PROVIDERS_BASE_BSOCK_H
#define WS2_PROVIDERS_BASE_BSOCK_H

#include "providers/base/base.h"

/*
 * Has the I/O engine watch b (it then reports readiness to
 * bsock_network_events even with nothing pending).  0, or WSAENOBUFS when
 * the engine cannot run, or WSAENOTSOCK when b is being closed.  Call
 * without b->lock.
 */
int bsock_watch(struct bsock *b);

/*
 * Registers b with the engine if it is not yet (b->lock held; engine: the
 * engine runs).  A socket associated with a completion port is watched in
 * the port's readiness set, where the port's waiters complete its
 * operations themselves (sys/engine.h); others by the engine thread.  Flags:
 * BSOCK_WATCH_OUT, something waits for output (a send, a connect; without
 * it a port's set watches input only, until something does);
 * BSOCK_WATCH_ENGINE, the engine thread watches it whatever its port (the
 * socket is about to select network events).  0 or WSAENOBUFS.
 */
#define BSOCK_WATCH_OUT    0x1
#define BSOCK_WATCH_ENGINE 0x2
int bsock_watch_locked(struct bsock *b, bool engine, unsigned flags);

/*
 * The Winsock error with which a stream connection that poll reports as
 * revents has ended abortively, as first reported; 0 if it has not (it goes
 * on, or ended in order).  shut_send: our side has shut down sending (a
 * hang-up then also follows an orderly close).  May take the socket's
 * pending error, which stays reported to later transfers.
 */
int bsock_abort_error(struct bsock *b, short revents, bool shut_send);

/*
 * eventselect.c: after shutdown(SD_RECEIVE) of a connection, refuses data
 * that is waiting with a reset — unless an overlapped receive issued before
 * is still pending, which takes it.  True if it reset.  b->lock held.
 */
bool bsock_refuse_unread_locked(struct bsock *b);

/* errors.c: FD_CLOSE's error code for a connection that ended with a Winsock error (0: in order).
 */
int base_close_error(int error);

#endif
