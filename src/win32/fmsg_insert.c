/*
 * FormatMessage inserts: %n!format! takes argument n and formats it the way
 * the format says, a printf conversion in Microsoft's dialect (FormatMessage,
 * "Remarks"; "Format Specification Fields"): flags, a width and a precision
 * (either may be '*', read from the arguments), a size (h, l, ll, I, I32,
 * I64, w) and one of s S c C d i u x X o p.  Floating point is not
 * supported, as on Windows.
 *
 * Sizes are Windows': plain and `l' integers are 32 bits (long is 32 bits on
 * Windows), `ll', `I64' and `I' (pointer-sized) are 64.  %s is the call's own
 * kind of string (char for FormatMessageA, WCHAR for FormatMessageW) and %S
 * the other kind; `h' forces char, `l' and `w' force WCHAR.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/usermem.h"
#include "win32/fmsg.h"
#include "ws2_32/addrtext.h"

/* Argument slot n (1-based); false with o->error set if there is none to read. */
static bool fmsg__slot(struct fmsg_out *o, struct fmsg_args *a, unsigned n, DWORD_PTR *value)
{
    if (n < 1 || n > FMSG_MAX_SLOTS) {
        o->error = ERROR_INVALID_PARAMETER;
        return false;
    }
    if (a->array) {
        /* Windows reads the caller's array as it is; a bad one is the caller's bad pointer. */
        if (!sys_user_readable(&a->array[n - 1], sizeof(DWORD_PTR))) {
            o->error = ERROR_NOACCESS;
            return false;
        }
        *value = a->array[n - 1];
        return true;
    }
    if (!a->va) {
        /* Inserts without FORMAT_MESSAGE_IGNORE_INSERTS need arguments. */
        o->error = ERROR_INVALID_PARAMETER;
        return false;
    }
    while (a->ntaken < n)
        a->taken[a->ntaken++] = va_arg(*a->va, DWORD_PTR);
    *value = a->taken[n - 1];
    return true;
}

/* A parsed insert format. */
struct fmsg_spec {
    char flags[8];
    int width;     /* -1: none */
    int precision; /* -1: none */
    bool width_arg, precision_arg;
    int bits;   /* integer size: 16, 32 or 64 */
    int string; /* for s/S/c/C: 1 = char, 2 = WCHAR, 0 = the call's own */
    WCHAR conv;
};

static bool fmsg__parse(const WCHAR *s, size_t n, struct fmsg_spec *sp)
{
    const WCHAR *end = s + n;
    size_t nflags = 0;
    memset(sp, 0, sizeof(*sp));
    sp->width = sp->precision = -1;
    sp->bits = 32;
    while (s < end && *s && wcschr(L"-+ #0", *s)) {
        if (nflags + 1 < sizeof(sp->flags))
            sp->flags[nflags++] = (char)*s;
        s++;
    }
    if (s < end && *s == L'*') {
        sp->width_arg = true;
        s++;
    } else if (s < end && *s >= L'0' && *s <= L'9') {
        sp->width = 0;
        while (s < end && *s >= L'0' && *s <= L'9' && sp->width < 100000)
            sp->width = sp->width * 10 + (int)(*s++ - L'0');
    }
    if (s < end && *s == L'.') {
        s++;
        sp->precision = 0;
        if (s < end && *s == L'*') {
            sp->precision_arg = true;
            s++;
        } else {
            while (s < end && *s >= L'0' && *s <= L'9' && sp->precision < 100000)
                sp->precision = sp->precision * 10 + (int)(*s++ - L'0');
        }
    }
    if (end - s >= 3 && s[0] == L'I' && s[1] == L'6' && s[2] == L'4') {
        sp->bits = 64;
        s += 3;
    } else if (end - s >= 3 && s[0] == L'I' && s[1] == L'3' && s[2] == L'2') {
        s += 3;
    } else if (s < end && *s == L'I') {
        sp->bits = 64; /* pointer-sized */
        s++;
    } else if (end - s >= 2 && s[0] == L'l' && s[1] == L'l') {
        sp->bits = 64;
        s += 2;
    } else if (s < end && (*s == L'l' || *s == L'w')) {
        sp->string = 2;
        s++;
    } else if (s < end && *s == L'h') {
        sp->bits = 16;
        sp->string = 1;
        s++;
    }
    if (s >= end || !*s || !wcschr(L"sScCdiuxXop", *s))
        return false;
    sp->conv = *s++;
    return s == end;
}

/* Pads text (n WCHARs) to the spec's width, on the left unless the '-' flag is given. */
static bool fmsg__padded(struct fmsg_out *o, const struct fmsg_spec *sp, const WCHAR *text,
                         size_t n)
{
    size_t pad = sp->width > 0 && (size_t)sp->width > n ? (size_t)sp->width - n : 0;
    bool left = strchr(sp->flags, '-') != NULL;
    for (size_t i = 0; !left && i < pad; i++)
        if (!fmsg_putc(o, L' '))
            return false;
    if (!fmsg_put(o, text, n))
        return false;
    for (size_t i = 0; left && i < pad; i++)
        if (!fmsg_putc(o, L' '))
            return false;
    return true;
}

