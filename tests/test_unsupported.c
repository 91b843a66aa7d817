/*
 * Declared means exported: the Winsock calls ws2posix declares but does not
 * offer (src/ws2_32/unsupported.c) link, and fail at run time as a Winsock
 * call fails: their documented failure value, and in WSAGetLastError first
 * the checks every call makes (WSANOTINITIALISED before WSAStartup,
 * WSAENOTSOCK for a handle that is no socket), then WSAEOPNOTSUPP.  They
 * read no argument: pointers that point nowhere do not crash them.
 * (link_declared_exported checks that every declared function links.)
 */
#include <stdbool.h>

#include "testlib.h"

#include <ws2spi.h>

/* Arguments no call may dereference. */
#define BAD_PTR ((void *)(uintptr_t)1)

/* Each call, with arguments that point nowhere; true when it returned its failure value. */
static bool call_async_select(SOCKET s)
{
    return WSAAsyncSelect(s, (HWND)BAD_PTR, 0x400, FD_READ) == SOCKET_ERROR;
}
static bool call_get_qos_by_name(SOCKET s)
{
    return !WSAGetQOSByName(s, BAD_PTR, BAD_PTR);
}
static bool call_join_leaf(SOCKET s)
{
    return WSAJoinLeaf(s, BAD_PTR, 16, NULL, NULL, NULL, NULL, JL_BOTH) == INVALID_SOCKET;
}

static const struct socket_call {
    const char *name;
    bool (*call)(SOCKET s);
} socket_calls[] = {
    {"WSAAsyncSelect", call_async_select},
    {"WSAGetQOSByName", call_get_qos_by_name},
    {"WSAJoinLeaf", call_join_leaf},
};

