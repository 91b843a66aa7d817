/*
 * The baselines: the same work done with raw Linux calls, in a translation
 * unit of its own because it includes Linux's socket headers.
 */
#include "raw_linux.h"

#include <malloc.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

double raw_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double raw_socket_close(long n)
{
    double t0 = raw_now();
    for (long i = 0; i < n; i++)
        close(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    return raw_now() - t0;
}

double raw_close_many(long n)
{
    int *fds = malloc(sizeof(int) * (size_t)n);
    for (long i = 0; i < n; i++)
        fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    double t0 = raw_now();
    for (long i = 0; i < n; i++)
        close(fds[i]);
    double took = raw_now() - t0;
    free(fds);
    return took;
}

long raw_raise_fd_limit(void)
{
    struct rlimit r;
    /* 100k sockets need more than the usual limit; root may raise the hard one too. */
    r.rlim_cur = r.rlim_max = 262144;
    if (setrlimit(RLIMIT_NOFILE, &r) != 0) {
        getrlimit(RLIMIT_NOFILE, &r);
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
    getrlimit(RLIMIT_NOFILE, &r);
    return (long)r.rlim_cur;
}

size_t raw_heap_in_use(void)
{
    return mallinfo2().uordblks;
}

int *raw_udp_open(int n)
{
    int *fds = malloc(sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++) {
        fds[i] = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fds[i] < 0) {
            perror("socket");
            exit(1);
        }
    }
    return fds;
}

void raw_udp_close(int *fds, int n)
{
    for (int i = 0; i < n; i++)
        close(fds[i]);
    free(fds);
}

double raw_poll(const int *fds, int n, int write, long calls)
{
    struct pollfd *p = malloc(sizeof(*p) * (size_t)n);
    double t0 = raw_now();
    for (long c = 0; c < calls; c++) {
        for (int i = 0; i < n; i++)
            p[i] = (struct pollfd){.fd = fds[i], .events = write ? POLLOUT : POLLIN};
        int r = poll(p, (nfds_t)n, 0);
        if (r != (write ? n : 0)) {
            fprintf(stderr, "poll returned %d\n", r);
            exit(1);
        }
    }
    double took = (raw_now() - t0) / calls;
    free(p);
    return took;
}
