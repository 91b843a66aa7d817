/*
 * The Winsock 1.1 blocking model: WSASetBlockingHook, WSAUnhookBlockingHook,
 * WSAIsBlocking and WSACancelBlockingCall.
 *
 * Winsock 1.1, WSASetBlockingHook: a blocking call "enters a loop" that runs
 * the hook while it waits; "the only Windows Sockets API function which may
 * be issued from a custom blocking hook function is WSACancelBlockingCall"
 * (and WSAIsBlocking, "may be called at any time"); any other call fails
 * with WSAEINPROGRESS.  WSACancelBlockingCall makes the blocking call "fail
 * with WSAEINTR"; with no blocking call WSPCancelBlockingCall answers
 * WSAEINVAL.  The hook is per thread ("Blocking Hook", SPI overview), and
 * WSAUnhookBlockingHook "always" restores the default, not the previous one.
 * "Windows Sockets Compatibility Issues": these functions "are not available
 * to Windows Sockets 2 applications" (WSAEOPNOTSUPP).  The latest
 * WSAStartup's version governs.
 */
#include <string.h>

#include "testlib.h"

/*
 * A hook is a BOOL (void) function passed as a FARPROC, whose return type is
 * INT_PTR: void (*)(void) in between keeps GCC's -Wcast-function-type quiet.
 */
#define AS_FARPROC(f) ((FARPROC)(void (*)(void))(f))

/* What the hooks saw; only the thread that runs a hook touches its fields. */
struct hook_log {
    int calls;
    int saw_blocking;  /* WSAIsBlocking() was TRUE inside the hook */
    int cancel_after;  /* call WSACancelBlockingCall on this call (0: never) */
    int cancel_result; /* what it returned */
    int cancel_error;  /* and its error */
    int probe;         /* make the re-entrant calls below on the first call */
    int socket_error;  /* socket() from the hook */
    int recv_error;    /* recv() on another socket from the hook */
    int set_error;     /* WSASetBlockingHook from the hook */
    int unhook_error;  /* WSAUnhookBlockingHook from the hook */
    SOCKET other;
};

static _Thread_local struct hook_log *hook_log;

static BOOL WINAPI logging_hook(void)
{
    struct hook_log *log = hook_log;
    log->calls++;
    if (WSAIsBlocking())
        log->saw_blocking++;
    if (log->probe && log->calls == 1) {
        if (socket(AF_INET, SOCK_STREAM, 0) == INVALID_SOCKET)
            log->socket_error = WSAGetLastError();
        char c;
        if (recv(log->other, &c, 1, 0) == SOCKET_ERROR)
            log->recv_error = WSAGetLastError();
        if (WSASetBlockingHook(AS_FARPROC(logging_hook)) == NULL)
            log->set_error = WSAGetLastError();
        if (WSAUnhookBlockingHook() == SOCKET_ERROR)
            log->unhook_error = WSAGetLastError();
    }
    if (log->cancel_after && log->calls == log->cancel_after) {
        log->cancel_result = WSACancelBlockingCall();
        log->cancel_error = log->cancel_result ? WSAGetLastError() : 0;
    }
    return FALSE;
}

/* A second hook, to tell two threads' hooks apart. */
static BOOL WINAPI other_hook(void)
{
    hook_log->calls++;
    return FALSE;
}

/* A hook that always claims to have processed a message. */
static BOOL WINAPI busy_hook(void)
{
    hook_log->calls++;
    return TRUE;
}

static int setup_11(void **state)
{
    (void)state;
    WSADATA data;
    int r = WSAStartup(MAKEWORD(1, 1), &data);
    return r == 0 && data.wVersion == MAKEWORD(1, 1) ? 0 : -1;
}

static int teardown_11(void **state)
{
    /* The hook is the thread's: the next test starts with the default one. */
    WSADATA data;
    if (WSAStartup(MAKEWORD(1, 1), &data) == 0) {
        WSAUnhookBlockingHook();
        WSACleanup();
    }
    hook_log = NULL;
    return ws2t_teardown(state);
}

/* Sends one byte on s after a delay, from another thread. */
struct late_send {
    SOCKET s;
    DWORD delay_ms;
};

static DWORD WINAPI late_send_thread(LPVOID p)
{
    struct late_send *ls = p;
    Sleep(ls->delay_ms);
    return send(ls->s, "x", 1, 0) == 1 ? 0 : 1;
}

