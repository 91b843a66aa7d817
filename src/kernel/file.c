/*
 * File objects (see file.h): creation, references, the handle's close, the
 * completion-port association and the errno-to-Win32 mapping the file
 * calls share.
 */
#include "kernel/file.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kernel/handle.h"
#include "kernel/port.h"

static void file__free(struct kfile *f)
{
    if (!f->keep_fd)
        close(f->fd);
    /*
     * FILE_FLAG_DELETE_ON_CLOSE: "The file is to be deleted immediately
     * after all of its handles are closed"; the pending operations keep it
     * until they end, as Windows' file object keeps the file open.
     */
    if (f->delete_path)
        unlink(f->delete_path);
    struct kport *port = atomic_load(&f->port);
    if (port)
        kport_unref(port);
    free(f->delete_path);
    free(f);
}

void kfile_put(struct kfile *f)
{
    if (atomic_fetch_sub_explicit(&f->refs, 1, memory_order_acq_rel) == 1)
        file__free(f);
}

struct kfile *kfile_get(HANDLE h)
{
    struct kobj *obj = handle_ref((uintptr_t)h, KOBJ_FILE);
    if (!obj)
        return NULL;
    struct kfile *f = (struct kfile *)obj;
    atomic_fetch_add_explicit(&f->refs, 1, memory_order_relaxed);
    handle_unref((uintptr_t)h);
    return f;
}

/*
 * The handle is gone (CloseHandle, and no call holds it any more).  What
 * has not started yet is aborted with its completion action, as closing a
 * file cancels its queued requests; what is running finishes with its own
 * result.  Either way each operation completes exactly once, and the
 * descriptor is closed after the last of them (file__free).
 */
static void file__handle_destroy(struct kobj *obj)
{
    struct kfile *f = (struct kfile *)obj;
    kfile_async_cancel(f, NULL, 0);
    kfile_put(f);
}

static unsigned file__cancel_io(struct kobj *obj, const OVERLAPPED *ov, DWORD thread_id)
{
    return kfile_async_cancel((struct kfile *)obj, ov, thread_id);
}

/* Serializes associations so that port_key is written before the port is published. */
static pthread_mutex_t file__assoc_lock = PTHREAD_MUTEX_INITIALIZER;

/* CreateIoCompletionPort on a file handle: one port per file, as for sockets (port.c). */
static bool file__associate_port(struct kobj *obj, struct kport *port, ULONG_PTR key)
{
    struct kfile *f = (struct kfile *)obj;
    bool associated = false;
    pthread_mutex_lock(&file__assoc_lock);
    if (!atomic_load_explicit(&f->port, memory_order_relaxed)) {
        f->port_key = key;
        kport_ref(port);
        atomic_store_explicit(&f->port, port, memory_order_release);
        associated = true;
    }
    pthread_mutex_unlock(&file__assoc_lock);
    return associated;
}

static const struct kobj_ops file__ops = {
    .type = KOBJ_FILE,
    .destroy = file__handle_destroy,
    .cancel_io = file__cancel_io,
    .associate_port = file__associate_port,
};

enum kfile_kind kfile_kind_of(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return KFILE_CHAR;
    if (S_ISDIR(st.st_mode))
        return KFILE_DIRECTORY;
    if (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))
        return KFILE_DISK;
    if (S_ISCHR(st.st_mode))
        return KFILE_CHAR;
    return KFILE_PIPE;
}

HANDLE kfile_create(int fd, bool can_read, bool can_write, bool overlapped, bool keep_fd,
                    const char *delete_path)
{
    struct kfile *f = calloc(1, sizeof(*f));
    char *path = delete_path ? strdup(delete_path) : NULL;
    if (!f || (delete_path && !path)) {
        free(f);
        free(path);
        if (!keep_fd)
            close(fd);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    f->obj.ops = &file__ops;
    atomic_init(&f->refs, 1);
    f->fd = fd;
    f->kind = kfile_kind_of(fd);
    f->can_read = can_read;
    f->can_write = can_write;
    f->overlapped = overlapped;
    f->keep_fd = keep_fd;
    f->delete_path = path;
    atomic_init(&f->port, NULL);
    uintptr_t h = handle_insert(&f->obj);
    if (!h) {
        file__free(f);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return (HANDLE)h;
}

bool kfile_position(struct kfile *f, uint64_t *pos)
{
    off_t cur = lseek(f->fd, 0, SEEK_CUR);
    if (cur < 0)
        return false;
    *pos = (uint64_t)cur;
    return true;
}

void kfile_set_position(struct kfile *f, uint64_t pos)
{
    lseek(f->fd, (off_t)pos, SEEK_SET);
}

long kfile_read_at(struct kfile *f, void *buf, size_t len, uint64_t offset)
{
    ssize_t n;
    do
        n = pread(f->fd, buf, len, (off_t)offset);
    while (n < 0 && errno == EINTR);
    return (long)n;
}

/*
 * The Win32 codes Windows gives for the same conditions: a missing final
 * component is ERROR_FILE_NOT_FOUND, a missing directory on the way
 * ERROR_PATH_NOT_FOUND (callers that can tell the two apart do so; ENOENT
 * alone reads as the first), no permission ERROR_ACCESS_DENIED.
 */
DWORD kfile_error(int err)
{
    switch (err) {
    case 0: return ERROR_SUCCESS;
    case ENOENT: return ERROR_FILE_NOT_FOUND;
    case ENOTDIR:
    case ELOOP: return ERROR_PATH_NOT_FOUND;
    case EACCES:
    case EPERM:
    case EISDIR:
    case EROFS:
    case ETXTBSY: return ERROR_ACCESS_DENIED;
    case EEXIST: return ERROR_FILE_EXISTS;
    case ENOTEMPTY: return ERROR_DIR_NOT_EMPTY;
    case EMFILE:
    case ENFILE: return ERROR_TOO_MANY_OPEN_FILES;
    case ENAMETOOLONG: return ERROR_FILENAME_EXCED_RANGE;
    case ENOSPC:
    case EDQUOT: return ERROR_DISK_FULL;
    case EXDEV: return ERROR_NOT_SAME_DEVICE;
    case EBADF: return ERROR_INVALID_HANDLE;
    case EFAULT: return ERROR_NOACCESS;
    case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
    case EPIPE: return ERROR_BROKEN_PIPE;
    case EBUSY: return ERROR_SHARING_VIOLATION;
    case EINVAL:
    case EFBIG:
    case EOVERFLOW: return ERROR_INVALID_PARAMETER;
    default: return ERROR_GEN_FAILURE;
    }
}
