/*
 * The helpers of bench/echo_matrix (echo_harness.c), in Linux types: only
 * the harness includes this; the echo and churn programs see echo.h.
 */
#ifndef WS2_BENCH_ECHO_HARNESS_H
#define WS2_BENCH_ECHO_HARNESS_H

#include <stddef.h>
#include <sys/types.h>

#include "echo.h"

/* What a process has used so far: time, CPU seconds, context switches, system calls (-1: none). */
struct snap {
    double t, cpu, csw, sys;
};

/* What one process measured over the window: totals, not yet per round trip. */
struct measured {
    int ok;
    double secs, trips, failed, cpu, csw, sys;
};

/*
 * Opens the process's system-call counter (raw_syscalls:sys_enter through
 * perf_event_open, inherited by every thread made afterwards): it must run
 * before the process makes a thread.  Without it the counts are -1.
 */
void counters_open(void);
int counters_available(void);
void counters_close(void);
struct snap counters_read(void);
/* The totals between two snapshots, with the units (round trips, connections) done meanwhile. */
struct measured measured_of(struct snap a, struct snap b, double units, double failed);

void sleep_for(double s);
/* Whole transfers on a pipe: a short write ends the process, a short read returns -1. */
void write_all(int fd, const void *p, size_t n);
int read_all(int fd, void *p, size_t n);

/* Raises the soft descriptor limit to the hard one; returns the limit now in force. */
long raise_fd_limit(void);

/* A child that must not outlive a stuck run: it dies after this many seconds. */
#define CHILD_DEADLINE 120

/* fork() for a program's process: the child gets a deadline and its own counter. */
pid_t child(void);
/* Kills and waits for a child (nothing for pid <= 0). */
void reap(pid_t pid);

/*
 * Moves the process into a network namespace of its own with loopback up,
 * when it may (root); 0 if it did.
 */
int enter_netns(void);

/* Connections in TIME_WAIT in this network namespace (IPv4 and IPv6). */
long time_wait_count(void);

#endif
