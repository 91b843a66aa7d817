/*
 * Loading providers: an installed provider is a Linux shared object that
 * exports WSPStartup, named by its lpszProviderDllPath.  As on Windows
 * (WSCInstallProvider: "environment strings are expanded whenever the
 * Ws2_32.dll needs to subsequently load the provider DLL ... the resulting
 * string [goes] to LoadLibrary"), the path's %VAR% strings are expanded and
 * the result handed to dlopen.
 *
 * The base provider is loadable by path too: this library exports a
 * WSPStartup that is the base provider's, and the base entries' path is the
 * library's own (dladdr), so a layered provider reaches the base provider
 * the way a Windows LSP does: WSCGetProviderPath, dlopen, dlsym("WSPStartup").
 * dlopen of an already loaded object returns that object, so the layered
 * provider and the application share one base provider with one
 * WSPStartup/WSPCleanup count.  A program linked with the static library has
 * no such object to name: its base path is the program itself, which dlopen
 * refuses, so layering over the base provider needs libws2_32.so.
 */
#include <dlfcn.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>

#include "providers/base/base.h"
#include "ws2_32/catalog.h"

int WSPAPI WSPStartup(WORD wVersionRequested, LPWSPDATA lpWSPData,
                      LPWSAPROTOCOL_INFOW lpProtocolInfo, WSPUPCALLTABLE UpcallTable,
                      LPWSPPROC_TABLE lpProcTable)
{
    return base_WSPStartup(wVersionRequested, lpWSPData, lpProtocolInfo, UpcallTable, lpProcTable);
}

const char *ws2_self_path(void)
{
    Dl_info info;
    if (!dladdr((void *)ws2_self_path, &info) || !info.dli_fname || !*info.dli_fname)
        return NULL;
    return info.dli_fname;
}

char *ws2_expand_path(const char *path)
{
    /* Two passes: the length, then the text.  An unset %VAR% stays as written. */
    size_t size = 0;
    char *out = NULL;
    for (int pass = 0; pass < 2; pass++) {
        size_t n = 0;
        for (const char *p = path; *p;) {
            const char *end = *p == '%' ? strchr(p + 1, '%') : NULL;
            const char *value = NULL;
            if (end && end > p + 1) {
                char name[256];
                size_t len = (size_t)(end - p - 1);
                if (len < sizeof(name)) {
                    memcpy(name, p + 1, len);
                    name[len] = '\0';
                    value = getenv(name);
                }
            }
            if (value) {
                size_t len = strlen(value);
                if (out)
                    memcpy(out + n, value, len);
                n += len;
                p = end + 1;
            } else {
                if (out)
                    out[n] = *p;
                n++;
                p++;
            }
        }
        if (out) {
            out[n] = '\0';
            break;
        }
        size = n + 1;
        out = malloc(size);
        if (!out)
            return NULL;
    }
    return out;
}

/*
 * The module's own WSPStartup: dlsym on a handle also searches the module's
 * dependencies, and a provider that links libws2_32 but lacks WSPStartup
 * would otherwise get the base provider's.
 */
static void *load__own_startup(void *module)
{
    void *sym = dlsym(module, "WSPStartup");
    struct link_map *map = NULL;
    Dl_info info;
    if (!sym || dlinfo(module, RTLD_DI_LINKMAP, &map) != 0 || !map || !dladdr(sym, &info))
        return NULL;
    if (!info.dli_fname || strcmp(info.dli_fname, map->l_name) != 0)
        return NULL;
    return sym;
}

void *ws2_provider_load(const char *path, LPWSPSTARTUP *startup)
{
    char *expanded = ws2_expand_path(path);
    if (!expanded)
        return NULL;
    void *module = dlopen(expanded, RTLD_NOW | RTLD_LOCAL);
    free(expanded);
    if (!module)
        return NULL;
    void *sym = load__own_startup(module);
    if (!sym) {
        dlclose(module);
        return NULL;
    }
    /* POSIX guarantees that a function's address from dlsym converts back. */
    memcpy(startup, &sym, sizeof(*startup));
    return module;
}

void ws2_provider_unload(void *module)
{
    dlclose(module);
}
