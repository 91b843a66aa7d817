/*
 * ws2catalog: installs, removes, lists and reorders providers in the ws2posix
 * protocol catalog (the file named by WS2POSIX_CATALOG, default
 * /etc/ws2posix/catalog), through the WSC functions only, as Windows'
 * installers do.  See README.md, "Catalog and providers".
 *
 *   ws2catalog list
 *   ws2catalog install GUID PATH ENTRY...   ENTRY: af,type,protocol,chain,name
 *                                           chain: base | layered | id:id:...
 *   ws2catalog remove GUID
 *   ws2catalog order ID...                  these ids first, the rest after
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sporder.h>
#include <ws2spi.h>

static WSAPROTOCOL_INFOW *all_entries(int *count)
{
    DWORD size = 0;
    int err = 0;
    WSCEnumProtocols(NULL, NULL, &size, &err);
    WSAPROTOCOL_INFOW *all = malloc(size ? size : 1);
    *count = all ? WSCEnumProtocols(NULL, all, &size, &err) : SOCKET_ERROR;
    if (*count == SOCKET_ERROR) {
        fprintf(stderr, "ws2catalog: WSCEnumProtocols failed: error %d\n", err);
        free(all);
        return NULL;
    }
    return all;
}

static void narrow(const WCHAR *in, char *out, size_t size)
{
    size_t i = 0;
    for (; in[i] && i + 1 < size; i++)
        out[i] = in[i] < 0x80 ? (char)in[i] : '?';
    out[i] = '\0';
}

static void widen(const char *in, WCHAR *out, size_t size)
{
    size_t i = 0;
    for (; in[i] && i + 1 < size; i++)
        out[i] = (WCHAR)(unsigned char)in[i];
    out[i] = 0;
}

static int parse_guid(const char *text, GUID *g)
{
    unsigned d[11];
    if (sscanf(text, "{%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x}", &d[0], &d[1], &d[2], &d[3], &d[4],
               &d[5], &d[6], &d[7], &d[8], &d[9], &d[10]) != 11)
        return -1;
    g->Data1 = d[0];
    g->Data2 = (WORD)d[1];
    g->Data3 = (WORD)d[2];
    for (int i = 0; i < 8; i++)
        g->Data4[i] = (BYTE)d[3 + i];
    return 0;
}

static int list(void)
{
    int n;
    WSAPROTOCOL_INFOW *all = all_entries(&n);
    if (!all)
        return 1;
    printf("%-6s %-16s %3s %4s %5s  %-38s %s\n", "id", "chain", "af", "type", "proto", "provider",
           "name / path");
    for (int i = 0; i < n; i++) {
        const WSAPROTOCOL_INFOW *p = &all[i];
        char chain[64] = "layered", name[256], path[1024] = "?";
        if (p->ProtocolChain.ChainLen > 0) {
            int at = 0;
            for (int c = 0; c < p->ProtocolChain.ChainLen && c < MAX_PROTOCOL_CHAIN; c++)
                at += snprintf(chain + at, sizeof(chain) - (size_t)at, "%s%u", c ? ":" : "",
                               (unsigned)p->ProtocolChain.ChainEntries[c]);
        }
        narrow(p->szProtocol, name, sizeof(name));
        WCHAR wpath[1024];
        int len = 1024, err = 0;
        if (WSCGetProviderPath((LPGUID)&p->ProviderId, wpath, &len, &err) == 0)
            narrow(wpath, path, sizeof(path));
        const GUID *g = &p->ProviderId;
        printf("%-6u %-16s %3d %4d %5d  {%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x} "
               "%s\n%63s %s\n",
               (unsigned)p->dwCatalogEntryId, chain, p->iAddressFamily, p->iSocketType,
               p->iProtocol, (unsigned)g->Data1, g->Data2, g->Data3, g->Data4[0], g->Data4[1],
               g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7], name,
               "", path);
    }
    free(all);
    return 0;
}

/*
 * One ENTRY argument.  Service flags and address sizes come from the base
 * entry it rides on (a chain's last id, or the first base entry with the
 * same af/type/protocol for a layered entry), as LSP installers copy them.
 */
