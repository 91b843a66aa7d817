/*
 * WSAEventSelect as Windows 10/11 behave where WSAEventSelect.md says more
 * than they do: a new selection records only the events the application
 * has not been told of yet (its "persistence of network events" is not a
 * repetition of what was enumerated), FD_CONNECT counts a connect made
 * before the selection, a datagram socket has no FD_WRITE until it is
 * bound, FD_CLOSE comes after our own shutdown too, and data that a pending
 * receive takes records no FD_READ.  The facts are those of Wine's
 * conformance tests, which run on Windows.
 */
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 5000 /* ms: for something that must happen */
#define QUIET     150  /* ms: for something that must not */

#define ALL_EVENTS (FD_READ | FD_WRITE | FD_OOB | FD_ACCEPT | FD_CONNECT | FD_CLOSE)

static WSAEVENT new_event(void)
{
    WSAEVENT e = WSACreateEvent();
    assert_true(e != WSA_INVALID_EVENT);
    return e;
}

/*
 * Enumerates s's events (resetting ev) until every event in want has been
 * recorded or LONG_WAIT has passed; returns all the events seen, *out gets
 * their error codes.
 */
static LONG collect(SOCKET s, WSAEVENT ev, LONG want, WSANETWORKEVENTS *out)
{
    memset(out, 0, sizeof(*out));
    uint64_t end = ws2t_now_ms() + LONG_WAIT;
    for (;;) {
        WSANETWORKEVENTS ne;
        memset(&ne, 0, sizeof(ne));
        assert_int_equal(WSAEnumNetworkEvents(s, ev, &ne), 0);
        for (int bit = 0; bit < FD_MAX_EVENTS; bit++)
            if (ne.lNetworkEvents & (1 << bit))
                out->iErrorCode[bit] = ne.iErrorCode[bit];
        out->lNetworkEvents |= ne.lNetworkEvents;
        uint64_t now = ws2t_now_ms();
        if ((out->lNetworkEvents & want) == want || now >= end)
            return out->lNetworkEvents;
        WSAWaitForMultipleEvents(1, &ev, FALSE, (DWORD)(end - now), FALSE);
    }
}

/* Nothing is recorded for a while: the event stays unsignaled and the record empty. */
static void assert_nothing(SOCKET s, WSAEVENT ev)
{
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, QUIET, FALSE), WSA_WAIT_TIMEOUT);
    WSANETWORKEVENTS ne;
    memset(&ne, 0, sizeof(ne));
    assert_int_equal(WSAEnumNetworkEvents(s, ev, &ne), 0);
    assert_int_equal(ne.lNetworkEvents, 0);
}

/*
 * Selects mask again twice, the second time after a selection of nothing:
 * neither records anything.
 */
static void reselect_records_nothing(SOCKET s, WSAEVENT ev, LONG mask)
{
    assert_int_equal(WSAEventSelect(s, ev, mask), 0);
    assert_nothing(s, ev);
    assert_int_equal(WSAEventSelect(s, NULL, 0), 0);
    assert_int_equal(WSAEventSelect(s, ev, mask), 0);
    assert_nothing(s, ev);
}

/*
 * An event recorded and enumerated is not recorded again by a new
 * WSAEventSelect while its condition still holds (room to send, unread
 * data, urgent data, a connection waiting, the peer's close).
 */
static void reselect_does_not_record_enumerated_events_again(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    WSANETWORKEVENTS ne;
    LONG mask = ALL_EVENTS & ~FD_CONNECT;
    assert_int_equal(WSAEventSelect(s, ev, mask), 0);
    assert_int_equal(collect(s, ev, FD_WRITE, &ne), FD_WRITE);
    reselect_records_nothing(s, ev, mask); /* still writable */

    assert_int_equal(send(c, "data", 4, 0), 4);
    assert_int_equal(collect(s, ev, FD_READ, &ne), FD_READ);
    reselect_records_nothing(s, ev, mask); /* still unread */

    assert_int_equal(send(c, "u", 1, MSG_OOB), 1);
    assert_true(collect(s, ev, FD_OOB, &ne) & FD_OOB);
    reselect_records_nothing(s, ev, mask); /* still not read */

    assert_int_equal(closesocket(c), 0);
    assert_true(collect(s, ev, FD_CLOSE, &ne) & FD_CLOSE);
    assert_int_equal(ne.iErrorCode[FD_CLOSE_BIT], 0);
    reselect_records_nothing(s, ev, mask); /* FD_CLOSE comes once */
    closesocket(s);

    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    assert_int_equal(WSAEventSelect(l, ev, FD_ACCEPT | FD_READ | FD_OOB), 0);
    SOCKET c2 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c2, (struct sockaddr *)&addr, len), 0);
    assert_int_equal(collect(l, ev, FD_ACCEPT, &ne), FD_ACCEPT);
    reselect_records_nothing(l, ev, FD_ACCEPT | FD_READ | FD_OOB); /* still waiting */
    /* accept re-enables it; nobody is left waiting, so nothing is recorded. */
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    /* a took the listener's selection and event (its FD_WRITE may have set it). */
    assert_int_equal(WSAEventSelect(a, NULL, 0), 0);
    assert_true(WSAResetEvent(ev));
    assert_nothing(l, ev);
    closesocket(a);
    closesocket(c2);
    closesocket(l);
    WSACloseEvent(ev);
}

