/*
 * iphlpapi.h: GetAdaptersAddresses, GetAdaptersInfo, GetNetworkParams,
 * GetBestInterface(Ex), GetNumberOfInterfaces, if_nametoindex /
 * if_indextoname and the LUID conversions, checked against Microsoft's
 * documentation of each function and against Linux's own view of the
 * interfaces (getifaddrs, if_nameindex in testlib_linux.c).
 *
 * The machine may have only the loopback interface (the corpus check runs
 * in a network namespace with only lo): every test holds there too.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <iphlpapi.h>

#include "testlib.h"

/* GetAdaptersAddresses into a fresh buffer (size query first); *size gets its size. */
static IP_ADAPTER_ADDRESSES *gaa(ULONG family, ULONG flags, ULONG *size)
{
    ULONG need = 0;
    assert_int_equal(GetAdaptersAddresses(family, flags, NULL, NULL, &need), ERROR_BUFFER_OVERFLOW);
    assert_true(need >= sizeof(IP_ADAPTER_ADDRESSES));
    IP_ADAPTER_ADDRESSES *a = malloc(need);
    assert_non_null(a);
    ULONG got = need;
    assert_int_equal(GetAdaptersAddresses(family, flags, NULL, a, &got), NO_ERROR);
    if (size)
        *size = need;
    return a;
}

static IP_ADAPTER_ADDRESSES *loopback_adapter(IP_ADAPTER_ADDRESSES *list)
{
    for (IP_ADAPTER_ADDRESSES *a = list; a; a = a->Next)
        if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK)
            return a;
    fail_msg("no adapter has IfType IF_TYPE_SOFTWARE_LOOPBACK");
    return NULL;
}

static bool has_unicast(const IP_ADAPTER_ADDRESSES *a, const char *text)
{
    SOCKADDR_STORAGE want;
    memset(&want, 0, sizeof(want));
    int len = sizeof(want);
    int family = strchr(text, ':') ? AF_INET6 : AF_INET;
    assert_int_equal(WSAStringToAddressA((LPSTR)text, family, NULL, (LPSOCKADDR)&want, &len), 0);
    for (const IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next)
        if (u->Address.lpSockaddr->sa_family == family &&
            memcmp(INETADDR_ADDRESS(u->Address.lpSockaddr), INETADDR_ADDRESS((PSOCKADDR)&want),
                   family == AF_INET ? 4 : 16) == 0)
            return true;
    return false;
}

/* "lo" as a wide string, compared with FriendlyName. */
static void assert_wide_is(const WCHAR *w, const char *narrow)
{
    WCHAR expect[64];
    ws2t_wide(narrow, expect);
    assert_non_null(w);
    assert_int_equal(wcscmp(w, expect), 0);
}

/*
 * The loopback interface is an adapter of type IF_TYPE_SOFTWARE_LOOPBACK
 * (24) with 127.0.0.1, up (IfOperStatusUp), whose IfIndex is Linux's
 * interface index; Length is the structure's size.
 */
static void adapters_include_the_loopback_interface(void **state)
{
    (void)state;
    IP_ADAPTER_ADDRESSES *list = gaa(AF_UNSPEC, 0, NULL);
    IP_ADAPTER_ADDRESSES *lo = loopback_adapter(list);
    assert_int_equal(lo->Length, sizeof(IP_ADAPTER_ADDRESSES));
    assert_int_equal(lo->OperStatus, IfOperStatusUp);
    assert_true(has_unicast(lo, "127.0.0.1"));
    assert_non_null(lo->AdapterName);
    assert_int_equal(lo->IfIndex, ws2t_linux_ifindex(lo->AdapterName));
    assert_int_equal(lo->IfIndex, if_nametoindex(lo->AdapterName));
    assert_wide_is(lo->FriendlyName, lo->AdapterName);
    assert_non_null(lo->Description);
    assert_non_null(lo->DnsSuffix);
    assert_int_equal(lo->PhysicalAddressLength, 0);
    assert_int_equal(lo->Luid.Info.IfType, IF_TYPE_SOFTWARE_LOOPBACK);
    assert_true(lo->Flags & IP_ADAPTER_IPV4_ENABLED);
    assert_true(lo->Mtu > 0);
    for (const IP_ADAPTER_UNICAST_ADDRESS *u = lo->FirstUnicastAddress; u; u = u->Next) {
        assert_int_equal(u->Length, sizeof(IP_ADAPTER_UNICAST_ADDRESS));
        if (INETADDR_ISLOOPBACK(u->Address.lpSockaddr)) {
            assert_int_equal(u->PrefixOrigin, IpPrefixOriginWellKnown);
            assert_int_equal(u->DadState, IpDadStatePreferred);
        }
    }
    free(list);
}

