/*
 * The catalog file's text into a catalog image, and the rules every image
 * must keep (see catalog_file.h).
 *
 * The catalog is system-wide: a line this code cannot read must make every
 * reader fail cleanly (WSASYSNOTREADY from WSAStartup, WSANO_RECOVERY from
 * the WSC functions, as README.md promises), never crash, leak or hang it.
 * So the grammar is strict: the writers (catalog_file_format) write every key
 * of an entry exactly once, and anything else -- a key missing, repeated or
 * unknown, a number out of range, an unknown escape, a NUL byte, an overlong
 * line, a chain naming an entry that does not exist -- is a malformed file.
 * The same rules (catalog_image_check) hold back a WSC edit that would write
 * a file no reader could take.
 */
#include "ws2_32/catalog_file.h"
#include "ws2_32/ws2.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "providers/base/base.h"
#include "ws2_32/addrtext.h"

/* The longest line, with its NUL: an entry with a path of WSC_PATH_MAX (4096) fits twice. */
#define LINE_MAX_LEN 8192

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
#define FIELD(key, member, hex)                                                                    \
    {                                                                                              \
        key, offsetof(WSAPROTOCOL_INFOW, member), hex                                              \
    }
const struct catalog_field catalog_fields[CATALOG_FIELD_COUNT] = {
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

/* An entry line's keys: these six, then the numeric fields in catalog_fields' order. */
enum { KEY_ID, KEY_PROVIDER, KEY_PATH, KEY_CHAINLEN, KEY_CHAIN, KEY_NAME, KEY_FIELDS };
#define KEY_COUNT (KEY_FIELDS + CATALOG_FIELD_COUNT)
#define KEY_ALL   ((UINT32_C(1) << KEY_COUNT) - 1)
static const char *const parse__special_keys[KEY_FIELDS] = {"id",       "provider", "path",
                                                            "chainlen", "chain",    "name"};

static int parse__key(const char *key)
{
    for (int k = 0; k < KEY_FIELDS; k++)
        if (strcmp(parse__special_keys[k], key) == 0)
            return k;
    for (int i = 0; i < CATALOG_FIELD_COUNT; i++)
        if (strcmp(catalog_fields[i].key, key) == 0)
            return KEY_FIELDS + i;
    return -1;
}

DWORD catalog_builtin_id(unsigned i)
{
    return i < CATALOG_CLASSIC_BUILTINS ? CATALOG_FIRST_ID + i
                                        : CATALOG_EXTRA_ID + (i - CATALOG_CLASSIC_BUILTINS);
}

int catalog_builtin_index(unsigned long id, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (catalog_builtin_id(i) == id)
            return (int)i;
    return -1;
}

/* The built-in entries with their fixed ids (catalog_builtin_id). */
unsigned catalog_builtins(WSAPROTOCOL_INFOW *out, unsigned max)
{
    unsigned n = base_protocols(out, max);
    for (unsigned i = 0; i < n; i++) {
        out[i].dwCatalogEntryId = catalog_builtin_id(i);
        out[i].ProtocolChain.ChainEntries[0] = catalog_builtin_id(i);
    }
    return n;
}

/*
 * Decimal digits only (no sign, no space) at *p, at most max; advances *p
 * past them.  The ids and the version are written this way.
 */
static bool parse__digits(const char **p, unsigned long max, unsigned long *out)
{
    const char *s = *p;
    unsigned long v = 0;
    if (*s < '0' || *s > '9')
        return false;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (max - (unsigned long)(*s - '0')) / 10)
            return false;
        v = v * 10 + (unsigned long)(*s - '0');
    }
    *out = v;
    *p = s;
    return true;
}

/* The whole of text as parse__digits reads it. */
static bool parse__decimal(const char *text, unsigned long max, unsigned long *out)
{
    return parse__digits(&text, max, out) && *text == '\0';
}

/*
 * A numeric field: an optional '-', then decimal, 0x-hex or 0-octal digits
 * (the writer uses %d and 0x%08x), between min and max.  Leading space and
 * '+', which strtoll would skip, are refused.
 */
