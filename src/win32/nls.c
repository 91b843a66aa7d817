/*
 * Code pages: MultiByteToWideChar, WideCharToMultiByte, GetACP, GetOEMCP,
 * IsValidCodePage, GetCPInfo.  Results and errors as the documentation of
 * MultiByteToWideChar and WideCharToMultiByte (learn.microsoft.com,
 * stringapiset.h) gives them; a wide character is one code point (nls.h).
 */
#include <windows.h>

#include "sys/usermem.h"
#include "win32/nls.h"

/*
 * The ANSI code page is UTF-8 (65001), as on Windows 10 and later with
 * "Beta: Use Unicode UTF-8 for worldwide language support" or an
 * application manifest's activeCodePage UTF-8.  Every A function of this
 * library already takes and returns UTF-8, because that is what Linux's
 * own interfaces (file names, getaddrinfo, the terminal) use; CP_ACP must
 * name the encoding those strings are in, or a program converting an
 * A result with MultiByteToWideChar(CP_ACP) would garble it.  The OEM code
 * page (the console's on Windows) is UTF-8 too, as with that option, since
 * a Linux terminal speaks UTF-8.
 */
#define NLS__ANSI 65001u

UINT WINAPI GetACP(void)
{
    return NLS__ANSI;
}

UINT WINAPI GetOEMCP(void)
{
    return NLS__ANSI;
}

/* The code page a CodePage argument names, or 0 when we do not offer it. */
static unsigned nls__resolve(UINT cp, bool *ansi)
{
    *ansi = cp == CP_ACP || cp == CP_OEMCP || cp == CP_THREAD_ACP;
    if (*ansi)
        return NLS__ANSI;
    return cp == CP_UTF8 || cp == 1252 || cp == 28591 ? cp : 0;
}

BOOL WINAPI IsValidCodePage(UINT CodePage)
{
    /* Only real code page numbers: CP_ACP and the other selectors are not. */
    return CodePage == CP_UTF8 || CodePage == 1252 || CodePage == 28591;
}

BOOL WINAPI GetCPInfo(UINT CodePage, LPCPINFO lpCPInfo)
{
    bool ansi;
    unsigned cp = nls__resolve(CodePage, &ansi);
    if (!cp || !lpCPInfo) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!sys_user_writable(lpCPInfo, sizeof(*lpCPInfo))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    memset(lpCPInfo, 0, sizeof(*lpCPInfo));
    /* UTF-8 takes up to four bytes per character and has no lead-byte ranges to report. */
    lpCPInfo->MaxCharSize = cp == CP_UTF8 ? 4 : 1;
    lpCPInfo->DefaultChar[0] = '?';
    return TRUE;
}

static int nls__fail(DWORD error)
{
    SetLastError(error);
    return 0;
}

/*
 * The length of the input: n as given, or with -1 the string up to and
 * including its terminator, which is then converted and counted too
 * ("If this parameter is -1, the function processes the entire input
 * string, including the terminating null character").  False when the
 * memory cannot be read.
 */
static bool nls__input(const void *s, int n, size_t unit, size_t *len)
{
    if (n != -1) {
        *len = (size_t)n;
        return sys_user_readable(s, *len * unit);
    }
    if (!sys_user_string(s, unit, len))
        return false;
    (*len)++;
    return true;
}

/* MultiByteToWideChar's conversion: counts, and writes when out is not NULL. */
static int nls__to_wide(unsigned cp, bool strict, const unsigned char *in, size_t len, WCHAR *out,
                        size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned long c;
        if (cp == CP_UTF8) {
            bool valid;
            i += nls_utf8_decode(in + i, len - i, &c, &valid);
            if (!valid && strict)
                return ERROR_NO_UNICODE_TRANSLATION;
        } else {
            c = nls_sbcs_to_wide(cp, in[i++]);
        }
        if (out)
            out[n] = (WCHAR)c;
        n++;
    }
    *count = n;
    return 0;
}

int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr, int cbMultiByte,
                               LPWSTR lpWideCharStr, int cchWideChar)
{
    if (!lpMultiByteStr || cbMultiByte == 0 || cbMultiByte < -1 || cchWideChar < 0 ||
        (cchWideChar && !lpWideCharStr) || (const void *)lpMultiByteStr == (void *)lpWideCharStr)
        return nls__fail(ERROR_INVALID_PARAMETER);
    bool ansi;
    unsigned cp = nls__resolve(CodePage, &ansi);
    if (!cp)
        return nls__fail(ERROR_INVALID_PARAMETER);
    /*
     * "For UTF-8 ... dwFlags must be set to either 0 or MB_ERR_INVALID_CHARS.
     * Otherwise, the function fails with ERROR_INVALID_FLAGS."  Code written
     * for a single-byte ANSI code page passes MB_PRECOMPOSED with CP_ACP,
     * which Windows accepts there; the ANSI selectors accept the flags a
     * single-byte page takes, so such a program keeps working.
     */
    const DWORD sbcs_flags =
        MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS;
    DWORD allowed = cp == CP_UTF8 && !ansi ? MB_ERR_INVALID_CHARS : sbcs_flags;
    if ((dwFlags & ~allowed) ||
        (dwFlags & (MB_PRECOMPOSED | MB_COMPOSITE)) == (MB_PRECOMPOSED | MB_COMPOSITE))
        return nls__fail(ERROR_INVALID_FLAGS);

    size_t len;
    if (!nls__input(lpMultiByteStr, cbMultiByte, 1, &len))
        return nls__fail(ERROR_NOACCESS);
    const unsigned char *in = (const unsigned char *)lpMultiByteStr;
    bool strict = (dwFlags & MB_ERR_INVALID_CHARS) != 0;
    size_t count;
    int error = nls__to_wide(cp, strict, in, len, NULL, &count);
    if (error)
        return nls__fail((DWORD)error);
    if (count > INT32_MAX)
        return nls__fail(ERROR_INVALID_PARAMETER);
    if (cchWideChar == 0)
        return (int)count; /* "the required buffer size, in characters" */
    if (count > (size_t)cchWideChar)
        return nls__fail(ERROR_INSUFFICIENT_BUFFER);
    if (!sys_user_writable(lpWideCharStr, count * sizeof(WCHAR)))
        return nls__fail(ERROR_NOACCESS);
    (void)nls__to_wide(cp, strict, in, len, lpWideCharStr, &count);
    return (int)count;
}

