/*
 * WSAPoll as Windows answers it.  The sentences of Microsoft's documentation
 * (WSAPoll.md, WSAPOLLFD) leave much open, and in places Windows does
 * otherwise (a negative fd is not ignored, no valid socket is WSAENOTSOCK):
 * each test says what Windows was observed to do, as recorded by Wine's
 * conformance test test_WSAPoll, which is run on Windows.
 *
 * Timing bounds are generous: "at once" is under 1 s, a wait of t ms lasts
 * between t - 50 ms and t + 2 s.
 */
#include <string.h>

#include "testlib.h"

#define ALL (POLLRDNORM | POLLRDBAND | POLLWRNORM)

#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

/*
 * Polls one socket for mask (waiting up to a second when expect is not 0)
 * and checks revents, and that the result counts the entry when its revents
 * is not 0 (WSAPoll.md: "The number of elements in fdarray for which an
 * revents member of the POLLFD structure is nonzero").
 */
#define assert_poll(s, mask, expect) assert_poll_(s, mask, expect, __LINE__)
static void assert_poll_(SOCKET s, SHORT mask, SHORT expect, int line)
{
    WSAPOLLFD p = {s, mask, (SHORT)0x5555};
    int n = WSAPoll(&p, 1, expect ? 1000 : 0);
    if (p.revents != expect || n != (expect ? 1 : 0))
        fail_msg("line %d: WSAPoll returned %d, revents %#x; expected revents %#x", line, n,
                 (unsigned)(unsigned short)p.revents, (unsigned)(unsigned short)expect);
}

/* A port on 127.0.0.1 where nothing listens: bound by *holder, so that no other test takes it. */
static struct sockaddr_in refusing_port(SOCKET *holder)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    *holder = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(bind(*holder, (struct sockaddr *)&a, sizeof(a)), 0);
    int len = sizeof(a);
    assert_int_equal(getsockname(*holder, (struct sockaddr *)&a, &len), 0);
    return a;
}

/* WSAPoll(NULL, 0, t) is WSAEINVAL and WSAPoll(NULL, 1, t) WSAEFAULT, whatever the time-out. */
static void null_array_is_einval_when_empty_and_efault_otherwise(void **state)
{
    (void)state;
    assert_fails(WSAPoll(NULL, 0, 0), WSAEINVAL);
    assert_fails(WSAPoll(NULL, 0, 1), WSAEINVAL);
    assert_fails(WSAPoll(NULL, 1, 0), WSAEFAULT);
    assert_fails(WSAPoll(NULL, 1, 1), WSAEFAULT);
}

/*
 * Only POLLRDNORM, POLLRDBAND and POLLWRNORM may be asked for (POLLIN and
 * POLLOUT are made of them): every other flag is WSAEINVAL, on a listening
 * socket and on a connected one alike.  Nothing at all is allowed.
 */
static void events_other_than_rdnorm_rdband_wrnorm_are_einval(void **state)
{
    (void)state;
    static const SHORT bad[] = {POLLERR, POLLHUP, POLLNVAL, 0x8,    POLLWRBAND, 0x40,         0x80,
                                POLLPRI, 0x800,   0x1000,   0x2000, 0x4000,     (SHORT)0x8000};
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET on[] = {l, s};
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            WSAPOLLFD p = {on[k], bad[i], (SHORT)0x5555};
            WSASetLastError(0);
            assert_fails(WSAPoll(&p, 1, 0), WSAEINVAL);
        }
    SHORT good[] = {0, POLLRDNORM, POLLRDBAND, POLLWRNORM, POLLIN, POLLOUT, ALL};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        WSAPOLLFD p = {s, good[i], 0};
        assert_true(WSAPoll(&p, 1, 0) >= 0);
    }
    closesocket(c);
    closesocket(s);
    closesocket(l);
}

