/*
 * WSPSelect over Windows fd_sets.  A socket is readable when a recv would
 * not block (data, end of stream, an error, or a connection to accept),
 * writable when a send would not block or a non-blocking connect succeeded,
 * and "exceptional" when out-of-band data waits or a non-blocking connect
 * failed.  Closing one of the sockets from another thread makes the select
 * fail with WSAEINTR (Windows Sockets 2 specification, section 2.7:
 * "This also applies if there is a select() call outstanding and the
 * application closes one of the sockets being selected").
 */
#include <stdlib.h>

#include "providers/base/base.h"
#include "sys/sys.h"

#define SELECT_READ   1
#define SELECT_WRITE  2
#define SELECT_EXCEPT 4

struct select_item {
    SOCKET s;
    struct bsock *b;
    int wanted;
    int ready;
};

static int select__add(struct select_item *items, unsigned *n, fd_set *set, int what)
{
    if (!set)
        return 0;
    for (u_int i = 0; i < set->fd_count; i++) {
        SOCKET s = set->fd_array[i];
        unsigned j = 0;
        while (j < *n && items[j].s != s)
            j++;
        if (j == *n) {
            int error;
            struct bsock *b = bsock_get(s, &error);
            if (!b)
                return WSAENOTSOCK;
            items[j] = (struct select_item){.s = s, .b = b};
            (*n)++;
        }
        items[j].wanted |= what;
    }
    return 0;
}

static void select__store(fd_set *set, const struct select_item *items, unsigned n, int what)
{
    if (!set)
        return;
    u_int count = 0;
    for (u_int i = 0; i < set->fd_count; i++) {
        for (unsigned j = 0; j < n; j++) {
            if (items[j].s == set->fd_array[i] && (items[j].ready & what)) {
                set->fd_array[count++] = set->fd_array[i];
                break;
            }
        }
    }
    set->fd_count = count;
}

/* What a socket is ready for, from poll's answer and its connect state. */
static int select__ready(struct bsock *b, short revents, int wanted)
{
    int ready = 0;
    pthread_mutex_lock(&b->lock);
    bool was_connecting = b->connecting;
    bsock_settle_connect_locked(b);
    bool connect_failed = was_connecting && !b->connecting && !b->connected;
    bool still_connecting = b->connecting;
    bool oob_inline = b->oob_inline;
    pthread_mutex_unlock(&b->lock);

    if ((wanted & SELECT_READ) && !was_connecting &&
        (revents & (SYS_POLLIN | SYS_POLLHUP | SYS_POLLERR | SYS_POLLRDHUP)))
        ready |= SELECT_READ;
    if ((wanted & SELECT_WRITE) && !still_connecting && !connect_failed && (revents & SYS_POLLOUT))
        ready |= SELECT_WRITE;
    if ((wanted & SELECT_EXCEPT) && (connect_failed || ((revents & SYS_POLLPRI) && !oob_inline)))
        ready |= SELECT_EXCEPT;
    return ready;
}

static int select__count(fd_set *set)
{
    return set ? (int)set->fd_count : 0;
}

int WSPAPI base_WSPSelect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                          const struct timeval *timeout, LPINT lpErrno)
{
    (void)nfds; /* ignored, as on Windows */
    unsigned total =
        (unsigned)(select__count(readfds) + select__count(writefds) + select__count(exceptfds));
    if (total == 0 || (timeout && (timeout->tv_sec < 0 || timeout->tv_usec < 0))) {
        *lpErrno = WSAEINVAL;
        return SOCKET_ERROR;
    }
    struct select_item *items = calloc(total, sizeof(*items));
    struct sys_pollfd *fds = calloc(total + 1, sizeof(*fds));
    struct bsock **socks = calloc(total, sizeof(*socks));
    unsigned n = 0;
    int error = (!items || !fds || !socks) ? WSAENOBUFS : 0;
    if (!error)
        error = select__add(items, &n, readfds, SELECT_READ);
    if (!error)
        error = select__add(items, &n, writefds, SELECT_WRITE);
    if (!error)
        error = select__add(items, &n, exceptfds, SELECT_EXCEPT);

    int count = 0;
    if (!error) {
        for (unsigned i = 0; i < n; i++) {
            socks[i] = items[i].b;
            fds[i + 1].fd = items[i].b->fd;
            pthread_mutex_lock(&items[i].b->lock);
            bool connecting = items[i].b->connecting;
            pthread_mutex_unlock(&items[i].b->lock);
            int wanted = items[i].wanted;
            /* A failed connect shows as POLLOUT|POLLERR: watch for it only while connecting. */
            fds[i + 1].events = (short)(((wanted & SELECT_READ) ? SYS_POLLIN : 0) |
                                        ((wanted & SELECT_WRITE) ? SYS_POLLOUT : 0) |
                                        ((wanted & SELECT_EXCEPT) ? SYS_POLLPRI : 0) |
                                        ((wanted & SELECT_EXCEPT) && connecting ? SYS_POLLOUT : 0));
        }
        int64_t deadline = -1;
        if (timeout)
            deadline = sys_now_ns() + (int64_t)timeout->tv_sec * 1000000000 +
                       (int64_t)timeout->tv_usec * 1000;
        for (;;) {
            error = bsock_wait_many(socks, n, fds, deadline);
            if (error)
                break;
            count = 0;
            for (unsigned i = 0; i < n; i++) {
                items[i].ready = select__ready(items[i].b, fds[i + 1].revents, items[i].wanted);
                count += __builtin_popcount((unsigned)items[i].ready);
            }
            if (count > 0 || (deadline >= 0 && sys_now_ns() >= deadline))
                break;
            /*
             * Linux answered with something select does not report (a hang-up on a
             * socket watched only for out-of-band data, say): nap instead of spinning.
             */
            int64_t nap = sys_now_ns() + 1000000;
            sys_poll_until(NULL, 0, deadline >= 0 && deadline < nap ? deadline : nap);
        }
    }
    if (!error) {
        select__store(readfds, items, n, SELECT_READ);
        select__store(writefds, items, n, SELECT_WRITE);
        select__store(exceptfds, items, n, SELECT_EXCEPT);
    }
    for (unsigned i = 0; i < n; i++)
        bsock_put(items[i].b);
    free(items);
    free(fds);
    free(socks);
    if (error) {
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    return count;
}
