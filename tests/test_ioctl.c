/*
 * WSAIoctl with an OVERLAPPED: how each kind of control code completes
 * through a completion port, an event or a completion routine, what the
 * call itself returns and writes, and the argument rules every code
 * shares.  The expected values are what Windows answers (Wine's ws2_32
 * conformance tests, run on Windows 10 and 11).
 */
#include <string.h>

#include <mstcpip.h>
#include <mswsock.h>

#include "testlib.h"

#define KEY                       123u
#define STATUS_NOT_SUPPORTED_V    0xC00000BBu
#define STATUS_CANCELLED_V        0xC0000120u
#define STATUS_BUFFER_TOO_SMALL_V 0xC0000023u

static HANDLE associated(SOCKET s)
{
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, KEY, 0);
    assert_non_null(port);
    return port;
}

/* Expects one packet for ov on port: ok (TRUE or FALSE with error), bytes. */
static void expect_packet(HANDLE port, WSAOVERLAPPED *ov, BOOL ok, DWORD error, DWORD bytes)
{
    DWORD got_bytes = 0xdeadbeef;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    SetLastError(0xdeadbeef);
    BOOL r = GetQueuedCompletionStatus(port, &got_bytes, &key, &got, 2000);
    assert_int_equal(r, ok);
    if (!ok)
        assert_int_equal(GetLastError(), error);
    assert_ptr_equal(got, ov);
    assert_int_equal(key, KEY);
    assert_int_equal(got_bytes, bytes);
}

static void expect_no_packet(HANDLE port)
{
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got = (LPOVERLAPPED)1;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 0));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    assert_null(got);
}

static unsigned apc_count;
static DWORD apc_error, apc_bytes;
static LPWSAOVERLAPPED apc_ov;

static void CALLBACK routine(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)flags;
    apc_count++;
    apc_error = error;
    apc_bytes = bytes;
    apc_ov = ov;
}

static void expect_routine(WSAOVERLAPPED *ov, DWORD error)
{
    apc_count = 0;
    assert_int_equal(SleepEx(1000, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(apc_count, 1);
    assert_int_equal(apc_error, error);
    assert_int_equal(apc_bytes, 0);
    assert_ptr_equal(apc_ov, ov);
}

static void fresh(WSAOVERLAPPED *ov)
{
    memset(ov, 0, sizeof(*ov));
    ov->Internal = 0xdeadbeef;
    ov->InternalHigh = 0xdeadbeef;
}

/*
 * FIONREAD and SIOCATMARK with an OVERLAPPED answer at once: 0, the value
 * and its size written, and a completion of 0 bytes with status 0 all the
 * same (Internal and InternalHigh 0, a packet of size 0).
 */
static void overlapped_fionread_answers_at_once_and_posts_an_empty_packet(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE port = associated(c);
    WSAOVERLAPPED ov;
    u_long value = 0xdeadbeef;
    DWORD size = 0xdeadbeef;

    fresh(&ov);
    WSASetLastError(0xdeadbeef);
    assert_int_equal(WSAIoctl(c, FIONREAD, NULL, 0, &value, sizeof(value), &size, &ov, NULL), 0);
    assert_int_equal(WSAGetLastError(), 0);
    assert_int_equal(value, 0);
    assert_int_equal(size, sizeof(value));
    assert_int_equal(ov.Internal, 0);
    assert_int_equal(ov.InternalHigh, 0);
    expect_packet(port, &ov, TRUE, 0, 0);

    fresh(&ov);
    value = 0xdeadbeef;
    assert_int_equal(WSAIoctl(c, SIOCATMARK, NULL, 0, &value, sizeof(value), &size, &ov, NULL), 0);
    assert_int_equal(value, TRUE);
    assert_int_equal(size, sizeof(value));
    expect_packet(port, &ov, TRUE, 0, 0);
    expect_no_packet(port);

    /* An argument error fails the call and delivers nothing. */
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(c, FIONREAD, NULL, 0, &value, sizeof(value) - 1, &size, &ov, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(size, 0xdeadbeef);
    expect_no_packet(port);

    closesocket(c);
    closesocket(s);
    CloseHandle(port);
}

/* FIONBIO with an event, then with a completion routine run by an alertable wait. */
static void overlapped_fionbio_sets_the_event_and_runs_the_routine(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u_long one = 1;
    DWORD size = 0xdeadbeef;
    WSAOVERLAPPED ov;
    fresh(&ov);
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSAIoctl(s, FIONBIO, &one, sizeof(one), NULL, 0, &size, &ov, NULL), 0);
    assert_int_equal(size, 0);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
    DWORD bytes = 0xdeadbeef, flags;
    assert_true(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags));
    assert_int_equal(bytes, 0);
    /* It did switch the socket to non-blocking mode. */
    char b;
    assert_int_equal(recv(s, &b, 1, 0), SOCKET_ERROR);
    assert_true(WSAGetLastError() == WSAENOTCONN || WSAGetLastError() == WSAEWOULDBLOCK);
    WSACloseEvent(ov.hEvent);

    fresh(&ov);
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, FIONBIO, &one, sizeof(one), NULL, 0, &size, &ov, routine), 0);
    assert_int_equal(size, 0);
    expect_routine(&ov, 0);
    closesocket(s);
}

