/*
 * Heaps: the process heap (GetProcessHeap) and private heaps (HeapCreate).
 *
 * Every block carries a header in front of it: a magic word and the heap it
 * belongs to, so that HeapFree of a pointer that is not a block of that heap
 * fails instead of corrupting memory; the size asked for, so that HeapSize
 * is exact and HeapReAlloc(HEAP_ZERO_MEMORY) zeroes exactly the grown part;
 * and, for a private heap, links into the heap's list of blocks, so that
 * HeapDestroy frees every block still allocated, as Windows does.
 *
 * The blocks come from malloc.  Process-heap blocks are not listed, so they
 * take no lock: the process heap is the hot one and never destroyed.  A
 * private heap's list is under the heap's lock (recursive, so that a thread
 * holding HeapLock may still allocate).  Heap handles themselves are looked
 * up in a registry, so that a call with a destroyed or made-up handle fails
 * rather than touching freed memory; a call counts itself as a user of the
 * heap while it runs, and HeapDestroy waits for the users to leave.  The
 * registry's lock is never held while a heap's lock is taken, so the two
 * cannot deadlock whatever a HeapLock holder does.
 */
#include <windows.h>

#include <malloc.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdbool.h>

#include "sys/usermem.h"

#define HEAP__BLOCK_MAGIC 0x48656170426c6b31ULL /* "HeapBlk1" */
#define HEAP__FREED_MAGIC 0x46726565426c6b31ULL /* "FreeBlk1": a block already freed */

struct heap;

/* The header before every block; 48 bytes, so the block keeps malloc's 16-byte alignment. */
struct heap__block {
    alignas(16) struct heap__block *prev, *next; /* private heaps' list */
    struct heap *heap;
    SIZE_T size; /* the size asked for */
    uint64_t magic;
    uint64_t pad;
};

struct heap {
    struct heap *next_heap;  /* the registry of private heaps */
    pthread_mutex_t lock;    /* recursive: HeapLock, then allocations by the same thread */
    struct heap__block list; /* sentinel of the block list (private heaps) */
    SIZE_T max;              /* dwMaximumSize, 0 for a growable heap */
    SIZE_T used;             /* bytes asked for by the blocks allocated now */
    unsigned held;           /* HeapLock calls not yet undone (under lock) */
    unsigned users;          /* calls between heap__enter and heap__leave (registry lock) */
    bool dying;              /* HeapDestroy waits for the users to leave (registry lock) */
    bool process;            /* the process heap: no list, no lock */
};

static struct heap heap__process = {.process = true};
static pthread_once_t heap__process_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t heap__registry_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t heap__registry_left = PTHREAD_COND_INITIALIZER; /* a user left a dying heap */
static struct heap *heap__registry;

static void heap__init_lock(struct heap *h)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&h->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    h->list.prev = h->list.next = &h->list;
}

static void heap__process_init(void)
{
    heap__init_lock(&heap__process);
}

HANDLE WINAPI GetProcessHeap(VOID)
{
    pthread_once(&heap__process_once, heap__process_init);
    return &heap__process;
}

HANDLE WINAPI HeapCreate(DWORD flOptions, SIZE_T dwInitialSize, SIZE_T dwMaximumSize)
{
    (void)flOptions; /* HEAP_NO_SERIALIZE, HEAP_GENERATE_EXCEPTIONS, ...: see heapapi.h */
    if (dwMaximumSize && dwInitialSize > dwMaximumSize) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    struct heap *h = calloc(1, sizeof(*h));
    if (!h) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    heap__init_lock(h);
    h->max = dwMaximumSize;
    pthread_mutex_lock(&heap__registry_lock);
    h->next_heap = heap__registry;
    heap__registry = h;
    pthread_mutex_unlock(&heap__registry_lock);
    return h;
}

/*
 * Looks up a heap handle and, for a private heap, counts the call as a user
 * (so it cannot be destroyed meanwhile) and takes the heap's lock; NULL if
 * the handle is not a heap.  heap__leave undoes it.
 */
