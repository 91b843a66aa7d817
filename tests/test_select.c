/*
 * select over Windows fd_sets, and WSAPoll, through the public API.  Each
 * test names the sentence of Microsoft's documentation (select.md, fd_set,
 * WSAPoll.md, WSAPOLLFD) that it checks.
 *
 * Timing bounds are generous: "at once" is under 1 s, a wait of t ms lasts
 * between t - 50 ms and t + 2 s.
 */
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
    closesocket(c);
    closesocket(s);
}

static int poll_one(SOCKET s, SHORT events, INT timeout, SHORT *revents)
{
    WSAPOLLFD p = {s, events, (SHORT)0x7777};
    int n = WSAPoll(&p, 1, timeout);
    *revents = p.revents;
    return n;
}

/*
 * WSAPOLLFD: POLLRDNORM "Normal data may be read without blocking",
 * POLLWRNORM "Normal data may be written without blocking", POLLHUP "A
 * stream-oriented connection was either disconnected or aborted"; "For
 * sockets that do not satisfy the status query, and have no error, the
 * revents member is set to zero upon return."  WSAPoll.md: returns "The
 * number of elements in fdarray for which an revents member of the POLLFD
 * structure is nonzero."
 */
static void wsapoll_reports_read_write_hangup(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SHORT re;
    assert_int_equal(poll_one(s, POLLRDNORM, 0, &re), 0);
    assert_int_equal(re, 0);
    assert_int_equal(poll_one(s, POLLWRNORM, 0, &re), 1);
    assert_int_equal(re, POLLWRNORM);
    assert_int_equal(send(c, "abc", 3, 0), 3);
    assert_int_equal(poll_one(s, POLLIN, 5000, &re), 1);
    assert_int_equal(re, POLLRDNORM);

    WSAPOLLFD two[2] = {{s, POLLRDNORM | POLLWRNORM, 0}, {c, POLLRDNORM, 0}};
    assert_int_equal(WSAPoll(two, 2, 0), 1);
    assert_int_equal(two[0].revents, POLLRDNORM | POLLWRNORM);
    assert_int_equal(two[1].revents, 0);

    char b[4];
    assert_int_equal(recv(s, b, sizeof(b), 0), 3);
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(poll_one(s, POLLRDNORM, 5000, &re), 1);
    assert_true(re & POLLHUP);
    closesocket(s);

    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    assert_int_equal(poll_one(l, POLLRDNORM, 0, &re), 0);
    c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    assert_int_equal(poll_one(l, POLLRDNORM, 5000, &re), 1);
    assert_int_equal(re, POLLRDNORM);
    closesocket(c);
    closesocket(l);
}

/*
 * WSAPOLLFD: POLLNVAL "An invalid socket was used"; fd "is ignored if set
 * to a negative value".  WSAPoll.md, WSAEINVAL: "returned if none of the
 * sockets specified in the fd member of any of the WSAPOLLFD structures
 * pointed to by the fdarray parameter were valid."
 */
static void wsapoll_invalid_entries(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET dead = socket(AF_INET, SOCK_STREAM, 0);
    closesocket(dead);
    WSAPOLLFD p[3] = {
        {dead, POLLRDNORM, 0x55}, {s, POLLRDNORM, 0x55}, {INVALID_SOCKET, POLLRDNORM, 0x55}};
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(WSAPoll(p, 3, 2000), 1);
    assert_true(ws2t_now_ms() - t0 < 1000); /* an invalid entry answers at once */
    assert_int_equal(p[0].revents, POLLNVAL);
    assert_int_equal(p[1].revents, 0);
    assert_int_equal(p[2].revents, 0);

    /* A negative entry alone does not end the wait. */
    WSAPOLLFD q[2] = {{INVALID_SOCKET, POLLRDNORM, 0x55}, {s, POLLRDNORM, 0x55}};
    t0 = ws2t_now_ms();
    assert_int_equal(WSAPoll(q, 2, 200), 0);
    assert_true(ws2t_now_ms() - t0 >= 150);
    assert_int_equal(q[0].revents, 0);

    WSAPOLLFD none[2] = {{dead, POLLRDNORM, 0}, {INVALID_SOCKET, POLLRDNORM, 0}};
    assert_fails(WSAPoll(none, 2, 0), WSAEINVAL);
    assert_fails(WSAPoll(p, 0, 0), WSAEINVAL);
    closesocket(c);
    closesocket(s);
}

/*
 * WSAPoll.md: "The WSAPOLLFD structures pointed to by the fdarray parameter
 * must only contain a combination of the above flags that are supported by
 * the Winsock provider. Any other values are considered errors and WSAPoll
 * will return SOCKET_ERROR ... WSAEINVAL"; POLLPRI "is not supported by the
 * Microsoft Winsock provider"; WSAEFAULT "An exception occurred while
 * reading user input parameters" (no array).
 */
static void wsapoll_bad_arguments(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SHORT bad[] = {(SHORT)0x8000,      POLLERR, POLLHUP, POLLNVAL, POLLPRI, POLLWRBAND,
                   POLLRDNORM | 0x1000};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        WSAPOLLFD p[2] = {{c, POLLWRNORM, 0}, {s, bad[i], 0}};
        assert_fails(WSAPoll(p, 2, 0), WSAEINVAL);
    }
    /* WSAEINVAL: "This error is returned if the fdarray parameter contains a NULL pointer"
     * (WSAPoll docs; Windows 10 answers WSAPoll(NULL, 0, t) so, NLnetLabs/unbound#1251). */
    assert_fails(WSAPoll(NULL, 1, 0), WSAEINVAL);
    /* The flags that are allowed are accepted, alone or together. */
    SHORT good[] = {POLLRDNORM, POLLRDBAND, POLLIN, POLLWRNORM, POLLOUT, POLLIN | POLLOUT};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        WSAPOLLFD p = {s, good[i], 0};
        assert_true(WSAPoll(&p, 1, 0) >= 0);
    }
    closesocket(c);
    closesocket(s);
}

/* WSAPoll.md, timeout: "Greater than zero: The time, in milliseconds, to wait. Zero: Return
 * immediately. Less than zero: Wait indefinitely." */
static void wsapoll_timeouts(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET6, &c, &s);
    SHORT re;
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(poll_one(s, POLLRDNORM, 0, &re), 0);
    assert_true(ws2t_now_ms() - t0 < 1000);
    t0 = ws2t_now_ms();
    assert_int_equal(poll_one(s, POLLRDNORM, 250, &re), 0);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 200);
    assert_true(took < 2250);

    struct late_sender w = {c, 300};
    HANDLE t = CreateThread(NULL, 0, send_late, &w, 0, NULL);
    t0 = ws2t_now_ms();
    assert_int_equal(poll_one(s, POLLRDNORM, -1, &re), 1);
    assert_true(ws2t_now_ms() - t0 >= 250);
    assert_int_equal(re, POLLRDNORM);
    assert_int_equal(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    CloseHandle(t);
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
        T(wsapoll_reports_read_write_hangup),
        T(wsapoll_invalid_entries),
        T(wsapoll_bad_arguments),
        T(wsapoll_timeouts),
    };
    return cmocka_run_group_tests_name("select", tests, NULL, NULL);
}
