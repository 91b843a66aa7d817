/*
 * ws2posix benchmarks (the goals come from the foundation issue):
 *   1. socket()+closesocket() per second against raw socket()+close() in the
 *      same run (goal: at least 0.8 of raw);
 *   2. the final WSACleanup with 1k, 10k and 100k open sockets against closing
 *      as many raw descriptors (goal: at most 1.5 times raw, growing linearly);
 *   3. user-space memory per open socket (goal: at most 512 bytes).
 * Each timing is the best of several rounds, to keep other load out of it.
 */
#include <stdio.h>
#include <stdlib.h>

#include <winsock2.h>

#include "raw_linux.h"

#define ROUNDS 5

static void startup(void)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0) {
        fprintf(stderr, "WSAStartup failed\n");
        exit(1);
    }
}

static double ws2_socket_close(long n)
{
    double t0 = raw_now();
    for (long i = 0; i < n; i++)
        closesocket(socket(AF_INET, SOCK_STREAM, 0));
    return raw_now() - t0;
}

static double ws2_cleanup_many(long n)
{
    startup();
    for (long i = 0; i < n; i++) {
        if (socket(AF_INET, SOCK_STREAM, 0) == INVALID_SOCKET) {
            fprintf(stderr, "socket %ld failed: %d\n", i, WSAGetLastError());
            exit(1);
        }
    }
    double t0 = raw_now();
    WSACleanup();
    return raw_now() - t0;
}

int main(void)
{
    long limit = raw_raise_fd_limit();
    startup();

    /* Warm both paths up (first-use allocations, the handle table's first chunks). */
    ws2_socket_close(20000);
    raw_socket_close(20000);

    /* Rounds alternate between the two, so that a change of load hits both alike. */
    const long n = 100000;
    double ws2 = 1e30, raw = 1e30;
    for (int r = 0; r < 2 * ROUNDS; r++) {
        double w = ws2_socket_close(n), l = raw_socket_close(n);
        ws2 = w < ws2 ? w : ws2;
        raw = l < raw ? l : raw;
    }
    printf("socket()+closesocket(): %9.0f /s   raw socket()+close(): %9.0f /s   ratio %.2f "
           "(goal >= 0.80)\n",
           n / ws2, n / raw, raw / ws2);
    WSACleanup();

    printf("\nfinal WSACleanup with N open sockets against close() of N raw descriptors:\n");
    printf("  %8s %12s %12s %8s %14s\n", "N", "WSACleanup", "raw close", "ratio", "ns per socket");
    long sizes[] = {1000, 10000, 100000};
    for (int i = 0; i < 3; i++) {
        /* Each socket is a descriptor: where the hard limit is lower, use what it allows. */
        if (sizes[i] + 1000 > limit) {
            printf("  %8ld does not fit the descriptor limit (%ld): measuring %ld instead\n",
                   sizes[i], limit, limit - 1000);
            sizes[i] = limit - 1000;
        }
        double c = 1e30, r = 1e30;
        for (int k = 0; k < ROUNDS; k++) {
            double w = ws2_cleanup_many(sizes[i]), l = raw_close_many(sizes[i]);
            c = w < c ? w : c;
            r = l < r ? l : r;
        }
        printf("  %8ld %10.2f ms %10.2f ms %8.2f %14.0f   (goal ratio <= 1.5)\n", sizes[i], c * 1e3,
               r * 1e3, c / r, c * 1e9 / sizes[i]);
    }

    /* Memory: what the heap holds per open socket, table slots included. */
    startup();
    const long m = 10000;
    SOCKET *keep = malloc(sizeof(SOCKET) * m);
    closesocket(socket(AF_INET, SOCK_STREAM, 0));
    size_t before = raw_heap_in_use();
    for (long i = 0; i < m; i++)
        keep[i] = socket(AF_INET, SOCK_STREAM, 0);
    size_t after = raw_heap_in_use();
    printf("\nuser-space memory per open socket: %zu bytes (goal <= 512; %ld sockets)\n",
           (after - before) / m, m);
    for (long i = 0; i < m; i++)
        closesocket(keep[i]);
    free(keep);
    WSACleanup();
    return 0;
}
