/*
 * Memory (heapapi.h, memoryapi.h): heaps, the Local and Global allocators,
 * and virtual memory, with Windows' documented results.
 */
#include <heapapi.h> /* first: the headers compile alone */
#include <memoryapi.h>

#include "testlib.h"

/* Bytes malloc has handed out (testlib_linux.c); 0 under a sanitizer. */
size_t ws2t_malloc_in_use(void);

static int all_bytes(const void *p, size_t n, unsigned char v)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != v)
            return 0;
    return 1;
}

/* HEAP_ZERO_MEMORY zeroes; HeapSize is the size asked for; blocks are 16-byte aligned. */
static void heap_alloc_zeroes_and_sizes_exactly(void **state)
{
    (void)state;
    HANDLE heap = GetProcessHeap();
    assert_non_null(heap);
    assert_ptr_equal(GetProcessHeap(), heap);
    for (SIZE_T n = 0; n < 3000; n += 331) {
        /* Dirty memory first, so that zeroes do not come from a fresh page by chance. */
        unsigned char *dirty = HeapAlloc(heap, 0, n + 1);
        assert_non_null(dirty);
        memset(dirty, 0xab, n + 1);
        assert_true(HeapFree(heap, 0, dirty));
        unsigned char *p = HeapAlloc(heap, HEAP_ZERO_MEMORY, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        assert_true(all_bytes(p, n, 0));
        assert_int_equal(HeapSize(heap, 0, p), n);
        assert_true(HeapFree(heap, 0, p));
    }
    assert_true(HeapValidate(heap, 0, NULL));
}

/*
 * HeapReAlloc with HEAP_ZERO_MEMORY zeroes the part past the block's size,
 * and only that: bytes the block held before it shrank are zeroed when it
 * grows again, even where the block did not move.
 */
static void heap_realloc_zeroes_exactly_the_grown_part(void **state)
{
    (void)state;
    HANDLE heap = GetProcessHeap();
    unsigned char *p = HeapAlloc(heap, 0, 100);
    assert_non_null(p);
    memset(p, 0xab, 100);
    p = HeapReAlloc(heap, 0, p, 50);
    assert_non_null(p);
    assert_int_equal(HeapSize(heap, 0, p), 50);
    p = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 100);
    assert_non_null(p);
    assert_int_equal(HeapSize(heap, 0, p), 100);
    assert_true(all_bytes(p, 50, 0xab));
    assert_true(all_bytes(p + 50, 50, 0));

    p = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 100000);
    assert_non_null(p);
    assert_true(all_bytes(p, 50, 0xab));
    assert_true(all_bytes(p + 50, 100000 - 50, 0));
    assert_true(HeapFree(heap, 0, p));
}

/* HEAP_REALLOC_IN_PLACE_ONLY: a block that cannot grow where it is stays as it was (NULL). */
static void heap_realloc_in_place_only_never_moves(void **state)
{
    (void)state;
    HANDLE heap = GetProcessHeap();
    unsigned char *p = HeapAlloc(heap, 0, 64);
    assert_non_null(p);
    memset(p, 0x5a, 64);
    assert_null(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 1 << 20));
    assert_int_equal(HeapSize(heap, 0, p), 64);
    assert_true(all_bytes(p, 64, 0x5a));
    assert_ptr_equal(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 16), p);
    assert_int_equal(HeapSize(heap, 0, p), 16);
    assert_true(HeapFree(heap, 0, p));
}

/*
 * HeapFree(NULL) succeeds; a pointer that is not a block of that heap fails
 * (ERROR_INVALID_PARAMETER) instead of corrupting memory, and HeapSize of it
 * is (SIZE_T)-1.
 */