static bool parse__number(const char *text, long long min, long long max, long long *out)
{
    const char *digits = text + (*text == '-');
    if (*digits < '0' || *digits > '9')
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 0);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

/*
 * One value: a bare word up to the next space, or a double-quoted string
 * with the \" \\ \n \t escapes (any other escape is malformed).  A space or
 * the end of the line must follow.  Advances *p; out holds LINE_MAX_LEN.
 */
static bool parse__value(char **p, char *out)
{
    char *s = *p;
    size_t n = 0;
    if (*s == '"') {
        for (s++; *s != '"'; s++) {
            char c = *s;
            if (!c)
                return false; /* no closing quote */
            if (c == '\\') {
                s++;
                c = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == '"' || *s == '\\' ? *s : '\0';
                if (!c)
                    return false;
            }
            out[n++] = c; /* never longer than the line it comes from */
        }
        s++;
        if (*s && *s != ' ')
            return false;
    } else {
        for (; *s && *s != ' '; s++)
            out[n++] = *s;
    }
    out[n] = '\0';
    *p = s;
    return true;
}

/* "chain=a,b,c": exactly len catalog ids (none for a layered entry). */
static bool parse__chain(const char *text, int len, WSAPROTOCOLCHAIN *chain)
{
    const char *p = text;
    int n = 0;
    while (*p) {
        unsigned long id;
        if (n == len || !parse__digits(&p, CATALOG_LAST_ID, &id))
            return false;
        chain->ChainEntries[n++] = (DWORD)id;
        if (*p == ',') {
            if (!*++p)
                return false; /* a trailing comma */
        } else if (*p) {
            return false;
        }
    }
    chain->ChainLen = len;
    return n == len;
}

/* One key of an entry line into rec; chain is kept for after chainlen. */
static bool parse__entry_key(int key, const char *value, struct catalog_record *rec,
                             long long *chain_len, char *chain, size_t chain_size)
{
    long long number;
    switch (key) {
    case KEY_ID:
        if (!parse__number(value, 0, CATALOG_LAST_ID, &number))
            return false;
        rec->info.dwCatalogEntryId = (DWORD)number;
        return true;
    case KEY_PROVIDER: return catalog_guid_parse(value, &rec->info.ProviderId);
    case KEY_PATH:
        /* Each key once (checked by the caller), so no earlier path to free. */
        rec->path = *value ? strdup(value) : NULL;
        return rec->path != NULL;
    case KEY_CHAINLEN: return parse__number(value, 0, MAX_PROTOCOL_CHAIN, chain_len);
    case KEY_CHAIN:
        if (strlen(value) >= chain_size)
            return false;
        strcpy(chain, value);
        return true;
    case KEY_NAME:
        if (ws2_wide_length(value) > WSAPROTOCOL_LEN)
            return false;
        ws2_wide_copy(value, rec->info.szProtocol);
        return true;
    default: {
        /* DWORD members written as %d read back negative: INT_MIN up to UINT_MAX. */
        const struct catalog_field *field = &catalog_fields[key - KEY_FIELDS];
        if (!parse__number(value, INT_MIN, UINT_MAX, &number))
            return false;
        DWORD v = (DWORD)number;
        memcpy((char *)&rec->info + field->offset, &v, sizeof(v));
        return true;
    }
    }
}

/*
 * An "entry key=value ..." line into *rec: every key exactly once.  On
 * failure rec->path may hold a string, which the caller frees.
 */
static bool parse__entry(char *p, char *value, struct catalog_record *rec)
{
    memset(rec, 0, sizeof(*rec));
    uint32_t seen = 0;
    long long chain_len = 0;
    /* Seven ids of at most six digits (CATALOG_LAST_ID), each with its comma, and the NUL. */
    char chain[7 * 7 + 1];
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        char *eq = strchr(p, '=');
        if (!eq)
            return false;
        *eq = '\0';
        int key = parse__key(p);
        if (key < 0 || (seen & UINT32_C(1) << key))
            return false; /* unknown or repeated */
        seen |= UINT32_C(1) << key;
        p = eq + 1;
        if (!parse__value(&p, value) ||
            !parse__entry_key(key, value, rec, &chain_len, chain, sizeof(chain)))
            return false;
    }
    return seen == KEY_ALL && parse__chain(chain, (int)chain_len, &rec->info.ProtocolChain);
}

