/*
 * FormatMessageA and FormatMessageW (winbase.h): a message definition — the
 * system's text of an error code, or the caller's string — with its escape
 * sequences and inserts processed, into the caller's buffer or a new one.
 *
 * What Windows documents (FormatMessage, learn.microsoft.com) and this file
 * follows:
 *  - FORMAT_MESSAGE_FROM_SYSTEM: every system message ends with a line break,
 *    so the text comes back as "An existing connection was forcibly closed by
 *    the remote host.\r\n".  An id the table lacks fails with
 *    ERROR_MR_MID_NOT_FOUND; a language other than neutral or US English with
 *    ERROR_RESOURCE_LANG_NOT_FOUND.
 *  - The low byte of dwFlags: 0 keeps the definition's line breaks;
 *    FORMAT_MESSAGE_MAX_WIDTH_MASK turns each into a space ("The function
 *    ignores regular line breaks"); another value n also wraps the output
 *    into lines of at most n characters without splitting a word.  %n is a
 *    hard line break in every mode.
 *  - Escapes: %0 ends the message, %n "\r\n", %r "\r", %t a tab, and % before
 *    any other non-digit stands for that character (%%, %space, %., %!).
 *    %1 to %99 are inserts (fmsg_insert.c) unless
 *    FORMAT_MESSAGE_IGNORE_INSERTS, which passes them through unchanged.
 *  - The result's length in TCHARs without the NUL; 0 and the last error on
 *    failure: ERROR_INSUFFICIENT_BUFFER when nSize cannot hold it, and with
 *    FORMAT_MESSAGE_ALLOCATE_BUFFER ERROR_MORE_DATA past 128K bytes.
 *
 * FORMAT_MESSAGE_ALLOCATE_BUFFER allocates with malloc: LocalAlloc's memory
 * is malloc's in this library, so the LocalFree a Windows program calls (or
 * free) releases it.
 */
#include <stdlib.h>
#include <string.h>

#include "sys/usermem.h"
#include "win32/errtext.h"
#include "win32/fmsg.h"
#include "ws2_32/addrtext.h"

/* "If the length of the formatted message exceeds 128K bytes, then FormatMessage will fail". */
#define FMSG_ALLOCATE_LIMIT (128 * 1024)

bool fmsg_put(struct fmsg_out *o, const WCHAR *s, size_t n)
{
    if (o->error)
        return false;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 128;
        while (o->len + n + 1 > cap)
            cap *= 2;
        WCHAR *buf = realloc(o->buf, cap * sizeof(WCHAR));
        if (!buf) {
            o->error = ERROR_NOT_ENOUGH_MEMORY;
            return false;
        }
        o->buf = buf;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n * sizeof(WCHAR));
    o->len += n;
    o->buf[o->len] = 0;
    return true;
}

bool fmsg_putc(struct fmsg_out *o, WCHAR c)
{
    return fmsg_put(o, &c, 1);
}

/*
 * The message definition src, escapes and inserts processed, into o.
 * Regular line breaks ("\r\n", "\n" or "\r" in the definition) become
 * "\r\n" when width is 0 and a space otherwise.
 */
static bool fmsg__expand(struct fmsg_out *o, const WCHAR *src, unsigned width, bool ignore_inserts,
                         struct fmsg_args *args)
{
    const WCHAR *p = src;
    while (*p) {
        WCHAR c = *p++;
        if (c == L'\r' || c == L'\n') {
            if (c == L'\r' && *p == L'\n')
                p++;
            if (!(width ? fmsg_putc(o, L' ') : fmsg_put(o, L"\r\n", 2)))
                return false;
            continue;
        }
        if (c != L'%') {
            if (!fmsg_putc(o, c))
                return false;
            continue;
        }
        const WCHAR *escape = p - 1;
        WCHAR e = *p;
        if (!e)
            break; /* a lone % ends the text */
        p++;
        if (e >= L'1' && e <= L'9') {
            unsigned n = (unsigned)(e - L'0');
            if (*p >= L'0' && *p <= L'9')
                n = n * 10 + (unsigned)(*p++ - L'0');
            if (ignore_inserts) {
                /* "passed through to the output buffer unchanged"; a !format! follows as text. */
                if (!fmsg_put(o, escape, (size_t)(p - escape)))
                    return false;
                continue;
            }
            const WCHAR *spec = L"s";
            size_t speclen = 1;
            if (*p == L'!') {
                const WCHAR *close = wcschr(p + 1, L'!');
                if (!close) {
                    o->error = ERROR_INVALID_PARAMETER;
                    return false;
                }
                spec = p + 1;
                speclen = (size_t)(close - spec);
                p = close + 1;
            }
            if (!fmsg_insert(o, args, n, spec, speclen))
                return false;
            continue;
        }
        bool ok;
        switch (e) {
        case L'0': return true; /* "terminate the message itself without a trailing new line" */
        case L'n': ok = fmsg_put(o, L"\r\n", 2); break;
        case L'r': ok = fmsg_putc(o, L'\r'); break;
        case L't': ok = fmsg_putc(o, L'\t'); break;
        default: ok = fmsg_putc(o, e); break;
        }
        if (!ok)
            return false;
    }
    return true;
}

