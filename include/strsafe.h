/*
 * ws2posix <strsafe.h>: the Windows SDK's safe string functions -- StringCchCopy, StringCbCopy,
 * their N and Ex forms, Cat, Printf, VPrintf and Length -- with the results Microsoft
 * documents.  They are static inline, as the SDK's are (only the wide printf calls into the
 * library, for _vsnwprintf).
 *
 * "Cch" functions count characters, "Cb" functions bytes (sizeof(WCHAR) is 4 here, 2 on
 * Windows: sizes written as sizeof(buffer) or _countof(buffer) mean the same on both).
 * Results:
 *   - S_OK: the whole result and its terminator are in the destination.
 *   - STRSAFE_E_INSUFFICIENT_BUFFER: the result did not fit; the destination holds what
 *     fits, always terminated (StringCchCopy of "hello" into 4 characters gives "hel").
 *   - STRSAFE_E_INVALID_PARAMETER: a size of 0 or above STRSAFE_MAX_CCH, a destination that
 *     StringCchCat finds unterminated within its size, unknown flags; the destination is
 *     left alone.  Where Windows would dereference a NULL pointer (the functions without
 *     Ex, or Ex without STRSAFE_IGNORE_NULLS), the result is this error instead of a crash,
 *     and a NULL source or format leaves an empty destination.
 * The Ex forms take STRSAFE_IGNORE_NULLS (a NULL source is ""; a NULL destination is allowed
 * with a size of 0), STRSAFE_FILL_BEHIND_NULL (fill the rest of the buffer on success),
 * STRSAFE_FILL_ON_FAILURE, STRSAFE_NULL_ON_FAILURE and STRSAFE_NO_TRUNCATION (on failure,
 * fill, empty, or -- for Cat -- keep the original string), and they give the end of the
 * result (*ppszDestEnd, at its terminator) and the characters left (*pcchRemaining,
 * terminator included) when they succeed or truncate.
 *
 * Formats are glibc's: in the wide functions "%s" means a narrow string (C99), a wide one
 * on Windows; "%ls" and "%hs" mean the same on both (see include/ws2posix/crt.h).  An output
 * glibc cannot convert (a "%ls" argument with a character the locale cannot encode) gives
 * STRSAFE_E_INVALID_PARAMETER and an empty destination.  The SDK's deprecation of strcpy,
 * sprintf ... (STRSAFE_NO_DEPRECATE) is not reproduced: programs that use both compile.
 */
#ifndef WS2POSIX_STRSAFE_H
#define WS2POSIX_STRSAFE_H

#include "windows.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* S_OK, SUCCEEDED, FAILED and the other HRESULT names come from winerror.h (windows.h). */

#define STRSAFE_MAX_CCH 2147483647

#define STRSAFE_IGNORE_NULLS     0x00000100
#define STRSAFE_FILL_BEHIND_NULL 0x00000200
#define STRSAFE_FILL_ON_FAILURE  0x00000400
#define STRSAFE_NULL_ON_FAILURE  0x00000800
#define STRSAFE_NO_TRUNCATION    0x00001000
#define STRSAFE_VALID_FLAGS                                                                        \
    (0x000000FF | STRSAFE_IGNORE_NULLS | STRSAFE_FILL_BEHIND_NULL | STRSAFE_FILL_ON_FAILURE |      \
     STRSAFE_NULL_ON_FAILURE | STRSAFE_NO_TRUNCATION)
#define STRSAFE_FILL_BYTE(x)              ((DWORD)(((x)&0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x)           ((DWORD)(((x)&0x000000FF) | STRSAFE_FILL_ON_FAILURE))
#define STRSAFE_GET_FILL_PATTERN(dwFlags) ((int)((dwFlags)&0x000000FF))

#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007AL) /* HRESULT_FROM_WIN32(122) */
#define STRSAFE_E_INVALID_PARAMETER   ((HRESULT)0x80070057L) /* HRESULT_FROM_WIN32(87) */
#define STRSAFE_E_END_OF_FILE         ((HRESULT)0x80070026L) /* HRESULT_FROM_WIN32(38) */

typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef wchar_t *STRSAFE_LPWSTR;
typedef const wchar_t *STRSAFE_LPCWSTR;
typedef const char *STRSAFE_PCNZCH;
typedef const wchar_t *STRSAFE_PCNZWCH;

#define STRSAFEAPI static inline HRESULT

/*
 * The workers are not inlined into the caller: inlined, GCC's -Warray-bounds would judge
 * copies the size checks never let happen, in the program's own -Werror build.
 */
#define WS2POSIX_STRSAFE_WORKER static __attribute__((noinline, unused))

