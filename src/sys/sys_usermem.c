/*
 * The kernel's check of the caller's pointers (see usermem.h).
 *
 * The spans the fast paths below cannot vouch for are checked together by
 * one process_vm_readv on our own process (which needs no ptrace
 * permission): the kernel reads each span through a pinned page, and writes
 * what it read into a scratch buffer for a span that is only read, or back
 * onto the span itself for one that is written too, so that the kernel's
 * own write checks it and leaves its bytes as they were.  Memory that is not
 * mapped, or not writable where it must be, ends the copy short (EFAULT).
 */
#include "sys/usermem.h"

#include <elf.h>
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include "sys/tls.h"
#include "sys/usermem_arena.h"

/* The first page is never mapped (vm.mmap_min_addr): NULL and (void *)1 fail at once. */
#define USERMEM_LOW_LIMIT 4096
/* Pieces per system call, and the scratch buffer (the largest piece) a read piece lands in. */
#define USERMEM_IOV     64
#define USERMEM_SCRATCH 1024
/* Ranges of the main program kept for the fast path. */
#define USERMEM_RANGES 8

struct usermem__range {
    uintptr_t lo, hi;
};

/* What the process-wide fast paths know, computed once (usermem__init). */
static struct {
    pid_t pid;                /* the process process_vm_* act on: ours, renewed after fork */
    _Atomic bool unavailable; /* the kernel refuses process_vm_* (seccomp, old kernel) */
    uintptr_t brk_start;      /* the brk heap starts here (0: unknown) */
    struct usermem__range readable[USERMEM_RANGES], writable[USERMEM_RANGES];
    unsigned nreadable, nwritable;
} usermem__g;
static pthread_once_t usermem__once = PTHREAD_ONCE_INIT;

/*
 * Set for good once the program took access away from memory it did not get
 * from VirtualAlloc (VirtualProtect of its own data, its stack, the brk
 * heap): the ranges below may then be read-only or inaccessible, and every
 * check asks the kernel.
 */
static _Atomic bool usermem__distrusted;

/* The calling thread's stack: [lo, hi), or lo == hi when unknown. */
static SYS_TLS struct {
    bool known;
    uintptr_t lo, hi;
} usermem__stack;

/*
 * A forked child must check its own memory, not its parent's: the
 * self-copy of a write span would otherwise fill the child's span with the
 * parent's bytes.
 */
static void usermem__after_fork(void)
{
    usermem__g.pid = getpid();
}

/* start_brk is field 47 of /proc/self/stat (the command name, field 2, may hold spaces). */
static uintptr_t usermem__brk_start(void)
{
    char line[1024];
    FILE *f = fopen("/proc/self/stat", "re");
    if (!f)
        return 0;
    size_t n = fread(line, 1, sizeof(line) - 1, f);
    fclose(f);
    line[n] = '\0';
    char *p = strrchr(line, ')');
    if (!p)
        return 0;
    unsigned long long value = 0;
    int field = 2;
    for (p++; *p && field < 47; p++)
        if (*p == ' ')
            field++;
    if (field != 47 || sscanf(p, "%llu", &value) != 1)
        return 0;
    return (uintptr_t)value;
}

static void usermem__add(struct usermem__range *ranges, unsigned *count, uintptr_t lo, uintptr_t hi)
{
    if (lo < hi && *count < USERMEM_RANGES)
        ranges[(*count)++] = (struct usermem__range){lo, hi};
}

/*
 * The main program's loaded segments (it is never unloaded): readable ones,
 * and writable ones without the part that RELRO turns read-only at start.
 */
static int usermem__program(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    (void)arg;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t relro_lo = 0, relro_hi = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_GNU_RELRO) {
            relro_lo = (info->dlpi_addr + ph->p_vaddr) & ~(page - 1);
            relro_hi = (info->dlpi_addr + ph->p_vaddr + ph->p_memsz + page - 1) & ~(page - 1);
        }
    }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (ph->p_flags & PF_R)
            usermem__add(usermem__g.readable, &usermem__g.nreadable, lo, hi);
        if (!(ph->p_flags & PF_W))
            continue;
        if (relro_lo < relro_hi && lo < relro_hi && relro_lo < hi) {
            usermem__add(usermem__g.writable, &usermem__g.nwritable, lo,
                         relro_lo < lo ? lo : relro_lo);
            lo = relro_hi;
        }
        usermem__add(usermem__g.writable, &usermem__g.nwritable, lo, hi);
    }
    return 1; /* the first object is the program; the libraries may be unloaded */
}

static void usermem__init(void)
{
    usermem__g.pid = getpid();
    pthread_atfork(NULL, NULL, usermem__after_fork);
    usermem__g.brk_start = usermem__brk_start();
    dl_iterate_phdr(usermem__program, NULL);
}

static bool usermem__within(const struct usermem__range *ranges, unsigned count, uintptr_t lo,
                            uintptr_t hi)
{
    for (unsigned i = 0; i < count; i++)
        if (lo >= ranges[i].lo && hi <= ranges[i].hi)
            return true;
    return false;
}

/*
 * The thread's stack above the current frame is in use, so it is mapped
 * and writable.  A thread running on a stack of its own (a coroutine, a
 * signal stack) is not within the bounds and takes the system call.
 */
static bool usermem__on_stack(uintptr_t lo, uintptr_t hi)
{
    if (!usermem__stack.known) {
        usermem__stack.known = true;
        pthread_attr_t attr;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            void *addr;
            size_t size;
            if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
                usermem__stack.lo = (uintptr_t)addr;
                usermem__stack.hi = (uintptr_t)addr + size;
            }
            pthread_attr_destroy(&attr);
        }
    }
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
    return sp >= usermem__stack.lo && sp < usermem__stack.hi && lo >= sp && hi <= usermem__stack.hi;
}

