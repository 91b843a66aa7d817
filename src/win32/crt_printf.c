/*
 * The Microsoft C runtime's printf family: _snprintf, _vsnprintf, sprintf_s, vsprintf_s,
 * _snprintf_s, _vsnprintf_s, _scprintf, _vscprintf and their wide forms.  Formatting is
 * glibc's (the conversions are C99's: see include/ws2posix/crt.h); the results --
 * terminators, truncation, return values, errno -- are Microsoft's.
 */
#include <windows.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/*
 * Should a header map _snwprintf or _vsnwprintf to glibc's swprintf/vswprintf by macro
 * (ws2posix/crtwide.h on branch h/wide does), the definitions below would define -- and
 * export -- glibc's own names.  The prototypes in crt.h come first and are unaffected.
 */
#undef _snwprintf
#undef _vsnwprintf

static int crt__fail_minus1(int code)
{
    errno = code;
    return -1;
}

/*
 * A wide formatter with C99 snprintf's contract.  glibc's vswprintf returns -1 both when
 * the output does not fit and for an encoding error, and then leaves the buffer without a
 * terminator.  So when it fails (or no buffer is given), the output is made whole in a
 * wide memory stream: its length is the answer, and its first size - 1 characters go to the
 * buffer; when the stream fails too, it was an encoding error.
 */
static int crt__vswprintf_c99(wchar_t *buf, size_t size, const wchar_t *format, va_list args)
{
    va_list again;
    va_copy(again, args);
    if (buf && size > 0) {
        int len = vswprintf(buf, size, format, args);
        if (len >= 0) {
            va_end(again);
            return len;
        }
    }
    wchar_t *whole = NULL;
    size_t whole_len = 0;
    FILE *stream = open_wmemstream(&whole, &whole_len);
    if (!stream) {
        va_end(again);
        if (buf && size > 0)
            buf[0] = 0;
        return -1;
    }
    int len = vfwprintf(stream, format, again);
    va_end(again);
    if (fclose(stream) != 0)
        len = -1;
    if (len >= 0 && buf && size > 0) {
        size_t n = whole_len < size - 1 ? whole_len : size - 1;
        wmemcpy(buf, whole, n);
        buf[n] = 0;
    } else if (buf && size > 0) {
        buf[0] = 0;
    }
    free(whole);
    return len;
}

#define CRT_T     char
#define CRT_CORE  vsnprintf
#define CRT_VSN   crt__vsnprintf
#define CRT_VS_S  crt__vsprintf_s
#define CRT_VSN_S crt__vsnprintf_s
#define CRT_VSC   crt__vscprintf
#include "crt_printf_impl.h"
#undef CRT_T
#undef CRT_CORE
#undef CRT_VSN
#undef CRT_VS_S
#undef CRT_VSN_S
#undef CRT_VSC

#define CRT_T     wchar_t
#define CRT_CORE  crt__vswprintf_c99
#define CRT_VSN   crt__vsnwprintf
#define CRT_VS_S  crt__vswprintf_s
#define CRT_VSN_S crt__vsnwprintf_s
#define CRT_VSC   crt__vscwprintf
#include "crt_printf_impl.h"

int __cdecl _vsnprintf(char *_Dest, size_t _Count, const char *_Format, va_list _Args)
{
    return crt__vsnprintf(_Dest, _Count, _Format, _Args);
}

int __cdecl _snprintf(char *_Dest, size_t _Count, const char *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = crt__vsnprintf(_Dest, _Count, _Format, ap);
    va_end(ap);
    return r;
}

int __cdecl vsprintf_s(char *_DstBuf, size_t _Size, const char *_Format, va_list _ArgList)
{
    return crt__vsprintf_s(_DstBuf, _Size, _Format, _ArgList);
}

int __cdecl sprintf_s(char *_DstBuf, size_t _DstSize, const char *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = crt__vsprintf_s(_DstBuf, _DstSize, _Format, ap);
    va_end(ap);
    return r;
}

int __cdecl _vsnprintf_s(char *_DstBuf, size_t _DstSize, size_t _MaxCount, const char *_Format,
                         va_list _ArgList)
{
    return crt__vsnprintf_s(_DstBuf, _DstSize, _MaxCount, _Format, _ArgList);
}

int __cdecl _snprintf_s(char *_DstBuf, size_t _DstSize, size_t _MaxCount, const char *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = crt__vsnprintf_s(_DstBuf, _DstSize, _MaxCount, _Format, ap);
    va_end(ap);
    return r;
}

int __cdecl _vscprintf(const char *_Format, va_list _ArgList)
{
    return crt__vscprintf(_Format, _ArgList);
}

int __cdecl _scprintf(const char *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = crt__vscprintf(_Format, ap);
    va_end(ap);
    return r;
}

int __cdecl _vsnwprintf(wchar_t *_Dest, size_t _Count, const wchar_t *_Format, va_list _Args)
{
    return crt__vsnwprintf(_Dest, _Count, _Format, _Args);
}

int __cdecl _snwprintf(wchar_t *_Dest, size_t _Count, const wchar_t *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = crt__vsnwprintf(_Dest, _Count, _Format, ap);
    va_end(ap);
    return r;
}

int __cdecl vswprintf_s(wchar_t *_Dst, size_t _SizeInWords, const wchar_t *_Format,
                        va_list _ArgList)
{
    return crt__vswprintf_s(_Dst, _SizeInWords, _Format, _ArgList);
}

int __cdecl swprintf_s(wchar_t *_Dst, size_t _SizeInWords, const wchar_t *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = crt__vswprintf_s(_Dst, _SizeInWords, _Format, ap);
    va_end(ap);
    return r;
}

int __cdecl _vsnwprintf_s(wchar_t *_DstBuf, size_t _DstSizeInWords, size_t _MaxCount,
                          const wchar_t *_Format, va_list _ArgList)
{
    return crt__vsnwprintf_s(_DstBuf, _DstSizeInWords, _MaxCount, _Format, _ArgList);
}

int __cdecl _snwprintf_s(wchar_t *_DstBuf, size_t _DstSizeInWords, size_t _MaxCount,
                         const wchar_t *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = crt__vsnwprintf_s(_DstBuf, _DstSizeInWords, _MaxCount, _Format, ap);
    va_end(ap);
    return r;
}

int __cdecl _vscwprintf(const wchar_t *_Format, va_list _ArgList)
{
    return crt__vscwprintf(_Format, _ArgList);
}

int __cdecl _scwprintf(const wchar_t *_Format, ...)
{
    va_list ap;
    va_start(ap, _Format);
    int r = crt__vscwprintf(_Format, ap);
    va_end(ap);
    return r;
}
