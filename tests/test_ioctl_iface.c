/*
 * The interface and route queries of WSAIoctl: SIO_ADDRESS_LIST_QUERY,
 * SIO_GET_INTERFACE_LIST and SIO_ROUTING_INTERFACE_QUERY, with and without
 * an OVERLAPPED.  Return values, errors and byte counts are what Windows
 * answers (Wine's ws2_32 conformance tests); the addresses are checked
 * against Linux's own view of the interfaces.
 */
#include <stddef.h>
#include <string.h>

#include "testlib.h"

#define KEY                       7u
#define STATUS_BUFFER_TOO_SMALL_V 0xC0000023u

static HANDLE associated(SOCKET s)
{
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, KEY, 0);
    assert_non_null(port);
    return port;
}

static void expect_packet(HANDLE port, WSAOVERLAPPED *ov, BOOL ok, DWORD error, DWORD bytes)
{
    DWORD got_bytes = 0xdeadbeef;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    BOOL r = GetQueuedCompletionStatus(port, &got_bytes, &key, &got, 2000);
    assert_int_equal(r, ok);
    if (!ok)
        assert_int_equal(GetLastError(), error);
    assert_ptr_equal(got, ov);
    assert_int_equal(key, KEY);
    assert_int_equal(got_bytes, bytes);
}

static void expect_no_packet(HANDLE port)
{
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
}

static void fresh(WSAOVERLAPPED *ov)
{
    memset(ov, 0, sizeof(*ov));
    ov->Internal = 0xdeadbeef;
    ov->InternalHigh = 0xdeadbeef;
}

static unsigned apc_count;
static DWORD apc_error, apc_bytes;

static void CALLBACK routine(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov;
    (void)flags;
    apc_count++;
    apc_error = error;
    apc_bytes = bytes;
}

/*
 * SIO_ADDRESS_LIST_QUERY: a SOCKET_ADDRESS_LIST whose sockaddrs follow the
 * array inside the buffer; lpcbBytesReturned the size it takes, also when
 * the buffer is missing or too small (WSAEFAULT, nothing written); a
 * buffer of 1 byte is WSAEINVAL with a count of 0.  Loopback addresses are
 * not listed.  With an OVERLAPPED: the same answers at once, and a
 * success completes with an empty packet.
 */
static void address_list_query_sizes_and_layout(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE port = associated(s);
    char buffer[4096];
    SOCKET_ADDRESS_LIST *list = (SOCKET_ADDRESS_LIST *)buffer;
    DWORD size = 0, need;

    assert_int_equal(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, NULL, 0, &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_true(size >= offsetof(SOCKET_ADDRESS_LIST, Address));
    need = size;

    size = 0;
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof(buffer), &size, NULL, NULL), 0);
    assert_int_equal(size, need);
    DWORD expect = (DWORD)(offsetof(SOCKET_ADDRESS_LIST, Address) +
                           (size_t)list->iAddressCount * sizeof(SOCKET_ADDRESS));
    for (INT i = 0; i < list->iAddressCount; i++) {
        const SOCKET_ADDRESS *a = &list->Address[i];
        assert_int_equal(a->iSockaddrLength, sizeof(struct sockaddr_in));
        assert_true((char *)a->lpSockaddr >= buffer && (char *)a->lpSockaddr < buffer + size);
        const struct sockaddr_in *sin = (const struct sockaddr_in *)a->lpSockaddr;
        assert_int_equal(sin->sin_family, AF_INET);
        assert_int_not_equal(ntohl(sin->sin_addr.s_addr) >> 24, 127); /* no loopback */
        expect += (DWORD)a->iSockaddrLength;
    }
    assert_int_equal(size, expect);
    /* Linux's IPv4 addresses less the loopback ones (127.0.0.1 at least). */
    assert_true(list->iAddressCount < ws2t_linux_address_count(4));

    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof(buffer), NULL, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    size = 0xdeadbeef;
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, NULL, sizeof(buffer), &size, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(size, need);
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, 1, &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(size, 0);
    if (need > offsetof(SOCKET_ADDRESS_LIST, Address)) {
        memset(buffer, 0xcc, sizeof(buffer));
        size = 0xdeadbeef;
        assert_int_equal(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer,
                                  offsetof(SOCKET_ADDRESS_LIST, Address), &size, NULL, NULL),
                         SOCKET_ERROR);
        assert_wsa_error(WSAEFAULT);
        assert_int_equal(size, need);
        assert_int_equal((unsigned)list->iAddressCount, 0xccccccccu);
    }

    WSAOVERLAPPED ov;
    fresh(&ov);
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, 0, &size, &ov, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(size, need);
    assert_int_equal(ov.Internal, 0xdeadbeef);
    expect_no_packet(port);

    fresh(&ov);
    size = 0xdeadbeef;
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof(buffer), &size, &ov, NULL), 0);
    assert_int_equal(size, need);
    expect_packet(port, &ov, TRUE, 0, 0);
    assert_int_equal(ov.Internal, 0);
    assert_int_equal(ov.InternalHigh, 0);
    expect_no_packet(port);
    closesocket(s);
    CloseHandle(port);

    /* An IPv6 socket lists IPv6 addresses, each a sockaddr_in6. */
    SOCKET s6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    size = 0;
    assert_int_equal(
        WSAIoctl(s6, SIO_ADDRESS_LIST_QUERY, NULL, 0, buffer, sizeof(buffer), &size, NULL, NULL),
        0);
    for (INT i = 0; i < list->iAddressCount; i++) {
        assert_int_equal(list->Address[i].iSockaddrLength, sizeof(SOCKADDR_IN6));
        assert_int_equal(list->Address[i].lpSockaddr->sa_family, AF_INET6);
    }
    closesocket(s6);
}

