/* The heaps of glibc's malloc arenas, learned from /proc/self/maps (usermem_arena.h). */
#include "sys/usermem_arena.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "sys/sys.h"

/* glibc's HEAP_MAX_SIZE on 64-bit: 2 * DEFAULT_MMAP_THRESHOLD_MAX; every arena heap starts on it.
 */
#define ARENA_HEAP_ALIGN ((uintptr_t)64 << 20)
/* Heaps kept; a process has a few per arena, and at most 8 arenas per core by default. */
#define ARENA_MAX 128
/* The shortest and longest wait between two learnings (usermem_arena_missed). */
#define ARENA_RELEARN_MIN_NS 10000000LL   /* 10 ms */
#define ARENA_RELEARN_MAX_NS 1000000000LL /* 1 s */
/* Room for a few lines of the maps file at a time (a line is at most a path and 80 bytes). */
#define ARENA_READ_BUFFER 16384

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

/* The learning: one thread at a time, the others go on without it. */
static pthread_mutex_t arena__lock = PTHREAD_MUTEX_INITIALIZER;
static int64_t arena__last_ns;                            /* arena__lock */
static int64_t arena__interval_ns = ARENA_RELEARN_MIN_NS; /* arena__lock */
static _Atomic bool arena__forgotten; /* forget came: the next miss learns at once */

bool usermem_arena_known(uintptr_t lo, uintptr_t hi)
{
    unsigned seq = atomic_load_explicit(&arena__set.seq, memory_order_acquire);
    if (seq & 1)
        return false;
    unsigned n = atomic_load_explicit(&arena__set.n, memory_order_relaxed);
    bool found = false;
    for (unsigned i = 0; i < n && !found; i++)
        found = lo >= atomic_load_explicit(&arena__set.lo[i], memory_order_relaxed) &&
                hi <= atomic_load_explicit(&arena__set.hi[i], memory_order_relaxed);
    atomic_thread_fence(memory_order_acquire);
    return found && atomic_load_explicit(&arena__set.seq, memory_order_relaxed) == seq;
}

/* Replaces the learned heaps (arena__lock held, or the set's only writer). */
static void arena__publish(const uintptr_t *lo, const uintptr_t *hi, size_t n)
{
    atomic_fetch_add_explicit(&arena__set.seq, 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    for (size_t i = 0; i < n; i++) {
        atomic_store_explicit(&arena__set.lo[i], lo[i], memory_order_relaxed);
        atomic_store_explicit(&arena__set.hi[i], hi[i], memory_order_relaxed);
    }
    atomic_store_explicit(&arena__set.n, (unsigned)n, memory_order_relaxed);
    atomic_fetch_add_explicit(&arena__set.seq, 1, memory_order_release);
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

/* Whether the next bytes are word followed by a space (or the end of the line for the last). */
static bool arena__word(const char **p, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - *p) < n || memcmp(*p, word, n) != 0)
        return false;
    *p += n;
    return true;
}

/*
 * One line, without its newline: an arena heap's read-write part is
 * "start-end rw-p 00000000 00:00 0" with no name, start on a heap boundary.
 */
static bool arena__line(const char *s, const char *end, uintptr_t *lo, uintptr_t *hi)
{
    uintptr_t offset;
    if (!arena__hex(&s, end, '-', lo) || !arena__hex(&s, end, ' ', hi) ||
        !arena__word(&s, end, "rw-p ") || !arena__hex(&s, end, ' ', &offset) || offset != 0 ||
        !arena__word(&s, end, "00:00 0"))
        return false;
    while (s < end && *s == ' ')
        s++;
    return s == end && *lo < *hi && *lo % ARENA_HEAP_ALIGN == 0;
}

size_t usermem_arena_parse(const char *text, size_t len, uintptr_t *lo, uintptr_t *hi, size_t max)
{
    size_t n = 0;
    const char *p = text, *end = text + len;
    while (p < end && n < max) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = eol ? eol : end;
        if (arena__line(p, line_end, &lo[n], &hi[n]))
            n++;
        p = eol ? eol + 1 : end;
    }
    return n;
}

/* Reads /proc/self/maps a buffer at a time; false if it cannot be read. */
static bool arena__learn(void)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    static uintptr_t lo[ARENA_MAX], hi[ARENA_MAX]; /* arena__lock */
    char buf[ARENA_READ_BUFFER];
    size_t n = 0, have = 0;
    for (;;) {
        ssize_t r = read(fd, buf + have, sizeof(buf) - have);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        have += (size_t)r;
        /* Whole lines only; the rest waits for the next read. */
        const char *last = memrchr(buf, '\n', have);
        if (!last) {
            have = 0; /* a line longer than the buffer: no heap's */
            continue;
        }
        size_t used = (size_t)(last - buf) + 1;
        n += usermem_arena_parse(buf, used, lo + n, hi + n, ARENA_MAX - n);
        memmove(buf, buf + used, have - used);
        have -= used;
    }
    close(fd);
    n += usermem_arena_parse(buf, have, lo + n, hi + n, ARENA_MAX - n);
    arena__publish(lo, hi, n);
    return true;
}

void usermem_arena_missed(uintptr_t lo, uintptr_t hi)
{
    if (pthread_mutex_trylock(&arena__lock) != 0)
        return; /* another thread learns now */
    int64_t now = sys_now_ns();
    bool forgotten = atomic_exchange(&arena__forgotten, false);
    if (forgotten || now - arena__last_ns >= arena__interval_ns) {
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

void usermem_arena_forget(void)
{
    pthread_mutex_lock(&arena__lock);
    arena__publish(NULL, NULL, 0);
    arena__interval_ns = ARENA_RELEARN_MIN_NS;
    atomic_store(&arena__forgotten, true);
    pthread_mutex_unlock(&arena__lock);
}
