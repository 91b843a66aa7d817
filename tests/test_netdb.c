/*
 * Name resolution: getaddrinfo, GetAddrInfoW, freeaddrinfo, getnameinfo,
 * GetNameInfoW, gai_strerror, WSAAddressToString and WSAStringToAddress
 * (the Winsock 1.1 databases are in test_hostent.c).  Each test names the sentence
 * of Microsoft's documentation it checks, or the Windows behaviour it pins
 * where the documentation is silent.  Loopback and localhost only: the tests
 * need no network.
 */
#include <stdio.h>
#include <string.h>
#include <uchar.h>

#include "testlib.h"
#include <wspiapi.h>

static const BYTE v4_loopback[4] = {127, 0, 0, 1};
static const BYTE v6_loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

static int is_v4(const ADDRINFOA *ai, const BYTE addr[4], USHORT port)
{
    const SOCKADDR_IN *in = (const SOCKADDR_IN *)ai->ai_addr;
    return ai->ai_family == AF_INET && ai->ai_addrlen == sizeof(SOCKADDR_IN) &&
           in->sin_family == AF_INET && in->sin_port == htons(port) &&
           !memcmp(&in->sin_addr, addr, 4);
}

static int is_v6(const ADDRINFOA *ai, const BYTE addr[16], USHORT port)
{
    const SOCKADDR_IN6 *in6 = (const SOCKADDR_IN6 *)ai->ai_addr;
    return ai->ai_family == AF_INET6 && ai->ai_addrlen == sizeof(SOCKADDR_IN6) &&
           in6->sin6_family == AF_INET6 && in6->sin6_port == htons(port) &&
           !memcmp(&in6->sin6_addr, addr, 16);
}

static int count(const ADDRINFOA *list)
{
    int n = 0;
    for (; list; list = list->ai_next)
        n++;
    return n;
}

/* getaddrinfo's result: its return value, which must also be the last error. */
static int gai(const char *node, const char *service, int family, int socktype, int protocol,
               int flags, ADDRINFOA **result)
{
    ADDRINFOA hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    hints.ai_flags = flags;
    *result = (ADDRINFOA *)(uintptr_t)1; /* must be replaced even on failure */
    WSASetLastError(0xdead);
    int r = getaddrinfo(node, service, &hints, result);
    assert_int_equal(WSAGetLastError(), r);
    if (r)
        assert_null(*result);
    return r;
}

/*
 * "A successful WSAStartup call must occur before using this function"
 * (WSANOTINITIALISED) for every resolver and database function; getaddrinfo
 * and getnameinfo return the code as well.  No setup here.
 */
