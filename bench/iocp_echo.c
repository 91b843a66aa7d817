/*
 * bench/iocp_echo: an I/O completion port echo server on ws2posix against
 * echo servers written straight on Linux (epoll and io_uring, in
 * iocp_echo_raw.c), all in the same run, and the heap cost of a pending
 * overlapped WSARecv.  Goals (from the issue): at least 0.9 of the faster raw
 * server at 50 connections and 0.8 at one; under 256 bytes per pending
 * receive.
 *
 * The IOCP server is written the way Windows servers are: worker threads in
 * GetQueuedCompletionStatus on one port, one overlapped WSARecv per
 * connection, each completed receive echoed with an overlapped WSASend whose
 * completion posts the next receive.  No FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
 * (unless --skip-on-success) and no GetQueuedCompletionStatusEx batching:
 * the plain form is what ported servers mostly are.  It runs on both of the
 * library's I/O engines (WS2POSIX_ENGINE, read at each WSAStartup), one
 * after the other.
 *
 * Load: one client thread with raw sockets and epoll (iocp_echo_client.c),
 * the same for every server, does echo ping-pong on 1 or 50 connections
 * with 64-byte or 16 KiB messages.  Every server uses the same number of
 * worker threads (--workers, default 2: one per processor of the 2-core
 * machine the issue names, as a Windows server sizes its pool and as a
 * sharded Linux server would) and 16 KiB receive buffers.  ws2posix adds its
 * engine thread to its workers; that extra hop is part of what is measured.
 * Each round runs every server once, in an order that rotates from round to
 * round, so that a change of load on the machine hits all of them alike; the
 * best round of each counts.
 *
 * Usage: iocp_echo [--workers N] [--seconds S] [--warmup S] [--rounds R] [--verbose]
 *                  [--skip-on-success] [--conns N] [--bytes N]
 *                  [--only ours-io_uring|ours-epoll|raw-epoll|raw-io_uring]
 * --verbose shows every round's figure on stderr (-1 is a failed run); --only,
 * --conns and --bytes narrow the run to one server or configuration, to
 * profile it (perf, callgrind), and skip the memory measurement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "iocp_echo_raw.h"

#define MAX_WORKERS 64

enum op_kind { OP_RECV, OP_SEND };

struct conn {
    WSAOVERLAPPED ov; /* first, so that the OVERLAPPED leads back to the connection */
    SOCKET s;
    enum op_kind kind;
    WSABUF buf;
    DWORD len, off; /* the echo: bytes received, and of them sent */
    char data[IE_BUFFER];
};

struct ours {
    HANDLE port;
    SOCKET listener;
    int nworkers, started;
    HANDLE workers[MAX_WORKERS];
    int nconns;
    struct conn **conns;
    volatile LONG closed; /* connections whose end a worker has seen */
};

/*
 * --skip-on-success: the sockets ask FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, as
 * tuned Windows servers do, and an operation that finishes inside its call
 * is carried on by the same thread instead of coming back through the port.
 */
static int skip_on_success;

/* Outcome of issuing an operation: failed, will complete through the port, or done now. */
enum issued { ISSUE_FAILED = -1, ISSUE_PENDING, ISSUE_DONE };

static enum issued ours__issued(int rc, DWORD bytes, DWORD *done)
{
    if (rc == SOCKET_ERROR)
        return WSAGetLastError() == WSA_IO_PENDING ? ISSUE_PENDING : ISSUE_FAILED;
    /* Without the skip mode, a packet is queued for an immediate success too. */
    if (!skip_on_success)
        return ISSUE_PENDING;
    *done = bytes;
    return ISSUE_DONE;
}

static enum issued ours__recv(struct conn *c, DWORD *done)
{
    DWORD flags = 0, bytes = 0;
    memset(&c->ov, 0, sizeof(c->ov));
    c->kind = OP_RECV;
    c->buf.buf = c->data;
    c->buf.len = sizeof(c->data);
    int rc = WSARecv(c->s, &c->buf, 1, &bytes, &flags, &c->ov, NULL);
    return ours__issued(rc, bytes, done);
}

