#define _GNU_SOURCE
/*
 * The stress test's raw Linux peer: a loopback listener outside ws2posix
 * (it outlives every WSACleanup and sees exactly what went on the wire) that
 * reads every stream, checks each byte against the stream's pattern and
 * records how the stream ended.  Linux headers only: this translation unit
 * cannot see ours.
 */
#include "stress.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PEER_MAX_CONNS 4096

struct peer_conn {
    int fd;
    unsigned char hdr[sizeof(struct stress_hdr)];
    size_t hdr_got;
    struct stress_hdr h;
    int have_hdr;
    int counted; /* h is of the current cycle */
    uint64_t key;
    uint64_t got;
    int bad;
};

static struct {
    pthread_t thread;
    int listen_fd;
    int stop_pipe[2];
    uint64_t seed;
    pthread_mutex_t lock;
    uint32_t cycle;
    struct stress_peer_result results[STRESS_MAX_STREAMS];
    uint64_t accepted, stale, headerless;
    int open;
    struct peer_conn conns[PEER_MAX_CONNS];
    int nconns;
} peer;

static void peer__finish(struct peer_conn *c, int end)
{
    pthread_mutex_lock(&peer.lock);
    if (c->hdr_got < sizeof(c->hdr))
        peer.headerless++;
    else if (c->counted && c->h.cycle == peer.cycle && c->h.id < STRESS_MAX_STREAMS) {
        struct stress_peer_result *r = &peer.results[c->h.id];
        r->end = end;
        r->bad |= c->bad;
        r->got = c->got;
    }
    peer.open--;
    pthread_mutex_unlock(&peer.lock);
    close(c->fd);
    *c = peer.conns[--peer.nconns];
}

static void peer__header(struct peer_conn *c)
{
    memcpy(&c->h, c->hdr, sizeof(c->h));
    c->have_hdr = 1;
    pthread_mutex_lock(&peer.lock);
    if (c->h.magic != STRESS_MAGIC || c->h.id >= STRESS_MAX_STREAMS) {
        /* Not a header we wrote: bytes out of place. Charge it to no stream but say so. */
        fprintf(stderr, "stress peer: bad header magic %08x id %u\n", c->h.magic, c->h.id);
        c->bad = 1;
        peer.stale++;
    } else if (c->h.cycle != peer.cycle) {
        peer.stale++;
    } else {
        struct stress_peer_result *r = &peer.results[c->h.id];
        if (r->seen)
            r->bad = 1; /* two streams with one id */
        r->seen = 1;
        r->length = c->h.length;
        c->counted = 1;
    }
    pthread_mutex_unlock(&peer.lock);
    c->key = stress_key(peer.seed, c->h.cycle, c->h.id);
}

