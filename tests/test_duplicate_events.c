/*
 * Network-event selection on a shared socket (WSADuplicateSocket in this
 * process).  Shared Sockets: "Issuing either of these calls using any of
 * the shared descriptors cancels any previous event registration for the
 * socket, regardless of which descriptor was used to make that
 * registration", and "all the state associated with a socket is held in
 * common across all the descriptors" — the non-blocking mode that
 * WSAEventSelect sets included.
 */
#include <string.h>

#include "testlib.h"

static SOCKET twin(SOCKET s)
{
    WSAPROTOCOL_INFOW info;
    assert_int_equal(WSADuplicateSocketW(s, GetCurrentProcessId(), &info), 0);
    SOCKET d = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                          WSA_FLAG_OVERLAPPED);
    assert_true(d != INVALID_SOCKET);
    return d;
}

static void a_selection_through_one_handle_cancels_the_others(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    SOCKET other = twin(server);
    WSAEVENT first = WSACreateEvent(), second = WSACreateEvent();
    assert_int_equal(WSAEventSelect(server, first, FD_READ), 0);
    assert_int_equal(WSAEventSelect(other, second, FD_READ), 0);

    assert_int_equal(send(client, "x", 1, 0), 1);
    /* The registration made through the second handle is the socket's only one. */
    assert_int_equal(WaitForSingleObject(second, 5000), WAIT_OBJECT_0);
    assert_int_equal(WaitForSingleObject(first, 300), WAIT_TIMEOUT);
    WSANETWORKEVENTS events;
    assert_int_equal(WSAEnumNetworkEvents(other, second, &events), 0);
    assert_true(events.lNetworkEvents & FD_READ);
    assert_int_equal(WSAEnumNetworkEvents(server, first, &events), 0);
    assert_int_equal(events.lNetworkEvents, 0);

    closesocket(other);
    closesocket(server);
    closesocket(client);
    WSACloseEvent(first);
    WSACloseEvent(second);
}

static void a_selection_makes_every_handle_nonblocking(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    SOCKET other = twin(server);
    /* Were the other handle still blocking, the receive would time out rather than hang. */
    DWORD ms = 2000;
    assert_int_equal(setsockopt(other, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof(ms)), 0);
    WSAEVENT event = WSACreateEvent();
    assert_int_equal(WSAEventSelect(server, event, FD_READ), 0);
    char c;
    assert_int_equal(recv(other, &c, 1, 0), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSAEWOULDBLOCK);
    closesocket(other);
    closesocket(server);
    closesocket(client);
    WSACloseEvent(event);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_selection_through_one_handle_cancels_the_others,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(a_selection_makes_every_handle_nonblocking, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("duplicate_events", tests, NULL, NULL);
}
