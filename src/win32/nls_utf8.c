/* UTF-8 decoding and encoding: the one codec of the library (see nls.h). */
#include "win32/nls.h"

size_t nls_utf8_decode(const unsigned char *s, size_t n, unsigned long *c, bool *valid)
{
    unsigned b = s[0];
    *valid = false;
    *c = NLS_REPLACEMENT;
    if (b < 0x80) {
        *c = b;
        *valid = true;
        return 1;
    }
    /*
     * The well-formed sequences (Unicode, Table 3-7): the lead byte fixes the
     * length and narrows the range of the second byte, which excludes
     * overlong forms (E0 80..9F, F0 80..8F), surrogates (ED A0..BF) and
     * values past U+10FFFF (F4 90..BF).  C0, C1 and F5..FF never start one.
     */
    size_t len;
    unsigned lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
        len = 2;
    } else if (b >= 0xe0 && b <= 0xef) {
        len = 3;
        lo = b == 0xe0 ? 0xa0 : 0x80;
        hi = b == 0xed ? 0x9f : 0xbf;
    } else if (b >= 0xf0 && b <= 0xf4) {
        len = 4;
        lo = b == 0xf0 ? 0x90 : 0x80;
        hi = b == 0xf4 ? 0x8f : 0xbf;
    } else {
        return 1;
    }
    unsigned long value = b & (0xff >> (len + 1));
    for (size_t i = 1; i < len; i++) {
        if (i >= n)
            return i; /* truncated: the maximal subpart ends with the input */
        unsigned t = s[i];
        if (t < lo || t > hi)
            return i;
        lo = 0x80;
        hi = 0xbf;
        value = value << 6 | (t & 0x3f);
    }
    *c = value;
    *valid = true;
    return len;
}

size_t nls_utf8_length(unsigned long c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

size_t nls_utf8_encode(unsigned long c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | c >> 12);
        out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | c >> 18);
    out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}
