/*
 * WSAPoll.  Events use Windows' values (POLLRDNORM 0x100, POLLWRNORM 0x10,
 * ...), not Linux's.  A socket closed while polled comes back as POLLNVAL;
 * an entry that is not a socket at all gets POLLNVAL too, an entry whose fd
 * is negative is ignored (WSAPOLLFD: "This parameter is ignored if set to a
 * negative value"), and if no entry is a socket the call fails with
 * WSAEINVAL, as documented.
 */
#include <stdint.h>
#include <stdlib.h>

#include "providers/base/base.h"
#include "sys/sys.h"

/*
 * The flags an application may ask for (WSAPoll.md): POLLRDNORM, POLLRDBAND
 * and POLLWRNORM.  "Any other values are considered errors" (WSAEINVAL),
 * POLLPRI included: it "is not supported by the Microsoft Winsock provider"
 * and makes WSAPoll fail.
 */
#define POLL_VALID_EVENTS (POLLRDNORM | POLLRDBAND | POLLWRNORM)

static bool poll__ignored(SOCKET s)
{
    return (intptr_t)s < 0;
}

static short poll__to_linux(SHORT events)
{
    short e = SYS_POLLRDHUP;
    if (events & POLLRDNORM)
        e |= SYS_POLLIN;
    if (events & (POLLRDBAND | POLLPRI))
        e |= SYS_POLLPRI;
    if (events & (POLLWRNORM | POLLWRBAND))
        e |= SYS_POLLOUT;
    return e;
}

static SHORT poll__from_linux(short revents, SHORT events)
{
    SHORT r = 0;
    if (revents & SYS_POLLIN)
        r |= POLLRDNORM;
    if (revents & SYS_POLLPRI)
        r |= events & (POLLRDBAND | POLLPRI);
    if (revents & SYS_POLLOUT)
        r |= events & (POLLWRNORM | POLLWRBAND);
    /* A peer's FIN is a hang-up for Windows; Linux says so only with POLLRDHUP. */
    if (revents & (SYS_POLLHUP | SYS_POLLRDHUP))
        r |= POLLHUP;
    if (revents & SYS_POLLERR)
        r |= POLLERR;
    return (SHORT)(r & (events | POLLHUP | POLLERR));
}

int base_poll(WSAPOLLFD *fds, ULONG nfds, INT timeout, LPINT lpErrno)
{
    if (!fds) {
        *lpErrno = WSAEFAULT;
        return SOCKET_ERROR;
    }
    for (ULONG i = 0; i < nfds; i++) {
        if (fds[i].events & ~POLL_VALID_EVENTS) {
            *lpErrno = WSAEINVAL;
            return SOCKET_ERROR;
        }
    }
    struct bsock **socks = calloc(nfds ? nfds : 1, sizeof(*socks));
    ULONG *index = calloc(nfds ? nfds : 1, sizeof(*index));
    struct sys_pollfd *pfds = calloc(nfds + 1, sizeof(*pfds));
    if (!socks || !index || !pfds) {
        free(socks);
        free(index);
        free(pfds);
        *lpErrno = WSAENOBUFS;
        return SOCKET_ERROR;
    }
    unsigned n = 0, invalid = 0;
    for (ULONG i = 0; i < nfds; i++) {
        int error;
        fds[i].revents = 0;
        if (poll__ignored(fds[i].fd))
            continue;
        struct bsock *b = bsock_get(fds[i].fd, &error);
        if (!b) {
            fds[i].revents = POLLNVAL;
            invalid++;
            continue;
        }
        socks[n] = b;
        index[n] = i;
        pfds[n + 1].fd = b->fd;
        pfds[n + 1].events = poll__to_linux(fds[i].events);
        n++;
    }

    int result;
    if (n == 0) {
        *lpErrno = WSAEINVAL;
        result = SOCKET_ERROR;
    } else {
        int64_t deadline = timeout < 0 ? -1 : sys_now_ns() + (int64_t)timeout * 1000000;
        int error = 0;
        /* Entries already known to be invalid answer at once. */
        if (invalid > 0)
            deadline = sys_now_ns();
        error = bsock_wait_many(socks, n, pfds, deadline);
        if (error && error != WSAEINTR) {
            *lpErrno = error;
            result = SOCKET_ERROR;
        } else {
            result = 0;
            for (unsigned k = 0; k < n; k++) {
                WSAPOLLFD *p = &fds[index[k]];
                if (atomic_load(&socks[k]->closing))
                    p->revents = POLLNVAL;
                else if (!error)
                    p->revents = poll__from_linux(pfds[k + 1].revents, p->events);
            }
            for (ULONG i = 0; i < nfds; i++)
                if (fds[i].revents)
                    result++;
        }
    }
    for (unsigned k = 0; k < n; k++)
        bsock_put(socks[k]);
    free(socks);
    free(index);
    free(pfds);
    return result;
}
