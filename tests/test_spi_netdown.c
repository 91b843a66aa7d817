/*
 * WSAENETDOWN through the whole stack, and the provider's WSPStartup/
 * WSPCleanup pairing (spec: closesocket.md and WSACleanup.txt error tables,
 * WSPCloseSocket.txt, LPWSPCleanup.txt).
 *
 * A test provider whose network "has failed" is added to the catalog for an
 * otherwise unused protocol number.  It makes its sockets with
 * WPUCreateSocketHandle, like a non-IFS provider, and reports WSAENETDOWN
 * through lpErrno; ws2_32 must pass that on as the calls' last error.
 */
#include <string.h>

#include "testlib.h"
#include "providers/common/unsupported.h"
#include "ws2_32/catalog.h"

#define NETDOWN_PROTOCOL 200

static int startups, cleanups, live_sockets;
static BOOL fail_close;
static WSPUPCALLTABLE upcalls;

static SOCKET WSPAPI netdown_socket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW info,
                                    GROUP g, DWORD flags, LPINT err)
{
    (void)af, (void)type, (void)protocol, (void)g, (void)flags;
    SOCKET s = upcalls.lpWPUCreateSocketHandle(info->dwCatalogEntryId, 0x5eed, err);
    if (s != INVALID_SOCKET)
        live_sockets++;
    return s;
}

static int WSPAPI netdown_close(SOCKET s, LPINT err)
{
    if (fail_close) {
        *err = WSAENETDOWN;
        return SOCKET_ERROR;
    }
    DWORD_PTR context = 0;
    if (upcalls.lpWPUQuerySocketHandleContext(s, &context, err) != 0 || context != 0x5eed)
        return SOCKET_ERROR;
    live_sockets--;
    return upcalls.lpWPUCloseSocketHandle(s, err);
}

static int WSPAPI netdown_send_to(SOCKET s, LPWSABUF b, DWORD n, LPDWORD sent, DWORD flags,
                                  const struct sockaddr *to, int tolen, LPWSAOVERLAPPED o,
                                  LPWSAOVERLAPPED_COMPLETION_ROUTINE r, LPWSATHREADID t, LPINT err)
{
    (void)s, (void)b, (void)n, (void)sent, (void)flags, (void)to, (void)tolen, (void)o, (void)r,
        (void)t;
    *err = WSAENETDOWN;
    return SOCKET_ERROR;
}

static int WSPAPI netdown_send(SOCKET s, LPWSABUF b, DWORD n, LPDWORD sent, DWORD flags,
                               LPWSAOVERLAPPED o, LPWSAOVERLAPPED_COMPLETION_ROUTINE r,
                               LPWSATHREADID t, LPINT err)
{
    (void)s, (void)b, (void)n, (void)sent, (void)flags, (void)o, (void)r, (void)t;
    *err = WSAENETDOWN;
    return SOCKET_ERROR;
}

static int WSPAPI netdown_recv_from(SOCKET s, LPWSABUF b, DWORD n, LPDWORD got, LPDWORD flags,
                                    struct sockaddr *from, LPINT fromlen, LPWSAOVERLAPPED o,
                                    LPWSAOVERLAPPED_COMPLETION_ROUTINE r, LPWSATHREADID t,
                                    LPINT err)
{
    (void)s, (void)b, (void)n, (void)got, (void)flags, (void)from, (void)fromlen, (void)o, (void)r,
        (void)t;
    *err = WSAENETDOWN;
    return SOCKET_ERROR;
}

static int WSPAPI netdown_recv(SOCKET s, LPWSABUF b, DWORD n, LPDWORD got, LPDWORD flags,
                               LPWSAOVERLAPPED o, LPWSAOVERLAPPED_COMPLETION_ROUTINE r,
                               LPWSATHREADID t, LPINT err)
{
    return netdown_recv_from(s, b, n, got, flags, NULL, NULL, o, r, t, err);
}

static int WSPAPI netdown_cleanup(LPINT err)
{
    cleanups++;
    *err = WSAENETDOWN;
    return SOCKET_ERROR;
}

static int WSPAPI netdown_startup(WORD version, LPWSPDATA data, LPWSAPROTOCOL_INFOW info,
                                  WSPUPCALLTABLE table, LPWSPPROC_TABLE procs)
{
    (void)info;
    assert_int_equal(version, MAKEWORD(2, 2));
    data->wVersion = data->wHighVersion = MAKEWORD(2, 2);
    upcalls = table;
    memset(procs, 0, sizeof(*procs));
    procs->lpWSPSocket = netdown_socket;
    procs->lpWSPCloseSocket = netdown_close;
    procs->lpWSPSend = netdown_send;
    procs->lpWSPSendTo = netdown_send_to;
    procs->lpWSPRecvFrom = netdown_recv_from;
    procs->lpWSPRecv = netdown_recv;
    procs->lpWSPCleanup = netdown_cleanup;
    provider_fill_unsupported(procs);
    startups++;
    return 0;
}

