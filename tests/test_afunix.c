/*
 * AF_UNIX stream sockets as Windows 10 (1803 and later) offers them
 * (afunix.h): the catalog entry, bind to a path (the file stays after
 * closesocket and a second bind to it is WSAEADDRINUSE), the lengths
 * getsockname and getpeername report, data both ways, overlapped receives
 * through an event and a completion port, readiness through select,
 * WSAPoll and WSAEventSelect, SIO_AF_UNIX_GETPEERPID, and cancellation by
 * closesocket and the final WSACleanup.
 *
 * Windows' results are those of Wine's test_afunix, run on Windows: a
 * named socket's name has the length of its family, path and NUL; a socket
 * without a name (an unbound client, an accepted connection's peer) is a
 * zeroed SOCKADDR_UN of full length; a peer's name is always full length.
 *
 * Each test works in a directory of its own under the temporary directory,
 * so that relative paths are tested too and runs never meet.
 */
#include <stdio.h>
#include <string.h>

#include <afunix.h>
#include <ntstatus.h>
#include <windows.h>

#include "testlib.h"

/* {A00943D9-9C2E-4633-9B59-0057A3160994}: Windows' AF_UNIX provider. */
static const GUID afunix_provider = {
    0xa00943d9, 0x9c2e, 0x4633, {0x9b, 0x59, 0x00, 0x57, 0xa3, 0x16, 0x09, 0x94}};

static char unix__dir[2 * MAX_PATH];
static char unix__old_dir[MAX_PATH];

/* Winsock up, and a fresh directory of our own as the current one. */
static int unix_setup(void **state)
{
    static int count;
    char tmp[MAX_PATH];
    assert_true(GetTempPathA(sizeof(tmp), tmp) > 0);
    snprintf(unix__dir, sizeof(unix__dir), "%sws2t-afunix-%lu-%d", tmp,
             (unsigned long)GetCurrentProcessId(), count++);
    assert_true(CreateDirectoryA(unix__dir, NULL));
    assert_true(GetCurrentDirectoryA(sizeof(unix__old_dir), unix__old_dir) > 0);
    assert_true(SetCurrentDirectoryA(unix__dir));
    return ws2t_setup(state);
}

static int unix_teardown(void **state)
{
    int r = ws2t_teardown(state);
    SetCurrentDirectoryA(unix__old_dir);
    RemoveDirectoryA(unix__dir);
    return r;
}

static SOCKADDR_UN unix_addr(const char *path)
{
    SOCKADDR_UN a;
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strncpy(a.sun_path, path, sizeof(a.sun_path) - 1);
    return a;
}

/* A listener bound to path, a client connected to it, and the accepted server end. */
static SOCKET unix_pair(const char *path, SOCKET *client, SOCKET *server)
{
    SOCKADDR_UN a = unix_addr(path);
    SOCKET l = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(l != INVALID_SOCKET);
    assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(l, 4), 0);
    *client = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(*client != INVALID_SOCKET);
    assert_int_equal(connect(*client, (struct sockaddr *)&a, sizeof(a)), 0);
    *server = accept(l, NULL, NULL);
    assert_true(*server != INVALID_SOCKET);
    return l;
}

static void unix_close_and_delete(SOCKET l, SOCKET c, SOCKET s, const char *path)
{
    closesocket(c);
    closesocket(s);
    closesocket(l);
    assert_true(DeleteFileA(path));
}

