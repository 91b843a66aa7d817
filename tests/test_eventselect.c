/*
 * WSAEventSelect and WSAEnumNetworkEvents: which network events are
 * recorded when, their re-enabling, their error codes, and what selection
 * does to the socket.  Each test quotes Microsoft's documentation of the two
 * functions (WSAEventSelect.md, WSAEnumNetworkEvents.md), of ioctlsocket, or
 * closesocket.md.
 */
#include <string.h>

#include "testlib.h"

#define LONG_WAIT 5000 /* ms: for something that must happen */
#define QUIET     150  /* ms: for something that must not */

static WSAEVENT new_event(void)
{
    WSAEVENT e = WSACreateEvent();
    assert_true(e != WSA_INVALID_EVENT);
    return e;
}

/*
 * Enumerates s's events (resetting ev) until every event in want has been
 * recorded or timeout_ms has passed.  Returns all the events seen; *out gets
 * them with their error codes.
 */
static LONG collect(SOCKET s, WSAEVENT ev, LONG want, WSANETWORKEVENTS *out, DWORD timeout_ms)
{
    memset(out, 0, sizeof(*out));
    uint64_t end = ws2t_now_ms() + timeout_ms;
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

/* Asserts that ev stays unsignaled for a while. */
static void assert_quiet(WSAEVENT ev)
{
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, QUIET, FALSE), WSA_WAIT_TIMEOUT);
}

static void assert_signaled(WSAEVENT ev)
{
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, LONG_WAIT, FALSE), WSA_WAIT_EVENT_0);
}

static SOCKET connect_to(const struct sockaddr_storage *addr, int len)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(c != INVALID_SOCKET);
    assert_int_equal(connect(c, (const struct sockaddr *)addr, len), 0);
    return c;
}

/*
 * "An application calls listen. A connect request is received but not yet
 * accepted. The application calls WSAEventSelect specifying that it is
 * interested in the FD_ACCEPT network event for the socket. Due to the
 * persistence of network events, Windows Sockets records the FD_ACCEPT
 * network event and sets the associated event object immediately."  FD_ACCEPT
 * is level-triggered: accept re-enables it, and it is recorded again while a
 * connection is still waiting.  And, as Windows 10/11 do (not the
 * documentation's "no further actions ... until" the re-enabling call), a
 * second connection arriving records it again before any accept.  "Any
 * WSAEventSelect association and network events selection set for the
 * listening socket apply to the accepted socket", whose FD_WRITE is recorded
 * "when a socket is accepted".
 */
static void fd_accept_is_level_triggered_and_inherited(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    SOCKET c1 = connect_to(&addr, len);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(l, ev, FD_ACCEPT | FD_WRITE), 0);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(l, ev, FD_ACCEPT, &ne, LONG_WAIT), FD_ACCEPT);
    assert_int_equal(ne.iErrorCode[FD_ACCEPT_BIT], 0);

    /* Not re-enabled, yet a second connection is a new occurrence: recorded. */
    SOCKET c2 = connect_to(&addr, len);
    assert_int_equal(collect(l, ev, FD_ACCEPT, &ne, LONG_WAIT), FD_ACCEPT);
    assert_quiet(ev);

    SOCKET a1 = accept(l, NULL, NULL);
    assert_true(a1 != INVALID_SOCKET);
    assert_signaled(ev);
    assert_int_equal(collect(l, ev, FD_ACCEPT, &ne, LONG_WAIT), FD_ACCEPT); /* c2 waits */
    assert_int_equal(collect(a1, ev, FD_WRITE, &ne, LONG_WAIT), FD_WRITE);  /* inherited */
    u_long mode = 0;
    assert_int_equal(ioctlsocket(a1, FIONBIO, &mode), SOCKET_ERROR); /* inherited too */
    assert_wsa_error(WSAEINVAL);

    SOCKET a2 = accept(l, NULL, NULL);
    assert_true(a2 != INVALID_SOCKET);
    collect(a2, ev, FD_WRITE, &ne, LONG_WAIT);
    assert_int_equal(collect(l, ev, 0, &ne, 0), 0); /* nobody left waiting */
    assert_quiet(ev);

    closesocket(a1);
    closesocket(a2);
    closesocket(c1);
    closesocket(c2);
    closesocket(l);
    WSACloseEvent(ev);
}

/*
 * The documentation's example: "Associate event types FD_ACCEPT and FD_CLOSE
 * with the listening socket and NewEvent", then listen.
 */
