/*
 * Sharing an address among this process's sockets, as Windows shares it.
 *
 * "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE" tabulates the second bind of
 * a port beside a first one (wildcard or specific address; no option,
 * SO_REUSEADDR or SO_EXCLUSIVEADDRUSE): success, WSAEADDRINUSE ("INUSE") or
 * WSAEACCES ("DENIED"); "CHECK", a check of the two sockets' owners, passes
 * for one process.  Observed on Windows 10 and 11 (Wine's conformance
 * tests, test_reuseaddr and test_ipv6only): a specific address binds and
 * listens beside a wildcard listener in either order, and takes the
 * connections for its address; two SO_REUSEADDR sockets both listen on one
 * address and every connection goes to the first bound that listens; an
 * IPv6 socket with IPV6_V6ONLY off on in6addr_any is refused beside IPv4
 * sockets only when exclusive.  Datagram sockets follow the same table.
 */
#include <string.h>

#include "testlib.h"

enum opt { NONE, REUSE, EXCL };
enum where { ANY, LOOP, V6ANY, V6LOOP, V6MAPPED_LOOP, V6MAPPED_ANY };

static SOCKET sock_with(int af, int type, enum opt opt, int v6only)
{
    SOCKET s = socket(af, type, type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP);
    assert_true(s != INVALID_SOCKET);
    BOOL on = TRUE;
    if (opt != NONE)
        assert_int_equal(setsockopt(s, SOL_SOCKET,
                                    opt == REUSE ? SO_REUSEADDR : SO_EXCLUSIVEADDRUSE,
                                    (const char *)&on, sizeof(on)),
                         0);
    if (af == AF_INET6) {
        DWORD v = (DWORD)v6only;
        assert_int_equal(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (const char *)&v, sizeof(v)), 0);
    }
    return s;
}

static int family_of(enum where w)
{
    return w == ANY || w == LOOP ? AF_INET : AF_INET6;
}

/* The address w with port (network order) in *a; its length. */
static int address(enum where w, unsigned short port, struct sockaddr_storage *a)
{
    memset(a, 0, sizeof(*a));
    if (family_of(w) == AF_INET) {
        struct sockaddr_in *v4 = (struct sockaddr_in *)a;
        v4->sin_family = AF_INET;
        v4->sin_port = port;
        v4->sin_addr.s_addr = htonl(w == LOOP ? INADDR_LOOPBACK : INADDR_ANY);
        return sizeof(*v4);
    }
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)a;
    v6->sin6_family = AF_INET6;
    v6->sin6_port = port;
    if (w == V6LOOP)
        v6->sin6_addr = in6addr_loopback;
    if (w == V6MAPPED_LOOP || w == V6MAPPED_ANY) {
        v6->sin6_addr.s6_addr[10] = v6->sin6_addr.s6_addr[11] = 0xff;
        if (w == V6MAPPED_LOOP) {
            v6->sin6_addr.s6_addr[12] = 127;
            v6->sin6_addr.s6_addr[15] = 1;
        }
    }
    return sizeof(*v6);
}

/* bind's result: 0 or the error. */
static int bind_at(SOCKET s, enum where w, unsigned short port)
{
    struct sockaddr_storage a;
    int len = address(w, port, &a);
    return bind(s, (struct sockaddr *)&a, len) == 0 ? 0 : WSAGetLastError();
}

static unsigned short port_of(SOCKET s)
{
    return htons(ws2t_local_port(s));
}

/*
 * A port no socket of any family or address uses now (other programs run
 * tests beside this one): Linux's choice for an IPv6 wildcard that also
 * takes IPv4.  Network order.
 */
static unsigned short free_port(void)
{
    SOCKET s = sock_with(AF_INET6, SOCK_STREAM, NONE, 0);
    assert_int_equal(bind_at(s, V6ANY, 0), 0);
    unsigned short port = port_of(s);
    closesocket(s);
    return port;
}

/*
 * Binds first to w on a port free everywhere, tried again if another program
 * takes it first: WSAEADDRINUSE, or WSAEACCES when that program's socket is
 * exclusive (SO_EXCLUSIVEADDRUSE) or this one is.
 */
