/* Futex waits and wakes for the Win32 synchronisation structures: see sync_futex.h. */
#include "win32/sync_futex.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <windows.h>

#include "kernel/thread.h"
#include "sys/sys.h"

/*
 * FUTEX_WAIT_BITSET takes an absolute deadline on CLOCK_MONOTONIC, so a
 * wait that a signal interrupts resumes with the same deadline.  The words
 * live in the process's own memory: private futexes.
 */
void sync_futex_wait32(volatile void *addr, uint32_t expected, int64_t deadline_ns)
{
    struct timespec ts, *tsp = NULL;
    if (deadline_ns >= 0) {
        ts.tv_sec = deadline_ns / 1000000000;
        ts.tv_nsec = deadline_ns % 1000000000;
        tsp = &ts;
    }
    /*
     * A wait like any other on Windows: a completion port's running thread
     * blocked on a critical section, an SRW lock or a condition variable
     * lets another thread take its place (kernel/port.c).
     */
    bool counted = kthread_wait_begin();
    syscall(SYS_futex, addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, expected, tsp, NULL,
            FUTEX_BITSET_MATCH_ANY);
    if (counted)
        kthread_wait_end();
}

void sync_futex_wake32(volatile void *addr, int n)
{
    syscall(SYS_futex, addr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, n, NULL, NULL, 0);
}

/* The low-order half of a pointer-sized word: its first four bytes on a little-endian machine. */
static volatile void *sync__low_half(volatile sync_word *word)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ || UINTPTR_MAX == UINT32_MAX
    return word;
#else
    return (volatile char *)word + sizeof(sync_word) - sizeof(uint32_t);
#endif
}

void sync_futex_wait_word(volatile sync_word *word, uintptr_t expected, int64_t deadline_ns)
{
    sync_futex_wait32(sync__low_half(word), (uint32_t)expected, deadline_ns);
}

void sync_futex_wake_word(volatile sync_word *word, int n)
{
    sync_futex_wake32(sync__low_half(word), n);
}

uint32_t sync_thread_id(void)
{
    return GetCurrentThreadId();
}

int64_t sync_deadline_ms(uint32_t milliseconds)
{
    if (milliseconds == INFINITE)
        return -1;
    return sys_now_ns() + (int64_t)milliseconds * 1000000;
}
