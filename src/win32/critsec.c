/*
 * Critical sections: InitializeCriticalSection(AndSpinCount/Ex), Enter,
 * TryEnter, Leave, Delete and SetCriticalSectionSpinCount.
 *
 * The lock is a futex on LockCount, which keeps the meaning the SDK
 * documents for it: -1 free, 0 owned with nobody waiting, 1 owned with
 * threads (possibly) asleep on it.  The owner is recorded as Windows records
 * it, its thread id in OwningThread, and RecursionCount counts its entries:
 * "a thread can call EnterCriticalSection more than once ... it must call
 * LeaveCriticalSection once for each time that it entered".
 *
 * Nothing is allocated: DeleteCriticalSection releases no memory, and a
 * critical section that a program never deletes (a global one, say) leaks
 * nothing.  DebugInfo and LockSemaphore stay NULL.
 */
#include <windows.h>

#include "win32/sync_futex.h"

#define CS_FREE      (-1)
#define CS_OWNED     0
#define CS_CONTENDED 1

/*
 * "the spin count ... [is] used by the critical section's processor to spin
 * before it waits"; on a single processor Windows sets it to 0.  A huge
 * value would only burn a core here, so the loop is capped.
 */
#define CS_SPIN_MAX 4000

static inline LONG *cs__lock(LPCRITICAL_SECTION cs)
{
    return (LONG *)(sync_word32 *)&cs->LockCount;
}

static inline DWORD cs__owner(LPCRITICAL_SECTION cs)
{
    return (DWORD)__atomic_load_n((sync_word *)&cs->OwningThread, __ATOMIC_RELAXED);
}

static inline void cs__set_owner(LPCRITICAL_SECTION cs, DWORD id)
{
    __atomic_store_n((sync_word *)&cs->OwningThread, (uintptr_t)id, __ATOMIC_RELAXED);
}

static void cs__init(LPCRITICAL_SECTION cs, DWORD spin)
{
    cs->DebugInfo = NULL;
    __atomic_store_n(cs__lock(cs), CS_FREE, __ATOMIC_RELEASE);
    cs->RecursionCount = 0;
    cs__set_owner(cs, 0);
    cs->LockSemaphore = NULL;
    /* "The high-order bits are reserved" (Windows keeps flags there): only the count is kept. */
    cs->SpinCount = spin & 0x00FFFFFF;
}

void WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    cs__init(lpCriticalSection, 0);
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection,
                                                  DWORD dwSpinCount)
{
    /* "This function always succeeds and returns a nonzero value" (Vista and later). */
    cs__init(lpCriticalSection, dwSpinCount);
    return TRUE;
}

BOOL WINAPI InitializeCriticalSectionEx(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount,
                                        DWORD Flags)
{
    /*
     * The flags choose whether Windows keeps debug information; this
     * implementation keeps none.  Only CRITICAL_SECTION_NO_DEBUG_INFO is
     * documented: other bits are refused as Windows refuses them
     * (STATUS_INVALID_PARAMETER_3).
     */
    if (Flags & ~(DWORD)CRITICAL_SECTION_NO_DEBUG_INFO) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    cs__init(lpCriticalSection, dwSpinCount);
    return TRUE;
}

DWORD WINAPI SetCriticalSectionSpinCount(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount)
{
    /* "The function returns the previous spin count for the critical section." */
    ULONG_PTR previous = __atomic_exchange_n(
        &lpCriticalSection->SpinCount, (ULONG_PTR)(dwSpinCount & 0x00FFFFFF), __ATOMIC_RELAXED);
    return (DWORD)previous;
}

static bool cs__try_take(LPCRITICAL_SECTION cs)
{
    LONG expected = CS_FREE;
    return __atomic_compare_exchange_n(cs__lock(cs), &expected, CS_OWNED, false, __ATOMIC_ACQUIRE,
                                       __ATOMIC_RELAXED);
}

static void cs__owned_by(LPCRITICAL_SECTION cs, DWORD self)
{
    cs__set_owner(cs, self);
    cs->RecursionCount = 1;
}

void WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    LPCRITICAL_SECTION cs = lpCriticalSection;
    DWORD self = sync_thread_id();
    /*
     * Only this thread ever stores its own id, so a relaxed read is exact for
     * this test.  (Id 0, which a thread gets only when its state cannot be
     * allocated, is never taken for ownership.)
     */
    if (self != 0 && cs__owner(cs) == self) {
        cs->RecursionCount++;
        return;
    }
    if (cs__try_take(cs)) {
        cs__owned_by(cs, self);
        return;
    }
    ULONG_PTR spin = __atomic_load_n(&cs->SpinCount, __ATOMIC_RELAXED);
    if (spin > CS_SPIN_MAX)
        spin = CS_SPIN_MAX;
    for (ULONG_PTR i = 0; i < spin; i++) {
        sync_cpu_relax();
        if (__atomic_load_n(cs__lock(cs), __ATOMIC_RELAXED) == CS_FREE && cs__try_take(cs)) {
            cs__owned_by(cs, self);
            return;
        }
    }
    /*
     * Mark the lock contended before sleeping, so that the owner's Leave
     * wakes somebody; a thread that takes the lock this way keeps the mark
     * (it cannot know whether others still sleep), which costs at most one
     * spare wake-up.
     */
    while (__atomic_exchange_n(cs__lock(cs), CS_CONTENDED, __ATOMIC_ACQUIRE) != CS_FREE)
        sync_futex_wait32(cs__lock(cs), (uint32_t)CS_CONTENDED, -1);
    cs__owned_by(cs, self);
}

BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    LPCRITICAL_SECTION cs = lpCriticalSection;
    DWORD self = sync_thread_id();
    if (self != 0 && cs__owner(cs) == self) {
        cs->RecursionCount++;
        return TRUE;
    }
    if (!cs__try_take(cs))
        return FALSE;
    cs__owned_by(cs, self);
    return TRUE;
}

void WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    LPCRITICAL_SECTION cs = lpCriticalSection;
    /*
     * Windows does not check the caller: whoever leaves releases an entry.
     * A Leave without a matching Enter corrupts the lock there (the next
     * Enter hangs); here it is ignored instead, so that the lock stays usable.
     */
    if (cs->RecursionCount <= 0)
        return;
    if (--cs->RecursionCount > 0)
        return;
    cs__set_owner(cs, 0);
    if (__atomic_exchange_n(cs__lock(cs), CS_FREE, __ATOMIC_RELEASE) == CS_CONTENDED)
        sync_futex_wake32(cs__lock(cs), 1);
}

void WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    /*
     * There is nothing to free.  The section is left free and unowned, so a
     * program that deletes and initialises it again, as many do, finds it
     * as a fresh one.
     */
    cs__init(lpCriticalSection, 0);
}