static void bind_first(SOCKET first, enum where w)
{
    int got = WSAEADDRINUSE;
    for (int tries = 0; tries < 8 && (got == WSAEADDRINUSE || got == WSAEACCES); tries++)
        got = bind_at(first, w, free_port());
    assert_int_equal(got, 0);
}

/* Connects to w:port; which of the n listeners got the connection (its index), -1 if none. */
static int taker(SOCKET *listeners, int n, enum where w, unsigned short port)
{
    struct sockaddr_storage a;
    int len = address(w, port, &a);
    SOCKET c = socket(family_of(w), SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
    int got = -1;
    uint64_t end = ws2t_now_ms() + 5000;
    while (got < 0 && ws2t_now_ms() < end) {
        for (int i = 0; i < n && got < 0; i++) {
            if (listeners[i] == INVALID_SOCKET)
                continue;
            fd_set r;
            FD_ZERO(&r);
            FD_SET(listeners[i], &r);
            struct timeval zero = {0, 0};
            if (select(0, &r, NULL, NULL, &zero) == 1) {
                SOCKET s = accept(listeners[i], NULL, NULL);
                assert_true(s != INVALID_SOCKET);
                closesocket(s);
                got = i;
            }
        }
        if (got < 0)
            Sleep(5);
    }
    closesocket(c);
    return got;
}

/* Every one of several connections to w:port goes to listener expected. */
static void all_go_to(SOCKET *listeners, int n, enum where w, unsigned short port, int expected)
{
    for (int i = 0; i < 6; i++)
        assert_int_equal(taker(listeners, n, w, port), expected);
}

/* ---- A specific address beside a wildcard one ------------------------------------ */

static void specific_beside_wildcard(enum where wildcard, enum where specific, int wildcard_first)
{
    int af = family_of(wildcard);
    SOCKET l[2]; /* l[0] the wildcard listener, l[1] the specific one */
    unsigned short port = 0;
    for (int k = 0; k < 2; k++) {
        int i = wildcard_first ? k : 1 - k;
        l[i] = sock_with(af, SOCK_STREAM, NONE, 1);
        assert_int_equal(bind_at(l[i], i == 0 ? wildcard : specific, port), 0);
        assert_int_equal(listen(l[i], 8), 0);
        port = port_of(l[i]);
    }
    all_go_to(l, 2, specific, port, 1);
    closesocket(l[0]);
    closesocket(l[1]);
}

static void
specific_address_listens_beside_a_wildcard_listener_and_takes_its_connections(void **state)
{
    (void)state;
    specific_beside_wildcard(ANY, LOOP, 1);
    specific_beside_wildcard(ANY, LOOP, 0);
    specific_beside_wildcard(V6ANY, V6LOOP, 1);
    specific_beside_wildcard(V6ANY, V6LOOP, 0);
}

/* The same for datagrams: a datagram to the specific address is the specific socket's. */
static void udp_specific_address_beside_a_wildcard_receives_its_datagrams(void **state)
{
    (void)state;
    for (int wildcard_first = 0; wildcard_first < 2; wildcard_first++) {
        SOCKET u[2];
        unsigned short port = 0;
        for (int k = 0; k < 2; k++) {
            int i = wildcard_first ? k : 1 - k;
            u[i] = sock_with(AF_INET, SOCK_DGRAM, NONE, 1);
            assert_int_equal(bind_at(u[i], i == 0 ? ANY : LOOP, port), 0);
            port = port_of(u[i]);
        }
        SOCKET tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        struct sockaddr_storage a;
        int len = address(LOOP, port, &a);
        assert_int_equal(sendto(tx, "hi", 2, 0, (struct sockaddr *)&a, len), 2);
        char buf[8];
        DWORD ms = 3000;
        setsockopt(u[1], SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof(ms));
        assert_int_equal(recv(u[1], buf, sizeof(buf), 0), 2);
        u_long n = 1;
        assert_int_equal(ioctlsocket(u[0], FIONREAD, &n), 0);
        assert_int_equal(n, 0);
        closesocket(tx);
        closesocket(u[0]);
        closesocket(u[1]);
    }
}

/* ---- SO_REUSEADDR listeners on one address ---------------------------------------- */

static SOCKET reuse_bound(unsigned short *port)
{
    SOCKET s = sock_with(AF_INET, SOCK_STREAM, REUSE, 1);
    assert_int_equal(bind_at(s, LOOP, *port), 0);
    *port = port_of(s);
    return s;
}

/* Wine's sequence: four sockets bound in turn, the first bound that listens takes them all. */
static void reuseaddr_listeners_share_an_address_and_the_first_bound_takes_connections(void **state)
{
    (void)state;
    unsigned short port = 0;
    SOCKET s[4];
    s[0] = reuse_bound(&port);
    s[1] = reuse_bound(&port);
    assert_int_equal(listen(s[0], 8), 0);
    assert_int_equal(listen(s[1], 8), 0);
    s[2] = s[3] = INVALID_SOCKET;
    all_go_to(s, 4, LOOP, port, 0);

    closesocket(s[0]);
    s[0] = INVALID_SOCKET;
    s[2] = reuse_bound(&port);
    all_go_to(s, 4, LOOP, port, 1);

    closesocket(s[1]);
    s[1] = INVALID_SOCKET;
    s[3] = reuse_bound(&port);
    assert_int_equal(listen(s[2], 8), 0);
    all_go_to(s, 4, LOOP, port, 2);

    closesocket(s[2]);
    s[2] = INVALID_SOCKET;
    assert_int_equal(listen(s[3], 8), 0);
    all_go_to(s, 4, LOOP, port, 3);
    closesocket(s[3]);
}

/* Three listening: when the first closes, the second (not the last) takes over. */
static void after_the_first_of_three_listeners_closes_the_second_takes_connections(void **state)
{
    (void)state;
    unsigned short port = 0;
    SOCKET s[3];
    for (int i = 0; i < 3; i++)
        s[i] = reuse_bound(&port);
    for (int i = 0; i < 3; i++)
        assert_int_equal(listen(s[i], 8), 0);
    all_go_to(s, 3, LOOP, port, 0);
    closesocket(s[0]);
    s[0] = INVALID_SOCKET;
    all_go_to(s, 3, LOOP, port, 1);
    closesocket(s[1]);
    s[1] = INVALID_SOCKET;
    all_go_to(s, 3, LOOP, port, 2);
    closesocket(s[2]);
}

/* ---- The table --------------------------------------------------------------- */

#define OK     0
#define INUSE  WSAEADDRINUSE
#define DENIED WSAEACCES

/* [second opt][second specific][first opt][first specific], "CHECK" as OK. */
static const int windows_table[3][2][3][2] = {
    {{{INUSE, OK}, {INUSE, OK}, {INUSE, OK}}, {{OK, INUSE}, {OK, DENIED}, {DENIED, INUSE}}},
    {{{DENIED, OK}, {OK, OK}, {DENIED, OK}}, {{OK, DENIED}, {OK, OK}, {DENIED, DENIED}}},
    {{{INUSE, INUSE}, {INUSE, INUSE}, {INUSE, INUSE}}, {{OK, INUSE}, {OK, INUSE}, {DENIED, INUSE}}},
};

static void second_bind_as_tabulated(int type, int first_listens)
{
    for (int fo = NONE; fo <= EXCL; fo++)
        for (int fs = 0; fs < 2; fs++)
            for (int so = NONE; so <= EXCL; so++)
                for (int ss = 0; ss < 2; ss++) {
                    SOCKET first = sock_with(AF_INET, type, (enum opt)fo, 1);
                    bind_first(first, fs ? LOOP : ANY);
                    if (first_listens)
                        assert_int_equal(listen(first, 8), 0);
                    SOCKET second = sock_with(AF_INET, type, (enum opt)so, 1);
                    int got = bind_at(second, ss ? LOOP : ANY, port_of(first));
                    closesocket(second);
                    closesocket(first);
                    int expected = windows_table[so][ss][fo][fs];
                    if (got != expected)
                        fail_msg("%s%s: first opt %d %s, second opt %d %s: got %d, expected %d",
                                 type == SOCK_STREAM ? "TCP" : "UDP",
                                 first_listens ? " (listening)" : "", fo,
                                 fs ? "specific" : "wildcard", so, ss ? "specific" : "wildcard",
                                 got, expected);
                }
}

static void tcp_second_bind_beside_a_bound_socket_answers_as_the_table(void **state)
{
    (void)state;
    second_bind_as_tabulated(SOCK_STREAM, 0);
}

static void tcp_second_bind_beside_a_listener_answers_as_the_table(void **state)
{
    (void)state;
    second_bind_as_tabulated(SOCK_STREAM, 1);
}

static void udp_second_bind_answers_as_the_table(void **state)
{
    (void)state;
    second_bind_as_tabulated(SOCK_DGRAM, 0);
}

/* Across families, IPv6 sockets with IPV6_V6ONLY off (observed on Windows 10 and 11). */
struct cross_case {
    enum where first;
    int first_excl;
    enum where second;
    int second_excl;
    int expected;
};

static const struct cross_case cross_cases[] = {
    {ANY, 1, LOOP, 0, DENIED},
    {V6ANY, 1, LOOP, 0, DENIED},
    {ANY, 0, LOOP, 1, OK},
    {ANY, 1, LOOP, 1, DENIED},
    {LOOP, 1, ANY, 0, OK},
    {LOOP, 0, ANY, 1, INUSE},
    {LOOP, 0, V6ANY, 1, INUSE},
    {V6LOOP, 0, ANY, 1, OK},
    {V6LOOP, 1, LOOP, 1, OK},
    {V6MAPPED_LOOP, 0, ANY, 1, INUSE},
    {V6ANY, 1, ANY, 0, DENIED},
    {V6ANY, 0, ANY, 1, OK},
    {ANY, 0, ANY, 1, INUSE},
    {ANY, 0, ANY, 0, INUSE},
    {V6ANY, 0, ANY, 0, OK},
    {V6MAPPED_ANY, 0, ANY, 0, INUSE},
    {V6MAPPED_LOOP, 0, LOOP, 0, INUSE},
    {LOOP, 0, V6MAPPED_LOOP, 0, INUSE},
    {LOOP, 1, LOOP, 0, INUSE},
    {LOOP, 0, LOOP, 1, INUSE},
};

static void exclusive_binds_across_families_answer_as_windows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cross_cases) / sizeof(cross_cases[0]); i++) {
        const struct cross_case *k = &cross_cases[i];
        SOCKET first = sock_with(family_of(k->first), SOCK_STREAM, k->first_excl ? EXCL : NONE, 0);
        SOCKET second =
            sock_with(family_of(k->second), SOCK_STREAM, k->second_excl ? EXCL : NONE, 0);
        bind_first(first, k->first);
        int got = bind_at(second, k->second, port_of(first));
        closesocket(first);
        closesocket(second);
        if (got != k->expected)
            fail_msg("case %zu: got %d, expected %d", i, got, k->expected);
    }
}

