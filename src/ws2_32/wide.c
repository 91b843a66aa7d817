/*
 * Wide strings (WCHAR, which is wchar_t: UTF-32 on Linux, see README "Wide
 * strings") to and from UTF-8 (what the C library takes), for the wide forms
 * of the name functions.  Malformed input never fails: it
 * reads as U+FFFD, the way Windows' own conversions replace what they cannot
 * decode.
 */
#include <stdlib.h>

#include "ws2_32/addrtext.h"

/*
 * The next code point of a wide string; a surrogate (UTF-16's, which has no
 * meaning in UTF-32) or a value past U+10FFFF reads as U+FFFD.
 */
static unsigned wide__next_wide(PCWSTR *p)
{
    unsigned c = (unsigned)*(*p)++;
    return (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff ? 0xfffd : c;
}

/* The next code point of a UTF-8 string; a malformed sequence reads as U+FFFD. */
static unsigned wide__next_utf8(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    unsigned c = s[0];
    int extra = c < 0x80   ? 0
                : c < 0xc2 ? -1 /* a continuation byte, or an overlong lead */
                : c < 0xe0 ? 1
                : c < 0xf0 ? 2
                : c < 0xf5 ? 3
                           : -1;
    if (extra < 0) {
        (*p)++;
        return 0xfffd;
    }
    c = extra ? c & (0x3f >> extra) : c;
    for (int i = 1; i <= extra; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *p += i;
            return 0xfffd;
        }
        c = c << 6 | (s[i] & 0x3f);
    }
    *p += extra + 1;
    return (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff ? 0xfffd : c;
}

char *ws2_utf8_from_wide(PCWSTR in)
{
    size_t size = 1;
    for (PCWSTR p = in; *p;) {
        unsigned c = wide__next_wide(&p);
        size += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    char *out = malloc(size), *o = out;
    if (!out)
        return NULL;
    for (PCWSTR p = in; *p;) {
        unsigned c = wide__next_wide(&p);
        if (c < 0x80) {
            *o++ = (char)c;
        } else if (c < 0x800) {
            *o++ = (char)(0xc0 | c >> 6);
            *o++ = (char)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            *o++ = (char)(0xe0 | c >> 12);
            *o++ = (char)(0x80 | ((c >> 6) & 0x3f));
            *o++ = (char)(0x80 | (c & 0x3f));
        } else {
            *o++ = (char)(0xf0 | c >> 18);
            *o++ = (char)(0x80 | ((c >> 12) & 0x3f));
            *o++ = (char)(0x80 | ((c >> 6) & 0x3f));
            *o++ = (char)(0x80 | (c & 0x3f));
        }
    }
    *o = '\0';
    return out;
}

size_t ws2_wide_length(const char *in)
{
    size_t units = 0;
    for (const char *p = in; *p; units++)
        (void)wide__next_utf8(&p);
    return units;
}

void ws2_wide_copy(const char *in, WCHAR *out)
{
    for (const char *p = in; *p;)
        *out++ = (WCHAR)wide__next_utf8(&p);
    *out = 0;
}

WCHAR *ws2_wide_from_utf8(const char *in)
{
    WCHAR *out = malloc((ws2_wide_length(in) + 1) * sizeof(WCHAR));
    if (out)
        ws2_wide_copy(in, out);
    return out;
}
