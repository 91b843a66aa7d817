/*
 * select and WSAPoll waiting on sockets whose Windows answer is "nothing"
 * while Linux's poll answers "ready" for good (a TCP socket neither
 * connected nor listening, one whose connect was refused): the call sleeps
 * without using the processor, and ends as soon as another thread changes
 * the socket (connects it, makes it listen, closes it), long before its
 * time-out.  Windows waits on such a socket in its driver and wakes on the
 * change; a wait that looks at the socket again every few milliseconds
 * would answer the same but cost every program that selects on an idle
 * socket a wake-up each time.
 *
 * A sleeping thread blocks once per wake-up (a voluntary context switch,
 * getrusage): a wait of a second that polls every 50 ms blocks some twenty
 * times, one woken by the change a handful at most.  Timing bounds are
 * generous: the machine is loaded.
 *
 * Also: select over a few hundred sockets, each listed twice and one set
 * passed twice, reports each ready socket once, in the order listed.
 */
#include <string.h>

#include "testlib.h"

/* How long the other thread lets the call wait before it acts. */
#define ACT_AFTER_MS 1000
/* The call's time-out, far beyond it: the call must end by the action. */
#define LONG_WAIT_MS 10000
/* Blocks allowed during one such wait (polling every 50 ms would block about 20 times). */
#define MAX_SLEEPS 8
/* Processor time allowed for the whole wait (ms): nothing is done while nothing changes. */
#define MAX_CPU_MS 50.0

enum action { ACT_CONNECT, ACT_LISTEN_THEN_CONNECT, ACT_CLOSE };

struct actor {
    enum action what;
    SOCKET s;                   /* the socket the waiting call is on */
    struct sockaddr_storage to; /* where ACT_CONNECT connects it; ACT_LISTEN_...: its own name */
    int tolen;
    SOCKET client; /* ACT_LISTEN_THEN_CONNECT: the connection made to s */
    int result;
    int error;
};

static DWORD WINAPI act(LPVOID p)
{
    struct actor *a = p;
    Sleep(ACT_AFTER_MS);
    switch (a->what) {
    case ACT_CONNECT: a->result = connect(a->s, (struct sockaddr *)&a->to, a->tolen); break;
    case ACT_LISTEN_THEN_CONNECT:
        a->result = listen(a->s, 1);
        if (a->result == 0) {
            Sleep(200); /* the waiting call now waits for a connection */
            a->client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            a->result = connect(a->client, (struct sockaddr *)&a->to, a->tolen);
        }
        break;
    case ACT_CLOSE: a->result = closesocket(a->s); break;
    }
    a->error = a->result ? WSAGetLastError() : 0;
    return 0;
}

/* How long a call waited, how often its thread blocked, and its processor time. */
struct waited {
    uint64_t t0, ms;
    long sleeps0, sleeps;
    double cpu0, cpu_ms;
};

static void wait_begin(struct waited *w)
{
    ws2t_thread_usage(&w->sleeps0, &w->cpu0);
    w->t0 = ws2t_now_ms();
}

static void wait_end(struct waited *w)
{
    w->ms = ws2t_now_ms() - w->t0;
    long sleeps;
    double cpu;
    ws2t_thread_usage(&sleeps, &cpu);
    w->sleeps = sleeps - w->sleeps0;
    w->cpu_ms = cpu - w->cpu0;
}

/* The call waited for the other thread, ended by its action, and slept meanwhile. */
static void assert_woken_by_the_action(const struct waited *w)
{
    print_message("waited %llu ms, blocked %ld times, %.2f ms of processor time\n",
                  (unsigned long long)w->ms, w->sleeps, w->cpu_ms);
    assert_true(w->ms >= ACT_AFTER_MS - 100);
    assert_true(w->ms < ACT_AFTER_MS + 4000); /* long before the 10 s time-out */
    assert_true(w->sleeps <= MAX_SLEEPS);
    assert_true(w->cpu_ms < MAX_CPU_MS);
}

static struct timeval tv_ms(long ms)
{
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    return tv;
}

/* A loopback TCP port with nothing listening on it (kept bound by *holder, so refused). */
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

/* select on s in all three sets for LONG_WAIT_MS; the count, and which sets hold s (1, 2, 4). */
static int select_all_long(SOCKET s, int *where, struct waited *w)
{
    fd_set r, e, wr;
    memset(&r, 0, sizeof(r)); /* whole: GCC's -Og cannot see that FD_ZERO is enough */
    memset(&wr, 0, sizeof(wr));
    memset(&e, 0, sizeof(e));
    FD_ZERO(&r);
    FD_ZERO(&wr);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &wr);
    FD_SET(s, &e);
    struct timeval tv = tv_ms(LONG_WAIT_MS);
    wait_begin(w);
    int n = select(0, &r, &wr, &e, &tv);
    wait_end(w);
    *where = (FD_ISSET(s, &r) ? 1 : 0) | (FD_ISSET(s, &wr) ? 2 : 0) | (FD_ISSET(s, &e) ? 4 : 0);
    return n;
}

