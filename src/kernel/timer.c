/*
 * Waitable timers: CreateWaitableTimer(A/W), CreateWaitableTimerEx(A/W),
 * OpenWaitableTimer(A/W), SetWaitableTimer, CancelWaitableTimer.
 *
 * One service thread, started by the first SetWaitableTimer, keeps the
 * armed timers in due order and sleeps until the first is due.  When a
 * timer expires it is signaled ("a manual-reset timer ... remains signaled
 * until SetWaitableTimer is called to establish a new due time"; "a
 * synchronization timer ... remains signaled until a thread completes a wait
 * operation on the timer object"), and if SetWaitableTimer gave a
 * completion routine, the routine is queued as an APC to the thread that
 * called SetWaitableTimer, which runs it in an alertable wait.  As on
 * Windows, at most one such APC per timer waits in the queue: a period that
 * ends while the previous one's routine has not run yet queues nothing more.
 *
 * All timer state is guarded by kdispatch_lock.  A queued APC holds a
 * ticket (below) with a reference on the timer.
 *
 * Due times are kept on CLOCK_MONOTONIC.  An absolute due time is converted
 * when SetWaitableTimer is called, so a later change of the system clock
 * does not move it (Windows would follow the clock).
 */
#include "kernel/timer.h"

#include <stdlib.h>
#include <time.h>

#include "kernel/handle.h"
#include "kernel/named.h"
#include "kernel/thread.h"
#include "sys/usermem.h"

struct ktimer_ticket;

struct ktimer {
    struct knamed named;
    bool armed;
    int64_t due_ns; /* CLOCK_MONOTONIC */
    LONG period_ms;
    struct ktimer *armed_next; /* timer__armed, in due order */
    PTIMERAPCROUTINE routine;
    LPVOID routine_arg;
    struct kthread *apc_thread;           /* referenced while routine is set */
    struct ktimer_ticket *pending_ticket; /* the routine's APC that is queued, if any */
};

/*
 * One queued completion routine.  A ticket holds a reference on its timer
 * and on its thread, both dropped when the ticket is freed, by whichever
 * side is last: the APC running, the thread ending (then the APC never
 * runs), or the service thread that queued it when either of those came
 * first, before it could record that the APC was queued.
 */
enum ticket_state {
    TICKET_QUEUING,  /* the service thread is queuing it */
    TICKET_QUEUED,   /* in its thread's APC queue */
    TICKET_RAN,      /* the APC ran while the service thread was still queuing it */
    TICKET_ORPHANED, /* its thread ended while the service thread was still queuing it */
};

struct ktimer_ticket {
    struct ktimer_ticket *next; /* timer__tickets */
    struct ktimer *timer;
    struct kthread *thread;
    enum ticket_state state;
    PTIMERAPCROUTINE routine;
    LPVOID arg;
    DWORD low, high; /* the FILETIME at which the timer expired */
};

static struct ktimer *timer__armed;
static struct ktimer_ticket *timer__tickets;
static pthread_cond_t timer__cond;
static pthread_once_t timer__once = PTHREAD_ONCE_INIT;
static bool timer__service_ok;

/* 100-ns intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
#define FILETIME_UNIX_EPOCH 116444736000000000LL

static int64_t timer__filetime_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return FILETIME_UNIX_EPOCH + (int64_t)ts.tv_sec * 10000000 + ts.tv_nsec / 100;
}

/* --- The armed list (kdispatch_lock held) ------------------------------------- */

static void timer__disarm_locked(struct ktimer *t)
{
    if (!t->armed)
        return;
    for (struct ktimer **p = &timer__armed; *p; p = &(*p)->armed_next) {
        if (*p == t) {
            *p = t->armed_next;
            break;
        }
    }
    t->armed = false;
    t->armed_next = NULL;
}

static void timer__arm_locked(struct ktimer *t)
{
    struct ktimer **p = &timer__armed;
    while (*p && (*p)->due_ns <= t->due_ns)
        p = &(*p)->armed_next;
    t->armed_next = *p;
    *p = t;
    t->armed = true;
    if (timer__armed == t)
        pthread_cond_signal(&timer__cond); /* the service thread sleeps until a later time */
}

static void timer__unlink_ticket_locked(struct ktimer_ticket *k)
{
    for (struct ktimer_ticket **p = &timer__tickets; *p; p = &(*p)->next) {
        if (*p == k) {
            *p = k->next;
            return;
        }
    }
}

/*
 * Forgets the routine: its queued APC, if any, will not call it (NtCancelTimer
 * takes the APC out of the queue).  Returns the thread reference to drop
 * once the lock is released.
 */
