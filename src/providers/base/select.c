/*
 * WSPSelect over Windows fd_sets, with Windows' results (readiness.c says
 * what each state reports).  A socket is readable when a recv would not
 * block (data, end of stream, a reset, an error) or a connection waits to
 * be accepted; writable when a send would not block on a connected socket;
 * "exceptional" when out-of-band data waits (not SO_OOBINLINE) or its last
 * connect failed — then it is in no other set (Wine's test_select, run on
 * Windows: a refused non-blocking connect gives 1 with the socket in the
 * except set only, at every select until the next connect).  A new or
 * unconnected TCP socket is in no set.  Closing one of the sockets from
 * another thread makes the select fail with WSAEINTR (Windows Sockets 2
 * specification, section 2.7: "This also applies if there is a select()
 * call outstanding and the application closes one of the sockets being
 * selected").
 *
 * How the sets are rewritten, as observed on Windows (Wine's test_select):
 * every set is emptied first, then the ready sockets are added set by set,
 * read, write, except, each in the order it was listed, and one that is
 * already in the set it is added to is not added again nor counted.  So a
 * socket listed twice in a set is there once and counts once, and one
 * fd_set passed as both the read and the write set ends up with each ready
 * socket once, counted once.  The result is the number of additions.
 *
 * An application may raise FD_SETSIZE to thousands: every step is linear in
 * the entries given.  Each distinct socket is one item, found by a hash
 * table of the SOCKET values (not by searching the items, which would be
 * quadratic), and the output is written in one pass over the entries.
 */
#include <stdlib.h>
#include <string.h>

#include "providers/base/readiness.h"

enum { SEL_READ, SEL_WRITE, SEL_EXCEPT, SEL_SETS };

/*
 * The most entries one set may hold: ws2_32 refuses more (WS2_COUNT_MAX,
 * WSAEINVAL) before anything is sized from the count; a caller of the SPI
 * is answered the same, and the sums and the table size below cannot wrap.
 */
#define SELECT_MAX_ENTRIES (1u << 20)

/* The readiness conditions each set reports (readiness.h). */
static const int select__interest[SEL_SETS] = {
    READY_IN | READY_FIN | READY_ABORT | READY_ERROR,
    READY_OUT,
    READY_OOB | READY_CONNECT_FAILED,
};

struct select__call {
    fd_set *sets[SEL_SETS];
    /* The entries of each set as given (sets may be one and the same fd_set). */
    SOCKET *given[SEL_SETS];
    u_int given_count[SEL_SETS];
    unsigned *item_of[SEL_SETS]; /* the item each given entry is */
    /* One item per distinct socket. */
    unsigned n;
    struct bsock **socks;
    int *interest;
    int *ready;
    /* Which output sets (by the index of the first set with the same pointer) hold the item. */
    unsigned char *placed;
    /* Open addressing over the SOCKET values: item + 1, or 0 for a free slot. */
    unsigned *table;
    unsigned mask; /* the table's size - 1 (a power of two, at least twice the entries) */
};

/* Where the search for s starts: Fibonacci hashing, as handle values are multiples of 4. */
static unsigned select__hash(SOCKET s, unsigned mask)
{
    return (unsigned)(((uint64_t)s * 0x9E3779B97F4A7C15u) >> 32) & mask;
}

static int select__add(struct select__call *c, int k)
{
    fd_set *set = c->sets[k];
    if (!set)
        return 0;
    for (u_int i = 0; i < c->given_count[k]; i++) {
        SOCKET s = c->given[k][i];
        unsigned h = select__hash(s, c->mask);
        while (c->table[h] && c->socks[c->table[h] - 1]->handle != s)
            h = (h + 1) & c->mask;
        unsigned j = c->table[h] - 1;
        if (!c->table[h]) {
            int error;
            struct bsock *b = bsock_get(s, &error);
            if (!b)
                return WSAENOTSOCK;
            j = c->n++;
            c->socks[j] = b;
            c->table[h] = j + 1;
        }
        c->interest[j] |= select__interest[k];
        c->item_of[k][i] = j;
    }
    return 0;
}

