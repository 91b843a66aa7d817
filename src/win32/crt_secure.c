/*
 * The Microsoft C runtime's secure copies: strcpy_s, strncpy_s, strcat_s, strncat_s, their
 * wide forms, memcpy_s and memmove_s (include/ws2posix/crt.h says what they return).
 * Windows calls its invalid parameter handler, which by default ends the process, where
 * these return EINVAL or ERANGE; we return what the CRT returns when the handler lets
 * execution continue, and set errno to it.
 */
#include <windows.h>

#include <errno.h>
#include <string.h>
#include <wchar.h>

static errno_t crt__fail(errno_t code)
{
    errno = code;
    return code;
}

/* The string functions, once per character type (crt_secure_impl.h). */
#define CRT_T      char
#define CRT_NLEN   strnlen
#define CRT_CPY_S  crt__strcpy_s
#define CRT_NCPY_S crt__strncpy_s
#define CRT_CAT_S  crt__strcat_s
#define CRT_NCAT_S crt__strncat_s
static errno_t CRT_NCAT_S(CRT_T *_Dst, size_t _Size, const CRT_T *_Src, size_t _Count);
#include "crt_secure_impl.h"
#undef CRT_T
#undef CRT_NLEN
#undef CRT_CPY_S
#undef CRT_NCPY_S
#undef CRT_CAT_S
#undef CRT_NCAT_S

#define CRT_T      wchar_t
#define CRT_NLEN   wcsnlen
#define CRT_CPY_S  crt__wcscpy_s
#define CRT_NCPY_S crt__wcsncpy_s
#define CRT_CAT_S  crt__wcscat_s
#define CRT_NCAT_S crt__wcsncat_s
static errno_t CRT_NCAT_S(CRT_T *_Dst, size_t _Size, const CRT_T *_Src, size_t _Count);
#include "crt_secure_impl.h"

errno_t __cdecl strcpy_s(char *_Dst, rsize_t _SizeInBytes, const char *_Src)
{
    return crt__strcpy_s(_Dst, _SizeInBytes, _Src);
}

errno_t __cdecl strncpy_s(char *_Dst, size_t _DstSizeInChars, const char *_Src, size_t _MaxCount)
{
    return crt__strncpy_s(_Dst, _DstSizeInChars, _Src, _MaxCount);
}

errno_t __cdecl strcat_s(char *_Dst, rsize_t _SizeInBytes, const char *_Src)
{
    return crt__strcat_s(_Dst, _SizeInBytes, _Src);
}

errno_t __cdecl strncat_s(char *_Dst, size_t _DstSizeInChars, const char *_Src, size_t _MaxCount)
{
    return crt__strncat_s(_Dst, _DstSizeInChars, _Src, _MaxCount);
}

errno_t __cdecl wcscpy_s(wchar_t *_Dst, rsize_t _DstSize, const wchar_t *_Src)
{
    return crt__wcscpy_s(_Dst, _DstSize, _Src);
}

errno_t __cdecl wcsncpy_s(wchar_t *_Dst, size_t _DstSizeInChars, const wchar_t *_Src,
                          size_t _MaxCount)
{
    return crt__wcsncpy_s(_Dst, _DstSizeInChars, _Src, _MaxCount);
}

errno_t __cdecl wcscat_s(wchar_t *_Dst, rsize_t _DstSize, const wchar_t *_Src)
{
    return crt__wcscat_s(_Dst, _DstSize, _Src);
}

errno_t __cdecl wcsncat_s(wchar_t *_Dst, size_t _DstSizeInChars, const wchar_t *_Src,
                          size_t _MaxCount)
{
    return crt__wcsncat_s(_Dst, _DstSizeInChars, _Src, _MaxCount);
}

/*
 * memcpy_s: a count of 0 always succeeds; a NULL destination is EINVAL; a NULL source or a
 * destination smaller than count is EINVAL or ERANGE with the destination zeroed, as the
 * CRT does so that no stale data is mistaken for the copy.
 */
errno_t __cdecl memcpy_s(void *_dest, size_t _numberOfElements, const void *_src, size_t _count)
{
    if (_count == 0)
        return 0;
    if (!_dest)
        return crt__fail(EINVAL);
    if (!_src || _numberOfElements < _count) {
        memset(_dest, 0, _numberOfElements);
        return crt__fail(!_src ? EINVAL : ERANGE);
    }
    memmove(_dest, _src, _count);
    return 0;
}

/* memmove_s: the same checks, but the destination is left alone on failure. */
errno_t __cdecl memmove_s(void *_dest, size_t _numberOfElements, const void *_src, size_t _count)
{
    if (_count == 0)
        return 0;
    if (!_dest || !_src)
        return crt__fail(EINVAL);
    if (_numberOfElements < _count)
        return crt__fail(ERANGE);
    memmove(_dest, _src, _count);
    return 0;
}
