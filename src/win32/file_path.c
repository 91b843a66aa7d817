/*
 * Windows paths as Linux paths, and the errors and attributes Windows gives
 * for them (see win32/file.h).
 *
 * Separators: Windows code writes "logs\\server.txt" and "C:/x" alike;
 * Windows itself takes both '\\' and '/'.  A backslash is therefore read as
 * a separator.  The cost: a Linux file whose name holds a backslash (legal
 * on Linux) cannot be named through these calls.  Porting users expect the
 * Windows spelling to work, and such names are rare.
 */
#include "win32/file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/file.h"
#include "sys/usermem.h"
#include "ws2_32/addrtext.h"

static char *file__convert(char *path)
{
    if (!path) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (!*path) {
        free(path);
        SetLastError(ERROR_PATH_NOT_FOUND);
        return NULL;
    }
    for (char *p = path; *p; p++)
        if (*p == '\\')
            *p = '/';
    return path;
}

char *wfile_path_a(LPCSTR path)
{
    if (!path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!sys_user_string(path, 1, NULL)) {
        SetLastError(ERROR_NOACCESS);
        return NULL;
    }
    return file__convert(strdup(path));
}

char *wfile_path_w(LPCWSTR path)
{
    if (!path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!sys_user_string(path, sizeof(WCHAR), NULL)) {
        SetLastError(ERROR_NOACCESS);
        return NULL;
    }
    return file__convert(ws2_utf8_from_wide(path));
}

const char *wfile_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Whether the directory that would hold path's last component exists. */
static bool file__parent_exists(const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--; /* "dir/missing/" names missing */
    const char *end = path + len;
    while (end > path && end[-1] != '/')
        end--;
    if (end == path)
        return true; /* relative to the current directory, which exists */
    size_t n = (size_t)(end - path);
    char *parent = malloc(n + 1);
    if (!parent)
        return true;
    memcpy(parent, path, n);
    parent[n] = '\0';
    struct stat st;
    bool exists = stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
    free(parent);
    return exists;
}

DWORD wfile_path_error(const char *path, int err)
{
    if (err == ENOENT && !file__parent_exists(path))
        return ERROR_PATH_NOT_FOUND;
    return kfile_error(err);
}

BOOL wfile_fail(const char *path, int err)
{
    SetLastError(wfile_path_error(path, err));
    return FALSE;
}

/*
 * Linux has no attribute bits: a directory is FILE_ATTRIBUTE_DIRECTORY; a
 * file its owner cannot write is FILE_ATTRIBUTE_READONLY; a name starting
 * with a dot (not "." or "..") is hidden by Linux convention, so
 * FILE_ATTRIBUTE_HIDDEN; a file with none of these is
 * FILE_ATTRIBUTE_NORMAL, which Windows documents as "valid only when used
 * alone".
 */
DWORD wfile_attributes(const char *name, const struct stat *st)
{
    DWORD attributes = 0;
    if (S_ISDIR(st->st_mode))
        attributes |= FILE_ATTRIBUTE_DIRECTORY;
    if (!(st->st_mode & S_IWUSR))
        attributes |= FILE_ATTRIBUTE_READONLY;
    if (name[0] == '.' && strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
        attributes |= FILE_ATTRIBUTE_HIDDEN;
    if (!S_ISDIR(st->st_mode) && !S_ISREG(st->st_mode))
        attributes |= FILE_ATTRIBUTE_DEVICE * (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode));
    return attributes ? attributes : FILE_ATTRIBUTE_NORMAL;
}

/* 1601-01-01 to 1970-01-01 in 100-ns intervals. */
#define FILE__EPOCH_DIFF 116444736000000000ULL

void wfile_filetime(const struct timespec *ts, FILETIME *out)
{
    unsigned long long t = FILE__EPOCH_DIFF + (unsigned long long)ts->tv_sec * 10000000ULL +
                           (unsigned long long)ts->tv_nsec / 100;
    out->dwLowDateTime = (DWORD)t;
    out->dwHighDateTime = (DWORD)(t >> 32);
}
