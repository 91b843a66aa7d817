/*
 * CreateFileA/W: opens or creates a file and gives a file handle
 * (kernel/file.h).  The dispositions as CreateFile documents them:
 *   CREATE_NEW         fails with ERROR_FILE_EXISTS when the file exists;
 *   CREATE_ALWAYS      truncates an existing file: success, and the last
 *                      error is ERROR_ALREADY_EXISTS ("If the specified
 *                      file exists and is writable, the function truncates
 *                      the file, the function succeeds, and last-error
 *                      code is set to ERROR_ALREADY_EXISTS (183)"), else 0;
 *   OPEN_EXISTING      fails with ERROR_FILE_NOT_FOUND (or
 *                      ERROR_PATH_NOT_FOUND) when it does not exist;
 *   OPEN_ALWAYS        as CREATE_ALWAYS without the truncation: success
 *                      with ERROR_ALREADY_EXISTS when it existed, else 0;
 *   TRUNCATE_EXISTING  needs GENERIC_WRITE; fails when it does not exist.
 * Linux has no share modes: dwShareMode is accepted and nothing is
 * refused for it (another process or handle may open, write or delete the
 * file meanwhile, as FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE
 * would allow).  FILE_FLAG_NO_BUFFERING is accepted and changes nothing
 * (O_DIRECT's alignment rules differ from Windows'); FILE_FLAG_WRITE_THROUGH
 * is O_DSYNC; FILE_FLAG_SEQUENTIAL_SCAN and FILE_FLAG_RANDOM_ACCESS are
 * advice to the kernel (posix_fadvise); FILE_FLAG_DELETE_ON_CLOSE unlinks
 * the file when the object goes (kernel/file.c).  A directory opens only
 * with FILE_FLAG_BACKUP_SEMANTICS, as on Windows (ERROR_ACCESS_DENIED
 * otherwise).  "NUL" is /dev/null; "CONIN$" and "CONOUT$" (the console's
 * input and output) are the controlling terminal, /dev/tty, which a process
 * without one cannot open, as a Windows process without a console cannot
 * open those.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <windows.h>

#include "kernel/file.h"
#include "win32/file.h"

#define FILE__READ_RIGHTS  (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA)
#define FILE__WRITE_RIGHTS (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA)

/* An absolute spelling of path, for FILE_FLAG_DELETE_ON_CLOSE after a SetCurrentDirectory. */
static char *file__absolute(const char *path)
{
    if (path[0] == '/')
        return strdup(path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd)))
        return strdup(path);
    size_t n = strlen(cwd) + 1 + strlen(path) + 1;
    char *out = malloc(n);
    if (out) {
        strcpy(out, cwd);
        strcat(out, "/");
        strcat(out, path);
    }
    return out;
}

static HANDLE file__create(char *path, DWORD access, DWORD disposition, DWORD flags)
{
    if (!path)
        return INVALID_HANDLE_VALUE;
    const char *device = strcasecmp(path, "NUL") == 0       ? "/dev/null"
                         : strcasecmp(path, "CONIN$") == 0  ? "/dev/tty"
                         : strcasecmp(path, "CONOUT$") == 0 ? "/dev/tty"
                                                            : NULL;
    if (device) {
        free(path);
        path = strdup(device);
        if (!path) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return INVALID_HANDLE_VALUE;
        }
    }
    bool can_read = (access & FILE__READ_RIGHTS) != 0;
    bool can_write = (access & FILE__WRITE_RIGHTS) != 0;
    bool append_only =
        (access & FILE_APPEND_DATA) && !(access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA));
    int oflags = O_CLOEXEC | (can_read && can_write ? O_RDWR : can_write ? O_WRONLY : O_RDONLY);
    if (append_only)
        oflags |= O_APPEND;
    if (flags & FILE_FLAG_WRITE_THROUGH)
        oflags |= O_DSYNC;
    mode_t mode = (flags & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;

    int fd = -1, err = 0;
    DWORD last_error = ERROR_SUCCESS;
    switch (disposition) {
    case CREATE_NEW: fd = open(path, oflags | O_CREAT | O_EXCL, mode); break;
    case CREATE_ALWAYS:
    case OPEN_ALWAYS:
        /* Created, or else opened: which one decides the last error. */
        for (int tries = 0; fd < 0 && tries < 8; tries++) {
            fd = open(path, oflags | O_CREAT | O_EXCL, mode);
            if (fd >= 0 || errno != EEXIST)
                break;
            fd = open(path, oflags | (disposition == CREATE_ALWAYS ? O_TRUNC : 0));
            if (fd >= 0)
                last_error = ERROR_ALREADY_EXISTS;
            else if (errno != ENOENT)
                break; /* removed in between: try to create it again */
        }
        break;
    case OPEN_EXISTING: fd = open(path, oflags); break;
    case TRUNCATE_EXISTING:
        if (!can_write) {
            free(path);
            SetLastError(ERROR_INVALID_PARAMETER);
            return INVALID_HANDLE_VALUE;
        }
        fd = open(path, oflags | O_TRUNC);
        break;
    default:
        free(path);
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    err = errno;
    /* A query-only open (no read or write rights) of a file we may not read. */
    if (fd < 0 && err == EACCES && !can_read && !can_write &&
        (disposition == OPEN_EXISTING || disposition == OPEN_ALWAYS))
        fd = open(path, O_PATH | O_CLOEXEC);
    /* A directory: only with FILE_FLAG_BACKUP_SEMANTICS, and only to read. */
    if (fd < 0 && err == EISDIR && (flags & FILE_FLAG_BACKUP_SEMANTICS) &&
        disposition == OPEN_EXISTING)
        fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        SetLastError(wfile_path_error(path, err));
        free(path);
        return INVALID_HANDLE_VALUE;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) && !(flags & FILE_FLAG_BACKUP_SEMANTICS)) {
        close(fd);
        free(path);
        SetLastError(ERROR_ACCESS_DENIED);
        return INVALID_HANDLE_VALUE;
    }
    if (flags & FILE_FLAG_SEQUENTIAL_SCAN)
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    if (flags & FILE_FLAG_RANDOM_ACCESS)
        posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);

    char *delete_path = (flags & FILE_FLAG_DELETE_ON_CLOSE) ? file__absolute(path) : NULL;
    free(path);
    if ((flags & FILE_FLAG_DELETE_ON_CLOSE) && !delete_path) {
        close(fd);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    HANDLE h = kfile_create(fd, can_read, can_write, (flags & FILE_FLAG_OVERLAPPED) != 0, false,
                            delete_path);
    free(delete_path);
    if (!h)
        return INVALID_HANDLE_VALUE;
    SetLastError(last_error);
    return h;
}

HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                          DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
    (void)dwShareMode;
    (void)lpSecurityAttributes;
    (void)hTemplateFile;
    return file__create(wfile_path_a(lpFileName), dwDesiredAccess, dwCreationDisposition,
                        dwFlagsAndAttributes);
}

HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                          DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
    (void)dwShareMode;
    (void)lpSecurityAttributes;
    (void)hTemplateFile;
    return file__create(wfile_path_w(lpFileName), dwDesiredAccess, dwCreationDisposition,
                        dwFlagsAndAttributes);
}