static enum issued ours__send(struct conn *c, DWORD *done)
{
    DWORD bytes = 0;
    memset(&c->ov, 0, sizeof(c->ov));
    c->kind = OP_SEND;
    c->buf.buf = c->data + c->off;
    c->buf.len = c->len - c->off;
    int rc = WSASend(c->s, &c->buf, 1, &bytes, 0, &c->ov, NULL);
    return ours__issued(rc, bytes, done);
}

static void ours__close(struct ours *srv, struct conn *c)
{
    closesocket(c->s);
    c->s = INVALID_SOCKET;
    InterlockedIncrement(&srv->closed);
}

/* c's operation has completed with bytes: issue the next, and the next while they finish now. */
static void ours__advance(struct ours *srv, struct conn *c, DWORD bytes)
{
    for (;;) {
        if (c->kind == OP_RECV && bytes == 0) { /* the client closed */
            ours__close(srv, c);
            return;
        }
        if (c->kind == OP_RECV) {
            c->len = bytes;
            c->off = 0;
        } else {
            c->off += bytes;
        }
        enum issued r = c->off < c->len ? ours__send(c, &bytes) : ours__recv(c, &bytes);
        if (r == ISSUE_FAILED)
            ours__close(srv, c);
        if (r != ISSUE_DONE)
            return;
    }
}

static DWORD WINAPI ours__worker(LPVOID arg)
{
    struct ours *srv = arg;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(srv->port, &bytes, &key, &ov, INFINITE);
        struct conn *c = (struct conn *)ov;
        if (!c) /* a stop packet, or the port is gone */
            return 0;
        if (!ok)
            ours__close(srv, c);
        else
            ours__advance(srv, c, bytes);
    }
}

static void ours_stop(struct ours *srv);

