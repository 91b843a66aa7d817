/*
 * Address text conversion: inet_addr, inet_ntoa, inet_pton, inet_ntop and
 * the InetPton/InetNtop forms, and the parsers and formatters that the name
 * functions share (addrtext.h).
 *
 * These are pure conversions, which Windows allows before WSAStartup: none
 * of them calls ws2_enter.  The rules are Windows' own, not the C library's:
 * inet_addr takes the BSD forms and stops at white space, inet_pton wants
 * an exact dotted quad, and IPv6 text is printed the way Windows prints it.
 */
#include <stdio.h>
#include <string.h>

#include "ws2_32/addrtext.h"
#include "ws2_32/args.h"
#include "ws2_32/ws2.h"

static bool inet__is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int ws2_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The C locale's white space: inet_addr ends an address at any of these. */
static bool inet__is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool ws2_parse_bsd_number(const char *s, unsigned long max, unsigned long *value, const char **end)
{
    unsigned long v = 0;
    const char *p = s;
    if (!inet__is_digit(*p))
        return false;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        if (ws2_hex_digit(*p) < 0)
            return false; /* "0x" alone is no number */
        for (; ws2_hex_digit(*p) >= 0; p++) {
            v = v * 16 + (unsigned long)ws2_hex_digit(*p);
            if (v > max)
                return false;
        }
    } else if (p[0] == '0') {
        for (; *p >= '0' && *p <= '7'; p++) {
            v = v * 8 + (unsigned long)(*p - '0');
            if (v > max)
                return false;
        }
        if (inet__is_digit(*p))
            return false; /* 8 or 9 in an octal number */
    } else {
        for (; inet__is_digit(*p); p++) {
            v = v * 10 + (unsigned long)(*p - '0');
            if (v > max)
                return false;
        }
    }
    *value = v;
    *end = p;
    return true;
}

bool ws2_ipv4_parse_bsd(const char *s, ULONG *addr, const char **end)
{
    unsigned long parts[4];
    int n = 0;
    const char *p = s;
    for (;;) {
        if (!ws2_parse_bsd_number(p, 0xffffffffUL, &parts[n], &p))
            return false;
        n++;
        if (*p != '.')
            break;
        if (n == 4)
            return false; /* a fifth part */
        p++;
    }
    /* The last part fills the bytes that the others leave (a.b.c puts c in 16 bits). */
    unsigned long last_max = 0xffffffffUL >> (8 * (n - 1));
    if (parts[n - 1] > last_max)
        return false;
    unsigned long host = parts[n - 1];
    for (int i = 0; i < n - 1; i++) {
        if (parts[i] > 0xff)
            return false;
        host |= parts[i] << (24 - 8 * i);
    }
    BYTE bytes[4] = {(BYTE)(host >> 24), (BYTE)(host >> 16), (BYTE)(host >> 8), (BYTE)host};
    memcpy(addr, bytes, 4);
    *end = p;
    return true;
}

bool ws2_ipv4_parse_strict(const char *s, BYTE out[4], const char **end)
{
    const char *p = s;
    BYTE bytes[4];
    for (int i = 0; i < 4; i++) {
        if (i > 0) {
            if (*p != '.')
                return false;
            p++;
        }
        if (!inet__is_digit(*p))
            return false;
        /* No octal ("010", "00") and no hexadecimal ("0x1"): a 0 is followed by neither. */
        if (p[0] == '0' && (inet__is_digit(p[1]) || p[1] == 'x' || p[1] == 'X'))
            return false;
        unsigned v = 0;
        for (; inet__is_digit(*p); p++) {
            v = v * 10 + (unsigned)(*p - '0');
            if (v > 255)
                return false;
        }
        bytes[i] = (BYTE)v;
    }
    /* A fifth part makes it no address; anything else ends it. */
    if (*p == '.')
        return false;
    memcpy(out, bytes, 4);
    *end = p;
    return true;
}

/*
 * The IPv6 parser as Windows' (RtlIpv6StringToAddress, under inet_pton,
 * InetPton and WSAStringToAddress) behaves, from the results its callers
 * give on Windows 10/11 (Wine's conformance tables, run there).  What it
 * writes on the way matters, because Windows writes into the caller's
 * buffer as it goes and leaves what it wrote when the text turns out to be
 * no address:
 *
 *  - groups are written in the order read, those after "::" too (they move
 *    to the end only when the address is complete); a group followed by ':'
 *    is written at once, one followed by anything else only if it completes
 *    the address;
 *  - text that starts with "::" writes group 0 as zero first;
 *  - a dotted IPv4 tail (decimal parts of one to three digits, leading zeros
 *    allowed) writes each byte followed by '.', the last only when the tail
 *    stands where one may (the last two groups, or anywhere after "::");
 *  - parsing stops, the address complete, at the first character that
 *    cannot continue it — a second "::", a ninth group, a '.' after a group
 *    that cannot start a tail, '%', ']', white space — and returns that
 *    terminator for the caller to judge (inet_pton wants the end of the
 *    text there);
 *  - "0x" may start the group that ends the address (after "::", or the
 *    eighth): it is read as C's strtol reads hexadecimal into a 32-bit long
 *    (saturating), its low 16 bits are the group, and the address is
 *    written complete — yet the text is refused.
 */
