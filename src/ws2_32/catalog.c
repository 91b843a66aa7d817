/* The protocol catalog of this process (see catalog.h). */
#include "ws2_32/catalog.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "providers/base/base.h"
#include "providers/common/unsupported.h"
#include "ws2_32/catalog_file.h"
#include "ws2_32/ws2.h"

/*
 * Entries added in this process only (ws2_catalog_add) take ids from a range
 * of their own, so that they never meet an id the catalog file assigns.
 */
#define FIRST_LOCAL_ID 100001

/*
 * Room for a whole catalog and as many entries that a re-read while the
 * library runs (ws2_catalog_reload) has dropped but whose providers are
 * still started, since their sockets keep them.
 */
#define CATALOG_SLOTS (2 * CATALOG_MAX)

static pthread_mutex_t catalog__lock = PTHREAD_MUTEX_INITIALIZER;
/*
 * Entries never move, so their addresses can be kept in sockets.  A slot is
 * in use while the catalog lists its entry, or while its provider is
 * started (an entry a re-read dropped: its sockets still call it, and the
 * final WSACleanup calls its WSPCleanup).  A published entry is never
 * written again while it is in use; a slot is refilled only once it is
 * free.
 */
static struct ws2_entry catalog__entries[CATALOG_SLOTS];
static bool catalog__in_use[CATALOG_SLOTS];
/* The catalog: slot indexes in catalog order, the order socket() searches. */
static unsigned catalog__order[CATALOG_MAX];
static unsigned catalog__count;
/*
 * Writers hold the catalog lock and, while they change slots or the order,
 * this one for writing.  ws2_catalog_find_id reads under it alone: a
 * provider calls WPUModifyIFSHandle and WPUCreateSocketHandle while holding
 * its own locks, which WSPCleanup also takes under the catalog lock, so the
 * lookup must not wait for the catalog lock.  Nothing is called with it held.
 */
static pthread_rwlock_t catalog__slots_lock = PTHREAD_RWLOCK_INITIALIZER;
static DWORD catalog__next_local_id = FIRST_LOCAL_ID;
static bool catalog__loaded;

void ws2_startup_lock(void)
{
    pthread_mutex_lock(&catalog__lock);
}

void ws2_startup_unlock(void)
{
    pthread_mutex_unlock(&catalog__lock);
}

static struct ws2_entry *catalog__at(unsigned i)
{
    return &catalog__entries[catalog__order[i]];
}

/* A free slot, now in use and zeroed; -1 when every slot is taken.  Slots lock held for writing. */
static int catalog__slot_take(void)
{
    for (unsigned i = 0; i < CATALOG_SLOTS; i++) {
        if (!catalog__in_use[i]) {
            catalog__in_use[i] = true;
            memset(&catalog__entries[i], 0, sizeof(catalog__entries[i]));
            return (int)i;
        }
    }
    return -1;
}

/*
 * The catalog becomes order[0..n): slots in use that it no longer lists and
 * whose provider is not started are freed.  Both locks held.
 */
static void catalog__publish(const unsigned *order, unsigned n)
{
    bool listed[CATALOG_SLOTS] = {false};
    for (unsigned i = 0; i < n; i++)
        listed[order[i]] = true;
    for (unsigned i = 0; i < CATALOG_SLOTS; i++) {
        if (catalog__in_use[i] && !listed[i] && !catalog__entries[i].started) {
            free(catalog__entries[i].path);
            catalog__entries[i].path = NULL;
            catalog__in_use[i] = false;
        }
    }
    memcpy(catalog__order, order, n * sizeof(*order));
    catalog__count = n;
}