/*
 * SIO_GET_INTERFACE_LIST: an INTERFACE_INFO for every IPv4 address, the
 * loopback one included (IFF_LOOPBACK), netmasks set, a broadcast address
 * exactly on the interfaces with IFF_BROADCAST.  With an OVERLAPPED it is
 * pending, and the packet and InternalHigh carry the size; too small a
 * buffer: WSAEFAULT and a count of 0, or, overlapped, a completion with
 * STATUS_BUFFER_TOO_SMALL (ERROR_INSUFFICIENT_BUFFER from the port,
 * WSAEFAULT in a routine).
 */
static void interface_list_answers_and_pends_when_overlapped(void **state)
{
    (void)state;
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    HANDLE port = associated(s);
    char buffer[8192];
    DWORD size = 0xdeadbeef;
    assert_int_equal(
        WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof(buffer), &size, NULL, NULL), 0);
    assert_true(size > 0 && size % sizeof(INTERFACE_INFO) == 0);
    DWORD need = size;
    unsigned count = size / sizeof(INTERFACE_INFO);
    assert_int_equal(count, ws2t_linux_address_count(4));
    const INTERFACE_INFO *info = (const INTERFACE_INFO *)buffer;
    int loopback = 0;
    for (unsigned i = 0; i < count; i++) {
        loopback |= (info[i].iiFlags & IFF_LOOPBACK) != 0;
        assert_int_equal(info[i].iiAddress.AddressIn.sin_family, AF_INET);
        assert_int_equal(info[i].iiNetmask.AddressIn.sin_family, AF_INET);
        assert_int_not_equal(info[i].iiAddress.AddressIn.sin_addr.s_addr, 0);
        assert_int_not_equal(info[i].iiNetmask.AddressIn.sin_addr.s_addr, 0);
        if (info[i].iiFlags & IFF_BROADCAST) {
            assert_int_equal(info[i].iiBroadcastAddress.AddressIn.sin_family, AF_INET);
            ULONG a = info[i].iiAddress.AddressIn.sin_addr.s_addr;
            ULONG m = info[i].iiNetmask.AddressIn.sin_addr.s_addr;
            assert_int_equal(info[i].iiBroadcastAddress.AddressIn.sin_addr.s_addr, a | ~m);
        } else {
            assert_int_equal(info[i].iiBroadcastAddress.AddressIn.sin_family, 0);
            assert_int_equal(info[i].iiBroadcastAddress.AddressIn.sin_addr.s_addr, 0);
        }
        if (info[i].iiFlags & IFF_LOOPBACK)
            assert_int_equal(ntohl(info[i].iiAddress.AddressIn.sin_addr.s_addr) >> 24, 127);
    }
    assert_true(loopback);

    WSAOVERLAPPED ov;
    fresh(&ov);
    size = 0xdeadbeef;
    assert_int_equal(
        WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof(buffer), &size, &ov, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(size, 0xdeadbeef);
    expect_packet(port, &ov, TRUE, 0, need);
    assert_int_equal(ov.Internal, 0);
    assert_int_equal(ov.InternalHigh, need);

    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer,
                              sizeof(INTERFACE_INFO) * count - 1, &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(size, 0);

    fresh(&ov);
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer,
                              sizeof(INTERFACE_INFO) * count - 1, &size, &ov, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(size, 0xdeadbeef);
    expect_packet(port, &ov, FALSE, ERROR_INSUFFICIENT_BUFFER, 0);
    assert_int_equal(ov.Internal, STATUS_BUFFER_TOO_SMALL_V);
    assert_int_equal(ov.InternalHigh, 0);

    assert_int_equal(
        WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer, sizeof(buffer), NULL, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    CloseHandle(port);
    closesocket(s);

    /* Through a completion routine the error reads WSAEFAULT. */
    s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    fresh(&ov);
    apc_count = 0;
    assert_int_equal(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, buffer,
                              sizeof(INTERFACE_INFO) - 1, &size, &ov, routine),
                     SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(SleepEx(1000, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(apc_count, 1);
    assert_int_equal(apc_error, WSAEFAULT);
    assert_int_equal(apc_bytes, 0);
    closesocket(s);
}

/*
 * SIO_ROUTING_INTERFACE_QUERY for the limited broadcast address: routed
 * like any other destination, so an interface's IPv4 address where one
 * routes it, WSAENETUNREACH where none does (a namespace with loopback
 * alone), never WSAEACCES (Linux's answer to a connect to a broadcast
 * address without SO_BROADCAST, which the fuzzer found).
 */
static void routing_interface_query_routes_the_broadcast_address(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in in, out;
    memset(&in, 0, sizeof(in));
    in.sin_family = AF_INET;
    in.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    DWORD size = 0;
    int r = WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out), &size,
                     NULL, NULL);
    if (r == 0) {
        assert_int_equal(size, sizeof(out));
        assert_int_equal(out.sin_family, AF_INET);
    } else {
        assert_int_equal(r, SOCKET_ERROR);
        assert_wsa_error(WSAENETUNREACH);
    }
    closesocket(s);
}

/*
 * SIO_ROUTING_INTERFACE_QUERY: the local address to reach the destination
 * (127.0.0.1 for a loopback one); an input missing or short, or the
 * unspecified address, is WSAEINVAL, a family that is neither IPv4 nor
 * IPv6 WSAEAFNOSUPPORT, all leaving the count alone; an output too small
 * is WSAEFAULT with the size it needs, a missing one WSAEFAULT.  With an
 * OVERLAPPED the answer comes at once with an empty packet.
 */
static void routing_interface_query_answers_the_source_address(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    HANDLE port = associated(s);
    struct sockaddr_in in, out;
    memset(&in, 0, sizeof(in));
    DWORD size;

    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out),
                              NULL, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in) - 1, &out,
                              sizeof(out), &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, NULL, sizeof(in), &out, sizeof(out),
                              &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out),
                              &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEAFNOSUPPORT);
    in.sin_family = AF_INET;
    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out),
                              &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(size, 0xdeadbeef);

    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    memset(&out, 0xcc, sizeof(out));
    WSASetLastError(0xdeadbeef);
    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out),
                              &size, NULL, NULL),
                     0);
    assert_int_equal(WSAGetLastError(), 0);
    assert_int_equal(size, sizeof(out));
    assert_int_equal(out.sin_family, AF_INET);
    assert_int_equal(out.sin_addr.s_addr, htonl(INADDR_LOOPBACK));

    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out,
                              sizeof(out) - 1, &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(size, sizeof(out));
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), NULL, sizeof(out),
                              &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(size, 0xdeadbeef);

    WSAOVERLAPPED ov;
    fresh(&ov);
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_ROUTING_INTERFACE_QUERY, &in, sizeof(in), &out, sizeof(out),
                              &size, &ov, NULL),
                     0);
    assert_int_equal(size, sizeof(out));
    expect_packet(port, &ov, TRUE, 0, 0);
    assert_int_equal(ov.InternalHigh, 0);
    closesocket(s);
    CloseHandle(port);

    /* IPv6: ::1 is reached from ::1. */
    SOCKET s6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    SOCKADDR_IN6 in6, out6;
    memset(&in6, 0, sizeof(in6));
    in6.sin6_family = AF_INET6;
    in6.sin6_addr = in6addr_loopback;
    if (WSAIoctl(s6, SIO_ROUTING_INTERFACE_QUERY, &in6, sizeof(in6), &out6, sizeof(out6), &size,
                 NULL, NULL) == 0) {
        assert_int_equal(size, sizeof(out6));
        assert_int_equal(out6.sin6_family, AF_INET6);
        assert_memory_equal(&out6.sin6_addr, &in6addr_loopback, 16);
    } else {
        /* A machine without IPv6 on its loopback interface has no route to ::1. */
        assert_true(WSAGetLastError() == WSAENETUNREACH || WSAGetLastError() == WSAEADDRNOTAVAIL ||
                    WSAGetLastError() == WSAEAFNOSUPPORT);
    }
    closesocket(s6);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(address_list_query_sizes_and_layout),
        T(interface_list_answers_and_pends_when_overlapped),
        T(routing_interface_query_answers_the_source_address),
        T(routing_interface_query_routes_the_broadcast_address),
    };
    return cmocka_run_group_tests_name("ioctl_iface", tests, NULL, NULL);
}