enum inet__v6 { INET__V6_FAIL, INET__V6_DONE, INET__V6_REFUSED };

struct inet__v6_out {
    BYTE mirror[16]; /* what has been written, to move groups from */
    BYTE *out;       /* the caller's buffer, written as Windows writes it */
};

static void inet__v6_byte(struct inet__v6_out *o, int at, BYTE v)
{
    o->mirror[at] = v;
    o->out[at] = v;
}

static void inet__v6_group(struct inet__v6_out *o, int index, unsigned v)
{
    inet__v6_byte(o, 2 * index, (BYTE)(v >> 8));
    inet__v6_byte(o, 2 * index + 1, (BYTE)v);
}

/* The groups after "::" (n - gap of them, from index gap on) move to the end; zeros fill. */
static void inet__v6_finish(struct inet__v6_out *o, int n, int gap)
{
    BYTE full[16] = {0};
    if (gap < 0) {
        memcpy(full, o->mirror, 16);
    } else {
        int tail = n - gap;
        memcpy(full, o->mirror, (size_t)gap * 2);
        memcpy(full + 2 * (8 - tail), o->mirror + 2 * gap, (size_t)tail * 2);
    }
    for (int i = 0; i < 16; i++)
        inet__v6_byte(o, i, full[i]);
}

/*
 * A dotted tail at group index n; *pp at its first digit.  False when it is
 * refused (with the bytes written so far left written).
 */
static bool inet__v6_tail(struct inet__v6_out *o, int n, int gap, const char **pp)
{
    const char *p = *pp;
    for (int i = 0; i < 4; i++) {
        const char *start = p;
        unsigned v = 0;
        while (inet__is_digit(*p) && p - start < 4)
            v = v * 10 + (unsigned)(*p++ - '0');
        if (p == start || p - start > 3 || v > 255)
            return false;
        if (i < 3) {
            if (*p != '.')
                return false;
            p++;
        } else if (gap < 0 && n != 6) {
            return false; /* not in the last two groups */
        }
        inet__v6_byte(o, 2 * n + i, (BYTE)v);
    }
    *pp = p;
    return true;
}

/* strtol's hexadecimal, saturating at LONG_MAX of a 32-bit long; *pp after the digits. */
static unsigned inet__v6_strtol_hex(const char **pp)
{
    const char *p = *pp;
    unsigned long long v = 0;
    for (int h; (h = ws2_hex_digit(*p)) >= 0; p++) {
        v = v * 16 + (unsigned)h;
        if (v > 0x7fffffffULL)
            v = 0x7fffffffULL;
    }
    *pp = p;
    return (unsigned)v;
}

static enum inet__v6 inet__v6_parse(const char *s, BYTE *out, const char **end)
{
    struct inet__v6_out o = {.out = out};
    memset(o.mirror, 0, sizeof(o.mirror));
    int n = 0, gap = -1;
    const char *p = s;
    bool after_colon = false; /* a single ':' was read: a group must follow */
    if (p[0] == ':') {
        if (p[1] != ':')
            return INET__V6_FAIL;
        inet__v6_group(&o, 0, 0);
        gap = 0;
        p += 2;
    }
    for (;;) {
        int room = gap < 0 ? 8 : 7;
        if (n == room)
            break;
        if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            if (gap < 0 && n != 7)
                return INET__V6_FAIL;
            p += 2;
            inet__v6_group(&o, n++, inet__v6_strtol_hex(&p) & 0xffff);
            inet__v6_finish(&o, n, gap);
            *end = p;
            return INET__V6_REFUSED;
        }
        const char *q = p;
        unsigned v = 0;
        bool decimal = true;
        for (int h; (h = ws2_hex_digit(*q)) >= 0 && q - p < 5; q++) {
            v = v * 16 + (unsigned)h;
            decimal = decimal && inet__is_digit(*q);
        }
        if (q - p > 4)
            return INET__V6_FAIL;
        if (q == p) {
            /* No group: after "::" the address ends here; after ':' it is no address. */
            if (after_colon || gap < 0)
                return INET__V6_FAIL;
            break;
        }
        if (*q == '.' && decimal && n + 2 <= room) {
            if (!inet__v6_tail(&o, n, gap, &p))
                return INET__V6_FAIL;
            n += 2;
            break;
        }
        if (*q == ':') {
            inet__v6_group(&o, n++, v);
            if (n == room) {
                p = q; /* a ninth group would follow: the ':' ends the address */
                break;
            }
            if (q[1] == ':') {
                if (gap >= 0) {
                    p = q; /* a second "::" */
                    break;
                }
                gap = n;
                p = q + 2;
                after_colon = false;
            } else {
                p = q + 1;
                after_colon = true;
            }
            continue;
        }
        /* Any other character ends the address, if this group completes it. */
        if (gap < 0 ? n + 1 != 8 : n + 1 > 7)
            return INET__V6_FAIL;
        inet__v6_group(&o, n++, v);
        p = q;
        break;
    }
    if (gap < 0 && n != 8)
        return INET__V6_FAIL;
    inet__v6_finish(&o, n, gap);
    *end = p;
    return INET__V6_DONE;
}

