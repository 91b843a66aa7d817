/*
 * What a running process sees when its catalog changes and a
 * WSAProviderConfigChange handle watches it: the catalog is read again
 * before the notification completes, so the WSAEnumProtocols that follows
 * shows the change (WSAProviderConfigChange.md: "the following sequence of
 * actions can be used to guarantee that the application always has current
 * protocol configuration information"); sockets made before the change keep
 * their provider, even one the change removed, until they are closed or the
 * final WSACleanup cleans it up; a file that does not parse changes nothing.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sporder.h>
#include <ws2spi.h>

#include "provcfg_catalog.h"

static void change_between_calls_completes_the_next_call_at_once(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    rewrite_in_place(true);
    /* The catalog is read again when the change is seen. */
    uint64_t deadline = ws2t_now_ms() + CHANGE_TIMEOUT_MS;
    while (!enum_has_test_entry() && ws2t_now_ms() < deadline)
        Sleep(20);
    assert_true(enum_has_test_entry());
    /* The change came before the call: it is reported at once, and the next call waits. */
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    int r = WSAProviderConfigChange(&h, &ov, NULL);
    if (r == SOCKET_ERROR) {
        /* The watcher may still be between its re-read and its notification. */
        assert_wsa_error(WSA_IO_PENDING);
        assert_int_equal(WaitForSingleObject(ov.hEvent, CHANGE_TIMEOUT_MS), WAIT_OBJECT_0);
    } else {
        assert_int_equal(r, 0);
        /* Success at once still sets the event, as every Winsock overlapped call does. */
        assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
    }
    assert_true(HasOverlappedIoCompleted(&ov));
    assert_int_equal(ov.Internal, 0);
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WaitForSingleObject(ov.hEvent, QUIET_MS), WAIT_TIMEOUT);
    assert_true(CloseHandle(h));
    /* The close aborted it, with its event. */
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
    WSACloseEvent(ov.hEvent);
}

static void open_sockets_keep_working_across_a_catalog_change(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    HANDLE h = new_handle();
    struct changer c = {.delay_ms = QUIET_MS, .rename = true};
    HANDLE t = start_changer(&c);
    assert_int_equal(WSAProviderConfigChange(&h, NULL, NULL), 0);
    ws2t_join(t);
    assert_true(enum_has_test_entry());
    /* The sockets made before the change still reach their provider, and new ones are made. */
    char buf[8] = {0};
    assert_int_equal(send(client, "ping", 4, 0), 4);
    assert_int_equal(recv(server, buf, sizeof(buf), 0), 4);
    assert_memory_equal(buf, "ping", 4);
    SOCKET fresh = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(fresh != INVALID_SOCKET);
    assert_int_equal(closesocket(fresh), 0);
    assert_int_equal(closesocket(client), 0);
    assert_int_equal(closesocket(server), 0);
    assert_true(CloseHandle(h));
}

/* ---- A layered provider dropped from the catalog while its sockets live ---- */

static GUID layer_guid = {
    0x6c4b6f1e, 0x2a57, 0x4d4f, {0x9b, 0x9e, 0x7f, 0x1d, 0x2b, 0x3c, 0x4a, 0x51}};
static GUID chain_guid = {0x2b3c4d5e, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0xc3}};

/* The trace provider (src/providers/trace) over TCP/IPv4, its chain first in the catalog. */
static void install_trace_layer(void)
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
    ws2t_wide(WS2T_TRACE_PATH, wpath);
    int err = 0;
    WSAPROTOCOL_INFOW layered = base;
    layered.dwCatalogEntryId = 0;
    layered.ProtocolChain.ChainLen = LAYERED_PROTOCOL;
    ws2t_wide("provcfg layer", layered.szProtocol);
    assert_int_equal(WSCInstallProvider(&layer_guid, wpath, &layered, 1, &err), 0);
    DWORD layer_id = 0;
    n = ws2t_wsc_all(all, 64);
    for (int i = 0; i < n; i++)
        if (memcmp(&all[i].ProviderId, &layer_guid, sizeof(GUID)) == 0)
            layer_id = all[i].dwCatalogEntryId;
    assert_true(layer_id != 0);
    WSAPROTOCOL_INFOW chain = base;
    chain.dwCatalogEntryId = 0;
    chain.ProtocolChain.ChainLen = 2;
    chain.ProtocolChain.ChainEntries[0] = layer_id;
    chain.ProtocolChain.ChainEntries[1] = base.dwCatalogEntryId;
    ws2t_wide("provcfg layer over TCP/IPv4", chain.szProtocol);
    assert_int_equal(WSCInstallProvider(&chain_guid, wpath, &chain, 1, &err), 0);
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

/* Whether WSAEnumProtocols (this process's catalog) lists the chain first. */
static bool chain_listed_first(void)
{
    WSAPROTOCOL_INFOW infos[64];
    DWORD len = sizeof(infos);
    int n = WSAEnumProtocolsW(NULL, infos, &len);
    assert_true(n > 0);
    return memcmp(&infos[0].ProviderId, &chain_guid, sizeof(GUID)) == 0;
}

