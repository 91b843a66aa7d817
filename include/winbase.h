/*
 * ws2posix <winbase.h>: FormatMessage and the other winbase.h calls that are not elsewhere.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_WINBASE_H
#define WS2POSIX_WINBASE_H

#include "windows.h"

/*
 * String functions (winbase.h): lstrlen, lstrcpy, lstrcpyn, lstrcat, lstrcmp, lstrcmpi,
 * implemented in src/win32/lstr.c.
 *
 * As on Windows, a NULL or unreadable string is not a crash: lstrlen gives 0, lstrcpy,
 * lstrcpyn and lstrcat give NULL (the last error is left as it was: Microsoft documents
 * none), and lstrcmp(i) order a NULL string before any other.  lstrcpyn copies at most
 * iMaxLength - 1 characters and always terminates (iMaxLength counts the terminator); a
 * iMaxLength of 0 writes nothing and returns the buffer.
 *
 * Comparison: Windows' lstrcmp and lstrcmpi call CompareString in the user's locale (a
 * "word sort": hyphens and apostrophes weigh little, and "a" sorts before "A" before
 * "b").  Here, as most ports do, lstrcmp compares code points (bytes for A, wchar_t for
 * W: "A" < "B" < "a"), and lstrcmpi the same after folding case: ASCII letters for A
 * (bytes of UTF-8 text are not characters), towlower for W.  Results are -1, 0 and 1, as
 * Windows' are (CompareString's result minus 2).  Programs that only test for equality,
 * or sort ASCII names case-insensitively, see no difference.
 */
#ifdef __cplusplus
extern "C" {
#endif
WINBASEAPI int WINAPI lstrlenA(LPCSTR lpString);
WINBASEAPI int WINAPI lstrlenW(LPCWSTR lpString);
WINBASEAPI LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2);
WINBASEAPI LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2);
WINBASEAPI LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength);
WINBASEAPI LPWSTR WINAPI lstrcpynW(LPWSTR lpString1, LPCWSTR lpString2, int iMaxLength);
WINBASEAPI LPSTR WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2);
WINBASEAPI LPWSTR WINAPI lstrcatW(LPWSTR lpString1, LPCWSTR lpString2);
WINBASEAPI int WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2);
WINBASEAPI int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2);
WINBASEAPI int WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2);
WINBASEAPI int WINAPI lstrcmpiW(LPCWSTR lpString1, LPCWSTR lpString2);
#ifdef __cplusplus
}
#endif
#ifdef UNICODE
#define lstrlen  lstrlenW
#define lstrcpy  lstrcpyW
#define lstrcpyn lstrcpynW
#define lstrcat  lstrcatW
#define lstrcmp  lstrcmpW
#define lstrcmpi lstrcmpiW
#else
#define lstrlen  lstrlenA
#define lstrcpy  lstrcpyA
#define lstrcpyn lstrcpynA
#define lstrcat  lstrcatA
#define lstrcmp  lstrcmpA
#define lstrcmpi lstrcmpiA
#endif
/* End of the string functions (winbase.h). */

/* ---- FormatMessage (winbase.h) ---- */

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Language identifiers (winnt.h), for FormatMessage's dwLanguageId.  The
 * system message table here is Windows' English one: 0 (any language),
 * MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), LANG_SYSTEM_DEFAULT and
 * MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US) find it; another language
 * fails with ERROR_RESOURCE_LANG_NOT_FOUND, as on a Windows without that
 * language pack.
 */
typedef WORD LANGID;
#ifndef MAKELANGID
#define MAKELANGID(p, s)    ((((WORD)(s)) << 10) | (WORD)(p))
#define PRIMARYLANGID(lgid) ((WORD)(lgid)&0x3ff)
#define SUBLANGID(lgid)     ((WORD)(lgid) >> 10)
#endif
#ifndef LANG_NEUTRAL
#define LANG_NEUTRAL 0x00
#endif
#ifndef LANG_ENGLISH
#define LANG_ENGLISH 0x09
#endif
#ifndef SUBLANG_NEUTRAL
#define SUBLANG_NEUTRAL 0x00
#endif
#ifndef SUBLANG_DEFAULT
#define SUBLANG_DEFAULT 0x01
#endif
#ifndef SUBLANG_SYS_DEFAULT
#define SUBLANG_SYS_DEFAULT 0x02
#endif
#ifndef SUBLANG_ENGLISH_US
#define SUBLANG_ENGLISH_US 0x01
#endif
#ifndef LANG_SYSTEM_DEFAULT
#define LANG_SYSTEM_DEFAULT (MAKELANGID(LANG_NEUTRAL, SUBLANG_SYS_DEFAULT))
#endif
#ifndef LANG_USER_DEFAULT
#define LANG_USER_DEFAULT (MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT))
#endif

#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x00000100
#define FORMAT_MESSAGE_IGNORE_INSERTS  0x00000200
#define FORMAT_MESSAGE_FROM_STRING     0x00000400
#define FORMAT_MESSAGE_FROM_HMODULE    0x00000800
#define FORMAT_MESSAGE_FROM_SYSTEM     0x00001000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY  0x00002000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK  0x000000FF

/*
 * FormatMessage: FORMAT_MESSAGE_FROM_SYSTEM knows Windows' English text of
 * the Win32 error codes (0 to 2999), every Winsock code and the generic COM
 * HRESULTs, each ending in "\r\n" as Windows' do.  There are no message-table
 * resources on Linux, so FORMAT_MESSAGE_FROM_HMODULE reads the system table
 * whatever the module.  With FORMAT_MESSAGE_ALLOCATE_BUFFER the buffer is a
 * malloc block, which LocalFree (and free) releases.  A strings (and %s
 * inserts of FormatMessageA) are UTF-8.
 */
WINBASEAPI DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId,
                                       DWORD dwLanguageId, LPSTR lpBuffer, DWORD nSize,
                                       va_list *Arguments);
WINBASEAPI DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId,
                                       DWORD dwLanguageId, LPWSTR lpBuffer, DWORD nSize,
                                       va_list *Arguments);
#ifdef UNICODE
#define FormatMessage FormatMessageW
#else
#define FormatMessage FormatMessageA
#endif

#ifdef __cplusplus
}
#endif

/* ---- end of FormatMessage ---- */

#endif /* WS2POSIX_WINBASE_H */
