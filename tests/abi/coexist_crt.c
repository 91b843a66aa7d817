/*
 * windows.h's C runtime names, strsafe.h and lstr* from C, in every language mode of
 * headers_coexist.cmake, with and without UNICODE.
 *
 * The table of function pointers below has the types of mingw-w64's declarations: with
 * -Werror, a prototype of ours that differs fails here.  The file also compiles against
 * mingw-w64's own headers (x86_64-w64-mingw32-gcc -c coexist_crt.c), which need the two
 * defines that Windows programs using rand_s and strsafe.h beside _snprintf define.
 */
#define _CRT_RAND_S
#define STRSAFE_NO_DEPRECATE
#include <windows.h>
#include <strsafe.h>

#include <stdio.h>
#include <time.h>

int coexist_crt_c(const char *arg);
int coexist_crt_c(const char *arg)
{
    char buf[MAX_PATH];
    int total = max(1, 2) + min(3, 4) + (int)_countof(buf);
    total += _stricmp(arg, "x") + _strnicmp(arg, "y", 1);
    total += _snprintf(buf, sizeof(buf), "%s", arg) + sprintf_s(buf, sizeof(buf), "%d", 1);
    total += _snprintf_s(buf, sizeof(buf), _TRUNCATE, "%s", arg);
    errno_t e = strcpy_s(buf, sizeof(buf), arg) + strncpy_s(buf, sizeof(buf), arg, _TRUNCATE);
    e += strcat_s(buf, sizeof(buf), arg) + strncat_s(buf, sizeof(buf), arg, 1);
    e += memcpy_s(buf, sizeof(buf), arg, 1) + memmove_s(buf, sizeof(buf), arg, 1);
    char *context = NULL;
    total += strtok_s(buf, " ", &context) != NULL;
    total += _itoa(5, buf, 10) != NULL;
    e += _itoa_s(5, buf, sizeof(buf), 10);
    total += (int)_atoi64(arg) + (int)_strtoi64(arg, NULL, 10);
    unsigned int r = 0;
    e += rand_s(&r);
    struct tm tm;
    time_t now = _time64(NULL);
    e += gmtime_s(&tm, &now) + localtime_s(&tm, &now);
    total += _mkgmtime(&tm) > 0;
    WCHAR wide[16];
    e += wcsncpy_s(wide, _countof(wide), L"wide", _TRUNCATE);
    total += swprintf_s(wide, _countof(wide), L"%ls", L"x") + _wcsicmp(wide, L"X");

    TCHAR text[32];
    size_t len = 0;
#ifdef UNICODE
    HRESULT hr = StringCchCopy(text, _countof(text), L"abc");
    hr |= StringCbPrintf(text, sizeof(text), L"%d", total);
#else
    HRESULT hr = StringCchCopy(text, _countof(text), "abc");
    hr |= StringCbPrintf(text, sizeof(text), "%d", total);
#endif
    hr |= StringCchLength(text, _countof(text), &len);
    total += lstrlen(text) + lstrcmp(text, text) + (int)len;
    return SUCCEEDED(hr) ? total + e : -1;
}

/* The signatures, as mingw-w64 declares them. */
int (*const coexist_crt_signatures_cmp[])(const char *, const char *) = {_stricmp, lstrcmpA,
                                                                         lstrcmpiA};
int (*const coexist_crt_wcmp[])(const wchar_t *, const wchar_t *) = {_wcsicmp};
int (*const coexist_crt_ncmp)(const char *, const char *, size_t) = _strnicmp;
int (*const coexist_crt_wncmp)(const wchar_t *, const wchar_t *, size_t) = _wcsnicmp;
char *(*const coexist_crt_dup)(const char *) = _strdup;
wchar_t *(*const coexist_crt_wdup)(const wchar_t *) = _wcsdup;
char *(*const coexist_crt_case[])(char *) = {_strlwr, _strupr};
wchar_t *(*const coexist_crt_wcase[])(wchar_t *) = {_wcslwr, _wcsupr};
char *(*const coexist_crt_tok)(char *, const char *, char **) = strtok_s;
wchar_t *(*const coexist_crt_wtok)(wchar_t *, const wchar_t *, wchar_t **) = wcstok_s;
errno_t (*const coexist_crt_cpy[])(char *, rsize_t, const char *) = {strcpy_s, strcat_s};
errno_t (*const coexist_crt_ncpy[])(char *, size_t, const char *, size_t) = {strncpy_s, strncat_s};
errno_t (*const coexist_crt_wcpy[])(wchar_t *, rsize_t, const wchar_t *) = {wcscpy_s, wcscat_s};
errno_t (*const coexist_crt_wncpy[])(wchar_t *, size_t, const wchar_t *, size_t) = {wcsncpy_s,
                                                                                    wcsncat_s};
errno_t (*const coexist_crt_mem[])(void *, size_t, const void *, size_t) = {memcpy_s, memmove_s};
int (*const coexist_crt_printf[])(char *, size_t, const char *, ...) = {_snprintf, sprintf_s};
int (*const coexist_crt_vprintf[])(char *, size_t, const char *, va_list) = {_vsnprintf,
                                                                             vsprintf_s};
