/*
 * The final WSACleanup cancels what is pending, whatever it does to the
 * other sockets (WSACleanup.txt: "any pending blocking or asynchronous
 * Windows Sockets calls issued by any thread in this process are canceled
 * without posting any notification messages or without signaling any event
 * objects").  The cleanup resets every open socket, one after another; when
 * both ends of a loopback connection are ours, the reset of the first
 * reaches the second before the cleanup does.  What waits on the second —
 * a blocked recv, select or WSAPoll, a WSAEventSelect event — must still
 * see only the cancellation: recv and select fail with WSAEINTR, WSAPoll
 * answers POLLNVAL, and no event is set.  Nor does an overlapped operation
 * that the I/O engine finishes while the cleanup goes on set its event.
 *
 * These were races (a run showed one in roughly a quarter of the cases), so
 * each test repeats its round: many connections per round, both ends of
 * each waited on, with sockets between the two ends in handle order so that
 * the cleanup reaches the second end a little later.
 */
#include <stdio.h>
#include <string.h>

#include <mswsock.h>

#include "testlib.h"

#define ROUNDS 12
/* Sockets made between the two ends of a connection (the cleanup resets them in between). */
#define BETWEEN 60

static void startup(void)
{
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
}

/*
 * A loopback TCP connection whose ends are both ours, with BETWEEN datagram
 * sockets made between the two ends, each selected for FD_READ with
 * selected (which makes the cleanup's pass over them slower).
 */
static void pair_with_sockets_between(SOCKET *a, SOCKET *b, HANDLE selected)
{
    struct sockaddr_storage addr;
    int len = sizeof(addr);
    SOCKET l = ws2t_listener(AF_INET, &addr, &len);
    *a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(*a != INVALID_SOCKET);
    assert_int_equal(connect(*a, (struct sockaddr *)&addr, len), 0);
    for (int k = 0; k < BETWEEN; k++) {
        SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        assert_true(u != INVALID_SOCKET);
        assert_int_equal(WSAEventSelect(u, selected, FD_READ), 0);
    }
    *b = accept(l, NULL, NULL);
    assert_true(*b != INVALID_SOCKET);
    assert_int_equal(closesocket(l), 0);
}

enum call { CALL_RECV, CALL_SELECT, CALL_POLL, CALLS };

struct waiter {
    SOCKET s;
    enum call call;
    volatile LONG entered;
    int result;
    int error;
    SHORT revents;
};

static DWORD WINAPI waiter_run(LPVOID arg)
{
    struct waiter *w = arg;
    char c;
    InterlockedExchange(&w->entered, 1);
    if (w->call == CALL_RECV) {
        w->result = recv(w->s, &c, 1, 0);
    } else if (w->call == CALL_SELECT) {
        fd_set rd;
        FD_ZERO(&rd);
        FD_SET(w->s, &rd);
        w->result = select(0, &rd, NULL, NULL, NULL);
    } else {
        WSAPOLLFD p = {w->s, POLLRDNORM, 0};
        w->result = WSAPoll(&p, 1, -1);
        w->revents = p.revents;
    }
    w->error = w->result == SOCKET_ERROR ? WSAGetLastError() : 0;
    return 0;
}

/* Whether the call ended as the cleanup's cancellation. */
static BOOL waiter_cancelled(const struct waiter *w)
{
    if (w->call == CALL_POLL)
        return w->result == 1 && (w->revents & POLLNVAL);
    return w->result == SOCKET_ERROR && w->error == WSAEINTR;
}

/*
 * Whether the call came too late to be blocked when the cleanup began (the
 * machine is loaded): it then found Winsock, or its socket, already gone.
 */
static BOOL waiter_late(const struct waiter *w)
{
    return w->result == SOCKET_ERROR &&
           (w->error == WSANOTINITIALISED || w->error == WSAENOTSOCK || w->error == WSAEINVAL);
}

/*
 * A recv, a select and a WSAPoll blocked on each end of a connection whose
 * ends are both ours: the final WSACleanup resets one end first, and the
 * call blocked on the other must still fail as cancelled, never with the
 * reset (WSAECONNRESET, select returning 1, WSAPoll reporting POLLHUP).
 */
