/*
 * The stress test's scenarios: each worker thread runs them in a random
 * order until its cycle's end game.  A scenario checks what it can see at
 * once (statuses, bytes, errors) and leaves the rest to the cycle's checks
 * (notifications, the raw peer's verdict on every stream).
 */
#include "stress_win.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

SOCKET stress_socket(void)
{
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (s == INVALID_SOCKET)
        stress_violation("WSASocket: %d", WSAGetLastError());
    return s;
}

int stress_assoc(SOCKET s)
{
    if (CreateIoCompletionPort((HANDLE)s, S.port, 1, 0) != S.port) {
        stress_violation("CreateIoCompletionPort(socket): %lu", (unsigned long)GetLastError());
        return 0;
    }
    return 1;
}

void stress_close(SOCKET s)
{
    if (closesocket(s) != 0)
        stress_violation("closesocket: %d", WSAGetLastError());
}

/* A closed handle must be refused (a generation in the handle, README "Descriptor reuse"). */
void stress_stale(SOCKET s)
{
    if (!S.on[SW_KERNEL])
        return; /* before the wider generation, a value may recur within one run */
    char c = 0;
    if (send(s, &c, 1, 0) != SOCKET_ERROR || WSAGetLastError() != WSAENOTSOCK)
        stress_violation("send on a closed handle: not WSAENOTSOCK (%d)", WSAGetLastError());
    else
        STAT_ADD(ST_STALE_REFUSED, 1);
}

struct sockaddr_in stress_loopback(unsigned short port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    return a;
}

/* Overlapped WSASend of data[0..len) in 1-4 buffers (or past IOV_MAX now and then). */
struct op *stress_send(struct worker *w, SOCKET s, int mode, const char *data, DWORD len)
{
    struct op *o = op_new(&w->rng, K_SEND, mode, len);
    memcpy(o->buf, data, len);
    WSABUF *bufs = o->wsabuf;
    DWORD n = 1 + rng_below(&w->rng, 4);
    if (S.on[SW_TRANSFER] && len >= 1100 && rng_below(&w->rng, 16) == 0)
        n = 1025 + rng_below(&w->rng, 75);
    if (n > len)
        n = len ? len : 1;
    if (n > 4) {
        bufs = o->many = calloc(n, sizeof(WSABUF));
        STAT_ADD(ST_MANY_BUFS, 1);
    }
    DWORD off = 0;
    for (DWORD i = 0; i < n; i++) {
        DWORD part = i + 1 == n ? len - off : (len - off) / (n - i);
        bufs[i].buf = o->buf + off;
        bufs[i].len = part;
        off += part;
    }
    if (S.on[SW_BADINPUT])
        WSASetLastError(12345);
    int r = WSASend(s, bufs, n, NULL, 0, &o->ov, mode == M_ROUTINE ? op_routine : NULL);
    int err = r == 0 ? 0 : WSAGetLastError();
    if (r == 0 && S.on[SW_BADINPUT]) {
        STAT_ADD(ST_LASTERROR_CHECKS, 1);
        if (WSAGetLastError() != 0)
            stress_violation("WSASend succeeded, last error still %d", WSAGetLastError());
    }
    op_issued(o, r == 0, err);
    if (r != 0 && err != WSA_IO_PENDING)
        stress_violation("WSASend issue failed: %d", err);
    return o;
}

/* Overlapped WSARecv into up to len bytes, in 1-3 buffers. */
struct op *stress_recv(struct worker *w, SOCKET s, int mode, DWORD len)
{
    struct op *o = op_new(&w->rng, K_RECV, mode, len);
    DWORD n = 1 + rng_below(&w->rng, 3);
    if (n > len)
        n = 1;
    DWORD off = 0;
    for (DWORD i = 0; i < n; i++) {
        DWORD part = i + 1 == n ? len - off : (len - off) / (n - i);
        o->wsabuf[i].buf = o->buf + off;
        o->wsabuf[i].len = part;
        off += part;
    }
    DWORD flags = 0;
    if (S.on[SW_BADINPUT])
        WSASetLastError(12345);
    int r = WSARecv(s, o->wsabuf, n, NULL, &flags, &o->ov, mode == M_ROUTINE ? op_routine : NULL);
    int err = r == 0 ? 0 : WSAGetLastError();
    if (r == 0 && S.on[SW_BADINPUT]) {
        STAT_ADD(ST_LASTERROR_CHECKS, 1);
        if (err != 0)
            stress_violation("WSARecv succeeded, last error still %d", err);
    }
    op_issued(o, r == 0, err);
    if (r != 0 && err != WSA_IO_PENDING)
        stress_violation("WSARecv issue failed: %d", err);
    return o;
}

