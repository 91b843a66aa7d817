/*
 * Moving data through the public API: send/recv, WSASend/WSARecv with
 * several buffers, sendto/recvfrom, their flags, timeouts, shutdown and the
 * argument checks.  Each test names the sentence of Microsoft's
 * documentation for the function that it checks.
 *
 * Timing bounds are generous: a timeout of t ms ends between t - 50 ms and
 * t + 2 s.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* The call fails with SOCKET_ERROR and the given last error. */
#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

/* Waits (up to 5 s) until FIONREAD reports at least n bytes; returns the count. */
static u_long wait_readable_bytes(SOCKET s, u_long n)
{
    u_long avail = 0;
    uint64_t t0 = ws2t_now_ms();
    do {
        assert_int_equal(ioctlsocket(s, FIONREAD, &avail), 0);
        if (avail >= n)
            break;
        Sleep(1);
    } while (ws2t_now_ms() - t0 < 5000);
    return avail;
}

/*
 * WSASend.md: "lpBuffers: A pointer to an array of WSABUF structures"; the
 * buffers are sent in order as one stream.  WSARecv.md: the data fills the
 * buffers in order, *lpNumberOfBytesRecvd is the total, and lpFlags comes
 * back 0 for a plain receive.
 */
static void wsasend_wsarecv_scatter_gather(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSABUF out[3] = {{3, "abc"}, {0, NULL}, {7, "defghij"}};
    DWORD sent = 0;
    assert_int_equal(WSASend(c, out, 3, &sent, 0, NULL, NULL), 0);
    assert_int_equal(sent, 10);
    assert_int_equal(wait_readable_bytes(s, 10), 10);

    char a[2], b[5], d[8];
    memset(d, 0, sizeof(d));
    WSABUF in[3] = {{sizeof(a), a}, {sizeof(b), b}, {sizeof(d), d}};
    DWORD got = 0, flags = MSG_PUSH_IMMEDIATE;
    assert_int_equal(WSARecv(s, in, 3, &got, &flags, NULL, NULL), 0);
    assert_int_equal(got, 10);
    assert_int_equal(flags, 0);
    assert_memory_equal(a, "ab", 2);
    assert_memory_equal(b, "cdefg", 5);
    assert_memory_equal(d, "hij", 3);
    closesocket(c);
    closesocket(s);
}

/*
 * recv.md, MSG_PEEK: "Peeks at the incoming data. The data is copied into
 * the buffer, but is not removed from the input queue."
 */
static void msg_peek_leaves_the_data(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET6, &c, &s);
    assert_int_equal(send(c, "peekaboo", 8, 0), 8);
    assert_int_equal(wait_readable_bytes(s, 8), 8);
    char b[16];
    assert_int_equal(recv(s, b, 4, MSG_PEEK), 4);
    assert_memory_equal(b, "peek", 4);
    assert_int_equal(recv(s, b, sizeof(b), MSG_PEEK), 8);
    assert_int_equal(wait_readable_bytes(s, 8), 8);
    assert_int_equal(recv(s, b, sizeof(b), 0), 8);
    assert_memory_equal(b, "peekaboo", 8);
    closesocket(c);
    closesocket(s);
}

struct slow_sender {
    SOCKET s;
    int chunks;
    int close_after;
};

static DWORD WINAPI slow_send(LPVOID p)
{
    struct slow_sender *w = p;
    for (int i = 0; i < w->chunks; i++) {
        Sleep(50);
        char chunk[100];
        memset(chunk, 'a' + i, sizeof(chunk));
        if (send(w->s, chunk, sizeof(chunk), 0) != (int)sizeof(chunk))
            return 1;
    }
    if (w->close_after)
        shutdown(w->s, SD_SEND);
    return 0;
}

/*
 * recv.md, MSG_WAITALL: "The receive request will complete only when one of
 * the following events occurs: The buffer supplied by the caller is
 * completely full. The connection has been closed."
 */