/*
 * A NULL lpcbBytesReturned is WSAEFAULT with an OVERLAPPED as without one,
 * for every code, known or not, and nothing is delivered.
 */
static void null_byte_count_is_efault_for_every_code(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE port = associated(s);
    u_long value = 0;
    struct tcp_keepalive ka = {0, 0, 0};
    SOCKET base;
    GUID acceptex = WSAID_ACCEPTEX;
    void *fn;
    WSAOVERLAPPED ov;
    struct {
        DWORD code;
        void *in;
        DWORD in_len;
        void *out;
        DWORD out_len;
    } calls[] = {
        {(DWORD)FIONREAD, NULL, 0, &value, sizeof(value)},
        {(DWORD)FIONBIO, &value, sizeof(value), NULL, 0},
        {(DWORD)SIOCATMARK, NULL, 0, &value, sizeof(value)},
        {SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0},
        {SIO_BASE_HANDLE, NULL, 0, &base, sizeof(base)},
        {SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof(acceptex), &fn, sizeof(fn)},
        {0xdeadbeef, NULL, 0, NULL, 0},
        {SIO_FLUSH, NULL, 0, NULL, 0},
    };
    for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
        fresh(&ov);
        assert_int_equal(WSAIoctl(s, calls[i].code, calls[i].in, calls[i].in_len, calls[i].out,
                                  calls[i].out_len, NULL, &ov, NULL),
                         SOCKET_ERROR);
        assert_wsa_error(WSAEFAULT);
        assert_int_equal(WSAIoctl(s, calls[i].code, calls[i].in, calls[i].in_len, calls[i].out,
                                  calls[i].out_len, NULL, &ov, routine),
                         SOCKET_ERROR);
        assert_wsa_error(WSAEFAULT);
        assert_int_equal(ov.Internal, 0xdeadbeef);
    }
    expect_no_packet(port);
    assert_int_equal(SleepEx(0, TRUE), 0);
    closesocket(s);
    CloseHandle(port);
}

/*
 * A code nobody answers: WSAEOPNOTSUPP and a count of 0 without an
 * OVERLAPPED; with one, WSA_IO_PENDING, the count untouched, and a
 * completion with STATUS_NOT_SUPPORTED: ERROR_NOT_SUPPORTED from the port,
 * WSAEOPNOTSUPP in a routine.  The QoS codes are answered the same way.
 */
static void unknown_codes_are_eopnotsupp_and_complete_not_supported(void **state)
{
    (void)state;
    static const DWORD codes[] = {0xdeadbeef, (DWORD)FIOASYNC, 0x667e,
                                  SIO_FLUSH,  SIO_GET_QOS,     SIO_SET_QOS};
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        HANDLE port = associated(s);
        DWORD size = 0xdeadbeef;
        assert_int_equal(WSAIoctl(s, codes[i], NULL, 0, NULL, 0, &size, NULL, NULL), SOCKET_ERROR);
        assert_wsa_error(WSAEOPNOTSUPP);
        assert_int_equal(size, 0);

        WSAOVERLAPPED ov;
        fresh(&ov);
        size = 0xdeadbeef;
        assert_int_equal(WSAIoctl(s, codes[i], NULL, 0, NULL, 0, &size, &ov, NULL), SOCKET_ERROR);
        assert_wsa_error(WSA_IO_PENDING);
        assert_int_equal(size, 0xdeadbeef);
        expect_packet(port, &ov, FALSE, ERROR_NOT_SUPPORTED, 0);
        assert_int_equal(ov.Internal, STATUS_NOT_SUPPORTED_V);
        assert_int_equal(ov.InternalHigh, 0);
        CloseHandle(port);
        closesocket(s);

        s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        fresh(&ov);
        assert_int_equal(WSAIoctl(s, codes[i], NULL, 0, NULL, 0, &size, &ov, routine),
                         SOCKET_ERROR);
        assert_wsa_error(WSA_IO_PENDING);
        expect_routine(&ov, WSAEOPNOTSUPP);
        closesocket(s);
    }
}