/* Reads what is there; returns 1 when the stream has ended (and was finished). */
static int peer__read(struct peer_conn *c)
{
    static unsigned char buf[65536];
    for (;;) {
        ssize_t n = recv(c->fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (n == 0) {
            peer__finish(c, STRESS_END_FIN);
            return 1;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            peer__finish(c, errno == ECONNRESET ? STRESS_END_RST : STRESS_END_ERROR);
            return 1;
        }
        size_t i = 0;
        while (c->hdr_got < sizeof(c->hdr) && i < (size_t)n)
            c->hdr[c->hdr_got++] = buf[i++];
        if (c->hdr_got == sizeof(c->hdr) && !c->have_hdr)
            peer__header(c);
        for (; i < (size_t)n; i++, c->got++)
            if (c->got >= c->h.length || buf[i] != stress_byte(c->key, c->got))
                c->bad = 1;
    }
}

static void *peer__main(void *arg)
{
    (void)arg;
    static struct pollfd fds[PEER_MAX_CONNS + 2];
    for (;;) {
        fds[0] = (struct pollfd){peer.stop_pipe[0], POLLIN, 0};
        fds[1] = (struct pollfd){peer.listen_fd, peer.nconns < PEER_MAX_CONNS ? POLLIN : 0, 0};
        for (int i = 0; i < peer.nconns; i++)
            fds[i + 2] = (struct pollfd){peer.conns[i].fd, POLLIN, 0};
        int n = peer.nconns;
        if (poll(fds, (nfds_t)n + 2, 1000) < 0)
            continue;
        if (fds[0].revents)
            return NULL;
        /* Back to front: finishing a connection moves the last one into its place. */
        for (int i = n - 1; i >= 0; i--)
            if (fds[i + 2].revents)
                peer__read(&peer.conns[i]);
        if (fds[1].revents & POLLIN) {
            for (;;) {
                int fd = accept4(peer.listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
                if (fd < 0)
                    break;
                pthread_mutex_lock(&peer.lock);
                peer.accepted++;
                peer.open++;
                pthread_mutex_unlock(&peer.lock);
                peer.conns[peer.nconns++] = (struct peer_conn){.fd = fd};
                if (peer.nconns == PEER_MAX_CONNS)
                    break;
            }
        }
    }
}

int stress_peer_start(uint64_t seed, unsigned short *port)
{
    peer.seed = seed;
    pthread_mutex_init(&peer.lock, NULL);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(a);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 4096) < 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) < 0 || pipe2(peer.stop_pipe, O_CLOEXEC) < 0)
        return -1;
    peer.listen_fd = fd;
    *port = ntohs(a.sin_port);
    return pthread_create(&peer.thread, NULL, peer__main, NULL) == 0 ? 0 : -1;
}

void stress_peer_cycle(uint32_t cycle)
{
    pthread_mutex_lock(&peer.lock);
    peer.cycle = cycle;
    memset(peer.results, 0, sizeof(peer.results));
    pthread_mutex_unlock(&peer.lock);
}

int stress_peer_settle(uint64_t connected, int timeout_ms)
{
    for (int waited = 0;; waited += 10) {
        pthread_mutex_lock(&peer.lock);
        int done = peer.accepted >= connected && peer.open == 0;
        pthread_mutex_unlock(&peer.lock);
        if (done)
            return 0;
        if (waited >= timeout_ms)
            return -1;
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, NULL);
    }
}

void stress_peer_result(uint32_t id, struct stress_peer_result *r)
{
    pthread_mutex_lock(&peer.lock);
    *r = peer.results[id % STRESS_MAX_STREAMS];
    pthread_mutex_unlock(&peer.lock);
}

void stress_peer_totals(uint64_t *accepted, uint64_t *stale, uint64_t *headerless)
{
    pthread_mutex_lock(&peer.lock);
    *accepted = peer.accepted;
    *stale = peer.stale;
    *headerless = peer.headerless;
    pthread_mutex_unlock(&peer.lock);
}

void stress_peer_stop(void)
{
    if (write(peer.stop_pipe[1], "x", 1) != 1)
        return;
    pthread_join(peer.thread, NULL);
    for (int i = 0; i < peer.nconns; i++)
        close(peer.conns[i].fd);
    peer.nconns = 0;
    close(peer.listen_fd);
    close(peer.stop_pipe[0]);
    close(peer.stop_pipe[1]);
}

/* The sanitizers' allocators keep their own books; mallinfo2 does not see them. */
extern size_t __sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

size_t stress_mem_in_use(void)
{
    if (__sanitizer_get_current_allocated_bytes)
        return __sanitizer_get_current_allocated_bytes();
    return mallinfo2().uordblks;
}

size_t stress_mem_rss(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, rss = 0;
    if (f) {
        if (fscanf(f, "%lu %lu", &size, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return (size_t)rss * (size_t)sysconf(_SC_PAGESIZE);
}

void stress_list_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        char path[300], target[256];
        snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(path, target, sizeof(target) - 1);
        if (n > 0) {
            target[n] = 0;
            fprintf(stderr, "  fd %s -> %s\n", e->d_name, target);
        }
    }
    if (d)
        closedir(d);
}