static void msg_waitall_fills_the_buffer(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct slow_sender w = {c, 5, 0};
    HANDLE t = CreateThread(NULL, 0, slow_send, &w, 0, NULL);
    static char b[500];
    assert_int_equal(recv(s, b, sizeof(b), MSG_WAITALL), 500);
    assert_int_equal(b[0], 'a');
    assert_int_equal(b[499], 'e');
    assert_int_equal(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    CloseHandle(t);

    /* The connection closes first: what arrived is returned. */
    w.chunks = 2;
    w.close_after = 1;
    t = CreateThread(NULL, 0, slow_send, &w, 0, NULL);
    assert_int_equal(recv(s, b, sizeof(b), MSG_WAITALL), 200);
    assert_int_equal(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    CloseHandle(t);
    assert_int_equal(recv(s, b, sizeof(b), MSG_WAITALL), 0);
    closesocket(c);
    closesocket(s);
}

/*
 * recv.md, MSG_WAITALL: "if the socket is in a non-blocking mode, then this
 * call will fail with WSAEOPNOTSUPP. Also, if MSG_WAITALL is specified along
 * with MSG_OOB, MSG_PEEK, or MSG_PARTIAL, then this call will fail with
 * WSAEOPNOTSUPP. This flag is not supported on datagram sockets".  And
 * WSAEINVAL: "an unknown flag was specified" (recv.md and send.md).
 */
static void bad_receive_flags(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "data", 4, 0), 4);
    assert_int_equal(wait_readable_bytes(s, 4), 4);
    char b[4];
    assert_fails(recv(s, b, 4, MSG_WAITALL | MSG_PEEK), WSAEOPNOTSUPP);
    assert_fails(recv(s, b, 4, MSG_WAITALL | MSG_OOB), WSAEOPNOTSUPP);
    ws2t_set_nonblocking(s, 1);
    assert_fails(recv(s, b, 4, MSG_WAITALL), WSAEOPNOTSUPP);
    ws2t_set_nonblocking(s, 0);
    assert_fails(recv(s, b, 4, 0x40000), WSAEINVAL);
    assert_fails(send(c, "x", 1, 0x40000), WSAEINVAL);
    /* None of that consumed anything. */
    assert_int_equal(recv(s, b, 4, 0), 4);
    assert_memory_equal(b, "data", 4);

    struct sockaddr_in ua;
    SOCKET u = ws2t_udp_bound(&ua);
    assert_fails(recv(u, b, 4, MSG_WAITALL), WSAEOPNOTSUPP);
    /* send.md and recv.md, WSAEOPNOTSUPP: "MSG_OOB was specified, but the socket is not
     * stream-style such as type SOCK_STREAM". */
    assert_fails(sendto(u, "x", 1, MSG_OOB, (struct sockaddr *)&ua, sizeof(ua)), WSAEOPNOTSUPP);
    assert_fails(recv(u, b, 4, MSG_OOB), WSAEOPNOTSUPP);
    closesocket(u);
    closesocket(c);
    closesocket(s);
}

/*
 * send.md, MSG_OOB: "Sends OOB data (stream-style socket such as SOCK_STREAM
 * only)"; recv.md: "Processes Out Of Band (OOB) data"; select.md exceptfds:
 * "OOB data is available for reading (only if SO_OOBINLINE is disabled)";
 * ioctlsocket.md, SIOCATMARK: "If no OOB data is waiting to be read, the
 * operation returns TRUE. Otherwise, it returns FALSE".
 */
static void msg_oob_basic(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    u_long at_mark = 0;
    assert_int_equal(ioctlsocket(s, SIOCATMARK, &at_mark), 0);
    assert_true(at_mark);
    assert_int_equal(send(c, "ab", 2, 0), 2);
    assert_int_equal(send(c, "X", 1, MSG_OOB), 1);

    fd_set e;
    FD_ZERO(&e);
    FD_SET(s, &e);
    struct timeval tv = {5, 0};
    assert_int_equal(select(0, NULL, NULL, &e, &tv), 1);
    assert_true(FD_ISSET(s, &e));
    assert_int_equal(ioctlsocket(s, SIOCATMARK, &at_mark), 0);
    assert_false(at_mark);

    char b[4];
    assert_int_equal(recv(s, b, sizeof(b), MSG_OOB), 1);
    assert_int_equal(b[0], 'X');
    assert_int_equal(ioctlsocket(s, SIOCATMARK, &at_mark), 0);
    assert_true(at_mark);
    assert_int_equal(recv(s, b, sizeof(b), 0), 2);
    assert_memory_equal(b, "ab", 2);

    /* send.md and recv.md, WSAEINVAL: "MSG_OOB was specified for a socket with SO_OOBINLINE
     * enabled". */
    BOOL on = TRUE;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&on, sizeof(on)), 0);
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_OOBINLINE, (char *)&on, sizeof(on)), 0);
    assert_fails(recv(s, b, sizeof(b), MSG_OOB), WSAEINVAL);
    assert_fails(send(c, "Y", 1, MSG_OOB), WSAEINVAL);
    closesocket(c);
    closesocket(s);
}

/*
 * recvfrom.md: "If from is not NULL ... the network address of the peer
 * that sent the data is copied to the corresponding sockaddr structure";
 * WSAEFAULT "the fromlen parameter is too small to accommodate the source
 * address of the peer address"; sendto.md: WSAEADDRNOTAVAIL "The remote
 * address is not a valid address, for example, ADDR_ANY".
 */
