/*
 * Scenarios with both ends ours: AcceptEx (several pending on one listener,
 * with and without first data) against connect/ConnectEx clients, the
 * client's pattern checked byte by byte at the accepted end, then one of the
 * ways a connection's pending receive ends: the peer's shutdown, CancelIoEx
 * (this thread or another), CancelIo, closesocket from another thread, a
 * blocking recv interrupted by that close, DisconnectEx(TF_REUSE_SOCKET) and
 * reuse of the socket in AcceptEx, a duplicate closed under its receive.
 */
#include "stress_win.h"

#include <stdlib.h>
#include <string.h>

struct client {
    SOCKET c, srv;
    uint64_t key;
    DWORD len, got;
    unsigned short port;
};

static int pair__verify(struct client *cl, const char *buf, DWORD n)
{
    for (DWORD i = 0; i < n; i++)
        if ((unsigned char)buf[i] != stress_byte(cl->key, cl->got + i)) {
            stress_violation("pair stream: byte %lu differs", (unsigned long)(cl->got + i));
            return 0;
        }
    cl->got += n;
    return 1;
}

/* Connects a client and sends its whole pattern (blocking send after any ConnectEx data). */
static int pair__client(struct worker *w, struct client *cl)
{
    cl->c = stress_socket();
    cl->key = rng_next(&w->rng);
    cl->len = 1 + rng_below(&w->rng, 65536);
    char *data = malloc(cl->len);
    for (DWORD i = 0; i < cl->len; i++)
        data[i] = (char)stress_byte(cl->key, i);
    DWORD off = 0;
    int ok = stress_connect(w, cl->c, 0, &w->listen_addr, data, cl->len, &off);
    while (ok && off < cl->len) {
        int n = send(cl->c, data + off, (int)(cl->len - off), 0);
        if (n <= 0) {
            stress_violation("client send: %d", WSAGetLastError());
            ok = 0;
        } else {
            off += (DWORD)n;
        }
    }
    struct sockaddr_in a;
    int alen = sizeof(a);
    getsockname(cl->c, (struct sockaddr *)&a, &alen);
    cl->port = ntohs(a.sin_port);
    free(data);
    return ok;
}

