/*
 * ws2posix <memoryapi.h>: VirtualAlloc, VirtualFree, VirtualProtect,
 * VirtualQuery (src/win32/virtual.c) and the Rtl memory helpers.  windows.h
 * includes it, as the Windows SDK's does.  The PAGE_* and MEM_* constants,
 * MEMORY_BASIC_INFORMATION and the Rtl*Memory macros are winnt.h's in the
 * SDK: they are here, beside the calls that use them.  (ZeroMemory,
 * CopyMemory, FillMemory and RtlZeroMemory are in ws2posix/wintypes.h.)
 */
#ifndef WS2POSIX_MEMORYAPI_H
#define WS2POSIX_MEMORYAPI_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Page protections (winnt.h). */
#define PAGE_NOACCESS          0x01
#define PAGE_READONLY          0x02
#define PAGE_READWRITE         0x04
#define PAGE_WRITECOPY         0x08
#define PAGE_EXECUTE           0x10
#define PAGE_EXECUTE_READ      0x20
#define PAGE_EXECUTE_READWRITE 0x40
#define PAGE_EXECUTE_WRITECOPY 0x80
#define PAGE_GUARD             0x100
#define PAGE_NOCACHE           0x200
#define PAGE_WRITECOMBINE      0x400

/* Allocation types, states and kinds (winnt.h). */
#define MEM_COMMIT      0x1000
#define MEM_RESERVE     0x2000
#define MEM_DECOMMIT    0x4000
#define MEM_RELEASE     0x8000
#define MEM_FREE        0x10000
#define MEM_PRIVATE     0x20000
#define MEM_MAPPED      0x40000
#define MEM_RESET       0x80000
#define MEM_TOP_DOWN    0x100000
#define MEM_WRITE_WATCH 0x200000
#define MEM_PHYSICAL    0x400000
#define MEM_RESET_UNDO  0x1000000
#define MEM_LARGE_PAGES 0x20000000
#define MEM_IMAGE       0x1000000

typedef struct _MEMORY_BASIC_INFORMATION {
    PVOID BaseAddress;
    PVOID AllocationBase;
    DWORD AllocationProtect;
    SIZE_T RegionSize;
    DWORD State;
    DWORD Protect;
    DWORD Type;
} MEMORY_BASIC_INFORMATION, *PMEMORY_BASIC_INFORMATION;

/*
 * Virtual memory, on mmap/mprotect/madvise.  A reservation starts on a
 * 64 KiB boundary (SYSTEM_INFO's dwAllocationGranularity) and covers whole
 * pages; committing pages of it makes them accessible with the protection
 * given and zero-filled the first time; MEM_COMMIT without MEM_RESERVE and
 * a NULL address reserves and commits at once.  MEM_RESET lets the system
 * drop the pages' contents; MEM_TOP_DOWN and MEM_LARGE_PAGES are served
 * with ordinary pages; MEM_WRITE_WATCH and MEM_PHYSICAL fail with
 * ERROR_NOT_SUPPORTED.  PAGE_WRITECOPY and
 * PAGE_EXECUTE_WRITECOPY are refused (ERROR_INVALID_PARAMETER), as
 * VirtualAlloc refuses them; PAGE_GUARD cannot be honoured (no structured
 * exception on first touch) and fails with ERROR_NOT_SUPPORTED;
 * PAGE_NOCACHE and PAGE_WRITECOMBINE are ignored.
 *
 * VirtualFree with MEM_RELEASE needs the reservation's base and a size of 0
 * (ERROR_INVALID_PARAMETER for a size, ERROR_INVALID_ADDRESS for another
 * address); MEM_DECOMMIT returns pages to the reserved state (a size of 0
 * at the base decommits the whole reservation).  VirtualProtect works on
 * committed pages of our reservations and on any other mapped memory of the
 * process (its code and data too); it reports the first page's previous
 * protection.  VirtualQuery describes our reservations page by page and
 * other memory from the kernel's map of the process.
 */
WINBASEAPI LPVOID WINAPI VirtualAlloc(LPVOID lpAddress, SIZE_T dwSize, DWORD flAllocationType,
                                      DWORD flProtect);
WINBASEAPI BOOL WINAPI VirtualFree(LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType);
WINBASEAPI BOOL WINAPI VirtualProtect(LPVOID lpAddress, SIZE_T dwSize, DWORD flNewProtect,
                                      PDWORD lpflOldProtect);
WINBASEAPI SIZE_T WINAPI VirtualQuery(LPCVOID lpAddress, PMEMORY_BASIC_INFORMATION lpBuffer,
                                      SIZE_T dwLength);

/*
 * The Rtl memory helpers (winnt.h).  SecureZeroMemory writes through a
 * volatile pointer so that the compiler cannot drop the stores however dead
 * the buffer looks afterwards, which is its whole point (passwords, keys).
 */
static inline PVOID SecureZeroMemory(PVOID ptr, SIZE_T cnt)
{
    volatile char *p = (volatile char *)ptr;
    while (cnt--)
        *p++ = 0;
    return ptr;
}
static inline PVOID RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt)
{
    return SecureZeroMemory(ptr, cnt);
}
/* The number of leading bytes that are equal (ntdll's RtlCompareMemory). */
static inline SIZE_T RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length)
{
    const unsigned char *a = (const unsigned char *)Source1;
    const unsigned char *b = (const unsigned char *)Source2;
    SIZE_T i = 0;
    while (i < Length && a[i] == b[i])
        i++;
    return i;
}

#define MoveMemory(d, s, n)     memmove((d), (s), (n))
#define RtlMoveMemory(d, s, n)  memmove((d), (s), (n))
#define RtlCopyMemory(d, s, n)  memcpy((d), (s), (n))
#define RtlFillMemory(d, n, f)  memset((d), (f), (n))
#define RtlEqualMemory(a, b, n) (!memcmp((a), (b), (n)))
#define EqualMemory(a, b, n)    (!memcmp((a), (b), (n)))

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_MEMORYAPI_H */