static void heap_free_refuses_what_is_not_its_block(void **state)
{
    (void)state;
    HANDLE heap = GetProcessHeap();
    assert_true(HeapFree(heap, 0, NULL));

    HANDLE other = HeapCreate(0, 0, 0);
    assert_non_null(other);
    void *mine = HeapAlloc(other, 0, 32);
    assert_non_null(mine);
    SetLastError(0);
    assert_false(HeapFree(heap, 0, mine)); /* a block of another heap */
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(HeapSize(heap, 0, mine) == (SIZE_T)-1);
    assert_false(HeapValidate(heap, 0, mine));
    assert_true(HeapFree(other, 0, mine));

    void *plain = malloc(64);
    SetLastError(0);
    assert_false(HeapFree(heap, 0, plain)); /* malloc's, not the heap's */
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    free(plain);

    _Alignas(16) char stack[64] = {0};
    SetLastError(0);
    assert_false(HeapFree(heap, 0, stack + 16));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    void *twice = HeapAlloc(heap, 0, 8);
    assert_true(HeapFree(other, 0, NULL));
    assert_true(HeapFree(heap, 0, twice));
    assert_true(HeapDestroy(other));
}

/*
 * HeapDestroy "decommits and releases all the pages of a private heap
 * object": every block still allocated goes with it (the leak checker of
 * the sanitizer build, and malloc's own count otherwise, see it).  The
 * handle is then no heap.
 */
static void heap_destroy_frees_every_block(void **state)
{
    (void)state;
    size_t before = ws2t_malloc_in_use();
    HANDLE heap = HeapCreate(HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS, 4096, 0);
    assert_non_null(heap);
    for (int i = 0; i < 1000; i++) {
        void *p = HeapAlloc(heap, i % 2 ? HEAP_ZERO_MEMORY : 0, 1000 + (SIZE_T)i);
        assert_non_null(p);
        if (i % 3 == 0) {
            p = HeapReAlloc(heap, 0, p, 3000);
            assert_non_null(p);
        }
        if (i % 5 == 0)
            assert_true(HeapFree(heap, 0, p));
    }
    size_t during = ws2t_malloc_in_use();
    assert_true(HeapDestroy(heap));
    size_t after = ws2t_malloc_in_use();
    if (during > before) /* the allocator counts (no sanitizer): the blocks went back */
        assert_true(after < before + 64 * 1024);

    SetLastError(0);
    assert_false(HeapDestroy(heap));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_null(HeapAlloc(heap, 0, 16));
    SetLastError(0);
    assert_false(HeapDestroy(GetProcessHeap()));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
}

/* A heap with a maximum size refuses allocations beyond it until blocks are freed. */
static void heap_with_maximum_size_is_fixed(void **state)
{
    (void)state;
    HANDLE heap = HeapCreate(0, 0, 64 * 1024);
    assert_non_null(heap);
    void *a = HeapAlloc(heap, 0, 40 * 1024);
    assert_non_null(a);
    assert_null(HeapAlloc(heap, 0, 30 * 1024));
    void *b = HeapAlloc(heap, 0, 20 * 1024);
    assert_non_null(b);
    assert_null(HeapReAlloc(heap, 0, b, 30 * 1024));
    assert_true(HeapFree(heap, 0, a));
    assert_non_null(HeapAlloc(heap, 0, 30 * 1024));
    assert_true(HeapDestroy(heap));
}

struct heap_lock_arg {
    HANDLE heap;
    volatile LONG done;
};

static DWORD WINAPI heap_lock_allocator(LPVOID p)
{
    struct heap_lock_arg *arg = p;
    void *block = HeapAlloc(arg->heap, 0, 10);
    InterlockedExchange(&arg->done, block ? 1 : 2);
    return 0;
}

