/*
 * bench/echo_matrix: Winsock completion-port programs on ws2posix against
 * raw Linux programs of the same shape, measured honestly (issue 11).
 *
 * Echo: a Winsock client and a Winsock server (echo_ws.c) against a raw
 * epoll client and server (echo_epoll.c) and a raw io_uring client and
 * server (echo_uring.c).  The same threads (workers per port), the same
 * number of ports (a completion port is an epoll set or a ring), the same
 * connections, buffers and message flow on both sides: one port per process
 * (client and server share it) or two (each side its own, in one process,
 * or in two when one process cannot hold 2 x connections descriptors).  The
 * variant client=raw drives the Winsock server with the raw epoll client.
 * Last, a worker pool of twice the processors per port (50 and 1,000
 * connections), as Windows servers often size theirs.  Every program makes its connections, and
 * allocates their state, on a thread that is not the main one, as servers do (make_connections).
 *
 * Method: each round runs every program of a cell once (the library on each
 * engine, raw epoll, raw io_uring), in an order that rotates from round to
 * round, each in a fresh process (the library's engine is read at
 * WSAStartup), measured for a fixed time after a warm-up.  A round's ratio
 * is ours over the faster raw program of that round; a cell reports the
 * median ratio of its rounds with the smallest and largest.  Per round trip:
 * system calls (a raw_syscalls:sys_enter counter opened with perf_event_open
 * before the process makes any thread, inherited by every thread it makes),
 * voluntary and involuntary context switches and CPU time (getrusage of the
 * whole process), summed over both processes when client and server are
 * two.  Every program runs with the harness's nice value and scheduling
 * policy, which the header prints.
 *
 * Churn: AcceptEx + ConnectEx and blocking accept/connect (churn_ws.c)
 * against raw accept/connect (churn_raw.c), graceful and abortive closes;
 * connections per second.  Memory: resident set growth of a server with
 * 10,000 connections, each with one pending receive, against the raw epoll
 * program with the same per-connection state.
 *
 * Usage: echo_matrix [--quick] [--rounds R] [--seconds S] [--warmup S]
 *          [--cell 'conns=50,bytes=64,workers=1,ports=2,engine=epoll,client=ws']
 *          [--churn 'kind=ex,close=graceful,engine=epoll'] [--no-echo] [--no-churn]
 *          [--no-memory] [--no-netns] [--verbose]
 * A --cell or --churn spec may leave keys out (they then match every value)
 * and may be given several times; giving one runs only what they select.
 * bench/run-matrix.sh runs the whole matrix in a network namespace of its own.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "echo_harness.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#define MAX_ROUNDS 50
#define MAX_SPECS  16

/* The descriptor limit in force (raised to the hard limit at start). */
static long fd_limit;

/* ---- the echo cells ---- */

struct cell {
    int conns, bytes, workers, ports;
    int raw_client; /* client=raw: the Winsock server driven by the raw epoll client */
};

struct options {
    int rounds, verbose, quick;
    double seconds, warmup;
    int echo, churn, memory, netns;
    int ncells, nchurns;
    char *cells[MAX_SPECS], *churns[MAX_SPECS];
};

static struct options opt;

/* A program of a trial: which implementation serves each side, and the library's engine. */
struct program {
    const struct echo_ops *server, *client;
    const char *engine; /* for the Winsock side */
    const char *comm;   /* its processes' name, for perf report --comm */
};

/* Names the calling child after its program, so that a profile tells the programs apart. */
static void program_name(const struct program *p)
{
    prctl(PR_SET_NAME, p->comm, 0, 0, 0);
}

static int split_processes(const struct cell *c)
{
    /* Both sides' descriptors, the port's own and the library's: a margin of 200. */
    return 2L * c->conns + 200 > fd_limit;
}

/*
 * What a setup thread does: connect and accept (both sides in one process,
 * in batches the backlog holds), or only one of the two.
 */
struct setup {
    const struct program *p;
    void *sctx, *cctx; /* NULL: that side is not this process's */
    int conns, bytes;
    unsigned short port;
};

static void *setup__run(void *arg)
{
    struct setup *s = arg;
    for (int done = 0; done < s->conns;) {
        int b = s->conns - done < 256 ? s->conns - done : 256;
        if (s->cctx && s->p->client->connect(s->cctx, s->port, b, s->bytes) != 0)
            return (void *)1;
        if (s->sctx && s->p->server->accept(s->sctx, b) != 0)
            return (void *)1;
        done += b;
    }
    return NULL;
}