/* The end of a connection whose client sent everything and the server read it. */
static void pair__end(struct worker *w, struct client *cl)
{
    SOCKET srv = cl->srv;
    /*
     * Associating the accept socket after its AcceptEx completed: an AcceptEx
     * with first data posted to this port once its listener had none.
     */
    int assoc = rng_below(&w->rng, 3) == 0 && stress_assoc(srv);
    int mode = op_pick_mode(&w->rng, assoc);
    struct close_req req = {.s = srv, .action = CL_CLOSE};
    struct op *o;
    static const char *const names[8] = {
        "pair/shutdown",    "pair/CancelIoEx", "pair/CancelIoEx-other",   "pair/CancelIo",
        "pair/close-other", "pair/blocking",   "pair/DisconnectEx-reuse", "pair/dup"};
    unsigned how = rng_below(&w->rng, 8);
    stress_scen = names[how];
    switch (how) {
    case 0: /* the peer's graceful end completes the receive with 0 bytes */
        if (shutdown(cl->c, SD_SEND) != 0)
            stress_violation("shutdown: %d", WSAGetLastError());
        STAT_ADD(ST_SHUTDOWN, 1);
        o = stress_recv(w, srv, mode, 100);
        if (stress_wait_ok(o, "WSARecv at the peer's end") && o->ov.InternalHigh != 0)
            stress_violation("WSARecv after the peer's shutdown: %lu bytes",
                             (unsigned long)o->ov.InternalHigh);
        break;
    case 1: /* CancelIoEx on this thread */
        o = stress_recv(w, srv, mode, 100);
        if (!CancelIoEx((HANDLE)srv, &o->ov))
            stress_violation("CancelIoEx: %lu", (unsigned long)GetLastError());
        STAT_ADD(ST_CANCELIOEX, 1);
        stress_wait_aborted(o, "WSARecv after CancelIoEx");
        break;
    case 2: /* CancelIoEx from another thread */
        o = stress_recv(w, srv, mode, 100);
        req.action = CL_CANCELIOEX_OP;
        req.op = o;
        req.delay_ms = rng_below(&w->rng, 3);
        closer_request(&req);
        stress_wait_aborted(o, "WSARecv after CancelIoEx from another thread");
        closer_wait(&req);
        break;
    case 3: /* CancelIo cancels this thread's operations on the handle */
        o = stress_recv(w, srv, mode, 100);
        if (!CancelIo((HANDLE)srv))
            stress_violation("CancelIo: %lu", (unsigned long)GetLastError());
        STAT_ADD(ST_CANCELIO, 1);
        stress_wait_aborted(o, "WSARecv after CancelIo");
        break;
    case 4: /* closesocket from another thread under a pending receive */
        o = stress_recv(w, srv, mode, 100);
        req.delay_ms = rng_below(&w->rng, 3);
        closer_request(&req);
        stress_wait_aborted(o, "WSARecv under closesocket from another thread");
        closer_wait(&req);
        if (S.on[SW_KERNEL]) {
            /* A completed operation's result needs no live handle (GetOverlappedResult). */
            DWORD n = 0;
            if (GetOverlappedResult((HANDLE)srv, &o->ov, &n, FALSE) ||
                GetLastError() != ERROR_OPERATION_ABORTED)
                stress_violation("GetOverlappedResult after closesocket: error %lu, not 995",
                                 (unsigned long)GetLastError());
        }
        stress_stale(srv);
        srv = INVALID_SOCKET;
        break;
    case 5: { /* a blocking recv that another thread's closesocket interrupts */
        req.delay_ms = 5 + rng_below(&w->rng, 20);
        closer_request(&req);
        char b;
        int r = recv(srv, &b, 1, 0);
        int err = WSAGetLastError();
        if (r == SOCKET_ERROR && err == WSAEINTR)
            STAT_ADD(ST_BLOCK_INTERRUPTED, 1);
        else if (!(r == SOCKET_ERROR && err == WSAENOTSOCK)) /* closed before recv began */
            stress_violation("blocking recv under closesocket: %d, error %d", r, err);
        closer_wait(&req);
        srv = INVALID_SOCKET;
        break;
    }
    case 6: { /* DisconnectEx(TF_REUSE_SOCKET), then the socket accepts again */
        struct op *pr = S.on[SW_ACCEPTEX] ? stress_recv(w, srv, mode, 100) : NULL;
        o = op_new(&w->rng, K_DISCONNECT, assoc ? M_PORT : M_EVENT, 0); /* no routine */
        BOOL ok = S.disconnectex(srv, &o->ov, TF_REUSE_SOCKET, 0);
        op_issued(o, ok, ok ? 0 : WSAGetLastError());
        STAT_ADD(ST_DISCONNECTEX, 1);
        int done = stress_wait_ok(o, "DisconnectEx(TF_REUSE_SOCKET)");
        if (pr)
            stress_wait_aborted(pr, "WSARecv under DisconnectEx(TF_REUSE_SOCKET)");
        stress_close(cl->c);
        cl->c = INVALID_SOCKET;
        if (!done || !stress_listener(w))
            break;
        struct op *a = stress_acceptex(w, srv, 0);
        struct client again = {0};
        if (pair__client(w, &again) && stress_wait_ok(a, "AcceptEx on a reused socket"))
            STAT_ADD(ST_REUSED, 1);
        stress_close(again.c);
        break;
    }
    default: /* a duplicate: its receive ends when the duplicate is closed */
        if (assoc && !S.on[SW_ACCEPTEX])
            break;
        srv = stress_dup(srv);
        o = stress_recv(w, srv, mode, 100);
        stress_close(srv);
        stress_wait_aborted(o, "WSARecv on a closed duplicate");
        srv = INVALID_SOCKET;
        break;
    }
    if (srv != INVALID_SOCKET)
        stress_close(srv);
    if (cl->c != INVALID_SOCKET)
        stress_close(cl->c);
}

