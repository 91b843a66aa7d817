/* The protocol catalog (see catalog.h). */
#include "ws2_32/catalog.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "providers/base/base.h"
#include "providers/common/unsupported.h"
#include "ws2_32/ws2.h"

#define CATALOG_MAX      64
#define FIRST_CATALOG_ID 1001

static pthread_mutex_t catalog__lock = PTHREAD_MUTEX_INITIALIZER;
/* Entries never move once added, so their addresses can be kept in sockets. */
static struct ws2_entry catalog__entries[CATALOG_MAX];
/*
 * Entries are written once, before the count that covers them is published
 * (release), so looking an entry up by id needs no lock: a provider calls
 * WPUModifyIFSHandle and WPUCreateSocketHandle while holding its own locks,
 * which WSPCleanup also takes under the catalog lock.
 */
static _Atomic unsigned catalog__count;
static DWORD catalog__next_id = FIRST_CATALOG_ID;
static bool catalog__has_base;

void ws2_startup_lock(void)
{
    pthread_mutex_lock(&catalog__lock);
}

void ws2_startup_unlock(void)
{
    pthread_mutex_unlock(&catalog__lock);
}

static int catalog__add_locked(WSAPROTOCOL_INFOW *info, LPWSPSTARTUP startup)
{
    unsigned count = atomic_load_explicit(&catalog__count, memory_order_relaxed);
    if (count == CATALOG_MAX)
        return WSAENOBUFS;
    struct ws2_entry *entry = &catalog__entries[count];
    info->dwCatalogEntryId = catalog__next_id++;
    if (info->ProtocolChain.ChainLen == BASE_PROTOCOL)
        info->ProtocolChain.ChainEntries[0] = info->dwCatalogEntryId;
    memset(entry, 0, sizeof(*entry));
    entry->info = *info;
    entry->startup = startup;
    atomic_store_explicit(&catalog__count, count + 1, memory_order_release);
    return 0;
}

/* The base provider's entries come first, as Microsoft's do on Windows. */
static void catalog__ensure_base_locked(void)
{
    if (catalog__has_base)
        return;
    WSAPROTOCOL_INFOW protocols[8];
    unsigned n = base_protocols(protocols, 8);
    for (unsigned i = 0; i < n; i++)
        catalog__add_locked(&protocols[i], base_WSPStartup);
    catalog__has_base = true;
}

int ws2_catalog_add(WSAPROTOCOL_INFOW *info, LPWSPSTARTUP startup)
{
    pthread_mutex_lock(&catalog__lock);
    catalog__ensure_base_locked();
    int error = catalog__add_locked(info, startup);
    pthread_mutex_unlock(&catalog__lock);
    return error;
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

static struct ws2_entry *catalog__match_locked(int af, int type, int protocol, int *error)
{
    bool af_seen = false, type_seen = false;
    for (unsigned i = 0; i < catalog__count; i++) {
        struct ws2_entry *entry = &catalog__entries[i];
        const WSAPROTOCOL_INFOW *info = &entry->info;
        if (info->ProtocolChain.ChainLen == LAYERED_PROTOCOL)
            continue; /* a layered entry itself is never chosen by socket() */
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
    WSPPROC_TABLE procs;
    memset(&procs, 0, sizeof(procs));
    int error = entry->startup(MAKEWORD(2, 2), &entry->data, &entry->info, ws2_upcalls, &procs);
    if (error)
        return error;
    /* A table with holes is refused, as Windows does; the startup is undone. */
    if (!provider_table_complete(&procs)) {
        int ignored;
        if (procs.lpWSPCleanup)
            procs.lpWSPCleanup(&ignored);
        return WSAEINVALIDPROCTABLE;
    }
    entry->procs = procs;
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
    catalog__ensure_base_locked();
    if (info) {
        for (unsigned i = 0; i < catalog__count && !entry; i++)
            if (catalog__entries[i].info.dwCatalogEntryId == info->dwCatalogEntryId)
                entry = &catalog__entries[i];
        if (!entry)
            *error = WSAEINVAL;
    } else {
        entry = catalog__match_locked(af, type, protocol, error);
    }
    if (entry) {
        *error = catalog__start_locked(entry);
        if (*error)
            entry = NULL;
    }
    pthread_mutex_unlock(&catalog__lock);
    return entry;
}

int ws2_catalog_cleanup(void)
{
    /* Called by the final WSACleanup with the startup lock held. */
    int first_error = 0;
    for (unsigned i = 0; i < catalog__count; i++) {
        struct ws2_entry *entry = &catalog__entries[i];
        if (!entry->started)
            continue;
        int error = 0;
        if (entry->procs.lpWSPCleanup(&error) == SOCKET_ERROR && !first_error)
            first_error = error ? error : WSAENETDOWN;
        entry->started = false;
    }
    return first_error;
}

unsigned ws2_catalog_snapshot(WSAPROTOCOL_INFOW *out, unsigned max)
{
    pthread_mutex_lock(&catalog__lock);
    catalog__ensure_base_locked();
    unsigned n = catalog__count < max ? catalog__count : max;
    for (unsigned i = 0; i < n; i++)
        out[i] = catalog__entries[i].info;
    unsigned total = catalog__count;
    pthread_mutex_unlock(&catalog__lock);
    return total;
}