/*
 * The workers, shared by the narrow and the wide functions: strings are reached through
 * their character size (unit: 1 or sizeof(wchar_t)).  Not part of the API.
 */
static inline size_t ws2posix_strsafe__len(const void *s, size_t unit, size_t max)
{
    size_t n = 0;
    if (unit == 1) {
        while (n < max && ((const char *)s)[n])
            n++;
    } else {
        while (n < max && ((const wchar_t *)s)[n])
            n++;
    }
    return n;
}

static inline void ws2posix_strsafe__end(void *s, size_t unit, size_t at)
{
    if (unit == 1)
        ((char *)s)[at] = 0;
    else
        ((wchar_t *)s)[at] = 0;
}

/*
 * The first checks of every function: flags, sizes, NULL pointers.  *src is replaced by ""
 * under STRSAFE_IGNORE_NULLS.  S_OK to go on.
 */
static inline HRESULT ws2posix_strsafe__check(void *dest, size_t cchDest, const void **src,
                                              size_t unit, DWORD flags)
{
    static const wchar_t empty[1] = {0};
    if ((flags & ~(DWORD)STRSAFE_VALID_FLAGS) || cchDest > STRSAFE_MAX_CCH)
        return STRSAFE_E_INVALID_PARAMETER;
    if (flags & STRSAFE_IGNORE_NULLS) {
        if (!dest && cchDest != 0)
            return STRSAFE_E_INVALID_PARAMETER;
        if (!*src)
            *src = empty;
        return S_OK;
    }
    if (!dest || cchDest == 0)
        return STRSAFE_E_INVALID_PARAMETER;
    if (!*src) {
        ws2posix_strsafe__end(dest, unit, 0);
        return STRSAFE_E_INVALID_PARAMETER;
    }
    return S_OK;
}

/*
 * The end of every function that got past its checks: the flags' filling on success and
 * on failure, then *end (index of the terminator) and *remaining, which are given only on
 * success or truncation.  used is the result's length; kept is the length of the string a
 * Cat found (restored by STRSAFE_NO_TRUNCATION), or (size_t)-1 for Copy and Printf.
 */
static inline HRESULT ws2posix_strsafe__finish(void *dest, size_t cchDest, size_t unit, DWORD flags,
                                               HRESULT hr, size_t used, size_t kept, size_t *end,
                                               size_t *remaining)
{
    int fill = STRSAFE_GET_FILL_PATTERN(flags);
    if (SUCCEEDED(hr)) {
        if ((flags & STRSAFE_FILL_BEHIND_NULL) && cchDest - used > 1)
            memset((char *)dest + (used + 1) * unit, fill, (cchDest - used - 1) * unit);
    } else if (dest && cchDest > 0) {
        if (flags & STRSAFE_FILL_ON_FAILURE) {
            memset(dest, fill, cchDest * unit);
            used = fill == 0 ? 0 : cchDest - 1;
            ws2posix_strsafe__end(dest, unit, used);
        }
        if ((flags & STRSAFE_NULL_ON_FAILURE) ||
            ((flags & STRSAFE_NO_TRUNCATION) && kept == (size_t)-1)) {
            used = 0;
            ws2posix_strsafe__end(dest, unit, 0);
        } else if ((flags & STRSAFE_NO_TRUNCATION) && kept < cchDest) {
            used = kept;
            ws2posix_strsafe__end(dest, unit, kept);
        }
    }
    if (SUCCEEDED(hr) || hr == STRSAFE_E_INSUFFICIENT_BUFFER) {
        if (end)
            *end = used;
        if (remaining)
            *remaining = cchDest - used;
    }
    return hr;
}

/*
 * Copy at most cchToCopy characters of src (and Cat, when dest already holds a string).  A
 * size of 0, allowed with STRSAFE_IGNORE_NULLS only, succeeds for an empty source.
 */
