/*
 * Calls that work on a file by name: DeleteFile, GetFileAttributes(Ex),
 * CreateDirectory, RemoveDirectory, MoveFile(Ex), CopyFile.  Each has an
 * A and a W form converting the path (win32/file.h) and one body.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <windows.h>

#include "kernel/file.h"
#include "sys/usermem.h"
#include "win32/file.h"

/* Calls body on the converted path(s) and frees them; FALSE when a conversion failed. */
#define FILE__WITH_PATH(conv, name, body)                                                          \
    do {                                                                                           \
        char *path = conv(name);                                                                   \
        if (!path)                                                                                 \
            return FALSE;                                                                          \
        BOOL result_ = body;                                                                       \
        free(path);                                                                                \
        return result_;                                                                            \
    } while (0)

/*
 * DeleteFile: a directory is ERROR_ACCESS_DENIED (RemoveDirectory removes
 * those), and so is a read-only file, which Windows refuses to delete
 * although Linux would unlink it.
 */
static BOOL file__delete(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return wfile_fail(path, errno);
    if (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && !(st.st_mode & S_IWUSR))) {
        SetLastError(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    if (unlink(path) != 0)
        return wfile_fail(path, errno);
    return TRUE;
}

BOOL WINAPI DeleteFileA(LPCSTR lpFileName)
{
    FILE__WITH_PATH(wfile_path_a, lpFileName, file__delete(path));
}

BOOL WINAPI DeleteFileW(LPCWSTR lpFileName)
{
    FILE__WITH_PATH(wfile_path_w, lpFileName, file__delete(path));
}

static DWORD file__attributes(char *path)
{
    if (!path)
        return INVALID_FILE_ATTRIBUTES;
    struct stat st;
    DWORD attributes = INVALID_FILE_ATTRIBUTES;
    if (stat(path, &st) != 0)
        SetLastError(wfile_path_error(path, errno));
    else
        attributes = wfile_attributes(wfile_basename(path), &st);
    free(path);
    return attributes;
}

/* GetFileAttributes: INVALID_FILE_ATTRIBUTES and the path's error when it cannot be found. */
DWORD WINAPI GetFileAttributesA(LPCSTR lpFileName)
{
    return file__attributes(wfile_path_a(lpFileName));
}

DWORD WINAPI GetFileAttributesW(LPCWSTR lpFileName)
{
    return file__attributes(wfile_path_w(lpFileName));
}

/*
 * SetFileAttributes: of the attributes, only FILE_ATTRIBUTE_READONLY has a
 * Linux counterpart (the write permission bits: set, it clears them all;
 * clear, it gives the owner write permission back); the others are
 * accepted and kept nowhere.
 */
static BOOL file__set_attributes(const char *path, DWORD attributes)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return wfile_fail(path, errno);
    mode_t mode = st.st_mode & 07777;
    mode = (attributes & FILE_ATTRIBUTE_READONLY) ? (mode & ~(mode_t)0222) : (mode | S_IWUSR);
    if (mode != (st.st_mode & 07777) && chmod(path, mode) != 0)
        return wfile_fail(path, errno);
    return TRUE;
}

BOOL WINAPI SetFileAttributesA(LPCSTR lpFileName, DWORD dwFileAttributes)
{
    FILE__WITH_PATH(wfile_path_a, lpFileName, file__set_attributes(path, dwFileAttributes));
}

BOOL WINAPI SetFileAttributesW(LPCWSTR lpFileName, DWORD dwFileAttributes)
{
    FILE__WITH_PATH(wfile_path_w, lpFileName, file__set_attributes(path, dwFileAttributes));
}