static bool call_get_host_by_name(void)
{
    return WSAAsyncGetHostByName((HWND)BAD_PTR, 0x400, "localhost", BAD_PTR, 1024) == NULL;
}
static bool call_get_host_by_addr(void)
{
    return WSAAsyncGetHostByAddr((HWND)BAD_PTR, 0x400, BAD_PTR, 4, AF_INET, BAD_PTR, 1024) == NULL;
}
static bool call_get_serv_by_name(void)
{
    return WSAAsyncGetServByName((HWND)BAD_PTR, 0x400, "http", "tcp", BAD_PTR, 1024) == NULL;
}
static bool call_get_serv_by_port(void)
{
    return WSAAsyncGetServByPort((HWND)BAD_PTR, 0x400, 80, "tcp", BAD_PTR, 1024) == NULL;
}
static bool call_get_proto_by_name(void)
{
    return WSAAsyncGetProtoByName((HWND)BAD_PTR, 0x400, "tcp", BAD_PTR, 1024) == NULL;
}
static bool call_get_proto_by_number(void)
{
    return WSAAsyncGetProtoByNumber((HWND)BAD_PTR, 0x400, 6, BAD_PTR, 1024) == NULL;
}
static bool call_lookup_begin_a(void)
{
    return WSALookupServiceBeginA(BAD_PTR, LUP_RETURN_ALL, BAD_PTR) == SOCKET_ERROR;
}
static bool call_lookup_begin_w(void)
{
    return WSALookupServiceBeginW(BAD_PTR, LUP_RETURN_ALL, BAD_PTR) == SOCKET_ERROR;
}
static bool call_lookup_next_a(void)
{
    return WSALookupServiceNextA(BAD_PTR, 0, BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_lookup_next_w(void)
{
    return WSALookupServiceNextW(BAD_PTR, 0, BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_lookup_end(void)
{
    return WSALookupServiceEnd(BAD_PTR) == SOCKET_ERROR;
}
static bool call_nsp_ioctl(void)
{
    return WSANSPIoctl(BAD_PTR, SIO_NSP_NOTIFY_CHANGE, BAD_PTR, 8, BAD_PTR, 8, BAD_PTR, NULL) ==
           SOCKET_ERROR;
}
static bool call_install_class_a(void)
{
    return WSAInstallServiceClassA(BAD_PTR) == SOCKET_ERROR;
}
static bool call_install_class_w(void)
{
    return WSAInstallServiceClassW(BAD_PTR) == SOCKET_ERROR;
}
static bool call_remove_class(void)
{
    return WSARemoveServiceClass(BAD_PTR) == SOCKET_ERROR;
}
static bool call_class_info_a(void)
{
    return WSAGetServiceClassInfoA(BAD_PTR, BAD_PTR, BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_class_info_w(void)
{
    return WSAGetServiceClassInfoW(BAD_PTR, BAD_PTR, BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_class_name_a(void)
{
    return WSAGetServiceClassNameByClassIdA(BAD_PTR, BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_class_name_w(void)
{
    return WSAGetServiceClassNameByClassIdW(BAD_PTR, BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_enum_ns_a(void)
{
    return WSAEnumNameSpaceProvidersA(BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_enum_ns_w(void)
{
    return WSAEnumNameSpaceProvidersW(BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_enum_ns_ex_a(void)
{
    return WSAEnumNameSpaceProvidersExA(BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_enum_ns_ex_w(void)
{
    return WSAEnumNameSpaceProvidersExW(BAD_PTR, BAD_PTR) == SOCKET_ERROR;
}
static bool call_set_service_a(void)
{
    return WSASetServiceA(BAD_PTR, RNRSERVICE_REGISTER, 0) == SOCKET_ERROR;
}
static bool call_set_service_w(void)
{
    return WSASetServiceW(BAD_PTR, RNRSERVICE_REGISTER, 0) == SOCKET_ERROR;
}

static const struct plain_call {
    const char *name;
    bool (*call)(void);
} plain_calls[] = {
    {"WSAAsyncGetHostByName", call_get_host_by_name},
    {"WSAAsyncGetHostByAddr", call_get_host_by_addr},
    {"WSAAsyncGetServByName", call_get_serv_by_name},
    {"WSAAsyncGetServByPort", call_get_serv_by_port},
    {"WSAAsyncGetProtoByName", call_get_proto_by_name},
    {"WSAAsyncGetProtoByNumber", call_get_proto_by_number},
    {"WSALookupServiceBeginA", call_lookup_begin_a},
    {"WSALookupServiceBeginW", call_lookup_begin_w},
    {"WSALookupServiceNextA", call_lookup_next_a},
    {"WSALookupServiceNextW", call_lookup_next_w},
    {"WSALookupServiceEnd", call_lookup_end},
    {"WSANSPIoctl", call_nsp_ioctl},
    {"WSAInstallServiceClassA", call_install_class_a},
    {"WSAInstallServiceClassW", call_install_class_w},
    {"WSARemoveServiceClass", call_remove_class},
    {"WSAGetServiceClassInfoA", call_class_info_a},
    {"WSAGetServiceClassInfoW", call_class_info_w},
    {"WSAGetServiceClassNameByClassIdA", call_class_name_a},
    {"WSAGetServiceClassNameByClassIdW", call_class_name_w},
    {"WSAEnumNameSpaceProvidersA", call_enum_ns_a},
    {"WSAEnumNameSpaceProvidersW", call_enum_ns_w},
    {"WSAEnumNameSpaceProvidersExA", call_enum_ns_ex_a},
    {"WSAEnumNameSpaceProvidersExW", call_enum_ns_ex_w},
    {"WSASetServiceA", call_set_service_a},
    {"WSASetServiceW", call_set_service_w},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void expect(const char *name, bool failed, int error)
{
    if (!failed)
        fail_msg("%s did not return its failure value", name);
    if (WSAGetLastError() != error)
        fail_msg("%s: last error %d, expected %d", name, WSAGetLastError(), error);
}

static void not_offered_calls_fail_with_wsanotinitialised_before_wsastartup(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(socket_calls); i++) {
        WSASetLastError(0);
        expect(socket_calls[i].name, socket_calls[i].call((SOCKET)BAD_PTR), WSANOTINITIALISED);
    }
    for (size_t i = 0; i < COUNT(plain_calls); i++) {
        WSASetLastError(0);
        expect(plain_calls[i].name, plain_calls[i].call(), WSANOTINITIALISED);
    }
    WSASetLastError(0);
    expect("WSACancelAsyncRequest", WSACancelAsyncRequest(BAD_PTR) == SOCKET_ERROR,
           WSANOTINITIALISED);
}

static void not_offered_calls_fail_with_wsaeopnotsupp_after_wsastartup(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(tcp != INVALID_SOCKET && udp != INVALID_SOCKET);
    for (size_t i = 0; i < COUNT(socket_calls); i++) {
        WSASetLastError(0);
        expect(socket_calls[i].name, socket_calls[i].call(tcp), WSAEOPNOTSUPP);
        WSASetLastError(0);
        expect(socket_calls[i].name, socket_calls[i].call(udp), WSAEOPNOTSUPP);
    }
    for (size_t i = 0; i < COUNT(plain_calls); i++) {
        WSASetLastError(0);
        expect(plain_calls[i].name, plain_calls[i].call(), WSAEOPNOTSUPP);
    }
    /* The sockets are untouched: still usable, and they close normally. */
    struct sockaddr_in addr = {.sin_family = AF_INET};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(udp, (struct sockaddr *)&addr, sizeof(addr)), 0);
    assert_int_equal(closesocket(tcp), 0);
    assert_int_equal(closesocket(udp), 0);
    assert_int_equal(WSACleanup(), 0);
}

static void not_offered_socket_calls_check_the_socket_first_wsaenotsock(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET closed = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(closesocket(closed), 0);
    SOCKET bad[] = {INVALID_SOCKET, (SOCKET)BAD_PTR, closed};
    for (size_t b = 0; b < COUNT(bad); b++) {
        for (size_t i = 0; i < COUNT(socket_calls); i++) {
            WSASetLastError(0);
            expect(socket_calls[i].name, socket_calls[i].call(bad[b]), WSAENOTSOCK);
        }
    }
    assert_int_equal(WSACleanup(), 0);
}

/* No WSAAsyncGetXByY call returned a task handle, so none names a task. */
static void wsacancelasyncrequest_of_any_handle_is_wsaeinval(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    HANDLE handles[] = {NULL, BAD_PTR, INVALID_HANDLE_VALUE};
    for (size_t i = 0; i < COUNT(handles); i++) {
        WSASetLastError(0);
        assert_int_equal(WSACancelAsyncRequest(handles[i]), SOCKET_ERROR);
        assert_wsa_error(WSAEINVAL);
    }
    assert_int_equal(WSACleanup(), 0);
}

/* The installers' calls need no WSAStartup, as the other WSC functions. */
static void wsc_name_space_and_qos_installers_fail_wsaeopnotsupp_without_startup(void **state)
{
    (void)state;
    GUID id = {0};
    WCHAR name[] = L"ns";
    WSASetLastError(0);
    assert_int_equal(WSCInstallNameSpace(name, name, NS_DNS, 1, &id), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    WSASetLastError(0);
    assert_int_equal(WSCUnInstallNameSpace(&id), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    WSASetLastError(0);
    assert_int_equal(WSCEnableNSProvider(BAD_PTR, TRUE), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    WSASetLastError(0);
    assert_int_equal(WSCInstallQOSTemplate(BAD_PTR, BAD_PTR, BAD_PTR), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    WSASetLastError(0);
    assert_int_equal(WSCRemoveQOSTemplate(BAD_PTR, BAD_PTR), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(not_offered_calls_fail_with_wsanotinitialised_before_wsastartup),
        cmocka_unit_test(not_offered_calls_fail_with_wsaeopnotsupp_after_wsastartup),
        cmocka_unit_test(not_offered_socket_calls_check_the_socket_first_wsaenotsock),
        cmocka_unit_test(wsacancelasyncrequest_of_any_handle_is_wsaeinval),
        cmocka_unit_test(wsc_name_space_and_qos_installers_fail_wsaeopnotsupp_without_startup),
    };
    return cmocka_run_group_tests(tests, NULL, ws2t_teardown);
}