/*
 * WSAGetOverlappedResult with fWait on an event op of a socket that stays
 * open: waits on the event and gives the op's bytes (the notification itself
 * is then seen by op_wait).  0 if it failed.
 */
int stress_gor(SOCKET s, struct op *o)
{
    DWORD n = 0, flags = 0;
    if (!WSAGetOverlappedResult(s, &o->ov, &n, TRUE, &flags)) {
        stress_violation("WSAGetOverlappedResult(fWait): %d", WSAGetLastError());
        return 0;
    }
    if (n != (DWORD)o->ov.InternalHigh || !HasOverlappedIoCompleted(&o->ov)) {
        stress_violation("WSAGetOverlappedResult(fWait) returned %lu bytes, Internal 0x%lx",
                         (unsigned long)n, (unsigned long)op_status(o));
        return 0;
    }
    STAT_ADD(ST_GOR_WAITS, 1);
    return 1;
}

/* Waits for an op that must succeed. */
int stress_wait_ok(struct op *o, const char *what)
{
    if (!o->expect && !o->immediate)
        return 0; /* failed at issue: the caller reports it */
    if (!op_wait(o, WAIT_MS))
        return 0;
    if (op_status(o) != 0) {
        stress_violation("%s: status 0x%lx", what, (unsigned long)op_status(o));
        return 0;
    }
    return 1;
}

/* Waits for an op that must end aborted (cancelled or its socket closed). */
void stress_wait_aborted(struct op *o, const char *what)
{
    if (op_wait(o, WAIT_MS) && op_status(o) != STRESS_STATUS_CANCELLED)
        stress_violation("%s: status 0x%lx, not cancelled", what, (unsigned long)op_status(o));
}

/* A duplicate of s through WSADuplicateSocket; the original is closed. */
SOCKET stress_dup(SOCKET s)
{
    WSAPROTOCOL_INFOW info;
    if (WSADuplicateSocketW(s, GetCurrentProcessId(), &info) != 0) {
        stress_violation("WSADuplicateSocket: %d", WSAGetLastError());
        return s;
    }
    SOCKET d = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                          WSA_FLAG_OVERLAPPED);
    if (d == INVALID_SOCKET) {
        stress_violation("WSASocket(duplicate): %d", WSAGetLastError());
        return s;
    }
    STAT_ADD(ST_DUPS, 1);
    stress_close(s);
    return d;
}

/* Connects s to addr one of three ways; first data (ConnectEx) is counted in *sent. */
int stress_connect(struct worker *w, SOCKET s, int port_assoc, struct sockaddr_in *addr,
                   const char *data, DWORD len, DWORD *sent)
{
    *sent = 0;
    switch (rng_below(&w->rng, 3)) {
    case 0:
        if (connect(s, (struct sockaddr *)addr, sizeof(*addr)) == 0)
            return 1;
        break;
    case 1:
        if (WSAConnect(s, (struct sockaddr *)addr, sizeof(*addr), NULL, NULL, NULL, NULL) == 0)
            return 1;
        break;
    default: {
        struct sockaddr_in any = stress_loopback(0);
        if (bind(s, (struct sockaddr *)&any, sizeof(any)) != 0)
            break;
        DWORD first = len ? rng_below(&w->rng, len + 1) : 0;
        if (first > 65536)
            first = 65536;
        struct op *o = op_new(&w->rng, K_CONNECT, op_ext_mode(port_assoc), first);
        if (first)
            memcpy(o->buf, data, first);
        DWORD n = 0;
        BOOL ok = S.connectex(s, (struct sockaddr *)addr, sizeof(*addr), o->buf, first, &n, &o->ov);
        op_issued(o, ok, ok ? 0 : WSAGetLastError());
        STAT_ADD(ST_CONNECTEX, 1);
        if (!stress_wait_ok(o, "ConnectEx"))
            break;
        if ((DWORD)o->ov.InternalHigh != first)
            stress_violation("ConnectEx sent %lu of %lu", (unsigned long)o->ov.InternalHigh,
                             (unsigned long)first);
        *sent = (DWORD)o->ov.InternalHigh;
        STAT_ADD(ST_SENT_BYTES, *sent);
        if (setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0) != 0)
            stress_violation("SO_UPDATE_CONNECT_CONTEXT: %d", WSAGetLastError());
        return 1;
    }
    }
    stress_violation("connect to loopback: %d", WSAGetLastError());
    return 0;
}

