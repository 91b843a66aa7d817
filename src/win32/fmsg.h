/*
 * FormatMessage's machinery, shared by formatmessage.c (the calls, the
 * message sources, the output buffer) and fmsg_insert.c (the %n!format!
 * inserts).  The message is formatted in WCHARs for both FormatMessageA and
 * FormatMessageW; the A call converts at its edges (UTF-8).
 */
#ifndef WS2_WIN32_FMSG_H
#define WS2_WIN32_FMSG_H

#include <stdbool.h>
#include <stddef.h>

#include <windows.h>

/* The formatted text, grown as it is written. */
struct fmsg_out {
    WCHAR *buf;
    size_t len, cap;
    DWORD error; /* the first failure (ERROR_NOT_ENOUGH_MEMORY ...), 0 if none */
};

bool fmsg_put(struct fmsg_out *o, const WCHAR *s, size_t n);
bool fmsg_putc(struct fmsg_out *o, WCHAR c);

/*
 * The inserts' values: FORMAT_MESSAGE_ARGUMENT_ARRAY's array of DWORD_PTR,
 * or a va_list whose values are read as DWORD_PTRs in order (on x86-64 and
 * AArch64 every integer and pointer argument takes one such slot).
 */
#define FMSG_MAX_SLOTS 101 /* %99 with two '*' values before it */
struct fmsg_args {
    bool narrow; /* FormatMessageA: %s is a char string, %S a WCHAR one */
    const DWORD_PTR *array;
    va_list *va;
    DWORD_PTR taken[FMSG_MAX_SLOTS]; /* the va_list values read so far */
    unsigned ntaken;
};

/*
 * Formats insert n (1 to 99) with the printf-style format between the
 * exclamation marks (spec, speclen WCHARs; "s" when the message gives
 * none) into o.  False with o->error set when it cannot: an unknown format
 * (ERROR_INVALID_PARAMETER), an argument that cannot be read
 * (ERROR_NOACCESS), no arguments at all (ERROR_INVALID_PARAMETER).
 */
bool fmsg_insert(struct fmsg_out *o, struct fmsg_args *args, unsigned n, const WCHAR *spec,
                 size_t speclen);

#endif
