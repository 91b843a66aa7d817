/*
 * The socket side of completion ports (see ksocket.h): a socket's
 * association with a port, and SetFileCompletionNotificationModes.
 */
#include "kernel/ksocket.h"

#include <stdlib.h>

#include <pthread.h>

#include "kernel/handle.h"
#include "kernel/port_impl.h"

/*
 * Serializes associations (rare) so that port_key is written before the
 * port is published and never again: a provider that completes an
 * operation loads ks->port with acquire ordering and then reads port_key
 * without a lock.  The completion path takes no lock of ours.
 */
static pthread_mutex_t ksocket__assoc_lock = PTHREAD_MUTEX_INITIALIZER;

bool ksocket_associate_port(struct ksocket *ks, struct kport *port, ULONG_PTR key)
{
    bool associated = false;
    pthread_mutex_lock(&ksocket__assoc_lock);
    struct kport *none = NULL;
    if (!atomic_load_explicit(&ks->port, memory_order_relaxed)) {
        ks->port_key = key;
        kport_ref(port); /* the association's */
        associated = atomic_compare_exchange_strong_explicit(
            &ks->port, &none, port, memory_order_release, memory_order_relaxed);
        if (!associated)
            kport_unref(port);
    }
    pthread_mutex_unlock(&ksocket__assoc_lock);
    return associated;
}

void ksocket_release(struct ksocket *ks)
{
    struct kport *port = atomic_exchange_explicit(&ks->port, NULL, memory_order_acq_rel);
    if (port)
        kport_unref(port);
    /* Nobody waits any more: every waiter held a reference on the socket. */
    free(ks->file_event);
    ks->file_event = NULL;
}

/*
 * SetFileCompletionNotificationModes: "One or more modes can be set at the
 * same time; however, after a mode has been set for a file handle, it
 * cannot be removed."  Hence an atomic or.  The modes are
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and FILE_SKIP_SET_EVENT_ON_HANDLE;
 * any other bit is refused (ERROR_INVALID_PARAMETER), and a handle that is
 * not a socket is ERROR_INVALID_HANDLE (the only objects here with
 * overlapped I/O are sockets).
 */
BOOL WINAPI SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags)
{
    struct ksocket *ks = (struct ksocket *)handle_ref((uintptr_t)FileHandle, KOBJ_SOCKET);
    if (!ks) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    BOOL ok = TRUE;
    if (Flags & ~(KSOCKET_SKIP_PORT_ON_SUCCESS | KSOCKET_SKIP_SET_EVENT)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        ok = FALSE;
    } else {
        atomic_fetch_or(&ks->notification_modes, (unsigned)Flags);
    }
    handle_unref((uintptr_t)FileHandle);
    return ok;
}