static void functions_need_startup(void **state)
{
    (void)state;
    ADDRINFOA *res = (ADDRINFOA *)(uintptr_t)1;
    WSASetLastError(0);
    assert_int_equal(getaddrinfo("127.0.0.1", "80", NULL, &res), WSANOTINITIALISED);
    assert_wsa_error(WSANOTINITIALISED);
    ADDRINFOW *resw = NULL;
    WSASetLastError(0);
    assert_int_equal(GetAddrInfoW(L"127.0.0.1", NULL, NULL, &resw), WSANOTINITIALISED);
    assert_wsa_error(WSANOTINITIALISED);

    SOCKADDR_IN sin;
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char host[NI_MAXHOST];
    WCHAR whost[NI_MAXHOST];
    WSASetLastError(0);
    assert_int_equal(
        getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, NI_NUMERICHOST),
        WSANOTINITIALISED);
    assert_wsa_error(WSANOTINITIALISED);
    WSASetLastError(0);
    assert_int_equal(
        GetNameInfoW((SOCKADDR *)&sin, sizeof(sin), whost, NI_MAXHOST, NULL, 0, NI_NUMERICHOST),
        WSANOTINITIALISED);
    assert_wsa_error(WSANOTINITIALISED);

    WSASetLastError(0);
    assert_int_equal(gethostname(host, sizeof(host)), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    WSASetLastError(0);
    assert_int_equal(GetHostNameW(whost, NI_MAXHOST), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);

#define EXPECT_NULL_NOTINITIALISED(call)                                                           \
    do {                                                                                           \
        WSASetLastError(0);                                                                        \
        assert_null(call);                                                                         \
        assert_wsa_error(WSANOTINITIALISED);                                                       \
    } while (0)
    EXPECT_NULL_NOTINITIALISED(gethostbyname("localhost"));
    EXPECT_NULL_NOTINITIALISED(gethostbyaddr((const char *)v4_loopback, 4, AF_INET));
    EXPECT_NULL_NOTINITIALISED(getservbyname("http", "tcp"));
    EXPECT_NULL_NOTINITIALISED(getservbyport(htons(80), "tcp"));
    EXPECT_NULL_NOTINITIALISED(getprotobyname("tcp"));
    EXPECT_NULL_NOTINITIALISED(getprotobynumber(IPPROTO_TCP));
#undef EXPECT_NULL_NOTINITIALISED

    DWORD len = sizeof(host);
    WSASetLastError(0);
    assert_int_equal(WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, host, &len),
                     SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    len = NI_MAXHOST;
    WSASetLastError(0);
    assert_int_equal(WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, whost, &len),
                     SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    INT slen = sizeof(sin);
    char text[] = "127.0.0.1";
    WSASetLastError(0);
    assert_int_equal(WSAStringToAddressA(text, AF_INET, NULL, (SOCKADDR *)&sin, &slen),
                     SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    WCHAR wtext[] = L"127.0.0.1";
    WSASetLastError(0);
    assert_int_equal(WSAStringToAddressW(wtext, AF_INET, NULL, (SOCKADDR *)&sin, &slen),
                     SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
}

/*
 * A numeric IPv4 host: one entry whose "ai_family, ai_socktype, and
 * ai_protocol members correspond to respective arguments in a socket ...
 * call", "the ai_addr member ... points to a filled-in socket address
 * structure, the length of which is specified in its ai_addrlen member"; no
 * flags and no canonical name come back, and a success leaves last error 0.
 */
static void getaddrinfo_numeric_ipv4(void **state)
{
    (void)state;
    ADDRINFOA *res;
    assert_int_equal(gai("127.0.0.1", "80", AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0, &res), 0);
    assert_int_equal(count(res), 1);
    assert_int_equal(res->ai_flags, 0);
    assert_int_equal(res->ai_socktype, SOCK_STREAM);
    assert_int_equal(res->ai_protocol, IPPROTO_TCP);
    assert_true(is_v4(res, v4_loopback, 80));
    assert_null(res->ai_canonname);
    freeaddrinfo(res);

    /* The BSD short forms are numeric hosts too: "127.1" is 127.0.0.1. */
    assert_int_equal(gai("127.1", "0", AF_INET, SOCK_DGRAM, 0, AI_NUMERICHOST, &res), 0);
    assert_true(is_v4(res, v4_loopback, 0));
    assert_int_equal(res->ai_socktype, SOCK_DGRAM);
    freeaddrinfo(res);
}

/* IPv6 results use Windows' AF_INET6 (23) in ai_family and in the sockaddr_in6 itself. */
static void getaddrinfo_numeric_ipv6(void **state)
{
    (void)state;
    ADDRINFOA *res;
    assert_int_equal(gai("::1", "8080", AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0, &res), 0);
    assert_int_equal(count(res), 1);
    assert_int_equal(res->ai_family, 23);
    assert_int_equal(res->ai_addr->sa_family, 23);
    assert_true(is_v6(res, v6_loopback, 8080));
    freeaddrinfo(res);

    /* Windows also takes a bracketed literal, "[beef::cafe]" and "[beef::cafe]:port". */
    static const BYTE beef[16] = {0xbe, 0xef, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xca, 0xfe};
    assert_int_equal(gai("[beef::cafe]:10239", NULL, AF_UNSPEC, 0, 0, 0, &res), 0);
    assert_true(is_v6(res, beef, 0));
    freeaddrinfo(res);
    assert_int_equal(gai("[beef::cafe", NULL, AF_UNSPEC, 0, 0, AI_NUMERICHOST, &res),
                     WSAHOST_NOT_FOUND);
}

/*
 * "If the pNodeName parameter points to a string equal to "localhost", all
 * loopback addresses on the local computer are returned", one entry per
 * address carrying the hints' socket type and protocol (Windows does not
 * list an entry per socket type).
 */
static void getaddrinfo_localhost(void **state)
{
    (void)state;
    ADDRINFOA *res;
    assert_int_equal(gai("localhost", NULL, AF_UNSPEC, 0, IPPROTO_UDP, 0, &res), 0);
    int v4 = 0, v6 = 0;
    for (ADDRINFOA *ai = res; ai; ai = ai->ai_next) {
        assert_int_equal(ai->ai_socktype, 0);
        assert_int_equal(ai->ai_protocol, IPPROTO_UDP);
        v4 += is_v4(ai, v4_loopback, 0);
        v6 += is_v6(ai, v6_loopback, 0);
    }
    assert_int_equal(v4, 1);
    assert_int_equal(v4 + v6, count(res));
    freeaddrinfo(res);

    assert_int_equal(gai("LocalHost", "http", AF_INET6, SOCK_STREAM, 0, 0, &res), 0);
    assert_int_equal(count(res), 1);
    assert_true(is_v6(res, v6_loopback, 80));
    freeaddrinfo(res);
}

/*
 * AI_PASSIVE: "When the AI_PASSIVE flag is set and pNodeName is a NULL
 * pointer, the IP address portion of the socket address structure is set to
 * INADDR_ANY for IPv4 addresses and IN6ADDR_ANY_INIT for IPv6 addresses";
 * without it, "the IP address portion ... is set to the loopback address".
 */
static void getaddrinfo_null_node(void **state)
{
    (void)state;
    static const BYTE any4[4] = {0}, any6[16] = {0};
    ADDRINFOA *res;
    assert_int_equal(gai(NULL, "5000", AF_INET, SOCK_STREAM, 0, AI_PASSIVE, &res), 0);
    assert_int_equal(count(res), 1);
    assert_true(is_v4(res, any4, 5000));
    freeaddrinfo(res);
    assert_int_equal(gai(NULL, "5000", AF_INET6, SOCK_STREAM, 0, AI_PASSIVE, &res), 0);
    assert_int_equal(count(res), 1);
    assert_true(is_v6(res, any6, 5000));
    freeaddrinfo(res);
    assert_int_equal(gai(NULL, "5000", AF_UNSPEC, SOCK_STREAM, 0, AI_PASSIVE, &res), 0);
    for (ADDRINFOA *ai = res; ai; ai = ai->ai_next)
        assert_true(is_v4(ai, any4, 5000) || is_v6(ai, any6, 5000));
    freeaddrinfo(res);
    assert_int_equal(gai(NULL, "5000", AF_INET, SOCK_STREAM, 0, 0, &res), 0);
    assert_true(is_v4(res, v4_loopback, 5000));
    freeaddrinfo(res);
}

/*
 * The documented failures: AI_NUMERICHOST with a name ("the pNodeName
 * parameter must contain a ... numeric host address string, otherwise the
 * EAI_NONAME error is returned"), EAI_NONAME when "the pNodeName and
 * pServiceName parameters were not provided", EAI_FAMILY (WSAEAFNOSUPPORT),
 * EAI_SOCKTYPE (WSAESOCKTNOSUPPORT), EAI_SERVICE (WSATYPE_NOT_FOUND), and
 * WSANO_RECOVERY when a hints member other than flags, family, type and
 * protocol is set or AI_CANONNAME comes without a node; AI_CANONNAME and
 * AI_FQDN together are EAI_BADFLAGS.
 */
static void getaddrinfo_errors(void **state)
{
    (void)state;
    ADDRINFOA *res;
    assert_int_equal(gai("localhost", "80", AF_UNSPEC, 0, 0, AI_NUMERICHOST, &res),
                     WSAHOST_NOT_FOUND);
    assert_int_equal(EAI_NONAME, WSAHOST_NOT_FOUND);
    assert_int_equal(gai(NULL, NULL, AF_UNSPEC, 0, 0, 0, &res), WSAHOST_NOT_FOUND);
    assert_int_equal(gai("127.0.0.1", NULL, AF_IPX, 0, 0, 0, &res), WSAEAFNOSUPPORT);
    assert_int_equal(gai("127.0.0.1", NULL, 1234, 0, 0, 0, &res), EAI_FAMILY);
    assert_int_equal(gai("127.0.0.1", NULL, AF_INET, 999, 0, 0, &res), WSAESOCKTNOSUPPORT);
    assert_int_equal(gai(NULL, "nonexistentservice", AF_UNSPEC, 0, 0, 0, &res), WSATYPE_NOT_FOUND);
    assert_int_equal(gai("127.0.0.1", "http", AF_UNSPEC, 0, 0, AI_NUMERICSERV, &res),
                     WSAHOST_NOT_FOUND);
    assert_int_equal(gai(NULL, "80", AF_UNSPEC, 0, 0, AI_CANONNAME, &res), WSANO_RECOVERY);
    assert_int_equal(gai("localhost", NULL, AF_UNSPEC, 0, 0, AI_CANONNAME | AI_FQDN, &res),
                     WSAEINVAL);

    ADDRINFOA hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_addrlen = sizeof(SOCKADDR_IN);
    res = NULL;
    assert_int_equal(getaddrinfo("127.0.0.1", NULL, &hints, &res), WSANO_RECOVERY);
    assert_wsa_error(WSANO_RECOVERY);
    assert_null(res);

    /* A missing result pointer is an invalid pointer (WSAEFAULT), not a crash. */
    assert_int_equal(getaddrinfo("127.0.0.1", NULL, NULL, NULL), WSAEFAULT);
    assert_wsa_error(WSAEFAULT);
    /* "freeaddrinfo" accepts the NULL that a failed call leaves. */
    freeaddrinfo(NULL);
}

/*
 * Windows' addrinfo puts ai_canonname before ai_addr; with AI_CANONNAME
 * "the ai_canonname member in the ppResult parameter points to a
 * NULL-terminated string that contains the canonical name".
 */
static void getaddrinfo_canonname(void **state)
{
    (void)state;
    assert_int_equal(offsetof(ADDRINFOA, ai_addrlen), 16);
    assert_int_equal(offsetof(ADDRINFOA, ai_canonname), 24);
    assert_int_equal(offsetof(ADDRINFOA, ai_addr), 32);
    assert_int_equal(offsetof(ADDRINFOA, ai_next), 40);
    assert_int_equal(sizeof(((ADDRINFOA *)0)->ai_addrlen), sizeof(size_t));

    ADDRINFOA *res;
    assert_int_equal(gai("localhost", "80", AF_INET, SOCK_STREAM, 0, AI_CANONNAME, &res), 0);
    assert_non_null(res->ai_canonname);
    assert_string_equal(res->ai_canonname, "localhost");
    assert_true(is_v4(res, v4_loopback, 80));
    for (ADDRINFOA *ai = res->ai_next; ai; ai = ai->ai_next)
        assert_null(ai->ai_canonname);
    freeaddrinfo(res);
}

/* The address is "ready for a call to the bind function" / "to the connect function". */
static void getaddrinfo_addresses_bind_and_connect(void **state)
{
    (void)state;
    static const char *nodes[] = {"127.0.0.1", "::1"};
    for (int i = 0; i < 2; i++) {
        ADDRINFOA *local, *remote;
        assert_int_equal(
            gai(nodes[i], "0", AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, AI_PASSIVE, &local), 0);
        SOCKET l = socket(local->ai_family, local->ai_socktype, local->ai_protocol);
        assert_true(l != INVALID_SOCKET);
        assert_int_equal(bind(l, local->ai_addr, (int)local->ai_addrlen), 0);
        assert_int_equal(listen(l, 1), 0);
        char port[16];
        snprintf(port, sizeof(port), "%u", ws2t_local_port(l));

        assert_int_equal(gai(nodes[i], port, AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0, &remote), 0);
        SOCKET c = socket(remote->ai_family, remote->ai_socktype, remote->ai_protocol);
        assert_true(c != INVALID_SOCKET);
        assert_int_equal(connect(c, remote->ai_addr, (int)remote->ai_addrlen), 0);
        SOCKET s = accept(l, NULL, NULL);
        assert_true(s != INVALID_SOCKET);
        assert_int_equal(send(c, "x", 1, 0), 1);
        char b;
        assert_int_equal(recv(s, &b, 1, 0), 1);
        closesocket(s);
        closesocket(c);
        closesocket(l);
        freeaddrinfo(local);
        freeaddrinfo(remote);
    }
}

/* GetAddrInfoW: "the Unicode version" with ADDRINFOW results freed by FreeAddrInfoW. */
static void getaddrinfo_wide(void **state)
{
    (void)state;
    ADDRINFOW hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_flags = AI_CANONNAME;
    WSASetLastError(0xdead);
    assert_int_equal(GetAddrInfoW(L"localhost", L"80", &hints, &res), 0);
    assert_wsa_error(0);
    assert_non_null(res);
    assert_non_null(res->ai_canonname);
    assert_memory_equal(res->ai_canonname, L"localhost", sizeof(L"localhost"));
    assert_int_equal(res->ai_family, AF_INET);
    const SOCKADDR_IN *in = (const SOCKADDR_IN *)res->ai_addr;
    assert_int_equal(in->sin_port, htons(80));
    assert_memory_equal(&in->sin_addr, v4_loopback, 4);
    FreeAddrInfoW(res);

    res = (ADDRINFOW *)(uintptr_t)1;
    assert_int_equal(GetAddrInfoW(NULL, NULL, NULL, &res), WSAHOST_NOT_FOUND);
    assert_wsa_error(WSAHOST_NOT_FOUND);
    assert_null(res);
    FreeAddrInfoW(NULL);
}

static void sockaddr_v4(SOCKADDR_IN *sin, const BYTE addr[4], USHORT port)
{
    memset(sin, 0, sizeof(*sin));
    sin->sin_family = AF_INET;
    sin->sin_port = htons(port);
    memcpy(&sin->sin_addr, addr, 4);
}

static void sockaddr_v6(SOCKADDR_IN6 *sin6, const BYTE addr[16], USHORT port, ULONG scope)
{
    memset(sin6, 0, sizeof(*sin6));
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons(port);
    memcpy(&sin6->sin6_addr, addr, 16);
    sin6->sin6_scope_id = scope;
}

/*
 * "Setting the NI_NUMERICHOST flag returns the numeric form of the host
 * name"; "When NI_NUMERICSERV is specified, the port number is returned as
 * a numeric string".  IPv6 scopes print as numbers.
 */
static void getnameinfo_numeric(void **state)
{
    (void)state;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    SOCKADDR_IN sin;
    sockaddr_v4(&sin, v4_loopback, 80);
    WSASetLastError(0xdead);
    assert_int_equal(getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), serv,
                                 sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV),
                     0);
    assert_wsa_error(0);
    assert_string_equal(host, "127.0.0.1");
    assert_string_equal(serv, "80");

    SOCKADDR_IN6 sin6;
    static const BYTE link[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    sockaddr_v6(&sin6, link, 8080, 3);
    assert_int_equal(getnameinfo((SOCKADDR *)&sin6, sizeof(sin6), host, sizeof(host), serv,
                                 sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV),
                     0);
    assert_string_equal(host, "fe80::1%3");
    assert_string_equal(serv, "8080");

    /* Only the part asked for: a NULL buffer "indicates the caller does not want" it. */
    sockaddr_v6(&sin6, v6_loopback, 0, 0);
    assert_int_equal(getnameinfo((SOCKADDR *)&sin6, sizeof(SOCKADDR_IN6), host, sizeof(host), NULL,
                                 0, NI_NUMERICHOST),
                     0);
    assert_string_equal(host, "::1");
}

/*
 * Reverse resolution of 127.0.0.1 gives a name (localhost in the hosts file),
 * and the port a service name; "if a host name is not found for an IP
 * address (127.0.0.2, for example), the hostname is returned as the IP
 * address", unless "the NI_NAMEREQD flag is set, [then] a host name that
 * cannot be resolved by DNS results in an error".
 */
static void getnameinfo_reverse(void **state)
{
    (void)state;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    SOCKADDR_IN sin;
    sockaddr_v4(&sin, v4_loopback, 80);
    assert_int_equal(getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), serv,
                                 sizeof(serv), NI_NAMEREQD),
                     0);
    assert_string_equal(host, "localhost");
    assert_string_equal(serv, "http");

    static const BYTE other[4] = {127, 0, 0, 2};
    sockaddr_v4(&sin, other, 64999);
    assert_int_equal(
        getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), serv, sizeof(serv), 0), 0);
    assert_string_equal(host, "127.0.0.2");
    assert_string_equal(serv, "64999"); /* no such service: the number (Vista and later) */
    WSASetLastError(0);
    assert_int_equal(
        getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, NI_NAMEREQD),
        WSAHOST_NOT_FOUND);
    assert_wsa_error(WSAHOST_NOT_FOUND);
}

