/*
 * WSAEINPROGRESS: "A blocking Windows Sockets 1.1 call is in progress, or the
 * service provider is still processing a callback function" (closesocket.md
 * and WSACleanup.txt error tables).  closesocket.md also warns that a
 * blocking call is an alertable wait that an APC may interrupt, and that a
 * blocking Winsock call made inside such an APC is undefined behaviour: here
 * it fails with WSAEINPROGRESS instead, and WSACleanup in either situation
 * fails rather than deadlocking.
 */
#include <string.h>

#include "testlib.h"

struct condition_probe {
    SOCKET listener;
    SOCKET other;
    int cleanup_result, cleanup_error;
    int close_result, close_error;
    int socket_error;
};

static int CALLBACK probing_condition(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS sqos,
                                      LPQOS gqos, LPWSABUF callee_id, LPWSABUF callee_data,
                                      GROUP *g, DWORD_PTR data)
{
    (void)caller_data, (void)sqos, (void)gqos, (void)callee_data, (void)g;
    struct condition_probe *p = (struct condition_probe *)data;
    assert_non_null(caller_id);
    assert_true(caller_id->len >= sizeof(struct sockaddr_in));
    assert_non_null(callee_id);
    p->cleanup_result = WSACleanup();
    p->cleanup_error = WSAGetLastError();
    p->close_result = closesocket(p->other);
    p->close_error = WSAGetLastError();
    if (socket(AF_INET, SOCK_STREAM, 0) == INVALID_SOCKET)
        p->socket_error = WSAGetLastError();
    return CF_ACCEPT;
}

/* WSACleanup, closesocket and socket from inside WSAAccept's condition function. */
static void calls_inside_a_callback_fail_inprogress(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    struct condition_probe p = {0};
    p.listener = ws2t_listener(AF_INET, &addr, &len);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    p.other = c;

    SOCKET a = WSAAccept(p.listener, NULL, NULL, probing_condition, (DWORD_PTR)&p);
    assert_true(a != INVALID_SOCKET);
    assert_int_equal(p.cleanup_result, SOCKET_ERROR);
    assert_int_equal(p.cleanup_error, WSAEINPROGRESS);
    assert_int_equal(p.close_result, SOCKET_ERROR);
    assert_int_equal(p.close_error, WSAEINPROGRESS);
    assert_int_equal(p.socket_error, WSAEINPROGRESS);

    /* Nothing was done by the refused calls: the client is still connected. */
    assert_int_equal(send(c, "x", 1, 0), 1);
    char b;
    assert_int_equal(recv(a, &b, 1, 0), 1);
    /* Outside the callback, the same calls work. */
    assert_int_equal(closesocket(a), 0);
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(closesocket(p.listener), 0);
    assert_int_equal(WSACleanup(), 0);
}

/* CF_REJECT: the connection is refused; CF_DEFER keeps it for the next WSAAccept. */
static int CALLBACK verdict_condition(LPWSABUF a, LPWSABUF b, LPQOS c, LPQOS d, LPWSABUF e,
                                      LPWSABUF f, GROUP *g, DWORD_PTR data)
{
    (void)a, (void)b, (void)c, (void)d, (void)e, (void)f, (void)g;
    return (int)data;
}