/* test_ipv6only: IPv6 any exclusive, IPV6_V6ONLY off; an IPv4 SO_REUSEADDR bind of any is denied.
 */
static void reuseaddr_ipv4_beside_an_exclusive_dual_stack_wildcard_is_denied(void **state)
{
    (void)state;
    SOCKET v6 = sock_with(AF_INET6, SOCK_STREAM, EXCL, 0);
    assert_int_equal(bind_at(v6, V6ANY, 0), 0);
    SOCKET v4 = sock_with(AF_INET, SOCK_STREAM, REUSE, 1);
    assert_int_equal(bind_at(v4, ANY, port_of(v6)), WSAEACCES);
    closesocket(v4);
    closesocket(v6);
}

/* ---- Options ----------------------------------------------------------------- */

static void reuseaddr_and_exclusiveaddruse_exclude_each_other(void **state)
{
    (void)state;
    BOOL on = TRUE, off = FALSE;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof(on)), 0);
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&on, sizeof(on)),
                     -1);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&off, sizeof(off)), 0);
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&on, sizeof(on)),
                     0);
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof(on)), -1);
    assert_wsa_error(WSAEINVAL);
    closesocket(s);
}

static void accepted_socket_reads_its_listeners_reuseaddr(void **state)
{
    (void)state;
    for (int opt = 0; opt < 2; opt++) {
        SOCKET l = sock_with(AF_INET, SOCK_STREAM, opt ? REUSE : NONE, 1);
        assert_int_equal(bind_at(l, LOOP, 0), 0);
        assert_int_equal(listen(l, 1), 0);
        struct sockaddr_storage a;
        int len = address(LOOP, port_of(l), &a);
        SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
        SOCKET s = accept(l, NULL, NULL);
        assert_true(s != INVALID_SOCKET);
        DWORD value = 0xdeadbeef;
        int size = sizeof(value);
        assert_int_equal(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&value, &size), 0);
        assert_int_equal(value, opt);
        closesocket(s);
        closesocket(c);
        closesocket(l);
    }
}

