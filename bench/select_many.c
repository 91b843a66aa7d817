/*
 * select and WSAPoll over many sockets against raw Linux poll() over as many
 * descriptors, in the same run (goal: time per call linear in the sockets,
 * within a small factor of raw poll; an application may raise FD_SETSIZE to
 * thousands, and a search per socket would make a call quadratic).
 *
 * N UDP sockets, a time-out of 0, three cases:
 *   - none ready: every socket in the read set, no datagram waiting;
 *   - all ready: every socket in the write set (the set rewritten whole);
 *   - duplicates: every socket listed twice in the write set (each counted once).
 * The raw side polls N raw UDP descriptors for POLLIN, then POLLOUT.
 * Each figure is the best of several rounds, to keep other load out of it.
 */
#include <stdio.h>
#include <stdlib.h>

#undef FD_SETSIZE
#define FD_SETSIZE 4096 /* as an application may raise it (winsock2.h) */
#include <winsock2.h>

#include "raw_linux.h"

#define ROUNDS 5

static double ws2_select(SOCKET *s, int n, int dup, int write, long calls)
{
    static fd_set set;
    double t0 = raw_now();
    for (long c = 0; c < calls; c++) {
        set.fd_count = 0;
        for (int i = 0; i < n; i++) {
            set.fd_array[set.fd_count++] = s[i];
            if (dup)
                set.fd_array[set.fd_count++] = s[i];
        }
        struct timeval tv = {0, 0};
        int r = write ? select(0, NULL, &set, NULL, &tv) : select(0, &set, NULL, NULL, &tv);
        if (r != (write ? n : 0)) {
            fprintf(stderr, "select returned %d (%d), expected %d\n", r, WSAGetLastError(),
                    write ? n : 0);
            exit(1);
        }
    }
    return (raw_now() - t0) / calls;
}

static double ws2_poll(WSAPOLLFD *p, int n, int write, long calls)
{
    for (int i = 0; i < n; i++)
        p[i].events = write ? POLLWRNORM : POLLRDNORM;
    double t0 = raw_now();
    for (long c = 0; c < calls; c++) {
        int r = WSAPoll(p, (ULONG)n, 0);
        if (r != (write ? n : 0)) {
            fprintf(stderr, "WSAPoll returned %d (%d)\n", r, WSAGetLastError());
            exit(1);
        }
    }
    return (raw_now() - t0) / calls;
}

static double best(double a, double b)
{
    return a < b ? a : b;
}

static void measure(int n)
{
    SOCKET *s = malloc(sizeof(SOCKET) * (size_t)n);
    WSAPOLLFD *p = malloc(sizeof(WSAPOLLFD) * (size_t)n);
    for (int i = 0; i < n; i++) {
        s[i] = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        if (s[i] == INVALID_SOCKET) {
            fprintf(stderr, "socket %d failed: %d\n", i, WSAGetLastError());
            exit(1);
        }
        p[i].fd = s[i];
    }
    int *raw = raw_udp_open(n);
    long calls = 200000 / n + 20;
    double none = 1e30, all = 1e30, dup = 1e30, pnone = 1e30, pall = 1e30;
    double rnone = 1e30, rall = 1e30;
    for (int r = 0; r < ROUNDS; r++) {
        none = best(none, ws2_select(s, n, 0, 0, calls));
        rnone = best(rnone, raw_poll(raw, n, 0, calls));
        all = best(all, ws2_select(s, n, 0, 1, calls));
        rall = best(rall, raw_poll(raw, n, 1, calls));
        dup = best(dup, ws2_select(s, n, 1, 1, calls));
        pnone = best(pnone, ws2_poll(p, n, 0, calls));
        pall = best(pall, ws2_poll(p, n, 1, calls));
    }
    printf("  %5d  none ready: select %8.1f us  WSAPoll %8.1f us  raw poll %7.1f us  (x%.1f)\n", n,
           none * 1e6, pnone * 1e6, rnone * 1e6, none / rnone);
    printf("  %5s  all ready:  select %8.1f us  WSAPoll %8.1f us  raw poll %7.1f us  (x%.1f)\n", "",
           all * 1e6, pall * 1e6, rall * 1e6, all / rall);
    printf("  %5s  each twice: select %8.1f us  (%.0f ns per entry)\n", "", dup * 1e6,
           dup * 1e9 / (2 * n));
    raw_udp_close(raw, n);
    for (int i = 0; i < n; i++)
        closesocket(s[i]);
    free(s);
    free(p);
}

int main(void)
{
    raw_raise_fd_limit();
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        fprintf(stderr, "WSAStartup failed\n");
        return 1;
    }
    printf("select/WSAPoll over N UDP sockets (time-out 0) against raw poll() over N descriptors,\n"
           "time per call (goal: linear in N, within a small factor of raw poll):\n");
    int sizes[] = {100, 1000, 2000};
    for (int i = 0; i < 3; i++)
        measure(sizes[i]);
    WSACleanup();
    return 0;
}