static void selection_before_listen(void **state)
{
    (void)state;
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(l, ev, FD_ACCEPT | FD_CLOSE), 0);
    assert_int_equal(listen(l, SOMAXCONN), 0);
    assert_quiet(ev);
    struct sockaddr_storage addr;
    int len = sizeof(addr);
    assert_int_equal(getsockname(l, (struct sockaddr *)&addr, &len), 0);
    SOCKET c = connect_to(&addr, len);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(l, ev, FD_ACCEPT, &ne, LONG_WAIT), FD_ACCEPT);
    closesocket(c);
    closesocket(l);
    WSACloseEvent(ev);
}

/*
 * FD_CONNECT ("Re-enabling function: None") is recorded once when a
 * non-blocking connect completes, and "An FD_WRITE network event is recorded
 * when a socket is first connected with a call to the connect ... function".
 */
static void fd_connect_and_fd_write_on_success(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(c, ev, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE), 0);
    assert_quiet(ev); /* nothing has happened on a new socket */
    int r = connect(c, (struct sockaddr *)&addr, len);
    assert_true(r == 0 || WSAGetLastError() == WSAEWOULDBLOCK);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(c, ev, FD_CONNECT | FD_WRITE, &ne, LONG_WAIT), FD_CONNECT | FD_WRITE);
    assert_int_equal(ne.iErrorCode[FD_CONNECT_BIT], 0);
    assert_int_equal(ne.iErrorCode[FD_WRITE_BIT], 0);
    assert_quiet(ev); /* once */
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    closesocket(a);
    closesocket(c);
    closesocket(l);
    WSACloseEvent(ev);
}

/*
 * WSAEnumNetworkEvents.md, "Event: FD_CONNECT": WSAECONNREFUSED, "The attempt
 * to connect was forcefully rejected."  A failed connect records neither
 * FD_WRITE nor FD_CLOSE.
 */
static void fd_connect_reports_refusal(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    closesocket(ws2t_listener(AF_INET, &addr, &len)); /* a port nobody listens on */
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(c, ev, FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE), 0);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(c, ev, FD_CONNECT, &ne, LONG_WAIT), FD_CONNECT);
    assert_int_equal(ne.iErrorCode[FD_CONNECT_BIT], WSAECONNREFUSED);
    assert_quiet(ev);
    closesocket(c);
    WSACloseEvent(ev);
}

/*
 * FD_WRITE: "an application can assume that sends are possible starting from
 * the first FD_WRITE network event setting and lasting until a send returns
 * WSAEWOULDBLOCK. After such a failure the application will find out that
 * sends are again possible when an FD_WRITE network event is recorded".  And
 * "If a network event has already happened when the application calls
 * WSAEventSelect ... a network event is recorded" (a connected socket).
 */
static void fd_write_after_wouldblock(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(c, ev, FD_WRITE), 0);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(c, ev, FD_WRITE, &ne, LONG_WAIT), FD_WRITE);
    assert_int_equal(send(c, "x", 1, 0), 1);
    assert_quiet(ev); /* a send that succeeds does not record it again */

    static char chunk[65536];
    size_t total = 1;
    for (;;) {
        int n = send(c, chunk, sizeof(chunk), 0);
        if (n == SOCKET_ERROR) {
            assert_wsa_error(WSAEWOULDBLOCK);
            break;
        }
        total += (size_t)n;
    }
    assert_quiet(ev); /* no room yet */
    static char sink[65536];
    for (size_t got = 0; got < total;) {
        int n = recv(s, sink, sizeof(sink), 0);
        assert_true(n > 0);
        got += (size_t)n;
    }
    assert_int_equal(collect(c, ev, FD_WRITE, &ne, LONG_WAIT), FD_WRITE);
    assert_int_equal(ne.iErrorCode[FD_WRITE_BIT], 0);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * FD_READ is level-triggered: "The application issues recv(s, buffptr, 50,
 * 0) to read 50 bytes. The transport provider causes WS2_32.DLL to record
 * the FD_READ network event and sets the associated event object again since
 * there is still data to be read."  Where the documentation adds that "no
 * further actions are taken for that network event until the application
 * makes the function call that implicitly reenables" it, Windows 10/11
 * record FD_READ again when more data arrives (Wine's conformance tests,
 * run on Windows); what stays quiet is the data already reported.
 */
