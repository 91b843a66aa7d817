/*
 * Overlapped receives on a socket that a receive has just emptied, or not
 * quite.  The provider learns from each receive how much it left behind
 * (Linux's TCP_INQ) and queues the next receive without trying when nothing
 * was; these tests pin down that this changes nothing a program sees
 * (WSARecv.md): a receive issued while data is there completes at once
 * ("If no error occurs and the receive operation has completed immediately,
 * WSARecv returns zero"), one issued on an empty socket pends until data
 * comes, the end of the stream is a completion with 0 bytes, MSG_WAITALL
 * waits for the whole buffer, and urgent data is still received.
 */
#include <string.h>

#include "testlib.h"

static WSAEVENT new_event(void)
{
    WSAEVENT e = WSACreateEvent();
    assert_true(e != WSA_INVALID_EVENT);
    return e;
}

static int post_recv(SOCKET s, char *buf, ULONG len, DWORD flags, WSAOVERLAPPED *ov, DWORD *got)
{
    WSABUF b = {len, buf};
    memset(ov, 0, sizeof(*ov) - sizeof(ov->hEvent));
    return WSARecv(s, &b, 1, got, &flags, ov, NULL);
}

/* Waits (generously: the machine is loaded) until s has at least want bytes to read. */
static void wait_readable(SOCKET s, u_long want)
{
    uint64_t until = ws2t_now_ms() + 5000;
    u_long n = 0;
    while (ioctlsocket(s, FIONREAD, &n) == 0 && n < want && ws2t_now_ms() < until)
        Sleep(5);
    assert_true(n >= want);
}

/* The result of ov, which must complete within 5 s. */
static DWORD completed_bytes(SOCKET s, WSAOVERLAPPED *ov)
{
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov->hEvent, FALSE, 5000, FALSE),
                     WSA_WAIT_EVENT_0);
    DWORD bytes = 0, flags = 0;
    assert_true(WSAGetOverlappedResult(s, ov, &bytes, FALSE, &flags));
    return bytes;
}

/*
 * A receive issued right after data came: it completes at once, or (when
 * the I/O engine has not yet reported the data) pends and completes soon;
 * its byte count either way.
 */
static DWORD recv_now_or_soon(SOCKET s, char *buf, ULONG len, DWORD flags, WSAOVERLAPPED *ov)
{
    DWORD got = 0;
    if (post_recv(s, buf, len, flags, ov, &got) == SOCKET_ERROR)
        assert_wsa_error(WSA_IO_PENDING);
    return completed_bytes(s, ov);
}