static BOOL file__attributes_ex(const char *path, GET_FILEEX_INFO_LEVELS level, LPVOID out)
{
    if (level != GetFileExInfoStandard || !out) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WIN32_FILE_ATTRIBUTE_DATA *data = out;
    if (!sys_user_writable(data, sizeof(*data))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return wfile_fail(path, errno);
    data->dwFileAttributes = wfile_attributes(wfile_basename(path), &st);
    /* Linux keeps no creation time here: the earlier of mtime and ctime stands in. */
    wfile_filetime(st.st_ctim.tv_sec < st.st_mtim.tv_sec ? &st.st_ctim : &st.st_mtim,
                   &data->ftCreationTime);
    wfile_filetime(&st.st_atim, &data->ftLastAccessTime);
    wfile_filetime(&st.st_mtim, &data->ftLastWriteTime);
    uint64_t size = S_ISDIR(st.st_mode) ? 0 : (uint64_t)st.st_size;
    data->nFileSizeHigh = (DWORD)(size >> 32);
    data->nFileSizeLow = (DWORD)size;
    return TRUE;
}

BOOL WINAPI GetFileAttributesExA(LPCSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
                                 LPVOID lpFileInformation)
{
    FILE__WITH_PATH(wfile_path_a, lpFileName,
                    file__attributes_ex(path, fInfoLevelId, lpFileInformation));
}

BOOL WINAPI GetFileAttributesExW(LPCWSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
                                 LPVOID lpFileInformation)
{
    FILE__WITH_PATH(wfile_path_w, lpFileName,
                    file__attributes_ex(path, fInfoLevelId, lpFileInformation));
}

/*
 * CreateDirectory: "ERROR_ALREADY_EXISTS: The specified directory already
 * exists", "ERROR_PATH_NOT_FOUND: One or more intermediate directories do
 * not exist".  lpSecurityAttributes is ignored (the umask applies).
 */
static BOOL file__mkdir(const char *path)
{
    if (mkdir(path, 0777) == 0)
        return TRUE;
    int err = errno;
    SetLastError(err == EEXIST   ? ERROR_ALREADY_EXISTS
                 : err == ENOENT ? ERROR_PATH_NOT_FOUND
                                 : wfile_path_error(path, err));
    return FALSE;
}

BOOL WINAPI CreateDirectoryA(LPCSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    (void)lpSecurityAttributes;
    FILE__WITH_PATH(wfile_path_a, lpPathName, file__mkdir(path));
}

BOOL WINAPI CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    (void)lpSecurityAttributes;
    FILE__WITH_PATH(wfile_path_w, lpPathName, file__mkdir(path));
}

/* RemoveDirectory: an empty directory only (ERROR_DIR_NOT_EMPTY); a file is ERROR_DIRECTORY. */
static BOOL file__rmdir(const char *path)
{
    if (rmdir(path) == 0)
        return TRUE;
    int err = errno;
    if (err == ENOTDIR) {
        struct stat st;
        if (stat(path, &st) == 0) {
            SetLastError(ERROR_DIRECTORY);
            return FALSE;
        }
    }
    if (err == EEXIST)
        err = ENOTEMPTY;
    return wfile_fail(path, err);
}

BOOL WINAPI RemoveDirectoryA(LPCSTR lpPathName)
{
    FILE__WITH_PATH(wfile_path_a, lpPathName, file__rmdir(path));
}

BOOL WINAPI RemoveDirectoryW(LPCWSTR lpPathName)
{
    FILE__WITH_PATH(wfile_path_w, lpPathName, file__rmdir(path));
}

/*
 * CopyFile: the contents and the permission bits; "If this parameter is
 * TRUE and the new file specified by lpNewFileName already exists, the
 * function fails" (ERROR_FILE_EXISTS), else it is overwritten.
 * copy_file_range lets the kernel copy without a trip through user space;
 * read/write where it cannot (another file system type).
 */
