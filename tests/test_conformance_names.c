/*
 * The name calls checked against what Windows 10/11 is observed to answer
 * (Windows' conformance results for getprotoby*, getservbyname, gethostname,
 * GetHostNameW, the hostent layout and getaddrinfo), where Microsoft's
 * documentation is silent or says less.  Loopback and localhost only.
 */
#include <string.h>

#include "testlib.h"

/* Windows' protocol database: number, name, and its one alias. */
static const struct {
    int number;
    const char *name;
    const char *alias;
} windows_protocols[] = {
    {0, "ip", "IP"},
    {1, "icmp", "ICMP"},
    {3, "ggp", "GGP"},
    {6, "tcp", "TCP"},
    {8, "egp", "EGP"},
    {12, "pup", "PUP"},
    {17, "udp", "UDP"},
    {20, "hmp", "HMP"},
    {22, "xns-idp", "XNS-IDP"},
    {27, "rdp", "RDP"},
    {41, "ipv6", "IPv6"},
    {43, "ipv6-route", "IPv6-Route"},
    {44, "ipv6-frag", "IPv6-Frag"},
    {50, "esp", "ESP"},
    {51, "ah", "AH"},
    {58, "ipv6-icmp", "IPv6-ICMP"},
    {59, "ipv6-nonxt", "IPv6-NoNxt"},
    {60, "ipv6-opts", "IPv6-Opts"},
    {66, "rvd", "RVD"},
};

#define N_WINDOWS_PROTOCOLS (sizeof(windows_protocols) / sizeof(windows_protocols[0]))

/* Every name of the table, its alias and its all-capitals form resolve to its number. */
static void getprotobyname_knows_windows_table_in_any_case(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_WINDOWS_PROTOCOLS; i++) {
        const char *forms[2] = {windows_protocols[i].name, windows_protocols[i].alias};
        char upper[32];
        size_t n = 0;
        for (; windows_protocols[i].name[n]; n++) {
            char c = windows_protocols[i].name[n];
            upper[n] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
        }
        upper[n] = '\0';
        for (int f = 0; f < 3; f++) {
            const char *form = f < 2 ? forms[f] : upper;
            struct protoent *pe = getprotobyname(form);
            assert_non_null(pe);
            assert_int_equal(pe->p_proto, windows_protocols[i].number);
        }
    }
}

/*
 * getprotobynumber from -1 to 256: exactly the table's numbers resolve, each
 * to its lower-case name with the capitalised form as first alias; every
 * other number (IGMP's 2 and SCTP's 132 among them) is NULL.
 */
static void getprotobynumber_answers_only_windows_table(void **state)
{
    (void)state;
    for (int number = -1; number <= 256; number++) {
        size_t i = 0;
        while (i < N_WINDOWS_PROTOCOLS && windows_protocols[i].number != number)
            i++;
        struct protoent *pe = getprotobynumber(number);
        if (i == N_WINDOWS_PROTOCOLS) {
            assert_null(pe);
            continue;
        }
        assert_non_null(pe);
        assert_string_equal(pe->p_name, windows_protocols[i].name);
        assert_non_null(pe->p_aliases);
        assert_non_null(pe->p_aliases[0]);
        assert_string_equal(pe->p_aliases[0], windows_protocols[i].alias);
        assert_int_equal(pe->p_proto, number);
    }
}

/* getaddrinfo's answer and last error, with the result pointer's value after the call. */
static int lookup(const char *node, const char *service, int family, int socktype, int protocol,
                  int flags, ADDRINFOA **result)
{
    ADDRINFOA hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    hints.ai_flags = flags;
    *result = (ADDRINFOA *)&hints; /* Windows sets it to NULL on failure. */
    WSASetLastError(0x1234);
    int r = getaddrinfo(node, service, &hints, result);
    assert_int_equal(WSAGetLastError(), r);
    if (r)
        assert_null(*result);
    return r;
}

/*
 * An address literal of the family the hints exclude is WSAHOST_NOT_FOUND,
 * as every node the numeric parse rejects ("localhost" with AI_NUMERICHOST,
 * "192.168.1.253:1024"); Linux calls it EAI_ADDRFAMILY, not "no data".
 */
