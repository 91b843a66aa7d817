/*
 * The handle table (see handle.h for the contract).
 *
 * Slots live in chunks of 1024 that are allocated on demand and never freed,
 * so a lookup only needs two loads and a compare-and-swap: no lock.  Each
 * slot has one 64-bit state word:
 *
 *   bits  0..31  references (the handle's own one plus one per lookup in use)
 *   bit  32      live: set from insert until close
 *   bits 33..36  object type
 *   bit  37      shared: other handles name the same object (DuplicateHandle)
 *   bit  38      HANDLE_FLAG_INHERIT
 *   bit  39      HANDLE_FLAG_PROTECT_FROM_CLOSE
 *   bits 40..48  generation, also encoded in the handle value
 *
 * A handle value has 29 bits to spend (it stays below 2^31 and is a
 * multiple of 4): 20 name the slot, 9 its generation.  How soon a closed
 * value can name a new object depends on how soon its slot comes back, so
 * freed slots go to a FIFO and one is taken from it only while at least
 * REUSE_AFTER (2^15) slots wait there; otherwise a fresh slot is used.  A
 * slot therefore comes back only after at least REUSE_AFTER - 1 other
 * closes, and the same value (the same slot at the same generation, 2^9
 * reuses later) only after at least 2^9 * 2^15 - 1 = 16,777,215 other
 * closes.  The table never hands a slot back sooner: with every other slot
 * in use it is full (handle_insert fails), which leaves room for
 * HANDLE_LIVE_MAX handles at once.  Even a value that does recur is
 * checked against the type asked for.
 *
 * The FIFO costs no memory of its own (its links are in the free slots),
 * and the slots it holds are 2^15 * 16 bytes = 512 KiB, allocated only once
 * a program has closed that many handles.
 *
 * DuplicateHandle makes several slots name one object ("The duplicate
 * handle refers to the same object as the original handle"; the object
 * lives until its last handle is closed).  A slot is one handle, so the
 * object's own count is kept apart, in a small table keyed by the object
 * (struct handle_group below), and only for objects that were duplicated:
 * their slots carry SHARED_BIT, and only their closes look the table up.
 * Every other close pays one bit test.
 */
#include "kernel/handle.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#define INDEX_BITS  20
#define GEN_BITS    9
#define CHUNK_BITS  10
#define CHUNK_SLOTS (1u << CHUNK_BITS)
#define CHUNK_COUNT (1u << (INDEX_BITS - CHUNK_BITS))
#define INDEX_MASK  ((1u << INDEX_BITS) - 1)
#define GEN_MASK    ((1u << GEN_BITS) - 1)
#define REUSE_AFTER (1u << 15)

#define REFS_MASK   0xffffffffull
#define LIVE_BIT    (1ull << 32)
#define TYPE_SHIFT  33
#define TYPE_MASK   (0xfull << TYPE_SHIFT)
#define SHARED_BIT  (1ull << 37)
#define INHERIT_BIT (1ull << 38)
#define PROTECT_BIT (1ull << 39)
#define GEN_SHIFT   40

struct slot {
    _Atomic uint64_t state;
    /* The object while live; the next free index while on the free list. */
    _Atomic uintptr_t obj;
};

static struct slot *_Atomic chunks[CHUNK_COUNT];

static pthread_mutex_t alloc_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t next_fresh = 1; /* index 0 is never used: no handle is 0 */
static uint32_t free_head, free_tail, free_count;

static inline uint32_t handle__index(uintptr_t h)
{
    return (uint32_t)(h >> 2) & INDEX_MASK;
}

static inline uint32_t handle__gen(uintptr_t h)
{
    return (uint32_t)(h >> (2 + INDEX_BITS)) & GEN_MASK;
}

static inline uint32_t state__gen(uint64_t s)
{
    return (uint32_t)(s >> GEN_SHIFT) & GEN_MASK;
}

static inline enum kobj_type state__type(uint64_t s)
{
    return (enum kobj_type)((s & TYPE_MASK) >> TYPE_SHIFT);
}

static struct slot *handle__slot_of_index(uint32_t index)
{
    struct slot *chunk = atomic_load_explicit(&chunks[index >> CHUNK_BITS], memory_order_acquire);
    return chunk ? &chunk[index & (CHUNK_SLOTS - 1)] : NULL;
}

/* The slot a handle value names, or NULL if the value cannot be a handle. */
static struct slot *handle__slot(uintptr_t h)
{
    if ((h & 3) != 0 || h >= (1ull << (2 + INDEX_BITS + GEN_BITS)))
        return NULL;
    uint32_t index = handle__index(h);
    if (index == 0)
        return NULL;
    return handle__slot_of_index(index);
}

