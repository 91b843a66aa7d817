/*
 * The heaps of glibc's malloc arenas, for the pointer check's fast path
 * (sys_usermem.c, sys_usermem_arena.c).
 *
 * Why: a server's worker threads allocate their connections' state (the
 * OVERLAPPED, the WSABUF array) from their own malloc arenas, not from the
 * brk heap the main thread uses, and a pointer there cost the check a
 * system call: 4 per round trip in an echo server whose connections a
 * worker allocated, which halved its rate.  An arena heap is an anonymous
 * mapping that starts on a HEAP_MAX_SIZE (64 MiB) boundary and is
 * read-write from there to its top; glibc grows it in place and unmaps it
 * only once nothing in it is in use.  Those mappings are learned from
 * /proc/self/maps, again when a checked span falls outside every one known
 * (a heap that grew, a new arena), at most once per interval that grows
 * while the learning does not help.
 *
 * usermem_arena_known: [lo, hi) lies within a learned heap's read-write
 * part.  usermem_arena_missed: a span the kernel found mapped was outside
 * them all.  usermem_arena_forget: the program unmapped or protected
 * memory through us (VirtualFree, VirtualProtect): learn again before
 * vouching for anything.
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
void usermem_arena_forget(void);
size_t usermem_arena_parse(const char *text, size_t len, uintptr_t *lo, uintptr_t *hi, size_t max);

#endif
