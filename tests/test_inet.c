/*
 * Address text conversion: inet_addr, inet_ntoa, inet_pton, inet_ntop,
 * InetPtonW and InetNtopW.  Each test names the sentence of Microsoft's
 * documentation it checks (learn.microsoft.com, winsock2.h and ws2tcpip.h
 * pages), or the Windows behaviour it pins where the documentation is silent.
 */
#include <string.h>
#include <uchar.h>

#include "testlib.h"

/* An address in network byte order from its four bytes. */
static ULONG addr_of(BYTE a, BYTE b, BYTE c, BYTE d)
{
    BYTE bytes[4] = {a, b, c, d};
    ULONG v;
    memcpy(&v, bytes, 4);
    return v;
}

/*
 * inet_addr: "The parts that make up an address in "." notation can be
 * decimal, octal or hexadecimal"; a.b.c puts c in the "right-most 2 bytes",
 * a.b puts b in the "right-most 3 bytes", a alone "is stored directly";
 * "if a portion of an "a.b.c.d" address exceeds 255, then inet_addr returns
 * the value INADDR_NONE"; an empty string gives INADDR_NONE and " " gives 0.
 */
static void inet_addr_accepts_the_bsd_forms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        BYTE bytes[4];
        int none;
    } cases[] = {
        {"4.3.2.16", {4, 3, 2, 16}, 0},
        {"004.003.002.020", {4, 3, 2, 16}, 0},
        {"0x4.0x3.0x2.0x10", {4, 3, 2, 16}, 0},
        {"4.003.002.0x10", {4, 3, 2, 16}, 0},
        {"128.1.513", {128, 1, 2, 1}, 0},
        {"10.65539", {10, 1, 0, 3}, 0},
        {"167772161", {10, 0, 0, 1}, 0},
        {"0x7f000001", {127, 0, 0, 1}, 0},
        {"017700000001", {127, 0, 0, 1}, 0},
        {"255.255.255.255", {255, 255, 255, 255}, 0},
        {"127.127.127.256", {0}, 1},
        {"256.1", {0}, 1},
        {"1.2.65536", {0}, 1},
        {"1.2.3.4.5", {0}, 1},
        {"1.2.3.", {0}, 1},
        {".1.2.3", {0}, 1},
        {"08", {0}, 1},
        {"0x", {0}, 1},
        {"1.2.3.0a", {0}, 1},
        {"1.2.3.4:80", {0}, 1},
        {"-1", {0}, 1},
        {" 1.2.3.4", {0}, 1},
        {"", {0}, 1},
        {"::1", {0}, 1},
        {"localhost", {0}, 1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ULONG expected = cases[i].none ? INADDR_NONE
                                       : addr_of(cases[i].bytes[0], cases[i].bytes[1],
                                                 cases[i].bytes[2], cases[i].bytes[3]);
        if (inet_addr(cases[i].text) != expected)
            fail_msg("inet_addr(\"%s\") = %#x, expected %#x", cases[i].text,
                     (unsigned)inet_addr(cases[i].text), (unsigned)expected);
    }
    /* "If you pass in " " (a space) to the inet_addr function, inet_addr returns zero." */
    assert_int_equal(inet_addr(" "), 0);
}

/*
 * inet_addr stops at white space like the BSD original (Windows reads
 * "1.2.3.4 junk" as 1.2.3.4); a NULL string gives INADDR_NONE ("If NULL is
 * passed in the cp parameter, then inet_addr returns the value
 * INADDR_NONE") with WSAEFAULT, and a failure of any other kind leaves the
 * last error alone.
 */
static void inet_addr_white_space_and_null(void **state)
{
    (void)state;
    assert_int_equal(inet_addr("1.2.3.4 junk"), addr_of(1, 2, 3, 4));
    assert_int_equal(inet_addr("10.1\t2"), addr_of(10, 0, 0, 1));
    WSASetLastError(12345);
    assert_int_equal(inet_addr("1.2.3.x"), INADDR_NONE);
    assert_wsa_error(12345);
    assert_int_equal(inet_addr(NULL), INADDR_NONE);
    assert_wsa_error(WSAEFAULT);
}

