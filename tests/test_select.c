/*
 * select over Windows fd_sets, through the public API (WSAPoll: test_poll).
 * Each test names the sentence of Microsoft's documentation (select.md,
 * fd_set) that it checks, or the behaviour observed on Windows (Wine's
 * conformance test test_select, which is run on Windows) where the
 * documentation says less or otherwise.
 *
 * Timing bounds are generous: "at once" is under 1 s, a wait of t ms lasts
 * between t - 50 ms and t + 2 s.
 */
#include <limits.h>
#include <string.h>

#include "testlib.h"

/* The call fails with SOCKET_ERROR and the given last error. */
#define assert_fails(call, error)                                                                  \
    do {                                                                                           \
        assert_int_equal((call), SOCKET_ERROR);                                                    \
        assert_wsa_error(error);                                                                   \
    } while (0)

static struct timeval tv_ms(long ms)
{
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    return tv;
}

/* select on one socket in one set (0 read, 1 write, 2 except); returns select's result. */
static int select_one(SOCKET s, int which, long ms)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(s, &set);
    struct timeval tv = tv_ms(ms);
    int n = select(0, which == 0 ? &set : NULL, which == 1 ? &set : NULL, which == 2 ? &set : NULL,
                   &tv);
    assert_true(n == 0 || n == 1);
    assert_int_equal(set.fd_count, (u_int)n);
    assert_int_equal(FD_ISSET(s, &set) ? 1 : 0, n);
    return n;
}

/*
 * fd_set and the FD_ macros (winsock2.h, select.md): "FD_CLR(s, *set):
 * Removes the descriptor s from set. FD_ISSET(s, *set): Nonzero if s is a
 * member of the set. FD_SET(s, *set): Adds descriptor s to set. FD_ZERO(*set):
 * Initializes the set to the null set."  Windows' fd_set is a counted array:
 * FD_SET ignores a socket already present and a full set, FD_CLR closes
 * the gap.
 */
static void fd_macros_on_a_counted_array(void **state)
{
    (void)state;
    fd_set set;
    memset(&set, 0xcc, sizeof(set));
    FD_ZERO(&set);
    assert_int_equal(set.fd_count, 0);
    assert_false(FD_ISSET((SOCKET)5, &set));
    FD_SET((SOCKET)5, &set);
    FD_SET((SOCKET)7, &set);
    FD_SET((SOCKET)5, &set);
    FD_SET((SOCKET)9, &set);
    assert_int_equal(set.fd_count, 3);
    assert_true(FD_ISSET((SOCKET)5, &set));
    assert_true(FD_ISSET((SOCKET)9, &set));
    assert_false(FD_ISSET((SOCKET)6, &set));
    FD_CLR((SOCKET)7, &set);
    assert_int_equal(set.fd_count, 2);
    assert_true(set.fd_array[0] == (SOCKET)5);
    assert_true(set.fd_array[1] == (SOCKET)9);
    assert_false(FD_ISSET((SOCKET)7, &set));
    FD_CLR((SOCKET)42, &set); /* not there: nothing changes */
    assert_int_equal(set.fd_count, 2);
    FD_CLR((SOCKET)5, &set);
    FD_CLR((SOCKET)9, &set);
    assert_int_equal(set.fd_count, 0);

    for (SOCKET s = 100; s < 100 + FD_SETSIZE + 5; s++)
        FD_SET(s, &set);
    assert_int_equal(set.fd_count, FD_SETSIZE);
    assert_true(FD_ISSET((SOCKET)(100 + FD_SETSIZE - 1), &set));
    assert_false(FD_ISSET((SOCKET)(100 + FD_SETSIZE), &set));
}

/*
 * select.md, readfds: "Data is available for reading (includes OOB data if
 * SO_OOBINLINE is enabled)"; "If listen has been called and a connection is
 * pending, accept will succeed"; "Connection has been closed/reset/terminated."
 * The sets are updated to the sockets that are ready.
 */
