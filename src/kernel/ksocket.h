/*
 * The header every socket object starts with.  A SOCKET is a handle in the
 * one handle table; the object behind it belongs to the provider that made
 * it (the base provider embeds this header in its own socket, as Windows'
 * installable-file-system providers do), and names the catalog entry that
 * ws2_32 dispatches its calls to.
 */
#ifndef WS2_KERNEL_KSOCKET_H
#define WS2_KERNEL_KSOCKET_H

#include <stdatomic.h>

#include <windows.h>

#include "kernel/dispatch.h"
#include "kernel/kobj.h"

struct ws2_entry; /* ws2_32's catalog entry (src/ws2_32/catalog.h) */
struct kport;

/* SetFileCompletionNotificationModes flags (winbase.h values). */
#define KSOCKET_SKIP_PORT_ON_SUCCESS 0x1 /* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS */
#define KSOCKET_SKIP_SET_EVENT       0x2 /* FILE_SKIP_SET_EVENT_ON_HANDLE */

struct ksocket {
    struct kobj obj;
    /* Set by WPUModifyIFSHandle / WPUCreateSocketHandle; NULL until then. */
    struct ws2_entry *_Atomic entry;
    /*
     * The completion port the socket is associated with (CreateIoCompletionPort,
     * at most once; the association holds a port reference) and its key.
     */
    struct kport *_Atomic port;
    ULONG_PTR port_key;
    _Atomic unsigned notification_modes; /* KSOCKET_SKIP_* */
    /*
     * The file object's event (ksocket_wait.c), which WaitForSingleObject on
     * the socket waits for: file_signaled is its state, kept without a lock;
     * file_event, the dispatcher's view of it, is allocated, set up and
     * kept in step under kdispatch_lock only once a thread has waited on the
     * socket (file_waited), so that the sockets nobody waits on pay neither
     * the lock nor its memory (NULL until then).
     */
    _Atomic bool file_signaled;
    _Atomic bool file_waited;
    struct kwaitable *file_event;
};

/*
 * Associates a socket with a port and a key, once: returns false if the
 * socket already has a port.  The association takes its own reference.
 */
bool ksocket_associate_port(struct ksocket *ks, struct kport *port, ULONG_PTR key);

/*
 * Drops the socket's port association and frees its file event; for the
 * socket object's destructor.
 */
void ksocket_release(struct ksocket *ks);

/*
 * A socket is a file object, and Windows' I/O manager treats a file
 * object's own event as every request's: it resets it when a request is
 * issued on the file, and sets it when a request that has no event of its
 * own (no OVERLAPPED.hEvent: a completion port, a completion routine)
 * completes, unless FILE_SKIP_SET_EVENT_ON_HANDLE is set ("Synchronization
 * and Overlapped Input and Output": "If an event is not used, each completed
 * I/O operation will signal the file").  A new socket's is not signaled.
 * Providers call these two as their operations start and complete.
 */
void ksocket_io_started(struct ksocket *ks);
void ksocket_io_completed(struct ksocket *ks);

/*
 * The socket's waitable for WaitFor* (kernel/wait.c); the caller holds a
 * reference on ks.  NULL when it cannot be allocated.
 */
struct kwaitable *ksocket_waitable(struct ksocket *ks);

/*
 * True while the calling thread closes a socket through CloseHandle
 * (close_handle.c).  The provider then closes it without waiting for the
 * linger time-out and never refuses (WSAEWOULDBLOCK): the wait is
 * Winsock's (its WSPCloseSocket), which CloseHandle does not go through on
 * Windows, and CloseHandle cannot leave a handle open.
 */
bool ksocket_closing_by_handle(void);

#endif