static bool fmsg__string(struct fmsg_out *o, const struct fmsg_spec *sp, bool narrow,
                         DWORD_PTR value)
{
    if (!value)
        return fmsg__padded(o, sp, L"(null)", 6);
    size_t len;
    if (narrow) {
        if (!sys_user_string((const void *)value, 1, &len)) {
            o->error = ERROR_NOACCESS;
            return false;
        }
        WCHAR *w = ws2_wide_from_utf8((const char *)value);
        if (!w) {
            o->error = ERROR_NOT_ENOUGH_MEMORY;
            return false;
        }
        len = wcslen(w);
        if (sp->precision >= 0 && (size_t)sp->precision < len)
            len = (size_t)sp->precision;
        bool ok = fmsg__padded(o, sp, w, len);
        free(w);
        return ok;
    }
    if (!sys_user_string((const void *)value, sizeof(WCHAR), &len)) {
        o->error = ERROR_NOACCESS;
        return false;
    }
    if (sp->precision >= 0 && (size_t)sp->precision < len)
        len = (size_t)sp->precision;
    return fmsg__padded(o, sp, (const WCHAR *)value, len);
}

static bool fmsg__integer(struct fmsg_out *o, const struct fmsg_spec *sp, DWORD_PTR value)
{
    char format[32];
    WCHAR conv = sp->conv;
    int precision = sp->precision;
    unsigned long long u = value;
    long long s;
    if (sp->bits == 16) {
        u = (uint16_t)value;
        s = (int16_t)value;
    } else if (sp->bits == 32) {
        u = (uint32_t)value;
        s = (int32_t)value;
    } else {
        s = (long long)value;
    }
    if (conv == L'p') {
        /* A pointer: all of its hexadecimal digits, upper case, as Windows prints it. */
        conv = L'X';
        u = value;
        if (precision < 0)
            precision = (int)(2 * sizeof(void *));
    }
    char *f = format;
    f += sprintf(f, "%%%s", sp->flags);
    if (sp->width >= 0)
        f += sprintf(f, "%d", sp->width);
    if (precision >= 0)
        f += sprintf(f, ".%d", precision);
    sprintf(f, "ll%c", (char)conv);
    bool is_signed = conv == L'd' || conv == L'i';
    int n = is_signed ? snprintf(NULL, 0, format, s) : snprintf(NULL, 0, format, u);
    if (n < 0) {
        o->error = ERROR_INVALID_PARAMETER;
        return false;
    }
    char *text = malloc((size_t)n + 1);
    if (!text) {
        o->error = ERROR_NOT_ENOUGH_MEMORY;
        return false;
    }
    if (is_signed)
        snprintf(text, (size_t)n + 1, format, s);
    else
        snprintf(text, (size_t)n + 1, format, u);
    bool ok = true;
    for (int i = 0; ok && i < n; i++)
        ok = fmsg_putc(o, (WCHAR)(unsigned char)text[i]);
    free(text);
    return ok;
}

bool fmsg_insert(struct fmsg_out *o, struct fmsg_args *args, unsigned n, const WCHAR *spec,
                 size_t speclen)
{
    struct fmsg_spec sp;
    if (!fmsg__parse(spec, speclen, &sp)) {
        o->error = ERROR_INVALID_PARAMETER;
        return false;
    }
    /*
     * A '*' takes its value from argument n, the next '*' or the value
     * itself from n + 1, and so on (FormatMessage, "Remarks": "%1!*.*s!"
     * reads the width from the first argument, the precision from the
     * second and the string from the third).  That is Windows' numbering
     * for an argument array.  With a va_list Windows numbers the inserts
     * after a '*' one lower ("%1!*.*s! %3" there is "%1!*.*s! %4" here);
     * here a va_list is numbered as an array is.
     */
    unsigned slot = n;
    DWORD_PTR v;
    if (sp.width_arg) {
        if (!fmsg__slot(o, args, slot++, &v))
            return false;
        int w = (int)(INT32)(DWORD)v;
        if (w < 0) {
            /* A negative width is a width with the '-' flag, as in printf. */
            size_t f = strlen(sp.flags);
            if (f + 1 < sizeof(sp.flags))
                sp.flags[f] = '-';
            w = w == INT32_MIN ? 0 : -w;
        }
        sp.width = w > 100000 ? 100000 : w;
    }
    if (sp.precision_arg) {
        if (!fmsg__slot(o, args, slot++, &v))
            return false;
        int p = (int)(INT32)(DWORD)v;
        sp.precision = p < 0 ? -1 : p > 100000 ? 100000 : p;
    }
    if (!fmsg__slot(o, args, slot, &v))
        return false;
    switch (sp.conv) {
    case L's':
    case L'S': {
        bool own = sp.conv == L's';
        bool narrow = sp.string == 1 ? true : sp.string == 2 ? false : own == args->narrow;
        return fmsg__string(o, &sp, narrow, v);
    }
    case L'c':
    case L'C': {
        bool own = sp.conv == L'c';
        bool narrow = sp.string == 1 ? true : sp.string == 2 ? false : own == args->narrow;
        WCHAR c = narrow ? (WCHAR)(unsigned char)v : (WCHAR)(DWORD)v;
        return fmsg__padded(o, &sp, &c, 1);
    }
    default: return fmsg__integer(o, &sp, v);
    }
}
