/*
 * A pass-through layered provider for the catalog tests, built as a shared
 * object (a CMake MODULE) and installed with WSCInstallProvider.  It does
 * what a Windows LSP does to reach the next provider of its chain: the next
 * catalog id from its ProtocolChain, that entry's provider GUID from
 * WSCEnumProtocols, the provider's path from WPUGetProviderPath, then
 * dlopen and dlsym("WSPStartup") (LoadLibrary and GetProcAddress on Windows).
 *
 * Sockets are made by the next provider with this entry's WSAPROTOCOL_INFO,
 * so their handles (WPUModifyIFSHandle) belong to this entry and every call
 * comes here first; all but WSPSocket, WSPCloseSocket and WSPCleanup go
 * straight through.  Each call it sees is appended as a line to the file
 * named by WS2T_PROVIDER_LOG ("startup <id>", "socket", "close",
 * "cleanup"), which the tests read back.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <winsock2.h>
#include <ws2spi.h>

static WSPPROC_TABLE next_procs;
static void *next_module;
static unsigned startups;
static WSAPROTOCOL_INFOW own_info;

static void note(const char *fmt, unsigned value)
{
    const char *path = getenv("WS2T_PROVIDER_LOG");
    if (!path)
        return;
    char line[64];
    int n = snprintf(line, sizeof(line), fmt, value);
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
        if (write(fd, line, (size_t)n) != n)
            n = -1;
        close(fd);
    }
}

/* The next provider's entry: the chain's second id, looked up in the catalog. */
static int find_next(const WSAPROTOCOL_INFOW *info, WSAPROTOCOL_INFOW *next)
{
    if (info->ProtocolChain.ChainLen < 2)
        return WSAEINVAL;
    DWORD id = info->ProtocolChain.ChainEntries[1];
    DWORD size = 0;
    int err = 0;
    if (WSCEnumProtocols(NULL, NULL, &size, &err) != SOCKET_ERROR || err != WSAENOBUFS)
        return WSAEPROVIDERFAILEDINIT;
    WSAPROTOCOL_INFOW *all = malloc(size);
    int n = all ? WSCEnumProtocols(NULL, all, &size, &err) : SOCKET_ERROR;
    int result = WSAEPROVIDERFAILEDINIT;
    for (int i = 0; i < n; i++) {
        if (all[i].dwCatalogEntryId == id) {
            *next = all[i];
            result = 0;
        }
    }
    free(all);
    return result;
}

static SOCKET WSPAPI pass_socket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW info, GROUP g,
                                 DWORD flags, LPINT err)
{
    (void)info;
    note("socket\n", 0);
    return next_procs.lpWSPSocket(af, type, protocol, &own_info, g, flags, err);
}

static int WSPAPI pass_close(SOCKET s, LPINT err)
{
    note("close\n", 0);
    return next_procs.lpWSPCloseSocket(s, err);
}

static int WSPAPI pass_cleanup(LPINT err)
{
    if (startups == 0) {
        *err = WSANOTINITIALISED;
        return SOCKET_ERROR;
    }
    note("cleanup\n", 0);
    /* One WSPCleanup of the next provider for each of its WSPStartups. */
    int r = next_procs.lpWSPCleanup(err);
    if (--startups == 0) {
        dlclose(next_module);
        next_module = NULL;
    }
    return r;
}

int WSPAPI WSPStartup(WORD version, LPWSPDATA data, LPWSAPROTOCOL_INFOW info,
                      WSPUPCALLTABLE upcalls, LPWSPPROC_TABLE procs)
{
    note("startup %u\n", info->dwCatalogEntryId);
    WSAPROTOCOL_INFOW next;
    int err = find_next(info, &next);
    if (err)
        return err;
    WCHAR wide[4096];
    int len = 4096;
    if (upcalls.lpWPUGetProviderPath(&next.ProviderId, wide, &len, &err) == SOCKET_ERROR)
        return WSAEPROVIDERFAILEDINIT;
    char path[4096];
    int i = 0;
    for (; wide[i] && i < 4095; i++)
        path[i] = (char)wide[i]; /* our test paths are ASCII */
    path[i] = '\0';
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    LPWSPSTARTUP next_startup = NULL;
    void *sym = module ? dlsym(module, "WSPStartup") : NULL;
    if (!sym) {
        if (module)
            dlclose(module);
        return WSAEPROVIDERFAILEDINIT;
    }
    memcpy(&next_startup, &sym, sizeof(sym));
    WSPPROC_TABLE lower;
    err = next_startup(version, data, &next, upcalls, &lower);
    if (err) {
        dlclose(module);
        return err;
    }
    if (next_module) /* already holding one reference: keep one */
        dlclose(module);
    else
        next_module = module;
    next_procs = lower;
    own_info = *info;
    startups++;
    *procs = lower;
    procs->lpWSPSocket = pass_socket;
    procs->lpWSPCloseSocket = pass_close;
    procs->lpWSPCleanup = pass_cleanup;
    return 0;
}