/*
 * Makes the connections on a thread of their own, as a server's accepting
 * thread or worker makes them: their state (the OVERLAPPED, the WSABUF,
 * the buffer) then comes from that thread's malloc arena, as in the
 * programs our users write, not from the main thread's brk heap.  The
 * difference is not small: the library's pointer check once knew only the
 * brk heap, and a Winsock server whose connections a worker allocated ran
 * at half the rate this matrix reported for one the main thread allocated.
 */
static int make_connections(const struct program *p, void *sctx, void *cctx, int conns, int bytes,
                            unsigned short port)
{
    struct setup s = {p, sctx, cctx, conns, bytes, port};
    pthread_t t;
    void *failed = (void *)1;
    if (pthread_create(&t, NULL, setup__run, &s) != 0 || pthread_join(t, &failed) != 0)
        return -1;
    return failed ? -1 : 0;
}

/* Measures the window from this (client) process; tells the server process through ctl. */
static struct measured measure_client(const struct program *p, void *cctx, int ctl)
{
    sleep_for(opt.warmup);
    long t0 = p->client->trips(cctx);
    struct snap a = counters_read();
    if (ctl >= 0)
        write_all(ctl, "a", 1);
    sleep_for(opt.seconds);
    struct snap b = counters_read();
    if (ctl >= 0)
        write_all(ctl, "b", 1);
    long t1 = p->client->trips(cctx);
    echo_quiet = 1;
    return measured_of(a, b, (double)(t1 - t0), 0);
}

/* One run of a program on a cell, in one process or two; the totals of both. */
static struct measured echo_trial(const struct program *p, const struct cell *c)
{
    struct measured fail = {0}, m = {0};
    int res[2];
    if (pipe(res) != 0)
        return fail;
    if (!split_processes(c)) {
        pid_t pid = child();
        if (pid == 0) {
            close(res[0]);
            echo_set_engine(p->engine);
            program_name(p);
            unsigned short port;
            void *sctx = p->server->open(c->workers,
                                         c->ports == 1 ? ECHO_SERVER | ECHO_CLIENT : ECHO_SERVER);
            void *cctx = c->ports == 1 ? sctx : p->client->open(c->workers, ECHO_CLIENT);
            if (!sctx || !cctx || p->server->listen(sctx, &port) != 0 ||
                make_connections(p, sctx, cctx, c->conns, c->bytes, port) != 0 ||
                p->server->run(sctx) != 0 || (cctx != sctx && p->client->run(cctx) != 0))
                _exit(2);
            m = measure_client(p, cctx, -1);
            write_all(res[1], &m, sizeof(m));
            _exit(0);
        }
        close(res[1]);
        if (pid < 0 || read_all(res[0], &m, sizeof(m)) != 0)
            m = fail;
        close(res[0]);
        reap(pid);
        return m;
    }
    /* Two processes: the server tells its port, then samples when the client says so. */
    int portp[2], ctl[2], sres[2];
    if (pipe(portp) != 0 || pipe(ctl) != 0 || pipe(sres) != 0)
        return fail;
    pid_t spid = child();
    if (spid == 0) {
        echo_set_engine(p->engine);
        program_name(p);
        unsigned short port;
        void *sctx = p->server->open(c->workers, ECHO_SERVER);
        if (!sctx || p->server->listen(sctx, &port) != 0)
            _exit(2);
        echo_tell_port(portp[1], port);
        if (make_connections(p, sctx, NULL, c->conns, 0, 0) != 0 || p->server->run(sctx) != 0)
            _exit(2);
        /* The client warms up only once this side runs: its start must not fall in the window. */
        write_all(portp[1], "r", 1);
        char cmd;
        struct snap a = {0}, b;
        while (read_all(ctl[0], &cmd, 1) == 0) {
            if (cmd == 'a') {
                a = counters_read();
                continue;
            }
            b = counters_read();
            echo_quiet = 1;
            struct measured sm = measured_of(a, b, 0, 0);
            write_all(sres[1], &sm, sizeof(sm));
        }
        _exit(0);
    }
    unsigned short port = 0;
    pid_t cpid = -1;
    struct measured sm = fail;
    if (spid > 0 && read_all(portp[0], &port, sizeof(port)) == 0) {
        cpid = child();
        if (cpid == 0) {
            echo_set_engine(p->engine);
            program_name(p);
            void *cctx = p->client->open(c->workers, ECHO_CLIENT);
            char ready;
            if (!cctx || make_connections(p, NULL, cctx, c->conns, c->bytes, port) != 0 ||
                p->client->run(cctx) != 0 || read_all(portp[0], &ready, 1) != 0)
                _exit(2);
            m = measure_client(p, cctx, ctl[1]);
            write_all(res[1], &m, sizeof(m));
            /* Killed once the server has answered too: its connections must not reset first. */
            pause();
            _exit(0);
        }
    }
    close(res[1]);
    close(ctl[0]);
    close(ctl[1]);
    close(sres[1]);
    if (cpid < 0 || read_all(res[0], &m, sizeof(m)) != 0 || read_all(sres[0], &sm, sizeof(sm)) != 0)
        m = fail;
    else {
        m.cpu += sm.cpu;
        m.csw += sm.csw;
        m.sys = m.sys >= 0 && sm.sys >= 0 ? m.sys + sm.sys : -1;
    }
    close(res[0]);
    close(portp[0]);
    close(portp[1]);
    close(sres[0]);
    reap(cpid);
    reap(spid);
    return m;
}

