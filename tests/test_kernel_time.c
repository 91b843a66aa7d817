/*
 * Time: Sleep, SleepEx (without APCs; see test_kernel_apc.c for those),
 * GetTickCount(64) and QueryPerformanceCounter/Frequency.  Timing checks
 * bound from below (an interval never ends early) and from above by a
 * generous 5 s; they never assert speed.
 */
#include "testlib.h"

/*
 * Sleep: "Suspends the execution of the current thread until the time-out
 * interval elapses"; 0 just gives up the rest of the time slice.  SleepEx
 * "returns zero if the specified time interval expired", alertable or not.
 */
static void sleep_and_sleepex_timing(void **state)
{
    (void)state;
    double start = ws2t_now_ms_fine();
    Sleep(0);
    assert_int_equal(SleepEx(0, FALSE), 0);
    assert_int_equal(SleepEx(0, TRUE), 0);
    assert_true(ws2t_now_ms_fine() - start < 5000);

    start = ws2t_now_ms_fine();
    Sleep(150);
    double took = ws2t_now_ms_fine() - start;
    assert_true(took >= 145 && took < 5000);

    start = ws2t_now_ms_fine();
    assert_int_equal(SleepEx(100, FALSE), 0);
    took = ws2t_now_ms_fine() - start;
    assert_true(took >= 95 && took < 5000);

    start = ws2t_now_ms_fine();
    assert_int_equal(SleepEx(100, TRUE), 0);
    took = ws2t_now_ms_fine() - start;
    assert_true(took >= 95 && took < 5000);
}

/*
 * GetTickCount64: milliseconds since the system started, never decreasing;
 * GetTickCount is the same count in 32 bits.  QueryPerformanceFrequency:
 * nonzero and "fixed at system boot"; QueryPerformanceCounter never goes
 * back and its ticks divided by the frequency measure real time.
 */
static void clocks_are_monotonic(void **state)
{
    (void)state;
    ULONGLONG prev = GetTickCount64();
    for (int i = 0; i < 100000; i++) {
        ULONGLONG t = GetTickCount64();
        assert_true(t >= prev);
        prev = t;
    }
    DWORD t32 = GetTickCount();
    assert_true((DWORD)(t32 - (DWORD)GetTickCount64()) <= 1000 ||
                (DWORD)((DWORD)GetTickCount64() - t32) <= 1000);

    LARGE_INTEGER f1, f2, c1, c2;
    assert_true(QueryPerformanceFrequency(&f1));
    assert_true(f1.QuadPart > 0);
    ULONGLONG tick_before = GetTickCount64();
    assert_true(QueryPerformanceCounter(&c1));
    for (int i = 0; i < 10000; i++) {
        assert_true(QueryPerformanceCounter(&c2));
        assert_true(c2.QuadPart >= c1.QuadPart);
    }
    Sleep(100);
    assert_true(QueryPerformanceCounter(&c2));
    ULONGLONG tick_after = GetTickCount64();
    assert_true(c2.QuadPart > c1.QuadPart);
    double ms = (double)(c2.QuadPart - c1.QuadPart) * 1000.0 / (double)f1.QuadPart;
    assert_true(ms >= 95 && ms < 5000);
    assert_true(tick_after - tick_before >= 90 && tick_after - tick_before < 5000);
    assert_true(QueryPerformanceFrequency(&f2));
    assert_true(f2.QuadPart == f1.QuadPart);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sleep_and_sleepex_timing),
        cmocka_unit_test(clocks_are_monotonic),
    };
    return cmocka_run_group_tests_name("kernel_time", tests, NULL, NULL);
}
