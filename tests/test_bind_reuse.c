/*
 * Binding a port again: Windows lets a socket bind (and listen on) a port
 * whose old connections are in TIME_WAIT, or still open after their listener
 * closed, with no option set (KB 307175: "In Windows 2000, the bind()
 * function is returned successfully. If you set SO_REUSADDR to False, the
 * bind() function is still returned successfully").  Live sockets keep their
 * port as "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE" tabulates (Windows
 * Server 2003 and later, same user): a second bind of the same address fails
 * with WSAEADDRINUSE, or WSAEACCES when it asks to share with SO_REUSEADDR
 * and the first socket did not allow it; two sockets that both set
 * SO_REUSEADDR share, listening or not.  The live-socket rules hold across
 * processes (where Linux decides for the other process's sockets).
 *
 * Other programs run at the same time (ctest -j): a port in TIME_WAIT is
 * free for them as well, and Linux hands a port it chose for one connect to
 * other connects too (to other destinations).  A bind that must succeed
 * over TIME_WAIT and fails because another program's live socket took the
 * port meanwhile (taken_meanwhile) is played again on a new port; the
 * assertion is the same, on a port no one else took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

enum opt { OPT_NONE, OPT_REUSE, OPT_EXCLUSIVE };

static SOCKET tcp_with(int af, enum opt opt)
{
    SOCKET s = socket(af, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    BOOL on = TRUE;
    if (opt != OPT_NONE)
        assert_int_equal(setsockopt(s, SOL_SOCKET,
                                    opt == OPT_REUSE ? SO_REUSEADDR : SO_EXCLUSIVEADDRUSE,
                                    (const char *)&on, sizeof(on)),
                         0);
    return s;
}

/* The loopback address of af with port (network order) in *a; its length. */
static int loopback(int af, unsigned short port, struct sockaddr_storage *a)
{
    memset(a, 0, sizeof(*a));
    if (af == AF_INET6) {
        struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)a;
        v6->sin6_family = AF_INET6;
        v6->sin6_addr = in6addr_loopback;
        v6->sin6_port = port;
        return sizeof(*v6);
    }
    struct sockaddr_in *v4 = (struct sockaddr_in *)a;
    v4->sin_family = AF_INET;
    v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    v4->sin_port = port;
    return sizeof(*v4);
}

static unsigned short port_of(const struct sockaddr_storage *a)
{
    return ((const struct sockaddr_in *)a)->sin_port; /* sin6_port is at the same place */
}

/* bind's result: 0, or the error. */
static int bind_to(SOCKET s, int af, unsigned short port)
{
    struct sockaddr_storage a;
    int len = loopback(af, port, &a);
    return bind(s, (struct sockaddr *)&a, len) == 0 ? 0 : WSAGetLastError();
}

/* How often a scenario is played when another program takes its port meanwhile. */
#define ATTEMPTS 5

/*
 * Whether a bind or listen on port (network order) that failed with error
 * met a live socket of another program: Linux's own bind with SO_REUSEADDR,
 * which passes TIME_WAIT and nothing else, fails too.  Windows would refuse
 * such a port as well; it says nothing of our rules.
 */
static int taken_meanwhile(int af, unsigned short port, int error)
{
    return error == WSAEADDRINUSE && ws2t_linux_port_taken(af == AF_INET6, ntohs(port)) == 1;
}

/* listen's result: 0, or the error. */
static int listen_on(SOCKET s)
{
    return listen(s, 1) == 0 ? 0 : WSAGetLastError();
}

/* Waits (up to 5 s) until local_port <-> remote_port (network order) is in TIME_WAIT. */
static void wait_time_wait(unsigned short local_port, unsigned short remote_port)
{
    uint64_t end = ws2t_now_ms() + 5000;
    while (!ws2t_time_wait(ntohs(local_port), ntohs(remote_port)) && ws2t_now_ms() < end)
        Sleep(10);
    assert_true(ws2t_time_wait(ntohs(local_port), ntohs(remote_port)));
}

/*
 * A listener with opt on a new port that accepted one connection and closed
 * it first, then closed: its server side is in TIME_WAIT.  The port.
 */