static int parse_entry(const char *text, const WSAPROTOCOL_INFOW *all, int n,
                       WSAPROTOCOL_INFOW *out)
{
    char chain[128], name[256];
    int af, type, protocol;
    if (sscanf(text, "%d,%d,%d,%127[^,],%255[^\n]", &af, &type, &protocol, chain, name) != 5)
        return -1;
    memset(out, 0, sizeof(*out));
    const WSAPROTOCOL_INFOW *model = NULL;
    if (strcmp(chain, "base") == 0) {
        out->ProtocolChain.ChainLen = BASE_PROTOCOL;
    } else if (strcmp(chain, "layered") == 0) {
        out->ProtocolChain.ChainLen = LAYERED_PROTOCOL;
    } else {
        int len = 0;
        for (char *tok = strtok(chain, ":"); tok && len < MAX_PROTOCOL_CHAIN;
             tok = strtok(NULL, ":"))
            out->ProtocolChain.ChainEntries[len++] = (DWORD)strtoul(tok, NULL, 10);
        out->ProtocolChain.ChainLen = len;
        for (int i = 0; i < n; i++)
            if (all[i].dwCatalogEntryId == out->ProtocolChain.ChainEntries[len - 1])
                model = &all[i];
    }
    for (int i = 0; i < n && !model; i++)
        if (all[i].ProtocolChain.ChainLen == BASE_PROTOCOL && all[i].iAddressFamily == af &&
            all[i].iSocketType == type && all[i].iProtocol == protocol)
            model = &all[i];
    if (model) {
        WSAPROTOCOLCHAIN keep = out->ProtocolChain;
        *out = *model;
        out->ProtocolChain = keep;
        out->dwCatalogEntryId = 0;
    }
    out->iVersion = 2;
    out->iAddressFamily = af;
    out->iSocketType = type;
    out->iProtocol = protocol;
    widen(name, out->szProtocol, WSAPROTOCOL_LEN + 1);
    return 0;
}

static int install(int argc, char **argv)
{
    GUID g;
    if (argc < 3 || parse_guid(argv[0], &g) != 0) {
        fprintf(stderr, "usage: ws2catalog install GUID PATH af,type,protocol,chain,name...\n");
        return 2;
    }
    int n;
    WSAPROTOCOL_INFOW *all = all_entries(&n);
    if (!all)
        return 1;
    int count = argc - 2;
    WSAPROTOCOL_INFOW *list = calloc((size_t)count, sizeof(*list));
    for (int i = 0; list && i < count; i++) {
        if (parse_entry(argv[2 + i], all, n, &list[i]) != 0) {
            fprintf(stderr, "ws2catalog: bad entry \"%s\"\n", argv[2 + i]);
            return 2;
        }
    }
    WCHAR path[4096];
    widen(argv[1], path, 4096);
    int err = 0;
    int r = list ? WSCInstallProvider(&g, path, list, (DWORD)count, &err) : SOCKET_ERROR;
    free(list);
    free(all);
    if (r != 0) {
        fprintf(stderr, "ws2catalog: WSCInstallProvider failed: error %d\n", err);
        return 1;
    }
    return 0;
}

static int remove_provider(const char *text)
{
    GUID g;
    int err = 0;
    if (parse_guid(text, &g) != 0) {
        fprintf(stderr, "usage: ws2catalog remove GUID\n");
        return 2;
    }
    if (WSCDeinstallProvider(&g, &err) != 0) {
        fprintf(stderr, "ws2catalog: WSCDeinstallProvider failed: error %d\n", err);
        return 1;
    }
    return 0;
}

static int order(int argc, char **argv)
{
    int n;
    WSAPROTOCOL_INFOW *all = all_entries(&n);
    if (!all)
        return 1;
    DWORD *ids = calloc((size_t)n + (size_t)argc, sizeof(*ids));
    int k = 0;
    for (int i = 0; ids && i < argc; i++)
        ids[k++] = (DWORD)strtoul(argv[i], NULL, 10);
    for (int i = 0; ids && i < n; i++) {
        bool named = false;
        for (int j = 0; j < argc; j++)
            named |= ids[j] == all[i].dwCatalogEntryId;
        if (!named)
            ids[k++] = all[i].dwCatalogEntryId;
    }
    int r = ids ? WSCWriteProviderOrder(ids, (DWORD)k) : WSA_NOT_ENOUGH_MEMORY;
    free(ids);
    free(all);
    if (r != 0) {
        fprintf(stderr, "ws2catalog: WSCWriteProviderOrder failed: error %d\n", r);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return list();
    if (argc >= 2 && strcmp(argv[1], "install") == 0)
        return install(argc - 2, argv + 2);
    if (argc == 3 && strcmp(argv[1], "remove") == 0)
        return remove_provider(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "order") == 0)
        return order(argc - 2, argv + 2);
    fprintf(stderr, "usage: ws2catalog list | install GUID PATH ENTRY... | remove GUID | "
                    "order ID...\n");
    return 2;
}