/* Until the first WSAStartup reads the file, the built-in entries stand alone. */
static void catalog__ensure_loaded_locked(void)
{
    if (catalog__loaded)
        return;
    WSAPROTOCOL_INFOW builtins[8];
    unsigned n = catalog_builtins(builtins, 8);
    unsigned order[CATALOG_MAX];
    if (catalog__count + n > CATALOG_MAX)
        return;
    pthread_rwlock_wrlock(&catalog__slots_lock);
    for (unsigned i = 0; i < n; i++) {
        int slot = catalog__slot_take();
        if (slot < 0) {
            /* Not reached: local entries alone cannot fill the slots; undo. */
            for (unsigned k = 0; k < i; k++)
                catalog__in_use[order[k]] = false;
            pthread_rwlock_unlock(&catalog__slots_lock);
            return;
        }
        catalog__entries[slot].info = builtins[i];
        catalog__entries[slot].startup = base_WSPStartup;
        order[i] = (unsigned)slot;
    }
    /* Local entries added before any load move behind the built-in ones. */
    memcpy(&order[n], catalog__order, catalog__count * sizeof(*order));
    catalog__publish(order, n + catalog__count);
    pthread_rwlock_unlock(&catalog__slots_lock);
    catalog__loaded = true;
}

int ws2_catalog_add(WSAPROTOCOL_INFOW *info, LPWSPSTARTUP startup)
{
    pthread_mutex_lock(&catalog__lock);
    catalog__ensure_loaded_locked();
    pthread_rwlock_wrlock(&catalog__slots_lock);
    int slot = catalog__count < CATALOG_MAX ? catalog__slot_take() : -1;
    if (slot < 0) {
        pthread_rwlock_unlock(&catalog__slots_lock);
        pthread_mutex_unlock(&catalog__lock);
        return WSAENOBUFS;
    }
    struct ws2_entry *entry = &catalog__entries[slot];
    info->dwCatalogEntryId = catalog__next_local_id++;
    if (info->ProtocolChain.ChainLen == BASE_PROTOCOL)
        info->ProtocolChain.ChainEntries[0] = info->dwCatalogEntryId;
    entry->info = *info;
    entry->startup = startup;
    entry->local = true;
    catalog__order[catalog__count++] = (unsigned)slot;
    pthread_rwlock_unlock(&catalog__slots_lock);
    pthread_mutex_unlock(&catalog__lock);
    return 0;
}

/* Whether entry is what rec describes, so that a re-read keeps it (and its started provider). */
static bool catalog__same(const struct ws2_entry *entry, const struct catalog_record *rec)
{
    if (entry->local || (entry->path == NULL) != rec->builtin)
        return false;
    if (entry->path && strcmp(entry->path, rec->path) != 0)
        return false;
    const WSAPROTOCOL_INFOW *a = &entry->info, *b = &rec->info;
    if (memcmp(a, b, offsetof(WSAPROTOCOL_INFOW, szProtocol)) != 0)
        return false;
    for (size_t i = 0; i <= WSAPROTOCOL_LEN; i++) {
        if (a->szProtocol[i] != b->szProtocol[i])
            return false;
        if (!a->szProtocol[i])
            break;
    }
    return true;
}

/*
 * Makes image this process's catalog, the local entries behind it, with
 * the catalog lock held.  An entry the image describes unchanged keeps its
 * slot and its started provider; a new or changed one gets a fresh slot.
 * A dropped entry whose provider is started stays in its slot, unlisted, so
 * that its sockets go on calling it until they are closed or the final
 * WSACleanup calls its WSPCleanup (on Windows too a loaded provider stays
 * loaded while its sockets live).  Returns 0 or WSASYSNOTREADY (no room).
 */
