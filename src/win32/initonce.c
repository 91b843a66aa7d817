/*
 * One-time initialisation: InitOnceInitialize, InitOnceExecuteOnce,
 * InitOnceBeginInitialize, InitOnceComplete.
 *
 * INIT_ONCE is one pointer (INIT_ONCE_STATIC_INIT is zero).  Its two low
 * bits say where it stands, and once it is done the rest holds the context,
 * whose "low-order INIT_ONCE_CTX_RESERVED_BITS bits ... are always zero":
 *
 *   0               not initialised
 *   1 (+ WAITERS)   a synchronous initialisation is running; WAITERS when
 *                   other threads sleep until it ends
 *   3               asynchronous initialisations are running
 *   context | 2     done
 *
 * A synchronous attempt that fails (the callback returns FALSE, or
 * InitOnceComplete with INIT_ONCE_INIT_FAILED) puts it back to 0 and wakes
 * the sleepers, one of which then tries itself, as Windows lets another
 * attempt run.
 */
#include <windows.h>

#include "win32/sync_futex.h"

#define ONCE_STATE_MASK   ((uintptr_t)3)
#define ONCE_UNINIT       ((uintptr_t)0)
#define ONCE_SYNC_PENDING ((uintptr_t)1)
#define ONCE_DONE         ((uintptr_t)2)
#define ONCE_ASYNC        ((uintptr_t)3)
#define ONCE_WAITERS      ((uintptr_t)4)

static inline sync_word *once__word(PINIT_ONCE once)
{
    return (sync_word *)&once->Ptr;
}

void WINAPI InitOnceInitialize(PINIT_ONCE InitOnce)
{
    __atomic_store_n(once__word(InitOnce), 0, __ATOMIC_RELEASE);
}

/*
 * The common start of a synchronous attempt: returns ONCE_DONE (with the
 * context in *done_value), or ONCE_SYNC_PENDING when the caller now runs
 * the initialisation, or ONCE_ASYNC when asynchronous attempts are running
 * (a synchronous one may not join them).
 */
static uintptr_t once__begin_sync(PINIT_ONCE once, uintptr_t *done_value)
{
    sync_word *w = once__word(once);
    uintptr_t s = __atomic_load_n(w, __ATOMIC_ACQUIRE);
    for (;;) {
        switch (s & ONCE_STATE_MASK) {
        case ONCE_DONE: *done_value = s; return ONCE_DONE;
        case ONCE_ASYNC: return ONCE_ASYNC;
        case ONCE_UNINIT:
            if (__atomic_compare_exchange_n(w, &s, ONCE_SYNC_PENDING, false, __ATOMIC_ACQUIRE,
                                            __ATOMIC_ACQUIRE))
                return ONCE_SYNC_PENDING;
            continue;
        default: /* another thread is running the initialisation: wait for it */
            if (!(s & ONCE_WAITERS) &&
                !__atomic_compare_exchange_n(w, &s, s | ONCE_WAITERS, false, __ATOMIC_ACQUIRE,
                                             __ATOMIC_ACQUIRE))
                continue;
            sync_futex_wait_word(w, s | ONCE_WAITERS, -1);
            s = __atomic_load_n(w, __ATOMIC_ACQUIRE);
            continue;
        }
    }
}

/* Ends a synchronous attempt with the new state (done with a context, or uninitialised). */
static void once__end_sync(PINIT_ONCE once, uintptr_t next)
{
    uintptr_t old = __atomic_exchange_n(once__word(once), next, __ATOMIC_RELEASE);
    if (old & ONCE_WAITERS)
        sync_futex_wake_word(once__word(once), INT32_MAX);
}

static void once__context_out(LPVOID *context, uintptr_t done_value)
{
    if (context)
        *context = (LPVOID)(done_value & ~ONCE_STATE_MASK);
}

BOOL WINAPI InitOnceExecuteOnce(PINIT_ONCE InitOnce, PINIT_ONCE_FN InitFn, PVOID Parameter,
                                LPVOID *Context)
{
    uintptr_t done_value = 0;
    switch (once__begin_sync(InitOnce, &done_value)) {
    case ONCE_DONE: once__context_out(Context, done_value); return TRUE;
    case ONCE_ASYNC: SetLastError(ERROR_INVALID_PARAMETER); return FALSE;
    default: break;
    }
    PVOID produced = NULL;
    if (!InitFn(InitOnce, Parameter, &produced)) {
        /* "If the function fails ... the one-time initialization is not complete" */
        once__end_sync(InitOnce, ONCE_UNINIT);
        return FALSE;
    }
    uintptr_t value = ((uintptr_t)produced & ~ONCE_STATE_MASK) | ONCE_DONE;
    once__end_sync(InitOnce, value);
    once__context_out(Context, value);
    return TRUE;
}

