/*
 * The Winsock 1.1 databases: gethostname, GetHostNameW, gethostbyname,
 * gethostbyaddr, getservby*, getprotoby*.  Each test names the sentence of
 * Microsoft's documentation it checks, or the Windows behaviour it pins
 * where the documentation is silent.  Loopback and localhost only.
 */
#include <stdio.h>
#include <string.h>
#include <uchar.h>

#include "testlib.h"

static const BYTE v4_loopback[4] = {127, 0, 0, 1};
static const BYTE v6_loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

/*
 * gethostname: "If no error occurs, gethostname returns zero"; WSAEFAULT if
 * "The name parameter is a NULL pointer" or "the buffer size specified by
 * namelen parameter is too small to hold the complete host name" (the name
 * and its NUL).
 */
static void gethostname_sizes(void **state)
{
    (void)state;
    char name[256];
    assert_int_equal(gethostname(name, sizeof(name)), 0);
    size_t len = strlen(name);
    assert_true(len > 0);

    char small[256];
    strcpy(small, "deadbeef");
    assert_int_equal(gethostname(small, (int)len), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_string_equal(small, "deadbeef");
    assert_int_equal(gethostname(small, (int)len + 1), 0);
    assert_string_equal(small, name);
    assert_int_equal(gethostname(NULL, 256), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);

    WCHAR wname[256];
    assert_int_equal(GetHostNameW(wname, (int)len), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(GetHostNameW(wname, (int)len + 1), 0);
    for (size_t i = 0; i <= len; i++)
        assert_int_equal(wname[i], (WCHAR)(unsigned char)name[i]);

    /* "If the name parameter points to an empty string or name is NULL, the returned
     * string is the same as the string returned by a successful gethostname". */
    struct hostent *he = gethostbyname(NULL);
    assert_non_null(he);
    assert_string_equal(he->h_name, name);
    he = gethostbyname("");
    assert_non_null(he);
    assert_string_equal(he->h_name, name);
}

/*
 * gethostbyname("localhost"): a hostent in Windows' layout (short
 * h_addrtype and h_length) with only IPv4 addresses ("The gethostbyname
 * function can only return IPv4 addresses"), laid out as Windows lays it
 * out: aliases right after the structure, then the address list.
 */
static void gethostbyname_localhost(void **state)
{
    (void)state;
    assert_int_equal(offsetof(struct hostent, h_addrtype), 16);
    assert_int_equal(offsetof(struct hostent, h_length), 18);
    assert_int_equal(offsetof(struct hostent, h_addr_list), 24);
    struct hostent *he = gethostbyname("localhost");
    assert_non_null(he);
    assert_string_equal(he->h_name, "localhost");
    assert_int_equal(he->h_addrtype, AF_INET);
    assert_int_equal(he->h_length, 4);
    assert_non_null(he->h_addr_list[0]);
    assert_memory_equal(he->h_addr, v4_loopback, 4);
    assert_ptr_equal(he->h_aliases, (char **)(he + 1));
    int n = 0;
    while (he->h_aliases[n])
        n++;
    assert_ptr_equal(he->h_addr_list, he->h_aliases + n + 1);
}

/*
 * "If the name parameter contains a string representation of a legal IPv4
 * address, then the binary IPv4 address that represents the string is
 * returned ... The h_name member ... contains the string representation";
 * "If the name parameter contains a string representation of an IPv6
 * address or an illegal IPv4 address, then the gethostbyname function will
 * fail and return WSANO_DATA".
 */
static void gethostbyname_numeric(void **state)
{
    (void)state;
    static const BYTE addr[4] = {10, 1, 2, 3};
    struct hostent *he = gethostbyname("10.1.2.3");
    assert_non_null(he);
    assert_string_equal(he->h_name, "10.1.2.3");
    assert_int_equal(he->h_addrtype, AF_INET);
    assert_memory_equal(he->h_addr_list[0], addr, 4);
    assert_null(he->h_addr_list[1]);
    assert_null(he->h_aliases[0]);

    /* The name may come from the previous result, which the new one replaces. */
    he = gethostbyname(he->h_name);
    assert_non_null(he);
    assert_string_equal(he->h_name, "10.1.2.3");

    WSASetLastError(0);
    assert_null(gethostbyname("::1"));
    assert_wsa_error(WSANO_DATA);
    WSASetLastError(0);
    assert_null(gethostbyname("10.1.2.256"));
    assert_wsa_error(WSANO_DATA);
    WSASetLastError(0);
    assert_null(gethostbyname("no-such-host.invalid"));
    assert_wsa_error(WSAHOST_NOT_FOUND);
}

static struct hostent *other_thread_hostent;

static DWORD WINAPI hostent_thread(LPVOID arg)
{
    (void)arg;
    other_thread_hostent = gethostbyname("127.0.0.1");
    return other_thread_hostent && !strcmp(other_thread_hostent->h_name, "127.0.0.1") ? 0 : 1;
}

/*
 * "Only a single hostent structure is allocated and used, no matter how many
 * times the gethostbyaddr or gethostbyname functions are called on the
 * thread" - and "from thread local storage": another thread has its own.
 */
static void gethostbyname_storage_is_per_thread(void **state)
{
    (void)state;
    struct hostent *a = gethostbyname("10.0.0.1");
    assert_non_null(a);
    struct hostent *b = gethostbyaddr((const char *)v4_loopback, 4, AF_INET);
    assert_ptr_equal(a, b);
    HANDLE t = CreateThread(NULL, 0, hostent_thread, NULL, 0, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    DWORD code = 1;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 0);
    CloseHandle(t);
    assert_true(other_thread_hostent != b);
    assert_string_equal(b->h_name, "localhost");
}

/*
 * gethostbyaddr: the name of 127.0.0.1; WSAEFAULT when "The addr parameter
 * is not a valid part of the user address space, or the len parameter is
 * too small"; WSAEINVAL "if AF_INET6 was specified in the type parameter
 * and the len parameter was not set equal to the size of an IPv6 address";
 * WSAEAFNOSUPPORT when "The type specified is not supported".
 */
static void gethostbyaddr_cases(void **state)
{
    (void)state;
    struct hostent *he = gethostbyaddr((const char *)v4_loopback, 4, AF_INET);
    assert_non_null(he);
    assert_string_equal(he->h_name, "localhost");
    assert_int_equal(he->h_addrtype, AF_INET);
    assert_int_equal(he->h_length, 4);
    assert_memory_equal(he->h_addr_list[0], v4_loopback, 4);

    WSASetLastError(0);
    assert_null(gethostbyaddr((const char *)v4_loopback, 3, AF_INET));
    assert_wsa_error(WSAEFAULT);
    WSASetLastError(0);
    assert_null(gethostbyaddr(NULL, 4, AF_INET));
    assert_wsa_error(WSAEFAULT);
    WSASetLastError(0);
    assert_null(gethostbyaddr((const char *)v6_loopback, 4, AF_INET6));
    assert_wsa_error(WSAEINVAL);
    WSASetLastError(0);
    assert_null(gethostbyaddr((const char *)v4_loopback, 4, AF_IPX));
    assert_wsa_error(WSAEAFNOSUPPORT);
}

/*
 * getservbyname / getservbyport: a servent in Win64's order (s_proto before
 * s_port), the port "in network byte order"; WSANO_DATA ("Valid name, no
 * data record of requested type") for an unknown service; with proto NULL
 * "the first service entry where name matches".  "only one copy of this
 * structure is allocated per thread": a second call reuses it.
 */
static void getservby_cases(void **state)
{
    (void)state;
    assert_int_equal(offsetof(struct servent, s_proto), 16);
    assert_int_equal(offsetof(struct servent, s_port), 24);
    struct servent *se = getservbyname("http", "tcp");
    assert_non_null(se);
    assert_string_equal(se->s_name, "http");
    assert_string_equal(se->s_proto, "tcp");
    assert_int_equal(se->s_port, (short)htons(80));
    struct servent *again = getservbyname("domain", NULL);
    assert_ptr_equal(again, se);
    assert_int_equal(again->s_port, (short)htons(53));

    se = getservbyport(htons(22), "tcp");
    assert_non_null(se);
    assert_string_equal(se->s_name, "ssh");

    WSASetLastError(0);
    assert_null(getservbyname("nonexistentservice", "tcp"));
    assert_wsa_error(WSANO_DATA);
    WSASetLastError(0);
    assert_null(getservbyport(htons(1), "nosuchproto"));
    assert_wsa_error(WSANO_DATA);
    WSASetLastError(0);
    assert_null(getservbyname(NULL, "tcp"));
    assert_wsa_error(WSAEFAULT);
}

/*
 * getprotobyname / getprotobynumber: protoent entries from the protocols
 * database; Windows matches names in any case ("TCP", "Udp"); WSANO_DATA
 * for an unknown one.
 */
static void getprotoby_cases(void **state)
{
    (void)state;
    struct protoent *pe = getprotobyname("tcp");
    assert_non_null(pe);
    assert_int_equal(pe->p_proto, IPPROTO_TCP);
    assert_string_equal(pe->p_name, "tcp");
    pe = getprotobyname("Udp");
    assert_non_null(pe);
    assert_int_equal(pe->p_proto, IPPROTO_UDP);
    pe = getprotobynumber(IPPROTO_UDP);
    assert_non_null(pe);
    assert_string_equal(pe->p_name, "udp");
    WSASetLastError(0);
    assert_null(getprotobyname("no-such-protocol"));
    assert_wsa_error(WSANO_DATA);
    WSASetLastError(0);
    assert_null(getprotobynumber(250));
    assert_wsa_error(WSANO_DATA);
    WSASetLastError(0);
    assert_null(getprotobyname(NULL));
    assert_wsa_error(WSAEFAULT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(gethostname_sizes, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(gethostbyname_localhost, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(gethostbyname_numeric, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(gethostbyname_storage_is_per_thread, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(gethostbyaddr_cases, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(getservby_cases, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(getprotoby_cases, ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("hostent", tests, NULL, NULL);
}
