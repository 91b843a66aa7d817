/*
 * Bad arguments, part three: names and addresses (inet_*, getaddrinfo,
 * getnameinfo, the hostent calls, address text), the protocol catalog and
 * the WSC calls: invalid pointers, short and negative lengths, wrong
 * families, and calls before WSAStartup.  See bad_args.h.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sporder.h>
#include <ws2spi.h>

#include "bad_args.h"

/*
 * Each of these needs WSAStartup: "WSANOTINITIALISED: A successful
 * WSAStartup call must occur before using this function."  getaddrinfo and
 * getnameinfo return the code as well as setting it.
 */
static void name_calls_before_startup_are_not_initialised(void **state)
{
    (void)state;
    char buf[256];
    WCHAR wbuf[64];
    struct sockaddr_in a = {.sin_family = AF_INET};
    int len = sizeof(a);
    DWORD dlen = sizeof(buf);
    ADDRINFOA *ai = NULL;
    ADDRINFOW *aiw = NULL;
    assert_fails_with(gethostbyname("localhost"), NULL, WSANOTINITIALISED);
    assert_fails_with(gethostbyaddr((char *)&a.sin_addr, 4, AF_INET), NULL, WSANOTINITIALISED);
    assert_fails_with(gethostname(buf, sizeof(buf)), SOCKET_ERROR, WSANOTINITIALISED);
    assert_fails_with(GetHostNameW(wbuf, 64), SOCKET_ERROR, WSANOTINITIALISED);
    assert_fails_with(getservbyname("http", "tcp"), NULL, WSANOTINITIALISED);
    assert_fails_with(getservbyport(htons(80), "tcp"), NULL, WSANOTINITIALISED);
    assert_fails_with(getprotobyname("tcp"), NULL, WSANOTINITIALISED);
    assert_fails_with(getprotobynumber(6), NULL, WSANOTINITIALISED);
    assert_fails_with(getaddrinfo("localhost", NULL, NULL, &ai), WSANOTINITIALISED,
                      WSANOTINITIALISED);
    assert_fails_with(GetAddrInfoW(L"localhost", NULL, NULL, &aiw), WSANOTINITIALISED,
                      WSANOTINITIALISED);
    assert_fails_with(getnameinfo((struct sockaddr *)&a, sizeof(a), buf, sizeof(buf), NULL, 0, 0),
                      WSANOTINITIALISED, WSANOTINITIALISED);
    assert_fails_with(WSAAddressToStringA((struct sockaddr *)&a, sizeof(a), NULL, buf, &dlen),
                      SOCKET_ERROR, WSANOTINITIALISED);
    assert_fails_with(WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (struct sockaddr *)&a, &len),
                      SOCKET_ERROR, WSANOTINITIALISED);
    assert_fails_with(WSAEnumProtocolsW(NULL, NULL, &dlen), SOCKET_ERROR, WSANOTINITIALISED);
    /* The pure conversions need no startup. */
    IN_ADDR in;
    assert_int_equal(inet_pton(AF_INET, "1.2.3.4", &in), 1);
    assert_int_equal(inet_addr("1.2.3.4"), in.S_un.S_addr);
}

