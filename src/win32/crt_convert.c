/*
 * The Microsoft C runtime's integer-to-text conversions: _itoa, _ltoa, _ultoa, _i64toa,
 * _ui64toa, their _s forms and their wide forms (include/ws2posix/crt.h).
 *
 * As on Windows: radix 2 to 36 with lowercase digits; a minus sign only for a negative
 * value in radix 10, other radixes showing the two's complement of the value's own width
 * (_itoa(-1, b, 16) is "ffffffff"); long is 32 bits wide, as on Windows, so _ltoa and
 * _ultoa convert their argument to 32 bits first.  The unchecked forms have "no error
 * return": they return the buffer, emptied (with errno EINVAL) for a bad radix.
 */
#include <windows.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

/* Enough for 64 bits in radix 2 and a sign. */
#define CRT_DIGITS_MAX 66

/*
 * The text of a value into text[], terminated; its length.  magnitude is the value (or,
 * for a negative decimal, its absolute value, with negative set).
 */
static size_t crt__digits(uint64_t magnitude, bool negative, unsigned radix,
                          char text[CRT_DIGITS_MAX])
{
    char reversed[CRT_DIGITS_MAX];
    size_t n = 0;
    do {
        unsigned d = (unsigned)(magnitude % radix);
        reversed[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        magnitude /= radix;
    } while (magnitude);
    size_t len = 0;
    if (negative)
        text[len++] = '-';
    while (n)
        text[len++] = reversed[--n];
    text[len] = 0;
    return len;
}

/*
 * A signed value of the given width (in bits) as Windows shows it: negative with a sign
 * in radix 10, as the unsigned value of that width otherwise.
 */
static size_t crt__signed_text(int64_t value, unsigned width, unsigned radix,
                               char text[CRT_DIGITS_MAX])
{
    if (radix == 10 && value < 0)
        return crt__digits(0 - (uint64_t)value, true, radix, text);
    uint64_t bits = (uint64_t)value;
    if (width < 64)
        bits &= ((uint64_t)1 << width) - 1;
    return crt__digits(bits, false, radix, text);
}

static bool crt__radix_ok(int radix)
{
    return radix >= 2 && radix <= 36;
}

/* The _s contract: EINVAL (buffer NULL, size 0, bad radix) or ERANGE, buffer emptied. */
static errno_t crt__store_s(const char *text, size_t len, char *buf, size_t size, int radix)
{
    if (!buf || size == 0) {
        errno = EINVAL;
        return EINVAL;
    }
    if (!crt__radix_ok(radix)) {
        buf[0] = 0;
        errno = EINVAL;
        return EINVAL;
    }
    if (len + 1 > size) {
        buf[0] = 0;
        errno = ERANGE;
        return ERANGE;
    }
    memcpy(buf, text, len + 1);
    return 0;
}

static char *crt__store(const char *text, size_t len, char *buf, int radix)
{
    if (!buf || !crt__radix_ok(radix)) {
        errno = EINVAL;
        if (buf)
            buf[0] = 0;
        return buf;
    }
    memcpy(buf, text, len + 1);
    return buf;
}

static wchar_t *crt__store_wide(const char *text, size_t len, wchar_t *buf, int radix)
{
    if (!buf || !crt__radix_ok(radix)) {
        errno = EINVAL;
        if (buf)
            buf[0] = 0;
        return buf;
    }
    for (size_t i = 0; i <= len; i++)
        buf[i] = (wchar_t)(unsigned char)text[i];
    return buf;
}

/* The text of each source type; the radix is checked by the caller's store. */
static size_t crt__int_text(int value, int radix, char text[CRT_DIGITS_MAX])
{
    text[0] = 0;
    return crt__radix_ok(radix) ? crt__signed_text(value, 32, (unsigned)radix, text) : 0;
}

static size_t crt__long_text(long value, int radix, char text[CRT_DIGITS_MAX])
{
    text[0] = 0;
    return crt__radix_ok(radix) ? crt__signed_text((LONG)value, 32, (unsigned)radix, text) : 0;
}

static size_t crt__ulong_text(unsigned long value, int radix, char text[CRT_DIGITS_MAX])
{
    text[0] = 0;
    return crt__radix_ok(radix) ? crt__digits((ULONG)value, false, (unsigned)radix, text) : 0;
}

static size_t crt__i64_text(long long value, int radix, char text[CRT_DIGITS_MAX])
{
    text[0] = 0;
    return crt__radix_ok(radix) ? crt__signed_text(value, 64, (unsigned)radix, text) : 0;
}

static size_t crt__ui64_text(unsigned long long value, int radix, char text[CRT_DIGITS_MAX])
{
    text[0] = 0;
    return crt__radix_ok(radix) ? crt__digits(value, false, (unsigned)radix, text) : 0;
}

char *__cdecl _itoa(int _Value, char *_Dest, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store(text, crt__int_text(_Value, _Radix, text), _Dest, _Radix);
}

char *__cdecl _ltoa(long _Value, char *_Dest, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store(text, crt__long_text(_Value, _Radix, text), _Dest, _Radix);
}

char *__cdecl _ultoa(unsigned long _Value, char *_Dest, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store(text, crt__ulong_text(_Value, _Radix, text), _Dest, _Radix);
}

char *__cdecl _i64toa(long long _Val, char *_DstBuf, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store(text, crt__i64_text(_Val, _Radix, text), _DstBuf, _Radix);
}

char *__cdecl _ui64toa(unsigned long long _Val, char *_DstBuf, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store(text, crt__ui64_text(_Val, _Radix, text), _DstBuf, _Radix);
}

errno_t __cdecl _itoa_s(int _Value, char *_DstBuf, size_t _Size, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_s(text, crt__int_text(_Value, _Radix, text), _DstBuf, _Size, _Radix);
}

errno_t __cdecl _ltoa_s(long _Val, char *_DstBuf, size_t _Size, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_s(text, crt__long_text(_Val, _Radix, text), _DstBuf, _Size, _Radix);
}

errno_t __cdecl _ultoa_s(unsigned long _Val, char *_DstBuf, size_t _Size, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_s(text, crt__ulong_text(_Val, _Radix, text), _DstBuf, _Size, _Radix);
}

errno_t __cdecl _i64toa_s(long long _Val, char *_DstBuf, size_t _Size, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_s(text, crt__i64_text(_Val, _Radix, text), _DstBuf, _Size, _Radix);
}

errno_t __cdecl _ui64toa_s(unsigned long long _Val, char *_DstBuf, size_t _Size, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_s(text, crt__ui64_text(_Val, _Radix, text), _DstBuf, _Size, _Radix);
}

wchar_t *__cdecl _itow(int _Value, wchar_t *_Dest, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_wide(text, crt__int_text(_Value, _Radix, text), _Dest, _Radix);
}

wchar_t *__cdecl _ltow(long _Value, wchar_t *_Dest, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_wide(text, crt__long_text(_Value, _Radix, text), _Dest, _Radix);
}

wchar_t *__cdecl _ultow(unsigned long _Value, wchar_t *_Dest, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_wide(text, crt__ulong_text(_Value, _Radix, text), _Dest, _Radix);
}

wchar_t *__cdecl _i64tow(long long _Val, wchar_t *_DstBuf, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_wide(text, crt__i64_text(_Val, _Radix, text), _DstBuf, _Radix);
}

wchar_t *__cdecl _ui64tow(unsigned long long _Val, wchar_t *_DstBuf, int _Radix)
{
    char text[CRT_DIGITS_MAX];
    return crt__store_wide(text, crt__ui64_text(_Val, _Radix, text), _DstBuf, _Radix);
}
