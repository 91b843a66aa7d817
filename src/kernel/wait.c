/* WaitForSingleObject(Ex), WaitForMultipleObjects(Ex), Sleep, SleepEx. */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <time.h>

#include "kernel/dispatch.h"
#include "kernel/handle.h"
#include "kernel/thread.h"

static bool wait__is_waitable(struct kobj *obj)
{
    return obj->ops->type == KOBJ_EVENT || obj->ops->type == KOBJ_THREAD;
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                      DWORD dwMilliseconds, BOOL bAlertable)
{
    if (nCount == 0 || nCount > MAXIMUM_WAIT_OBJECTS || !lpHandles) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    struct kwaitable *objects[MAXIMUM_WAIT_OBJECTS];
    DWORD taken = 0;
    DWORD result = WAIT_FAILED;
    for (; taken < nCount; taken++) {
        struct kobj *obj = handle_ref((uintptr_t)lpHandles[taken], KOBJ_ANY);
        if (obj && !wait__is_waitable(obj)) {
            handle_unref((uintptr_t)lpHandles[taken]);
            obj = NULL;
        }
        if (!obj) {
            SetLastError(ERROR_INVALID_HANDLE);
            goto out;
        }
        objects[taken] = (struct kwaitable *)obj;
    }
    result = kwait_objects(objects, nCount, bWaitAll != FALSE, dwMilliseconds, bAlertable != FALSE);
out:
    for (DWORD i = 0; i < taken; i++)
        handle_unref((uintptr_t)lpHandles[i]);
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

void WINAPI Sleep(DWORD dwMilliseconds)
{
    if (dwMilliseconds == INFINITE) {
        struct timespec forever = {INT32_MAX, 0};
        for (;;)
            nanosleep(&forever, NULL);
    }
    struct timespec ts = {dwMilliseconds / 1000, (long)(dwMilliseconds % 1000) * 1000000};
    if (dwMilliseconds == 0) {
        sched_yield();
        return;
    }
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
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
            return WAIT_IO_COMPLETION;
        }
        if (deadline >= 0 && sys_now_ns() >= deadline)
            return 0;
        kthread_sleep(self, deadline, NULL, 0);
    }
}