/*
 * A non-blocking send of len bytes: Windows takes all of it or none
 * (WSAEWOULDBLOCK, then select until writable), never a part (backlog.h).
 */
static int stream__send_nonblocking(SOCKET s, const char *buf, DWORD len)
{
    for (;;) {
        int n = send(s, buf, (int)len, 0);
        if (n == (int)len) {
            STAT_ADD(ST_NB_SENDS, 1);
            STAT_ADD(ST_SENT_BYTES, len);
            return 1;
        }
        if (n >= 0) {
            stress_violation("non-blocking send took %d of %lu", n, (unsigned long)len);
            return 0;
        }
        if (WSAGetLastError() != WSAEWOULDBLOCK) {
            stress_violation("non-blocking send: %d", WSAGetLastError());
            return 0;
        }
        STAT_ADD(ST_NB_WOULDBLOCK, 1);
        fd_set wr;
        FD_ZERO(&wr);
        FD_SET(s, &wr);
        struct timeval tv = {WAIT_MS / 1000, 0};
        if (select(0, NULL, &wr, NULL, &tv) != 1) {
            stress_violation("select after WSAEWOULDBLOCK: never writable (%d)", WSAGetLastError());
            return 0;
        }
    }
}

static void stream__set_nonblocking(SOCKET s, u_long on)
{
    if (ioctlsocket(s, FIONBIO, &on) != 0)
        stress_violation("FIONBIO %lu: %d", (unsigned long)on, WSAGetLastError());
}

