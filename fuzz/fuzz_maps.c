/*
 * libFuzzer harness: the /proc/self/maps reader of the pointer check's
 * arena heaps (src/sys/sys_usermem_arena.c, usermem_arena_parse).
 *
 * What must hold, whatever the input:
 *  - no more heaps than room was given for, each a non-empty range that
 *    starts on a 64 MiB boundary, and only from lines that name one
 *    ("lo-hi rw-p 00000000 00:00 0" and nothing after);
 *  - reading the text in two pieces split after any newline (as the reader
 *    does, a buffer of whole lines at a time) finds the same heaps as
 *    reading it whole.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/usermem_arena.h"

#define HEAPS_MAX 32

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
        if (lo[i] >= hi[i] || lo[i] % ((uintptr_t)64 << 20) != 0)
            fuzz__fail("a heap that is empty or off its boundary");
    /* Room for one: the first heap only. */
    uintptr_t one_lo, one_hi;
    size_t one = usermem_arena_parse(text, size, &one_lo, &one_hi, 1);
    if (one != (n > 0) || (one && (one_lo != lo[0] || one_hi != hi[0])))
        fuzz__fail("room for one found another first heap");
    /* Split after the first newline: the same heaps, in the same order. */
    const char *nl = memchr(text, '\n', size);
    if (nl && n < HEAPS_MAX) {
        size_t first = (size_t)(nl - text) + 1;
        uintptr_t slo[HEAPS_MAX], shi[HEAPS_MAX];
        size_t a = usermem_arena_parse(text, first, slo, shi, HEAPS_MAX);
        size_t b = usermem_arena_parse(text + first, size - first, slo + a, shi + a, HEAPS_MAX - a);
        if (a + b != n)
            fuzz__fail("a split text found a different number of heaps");
        for (size_t i = 0; i < n; i++)
            if (slo[i] != lo[i] || shi[i] != hi[i])
                fuzz__fail("a split text found different heaps");
    }
    return 0;
}
