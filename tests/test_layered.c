/*
 * The layered providers we ship (src/providers/trace, src/providers/fault),
 * installed over the base provider the way Windows LSPs are installed: one
 * layered entry, a TCP/IPv4 protocol chain [layer, base] under a second
 * GUID, ordered ahead of the base entries (WSCWriteProviderOrder).  Each
 * test has its own catalog (WS2POSIX_CATALOG) in a fresh folder.
 *
 * The tracing provider shows what the SPI contract promises a provider
 * (LPWSPCleanup.txt, WSPCloseSocket.txt, WSACleanup.txt): one WSPStartup and
 * one matching WSPCleanup; WSPSocket and WSPCloseSocket for each socket the
 * application opens and closes; and under a WSACleanup with sockets still
 * open and operations pending, no WSPCloseSocket at all — the final
 * WSPCleanup resets and frees them, and cancels the operations without
 * notification.  The fault-injection provider makes calls fail with
 * WSAENETDOWN through the whole stack, for the spec's WSAENETDOWN rows.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sporder.h>
#include <ws2spi.h>

#include "testlib.h"

/* The layered entries' GUIDs: the providers find themselves in the catalog by them. */
static GUID trace_guid = {
    0x6c4b6f1e, 0x2a57, 0x4d4f, {0x9b, 0x9e, 0x7f, 0x1d, 0x2b, 0x3c, 0x4a, 0x51}};
static GUID fault_guid = {
    0x0e9d3a4c, 0x5b61, 0x4f2e, {0x8c, 0x7d, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f}};
/* The chains' GUID (a second provider id for the same shared object, as Windows LSPs have). */
static GUID chain_guid = {0x5a5a0001, 0x0002, 0x0003, {4, 5, 6, 7, 8, 9, 10, 11}};

static char dir[64], catalog_path[96], trace_path[96];

/* Installs the layer at path over the base TCP/IPv4 entry, its chain first in the catalog. */
static void install_layer(GUID *layer_guid, const char *path)
{
    WSAPROTOCOL_INFOW all[64];
    int n = ws2t_wsc_all(all, 64);
    WSAPROTOCOL_INFOW base;
    int found = 0;
    for (int i = 0; i < n && !found; i++)
        if (all[i].iAddressFamily == AF_INET && all[i].iSocketType == SOCK_STREAM &&
            all[i].ProtocolChain.ChainLen == BASE_PROTOCOL) {
            base = all[i];
            found = 1;
        }
    assert_true(found);

    WCHAR wpath[512];
    ws2t_wide(path, wpath);
    int err = 0;
    WSAPROTOCOL_INFOW layered = base;
    layered.ProviderId = *layer_guid;
    layered.dwCatalogEntryId = 0;
    layered.ProtocolChain.ChainLen = LAYERED_PROTOCOL;
    ws2t_wide("ws2posix test layer", layered.szProtocol);
    assert_int_equal(WSCInstallProvider(layer_guid, wpath, &layered, 1, &err), 0);
    DWORD layer_id = 0;
    n = ws2t_wsc_all(all, 64);
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, layer_guid, sizeof(GUID)) == 0)
            layer_id = all[i].dwCatalogEntryId;
    assert_true(layer_id != 0);

    WSAPROTOCOL_INFOW chain = base;
    chain.ProviderId = chain_guid;
    chain.dwCatalogEntryId = 0;
    chain.ProtocolChain.ChainLen = 2;
    chain.ProtocolChain.ChainEntries[0] = layer_id;
    chain.ProtocolChain.ChainEntries[1] = base.dwCatalogEntryId;
    ws2t_wide("ws2posix test layer over TCP/IPv4", chain.szProtocol);
    assert_int_equal(WSCInstallProvider(&chain_guid, wpath, &chain, 1, &err), 0);

    /* The chain first: socket(AF_INET, SOCK_STREAM, 0) takes it. */
    n = ws2t_wsc_all(all, 64);
    DWORD order[64];
    int k = 0;
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, &chain_guid, sizeof(GUID)) == 0)
            order[k++] = all[i].dwCatalogEntryId;
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, &chain_guid, sizeof(GUID)) != 0)
            order[k++] = all[i].dwCatalogEntryId;
    assert_int_equal(WSCWriteProviderOrder(order, (DWORD)n), ERROR_SUCCESS);
}

