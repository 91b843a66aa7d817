/*
 * ReadFile, WriteFile, ReadFileEx, WriteFileEx, FlushFileBuffers.
 *
 * Without an OVERLAPPED (a handle opened without FILE_FLAG_OVERLAPPED) the
 * calls move the file pointer, as read(2) and write(2) do; "When a
 * synchronous read operation reaches the end of a file, ReadFile returns
 * TRUE and sets *lpNumberOfBytesRead to zero."  With an OVERLAPPED on such
 * a handle, the transfer happens at Offset/OffsetHigh, still synchronously,
 * and leaves the pointer after it; at the end of the file ReadFile then
 * returns FALSE with ERROR_HANDLE_EOF.  On a FILE_FLAG_OVERLAPPED handle
 * every transfer starts on the worker pool (kernel/file_async.c) and the
 * call returns FALSE with ERROR_IO_PENDING; an OVERLAPPED is then required
 * (ERROR_INVALID_PARAMETER without one).  Offset and OffsetHigh both
 * 0xFFFFFFFF ask a write to go to the end of the file.
 *
 * A socket is a file handle on Windows too: ReadFile and WriteFile on one
 * are WSARecv and WSASend with one buffer and the same OVERLAPPED (events,
 * completion ports and the socket's own file event alike).  A failure is
 * reported as kernel32 reports the NTSTATUS that AFD completes the request
 * with: a reset connection (STATUS_CONNECTION_RESET) is
 * ERROR_NETNAME_DELETED, as GetQueuedCompletionStatus reports it, not
 * WSAECONNRESET.
 */
#include <errno.h>
#include <unistd.h>

#include <winsock2.h>

#include "kernel/file.h"
#include "kernel/handle.h"
#include "kernel/ntstatus.h"
#include "kernel/overlapped.h"
#include "sys/usermem.h"

static bool file__is_socket(HANDLE h)
{
    if (!handle_ref((uintptr_t)h, KOBJ_SOCKET))
        return false;
    handle_unref((uintptr_t)h);
    return true;
}

/* ReadFile/WriteFile on a socket: one WSARecv/WSASend (see the top). */
static BOOL file__socket_io(HANDLE h, bool write, void *buf, DWORD len, LPDWORD done,
                            LPOVERLAPPED ov)
{
    WSABUF b = {len, (char *)buf};
    DWORD flags = 0;
    int rc = write ? WSASend((SOCKET)h, &b, 1, done, 0, ov, NULL)
                   : WSARecv((SOCKET)h, &b, 1, done, &flags, ov, NULL);
    if (rc == 0)
        return TRUE;
    /* WSA_IO_PENDING is ERROR_IO_PENDING; codes without an NTSTATUS of their own stay as they are.
     */
    SetLastError(kstatus_to_win32(kstatus_from_wsa(WSAGetLastError())));
    return FALSE;
}

/* The checks every form shares; the file with a reference, or NULL with the last error set. */
static struct kfile *file__begin(HANDLE h, bool write, LPDWORD done, LPOVERLAPPED ov)
{
    struct sys_user_span spans[] = {{done, done ? sizeof(*done) : 0, true},
                                    {ov, ov ? sizeof(*ov) : 0, true}};
    if (!sys_user_check(spans, 2)) {
        SetLastError(ERROR_NOACCESS);
        return NULL;
    }
    /* "ReadFile sets this value to zero before doing any work or error checking." */
    if (done)
        *done = 0;
    struct kfile *f = kfile_get(h);
    if (!f) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (write ? !f->can_write : !f->can_read) {
        kfile_put(f);
        SetLastError(ERROR_ACCESS_DENIED);
        return NULL;
    }
    if (f->kind == KFILE_DIRECTORY) {
        kfile_put(f);
        SetLastError(ERROR_INVALID_FUNCTION);
        return NULL;
    }
    if ((!ov && !done) || (!ov && f->overlapped)) {
        kfile_put(f);
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return f;
}

/*
 * A synchronous transfer: at offset (when at is true) or at the file
 * pointer.  A disk file is read until the count or its end and written
 * whole; a pipe or device gives what one read(2) gives.
 */
static BOOL file__sync(struct kfile *f, bool writing, void *buf, DWORD len, bool at,
                       uint64_t offset, DWORD *out)
{
    size_t done = 0;
    int err = 0;
    while (done < len) {
        ssize_t n;
        char *p = (char *)buf + done;
        if (at)
            n = writing ? pwrite(f->fd, p, len - done, (off_t)(offset + done))
                        : pread(f->fd, p, len - done, (off_t)(offset + done));
        else
            n = writing ? write(f->fd, p, len - done) : read(f->fd, p, len - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            break;
        }
        if (n == 0)
            break;
        done += (size_t)n;
        if (f->kind != KFILE_DISK && !writing)
            break;
    }
    if (at && done > 0)
        lseek(f->fd, (off_t)(offset + done), SEEK_SET);
    *out = (DWORD)done;
    if (err && done == 0) {
        SetLastError(kfile_error(err));
        return FALSE;
    }
    SetLastError(ERROR_SUCCESS);
    return TRUE;
}

static uint64_t file__offset(const OVERLAPPED *ov)
{
    return (uint64_t)ov->OffsetHigh << 32 | ov->Offset;
}

static bool file__append(const OVERLAPPED *ov)
{
    return ov->Offset == 0xFFFFFFFFu && ov->OffsetHigh == 0xFFFFFFFFu;
}

static BOOL file__io(HANDLE h, bool write, void *buf, DWORD len, LPDWORD done, LPOVERLAPPED ov)
{
    if (file__is_socket(h))
        return file__socket_io(h, write, buf, len, done, ov);
    struct kfile *f = file__begin(h, write, done, ov);
    if (!f)
        return FALSE;
    BOOL ok = FALSE;
    if (ov && f->overlapped) {
        kfile_async_start(f, write, buf, len, file__offset(ov), write && file__append(ov), ov,
                          NULL); /* sets ERROR_IO_PENDING, or why it could not start */
    } else if (ov) {
        /* A synchronous handle with an OVERLAPPED: the result goes into it too. */
        DWORD n = 0;
        bool append = write && file__append(ov);
        uint64_t offset = append ? (uint64_t)lseek(f->fd, 0, SEEK_END) : file__offset(ov);
        ok = file__sync(f, write, buf, len, true, offset, &n);
        DWORD error = ok ? 0 : GetLastError();
        if (ok && !write && n == 0 && len > 0) {
            ok = FALSE;
            error = ERROR_HANDLE_EOF;
        }
        ov->InternalHigh = n;
        koverlapped_finish(ov, error ? kstatus_from_wsa((int)error) : KSTATUS_SUCCESS);
        if (koverlapped_event(ov->hEvent))
            SetEvent(koverlapped_event(ov->hEvent));
        if (done)
            *done = n;
        SetLastError(error);
    } else {
        ok = file__sync(f, write, buf, len, false, 0, done);
    }
    kfile_put(f);
    return ok;
}

BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
                     LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped)
{
    return file__io(hFile, false, lpBuffer, nNumberOfBytesToRead, lpNumberOfBytesRead,
                    lpOverlapped);
}

BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                      LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped)
{
    return file__io(hFile, true, (void *)lpBuffer, nNumberOfBytesToWrite, lpNumberOfBytesWritten,
                    lpOverlapped);
}

/*
 * ReadFileEx/WriteFileEx: the handle "must have been created with the
 * FILE_FLAG_OVERLAPPED flag"; the routine runs as an APC on this thread
 * once it waits alertably (SleepEx, WaitFor*Ex ...), and hEvent is the
 * application's ("ReadFileEx ignores the OVERLAPPED structure's hEvent
 * member").  Returns TRUE when the operation is under way.  Sockets are
 * not offered here (their routines take Winsock's four arguments):
 * ERROR_INVALID_HANDLE, as for any handle that cannot do this.
 */
static BOOL file__io_ex(HANDLE h, bool write, void *buf, DWORD len, LPOVERLAPPED ov,
                        LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    if (!ov || !routine) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct kfile *f = file__begin(h, write, NULL, ov);
    if (!f)
        return FALSE;
    BOOL ok = FALSE;
    if (!f->overlapped)
        SetLastError(ERROR_INVALID_PARAMETER);
    else if (kfile_async_start(f, write, buf, len, file__offset(ov), write && file__append(ov), ov,
                               routine)) {
        SetLastError(ERROR_SUCCESS);
        ok = TRUE;
    }
    kfile_put(f);
    return ok;
}

BOOL WINAPI ReadFileEx(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
                       LPOVERLAPPED lpOverlapped,
                       LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    return file__io_ex(hFile, false, lpBuffer, nNumberOfBytesToRead, lpOverlapped,
                       lpCompletionRoutine);
}

BOOL WINAPI WriteFileEx(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                        LPOVERLAPPED lpOverlapped,
                        LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    return file__io_ex(hFile, true, (void *)lpBuffer, nNumberOfBytesToWrite, lpOverlapped,
                       lpCompletionRoutine);
}

/*
 * FlushFileBuffers: fsync.  "The function fails if hFile is a handle to the
 * console output" and a handle without write access gets
 * ERROR_ACCESS_DENIED; a pipe has nothing to flush here (Linux has no
 * reader to wait for), so it succeeds.
 */
BOOL WINAPI FlushFileBuffers(HANDLE hFile)
{
    if (file__is_socket(hFile))
        return TRUE;
    struct kfile *f = kfile_get(hFile);
    if (!f) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    BOOL ok = TRUE;
    if (!f->can_write) {
        SetLastError(ERROR_ACCESS_DENIED);
        ok = FALSE;
    } else if (f->kind == KFILE_CHAR && isatty(f->fd)) {
        SetLastError(ERROR_INVALID_HANDLE);
        ok = FALSE;
    } else if (f->kind == KFILE_DISK && fsync(f->fd) != 0) {
        SetLastError(kfile_error(errno));
        ok = FALSE;
    }
    kfile_put(f);
    return ok;
}