/*
 * Entries that are not sockets get POLLNVAL and do not count: fd -1 before
 * a listener (its events not even looked at) gives 0 and last error 0, as
 * does a made-up handle after it.  A bad event mask in an entry after the
 * first valid socket fails the call with WSAEINVAL, every revents 0.  With
 * no valid socket at all every entry gets POLLNVAL and the call fails with
 * WSAENOTSOCK (not the WSAEINVAL that WSAPoll.md names).
 */
static void invalid_entries_get_pollnval_and_are_not_counted(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET bogus = (SOCKET)0xabacab;

    WSAPOLLFD p[2] = {{INVALID_SOCKET, POLLERR, (SHORT)0xdead}, {l, POLLIN, (SHORT)0xdead}};
    WSASetLastError(0xdead);
    assert_int_equal(WSAPoll(p, 2, 0), 0);
    assert_int_equal(WSAGetLastError(), 0);
    assert_int_equal(p[0].revents, POLLNVAL);
    assert_int_equal(p[1].revents, 0);

    WSAPOLLFD q[2] = {{l, POLLIN, (SHORT)0xdead}, {bogus, POLLIN, (SHORT)0xdead}};
    WSASetLastError(0xdead);
    assert_int_equal(WSAPoll(q, 2, 0), 0);
    assert_int_equal(WSAGetLastError(), 0);
    assert_int_equal(q[0].revents, 0);
    assert_int_equal(q[1].revents, POLLNVAL);

    q[1].events = POLLERR;
    q[0].revents = q[1].revents = (SHORT)0xdead;
    assert_fails(WSAPoll(q, 2, 0), WSAEINVAL);
    assert_int_equal(q[0].revents, 0);
    assert_int_equal(q[1].revents, 0);

    WSAPOLLFD none[2] = {{INVALID_SOCKET, POLLERR, (SHORT)0xdead}, {bogus, POLLERR, (SHORT)0xdead}};
    assert_fails(WSAPoll(none, 2, 0), WSAENOTSOCK);
    assert_int_equal(none[0].revents, POLLNVAL);
    assert_int_equal(none[1].revents, POLLNVAL);

    /* A closed socket is no socket either; a ready entry next to it is the only one counted. */
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET dead = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(dead);
    WSAPOLLFD r[3] = {{dead, POLLRDNORM, 0}, {c, POLLWRNORM, 0}, {INVALID_SOCKET, POLLRDNORM, 0}};
    assert_int_equal(WSAPoll(r, 3, 0), 1);
    assert_int_equal(r[0].revents, POLLNVAL);
    assert_int_equal(r[1].revents, POLLWRNORM);
    assert_int_equal(r[2].revents, POLLNVAL);
    closesocket(c);
    closesocket(s);
    closesocket(l);
}

/*
 * A listening socket with nothing pending reports nothing (revents
 * cleared); with a connection pending, POLLRDNORM when POLLIN is asked for,
 * and nothing when only POLLRDBAND and POLLWRNORM are.
 */
static void listener_reports_rdnorm_for_a_pending_connection_only(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    assert_poll(l, ALL, 0);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ws2t_set_nonblocking(c, 1);
    int r = connect(c, (struct sockaddr *)&la, llen);
    assert_true(r == 0 || WSAGetLastError() == WSAEWOULDBLOCK);
    assert_poll(l, POLLIN, POLLRDNORM);
    assert_poll(l, POLLIN, POLLRDNORM);
    assert_poll(l, POLLRDBAND | POLLWRNORM, 0);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    /* Connected: each end writable, the listener quiet again; two of three entries count. */
    WSAPOLLFD p[3] = {{l, ALL, (SHORT)0xdead}, {s, ALL, (SHORT)0xdead}, {c, ALL, (SHORT)0xdead}};
    assert_int_equal(WSAPoll(p, 3, 1000), 2);
    assert_int_equal(p[0].revents, 0);
    assert_int_equal(p[1].revents, POLLWRNORM);
    assert_int_equal(p[2].revents, POLLWRNORM);
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

/* A new TCP socket, bound or not, reports nothing at all, and a wait on it lasts its time. */
static void unconnected_tcp_socket_reports_nothing(void **state)
{
    (void)state;
    SOCKET fresh = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKET holder;
    refusing_port(&holder);
    assert_poll(fresh, ALL, 0);
    assert_poll(holder, ALL, 0);
    WSAPOLLFD p[2] = {{fresh, ALL, (SHORT)0xdead}, {holder, 0, (SHORT)0xdead}};
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(WSAPoll(p, 2, 250), 0);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 200);
    assert_true(took < 2250);
    assert_int_equal(p[0].revents, 0);
    assert_int_equal(p[1].revents, 0);
    closesocket(fresh);
    closesocket(holder);
}

