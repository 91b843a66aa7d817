/*
 * Inside the overlapped operations (overlapped.c, which starts and completes
 * them, and overlapped_cancel.c, which takes them back).  Everyone else uses
 * the bop_* calls of base.h.
 */
#ifndef WS2_PROVIDERS_BASE_BOP_H
#define WS2_PROVIDERS_BASE_BOP_H

#include "kernel/port.h"
#include "providers/base/base.h"
#include "sys/sys.h"

struct bop {
    /*
     * What only a pending operation uses shares its memory with the packet,
     * which only a completed one does (bop_complete reads the first before
     * it writes the second): a pending receive costs that much less.
     */
    union {
        struct kpacket packet; /* for a completion port; its release frees the operation */
        struct {
            struct bop *next; /* in its socket's queue */
            /* Extensions (AcceptEx, ConnectEx): their own step. */
            enum bop_step (*step)(struct bsock *b, struct bop *op, DWORD *status);
            SOCKET peer;           /* the second socket it works on (AcceptEx's), or 0 */
            size_t done;           /* bytes moved so far */
            struct sockaddr *from; /* WSARecvFrom: where the sender's address goes */
            LPINT fromlen;
        };
    };
    void *ext;                      /* the extension's data, freed with the operation */
    void (*ext_cleanup)(void *ext); /* releases what ext holds (TransmitFile's file), or NULL */
    void (*finish)(struct bsock *b, void *ext); /* runs before a successful completion, or NULL */
    LPWSAOVERLAPPED ov;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
    union {
        struct kthread *thread; /* the issuing thread, referenced when there is a routine */
        /* The socket, while the operation is a request on its port's ring (never with a routine).
         */
        struct bsock *owner;
    };
    unsigned char *to; /* WSASendTo: the Linux address, stored after iov[] */
    struct sys_iovec *iov;
    DWORD thread_id; /* for CancelIo, which cancels the calling thread's only */
    DWORD in_flags;  /* MSG_PEEK, MSG_OOB, MSG_WAITALL as issued */
    DWORD flags;     /* the flags out after completion (MSG_PARTIAL) */
    union {
        DWORD status; /* bop_retry_parked: the status a finished step gave */
        int ring_res; /* a ring request's result after a cancel (below) */
    };
    unsigned iovcnt; /* buffers left (a send advances through them) */
    uint16_t tolen;
    unsigned char kind;    /* enum bop_kind */
    unsigned char options; /* BOP_OPT_* */
    bool cached;           /* allocated by bop_cache_take: BOP_CACHE_SIZE bytes */
    /*
     * A request on the port's ring (overlapped_ring.c): BOP_RING_IN while
     * the kernel has it, BOP_RING_CANCEL once a cancel took it off its queue
     * and waits for it, BOP_RING_DONE when its result (ring_res) came
     * after that.  Written under the socket's lock.
     */
    _Atomic unsigned char ring;
    struct sys_iovec iov_storage[];
};

/* The size of the operations the per-thread cache keeps (bop_cache.c): one buffer, no address. */
#define BOP_CACHE_SIZE (sizeof(struct bop) + sizeof(struct sys_iovec))

/*
 * A zeroed operation of BOP_CACHE_SIZE bytes, from the calling thread's
 * cache or else the heap (NULL if none can be had); and its return, to the
 * cache or the heap.
 */
struct bop *bop_cache_take(void);
void bop_cache_give(struct bop *op);

/*
 * Completes op with a status and byte count.  deliver false (the final
 * WSACleanup) records the result in the OVERLAPPED and does nothing else.
 * immediate: it finished inside the call that issued it.
 */
void bop_complete(struct bsock *b, struct bop *op, DWORD status, bool deliver, bool immediate);

enum { BOP_RING_NONE, BOP_RING_IN, BOP_RING_CANCEL, BOP_RING_DONE };

/*
 * overlapped_ring.c.  bop_ring_start: b->lock held, op is the head of its
 * queue and cannot finish now (or need not try, defer): makes it a request
 * on the port's ring; false if it is no operation for a ring (the caller
 * then watches the socket as before).  bop_ring_drive_locked: after the
 * head of a queue changed, a new head that waits goes to the ring or to the
 * readiness watch.  bop_ring_cancelled: op, taken off its queue by a cancel
 * while the kernel had it (BOP_RING_CANCEL), is ended in the kernel; waits
 * for its result and returns the status to complete it with (its done
 * counts what it moved).  bop_ring_quiesce: waits until no callback of b's
 * requests runs any more (closesocket, before the socket goes).
 * bop_ring_deferrable: op could be such a request, and the calling thread
 * will wait in the port soon (SYS_RING_DEFER).
 */
bool bop_ring_deferrable(struct bsock *b, const struct bop *op);
bool bop_ring_start(struct bsock *b, struct bop *op, bool defer);
void bop_ring_drive_locked(struct bsock *b, enum bop_kind kind);
DWORD bop_ring_cancelled(struct bsock *b, struct bop *op);
void bop_ring_quiesce(struct bsock *b);
void bop_ring_done(void *op, int res, unsigned flags);

/* overlapped.c: one queue's finished operations, in order, b->lock held; and the queue of a kind.
 */
#define BOP_BATCH 32
void bop_run_queue(struct bsock *b, enum bop_kind kind, struct bop **done, DWORD *statuses,
                   unsigned *ndone, unsigned max);
struct bop_queue *bop_queue_of(struct bsock *b, enum bop_kind kind);
void bop_advance(struct bop *op, size_t n);
size_t bop_remaining(const struct bop *op);

/* The issue-order queues: appends op, and takes the head (which must be there). */
void bop_enqueue(struct bop_queue *q, struct bop *op);
struct bop *bop_dequeue(struct bop_queue *q);

#endif
