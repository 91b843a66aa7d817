/*
 * The Winsock 1.1 blocking model: WSASetBlockingHook, WSAUnhookBlockingHook,
 * WSAIsBlocking, WSACancelBlockingCall, and the callback providers run while
 * they block (WPUQueryBlockingCallback).
 *
 * The four functions work only for an application that negotiated 1.0 or
 * 1.1: "Windows Sockets Compatibility Issues" says they are not available to
 * Windows Sockets 2 applications, and WS2_32 answers them with
 * WSAEOPNOTSUPP.  The version that counts is the latest WSAStartup's
 * (ws2_version), so WSAStartup(1.1) followed by WSAStartup(2.2) makes the
 * process a Winsock 2 application.
 *
 * The hook is per thread ("Blocking Hook" in the SPI overview: a
 * "thread-specific blocking hook", which the provider retrieves "from
 * WS2_32.DLL by calling WPUQueryBlockingCallback").  A thread that has not
 * installed one uses the default hook, and for it WPUQueryBlockingCallback
 * answers NULL: "There is no default blocking hook installed in preemptive
 * multithreaded versions of Windows ... a null pointer will be returned
 * indicating that the provider is to use native operating system blocking
 * functions."  So only an application's own hook makes a provider's wait
 * call back periodically; every other wait sleeps as a Winsock 2 one does.
 *
 * Cancellation follows WSPCancelBlockingCall: WSACancelBlockingCall asks the
 * provider whose blocking call is in progress on this thread (the one that
 * last asked WPUQueryBlockingCallback here) to cancel it, and the callback
 * then returns FALSE so that the provider fails the call with WSAEINTR.
 */
#include <sched.h>
#include <setjmp.h>

#include "kernel/thread.h"
#include "ws2_32/catalog.h"
#include "ws2_32/ws2.h"

/* The thread's own hook; NULL while the default one is in place. */
static _Thread_local FARPROC blocking__hook;
/* How deep the thread is inside its hook (the hook runs inside a blocking call). */
static _Thread_local int blocking__in_hook;
/* The blocking call in progress on this thread was cancelled (WSACancelBlockingCall). */
static _Thread_local bool blocking__cancelled;
/* The provider that last asked for the thread's callback: the one blocking now. */
static _Thread_local DWORD blocking__catalog_id;
static _Thread_local bool blocking__has_provider;

/*
 * The default hook.  On Windows it dispatches one pending window message;
 * there are no windows here, so it only gives up the processor.  FALSE: no
 * message was processed (the Winsock 1.1 DefaultBlockingHook's answer).
 */
static INT_PTR WSAAPI blocking__default_hook(void)
{
    sched_yield();
    return FALSE;
}

/* 0 when the 1.1 blocking functions may be used now, else their error. */
static int blocking__available(void)
{
    if (!ws2_started())
        return WSANOTINITIALISED;
    if (LOBYTE(ws2_version()) >= 2)
        return WSAEOPNOTSUPP;
    return 0;
}

/* Whether the thread is inside a blocking Winsock call (its hook or an APC run by it). */
static bool blocking__in_progress(void)
{
    if (blocking__in_hook > 0)
        return true;
    struct kthread *self = kthread_self();
    return self && self->blocking_depth > 0;
}

/*
 * LPBLOCKINGCALLBACK, run by a provider while it waits: runs the thread's
 * hook once and returns FALSE when the call has been cancelled.  The hook
 * counts as a callback for ws2_check, so any Winsock call it makes other
 * than WSAIsBlocking and WSACancelBlockingCall fails with WSAEINPROGRESS
 * (Winsock 1.1: "the only Windows Sockets API function which may be issued
 * from a custom blocking hook function is WSACancelBlockingCall").
 */
static BOOL CALLBACK blocking__callback(DWORD_PTR context)
{
    (void)context;
    FARPROC hook = blocking__hook;
    struct kthread *self = kthread_self();
    if (!hook || !self || blocking__cancelled)
        return !blocking__cancelled;
    /* ExitThread in the hook comes back here: the provider then unwinds the call. */
    jmp_buf target;
    jmp_buf *volatile outer = self->exit_jmp;
    blocking__in_hook++;
    self->callback_depth++;
    if (setjmp(target) == 0) {
        self->exit_jmp = &target;
        /*
         * The application's hook is a BOOL (void) function handed over as a
         * FARPROC; void (*)(void) is the type that converts to any other.
         */
        ((BOOL(WSAAPI *)(void))(void (*)(void))hook)();
    }
    self->exit_jmp = outer;
    self->callback_depth--;
    blocking__in_hook--;
    return !blocking__cancelled && !self->exit_pending;
}

void ws2_blocking_callback(DWORD catalog_id, LPBLOCKINGCALLBACK *callback, PDWORD_PTR context)
{
    *callback = NULL;
    *context = 0;
    if (blocking__available() != 0)
        return;
    /* A provider asks at the start of each blocking wait: a new call is not cancelled. */
    blocking__catalog_id = catalog_id;
    blocking__has_provider = true;
    if (blocking__in_hook == 0)
        blocking__cancelled = false;
    if (blocking__hook) {
        *callback = blocking__callback;
        *context = catalog_id;
    }
}

FARPROC WSAAPI WSASetBlockingHook(FARPROC lpBlockFunc)
{
    int error = blocking__available();
    if (!error)
        error = ws2_check();
    if (!error && !lpBlockFunc)
        error = WSAEFAULT;
    if (error) {
        ws2_fail(error);
        return NULL;
    }
    FARPROC previous = blocking__hook ? blocking__hook : (FARPROC)blocking__default_hook;
    /* Handing back the default hook (restoring what an earlier call returned) unhooks. */
    blocking__hook = lpBlockFunc == (FARPROC)blocking__default_hook ? NULL : lpBlockFunc;
    return previous;
}

int WSAAPI WSAUnhookBlockingHook(void)
{
    int error = blocking__available();
    if (!error)
        error = ws2_check();
    if (error)
        return ws2_fail(error);
    /* Always the default hook, never the previous one (Winsock 1.1, WSAUnhookBlockingHook). */
    blocking__hook = NULL;
    return 0;
}

BOOL WSAAPI WSAIsBlocking(void)
{
    /* Callable at any time, even inside a blocking call; it has no error to return. */
    int error = blocking__available();
    if (error) {
        WSASetLastError(error);
        return FALSE;
    }
    return blocking__in_progress() ? TRUE : FALSE;
}

int WSAAPI WSACancelBlockingCall(void)
{
    int error = blocking__available();
    if (error)
        return ws2_fail(error);
    /* WSPCancelBlockingCall: WSAEINVAL "indicates there is no outstanding blocking call". */
    if (!blocking__in_progress() || !blocking__has_provider)
        return ws2_fail(WSAEINVAL);
    struct ws2_entry *entry = ws2_catalog_find_id(blocking__catalog_id);
    if (!entry || !entry->procs.lpWSPCancelBlockingCall)
        return ws2_fail(WSAEINVAL);
    int err = 0;
    if (entry->procs.lpWSPCancelBlockingCall(&err) == SOCKET_ERROR)
        return ws2_fail(err);
    blocking__cancelled = true;
    return 0;
}