/*
 * An event that was recorded but cleared by a new WSAEventSelect before it
 * was enumerated was never reported: a later selection that includes it
 * records it again, while selections without it do not set the event.
 */
static void reselect_records_again_what_was_never_enumerated(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    WSAEVENT ev = new_event();
    LONG without = FD_CONNECT | FD_READ | FD_OOB;
    assert_int_equal(WSAEventSelect(l, ev, without | FD_ACCEPT), 0);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, LONG_WAIT, FALSE), WSA_WAIT_EVENT_0);
    assert_int_equal(WSAEventSelect(l, ev, without), 0);
    assert_true(WSAResetEvent(ev));
    assert_int_equal(WSAEventSelect(l, ev, without), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, QUIET, FALSE), WSA_WAIT_TIMEOUT);
    assert_int_equal(WSAEventSelect(l, ev, without | FD_ACCEPT), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(l, ev, FD_ACCEPT, &ne), FD_ACCEPT);
    closesocket(c);
    closesocket(l);
    WSACloseEvent(ev);
}

/*
 * Events that happened while they were not selected are recorded when they
 * are: a blocking connect made before any selection gives FD_CONNECT (error
 * 0) and FD_WRITE; with FD_WRITE left out first, FD_CONNECT alone, and
 * FD_WRITE when a later selection asks for it.  An accepted socket has no
 * FD_CONNECT.
 */
static void events_before_the_selection_are_recorded_once(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s); /* c made a blocking connect */
    WSAEVENT ev = new_event();
    WSANETWORKEVENTS ne;
    assert_int_equal(WSAEventSelect(c, ev, ALL_EVENTS), 0);
    assert_int_equal(collect(c, ev, FD_CONNECT | FD_WRITE, &ne), FD_CONNECT | FD_WRITE);
    assert_int_equal(ne.iErrorCode[FD_CONNECT_BIT], 0);
    assert_nothing(c, ev);
    assert_int_equal(WSAEventSelect(s, ev, ALL_EVENTS & ~FD_CLOSE), 0);
    assert_int_equal(collect(s, ev, FD_WRITE, &ne), FD_WRITE);
    assert_nothing(s, ev);
    closesocket(c);
    closesocket(s);

    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(WSAEventSelect(c, ev, FD_CONNECT | FD_READ | FD_OOB | FD_ACCEPT), 0);
    assert_int_equal(collect(c, ev, FD_CONNECT, &ne), FD_CONNECT);
    assert_nothing(c, ev);
    assert_int_equal(WSAEventSelect(c, ev, FD_CONNECT | FD_READ | FD_OOB | FD_WRITE), 0);
    assert_int_equal(collect(c, ev, FD_WRITE, &ne), FD_WRITE);
    assert_nothing(c, ev);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * A datagram socket: nothing while it is unbound (no FD_WRITE), FD_CONNECT
 * and FD_WRITE once connect gives it an address and a peer.
 */
static void datagram_socket_connect_records_fd_connect_and_fd_write(void **state)
{
    (void)state;
    struct sockaddr_in peer;
    SOCKET p = ws2t_udp_bound(&peer);
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(u, ev, FD_ACCEPT | FD_CONNECT | FD_OOB | FD_READ | FD_WRITE),
                     0);
    assert_nothing(u, ev);
    assert_int_equal(connect(u, (struct sockaddr *)&peer, sizeof(peer)), 0);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(u, ev, FD_CONNECT | FD_WRITE, &ne), FD_CONNECT | FD_WRITE);
    assert_int_equal(ne.iErrorCode[FD_CONNECT_BIT], 0);
    assert_nothing(u, ev);
    closesocket(u);
    closesocket(p);
    WSACloseEvent(ev);
}

