/*
 * Futexes on the words inside the Windows synchronisation structures
 * (CRITICAL_SECTION.LockCount, the pointer-sized SRWLOCK, CONDITION_VARIABLE
 * and INIT_ONCE).  Their static initialisers are all zero and Windows needs
 * no call to set them up or tear them down, so the state lives in the word
 * itself and a sleeping thread waits on that word: nothing is allocated.
 *
 * Every change of state is an atomic operation on the word (acquire on the
 * way in, release on the way out); the futex system call only parks and
 * unparks threads and never carries data.  ThreadSanitizer therefore sees
 * every happens-before edge through the atomics and needs no annotation.
 *
 * The pointer-sized words are read and written with 64-bit atomics; a futex
 * is 32 bits, so a sleeper waits on the word's low half (where the state
 * bits are) with the low half of the value it saw.
 */
#ifndef WS2_WIN32_SYNC_FUTEX_H
#define WS2_WIN32_SYNC_FUTEX_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The structures' fields are PVOID (or LONG); the code reads them as
 * integers through these types, which may alias them.
 */
typedef uintptr_t __attribute__((may_alias)) sync_word;
typedef int32_t __attribute__((may_alias)) sync_word32;

/* Sleeps while the 32-bit word at addr holds expected; deadline_ns (CLOCK_MONOTONIC) < 0: none. */
void sync_futex_wait32(volatile void *addr, uint32_t expected, int64_t deadline_ns);

/* Sleeps while the low half of the pointer-sized word holds the low half of expected. */
void sync_futex_wait_word(volatile sync_word *word, uintptr_t expected, int64_t deadline_ns);

/* Wakes up to n sleepers (INT32_MAX: all). */
void sync_futex_wake32(volatile void *addr, int n);
void sync_futex_wake_word(volatile sync_word *word, int n);

/* The calling thread's id as GetCurrentThreadId gives it. */
uint32_t sync_thread_id(void);

/* CLOCK_MONOTONIC deadline for a Win32 timeout in milliseconds (INFINITE: -1). */
int64_t sync_deadline_ms(uint32_t milliseconds);

/* A short pause inside a spin loop. */
static inline void sync_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif
