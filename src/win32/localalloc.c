/*
 * LocalAlloc and GlobalAlloc.  On 64-bit Windows both are the same
 * allocator and, for fixed blocks, the handle is the block's address.  Here
 * every block is a plain malloc block: the library's own calls that hand the
 * caller memory to release with LocalFree (FormatMessage with
 * FORMAT_MESSAGE_ALLOCATE_BUFFER) allocate it with malloc, and LocalFree is
 * free().  Moveable blocks are therefore fixed too (heapapi.h).
 */
#include <windows.h>

#include <malloc.h>

static HLOCAL localalloc__alloc(UINT uFlags, SIZE_T uBytes, UINT valid)
{
    if (uFlags & ~valid) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    /* A block of 0 bytes is still a block (a moveable one would be "discarded"; ours are fixed). */
    size_t n = uBytes ? uBytes : 1;
    void *p = (uFlags & LMEM_ZEROINIT) ? calloc(1, n) : malloc(n);
    if (!p)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return p;
}

/*
 * A block moves only with LMEM_MOVEABLE, as a fixed block on Windows;
 * without it, it may only grow within what malloc already gave it.
 * LMEM_MODIFY changes attributes only, of which fixed blocks have none.
 */
static HLOCAL localalloc__realloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags)
{
    if (!hMem) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (uFlags & LMEM_MODIFY)
        return hMem;
    size_t old = malloc_usable_size(hMem);
    size_t n = uBytes ? uBytes : 1;
    void *p;
    if (n <= old) {
        p = hMem;
    } else if (uFlags & LMEM_MOVEABLE) {
        p = realloc(hMem, n);
        if (!p) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
    } else {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if ((uFlags & LMEM_ZEROINIT) && n > old)
        memset((char *)p + old, 0, n - old);
    return p;
}

HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes)
{
    return localalloc__alloc(uFlags, uBytes, LMEM_VALID_FLAGS);
}

HLOCAL WINAPI LocalReAlloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags)
{
    return localalloc__realloc(hMem, uBytes, uFlags);
}

/* NULL on success (and for NULL), as documented. */
HLOCAL WINAPI LocalFree(HLOCAL hMem)
{
    free(hMem);
    return NULL;
}

SIZE_T WINAPI LocalSize(HLOCAL hMem)
{
    if (!hMem) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    return malloc_usable_size(hMem);
}

LPVOID WINAPI LocalLock(HLOCAL hMem)
{
    if (!hMem)
        SetLastError(ERROR_INVALID_HANDLE);
    return hMem;
}

/*
 * A fixed block is never locked (its lock count stays 0), and unlocking an
 * object that is not locked returns FALSE with ERROR_NOT_LOCKED, as
 * documented.
 */
BOOL WINAPI LocalUnlock(HLOCAL hMem)
{
    SetLastError(hMem ? ERROR_NOT_LOCKED : ERROR_INVALID_HANDLE);
    return FALSE;
}

HLOCAL WINAPI LocalHandle(LPCVOID pMem)
{
    if (!pMem)
        SetLastError(ERROR_INVALID_HANDLE);
    return (HLOCAL)pMem;
}

UINT WINAPI LocalFlags(HLOCAL hMem)
{
    if (!hMem) {
        SetLastError(ERROR_INVALID_HANDLE);
        return LMEM_INVALID_HANDLE;
    }
    return 0; /* fixed, not discarded, lock count 0 */
}

HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes)
{
    return localalloc__alloc(uFlags, dwBytes, GMEM_VALID_FLAGS);
}

HGLOBAL WINAPI GlobalReAlloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags)
{
    return localalloc__realloc(hMem, dwBytes, uFlags);
}

HGLOBAL WINAPI GlobalFree(HGLOBAL hMem)
{
    free(hMem);
    return NULL;
}

SIZE_T WINAPI GlobalSize(HGLOBAL hMem)
{
    return LocalSize(hMem);
}

LPVOID WINAPI GlobalLock(HGLOBAL hMem)
{
    return LocalLock(hMem);
}

BOOL WINAPI GlobalUnlock(HGLOBAL hMem)
{
    return LocalUnlock(hMem);
}

HGLOBAL WINAPI GlobalHandle(LPCVOID pMem)
{
    return LocalHandle(pMem);
}

UINT WINAPI GlobalFlags(HGLOBAL hMem)
{
    if (!hMem) {
        SetLastError(ERROR_INVALID_HANDLE);
        return GMEM_INVALID_HANDLE;
    }
    return 0;
}
