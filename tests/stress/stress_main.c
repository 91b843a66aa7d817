/*
 * The stress test (issue 8): several worker threads run random scenarios
 * over loopback (overlapped I/O with events, completion routines and a
 * completion port; AcceptEx, ConnectEx, DisconnectEx; closesocket and
 * CancelIoEx from other threads, CancelIo, shutdown, duplicates, nested
 * WSAStartup), then each leaves operations pending and maybe a thread
 * blocked, and the final WSACleanup runs under them.  One such round is a
 * cycle; cycles run until the time budget is used up.
 *
 * Invariants checked and counted: exactly one notification per operation
 * (none for one whose issue failed, none after the final cleanup, whose
 * operations read STATUS_CANCELLED), every gracefully closed stream whole and
 * byte-exact at a raw Linux peer (cut streams a correct prefix), blocked
 * calls cancelled by the final cleanup, descriptors back to the baseline
 * after each cycle, heap flat across cycles, closed handles refused.
 *
 *   stress [--seed N] [--seconds N] [--threads N] [--cycles N] [--off a,b]
 * or WS2T_STRESS_SEED, WS2T_STRESS_SECONDS, WS2T_STRESS_THREADS,
 * WS2T_STRESS_OFF.  --off names scenario groups to leave out: acceptex,
 * cleanup, badinput, kernel, transfer.  Exit 0 when every check held.
 */
#include "stress_win.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ws2t_open_fds(void);
int ws2t_settled_fds(int expected);

struct stress_state S;
atomic_llong stress_stats[ST_COUNT];
const char *const stress_stat_names[ST_COUNT] = {
    "cycles",
    "operations issued",
    "operations failed at issue",
    "notifications by event",
    "notifications by completion routine",
    "notifications by completion port",
    "operations succeeded",
    "operations aborted",
    "operations ended otherwise",
    "bytes sent by WSASend and ConnectEx",
    "bytes verified at the raw peer (after headers)",
    "bytes verified between our own sockets",
    "streams closed gracefully (whole at the peer)",
    "streams cut (prefix checked)",
    "connections between our own sockets",
    "AcceptEx issued",
    "ConnectEx issued",
    "DisconnectEx issued",
    "sockets reused after DisconnectEx",
    "closesocket from another thread",
    "CancelIoEx",
    "CancelIo",
    "shutdown",
    "lingering closes",
    "duplicates",
    "blocking calls interrupted by closesocket",
    "nested WSAStartup/WSACleanup",
    "stale handles refused",
    "final WSACleanups",
    "operations aborted by the final WSACleanup",
    "blocking calls cancelled by the final WSACleanup",
    "blocking calls begun after it (refused)",
    "descriptor checks",
    "last-error checks",
    "sends with more than 1024 WSABUFs",
    "successes at issue with no packet (skip mode)",
    "WSAGetOverlappedResult waits",
    "UDP sends to a closed port",
    "non-blocking sends taken whole",
    "non-blocking sends refused (WSAEWOULDBLOCK)",
    "VIOLATIONS",
};

static const char *const switch_names[SW_COUNT] = {"acceptex", "cleanup", "badinput", "kernel",
                                                   "transfer"};
static atomic_int printed;

void stress_violation(const char *fmt, ...)
{
    STAT_ADD(ST_VIOLATIONS, 1);
    if (atomic_fetch_add(&printed, 1) >= 40)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr,
            "stress: VIOLATION (seed %llu, cycle %u, thread %lu): ", (unsigned long long)S.seed,
            S.cycle, (unsigned long)GetCurrentThreadId());
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void print_counts(void)
{
    printf("stress: counts\n");
    for (int i = 0; i < ST_COUNT; i++)
        printf("  %-48s %lld\n", stress_stat_names[i], (long long)atomic_load(&stress_stats[i]));
    uint64_t accepted, stale, headerless;
    stress_peer_totals(&accepted, &stale, &headerless);
    printf("  %-48s %llu (%llu cut before their header)\n", "connections at the raw peer",
           (unsigned long long)accepted, (unsigned long long)headerless);
    fflush(stdout);
}

/* A thread that does not come back: print what we have and the seed, and fail. */
static void stuck(const char *what)
{
    fprintf(stderr, "stress: STUCK (seed %llu, cycle %u): %s\n", (unsigned long long)S.seed,
            S.cycle, what);
    print_counts();
    _Exit(1);
}

static void join(HANDLE t, const char *what)
{
    if (WaitForSingleObject(t, 60000) != WAIT_OBJECT_0)
        stuck(what);
    CloseHandle(t);
}

static void extension(SOCKET s, GUID guid, void *fn, size_t size)
{
    DWORD n = 0;
    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), fn, (DWORD)size, &n,
                 NULL, NULL) != 0)
        stuck("SIO_GET_EXTENSION_FUNCTION_POINTER failed");
}

static SOCKET prev_stale[64];
static int nprev;