_Static_assert(((uint64_t)1 << GEN_BITS) * REUSE_AFTER - 1 >= 16000000,
               "a closed handle value must not recur within 16 million other closes");
_Static_assert(HANDLE_LIVE_MAX == INDEX_MASK - (REUSE_AFTER - 1), "HANDLE_LIVE_MAX is stale");

/*
 * Takes a free index; called with alloc_lock held.  Returns 0 when full:
 * a slot that has not waited behind REUSE_AFTER - 1 others is never taken,
 * not even when no fresh index is left.
 */
static uint32_t handle__take_index(void)
{
    if (free_count >= REUSE_AFTER) {
        uint32_t index = free_head;
        struct slot *slot = handle__slot_of_index(index);
        free_head = (uint32_t)atomic_load_explicit(&slot->obj, memory_order_relaxed);
        if (--free_count == 0)
            free_tail = 0;
        return index;
    }
    if (next_fresh > INDEX_MASK)
        return 0;
    uint32_t index = next_fresh;
    uint32_t chunk = index >> CHUNK_BITS;
    if (!atomic_load_explicit(&chunks[chunk], memory_order_relaxed)) {
        struct slot *fresh = calloc(CHUNK_SLOTS, sizeof(*fresh));
        if (!fresh)
            return 0;
        atomic_store_explicit(&chunks[chunk], fresh, memory_order_release);
    }
    next_fresh++;
    return index;
}

static void handle__put_index(uint32_t index)
{
    struct slot *slot = handle__slot_of_index(index);
    pthread_mutex_lock(&alloc_lock);
    atomic_store_explicit(&slot->obj, 0, memory_order_relaxed);
    if (free_count == 0)
        free_head = index;
    else
        atomic_store_explicit(&handle__slot_of_index(free_tail)->obj, index, memory_order_relaxed);
    free_tail = index;
    free_count++;
    pthread_mutex_unlock(&alloc_lock);
}

/* --- Objects with several handles (DuplicateHandle) --------------------- */

/*
 * One duplicated object: how many slots still name it (the object is
 * destroyed when the last of them is gone, closed and unreferenced) and how
 * many of those are still open (handle_close_last tells the closer of the
 * last one, for what Windows does at the last close of an object: a port's
 * waiters are released).  Kept in a small hash table under group_lock;
 * entries exist only while the object has slots with SHARED_BIT.
 */
struct handle_group {
    struct handle_group *next;
    struct kobj *obj;
    unsigned slots;
    unsigned open;
};

#define GROUP_BUCKETS 64
static pthread_mutex_t group_lock = PTHREAD_MUTEX_INITIALIZER;
static struct handle_group *groups[GROUP_BUCKETS];

static struct handle_group **handle__group_link(const struct kobj *obj)
{
    uintptr_t key = (uintptr_t)obj;
    struct handle_group **link = &groups[(key >> 4 ^ key >> 12) % GROUP_BUCKETS];
    while (*link && (*link)->obj != obj)
        link = &(*link)->next;
    return link;
}

/* A slot of a duplicated object is gone: true if it was the object's last. */
static bool handle__group_slot_gone(struct kobj *obj)
{
    pthread_mutex_lock(&group_lock);
    struct handle_group **link = handle__group_link(obj);
    struct handle_group *g = *link;
    bool last = !g || --g->slots == 0;
    if (g && last)
        *link = g->next;
    pthread_mutex_unlock(&group_lock);
    if (g && last)
        free(g);
    return last;
}

/* A handle of a duplicated object was closed: true if no other handle is open. */
static bool handle__group_closed(struct kobj *obj)
{
    pthread_mutex_lock(&group_lock);
    struct handle_group *g = *handle__group_link(obj);
    bool last = !g || --g->open == 0;
    pthread_mutex_unlock(&group_lock);
    return last;
}

/* Inserts obj under a fresh slot whose state also has the given flag bits. */
static uintptr_t handle__insert(struct kobj *obj, uint64_t bits)
{
    pthread_mutex_lock(&alloc_lock);
    uint32_t index = handle__take_index();
    pthread_mutex_unlock(&alloc_lock);
    if (index == 0)
        return 0;

    struct slot *slot = handle__slot_of_index(index);
    uint64_t s = atomic_load_explicit(&slot->state, memory_order_relaxed);
    uint32_t gen = state__gen(s);
    atomic_store_explicit(&slot->obj, (uintptr_t)obj, memory_order_relaxed);
    uint64_t live = ((uint64_t)gen << GEN_SHIFT) | ((uint64_t)obj->ops->type << TYPE_SHIFT) |
                    LIVE_BIT | bits | 1;
    atomic_store_explicit(&slot->state, live, memory_order_release);
    return ((uintptr_t)gen << (2 + INDEX_BITS)) | ((uintptr_t)index << 2);
}

