/*
 * ws2posix: the Microsoft C runtime's names that Windows programs use (_stricmp, sprintf_s,
 * _countof, min/max ...). Not a Windows SDK header: programs never include it themselves;
 * windows.h does, so that these names are there wherever a Windows program expects them.
 *
 * Declarations follow mingw-w64's CRT headers (names, parameter and return types).  The
 * functions that need more than one line are in the library (src/win32/crt_*.c); the
 * others are static inline here.  Glibc exports none of these names, so exporting them
 * interposes nothing.
 *
 * Invalid parameters.  Where Microsoft's documentation says a function "invokes the
 * invalid parameter handler", Windows' default handler ends the process.  We call no
 * handler: the function does what the documentation says it does "if execution is allowed
 * to continue" -- it sets errno (EINVAL, ERANGE) and returns that code (or -1, or NULL),
 * and where the documentation says so it empties the destination (dest[0] = 0).  A program
 * that installs _set_invalid_parameter_handler to survive bad arguments on Windows gets
 * the same results here.
 *
 * Characters.  The wide functions work on wchar_t, which is 32 bits here (WCHAR is
 * wchar_t, see wintypes.h); sizes of wide buffers are counted in characters, as on
 * Windows.  The printf family uses glibc's formatting: "%s" in a wide format means a
 * narrow string here (C99), a wide one on Windows -- write "%ls" and "%hs", which mean the
 * same on both; MS-only conversions such as "%I64d" are not rewritten (use "%lld").
 */
#ifndef WS2POSIX_CRT_H
#define WS2POSIX_CRT_H

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "wintypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Types and constants of the secure functions (corecrt.h, errno.h, stdlib.h). */
typedef int errno_t;
typedef size_t rsize_t;
typedef time_t __time64_t; /* Windows' time_t is __time64_t, 64 bits, as time_t here. */

#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
#ifndef STRUNCATE
#define STRUNCATE 80 /* MS errno.h; Linux has no such code (its 80 is ELIBBAD). */
#endif
#ifndef _NLSCMPERROR
#define _NLSCMPERROR 2147483647 /* What the comparisons return for a NULL argument. */
#endif
#define _MAX__TIME64_T 0x793406fffLL /* 3001-01-01 07:59:59 UTC: 3000 ends in every time zone. */

/* Path limits (minwindef.h, stdlib.h). */
#ifndef MAX_PATH
#define MAX_PATH 260
#endif
#ifndef _MAX_PATH
#define _MAX_PATH  260
#define _MAX_DRIVE 3
#define _MAX_DIR   256
#define _MAX_FNAME 256
#define _MAX_EXT   256
#endif

/*
 * _countof: the number of elements of an array.  In C++ it refuses a pointer, as MSVC's
 * does, through a function template that only an array matches.
 */
#ifndef _countof
#ifdef __cplusplus
}
extern "C++" template <typename T, size_t N> char (*ws2posix_countof_helper(T (&)[N]))[N];
extern "C" {
#define _countof(a) (sizeof(*ws2posix_countof_helper(a)))
#else
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#endif
#endif

/*
 * min and max (minwindef.h), unless the program defines NOMINMAX, as on Windows.
 *
 * In C they are the SDK's macros.  In C++ the SDK's macros would break the C++ library:
 * MSVC's own headers write (std::max)(a, b) to survive them, libstdc++'s do not, so
 * `#include <windows.h>` followed by <string>, <algorithm> or <limits> -- code that compiles
 * with MSVC -- would fail to compile here.  (mingw-w64 therefore defines them for C only.)
 * In C++ they are instead function templates in the global namespace with the macros'
 * result type: min(a, b) and max(a, b) compile and give what the macros give, also in
 * constant expressions, and std::min, std::max and std::numeric_limits<T>::max() keep
 * working.  The differences: `#ifdef max` is false in C++, and a program may not declare
 * a global variable named min or max.  With `using namespace std`, min(1, 2) calls
 * std::min (the more specialised template), which gives the same value.
 */
#ifndef NOMINMAX
#ifdef __cplusplus
}
/* The type of `c ? a : b` without its reference: the templates return a value. */
template <typename T> struct ws2posix_minmax_value {
    typedef T type;
};
template <typename T> struct ws2posix_minmax_value<T &> {
    typedef T type;
};
/*
 * No -Wsign-compare from inside the templates: min(len, 10u) with an int len compiles
 * without a warning at MSVC's default level, and must not fail a program's -Werror build
 * on a line of this header.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
#ifndef max
template <typename A, typename B>
constexpr auto max(A a, B b) -> typename ws2posix_minmax_value<decltype((a > b) ? a : b)>::type
{
    return (a > b) ? a : b;
}
#endif
#ifndef min
template <typename A, typename B>
constexpr auto min(A a, B b) -> typename ws2posix_minmax_value<decltype((a < b) ? a : b)>::type
{
    return (a < b) ? a : b;
}
#endif
#pragma GCC diagnostic pop
extern "C" {
#else
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif
#endif

/*
 * Case-insensitive comparison, case conversion and duplication (string.h, wchar.h).
 * Case is the C library's tolower/towlower in the current locale: ASCII in the "C" locale,
 * which is the locale a program runs in until it calls setlocale, as on Windows.  A NULL
 * argument gives _NLSCMPERROR (the comparisons) or NULL, with errno EINVAL.
 */
