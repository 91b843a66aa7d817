/*
 * The Winsock side of bench/echo_matrix: an echo server and an echo client
 * on I/O completion ports, written as Windows programs are written and
 * nothing else: worker threads in GetQueuedCompletionStatus, one overlapped
 * WSARecv or WSASend outstanding per connection, each completion issuing the
 * next operation.  No FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and no
 * GetQueuedCompletionStatusEx batching: the plain form is what ported
 * servers mostly are, so it is what we must be fast at.  Only Winsock and
 * Win32 calls appear here, so that the file also compiles with mingw-w64.
 *
 * What this side pays for, against the raw programs of the same shape
 * (echo_epoll.c, echo_uring.c): every send is an overlapped WSASend whose
 * completion comes back through the port before the next receive is issued
 * (the raw epoll program sends inline and goes on), and the library's engine
 * thread, where it has one, is ours to pay for too.
 *
 * Setup (not measured) uses plain blocking connect and accept; the sockets
 * are then associated with the context's completion port.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "echo.h"

#define WS_MAX_WORKERS 16

enum ws_op { WS_RECV, WS_SEND };

struct ws_conn {
    WSAOVERLAPPED ov; /* first, so that the OVERLAPPED leads back to the connection */
    SOCKET s;
    int client;
    enum ws_op op;
    WSABUF wb;
    DWORD size; /* the client's message size, or the server's buffer size */
    DWORD len;  /* server: bytes received, to echo; client: echo bytes received so far */
    DWORD off;  /* bytes of the message (client) or echo (server) sent so far */
    struct ws_ctx *ctx;
    char buf[]; /* size bytes */
};

struct ws_ctx {
    HANDLE port;
    SOCKET listener;
    int workers;
    struct ws_conn **conns;
    int nconns, cap;
    volatile LONG trips;
};

static void ws__fail(struct ws_conn *c, const char *what)
{
    /* A failed connection would silently lower the rate: say so, the harness sees the stall. */
    if (!echo_quiet)
        fprintf(stderr, "ws %s: %s failed: %d\n", c->client ? "client" : "server", what,
                WSAGetLastError());
    closesocket(c->s);
    c->s = INVALID_SOCKET;
}

static void ws__recv(struct ws_conn *c, char *at, DWORD len)
{
    DWORD flags = 0;
    memset(&c->ov, 0, sizeof(c->ov));
    c->op = WS_RECV;
    c->wb.buf = at;
    c->wb.len = len;
    if (WSARecv(c->s, &c->wb, 1, NULL, &flags, &c->ov, NULL) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        ws__fail(c, "WSARecv");
}

static void ws__send(struct ws_conn *c, char *at, DWORD len)
{
    memset(&c->ov, 0, sizeof(c->ov));
    c->op = WS_SEND;
    c->wb.buf = at;
    c->wb.len = len;
    if (WSASend(c->s, &c->wb, 1, NULL, 0, &c->ov, NULL) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        ws__fail(c, "WSASend");
}

/* The client's next message: the first byte changes, so that a stale echo would show. */
static void ws__client_send(struct ws_conn *c)
{
    c->buf[0]++;
    c->off = c->len = 0;
    ws__send(c, c->buf, c->size);
}

static void ws__complete(struct ws_conn *c, DWORD bytes)
{
    if (c->op == WS_RECV && bytes == 0) { /* the peer closed: the run is over for it */
        closesocket(c->s);
        c->s = INVALID_SOCKET;
        return;
    }
    if (c->client) {
        if (c->op == WS_SEND) {
            c->off += bytes;
            if (c->off < c->size)
                ws__send(c, c->buf + c->off, c->size - c->off);
            else
                ws__recv(c, c->buf, c->size);
            return;
        }
        c->len += bytes;
        if (c->len < c->size) {
            ws__recv(c, c->buf + c->len, c->size - c->len);
            return;
        }
        InterlockedIncrement(&c->ctx->trips);
        ws__client_send(c);
        return;
    }
    if (c->op == WS_RECV) {
        c->len = bytes;
        c->off = 0;
    } else {
        c->off += bytes;
    }
    if (c->off < c->len)
        ws__send(c, c->buf + c->off, c->len - c->off);
    else
        ws__recv(c, c->buf, c->size);
}

static DWORD WINAPI ws__worker(LPVOID arg)
{
    struct ws_ctx *ctx = arg;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(ctx->port, &bytes, &key, &ov, INFINITE);
        if (!ov)
            return 0; /* the port is gone */
        struct ws_conn *c = (struct ws_conn *)ov;
        if (!ok) {
            ws__fail(c, c->op == WS_RECV ? "overlapped WSARecv" : "overlapped WSASend");
            continue;
        }
        ws__complete(c, bytes);
    }
}

static void *ws_open(int workers, int sides)
{
    (void)sides;
    WSADATA data;
    if (workers < 1 || workers > WS_MAX_WORKERS || WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return NULL;
    struct ws_ctx *ctx = calloc(1, sizeof(*ctx));
    ctx->workers = workers;
    ctx->listener = INVALID_SOCKET;
    /* Concurrency 0: as many running threads as processors, what servers ask for. */
    ctx->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    if (!ctx->port) {
        free(ctx);
        return NULL;
    }
    return ctx;
}

static int ws_listen(void *arg, unsigned short *port)
{
    struct ws_ctx *ctx = arg;
    struct sockaddr_in a;
    int len = sizeof(a);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ctx->listener = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (ctx->listener == INVALID_SOCKET || bind(ctx->listener, (struct sockaddr *)&a, len) != 0 ||
        listen(ctx->listener, SOMAXCONN) != 0 ||
        getsockname(ctx->listener, (struct sockaddr *)&a, &len) != 0) {
        fprintf(stderr, "ws server: listen: %d\n", WSAGetLastError());
        return -1;
    }
    *port = ntohs(a.sin_port);
    return 0;
}

/* Keeps a new connection: TCP_NODELAY (small messages must not wait), and the port. */
static int ws__add(struct ws_ctx *ctx, SOCKET s, int client, DWORD size)
{
    BOOL one = TRUE;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof(one));
    /*
     * A run ends by killing its processes: an abortive close then leaves no
     * TIME_WAIT behind to slow the next runs' binds.  (Every program does it.)
     */
    struct linger abortive = {1, 0};
    setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&abortive, sizeof(abortive));
    struct ws_conn *c = calloc(1, sizeof(*c) + size);
    c->s = s;
    c->client = client;
    c->size = size;
    c->ctx = ctx;
    if (!CreateIoCompletionPort((HANDLE)s, ctx->port, 0, 0)) {
        fprintf(stderr, "ws: associating with the port: %lu\n", (unsigned long)GetLastError());
        closesocket(s);
        free(c);
        return -1;
    }
    if (ctx->nconns == ctx->cap) {
        ctx->cap = ctx->cap ? 2 * ctx->cap : 64;
        ctx->conns = realloc(ctx->conns, (size_t)ctx->cap * sizeof(*ctx->conns));
    }
    ctx->conns[ctx->nconns++] = c;
    return 0;
}