/* Starts the library on the engine asked for, and listens; NULL on failure. */
static struct ours *ours_start(const char *engine, int workers, unsigned short *port)
{
    WSADATA data;
    setenv("WS2POSIX_ENGINE", engine, 1);
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return NULL;
    struct ours *srv = calloc(1, sizeof(*srv));
    srv->nworkers = workers;
    srv->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    srv->listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a;
    int len = sizeof(a);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (!srv->port || srv->listener == INVALID_SOCKET ||
        bind(srv->listener, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        listen(srv->listener, SOMAXCONN) != 0 ||
        getsockname(srv->listener, (struct sockaddr *)&a, &len) != 0) {
        fprintf(stderr, "ws2posix server: listen: %d\n", WSAGetLastError());
        ours_stop(srv);
        return NULL;
    }
    *port = ntohs(a.sin_port);
    return srv;
}

/* Accepts the client's n connections, associates them with the port, posts their receives. */
static int ours_accept(struct ours *srv, int n)
{
    srv->conns = calloc((size_t)n, sizeof(*srv->conns));
    for (int i = 0; i < n; i++) {
        struct conn *c = calloc(1, sizeof(*c));
        c->s = accept(srv->listener, NULL, NULL);
        if (c->s == INVALID_SOCKET) {
            fprintf(stderr, "ws2posix server: accept: %d\n", WSAGetLastError());
            free(c);
            return -1;
        }
        srv->conns[srv->nconns++] = c;
        BOOL one = TRUE;
        setsockopt(c->s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof(one));
        if (!CreateIoCompletionPort((HANDLE)c->s, srv->port, (ULONG_PTR)i, 0) ||
            (skip_on_success && !SetFileCompletionNotificationModes(
                                    (HANDLE)c->s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))) {
            fprintf(stderr, "ws2posix server: associating with the port: %lu\n",
                    (unsigned long)GetLastError());
            return -1;
        }
    }
    for (int i = 0; i < srv->nworkers; i++) {
        srv->workers[i] = CreateThread(NULL, 0, ours__worker, srv, 0, NULL);
        if (!srv->workers[i])
            return -1;
        srv->started = i + 1;
    }
    for (int i = 0; i < n; i++) {
        /* As if a send had just completed: the next step is the first receive. */
        struct conn *c = srv->conns[i];
        c->kind = OP_SEND;
        c->len = c->off = 0;
        ours__advance(srv, c, 0);
    }
    return 0;
}

/* Once the client has closed: waits (bounded) for the workers to see it, stops them, cleans up. */
static void ours_stop(struct ours *srv)
{
    double give_up = ie_now() + IE_STOP_SECONDS;
    while (srv->started && InterlockedCompareExchange(&srv->closed, 0, 0) < srv->nconns &&
           ie_now() < give_up)
        Sleep(1);
    /* One stop packet per worker: each takes exactly one and returns. */
    for (int i = 0; i < srv->started; i++)
        PostQueuedCompletionStatus(srv->port, 0, 0, NULL);
    if (srv->started &&
        WaitForMultipleObjects((DWORD)srv->started, srv->workers, TRUE, 5000) != WAIT_OBJECT_0) {
        /* They still use the connections: nothing can be freed, and the run is not to be trusted.
         */
        fprintf(stderr, "ws2posix server: the workers did not stop in 5 s\n");
        exit(1);
    }
    for (int i = 0; i < srv->started; i++)
        CloseHandle(srv->workers[i]);
    /* Connections a worker never saw end: their close cancels what is pending. */
    for (int i = 0; i < srv->nconns; i++) {
        if (srv->conns[i]->s != INVALID_SOCKET)
            closesocket(srv->conns[i]->s);
        free(srv->conns[i]);
    }
    if (srv->listener != INVALID_SOCKET)
        closesocket(srv->listener);
    if (srv->port)
        CloseHandle(srv->port);
    free(srv->conns);
    free(srv);
    WSACleanup();
}

enum server { OURS_URING, OURS_EPOLL, RAW_EPOLL, RAW_URING, NSERVERS };

static const char *const server_names[NSERVERS] = {"ws2posix io_uring", "ws2posix epoll",
                                                   "raw epoll", "raw io_uring"};
/* The same, as --only takes them. */
static const char *const server_keys[NSERVERS] = {"ours-io_uring", "ours-epoll", "raw-epoll",
                                                  "raw-io_uring"};

struct options {
    int workers, rounds, verbose;
    int only, conns, bytes; /* to profile one case: a server index, a configuration (0: all) */
    double seconds, warmup;
};

/* One measurement: round trips per second, or -1 if something failed; *cpu as ie_client_run. */
static double run_one(enum server which, const struct options *o, int conns, size_t msg,
                      double *cpu)
{
    unsigned short port = 0;
    struct ours *ours = NULL;
    struct ie_raw *raw = NULL;
    if (which == OURS_URING || which == OURS_EPOLL)
        ours = ours_start(which == OURS_URING ? "io_uring" : "epoll", o->workers, &port);
    else
        raw = ie_raw_start(which == RAW_EPOLL ? IE_RAW_EPOLL : IE_RAW_URING, o->workers, &port);
    if (!ours && !raw)
        return -1;
    double rate = -1;
    struct ie_client *client = ie_client_connect(port, conns);
    if (client && (ours ? ours_accept(ours, conns) : ie_raw_accept(raw, conns)) == 0)
        rate = ie_client_run(client, msg, o->warmup, o->seconds, cpu);
    ie_client_close(client);
    if (ours)
        ours_stop(ours);
    else
        ie_raw_stop(raw);
    return rate;
}

struct pending {
    WSAOVERLAPPED ov;
    WSABUF buf;
    char data[16];
};

static int post_recv(SOCKET s, struct pending *p)
{
    DWORD flags = 0;
    memset(&p->ov, 0, sizeof(p->ov));
    p->buf.buf = p->data;
    p->buf.len = sizeof(p->data);
    return WSARecv(s, &p->buf, 1, NULL, &flags, &p->ov, NULL) == SOCKET_ERROR &&
                   WSAGetLastError() == WSA_IO_PENDING
               ? 0
               : -1;
}

/*
 * Heap bytes per pending overlapped WSARecv, beyond the application's own
 * OVERLAPPED and buffer: n sockets associated with a port, a receive posted
 * on each, the heap measured before and after.  "first" is the first
 * operation a socket ever has (it also registers the socket with the
 * engine); "steady" is any later one, which is what a server pays per
 * connection while it waits.
 */
static void measure_memory(const char *engine, int n)
{
    WSADATA data;
    setenv("WS2POSIX_ENGINE", engine, 1);
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return;
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a;
    int len = sizeof(a);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (struct sockaddr *)&a, sizeof(a));
    listen(l, SOMAXCONN);
    getsockname(l, (struct sockaddr *)&a, &len);
    /*
     * One more than measured: the first starts the engine (its thread, its
     * ring) before the measurement.  It has the lowest descriptor, so the
     * others' registrations still grow the engine's table, as they would in
     * a server that accepts them.
     */
    SOCKET *peer = calloc((size_t)n + 1, sizeof(SOCKET)),
           *s = calloc((size_t)n + 1, sizeof(SOCKET));
    struct pending *p = calloc((size_t)n + 1, sizeof(*p));
    int made = 0;
    for (; made <= n; made++) {
        peer[made] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (connect(peer[made], (struct sockaddr *)&a, sizeof(a)) != 0)
            break;
        s[made] = accept(l, NULL, NULL);
        if (s[made] == INVALID_SOCKET ||
            !CreateIoCompletionPort((HANDLE)s[made], port, (ULONG_PTR)made, 0))
            break;
    }
    int ok = made > n && post_recv(s[0], &p[0]) == 0;
    if (!ok)
        fprintf(stderr, "memory: could not set up %d connections (%d)\n", n, WSAGetLastError());

