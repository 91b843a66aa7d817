/*
 * The raw epoll program of bench/echo_matrix, of the same shape as the
 * Winsock one (echo_ws.c): one epoll set where the Winsock program has one
 * completion port, the same number of worker threads waiting in it, the same
 * connections, buffers and message flow (the client sends a message, reads
 * the whole echo, sends the next; the server echoes what it reads).
 *
 * It is written the way a Linux programmer writes it, which is where it
 * saves what the Winsock program pays for: the echo is sent inline with
 * send() (EPOLLOUT is watched only while a send is short), so a round trip
 * costs the client a send and a recv and the server a recv and a send, plus
 * the epoll_wait calls that bring the readiness.  With one worker the set is
 * level-triggered and nothing is re-armed.  With several workers sharing the
 * set, a connection must be served by one thread at a time, so each
 * registration is EPOLLONESHOT and is re-armed (one epoll_ctl) after every
 * event: that is the price of a shared set, as the completion port's is the
 * library's own locking.
 */
#include "echo.h"
#include "echo_raw.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

struct ep_conn {
    int fd;
    int client;
    int out;     /* EPOLLOUT is the registered interest (a send was short) */
    size_t size; /* the client's message size, or the server's buffer size */
    size_t len;  /* server: bytes to echo; client: echo bytes received */
    size_t off;  /* bytes sent of the message or the echo */
    unsigned char buf[];
};

struct ep_ctx {
    int epfd;
    int workers;
    int oneshot;
    int listen_fd;
    struct ep_conn **conns;
    int nconns, cap;
    _Atomic long trips;
};

static void ep__interest(struct ep_ctx *ctx, struct ep_conn *c, int op)
{
    struct epoll_event ev = {
        .events = (c->out ? EPOLLOUT : EPOLLIN) | (ctx->oneshot ? EPOLLONESHOT : 0), .data.ptr = c};
    if (epoll_ctl(ctx->epfd, op, c->fd, &ev) != 0)
        perror("epoll: epoll_ctl");
}

