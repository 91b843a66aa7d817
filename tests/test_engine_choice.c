/*
 * Which I/O engine runs (README, "The I/O engine"): io_uring by default,
 * with a ring for each completion port; epoll alone when
 * WS2POSIX_ENGINE=epoll asks for it; and epoll, with everything working,
 * where the kernel refuses io_uring (a container's seccomp profile,
 * kernel.io_uring_disabled), since a program must never fail for want of
 * io_uring.  Which engine runs is seen from outside by the process's
 * io_uring descriptors ("anon_inode:[io_uring]" in /proc/self/fd).
 *
 * Each test runs in a child process of its own, forked while this process
 * has no thread but its own, so that the library starts there afresh with
 * the environment and the system-call filter the test gives it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

/* The child's exit codes besides 0 and the failed step of child_io. */
#define CHILD_NO_URING 77 /* the kernel refuses io_uring to this process */
#define CHILD_FAILED   1

/* A connected TCP pair over loopback, without cmocka's asserts (the child has no test to fail). */
static bool child_pair(SOCKET *client, SOCKET *server)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int len = sizeof(a);
    if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        listen(l, 1) != 0 || getsockname(l, (struct sockaddr *)&a, &len) != 0)
        return false;
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (*client == INVALID_SOCKET || connect(*client, (struct sockaddr *)&a, sizeof(a)) != 0)
        return false;
    *server = accept(l, NULL, NULL);
    closesocket(l);
    return *server != INVALID_SOCKET;
}

/*
 * In the child: a completion port's receive and an event's receive each
 * get the data the peer sends.  0 when both did, else the failed step.
 */
static int child_io(void)
{
    WSADATA wd;
    if (WSAStartup(MAKEWORD(2, 2), &wd) != 0)
        return 10;
    SOCKET client, server;
    if (!child_pair(&client, &server))
        return 18;
    HANDLE port = CreateIoCompletionPort((HANDLE)server, NULL, 5, 0);
    if (!port)
        return 11;
    char data[16];
    WSABUF buf = {sizeof(data), data};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD flags = 0, bytes = 0;
    if (WSARecv(server, &buf, 1, NULL, &flags, &ov, NULL) != SOCKET_ERROR ||
        WSAGetLastError() != WSA_IO_PENDING)
        return 12;
    if (send(client, "port", 4, 0) != 4)
        return 13;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    if (!GetQueuedCompletionStatus(port, &bytes, &key, &got, 10000) || got != &ov || key != 5 ||
        bytes != 4)
        return 14;

    /* A socket without a port: the engine thread completes it, the event says so. */
    SOCKET c2, s2;
    if (!child_pair(&c2, &s2))
        return 19;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    if (WSARecv(s2, &buf, 1, NULL, &flags, &ov, NULL) != SOCKET_ERROR ||
        WSAGetLastError() != WSA_IO_PENDING)
        return 15;
    if (send(c2, "event", 5, 0) != 5)
        return 16;
    if (WSAWaitForMultipleEvents(1, &ov.hEvent, TRUE, 10000, FALSE) != WSA_WAIT_EVENT_0 ||
        !WSAGetOverlappedResult(s2, &ov, &bytes, FALSE, &flags) || bytes != 5)
        return 17;
    WSACloseEvent(ov.hEvent);
    closesocket(c2);
    closesocket(s2);
    closesocket(client);
    closesocket(server);
    CloseHandle(port);
    return 0;
}

/*
 * The exit code of a child that runs child_io with WS2POSIX_ENGINE=engine
 * (NULL: unset), io_uring refused by a system-call filter or not, and then
 * counts its io_uring instances: at least want_rings of them, or none for 0.
 */
static int run_child(const char *engine, bool refuse, int want_rings)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (engine)
            setenv("WS2POSIX_ENGINE", engine, 1);
        else
            unsetenv("WS2POSIX_ENGINE");
        if (refuse && ws2t_linux_refuse_uring() != 0)
            _exit(CHILD_FAILED);
        if (!refuse && want_rings > 0 && !ws2t_linux_uring_allowed())
            _exit(CHILD_NO_URING);
        int err = child_io();
        if (err) {
            fprintf(stderr, "child: step %d failed (WSA error %d)\n", err, WSAGetLastError());
            _exit(err);
        }
        int rings = ws2t_linux_uring_count();
        fprintf(stderr, "child: %d io_uring instance(s)\n", rings);
        /* want_rings > 0: at least that many; 0: none at all. */
        bool ok = want_rings > 0 ? rings >= want_rings : rings == 0;
        WSACleanup();
        _exit(ok ? 0 : CHILD_FAILED);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/*
 * By default the engine is io_uring: the engine thread's ring and the
 * port's own, two at least.  Where the kernel refuses io_uring to this very
 * test, the other tests say what happens instead.
 */
static void the_default_engine_is_io_uring(void **state)
{
    (void)state;
    int rc = run_child(NULL, false, 2);
    if (rc == CHILD_NO_URING) {
        print_message("the kernel refuses io_uring here: the default falls back to epoll "
                      "(the next test)\n");
        return;
    }
    assert_int_equal(rc, 0);
}

/* The kernel refuses io_uring: epoll runs, and every kind of completion still comes. */
static void a_kernel_that_refuses_io_uring_gets_epoll(void **state)
{
    (void)state;
    assert_int_equal(run_child(NULL, true, 0), 0);
    /* Asking for io_uring by name changes nothing then. */
    assert_int_equal(run_child("io_uring", true, 0), 0);
}

/* WS2POSIX_ENGINE=epoll: no io_uring anywhere, not even for a port. */
static void asking_for_epoll_uses_no_io_uring(void **state)
{
    (void)state;
    assert_int_equal(run_child("epoll", false, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_default_engine_is_io_uring),
        cmocka_unit_test(a_kernel_that_refuses_io_uring_gets_epoll),
        cmocka_unit_test(asking_for_epoll_uses_no_io_uring),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