/*
 * Our shutdown(SD_BOTH) records nothing, nor does the peer's
 * shutdown(SD_RECEIVE); the peer's FIN afterwards records FD_CLOSE (0).
 */
static void fd_close_after_our_shutdown_both(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(s, ev, FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ),
                     0);
    assert_int_equal(shutdown(c, SD_RECEIVE), 0);
    assert_int_equal(shutdown(s, SD_BOTH), 0);
    assert_nothing(s, ev);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(s, ev, FD_CLOSE, &ne), FD_CLOSE);
    assert_int_equal(ne.iErrorCode[FD_CLOSE_BIT], 0);
    assert_nothing(s, ev);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * Issues an overlapped receive of one byte on s, which must pend, then sends
 * that byte from c and waits for the receive to take it.
 */
static void pending_receive_takes_a_byte(SOCKET c, SOCKET s)
{
    char buf[1];
    WSABUF wb = {1, buf};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    DWORD flags = 0, got = 0;
    assert_int_equal(WSARecv(s, &wb, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(send(c, "a", 1, 0), 1);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, LONG_WAIT, FALSE),
                     WSA_WAIT_EVENT_0);
    assert_true(WSAGetOverlappedResult(s, &ov, &got, FALSE, &flags));
    assert_int_equal(got, 1);
    WSACloseEvent(ov.hEvent);
}

/*
 * Data that an overlapped receive pending before it arrived takes records
 * no FD_READ; the next data, with no receive pending, does.
 */
static void data_for_a_pending_receive_records_no_fd_read(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(s, ev, FD_ACCEPT | FD_CLOSE | FD_CONNECT | FD_OOB | FD_READ),
                     0);
    pending_receive_takes_a_byte(c, s);
    assert_nothing(s, ev);
    assert_int_equal(send(c, "b", 1, 0), 1);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(s, ev, FD_READ, &ne), FD_READ);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * The same whenever the engine happens to look at the socket meanwhile: a
 * new selection makes it report the room to send at once, on its own
 * thread, while the receive is issued and the data arrives.  Repeated to
 * meet the interleavings (the engine's look must fall between the two);
 * an FD_READ recorded by any of them stays in the record for the
 * enumeration after the loop.
 */
static void data_for_a_pending_receive_records_no_fd_read_whenever_it_comes(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    for (int i = 0; i < 2000; i++) {
        assert_int_equal(WSAEventSelect(s, ev, FD_READ | FD_WRITE), 0);
        pending_receive_takes_a_byte(c, s);
    }
    /* Whatever the engine was doing after the last receive has ended by then. */
    Sleep(QUIET);
    WSANETWORKEVENTS ne;
    memset(&ne, 0, sizeof(ne));
    assert_int_equal(WSAEnumNetworkEvents(s, ev, &ne), 0);
    assert_int_equal(ne.lNetworkEvents & FD_READ, 0);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * A socket that set options and received before it selected anything:
 * the selection records FD_READ for data waiting, and a receive that
 * leaves data re-enables it (WSAEventSelect.md: "recv ... re-enables
 * FD_READ"), although no receive before the selection had anything to
 * re-enable.
 */
static void receives_before_the_first_selection_leave_fd_read_to_it(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    DWORD timeout = 5000;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout)), 0);
    char buf[4];
    for (int i = 0; i < 3; i++) {
        assert_int_equal(send(c, "x", 1, 0), 1);
        assert_int_equal(recv(s, buf, 1, 0), 1);
    }
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(s, ev, FD_READ), 0);
    assert_nothing(s, ev);
    assert_int_equal(send(c, "ab", 2, 0), 2);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(s, ev, FD_READ, &ne), FD_READ);
    /* One byte of two: the receive re-enables FD_READ, recorded again for the byte left. */
    assert_int_equal(recv(s, buf, 1, 0), 1);
    assert_int_equal(collect(s, ev, FD_READ, &ne), FD_READ);
    assert_int_equal(recv(s, buf, 1, 0), 1);
    assert_nothing(s, ev);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(reselect_does_not_record_enumerated_events_again),
        T(reselect_records_again_what_was_never_enumerated),
        T(events_before_the_selection_are_recorded_once),
        T(datagram_socket_connect_records_fd_connect_and_fd_write),
        T(fd_close_after_our_shutdown_both),
        T(data_for_a_pending_receive_records_no_fd_read),
        T(data_for_a_pending_receive_records_no_fd_read_whenever_it_comes),
        T(receives_before_the_first_selection_leave_fd_read_to_it),
    };
    return cmocka_run_group_tests_name("eventselect_reselect", tests, NULL, NULL);
}
