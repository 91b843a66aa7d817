/*
 * Operation records and their notifications: each overlapped operation the
 * stress test issues gets a record that stays alive until the end of its
 * cycle, so a late or second notification is counted, never a crash.
 * Exactly one notification is due for an operation whose issue succeeded or
 * said WSA_IO_PENDING, none for one whose issue failed, and none for one
 * still pending at the final WSACleanup (WSACleanup.txt: pending operations
 * are cancelled "without signaling any event objects" or running anything).
 */
#include "stress_win.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Thread_local const char *stress_scen;

struct op *op_new(struct rng *r, int kind, int mode, size_t buflen)
{
    struct op *o = calloc(1, sizeof(*o));
    if (!o)
        abort();
    o->magic = OP_MAGIC;
    o->kind = kind;
    o->mode = mode & ~M_SKIP;
    o->skip = (mode & M_SKIP) != 0;
    o->tid = GetCurrentThreadId();
    o->scen = stress_scen ? stress_scen : "?";
    if (buflen) {
        o->buf = malloc(buflen);
        if (!o->buf)
            abort();
        o->len = (DWORD)buflen;
    }
    if (mode == M_EVENT) {
        o->ov.hEvent = WSACreateEvent();
        if (o->ov.hEvent == WSA_INVALID_EVENT)
            stress_violation("WSACreateEvent failed: %d", WSAGetLastError());
        /*
         * Windows resets the event when the operation is issued; a program
         * reusing one event relies on it.  Hand over a signalled one now and
         * then to check it.
         */
        else if (S.on[SW_TRANSFER] && rng_below(r, 4) == 0)
            WSASetEvent(o->ov.hEvent);
    }
    struct op *head = atomic_load(&S.ops);
    do
        o->next = head;
    while (!atomic_compare_exchange_weak(&S.ops, &head, o));
    return o;
}

void op_issued(struct op *o, int ok, int err)
{
    STAT_ADD(ST_ISSUED, 1);
    o->immediate = ok;
    if (ok && o->skip) {
        /* FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: the caller handles it; no packet. */
        STAT_ADD(ST_SKIPPED, 1);
        return;
    }
    if (ok || err == WSA_IO_PENDING || err == ERROR_IO_PENDING) {
        o->expect = 1;
        return;
    }
    STAT_ADD(ST_ISSUE_FAILED, 1);
}

DWORD op_status(const struct op *o)
{
    return (DWORD)o->ov.Internal;
}

/* The error a notification must carry for the status in Internal. */
static int op__err_matches(DWORD status, DWORD err)
{
    if (status == 0)
        return err == 0;
    if (status == STRESS_STATUS_CANCELLED)
        return err == WSA_OPERATION_ABORTED;
    return err != 0;
}

static void op__noted(struct op *o, DWORD err, int mode_seen)
{
    int n = atomic_fetch_add(&o->notes, 1) + 1;
    o->note_err = err;
    STAT_ADD(ST_NOTE_EVENT + mode_seen, 1);
    if (n > 1)
        stress_violation("%s: op kind %d mode %d notified %d times", o->scen, o->kind, o->mode, n);
    if (o->final && atomic_load(&S.cleaned))
        stress_violation("op kind %d mode %d pending at the final WSACleanup was notified", o->kind,
                         o->mode);
    if (!HasOverlappedIoCompleted(&o->ov))
        stress_violation("op kind %d notified with Internal still STATUS_PENDING", o->kind);
    else if (mode_seen != M_EVENT && !op__err_matches(op_status(o), err))
        stress_violation("op kind %d mode %d: notification error %lu for status 0x%lx", o->kind,
                         mode_seen, (unsigned long)err, (unsigned long)op_status(o));
}

void CALLBACK op_routine(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)flags;
    struct op *o = (struct op *)ov;
    if (o->magic != OP_MAGIC) {
        stress_violation("completion routine with an OVERLAPPED that is not ours");
        return;
    }
    if (o->tid != GetCurrentThreadId())
        stress_violation("completion routine ran on thread %lu, issued on %lu",
                         (unsigned long)GetCurrentThreadId(), (unsigned long)o->tid);
    if (o->mode != M_ROUTINE)
        stress_violation("completion routine for an op of mode %d", o->mode);
    if (err == 0 && bytes != (DWORD)o->ov.InternalHigh)
        stress_violation("routine bytes %lu, InternalHigh %lu", (unsigned long)bytes,
                         (unsigned long)o->ov.InternalHigh);
    op__noted(o, err, M_ROUTINE);
}

int op_pick_mode(struct rng *r, int port_assoc)
{
    return port_assoc ? op_ext_mode(port_assoc) : (int)rng_below(r, 2);
}

int op_ext_mode(int port_assoc)
{
    return port_assoc == 2 ? (M_PORT | M_SKIP) : port_assoc ? M_PORT : M_EVENT;
}

