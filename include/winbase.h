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

#endif /* WS2POSIX_WINBASE_H */
