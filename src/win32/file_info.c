/*
 * What a file handle says about its file: GetFileSize(Ex), the file
 * pointer (SetFilePointer(Ex)), SetEndOfFile, GetFileType,
 * GetFileInformationByHandle.  These succeed with the last error set to
 * NO_ERROR, since GetFileSize and SetFilePointer ask callers to read it
 * when the result equals INVALID_FILE_SIZE / INVALID_SET_FILE_POINTER.
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <windows.h>

#include "kernel/file.h"
#include "kernel/handle.h"
#include "sys/usermem.h"
#include "win32/file.h"

static struct kfile *file__get(HANDLE h)
{
    struct kfile *f = kfile_get(h);
    if (!f)
        SetLastError(ERROR_INVALID_HANDLE);
    return f;
}

static bool file__size(HANDLE h, uint64_t *size)
{
    struct kfile *f = file__get(h);
    if (!f)
        return false;
    struct stat st;
    bool ok = fstat(f->fd, &st) == 0;
    if (!ok)
        SetLastError(kfile_error(errno));
    else
        *size = (uint64_t)st.st_size;
    kfile_put(f);
    return ok;
}

/*
 * "If the function fails and lpFileSizeHigh is NULL, the return value is
 * INVALID_FILE_SIZE"; with lpFileSizeHigh, INVALID_FILE_SIZE is also a
 * valid low part and GetLastError tells them apart (NO_ERROR on success).
 */
DWORD WINAPI GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh)
{
    if (lpFileSizeHigh && !sys_user_writable(lpFileSizeHigh, sizeof(DWORD))) {
        SetLastError(ERROR_NOACCESS);
        return INVALID_FILE_SIZE;
    }
    uint64_t size;
    if (!file__size(hFile, &size))
        return INVALID_FILE_SIZE;
    if (lpFileSizeHigh)
        *lpFileSizeHigh = (DWORD)(size >> 32);
    SetLastError(NO_ERROR);
    return (DWORD)size;
}

BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
{
    if (!lpFileSize) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!sys_user_writable(lpFileSize, sizeof(*lpFileSize))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    uint64_t size;
    if (!file__size(hFile, &size))
        return FALSE;
    lpFileSize->QuadPart = (LONGLONG)size;
    SetLastError(NO_ERROR);
    return TRUE;
}

/*
 * Moves the pointer; false with the last error set.  "An application
 * cannot set the file pointer to a negative value": ERROR_NEGATIVE_SEEK,
 * and the pointer stays.  A pipe or console has no pointer
 * (ERROR_INVALID_FUNCTION, what Windows' file systems answer for a request
 * a device does not do).
 */
static bool file__seek(HANDLE h, int64_t distance, DWORD method, uint64_t *out)
{
    if (method > FILE_END) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return false;
    }
    struct kfile *f = file__get(h);
    if (!f)
        return false;
    bool ok = false;
    int64_t base = 0;
    if (f->kind == KFILE_PIPE || f->kind == KFILE_CHAR) {
        SetLastError(ERROR_INVALID_FUNCTION);
        goto out;
    }
    if (method == FILE_CURRENT) {
        off_t cur = lseek(f->fd, 0, SEEK_CUR);
        if (cur < 0) {
            SetLastError(kfile_error(errno));
            goto out;
        }
        base = cur;
    } else if (method == FILE_END) {
        struct stat st;
        if (fstat(f->fd, &st) != 0) {
            SetLastError(kfile_error(errno));
            goto out;
        }
        base = st.st_size;
    }
    if ((distance < 0 && base + distance < 0) || (distance > 0 && base > INT64_MAX - distance)) {
        SetLastError(distance < 0 ? ERROR_NEGATIVE_SEEK : ERROR_INVALID_PARAMETER);
        goto out;
    }
    off_t pos = lseek(f->fd, (off_t)(base + distance), SEEK_SET);
    if (pos < 0) {
        SetLastError(kfile_error(errno));
        goto out;
    }
    *out = (uint64_t)pos;
    ok = true;
out:
    kfile_put(f);
    return ok;
}

/*
 * SetFilePointer: with lpDistanceToMoveHigh NULL the distance is the
 * signed 32-bit lDistanceToMove and the new position must fit in 32 bits
 * (ERROR_INVALID_PARAMETER otherwise, the pointer unchanged); with it, the
 * distance is the signed 64-bit value *lpDistanceToMoveHigh:lDistanceToMove
 * and the high part of the new position goes back into it.  The result is
 * the low part, INVALID_SET_FILE_POINTER on failure.
 */
