/*
 * A client built on completion routines: each connection sends a message
 * with an overlapped WSASend and reads the echo with an overlapped WSARecv;
 * the routines run in SleepEx(..., TRUE), on this thread, and chain the
 * next operation.  Then it stays connected and idle until the server shuts
 * down, and reports what its pending receives saw.
 *
 * Usage: routine_echo_client <port> <connections> <round-trips>
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MESSAGE 64

struct client {
    WSAOVERLAPPED ov;
    SOCKET s;
    WSABUF buf;
    char data[MESSAGE];
    int rounds_left;
    int got; /* bytes of the current echo received */
    int done;
};

static int rounds_done, clients_done, closed_by_server;

static void CALLBACK on_recv(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags);

static void CALLBACK on_send(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    struct client *c = (struct client *)ov;
    DWORD f = 0;
    (void)bytes, (void)flags;
    if (error) {
        c->done = 1;
        return;
    }
    c->got = 0;
    c->buf.buf = c->data;
    c->buf.len = MESSAGE;
    memset(&c->ov, 0, sizeof(c->ov));
    if (WSARecv(c->s, &c->buf, 1, NULL, &f, &c->ov, on_recv) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        c->done = 1;
}

static void send_message(struct client *c)
{
    memset(c->data, 'a' + c->rounds_left % 26, MESSAGE);
    c->buf.buf = c->data;
    c->buf.len = MESSAGE;
    memset(&c->ov, 0, sizeof(c->ov));
    if (WSASend(c->s, &c->buf, 1, NULL, 0, &c->ov, on_send) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        c->done = 1;
}

static void CALLBACK on_recv(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    struct client *c = (struct client *)ov;
    DWORD f = 0;
    (void)flags;
    if (error || bytes == 0) {
        if (error == WSAECONNRESET || bytes == 0)
            closed_by_server++;
        c->done = 1;
        clients_done++;
        return;
    }
    c->got += (int)bytes;
    if (c->got < MESSAGE) { /* the rest of the echo */
        c->buf.buf = c->data + c->got;
        c->buf.len = (ULONG)(MESSAGE - c->got);
        memset(&c->ov, 0, sizeof(c->ov));
        WSARecv(c->s, &c->buf, 1, NULL, &f, &c->ov, on_recv);
        return;
    }
    rounds_done++;
    if (--c->rounds_left > 0) {
        send_message(c);
        return;
    }
    /* Stay connected with a receive pending, until the server goes away. */
    c->buf.buf = c->data;
    c->buf.len = MESSAGE;
    memset(&c->ov, 0, sizeof(c->ov));
    WSARecv(c->s, &c->buf, 1, NULL, &f, &c->ov, on_recv);
}

int main(int argc, char **argv)
{
    WSADATA data;
    struct sockaddr_in a;
    int n, rounds, i;
    struct client *clients;
    ULONGLONG t0;

    setvbuf(stdout, NULL, _IONBF, 0); /* the demo interleaves two programs' lines */
    if (argc < 4 || WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 2;
    n = atoi(argv[2]);
    rounds = atoi(argv[3]);
    clients = calloc((size_t)n, sizeof(*clients));
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((u_short)atoi(argv[1]));
    for (i = 0; i < n; i++) {
        clients[i].s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
        if (connect(clients[i].s, (struct sockaddr *)&a, sizeof(a)) != 0) {
            printf("client: connect failed: %d\n", WSAGetLastError());
            return 1;
        }
        clients[i].rounds_left = rounds;
    }
    t0 = GetTickCount64();
    for (i = 0; i < n; i++)
        send_message(&clients[i]);
    /* Completion routines run only in alertable waits, on this thread. */
    while (rounds_done < n * rounds && GetTickCount64() - t0 < 30000)
        SleepEx(1000, TRUE);
    printf("client: %d round trips of %d bytes on %d connections in %u ms (completion routines)\n",
           rounds_done, MESSAGE, n, (unsigned)(GetTickCount64() - t0));
    while (clients_done < n && GetTickCount64() - t0 < 30000)
        SleepEx(1000, TRUE);
    printf("client: the server's shutdown ended all %d pending receives (%d saw the connection "
           "end)\n",
           clients_done, closed_by_server);
    for (i = 0; i < n; i++)
        closesocket(clients[i].s);
    free(clients);
    WSACleanup();
    return 0;
}
