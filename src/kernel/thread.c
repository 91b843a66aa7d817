/* Threads: CreateThread and friends, and the per-thread state of every caller. */
#include "kernel/thread.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "kernel/handle.h"
#include "kernel/mutex.h"
#include "kernel/port.h"
#include "kernel/timer.h"
#include "sys/usermem.h"
#include "sys/tls.h"

/* GetCurrentThread()'s pseudo-handle, as on Windows. */
#define CURRENT_THREAD_PSEUDO_HANDLE ((HANDLE)(LONG_PTR)-2)

static SYS_TLS struct kthread *kthread__current;
static pthread_key_t kthread__key;
static pthread_once_t kthread__key_once = PTHREAD_ONCE_INIT;
static _Atomic DWORD kthread__next_id = 4;

static void kthread__handle_destroy(struct kobj *obj)
{
    kthread_release((struct kthread *)obj);
}

static const struct kobj_ops kthread__ops = {KOBJ_THREAD, kthread__handle_destroy};

/*
 * Marks t exited and signals it; the first call wins.  The wake-up descriptor
 * goes first, so that a thread that has been waited for holds no descriptor:
 * nobody wakes an exited thread (it waits on nothing, and kthread_queue_apc
 * checks the descriptor under apc_lock).
 */
static void kthread__exit(struct kthread *t, DWORD code)
{
    kport_thread_exit(t);
    pthread_mutex_lock(&t->apc_lock);
    if (t->wake_fd >= 0) {
        sys_close(t->wake_fd);
        t->wake_fd = -1;
    }
    pthread_mutex_unlock(&t->apc_lock);
    /*
     * "If the thread that set the timer terminates and there is an
     * associated completion routine, the timer is canceled."
     */
    ktimer_thread_exit(t);
    pthread_mutex_lock(&kdispatch_lock);
    if (!t->exited) {
        /* Mutexes it still owns are abandoned before its handle is signaled. */
        kmutex_abandon_all_locked(t);
        t->exited = true;
        t->exit_code = code;
        kwaitable_signal_locked(&t->waitable);
    }
    pthread_mutex_unlock(&kdispatch_lock);
}

static void kthread__tls_destructor(void *p)
{
    struct kthread *t = p;
    kthread__exit(t, 0);
    kthread_drop_apcs(t);
    kthread__current = NULL;
    kthread_release(t);
}

static void kthread__make_key(void)
{
    pthread_key_create(&kthread__key, kthread__tls_destructor);
}

static struct kthread *kthread__alloc(int refs)
{
    struct kthread *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->wake_fd = sys_eventfd();
    if (t->wake_fd < 0) {
        free(t);
        return NULL;
    }
    kwaitable_init(&t->waitable, &kthread__ops, false, false);
    atomic_init(&t->refs, refs);
    t->id = atomic_fetch_add(&kthread__next_id, 4);
    pthread_mutex_init(&t->apc_lock, NULL);
    t->apc_tail = &t->apc_head;
    pthread_cond_init(&t->resume_cond, NULL);
    return t;
}

static void kthread__adopt(struct kthread *t)
{
    pthread_once(&kthread__key_once, kthread__make_key);
    kthread__current = t;
    pthread_setspecific(kthread__key, t);
}

/* t, the calling thread, blocks: its port may let another thread run; whether it was counted. */
static bool kthread__block(struct kthread *t)
{
    if (!t || !t->port_counted)
        return false;
    kport_thread_block(t);
    return true;
}

bool kthread_wait_begin(void)
{
    return kthread__block(kthread__current);
}

void kthread_wait_end(void)
{
    kport_thread_resume(kthread__current);
}

struct kthread *kthread_self(void)
{
    struct kthread *t = kthread__current;
    if (t)
        return t;
    t = kthread__alloc(1);
    if (t)
        kthread__adopt(t);
    return t;
}

