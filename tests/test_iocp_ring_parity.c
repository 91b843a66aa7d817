/*
 * The same Winsock calls give the same results whichever way the library
 * runs an overlapped receive of a completion port's socket: tried on the
 * socket's readiness (src/providers/base/overlapped.c), or as a request on
 * the port's ring under the io_uring engine (overlapped_ring.c).
 *
 * A receive goes to the ring when a port's thread issues it right after
 * taking a packet from the port and the socket's last receive left it
 * empty; every test here issues its receives that way (after_a_receive),
 * so that under the io_uring engine they are the ring's, and under
 * WS2POSIX_ENGINE=epoll (ctest runs the suite with it too) the readiness
 * path's, which the tests hold as Windows' behaviour.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 5000

/* How many times a test that meets a race repeats itself, to meet its every side. */
#define ROUNDS 30

#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

/*
 * A connected pair whose server side *s is on a new port and has just
 * received a byte through it: its last receive left it empty and the
 * calling thread took the packet, so the thread's next receive on *s is a
 * request on the port's ring under the io_uring engine.  The client *c
 * gives up a blocking receive after LONG_WAIT.
 */
static HANDLE after_a_receive(SOCKET *c, SOCKET *s)
{
    ws2t_tcp_pair(AF_INET, c, s);
    HANDLE port = ws2t_new_port();
    assert_non_null(CreateIoCompletionPort((HANDLE)*s, port, 7, 0));
    DWORD ms = LONG_WAIT;
    assert_int_equal(setsockopt(*c, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof(ms)), 0);
    char b[8];
    WSABUF buf;
    WSAOVERLAPPED ov;
    ws2t_recv_pending(*s, &ov, &buf, b, sizeof(b));
    assert_int_equal(send(*c, "a", 1, 0), 1);
    ws2t_expect_done(port, &ov, 1, LONG_WAIT);
    return port;
}

/* An abortive closesocket of c: its peer sees a reset. */
static void reset_by(SOCKET c)
{
    struct linger abortive = {1, 0};
    assert_int_equal(
        setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&abortive, sizeof(abortive)), 0);
    assert_int_equal(closesocket(c), 0);
}

/* What s's selection recorded, once ev is signalled (within LONG_WAIT). */
static WSANETWORKEVENTS recorded(SOCKET s, WSAEVENT ev)
{
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, LONG_WAIT, FALSE), WSA_WAIT_EVENT_0);
    WSANETWORKEVENTS ne;
    memset(&ne, 0, sizeof(ne));
    assert_int_equal(WSAEnumNetworkEvents(s, ev, &ne), 0);
    return ne;
}

/*
 * Takes ov's packet from port, which must report a failure; WSAGetLastError
 * is its error.  The bytes the operation moved before it failed.
 */
static DWORD expect_failure_through(HANDLE port, SOCKET s, WSAOVERLAPPED *ov)
{
    DWORD got = 0, flags = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED done = NULL;
    assert_false(GetQueuedCompletionStatus(port, &got, &key, &done, LONG_WAIT));
    assert_ptr_equal(done, ov);
    assert_false(WSAGetOverlappedResult(s, ov, &got, FALSE, &flags));
    return got;
}

/* --- What a pending receive leaves unread -------------------------------- */

/*
 * Data that a receive pending before it arrived takes records no FD_READ;
 * what the receive leaves in the socket does, as any data waiting does
 * (WSAEventSelect.md: FD_READ is recorded while data can be read and the
 * event is enabled).  The selection is made while the receive is pending,
 * which leaves that receive where it was.
 */
static void data_a_pending_receive_leaves_records_fd_read(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        SOCKET c, s;
        HANDLE port = after_a_receive(&c, &s);
        WSAOVERLAPPED ov;
        WSABUF wb;
        char b[4];
        ws2t_recv_pending(s, &ov, &wb, b, sizeof(b));
        WSAEVENT ev = WSACreateEvent();
        assert_int_equal(WSAEventSelect(s, ev, FD_READ), 0);
        assert_int_equal(send(c, "0123456789", 10, 0), 10);
        ws2t_expect_done(port, &ov, 4, LONG_WAIT);
        assert_memory_equal(b, "0123", 4);
        WSANETWORKEVENTS ne = recorded(s, ev);
        assert_int_equal(ne.lNetworkEvents & FD_READ, FD_READ);
        assert_int_equal(WSAEventSelect(s, NULL, 0), 0);
        WSACloseEvent(ev);
        closesocket(c);
        closesocket(s);
        CloseHandle(port);
    }
}