bool ws2_ipv6_parse_partial(const char *s, BYTE out[16], const char **end)
{
    return inet__v6_parse(s, out, end) == INET__V6_DONE;
}

bool ws2_ipv6_parse(const char *s, size_t len, BYTE out[16])
{
    /* A whole-text parse into a scratch buffer: nothing is written unless it is an address. */
    char text[WS2_IPV6_TEXT_MAX + 64];
    if (len >= sizeof(text))
        return false;
    memcpy(text, s, len);
    text[len] = '\0';
    BYTE scratch[16];
    const char *end;
    if (inet__v6_parse(text, scratch, &end) != INET__V6_DONE || *end)
        return false;
    memcpy(out, scratch, 16);
    return true;
}

size_t ws2_ipv4_format(const BYTE addr[4], char *out)
{
    return (size_t)snprintf(out, WS2_IPV4_TEXT_MAX, "%u.%u.%u.%u", addr[0], addr[1], addr[2],
                            addr[3]);
}

/*
 * Windows' IPv6 text: lower-case hex without leading zeros, the longest run
 * of two or more zero groups as "::" (the first of equal runs), and a dotted
 * tail for IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d),
 * IPv4-compatible (::a.b.c.d, not :: or ::1) and ISATAP (...:5efe:a.b.c.d)
 * addresses, as inet_ntop and WSAAddressToString print them on Windows.
 */
size_t ws2_ipv6_format(const BYTE addr[16], char *out)
{
    unsigned w[8];
    for (int i = 0; i < 8; i++)
        w[i] = (unsigned)addr[2 * i] << 8 | addr[2 * i + 1];
    bool zero4 = !w[0] && !w[1] && !w[2] && !w[3];
    bool dotted = (zero4 && !w[4] && w[5] == 0xffff) || (zero4 && w[4] == 0xffff && !w[5]) ||
                  (zero4 && !w[4] && !w[5] && w[6]) || ((w[4] & 0xfdff) == 0 && w[5] == 0x5efe);
    int groups = dotted ? 6 : 8;

    int best = -1, best_len = 1;
    for (int i = 0; i < groups;) {
        if (w[i]) {
            i++;
            continue;
        }
        int j = i;
        while (j < groups && !w[j])
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j;
    }

    size_t len = 0;
    for (int i = 0; i < groups;) {
        if (i == best) {
            out[len++] = ':';
            out[len++] = ':';
            i += best_len;
            continue;
        }
        if (i > 0 && i != best + best_len)
            out[len++] = ':';
        len += (size_t)sprintf(out + len, "%x", w[i]);
        i++;
    }
    if (dotted) {
        if (best < 0 || best + best_len != groups)
            out[len++] = ':';
        len += ws2_ipv4_format(addr + 12, out + len);
    }
    out[len] = '\0';
    return len;
}

bool ws2_ascii_from_wide(PCWSTR in, char *out, size_t outlen)
{
    for (size_t i = 0; i < outlen; i++) {
        if (in[i] > 0x7f)
            return false;
        out[i] = (char)in[i];
        if (!in[i])
            return true;
    }
    return false;
}

/*
 * The text and buffer arguments of these calls are read and written in user
 * mode on Windows, where a bad pointer faults; here memory the kernel will
 * not let us use gets the error a NULL pointer gets (sys/usermem.h).
 */
ULONG WSAAPI inet_addr(const char *cp)
{
    if (!cp || ws2_args_string(cp, 1)) {
        WSASetLastError(WSAEFAULT);
        return INADDR_NONE;
    }
    /* Documented: "If you pass in " " (a space) to the inet_addr function, [it] returns zero." */
    if (cp[0] == ' ' && cp[1] == '\0')
        return INADDR_ANY;
    ULONG addr;
    const char *end;
    if (!ws2_ipv4_parse_bsd(cp, &addr, &end))
        return INADDR_NONE;
    /* White space ends the address; whatever follows it is not looked at. */
    if (*end && !inet__is_space(*end))
        return INADDR_NONE;
    return addr;
}