static void hook_runs_during_a_blocking_recv(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct hook_log log = {0};
    hook_log = &log;
    assert_non_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));

    assert_false(WSAIsBlocking());
    struct late_send ls = {s, 300};
    HANDLE t = ws2t_thread(late_send_thread, &ls);
    char b = 0;
    assert_int_equal(recv(c, &b, 1, 0), 1);
    assert_int_equal(b, 'x');
    ws2t_join(t);
    assert_false(WSAIsBlocking());
    /* 300 ms of waiting: the hook ran many times, always inside the blocking call. */
    assert_true(log.calls >= 3);
    assert_int_equal(log.saw_blocking, log.calls);
    closesocket(c);
    closesocket(s);
}

static void hook_does_not_run_when_the_call_completes_at_once(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct hook_log log = {0};
    hook_log = &log;
    assert_non_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));
    assert_int_equal(send(s, "y", 1, 0), 1);
    Sleep(50);
    /* "only if ... the request cannot be completed immediately" ("Blocking Hook"). */
    fd_set r;
    FD_ZERO(&r);
    FD_SET(c, &r);
    assert_int_equal(select(0, &r, NULL, NULL, NULL), 1);
    char b;
    assert_int_equal(recv(c, &b, 1, 0), 1);
    struct timeval zero = {0, 0};
    FD_ZERO(&r);
    FD_SET(c, &r);
    assert_int_equal(select(0, &r, NULL, NULL, &zero), 0);
    assert_int_equal(log.calls, 0);
    closesocket(c);
    closesocket(s);
}

static void a_busy_hook_does_not_stall_the_call(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct hook_log log = {0};
    hook_log = &log;
    assert_non_null(WSASetBlockingHook(AS_FARPROC(busy_hook)));
    struct late_send ls = {s, 100};
    HANDLE t = ws2t_thread(late_send_thread, &ls);
    char b;
    assert_int_equal(recv(c, &b, 1, 0), 1);
    ws2t_join(t);
    assert_true(log.calls > 0);
    closesocket(c);
    closesocket(s);
}

static void is_blocking_false_outside_a_blocking_call(void **state)
{
    (void)state;
    assert_false(WSAIsBlocking());
}

static void cancel_from_the_hook_fails_recv_with_eintr(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    /* If the cancel were lost, the receive would end with WSAETIMEDOUT, not hang. */
    DWORD ms = 5000;
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);
    struct hook_log log = {.cancel_after = 2};
    hook_log = &log;
    assert_non_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));
    char b;
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(recv(c, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAEINTR);
    assert_true(ws2t_now_ms() - t0 < 2000);
    assert_int_equal(log.cancel_result, 0);
    /* "as soon as the blocking hook function completes": it was not called again. */
    assert_int_equal(log.calls, 2);
    assert_false(WSAIsBlocking());

    /* Nothing was lost: the socket still works. */
    assert_int_equal(send(s, "z", 1, 0), 1);
    assert_int_equal(recv(c, &b, 1, 0), 1);
    assert_int_equal(b, 'z');
    /* A cancel applies to one call only: the next blocking call waits again. */
    log.cancel_after = 0;
    log.calls = 0;
    struct late_send ls = {s, 100};
    HANDLE t = ws2t_thread(late_send_thread, &ls);
    assert_int_equal(recv(c, &b, 1, 0), 1);
    ws2t_join(t);
    assert_true(log.calls > 0);
    closesocket(c);
    closesocket(s);
}

/* Connects a new socket to addr after a delay, from another thread. */
struct late_connect {
    struct sockaddr_storage *addr;
    int len;
    DWORD delay_ms;
    SOCKET s;
};

static DWORD WINAPI late_connect_thread(LPVOID p)
{
    struct late_connect *lc = p;
    Sleep(lc->delay_ms);
    lc->s = socket(AF_INET, SOCK_STREAM, 0);
    return connect(lc->s, (struct sockaddr *)lc->addr, lc->len) == 0 ? 0 : 1;
}

/*
 * A lingering closesocket is a blocking call too: the hook runs while the
 * queued data waits, and a cancel from it ends the close with WSAEINTR
 * (closesocket.md).  The socket is gone all the same, with a reset, as at
 * the linger timeout.
 */
static void cancel_from_the_hook_ends_a_lingering_close(void **state)
{
    (void)state;
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    ws2t_fill_until_blocked(c); /* the peer reads nothing: the data stays queued */
    ws2t_set_nonblocking(c, 0);
    LINGER l = {1, 10};
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof(l)), 0);
    struct hook_log log = {.cancel_after = 3};
    hook_log = &log;
    assert_non_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(c), SOCKET_ERROR);
    assert_wsa_error(WSAEINTR);
    assert_true(ws2t_now_ms() - t0 < 5000); /* well before the 10 s linger */
    assert_int_equal(log.calls, 3);
    assert_int_equal(log.cancel_result, 0);
    /* The handle is released, and the peer sees the reset. */
    assert_int_equal(closesocket(c), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    size_t bytes;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 1);
    ws2t_raw_close(raw);
}

