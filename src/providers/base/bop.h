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
    struct kthread *thread; /* the issuing thread, referenced when there is a routine */
    unsigned char *to;      /* WSASendTo: the Linux address, stored after iov[] */
    struct sys_iovec *iov;
    DWORD thread_id; /* for CancelIo, which cancels the calling thread's only */
    DWORD in_flags;  /* MSG_PEEK, MSG_OOB, MSG_WAITALL as issued */
    DWORD flags;     /* the flags out after completion (MSG_PARTIAL) */
    DWORD status;    /* bop_retry_parked: the status a finished step gave */
    unsigned iovcnt; /* buffers left (a send advances through them) */
    uint16_t tolen;
    unsigned char kind;    /* enum bop_kind */
    unsigned char options; /* BOP_OPT_* */
    bool cached;           /* allocated by bop_cache_take: BOP_CACHE_SIZE bytes */
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

/* The issue-order queues: appends op, and takes the head (which must be there). */
void bop_enqueue(struct bop_queue *q, struct bop *op);
struct bop *bop_dequeue(struct bop_queue *q);

#endif
