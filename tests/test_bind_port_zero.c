/*
 * A TCP socket bound to port 0 (the usual bind before ConnectEx, which
 * needs a bound socket).  bind.md: "If the port is specified as zero, the
 * service provider assigns a unique port to the application", and "The
 * application can use getsockname after calling bind to learn the address
 * and the port that has been assigned to the socket".  The library leaves
 * the choice of the port to the connect where nothing can tell (Linux's
 * bind searches for a port no connection holds, TIME_WAIT included, which
 * is slow when thousands of connections have just closed); these tests
 * check that whatever a program can see is as on Windows: the port is there
 * at once for getsockname, listen, a duplicate and the bind rules of the
 * process's other sockets, and it stays after a connect, also a refused one.
 */
#include <string.h>

#include <mswsock.h>

#include "testlib.h"

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

/* The wildcard address of af with port (network order) in *a; its length. */
static int wildcard(int af, unsigned short port, struct sockaddr_storage *a)
{
    int len = loopback(af, port, a);
    if (af == AF_INET6)
        ((struct sockaddr_in6 *)a)->sin6_addr = in6addr_any;
    else
        ((struct sockaddr_in *)a)->sin_addr.s_addr = htonl(INADDR_ANY);
    return len;
}

/*
 * A TCP socket of af bound to port 0 on the wildcard address (any 1) or
 * loopback, with the option opt (SO_REUSEADDR, SO_EXCLUSIVEADDRUSE) set
 * first, or none (0).
 */