BOOL WINAPI InitOnceBeginInitialize(LPINIT_ONCE lpInitOnce, DWORD dwFlags, PBOOL fPending,
                                    LPVOID *lpContext)
{
    if ((dwFlags & ~(DWORD)(INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC)) || !fPending) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    sync_word *w = once__word(lpInitOnce);
    if (dwFlags & INIT_ONCE_CHECK_ONLY) {
        /* "The return value indicates whether initialization has already completed." */
        uintptr_t s = __atomic_load_n(w, __ATOMIC_ACQUIRE);
        if ((s & ONCE_STATE_MASK) != ONCE_DONE) {
            SetLastError(ERROR_GEN_FAILURE);
            return FALSE;
        }
        *fPending = FALSE;
        once__context_out(lpContext, s);
        return TRUE;
    }
    if (dwFlags & INIT_ONCE_ASYNC) {
        /* "Enables multiple initialization attempts to execute in parallel." */
        uintptr_t s = __atomic_load_n(w, __ATOMIC_ACQUIRE);
        for (;;) {
            switch (s & ONCE_STATE_MASK) {
            case ONCE_DONE:
                *fPending = FALSE;
                once__context_out(lpContext, s);
                return TRUE;
            case ONCE_ASYNC: *fPending = TRUE; return TRUE;
            case ONCE_UNINIT:
                if (__atomic_compare_exchange_n(w, &s, ONCE_ASYNC, false, __ATOMIC_ACQUIRE,
                                                __ATOMIC_ACQUIRE)) {
                    *fPending = TRUE;
                    return TRUE;
                }
                continue;
            default: /* a synchronous attempt is running: the modes may not be mixed */
                SetLastError(ERROR_INVALID_PARAMETER);
                return FALSE;
            }
        }
    }
    uintptr_t done_value = 0;
    switch (once__begin_sync(lpInitOnce, &done_value)) {
    case ONCE_DONE:
        *fPending = FALSE;
        once__context_out(lpContext, done_value);
        return TRUE;
    case ONCE_ASYNC: SetLastError(ERROR_INVALID_PARAMETER); return FALSE;
    default: *fPending = TRUE; return TRUE;
    }
}

BOOL WINAPI InitOnceComplete(LPINIT_ONCE lpInitOnce, DWORD dwFlags, LPVOID lpContext)
{
    uintptr_t context = (uintptr_t)lpContext;
    bool failed = (dwFlags & INIT_ONCE_INIT_FAILED) != 0;
    bool async = (dwFlags & INIT_ONCE_ASYNC) != 0;
    /* The context's reserved low bits must be clear; a failed attempt has no context. */
    if ((dwFlags & ~(DWORD)(INIT_ONCE_ASYNC | INIT_ONCE_INIT_FAILED)) || (failed && async) ||
        (context & ONCE_STATE_MASK) || (failed && context)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    sync_word *w = once__word(lpInitOnce);
    uintptr_t s = __atomic_load_n(w, __ATOMIC_ACQUIRE);
    if (async) {
        /*
         * The first asynchronous attempt to complete wins; the others fail
         * (RtlRunOnceComplete's STATUS_UNSUCCESSFUL, "another thread completed
         * the initialization") and discard what they made.
         */
        if ((s & ONCE_STATE_MASK) == ONCE_ASYNC &&
            __atomic_compare_exchange_n(w, &s, context | ONCE_DONE, false, __ATOMIC_RELEASE,
                                        __ATOMIC_ACQUIRE))
            return TRUE;
        SetLastError((s & ONCE_STATE_MASK) == ONCE_DONE ? ERROR_GEN_FAILURE
                                                        : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if ((s & ONCE_STATE_MASK) != ONCE_SYNC_PENDING) {
        SetLastError(ERROR_GEN_FAILURE);
        return FALSE;
    }
    once__end_sync(lpInitOnce, failed ? ONCE_UNINIT : (context | ONCE_DONE));
    return TRUE;
}
