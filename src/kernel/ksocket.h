/*
 * The header every socket object starts with.  A SOCKET is a handle in the
 * one handle table; the object behind it belongs to the provider that made
 * it (the base provider embeds this header in its own socket, as Windows'
 * installable-file-system providers do), and names the catalog entry that
 * ws2_32 dispatches its calls to.
 */
#ifndef WS2_KERNEL_KSOCKET_H
#define WS2_KERNEL_KSOCKET_H

#include <windows.h>

#include "kernel/kobj.h"

struct ws2_entry; /* ws2_32's catalog entry (src/ws2_32/catalog.h) */

struct ksocket {
    struct kobj obj;
    /* Set by WPUModifyIFSHandle / WPUCreateSocketHandle; NULL until then. */
    struct ws2_entry *_Atomic entry;
    /* WPUCreateSocketHandle's context, for providers without their own objects. */
    DWORD_PTR context;
};

#endif
