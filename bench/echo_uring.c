/*
 * The raw io_uring program of bench/echo_matrix, of the same shape as the
 * Winsock one (echo_ws.c): one ring where the Winsock program has one
 * completion port, the same number of worker threads, the same connections,
 * buffers and message flow.  It is the closest Linux has to a completion
 * port: one recv or send request outstanding per connection, the next one
 * queued from the completion of the last, as the Winsock program issues its
 * next WSARecv or WSASend from its completion.
 *
 * With one worker the ring is single-issuer with deferred task work (the
 * kernel does the socket work inside the worker's own io_uring_enter), the
 * fastest way to drive a ring from one thread.  Several workers share one
 * ring the only way a ring can be shared: a mutex around the submission
 * and completion queues, each thread waiting in io_uring_enter without it
 * and taking a few completions at a time.  That mutex is this program's
 * price of a shared port, as the library's locking is ours.
 */
#include "echo.h"
#include "echo_raw.h"

#include <errno.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum ur_op { UR_RECV, UR_SEND };

struct ur_conn {
    int fd;
    int client;
    enum ur_op op;
    size_t size; /* the client's message size, or the server's buffer size */
    size_t len;  /* server: bytes to echo; client: echo bytes received */
    size_t off;  /* bytes sent of the message or the echo */
    unsigned char buf[];
};

struct ur_ctx {
    struct io_uring ring;
    pthread_mutex_t lock; /* the rings's queues, when several workers share it */
    int workers;
    int listen_fd;
    struct ur_conn **conns;
    int nconns, cap;
    _Atomic long trips;
};

static struct io_uring_sqe *ur__sqe(struct io_uring *ring)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
    while (!sqe) {
        io_uring_submit(ring);
        sqe = io_uring_get_sqe(ring);
    }
    return sqe;
}

/* Queues c's next request (submitted by the worker before it waits again). */
static void ur__queue(struct ur_ctx *ctx, struct ur_conn *c, enum ur_op op, unsigned char *at,
                      size_t len)
{
    if (ctx->workers > 1)
        pthread_mutex_lock(&ctx->lock);
    struct io_uring_sqe *sqe = ur__sqe(&ctx->ring);
    if (op == UR_RECV)
        io_uring_prep_recv(sqe, c->fd, at, len, 0);
    else
        io_uring_prep_send(sqe, c->fd, at, len, MSG_NOSIGNAL);
    io_uring_sqe_set_data(sqe, c);
    c->op = op;
    if (ctx->workers > 1)
        pthread_mutex_unlock(&ctx->lock);
}

static void ur__client_send(struct ur_ctx *ctx, struct ur_conn *c)
{
    c->buf[0]++;
    c->len = c->off = 0;
    ur__queue(ctx, c, UR_SEND, c->buf, c->size);
}

static void ur__complete(struct ur_ctx *ctx, struct ur_conn *c, int res)
{
    if (res == -EINTR || res == -EAGAIN) { /* nothing happened: ask again */
        if (c->op == UR_RECV)
            ur__queue(ctx, c, UR_RECV, c->buf + (c->client ? c->len : 0),
                      c->client ? c->size - c->len : c->size);
        else
            ur__queue(ctx, c, UR_SEND, c->buf + c->off, (c->client ? c->size : c->len) - c->off);
        return;
    }
    if (res <= 0) {
        if (res < 0 && !echo_quiet)
            fprintf(stderr, "io_uring %s: %s\n", c->client ? "client" : "server", strerror(-res));
        close(c->fd);
        return;
    }
    if (c->client) {
        if (c->op == UR_SEND) {
            c->off += (size_t)res;
            if (c->off < c->size)
                ur__queue(ctx, c, UR_SEND, c->buf + c->off, c->size - c->off);
            else
                ur__queue(ctx, c, UR_RECV, c->buf, c->size);
            return;
        }
        c->len += (size_t)res;
        if (c->len < c->size) {
            ur__queue(ctx, c, UR_RECV, c->buf + c->len, c->size - c->len);
            return;
        }
        atomic_fetch_add_explicit(&ctx->trips, 1, memory_order_relaxed);
        ur__client_send(ctx, c);
        return;
    }
    if (c->op == UR_RECV) {
        c->len = (size_t)res;
        c->off = 0;
    } else {
        c->off += (size_t)res;
    }
    if (c->off < c->len)
        ur__queue(ctx, c, UR_SEND, c->buf + c->off, c->len - c->off);
    else
        ur__queue(ctx, c, UR_RECV, c->buf, c->size);
}

static void ur__first(struct ur_ctx *ctx)
{
    for (int i = 0; i < ctx->nconns; i++) {
        struct ur_conn *c = ctx->conns[i];
        if (c->client)
            ur__client_send(ctx, c);
        else
            ur__queue(ctx, c, UR_RECV, c->buf, c->size);
    }
}

/*
 * A ring for nconns connections: up to 4096 submissions at a time, and room
 * for a completion of every connection at once, so that none overflows.
 */