/*
 * shutdown.md, SD_RECEIVE: "For TCP sockets, if there is still data queued
 * on the socket waiting to be received, or data arrives subsequently, the
 * connection is reset, since the data cannot be delivered to the user."  A
 * receive pending before the shutdown still takes what fits in its buffer
 * (test_spi_aborts, pending_receive_takes_data_after_shutdown_receive); the
 * rest cannot be delivered, and the peer sees the reset.  The reset records
 * FD_CLOSE with WSAECONNABORTED, as every abortive end does
 * (WSAEnumNetworkEvents.md; test_spi_aborts,
 * refused_data_records_fd_close_aborted).  The selection is made while the
 * receive is pending, as above.
 */
static void data_a_pending_receive_leaves_after_shutdown_receive_resets(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        SOCKET c, s;
        HANDLE port = after_a_receive(&c, &s);
        WSAOVERLAPPED ov;
        WSABUF wb;
        char b[4];
        ws2t_recv_pending(s, &ov, &wb, b, sizeof(b));
        WSAEVENT ev = WSACreateEvent();
        assert_int_equal(WSAEventSelect(s, ev, FD_CLOSE), 0);
        assert_int_equal(shutdown(s, SD_RECEIVE), 0);
        assert_int_equal(send(c, "testmore", 8, 0), 8);
        ws2t_expect_done(port, &ov, 4, LONG_WAIT);
        assert_memory_equal(b, "test", 4);
        char got[8];
        assert_fails(recv(c, got, sizeof(got), 0), WSAECONNRESET);
        /* The reset is ours: "aborted by the software in your host". */
        assert_fails(send(s, "x", 1, 0), WSAECONNABORTED);
        WSANETWORKEVENTS ne = recorded(s, ev);
        assert_int_equal(ne.lNetworkEvents & FD_CLOSE, FD_CLOSE);
        assert_int_equal(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED);
        assert_int_equal(WSAEventSelect(s, NULL, 0), 0);
        WSACloseEvent(ev);
        closesocket(c);
        closesocket(s);
        CloseHandle(port);
    }
}

/* --- The connection's end, met by a receive ------------------------------ */

/*
 * A reset that comes after the peer's FIN: Windows fails the receive with
 * WSAECONNABORTED (Wine's test_shutdown, "Send data to a peer which is
 * closed", passes on Windows; test_spi_aborts has the blocking recv), where
 * Linux reports the FIN (0) and never the reset, to the ring's receive as
 * to recv.  The receive is issued once both came: it fails at once, or
 * later through the port when it was left to the ring.
 */