/* ---- statistics and the table ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median of the finite values among v[0..n); NAN if none. */
static double median(const double *v, int n)
{
    double s[MAX_ROUNDS];
    int k = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(v[i]))
            s[k++] = v[i];
    if (k == 0)
        return NAN;
    qsort(s, (size_t)k, sizeof(double), cmp_double);
    return k % 2 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
}

static double extreme(const double *v, int n, int largest)
{
    double e = NAN;
    for (int i = 0; i < n; i++)
        if (isfinite(v[i]) && (!isfinite(e) || (largest ? v[i] > e : v[i] < e)))
            e = v[i];
    return e;
}

/* Per-round figures of one side of a row: rate, and per unit (round trip, connection). */
struct series {
    double rate[MAX_ROUNDS], sys[MAX_ROUNDS], csw[MAX_ROUNDS], cpu[MAX_ROUNDS];
    double failed[MAX_ROUNDS];
};

static void series_put(struct series *s, int r, struct measured m)
{
    double units = m.trips;
    int ok = m.ok && units > 0 && m.secs > 0;
    s->rate[r] = ok ? units / m.secs : NAN;
    s->sys[r] = ok && m.sys >= 0 ? m.sys / units : NAN;
    s->csw[r] = ok ? m.csw / units : NAN;
    s->cpu[r] = ok ? m.cpu / units * 1e6 : NAN;
    s->failed[r] = m.ok ? m.failed : NAN;
}

static void print_row(const char *name, const struct series *ours, const struct series *raw,
                      int rounds, const char *extra)
{
    double ratio[MAX_ROUNDS];
    int failed = 0;
    for (int r = 0; r < rounds; r++) {
        ratio[r] = ours->rate[r] / raw->rate[r];
        failed += !isfinite(ours->rate[r]);
    }
    char fails[32] = "";
    if (failed)
        snprintf(fails, sizeof(fails), " (%d/%d failed)", failed, rounds);
    printf("%-60s %9.0f %9.0f  %5.2f [%4.2f-%4.2f] %6.1f %6.1f %6.2f %6.2f %7.1f %7.1f%s%s\n", name,
           median(ours->rate, rounds), median(raw->rate, rounds), median(ratio, rounds),
           extreme(ratio, rounds, 0), extreme(ratio, rounds, 1), median(ours->sys, rounds),
           median(raw->sys, rounds), median(ours->csw, rounds), median(raw->csw, rounds),
           median(ours->cpu, rounds), median(raw->cpu, rounds), extra, fails);
}

static void print_header(const char *unit)
{
    printf("%-60s %9s %9s  %-17s %13s %13s %15s\n", "cell", "ours", "raw", "ratio median",
           "syscalls", "ctx switches", "CPU us");
    printf("%-60s %9s %9s  %-17s %6s %6s %6s %6s %7s %7s\n", "", unit, unit, "[min-max]", "ours",
           "raw", "ours", "raw", "ours", "raw");
}

