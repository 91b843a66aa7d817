/*
 * Socket addresses as text: WSAAddressToStringA/W and WSAStringToAddressA/W.
 *
 * The text is Windows': "a.b.c.d:port" for IPv4 and "[addr%scope]:port" for
 * IPv6, the port and the scope left out when they are zero (and the brackets
 * with the port).  Reading takes the same forms, with inet_addr's BSD forms
 * for the IPv4 address and for its port, which must not be 0.
 *
 * Both need WSAStartup (they go through the protocol catalog on Windows);
 * lpProtocolInfo only names a provider, and every provider here reads and
 * writes IP addresses the same way, so it is not looked at.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2_32/addrtext.h"
#include "ws2_32/args.h"
#include "ws2_32/ws2.h"

/* "[" IPv6 "%" 4294967295 "]:" 65535 and the NUL */
#define ADDRSTRING__MAX (1 + WS2_IPV6_TEXT_MAX + 11 + 7 + 1)

/*
 * The text of a socket address, or the Winsock error: WSAEINVAL for a missing
 * address or length pointer and for a family with no provider, WSAEFAULT for
 * an address shorter than its family's structure (WSAAddressToString docs).
 */
static int addrstring__format(const SOCKADDR *sa, DWORD salen, const LPDWORD outlen,
                              char out[ADDRSTRING__MAX])
{
    if (!sa || !outlen || salen < sizeof(ADDRESS_FAMILY))
        return WSAEINVAL;
    /* The address is read for as much of salen as a family uses; the length is read and written. */
    size_t reads = salen < sizeof(SOCKADDR_IN6) ? salen : sizeof(SOCKADDR_IN6);
    if (ws2_args_span(sa, reads, false) || ws2_args_span(outlen, sizeof(*outlen), true))
        return WSAEFAULT;
    if (sa->sa_family == AF_INET) {
        SOCKADDR_IN in;
        if (salen < sizeof(in))
            return WSAEFAULT;
        memcpy(&in, sa, sizeof(in));
        size_t len = ws2_ipv4_format((const BYTE *)&in.sin_addr, out);
        if (in.sin_port)
            sprintf(out + len, ":%u", (unsigned)ntohs(in.sin_port));
        return 0;
    }
    if (sa->sa_family == AF_INET6) {
        SOCKADDR_IN6 in6;
        if (salen < sizeof(in6))
            return WSAEFAULT;
        memcpy(&in6, sa, sizeof(in6));
        char *p = out;
        if (in6.sin6_port)
            *p++ = '[';
        p += ws2_ipv6_format(in6.sin6_addr.s6_bytes, p);
        if (in6.sin6_scope_id)
            p += sprintf(p, "%%%u", (unsigned)in6.sin6_scope_id);
        if (in6.sin6_port)
            sprintf(p, "]:%u", (unsigned)ntohs(in6.sin6_port));
        return 0;
    }
    return WSAEINVAL;
}

/*
 * Both forms end here with the text ready: a buffer that is missing or too
 * short fails with WSAEFAULT and learns the length it needs, in characters
 * with the NUL; so does a successful call.
 */
static int addrstring__room(const char *text, const void *buffer, size_t unit, LPDWORD length)
{
    DWORD needed = (DWORD)strlen(text) + 1;
    bool fits = buffer && *length >= needed;
    *length = needed;
    if (fits && ws2_args_span(buffer, needed * unit, true))
        return WSAEFAULT;
    return fits ? 0 : WSAEFAULT;
}

INT WSAAPI WSAAddressToStringA(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                               LPWSAPROTOCOL_INFOA lpProtocolInfo, LPSTR lpszAddressString,
                               LPDWORD lpdwAddressStringLength)
{
    (void)lpProtocolInfo;
    if (!ws2_enter())
        return SOCKET_ERROR;
    char text[ADDRSTRING__MAX];
    int error = addrstring__format(lpsaAddress, dwAddressLength, lpdwAddressStringLength, text);
    if (!error)
        error = addrstring__room(text, lpszAddressString, 1, lpdwAddressStringLength);
    if (error)
        return ws2_fail(error);
    memcpy(lpszAddressString, text, strlen(text) + 1);
    return 0;
}

