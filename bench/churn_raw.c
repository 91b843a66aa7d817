/*
 * The raw Linux side of bench/echo_matrix's connection churn, of the same
 * shape as churn_ws.c.
 *
 * CHURN_EX: one epoll set and one thread, as the Winsock program has one
 * completion port and one worker.  The listener is non-blocking in the set
 * and each readiness accepts until EAGAIN; CHURN_IN_FLIGHT non-blocking
 * connects are in flight, each on a new socket that is NOT bound first (a
 * Linux client lets connect choose the port, which avoids every port whose
 * four-tuple is still in TIME_WAIT), its completion seen as EPOLLOUT and
 * checked with SO_ERROR; an accepted connection is watched for EPOLLIN and
 * closed when recv sees the client's end.
 *
 * CHURN_BLOCKING: a client thread looping socket, connect, close and a
 * server thread looping accept, recv until the end, close.
 */
#include "echo.h"

#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

/* What an epoll registration is, in the top bits of its data. */
#define CR_LISTENER (1ull << 62)
#define CR_CONNECT  (2ull << 62)
#define CR_ACCEPTED (3ull << 62)
#define CR_TAG      (3ull << 62)

struct cr_ctx {
    enum churn_kind kind;
    int abortive;
    int epfd, listen_fd;
    struct sockaddr_in to;
    _Atomic long done, failed;
    _Atomic long served; /* connections the server side accepted and saw the end of */
};

static void cr__close(struct cr_ctx *ctx, int fd)
{
    if (ctx->abortive) {
        struct linger l = {.l_onoff = 1, .l_linger = 0};
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    }
    close(fd);
}

static void cr__connect(struct cr_ctx *ctx)
{
    for (;;) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd >= 0 && (connect(fd, (struct sockaddr *)&ctx->to, sizeof(ctx->to)) == 0 ||
                        errno == EINPROGRESS)) {
            struct epoll_event ev = {.events = EPOLLOUT, .data.u64 = CR_CONNECT | (uint64_t)fd};
            if (epoll_ctl(ctx->epfd, EPOLL_CTL_ADD, fd, &ev) == 0)
                return;
        }
        atomic_fetch_add(&ctx->failed, 1);
        if (fd >= 0)
            close(fd);
        usleep(1000);
    }
}

static void cr__event(struct cr_ctx *ctx, uint64_t data)
{
    int fd = (int)(data & ~CR_TAG);
    switch (data & CR_TAG) {
    case CR_LISTENER:
        for (;;) {
            int s = accept4(ctx->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (s < 0)
                return;
            struct epoll_event ev = {.events = EPOLLIN, .data.u64 = CR_ACCEPTED | (uint64_t)s};
            epoll_ctl(ctx->epfd, EPOLL_CTL_ADD, s, &ev);
        }
    case CR_ACCEPTED: {
        char byte;
        ssize_t n = recv(fd, &byte, 1, 0);
        if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR)))
            return;
        cr__close(ctx, fd); /* closing takes it out of the set */
        atomic_fetch_add(&ctx->served, 1);
        return;
    }
    case CR_CONNECT: {
        int err = 0;
        socklen_t len = sizeof(err);
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        atomic_fetch_add(err ? &ctx->failed : &ctx->done, 1);
        cr__close(ctx, fd);
        cr__connect(ctx);
        return;
    }
    }
}

static void *cr__worker(void *arg)
{
    struct cr_ctx *ctx = arg;
    struct epoll_event events[64];
    for (;;) {
        int n = epoll_wait(ctx->epfd, events, 64, -1);
        for (int i = 0; i < n; i++)
            cr__event(ctx, events[i].data.u64);
    }
    return NULL;
}

static void *cr__blocking_server(void *arg)
{
    struct cr_ctx *ctx = arg;
    for (;;) {
        int s = accept4(ctx->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (s < 0) {
            atomic_fetch_add(&ctx->failed, 1);
            continue;
        }
        char byte;
        while (recv(s, &byte, 1, 0) > 0)
            ;
        cr__close(ctx, s);
        atomic_fetch_add(&ctx->served, 1);
    }
    return NULL;
}

static void *cr__blocking_client(void *arg)
{
    struct cr_ctx *ctx = arg;
    for (;;) {
        int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (s >= 0 && connect(s, (struct sockaddr *)&ctx->to, sizeof(ctx->to)) == 0)
            atomic_fetch_add(&ctx->done, 1);
        else
            atomic_fetch_add(&ctx->failed, 1);
        if (s >= 0)
            cr__close(ctx, s);
    }
    return NULL;
}

static void *cr_start(enum churn_kind kind, int abortive)
{
    struct cr_ctx *ctx = calloc(1, sizeof(*ctx));
    ctx->kind = kind;
    ctx->abortive = abortive;
    ctx->to.sin_family = AF_INET;
    ctx->to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(ctx->to);
    int flags = kind == CHURN_EX ? SOCK_NONBLOCK : 0;
    ctx->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | flags, 0);
    if (ctx->listen_fd < 0 || bind(ctx->listen_fd, (struct sockaddr *)&ctx->to, len) != 0 ||
        listen(ctx->listen_fd, SOMAXCONN) != 0 ||
        getsockname(ctx->listen_fd, (struct sockaddr *)&ctx->to, &len) != 0) {
        perror("raw churn: listen");
        return NULL;
    }
    pthread_t t;
    if (kind == CHURN_BLOCKING) {
        if (pthread_create(&t, NULL, cr__blocking_server, ctx) != 0)
            return NULL;
        pthread_detach(t);
        if (pthread_create(&t, NULL, cr__blocking_client, ctx) != 0)
            return NULL;
        pthread_detach(t);
        return ctx;
    }
    ctx->epfd = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = CR_LISTENER};
    if (ctx->epfd < 0 || epoll_ctl(ctx->epfd, EPOLL_CTL_ADD, ctx->listen_fd, &ev) != 0)
        return NULL;
    for (int i = 0; i < CHURN_IN_FLIGHT; i++)
        cr__connect(ctx);
    if (pthread_create(&t, NULL, cr__worker, ctx) != 0)
        return NULL;
    pthread_detach(t);
    return ctx;
}

static long cr_done(void *arg, long *failed)
{
    struct cr_ctx *ctx = arg;
    *failed = atomic_load(&ctx->failed);
    long done = atomic_load(&ctx->done), served = atomic_load(&ctx->served);
    return done < served ? done : served;
}

const struct churn_ops churn_raw_ops = {"raw", cr_start, cr_done};
