/*
 * The installable catalog: WSCInstallProvider, WSCDeinstallProvider,
 * WSCEnumProtocols, WSCWriteProviderOrder, WSCGetProviderPath and
 * WSAEnumProtocols over the catalog file, and installed providers loaded
 * with dlopen (tests/providers/).  Every test works on a catalog file of its
 * own in a fresh folder (WS2POSIX_CATALOG), never on /etc.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sporder.h>

#include "testlib.h"

/*
 * The built-in entries: TCP and UDP over IPv4 and IPv6, AF_UNIX, and the
 * raw IPv4 and IPv6 entries, which are hidden (PFL_HIDDEN): WSAEnumProtocols
 * lists the VISIBLE ones.
 */
#define BUILTINS 7
#define VISIBLE  5

static char dir[64];
static char catalog_path[128];
static char log_path[128];

/* {1c2a7e00-0000-4000-8000-0000000000NN}: test provider n. */
static GUID test_guid(unsigned n)
{
    GUID g = {0x1c2a7e00, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, (BYTE)(n >> 8), (BYTE)n}};
    return g;
}

static WSAPROTOCOL_INFOW proto(int af, int type, int protocol, int chain_len, const char *name)
{
    WSAPROTOCOL_INFOW info;
    memset(&info, 0, sizeof(info));
    info.dwServiceFlags1 = XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_IFS_HANDLES;
    info.ProtocolChain.ChainLen = chain_len;
    info.iVersion = 2;
    info.iAddressFamily = af;
    info.iMaxSockAddr = info.iMinSockAddr = 16;
    info.iSocketType = type;
    info.iProtocol = protocol;
    info.iNetworkByteOrder = BIGENDIAN;
    ws2t_wide(name, info.szProtocol);
    return info;
}

static int install(unsigned n, const char *path, WSAPROTOCOL_INFOW *list, DWORD count)
{
    GUID g = test_guid(n);
    WCHAR wpath[512];
    ws2t_wide(path, wpath);
    int err = 0;
    int r = WSCInstallProvider(&g, wpath, list, count, &err);
    return r == 0 ? 0 : err;
}

/* The catalog id of the first entry of test provider n, or 0. */
static DWORD id_of(unsigned n)
{
    WSAPROTOCOL_INFOW all[64];
    int count = ws2t_wsc_all(all, 64);
    GUID g = test_guid(n);
    for (int i = 0; i < count; i++)
        if (memcmp(&all[i].ProviderId, &g, sizeof(g)) == 0)
            return all[i].dwCatalogEntryId;
    return 0;
}

static int count_lines(const char *prefix)
{
    FILE *f = fopen(log_path, "r");
    if (!f)
        return 0;
    char line[128];
    int n = 0;
    while (fgets(line, sizeof(line), f))
        n += strncmp(line, prefix, strlen(prefix)) == 0;
    fclose(f);
    return n;
}

