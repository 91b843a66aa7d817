/*
 * libFuzzer harness: address text, parsed and printed (src/ws2_32/inet.c,
 * addrstring.c, netdb.c).
 *
 * The input's first byte picks getaddrinfo's family, the second a buffer
 * length in characters for the printers; the rest is read twice: as text
 * (up to a NUL) for the parsers, and as the bytes of an address, port and
 * scope for the printers.  What must hold, whatever the input:
 *  - the parsers answer 1/0 (inet_pton), an address or INADDR_NONE
 *    (inet_addr), 0 or WSAEINVAL (WSAStringToAddress), a result or a
 *    Winsock error (getaddrinfo with AI_NUMERICHOST); the A and W forms
 *    agree;
 *  - what a parser accepts prints, and the printed text parses to the same
 *    address (inet_pton's dotted quad prints back exactly as it was);
 *  - a printer given a buffer of the fuzzed length writes nothing past it
 *    (the buffers are allocated to that length, so AddressSanitizer sees any
 *    overrun): inet_ntop fails with ERROR_INVALID_PARAMETER when the text
 *    does not fit, WSAAddressToString with WSAEFAULT and the length it needs.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>

#define TEXT_MAX 300

static void fuzz__fail(const char *what, const char *text)
{
    fprintf(stderr, "fuzz_addrtext: %s [%s]\n", what, text ? text : "");
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* No system catalog: the built-in entries alone. */
    setenv("WS2POSIX_CATALOG", "/nonexistent/ws2posix-fuzz/catalog", 1);
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        fuzz__fail("WSAStartup failed", NULL);
    return 0;
}

static void fuzz__widen(const char *in, WCHAR *out)
{
    while ((*out++ = (WCHAR)(unsigned char)*in++) != 0)
        ;
}

/* Family, port, address and scope of two socket addresses (the flow label is not printed). */
static bool fuzz__same_address(const SOCKADDR *a, const SOCKADDR *b)
{
    if (a->sa_family != b->sa_family)
        return false;
    if (a->sa_family == AF_INET) {
        const SOCKADDR_IN *x = (const SOCKADDR_IN *)a, *y = (const SOCKADDR_IN *)b;
        return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
    }
    const SOCKADDR_IN6 *x = (const SOCKADDR_IN6 *)a, *y = (const SOCKADDR_IN6 *)b;
    return x->sin6_port == y->sin6_port && x->sin6_scope_id == y->sin6_scope_id &&
           memcmp(&x->sin6_addr, &y->sin6_addr, 16) == 0;
}

/*
 * WSAAddressToStringA/W of sa into a buffer of buflen characters, then the
 * text back through WSAStringToAddressA/W: the same address.
 */
static void fuzz__print_socket_address(const SOCKADDR *sa, int salen, unsigned buflen)
{
    char full[128];
    DWORD full_len = sizeof(full);
    if (WSAAddressToStringA((LPSOCKADDR)sa, (DWORD)salen, NULL, full, &full_len) != 0)
        fuzz__fail("WSAAddressToStringA refused an address", NULL);
    if (full_len != strlen(full) + 1)
        fuzz__fail("WSAAddressToStringA reported another length than it wrote", full);

    char *buf = buflen ? malloc(buflen) : NULL;
    DWORD len = buflen;
    int r = WSAAddressToStringA((LPSOCKADDR)sa, (DWORD)salen, NULL, buf, &len);
    if (buflen >= full_len ? r != 0 || strcmp(buf, full) != 0
                           : r != SOCKET_ERROR || WSAGetLastError() != WSAEFAULT)
        fuzz__fail("WSAAddressToStringA with a short or exact buffer", full);
    if (len != full_len)
        fuzz__fail("WSAAddressToStringA did not report the length it needs", full);
    free(buf);

    WCHAR *wbuf = buflen ? malloc(buflen * sizeof(WCHAR)) : NULL, wide[128];
    len = buflen;
    r = WSAAddressToStringW((LPSOCKADDR)sa, (DWORD)salen, NULL, wbuf, &len);
    fuzz__widen(full, wide);
    if (buflen >= full_len ? r != 0 || memcmp(wbuf, wide, full_len * sizeof(WCHAR)) != 0
                           : r != SOCKET_ERROR || WSAGetLastError() != WSAEFAULT || len != full_len)
        fuzz__fail("WSAAddressToStringW differs from WSAAddressToStringA", full);
    free(wbuf);

    SOCKADDR_STORAGE back;
    INT back_len = sizeof(back);
    if (WSAStringToAddressA(full, sa->sa_family, NULL, (LPSOCKADDR)&back, &back_len) != 0 ||
        back_len != salen || !fuzz__same_address(sa, (const SOCKADDR *)&back))
        fuzz__fail("the text WSAAddressToStringA printed does not read back", full);
    back_len = sizeof(back);
    if (WSAStringToAddressW(wide, sa->sa_family, NULL, (LPSOCKADDR)&back, &back_len) != 0 ||
        !fuzz__same_address(sa, (const SOCKADDR *)&back))
        fuzz__fail("the text WSAAddressToStringW printed does not read back", full);
}

