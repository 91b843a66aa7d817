/*
 * The Winsock side of bench/echo_matrix's connection churn: a client that
 * connects and closes as fast as it can and a server that accepts, reads
 * until the client's end and closes, in one process.  Only Winsock and Win32
 * calls appear here (the file also compiles with mingw-w64).
 *
 * CHURN_EX is how a Windows server and client do it at scale: one completion
 * port and one worker thread; CHURN_IN_FLIGHT AcceptEx calls pending on the
 * listener, each completion updating the accept context, associating the
 * socket and posting a one-byte WSARecv that completes at the client's end;
 * CHURN_IN_FLIGHT ConnectEx calls in flight, each on a new socket bound to
 * port 0 first, as ConnectEx requires.  That bind is what Windows asks and
 * the raw program (churn_raw.c) does not do: a Linux client connects
 * without binding and lets the kernel pick a port that makes the four-tuple
 * unique, which a port picked at bind time cannot do when many connections
 * sit in TIME_WAIT.  The library may defer the port choice to the connect
 * (IP_BIND_ADDRESS_NO_PORT); until it does, this cell shows the cost.
 *
 * CHURN_BLOCKING is the simple program: a client thread looping socket,
 * connect, closesocket, and a server thread looping accept, recv until the
 * end, closesocket.
 *
 * The client closes first, so TIME_WAIT lands on the client's ports, as it
 * does for a real client.  With abortive closes (SO_LINGER {1,0}) there is
 * no TIME_WAIT at all.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include "echo.h"

enum ch_kind { CH_ACCEPT, CH_CONNECT, CH_READ };

struct ch_op {
    WSAOVERLAPPED ov; /* first, so that the OVERLAPPED leads back to the operation */
    enum ch_kind kind;
    SOCKET s;
    WSABUF wb;
    char byte;
    char addrs[2 * (sizeof(struct sockaddr_in6) + 16)];
};

struct ch_ctx {
    enum churn_kind kind;
    int abortive;
    HANDLE port;
    SOCKET listener;
    struct sockaddr_in to;
    LPFN_ACCEPTEX acceptex;
    LPFN_CONNECTEX connectex;
    struct ch_op accepts[CHURN_IN_FLIGHT], connects[CHURN_IN_FLIGHT];
    volatile LONG done, failed;
    volatile LONG served; /* connections the server side accepted and saw the end of */
    volatile LONG stop;   /* never set: a run ends with its process */
};

/* Closes s gracefully, or with a reset when the cell is abortive. */
static void ch__close(struct ch_ctx *ctx, SOCKET s)
{
    if (ctx->abortive) {
        struct linger l = {1, 0};
        setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l));
    }
    closesocket(s);
}

static SOCKET ch__socket(void)
{
    return WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
}

static void ch__accept(struct ch_ctx *ctx, struct ch_op *op)
{
    DWORD got = 0;
    memset(&op->ov, 0, sizeof(op->ov));
    op->kind = CH_ACCEPT;
    op->s = ch__socket();
    if (op->s == INVALID_SOCKET ||
        (!ctx->acceptex(ctx->listener, op->s, op->addrs, 0, sizeof(struct sockaddr_in6) + 16,
                        sizeof(struct sockaddr_in6) + 16, &got, &op->ov) &&
         WSAGetLastError() != ERROR_IO_PENDING)) {
        fprintf(stderr, "ws churn: AcceptEx: %d\n", WSAGetLastError());
        InterlockedIncrement(&ctx->failed);
    }
}

/* A new connection: a socket bound to port 0 (ConnectEx needs it), on the port, connecting. */
static void ch__connect(struct ch_ctx *ctx, struct ch_op *op)
{
    for (;;) {
        struct sockaddr_in any;
        memset(&any, 0, sizeof(any));
        any.sin_family = AF_INET;
        memset(&op->ov, 0, sizeof(op->ov));
        op->kind = CH_CONNECT;
        op->s = ch__socket();
        if (op->s != INVALID_SOCKET && bind(op->s, (struct sockaddr *)&any, sizeof(any)) == 0 &&
            CreateIoCompletionPort((HANDLE)op->s, ctx->port, 0, 0) &&
            (ctx->connectex(op->s, (struct sockaddr *)&ctx->to, sizeof(ctx->to), NULL, 0, NULL,
                            &op->ov) ||
             WSAGetLastError() == ERROR_IO_PENDING))
            return;
        /* Counted, and tried again: a bind that finds no port is what the cell is to show. */
        InterlockedIncrement(&ctx->failed);
        if (op->s != INVALID_SOCKET)
            closesocket(op->s);
        Sleep(1);
    }
}

