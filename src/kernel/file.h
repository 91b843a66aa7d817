/*
 * File objects (KOBJ_FILE): what CreateFile, GetStdHandle and the standard
 * handles name.  A file object owns a Linux descriptor and lives until its
 * handle is closed and its last overlapped operation has completed
 * (operations hold references of their own), so that an operation never
 * touches a closed descriptor.
 *
 * Overlapped operations (file_async.c) run on a small pool of worker
 * threads, since Linux cannot poll a regular file for readiness; they
 * complete through the same kernel path as sockets' (koverlapped_finish,
 * the OVERLAPPED's event, a completion routine queued as an APC, a packet
 * on the associated completion port).
 */
#ifndef WS2_KERNEL_FILE_H
#define WS2_KERNEL_FILE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <fileapi.h>

#include "kernel/kobj.h"

struct kport;

/* What the descriptor is, for GetFileType and for how reads are repeated. */
enum kfile_kind {
    KFILE_DISK,
    KFILE_CHAR,
    KFILE_PIPE,
    KFILE_DIRECTORY,
};

/* What fd is now (a standard handle's descriptor may have been redirected since). */
enum kfile_kind kfile_kind_of(int fd);

struct kfile {
    struct kobj obj;
    _Atomic long refs; /* the handle's own, one per overlapped operation in progress */
    int fd;
    enum kfile_kind kind;
    bool can_read, can_write;
    bool overlapped;   /* FILE_FLAG_OVERLAPPED */
    bool keep_fd;      /* a standard handle: its descriptor belongs to the process, not to us */
    char *delete_path; /* FILE_FLAG_DELETE_ON_CLOSE: unlinked when the object goes */
    /* The completion port (CreateIoCompletionPort, once; holds a port reference) and key. */
    struct kport *_Atomic port;
    ULONG_PTR port_key;
};

/*
 * A new file object for fd (which it then owns, unless keep_fd) and its
 * handle; NULL with the last error set on failure (fd is then closed unless
 * keep_fd).  delete_path is copied.
 */
HANDLE kfile_create(int fd, bool can_read, bool can_write, bool overlapped, bool keep_fd,
                    const char *delete_path);

/* The file object named by h with a reference of its own (kfile_put), or NULL. */
struct kfile *kfile_get(HANDLE h);
void kfile_put(struct kfile *f);

/*
 * Starts an overlapped read or write at offset on the worker pool (the call
 * then returns FALSE with ERROR_IO_PENDING); routine, when not NULL, is
 * queued to the calling thread as an APC at completion (ReadFileEx).
 * Returns false with the last error set if it could not start.
 */
bool kfile_async_start(struct kfile *f, bool write, void *buf, DWORD len, uint64_t offset,
                       bool append, OVERLAPPED *ov, LPOVERLAPPED_COMPLETION_ROUTINE routine);

/*
 * Aborts f's operations not yet started that match ov (NULL: all) and the
 * issuing thread id (0: any), with ERROR_OPERATION_ABORTED and their
 * completion actions.  Returns how many matched, counting those already
 * running (they finish with their own result).
 */
unsigned kfile_async_cancel(struct kfile *f, const OVERLAPPED *ov, DWORD thread_id);

/*
 * For TransmitFile and TransmitPackets (providers/base/transmit.c), which
 * send a file object's bytes with sendfile(2) on its descriptor f->fd: the
 * file pointer (false with errno if it cannot be read), moving it, and a
 * read at an offset that leaves it alone (pread; -1 with errno).
 */
bool kfile_position(struct kfile *f, uint64_t *pos);
void kfile_set_position(struct kfile *f, uint64_t pos);
long kfile_read_at(struct kfile *f, void *buf, size_t len, uint64_t offset);

/* The Win32 error for a Linux errno value from a file call. */
DWORD kfile_error(int err);

#endif
