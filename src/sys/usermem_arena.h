/*
 * The heaps of glibc's malloc arenas, for the pointer check's fast path
 * (sys_usermem.c, sys_usermem_arena.c).
 *
 * Why: a server's worker threads allocate their connections' state (the
 * OVERLAPPED, the WSABUF array) from their own malloc arenas, not from the
 * brk heap the main thread uses, and a pointer there cost the check a
 * system call: 4 per round trip in an echo server whose connections a
 * worker allocated, which halved its rate.
 *
 * What a heap is: glibc reserves HEAP_MAX_SIZE (64 MiB) on a 64 MiB
 * boundary without access and makes it read-write from its start as it
 * grows, so /proc/self/maps lists "lo-hi rw-p 00000000 00:00 0" with lo on
 * the boundary, followed by "hi-(lo + 64 MiB) ---p 00000000 00:00 0" unless
 * the heap has grown to the whole 64 MiB (Linux lists adjacent heaps that
 * are read-write throughout as one mapping, with the next heap's
 * read-write part).  Only that shape counts: a large malloc block or an
 * mmap that happens to start on the boundary has no such reservation
 * after it, unless it ends on a boundary itself.  glibc grows a heap in place and unmaps it
 * only once nothing in it is in use; it takes access back from a heap's
 * top only where overcommit is strict (vm.overcommit_memory = 2) or the
 * program is set-user-ID, where nothing is learned.
 *
 * The heaps are learned from /proc/self/maps, again when a checked span
 * falls outside every one known (a heap that grew, a new arena), at most
 * once per interval that grows while the learning does not help.
 *
 * usermem_arena_known: [lo, hi) lies within a learned heap's read-write
 * part.  usermem_arena_missed: a span the kernel found mapped was outside
 * them all.  usermem_arena_forget: the program unmapped or protected
 * [lo, hi) through us (VirtualFree, VirtualProtect): the heaps it touches
 * are forgotten until learned again.
 *
 * usermem_arena_parse: the heaps in a /proc/<pid>/maps text of len bytes,
 * at most max of them into lo[] and hi[]; how many.  Any text is accepted
 * (malformed lines are skipped); fuzz/fuzz_maps.c runs it.
 */
#ifndef WS2_SYS_USERMEM_ARENA_H
#define WS2_SYS_USERMEM_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool usermem_arena_known(uintptr_t lo, uintptr_t hi);
void usermem_arena_missed(uintptr_t lo, uintptr_t hi);
void usermem_arena_forget(uintptr_t lo, uintptr_t hi);
size_t usermem_arena_parse(const char *text, size_t len, uintptr_t *lo, uintptr_t *hi, size_t max);

#endif