static void fd_read_is_reenabled_by_recv(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(s, ev, FD_READ), 0);
    assert_quiet(ev); /* nothing to read */
    assert_int_equal(send(c, "hello", 5, 0), 5);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(s, ev, FD_READ, &ne, LONG_WAIT), FD_READ);
    assert_int_equal(ne.iErrorCode[FD_READ_BIT], 0);
    assert_quiet(ev); /* the same data: nothing more */
    assert_int_equal(send(c, "world", 5, 0), 5);
    assert_int_equal(collect(s, ev, FD_READ, &ne, LONG_WAIT), FD_READ); /* new data */
    assert_quiet(ev);

    char buf[16];
    assert_int_equal(recv(s, buf, 3, 0), 3);
    assert_memory_equal(buf, "hel", 3);
    assert_int_equal(collect(s, ev, FD_READ, &ne, LONG_WAIT), FD_READ); /* 7 bytes left */
    int got = 0;
    while (got < 7) {
        int n = recv(s, buf + got, sizeof(buf) - (size_t)got, 0);
        assert_true(n > 0);
        got += n;
    }
    assert_memory_equal(buf, "loworld", 7);
    collect(s, ev, 0, &ne, 0); /* what the receives recorded meanwhile */
    assert_quiet(ev);          /* nothing left */
    /* A receive that fails (WSAEWOULDBLOCK) re-enables it too: "even one that fails". */
    assert_int_equal(recv(s, buf, sizeof(buf), 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    assert_int_equal(send(c, "!", 1, 0), 1);
    assert_int_equal(collect(s, ev, FD_READ, &ne, LONG_WAIT), FD_READ);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * FD_OOB "is used only when a socket is configured to receive OOB data
 * separately"; recv re-enables it.
 */
static void fd_oob_for_urgent_data(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(s, ev, FD_OOB), 0);
    assert_int_equal(send(c, "u", 1, MSG_OOB), 1);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(s, ev, FD_OOB, &ne, LONG_WAIT), FD_OOB);
    char b;
    assert_int_equal(recv(s, &b, 1, MSG_OOB), 1);
    assert_int_equal(b, 'u');
    assert_int_equal(collect(s, ev, 0, &ne, 0), 0); /* read: not recorded again */
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * "If the error code is zero, then the close was graceful"; FD_CLOSE is
 * recorded when "the connection goes into the TIME WAIT or CLOSE WAIT
 * states", and "An application should check for remaining data upon receipt
 * of FD_CLOSE".  FD_CLOSE has no re-enabling function: it comes once.
 */
static void fd_close_graceful_is_zero(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(s, ev, FD_READ | FD_CLOSE), 0);
    assert_int_equal(send(c, "bye", 3, 0), 3);
    assert_int_equal(closesocket(c), 0);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(s, ev, FD_READ | FD_CLOSE, &ne, LONG_WAIT), FD_READ | FD_CLOSE);
    assert_int_equal(ne.iErrorCode[FD_CLOSE_BIT], 0);
    char buf[8];
    assert_int_equal(recv(s, buf, sizeof(buf), 0), 3); /* the data is still there */
    assert_int_equal(recv(s, buf, sizeof(buf), 0), 0);
    /* "Windows Sockets will record only an FD_CLOSE ... It will not record an FD_READ". */
    assert_int_equal(collect(s, ev, 0, &ne, 0), 0);
    assert_quiet(ev);
    closesocket(s);
    WSACloseEvent(ev);
}

/* The same after our own shutdown(SD_SEND): both directions closed in order. */
static void fd_close_after_our_shutdown_is_zero(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(s, ev, FD_CLOSE), 0);
    assert_int_equal(shutdown(s, SD_SEND), 0);
    char buf[4];
    assert_int_equal(recv(c, buf, sizeof(buf), 0), 0);
    assert_quiet(ev); /* our own half-close is not the peer's */
    assert_int_equal(closesocket(c), 0);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(s, ev, FD_CLOSE, &ne, LONG_WAIT), FD_CLOSE);
    assert_int_equal(ne.iErrorCode[FD_CLOSE_BIT], 0);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * closesocket.md: l_onoff 1 and l_linger 0 is "a hard or abortive close,
 * because the socket's virtual circuit is reset immediately".
 * WSAEnumNetworkEvents.md gives WSAECONNRESET for a reset circuit, but
 * Windows 10/11 put WSAECONNABORTED in iErrorCode[FD_CLOSE_BIT] for a
 * peer's reset (Wine's conformance tests, run on Windows); the receive that
 * meets the reset fails with WSAECONNRESET.
 */
