/* The catalog file: reading, writing, locking (see catalog_file.h; parsing: catalog_parse.c). */
#include "ws2_32/catalog_file.h"
#include "ws2_32/ws2.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ws2_32/addrtext.h"

const char *catalog_file_path(void)
{
    const char *path = getenv("WS2POSIX_CATALOG");
    return path && *path ? path : CATALOG_DEFAULT_PATH;
}

void catalog_guid_format(const GUID *g, char *out)
{
    snprintf(out, 39, "{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned)g->Data1,
             g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
             g->Data4[5], g->Data4[6], g->Data4[7]);
}

void catalog_image_free(struct catalog_image *image)
{
    for (unsigned i = 0; i < image->count; i++) {
        free(image->records[i].path);
        image->records[i].path = NULL;
    }
    image->count = 0;
}

int catalog_image_find(const struct catalog_image *image, DWORD id)
{
    for (unsigned i = 0; i < image->count; i++)
        if (image->records[i].info.dwCatalogEntryId == id)
            return (int)i;
    return -1;
}

/*
 * The whole file into a new buffer (*text, *len): 0, or the errno (EFBIG for
 * a file past CATALOG_FILE_MAX, which is read no further).
 */
static int file__slurp(const char *path, char **text, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    size_t size = 0, cap = 0;
    char *buf = NULL;
    int error = 0;
    for (;;) {
        if (size == cap) {
            /* One byte past the limit tells a file that is too large. */
            size_t grown = cap ? 2 * cap : 16384;
            if (grown > CATALOG_FILE_MAX + 1)
                grown = CATALOG_FILE_MAX + 1;
            if (grown == cap) {
                error = EFBIG;
                break;
            }
            char *more = realloc(buf, grown);
            if (!more) {
                error = ENOMEM;
                break;
            }
            buf = more;
            cap = grown;
        }
        ssize_t n = read(fd, buf + size, cap - size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error = errno;
            break;
        }
        if (n == 0)
            break;
        size += (size_t)n;
    }
    close(fd);
    if (error) {
        free(buf);
        return error;
    }
    *text = buf;
    *len = size;
    return 0;
}

static int file__read_locked(struct catalog_image *image, const char **why)
{
    const char *ignored;
    if (!why)
        why = &ignored;
    char *text = NULL;
    size_t len = 0;
    int error = file__slurp(catalog_file_path(), &text, &len);
    if (error == ENOENT) {
        /* No catalog file: the built-in entries alone. */
        catalog_image_builtin(image);
        return 0;
    }
    if (error) {
        memset(image, 0, sizeof(*image));
        *why = error == EFBIG ? "file too large" : strerror(error);
        return WSANO_RECOVERY;
    }
    error = catalog_file_parse(text, len, image, why);
    free(text);
    return error;
}

int catalog_file_read(struct catalog_image *image, const char **why)
{
    return file__read_locked(image, why);
}

static void file__quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if (*s == '\n')
            fputs("\\n", f);
        else if (*s == '\t')
            fputs("\\t", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static void file__write_entry(FILE *f, const struct catalog_record *rec)
{
    const WSAPROTOCOL_INFOW *info = &rec->info;
    char guid[40];
    catalog_guid_format(&info->ProviderId, guid);
    fprintf(f, "entry id=%u provider=%s path=", (unsigned)info->dwCatalogEntryId, guid);
    file__quoted(f, rec->path);
    int len = info->ProtocolChain.ChainLen;
    fprintf(f, " chainlen=%d chain=", len);
    for (int i = 0; i < len && i < MAX_PROTOCOL_CHAIN; i++)
        fprintf(f, "%s%u", i ? "," : "", (unsigned)info->ProtocolChain.ChainEntries[i]);
    for (size_t i = 0; i < CATALOG_FIELD_COUNT; i++) {
        DWORD v;
        memcpy(&v, (const char *)info + catalog_fields[i].offset, sizeof(v));
        if (catalog_fields[i].hex)
            fprintf(f, " %s=0x%08x", catalog_fields[i].key, (unsigned)v);
        else
            fprintf(f, " %s=%d", catalog_fields[i].key, (int)v);
    }
    char *name = ws2_utf8_from_wide(info->szProtocol);
    fputs(" name=", f);
    file__quoted(f, name ? name : "");
    free(name);
    fputc('\n', f);
}

bool catalog_file_format(FILE *f, const struct catalog_image *image)
{
    fputs("# ws2posix protocol catalog (README.md, \"Catalog and providers\").\n"
          "# Written by WSCInstallProvider, WSCDeinstallProvider and WSCWriteProviderOrder\n"
          "# (the ws2catalog tool); entries are in catalog order.\n",
          f);
    fprintf(f, "version %d\nnext-id %u\n", CATALOG_FILE_VERSION, (unsigned)image->next_id);
    for (unsigned i = 0; i < image->count; i++) {
        const struct catalog_record *rec = &image->records[i];
        if (rec->builtin)
            fprintf(f, "builtin %u\n", (unsigned)rec->info.dwCatalogEntryId);
        else
            file__write_entry(f, rec);
    }
    return !ferror(f);
}

/* Writes image to a temporary file next to the catalog, fsyncs it and renames it over. */
static int file__write(const struct catalog_image *image)
{
    const char *path = catalog_file_path();
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof(tmp))
        return WSANO_RECOVERY;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return WSANO_RECOVERY;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(tmp);
        return WSANO_RECOVERY;
    }
    bool ok = catalog_file_format(f, image) && fflush(f) == 0 && fsync(fd) == 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return WSANO_RECOVERY;
    }
    return 0;
}

/* Opens (creating it and, one level up, its folder) and locks "<catalog>.lock". */
static int file__lock(void)
{
    const char *path = catalog_file_path();
    char lock[PATH_MAX];
    if (snprintf(lock, sizeof(lock), "%s.lock", path) >= (int)sizeof(lock))
        return -1;
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        char dir[PATH_MAX];
        strcpy(dir, path);
        char *slash = strrchr(dir, '/');
        if (slash && slash != dir) {
            *slash = '\0';
            mkdir(dir, 0755);
        }
        fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    }
    if (fd < 0)
        return -1;
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    }
    return fd;
}

int catalog_file_update(int (*edit)(struct catalog_image *image, void *context), void *context)
{
    struct catalog_image *image = malloc(sizeof(*image));
    if (!image)
        return WSA_NOT_ENOUGH_MEMORY;
    int lock = file__lock();
    if (lock < 0) {
        free(image);
        return WSANO_RECOVERY;
    }
    int error = file__read_locked(image, NULL);
    if (!error) {
        error = edit(image, context);
        /*
         * An edit that would leave a catalog no reader can take is refused
         * (WSAEINVAL): WSCDeinstallProvider of a layered provider whose
         * chains are still installed, for one.
         */
        if (!error)
            error = catalog_image_check(image, NULL);
        if (!error)
            error = file__write(image);
        catalog_image_free(image);
    }
    close(lock); /* releases the flock */
    free(image);
    return error;
}