static void udp_sendto_recvfrom_addresses(void **state)
{
    (void)state;
    struct sockaddr_in a, b;
    SOCKET u1 = ws2t_udp_bound(&a);
    SOCKET u2 = ws2t_udp_bound(&b);
    assert_int_equal(sendto(u1, "one", 3, 0, (struct sockaddr *)&b, sizeof(b)), 3);
    assert_int_equal(sendto(u1, "two!", 4, 0, (struct sockaddr *)&b, sizeof(b)), 4);
    char buf[16];
    struct sockaddr_in from;
    int flen = (int)sizeof(from) - 1;
    assert_fails(recvfrom(u2, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen), WSAEFAULT);
    memset(&from, 0xee, sizeof(from));
    flen = sizeof(from);
    assert_int_equal(recvfrom(u2, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen), 3);
    assert_memory_equal(buf, "one", 3);
    assert_int_equal(flen, sizeof(from));
    assert_int_equal(from.sin_family, AF_INET);
    assert_int_equal(from.sin_port, a.sin_port);
    assert_int_equal(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    /* Datagram boundaries are kept. */
    assert_int_equal(recv(u2, buf, sizeof(buf), 0), 4);

    struct sockaddr_in any = b;
    any.sin_addr.s_addr = htonl(INADDR_ANY);
    assert_fails(sendto(u1, "x", 1, 0, (struct sockaddr *)&any, sizeof(any)), WSAEADDRNOTAVAIL);
    struct sockaddr_in6 six = {0};
    six.sin6_family = AF_INET6;
    six.sin6_addr = in6addr_loopback;
    six.sin6_port = b.sin_port;
    assert_fails(sendto(u1, "x", 1, 0, (struct sockaddr *)&six, sizeof(six)), WSAEAFNOSUPPORT);
    assert_fails(sendto(u1, "x", 1, 0, (struct sockaddr *)&b, 8), WSAEFAULT);
    /* sendto.md, WSAEMSGSIZE: "The socket is message oriented, and the message is larger than
     * the maximum supported by the underlying transport." */
    static char huge[70000];
    assert_fails(sendto(u1, huge, sizeof(huge), 0, (struct sockaddr *)&b, sizeof(b)), WSAEMSGSIZE);

    /* sendto.md, WSAEDESTADDRREQ: "A destination address is required"; send.md: WSAENOTCONN. */
    SOCKET u4 = socket(AF_INET, SOCK_DGRAM, 0);
    assert_fails(sendto(u4, "x", 1, 0, NULL, 0), WSAEDESTADDRREQ);
    assert_fails(send(u4, "x", 1, 0), WSAENOTCONN);
    closesocket(u4);

    /* sendto on an unbound socket binds it implicitly (sendto.md). */
    SOCKET u3 = socket(AF_INET, SOCK_DGRAM, 0);
    assert_int_equal(sendto(u3, "3", 1, 0, (struct sockaddr *)&b, sizeof(b)), 1);
    flen = sizeof(from);
    assert_int_equal(recvfrom(u2, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen), 1);
    assert_int_equal(ntohs(from.sin_port), ws2t_local_port(u3));
    closesocket(u3);
    closesocket(u1);
    closesocket(u2);
}

/*
 * recvfrom.md: "If the datagram or message is larger than the buffer
 * specified, the buffer is filled with the first part of the datagram, and
 * recvfrom generates the error WSAEMSGSIZE. For unreliable protocols (for
 * example, UDP) the excess data is lost."
 */
static void udp_truncation_is_emsgsize(void **state)
{
    (void)state;
    struct sockaddr_in a, b;
    SOCKET u1 = ws2t_udp_bound(&a);
    SOCKET u2 = ws2t_udp_bound(&b);
    char big[100];
    for (int i = 0; i < 100; i++)
        big[i] = (char)i;
    assert_int_equal(sendto(u1, big, 100, 0, (struct sockaddr *)&b, sizeof(b)), 100);
    assert_int_equal(sendto(u1, "next", 4, 0, (struct sockaddr *)&b, sizeof(b)), 4);
    char small[10];
    memset(small, 0x7f, sizeof(small));
    struct sockaddr_in from;
    int flen = sizeof(from);
    assert_fails(recvfrom(u2, small, sizeof(small), 0, (struct sockaddr *)&from, &flen),
                 WSAEMSGSIZE);
    assert_memory_equal(small, big, 10);
    assert_int_equal(from.sin_port, a.sin_port);
    /* The rest of that datagram is gone: the next receive gets the next one. */
    char buf[16];
    assert_int_equal(recv(u2, buf, sizeof(buf), 0), 4);
    assert_memory_equal(buf, "next", 4);

    /* WSARecv says the same, with the buffers filled. */
    assert_int_equal(sendto(u1, big, 100, 0, (struct sockaddr *)&b, sizeof(b)), 100);
    char x[3], y[4];
    WSABUF in[2] = {{sizeof(x), x}, {sizeof(y), y}};
    DWORD got = 0, flags = 0;
    assert_fails(WSARecv(u2, in, 2, &got, &flags, NULL, NULL), WSAEMSGSIZE);
    assert_memory_equal(x, big, 3);
    assert_memory_equal(y, big + 3, 4);
    closesocket(u1);
    closesocket(u2);
}

/*
 * connect.md, connectionless sockets: "the operation performed by connect is
 * merely to establish a default destination address ... If the address
 * member of the structure specified by the name parameter is filled with
 * zeros, the socket will be disconnected. Then, the default remote address
 * will be indeterminate, so send/WSASend and recv/WSARecv calls will return
 * the error code WSAENOTCONN."
 */
static void udp_connect_sets_and_clears_the_default_peer(void **state)
{
    (void)state;
    struct sockaddr_in ra;
    SOCKET r = ws2t_udp_bound(&ra);
    SOCKET u = socket(AF_INET, SOCK_DGRAM, 0);
    assert_fails(send(u, "a", 1, 0), WSAENOTCONN);
    assert_int_equal(connect(u, (struct sockaddr *)&ra, sizeof(ra)), 0);
    /* connect bound it implicitly. */
    assert_true(ws2t_local_port(u) != 0);
    assert_int_equal(send(u, "abc", 3, 0), 3);
    char b[8];
    struct sockaddr_in from;
    int flen = sizeof(from);
    assert_int_equal(recvfrom(r, b, sizeof(b), 0, (struct sockaddr *)&from, &flen), 3);
    assert_int_equal(ntohs(from.sin_port), ws2t_local_port(u));
    struct sockaddr_in peer;
    int plen = sizeof(peer);
    assert_int_equal(getpeername(u, (struct sockaddr *)&peer, &plen), 0);
    assert_int_equal(peer.sin_port, ra.sin_port);

    struct sockaddr_in zero = {0};
    zero.sin_family = AF_INET;
    assert_int_equal(connect(u, (struct sockaddr *)&zero, sizeof(zero)), 0);
    assert_fails(send(u, "a", 1, 0), WSAENOTCONN);
    plen = sizeof(peer);
    assert_fails(getpeername(u, (struct sockaddr *)&peer, &plen), WSAENOTCONN);
    /* sendto still works, and the socket kept its port: datagrams from anyone reach it. */
    unsigned short port = ntohs(from.sin_port);
    assert_int_equal(ws2t_local_port(u), port);
    assert_int_equal(sendto(u, "z", 1, 0, (struct sockaddr *)&ra, sizeof(ra)), 1);
    assert_int_equal(recv(r, b, sizeof(b), 0), 1);
    assert_int_equal(b[0], 'z');
    struct sockaddr_in to = ra;
    to.sin_port = htons(port);
    assert_int_equal(sendto(r, "back", 4, 0, (struct sockaddr *)&to, sizeof(to)), 4);
    assert_int_equal(recv(u, b, sizeof(b), 0), 4);
    assert_memory_equal(b, "back", 4);
    closesocket(u);
    closesocket(r);
}

/*
 * recv.md: WSAEINVAL "The socket has not been bound with bind"; WSAENOTCONN
 * "The socket is not connected"; send.md: WSAENOTCONN "The socket is not
 * connected"; WSAEWOULDBLOCK "The socket is marked as nonblocking and the
 * receive operation would block".
 */
static void receive_and_send_preconditions(void **state)
{
    (void)state;
    char b[4];
    SOCKET u = socket(AF_INET, SOCK_DGRAM, 0);
    assert_fails(recv(u, b, sizeof(b), 0), WSAEINVAL);
    struct sockaddr_in from;
    int flen = sizeof(from);
    assert_fails(recvfrom(u, b, sizeof(b), 0, (struct sockaddr *)&from, &flen), WSAEINVAL);
    closesocket(u);

    SOCKET t = socket(AF_INET, SOCK_STREAM, 0);
    assert_fails(send(t, "x", 1, 0), WSAENOTCONN);
    assert_fails(recv(t, b, sizeof(b), 0), WSAENOTCONN);
    closesocket(t);

    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    ws2t_set_nonblocking(s, 1);
    uint64_t t0 = ws2t_now_ms();
    assert_fails(recv(s, b, sizeof(b), 0), WSAEWOULDBLOCK);
    DWORD got = 5, flags = 0;
    WSABUF in = {sizeof(b), b};
    assert_fails(WSARecv(s, &in, 1, &got, &flags, NULL, NULL), WSAEWOULDBLOCK);
    assert_true(ws2t_now_ms() - t0 < 1000);
    /* sendto.md: on a connection-oriented socket "the to and tolen parameters are ignored". */
    struct sockaddr_in nowhere = {0};
    assert_int_equal(sendto(c, "ok", 2, 0, (struct sockaddr *)&nowhere, 1), 2);
    assert_int_equal(wait_readable_bytes(s, 2), 2);
    closesocket(c);
    closesocket(s);
}

struct reader {
    SOCKET s;
    size_t total;
    int corrupt;
};

static DWORD WINAPI read_all(LPVOID p)
{
    struct reader *r = p;
    static char buf[32768];
    for (;;) {
        int n = recv(r->s, buf, sizeof(buf), 0);
        if (n <= 0)
            return 0;
        for (int i = 0; i < n; i++)
            if (buf[i] != (char)((r->total + (size_t)i) % 251))
                r->corrupt = 1;
        r->total += (size_t)n;
    }
}

/*
 * send.md: "If no buffer space is available within the transport system to
 * hold the data to be transmitted, send will block unless the socket has
 * been placed in nonblocking mode" — a blocking send returns only when all
 * of it is queued, however large.
 */
static void large_blocking_send_completes(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    enum { SIZE = 16 * 1024 * 1024 };
    char *data = malloc(SIZE);
    assert_non_null(data);
    for (size_t i = 0; i < SIZE; i++)
        data[i] = (char)(i % 251);
    struct reader r = {s, 0, 0};
    HANDLE t = CreateThread(NULL, 0, read_all, &r, 0, NULL);
    assert_int_equal(send(c, data, SIZE, 0), SIZE);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    assert_int_equal(WaitForSingleObject(t, 30000), WAIT_OBJECT_0);
    CloseHandle(t);
    assert_int_equal(r.total, SIZE);
    assert_false(r.corrupt);
    free(data);
    closesocket(c);
    closesocket(s);
}

/*
 * SO_RCVTIMEO/SO_SNDTIMEO (SOL_SOCKET options): "The timeout, in
 * milliseconds, for blocking receive calls ... If a blocking receive call
 * times out, the connection is in an indeterminate state" — the call fails
 * with WSAETIMEDOUT after about the timeout.
 */
static void send_and_receive_timeouts(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    DWORD ms = 300;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);
    char b[4];
    uint64_t t0 = ws2t_now_ms();
    assert_fails(recv(s, b, sizeof(b), 0), WSAETIMEDOUT);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 250);
    assert_true(took < 2300);

    ws2t_fill_until_blocked(c);
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, (char *)&ms, sizeof(ms)), 0);
    static char chunk[65536];
    t0 = ws2t_now_ms();
    assert_fails(send(c, chunk, sizeof(chunk), 0), WSAETIMEDOUT);
    took = ws2t_now_ms() - t0;
    assert_true(took >= 250);
    assert_true(took < 2300);
    closesocket(c);
    closesocket(s);
}