static int layered_setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/ws2layered.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(catalog_path, sizeof(catalog_path), "%s/catalog", dir);
    snprintf(trace_path, sizeof(trace_path), "%s/trace", dir);
    setenv("WS2POSIX_CATALOG", catalog_path, 1);
    setenv("WS2POSIX_TRACE", trace_path, 1);
    unsetenv("WS2POSIX_FAULT");
    return 0;
}

static int layered_teardown(void **state)
{
    (void)state;
    while (WSACleanup() == 0)
        ;
    unsetenv("WS2POSIX_FAULT");
    char cmd[96];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The trace's call names, in order, as one space-separated string. */
static void trace_calls(char *out, size_t size)
{
    FILE *f = fopen(trace_path, "r");
    out[0] = '\0';
    if (!f)
        return;
    char line[512];
    size_t used = 0;
    while (fgets(line, sizeof(line), f)) {
        char name[64];
        /* "<us> <thread> <name>(<args>) = ..." */
        if (sscanf(line, "%*s %*s %63[^(]", name) != 1)
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? " " : "", name);
        if (n > 0 && (size_t)n < size - used)
            used += (size_t)n;
    }
    fclose(f);
}

static int count_calls(const char *calls, const char *name)
{
    int n = 0;
    size_t len = strlen(name);
    for (const char *p = calls; (p = strstr(p, name)) != NULL; p += len)
        if ((p == calls || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
            n++;
    return n;
}

static void connected_through_layer(SOCKET *listener, SOCKET *client, SOCKET *server)
{
    *listener = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(*listener != INVALID_SOCKET);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int len = sizeof(addr);
    assert_int_equal(bind(*listener, (struct sockaddr *)&addr, sizeof(addr)), 0);
    assert_int_equal(listen(*listener, 4), 0);
    assert_int_equal(getsockname(*listener, (struct sockaddr *)&addr, &len), 0);
    *client = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(*client != INVALID_SOCKET);
    assert_int_equal(connect(*client, (struct sockaddr *)&addr, sizeof(addr)), 0);
    *server = accept(*listener, NULL, NULL);
    assert_true(*server != INVALID_SOCKET);
}

static void trace_sees_each_call_in_order(void **state)
{
    (void)state;
    install_layer(&trace_guid, WS2T_TRACE_PATH);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET listener, client, server;
    connected_through_layer(&listener, &client, &server);
    assert_int_equal(send(client, "ping", 4, 0), 4);
    char buf[8];
    assert_int_equal(recv(server, buf, sizeof(buf), 0), 4);
    assert_int_equal(closesocket(client), 0);
    assert_int_equal(closesocket(server), 0);
    assert_int_equal(closesocket(listener), 0);
    assert_int_equal(WSACleanup(), 0);

    char calls[4096];
    trace_calls(calls, sizeof(calls));
    /* Started first, cleaned up last, once each. */
    assert_true(strncmp(calls, "WSPStartup ", 11) == 0);
    assert_non_null(strstr(calls, " WSPCleanup"));
    assert_string_equal(strrchr(calls, ' ') + 1, "WSPCleanup");
    assert_int_equal(count_calls(calls, "WSPStartup"), 1);
    assert_int_equal(count_calls(calls, "WSPCleanup"), 1);
    /* Two sockets made, one accepted; three closed; the data calls in between. */
    assert_int_equal(count_calls(calls, "WSPSocket"), 2);
    assert_int_equal(count_calls(calls, "WSPAccept"), 1);
    assert_int_equal(count_calls(calls, "WSPCloseSocket"), 3);
    assert_true(count_calls(calls, "WSPSend") >= 1);
    assert_true(count_calls(calls, "WSPRecv") >= 1);
    assert_true(strstr(calls, "WSPSocket") < strstr(calls, "WSPConnect"));
    assert_true(strstr(calls, "WSPConnect") < strstr(calls, "WSPCloseSocket"));
}

/*
 * WSACleanup with sockets open and a receive pending: the provider sees
 * its final WSPCleanup and no WSPCloseSocket (WSACleanup.txt: sockets are
 * reset and deallocated as if closed; LPWSPCleanup.txt), and the receive
 * is cancelled without its event being set.
 */
static void trace_under_cleanup_with_open_sockets(void **state)
{
    (void)state;
    install_layer(&trace_guid, WS2T_TRACE_PATH);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET listener, client, server;
    connected_through_layer(&listener, &client, &server);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    char buf[16];
    WSABUF wb = {sizeof(buf), buf};
    DWORD flags = 0;
    assert_int_equal(WSARecv(server, &wb, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
    assert_int_equal(WSACleanup(), 0);

    char calls[4096];
    trace_calls(calls, sizeof(calls));
    assert_int_equal(count_calls(calls, "WSPStartup"), 1);
    assert_int_equal(count_calls(calls, "WSPCleanup"), 1);
    assert_int_equal(count_calls(calls, "WSPCloseSocket"), 0);
    assert_string_equal(strrchr(calls, ' ') + 1, "WSPCleanup");
    assert_int_equal(ov.Internal, 0xC0000120u); /* STATUS_CANCELLED: WSA_OPERATION_ABORTED */
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT);
    CloseHandle(ov.hEvent);
    /* And Winsock starts again at once, the layer with it. */
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s != INVALID_SOCKET);
    closesocket(s);
    assert_int_equal(WSACleanup(), 0);
    trace_calls(calls, sizeof(calls));
    assert_int_equal(count_calls(calls, "WSPStartup"), 2);
    assert_int_equal(count_calls(calls, "WSPCleanup"), 2);
}

/* send, recv and closesocket failing with WSAENETDOWN from the provider (send.md, recv.md,
 * closesocket.md). */
static void faults_reach_the_application(void **state)
{
    (void)state;
    install_layer(&fault_guid, WS2T_FAULT_PATH);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET listener, client, server;
    connected_through_layer(&listener, &client, &server);
    char buf[8];

    setenv("WS2POSIX_FAULT", "WSPSend=WSAENETDOWN,WSPRecv=WSAENETDOWN", 1);
    assert_int_equal(send(client, "x", 1, 0), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSAENETDOWN);
    assert_int_equal(recv(server, buf, sizeof(buf), 0), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSAENETDOWN);

    setenv("WS2POSIX_FAULT", "WSPCloseSocket=WSAENETDOWN", 1);
    assert_int_equal(closesocket(client), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSAENETDOWN);

    /* Without faults the same sockets work: nothing below was touched. */
    unsetenv("WS2POSIX_FAULT");
    assert_int_equal(send(client, "y", 1, 0), 1);
    assert_int_equal(recv(server, buf, sizeof(buf), 0), 1);
    assert_int_equal(buf[0], 'y');
    assert_int_equal(closesocket(client), 0);
    assert_int_equal(closesocket(server), 0);
    assert_int_equal(closesocket(listener), 0);
    assert_int_equal(WSACleanup(), 0);
}

/*
 * WSACleanup.txt: WSAENETDOWN, "The network subsystem has failed."  The
 * layer's WSPCleanup still reaches the base provider (every WSPStartup gets
 * its WSPCleanup), so Winsock is cleaned up all the same and starts again.
 */
static void cleanup_reports_network_down(void **state)
{
    (void)state;
    install_layer(&fault_guid, WS2T_FAULT_PATH);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s != INVALID_SOCKET);
    setenv("WS2POSIX_FAULT", "WSPCleanup=WSAENETDOWN", 1);
    assert_int_equal(WSACleanup(), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSAENETDOWN);
    unsetenv("WS2POSIX_FAULT");
    /* The socket went with the cleanup; Winsock is not started any more. */
    assert_int_equal(send(s, "x", 1, 0), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSANOTINITIALISED);
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    s = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s != INVALID_SOCKET);
    closesocket(s);
    assert_int_equal(WSACleanup(), 0);
}