static void blocked_calls_fail_as_cancelled_when_their_peer_is_reset_first(void **state)
{
    (void)state;
    int counted = 0, wrong = 0;
    char first[160] = "";
    for (int round = 0; round < ROUNDS; round++) {
        startup();
        HANDLE selected = WSACreateEvent();
        struct waiter w[2 * CALLS];
        HANDLE th[2 * CALLS];
        for (int k = 0; k < CALLS; k++) {
            SOCKET a, b;
            pair_with_sockets_between(&a, &b, selected);
            w[2 * k] = (struct waiter){.s = a, .call = (enum call)k};
            w[2 * k + 1] = (struct waiter){.s = b, .call = (enum call)k};
        }
        for (int i = 0; i < 2 * CALLS; i++)
            th[i] = ws2t_thread(waiter_run, &w[i]);
        for (int i = 0; i < 2 * CALLS; i++)
            while (!ws2t_load(&w[i].entered))
                Sleep(1);
        Sleep(30); /* into their waits */
        assert_int_equal(WSACleanup(), 0);
        assert_int_equal(WaitForMultipleObjects(2 * CALLS, th, TRUE, 10000), WAIT_OBJECT_0);
        for (int i = 0; i < 2 * CALLS; i++) {
            CloseHandle(th[i]);
            if (waiter_late(&w[i]))
                continue;
            counted++;
            if (waiter_cancelled(&w[i]))
                continue;
            if (!wrong++)
                snprintf(first, sizeof(first), "call %d: result %d, error %d, revents %#x",
                         (int)w[i].call, w[i].result, w[i].error, (unsigned)w[i].revents);
        }
        WSACloseEvent(selected);
    }
    if (wrong)
        fail_msg("%d of %d blocked calls did not end as cancelled; first %s", wrong, counted,
                 first);
    /* Most calls were blocked in time: the test has looked at what it means to. */
    assert_true(counted >= ROUNDS * 2 * CALLS / 2);
}

/*
 * Both ends of several connections selected for FD_READ and FD_CLOSE, each
 * with an event of its own and nothing recorded: the final WSACleanup resets
 * them one by one, and sets none of the events — not even the one of an end
 * whose peer it has reset before reaching it.
 */
static void cleanup_sets_no_selected_event_when_a_peer_is_reset_first(void **state)
{
    (void)state;
    enum { PAIRS = 6 };
    int signalled = 0, looked = 0;
    for (int round = 0; round < ROUNDS; round++) {
        startup();
        HANDLE selected = WSACreateEvent();
        HANDLE ev[2 * PAIRS];
        for (int k = 0; k < PAIRS; k++) {
            SOCKET a, b;
            pair_with_sockets_between(&a, &b, selected);
            ev[2 * k] = WSACreateEvent();
            ev[2 * k + 1] = WSACreateEvent();
            assert_int_equal(WSAEventSelect(a, ev[2 * k], FD_READ | FD_CLOSE), 0);
            assert_int_equal(WSAEventSelect(b, ev[2 * k + 1], FD_READ | FD_CLOSE), 0);
        }
        /* Nothing has happened on the connections: no event is set. */
        assert_int_equal(WaitForMultipleObjects(2 * PAIRS, ev, FALSE, 20), WAIT_TIMEOUT);
        assert_int_equal(WSACleanup(), 0);
        /* The engine thread has been joined by now; give a stray signal time all the same. */
        Sleep(5);
        for (int i = 0; i < 2 * PAIRS; i++) {
            looked++;
            signalled += WaitForSingleObject(ev[i], 0) == WAIT_OBJECT_0;
            CloseHandle(ev[i]);
        }
        WSACloseEvent(selected);
    }
    if (signalled)
        fail_msg("the final WSACleanup set %d of %d WSAEventSelect events", signalled, looked);
}