INT WSAAPI WSAAddressToStringW(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                               LPWSAPROTOCOL_INFOW lpProtocolInfo, LPWSTR lpszAddressString,
                               LPDWORD lpdwAddressStringLength)
{
    (void)lpProtocolInfo;
    if (!ws2_enter())
        return SOCKET_ERROR;
    char text[ADDRSTRING__MAX];
    int error = addrstring__format(lpsaAddress, dwAddressLength, lpdwAddressStringLength, text);
    if (!error)
        error = addrstring__room(text, lpszAddressString, sizeof(WCHAR), lpdwAddressStringLength);
    if (error)
        return ws2_fail(error);
    ws2_wide_copy(text, lpszAddressString); /* ASCII: one WCHAR per character */
    return 0;
}

/* A decimal number of at most max over [p, e), at least one digit. */
static bool addrstring__decimal(const char *p, const char *e, unsigned long max,
                                unsigned long *value)
{
    unsigned long v = 0;
    if (p == e)
        return false;
    for (; p < e; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (unsigned long)(*p - '0');
        if (v > max)
            return false;
    }
    *value = v;
    return true;
}

/* One more digit of a 32-bit number that wraps; *wrapped says it did. */
static void addrstring__digit(unsigned long long *v, unsigned base, unsigned digit, bool *wrapped)
{
    *v = *v * base + digit;
    if (*v > 0xffffffffULL) {
        *v &= 0xffffffffULL;
        *wrapped = true;
    }
}

/*
 * One number of WSAStringToAddress's IPv4 text, as Windows reads it
 * (RtlIpv4StringToAddress, not strict): decimal, octal after a 0 (whose
 * first digit must be octal: "08" is refused, "008" is 0 followed by '8'),
 * or hexadecimal after 0x (with at least one digit), in 32 bits that wrap
 * ("0x123456789" is 0x23456789).  *pp moves past it.
 */
static bool addrstring__number(const char **pp, ULONG *value, bool *wrapped)
{
    const char *p = *pp;
    unsigned long long v = 0;
    *wrapped = false;
    if (*p < '0' || *p > '9')
        return false;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        if (ws2_hex_digit(*p) < 0)
            return false;
        for (int h; (h = ws2_hex_digit(*p)) >= 0; p++)
            addrstring__digit(&v, 16, (unsigned)h, wrapped);
    } else if (p[0] == '0' && p[1] >= '0' && p[1] <= '9') {
        p++;
        if (*p > '7')
            return false;
        for (; *p >= '0' && *p <= '7'; p++)
            addrstring__digit(&v, 8, (unsigned)(*p - '0'), wrapped);
    } else {
        for (; *p >= '0' && *p <= '9'; p++)
            addrstring__digit(&v, 10, (unsigned)(*p - '0'), wrapped);
    }
    *pp = p;
    *value = (ULONG)v;
    return true;
}

/*
 * The BSD forms a, a.b, a.b.c and a.b.c.d (the last part fills the bytes
 * the others leave), up to the first character that cannot continue them,
 * returned in *end.
 */
static bool addrstring__ipv4(const char *s, ULONG *addr, const char **end)
{
    ULONG parts[4];
    int n = 0;
    const char *p = s;
    bool wrapped;
    for (;;) {
        if (!addrstring__number(&p, &parts[n], &wrapped))
            return false;
        n++;
        if (*p != '.')
            break;
        if (n == 4)
            return false; /* a fifth part */
        p++;
    }
    if (parts[n - 1] > (0xffffffffUL >> (8 * (n - 1))))
        return false;
    ULONG host = parts[n - 1];
    for (int i = 0; i < n - 1; i++) {
        if (parts[i] > 0xff)
            return false;
        host |= parts[i] << (24 - 8 * i);
    }
    *addr = htonl(host);
    *end = p;
    return true;
}

/*
 * "a.b.c.d" or "a.b.c.d:port", the port in the same forms, 1 to 65535, and
 * nothing after it.  As on Windows, the address is written into out as soon
 * as it has been read, and stays there if what follows is refused
 * ("1.2.3.4 ", "1.2.3.4:0", "2001::1" leave 1.2.3.4, 1.2.3.4 and 0.0.7.209);
 * the family and the port are written only for a whole address.
 */
static bool addrstring__parse4(const char *text, SOCKADDR_IN *out)
{
    ULONG addr, port = 0;
    const char *end;
    if (!addrstring__ipv4(text, &addr, &end))
        return false;
    out->sin_addr.s_addr = addr;
    if (*end == ':') {
        const char *p = end + 1;
        bool wrapped;
        if (!addrstring__number(&p, &port, &wrapped) || *p || wrapped || port == 0 || port > 0xffff)
            return false;
    } else if (*end) {
        return false; /* unlike inet_addr, not even white space may follow */
    }
    out->sin_family = AF_INET;
    out->sin_port = htons((u_short)port);
    return true;
}

