/*
 * VirtualAlloc, VirtualFree, VirtualProtect and VirtualQuery on Linux's
 * mappings.  Windows' model has three page states (free, reserved,
 * committed) and a reservation that starts on a 64 KiB boundary; Linux has
 * mappings.  A reservation here is one anonymous PROT_NONE mapping made with
 * MAP_NORESERVE (address space only, no memory charged); committing pages
 * maps fresh zero pages over them with the protection asked for (memory
 * charged then, so a commit the system cannot back fails as on Windows);
 * decommitting maps PROT_NONE/MAP_NORESERVE pages over them again, which
 * drops their contents.  Each reservation keeps one byte per page with the
 * page's protection (0 while only reserved), in an array mapped the same
 * lazy way, so an untouched array costs nothing.
 */
#include <windows.h>

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sys/usermem.h"

#define VIRTUAL__GRANULARITY ((uintptr_t)65536) /* SYSTEM_INFO's dwAllocationGranularity */

struct virtual__region {
    uintptr_t base;
    size_t size;          /* whole pages */
    DWORD alloc_protect;  /* the protection given when it was reserved */
    unsigned char *pages; /* one byte per page: its PAGE_* protection, 0 if only reserved */
    struct virtual__region *next;
};

static pthread_mutex_t virtual__lock = PTHREAD_MUTEX_INITIALIZER;
static struct virtual__region *virtual__regions;

/* The page size; sysconf reads it from the auxiliary vector, no system call. */
static uintptr_t virtual__page(void)
{
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? (uintptr_t)p : 4096;
}

/*
 * The Linux protection for a PAGE_* value; -1 for a value that is not one
 * protection (ERROR_INVALID_PARAMETER), -2 for PAGE_GUARD, which cannot be
 * done (no structured exception on the first touch).  PAGE_NOCACHE and
 * PAGE_WRITECOMBINE do not change what the program sees and are ignored.
 * writecopy says whether the copy-on-write protections are allowed.
 */
static int virtual__prot(DWORD protect, bool writecopy)
{
    if (protect & PAGE_GUARD)
        return -2;
    switch (protect & ~(DWORD)(PAGE_NOCACHE | PAGE_WRITECOMBINE)) {
    case PAGE_NOACCESS: return PROT_NONE;
    case PAGE_READONLY: return PROT_READ;
    case PAGE_READWRITE: return PROT_READ | PROT_WRITE;
    case PAGE_EXECUTE: return PROT_EXEC;
    case PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
    case PAGE_EXECUTE_READWRITE: return PROT_READ | PROT_WRITE | PROT_EXEC;
    case PAGE_WRITECOPY: return writecopy ? PROT_READ | PROT_WRITE : -1;
    case PAGE_EXECUTE_WRITECOPY: return writecopy ? PROT_READ | PROT_WRITE | PROT_EXEC : -1;
    default: return -1;
    }
}

/* Checks a protection for the call, setting the last error when it is refused. */
static bool virtual__check_prot(DWORD protect, bool writecopy, int *prot)
{
    *prot = virtual__prot(protect, writecopy);
    if (*prot == -2) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return false;
    }
    if (*prot < 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return false;
    }
    return true;
}

/* The reservation holding [start, end) entirely (virtual__lock held), or NULL. */
static struct virtual__region *virtual__find(uintptr_t start, uintptr_t end)
{
    for (struct virtual__region *r = virtual__regions; r; r = r->next)
        if (start >= r->base && end <= r->base + r->size && start < end)
            return r;
    return NULL;
}