/*
 * SIO_GET_EXTENSION_FUNCTION_POINTER with an OVERLAPPED: 0 and the
 * pointer's size, an empty packet; an unknown GUID fails at once
 * (WSAEINVAL), the OVERLAPPED untouched and nothing delivered.
 */
static void extension_pointer_completes_and_an_unknown_guid_fails_at_once(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE port = associated(s);
    GUID acceptex = WSAID_ACCEPTEX, bogus = {0xdeadbeef, 0, 0, {0}};
    void *fn = NULL;
    DWORD size = 0xdeadbeef;
    WSAOVERLAPPED ov;
    fresh(&ov);
    assert_int_equal(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof(acceptex),
                              &fn, sizeof(fn), &size, &ov, NULL),
                     0);
    assert_int_equal(size, sizeof(fn));
    assert_non_null(fn);
    expect_packet(port, &ov, TRUE, 0, 0);
    assert_int_equal(ov.Internal, 0);
    assert_int_equal(ov.InternalHigh, 0);

    fresh(&ov);
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &bogus, sizeof(bogus), &fn,
                              sizeof(fn), &size, &ov, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(size, 0xdeadbeef);
    assert_int_equal(ov.Internal, 0xdeadbeef);
    assert_int_equal(ov.InternalHigh, 0xdeadbeef);
    expect_no_packet(port);
    closesocket(s);
    CloseHandle(port);
}

/*
 * SIO_KEEPALIVE_VALS: without an OVERLAPPED a failure sets the count to 0;
 * with one, a short input fails at once and a good one completes with an
 * empty packet, and through a routine.
 */
static void keepalive_vals_counts_and_completes(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE port = associated(s);
    struct tcp_keepalive ka = {1, 10000, 1000};
    DWORD size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, 0, NULL, 0, &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(size, 0);
    size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(s, SIO_KEEPALIVE_VALS, NULL, sizeof(ka), NULL, 0, &size, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(size, 0);

    WSAOVERLAPPED ov;
    fresh(&ov);
    size = 0xdeadbeef;
    assert_int_equal(
        WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka) - 1, NULL, 0, &size, &ov, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(size, 0xdeadbeef);
    expect_no_packet(port);

    fresh(&ov);
    assert_int_equal(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &size, &ov, NULL),
                     0);
    expect_packet(port, &ov, TRUE, 0, 0);
    assert_int_equal(ov.Internal, 0);
    assert_int_equal(ov.InternalHigh, 0);
    CloseHandle(port);
    closesocket(s);

    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    fresh(&ov);
    assert_int_equal(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &size, &ov, routine),
                     0);
    expect_routine(&ov, 0);
    closesocket(s);
}

/*
 * SIO_BASE_HANDLE (and SIO_BSP_HANDLE, SIO_BSP_HANDLE_SELECT) of a base
 * provider's socket is the socket itself; with an OVERLAPPED Windows
 * passes the request to its driver, which does not know it: pending, then
 * STATUS_NOT_SUPPORTED, the output untouched.  SIO_BSP_HANDLE_POLL refuses
 * an OVERLAPPED (WSAEFAULT).  A missing or short output is WSAEFAULT.
 */