DWORD WINAPI SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh,
                            DWORD dwMoveMethod)
{
    if (lpDistanceToMoveHigh && !sys_user_writable(lpDistanceToMoveHigh, sizeof(LONG))) {
        SetLastError(ERROR_NOACCESS);
        return INVALID_SET_FILE_POINTER;
    }
    int64_t distance =
        lpDistanceToMoveHigh
            ? (int64_t)((uint64_t)(uint32_t)*lpDistanceToMoveHigh << 32 | (uint32_t)lDistanceToMove)
            : (int64_t)lDistanceToMove;
    if (!lpDistanceToMoveHigh) {
        /* Check that the result fits before moving: the pointer must stay where it was. */
        struct kfile *f = file__get(hFile);
        if (!f)
            return INVALID_SET_FILE_POINTER;
        off_t cur = lseek(f->fd, 0, SEEK_CUR);
        struct stat st;
        int64_t base = dwMoveMethod == FILE_CURRENT                         ? cur
                       : dwMoveMethod == FILE_END && fstat(f->fd, &st) == 0 ? st.st_size
                                                                            : 0;
        kfile_put(f);
        if (dwMoveMethod <= FILE_END && base + distance > 0xFFFFFFFELL) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return INVALID_SET_FILE_POINTER;
        }
    }
    uint64_t pos;
    if (!file__seek(hFile, distance, dwMoveMethod, &pos))
        return INVALID_SET_FILE_POINTER;
    if (lpDistanceToMoveHigh)
        *lpDistanceToMoveHigh = (LONG)(pos >> 32);
    SetLastError(NO_ERROR);
    return (DWORD)pos;
}

BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
                             PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod)
{
    if (lpNewFilePointer && !sys_user_writable(lpNewFilePointer, sizeof(*lpNewFilePointer))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    uint64_t pos;
    if (!file__seek(hFile, liDistanceToMove.QuadPart, dwMoveMethod, &pos))
        return FALSE;
    if (lpNewFilePointer)
        lpNewFilePointer->QuadPart = (LONGLONG)pos;
    SetLastError(NO_ERROR);
    return TRUE;
}

/* SetEndOfFile: the file ends at the pointer (shorter or longer); needs write access. */
BOOL WINAPI SetEndOfFile(HANDLE hFile)
{
    struct kfile *f = file__get(hFile);
    if (!f)
        return FALSE;
    BOOL ok = FALSE;
    off_t pos;
    if (!f->can_write)
        SetLastError(ERROR_ACCESS_DENIED);
    else if ((pos = lseek(f->fd, 0, SEEK_CUR)) < 0 || ftruncate(f->fd, pos) != 0)
        SetLastError(kfile_error(errno));
    else
        ok = TRUE;
    kfile_put(f);
    if (ok)
        SetLastError(NO_ERROR);
    return ok;
}

/*
 * GetFileType: a disk file (or directory) FILE_TYPE_DISK, a terminal or
 * other character device FILE_TYPE_CHAR, a pipe FILE_TYPE_PIPE, and so is
 * a socket, as Windows reports one.  "If the function fails, the return
 * value is FILE_TYPE_UNKNOWN"; since that is also a valid answer, the last
 * error is NO_ERROR on success.
 */
DWORD WINAPI GetFileType(HANDLE hFile)
{
    if (handle_ref((uintptr_t)hFile, KOBJ_SOCKET)) {
        handle_unref((uintptr_t)hFile);
        SetLastError(NO_ERROR);
        return FILE_TYPE_PIPE;
    }
    struct kfile *f = file__get(hFile);
    if (!f)
        return FILE_TYPE_UNKNOWN;
    enum kfile_kind kind = kfile_kind_of(f->fd);
    DWORD type = kind == KFILE_CHAR   ? FILE_TYPE_CHAR
                 : kind == KFILE_PIPE ? FILE_TYPE_PIPE
                                      : FILE_TYPE_DISK;
    kfile_put(f);
    SetLastError(NO_ERROR);
    return type;
}

/*
 * GetFileInformationByHandle.  Linux keeps no creation time in struct
 * stat: the earlier of the modification and status-change times stands in
 * for it.  The volume serial number is the device number, the file index
 * the inode number (together they identify the file, as on Windows).
 */
BOOL WINAPI GetFileInformationByHandle(HANDLE hFile, LPBY_HANDLE_FILE_INFORMATION lpFileInformation)
{
    if (!lpFileInformation) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!sys_user_writable(lpFileInformation, sizeof(*lpFileInformation))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    struct kfile *f = file__get(hFile);
    if (!f)
        return FALSE;
    struct stat st;
    BOOL ok = fstat(f->fd, &st) == 0;
    if (!ok)
        SetLastError(kfile_error(errno));
    kfile_put(f);
    if (!ok)
        return FALSE;
    BY_HANDLE_FILE_INFORMATION *info = lpFileInformation;
    info->dwFileAttributes = wfile_attributes("", &st);
    const struct timespec *created =
        (st.st_ctim.tv_sec < st.st_mtim.tv_sec) ? &st.st_ctim : &st.st_mtim;
    wfile_filetime(created, &info->ftCreationTime);
    wfile_filetime(&st.st_atim, &info->ftLastAccessTime);
    wfile_filetime(&st.st_mtim, &info->ftLastWriteTime);
    info->dwVolumeSerialNumber = (DWORD)st.st_dev;
    info->nFileSizeHigh = (DWORD)((uint64_t)st.st_size >> 32);
    info->nFileSizeLow = (DWORD)st.st_size;
    info->nNumberOfLinks = (DWORD)st.st_nlink;
    info->nFileIndexHigh = (DWORD)((uint64_t)st.st_ino >> 32);
    info->nFileIndexLow = (DWORD)st.st_ino;
    SetLastError(NO_ERROR);
    return TRUE;
}
