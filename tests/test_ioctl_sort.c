/*
 * SIO_ADDRESS_LIST_SORT: a SOCKET_ADDRESS_LIST of SOCKADDR_IN6 destinations
 * (IPv4 ones IPv4-mapped) sorted best first, written back as a
 * SOCKET_ADDRESS_LIST whose entries point at the caller's addresses.
 */
#include <string.h>

#include "testlib.h"

#include <ws2tcpip.h>

#define LIST_SIZE(n) (offsetof(SOCKET_ADDRESS_LIST, Address) + (n) * sizeof(SOCKET_ADDRESS))

/* A list with room for four entries. */
union sort_list {
    SOCKET_ADDRESS_LIST list;
    char bytes[LIST_SIZE(4)];
};

/* Entry i (Address is declared with one element, as in the SDK). */
static SOCKET_ADDRESS *at(union sort_list *l, int i)
{
    return (SOCKET_ADDRESS *)(l->bytes + offsetof(SOCKET_ADDRESS_LIST, Address)) + i;
}

static SOCKADDR_IN6 v6(const char *text)
{
    SOCKADDR_IN6 a;
    memset(&a, 0, sizeof(a));
    a.sin6_family = AF_INET6;
    assert_int_equal(inet_pton(AF_INET6, text, &a.sin6_addr), 1);
    return a;
}

static void list_set(union sort_list *l, SOCKADDR_IN6 *addrs, int n)
{
    memset(l, 0, sizeof(*l));
    l->list.iAddressCount = n;
    for (int i = 0; i < n; i++) {
        at(l, i)->lpSockaddr = (LPSOCKADDR)&addrs[i];
        at(l, i)->iSockaddrLength = sizeof(SOCKADDR_IN6);
    }
}

static SOCKET v6_socket(void)
{
    SOCKET s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(s != INVALID_SOCKET);
    return s;
}

/*
 * The SDK's use: the same buffer in and out.  IPv6 loopback goes before
 * IPv4 loopback (RFC 6724's precedence, 50 against 35, which Windows'
 * default prefix policies share), the entries point at the caller's
 * addresses, and the count is the list's size.
 */
static void sort_puts_ipv6_loopback_before_ipv4_in_place(void **state)
{
    (void)state;
    SOCKET s = v6_socket();
    SOCKADDR_IN6 addrs[2] = {v6("::ffff:127.0.0.1"), v6("::1")};
    union sort_list l;
    list_set(&l, addrs, 2);
    DWORD bytes = 0xdead;
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(2), &l, LIST_SIZE(2), &bytes, NULL, NULL),
        0);
    assert_int_equal(bytes, LIST_SIZE(2));
    assert_int_equal(l.list.iAddressCount, 2);
    assert_ptr_equal(at(&l, 0)->lpSockaddr, &addrs[1]);
    assert_ptr_equal(at(&l, 1)->lpSockaddr, &addrs[0]);
    assert_int_equal(at(&l, 0)->iSockaddrLength, sizeof(SOCKADDR_IN6));
    /* Already sorted: the order stays. */
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(2), &l, LIST_SIZE(2), &bytes, NULL, NULL),
        0);
    assert_ptr_equal(at(&l, 0)->lpSockaddr, &addrs[1]);
    closesocket(s);
}

/* A separate output buffer gets the list; the input is left as it was. */
static void sort_writes_a_separate_output(void **state)
{
    (void)state;
    SOCKET s = v6_socket();
    SOCKADDR_IN6 addrs[3] = {v6("::ffff:127.0.0.1"), v6("::"), v6("::1")};
    union sort_list in, out;
    list_set(&in, addrs, 3);
    memset(&out, 0xcc, sizeof(out));
    DWORD bytes = 0;
    assert_int_equal(WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &in, LIST_SIZE(3), &out, sizeof(out),
                              &bytes, NULL, NULL),
                     0);
    assert_int_equal(bytes, LIST_SIZE(2));
    assert_int_equal(out.list.iAddressCount, 2);
    assert_ptr_equal(at(&out, 0)->lpSockaddr, &addrs[2]);
    assert_ptr_equal(at(&out, 1)->lpSockaddr, &addrs[0]);
    assert_int_equal(in.list.iAddressCount, 3);
    assert_ptr_equal(at(&in, 0)->lpSockaddr, &addrs[0]);
    closesocket(s);
}