/*
 * shutdown.md: "If the how parameter is SD_RECEIVE, subsequent calls to the
 * recv function on the socket will be disallowed ... If the how parameter is
 * SD_SEND, subsequent calls to the send function are disallowed. For TCP
 * sockets, a FIN will be sent"; send.md/recv.md WSAESHUTDOWN; shutdown.md
 * WSAEINVAL "The how parameter is not valid", WSAENOTCONN "The socket is not
 * connected (connection-oriented sockets only)".
 */
static void shutdown_rules(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_fails(shutdown(c, 3), WSAEINVAL);
    assert_fails(shutdown(c, -1), WSAEINVAL);

    assert_int_equal(shutdown(c, SD_SEND), 0);
    assert_fails(send(c, "x", 1, 0), WSAESHUTDOWN);
    char b[8];
    assert_int_equal(recv(s, b, sizeof(b), 0), 0); /* the FIN */
    /* The other direction still works. */
    assert_int_equal(send(s, "back", 4, 0), 4);
    assert_int_equal(recv(c, b, sizeof(b), 0), 4);

    assert_int_equal(shutdown(s, SD_RECEIVE), 0);
    assert_fails(recv(s, b, sizeof(b), 0), WSAESHUTDOWN);
    assert_int_equal(send(s, "more", 4, 0), 4);
    assert_int_equal(shutdown(s, SD_BOTH), 0);
    assert_fails(send(s, "x", 1, 0), WSAESHUTDOWN);
    closesocket(c);
    closesocket(s);

    SOCKET t = socket(AF_INET, SOCK_STREAM, 0);
    assert_fails(shutdown(t, SD_SEND), WSAENOTCONN);
    closesocket(t);
    struct sockaddr_storage la;
    SOCKET l = ws2t_listener(AF_INET, &la, NULL);
    assert_fails(shutdown(l, SD_BOTH), WSAENOTCONN);
    closesocket(l);
}