/*
 * Every unicast address reported is one Linux has on that interface, with
 * a socket address of the right size, and every address Linux has is
 * reported (the counts agree).
 */
static void every_unicast_address_is_linux_s(void **state)
{
    (void)state;
    IP_ADAPTER_ADDRESSES *list = gaa(AF_UNSPEC, 0, NULL);
    int reported = 0;
    for (IP_ADAPTER_ADDRESSES *a = list; a; a = a->Next) {
        for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next) {
            SOCKADDR *sa = u->Address.lpSockaddr;
            int v6 = sa->sa_family == AF_INET6;
            assert_true(v6 || sa->sa_family == AF_INET);
            assert_int_equal(u->Address.iSockaddrLength,
                             v6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN));
            assert_int_equal(ws2t_linux_has_address(v6, INETADDR_ADDRESS(sa), a->IfIndex), 1);
            assert_true(u->OnLinkPrefixLength <= (v6 ? 128 : 32));
            if (v6 && IN6_IS_ADDR_LINKLOCAL((IN6_ADDR *)INETADDR_ADDRESS(sa)))
                assert_int_equal(((SOCKADDR_IN6 *)sa)->sin6_scope_id, a->IfIndex);
            reported++;
        }
    }
    assert_int_equal(reported, ws2t_linux_address_count(0));
    free(list);
}

/* Whether p lies inside [base, base + size). */
static void assert_inside(const void *p, const void *base, ULONG size)
{
    if (!p)
        return;
    assert_true((const char *)p >= (const char *)base &&
                (const char *)p < (const char *)base + size);
}

/*
 * The sizing protocol: NULL AdapterAddresses or a SizePointer too small →
 * ERROR_BUFFER_OVERFLOW with the size needed; that size is enough; all the
 * data lies inside the caller's buffer (one free releases it); a NULL
 * SizePointer or an unknown family → ERROR_INVALID_PARAMETER.
 */
static void adapters_buffer_protocol(void **state)
{
    (void)state;
    ULONG flags = GAA_FLAG_INCLUDE_PREFIX | GAA_FLAG_INCLUDE_GATEWAYS;
    ULONG need = 0;
    assert_int_equal(GetAdaptersAddresses(AF_UNSPEC, flags, NULL, NULL, &need),
                     ERROR_BUFFER_OVERFLOW);
    assert_true(need > sizeof(IP_ADAPTER_ADDRESSES));
    char *buf = malloc(need + 64);
    assert_non_null(buf);
    IP_ADAPTER_ADDRESSES *a = (IP_ADAPTER_ADDRESSES *)buf;

    ULONG small = need - 1;
    memset(buf, 0x5a, need);
    assert_int_equal(GetAdaptersAddresses(AF_UNSPEC, flags, NULL, a, &small),
                     ERROR_BUFFER_OVERFLOW);
    assert_int_equal(small, need);
    small = sizeof(IP_ADAPTER_ADDRESSES);
    assert_int_equal(GetAdaptersAddresses(AF_UNSPEC, flags, NULL, a, &small),
                     ERROR_BUFFER_OVERFLOW);
    assert_int_equal(small, need);

    ULONG exact = need;
    assert_int_equal(GetAdaptersAddresses(AF_UNSPEC, flags, NULL, a, &exact), NO_ERROR);
    for (IP_ADAPTER_ADDRESSES *x = a; x; x = x->Next) {
        assert_inside(x, buf, need);
        assert_inside(x->AdapterName, buf, need);
        assert_inside(x->FriendlyName, buf, need);
        assert_inside(x->Description, buf, need);
        assert_inside(x->DnsSuffix, buf, need);
        for (IP_ADAPTER_UNICAST_ADDRESS *u = x->FirstUnicastAddress; u; u = u->Next) {
            assert_inside(u, buf, need);
            assert_inside(u->Address.lpSockaddr, buf, need);
        }
        for (IP_ADAPTER_PREFIX *p = x->FirstPrefix; p; p = p->Next) {
            assert_inside(p, buf, need);
            assert_inside(p->Address.lpSockaddr, buf, need);
        }
        for (IP_ADAPTER_GATEWAY_ADDRESS *g = x->FirstGatewayAddress; g; g = g->Next)
            assert_inside(g->Address.lpSockaddr, buf, need);
        for (IP_ADAPTER_MULTICAST_ADDRESS *m = x->FirstMulticastAddress; m; m = m->Next)
            assert_inside(m->Address.lpSockaddr, buf, need);
        for (IP_ADAPTER_DNS_SERVER_ADDRESS *d = x->FirstDnsServerAddress; d; d = d->Next)
            assert_inside(d->Address.lpSockaddr, buf, need);
    }
    free(buf);

    assert_int_equal(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, NULL), ERROR_INVALID_PARAMETER);
    ULONG size = 0;
    assert_int_equal(GetAdaptersAddresses(AF_IPX, 0, NULL, NULL, &size), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetAdaptersAddresses(AF_UNSPEC, 0, NULL, NULL, (PULONG)ws2t_page(1)),
                     ERROR_INVALID_PARAMETER);
}

