/* SignalObjectAndWait: signals one object (event, mutex, semaphore) and waits for another. */
#include "kernel/handle.h"

#include <windows.h>

DWORD WINAPI SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn,
                                 DWORD dwMilliseconds, BOOL bAlertable)
{
    /* Both handles are checked before anything is signaled. */
    if (hObjectToWaitOn != GetCurrentThread()) {
        struct kobj *wait_obj = handle_ref((uintptr_t)hObjectToWaitOn, KOBJ_ANY);
        if (!wait_obj) {
            SetLastError(ERROR_INVALID_HANDLE);
            return WAIT_FAILED;
        }
        handle_unref((uintptr_t)hObjectToWaitOn);
    }
    struct kobj *obj = handle_ref((uintptr_t)hObjectToSignal, KOBJ_ANY);
    enum kobj_type type = obj ? obj->ops->type : KOBJ_ANY;
    if (obj)
        handle_unref((uintptr_t)hObjectToSignal);
    /*
     * "hObjectToSignal: ... can be a semaphore, a mutex, or an event";
     * signalling works as ReleaseSemaphore(1), ReleaseMutex and SetEvent
     * do, with their errors (ERROR_NOT_OWNER, ERROR_TOO_MANY_POSTS).  The
     * signal and the start of the wait are two steps here, not one: a
     * thread that the signal releases may run before this one waits.
     */
    BOOL signaled;
    switch (type) {
    case KOBJ_EVENT: signaled = SetEvent(hObjectToSignal); break;
    case KOBJ_MUTEX: signaled = ReleaseMutex(hObjectToSignal); break;
    case KOBJ_SEMAPHORE: signaled = ReleaseSemaphore(hObjectToSignal, 1, NULL); break;
    default: SetLastError(ERROR_INVALID_HANDLE); return WAIT_FAILED;
    }
    if (!signaled)
        return WAIT_FAILED;
    return WaitForSingleObjectEx(hObjectToWaitOn, dwMilliseconds, bAlertable);
}