WS2POSIX_STRSAFE_WORKER HRESULT ws2posix_strsafe__copy(void *dest, size_t cchDest, const void *src,
                                                       size_t cchToCopy, size_t unit, int append,
                                                       size_t *end, size_t *remaining, DWORD flags)
{
    HRESULT hr = ws2posix_strsafe__check(dest, cchDest, &src, unit, flags);
    if (hr == S_OK && cchToCopy > STRSAFE_MAX_CCH) {
        if (dest && cchDest > 0 && !append)
            ws2posix_strsafe__end(dest, unit, 0);
        hr = STRSAFE_E_INVALID_PARAMETER;
    }
    if (FAILED(hr))
        return hr;
    size_t kept = append ? ws2posix_strsafe__len(dest, unit, cchDest) : (size_t)-1;
    if (append && kept == cchDest) {
        hr = cchDest == 0 ? S_OK : STRSAFE_E_INVALID_PARAMETER;
        if (cchDest != 0)
            return ws2posix_strsafe__finish(dest, cchDest, unit, flags, hr, 0, 0, end, remaining);
    }
    size_t at = append ? kept : 0;
    size_t room = cchDest - at;
    if (room == 0) {
        hr = cchToCopy == 0 || ws2posix_strsafe__len(src, unit, 1) == 0
                 ? S_OK
                 : (dest ? STRSAFE_E_INSUFFICIENT_BUFFER : STRSAFE_E_INVALID_PARAMETER);
        if (end)
            *end = at;
        if (remaining && hr != STRSAFE_E_INVALID_PARAMETER)
            *remaining = 0;
        return hr;
    }
    size_t n = ws2posix_strsafe__len(src, unit, cchToCopy < room ? cchToCopy : room);
    if (n == room) {
        n = room - 1;
        hr = STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    memmove((char *)dest + at * unit, src, n * unit);
    ws2posix_strsafe__end(dest, unit, at + n);
    return ws2posix_strsafe__finish(dest, cchDest, unit, flags, hr, at + n, kept, end, remaining);
}

WS2POSIX_STRSAFE_WORKER HRESULT ws2posix_strsafe__length(const void *psz, size_t cchMax,
                                                         size_t unit, size_t *pcchLength)
{
    HRESULT hr = STRSAFE_E_INVALID_PARAMETER;
    size_t n = 0;
    if (psz && cchMax <= STRSAFE_MAX_CCH) {
        n = ws2posix_strsafe__len(psz, unit, cchMax);
        hr = n < cchMax ? S_OK : STRSAFE_E_INVALID_PARAMETER;
    }
    if (pcchLength)
        *pcchLength = SUCCEEDED(hr) ? n : 0;
    return hr;
}

/*
 * Printf: the formatted text, truncated and terminated when it does not fit.  An empty
 * format into a size of 0 (STRSAFE_IGNORE_NULLS) succeeds.
 */
WS2POSIX_STRSAFE_WORKER HRESULT ws2posix_strsafe__vprintf(void *dest, size_t cchDest, size_t unit,
                                                          size_t *end, size_t *remaining,
                                                          DWORD flags, const void *format,
                                                          va_list args)
{
    HRESULT hr = ws2posix_strsafe__check(dest, cchDest, &format, unit, flags);
    if (FAILED(hr))
        return hr;
    if (cchDest == 0) {
        hr = ws2posix_strsafe__len(format, unit, 1) == 0
                 ? S_OK
                 : (dest ? STRSAFE_E_INSUFFICIENT_BUFFER : STRSAFE_E_INVALID_PARAMETER);
        if (end)
            *end = 0;
        if (remaining && hr != STRSAFE_E_INVALID_PARAMETER)
            *remaining = 0;
        return hr;
    }
    size_t used;
    if (unit == 1) {
        /* C99's vsnprintf: the whole length, the text cut and terminated. */
        int len = vsnprintf((char *)dest, cchDest, (const char *)format, args);
        if (len < 0) {
            ((char *)dest)[0] = 0;
            used = 0;
            hr = STRSAFE_E_INVALID_PARAMETER;
        } else if ((size_t)len >= cchDest) {
            used = cchDest - 1;
            hr = STRSAFE_E_INSUFFICIENT_BUFFER;
        } else {
            used = (size_t)len;
        }
    } else {
        /*
         * Microsoft's _vsnwprintf (include/ws2posix/crt.h), as the SDK uses it: at most
         * cchDest - 1 characters, -1 when more were needed; errno EILSEQ tells an
         * encoding error from truncation.
         */
        wchar_t *w = (wchar_t *)dest;
        size_t max = cchDest - 1;
        int saved = errno;
        errno = 0;
        int len = _vsnwprintf(w, max, (const wchar_t *)format, args);
        if (len < 0 && errno == EILSEQ) {
            w[0] = 0;
            used = 0;
            hr = STRSAFE_E_INVALID_PARAMETER;
        } else {
            errno = saved;
            used = len < 0 ? max : (size_t)len;
            w[used] = 0;
            if (len < 0)
                hr = STRSAFE_E_INSUFFICIENT_BUFFER;
        }
    }
    return ws2posix_strsafe__finish(dest, cchDest, unit, flags, hr, used, (size_t)-1, end,
                                    remaining);
}

/* Ends and remaining counts from the workers' indexes. */
#define WS2POSIX_STRSAFE_OUT(ppEnd, dest, end)                                                     \
    do {                                                                                           \
        if ((ppEnd) && (hr == S_OK || hr == STRSAFE_E_INSUFFICIENT_BUFFER))                        \
            *(ppEnd) = (dest) + (end);                                                             \
    } while (0)

/* Copy. */
STRSAFEAPI StringCchCopyNExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_PCNZCH pszSrc,
                             size_t cchToCopy, STRSAFE_LPSTR *ppszDestEnd, size_t *pcchRemaining,
                             DWORD dwFlags)
{
    size_t end = 0;
    HRESULT hr = ws2posix_strsafe__copy(pszDest, cchDest, pszSrc, cchToCopy, 1, 0, &end,
                                        pcchRemaining, dwFlags);
    WS2POSIX_STRSAFE_OUT(ppszDestEnd, pszDest, end);
    return hr;
}
STRSAFEAPI StringCchCopyNExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_PCNZWCH pszSrc,
                             size_t cchToCopy, STRSAFE_LPWSTR *ppszDestEnd, size_t *pcchRemaining,
                             DWORD dwFlags)
{
    size_t end = 0;
    HRESULT hr = ws2posix_strsafe__copy(pszDest, cchDest, pszSrc, cchToCopy, sizeof(wchar_t), 0,
                                        &end, pcchRemaining, dwFlags);
    WS2POSIX_STRSAFE_OUT(ppszDestEnd, pszDest, end);
    return hr;
}
STRSAFEAPI StringCchCopyExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                            STRSAFE_LPSTR *ppszDestEnd, size_t *pcchRemaining, DWORD dwFlags)
{
    return StringCchCopyNExA(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH, ppszDestEnd, pcchRemaining,
                             dwFlags);
}
STRSAFEAPI StringCchCopyExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                            STRSAFE_LPWSTR *ppszDestEnd, size_t *pcchRemaining, DWORD dwFlags)
{
    return StringCchCopyNExW(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH, ppszDestEnd, pcchRemaining,
                             dwFlags);
}
STRSAFEAPI StringCchCopyNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_PCNZCH pszSrc,
                           size_t cchToCopy)
{
    return StringCchCopyNExA(pszDest, cchDest, pszSrc, cchToCopy, NULL, NULL, 0);
}
STRSAFEAPI StringCchCopyNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_PCNZWCH pszSrc,
                           size_t cchToCopy)
{
    return StringCchCopyNExW(pszDest, cchDest, pszSrc, cchToCopy, NULL, NULL, 0);
}
STRSAFEAPI StringCchCopyA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{
    return StringCchCopyNExA(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH, NULL, NULL, 0);
}
STRSAFEAPI StringCchCopyW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc)
{
    return StringCchCopyNExW(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH, NULL, NULL, 0);
}
STRSAFEAPI StringCbCopyNExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_PCNZCH pszSrc,
                            size_t cbToCopy, STRSAFE_LPSTR *ppszDestEnd, size_t *pcbRemaining,
                            DWORD dwFlags)
{
    return StringCchCopyNExA(pszDest, cbDest, pszSrc, cbToCopy, ppszDestEnd, pcbRemaining, dwFlags);
}
STRSAFEAPI StringCbCopyNExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_PCNZWCH pszSrc,
                            size_t cbToCopy, STRSAFE_LPWSTR *ppszDestEnd, size_t *pcbRemaining,
                            DWORD dwFlags)
{
    size_t cch = 0;
    HRESULT hr = StringCchCopyNExW(pszDest, cbDest / sizeof(wchar_t), pszSrc,
                                   cbToCopy / sizeof(wchar_t), ppszDestEnd, &cch, dwFlags);
    if (pcbRemaining && (SUCCEEDED(hr) || hr == STRSAFE_E_INSUFFICIENT_BUFFER))
        *pcbRemaining = cch * sizeof(wchar_t) + cbDest % sizeof(wchar_t);
    return hr;
}
STRSAFEAPI StringCbCopyExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
                           STRSAFE_LPSTR *ppszDestEnd, size_t *pcbRemaining, DWORD dwFlags)
{
    return StringCchCopyNExA(pszDest, cbDest, pszSrc, STRSAFE_MAX_CCH, ppszDestEnd, pcbRemaining,
                             dwFlags);
}
STRSAFEAPI StringCbCopyExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc,
                           STRSAFE_LPWSTR *ppszDestEnd, size_t *pcbRemaining, DWORD dwFlags)
{
    return StringCbCopyNExW(pszDest, cbDest, pszSrc, STRSAFE_MAX_CCH * sizeof(wchar_t), ppszDestEnd,
                            pcbRemaining, dwFlags);
}
STRSAFEAPI StringCbCopyNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_PCNZCH pszSrc,
                          size_t cbToCopy)
{
    return StringCchCopyNExA(pszDest, cbDest, pszSrc, cbToCopy, NULL, NULL, 0);
}
STRSAFEAPI StringCbCopyNW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_PCNZWCH pszSrc,
                          size_t cbToCopy)
{
    return StringCbCopyNExW(pszDest, cbDest, pszSrc, cbToCopy, NULL, NULL, 0);
}
STRSAFEAPI StringCbCopyA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc)
{
    return StringCchCopyNExA(pszDest, cbDest, pszSrc, STRSAFE_MAX_CCH, NULL, NULL, 0);
}
STRSAFEAPI StringCbCopyW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc)
{
    return StringCbCopyNExW(pszDest, cbDest, pszSrc, STRSAFE_MAX_CCH * sizeof(wchar_t), NULL, NULL,
                            0);
}