/* "addr", "addr%scope", "[addr%scope]" or "[addr%scope]:port", in decimal. * The address is read as
 * Windows reads it, written into out as it goes (ws2_ipv6_parse_partial); the family, scope and
 * port only for a whole address.
 */
static bool addrstring__parse6(const char *text, SOCKADDR_IN6 *out)
{
    bool bracket = text[0] == '[';
    const char *p = text + bracket;
    const char *e = bracket ? strchr(p, ']') : p + strlen(p);
    const char *addr_end;
    if (!ws2_ipv6_parse_partial(p, out->sin6_addr.s6_bytes, &addr_end) || !e)
        return false;
    const char *scope = *addr_end == '%' ? addr_end : NULL;
    if (!scope && addr_end != e)
        return false;
    unsigned long scope_id = 0, port = 0;
    if (scope && !addrstring__decimal(scope + 1, e, 0xffffffffUL, &scope_id))
        return false;
    if (bracket && e[1]) {
        if (e[1] != ':' || !addrstring__decimal(e + 2, e + strlen(e), 0xffff, &port) || !port)
            return false;
    }
    out->sin6_family = AF_INET6;
    out->sin6_port = htons((u_short)port);
    out->sin6_scope_id = (ULONG)scope_id;
    return true;
}

/*
 * WSAStringToAddress's work: WSAEFAULT when the address buffer is missing or
 * too small (with the size it needs in *length), WSAEINVAL when the text is
 * no address of the family ("Unable to translate the string into a
 * sockaddr").  The buffer is zeroed before it is read into, so a failure
 * leaves family 0 and port 0 in it, with what Windows would have written
 * of the address, and *length as it was.
 */
static int addrstring__parse(const char *text, INT family, LPSOCKADDR out, LPINT length)
{
    if (!length || ws2_args_span(length, sizeof(*length), true))
        return WSAEFAULT;
    if (family != AF_INET && family != AF_INET6)
        return WSAEINVAL;
    int needed = family == AF_INET ? (int)sizeof(SOCKADDR_IN) : (int)sizeof(SOCKADDR_IN6);
    if (!out || *length < needed || ws2_args_span(out, (size_t)needed, true)) {
        *length = needed;
        return WSAEFAULT;
    }
    if (!text)
        return WSAEINVAL;
    memset(out, 0, (size_t)needed);
    bool ok = family == AF_INET ? addrstring__parse4(text, (SOCKADDR_IN *)out)
                                : addrstring__parse6(text, (SOCKADDR_IN6 *)out);
    if (!ok)
        return WSAEINVAL;
    *length = needed;
    return 0;
}

INT WSAAPI WSAStringToAddressA(LPSTR AddressString, INT AddressFamily,
                               LPWSAPROTOCOL_INFOA lpProtocolInfo, LPSOCKADDR lpAddress,
                               LPINT lpAddressLength)
{
    (void)lpProtocolInfo;
    if (!ws2_enter())
        return SOCKET_ERROR;
    if (ws2_args_string(AddressString, sizeof(*AddressString)))
        return ws2_fail(WSAEFAULT);
    int error = addrstring__parse(AddressString, AddressFamily, lpAddress, lpAddressLength);
    return error ? ws2_fail(error) : 0;
}

INT WSAAPI WSAStringToAddressW(LPWSTR AddressString, INT AddressFamily,
                               LPWSAPROTOCOL_INFOW lpProtocolInfo, LPSOCKADDR lpAddress,
                               LPINT lpAddressLength)
{
    (void)lpProtocolInfo;
    if (!ws2_enter())
        return SOCKET_ERROR;
    if (ws2_args_string(AddressString, sizeof(*AddressString)))
        return ws2_fail(WSAEFAULT);
    /*
     * Address text is ASCII; anything else reads as text that is no address.
     * Of any length, as the A form reads it: leading zeros make long text
     * that is still an address ("000...01").
     */
    char *narrow = NULL;
    if (AddressString) {
        size_t len = 0;
        while (AddressString[len])
            len++;
        if (!(narrow = malloc(len + 1)))
            return ws2_fail(WSA_NOT_ENOUGH_MEMORY);
        if (!ws2_ascii_from_wide(AddressString, narrow, len + 1))
            narrow[0] = '\0';
    }
    int error = addrstring__parse(narrow, AddressFamily, lpAddress, lpAddressLength);
    free(narrow);
    return error ? ws2_fail(error) : 0;
}
