/*
 * Scatter/gather with more WSABUFs than Linux takes in one system call
 * (1024): Winsock has no such limit, and the transfer stays one operation —
 * every byte, in buffer order, one completion — blocking, non-blocking and
 * overlapped (event, completion routine, completion port).  A datagram stays
 * one datagram however many buffers it is gathered from or scattered over.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#define MANY 2500

/* count buffers over bytes, of lengths 0, 1, 2, 3, 0, 1, ...; returns the total. */
static size_t spread(WSABUF *bufs, DWORD count, char *bytes)
{
    size_t off = 0;
    for (DWORD i = 0; i < count; i++) {
        bufs[i].len = i % 4;
        bufs[i].buf = bytes + off;
        off += bufs[i].len;
    }
    return off;
}

static void pattern(char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (char)((i * 131u + seed) >> 3 ^ i);
}

static int recv_all(SOCKET s, char *buf, int len)
{
    int got = 0;
    while (got < len) {
        int n = recv(s, buf + got, len - got, 0);
        if (n <= 0)
            return got;
        got += n;
    }
    return got;
}

/* Waits until s has n bytes queued (FIONREAD), so that one receive can take them all. */
static void wait_queued(SOCKET s, u_long n)
{
    u_long have = 0;
    uint64_t end = ws2t_now_ms() + 5000;
    while (ioctlsocket(s, FIONREAD, &have) == 0 && have < n && ws2t_now_ms() < end)
        Sleep(1);
    assert_int_equal(have, n);
}

static void blocking_transfers_over_2500_buffers_keep_every_byte_in_order(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    static WSABUF bufs[MANY];
    static char out[3 * MANY], in[3 * MANY];
    size_t total = spread(bufs, MANY, out);
    pattern(out, total, 1);

    DWORD sent = 0;
    assert_int_equal(WSASend(c, bufs, MANY, &sent, 0, NULL, NULL), 0);
    assert_int_equal(sent, total);
    assert_int_equal(recv_all(s, in, (int)total), (int)total);
    assert_memory_equal(in, out, total);

    /* And received into as many buffers: MSG_WAITALL fills them all, in order. */
    memset(in, 0, sizeof(in));
    assert_int_equal(send(s, out, (int)total, 0), (int)total);
    spread(bufs, MANY, in);
    DWORD got = 0, flags = MSG_WAITALL;
    assert_int_equal(WSARecv(c, bufs, MANY, &got, &flags, NULL, NULL), 0);
    assert_int_equal(got, total);
    assert_memory_equal(in, out, total);
    closesocket(c);
    closesocket(s);
}

struct reader {
    SOCKET s;
    char *buf;
    int len, got;
};

static DWORD WINAPI read_all(LPVOID arg)
{
    struct reader *r = arg;
    r->got = recv_all(r->s, r->buf, r->len);
    return 0;
}

/* A blocking send larger than the connection holds: it waits for room, run after run. */
static void blocking_wsasend_of_3000_large_buffers_waits_for_room_and_sends_all(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    enum { N = 3000, LEN = 4096 };
    size_t total = (size_t)N * LEN;
    char *out = malloc(total), *in = malloc(total);
    WSABUF *bufs = malloc(N * sizeof(*bufs));
    assert_true(out && in && bufs);
    pattern(out, total, 7);
    /* Each buffer names a slice out of order in memory; the stream is buffer order. */
    for (DWORD i = 0; i < N; i++) {
        bufs[i].buf = out + (size_t)((i * 7u) % N) * LEN;
        bufs[i].len = LEN;
    }
    struct reader r = {s, in, (int)total, 0};
    HANDLE t = ws2t_thread(read_all, &r);
    DWORD sent = 0;
    int result = WSASend(c, bufs, N, &sent, 0, NULL, NULL);
    ws2t_join(t);
    assert_int_equal(result, 0);
    assert_int_equal(sent, total);
    assert_int_equal(r.got, (int)total);
    for (DWORD i = 0; i < N; i++)
        assert_memory_equal(in + (size_t)i * LEN, bufs[i].buf, LEN);
    free(bufs);
    free(in);
    free(out);
    closesocket(c);
    closesocket(s);
}