static BOOL file__copy(const char *from, const char *to, bool fail_if_exists)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return wfile_fail(from, errno);
    struct stat st;
    if (fstat(in, &st) != 0 || S_ISDIR(st.st_mode)) {
        close(in);
        SetLastError(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_CLOEXEC | (fail_if_exists ? O_EXCL : O_TRUNC),
                   st.st_mode & 0777);
    if (out < 0) {
        int err = errno;
        close(in);
        return wfile_fail(to, err);
    }
    bool ok = true;
    for (;;) {
        ssize_t n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
        if (n > 0)
            continue;
        if (n == 0)
            break;
        if (errno == EINTR)
            continue;
        if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
            ok = false;
            break;
        }
        char buf[65536];
        ssize_t r;
        while ((r = read(in, buf, sizeof(buf))) > 0) {
            for (ssize_t w = 0; w < r;) {
                ssize_t k = write(out, buf + w, (size_t)(r - w));
                if (k < 0 && errno == EINTR)
                    continue;
                if (k < 0) {
                    ok = false;
                    break;
                }
                w += k;
            }
            if (!ok)
                break;
        }
        if (r < 0)
            ok = false;
        break;
    }
    int err = errno;
    close(in);
    if (close(out) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        SetLastError(kfile_error(err));
        return FALSE;
    }
    return TRUE;
}

/*
 * MoveFileEx: without MOVEFILE_REPLACE_EXISTING an existing target fails
 * (ERROR_ALREADY_EXISTS, renameat2's RENAME_NOREPLACE keeps that atomic);
 * across file systems a file is copied and its original removed only with
 * MOVEFILE_COPY_ALLOWED (ERROR_NOT_SAME_DEVICE otherwise), which MoveFile
 * implies ("MoveFile ... can move a file to a different volume").
 * MOVEFILE_DELAY_UNTIL_REBOOT has no Linux counterpart: ERROR_NOT_SUPPORTED.
 */
static BOOL file__move(const char *from, const char *to, DWORD flags)
{
    if (flags & MOVEFILE_DELAY_UNTIL_REBOOT) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return FALSE;
    }
    bool replace = (flags & MOVEFILE_REPLACE_EXISTING) != 0;
    int rc = replace ? rename(from, to) : renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
    if (rc == 0) {
        if (flags & MOVEFILE_WRITE_THROUGH)
            sync();
        return TRUE;
    }
    int err = errno;
    if (err == EEXIST || (replace && err == EISDIR)) {
        SetLastError(ERROR_ALREADY_EXISTS);
        return FALSE;
    }
    if (err == EXDEV && (flags & MOVEFILE_COPY_ALLOWED)) {
        struct stat st;
        if (stat(from, &st) == 0 && !S_ISDIR(st.st_mode) && file__copy(from, to, !replace)) {
            if (unlink(from) == 0)
                return TRUE;
            err = errno;
            unlink(to);
        } else {
            return FALSE;
        }
    }
    return wfile_fail(err == ENOENT && access(from, F_OK) == 0 ? to : from, err);
}

/* The two-path calls: both converted, then the body. */
static BOOL file__two(char *from, char *to, DWORD flags, bool copy)
{
    BOOL ok = FALSE;
    if (from && to)
        ok = copy ? file__copy(from, to, flags != 0) : file__move(from, to, flags);
    free(from);
    free(to);
    return ok;
}

BOOL WINAPI CopyFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, BOOL bFailIfExists)
{
    char *from = wfile_path_a(lpExistingFileName);
    return file__two(from, from ? wfile_path_a(lpNewFileName) : NULL, (DWORD)bFailIfExists, true);
}

BOOL WINAPI CopyFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, BOOL bFailIfExists)
{
    char *from = wfile_path_w(lpExistingFileName);
    return file__two(from, from ? wfile_path_w(lpNewFileName) : NULL, (DWORD)bFailIfExists, true);
}

BOOL WINAPI MoveFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, DWORD dwFlags)
{
    char *from = wfile_path_a(lpExistingFileName);
    return file__two(from, from ? wfile_path_a(lpNewFileName) : NULL, dwFlags, false);
}

BOOL WINAPI MoveFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags)
{
    char *from = wfile_path_w(lpExistingFileName);
    return file__two(from, from ? wfile_path_w(lpNewFileName) : NULL, dwFlags, false);
}

BOOL WINAPI MoveFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName)
{
    return MoveFileExA(lpExistingFileName, lpNewFileName, MOVEFILE_COPY_ALLOWED);
}

BOOL WINAPI MoveFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName)
{
    return MoveFileExW(lpExistingFileName, lpNewFileName, MOVEFILE_COPY_ALLOWED);
}