static struct kthread *timer__forget_routine_locked(struct ktimer *t)
{
    struct kthread *thread = t->apc_thread;
    t->pending_ticket = NULL;
    t->routine = NULL;
    t->routine_arg = NULL;
    t->apc_thread = NULL;
    return thread;
}

/* --- The service thread ------------------------------------------------------ */

static void timer__ticket_free(struct ktimer_ticket *k)
{
    kthread_release(k->thread);
    knamed_release(&k->timer->named);
    free(k);
}

static void timer__apc(ULONG_PTR p)
{
    struct ktimer_ticket *k = (struct ktimer_ticket *)p;
    struct ktimer *t = k->timer;
    PTIMERAPCROUTINE routine = k->routine;
    LPVOID arg = k->arg;
    DWORD low = k->low, high = k->high;
    pthread_mutex_lock(&kdispatch_lock);
    timer__unlink_ticket_locked(k);
    /* A timer set again or cancelled since has forgotten this ticket: its routine is not run. */
    bool run = t->pending_ticket == k;
    if (run)
        t->pending_ticket = NULL;
    bool ours = k->state != TICKET_QUEUING;
    if (!ours)
        k->state = TICKET_RAN; /* the service thread frees it */
    pthread_mutex_unlock(&kdispatch_lock);
    /* Released before the call: the routine may end its thread with ExitThread. */
    if (ours)
        timer__ticket_free(k);
    if (run)
        routine(arg, low, high);
}

/* Expires t, which was due; returns a ticket to queue (with the lock released), or NULL. */
static struct ktimer_ticket *timer__expire_locked(struct ktimer *t, int64_t now)
{
    timer__disarm_locked(t);
    kwaitable_signal_locked(&t->named.waitable);
    struct ktimer_ticket *k = NULL;
    if (t->routine && !t->pending_ticket) {
        k = malloc(sizeof(*k));
        if (k) {
            int64_t ft = timer__filetime_now();
            k->timer = t;
            k->thread = t->apc_thread;
            atomic_fetch_add(&k->thread->refs, 1);
            knamed_ref(&t->named);
            k->state = TICKET_QUEUING;
            k->routine = t->routine;
            k->arg = t->routine_arg;
            k->low = (DWORD)ft;
            k->high = (DWORD)((uint64_t)ft >> 32);
            k->next = timer__tickets;
            timer__tickets = k;
            t->pending_ticket = k;
        }
    }
    if (t->period_ms > 0) {
        /*
         * The next period counts from the due time, not from now, so that
         * ticks do not drift; periods missed altogether (the machine was
         * too busy) are skipped rather than delivered in a burst.
         */
        t->due_ns += (int64_t)t->period_ms * 1000000;
        if (t->due_ns <= now)
            t->due_ns = now + (int64_t)t->period_ms * 1000000;
        timer__arm_locked(t);
    } else if (t->apc_thread) {
        /*
         * A one-shot timer is done with its thread (a ticket holds its own
         * reference), so that a timer left open does not keep an ended
         * thread's state alive.  The queued ticket stays pending.
         */
        kthread_release(t->apc_thread); /* takes no dispatcher lock */
        t->apc_thread = NULL;
        t->routine = NULL;
        t->routine_arg = NULL;
    }
    return k;
}

static void timer__queue_ticket(struct ktimer_ticket *k)
{
    bool queued = kthread_queue_apc(k->thread, timer__apc, (ULONG_PTR)k);
    pthread_mutex_lock(&kdispatch_lock);
    bool ours = true;
    if (k->state == TICKET_QUEUING) {
        if (queued) {
            k->state = TICKET_QUEUED;
            ours = false;
        } else {
            /* Not queued: the thread has ended. */
            timer__unlink_ticket_locked(k);
            if (k->timer->pending_ticket == k)
                k->timer->pending_ticket = NULL;
        }
    }
    /* TICKET_RAN and TICKET_ORPHANED: already unlinked, and left for us to free. */
    pthread_mutex_unlock(&kdispatch_lock);
    if (ours)
        timer__ticket_free(k);
}

static void *timer__service(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&kdispatch_lock);
    for (;;) {
        int64_t now = sys_now_ns();
        struct ktimer_ticket *k = NULL;
        while (!k && timer__armed && timer__armed->due_ns <= now)
            k = timer__expire_locked(timer__armed, now);
        if (k) {
            pthread_mutex_unlock(&kdispatch_lock);
            timer__queue_ticket(k);
            pthread_mutex_lock(&kdispatch_lock);
            continue;
        }
        if (!timer__armed) {
            pthread_cond_wait(&timer__cond, &kdispatch_lock);
            continue;
        }
        struct timespec until = {timer__armed->due_ns / 1000000000,
                                 timer__armed->due_ns % 1000000000};
        pthread_cond_timedwait(&timer__cond, &kdispatch_lock, &until);
    }
    return NULL;
}

