/*
 * The background sender of closed sockets' backlogs (backlog.h).
 *
 * closesocket with SO_DONTLINGER (the default) returns at once and the data
 * goes on (closesocket.md, "Graceful shutdown, immediate return"); Linux
 * does that for what its send buffer holds, and this does it for the
 * backlog above it.  On Windows the system holds that data, so it is sent
 * even when the process ends or is killed right after the close (the
 * contract of test_process_exit): it is handed to a detached process
 * (sys/sys_drain.h).  Where no process can be made (a sandbox without
 * fork, a process limit), one thread of ours sends it instead, started
 * when the first such socket is closed and ending when none is left; that
 * data is lost if the process ends first.  Either runs apart from the I/O
 * engine, which stops at the final WSACleanup, because the data of sockets
 * closed before it "is still sent" (LPWSPCleanup.txt).
 *
 * A peer that takes nothing for BACKLOG_DRAIN_IDLE_NS loses the rest: the
 * descriptor is closed and what Linux holds is all that still goes (Linux
 * itself gives up on an orphaned connection whose peer's window stays shut,
 * tcp_orphan_retries).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "providers/base/backlog.h"
#include "sys/sys_drain.h"

#define BACKLOG_DRAIN_IDLE_NS (300 * 1000000000LL)
#define DRAIN_RETRY_NS        (10 * 1000000LL)

struct drain {
    struct drain *next;
    int fd;
    bool fin;
    char *data;
    size_t off, len;
    int64_t idle_until; /* given up on if nothing is taken until then */
};

static pthread_mutex_t drain__lock = PTHREAD_MUTEX_INITIALIZER;
static struct drain *drain__new; /* handed over, not yet taken by the thread */
static bool drain__running;      /* the thread runs (until it finds nothing to do) */
static int drain__wake = -1;     /* the running thread polls it with the sockets */

static void drain__end(struct drain *d)
{
    if (d->fin)
        sys_shutdown(d->fd, SYS_SHUT_WR);
    sys_close(d->fd);
    free(d->data);
    free(d);
}

/* Sends what d's socket takes now.  True when d is over (all sent, or the connection failed). */
static bool drain__send(struct drain *d)
{
    size_t before = d->off;
    int error = backlog_send_rest(d->fd, d->data, &d->off, d->len);
    if (d->off != before)
        d->idle_until = sys_now_ns() + BACKLOG_DRAIN_IDLE_NS;
    return error != EAGAIN;
}

static void *drain__thread(void *arg)
{
    (void)arg;
    struct drain *list = NULL;
    size_t count = 0, cap = 0;
    struct sys_pollfd *fds = NULL;
    for (;;) {
        pthread_mutex_lock(&drain__lock);
        while (drain__new) {
            struct drain *d = drain__new;
            drain__new = d->next;
            d->next = list;
            list = d;
            count++;
        }
        if (!list) {
            drain__running = false; /* a later handover starts a new thread, and wake-up */
            sys_close(drain__wake);
            drain__wake = -1;
            pthread_mutex_unlock(&drain__lock);
            break;
        }
        pthread_mutex_unlock(&drain__lock);

        if (count + 1 > cap) {
            struct sys_pollfd *grown = realloc(fds, (count + 1) * sizeof(*fds));
            if (grown) {
                fds = grown;
                cap = count + 1;
            }
        }
        /* Without room to wait on all of them, the ones that fit are waited on, the others tried.
         */
        size_t n = cap ? cap - 1 : 0;
        int64_t until = -1;
        unsigned i = 0;
        for (struct drain *d = list; d; d = d->next) {
            if (i < n)
                fds[1 + i++] = (struct sys_pollfd){.fd = d->fd, .events = SYS_POLLOUT};
            if (until < 0 || d->idle_until < until)
                until = d->idle_until;
        }
        /* Those not waited on are tried again soon. */
        if (i < count && (until < 0 || until > sys_now_ns() + DRAIN_RETRY_NS))
            until = sys_now_ns() + DRAIN_RETRY_NS;
        if (cap) {
            fds[0] = (struct sys_pollfd){.fd = drain__wake, .events = SYS_POLLIN};
            sys_poll_until(fds, i + 1, until);
            if (fds[0].revents)
                sys_eventfd_drain(drain__wake);
        } else {
            sys_poll_until(NULL, 0, until);
        }
        int64_t now = sys_now_ns();
        i = 0;
        for (struct drain **link = &list; *link;) {
            struct drain *d = *link;
            bool polled = i < n;
            short revents = polled ? fds[1 + i].revents : SYS_POLLOUT;
            i++;
            if ((revents && drain__send(d)) || now >= d->idle_until) {
                *link = d->next;
                count--;
                drain__end(d);
                continue;
            }
            link = &d->next;
        }
    }
    free(fds);
    return NULL;
}

/*
 * WS2POSIX_DRAIN_IN_PROCESS=1 keeps the sending in this process (the thread),
 * for sandboxes where a fork is unwelcome even though it would succeed, and
 * for the tests of that path.
 */
static bool backlog__in_process(void)
{
    const char *v = getenv("WS2POSIX_DRAIN_IN_PROCESS");
    return v && v[0] == '1';
}

void backlog_drain_start(int fd, char *data, size_t len, bool fin)
{
    if (!backlog__in_process() &&
        sys_drain_detached(fd, data, len, fin, (int)(BACKLOG_DRAIN_IDLE_NS / 1000000)) == 0) {
        sys_close(fd);
        free(data);
        return;
    }
    struct drain *d = calloc(1, sizeof(*d));
    if (!d) {
        sys_close(fd);
        free(data);
        return;
    }
    d->fd = fd;
    d->fin = fin;
    d->data = data;
    d->len = len;
    d->idle_until = sys_now_ns() + BACKLOG_DRAIN_IDLE_NS;

    pthread_mutex_lock(&drain__lock);
    if (drain__wake < 0)
        drain__wake = sys_eventfd();
    bool started = drain__running;
    if (!started && drain__wake >= 0) {
        pthread_t thread;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        started = pthread_create(&thread, &attr, drain__thread, NULL) == 0;
        pthread_attr_destroy(&attr);
        drain__running = started;
    }
    if (started) {
        d->next = drain__new;
        drain__new = d;
        sys_eventfd_signal(drain__wake);
    }
    pthread_mutex_unlock(&drain__lock);
    if (!started)
        drain__end(d); /* no thread to send it: what Linux holds still goes */
}
