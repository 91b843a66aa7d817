/*
 * The catalog maintenance functions: WSCEnumProtocols, WSCInstallProvider,
 * WSCDeinstallProvider, WSCWriteProviderOrder and WSCGetProviderPath.
 *
 * They work on the catalog file (catalog_file.h), not on this process's
 * catalog, and need no WSAStartup: on Windows they are the installers'
 * interface to the registry.  As there ("any Ws2_32.dll instances currently
 * in memory will not be able to see this change", WSCDeinstallProvider), a
 * change reaches a process's own catalog at its next first WSAStartup.
 * Errors go through lpErrno (WSCWriteProviderOrder returns its code);
 * failing to lock, read or write the file is WSANO_RECOVERY, the code the
 * documents give for failures to open or write catalog entries.
 */
#include <stdlib.h>
#include <string.h>

#include <sporder.h>

#include "providers/base/base.h"
#include "ws2_32/addrtext.h"
#include "ws2_32/args.h"
#include "ws2_32/catalog.h"
#include "ws2_32/catalog_file.h"
#include "ws2_32/ws2.h"

#define WSC_PATH_MAX 4096

static int wsc__fail(LPINT lpErrno, int error)
{
    if (lpErrno)
        *lpErrno = error;
    return SOCKET_ERROR;
}

/*
 * The WSC calls report through *lpErrno: without one they can only fail, as
 * with a NULL one (memory the kernel will not let us write counts as none).
 */
static bool wsc__errno_usable(LPINT lpErrno)
{
    return lpErrno && !ws2_args_span(lpErrno, sizeof(*lpErrno), true);
}

/*
 * Unlike WSAEnumProtocols, every entry: hidden ones (PFL_HIDDEN) and layered
 * ones (ChainLen 0) too.
 */
int WSPAPI WSCEnumProtocols(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                            LPDWORD lpdwBufferLength, LPINT lpErrno)
{
    if (!wsc__errno_usable(lpErrno))
        return SOCKET_ERROR;
    if (!lpdwBufferLength || ws2_args_span(lpdwBufferLength, sizeof(*lpdwBufferLength), true) ||
        ws2_args_string(lpiProtocols, sizeof(*lpiProtocols)))
        return wsc__fail(lpErrno, WSAEFAULT);
    struct catalog_image *image = malloc(sizeof(*image));
    if (!image)
        return wsc__fail(lpErrno, WSAENOBUFS);
    int error = catalog_file_read(image, NULL);
    if (error) {
        free(image);
        return wsc__fail(lpErrno, error);
    }
    unsigned n = 0;
    for (unsigned i = 0; i < image->count; i++)
        if (ws2_protocol_listed(&image->records[i].info, lpiProtocols))
            n++;
    DWORD needed = (DWORD)(n * sizeof(WSAPROTOCOL_INFOW));
    if (!lpProtocolBuffer || *lpdwBufferLength < needed) {
        /* "Pass in a buffer at least as large as the value returned in lpdwBufferLength." */
        *lpdwBufferLength = needed;
        error = WSAENOBUFS;
    } else if (ws2_args_span(lpProtocolBuffer, needed, true)) {
        error = WSAEFAULT;
    } else {
        n = 0;
        for (unsigned i = 0; i < image->count; i++)
            if (ws2_protocol_listed(&image->records[i].info, lpiProtocols))
                lpProtocolBuffer[n++] = image->records[i].info;
    }
    catalog_image_free(image);
    free(image);
    return error ? wsc__fail(lpErrno, error) : (int)n;
}

/* What WSCInstallProvider and WSCUpdateProvider hand their catalog edit. */
struct wsc__provider {
    GUID provider;
    const char *path;
    const WSAPROTOCOL_INFOW *list;
    DWORD count;
};

static bool wsc__name_ok(const WSAPROTOCOL_INFOW *info)
{
    for (size_t i = 0; i <= WSAPROTOCOL_LEN; i++)
        if (info->szProtocol[i] == 0)
            return true;
    return false;
}

