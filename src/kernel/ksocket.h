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
    /* WPUCreateSocketHandle's context, for providers without their own objects. */
    DWORD_PTR context;
    /*
     * The completion port the socket is associated with (CreateIoCompletionPort,
     * at most once; the association holds a port reference) and its key.
     */
    struct kport *_Atomic port;
    ULONG_PTR port_key;
    _Atomic unsigned notification_modes; /* KSOCKET_SKIP_* */
};

/*
 * Associates a socket with a port and a key, once: returns false if the
 * socket already has a port.  The association takes its own reference.
 */
bool ksocket_associate_port(struct ksocket *ks, struct kport *port, ULONG_PTR key);

/* Drops the socket's port association; for the socket object's destructor. */
void ksocket_release_port(struct ksocket *ks);

#endif
