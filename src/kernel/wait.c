/* WaitForSingleObject(Ex), WaitForMultipleObjects(Ex), Sleep, SleepEx. */
#include <sched.h>
#include <stdint.h>

#include "kernel/dispatch.h"
#include "kernel/handle.h"
#include "kernel/ksocket.h"
#include "kernel/thread.h"
#include "sys/sys.h"
#include "sys/usermem.h"

static bool wait__is_waitable(struct kobj *obj)
{
    switch (obj->ops->type) {
    case KOBJ_EVENT:
    case KOBJ_THREAD:
    case KOBJ_MUTEX:
    case KOBJ_SEMAPHORE:
    case KOBJ_TIMER:
    /*
     * A notification handle (ws2_32/provcfg.c) begins with its file event,
     * a waitable set when a notification without an event of its own
     * completes, as a file handle's is.
     */
    case KOBJ_NOTIFY: return true;
    default: return false;
    }
}

/*
 * Looks up the object a handle names for a wait: GetCurrentThread()'s
 * pseudo-handle names the calling thread ("the calling thread can use this
 * handle to specify itself whenever a thread handle is required"), which
 * cannot go away while it waits, so no reference is taken for it.
 */
static struct kwaitable *wait__lookup(HANDLE h, bool *referenced)
{
    *referenced = false;
    if (h == GetCurrentThread()) {
        struct kthread *self = kthread_self();
        return self ? &self->waitable : NULL;
    }
    struct kobj *obj = handle_ref((uintptr_t)h, KOBJ_ANY);
    if (!obj)
        return NULL;
    /*
     * A socket is a file object: waiting on it waits for its file event,
     * set when an operation without an event of its own completes
     * (ksocket_wait.c).  The reference on the handle keeps it meanwhile.
     */
    if (obj->ops->type == KOBJ_SOCKET) {
        struct kwaitable *w = ksocket_waitable((struct ksocket *)obj);
        if (!w)
            handle_unref((uintptr_t)h); /* no memory for its event: the wait fails */
        *referenced = w != NULL;
        return w;
    }
    if (!wait__is_waitable(obj)) {
        handle_unref((uintptr_t)h);
        return NULL;
    }
    *referenced = true;
    return (struct kwaitable *)obj;
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                      DWORD dwMilliseconds, BOOL bAlertable)
{
    if (nCount == 0 || nCount > MAXIMUM_WAIT_OBJECTS || !lpHandles) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    /* The kernel reads the array through a probe: an address it cannot read is ERROR_NOACCESS. */
    if (!sys_user_readable(lpHandles, nCount * sizeof(*lpHandles))) {
        SetLastError(ERROR_NOACCESS);
        return WAIT_FAILED;
    }
    /*
     * Windows reads the array once, when the wait starts, and holds the
     * objects until it returns: the caller may change the array meanwhile
     * (a console control handler that closes the thread handles a main
     * thread waits on and stores INVALID_HANDLE_VALUE in their places).  So
     * each handle is read once, into handles[], and the references are
     * dropped through that copy, never through the caller's array.  The
     * read is atomic because another thread may be writing the element.
     */
    HANDLE handles[MAXIMUM_WAIT_OBJECTS];
    struct kwaitable *objects[MAXIMUM_WAIT_OBJECTS];
    bool referenced[MAXIMUM_WAIT_OBJECTS];
    DWORD taken = 0;
    DWORD result = WAIT_FAILED;
    for (; taken < nCount; taken++) {
        handles[taken] = __atomic_load_n(&lpHandles[taken], __ATOMIC_RELAXED);
        objects[taken] = wait__lookup(handles[taken], &referenced[taken]);
        if (!objects[taken]) {
            SetLastError(ERROR_INVALID_HANDLE);
            goto out;
        }
    }
    /*
     * "The array ... may not contain multiple copies of the same handle":
     * Windows refuses a wait-all that names one object twice
     * (STATUS_INVALID_PARAMETER_MIX, i.e. ERROR_INVALID_PARAMETER); a
     * wait-any simply reports the first copy.
     */
    if (bWaitAll) {
        for (DWORD i = 1; i < nCount; i++) {
            for (DWORD j = 0; j < i; j++) {
                if (objects[i] == objects[j]) {
                    SetLastError(ERROR_INVALID_PARAMETER);
                    goto out;
                }
            }
        }
    }
    result = kwait_objects(objects, nCount, bWaitAll != FALSE, dwMilliseconds, bAlertable != FALSE);
out:
    for (DWORD i = 0; i < taken; i++)
        if (referenced[i])
            handle_unref((uintptr_t)handles[i]);
    kthread_exit_if_requested(); /* an APC of this wait called ExitThread */
    return result;
}

DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                    DWORD dwMilliseconds)
{
    return WaitForMultipleObjectsEx(nCount, lpHandles, bWaitAll, dwMilliseconds, FALSE);
}

DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable)
{
    return WaitForMultipleObjectsEx(1, &hHandle, FALSE, dwMilliseconds, bAlertable);
}

DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)
{
    return WaitForMultipleObjectsEx(1, &hHandle, FALSE, dwMilliseconds, FALSE);
}

/*
 * Sleep waits in a poll of nothing rather than in nanosleep: the same wait
 * to the kernel, but a call that ThreadSanitizer treats as blocking.  Its
 * nanosleep is not, so a signal that reached the thread just before the
 * sleep began stayed queued in the sanitizer until the whole sleep had
 * passed, and a console control handler (win32/console_ctrl.c) ran 30
 * seconds late in a program whose main thread sleeps, as servers do.
 */
void WINAPI Sleep(DWORD dwMilliseconds)
{
    if (dwMilliseconds == 0) {
        sched_yield();
        return;
    }
    int64_t deadline = dwMilliseconds == INFINITE ? -1 : kdeadline_ms(dwMilliseconds);
    /*
     * A sleep is a wait: a port's running thread that sleeps lets another
     * take its place, as in every other wait (port.c).
     */
    bool counted = kthread_wait_begin();
    for (;;) {
        if (sys_poll_until(NULL, 0, deadline) == 0 && deadline >= 0)
            break;
        /* EINTR: a signal's handler ran; the sleep goes on to its deadline. */
    }
    if (counted)
        kthread_wait_end();
}

DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable)
{
    if (!bAlertable) {
        Sleep(dwMilliseconds);
        return 0;
    }
    struct kthread *self = kthread_self();
    if (!self) {
        Sleep(dwMilliseconds);
        return 0;
    }
    int64_t deadline = kdeadline_ms(dwMilliseconds);
    for (;;) {
        if (kthread_apc_pending(self)) {
            kthread_run_apcs(self);
            kthread_exit_if_requested();
            return WAIT_IO_COMPLETION;
        }
        if (deadline >= 0 && sys_now_ns() >= deadline)
            return 0;
        kthread_sleep(self, deadline, NULL, 0);
    }
}
