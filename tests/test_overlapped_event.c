/*
 * The OVERLAPPED's event is cleared when an overlapped operation is issued.
 * Windows' I/O manager resets hEvent as it takes the request, before the
 * request can complete (ReadFile.md: "ReadFile resets the event to a
 * nonsignaled state when it begins the I/O operation"; socket calls reach
 * AFD the same way), so a program that reuses one event per socket never
 * mistakes a pending operation for its completed predecessor.  With a
 * completion routine hEvent is the application's ("the hEvent parameter is
 * ignored"); a set low bit only keeps the completion off the port.
 *
 * An operation that completes inside the call sets the event again at once,
 * so each test issues one that stays pending.
 */
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include <mswsock.h>

static WSAEVENT signaled_event(void)
{
    WSAEVENT e = WSACreateEvent();
    assert_true(e != WSA_INVALID_EVENT);
    assert_true(WSASetEvent(e));
    return e;
}

static int signaled(WSAEVENT e, DWORD timeout_ms)
{
    return WSAWaitForMultipleEvents(1, &e, FALSE, timeout_ms, FALSE) == WSA_WAIT_EVENT_0;
}

/* The repro's pattern: one event per socket, still signaled by the last completion. */
static void wsarecv_reusing_a_signaled_event_waits_for_its_own_completion(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = signaled_event();
    char buf[16];
    WSABUF b = {sizeof(buf), buf};
    DWORD flags = 0, n = 0;
    assert_int_equal(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_false(signaled(ov.hEvent, 0));
    assert_int_equal(send(c, "abc", 3, 0), 3);
    assert_true(signaled(ov.hEvent, 5000));
    assert_true(WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags));
    assert_int_equal(n, 3);

    /* The same event again, not reset by the program: the next receive is pending. */
    assert_int_equal(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_false(signaled(ov.hEvent, 0));
    assert_int_equal(send(c, "de", 2, 0), 2);
    assert_true(signaled(ov.hEvent, 5000));
    assert_true(WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags));
    assert_int_equal(n, 2);
    closesocket(c);
    closesocket(s);
    WSACloseEvent(ov.hEvent);
}

