/*
 * ws2posix <tchar.h>: the C runtime's generic-text names.  With _UNICODE
 * defined (Visual Studio's default, with UNICODE) each _t name is the wide
 * function, otherwise the narrow one, as the CRT's tchar.h selects them.
 * (_UNICODE selects these; UNICODE selects TCHAR and the Windows A/W
 * functions in winnt.h and the API headers.  Programs define both.)
 *
 * Wide strings are wchar_t (README, "Wide strings").  In a wide format
 * string, write %ls and %lc for wide strings and characters: Microsoft's
 * wprintf reads %s as wide there, ISO C's (glibc's) as narrow
 * (ws2posix/crtwide.h).
 *
 * _tmain is wmain with _UNICODE.  Linux starts a program at main, so the
 * library has a main of its own, used only by a program that defines none:
 * it converts the arguments and the environment from UTF-8 and calls the
 * program's wmain (see src/win32/wmain.c).
 */
#ifndef WS2POSIX_TCHAR_H
#define WS2POSIX_TCHAR_H

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "winnt.h"
#include "ws2posix/crt.h"
#include "ws2posix/crtwide.h"

#ifdef _UNICODE

typedef wchar_t _TCHAR, _TSCHAR, _TUCHAR, _TXCHAR;
typedef wint_t _TINT;
#define _TEOF     WEOF
#define __T(x)    L##x
#define _tmain    wmain
#define _tWinMain wWinMain
#define _tenviron _wenviron
#define __targv   __wargv

/* Formatted input and output. */
#define _tprintf    wprintf
#define _ftprintf   fwprintf
#define _stprintf   ws2posix_stprintf
#define _sntprintf  _snwprintf
#define _vtprintf   vwprintf
#define _vftprintf  vfwprintf
#define _vstprintf  ws2posix_vstprintf
#define _vsntprintf _vsnwprintf
#define _tscanf     wscanf
#define _ftscanf    fwscanf
#define _stscanf    swscanf

/* Characters and lines. */
#define _fgettc   fgetwc
#define _fputtc   fputwc
#define _gettc    getwc
#define _puttc    putwc
#define _gettchar getwchar
#define _puttchar putwchar
#define _ungettc  ungetwc
#define _fgetts   fgetws
#define _fputts   fputws

/* Strings. */
#define _tcscpy     wcscpy
#define _tcsncpy    wcsncpy
#define _tcscat     wcscat
#define _tcsncat    wcsncat
#define _tcslen     wcslen
#define _tcsclen    wcslen
#define _tcscmp     wcscmp
#define _tcsncmp    wcsncmp
#define _tcsicmp    _wcsicmp
#define _tcsnicmp   _wcsnicmp
#define _tcscoll    wcscoll
#define _tcsicoll   _wcsicoll
#define _tcsxfrm    wcsxfrm
#define _tcschr     wcschr
#define _tcsrchr    wcsrchr
#define _tcsstr     wcsstr
#define _tcsspn     wcsspn
#define _tcscspn    wcscspn
#define _tcspbrk    wcspbrk
#define _tcsdup     _wcsdup
#define _tcslwr     _wcslwr
#define _tcsupr     _wcsupr
#define _tcsftime   wcsftime
#define _tcscpy_s   wcscpy_s
#define _tcsncpy_s  wcsncpy_s
#define _tcscat_s   wcscat_s
#define _tcsncat_s  wcsncat_s
#define _stprintf_s swprintf_s

/* Numbers. */
#define _tcstol    wcstol
#define _tcstoul   wcstoul
#define _tcstoll   wcstoll
#define _tcstoull  wcstoull
#define _tcstoi64  _wcstoi64
#define _tcstoui64 _wcstoui64
#define _tcstod    wcstod
#define _ttoi      _wtoi
#define _tstoi     _wtoi
#define _ttol      _wtol
#define _tstol     _wtol
#define _ttoll     _wtoll
#define _tstoll    _wtoll
#define _ttoi64    _wtoi64
#define _tstoi64   _wtoi64
#define _ttof      _wtof
#define _tstof     _wtof

/* Files and environment. */
#define _tfopen   _wfopen
#define _tfreopen _wfreopen
#define _tgetenv  _wgetenv
#define _tremove  _wremove
#define _trename  _wrename
#define _tunlink  _wunlink