/* HeapLock: another thread's allocation from that heap waits for HeapUnlock. */
static void heap_lock_holds_other_threads_off(void **state)
{
    (void)state;
    struct heap_lock_arg arg = {HeapCreate(0, 0, 0), 0};
    assert_non_null(arg.heap);
    SetLastError(0);
    assert_false(HeapUnlock(arg.heap)); /* not locked */
    assert_int_equal(GetLastError(), ERROR_NOT_LOCKED);
    assert_true(HeapLock(arg.heap));
    assert_non_null(HeapAlloc(arg.heap, 0, 10)); /* the holder may allocate */
    HANDLE t = ws2t_thread(heap_lock_allocator, &arg);
    Sleep(200);
    assert_int_equal(ws2t_load(&arg.done), 0);
    assert_true(HeapUnlock(arg.heap));
    ws2t_join(t);
    assert_int_equal(ws2t_load(&arg.done), 1);
    assert_true(HeapDestroy(arg.heap));

    HANDLE ph = GetProcessHeap();
    assert_true(HeapLock(ph));
    assert_true(HeapUnlock(ph));
    assert_false(HeapUnlock(ph));
}

static DWORD WINAPI heap_hammer(LPVOID p)
{
    HANDLE heap = p;
    void *blocks[64] = {0};
    for (int i = 0; i < 20000; i++) {
        int k = i % 64;
        if (blocks[k] && !HeapFree(heap, 0, blocks[k]))
            return 1;
        blocks[k] = HeapAlloc(heap, HEAP_ZERO_MEMORY, (SIZE_T)(i % 500));
        if (!blocks[k] || HeapSize(heap, 0, blocks[k]) != (SIZE_T)(i % 500))
            return 2;
    }
    /* A private heap's last blocks stay: HeapDestroy takes them. */
    if (heap == GetProcessHeap())
        for (int k = 0; k < 64; k++)
            if (!HeapFree(heap, 0, blocks[k]))
                return 3;
    return 0;
}

/* Threads allocating from one private heap at once; HeapDestroy afterwards takes what is left. */
static void heap_is_shared_by_threads(void **state)
{
    (void)state;
    HANDLE heap = HeapCreate(0, 0, 0);
    assert_non_null(heap);
    HANDLE t[4];
    for (int i = 0; i < 4; i++)
        t[i] = ws2t_thread(heap_hammer, i % 2 ? heap : GetProcessHeap());
    for (int i = 0; i < 4; i++) {
        assert_int_equal(WaitForSingleObject(t[i], 60000), WAIT_OBJECT_0);
        DWORD code = 99;
        assert_true(GetExitCodeThread(t[i], &code));
        assert_int_equal(code, 0);
        CloseHandle(t[i]);
    }
    assert_true(HeapDestroy(heap));
}

/*
 * LocalAlloc/GlobalAlloc: ZEROINIT (LPTR, GPTR) zeroes; a fixed block's
 * handle is its address; LocalFree/GlobalFree return NULL; their blocks are
 * the C library's, so LocalFree releases what malloc gave (FormatMessage's
 * FORMAT_MESSAGE_ALLOCATE_BUFFER relies on it).
 */
static void local_and_global_alloc_zero_and_free(void **state)
{
    (void)state;
    for (int i = 0; i < 2; i++) {
        unsigned char *dirty = LocalAlloc(LMEM_FIXED, 500);
        assert_non_null(dirty);
        memset(dirty, 0xee, 500);
        assert_null(LocalFree(dirty));
        unsigned char *p = i ? GlobalAlloc(GPTR, 500) : LocalAlloc(LPTR, 500);
        assert_non_null(p);
        assert_true(all_bytes(p, 500, 0));
        assert_true((i ? GlobalSize(p) : LocalSize(p)) >= 500);
        assert_null(i ? GlobalFree(p) : LocalFree(p));
    }
    assert_null(LocalFree(NULL));
    assert_null(LocalFree(malloc(16)));

    HGLOBAL g = GlobalAlloc(GHND, 64);
    assert_non_null(g);
    unsigned char *gp = GlobalLock(g);
    assert_non_null(gp);
    assert_true(all_bytes(gp, 64, 0));
    memset(gp, 1, 64);
    SetLastError(0);
    assert_false(GlobalUnlock(g)); /* not locked any more */
    assert_int_equal(GetLastError(), ERROR_NOT_LOCKED);
    HGLOBAL g2 = GlobalReAlloc(g, 100000, GMEM_MOVEABLE | GMEM_ZEROINIT);
    assert_non_null(g2);
    assert_true(all_bytes(g2, 64, 1));
    assert_true(all_bytes((unsigned char *)g2 + 64 * 2, 100000 - 64 * 2, 0));
    assert_null(GlobalFree(g2));

    SetLastError(0);
    assert_null(LocalAlloc(0x10000000, 16)); /* no such flag */
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
}

