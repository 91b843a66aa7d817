/*
 * The upcall table (WSPUPCALLTABLE) that ws2_32 hands to every provider's
 * WSPStartup: socket handles for providers that do not make their own,
 * events, APCs and thread ids.  Errors go through lpErrno, never the last error.
 */
#include <stdlib.h>

#include "kernel/event.h"
#include "kernel/handle.h"
#include "kernel/ntstatus.h"
#include "kernel/overlapped.h"
#include "kernel/port.h"
#include "kernel/thread.h"
#include "sys/usermem.h"
#include "ws2_32/catalog.h"
#include "ws2_32/ws2.h"

static BOOL WSPAPI upcall__close_event(WSAEVENT hEvent, LPINT lpErrno)
{
    if (!CloseHandle(hEvent)) {
        *lpErrno = WSA_INVALID_HANDLE;
        return FALSE;
    }
    return TRUE;
}

static WSAEVENT WSPAPI upcall__create_event(LPINT lpErrno)
{
    HANDLE h = kevent_create(TRUE, FALSE);
    if (!h)
        *lpErrno = WSA_NOT_ENOUGH_MEMORY;
    return h;
}

static BOOL WSPAPI upcall__set_event(WSAEVENT hEvent, LPINT lpErrno)
{
    if (!SetEvent(hEvent)) {
        *lpErrno = WSA_INVALID_HANDLE;
        return FALSE;
    }
    return TRUE;
}

static BOOL WSPAPI upcall__reset_event(WSAEVENT hEvent, LPINT lpErrno)
{
    if (!ResetEvent(hEvent)) {
        *lpErrno = WSA_INVALID_HANDLE;
        return FALSE;
    }
    return TRUE;
}

/*
 * A socket made by WPUCreateSocketHandle, for a provider without objects
 * of its own: the handle and the provider's context value.  The context is
 * kept here, not in struct ksocket, so that the sockets providers make
 * themselves (the base provider's, one per connection) do not carry it;
 * theirs reads as 0, as before.
 */
struct upcall_socket {
    struct ksocket ks; /* first: the handle table's object */
    DWORD_PTR context;
};

static void upcall__socket_destroy(struct kobj *obj)
{
    ksocket_release((struct ksocket *)obj);
    free(obj);
}

static const struct kobj_ops upcall__socket_ops = {KOBJ_SOCKET, upcall__socket_destroy};

static void upcall__close_orphan(uintptr_t h, struct kobj *obj, void *ctx)
{
    (void)ctx;
    if (obj->ops == &upcall__socket_ops && handle_close(h, KOBJ_SOCKET))
        handle_unref(h);
}

void ws2_close_orphan_handles(void)
{
    handle_for_each(KOBJ_SOCKET, upcall__close_orphan, NULL);
}

static SOCKET WSPAPI upcall__create_socket_handle(DWORD dwCatalogEntryId, DWORD_PTR dwContext,
                                                  LPINT lpErrno)
{
    struct ws2_entry *entry = ws2_catalog_find_id(dwCatalogEntryId);
    if (!entry) {
        *lpErrno = WSAEINVAL;
        return INVALID_SOCKET;
    }
    struct upcall_socket *u = calloc(1, sizeof(*u));
    if (!u) {
        *lpErrno = WSAENOBUFS;
        return INVALID_SOCKET;
    }
    u->ks.obj.ops = &upcall__socket_ops;
    u->context = dwContext;
    atomic_init(&u->ks.entry, entry);
    uintptr_t h = handle_insert(&u->ks.obj);
    if (!h) {
        free(u);
        *lpErrno = WSAEMFILE;
        return INVALID_SOCKET;
    }
    return (SOCKET)h;
}

static SOCKET WSPAPI upcall__modify_ifs_handle(DWORD dwCatalogEntryId, SOCKET ProposedHandle,
                                               LPINT lpErrno)
{
    struct ws2_entry *entry = ws2_catalog_find_id(dwCatalogEntryId);
    struct ksocket *ks = (struct ksocket *)handle_ref((uintptr_t)ProposedHandle, KOBJ_SOCKET);
    if (!entry || !ks) {
        if (ks)
            handle_unref((uintptr_t)ProposedHandle);
        *lpErrno = entry ? WSAENOTSOCK : WSAEINVAL;
        return INVALID_SOCKET;
    }
    atomic_store_explicit(&ks->entry, entry, memory_order_release);
    handle_unref((uintptr_t)ProposedHandle);
    return ProposedHandle;
}

