/*
 * Overlapped file I/O (see file.h).  Linux reports a regular file always
 * ready, so the readiness engine that runs sockets' operations cannot run
 * these; a small pool of worker threads does pread/pwrite instead.
 *
 * Every overlapped call on a file handle returns FALSE with
 * ERROR_IO_PENDING, even when the data was at hand: Windows documents that
 * either result may come ("If the function succeeds ... ReadFile returns
 * TRUE", or FALSE with ERROR_IO_PENDING), and programs written for it
 * handle both; one path is simpler and the same for every file.
 *
 * Exactly once.  An operation is on exactly one of two lists, both guarded
 * by file__lock: queued (not started) or running.  Whoever takes it off the
 * queued list owns it: a worker, which runs it and completes it with its
 * result, or CancelIo/CancelIoEx and the handle's close, which complete it
 * with ERROR_OPERATION_ABORTED.  A running operation on a disk file is not
 * interrupted (a pread on a regular file ends by itself), so it completes
 * with its own result.  One on a pipe or device could wait for ever, so it
 * waits in poll(2) together with its own cancel descriptor (an eventfd):
 * cancelling it signals that descriptor and the worker completes it with
 * ERROR_OPERATION_ABORTED (with the bytes it moved so far).  Completion
 * (file__complete) is the same for every owner and happens once.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kernel/file.h"
#include "kernel/ntstatus.h"
#include "kernel/overlapped.h"
#include "kernel/port.h"
#include "kernel/thread.h"

/* At most this many workers; idle ones leave after FILE__IDLE_SECONDS. */
#define FILE__WORKERS_MAX  4
#define FILE__IDLE_SECONDS 10

struct file_op {
    struct kpacket packet; /* for a completion port; its release frees the operation */
    struct file_op *next, *prev;
    struct kfile *file; /* referenced until the operation has completed */
    bool write, append;
    void *buf;
    DWORD len;
    uint64_t offset;
    OVERLAPPED *ov;
    LPOVERLAPPED_COMPLETION_ROUTINE routine;
    struct kthread *thread; /* the issuing thread, referenced when there is a routine */
    DWORD thread_id;
    int cancel_fd; /* a pipe's or device's: signalled to abort it while it runs; else -1 */
};

static pthread_mutex_t file__lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t file__work = PTHREAD_COND_INITIALIZER;
static struct file_op file__queued = {.next = &file__queued, .prev = &file__queued};
static struct file_op file__running = {.next = &file__running, .prev = &file__running};
static unsigned file__workers, file__idle, file__blocking;

static void file__link(struct file_op *list, struct file_op *op)
{
    op->next = list;
    op->prev = list->prev;
    list->prev->next = op;
    list->prev = op;
}

static void file__unlink(struct file_op *op)
{
    op->prev->next = op->next;
    op->next->prev = op->prev;
    op->next = op->prev = NULL;
}

static void file__free_op(struct file_op *op)
{
    if (op->cancel_fd >= 0)
        close(op->cancel_fd);
    if (op->thread)
        kthread_release(op->thread);
    free(op);
}

static void file__packet_release(struct kpacket *packet)
{
    file__free_op((struct file_op *)packet);
}

/* ReadFileEx/WriteFileEx's routine, run as an APC in an alertable wait of the issuing thread. */
static void CALLBACK file__routine_apc(ULONG_PTR arg)
{
    struct file_op *op = (struct file_op *)arg;
    LPOVERLAPPED_COMPLETION_ROUTINE routine = op->routine;
    DWORD error = op->packet.error, bytes = op->packet.bytes;
    OVERLAPPED *ov = op->ov;
    file__free_op(op);
    routine(error, bytes, ov);
}

/*
 * The completion, as for sockets (providers/base/overlapped.c): byte count
 * and status into the OVERLAPPED (koverlapped_finish also wakes a
 * GetOverlappedResult waiting without an event), then the routine's APC,
 * or the event and the port's packet (unless hEvent's low bit asks to skip
 * the port).  Everything of the OVERLAPPED is read before its status is
 * written: from then on it belongs to the application.
 */
