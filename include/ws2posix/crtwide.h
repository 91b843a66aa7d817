/*
 * ws2posix: the Microsoft C runtime's wide-character names that the C
 * library spells differently or lacks (_wcsicmp, _wcsdup, _wtoi, _wfopen,
 * _snwprintf ...).  Not a Windows SDK header: programs never include it
 * themselves; tchar.h and winnls.h (so windows.h) include it.  The narrow
 * ones (_stricmp, _strdup, _snprintf ...) are in ws2posix/crt.h.
 *
 * Porting rule for wide printf: in Microsoft's wprintf family %s and %c
 * take a wide string and character when the format is wide; in ISO C (and
 * glibc) they always take narrow ones.  Write %ls and %lc, which mean wide
 * in both, and %hs for a narrow string in a wide format on Windows only.
 * These functions are the C library's: the format is not rewritten.
 */
#ifndef WS2POSIX_CRTWIDE_H
#define WS2POSIX_CRTWIDE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <wctype.h>

#include "wintypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Comparison without regard to case: characters compare as towlower gives them. */
static inline int _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n)
{
    for (; n; a++, b++, n--) {
        wint_t ca = towlower((wint_t)*a), cb = towlower((wint_t)*b);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (!ca)
            break;
    }
    return 0;
}
static inline int _wcsicmp(const wchar_t *a, const wchar_t *b)
{
    return _wcsnicmp(a, b, (size_t)-1);
}
#define _wcsicoll _wcsicmp
#define wcsicmp   _wcsicmp
#define wcsnicmp  _wcsnicmp

/* A copy in a malloc block (free releases it), or NULL when memory runs out. */
static inline wchar_t *_wcsdup(const wchar_t *s)
{
    size_t n = wcslen(s) + 1;
    wchar_t *copy = (wchar_t *)malloc(n * sizeof(wchar_t));
    return copy ? wmemcpy(copy, s, n) : NULL;
}

/* In place, and returned. */
static inline wchar_t *_wcslwr(wchar_t *s)
{
    for (wchar_t *p = s; *p; p++)
        *p = (wchar_t)towlower((wint_t)*p);
    return s;
}
static inline wchar_t *_wcsupr(wchar_t *s)
{
    for (wchar_t *p = s; *p; p++)
        *p = (wchar_t)towupper((wint_t)*p);
    return s;
}

/* Numbers from text, as atoi and friends read narrow text. */
static inline int _wtoi(const wchar_t *s)
{
    return (int)wcstol(s, NULL, 10);
}
static inline long _wtol(const wchar_t *s)
{
    return wcstol(s, NULL, 10);
}
static inline long long _wtoll(const wchar_t *s)
{
    return wcstoll(s, NULL, 10);
}
static inline long long _wtoi64(const wchar_t *s)
{
    return wcstoll(s, NULL, 10);
}
static inline double _wtof(const wchar_t *s)
{
    return wcstod(s, NULL);
}
#define _wcstoi64  wcstoll
#define _wcstoui64 wcstoull

/*
 * Bounded wide printing: glibc's swprintf takes the count in characters as
 * _snwprintf does, and returns -1 when the text does not fit (as
 * _snwprintf does; the buffer's contents then differ: glibc terminates it).
 */
#define _snwprintf  swprintf
#define _vsnwprintf vswprintf

/*
 * Wide file names and environment: converted to UTF-8, what Linux's file
 * names and environment hold (GetACP).  _wgetenv's result stays valid
 * until the variable changes, as the CRT's does until the environment does.
 */
WINBASEAPI FILE *_wfopen(const wchar_t *filename, const wchar_t *mode);
WINBASEAPI FILE *_wfreopen(const wchar_t *filename, const wchar_t *mode, FILE *stream);
WINBASEAPI wchar_t *_wgetenv(const wchar_t *name);
WINBASEAPI int _wremove(const wchar_t *filename);
WINBASEAPI int _wrename(const wchar_t *oldname, const wchar_t *newname);
WINBASEAPI int _wunlink(const wchar_t *filename);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_CRTWIDE_H */