static SOCKET bound_to_zero_with(int af, int any, int opt)
{
    SOCKET s = WSASocketW(af, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    assert_true(s != INVALID_SOCKET);
    BOOL on = TRUE;
    if (opt)
        assert_int_equal(setsockopt(s, SOL_SOCKET, opt, (const char *)&on, sizeof(on)), 0);
    struct sockaddr_storage a;
    int len = any ? wildcard(af, 0, &a) : loopback(af, 0, &a);
    assert_int_equal(bind(s, (struct sockaddr *)&a, len), 0);
    return s;
}

static SOCKET bound_to_zero(int af, int any)
{
    return bound_to_zero_with(af, any, 0);
}

static const int options[] = {0, SO_REUSEADDR, SO_EXCLUSIVEADDRUSE};

/* A loopback port (host order) nobody listens on. */
static unsigned short closed_port(int af)
{
    return ws2t_closed_port(af, SOCK_STREAM);
}

/* ConnectEx from s to a, waited for (up to 10 s); the completion's error, 0 for success. */
static DWORD connect_ex(SOCKET s, const struct sockaddr_storage *a, int len)
{
    LPFN_CONNECTEX connect_ex = (LPFN_CONNECTEX)ws2t_extension(s, (GUID)WSAID_CONNECTEX);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    DWORD sent = 0, flags = 0;
    BOOL ok = connect_ex(s, (const struct sockaddr *)a, len, NULL, 0, &sent, &ov);
    assert_false(ok);
    assert_wsa_error(ERROR_IO_PENDING);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
    DWORD error = WSAGetOverlappedResult(s, &ov, &sent, FALSE, &flags) ? 0 : WSAGetLastError();
    WSACloseEvent(ov.hEvent);
    return error;
}

/* bind's result for a new TCP socket of af on address a (port replaced): 0 or the error. */
static int bind_beside(SOCKET *out, int af, int any, unsigned short port_host, BOOL reuse)
{
    SOCKET s = socket(af, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    if (reuse)
        assert_int_equal(
            setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&reuse, sizeof(reuse)), 0);
    struct sockaddr_storage a;
    int len = any ? wildcard(af, htons(port_host), &a) : loopback(af, htons(port_host), &a);
    int got = bind(s, (struct sockaddr *)&a, len) == 0 ? 0 : WSAGetLastError();
    *out = s;
    return got;
}

/* getsockname right after the bind names a port, and the port is the socket's. */
static void bind_to_port_zero_names_a_port_at_once(void **state)
{
    (void)state;
    for (int af = AF_INET; af != -1; af = af == AF_INET ? AF_INET6 : -1) {
        for (int any = 0; any < 2; any++) {
            SOCKET s = bound_to_zero(af, any);
            unsigned short port = ws2t_local_port(s);
            assert_int_not_equal(port, 0);
            /* Held, not only reported: no socket of another program can bind it. */
            assert_int_equal(ws2t_linux_port_taken(af == AF_INET6, port), 1);
            /* And the process's own sockets meet the bind rules on it. */
            SOCKET other;
            assert_int_equal(bind_beside(&other, af, any, port, FALSE), WSAEADDRINUSE);
            closesocket(other);
            /* The name stays the same. */
            assert_int_equal(ws2t_local_port(s), port);
            closesocket(s);
        }
    }
}

/* connect after bind(0) works, with any option; the socket's name is the port the peer sees. */
static void connect_after_bind_to_port_zero_uses_a_port_the_peer_sees(void **state)
{
    (void)state;
    for (int af = AF_INET; af != -1; af = af == AF_INET ? AF_INET6 : -1) {
        struct sockaddr_storage a;
        int len;
        SOCKET l = ws2t_listener(af, &a, &len);
        for (int ex = 0; ex < 6; ex++) {
            SOCKET c = bound_to_zero_with(af, 1, options[ex / 2]);
            if (ex % 2) {
                assert_int_equal(connect_ex(c, &a, len), 0);
                assert_int_equal(setsockopt(c, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0), 0);
            } else {
                assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
            }
            SOCKET server = accept(l, NULL, NULL);
            assert_true(server != INVALID_SOCKET);
            unsigned short port = ws2t_local_port(c);
            assert_int_not_equal(port, 0);
            assert_int_equal(ws2t_remote_port(server), port);
            /* Data goes both ways. */
            assert_int_equal(send(c, "x", 1, 0), 1);
            char b = 0;
            assert_int_equal(recv(server, &b, 1, 0), 1);
            assert_int_equal(b, 'x');
            closesocket(server);
            closesocket(c);
        }
        closesocket(l);
    }
}

/* getsockname between bind(0) and connect: the connect keeps the port it showed. */
static void a_port_shown_before_the_connect_is_the_connections(void **state)
{
    (void)state;
    struct sockaddr_storage a;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &a, &len);
    for (int ex = 0; ex < 2; ex++) {
        SOCKET c = bound_to_zero(AF_INET, 1);
        unsigned short port = ws2t_local_port(c);
        assert_int_not_equal(port, 0);
        if (ex)
            assert_int_equal(connect_ex(c, &a, len), 0);
        else
            assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
        SOCKET server = accept(l, NULL, NULL);
        assert_true(server != INVALID_SOCKET);
        assert_int_equal(ws2t_local_port(c), port);
        assert_int_equal(ws2t_remote_port(server), port);
        closesocket(server);
        closesocket(c);
    }
    closesocket(l);
}

/* Two sockets bound to port 0 that listen get two ports, and each takes its connections. */
static void two_sockets_bound_to_port_zero_listen_on_different_ports(void **state)
{
    (void)state;
    for (int af = AF_INET; af != -1; af = af == AF_INET ? AF_INET6 : -1) {
        SOCKET l[2];
        unsigned short port[2];
        for (int i = 0; i < 2; i++) {
            l[i] = bound_to_zero_with(af, i, options[i + (af == AF_INET6)]);
            assert_int_equal(listen(l[i], 5), 0);
            port[i] = ws2t_local_port(l[i]);
            assert_int_not_equal(port[i], 0);
        }
        assert_int_not_equal(port[0], port[1]);
        for (int i = 0; i < 2; i++) {
            SOCKET c = socket(af, SOCK_STREAM, IPPROTO_TCP);
            struct sockaddr_storage a;
            int len = loopback(af, htons(port[i]), &a);
            assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
            ws2t_set_nonblocking(l[1 - i], 1);
            assert_int_equal(accept(l[1 - i], NULL, NULL), INVALID_SOCKET);
            assert_wsa_error(WSAEWOULDBLOCK);
            SOCKET server = accept(l[i], NULL, NULL);
            assert_true(server != INVALID_SOCKET);
            assert_int_equal(ws2t_remote_port(server), ws2t_local_port(c));
            closesocket(server);
            closesocket(c);
        }
        closesocket(l[0]);
        closesocket(l[1]);
    }
}

