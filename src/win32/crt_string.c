/*
 * The Microsoft C runtime's case-insensitive comparisons, case conversions, duplications and
 * three-argument tokenisers (string.h, wchar.h), for Windows programs: include/ws2posix/crt.h.
 *
 * Case is the C library's tolower/towlower in the current locale, as the CRT uses its
 * current locale: in the "C" locale a program starts in, only A-Z and a-z change.  A NULL
 * argument is an invalid parameter on Windows; we return what the CRT returns when its
 * handler lets execution continue (crt.h): _NLSCMPERROR or NULL, with errno EINVAL.
 */
#include <windows.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/*
 * The comparisons lower both sides, as the CRT does, so characters between 'Z' and 'a'
 * ('_', '[' ...) sort below the letters: _stricmp("_", "a") < 0.
 */
int __cdecl _stricmp(const char *_Str1, const char *_Str2)
{
    return _strnicmp(_Str1, _Str2, (size_t)-1);
}

int __cdecl _strnicmp(const char *_Str1, const char *_Str2, size_t _MaxCount)
{
    if (!_Str1 || !_Str2) {
        errno = EINVAL;
        return _NLSCMPERROR;
    }
    const unsigned char *a = (const unsigned char *)_Str1;
    const unsigned char *b = (const unsigned char *)_Str2;
    for (size_t i = 0; i < _MaxCount; i++) {
        int ca = tolower(a[i]);
        int cb = tolower(b[i]);
        if (ca != cb || ca == 0)
            return ca - cb;
    }
    return 0;
}

/* _strdup(NULL) returns NULL, as the CRT's does; otherwise malloc's copy (free it with free). */
char *__cdecl _strdup(const char *_Src)
{
    if (!_Src)
        return NULL;
    size_t n = strlen(_Src) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, _Src, n);
    return copy;
}

/* In place; the string itself is returned. */
char *__cdecl _strlwr(char *_String)
{
    if (!_String) {
        errno = EINVAL;
        return NULL;
    }
    for (unsigned char *p = (unsigned char *)_String; *p; p++)
        *p = (unsigned char)tolower(*p);
    return _String;
}

char *__cdecl _strupr(char *_String)
{
    if (!_String) {
        errno = EINVAL;
        return NULL;
    }
    for (unsigned char *p = (unsigned char *)_String; *p; p++)
        *p = (unsigned char)toupper(*p);
    return _String;
}

/*
 * strtok_s: "context is NULL, or delimiters is NULL, or str and *context are both NULL" are
 * its invalid parameters (EINVAL, NULL).  Otherwise it is strtok_r: the tokens of str, or
 * with str NULL the next token after *context.
 */
char *__cdecl strtok_s(char *_Str, const char *_Delim, char **_Context)
{
    if (!_Context || !_Delim || (!_Str && !*_Context)) {
        errno = EINVAL;
        return NULL;
    }
    return strtok_r(_Str, _Delim, _Context);
}

wchar_t *__cdecl wcstok_s(wchar_t *_Str, const wchar_t *_Delim, wchar_t **_Context)
{
    if (!_Context || !_Delim || (!_Str && !*_Context)) {
        errno = EINVAL;
        return NULL;
    }
    return wcstok(_Str, _Delim, _Context);
}
