/* The catalog file: parsing, writing, locking (see catalog_file.h). */
#include "ws2_32/catalog_file.h"
#include "ws2_32/ws2.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "providers/base/base.h"
#include "ws2_32/addrtext.h"

#define FILE_VERSION 1
#define LINE_MAX_LEN 8192

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

bool catalog_guid_parse(const char *text, GUID *g)
{
    /* Positions of the 32 hex digits in "{8-4-4-4-12}". */
    static const char shape[] = "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}";
    unsigned char bytes[16];
    unsigned n = 0;
    if (strlen(text) != sizeof(shape) - 1)
        return false;
    for (size_t i = 0; shape[i]; i++) {
        if (shape[i] != 'x') {
            if (text[i] != shape[i])
                return false;
            continue;
        }
        int hi = ws2_hex_digit(text[i]), lo = ws2_hex_digit(text[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        bytes[n++] = (unsigned char)(hi << 4 | lo);
        i++;
    }
    g->Data1 = (DWORD)bytes[0] << 24 | (DWORD)bytes[1] << 16 | (DWORD)bytes[2] << 8 | bytes[3];
    g->Data2 = (WORD)(bytes[4] << 8 | bytes[5]);
    g->Data3 = (WORD)(bytes[6] << 8 | bytes[7]);
    memcpy(g->Data4, bytes + 8, 8);
    return true;
}

/* The WSAPROTOCOL_INFOW members that are plain numbers, by their names in the file. */
struct file__field {
    const char *key;
    size_t offset;
    bool hex;
};

#define FIELD(key, member, hex)                                                                    \
    {                                                                                              \
        key, offsetof(WSAPROTOCOL_INFOW, member), hex                                              \
    }
static const struct file__field file__fields[] = {
    FIELD("flags1", dwServiceFlags1, true),       FIELD("flags2", dwServiceFlags2, true),
    FIELD("flags3", dwServiceFlags3, true),       FIELD("flags4", dwServiceFlags4, true),
    FIELD("pflags", dwProviderFlags, true),       FIELD("version", iVersion, false),
    FIELD("af", iAddressFamily, false),           FIELD("maxaddr", iMaxSockAddr, false),
    FIELD("minaddr", iMinSockAddr, false),        FIELD("type", iSocketType, false),
    FIELD("protocol", iProtocol, false),          FIELD("protomax", iProtocolMaxOffset, false),
    FIELD("byteorder", iNetworkByteOrder, false), FIELD("security", iSecurityScheme, false),
    FIELD("msgsize", dwMessageSize, false),       FIELD("reserved", dwProviderReserved, false),
};
#undef FIELD
#define FIELD_COUNT (sizeof(file__fields) / sizeof(file__fields[0]))

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

/* The base provider's entries with their fixed ids 1001, 1002, ... */
static unsigned file__builtins(WSAPROTOCOL_INFOW *out, unsigned max)
{
    unsigned n = base_protocols(out, max);
    for (unsigned i = 0; i < n; i++) {
        out[i].dwCatalogEntryId = CATALOG_FIRST_ID + i;
        out[i].ProtocolChain.ChainEntries[0] = CATALOG_FIRST_ID + i;
    }
    return n;
}

/*
 * One value: a bare word up to the next space, or a double-quoted string
 * with \" \\ \n \t escapes.  Advances *p; returns false when malformed.
 */
static bool file__value(char **p, char *out, size_t size)
{
    char *s = *p;
    size_t n = 0;
    if (*s == '"') {
        for (s++; *s != '"'; s++) {
            if (!*s)
                return false;
            char c = *s;
            if (c == '\\') {
                s++;
                c = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
                if (!c)
                    return false;
            }
            if (n + 1 >= size)
                return false;
            out[n++] = c;
        }
        s++;
    } else {
        for (; *s && *s != ' '; s++) {
            if (n + 1 >= size)
                return false;
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    *p = s;
    return true;
}

static bool file__number(const char *text, DWORD *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 0);
    if (errno || end == text || *end || v < INT_MIN || v > UINT_MAX)
        return false;
    *out = (DWORD)v;
    return true;
}

static bool file__chain(const char *text, WSAPROTOCOLCHAIN *chain)
{
    int len = 0;
    const char *p = text;
    while (*p) {
        if (len == MAX_PROTOCOL_CHAIN)
            return false;
        char *end;
        unsigned long id = strtoul(p, &end, 10);
        if (end == p || (*end && *end != ','))
            return false;
        chain->ChainEntries[len++] = (DWORD)id;
        p = *end ? end + 1 : end;
    }
    return len == chain->ChainLen || chain->ChainLen <= 1;
}

/* An "entry key=value ..." line. */
static bool file__entry_fields(char *p, struct catalog_record *rec)
{
    static char value[LINE_MAX_LEN];
    memset(rec, 0, sizeof(*rec));
    bool have_id = false, have_provider = false, have_path = false;
    char chain_text[128] = "";
    DWORD chain_len = 1;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        char *eq = strchr(p, '=');
        if (!eq)
            return false;
        *eq = '\0';
        const char *key = p;
        p = eq + 1;
        if (!file__value(&p, value, sizeof(value)))
            return false;
        DWORD number;
        if (strcmp(key, "id") == 0) {
            if (!file__number(value, &rec->info.dwCatalogEntryId))
                return false;
            have_id = true;
        } else if (strcmp(key, "provider") == 0) {
            if (!catalog_guid_parse(value, &rec->info.ProviderId))
                return false;
            have_provider = true;
        } else if (strcmp(key, "path") == 0) {
            free(rec->path);
            if (!*value || !(rec->path = strdup(value)))
                return false;
            have_path = true;
        } else if (strcmp(key, "name") == 0) {
            if (ws2_wide_length(value) > WSAPROTOCOL_LEN)
                return false;
            ws2_wide_copy(value, rec->info.szProtocol);
        } else if (strcmp(key, "chainlen") == 0) {
            if (!file__number(value, &chain_len) || chain_len > MAX_PROTOCOL_CHAIN)
                return false;
        } else if (strcmp(key, "chain") == 0) {
            if (strlen(value) >= sizeof(chain_text))
                return false;
            strcpy(chain_text, value);
        } else {
            size_t i = 0;
            while (i < FIELD_COUNT && strcmp(file__fields[i].key, key) != 0)
                i++;
            if (i == FIELD_COUNT || !file__number(value, &number))
                return false;
            memcpy((char *)&rec->info + file__fields[i].offset, &number, sizeof(number));
        }
    }
    rec->info.ProtocolChain.ChainLen = (int)chain_len;
    if (!file__chain(chain_text, &rec->info.ProtocolChain))
        return false;
    if (chain_len == BASE_PROTOCOL)
        rec->info.ProtocolChain.ChainEntries[0] = rec->info.dwCatalogEntryId;
    if (!have_id || !have_provider || !have_path) {
        free(rec->path);
        rec->path = NULL;
        return false;
    }
    return true;
}

/* file__entry_fields, freeing the path on failure. */
static bool file__entry(char *p, struct catalog_record *rec)
{
    if (file__entry_fields(p, rec))
        return true;
    free(rec->path);
    rec->path = NULL;
    return false;
}

/* Parses the file's text into *image; false when malformed. */
static bool file__parse(FILE *f, struct catalog_image *image, const char **why)
{
    static char line[LINE_MAX_LEN];
    WSAPROTOCOL_INFOW builtins[8];
    unsigned nbuiltin = file__builtins(builtins, 8);
    bool listed[8] = {false};
    bool have_version = false;
    image->next_id = CATALOG_FIRST_ID + nbuiltin;
    while (fgets(line, sizeof(line), f)) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        else if (!feof(f))
            return *why = "line too long", false;
        if (len == 0 || line[0] == '#')
            continue;
        unsigned long number;
        char *end;
        if (strncmp(line, "version ", 8) == 0) {
            if (strtoul(line + 8, &end, 10) != FILE_VERSION || *end)
                return *why = "unknown version", false;
            have_version = true;
            continue;
        }
        if (!have_version)
            return *why = "no \"version 1\" line first", false;
        if (image->count == CATALOG_MAX && strncmp(line, "next-id ", 8) != 0)
            return *why = "too many entries", false;
        if (strncmp(line, "next-id ", 8) == 0) {
            number = strtoul(line + 8, &end, 10);
            if (*end || end == line + 8)
                return *why = "bad next-id line", false;
            image->next_id = (DWORD)number;
        } else if (strncmp(line, "builtin ", 8) == 0) {
            number = strtoul(line + 8, &end, 10);
            unsigned i = (unsigned)(number - CATALOG_FIRST_ID);
            if (*end || number < CATALOG_FIRST_ID || i >= nbuiltin || listed[i])
                return *why = "bad builtin line", false;
            listed[i] = true;
            struct catalog_record *rec = &image->records[image->count++];
            rec->info = builtins[i];
            rec->path = NULL;
            rec->builtin = true;
        } else if (strncmp(line, "entry ", 6) == 0) {
            struct catalog_record *rec = &image->records[image->count];
            if (!file__entry(line + 6, rec))
                return *why = "bad entry line", false;
            if (catalog_image_find(image, rec->info.dwCatalogEntryId) >= 0 ||
                rec->info.dwCatalogEntryId < CATALOG_FIRST_ID + nbuiltin) {
                free(rec->path);
                return *why = "duplicate or reserved catalog id", false;
            }
            image->count++;
        } else {
            return *why = "unknown line", false;
        }
    }
    if (ferror(f))
        return *why = "read error", false;
    if (!have_version)
        return *why = "no \"version 1\" line", false;
    /* The built-in entries always exist: those the file does not list come first. */
    unsigned missing = 0;
    for (unsigned i = 0; i < nbuiltin; i++)
        missing += !listed[i];
    if (image->count + missing > CATALOG_MAX)
        return *why = "too many entries", false;
    memmove(&image->records[missing], &image->records[0], image->count * sizeof(image->records[0]));
    for (unsigned i = 0, at = 0; i < nbuiltin; i++) {
        if (listed[i])
            continue;
        image->records[at].info = builtins[i];
        image->records[at].path = NULL;
        image->records[at++].builtin = true;
    }
    image->count += missing;
    for (unsigned i = 0; i < image->count; i++)
        if (image->records[i].info.dwCatalogEntryId >= image->next_id)
            image->next_id = image->records[i].info.dwCatalogEntryId + 1;
    return true;
}

static int file__read_locked(struct catalog_image *image, const char **why)
{
    const char *ignored;
    if (!why)
        why = &ignored;
    memset(image, 0, sizeof(*image));
    FILE *f = fopen(catalog_file_path(), "re");
    if (!f && errno == ENOENT) {
        /* No catalog file: the built-in entries alone. */
        WSAPROTOCOL_INFOW builtins[8];
        unsigned n = file__builtins(builtins, 8);
        for (unsigned i = 0; i < n; i++) {
            image->records[i].info = builtins[i];
            image->records[i].builtin = true;
        }
        image->count = n;
        image->next_id = CATALOG_FIRST_ID + n;
        return 0;
    }
    if (!f) {
        *why = strerror(errno);
        return WSANO_RECOVERY;
    }
    /* flockfile/static buffers: the parse buffers are static, so one parse at a time. */
    static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&parse_lock);
    bool ok = file__parse(f, image, why);
    pthread_mutex_unlock(&parse_lock);
    fclose(f);
    if (!ok) {
        catalog_image_free(image);
        return WSANO_RECOVERY;
    }
    return 0;
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
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        DWORD v;
        memcpy(&v, (const char *)info + file__fields[i].offset, sizeof(v));
        if (file__fields[i].hex)
            fprintf(f, " %s=0x%08x", file__fields[i].key, (unsigned)v);
        else
            fprintf(f, " %s=%d", file__fields[i].key, (int)v);
    }
    char *name = ws2_utf8_from_wide(info->szProtocol);
    fputs(" name=", f);
    file__quoted(f, name ? name : "");
    free(name);
    fputc('\n', f);
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
    fputs("# ws2posix protocol catalog (README.md, \"Catalog and providers\").\n"
          "# Written by WSCInstallProvider, WSCDeinstallProvider and WSCWriteProviderOrder\n"
          "# (the ws2catalog tool); entries are in catalog order.\n",
          f);
    fprintf(f, "version %d\nnext-id %u\n", FILE_VERSION, (unsigned)image->next_id);
    for (unsigned i = 0; i < image->count; i++) {
        const struct catalog_record *rec = &image->records[i];
        if (rec->builtin)
            fprintf(f, "builtin %u\n", (unsigned)rec->info.dwCatalogEntryId);
        else
            file__write_entry(f, rec);
    }
    bool ok = fflush(f) == 0 && !ferror(f) && fsync(fd) == 0;
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
        if (!error)
            error = file__write(image);
        catalog_image_free(image);
    }
    close(lock); /* releases the flock */
    free(image);
    return error;
}
