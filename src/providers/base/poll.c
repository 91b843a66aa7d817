/*
 * WSAPoll, for the entries from the first valid socket on (ws2_32 has
 * answered for those before it).  Events use Windows' values (POLLRDNORM
 * 0x100, POLLWRNORM 0x10, ...), not Linux's, and revents are what Windows
 * reports (readiness.c classifies each socket; Wine's test_WSAPoll, run on
 * Windows, is the source of each rule below):
 *
 *  - POLLRDNORM: data to read (urgent data with SO_OOBINLINE too), or a
 *    connection to accept; POLLRDBAND: urgent data out of line;
 *    POLLWRNORM: a send would not block.  Each only when asked for.
 *  - POLLHUP when the peer has ended its side in order, asked for or not,
 *    and without POLLRDNORM unless data is still there to read; a reset
 *    gives POLLHUP|POLLERR (the connection "was either disconnected or
 *    aborted", WSAPOLLFD).
 *  - A failed connect: POLLHUP|POLLERR|POLLWRNORM ("As of Windows 10
 *    version 2004, when a TCP socket fails to connect, (POLLHUP | POLLERR |
 *    POLLWRNORM) is indicated", WSAPoll.md), at every call until the next
 *    connect.
 *  - A TCP socket neither connected nor listening reports nothing.
 *  - An entry that is not a socket gets POLLNVAL and is not counted; a
 *    socket closed during the call gets POLLNVAL and is counted.
 *  - events may only hold POLLRDNORM, POLLRDBAND and POLLWRNORM; any other
 *    flag, in any entry from the first valid socket on, valid or not, fails
 *    the call with WSAEINVAL, every revents 0.
 */
#include <stdlib.h>

#include "providers/base/readiness.h"

#define POLL_VALID_EVENTS (POLLRDNORM | POLLRDBAND | POLLWRNORM)

/* The readiness conditions an entry is told of: those asked for, and those always told. */
static int poll__interest(SHORT events)
{
    int interest = READY_FIN | READY_ABORT | READY_CONNECT_FAILED | READY_ERROR;
    if (events & POLLRDNORM)
        interest |= READY_IN;
    if (events & POLLRDBAND)
        interest |= READY_OOB;
    if (events & POLLWRNORM)
        interest |= READY_OUT;
    return interest;
}

static SHORT poll__revents(int ready)
{
    if (ready & READY_CONNECT_FAILED)
        return POLLHUP | POLLERR | POLLWRNORM;
    SHORT r = 0;
    if (ready & READY_IN)
        r |= POLLRDNORM;
    if (ready & READY_OOB)
        r |= POLLRDBAND;
    if (ready & READY_OUT)
        r |= POLLWRNORM;
    if (ready & (READY_FIN | READY_ABORT))
        r |= POLLHUP;
    if (ready & (READY_ABORT | READY_ERROR))
        r |= POLLERR;
    return r;
}

int base_poll(WSAPOLLFD *fds, ULONG nfds, INT timeout, LPINT lpErrno)
{
    if (!fds) {
        *lpErrno = WSAEFAULT;
        return SOCKET_ERROR;
    }
    for (ULONG i = 0; i < nfds; i++)
        fds[i].revents = 0;
    for (ULONG i = 0; i < nfds; i++) {
        if (fds[i].events & ~POLL_VALID_EVENTS) {
            *lpErrno = WSAEINVAL;
            return SOCKET_ERROR;
        }
    }
    size_t slots = nfds ? nfds : 1;
    struct bsock **socks = calloc(slots, sizeof(*socks));
    ULONG *index = calloc(slots, sizeof(*index));
    int *interest = calloc(slots, sizeof(*interest));
    int *ready = calloc(slots, sizeof(*ready));
    int result = SOCKET_ERROR;
    unsigned n = 0;
    if (!socks || !index || !interest || !ready) {
        *lpErrno = WSAENOBUFS;
        goto out;
    }
    for (ULONG i = 0; i < nfds; i++) {
        int error;
        struct bsock *b = bsock_get(fds[i].fd, &error);
        if (!b) {
            fds[i].revents = POLLNVAL; /* not counted (Windows returns 0 for it) */
            continue;
        }
        socks[n] = b;
        index[n] = i;
        interest[n] = poll__interest(fds[i].events);
        n++;
    }
    if (n == 0) {
        *lpErrno = WSAENOTSOCK;
        goto out;
    }
    int64_t deadline = timeout < 0 ? -1 : sys_now_ns() + (int64_t)timeout * 1000000;
    int error = ready_wait(socks, n, interest, ready, deadline, timeout != 0);
    if (error && error != WSAEINTR) {
        *lpErrno = error;
        goto out;
    }
    result = 0;
    for (unsigned k = 0; k < n; k++) {
        WSAPOLLFD *p = &fds[index[k]];
        if (atomic_load(&socks[k]->closing))
            p->revents = POLLNVAL; /* closed while polled: counted (Windows returns 1) */
        else if (!error)
            p->revents = poll__revents(ready[k]);
        if (p->revents)
            result++;
    }
out:
    for (unsigned k = 0; k < n; k++)
        bsock_put(socks[k]);
    free(socks);
    free(index);
    free(interest);
    free(ready);
    return result;
}