static void ch__completed(struct ch_ctx *ctx, struct ch_op *op, BOOL ok)
{
    switch (op->kind) {
    case CH_ACCEPT: {
        SOCKET s = op->s;
        ch__accept(ctx, op);
        struct ch_op *rd = calloc(1, sizeof(*rd));
        rd->kind = CH_READ;
        rd->s = s;
        rd->wb.buf = &rd->byte;
        rd->wb.len = 1;
        DWORD flags = 0;
        if (!ok ||
            setsockopt(s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (const char *)&ctx->listener,
                       sizeof(ctx->listener)) != 0 ||
            !CreateIoCompletionPort((HANDLE)s, ctx->port, 0, 0) ||
            (WSARecv(s, &rd->wb, 1, NULL, &flags, &rd->ov, NULL) != 0 &&
             WSAGetLastError() != WSA_IO_PENDING)) {
            /*
             * Not a failure: a client's reset can reach a connection before
             * its AcceptEx completes, or before the receive, which then
             * fails at once (WSAECONNRESET, no packet).  The server has
             * seen its end either way.
             */
            closesocket(s);
            free(rd);
            InterlockedIncrement(&ctx->served);
        }
        return;
    }
    case CH_READ: /* the client's end (a FIN, or a reset): the server closes too */
        ch__close(ctx, op->s);
        free(op);
        InterlockedIncrement(&ctx->served);
        return;
    case CH_CONNECT:
        if (ok && setsockopt(op->s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0) == 0)
            InterlockedIncrement(&ctx->done);
        else
            InterlockedIncrement(&ctx->failed);
        ch__close(ctx, op->s);
        ch__connect(ctx, op);
        return;
    }
}

static DWORD WINAPI ch__worker(LPVOID arg)
{
    struct ch_ctx *ctx = arg;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(ctx->port, &bytes, &key, &ov, INFINITE);
        if (!ov)
            return 0;
        ch__completed(ctx, (struct ch_op *)ov, ok);
    }
}

static DWORD WINAPI ch__blocking_server(LPVOID arg)
{
    struct ch_ctx *ctx = arg;
    while (!ctx->stop) {
        SOCKET s = accept(ctx->listener, NULL, NULL);
        if (s == INVALID_SOCKET) {
            InterlockedIncrement(&ctx->failed);
            continue;
        }
        char byte;
        while (recv(s, &byte, 1, 0) > 0)
            ;
        ch__close(ctx, s);
        InterlockedIncrement(&ctx->served);
    }
    return 0;
}

static DWORD WINAPI ch__blocking_client(LPVOID arg)
{
    struct ch_ctx *ctx = arg;
    while (!ctx->stop) {
        SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (s != INVALID_SOCKET && connect(s, (struct sockaddr *)&ctx->to, sizeof(ctx->to)) == 0)
            InterlockedIncrement(&ctx->done);
        else
            InterlockedIncrement(&ctx->failed);
        if (s != INVALID_SOCKET)
            ch__close(ctx, s);
    }
    return 0;
}

static int ch__extensions(struct ch_ctx *ctx)
{
    GUID acceptex = WSAID_ACCEPTEX, connectex = WSAID_CONNECTEX;
    DWORD got = 0;
    return WSAIoctl(ctx->listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof(acceptex),
                    &ctx->acceptex, sizeof(ctx->acceptex), &got, NULL, NULL) == 0 &&
                   WSAIoctl(ctx->listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &connectex,
                            sizeof(connectex), &ctx->connectex, sizeof(ctx->connectex), &got, NULL,
                            NULL) == 0
               ? 0
               : -1;
}

static void *ch_start(enum churn_kind kind, int abortive)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return NULL;
    struct ch_ctx *ctx = calloc(1, sizeof(*ctx));
    ctx->kind = kind;
    ctx->abortive = abortive;
    int len = sizeof(ctx->to);
    ctx->to.sin_family = AF_INET;
    ctx->to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ctx->listener = ch__socket();
    if (ctx->listener == INVALID_SOCKET ||
        bind(ctx->listener, (struct sockaddr *)&ctx->to, sizeof(ctx->to)) != 0 ||
        listen(ctx->listener, SOMAXCONN) != 0 ||
        getsockname(ctx->listener, (struct sockaddr *)&ctx->to, &len) != 0) {
        fprintf(stderr, "ws churn: listen: %d\n", WSAGetLastError());
        return NULL;
    }
    if (kind == CHURN_BLOCKING) {
        HANDLE a = CreateThread(NULL, 0, ch__blocking_server, ctx, 0, NULL),
               b = CreateThread(NULL, 0, ch__blocking_client, ctx, 0, NULL);
        if (!a || !b)
            return NULL;
        CloseHandle(a);
        CloseHandle(b);
        return ctx;
    }
    ctx->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    if (!ctx->port || ch__extensions(ctx) != 0 ||
        !CreateIoCompletionPort((HANDLE)ctx->listener, ctx->port, 0, 0)) {
        fprintf(stderr, "ws churn: setup: %d\n", WSAGetLastError());
        return NULL;
    }
    HANDLE t = CreateThread(NULL, 0, ch__worker, ctx, 0, NULL);
    if (!t)
        return NULL;
    CloseHandle(t);
    for (int i = 0; i < CHURN_IN_FLIGHT; i++)
        ch__accept(ctx, &ctx->accepts[i]);
    for (int i = 0; i < CHURN_IN_FLIGHT; i++)
        ch__connect(ctx, &ctx->connects[i]);
    return ctx;
}

static long ch_done(void *arg, long *failed)
{
    struct ch_ctx *ctx = arg;
    *failed = InterlockedCompareExchange(&ctx->failed, 0, 0);
    LONG done = InterlockedCompareExchange(&ctx->done, 0, 0);
    LONG served = InterlockedCompareExchange(&ctx->served, 0, 0);
    return done < served ? done : served;
}

const struct churn_ops churn_ws_ops = {"winsock", ch_start, ch_done};