static void add_provider(void)
{
    static int added;
    if (added++)
        return;
    WSAPROTOCOL_INFOW info;
    memset(&info, 0, sizeof(info));
    info.ProtocolChain.ChainLen = BASE_PROTOCOL;
    info.iVersion = 2;
    info.iAddressFamily = AF_INET;
    info.iSocketType = SOCK_STREAM;
    info.iProtocol = NETDOWN_PROTOCOL;
    info.iMaxSockAddr = info.iMinSockAddr = sizeof(struct sockaddr_in);
    assert_int_equal(ws2_catalog_add(&info, netdown_startup), 0);
    assert_true(info.dwCatalogEntryId != 0);
}

static int netdown_setup(void **state)
{
    add_provider();
    startups = cleanups = 0;
    fail_close = FALSE;
    return ws2t_setup(state);
}

/* send and recv: "WSAENETDOWN: The network subsystem has failed." */
static void send_and_recv_report_netdown(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, NETDOWN_PROTOCOL);
    assert_true(s != INVALID_SOCKET);
    char b[4] = "abc";
    struct sockaddr_in to = {.sin_family = AF_INET};
    assert_int_equal(send(s, b, 3, 0), SOCKET_ERROR);
    assert_wsa_error(WSAENETDOWN);
    assert_int_equal(sendto(s, b, 3, 0, (struct sockaddr *)&to, sizeof(to)), SOCKET_ERROR);
    assert_wsa_error(WSAENETDOWN);
    assert_int_equal(recv(s, b, 3, 0), SOCKET_ERROR);
    assert_wsa_error(WSAENETDOWN);
    assert_int_equal(recvfrom(s, b, 3, 0, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAENETDOWN);
    /* A call the provider does not offer reports WSAEOPNOTSUPP, never a crash. */
    assert_int_equal(listen(s, 1), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    assert_int_equal(closesocket(s), 0);
    assert_int_equal(live_sockets, 0);
}

/* closesocket.md error table: WSAENETDOWN from the provider's WSPCloseSocket. */
static void closesocket_reports_netdown(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, NETDOWN_PROTOCOL);
    assert_true(s != INVALID_SOCKET);
    fail_close = TRUE;
    assert_int_equal(closesocket(s), SOCKET_ERROR);
    assert_wsa_error(WSAENETDOWN);
    fail_close = FALSE;
    assert_int_equal(closesocket(s), 0);
}

/*
 * WSACleanup.txt error table: WSAENETDOWN.  The provider's failure is
 * reported, yet the final cleanup still happened: the count is zero, the
 * provider got exactly one WSPCleanup for its one WSPStartup, and WSAStartup
 * works again at once.
 */
static void cleanup_reports_netdown_and_still_cleans_up(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, NETDOWN_PROTOCOL);
    assert_true(s != INVALID_SOCKET);
    SOCKET t = socket(AF_INET, SOCK_STREAM, NETDOWN_PROTOCOL);
    assert_true(t != INVALID_SOCKET);
    assert_int_equal(startups, 1); /* started with the first socket, once */

    assert_int_equal(WSACleanup(), SOCKET_ERROR);
    assert_wsa_error(WSAENETDOWN);
    assert_int_equal(cleanups, 1);
    assert_int_equal(WSACleanup(), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);

    /* The sockets the failing provider left open are gone all the same. */
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET u = socket(AF_INET, SOCK_STREAM, NETDOWN_PROTOCOL);
    assert_true(u != INVALID_SOCKET);
    assert_int_equal(startups, 2); /* WSPStartup again after the cleanup */
    assert_int_equal(closesocket(s), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(closesocket(t), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    live_sockets = 1;
    fail_close = FALSE;
    assert_int_equal(closesocket(u), 0);
}

/* LPWSPCleanup.txt: only the final WSACleanup reaches WSPCleanup. */
static void only_the_final_cleanup_reaches_the_provider(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET s = socket(AF_INET, SOCK_STREAM, NETDOWN_PROTOCOL);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(cleanups, 0);
    assert_int_equal(closesocket(s), 0);
    assert_int_equal(WSACleanup(), SOCKET_ERROR);
    assert_wsa_error(WSAENETDOWN);
    assert_int_equal(cleanups, 1);
}

/* The protocol chooses the provider; the base provider still serves protocol 0. */
static void catalog_chooses_by_protocol(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s != INVALID_SOCKET);
    char b = 0;
    assert_int_equal(send(s, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAENOTCONN); /* the base provider's answer, not WSAENETDOWN */
    assert_int_equal(closesocket(s), 0);
    assert_int_equal(startups, 0);
    assert_true(socket(AF_INET, SOCK_DGRAM, NETDOWN_PROTOCOL) == INVALID_SOCKET);
    assert_wsa_error(WSAEPROTONOSUPPORT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(send_and_recv_report_netdown, netdown_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(closesocket_reports_netdown, netdown_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(cleanup_reports_netdown_and_still_cleans_up, netdown_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(only_the_final_cleanup_reaches_the_provider, netdown_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(catalog_chooses_by_protocol, netdown_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("spi_netdown", tests, NULL, NULL);
}
