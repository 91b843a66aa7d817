/*
 * libFuzzer harness: the /proc/self/maps reader of the pointer check's
 * arena heaps (src/sys/sys_usermem_arena.c, usermem_arena_parse).
 *
 * What must hold, whatever the input:
 *  - no more heaps than room was given for, each a non-empty range that
 *    starts on a 64 MiB boundary;
 *  - room for one finds the first heap of the whole text;
 *  - a line before the text that cannot start a heap changes nothing (a
 *    heap is its own line and the reservation after it, never the line
 *    before).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/usermem_arena.h"

#define HEAPS_MAX 32
#define HEAP      ((uintptr_t)64 << 20)

static void fuzz__fail(const char *what)
{
    fprintf(stderr, "fuzz_maps: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    uintptr_t lo[HEAPS_MAX], hi[HEAPS_MAX];
    size_t n = usermem_arena_parse(text, size, lo, hi, HEAPS_MAX);
    if (n > HEAPS_MAX)
        fuzz__fail("more heaps than room");
    for (size_t i = 0; i < n; i++)
        if (lo[i] >= hi[i] || lo[i] % HEAP)
            fuzz__fail("a heap that is empty or off its boundary");
    /* Room for one: the first heap only. */
    uintptr_t one_lo, one_hi;
    size_t one = usermem_arena_parse(text, size, &one_lo, &one_hi, 1);
    if (one != (n > 0) || (one && (one_lo != lo[0] || one_hi != hi[0])))
        fuzz__fail("room for one found another first heap");
    /* A line that is no heap's, put first. */
    static const char junk[] = "0-40000000 ---p 00000000 00:00 0\n";
    char *longer = malloc(sizeof(junk) - 1 + size);
    if (!longer)
        return 0;
    memcpy(longer, junk, sizeof(junk) - 1);
    memcpy(longer + sizeof(junk) - 1, data, size);
    uintptr_t llo[HEAPS_MAX], lhi[HEAPS_MAX];
    size_t ln = usermem_arena_parse(longer, sizeof(junk) - 1 + size, llo, lhi, HEAPS_MAX);
    free(longer);
    if (ln != n)
        fuzz__fail("a line put first changed how many heaps");
    for (size_t i = 0; i < n; i++)
        if (llo[i] != lo[i] || lhi[i] != hi[i])
            fuzz__fail("a line put first changed the heaps");
    return 0;
}
