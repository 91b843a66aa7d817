/*
 * Bad arguments, part four: the kernel objects' calls (handles, events,
 * waits, threads, completion ports, overlapped results, the clock), the WSA
 * event calls, the blocking-hook calls and the SPI entry points.  Bad
 * handles get ERROR_INVALID_HANDLE; an output or array the kernel cannot
 * use gets ERROR_NOACCESS, what Windows reports when its probe of a
 * caller's buffer fails (STATUS_ACCESS_VIOLATION).  See bad_args.h.
 */
#include <ws2spi.h>

#include "bad_args.h"

static DWORD WINAPI idle(LPVOID arg)
{
    (void)arg;
    return 7;
}

static void WINAPI apc(ULONG_PTR arg)
{
    (void)arg;
}

static DWORD WINAPI exits(LPVOID arg)
{
    (void)arg;
    ExitThread(5);
}

static INT_PTR WINAPI hook(void)
{
    return FALSE;
}

/* Handles that name nothing: a closed one, a random value, an odd one past the table. */
static HANDLE stale_handle(void)
{
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    assert_non_null(e);
    assert_true(CloseHandle(e));
    return e;
}

/* Every handle call refuses a handle that names nothing, or an object of another kind. */
static void handle_calls_refuse_bad_handles(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE port = ws2t_new_port(), event = WSACreateEvent();
    HANDLE none[] = {stale_handle(), (HANDLE)(ULONG_PTR)0x2a5c3f18, (HANDLE)(ULONG_PTR)0x7ffffffc};
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    OVERLAPPED_ENTRY entry;
    ULONG removed;
    for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
        HANDLE h = none[i];
        assert_fails_with(CloseHandle(h), FALSE, ERROR_INVALID_HANDLE);
        assert_fails_with(SetEvent(h), FALSE, ERROR_INVALID_HANDLE);
        assert_fails_with(ResetEvent(h), FALSE, ERROR_INVALID_HANDLE);
        assert_fails_with(WaitForSingleObject(h, 0), WAIT_FAILED, ERROR_INVALID_HANDLE);
        assert_fails_with(WaitForSingleObjectEx(h, 0, TRUE), WAIT_FAILED, ERROR_INVALID_HANDLE);
        assert_fails_with(WaitForMultipleObjects(1, &h, FALSE, 0), WAIT_FAILED,
                          ERROR_INVALID_HANDLE);
        assert_fails_with(WSASetEvent(h), FALSE, WSA_INVALID_HANDLE);
        assert_fails_with(WSAResetEvent(h), FALSE, WSA_INVALID_HANDLE);
        assert_fails_with(WSACloseEvent(h), FALSE, WSA_INVALID_HANDLE);
        assert_fails_with(WSAWaitForMultipleEvents(1, &h, TRUE, 0, FALSE), WSA_WAIT_FAILED,
                          WSA_INVALID_HANDLE);
        assert_fails_with(GetQueuedCompletionStatus(h, &n, &key, &ov, 0), FALSE,
                          ERROR_INVALID_HANDLE);
        assert_fails_with(GetQueuedCompletionStatusEx(h, &entry, 1, &removed, 0, FALSE), FALSE,
                          ERROR_INVALID_HANDLE);
        assert_fails_with(PostQueuedCompletionStatus(h, 0, 0, NULL), FALSE, ERROR_INVALID_HANDLE);
        assert_fails_with(CreateIoCompletionPort(h, NULL, 0, 0), NULL, ERROR_INVALID_HANDLE);
        assert_fails_with(CreateIoCompletionPort((HANDLE)s, h, 0, 0), NULL, ERROR_INVALID_HANDLE);
        assert_fails_with(CancelIo(h), FALSE, ERROR_INVALID_HANDLE);
        assert_fails_with(CancelIoEx(h, NULL), FALSE, ERROR_INVALID_HANDLE);
        assert_fails_with(SetFileCompletionNotificationModes(h, FILE_SKIP_SET_EVENT_ON_HANDLE),
                          FALSE, ERROR_INVALID_HANDLE);
        assert_fails_with(GetExitCodeThread(h, &n), FALSE, ERROR_INVALID_HANDLE);
        assert_fails_with(ResumeThread(h), (DWORD)-1, ERROR_INVALID_HANDLE);
        assert_fails_with(QueueUserAPC(apc, h, 0), 0, ERROR_INVALID_HANDLE);
    }
    /* Objects of the wrong kind: an event is no port or thread, a port no event. */
    assert_fails_with(SetEvent(port), FALSE, ERROR_INVALID_HANDLE);
    assert_fails_with(WSASetEvent((HANDLE)s), FALSE, WSA_INVALID_HANDLE);
    assert_fails_with(GetQueuedCompletionStatus(event, &n, &key, &ov, 0), FALSE,
                      ERROR_INVALID_HANDLE);
    assert_fails_with(PostQueuedCompletionStatus(event, 0, 0, NULL), FALSE, ERROR_INVALID_HANDLE);
    assert_fails_with(GetExitCodeThread(event, &n), FALSE, ERROR_INVALID_HANDLE);
    assert_fails_with(QueueUserAPC(apc, port, 0), 0, ERROR_INVALID_HANDLE);
    assert_fails_with(CreateIoCompletionPort(event, port, 0, 0), NULL, ERROR_INVALID_HANDLE);
    /* A new port with an existing one given is ERROR_INVALID_PARAMETER. */
    assert_fails_with(CreateIoCompletionPort(INVALID_HANDLE_VALUE, port, 0, 0), NULL,
                      ERROR_INVALID_PARAMETER);
    assert_true(CloseHandle(port));
    assert_true(WSACloseEvent(event));
    closesocket(s);
}

