/*
 * The baselines of bench/iocp_echo: echo servers written straight on Linux,
 * the fastest straightforward designs we know, with as many worker threads
 * as the IOCP server has.
 *
 * Both are sharded: each worker owns its connections and its own epoll set
 * or io_uring, so that no lock or shared queue sits between a socket and
 * the thread that serves it.  (The IOCP server shares one port between its
 * workers, as Windows servers do; sharding is what Linux servers do to go
 * fast, so it is the bar.)
 *
 *   epoll:    level-triggered EPOLLIN; one recv per readiness, the echo
 *             sent at once (EPOLLOUT only if the send was short).
 *   io_uring: one recv request per connection, the send of the echo
 *             queued from its completion, the next recv from the send's;
 *             a single-issuer ring with deferred task work, so the kernel
 *             does the socket work in the worker's own io_uring_enter.
 */
/* accept4 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "iocp_echo_raw.h"

#include <errno.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define RAW_MAX_WORKERS 64

struct raw_conn {
    int fd;
    size_t len; /* bytes of buf to echo */
    size_t off; /* of them, sent already */
    int sending;
    unsigned char buf[IE_BUFFER];
};

struct raw_worker {
    struct ie_raw *srv;
    pthread_t thread;
    int epfd;
    struct io_uring ring;
    int nconns;
    struct raw_conn **conns;
};

struct ie_raw {
    enum ie_raw_kind kind;
    int listen_fd;
    int stop_fd; /* an eventfd: written once to stop every worker */
    int nworkers, started;
    int nconns;
    struct raw_conn *conns;
    _Atomic int closed; /* connections the workers have seen end */
    struct raw_worker workers[RAW_MAX_WORKERS];
};

static void raw__close_conn(struct ie_raw *srv, struct raw_conn *c)
{
    close(c->fd);
    c->fd = -1;
    atomic_fetch_add(&srv->closed, 1);
}

/* epoll: sends what is left of the echo; 0, or -1 when the connection failed. */
static int raw__epoll_send(struct raw_worker *w, struct raw_conn *c)
{
    while (c->off < c->len) {
        ssize_t n = send(c->fd, c->buf + c->off, c->len - c->off, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            break;
        if (n < 0)
            return -1;
        c->off += (size_t)n;
    }
    int sending = c->off < c->len;
    if (sending != c->sending) {
        /* While an echo is half sent, stop reading: that is the flow control. */
        struct epoll_event ev = {.events = sending ? EPOLLOUT : EPOLLIN, .data.ptr = c};
        epoll_ctl(w->epfd, EPOLL_CTL_MOD, c->fd, &ev);
        c->sending = sending;
    }
    return 0;
}

static void *raw__epoll_worker(void *arg)
{
    struct raw_worker *w = arg;
    struct epoll_event events[64];
    for (;;) {
        int n = epoll_wait(w->epfd, events, 64, -1);
        if (n < 0 && errno != EINTR)
            return NULL;
        for (int i = 0; i < n; i++) {
            struct raw_conn *c = events[i].data.ptr;
            if (!c)
                return NULL; /* the stop eventfd (left readable, so every worker sees it) */
            if (c->sending) {
                if (raw__epoll_send(w, c) != 0)
                    raw__close_conn(w->srv, c);
                continue;
            }
            ssize_t got = recv(c->fd, c->buf, sizeof(c->buf), 0);
            if (got < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            c->len = got > 0 ? (size_t)got : 0;
            c->off = 0;
            if (got <= 0 || raw__epoll_send(w, c) != 0)
                raw__close_conn(w->srv, c); /* closing also takes it out of the epoll set */
        }
    }
}

static int raw__epoll_setup(struct raw_worker *w)
{
    w->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (w->epfd < 0)
        return -1;
    struct epoll_event stop = {.events = EPOLLIN, .data.ptr = NULL};
    if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->srv->stop_fd, &stop) != 0)
        return -1;
    for (int i = 0; i < w->nconns; i++) {
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = w->conns[i]};
        if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->conns[i]->fd, &ev) != 0)
            return -1;
    }
    return 0;
}

/* io_uring: a free submission entry, submitting the queued ones first if there is none. */
static struct io_uring_sqe *raw__sqe(struct io_uring *ring)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
    while (!sqe) {
        io_uring_submit(ring);
        sqe = io_uring_get_sqe(ring);
    }
    return sqe;
}

static void raw__uring_recv(struct io_uring *ring, struct raw_conn *c)
{
    struct io_uring_sqe *sqe = raw__sqe(ring);
    io_uring_prep_recv(sqe, c->fd, c->buf, sizeof(c->buf), 0);
    io_uring_sqe_set_data(sqe, c);
    c->sending = 0;
}

static void raw__uring_send(struct io_uring *ring, struct raw_conn *c)
{
    struct io_uring_sqe *sqe = raw__sqe(ring);
    io_uring_prep_send(sqe, c->fd, c->buf + c->off, c->len - c->off, MSG_NOSIGNAL);
    io_uring_sqe_set_data(sqe, c);
    c->sending = 1;
}

/* One completion; false once the stop request has come. */
static int raw__uring_complete(struct raw_worker *w, struct raw_conn *c, int res)
{
    if (!c)
        return 0;
    if (res == -EINTR || res == -EAGAIN) { /* nothing happened: ask again */
        if (c->sending)
            raw__uring_send(&w->ring, c);
        else
            raw__uring_recv(&w->ring, c);
        return 1;
    }
    if (res <= 0) {
        raw__close_conn(w->srv, c);
        return 1;
    }
    if (!c->sending) {
        c->len = (size_t)res;
        c->off = 0;
    } else {
        c->off += (size_t)res;
    }
    if (c->off < c->len)
        raw__uring_send(&w->ring, c);
    else
        raw__uring_recv(&w->ring, c);
    return 1;
}