static void readable_on_data_pending_accept_and_eof(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    assert_int_equal(select_one(l, 0, 0), 0);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    assert_int_equal(select_one(l, 0, 5000), 1);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(select_one(l, 0, 0), 0);

    assert_int_equal(select_one(s, 0, 0), 0);
    assert_int_equal(send(c, "d", 1, 0), 1);
    assert_int_equal(select_one(s, 0, 5000), 1);
    char b[4];
    assert_int_equal(recv(s, b, sizeof(b), 0), 1);
    assert_int_equal(select_one(s, 0, 0), 0);

    assert_int_equal(shutdown(c, SD_SEND), 0);
    assert_int_equal(select_one(s, 0, 5000), 1);
    assert_int_equal(recv(s, b, sizeof(b), 0), 0);
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

/*
 * select.md, writefds: "If processing a connect call (nonblocking),
 * connection has succeeded. Data can be sent." — and not while the send
 * buffer is full.
 */
static void writable_after_connect_and_not_when_full(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET6, &la, &llen);
    SOCKET c = socket(AF_INET6, SOCK_STREAM, 0);
    ws2t_set_nonblocking(c, 1);
    assert_fails(connect(c, (struct sockaddr *)&la, llen), WSAEWOULDBLOCK);
    assert_int_equal(select_one(c, 1, 5000), 1);
    SOCKET s = accept(l, NULL, NULL);
    ws2t_fill_until_blocked(c);
    assert_int_equal(select_one(c, 1, 100), 0);
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

/*
 * select.md, timeout: "The maximum time for select to wait ... Set the
 * timeout parameter to null for blocking operations" and a zeroed timeval
 * polls: "If the timeout parameter is set to {0, 0}, select will return
 * immediately"; "The select function returns 0 if the time limit expired."
 */
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

static void timeouts_are_honoured(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(s, &r);
    struct timeval zero = {0, 0};
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(select(0, &r, NULL, NULL, &zero), 0);
    assert_true(ws2t_now_ms() - t0 < 1000);
    assert_int_equal(r.fd_count, 0);

    FD_SET(s, &r);
    struct timeval wait = {0, 200000};
    t0 = ws2t_now_ms();
    assert_int_equal(select(0, &r, NULL, NULL, &wait), 0);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 150);
    assert_true(took < 2200);

    /* No timeout: it waits as long as it takes. */
    struct late_sender w = {c, 300};
    HANDLE t = CreateThread(NULL, 0, send_late, &w, 0, NULL);
    FD_SET(s, &r);
    t0 = ws2t_now_ms();
    assert_int_equal(select(0, &r, NULL, NULL, NULL), 1);
    took = ws2t_now_ms() - t0;
    assert_true(took >= 250);
    assert_true(FD_ISSET(s, &r));
    assert_int_equal(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    CloseHandle(t);

    /* select.md, WSAEINVAL: "The time-out value is not valid". */
    struct timeval bad = {0, -1};
    assert_fails(select(0, &r, NULL, NULL, &bad), WSAEINVAL);

    /*
     * A time-out of any length is a time-out, not an overflow, and nfds is
     * ignored (select.md: "Ignored. The nfds parameter is included only for
     * compatibility with Berkeley sockets").
     */
    struct timeval huge = {LONG_MAX, 999999};
    fd_set wr;
    FD_ZERO(&wr);
    FD_SET(c, &wr);
    assert_int_equal(select(-7, NULL, &wr, NULL, &huge), 1);
    assert_true(FD_ISSET(c, &wr));
    struct timeval carry = {0, 2500000}; /* microseconds past a second carry into seconds */
    assert_int_equal(select(0x7fffffff, NULL, &wr, NULL, &carry), 1);
    closesocket(c);
    closesocket(s);
}

/*
 * select.md, WSAEINVAL: "The time-out value is not valid, or all three
 * descriptor parameters were null"; WSAENOTSOCK: "One of the descriptor sets
 * contains an entry that is not a socket."
 */
static void empty_sets_and_non_sockets(void **state)
{
    (void)state;
    struct timeval tv = {0, 0};
    assert_fails(select(0, NULL, NULL, NULL, &tv), WSAEINVAL);
    fd_set r, w, e;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    assert_fails(select(0, &r, &w, &e, &tv), WSAEINVAL);

    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET dead = socket(AF_INET, SOCK_STREAM, 0);
    closesocket(dead);
    FD_SET(s, &r);
    FD_SET(dead, &r);
    assert_fails(select(0, &r, NULL, NULL, &tv), WSAENOTSOCK);
    FD_ZERO(&r);
    FD_SET(s, &r);
    FD_SET(dead, &e);
    assert_fails(select(0, &r, NULL, &e, &tv), WSAENOTSOCK);
    FD_ZERO(&e);
    FD_SET((SOCKET)0x7777, &w);
    assert_fails(select(0, NULL, &w, NULL, &tv), WSAENOTSOCK);

    /*
     * INVALID_SOCKET in any of the sets is WSAENOTSOCK, and the sets are
     * left as they were (Wine's test_select, run on Windows).
     */
    fd_set *sets[] = {&r, &w, &e};
    for (int k = 0; k < 3; k++) {
        FD_ZERO(&r);
        FD_ZERO(&w);
        FD_ZERO(&e);
        FD_SET(s, &r);
        FD_SET(c, &w);
        FD_SET(INVALID_SOCKET, sets[k]);
        WSASetLastError(0);
        assert_fails(select(0, &r, &w, &e, &tv), WSAENOTSOCK);
        assert_int_equal(r.fd_count, k == 0 ? 2 : 1);
        assert_int_equal(w.fd_count, k == 1 ? 2 : 1);
        assert_int_equal(e.fd_count, k == 2 ? 1 : 0);
        assert_true(FD_ISSET(c, &w));
    }
    closesocket(c);
    closesocket(s);
}

/*
 * select.md: "The select function returns the total number of socket
 * handles that are ready and contained in the fd_set structures" — a socket
 * in two sets that is ready for both counts twice; a socket ready for only
 * one of its sets is removed from the other.
 */
static void count_is_per_set(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(send(c, "x", 1, 0), 1);
    assert_int_equal(select_one(s, 0, 5000), 1);

    fd_set r, w, e;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &w);
    FD_SET(s, &e);
    FD_SET(c, &r);
    FD_SET(c, &w);
    struct timeval tv = {5, 0};
    /* s: readable and writable; c: writable only. */
    assert_int_equal(select(0, &r, &w, &e, &tv), 3);
    assert_int_equal(r.fd_count, 1);
    assert_true(FD_ISSET(s, &r));
    assert_false(FD_ISSET(c, &r));
    assert_int_equal(w.fd_count, 2);
    assert_true(FD_ISSET(s, &w) && FD_ISSET(c, &w));
    assert_int_equal(e.fd_count, 0);
    closesocket(c);
    closesocket(s);
}

