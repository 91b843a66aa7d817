/*
 * The demo's actor: closes connections in each of the ways closesocket's
 * documentation describes, times closesocket, and asks close_server what it
 * saw as the peer.  Then it forgets some sockets and calls WSACleanup.
 *
 * Usage: close_client <port>
 */
#include "demo_common.h"

static unsigned short port;
static int next_id;

/* A data connection whose server side reads as `reader` says. */
static SOCKET open_data(char reader, int *id)
{
    SOCKET s = connect_to(port);
    char head[3];
    *id = next_id++;
    head[0] = 'D';
    head[1] = (char)*id;
    head[2] = reader;
    if (send_all(s, head, 3) != 0)
        die("send");
    return s;
}

static void set_blocking(SOCKET s, int blocking)
{
    u_long mode = blocking ? 0 : 1;
    ioctlsocket(s, FIONBIO, &mode);
}

/* Queues data until the send buffer is full; the peer is not reading yet. */
static long long fill(SOCKET s)
{
    static char chunk[65536];
    long long total = 0;
    set_blocking(s, 0);
    for (;;) {
        int n = send(s, chunk, sizeof(chunk), 0);
        if (n == SOCKET_ERROR)
            break;
        total += n;
    }
    set_blocking(s, 1);
    return total;
}

static void set_linger(SOCKET s, u_short onoff, u_short seconds)
{
    LINGER l;
    l.l_onoff = onoff;
    l.l_linger = seconds;
    setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l));
}

static void verdict(int id, char *out, int size)
{
    SOCKET c = connect_to(port);
    char req[16];
    snprintf(req, sizeof(req), "V%d\n", id);
    send_all(c, req, (int)strlen(req));
    if (recv_line(c, out, size) < 0)
        snprintf(out, size, "(no answer)");
    closesocket(c);
}

static void report(const char *mode, long long queued, int result, int error, ULONGLONG took)
{
    char closed[40];
    if (result == 0)
        snprintf(closed, sizeof(closed), "0");
    else
        snprintf(closed, sizeof(closed), "SOCKET_ERROR (%s)",
                 error == WSAEWOULDBLOCK ? "WSAEWOULDBLOCK" : "other");
    printf("  %-46s %8lld  %-30s %5u ms\n", mode, queued, closed, (unsigned)took);
}

static void close_mode(const char *mode, u_short onoff, u_short seconds, int nonblocking,
                       char reader)
{
    int id, result, error = 0;
    char seen[VERDICT_MAX];
    SOCKET s = open_data(reader, &id);
    long long queued = fill(s);
    ULONGLONG t0;
    if (onoff || seconds)
        set_linger(s, onoff, seconds);
    set_blocking(s, !nonblocking);
    t0 = GetTickCount64();
    result = closesocket(s);
    if (result == SOCKET_ERROR)
        error = WSAGetLastError();
    report(mode, queued, result, error, GetTickCount64() - t0);
    if (result == SOCKET_ERROR) {
        /* The handle is still valid: turn lingering off and close again. */
        BOOL dont = TRUE;
        setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (const char *)&dont, sizeof(dont));
        t0 = GetTickCount64();
        result = closesocket(s);
        report("  ...then SO_DONTLINGER, closesocket again", queued, result, WSAGetLastError(),
               GetTickCount64() - t0);
    }
    verdict(id, seen, sizeof(seen));
    printf("      peer saw: %s\n", seen);
}

struct blocked {
    SOCKET s;
    int result;
    int error;
};

static DWORD WINAPI blocked_recv(LPVOID p)
{
    struct blocked *b = p;
    char c;
    b->result = recv(b->s, &c, 1, 0);
    b->error = WSAGetLastError();
    return 0;
}

static void cleanup_scene(void)
{
    int graceful_id, forgotten_id, blocked_id;
    SOCKET graceful = open_data(READ_LATE, &graceful_id);
    SOCKET forgotten = open_data(READ_LATE, &forgotten_id);
    struct blocked b;
    HANDLE t;
    long long queued = fill(graceful);
    ULONGLONG t0;
    WSADATA data;
    char seen[VERDICT_MAX];

    printf("\nWSACleanup reclaims what the program forgot\n");
    closesocket(graceful); /* l_onoff 0: its data is still on its way */
    send_all(forgotten, "never closed", 12);
    b.s = open_data(READ_NEVER, &blocked_id);
    b.result = 0;
    t = CreateThread(NULL, 0, blocked_recv, &b, 0, NULL);
    Sleep(200);
    printf("  closed one connection gracefully with %lld bytes still queued,\n", queued);
    printf("  left one open, and one thread blocked in recv; now WSACleanup()...\n");

    t0 = GetTickCount64();
    printf("  WSACleanup returned %d after %u ms\n", WSACleanup(),
           (unsigned)(GetTickCount64() - t0));
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    printf("  the blocked recv returned %d with %s\n", b.result,
           b.error == WSAEINTR ? "WSAEINTR" : "another error");

    WSAStartup(MAKEWORD(2, 2), &data);
    printf("  after a new WSAStartup, closesocket(forgotten) gives %s\n",
           closesocket(forgotten) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK
               ? "WSAENOTSOCK"
               : "something else");
    verdict(graceful_id, seen, sizeof(seen));
    printf("  peer of the gracefully closed socket saw: %s\n", seen);
    verdict(forgotten_id, seen, sizeof(seen));
    printf("  peer of the forgotten socket saw:         %s\n", seen);
    verdict(blocked_id, seen, sizeof(seen));
    printf("  peer of the blocked socket saw:           %s\n", seen);
}

int main(int argc, char **argv)
{
    WSADATA data;
    SOCKET q;
    if (argc < 2) {
        fprintf(stderr, "usage: close_client <port>\n");
        return 2;
    }
    port = (unsigned short)atoi(argv[1]);
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 1;

    printf("closesocket and the linger options (peer: close_server on 127.0.0.1:%u)\n\n", port);
    printf("  %-46s %8s  %-30s %8s\n", "mode", "queued", "closesocket returned", "took");
    close_mode("l_onoff 0 (default), blocking", 0, 0, 0, READ_LATE);
    close_mode("l_onoff 0 (default), non-blocking", 0, 0, 1, READ_LATE);
    close_mode("l_onoff 1, l_linger 0: hard close", 1, 0, 0, READ_LATE);
    close_mode("l_onoff 1, l_linger 5, peer reads after 1.5s", 1, 5, 0, READ_LATE);
    close_mode("l_onoff 1, l_linger 1, peer stalls 4s", 1, 1, 0, READ_NEVER);
    close_mode("l_onoff 1, l_linger 5, non-blocking", 1, 5, 1, READ_LATE);

    cleanup_scene();

    q = connect_to(port);
    send_all(q, "Q", 1);
    closesocket(q);
    WSACleanup();
    return 0;
}