/* A pattern stream to the raw peer, ended gracefully (whole at the peer) or cut. */
static void scen_stream(struct worker *w)
{
    unsigned id = atomic_fetch_add(&S.stream_id, 1);
    if (id >= STRESS_MAX_STREAMS)
        return;
    DWORD len = rng_below(&w->rng, 4) ? rng_below(&w->rng, 65536) : rng_below(&w->rng, 1 << 20);
    DWORD total = (DWORD)sizeof(struct stress_hdr) + len;
    char *data = malloc(total);
    struct stress_hdr h = {STRESS_MAGIC, S.cycle, id, len};
    memcpy(data, &h, sizeof(h));
    uint64_t key = stress_key(S.seed, S.cycle, id);
    for (DWORD i = 0; i < len; i++)
        data[sizeof(h) + i] = (char)stress_byte(key, i);

    SOCKET s = stress_socket();
    int port_assoc = rng_below(&w->rng, 3) == 0 && stress_assoc(s);
    if (port_assoc && rng_below(&w->rng, 2)) {
        if (!SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
            stress_violation("SetFileCompletionNotificationModes: %lu",
                             (unsigned long)GetLastError());
        else
            port_assoc = 2;
    }
    struct sockaddr_in addr = stress_loopback(S.raw_port);
    DWORD off = 0;
    if (!stress_connect(w, s, port_assoc, &addr, data, total, &off)) {
        stress_close(s);
        free(data);
        return;
    }
    atomic_fetch_add(&S.connected_total, 1);
    S.expect[id] = EXP_CUT;
    /* A duplicate of an associated socket posts to the same port; without that fix, no dup. */
    if (rng_below(&w->rng, 4) == 0 && (!port_assoc || (port_assoc == 1 && S.on[SW_ACCEPTEX]))) {
        SOCKET old = s;
        s = stress_dup(s);
        if (s != old)
            stress_stale(old);
    }
    int ending = (int)rng_below(&w->rng, 10);
    struct close_req req = {.s = s, .action = CL_CLOSE, .delay_ms = rng_below(&w->rng, 3)};
    int closed_by_other = 0;
    /* Some rounds send without OVERLAPPED on the non-blocking socket, before overlapped ones. */
    int nb_rounds = ending < 8 && rng_below(&w->rng, 3) == 0;
    if (nb_rounds && rng_below(&w->rng, 2)) {
        /* A small send buffer: most non-blocking sends leave a backlog, some are refused. */
        int size = 4096 << rng_below(&w->rng, 4);
        setsockopt(s, SOL_SOCKET, SO_SNDBUF, (const char *)&size, sizeof(size));
    }
    while (off < total) {
        if (nb_rounds && rng_below(&w->rng, 2)) {
            DWORD chunk = 1 + rng_below(&w->rng, rng_below(&w->rng, 4) ? 65536 : 1 << 20);
            if (chunk > total - off)
                chunk = total - off;
            stream__set_nonblocking(s, 1);
            int ok = stream__send_nonblocking(s, data + off, chunk);
            stream__set_nonblocking(s, 0);
            if (!ok)
                break;
            off += chunk;
            continue;
        }
        struct op *ops[4];
        int k = 1 + (int)rng_below(&w->rng, 4);
        int issued = 0;
        for (; issued < k && off < total; issued++) {
            DWORD chunk = 1 + rng_below(&w->rng, rng_below(&w->rng, 4) ? 16384 : 262144);
            if (chunk > total - off)
                chunk = total - off;
            ops[issued] = stress_send(w, s, op_pick_mode(&w->rng, port_assoc), data + off, chunk);
            off += chunk;
        }
        if (ending >= 8 && !closed_by_other) {
            /* closesocket from another thread while the sends may still be pending. */
            closer_request(&req);
            closed_by_other = 1;
        }
        for (int i = 0; i < issued; i++) {
            if (closed_by_other) {
                if (op_wait(ops[i], WAIT_MS) && op_status(ops[i]) != 0 &&
                    op_status(ops[i]) != STRESS_STATUS_CANCELLED)
                    stress_violation("send under close: status 0x%lx",
                                     (unsigned long)op_status(ops[i]));
                else if (op_status(ops[i]) == 0)
                    STAT_ADD(ST_SENT_BYTES, ops[i]->ov.InternalHigh);
            } else if (ops[i]->mode == M_EVENT && rng_below(&w->rng, 2) && !stress_gor(s, ops[i])) {
                /* stress_gor reported it */
            } else if (stress_wait_ok(ops[i], "WSASend") &&
                       (DWORD)ops[i]->ov.InternalHigh != ops[i]->len) {
                stress_violation("WSASend sent %lu of %lu", (unsigned long)ops[i]->ov.InternalHigh,
                                 (unsigned long)ops[i]->len);
            } else {
                STAT_ADD(ST_SENT_BYTES, ops[i]->len);
            }
        }
        if (closed_by_other)
            break;
    }
    if (closed_by_other) {
        closer_wait(&req);
    } else if (ending <= 2) {
        stress_close(s);
        S.expect[id] = EXP_WHOLE;
    } else if (ending == 3) {
        /* A lingering close: returns once the peer (which reads at once) has it all. */
        LINGER l = {1, 20};
        setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l));
        stress_close(s);
        STAT_ADD(ST_LINGER, 1);
        S.expect[id] = EXP_WHOLE;
    } else if (ending <= 5) {
        if (shutdown(s, SD_SEND) != 0)
            stress_violation("shutdown(SD_SEND): %d", WSAGetLastError());
        STAT_ADD(ST_SHUTDOWN, 1);
        stress_close(s);
        S.expect[id] = EXP_WHOLE;
    } else if (ending == 6) {
        /* The extension functions take no completion routine: an event or the port. */
        struct op *o = op_new(&w->rng, K_DISCONNECT, op_ext_mode(port_assoc), 0);
        BOOL ok = S.disconnectex(s, &o->ov, 0, 0);
        op_issued(o, ok, ok ? 0 : WSAGetLastError());
        STAT_ADD(ST_DISCONNECTEX, 1);
        if (stress_wait_ok(o, "DisconnectEx"))
            S.expect[id] = EXP_WHOLE;
        stress_close(s);
    } else {
        LINGER l = {1, 0};
        setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l));
        stress_close(s);
    }
    if (S.expect[id] == EXP_WHOLE)
        STAT_ADD(ST_STREAMS_WHOLE, 1);
    else
        STAT_ADD(ST_STREAMS_CUT, 1);
    if (rng_below(&w->rng, 4) == 0)
        stress_stale(s);
    free(data);
}

/* This worker's listener (made again after a scenario closed it). */
int stress_listener(struct worker *w)
{
    if (w->listener != INVALID_SOCKET)
        return 1;
    SOCKET l = stress_socket();
    struct sockaddr_in a = stress_loopback(S.on[SW_TRANSFER] ? w->last_port : 0);
    if (bind(l, (struct sockaddr *)&a, sizeof(a)) != 0) {
        /* Windows rebinds over TIME_WAIT (rebind_after_time_wait.c); someone may hold it, though.
         */
        if (WSAGetLastError() != WSAEADDRINUSE)
            stress_violation("bind: %d", WSAGetLastError());
        a.sin_port = 0;
        if (bind(l, (struct sockaddr *)&a, sizeof(a)) != 0)
            stress_violation("bind(0): %d", WSAGetLastError());
    }
    if (listen(l, SOMAXCONN) != 0)
        stress_violation("listen: %d", WSAGetLastError());
    int len = sizeof(w->listen_addr);
    getsockname(l, (struct sockaddr *)&w->listen_addr, &len);
    w->last_port = ntohs(w->listen_addr.sin_port);
    w->listener_port_assoc = rng_below(&w->rng, 3) == 0 && stress_assoc(l);
    w->listener = l;
    return 1;
}