/* select.md, exceptfds: "OOB data is available for reading (only if SO_OOBINLINE is disabled)." */
static void exceptfds_on_oob_data(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(select_one(s, 2, 0), 0);
    assert_int_equal(send(c, "!", 1, MSG_OOB), 1);
    assert_int_equal(select_one(s, 2, 5000), 1);
    char b;
    assert_int_equal(recv(s, &b, 1, MSG_OOB), 1);
    assert_int_equal(b, '!');
    assert_int_equal(select_one(s, 2, 0), 0);

    /*
     * Windows (Wine's test_select): urgent data is in the except set and not
     * the read set; with SO_OOBINLINE it is in the read set and not the
     * except set.
     */
    fd_set r, e;
    struct timeval tv = tv_ms(5000);
    assert_int_equal(send(c, "A", 1, MSG_OOB), 1);
    FD_ZERO(&r);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &e);
    assert_int_equal(select(0, &r, NULL, &e, &tv), 1);
    assert_true(FD_ISSET(s, &e));
    assert_int_equal(recv(s, &b, 1, MSG_OOB), 1);
    closesocket(c);
    closesocket(s);

    ws2t_tcp_pair(AF_INET, &c, &s);
    int on = 1;
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&on, sizeof(on)), 0);
    assert_int_equal(send(c, "B", 1, MSG_OOB), 1);
    FD_ZERO(&r);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &e);
    assert_int_equal(select(0, &r, NULL, &e, &tv), 1);
    assert_true(FD_ISSET(s, &r));
    assert_int_equal(recv(s, &b, 1, 0), 1);
    assert_int_equal(b, 'B');
    closesocket(c);
    closesocket(s);
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

