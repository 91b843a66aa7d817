/*
 * The process and measurement helpers of bench/echo_matrix (echo_harness.h):
 * the counters each program's process reads around its measured window, the
 * pipes and children of a run, the network namespace, and the small helpers
 * the Winsock files cannot write themselves.
 */
#include "echo_harness.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- helpers the Winsock files use ---- */

volatile int echo_quiet;

double echo_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long echo_rss_bytes(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

void echo_set_engine(const char *engine)
{
    setenv("WS2POSIX_ENGINE", engine, 1);
}

void echo_tell_port(int fd, unsigned short port)
{
    if (write(fd, &port, sizeof(port)) != sizeof(port))
        _exit(3);
}

/* ---- counters ---- */

static int sys_fd = -1; /* the process's inherited syscall counter, or -1 */

/* Opens the counter; must run before the process makes a thread, so that all inherit it. */
void counters_open(void)
{
    static const char *const ids[] = {"/sys/kernel/tracing/events/raw_syscalls/sys_enter/id",
                                      "/sys/kernel/debug/tracing/events/raw_syscalls/sys_enter/id"};
    long id = -1;
    for (size_t i = 0; i < 2 && id < 0; i++) {
        FILE *f = fopen(ids[i], "r");
        if (f) {
            if (fscanf(f, "%ld", &id) != 1)
                id = -1;
            fclose(f);
        }
    }
    if (id < 0)
        return;
    struct perf_event_attr a;
    memset(&a, 0, sizeof(a));
    a.type = PERF_TYPE_TRACEPOINT;
    a.size = sizeof(a);
    a.config = (unsigned long long)id;
    a.inherit = 1;
    a.exclude_kernel = 0;
    sys_fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

struct snap counters_read(void)
{
    struct snap s = {echo_now(), 0, 0, -1};
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    s.cpu = (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
            (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
    s.csw = (double)(u.ru_nvcsw + u.ru_nivcsw);
    unsigned long long v;
    if (sys_fd >= 0 && read(sys_fd, &v, sizeof(v)) == sizeof(v))
        s.sys = (double)v;
    return s;
}

struct measured measured_of(struct snap a, struct snap b, double trips, double failed)
{
    struct measured m = {1, b.t - a.t, trips, failed, b.cpu - a.cpu, b.csw - a.csw, -1};
    if (a.sys >= 0 && b.sys >= 0)
        m.sys = b.sys - a.sys;
    return m;
}

void sleep_for(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

void write_all(int fd, const void *p, size_t n)
{
    if (write(fd, p, n) != (ssize_t)n)
        _exit(3);
}

int read_all(int fd, void *p, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)p + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

long raise_fd_limit(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) != 0)
        return -1;
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
    getrlimit(RLIMIT_NOFILE, &r);
    return (long)r.rlim_cur;
}

/* A child that must not outlive a stuck run: it dies after this many seconds. */
#define CHILD_DEADLINE 120

pid_t child(void)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(CHILD_DEADLINE);
        counters_open();
    }
    return pid;
}

void reap(pid_t pid)
{
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
}

/*
 * Moves the harness (and every program it starts) into a network namespace
 * of its own, with its own loopback, ports and TIME_WAIT table, when the
 * process may (root): the churn's TIME_WAIT connections then neither slow
 * other programs' binds on a shared machine nor are slowed by theirs.  0 if
 * it did.
 */
int enter_netns(void)
{
    if (unshare(CLONE_NEWNET) != 0)
        return -1;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    strcpy(ifr.ifr_name, "lo");
    int ok = fd >= 0 && ioctl(fd, SIOCGIFFLAGS, &ifr) == 0;
    ifr.ifr_flags |= IFF_UP;
    ok = ok && ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
    if (fd >= 0)
        close(fd);
    return ok ? 0 : -1;
}

int counters_available(void)
{
    return sys_fd >= 0;
}

void counters_close(void)
{
    if (sys_fd >= 0)
        close(sys_fd);
    sys_fd = -1;
}

long time_wait_count(void)
{
    long n = 0;
    static const char *const files[] = {"/proc/net/tcp", "/proc/net/tcp6"};
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(files[i], "r");
        char line[512];
        if (!f)
            continue;
        while (fgets(line, sizeof(line), f)) {
            unsigned st;
            if (sscanf(line, " %*s %*s %*s %x", &st) == 1 && st == 6)
                n++;
        }
        fclose(f);
    }
    return n;
}
