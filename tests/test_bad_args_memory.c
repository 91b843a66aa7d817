/*
 * Bad arguments, part four: pointers into memory the library's pointer
 * check learns about rather than asks the kernel about each time (see
 * src/sys/usermem.h): the heaps of other threads' malloc arenas, where a
 * server's workers keep their connections' OVERLAPPED and WSABUF, and
 * memory the program maps and releases through VirtualAlloc/VirtualFree.
 * What it learned must never vouch for memory that is not there: a span
 * past the top of such a heap, or memory released since, still fails with
 * WSAEFAULT, never a crash.  See bad_args.h.
 */
#include "bad_args.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Long enough for the check to learn the mappings again at least once (it waits at most 1 s). */
#define LEARN_MS 2200

/* A block from the malloc arena of a thread of its own, as a worker allocates its connections. */
struct worker_block {
    size_t size;
    char *p;
};

static DWORD WINAPI worker_alloc(LPVOID arg)
{
    struct worker_block *b = arg;
    b->p = calloc(1, b->size);
    return 0;
}

static char *alloc_on_a_worker(size_t size)
{
    struct worker_block b = {size, NULL};
    ws2t_join(ws2t_thread(worker_alloc, &b));
    assert_non_null(b.p);
    return b.p;
}

/* getsockopt(SO_TYPE) into optval for LEARN_MS: each call checks optval, which may teach the check.
 */
static void teach(SOCKET s, char *optval)
{
    uint64_t start = ws2t_now_ms();
    while (ws2t_now_ms() - start < LEARN_MS) {
        int len = sizeof(int);
        assert_int_equal(getsockopt(s, SOL_SOCKET, SO_TYPE, optval, &len), 0);
        assert_int_equal(*(int *)optval, SOCK_STREAM);
        Sleep(20);
    }
}

/* A worker's OVERLAPPED, WSABUF, flags and buffer serve an overlapped receive as any others do. */
static void a_workers_heap_serves_overlapped_receives(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    struct conn {
        WSAOVERLAPPED ov;
        WSABUF wb;
        DWORD flags, bytes;
        char buf[64];
    } *c = (struct conn *)alloc_on_a_worker(sizeof(struct conn));
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    for (int i = 0; i < 200; i++) {
        memset(&c->ov, 0, sizeof(c->ov));
        c->ov.hEvent = event;
        c->wb.buf = c->buf;
        c->wb.len = sizeof(c->buf);
        c->flags = 0;
        int r = WSARecv(server, &c->wb, 1, NULL, &c->flags, &c->ov, NULL);
        assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
        char byte = (char)i;
        assert_int_equal(send(client, &byte, 1, 0), 1);
        assert_true(WSAGetOverlappedResult(server, &c->ov, &c->bytes, TRUE, &c->flags));
        assert_int_equal(c->bytes, 1);
        assert_int_equal(c->buf[0], (char)i);
    }
    CloseHandle(event);
    free(c);
    closesocket(client);
    closesocket(server);
}

/*
 * An arena heap is read-write up to its top, and then reserved without
 * access: four bytes astride the top are not a valid part of the address
 * space, however well the check knows the heap below.  The heap is laid
 * out by hand as glibc lays out a worker's (whose own allocator a
 * sanitizer replaces).
 */
static void a_span_past_the_top_of_an_arena_heap_is_efault(void **state)
{
    (void)state;
    const size_t rw = 1 << 20;
    char *heap = ws2t_arena_like_heap(rw);
    assert_non_null(heap);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    teach(s, heap + 4096);
    int len = sizeof(int);
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_TYPE, heap + rw - 2, &len), SOCKET_ERROR,
                      WSAEFAULT);
    /* Past the top altogether, and the last int below it, which serves. */
    len = sizeof(int);
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_TYPE, heap + rw + 64, &len), SOCKET_ERROR,
                      WSAEFAULT);
    len = sizeof(int);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_TYPE, heap + rw - sizeof(int), &len), 0);
    closesocket(s);
}

/*
 * Virtual memory laid out as an arena heap (64 MiB reserved on its
 * boundary, the first megabyte committed read-write) looks like one to the
 * check, which learns it while a call uses it.  Once the program takes it
 * away through us, a pointer into it fails with WSAEFAULT (the check
 * forgets what it learned) rather than crashing the library that would
 * write through it.
 */
enum take_away { RELEASE, DECOMMIT, PROTECT_READ_ONLY, RECOMMIT_READ_ONLY };

static void taken_away_virtual_memory_is_efault(enum take_away how)
{
    const SIZE_T heap = (SIZE_T)64 << 20, rw = 1 << 20;
    char *mem = NULL;
    /* A free 64 MiB boundary: inside a reservation twice that size, released again. */
    for (int attempt = 0; attempt < 5 && !mem; attempt++) {
        char *probe = VirtualAlloc(NULL, 2 * heap, MEM_RESERVE, PAGE_NOACCESS);
        assert_non_null(probe);
        char *at = (char *)(((uintptr_t)probe + heap - 1) & ~(uintptr_t)(heap - 1));
        assert_true(VirtualFree(probe, 0, MEM_RELEASE));
        mem = VirtualAlloc(at, heap, MEM_RESERVE, PAGE_NOACCESS); /* NULL if taken meanwhile */
    }
    assert_non_null(mem);
    assert_ptr_equal(VirtualAlloc(mem, rw, MEM_COMMIT, PAGE_READWRITE), mem);

    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char *optval = mem + 4096;
    teach(s, optval);
    DWORD old;
    switch (how) {
    case RELEASE: assert_true(VirtualFree(mem, 0, MEM_RELEASE)); break;
    case DECOMMIT: assert_true(VirtualFree(mem, rw, MEM_DECOMMIT)); break;
    case PROTECT_READ_ONLY: assert_true(VirtualProtect(optval, 4096, PAGE_READONLY, &old)); break;
    case RECOMMIT_READ_ONLY:
        assert_ptr_equal(VirtualAlloc(optval, 4096, MEM_COMMIT, PAGE_READONLY), optval);
        break;
    }
    int len = sizeof(int);
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_TYPE, optval, &len), SOCKET_ERROR, WSAEFAULT);
    closesocket(s);
    if (how != RELEASE)
        assert_true(VirtualFree(mem, 0, MEM_RELEASE));
}

static void released_virtual_memory_is_efault(void **state)
{
    (void)state;
    taken_away_virtual_memory_is_efault(RELEASE);
}

static void decommitted_virtual_memory_is_efault(void **state)
{
    (void)state;
    taken_away_virtual_memory_is_efault(DECOMMIT);
}

static void virtual_memory_protected_read_only_is_efault_for_output(void **state)
{
    (void)state;
    taken_away_virtual_memory_is_efault(PROTECT_READ_ONLY);
}

static void virtual_memory_committed_again_read_only_is_efault_for_output(void **state)
{
    (void)state;
    taken_away_virtual_memory_is_efault(RECOMMIT_READ_ONLY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_workers_heap_serves_overlapped_receives, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_span_past_the_top_of_an_arena_heap_is_efault, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(released_virtual_memory_is_efault, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(decommitted_virtual_memory_is_efault, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(virtual_memory_protected_read_only_is_efault_for_output,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            virtual_memory_committed_again_read_only_is_efault_for_output, ws2t_setup,
            ws2t_teardown),
    };
    return cmocka_run_group_tests_name("bad_args_memory", tests, NULL, NULL);
}
