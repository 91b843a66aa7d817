/*
 * The registered files of a port's ring (see ring_files.h).
 *
 * Which ring holds a descriptor's slot is kept per number (ring_files__owner),
 * for the release at close, which knows only the number.  Entering and
 * emptying slots and forgetting a ring's are serialized by one lock; the
 * per-request look (ring_files_use) takes it only to enter a slot.  A
 * request names a slot only while its socket is open, and a socket's slot
 * is emptied only at its close, after its requests were cancelled and no
 * new one can start (close.c): so the look never races the release of its
 * own socket's slot.
 */
#include "sys/ring_files.h"

#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

/* Slots per ring at most (the table is the kernel's memory: 8 bytes a slot). */
#define RING_FILES_MAX 65536
/* Requests a socket runs on a ring before it is entered in its table. */
#define RING_FILES_AFTER 4

static _Atomic(struct ring_files *) ring_files__owner[RING_FILES_MAX];
static pthread_mutex_t ring_files__lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t ring_files__once = PTHREAD_ONCE_INIT;
static _Atomic bool ring_files__child; /* a forked child: its parent's tables are not its own */
static bool ring_files__prompt;        /* the kernel lets go of an emptied slot's file at once */

/* A fork waits for the lock, which the child then holds no thread of its parent's for. */
static void ring_files__fork_prepare(void)
{
    pthread_mutex_lock(&ring_files__lock);
}

static void ring_files__fork_parent(void)
{
    pthread_mutex_unlock(&ring_files__lock);
}

static void ring_files__fork_child(void)
{
    atomic_store_explicit(&ring_files__child, true, memory_order_relaxed);
    pthread_mutex_unlock(&ring_files__lock);
}

/*
 * Whether a file whose slot is emptied is let go of at once, while another
 * slot's request is still in flight: before Linux 6.13 the table's files
 * were put in the order they were replaced, after every request that began
 * before (liburing issue #1192: "you need another socket to block freeing
 * socket descriptors"), and before 6.4 through delayed work, so that a
 * closesocket would send no FIN until some other connection's receive
 * ended.  Asked of the kernel, not of its version: a slot is entered for
 * one end of a pair and emptied, the pair closed, while a receive on
 * another slot waits; the other end must see the close within 50 ms.
 */
static bool ring_files__lets_go_at_once(void)
{
    struct io_uring ring;
    if (io_uring_queue_init(4, &ring, 0) != 0)
        return false;
    int a[2] = {-1, -1}, b[2] = {-1, -1};
    bool prompt = false;
    if (io_uring_register_files_sparse(&ring, 2) != 0 ||
        socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, a) != 0 ||
        socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, b) != 0 ||
        io_uring_register_files_update(&ring, 0, &a[0], 1) != 1 ||
        io_uring_register_files_update(&ring, 1, &b[0], 1) != 1)
        goto out;
    char byte;
    struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
    io_uring_prep_recv(sqe, 1, &byte, 1, 0);
    sqe->flags |= IOSQE_FIXED_FILE;
    if (io_uring_submit(&ring) != 1)
        goto out;
    int none = -1;
    if (io_uring_register_files_update(&ring, 0, &none, 1) != 1)
        goto out;
    close(a[0]);
    a[0] = -1;
    struct pollfd p = {.fd = a[1], .events = POLLIN};
    prompt = poll(&p, 1, 50) == 1 && recv(a[1], &byte, 1, MSG_DONTWAIT) == 0;
out:
    io_uring_queue_exit(&ring); /* cancels the receive */
    for (int i = 0; i < 2; i++) {
        if (a[i] >= 0)
            close(a[i]);
        if (b[i] >= 0)
            close(b[i]);
    }
    return prompt;
}

static void ring_files__init(void)
{
    pthread_atfork(ring_files__fork_prepare, ring_files__fork_parent, ring_files__fork_child);
    ring_files__prompt = ring_files__lets_go_at_once();
}

void ring_files_start(struct ring_files *f, struct io_uring *ring)
{
    pthread_once(&ring_files__once, ring_files__init);
    f->ring = ring;
    f->slots = 0;
    f->uses = NULL;
    if (!ring_files__prompt)
        return;
    /* The kernel refuses a table larger than the descriptor limit (EMFILE). */
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == 0)
        return;
    unsigned slots = lim.rlim_cur < RING_FILES_MAX ? (unsigned)lim.rlim_cur : RING_FILES_MAX;
    _Atomic unsigned char *uses = calloc(slots, 1);
    if (!uses)
        return;
    /* Sparse tables need Linux 5.19; without one every request names its descriptor. */
    if (io_uring_register_files_sparse(ring, slots) != 0) {
        free((void *)uses);
        return;
    }
    f->uses = uses;
    f->slots = slots;
}

bool ring_files_use(struct ring_files *f, int fd)
{
    if (fd < 0 || (unsigned)fd >= f->slots ||
        atomic_load_explicit(&ring_files__child, memory_order_relaxed))
        return false;
    struct ring_files *owner = atomic_load_explicit(&ring_files__owner[fd], memory_order_acquire);
    if (owner)
        return owner == f;
    unsigned char n = atomic_load_explicit(&f->uses[fd], memory_order_relaxed);
    if (n + 1 < RING_FILES_AFTER) {
        atomic_store_explicit(&f->uses[fd], n + 1, memory_order_relaxed);
        return false;
    }
    bool entered = false;
    pthread_mutex_lock(&ring_files__lock);
    if (!atomic_load_explicit(&ring_files__owner[fd], memory_order_relaxed) &&
        io_uring_register_files_update(f->ring, (unsigned)fd, &fd, 1) == 1) {
        atomic_store_explicit(&ring_files__owner[fd], f, memory_order_release);
        entered = true;
    }
    pthread_mutex_unlock(&ring_files__lock);
    /* Not entered (another ring has it, or the kernel said no): try again after as many. */
    atomic_store_explicit(&f->uses[fd], 0, memory_order_relaxed);
    return entered;
}

void ring_files_release(int fd)
{
    if (fd < 0 || fd >= RING_FILES_MAX ||
        !atomic_load_explicit(&ring_files__owner[fd], memory_order_relaxed) ||
        atomic_load_explicit(&ring_files__child, memory_order_relaxed))
        return;
    pthread_mutex_lock(&ring_files__lock);
    struct ring_files *owner = atomic_load_explicit(&ring_files__owner[fd], memory_order_relaxed);
    if (owner) {
        /* Only a lack of memory could refuse this; the file then stays until the ring goes. */
        int none = -1;
        io_uring_register_files_update(owner->ring, (unsigned)fd, &none, 1);
        atomic_store_explicit(&owner->uses[fd], 0, memory_order_relaxed);
        atomic_store_explicit(&ring_files__owner[fd], NULL, memory_order_release);
    }
    pthread_mutex_unlock(&ring_files__lock);
}

void ring_files_stop(struct ring_files *f)
{
    if (!f->slots)
        return;
    pthread_mutex_lock(&ring_files__lock);
    for (unsigned fd = 0; fd < f->slots; fd++)
        if (atomic_load_explicit(&ring_files__owner[fd], memory_order_relaxed) == f)
            atomic_store_explicit(&ring_files__owner[fd], NULL, memory_order_relaxed);
    pthread_mutex_unlock(&ring_files__lock);
    free((void *)f->uses);
    f->uses = NULL;
    f->slots = 0;
}