    long first = 0, steady = 0;
    for (int phase = 0; phase < 2 && ok; phase++) {
        size_t before = ie_heap_in_use();
        for (int i = 1; i <= n; i++)
            ok &= post_recv(s[i], &p[i]) == 0;
        size_t after = ie_heap_in_use();
        *(phase ? &steady : &first) = ((long)after - (long)before) / n;
        /* Complete them all (a byte from each peer), so that the next posts find watched sockets.
         */
        for (int i = 1; i <= n && ok; i++)
            send(peer[i], "x", 1, 0);
        for (int i = 0; i < n && ok; i++) {
            DWORD bytes;
            ULONG_PTR key;
            LPOVERLAPPED ov;
            ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 5000);
        }
    }
    if (ok)
        printf("  %-9s engine: %4ld bytes per pending WSARecv (steady; goal < 256), %4ld for a "
               "socket's first (with its engine registration)\n",
               engine, steady, first);
    else
        printf("  %-9s engine: measurement failed\n", engine);
    for (int i = 0; i <= made && i <= n; i++) {
        closesocket(s[i]);
        closesocket(peer[i]);
    }
    closesocket(l);
    CloseHandle(port);
    free(peer);
    free(s);
    free(p);
    WSACleanup();
}

static int parse(int argc, char **argv, struct options *o)
{
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && strcmp(argv[i], "--workers") == 0)
            o->workers = atoi(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--seconds") == 0)
            o->seconds = atof(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--warmup") == 0)
            o->warmup = atof(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--rounds") == 0)
            o->rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--verbose") == 0)
            o->verbose = 1;
        else if (strcmp(argv[i], "--skip-on-success") == 0)
            skip_on_success = 1;
        else if (i + 1 < argc && strcmp(argv[i], "--conns") == 0)
            o->conns = atoi(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--bytes") == 0)
            o->bytes = atoi(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--only") == 0) {
            const char *name = argv[++i];
            o->only = -1;
            for (int k = 0; k < NSERVERS; k++)
                if (strcmp(name, server_keys[k]) == 0)
                    o->only = k;
            if (o->only < 0)
                return -1;
            o->only++;
        } else
            return -1;
    }
    if (o->workers < 1 || o->workers > MAX_WORKERS || o->rounds < 1 || o->seconds <= 0 ||
        o->warmup < 0)
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    struct options o = {.workers = 2, .rounds = 3, .seconds = 2.0, .warmup = 0.5};
    if (parse(argc, argv, &o) != 0) {
        fprintf(stderr,
                "usage: %s [--workers N (1-%d)] [--seconds S] [--warmup S] [--rounds R] "
                "[--verbose]\n  [--skip-on-success] [--conns 1|50] [--bytes 64|16384]\n"
                "  [--only ours-io_uring|ours-epoll|raw-epoll|raw-io_uring]\n",
                argv[0], MAX_WORKERS);
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    ie_raise_fd_limit();
    static const struct {
        int conns;
        size_t msg;
        double goal;
    } configs[] = {{1, 64, 0.8}, {1, 16384, 0.8}, {50, 64, 0.9}, {50, 16384, 0.9}};
    enum { NCONFIGS = sizeof(configs) / sizeof(configs[0]) };
    double best[NCONFIGS][NSERVERS] = {{0}}, cpu[NCONFIGS][NSERVERS] = {{0}};
    int uring = ie_uring_available();

    printf("IOCP echo server on ws2posix (ours) against raw Linux echo servers, loopback "
           "ping-pong:\n%d server worker thread%s each (ws2posix adds its engine thread), one "
           "epoll client thread;\nbest of %d rounds of %.1f s after %.1f s of warm-up, servers "
           "alternating.\n",
           o.workers, o.workers == 1 ? "" : "s", o.rounds, o.seconds, o.warmup);
    if (skip_on_success)
        printf(
            "ours: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, immediate completions handled inline\n");
    if (!uring)
        printf("(io_uring is refused here: ws2posix runs on epoll, and raw io_uring is skipped)\n");
    printf("\nround trips per second (ratio: ours / the faster raw server)\n");
    printf("  %5s %6s %14s %11s %10s %13s %15s %6s %6s\n", "conns", "bytes", "ours io_uring",
           "ours epoll", "raw epoll", "raw io_uring", "ratio io_uring", "epoll", "goal");
    for (int k = 0; k < NCONFIGS; k++) {
        if ((o.conns && o.conns != configs[k].conns) ||
            (o.bytes && (size_t)o.bytes != configs[k].msg))
            continue;
        for (int r = 0; r < o.rounds; r++) {
            /* The order rotates, so that no server always runs first or after the same one. */
            for (int i = 0; i < NSERVERS; i++) {
                enum server which = (enum server)((r + i) % NSERVERS);
                if ((which == RAW_URING && !uring) ||
                    (o.only && which != (enum server)(o.only - 1)))
                    continue;
                double c = 0, rate = run_one(which, &o, configs[k].conns, configs[k].msg, &c);
                if (rate < 0 || o.verbose)
                    fprintf(stderr, "  round %d, %d connections, %zu bytes, %s: %.0f /s, %.1f us\n",
                            r + 1, configs[k].conns, configs[k].msg, server_names[which], rate,
                            c * 1e6);
                if (rate > best[k][which])
                    best[k][which] = rate;
                if (rate > 0 && (cpu[k][which] == 0 || c < cpu[k][which]))
                    cpu[k][which] = c;
            }
        }
        const double *b = best[k];
        double raw = b[RAW_EPOLL] > b[RAW_URING] ? b[RAW_EPOLL] : b[RAW_URING];
        printf("  %5d %6zu %14.0f %11.0f %10.0f %13.0f %15.2f %6.2f %6.2f\n", configs[k].conns,
               configs[k].msg, b[OURS_URING], b[OURS_EPOLL], b[RAW_EPOLL], b[RAW_URING],
               raw > 0 ? b[OURS_URING] / raw : 0, raw > 0 ? b[OURS_EPOLL] / raw : 0,
               configs[k].goal);
    }

    /*
     * Where a server loses throughput without spending more CPU, it waits:
     * on thread hand-offs and wake-ups, not on work.  The process's CPU time
     * counts the client too, which is the same for all.
     */
    printf("\nCPU time per round trip, whole process (client included), least of the rounds, in "
           "us\n");
    printf("  %5s %6s %14s %11s %10s %13s\n", "conns", "bytes", "ours io_uring", "ours epoll",
           "raw epoll", "raw io_uring");
    for (int k = 0; k < NCONFIGS; k++) {
        const double *c = cpu[k];
        if (c[OURS_URING] + c[OURS_EPOLL] + c[RAW_EPOLL] + c[RAW_URING] > 0)
            printf("  %5d %6zu %14.1f %11.1f %10.1f %13.1f\n", configs[k].conns, configs[k].msg,
                   c[OURS_URING] * 1e6, c[OURS_EPOLL] * 1e6, c[RAW_EPOLL] * 1e6,
                   c[RAW_URING] * 1e6);
    }

    if (o.only || o.conns || o.bytes)
        return 0;
    printf("\nheap per pending overlapped WSARecv, beyond the application's OVERLAPPED (1000 "
           "sockets):\n");
    if (uring)
        measure_memory("io_uring", 1000);
    measure_memory("epoll", 1000);
    return 0;
}