static void afunix_entry_is_listed_as_on_windows_10(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW infos[32];
    DWORD len = sizeof(infos);
    int n = WSAEnumProtocolsW(NULL, infos, &len);
    assert_true(n > 0);
    int found = -1;
    for (int i = 0; i < n; i++)
        if (infos[i].iAddressFamily == AF_UNIX)
            found = i;
    assert_true(found >= 0);
    const WSAPROTOCOL_INFOW *u = &infos[found];
    assert_int_equal(u->iSocketType, SOCK_STREAM);
    assert_int_equal(u->iProtocol, 0);
    assert_memory_equal(&u->ProviderId, &afunix_provider, sizeof(GUID));
    WCHAR name[] = L"AF_UNIX";
    assert_memory_equal(u->szProtocol, name, sizeof(name));
    assert_int_equal(u->iMaxSockAddr, sizeof(SOCKADDR_UN));
    assert_true(u->dwServiceFlags1 & XP1_GUARANTEED_ORDER);
    assert_false(u->dwServiceFlags1 & XP1_CONNECTIONLESS);
}

static void afunix_datagram_socket_is_not_offered(void **state)
{
    (void)state;
    /* The family exists, its datagram type does not: the catalog's answer. */
    assert_true(socket(AF_UNIX, SOCK_DGRAM, 0) == INVALID_SOCKET);
    assert_wsa_error(WSAESOCKTNOSUPPORT);
}

static void afunix_stream_carries_data_and_reports_windows_name_lengths(void **state)
{
    (void)state;
    const char *path = "afunix.sock";
    SOCKADDR_UN a = unix_addr(path);
    SOCKET l = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(l != INVALID_SOCKET);
    assert_int_equal(bind(l, (struct sockaddr *)&a, 0), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(l, 1), 0);

    SOCKET c = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(c != INVALID_SOCKET);
    ws2t_set_nonblocking(c, 1);
    int r = connect(c, (struct sockaddr *)&a, sizeof(a));
    assert_true(r == 0 || WSAGetLastError() == WSAEWOULDBLOCK);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    ws2t_set_nonblocking(c, 0);

    char out[16] = "over the path", in[16];
    assert_int_equal(send(s, out, sizeof(out), 0), sizeof(out));
    assert_int_equal(recv(c, in, sizeof(in), MSG_WAITALL), sizeof(in));
    assert_memory_equal(in, out, sizeof(out));
    assert_int_equal(sendto(c, out, sizeof(out), 0, NULL, 0), sizeof(out));
    assert_int_equal(recvfrom(s, in, sizeof(in), MSG_WAITALL, NULL, NULL), sizeof(in));
    assert_memory_equal(in, out, sizeof(out));

    const int named = (int)(sizeof(ADDRESS_FAMILY) + strlen(path) + 1);
    SOCKADDR_UN got;
    int len;
    char zero[UNIX_PATH_MAX] = {0};

    memset(&got, 0x55, sizeof(got));
    len = sizeof(got);
    assert_int_equal(getsockname(l, (struct sockaddr *)&got, &len), 0);
    assert_int_equal(len, named);
    assert_int_equal(got.sun_family, AF_UNIX);
    assert_string_equal(got.sun_path, path);

    memset(&got, 0x55, sizeof(got));
    len = sizeof(got);
    assert_int_equal(getsockname(s, (struct sockaddr *)&got, &len), 0);
    assert_int_equal(len, named);
    assert_string_equal(got.sun_path, path);

    memset(&got, 0x55, sizeof(got));
    len = sizeof(got);
    assert_int_equal(getsockname(c, (struct sockaddr *)&got, &len), 0);
    assert_int_equal(len, sizeof(SOCKADDR_UN));
    assert_int_equal(got.sun_family, AF_UNIX);
    assert_memory_equal(got.sun_path, zero, sizeof(zero));

    len = sizeof(got);
    assert_int_equal(getpeername(l, (struct sockaddr *)&got, &len), SOCKET_ERROR);
    assert_wsa_error(WSAENOTCONN);

    memset(&got, 0x55, sizeof(got));
    len = sizeof(got);
    assert_int_equal(getpeername(c, (struct sockaddr *)&got, &len), 0);
    assert_int_equal(len, sizeof(SOCKADDR_UN));
    assert_string_equal(got.sun_path, path);
    assert_memory_equal(got.sun_path + strlen(path), zero, sizeof(zero) - strlen(path));

    memset(&got, 0x55, sizeof(got));
    len = sizeof(got);
    assert_int_equal(getpeername(s, (struct sockaddr *)&got, &len), 0);
    assert_int_equal(len, sizeof(SOCKADDR_UN));
    assert_memory_equal(got.sun_path, zero, sizeof(zero));

    /* The file stays after closesocket; binding to it again is WSAEADDRINUSE. */
    closesocket(c);
    closesocket(s);
    closesocket(l);
    assert_true(GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES);
    l = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), SOCKET_ERROR);
    assert_wsa_error(WSAEADDRINUSE);
    closesocket(l);
    assert_true(DeleteFileA(path));
}