/*
 * The port a connect took after bind(0) is in the process's bind rules as a
 * bound port is ("Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE": a specific
 * address beside a wildcard socket binds with no option; the wildcard
 * address again does not, and with SO_REUSEADDR is WSAEACCES).
 */
static void a_port_the_connect_took_follows_the_bind_rules(void **state)
{
    (void)state;
    struct sockaddr_storage a;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &a, &len);
    for (int ex = 0; ex < 2; ex++) {
        SOCKET c = bound_to_zero(AF_INET, 1);
        if (ex)
            assert_int_equal(connect_ex(c, &a, len), 0);
        else
            assert_int_equal(connect(c, (struct sockaddr *)&a, len), 0);
        SOCKET server = accept(l, NULL, NULL);
        assert_true(server != INVALID_SOCKET);
        unsigned short port = ws2t_local_port(c);
        SOCKET other;
        assert_int_equal(bind_beside(&other, AF_INET, 1, port, FALSE), WSAEADDRINUSE);
        closesocket(other);
        assert_int_equal(bind_beside(&other, AF_INET, 1, port, TRUE), WSAEACCES);
        closesocket(other);
        assert_int_equal(bind_beside(&other, AF_INET, 0, port, FALSE), 0);
        closesocket(other);
        closesocket(server);
        closesocket(c);
    }
    closesocket(l);
}

/* A refused connect or ConnectEx leaves the socket bound (any option): it names a port, holds it.
 */
static void a_refused_connect_leaves_the_socket_bound_to_a_port(void **state)
{
    (void)state;
    for (int ex = 0; ex < 6; ex++) {
        struct sockaddr_storage a;
        int len = loopback(AF_INET, htons(closed_port(AF_INET)), &a);
        SOCKET c = bound_to_zero_with(AF_INET, 0, options[ex / 2]);
        if (ex % 2) {
            assert_int_equal(connect_ex(c, &a, len), WSAECONNREFUSED);
        } else {
            assert_int_equal(connect(c, (struct sockaddr *)&a, len), SOCKET_ERROR);
            assert_wsa_error(WSAECONNREFUSED);
        }
        unsigned short port = ws2t_local_port(c);
        assert_int_not_equal(port, 0);
        /*
         * And holds it.  Checked without options only: a socket that allows
         * sharing lets Linux's SO_REUSEADDR probe in, and one bound
         * exclusively is bound by Linux's bind(0), whose port Linux lets go
         * when a connect fails (its own rule, not this library's).
         */
        if (options[ex / 2] == 0)
            assert_int_equal(ws2t_linux_port_taken(0, port), 1);
        /* It may listen there (a socket whose connect failed may listen, see bind.c). */
        assert_int_equal(listen(c, 5), 0);
        assert_int_equal(ws2t_local_port(c), port);
        closesocket(c);
    }
}

/* A duplicate of a socket bound to port 0 (WSADuplicateSocket) names the same port. */
static void a_duplicate_of_a_socket_bound_to_port_zero_names_its_port(void **state)
{
    (void)state;
    SOCKET s = bound_to_zero(AF_INET, 1);
    WSAPROTOCOL_INFOW info;
    assert_int_equal(WSADuplicateSocketW(s, GetCurrentProcessId(), &info), 0);
    SOCKET d = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                          WSA_FLAG_OVERLAPPED);
    assert_true(d != INVALID_SOCKET);
    unsigned short port = ws2t_local_port(d);
    assert_int_not_equal(port, 0);
    assert_int_equal(ws2t_local_port(s), port);
    closesocket(d);
    closesocket(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(bind_to_port_zero_names_a_port_at_once, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(connect_after_bind_to_port_zero_uses_a_port_the_peer_sees,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_port_shown_before_the_connect_is_the_connections,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(two_sockets_bound_to_port_zero_listen_on_different_ports,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_port_the_connect_took_follows_the_bind_rules, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_refused_connect_leaves_the_socket_bound_to_a_port,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_duplicate_of_a_socket_bound_to_port_zero_names_its_port,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("bind_port_zero", tests, NULL, NULL);
}
