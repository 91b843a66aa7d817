/*
 * Sockets that a port's ring names by a slot of its file table
 * (src/sys/ring_files.h; the io_uring engine, once a socket has run a few
 * requests there).  The table holds its own reference to the file, so
 * Windows' rules must hold whatever the table holds: closesocket ends the
 * connection at once, and a descriptor number that closesocket or
 * DisconnectEx(TF_REUSE_SOCKET) gave back names the new socket, never the
 * old one.  Run on both engines (ctest runs the suite with
 * WS2POSIX_ENGINE=epoll too).
 */
#include <stdio.h>
#include <string.h>

#include "testlib.h"
#include <mswsock.h>

#define LONG_WAIT 10000
#define ROUNDS    8 /* round trips: more than a socket runs before it gets a slot */

/* Takes one packet and checks it is ov's, successful, with bytes. */
static void expect_done(HANDLE port, WSAOVERLAPPED *ov, DWORD bytes)
{
    ws2t_expect_done(port, ov, bytes, LONG_WAIT);
}

/*
 * ROUNDS round trips between s (associated with port) and its peer, each
 * an overlapped receive that pends until the peer sends and an overlapped
 * send the peer receives, with bytes that tell the rounds apart.
 */
static void round_trips(HANDLE port, SOCKET s, SOCKET peer, char tag)
{
    for (int i = 0; i < ROUNDS; i++) {
        char msg[4] = {tag, (char)('0' + i), '-', '!'};
        char buf[16] = {0};
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        WSABUF wb = {sizeof(buf), buf};
        DWORD flags = 0;
        assert_int_equal(WSARecv(s, &wb, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
        assert_wsa_error(WSA_IO_PENDING);
        assert_int_equal(send(peer, msg, 4, 0), 4);
        expect_done(port, &ov, 4);
        assert_memory_equal(buf, msg, 4);

        memset(&ov, 0, sizeof(ov));
        WSABUF sb = {4, msg};
        int r = WSASend(s, &sb, 1, NULL, 0, &ov, NULL);
        assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
        expect_done(port, &ov, 4);
        char got[4];
        assert_int_equal(recv(peer, got, 4, MSG_WAITALL), 4);
        assert_memory_equal(got, msg, 4);
    }
}

static void set_receive_timeout(SOCKET s)
{
    DWORD ms = LONG_WAIT;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof(ms)), 0);
}

/*
 * A connected pair whose server side s is associated with port under key
 * and has run ROUNDS round trips there (so that it has its slot); the
 * client c times its receives out after LONG_WAIT.
 */
static void busy_pair(HANDLE port, ULONG_PTR key, char tag, SOCKET *c, SOCKET *s)
{
    ws2t_tcp_pair(AF_INET, c, s);
    set_receive_timeout(*c);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)*s, port, key, 0), port);
    round_trips(port, *s, *c, tag);
}

/* The peer's next receive reports the end of the connection, within 5 s. */
static void assert_peer_sees_end(SOCKET peer)
{
    uint64_t start = ws2t_now_ms();
    char c;
    assert_int_equal(recv(peer, &c, 1, 0), 0);
    assert_true(ws2t_now_ms() - start < 5000);
}

/*
 * closesocket.md: a graceful close "will initiate the sending of ...
 * FIN": the peer sees the end of the connection at once, although the
 * port's ring held the socket's file in its table.
 */
static void closesocket_of_a_busy_socket_ends_its_connection_at_once(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    SOCKET c, s;
    busy_pair(port, 1, 'a', &c, &s);
    assert_int_equal(closesocket(s), 0);
    assert_peer_sees_end(c);
    closesocket(c);
    CloseHandle(port);
}

/*
 * The same while another busy socket of the port has a receive pending:
 * before Linux 6.13 the ring let go of an emptied slot's file only after
 * every request that began before it, so such a socket would hold the
 * closed one's connection open (ring_files.c asks the kernel first).
 */
static void closesocket_ends_its_connection_while_another_socket_s_receive_waits(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    SOCKET c1, s1, c2, s2;
    busy_pair(port, 1, 'f', &c1, &s1);
    busy_pair(port, 2, 'g', &c2, &s2);
    char buf[8];
    WSABUF wb = {sizeof(buf), buf};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD flags = 0;
    assert_int_equal(WSARecv(s2, &wb, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(closesocket(s1), 0);
    assert_peer_sees_end(c1);
    /* The waiting receive still gets its data. */
    assert_int_equal(send(c2, "late", 4, 0), 4);
    expect_done(port, &ov, 4);
    assert_memory_equal(buf, "late", 4);
    closesocket(s2);
    closesocket(c1);
    closesocket(c2);
    CloseHandle(port);
}

/*
 * A socket made right after a busy one's closesocket gets the number the
 * closed one had (Linux gives the lowest free one): its requests reach it,
 * not the closed socket, whose peer sees the end at once.
 */
static void a_socket_given_a_closed_one_s_number_gets_its_own_data(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c1, s1;
    busy_pair(port, 1, 'b', &c1, &s1);
    assert_int_equal(closesocket(s1), 0);

    SOCKET s2 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s2 != INVALID_SOCKET);
    assert_int_equal(connect(s2, (struct sockaddr *)&la, llen), 0);
    SOCKET p2 = accept(l, NULL, NULL);
    assert_true(p2 != INVALID_SOCKET);
    set_receive_timeout(p2);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)s2, port, 2, 0), port);
    round_trips(port, s2, p2, 'c');
    assert_peer_sees_end(c1);
    closesocket(s2);
    closesocket(p2);
    closesocket(c1);
    closesocket(l);
    CloseHandle(port);
}

/*
 * DisconnectEx(TF_REUSE_SOCKET) makes the socket new under the same handle
 * (and number): after it, its requests reach the new connection, and the
 * first one's peer sees its end.
 */
static void a_socket_reused_after_disconnectex_gets_the_new_connection_s_data(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)s, port, 3, 0), port);
    assert_int_equal(connect(s, (struct sockaddr *)&la, llen), 0);
    SOCKET p1 = accept(l, NULL, NULL);
    set_receive_timeout(p1);
    round_trips(port, s, p1, 'd');

    LPFN_DISCONNECTEX disconnect_ex =
        (LPFN_DISCONNECTEX)ws2t_extension(s, (GUID)WSAID_DISCONNECTEX);
    assert_true(disconnect_ex(s, NULL, TF_REUSE_SOCKET, 0));
    assert_peer_sees_end(p1);
    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(s, (struct sockaddr *)&any, sizeof(any)), 0);
    assert_int_equal(connect(s, (struct sockaddr *)&la, llen), 0);
    SOCKET p2 = accept(l, NULL, NULL);
    set_receive_timeout(p2);
    round_trips(port, s, p2, 'e');
    closesocket(s);
    assert_peer_sees_end(p2);
    closesocket(p1);
    closesocket(p2);
    closesocket(l);
    CloseHandle(port);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(closesocket_of_a_busy_socket_ends_its_connection_at_once),
        T(closesocket_ends_its_connection_while_another_socket_s_receive_waits),
        T(a_socket_given_a_closed_one_s_number_gets_its_own_data),
        T(a_socket_reused_after_disconnectex_gets_the_new_connection_s_data),
    };
    return cmocka_run_group_tests_name("iocp_ring_files", tests, NULL, NULL);
}
