/*
 * Windows' integer widths meet Linux's: on Windows `long` and `unsigned
 * long` are 32 bits, the same types as LONG and u_long, so Windows code
 * passes `unsigned long *` to ioctlsocket and `long *` to Interlocked*.
 * Here they are 64 bits and LONG / u_long keep Windows' 32; the calls
 * accept both (issue 9: "Accept both (C++ overloads, _Generic in C)
 * without changing the Windows widths of our types").
 *
 * This file is compiled with -Werror=incompatible-pointer-types (gcc 14's
 * default; tests/CMakeLists.txt), so each call below with a Linux-width
 * pointer is a compile error unless the header accepts it.  The C++ side
 * is tests/abi/coexist_widths.cpp.
 */
#include <pthread.h>
#include <string.h>

#include <winsock2.h>
#include <windows.h>

#include "testlib.h"

_Static_assert(sizeof(u_long) == 4 && sizeof(LONG) == 4 && sizeof(ULONG) == 4, "Windows widths");
_Static_assert(sizeof(unsigned long) == 8, "an LP64 target");

/*
 * FIONBIO through `unsigned long`: "Set argp to a nonzero value if the
 * nonblocking mode should be enabled, or zero if the nonblocking mode
 * should be disabled"; the input is not written back.
 */
static void ioctlsocket_fionbio_takes_unsigned_long(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    unsigned long mode = 1;
    assert_int_equal(ioctlsocket(s, FIONBIO, &mode), 0);
    assert_int_equal(mode, 1);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    mode = 0;
    assert_int_equal(ioctlsocket(s, FIONBIO, &mode), 0);
    assert_int_equal(send(c, "x", 1, 0), 1);
    assert_int_equal(recv(s, &b, 1, 0), 1); /* blocking again: waits for the byte */
    closesocket(c);
    closesocket(s);
}

/*
 * FIONREAD through `unsigned long`: "argp points to an unsigned long value
 * in which ioctlsocket stores the result" — the whole unsigned long, so
 * bits the caller left set above the 32 Windows has are cleared.  Also
 * SIOCATMARK ("If no OOB data is waiting to be read, the operation returns
 * TRUE").
 */
static void ioctlsocket_fionread_fills_the_whole_unsigned_long(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "hello", 5, 0), 5);
    unsigned long avail = 0;
    uint64_t deadline = ws2t_now_ms() + 10000;
    while (avail < 5 && ws2t_now_ms() < deadline) {
        avail = ~0UL;
        assert_int_equal(ioctlsocket(s, FIONREAD, &avail), 0);
        assert_true(avail <= 5);
        if (avail < 5)
            Sleep(10);
    }
    assert_int_equal(avail, 5);

    unsigned long atmark = ~0UL;
    assert_int_equal(ioctlsocket(s, SIOCATMARK, &atmark), 0);
    assert_int_equal(atmark, 1);
    closesocket(c);
    closesocket(s);
}

/*
 * The u_long form still is the function itself: a u_long argument, the
 * function's address, and a call through the name in parentheses.  Bad
 * arguments keep their errors: WSAENOTSOCK before WSAEFAULT.
 */
