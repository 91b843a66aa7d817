/*
 * Mutex objects: CreateMutex(A/W), CreateMutexEx(A/W), OpenMutex(A/W),
 * ReleaseMutex.
 *
 * A mutex is signaled while nobody owns it, and for its owner always: "the
 * thread that owns a mutex can specify the same mutex in repeated wait
 * function calls without blocking its execution", each of which needs its
 * own ReleaseMutex.  Ownership is kept in the dispatcher (kdispatch_lock) so
 * that a wait on several objects, bWaitAll included, takes a mutex
 * atomically with the others.  Each thread lists the mutexes it owns, so
 * that its end abandons them (kmutex_abandon_all_locked).
 */
#include "kernel/mutex.h"

#include <stdlib.h>

#include "kernel/handle.h"
#include "kernel/named.h"
#include "kernel/thread.h"

struct kmutex {
    struct knamed named;
    struct kthread *owner;     /* NULL: not owned */
    unsigned recursion;        /* waits satisfied for the owner, not yet released */
    bool abandoned;            /* its owner ended while owning it; the next acquire says so */
    struct kmutex *owned_next; /* in owner->owned_mutexes */
    struct kmutex **owned_pprev;
};

/* Links m into t's list of owned mutexes; kdispatch_lock held. */
static void mutex__own(struct kmutex *m, struct kthread *t)
{
    m->owner = t;
    m->recursion = 1;
    m->named.waitable.signaled = false;
    m->owned_next = t->owned_mutexes;
    if (m->owned_next)
        m->owned_next->owned_pprev = &m->owned_next;
    m->owned_pprev = &t->owned_mutexes;
    t->owned_mutexes = m;
}

static void mutex__disown(struct kmutex *m)
{
    *m->owned_pprev = m->owned_next;
    if (m->owned_next)
        m->owned_next->owned_pprev = m->owned_pprev;
    m->owned_next = NULL;
    m->owned_pprev = NULL;
    m->owner = NULL;
    m->recursion = 0;
}

static bool mutex__signaled_for(struct kwaitable *w, struct kthread *t)
{
    struct kmutex *m = (struct kmutex *)w;
    return m->owner == NULL || m->owner == t;
}

static bool mutex__acquire(struct kwaitable *w, struct kthread *t)
{
    struct kmutex *m = (struct kmutex *)w;
    if (m->owner == t) {
        m->recursion++;
        return false;
    }
    bool abandoned = m->abandoned;
    m->abandoned = false;
    mutex__own(m, t);
    return abandoned;
}

static const struct kwaitable_ops mutex__wops = {mutex__signaled_for, mutex__acquire};

static void mutex__free(struct knamed *obj)
{
    struct kmutex *m = (struct kmutex *)obj;
    /* The last handle closed while a thread owns it: the thread's list must forget it. */
    pthread_mutex_lock(&kdispatch_lock);
    if (m->owner)
        mutex__disown(m);
    pthread_mutex_unlock(&kdispatch_lock);
    free(m);
}

static const struct kobj_ops mutex__ops = {KOBJ_MUTEX, knamed_handle_closed};

static struct knamed *mutex__make(void *ctx)
{
    bool initial_owner = *(bool *)ctx;
    struct kthread *self = kthread_self();
    struct kmutex *m = calloc(1, sizeof(*m));
    if (!m || !self) {
        free(m);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    kwaitable_init(&m->named.waitable, &mutex__ops, true, false);
    m->named.waitable.wops = &mutex__wops;
    knamed_init(&m->named, mutex__free);
    if (initial_owner) {
        pthread_mutex_lock(&kdispatch_lock);
        mutex__own(m, self);
        pthread_mutex_unlock(&kdispatch_lock);
    }
    return &m->named;
}

/*
 * "If the mutex is a named mutex and the object existed before this
 * function call ... the bInitialOwner parameter is ignored" (knamed_create
 * does not call mutex__make then).
 */
static HANDLE mutex__create(char *name, bool initial_owner)
{
    return knamed_create(KOBJ_MUTEX, name, mutex__make, &initial_owner);
}

HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
                           LPCSTR lpName)
{
    (void)lpMutexAttributes;
    char *name;
    if (!knamed_name_a(lpName, &name))
        return NULL;
    return mutex__create(name, bInitialOwner != FALSE);
}

HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes, BOOL bInitialOwner,
                           LPCWSTR lpName)
{
    (void)lpMutexAttributes;
    char *name;
    if (!knamed_name_w(lpName, &name))
        return NULL;
    return mutex__create(name, bInitialOwner != FALSE);
}

/* CREATE_MUTEX_INITIAL_OWNER is the only flag; the access mask is not enforced here. */
HANDLE WINAPI CreateMutexExA(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCSTR lpName, DWORD dwFlags,
                             DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    if (dwFlags & ~(DWORD)CREATE_MUTEX_INITIAL_OWNER) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return CreateMutexA(lpMutexAttributes, (dwFlags & CREATE_MUTEX_INITIAL_OWNER) != 0, lpName);
}

HANDLE WINAPI CreateMutexExW(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCWSTR lpName, DWORD dwFlags,
                             DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    if (dwFlags & ~(DWORD)CREATE_MUTEX_INITIAL_OWNER) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return CreateMutexW(lpMutexAttributes, (dwFlags & CREATE_MUTEX_INITIAL_OWNER) != 0, lpName);
}

HANDLE WINAPI OpenMutexA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    char *name;
    if (!knamed_name_a(lpName, &name))
        return NULL;
    return knamed_open(KOBJ_MUTEX, name);
}

HANDLE WINAPI OpenMutexW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    char *name;
    if (!knamed_name_w(lpName, &name))
        return NULL;
    return knamed_open(KOBJ_MUTEX, name);
}

BOOL WINAPI ReleaseMutex(HANDLE hMutex)
{
    struct kmutex *m = (struct kmutex *)handle_ref((uintptr_t)hMutex, KOBJ_MUTEX);
    if (!m) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    struct kthread *self = kthread_self();
    BOOL ok = TRUE;
    pthread_mutex_lock(&kdispatch_lock);
    if (!self || m->owner != self) {
        /* "If the calling thread does not own the mutex ... ERROR_NOT_OWNER" */
        ok = FALSE;
    } else if (--m->recursion == 0) {
        mutex__disown(m);
        kwaitable_signal_locked(&m->named.waitable);
    }
    pthread_mutex_unlock(&kdispatch_lock);
    handle_unref((uintptr_t)hMutex);
    if (!ok)
        SetLastError(ERROR_NOT_OWNER);
    return ok;
}

void kmutex_abandon_all_locked(struct kthread *t)
{
    while (t->owned_mutexes) {
        struct kmutex *m = t->owned_mutexes;
        mutex__disown(m);
        m->abandoned = true;
        kwaitable_signal_locked(&m->named.waitable);
    }
}