static void base_handle_is_the_socket_and_pends_unsupported_when_overlapped(void **state)
{
    (void)state;
    static const int kinds[][3] = {{AF_INET, SOCK_STREAM, IPPROTO_TCP},
                                   {AF_INET, SOCK_DGRAM, IPPROTO_UDP},
                                   {AF_INET6, SOCK_STREAM, IPPROTO_TCP},
                                   {AF_INET6, SOCK_DGRAM, IPPROTO_UDP}};
    static const DWORD codes[] = {SIO_BASE_HANDLE, SIO_BSP_HANDLE, SIO_BSP_HANDLE_SELECT,
                                  SIO_BSP_HANDLE_POLL};
    for (size_t k = 0; k < 4; k++) {
        SOCKET s = socket(kinds[k][0], kinds[k][1], kinds[k][2]);
        assert_true(s != INVALID_SOCKET);
        HANDLE port = associated(s);
        for (size_t i = 0; i < 4; i++) {
            SOCKET base = (SOCKET)0xdeadbeef;
            DWORD size = 0xdeadbeef;
            assert_int_equal(WSAIoctl(s, codes[i], NULL, 0, &base, sizeof(base), &size, NULL, NULL),
                             0);
            assert_int_equal(size, sizeof(base));
            assert_true(base == s);
            assert_int_equal(
                WSAIoctl(s, codes[i], NULL, 0, &base, sizeof(base) - 1, &size, NULL, NULL),
                SOCKET_ERROR);
            assert_wsa_error(WSAEFAULT);
            assert_int_equal(WSAIoctl(s, codes[i], NULL, 0, NULL, sizeof(base), &size, NULL, NULL),
                             SOCKET_ERROR);
            assert_wsa_error(WSAEFAULT);

            WSAOVERLAPPED ov;
            fresh(&ov);
            base = (SOCKET)0xdeadbeef;
            size = 0xdeadbeef;
            int r = WSAIoctl(s, codes[i], NULL, 0, &base, sizeof(base), &size, &ov, NULL);
            assert_int_equal(r, SOCKET_ERROR);
            if (codes[i] == SIO_BSP_HANDLE_POLL) {
                assert_wsa_error(WSAEFAULT);
                expect_no_packet(port);
                continue;
            }
            assert_wsa_error(WSA_IO_PENDING);
            assert_int_equal(size, 0xdeadbeef);
            expect_packet(port, &ov, FALSE, ERROR_NOT_SUPPORTED, 0);
            assert_int_equal(ov.Internal, STATUS_NOT_SUPPORTED_V);
            assert_true(base == (SOCKET)0xdeadbeef);
        }
        CloseHandle(port);
        closesocket(s);
    }
}

/*
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: a control answered at once in
 * success posts no packet (its event is still set), one reported pending
 * still posts its packet.
 */