/* Cat. */
STRSAFEAPI StringCchCatNExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_PCNZCH pszSrc,
                            size_t cchToAppend, STRSAFE_LPSTR *ppszDestEnd, size_t *pcchRemaining,
                            DWORD dwFlags)
{
    size_t end = 0;
    HRESULT hr = ws2posix_strsafe__copy(pszDest, cchDest, pszSrc, cchToAppend, 1, 1, &end,
                                        pcchRemaining, dwFlags);
    WS2POSIX_STRSAFE_OUT(ppszDestEnd, pszDest, end);
    return hr;
}
STRSAFEAPI StringCchCatNExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_PCNZWCH pszSrc,
                            size_t cchToAppend, STRSAFE_LPWSTR *ppszDestEnd, size_t *pcchRemaining,
                            DWORD dwFlags)
{
    size_t end = 0;
    HRESULT hr = ws2posix_strsafe__copy(pszDest, cchDest, pszSrc, cchToAppend, sizeof(wchar_t), 1,
                                        &end, pcchRemaining, dwFlags);
    WS2POSIX_STRSAFE_OUT(ppszDestEnd, pszDest, end);
    return hr;
}
STRSAFEAPI StringCchCatExA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                           STRSAFE_LPSTR *ppszDestEnd, size_t *pcchRemaining, DWORD dwFlags)
{
    return StringCchCatNExA(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH, ppszDestEnd, pcchRemaining,
                            dwFlags);
}
STRSAFEAPI StringCchCatExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                           STRSAFE_LPWSTR *ppszDestEnd, size_t *pcchRemaining, DWORD dwFlags)
{
    return StringCchCatNExW(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH, ppszDestEnd, pcchRemaining,
                            dwFlags);
}
STRSAFEAPI StringCchCatNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_PCNZCH pszSrc,
                          size_t cchToAppend)
{
    return StringCchCatNExA(pszDest, cchDest, pszSrc, cchToAppend, NULL, NULL, 0);
}
STRSAFEAPI StringCchCatNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_PCNZWCH pszSrc,
                          size_t cchToAppend)
{
    return StringCchCatNExW(pszDest, cchDest, pszSrc, cchToAppend, NULL, NULL, 0);
}
STRSAFEAPI StringCchCatA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{
    return StringCchCatNExA(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH, NULL, NULL, 0);
}
STRSAFEAPI StringCchCatW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc)
{
    return StringCchCatNExW(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH, NULL, NULL, 0);
}
STRSAFEAPI StringCbCatNExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_PCNZCH pszSrc,
                           size_t cbToAppend, STRSAFE_LPSTR *ppszDestEnd, size_t *pcbRemaining,
                           DWORD dwFlags)
{
    return StringCchCatNExA(pszDest, cbDest, pszSrc, cbToAppend, ppszDestEnd, pcbRemaining,
                            dwFlags);
}
STRSAFEAPI StringCbCatNExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_PCNZWCH pszSrc,
                           size_t cbToAppend, STRSAFE_LPWSTR *ppszDestEnd, size_t *pcbRemaining,
                           DWORD dwFlags)
{
    size_t cch = 0;
    HRESULT hr = StringCchCatNExW(pszDest, cbDest / sizeof(wchar_t), pszSrc,
                                  cbToAppend / sizeof(wchar_t), ppszDestEnd, &cch, dwFlags);
    if (pcbRemaining && (SUCCEEDED(hr) || hr == STRSAFE_E_INSUFFICIENT_BUFFER))
        *pcbRemaining = cch * sizeof(wchar_t) + cbDest % sizeof(wchar_t);
    return hr;
}
STRSAFEAPI StringCbCatExA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
                          STRSAFE_LPSTR *ppszDestEnd, size_t *pcbRemaining, DWORD dwFlags)
{
    return StringCchCatNExA(pszDest, cbDest, pszSrc, STRSAFE_MAX_CCH, ppszDestEnd, pcbRemaining,
                            dwFlags);
}
STRSAFEAPI StringCbCatExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc,
                          STRSAFE_LPWSTR *ppszDestEnd, size_t *pcbRemaining, DWORD dwFlags)
{
    return StringCbCatNExW(pszDest, cbDest, pszSrc, STRSAFE_MAX_CCH * sizeof(wchar_t), ppszDestEnd,
                           pcbRemaining, dwFlags);
}
STRSAFEAPI StringCbCatNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_PCNZCH pszSrc,
                         size_t cbToAppend)
{
    return StringCchCatNExA(pszDest, cbDest, pszSrc, cbToAppend, NULL, NULL, 0);
}
STRSAFEAPI StringCbCatNW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_PCNZWCH pszSrc,
                         size_t cbToAppend)
{
    return StringCbCatNExW(pszDest, cbDest, pszSrc, cbToAppend, NULL, NULL, 0);
}
STRSAFEAPI StringCbCatA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc)
{
    return StringCchCatNExA(pszDest, cbDest, pszSrc, STRSAFE_MAX_CCH, NULL, NULL, 0);
}
STRSAFEAPI StringCbCatW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc)
{
    return StringCbCatNExW(pszDest, cbDest, pszSrc, STRSAFE_MAX_CCH * sizeof(wchar_t), NULL, NULL,
                           0);
}

