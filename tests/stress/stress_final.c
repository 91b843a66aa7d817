/*
 * What each worker leaves for the final WSACleanup: overlapped operations
 * that cannot complete (receives no data will answer, AcceptEx no client
 * will satisfy) in every notification mode, and maybe a thread blocked in
 * recv, select, WSAPoll or accept.  WSACleanup.txt: the final cleanup
 * cancels pending blocking calls, and pending overlapped operations end
 * without an event set, a routine run or a packet posted; their OVERLAPPED
 * reads aborted (STATUS_CANCELLED in Internal).
 */
#include "stress_win.h"

#include <string.h>

static void final__add(struct worker *w, struct op *o, SOCKET s)
{
    if (o->expect && !HasOverlappedIoCompleted(&o->ov) && w->nfinal < 8) {
        o->final = 1;
        w->final_ops[w->nfinal++] = o;
    }
    if (w->nstale < 8)
        w->stale[w->nstale++] = s;
}

/* A connection to the raw peer that sent its header and part of its pattern. */
static SOCKET final__raw_stream(struct worker *w)
{
    unsigned id = atomic_fetch_add(&S.stream_id, 1);
    if (id >= STRESS_MAX_STREAMS)
        return INVALID_SOCKET;
    SOCKET s = stress_socket();
    struct sockaddr_in a = stress_loopback(S.raw_port);
    if (connect(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
        stress_violation("connect to the raw peer: %d", WSAGetLastError());
        return s;
    }
    atomic_fetch_add(&S.connected_total, 1);
    S.expect[id] = EXP_CUT;
    char buf[sizeof(struct stress_hdr) + 256];
    DWORD len = rng_below(&w->rng, 257);
    struct stress_hdr h = {STRESS_MAGIC, S.cycle, id, 100000};
    memcpy(buf, &h, sizeof(h));
    uint64_t key = stress_key(S.seed, S.cycle, id);
    for (DWORD i = 0; i < len; i++)
        buf[sizeof(h) + i] = (char)stress_byte(key, i);
    if (send(s, buf, (int)(sizeof(h) + len), 0) != (int)(sizeof(h) + len))
        stress_violation("send to the raw peer: %d", WSAGetLastError());
    return s;
}

/* Both ends ours: the final cleanup resets one while the other still has a receive pending. */
static SOCKET final__pair(struct worker *w)
{
    SOCKET l = stress_socket(), c = stress_socket();
    struct sockaddr_in a = stress_loopback(0);
    int alen = sizeof(a);
    if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
        getsockname(l, (struct sockaddr *)&a, &alen) ||
        connect(c, (struct sockaddr *)&a, sizeof(a))) {
        stress_violation("final pair: %d", WSAGetLastError());
        return INVALID_SOCKET;
    }
    SOCKET s = accept(l, NULL, NULL);
    stress_close(l);
    SOCKET ends[2] = {c, s};
    for (int i = 0; i < 2; i++) {
        int assoc = rng_below(&w->rng, 3) == 0 && stress_assoc(ends[i]);
        final__add(w, stress_recv(w, ends[i], op_pick_mode(&w->rng, assoc), 100), ends[i]);
    }
    /* WSAEventSelect's event must not be signalled by the cleanup either. */
    WSAEVENT ev = WSACreateEvent();
    if (WSAEventSelect(c, ev, FD_READ | FD_CLOSE) != 0)
        stress_violation("WSAEventSelect: %d", WSAGetLastError());
    w->select_event = ev;
    return s;
}

