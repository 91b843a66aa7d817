/* The heaps of glibc's malloc arenas, learned from /proc/self/maps (usermem_arena.h). */
#include "sys/usermem_arena.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "sys/sys.h"

/* glibc's HEAP_MAX_SIZE on 64-bit: 2 * DEFAULT_MMAP_THRESHOLD_MAX; every arena heap starts on it.
 */
#define ARENA_HEAP_SIZE ((uintptr_t)64 << 20)
/* Heaps kept; a process has a few per arena, and at most 8 arenas per core by default. */
#define ARENA_MAX 128
/* The shortest and longest wait between two learnings (usermem_arena_missed). */
#define ARENA_RELEARN_MIN_NS 10000000LL   /* 10 ms */
#define ARENA_RELEARN_MAX_NS 1000000000LL /* 1 s */
/* The first size of the buffer the maps text is read into (it grows to hold it all). */
#define ARENA_READ_FIRST 65536

/*
 * The learned heaps, read without a lock: seq is odd while the learning
 * thread rewrites them, and a reader that saw it change meanwhile says
 * "not known" (it then asks the kernel, which is always right).
 */
static struct {
    _Atomic unsigned seq;
    _Atomic unsigned n;
    _Atomic uintptr_t lo[ARENA_MAX], hi[ARENA_MAX];
} arena__set;

/* The learning and forgetting: one thread at a time (learners do not wait for it). */
static pthread_mutex_t arena__lock = PTHREAD_MUTEX_INITIALIZER;
static int64_t arena__last_ns;                               /* arena__lock */
static int64_t arena__interval_ns = ARENA_RELEARN_MIN_NS;    /* arena__lock */
static uintptr_t arena__lo[ARENA_MAX], arena__hi[ARENA_MAX]; /* arena__lock: what is published */
static pthread_once_t arena__once = PTHREAD_ONCE_INIT;
static bool arena__off; /* glibc may take access back from a heap's top here: learn nothing */

bool usermem_arena_known(uintptr_t lo, uintptr_t hi)
{
    unsigned seq = atomic_load_explicit(&arena__set.seq, memory_order_acquire);
    if (seq & 1)
        return false;
    unsigned n = atomic_load_explicit(&arena__set.n, memory_order_relaxed);
    bool found = false;
    for (unsigned i = 0; i < n && i < ARENA_MAX && !found; i++)
        found = lo >= atomic_load_explicit(&arena__set.lo[i], memory_order_relaxed) &&
                hi <= atomic_load_explicit(&arena__set.hi[i], memory_order_relaxed);
    atomic_thread_fence(memory_order_acquire);
    return found && atomic_load_explicit(&arena__set.seq, memory_order_relaxed) == seq;
}

/* Publishes arena__lo/hi[0, n) (arena__lock held). */
static void arena__publish(size_t n)
{
    atomic_fetch_add_explicit(&arena__set.seq, 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    for (size_t i = 0; i < n; i++) {
        atomic_store_explicit(&arena__set.lo[i], arena__lo[i], memory_order_relaxed);
        atomic_store_explicit(&arena__set.hi[i], arena__hi[i], memory_order_relaxed);
    }
    atomic_store_explicit(&arena__set.n, (unsigned)n, memory_order_relaxed);
    atomic_fetch_add_explicit(&arena__set.seq, 1, memory_order_release);
}

/*
 * A forked child has one thread: the lock must not be held by one it does
 * not have.  The fork waits for a learning in progress, which also leaves
 * seq even in the child.
 */
static void arena__fork_prepare(void)
{
    pthread_mutex_lock(&arena__lock);
}

static void arena__fork_after(void)
{
    pthread_mutex_unlock(&arena__lock);
}

/* Strict overcommit, or a set-user-ID program: glibc's shrink_heap then maps PROT_NONE. */
static void arena__init(void)
{
    pthread_atfork(arena__fork_prepare, arena__fork_after, arena__fork_after);
    if (getauxval(AT_SECURE)) {
        arena__off = true;
        return;
    }
    int fd = open("/proc/sys/vm/overcommit_memory", O_RDONLY | O_CLOEXEC);
    char mode = '0';
    if (fd >= 0) {
        if (read(fd, &mode, 1) != 1)
            mode = '2'; /* unknown: assume the worst */
        close(fd);
    }
    arena__off = mode == '2';
}

/* Parses a hexadecimal number ending at stop; false if there is none or it overflows. */
static bool arena__hex(const char **p, const char *end, char stop, uintptr_t *value)
{
    uintptr_t v = 0;
    const char *s = *p;
    if (s == end || *s == stop)
        return false;
    for (; s < end && *s != stop; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (*s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else
            return false;
        if (v > (UINTPTR_MAX >> 4))
            return false;
        v = v << 4 | d;
    }
    if (s == end)
        return false;
    *p = s + 1;
    *value = v;
    return true;
}

/* Whether the next bytes are word (consumed if so). */
static bool arena__word(const char **p, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - *p) < n || memcmp(*p, word, n) != 0)
        return false;
    *p += n;
    return true;
}