static void file__complete(struct file_op *op, DWORD status, DWORD bytes)
{
    struct kfile *f = op->file;
    OVERLAPPED *ov = op->ov;
    HANDLE event = ov->hEvent;
    ov->InternalHigh = bytes;
    koverlapped_finish(ov, status);

    if (op->routine) {
        op->packet.error = kstatus_to_win32(status);
        op->packet.bytes = bytes;
        if (!kthread_queue_apc(op->thread, file__routine_apc, (ULONG_PTR)op))
            file__free_op(op); /* the issuing thread is gone: nobody can run the routine */
        kfile_put(f);
        return;
    }
    if (koverlapped_event(event))
        SetEvent(koverlapped_event(event));
    struct kport *port = atomic_load_explicit(&f->port, memory_order_acquire);
    if (port && !koverlapped_skips_port(event)) {
        op->packet.next = NULL;
        op->packet.bytes = bytes;
        op->packet.key = f->port_key;
        op->packet.overlapped = ov;
        op->packet.error = kstatus_to_win32(status);
        op->packet.release = file__packet_release;
        kport_ref(port); /* the packet's release may drop the file's last reference */
        kport_post(port, &op->packet);
        kport_unref(port);
    } else {
        file__free_op(op);
    }
    kfile_put(f);
}

/*
 * Runs one operation.  A read at or past the end reads as ERROR_HANDLE_EOF
 * ("If an overlapped read is at the end of the file ... GetOverlappedResult
 * ... ERROR_HANDLE_EOF"); a read that gets some bytes before the end is a
 * success with that count.  A write writes everything or fails.
 */
static void file__run(struct file_op *op, DWORD *status, DWORD *bytes)
{
    int fd = op->file->fd;
    uint64_t offset = op->offset;
    if (op->append) {
        struct stat st;
        if (fstat(fd, &st) == 0)
            offset = (uint64_t)st.st_size;
    }
    size_t done = 0;
    *status = KSTATUS_SUCCESS;
    while (done < op->len) {
        if (op->cancel_fd >= 0) {
            struct pollfd fds[2] = {{fd, op->write ? POLLOUT : POLLIN, 0},
                                    {op->cancel_fd, POLLIN, 0}};
            if (poll(fds, 2, -1) < 0) {
                if (errno == EINTR)
                    continue;
                *status = kstatus_from_wsa((int)kfile_error(errno));
                break;
            }
            if (fds[1].revents) {
                *status = KSTATUS_CANCELLED;
                break;
            }
        }
        ssize_t n =
            op->cancel_fd >= 0 ? (op->write ? write(fd, (char *)op->buf + done, op->len - done)
                                            : read(fd, (char *)op->buf + done, op->len - done))
            : op->write ? pwrite(fd, (char *)op->buf + done, op->len - done, (off_t)(offset + done))
                        : pread(fd, (char *)op->buf + done, op->len - done, (off_t)(offset + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *status = kstatus_from_wsa((int)kfile_error(errno));
            break;
        }
        if (n == 0)
            break; /* end of file (a write of 0 bytes does not happen: len > done) */
        done += (size_t)n;
        if (op->file->kind != KFILE_DISK)
            break; /* a pipe or device gives what it has */
    }
    if (!op->write && done == 0 && op->len > 0 && *status == KSTATUS_SUCCESS &&
        op->file->kind == KFILE_DISK)
        *status = kstatus_from_wsa(ERROR_HANDLE_EOF);
    *bytes = (DWORD)done;
}

static bool file__spawn_locked(void);

static void *file__worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&file__lock);
    for (;;) {
        while (file__queued.next == &file__queued) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += FILE__IDLE_SECONDS;
            file__idle++;
            int rc = pthread_cond_timedwait(&file__work, &file__lock, &until);
            file__idle--;
            if (rc == ETIMEDOUT && file__queued.next == &file__queued) {
                file__workers--;
                pthread_mutex_unlock(&file__lock);
                return NULL;
            }
        }
        struct file_op *op = file__queued.next;
        file__unlink(op);
        file__link(&file__running, op);
        bool blocking = op->cancel_fd >= 0;
        if (blocking) {
            file__blocking++;
            if (file__queued.next != &file__queued)
                file__spawn_locked();
        }
        pthread_mutex_unlock(&file__lock);

        DWORD status, bytes;
        file__run(op, &status, &bytes);

        pthread_mutex_lock(&file__lock);
        file__unlink(op);
        if (blocking)
            file__blocking--;
        pthread_mutex_unlock(&file__lock);
        file__complete(op, status, bytes);
        pthread_mutex_lock(&file__lock);
    }
}

static void *file__worker(void *arg);