WINBASEAPI int __cdecl _stricmp(const char *_Str1, const char *_Str2);
WINBASEAPI int __cdecl _strnicmp(const char *_Str1, const char *_Str2, size_t _MaxCount);
WINBASEAPI char *__cdecl _strdup(const char *_Src);
WINBASEAPI char *__cdecl _strlwr(char *_String);
WINBASEAPI char *__cdecl _strupr(char *_String);
/* _strcmpi is the CRT's other spelling of _stricmp. */
#ifndef _strcmpi
#define _strcmpi _stricmp
#endif

/*
 * Microsoft's strtok_s and wcstok_s take three arguments (C11's Annex K strtok_s takes
 * four): strtok_r with its arguments checked.
 */
WINBASEAPI char *__cdecl strtok_s(char *_Str, const char *_Delim, char **_Context);
WINBASEAPI wchar_t *__cdecl wcstok_s(wchar_t *_Str, const wchar_t *_Delim, wchar_t **_Context);

/*
 * The secure copies (string.h, wchar.h, memory.h).  Sizes count the destination's
 * characters, terminator included.  Results, as Microsoft documents them: 0; EINVAL for a
 * NULL destination or a size of 0 (destination untouched) and for a NULL source (dest[0]
 * emptied); ERANGE when the result does not fit (dest[0] emptied); for strncpy_s and
 * strncat_s with _TRUNCATE, what fits, terminated, and STRUNCATE.  memcpy_s zeroes the
 * destination on failure; memmove_s leaves it alone.
 */
WINBASEAPI errno_t __cdecl strcpy_s(char *_Dst, rsize_t _SizeInBytes, const char *_Src);
WINBASEAPI errno_t __cdecl strncpy_s(char *_Dst, size_t _DstSizeInChars, const char *_Src,
                                     size_t _MaxCount);
WINBASEAPI errno_t __cdecl strcat_s(char *_Dst, rsize_t _SizeInBytes, const char *_Src);
WINBASEAPI errno_t __cdecl strncat_s(char *_Dst, size_t _DstSizeInChars, const char *_Src,
                                     size_t _MaxCount);
WINBASEAPI errno_t __cdecl wcscpy_s(wchar_t *_Dst, rsize_t _DstSize, const wchar_t *_Src);
WINBASEAPI errno_t __cdecl wcsncpy_s(wchar_t *_Dst, size_t _DstSizeInChars, const wchar_t *_Src,
                                     size_t _MaxCount);
WINBASEAPI errno_t __cdecl wcscat_s(wchar_t *_Dst, rsize_t _DstSize, const wchar_t *_Src);
WINBASEAPI errno_t __cdecl wcsncat_s(wchar_t *_Dst, size_t _DstSizeInChars, const wchar_t *_Src,
                                     size_t _MaxCount);
WINBASEAPI errno_t __cdecl memcpy_s(void *_dest, size_t _numberOfElements, const void *_src,
                                    size_t _count);
WINBASEAPI errno_t __cdecl memmove_s(void *_dest, size_t _numberOfElements, const void *_src,
                                     size_t _count);