static void afunix_bind_takes_family_only_and_truncated_paths(void **state)
{
    (void)state;
    SOCKADDR_UN a = unix_addr("tx");
    SOCKET l = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(ADDRESS_FAMILY)), 0);
    assert_int_equal(listen(l, 1), 0);
    closesocket(l);

    /* A length of 3 is the family and one character of the path. */
    l = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(l, (struct sockaddr *)&a, 3), 0);
    SOCKADDR_UN got;
    int len = sizeof(got);
    assert_int_equal(getsockname(l, (struct sockaddr *)&got, &len), 0);
    assert_string_equal(got.sun_path, "t");
    assert_int_equal(len, sizeof(ADDRESS_FAMILY) + 2);
    closesocket(l);
    assert_true(DeleteFileA("t"));
}

static void afunix_abstract_address_connects(void **state)
{
    (void)state;
    SOCKADDR_UN a;
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    int n = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "ws2t-abstract-%lu",
                     (unsigned long)GetCurrentProcessId());
    int alen = (int)sizeof(ADDRESS_FAMILY) + 1 + n;
    SOCKET l = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(l, (struct sockaddr *)&a, alen), 0);
    assert_int_equal(listen(l, 1), 0);
    SOCKET c = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&a, alen), 0);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);
    assert_int_equal(send(c, "x", 1, 0), 1);
    char b;
    assert_int_equal(recv(s, &b, 1, 0), 1);
    closesocket(c);
    closesocket(s);
    closesocket(l);
}

