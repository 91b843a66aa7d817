/* Smoke: a connected pair moves bytes both ways. */
#include "testlib.h"

static void pair_moves_bytes(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "hello", 5, 0), 5);
    char buf[16];
    assert_int_equal(recv(s, buf, sizeof(buf), 0), 5);
    assert_memory_equal(buf, "hello", 5);
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(recv(s, buf, sizeof(buf), 0), 0);
    assert_int_equal(closesocket(s), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pair_moves_bytes, ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("smoke", tests, NULL, NULL);
}