static void nonblocking_transfers_over_2500_buffers_take_all_there_is_room_for(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    ws2t_set_nonblocking(c, 1);
    ws2t_set_nonblocking(s, 1);
    static WSABUF bufs[MANY];
    static char out[3 * MANY], in[3 * MANY];
    size_t total = spread(bufs, MANY, out);
    pattern(out, total, 3);
    DWORD sent = 0;
    assert_int_equal(WSASend(c, bufs, MANY, &sent, 0, NULL, NULL), 0);
    assert_int_equal(sent, total);

    wait_queued(s, (u_long)total);
    spread(bufs, MANY, in);
    DWORD got = 0, flags = 0;
    assert_int_equal(WSARecv(s, bufs, MANY, &got, &flags, NULL, NULL), 0);
    assert_int_equal(got, total);
    assert_memory_equal(in, out, total);
    assert_int_equal(WSARecv(s, bufs, MANY, &got, &flags, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    closesocket(c);
    closesocket(s);
}

/* ---- Overlapped: event, routine, port; one completion each ---------------- */

enum how { BY_EVENT, BY_ROUTINE, BY_PORT };

static volatile LONG routine_calls;
static DWORD routine_bytes, routine_error;

static void CALLBACK on_done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov;
    (void)flags;
    routine_error = error;
    routine_bytes = bytes;
    InterlockedIncrement(&routine_calls);
}

/* Waits for the one completion of ov (issued as how); returns its byte count. */
static DWORD overlapped_wait(enum how how, SOCKET s, WSAOVERLAPPED *ov, HANDLE port)
{
    DWORD bytes = 0, flags = 0;
    if (how == BY_EVENT) {
        assert_int_equal(WSAWaitForMultipleEvents(1, &ov->hEvent, FALSE, 5000, FALSE),
                         WSA_WAIT_EVENT_0);
        assert_true(WSAGetOverlappedResult(s, ov, &bytes, FALSE, &flags));
    } else if (how == BY_ROUTINE) {
        uint64_t end = ws2t_now_ms() + 5000;
        while (ws2t_load(&routine_calls) == 0 && ws2t_now_ms() < end)
            SleepEx(100, TRUE);
        SleepEx(50, TRUE); /* a second call would come now */
        assert_int_equal(ws2t_load(&routine_calls), 1);
        assert_int_equal(routine_error, 0);
        bytes = routine_bytes;
    } else {
        ULONG_PTR key = 0;
        LPOVERLAPPED got = NULL;
        assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
        assert_ptr_equal(got, ov);
        assert_int_equal(key, 5);
        /* One packet, not one per run of buffers. */
        assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &got, 50));
        assert_int_equal(GetLastError(), WAIT_TIMEOUT);
        bytes = (DWORD)ov->InternalHigh;
    }
    return bytes;
}

