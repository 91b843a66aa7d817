/*
 * The persistent protocol catalog: a text file, one line per entry, at the
 * path in WS2POSIX_CATALOG (default /etc/ws2posix/catalog, system-wide like
 * Windows' HKLM Winsock catalog).  The format is described in README.md
 * ("Catalog and providers").
 *
 * Readers need no lock: writers replace the file with an atomic rename, so a
 * reader sees either the old or the new catalog, whole.  Writers serialise on
 * flock() of "<file>.lock", read the current file under that lock, change it,
 * write a temporary file, fsync it and rename it over the catalog, so that two
 * processes installing at once both land.
 */
#ifndef WS2_WS2_32_CATALOG_FILE_H
#define WS2_WS2_32_CATALOG_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <winsock2.h>
#include <ws2spi.h>

#define CATALOG_MAX              64
#define CATALOG_FIRST_ID         1001
#define CATALOG_CLASSIC_BUILTINS 4
#define CATALOG_EXTRA_ID         901
#define CATALOG_DEFAULT_PATH     "/etc/ws2posix/catalog"
#define CATALOG_FILE_VERSION     1
/*
 * The highest catalog id the file may hold: ids stay below those a process
 * gives its own entries (catalog.c, from 100001), and next-id never wraps.
 */
#define CATALOG_LAST_ID 100000
/* The largest catalog file read: 64 entries of the longest line fit in it eight times. */
#define CATALOG_FILE_MAX (4u << 20)

struct catalog_record {
    WSAPROTOCOL_INFOW info;
    /* UTF-8, environment strings (%VAR%) not expanded; NULL for built-in entries. */
    char *path;
    bool builtin;
};

/* The whole catalog in catalog order: the built-in entries are always among them. */
struct catalog_image {
    DWORD next_id;
    unsigned count;
    struct catalog_record records[CATALOG_MAX];
};

/* WS2POSIX_CATALOG, or the default. */
const char *catalog_file_path(void);

/*
 * Reads the catalog into *image (allocated by the caller, freed with
 * catalog_image_free).  A missing file gives the built-in entries alone.
 * Returns 0, or WSANO_RECOVERY when the file cannot be read or is malformed
 * (the reason is in *why if why is not NULL).
 */
int catalog_file_read(struct catalog_image *image, const char **why);

/*
 * Under the writers' lock: reads the catalog, calls edit, and if edit returns
 * 0 writes the result atomically.  Returns edit's error, WSANO_RECOVERY when
 * the file cannot be read, locked or written, or 0.
 */
int catalog_file_update(int (*edit)(struct catalog_image *image, void *context), void *context);

void catalog_image_free(struct catalog_image *image);

/* The built-in entries alone (what a missing file means). */
void catalog_image_builtin(struct catalog_image *image);

/*
 * Parses the text of a catalog file (len bytes; any NUL byte in them is
 * malformed) into *image, as catalog_file_read does with the file.  Returns
 * 0, or WSANO_RECOVERY with *image empty when the text is malformed (the
 * reason in *why if why is not NULL).
 */
int catalog_file_parse(const char *text, size_t len, struct catalog_image *image, const char **why);

/*
 * The rules every catalog keeps, which the parser enforces and a WSC edit
 * must not break: ids unique and in range, each entry with a path, protocol
 * chains of at most MAX_PROTOCOL_CHAIN entries naming existing entries (a
 * base entry names itself), names that fit.  Returns 0, or WSAEINVAL with
 * the reason in *why if why is not NULL.
 */
int catalog_image_check(const struct catalog_image *image, const char **why);

/* Writes image in the file's format (README.md); false when f reports an error. */
bool catalog_file_format(FILE *f, const struct catalog_image *image);

/* The index of the record with this catalog id, or -1. */
int catalog_image_find(const struct catalog_image *image, DWORD id);

/* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" into out (39 bytes). */
void catalog_guid_format(const GUID *guid, char *out);
bool catalog_guid_parse(const char *text, GUID *guid);

/*
 * The built-in entries with their fixed ids; returns their count.  The first
 * CATALOG_CLASSIC_BUILTINS (TCP and UDP over IPv4 and IPv6) are 1001-1004;
 * those added later (AF_UNIX, raw IP) take ids from CATALOG_EXTRA_ID on,
 * below 1001, so that the ids a catalog file already gave its own entries
 * (from 1005 on) keep meaning those entries.
 */
unsigned catalog_builtins(WSAPROTOCOL_INFOW *out, unsigned max);
/* The fixed id of built-in entry i, and the index of a built-in id (-1 if it is none of n). */
DWORD catalog_builtin_id(unsigned i);
int catalog_builtin_index(unsigned long id, unsigned n);

/* The WSAPROTOCOL_INFOW members an entry line holds as plain numbers, by key. */
struct catalog_field {
    const char *key;
    size_t offset;
    bool hex;
};
#define CATALOG_FIELD_COUNT 16
extern const struct catalog_field catalog_fields[CATALOG_FIELD_COUNT];

#endif