static struct heap *heap__enter(HANDLE hHeap)
{
    if (hHeap == &heap__process) {
        pthread_once(&heap__process_once, heap__process_init);
        return &heap__process;
    }
    pthread_mutex_lock(&heap__registry_lock);
    struct heap *h = heap__registry;
    while (h && h != hHeap)
        h = h->next_heap;
    if (h)
        h->users++;
    pthread_mutex_unlock(&heap__registry_lock);
    if (h)
        pthread_mutex_lock(&h->lock);
    return h;
}

static void heap__leave(struct heap *h)
{
    if (h->process)
        return;
    pthread_mutex_unlock(&h->lock);
    pthread_mutex_lock(&heap__registry_lock);
    if (--h->users == 0 && h->dying)
        pthread_cond_broadcast(&heap__registry_left);
    pthread_mutex_unlock(&heap__registry_lock);
}

/*
 * The header of lpMem if it is a live block of heap h, else NULL; never
 * faults on a bad pointer.  Reading in front of a pointer that is not one of
 * our blocks is the point of the check, so AddressSanitizer is told not to
 * report it (the bytes are mapped: sys_user_readable said so).
 */
__attribute__((no_sanitize_address)) static struct heap__block *heap__block_of(struct heap *h,
                                                                               LPCVOID lpMem)
{
    if (!lpMem || ((uintptr_t)lpMem & 15) || (uintptr_t)lpMem < sizeof(struct heap__block))
        return NULL;
    struct heap__block *b = (struct heap__block *)lpMem - 1;
    if (!sys_user_readable(b, sizeof(*b)))
        return NULL;
    if (b->magic != HEAP__BLOCK_MAGIC || b->heap != h)
        return NULL;
    return b;
}

/* Whether a private heap with a maximum size has room for delta more bytes. */
static bool heap__room(struct heap *h, SIZE_T delta)
{
    return !h->max || (delta <= h->max && h->used <= h->max - delta);
}

static void heap__link(struct heap *h, struct heap__block *b)
{
    if (h->process)
        return;
    b->next = h->list.next;
    b->prev = &h->list;
    h->list.next->prev = b;
    h->list.next = b;
}

static void heap__unlink(struct heap *h, struct heap__block *b)
{
    if (h->process)
        return;
    b->prev->next = b->next;
    b->next->prev = b->prev;
}

LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)
{
    struct heap *h = heap__enter(hHeap);
    if (!h)
        return NULL; /* HeapAlloc does not set the last error (its documentation) */
    void *result = NULL;
    if (dwBytes <= (SIZE_T)PTRDIFF_MAX - sizeof(struct heap__block) && heap__room(h, dwBytes)) {
        /* At least one byte, so that a block of 0 bytes is still a distinct block. */
        size_t total = sizeof(struct heap__block) + (dwBytes ? dwBytes : 1);
        struct heap__block *b = (dwFlags & HEAP_ZERO_MEMORY) ? calloc(1, total) : malloc(total);
        if (b) {
            b->heap = h;
            b->size = dwBytes;
            b->magic = HEAP__BLOCK_MAGIC;
            heap__link(h, b);
            if (h->max) /* the process heap (max 0) is touched by threads without a lock */
                h->used += dwBytes;
            result = b + 1;
        }
    }
    heap__leave(h);
    return result;
}

LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes)
{
    struct heap *h = heap__enter(hHeap);
    if (!h)
        return NULL;
    void *result = NULL;
    struct heap__block *b = heap__block_of(h, lpMem);
    if (!b || dwBytes > (SIZE_T)PTRDIFF_MAX - sizeof(struct heap__block) ||
        (dwBytes > b->size && !heap__room(h, dwBytes - b->size)))
        goto out;
    SIZE_T old = b->size;
    size_t total = sizeof(struct heap__block) + (dwBytes ? dwBytes : 1);
    if (dwFlags & HEAP_REALLOC_IN_PLACE_ONLY) {
        /* Only within what malloc already gave the block. */
        if (malloc_usable_size(b) < total)
            goto out;
    } else {
        heap__unlink(h, b);
        struct heap__block *moved = realloc(b, total);
        if (!moved) {
            heap__link(h, b);
            goto out;
        }
        b = moved;
        heap__link(h, b);
    }
    if ((dwFlags & HEAP_ZERO_MEMORY) && dwBytes > old)
        memset((char *)(b + 1) + old, 0, dwBytes - old);
    b->size = dwBytes;
    if (h->max)
        h->used = h->used - old + dwBytes;
    result = b + 1;
out:
    heap__leave(h);
    return result;
}

BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)
{
    (void)dwFlags;
    struct heap *h = heap__enter(hHeap);
    if (!h) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!lpMem) { /* freeing NULL succeeds, as on Windows */
        heap__leave(h);
        return TRUE;
    }
    struct heap__block *b = heap__block_of(h, lpMem);
    if (!b) {
        heap__leave(h);
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    heap__unlink(h, b);
    if (h->max)
        h->used -= b->size;
    b->magic = HEAP__FREED_MAGIC;
    free(b);
    heap__leave(h);
    return TRUE;
}

SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
    (void)dwFlags;
    struct heap *h = heap__enter(hHeap);
    if (!h)
        return (SIZE_T)-1;
    struct heap__block *b = heap__block_of(h, lpMem);
    SIZE_T size = b ? b->size : (SIZE_T)-1;
    heap__leave(h);
    return size;
}

/* The heap is consistent by construction; a block is valid if it is a live block of the heap. */
BOOL WINAPI HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
    (void)dwFlags;
    struct heap *h = heap__enter(hHeap);
    if (!h)
        return FALSE;
    BOOL ok = !lpMem || heap__block_of(h, lpMem) != NULL;
    heap__leave(h);
    return ok;
}

/* Nothing to compact: report the largest block malloc could give, which is not known; 0. */
SIZE_T WINAPI HeapCompact(HANDLE hHeap, DWORD dwFlags)
{
    (void)dwFlags;
    struct heap *h = heap__enter(hHeap);
    if (!h) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    heap__leave(h);
    SetLastError(ERROR_SUCCESS);
    return 0;
}

/*
 * HeapLock keeps the heap's (recursive) lock until HeapUnlock.  Calls on a
 * private heap take that lock, so they wait meanwhile; the process heap's
 * calls do not, so its lock only orders HeapLock callers.
 */
BOOL WINAPI HeapLock(HANDLE hHeap)
{
    struct heap *h = heap__enter(hHeap);
    if (!h) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    pthread_mutex_lock(&h->lock);
    h->held++;
    heap__leave(h);
    return TRUE;
}

BOOL WINAPI HeapUnlock(HANDLE hHeap)
{
    struct heap *h = heap__enter(hHeap);
    if (!h) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (h->process) {
        /* Another thread holds it (trylock fails), or this one does and may undo a HeapLock. */
        if (pthread_mutex_trylock(&h->lock) != 0) {
            SetLastError(ERROR_NOT_LOCKED);
            return FALSE;
        }
        bool locked = h->held > 0;
        if (locked)
            h->held--;
        pthread_mutex_unlock(&h->lock);
        if (!locked) {
            SetLastError(ERROR_NOT_LOCKED);
            return FALSE;
        }
        pthread_mutex_unlock(&h->lock);
        return TRUE;
    }
    if (h->held == 0) {
        heap__leave(h);
        SetLastError(ERROR_NOT_LOCKED);
        return FALSE;
    }
    h->held--;
    pthread_mutex_unlock(&h->lock); /* HeapLock's; heap__leave releases heap__enter's */
    heap__leave(h);
    return TRUE;
}

BOOL WINAPI HeapDestroy(HANDLE hHeap)
{
    if (!hHeap || hHeap == &heap__process) {
        /* The process heap lives as long as the process. */
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    pthread_mutex_lock(&heap__registry_lock);
    struct heap **link = &heap__registry;
    while (*link && *link != hHeap)
        link = &(*link)->next_heap;
    struct heap *h = *link;
    if (!h) {
        pthread_mutex_unlock(&heap__registry_lock);
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    *link = h->next_heap;
    h->dying = true;
    while (h->users > 0)
        pthread_cond_wait(&heap__registry_left, &heap__registry_lock);
    pthread_mutex_unlock(&heap__registry_lock);
    /* No call can reach the heap any more: free its blocks, then the heap. */
    for (struct heap__block *b = h->list.next, *next; b != &h->list; b = next) {
        next = b->next;
        b->magic = HEAP__FREED_MAGIC;
        free(b);
    }
    pthread_mutex_destroy(&h->lock);
    free(h);
    return TRUE;
}