/* A blocking call that only the final WSACleanup ends; checks how it ended. */
static void final__block(unsigned how, SOCKET s)
{
    int r = 0, err = 0;
    short revents = 0;
    char b;
    atomic_fetch_add(&S.ready, 1);
    if (how == 1) {
        r = recv(s, &b, 1, 0);
    } else if (how == 2) {
        fd_set rd;
        FD_ZERO(&rd);
        FD_SET(s, &rd);
        r = select(0, &rd, NULL, NULL, NULL);
    } else if (how == 3) {
        WSAPOLLFD p = {s, POLLRDNORM, 0};
        r = WSAPoll(&p, 1, -1);
        revents = p.revents;
    } else {
        r = accept(s, NULL, NULL) == INVALID_SOCKET ? SOCKET_ERROR : 0;
    }
    err = WSAGetLastError();
    if (!atomic_load(&S.cleaning))
        stress_violation("blocking call %u returned before the final WSACleanup: %d, error %d", how,
                         r, err);
    /*
     * On a loaded machine the call may begin only after the cleanup: then it
     * is refused (WSANOTINITIALISED), which is right, but it checked nothing.
     */
    if (r == SOCKET_ERROR && err == WSANOTINITIALISED) {
        STAT_ADD(ST_FINAL_LATE, 1);
        return;
    }
    /* WSACleanup.txt: pending blocking calls are canceled (WSAEINTR; WSAPoll: POLLNVAL). */
    if (how == 3 ? (r != 1 || revents != POLLNVAL) : (r != SOCKET_ERROR || err != WSAEINTR))
        stress_violation("blocking call %u at the final WSACleanup: %d, error %d, revents 0x%x",
                         how, r, err, (unsigned)revents);
    else
        STAT_ADD(ST_FINAL_BLOCKED, 1);
}

void stress_final_state(struct worker *w)
{
    w->nfinal = 0;
    w->nstale = 0;
    w->select_event = NULL;
    unsigned items = 1 + rng_below(&w->rng, 3);
    /* A blocked call on a socket whose peer is ours: the cleanup resets that peer too. */
    SOCKET pair_end = INVALID_SOCKET;
    if (S.on[SW_CLEANUP] && rng_below(&w->rng, 2))
        pair_end = final__pair(w);
    for (unsigned k = 0; k < items; k++) {
        if (rng_below(&w->rng, 2) || !stress_listener(w)) {
            SOCKET s = final__raw_stream(w);
            if (s == INVALID_SOCKET)
                continue;
            int assoc = rng_below(&w->rng, 3) == 0 && stress_assoc(s);
            final__add(w, stress_recv(w, s, op_pick_mode(&w->rng, assoc), 100), s);
        } else {
            SOCKET acc = stress_socket();
            DWORD data = S.on[SW_ACCEPTEX] && rng_below(&w->rng, 2) ? 64 : 0;
            final__add(w, stress_acceptex(w, acc, data), acc);
        }
    }
    unsigned how = rng_below(&w->rng, 5);
    SOCKET target = INVALID_SOCKET;
    if (how == 4) {
        target = stress_socket();
        struct sockaddr_in a = stress_loopback(0);
        if (bind(target, (struct sockaddr *)&a, sizeof(a)) || listen(target, 1))
            stress_violation("listener: %d", WSAGetLastError());
    } else if (how && pair_end != INVALID_SOCKET && rng_below(&w->rng, 2)) {
        target = pair_end;
    } else if (how) {
        target = final__raw_stream(w);
    }
    if (target == INVALID_SOCKET) {
        atomic_fetch_add(&S.ready, 1);
    } else {
        final__block(how, target);
        if (w->nstale < 8)
            w->stale[w->nstale++] = target;
    }
    while (!atomic_load(&S.cleaned))
        SleepEx(2, TRUE);
    SleepEx(20, TRUE); /* a routine that should not run would run here */
    for (int i = 0; i < w->nfinal; i++) {
        struct op *o = w->final_ops[i];
        if (op_status(o) != STRESS_STATUS_CANCELLED)
            stress_violation("op kind %d mode %d pending at the final WSACleanup: Internal 0x%lx",
                             o->kind, o->mode, (unsigned long)op_status(o));
        else
            STAT_ADD(ST_FINAL_ABORTED, 1);
        if (o->mode == M_EVENT && WaitForSingleObject(o->ov.hEvent, 0) != WAIT_TIMEOUT)
            stress_violation("the final WSACleanup set the event of a pending op kind %d", o->kind);
    }
    if (w->select_event) {
        if (WaitForSingleObject(w->select_event, 0) != WAIT_TIMEOUT)
            stress_violation("the final WSACleanup signalled a WSAEventSelect event");
        CloseHandle(w->select_event);
    }
}
