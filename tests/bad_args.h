/*
 * What the bad-argument tests (test_bad_args_*.c) share: the bad handles
 * every socket call must refuse, and pointers no call may crash on.
 *
 * Windows probes the caller's pointers (in the kernel, or in ws2_32 under an
 * exception handler) and fails the call; the library asks the kernel before
 * it touches them (src/sys/usermem.h).  Each test asserts the code Windows
 * gives, quoting the function's documentation where it names one.
 */
#ifndef WS2_TESTS_BAD_ARGS_H
#define WS2_TESTS_BAD_ARGS_H

#include <string.h>

#include "testlib.h"

/* Not a pointer to anything: the first page is never mapped. */
#define BAD_PTR ((void *)1)

#define BAD_SOCKETS_MAX 8

/* A handle that is no socket, and what it is. */
struct bad_socket {
    const char *what;
    SOCKET s;
};

static DWORD WINAPI bad_args__idle(LPVOID arg)
{
    (void)arg;
    return 0;
}

/*
 * Every kind of handle that is not a live socket: 0, INVALID_SOCKET, a
 * socket already closed (stale), an event, a completion port and a thread
 * passed as a SOCKET, and values no handle has.  The event, port and thread
 * stay open until bad_sockets_release; Winsock must be started.
 */
static inline unsigned bad_sockets(struct bad_socket out[BAD_SOCKETS_MAX])
{
    unsigned n = 0;
    out[n++] = (struct bad_socket){"0", 0};
    out[n++] = (struct bad_socket){"INVALID_SOCKET", INVALID_SOCKET};
    SOCKET closed = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(closed != INVALID_SOCKET);
    assert_int_equal(closesocket(closed), 0);
    out[n++] = (struct bad_socket){"a closed socket", closed};
    HANDLE event = WSACreateEvent();
    assert_true(event != WSA_INVALID_EVENT);
    out[n++] = (struct bad_socket){"an event", (SOCKET)event};
    out[n++] = (struct bad_socket){"a completion port", (SOCKET)ws2t_new_port()};
    out[n++] = (struct bad_socket){"a thread", (SOCKET)ws2t_thread(bad_args__idle, NULL)};
    out[n++] = (struct bad_socket){"a random value", (SOCKET)0x2a5c3f18};
    out[n++] = (struct bad_socket){"an odd value", (SOCKET)0x7fffffff};
    return n;
}

/* Closes the event, port and thread bad_sockets made. */
static inline void bad_sockets_release(struct bad_socket *bad, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (!strcmp(bad[i].what, "an event") || !strcmp(bad[i].what, "a completion port"))
            assert_true(CloseHandle((HANDLE)bad[i].s));
        else if (!strcmp(bad[i].what, "a thread"))
            ws2t_join((HANDLE)bad[i].s);
}

/* Asserts a failed call: its failure value, and the error it left. */
#define assert_fails_with(call, failure, error)                                                    \
    do {                                                                                           \
        WSASetLastError(0xdead);                                                                   \
        assert_true((call) == (failure));                                                          \
        assert_int_equal(WSAGetLastError(), (error));                                              \
    } while (0)

#endif