static int catalog__apply_locked(struct catalog_image *image)
{
    unsigned order[CATALOG_MAX];
    unsigned nlocal = 0;
    for (unsigned i = 0; i < catalog__count; i++)
        nlocal += catalog__at(i)->local;
    if (image->count + nlocal > CATALOG_MAX)
        return WSASYSNOTREADY;
    pthread_rwlock_wrlock(&catalog__slots_lock);
    /* First the entries that stay, so that the slots of those that go are free for the new. */
    bool kept[CATALOG_MAX] = {false};
    bool taken[CATALOG_MAX] = {false};
    for (unsigned r = 0; r < image->count; r++) {
        for (unsigned i = 0; i < catalog__count; i++) {
            if (!taken[i] && catalog__same(catalog__at(i), &image->records[r])) {
                order[r] = catalog__order[i];
                kept[r] = taken[i] = true;
                break;
            }
        }
    }
    unsigned n = image->count;
    for (unsigned i = 0; i < catalog__count; i++)
        if (catalog__at(i)->local)
            order[n++] = catalog__order[i];
    /* Free what is neither kept nor started, then fill fresh slots; first, whether they fit. */
    bool listed[CATALOG_SLOTS] = {false};
    for (unsigned r = 0; r < n; r++)
        if (r >= image->count || kept[r])
            listed[order[r]] = true;
    unsigned room = 0, needed = 0;
    for (unsigned i = 0; i < CATALOG_SLOTS; i++)
        room += !catalog__in_use[i] || (!listed[i] && !catalog__entries[i].started);
    for (unsigned r = 0; r < image->count; r++)
        needed += !kept[r];
    if (needed > room) {
        /* Too many dropped providers still started: the catalog stays as it was. */
        pthread_rwlock_unlock(&catalog__slots_lock);
        return WSASYSNOTREADY;
    }
    for (unsigned i = 0; i < CATALOG_SLOTS; i++) {
        if (catalog__in_use[i] && !listed[i] && !catalog__entries[i].started) {
            free(catalog__entries[i].path);
            catalog__entries[i].path = NULL;
            catalog__in_use[i] = false;
        }
    }
    for (unsigned r = 0; r < image->count; r++) {
        if (kept[r])
            continue;
        int slot = catalog__slot_take(); /* there is room: counted above */
        struct ws2_entry *entry = &catalog__entries[slot];
        entry->info = image->records[r].info;
        if (image->records[r].builtin) {
            entry->startup = base_WSPStartup;
        } else {
            entry->path = image->records[r].path; /* the entry takes the string */
            image->records[r].path = NULL;
        }
        order[r] = (unsigned)slot;
    }
    catalog__publish(order, n);
    pthread_rwlock_unlock(&catalog__slots_lock);
    catalog__loaded = true;
    return 0;
}

/* The catalog file, read; NULL when it cannot be read or parsed. */
static struct catalog_image *catalog__read(void)
{
    struct catalog_image *image = malloc(sizeof(*image));
    if (image && catalog_file_read(image, NULL) != 0) {
        free(image);
        image = NULL;
    }
    return image;
}

static void catalog__image_free(struct catalog_image *image)
{
    catalog_image_free(image);
    free(image);
}

/* Called with the startup lock held (WSAStartup). */
int ws2_catalog_load(void)
{
    struct catalog_image *image = catalog__read();
    if (!image)
        return WSASYSNOTREADY;
    catalog__ensure_loaded_locked();
    int error = catalog__apply_locked(image);
    catalog__image_free(image);
    return error;
}

int ws2_catalog_reload(void)
{
    /* Read before the lock: socket() need not wait for the file. */
    struct catalog_image *image = catalog__read();
    if (!image)
        return WSASYSNOTREADY;
    int error = WSANOTINITIALISED;
    pthread_mutex_lock(&catalog__lock);
    /* After the final WSACleanup the next WSAStartup reads the file itself. */
    if (ws2_started()) {
        catalog__ensure_loaded_locked();
        error = catalog__apply_locked(image);
    }
    pthread_mutex_unlock(&catalog__lock);
    catalog__image_free(image);
    return error;
}