static int ur__init(struct io_uring *ring, int nconns, int single)
{
    unsigned entries = 64, cq = 128;
    while (entries < (unsigned)nconns && entries < 4096)
        entries *= 2;
    while (cq < 2 * (unsigned)nconns)
        cq *= 2;
    struct io_uring_params p = {.flags = IORING_SETUP_CQSIZE, .cq_entries = cq};
    if (single) {
        /* Deferred task work needs Linux 6.1; older kernels get a plain ring. */
        p.flags |= IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
        if (io_uring_queue_init_params(entries, ring, &p) == 0)
            return 0;
        p = (struct io_uring_params){.flags = IORING_SETUP_CQSIZE, .cq_entries = cq};
    }
    return io_uring_queue_init_params(entries, ring, &p);
}

/* One worker alone on its ring: the ring is made here, since it is tied to its issuer. */
static void *ur__single(void *arg)
{
    struct ur_ctx *ctx = arg;
    int err = ur__init(&ctx->ring, ctx->nconns, 1);
    if (err) {
        fprintf(stderr, "io_uring: init: %s\n", strerror(-err));
        return NULL;
    }
    ur__first(ctx);
    for (;;) {
        if (io_uring_submit_and_wait(&ctx->ring, 1) < 0 && errno != EINTR)
            return NULL;
        unsigned head, seen = 0;
        struct io_uring_cqe *cqe;
        io_uring_for_each_cqe(&ctx->ring, head, cqe)
        {
            ur__complete(ctx, io_uring_cqe_get_data(cqe), cqe->res);
            seen++;
        }
        io_uring_cq_advance(&ctx->ring, seen);
    }
}

/* Several workers on one ring. */
static void *ur__shared(void *arg)
{
    struct ur_ctx *ctx = arg;
    for (;;) {
        struct {
            struct ur_conn *c;
            int res;
        } got[8];
        unsigned n = 0, head;
        struct io_uring_cqe *cqe;
        pthread_mutex_lock(&ctx->lock);
        io_uring_submit(&ctx->ring);
        io_uring_for_each_cqe(&ctx->ring, head, cqe)
        {
            if (n == 8)
                break;
            got[n].c = io_uring_cqe_get_data(cqe);
            got[n].res = cqe->res;
            n++;
        }
        io_uring_cq_advance(&ctx->ring, n);
        pthread_mutex_unlock(&ctx->lock);
        if (n == 0) {
            /* Wait for a completion without the lock; the kernel returns at once if one is there.
             */
            int r = io_uring_enter(ctx->ring.ring_fd, 0, 1, IORING_ENTER_GETEVENTS, NULL);
            if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY)
                return NULL;
            continue;
        }
        for (unsigned i = 0; i < n; i++)
            ur__complete(ctx, got[i].c, got[i].res);
    }
}

static void *ur_open(int workers, int sides)
{
    (void)sides;
    struct ur_ctx *ctx = calloc(1, sizeof(*ctx));
    ctx->workers = workers;
    ctx->listen_fd = -1;
    pthread_mutex_init(&ctx->lock, NULL);
    return ctx;
}

static int ur_listen(void *arg, unsigned short *port)
{
    struct ur_ctx *ctx = arg;
    ctx->listen_fd = echo_raw_listen("io_uring", port);
    return ctx->listen_fd < 0 ? -1 : 0;
}

static void ur__add(struct ur_ctx *ctx, int fd, int client, size_t size)
{
    echo_raw_options(fd);
    struct ur_conn *c = calloc(1, sizeof(*c) + size);
    c->fd = fd;
    c->client = client;
    c->size = size;
    if (ctx->nconns == ctx->cap) {
        ctx->cap = ctx->cap ? 2 * ctx->cap : 64;
        ctx->conns = realloc(ctx->conns, (size_t)ctx->cap * sizeof(*ctx->conns));
    }
    ctx->conns[ctx->nconns++] = c;
}

static int ur_accept(void *arg, int n)
{
    struct ur_ctx *ctx = arg;
    for (int i = 0; i < n; i++) {
        int fd = accept4(ctx->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            perror("io_uring server: accept");
            return -1;
        }
        ur__add(ctx, fd, 0, ECHO_SERVER_BUFFER);
    }
    return 0;
}

static int ur_connect(void *arg, unsigned short port, int n, int bytes)
{
    struct ur_ctx *ctx = arg;
    for (int i = 0; i < n; i++) {
        int fd = echo_raw_connect("io_uring", port);
        if (fd < 0)
            return -1;
        ur__add(ctx, fd, 1, (size_t)bytes);
    }
    return 0;
}

static int ur_run(void *arg)
{
    struct ur_ctx *ctx = arg;
    pthread_t t;
    if (ctx->workers == 1) {
        if (pthread_create(&t, NULL, ur__single, ctx) != 0)
            return -1;
        pthread_detach(t);
        return 0;
    }
    int err = ur__init(&ctx->ring, ctx->nconns, 0);
    if (err) {
        fprintf(stderr, "io_uring: init: %s\n", strerror(-err));
        return -1;
    }
    ur__first(ctx);
    for (int i = 0; i < ctx->workers; i++) {
        if (pthread_create(&t, NULL, ur__shared, ctx) != 0)
            return -1;
        pthread_detach(t);
    }
    return 0;
}

static long ur_trips(void *arg)
{
    struct ur_ctx *ctx = arg;
    return atomic_load_explicit(&ctx->trips, memory_order_relaxed);
}

const struct echo_ops echo_uring_ops = {"io_uring", ur_open, ur_listen, ur_accept,
                                        ur_connect, ur_run,  ur_trips};