static unsigned short port_left_in_time_wait(int af, enum opt opt)
{
    SOCKET l = tcp_with(af, opt);
    assert_int_equal(bind_to(l, af, 0), 0);
    assert_int_equal(listen(l, 1), 0);
    struct sockaddr_storage a;
    int len = sizeof(a);
    assert_int_equal(getsockname(l, (struct sockaddr *)&a, &len), 0);
    SOCKET c = socket(af, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    unsigned short client_port = ws2t_local_port(c);
    closesocket(s); /* the server side closes first */
    char b;
    assert_int_equal(recv(c, &b, 1, 0), 0);
    closesocket(c);
    closesocket(l);
    wait_time_wait(port_of(&a), htons(client_port));
    return port_of(&a);
}

static void rebind_over_time_wait(int af, enum opt old_opt, enum opt new_opt)
{
    unsigned short port;
    SOCKET l2;
    for (int attempt = 1;; attempt++) {
        port = port_left_in_time_wait(af, old_opt);
        l2 = tcp_with(af, new_opt);
        int got = bind_to(l2, af, port);
        if (!got)
            got = listen_on(l2);
        if (got && attempt < ATTEMPTS && taken_meanwhile(af, port, got)) {
            closesocket(l2);
            continue;
        }
        assert_int_equal(got, 0);
        break;
    }
    /* It is a working listener. */
    struct sockaddr_storage a;
    int len = loopback(af, port, &a);
    SOCKET c = socket(af, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
    SOCKET s = accept(l2, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(send(c, "hi", 2, 0), 2);
    char buf[2];
    assert_int_equal(recv(s, buf, 2, MSG_WAITALL), 2);
    closesocket(c);
    closesocket(s);
    closesocket(l2);
}

static void rebind_over_time_wait_without_options_binds_and_listens(void **state)
{
    (void)state;
    rebind_over_time_wait(AF_INET, OPT_NONE, OPT_NONE);
    rebind_over_time_wait(AF_INET6, OPT_NONE, OPT_NONE);
}

/* TIME_WAIT is not an active connection, even for SO_EXCLUSIVEADDRUSE on both sides. */
static void rebind_over_time_wait_with_exclusiveaddruse_binds_and_listens(void **state)
{
    (void)state;
    rebind_over_time_wait(AF_INET, OPT_EXCLUSIVE, OPT_EXCLUSIVE);
    rebind_over_time_wait(AF_INET, OPT_NONE, OPT_EXCLUSIVE);
}

/*
 * A client connected to a new listener, bound to port 0 first (bound) or
 * not (Linux chooses its port at connect), that closed first: its side is
 * in TIME_WAIT.  Then a new socket binds its port (and listens, if asked):
 * 0 or the error, with the port in *port.
 */
static int rebind_client_port(int bound, int and_listen, unsigned short *port)
{
    struct sockaddr_storage la;
    int llen = sizeof(la);
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (bound)
        assert_int_equal(bind_to(c, AF_INET, 0), 0);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    *port = htons(ws2t_local_port(c));
    SOCKET s = accept(l, NULL, NULL);
    closesocket(c); /* the client closes first: its side goes to TIME_WAIT */
    char b;
    assert_int_equal(recv(s, &b, 1, 0), 0);
    closesocket(s);
    closesocket(l);
    wait_time_wait(*port, port_of(&la));
    SOCKET again = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int got = bind_to(again, AF_INET, *port);
    if (!got && and_listen)
        got = listen_on(again);
    closesocket(again);
    return got;
}

static void rebind_client_port_succeeds(int bound, int and_listen)
{
    for (int attempt = 1;; attempt++) {
        unsigned short port;
        int got = rebind_client_port(bound, and_listen, &port);
        if (got && attempt < ATTEMPTS && taken_meanwhile(AF_INET, port, got))
            continue;
        assert_int_equal(got, 0);
        break;
    }
}

/* A client that bound its port, connected and closed first: its port is free again too. */
static void rebind_of_a_bound_client_port_in_time_wait_succeeds(void **state)
{
    (void)state;
    rebind_client_port_succeeds(1, 0);
}

/*
 * A client that connected without binding (Linux chose its port) and
 * closed first: the same.  Linux gives such a port to other programs'
 * connects too, before and after the close: taken_meanwhile.
 */
static void rebind_of_an_unbound_clients_port_in_time_wait_succeeds(void **state)
{
    (void)state;
    rebind_client_port_succeeds(0, 1);
}

/* While its connection is active, the port of such a client is in use. */
static void an_unbound_clients_active_connection_keeps_its_port(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET other = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int got = bind_to(other, AF_INET, htons(ws2t_local_port(c)));
    closesocket(other);
    closesocket(c);
    closesocket(s);
    assert_int_equal(got, WSAEADDRINUSE);
}

/* KB 307175's case: the listener closed, its accepted connection still open; a new server starts.
 */
static void rebind_while_an_accepted_connection_stays_open_succeeds(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen = sizeof(la);
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    SOCKET s = accept(l, NULL, NULL);
    closesocket(l);
    SOCKET l2 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(bind_to(l2, AF_INET, port_of(&la)), 0);
    assert_int_equal(listen(l2, 1), 0);
    /* The old connection is untouched. */
    assert_int_equal(send(c, "ok", 2, 0), 2);
    char buf[2];
    assert_int_equal(recv(s, buf, 2, MSG_WAITALL), 2);
    closesocket(l2);
    closesocket(c);
    closesocket(s);
}

/*
 * "If a listening socket with SO_EXCLUSIVEADDRUSE set accepts a connection
 * and is then subsequently closed, another socket (also with
 * SO_EXCLUSIVEADDRUSE) cannot bind to the same port as the first socket
 * until the original connection becomes inactive" — and once it is (in
 * TIME_WAIT), it can.
 */
/* The bind while the connection is active, and the bind once it is in TIME_WAIT. */
static void exclusive_rebinds(int *active, int *inactive, unsigned short *port)
{
    SOCKET l = tcp_with(AF_INET, OPT_EXCLUSIVE);
    assert_int_equal(bind_to(l, AF_INET, 0), 0);
    assert_int_equal(listen(l, 1), 0);
    struct sockaddr_storage a;
    int len = loopback(AF_INET, htons(ws2t_local_port(l)), &a);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    closesocket(l);

    SOCKET l2 = tcp_with(AF_INET, OPT_EXCLUSIVE);
    *active = bind_to(l2, AF_INET, port_of(&a));
    closesocket(l2);
    closesocket(s); /* the server side closes first: TIME_WAIT */
    char b;
    assert_int_equal(recv(c, &b, 1, 0), 0);
    unsigned short client_port = htons(ws2t_local_port(c));
    closesocket(c);
    /* Inactive: the server side has had the client's FIN (softirq may lag under load). */
    wait_time_wait(port_of(&a), client_port);
    SOCKET l3 = tcp_with(AF_INET, OPT_EXCLUSIVE);
    *inactive = bind_to(l3, AF_INET, port_of(&a));
    closesocket(l3);
    *port = port_of(&a);
}

static void exclusive_listeners_connection_keeps_the_port_while_active(void **state)
{
    (void)state;
    for (int attempt = 1;; attempt++) {
        int active, inactive;
        unsigned short port;
        exclusive_rebinds(&active, &inactive, &port);
        assert_int_equal(active, WSAEADDRINUSE);
        if (inactive && attempt < ATTEMPTS && taken_meanwhile(AF_INET, port, inactive))
            continue;
        assert_int_equal(inactive, 0);
        break;
    }
}

/*
 * The table's live cases on one address (127.0.0.1, the "Specific" rows and
 * columns), first socket bound, listening or connected; the port may also
 * have TIME_WAIT connections, which change nothing.
 */
struct live_case {
    enum opt first, second;
    int expected;
};

static const struct live_case live_cases[] = {
    {OPT_NONE, OPT_NONE, WSAEADDRINUSE},
    {OPT_NONE, OPT_REUSE, WSAEACCES},
    {OPT_NONE, OPT_EXCLUSIVE, WSAEADDRINUSE},
    {OPT_EXCLUSIVE, OPT_NONE, WSAEADDRINUSE},
    {OPT_EXCLUSIVE, OPT_REUSE, WSAEACCES},
    {OPT_EXCLUSIVE, OPT_EXCLUSIVE, WSAEADDRINUSE},
    {OPT_REUSE, OPT_REUSE, 0},
    /* The table's "DENIED" for a default bind beside a SO_REUSEADDR one; "INUSE" for an exclusive
       one. */
    {OPT_REUSE, OPT_NONE, WSAEACCES},
    {OPT_REUSE, OPT_EXCLUSIVE, WSAEADDRINUSE},
};

enum first_state { BOUND, LISTENING, CONNECTED };

/*
 * A first socket in state on port (0: a new one); its port in *port.
 * INVALID_SOCKET when another program took the port meanwhile.
 */
static SOCKET first_socket(enum opt opt, enum first_state st, unsigned short *port, SOCKET *peer,
                           SOCKET *server)
{
    SOCKET f = tcp_with(AF_INET, opt);
    int bound = bind_to(f, AF_INET, *port);
    if (bound && *port && taken_meanwhile(AF_INET, *port, bound)) {
        closesocket(f);
        return INVALID_SOCKET;
    }
    assert_int_equal(bound, 0);
    *port = htons(ws2t_local_port(f));
    *peer = *server = INVALID_SOCKET;
    if (st == LISTENING)
        assert_int_equal(listen(f, 1), 0);
    if (st == CONNECTED) {
        struct sockaddr_storage la;
        int llen = sizeof(la);
        *server = ws2t_listener(AF_INET, &la, &llen);
        assert_int_equal(connect(f, (struct sockaddr *)&la, llen), 0);
        *peer = accept(*server, NULL, NULL);
    }
    return f;
}

static void live_sockets_keep_their_port(int over_time_wait)
{
    for (size_t i = 0; i < sizeof(live_cases) / sizeof(live_cases[0]); i++) {
        for (int st = BOUND; st <= CONNECTED; st++) {
            const struct live_case *k = &live_cases[i];
            unsigned short port;
            SOCKET peer, server, f = INVALID_SOCKET;
            for (int attempt = 1; f == INVALID_SOCKET; attempt++) {
                assert_true(attempt <= ATTEMPTS);
                port = over_time_wait ? port_left_in_time_wait(AF_INET, OPT_NONE) : 0;
                f = first_socket(k->first, st, &port, &peer, &server);
            }
            SOCKET second = tcp_with(AF_INET, k->second);
            int got = bind_to(second, AF_INET, port);
            /* A third socket, as the second asks, meets the same refusal. */
            SOCKET third = tcp_with(AF_INET, k->second);
            int got3 = bind_to(third, AF_INET, port);
            closesocket(third);
            closesocket(second);
            closesocket(f);
            if (peer != INVALID_SOCKET)
                closesocket(peer);
            if (server != INVALID_SOCKET)
                closesocket(server);
            if (got != k->expected)
                fail_msg("case %zu (first opt %d, state %d, second opt %d%s): %d, expected %d", i,
                         k->first, st, k->second, over_time_wait ? ", TIME_WAIT" : "", got,
                         k->expected);
            if (k->expected)
                assert_int_equal(got3, k->expected);
        }
    }
}

static void a_second_bind_over_a_live_socket_fails_as_windows_tabulates(void **state)
{
    (void)state;
    live_sockets_keep_their_port(0);
}

/* The TIME_WAIT rule must not let a second socket in beside a live one. */
static void a_second_bind_over_a_live_socket_fails_with_time_wait_on_the_port(void **state)
{
    (void)state;
    live_sockets_keep_their_port(1);
}

/* The socket that rebound over TIME_WAIT keeps its port like any other, bound or listening. */
static void a_socket_rebound_over_time_wait_keeps_its_port(void **state)
{
    (void)state;
    for (int listening = 0; listening < 2; listening++) {
        unsigned short port;
        SOCKET l2;
        for (int attempt = 1;; attempt++) {
            port = port_left_in_time_wait(AF_INET, OPT_NONE);
            l2 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            int got = bind_to(l2, AF_INET, port);
            if (!got && listening)
                got = listen_on(l2);
            if (got && attempt < ATTEMPTS && taken_meanwhile(AF_INET, port, got)) {
                closesocket(l2);
                continue;
            }
            assert_int_equal(got, 0);
            break;
        }
        SOCKET third = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        int got = bind_to(third, AF_INET, port);
        closesocket(third);
        closesocket(l2);
        assert_int_equal(got, WSAEADDRINUSE);
    }
}

/* ---- Across processes --------------------------------------------------------- */

#define CHILD_WAIT_MS 10000

/* Child: binds a new port (listening if asked), prints it, and keeps it until killed. */
static int child_main(const char *scenario)
{
    WSADATA d;
    WSAStartup(MAKEWORD(2, 2), &d);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (bind_to(s, AF_INET, 0) != 0)
        return 2;
    if (strcmp(scenario, "bind") != 0 && listen(s, 1) != 0)
        return 3;
    printf("%u\n", ws2t_local_port(s));
    fflush(stdout);
    if (strcmp(scenario, "serve") == 0) {
        SOCKET a = accept(s, NULL, NULL);
        printf("%s\n", a == INVALID_SOCKET ? "failed" : "accepted");
        fflush(stdout);
    }
    Sleep(CHILD_WAIT_MS);
    return 0;
}

static void another_process_keeps_its_bound_port(void **state)
{
    (void)state;
    const char *scenarios[] = {"bind", "listen"};
    for (int i = 0; i < 2; i++) {
        int out = -1;
        int pid = ws2t_spawn_self(scenarios[i], "", &out);
        assert_true(pid > 0);
        char line[32];
        int n = ws2t_read_line(out, line, sizeof(line), CHILD_WAIT_MS);
        SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        int got = n > 0 ? bind_to(s, AF_INET, htons((unsigned short)atoi(line))) : -1;
        closesocket(s);
        ws2t_kill_child(pid);
        ws2t_wait_child(pid, CHILD_WAIT_MS);
        assert_true(n > 0);
        assert_int_equal(got, WSAEADDRINUSE);
    }
}

/*
 * The restarted server: a server process killed with a connection open (its
 * side closes first, and stays in TIME_WAIT after the process is gone); the
 * next process binds and listens on the same port, no option set.
 */
static int killed_servers_port_rebind(unsigned short *port_out)
{
    int out = -1;
    int pid = ws2t_spawn_self("serve", "", &out);
    assert_true(pid > 0);
    char line[32], accepted[32];
    int n = ws2t_read_line(out, line, sizeof(line), CHILD_WAIT_MS);
    assert_true(n > 0);
    unsigned short port = htons((unsigned short)atoi(line));
    struct sockaddr_storage a;
    int len = loopback(AF_INET, port, &a);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int connected = connect(c, (struct sockaddr *)&a, len);
    int m = ws2t_read_line(out, accepted, sizeof(accepted), CHILD_WAIT_MS);
    ws2t_kill_child(pid);
    ws2t_wait_child(pid, CHILD_WAIT_MS);
    assert_int_equal(connected, 0);
    assert_true(m > 0 && strncmp(accepted, "accepted", 8) == 0);
    char b;
    assert_int_equal(recv(c, &b, 1, 0), 0); /* the killed server's side closed first */
    unsigned short client_port = htons(ws2t_local_port(c));
    closesocket(c);
    wait_time_wait(port, client_port);

    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int got = bind_to(l, AF_INET, port);
    if (!got)
        got = listen_on(l);
    closesocket(l);
    *port_out = port;
    return got;
}

static void a_killed_servers_port_binds_again_in_the_next_process(void **state)
{
    (void)state;
    for (int attempt = 1;; attempt++) {
        unsigned short port;
        int got = killed_servers_port_rebind(&port);
        if (got && attempt < ATTEMPTS && taken_meanwhile(AF_INET, port, got))
            continue;
        assert_int_equal(got, 0);
        break;
    }
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[0], "child") == 0)
        return child_main(argv[1]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(rebind_over_time_wait_without_options_binds_and_listens,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            rebind_over_time_wait_with_exclusiveaddruse_binds_and_listens, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(rebind_of_a_bound_client_port_in_time_wait_succeeds,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(rebind_of_an_unbound_clients_port_in_time_wait_succeeds,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(an_unbound_clients_active_connection_keeps_its_port,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(rebind_while_an_accepted_connection_stays_open_succeeds,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(exclusive_listeners_connection_keeps_the_port_while_active,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_second_bind_over_a_live_socket_fails_as_windows_tabulates,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            a_second_bind_over_a_live_socket_fails_with_time_wait_on_the_port, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_socket_rebound_over_time_wait_keeps_its_port, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(another_process_keeps_its_bound_port, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_killed_servers_port_binds_again_in_the_next_process,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("bind_reuse", tests, NULL, NULL);
}