/* select on s in all three sets; returns the count and which sets hold s (bits 1, 2, 4). */
static int select_all(SOCKET s, long ms, int *where)
{
    fd_set r, w, e;
    memset(&r, 0, sizeof(r)); /* whole: GCC's -Og cannot see that FD_ZERO is enough */
    memset(&w, 0, sizeof(w));
    memset(&e, 0, sizeof(e));
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &w);
    FD_SET(s, &e);
    struct timeval tv = tv_ms(ms);
    int n = select(0, &r, &w, &e, &tv);
    *where = (FD_ISSET(s, &r) ? 1 : 0) | (FD_ISSET(s, &w) ? 2 : 0) | (FD_ISSET(s, &e) ? 4 : 0);
    assert_int_equal((int)(r.fd_count + w.fd_count + e.fd_count), n);
    return n;
}

/*
 * Windows (Wine's test_select, run on Windows): a new TCP socket, or a bound
 * one that is neither connected nor listening, is in no set — not writable
 * as Linux's poll would have it — and a select on it lasts its time-out.
 * An unbound UDP socket is writable.
 */
static void unconnected_tcp_socket_is_in_no_set(void **state)
{
    (void)state;
    SOCKET a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKET holder;
    refusing_port(&holder);
    int where;
    assert_int_equal(select_all(a, 0, &where), 0);
    assert_int_equal(select_all(holder, 0, &where), 0);
    fd_set r, w, e;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    SOCKET both[] = {a, holder};
    for (int i = 0; i < 2; i++) {
        FD_SET(both[i], &r);
        FD_SET(both[i], &w);
        FD_SET(both[i], &e);
    }
    struct timeval tv = tv_ms(250);
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(select(0, &r, &w, &e, &tv), 0);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 200);
    assert_true(took < 2250);
    assert_int_equal(r.fd_count + w.fd_count + e.fd_count, 0);

    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_int_equal(select_all(u, 250, &where), 1);
    assert_int_equal(where, 2);
    closesocket(u);
    closesocket(a);
    closesocket(holder);
}

/*
 * Windows (Wine's test_select and test_errors): a refused connect puts the
 * socket in the except set and in no other — not the write set — with
 * SO_ERROR WSAECONNREFUSED, and it stays so at every later select, until a
 * new connect.  A blocking connect that was refused is reported the same
 * way; a select for writing alone times out.
 */
static void refused_connect_is_in_except_set_only(void **state)
{
    (void)state;
    SOCKET holder;
    struct sockaddr_in port = refusing_port(&holder);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ws2t_set_nonblocking(c, 1);
    assert_fails(connect(c, (struct sockaddr *)&port, sizeof(port)), WSAEWOULDBLOCK);
    int where;
    assert_int_equal(select_all(c, 10000, &where), 1);
    assert_int_equal(where, 4);
    int err = 0, len = sizeof(err);
    assert_int_equal(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len), 0);
    assert_int_equal(err, WSAECONNREFUSED);
    assert_int_equal(select_all(c, 0, &where), 1);
    assert_int_equal(where, 4);
    assert_int_equal(select_one(c, 1, 100), 0);
    assert_int_equal(select_one(c, 0, 100), 0);
    closesocket(c);

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_fails(connect(c, (struct sockaddr *)&port, sizeof(port)), WSAECONNREFUSED);
    assert_int_equal(select_one(c, 1, 100), 0);
    assert_int_equal(select_all(c, 0, &where), 1);
    assert_int_equal(where, 4);
    closesocket(c);
    closesocket(holder);
}

/*
 * select.md, writefds: "If processing a connect call (nonblocking),
 * connection has succeeded" — and not before: a connect still in progress
 * (its SYN dropped by a listener whose queue is full) is in no set, and in
 * the write set alone once the listener makes room and it completes.
 */