static void cancel_from_the_hook_fails_select_and_accept(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    struct hook_log log = {.cancel_after = 1};
    hook_log = &log;
    assert_non_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));

    /* If the cancel were lost, select would time out and accept get this late connection. */
    struct late_connect lc = {&addr, len, 3000, INVALID_SOCKET};
    HANDLE t = ws2t_thread(late_connect_thread, &lc);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(l, &r);
    struct timeval five = {5, 0};
    assert_int_equal(select(0, &r, NULL, NULL, &five), SOCKET_ERROR);
    assert_wsa_error(WSAEINTR);
    assert_int_equal(log.cancel_result, 0);

    log.calls = 0;
    log.cancel_result = -2;
    assert_true(accept(l, NULL, NULL) == INVALID_SOCKET);
    assert_wsa_error(WSAEINTR);
    assert_int_equal(log.cancel_result, 0);
    ws2t_join(t);
    closesocket(lc.s);

    /* "does not adversely impact the sockets passed to these calls". */
    assert_int_equal(WSAUnhookBlockingHook(), 0);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, len), 0);
    FD_ZERO(&r);
    FD_SET(l, &r);
    assert_int_equal(select(0, &r, NULL, NULL, NULL), 1);
    SOCKET a = accept(l, NULL, NULL);
    assert_true(a != INVALID_SOCKET);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

static void hook_keeps_the_receive_timeout(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    DWORD ms = 200;
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);
    struct hook_log log = {0};
    hook_log = &log;
    assert_non_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));
    char b;
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(recv(c, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAETIMEDOUT);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 150 && took < 2000);
    assert_true(log.calls > 0);
    closesocket(c);
    closesocket(s);
}

static void winsock_calls_from_the_hook_fail_inprogress(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct hook_log log = {.probe = 1, .cancel_after = 1, .other = s};
    hook_log = &log;
    FARPROC def = WSASetBlockingHook(AS_FARPROC(logging_hook));
    assert_non_null(def);
    assert_int_equal(send(c, "q", 1, 0), 1); /* s has data: its recv would not block */
    Sleep(50);
    DWORD ms = 5000; /* a lost cancel gives WSAETIMEDOUT, not a hang */
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);

    char b;
    assert_int_equal(recv(c, &b, 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAEINTR);
    assert_int_equal(log.socket_error, WSAEINPROGRESS);
    assert_int_equal(log.recv_error, WSAEINPROGRESS);
    /* Setting or removing the hook during a blocking call: WSAEINPROGRESS. */
    assert_int_equal(log.set_error, WSAEINPROGRESS);
    assert_int_equal(log.unhook_error, WSAEINPROGRESS);
    /* ... and neither changed it: the hook in place is still ours. */
    assert_ptr_equal(WSASetBlockingHook(def), AS_FARPROC(logging_hook));

    /* The refused recv consumed nothing. */
    assert_int_equal(recv(s, &b, 1, 0), 1);
    assert_int_equal(b, 'q');
    closesocket(c);
    closesocket(s);
}

struct thread_hook {
    FARPROC previous;
    int calls;
    int recv_result;
    SOCKET c;
};

static DWORD WINAPI hooked_thread(LPVOID p)
{
    struct thread_hook *th = p;
    struct hook_log log = {0};
    hook_log = &log;
    th->previous = WSASetBlockingHook(AS_FARPROC(other_hook));
    char b;
    th->recv_result = recv(th->c, &b, 1, 0);
    th->calls = log.calls;
    WSAUnhookBlockingHook();
    return 0;
}

static void the_hook_is_per_thread(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct hook_log log = {0};
    hook_log = &log;
    FARPROC def = WSASetBlockingHook(AS_FARPROC(logging_hook));
    assert_non_null(def);

    struct thread_hook th = {.c = c};
    HANDLE t = ws2t_thread(hooked_thread, &th);
    Sleep(200);
    assert_int_equal(send(s, "x", 1, 0), 1);
    ws2t_join(t);
    /* The other thread started from the default hook, not from ours ... */
    assert_ptr_equal(th.previous, def);
    assert_int_equal(th.recv_result, 1);
    /* ... its blocking call ran its own hook, never ours ... */
    assert_true(th.calls > 0);
    assert_int_equal(log.calls, 0);
    /* ... and its unhook left ours in place. */
    assert_ptr_equal(WSASetBlockingHook(AS_FARPROC(logging_hook)), AS_FARPROC(logging_hook));
    closesocket(c);
    closesocket(s);
}