/* What the lines have said so far. */
struct parse__state {
    WSAPROTOCOL_INFOW builtins[8];
    unsigned nbuiltin;
    bool listed[8];
    bool have_version, have_next_id;
};

/* One line (no '\n', no NUL inside); false with *why when malformed. */
static bool parse__line(char *line, char *value, struct parse__state *st,
                        struct catalog_image *image, const char **why)
{
    unsigned long number;
    if (line[0] == '\0' || line[0] == '#')
        return true;
    if (strncmp(line, "version ", 8) == 0) {
        if (st->have_version || !parse__decimal(line + 8, ULONG_MAX, &number) ||
            number != CATALOG_FILE_VERSION)
            return *why = "bad or repeated version line", false;
        st->have_version = true;
        return true;
    }
    if (!st->have_version)
        return *why = "no \"version 1\" line first", false;
    if (strncmp(line, "next-id ", 8) == 0) {
        if (st->have_next_id || !parse__decimal(line + 8, CATALOG_LAST_ID + 1UL, &number))
            return *why = "bad or repeated next-id line", false;
        st->have_next_id = true;
        image->next_id = (DWORD)number;
        return true;
    }
    bool builtin = strncmp(line, "builtin ", 8) == 0;
    if (!builtin && strncmp(line, "entry ", 6) != 0)
        return *why = "unknown line", false;
    if (image->count == CATALOG_MAX)
        return *why = "too many entries", false;
    struct catalog_record *rec = &image->records[image->count];
    if (builtin) {
        int index = -1;
        if (parse__decimal(line + 8, CATALOG_LAST_ID, &number))
            index = catalog_builtin_index(number, st->nbuiltin);
        if (index < 0 || st->listed[index])
            return *why = "bad or repeated builtin line", false;
        unsigned i = (unsigned)index;
        st->listed[i] = true;
        rec->info = st->builtins[i];
        rec->path = NULL;
        rec->builtin = true;
    } else if (!parse__entry(line + 6, value, rec)) {
        free(rec->path);
        rec->path = NULL;
        return *why = "bad entry line", false;
    }
    image->count++;
    return true;
}

/* The lines of text (modified in place: each '\n' becomes the line's end). */
static bool parse__lines(char *text, char *value, struct catalog_image *image, const char **why)
{
    struct parse__state st;
    memset(&st, 0, sizeof(st));
    st.nbuiltin = catalog_builtins(st.builtins, 8);
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : line + strlen(line);
        if (nl)
            *nl = '\0';
        if ((size_t)(next - line) >= LINE_MAX_LEN)
            return *why = "line too long", false;
        if (!parse__line(line, value, &st, image, why))
            return false;
        line = next;
    }
    if (!st.have_version)
        return *why = "no \"version 1\" line", false;
    /* The built-in entries always exist: those the file does not list come first. */
    unsigned missing = 0;
    for (unsigned i = 0; i < st.nbuiltin; i++)
        missing += !st.listed[i];
    if (image->count + missing > CATALOG_MAX)
        return *why = "too many entries", false;
    memmove(&image->records[missing], &image->records[0], image->count * sizeof(image->records[0]));
    for (unsigned i = 0, at = 0; i < st.nbuiltin; i++) {
        if (st.listed[i])
            continue;
        image->records[at].info = st.builtins[i];
        image->records[at].path = NULL;
        image->records[at++].builtin = true;
    }
    image->count += missing;
    /* next-id only ever grows past the ids in use, so that no id is handed out twice. */
    if (image->next_id < CATALOG_FIRST_ID + CATALOG_CLASSIC_BUILTINS)
        image->next_id = CATALOG_FIRST_ID + CATALOG_CLASSIC_BUILTINS;
    for (unsigned i = 0; i < image->count; i++)
        if (image->records[i].info.dwCatalogEntryId >= image->next_id)
            image->next_id = image->records[i].info.dwCatalogEntryId + 1;
    return true;
}