/* ---- Racing binds ------------------------------------------------------------- */

#define RACERS 12

struct race {
    HANDLE go;
    unsigned short port;
    volatile LONG won, lost_inuse;
    SOCKET s[RACERS];
};

static DWORD WINAPI racer(LPVOID arg)
{
    struct race *r = arg;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WaitForSingleObject(r->go, INFINITE);
    int got = bind_at(s, LOOP, r->port);
    if (got == 0)
        InterlockedIncrement(&r->won);
    else if (got == WSAEADDRINUSE)
        InterlockedIncrement(&r->lost_inuse);
    for (int i = 0; i < RACERS; i++)
        if (InterlockedCompareExchangePointer((PVOID *)&r->s[i], (PVOID)s, NULL) == NULL)
            break;
    return 0;
}

/* A port whose last connection is in TIME_WAIT (its server side closed first). */
static unsigned short port_in_time_wait(void)
{
    SOCKET l = sock_with(AF_INET, SOCK_STREAM, NONE, 1);
    assert_int_equal(bind_at(l, LOOP, 0), 0);
    assert_int_equal(listen(l, 1), 0);
    unsigned short port = port_of(l);
    struct sockaddr_storage a;
    int len = address(LOOP, port, &a);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
    SOCKET s = accept(l, NULL, NULL);
    unsigned short client = ws2t_local_port(c);
    closesocket(s);
    char b;
    assert_int_equal(recv(c, &b, 1, 0), 0);
    closesocket(c);
    closesocket(l);
    uint64_t end = ws2t_now_ms() + 5000;
    while (!ws2t_time_wait(ntohs(port), client) && ws2t_now_ms() < end)
        Sleep(10);
    return port;
}