/* Printf. */
static inline HRESULT StringCchVPrintfExA(STRSAFE_LPSTR pszDest, size_t cchDest,
                                          STRSAFE_LPSTR *ppszDestEnd, size_t *pcchRemaining,
                                          DWORD dwFlags, STRSAFE_LPCSTR pszFormat, va_list argList)
    __attribute__((format(printf, 6, 0)));
static inline HRESULT StringCchVPrintfExA(STRSAFE_LPSTR pszDest, size_t cchDest,
                                          STRSAFE_LPSTR *ppszDestEnd, size_t *pcchRemaining,
                                          DWORD dwFlags, STRSAFE_LPCSTR pszFormat, va_list argList)
{
    size_t end = 0;
    HRESULT hr = ws2posix_strsafe__vprintf(pszDest, cchDest, 1, &end, pcchRemaining, dwFlags,
                                           pszFormat, argList);
    WS2POSIX_STRSAFE_OUT(ppszDestEnd, pszDest, end);
    return hr;
}
STRSAFEAPI StringCchVPrintfExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPWSTR *ppszDestEnd,
                               size_t *pcchRemaining, DWORD dwFlags, STRSAFE_LPCWSTR pszFormat,
                               va_list argList)
{
    size_t end = 0;
    HRESULT hr = ws2posix_strsafe__vprintf(pszDest, cchDest, sizeof(wchar_t), &end, pcchRemaining,
                                           dwFlags, pszFormat, argList);
    WS2POSIX_STRSAFE_OUT(ppszDestEnd, pszDest, end);
    return hr;
}
static inline HRESULT StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest,
                                        STRSAFE_LPCSTR pszFormat, va_list argList)
    __attribute__((format(printf, 3, 0)));
