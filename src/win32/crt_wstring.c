/*
 * The wide counterparts of crt_string.c's case-insensitive comparisons, duplication and
 * case conversion: _wcsicmp, _wcsnicmp, _wcsdup, _wcslwr, _wcsupr (include/ws2posix/crt.h).
 * Case is towlower/towupper in the current locale.  ws2posix/crtwide.h (branch h/wide)
 * defines the same names inline: when it is merged, one of the two goes (see crt.h).
 */
#include <windows.h>

#include <errno.h>
#include <stdlib.h>
#include <wchar.h>
#include <wctype.h>

int __cdecl _wcsicmp(const wchar_t *_Str1, const wchar_t *_Str2)
{
    return _wcsnicmp(_Str1, _Str2, (size_t)-1);
}

int __cdecl _wcsnicmp(const wchar_t *_Str1, const wchar_t *_Str2, size_t _MaxCount)
{
    if (!_Str1 || !_Str2) {
        errno = EINVAL;
        return _NLSCMPERROR;
    }
    for (size_t i = 0; i < _MaxCount; i++) {
        wint_t ca = towlower((wint_t)_Str1[i]);
        wint_t cb = towlower((wint_t)_Str2[i]);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca == 0)
            break;
    }
    return 0;
}

/* _wcsdup(NULL) returns NULL, as _strdup(NULL) does. */
wchar_t *__cdecl _wcsdup(const wchar_t *_Str)
{
    if (!_Str)
        return NULL;
    size_t n = wcslen(_Str) + 1;
    wchar_t *copy = malloc(n * sizeof(wchar_t));
    if (copy)
        wmemcpy(copy, _Str, n);
    return copy;
}

/* In place; the string itself is returned. */
wchar_t *__cdecl _wcslwr(wchar_t *_String)
{
    if (!_String) {
        errno = EINVAL;
        return NULL;
    }
    for (wchar_t *p = _String; *p; p++)
        *p = (wchar_t)towlower((wint_t)*p);
    return _String;
}

wchar_t *__cdecl _wcsupr(wchar_t *_String)
{
    if (!_String) {
        errno = EINVAL;
        return NULL;
    }
    for (wchar_t *p = _String; *p; p++)
        *p = (wchar_t)towupper((wint_t)*p);
    return _String;
}