static void unhook_restores_the_default(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct hook_log log = {0};
    hook_log = &log;
    FARPROC def = WSASetBlockingHook(AS_FARPROC(logging_hook));
    assert_non_null(def);
    assert_true(def != AS_FARPROC(logging_hook));
    /* Nesting: the second call returns the first hook. */
    assert_ptr_equal(WSASetBlockingHook(AS_FARPROC(other_hook)), AS_FARPROC(logging_hook));
    /* "always install the default mechanism, not the previous mechanism". */
    assert_int_equal(WSAUnhookBlockingHook(), 0);
    assert_ptr_equal(WSASetBlockingHook(AS_FARPROC(logging_hook)), def);
    /* Restoring the saved default hook is unhooking too: the default one never runs ours. */
    assert_ptr_equal(WSASetBlockingHook(def), AS_FARPROC(logging_hook));
    struct late_send ls = {s, 150};
    HANDLE t = ws2t_thread(late_send_thread, &ls);
    char b;
    assert_int_equal(recv(c, &b, 1, 0), 1);
    ws2t_join(t);
    assert_int_equal(log.calls, 0);
    /* The default hook can be called directly (it has no messages to dispatch). */
    assert_int_equal(((BOOL(WINAPI *)(void))(void (*)(void))def)(), FALSE);
    closesocket(c);
    closesocket(s);
}

static void set_null_hook_fails_efault(void **state)
{
    (void)state;
    assert_null(WSASetBlockingHook(NULL));
    assert_wsa_error(WSAEFAULT);
}

static void cancel_outside_a_blocking_call_fails_einval(void **state)
{
    (void)state;
    assert_int_equal(WSACancelBlockingCall(), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    /* Also with a hook installed, once its blocking call is over. */
    struct hook_log log = {0};
    hook_log = &log;
    assert_non_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));
    assert_int_equal(WSACancelBlockingCall(), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
}

/* APCs run inside a blocking call too: WSPCancelBlockingCall's first case. */
struct apc_probe {
    SOCKET c;
    int recv_result, recv_error;
    int is_blocking, cancel_result, cancel_error;
    volatile LONG entered;
};

static void CALLBACK cancelling_apc(ULONG_PTR p)
{
    struct apc_probe *ap = (struct apc_probe *)p;
    ap->is_blocking = WSAIsBlocking();
    ap->cancel_result = WSACancelBlockingCall();
    ap->cancel_error = ap->cancel_result ? WSAGetLastError() : 0;
}

static DWORD WINAPI apc_target_thread(LPVOID p)
{
    struct apc_probe *ap = p;
    char b;
    InterlockedExchange(&ap->entered, 1);
    ap->recv_result = recv(ap->c, &b, 1, 0);
    ap->recv_error = ap->recv_result == SOCKET_ERROR ? WSAGetLastError() : 0;
    return 0;
}

static void cancel_from_an_apc_inside_a_blocking_call(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    DWORD ms = 5000; /* a lost cancel gives WSAETIMEDOUT, not a hang */
    assert_int_equal(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);
    struct apc_probe ap = {.c = c};
    HANDLE t = ws2t_thread(apc_target_thread, &ap);
    while (!ws2t_load(&ap.entered))
        Sleep(1);
    Sleep(100);
    assert_true(QueueUserAPC(cancelling_apc, t, (ULONG_PTR)&ap) != 0);
    ws2t_join(t);
    assert_true(ap.is_blocking);
    assert_int_equal(ap.cancel_result, 0);
    assert_int_equal(ap.recv_result, SOCKET_ERROR);
    assert_int_equal(ap.recv_error, WSAEINTR);
    closesocket(c);
    closesocket(s);
}

/* --- Winsock 2 ----------------------------------------------------------- */