static inline HRESULT StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest,
                                        STRSAFE_LPCSTR pszFormat, va_list argList)
{
    return StringCchVPrintfExA(pszDest, cchDest, NULL, NULL, 0, pszFormat, argList);
}
STRSAFEAPI StringCchVPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat,
                             va_list argList)
{
    return StringCchVPrintfExW(pszDest, cchDest, NULL, NULL, 0, pszFormat, argList);
}
static inline HRESULT StringCbVPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest,
                                       STRSAFE_LPCSTR pszFormat, va_list argList)
    __attribute__((format(printf, 3, 0)));
static inline HRESULT StringCbVPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest,
                                       STRSAFE_LPCSTR pszFormat, va_list argList)
{
    return StringCchVPrintfExA(pszDest, cbDest, NULL, NULL, 0, pszFormat, argList);
}
STRSAFEAPI StringCbVPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat,
                            va_list argList)
{
    return StringCchVPrintfExW(pszDest, cbDest / sizeof(wchar_t), NULL, NULL, 0, pszFormat,
                               argList);
}
static inline HRESULT StringCbVPrintfExA(STRSAFE_LPSTR pszDest, size_t cbDest,
                                         STRSAFE_LPSTR *ppszDestEnd, size_t *pcbRemaining,
                                         DWORD dwFlags, STRSAFE_LPCSTR pszFormat, va_list argList)
    __attribute__((format(printf, 6, 0)));