/* inet_addr, inet_pton, inet_ntop and their wide forms. */
static void address_conversions_refuse_bad_pointers_and_families(void **state)
{
    (void)state;
    IN_ADDR in;
    char text[64];
    WCHAR wtext[64];
    assert_int_equal(inet_addr(BAD_PTR), INADDR_NONE);
    assert_int_equal(inet_addr(NULL), INADDR_NONE);
    /* inet_pton docs, WSAEFAULT: "The pszAddrString or pAddrBuf parameters are NULL or are
     * not part of the user address space"; WSAEAFNOSUPPORT for another family. */
    assert_fails_with(inet_pton(AF_INET, BAD_PTR, &in), -1, WSAEFAULT);
    assert_fails_with(inet_pton(AF_INET, "1.2.3.4", BAD_PTR), -1, WSAEFAULT);
    assert_fails_with(inet_pton(AF_INET6, "::1", ws2t_page(1)), -1, WSAEFAULT);
    assert_fails_with(inet_pton(12345, "1.2.3.4", &in), -1, WSAEAFNOSUPPORT);
    assert_fails_with(InetPtonW(AF_INET, BAD_PTR, &in), -1, WSAEFAULT);
    assert_fails_with(InetPtonW(AF_INET, L"1.2.3.4", BAD_PTR), -1, WSAEFAULT);
    /* A string running into a page we cannot read: WSAEFAULT, not a crash. */
    char *edge = (char *)ws2t_guarded_page() + 4096 - 3;
    memcpy(edge, "1.2", 3);
    assert_fails_with(inet_pton(AF_INET, edge, &in), -1, WSAEFAULT);
    assert_int_equal(inet_addr(edge), INADDR_NONE);
    /* inet_ntop docs: ERROR_INVALID_PARAMETER for a NULL or short buffer, WSAEAFNOSUPPORT for
     * another family; an address or buffer we cannot use gets the same as NULL. */
    in.S_un.S_addr = htonl(INADDR_LOOPBACK);
    assert_fails_with(inet_ntop(AF_INET, BAD_PTR, text, sizeof(text)), NULL,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(inet_ntop(AF_INET, &in, BAD_PTR, sizeof(text)), NULL,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(inet_ntop(AF_INET, &in, text, 3), NULL, ERROR_INVALID_PARAMETER);
    assert_fails_with(inet_ntop(AF_INET, &in, ws2t_page(1), 16), NULL, ERROR_INVALID_PARAMETER);
    assert_fails_with(inet_ntop(12345, &in, text, sizeof(text)), NULL, WSAEAFNOSUPPORT);
    assert_fails_with(InetNtopW(AF_INET, &in, BAD_PTR, 64), NULL, ERROR_INVALID_PARAMETER);
    assert_fails_with(InetNtopW(AF_INET6, BAD_PTR, wtext, 64), NULL, ERROR_INVALID_PARAMETER);
    assert_string_equal(inet_ntop(AF_INET, &in, text, sizeof(text)), "127.0.0.1");
}

/*
 * getaddrinfo docs, WSAEFAULT... is not listed, but an unreadable name or a
 * result pointer we cannot write is the kernel's EFAULT; EAI_FAMILY
 * (WSAEAFNOSUPPORT) for a family it does not know; getnameinfo docs:
 * WSAEFAULT "This error is returned if the sa parameter is NULL or the salen
 * parameter is less than the length required for the size of sockaddr_in ...
 * or sockaddr_in6 structure", EAI_FAMILY for another family.
 */
static void getaddrinfo_and_getnameinfo_check_their_pointers(void **state)
{
    (void)state;
    ADDRINFOA *ai = NULL, hints = {0};
    ADDRINFOW *aiw = NULL;
    assert_fails_with(getaddrinfo("localhost", NULL, NULL, BAD_PTR), WSAEFAULT, WSAEFAULT);
    assert_fails_with(getaddrinfo("localhost", NULL, NULL, NULL), WSAEFAULT, WSAEFAULT);
    assert_fails_with(getaddrinfo(BAD_PTR, NULL, NULL, &ai), WSAEFAULT, WSAEFAULT);
    assert_fails_with(getaddrinfo("localhost", BAD_PTR, NULL, &ai), WSAEFAULT, WSAEFAULT);
    assert_fails_with(getaddrinfo("localhost", NULL, BAD_PTR, &ai), WSAEFAULT, WSAEFAULT);
    assert_fails_with(GetAddrInfoW(BAD_PTR, NULL, NULL, &aiw), WSAEFAULT, WSAEFAULT);
    assert_fails_with(GetAddrInfoW(L"localhost", NULL, BAD_PTR, &aiw), WSAEFAULT, WSAEFAULT);
    assert_fails_with(GetAddrInfoW(L"localhost", NULL, NULL, ws2t_page(1)), WSAEFAULT, WSAEFAULT);
    hints.ai_family = 12345;
    assert_fails_with(getaddrinfo("localhost", NULL, &hints, &ai), WSAEAFNOSUPPORT,
                      WSAEAFNOSUPPORT);
    /* A list we never made is left alone rather than crashing. */
    freeaddrinfo(BAD_PTR);
    FreeAddrInfoW(BAD_PTR);
    freeaddrinfo(NULL);

    struct sockaddr_in a = {.sin_family = AF_INET};
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    WCHAR whost[NI_MAXHOST];
    assert_fails_with(getnameinfo(BAD_PTR, sizeof(a), host, sizeof(host), NULL, 0, NI_NUMERICHOST),
                      WSAEFAULT, WSAEFAULT);
    assert_fails_with(getnameinfo((struct sockaddr *)&a, 2, host, sizeof(host), NULL, 0, 0),
                      WSAEFAULT, WSAEFAULT);
    assert_fails_with(getnameinfo((struct sockaddr *)&a, -1, host, sizeof(host), NULL, 0, 0),
                      WSAEFAULT, WSAEFAULT);
    assert_fails_with(getnameinfo((struct sockaddr *)&a, sizeof(a), BAD_PTR, sizeof(host), NULL, 0,
                                  NI_NUMERICHOST),
                      WSAEFAULT, WSAEFAULT);
    assert_fails_with(getnameinfo((struct sockaddr *)&a, sizeof(a), NULL, 0, BAD_PTR, sizeof(serv),
                                  NI_NUMERICSERV),
                      WSAEFAULT, WSAEFAULT);
    assert_fails_with(GetNameInfoW((struct sockaddr *)&a, sizeof(a), BAD_PTR, NI_MAXHOST, NULL, 0,
                                   NI_NUMERICHOST),
                      WSAEFAULT, WSAEFAULT);
    struct sockaddr_in wrong = {.sin_family = 12345};
    assert_fails_with(
        getnameinfo((struct sockaddr *)&wrong, sizeof(wrong), host, sizeof(host), NULL, 0, 0),
        WSAEAFNOSUPPORT, WSAEAFNOSUPPORT);
    assert_int_equal(
        GetNameInfoW((struct sockaddr *)&a, sizeof(a), whost, NI_MAXHOST, NULL, 0, NI_NUMERICHOST),
        0);
}

/* The hostent calls: gethostbyname, gethostbyaddr, gethostname, getservby*, getprotoby*. */
static void hostent_calls_check_their_pointers(void **state)
{
    (void)state;
    char buf[256];
    WCHAR wbuf[256];
    IN_ADDR in = {.S_un.S_addr = htonl(INADDR_LOOPBACK)};
    /* gethostbyname docs, WSAEFAULT: "The name parameter is not a valid part of the user
     * address space." */
    assert_fails_with(gethostbyname(BAD_PTR), NULL, WSAEFAULT);
    /* gethostbyaddr docs, WSAEFAULT: "The addr parameter is not a valid part of the user
     * address space, or the len parameter is too small"; WSAEAFNOSUPPORT: "The type specified
     * is not supported"; WSAEINVAL for an AF_INET6 len other than 16. */
    assert_fails_with(gethostbyaddr(BAD_PTR, 4, AF_INET), NULL, WSAEFAULT);
    assert_fails_with(gethostbyaddr((char *)&in, 3, AF_INET), NULL, WSAEFAULT);
    assert_fails_with(gethostbyaddr((char *)&in, -4, AF_INET), NULL, WSAEFAULT);
    assert_fails_with(gethostbyaddr((char *)&in, 4, 12345), NULL, WSAEAFNOSUPPORT);
    assert_fails_with(gethostbyaddr((char *)&in, 4, AF_INET6), NULL, WSAEINVAL);
    assert_fails_with(gethostbyaddr(BAD_PTR, 16, AF_INET6), NULL, WSAEFAULT);
    /* gethostname docs, WSAEFAULT: "The name parameter is a NULL pointer or is not a valid
     * part of the user address space. This error is also returned if the buffer size specified
     * by namelen parameter is too small to hold the complete host name." */
    assert_fails_with(gethostname(BAD_PTR, sizeof(buf)), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(gethostname(NULL, sizeof(buf)), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(gethostname(buf, 0), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(gethostname(buf, -1), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(gethostname(ws2t_page(1), 256), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(GetHostNameW(BAD_PTR, 256), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(GetHostNameW(wbuf, -5), SOCKET_ERROR, WSAEFAULT);
    /* getservbyname, getservbyport, getprotobyname: WSAEFAULT "The name or proto parameter is
     * not a valid part of the user address space." */
    assert_fails_with(getservbyname(BAD_PTR, "tcp"), NULL, WSAEFAULT);
    assert_fails_with(getservbyname("http", BAD_PTR), NULL, WSAEFAULT);
    assert_fails_with(getservbyport(htons(80), BAD_PTR), NULL, WSAEFAULT);
    assert_fails_with(getprotobyname(BAD_PTR), NULL, WSAEFAULT);
    assert_fails_with(getprotobyname(NULL), NULL, WSAEFAULT);
    assert_int_equal(gethostname(buf, sizeof(buf)), 0);
}

/*
 * WSAAddressToString docs, WSAEFAULT: "The specified lpcsAddress,
 * lpProtocolInfo, and lpszAddressString parameters point to memory that is
 * not all in the address space of the process, or the buffer pointed to by
 * the lpszAddressString parameter is too small"; WSAEINVAL for a family
 * without a provider.  WSAStringToAddress likewise, and WSAEINVAL when "the
 * specified address family is not supported".
 */
static void address_text_calls_check_their_pointers(void **state)
{
    (void)state;
    struct sockaddr_in a = {.sin_family = AF_INET};
    char text[64];
    WCHAR wtext[64];
    DWORD len = sizeof(text);
    assert_fails_with(WSAAddressToStringA(BAD_PTR, sizeof(a), NULL, text, &len), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(WSAAddressToStringA((struct sockaddr *)&a, sizeof(a), NULL, BAD_PTR, &len),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAAddressToStringA((struct sockaddr *)&a, sizeof(a), NULL, text, BAD_PTR),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAAddressToStringA((struct sockaddr *)&a, 8, NULL, text, &len), SOCKET_ERROR,
                      WSAEFAULT);
    len = 64;
    assert_fails_with(
        WSAAddressToStringW((struct sockaddr *)&a, sizeof(a), NULL, ws2t_page(1), &len),
        SOCKET_ERROR, WSAEFAULT);
    len = 64;
    struct sockaddr_in wrong = {.sin_family = 12345};
    assert_fails_with(
        WSAAddressToStringW((struct sockaddr *)&wrong, sizeof(wrong), NULL, wtext, &len),
        SOCKET_ERROR, WSAEINVAL);
    int alen = sizeof(a);
    assert_fails_with(WSAStringToAddressA(BAD_PTR, AF_INET, NULL, (struct sockaddr *)&a, &alen),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAStringToAddressA("1.2.3.4", AF_INET, NULL, BAD_PTR, &alen), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (struct sockaddr *)&a, BAD_PTR),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAStringToAddressW(BAD_PTR, AF_INET, NULL, (struct sockaddr *)&a, &alen),
                      SOCKET_ERROR, WSAEFAULT);
    alen = -1;
    assert_fails_with(WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (struct sockaddr *)&a, &alen),
                      SOCKET_ERROR, WSAEFAULT);
    alen = sizeof(a);
    assert_fails_with(WSAStringToAddressA("1.2.3.4", 12345, NULL, (struct sockaddr *)&a, &alen),
                      SOCKET_ERROR, WSAEINVAL);
}

/*
 * WSAEnumProtocols docs, WSAEFAULT: "One or more of the lpiProtocols,
 * lpProtocolBuffer, or lpdwBufferLength parameters are not a valid part of
 * the user address space."  The WSC calls report through *lpErrno; without
 * a usable one they can only fail.
 */
static void catalog_calls_check_their_pointers(void **state)
{
    (void)state;
    DWORD len = 0;
    assert_fails_with(WSAEnumProtocolsW(BAD_PTR, NULL, &len), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAEnumProtocolsW(NULL, NULL, BAD_PTR), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAEnumProtocolsA(NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
    len = 0;
    assert_fails_with(WSAEnumProtocolsW(NULL, NULL, &len), SOCKET_ERROR, WSAENOBUFS);
    assert_true(len > 0);
    assert_fails_with(WSAEnumProtocolsW(NULL, BAD_PTR, &len), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAEnumProtocolsA(NULL, ws2t_page(1), &len), SOCKET_ERROR, WSAEFAULT);

    INT err = 0;
    assert_int_equal(WSCEnumProtocols(NULL, NULL, BAD_PTR, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    assert_int_equal(WSCEnumProtocols(NULL, NULL, &len, BAD_PTR), SOCKET_ERROR);
    assert_int_equal(WSCEnumProtocols(NULL, NULL, &len, ws2t_page(1)), SOCKET_ERROR);
    GUID guid = {0x11111111, 0x2222, 0x3333, {4, 4, 4, 4, 5, 5, 5, 5}};
    WCHAR path[256];
    INT plen = 256;
    err = 0;
    assert_int_equal(WSCGetProviderPath(BAD_PTR, path, &plen, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    err = 0;
    assert_int_equal(WSCGetProviderPath(&guid, path, BAD_PTR, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    err = 0;
    assert_int_equal(WSCDeinstallProvider(BAD_PTR, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    WSAPROTOCOL_INFOW info = {0};
    err = 0;
    assert_int_equal(WSCInstallProvider(&guid, BAD_PTR, &info, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    err = 0;
    assert_int_equal(WSCInstallProvider(&guid, L"/nowhere.so", BAD_PTR, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    err = 0;
    assert_int_equal(WSCUpdateProvider(BAD_PTR, L"/nowhere.so", &info, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEFAULT);
    assert_int_equal(WSCWriteProviderOrder(BAD_PTR, 4), WSAEINVAL);
    assert_int_equal(WSCWriteProviderOrder(NULL, 4), WSAEINVAL);
}

/*
 * The calls without pointer arguments take any value: byte order, inet_ntoa
 * of any address, gai_strerror of a code that is no error (a text, never
 * NULL), and the in6addr constants are there.
 */
static void calls_without_pointers_take_any_value(void **state)
{
    (void)state;
    assert_int_equal(ntohl(htonl(0xdeadbeef)), 0xdeadbeef);
    assert_int_equal(ntohs(htons(0xbeef)), 0xbeef);
    IN_ADDR in = {.S_un.S_addr = 0xffffffff};
    assert_string_equal(inet_ntoa(in), "255.255.255.255");
    int codes[] = {0, -1, 12345, 0x7fffffff, WSAEFAULT};
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        assert_non_null(gai_strerrorA(codes[i]));
        assert_non_null(gai_strerrorW(codes[i]));
    }
    assert_true(IN6_IS_ADDR_UNSPECIFIED(&in6addr_any));
    assert_true(IN6_IS_ADDR_LOOPBACK(&in6addr_loopback));
}

int main(void)
{
    /* A catalog of our own that is never written (no file: the built-in entries). */
    static char catalog[128];
    snprintf(catalog, sizeof(catalog), "/tmp/ws2t-bad-args-%lu/catalog",
             (unsigned long)GetCurrentProcessId());
    setenv("WS2POSIX_CATALOG", catalog, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(name_calls_before_startup_are_not_initialised),
        cmocka_unit_test(address_conversions_refuse_bad_pointers_and_families),
        cmocka_unit_test(calls_without_pointers_take_any_value),
        cmocka_unit_test_setup_teardown(getaddrinfo_and_getnameinfo_check_their_pointers,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(hostent_calls_check_their_pointers, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(address_text_calls_check_their_pointers, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(catalog_calls_check_their_pointers, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
