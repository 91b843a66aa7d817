/*
 * The I/O engine: readiness notifications for sockets with pending
 * overlapped operations, delivered on a background thread so that
 * completions never depend on the application calling into the library.
 *
 * Sockets are registered once, for input, output and hang-ups, and the
 * notifications are edge-triggered in effect: after any readiness that is
 * new since the last callback for a socket, another callback follows.  A
 * callback may also come when nothing changed; the callback must then find
 * EAGAIN and return.  The callback gets the 64-bit cookie given at
 * registration (the provider passes the SOCKET handle value, not a pointer,
 * so that an event for a socket closed meanwhile finds nothing instead of
 * freed memory).
 *
 * Two backends: io_uring (multishot poll requests) where the kernel allows
 * it, epoll otherwise; WS2POSIX_ENGINE=epoll or =io_uring in the environment
 * asks for one (engine.c).  Callers cannot tell them apart except by
 * sys_engine_name().
 */
#ifndef WS2_SYS_ENGINE_H
#define WS2_SYS_ENGINE_H

#include <stdint.h>

#define SYS_ENGINE_IN  0x1
#define SYS_ENGINE_OUT 0x2
#define SYS_ENGINE_ERR 0x4 /* error or hang-up: both queues should look */

typedef void (*sys_engine_fn)(uint64_t cookie, unsigned events);

/*
 * Starts the engine thread; 0 or an errno.  Picks the backend each time, so
 * a start after a stop (WSAStartup after the final WSACleanup) may differ.
 */
int sys_engine_start(sys_engine_fn fn);

/*
 * Stops it and joins its thread (no callback runs after this returns).
 * Registrations still left are dropped.  Not from a callback.
 */
void sys_engine_stop(void);

/*
 * Registers fd under cookie; 0 or an errno.  Watching an fd that is already
 * registered under the same cookie does nothing; under another cookie the
 * old registration is replaced.  Safe from any thread, with any lock held:
 * it never waits for the engine thread.
 */
int sys_engine_watch(int fd, uint64_t cookie);

/*
 * Ends the registration of fd under cookie (nothing if there is none).
 * Must come before the descriptor is closed or replaced (dup3): an io_uring
 * poll request holds the file open, and close() does not cancel it.
 *
 * When it returns, no callback for the registration is running or will
 * start, and the kernel holds no reference to the file any more, so a close
 * right after releases the socket at once.  For that it waits for the
 * engine thread: the caller must not hold a lock that the callback takes.
 * Called from a callback (on the engine thread), it cannot wait: the
 * callback in progress is the caller itself, and io_uring lets the file go
 * shortly after the callback returns.
 */
void sys_engine_unwatch(int fd, uint64_t cookie);

/* The backend that runs: "io_uring" or "epoll" ("none" when stopped). */
const char *sys_engine_name(void);

#endif