static void fd_close_reset_is_connaborted(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(s, ev, FD_READ | FD_CLOSE), 0);
    LINGER l = {1, 0};
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l)), 0);
    assert_int_equal(closesocket(c), 0);
    WSANETWORKEVENTS ne;
    assert_true(collect(s, ev, FD_CLOSE, &ne, LONG_WAIT) & FD_CLOSE);
    assert_int_equal(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAECONNRESET);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * closesocket.md: "an FD_CLOSE network event is not posted after closesocket
 * is called"; WSAEventSelect.md: "Closing a socket with closesocket also
 * cancels the association and selection of network events".
 */
static void no_fd_close_after_our_closesocket(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(c, ev, FD_READ | FD_WRITE | FD_CLOSE), 0);
    WSANETWORKEVENTS ne;
    collect(c, ev, FD_WRITE, &ne, LONG_WAIT);
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(send(s, "late", 4, 0), 4); /* the peer answers with a reset */
    closesocket(s);
    assert_quiet(ev);
    assert_int_equal(WSAEnumNetworkEvents(c, ev, &ne), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    WSACloseEvent(ev);
}

/*
 * "The WSAEventSelect function automatically sets socket s to nonblocking
 * mode, regardless of the value of lNetworkEvents. To set socket s back to
 * blocking mode, it is first necessary to clear the event record associated
 * with socket s via a call to WSAEventSelect with lNetworkEvents set to zero
 * and the hEventObject parameter set to NULL. You can then call ioctlsocket
 * or WSAIoctl to set the socket back to blocking mode."  ioctlsocket: any
 * attempt to do it before "will fail with WSAEINVAL".
 */
static void selection_makes_the_socket_nonblocking(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(s, ev, FD_READ), 0);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    u_long mode = 0;
    assert_int_equal(ioctlsocket(s, FIONBIO, &mode), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    DWORD returned;
    assert_int_equal(WSAIoctl(s, FIONBIO, &mode, sizeof(mode), NULL, 0, &returned, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    mode = 1; /* non-blocking is still allowed */
    assert_int_equal(ioctlsocket(s, FIONBIO, &mode), 0);

    assert_int_equal(WSAEventSelect(s, NULL, 0), 0);
    assert_int_equal(recv(s, &b, 1, 0), SOCKET_ERROR); /* still non-blocking */
    assert_wsa_error(WSAEWOULDBLOCK);
    assert_int_equal(send(c, "k", 1, 0), 1);
    assert_quiet(ev); /* the selection is cancelled */
    mode = 0;
    assert_int_equal(ioctlsocket(s, FIONBIO, &mode), 0);
    DWORD timeout = LONG_WAIT;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout));
    assert_int_equal(recv(s, &b, 1, 0), 1); /* blocking again */
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/*
 * "Issuing a WSAEventSelect for a socket cancels any previous ...
 * WSAEventSelect for the same socket and clears the internal network event
 * record ... the second call will cancel the effects of the first, and only
 * the FD_WRITE network event will be associated with hEventObject2".
 */
static void a_new_selection_replaces_the_old(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev1 = new_event(), ev2 = new_event();
    assert_int_equal(WSAEventSelect(s, ev1, FD_READ), 0);
    assert_int_equal(WSAEventSelect(s, ev2, FD_WRITE), 0);
    assert_int_equal(send(c, "data", 4, 0), 4);
    assert_quiet(ev1);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(s, ev2, FD_WRITE, &ne, LONG_WAIT), FD_WRITE);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev1);
    WSACloseEvent(ev2);
}

/*
 * WSAEnumNetworkEvents: "The socket's internal record of network events is
 * copied ... after which the internal network events record is cleared. If
 * the hEventObject parameter is not NULL, the indicated event object is also
 * reset."  "only those elements of the iErrorCode array are set that
 * correspond to the bits set in lNetworkEvents".
 */