/* Waits (notified by h) until the catalog shows the chain first, or no longer does. */
static void wait_for_chain(HANDLE h, bool listed)
{
    uint64_t deadline = ws2t_now_ms() + CHANGE_TIMEOUT_MS;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    while (chain_listed_first() != listed) {
        assert_true(ws2t_now_ms() < deadline);
        int r = WSAProviderConfigChange(&h, &ov, NULL);
        if (r == SOCKET_ERROR) {
            assert_wsa_error(WSA_IO_PENDING);
            /* A re-read may have happened between the check and the call: look again. */
            if (WaitForSingleObject(ov.hEvent, 500) != WAIT_OBJECT_0)
                assert_true(CancelIoEx(h, &ov));
            DWORD bytes;
            GetOverlappedResult(h, &ov, &bytes, TRUE);
        }
    }
    WSACloseEvent(ov.hEvent);
}

static int count_in_trace(const char *trace, const char *name)
{
    FILE *f = fopen(trace, "r");
    if (!f)
        return 0;
    char line[512];
    int n = 0;
    size_t len = strlen(name);
    while (fgets(line, sizeof(line), f)) {
        char call[64];
        /* "<us> <thread> <name>(<args>) = ..." */
        if (sscanf(line, "%*s %*s %63[^(]", call) == 1 && strlen(call) == len &&
            strcmp(call, name) == 0)
            n++;
    }
    fclose(f);
    return n;
}

static void dropped_provider_keeps_its_sockets_until_the_final_cleanup(void **state)
{
    (void)state;
    char trace[128];
    snprintf(trace, sizeof(trace), "%s/trace", dir);
    setenv("WS2POSIX_TRACE", trace, 1);
    HANDLE h = new_handle();
    install_trace_layer();
    wait_for_chain(h, true);

    SOCKET listener = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(listener != INVALID_SOCKET);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int len = sizeof(addr);
    assert_int_equal(bind(listener, (struct sockaddr *)&addr, sizeof(addr)), 0);
    assert_int_equal(listen(listener, 4), 0);
    assert_int_equal(getsockname(listener, (struct sockaddr *)&addr, &len), 0);
    SOCKET client = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(client != INVALID_SOCKET);
    assert_int_equal(connect(client, (struct sockaddr *)&addr, sizeof(addr)), 0);
    SOCKET server = accept(listener, NULL, NULL);
    assert_true(server != INVALID_SOCKET);
    /* Made through the layer. */
    assert_int_equal(count_in_trace(trace, "WSPStartup"), 1);
    assert_int_equal(count_in_trace(trace, "WSPSocket"), 2);

    /* The layer goes from the catalog; this process re-reads it. */
    int err = 0;
    assert_int_equal(WSCDeinstallProvider(&chain_guid, &err), 0);
    assert_int_equal(WSCDeinstallProvider(&layer_guid, &err), 0);
    wait_for_chain(h, false);

    /* Its sockets still reach it. */
    int sends = count_in_trace(trace, "WSPSend");
    assert_int_equal(send(client, "ping", 4, 0), 4);
    char buf[8];
    assert_int_equal(recv(server, buf, sizeof(buf), 0), 4);
    assert_memory_equal(buf, "ping", 4);
    assert_int_equal(count_in_trace(trace, "WSPSend"), sends + 1);
    /* A new socket does not: the catalog no longer has the chain. */
    SOCKET fresh = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fresh != INVALID_SOCKET);
    assert_int_equal(count_in_trace(trace, "WSPSocket"), 2);
    assert_int_equal(closesocket(fresh), 0);
    assert_int_equal(closesocket(client), 0);
    assert_int_equal(count_in_trace(trace, "WSPCloseSocket"), 1);
    assert_true(CloseHandle(h));
    /* The final WSACleanup still calls the dropped provider's WSPCleanup, once. */
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(count_in_trace(trace, "WSPCleanup"), 1);
    assert_int_equal(count_in_trace(trace, "WSPStartup"), 1);
    unsetenv("WS2POSIX_TRACE");
}

/* A catalog that does not parse (half an edit, a mistake) changes nothing and notifies nobody. */
static void unreadable_catalog_keeps_the_old_one_and_does_not_notify(void **state)
{
    (void)state;
    HANDLE h = new_handle();
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSAProviderConfigChange(&h, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    FILE *f = fopen(catalog_path, "w");
    assert_non_null(f);
    assert_int_equal(fputs("version 1\nnext-id 1006\nentry id=1005 this is not an entry\n", f) >= 0,
                     1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 1000), WAIT_TIMEOUT);
    assert_true(still_pending(&ov));
    assert_false(enum_has_test_entry());
    /* The file reads again: now the change is reported. */
    rewrite_in_place(true);
    assert_int_equal(WaitForSingleObject(ov.hEvent, CHANGE_TIMEOUT_MS), WAIT_OBJECT_0);
    assert_true(enum_has_test_entry());
    assert_true(CloseHandle(h));
    WSACloseEvent(ov.hEvent);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, catalog_setup, catalog_teardown)
    const struct CMUnitTest tests[] = {
        T(change_between_calls_completes_the_next_call_at_once),
        T(open_sockets_keep_working_across_a_catalog_change),
        T(dropped_provider_keeps_its_sockets_until_the_final_cleanup),
        T(unreadable_catalog_keeps_the_old_one_and_does_not_notify),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