static int wsc__install_edit(struct catalog_image *image, void *context)
{
    struct wsc__provider *in = context;
    /* WSANO_RECOVERY: "... the provider is already installed". */
    for (unsigned i = 0; i < image->count; i++)
        if (memcmp(&image->records[i].info.ProviderId, &in->provider, sizeof(GUID)) == 0)
            return WSANO_RECOVERY;
    if (image->count + in->count > CATALOG_MAX)
        return WSAENOBUFS;
    for (DWORD k = 0; k < in->count; k++) {
        const WSAPROTOCOL_INFOW *info = &in->list[k];
        int len = info->ProtocolChain.ChainLen;
        if (len < 0 || len > MAX_PROTOCOL_CHAIN || !wsc__name_ok(info))
            return WSAEINVAL;
        /* A chain names entries that exist: the layered one first, the base one last. */
        for (int c = 0; len > 1 && c < len; c++)
            if (catalog_image_find(image, info->ProtocolChain.ChainEntries[c]) < 0)
                return WSAEINVAL;
    }
    unsigned first = image->count;
    for (DWORD k = 0; k < in->count; k++) {
        struct catalog_record *rec = &image->records[image->count];
        rec->info = in->list[k];
        rec->info.ProviderId = in->provider;
        rec->info.dwCatalogEntryId = image->next_id++;
        if (rec->info.ProtocolChain.ChainLen == BASE_PROTOCOL)
            rec->info.ProtocolChain.ChainEntries[0] = rec->info.dwCatalogEntryId;
        rec->builtin = false;
        rec->path = strdup(in->path);
        if (!rec->path) {
            while (image->count > first)
                free(image->records[--image->count].path);
            return WSA_NOT_ENOUGH_MEMORY;
        }
        image->count++;
    }
    return 0;
}

/*
 * A provider path as the catalog stores it (UTF-8, in *out, to free), or
 * the error: one line per entry, so a path with a line break could not be
 * read back.
 */
static int wsc__path(const WCHAR *wide, char **out)
{
    char *path = ws2_utf8_from_wide(wide);
    if (!path)
        return WSA_NOT_ENOUGH_MEMORY;
    if (strlen(path) >= WSC_PATH_MAX || strpbrk(path, "\n\r")) {
        free(path);
        return WSAEINVAL;
    }
    *out = path;
    return 0;
}

static bool wsc__is_builtin(const GUID *provider)
{
    WSAPROTOCOL_INFOW builtins[8];
    unsigned n = base_protocols(builtins, 8);
    for (unsigned i = 0; i < n; i++)
        if (memcmp(&builtins[i].ProviderId, provider, sizeof(GUID)) == 0)
            return true;
    return false;
}

/*
 * The part WSCInstallProvider and WSCUpdateProvider share: their argument
 * errors (builtin_error for the built-in provider's GUID), the path as the
 * catalog stores it, then edit under the writers' lock.
 */
static int wsc__provider_edit(const GUID *provider, const WCHAR *wide_path,
                              const WSAPROTOCOL_INFOW *list, DWORD count, int builtin_error,
                              int (*edit)(struct catalog_image *, void *), LPINT lpErrno)
{
    if (!wsc__errno_usable(lpErrno))
        return SOCKET_ERROR;
    if (!provider || !wide_path || !list || ws2_args_span(provider, sizeof(*provider), false) ||
        ws2_args_string(wide_path, sizeof(*wide_path)))
        return wsc__fail(lpErrno, WSAEFAULT);
    if (count == 0 || count > CATALOG_MAX || !wide_path[0])
        return wsc__fail(lpErrno, WSAEINVAL);
    if (ws2_args_span(list, count * sizeof(*list), false))
        return wsc__fail(lpErrno, WSAEFAULT);
    if (wsc__is_builtin(provider))
        return wsc__fail(lpErrno, builtin_error);
    char *path;
    int error = wsc__path(wide_path, &path);
    if (error)
        return wsc__fail(lpErrno, error);
    struct wsc__provider change = {*provider, path, list, count};
    error = catalog_file_update(edit, &change);
    free(path);
    return error ? wsc__fail(lpErrno, error) : 0;
}

int WSPAPI WSCInstallProvider(LPGUID lpProviderId, const WCHAR *lpszProviderDllPath,
                              const LPWSAPROTOCOL_INFOW lpProtocolInfoList, DWORD dwNumberOfEntries,
                              LPINT lpErrno)
{
    /* WSANO_RECOVERY for the built-in provider: it is installed already. */
    return wsc__provider_edit(lpProviderId, lpszProviderDllPath, lpProtocolInfoList,
                              dwNumberOfEntries, WSANO_RECOVERY, wsc__install_edit, lpErrno);
}

