/*
 * The thread's last error after a successful call.  Windows' ws2_32 sets it
 * on its common way out of every call that reaches the socket's provider,
 * to the provider's error, 0 on success (observed on Windows: a recv that
 * returns 0 at the end of a stream, a successful setsockopt or WSASendTo
 * leave WSAGetLastError() at 0).  Programs depend on it:
 *     while ((n = recv(...)) > 0 || WSAGetLastError() == WSAEWOULDBLOCK)
 * ends at the end of the stream only because recv's 0 cleared the
 * WSAEWOULDBLOCK of an earlier call.
 */
#include "testlib.h"

/* A stale error no call of ours ever sets. */
#define STALE 0x5a5a

#define assert_clears(call, ok)                                                                    \
    do {                                                                                           \
        WSASetLastError(STALE);                                                                    \
        assert_true(ok(call));                                                                     \
        if (WSAGetLastError() != 0)                                                                \
            fail_msg("%s left the last error at %d", #call, WSAGetLastError());                    \
    } while (0)

#define SUCCEEDS(r)     ((r) == 0)
#define NOT_FAILED(r)   ((r) != SOCKET_ERROR)
#define VALID_SOCKET(r) ((r) != INVALID_SOCKET)
#define TRUE_RESULT(r)  ((r) != FALSE)

/*
 * The loop of the issue: nothing queued (WSAEWOULDBLOCK), then one byte
 * (error 0), then the end of the stream (0 bytes, error 0), so the loop
 * ends instead of spinning.
 */
static void recv_loop_ends_at_end_of_stream_because_success_clears_the_error(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    ws2t_set_nonblocking(client, 1);
    char buf[16];
    assert_int_equal(recv(client, buf, sizeof(buf), 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    assert_int_equal(send(server, "x", 1, 0), 1);
    assert_int_equal(closesocket(server), 0);
    int n, got = 0, rounds = 0;
    uint64_t start = ws2t_now_ms();
    while ((n = recv(client, buf, sizeof(buf), 0)) > 0 || WSAGetLastError() == WSAEWOULDBLOCK) {
        if (n > 0)
            got += n;
        rounds++;
        assert_true(ws2t_now_ms() - start < 10000);
        Sleep(1);
    }
    assert_int_equal(n, 0);
    assert_int_equal(got, 1);
    assert_wsa_error(0);
    (void)rounds;
    closesocket(client);
}

/* Every socket call that succeeds leaves 0 as the last error. */
static void successful_socket_calls_clear_the_last_error(void **state)
{
    (void)state;
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int len = sizeof(a);
    SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_clears(bind(listener, (struct sockaddr *)&a, sizeof(a)), SUCCEEDS);
    assert_clears(getsockname(listener, (struct sockaddr *)&a, &len), SUCCEEDS);
    assert_clears(listen(listener, 4), SUCCEEDS);
    SOCKET client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_clears(connect(client, (struct sockaddr *)&a, sizeof(a)), SUCCEEDS);
    SOCKET server;
    WSASetLastError(STALE);
    server = accept(listener, NULL, NULL);
    assert_true(server != INVALID_SOCKET);
    assert_wsa_error(0);
    len = sizeof(a);
    assert_clears(getpeername(client, (struct sockaddr *)&a, &len), SUCCEEDS);

    BOOL on = TRUE;
    int value, vlen = sizeof(value);
    assert_clears(setsockopt(client, IPPROTO_TCP, TCP_NODELAY, (char *)&on, sizeof(on)), SUCCEEDS);
    assert_clears(getsockopt(client, SOL_SOCKET, SO_TYPE, (char *)&value, &vlen), SUCCEEDS);
    u_long arg = 0;
    assert_clears(ioctlsocket(client, FIONBIO, &arg), SUCCEEDS);
    DWORD returned;
    assert_clears(WSAIoctl(client, FIONREAD, NULL, 0, &arg, sizeof(arg), &returned, NULL, NULL),
                  SUCCEEDS);

    char buf[8] = "abcdefg";
    WSABUF b = {4, buf};
    DWORD n, flags = 0;
    assert_clears(send(client, buf, 2, 0), NOT_FAILED);
    assert_clears(WSASend(client, &b, 1, &n, 0, NULL, NULL), SUCCEEDS);
    fd_set set;
    FD_ZERO(&set);
    FD_SET(server, &set);
    struct timeval tv = {5, 0};
    assert_clears(select(0, &set, NULL, NULL, &tv), NOT_FAILED);
    WSAPOLLFD p = {server, POLLRDNORM, 0};
    assert_clears(WSAPoll(&p, 1, 5000), NOT_FAILED);
    assert_clears(recv(server, buf, 2, 0), NOT_FAILED);
    b.len = sizeof(buf);
    assert_clears(WSARecv(server, &b, 1, &n, &flags, NULL, NULL), SUCCEEDS);
    assert_clears(shutdown(client, SD_SEND), SUCCEEDS);
    /* The end of the stream is a success too: 0 bytes, error 0. */
    assert_clears(recv(server, buf, sizeof(buf), 0), SUCCEEDS);

    WSAEVENT e = WSACreateEvent();
    assert_clears(WSAEventSelect(server, e, FD_READ), SUCCEEDS);
    WSANETWORKEVENTS events;
    assert_clears(WSAEnumNetworkEvents(server, e, &events), SUCCEEDS);
    assert_clears(WSAEventSelect(server, NULL, 0), SUCCEEDS);
    WSACloseEvent(e);

    assert_clears(closesocket(server), SUCCEEDS);
    assert_clears(closesocket(client), SUCCEEDS);
    assert_clears(closesocket(listener), SUCCEEDS);
}

/* The datagram calls too: sendto, WSASendTo, recvfrom, WSARecvFrom. */
static void successful_datagram_calls_clear_the_last_error(void **state)
{
    (void)state;
    struct sockaddr_in to;
    SOCKET r = ws2t_udp_bound(&to);
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    char buf[8] = "datagrm";
    WSABUF b = {3, buf};
    DWORD n, flags = 0;
    assert_clears(sendto(s, buf, 3, 0, (struct sockaddr *)&to, sizeof(to)), NOT_FAILED);
    assert_clears(WSASendTo(s, &b, 1, &n, 0, (struct sockaddr *)&to, sizeof(to), NULL, NULL),
                  SUCCEEDS);
    struct sockaddr_in from;
    int fromlen = sizeof(from);
    assert_clears(recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen), NOT_FAILED);
    fromlen = sizeof(from);
    b.len = sizeof(buf);
    assert_clears(WSARecvFrom(r, &b, 1, &n, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL),
                  SUCCEEDS);
    closesocket(s);
    closesocket(r);
}

/* A failed call still sets its own error (the clearing is for successes only). */
static void failed_calls_still_set_their_error(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char buf[4];
    WSASetLastError(0);
    assert_int_equal(recv(s, buf, sizeof(buf), 0), SOCKET_ERROR);
    assert_wsa_error(WSAENOTCONN);
    WSASetLastError(0);
    assert_int_equal(listen((SOCKET)12, 1), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    closesocket(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(recv_loop_ends_at_end_of_stream_because_success_clears_the_error),
        cmocka_unit_test(successful_socket_calls_clear_the_last_error),
        cmocka_unit_test(successful_datagram_calls_clear_the_last_error),
        cmocka_unit_test(failed_calls_still_set_their_error),
    };
    return cmocka_run_group_tests(tests, ws2t_setup, ws2t_teardown);
}