/*
 * Connections that come while the final WSACleanup goes on, to listeners
 * that wait for one: with an AcceptEx pending, selected for FD_ACCEPT, or
 * with a thread blocked in accept.  They were pending when WSACleanup was
 * called, so they are "canceled without posting any notification messages or
 * without signaling any event objects", however far they had got: no
 * AcceptEx sets its event (whether the I/O engine accepted the connection or
 * failed it because the accept socket was going away), no FD_ACCEPT is
 * recorded, and an accept that took the connection fails with WSAEINTR.  The
 * cleanup is seen to have begun when a thread blocked in accept on another
 * socket returns; that thread then connects, from outside Winsock, to each
 * listener.  The listeners lie among many sockets with overlapped receives
 * pending, so that the cleanup takes a while to reach each of them.
 */
enum { LISTENERS = 16, FILLERS = 40, FILLER_OPS = 24 };
enum listener_kind { BY_ACCEPTEX, BY_SELECT, BY_ACCEPT, KINDS };

struct connect_on_wake {
    SOCKET trigger;
    unsigned short ports[LISTENERS][KINDS];
    int raw[LISTENERS][KINDS];
    volatile LONG entered;
};

static DWORD WINAPI connect_on_wake_run(LPVOID arg)
{
    struct connect_on_wake *c = arg;
    InterlockedExchange(&c->entered, 1);
    accept(c->trigger, NULL, NULL); /* returns once the cleanup has reached the trigger */
    for (int k = 0; k < LISTENERS; k++)
        for (int i = 0; i < KINDS; i++)
            c->raw[k][i] = ws2t_raw_connect(c->ports[k][i]);
    return 0;
}

struct blocked_accept {
    SOCKET l;
    volatile LONG entered;
    SOCKET result;
    int error;
};

static DWORD WINAPI blocked_accept_run(LPVOID arg)
{
    struct blocked_accept *b = arg;
    InterlockedExchange(&b->entered, 1);
    b->result = accept(b->l, NULL, NULL);
    b->error = b->result == INVALID_SOCKET ? WSAGetLastError() : 0;
    return 0;
}

/* FILLERS datagram sockets, each with FILLER_OPS overlapped receives pending on event. */
static void sockets_with_receives_pending(WSAOVERLAPPED (*ov)[FILLER_OPS], HANDLE event)
{
    static char buf[1];
    for (int k = 0; k < FILLERS; k++) {
        struct sockaddr_in ua;
        SOCKET u = ws2t_udp_bound(&ua);
        for (int i = 0; i < FILLER_OPS; i++) {
            WSABUF wb = {1, buf};
            DWORD got = 0, flags = 0;
            memset(&ov[k][i], 0, sizeof(ov[k][i]));
            ov[k][i].hEvent = event;
            assert_int_equal(WSARecv(u, &wb, 1, &got, &flags, &ov[k][i], NULL), SOCKET_ERROR);
            assert_wsa_error(WSA_IO_PENDING);
        }
    }
}

/* A listener on loopback whose port goes to *port. */
static SOCKET listener_at(unsigned short *port)
{
    struct sockaddr_storage la;
    SOCKET l = ws2t_listener(AF_INET, &la, NULL);
    *port = ws2t_local_port(l);
    return l;
}

static void accept_ex_pending(SOCKET l, WSAOVERLAPPED *ov, char *buf)
{
    GUID id = WSAID_ACCEPTEX;
    LPFN_ACCEPTEX accept_ex = NULL;
    DWORD n = 0;
    assert_int_equal(WSAIoctl(l, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id), &accept_ex,
                              sizeof(accept_ex), &n, NULL, NULL),
                     0);
    SOCKET a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(ov, 0, sizeof(*ov));
    ov->hEvent = WSACreateEvent();
    assert_false(accept_ex(l, a, buf, 0, sizeof(struct sockaddr_in) + 16,
                           sizeof(struct sockaddr_in) + 16, &n, ov));
    assert_wsa_error(WSA_IO_PENDING);
}

