/* The protocol catalog of this process (see catalog.h). */
#include "ws2_32/catalog.h"

#include <pthread.h>
#include <stdatomic.h>
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

static pthread_mutex_t catalog__lock = PTHREAD_MUTEX_INITIALIZER;
/*
 * Entries never move while the library is started, so their addresses can be
 * kept in sockets; they are rebuilt only by ws2_catalog_load, when no
 * provider is started and no socket exists.
 */
static struct ws2_entry catalog__entries[CATALOG_MAX];
/*
 * Entries are written before the count that covers them is published
 * (release), so looking an entry up by id needs no lock: a provider calls
 * WPUModifyIFSHandle and WPUCreateSocketHandle while holding its own locks,
 * which WSPCleanup also takes under the catalog lock.
 */
static _Atomic unsigned catalog__count;
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

/* Until the first WSAStartup reads the file, the built-in entries stand alone. */
static void catalog__ensure_loaded_locked(void)
{
    if (catalog__loaded)
        return;
    struct ws2_entry *local = NULL;
    unsigned count = atomic_load_explicit(&catalog__count, memory_order_relaxed);
    WSAPROTOCOL_INFOW builtins[8];
    unsigned n = catalog_builtins(builtins, 8);
    if (count + n > CATALOG_MAX)
        return;
    /* Local entries added before any load move behind the built-in ones. */
    if (count) {
        local = malloc(count * sizeof(*local));
        if (!local)
            return;
        memcpy(local, catalog__entries, count * sizeof(*local));
    }
    for (unsigned i = 0; i < n; i++) {
        struct ws2_entry *entry = &catalog__entries[i];
        memset(entry, 0, sizeof(*entry));
        entry->info = builtins[i];
        entry->startup = base_WSPStartup;
    }
    if (count)
        memcpy(&catalog__entries[n], local, count * sizeof(*local));
    free(local);
    atomic_store_explicit(&catalog__count, n + count, memory_order_release);
    catalog__loaded = true;
}

int ws2_catalog_add(WSAPROTOCOL_INFOW *info, LPWSPSTARTUP startup)
{
    pthread_mutex_lock(&catalog__lock);
    catalog__ensure_loaded_locked();
    unsigned count = atomic_load_explicit(&catalog__count, memory_order_relaxed);
    if (count == CATALOG_MAX) {
        pthread_mutex_unlock(&catalog__lock);
        return WSAENOBUFS;
    }
    struct ws2_entry *entry = &catalog__entries[count];
    info->dwCatalogEntryId = catalog__next_local_id++;
    if (info->ProtocolChain.ChainLen == BASE_PROTOCOL)
        info->ProtocolChain.ChainEntries[0] = info->dwCatalogEntryId;
    memset(entry, 0, sizeof(*entry));
    entry->info = *info;
    entry->startup = startup;
    entry->local = true;
    atomic_store_explicit(&catalog__count, count + 1, memory_order_release);
    pthread_mutex_unlock(&catalog__lock);
    return 0;
}

/* Called with the startup lock held (WSAStartup). */
int ws2_catalog_load(void)
{
    struct catalog_image *image = malloc(sizeof(*image));
    if (!image)
        return WSASYSNOTREADY;
    if (catalog_file_read(image, NULL) != 0) {
        free(image);
        return WSASYSNOTREADY;
    }
    unsigned count = atomic_load_explicit(&catalog__count, memory_order_relaxed);
    unsigned nlocal = 0;
    for (unsigned i = 0; i < count; i++)
        nlocal += catalog__entries[i].local;
    if (image->count + nlocal > CATALOG_MAX) {
        catalog_image_free(image);
        free(image);
        return WSASYSNOTREADY;
    }
    /* Keep the local entries, in their order, behind the file's. */
    struct ws2_entry *local = nlocal ? malloc(nlocal * sizeof(*local)) : NULL;
    if (nlocal && !local) {
        catalog_image_free(image);
        free(image);
        return WSASYSNOTREADY;
    }
    for (unsigned i = 0, k = 0; i < count; i++) {
        if (catalog__entries[i].local)
            local[k++] = catalog__entries[i];
        else
            free(catalog__entries[i].path);
    }
    atomic_store_explicit(&catalog__count, 0, memory_order_release);
    for (unsigned i = 0; i < image->count; i++) {
        struct ws2_entry *entry = &catalog__entries[i];
        memset(entry, 0, sizeof(*entry));
        entry->info = image->records[i].info;
        if (image->records[i].builtin) {
            entry->startup = base_WSPStartup;
        } else {
            entry->path = image->records[i].path; /* the entry takes the string */
            image->records[i].path = NULL;
        }
    }
    if (nlocal)
        memcpy(&catalog__entries[image->count], local, nlocal * sizeof(*local));
    free(local);
    atomic_store_explicit(&catalog__count, image->count + nlocal, memory_order_release);
    catalog__loaded = true;
    catalog_image_free(image);
    free(image);
    return 0;
}

struct ws2_entry *ws2_catalog_find_id(DWORD catalog_id)
{
    struct ws2_entry *found = NULL;
    unsigned count = atomic_load_explicit(&catalog__count, memory_order_acquire);
    for (unsigned i = 0; i < count && !found; i++)
        if (catalog__entries[i].info.dwCatalogEntryId == catalog_id)
            found = &catalog__entries[i];
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
    unsigned count = atomic_load_explicit(&catalog__count, memory_order_relaxed);
    /*
     * A type no entry offers is WSAESOCKTNOSUPPORT even when the family is
     * unknown too: Windows answers WSASocket(0xdead, 0xdead, IPPROTO_TCP)
     * so (Wine's conformance test_WSASocket, run on Windows).
     */
    for (unsigned i = 0; i < count && !type_known; i++)
        type_known = catalog__entries[i].info.ProtocolChain.ChainLen != LAYERED_PROTOCOL &&
                     catalog__entries[i].info.iSocketType == type;
    if (!type_known) {
        *error = WSAESOCKTNOSUPPORT;
        return NULL;
    }
    for (unsigned i = 0; i < count; i++) {
        struct ws2_entry *entry = &catalog__entries[i];
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
    unsigned count = atomic_load_explicit(&catalog__count, memory_order_relaxed);
    for (unsigned i = 0; i < count; i++) {
        struct ws2_entry *entry = &catalog__entries[i];
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
    unsigned total = atomic_load_explicit(&catalog__count, memory_order_relaxed);
    unsigned n = total < max ? total : max;
    for (unsigned i = 0; i < n; i++)
        out[i] = catalog__entries[i].info;
    pthread_mutex_unlock(&catalog__lock);
    return total;
}