static void check_streams(void)
{
    unsigned n = atomic_load(&S.stream_id);
    if (n > STRESS_MAX_STREAMS)
        n = STRESS_MAX_STREAMS;
    for (unsigned id = 0; id < n; id++) {
        struct stress_peer_result r;
        stress_peer_result(id, &r);
        if (r.bad)
            stress_violation("stream %u: bytes at the raw peer differ from the pattern", id);
        if (S.expect[id] == EXP_WHOLE && (!r.seen || r.end != STRESS_END_FIN || r.got != r.length))
            stress_violation("stream %u closed gracefully: the peer got %llu of %u bytes, end %d "
                             "(1 FIN, 2 reset)",
                             id, (unsigned long long)r.got, r.length, r.end);
        else if (r.seen && !r.bad)
            STAT_ADD(ST_PEER_BYTES, r.got);
    }
}

static void run_cycle(uint32_t cycle, int fd_base)
{
    S.cycle = cycle;
    atomic_store(&S.endgame, 0);
    atomic_store(&S.ready, 0);
    atomic_store(&S.cleaning, 0);
    atomic_store(&S.cleaned, 0);
    atomic_store(&S.stop_port, 0);
    atomic_store(&S.stream_id, 0);
    memset(S.expect, 0, sizeof(S.expect));
    stress_peer_cycle(cycle);
    struct rng rng = {stress_mix(S.seed ^ cycle)};

    WSADATA d;
    if (WSAStartup(MAKEWORD(2, 2), &d) != 0)
        stuck("WSAStartup failed");
    /* Handles of the previous cycle, before any new socket exists: refused. */
    for (int i = 0; i < nprev; i++)
        if (closesocket(prev_stale[i]) != SOCKET_ERROR || WSAGetLastError() != WSAENOTSOCK)
            stress_violation("a socket of the previous cycle: not WSAENOTSOCK (%d)",
                             WSAGetLastError());
        else
            STAT_ADD(ST_STALE_REFUSED, 1);
    nprev = 0;
    int extra = (int)rng_below(&rng, 3);
    for (int i = 0; i < extra; i++)
        WSAStartup(MAKEWORD(2, 2), &d);
    SOCKET t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    extension(t, (GUID)WSAID_ACCEPTEX, &S.acceptex, sizeof(S.acceptex));
    extension(t, (GUID)WSAID_CONNECTEX, &S.connectex, sizeof(S.connectex));
    extension(t, (GUID)WSAID_DISCONNECTEX, &S.disconnectex, sizeof(S.disconnectex));
    extension(t, (GUID)WSAID_GETACCEPTEXSOCKADDRS, &S.sockaddrs, sizeof(S.sockaddrs));
    closesocket(t);

    S.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    if (!S.port)
        stuck("CreateIoCompletionPort failed");
    HANDLE helpers[3] = {CreateThread(NULL, 0, port_thread, NULL, 0, NULL),
                         CreateThread(NULL, 0, port_thread, NULL, 0, NULL),
                         CreateThread(NULL, 0, closer_thread, NULL, 0, NULL)};
    struct worker *ws = calloc((size_t)S.threads, sizeof(*ws));
    HANDLE *th = calloc((size_t)S.threads, sizeof(HANDLE));
    for (int i = 0; i < S.threads; i++) {
        ws[i].index = i;
        ws[i].rng.s = stress_mix(S.seed ^ ((uint64_t)cycle << 20) ^ (uint64_t)i);
        ws[i].listener = INVALID_SOCKET;
        th[i] = CreateThread(NULL, 0, worker_thread, &ws[i], 0, NULL);
    }
    Sleep(200 + rng_below(&rng, 1000));
    atomic_store(&S.endgame, 1);
    for (int waited = 0; atomic_load(&S.ready) < S.threads; waited++) {
        if (waited > 60000)
            stuck("workers did not reach their final state within 60 s");
        Sleep(1);
    }
    Sleep(30 + rng_below(&rng, 70)); /* the blocking calls are blocked by now (mostly) */
    /* The nested cleanups first: they must leave the blocked calls blocked. */
    for (int i = 0; i < extra; i++)
        if (WSACleanup() != 0)
            stress_violation("nested WSACleanup in main: %d", WSAGetLastError());
    if (extra)
        Sleep(5);
    atomic_store(&S.cleaning, 1);
    if (WSACleanup() != 0)
        stress_violation("final WSACleanup: %d", WSAGetLastError());
    STAT_ADD(ST_FINAL_CLEANUPS, 1);
    atomic_store(&S.cleaned, 1);
    if (WSACleanup() != SOCKET_ERROR || WSAGetLastError() != WSANOTINITIALISED)
        stress_violation("WSACleanup after the final one: not WSANOTINITIALISED");
    for (int i = 0; i < S.threads; i++)
        join(th[i], "a worker did not return after the final WSACleanup");
    for (int i = 0; i < S.threads; i++)
        for (int j = 0; j < ws[i].nstale && nprev < 64; j++)
            prev_stale[nprev++] = ws[i].stale[j];
    if (nprev &&
        (closesocket(prev_stale[0]) != SOCKET_ERROR || WSAGetLastError() != WSANOTINITIALISED))
        stress_violation("closesocket after the final WSACleanup: not WSANOTINITIALISED");
    Sleep(50); /* a late packet would arrive now */
    atomic_store(&S.stop_port, 1);
    for (int i = 0; i < 3; i++)
        join(helpers[i], "a port thread or the closer did not end");
    ops_check_and_free();
    CloseHandle(S.port);
    free(ws);
    free(th);

    if (stress_peer_settle((uint64_t)atomic_load(&S.connected_total), 30000) != 0)
        stress_violation("the raw peer still has streams open 30 s after the final WSACleanup");
    check_streams();
    int fds = ws2t_settled_fds(fd_base);
    if (fds != fd_base && getenv("WS2T_STRESS_VERBOSE")) {
        stress_list_fds();
    }
    STAT_ADD(ST_FD_CHECKS, 1);
    if (fds != fd_base)
        stress_violation("descriptors after the cycle: %d, baseline %d", fds, fd_base);
    STAT_ADD(ST_CYCLES, 1);
}

