/*
 * I/O completion ports (kernel objects, KOBJ_PORT).
 *
 * A port is a queue of completion packets and a last-in first-out stack of
 * waiting threads.  Packets come from PostQueuedCompletionStatus and from
 * overlapped operations on sockets associated with the port
 * (CreateIoCompletionPort).  A socket's association holds a reference on the
 * port object (not on its handle): closing the port handle wakes its waiters
 * with ERROR_ABANDONED_WAIT_0 and drops later packets, while the object
 * lives until the last socket associated with it is gone.
 */
#ifndef WS2_KERNEL_PORT_H
#define WS2_KERNEL_PORT_H

#include <stdbool.h>

#include <windows.h>

struct kport;

/*
 * A queued completion.  Overlapped operations embed one in their own record
 * (so that completing costs no allocation); release is called once the
 * packet has been dequeued or dropped, and frees that record.
 */
struct kpacket {
    struct kpacket *next;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED overlapped;
    DWORD error; /* 0 for success, else the Win32 error GetQueuedCompletionStatus reports */
    void (*release)(struct kpacket *packet);
};

/* The port object behind a port handle, with a reference; NULL if h is not a port. */
struct kport *kport_from_handle(HANDLE h);
void kport_ref(struct kport *port);
void kport_unref(struct kport *port);

/*
 * Queues a packet and wakes the most recent waiter.  Returns false (and
 * calls packet->release) if the port's handle has been closed.
 */
bool kport_post(struct kport *port, struct kpacket *packet);

/*
 * Posts the completion of an operation that finished inside the call that
 * issued it: when the calling thread is one of the port's running threads,
 * nobody is woken for it, as the thread comes back for it (port.c);
 * otherwise as kport_post.
 */
bool kport_post_inline(struct kport *port, struct kpacket *packet);

/*
 * The readiness set (sys/engine.h) in which the port's sockets are watched,
 * made on first use; NULL if it cannot be made (the engine thread's own set
 * serves then).
 */
struct sys_engine_set *kport_engine_set(struct kport *port);

/*
 * Whether the calling thread took its last packet from port and more were
 * queued there after that take, or it has posted there since: it is
 * working through a batch of completions and will be back in the port's
 * wait soon, so an operation it issues may wait for that wait to be
 * submitted (sys/engine.h, SYS_RING_DEFER).  A hint, read without the
 * port's lock: what other threads did since the take is not seen.
 */
bool kport_current_has_more(struct kport *port);

/* Whether the calling thread took its last packet from port (it is one of the port's workers). */
bool kport_current_took_from(struct kport *port);

/*
 * Whether the calling thread took its last packet from port and is the
 * port's only thread: no other took a packet there, none waits there.
 */
bool kport_current_alone(struct kport *port);

/*
 * The concurrency count (port.c) of thread t, which only t itself calls:
 * it stops counting while it blocks in one of the library's waits, and
 * again for good when it comes back to a port or exits.
 */
struct kthread;
void kport_thread_block(struct kthread *t);
void kport_thread_resume(struct kthread *t);
void kport_thread_exit(struct kthread *t);

#endif
