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

/*
 * The base entries carry the names and provider ids Windows' catalog shows
 * ("netsh winsock show catalog" on Windows 10): "MSAFD Tcpip [TCP/IP]" and
 * its siblings, {E70F1AA0-AB8B-11CF-8CA3-00805F48A192} for the IPv4 entries
 * and {F9EAB0C0-26D4-11D0-BBBF-00AA006C34E4} for the IPv6 ones.
 */
static void catalog_names_and_provider_ids_are_windows(void **state)
{
    (void)state;
    static const GUID ipv4 = {
        0xe70f1aa0, 0xab8b, 0x11cf, {0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92}};
    static const GUID ipv6 = {
        0xf9eab0c0, 0x26d4, 0x11d0, {0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4}};
    static const struct {
        int af, type;
        const char *name;
    } expected[] = {
        {AF_INET, SOCK_STREAM, "MSAFD Tcpip [TCP/IP]"},
        {AF_INET, SOCK_DGRAM, "MSAFD Tcpip [UDP/IP]"},
        {AF_INET, SOCK_RAW, "MSAFD Tcpip [RAW/IP]"},
        {AF_INET6, SOCK_STREAM, "MSAFD Tcpip [TCP/IPv6]"},
        {AF_INET6, SOCK_DGRAM, "MSAFD Tcpip [UDP/IPv6]"},
        {AF_INET6, SOCK_RAW, "MSAFD Tcpip [RAW/IPv6]"},
    };
    WSAPROTOCOL_INFOW all[32];
    int n = ws2t_wsc_all(all, 32);
    for (size_t k = 0; k < sizeof(expected) / sizeof(expected[0]); k++) {
        int found = -1;
        for (int i = 0; i < n && found < 0; i++)
            if (all[i].ProtocolChain.ChainLen == BASE_PROTOCOL &&
                all[i].iAddressFamily == expected[k].af && all[i].iSocketType == expected[k].type)
                found = i;
        assert_true(found >= 0);
        WCHAR name[WSAPROTOCOL_LEN + 1];
        ws2t_wide(expected[k].name, name);
        assert_memory_equal(all[found].szProtocol, name,
                            (strlen(expected[k].name) + 1) * sizeof(WCHAR));
        assert_memory_equal(&all[found].ProviderId, expected[k].af == AF_INET6 ? &ipv6 : &ipv4,
                            sizeof(GUID));
    }
    /* The A form gives the same name in chars, and a socket's SO_PROTOCOL_INFOA too. */
    INT tcp[] = {IPPROTO_TCP, 0};
    WSAPROTOCOL_INFOA a[8];
    DWORD len = sizeof(a);
    assert_true(WSAEnumProtocolsA(tcp, a, &len) >= 1);
    assert_string_equal(a[0].szProtocol, "MSAFD Tcpip [TCP/IP]");
    SOCKET s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(s != INVALID_SOCKET);
    WSAPROTOCOL_INFOA info;
    int ilen = sizeof(info);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &ilen), 0);
    assert_string_equal(info.szProtocol, "MSAFD Tcpip [UDP/IPv6]");
    assert_memory_equal(&info.ProviderId, &ipv6, sizeof(GUID));
    closesocket(s);
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
        cmocka_unit_test_setup_teardown(catalog_names_and_provider_ids_are_windows, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("protocols", tests, NULL, NULL);
}