/* A receive that pends once, so that the socket is watched for input, then completes. */
static void pend_once(SOCKET c, SOCKET s)
{
    char buf[8];
    WSAOVERLAPPED ov;
    ov.hEvent = new_event();
    DWORD got = 0;
    assert_int_equal(post_recv(s, buf, sizeof(buf), 0, &ov, &got), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(send(c, "w", 1, 0), 1);
    assert_int_equal(completed_bytes(s, &ov), 1);
    WSACloseEvent(ov.hEvent);
}

/*
 * The peer runs ahead: a receive that takes part of what is queued leaves
 * the rest for the next, which completes at once; only the one after that,
 * on the emptied socket, pends, and completes when more comes.
 */
static void recv_after_partial_recv_completes_at_once(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    pend_once(c, s);
    assert_int_equal(send(c, "0123456789", 10, 0), 10);
    wait_readable(s, 10);

    char buf[16];
    WSAOVERLAPPED ov;
    ov.hEvent = new_event();
    assert_int_equal(recv_now_or_soon(s, buf, 4, 0, &ov), 4);
    assert_memory_equal(buf, "0123", 4);

    DWORD got = 0;
    assert_int_equal(post_recv(s, buf, sizeof(buf), 0, &ov, &got), 0);
    assert_int_equal(got, 6);
    assert_memory_equal(buf, "456789", 6);
    assert_int_equal(completed_bytes(s, &ov), 6);

    assert_int_equal(post_recv(s, buf, sizeof(buf), 0, &ov, &got), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 50, FALSE), WSA_WAIT_TIMEOUT);
    assert_int_equal(send(c, "more", 4, 0), 4);
    assert_int_equal(completed_bytes(s, &ov), 4);
    assert_memory_equal(buf, "more", 4);

    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/*
 * Data and the peer's FIN both arrived before the receive: it takes the
 * data, and the next receive completes with 0 bytes (the end of the
 * stream), although nothing new will ever be reported for the socket.
 */
static void recv_after_last_data_sees_the_end_of_stream(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    pend_once(c, s);
    assert_int_equal(send(c, "last", 4, 0), 4);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    wait_readable(s, 4);
    Sleep(100); /* the FIN behind the data */

    char buf[16];
    WSAOVERLAPPED ov;
    ov.hEvent = new_event();
    assert_int_equal(recv_now_or_soon(s, buf, sizeof(buf), 0, &ov), 4);

    DWORD got = 99;
    int r = post_recv(s, buf, sizeof(buf), 0, &ov, &got);
    if (r == SOCKET_ERROR)
        assert_wsa_error(WSA_IO_PENDING);
    else
        assert_int_equal(got, 0);
    assert_int_equal(completed_bytes(s, &ov), 0);

    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/* The peer closes after the socket was emptied: a pending receive completes with 0 bytes. */
static void pending_recv_after_drain_sees_the_peer_close(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    pend_once(c, s);
    assert_int_equal(send(c, "abc", 3, 0), 3);
    wait_readable(s, 3);

    char buf[16];
    WSAOVERLAPPED ov;
    ov.hEvent = new_event();
    assert_int_equal(recv_now_or_soon(s, buf, sizeof(buf), 0, &ov), 3);

    DWORD got = 0;
    assert_int_equal(post_recv(s, buf, sizeof(buf), 0, &ov, &got), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(completed_bytes(s, &ov), 0);

    WSACloseEvent(ov.hEvent);
    closesocket(s);
}

/* MSG_WAITALL: a receive that empties the socket before its buffer is full waits for the rest. */
static void waitall_recv_waits_for_the_rest_after_draining(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    pend_once(c, s);
    assert_int_equal(send(c, "abcd", 4, 0), 4);
    wait_readable(s, 4);

    char buf[8];
    WSAOVERLAPPED ov;
    ov.hEvent = new_event();
    DWORD got = 0;
    assert_int_equal(post_recv(s, buf, sizeof(buf), MSG_WAITALL, &ov, &got), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 50, FALSE), WSA_WAIT_TIMEOUT);
    assert_int_equal(send(c, "efgh", 4, 0), 4);
    assert_int_equal(completed_bytes(s, &ov), 8);
    assert_memory_equal(buf, "abcdefgh", 8);

    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

/* Urgent data that comes after a receive emptied the socket is received with MSG_OOB. */
static void oob_recv_after_drain_takes_the_urgent_byte(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    pend_once(c, s);
    assert_int_equal(send(c, "xy", 2, 0), 2);
    wait_readable(s, 2);

    char buf[16];
    WSAOVERLAPPED ov;
    ov.hEvent = new_event();
    assert_int_equal(recv_now_or_soon(s, buf, sizeof(buf), 0, &ov), 2);

    assert_int_equal(send(c, "!", 1, MSG_OOB), 1);
    Sleep(100);
    buf[0] = 0;
    assert_int_equal(recv_now_or_soon(s, buf, sizeof(buf), MSG_OOB, &ov), 1);
    assert_int_equal(buf[0], '!');

    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(recv_after_partial_recv_completes_at_once, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(recv_after_last_data_sees_the_end_of_stream, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(pending_recv_after_drain_sees_the_peer_close, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(waitall_recv_waits_for_the_rest_after_draining, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(oob_recv_after_drain_takes_the_urgent_byte, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
