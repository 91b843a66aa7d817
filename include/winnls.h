/*
 * ws2posix <winnls.h>: code pages: MultiByteToWideChar, WideCharToMultiByte
 * (stringapiset.h in the SDK), GetACP, GetOEMCP, IsValidCodePage, GetCPInfo.
 * windows.h includes it, as the Windows SDK's does.
 *
 * A wide string is WCHAR, which is wchar_t: one code point per WCHAR
 * (UTF-32) here, UTF-16 on Windows (README, "Wide strings").  Counts of
 * wide characters are counts of WCHARs, as on Windows.
 */
#ifndef WS2POSIX_WINNLS_H
#define WS2POSIX_WINNLS_H

#include "windows.h"
#include "ws2posix/crtwide.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MAX_LEADBYTES   12
#define MAX_DEFAULTCHAR 2

/* Code pages. */
#define CP_ACP        0
#define CP_OEMCP      1
#define CP_MACCP      2
#define CP_THREAD_ACP 3
#define CP_SYMBOL     42
#define CP_UTF7       65000
#define CP_UTF8       65001

/* IsValidCodePage's and EnumSystemCodePages' selectors. */
#define CP_INSTALLED 0x00000001
#define CP_SUPPORTED 0x00000002

/* MultiByteToWideChar flags. */
#define MB_PRECOMPOSED       0x00000001
#define MB_COMPOSITE         0x00000002
#define MB_USEGLYPHCHARS     0x00000004
#define MB_ERR_INVALID_CHARS 0x00000008

/* WideCharToMultiByte flags. */
#define WC_DISCARDNS         0x00000010
#define WC_SEPCHARS          0x00000020
#define WC_DEFAULTCHAR       0x00000040
#define WC_ERR_INVALID_CHARS 0x00000080
#define WC_COMPOSITECHECK    0x00000200
#define WC_NO_BEST_FIT_CHARS 0x00000400

/* The errors these functions report (winerror.h has them too). */
#ifndef ERROR_INVALID_FLAGS
#define ERROR_INVALID_FLAGS 1004
#endif
#ifndef ERROR_NO_UNICODE_TRANSLATION
#define ERROR_NO_UNICODE_TRANSLATION 1113
#endif

typedef struct _cpinfo {
    UINT MaxCharSize;
    BYTE DefaultChar[MAX_DEFAULTCHAR];
    BYTE LeadByte[MAX_LEADBYTES];
} CPINFO, *LPCPINFO;

/*
 * Code pages offered: 65001 (UTF-8), 1252 (Windows Western) and 28591
 * (ISO 8859-1).  CP_ACP, CP_THREAD_ACP and CP_OEMCP are UTF-8: see GetACP.
 * Another code page is ERROR_INVALID_PARAMETER, as one not installed on
 * Windows.
 */
WINBASEAPI int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr,
                                          int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar);
WINBASEAPI int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr,
                                          int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte,
                                          LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar);

/* The ANSI and OEM code pages: 65001 (UTF-8). */
WINBASEAPI UINT WINAPI GetACP(void);
WINBASEAPI UINT WINAPI GetOEMCP(void);
WINBASEAPI BOOL WINAPI IsValidCodePage(UINT CodePage);
WINBASEAPI BOOL WINAPI GetCPInfo(UINT CodePage, LPCPINFO lpCPInfo);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_WINNLS_H */
