/*
 * Wide strings (WCHAR, which is wchar_t: UTF-32 on Linux, see README "Wide
 * strings") to and from UTF-8 (what the C library takes), for the wide forms
 * of the name functions.  The codec is the library's one (win32/nls.h), the
 * same as MultiByteToWideChar's and WideCharToMultiByte's.  Malformed input
 * never fails: it reads as U+FFFD, the way Windows' own conversions replace
 * what they cannot decode.
 */
#include <stdlib.h>
#include <string.h>

#include "win32/nls.h"
#include "ws2_32/addrtext.h"

/* The next character of a wide string; one that is not a character (a surrogate value) is U+FFFD.
 */
static unsigned long wide__next_wide(PCWSTR *p)
{
    unsigned long c = (unsigned long)(uint32_t) * (*p)++;
    return nls_is_scalar(c) ? c : NLS_REPLACEMENT;
}

/* The next character of a NUL-terminated UTF-8 string (the NUL ends any sequence). */
static unsigned long wide__next_utf8(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    unsigned long c;
    bool valid;
    /* s[0] is not the NUL; at most 4 bytes are looked at, and none past the NUL. */
    size_t avail = 1;
    while (avail < 4 && s[avail])
        avail++;
    *p += nls_utf8_decode(s, avail, &c, &valid);
    return c;
}

char *ws2_utf8_from_wide(PCWSTR in)
{
    size_t size = 1;
    for (PCWSTR p = in; *p;)
        size += nls_utf8_length(wide__next_wide(&p));
    char *out = malloc(size), *o = out;
    if (!out)
        return NULL;
    for (PCWSTR p = in; *p;)
        o += nls_utf8_encode(wide__next_wide(&p), o);
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