int op_wait(struct op *o, DWORD timeout_ms)
{
    if (!o->expect)
        return 1;
    ULONGLONG deadline = GetTickCount64() + timeout_ms;
    while (atomic_load(&o->notes) == 0) {
        if (o->mode == M_EVENT) {
            DWORD r = WaitForSingleObjectEx(o->ov.hEvent, 20, TRUE);
            if (r == WAIT_OBJECT_0) {
                op__noted(o, 0, M_EVENT);
                break;
            }
        } else {
            SleepEx(1, TRUE);
        }
        if (GetTickCount64() > deadline) {
            stress_violation(
                "%s: op kind %d mode %d: no notification within %lu ms (Internal 0x%lx)", o->scen,
                o->kind, o->mode, (unsigned long)timeout_ms, (unsigned long)op_status(o));
            return 0;
        }
    }
    DWORD st = op_status(o);
    if (st == 0)
        STAT_ADD(ST_SUCCEEDED, 1);
    else if (st == STRESS_STATUS_CANCELLED)
        STAT_ADD(ST_ABORTED, 1);
    else
        STAT_ADD(ST_OTHER_STATUS, 1);
    return 1;
}

DWORD WINAPI port_thread(LPVOID arg)
{
    (void)arg;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(S.port, &bytes, &key, &ov, 50);
        DWORD err = ok ? 0 : GetLastError();
        if (!ov) {
            if (atomic_load(&S.stop_port))
                return 0;
            if (!ok && err != WAIT_TIMEOUT)
                stress_violation("GetQueuedCompletionStatus failed: %lu", (unsigned long)err);
            continue;
        }
        struct op *o = (struct op *)ov;
        if (o->magic != OP_MAGIC) {
            stress_violation("a packet with an OVERLAPPED that is not ours");
            continue;
        }
        if (o->mode != M_PORT)
            stress_violation("%s: a packet for op kind %d of mode %d", o->scen, o->kind, o->mode);
        if (ok && bytes != (DWORD)o->ov.InternalHigh)
            stress_violation("packet bytes %lu, InternalHigh %lu", (unsigned long)bytes,
                             (unsigned long)o->ov.InternalHigh);
        /* GetQueuedCompletionStatus gives Win32 errors: 995 for a cancelled operation. */
        op__noted(o, err, M_PORT);
    }
}

void ops_check_and_free(void)
{
    struct op *o = atomic_exchange(&S.ops, NULL);
    while (o) {
        struct op *next = o->next;
        int n = atomic_load(&o->notes);
        if (o->final) {
            if (n != 0)
                stress_violation("op kind %d mode %d pending at the final WSACleanup: %d "
                                 "notifications",
                                 o->kind, o->mode, n);
        } else if (o->expect && n != 1) {
            stress_violation("%s: op kind %d mode %d: %d notifications (Internal 0x%lx)", o->scen,
                             o->kind, o->mode, n, (unsigned long)op_status(o));
        } else if (!o->expect && n != 0) {
            stress_violation("op kind %d mode %d failed at issue yet notified %d times", o->kind,
                             o->mode, n);
        }
        if (o->ov.hEvent)
            CloseHandle(o->ov.hEvent);
        free(o->buf);
        free(o->many);
        free(o);
        o = next;
    }
}

/* The closer thread: closes or cancels a worker's socket from another thread. */
#define CLOSER_QUEUE 256
static struct close_req *closer_q[CLOSER_QUEUE];
static atomic_uint closer_head, closer_tail;
static atomic_flag closer_lock = ATOMIC_FLAG_INIT;

void closer_request(struct close_req *req)
{
    atomic_store(&req->done, 0);
    for (;;) {
        while (atomic_flag_test_and_set(&closer_lock))
            ;
        unsigned h = atomic_load(&closer_head), t = atomic_load(&closer_tail);
        if (t - h < CLOSER_QUEUE) {
            closer_q[t % CLOSER_QUEUE] = req;
            atomic_store(&closer_tail, t + 1);
            atomic_flag_clear(&closer_lock);
            return;
        }
        atomic_flag_clear(&closer_lock);
        Sleep(1);
    }
}

void closer_wait(struct close_req *req)
{
    while (!atomic_load(&req->done))
        SleepEx(1, TRUE);
}

DWORD WINAPI closer_thread(LPVOID arg)
{
    (void)arg;
    for (;;) {
        struct close_req *req = NULL;
        while (atomic_flag_test_and_set(&closer_lock))
            ;
        unsigned h = atomic_load(&closer_head);
        if (h != atomic_load(&closer_tail)) {
            req = closer_q[h % CLOSER_QUEUE];
            atomic_store(&closer_head, h + 1);
        }
        atomic_flag_clear(&closer_lock);
        if (!req) {
            if (atomic_load(&S.stop_port))
                return 0;
            Sleep(1);
            continue;
        }
        if (req->delay_ms)
            Sleep(req->delay_ms);
        if (req->action == CL_CLOSE) {
            if (closesocket(req->s) != 0)
                stress_violation("closesocket from another thread: %d", WSAGetLastError());
            STAT_ADD(ST_CLOSE_OTHER, 1);
        } else {
            /* The op may have completed meanwhile: then ERROR_NOT_FOUND is right. */
            if (!CancelIoEx((HANDLE)req->s,
                            req->action == CL_CANCELIOEX_OP ? &req->op->ov : NULL) &&
                GetLastError() != ERROR_NOT_FOUND)
                stress_violation("CancelIoEx from another thread: %lu",
                                 (unsigned long)GetLastError());
            STAT_ADD(ST_CANCELIOEX, 1);
        }
        atomic_store(&req->done, 1);
    }
}