/* A read-write page as far as the library's pointer checks see it (FileTimeToSystemTime writes). */
static int writable(void *p)
{
    FILETIME ft = {0, 0};
    return FileTimeToSystemTime(&ft, (SYSTEMTIME *)p) ? 1 : 0;
}

/*
 * Reserve, then commit pages of the reservation: they read as zeros, the
 * reservation starts on 64 KiB, VirtualQuery reports the states, and
 * VirtualProtect changes the protection and reports the old one.
 */
static void virtual_reserve_commit_protect_decommit_release(void **state)
{
    (void)state;
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    SIZE_T page = si.dwPageSize;
    unsigned char *base = VirtualAlloc(NULL, 100000, MEM_RESERVE, PAGE_NOACCESS);
    assert_non_null(base);
    assert_int_equal((uintptr_t)base % si.dwAllocationGranularity, 0);

    MEMORY_BASIC_INFORMATION mbi;
    assert_int_equal(VirtualQuery(base, &mbi, sizeof(mbi)), sizeof(mbi));
    assert_ptr_equal(mbi.BaseAddress, base);
    assert_ptr_equal(mbi.AllocationBase, base);
    assert_int_equal(mbi.State, MEM_RESERVE);
    assert_int_equal(mbi.RegionSize, (100000 + page - 1) / page * page);
    assert_int_equal(mbi.Type, MEM_PRIVATE);

    /* Committing rounds out to whole pages and answers the first page's address. */
    unsigned char *p = VirtualAlloc(base + page + 100, 10, MEM_COMMIT, PAGE_READWRITE);
    assert_ptr_equal(p, base + page);
    assert_true(all_bytes(p, page, 0));
    memset(p, 0x77, page);
    assert_int_equal(VirtualQuery(p + 5, &mbi, sizeof(mbi)), sizeof(mbi));
    assert_ptr_equal(mbi.BaseAddress, p);
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, PAGE_READWRITE);
    assert_int_equal(mbi.RegionSize, page);
    assert_int_equal(mbi.AllocationProtect, PAGE_NOACCESS);

    /* Committing again keeps the contents. */
    assert_ptr_equal(VirtualAlloc(p, page, MEM_COMMIT, PAGE_READWRITE), p);
    assert_true(all_bytes(p, page, 0x77));

    DWORD old = 0;
    assert_true(VirtualProtect(p, 1, PAGE_READONLY, &old));
    assert_int_equal(old, PAGE_READWRITE);
    assert_int_equal(VirtualQuery(p, &mbi, sizeof(mbi)), sizeof(mbi));
    assert_int_equal(mbi.Protect, PAGE_READONLY);
    assert_false(writable(p));
    assert_true(all_bytes(p, page, 0x77));
    assert_true(VirtualProtect(p, page, PAGE_READWRITE, &old));
    assert_int_equal(old, PAGE_READONLY);
    assert_true(writable(p));

    /* Pages only reserved cannot be protected; the old value must have somewhere to go. */
    SetLastError(0);
    assert_false(VirtualProtect(base, page, PAGE_READWRITE, &old));
    assert_int_equal(GetLastError(), ERROR_INVALID_ADDRESS);
    SetLastError(0);
    assert_false(VirtualProtect(p, page, PAGE_READWRITE, NULL));
    assert_int_equal(GetLastError(), ERROR_NOACCESS);

    /* Decommit: back to reserved; committed again, the page is zero. */
    assert_true(VirtualFree(p, page, MEM_DECOMMIT));
    assert_int_equal(VirtualQuery(p, &mbi, sizeof(mbi)), sizeof(mbi));
    assert_int_equal(mbi.State, MEM_RESERVE);
    assert_ptr_equal(VirtualAlloc(p, page, MEM_COMMIT, PAGE_READWRITE), p);
    assert_true(all_bytes(p, page, 0));

    /* MEM_RELEASE wants the base and a size of 0. */
    SetLastError(0);
    assert_false(VirtualFree(base, page, MEM_RELEASE));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_false(VirtualFree(base + page, 0, MEM_RELEASE));
    assert_int_equal(GetLastError(), ERROR_INVALID_ADDRESS);
    SetLastError(0);
    assert_false(VirtualFree(base, 0, MEM_RELEASE | MEM_DECOMMIT));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(VirtualFree(base, 0, MEM_RELEASE));
    SetLastError(0);
    assert_false(VirtualFree(base, 0, MEM_RELEASE));
    assert_int_equal(GetLastError(), ERROR_INVALID_ADDRESS);
}

