/*
 * WSAEventSelect with FD_ADDRESS_LIST_CHANGE and FD_ROUTING_INTERFACE_CHANGE.
 * winsock-ioctls.md: SIO_ADDRESS_LIST_CHANGE "issued on a non-blocking
 * socket and without overlapped parameters ... will complete immediately
 * with error WSAEWOULDBLOCK. The application can then wait for address list
 * change events through a call to WSAEventSelect ... with
 * FD_ADDRESS_LIST_CHANGE bit set"; WSAEventSelect.md: the event is posted
 * "exactly once when a change occurs after the application has requested
 * the notification ... Other messages will not be forthcoming until the
 * application reissues the IOCTL and another change is detected".  Wine's
 * tests, run on Windows: a socket that never issued the control is not
 * signalled.  The changes are made in a child process with a network
 * namespace of its own, so that no other test sees them.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "testlib.h"

#define CHANGES (FD_ADDRESS_LIST_CHANGE | FD_ROUTING_INTERFACE_CHANGE)

/* The control without an OVERLAPPED: WSAEWOULDBLOCK on a non-blocking socket. */
static int request(SOCKET s, DWORD code)
{
    SOCKADDR_IN dest;
    memset(&dest, 0, sizeof(dest));
    dest.sin_family = AF_INET;
    dest.sin_addr.s_addr = htonl(0x0a4d0009); /* 10.77.0.9: the routing control names a target */
    DWORD size = 0;
    bool route = code == SIO_ROUTING_INTERFACE_CHANGE;
    return WSAIoctl(s, code, route ? &dest : NULL, route ? sizeof(dest) : 0, NULL, 0, &size, NULL,
                    NULL) == SOCKET_ERROR
               ? WSAGetLastError()
               : 0;
}

/* The events recorded (enumerated, so cleared); 0 when the event object stays unsignalled. */
static LONG events_of(SOCKET s, HANDLE ev, DWORD wait_ms)
{
    if (WaitForSingleObject(ev, wait_ms) != WAIT_OBJECT_0)
        return 0;
    WSANETWORKEVENTS ne;
    memset(&ne, 0xcc, sizeof(ne));
    if (WSAEnumNetworkEvents(s, ev, &ne) != 0)
        return -1;
    for (int bit = FD_ROUTING_INTERFACE_CHANGE_BIT; bit <= FD_ADDRESS_LIST_CHANGE_BIT; bit++)
        if ((ne.lNetworkEvents & (1 << bit)) && ne.iErrorCode[bit] != 0)
            return -1;
    return ne.lNetworkEvents;
}

/*
 * Without a change nothing is recorded: the request answers WSAEWOULDBLOCK
 * (for both controls, on a socket WSAEventSelect made non-blocking) and
 * the selection stays quiet.
 */
static void change_requests_would_block_and_record_nothing_unchanged(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(s != INVALID_SOCKET);
    HANDLE ev = WSACreateEvent();
    assert_int_equal(WSAEventSelect(s, ev, CHANGES), 0);
    assert_int_equal(request(s, SIO_ADDRESS_LIST_CHANGE), WSAEWOULDBLOCK);
    assert_int_equal(request(s, SIO_ROUTING_INTERFACE_CHANGE), WSAEWOULDBLOCK);
    assert_int_equal(events_of(s, ev, 200), 0);
    WSACloseEvent(ev);
    closesocket(s);
}

/* ---- The child, in a network namespace of its own ---------------------------------------- */

#define CHECK(cond, what)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("fail %s\n", what);                                                             \
            fflush(stdout);                                                                        \
            return 1;                                                                              \
        }                                                                                          \
    } while (0)

static SOCKET selected(int af, LONG events, HANDLE *ev)
{
    SOCKET s = socket(af, SOCK_DGRAM, IPPROTO_UDP);
    *ev = WSACreateEvent();
    if (s != INVALID_SOCKET && WSAEventSelect(s, *ev, events) != 0) {
        closesocket(s);
        s = INVALID_SOCKET;
    }
    return s;
}