void kthread_release(struct kthread *t)
{
    if (atomic_fetch_sub(&t->refs, 1) != 1)
        return;
    kthread_drop_apcs(t); /* any queued after the thread exited */
    if (t->wake_fd >= 0)
        sys_close(t->wake_fd);
    pthread_mutex_destroy(&t->apc_lock);
    pthread_cond_destroy(&t->resume_cond);
    free(t);
}

struct kthread *kthread_from_handle(HANDLE h)
{
    if (h == CURRENT_THREAD_PSEUDO_HANDLE) {
        struct kthread *self = kthread_self();
        if (self)
            atomic_fetch_add(&self->refs, 1);
        return self;
    }
    struct kobj *obj = handle_ref((uintptr_t)h, KOBJ_THREAD);
    if (!obj)
        return NULL;
    struct kthread *t = (struct kthread *)obj;
    atomic_fetch_add(&t->refs, 1);
    handle_unref((uintptr_t)h);
    return t;
}

void kthread_wake(struct kthread *t)
{
    sys_eventfd_signal(t->wake_fd);
}

static int kthread__sleep(struct kthread *t, int64_t deadline_ns, struct sys_pollfd *fds,
                          unsigned nfds);

int kthread_sleep(struct kthread *t, int64_t deadline_ns, struct sys_pollfd *fds, unsigned nfds)
{
    /* A port's running thread that blocks lets another take its place (port.c). */
    bool counted = kthread__block(t);
    int ready = kthread__sleep(t, deadline_ns, fds, nfds);
    if (counted)
        kport_thread_resume(t);
    return ready;
}

static int kthread__sleep(struct kthread *t, int64_t deadline_ns, struct sys_pollfd *fds,
                          unsigned nfds)
{
    struct sys_pollfd own;
    if (nfds == 0) {
        fds = &own;
        nfds = 1;
    }
    fds[0].fd = t->wake_fd;
    fds[0].events = SYS_POLLIN;
    fds[0].revents = 0;
    int ready = sys_poll_until(fds, nfds, deadline_ns);
    if (ready < 0)
        return errno == EINTR ? 0 : -1;
    if (fds[0].revents) {
        sys_eventfd_drain(t->wake_fd);
        ready--;
    }
    return ready;
}

int64_t kdeadline_ms(DWORD milliseconds)
{
    if (milliseconds == INFINITE)
        return -1;
    return sys_now_ns() + (int64_t)milliseconds * 1000000;
}

static void *kthread__trampoline(void *p)
{
    struct kthread *t = p;
    kthread__adopt(t);
    pthread_mutex_lock(&kdispatch_lock);
    while (t->suspend_count > 0)
        pthread_cond_wait(&t->resume_cond, &kdispatch_lock);
    pthread_mutex_unlock(&kdispatch_lock);
    /*
     * QueueUserAPC: "If an application queues an APC before the thread
     * begins running, the thread begins by calling the APC function" (and
     * then every APC in its queue).
     */
    if (kthread_apc_pending(t))
        kthread_run_apcs(t);
    kthread_exit_if_requested();
    DWORD code = t->start(t->param);
    kthread__exit(t, code);
    return NULL;
}

static SIZE_T kthread__round_up(SIZE_T n, SIZE_T unit)
{
    return n > (SIZE_T)-1 - unit ? n : (n + unit - 1) / unit * unit;
}

/*
 * The stack a new thread gets, or 0 for the default ("Thread Stack Size"):
 * dwStackSize is the initial commit, and the reserve — the stack's real
 * size — stays the default "[h]owever, if the initially committed size
 * specified by dwStackSize is larger than or equal to the default reserve
 * size, the reserve size is this new commit size rounded up to the nearest
 * multiple of 1 MB".  With STACK_SIZE_PARAM_IS_A_RESERVATION, dwStackSize
 * is the reserve, rounded up to the allocation granularity (64 KB).  So a
 * small dwStackSize never shrinks the stack below the default.
 */
