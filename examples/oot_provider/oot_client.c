/*
 * Installs the example provider (argv[1]: the path of its shared object)
 * into the catalog named by WS2POSIX_CATALOG, opens a TCP connection with
 * it to a listener of the built-in provider, echoes a message both ways,
 * and removes it again.  A plain Windows program: it also builds with
 * mingw-w64.  Prints "ok" and exits 0 on success.
 */
#include <stdio.h>
#include <string.h>

#include <winsock2.h>
#include <ws2spi.h>

/* {3f1a5c2e-8d47-4b6a-a1c9-5e0f7d2b8c13}: the example provider's GUID. */
static GUID oot_guid = {
    0x3f1a5c2e, 0x8d47, 0x4b6a, {0xa1, 0xc9, 0x5e, 0x0f, 0x7d, 0x2b, 0x8c, 0x13}};

static int fail(const char *what, int error)
{
    printf("%s failed: %d\n", what, error);
    return 1;
}

/* The catalog entry of the built-in TCP/IPv4 provider, as a template for ours. */
static int tcp_template(WSAPROTOCOL_INFOW *out)
{
    static WSAPROTOCOL_INFOW all[64];
    DWORD len = sizeof(all);
    int err = 0;
    int n = WSCEnumProtocols(NULL, all, &len, &err);
    for (int i = 0; i < n; i++)
        if (all[i].iAddressFamily == AF_INET && all[i].iSocketType == SOCK_STREAM &&
            all[i].ProtocolChain.ChainLen == BASE_PROTOCOL) {
            *out = all[i];
            return 0;
        }
    return n < 0 ? err : WSAEPROTONOSUPPORT;
}

static int find_ours(WSAPROTOCOL_INFOW *out)
{
    static WSAPROTOCOL_INFOW all[64];
    DWORD len = sizeof(all);
    int n = WSAEnumProtocolsW(NULL, all, &len);
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, &oot_guid, sizeof(GUID)) == 0) {
            *out = all[i];
            return 0;
        }
    return WSAEPROTONOSUPPORT;
}

static int echo(SOCKET from, SOCKET to, const char *msg)
{
    char buf[64];
    int len = (int)strlen(msg);
    if (send(from, msg, len, 0) != len)
        return 0;
    int got = 0;
    while (got < len) {
        int n = recv(to, buf + got, (int)sizeof(buf) - got, 0);
        if (n <= 0)
            return 0;
        got += n;
    }
    return memcmp(buf, msg, (size_t)len) == 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return fail("usage: oot_client <provider.so>", 0);
    WCHAR path[512];
    size_t n = 0;
    for (; argv[1][n] && n + 1 < sizeof(path) / sizeof(path[0]); n++)
        path[n] = (WCHAR)(unsigned char)argv[1][n];
    path[n] = 0;

    WSAPROTOCOL_INFOW info;
    int err = tcp_template(&info);
    if (err)
        return fail("finding the TCP/IPv4 entry", err);
    info.ProviderId = oot_guid;
    info.dwCatalogEntryId = 0;
    info.ProtocolChain.ChainLen = BASE_PROTOCOL;
    info.dwProviderFlags &= ~(DWORD)PFL_MATCHES_PROTOCOL_ZERO;
    const char *name = "Example out-of-tree TCP/IPv4";
    for (n = 0; name[n]; n++)
        info.szProtocol[n] = (WCHAR)name[n];
    info.szProtocol[n] = 0;
    if (WSCInstallProvider(&oot_guid, path, &info, 1, &err) != 0)
        return fail("WSCInstallProvider", err);

    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return fail("WSAStartup", 0);
    int rc = 1;
    WSAPROTOCOL_INFOW ours;
    if ((err = find_ours(&ours)) != 0) {
        fail("finding our entry", err);
        goto out;
    }
    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0);
    SOCKADDR_IN addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int addrlen = sizeof(addr);
    if (bind(listener, (SOCKADDR *)&addr, sizeof(addr)) != 0 || listen(listener, 1) != 0 ||
        getsockname(listener, (SOCKADDR *)&addr, &addrlen) != 0) {
        fail("the built-in listener", WSAGetLastError());
        goto out;
    }
    SOCKET s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &ours, 0, 0);
    if (s == INVALID_SOCKET) {
        fail("WSASocket with our entry", WSAGetLastError());
        goto out;
    }
    if (connect(s, (SOCKADDR *)&addr, sizeof(addr)) != 0) {
        fail("connect", WSAGetLastError());
        goto out;
    }
    SOCKET peer = accept(listener, NULL, NULL);
    if (peer == INVALID_SOCKET || !echo(s, peer, "hello, provider") || !echo(peer, s, "and back")) {
        fail("the echo", WSAGetLastError());
        goto out;
    }
    /* Proof that the example served the socket: it offers no socket options. */
    int value, len = sizeof(value);
    if (getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&value, &len) != SOCKET_ERROR ||
        WSAGetLastError() != WSAEOPNOTSUPP) {
        fail("the socket is not the example's", WSAGetLastError());
        goto out;
    }
    closesocket(s);
    closesocket(peer);
    closesocket(listener);
    rc = 0;
out:
    WSACleanup();
    if (WSCDeinstallProvider(&oot_guid, &err) != 0)
        return fail("WSCDeinstallProvider", err);
    if (rc == 0)
        printf("ok\n");
    return rc;
}
