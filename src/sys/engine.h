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
 * Two backends for the engine thread: io_uring (multishot poll requests),
 * the default where the kernel allows it, and epoll, where it does not or
 * WS2POSIX_ENGINE=epoll asks for it.  Callers cannot tell them apart
 * except by sys_engine_name().  Readiness sets (below) are epoll instances
 * under either backend.
 */
#ifndef WS2_SYS_ENGINE_H
#define WS2_SYS_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
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
 * A readiness set: an epoll instance of its own (whatever the backend), for
 * the sockets of one completion port.  The port's waiting threads wait in
 * it and run the callbacks for what they are woken for, so that an
 * operation completes on the thread that will take its packet: no engine
 * thread in between, and Linux wakes one waiter per readiness, the one that
 * began waiting last, which is the order in which Windows releases a
 * port's waiting threads.
 *
 * The engine thread watches a set only while nobody waits in it (one-shot,
 * through the set's own descriptor): when no waiter has come to a set for
 * a tick (ENGINE_SET_TICK_MS) it arms it, so that completions never depend
 * on the application waiting, yet a busy port's waiters come and go with no
 * system call spent on the engine thread.
 */
struct sys_engine_set;

/* A new set (NULL with errno set).  Usable whether or not the engine runs. */
struct sys_engine_set *sys_engine_set_new(void);

/*
 * Lets go of a set: no socket is registered in it any more and no thread
 * waits in it.  May be called from a callback, even one the set's own
 * wait or drain runs (the memory lives until that is over).
 */
void sys_engine_set_free(struct sys_engine_set *set);

/*
 * A waiter comes to the set (before it looks at its own state for the last
 * time, so that a wake after that look reaches it) and leaves it.
 */
void sys_engine_set_enter(struct sys_engine_set *set);
void sys_engine_set_leave(struct sys_engine_set *set);

/*
 * A thread of the set's owner is active without waiting (it took a queued
 * packet): the engine thread's tick sees the set as attended, as if the
 * thread had come to wait.  Such a thread looks at the set itself from time
 * to time (sys_engine_set_wait with a past deadline), since nobody else
 * does.
 */
void sys_engine_set_touch(struct sys_engine_set *set);

/* The threads between enter and leave. */
unsigned sys_engine_set_waiters(struct sys_engine_set *set);

/*
 * The set serves several threads (a port's workers): its ring, if it has
 * one, goes off for good, as when several threads wait in it at once
 * (engine_set.c).  Cheap when it is off already.
 */
void sys_engine_set_shared(struct sys_engine_set *set);

/*
 * A function of the layer above that the engine thread calls at each of
 * its ticks (one for the process; kernel/port_owed.c): with run, it does
 * its periodic work; without, it only says, without locks, whether it has
 * work pending.  Either way it returns whether it wants another tick:
 * while it does, the engine thread does not sleep without one.
 */
void sys_engine_tick_hook(bool (*fn)(bool run));

/* The tick hook has work: an engine thread sleeping without a tick takes one soon. */
void sys_engine_tick_soon(void);

/*
 * One wait in the set, until deadline_ns (-1: none; one already past, such
 * as 0: a look without waiting): runs the callbacks for up to max
 * registrations that are ready (at least 1), and returns after them, or
 * when woken (sys_engine_set_wake), or at the deadline.  The caller looks
 * at its own state afterwards, whatever woke it.  Returns how many events
 * it took (max: there may be more ready).
 */
unsigned sys_engine_set_wait(struct sys_engine_set *set, int64_t deadline_ns, unsigned max);

/*
 * Wakes one thread waiting in the set, unless a wake-up is already on its
 * way (at most one is outstanding; the woken thread passes it on if it
 * finds more work than its own).
 */
void sys_engine_set_wake(struct sys_engine_set *set);

/*
 * Registers fd under cookie, in set (NULL: the engine thread's own); 0 or
 * an errno.  In a set, output readiness is reported only with out (the
 * engine thread reports everything): a socket with only receives pending
 * is not woken for every datagram it sends.  Watching an fd that is
 * already registered under the same cookie in the same set does nothing,
 * or adds output; under another cookie or set the old registration is
 * replaced.  Safe from any thread, with any lock held: it never waits for
 * the engine thread.
 */
int sys_engine_watch(int fd, uint64_t cookie, struct sys_engine_set *set, bool out);

/*
 * Ends the registration of fd under cookie (nothing if there is none).
 * Must come before the descriptor is closed or replaced (dup3): an io_uring
 * poll request holds the file open, and close() does not cancel it.
 *
 * When it returns, no callback for the registration is running or will
 * start, and the kernel holds no reference to the file any more, so a close
 * right after releases the socket at once.  For that it waits for the
 * callbacks running on other threads: the caller must not hold a lock that
 * the callback takes.  Called from a callback it cannot wait (the callback
 * in progress may be the caller itself, or wait for it); io_uring lets the
 * file go shortly after the engine thread's callback returns.
 */
void sys_engine_unwatch(int fd, uint64_t cookie);

/*
 * Rings.  Under the io_uring engine a set also has an io_uring of its own,
 * on which plain receives and sends of its sockets run as requests, so that
 * a port's thread submits a batch of them and reaps a batch of their
 * completions in one system call (engine_ring.c).  The provider's callback
 * gets each request's op, result (bytes, or -errno) and SYS_RING_MORE when
 * a receive left data in the socket, on whichever thread
 * reaps it: a waiter of the set, the engine thread, or a cancel that
 * progresses the ring (sys_ring_progress).
 *
 * SYS_RING_DEFER: the caller is a thread of the set's port that will wait
 * in the set soon: the request may stay unsubmitted until then, or until
 * sys_ring_flush, which enters what was left so (the thread blocks
 * elsewhere), or the engine's tick.
 *
 * sys_ring_recv / sys_ring_send: 0, or an errno (ENOSYS: the set has no
 * ring; EAGAIN: no entry could be had), when the caller uses the readiness
 * path instead.  A send may complete with fewer bytes than it was given,
 * as send(2) does: the caller submits the rest (engine_ring.c says why not
 * MSG_WAITALL).
 * sys_ring_cancel: asks the kernel to end op's request at once; its
 * callback still comes (-ECANCELED, or the result it had).
 * sys_ring_progress: runs the ring's completions, or lets the thread that
 * does run (a cancel waiting for its callback), for a short while.
 */
#define SYS_RING_DEFER 0x1
/*
 * SYS_RING_EMPTY (receives): the socket's last receive left it empty, so
 * the kernel waits for data before it tries this one
 * (IORING_RECVSEND_POLL_FIRST): the attempt that would fail with EAGAIN is
 * skipped.  Data that came meanwhile is found by the poll at once.
 */
#define SYS_RING_EMPTY 0x2

/* A receive's result: the socket still holds data (IORING_CQE_F_SOCK_NONEMPTY). */
#define SYS_RING_MORE 0x1
typedef void (*sys_ring_fn)(void *op, int res, unsigned flags);
void sys_ring_callback(sys_ring_fn fn);
bool sys_ring_has(struct sys_engine_set *set);
int sys_ring_recv(struct sys_engine_set *set, int fd, void *buf, size_t len, unsigned flags,
                  void *op);
int sys_ring_send(struct sys_engine_set *set, int fd, const void *buf, size_t len, unsigned flags,
                  void *op);
int sys_ring_cancel(struct sys_engine_set *set, void *op);
void sys_ring_flush(struct sys_engine_set *set);
void sys_ring_progress(struct sys_engine_set *set, int64_t deadline_ns);

/* The backend that runs: "io_uring" or "epoll" ("none" when stopped). */
const char *sys_engine_name(void);

#endif
