/*
 * Defects the libFuzzer harnesses (fuzz/) found outside the parsers they
 * aim at, kept here so that the ordinary suite sees them too.  The inputs
 * that found them are in fuzz/corpus/ as well.
 */
#include <stdio.h>
#include <string.h>

#include "testlib.h"

/*
 * fuzz_sockopt: WSAIoctl with ws2posix's private WSAPoll code read a
 * WSAPOLLFD pointer out of the application's buffer and crashed.  From an
 * application it is an unknown code: WSAEOPNOTSUPP as Windows answers one,
 * the buffer never read.
 */
static void wsaioctl_private_poll_code_is_unknown(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    unsigned char garbage[24];
    memset(garbage, 0xa7, sizeof(garbage)); /* a pointer nowhere, a count, a timeout */
    DWORD returned = 0;
    assert_int_equal(WSAIoctl(s, _WSAIORW(IOC_VENDOR, 0x5750), garbage, sizeof(garbage), NULL, 0,
                              &returned, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    closesocket(s);
}

/*
 * fuzz_addrtext: WSAStringToAddressW refused text longer than 65
 * characters that WSAStringToAddressA reads (leading zeros keep a long text
 * an address); the two forms read the same text the same way.
 */
static void string_to_address_w_reads_long_text_like_the_a_form(void **state)
{
    (void)state;
    char text[100];
    memset(text, '0', 80);
    strcpy(text + 80, "1.2.3.4");
    WCHAR wide[100];
    ws2t_wide(text, wide);
    SOCKADDR_IN a, w;
    INT alen = sizeof(a), wlen = sizeof(w);
    assert_int_equal(WSAStringToAddressA(text, AF_INET, NULL, (LPSOCKADDR)&a, &alen), 0);
    assert_int_equal(WSAStringToAddressW(wide, AF_INET, NULL, (LPSOCKADDR)&w, &wlen), 0);
    assert_int_equal(wlen, sizeof(w));
    assert_int_equal(w.sin_family, AF_INET);
    assert_memory_equal(&w.sin_addr, &a.sin_addr, 4);
    /* 01 (octal 1) in 80 digits: 1.2.3.4 */
    assert_int_equal(ntohl(w.sin_addr.s_addr), 0x01020304);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(wsaioctl_private_poll_code_is_unknown, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(string_to_address_w_reads_long_text_like_the_a_form,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
