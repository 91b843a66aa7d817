/*
 * Overlapped receives and the blocking mode, as Windows is observed to
 * answer (Wine's test_nonblocking_async_recv and
 * test_simultaneous_async_recv, run on Windows).  FIONBIO does not touch
 * overlapped I/O on an overlapped socket: a WSARecv with an OVERLAPPED
 * still pends, and with no event of its own the socket handle is signalled
 * when it completes.  A socket made without WSA_FLAG_OVERLAPPED is a
 * synchronous file: a WSARecv given an OVERLAPPED there waits for the data
 * even when the socket is non-blocking (WSARecv.md calls lpOverlapped
 * "ignored for nonoverlapped sockets"; observed Windows waits and fills
 * it).  Receives pending together are filled in the order they were
 * issued.
 */
#include <string.h>

#include <mswsock.h>
#include <ntstatus.h>
#include <windows.h>

#include "testlib.h"

#define UNTOUCHED 0xdeadbeefu

/* A connected pair whose client was made by WSASocket with these flags. */
static void pair_with_flags(DWORD flags, SOCKET *client, SOCKET *server)
{
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    *client = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, flags);
    assert_true(*client != INVALID_SOCKET);
    assert_int_equal(connect(*client, (struct sockaddr *)&addr, len), 0);
    *server = accept(l, NULL, NULL);
    assert_true(*server != INVALID_SOCKET);
    closesocket(l);
}

static int recv_ov(SOCKET s, char *buf, ULONG len, LPDWORD bytes, LPWSAOVERLAPPED ov)
{
    WSABUF b = {len, buf};
    DWORD flags = 0;
    return WSARecv(s, &b, 1, bytes, &flags, ov, NULL);
}

