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
 * Two backends: epoll, the default, and io_uring (multishot poll requests)
 * when WS2POSIX_ENGINE=io_uring asks for it and the kernel allows it
 * (engine.c says why epoll leads).  Callers cannot tell them apart except
 * by sys_engine_name() and by leading, which only epoll offers.
 */
#ifndef WS2_SYS_ENGINE_H
#define WS2_SYS_ENGINE_H

#include <stdbool.h>
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

/*
 * Leading.  A thread about to block until a completion reaches it (a
 * GetQueuedCompletionStatus waiter) may wait in the engine itself instead
 * of on its own wake-up descriptor, and run the callbacks for the readiness
 * it is woken for.  A completion that such a callback posts to the leader's
 * own port is then taken by the leader with no thread switch at all: one
 * wake-up per completion instead of two (the engine thread's, then the
 * worker's), which is most of what a completion port costs over a
 * hand-written epoll loop.
 *
 * The engine thread goes on waiting as well, so completions never depend on
 * a leader.  Linux hands each readiness to the epoll waiter that began
 * waiting last (exclusive waits, queued at the head: fs/eventpoll.c), which
 * is the leader whenever it waits, since the engine thread only comes back
 * to epoll_wait after work of its own.
 *
 * At most one thread leads at a time, and only the epoll backend can be
 * led: a single-issuer io_uring can only be reaped by the thread that
 * created it, so with io_uring sys_engine_lead_begin always says no.
 */

/* Makes the caller the leader if there is none and the backend allows it. */
bool sys_engine_lead_begin(void);

/*
 * The leader waits in the engine until done(arg) holds, deadline_ns passes
 * (-1: never) or the engine begins to stop, running the callbacks for what
 * comes meanwhile; it may also return early for no reason, so the caller
 * looks at its own state again.  done is checked after the leader marks
 * itself blocked, so a sys_engine_lead_wake() after the state done looks at
 * changed is never lost.  Returns ESHUTDOWN once the engine is stopping: the
 * caller must then sys_engine_lead_end() and wait some other way.
 */
int sys_engine_lead_wait(int64_t deadline_ns, bool (*done)(void *), void *arg);

/* Ends the caller's leadership. */
void sys_engine_lead_end(void);

/*
 * Ends the leader's current sys_engine_lead_wait, for a change in the state
 * its done looks at (made before this call).  Nothing when the caller is
 * the leader itself (its callback posted to its own port) or the leader is
 * not blocked.
 */
void sys_engine_lead_wake(void);

/* The backend that runs: "io_uring" or "epoll" ("none" when stopped). */
const char *sys_engine_name(void);

#endif