/*
 * WideCharToMultiByte's conversion: counts bytes, and writes when out is
 * not NULL.  A character the code page cannot represent becomes def (the
 * single-byte pages), and a WCHAR that is not a character (a surrogate
 * value, or past U+10FFFF) becomes U+FFFD in UTF-8 unless the caller asked
 * to fail.
 */
static int nls__from_wide(unsigned cp, bool strict, const WCHAR *in, size_t len, char def,
                          char *out, size_t *count, bool *used_default)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned long c = (unsigned long)(uint32_t)in[i];
        if (cp == CP_UTF8) {
            if (!nls_is_scalar(c)) {
                if (strict)
                    return ERROR_NO_UNICODE_TRANSLATION;
                c = NLS_REPLACEMENT;
                *used_default = true;
            }
            if (out)
                nls_utf8_encode(c, out + n);
            n += nls_utf8_length(c);
        } else {
            unsigned char b;
            if (!nls_sbcs_from_wide(cp, c, &b)) {
                b = (unsigned char)def;
                *used_default = true;
            }
            if (out)
                out[n] = (char)b;
            n++;
        }
    }
    *count = n;
    return 0;
}

int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr, int cchWideChar,
                               LPSTR lpMultiByteStr, int cbMultiByte, LPCCH lpDefaultChar,
                               LPBOOL lpUsedDefaultChar)
{
    if (!lpWideCharStr || cchWideChar == 0 || cchWideChar < -1 || cbMultiByte < 0 ||
        (cbMultiByte && !lpMultiByteStr) || (const void *)lpWideCharStr == (void *)lpMultiByteStr)
        return nls__fail(ERROR_INVALID_PARAMETER);
    bool ansi;
    unsigned cp = nls__resolve(CodePage, &ansi);
    if (!cp)
        return nls__fail(ERROR_INVALID_PARAMETER);
    /*
     * UTF-8 takes no flag but WC_ERR_INVALID_CHARS, and no default
     * character ("For the CP_UTF7 and CP_UTF8 settings for CodePage, this
     * parameter must be set to NULL.  Otherwise, the function fails with
     * ERROR_INVALID_PARAMETER").  WC_ERR_INVALID_CHARS is for UTF-8 only
     * ("It cannot be used with other code page values").  As in
     * MultiByteToWideChar, the ANSI selectors take what a program written for
     * a single-byte ANSI page passes (flags, a default character, the "used"
     * flag, which then says whether anything invalid was replaced).
     */
    const DWORD sbcs_flags =
        WC_COMPOSITECHECK | WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_NO_BEST_FIT_CHARS;
    DWORD allowed = ansi            ? sbcs_flags | WC_ERR_INVALID_CHARS
                    : cp == CP_UTF8 ? WC_ERR_INVALID_CHARS
                                    : sbcs_flags;
    if (dwFlags & ~allowed)
        return nls__fail(ERROR_INVALID_FLAGS);
    if (cp == CP_UTF8 && !ansi && (lpDefaultChar || lpUsedDefaultChar))
        return nls__fail(ERROR_INVALID_PARAMETER);

    size_t len;
    if (!nls__input(lpWideCharStr, cchWideChar, sizeof(WCHAR), &len) ||
        (lpDefaultChar && !sys_user_readable(lpDefaultChar, 1)) ||
        (lpUsedDefaultChar && !sys_user_writable(lpUsedDefaultChar, sizeof(BOOL))))
        return nls__fail(ERROR_NOACCESS);
    /* Only the first character of lpDefaultChar counts; '?' is every code page's default. */
    char def = lpDefaultChar ? lpDefaultChar[0] : '?';
    bool strict = (dwFlags & WC_ERR_INVALID_CHARS) != 0;
    bool used = false;
    size_t count;
    int error = nls__from_wide(cp, strict, lpWideCharStr, len, def, NULL, &count, &used);
    if (error)
        return nls__fail((DWORD)error);
    if (count > INT32_MAX)
        return nls__fail(ERROR_INVALID_PARAMETER);
    if (cbMultiByte != 0) {
        if (count > (size_t)cbMultiByte)
            return nls__fail(ERROR_INSUFFICIENT_BUFFER);
        if (!sys_user_writable(lpMultiByteStr, count))
            return nls__fail(ERROR_NOACCESS);
        (void)nls__from_wide(cp, strict, lpWideCharStr, len, def, lpMultiByteStr, &count, &used);
    }
    if (lpUsedDefaultChar)
        *lpUsedDefaultChar = used ? TRUE : FALSE;
    return (int)count;
}
