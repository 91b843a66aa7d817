/*
 * ws2posix <heapapi.h>: heaps (HeapCreate, HeapAlloc ...) and the Local and
 * Global allocators (src/win32/heap.c, src/win32/localalloc.c).  windows.h
 * includes it, as the Windows SDK's does.  The HEAP_* flags are winnt.h's in
 * the SDK, the Local/Global calls and flags winbase.h's and minwinbase.h's:
 * they are here, beside the other allocators.
 */
#ifndef WS2POSIX_HEAPAPI_H
#define WS2POSIX_HEAPAPI_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Heap flags (winnt.h). */
#define HEAP_NO_SERIALIZE             0x00000001
#define HEAP_GROWABLE                 0x00000002
#define HEAP_GENERATE_EXCEPTIONS      0x00000004
#define HEAP_ZERO_MEMORY              0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY    0x00000010
#define HEAP_TAIL_CHECKING_ENABLED    0x00000020
#define HEAP_FREE_CHECKING_ENABLED    0x00000040
#define HEAP_DISABLE_COALESCE_ON_FREE 0x00000080
#define HEAP_CREATE_ALIGN_16          0x00010000
#define HEAP_CREATE_ENABLE_TRACING    0x00020000
#define HEAP_CREATE_ENABLE_EXECUTE    0x00040000

/*
 * Heaps.  Every block, from the process heap too, remembers its size, so
 * HeapSize is the size asked for and HeapReAlloc with HEAP_ZERO_MEMORY
 * zeroes exactly the grown part; memory from a heap is therefore released
 * with HeapFree on that heap (as Windows requires), never with free().
 * Blocks are aligned to 16 bytes, as on 64-bit Windows.
 *
 * HeapDestroy releases every block still allocated from the heap.  A heap
 * made with a nonzero dwMaximumSize refuses allocations past that total.
 * HEAP_NO_SERIALIZE is accepted and the heap is serialized all the same.
 * HEAP_GENERATE_EXCEPTIONS cannot raise a structured exception on Linux:
 * the allocation returns NULL as without the flag.  As documented, HeapAlloc
 * and HeapReAlloc do not set the last error when they fail; HeapReAlloc
 * with HEAP_REALLOC_IN_PLACE_ONLY fails when the block cannot grow where it
 * is.  HeapFree of NULL succeeds; a pointer that is not a block of that heap
 * fails with ERROR_INVALID_PARAMETER.  HeapSize fails with (SIZE_T)-1.
 * HeapLock holds the heap's lock, so that other threads' calls on a private
 * heap wait until HeapUnlock; it does not stop the process heap, whose
 * allocations do not take a lock.
 */
WINBASEAPI HANDLE WINAPI GetProcessHeap(VOID);
WINBASEAPI HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize);
WINBASEAPI BOOL WINAPI HeapDestroy(HANDLE hHeap);
WINBASEAPI LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
WINBASEAPI LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes);
WINBASEAPI BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);
WINBASEAPI SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);
WINBASEAPI BOOL WINAPI HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);
WINBASEAPI SIZE_T WINAPI HeapCompact(HANDLE hHeap, DWORD dwFlags);
WINBASEAPI BOOL WINAPI HeapLock(HANDLE hHeap);
WINBASEAPI BOOL WINAPI HeapUnlock(HANDLE hHeap);

/* Local and Global memory (minwinbase.h, winbase.h). */
typedef HANDLE HGLOBAL, HLOCAL;

#define LMEM_FIXED          0x0
#define LMEM_MOVEABLE       0x2
#define LMEM_NOCOMPACT      0x10
#define LMEM_NODISCARD      0x20
#define LMEM_ZEROINIT       0x40
#define LMEM_MODIFY         0x80
#define LMEM_DISCARDABLE    0xf00
#define LMEM_VALID_FLAGS    0xf72
#define LMEM_INVALID_HANDLE 0x8000
#define LHND                (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define LPTR                (LMEM_FIXED | LMEM_ZEROINIT)
#define NONZEROLHND         (LMEM_MOVEABLE)
#define NONZEROLPTR         (LMEM_FIXED)
#define LMEM_DISCARDED      0x4000
#define LMEM_LOCKCOUNT      0x00ff

#define GMEM_FIXED          0x0
#define GMEM_MOVEABLE       0x2
#define GMEM_NOCOMPACT      0x10
#define GMEM_NODISCARD      0x20
#define GMEM_ZEROINIT       0x40
#define GMEM_MODIFY         0x80
#define GMEM_DISCARDABLE    0x100
#define GMEM_NOT_BANKED     0x1000
#define GMEM_SHARE          0x2000
#define GMEM_DDESHARE       0x2000
#define GMEM_NOTIFY         0x4000
#define GMEM_LOWER          GMEM_NOT_BANKED
#define GMEM_VALID_FLAGS    0x7f72
#define GMEM_INVALID_HANDLE 0x8000
#define GHND                (GMEM_MOVEABLE | GMEM_ZEROINIT)
#define GPTR                (GMEM_FIXED | GMEM_ZEROINIT)
#define GMEM_DISCARDED      0x4000
#define GMEM_LOCKCOUNT      0x00ff

/*
 * A Local or Global block is a plain C-library (malloc) block and its handle
 * is its address, so LocalFree releases what the library's own calls
 * allocate for the caller (FormatMessage's FORMAT_MESSAGE_ALLOCATE_BUFFER).
 * So every block is fixed: LMEM_MOVEABLE/GMEM_MOVEABLE blocks are allocated
 * fixed too, Lock returns the handle itself and Unlock has nothing to undo;
 * LMEM_ZEROINIT/GMEM_ZEROINIT zero the block.  LocalSize/GlobalSize answer
 * the usable size of the block, which may exceed the size asked for.
 * LocalReAlloc/GlobalReAlloc move the block only with LMEM_MOVEABLE (as
 * for a fixed block on Windows); ZEROINIT then zeroes the part past the old
 * usable size.  LocalFree/GlobalFree return NULL on success.
 */
WINBASEAPI HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes);
WINBASEAPI HLOCAL WINAPI LocalReAlloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags);
WINBASEAPI HLOCAL WINAPI LocalFree(HLOCAL hMem);
WINBASEAPI SIZE_T WINAPI LocalSize(HLOCAL hMem);
WINBASEAPI LPVOID WINAPI LocalLock(HLOCAL hMem);
WINBASEAPI BOOL WINAPI LocalUnlock(HLOCAL hMem);
WINBASEAPI HLOCAL WINAPI LocalHandle(LPCVOID pMem);
WINBASEAPI UINT WINAPI LocalFlags(HLOCAL hMem);

WINBASEAPI HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes);
WINBASEAPI HGLOBAL WINAPI GlobalReAlloc(HGLOBAL hMem, SIZE_T dwBytes, UINT uFlags);
WINBASEAPI HGLOBAL WINAPI GlobalFree(HGLOBAL hMem);
WINBASEAPI SIZE_T WINAPI GlobalSize(HGLOBAL hMem);
WINBASEAPI LPVOID WINAPI GlobalLock(HGLOBAL hMem);
WINBASEAPI BOOL WINAPI GlobalUnlock(HGLOBAL hMem);
WINBASEAPI HGLOBAL WINAPI GlobalHandle(LPCVOID pMem);
WINBASEAPI UINT WINAPI GlobalFlags(HGLOBAL hMem);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_HEAPAPI_H */
