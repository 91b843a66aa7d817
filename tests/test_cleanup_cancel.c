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
 * answers POLLNVAL, and no event is set.
 *
 * The defect was a race (a run showed it in roughly a quarter of the
 * cases), so each test repeats its round: many connections per round, both
 * ends of each waited on, with sockets between the two ends in handle order
 * so that the cleanup reaches the second end a little later.
 */
#include <stdio.h>
#include <string.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(blocked_calls_fail_as_cancelled_when_their_peer_is_reset_first,
                                  ws2t_teardown),
        cmocka_unit_test_teardown(cleanup_sets_no_selected_event_when_a_peer_is_reset_first,
                                  ws2t_teardown),
    };
    return cmocka_run_group_tests_name("cleanup_cancel", tests, NULL, NULL);
}