static SIZE_T kthread__stack_size(pthread_attr_t *attr, SIZE_T requested, DWORD flags)
{
    if (requested == 0)
        return 0;
    if (flags & STACK_SIZE_PARAM_IS_A_RESERVATION) {
        SIZE_T size = kthread__round_up(requested, 64 * 1024);
        return size < (SIZE_T)PTHREAD_STACK_MIN ? (SIZE_T)PTHREAD_STACK_MIN : size;
    }
    size_t default_size = 0;
    pthread_attr_getstacksize(attr, &default_size);
    if (requested < default_size)
        return 0;
    return kthread__round_up(requested, 1024 * 1024);
}

HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
                           LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
                           DWORD dwCreationFlags, LPDWORD lpThreadId)
{
    (void)lpThreadAttributes;
    if (!lpStartAddress) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    /* Checked before anything runs, so that no thread is started that we cannot report. */
    if (lpThreadId && !sys_user_writable(lpThreadId, sizeof(*lpThreadId))) {
        SetLastError(ERROR_NOACCESS);
        return NULL;
    }
    /* One reference for the handle, one for the running thread. */
    struct kthread *t = kthread__alloc(2);
    if (!t) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    t->start = lpStartAddress;
    t->param = lpParameter;
    t->suspend_count = (dwCreationFlags & CREATE_SUSPENDED) ? 1 : 0;
    uintptr_t h = handle_insert(&t->waitable.obj);
    if (!h) {
        kthread_release(t);
        kthread_release(t);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (lpThreadId)
        *lpThreadId = t->id;

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    SIZE_T stack = kthread__stack_size(&attr, dwStackSize, dwCreationFlags);
    if (stack)
        pthread_attr_setstacksize(&attr, stack);
    pthread_t thread;
    int err = pthread_create(&thread, &attr, kthread__trampoline, t);
    pthread_attr_destroy(&attr);
    if (err) {
        kthread_release(t); /* the thread's reference */
        handle_close(h, KOBJ_THREAD);
        handle_unref(h); /* the handle's, which frees t */
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return (HANDLE)h;
}

void WINAPI ExitThread(DWORD dwExitCode)
{
    struct kthread *t = kthread_self();
    if (t && t->exit_jmp) {
        t->exit_pending = true;
        t->exit_pending_code = dwExitCode;
        longjmp(*t->exit_jmp, 1);
    }
    if (t)
        kthread__exit(t, dwExitCode);
    pthread_exit(NULL);
}

void kthread_exit_if_requested(void)
{
    struct kthread *t = kthread__current;
    if (t && t->exit_pending)
        ExitThread(t->exit_pending_code);
}

BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode)
{
    struct kthread *t = kthread_from_handle(hThread);
    if (!t) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    BOOL ok = TRUE;
    if (!lpExitCode || !sys_user_writable(lpExitCode, sizeof(*lpExitCode))) {
        SetLastError(ERROR_NOACCESS);
        ok = FALSE;
    } else {
        pthread_mutex_lock(&kdispatch_lock);
        *lpExitCode = t->exited ? t->exit_code : STILL_ACTIVE;
        pthread_mutex_unlock(&kdispatch_lock);
    }
    kthread_release(t);
    return ok;
}

DWORD WINAPI ResumeThread(HANDLE hThread)
{
    struct kthread *t = kthread_from_handle(hThread);
    if (!t) {
        SetLastError(ERROR_INVALID_HANDLE);
        return (DWORD)-1;
    }
    pthread_mutex_lock(&kdispatch_lock);
    DWORD previous = t->suspend_count;
    if (previous > 0 && --t->suspend_count == 0)
        pthread_cond_broadcast(&t->resume_cond);
    pthread_mutex_unlock(&kdispatch_lock);
    kthread_release(t);
    return previous;
}

DWORD WINAPI GetCurrentThreadId(void)
{
    struct kthread *t = kthread_self();
    return t ? t->id : 0;
}

HANDLE WINAPI GetCurrentThread(void)
{
    return CURRENT_THREAD_PSEUDO_HANDLE;
}