/* inet_ntop and InetNtopW of addr into buflen characters; the text parses back. */
static void fuzz__print_address(int family, const BYTE *addr, unsigned buflen)
{
    char full[INET6_ADDRSTRLEN];
    if (!inet_ntop(family, addr, full, sizeof(full)))
        fuzz__fail("inet_ntop refused an address", NULL);
    char *buf = malloc(buflen ? buflen : 1);
    const char *r = inet_ntop(family, addr, buf, buflen);
    if (buflen > strlen(full) ? r != buf || strcmp(buf, full) != 0
                              : r != NULL || WSAGetLastError() != ERROR_INVALID_PARAMETER)
        fuzz__fail("inet_ntop with a short or exact buffer", full);
    free(buf);
    WCHAR *wbuf = malloc((buflen ? buflen : 1) * sizeof(WCHAR)), wide[INET6_ADDRSTRLEN];
    fuzz__widen(full, wide);
    const WCHAR *w = InetNtopW(family, addr, wbuf, buflen);
    if (buflen > strlen(full)
            ? w != wbuf || memcmp(wbuf, wide, (strlen(full) + 1) * sizeof(WCHAR)) != 0
            : w != NULL || WSAGetLastError() != ERROR_INVALID_PARAMETER)
        fuzz__fail("InetNtopW differs from inet_ntop", full);
    free(wbuf);
    BYTE back[16];
    if (inet_pton(family, full, back) != 1 || memcmp(back, addr, family == AF_INET ? 4 : 16) != 0)
        fuzz__fail("the text inet_ntop printed does not read back", full);
    if (family == AF_INET) {
        struct in_addr in;
        memcpy(&in, addr, 4);
        if (strcmp(inet_ntoa(in), full) != 0)
            fuzz__fail("inet_ntoa differs from inet_ntop", full);
    }
}

/* Whether the results hold addr in family. */
static bool fuzz__has_address(const ADDRINFOA *list, int family, const BYTE *addr)
{
    for (; list; list = list->ai_next) {
        if (list->ai_family != family)
            continue;
        const void *a = family == AF_INET
                            ? (const void *)&((SOCKADDR_IN *)list->ai_addr)->sin_addr
                            : (const void *)&((SOCKADDR_IN6 *)list->ai_addr)->sin6_addr;
        if (memcmp(a, addr, family == AF_INET ? 4 : 16) == 0)
            return true;
    }
    return false;
}