static void overlapped_over_2500_buffers(enum how how)
{
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    HANDLE port = NULL;
    if (how == BY_PORT) {
        port = ws2t_new_port();
        assert_ptr_equal(CreateIoCompletionPort((HANDLE)s, port, 5, 0), port);
        assert_ptr_equal(CreateIoCompletionPort((HANDLE)c, port, 5, 0), port);
    }
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = how == BY_ROUTINE ? on_done : NULL;
    static WSABUF bufs[MANY];
    static char out[3 * MANY], in[3 * MANY];
    size_t total = spread(bufs, MANY, in);
    pattern(out, total, 5);
    memset(in, 0, sizeof(in));

    /* A receive pending over all the buffers, filled by one send of the peer. */
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    if (how == BY_EVENT)
        ov.hEvent = WSACreateEvent();
    routine_calls = 0;
    DWORD flags = MSG_WAITALL;
    assert_int_equal(WSARecv(s, bufs, MANY, NULL, &flags, &ov, routine), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(send(c, out, (int)total, 0), (int)total);
    assert_int_equal(overlapped_wait(how, s, &ov, port), total);
    assert_memory_equal(in, out, total);

    /* A send gathered from all the buffers. */
    spread(bufs, MANY, out);
    if (how == BY_EVENT)
        WSAResetEvent(ov.hEvent);
    routine_calls = 0;
    int r = WSASend(s, bufs, MANY, NULL, 0, &ov, routine);
    assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
    /* Even one that completed at once delivers its completion. */
    assert_int_equal(overlapped_wait(how, s, &ov, port), total);
    memset(in, 0, sizeof(in));
    assert_int_equal(recv_all(c, in, (int)total), (int)total);
    assert_memory_equal(in, out, total);

    if (ov.hEvent)
        WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(s);
    if (port)
        CloseHandle(port);
}

static void overlapped_with_event_over_2500_buffers_completes_once_with_all_bytes(void **state)
{
    (void)state;
    overlapped_over_2500_buffers(BY_EVENT);
}

static void overlapped_with_routine_over_2500_buffers_completes_once_with_all_bytes(void **state)
{
    (void)state;
    overlapped_over_2500_buffers(BY_ROUTINE);
}

static void overlapped_with_port_over_2500_buffers_completes_once_with_all_bytes(void **state)
{
    (void)state;
    overlapped_over_2500_buffers(BY_PORT);
}

/* ---- Datagrams ---------------------------------------------------------------- */

static void udp_wsasendto_gathers_2500_buffers_into_one_datagram(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    SOCKET u = ws2t_udp_bound(&addr);
    SOCKET t = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    static WSABUF bufs[MANY];
    static char out[3 * MANY], in[65536];
    size_t total = spread(bufs, MANY, out);
    pattern(out, total, 9);
    DWORD sent = 0;
    assert_int_equal(
        WSASendTo(t, bufs, MANY, &sent, 0, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL), 0);
    assert_int_equal(sent, total);
    /* Overlapped too. */
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    int r = WSASendTo(t, bufs, MANY, NULL, 0, (struct sockaddr *)&addr, sizeof(addr), &ov, NULL);
    assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
    DWORD n = 0, flags = 0;
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    assert_true(WSAGetOverlappedResult(t, &ov, &n, FALSE, &flags));
    assert_int_equal(n, total);

    for (int i = 0; i < 2; i++) {
        memset(in, 0, sizeof(in));
        assert_int_equal(recv(u, in, sizeof(in), 0), (int)total);
        assert_memory_equal(in, out, total);
    }
    WSACloseEvent(ov.hEvent);
    closesocket(t);
    closesocket(u);
}

static void udp_wsarecvfrom_scatters_one_datagram_over_2500_buffers(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    SOCKET u = ws2t_udp_bound(&addr);
    struct sockaddr_in taddr;
    SOCKET t = ws2t_udp_bound(&taddr);
    static WSABUF bufs[MANY];
    static char out[3 * MANY], in[3 * MANY];
    size_t total = spread(bufs, MANY, in);
    pattern(out, sizeof(out), 11);
    size_t dgram = total - 100;
    assert_int_equal(sendto(t, out, (int)dgram, 0, (struct sockaddr *)&addr, sizeof(addr)),
                     (int)dgram);
    struct sockaddr_in from;
    int fromlen = sizeof(from);
    DWORD got = 0, flags = 0;
    assert_int_equal(
        WSARecvFrom(u, bufs, MANY, &got, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL),
        0);
    assert_int_equal(got, dgram);
    assert_memory_equal(in, out, dgram);
    assert_int_equal(from.sin_port, taddr.sin_port);

    /* Larger than all the buffers: they hold its start, and WSAEMSGSIZE says the rest is lost. */
    assert_int_equal(sendto(t, out, (int)sizeof(out), 0, (struct sockaddr *)&addr, sizeof(addr)),
                     (int)sizeof(out));
    memset(in, 0, sizeof(in));
    flags = 0;
    assert_int_equal(WSARecvFrom(u, bufs, MANY, &got, &flags, NULL, NULL, NULL, NULL),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEMSGSIZE);
    assert_memory_equal(in, out, total);
    char probe;
    ws2t_set_nonblocking(u, 1);
    assert_int_equal(recv(u, &probe, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    closesocket(t);
    closesocket(u);
}

/* ---- Counts no array can have ------------------------------------------------- */

/*
 * A buffer count far beyond the array given (the caller's mistake) fails
 * with WSAEINVAL before anything is allocated for it or read past the array
 * (the issue: "check counts against sane limits first (WSAEINVAL)").
 */
static void absurd_buffer_counts_fail_without_allocating_for_them(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    char byte = 'x';
    WSABUF one = {1, &byte};
    DWORD counts[] = {0x7fffffffu, 0xffffffffu, 0x10000000u};
    for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        DWORD n = 0, flags = 0;
        assert_int_equal(WSASend(c, &one, counts[i], &n, 0, NULL, NULL), SOCKET_ERROR);
        int e = WSAGetLastError();
        assert_int_equal(e, WSAEINVAL);
        assert_int_equal(WSARecv(s, &one, counts[i], &n, &flags, NULL, NULL), SOCKET_ERROR);
        e = WSAGetLastError();
        assert_int_equal(e, WSAEINVAL);
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = WSACreateEvent();
        assert_int_equal(WSASend(c, &one, counts[i], NULL, 0, &ov, NULL), SOCKET_ERROR);
        e = WSAGetLastError();
        assert_int_equal(e, WSAEINVAL);
        WSACloseEvent(ov.hEvent);
    }
    /* The connection is untouched. */
    assert_int_equal(send(c, "k", 1, 0), 1);
    assert_int_equal(recv(s, &byte, 1, 0), 1);
    assert_int_equal(byte, 'k');
    closesocket(c);
    closesocket(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            blocking_transfers_over_2500_buffers_keep_every_byte_in_order, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            blocking_wsasend_of_3000_large_buffers_waits_for_room_and_sends_all, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            nonblocking_transfers_over_2500_buffers_take_all_there_is_room_for, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            overlapped_with_event_over_2500_buffers_completes_once_with_all_bytes, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            overlapped_with_routine_over_2500_buffers_completes_once_with_all_bytes, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            overlapped_with_port_over_2500_buffers_completes_once_with_all_bytes, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(udp_wsasendto_gathers_2500_buffers_into_one_datagram,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(udp_wsarecvfrom_scatters_one_datagram_over_2500_buffers,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(absurd_buffer_counts_fail_without_allocating_for_them,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("transfer_many_buffers", tests, NULL, NULL);
}