static int wsc__deinstall_edit(struct catalog_image *image, void *context)
{
    const GUID *provider = context;
    unsigned kept = 0;
    for (unsigned i = 0; i < image->count; i++) {
        struct catalog_record *rec = &image->records[i];
        if (!rec->builtin && memcmp(&rec->info.ProviderId, provider, sizeof(GUID)) == 0)
            free(rec->path);
        else
            image->records[kept++] = *rec;
    }
    if (kept == image->count)
        return WSAEINVAL; /* "lpProviderId ... does not specify a valid provider" */
    image->count = kept;
    return 0;
}

/* The built-in provider cannot be removed: it is not an installed one (WSAEINVAL). */
int WSPAPI WSCDeinstallProvider(LPGUID lpProviderId, LPINT lpErrno)
{
    if (!wsc__errno_usable(lpErrno))
        return SOCKET_ERROR;
    if (!lpProviderId || ws2_args_span(lpProviderId, sizeof(*lpProviderId), false))
        return wsc__fail(lpErrno, WSAEFAULT);
    if (wsc__is_builtin(lpProviderId))
        return wsc__fail(lpErrno, WSAEINVAL);
    int error = catalog_file_update(wsc__deinstall_edit, lpProviderId);
    return error ? wsc__fail(lpErrno, error) : 0;
}

/*
 * WSCUpdateProvider: "modifies the Windows Sockets 2 configuration
 * information for the specified provider".  Each structure of the list
 * names one of the provider's entries by its dwCatalogEntryId (as
 * WSCEnumProtocols gave it) and replaces that entry's information, keeping
 * its catalog id, its place in the order and its provider GUID; every entry
 * of the provider takes the new path.  An unknown provider, an id that is
 * not the provider's, or a chain naming an entry that does not exist is
 * WSAEINVAL, and nothing changes.
 */
static int wsc__update_edit(struct catalog_image *image, void *context)
{
    struct wsc__provider *up = context;
    int found = -1;
    for (unsigned i = 0; i < image->count && found < 0; i++)
        if (!image->records[i].builtin &&
            memcmp(&image->records[i].info.ProviderId, &up->provider, sizeof(GUID)) == 0)
            found = (int)i;
    if (found < 0)
        return WSAEINVAL;
    for (DWORD k = 0; k < up->count; k++) {
        const WSAPROTOCOL_INFOW *info = &up->list[k];
        int at = catalog_image_find(image, info->dwCatalogEntryId);
        int len = info->ProtocolChain.ChainLen;
        if (at < 0 || image->records[at].builtin ||
            memcmp(&image->records[at].info.ProviderId, &up->provider, sizeof(GUID)) != 0 ||
            len < 0 || len > MAX_PROTOCOL_CHAIN || !wsc__name_ok(info))
            return WSAEINVAL;
        for (int c = 0; len > 1 && c < len; c++)
            if (catalog_image_find(image, info->ProtocolChain.ChainEntries[c]) < 0)
                return WSAEINVAL;
    }
    /* Checked whole: now the changes, which cannot fail but for memory. */
    for (unsigned i = 0; i < image->count; i++) {
        struct catalog_record *rec = &image->records[i];
        if (rec->builtin || memcmp(&rec->info.ProviderId, &up->provider, sizeof(GUID)) != 0)
            continue;
        char *path = strdup(up->path);
        if (!path)
            return WSA_NOT_ENOUGH_MEMORY;
        free(rec->path);
        rec->path = path;
    }
    for (DWORD k = 0; k < up->count; k++) {
        struct catalog_record *rec =
            &image->records[catalog_image_find(image, up->list[k].dwCatalogEntryId)];
        DWORD id = rec->info.dwCatalogEntryId;
        rec->info = up->list[k];
        rec->info.dwCatalogEntryId = id;
        rec->info.ProviderId = up->provider;
        if (rec->info.ProtocolChain.ChainLen == BASE_PROTOCOL)
            rec->info.ProtocolChain.ChainEntries[0] = id;
    }
    return 0;
}