/* Data: POLLRDNORM at the receiver (not POLLRDBAND), until it is read. */
static void data_is_rdnorm_until_read(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(s, "1234", 4, 0), 4);
    assert_poll(c, POLLRDNORM | POLLRDBAND, POLLRDNORM);
    assert_poll(c, ALL, POLLRDNORM | POLLWRNORM);
    assert_poll(s, ALL, POLLWRNORM);
    char b[8];
    assert_int_equal(recv(c, b, sizeof(b), 0), 4);
    assert_poll(c, ALL, POLLWRNORM);
    assert_poll(s, ALL, POLLWRNORM);
    closesocket(c);
    closesocket(s);
}

/*
 * Urgent data is POLLRDBAND, and not POLLRDNORM, until recv(MSG_OOB) takes
 * it; with SO_OOBINLINE it is ordinary data: POLLRDNORM, never POLLRDBAND.
 */
static void urgent_data_is_rdband_and_rdnorm_when_inline(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "A", 1, MSG_OOB), 1);
    assert_poll(c, ALL, POLLWRNORM);
    assert_poll(s, POLLRDNORM | POLLRDBAND, POLLRDBAND);
    assert_poll(s, ALL, POLLWRNORM | POLLRDBAND);
    char b = 0;
    assert_int_equal(recv(s, &b, 1, MSG_OOB), 1);
    assert_int_equal(b, 'A');
    assert_poll(s, ALL, POLLWRNORM);
    closesocket(c);
    closesocket(s);

    ws2t_tcp_pair(AF_INET, &c, &s);
    int on = 1;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&on, sizeof(on)), 0);
    assert_int_equal(send(c, "B", 1, MSG_OOB), 1);
    assert_poll(s, POLLRDNORM | POLLRDBAND, POLLRDNORM);
    assert_poll(s, ALL, POLLWRNORM | POLLRDNORM);
    b = 0;
    assert_int_equal(recv(s, &b, 1, 0), 1);
    assert_int_equal(b, 'B');
    assert_poll(s, ALL, POLLWRNORM);
    closesocket(c);
    closesocket(s);
}

/*
 * The peer's FIN (shutdown(SD_SEND) or a graceful closesocket) is POLLHUP,
 * reported even when nothing is asked for, with POLLWRNORM when asked, and
 * without POLLRDNORM: there is nothing to read.  Our own shutdown, either
 * way, changes nothing on either side.
 */
static void peer_fin_is_pollhup_without_rdnorm(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(shutdown(c, SD_RECEIVE), 0);
    assert_poll(c, ALL, POLLWRNORM);
    assert_poll(s, ALL, POLLWRNORM);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    assert_poll(c, ALL, POLLWRNORM);
    assert_poll(s, 0, POLLHUP);
    assert_poll(s, ALL, POLLWRNORM | POLLHUP);
    closesocket(c);
    closesocket(s);

    ws2t_tcp_pair(AF_INET6, &c, &s);
    assert_int_equal(closesocket(c), 0);
    assert_poll(s, 0, POLLHUP);
    assert_poll(s, ALL, POLLWRNORM | POLLHUP);
    assert_poll(s, POLLRDNORM, POLLHUP);
    closesocket(s);
}