/* ---- cell selection ---- */

/* Whether spec (k=v,k=v) allows key=value; a key the spec does not name matches all. */
static int spec_allows(const char *spec, const char *key, const char *value)
{
    size_t klen = strlen(key);
    for (const char *p = spec; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == '=')
            return len - klen - 1 == strlen(value) &&
                   strncmp(p + klen + 1, value, len - klen - 1) == 0;
        p = end ? end + 1 : NULL;
    }
    return 1;
}

static int selected(char *const *specs, int n, const char *const *keys, const char *const *values,
                    int nkeys)
{
    if (n == 0)
        return 1;
    for (int i = 0; i < n; i++) {
        int all = 1;
        for (int k = 0; k < nkeys; k++)
            all &= spec_allows(specs[i], keys[k], values[k]);
        if (all)
            return 1;
    }
    return 0;
}

static int cell_engine_selected(const struct cell *c, const char *engine)
{
    char v[5][16];
    snprintf(v[0], 16, "%d", c->conns);
    snprintf(v[1], 16, "%d", c->bytes);
    snprintf(v[2], 16, "%d", c->workers);
    snprintf(v[3], 16, "%d", c->ports);
    snprintf(v[4], 16, "%s", c->raw_client ? "raw" : "ws");
    const char *keys[] = {"conns", "bytes", "workers", "ports", "client", "engine"};
    const char *values[] = {v[0], v[1], v[2], v[3], v[4], engine};
    return selected(opt.cells, opt.ncells, keys, values, 6);
}

static const char *const engines[2] = {"epoll", "io_uring"};

/* Runs one cell's rounds: the library on each selected engine, raw epoll, raw io_uring. */
static void echo_cell(const struct cell *c)
{
    int want[2] = {cell_engine_selected(c, "epoll"), cell_engine_selected(c, "io_uring")};
    if (!want[0] && !want[1])
        return;
    char name[2][96];
    for (int e = 0; e < 2; e++)
        snprintf(name[e], sizeof(name[e]), "conns=%d,bytes=%d,workers=%d,ports=%d,engine=%s%s",
                 c->conns, c->bytes, c->workers, c->ports, engines[e],
                 c->raw_client ? ",client=raw" : "");
    if (c->ports == 1 && split_processes(c)) {
        for (int e = 0; e < 2; e++)
            if (want[e])
                printf("%-60s n/a: one process would need %d descriptors, the limit is %ld\n",
                       name[e], 2 * c->conns + 200, fd_limit);
        return;
    }
    const struct echo_ops *ws_client = c->raw_client ? &echo_epoll_ops : &echo_ws_ops;
    struct program progs[4] = {
        {&echo_ws_ops, ws_client, "epoll", "ws-epoll"},
        {&echo_ws_ops, ws_client, "io_uring", "ws-uring"},
        {&echo_epoll_ops, &echo_epoll_ops, "epoll", "raw-epoll"},
        {&echo_uring_ops, c->raw_client ? &echo_epoll_ops : &echo_uring_ops, "epoll", "raw-uring"},
    };
    static const char *const pnames[4] = {"ours epoll", "ours io_uring", "raw epoll",
                                          "raw io_uring"};
    static struct series s[4], base;
    for (int r = 0; r < opt.rounds; r++) {
        for (int i = 0; i < 4; i++) {
            int which = (r + i) % 4;
            if (which < 2 && !want[which]) {
                series_put(&s[which], r, (struct measured){0});
                continue;
            }
            struct measured m = echo_trial(&progs[which], c);
            series_put(&s[which], r, m);
            if (opt.verbose)
                fprintf(stderr, "  round %d %s %s: %.0f rt/s\n", r + 1, name[0], pnames[which],
                        s[which].rate[r]);
        }
        /* The baseline of the round: the faster raw program, with its own counts. */
        int b = !(s[3].rate[r] > s[2].rate[r]) ? 2 : 3;
        base.rate[r] = s[b].rate[r];
        base.sys[r] = s[b].sys[r];
        base.csw[r] = s[b].csw[r];
        base.cpu[r] = s[b].cpu[r];
    }
    int faster_uring = 0;
    for (int r = 0; r < opt.rounds; r++)
        faster_uring += s[3].rate[r] > s[2].rate[r];
    char extra[64];
    snprintf(extra, sizeof(extra), "  raw: epoll %.0f, io_uring %.0f",
             median(s[2].rate, opt.rounds), median(s[3].rate, opt.rounds));
    for (int e = 0; e < 2; e++)
        if (want[e])
            print_row(name[e], &s[e], &base, opt.rounds, extra);
    (void)faster_uring;
}