/*
 * Wraps in into lines of at most width characters: at the last space that
 * fits, or, for a word longer than a line, at the first space after it (a
 * word is never split).  "\r\n" already in the text (hard breaks) stay.
 */
static bool fmsg__wrap(struct fmsg_out *out, const WCHAR *in, size_t len, unsigned width)
{
    size_t start = 0; /* of the current line */
    while (start < len) {
        size_t end = start; /* of the hard line */
        while (end < len && !(in[end] == L'\r' && end + 1 < len && in[end + 1] == L'\n'))
            end++;
        size_t at = start;
        while (end - at > width) {
            size_t cut = at + width;
            while (cut > at && in[cut] != L' ')
                cut--;
            if (cut == at) {
                cut = at + width;
                while (cut < end && in[cut] != L' ')
                    cut++;
                if (cut == end)
                    break;
            }
            if (!fmsg_put(out, in + at, cut - at) || !fmsg_put(out, L"\r\n", 2))
                return false;
            at = cut + 1;
        }
        if (!fmsg_put(out, in + at, end - at))
            return false;
        if (end < len && !fmsg_put(out, L"\r\n", 2))
            return false;
        start = end < len ? end + 2 : end;
    }
    return out->buf || fmsg_put(out, L"", 0);
}

/* Languages the English system table answers for (see winbase.h). */
static bool fmsg__language_ok(DWORD lang)
{
    return PRIMARYLANGID(lang) == LANG_NEUTRAL ||
           lang == MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US);
}

/*
 * The common part of both calls: the formatted message as a new wide
 * string (*result), or the error to report.  source is the caller's string
 * for FORMAT_MESSAGE_FROM_STRING, already checked and in WCHARs.
 */
static DWORD fmsg__format(DWORD flags, const WCHAR *source, DWORD id, DWORD lang, bool narrow,
                          va_list *arguments, WCHAR **result)
{
    WCHAR *definition = NULL;
    if (!source) {
        if (!fmsg__language_ok(lang))
            return ERROR_RESOURCE_LANG_NOT_FOUND;
        const char *text = errtext_lookup(id);
        if (!text)
            return ERROR_MR_MID_NOT_FOUND;
        size_t n = strlen(text);
        definition = malloc((n + 3) * sizeof(WCHAR));
        if (!definition)
            return ERROR_NOT_ENOUGH_MEMORY;
        for (size_t i = 0; i < n; i++)
            definition[i] = (WCHAR)(unsigned char)text[i];
        /* Every message in the system table ends with a line break. */
        definition[n] = L'\r';
        definition[n + 1] = L'\n';
        definition[n + 2] = 0;
        source = definition;
    }
    struct fmsg_args args = {.narrow = narrow};
    if (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY)
        args.array = (const DWORD_PTR *)arguments;
    else
        args.va = arguments;
    unsigned width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
    struct fmsg_out o = {0};
    bool ok = fmsg__expand(&o, source, width, (flags & FORMAT_MESSAGE_IGNORE_INSERTS) != 0, &args);
    free(definition);
    if (ok && width && width != FORMAT_MESSAGE_MAX_WIDTH_MASK) {
        struct fmsg_out wrapped = {0};
        ok = fmsg__wrap(&wrapped, o.buf ? o.buf : L"", o.len, width);
        free(o.buf);
        o = wrapped;
    }
    if (ok && !o.buf)
        ok = fmsg_put(&o, L"", 0);
    if (!ok) {
        free(o.buf);
        return o.error ? o.error : ERROR_NOT_ENOUGH_MEMORY;
    }
    *result = o.buf;
    return 0;
}