static void skip_on_success_skips_an_ioctl_answered_at_once(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE port = associated(s);
    assert_true(
        SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
    u_long value;
    DWORD size;
    WSAOVERLAPPED ov;
    fresh(&ov);
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), &size, &ov, NULL), 0);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0);
    expect_no_packet(port);
    WSACloseEvent(ov.hEvent);

    fresh(&ov);
    assert_int_equal(WSAIoctl(s, 0xdeadbeef, NULL, 0, NULL, 0, &size, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    expect_packet(port, &ov, FALSE, ERROR_NOT_SUPPORTED, 0);
    closesocket(s);
    CloseHandle(port);
}

/* SIO_ENABLE_CIRCULAR_QUEUEING: accepted on a UDP socket, without buffers (Wine's tests). */
static void circular_queueing_is_accepted_on_udp(void **state)
{
    (void)state;
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    DWORD size = 0xdeadbeef;
    assert_int_equal(WSAIoctl(u, SIO_ENABLE_CIRCULAR_QUEUEING, NULL, 0, NULL, 0, &size, NULL, NULL),
                     0);
    assert_int_equal(size, 0);
    closesocket(u);
}

/*
 * The ideal send backlog: WSAENOTCONN before the connection, 64 KiB on a
 * new loopback connection (what Windows answers), WSAEOPNOTSUPP on a
 * datagram socket.
 */
static void ideal_send_backlog_query_follows_the_connection(void **state)
{
    (void)state;
    /* The SDK's values (ws2ipdef.h: _IOR('t', 123, ULONG) and _IO('t', 122)). */
    assert_int_equal(SIO_IDEAL_SEND_BACKLOG_QUERY, 0x4004747B);
    assert_int_equal(SIO_IDEAL_SEND_BACKLOG_CHANGE, 0x2000747A);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ULONG isb = 0;
    DWORD size;
    assert_int_equal(
        WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &isb, sizeof(isb), &size, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAENOTCONN);
    closesocket(s);

    SOCKET c;
    ws2t_tcp_pair(AF_INET, &c, &s);
    size = 0;
    assert_int_equal(
        WSAIoctl(c, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &isb, sizeof(isb), &size, NULL, NULL),
        0);
    assert_int_equal(isb, 0x10000);
    assert_int_equal(size, sizeof(isb));
    isb = 0;
    assert_int_equal(idealsendbacklogquery(s, &isb), 0);
    assert_int_equal(isb, 0x10000);
    closesocket(c);
    closesocket(s);

    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_int_equal(
        WSAIoctl(u, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &isb, sizeof(isb), &size, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    closesocket(u);
}

/*
 * SIO_IDEAL_SEND_BACKLOG_CHANGE waits for a change: pending, no packet
 * while nothing moves, and closesocket aborts it through the port.
 */
static void ideal_send_backlog_change_pends_until_closesocket(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE port = associated(c);
    WSAOVERLAPPED ov;
    fresh(&ov);
    assert_int_equal(idealsendbacklognotify(c, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    Sleep(100);
    expect_no_packet(port);
    closesocket(c);
    expect_packet(port, &ov, FALSE, ERROR_OPERATION_ABORTED, 0);
    assert_int_equal(ov.Internal, STATUS_CANCELLED_V);
    closesocket(s);
    CloseHandle(port);

    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    fresh(&ov);
    assert_int_equal(idealsendbacklognotify(u, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    closesocket(u);
}

/*
 * Calls that only look (SIOCATMARK, FIONREAD, select and WSAPoll with a zero
 * timeout) never fail with WSAEINTR, and a blocking call goes on waiting: on Windows a signal of
 * the application's is nothing to them, and here a timer's signals arrive while the library polls
 * (a fuzzer's timer made SIOCATMARK fail: 667 to 1,471 times in this test's second before the fix;
 * the others held).
 */
static void the_application_s_signals_fail_no_call(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    ws2t_signal_storm(1);
    unsigned failures = 0;
    int last_error = 0;
    DWORD start = GetTickCount();
    unsigned long i;
    for (i = 0; GetTickCount() - start < 1000; i++) {
        u_long value = 0;
        if (ioctlsocket(s, SIOCATMARK, &value) != 0 || value != 1) {
            failures++;
            last_error = WSAGetLastError();
        }
        if (ioctlsocket(s, FIONREAD, &value) != 0 || value != 0) {
            failures++;
            last_error = WSAGetLastError();
        }
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET(s, &readable);
        struct timeval zero = {0, 0};
        if (select(0, &readable, NULL, NULL, &zero) != 0) {
            failures++;
            last_error = WSAGetLastError();
        }
        WSAPOLLFD p = {.fd = s, .events = POLLRDNORM};
        if (WSAPoll(&p, 1, 0) != 0) {
            failures++;
            last_error = WSAGetLastError();
        }
    }
    /* A blocking receive goes back to waiting: it ends at its time-out, not with WSAEINTR. */
    DWORD timeout_ms = 300;
    assert_int_equal(
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout_ms, sizeof(timeout_ms)), 0);
    char byte;
    DWORD waited = GetTickCount();
    assert_int_equal(recv(s, &byte, 1, 0), SOCKET_ERROR);
    waited = GetTickCount() - waited;
    assert_int_equal(WSAGetLastError(), WSAETIMEDOUT);
    assert_true(waited >= 250);
    unsigned long signals = ws2t_signal_storm(0);
    print_message("%lu rounds, %lu signals, %u failures (last error %d)\n", i, signals, failures,
                  last_error);
    assert_true(signals > 100);
    assert_int_equal(failures, 0);
    closesocket(c);
    closesocket(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(overlapped_fionread_answers_at_once_and_posts_an_empty_packet),
        T(overlapped_fionbio_sets_the_event_and_runs_the_routine),
        T(null_byte_count_is_efault_for_every_code),
        T(unknown_codes_are_eopnotsupp_and_complete_not_supported),
        T(extension_pointer_completes_and_an_unknown_guid_fails_at_once),
        T(keepalive_vals_counts_and_completes),
        T(base_handle_is_the_socket_and_pends_unsupported_when_overlapped),
        T(skip_on_success_skips_an_ioctl_answered_at_once),
        T(circular_queueing_is_accepted_on_udp),
        T(ideal_send_backlog_query_follows_the_connection),
        T(ideal_send_backlog_change_pends_until_closesocket),
        T(the_application_s_signals_fail_no_call),
    };
    return cmocka_run_group_tests_name("ioctl", tests, NULL, NULL);
}
