/*
 * The printf family with Microsoft's results, written once for both character types:
 * crt_printf.c includes this file twice.  CRT_T is the character type and CRT_CORE a
 * formatter with C99 snprintf's contract (the whole output's length, or -1 for an encoding
 * error; min(length, size - 1) characters and a terminator stored when size > 0).  The
 * names are CRT_VSN (_vsnprintf), CRT_VS_S (vsprintf_s), CRT_VSN_S (_vsnprintf_s) and
 * CRT_VSC (_vscprintf).  What each returns is in include/ws2posix/crt.h.
 */

/*
 * _vsnprintf: the output's first min(len, count) characters, a terminator only when
 * len < count, and len, or -1 when len > count.  C99's formatter stores a terminator in
 * the last place, so when the output reaches count the whole output is made again in a
 * scratch buffer and its first count characters copied.
 */
static int CRT_VSN(CRT_T *_Dest, size_t _Count, const CRT_T *_Format, va_list _Args)
{
    if (!_Format || (!_Dest && _Count != 0))
        return crt__fail_minus1(EINVAL);
    va_list again;
    va_copy(again, _Args);
    int len = CRT_CORE(_Dest, _Count, _Format, _Args);
    if (len < 0 || (size_t)len < _Count) {
        va_end(again);
        return len < 0 ? -1 : len;
    }
    if (_Count == 0) {
        /* A NULL buffer of count 0 asks for the length. */
        va_end(again);
        return !_Dest || len == 0 ? len : -1;
    }
    CRT_T small[256];
    CRT_T *whole = (size_t)len < sizeof(small) / sizeof(small[0])
                       ? small
                       : (CRT_T *)malloc(((size_t)len + 1) * sizeof(CRT_T));
    if (!whole) {
        /* Without memory the last character is lost: the output stays terminated. */
        va_end(again);
        return crt__fail_minus1(ENOMEM);
    }
    CRT_CORE(whole, (size_t)len + 1, _Format, again);
    va_end(again);
    memcpy(_Dest, whole, _Count * sizeof(CRT_T));
    if (whole != small)
        free(whole);
    return (size_t)len == _Count ? len : -1;
}

/* vsprintf_s: all of the output and its terminator, or an empty buffer, ERANGE and -1. */
static int CRT_VS_S(CRT_T *_Dst, size_t _Size, const CRT_T *_Format, va_list _Args)
{
    if (!_Format || !_Dst || _Size == 0)
        return crt__fail_minus1(EINVAL);
    int len = CRT_CORE(_Dst, _Size, _Format, _Args);
    if (len < 0) {
        _Dst[0] = 0;
        return -1;
    }
    if ((size_t)len >= _Size) {
        _Dst[0] = 0;
        return crt__fail_minus1(ERANGE);
    }
    return len;
}

/*
 * _vsnprintf_s: at most count characters (or, with _TRUNCATE, as many as the buffer
 * holds) and a terminator, and -1 when the output was cut.  A count that the buffer cannot
 * hold with its terminator, for an output that long, is ERANGE with an empty buffer.
 * Microsoft lists a count of 0 among the invalid parameters, except for the call with a
 * NULL buffer of size 0, which does nothing and returns 0.
 */
static int CRT_VSN_S(CRT_T *_DstBuf, size_t _DstSize, size_t _MaxCount, const CRT_T *_Format,
                     va_list _Args)
{
    if (!_Format)
        return crt__fail_minus1(EINVAL);
    if (_MaxCount == 0 && !_DstBuf && _DstSize == 0)
        return 0;
    if (!_DstBuf || _DstSize == 0 || _MaxCount == 0)
        return crt__fail_minus1(EINVAL);
    if (_MaxCount < _DstSize) {
        int len = CRT_CORE(_DstBuf, _MaxCount + 1, _Format, _Args);
        if (len < 0) {
            _DstBuf[0] = 0;
            return -1;
        }
        return (size_t)len > _MaxCount ? -1 : len;
    }
    int len = CRT_CORE(_DstBuf, _DstSize, _Format, _Args);
    if (len < 0) {
        _DstBuf[0] = 0;
        return -1;
    }
    if ((size_t)len >= _DstSize) {
        if (_MaxCount == _TRUNCATE)
            return -1;
        _DstBuf[0] = 0;
        return crt__fail_minus1(ERANGE);
    }
    return len;
}

/* _vscprintf: the length the output would have. */
static int CRT_VSC(const CRT_T *_Format, va_list _Args)
{
    if (!_Format)
        return crt__fail_minus1(EINVAL);
    return CRT_CORE(NULL, 0, _Format, _Args);
}