int (*const coexist_crt_printf_s)(char *, size_t, size_t, const char *, ...) = _snprintf_s;
int (*const coexist_crt_vprintf_s)(char *, size_t, size_t, const char *, va_list) = _vsnprintf_s;
int (*const coexist_crt_scprintf)(const char *, ...) = _scprintf;
int (*const coexist_crt_vscprintf)(const char *, va_list) = _vscprintf;
int (*const coexist_crt_wprintf[])(wchar_t *, size_t, const wchar_t *, ...) = {_snwprintf,
                                                                               swprintf_s};
int (*const coexist_crt_wvprintf[])(wchar_t *, size_t, const wchar_t *, va_list) = {_vsnwprintf,
                                                                                    vswprintf_s};
int (*const coexist_crt_wprintf_s)(wchar_t *, size_t, size_t, const wchar_t *, ...) = _snwprintf_s;
int (*const coexist_crt_wvprintf_s)(wchar_t *, size_t, size_t, const wchar_t *,
                                    va_list) = _vsnwprintf_s;
char *(*const coexist_crt_itoa)(int, char *, int) = _itoa;
char *(*const coexist_crt_ltoa)(long, char *, int) = _ltoa;
char *(*const coexist_crt_ultoa)(unsigned long, char *, int) = _ultoa;
char *(*const coexist_crt_i64toa)(long long, char *, int) = _i64toa;
char *(*const coexist_crt_ui64toa)(unsigned long long, char *, int) = _ui64toa;
errno_t (*const coexist_crt_itoa_s)(int, char *, size_t, int) = _itoa_s;
errno_t (*const coexist_crt_ltoa_s)(long, char *, size_t, int) = _ltoa_s;
errno_t (*const coexist_crt_ultoa_s)(unsigned long, char *, size_t, int) = _ultoa_s;
errno_t (*const coexist_crt_i64toa_s)(long long, char *, size_t, int) = _i64toa_s;
errno_t (*const coexist_crt_ui64toa_s)(unsigned long long, char *, size_t, int) = _ui64toa_s;
wchar_t *(*const coexist_crt_itow)(int, wchar_t *, int) = _itow;
wchar_t *(*const coexist_crt_i64tow)(long long, wchar_t *, int) = _i64tow;
long long (*const coexist_crt_atoi64)(const char *) = _atoi64;
long long (*const coexist_crt_strtoi64)(const char *, char **, int) = _strtoi64;
unsigned long long (*const coexist_crt_strtoui64)(const char *, char **, int) = _strtoui64;
errno_t (*const coexist_crt_rand_s)(unsigned int *) = rand_s;
__time64_t (*const coexist_crt_time64)(__time64_t *) = _time64;
int (*const coexist_crt_lstrlen)(LPCSTR) = lstrlenA;
int (*const coexist_crt_lstrlenw)(LPCWSTR) = lstrlenW;
LPSTR (*const coexist_crt_lstrcpy[])(LPSTR, LPCSTR) = {lstrcpyA, lstrcatA};
LPWSTR (*const coexist_crt_lstrcpyw[])(LPWSTR, LPCWSTR) = {lstrcpyW, lstrcatW};
LPSTR (*const coexist_crt_lstrcpyn)(LPSTR, LPCSTR, int) = lstrcpynA;
LPWSTR (*const coexist_crt_lstrcpynw)(LPWSTR, LPCWSTR, int) = lstrcpynW;
int (*const coexist_crt_lstrcmpw[])(LPCWSTR, LPCWSTR) = {lstrcmpW, lstrcmpiW};
HRESULT(*const coexist_crt_strsafe_copy[])
(STRSAFE_LPSTR, size_t, STRSAFE_LPCSTR) = {StringCchCopyA, StringCbCopyA, StringCchCatA,
                                           StringCbCatA};
HRESULT(*const coexist_crt_strsafe_copyw[])
(STRSAFE_LPWSTR, size_t, STRSAFE_LPCWSTR) = {StringCchCopyW, StringCbCopyW, StringCchCatW,
                                             StringCbCatW};
HRESULT(*const coexist_crt_strsafe_copyex)
(STRSAFE_LPSTR, size_t, STRSAFE_LPCSTR, STRSAFE_LPSTR *, size_t *, DWORD) = StringCchCopyExA;
HRESULT(*const coexist_crt_strsafe_copyn)
(STRSAFE_LPSTR, size_t, STRSAFE_LPCSTR, size_t) = StringCchCopyNA;
HRESULT(*const coexist_crt_strsafe_printf)
(STRSAFE_LPSTR, size_t, STRSAFE_LPCSTR, ...) = StringCchPrintfA;
HRESULT(*const coexist_crt_strsafe_vprintfw)
(STRSAFE_LPWSTR, size_t, STRSAFE_LPCWSTR, va_list) = StringCchVPrintfW;
HRESULT(*const coexist_crt_strsafe_printfex)
(STRSAFE_LPSTR, size_t, STRSAFE_LPSTR *, size_t *, DWORD, STRSAFE_LPCSTR, ...) = StringCchPrintfExA;
HRESULT (*const coexist_crt_strsafe_length)(STRSAFE_LPCSTR, size_t, size_t *) = StringCchLengthA;