/* A slowed-down call: the delay is taken before the call goes down. */
static void slow_sends_are_slow(void **state)
{
    (void)state;
    install_layer(&fault_guid, WS2T_FAULT_PATH);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET listener, client, server;
    connected_through_layer(&listener, &client, &server);
    setenv("WS2POSIX_FAULT", "WSPSend+300", 1);
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(send(client, "z", 1, 0), 1);
    assert_true(ws2t_now_ms() - t0 >= 250);
    unsetenv("WS2POSIX_FAULT");
    char buf[4];
    assert_int_equal(recv(server, buf, sizeof(buf), 0), 1);
    closesocket(client);
    closesocket(server);
    closesocket(listener);
    assert_int_equal(WSACleanup(), 0);
}

/*
 * LPWSPCleanup.txt: a WSPCleanup without a WSPStartup to match fails with
 * WSANOTINITIALISED through lpErrno.  The layer is started and cleaned up
 * once directly, the way ws2_32 does it, then cleaned up once more.
 */
static void layer_cleanup_without_startup_is_notinitialised(void **state)
{
    (void)state;
    install_layer(&trace_guid, WS2T_TRACE_PATH);
    WSAPROTOCOL_INFOW all[64], chain;
    int n = ws2t_wsc_all(all, 64), found = 0;
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, &chain_guid, sizeof(GUID)) == 0) {
            chain = all[i];
            found = 1;
        }
    assert_true(found);
    void *module = dlopen(WS2T_TRACE_PATH, RTLD_NOW | RTLD_LOCAL);
    assert_non_null(module);
    LPWSPSTARTUP startup = (LPWSPSTARTUP)(uintptr_t)dlsym(module, "WSPStartup");
    assert_non_null(startup);
    WSPUPCALLTABLE upcalls;
    memset(&upcalls, 0, sizeof(upcalls));
    WSPDATA data;
    WSPPROC_TABLE procs;
    assert_int_equal(startup(MAKEWORD(2, 2), &data, &chain, upcalls, &procs), 0);
    int err = 0;
    assert_int_equal(procs.lpWSPCleanup(&err), 0);
    assert_int_equal(procs.lpWSPCleanup(&err), SOCKET_ERROR);
    assert_int_equal(err, WSANOTINITIALISED);
    dlclose(module);
}