/* The pure conversions work before WSAStartup (they need no provider); no setup here. */
static void conversions_need_no_startup(void **state)
{
    (void)state;
    assert_int_equal(inet_addr("127.0.0.1"), addr_of(127, 0, 0, 1));
    IN6_ADDR a6;
    assert_int_equal(inet_pton(AF_INET6, "::1", &a6), 1);
    char text[INET6_ADDRSTRLEN];
    assert_non_null(inet_ntop(AF_INET6, &a6, text, sizeof(text)));
    assert_string_equal(text, "::1");
    IN_ADDR a4;
    a4.s_addr = addr_of(10, 20, 30, 40);
    assert_string_equal(inet_ntoa(a4), "10.20.30.40");
    assert_int_equal(htons(0x1234), 0x3412);
}

static char *ntoa_other_thread_text;

static DWORD WINAPI ntoa_thread(LPVOID arg)
{
    (void)arg;
    IN_ADDR a;
    a.s_addr = addr_of(4, 3, 2, 1);
    ntoa_other_thread_text = inet_ntoa(a);
    return strcmp(ntoa_other_thread_text, "4.3.2.1") == 0 ? 0 : 1;
}

/*
 * inet_ntoa: "The string returned by inet_ntoa resides in memory that is
 * allocated by Windows Sockets ... The data is guaranteed to be valid until
 * the next Windows Sockets function call within the same thread": the
 * buffer is per thread, so another thread's call leaves this one's text.
 */
static void inet_ntoa_buffer_is_per_thread(void **state)
{
    (void)state;
    IN_ADDR a;
    a.s_addr = addr_of(1, 2, 3, 4);
    char *mine = inet_ntoa(a);
    assert_string_equal(mine, "1.2.3.4");
    HANDLE t = CreateThread(NULL, 0, ntoa_thread, NULL, 0, NULL);
    assert_non_null(t);
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    DWORD code = 1;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 0);
    CloseHandle(t);
    assert_true(ntoa_other_thread_text != mine);
    assert_string_equal(mine, "1.2.3.4");

    a.s_addr = addr_of(255, 255, 255, 255);
    assert_string_equal(inet_ntoa(a), "255.255.255.255");
    a.s_addr = 0;
    assert_string_equal(inet_ntoa(a), "0.0.0.0");
}

/*
 * inet_pton: "returns a value of 1 and the buffer ... contains the binary
 * numeric IP address in network byte order"; "returns a value of 0" if the
 * string "is not a valid IPv4 dotted-decimal string or a valid IPv6
 * address string".  Only the dotted-decimal form counts for IPv4, with no
 * octal, hexadecimal or short forms.
 */
static void inet_pton_ipv4(void **state)
{
    (void)state;
    IN_ADDR a;
    assert_int_equal(inet_pton(AF_INET, "192.168.1.254", &a), 1);
    assert_int_equal(a.s_addr, addr_of(192, 168, 1, 254));
    assert_int_equal(inet_pton(AF_INET, "0.0.0.0", &a), 1);
    assert_int_equal(a.s_addr, 0);

    /* Text refused before a whole dotted quad is read leaves the buffer alone (test_inet_partial).
     */
    static const char *bad[] = {"1.2.3",     "1.2.3.256", "01.2.3.4", "1.2.3.00",
                                "0x1.2.3.4", " 1.2.3.4",  "",         "1.2.3.4.5",
                                "::1",       "1..2.3",    "1.2.3.-4"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        a.s_addr = 0xdeadbeef;
        WSASetLastError(777);
        if (inet_pton(AF_INET, bad[i], &a) != 0)
            fail_msg("inet_pton(AF_INET, \"%s\") accepted", bad[i]);
        assert_int_equal(a.s_addr, 0xdeadbeef);
        assert_wsa_error(777);
    }
}

