/*
 * WSAStartup and the process-wide reference count (spec: WSACleanup.txt,
 * WSACleanup-windows-ce.txt; version rules from WSAStartup's documentation).
 */
#include <string.h>

#include "testlib.h"

struct version_case {
    WORD requested;
    int result;
    WORD granted;
};

/*
 * WSAStartup returns its error directly: 0.x is not supported (WSADATA still
 * says 2.2); 1.0 and 1.1 are kept; 1.2 and up give 1.1; 2.0 to 2.2 are kept;
 * anything above 2.2 gives 2.2; wHighVersion is always 2.2.
 */
static void version_negotiation(void **state)
{
    (void)state;
    static const struct version_case cases[] = {
        {MAKEWORD(0, 0), WSAVERNOTSUPPORTED, MAKEWORD(2, 2)},
        {MAKEWORD(0, 9), WSAVERNOTSUPPORTED, MAKEWORD(2, 2)},
        {MAKEWORD(1, 0), 0, MAKEWORD(1, 0)},
        {MAKEWORD(1, 1), 0, MAKEWORD(1, 1)},
        {MAKEWORD(1, 2), 0, MAKEWORD(1, 1)},
        {MAKEWORD(1, 9), 0, MAKEWORD(1, 1)},
        {MAKEWORD(2, 0), 0, MAKEWORD(2, 0)},
        {MAKEWORD(2, 1), 0, MAKEWORD(2, 1)},
        {MAKEWORD(2, 2), 0, MAKEWORD(2, 2)},
        {MAKEWORD(2, 3), 0, MAKEWORD(2, 2)},
        {MAKEWORD(3, 0), 0, MAKEWORD(2, 2)},
        {MAKEWORD(255, 255), 0, MAKEWORD(2, 2)},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        WSADATA data;
        memset(&data, 0xcc, sizeof(data));
        int r = WSAStartup(cases[i].requested, &data);
        assert_int_equal(r, cases[i].result);
        assert_int_equal(data.wVersion, cases[i].granted);
        assert_int_equal(data.wHighVersion, MAKEWORD(2, 2));
        assert_true(memchr(data.szDescription, 0, sizeof(data.szDescription)) != NULL);
        if (r == 0) {
            assert_int_equal(WSACleanup(), 0);
        }
        /* A failed call does not count: nothing is left to clean up. */
        assert_int_equal(WSACleanup(), SOCKET_ERROR);
        assert_wsa_error(WSANOTINITIALISED);
    }
}

static void null_wsadata_is_efault_and_does_not_count(void **state)
{
    (void)state;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), NULL), WSAEFAULT);
    assert_int_equal(WSACleanup(), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    assert_true(socket(AF_INET, SOCK_STREAM, 0) == INVALID_SOCKET);
    assert_wsa_error(WSANOTINITIALISED);
}

/*
 * The WSADATA Windows 10/11 fill in, whatever the version asked for (a
 * refused 0.x included): wHighVersion 2.2, szDescription "WinSock 2.0",
 * szSystemStatus "Running", lpVendorInfo left as the application had it,
 * iMaxSockets 32767 and iMaxUdpDg 65467 for a 1.x request and 0 otherwise.
 */
static void wsadata_is_filled_as_windows_fills_it(void **state)
{
    (void)state;
    static const WORD versions[] = {MAKEWORD(0, 0), MAKEWORD(0, 1), MAKEWORD(1, 0),
                                    MAKEWORD(1, 1), MAKEWORD(1, 2), MAKEWORD(2, 0),
                                    MAKEWORD(2, 2), MAKEWORD(2, 3), MAKEWORD(3, 0)};
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        WSADATA data;
        memset(&data, 0xcc, sizeof(data));
        data.lpVendorInfo = (char *)(uintptr_t)0xdeadbeef;
        int r = WSAStartup(versions[i], &data);
        BYTE major = LOBYTE(versions[i]);
        assert_int_equal(r, major ? 0 : WSAVERNOTSUPPORTED);
        assert_ptr_equal(data.lpVendorInfo, (char *)(uintptr_t)0xdeadbeef);
        assert_int_equal(data.wHighVersion, MAKEWORD(2, 2));
        assert_string_equal(data.szDescription, "WinSock 2.0");
        assert_string_equal(data.szSystemStatus, "Running");
        assert_int_equal(data.iMaxSockets, major == 1 ? 32767 : 0);
        assert_int_equal(data.iMaxUdpDg, major == 1 ? 65467 : 0);
        if (r == 0)
            assert_int_equal(WSACleanup(), 0);
    }
}

/*
 * The version is judged before the pointer: a 0.x request with a NULL
 * lpWSAData is WSAVERNOTSUPPORTED, any other WSAEFAULT; neither counts.
 */
