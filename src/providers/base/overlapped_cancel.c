/*
 * Taking overlapped operations back before they finish: closesocket and the
 * final WSACleanup (bop_cancel_all), CancelIo and CancelIoEx
 * (bop_cancel_io); and WSAGetOverlappedResult, which reads what they left.
 * Whoever takes an operation off its queue under the socket's lock owns it
 * (overlapped.c), so a cancelled operation completes exactly once.
 */
#include <stdlib.h>

#include "kernel/ntstatus.h"
#include "kernel/overlapped.h"
#include "providers/base/bop.h"

/* Which operations a cancel takes: each member set must match (NULL or 0 matches any). */
struct bop_match {
    const OVERLAPPED *ov;
    DWORD thread_id;
    SOCKET peer;
};

/* Takes every queued or parked operation that matches off b's queues; b->lock held. */
static struct bop *bop__detach(struct bsock *b, const struct bop_match *m)
{
    struct bop_queue taken = {NULL, NULL};
    struct bop_queue *queues[] = {&b->recvs, &b->sends, &b->parked};
    for (int k = 0; k < 3; k++) {
        struct bop_queue *q = queues[k], kept = {NULL, NULL};
        while (q->head) {
            struct bop *op = bop_dequeue(q);
            bool match = (!m->ov || op->ov == m->ov) &&
                         (!m->thread_id || op->thread_id == m->thread_id) &&
                         (!m->peer || op->peer == m->peer);
            /* A request the kernel has is ended there before it completes (bop__cancel). */
            if (match && atomic_load(&op->ring) == BOP_RING_IN)
                atomic_store(&op->ring, BOP_RING_CANCEL);
            bop_enqueue(match ? &taken : &kept, op);
        }
        *q = kept; /* its tail points into the operations, never at kept itself */
    }
    return taken.head;
}

static unsigned bop__cancel(struct bsock *b, const struct bop_match *m, bool deliver)
{
    pthread_mutex_lock(&b->lock);
    struct bop *op = bop__detach(b, m);
    pthread_mutex_unlock(&b->lock);
    unsigned n = 0;
    bool ring = false;
    while (op) {
        struct bop *next = op->next;
        DWORD status = KSTATUS_CANCELLED;
        if (atomic_load(&op->ring) == BOP_RING_CANCEL) {
            status = bop_ring_cancelled(b, op);
            ring = true;
        }
        bop_complete(b, op, status, deliver, false);
        op = next;
        n++;
    }
    /*
     * A request the kernel had was the head of its queue: a report of the
     * socket that came meanwhile ran nothing behind it, and its result,
     * which would have, went to the cancel.  What is queued behind it now
     * starts as it would have then (bop_ring_done), once the kernel is done
     * with the request; otherwise it would wait for data already there
     * until more came.
     */
    if (ring) {
        pthread_mutex_lock(&b->lock);
        bop_ring_drive_locked(b, BOP_RECV);
        bop_ring_drive_locked(b, BOP_SEND);
        pthread_mutex_unlock(&b->lock);
    }
    return n;
}

void bop_cancel_all(struct bsock *b, bool deliver)
{
    struct bop_match all = {NULL, 0, 0};
    bop__cancel(b, &all, deliver);
    /* A ring's result already on its way to b (bop_ring_done) is let finish first. */
    bop_ring_quiesce(b);
    /*
     * The operation whose peer b is goes too: a pending AcceptEx completes
     * with ERROR_OPERATION_ABORTED when its accept socket is closed.  Its
     * owner being closed as well (bsock_get fails) cancels it itself.
     */
    pthread_mutex_lock(&b->lock);
    SOCKET owner = b->peer_owner;
    pthread_mutex_unlock(&b->lock);
    int err;
    struct bsock *o = owner ? bsock_get(owner, &err) : NULL;
    if (o) {
        struct bop_match peer = {NULL, 0, b->handle};
        bop__cancel(o, &peer, deliver);
        bsock_put(o);
    }
}

/*
 * CancelIo and CancelIoEx find what was issued on the file object the
 * handle names, through whichever handle: here the operations of every
 * handle of this process that shares the socket (WSADuplicateSocket).
 */
unsigned bop_cancel_io(struct kobj *obj, const OVERLAPPED *overlapped, DWORD thread_id)
{
    struct bop_match m = {overlapped, thread_id, 0};
    unsigned n = bop__cancel((struct bsock *)obj, &m, true), count;
    SOCKET *others = bshare_other_handles((struct bsock *)obj, &count);
    for (unsigned i = 0; i < count; i++) {
        int err;
        struct bsock *b = bsock_get(others[i], &err);
        if (b) {
            n += bop__cancel(b, &m, true);
            bsock_put(b);
        }
    }
    free(others);
    return n;
}

/* WSAGetOverlappedResult: WSA_IO_INCOMPLETE while pending, unless fWait. */
int WSPAPI base_WSPGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer,
                                       BOOL fWait, LPDWORD lpdwFlags, LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return FALSE;
    bsock_put(b);
    if (!lpOverlapped || !lpcbTransfer || !lpdwFlags) {
        *lpErrno = WSAEFAULT;
        return FALSE;
    }
    /*
     * "The fWait parameter may be set to TRUE only if the overlapped
     * operation selected the event-based completion notification"; without
     * an event this waits for the operation anyway, as GetOverlappedResult
     * does (the wait uses nothing of the socket, which may be closed
     * meanwhile: see kernel/overlapped.c).
     */
    DWORD status = koverlapped_status(lpOverlapped, fWait);
    if (status == KOVERLAPPED_BAD_EVENT || status == KOVERLAPPED_NO_MEMORY) {
        *lpErrno = status == KOVERLAPPED_BAD_EVENT ? WSA_INVALID_HANDLE : WSA_NOT_ENOUGH_MEMORY;
        return FALSE;
    }
    /* A wait that found the event set may still read pending: success, as on Windows. */
    if (status == KSTATUS_PENDING && !fWait) {
        *lpErrno = WSA_IO_INCOMPLETE;
        return FALSE;
    }
    *lpcbTransfer = (DWORD)lpOverlapped->InternalHigh;
    *lpdwFlags = lpOverlapped->Offset;
    int error = kstatus_to_wsa(status);
    if (error) {
        *lpErrno = error;
        return FALSE;
    }
    return TRUE;
}
