/*
 * Semaphore objects: CreateSemaphore(A/W), CreateSemaphoreEx(A/W),
 * OpenSemaphore(A/W), ReleaseSemaphore.
 *
 * "The state of a semaphore object is signaled when its count is greater
 * than zero"; each satisfied wait takes one from the count.  The count lives
 * under kdispatch_lock, so a wait on several objects takes a unit
 * atomically with the others.
 */
#include <stdlib.h>

#include "kernel/handle.h"
#include "kernel/named.h"
#include "kernel/thread.h"
#include "sys/usermem.h"

struct ksemaphore {
    struct knamed named;
    LONG count;
    LONG maximum;
};

static bool semaphore__signaled_for(struct kwaitable *w, struct kthread *t)
{
    (void)t;
    return ((struct ksemaphore *)w)->count > 0;
}

static bool semaphore__acquire(struct kwaitable *w, struct kthread *t)
{
    (void)t;
    struct ksemaphore *s = (struct ksemaphore *)w;
    s->count--;
    w->signaled = s->count > 0;
    return false;
}

static const struct kwaitable_ops semaphore__wops = {semaphore__signaled_for, semaphore__acquire};

static void semaphore__free(struct knamed *obj)
{
    free(obj);
}

static const struct kobj_ops semaphore__ops = {KOBJ_SEMAPHORE, knamed_handle_closed};

struct semaphore__args {
    LONG initial, maximum;
};

static struct knamed *semaphore__make(void *ctx)
{
    const struct semaphore__args *a = ctx;
    struct ksemaphore *s = calloc(1, sizeof(*s));
    if (!s) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    kwaitable_init(&s->named.waitable, &semaphore__ops, a->initial > 0, false);
    s->named.waitable.wops = &semaphore__wops;
    knamed_init(&s->named, semaphore__free);
    s->count = a->initial;
    s->maximum = a->maximum;
    return &s->named;
}

/*
 * "lInitialCount ... must be greater than or equal to zero and less than or
 * equal to lMaximumCount"; "lMaximumCount ... must be greater than zero".
 * An existing named semaphore keeps its own counts.
 */
static HANDLE semaphore__create(LONG initial, LONG maximum, char *name)
{
    if (maximum <= 0 || initial < 0 || initial > maximum) {
        free(name);
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    struct semaphore__args a = {initial, maximum};
    return knamed_create(KOBJ_SEMAPHORE, name, semaphore__make, &a);
}

HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                               LONG lMaximumCount, LPCSTR lpName)
{
    (void)lpSemaphoreAttributes;
    char *name;
    if (!knamed_name_a(lpName, &name))
        return NULL;
    return semaphore__create(lInitialCount, lMaximumCount, name);
}

HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                               LONG lMaximumCount, LPCWSTR lpName)
{
    (void)lpSemaphoreAttributes;
    char *name;
    if (!knamed_name_w(lpName, &name))
        return NULL;
    return semaphore__create(lInitialCount, lMaximumCount, name);
}

/* "dwFlags: This parameter is reserved and must be 0."  The access mask is not enforced. */
HANDLE WINAPI CreateSemaphoreExA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                                 LONG lMaximumCount, LPCSTR lpName, DWORD dwFlags,
                                 DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    if (dwFlags) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return CreateSemaphoreA(lpSemaphoreAttributes, lInitialCount, lMaximumCount, lpName);
}

HANDLE WINAPI CreateSemaphoreExW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                                 LONG lMaximumCount, LPCWSTR lpName, DWORD dwFlags,
                                 DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    if (dwFlags) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return CreateSemaphoreW(lpSemaphoreAttributes, lInitialCount, lMaximumCount, lpName);
}

HANDLE WINAPI OpenSemaphoreA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    char *name;
    if (!knamed_name_a(lpName, &name))
        return NULL;
    return knamed_open(KOBJ_SEMAPHORE, name);
}

HANDLE WINAPI OpenSemaphoreW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    char *name;
    if (!knamed_name_w(lpName, &name))
        return NULL;
    return knamed_open(KOBJ_SEMAPHORE, name);
}

BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount, LPLONG lpPreviousCount)
{
    struct ksemaphore *s = (struct ksemaphore *)handle_ref((uintptr_t)hSemaphore, KOBJ_SEMAPHORE);
    if (!s) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    DWORD error = ERROR_SUCCESS;
    if (lReleaseCount <= 0)
        error = ERROR_INVALID_PARAMETER; /* "must be greater than zero" */
    else if (lpPreviousCount && !sys_user_writable(lpPreviousCount, sizeof(*lpPreviousCount)))
        error = ERROR_NOACCESS;
    LONG previous = 0;
    if (error == ERROR_SUCCESS) {
        pthread_mutex_lock(&kdispatch_lock);
        previous = s->count;
        /*
         * "If the specified amount would cause the semaphore's count to
         * exceed the maximum count ..., the count is not changed and the
         * function returns FALSE" (ERROR_TOO_MANY_POSTS).
         */
        if (lReleaseCount > s->maximum - s->count) {
            error = ERROR_TOO_MANY_POSTS;
        } else {
            s->count += lReleaseCount;
            kwaitable_signal_locked(&s->named.waitable);
        }
        pthread_mutex_unlock(&kdispatch_lock);
    }
    handle_unref((uintptr_t)hSemaphore);
    if (error != ERROR_SUCCESS) {
        SetLastError(error);
        return FALSE;
    }
    if (lpPreviousCount)
        *lpPreviousCount = previous;
    return TRUE;
}
