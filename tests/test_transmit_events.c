/*
 * WSAEventSelect and TransmitFile/TransmitPackets: FD_WRITE is recorded
 * again once a transmission that found the send buffer full sees room
 * again, as after a send that failed with WSAEWOULDBLOCK
 * (WSAEventSelect.md: FD_WRITE is recorded "after a send fails with
 * WSAEWOULDBLOCK and buffer space becomes available").
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include <mswsock.h>

/* More than a loopback connection buffers (send buffer and receive window together). */
#define BIG (48u << 20)

struct drain {
    SOCKET s;
    size_t want, got;
    DWORD delay_ms; /* before the first read: the sender fills the buffers meanwhile */
    HANDLE thread;
};

static DWORD WINAPI drain_main(void *arg)
{
    struct drain *d = arg;
    static char buf[1 << 16];
    Sleep(d->delay_ms);
    while (d->got < d->want) {
        int n = recv(d->s, buf, sizeof(buf), 0);
        if (n <= 0)
            break;
        d->got += (size_t)n;
    }
    return 0;
}

static void drain_start(struct drain *d, SOCKET s, size_t want, DWORD delay_ms)
{
    d->s = s;
    d->delay_ms = delay_ms;
    d->want = want;
    d->got = 0;
    d->thread = ws2t_thread(drain_main, d);
}

/* The events recorded now (enumerated, which clears them). */
static LONG take_events(SOCKET s, HANDLE ev, DWORD wait_ms)
{
    if (WSAWaitForMultipleEvents(1, &ev, FALSE, wait_ms, FALSE) != WSA_WAIT_EVENT_0)
        return 0;
    WSANETWORKEVENTS ne;
    memset(&ne, 0, sizeof(ne));
    assert_int_equal(WSAEnumNetworkEvents(s, ev, &ne), 0);
    if (ne.lNetworkEvents & FD_WRITE)
        assert_int_equal(ne.iErrorCode[FD_WRITE_BIT], 0);
    return ne.lNetworkEvents;
}

/* A connected pair whose client is selected for FD_WRITE, its first FD_WRITE taken. */
static HANDLE select_write(SOCKET *client, SOCKET *server)
{
    ws2t_tcp_pair(AF_INET, client, server);
    HANDLE ev = WSACreateEvent();
    assert_int_equal(WSAEventSelect(*client, ev, FD_WRITE), 0);
    assert_int_equal(take_events(*client, ev, 5000), FD_WRITE);
    /* Recorded once: nothing more until a send finds the buffer full. */
    assert_int_equal(take_events(*client, ev, 100), 0);
    return ev;
}

static void fd_write_again_after(bool overlapped)
{
    SOCKET client, server;
    HANDLE ev = select_write(&client, &server);
    LPFN_TRANSMITPACKETS packets =
        (LPFN_TRANSMITPACKETS)ws2t_extension(client, (GUID)WSAID_TRANSMITPACKETS);
    char *data = calloc(1, BIG);
    assert_non_null(data);
    TRANSMIT_PACKETS_ELEMENT el;
    memset(&el, 0, sizeof(el));
    el.dwElFlags = TP_ELEMENT_MEMORY;
    el.cLength = BIG;
    el.pBuffer = data;
    struct drain d;
    if (overlapped) {
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = WSACreateEvent();
        assert_false(packets(client, &el, 1, 0, &ov, 0));
        assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);
        /* Let it fill the buffers before the peer reads. */
        assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 300, FALSE),
                         WSA_WAIT_TIMEOUT);
        drain_start(&d, server, BIG, 0);
        assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 60000, FALSE),
                         WSA_WAIT_EVENT_0);
        DWORD bytes = 0, flags = 0;
        assert_true(WSAGetOverlappedResult(client, &ov, &bytes, FALSE, &flags));
        assert_int_equal(bytes, BIG);
        WSACloseEvent(ov.hEvent);
    } else {
        /*
         * Without an OVERLAPPED it blocks (non-blocking mode or not) until
         * a thread has read; the thread waits first, so that the buffer
         * fills.
         */
        drain_start(&d, server, BIG, 500);
        assert_true(packets(client, &el, 1, 0, NULL, 0));
    }
    ws2t_join(d.thread);
    assert_int_equal(d.got, BIG);
    assert_true(take_events(client, ev, 5000) & FD_WRITE);
    free(data);
    WSACloseEvent(ev);
    closesocket(client);
    closesocket(server);
}

static void transmitpackets_overlapped_full_buffer_records_fd_write_again(void **state)
{
    (void)state;
    fd_write_again_after(true);
}

static void transmitpackets_blocking_full_buffer_records_fd_write_again(void **state)
{
    (void)state;
    fd_write_again_after(false);
}

/* A transmission that never found the buffer full records nothing, as a send that fits. */
static void transmitpackets_that_fits_records_no_fd_write(void **state)
{
    (void)state;
    SOCKET client, server;
    HANDLE ev = select_write(&client, &server);
    LPFN_TRANSMITPACKETS packets =
        (LPFN_TRANSMITPACKETS)ws2t_extension(client, (GUID)WSAID_TRANSMITPACKETS);
    TRANSMIT_PACKETS_ELEMENT el;
    memset(&el, 0, sizeof(el));
    el.dwElFlags = TP_ELEMENT_MEMORY;
    el.cLength = 5;
    el.pBuffer = "hello";
    assert_true(packets(client, &el, 1, 0, NULL, 0));
    char buf[8];
    assert_int_equal(recv(server, buf, sizeof(buf), 0), 5);
    assert_int_equal(take_events(client, ev, 200), 0);
    WSACloseEvent(ev);
    closesocket(client);
    closesocket(server);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            transmitpackets_overlapped_full_buffer_records_fd_write_again, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitpackets_blocking_full_buffer_records_fd_write_again,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitpackets_that_fits_records_no_fd_write, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("transmit_events", tests, NULL, NULL);
}