static inline HRESULT StringCbVPrintfExA(STRSAFE_LPSTR pszDest, size_t cbDest,
                                         STRSAFE_LPSTR *ppszDestEnd, size_t *pcbRemaining,
                                         DWORD dwFlags, STRSAFE_LPCSTR pszFormat, va_list argList)
{
    return StringCchVPrintfExA(pszDest, cbDest, ppszDestEnd, pcbRemaining, dwFlags, pszFormat,
                               argList);
}
STRSAFEAPI StringCbVPrintfExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPWSTR *ppszDestEnd,
                              size_t *pcbRemaining, DWORD dwFlags, STRSAFE_LPCWSTR pszFormat,
                              va_list argList)
{
    size_t cch = 0;
    HRESULT hr = StringCchVPrintfExW(pszDest, cbDest / sizeof(wchar_t), ppszDestEnd, &cch, dwFlags,
                                     pszFormat, argList);
    if (pcbRemaining && (SUCCEEDED(hr) || hr == STRSAFE_E_INSUFFICIENT_BUFFER))
        *pcbRemaining = cch * sizeof(wchar_t) + cbDest % sizeof(wchar_t);
    return hr;
}

/* The variadic forms, each through its va_list form. */
#define WS2POSIX_STRSAFE_VARIADIC(call)                                                            \
    va_list ap;                                                                                    \
    va_start(ap, pszFormat);                                                                       \
    HRESULT hr = call;                                                                             \
    va_end(ap);                                                                                    \
    return hr
static inline HRESULT StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest,
                                       STRSAFE_LPCSTR pszFormat, ...)
    __attribute__((format(printf, 3, 4)));
static inline HRESULT StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest,
                                       STRSAFE_LPCSTR pszFormat, ...)
{
    WS2POSIX_STRSAFE_VARIADIC(StringCchVPrintfExA(pszDest, cchDest, NULL, NULL, 0, pszFormat, ap));
}
STRSAFEAPI StringCchPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat, ...)
{
    WS2POSIX_STRSAFE_VARIADIC(StringCchVPrintfExW(pszDest, cchDest, NULL, NULL, 0, pszFormat, ap));
}
static inline HRESULT StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest,
                                      STRSAFE_LPCSTR pszFormat, ...)
    __attribute__((format(printf, 3, 4)));
static inline HRESULT StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest,
                                      STRSAFE_LPCSTR pszFormat, ...)
{
    WS2POSIX_STRSAFE_VARIADIC(StringCchVPrintfExA(pszDest, cbDest, NULL, NULL, 0, pszFormat, ap));
}
STRSAFEAPI StringCbPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat, ...)
{
    WS2POSIX_STRSAFE_VARIADIC(
        StringCchVPrintfExW(pszDest, cbDest / sizeof(wchar_t), NULL, NULL, 0, pszFormat, ap));
}
static inline HRESULT StringCchPrintfExA(STRSAFE_LPSTR pszDest, size_t cchDest,
                                         STRSAFE_LPSTR *ppszDestEnd, size_t *pcchRemaining,
                                         DWORD dwFlags, STRSAFE_LPCSTR pszFormat, ...)
    __attribute__((format(printf, 6, 7)));
static inline HRESULT StringCchPrintfExA(STRSAFE_LPSTR pszDest, size_t cchDest,
                                         STRSAFE_LPSTR *ppszDestEnd, size_t *pcchRemaining,
                                         DWORD dwFlags, STRSAFE_LPCSTR pszFormat, ...)
{
    WS2POSIX_STRSAFE_VARIADIC(
        StringCchVPrintfExA(pszDest, cchDest, ppszDestEnd, pcchRemaining, dwFlags, pszFormat, ap));
}
STRSAFEAPI StringCchPrintfExW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPWSTR *ppszDestEnd,
                              size_t *pcchRemaining, DWORD dwFlags, STRSAFE_LPCWSTR pszFormat, ...)
{
    WS2POSIX_STRSAFE_VARIADIC(
        StringCchVPrintfExW(pszDest, cchDest, ppszDestEnd, pcchRemaining, dwFlags, pszFormat, ap));
}
static inline HRESULT StringCbPrintfExA(STRSAFE_LPSTR pszDest, size_t cbDest,
                                        STRSAFE_LPSTR *ppszDestEnd, size_t *pcbRemaining,
                                        DWORD dwFlags, STRSAFE_LPCSTR pszFormat, ...)
    __attribute__((format(printf, 6, 7)));