static void afunix_getpeerpid_gives_the_peer_process(void **state)
{
    (void)state;
    SOCKET c, s;
    SOCKET l = unix_pair("pid.sock", &c, &s);
    ULONG pid = 0;
    DWORD got = 0;
    assert_int_equal(
        WSAIoctl(c, SIO_AF_UNIX_GETPEERPID, NULL, 0, &pid, sizeof(pid), &got, NULL, NULL), 0);
    assert_int_equal(got, sizeof(ULONG));
    assert_int_equal(pid, GetCurrentProcessId());
    assert_int_equal(
        WSAIoctl(c, SIO_AF_UNIX_GETPEERPID, NULL, 0, &pid, sizeof(pid) - 1, &got, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(
        WSAIoctl(l, SIO_AF_UNIX_GETPEERPID, NULL, 0, &pid, sizeof(pid), &got, NULL, NULL),
        SOCKET_ERROR);
    assert_wsa_error(WSAENOTCONN);
    unix_close_and_delete(l, c, s, "pid.sock");
}

static void afunix_readiness_in_select_wsapoll_and_eventselect(void **state)
{
    (void)state;
    SOCKADDR_UN a = unix_addr("ready.sock");
    SOCKET l = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(l, 1), 0);
    WSAEVENT ev = WSACreateEvent();
    assert_int_equal(WSAEventSelect(l, ev, FD_ACCEPT), 0);
    SOCKET c = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ev, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    WSANETWORKEVENTS ne;
    assert_int_equal(WSAEnumNetworkEvents(l, ev, &ne), 0);
    assert_int_equal(ne.lNetworkEvents, FD_ACCEPT);

    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(l, &rd);
    struct timeval tv = {5, 0};
    assert_int_equal(select(0, &rd, NULL, NULL, &tv), 1);
    SOCKET s = accept(l, NULL, NULL);
    assert_true(s != INVALID_SOCKET);

    WSAPOLLFD p = {.fd = s, .events = POLLRDNORM | POLLWRNORM};
    assert_int_equal(WSAPoll(&p, 1, 0), 1);
    assert_int_equal(p.revents, POLLWRNORM);
    assert_int_equal(send(c, "y", 1, 0), 1);
    p.revents = 0;
    assert_int_equal(WSAPoll(&p, 1, 5000), 1);
    assert_int_equal(p.revents, POLLRDNORM | POLLWRNORM);
    WSACloseEvent(ev);
    unix_close_and_delete(l, c, s, "ready.sock");
}

static void afunix_overlapped_receive_through_event_and_port(void **state)
{
    (void)state;
    SOCKET c, s;
    SOCKET l = unix_pair("ov.sock", &c, &s);
    char buf[8];
    WSABUF wb = {sizeof(buf), buf};
    DWORD bytes = 0, flags = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSARecv(s, &wb, 1, &bytes, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(send(c, "12345678", 8, 0), 8);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    assert_true(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags));
    assert_int_equal(bytes, 8);
    assert_memory_equal(buf, "12345678", 8);
    WSACloseEvent(ov.hEvent);

    HANDLE port = CreateIoCompletionPort((HANDLE)c, NULL, 77, 0);
    assert_non_null(port);
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(WSARecv(c, &wb, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(send(s, "abc", 3, 0), 3);
    ULONG_PTR key = 0;
    LPOVERLAPPED done = NULL;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000));
    assert_int_equal(bytes, 3);
    assert_int_equal(key, 77);
    assert_ptr_equal(done, &ov);
    CloseHandle(port);
    unix_close_and_delete(l, c, s, "ov.sock");
}

static void afunix_closesocket_aborts_a_pending_receive(void **state)
{
    (void)state;
    SOCKET c, s;
    SOCKET l = unix_pair("abort.sock", &c, &s);
    char buf[8];
    WSABUF wb = {sizeof(buf), buf};
    DWORD bytes = 0, flags = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSARecv(s, &wb, 1, &bytes, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(closesocket(s), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    assert_int_equal((DWORD)ov.Internal, (DWORD)STATUS_CANCELLED);
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(l);
    assert_true(DeleteFileA("abort.sock"));
}

static void afunix_final_cleanup_cancels_without_completing(void **state)
{
    (void)state;
    SOCKET c, s;
    SOCKET l = unix_pair("cleanup.sock", &c, &s);
    char buf[8];
    WSABUF wb = {sizeof(buf), buf};
    DWORD bytes = 0, flags = 0;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(WSARecv(s, &wb, 1, &bytes, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(WSACleanup(), 0);
    /* Recorded as cancelled, with no completion action (WSACleanup.txt). */
    assert_int_equal((DWORD)ov.Internal, (DWORD)STATUS_CANCELLED);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT);
    CloseHandle(ov.hEvent);
    WSADATA d;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &d), 0);
    (void)l;
    (void)c;
    assert_true(DeleteFileA("cleanup.sock"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, unix_setup, unix_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(afunix_entry_is_listed_as_on_windows_10),
        T(afunix_datagram_socket_is_not_offered),
        T(afunix_stream_carries_data_and_reports_windows_name_lengths),
        T(afunix_bind_takes_family_only_and_truncated_paths),
        T(afunix_abstract_address_connects),
        T(afunix_getpeerpid_gives_the_peer_process),
        T(afunix_readiness_in_select_wsapoll_and_eventselect),
        T(afunix_overlapped_receive_through_event_and_port),
        T(afunix_closesocket_aborts_a_pending_receive),
        T(afunix_final_cleanup_cancels_without_completing),
    };
    return cmocka_run_group_tests_name("afunix", tests, NULL, NULL);
}