static void echo_matrix(void)
{
    static const int conns_all[] = {1, 50, 1000, 10000}, bytes_all[] = {64, 16384};
    printf("\nEcho round trips per second; ratio = ours / the faster raw program of each round;\n"
           "syscalls, ctx switches (voluntary + involuntary), CPU us: per round trip, client and "
           "server together\n");
    print_header("rt/s");
    for (int ci = 0; ci < 4; ci++)
        for (int bi = 0; bi < 2; bi++)
            for (int w = 1; w <= 2; w++)
                for (int p = 1; p <= 2; p++) {
                    struct cell c = {conns_all[ci], bytes_all[bi], w, p, 0};
                    if (opt.quick &&
                        !((c.conns == 50 && c.bytes == 64) ||
                          (c.conns == 1 && c.bytes == 64 && c.workers == 1 && c.ports == 2)))
                        continue;
                    echo_cell(&c);
                }
    /* The Winsock server against the raw client: where the server alone stands. */
    for (int ci = 1; ci < 4; ci += 2) {
        struct cell c = {conns_all[ci], 64, 1, 2, 1};
        if (opt.quick && c.conns != 50)
            continue;
        echo_cell(&c);
    }
    /*
     * A pool of twice as many workers as processors per port, the size
     * Windows' documentation and many servers use (the port's concurrency
     * value stays the processor count): more threads than can run at once.
     */
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int pool = cpus > 0 && cpus <= 32 ? 2 * (int)cpus : 4;
    for (int ci = 1; ci < 3 && !opt.quick; ci++)
        for (int p = 1; p <= 2; p++) {
            struct cell c = {conns_all[ci], 64, pool, p, 0};
            echo_cell(&c);
        }
}

/* ---- churn ---- */

/*
 * Each churn run stops after this many measured connections (or the
 * measured time): 2,000, or 500 in a quick run.
 */
static long churn_cap = 2000;

static struct measured churn_trial(const struct churn_ops *ops, const char *engine,
                                   enum churn_kind kind, int abortive)
{
    struct measured m = {0};
    int res[2];
    if (pipe(res) != 0)
        return m;
    pid_t pid = child();
    if (pid == 0) {
        echo_set_engine(engine);
        void *ctx = ops->start(kind, abortive);
        if (!ctx)
            _exit(2);
        long failed0, failed1, d0, d1;
        double start = echo_now();
        while (ops->done(ctx, &failed0) < 200 && echo_now() - start < opt.warmup + 1)
            sleep_for(0.005);
        d0 = ops->done(ctx, &failed0);
        struct snap a = counters_read(), b;
        do {
            sleep_for(0.005);
            d1 = ops->done(ctx, &failed1);
            b = counters_read();
        } while (b.t - a.t < opt.seconds && d1 - d0 < churn_cap);
        m = measured_of(a, b, (double)(d1 - d0), (double)(failed1 - failed0));
        write_all(res[1], &m, sizeof(m));
        _exit(0);
    }
    close(res[1]);
    if (pid < 0 || read_all(res[0], &m, sizeof(m)) != 0)
        m = (struct measured){0};
    close(res[0]);
    reap(pid);
    return m;
}