/*
 * "--traffic": one connection's worth of calls and nothing else, for the
 * ws2catalog test (tests/install/ws2catalog_check.cmake), which installs the
 * tracing provider with the tool and reads the trace this leaves.
 */
static int traffic(void)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 1;
    SOCKET listener, client, server;
    connected_through_layer(&listener, &client, &server);
    char buf[8];
    if (send(client, "ping", 4, 0) != 4 || recv(server, buf, sizeof(buf), 0) != 4)
        return 2;
    closesocket(client);
    closesocket(server);
    closesocket(listener);
    return WSACleanup() == 0 ? 0 : 3;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--traffic") == 0)
        return traffic();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(trace_sees_each_call_in_order, layered_setup,
                                        layered_teardown),
        cmocka_unit_test_setup_teardown(trace_under_cleanup_with_open_sockets, layered_setup,
                                        layered_teardown),
        cmocka_unit_test_setup_teardown(faults_reach_the_application, layered_setup,
                                        layered_teardown),
        cmocka_unit_test_setup_teardown(cleanup_reports_network_down, layered_setup,
                                        layered_teardown),
        cmocka_unit_test_setup_teardown(slow_sends_are_slow, layered_setup, layered_teardown),
        cmocka_unit_test_setup_teardown(layer_cleanup_without_startup_is_notinitialised,
                                        layered_setup, layered_teardown),
    };
    return cmocka_run_group_tests_name("layered", tests, NULL, NULL);
}