static void *raw__uring_worker(void *arg)
{
    struct raw_worker *w = arg;
    struct io_uring_sqe *sqe = raw__sqe(&w->ring);
    io_uring_prep_poll_add(sqe, w->srv->stop_fd, POLLIN);
    io_uring_sqe_set_data(sqe, NULL);
    for (int i = 0; i < w->nconns; i++)
        raw__uring_recv(&w->ring, w->conns[i]);
    for (int running = 1; running;) {
        if (io_uring_submit_and_wait(&w->ring, 1) < 0 && errno != EINTR)
            break;
        unsigned head, seen = 0;
        struct io_uring_cqe *cqe;
        io_uring_for_each_cqe(&w->ring, head, cqe)
        {
            running &= raw__uring_complete(w, io_uring_cqe_get_data(cqe), cqe->res);
            seen++;
        }
        io_uring_cq_advance(&w->ring, seen);
    }
    return NULL;
}

static int raw__uring_init(struct io_uring *ring, unsigned entries)
{
    /* Deferred task work needs 6.1; older kernels get a plain ring. */
    struct io_uring_params p = {.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN};
    int err = io_uring_queue_init_params(entries, ring, &p);
    if (err == -EINVAL) {
        struct io_uring_params plain = {0};
        err = io_uring_queue_init_params(entries, ring, &plain);
    }
    return err;
}

int ie_uring_available(void)
{
    struct io_uring ring;
    if (raw__uring_init(&ring, 4) != 0)
        return 0;
    io_uring_queue_exit(&ring);
    return 1;
}

static void *raw__uring_start(void *arg)
{
    struct raw_worker *w = arg;
    /* The ring is made on the thread that drives it (SINGLE_ISSUER ties it to its creator). */
    unsigned entries = 64;
    while (entries < (unsigned)w->nconns + 1)
        entries *= 2;
    int err = raw__uring_init(&w->ring, entries);
    if (err) {
        fprintf(stderr, "raw io_uring server: io_uring_queue_init: %s\n", strerror(-err));
        for (int i = 0; i < w->nconns; i++)
            raw__close_conn(w->srv, w->conns[i]);
        return NULL;
    }
    raw__uring_worker(w);
    io_uring_queue_exit(&w->ring);
    return NULL;
}

struct ie_raw *ie_raw_start(enum ie_raw_kind kind, int workers, unsigned short *port)
{
    if (workers < 1 || workers > RAW_MAX_WORKERS)
        return NULL;
    struct ie_raw *srv = calloc(1, sizeof(*srv));
    srv->kind = kind;
    srv->nworkers = workers;
    for (int i = 0; i < workers; i++) {
        srv->workers[i].srv = srv;
        srv->workers[i].epfd = -1;
    }
    srv->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    srv->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(a);
    if (srv->stop_fd < 0 || srv->listen_fd < 0 ||
        bind(srv->listen_fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        listen(srv->listen_fd, SOMAXCONN) != 0 ||
        getsockname(srv->listen_fd, (struct sockaddr *)&a, &len) != 0) {
        fprintf(stderr, "raw server: listen: %s\n", strerror(errno));
        ie_raw_stop(srv);
        return NULL;
    }
    *port = ntohs(a.sin_port);
    return srv;
}

int ie_raw_accept(struct ie_raw *srv, int n)
{
    srv->conns = calloc((size_t)n, sizeof(*srv->conns));
    for (int i = 0; i < srv->nworkers; i++)
        srv->workers[i].conns = calloc((size_t)n, sizeof(struct raw_conn *));
    for (int i = 0; i < n; i++) {
        int fd = accept4(srv->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "raw server: accept: %s\n", strerror(errno));
            return -1;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        srv->conns[i].fd = fd;
        srv->nconns = i + 1;
        struct raw_worker *w = &srv->workers[i % srv->nworkers];
        w->conns[w->nconns++] = &srv->conns[i];
    }
    for (int i = 0; i < srv->nworkers; i++) {
        struct raw_worker *w = &srv->workers[i];
        void *(*fn)(void *) = raw__uring_start;
        if (srv->kind == IE_RAW_EPOLL) {
            fn = raw__epoll_worker;
            if (raw__epoll_setup(w) != 0) {
                fprintf(stderr, "raw epoll server: %s\n", strerror(errno));
                return -1;
            }
        }
        if (pthread_create(&w->thread, NULL, fn, w) != 0)
            return -1;
        srv->started = i + 1;
    }
    return 0;
}

void ie_raw_stop(struct ie_raw *srv)
{
    /* Bounded: the client has closed, and each worker closes what it sees end. */
    double give_up = ie_now() + IE_STOP_SECONDS;
    while (srv->started && atomic_load(&srv->closed) < srv->nconns && ie_now() < give_up)
        usleep(1000);
    uint64_t one = 1;
    if (srv->stop_fd >= 0 && write(srv->stop_fd, &one, sizeof(one)) < 0)
        perror("raw server: stop");
    for (int i = 0; i < srv->started; i++)
        pthread_join(srv->workers[i].thread, NULL);
    for (int i = 0; i < srv->nworkers; i++) {
        if (srv->workers[i].epfd >= 0)
            close(srv->workers[i].epfd);
        free(srv->workers[i].conns);
    }
    for (int i = 0; i < srv->nconns; i++)
        if (srv->conns[i].fd >= 0)
            close(srv->conns[i].fd);
    if (srv->listen_fd >= 0)
        close(srv->listen_fd);
    if (srv->stop_fd >= 0)
        close(srv->stop_fd);
    free(srv->conns);
    free(srv);
}