uintptr_t handle_insert(struct kobj *obj)
{
    return handle__insert(obj, 0);
}

static bool handle__matches(uint64_t s, uintptr_t h, enum kobj_type type)
{
    return (s & LIVE_BIT) && state__gen(s) == handle__gen(h) &&
           (type == KOBJ_ANY || state__type(s) == type);
}

struct kobj *handle_ref(uintptr_t h, enum kobj_type type)
{
    struct slot *slot = handle__slot(h);
    if (!slot)
        return NULL;
    uint64_t s = atomic_load_explicit(&slot->state, memory_order_acquire);
    do {
        if (!handle__matches(s, h, type) || (s & REFS_MASK) == REFS_MASK)
            return NULL;
    } while (!atomic_compare_exchange_weak_explicit(&slot->state, &s, s + 1, memory_order_acquire,
                                                    memory_order_acquire));
    return (struct kobj *)atomic_load_explicit(&slot->obj, memory_order_relaxed);
}

bool handle_names(uintptr_t h, enum kobj_type type, const struct kobj *obj)
{
    struct slot *slot = handle__slot(h);
    if (!slot)
        return false;
    uint64_t s = atomic_load_explicit(&slot->state, memory_order_acquire);
    if (!handle__matches(s, h, type))
        return false;
    uintptr_t named = atomic_load_explicit(&slot->obj, memory_order_acquire);
    /*
     * The slot still holds the same handle (live, same generation and
     * flags; only the reference count may have moved), so obj was what it
     * named, at least for a moment during the call.
     */
    uint64_t again = atomic_load_explicit(&slot->state, memory_order_acquire);
    return named == (uintptr_t)obj && (again & ~REFS_MASK) == (s & ~REFS_MASK);
}

void handle_unref(uintptr_t h)
{
    struct slot *slot = handle__slot(h);
    uint64_t s = atomic_fetch_sub_explicit(&slot->state, 1, memory_order_acq_rel);
    /* A reference dropped twice would corrupt the slot's generation: stop here. */
    assert((s & REFS_MASK) != 0 && "handle reference dropped twice");
    if ((s & REFS_MASK) != 1 || (s & LIVE_BIT))
        return;

    /*
     * Last reference to a closed handle: nobody else can reach the slot now.
     * The object goes with it unless other handles name it (DuplicateHandle).
     */
    struct kobj *obj = (struct kobj *)atomic_load_explicit(&slot->obj, memory_order_relaxed);
    if (!(s & SHARED_BIT) || handle__group_slot_gone(obj))
        obj->ops->destroy(obj);
    uint64_t next_gen = (uint64_t)((state__gen(s) + 1) & GEN_MASK) << GEN_SHIFT;
    atomic_store_explicit(&slot->state, next_gen, memory_order_release);
    handle__put_index(handle__index(h));
}

struct kobj *handle_close_last(uintptr_t h, enum kobj_type type, bool *last)
{
    struct slot *slot = handle__slot(h);
    if (!slot)
        return NULL;
    uint64_t s = atomic_load_explicit(&slot->state, memory_order_acquire);
    do {
        if (!handle__matches(s, h, type))
            return NULL;
    } while (!atomic_compare_exchange_weak_explicit(&slot->state, &s, s & ~LIVE_BIT,
                                                    memory_order_acq_rel, memory_order_acquire));
    struct kobj *obj = (struct kobj *)atomic_load_explicit(&slot->obj, memory_order_relaxed);
    bool only = !(s & SHARED_BIT) || handle__group_closed(obj);
    if (last)
        *last = only;
    return obj;
}

struct kobj *handle_close(uintptr_t h, enum kobj_type type)
{
    return handle_close_last(h, type, NULL);
}

/* --- Duplicated objects: handle_duplicate and the flags -------------- */