static int WSPAPI upcall__close_socket_handle(SOCKET s, LPINT lpErrno)
{
    if (!handle_close((uintptr_t)s, KOBJ_SOCKET)) {
        *lpErrno = WSAENOTSOCK;
        return SOCKET_ERROR;
    }
    handle_unref((uintptr_t)s);
    return 0;
}

static int WSPAPI upcall__query_socket_handle_context(SOCKET s, PDWORD_PTR lpContext, LPINT lpErrno)
{
    struct ksocket *ks = (struct ksocket *)handle_ref((uintptr_t)s, KOBJ_SOCKET);
    if (!ks) {
        *lpErrno = WSAENOTSOCK;
        return SOCKET_ERROR;
    }
    if (!lpContext) {
        handle_unref((uintptr_t)s);
        *lpErrno = WSAEFAULT;
        return SOCKET_ERROR;
    }
    /* A provider's own socket object has no context: 0, as WPUCreateSocketHandle's of 0. */
    *lpContext = ks->obj.ops == &upcall__socket_ops ? ((struct upcall_socket *)ks)->context : 0;
    handle_unref((uintptr_t)s);
    return 0;
}

static int WSPAPI upcall__fd_is_set(SOCKET s, fd_set *fdset)
{
    return __WSAFDIsSet(s, fdset);
}

/* WPUGetProviderPath answers as WSCGetProviderPath does (wsc.c). */
static int WSPAPI upcall__get_provider_path(LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
                                            LPINT lpProviderDllPathLen, LPINT lpErrno)
{
    return ws2_provider_path(lpProviderId, lpszProviderDllPath, lpProviderDllPathLen, lpErrno);
}

/*
 * There are no windows to post messages to (WSAAsyncSelect is not offered):
 * FALSE, PostMessage's failure, with WSAEOPNOTSUPP as the thread's last
 * error so that a provider that looks can tell why.
 */
static BOOL WSPAPI upcall__post_message(HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam)
{
    (void)hWnd;
    (void)Msg;
    (void)wParam;
    (void)lParam;
    SetLastError(WSAEOPNOTSUPP);
    return FALSE;
}

/* The callback a provider runs while it blocks (blocking.c: Winsock 1.1 hooks). */
static int WSPAPI upcall__query_blocking_callback(DWORD dwCatalogEntryId,
                                                  LPBLOCKINGCALLBACK *lplpfnCallback,
                                                  PDWORD_PTR lpdwContext, LPINT lpErrno)
{
    if (!lplpfnCallback || !lpdwContext) {
        *lpErrno = WSAEFAULT;
        return SOCKET_ERROR;
    }
    ws2_blocking_callback(dwCatalogEntryId, lplpfnCallback, lpdwContext);
    return 0;
}

/*
 * A WSATHREADID keeps a referenced kernel thread in Reserved, so that the
 * provider can queue completion APCs to a thread that may have no handle.
 */
static int WSPAPI upcall__open_current_thread(LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    struct kthread *self = kthread_from_handle(GetCurrentThread());
    if (!self) {
        *lpErrno = WSAENOBUFS;
        return SOCKET_ERROR;
    }
    lpThreadId->ThreadHandle = GetCurrentThread();
    lpThreadId->Reserved = (DWORD_PTR)self;
    return 0;
}

static int WSPAPI upcall__close_thread(LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    struct kthread *t = (struct kthread *)lpThreadId->Reserved;
    if (!t) {
        *lpErrno = WSAEINVAL;
        return SOCKET_ERROR;
    }
    lpThreadId->Reserved = 0;
    kthread_release(t);
    return 0;
}

static int WSPAPI upcall__queue_apc(LPWSATHREADID lpThreadId, LPWSAUSERAPC lpfnUserApc,
                                    DWORD_PTR dwContext, LPINT lpErrno)
{
    struct kthread *t = (struct kthread *)lpThreadId->Reserved;
    if (!t || !lpfnUserApc) {
        *lpErrno = WSAEINVAL;
        return SOCKET_ERROR;
    }
    if (!kthread_queue_apc(t, (PAPCFUNC)lpfnUserApc, dwContext)) {
        *lpErrno = WSAEINVAL;
        return SOCKET_ERROR;
    }
    return 0;
}

