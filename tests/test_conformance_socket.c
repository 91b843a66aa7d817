/*
 * Making sockets as Windows is observed to: WSASocket's answers for
 * families, types and protocols it does not know (which error wins when
 * more than one argument is wrong), and how a WSAPROTOCOL_INFO argument
 * combines with the explicit ones.  The expected results are those Wine's
 * conformance suite (dlls/ws2_32/tests/sock.c, test_WSASocket) records on
 * real Windows; the checks are our own.
 */
#include <string.h>

#include "testlib.h"

/* WSASocketA must fail with the given error, or succeed when error is 0. */
static void expect_socket(int af, int type, int protocol, int error)
{
    WSASetLastError(0x7777);
    SOCKET s = WSASocketA(af, type, protocol, NULL, 0, 0);
    if (error) {
        assert_true(s == INVALID_SOCKET);
        assert_wsa_error(error);
    } else {
        assert_true(s != INVALID_SOCKET);
        closesocket(s);
    }
}

static void wsasocket_unknown_family_type_protocol_errors(void **state)
{
    (void)state;
    expect_socket(0xdead, SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT);
    expect_socket(AF_INET, 0xdead, IPPROTO_TCP, WSAESOCKTNOSUPPORT);
    expect_socket(AF_INET, SOCK_STREAM, 0xdead, WSAEPROTONOSUPPORT);
    expect_socket(AF_INET, 0, 0xdead, WSAEPROTONOSUPPORT);
    expect_socket(AF_INET, 0xdead, 0, WSAESOCKTNOSUPPORT);
    expect_socket(AF_INET, SOCK_STREAM, IPPROTO_UDP, WSAEPROTONOSUPPORT);
    expect_socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP, WSAEPROTONOSUPPORT);
}

static void wsasocket_minus_one_without_info_is_an_unknown_value(void **state)
{
    (void)state;
    /* FROM_PROTOCOL_INFO (-1) with no WSAPROTOCOL_INFO is not WSAEINVAL. */
    expect_socket(-1, SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT);
    expect_socket(AF_INET, -1, IPPROTO_TCP, WSAESOCKTNOSUPPORT);
    expect_socket(AF_INET, SOCK_STREAM, -1, WSAEPROTONOSUPPORT);
}

static void wsasocket_unknown_type_wins_over_unknown_family(void **state)
{
    (void)state;
    expect_socket(0xdead, 0xdead, IPPROTO_TCP, WSAESOCKTNOSUPPORT);
    expect_socket(0xdead, 0xdead, 0xdead, WSAESOCKTNOSUPPORT);
    expect_socket(AF_INET, 0xdead, 0xdead, WSAESOCKTNOSUPPORT);
    /* ... but an unknown family wins over an unknown or mismatched protocol. */
    expect_socket(0xdead, SOCK_STREAM, 0xdead, WSAEAFNOSUPPORT);
    expect_socket(0xdead, SOCK_STREAM, IPPROTO_UDP, WSAEAFNOSUPPORT);
}

static void wsasocket_af_unspec_needs_a_protocol(void **state)
{
    (void)state;
    expect_socket(AF_UNSPEC, SOCK_STREAM, 0, WSAEINVAL);
    expect_socket(AF_UNSPEC, SOCK_DGRAM, 0, WSAEINVAL);
    expect_socket(AF_UNSPEC, 0xdead, 0, WSAEINVAL);
    expect_socket(AF_UNSPEC, 0, 0, WSAEINVAL);
    expect_socket(AF_UNSPEC, SOCK_STREAM, 0xdead, WSAEPROTONOSUPPORT);
    expect_socket(AF_UNSPEC, 0xdead, IPPROTO_UDP, WSAESOCKTNOSUPPORT);
    expect_socket(AF_UNSPEC, 0, 0xdead, WSAEPROTONOSUPPORT);
    expect_socket(AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0);
    expect_socket(AF_UNSPEC, 0, IPPROTO_UDP, 0);
}

/* The socket's type and protocol as SO_PROTOCOL_INFOA reports them. */
static void expect_kind(SOCKET s, int type, int protocol)
{
    WSAPROTOCOL_INFOA info;
    int len = sizeof(info);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &len), 0);
    assert_int_equal(info.iSocketType, type);
    assert_int_equal(info.iProtocol, protocol);
    closesocket(s);
}

static void wsasocket_zero_type_or_protocol_picks_the_match(void **state)
{
    (void)state;
    expect_kind(WSASocketA(AF_INET, 0, 0, NULL, 0, 0), SOCK_STREAM, IPPROTO_TCP);
    expect_kind(WSASocketA(AF_INET, 0, IPPROTO_UDP, NULL, 0, 0), SOCK_DGRAM, IPPROTO_UDP);
    expect_kind(WSASocketA(AF_INET, SOCK_DGRAM, 0, NULL, 0, 0), SOCK_DGRAM, IPPROTO_UDP);
}

/* The catalog's first IPv4 UDP entry. */
static void udp_info(WSAPROTOCOL_INFOA *out)
{
    int protocols[] = {IPPROTO_UDP, 0};
    WSAPROTOCOL_INFOA all[32];
    DWORD len = sizeof(all);
    int n = WSAEnumProtocolsA(protocols, all, &len);
    assert_true(n > 0);
    for (int i = 0; i < n; i++) {
        if (all[i].iAddressFamily == AF_INET) {
            *out = all[i];
            return;
        }
    }
    fail_msg("no IPv4 UDP entry");
}

static void wsasocket_info_with_bogus_family_is_wsaeafnosupport(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOA info;
    udp_info(&info);
    info.iAddressFamily = info.iSocketType = info.iProtocol = -1;
    WSASetLastError(0);
    assert_true(WSASocketA(0, 0, IPPROTO_UDP, &info, 0, 0) == INVALID_SOCKET);
    assert_wsa_error(WSAEAFNOSUPPORT);
    info.iAddressFamily = info.iSocketType = info.iProtocol = 0;
    WSASetLastError(0);
    assert_true(WSASocketA(0, 0, IPPROTO_UDP, &info, 0, 0) == INVALID_SOCKET);
    assert_wsa_error(WSAEAFNOSUPPORT);
}

static void wsasocket_zero_arguments_come_from_the_info(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOA info;
    udp_info(&info);
    expect_kind(WSASocketA(0, 0, 0, &info, 0, 0), SOCK_DGRAM, IPPROTO_UDP);
    expect_kind(WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0),
                SOCK_DGRAM, IPPROTO_UDP);
}

static void wsaduplicatesocket_checks_the_process_before_the_structure(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOA info;
    WSASetLastError(0);
    assert_int_equal(WSADuplicateSocketA(0, GetCurrentProcessId(), &info), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(WSADuplicateSocketA(s, 0, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSADuplicateSocketA(s, ~0u, &info), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSADuplicateSocketA(s, GetCurrentProcessId(), NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    closesocket(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(wsasocket_unknown_family_type_protocol_errors),
        T(wsasocket_minus_one_without_info_is_an_unknown_value),
        T(wsasocket_unknown_type_wins_over_unknown_family),
        T(wsasocket_af_unspec_needs_a_protocol),
        T(wsasocket_zero_type_or_protocol_picks_the_match),
        T(wsasocket_info_with_bogus_family_is_wsaeafnosupport),
        T(wsasocket_zero_arguments_come_from_the_info),
        T(wsaduplicatesocket_checks_the_process_before_the_structure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