/* Issues AcceptEx on the worker's listener for acc, with rcvlen bytes of first data. */
struct op *stress_acceptex(struct worker *w, SOCKET acc, DWORD rcvlen)
{
    DWORD alen = sizeof(struct sockaddr_in) + 16;
    int mode = w->listener_port_assoc ? M_PORT : M_EVENT; /* AcceptEx takes no routine */
    struct op *o = op_new(&w->rng, K_ACCEPT, mode, rcvlen + 2 * alen);
    o->wsabuf[0].len = rcvlen; /* remembered for GetAcceptExSockaddrs */
    DWORD n = 0;
    BOOL ok = S.acceptex(w->listener, acc, o->buf, rcvlen, alen, alen, &n, &o->ov);
    op_issued(o, ok, ok ? 0 : WSAGetLastError());
    STAT_ADD(ST_ACCEPTEX, 1);
    if (!o->expect)
        stress_violation("AcceptEx issue failed: %d", WSAGetLastError());
    return o;
}

/*
 * Datagrams to a port nobody listens on, from a connected UDP socket: the
 * ICMP errors go to the next receive only (README "ICMP errors on UDP"),
 * never to a send, however many sends run (udp_send_race.c).
 */
static void scen_udp(struct worker *w)
{
    /*
     * The closed port is taken below Linux's ephemeral range (32768-60999 by
     * default), so that a socket another test program binds to port 0
     * meanwhile cannot get it and receive these datagrams; port 0 only if
     * none of a few such ports is free.
     */
    SOCKET gone = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in a;
    int tries = 0;
    do
        a = stress_loopback(tries < 8 ? (unsigned short)(20000 + rng_below(&w->rng, 12000)) : 0);
    while (bind(gone, (struct sockaddr *)&a, sizeof(a)) && ++tries <= 8);
    int alen = sizeof(a);
    if (tries > 8 || getsockname(gone, (struct sockaddr *)&a, &alen))
        stress_violation("udp bind: %d", WSAGetLastError());
    stress_close(gone);
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (connect(s, (struct sockaddr *)&a, sizeof(a)) != 0)
        stress_violation("udp connect: %d", WSAGetLastError());
    unsigned n = 5 + rng_below(&w->rng, 30);
    for (unsigned i = 0; i < n; i++) {
        char b[64] = {0};
        if (send(s, b, 1 + (int)rng_below(&w->rng, sizeof(b)), 0) == SOCKET_ERROR) {
            stress_violation("udp send to a closed port: %d", WSAGetLastError());
            break;
        }
    }
    STAT_ADD(ST_UDP_SENDS, n);
    stress_close(s);
}

/* Nested WSAStartup/WSACleanup while the other threads go on. */
static void scen_nested(struct worker *w)
{
    WSADATA d;
    if (WSAStartup(MAKEWORD(2, 2), &d) != 0) {
        stress_violation("nested WSAStartup failed");
        return;
    }
    SOCKET s = stress_socket();
    if (rng_below(&w->rng, 2))
        stress_close(s);
    if (WSACleanup() != 0)
        stress_violation("nested WSACleanup: %d", WSAGetLastError());
    STAT_ADD(ST_NESTED, 1);
    if (s != INVALID_SOCKET && closesocket(s) != 0 && WSAGetLastError() != WSAENOTSOCK)
        stress_violation("closesocket after a nested cleanup: %d", WSAGetLastError());
}

DWORD WINAPI worker_thread(LPVOID arg)
{
    struct worker *w = arg;
    while (!atomic_load(&S.endgame)) {
        unsigned r = rng_below(&w->rng, 100);
        if (r < 40) {
            stress_scen = "stream";
            scen_stream(w);
        } else if (r < 85) {
            stress_scen = "pair";
            scen_pair(w);
        } else if (r < 92) {
            stress_scen = "accept_abort";
            scen_accept_abort(w);
        } else if (r < 95) {
            if (S.on[SW_CLEANUP]) {
                stress_scen = "udp";
                scen_udp(w);
            }
        } else {
            stress_scen = "nested";
            scen_nested(w);
        }
    }
    stress_scen = "final";
    stress_final_state(w);
    return 0;
}