/* "iAddressCount ... may be smaller than on input if ... some destination addresses are invalid".
 */
static void sort_drops_the_unspecified_address(void **state)
{
    (void)state;
    SOCKET s = v6_socket();
    SOCKADDR_IN6 addrs[3] = {v6("::"), v6("::1"), v6("::ffff:0.0.0.0")};
    union sort_list l;
    list_set(&l, addrs, 3);
    DWORD bytes = 0;
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(3), &l, LIST_SIZE(3), &bytes, NULL, NULL),
        0);
    assert_int_equal(l.list.iAddressCount, 1);
    assert_int_equal(bytes, LIST_SIZE(1));
    assert_ptr_equal(at(&l, 0)->lpSockaddr, &addrs[1]);
    closesocket(s);
}

/*
 * Windows' errors: input missing, short, or not SOCKADDR_IN6 -> WSAEINVAL;
 * output missing or short -> WSAEFAULT with the size needed; a socket that
 * is not IPv6 -> WSAEINVAL; a NULL count -> WSAEFAULT.
 */
static void sort_argument_errors(void **state)
{
    (void)state;
    SOCKET s = v6_socket();
    SOCKADDR_IN6 addrs[2] = {v6("::1"), v6("::ffff:127.0.0.1")};
    union sort_list l;
    list_set(&l, addrs, 2);
    DWORD bytes = 0;
    assert_int_equal(WSAIoctl(s, SIO_ADDRESS_LIST_SORT, NULL, 0, &l, sizeof(l), &bytes, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(1), &l, sizeof(l), &bytes, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    bytes = 0;
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(2), &l, LIST_SIZE(1), &bytes, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(bytes, LIST_SIZE(2));
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(2), NULL, 0, &bytes, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(2), &l, LIST_SIZE(2), NULL, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);

    /* An IPv4 address not in the IPv4-mapped form. */
    SOCKADDR_IN v4;
    memset(&v4, 0, sizeof(v4));
    v4.sin_family = AF_INET;
    v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    at(&l, 1)->lpSockaddr = (LPSOCKADDR)&v4;
    at(&l, 1)->iSockaddrLength = sizeof(v4);
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(2), &l, LIST_SIZE(2), &bytes, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    /* The list is untouched by a failure. */
    assert_int_equal(l.list.iAddressCount, 2);
    assert_ptr_equal(at(&l, 0)->lpSockaddr, &addrs[0]);
    closesocket(s);

    SOCKET s4 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(s4 != INVALID_SOCKET);
    list_set(&l, addrs, 2);
    assert_int_equal(
        WSAIoctl(s4, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(2), &l, LIST_SIZE(2), &bytes, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    closesocket(s4);
}

/* With an OVERLAPPED it is answered at once and still signals completion, as
 * SIO_ADDRESS_LIST_QUERY. */
static void sort_overlapped_completes_at_once(void **state)
{
    (void)state;
    SOCKET s = WSASocketW(AF_INET6, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
    assert_true(s != INVALID_SOCKET);
    SOCKADDR_IN6 addrs[2] = {v6("::ffff:127.0.0.1"), v6("::1")};
    union sort_list l;
    list_set(&l, addrs, 2);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    DWORD bytes = 0;
    assert_int_equal(
        WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &l, LIST_SIZE(2), &l, LIST_SIZE(2), &bytes, &ov, NULL),
        0);
    assert_int_equal(bytes, LIST_SIZE(2));
    assert_ptr_equal(at(&l, 0)->lpSockaddr, &addrs[1]);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0);
    WSACloseEvent(ov.hEvent);
    closesocket(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sort_puts_ipv6_loopback_before_ipv4_in_place, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(sort_writes_a_separate_output, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(sort_drops_the_unspecified_address, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(sort_argument_errors, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(sort_overlapped_completes_at_once, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("ioctl_sort", tests, NULL, NULL);
}