static const char *arg_or_env(int argc, char **argv, const char *opt, const char *env)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], opt) == 0)
            return argv[i + 1];
    return getenv(env);
}

int main(int argc, char **argv)
{
    const char *v = arg_or_env(argc, argv, "--seed", "WS2T_STRESS_SEED");
    LARGE_INTEGER now;
    QueryPerformanceCounter(&now);
    S.seed = v ? strtoull(v, NULL, 0) : stress_mix((uint64_t)now.QuadPart) % 1000000000ull;
    v = arg_or_env(argc, argv, "--seconds", "WS2T_STRESS_SECONDS");
    int seconds = v ? atoi(v) : 60;
    v = arg_or_env(argc, argv, "--threads", "WS2T_STRESS_THREADS");
    S.threads = v ? atoi(v) : 4;
    v = arg_or_env(argc, argv, "--cycles", "WS2T_STRESS_CYCLES");
    uint32_t max_cycles = v ? (uint32_t)atoi(v) : 0xffffffffu;
    const char *off = arg_or_env(argc, argv, "--off", "WS2T_STRESS_OFF");
    for (int i = 0; i < SW_COUNT; i++)
        S.on[i] = !(off && strstr(off, switch_names[i]));
    const char *engine = getenv("WS2POSIX_ENGINE");
    printf("stress: seed %llu, %d s, %d threads, engine %s, off: %s\n"
           "stress: to reproduce: WS2T_STRESS_SEED=%llu\n",
           (unsigned long long)S.seed, seconds, S.threads, engine ? engine : "default",
           off ? off : "none", (unsigned long long)S.seed);
    fflush(stdout);

    if (stress_peer_start(S.seed, &S.raw_port) != 0)
        stuck("the raw peer did not start");
    /*
     * The baseline is taken once the library has been used: the process keeps
     * two descriptors for good after first use (the calling thread's wake-up
     * eventfd and the placeholder of retired descriptors; test_cleanup's
     * warm_fd_baseline).
     */
    WSADATA d;
    WSAStartup(MAKEWORD(2, 2), &d);
    closesocket(socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
    WSACleanup();
    int fd_base = ws2t_open_fds();
    ULONGLONG start = GetTickCount64();
    size_t mem_base = 0, mem_max = 0;
    uint32_t cycle = 1;
    for (; cycle <= max_cycles; cycle++) {
        if (cycle > 2 && GetTickCount64() - start > (ULONGLONG)seconds * 1000)
            break;
        ULONGLONG t0 = GetTickCount64();
        run_cycle(cycle, fd_base);
        if (getenv("WS2T_STRESS_VERBOSE"))
            printf("stress: cycle %u: %llu ms, %lld violations so far, heap %zu, RSS %zu\n", cycle,
                   (unsigned long long)(GetTickCount64() - t0),
                   (long long)atomic_load(&stress_stats[ST_VIOLATIONS]), stress_mem_in_use(),
                   stress_mem_rss());
        size_t mem = stress_mem_in_use();
        if (cycle == 3)
            mem_base = mem;
        if (mem > mem_max && cycle > 3)
            mem_max = mem;
    }
    stress_peer_stop();
    /* Generous: allocators keep caches; a leak per cycle shows as steady growth past this. */
    size_t bound = 16u << 20;
    printf("stress: heap in use after cycle 3: %zu bytes, highest later: %zu, RSS now %zu\n",
           mem_base, mem_max, stress_mem_rss());
    if (mem_base && mem_max > mem_base + bound)
        stress_violation("heap grew by %zu bytes across cycles", mem_max - mem_base);
    print_counts();
    long long bad = atomic_load(&stress_stats[ST_VIOLATIONS]);
    if (bad) {
        printf(
            "stress: FAILED with %lld violations (seed %llu; rerun with WS2T_STRESS_SEED=%llu)\n",
            bad, (unsigned long long)S.seed, (unsigned long long)S.seed);
        return 1;
    }
    printf("stress: ok, %u cycles\n", cycle - 1);
    return 0;
}