/*
 * Makes sure a worker will take the queued operations; file__lock held.
 * False if none can run.  Workers blocked in a pipe's or device's
 * operation do not count against the limit, so that reads that wait for a
 * peer cannot hold back the disk operations queued behind them.
 */
static bool file__spawn_locked(void)
{
    if (file__idle > 0) {
        pthread_cond_signal(&file__work);
        return true;
    }
    if (file__workers - file__blocking >= FILE__WORKERS_MAX)
        return true; /* a busy worker takes it next */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t tid;
    int rc = pthread_create(&tid, &attr, file__worker, NULL);
    pthread_attr_destroy(&attr);
    if (rc == 0) {
        file__workers++;
        return true;
    }
    return file__workers > file__blocking;
}

bool kfile_async_start(struct kfile *f, bool write, void *buf, DWORD len, uint64_t offset,
                       bool append, OVERLAPPED *ov, LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct file_op *op = calloc(1, sizeof(*op));
    struct kthread *self = routine ? kthread_self() : NULL;
    if (!op || (routine && !self)) {
        free(op);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return false;
    }
    op->write = write;
    op->append = append;
    op->buf = buf;
    op->len = len;
    op->offset = offset;
    op->ov = ov;
    op->routine = routine;
    op->thread_id = GetCurrentThreadId();
    op->cancel_fd = -1;
    if (f->kind != KFILE_DISK) {
        op->cancel_fd = eventfd(0, EFD_CLOEXEC);
        if (op->cancel_fd < 0) {
            file__free_op(op);
            SetLastError(kfile_error(errno));
            return false;
        }
    }
    if (self) {
        atomic_fetch_add(&self->refs, 1);
        op->thread = self;
    }
    atomic_fetch_add_explicit(&f->refs, 1, memory_order_relaxed);
    op->file = f;
    /*
     * Pending from here on; the event is cleared first, as Windows' I/O
     * manager does when it starts an operation (not with a routine: hEvent
     * is the application's then).
     */
    ov->InternalHigh = 0;
    __atomic_store_n(&ov->Internal, (ULONG_PTR)KSTATUS_PENDING, __ATOMIC_SEQ_CST);
    if (!routine && koverlapped_event(ov->hEvent))
        ResetEvent(koverlapped_event(ov->hEvent));

    pthread_mutex_lock(&file__lock);
    file__link(&file__queued, op);
    bool queued = file__spawn_locked();
    if (!queued)
        file__unlink(op);
    pthread_mutex_unlock(&file__lock);
    if (!queued) {
        kfile_put(f);
        file__free_op(op);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return false;
    }
    SetLastError(ERROR_IO_PENDING);
    return true;
}

static bool file__matches(const struct file_op *op, const struct kfile *f, const OVERLAPPED *ov,
                          DWORD thread_id)
{
    return op->file == f && (!ov || op->ov == ov) && (!thread_id || op->thread_id == thread_id);
}

unsigned kfile_async_cancel(struct kfile *f, const OVERLAPPED *ov, DWORD thread_id)
{
    struct file_op *taken = NULL;
    unsigned found = 0;
    pthread_mutex_lock(&file__lock);
    for (struct file_op *op = file__running.next; op != &file__running; op = op->next) {
        if (!file__matches(op, f, ov, thread_id))
            continue;
        found++;
        if (op->cancel_fd >= 0) {
            /* Its worker completes it, aborted; the descriptor lives while the op is listed. */
            uint64_t one = 1;
            ssize_t rc = write(op->cancel_fd, &one, sizeof(one));
            (void)rc; /* an eventfd takes it, or is already signalled */
        }
    }
    for (struct file_op *op = file__queued.next, *next; op != &file__queued; op = next) {
        next = op->next;
        if (!file__matches(op, f, ov, thread_id))
            continue;
        file__unlink(op);
        op->next = taken; /* a private list now, in reverse */
        taken = op;
        found++;
    }
    pthread_mutex_unlock(&file__lock);
    /* Back to issue order, so that completions arrive as they would have. */
    struct file_op *ordered = NULL;
    while (taken) {
        struct file_op *next = taken->next;
        taken->next = ordered;
        ordered = taken;
        taken = next;
    }
    while (ordered) {
        struct file_op *next = ordered->next;
        file__complete(ordered, KSTATUS_CANCELLED, 0);
        ordered = next;
    }
    return found;
}