struct ws2_entry *ws2_catalog_find_id(DWORD catalog_id)
{
    struct ws2_entry *found = NULL;
    pthread_rwlock_rdlock(&catalog__slots_lock);
    /* The listed entry first; then one a re-read dropped whose provider still runs. */
    for (unsigned i = 0; i < catalog__count && !found; i++)
        if (catalog__at(i)->info.dwCatalogEntryId == catalog_id)
            found = catalog__at(i);
    for (unsigned i = 0; i < CATALOG_SLOTS && !found; i++)
        if (catalog__in_use[i] && catalog__entries[i].info.dwCatalogEntryId == catalog_id)
            found = &catalog__entries[i];
    pthread_rwlock_unlock(&catalog__slots_lock);
    return found;
}

static bool catalog__protocol_matches(const WSAPROTOCOL_INFOW *info, int protocol)
{
    if (protocol == 0)
        return (info->dwProviderFlags & PFL_MATCHES_PROTOCOL_ZERO) != 0;
    return protocol >= info->iProtocol && protocol <= info->iProtocol + info->iProtocolMaxOffset;
}

/*
 * The first entry in catalog order that serves (af, type, protocol).  A
 * layered entry (ChainLen 0) is never chosen: only a protocol chain that
 * names it reaches it.  Chains (ChainLen > 1) are chosen like base entries,
 * so a layered provider's chains ordered ahead of the base entries take the
 * sockets, as on Windows.
 */
static struct ws2_entry *catalog__match_locked(int af, int type, int protocol, int *error)
{
    bool af_seen = false, type_seen = false, type_known = type == 0;
    unsigned count = catalog__count;
    /*
     * A type no entry offers is WSAESOCKTNOSUPPORT even when the family is
     * unknown too: Windows answers WSASocket(0xdead, 0xdead, IPPROTO_TCP)
     * so (Wine's conformance test_WSASocket, run on Windows).
     */
    for (unsigned i = 0; i < count && !type_known; i++)
        type_known = catalog__at(i)->info.ProtocolChain.ChainLen != LAYERED_PROTOCOL &&
                     catalog__at(i)->info.iSocketType == type;
    if (!type_known) {
        *error = WSAESOCKTNOSUPPORT;
        return NULL;
    }
    for (unsigned i = 0; i < count; i++) {
        struct ws2_entry *entry = catalog__at(i);
        const WSAPROTOCOL_INFOW *info = &entry->info;
        if (info->ProtocolChain.ChainLen == LAYERED_PROTOCOL)
            continue;
        if (af != AF_UNSPEC && info->iAddressFamily != af)
            continue;
        af_seen = true;
        if (type != 0 && info->iSocketType != type)
            continue;
        type_seen = true;
        if (catalog__protocol_matches(info, protocol))
            return entry;
    }
    *error = !af_seen ? WSAEAFNOSUPPORT : !type_seen ? WSAESOCKTNOSUPPORT : WSAEPROTONOSUPPORT;
    return NULL;
}

static int catalog__start_locked(struct ws2_entry *entry)
{
    if (entry->started)
        return 0;
    LPWSPSTARTUP startup = entry->startup;
    void *module = NULL;
    if (!startup) {
        /* WSASocket: "WSAEPROVIDERFAILEDINIT: The service provider failed to initialize." */
        module = entry->path ? ws2_provider_load(entry->path, &startup) : NULL;
        if (!module)
            return WSAEPROVIDERFAILEDINIT;
    }
    WSPPROC_TABLE procs;
    memset(&procs, 0, sizeof(procs));
    int error = startup(MAKEWORD(2, 2), &entry->data, &entry->info, ws2_upcalls, &procs);
    if (!error && !provider_table_complete(&procs)) {
        /* A table with holes is refused, as Windows does; the startup is undone. */
        int ignored;
        if (procs.lpWSPCleanup)
            procs.lpWSPCleanup(&ignored);
        error = WSAEINVALIDPROCTABLE;
    }
    if (error) {
        if (module)
            ws2_provider_unload(module);
        return error;
    }
    entry->procs = procs;
    entry->module = module;
    entry->started = true;
    return 0;
}