/*
 * getnameinfo's errors: WSAEFAULT "if the sa parameter is NULL or the salen
 * parameter is less than the length required for the size of sockaddr_in
 * ... or the sockaddr_in6 structure"; EAI_FAMILY for another family;
 * EAI_NONAME when "both the host and serv parameters were NULL"; EAI_BADFLAGS
 * when "a host name was requested but the hostlen parameter was zero".  A
 * buffer too small for the answer is WSAEFAULT and is left alone.
 */
static void getnameinfo_errors(void **state)
{
    (void)state;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    SOCKADDR_IN sin;
    sockaddr_v4(&sin, v4_loopback, 8080);
    assert_int_equal(getnameinfo(NULL, sizeof(sin), host, sizeof(host), NULL, 0, 0), WSAEFAULT);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(
        getnameinfo((SOCKADDR *)&sin, sizeof(sin) - 1, host, sizeof(host), NULL, 0, NI_NUMERICHOST),
        WSAEFAULT);
    SOCKADDR_IN6 sin6;
    sockaddr_v6(&sin6, v6_loopback, 0, 0);
    assert_int_equal(getnameinfo((SOCKADDR *)&sin6, sizeof(SOCKADDR_IN), host, sizeof(host), NULL,
                                 0, NI_NUMERICHOST),
                     WSAEFAULT);
    SOCKADDR_STORAGE other;
    memset(&other, 0, sizeof(other));
    other.ss_family = AF_IPX;
    assert_int_equal(
        getnameinfo((SOCKADDR *)&other, sizeof(other), host, sizeof(host), NULL, 0, NI_NUMERICHOST),
        WSAEAFNOSUPPORT);
    assert_wsa_error(EAI_FAMILY);
    assert_int_equal(getnameinfo((SOCKADDR *)&sin, sizeof(sin), NULL, 0, NULL, 0, 0),
                     WSAHOST_NOT_FOUND);
    assert_int_equal(getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, 0, NULL, 0, 0), WSAEINVAL);
    assert_wsa_error(EAI_BADFLAGS);

    strcpy(host, "unchanged");
    assert_int_equal(getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, 9, NULL, 0, NI_NUMERICHOST),
                     WSAEFAULT);
    assert_wsa_error(WSAEFAULT);
    assert_string_equal(host, "unchanged");
    assert_int_equal(getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, 10, NULL, 0, NI_NUMERICHOST),
                     0);
    assert_string_equal(host, "127.0.0.1");
    assert_int_equal(getnameinfo((SOCKADDR *)&sin, sizeof(sin), NULL, 0, serv, 4, NI_NUMERICSERV),
                     WSAEFAULT);
    assert_int_equal(getnameinfo((SOCKADDR *)&sin, sizeof(sin), NULL, 0, serv, 5, NI_NUMERICSERV),
                     0);
    assert_string_equal(serv, "8080");
}