/*
 * recv.md, WSAECONNRESET: "The virtual circuit was reset by the remote side
 * executing a hard or abortive close. The application should close the
 * socket as it is no longer usable"; send.md likewise.
 */
static void peer_reset_is_econnreset(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    LINGER l = {1, 0};
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l)), 0);
    assert_int_equal(closesocket(c), 0);
    char b[4];
    assert_fails(recv(s, b, sizeof(b), 0), WSAECONNRESET);
    /* Still reset, never a graceful end ("the return value is zero" is for a graceful close). */
    assert_fails(recv(s, b, sizeof(b), 0), WSAECONNRESET);
    assert_fails(send(s, "x", 1, 0), WSAECONNRESET);
    assert_fails(recv(s, b, sizeof(b), 0), WSAECONNRESET);
    closesocket(s);

    /* A graceful end stays graceful, also after this end has shut down its side. */
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    assert_int_equal(recv(s, b, sizeof(b), 0), 0);
    assert_int_equal(recv(s, b, sizeof(b), 0), 0);
    assert_int_equal(shutdown(s, SD_SEND), 0);
    assert_int_equal(recv(c, b, sizeof(b), 0), 0);
    Sleep(50);
    assert_int_equal(recv(s, b, sizeof(b), 0), 0);
    assert_int_equal(recv(c, b, sizeof(b), 0), 0);
    closesocket(c);
    assert_int_equal(recv(s, b, sizeof(b), 0), 0);
    closesocket(s);

    ws2t_tcp_pair(AF_INET6, &c, &s);
    closesocket(c);
    assert_int_equal(recv(s, b, sizeof(b), 0), 0);
    Sleep(50);
    assert_int_equal(recv(s, b, sizeof(b), 0), 0);
    closesocket(s);
}

