/* Entering and leaving an API call: the startup and re-entrancy checks, socket lookup. */
#include "ws2_32/ws2.h"

#include "kernel/handle.h"
#include "kernel/thread.h"
#include "ws2_32/catalog.h"

int ws2_fail(int error)
{
    WSASetLastError(error);
    return SOCKET_ERROR;
}

int ws2_check(void)
{
    if (!ws2_started())
        return WSANOTINITIALISED;
    struct kthread *self = kthread_self();
    if (!self)
        return WSAENOBUFS;
    if (self->blocking_depth > 0 || self->callback_depth > 0)
        return WSAEINPROGRESS;
    return 0;
}

bool ws2_enter(void)
{
    int error = ws2_check();
    if (error)
        ws2_fail(error);
    return error == 0;
}

bool ws2_enter_socket(struct ws2_call *call, SOCKET s)
{
    if (!ws2_enter())
        return false;
    struct ksocket *ks = (struct ksocket *)handle_ref((uintptr_t)s, KOBJ_SOCKET);
    if (!ks) {
        ws2_fail(WSAENOTSOCK);
        return false;
    }
    struct ws2_entry *entry = atomic_load_explicit(&ks->entry, memory_order_acquire);
    if (!entry) {
        handle_unref((uintptr_t)s);
        ws2_fail(WSAENOTSOCK);
        return false;
    }
    call->s = s;
    call->socket = ks;
    call->entry = entry;
    call->procs = &entry->procs;
    handle_hold_begin(&call->hold, (uintptr_t)s, &ks->obj);
    ws2_call_begin(entry);
    return true;
}

void ws2_leave(struct ws2_call *call)
{
    ws2_call_end(call->entry);
    handle_hold_end(&call->hold);
    handle_unref((uintptr_t)call->s);
    /*
     * An APC or callback run inside the call asked for ExitThread: the call
     * has released everything on its way out, so the thread can end now.
     */
    kthread_exit_if_requested();
}

/*
 * Windows' ws2_32 sets the last error on its common way out of a call that
 * reached the socket's provider, to the provider's error, which is 0 when
 * the call succeeds: a successful recv, send, bind, getsockopt, select ...
 * leaves WSAGetLastError() at 0.  Programs depend on it: a loop on
 * "recv() > 0 || WSAGetLastError() == WSAEWOULDBLOCK" ends at end of stream
 * only because recv's 0 cleared the WSAEWOULDBLOCK of an earlier call.
 */
int ws2_leave_result(struct ws2_call *call, int result, int error)
{
    ws2_leave(call);
    WSASetLastError(result == SOCKET_ERROR ? error : 0);
    return result;
}