void scen_pair(struct worker *w)
{
    if (!stress_listener(w))
        return;
    /* Several AcceptEx with first data on one listener lose all but one (acceptex_queue_loss.c). */
    int n = S.on[SW_ACCEPTEX] ? 1 + (int)rng_below(&w->rng, 4) : 1;
    /* An AcceptEx moved to its accept socket for first data breaks the listener's queue. */
    DWORD rcvlen = !S.on[SW_ACCEPTEX] || rng_below(&w->rng, 2) ? 0 : 1 + rng_below(&w->rng, 512);
    DWORD alen = sizeof(struct sockaddr_in) + 16;
    struct client cl[4];
    SOCKET acc[4];
    struct op *aop[4];
    memset(cl, 0, sizeof(cl));
    for (int i = 0; i < n; i++) {
        acc[i] = stress_socket();
        aop[i] = stress_acceptex(w, acc[i], rcvlen);
    }
    int ok = 1;
    for (int i = 0; i < n; i++)
        ok &= pair__client(w, &cl[i]);
    for (int i = 0; i < n; i++) {
        cl[i].srv = INVALID_SOCKET;
        ok &= stress_wait_ok(aop[i], "AcceptEx");
    }
    for (int i = 0; ok && i < n; i++) {
        struct sockaddr *local, *remote;
        int llen, rlen;
        S.sockaddrs(aop[i]->buf, rcvlen, alen, alen, &local, &llen, &remote, &rlen);
        /* The address sits after the first data, at any alignment: copy it out. */
        struct sockaddr_in ra;
        memcpy(&ra, remote, sizeof(ra));
        unsigned short rport = ntohs(ra.sin_port);
        struct client *c = NULL;
        for (int j = 0; j < n; j++)
            if (cl[j].port == rport && cl[j].srv == INVALID_SOCKET)
                c = &cl[j];
        if (!c) {
            stress_violation("AcceptEx: remote port %u is none of our clients", rport);
            ok = 0;
            break;
        }
        c->srv = acc[i];
        acc[i] = INVALID_SOCKET;
        DWORD got = (DWORD)aop[i]->ov.InternalHigh;
        if (rcvlen && (got == 0 || got > rcvlen))
            stress_violation("AcceptEx with data: %lu bytes", (unsigned long)got);
        pair__verify(c, aop[i]->buf, got);
        SOCKET l = w->listener;
        if (setsockopt(c->srv, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (const char *)&l, sizeof(l)))
            stress_violation("SO_UPDATE_ACCEPT_CONTEXT: %d", WSAGetLastError());
    }
    for (int i = 0; ok && i < n; i++) {
        struct client *c = &cl[i];
        while (c->got < c->len) {
            struct op *o =
                stress_recv(w, c->srv, op_pick_mode(&w->rng, 0), 1 + rng_below(&w->rng, 65536));
            if (!stress_wait_ok(o, "WSARecv"))
                break;
            if (o->ov.InternalHigh == 0) {
                stress_violation("pair stream ended after %lu of %lu", (unsigned long)c->got,
                                 (unsigned long)c->len);
                break;
            }
            if (!pair__verify(c, o->buf, (DWORD)o->ov.InternalHigh))
                break;
        }
        STAT_ADD(ST_LOCAL_BYTES, c->got);
        STAT_ADD(ST_PAIRS, 1);
        pair__end(w, c);
        c->srv = c->c = INVALID_SOCKET;
    }
    for (int i = 0; i < n; i++) {
        if (cl[i].srv != INVALID_SOCKET)
            stress_close(cl[i].srv);
        if (cl[i].c != INVALID_SOCKET)
            stress_close(cl[i].c);
        if (acc[i] != INVALID_SOCKET)
            stress_close(acc[i]);
    }
}

/* An AcceptEx that ends without a connection: its listener closed, its socket closed, cancelled. */
void scen_accept_abort(struct worker *w)
{
    if (!stress_listener(w))
        return;
    /* The first-data variants are acceptex_listener_close.c and acceptex_close_acceptor.c. */
    int data = S.on[SW_ACCEPTEX] && rng_below(&w->rng, 2);
    unsigned how = rng_below(&w->rng, S.on[SW_ACCEPTEX] ? 3 : 2);
    static const char *const names[3] = {"accept/close-listener", "accept/CancelIoEx",
                                         "accept/close-acceptor"};
    stress_scen = names[how];
    SOCKET acc = stress_socket();
    struct op *o = stress_acceptex(w, acc, data ? 64 : 0);
    struct client cl = {0};
    cl.c = INVALID_SOCKET;
    if (data) {
        /* A connection that sends nothing: the AcceptEx waits for its first data. */
        cl.c = stress_socket();
        if (connect(cl.c, (struct sockaddr *)&w->listen_addr, sizeof(w->listen_addr)) != 0)
            stress_violation("connect: %d", WSAGetLastError());
        Sleep(1);
    }
    if (how == 0) {
        stress_close(w->listener);
        w->listener = INVALID_SOCKET;
        stress_wait_aborted(o, "AcceptEx after closesocket(listener)");
    } else if (how == 1) {
        if (!CancelIoEx((HANDLE)w->listener, &o->ov))
            stress_violation("CancelIoEx(listener): %lu", (unsigned long)GetLastError());
        STAT_ADD(ST_CANCELIOEX, 1);
        stress_wait_aborted(o, "AcceptEx after CancelIoEx(listener)");
    } else {
        stress_close(acc);
        acc = INVALID_SOCKET;
        stress_wait_aborted(o, "AcceptEx after closesocket(accept socket)");
    }
    if (acc != INVALID_SOCKET)
        stress_close(acc);
    if (cl.c != INVALID_SOCKET)
        stress_close(cl.c);
    /* The silent connection may still sit in the listener's queue: no later AcceptEx gets it. */
    if (data && w->listener != INVALID_SOCKET) {
        stress_close(w->listener);
        w->listener = INVALID_SOCKET;
    }
}