/* GetNameInfoW: "The number of WCHAR characters in the buffer" for each size. */
static void getnameinfo_wide(void **state)
{
    (void)state;
    WCHAR host[NI_MAXHOST], serv[NI_MAXSERV];
    SOCKADDR_IN sin;
    sockaddr_v4(&sin, v4_loopback, 443);
    assert_int_equal(GetNameInfoW((SOCKADDR *)&sin, sizeof(sin), host, NI_MAXHOST, serv, NI_MAXSERV,
                                  NI_NUMERICHOST | NI_NUMERICSERV),
                     0);
    assert_memory_equal(host, L"127.0.0.1", sizeof(L"127.0.0.1"));
    assert_memory_equal(serv, L"443", sizeof(L"443"));
    assert_int_equal(GetNameInfoW((SOCKADDR *)&sin, sizeof(sin), host, 9, NULL, 0, NI_NUMERICHOST),
                     WSAEFAULT);
    assert_wsa_error(WSAEFAULT);
}

/*
 * gai_strerror prints "error messages based on the EAI codes returned by the
 * getaddrinfo function": the system's message for each code.
 */
static void gai_strerror_messages(void **state)
{
    (void)state;
    assert_string_equal(gai_strerrorA(EAI_NONAME), "No such host is known. ");
    assert_non_null(strstr(gai_strerror(EAI_FAMILY), "address"));
    assert_true(strlen(gai_strerrorA(EAI_AGAIN)) > 0);
    WCHAR *w = gai_strerrorW(EAI_SERVICE);
    assert_memory_equal(w, L"The specified class was not found. ",
                        sizeof(L"The specified class was not found. "));
}