/* Makes pages [first, last) of r committed with prot/protect; false if memory ran out. */
static bool virtual__commit(struct virtual__region *r, size_t first, size_t last, int prot,
                            DWORD protect)
{
    uintptr_t page = virtual__page();
    bool reprotected = false;
    /* Pages already committed keep their contents and take the new protection. */
    for (size_t i = first; i < last;) {
        size_t j = i;
        bool committed = r->pages[i] != 0;
        while (j < last && (r->pages[j] != 0) == committed)
            j++;
        void *at = (void *)(r->base + i * page);
        size_t len = (j - i) * page;
        if (committed) {
            if (mprotect(at, len, prot) != 0)
                return false;
            reprotected = true;
        } else if (mmap(at, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
                   MAP_FAILED) {
            /* Leave the range reserved (the failed mmap may have unmapped it). */
            mmap(at, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1,
                 0);
            return false;
        }
        i = j;
    }
    memset(r->pages + first, (int)protect, last - first);
    /* The pointer checks may have learned these pages with their old access. */
    if (reprotected)
        sys_user_forget((void *)(r->base + first * page), (last - first) * page);
    return true;
}

static void virtual__decommit(struct virtual__region *r, size_t first, size_t last)
{
    uintptr_t page = virtual__page();
    mmap((void *)(r->base + first * page), (last - first) * page, PROT_NONE,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    memset(r->pages + first, 0, last - first);
}

/* A new reservation of size bytes (whole pages) at base, or anywhere on 64 KiB if base is 0. */
static struct virtual__region *virtual__reserve(uintptr_t base, size_t size, DWORD protect)
{
    uintptr_t page = virtual__page();
    struct virtual__region *r = calloc(1, sizeof(*r));
    if (!r) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    void *at;
    if (base) {
        at = mmap((void *)base, size, PROT_NONE, flags | MAP_FIXED_NOREPLACE, -1, 0);
        if (at != MAP_FAILED && (uintptr_t)at != base) { /* a kernel without NOREPLACE */
            munmap(at, size);
            at = MAP_FAILED;
            errno = EEXIST;
        }
        if (at == MAP_FAILED) {
            free(r);
            SetLastError(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_ADDRESS);
            return NULL;
        }
    } else {
        /* Map 64 KiB more than needed and trim both ends to the boundary. */
        size_t span = size + VIRTUAL__GRANULARITY - page;
        if (span < size) {
            free(r);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        void *raw = mmap(NULL, span, PROT_NONE, flags, -1, 0);
        if (raw == MAP_FAILED) {
            free(r);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        uintptr_t start = ((uintptr_t)raw + VIRTUAL__GRANULARITY - 1) & ~(VIRTUAL__GRANULARITY - 1);
        if (start > (uintptr_t)raw)
            munmap(raw, start - (uintptr_t)raw);
        uintptr_t end = (uintptr_t)raw + span;
        if (end > start + size)
            munmap((void *)(start + size), end - (start + size));
        at = (void *)start;
    }
    size_t npages = size / page;
    void *pages = mmap(NULL, npages, PROT_READ | PROT_WRITE, flags, -1, 0);
    if (pages == MAP_FAILED) {
        munmap(at, size);
        free(r);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    r->base = (uintptr_t)at;
    r->size = size;
    r->alloc_protect = protect;
    r->pages = pages;
    return r;
}

static void virtual__release(struct virtual__region *r)
{
    munmap((void *)r->base, r->size);
    munmap(r->pages, r->size / virtual__page());
    free(r);
}

#define VIRTUAL__KNOWN_TYPES                                                                       \
    (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO | MEM_TOP_DOWN | MEM_LARGE_PAGES |      \
     MEM_WRITE_WATCH | MEM_PHYSICAL)

LPVOID WINAPI VirtualAlloc(LPVOID lpAddress, SIZE_T dwSize, DWORD flAllocationType, DWORD flProtect)
{
    uintptr_t page = virtual__page();
    DWORD type = flAllocationType;
    DWORD action = type & (MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO);
    bool reset = action & (MEM_RESET | MEM_RESET_UNDO);
    if (dwSize == 0 || (type & ~(DWORD)VIRTUAL__KNOWN_TYPES) || !action ||
        (reset && action != MEM_RESET && action != MEM_RESET_UNDO)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (type & (MEM_WRITE_WATCH | MEM_PHYSICAL)) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    int prot;
    if (!virtual__check_prot(flProtect, false, &prot))
        return NULL;
    uintptr_t addr = (uintptr_t)lpAddress;
    if (addr + dwSize < addr || dwSize > (SIZE_T)PTRDIFF_MAX) {
        SetLastError(addr ? ERROR_INVALID_ADDRESS : ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }

    if (reset) {
        /*
         * MEM_RESET: the contents of the pages wholly inside the range are no
         * longer needed; the system may drop them (MADV_FREE) until they are
         * written again.  MEM_RESET_UNDO keeps what was not dropped, which
         * writing them again already does.
         */
        uintptr_t start = (addr + page - 1) & ~(page - 1), end = (addr + dwSize) & ~(page - 1);
        pthread_mutex_lock(&virtual__lock);
        struct virtual__region *r = addr ? virtual__find(addr & ~(page - 1), addr + dwSize) : NULL;
        bool ok = r != NULL;
        for (uintptr_t p = addr & ~(page - 1); ok && p < addr + dwSize; p += page)
            ok = r->pages[(p - r->base) / page] != 0;
        if (ok && action == MEM_RESET && end > start)
            madvise((void *)start, end - start, MADV_FREE);
        pthread_mutex_unlock(&virtual__lock);
        if (!ok) {
            SetLastError(ERROR_INVALID_ADDRESS);
            return NULL;
        }
        return lpAddress;
    }

    if ((action & MEM_RESERVE) || !addr) {
        /* A new reservation: its start rounded down to 64 KiB, its end up to a page. */
        uintptr_t base = addr & ~(VIRTUAL__GRANULARITY - 1);
        uintptr_t end = ((addr ? addr : 0) + dwSize + page - 1) & ~(page - 1);
        if (end < base + dwSize) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        struct virtual__region *r = virtual__reserve(base, end - base, flProtect);
        if (!r)
            return NULL;
        if ((action & MEM_COMMIT) && !virtual__commit(r, 0, r->size / page, prot, flProtect)) {
            virtual__release(r);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        pthread_mutex_lock(&virtual__lock);
        r->next = virtual__regions;
        virtual__regions = r;
        pthread_mutex_unlock(&virtual__lock);
        return (LPVOID)r->base;
    }

    /* MEM_COMMIT in a reservation: the pages the range touches, rounded out to pages. */
    uintptr_t start = addr & ~(page - 1), end = (addr + dwSize + page - 1) & ~(page - 1);
    pthread_mutex_lock(&virtual__lock);
    struct virtual__region *r = virtual__find(start, end);
    bool ok =
        r && virtual__commit(r, (start - r->base) / page, (end - r->base) / page, prot, flProtect);
    pthread_mutex_unlock(&virtual__lock);
    if (!ok) {
        SetLastError(r ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_ADDRESS);
        return NULL;
    }
    return (LPVOID)start;
}

BOOL WINAPI VirtualFree(LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType)
{
    uintptr_t page = virtual__page();
    uintptr_t addr = (uintptr_t)lpAddress;
    if (dwFreeType != MEM_RELEASE && dwFreeType != MEM_DECOMMIT) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (dwFreeType == MEM_RELEASE && dwSize != 0) {
        /* MEM_RELEASE frees the whole reservation: its size must be 0 (documented). */
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    pthread_mutex_lock(&virtual__lock);
    if (dwFreeType == MEM_RELEASE) {
        struct virtual__region **link = &virtual__regions;
        while (*link && (*link)->base != addr)
            link = &(*link)->next;
        struct virtual__region *r = *link;
        if (r)
            *link = r->next;
        pthread_mutex_unlock(&virtual__lock);
        if (!r) {
            SetLastError(ERROR_INVALID_ADDRESS);
            return FALSE;
        }
        uintptr_t base = r->base;
        size_t size = r->size;
        virtual__release(r);
        sys_user_forget((void *)base, size); /* the pointer checks may have learned it */
        return TRUE;
    }
    /* MEM_DECOMMIT: the pages the range touches, or the whole reservation for size 0 at its base.
     */
    struct virtual__region *r;
    size_t first, last;
    if (dwSize == 0) {
        r = virtual__find(addr, addr + 1);
        if (r && r->base != addr)
            r = NULL;
        first = 0;
        last = r ? r->size / page : 0;
    } else {
        uintptr_t start = addr & ~(page - 1), end = (addr + dwSize + page - 1) & ~(page - 1);
        r = end > start ? virtual__find(start, end) : NULL;
        first = r ? (start - r->base) / page : 0;
        last = r ? (end - r->base) / page : 0;
    }
    uintptr_t gone = r ? r->base + first * page : 0;
    if (r)
        virtual__decommit(r, first, last);
    pthread_mutex_unlock(&virtual__lock);
    if (!r) {
        SetLastError(ERROR_INVALID_ADDRESS);
        return FALSE;
    }
    sys_user_forget((void *)gone, (last - first) * page);
    return TRUE;
}

/* A mapping of the process as /proc/self/maps lists it. */
struct virtual__mapping {
    uintptr_t start, end;
    DWORD protect;
    bool file;
    bool image; /* a file mapped executable somewhere: a program or a shared object */
};

static DWORD virtual__protect_of(const char *perms)
{
    bool r = perms[0] == 'r', w = perms[1] == 'w', x = perms[2] == 'x';
    if (x)
        return w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    return w ? PAGE_READWRITE : r ? PAGE_READONLY : PAGE_NOACCESS;
}

/*
 * The mapping holding addr, or (found false) the gap holding it: start and
 * end then bound the gap.  False if the map cannot be read.
 */
static bool virtual__lookup(uintptr_t addr, struct virtual__mapping *m, bool *found)
{
    FILE *f = fopen("/proc/self/maps", "re");
    if (!f)
        return false;
    char line[512];
    *found = false;
    m->start = 0;
    m->end = UINTPTR_MAX;
    while (fgets(line, sizeof(line), f)) {
        unsigned long s, e, inode;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s %*s %*s %lu", &s, &e, perms, &inode) != 4)
            continue;
        if (addr >= s && addr < e) {
            *found = true;
            m->start = s;
            m->end = e;
            m->protect = virtual__protect_of(perms);
            m->file = inode != 0;
            m->image = m->file && (strchr(line, '/') != NULL);
            break;
        }
        if (e <= addr)
            m->start = e;
        else if (s > addr) {
            m->end = s;
            break;
        }
    }
    fclose(f);
    return true;
}

BOOL WINAPI VirtualProtect(LPVOID lpAddress, SIZE_T dwSize, DWORD flNewProtect,
                           PDWORD lpflOldProtect)
{
    uintptr_t page = virtual__page();
    uintptr_t addr = (uintptr_t)lpAddress;
    if (!lpflOldProtect || !sys_user_writable(lpflOldProtect, sizeof(*lpflOldProtect))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    int prot;
    if (!virtual__check_prot(flNewProtect, true, &prot))
        return FALSE;
    if (dwSize == 0 || addr + dwSize < addr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    uintptr_t start = addr & ~(page - 1), end = (addr + dwSize + page - 1) & ~(page - 1);
    pthread_mutex_lock(&virtual__lock);
    struct virtual__region *r = virtual__find(start, start + 1);
    if (r) {
        /* Every page must be committed, and in this one reservation. */
        bool ok = end <= r->base + r->size;
        for (uintptr_t p = start; ok && p < end; p += page)
            ok = r->pages[(p - r->base) / page] != 0;
        if (ok) {
            DWORD old = r->pages[(start - r->base) / page];
            ok = mprotect((void *)start, end - start, prot) == 0;
            if (ok) {
                memset(r->pages + (start - r->base) / page, (int)flNewProtect,
                       (end - start) / page);
                *lpflOldProtect = old;
            }
        }
        pthread_mutex_unlock(&virtual__lock);
        if (!ok)
            SetLastError(ERROR_INVALID_ADDRESS);
        else
            sys_user_forget((void *)start, end - start);
        return ok;
    }
    pthread_mutex_unlock(&virtual__lock);

    /* Memory we did not allocate (the program's code, its data, malloc's). */
    struct virtual__mapping m;
    bool found;
    if (!virtual__lookup(start, &m, &found) || !found) {
        SetLastError(ERROR_INVALID_ADDRESS);
        return FALSE;
    }
    /*
     * The pointer checks take the program's data, its stacks and the brk
     * heap for read-write without asking the kernel; that stops being true
     * here.
     */
    if ((prot & (PROT_READ | PROT_WRITE)) != (PROT_READ | PROT_WRITE))
        sys_user_distrust();
    if (mprotect((void *)start, end - start, prot) != 0) {
        SetLastError(errno == EACCES ? ERROR_ACCESS_DENIED : ERROR_INVALID_ADDRESS);
        return FALSE;
    }
    *lpflOldProtect = m.protect;
    return TRUE;
}

SIZE_T WINAPI VirtualQuery(LPCVOID lpAddress, PMEMORY_BASIC_INFORMATION lpBuffer, SIZE_T dwLength)
{
    uintptr_t page = virtual__page();
    if (dwLength < sizeof(MEMORY_BASIC_INFORMATION)) {
        SetLastError(ERROR_BAD_LENGTH);
        return 0;
    }
    if (!lpBuffer || !sys_user_writable(lpBuffer, sizeof(*lpBuffer))) {
        SetLastError(ERROR_NOACCESS);
        return 0;
    }
    uintptr_t at = (uintptr_t)lpAddress & ~(page - 1);
    MEMORY_BASIC_INFORMATION mbi;
    memset(&mbi, 0, sizeof(mbi));
    mbi.BaseAddress = (PVOID)at;

    pthread_mutex_lock(&virtual__lock);
    struct virtual__region *r = virtual__find(at, at + 1);
    if (r) {
        /* The run of pages from here that share the state and protection of this one. */
        size_t i = (at - r->base) / page, n = r->size / page, j = i;
        unsigned char state = r->pages[i];
        while (j < n && r->pages[j] == state)
            j++;
        mbi.AllocationBase = (PVOID)r->base;
        mbi.AllocationProtect = r->alloc_protect;
        mbi.RegionSize = (j - i) * page;
        mbi.State = state ? MEM_COMMIT : MEM_RESERVE;
        mbi.Protect = state;
        mbi.Type = MEM_PRIVATE;
        pthread_mutex_unlock(&virtual__lock);
        *lpBuffer = mbi;
        return sizeof(mbi);
    }
    pthread_mutex_unlock(&virtual__lock);

    struct virtual__mapping m;
    bool found;
    if (!virtual__lookup(at, &m, &found)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (found) {
        mbi.AllocationBase = (PVOID)m.start;
        mbi.AllocationProtect = m.protect;
        mbi.RegionSize = m.end - at;
        mbi.State = MEM_COMMIT;
        mbi.Protect = m.protect;
        mbi.Type = m.image ? MEM_IMAGE : m.file ? MEM_MAPPED : MEM_PRIVATE;
    } else {
        mbi.RegionSize = m.end - at;
        mbi.State = MEM_FREE;
        mbi.Protect = PAGE_NOACCESS;
    }
    *lpBuffer = mbi;
    return sizeof(mbi);
}