/*
 * A reservation at an address starts at that address rounded down to
 * 64 KiB; the same range cannot be reserved twice (ERROR_INVALID_ADDRESS),
 * nor committed outside a reservation.
 */
static void virtual_alloc_at_an_address(void **state)
{
    (void)state;
    unsigned char *base = VirtualAlloc(NULL, 1 << 20, MEM_RESERVE, PAGE_NOACCESS);
    assert_non_null(base);
    assert_true(VirtualFree(base, 0, MEM_RELEASE));

    unsigned char *again =
        VirtualAlloc(base + 65536 + 1234, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    assert_ptr_equal(again, base + 65536);
    assert_true(all_bytes(again, 4096, 0));
    SetLastError(0);
    assert_null(VirtualAlloc(base + 65536, 4096, MEM_RESERVE, PAGE_READWRITE));
    assert_int_equal(GetLastError(), ERROR_INVALID_ADDRESS);
    assert_true(VirtualFree(again, 0, MEM_RELEASE));

    int local;
    SetLastError(0);
    assert_null(VirtualAlloc(&local, 4, MEM_COMMIT, PAGE_READWRITE));
    assert_int_equal(GetLastError(), ERROR_INVALID_ADDRESS);

    /* MEM_COMMIT alone with no address reserves and commits at once. */
    unsigned char *c = VirtualAlloc(NULL, 10000, MEM_COMMIT, PAGE_READWRITE);
    assert_non_null(c);
    assert_true(all_bytes(c, 10000, 0));
    memset(c, 1, 10000);
    assert_ptr_equal(VirtualAlloc(c, 10000, MEM_RESET, PAGE_NOACCESS), c);
    assert_true(VirtualFree(c, 0, MEM_RELEASE));
}

/* Bad arguments: ERROR_INVALID_PARAMETER, never a mapping. */
static void virtual_alloc_refuses_bad_arguments(void **state)
{
    (void)state;
    struct {
        SIZE_T size;
        DWORD type, protect;
    } bad[] = {
        {0, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE},
        {4096, 0, PAGE_READWRITE},
        {4096, MEM_DECOMMIT, PAGE_READWRITE},
        {4096, MEM_COMMIT | MEM_RESERVE, 0},
        {4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE | PAGE_READONLY},
        {4096, MEM_COMMIT | MEM_RESERVE, PAGE_WRITECOPY},
        {4096, MEM_COMMIT | MEM_RESERVE, PAGE_EXECUTE_WRITECOPY},
        {4096, MEM_RESET | MEM_COMMIT, PAGE_READWRITE},
    };
    for (size_t i = 0; i < ARRAYSIZE(bad); i++) {
        SetLastError(0);
        assert_null(VirtualAlloc(NULL, bad[i].size, bad[i].type, bad[i].protect));
        assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    }
    SetLastError(0);
    assert_false(VirtualFree(NULL, 0, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    MEMORY_BASIC_INFORMATION mbi;
    assert_int_equal(VirtualQuery(&mbi, &mbi, sizeof(mbi) - 1), 0);
}

/*
 * VirtualProtect and VirtualQuery also work on memory VirtualAlloc did not
 * give: the program's data and code.
 */
static _Alignas(65536) unsigned char static_pages[2 * 65536];

static void virtual_protect_and_query_other_memory(void **state)
{
    (void)state;
    static_pages[0] = 1;
    DWORD old = 0;
    assert_true(VirtualProtect(static_pages, 100, PAGE_READONLY, &old));
    assert_int_equal(old, PAGE_READWRITE);
    assert_false(writable(static_pages));
    assert_true(VirtualProtect(static_pages, 100, PAGE_READWRITE, &old));
    assert_int_equal(old, PAGE_READONLY);
    assert_true(writable(static_pages));

    MEMORY_BASIC_INFORMATION mbi;
    void *code;
    void (*fn)(void **) = virtual_protect_and_query_other_memory;
    memcpy(&code, &fn, sizeof(code));
    assert_int_equal(VirtualQuery(code, &mbi, sizeof(mbi)), sizeof(mbi));
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, PAGE_EXECUTE_READ);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    assert_true((uintptr_t)mbi.BaseAddress <= (uintptr_t)code);
    assert_true((uintptr_t)mbi.BaseAddress + mbi.RegionSize > (uintptr_t)code);

    /* Memory nobody mapped is free. */
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    unsigned char *gone = VirtualAlloc(NULL, 65536, MEM_RESERVE, PAGE_NOACCESS);
    assert_non_null(gone);
    assert_true(VirtualFree(gone, 0, MEM_RELEASE));
    assert_int_equal(VirtualQuery(gone, &mbi, sizeof(mbi)), sizeof(mbi));
    assert_int_equal(mbi.State, MEM_FREE);
    assert_int_equal(mbi.Protect, PAGE_NOACCESS);
}

/* The Rtl helpers of memoryapi.h. */
static void memory_helpers(void **state)
{
    (void)state;
    char buf[16] = "secret password";
    assert_ptr_equal(SecureZeroMemory(buf, sizeof(buf)), buf);
    assert_true(all_bytes(buf, sizeof(buf), 0));
    RtlFillMemory(buf, 8, 'a');
    assert_true(all_bytes(buf, 8, 'a'));
    MoveMemory(buf + 1, buf, 8);
    assert_true(all_bytes(buf, 9, 'a'));
    RtlCopyMemory(buf + 9, "xyz", 3);
    assert_true(RtlEqualMemory(buf + 9, "xyz", 3));
    assert_int_equal(RtlCompareMemory(buf, "aaaab", 5), 4);
    RtlSecureZeroMemory(buf, 4);
    assert_true(all_bytes(buf, 4, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(heap_alloc_zeroes_and_sizes_exactly),
        cmocka_unit_test(heap_realloc_zeroes_exactly_the_grown_part),
        cmocka_unit_test(heap_realloc_in_place_only_never_moves),
        cmocka_unit_test(heap_free_refuses_what_is_not_its_block),
        cmocka_unit_test(heap_destroy_frees_every_block),
        cmocka_unit_test(heap_with_maximum_size_is_fixed),
        cmocka_unit_test(heap_lock_holds_other_threads_off),
        cmocka_unit_test(heap_is_shared_by_threads),
        cmocka_unit_test(local_and_global_alloc_zero_and_free),
        cmocka_unit_test(virtual_reserve_commit_protect_decommit_release),
        cmocka_unit_test(virtual_alloc_at_an_address),
        cmocka_unit_test(virtual_alloc_refuses_bad_arguments),
        cmocka_unit_test(virtual_protect_and_query_other_memory),
        cmocka_unit_test(memory_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