static void connect_in_progress_is_in_no_set_until_it_completes(void **state)
{
    (void)state;
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in la;
    memset(&la, 0, sizeof(la));
    la.sin_family = AF_INET;
    la.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(l, (struct sockaddr *)&la, sizeof(la)), 0);
    int len = sizeof(la);
    assert_int_equal(getsockname(l, (struct sockaddr *)&la, &len), 0);
    assert_int_equal(listen(l, 1), 0);
    enum { MAX = 16 };
    SOCKET c[MAX];
    int n = 0, where = 0;
    SOCKET pending = INVALID_SOCKET;
    while (n < MAX && pending == INVALID_SOCKET) {
        c[n] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        ws2t_set_nonblocking(c[n], 1);
        int r = connect(c[n], (struct sockaddr *)&la, sizeof(la));
        assert_true(r == 0 || WSAGetLastError() == WSAEWOULDBLOCK);
        if (select_all(c[n], 300, &where) == 0)
            pending = c[n];
        else
            assert_int_equal(where, 2);
        n++;
    }
    assert_true(pending != INVALID_SOCKET); /* the listener's queue filled */
    assert_int_equal(select_all(pending, 200, &where), 0);
    assert_int_equal(select_one(pending, 1, 200), 0);
    for (int i = 0; i < n - 1; i++) {
        SOCKET s = accept(l, NULL, NULL);
        assert_true(s != INVALID_SOCKET);
        closesocket(s);
    }
    /* The SYN is sent again after a second (then 3 s, ...): the connect completes. */
    assert_int_equal(select_all(pending, 15000, &where), 1);
    assert_int_equal(where, 2);
    for (int i = 0; i < n; i++)
        closesocket(c[i]);
    closesocket(l);
}

/*
 * Windows (Wine's test_tcp_reset): a reset connection is in the read and the
 * write set, not the except set; a select for the except set alone gives 0.
 */
static void reset_connection_is_readable_and_writable_not_exceptional(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct linger hard = {1, 0};
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&hard, sizeof(hard)), 0);
    assert_int_equal(closesocket(c), 0);
    int where;
    assert_int_equal(select_all(s, 5000, &where), 2);
    assert_int_equal(where, 3);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAECONNRESET);
    assert_int_equal(select_all(s, 0, &where), 2);
    assert_int_equal(where, 3);
    assert_int_equal(select_one(s, 2, 100), 0);
    closesocket(s);
}

/*
 * Windows (Wine's test_select): a listening socket is readable when a
 * connection waits, and never writable; after the accept both ends of the
 * new connection are writable only.
 */
static void listener_is_readable_only_and_connection_writable(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    int where;
    assert_int_equal(select_all(l, 0, &where), 0);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ws2t_set_nonblocking(c, 1);
    int r = connect(c, (struct sockaddr *)&la, llen);
    assert_true(r == 0 || WSAGetLastError() == WSAEWOULDBLOCK);
    assert_int_equal(select_all(l, 5000, &where), 1);
    assert_int_equal(where, 1);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(select_all(c, 5000, &where), 1);
    assert_int_equal(where, 2);
    assert_int_equal(select_all(s, 5000, &where), 1);
    assert_int_equal(where, 2);
    assert_int_equal(select_all(l, 0, &where), 0);
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

/*
 * Windows (Wine's test_select): a socket listed twice in one set is
 * reported once and counted once, the entry after the new count left as it
 * was.
 */
static void socket_listed_twice_is_reported_once(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    fd_set w;
    w.fd_count = 2;
    w.fd_array[0] = c;
    w.fd_array[1] = c;
    struct timeval tv = {0, 0};
    assert_int_equal(select(0, NULL, &w, NULL, &tv), 1);
    assert_int_equal(w.fd_count, 1);
    assert_true(w.fd_array[0] == c);
    assert_true(w.fd_array[1] == c);

    assert_int_equal(send(c, "x", 1, 0), 1);
    assert_int_equal(select_one(s, 0, 5000), 1);
    fd_set r;
    r.fd_count = 3;
    r.fd_array[0] = s;
    r.fd_array[1] = c;
    r.fd_array[2] = s;
    assert_int_equal(select(0, &r, NULL, NULL, &tv), 1);
    assert_int_equal(r.fd_count, 1);
    assert_true(r.fd_array[0] == s);
    closesocket(c);
    closesocket(s);
}

/* select(0, set, set, NULL, 0) with set {a, b}; returns the count, *in tells who is in set. */
static int select_same_set(SOCKET a, SOCKET b, int *in)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(a, &set);
    FD_SET(b, &set);
    struct timeval tv = {0, 0};
    int n = select(0, &set, &set, NULL, &tv);
    *in = (FD_ISSET(a, &set) ? 1 : 0) | (FD_ISSET(b, &set) ? 2 : 0);
    assert_int_equal((int)set.fd_count, n);
    return n;
}

