/*
 * Checking the caller's pointers before the library reads or writes through
 * them.  On Windows the kernel probes every buffer a socket call is given and
 * the call fails with WSAEFAULT ("The ... parameter is not a valid part of
 * the user address space"); a Linux program would instead crash where we
 * dereference it.  So before the library itself touches memory the caller
 * named (an option value, a length, a WSABUF array, an OVERLAPPED), it asks
 * the kernel: process_vm_readv on our own process copies through the
 * address and fails with EFAULT where it is not mapped with that access.  Memory only handed to a
 * Linux call (the data buffers of a send or receive) needs no check: that call already fails with
 * EFAULT.
 *
 * The check costs one system call, however many spans a call names: about
 * 2 us on a loaded 2-core VM where the cheapest system call costs 0.9 us,
 * more than some of the calls that check.  So memory known to be mapped is
 * accepted without asking: the calling thread's stack above its stack
 * pointer, the brk heap (where glibc's malloc serves the main thread), the
 * heaps of the other threads' malloc arenas (usermem_arena.h) and the main
 * program's own data; that costs 10 to 20 ns per check.  Memory elsewhere
 * (mmap, VirtualAlloc) pays the system call.
 *
 * The check is made when the call is made.  Memory the caller unmaps while
 * an operation that uses it is pending (an OVERLAPPED freed too early) is
 * still the caller's fault, as on Windows.
 */
#ifndef WS2_SYS_USERMEM_H
#define WS2_SYS_USERMEM_H

#include <stdbool.h>
#include <stddef.h>

/* One span of the caller's memory: n bytes at p, to be read, or read and written. */
struct sys_user_span {
    const void *p;
    size_t n;
    bool write;
};

/*
 * Whether every span is mapped with the access it asks for (a span of 0
 * bytes always is).  The memory is left as it was.
 */
bool sys_user_check(const struct sys_user_span *spans, unsigned count);

/* One span: whether n bytes at p can be read. */
bool sys_user_readable(const void *p, size_t n);

/* One span: whether n bytes at p can be read and written. */
bool sys_user_writable(void *p, size_t n);

/*
 * A zero-terminated array of unit-byte elements (a string of 1- or 2-byte
 * characters, a list of INTs): whether it can
 * be read up to and including its terminator; its length in elements
 * into *length when length is not NULL.  Checked a page at a time.
 */
bool sys_user_string(const void *s, size_t unit, size_t *length);

/*
 * The program is about to take read or write access away from memory it
 * did not map through us (VirtualProtect): from now on the fast paths vouch
 * for nothing, and every check asks the kernel.
 */
void sys_user_distrust(void);

/*
 * The program unmapped n bytes at p, or changed their protection, through
 * us (VirtualFree, VirtualProtect, VirtualAlloc of committed pages): what
 * the fast paths learned about mappings there is forgotten.
 */
void sys_user_forget(const void *p, size_t n);

#endif