/*
 * shutdown.md, SD_RECEIVE: "For TCP sockets, if there is still data queued
 * on the socket waiting to be received ... the connection is reset, since
 * the data cannot be delivered to the user."
 */
static void shutdown_receive_with_data_queued_resets(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "unread", 6, 0), 6);
    assert_int_equal(wait_readable_bytes(s, 6), 6);
    assert_int_equal(shutdown(s, SD_RECEIVE), 0);
    char b[8];
    assert_fails(recv(s, b, sizeof(b), 0), WSAESHUTDOWN);
    DWORD ms = 3000; /* without the reset this recv would wait for ever */
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);
    assert_fails(recv(c, b, sizeof(b), 0), WSAECONNRESET);
    closesocket(c);
    closesocket(s);

    /* With nothing queued the connection stays: the peer can still read what s sends. */
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(shutdown(s, SD_RECEIVE), 0);
    assert_int_equal(send(s, "fine", 4, 0), 4);
    assert_int_equal(recv(c, b, sizeof(b), 0), 4);
    closesocket(c);
    closesocket(s);
}

/*
 * recv.md, WSAECONNRESET: "On a UDP-datagram socket this error indicates a
 * previous send operation resulted in an ICMP Port Unreachable message."
 */
static void udp_port_unreachable_is_econnreset(void **state)
{
    (void)state;
    struct sockaddr_in gone;
    SOCKET g = ws2t_udp_bound(&gone);
    closesocket(g);
    SOCKET u = socket(AF_INET, SOCK_DGRAM, 0);
    assert_int_equal(connect(u, (struct sockaddr *)&gone, sizeof(gone)), 0);
    DWORD ms = 3000;
    assert_int_equal(setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);
    assert_int_equal(send(u, "ping", 4, 0), 4);
    char b[8];
    assert_fails(recv(u, b, sizeof(b), 0), WSAECONNRESET);
    closesocket(u);
}

/*
 * recvfrom.md: "The from and fromlen parameters are ignored for
 * connection-oriented sockets."
 */
