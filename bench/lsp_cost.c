/*
 * bench/lsp_cost: what a layered provider adds per call.  The same calls
 * run on the base provider alone and then through the fault-injection LSP
 * (src/providers/fault) with no fault configured, which passes every call
 * down through the layered skeleton that the tracing provider shares; the
 * difference is the layer's cost.  Each figure is the best of ROUNDS.
 *
 * Usage: lsp_cost   (needs the shared libws2_32: the layer loads the base
 * provider by the library's path, as Windows LSPs load theirs)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sporder.h>
#include <winsock2.h>
#include <ws2spi.h>

#include "raw_linux.h"

#define ROUNDS 5

static GUID layer_guid = {
    0x0e9d3a4c, 0x5b61, 0x4f2e, {0x8c, 0x7d, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f}};
static GUID chain_guid = {0x5a5a0101, 0x0002, 0x0003, {4, 5, 6, 7, 8, 9, 10, 11}};

static void die(const char *what, int error)
{
    fprintf(stderr, "lsp_cost: %s failed (%d)\n", what, error);
    exit(1);
}

static void wide(const char *in, WCHAR *out)
{
    size_t i = 0;
    for (; in[i]; i++)
        out[i] = (WCHAR)(unsigned char)in[i];
    out[i] = 0;
}

static int catalog(WSAPROTOCOL_INFOW *all)
{
    DWORD size = 64 * sizeof(WSAPROTOCOL_INFOW);
    int err = 0;
    int n = WSCEnumProtocols(NULL, all, &size, &err);
    if (n <= 0)
        die("WSCEnumProtocols", err);
    return n;
}

/* The fault layer over TCP/IPv4, its chain first, as an LSP installer does it. */
static void install_layer(void)
{
    static WSAPROTOCOL_INFOW all[64];
    int n = catalog(all);
    WSAPROTOCOL_INFOW base = all[0];
    for (int i = n - 1; i >= 0; i--)
        if (all[i].iAddressFamily == AF_INET && all[i].iSocketType == SOCK_STREAM &&
            all[i].ProtocolChain.ChainLen == BASE_PROTOCOL)
            base = all[i];
    WCHAR path[512];
    wide(LSP_COST_LAYER_PATH, path);
    int err = 0;
    WSAPROTOCOL_INFOW layered = base;
    layered.ProviderId = layer_guid;
    layered.ProtocolChain.ChainLen = LAYERED_PROTOCOL;
    if (WSCInstallProvider(&layer_guid, path, &layered, 1, &err) != 0)
        die("installing the layer", err);
    n = catalog(all);
    DWORD layer_id = 0;
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, &layer_guid, sizeof(GUID)) == 0)
            layer_id = all[i].dwCatalogEntryId;
    WSAPROTOCOL_INFOW chain = base;
    chain.ProviderId = chain_guid;
    chain.ProtocolChain.ChainLen = 2;
    chain.ProtocolChain.ChainEntries[0] = layer_id;
    chain.ProtocolChain.ChainEntries[1] = base.dwCatalogEntryId;
    if (WSCInstallProvider(&chain_guid, path, &chain, 1, &err) != 0)
        die("installing the chain", err);
    n = catalog(all);
    DWORD order[64];
    int k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n; i++)
            if ((memcmp(&all[i].ProviderId, &chain_guid, sizeof(GUID)) == 0) == (pass == 0))
                order[k++] = all[i].dwCatalogEntryId;
    if (WSCWriteProviderOrder(order, (DWORD)n) != ERROR_SUCCESS)
        die("ordering the catalog", 0);
}

static void pair(SOCKET *a, SOCKET *b)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    SOCKADDR_IN addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int len = sizeof(addr);
    if (bind(l, (SOCKADDR *)&addr, sizeof(addr)) || listen(l, 1) ||
        getsockname(l, (SOCKADDR *)&addr, &len))
        die("listen", WSAGetLastError());
    *a = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(*a, (SOCKADDR *)&addr, sizeof(addr)))
        die("connect", WSAGetLastError());
    *b = accept(l, NULL, NULL);
    closesocket(l);
}

struct figures {
    double getsockopt_ns, pingpong_ns, socket_ns;
};

static double best(double a, double b)
{
    return a < b ? a : b;
}

static void measure(struct figures *f)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data))
        die("WSAStartup", 0);
    SOCKET a, b;
    pair(&a, &b);
    f->getsockopt_ns = f->pingpong_ns = f->socket_ns = 1e30;
    for (int r = 0; r < ROUNDS; r++) {
        const long n1 = 300000, n2 = 50000, n3 = 20000;
        int value, len;
        double t0 = raw_now();
        for (long i = 0; i < n1; i++) {
            len = sizeof(value);
            getsockopt(a, SOL_SOCKET, SO_RCVBUF, (char *)&value, &len);
        }
        f->getsockopt_ns = best(f->getsockopt_ns, (raw_now() - t0) / n1 * 1e9);
        char c = 'x';
        t0 = raw_now();
        for (long i = 0; i < n2; i++) {
            send(a, &c, 1, 0);
            recv(b, &c, 1, 0);
        }
        f->pingpong_ns = best(f->pingpong_ns, (raw_now() - t0) / n2 * 1e9);
        t0 = raw_now();
        for (long i = 0; i < n3; i++)
            closesocket(socket(AF_INET, SOCK_STREAM, 0));
        f->socket_ns = best(f->socket_ns, (raw_now() - t0) / n3 * 1e9);
    }
    closesocket(a);
    closesocket(b);
    WSACleanup();
}

int main(void)
{
    char dir[] = "/tmp/lsp_cost.XXXXXX";
    if (!mkdtemp(dir))
        die("mkdtemp", 0);
    char path[64];
    snprintf(path, sizeof(path), "%s/catalog", dir);
    setenv("WS2POSIX_CATALOG", path, 1);
    unsetenv("WS2POSIX_FAULT");

    struct figures plain, layered;
    measure(&plain);
    install_layer();
    measure(&layered);
    remove(path);
    rmdir(dir);

    printf("cost of a layered provider (the fault-injection LSP, no fault set), ns per call:\n");
    printf("  %-34s %10s %10s %10s\n", "call", "base", "layered", "added");
    printf("  %-34s %10.0f %10.0f %10.0f\n", "getsockopt (1 call)", plain.getsockopt_ns,
           layered.getsockopt_ns, layered.getsockopt_ns - plain.getsockopt_ns);
    printf("  %-34s %10.0f %10.0f %10.0f\n", "send+recv of 1 byte (2 calls)", plain.pingpong_ns,
           layered.pingpong_ns, layered.pingpong_ns - plain.pingpong_ns);
    printf("  %-34s %10.0f %10.0f %10.0f\n", "socket+closesocket (2 calls)", plain.socket_ns,
           layered.socket_ns, layered.socket_ns - plain.socket_ns);
    return 0;
}