static void fuzz__getaddrinfo(const char *text, int family, unsigned buflen, int r4, const BYTE *a4,
                              int r6, const BYTE *a6)
{
    ADDRINFOA hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_family = family;
    PADDRINFOA list = NULL;
    int r = getaddrinfo(text, NULL, &hints, &list);
    if (r != WSAGetLastError())
        fuzz__fail("getaddrinfo's result is not its last error", text);
    if (r == 0) {
        for (const ADDRINFOA *ai = list; ai; ai = ai->ai_next) {
            if (!ai->ai_addr || ai->ai_family != ai->ai_addr->sa_family ||
                (ai->ai_family == AF_INET    ? ai->ai_addrlen != sizeof(SOCKADDR_IN)
                 : ai->ai_family == AF_INET6 ? ai->ai_addrlen != sizeof(SOCKADDR_IN6)
                                             : true))
                fuzz__fail("getaddrinfo gave a malformed result", text);
            fuzz__print_socket_address(ai->ai_addr, (int)ai->ai_addrlen, buflen);
        }
    } else if (r != WSAHOST_NOT_FOUND && r != WSANO_DATA && r != WSATRY_AGAIN &&
               r != WSANO_RECOVERY && r != WSAEINVAL && r != WSAEAFNOSUPPORT &&
               r != WSA_NOT_ENOUGH_MEMORY) {
        fuzz__fail("getaddrinfo failed with a code that is not getaddrinfo's", text);
    }
    /*
     * What inet_pton reads, getaddrinfo with AI_NUMERICHOST reads too (on
     * Windows both use one parser).  For IPv6, only text as inet_ntop
     * prints it: the C library, which reads getaddrinfo's literals, refuses
     * leading zeros in a dotted tail ("::1.2.3.04") that inet_pton takes,
     * and which of the two Windows does is not known here.
     */
    char canonical[INET6_ADDRSTRLEN];
    bool v6_canonical = r6 == 1 && inet_ntop(AF_INET6, a6, canonical, sizeof(canonical)) &&
                        strcmp(canonical, text) == 0;
    if (r4 == 1 && family != AF_INET6 && (r != 0 || !fuzz__has_address(list, AF_INET, a4)))
        fuzz__fail("getaddrinfo refused a dotted quad inet_pton reads", text);
    if (v6_canonical && family != AF_INET && (r != 0 || !fuzz__has_address(list, AF_INET6, a6)))
        fuzz__fail("getaddrinfo refused an IPv6 address inet_pton reads", text);
    freeaddrinfo(list);

    /* Bytes past ASCII are another text in UTF-16 (the A form's code page decides). */
    for (const char *p = text; *p; p++)
        if (*p & 0x80)
            return;
    WCHAR wide[TEXT_MAX + 1];
    fuzz__widen(text, wide);
    ADDRINFOW whints;
    memset(&whints, 0, sizeof(whints));
    whints.ai_flags = AI_NUMERICHOST;
    whints.ai_family = family;
    PADDRINFOW wlist = NULL;
    if (GetAddrInfoW(wide, NULL, &whints, &wlist) != r)
        fuzz__fail("GetAddrInfoW differs from getaddrinfo", text);
    FreeAddrInfoW(wlist);
}