static void timer__start_service(void)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&timer__cond, &attr);
    pthread_condattr_destroy(&attr);
    pthread_attr_t tattr;
    pthread_attr_init(&tattr);
    pthread_attr_setdetachstate(&tattr, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    timer__service_ok = pthread_create(&thread, &tattr, timer__service, NULL) == 0;
    pthread_attr_destroy(&tattr);
}

void ktimer_thread_exit(struct kthread *t)
{
    struct ktimer_ticket *dead = NULL;
    unsigned drops = 0;
    pthread_mutex_lock(&kdispatch_lock);
    for (struct ktimer_ticket **p = &timer__tickets; *p;) {
        struct ktimer_ticket *k = *p;
        if (k->thread != t) {
            p = &k->next;
            continue;
        }
        *p = k->next;
        if (k->timer->pending_ticket == k)
            k->timer->pending_ticket = NULL;
        if (k->state == TICKET_QUEUING) {
            k->state = TICKET_ORPHANED; /* timer__queue_ticket frees it */
        } else {
            k->next = dead;
            dead = k;
        }
    }
    /*
     * Armed timers whose routine this thread would have run are cancelled
     * (the only timers that still name a thread are armed ones).
     */
    for (struct ktimer *a = timer__armed, *next; a; a = next) {
        next = a->armed_next;
        if (a->apc_thread == t) {
            timer__disarm_locked(a);
            timer__forget_routine_locked(a);
            drops++;
        }
    }
    pthread_mutex_unlock(&kdispatch_lock);
    /* The thread's own references, which the cancelled timers held, go now. */
    while (drops--)
        kthread_release(t);
    while (dead) {
        struct ktimer_ticket *k = dead;
        dead = k->next;
        timer__ticket_free(k);
    }
}

/* --- The calls ------------------------------------------------------------------ */

static void timer__last_handle(struct knamed *obj)
{
    /* The timer goes with its last handle: it is cancelled, and its routine forgotten. */
    struct ktimer *t = (struct ktimer *)obj;
    pthread_mutex_lock(&kdispatch_lock);
    timer__disarm_locked(t);
    struct kthread *thread = timer__forget_routine_locked(t);
    pthread_mutex_unlock(&kdispatch_lock);
    if (thread)
        kthread_release(thread);
}

static void timer__free(struct knamed *obj)
{
    free(obj);
}

static const struct kobj_ops timer__ops = {KOBJ_TIMER, knamed_handle_closed};

static struct knamed *timer__make(void *ctx)
{
    bool manual = *(bool *)ctx;
    struct ktimer *t = calloc(1, sizeof(*t));
    if (!t) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    /* A synchronization timer releases one waiter and resets, as an auto-reset event does. */
    kwaitable_init(&t->named.waitable, &timer__ops, false, !manual);
    knamed_init(&t->named, timer__free);
    t->named.last_handle = timer__last_handle;
    return &t->named;
}

static HANDLE timer__create(char *name, bool manual)
{
    return knamed_create(KOBJ_TIMER, name, timer__make, &manual);
}

HANDLE WINAPI CreateWaitableTimerA(LPSECURITY_ATTRIBUTES lpTimerAttributes, BOOL bManualReset,
                                   LPCSTR lpTimerName)
{
    (void)lpTimerAttributes;
    char *name;
    if (!knamed_name_a(lpTimerName, &name))
        return NULL;
    return timer__create(name, bManualReset != FALSE);
}

HANDLE WINAPI CreateWaitableTimerW(LPSECURITY_ATTRIBUTES lpTimerAttributes, BOOL bManualReset,
                                   LPCWSTR lpTimerName)
{
    (void)lpTimerAttributes;
    char *name;
    if (!knamed_name_w(lpTimerName, &name))
        return NULL;
    return timer__create(name, bManualReset != FALSE);
}

/*
 * CREATE_WAITABLE_TIMER_MANUAL_RESET is accepted; so is
 * CREATE_WAITABLE_TIMER_HIGH_RESOLUTION (0x2), which changes nothing here
 * (the service thread is not tied to a clock tick).  The access mask is not
 * enforced.
 */
static bool timer__flags_ok(DWORD flags)
{
    if (flags & ~(DWORD)(CREATE_WAITABLE_TIMER_MANUAL_RESET | 0x2)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return false;
    }
    return true;
}

HANDLE WINAPI CreateWaitableTimerExA(LPSECURITY_ATTRIBUTES lpTimerAttributes, LPCSTR lpTimerName,
                                     DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    if (!timer__flags_ok(dwFlags))
        return NULL;
    return CreateWaitableTimerA(lpTimerAttributes,
                                (dwFlags & CREATE_WAITABLE_TIMER_MANUAL_RESET) != 0, lpTimerName);
}

