/*
 * An I/O completion port echo server, the way Windows servers are written:
 * worker threads in GetQueuedCompletionStatus, one overlapped WSARecv per
 * connection, each completed receive echoed back with an overlapped WSASend.
 * On shutdown it closes its sockets with receives still pending and counts
 * the completions that come back with ERROR_OPERATION_ABORTED.
 *
 * Usage: iocp_echo_server <port-file> <connections-to-serve>
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORKERS 2
#define BUFFER  16384

enum op_kind { OP_RECV, OP_SEND };

struct connection {
    WSAOVERLAPPED ov; /* first, so that the OVERLAPPED leads back to the connection */
    SOCKET s;
    enum op_kind kind;
    WSABUF buf;
    char data[BUFFER];
};

static HANDLE port;
static volatile LONG echoed_bytes, aborted, finished;

static int post_recv(struct connection *c)
{
    DWORD flags = 0;
    memset(&c->ov, 0, sizeof(c->ov));
    c->kind = OP_RECV;
    c->buf.buf = c->data;
    c->buf.len = BUFFER;
    if (WSARecv(c->s, &c->buf, 1, NULL, &flags, &c->ov, NULL) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        return -1;
    return 0;
}

static DWORD WINAPI worker(LPVOID unused)
{
    (void)unused;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
        struct connection *c = (struct connection *)ov;
        if (!c) /* the port was closed, or a wake-up to stop */
            return 0;
        if (!ok) {
            if (GetLastError() == ERROR_OPERATION_ABORTED)
                InterlockedIncrement(&aborted);
            InterlockedIncrement(&finished);
            continue;
        }
        if (c->kind == OP_RECV) {
            if (bytes == 0) { /* the client closed its side */
                closesocket(c->s);
                InterlockedIncrement(&finished);
                continue;
            }
            c->kind = OP_SEND;
            c->buf.len = bytes;
            memset(&c->ov, 0, sizeof(c->ov));
            if (WSASend(c->s, &c->buf, 1, NULL, 0, &c->ov, NULL) == SOCKET_ERROR &&
                WSAGetLastError() != WSA_IO_PENDING)
                InterlockedIncrement(&finished);
        } else {
            InterlockedExchangeAdd(&echoed_bytes, (LONG)bytes);
            if (post_recv(c) != 0)
                InterlockedIncrement(&finished);
        }
    }
}

int main(int argc, char **argv)
{
    WSADATA data;
    struct sockaddr_in a;
    int len = sizeof(a), serve, i;
    SOCKET l;
    HANDLE workers[WORKERS];
    struct connection **conns;

    setvbuf(stdout, NULL, _IONBF, 0); /* the demo interleaves two programs' lines */
    if (argc < 3 || WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 2;
    serve = atoi(argv[2]);
    conns = calloc((size_t)serve, sizeof(*conns));
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    for (i = 0; i < WORKERS; i++)
        workers[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);

    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (struct sockaddr *)&a, sizeof(a));
    listen(l, SOMAXCONN);
    getsockname(l, (struct sockaddr *)&a, &len);
    {
        FILE *f = fopen(argv[1], "w");
        fprintf(f, "%u\n", (unsigned)ntohs(a.sin_port));
        fclose(f);
    }

    for (i = 0; i < serve; i++) {
        struct connection *c = calloc(1, sizeof(*c));
        c->s = accept(l, NULL, NULL);
        if (c->s == INVALID_SOCKET)
            break;
        CreateIoCompletionPort((HANDLE)c->s, port, (ULONG_PTR)i, 0);
        conns[i] = c;
        post_recv(c);
    }
    closesocket(l);
    printf("server: %d connections served, %ld bytes echoed so far\n", i, (long)echoed_bytes);

    /* Wait until the clients are done and idle: every connection has a receive pending. */
    for (;;) {
        LONG before = InterlockedCompareExchange(&echoed_bytes, 0, 0);
        Sleep(300);
        if (InterlockedCompareExchange(&echoed_bytes, 0, 0) == before)
            break;
    }
    printf("server: closing %d sockets with a receive pending on each...\n", serve);
    for (i = 0; i < serve; i++)
        if (conns[i])
            closesocket(conns[i]->s);
    while (InterlockedCompareExchange(&finished, 0, 0) < serve)
        Sleep(10);
    printf("server: %ld receives completed with ERROR_OPERATION_ABORTED (closesocket performs the "
           "completion action)\n",
           (long)aborted);
    printf("server: %ld bytes echoed in all\n", (long)echoed_bytes);
    CloseHandle(port); /* the workers' waits end with ERROR_ABANDONED_WAIT_0 */
    WaitForMultipleObjects(WORKERS, workers, TRUE, INFINITE);
    for (i = 0; i < serve; i++)
        free(conns[i]);
    free(conns);
    WSACleanup();
    return 0;
}