uintptr_t handle_duplicate(uintptr_t h, unsigned flags, DWORD *error)
{
    *error = ERROR_INVALID_HANDLE;
    struct slot *slot = handle__slot(h);
    if (!slot)
        return 0;
    uint64_t bits = SHARED_BIT | (flags & HANDLE_FLAG_INHERIT ? INHERIT_BIT : 0) |
                    (flags & HANDLE_FLAG_PROTECT_FROM_CLOSE ? PROTECT_BIT : 0);
    pthread_mutex_lock(&group_lock);
    /*
     * The source's slot is marked shared while it is live (a racing close
     * either comes first, and the duplication fails as for a closed handle,
     * or sees the mark), and holds a reference meanwhile, so that its object
     * stays while the new slot is made.
     */
    uint64_t s = atomic_load_explicit(&slot->state, memory_order_acquire);
    do {
        if (!handle__matches(s, h, KOBJ_ANY) || (s & REFS_MASK) == REFS_MASK) {
            pthread_mutex_unlock(&group_lock);
            return 0;
        }
    } while (!atomic_compare_exchange_weak_explicit(&slot->state, &s, (s | SHARED_BIT) + 1,
                                                    memory_order_acq_rel, memory_order_acquire));
    struct kobj *obj = (struct kobj *)atomic_load_explicit(&slot->obj, memory_order_relaxed);
    struct handle_group **link = handle__group_link(obj);
    struct handle_group *g = *link;
    bool fresh = !g;
    if (fresh && (g = calloc(1, sizeof(*g))) != NULL) {
        g->obj = obj;
        g->slots = g->open = 1; /* the source */
        *link = g;
    }
    uintptr_t dup = g ? handle__insert(obj, bits) : 0;
    if (dup) {
        g->slots++;
        g->open++;
    } else {
        *error = ERROR_NOT_ENOUGH_MEMORY;
    }
    /*
     * A fresh group that got no second slot stays, with the source alone: the
     * source is already marked, and its close will find and free it.
     */
    pthread_mutex_unlock(&group_lock);
    handle_unref(h);
    if (dup)
        *error = 0;
    return dup;
}

bool handle_get_flags(uintptr_t h, DWORD *flags)
{
    struct slot *slot = handle__slot(h);
    if (!slot)
        return false;
    uint64_t s = atomic_load_explicit(&slot->state, memory_order_acquire);
    if (!handle__matches(s, h, KOBJ_ANY))
        return false;
    *flags = (s & INHERIT_BIT ? HANDLE_FLAG_INHERIT : 0) |
             (s & PROTECT_BIT ? HANDLE_FLAG_PROTECT_FROM_CLOSE : 0);
    return true;
}

bool handle_set_flags(uintptr_t h, DWORD mask, DWORD flags)
{
    struct slot *slot = handle__slot(h);
    if (!slot)
        return false;
    uint64_t clear = (mask & HANDLE_FLAG_INHERIT ? INHERIT_BIT : 0) |
                     (mask & HANDLE_FLAG_PROTECT_FROM_CLOSE ? PROTECT_BIT : 0);
    uint64_t set = (mask & flags & HANDLE_FLAG_INHERIT ? INHERIT_BIT : 0) |
                   (mask & flags & HANDLE_FLAG_PROTECT_FROM_CLOSE ? PROTECT_BIT : 0);
    uint64_t s = atomic_load_explicit(&slot->state, memory_order_acquire);
    do {
        if (!handle__matches(s, h, KOBJ_ANY))
            return false;
    } while (!atomic_compare_exchange_weak_explicit(&slot->state, &s, (s & ~clear) | set,
                                                    memory_order_acq_rel, memory_order_acquire));
    return true;
}

static uint32_t handle__fresh_limit(void)
{
    pthread_mutex_lock(&alloc_lock);
    uint32_t limit = next_fresh;
    pthread_mutex_unlock(&alloc_lock);
    return limit;
}

void handle_for_each(enum kobj_type type, void (*fn)(uintptr_t h, struct kobj *obj, void *ctx),
                     void *ctx)
{
    uint32_t limit = handle__fresh_limit();
    for (uint32_t index = 1; index < limit; index++) {
        struct slot *slot = handle__slot_of_index(index);
        uint64_t s = atomic_load_explicit(&slot->state, memory_order_acquire);
        if (!(s & LIVE_BIT) || (type != KOBJ_ANY && state__type(s) != type))
            continue;
        uintptr_t h = ((uintptr_t)state__gen(s) << (2 + INDEX_BITS)) | ((uintptr_t)index << 2);
        struct kobj *obj = handle_ref(h, type);
        if (!obj)
            continue;
        fn(h, obj, ctx);
        handle_unref(h);
    }
}

unsigned handle_count(enum kobj_type type)
{
    unsigned count = 0;
    uint32_t limit = handle__fresh_limit();
    for (uint32_t index = 1; index < limit; index++) {
        uint64_t s =
            atomic_load_explicit(&handle__slot_of_index(index)->state, memory_order_acquire);
        if ((s & LIVE_BIT) && (type == KOBJ_ANY || state__type(s) == type))
            count++;
    }
    return count;
}