/*
 * Checks the flags and the caller's buffer argument before anything is
 * formatted.  With FORMAT_MESSAGE_ALLOCATE_BUFFER, *lpBuffer is set to NULL
 * first, so a program that frees it after a failure frees nothing.
 */
static DWORD fmsg__check(DWORD flags, LPCVOID source, void *buffer)
{
    DWORD from = flags & (FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_FROM_SYSTEM |
                          FORMAT_MESSAGE_FROM_HMODULE);
    /* FROM_STRING "cannot be used with FORMAT_MESSAGE_FROM_HMODULE or FORMAT_MESSAGE_FROM_SYSTEM".
     */
    if (!from || ((flags & FORMAT_MESSAGE_FROM_STRING) && from != FORMAT_MESSAGE_FROM_STRING))
        return ERROR_INVALID_PARAMETER;
    if ((flags & FORMAT_MESSAGE_FROM_STRING) && !source)
        return ERROR_INVALID_PARAMETER;
    if (!buffer)
        return ERROR_INVALID_PARAMETER;
    if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
        if (!sys_user_writable(buffer, sizeof(void *)))
            return ERROR_NOACCESS;
        *(void **)buffer = NULL;
    }
    return 0;
}

/*
 * Hands the result (count units of unit bytes, NUL included) to the caller:
 * a new block, or the caller's buffer of nSize units.
 */
static DWORD fmsg__deliver(DWORD flags, void *lpBuffer, DWORD nSize, const void *result,
                           size_t count, size_t unit)
{
    if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
        if ((count - 1) * unit > FMSG_ALLOCATE_LIMIT)
            return ERROR_MORE_DATA;
        /* nSize is "the minimum number of TCHARs to allocate". */
        size_t units = count > nSize ? count : nSize;
        void *block = malloc(units * unit);
        if (!block)
            return ERROR_NOT_ENOUGH_MEMORY;
        memcpy(block, result, count * unit);
        *(void **)lpBuffer = block;
        return 0;
    }
    if (count > nSize)
        return ERROR_INSUFFICIENT_BUFFER;
    if (!sys_user_writable(lpBuffer, count * unit))
        return ERROR_NOACCESS;
    memcpy(lpBuffer, result, count * unit);
    return 0;
}

DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
                            LPWSTR lpBuffer, DWORD nSize, va_list *Arguments)
{
    DWORD error = fmsg__check(dwFlags, lpSource, lpBuffer);
    if (error) {
        SetLastError(error);
        return 0;
    }
    const WCHAR *source = NULL;
    if (dwFlags & FORMAT_MESSAGE_FROM_STRING) {
        if (!sys_user_string(lpSource, sizeof(WCHAR), NULL)) {
            SetLastError(ERROR_NOACCESS);
            return 0;
        }
        source = lpSource;
    }
    WCHAR *result = NULL;
    error = fmsg__format(dwFlags, source, dwMessageId, dwLanguageId, false, Arguments, &result);
    size_t len = result ? wcslen(result) : 0;
    if (!error)
        error = fmsg__deliver(dwFlags, lpBuffer, nSize, result, len + 1, sizeof(WCHAR));
    free(result);
    if (error) {
        SetLastError(error);
        return 0;
    }
    return (DWORD)len;
}

DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
                            LPSTR lpBuffer, DWORD nSize, va_list *Arguments)
{
    DWORD error = fmsg__check(dwFlags, lpSource, lpBuffer);
    if (error) {
        SetLastError(error);
        return 0;
    }
    WCHAR *source = NULL;
    if (dwFlags & FORMAT_MESSAGE_FROM_STRING) {
        if (!sys_user_string(lpSource, 1, NULL)) {
            SetLastError(ERROR_NOACCESS);
            return 0;
        }
        source = ws2_wide_from_utf8(lpSource);
        if (!source) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
    }
    WCHAR *result = NULL;
    error = fmsg__format(dwFlags, source, dwMessageId, dwLanguageId, true, Arguments, &result);
    free(source);
    char *text = NULL;
    if (!error) {
        text = ws2_utf8_from_wide(result);
        error = text ? 0 : ERROR_NOT_ENOUGH_MEMORY;
    }
    free(result);
    size_t len = text ? strlen(text) : 0;
    if (!error)
        error = fmsg__deliver(dwFlags, lpBuffer, nSize, text, len + 1, 1);
    free(text);
    if (error) {
        SetLastError(error);
        return 0;
    }
    return (DWORD)len;
}