/*
 * Windows (Wine's test_select): one fd_set passed as both the read and the
 * write set holds each socket ready for either once, and the count is the
 * number of sockets in it — not the sum over the two sets.
 */
static void same_fd_set_as_read_and_write_set_counts_each_socket_once(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    fd_set one;
    FD_ZERO(&one);
    FD_SET(c, &one);
    struct timeval tv = {0, 0};
    assert_int_equal(select(0, &one, &one, NULL, &tv), 1);
    assert_true(FD_ISSET(c, &one));

    int in;
    assert_int_equal(select_same_set(c, s, &in), 2); /* both writable */
    assert_int_equal(in, 3);
    assert_int_equal(send(c, "test", 4, 0), 4);
    assert_int_equal(select_one(s, 0, 5000), 1);
    assert_int_equal(select_same_set(c, s, &in), 2); /* s readable and writable: once */
    assert_int_equal(in, 3);

    ws2t_fill_until_blocked(c); /* c neither readable nor writable now */
    assert_int_equal(select_same_set(c, s, &in), 1);
    assert_int_equal(in, 2);
    assert_int_equal(send(s, "test", 4, 0), 4);
    assert_int_equal(select_one(c, 0, 5000), 1);
    assert_int_equal(select_same_set(c, s, &in), 2);
    assert_int_equal(in, 3);
    closesocket(c);
    closesocket(s);
}

static void WINAPI count_apc(ULONG_PTR p)
{
    InterlockedIncrement((volatile LONG *)p);
}

/*
 * Windows (Wine's test_select): a select that finds a socket ready at once
 * runs no queued APC (the next alertable wait does); one that has to wait,
 * even for half a millisecond, runs it.
 */
static void select_ready_at_once_runs_no_apc(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    volatile LONG apcs = 0;
    assert_true(QueueUserAPC(count_apc, GetCurrentThread(), (ULONG_PTR)&apcs));
    fd_set w;
    FD_ZERO(&w);
    FD_SET(c, &w);
    struct timeval short_wait = {0, 500};
    assert_int_equal(select(0, NULL, &w, NULL, &short_wait), 1);
    assert_int_equal(ws2t_load(&apcs), 0);
    assert_int_equal(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(ws2t_load(&apcs), 1);

    assert_true(QueueUserAPC(count_apc, GetCurrentThread(), (ULONG_PTR)&apcs));
    fd_set r;
    FD_ZERO(&r);
    FD_SET(s, &r);
    assert_int_equal(select(0, &r, NULL, NULL, &short_wait), 0);
    assert_int_equal(ws2t_load(&apcs), 2);
    closesocket(c);
    closesocket(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fd_macros_on_a_counted_array),
        T(readable_on_data_pending_accept_and_eof),
        T(writable_after_connect_and_not_when_full),
        T(timeouts_are_honoured),
        T(empty_sets_and_non_sockets),
        T(count_is_per_set),
        T(exceptfds_on_oob_data),
        T(unconnected_tcp_socket_is_in_no_set),
        T(refused_connect_is_in_except_set_only),
        T(connect_in_progress_is_in_no_set_until_it_completes),
        T(listener_is_readable_only_and_connection_writable),
        T(reset_connection_is_readable_and_writable_not_exceptional),
        T(socket_listed_twice_is_reported_once),
        T(same_fd_set_as_read_and_write_set_counts_each_socket_once),
        T(select_ready_at_once_runs_no_apc),
    };
    return cmocka_run_group_tests_name("select", tests, NULL, NULL);
}
