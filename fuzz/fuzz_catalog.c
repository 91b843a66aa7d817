/*
 * libFuzzer harness: the catalog file parser (src/ws2_32/catalog_parse.c).
 *
 * The input is a catalog file's content, handed to catalog_file_parse, the
 * entry point catalog_file_read uses once it has read the file.  Whatever the
 * bytes, the parser must return 0 or WSANO_RECOVERY without a crash, a leak
 * (LeakSanitizer) or a hang.  A catalog it accepts must keep the catalog's
 * rules (catalog_image_check), and survive a round trip: written back in the
 * file's format (catalog_file_format, what the WSC functions store), it must
 * read again as the same catalog.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2_32/catalog_file.h"

static void fuzz__fail(const char *what, const char *why)
{
    fprintf(stderr, "fuzz_catalog: %s%s%s\n", what, why ? ": " : "", why ? why : "");
    abort();
}

/* The entry's information with the name's units after its NUL cleared: those are never read. */
static WSAPROTOCOL_INFOW fuzz__normal(const WSAPROTOCOL_INFOW *info)
{
    WSAPROTOCOL_INFOW copy = *info;
    size_t n = 0;
    while (n <= WSAPROTOCOL_LEN && copy.szProtocol[n])
        n++;
    for (; n <= WSAPROTOCOL_LEN; n++)
        copy.szProtocol[n] = 0;
    return copy;
}

static void fuzz__same(const struct catalog_image *a, const struct catalog_image *b)
{
    if (a->count != b->count || a->next_id != b->next_id)
        fuzz__fail("the written catalog reads back with other entries or another next-id", NULL);
    for (unsigned i = 0; i < a->count; i++) {
        const struct catalog_record *x = &a->records[i], *y = &b->records[i];
        WSAPROTOCOL_INFOW xi = fuzz__normal(&x->info), yi = fuzz__normal(&y->info);
        if (x->builtin != y->builtin || memcmp(&xi, &yi, sizeof(xi)) != 0)
            fuzz__fail("an entry reads back changed", NULL);
        if ((x->path == NULL) != (y->path == NULL) || (x->path && strcmp(x->path, y->path) != 0))
            fuzz__fail("an entry's path reads back changed", NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Large (64 records); one input at a time. */
    static struct catalog_image first, again;
    const char *why = NULL;
    int error = catalog_file_parse((const char *)data, size, &first, &why);
    if (error == WSANO_RECOVERY) {
        if (!why || first.count != 0)
            fuzz__fail("a refused catalog has no reason or keeps entries", why);
        return 0;
    }
    if (error != 0)
        fuzz__fail("catalog_file_parse returned neither 0 nor WSANO_RECOVERY", NULL);
    if (catalog_image_check(&first, &why) != 0)
        fuzz__fail("an accepted catalog breaks the catalog's rules", why);
    if (first.count < 4 || first.count > CATALOG_MAX)
        fuzz__fail("an accepted catalog without its built-in entries", NULL);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        abort();
    if (!catalog_file_format(f, &first))
        fuzz__fail("catalog_file_format failed", NULL);
    fclose(f);
    if (catalog_file_parse(text, len, &again, &why) != 0) {
        fprintf(stderr, "%s", text);
        fuzz__fail("the catalog as written does not read back", why);
    }
    fuzz__same(&first, &again);
    free(text);
    catalog_image_free(&first);
    catalog_image_free(&again);
    return 0;
}
