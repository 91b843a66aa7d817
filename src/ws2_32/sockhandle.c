/*
 * CloseHandle and DuplicateHandle on a SOCKET (see sockhandle.h).
 *
 * A socket from an IFS provider is a file handle on Windows, and
 * DuplicateHandle within a process gives another handle to the same file
 * object, which Winsock calls accept there.  Here a socket handle is the
 * provider's own object, so a second handle is made the way a provider
 * makes one for a shared socket: WSPDuplicateSocket for this process,
 * claimed at once by WSPSocket with the WSAPROTOCOL_INFO it returned (the
 * base provider's shared sockets, providers/base/duplicate.c: the settings,
 * the completion-port association and the connection are common; the last
 * handle's close applies the linger option).
 */
#include "ws2_32/sockhandle.h"

#include <unistd.h>

#include "kernel/handle.h"
#include "kernel/ksocket.h"
#include "ws2_32/catalog.h"

/* The socket's catalog entry with a call counted on it, or NULL (not a live socket). */
static struct ws2_entry *sockhandle__enter(SOCKET s)
{
    struct ksocket *ks = (struct ksocket *)handle_ref((uintptr_t)s, KOBJ_SOCKET);
    if (!ks)
        return NULL;
    struct ws2_entry *entry = atomic_load_explicit(&ks->entry, memory_order_acquire);
    if (!entry) {
        handle_unref((uintptr_t)s);
        return NULL;
    }
    ws2_call_begin(entry);
    return entry;
}

static void sockhandle__leave(SOCKET s, struct ws2_entry *entry)
{
    ws2_call_end(entry);
    handle_unref((uintptr_t)s);
}

int ws2_socket_close_handle(SOCKET s)
{
    struct ws2_entry *entry = sockhandle__enter(s);
    if (!entry)
        return WSAENOTSOCK;
    int error = 0;
    int r = entry->procs.lpWSPCloseSocket(s, &error);
    sockhandle__leave(s, entry);
    return r == SOCKET_ERROR ? error : 0;
}

SOCKET ws2_socket_duplicate_handle(SOCKET s, int *error)
{
    struct ws2_entry *entry = sockhandle__enter(s);
    if (!entry) {
        *error = WSAENOTSOCK;
        return INVALID_SOCKET;
    }
    WSAPROTOCOL_INFOW info;
    *error = 0;
    SOCKET dup = INVALID_SOCKET;
    if (entry->procs.lpWSPDuplicateSocket(s, (DWORD)getpid(), &info, error) == 0) {
        /* WSASocket with the info: the entry it names by its catalog id, counted while used. */
        struct ws2_entry *target =
            ws2_catalog_select(info.iAddressFamily, info.iSocketType, info.iProtocol, &info, error);
        if (target) {
            dup = target->procs.lpWSPSocket(info.iAddressFamily, info.iSocketType, info.iProtocol,
                                            &info, 0, WSA_FLAG_OVERLAPPED, error);
            ws2_call_end(target);
        }
    }
    sockhandle__leave(s, entry);
    return dup;
}