/* Data still to read when the FIN comes: POLLRDNORM with the POLLHUP. */
static void peer_fin_after_data_is_rdnorm_and_pollhup(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "data", 5, 0), 5);
    assert_poll(s, POLLRDNORM | POLLRDBAND, POLLRDNORM);
    assert_poll(s, ALL, POLLWRNORM | POLLRDNORM);
    assert_int_equal(shutdown(c, SD_SEND), 0);
    assert_poll(c, ALL, POLLWRNORM);
    assert_poll(s, 0, POLLHUP);
    assert_poll(s, ALL, POLLWRNORM | POLLRDNORM | POLLHUP);
    char b[8];
    assert_int_equal(recv(s, b, sizeof(b), 0), 5);
    assert_poll(s, ALL, POLLWRNORM | POLLHUP);
    closesocket(c);
    closesocket(s);
}

/*
 * A refused connect, non-blocking or blocking, is POLLHUP|POLLERR|POLLWRNORM
 * (WSAPoll.md: "As of Windows 10 version 2004, when a TCP socket fails to
 * connect, (POLLHUP | POLLERR | POLLWRNORM) is indicated"), at every call:
 * reading SO_ERROR does not end it.
 */
static void refused_connect_is_hup_err_wrnorm_at_every_call(void **state)
{
    (void)state;
    SOCKET holder;
    struct sockaddr_in port = refusing_port(&holder);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ws2t_set_nonblocking(c, 1);
    assert_fails(connect(c, (struct sockaddr *)&port, sizeof(port)), WSAEWOULDBLOCK);
    WSAPOLLFD p = {c, ALL, (SHORT)0xdead};
    assert_int_equal(WSAPoll(&p, 1, 10000), 1);
    assert_int_equal(p.revents, POLLWRNORM | POLLHUP | POLLERR);
    int err = 0, len = sizeof(err);
    assert_int_equal(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len), 0);
    assert_int_equal(err, WSAECONNREFUSED);
    assert_poll(c, ALL, POLLWRNORM | POLLHUP | POLLERR);
    closesocket(c);

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_fails(connect(c, (struct sockaddr *)&port, sizeof(port)), WSAECONNREFUSED);
    assert_poll(c, ALL, POLLWRNORM | POLLHUP | POLLERR);
    closesocket(c);
    closesocket(holder);
}

/*
 * A reset is POLLERR|POLLHUP|POLLWRNORM, without POLLRDNORM (Wine's
 * test_tcp_reset, run on Windows; WSAPOLLFD, POLLHUP: "A stream-oriented
 * connection was either disconnected or aborted"); the hang-up is reported
 * asked for or not.
 */
static void peer_reset_is_pollerr_pollhup_wrnorm(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct linger hard = {1, 0};
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&hard, sizeof(hard)), 0);
    assert_int_equal(closesocket(c), 0);
    WSAPOLLFD p = {s, ALL, (SHORT)0xdead};
    assert_int_equal(WSAPoll(&p, 1, 5000), 1);
    assert_int_equal(p.revents, POLLERR | POLLHUP | POLLWRNORM);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAECONNRESET);
    assert_poll(s, ALL, POLLERR | POLLHUP | POLLWRNORM);
    p.events = 0;
    assert_int_equal(WSAPoll(&p, 1, 0), 1);
    assert_true(p.revents & POLLHUP);
    closesocket(s);
}

/* A UDP socket is writable, bound or not, and readable when a datagram waits. */
static void udp_is_wrnorm_and_rdnorm_with_a_datagram(void **state)
{
    (void)state;
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_poll(u, ALL, POLLWRNORM);
    struct sockaddr_in a;
    SOCKET v = ws2t_udp_bound(&a);
    assert_poll(v, ALL, POLLWRNORM);
    assert_int_equal(sendto(u, "data", 5, 0, (struct sockaddr *)&a, sizeof(a)), 5);
    assert_poll(v, POLLRDNORM, POLLRDNORM);
    assert_poll(v, ALL, POLLRDNORM | POLLWRNORM);
    closesocket(u);
    closesocket(v);
}