static void cleanup_cancels_accepts_whose_connection_comes_during_it(void **state)
{
    (void)state;
    static WSAOVERLAPPED fillers[LISTENERS][FILLERS][FILLER_OPS];
    static char buf[LISTENERS][2 * (sizeof(struct sockaddr_in) + 16)];
    int signalled = 0, recorded = 0, taken = 0, wrong = 0;
    char first[96] = "";
    for (int round = 0; round < ROUNDS; round++) {
        startup();
        struct sockaddr_storage la;
        struct connect_on_wake c = {.trigger = ws2t_listener(AF_INET, &la, NULL)};
        HANDLE filled = WSACreateEvent();
        WSAOVERLAPPED ov[LISTENERS];
        HANDLE selected[LISTENERS];
        struct blocked_accept blocked[LISTENERS];
        for (int k = 0; k < LISTENERS; k++) {
            sockets_with_receives_pending(fillers[k], filled);
            accept_ex_pending(listener_at(&c.ports[k][BY_ACCEPTEX]), &ov[k], buf[k]);
            selected[k] = WSACreateEvent();
            assert_int_equal(
                WSAEventSelect(listener_at(&c.ports[k][BY_SELECT]), selected[k], FD_ACCEPT), 0);
            blocked[k] = (struct blocked_accept){.l = listener_at(&c.ports[k][BY_ACCEPT])};
        }
        HANDLE th[LISTENERS + 1];
        for (int k = 0; k < LISTENERS; k++)
            th[k] = ws2t_thread(blocked_accept_run, &blocked[k]);
        th[LISTENERS] = ws2t_thread(connect_on_wake_run, &c);
        for (int k = 0; k < LISTENERS; k++)
            while (!ws2t_load(&blocked[k].entered))
                Sleep(1);
        while (!ws2t_load(&c.entered))
            Sleep(1);
        Sleep(50); /* into their accepts */
        assert_int_equal(WSACleanup(), 0);
        for (int k = 0; k <= LISTENERS; k++)
            ws2t_join(th[k]);

        for (int k = 0; k < LISTENERS; k++) {
            /* Aborted, or finished by the engine: either way recorded, and nothing set. */
            assert_true(ov[k].Internal != 0x103); /* STATUS_PENDING */
            if (WaitForSingleObject(ov[k].hEvent, 0) == WAIT_OBJECT_0 && !signalled++)
                snprintf(first, sizeof(first), "AcceptEx status %#lx in round %d",
                         (unsigned long)ov[k].Internal, round + 1);
            CloseHandle(ov[k].hEvent);
            recorded += WaitForSingleObject(selected[k], 0) == WAIT_OBJECT_0;
            CloseHandle(selected[k]);
            /*
             * The raw peer tells whether the blocked accept took its
             * connection: an accept that did closes it in order (FIN); one
             * still waiting in the backlog is reset with the listener.
             */
            size_t bytes;
            if (c.raw[k][BY_ACCEPT] >= 0 &&
                ws2t_raw_drain(c.raw[k][BY_ACCEPT], &bytes, 5000) == 0) {
                taken++;
                if (blocked[k].result != INVALID_SOCKET || blocked[k].error != WSAEINTR)
                    wrong++;
            }
            for (int i = 0; i < KINDS; i++)
                if (c.raw[k][i] >= 0)
                    ws2t_raw_close(c.raw[k][i]);
        }
        assert_int_equal(WaitForSingleObject(filled, 0), WAIT_TIMEOUT);
        CloseHandle(filled);
    }
    if (signalled || recorded || wrong)
        fail_msg("during the final WSACleanup: %d of %d AcceptEx set their event (first %s), %d "
                 "of %d FD_ACCEPT selections set theirs, %d of %d accepts that took their "
                 "connection did not fail with WSAEINTR",
                 signalled, ROUNDS * LISTENERS, first, recorded, ROUNDS * LISTENERS, wrong, taken);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(blocked_calls_fail_as_cancelled_when_their_peer_is_reset_first,
                                  ws2t_teardown),
        cmocka_unit_test_teardown(cleanup_sets_no_selected_event_when_a_peer_is_reset_first,
                                  ws2t_teardown),
        cmocka_unit_test_teardown(cleanup_cancels_accepts_whose_connection_comes_during_it,
                                  ws2t_teardown),
    };
    return cmocka_run_group_tests_name("cleanup_cancel", tests, NULL, NULL);
}