static void getaddrinfo_literal_of_other_family_is_host_not_found(void **state)
{
    (void)state;
    ADDRINFOA *res;
    assert_int_equal(lookup("[beef::cafe]", NULL, AF_INET, 0, 0, AI_NUMERICHOST, &res),
                     WSAHOST_NOT_FOUND);
    assert_int_equal(lookup("2001:db8::1", NULL, AF_INET, 0, 0, AI_NUMERICHOST, &res),
                     WSAHOST_NOT_FOUND);
    assert_int_equal(lookup("127.0.0.1", NULL, AF_INET6, 0, 0, AI_NUMERICHOST, &res),
                     WSAHOST_NOT_FOUND);
    assert_int_equal(lookup("localhost", "80", 0, 0, 0, AI_NUMERICHOST, &res), WSAHOST_NOT_FOUND);
    assert_int_equal(lookup("192.168.1.253:1024", NULL, 0, 0, 0, AI_NUMERICHOST, &res),
                     WSAHOST_NOT_FOUND);
}

/* Brackets around an IPv6 literal are accepted; a port after them is not applied. */
static void getaddrinfo_bracketed_ipv6_literal(void **state)
{
    (void)state;
    static const BYTE beef_cafe[16] = {0xbe, 0xef, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xca, 0xfe};
    const char *nodes[] = {"[beef::cafe]", "[beef::cafe]:10239"};
    for (int i = 0; i < 2; i++) {
        ADDRINFOA *res;
        assert_int_equal(lookup(nodes[i], NULL, 0, 0, 0, 0, &res), 0);
        assert_non_null(res);
        assert_int_equal(res->ai_family, AF_INET6);
        assert_int_equal(res->ai_addrlen, sizeof(SOCKADDR_IN6));
        SOCKADDR_IN6 *sin6 = (SOCKADDR_IN6 *)res->ai_addr;
        assert_memory_equal(&sin6->sin6_addr, beef_cafe, 16);
        assert_int_equal(sin6->sin6_port, 0);
        freeaddrinfo(res);
    }
    ADDRINFOA *res;
    assert_int_equal(lookup("[beef::cafe]", NULL, AF_INET6, 0, 0, AI_NUMERICHOST, &res), 0);
    freeaddrinfo(res);
    assert_int_equal(lookup("[beef::cafe", NULL, 0, 0, 0, AI_NUMERICHOST, &res), WSAHOST_NOT_FOUND);
    assert_int_equal(lookup("beef::cafe]", NULL, 0, 0, 0, AI_NUMERICHOST, &res), WSAHOST_NOT_FOUND);
}

/*
 * Hints: any family/type/protocol mix is accepted and echoed in every
 * result (a stream type with UDP, protocol 999); type 999 is
 * WSAESOCKTNOSUPPORT.  No node and no service is WSAHOST_NOT_FOUND, an
 * unknown service WSATYPE_NOT_FOUND, success leaves last error 0.
 */
static void getaddrinfo_hint_combinations(void **state)
{
    (void)state;
    static const int families[] = {AF_UNSPEC, AF_INET};
    static const int types[] = {0, SOCK_STREAM, SOCK_DGRAM};
    static const int protocols[] = {0, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_IPV6, 999};
    for (int f = 0; f < 2; f++)
        for (int t = 0; t < 3; t++)
            for (int p = 0; p < 5; p++) {
                ADDRINFOA *res;
                assert_int_equal(
                    lookup("localhost", NULL, families[f], types[t], protocols[p], 0, &res), 0);
                for (ADDRINFOA *a = res; a; a = a->ai_next) {
                    if (families[f] == AF_UNSPEC)
                        assert_true(a->ai_family == AF_INET || a->ai_family == AF_INET6);
                    else
                        assert_int_equal(a->ai_family, families[f]);
                    assert_int_equal(a->ai_socktype, types[t]);
                    assert_int_equal(a->ai_protocol, protocols[p]);
                }
                freeaddrinfo(res);
                assert_int_equal(lookup("localhost", NULL, families[f], 999, protocols[p], 0, &res),
                                 WSAESOCKTNOSUPPORT);
            }
    ADDRINFOA *res;
    assert_int_equal(lookup(NULL, NULL, 0, 0, 0, 0, &res), WSAHOST_NOT_FOUND);
    assert_int_equal(lookup(NULL, "nonexistentservice", 0, 0, 0, 0, &res), WSATYPE_NOT_FOUND);
    assert_int_equal(lookup("192.168.1.253", NULL, 0, 0, 0, 0, &res), 0);
    assert_int_equal(res->ai_family, AF_INET);
    assert_int_equal(((SOCKADDR_IN *)res->ai_addr)->sin_port, 0);
    freeaddrinfo(res);
}