/* Classification and case. */
#define _istalnum  iswalnum
#define _istalpha  iswalpha
#define _istcntrl  iswcntrl
#define _istdigit  iswdigit
#define _istgraph  iswgraph
#define _istlower  iswlower
#define _istprint  iswprint
#define _istpunct  iswpunct
#define _istspace  iswspace
#define _istupper  iswupper
#define _istxdigit iswxdigit
#define _istblank  iswblank
#define _totlower  towlower
#define _totupper  towupper

/*
 * _stprintf is the CRT's _swprintf, which has no count (the standard
 * swprintf has one): the count given to glibc is a bound no real buffer
 * reaches, as the unbounded sprintf assumes.
 */
#define WS2POSIX_STPRINTF_MAX ((size_t)1 << 28)
static inline int ws2posix_vstprintf(wchar_t *buffer, const wchar_t *format, va_list args)
{
    return vswprintf(buffer, WS2POSIX_STPRINTF_MAX, format, args);
}
static inline int ws2posix_stprintf(wchar_t *buffer, const wchar_t *format, ...)
{
    va_list args;
    va_start(args, format);
    int r = vswprintf(buffer, WS2POSIX_STPRINTF_MAX, format, args);
    va_end(args);
    return r;
}

#else /* !_UNICODE */

typedef char _TCHAR, _TSCHAR;
typedef unsigned char _TUCHAR, _TXCHAR;
typedef int _TINT;
#define _TEOF     EOF
#define __T(x)    x
#define _tmain    main
#define _tWinMain WinMain
#define _tenviron environ
#define __targv   __argv

#define _tprintf    printf
#define _ftprintf   fprintf
#define _stprintf   sprintf
#define _sntprintf  _snprintf
#define _vtprintf   vprintf
#define _vftprintf  vfprintf
#define _vstprintf  vsprintf
#define _vsntprintf _vsnprintf
#define _tscanf     scanf
#define _ftscanf    fscanf
#define _stscanf    sscanf

#define _fgettc   fgetc
#define _fputtc   fputc
#define _gettc    getc
#define _puttc    putc
#define _gettchar getchar
#define _puttchar putchar
#define _ungettc  ungetc
#define _fgetts   fgets
#define _fputts   fputs

#define _tcscpy     strcpy
#define _tcsncpy    strncpy
#define _tcscat     strcat
#define _tcsncat    strncat
#define _tcslen     strlen
#define _tcsclen    strlen
#define _tcscmp     strcmp
#define _tcsncmp    strncmp
#define _tcsicmp    _stricmp
#define _tcsnicmp   _strnicmp
#define _tcscoll    strcoll
#define _tcsicoll   _stricoll
#define _tcsxfrm    strxfrm
#define _tcschr     strchr
#define _tcsrchr    strrchr
#define _tcsstr     strstr
#define _tcsspn     strspn
#define _tcscspn    strcspn
#define _tcspbrk    strpbrk
#define _tcsdup     _strdup
#define _tcslwr     _strlwr
#define _tcsupr     _strupr
#define _tcsftime   strftime
#define _tcscpy_s   strcpy_s
#define _tcsncpy_s  strncpy_s
#define _tcscat_s   strcat_s
#define _tcsncat_s  strncat_s
#define _stprintf_s sprintf_s

#define _tcstol    strtol
#define _tcstoul   strtoul
#define _tcstoll   strtoll
#define _tcstoull  strtoull
#define _tcstoi64  _strtoi64
#define _tcstoui64 _strtoui64
#define _tcstod    strtod
#define _ttoi      atoi
#define _tstoi     atoi
#define _ttol      atol
#define _tstol     atol
#define _ttoll     atoll
#define _tstoll    atoll
#define _ttoi64    _atoi64
#define _tstoi64   _atoi64
#define _ttof      atof
#define _tstof     atof

#define _tfopen   fopen
#define _tfreopen freopen
#define _tgetenv  getenv
#define _tremove  remove
#define _trename  rename
#define _tunlink  unlink

#define _istalnum  isalnum
#define _istalpha  isalpha
#define _istcntrl  iscntrl
#define _istdigit  isdigit
#define _istgraph  isgraph
#define _istlower  islower
#define _istprint  isprint
#define _istpunct  ispunct
#define _istspace  isspace
#define _istupper  isupper
#define _istxdigit isxdigit
#define _istblank  isblank
#define _totlower  tolower
#define _totupper  toupper

#endif /* _UNICODE */

#define _T(x)    __T(x)
#define _TEXT(x) __T(x)

#endif /* WS2POSIX_TCHAR_H */