/* AF_INET lists no IPv6 address and AF_INET6 no IPv4 one; both find the loopback ones. */
static void adapters_family_filter(void **state)
{
    (void)state;
    IP_ADAPTER_ADDRESSES *v4 = gaa(AF_INET, 0, NULL);
    int n4 = 0;
    for (IP_ADAPTER_ADDRESSES *a = v4; a; a = a->Next)
        for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next, n4++)
            assert_int_equal(u->Address.lpSockaddr->sa_family, AF_INET);
    assert_true(has_unicast(loopback_adapter(v4), "127.0.0.1"));
    assert_int_equal(n4, ws2t_linux_address_count(4));
    free(v4);

    if (ws2t_linux_address_count(6) > 0) {
        IP_ADAPTER_ADDRESSES *v6 = gaa(AF_INET6, 0, NULL);
        int n6 = 0;
        for (IP_ADAPTER_ADDRESSES *a = v6; a; a = a->Next)
            for (IP_ADAPTER_UNICAST_ADDRESS *u = a->FirstUnicastAddress; u; u = u->Next, n6++)
                assert_int_equal(u->Address.lpSockaddr->sa_family, AF_INET6);
        assert_int_equal(n6, ws2t_linux_address_count(6));
        free(v6);
    }
}

/*
 * GAA_FLAG_SKIP_UNICAST: no unicast list; GAA_FLAG_SKIP_FRIENDLY_NAME: "Do
 * not return the adapter friendly name" (ours is an empty string, for code
 * that prints it anyway); GAA_FLAG_SKIP_DNS_SERVER and _MULTICAST: no
 * such lists; GAA_FLAG_INCLUDE_PREFIX: the loopback adapter's prefixes
 * include 127.0.0.0/8.
 */
static void adapters_flags_choose_the_lists(void **state)
{
    (void)state;
    IP_ADAPTER_ADDRESSES *list = gaa(AF_UNSPEC,
                                     GAA_FLAG_SKIP_UNICAST | GAA_FLAG_SKIP_FRIENDLY_NAME |
                                         GAA_FLAG_SKIP_DNS_SERVER | GAA_FLAG_SKIP_MULTICAST,
                                     NULL);
    for (IP_ADAPTER_ADDRESSES *a = list; a; a = a->Next) {
        assert_null(a->FirstUnicastAddress);
        assert_null(a->FirstDnsServerAddress);
        assert_null(a->FirstMulticastAddress);
        assert_null(a->FirstPrefix);
        assert_true(a->FriendlyName == NULL || a->FriendlyName[0] == 0);
        assert_non_null(a->AdapterName);
    }
    free(list);

    list = gaa(AF_INET, GAA_FLAG_INCLUDE_PREFIX, NULL);
    IP_ADAPTER_ADDRESSES *lo = loopback_adapter(list);
    bool found = false;
    for (IP_ADAPTER_PREFIX *p = lo->FirstPrefix; p; p = p->Next) {
        assert_int_equal(p->Length, sizeof(IP_ADAPTER_PREFIX));
        SOCKADDR_IN *in = (SOCKADDR_IN *)p->Address.lpSockaddr;
        if (p->PrefixLength == 8 && in->sin_addr.s_addr == htonl(0x7f000000))
            found = true;
    }
    assert_true(found);
    free(list);
}