static void WINAPI count_apc(ULONG_PTR p)
{
    InterlockedIncrement((volatile LONG *)p);
}

struct closer {
    SOCKET s;
    DWORD delay_ms;
};

static DWORD WINAPI close_later(LPVOID p)
{
    struct closer *c = p;
    Sleep(c->delay_ms);
    return closesocket(c->s) == 0 ? 0 : 1;
}

/*
 * WSAPoll is an alertable wait (an APC queued before it runs while it
 * waits), and a socket closed while it waits is POLLNVAL and counted.
 */
static void waits_alertably_and_counts_a_socket_closed_meanwhile(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    volatile LONG apcs = 0;
    assert_true(QueueUserAPC(count_apc, GetCurrentThread(), (ULONG_PTR)&apcs));
    struct closer w = {c, 300};
    HANDLE t = ws2t_thread(close_later, &w);
    WSAPOLLFD p = {c, POLLRDNORM | POLLRDBAND, (SHORT)0xdead};
    assert_int_equal(WSAPoll(&p, 1, 5000), 1);
    assert_int_equal(ws2t_load(&apcs), 1);
    assert_int_equal(p.revents, POLLNVAL);
    ws2t_join(t);
    closesocket(s);
}

struct late_sender {
    SOCKET s;
    DWORD delay_ms;
};

static DWORD WINAPI send_late(LPVOID p)
{
    struct late_sender *w = p;
    Sleep(w->delay_ms);
    return send(w->s, "L", 1, 0) == 1 ? 0 : 1;
}

/* WSAPoll.md, timeout: "Greater than zero: The time, in milliseconds, to wait. Zero: Return
 * immediately. Less than zero: Wait indefinitely." */
static void timeouts_are_honoured(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET6, &c, &s);
    WSAPOLLFD p = {s, POLLRDNORM, 0};
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(WSAPoll(&p, 1, 0), 0);
    assert_true(ws2t_now_ms() - t0 < 1000);
    t0 = ws2t_now_ms();
    assert_int_equal(WSAPoll(&p, 1, 250), 0);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 200);
    assert_true(took < 2250);

    struct late_sender w = {c, 300};
    HANDLE t = ws2t_thread(send_late, &w);
    t0 = ws2t_now_ms();
    assert_int_equal(WSAPoll(&p, 1, -1), 1);
    assert_true(ws2t_now_ms() - t0 >= 250);
    assert_int_equal(p.revents, POLLRDNORM);
    ws2t_join(t);
    closesocket(c);
    closesocket(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(null_array_is_einval_when_empty_and_efault_otherwise),
        T(events_other_than_rdnorm_rdband_wrnorm_are_einval),
        T(invalid_entries_get_pollnval_and_are_not_counted),
        T(listener_reports_rdnorm_for_a_pending_connection_only),
        T(unconnected_tcp_socket_reports_nothing),
        T(data_is_rdnorm_until_read),
        T(urgent_data_is_rdband_and_rdnorm_when_inline),
        T(peer_fin_is_pollhup_without_rdnorm),
        T(peer_fin_after_data_is_rdnorm_and_pollhup),
        T(refused_connect_is_hup_err_wrnorm_at_every_call),
        T(peer_reset_is_pollerr_pollhup_wrnorm),
        T(udp_is_wrnorm_and_rdnorm_with_a_datagram),
        T(waits_alertably_and_counts_a_socket_closed_meanwhile),
        T(timeouts_are_honoured),
    };
    return cmocka_run_group_tests_name("poll", tests, NULL, NULL);
}
