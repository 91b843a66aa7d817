// windows.h's C runtime names (min/max, _countof, the secure functions' C++ overloads),
// strsafe.h and lstr* from C++, with the C++ library included after windows.h -- as Windows
// code does, and as MSVC's library survives.  Compiled as is, with -DNOMINMAX and with
// -DUNICODE (headers_coexist.cmake).
#include <windows.h>
#include <strsafe.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <string>
#include <vector>

int coexist_crt_cpp();
int coexist_crt_cpp()
{
    std::vector<int> v{3, 1, 2};
    int total = std::max(v[0], v[1]) + std::min(v[1], v[2]) + *std::max_element(v.begin(), v.end());
    total += std::numeric_limits<int>::max() > 0;
    total += (std::chrono::seconds::max)().count() > 0;
    std::string s("abc");
    total += (int)std::min<size_t>(s.size(), 2);
#ifndef NOMINMAX
    // windows.h's min and max: the value of the SDK's macros, also in constant expressions.
    static_assert(max(2, 3) == 3 && min(2u, 5u) == 2u, "min/max");
    unsigned long n = 10;
    total += (int)min(n, sizeof(v)) + max(1, 2);
    char fixed[max(4, 8)];
#else
    char fixed[8];
#endif
    // The secure functions' array overloads take the size from the array.
    strcpy_s(fixed, "abc");
    strcat_s(fixed, "d");
    sprintf_s(fixed, "%d", total % 100);
    _snprintf_s(fixed, _TRUNCATE, "%s", "truncated");
    _itoa_s(7, fixed, 10);
    wchar_t wide[8];
    wcscpy_s(wide, L"w");
    swprintf_s(wide, L"%d", 1);
    total += (int)_countof(fixed) + (int)_countof(wide);

    TCHAR text[16];
#ifdef UNICODE
    HRESULT hr = StringCchPrintf(text, _countof(text), L"%d", 5);
    hr |= StringCchCat(text, _countof(text), L"x");
#else
    HRESULT hr = StringCchPrintf(text, _countof(text), "%d", 5);
    hr |= StringCchCat(text, _countof(text), "x");
#endif
    size_t len = 0;
    hr |= StringCchLength(text, _countof(text), &len);
    total += lstrlen(text) + (int)len + (SUCCEEDED(hr) ? 1 : 0) + lstrcmpi(text, text);
    return total;
}