static void churn_cell(enum churn_kind kind, int abortive)
{
    const char *kname = kind == CHURN_EX ? "ex" : "blocking";
    const char *cname = abortive ? "abortive" : "graceful";
    int want[2];
    for (int e = 0; e < 2; e++) {
        const char *keys[] = {"kind", "close", "engine"};
        const char *values[] = {kname, cname, engines[e]};
        want[e] = selected(opt.churns, opt.nchurns, keys, values, 3);
    }
    if (!want[0] && !want[1])
        return;
    static struct series s[3];
    /*
     * A graceful cell starts without TIME_WAIT left by the cells before it
     * (it lasts 60 s on Linux), and accumulates its own: up to rounds x 3
     * runs x ~2,200 connections, in the default port range of 28,232 ports.
     */
    double waited = echo_now();
    while (!abortive && !opt.quick && time_wait_count() > 100 && echo_now() - waited < 70)
        sleep_for(1);
    waited = echo_now() - waited;
    long tw_before = time_wait_count();
    for (int r = 0; r < opt.rounds; r++)
        for (int i = 0; i < 3; i++) {
            int which = (r + i) % 3;
            if (which < 2 && !want[which]) {
                series_put(&s[which], r, (struct measured){0});
                continue;
            }
            struct measured m = which < 2
                                    ? churn_trial(&churn_ws_ops, engines[which], kind, abortive)
                                    : churn_trial(&churn_raw_ops, "epoll", kind, abortive);
            series_put(&s[which], r, m);
            if (opt.verbose)
                fprintf(stderr, "  round %d churn %s %s %d: %.0f conn/s, %.0f failed, TW %ld\n",
                        r + 1, kname, cname, which, s[which].rate[r], s[which].failed[r],
                        time_wait_count());
        }
    for (int e = 0; e < 2; e++) {
        if (!want[e])
            continue;
        char name[96], extra[96];
        snprintf(name, sizeof(name), "kind=%s,close=%s,engine=%s", kname, cname, engines[e]);
        snprintf(extra, sizeof(extra), "  failed/round %.0f; TIME_WAIT %ld -> %ld (waited %.0f s)",
                 median(s[e].failed, opt.rounds), tw_before, time_wait_count(), waited);
        print_row(name, &s[e], &s[2], opt.rounds, extra);
    }
}

static void churn_matrix(void)
{
    printf("\nConnection churn, connections per second (each run: %.1f s or %ld connections after "
           "warm-up);\nours ex = AcceptEx + ConnectEx after bind(port 0) on one port and one "
           "thread, raw ex = non-blocking accept4/connect (no bind) on one epoll set and one "
           "thread;\nblocking = one accept thread and one connect thread on both sides.  "
           "A connection counts once both sides are done with it (the server saw its end).  "
           "Per connection: syscalls, ctx switches, CPU us.\n",
           opt.seconds, churn_cap);
    print_header("conn/s");
    /* Abortive closes leave no TIME_WAIT; the graceful ones, run last, leave theirs. */
    for (int abortive = 1; abortive >= 0; abortive--) {
        churn_cell(CHURN_BLOCKING, abortive);
        churn_cell(CHURN_EX, abortive);
    }
}

/* ---- memory ---- */

#define MEMORY_CONNS 10000

static long memory_trial(const char *engine, int ours)
{
    int p[2];
    long growth = -1;
    if (pipe(p) != 0)
        return -1;
    pid_t server = child();
    if (server == 0) {
        echo_set_engine(engine);
        growth = ours ? echo_ws_memory(p[1], MEMORY_CONNS) : echo_epoll_memory(p[1], MEMORY_CONNS);
        write_all(p[1], &growth, sizeof(growth));
        _exit(0);
    }
    unsigned short port;
    pid_t peer = -1;
    if (server > 0 && read_all(p[0], &port, sizeof(port)) == 0) {
        peer = child();
        if (peer == 0) {
            /* The other ends, made by a raw process, which then waits to be killed. */
            void *ctx = echo_epoll_ops.open(1, ECHO_CLIENT);
            if (!ctx || echo_epoll_ops.connect(ctx, port, MEMORY_CONNS + 1, 64) != 0)
                _exit(2);
            pause();
            _exit(0);
        }
        close(p[1]);
        if (read_all(p[0], &growth, sizeof(growth)) != 0)
            growth = -1;
    }
    close(p[0]);
    reap(peer);
    reap(server);
    return growth;
}

static void memory_matrix(void)
{
    printf("\nMemory: resident set growth with %d connections, each with one pending receive "
           "(64-byte buffers; median of 3 runs);\nours: associated with a completion port, one "
           "overlapped WSARecv each; raw: in one epoll set with EPOLLIN; the same per-connection "
           "state.\n",
           MEMORY_CONNS);
    double raw[3], ours[2][3];
    for (int i = 0; i < 3; i++) {
        raw[i] = (double)memory_trial("epoll", 0) / MEMORY_CONNS;
        for (int e = 0; e < 2; e++)
            ours[e][i] = (double)memory_trial(engines[e], 1) / MEMORY_CONNS;
    }
    double r = median(raw, 3);
    printf("  raw epoll:      %6.0f B per connection\n", r);
    for (int e = 0; e < 2; e++) {
        double o = median(ours[e], 3);
        printf("  ours %-9s  %6.0f B per connection: %5.0f B beyond raw (goal <= 512) [runs: "
               "%.0f %.0f %.0f]\n",
               engines[e], o, o - r, ours[e][0], ours[e][1], ours[e][2]);
    }
}