static int ws_accept(void *arg, int n)
{
    struct ws_ctx *ctx = arg;
    for (int i = 0; i < n; i++) {
        SOCKET s = accept(ctx->listener, NULL, NULL);
        if (s == INVALID_SOCKET) {
            fprintf(stderr, "ws server: accept: %d\n", WSAGetLastError());
            return -1;
        }
        if (ws__add(ctx, s, 0, ECHO_SERVER_BUFFER) != 0)
            return -1;
    }
    return 0;
}

static int ws_connect(void *arg, unsigned short port, int n, int bytes)
{
    struct ws_ctx *ctx = arg;
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    for (int i = 0; i < n; i++) {
        SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
        if (s == INVALID_SOCKET || connect(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
            fprintf(stderr, "ws client: connect: %d\n", WSAGetLastError());
            return -1;
        }
        if (ws__add(ctx, s, 1, (DWORD)bytes) != 0)
            return -1;
    }
    return 0;
}

static int ws_run(void *arg)
{
    struct ws_ctx *ctx = arg;
    for (int i = 0; i < ctx->workers; i++) {
        HANDLE t = CreateThread(NULL, 0, ws__worker, ctx, 0, NULL);
        if (!t)
            return -1;
        CloseHandle(t);
    }
    for (int i = 0; i < ctx->nconns; i++) {
        struct ws_conn *c = ctx->conns[i];
        if (c->client)
            ws__client_send(c);
        else
            ws__recv(c, c->buf, c->size);
    }
    return 0;
}

static long ws_trips(void *arg)
{
    struct ws_ctx *ctx = arg;
    return InterlockedCompareExchange(&ctx->trips, 0, 0);
}

const struct echo_ops echo_ws_ops = {"winsock",  ws_open, ws_listen, ws_accept,
                                     ws_connect, ws_run,  ws_trips};

/*
 * Memory: n connections accepted from another process, each associated with
 * a completion port and given one pending overlapped WSARecv into a 64-byte
 * buffer of its own.  The application's per-connection state (OVERLAPPED,
 * socket, WSABUF, buffer: 120 bytes) is allocated and touched before the
 * first measurement, as the raw program does with its own state of the same
 * size, so that the growth is what the library and the sockets cost.
 */
struct ws_mem_conn {
    WSAOVERLAPPED ov;
    SOCKET s;
    WSABUF wb;
    char buf[64];
};

long echo_ws_memory(int port_fd, int n)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return -1;
    struct ws_ctx *ctx = ws_open(1, ECHO_SERVER);
    unsigned short port;
    if (!ctx || ws_listen(ctx, &port) != 0)
        return -1;
    struct ws_mem_conn *conns = calloc((size_t)n + 1, sizeof(*conns));
    memset(conns, 1, ((size_t)n + 1) * sizeof(*conns));
    /*
     * One connection first, outside the measurement: it starts what the
     * library starts once (its engine thread, its descriptor tables), as
     * the raw program's first connection does nothing comparable.
     */
    echo_tell_port(port_fd, port);
    long before = 0;
    for (int i = 0; i <= n; i++) {
        struct ws_mem_conn *c = &conns[i];
        c->s = accept(ctx->listener, NULL, NULL);
        if (c->s == INVALID_SOCKET || !CreateIoCompletionPort((HANDLE)c->s, ctx->port, 0, 0))
            return -1;
        DWORD flags = 0;
        memset(&c->ov, 0, sizeof(c->ov));
        c->wb.buf = c->buf;
        c->wb.len = sizeof(c->buf);
        if (WSARecv(c->s, &c->wb, 1, NULL, &flags, &c->ov, NULL) == 0 ||
            WSAGetLastError() != WSA_IO_PENDING)
            return -1;
        if (i == 0) {
            Sleep(100);
            before = echo_rss_bytes();
        }
    }
    Sleep(100); /* let the engine thread register the last ones */
    return echo_rss_bytes() - before;
}