/*
 * Counts and pointers: a wait of 0 or more than MAXIMUM_WAIT_OBJECTS handles
 * is ERROR_INVALID_PARAMETER (WSA_INVALID_PARAMETER for the WSA form); an
 * array or output the kernel cannot use is ERROR_NOACCESS, and nothing
 * happens (no packet taken, no thread started).
 */
static void kernel_calls_check_counts_and_pointers(void **state)
{
    (void)state;
    HANDLE e = CreateEventA(NULL, TRUE, TRUE, NULL);
    HANDLE many[MAXIMUM_WAIT_OBJECTS + 1];
    for (int i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
        many[i] = e;
    assert_fails_with(WaitForMultipleObjects(0, many, FALSE, 0), WAIT_FAILED,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, many, FALSE, 0), WAIT_FAILED,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(WaitForMultipleObjects(0xffffffff, many, FALSE, 0), WAIT_FAILED,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(WaitForMultipleObjects(1, NULL, FALSE, 0), WAIT_FAILED,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(WaitForMultipleObjects(2, BAD_PTR, FALSE, 0), WAIT_FAILED, ERROR_NOACCESS);
    assert_fails_with(WaitForMultipleObjectsEx(1, ws2t_page(0), FALSE, 0, TRUE), WAIT_FAILED,
                      ERROR_NOACCESS);
    assert_fails_with(WSAWaitForMultipleEvents(0, many, FALSE, 0, FALSE), WSA_WAIT_FAILED,
                      WSA_INVALID_PARAMETER);
    assert_fails_with(WSAWaitForMultipleEvents(WSA_MAXIMUM_WAIT_EVENTS + 1, many, FALSE, 0, FALSE),
                      WSA_WAIT_FAILED, WSA_INVALID_PARAMETER);
    assert_fails_with(WSAWaitForMultipleEvents(1, BAD_PTR, FALSE, 0, FALSE), WSA_WAIT_FAILED,
                      ERROR_NOACCESS);
    /* An array the kernel has to vouch for serves. */
    HANDLE *far = ws2t_page(3);
    far[0] = e;
    assert_int_equal(WaitForMultipleObjects(1, far, TRUE, 0), WAIT_OBJECT_0);

    /* The port's outputs: NULL ones are ERROR_INVALID_PARAMETER, bad ones ERROR_NOACCESS. */
    HANDLE port = ws2t_new_port();
    assert_true(PostQueuedCompletionStatus(port, 5, 6, NULL));
    DWORD n;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    assert_fails_with(GetQueuedCompletionStatus(port, NULL, &key, &ov, 0), FALSE,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(GetQueuedCompletionStatus(port, BAD_PTR, &key, &ov, 0), FALSE,
                      ERROR_NOACCESS);
    assert_fails_with(GetQueuedCompletionStatus(port, &n, BAD_PTR, &ov, 0), FALSE, ERROR_NOACCESS);
    assert_fails_with(GetQueuedCompletionStatus(port, &n, &key, ws2t_page(1), 0), FALSE,
                      ERROR_NOACCESS);
    /* A bad output beside a NULL one is still probed before anything is written through it. */
    assert_fails_with(GetQueuedCompletionStatus(port, NULL, &key, BAD_PTR, 0), FALSE,
                      ERROR_NOACCESS);
    OVERLAPPED_ENTRY entries[2];
    ULONG removed;
    assert_fails_with(GetQueuedCompletionStatusEx(port, entries, 0, &removed, 0, FALSE), FALSE,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(GetQueuedCompletionStatusEx(port, BAD_PTR, 2, &removed, 0, FALSE), FALSE,
                      ERROR_NOACCESS);
    assert_fails_with(GetQueuedCompletionStatusEx(port, entries, 2, BAD_PTR, 0, FALSE), FALSE,
                      ERROR_NOACCESS);
    assert_fails_with(GetQueuedCompletionStatusEx(port, NULL, 2, BAD_PTR, 0, FALSE), FALSE,
                      ERROR_NOACCESS);
    /* None of them took the packet. */
    assert_true(GetQueuedCompletionStatus(port, &n, &key, &ov, 0));
    assert_int_equal(n, 5);
    assert_int_equal(key, 6);
    assert_true(CloseHandle(port));

    /* Threads: no thread starts whose id cannot be written. */
    assert_fails_with(CreateThread(NULL, 0, idle, NULL, 0, BAD_PTR), NULL, ERROR_NOACCESS);
    assert_fails_with(CreateThread(NULL, 0, NULL, NULL, 0, NULL), NULL, ERROR_INVALID_PARAMETER);
    HANDLE t = ws2t_thread(idle, NULL);
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    assert_fails_with(GetExitCodeThread(t, BAD_PTR), FALSE, ERROR_NOACCESS);
    assert_fails_with(GetExitCodeThread(t, NULL), FALSE, ERROR_NOACCESS);
    assert_true(GetExitCodeThread(t, &n));
    assert_int_equal(n, 7);
    assert_fails_with(QueueUserAPC(NULL, t, 0), 0, ERROR_INVALID_PARAMETER);
    assert_true(CloseHandle(t));

    /* The clock: QueryPerformanceCounter docs, ERROR_NOACCESS for a bad pointer. */
    assert_fails_with(QueryPerformanceCounter(BAD_PTR), FALSE, ERROR_NOACCESS);
    assert_fails_with(QueryPerformanceFrequency(ws2t_page(1)), FALSE, ERROR_NOACCESS);
    assert_fails_with(QueryPerformanceCounter(NULL), FALSE, ERROR_NOACCESS);
    /* Events: a name that cannot be read. */
    assert_fails_with(CreateEventA(NULL, TRUE, FALSE, BAD_PTR), NULL, ERROR_NOACCESS);
    assert_fails_with(CreateEventW(NULL, TRUE, FALSE, BAD_PTR), NULL, ERROR_NOACCESS);
    assert_true(CloseHandle(e));
}

/*
 * GetOverlappedResult: NULL arguments are ERROR_INVALID_PARAMETER; an
 * OVERLAPPED or count the kernel cannot use is ERROR_NOACCESS.
 */
static void getoverlappedresult_checks_its_pointers(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    OVERLAPPED ov = {0};
    DWORD n;
    assert_fails_with(GetOverlappedResult((HANDLE)s, NULL, &n, FALSE), FALSE,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(GetOverlappedResult((HANDLE)s, &ov, NULL, FALSE), FALSE,
                      ERROR_INVALID_PARAMETER);
    assert_fails_with(GetOverlappedResult((HANDLE)s, BAD_PTR, &n, FALSE), FALSE, ERROR_NOACCESS);
    assert_fails_with(GetOverlappedResult((HANDLE)s, &ov, BAD_PTR, FALSE), FALSE, ERROR_NOACCESS);
    /* CancelIoEx only compares the OVERLAPPED's address: no such request. */
    assert_fails_with(CancelIoEx((HANDLE)s, BAD_PTR), FALSE, ERROR_NOT_FOUND);
    closesocket(s);
}

/*
 * The blocking-hook calls of Winsock 1.1: with 2.x negotiated they fail with
 * WSAEOPNOTSUPP (Winsock 2 removed them), before WSAStartup with
 * WSANOTINITIALISED.
 */
static void blocking_hook_calls_outside_winsock_1(void **state)
{
    (void)state;
    assert_fails_with(WSASetBlockingHook(hook), NULL, WSANOTINITIALISED);
    assert_fails_with(WSAUnhookBlockingHook(), SOCKET_ERROR, WSANOTINITIALISED);
    assert_fails_with(WSACancelBlockingCall(), SOCKET_ERROR, WSANOTINITIALISED);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_fails_with(WSASetBlockingHook(hook), NULL, WSAEOPNOTSUPP);
    assert_fails_with(WSAUnhookBlockingHook(), SOCKET_ERROR, WSAEOPNOTSUPP);
    assert_fails_with(WSACancelBlockingCall(), SOCKET_ERROR, WSAEOPNOTSUPP);
    assert_false(WSAIsBlocking());
    assert_int_equal(WSACleanup(), 0);
}

/*
 * The SPI entry points exported: WSPStartup (the base provider's) returns
 * WSAEFAULT for tables it cannot fill; WPUCompleteOverlappedRequest is for
 * sockets made by WPUCreateSocketHandle (WSAEINVAL otherwise) and needs an
 * OVERLAPPED (WSAEFAULT); a lpErrno it cannot write is left alone.
 */
static void spi_entry_points_check_their_arguments(void **state)
{
    (void)state;
    WSPDATA data;
    WSPPROC_TABLE procs;
    WSPUPCALLTABLE upcalls;
    memset(&upcalls, 0, sizeof(upcalls));
    WSAPROTOCOL_INFOW info;
    memset(&info, 0, sizeof(info));
    assert_int_equal(WSPStartup(MAKEWORD(2, 2), BAD_PTR, &info, upcalls, &procs), WSAEFAULT);
    assert_int_equal(WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, BAD_PTR), WSAEFAULT);
    assert_int_equal(WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, ws2t_page(1)), WSAEFAULT);
    assert_int_equal(WSPStartup(MAKEWORD(2, 2), NULL, &info, upcalls, &procs), WSAEFAULT);
    assert_int_equal(WSPStartup(MAKEWORD(1, 1), &data, &info, upcalls, &procs), WSAVERNOTSUPPORTED);

    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov = {0};
    INT err = 0;
    assert_int_equal(WPUCompleteOverlappedRequest(s, &ov, 0, 0, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    err = 0;
    assert_int_equal(WPUCompleteOverlappedRequest((SOCKET)0x2a5c3f18, &ov, 0, 0, &err),
                     SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    assert_int_equal(WPUCompleteOverlappedRequest(s, &ov, 0, 0, BAD_PTR), SOCKET_ERROR);
    assert_int_equal(WPUCompleteOverlappedRequest(s, BAD_PTR, 0, 0, NULL), SOCKET_ERROR);
    closesocket(s);
}

/* The calls without arguments to get wrong, for completeness: they simply work. */
static void calls_without_pointer_arguments(void **state)
{
    (void)state;
    SetLastError(ERROR_NOACCESS);
    assert_int_equal(GetLastError(), ERROR_NOACCESS);
    assert_int_equal(WSAGetLastError(), ERROR_NOACCESS);
    SetLastError(0);
    ULONGLONG t64 = GetTickCount64();
    DWORD t32 = GetTickCount();
    assert_int_equal(SleepEx(0, TRUE), 0);
    Sleep(0);
    assert_true(GetTickCount64() >= t64);
    assert_true(GetTickCount() - t32 < 60000);
    assert_true(GetCurrentThreadId() != 0);
    /* GetCurrentThread is a pseudo-handle that names the calling thread. */
    assert_int_equal(WaitForSingleObject(GetCurrentThread(), 0), WAIT_TIMEOUT);
    HANDLE t = ws2t_thread(exits, NULL);
    assert_int_equal(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    DWORD code;
    assert_true(GetExitCodeThread(t, &code));
    assert_int_equal(code, 5);
    assert_true(CloseHandle(t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocking_hook_calls_outside_winsock_1),
        cmocka_unit_test(calls_without_pointer_arguments),
        cmocka_unit_test_setup_teardown(handle_calls_refuse_bad_handles, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(kernel_calls_check_counts_and_pointers, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(getoverlappedresult_checks_its_pointers, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(spi_entry_points_check_their_arguments, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