/* GetBestInterface(Ex) for loopback destinations: the loopback adapter's index. */
static void best_interface_of_loopback_is_loopback(void **state)
{
    (void)state;
    IP_ADAPTER_ADDRESSES *list = gaa(AF_UNSPEC, 0, NULL);
    DWORD lo = loopback_adapter(list)->IfIndex;
    free(list);

    DWORD index = 0xdead;
    assert_int_equal(GetBestInterface(htonl(INADDR_LOOPBACK), &index), NO_ERROR);
    assert_int_equal(index, lo);
    index = 0xdead;
    assert_int_equal(GetBestInterface(inet_addr("127.3.4.5"), &index), NO_ERROR);
    assert_int_equal(index, lo);

    SOCKADDR_IN in;
    memset(&in, 0, sizeof(in));
    in.sin_family = AF_INET;
    IN4ADDR_SETLOOPBACK(&in);
    index = 0xdead;
    assert_int_equal(GetBestInterfaceEx((PSOCKADDR)&in, &index), NO_ERROR);
    assert_int_equal(index, lo);
    if (ws2t_linux_has_address(1, in6addr_loopback.s6_bytes, lo) == 1) {
        SOCKADDR_IN6 in6;
        memset(&in6, 0, sizeof(in6));
        in6.sin6_family = AF_INET6;
        in6.sin6_addr = in6addr_loopback;
        index = 0xdead;
        assert_int_equal(GetBestInterfaceEx((PSOCKADDR)&in6, &index), NO_ERROR);
        assert_int_equal(index, lo);
    }

    /* "if a NULL pointer is passed in the pdwBestIfIndex parameter". */
    assert_int_equal(GetBestInterface(htonl(INADDR_LOOPBACK), NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetBestInterfaceEx((PSOCKADDR)&in, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetBestInterfaceEx(NULL, &index), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetBestInterface(htonl(INADDR_LOOPBACK), (PDWORD)ws2t_page(1)),
                     ERROR_INVALID_PARAMETER);
}

/*
 * if_nametoindex and if_indextoname agree with the adapters (and with
 * Linux: the names are Linux's); an unknown name is 0, an unknown index
 * NULL.
 */
static void interface_names_and_indexes(void **state)
{
    (void)state;
    IP_ADAPTER_ADDRESSES *list = gaa(AF_UNSPEC, 0, NULL);
    for (IP_ADAPTER_ADDRESSES *a = list; a; a = a->Next) {
        assert_int_equal(if_nametoindex(a->AdapterName), a->IfIndex);
        char name[IF_NAMESIZE];
        memset(name, 'x', sizeof(name));
        assert_ptr_equal(if_indextoname(a->IfIndex, name), name);
        assert_string_equal(name, a->AdapterName);
    }
    IP_ADAPTER_ADDRESSES *lo = loopback_adapter(list);
    assert_int_equal(if_nametoindex("lo"), lo->IfIndex);
    free(list);

    assert_int_equal(if_nametoindex("ws2-no-such-if"), 0);
    assert_int_equal(if_nametoindex(NULL), 0);
    char name[IF_NAMESIZE];
    assert_null(if_indextoname(0, name));
    assert_null(if_indextoname(0x7ffffff0, name));
    assert_int_equal(IF_NAMESIZE, 256);

    int others;
    DWORD n = 0;
    assert_int_equal(GetNumberOfInterfaces(&n), NO_ERROR);
    assert_int_equal(n, ws2t_linux_interfaces(&others));
    assert_int_equal(GetNumberOfInterfaces(NULL), ERROR_INVALID_PARAMETER);
}

/* LUIDs: index → LUID → index and name, name → LUID, with the documented errors. */
static void luid_conversions(void **state)
{
    (void)state;
    NET_IFINDEX lo = if_nametoindex("lo");
    assert_true(lo != 0);
    NET_LUID luid;
    assert_int_equal(ConvertInterfaceIndexToLuid(lo, &luid), NO_ERROR);
    assert_int_equal(luid.Info.IfType, IF_TYPE_SOFTWARE_LOOPBACK);
    NET_IFINDEX back = 0;
    assert_int_equal(ConvertInterfaceLuidToIndex(&luid, &back), NO_ERROR);
    assert_int_equal(back, lo);

    char name[IF_NAMESIZE];
    assert_int_equal(ConvertInterfaceLuidToNameA(&luid, name, sizeof(name)), NO_ERROR);
    assert_string_equal(name, "lo");
    assert_int_equal(ConvertInterfaceLuidToNameA(&luid, name, 2), ERROR_NOT_ENOUGH_MEMORY);
    WCHAR wname[IF_NAMESIZE];
    assert_int_equal(ConvertInterfaceLuidToNameW(&luid, wname, IF_NAMESIZE), NO_ERROR);
    assert_wide_is(wname, "lo");

    NET_LUID again;
    memset(&again, 0x5a, sizeof(again));
    assert_int_equal(ConvertInterfaceNameToLuidA("lo", &again), NO_ERROR);
    assert_int_equal(again.Value, luid.Value);
    memset(&again, 0x5a, sizeof(again));
    assert_int_equal(ConvertInterfaceNameToLuidW(wname, &again), NO_ERROR);
    assert_int_equal(again.Value, luid.Value);

    assert_int_equal(ConvertInterfaceNameToLuidA("ws2-no-such-if", &again), ERROR_INVALID_NAME);
    assert_int_equal(ConvertInterfaceNameToLuidA(NULL, &again), ERROR_INVALID_PARAMETER);
    assert_int_equal(ConvertInterfaceIndexToLuid(lo, NULL), ERROR_INVALID_PARAMETER);
    /* "a NULL is returned in the InterfaceLuid parameter" on failure. */
    memset(&again, 0x5a, sizeof(again));
    assert_int_equal(ConvertInterfaceIndexToLuid(0x7ffffff0, &again), ERROR_FILE_NOT_FOUND);
    assert_int_equal(again.Value, 0);
    memset(&again, 0x5a, sizeof(again));
    assert_int_equal(ConvertInterfaceIndexToLuid(0, &again), ERROR_INVALID_PARAMETER);
    assert_int_equal(again.Value, 0);
    assert_int_equal(ConvertInterfaceLuidToIndex(NULL, &back), ERROR_INVALID_PARAMETER);
    NET_LUID bogus = luid;
    bogus.Info.IfType = IF_TYPE_PPP;
    assert_int_equal(ConvertInterfaceLuidToIndex(&bogus, &back), ERROR_FILE_NOT_FOUND);
    assert_int_equal(ConvertInterfaceLuidToNameA(&bogus, name, sizeof(name)),
                     ERROR_INVALID_PARAMETER);
    assert_int_equal(ConvertInterfaceLuidToNameA(&luid, NULL, sizeof(name)),
                     ERROR_INVALID_PARAMETER);

    ULONG mask = 0;
    assert_int_equal(ConvertLengthToIpv4Mask(20, &mask), NO_ERROR);
    assert_int_equal(mask, inet_addr("255.255.240.0"));
    assert_int_equal(ConvertLengthToIpv4Mask(0, &mask), NO_ERROR);
    assert_int_equal(mask, 0);
    assert_int_equal(ConvertLengthToIpv4Mask(33, &mask), ERROR_INVALID_PARAMETER);
    UINT8 len = 0;
    assert_int_equal(ConvertIpv4MaskToLength(inet_addr("255.255.255.128"), &len), NO_ERROR);
    assert_int_equal(len, 25);
    assert_int_equal(ConvertIpv4MaskToLength(inet_addr("255.0.255.0"), &len),
                     ERROR_INVALID_PARAMETER);
}

/*
 * GetAdaptersInfo lists the IPv4 adapters other than loopback; with only
 * loopback there is none: ERROR_NO_DATA.  Otherwise the same sizing
 * protocol as GetAdaptersAddresses, and every adapter's first address is a
 * dotted IPv4 text of an address Linux has on it (or 0.0.0.0 for none).
 */
static void adapters_info_lists_the_ipv4_adapters(void **state)
{
    (void)state;
    int others = 0;
    ws2t_linux_interfaces(&others);
    ULONG need = 0;
    ULONG r = GetAdaptersInfo(NULL, &need);
    assert_int_equal(GetAdaptersInfo(NULL, NULL), ERROR_INVALID_PARAMETER);
    if (others == 0) {
        assert_int_equal(r, ERROR_NO_DATA);
        return;
    }
    assert_int_equal(r, ERROR_BUFFER_OVERFLOW);
    assert_true(need >= others * sizeof(IP_ADAPTER_INFO));
    IP_ADAPTER_INFO *info = malloc(need);
    assert_non_null(info);
    ULONG small = sizeof(IP_ADAPTER_INFO) - 1;
    assert_int_equal(GetAdaptersInfo(info, &small), ERROR_BUFFER_OVERFLOW);
    assert_int_equal(small, need);
    ULONG size = need;
    assert_int_equal(GetAdaptersInfo(info, &size), NO_ERROR);
    int n = 0;
    for (IP_ADAPTER_INFO *a = info; a; a = a->Next, n++) {
        assert_true(a->Type != MIB_IF_TYPE_LOOPBACK);
        assert_int_equal(a->Index, if_nametoindex(a->AdapterName));
        for (IP_ADDR_STRING *s = &a->IpAddressList; s; s = s->Next) {
            IN_ADDR addr;
            assert_int_equal(inet_pton(AF_INET, s->IpAddress.String, &addr), 1);
            assert_int_equal(inet_pton(AF_INET, s->IpMask.String, &addr), 1);
            inet_pton(AF_INET, s->IpAddress.String, &addr);
            if (addr.s_addr != 0)
                assert_int_equal(ws2t_linux_has_address(0, (unsigned char *)&addr, a->Index), 1);
        }
    }
    assert_int_equal(n, others);
    free(info);
}

/* GetNetworkParams: the sizing protocol, and the host name gethostname gives (up to a dot). */
static void network_params_give_the_host_name(void **state)
{
    (void)state;
    ULONG need = 0;
    assert_int_equal(GetNetworkParams(NULL, &need), ERROR_BUFFER_OVERFLOW);
    assert_true(need >= sizeof(FIXED_INFO));
    FIXED_INFO *fi = malloc(need);
    assert_non_null(fi);
    ULONG small = sizeof(FIXED_INFO) - 1;
    assert_int_equal(GetNetworkParams(fi, &small), ERROR_BUFFER_OVERFLOW);
    assert_int_equal(small, need);
    assert_int_equal(GetNetworkParams(fi, &need), NO_ERROR);
    char host[256];
    assert_int_equal(gethostname(host, sizeof(host)), 0);
    char *dot = strchr(host, '.');
    if (dot)
        *dot = '\0';
    assert_string_equal(fi->HostName, host);
    for (IP_ADDR_STRING *s = &fi->DnsServerList; s && s->IpAddress.String[0]; s = s->Next) {
        IN_ADDR addr;
        assert_int_equal(inet_pton(AF_INET, s->IpAddress.String, &addr), 1);
    }
    free(fi);
    assert_int_equal(GetNetworkParams(NULL, NULL), ERROR_INVALID_PARAMETER);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(adapters_include_the_loopback_interface),
        T(every_unicast_address_is_linux_s),
        T(adapters_buffer_protocol),
        T(adapters_family_filter),
        T(adapters_flags_choose_the_lists),
        T(best_interface_of_loopback_is_loopback),
        T(interface_names_and_indexes),
        T(luid_conversions),
        T(adapters_info_lists_the_ipv4_adapters),
        T(network_params_give_the_host_name),
    };
    return cmocka_run_group_tests_name("win32_iphlpapi", tests, NULL, NULL);
}