static void ep__fail(struct ep_ctx *ctx, struct ep_conn *c, const char *what)
{
    if (errno && !echo_quiet)
        fprintf(stderr, "epoll %s: %s: %s\n", c->client ? "client" : "server", what,
                strerror(errno));
    epoll_ctl(ctx->epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
}

/*
 * Sends buf[off, end) as far as the socket takes it; 1 when all has gone, 0
 * when the rest waits for EPOLLOUT, -1 on failure.  Whether the interest
 * must change is the caller's to apply.
 */
static int ep__send(struct ep_conn *c, size_t end)
{
    while (c->off < end) {
        ssize_t n = send(c->fd, c->buf + c->off, end - c->off, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return 0;
        if (n < 0)
            return -1;
        c->off += (size_t)n;
    }
    return 1;
}

/* One readiness of c; the interest is re-armed or changed as needed. */
static void ep__event(struct ep_ctx *ctx, struct ep_conn *c)
{
    int was_out = c->out, r;
    if (c->client) {
        if (c->out) {
            r = ep__send(c, c->size);
        } else {
            ssize_t n = recv(c->fd, c->buf + c->len, c->size - c->len, 0);
            if (n <= 0) {
                if (n < 0 && (errno == EAGAIN || errno == EINTR))
                    goto rearm;
                ep__fail(ctx, c, "recv");
                return;
            }
            c->len += (size_t)n;
            if (c->len < c->size)
                goto rearm;
            atomic_fetch_add_explicit(&ctx->trips, 1, memory_order_relaxed);
            c->buf[0]++;
            c->len = c->off = 0;
            r = ep__send(c, c->size);
        }
    } else {
        if (!c->out) {
            ssize_t n = recv(c->fd, c->buf, c->size, 0);
            if (n <= 0) {
                if (n < 0 && (errno == EAGAIN || errno == EINTR))
                    goto rearm;
                errno = n == 0 ? 0 : errno;
                ep__fail(ctx, c, "recv");
                return;
            }
            c->len = (size_t)n;
            c->off = 0;
        }
        r = ep__send(c, c->len);
    }
    if (r < 0) {
        ep__fail(ctx, c, "send");
        return;
    }
    c->out = r == 0;
rearm:
    if (ctx->oneshot || c->out != was_out)
        ep__interest(ctx, c, EPOLL_CTL_MOD);
}

static void *ep__worker(void *arg)
{
    struct ep_ctx *ctx = arg;
    struct epoll_event events[64];
    /* Several threads in one set: each takes few events, so that the others get work. */
    int max = ctx->oneshot ? 8 : 64;
    for (;;) {
        int n = epoll_wait(ctx->epfd, events, max, -1);
        if (n < 0 && errno != EINTR)
            return NULL;
        for (int i = 0; i < n; i++)
            ep__event(ctx, events[i].data.ptr);
    }
}

static void *ep_open(int workers, int sides)
{
    (void)sides;
    struct ep_ctx *ctx = calloc(1, sizeof(*ctx));
    ctx->workers = workers;
    ctx->oneshot = workers > 1;
    ctx->listen_fd = -1;
    ctx->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (ctx->epfd < 0) {
        free(ctx);
        return NULL;
    }
    return ctx;
}

static int ep_listen(void *arg, unsigned short *port)
{
    struct ep_ctx *ctx = arg;
    ctx->listen_fd = echo_raw_listen("epoll", port);
    return ctx->listen_fd < 0 ? -1 : 0;
}

static int ep__add(struct ep_ctx *ctx, int fd, int client, size_t size)
{
    echo_raw_options(fd);
    struct ep_conn *c = calloc(1, sizeof(*c) + size);
    c->fd = fd;
    c->client = client;
    c->size = size;
    if (ctx->nconns == ctx->cap) {
        ctx->cap = ctx->cap ? 2 * ctx->cap : 64;
        ctx->conns = realloc(ctx->conns, (size_t)ctx->cap * sizeof(*ctx->conns));
    }
    ctx->conns[ctx->nconns++] = c;
    return 0;
}

static int ep_accept(void *arg, int n)
{
    struct ep_ctx *ctx = arg;
    for (int i = 0; i < n; i++) {
        int fd = accept4(ctx->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            perror("epoll server: accept");
            return -1;
        }
        ep__add(ctx, fd, 0, ECHO_SERVER_BUFFER);
    }
    return 0;
}

static int ep_connect(void *arg, unsigned short port, int n, int bytes)
{
    struct ep_ctx *ctx = arg;
    for (int i = 0; i < n; i++) {
        int fd = echo_raw_connect("epoll", port);
        if (fd < 0)
            return -1;
        int on = 1;
        if (ioctl(fd, FIONBIO, &on) != 0)
            return -1;
        ep__add(ctx, fd, 1, (size_t)bytes);
    }
    return 0;
}

static int ep_run(void *arg)
{
    struct ep_ctx *ctx = arg;
    /* The first messages go out before the workers start: no thread contends for a connection. */
    for (int i = 0; i < ctx->nconns; i++) {
        struct ep_conn *c = ctx->conns[i];
        if (c->client) {
            c->buf[0] = 1;
            int r = ep__send(c, c->size);
            if (r < 0)
                return -1;
            c->out = r == 0;
        }
        ep__interest(ctx, c, EPOLL_CTL_ADD);
    }
    for (int i = 0; i < ctx->workers; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, ep__worker, ctx) != 0)
            return -1;
        pthread_detach(t);
    }
    return 0;
}

static long ep_trips(void *arg)
{
    struct ep_ctx *ctx = arg;
    return atomic_load_explicit(&ctx->trips, memory_order_relaxed);
}

const struct echo_ops echo_epoll_ops = {"epoll",    ep_open, ep_listen, ep_accept,
                                        ep_connect, ep_run,  ep_trips};

/*
 * Memory: the raw counterpart of echo_ws_memory.  A pending receive on
 * Linux is a readiness interest: each accepted connection is added to one
 * epoll set with EPOLLIN, and has per-connection state of the same size as
 * the Winsock program's (120 bytes: room for an OVERLAPPED, the descriptor,
 * a buffer descriptor, a 64-byte buffer), allocated and touched before the
 * first measurement.
 */
struct ep_mem_conn {
    unsigned char ov[32];
    long fd;
    unsigned char wb[16];
    unsigned char buf[64];
};

long echo_epoll_memory(int port_fd, int n)
{
    struct ep_ctx *ctx = ep_open(1, ECHO_SERVER);
    unsigned short port;
    if (!ctx || ep_listen(ctx, &port) != 0)
        return -1;
    struct ep_mem_conn *conns = calloc((size_t)n + 1, sizeof(*conns));
    memset(conns, 1, ((size_t)n + 1) * sizeof(*conns));
    echo_tell_port(port_fd, port);
    long before = 0;
    for (int i = 0; i <= n; i++) {
        int fd = accept4(ctx->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return -1;
        conns[i].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &conns[i]};
        if (epoll_ctl(ctx->epfd, EPOLL_CTL_ADD, fd, &ev) != 0)
            return -1;
        if (i == 0) {
            usleep(100000);
            before = echo_rss_bytes();
        }
    }
    usleep(100000);
    return echo_rss_bytes() - before;
}
