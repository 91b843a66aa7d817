/* Waiting primitives: poll with a deadline, eventfd wake-ups, the monotonic clock. */
#include "sys/sys.h"

#include <errno.h>
#include <poll.h>
#include <stddef.h>
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
    if (deadline_ns >= 0) {
        int64_t left = deadline_ns - sys_now_ns();
        if (left < 0)
            left = 0;
        ts.tv_sec = left / 1000000000;
        ts.tv_nsec = left % 1000000000;
        tsp = &ts;
    }
    return ppoll((struct pollfd *)fds, nfds, tsp, NULL);
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

int sys_close(int fd)
{
    sys_socket_closing(fd);
    return close(fd);
}
