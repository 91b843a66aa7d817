/*
 * Sockets and completion ports: CreateIoCompletionPort associating a socket
 * with a new or an existing port (once), SetFileCompletionNotificationModes,
 * and what closing either side does to the other ("I/O Completion Ports",
 * CreateIoCompletionPort, SetFileCompletionNotificationModes).
 */
#include <stddef.h>
#include <string.h>

#include "testlib.h"

static SOCKET tcp_socket(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    return s;
}

/* ExistingCompletionPort: "the function associates it with the handle specified by the
 * FileHandle parameter.  The function returns the handle of the existing I/O completion
 * port"; a handle is associated with one port only, so a second association fails
 * (ERROR_INVALID_PARAMETER) — with the same port, another one, or a new one. */
static void socket_associates_with_an_existing_port_once(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port(), other = ws2t_new_port();
    SOCKET s = tcp_socket();
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)s, port, 77, 0), port);
    SetLastError(0);
    assert_null(CreateIoCompletionPort((HANDLE)s, port, 78, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_null(CreateIoCompletionPort((HANDLE)s, other, 79, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_null(CreateIoCompletionPort((HANDLE)s, NULL, 80, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* The port still works. */
    assert_true(PostQueuedCompletionStatus(port, 1, 2, NULL));
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0));
    assert_int_equal(closesocket(s), 0);
    assert_true(CloseHandle(other));
    assert_true(CloseHandle(port));
}

/* ExistingCompletionPort NULL: "the function creates a new I/O completion port and, if the
 * FileHandle parameter is valid, associates it with the new I/O completion port". */
static void socket_associates_with_a_new_port_in_one_call(void **state)
{
    (void)state;
    SOCKET s = tcp_socket();
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 5, 2);
    assert_non_null(port);
    assert_ptr_not_equal(port, (HANDLE)s);
    assert_true(PostQueuedCompletionStatus(port, 3, 4, NULL));
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0));
    assert_true(key == 4);
    SetLastError(0);
    assert_null(CreateIoCompletionPort((HANDLE)s, port, 6, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(CloseHandle(port));
    assert_int_equal(closesocket(s), 0);
}

/* FileHandle must be "an object that supports overlapped I/O" (here a socket) and
 * ExistingCompletionPort a port: anything else is ERROR_INVALID_HANDLE, and a failed call
 * leaves the socket free to associate. */
static void association_needs_a_socket_and_a_port(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port(), closed = ws2t_new_port();
    assert_true(CloseHandle(closed));
    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    assert_non_null(ev);
    SOCKET gone = tcp_socket();
    assert_int_equal(closesocket(gone), 0);

    HANDLE bad_files[] = {ev, port, NULL, (HANDLE)gone};
    for (size_t i = 0; i < ARRAYSIZE(bad_files); i++) {
        SetLastError(0);
        assert_null(CreateIoCompletionPort(bad_files[i], port, 1, 0));
        assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
        SetLastError(0);
        assert_null(CreateIoCompletionPort(bad_files[i], NULL, 1, 0));
        assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    }

    SOCKET s = tcp_socket();
    HANDLE bad_ports[] = {ev, closed, (HANDLE)s, INVALID_HANDLE_VALUE};
    for (size_t i = 0; i < ARRAYSIZE(bad_ports); i++) {
        SetLastError(0);
        assert_null(CreateIoCompletionPort((HANDLE)s, bad_ports[i], 1, 0));
        assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    }
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)s, port, 1, 0), port);
    assert_int_equal(closesocket(s), 0);
    assert_true(CloseHandle(ev));
    assert_true(CloseHandle(port));
}

/* SetFileCompletionNotificationModes: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and
 * FILE_SKIP_SET_EVENT_ON_HANDLE on a socket (associated or not); other bits are
 * ERROR_INVALID_PARAMETER; a handle that is not a socket is ERROR_INVALID_HANDLE. */
static void notification_modes_apply_to_sockets(void **state)
{
    (void)state;
    SOCKET s = tcp_socket();
    assert_true(SetFileCompletionNotificationModes((HANDLE)s, 0));
    assert_true(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_SET_EVENT_ON_HANDLE));
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 1, 0);
    assert_non_null(port);
    assert_true(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS |
                                                                  FILE_SKIP_SET_EVENT_ON_HANDLE));
    SetLastError(0);
    assert_false(SetFileCompletionNotificationModes((HANDLE)s, 0x4));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    assert_false(SetFileCompletionNotificationModes((HANDLE)s, 0x81));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
    assert_non_null(ev);
    HANDLE bad[] = {ev, port, NULL, INVALID_HANDLE_VALUE};
    for (size_t i = 0; i < ARRAYSIZE(bad); i++) {
        SetLastError(0);
        assert_false(
            SetFileCompletionNotificationModes(bad[i], FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
        assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    }
    assert_int_equal(closesocket(s), 0);
    SetLastError(0);
    assert_false(SetFileCompletionNotificationModes((HANDLE)s, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_true(CloseHandle(ev));
    assert_true(CloseHandle(port));
}

/* "The I/O completion port handle and every file handle associated with that particular I/O
 * completion port are known as references to the I/O completion port.  The I/O completion
 * port is released when there are no more references to it": closing an associated socket
 * leaves the port working. */
static void closing_an_associated_socket_keeps_the_port(void **state)
{
    (void)state;
    HANDLE port = ws2t_new_port();
    SOCKET s[3];
    for (int i = 0; i < 3; i++) {
        s[i] = tcp_socket();
        assert_ptr_equal(CreateIoCompletionPort((HANDLE)s[i], port, (ULONG_PTR)i, 0), port);
    }
    for (int i = 0; i < 3; i++)
        assert_int_equal(closesocket(s[i]), 0);
    assert_true(PostQueuedCompletionStatus(port, 9, 10, NULL));
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0));
    assert_int_equal(bytes, 9);
    assert_true(CloseHandle(port));
}

/* The other way round: the socket's association keeps the port object alive after its handle
 * is closed (the handle itself is gone); closing the socket then releases it (ASan checks). */
static void closing_the_port_before_its_sockets(void **state)
{
    (void)state;
    SOCKET s = tcp_socket();
    HANDLE port = CreateIoCompletionPort((HANDLE)s, NULL, 1, 0);
    assert_non_null(port);
    assert_true(PostQueuedCompletionStatus(port, 1, 1, NULL));
    assert_true(CloseHandle(port));
    SetLastError(0);
    assert_false(PostQueuedCompletionStatus(port, 1, 1, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_true(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_SET_EVENT_ON_HANDLE));
    assert_int_equal(closesocket(s), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(socket_associates_with_an_existing_port_once, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(socket_associates_with_a_new_port_in_one_call, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(association_needs_a_socket_and_a_port, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(notification_modes_apply_to_sockets, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(closing_an_associated_socket_keeps_the_port, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(closing_the_port_before_its_sockets, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("iocp_association", tests, NULL, NULL);
}