static int parse(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--quick") == 0)
            opt.quick = 1;
        else if (strcmp(a, "--verbose") == 0)
            opt.verbose = 1;
        else if (strcmp(a, "--no-echo") == 0)
            opt.echo = 0;
        else if (strcmp(a, "--no-churn") == 0)
            opt.churn = 0;
        else if (strcmp(a, "--no-memory") == 0)
            opt.memory = 0;
        else if (strcmp(a, "--no-netns") == 0)
            opt.netns = 0;
        else if (v && strcmp(a, "--rounds") == 0 && ++i)
            opt.rounds = atoi(v);
        else if (v && strcmp(a, "--seconds") == 0 && ++i)
            opt.seconds = atof(v);
        else if (v && strcmp(a, "--warmup") == 0 && ++i)
            opt.warmup = atof(v);
        else if (v && strcmp(a, "--cell") == 0 && opt.ncells < MAX_SPECS && ++i)
            opt.cells[opt.ncells++] = argv[i];
        else if (v && strcmp(a, "--churn") == 0 && opt.nchurns < MAX_SPECS && ++i)
            opt.churns[opt.nchurns++] = argv[i];
        else
            return -1;
    }
    return opt.rounds >= 1 && opt.rounds <= MAX_ROUNDS && opt.seconds > 0 && opt.warmup >= 0 ? 0
                                                                                             : -1;
}

int main(int argc, char **argv)
{
    opt = (struct options){
        .rounds = 5, .seconds = 0.8, .warmup = 0.2, .echo = 1, .churn = 1, .memory = 1, .netns = 1};
    if (parse(argc, argv) != 0) {
        fprintf(stderr,
                "usage: %s [--quick] [--rounds R] [--seconds S] [--warmup S] [--verbose]\n"
                "  [--cell 'conns=50,bytes=64,workers=1,ports=2,engine=epoll,client=ws'] ...\n"
                "  [--churn 'kind=ex|blocking,close=graceful|abortive,engine=epoll'] ...\n"
                "  [--no-echo] [--no-churn] [--no-memory] [--no-netns]\n",
                argv[0]);
        return 2;
    }
    /* A selection runs only what it selects: echo cells, churn cells, no memory. */
    if (opt.ncells || opt.nchurns) {
        opt.echo &= opt.ncells > 0;
        opt.churn &= opt.nchurns > 0;
        opt.memory = 0;
    }
    if (opt.quick) {
        opt.seconds = opt.seconds < 0.5 ? opt.seconds : 0.5;
        opt.warmup = opt.warmup < 0.2 ? opt.warmup : 0.2;
        opt.memory = 0;
        churn_cap = 500;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGPIPE, SIG_IGN);
    fd_limit = raise_fd_limit();
    int netns = opt.netns && enter_netns() == 0;
    counters_open();
    int policy = sched_getscheduler(0);
    errno = 0;
    int nice_value = getpriority(PRIO_PROCESS, 0);
    printf("echo_matrix: %d rounds of %.1f s after %.1f s of warm-up per program; every program in "
           "a fresh process;\nnice %d, policy %s for all; descriptor limit %ld; syscall counter: "
           "%s;\nnetwork namespace: %s\n",
           opt.rounds, opt.seconds, opt.warmup, nice_value,
           policy == SCHED_OTHER ? "SCHED_OTHER" : "other than SCHED_OTHER", fd_limit,
           counters_available() ? "perf raw_syscalls:sys_enter" : "unavailable (figures are nan)",
           netns ? "a new one (ports and TIME_WAIT of our own)" : "the machine's (shared)");
    counters_close();
    if (opt.echo)
        echo_matrix();
    if (opt.churn)
        churn_matrix();
    if (opt.memory)
        memory_matrix();
    return 0;
}