static void condition_verdicts(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    assert_true(WSAAccept(l, NULL, NULL, verdict_condition, CF_DEFER) == INVALID_SOCKET);
    assert_wsa_error(WSATRY_AGAIN);
    SOCKET a = WSAAccept(l, NULL, NULL, verdict_condition, CF_ACCEPT);
    assert_true(a != INVALID_SOCKET);
    assert_int_equal(send(c, "y", 1, 0), 1);
    char b;
    assert_int_equal(recv(a, &b, 1, 0), 1);
    closesocket(a);
    closesocket(c);

    c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    assert_true(WSAAccept(l, NULL, NULL, verdict_condition, CF_REJECT) == INVALID_SOCKET);
    assert_wsa_error(WSAECONNREFUSED);
    assert_int_equal(recv(c, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAECONNRESET);
    closesocket(c);
    closesocket(l);
}

/* An APC that runs inside a blocking recv, and what it sees. */
struct apc_probe {
    SOCKET other;
    int recv_error;
    int close_error;
    int cleanup_error;
    volatile LONG ran;
};

static void CALLBACK probing_apc(ULONG_PTR data)
{
    struct apc_probe *p = (struct apc_probe *)data;
    char b;
    if (recv(p->other, &b, 1, 0) == SOCKET_ERROR)
        p->recv_error = WSAGetLastError();
    if (closesocket(p->other) == SOCKET_ERROR)
        p->close_error = WSAGetLastError();
    if (WSACleanup() == SOCKET_ERROR)
        p->cleanup_error = WSAGetLastError();
    InterlockedExchange(&p->ran, 1);
}

struct blocked_recv {
    SOCKET s;
    int result;
    char byte;
    volatile LONG entered;
};

static DWORD WINAPI blocking_receiver(LPVOID data)
{
    struct blocked_recv *r = data;
    InterlockedExchange(&r->entered, 1);
    r->result = recv(r->s, &r->byte, 1, 0);
    return 0;
}

static void calls_inside_an_apc_in_a_blocking_call_fail_inprogress(void **state)
{
    (void)state;
    SOCKET c, s, c2, s2;
    ws2t_tcp_pair(AF_INET, &c, &s);
    ws2t_tcp_pair(AF_INET, &c2, &s2);
    struct blocked_recv r = {.s = s};
    HANDLE t = CreateThread(NULL, 0, blocking_receiver, &r, 0, NULL);
    while (!InterlockedOr(&r.entered, 0))
        Sleep(1);
    Sleep(100);

    struct apc_probe p = {.other = s2};
    assert_int_equal(QueueUserAPC(probing_apc, t, (ULONG_PTR)&p), 1);
    uint64_t t0 = ws2t_now_ms();
    while (!InterlockedOr(&p.ran, 0) && ws2t_now_ms() - t0 < 5000)
        Sleep(1);
    assert_true(InterlockedOr(&p.ran, 0)); /* the blocking recv is an alertable wait */
    assert_int_equal(p.recv_error, WSAEINPROGRESS);
    assert_int_equal(p.close_error, WSAEINPROGRESS);
    assert_int_equal(p.cleanup_error, WSAEINPROGRESS);

    /* The interrupted recv goes on waiting, then gets its byte. */
    assert_int_equal(WaitForSingleObject(t, 200), WAIT_TIMEOUT);
    assert_int_equal(send(c, "z", 1, 0), 1);
    assert_int_equal(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    assert_int_equal(r.result, 1);
    assert_int_equal(r.byte, 'z');
    CloseHandle(t);
    /* The refused calls changed nothing: s2 is still a working socket. */
    assert_int_equal(send(c2, "w", 1, 0), 1);
    char b;
    assert_int_equal(recv(s2, &b, 1, 0), 1);
}

/*
 * closesocket.md: "When issuing a blocking Winsock call such as closesocket,
 * Winsock may need to wait for a network event before the call can complete.
 * Winsock performs an alertable wait in this situation, which can be
 * interrupted by an asynchronous procedure call (APC) scheduled on the same
 * thread."  A lingering closesocket runs a queued APC while it waits; a
 * blocking call made inside that APC fails with WSAEINPROGRESS.
 */
struct lingering {
    SOCKET s;
    int result;
    volatile LONG entered;
};

static DWORD WINAPI lingering_closer(LPVOID data)
{
    struct lingering *l = data;
    InterlockedExchange(&l->entered, 1);
    l->result = closesocket(l->s);
    return 0;
}

static void a_lingering_closesocket_is_an_alertable_wait(void **state)
{
    (void)state;
    SOCKET c, s, c2, s2;
    ws2t_tcp_pair(AF_INET, &c, &s);
    ws2t_tcp_pair(AF_INET, &c2, &s2);
    ws2t_fill_until_blocked(c);
    LINGER lg = {1, 3};
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof(lg)), 0);

    struct lingering l = {.s = c, .result = 12345};
    HANDLE t = CreateThread(NULL, 0, lingering_closer, &l, 0, NULL);
    while (!InterlockedOr(&l.entered, 0))
        Sleep(1);
    assert_int_equal(WaitForSingleObject(t, 300), WAIT_TIMEOUT); /* it lingers */

    struct apc_probe p = {.other = s2};
    assert_int_equal(QueueUserAPC(probing_apc, t, (ULONG_PTR)&p), 1);
    uint64_t t0 = ws2t_now_ms();
    while (!InterlockedOr(&p.ran, 0) && ws2t_now_ms() - t0 < 2000)
        Sleep(1);
    assert_true(InterlockedOr(&p.ran, 0));
    assert_int_equal(WaitForSingleObject(t, 0), WAIT_TIMEOUT); /* ran inside closesocket */
    assert_int_equal(p.recv_error, WSAEINPROGRESS);
    assert_int_equal(p.close_error, WSAEINPROGRESS);
    assert_int_equal(p.cleanup_error, WSAEINPROGRESS);

    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    assert_int_equal(l.result, 0);
    CloseHandle(t);
    closesocket(s);
    closesocket(c2);
    closesocket(s2);
}

