/*
 * The lstr functions of winbase.h (lstrlen, lstrcpy, lstrcpyn, lstrcat, lstrcmp, lstrcmpi)
 * for narrow and wide strings.  include/winbase.h says what they do and how the
 * comparisons differ from Windows' locale-aware ones.
 *
 * Windows catches the access violation a bad pointer causes inside these functions and
 * returns 0 or NULL instead.  We ask first (src/sys/usermem.h): a string that cannot be
 * read to its terminator, or a destination that cannot be written, gives the same results.
 * The check costs nothing for strings on the stack or the main heap.
 */
#include <windows.h>

#include <stdbool.h>
#include <stdint.h>
#include <wctype.h>

#include "sys/usermem.h"

/* The length of a readable string, or -1 when it is NULL or cannot be read. */
static ptrdiff_t lstr__length(const void *s, size_t unit)
{
    size_t n = 0;
    if (!s || !sys_user_string(s, unit, &n) || n > INT32_MAX)
        return -1;
    return (ptrdiff_t)n;
}

int WINAPI lstrlenA(LPCSTR lpString)
{
    ptrdiff_t n = lstr__length(lpString, 1);
    return n < 0 ? 0 : (int)n;
}

int WINAPI lstrlenW(LPCWSTR lpString)
{
    ptrdiff_t n = lstr__length(lpString, sizeof(WCHAR));
    return n < 0 ? 0 : (int)n;
}

/*
 * Append n characters of src (and a terminator) at dst + at, checking that the source can
 * be read and the destination written; dst, or NULL.
 */
static void *lstr__put(void *dst, size_t at, const void *src, size_t n, size_t unit)
{
    if (!dst || !sys_user_writable((char *)dst + at * unit, (n + 1) * unit))
        return NULL;
    memmove((char *)dst + at * unit, src, n * unit);
    memset((char *)dst + (at + n) * unit, 0, unit);
    return dst;
}

static void *lstr__cpy(void *dst, const void *src, size_t unit)
{
    ptrdiff_t n = lstr__length(src, unit);
    return n < 0 ? NULL : lstr__put(dst, 0, src, (size_t)n, unit);
}

static void *lstr__cat(void *dst, const void *src, size_t unit)
{
    ptrdiff_t used = lstr__length(dst, unit);
    ptrdiff_t n = lstr__length(src, unit);
    if (used < 0 || n < 0)
        return NULL;
    return lstr__put(dst, (size_t)used, src, (size_t)n, unit);
}

/*
 * At most max - 1 characters of src: the source need only be readable that far, or to its
 * terminator when that comes first.
 */
static void *lstr__cpyn(void *dst, const void *src, int max, size_t unit)
{
    if (max < 0 || !src)
        return NULL;
    if (max == 0)
        return dst;
    size_t limit = (size_t)max - 1, n = 0;
    if (limit == 0) {
        n = 0;
    } else if (sys_user_readable(src, limit * unit)) {
        if (unit == 1)
            n = strnlen(src, limit);
        else
            n = wcsnlen(src, limit);
    } else {
        ptrdiff_t len = lstr__length(src, unit);
        if (len < 0)
            return NULL;
        n = (size_t)len < limit ? (size_t)len : limit;
    }
    return lstr__put(dst, 0, src, n, unit);
}

LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2)
{
    return lstr__cpy(lpString1, lpString2, 1);
}

LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2)
{
    return lstr__cpy(lpString1, lpString2, sizeof(WCHAR));
}

LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength)
{
    return lstr__cpyn(lpString1, lpString2, iMaxLength, 1);
}

LPWSTR WINAPI lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength)
{
    return lstr__cpyn(lpString1, lpString2, iMaxLength, sizeof(WCHAR));
}

LPSTR WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2)
{
    return lstr__cat(lpString1, lpString2, 1);
}

LPWSTR WINAPI lstrcatW(LPWSTR lpString1, LPCWSTR lpString2)
{
    return lstr__cat(lpString1, lpString2, sizeof(WCHAR));
}

/*
 * NULL (or unreadable) first, as CompareString orders them; then code point order, after
 * folding case when fold is set.
 */
static int lstr__cmp(const void *a, const void *b, size_t unit, bool fold)
{
    bool a_ok = lstr__length(a, unit) >= 0, b_ok = lstr__length(b, unit) >= 0;
    if (!a_ok || !b_ok)
        return a_ok == b_ok ? 0 : (a_ok ? 1 : -1);
    for (size_t i = 0;; i++) {
        uint32_t ca, cb;
        if (unit == 1) {
            ca = ((const unsigned char *)a)[i];
            cb = ((const unsigned char *)b)[i];
            if (fold) {
                ca = ca >= 'A' && ca <= 'Z' ? ca + 32 : ca;
                cb = cb >= 'A' && cb <= 'Z' ? cb + 32 : cb;
            }
        } else {
            ca = (uint32_t)((const WCHAR *)a)[i];
            cb = (uint32_t)((const WCHAR *)b)[i];
            if (fold) {
                ca = (uint32_t)towlower((wint_t)ca);
                cb = (uint32_t)towlower((wint_t)cb);
            }
        }
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca == 0)
            return 0;
    }
}

int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2)
{
    return lstr__cmp(lpString1, lpString2, 1, false);
}

int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2)
{
    return lstr__cmp(lpString1, lpString2, sizeof(WCHAR), false);
}

int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2)
{
    return lstr__cmp(lpString1, lpString2, 1, true);
}

int WINAPI lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2)
{
    return lstr__cmp(lpString1, lpString2, sizeof(WCHAR), true);
}
