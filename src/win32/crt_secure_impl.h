/*
 * The secure string copies (strcpy_s, strncpy_s, strcat_s, strncat_s) written once for both
 * character types: crt_secure.c includes this file twice, with CRT_T the character type,
 * CRT_NLEN its strnlen and CRT_CPY_S ... the four function names.  Results, as Microsoft
 * documents them (include/ws2posix/crt.h):
 *
 *   - a NULL destination or a size of 0: EINVAL, nothing written;
 *   - a NULL source: EINVAL, the destination emptied;
 *   - a destination that strcat_s/strncat_s find unterminated within its size: EINVAL, emptied;
 *   - a result that does not fit: ERANGE, the destination emptied -- except with _TRUNCATE
 *     for the n-forms: what fits, terminated, and STRUNCATE (errno untouched: not an error).
 *
 * The special case of the n-forms: a NULL destination, size 0 and count 0 is no call at all
 * and succeeds.  Overlapping strings are undefined on Windows; we move, never corrupt.
 */

static errno_t CRT_CPY_S(CRT_T *_Dst, rsize_t _Size, const CRT_T *_Src)
{
    if (!_Dst || _Size == 0)
        return crt__fail(EINVAL);
    if (!_Src) {
        _Dst[0] = 0;
        return crt__fail(EINVAL);
    }
    size_t len = CRT_NLEN(_Src, _Size);
    if (len == _Size) {
        _Dst[0] = 0;
        return crt__fail(ERANGE);
    }
    memmove(_Dst, _Src, (len + 1) * sizeof(CRT_T));
    return 0;
}

static errno_t CRT_NCPY_S(CRT_T *_Dst, size_t _Size, const CRT_T *_Src, size_t _Count)
{
    if (_Count == 0 && !_Dst && _Size == 0)
        return 0;
    if (!_Dst || _Size == 0)
        return crt__fail(EINVAL);
    if (_Count == 0) {
        _Dst[0] = 0;
        return 0;
    }
    if (!_Src) {
        _Dst[0] = 0;
        return crt__fail(EINVAL);
    }
    errno_t result = 0;
    size_t len;
    if (_Count == _TRUNCATE) {
        len = CRT_NLEN(_Src, _Size);
        if (len == _Size) {
            len = _Size - 1;
            result = STRUNCATE;
        }
    } else {
        len = CRT_NLEN(_Src, _Count);
        if (len >= _Size) {
            _Dst[0] = 0;
            return crt__fail(ERANGE);
        }
    }
    memmove(_Dst, _Src, len * sizeof(CRT_T));
    _Dst[len] = 0;
    return result;
}

static errno_t CRT_CAT_S(CRT_T *_Dst, rsize_t _Size, const CRT_T *_Src)
{
    return CRT_NCAT_S(_Dst, _Size, _Src, (size_t)-2);
}

/*
 * strncat_s appends at most count characters.  strcat_s is strncat_s without a count: the
 * largest count that is not _TRUNCATE, so that a result that does not fit is ERANGE.
 */
static errno_t CRT_NCAT_S(CRT_T *_Dst, size_t _Size, const CRT_T *_Src, size_t _Count)
{
    if (_Count == 0 && !_Dst && _Size == 0)
        return 0;
    if (!_Dst || _Size == 0)
        return crt__fail(EINVAL);
    if (!_Src && _Count != 0) {
        _Dst[0] = 0;
        return crt__fail(EINVAL);
    }
    size_t used = CRT_NLEN(_Dst, _Size);
    if (used == _Size) {
        _Dst[0] = 0;
        return crt__fail(EINVAL);
    }
    size_t room = _Size - used; /* Characters left, the terminator's place included. */
    errno_t result = 0;
    size_t len = 0;
    if (_Count == _TRUNCATE) {
        len = CRT_NLEN(_Src, room);
        if (len == room) {
            len = room - 1;
            result = STRUNCATE;
        }
    } else if (_Count != 0) {
        len = CRT_NLEN(_Src, _Count < room ? _Count : room);
        if (len >= room) {
            _Dst[0] = 0;
            return crt__fail(ERANGE);
        }
    }
    memmove(_Dst + used, _Src, len * sizeof(CRT_T));
    _Dst[used + len] = 0;
    return result;
}