/*
 * One line without its newline: an anonymous private mapping with no name,
 * "lo-hi <perms> 00000000 00:00 0", perms being "rw-p" or "---p".
 */
static bool arena__line(const char *s, const char *end, const char *perms, uintptr_t *lo,
                        uintptr_t *hi)
{
    uintptr_t offset;
    if (!arena__hex(&s, end, '-', lo) || !arena__hex(&s, end, ' ', hi) ||
        !arena__word(&s, end, perms) || !arena__word(&s, end, " ") ||
        !arena__hex(&s, end, ' ', &offset) || offset != 0 || !arena__word(&s, end, "00:00 0"))
        return false;
    while (s < end && *s == ' ')
        s++;
    return s == end && *lo < *hi;
}

size_t usermem_arena_parse(const char *text, size_t len, uintptr_t *lo, uintptr_t *hi, size_t max)
{
    size_t n = 0;
    const char *p = text, *end = text + len;
    while (p < end && n < max) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = eol ? eol : end;
        const char *next = eol ? eol + 1 : end;
        uintptr_t a, b;
        if (arena__line(p, line_end, "rw-p", &a, &b) && a % ARENA_HEAP_SIZE == 0) {
            /*
             * The rest of the last 64 MiB, reserved without access, right
             * after: a heap, or several (Linux lists adjacent heaps that are
             * read-write throughout as one mapping with the next one's
             * read-write part).
             */
            bool heap = b % ARENA_HEAP_SIZE == 0;
            if (!heap && next < end) {
                const char *eol2 = memchr(next, '\n', (size_t)(end - next));
                uintptr_t c, d;
                heap = arena__line(next, eol2 ? eol2 : end, "---p", &c, &d) && c == b &&
                       d == (b | (ARENA_HEAP_SIZE - 1)) + 1;
            }
            if (heap) {
                lo[n] = a;
                hi[n] = b;
                n++;
            }
        }
        p = next;
    }
    return n;
}

/* /proc/self/maps, whole, into a buffer that grows as it must; its length, or -1. */
static ssize_t arena__read_maps(char **buf)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t size = ARENA_READ_FIRST, have = 0;
    char *b = malloc(size);
    while (b) {
        if (have == size) {
            char *bigger = realloc(b, size * 2);
            if (!bigger) {
                free(b);
                b = NULL;
                break;
            }
            b = bigger;
            size *= 2;
        }
        ssize_t r = read(fd, b + have, size - have);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(b);
            b = NULL;
        }
        if (r <= 0)
            break;
        have += (size_t)r;
    }
    close(fd);
    *buf = b;
    return b ? (ssize_t)have : -1;
}

/* Learns the heaps again (arena__lock held); false if the maps could not be read. */
static bool arena__learn(void)
{
    char *text;
    ssize_t len = arena__read_maps(&text);
    if (len < 0)
        return false;
    size_t n = usermem_arena_parse(text, (size_t)len, arena__lo, arena__hi, ARENA_MAX);
    free(text);
    arena__publish(n);
    return true;
}

void usermem_arena_missed(uintptr_t lo, uintptr_t hi)
{
    pthread_once(&arena__once, arena__init);
    if (arena__off || pthread_mutex_trylock(&arena__lock) != 0)
        return; /* nothing to learn here, or another thread learns now */
    int64_t now = sys_now_ns();
    if (now - arena__last_ns >= arena__interval_ns) {
        arena__last_ns = now;
        /*
         * Learning again helps when the span was in a heap that grew or a new
         * arena; when it was elsewhere (mmap, VirtualAlloc) it does not, and
         * the next try waits twice as long.
         */
        bool helped = arena__learn() && usermem_arena_known(lo, hi);
        if (helped)
            arena__interval_ns = ARENA_RELEARN_MIN_NS;
        else if (arena__interval_ns < ARENA_RELEARN_MAX_NS)
            arena__interval_ns *= 2;
    }
    pthread_mutex_unlock(&arena__lock);
}

void usermem_arena_forget(uintptr_t lo, uintptr_t hi)
{
    pthread_mutex_lock(&arena__lock);
    unsigned n = atomic_load_explicit(&arena__set.n, memory_order_relaxed), kept = 0;
    for (unsigned i = 0; i < n && i < ARENA_MAX; i++)
        if (arena__hi[i] <= lo || hi <= arena__lo[i]) {
            arena__lo[kept] = arena__lo[i];
            arena__hi[kept] = arena__hi[i];
            kept++;
        }
    if (kept != n) {
        arena__publish(kept);
        arena__interval_ns = ARENA_RELEARN_MIN_NS; /* a heap there later is learned soon */
    }
    pthread_mutex_unlock(&arena__lock);
}