/*
 * gethostname and GetHostNameW: a length equal to the name's (no room for
 * the NUL) is WSAEFAULT with the buffer untouched; one more succeeds; a
 * NULL buffer is WSAEFAULT.
 */
static void host_name_exact_length_is_efault_buffer_untouched(void **state)
{
    (void)state;
    char name[256];
    assert_int_equal(gethostname(name, sizeof(name)), 0);
    int len = (int)strlen(name);

    char narrow[256];
    memset(narrow, 'z', sizeof(narrow));
    WSASetLastError(0);
    assert_int_equal(gethostname(narrow, len), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    for (int i = 0; i < len; i++)
        assert_int_equal(narrow[i], 'z');
    assert_int_equal(gethostname(narrow, len + 1), 0);
    assert_string_equal(narrow, name);
    WSASetLastError(0);
    assert_int_equal(gethostname(NULL, 256), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);

    WCHAR wide[256];
    for (int i = 0; i < 256; i++)
        wide[i] = 0x7a;
    WSASetLastError(0);
    assert_int_equal(GetHostNameW(wide, len), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    for (int i = 0; i < len; i++)
        assert_int_equal(wide[i], 0x7a);
    assert_int_equal(GetHostNameW(wide, len + 1), 0);
    assert_int_equal(wide[len], 0);
    WSASetLastError(0);
    assert_int_equal(GetHostNameW(NULL, 256), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
}

/* getservbyname answers from one per-thread servent, reused when it is large enough. */
static void getservbyname_reuses_thread_servent(void **state)
{
    (void)state;
    for (int round = 0; round < 20; round++) {
        struct servent *dns = getservbyname("domain", "udp");
        assert_non_null(dns);
        assert_int_equal(ntohs(dns->s_port), 53);
        assert_string_equal(dns->s_name, "domain");
        assert_string_equal(dns->s_proto, "udp");
        struct servent *telnet = getservbyname("telnet", "tcp");
        assert_non_null(telnet);
        assert_int_equal(ntohs(telnet->s_port), 23);
        assert_string_equal(telnet->s_name, "telnet");
        assert_string_equal(telnet->s_proto, "tcp");
        assert_ptr_equal(dns, telnet);
    }
}

/*
 * A hostent is laid out as Windows lays it out: the alias array right after
 * the structure, then the address array, then the first address.
 */
static void hostent_arrays_follow_structure(void **state)
{
    (void)state;
    assert_non_null(gethostbyname(""));
    struct hostent *he = gethostbyname("localhost");
    assert_non_null(he);
    char *at = (char *)(he + 1);
    assert_ptr_equal(he->h_aliases, at);
    size_t n = 0;
    while (he->h_aliases[n])
        n++;
    at += (n + 1) * sizeof(char *);
    assert_ptr_equal(he->h_addr_list, at);
    n = 0;
    while (he->h_addr_list[n])
        n++;
    at += (n + 1) * sizeof(char *);
    assert_ptr_equal(he->h_addr_list[0], at);
    static const BYTE loopback[4] = {127, 0, 0, 1};
    assert_memory_equal(he->h_addr_list[0], loopback, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(getprotobyname_knows_windows_table_in_any_case, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(getprotobynumber_answers_only_windows_table, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(getaddrinfo_literal_of_other_family_is_host_not_found,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(getaddrinfo_bracketed_ipv6_literal, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(getaddrinfo_hint_combinations, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(host_name_exact_length_is_efault_buffer_untouched,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(getservbyname_reuses_thread_servent, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(hostent_arrays_follow_structure, ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("conformance_names", tests, NULL, NULL);
}
