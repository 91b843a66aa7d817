/*
 * The catalog calls checked against what Windows 10/11 is observed to
 * answer: WSAEnumProtocolsA/W sizing, filtering and the service flags of the
 * TCP and UDP entries, and WSCGetProviderPath's argument errors.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include <ws2spi.h>

/* The service flags Windows gives every TCP and UDP entry over IPv4 and IPv6. */
#define TCP_FLAGS                                                                                  \
    (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | XP1_EXPEDITED_DATA |    \
     XP1_IFS_HANDLES)
#define UDP_FLAGS                                                                                  \
    (XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT |  \
     XP1_IFS_HANDLES)

static void check_entry(int family, int version, int type, int protocol, DWORD flags1,
                        size_t name_len)
{
    assert_true(name_len > 0);
    if ((family != AF_INET && family != AF_INET6) || version != 2)
        return;
    /* QoS support depends on what is installed on Windows. */
    flags1 &= ~(DWORD)XP1_QOS_SUPPORTED;
    if (type == SOCK_STREAM && protocol == IPPROTO_TCP)
        assert_int_equal(flags1, TCP_FLAGS);
    if (type == SOCK_DGRAM && protocol == IPPROTO_UDP)
        assert_int_equal(flags1, UDP_FLAGS);
}

/*
 * No buffer, or a zero length with a buffer, is WSAENOBUFS with the needed
 * length; a filter naming unknown protocols among TCP and UDP sizes and
 * returns the TCP and UDP entries only.
 */
static void enum_protocols_a_sizing_and_filter(void **state)
{
    (void)state;
    DWORD len = 0;
    WSAPROTOCOL_INFOA one;
    assert_int_equal(WSAEnumProtocolsA(NULL, NULL, &len), SOCKET_ERROR);
    assert_wsa_error(WSAENOBUFS);
    assert_true(len >= sizeof(WSAPROTOCOL_INFOA));
    len = 0;
    assert_int_equal(WSAEnumProtocolsA(NULL, &one, &len), SOCKET_ERROR);
    assert_wsa_error(WSAENOBUFS);
    assert_int_equal(len % sizeof(WSAPROTOCOL_INFOA), 0);

    WSAPROTOCOL_INFOA *all = malloc(len);
    assert_non_null(all);
    int n = WSAEnumProtocolsA(NULL, all, &len);
    assert_true(n >= 2);
    for (int i = 0; i < n; i++)
        check_entry(all[i].iAddressFamily, all[i].iVersion, all[i].iSocketType, all[i].iProtocol,
                    all[i].dwServiceFlags1, strlen(all[i].szProtocol));
    free(all);

    INT filter[] = {0xdead, IPPROTO_TCP, 0xcafe, IPPROTO_UDP, 0xbeef, 0};
    len = 0;
    assert_int_equal(WSAEnumProtocolsA(filter, NULL, &len), SOCKET_ERROR);
    assert_wsa_error(WSAENOBUFS);
    all = malloc(len);
    assert_non_null(all);
    n = WSAEnumProtocolsA(filter, all, &len);
    assert_true(n >= 2);
    bool tcp = false, udp = false;
    for (int i = 0; i < n; i++) {
        assert_true(all[i].iProtocol == IPPROTO_TCP || all[i].iProtocol == IPPROTO_UDP);
        tcp |= all[i].iProtocol == IPPROTO_TCP;
        udp |= all[i].iProtocol == IPPROTO_UDP;
    }
    assert_true(tcp && udp);
    free(all);
}

static void enum_protocols_w_sizing_and_flags(void **state)
{
    (void)state;
    DWORD len = 0;
    WSAPROTOCOL_INFOW one;
    assert_int_equal(WSAEnumProtocolsW(NULL, NULL, &len), SOCKET_ERROR);
    assert_wsa_error(WSAENOBUFS);
    len = 0;
    assert_int_equal(WSAEnumProtocolsW(NULL, &one, &len), SOCKET_ERROR);
    assert_wsa_error(WSAENOBUFS);
    WSAPROTOCOL_INFOW *all = malloc(len);
    assert_non_null(all);
    int n = WSAEnumProtocolsW(NULL, all, &len);
    assert_true(n >= 2);
    for (int i = 0; i < n; i++) {
        size_t name_len = 0;
        while (name_len <= WSAPROTOCOL_LEN && all[i].szProtocol[name_len])
            name_len++;
        check_entry(all[i].iAddressFamily, all[i].iVersion, all[i].iSocketType, all[i].iProtocol,
                    all[i].dwServiceFlags1, name_len);
    }
    free(all);
}

/*
 * WSCGetProviderPath: a NULL provider or a NULL length is WSAEFAULT in the
 * error out-parameter; a length of -1 is WSAEINVAL and stays -1.
 */
static void wsc_get_provider_path_argument_errors(void **state)
{
    (void)state;
    GUID zero;
    memset(&zero, 0, sizeof(zero));
    WCHAR path[MAX_PATH];
    INT len = MAX_PATH, err = 0;
    assert_int_equal(WSCGetProviderPath(NULL, path, &len, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    err = 0;
    assert_int_equal(WSCGetProviderPath(&zero, NULL, NULL, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    err = 0;
    assert_int_equal(WSCGetProviderPath(&zero, path, NULL, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    err = 0;
    len = -1;
    assert_int_equal(WSCGetProviderPath(&zero, path, &len, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    assert_int_equal(len, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(enum_protocols_a_sizing_and_filter, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(enum_protocols_w_sizing_and_flags, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(wsc_get_provider_path_argument_errors, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("conformance_catalog", tests, NULL, NULL);
}