/* recv and a WSARecv without OVERLAPPED on a non-blocking socket with nothing to read. */
static void expect_wouldblock_without_overlapped(SOCKET s)
{
    char buf[5];
    WSASetLastError(UNTOUCHED);
    assert_int_equal(recv(s, buf, sizeof(buf), 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    DWORD bytes = UNTOUCHED;
    WSASetLastError(UNTOUCHED);
    assert_int_equal(recv_ov(s, buf, sizeof(buf), &bytes, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
}

/* ov completed with the four bytes "data" in buf. */
static void expect_data(SOCKET s, LPWSAOVERLAPPED ov, const char *buf)
{
    DWORD bytes = UNTOUCHED;
    assert_true(GetOverlappedResult((HANDLE)s, ov, &bytes, FALSE));
    assert_int_equal(bytes, 4);
    assert_memory_equal(buf, "data", 4);
}

/*
 * On a non-blocking overlapped socket an overlapped WSARecv pends
 * (Internal STATUS_PENDING, InternalHigh untouched); without an event the
 * socket handle is signalled at completion, with one the event is.
 */
static void nonblocking_overlapped_socket_recv_pends(void **state)
{
    (void)state;
    SOCKET c, s;
    pair_with_flags(WSA_FLAG_OVERLAPPED, &c, &s);
    ws2t_set_nonblocking(c, 1);
    ws2t_set_nonblocking(s, 1);
    expect_wouldblock_without_overlapped(c);

    char buf[5];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    memset(buf, 0, sizeof(buf));
    ov.Internal = UNTOUCHED;
    ov.InternalHigh = UNTOUCHED;
    WSASetLastError(UNTOUCHED);
    assert_int_equal(recv_ov(c, buf, sizeof(buf), NULL, &ov), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WaitForSingleObject((HANDLE)c, 0), WAIT_TIMEOUT);
    assert_int_equal((DWORD)ov.Internal, (DWORD)STATUS_PENDING);
    assert_int_equal((DWORD)ov.InternalHigh, UNTOUCHED);
    assert_int_equal(send(s, "data", 4, 0), 4);
    assert_int_equal(WaitForSingleObject((HANDLE)c, 5000), WAIT_OBJECT_0);
    expect_data(c, &ov, buf);

    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    assert_non_null(event);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    memset(buf, 0, sizeof(buf));
    WSASetLastError(UNTOUCHED);
    assert_int_equal(recv_ov(c, buf, sizeof(buf), NULL, &ov), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WaitForSingleObject(event, 0), WAIT_TIMEOUT);
    assert_int_equal(send(s, "data", 4, 0), 4);
    assert_int_equal(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    expect_data(c, &ov, buf);

    /* With the data already there it may complete at once. */
    assert_int_equal(send(s, "data", 4, 0), 4);
    memset(buf, 0, sizeof(buf));
    int r = recv_ov(c, buf, sizeof(buf), NULL, &ov);
    assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
    assert_int_equal(WaitForSingleObject(event, 5000), WAIT_OBJECT_0);
    expect_data(c, &ov, buf);

    CloseHandle(event);
    closesocket(c);
    closesocket(s);
}

struct sync_recv {
    SOCKET s;
    HANDLE event;
    char buf[5];
    int result;
    DWORD bytes;
    BOOL got;
    WSAOVERLAPPED ov;
};

static DWORD WINAPI sync_recv_thread(void *arg)
{
    struct sync_recv *r = arg;
    memset(&r->ov, 0, sizeof(r->ov));
    r->ov.hEvent = r->event;
    memset(r->buf, 0, sizeof(r->buf));
    r->result = recv_ov(r->s, r->buf, sizeof(r->buf), NULL, &r->ov);
    r->bytes = UNTOUCHED;
    r->got = GetOverlappedResult((HANDLE)r->s, &r->ov, &r->bytes, FALSE);
    return 0;
}

/*
 * A socket made without WSA_FLAG_OVERLAPPED, set non-blocking: recv and a
 * plain WSARecv say WSAEWOULDBLOCK, but a WSARecv with an OVERLAPPED waits
 * for the data (with or without an event), then returns 0 with the
 * OVERLAPPED filled in; with the data already there it returns 0 at once.
 */
static void nonoverlapped_socket_recv_with_overlapped_waits(void **state)
{
    (void)state;
    SOCKET c, s;
    pair_with_flags(0, &c, &s);
    ws2t_set_nonblocking(c, 1);
    ws2t_set_nonblocking(s, 1);
    expect_wouldblock_without_overlapped(c);

    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    assert_non_null(event);
    for (int round = 0; round < 2; round++) {
        static struct sync_recv
            r; /* static: a thread left waiting by a failed assertion still has it */
        memset(&r, 0, sizeof(r));
        r.s = c;
        r.event = round ? event : NULL;
        HANDLE th = ws2t_thread(sync_recv_thread, &r);
        assert_int_equal(WaitForSingleObject(th, 200), WAIT_TIMEOUT);
        assert_int_equal(send(s, "data", 4, 0), 4);
        ws2t_join(th);
        assert_int_equal(r.result, 0);
        assert_true(r.got);
        assert_int_equal(r.bytes, 4);
        assert_memory_equal(r.buf, "data", 4);
    }

    assert_int_equal(send(s, "data", 4, 0), 4);
    Sleep(50);
    char buf[5];
    memset(buf, 0, sizeof(buf));
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    assert_int_equal(recv_ov(c, buf, sizeof(buf), NULL, &ov), 0);
    expect_data(c, &ov, buf);

    CloseHandle(event);
    closesocket(c);
    closesocket(s);
}

/*
 * A socket made without WSA_FLAG_OVERLAPPED: an error found while the
 * overlapped receive waits is returned by the call (here the peer's reset).
 */
static void nonoverlapped_socket_recv_with_overlapped_returns_errors(void **state)
{
    (void)state;
    SOCKET c, s;
    pair_with_flags(0, &c, &s);
    struct linger l = {1, 0};
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l)), 0);
    assert_int_equal(closesocket(s), 0);
    Sleep(50);
    char buf[5];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD bytes = UNTOUCHED;
    assert_int_equal(recv_ov(c, buf, sizeof(buf), &bytes, &ov), SOCKET_ERROR);
    assert_wsa_error(WSAECONNRESET);
    closesocket(c);
}

static void set_opentype(int value)
{
    assert_int_equal(
        setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (const char *)&value, sizeof(value)),
        0);
}

/*
 * socket() after the thread set SO_OPENTYPE makes a non-overlapped socket
 * (getsockopt.md: "Once set, all subsequent sockets created will be
 * non-overlapped"): an overlapped WSARecv on it waits for the data even
 * when it is non-blocking.  Set back to 0, socket() makes overlapped ones
 * again, whose overlapped WSARecv pends.
 */
static void opentype_makes_socket_nonoverlapped(void **state)
{
    (void)state;
    set_opentype(SO_SYNCHRONOUS_NONALERT);
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    set_opentype(0);
    ws2t_set_nonblocking(c, 1);
    expect_wouldblock_without_overlapped(c);
    static struct sync_recv
        r; /* static: a thread left waiting by a failed assertion still has it */
    memset(&r, 0, sizeof(r));
    r.s = c;
    HANDLE th = ws2t_thread(sync_recv_thread, &r);
    assert_int_equal(WaitForSingleObject(th, 200), WAIT_TIMEOUT);
    assert_int_equal(send(s, "data", 4, 0), 4);
    ws2t_join(th);
    assert_int_equal(r.result, 0);
    assert_true(r.got);
    assert_int_equal(r.bytes, 4);
    closesocket(c);
    closesocket(s);

    ws2t_tcp_pair(AF_INET, &c, &s);
    ws2t_set_nonblocking(c, 1);
    char buf[5];
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(recv_ov(c, buf, sizeof(buf), NULL, &ov), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(send(s, "data", 4, 0), 4);
    assert_int_equal(WaitForSingleObject((HANDLE)c, 5000), WAIT_OBJECT_0);
    expect_data(c, &ov, buf);
    closesocket(c);
    closesocket(s);
}

/* Two receives of 16 bytes pending together take one 32-byte send in the order issued. */
static void pending_recvs_filled_in_issue_order(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    static const char message[32] = "-- two halves of one message --";
    char got[32];
    memset(got, 0, sizeof(got));
    WSAOVERLAPPED ov[2];
    for (int i = 0; i < 2; i++) {
        memset(&ov[i], 0, sizeof(ov[i]));
        ov[i].hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
        assert_non_null(ov[i].hEvent);
        WSASetLastError(UNTOUCHED);
        assert_int_equal(recv_ov(c, got + 16 * i, 16, NULL, &ov[i]), SOCKET_ERROR);
        assert_wsa_error(WSA_IO_PENDING);
    }
    assert_int_equal(send(s, message, sizeof(message), 0), (int)sizeof(message));
    for (int i = 0; i < 2; i++) {
        assert_int_equal(WaitForSingleObject(ov[i].hEvent, 5000), WAIT_OBJECT_0);
        DWORD bytes = 0;
        assert_true(GetOverlappedResult((HANDLE)c, &ov[i], &bytes, FALSE));
        assert_int_equal(bytes, 16);
        assert_memory_equal(got + 16 * i, message + 16 * i, 16);
        CloseHandle(ov[i].hEvent);
    }
    closesocket(c);
    closesocket(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(nonblocking_overlapped_socket_recv_pends, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(nonoverlapped_socket_recv_with_overlapped_waits, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(nonoverlapped_socket_recv_with_overlapped_returns_errors,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(opentype_makes_socket_nonoverlapped, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(pending_recvs_filled_in_issue_order, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("iocp_conformance_recv", tests, NULL, NULL);
}
