/*
 * Console signals into a pipe (sys_signal.h).
 */
#include "sys/sys_signal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "sys/sys.h"

_Static_assert(SYS_SIGHUP == SIGHUP, "SIGHUP");
_Static_assert(SYS_SIGINT == SIGINT, "SIGINT");
_Static_assert(SYS_SIGQUIT == SIGQUIT, "SIGQUIT");
_Static_assert(SYS_SIGTERM == SIGTERM, "SIGTERM");

/* The pipe: the signal handler writes, sys_signal_next reads.  -1 when closed. */
static volatile sig_atomic_t sys_signal__write_fd = -1;
static int sys_signal__read_fd = -1;

static void sys_signal__handler(int sig)
{
    int saved = errno;
    int fd = sys_signal__write_fd;
    unsigned char byte = (unsigned char)sig;
    /*
     * The write end is non-blocking: if the pipe were ever full (64 KiB of
     * undelivered signals), this one is dropped rather than the thread hung.
     */
    if (fd >= 0)
        while (write(fd, &byte, 1) < 0 && errno == EINTR)
            ;
    errno = saved;
}

int sys_signal_open(void)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return -1;
    if (fcntl(fds[1], F_SETFL, O_NONBLOCK) != 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    sys_signal__read_fd = fds[0];
    sys_signal__write_fd = fds[1];
    return 0;
}

void sys_signal_close(void)
{
    int w = sys_signal__write_fd;
    sys_signal__write_fd = -1;
    if (w >= 0)
        close(w);
    if (sys_signal__read_fd >= 0)
        close(sys_signal__read_fd);
    sys_signal__read_fd = -1;
}

bool sys_signal_ignored(int sig)
{
    struct sigaction old;
    return sigaction(sig, NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
           old.sa_handler == SIG_IGN;
}

int sys_signal_catch(int sig)
{
    struct sigaction sa = {0};
    sa.sa_handler = sys_signal__handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

static void sys_signal__set(int sig, void (*disposition)(int))
{
    struct sigaction sa = {0};
    sa.sa_handler = disposition;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

void sys_signal_ignore(int sig)
{
    sys_signal__set(sig, SIG_IGN);
}

void sys_signal_default(int sig)
{
    sys_signal__set(sig, SIG_DFL);
}

int sys_signal_next(int64_t deadline_ns)
{
    for (;;) {
        struct sys_pollfd p = {sys_signal__read_fd, SYS_POLLIN, 0};
        if (p.fd < 0)
            return -1;
        int r = sys_poll_until(&p, 1, deadline_ns);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return 0;
        unsigned char byte;
        ssize_t n = read(p.fd, &byte, 1);
        if (n == 1)
            return byte;
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        return -1;
    }
}

int sys_signal_send_self(int sig)
{
    return kill(getpid(), sig);
}

int sys_signal_send_group(int pgid, int sig)
{
    if (pgid <= 0) {
        errno = EINVAL;
        return -1;
    }
    return killpg(pgid, sig);
}

_Noreturn void sys_signal_die(int sig)
{
    sys_signal_default(sig);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    /* A thread-directed signal to this thread, now unblocked: delivered before raise returns. */
    raise(sig);
    /* Only a signal whose default is to be ignored gets here; none of the console ones is. */
    _exit(128 + sig);
}