const WSPUPCALLTABLE ws2_upcalls = {
    .lpWPUCloseEvent = upcall__close_event,
    .lpWPUCloseSocketHandle = upcall__close_socket_handle,
    .lpWPUCreateEvent = upcall__create_event,
    .lpWPUCreateSocketHandle = upcall__create_socket_handle,
    .lpWPUFDIsSet = upcall__fd_is_set,
    .lpWPUGetProviderPath = upcall__get_provider_path,
    .lpWPUModifyIFSHandle = upcall__modify_ifs_handle,
    .lpWPUPostMessage = upcall__post_message,
    .lpWPUQueryBlockingCallback = upcall__query_blocking_callback,
    .lpWPUQuerySocketHandleContext = upcall__query_socket_handle_context,
    .lpWPUQueueApc = upcall__queue_apc,
    .lpWPUResetEvent = upcall__reset_event,
    .lpWPUSetEvent = upcall__set_event,
    .lpWPUOpenCurrentThread = upcall__open_current_thread,
    .lpWPUCloseThread = upcall__close_thread,
};

static void upcall__packet_release(struct kpacket *packet)
{
    free(packet);
}

/*
 * WPUCompleteOverlappedRequest, exported directly rather than through the
 * upcall table: a non-IFS provider reports an overlapped operation on a
 * handle of WPUCreateSocketHandle as finished — "signals an event found in
 * the WSAOVERLAPPED structure referenced by lpOverlapped and/or queues a
 * completion status report to the completion port associated with the
 * socket if a completion port is associated" — for every notification but
 * a completion routine, which the provider queues itself (WPUQueueApc).
 * Only such handles are accepted (WSAEINVAL otherwise).  The status is
 * written into the OVERLAPPED first (Internal as an NTSTATUS, InternalHigh
 * the bytes), as for our own operations, so HasOverlappedIoCompleted and
 * GetOverlappedResult see it, and a waiter without an event is woken.  An
 * hEvent with its low bit set asks for no packet, as everywhere.
 */
int WSPAPI WPUCompleteOverlappedRequest(SOCKET s, LPWSAOVERLAPPED lpOverlapped, DWORD dwError,
                                        DWORD cbTransferred, LPINT lpErrno)
{
    int ignored;
    if (!lpErrno || !sys_user_writable(lpErrno, sizeof(*lpErrno)))
        lpErrno = &ignored;
    struct kobj *obj = handle_ref((uintptr_t)s, KOBJ_SOCKET);
    if (!obj || obj->ops != &upcall__socket_ops) {
        if (obj)
            handle_unref((uintptr_t)s);
        *lpErrno = WSAEINVAL;
        return SOCKET_ERROR;
    }
    /*
     * Read, not written, by the check: the operation is pending, and threads
     * waiting for it read the OVERLAPPED now (a check that copies its bytes
     * onto themselves would race with them).
     */
    if (!lpOverlapped || !sys_user_readable(lpOverlapped, sizeof(*lpOverlapped))) {
        handle_unref((uintptr_t)s);
        *lpErrno = WSAEFAULT;
        return SOCKET_ERROR;
    }
    struct ksocket *ks = (struct ksocket *)obj;
    HANDLE event = lpOverlapped->hEvent;
    DWORD status = kstatus_from_wsa((int)dwError);
    struct kpacket *packet = NULL;
    struct kport *port = atomic_load_explicit(&ks->port, memory_order_acquire);
    if (port && !koverlapped_skips_port(event)) {
        packet = calloc(1, sizeof(*packet));
        if (!packet) {
            handle_unref((uintptr_t)s);
            *lpErrno = WSAENOBUFS;
            return SOCKET_ERROR;
        }
        packet->bytes = cbTransferred;
        packet->key = ks->port_key;
        packet->overlapped = lpOverlapped;
        packet->error = kstatus_to_win32(status);
        packet->release = upcall__packet_release;
        kport_ref(port); /* the socket may lose its association once the OVERLAPPED is final */
    }
    lpOverlapped->InternalHigh = cbTransferred;
    koverlapped_finish(lpOverlapped, status);
    if (event)
        SetEvent(koverlapped_event(event));
    if (packet) {
        kport_post(port, packet);
        kport_unref(port);
    }
    handle_unref((uintptr_t)s);
    return 0;
}