/*
 * A new TCP socket is in no set (Windows, Wine's test_select); a select on
 * it sleeps until another thread connects it, and then reports it
 * writable at once — the connect's success (select.md, writefds).
 */
static void select_on_a_new_socket_sleeps_until_another_thread_connects_it(void **state)
{
    (void)state;
    struct actor a = {.what = ACT_CONNECT, .tolen = sizeof(a.to)};
    SOCKET l = ws2t_listener(AF_INET, &a.to, &a.tolen);
    a.s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE t = ws2t_thread(act, &a);
    struct waited w;
    int where = 0;
    int n = select_all_long(a.s, &where, &w);
    ws2t_join(t);
    assert_int_equal(a.result, 0);
    assert_int_equal(n, 1);
    assert_int_equal(where, 2);
    assert_woken_by_the_action(&w);
    closesocket(a.s);
    closesocket(l);
}

/*
 * A bound socket is in no set either; made to listen by another thread it
 * is readable when a connection comes (select.md, readfds: "If listen has
 * been called and a connection is pending, accept will succeed").
 */
static void select_on_a_bound_socket_sleeps_until_it_listens_and_a_connection_comes(void **state)
{
    (void)state;
    struct actor a = {.what = ACT_LISTEN_THEN_CONNECT, .client = INVALID_SOCKET};
    a.s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in *me = (struct sockaddr_in *)&a.to;
    me->sin_family = AF_INET;
    me->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(a.s, (struct sockaddr *)me, sizeof(*me)), 0);
    a.tolen = sizeof(a.to);
    assert_int_equal(getsockname(a.s, (struct sockaddr *)&a.to, &a.tolen), 0);
    HANDLE t = ws2t_thread(act, &a);
    fd_set r;
    memset(&r, 0, sizeof(r));
    FD_ZERO(&r);
    FD_SET(a.s, &r);
    struct timeval tv = tv_ms(LONG_WAIT_MS);
    struct waited w;
    wait_begin(&w);
    int n = select(0, &r, NULL, NULL, &tv);
    wait_end(&w);
    ws2t_join(t);
    assert_int_equal(a.result, 0);
    assert_int_equal(n, 1);
    assert_true(FD_ISSET(a.s, &r));
    assert_woken_by_the_action(&w);
    SOCKET s = accept(a.s, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    closesocket(s);
    closesocket(a.client);
    closesocket(a.s);
}

/*
 * Closing a socket a select waits on ends the select with WSAEINTR
 * (Windows Sockets 2 specification, 2.7) — for a socket in no set too, and
 * at once.
 */
static void select_on_a_new_socket_ends_at_once_when_another_thread_closes_it(void **state)
{
    (void)state;
    struct actor a = {.what = ACT_CLOSE};
    a.s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE t = ws2t_thread(act, &a);
    struct waited w;
    int where = 0;
    int n = select_all_long(a.s, &where, &w);
    int error = WSAGetLastError();
    ws2t_join(t);
    assert_int_equal(a.result, 0);
    assert_int_equal(n, SOCKET_ERROR);
    assert_int_equal(error, WSAEINTR);
    assert_woken_by_the_action(&w);
}

/*
 * A socket whose connect was refused is in the except set only, until the
 * next connect (Windows, Wine's test_select): a select for writing alone
 * sleeps until another thread connects it again, then reports it.
 */
static void select_on_a_refused_socket_sleeps_until_it_connects_again(void **state)
{
    (void)state;
    SOCKET holder;
    struct sockaddr_in refused = refusing_port(&holder);
    struct actor a = {.what = ACT_CONNECT, .tolen = sizeof(a.to)};
    SOCKET l = ws2t_listener(AF_INET, &a.to, &a.tolen);
    a.s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(a.s, (struct sockaddr *)&refused, sizeof(refused)), SOCKET_ERROR);
    assert_wsa_error(WSAECONNREFUSED);
    HANDLE t = ws2t_thread(act, &a);
    fd_set wr;
    memset(&wr, 0, sizeof(wr));
    FD_ZERO(&wr);
    FD_SET(a.s, &wr);
    struct timeval tv = tv_ms(LONG_WAIT_MS);
    struct waited w;
    wait_begin(&w);
    int n = select(0, NULL, &wr, NULL, &tv);
    wait_end(&w);
    ws2t_join(t);
    assert_int_equal(a.result, 0);
    assert_int_equal(n, 1);
    assert_true(FD_ISSET(a.s, &wr));
    assert_woken_by_the_action(&w);
    closesocket(a.s);
    closesocket(l);
    closesocket(holder);
}