/* Binds without options racing for a port that only TIME_WAIT holds: exactly one wins. */
static void binds_racing_for_one_port_leave_one_winner(void **state)
{
    (void)state;
    for (int round = 0; round < 100; round++) {
        struct race r;
        memset(&r, 0, sizeof(r));
        r.go = CreateEventA(NULL, TRUE, FALSE, NULL);
        r.port = port_in_time_wait();
        HANDLE t[RACERS];
        for (int i = 0; i < RACERS; i++)
            t[i] = ws2t_thread(racer, &r);
        Sleep(20);
        SetEvent(r.go);
        for (int i = 0; i < RACERS; i++)
            ws2t_join(t[i]);
        for (int i = 0; i < RACERS; i++)
            closesocket(r.s[i]);
        CloseHandle(r.go);
        assert_int_equal(r.won, 1);
        assert_int_equal(r.lost_inuse, RACERS - 1);
    }
}

#define T(f) cmocka_unit_test_setup_teardown(f, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(specific_address_listens_beside_a_wildcard_listener_and_takes_its_connections),
        T(udp_specific_address_beside_a_wildcard_receives_its_datagrams),
        T(reuseaddr_listeners_share_an_address_and_the_first_bound_takes_connections),
        T(after_the_first_of_three_listeners_closes_the_second_takes_connections),
        T(tcp_second_bind_beside_a_bound_socket_answers_as_the_table),
        T(tcp_second_bind_beside_a_listener_answers_as_the_table),
        T(udp_second_bind_answers_as_the_table),
        T(exclusive_binds_across_families_answer_as_windows),
        T(reuseaddr_ipv4_beside_an_exclusive_dual_stack_wildcard_is_denied),
        T(reuseaddr_and_exclusiveaddruse_exclude_each_other),
        T(accepted_socket_reads_its_listeners_reuseaddr),
        T(binds_racing_for_one_port_leave_one_winner),
    };
    return cmocka_run_group_tests_name("bind_share", tests, NULL, NULL);
}