/* Rewrites the sets with the ready sockets; returns the count select returns. */
static int select__store(struct select__call *c)
{
    int slot[SEL_SETS];
    for (int k = 0; k < SEL_SETS; k++) {
        slot[k] = k;
        for (int m = 0; m < k; m++)
            if (c->sets[m] && c->sets[m] == c->sets[k]) {
                slot[k] = slot[m];
                break;
            }
        if (c->sets[k])
            c->sets[k]->fd_count = 0;
    }
    int count = 0;
    for (int k = 0; k < SEL_SETS; k++) {
        if (!c->sets[k])
            continue;
        for (u_int i = 0; i < c->given_count[k]; i++) {
            unsigned j = c->item_of[k][i];
            unsigned char bit = (unsigned char)(1u << slot[k]);
            if (!(c->ready[j] & select__interest[k]) || (c->placed[j] & bit))
                continue;
            c->placed[j] |= bit;
            fd_set *out = c->sets[k];
            out->fd_array[out->fd_count++] = c->given[k][i];
            count++;
        }
    }
    return count;
}

/* The deadline of a time-out (-1: none); saturates rather than overflow. */
static int64_t select__deadline(const struct timeval *timeout)
{
    if (!timeout)
        return -1;
    const int64_t max_sec = INT64_MAX / 1000000000 / 4;
    int64_t sec = timeout->tv_sec + timeout->tv_usec / 1000000;
    if (sec > max_sec)
        return -1; /* longer than a century: as good as never */
    return sys_now_ns() + sec * 1000000000 + (int64_t)(timeout->tv_usec % 1000000) * 1000;
}

static void select__free(struct select__call *c)
{
    for (unsigned i = 0; i < c->n; i++)
        bsock_put(c->socks[i]);
    for (int k = 0; k < SEL_SETS; k++) {
        free(c->given[k]);
        free(c->item_of[k]);
    }
    free(c->socks);
    free(c->interest);
    free(c->ready);
    free(c->placed);
    free(c->table);
}

int WSPAPI base_WSPSelect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                          const struct timeval *timeout, LPINT lpErrno)
{
    (void)nfds; /* ignored, as on Windows */
    struct select__call c = {.sets = {readfds, writefds, exceptfds}};
    unsigned total = 0;
    bool too_many = false;
    for (int k = 0; k < SEL_SETS; k++) {
        if (c.sets[k]) {
            total += c.sets[k]->fd_count;
            too_many |= c.sets[k]->fd_count > SELECT_MAX_ENTRIES;
        }
    }
    if (total == 0 || too_many || (timeout && (timeout->tv_sec < 0 || timeout->tv_usec < 0))) {
        *lpErrno = WSAEINVAL;
        return SOCKET_ERROR;
    }
    int error = 0;
    for (int k = 0; k < SEL_SETS && !error; k++) {
        if (!c.sets[k])
            continue;
        /* A copy: the output may be written over the input of another set. */
        c.given_count[k] = c.sets[k]->fd_count;
        c.given[k] = malloc((c.given_count[k] ? c.given_count[k] : 1) * sizeof(SOCKET));
        c.item_of[k] = malloc((c.given_count[k] ? c.given_count[k] : 1) * sizeof(unsigned));
        if (!c.given[k] || !c.item_of[k])
            error = WSAENOBUFS;
        else
            memcpy(c.given[k], c.sets[k]->fd_array, c.given_count[k] * sizeof(SOCKET));
    }
    c.socks = calloc(total, sizeof(*c.socks));
    c.interest = calloc(total, sizeof(*c.interest));
    c.ready = calloc(total, sizeof(*c.ready));
    c.placed = calloc(total, sizeof(*c.placed));
    unsigned size = 2;
    while (size < 2 * total)
        size *= 2;
    c.mask = size - 1;
    c.table = calloc(size, sizeof(*c.table));
    if (!c.socks || !c.interest || !c.ready || !c.placed || !c.table)
        error = WSAENOBUFS;
    for (int k = 0; k < SEL_SETS && !error; k++)
        error = select__add(&c, k);

    int count = 0;
    if (!error) {
        /*
         * A select that finds a socket ready runs no queued APC; one that
         * waits is alertable (Wine's test_select on Windows, with a
         * 500-microsecond time-out).
         */
        bool alertable = !timeout || timeout->tv_sec > 0 || timeout->tv_usec > 0;
        error = ready_wait(c.socks, c.n, c.interest, c.ready, select__deadline(timeout), alertable);
    }
    /* On failure the sets are left as they were (Windows leaves them so for WSAENOTSOCK). */
    if (!error)
        count = select__store(&c);
    select__free(&c);
    if (error) {
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    return count;
}