/* Whether the span is known to be mapped with its access, without asking the kernel. */
static bool usermem__known(uintptr_t lo, uintptr_t hi, bool write)
{
    if (atomic_load_explicit(&usermem__distrusted, memory_order_relaxed))
        return false;
    if (usermem__on_stack(lo, hi))
        return true;
    /* glibc's malloc grows the brk heap for the main thread; it is read-write throughout. */
    uintptr_t brk = (uintptr_t)sbrk(0);
    if (usermem__g.brk_start && lo >= usermem__g.brk_start && hi <= brk)
        return true;
    if (write ? usermem__within(usermem__g.writable, usermem__g.nwritable, lo, hi)
              : usermem__within(usermem__g.readable, usermem__g.nreadable, lo, hi))
        return true;
    /* The other threads' malloc arenas: read-write throughout too (usermem_arena.h). */
    return usermem_arena_known(lo, hi);
}

/*
 * One process_vm_readv for the pieces gathered: remote[i] is read by the
 * kernel, local[i] written with what it read.  A piece to be read only is
 * copied into the scratch buffer; a piece to be written too is copied onto
 * itself, so the kernel's write checks it and leaves its bytes as they were.
 */
static bool usermem__ask(struct iovec *local, struct iovec *remote, unsigned n, size_t total)
{
    if (n == 0)
        return true;
    ssize_t r = process_vm_readv(usermem__g.pid, local, n, remote, n, 0);
    if (r == (ssize_t)total)
        return true;
    /*
     * Where the kernel refuses the call itself we cannot check, and
     * dereference as we did before there was a check.
     */
    if (r < 0 && (errno == ENOSYS || errno == EPERM)) {
        atomic_store(&usermem__g.unavailable, true);
        return true;
    }
    return false;
}

/* The spans the fast paths cannot vouch for, in as few system calls as fit (one, as a rule). */
static bool usermem__ask_all(const struct sys_user_span *spans, unsigned count)
{
    struct iovec local[USERMEM_IOV], remote[USERMEM_IOV];
    /* What the kernel copies into it is thrown away; on the stack, each thread has its own. */
    char scratch[USERMEM_SCRATCH];
    unsigned n = 0;
    size_t total = 0;
    uintptr_t missed_lo = 0, missed_hi = 0;
    for (unsigned i = 0; i < count; i++) {
        if (spans[i].n == 0)
            continue;
        uintptr_t lo = (uintptr_t)spans[i].p, hi = lo + spans[i].n;
        if (usermem__known(lo, hi, spans[i].write))
            continue;
        if (!missed_hi) {
            missed_lo = lo;
            missed_hi = hi;
        }
        while (lo < hi) {
            size_t piece = hi - lo < USERMEM_SCRATCH ? hi - lo : USERMEM_SCRATCH;
            if (n == USERMEM_IOV) {
                if (!usermem__ask(local, remote, n, total))
                    return false;
                n = 0;
                total = 0;
            }
            remote[n] = (struct iovec){(void *)lo, piece};
            local[n] = spans[i].write ? remote[n] : (struct iovec){scratch, piece};
            n++;
            total += piece;
            lo += piece;
        }
    }
    if (!usermem__ask(local, remote, n, total))
        return false;
    /* Mapped, yet no fast path knew it: perhaps an arena heap that grew, or a new one. */
    if (missed_hi && !atomic_load_explicit(&usermem__distrusted, memory_order_relaxed))
        usermem_arena_missed(missed_lo, missed_hi);
    return true;
}

bool sys_user_check(const struct sys_user_span *spans, unsigned count)
{
    for (unsigned i = 0; i < count; i++) {
        uintptr_t lo = (uintptr_t)spans[i].p;
        if (spans[i].n != 0 && (lo < USERMEM_LOW_LIMIT || lo + spans[i].n < lo))
            return false;
    }
    pthread_once(&usermem__once, usermem__init);
    if (atomic_load_explicit(&usermem__g.unavailable, memory_order_relaxed))
        return true;
    return usermem__ask_all(spans, count);
}

bool sys_user_readable(const void *p, size_t n)
{
    struct sys_user_span span = {p, n, false};
    return sys_user_check(&span, 1);
}

bool sys_user_writable(void *p, size_t n)
{
    struct sys_user_span span = {p, n, true};
    return sys_user_check(&span, 1);
}

bool sys_user_string(const void *s, size_t unit, size_t *length)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    const unsigned char *p = s;
    size_t count = 0;
    for (;;) {
        /* To the end of this page, whole characters only. */
        uintptr_t at = (uintptr_t)p;
        size_t span = (size_t)(((at | (page - 1)) + 1) - at);
        span = span < unit ? unit : span - span % unit;
        if (!sys_user_readable(p, span))
            return false;
        for (size_t i = 0; i < span; i += unit, count++) {
            bool zero = true;
            for (size_t k = 0; k < unit; k++)
                zero = zero && p[i + k] == 0;
            if (zero) {
                if (length)
                    *length = count;
                return true;
            }
        }
        p += span;
    }
}

void sys_user_distrust(void)
{
    atomic_store(&usermem__distrusted, true);
}

void sys_user_forget(const void *p, size_t n)
{
    usermem_arena_forget((uintptr_t)p, (uintptr_t)p + n);
}