/*
 * WSAPoll: a TCP socket neither connected nor listening reports nothing
 * (Windows, Wine's test_WSAPoll); the call sleeps until another thread
 * connects it, then reports POLLWRNORM alone.
 */
static void wsapoll_on_a_new_socket_sleeps_until_another_thread_connects_it(void **state)
{
    (void)state;
    struct actor a = {.what = ACT_CONNECT, .tolen = sizeof(a.to)};
    SOCKET l = ws2t_listener(AF_INET, &a.to, &a.tolen);
    a.s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE t = ws2t_thread(act, &a);
    WSAPOLLFD p = {.fd = a.s, .events = POLLRDNORM | POLLWRNORM};
    struct waited w;
    wait_begin(&w);
    int n = WSAPoll(&p, 1, LONG_WAIT_MS);
    wait_end(&w);
    ws2t_join(t);
    assert_int_equal(a.result, 0);
    assert_int_equal(n, 1);
    assert_int_equal(p.revents, POLLWRNORM);
    assert_woken_by_the_action(&w);
    closesocket(a.s);
    closesocket(l);
}

/* WSAPoll on a socket closed meanwhile: POLLNVAL, counted, at once. */
static void wsapoll_on_a_new_socket_ends_at_once_when_another_thread_closes_it(void **state)
{
    (void)state;
    struct actor a = {.what = ACT_CLOSE};
    a.s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE t = ws2t_thread(act, &a);
    WSAPOLLFD p = {.fd = a.s, .events = POLLRDNORM | POLLWRNORM};
    struct waited w;
    wait_begin(&w);
    int n = WSAPoll(&p, 1, LONG_WAIT_MS);
    wait_end(&w);
    ws2t_join(t);
    assert_int_equal(a.result, 0);
    assert_int_equal(n, 1);
    assert_int_equal(p.revents, POLLNVAL);
    assert_woken_by_the_action(&w);
}

/*
 * An application may raise FD_SETSIZE (winsock2.h: "The default value of
 * FD_SETSIZE is 64, which can be modified by defining FD_SETSIZE to another
 * value before including Winsock2.h"); fd_set is then a longer counted
 * array.  Over a few hundred sockets the rules of a short set hold: a
 * socket listed twice is there once and counts once, one set passed as the
 * read and the write set holds each ready socket once, in the order listed.
 */
#define MANY 400
struct big_set {
    u_int fd_count;
    SOCKET fd_array[2 * MANY];
};

static void select_over_many_sockets_reports_each_once_in_order(void **state)
{
    (void)state;
    static SOCKET s[MANY];
    for (int i = 0; i < MANY; i++) {
        s[i] = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP); /* writable at once */
        assert_true(s[i] != INVALID_SOCKET);
    }
    static struct big_set w, one;
    w.fd_count = 0;
    for (int i = 0; i < MANY; i++) {
        w.fd_array[w.fd_count++] = s[i];
        w.fd_array[w.fd_count++] = s[MANY - 1 - i]; /* every socket twice, in two orders */
    }
    struct timeval tv = {0, 0};
    assert_int_equal(select(0, NULL, (fd_set *)&w, NULL, &tv), MANY);
    assert_int_equal(w.fd_count, MANY);
    /* The order of first listing: s[0], s[MANY-1], s[1], s[MANY-2], ... */
    for (int i = 0; i < MANY / 2; i++) {
        assert_true(w.fd_array[2 * i] == s[i]);
        assert_true(w.fd_array[2 * i + 1] == s[MANY - 1 - i]);
    }

    one.fd_count = 0;
    for (int i = 0; i < MANY; i++)
        one.fd_array[one.fd_count++] = s[i];
    assert_int_equal(select(0, (fd_set *)&one, (fd_set *)&one, NULL, &tv), MANY);
    assert_int_equal(one.fd_count, MANY);
    for (int i = 0; i < MANY; i++)
        assert_true(one.fd_array[i] == s[i]);
    for (int i = 0; i < MANY; i++)
        closesocket(s[i]);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(select_on_a_new_socket_sleeps_until_another_thread_connects_it),
        T(select_on_a_bound_socket_sleeps_until_it_listens_and_a_connection_comes),
        T(select_on_a_new_socket_ends_at_once_when_another_thread_closes_it),
        T(select_on_a_refused_socket_sleeps_until_it_connects_again),
        T(wsapoll_on_a_new_socket_sleeps_until_another_thread_connects_it),
        T(wsapoll_on_a_new_socket_ends_at_once_when_another_thread_closes_it),
        T(select_over_many_sockets_reports_each_once_in_order),
    };
    return cmocka_run_group_tests_name("select_wake", tests, NULL, NULL);
}
