/*
 * The base provider's half of the Winsock 1.1 blocking model: running the
 * blocking callback while a blocking call waits, and WSPCancelBlockingCall.
 *
 * Each blocking wait asks ws2_32 for the thread's callback
 * (WPUQueryBlockingCallback).  NULL — a Winsock 2 application, or a 1.1 one
 * without its own hook — means "use native operating system blocking
 * functions" ("Blocking Hook", SPI overview): the wait sleeps exactly as
 * before, and only a cheap look at the cancel flag is added.  With a
 * callback, the wait sleeps at most BLOCKING_SLICE_NS at a time and calls it
 * between sleeps, as the Winsock 1.1 pseudo-blocking loop calls the hook
 * between its checks for completion; the callback returns FALSE when the
 * call was cancelled, and the call then fails with WSAEINTR
 * (WPUQueryBlockingCallback, WSPCancelBlockingCall).
 *
 * WSPCancelBlockingCall "cancels any outstanding blocking operation for this
 * thread", so the state is per thread: whether a blocking wait is in
 * progress, and whether it was cancelled.  The cancel can come from the hook
 * or from an APC the wait runs (the thread's only ways to run code while it
 * blocks).
 */
#include "providers/base/base.h"
#include "sys/sys.h"
#include "sys/tls.h"

/* How long a wait with a blocking hook sleeps between two calls of it. */
#define BLOCKING_SLICE_NS (10 * 1000000LL)

static SYS_TLS int blocking__depth;
static SYS_TLS bool blocking__cancelled;

void base_blocking_begin(struct base_blocking *bb, const struct bsock *b)
{
    bb->callback = NULL;
    bb->context = 0;
    bb->looked = false;
    if (blocking__depth++ == 0)
        blocking__cancelled = false;
    /*
     * Under the startup lock: a WSPStartup for another catalog entry may be
     * storing the upcall table right now.  Not started (a final cleanup is
     * under way): no hook, and the wait ends as the socket is reset.
     */
    if (!base_lock_started())
        return;
    LPWPUQUERYBLOCKINGCALLBACK query = base_upcalls.lpWPUQueryBlockingCallback;
    base_unlock_started();
    int error = 0;
    if (query && query(b->info->dwCatalogEntryId, &bb->callback, &bb->context, &error) != 0)
        bb->callback = NULL;
}

void base_blocking_end(struct base_blocking *bb)
{
    (void)bb;
    blocking__depth--;
}

int base_blocking_step(struct base_blocking *bb, int64_t *until)
{
    if (blocking__cancelled)
        return WSAEINTR;
    if (!bb->callback)
        return 0;
    /*
     * The first pass only looks: the hook runs only if "the request cannot be
     * completed immediately" ("Blocking Hook"), which a select on a socket
     * that is already ready, or with a zero time-out, never is.
     */
    int64_t now = sys_now_ns();
    if (!bb->looked) {
        bb->looked = true;
        if (*until < 0 || *until > now)
            *until = now;
        return 0;
    }
    if (!bb->callback(bb->context) || blocking__cancelled)
        return WSAEINTR;
    int64_t next = sys_now_ns() + BLOCKING_SLICE_NS;
    if (*until < 0 || *until > next)
        *until = next;
    return 0;
}

int base_blocking_cancel(LPINT lpErrno)
{
    if (blocking__depth == 0) {
        *lpErrno = WSAEINVAL; /* "there is no outstanding blocking call" */
        return SOCKET_ERROR;
    }
    blocking__cancelled = true;
    return 0;
}