struct ws2_entry *ws2_catalog_select(int af, int type, int protocol, const WSAPROTOCOL_INFOW *info,
                                     int *error)
{
    struct ws2_entry *entry = NULL;
    pthread_mutex_lock(&catalog__lock);
    /* A final WSACleanup may have run since the caller's ws2_enter. */
    if (!ws2_started()) {
        pthread_mutex_unlock(&catalog__lock);
        *error = WSANOTINITIALISED;
        return NULL;
    }
    catalog__ensure_loaded_locked();
    if (info) {
        /*
         * WSASocket: the entry the WSAPROTOCOL_INFO names by its catalog id;
         * an unknown one is "WSAEINVAL: ... the contents are invalid".
         */
        entry = ws2_catalog_find_id(info->dwCatalogEntryId);
        if (!entry)
            *error = WSAEINVAL;
    } else {
        entry = catalog__match_locked(af, type, protocol, error);
    }
    if (entry) {
        *error = catalog__start_locked(entry);
        if (*error)
            entry = NULL;
        else
            ws2_call_begin(entry); /* under the lock: the cleanup cannot be between */
    }
    pthread_mutex_unlock(&catalog__lock);
    return entry;
}

void ws2_call_begin(struct ws2_entry *entry)
{
    if (entry->path)
        atomic_fetch_add_explicit(&entry->calls, 1, memory_order_acquire);
}

void ws2_call_end(struct ws2_entry *entry)
{
    if (entry->path)
        atomic_fetch_sub_explicit(&entry->calls, 1, memory_order_release);
}

/*
 * After its final WSPCleanup a provider has woken every call it had
 * blocked, but those calls may still be on their way out through its code.
 * Its shared object goes once they are all out; a provider whose calls do
 * not return within CATALOG_DRAIN_MS is left loaded rather than unmapped
 * under them.
 */
#define CATALOG_DRAIN_MS 5000

static bool catalog__drained(struct ws2_entry *entry)
{
    for (int waited = 0; atomic_load_explicit(&entry->calls, memory_order_acquire) != 0; waited++) {
        if (waited >= CATALOG_DRAIN_MS)
            return false;
        Sleep(1);
    }
    return true;
}

int ws2_catalog_cleanup(void)
{
    /* Called by the final WSACleanup with the startup lock held. */
    int first_error = 0;
    /*
     * Every started provider: in catalog order, then those a re-read
     * dropped from the catalog whose sockets kept them started.
     */
    unsigned order[CATALOG_SLOTS], n = 0;
    bool listed[CATALOG_SLOTS] = {false};
    for (unsigned i = 0; i < catalog__count; i++) {
        order[n++] = catalog__order[i];
        listed[catalog__order[i]] = true;
    }
    for (unsigned i = 0; i < CATALOG_SLOTS; i++)
        if (catalog__in_use[i] && !listed[i])
            order[n++] = i;
    for (unsigned k = 0; k < n; k++) {
        struct ws2_entry *entry = &catalog__entries[order[k]];
        if (!entry->started)
            continue;
        int error = 0;
        if (entry->procs.lpWSPCleanup(&error) == SOCKET_ERROR && !first_error)
            first_error = error ? error : WSAENETDOWN;
        entry->started = false;
        /*
         * The provider's WSPCleanup has returned, so none of its code is on
         * any callback path (LPWSPCleanup.txt): its shared object may go.
         */
        if (entry->module && catalog__drained(entry))
            ws2_provider_unload(entry->module);
        entry->module = NULL;
    }
    return first_error;
}

unsigned ws2_catalog_snapshot(WSAPROTOCOL_INFOW *out, unsigned max)
{
    pthread_mutex_lock(&catalog__lock);
    catalog__ensure_loaded_locked();
    unsigned total = catalog__count;
    unsigned n = total < max ? total : max;
    for (unsigned i = 0; i < n; i++)
        out[i] = catalog__at(i)->info;
    pthread_mutex_unlock(&catalog__lock);
    return total;
}
