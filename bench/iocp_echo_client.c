/*
 * The load generator of bench/iocp_echo: one thread, raw Linux sockets and
 * epoll, identical for every server so that only the server differs.  Each
 * connection sends a message, waits for the whole echo, and sends the next;
 * all connections do so at once.  Also the small helpers the Windows-world
 * file cannot write itself (clock, heap, descriptor limit).
 */
/* mallinfo2 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "iocp_echo_raw.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* A server that completes no round trip for this long has stalled: the run fails. */
#define CLIENT_STALL_SECONDS 5.0
/* After the measured time, how long the messages still in flight may take to come back. */
#define CLIENT_DRAIN_SECONDS 2.0

struct ie_conn {
    int fd;
    size_t sent; /* of the current message */
    size_t got;  /* of its echo */
    unsigned char seq;
    int want_out; /* EPOLLOUT is registered (a send was partial) */
};

struct ie_client {
    int n;
    int epfd;
    struct ie_conn *conns;
};

double ie_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

size_t ie_heap_in_use(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

void ie_raise_fd_limit(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

struct ie_client *ie_client_connect(unsigned short port, int n)
{
    struct ie_client *c = calloc(1, sizeof(*c));
    c->conns = calloc((size_t)n, sizeof(*c->conns));
    c->epfd = epoll_create1(EPOLL_CLOEXEC);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < n; i++) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        /* Blocking connect: loopback completes it into the listener's backlog at once. */
        if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
            fprintf(stderr, "client: connect: %s\n", strerror(errno));
            if (fd >= 0)
                close(fd);
            c->n = i;
            ie_client_close(c);
            return NULL;
        }
        /* Small messages must not wait for Nagle; every server sets it on its side too. */
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &c->conns[i]};
        epoll_ctl(c->epfd, EPOLL_CTL_ADD, fd, &ev);
        c->conns[i].fd = fd;
        c->n = i + 1;
    }
    return c;
}

void ie_client_close(struct ie_client *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n; i++)
        close(c->conns[i].fd);
    close(c->epfd);
    free(c->conns);
    free(c);
}

static void client__want_out(struct ie_client *c, struct ie_conn *k, int on)
{
    if (k->want_out == on)
        return;
    struct epoll_event ev = {.events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = k};
    epoll_ctl(c->epfd, EPOLL_CTL_MOD, k->fd, &ev);
    k->want_out = on;
}

/* Sends what is left of k's message; -1 on a failed connection. */
static int client__send(struct ie_client *c, struct ie_conn *k, unsigned char *msg, size_t len)
{
    /* The first byte tells this message's echo from the last one's. */
    msg[0] = k->seq;
    while (k->sent < len) {
        ssize_t n = send(k->fd, msg + k->sent, len - k->sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                break;
            fprintf(stderr, "client: send: %s\n", strerror(errno));
            return -1;
        }
        k->sent += (size_t)n;
    }
    client__want_out(c, k, k->sent < len);
    return 0;
}

static int client__start(struct ie_client *c, struct ie_conn *k, unsigned char *msg, size_t len)
{
    k->seq++;
    k->sent = k->got = 0;
    return client__send(c, k, msg, len);
}

/* Reads what k's echo has brought; 1 when it is complete, 0 if not yet, -1 on failure. */
static int client__recv(struct ie_conn *k, unsigned char *scratch, size_t len)
{
    while (k->got < len) {
        ssize_t n = recv(k->fd, scratch, len - k->got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return 0;
        if (n <= 0) {
            fprintf(stderr, "client: the server %s\n", n == 0 ? "closed" : strerror(errno));
            return -1;
        }
        if (k->got == 0 && scratch[0] != k->seq) {
            fprintf(stderr, "client: an echo that is not of the message sent\n");
            return -1;
        }
        k->got += (size_t)n;
    }
    return 1;
}

/* CPU time of the whole process (client and server threads), in seconds. */
static double client__cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double ie_client_run(struct ie_client *c, size_t msg, double warmup, double seconds,
                     double *cpu_per_trip)
{
    unsigned char *out = calloc(1, msg), *scratch = malloc(msg);
    struct epoll_event events[64];
    long done = 0, done_at_start = 0;
    int busy = 0, failed = 0; /* busy: connections with a message out and its echo not back */
    double t0 = ie_now(), start = t0 + warmup, end = start + seconds, t_start = 0, t_end = 0;
    double last_progress = t0, cpu_start = 0;

    for (int i = 0; i < c->n && !failed; i++) {
        failed = client__start(c, &c->conns[i], out, msg) != 0;
        busy++;
    }
    /* Bounded: ends at end + CLIENT_DRAIN_SECONDS, or after a stall of CLIENT_STALL_SECONDS. */
    while (!failed && (t_end == 0 || busy > 0)) {
        int n = epoll_wait(c->epfd, events, 64, 100);
        double now = ie_now();
        if (t_start == 0 && now >= start) {
            t_start = now;
            done_at_start = done;
            cpu_start = client__cpu();
        }
        if (t_start != 0 && t_end == 0 && now >= end) {
            t_end = now;
            done -= done_at_start; /* the round trips of the measured time */
            *cpu_per_trip = done > 0 ? (client__cpu() - cpu_start) / (double)done : 0;
        }
        for (int i = 0; i < n && !failed; i++) {
            struct ie_conn *k = events[i].data.ptr;
            if ((events[i].events & EPOLLOUT) && k->sent < msg)
                failed = client__send(c, k, out, msg) != 0;
            if (failed || !(events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
                continue;
            int r = client__recv(k, scratch, msg);
            if (r < 0)
                failed = 1;
            if (r != 1)
                continue;
            last_progress = now;
            if (t_end != 0) { /* measured time over: this connection stays idle */
                busy--;
                continue;
            }
            done++;
            failed = client__start(c, k, out, msg) != 0;
        }
        if (now - last_progress > CLIENT_STALL_SECONDS) {
            fprintf(stderr, "client: no echo for %.0f s (%d connections waiting)\n",
                    CLIENT_STALL_SECONDS, busy);
            failed = 1;
        }
        if (t_end != 0 && now - t_end > CLIENT_DRAIN_SECONDS)
            break; /* the stop waits for the server to see the closes anyway */
    }
    free(out);
    free(scratch);
    if (failed)
        return -1;
    return (double)done / (t_end - t_start);
}