/* inet_pton for AF_INET6: the text forms of RFC 4291, and 0 for anything else. */
static void inet_pton_ipv6(void **state)
{
    (void)state;
    IN6_ADDR a;
    static const BYTE loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    assert_int_equal(inet_pton(AF_INET6, "::1", &a), 1);
    assert_memory_equal(a.s6_bytes, loopback, 16);
    assert_int_equal(inet_pton(AF_INET6, "0:0:0:0:0:0:0:1", &a), 1);
    assert_memory_equal(a.s6_bytes, loopback, 16);
    static const BYTE mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4};
    assert_int_equal(inet_pton(AF_INET6, "::FFFF:1.2.3.4", &a), 1);
    assert_memory_equal(a.s6_bytes, mapped, 16);
    static const BYTE doc[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34};
    assert_int_equal(inet_pton(AF_INET6, "2001:db8::1234", &a), 1);
    assert_memory_equal(a.s6_bytes, doc, 16);
    static const BYTE tail[16] = {0x11, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(inet_pton(AF_INET6, "1111::", &a), 1);
    assert_memory_equal(a.s6_bytes, tail, 16);

    static const char *bad[] = {"1::2::3",
                                "1:2:3:4:5:6:7:8:9",
                                "12345::",
                                ":1",
                                "1:",
                                "[::1]",
                                "::1%1",
                                "1.2.3.4",
                                "",
                                "::g",
                                "1:2:3:4:5:6:7::8",
                                "1::1.2.3",
                                "::1.2.3.256",
                                ":::"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        memset(&a, 0xab, sizeof(a));
        if (inet_pton(AF_INET6, bad[i], &a) != 0)
            fail_msg("inet_pton(AF_INET6, \"%s\") accepted", bad[i]);
    }
}

/*
 * inet_pton errors: "Otherwise, a value of -1 is returned": WSAEAFNOSUPPORT
 * "if the Family parameter specified was not AF_INET or AF_INET6", and
 * WSAEFAULT when "The pszAddrString or pAddrBuf parameters are NULL".  The
 * pointers are checked first: a NULL string with a bad family is WSAEFAULT.
 */
static void inet_pton_errors(void **state)
{
    (void)state;
    BYTE buf[16];
    WSASetLastError(0);
    assert_int_equal(inet_pton(AF_UNSPEC, "127.0.0.1", buf), -1);
    assert_wsa_error(WSAEAFNOSUPPORT);
    WSASetLastError(0);
    assert_int_equal(inet_pton(12345, "::1", buf), -1);
    assert_wsa_error(WSAEAFNOSUPPORT);
    WSASetLastError(0);
    assert_int_equal(inet_pton(AF_INET, NULL, buf), -1);
    assert_wsa_error(WSAEFAULT);
    WSASetLastError(0);
    assert_int_equal(inet_pton(AF_INET6, "::1", NULL), -1);
    assert_wsa_error(WSAEFAULT);
    WSASetLastError(0);
    assert_int_equal(inet_pton(AF_UNSPEC, NULL, buf), -1);
    assert_wsa_error(WSAEFAULT);
}

/*
 * inet_ntop round trips, in the text Windows prints: lower-case hex, the
 * longest run of zero groups (two or more, the first of equal runs) as
 * "::", a lone zero group kept, and a dotted tail for IPv4-mapped,
 * IPv4-compatible, IPv4-translated and ISATAP addresses.
 */
static void inet_ntop_round_trips(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"::1", "::1"},
        {"::", "::"},
        {"2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
        {"2030:a4b1::", "2030:a4b1::"},
        {"2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:0:4136:e378:8000:63bf:3fff:fdd2"},
        {"1:0:0:2:0:0:0:3", "1:0:0:2::3"},
        {"1:0:0:2:3:0:0:4", "1::2:3:0:0:4"},
        {"::ffff:1.2.3.4", "::ffff:1.2.3.4"},
        {"::ffff:0102:0304", "::ffff:1.2.3.4"},
        {"::204.152.189.116", "::204.152.189.116"},
        {"::fffe:cc98:bd74", "::fffe:cc98:bd74"},
        {"::ffff:0:1.2.3.4", "::ffff:0:1.2.3.4"},
        {"fe80::5efe:10.0.2.15", "fe80::5efe:10.0.2.15"},
        {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        IN6_ADDR a;
        char text[INET6_ADDRSTRLEN];
        if (inet_pton(AF_INET6, cases[i].in, &a) != 1)
            fail_msg("inet_pton(\"%s\") failed", cases[i].in);
        const char *r = inet_ntop(AF_INET6, &a, text, sizeof(text));
        assert_ptr_equal(r, text);
        if (strcmp(text, cases[i].out) != 0)
            fail_msg("inet_ntop(%s) = \"%s\", expected \"%s\"", cases[i].in, text, cases[i].out);
    }
    IN_ADDR a4;
    char text4[INET_ADDRSTRLEN];
    assert_int_equal(inet_pton(AF_INET, "203.0.113.9", &a4), 1);
    assert_string_equal(inet_ntop(AF_INET, &a4, text4, sizeof(text4)), "203.0.113.9");
}