/*
 * The printf family with Microsoft's results (stdio.h).
 *
 * _snprintf and _vsnprintf are NOT C99's snprintf: with len the length of the whole
 * output, they store min(len, count) characters and return len when len <= count, -1
 * when len > count -- and they write a terminator only when len < count.  (So an exact
 * fit returns count with no terminator.)  A NULL buffer with count 0 returns len.
 *
 * sprintf_s and vsprintf_s: the output and its terminator, or, when they do not fit, an
 * empty buffer, errno ERANGE and -1.
 *
 * _snprintf_s and _vsnprintf_s: at most count characters (or, for _TRUNCATE, as many as
 * fit) and a terminator; -1 when the output was cut; when even that does not fit in the
 * buffer, an empty buffer, errno ERANGE and -1.
 *
 * _scprintf and _vscprintf: the length of the output, without writing it.
 *
 * The wide forms (_snwprintf, swprintf_s ...) count wchar_t characters and behave alike
 * (glibc's swprintf does not: it returns -1 for an exact fit and leaves a cut text
 * unterminated; ws2posix/crtwide.h on branch h/wide maps _snwprintf and _vsnwprintf to it
 * by macro -- those two macros must go when it is merged).
 */
WINBASEAPI int __cdecl _snprintf(char *_Dest, size_t _Count, const char *_Format, ...)
    __attribute__((format(printf, 3, 4)));
WINBASEAPI int __cdecl _vsnprintf(char *_Dest, size_t _Count, const char *_Format, va_list _Args)
    __attribute__((format(printf, 3, 0)));
WINBASEAPI int __cdecl sprintf_s(char *_DstBuf, size_t _DstSize, const char *_Format, ...)
    __attribute__((format(printf, 3, 4)));
WINBASEAPI int __cdecl vsprintf_s(char *_DstBuf, size_t _Size, const char *_Format,
                                  va_list _ArgList) __attribute__((format(printf, 3, 0)));
WINBASEAPI int __cdecl _snprintf_s(char *_DstBuf, size_t _DstSize, size_t _MaxCount,
                                   const char *_Format, ...) __attribute__((format(printf, 4, 5)));
WINBASEAPI int __cdecl _vsnprintf_s(char *_DstBuf, size_t _DstSize, size_t _MaxCount,
                                    const char *_Format, va_list _ArgList)
    __attribute__((format(printf, 4, 0)));
WINBASEAPI int __cdecl _scprintf(const char *_Format, ...) __attribute__((format(printf, 1, 2)));
WINBASEAPI int __cdecl _vscprintf(const char *_Format, va_list _ArgList)
    __attribute__((format(printf, 1, 0)));

WINBASEAPI int __cdecl _snwprintf(wchar_t *_Dest, size_t _Count, const wchar_t *_Format, ...);
WINBASEAPI int __cdecl _vsnwprintf(wchar_t *_Dest, size_t _Count, const wchar_t *_Format,
                                   va_list _Args);
WINBASEAPI int __cdecl swprintf_s(wchar_t *_Dst, size_t _SizeInWords, const wchar_t *_Format, ...);
WINBASEAPI int __cdecl vswprintf_s(wchar_t *_Dst, size_t _SizeInWords, const wchar_t *_Format,
                                   va_list _ArgList);
WINBASEAPI int __cdecl _snwprintf_s(wchar_t *_DstBuf, size_t _DstSizeInWords, size_t _MaxCount,
                                    const wchar_t *_Format, ...);
WINBASEAPI int __cdecl _vsnwprintf_s(wchar_t *_DstBuf, size_t _DstSizeInWords, size_t _MaxCount,
                                     const wchar_t *_Format, va_list _ArgList);
WINBASEAPI int __cdecl _scwprintf(const wchar_t *_Format, ...);
WINBASEAPI int __cdecl _vscwprintf(const wchar_t *_Format, va_list _ArgList);

