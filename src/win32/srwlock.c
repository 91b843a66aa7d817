/*
 * Slim reader/writer locks: InitializeSRWLock, Acquire/Release/TryAcquire
 * SRWLock Exclusive/Shared.
 *
 * "An SRW lock is the size of a pointer" and SRWLOCK_INIT is zero, so the
 * whole lock is that word: the number of shared owners in its low bits, a
 * bit for an exclusive owner and a bit saying that some thread sleeps on the
 * word (then a release wakes the sleepers, which try again).  While a thread
 * waits, new shared acquisitions wait too, so a stream of readers cannot
 * starve a writer.  Windows documents neither fairness nor order ("SRW locks
 * are neither fair nor FIFO"), and recursive acquisition is not allowed
 * ("Exclusive mode SRW locks cannot be acquired recursively").
 */
#include <windows.h>

#include "win32/sync_futex.h"

#define SRW_EXCLUSIVE ((uintptr_t)1 << 31)
#define SRW_WAITING   ((uintptr_t)1 << 30)
#define SRW_READERS   (SRW_WAITING - 1)

static inline sync_word *srw__word(PSRWLOCK lock)
{
    return (sync_word *)&lock->Ptr;
}

void WINAPI InitializeSRWLock(PSRWLOCK SRWLock)
{
    __atomic_store_n(srw__word(SRWLock), 0, __ATOMIC_RELEASE);
}

/*
 * Marks the lock as waited on (if it still is s) and sleeps until it
 * changes.  Only a held lock is marked: the release that frees it clears the
 * mark and wakes the sleepers, so a free lock never carries the mark and
 * nobody sleeps on a lock that nobody will release.
 */
static void srw__sleep(sync_word *w, uintptr_t s)
{
    if (!(s & (SRW_EXCLUSIVE | SRW_READERS)))
        return; /* freed meanwhile: try again */
    if (!(s & SRW_WAITING) && !__atomic_compare_exchange_n(w, &s, s | SRW_WAITING, false,
                                                           __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        return; /* it changed meanwhile: look again */
    sync_futex_wait_word(w, s | SRW_WAITING, -1);
}

BOOLEAN WINAPI TryAcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
    sync_word *w = srw__word(SRWLock);
    uintptr_t s = __atomic_load_n(w, __ATOMIC_RELAXED);
    while (!(s & (SRW_EXCLUSIVE | SRW_READERS))) {
        if (__atomic_compare_exchange_n(w, &s, s | SRW_EXCLUSIVE, true, __ATOMIC_ACQUIRE,
                                        __ATOMIC_RELAXED))
            return TRUE;
    }
    return FALSE;
}

void WINAPI AcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
    sync_word *w = srw__word(SRWLock);
    for (;;) {
        if (TryAcquireSRWLockExclusive(SRWLock))
            return;
        srw__sleep(w, __atomic_load_n(w, __ATOMIC_RELAXED));
    }
}

BOOLEAN WINAPI TryAcquireSRWLockShared(PSRWLOCK SRWLock)
{
    sync_word *w = srw__word(SRWLock);
    uintptr_t s = __atomic_load_n(w, __ATOMIC_RELAXED);
    while (!(s & SRW_EXCLUSIVE) && (s & SRW_READERS) != SRW_READERS) {
        if (__atomic_compare_exchange_n(w, &s, s + 1, true, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return TRUE;
    }
    return FALSE;
}

void WINAPI AcquireSRWLockShared(PSRWLOCK SRWLock)
{
    sync_word *w = srw__word(SRWLock);
    uintptr_t s = __atomic_load_n(w, __ATOMIC_RELAXED);
    for (;;) {
        /*
         * Behind a sleeping thread (perhaps a writer), a new reader waits its
         * turn, as long as somebody holds the lock to wake them both.
         */
        bool queue_behind = (s & SRW_WAITING) && (s & SRW_READERS);
        if (!(s & SRW_EXCLUSIVE) && !queue_behind && (s & SRW_READERS) != SRW_READERS) {
            if (__atomic_compare_exchange_n(w, &s, s + 1, true, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
                return;
            continue;
        }
        srw__sleep(w, s);
        s = __atomic_load_n(w, __ATOMIC_RELAXED);
    }
}

void WINAPI ReleaseSRWLockExclusive(PSRWLOCK SRWLock)
{
    sync_word *w = srw__word(SRWLock);
    if (!(__atomic_load_n(w, __ATOMIC_RELAXED) & SRW_EXCLUSIVE))
        return; /* not held exclusively: a release without an acquire is ignored */
    uintptr_t old = __atomic_fetch_and(w, ~(SRW_EXCLUSIVE | SRW_WAITING), __ATOMIC_RELEASE);
    if (old & SRW_WAITING)
        sync_futex_wake_word(w, INT32_MAX);
}

void WINAPI ReleaseSRWLockShared(PSRWLOCK SRWLock)
{
    sync_word *w = srw__word(SRWLock);
    uintptr_t s = __atomic_load_n(w, __ATOMIC_RELAXED);
    for (;;) {
        if ((s & SRW_READERS) == 0)
            return; /* not held shared: a release without an acquire is ignored */
        uintptr_t next = s - 1;
        /* The last reader out lets the sleepers try again. */
        if ((next & SRW_READERS) == 0)
            next &= ~SRW_WAITING;
        if (__atomic_compare_exchange_n(w, &s, next, true, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
            break;
    }
    if ((s & SRW_READERS) == 1 && (s & SRW_WAITING))
        sync_futex_wake_word(w, INT32_MAX);
}