static void write_catalog(const char *text)
{
    FILE *f = fopen(catalog_path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void use_folder(const char *folder)
{
    snprintf(catalog_path, sizeof(catalog_path), "%s/catalog", folder);
    snprintf(log_path, sizeof(log_path), "%s/log", folder);
    setenv("WS2POSIX_CATALOG", catalog_path, 1);
    setenv("WS2T_PROVIDER_LOG", log_path, 1);
}

static int cat_setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/ws2catalog.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    use_folder(dir);
    return 0;
}

static int cat_teardown(void **state)
{
    ws2t_teardown(state);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The layered pass-through provider (test provider 1) and its TCP/IPv4 chain (provider 2). */
static DWORD install_passthru_chain(bool first)
{
    WSAPROTOCOL_INFOW layered =
        proto(AF_INET, SOCK_STREAM, IPPROTO_TCP, LAYERED_PROTOCOL, "passthru layered");
    assert_int_equal(install(1, WS2T_PASSTHRU_PATH, &layered, 1), 0);
    WSAPROTOCOL_INFOW chain = proto(AF_INET, SOCK_STREAM, IPPROTO_TCP, 2, "passthru over TCP");
    chain.dwProviderFlags = PFL_MATCHES_PROTOCOL_ZERO;
    chain.ProtocolChain.ChainEntries[0] = id_of(1);
    chain.ProtocolChain.ChainEntries[1] = 1001; /* the built-in TCP/IPv4 entry */
    assert_int_equal(install(2, WS2T_PASSTHRU_PATH, &chain, 1), 0);
    DWORD chain_id = id_of(2);
    if (first) {
        WSAPROTOCOL_INFOW all[64];
        int n = ws2t_wsc_all(all, 64);
        DWORD order[64];
        order[0] = chain_id;
        for (int i = 0, k = 1; i < n; i++)
            if (all[i].dwCatalogEntryId != chain_id)
                order[k++] = all[i].dwCatalogEntryId;
        assert_int_equal(WSCWriteProviderOrder(order, (DWORD)n), ERROR_SUCCESS);
    }
    return chain_id;
}

/*
 * No file: the built-in entries, TCP and UDP over IPv4 and IPv6 with the
 * fixed ids 1001-1004, then AF_UNIX and raw IPv4 and IPv6 (901-903, ids
 * below those a file hands out); no WSAStartup needed.
 */
static void missing_file_means_builtin_entries(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW all[64];
    int n = ws2t_wsc_all(all, 64);
    assert_int_equal(n, BUILTINS);
    for (int i = 0; i < n; i++) {
        DWORD id = i < 4 ? 1001 + (DWORD)i : 901 + (DWORD)(i - 4);
        assert_int_equal(all[i].dwCatalogEntryId, id);
        assert_int_equal(all[i].ProtocolChain.ChainLen, BASE_PROTOCOL);
        assert_int_equal(all[i].ProtocolChain.ChainEntries[0], id);
    }
    assert_int_equal(all[4].iAddressFamily, AF_UNIX);
    assert_int_equal(ws2t_setup(NULL), 0);
    DWORD size = sizeof(all);
    assert_int_equal(WSAEnumProtocolsW(NULL, all, &size), VISIBLE);
}

/* WSCEnumProtocols: WSAEFAULT, WSAENOBUFS with the length needed, the protocol filter. */
static void wsc_enum_errors(void **state)
{
    (void)state;
    int err = 0;
    WSAPROTOCOL_INFOW all[64];
    assert_int_equal(WSCEnumProtocols(NULL, all, NULL, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    DWORD size = 0;
    assert_int_equal(WSCEnumProtocols(NULL, NULL, &size, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAENOBUFS);
    assert_int_equal(size, BUILTINS * sizeof(WSAPROTOCOL_INFOW));
    size = 3 * sizeof(WSAPROTOCOL_INFOW);
    assert_int_equal(WSCEnumProtocols(NULL, all, &size, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAENOBUFS);
    assert_int_equal(size, BUILTINS * sizeof(WSAPROTOCOL_INFOW));
    INT udp[] = {IPPROTO_UDP, 0};
    size = sizeof(all);
    /* UDP over IPv4 and IPv6, and the raw entries, whose range 0-255 holds 17. */
    assert_int_equal(WSCEnumProtocols(udp, all, &size, &err), 4);
    assert_int_equal(all[0].iProtocol, IPPROTO_UDP);
    assert_int_equal(WSCEnumProtocols(NULL, all, &size, NULL), SOCKET_ERROR); /* no crash */
}

/*
 * An installed provider is in the file: a new process sees it with the
 * fields given, the provider GUID, a new catalog id, and the path.
 */
static void install_is_seen_by_a_new_process(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW info = proto(AF_INET, SOCK_DGRAM, 222, BASE_PROTOCOL, "test datagrams");
    info.dwServiceFlags1 = XP1_CONNECTIONLESS;
    info.dwMessageSize = 1234;
    assert_int_equal(install(3, "/opt/x/%WS2T_NOWHERE%/prov.so", &info, 1), 0);
    int out;
    int pid = ws2t_spawn_self("enum", NULL, &out);
    assert_true(pid > 0);
    char line[512];
    assert_true(ws2t_read_line(out, line, sizeof(line), 10000) > 0);
    assert_int_equal(ws2t_wait_child(pid, 10000), 0);
    close(out);
    /* id af type protocol chainlen chain0 flags1 msgsize name | WSA count | path */
    assert_string_equal(line, "1005 2 2 222 1 1005 0x1 1234 test datagrams|6|"
                              "/opt/x/%WS2T_NOWHERE%/prov.so");
}

static int child_enum(void)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 1;
    WSAPROTOCOL_INFOW all[64];
    DWORD size = sizeof(all);
    int n = WSAEnumProtocolsW(NULL, all, &size);
    if (n < 1)
        return 2;
    const WSAPROTOCOL_INFOW *p = &all[n - 1];
    char name[256];
    int i = 0;
    for (; p->szProtocol[i]; i++)
        name[i] = (char)p->szProtocol[i];
    name[i] = 0;
    WCHAR wpath[512];
    char path[512];
    int len = 512, err = 0;
    if (WSCGetProviderPath((LPGUID)&p->ProviderId, wpath, &len, &err) != 0)
        return 3;
    for (i = 0; wpath[i]; i++)
        path[i] = (char)wpath[i];
    path[i] = 0;
    printf("%u %d %d %d %d %u 0x%x %u %s|%d|%s\n", (unsigned)p->dwCatalogEntryId, p->iAddressFamily,
           p->iSocketType, p->iProtocol, p->ProtocolChain.ChainLen,
           (unsigned)p->ProtocolChain.ChainEntries[0], (unsigned)p->dwServiceFlags1,
           (unsigned)p->dwMessageSize, name, n, path);
    fflush(stdout);
    return WSACleanup();
}

/* WSCInstallProvider's errors; a failed install changes nothing. */
static void install_errors(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW info = proto(AF_INET, SOCK_STREAM, 201, BASE_PROTOCOL, "x");
    GUID g = test_guid(4);
    WCHAR path[] = {'/', 'x', 0};
    int err = 0;
    assert_int_equal(WSCInstallProvider(NULL, path, &info, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    assert_int_equal(WSCInstallProvider(&g, NULL, &info, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    assert_int_equal(WSCInstallProvider(&g, path, NULL, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    assert_int_equal(WSCInstallProvider(&g, path, &info, 0, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    assert_int_equal(WSCInstallProvider(&g, path, &info, 1, NULL), SOCKET_ERROR);
    WSAPROTOCOL_INFOW bad = info;
    bad.ProtocolChain.ChainLen = MAX_PROTOCOL_CHAIN + 1;
    assert_int_equal(install(4, "/x", &bad, 1), WSAEINVAL);
    bad = info;
    bad.ProtocolChain.ChainLen = 2;
    bad.ProtocolChain.ChainEntries[0] = 999999; /* no such entry */
    bad.ProtocolChain.ChainEntries[1] = 1001;
    assert_int_equal(install(4, "/x", &bad, 1), WSAEINVAL);
    assert_int_equal(access(catalog_path, F_OK), -1); /* nothing was written */
    /* WSANO_RECOVERY: "the provider is already installed". */
    assert_int_equal(install(4, "/x", &info, 1), 0);
    assert_int_equal(install(4, "/y", &info, 1), WSANO_RECOVERY);
    WSAPROTOCOL_INFOW all[64];
    assert_int_equal(ws2t_wsc_all(all, 64), BUILTINS + 1);
}

/* WSCDeinstallProvider removes every entry of the provider; its errors. */
static void deinstall(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW two[2] = {proto(AF_INET, SOCK_STREAM, 201, BASE_PROTOCOL, "a"),
                                proto(AF_INET6, SOCK_STREAM, 201, BASE_PROTOCOL, "b")};
    assert_int_equal(install(5, "/x", two, 2), 0);
    WSAPROTOCOL_INFOW all[64];
    assert_int_equal(ws2t_wsc_all(all, 64), BUILTINS + 2);
    GUID g = test_guid(5);
    int err = 0;
    assert_int_equal(WSCDeinstallProvider(&g, &err), 0);
    assert_int_equal(ws2t_wsc_all(all, 64), BUILTINS);
    assert_int_equal(WSCDeinstallProvider(&g, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    assert_int_equal(WSCDeinstallProvider(NULL, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    /* The built-in provider is not an installed one: it stays. */
    assert_int_equal(WSCDeinstallProvider(&all[0].ProviderId, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    assert_int_equal(ws2t_wsc_all(all, 64), BUILTINS);
    /* Ids are never reused: the next install gets a new one. */
    assert_int_equal(install(6, "/x", two, 1), 0);
    assert_int_equal(id_of(6), 1007);
}

/*
 * WSCUpdateProvider "modifies the Windows Sockets 2 configuration
 * information for the specified provider": an entry named by its catalog id
 * takes the new information (keeping its id and place), the provider the new
 * path; an unknown provider or an id that is not the provider's is
 * WSAEINVAL and changes nothing.
 */
static void update_provider(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW two[2] = {proto(AF_INET, SOCK_STREAM, 201, BASE_PROTOCOL, "a"),
                                proto(AF_INET6, SOCK_STREAM, 201, BASE_PROTOCOL, "b")};
    assert_int_equal(install(7, "/old.so", two, 2), 0);
    DWORD id = id_of(7);
    WSAPROTOCOL_INFOW changed = proto(AF_INET, SOCK_DGRAM, 202, BASE_PROTOCOL, "a, changed");
    changed.dwCatalogEntryId = id;
    GUID g = test_guid(7);
    WCHAR path[16];
    ws2t_wide("/new.so", path);
    int err = 0;
    assert_int_equal(WSCUpdateProvider(&g, path, &changed, 1, &err), 0);

    WSAPROTOCOL_INFOW all[64];
    int n = ws2t_wsc_all(all, 64);
    assert_int_equal(n, BUILTINS + 2);
    assert_int_equal(all[BUILTINS].dwCatalogEntryId, id); /* same id, same place */
    assert_int_equal(all[BUILTINS].iSocketType, SOCK_DGRAM);
    assert_int_equal(all[BUILTINS].iProtocol, 202);
    assert_int_equal(memcmp(&all[BUILTINS].ProviderId, &g, sizeof(g)), 0);
    assert_int_equal(all[BUILTINS].szProtocol[0], 'a');
    assert_int_equal(all[BUILTINS].szProtocol[1], ',');
    assert_int_equal(all[BUILTINS + 1].iProtocol, 201); /* the other entry kept its information */
    WCHAR got[64];
    int len = 64;
    assert_int_equal(WSCGetProviderPath(&g, got, &len, &err), 0);
    assert_int_equal(got[1], 'n'); /* "/new.so" for every entry of the provider */

    /* The errors change nothing. */
    GUID unknown = test_guid(99);
    assert_int_equal(WSCUpdateProvider(&unknown, path, &changed, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    WSAPROTOCOL_INFOW foreign = changed;
    foreign.dwCatalogEntryId = 1001; /* the built-in TCP entry, not provider 7's */
    assert_int_equal(WSCUpdateProvider(&g, path, &foreign, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    assert_int_equal(WSCUpdateProvider(&all[0].ProviderId, path, &changed, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    assert_int_equal(WSCUpdateProvider(NULL, path, &changed, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    assert_int_equal(WSCUpdateProvider(&g, path, NULL, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    assert_int_equal(ws2t_wsc_all(all, 64), BUILTINS + 2);
    assert_int_equal(all[BUILTINS].iProtocol, 202);
}

/* WSCWriteProviderOrder: the new order for enumeration and for socket(); its WSAEINVALs. */
static void write_provider_order(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW info = proto(AF_INET, SOCK_STREAM, 201, BASE_PROTOCOL, "x");
    assert_int_equal(install(7, "/x", &info, 1), 0);
    DWORD order[8] = {1005, 1004, 1003, 1002, 1001, 901, 902, 903};
    assert_int_equal(WSCWriteProviderOrder(order, 7), WSAEINVAL);
    assert_int_equal(WSCWriteProviderOrder(NULL, 8), WSAEINVAL);
    DWORD dup[8] = {1005, 1004, 1004, 1002, 1001, 901, 902, 903};
    assert_int_equal(WSCWriteProviderOrder(dup, 8), WSAEINVAL);
    DWORD unknown[8] = {1005, 1004, 1003, 1002, 4242, 901, 902, 903};
    assert_int_equal(WSCWriteProviderOrder(unknown, 8), WSAEINVAL);
    WSAPROTOCOL_INFOW all[64];
    ws2t_wsc_all(all, 64);
    assert_int_equal(all[0].dwCatalogEntryId, 1001); /* unchanged by the failures */
    assert_int_equal(WSCWriteProviderOrder(order, 8), ERROR_SUCCESS);
    assert_int_equal(ws2t_wsc_all(all, 64), 8);
    for (int i = 0; i < 8; i++)
        assert_int_equal(all[i].dwCatalogEntryId, order[i]);
    /* This process's catalog follows at its next first WSAStartup. */
    assert_int_equal(ws2t_setup(NULL), 0);
    DWORD size = sizeof(all);
    assert_int_equal(WSAEnumProtocolsW(NULL, all, &size), 6);
    assert_int_equal(all[0].dwCatalogEntryId, 1005);
    assert_int_equal(all[1].dwCatalogEntryId, 1004);
}

/* WSCGetProviderPath: the path unexpanded; the built-in one is libws2_32's own. */
static void get_provider_path(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW info = proto(AF_INET, SOCK_STREAM, 201, BASE_PROTOCOL, "x");
    assert_int_equal(install(8, "%HOME%/p.so", &info, 1), 0);
    GUID g = test_guid(8);
    WCHAR path[512];
    int len = 512, err = 0;
    assert_int_equal(WSCGetProviderPath(&g, path, &len, &err), 0);
    WCHAR expect[16];
    ws2t_wide("%HOME%/p.so", expect);
    assert_memory_equal(path, expect, 12 * sizeof(WCHAR));
    /* "WSAEFAULT: ... or lpProviderDllPathLen is too small" (we give the length needed). */
    len = 5;
    assert_int_equal(WSCGetProviderPath(&g, path, &len, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    assert_int_equal(len, 12);
    assert_int_equal(WSCGetProviderPath(&g, path, NULL, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    GUID nobody = test_guid(99);
    len = 512;
    assert_int_equal(WSCGetProviderPath(&nobody, path, &len, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    /* The built-in entries' path names the library this program runs with. */
    WSAPROTOCOL_INFOW all[64];
    ws2t_wsc_all(all, 64);
    len = 512;
    assert_int_equal(WSCGetProviderPath(&all[0].ProviderId, path, &len, &err), 0);
    char narrow[512];
    int i = 0;
    for (; path[i]; i++)
        narrow[i] = (char)path[i];
    narrow[i] = 0;
    void *self = dlopen(narrow, RTLD_NOW | RTLD_NOLOAD);
    assert_non_null(self);
    void *startup = dlsym(self, "WSPStartup");
    assert_non_null(startup);
    dlclose(self);
}

/*
 * A broken catalog: WSAStartup fails with WSASYSNOTREADY and leaves Winsock
 * unstarted; WSCEnumProtocols says WSANO_RECOVERY; nothing crashes.  Once
 * the file is good again, WSAStartup works.
 */
static void broken_catalog_fails_startup(void **state)
{
    (void)state;
    static const char *broken[] = {
        "garbage\n",
        "version 7\n",
        "version 1\nentry id=2000\n",
        "version 1\nentry id=2000 provider={zz} path=\"/x\"\n",
        "version 1\nentry id=1001 provider={1c2a7e00-0000-4000-8000-000000000001} path=/x\n",
        "version 1\nbuiltin 1001\nbuiltin 1001\n",
        "version 1\nentry id=2000 provider={1c2a7e00-0000-4000-8000-000000000001} path=\"/x\n",
        "version 1\nentry id=2000 provider={1c2a7e00-0000-4000-8000-000000000001} path=/x af=\n",
    };
    WSADATA data;
    int err = 0;
    DWORD size = 0;
    for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
        write_catalog(broken[i]);
        assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), WSASYSNOTREADY);
        assert_int_equal(WSACleanup(), SOCKET_ERROR);
        assert_int_equal(WSAGetLastError(), WSANOTINITIALISED);
        assert_int_equal(WSCEnumProtocols(NULL, NULL, &size, &err), SOCKET_ERROR);
        assert_int_equal(err, WSANO_RECOVERY);
    }
    /* Unreadable: a folder where the file should be. */
    unlink(catalog_path);
    assert_int_equal(mkdir(catalog_path, 0755), 0);
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), WSASYSNOTREADY);
    rmdir(catalog_path);
    write_catalog("# hand-written\nversion 1\nbuiltin 1002\n");
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    WSAPROTOCOL_INFOW all[64];
    size = sizeof(all);
    assert_int_equal(WSAEnumProtocolsW(NULL, all, &size), VISIBLE);
    /* Built-in entries the file does not list come first. */
    assert_int_equal(all[0].dwCatalogEntryId, 1001);
    assert_int_equal(all[VISIBLE - 1].dwCatalogEntryId, 1002);
}

/* Two processes installing at once: both land, every id distinct. */
static void concurrent_installs_both_land(void **state)
{
    (void)state;
    int out[2], pid[2];
    pid[0] = ws2t_spawn_self("install", "0", &out[0]);
    pid[1] = ws2t_spawn_self("install", "1", &out[1]);
    assert_true(pid[0] > 0 && pid[1] > 0);
    assert_int_equal(ws2t_wait_child(pid[0], 60000), 0);
    assert_int_equal(ws2t_wait_child(pid[1], 60000), 0);
    close(out[0]);
    close(out[1]);
    WSAPROTOCOL_INFOW all[64];
    int n = ws2t_wsc_all(all, 64);
    assert_int_equal(n, BUILTINS + 2 * 20);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            assert_int_not_equal(all[i].dwCatalogEntryId, all[j].dwCatalogEntryId);
    for (unsigned k = 0; k < 40; k++)
        assert_int_not_equal(id_of(100 + k), 0);
}

static int child_install(const char *arg)
{
    unsigned base = 100 + (unsigned)atoi(arg) * 20;
    for (unsigned k = 0; k < 20; k++) {
        WSAPROTOCOL_INFOW info = proto(AF_INET, SOCK_STREAM, 300, BASE_PROTOCOL, "racer");
        if (install(base + k, "/x", &info, 1) != 0)
            return 1;
    }
    return 0;
}

/*
 * A layered provider's chain ordered first takes socket(AF_INET, SOCK_STREAM):
 * the pass-through provider is loaded, reaches the base provider by its
 * path, and data flows; other protocols stay with the base entries.  Every
 * WSPStartup it saw is matched by one WSPCleanup, and its shared object is
 * unloaded after the final WSACleanup.
 */
static void layered_chain_takes_sockets(void **state)
{
    (void)state;
    DWORD chain_id = install_passthru_chain(true);
    assert_int_equal(ws2t_setup(NULL), 0);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    WSAPROTOCOL_INFOW info;
    int len = sizeof(info);
    assert_int_equal(getsockopt(client, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &len), 0);
    assert_int_equal(info.dwCatalogEntryId, chain_id);
    assert_int_equal(send(client, "hello", 5, 0), 5);
    char buf[8];
    assert_int_equal(recv(server, buf, sizeof(buf), 0), 5);
    assert_int_equal(count_lines("startup "), 1);
    assert_int_equal(count_lines("socket"), 2); /* client and listener; accept is the base's */
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0);
    assert_true(udp != INVALID_SOCKET);
    assert_int_equal(count_lines("socket"), 2);
    void *loaded = dlopen(WS2T_PASSTHRU_PATH, RTLD_NOW | RTLD_NOLOAD);
    assert_non_null(loaded);
    dlclose(loaded);
    int closes = count_lines("close"); /* the pair's listener is closed already */
    assert_int_equal(closesocket(client), 0);
    assert_int_equal(count_lines("close"), closes + 1);
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(count_lines("cleanup"), count_lines("startup "));
    assert_null(dlopen(WS2T_PASSTHRU_PATH, RTLD_NOW | RTLD_NOLOAD));
    /* Again after the final WSACleanup: loaded anew, started anew. */
    assert_int_equal(ws2t_setup(NULL), 0);
    SOCKET again = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(again != INVALID_SOCKET);
    assert_int_equal(count_lines("startup "), 2);
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(count_lines("cleanup"), 2);
    assert_null(dlopen(WS2T_PASSTHRU_PATH, RTLD_NOW | RTLD_NOLOAD));
}

/* WSASocket with a WSAPROTOCOL_INFO takes that entry; an unknown catalog id is WSAEINVAL. */
static void wsasocket_picks_the_entry(void **state)
{
    (void)state;
    DWORD chain_id = install_passthru_chain(false); /* behind the base entries */
    assert_int_equal(ws2t_setup(NULL), 0);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(count_lines("socket"), 0); /* the base entry comes first */
    WSAPROTOCOL_INFOW all[64];
    DWORD size = sizeof(all);
    int n = WSAEnumProtocolsW(NULL, all, &size);
    assert_int_equal(n, VISIBLE + 1); /* the layered entry is not listed, the chain is */
    assert_int_equal(all[VISIBLE].dwCatalogEntryId, chain_id);
    SOCKET t = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &all[VISIBLE],
                          0, WSA_FLAG_OVERLAPPED);
    assert_true(t != INVALID_SOCKET);
    assert_int_equal(count_lines("socket"), 1);
    WSAPROTOCOL_INFOW bogus = all[VISIBLE];
    bogus.dwCatalogEntryId = 4242;
    assert_true(WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &bogus, 0,
                           0) == INVALID_SOCKET);
    assert_int_equal(WSAGetLastError(), WSAEINVAL);
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(count_lines("cleanup"), 1);
}

/* A provider that cannot be loaded, or has no WSPStartup: WSAEPROVIDERFAILEDINIT from socket(). */
static void load_failure_is_providerfailedinit(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW a = proto(AF_INET, SOCK_STREAM, 210, BASE_PROTOCOL, "missing");
    WSAPROTOCOL_INFOW b = proto(AF_INET, SOCK_STREAM, 211, BASE_PROTOCOL, "no WSPStartup");
    assert_int_equal(install(9, "/nonexistent/ws2t_missing.so", &a, 1), 0);
    assert_int_equal(install(10, WS2T_NOSTARTUP_PATH, &b, 1), 0);
    assert_int_equal(ws2t_setup(NULL), 0);
    assert_true(socket(AF_INET, SOCK_STREAM, 210) == INVALID_SOCKET);
    assert_int_equal(WSAGetLastError(), WSAEPROVIDERFAILEDINIT);
    assert_true(socket(AF_INET, SOCK_STREAM, 211) == INVALID_SOCKET);
    assert_int_equal(WSAGetLastError(), WSAEPROVIDERFAILEDINIT);
    assert_null(dlopen(WS2T_NOSTARTUP_PATH, RTLD_NOW | RTLD_NOLOAD));
    /* Nothing matches: the documented errors. */
    assert_true(socket(AF_INET, SOCK_STREAM, 250) == INVALID_SOCKET);
    assert_int_equal(WSAGetLastError(), WSAEPROTONOSUPPORT);
    /* %VAR% is expanded before dlopen: the same file through an environment string. */
    assert_int_equal(WSACleanup(), 0);
    WSAPROTOCOL_INFOW c = proto(AF_INET, SOCK_STREAM, 212, BASE_PROTOCOL, "expanded");
    setenv("WS2T_PROVIDER_FILE", WS2T_NOSTARTUP_PATH, 1);
    assert_int_equal(install(11, "%WS2T_PROVIDER_FILE%", &c, 1), 0);
    assert_int_equal(ws2t_setup(NULL), 0);
    assert_true(socket(AF_INET, SOCK_STREAM, 212) == INVALID_SOCKET);
    assert_int_equal(WSAGetLastError(), WSAEPROVIDERFAILEDINIT);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[0], "child") == 0) {
        if (strcmp(argv[1], "enum") == 0)
            return child_enum();
        if (strcmp(argv[1], "install") == 0)
            return child_install(argc > 2 ? argv[2] : "0");
        return 99;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(missing_file_means_builtin_entries, cat_setup,
                                        cat_teardown),
        cmocka_unit_test_setup_teardown(wsc_enum_errors, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(update_provider, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(install_is_seen_by_a_new_process, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(install_errors, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(deinstall, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(write_provider_order, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(get_provider_path, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(broken_catalog_fails_startup, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(concurrent_installs_both_land, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(layered_chain_takes_sockets, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(wsasocket_picks_the_entry, cat_setup, cat_teardown),
        cmocka_unit_test_setup_teardown(load_failure_is_providerfailedinit, cat_setup,
                                        cat_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
