/* Waiting primitives: poll with a deadline, eventfd wake-ups, edge sets, the monotonic clock. */
#include "sys/sys.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

_Static_assert(sizeof(struct sys_pollfd) == sizeof(struct pollfd), "pollfd layout");
_Static_assert(offsetof(struct sys_pollfd, revents) == offsetof(struct pollfd, revents),
               "pollfd layout");
_Static_assert(SYS_POLLIN == POLLIN && SYS_POLLPRI == POLLPRI && SYS_POLLOUT == POLLOUT &&
                   SYS_POLLERR == POLLERR && SYS_POLLHUP == POLLHUP && SYS_POLLNVAL == POLLNVAL &&
                   SYS_POLLRDHUP == POLLRDHUP,
               "poll bits");

int64_t sys_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int sys_poll_until(struct sys_pollfd *fds, unsigned nfds, int64_t deadline_ns)
{
    struct timespec ts, *tsp = NULL;
    bool look = false;
    if (deadline_ns >= 0) {
        int64_t left = deadline_ns - sys_now_ns();
        if (left < 0)
            left = 0;
        look = left == 0;
        ts.tv_sec = left / 1000000000;
        ts.tv_nsec = left % 1000000000;
        tsp = &ts;
    }
    int r = ppoll((struct pollfd *)fds, nfds, tsp, NULL);
    /*
     * A look (no time left to wait) is not a wait a signal could end: the
     * application's signals (a profiler's or a fuzzer's timer) made
     * SIOCATMARK fail with WSAEINTR, which Windows never answers there, and
     * the other looks (a connection's state, WSAEventSelect's first look)
     * took the interruption for "nothing ready".  A wait's callers see
     * EINTR and look again.
     */
    while (r < 0 && errno == EINTR && look)
        r = ppoll((struct pollfd *)fds, nfds, tsp, NULL);
    return r;
}

int sys_eventfd(void)
{
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

void sys_eventfd_signal(int fd)
{
    uint64_t one = 1;
    /* EAGAIN means the counter is saturated: the wake-up is pending anyway. */
    while (write(fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
}

void sys_eventfd_drain(int fd)
{
    uint64_t value;
    while (read(fd, &value, sizeof(value)) < 0 && errno == EINTR)
        ;
}

int sys_edge_open(void)
{
    return epoll_create1(EPOLL_CLOEXEC);
}

int sys_edge_add(int set, int fd)
{
    /*
     * Every event that can be asked for: with EPOLLET a wake-up of fd marks
     * it when its poll answer then holds one of them (or an error or
     * hang-up, always reported), whether or not that answer changed.
     */
    struct epoll_event ev = {.events = EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLRDHUP | EPOLLET};
    if (epoll_ctl(set, EPOLL_CTL_ADD, fd, &ev) == 0 || errno == EEXIST)
        return 0;
    return -1;
}

void sys_edge_remove(int set, int fd)
{
    /* ENOENT: fd names another file now (its old one leaves the set when it is closed). */
    epoll_ctl(set, EPOLL_CTL_DEL, fd, NULL);
}

void sys_edge_drain(int set)
{
    /* Edge-triggered: each descriptor reported leaves the ready list until its next wake-up. */
    struct epoll_event ev[64];
    int n;
    do
        n = epoll_wait(set, ev, 64, 0);
    while (n == 64 || (n < 0 && errno == EINTR));
}

int sys_close(int fd)
{
    sys_socket_closing(fd);
    return close(fd);
}