/*
 * WSAAddressToString: the text with the port when it is not zero (IPv6 in
 * brackets, with "%scope"); a buffer "not large enough" fails with WSAEFAULT
 * and the length "is updated with the required string length in characters"
 * including the NUL; WSAEINVAL when lpsaAddress or lpdwAddressStringLength
 * is NULL or "no transport provider supports the indicated address family".
 */
static void address_to_string(void **state)
{
    (void)state;
    char text[64];
    DWORD len;
    SOCKADDR_IN sin;
    sockaddr_v4(&sin, v4_loopback, 0);
    len = 0;
    assert_int_equal(WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, text, &len),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(len, 10);
    assert_int_equal(WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, text, &len), 0);
    assert_string_equal(text, "127.0.0.1");
    assert_int_equal(len, 10);
    sin.sin_port = htons(65535);
    len = sizeof(text);
    assert_int_equal(WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, text, &len), 0);
    assert_string_equal(text, "127.0.0.1:65535");
    assert_int_equal(len, strlen("127.0.0.1:65535") + 1);

    SOCKADDR_IN6 sin6;
    static const BYTE addr6[16] = {0x20, 0xab, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, 0x01};
    sockaddr_v6(&sin6, addr6, 33274, 4660);
    len = sizeof(text);
    assert_int_equal(WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, text, &len), 0);
    assert_string_equal(text, "[20ab::2001%4660]:33274");
    sin6.sin6_port = 0;
    len = sizeof(text);
    assert_int_equal(WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, text, &len), 0);
    assert_string_equal(text, "20ab::2001%4660");

    WCHAR wtext[64];
    len = 64;
    assert_int_equal(WSAAddressToStringW((SOCKADDR *)&sin6, sizeof(sin6), NULL, wtext, &len), 0);
    assert_memory_equal(wtext, L"20ab::2001%4660", sizeof(L"20ab::2001%4660"));
    len = 64;
    assert_int_equal(WSAAddressToStringW((SOCKADDR *)&sin6, sizeof(sin6), NULL, NULL, &len),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(len, 16);

    len = sizeof(text);
    assert_int_equal(WSAAddressToStringA(NULL, sizeof(sin), NULL, text, &len), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, text, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    SOCKADDR_STORAGE other;
    memset(&other, 0, sizeof(other));
    other.ss_family = AF_IPX;
    assert_int_equal(WSAAddressToStringA((SOCKADDR *)&other, sizeof(other), NULL, text, &len),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(SOCKADDR_IN), NULL, text, &len),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
}

/*
 * WSAStringToAddress: "a.b.c.d:port" and "[addr%scope]:port" into a
 * sockaddr; "If the supplied buffer is not large enough, the function fails
 * with a specific error of WSAEFAULT and this parameter is updated with the
 * required size in bytes"; WSAEINVAL when it is "unable to translate the
 * string into a sockaddr" (a port of 0 among them).
 */
static void string_to_address(void **state)
{
    (void)state;
    SOCKADDR_IN sin;
    INT len = 0;
    char v4[] = "127.0.0.1:8080";
    assert_int_equal(WSAStringToAddressA(v4, AF_INET, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(len, sizeof(SOCKADDR_IN));
    assert_int_equal(WSAStringToAddressA(v4, AF_INET, NULL, (SOCKADDR *)&sin, &len), 0);
    assert_int_equal(sin.sin_family, AF_INET);
    assert_int_equal(sin.sin_port, htons(8080));
    assert_memory_equal(&sin.sin_addr, v4_loopback, 4);

    char short_form[] = "0x7f.1";
    len = sizeof(sin);
    assert_int_equal(WSAStringToAddressA(short_form, AF_INET, NULL, (SOCKADDR *)&sin, &len), 0);
    assert_memory_equal(&sin.sin_addr, v4_loopback, 4);
    assert_int_equal(sin.sin_port, 0);

    static const char *bad[] = {"127.0.0.1:0", "127.0.0.1:", "127.0.0.1 ",
                                "::1",         "1.2.3.256",  "127.0.0.1:65536"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char copy[32];
        strcpy(copy, bad[i]);
        memset(&sin, 0xab, sizeof(sin));
        len = sizeof(sin) + 4;
        WSASetLastError(0);
        if (WSAStringToAddressA(copy, AF_INET, NULL, (SOCKADDR *)&sin, &len) != SOCKET_ERROR)
            fail_msg("WSAStringToAddressA(\"%s\") accepted", bad[i]);
        assert_wsa_error(WSAEINVAL);
        assert_int_equal(sin.sin_family, 0);
        assert_int_equal(len, sizeof(sin) + 4);
    }

    SOCKADDR_IN6 sin6;
    char v6[] = "[fe80::1%4]:65535";
    len = sizeof(sin6);
    assert_int_equal(WSAStringToAddressA(v6, AF_INET6, NULL, (SOCKADDR *)&sin6, &len), 0);
    assert_int_equal(len, sizeof(SOCKADDR_IN6));
    assert_int_equal(sin6.sin6_family, AF_INET6);
    assert_int_equal(sin6.sin6_port, htons(65535));
    assert_int_equal(sin6.sin6_scope_id, 4);
    assert_int_equal(sin6.sin6_addr.s6_bytes[0], 0xfe);
    assert_int_equal(sin6.sin6_addr.s6_bytes[15], 1);

    WCHAR wv6[] = L"::1";
    len = sizeof(sin6);
    assert_int_equal(WSAStringToAddressW(wv6, AF_INET6, NULL, (SOCKADDR *)&sin6, &len), 0);
    assert_memory_equal(&sin6.sin6_addr, v6_loopback, 16);
    assert_int_equal(sin6.sin6_port, 0);
    WCHAR wbad[] = L"::1]:80";
    len = sizeof(sin6);
    assert_int_equal(WSAStringToAddressW(wbad, AF_INET6, NULL, (SOCKADDR *)&sin6, &len),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    len = sizeof(sin6);
    assert_int_equal(WSAStringToAddressA(NULL, AF_INET6, NULL, (SOCKADDR *)&sin6, &len),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSAStringToAddressA(v6, AF_INET6, NULL, (SOCKADDR *)&sin6, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
}

/*
 * wspiapi.h (the SDK's shim for Windows 2000 and earlier): its Wspiapi*
 * functions answer as the system's getaddrinfo, getnameinfo and
 * freeaddrinfo do, which every later Windows has.
 */
static void wspiapi_functions_are_the_system_functions(void **state)
{
    (void)state;
    ADDRINFOA hints = {0}, *res = NULL;
    hints.ai_family = AF_INET;
    hints.ai_flags = AI_NUMERICHOST;
    assert_int_equal(WspiapiGetAddrInfo("127.0.0.1", "80", &hints, &res), 0);
    assert_non_null(res);
    const SOCKADDR_IN *sin = (const SOCKADDR_IN *)res->ai_addr;
    assert_int_equal(sin->sin_family, AF_INET);
    assert_int_equal(ntohs(sin->sin_port), 80);
    assert_int_equal(ntohl(sin->sin_addr.s_addr), INADDR_LOOPBACK);
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    assert_int_equal(WspiapiGetNameInfo(res->ai_addr, (socklen_t)res->ai_addrlen, host,
                                        sizeof(host), serv, sizeof(serv),
                                        NI_NUMERICHOST | NI_NUMERICSERV),
                     0);
    assert_string_equal(host, "127.0.0.1");
    assert_string_equal(serv, "80");
    WspiapiFreeAddrInfo(res);
    /* Errors are getaddrinfo's: Winsock codes. */
    assert_int_equal(WspiapiGetAddrInfo("not an address", NULL, &hints, &res), WSAHOST_NOT_FOUND);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(functions_need_startup),
        T(getaddrinfo_numeric_ipv4),
        T(getaddrinfo_numeric_ipv6),
        T(getaddrinfo_localhost),
        T(getaddrinfo_null_node),
        T(getaddrinfo_errors),
        T(getaddrinfo_canonname),
        T(getaddrinfo_addresses_bind_and_connect),
        T(getaddrinfo_wide),
        T(getnameinfo_numeric),
        T(getnameinfo_reverse),
        T(getnameinfo_errors),
        T(getnameinfo_wide),
        T(gai_strerror_messages),
        T(address_to_string),
        T(string_to_address),
        T(wspiapi_functions_are_the_system_functions),
    };
#undef T
    return cmocka_run_group_tests_name("netdb", tests, NULL, NULL);
}