static void wsarecvfrom_clears_a_signaled_event_when_it_pends(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    SOCKET u = ws2t_udp_bound(&addr);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = signaled_event();
    char buf[16];
    WSABUF b = {sizeof(buf), buf};
    DWORD flags = 0, n = 0;
    struct sockaddr_in from;
    int fromlen = sizeof(from);
    assert_int_equal(
        WSARecvFrom(u, &b, 1, NULL, &flags, (struct sockaddr *)&from, &fromlen, &ov, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_false(signaled(ov.hEvent, 0));
    SOCKET t = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_int_equal(sendto(t, "xy", 2, 0, (struct sockaddr *)&addr, sizeof(addr)), 2);
    assert_true(signaled(ov.hEvent, 5000));
    assert_true(WSAGetOverlappedResult(u, &ov, &n, FALSE, &flags));
    assert_int_equal(n, 2);
    closesocket(t);
    closesocket(u);
    WSACloseEvent(ov.hEvent);
}

/* A send pends while the peer reads nothing and the buffers are full. */
static void send_kind_clears_a_signaled_event_when_it_pends(int sendto_call)
{
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    ws2t_fill_until_blocked(c);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = signaled_event();
    /*
     * Linux may take more after the fill found the buffers full (it goes on
     * growing the receive window for a while), so the send is made far
     * larger than anything it could take at once: it must pend.
     */
    static char chunk[16 << 20];
    WSABUF b = {sizeof(chunk), chunk};
    /* WSASendTo on a connection-oriented socket ignores the address (sendto.md). */
    int r = sendto_call ? WSASendTo(c, &b, 1, NULL, 0, NULL, 0, &ov, NULL)
                        : WSASend(c, &b, 1, NULL, 0, &ov, NULL);
    assert_int_equal(r, SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_false(signaled(ov.hEvent, 0));
    /* closesocket aborts it, with its completion action: the event is set then. */
    closesocket(c);
    assert_true(signaled(ov.hEvent, 5000));
    assert_int_equal((DWORD)ov.Internal, 0xC0000120u); /* STATUS_CANCELLED */
    closesocket(s);
    WSACloseEvent(ov.hEvent);
}

static void wsasend_clears_a_signaled_event_when_it_pends(void **state)
{
    (void)state;
    send_kind_clears_a_signaled_event_when_it_pends(0);
}

static void wsasendto_clears_a_signaled_event_when_it_pends(void **state)
{
    (void)state;
    send_kind_clears_a_signaled_event_when_it_pends(1);
}

#define ADDR_LEN (sizeof(struct sockaddr_in) + 16)

static void acceptex_clears_a_signaled_event_when_it_pends(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int addrlen = sizeof(addr);
    SOCKET l = ws2t_listener(AF_INET, &addr, &addrlen);
    LPFN_ACCEPTEX accept_ex = (LPFN_ACCEPTEX)ws2t_extension(l, (GUID)WSAID_ACCEPTEX);
    SOCKET a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = signaled_event();
    char out[2 * ADDR_LEN];
    DWORD n = 0;
    assert_false(accept_ex(l, a, out, 0, ADDR_LEN, ADDR_LEN, &n, &ov));
    assert_wsa_error(WSA_IO_PENDING);
    /* Asserted once the operation is over: a failed test leaves nothing pending. */
    int early = signaled(ov.hEvent, 0);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, addrlen), 0);
    int done = signaled(ov.hEvent, 5000);
    DWORD flags = 0;
    BOOL ok = WSAGetOverlappedResult(l, &ov, &n, FALSE, &flags);
    closesocket(c);
    closesocket(a);
    closesocket(l);
    WSACloseEvent(ov.hEvent);
    assert_false(early);
    assert_true(done);
    assert_true(ok);
}

/* ConnectEx completes when its data is sent: more than the connection can hold keeps it pending. */
static void connectex_clears_a_signaled_event_when_it_pends(void **state)
{
    (void)state;
    struct sockaddr_storage addr;
    int addrlen = sizeof(addr);
    SOCKET l = ws2t_listener(AF_INET, &addr, &addrlen);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(c, (struct sockaddr *)&any, sizeof(any)), 0);
    LPFN_CONNECTEX connect_ex = (LPFN_CONNECTEX)ws2t_extension(c, (GUID)WSAID_CONNECTEX);
    size_t size = 64u << 20;
    char *data = calloc(1, size);
    assert_non_null(data);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = signaled_event();
    assert_false(connect_ex(c, (struct sockaddr *)&addr, addrlen, data, (DWORD)size, NULL, &ov));
    assert_wsa_error(WSA_IO_PENDING);
    int early = signaled(ov.hEvent, 0);
    closesocket(c);
    int done = signaled(ov.hEvent, 5000);
    closesocket(l);
    free(data);
    WSACloseEvent(ov.hEvent);
    assert_false(early);
    assert_true(done);
}

/* hEvent with its low bit set still names the event: the handle without the bit is cleared. */
static void event_with_the_low_bit_set_is_cleared_too(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAEVENT e = signaled_event();
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = (HANDLE)((ULONG_PTR)e | 1);
    char buf[16];
    WSABUF b = {sizeof(buf), buf};
    DWORD flags = 0;
    assert_int_equal(WSARecv(s, &b, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_false(signaled(e, 0));
    assert_int_equal(send(c, "z", 1, 0), 1);
    assert_true(signaled(e, 5000));
    closesocket(c);
    closesocket(s);
    WSACloseEvent(e);
}

static void CALLBACK ignore_completion(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)error;
    (void)bytes;
    (void)ov;
    (void)flags;
}

/* With a completion routine hEvent is free for the application: left as it is. */
static void completion_routine_leaves_the_event_alone(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = signaled_event();
    char buf[16];
    WSABUF b = {sizeof(buf), buf};
    DWORD flags = 0;
    assert_int_equal(WSARecv(s, &b, 1, NULL, &flags, &ov, ignore_completion), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_true(signaled(ov.hEvent, 0));
    closesocket(s);
    SleepEx(0, TRUE); /* the aborted receive's routine */
    closesocket(c);
    WSACloseEvent(ov.hEvent);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            wsarecv_reusing_a_signaled_event_waits_for_its_own_completion, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(wsarecvfrom_clears_a_signaled_event_when_it_pends,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(wsasend_clears_a_signaled_event_when_it_pends, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(wsasendto_clears_a_signaled_event_when_it_pends, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_clears_a_signaled_event_when_it_pends, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(connectex_clears_a_signaled_event_when_it_pends, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(event_with_the_low_bit_set_is_cleared_too, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(completion_routine_leaves_the_event_alone, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("overlapped_event", tests, NULL, NULL);
}