/*
 * Integers to text (stdlib.h): radix 2 to 36, lowercase digits; a minus sign only in
 * radix 10 (other radixes show a negative value's two's complement).  long is 32 bits on
 * Windows: _ltoa and _ultoa convert their argument to 32 bits first, so the text (and the
 * buffer it needs) is what Windows gives.  The unchecked forms have "no error return":
 * they return the buffer, emptied (errno EINVAL) for a bad radix; the _s forms return 0,
 * EINVAL (NULL buffer, size 0, bad radix: buffer emptied when it can be) or ERANGE (too
 * small: buffer emptied).
 */
WINBASEAPI char *__cdecl _itoa(int _Value, char *_Dest, int _Radix);
WINBASEAPI char *__cdecl _ltoa(long _Value, char *_Dest, int _Radix);
WINBASEAPI char *__cdecl _ultoa(unsigned long _Value, char *_Dest, int _Radix);
WINBASEAPI char *__cdecl _i64toa(long long _Val, char *_DstBuf, int _Radix);
WINBASEAPI char *__cdecl _ui64toa(unsigned long long _Val, char *_DstBuf, int _Radix);
WINBASEAPI errno_t __cdecl _itoa_s(int _Value, char *_DstBuf, size_t _Size, int _Radix);
WINBASEAPI errno_t __cdecl _ltoa_s(long _Val, char *_DstBuf, size_t _Size, int _Radix);
WINBASEAPI errno_t __cdecl _ultoa_s(unsigned long _Val, char *_DstBuf, size_t _Size, int _Radix);
WINBASEAPI errno_t __cdecl _i64toa_s(long long _Val, char *_DstBuf, size_t _Size, int _Radix);
WINBASEAPI errno_t __cdecl _ui64toa_s(unsigned long long _Val, char *_DstBuf, size_t _Size,
                                      int _Radix);
WINBASEAPI wchar_t *__cdecl _itow(int _Value, wchar_t *_Dest, int _Radix);
WINBASEAPI wchar_t *__cdecl _ltow(long _Value, wchar_t *_Dest, int _Radix);
WINBASEAPI wchar_t *__cdecl _ultow(unsigned long _Value, wchar_t *_Dest, int _Radix);
WINBASEAPI wchar_t *__cdecl _i64tow(long long _Val, wchar_t *_DstBuf, int _Radix);
WINBASEAPI wchar_t *__cdecl _ui64tow(unsigned long long _Val, wchar_t *_DstBuf, int _Radix);

/* Text to integers (stdlib.h): the C library's, under Microsoft's names. */
#ifndef _atoi64
static inline long long __cdecl _atoi64(const char *_String)
{
    return strtoll(_String, NULL, 10);
}
#endif
#ifndef _strtoi64
static inline long long __cdecl _strtoi64(const char *_String, char **_EndPtr, int _Radix)
{
    return strtoll(_String, _EndPtr, _Radix);
}
#endif
#ifndef _strtoui64
static inline unsigned long long __cdecl _strtoui64(const char *_String, char **_EndPtr, int _Radix)
{
    return strtoull(_String, _EndPtr, _Radix);
}
#endif
/*
 * The wide counterparts of these (_wcsicmp, _wcsdup, _wtoi ...) are in
 * ws2posix/crtwide.h, with the other wide names glibc lacks.
 */

/*
 * Time (time.h).  Microsoft's gmtime_s and localtime_s take (struct tm *, const time_t *)
 * -- the reverse of C11's Annex K -- and return an errno_t: EINVAL for a NULL argument or a
 * time before 1970 or after _MAX__TIME64_T, with every field of *tm set to -1 unless tm is
 * NULL.  _mkgmtime is timegm: a UTC struct tm to time_t, the structure normalised, -1 for
 * a date outside 1970 to 3000.
 */
WINBASEAPI errno_t __cdecl gmtime_s(struct tm *_Tm, const time_t *_Time);
WINBASEAPI errno_t __cdecl localtime_s(struct tm *_Tm, const time_t *_Time);
WINBASEAPI time_t __cdecl _mkgmtime(struct tm *_Tm);
#ifndef _gmtime64_s
#define _gmtime64_s    gmtime_s
#define _localtime64_s localtime_s
#define _mkgmtime64    _mkgmtime
#endif
#ifndef _time64
static inline __time64_t __cdecl _time64(__time64_t *_Time)
{
    return time(_Time);
}
#endif