int WSPAPI WSCUpdateProvider(LPGUID lpProviderId, const WCHAR *lpszProviderDllPath,
                             const LPWSAPROTOCOL_INFOW lpProtocolInfoList, DWORD dwNumberOfEntries,
                             LPINT lpErrno)
{
    return wsc__provider_edit(lpProviderId, lpszProviderDllPath, lpProtocolInfoList,
                              dwNumberOfEntries, WSAEINVAL, wsc__update_edit, lpErrno);
}

struct wsc__order {
    const DWORD *ids;
    DWORD count;
};

/*
 * WSCWriteProviderOrder fails with WSAEINVAL, doing nothing, when the count is
 * not the number of entries, an id is not a catalog id, or the ids do not
 * name every entry exactly once.
 */
static int wsc__order_edit(struct catalog_image *image, void *context)
{
    struct wsc__order *order = context;
    if (order->count != image->count)
        return WSAEINVAL;
    struct catalog_record *sorted = malloc(image->count * sizeof(*sorted));
    bool *used = calloc(image->count, sizeof(*used));
    int error = sorted && used ? 0 : WSA_NOT_ENOUGH_MEMORY;
    for (DWORD k = 0; !error && k < order->count; k++) {
        int at = catalog_image_find(image, order->ids[k]);
        if (at < 0 || used[at])
            error = WSAEINVAL;
        else {
            used[at] = true;
            sorted[k] = image->records[at];
        }
    }
    if (!error)
        memcpy(image->records, sorted, image->count * sizeof(*sorted));
    free(sorted);
    free(used);
    return error;
}

int WSPAPI WSCWriteProviderOrder(LPDWORD lpwdCatalogEntryId, DWORD dwNumberOfEntries)
{
    if (!lpwdCatalogEntryId || dwNumberOfEntries == 0 || dwNumberOfEntries > CATALOG_MAX ||
        ws2_args_span(lpwdCatalogEntryId, dwNumberOfEntries * sizeof(DWORD), false))
        return WSAEINVAL;
    struct wsc__order order = {lpwdCatalogEntryId, dwNumberOfEntries};
    return catalog_file_update(wsc__order_edit, &order);
}

int ws2_provider_path(const GUID *provider, WCHAR *path, LPINT length, LPINT error)
{
    if (!wsc__errno_usable(error))
        return SOCKET_ERROR;
    if (!provider || !length || ws2_args_span(provider, sizeof(*provider), false) ||
        ws2_args_span(length, sizeof(*length), true))
        return wsc__fail(error, WSAEFAULT);
    char *found = NULL;
    if (wsc__is_builtin(provider)) {
        const char *self = ws2_self_path();
        found = self ? strdup(self) : NULL;
    } else {
        struct catalog_image *image = malloc(sizeof(*image));
        if (!image)
            return wsc__fail(error, WSA_NOT_ENOUGH_MEMORY);
        int status = catalog_file_read(image, NULL);
        if (status) {
            free(image);
            return wsc__fail(error, status);
        }
        for (unsigned i = 0; i < image->count && !found; i++) {
            struct catalog_record *rec = &image->records[i];
            if (!rec->builtin && memcmp(&rec->info.ProviderId, provider, sizeof(GUID)) == 0)
                found = strdup(rec->path);
        }
        catalog_image_free(image);
        free(image);
    }
    if (!found)
        return wsc__fail(error, WSAEINVAL);
    /*
     * "WSAEFAULT: ... or lpProviderDllPathLen is too small."  The length
     * needed (in characters, with the terminator) is written back.
     */
    int needed = (int)ws2_wide_length(found) + 1;
    if (!path || *length < needed || ws2_args_span(path, (size_t)needed * sizeof(WCHAR), true)) {
        *length = needed;
        free(found);
        return wsc__fail(error, WSAEFAULT);
    }
    ws2_wide_copy(found, path);
    *length = needed;
    free(found);
    return 0;
}

int WSPAPI WSCGetProviderPath(LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
                              LPINT lpProviderDllPathLen, LPINT lpErrno)
{
    return ws2_provider_path(lpProviderId, lpszProviderDllPath, lpProviderDllPathLen, lpErrno);
}