/*
 * ExitThread from an APC that a blocking call is running: the thread ends
 * with the code it gave, and the call it was in releases what it held (the
 * socket is closed afterwards without trouble, nothing leaks, and the waits
 * of other threads are not disturbed).
 */
static void CALLBACK exiting_apc(ULONG_PTR code)
{
    ExitThread((DWORD)code);
}

static void exit_thread_from_an_apc_inside_recv(void **state)
{
    (void)state;
    int before = ws2t_open_fds();
    for (int i = 0; i < 3; i++) {
        SOCKET c, s;
        ws2t_tcp_pair(AF_INET, &c, &s);
        struct blocked_recv r = {.s = s, .result = 12345};
        HANDLE t = CreateThread(NULL, 0, blocking_receiver, &r, 0, NULL);
        while (!InterlockedOr(&r.entered, 0))
            Sleep(1);
        Sleep(50);
        assert_int_equal(QueueUserAPC(exiting_apc, t, 42 + i), 1);
        assert_int_equal(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
        DWORD code = 0;
        assert_true(GetExitCodeThread(t, &code));
        assert_int_equal(code, 42 + i);
        assert_int_equal(r.result, 12345); /* recv never returned to its caller */
        CloseHandle(t);
        /* The socket is intact and closes normally; its peer sees an orderly end. */
        assert_int_equal(closesocket(s), 0);
        char b;
        assert_int_equal(recv(c, &b, 1, 0), 0);
        assert_int_equal(closesocket(c), 0);
    }
    assert_int_equal(ws2t_settled_fds(before), before);
}

static int CALLBACK exiting_condition(LPWSABUF a, LPWSABUF b, LPQOS c, LPQOS d, LPWSABUF e,
                                      LPWSABUF f, GROUP *g, DWORD_PTR data)
{
    (void)a, (void)b, (void)c, (void)d, (void)e, (void)f, (void)g;
    ExitThread((DWORD)data);
}

struct accepting {
    SOCKET listener;
    SOCKET result;
};

static DWORD WINAPI conditional_acceptor(LPVOID data)
{
    struct accepting *a = data;
    a->result = WSAAccept(a->listener, NULL, NULL, exiting_condition, 7);
    return 0;
}

/* ExitThread from WSAAccept's condition function ends the thread; the connection is refused. */
static void exit_thread_from_a_condition_function(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    struct accepting a = {.result = (SOCKET)12345};
    a.listener = ws2t_listener(AF_INET, &addr, &len);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    HANDLE t = CreateThread(NULL, 0, conditional_acceptor, &a, 0, NULL);
    assert_int_equal(WaitForSingleObject(t, 5000), WAIT_OBJECT_0);
    DWORD code = 0;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 7);
    assert_true(a.result == (SOCKET)12345);
    CloseHandle(t);
    char b;
    assert_int_equal(recv(c, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAECONNRESET);
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(closesocket(a.listener), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(calls_inside_a_callback_fail_inprogress, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(condition_verdicts, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(calls_inside_an_apc_in_a_blocking_call_fail_inprogress,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_lingering_closesocket_is_an_alertable_wait, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(exit_thread_from_an_apc_inside_recv, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(exit_thread_from_a_condition_function, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("reentrancy", tests, NULL, NULL);
}
