/*
 * The detached sender (sys_drain.h).
 *
 * fork twice, so that the sender is nobody's child but init's (or the
 * nearest subreaper's): the application never reaps it nor gets its
 * SIGCHLD, and it outlives the application however that ends.  Between
 * fork and _exit the child of a multi-threaded process may only make
 * async-signal-safe calls (fork(2), signal-safety(7)): system calls, no
 * allocation, no locks, no stdio.  It leaves the application's session
 * (a Ctrl-C for the application's process group is not for it), puts the
 * default action back for every signal (a handler of the application must
 * not run there), and closes every descriptor but the socket (its copy of
 * another socket would keep that connection open; its copy of a pipe
 * would keep the reader of the application's output waiting).  A pipe
 * tells the caller that the sender runs.
 */
#include "sys/sys_drain.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Closes descriptors from first to last (inclusive). */
static void sys_drain__close_range(unsigned first, unsigned last)
{
    if (first > last)
        return;
#ifdef SYS_close_range
    if (syscall(SYS_close_range, first, last, 0) == 0)
        return;
#endif
    /* Before Linux 5.9: one by one, up to a bound that covers usual limits. */
    for (unsigned fd = first; fd <= last && fd < 65536; fd++)
        close((int)fd);
}

/* Keeps only 0, 1, 2 (now /dev/null), a and b. */
static void sys_drain__close_others(int a, int b)
{
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        for (int std = 0; std < 3; std++)
            if (std != a && std != b)
                dup2(null, std);
        if (null > 2 && null != a && null != b)
            close(null);
    }
    /* From 3 up, every descriptor but a and b (either may be below 3: stdin closed). */
    unsigned keep[2] = {(unsigned)(a < b ? a : b), (unsigned)(a < b ? b : a)};
    unsigned first = 3;
    for (int i = 0; i < 2; i++) {
        if (keep[i] < first)
            continue;
        sys_drain__close_range(first, keep[i] - 1);
        first = keep[i] + 1;
    }
    sys_drain__close_range(first, ~0u);
}

static _Noreturn void sys_drain__child(int fd, int ready, const char *data, size_t len, bool fin,
                                       int idle_ms)
{
    setsid();
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &dfl, NULL); /* fails harmlessly for SIGKILL, SIGSTOP and unused numbers */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    sys_drain__close_others(fd, ready);
    char ok = 1;
    while (write(ready, &ok, 1) < 0 && errno == EINTR)
        ;
    close(ready);

    size_t off = 0;
    while (off < len) {
        ssize_t n = send(fd, data + off, len - off, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            off += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            int r = poll(&p, 1, idle_ms);
            if (r == 0)
                break; /* the peer took nothing for idle_ms: what Linux holds is all that goes */
            continue;
        }
        break; /* the connection failed */
    }
    if (fin)
        shutdown(fd, SHUT_WR);
    close(fd); /* the last reference: Linux sends what it holds, then the FIN */
    _exit(0);
}

int sys_drain_detached(int fd, const void *data, size_t len, bool fin, int idle_ms)
{
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(pipe_fds[0]);
        pid_t sender = fork();
        if (sender == 0)
            sys_drain__child(fd, pipe_fds[1], data, len, fin, idle_ms);
        _exit(sender < 0);
    }
    close(pipe_fds[1]);
    int result = -1;
    if (pid > 0) {
        /* The middle process ends at once; reaping it may fail if SIGCHLD is ignored. */
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
        char ok = 0;
        ssize_t n;
        while ((n = read(pipe_fds[0], &ok, 1)) < 0 && errno == EINTR)
            ;
        result = n == 1 ? 0 : -1;
    }
    close(pipe_fds[0]);
    return result;
}