static void version_is_checked_before_the_wsadata_pointer(void **state)
{
    (void)state;
    assert_int_equal(WSAStartup(MAKEWORD(0, 0), NULL), WSAVERNOTSUPPORTED);
    assert_int_equal(WSAStartup(MAKEWORD(0, 1), NULL), WSAVERNOTSUPPORTED);
    assert_int_equal(WSAStartup(MAKEWORD(1, 0), NULL), WSAEFAULT);
    assert_int_equal(WSAStartup(MAKEWORD(3, 0), NULL), WSAEFAULT);
    assert_int_equal(WSACleanup(), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
}

/* A WSACleanup that succeeds, final or not, leaves the last error 0. */
static void successful_cleanup_clears_the_last_error(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    WSASetLastError(0xdeadbeef);
    assert_int_equal(WSACleanup(), 0);
    assert_wsa_error(0);
    WSASetLastError(0xdeadbeef);
    assert_int_equal(WSACleanup(), 0);
    assert_wsa_error(0);
    assert_int_equal(WSACleanup(), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
}

/*
 * "There must be a call to WSACleanup for each successful call to WSAStartup.
 * Only the final WSACleanup function call performs the actual cleanup. The
 * preceding calls simply decrement an internal reference count."
 */
static void every_startup_needs_a_cleanup(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_int_equal(WSAStartup(MAKEWORD(1, 1), &data), 0);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s != INVALID_SOCKET);

    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(WSACleanup(), 0);
    /* Not the final one yet: the socket is still there. */
    int type = 0, len = sizeof(type);
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len), 0);
    assert_int_equal(type, SOCK_STREAM);

    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(WSACleanup(), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    assert_int_equal(closesocket(s), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
}

/* WSANOTINITIALISED: "A successful WSAStartup call must occur before using this function." */
static void calls_before_startup_are_not_initialised(void **state)
{
    (void)state;
    char buf[8];
    struct sockaddr_in a = {.sin_family = AF_INET};
    fd_set set;
    FD_ZERO(&set);
    FD_SET((SOCKET)4, &set);
    struct timeval tv = {0, 0};
    WSAPOLLFD p = {(SOCKET)4, POLLRDNORM, 0};
    u_long arg = 1;
    int len = sizeof(a);
    BOOL on = TRUE;
    DWORD n;
    WSABUF wb = {1, buf};
    DWORD flags = 0;

#define EXPECT_NOTINIT(call, failure)                                                              \
    do {                                                                                           \
        WSASetLastError(0);                                                                        \
        assert_true((call) == (failure));                                                          \
        assert_wsa_error(WSANOTINITIALISED);                                                       \
    } while (0)

    EXPECT_NOTINIT(socket(AF_INET, SOCK_STREAM, 0), INVALID_SOCKET);
    EXPECT_NOTINIT(WSASocketW(AF_INET, SOCK_DGRAM, 0, NULL, 0, 0), INVALID_SOCKET);
    EXPECT_NOTINIT(bind((SOCKET)4, (struct sockaddr *)&a, sizeof(a)), SOCKET_ERROR);
    EXPECT_NOTINIT(listen((SOCKET)4, 1), SOCKET_ERROR);
    EXPECT_NOTINIT(accept((SOCKET)4, NULL, NULL), INVALID_SOCKET);
    EXPECT_NOTINIT(connect((SOCKET)4, (struct sockaddr *)&a, sizeof(a)), SOCKET_ERROR);
    EXPECT_NOTINIT(send((SOCKET)4, buf, 1, 0), SOCKET_ERROR);
    EXPECT_NOTINIT(recv((SOCKET)4, buf, 1, 0), SOCKET_ERROR);
    EXPECT_NOTINIT(sendto((SOCKET)4, buf, 1, 0, (struct sockaddr *)&a, sizeof(a)), SOCKET_ERROR);
    EXPECT_NOTINIT(recvfrom((SOCKET)4, buf, 1, 0, NULL, NULL), SOCKET_ERROR);
    EXPECT_NOTINIT(WSASend((SOCKET)4, &wb, 1, &n, 0, NULL, NULL), SOCKET_ERROR);
    EXPECT_NOTINIT(WSARecv((SOCKET)4, &wb, 1, &n, &flags, NULL, NULL), SOCKET_ERROR);
    EXPECT_NOTINIT(shutdown((SOCKET)4, SD_BOTH), SOCKET_ERROR);
    EXPECT_NOTINIT(closesocket((SOCKET)4), SOCKET_ERROR);
    EXPECT_NOTINIT(getsockname((SOCKET)4, (struct sockaddr *)&a, &len), SOCKET_ERROR);
    EXPECT_NOTINIT(getpeername((SOCKET)4, (struct sockaddr *)&a, &len), SOCKET_ERROR);
    EXPECT_NOTINIT(setsockopt((SOCKET)4, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof(on)),
                   SOCKET_ERROR);
    EXPECT_NOTINIT(getsockopt((SOCKET)4, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, &len),
                   SOCKET_ERROR);
    EXPECT_NOTINIT(ioctlsocket((SOCKET)4, FIONBIO, &arg), SOCKET_ERROR);
    EXPECT_NOTINIT(select(0, &set, NULL, NULL, &tv), SOCKET_ERROR);
    EXPECT_NOTINIT(WSAPoll(&p, 1, 0), SOCKET_ERROR);
    /* Not WSACreateEvent: the event calls work without WSAStartup (test_events). */
    EXPECT_NOTINIT(WSACleanup(), SOCKET_ERROR);
#undef EXPECT_NOTINIT
}

/* WSAGetLastError works without WSAStartup and shares GetLastError's slot. */
static void last_error_needs_no_startup(void **state)
{
    (void)state;
    WSASetLastError(WSAEWOULDBLOCK);
    assert_int_equal(GetLastError(), WSAEWOULDBLOCK);
    SetLastError(ERROR_OPERATION_ABORTED);
    assert_int_equal(WSAGetLastError(), WSA_OPERATION_ABORTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_negotiation),
        cmocka_unit_test(null_wsadata_is_efault_and_does_not_count),
        cmocka_unit_test(wsadata_is_filled_as_windows_fills_it),
        cmocka_unit_test(version_is_checked_before_the_wsadata_pointer),
        cmocka_unit_test(successful_cleanup_clears_the_last_error),
        cmocka_unit_test(every_startup_needs_a_cleanup),
        cmocka_unit_test(calls_before_startup_are_not_initialised),
        cmocka_unit_test(last_error_needs_no_startup),
    };
    return cmocka_run_group_tests_name("startup", tests, NULL, NULL);
}
