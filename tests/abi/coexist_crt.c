/*
 * windows.h's C runtime names, strsafe.h and lstr* from C, in every language mode of
 * headers_coexist.cmake, with and without UNICODE.
 */
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