static void ioctlsocket_is_still_the_function(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    int(WSAAPI * fn)(SOCKET, LONG, u_long *) = &ioctlsocket;
    u_long on = 1;
    assert_int_equal(fn(s, FIONBIO, &on), 0);
    assert_int_equal((ioctlsocket)(s, FIONBIO, &on), 0);
    DWORD dw = 0;
    assert_int_equal(ioctlsocket(s, FIONBIO, &dw), 0);

    unsigned long *bad = ws2t_page(0);
    assert_int_equal(ioctlsocket(s, FIONREAD, bad), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(ioctlsocket(s, FIONREAD, (unsigned long *)NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    unsigned long n;
    assert_int_equal(ioctlsocket(INVALID_SOCKET, FIONREAD, &n), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(ioctlsocket(INVALID_SOCKET, FIONREAD, bad), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    closesocket(c);
    closesocket(s);
}

/* Interlocked* on the integer types Windows code declares counters with. */
static void interlocked_takes_long_unsigned_and_long_long(void **state)
{
    (void)state;
    volatile LONG l32 = 0;
    long l = 0;
    volatile long vl = 10;
    unsigned long ul = 0;
    unsigned int u = 5;
    DWORD dw = 0;
    long long ll = 0;
    unsigned long long ull = 0;
    LONGLONG i64 = 0;
    ULONGLONG u64 = 0;

    assert_int_equal(InterlockedIncrement(&l32), 1);
    assert_int_equal(InterlockedIncrement(&l), 1);
    assert_int_equal(InterlockedDecrement(&vl), 9);
    assert_int_equal(InterlockedIncrement(&ul), 1);
    assert_int_equal(InterlockedExchangeAdd(&u, 3), 5);
    assert_int_equal(u, 8);
    assert_int_equal(InterlockedIncrement(&dw), 1);
    assert_int_equal(InterlockedExchange(&l, 42), 1);
    assert_int_equal(InterlockedCompareExchange(&l, 7, 42), 42);
    assert_int_equal(l, 7);
    assert_int_equal(InterlockedCompareExchange(&ul, 9, 0), 1); /* no exchange */
    assert_int_equal(ul, 1);
    assert_int_equal(InterlockedAdd(&l, 3), 10);
    assert_int_equal(InterlockedOr(&ul, 6), 1);
    assert_int_equal(InterlockedAnd(&ul, 3), 7);
    assert_int_equal(InterlockedXor(&ul, 1), 3);
    assert_int_equal(ul, 2);

    assert_int_equal(InterlockedIncrement64(&ll), 1);
    assert_int_equal(InterlockedIncrement64(&ull), 1);
    assert_int_equal(InterlockedIncrement64(&i64), 1);
    assert_int_equal(InterlockedExchangeAdd64(&u64, 5), 0);
    assert_int_equal(InterlockedCompareExchange64(&ll, 3, 1), 1);
    assert_int_equal(ll, 3);
    assert_int_equal(InterlockedExchange64(&ull, 1ULL << 40), 1);
    assert_true(ull == 1ULL << 40);
    /* A 64-bit long holds what a 64-bit add makes of it. */
    long big = 0x7fffffffL;
    assert_true(InterlockedIncrement(&big) == 0x80000000L);
}

/* The long forms are atomic: threads adding to one long lose no increment. */
#define WIDTHS_THREADS 4
#define WIDTHS_ROUNDS  100000
static long widths_counter;
static unsigned long widths_ucounter;
static void *widths_adder(void *arg)
{
    (void)arg;
    for (int i = 0; i < WIDTHS_ROUNDS; i++) {
        InterlockedIncrement(&widths_counter);
        InterlockedExchangeAdd(&widths_ucounter, 2UL);
    }
    return NULL;
}
static void interlocked_long_forms_are_atomic(void **state)
{
    (void)state;
    pthread_t t[WIDTHS_THREADS];
    for (int i = 0; i < WIDTHS_THREADS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, widths_adder, NULL), 0);
    for (int i = 0; i < WIDTHS_THREADS; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(widths_counter, WIDTHS_THREADS * WIDTHS_ROUNDS);
    assert_int_equal(widths_ucounter, 2UL * WIDTHS_THREADS * WIDTHS_ROUNDS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ioctlsocket_fionbio_takes_unsigned_long),
        cmocka_unit_test(ioctlsocket_fionread_fills_the_whole_unsigned_long),
        cmocka_unit_test(ioctlsocket_is_still_the_function),
        cmocka_unit_test(interlocked_takes_long_unsigned_and_long_long),
        cmocka_unit_test(interlocked_long_forms_are_atomic),
    };
    return cmocka_run_group_tests(tests, ws2t_setup, ws2t_teardown);
}