/* rand_s: 32 random bits from the kernel (getrandom); EINVAL for NULL. */
WINBASEAPI errno_t __cdecl rand_s(unsigned int *_RandomValue);

#ifdef __cplusplus
}

/*
 * MSVC's C++ overloads of the secure functions, which take the size from an array
 * destination: `char buf[64]; strcpy_s(buf, src); sprintf_s(buf, "%d", n);`.
 */
extern "C++" {
template <size_t N> inline errno_t strcpy_s(char (&_Dst)[N], const char *_Src)
{
    return strcpy_s(_Dst, N, _Src);
}
template <size_t N> inline errno_t strncpy_s(char (&_Dst)[N], const char *_Src, size_t _Count)
{
    return strncpy_s(_Dst, N, _Src, _Count);
}
template <size_t N> inline errno_t strcat_s(char (&_Dst)[N], const char *_Src)
{
    return strcat_s(_Dst, N, _Src);
}
template <size_t N> inline errno_t strncat_s(char (&_Dst)[N], const char *_Src, size_t _Count)
{
    return strncat_s(_Dst, N, _Src, _Count);
}
template <size_t N> inline errno_t wcscpy_s(wchar_t (&_Dst)[N], const wchar_t *_Src)
{
    return wcscpy_s(_Dst, N, _Src);
}
template <size_t N> inline errno_t wcsncpy_s(wchar_t (&_Dst)[N], const wchar_t *_Src, size_t _Count)
{
    return wcsncpy_s(_Dst, N, _Src, _Count);
}
template <size_t N> inline errno_t wcscat_s(wchar_t (&_Dst)[N], const wchar_t *_Src)
{
    return wcscat_s(_Dst, N, _Src);
}
template <size_t N> inline errno_t wcsncat_s(wchar_t (&_Dst)[N], const wchar_t *_Src, size_t _Count)
{
    return wcsncat_s(_Dst, N, _Src, _Count);
}
template <size_t N> inline int vsprintf_s(char (&_Dst)[N], const char *_Format, va_list _Args)
{
    return vsprintf_s(_Dst, N, _Format, _Args);
}
template <size_t N> inline int sprintf_s(char (&_Dst)[N], const char *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = vsprintf_s(_Dst, N, _Format, ap);
    va_end(ap);
    return r;
}
template <size_t N>
inline int _vsnprintf_s(char (&_Dst)[N], size_t _Count, const char *_Format, va_list _Args)
{
    return _vsnprintf_s(_Dst, N, _Count, _Format, _Args);
}
template <size_t N> inline int _snprintf_s(char (&_Dst)[N], size_t _Count, const char *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = _vsnprintf_s(_Dst, N, _Count, _Format, ap);
    va_end(ap);
    return r;
}
template <size_t N>
inline int vswprintf_s(wchar_t (&_Dst)[N], const wchar_t *_Format, va_list _Args)
{
    return vswprintf_s(_Dst, N, _Format, _Args);
}
template <size_t N> inline int swprintf_s(wchar_t (&_Dst)[N], const wchar_t *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = vswprintf_s(_Dst, N, _Format, ap);
    va_end(ap);
    return r;
}
template <size_t N>
inline int _vsnwprintf_s(wchar_t (&_Dst)[N], size_t _Count, const wchar_t *_Format, va_list _Args)
{
    return _vsnwprintf_s(_Dst, N, _Count, _Format, _Args);
}
template <size_t N>
inline int _snwprintf_s(wchar_t (&_Dst)[N], size_t _Count, const wchar_t *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = _vsnwprintf_s(_Dst, N, _Count, _Format, ap);
    va_end(ap);
    return r;
}
template <size_t N> inline errno_t _itoa_s(int _Value, char (&_Dst)[N], int _Radix)
{
    return _itoa_s(_Value, _Dst, N, _Radix);
}
template <size_t N> inline errno_t _ltoa_s(long _Value, char (&_Dst)[N], int _Radix)
{
    return _ltoa_s(_Value, _Dst, N, _Radix);
}
template <size_t N> inline errno_t _ultoa_s(unsigned long _Value, char (&_Dst)[N], int _Radix)
{
    return _ultoa_s(_Value, _Dst, N, _Radix);
}
}
#endif

#endif /* WS2POSIX_CRT_H */