static inline HRESULT StringCbPrintfExA(STRSAFE_LPSTR pszDest, size_t cbDest,
                                        STRSAFE_LPSTR *ppszDestEnd, size_t *pcbRemaining,
                                        DWORD dwFlags, STRSAFE_LPCSTR pszFormat, ...)
{
    WS2POSIX_STRSAFE_VARIADIC(
        StringCchVPrintfExA(pszDest, cbDest, ppszDestEnd, pcbRemaining, dwFlags, pszFormat, ap));
}
STRSAFEAPI StringCbPrintfExW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPWSTR *ppszDestEnd,
                             size_t *pcbRemaining, DWORD dwFlags, STRSAFE_LPCWSTR pszFormat, ...)
{
    WS2POSIX_STRSAFE_VARIADIC(
        StringCbVPrintfExW(pszDest, cbDest, ppszDestEnd, pcbRemaining, dwFlags, pszFormat, ap));
}

/* Length: S_OK and the length when a terminator lies within cchMax characters. */
STRSAFEAPI StringCchLengthA(STRSAFE_PCNZCH psz, size_t cchMax, size_t *pcchLength)
{
    return ws2posix_strsafe__length(psz, cchMax, 1, pcchLength);
}
STRSAFEAPI StringCchLengthW(STRSAFE_PCNZWCH psz, size_t cchMax, size_t *pcchLength)
{
    return ws2posix_strsafe__length(psz, cchMax, sizeof(wchar_t), pcchLength);
}
STRSAFEAPI StringCbLengthA(STRSAFE_PCNZCH psz, size_t cbMax, size_t *pcbLength)
{
    return ws2posix_strsafe__length(psz, cbMax, 1, pcbLength);
}
STRSAFEAPI StringCbLengthW(STRSAFE_PCNZWCH psz, size_t cbMax, size_t *pcbLength)
{
    size_t cch = 0;
    HRESULT hr = ws2posix_strsafe__length(psz, cbMax / sizeof(wchar_t), sizeof(wchar_t), &cch);
    if (pcbLength)
        *pcbLength = cch * sizeof(wchar_t);
    return hr;
}

/* The generic names: W under UNICODE, A otherwise. */
#ifdef UNICODE
#define StringCchCopy      StringCchCopyW
#define StringCbCopy       StringCbCopyW
#define StringCchCopyEx    StringCchCopyExW
#define StringCbCopyEx     StringCbCopyExW
#define StringCchCopyN     StringCchCopyNW
#define StringCbCopyN      StringCbCopyNW
#define StringCchCopyNEx   StringCchCopyNExW
#define StringCbCopyNEx    StringCbCopyNExW
#define StringCchCat       StringCchCatW
#define StringCbCat        StringCbCatW
#define StringCchCatEx     StringCchCatExW
#define StringCbCatEx      StringCbCatExW
#define StringCchCatN      StringCchCatNW
#define StringCbCatN       StringCbCatNW
#define StringCchCatNEx    StringCchCatNExW
#define StringCbCatNEx     StringCbCatNExW
#define StringCchPrintf    StringCchPrintfW
#define StringCbPrintf     StringCbPrintfW
#define StringCchPrintfEx  StringCchPrintfExW
#define StringCbPrintfEx   StringCbPrintfExW
#define StringCchVPrintf   StringCchVPrintfW
#define StringCbVPrintf    StringCbVPrintfW
#define StringCchVPrintfEx StringCchVPrintfExW
#define StringCbVPrintfEx  StringCbVPrintfExW
#define StringCchLength    StringCchLengthW
#define StringCbLength     StringCbLengthW
#else
#define StringCchCopy      StringCchCopyA
#define StringCbCopy       StringCbCopyA
#define StringCchCopyEx    StringCchCopyExA
#define StringCbCopyEx     StringCbCopyExA
#define StringCchCopyN     StringCchCopyNA
#define StringCbCopyN      StringCbCopyNA
#define StringCchCopyNEx   StringCchCopyNExA
#define StringCbCopyNEx    StringCbCopyNExA
#define StringCchCat       StringCchCatA
#define StringCbCat        StringCbCatA
#define StringCchCatEx     StringCchCatExA
#define StringCbCatEx      StringCbCatExA
#define StringCchCatN      StringCchCatNA
#define StringCbCatN       StringCbCatNA
#define StringCchCatNEx    StringCchCatNExA
#define StringCbCatNEx     StringCbCatNExA
#define StringCchPrintf    StringCchPrintfA
#define StringCbPrintf     StringCbPrintfA
#define StringCchPrintfEx  StringCchPrintfExA
#define StringCbPrintfEx   StringCbPrintfExA
#define StringCchVPrintf   StringCchVPrintfA
#define StringCbVPrintf    StringCbVPrintfA
#define StringCchVPrintfEx StringCchVPrintfExA
#define StringCbVPrintfEx  StringCbVPrintfExA
#define StringCchLength    StringCchLengthA
#define StringCbLength     StringCbLengthA
#endif

#endif /* WS2POSIX_STRSAFE_H */