static void winsock2_answers_eopnotsupp(void **state)
{
    (void)state;
    assert_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));
    assert_wsa_error(WSAEOPNOTSUPP);
    assert_null(WSASetBlockingHook(NULL));
    assert_wsa_error(WSAEOPNOTSUPP);
    assert_int_equal(WSAUnhookBlockingHook(), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    assert_int_equal(WSACancelBlockingCall(), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    WSASetLastError(0);
    assert_false(WSAIsBlocking());
    assert_wsa_error(WSAEOPNOTSUPP);
}

static void winsock2_apc_cannot_cancel(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct apc_probe ap = {.c = c};
    HANDLE t = ws2t_thread(apc_target_thread, &ap);
    while (!ws2t_load(&ap.entered))
        Sleep(1);
    Sleep(100);
    assert_true(QueueUserAPC(cancelling_apc, t, (ULONG_PTR)&ap) != 0);
    Sleep(100);
    assert_int_equal(send(s, "x", 1, 0), 1);
    ws2t_join(t);
    assert_false(ap.is_blocking);
    assert_int_equal(ap.cancel_result, SOCKET_ERROR);
    assert_int_equal(ap.cancel_error, WSAEOPNOTSUPP);
    /* The receive went on and got its byte. */
    assert_int_equal(ap.recv_result, 1);
    closesocket(c);
    closesocket(s);
}

/* WSAStartup(1.1) then WSAStartup(2.2): the latest negotiated version governs. */
static void the_latest_startup_version_governs(void **state)
{
    (void)state;
    WSADATA data;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(WSAStartup(MAKEWORD(1, 1), &data), 0);
    struct hook_log log = {0};
    hook_log = &log;
    FARPROC def = WSASetBlockingHook(AS_FARPROC(logging_hook));
    assert_non_null(def);

    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));
    assert_wsa_error(WSAEOPNOTSUPP);
    /* A Winsock 2 application's blocking call runs no hook. */
    struct late_send ls = {s, 150};
    HANDLE t = ws2t_thread(late_send_thread, &ls);
    char b;
    assert_int_equal(recv(c, &b, 1, 0), 1);
    ws2t_join(t);
    assert_int_equal(log.calls, 0);

    /* Back to 1.1: the thread's hook is still the one it set. */
    assert_int_equal(WSAStartup(MAKEWORD(1, 1), &data), 0);
    assert_ptr_equal(WSASetBlockingHook(def), AS_FARPROC(logging_hook));
    closesocket(c);
    closesocket(s);
}

/* --- Before WSAStartup ---------------------------------------------------- */

static void before_startup_notinitialised(void **state)
{
    (void)state;
    assert_null(WSASetBlockingHook(AS_FARPROC(logging_hook)));
    assert_wsa_error(WSANOTINITIALISED);
    assert_int_equal(WSAUnhookBlockingHook(), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    assert_int_equal(WSACancelBlockingCall(), SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    WSASetLastError(0);
    assert_false(WSAIsBlocking());
    assert_wsa_error(WSANOTINITIALISED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(hook_runs_during_a_blocking_recv, setup_11, teardown_11),
        cmocka_unit_test_setup_teardown(hook_does_not_run_when_the_call_completes_at_once, setup_11,
                                        teardown_11),
        cmocka_unit_test_setup_teardown(a_busy_hook_does_not_stall_the_call, setup_11, teardown_11),
        cmocka_unit_test_setup_teardown(is_blocking_false_outside_a_blocking_call, setup_11,
                                        teardown_11),
        cmocka_unit_test_setup_teardown(cancel_from_the_hook_fails_recv_with_eintr, setup_11,
                                        teardown_11),
        cmocka_unit_test_setup_teardown(cancel_from_the_hook_ends_a_lingering_close, setup_11,
                                        teardown_11),
        cmocka_unit_test_setup_teardown(cancel_from_the_hook_fails_select_and_accept, setup_11,
                                        teardown_11),
        cmocka_unit_test_setup_teardown(hook_keeps_the_receive_timeout, setup_11, teardown_11),
        cmocka_unit_test_setup_teardown(winsock_calls_from_the_hook_fail_inprogress, setup_11,
                                        teardown_11),
        cmocka_unit_test_setup_teardown(the_hook_is_per_thread, setup_11, teardown_11),
        cmocka_unit_test_setup_teardown(unhook_restores_the_default, setup_11, teardown_11),
        cmocka_unit_test_setup_teardown(set_null_hook_fails_efault, setup_11, teardown_11),
        cmocka_unit_test_setup_teardown(cancel_outside_a_blocking_call_fails_einval, setup_11,
                                        teardown_11),
        cmocka_unit_test_setup_teardown(cancel_from_an_apc_inside_a_blocking_call, setup_11,
                                        teardown_11),
        cmocka_unit_test_setup_teardown(winsock2_answers_eopnotsupp, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(winsock2_apc_cannot_cancel, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(the_latest_startup_version_governs, ws2t_setup,
                                        teardown_11),
        cmocka_unit_test(before_startup_notinitialised),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