void catalog_image_builtin(struct catalog_image *image)
{
    memset(image, 0, sizeof(*image));
    WSAPROTOCOL_INFOW builtins[8];
    unsigned n = catalog_builtins(builtins, 8);
    for (unsigned i = 0; i < n; i++) {
        image->records[i].info = builtins[i];
        image->records[i].builtin = true;
    }
    image->count = n;
    image->next_id = CATALOG_FIRST_ID + CATALOG_CLASSIC_BUILTINS;
}

int catalog_file_parse(const char *text, size_t len, struct catalog_image *image, const char **why)
{
    const char *ignored;
    if (!why)
        why = &ignored;
    memset(image, 0, sizeof(*image));
    if (len > CATALOG_FILE_MAX) {
        *why = "file too large";
        return WSANO_RECOVERY;
    }
    if (memchr(text, '\0', len)) {
        *why = "NUL byte";
        return WSANO_RECOVERY;
    }
    /* A copy to cut into lines, and room for the longest value (no longer than its line). */
    char *copy = malloc(len + 1), *value = malloc(LINE_MAX_LEN);
    bool ok = copy && value;
    if (!ok)
        *why = "out of memory";
    if (ok) {
        memcpy(copy, text, len);
        copy[len] = '\0';
        ok = parse__lines(copy, value, image, why) && catalog_image_check(image, why) == 0;
    }
    free(copy);
    free(value);
    if (!ok) {
        catalog_image_free(image);
        return WSANO_RECOVERY;
    }
    return 0;
}

/* Whether the chain of rec names only entries of image other than rec itself. */
static bool parse__chain_known(const struct catalog_image *image, const struct catalog_record *rec)
{
    const WSAPROTOCOLCHAIN *chain = &rec->info.ProtocolChain;
    for (int c = 0; chain->ChainLen > 1 && c < chain->ChainLen; c++)
        if (chain->ChainEntries[c] == rec->info.dwCatalogEntryId ||
            catalog_image_find(image, chain->ChainEntries[c]) < 0)
            return false;
    return true;
}

int catalog_image_check(const struct catalog_image *image, const char **why)
{
    const char *ignored;
    if (!why)
        why = &ignored;
    if (image->count > CATALOG_MAX)
        return *why = "too many entries", WSAEINVAL;
    if (image->next_id > CATALOG_LAST_ID + 1UL)
        return *why = "no catalog ids left", WSAEINVAL;
    for (unsigned i = 0; i < image->count; i++) {
        const struct catalog_record *rec = &image->records[i];
        const WSAPROTOCOL_INFOW *info = &rec->info;
        DWORD id = info->dwCatalogEntryId;
        if (rec->builtin)
            continue;
        if (id < CATALOG_FIRST_ID + CATALOG_CLASSIC_BUILTINS || id >= image->next_id)
            return *why = "reserved or unassigned catalog id", WSAEINVAL;
        if (catalog_image_find(image, id) != (int)i)
            return *why = "repeated catalog id", WSAEINVAL;
        if (!rec->path || !*rec->path)
            return *why = "entry without a path", WSAEINVAL;
        int len = info->ProtocolChain.ChainLen;
        if (len < 0 || len > MAX_PROTOCOL_CHAIN ||
            (len == BASE_PROTOCOL && info->ProtocolChain.ChainEntries[0] != id))
            return *why = "bad protocol chain", WSAEINVAL;
        if (!parse__chain_known(image, rec))
            return *why = "protocol chain names an unknown entry or itself", WSAEINVAL;
        /* socket() matches protocol <= iProtocol + iProtocolMaxOffset: no int overflow there. */
        if ((long long)info->iProtocol + info->iProtocolMaxOffset > INT_MAX ||
            (long long)info->iProtocol + info->iProtocolMaxOffset < INT_MIN)
            return *why = "protocol range out of bounds", WSAEINVAL;
        size_t n = 0;
        while (n <= WSAPROTOCOL_LEN && info->szProtocol[n])
            n++;
        if (n > WSAPROTOCOL_LEN)
            return *why = "name too long", WSAEINVAL;
    }
    return 0;
}
