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

#include <winsock2.h>
#include <ws2spi.h>

#define CATALOG_MAX          64
#define CATALOG_FIRST_ID     1001
#define CATALOG_DEFAULT_PATH "/etc/ws2posix/catalog"

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

/* The index of the record with this catalog id, or -1. */
int catalog_image_find(const struct catalog_image *image, DWORD id);

/* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" into out (39 bytes). */
void catalog_guid_format(const GUID *guid, char *out);
bool catalog_guid_parse(const char *text, GUID *guid);

#endif
