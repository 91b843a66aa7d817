/* WSAEnumProtocolsA/W and sockets made from a WSAPROTOCOL_INFO. */
#include <string.h>

#include "testlib.h"

/* "If the buffer is too small ... WSAENOBUFS ... lpdwBufferLength gets the required size." */
static void enum_reports_the_size_needed(void **state)
{
    (void)state;
    DWORD len = 0;
    assert_int_equal(WSAEnumProtocolsW(NULL, NULL, &len), SOCKET_ERROR);
    assert_wsa_error(WSAENOBUFS);
    assert_int_equal(len, 5 * sizeof(WSAPROTOCOL_INFOW)); /* TCP, UDP (IPv4, IPv6), AF_UNIX */
    assert_int_equal(WSAEnumProtocolsW(NULL, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
}

/* TCP and UDP over IPv4 and IPv6, with Windows' numbers, each usable to make a socket. */
static void enum_lists_tcp_and_udp_for_both_families(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW info[8];
    DWORD len = sizeof(info);
    int n = WSAEnumProtocolsW(NULL, info, &len);
    assert_int_equal(n, 5);
    int seen = 0;
    for (int i = 0; i < n; i++) {
        assert_true(info[i].dwCatalogEntryId != 0);
        if (info[i].iAddressFamily == AF_UNIX)
            continue; /* test_afunix */
        assert_int_equal(info[i].ProtocolChain.ChainLen, BASE_PROTOCOL);
        assert_true(info[i].iAddressFamily == AF_INET || info[i].iAddressFamily == AF_INET6);
        if (info[i].iSocketType == SOCK_STREAM) {
            assert_int_equal(info[i].iProtocol, IPPROTO_TCP);
            assert_true(info[i].dwServiceFlags1 & XP1_GRACEFUL_CLOSE);
        } else {
            assert_int_equal(info[i].iSocketType, SOCK_DGRAM);
            assert_int_equal(info[i].iProtocol, IPPROTO_UDP);
            assert_true(info[i].dwServiceFlags1 & XP1_CONNECTIONLESS);
        }
        seen |= 1 << ((info[i].iAddressFamily == AF_INET6) * 2 + (info[i].iSocketType - 1));
        SOCKET s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info[i],
                              0, WSA_FLAG_OVERLAPPED);
        assert_true(s != INVALID_SOCKET);
        int type = 0, tlen = sizeof(type);
        assert_int_equal(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &tlen), 0);
        assert_int_equal(type, info[i].iSocketType);
        closesocket(s);
    }
    assert_int_equal(seen, 0xf);
}

/* lpiProtocols: "a NULL-terminated array of iProtocol values". */
static void enum_filters_by_protocol(void **state)
{
    (void)state;
    INT udp[] = {IPPROTO_UDP, 0};
    WSAPROTOCOL_INFOA info[8];
    DWORD len = sizeof(info);
    int n = WSAEnumProtocolsA(udp, info, &len);
    assert_int_equal(n, 2);
    for (int i = 0; i < n; i++) {
        assert_int_equal(info[i].iProtocol, IPPROTO_UDP);
        assert_non_null(strstr(info[i].szProtocol, "UDP"));
    }
}

static void enum_needs_startup(void **state)
{
    (void)state;
    DWORD len = 0;
    assert_int_equal(WSAEnumProtocolsW(NULL, NULL, &len), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
}

/*
 * WSASocket with FROM_PROTOCOL_INFO but no structure fails: Windows treats
 * the -1 as an unknown family (Wine's conformance test_WSASocket).
 */
static void from_protocol_info_needs_the_structure(void **state)
{
    (void)state;
    assert_true(WSASocketW(FROM_PROTOCOL_INFO, SOCK_STREAM, 0, NULL, 0, 0) == INVALID_SOCKET);
    assert_wsa_error(WSAEAFNOSUPPORT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(enum_reports_the_size_needed, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(enum_lists_tcp_and_udp_for_both_families, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(enum_filters_by_protocol, ws2t_setup, ws2t_teardown),
        cmocka_unit_test(enum_needs_startup),
        cmocka_unit_test_setup_teardown(from_protocol_info_needs_the_structure, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("protocols", tests, NULL, NULL);
}
