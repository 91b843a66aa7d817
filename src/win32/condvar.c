/*
 * Condition variables: InitializeConditionVariable, SleepConditionVariableCS,
 * SleepConditionVariableSRW, WakeConditionVariable, WakeAllConditionVariable.
 *
 * The variable is a pointer-sized sequence number (CONDITION_VARIABLE_INIT is
 * zero).  A sleeper reads it while it still holds the lock, releases the
 * lock and sleeps as long as the number has not moved; a wake moves it and
 * wakes one or all sleepers.  A wake between the read and the sleep
 * therefore cannot be lost.  As on Windows, "condition variables are subject
 * to spurious wakeups ... and stolen wakeups": callers loop on their
 * predicate, and a wake with nobody asleep is not remembered.
 */
#include <windows.h>

#include "win32/sync_futex.h"

static inline sync_word *cv__word(PCONDITION_VARIABLE cv)
{
    return (sync_word *)&cv->Ptr;
}

void WINAPI InitializeConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
    __atomic_store_n(cv__word(ConditionVariable), 0, __ATOMIC_RELEASE);
}

void WINAPI WakeConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
    __atomic_fetch_add(cv__word(ConditionVariable), 1, __ATOMIC_RELEASE);
    sync_futex_wake_word(cv__word(ConditionVariable), 1);
}

void WINAPI WakeAllConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
    __atomic_fetch_add(cv__word(ConditionVariable), 1, __ATOMIC_RELEASE);
    sync_futex_wake_word(cv__word(ConditionVariable), INT32_MAX);
}

/*
 * Sleeps on the variable after the caller released its lock; returns false
 * if the deadline passed without a wake (the caller then reports
 * ERROR_TIMEOUT, having taken its lock again, as Windows does).
 */
static bool cv__sleep(PCONDITION_VARIABLE cv, uintptr_t seq, int64_t deadline)
{
    /* A signal or a wake meant for an earlier sleeper returns early: sleep on until moved. */
    for (;;) {
        sync_futex_wait_word(cv__word(cv), seq, deadline);
        if (__atomic_load_n(cv__word(cv), __ATOMIC_ACQUIRE) != seq)
            return true;
        if (deadline >= 0 && sync_deadline_ms(0) >= deadline)
            return false;
    }
}

BOOL WINAPI SleepConditionVariableCS(PCONDITION_VARIABLE ConditionVariable,
                                     PCRITICAL_SECTION CriticalSection, DWORD dwMilliseconds)
{
    int64_t deadline = sync_deadline_ms(dwMilliseconds);
    uintptr_t seq = __atomic_load_n(cv__word(ConditionVariable), __ATOMIC_RELAXED);
    /*
     * "The critical section must be entered exactly once by the caller";
     * should it have been entered more often, it is released completely
     * and entered as often again afterwards, so that the caller's count
     * stays balanced and the sleep cannot deadlock on its own lock.
     */
    LONG depth = CriticalSection->RecursionCount;
    if (depth < 1)
        depth = 1;
    for (LONG i = 0; i < depth; i++)
        LeaveCriticalSection(CriticalSection);
    bool woken = cv__sleep(ConditionVariable, seq, deadline);
    for (LONG i = 0; i < depth; i++)
        EnterCriticalSection(CriticalSection);
    if (!woken) {
        SetLastError(ERROR_TIMEOUT);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SleepConditionVariableSRW(PCONDITION_VARIABLE ConditionVariable, PSRWLOCK SRWLock,
                                      DWORD dwMilliseconds, ULONG Flags)
{
    if (Flags & ~(ULONG)CONDITION_VARIABLE_LOCKMODE_SHARED) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    bool shared = (Flags & CONDITION_VARIABLE_LOCKMODE_SHARED) != 0;
    int64_t deadline = sync_deadline_ms(dwMilliseconds);
    uintptr_t seq = __atomic_load_n(cv__word(ConditionVariable), __ATOMIC_RELAXED);
    if (shared)
        ReleaseSRWLockShared(SRWLock);
    else
        ReleaseSRWLockExclusive(SRWLock);
    bool woken = cv__sleep(ConditionVariable, seq, deadline);
    if (shared)
        AcquireSRWLockShared(SRWLock);
    else
        AcquireSRWLockExclusive(SRWLock);
    if (!woken) {
        SetLastError(ERROR_TIMEOUT);
        return FALSE;
    }
    return TRUE;
}