/*
 * inet_ntop errors: WSAEAFNOSUPPORT "if the Family parameter specified was
 * not AF_INET or AF_INET6"; ERROR_INVALID_PARAMETER "if a NULL pointer is
 * passed in the pStringBuf or the StringBufSize parameter is zero ... also
 * returned if the length of the address buffer ... is not large enough".
 * The exact size, with room for the NUL, is enough.
 */
static void inet_ntop_errors(void **state)
{
    (void)state;
    IN_ADDR a4;
    a4.s_addr = addr_of(21, 16, 32, 32); /* "21.16.32.32": 11 characters */
    char text[64];
    WSASetLastError(0);
    assert_null(inet_ntop(AF_UNSPEC, &a4, text, sizeof(text)));
    assert_wsa_error(WSAEAFNOSUPPORT);
    WSASetLastError(0);
    assert_null(inet_ntop(AF_INET, &a4, NULL, sizeof(text)));
    assert_wsa_error(ERROR_INVALID_PARAMETER);
    WSASetLastError(0);
    assert_null(inet_ntop(AF_INET, &a4, text, 0));
    assert_wsa_error(ERROR_INVALID_PARAMETER);
    WSASetLastError(0);
    assert_null(inet_ntop(AF_INET, &a4, text, 11));
    assert_wsa_error(ERROR_INVALID_PARAMETER);
    assert_ptr_equal(inet_ntop(AF_INET, &a4, text, 12), text);
    assert_string_equal(text, "21.16.32.32");

    IN6_ADDR a6;
    assert_int_equal(inet_pton(AF_INET6, "::fffe:cc98:bd74", &a6), 1); /* 16 characters */
    WSASetLastError(0);
    assert_null(inet_ntop(AF_INET6, &a6, text, 16));
    assert_wsa_error(ERROR_INVALID_PARAMETER);
    assert_ptr_equal(inet_ntop(AF_INET6, &a6, text, 17), text);
    assert_string_equal(text, "::fffe:cc98:bd74");
}

/*
 * InetPtonW and InetNtopW are the Unicode forms ("The ANSI version of this
 * function is inet_pton/inet_ntop"): same rules, wide text.  A string
 * that is no address gives 0 and, in the wide form, WSAEINVAL.
 */
static void inet_wide_forms(void **state)
{
    (void)state;
    IN6_ADDR a6;
    assert_int_equal(InetPtonW(AF_INET6, L"fe80::1", &a6), 1);
    WCHAR wtext[INET6_ADDRSTRLEN];
    assert_ptr_equal(InetNtopW(AF_INET6, &a6, wtext, INET6_ADDRSTRLEN), wtext);
    assert_memory_equal(wtext, L"fe80::1", sizeof(L"fe80::1"));

    IN_ADDR a4;
    assert_int_equal(InetPtonA(AF_INET, "10.9.8.7", &a4), 1);
    /* "10.9.8.7": 8 characters and the NUL */
    assert_ptr_equal(InetNtopW(AF_INET, &a4, wtext, 8), NULL);
    assert_wsa_error(ERROR_INVALID_PARAMETER);
    assert_ptr_equal(InetNtopW(AF_INET, &a4, wtext, 9), wtext);
    assert_memory_equal(wtext, L"10.9.8.7", sizeof(L"10.9.8.7"));

    WSASetLastError(0);
    assert_int_equal(InetPtonW(AF_INET, L"10.9.8", &a4), 0);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(InetPtonW(AF_INET, L"10.9.8.\u00e9", &a4), 0);
    WSASetLastError(0);
    assert_int_equal(InetPtonW(AF_INET, NULL, &a4), -1);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(InetPtonW(AF_UNSPEC, L"10.9.8.7", &a4), -1);
    assert_wsa_error(WSAEAFNOSUPPORT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(conversions_need_no_startup),
        cmocka_unit_test_setup_teardown(inet_addr_accepts_the_bsd_forms, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(inet_addr_white_space_and_null, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(inet_ntoa_buffer_is_per_thread, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(inet_pton_ipv4, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(inet_pton_ipv6, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(inet_pton_errors, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(inet_ntop_round_trips, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(inet_ntop_errors, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(inet_wide_forms, ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("inet", tests, NULL, NULL);
}