char *WSAAPI inet_ntoa(struct in_addr in)
{
    /* One buffer per thread, as on Windows: valid until this thread's next call. */
    static _Thread_local char buffer[WS2_IPV4_TEXT_MAX];
    BYTE bytes[4] = {in.S_un.S_un_b.s_b1, in.S_un.S_un_b.s_b2, in.S_un.S_un_b.s_b3,
                     in.S_un.S_un_b.s_b4};
    ws2_ipv4_format(bytes, buffer);
    return buffer;
}

/* inet_pton's work on a narrow string: 1, 0, or -1 with the error set. */
static INT inet__pton(INT family, const char *text, PVOID buffer)
{
    if ((family == AF_INET || family == AF_INET6) &&
        ws2_args_span(buffer, family == AF_INET ? 4 : 16, true)) {
        WSASetLastError(WSAEFAULT);
        return -1;
    }
    /*
     * What Windows writes on the way stays written when the text turns out
     * to be no address (a dotted quad followed by ":123", the groups of IPv6
     * text before its first error): see ws2_ipv6_parse_partial.
     */
    const char *end;
    if (family == AF_INET)
        return ws2_ipv4_parse_strict(text, buffer, &end) && !*end ? 1 : 0;
    if (family == AF_INET6)
        return ws2_ipv6_parse_partial(text, buffer, &end) && !*end ? 1 : 0;
    WSASetLastError(WSAEAFNOSUPPORT);
    return -1;
}

INT WSAAPI inet_pton(INT Family, PCSTR pszAddrString, PVOID pAddrBuf)
{
    /* The pointers are checked before the family (inet_pton docs: WSAEFAULT). */
    if (!pszAddrString || !pAddrBuf || ws2_args_string(pszAddrString, 1)) {
        WSASetLastError(WSAEFAULT);
        return -1;
    }
    return inet__pton(Family, pszAddrString, pAddrBuf);
}

INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf)
{
    if (!pszAddrString || !pAddrBuf || ws2_args_string(pszAddrString, sizeof(WCHAR))) {
        WSASetLastError(WSAEFAULT);
        return -1;
    }
    if (Family != AF_INET && Family != AF_INET6)
        return inet__pton(Family, "", pAddrBuf);
    /* Anything that is not short ASCII is no address text. */
    char text[64];
    INT r = ws2_ascii_from_wide(pszAddrString, text, sizeof(text))
                ? inet__pton(Family, text, pAddrBuf)
                : 0;
    /* Unlike inet_pton, the wide form also reports a string it cannot read as WSAEINVAL. */
    if (r == 0)
        WSASetLastError(WSAEINVAL);
    return r;
}

/*
 * inet_ntop's text in a local buffer, or 0 with the error set: WSAEAFNOSUPPORT
 * for a family other than AF_INET and AF_INET6, and ERROR_INVALID_PARAMETER
 * for a missing or short buffer.  See
 * https://learn.microsoft.com/windows/win32/api/ws2tcpip/nf-ws2tcpip-inet_ntop
 * (it is not WSAEINVAL, which only Windows 7 returned).
 */
static size_t inet__ntop(INT family, const VOID *addr, const void *buffer, size_t size, size_t unit,
                         char text[WS2_IPV6_TEXT_MAX])
{
    if (family != AF_INET && family != AF_INET6) {
        WSASetLastError(WSAEAFNOSUPPORT);
        return 0;
    }
    if (!addr || !buffer || ws2_args_span(addr, family == AF_INET ? 4 : 16, false)) {
        WSASetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t len = family == AF_INET ? ws2_ipv4_format(addr, text) : ws2_ipv6_format(addr, text);
    if (size <= len || ws2_args_span(buffer, (len + 1) * unit, true)) {
        WSASetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return len;
}

PCSTR WSAAPI inet_ntop(INT Family, const VOID *pAddr, PSTR pStringBuf, size_t StringBufSize)
{
    char text[WS2_IPV6_TEXT_MAX];
    size_t len = inet__ntop(Family, pAddr, pStringBuf, StringBufSize, 1, text);
    if (!len)
        return NULL;
    memcpy(pStringBuf, text, len + 1);
    return pStringBuf;
}

PCWSTR WSAAPI InetNtopW(INT Family, const VOID *pAddr, PWSTR pStringBuf, size_t StringBufSize)
{
    char text[WS2_IPV6_TEXT_MAX];
    size_t len = inet__ntop(Family, pAddr, pStringBuf, StringBufSize, sizeof(WCHAR), text);
    if (!len)
        return NULL;
    ws2_wide_copy(text, pStringBuf); /* ASCII: len + 1 WCHARs */
    return pStringBuf;
}