static void recvfrom_on_a_stream_ignores_from(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET6, &c, &s);
    assert_int_equal(send(c, "st", 2, 0), 2);
    struct sockaddr_in6 from;
    memset(&from, 0x33, sizeof(from));
    int flen = 1;
    char b[4];
    assert_int_equal(recvfrom(s, b, sizeof(b), 0, (struct sockaddr *)&from, &flen), 2);
    assert_int_equal(flen, 1);
    assert_int_equal(((unsigned char *)&from)[0], 0x33);
    closesocket(c);
    closesocket(s);
}

/*
 * recv.md WSAEFAULT "The buf parameter is not completely contained in a
 * valid part of the user address space"; WSARecv.md/WSASend.md:
 * lpNumberOfBytesRecvd/lpNumberOfBytesSent "can be NULL only if the
 * lpOverlapped parameter is not NULL", and lpFlags is required; recv.md
 * WSAEINVAL "(for byte stream sockets only) len was zero or negative".
 * Failed calls consume nothing.
 */
static void bad_buffers_and_lengths(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "12345", 5, 0), 5);
    assert_int_equal(wait_readable_bytes(s, 5), 5);

    assert_fails(recv(s, NULL, 5, 0), WSAEFAULT);
    assert_fails(send(c, NULL, 5, 0), WSAEFAULT);
    char b[8];
    DWORD got = 0, flags = 0, sent = 0;
    assert_fails(WSARecv(s, NULL, 1, &got, &flags, NULL, NULL), WSAEFAULT);
    WSABUF in = {sizeof(b), b};
    assert_fails(WSARecv(s, &in, 1, NULL, &flags, NULL, NULL), WSAEFAULT);
    assert_fails(WSARecv(s, &in, 1, &got, NULL, NULL, NULL), WSAEFAULT);
    WSABUF holey[2] = {{2, b}, {3, NULL}};
    assert_fails(WSARecv(s, holey, 2, &got, &flags, NULL, NULL), WSAEFAULT);
    WSABUF out = {1, "z"};
    assert_fails(WSASend(c, &out, 1, NULL, 0, NULL, NULL), WSAEFAULT);
    assert_fails(WSASend(c, NULL, 1, &sent, 0, NULL, NULL), WSAEFAULT);

    assert_fails(recv(s, b, -1, 0), WSAEINVAL);
    assert_int_equal(send(c, b, -5, 0), SOCKET_ERROR);
    assert_true(WSAGetLastError() == WSAEINVAL || WSAGetLastError() == WSAEFAULT);
    struct sockaddr_in from;
    int flen = sizeof(from);
    assert_fails(recvfrom(s, b, -1, 0, (struct sockaddr *)&from, &flen), WSAEINVAL);

    /* Nothing was consumed, nothing extra was sent. */
    assert_int_equal(wait_readable_bytes(s, 5), 5);
    assert_int_equal(recv(s, b, sizeof(b), 0), 5);
    assert_memory_equal(b, "12345", 5);
    ws2t_set_nonblocking(s, 1);
    assert_fails(recv(s, b, sizeof(b), 0), WSAEWOULDBLOCK);
    closesocket(c);
    closesocket(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(wsasend_wsarecv_scatter_gather),
        T(msg_peek_leaves_the_data),
        T(msg_waitall_fills_the_buffer),
        T(bad_receive_flags),
        T(msg_oob_basic),
        T(udp_sendto_recvfrom_addresses),
        T(udp_truncation_is_emsgsize),
        T(udp_connect_sets_and_clears_the_default_peer),
        T(receive_and_send_preconditions),
        T(large_blocking_send_completes),
        T(send_and_receive_timeouts),
        T(shutdown_rules),
        T(peer_reset_is_econnreset),
        T(bad_buffers_and_lengths),
        T(shutdown_receive_with_data_queued_resets),
        T(udp_port_unreachable_is_econnreset),
        T(recvfrom_on_a_stream_ignores_from),
    };
    return cmocka_run_group_tests_name("transfer", tests, NULL, NULL);
}