static int child_main(void)
{
    if (ws2t_private_netns() != 0) {
        printf("nonetns\n");
        return 0;
    }
    WSADATA d;
    CHECK(WSAStartup(MAKEWORD(2, 2), &d) == 0, "WSAStartup");
    HANDLE eva, evr, evn, ev6;
    SOCKET sa = selected(AF_INET, FD_ADDRESS_LIST_CHANGE, &eva);
    SOCKET sr = selected(AF_INET, FD_ROUTING_INTERFACE_CHANGE, &evr);
    SOCKET sn = selected(AF_INET, CHANGES, &evn); /* never issues the controls */
    SOCKET s6 = selected(AF_INET6, FD_ADDRESS_LIST_CHANGE, &ev6);
    CHECK(sa != INVALID_SOCKET && sr != INVALID_SOCKET && sn != INVALID_SOCKET &&
              s6 != INVALID_SOCKET,
          "sockets");
    CHECK(request(sa, SIO_ADDRESS_LIST_CHANGE) == WSAEWOULDBLOCK, "request addresses");
    CHECK(request(sr, SIO_ROUTING_INTERFACE_CHANGE) == WSAEWOULDBLOCK, "request routes");
    CHECK(request(s6, SIO_ADDRESS_LIST_CHANGE) == WSAEWOULDBLOCK, "request v6 addresses");
    CHECK(events_of(sa, eva, 200) == 0, "nothing before a change");

    static const unsigned char v4[4] = {10, 77, 0, 1};
    CHECK(ws2t_linux_change_address(1, 0, v4, 24) == 0, "add v4");
    CHECK(events_of(sa, eva, 5000) == FD_ADDRESS_LIST_CHANGE, "FD_ADDRESS_LIST_CHANGE");
    CHECK(events_of(sr, evr, 5000) == FD_ROUTING_INTERFACE_CHANGE, "FD_ROUTING_INTERFACE_CHANGE");
    CHECK(events_of(sn, evn, 300) == 0, "nothing without a request");
    CHECK(events_of(s6, ev6, 0) == 0, "an IPv4 change is not the IPv6 socket's");

    /* Exactly once: the next change records nothing until the control is issued again. */
    CHECK(ws2t_linux_change_address(0, 0, v4, 24) == 0, "remove v4");
    CHECK(events_of(sa, eva, 300) == 0, "not again without a new request");
    CHECK(request(sa, SIO_ADDRESS_LIST_CHANGE) == WSAEWOULDBLOCK, "request again");
    CHECK(events_of(sa, eva, 200) == 0, "not for the change before the request");
    CHECK(ws2t_linux_change_address(1, 0, v4, 24) == 0, "add v4 again");
    CHECK(events_of(sa, eva, 5000) == FD_ADDRESS_LIST_CHANGE, "again after the new request");

    static const unsigned char v6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x77};
    CHECK(ws2t_linux_change_address(1, 1, v6, 64) == 0, "add v6");
    CHECK(events_of(s6, ev6, 5000) == FD_ADDRESS_LIST_CHANGE, "v6 FD_ADDRESS_LIST_CHANGE");
    printf("ok\n");
    fflush(stdout);
    closesocket(sa);
    closesocket(sr);
    closesocket(sn);
    closesocket(s6);
    WSACleanup();
    return 0;
}

static void address_and_route_changes_record_their_events_once_per_request(void **state)
{
    (void)state;
    int out;
    int pid = ws2t_spawn_self("netns", "", &out);
    assert_true(pid > 0);
    char line[128] = "";
    int n = ws2t_read_line(out, line, sizeof(line), 30000);
    int status = ws2t_wait_child(pid, 30000);
    if (n >= 0 && strncmp(line, "nonetns", 7) == 0) {
        /* The system refuses a private network namespace (a container's seccomp profile). */
        print_message("no private network namespace here: the changes are not exercised\n");
        skip();
    }
    if (strncmp(line, "ok", 2) != 0)
        fail_msg("child: %s", line);
    assert_int_equal(status, 0);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[0], "child") == 0)
        return child_main();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(change_requests_would_block_and_record_nothing_unchanged,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test(address_and_route_changes_record_their_events_once_per_request),
    };
    return cmocka_run_group_tests_name("eventselect_ifchange", tests, NULL, NULL);
}