static void reset_after_the_peers_fin_fails_a_receive(void **state)
{
    (void)state;
    SOCKET c, s;
    HANDLE port = after_a_receive(&c, &s);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    closesocket(c);
    assert_int_equal(send(s, "test", 4, 0), 4); /* to a closed socket: it answers with RST */
    Sleep(200);
    WSAOVERLAPPED ov;
    WSABUF wb = {0};
    char b[8];
    DWORD flags = 0;
    memset(&ov, 0, sizeof(ov));
    wb.buf = b;
    wb.len = sizeof(b);
    assert_int_equal(WSARecv(s, &wb, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    if (WSAGetLastError() == WSA_IO_PENDING)
        expect_failure_through(port, s, &ov);
    assert_wsa_error(WSAECONNABORTED);
    assert_fails(recv(s, b, sizeof(b), 0), WSAECONNABORTED);
    closesocket(s);
    CloseHandle(port);
}

/*
 * The peer's reset fails a pending receive with WSAECONNRESET, and every
 * later call too (Windows Sockets Error Codes, WSAECONNRESET: "Subsequent
 * operations fail with WSAECONNRESET").  Linux reports a reset once and the
 * end of the stream after it: the readiness path remembered the reset, the
 * ring's receive did not.
 */
static void reset_fails_a_pending_receive_and_every_later_call(void **state)
{
    (void)state;
    SOCKET c, s;
    HANDLE port = after_a_receive(&c, &s);
    WSAOVERLAPPED ov;
    WSABUF wb;
    char b[8];
    ws2t_recv_pending(s, &ov, &wb, b, sizeof(b));
    reset_by(c);
    expect_failure_through(port, s, &ov);
    assert_wsa_error(WSAECONNRESET);
    assert_fails(recv(s, b, sizeof(b), 0), WSAECONNRESET);
    assert_fails(send(s, "x", 1, 0), WSAECONNRESET);
    closesocket(s);
    CloseHandle(port);
}

/* --- A cancel that comes as the connection ends ------------------------- */

/*
 * Windows Sockets Error Codes, WSAECONNRESET: "Subsequent operations fail
 * with WSAECONNRESET" once the peer has reset the connection.  A receive
 * pending when the reset comes either meets it (WSAECONNRESET) or is
 * cancelled first (WSA_OPERATION_ABORTED); either way the calls after it
 * report the reset.  Linux reports a reset to one call only, so the library
 * must remember it whichever call met it, the cancelled one included.
 * Repeated: the cancel and the receive's end race.
 */
static void reset_racing_a_cancel_fails_every_later_call(void **state)
{
    (void)state;
    for (int i = 0; i < ROUNDS; i++) {
        SOCKET c, s;
        HANDLE port = after_a_receive(&c, &s);
        WSAOVERLAPPED ov;
        WSABUF wb;
        char b[8];
        ws2t_recv_pending(s, &ov, &wb, b, sizeof(b));
        reset_by(c);
        CancelIoEx((HANDLE)s, &ov); /* too late, or not */
        expect_failure_through(port, s, &ov);
        int e = WSAGetLastError();
        assert_true(e == WSA_OPERATION_ABORTED || e == WSAECONNRESET);
        assert_fails(recv(s, b, sizeof(b), 0), WSAECONNRESET);
        assert_fails(send(s, "x", 1, 0), WSAECONNRESET);
        closesocket(s);
        CloseHandle(port);
    }
}

/* --- A send the connection's end cuts short ------------------------------ */

/*
 * A send larger than the socket's buffers is still going when the peer
 * resets the connection: it fails with WSAECONNRESET, and so does every
 * later call (Windows Sockets Error Codes, WSAECONNRESET: "An existing
 * connection was forcibly closed by the remote host ... Subsequent
 * operations fail with WSAECONNRESET").  Not WSAECONNABORTED, which is this
 * host's own abort.  The send has moved part of its bytes when the reset
 * comes, which the readiness path sees as a short sendmsg followed by one
 * that fails with the reset.
 */
static void reset_fails_a_send_in_progress_and_every_later_call(void **state)
{
    (void)state;
    SOCKET c, s;
    HANDLE port = after_a_receive(&c, &s);
    size_t big = 16u << 20; /* more than loopback's buffers take: the peer reads nothing */
    char *data = calloc(1, big);
    assert_non_null(data);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    WSABUF wb = {(ULONG)big, data};
    assert_fails(WSASend(s, &wb, 1, NULL, 0, &ov, NULL), WSA_IO_PENDING);
    Sleep(200);  /* it has filled the buffers and waits for room */
    reset_by(c); /* with unread data: a reset */
    DWORD n = expect_failure_through(port, s, &ov);
    assert_wsa_error(WSAECONNRESET);
    assert_true(n < big);
    char b[4];
    assert_fails(send(s, "x", 1, 0), WSAECONNRESET);
    assert_fails(recv(s, b, sizeof(b), 0), WSAECONNRESET);
    free(data);
    closesocket(s);
    CloseHandle(port);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(data_a_pending_receive_leaves_records_fd_read, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(data_a_pending_receive_leaves_after_shutdown_receive_resets,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(reset_after_the_peers_fin_fails_a_receive, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(reset_fails_a_pending_receive_and_every_later_call,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(reset_racing_a_cancel_fails_every_later_call, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(reset_fails_a_send_in_progress_and_every_later_call,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("iocp_ring_parity", tests, NULL, NULL);
}
