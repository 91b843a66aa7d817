/*
 * A per-thread cache of freed overlapped operations (bop.h), so that an
 * echo server's steady WSARecv, WSASend and completion cycle does not go to
 * malloc and free for every operation.
 *
 * Only operations of the common shape are cached: one buffer and no
 * destination address (BOP_CACHE_SIZE bytes), which is what WSARecv and
 * WSASend with one WSABUF make.  Others are allocated as before.  The cache
 * is per thread and small (BOP_CACHE_MAX operations): the thread that frees
 * an operation (the one that took its completion packet, or ran its
 * routine) is usually the one that issues the next, so no lock is needed,
 * and a thread holds at most a few KiB.  What a thread holds is freed when
 * it exits.
 *
 * Under AddressSanitizer the cache is off (every operation goes back to the
 * heap), so that a use after completion is still reported as one and the
 * leak check does not count what live threads hold in their caches (it does
 * not look into other threads' thread-local storage at exit).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "providers/base/bop.h"
#include "sys/tls.h"

#if defined(__SANITIZE_ADDRESS__)
#define BOP_CACHE_OFF 1
#else
#define BOP_CACHE_OFF 0
#endif

/* How many freed operations a thread keeps. */
#define BOP_CACHE_MAX 8

struct bop_cache {
    struct bop *head;
    unsigned count;
    bool registered; /* the exit destructor knows this thread's cache */
};

static SYS_TLS struct bop_cache bop__cache;
static pthread_key_t bop__key;
static pthread_once_t bop__once = PTHREAD_ONCE_INIT;
static bool bop__key_made;

/* The thread exits: what it holds is freed (the thread-local storage is still there). */
static void bop__cache_exit(void *arg)
{
    struct bop_cache *c = arg;
    while (c->head) {
        struct bop *op = c->head;
        c->head = op->next;
        free(op);
    }
    c->count = 0;
    /* An operation freed by a later exit hook of this thread registers the cache again. */
    c->registered = false;
}

static void bop__key_init(void)
{
    bop__key_made = pthread_key_create(&bop__key, bop__cache_exit) == 0;
}

struct bop *bop_cache_take(void)
{
    struct bop_cache *c = &bop__cache;
    struct bop *op = c->head;
    if (BOP_CACHE_OFF || !op)
        return calloc(1, BOP_CACHE_SIZE);
    c->head = op->next;
    c->count--;
    memset(op, 0, BOP_CACHE_SIZE);
    return op;
}

void bop_cache_give(struct bop *op)
{
    struct bop_cache *c = &bop__cache;
    if (BOP_CACHE_OFF || c->count >= BOP_CACHE_MAX) {
        free(op);
        return;
    }
    if (!c->registered) {
        /* Once per thread: without the destructor, a thread's cache would outlive it. */
        pthread_once(&bop__once, bop__key_init);
        if (!bop__key_made || pthread_setspecific(bop__key, c) != 0) {
            free(op);
            return;
        }
        c->registered = true;
    }
    op->next = c->head;
    c->head = op;
    c->count++;
}