static void fuzz__text(const char *text, int gai_family, unsigned buflen)
{
    BYTE a4[4], a6[16], w4[4], w6[16];
    int r4 = inet_pton(AF_INET, text, a4), r6 = inet_pton(AF_INET6, text, a6);
    if ((r4 != 0 && r4 != 1) || (r6 != 0 && r6 != 1))
        fuzz__fail("inet_pton answered neither 1 nor 0 for AF_INET/AF_INET6", text);
    WCHAR wide[TEXT_MAX + 1];
    fuzz__widen(text, wide);
    if (InetPtonW(AF_INET, wide, w4) != r4 || (r4 && memcmp(w4, a4, 4) != 0) ||
        InetPtonW(AF_INET6, wide, w6) != r6 || (r6 && memcmp(w6, a6, 16) != 0))
        fuzz__fail("InetPtonW differs from inet_pton", text);
    if (r4) {
        char back[INET_ADDRSTRLEN];
        if (!inet_ntop(AF_INET, a4, back, sizeof(back)) || strcmp(back, text) != 0)
            fuzz__fail("a dotted quad inet_pton reads prints otherwise", text);
        ULONG bsd = inet_addr(text);
        if (memcmp(&bsd, a4, 4) != 0)
            fuzz__fail("inet_addr differs from inet_pton on a dotted quad", text);
        fuzz__print_address(AF_INET, a4, buflen);
    }
    if (r6)
        fuzz__print_address(AF_INET6, a6, buflen);

    ULONG addr = inet_addr(text);
    if (addr != INADDR_NONE) {
        struct in_addr in;
        in.s_addr = addr;
        const char *printed = inet_ntoa(in);
        BYTE back[4];
        if (inet_addr(printed) != addr || inet_pton(AF_INET, printed, back) != 1 ||
            memcmp(back, &addr, 4) != 0)
            fuzz__fail("the text inet_ntoa printed does not read back", text);
    }

    static const int families[] = {AF_INET, AF_INET6};
    for (int i = 0; i < 2; i++) {
        int family = families[i];
        SOCKADDR_STORAGE sa, wsa;
        INT len = sizeof(sa), wlen = sizeof(wsa);
        int r = WSAStringToAddressA((LPSTR)text, family, NULL, (LPSOCKADDR)&sa, &len);
        if (r != 0 && WSAGetLastError() != WSAEINVAL)
            fuzz__fail("WSAStringToAddressA failed with a code other than WSAEINVAL", text);
        int wr = WSAStringToAddressW(wide, family, NULL, (LPSOCKADDR)&wsa, &wlen);
        if (wr != r || (r == 0 && !fuzz__same_address((LPSOCKADDR)&sa, (LPSOCKADDR)&wsa)))
            fuzz__fail("WSAStringToAddressW differs from WSAStringToAddressA", text);
        if (r != 0)
            continue;
        INT needed = family == AF_INET ? sizeof(SOCKADDR_IN) : sizeof(SOCKADDR_IN6);
        if (len != needed || sa.ss_family != family)
            fuzz__fail("WSAStringToAddressA gave another family or length", text);
        fuzz__print_socket_address((LPSOCKADDR)&sa, len, buflen);
        /* One byte short: WSAEFAULT and the length it needs, nothing written. */
        INT short_len = needed - 1;
        char *short_buf = malloc((size_t)short_len);
        if (WSAStringToAddressA((LPSTR)text, family, NULL, (LPSOCKADDR)short_buf, &short_len) !=
                SOCKET_ERROR ||
            WSAGetLastError() != WSAEFAULT || short_len != needed)
            fuzz__fail("WSAStringToAddressA with a short buffer", text);
        free(short_buf);
    }

    if (text[0])
        fuzz__getaddrinfo(text, gai_family, buflen, r4, a4, r6, a6);
}

/* The input's bytes as an address, port, scope and flow label. */
static void fuzz__binary(const uint8_t *data, size_t size, unsigned buflen)
{
    uint8_t raw[26] = {0};
    memcpy(raw, data, size < sizeof(raw) ? size : sizeof(raw));
    fuzz__print_address(AF_INET, raw, buflen);
    fuzz__print_address(AF_INET6, raw, buflen);

    SOCKADDR_IN in;
    memset(&in, 0, sizeof(in));
    in.sin_family = AF_INET;
    memcpy(&in.sin_port, raw + 16, 2);
    memcpy(&in.sin_addr, raw, 4);
    fuzz__print_socket_address((LPSOCKADDR)&in, sizeof(in), buflen);

    SOCKADDR_IN6 in6;
    memset(&in6, 0, sizeof(in6));
    in6.sin6_family = AF_INET6;
    memcpy(&in6.sin6_addr, raw, 16);
    memcpy(&in6.sin6_port, raw + 16, 2);
    memcpy(&in6.sin6_scope_id, raw + 18, 4);
    memcpy(&in6.sin6_flowinfo, raw + 22, 4);
    fuzz__print_socket_address((LPSOCKADDR)&in6, sizeof(in6), buflen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const int gai_families[] = {AF_UNSPEC, AF_INET, AF_INET6, AF_UNSPEC};
    int gai_family = gai_families[data[0] & 3];
    unsigned buflen = data[1] & 0x7f;
    data += 2;
    size -= 2;

    char text[TEXT_MAX + 1];
    size_t len = 0;
    while (len < size && len < TEXT_MAX && data[len])
        len++;
    memcpy(text, data, len);
    text[len] = '\0';
    fuzz__text(text, gai_family, buflen);
    fuzz__binary(data, size, buflen);
    return 0;
}