static void enum_clears_the_record_and_resets_the_event(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(c, ev, FD_READ | FD_WRITE), 0);
    assert_signaled(ev); /* FD_WRITE: connected */
    WSANETWORKEVENTS ne;
    memset(&ne, 0x55, sizeof(ne));
    assert_int_equal(WSAEnumNetworkEvents(c, NULL, &ne), 0);
    assert_int_equal(ne.lNetworkEvents, FD_WRITE);
    assert_int_equal(ne.iErrorCode[FD_WRITE_BIT], 0);
    assert_int_equal(ne.iErrorCode[FD_READ_BIT], 0x55555555); /* untouched */
    /* Without hEventObject the event stays set; the record is empty now. */
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    assert_int_equal(WSAEnumNetworkEvents(c, ev, &ne), 0);
    assert_int_equal(ne.lNetworkEvents, 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
    /* The next occurrence sets it again. */
    assert_int_equal(send(s, "r", 1, 0), 1);
    assert_signaled(ev);
    assert_int_equal(WSAEnumNetworkEvents(c, ev, &ne), 0);
    assert_int_equal(ne.lNetworkEvents, FD_READ);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/* A datagram socket: FD_WRITE at once, FD_READ when a datagram comes. */
static void datagram_socket_events(void **state)
{
    (void)state;
    struct sockaddr_in a;
    SOCKET u = ws2t_udp_bound(&a);
    WSAEVENT ev = new_event();
    assert_int_equal(WSAEventSelect(u, ev, FD_READ | FD_WRITE), 0);
    WSANETWORKEVENTS ne;
    assert_int_equal(collect(u, ev, FD_WRITE, &ne, LONG_WAIT), FD_WRITE);
    SOCKET t = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_int_equal(sendto(t, "dg", 2, 0, (struct sockaddr *)&a, sizeof(a)), 2);
    assert_int_equal(collect(u, ev, FD_READ, &ne, LONG_WAIT), FD_READ);
    char buf[4];
    assert_int_equal(recvfrom(u, buf, sizeof(buf), 0, NULL, NULL), 2);
    assert_int_equal(collect(u, ev, 0, &ne, 0), 0);
    closesocket(t);
    closesocket(u);
    WSACloseEvent(ev);
}

/*
 * Errors: WSAENOTSOCK "The descriptor is not a socket"; WSAEINVAL "One of the
 * specified parameters was invalid"; WSAEnumNetworkEvents' WSAEFAULT "The
 * lpNetworkEvents parameter is not a valid part of the user address space",
 * and "In the case of this function returning SOCKET_ERROR, the associated
 * event object is not reset and the record of network events is not cleared."
 */
static void bad_arguments(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT ev = new_event();
    WSANETWORKEVENTS ne;
    assert_int_equal(WSAEventSelect(INVALID_SOCKET, ev, FD_READ), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(WSAEventSelect((SOCKET)ev, ev, FD_READ), SOCKET_ERROR); /* an event */
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(WSAEventSelect(c, NULL, FD_READ), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSAEventSelect(c, (WSAEVENT)s, FD_READ), SOCKET_ERROR); /* a socket */
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSAEnumNetworkEvents(INVALID_SOCKET, ev, &ne), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);

    assert_int_equal(WSAEventSelect(c, ev, FD_WRITE), 0);
    assert_signaled(ev);
    assert_int_equal(WSAEnumNetworkEvents(c, ev, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(WSAEnumNetworkEvents(c, (WSAEVENT)s, &ne), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    /* Neither failure reset the event or cleared the record. */
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    assert_int_equal(WSAEnumNetworkEvents(c, ev, &ne), 0);
    assert_int_equal(ne.lNetworkEvents, FD_WRITE);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ev);
}

/* "WSANOTINITIALISED: A successful WSAStartup call must occur before using this function." */
static void not_initialised(void **state)
{
    (void)state;
    WSANETWORKEVENTS ne;
    assert_int_equal(WSAEventSelect((SOCKET)4, NULL, 0), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    assert_int_equal(WSAEnumNetworkEvents((SOCKET)4, NULL, &ne), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)
    const struct CMUnitTest tests[] = {
        T(fd_accept_is_level_triggered_and_inherited),
        T(selection_before_listen),
        T(fd_connect_and_fd_write_on_success),
        T(fd_connect_reports_refusal),
        T(fd_write_after_wouldblock),
        T(fd_read_is_reenabled_by_recv),
        T(fd_oob_for_urgent_data),
        T(fd_close_graceful_is_zero),
        T(fd_close_after_our_shutdown_is_zero),
        T(fd_close_reset_is_connaborted),
        T(no_fd_close_after_our_closesocket),
        T(selection_makes_the_socket_nonblocking),
        T(a_new_selection_replaces_the_old),
        T(enum_clears_the_record_and_resets_the_event),
        T(datagram_socket_events),
        T(bad_arguments),
        cmocka_unit_test(not_initialised),
    };
#undef T
    return cmocka_run_group_tests_name("eventselect", tests, NULL, NULL);
}