HANDLE WINAPI CreateWaitableTimerExW(LPSECURITY_ATTRIBUTES lpTimerAttributes, LPCWSTR lpTimerName,
                                     DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    if (!timer__flags_ok(dwFlags))
        return NULL;
    return CreateWaitableTimerW(lpTimerAttributes,
                                (dwFlags & CREATE_WAITABLE_TIMER_MANUAL_RESET) != 0, lpTimerName);
}

HANDLE WINAPI OpenWaitableTimerA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpTimerName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    char *name;
    if (!knamed_name_a(lpTimerName, &name))
        return NULL;
    return knamed_open(KOBJ_TIMER, name);
}

HANDLE WINAPI OpenWaitableTimerW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpTimerName)
{
    (void)dwDesiredAccess;
    (void)bInheritHandle;
    char *name;
    if (!knamed_name_w(lpTimerName, &name))
        return NULL;
    return knamed_open(KOBJ_TIMER, name);
}

/*
 * "If positive, the value indicates the absolute time in terms of UTC
 * (FILETIME format) ... if negative, the value indicates relative time ...
 * in 100 nanosecond intervals"; a due time already past expires at once.
 */
static int64_t timer__due_ns(LONGLONG due)
{
    int64_t now = sys_now_ns();
    int64_t delta100;
    if (due < 0)
        delta100 = due == INT64_MIN ? INT64_MAX : -due;
    else
        delta100 = due - timer__filetime_now();
    if (delta100 <= 0)
        return now;
    if (delta100 > (INT64_MAX - now) / 100)
        return INT64_MAX / 2; /* centuries away: never, in practice */
    return now + delta100 * 100;
}

BOOL WINAPI SetWaitableTimer(HANDLE hTimer, const LARGE_INTEGER *lpDueTime, LONG lPeriod,
                             PTIMERAPCROUTINE pfnCompletionRoutine, LPVOID lpArgToCompletionRoutine,
                             BOOL fResume)
{
    struct ktimer *t = (struct ktimer *)handle_ref((uintptr_t)hTimer, KOBJ_TIMER);
    if (!t) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    DWORD error = ERROR_SUCCESS;
    struct kthread *self = pfnCompletionRoutine ? kthread_self() : NULL;
    if (!lpDueTime || !sys_user_readable(lpDueTime, sizeof(*lpDueTime)))
        error = ERROR_NOACCESS;
    else if (lPeriod < 0)
        error = ERROR_INVALID_PARAMETER; /* "If lPeriod is less than zero, the function fails." */
    else if (pfnCompletionRoutine && !self)
        error = ERROR_NOT_ENOUGH_MEMORY;
    else {
        pthread_once(&timer__once, timer__start_service);
        if (!timer__service_ok)
            error = ERROR_NOT_ENOUGH_MEMORY;
    }
    if (error != ERROR_SUCCESS) {
        handle_unref((uintptr_t)hTimer);
        SetLastError(error);
        return FALSE;
    }
    int64_t due = timer__due_ns(lpDueTime->QuadPart);
    if (self)
        atomic_fetch_add(&self->refs, 1);
    pthread_mutex_lock(&kdispatch_lock);
    /* Setting a timer makes it non-signaled and replaces its due time, period and routine. */
    timer__disarm_locked(t);
    struct kthread *old = timer__forget_routine_locked(t);
    t->named.waitable.signaled = false;
    t->routine = pfnCompletionRoutine;
    t->routine_arg = lpArgToCompletionRoutine;
    t->apc_thread = self;
    t->period_ms = lPeriod;
    t->due_ns = due;
    timer__arm_locked(t);
    pthread_mutex_unlock(&kdispatch_lock);
    if (old)
        kthread_release(old);
    handle_unref((uintptr_t)hTimer);
    /*
     * "If fResume is TRUE on a platform that does not support a restore,
     * the call will succeed, but GetLastError returns ERROR_NOT_SUPPORTED."
     */
    SetLastError(fResume ? ERROR_NOT_SUPPORTED : ERROR_SUCCESS);
    return TRUE;
}

BOOL WINAPI CancelWaitableTimer(HANDLE hTimer)
{
    struct ktimer *t = (struct ktimer *)handle_ref((uintptr_t)hTimer, KOBJ_TIMER);
    if (!t) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    /* "CancelWaitableTimer does not change the signaled state of the timer." */
    pthread_mutex_lock(&kdispatch_lock);
    timer__disarm_locked(t);
    struct kthread *old = timer__forget_routine_locked(t);
    pthread_mutex_unlock(&kdispatch_lock);
    if (old)
        kthread_release(old);
    handle_unref((uintptr_t)hTimer);
    return TRUE;
}
