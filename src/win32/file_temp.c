/*
 * GetTempPath and GetTempFileName.
 *
 * GetTempPath: Windows reads TMP, then TEMP, then USERPROFILE; Linux's
 * convention is TMPDIR, else /tmp.  The path ends with a separator ('/'),
 * as Windows' ends with one.  "If the function succeeds, the return value
 * is the length, in TCHARs, of the string copied to lpBuffer, not
 * including the terminating null character.  If the return value is
 * greater than nBufferLength, the return value is the length, in TCHARs,
 * of the buffer required to hold the path" (counting the NUL).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <windows.h>

#include "sys/usermem.h"
#include "win32/file.h"
#include "ws2_32/addrtext.h"

/* The temporary directory with its trailing slash, in a new malloc block. */
static char *file__temp_dir(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t n = strlen(dir);
    bool slash = dir[n - 1] == '/';
    char *out = malloc(n + 2);
    if (out) {
        memcpy(out, dir, n);
        if (!slash)
            out[n++] = '/';
        out[n] = '\0';
    }
    return out;
}

DWORD WINAPI GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer)
{
    char *dir = file__temp_dir();
    if (!dir) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    DWORD n = (DWORD)strlen(dir);
    if (n + 1 > nBufferLength || !lpBuffer) {
        free(dir);
        return n + 1;
    }
    if (!sys_user_writable(lpBuffer, n + 1)) {
        free(dir);
        SetLastError(ERROR_NOACCESS);
        return 0;
    }
    memcpy(lpBuffer, dir, n + 1);
    free(dir);
    return n;
}

DWORD WINAPI GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer)
{
    char *dir = file__temp_dir();
    if (!dir) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    DWORD n = (DWORD)ws2_wide_length(dir);
    if (n + 1 > nBufferLength || !lpBuffer) {
        free(dir);
        return n + 1;
    }
    if (!sys_user_writable(lpBuffer, (n + 1) * sizeof(WCHAR))) {
        free(dir);
        SetLastError(ERROR_NOACCESS);
        return 0;
    }
    ws2_wide_copy(dir, lpBuffer);
    free(dir);
    return n;
}

/*
 * GetTempFileName: "<path>\<pre><uuuu>.TMP", with up to three characters
 * of the prefix and the unique number in hexadecimal.  With uUnique 0 the
 * function picks a number, creates the (empty) file so that the name stays
 * unique, and returns the number; with a non-zero uUnique it only makes the
 * name ("the function does not create the specified file") from its low
 * 16 bits.  The directory must exist (ERROR_DIRECTORY otherwise, as Windows
 * answers), and the name must fit MAX_PATH (ERROR_BUFFER_OVERFLOW).  The
 * separator added is '/'.
 */
static UINT file__temp_name(const char *dir, const char *prefix, UINT unique, char *out)
{
    char *linux_dir = strdup(dir);
    if (!linux_dir) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    for (char *p = linux_dir; *p; p++)
        if (*p == '\\')
            *p = '/';
    struct stat st;
    bool is_dir = stat(*linux_dir ? linux_dir : ".", &st) == 0 && S_ISDIR(st.st_mode);
    free(linux_dir);
    if (!is_dir) {
        SetLastError(ERROR_DIRECTORY);
        return 0;
    }
    size_t n = strlen(dir);
    const char *sep = (n == 0 || dir[n - 1] == '/' || dir[n - 1] == '\\') ? "" : "/";
    char pre[4] = {0};
    strncpy(pre, prefix, 3);
    bool create = unique == 0;
    unsigned value =
        create ? (unsigned)((getpid() ^ (unsigned)time(NULL)) & 0xffff) : unique & 0xffff;
    for (unsigned tries = 0; tries < 0x10000; tries++) {
        if (value == 0)
            value = 1;
        char name[MAX_PATH + 32];
        int len = snprintf(name, sizeof(name), "%s%s%s%X.TMP", dir, sep, pre, value);
        if (len < 0 || len >= MAX_PATH) {
            SetLastError(ERROR_BUFFER_OVERFLOW);
            return 0;
        }
        if (!create) {
            memcpy(out, name, (size_t)len + 1);
            return unique;
        }
        for (char *p = name; *p; p++)
            if (*p == '\\')
                *p = '/';
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            close(fd);
            snprintf(out, MAX_PATH, "%s%s%s%X.TMP", dir, sep, pre, value);
            return value;
        }
        if (errno != EEXIST)
            return (UINT)wfile_fail(name, errno);
        value = (value + 1) & 0xffff;
    }
    SetLastError(ERROR_FILE_EXISTS);
    return 0;
}

UINT WINAPI GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique,
                             LPSTR lpTempFileName)
{
    if (!lpPathName || !lpPrefixString || !lpTempFileName) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!sys_user_string(lpPathName, 1, NULL) || !sys_user_string(lpPrefixString, 1, NULL) ||
        !sys_user_writable(lpTempFileName, MAX_PATH)) {
        SetLastError(ERROR_NOACCESS);
        return 0;
    }
    return file__temp_name(lpPathName, lpPrefixString, uUnique, lpTempFileName);
}

UINT WINAPI GetTempFileNameW(LPCWSTR lpPathName, LPCWSTR lpPrefixString, UINT uUnique,
                             LPWSTR lpTempFileName)
{
    if (!lpPathName || !lpPrefixString || !lpTempFileName) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!sys_user_string(lpPathName, sizeof(WCHAR), NULL) ||
        !sys_user_string(lpPrefixString, sizeof(WCHAR), NULL) ||
        !sys_user_writable(lpTempFileName, MAX_PATH * sizeof(WCHAR))) {
        SetLastError(ERROR_NOACCESS);
        return 0;
    }
    char *dir = ws2_utf8_from_wide(lpPathName), *prefix = ws2_utf8_from_wide(lpPrefixString);
    UINT result = 0;
    char out[MAX_PATH * 4];
    if (!dir || !prefix)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    else if ((result = file__temp_name(dir, prefix, uUnique, out)) != 0) {
        if (ws2_wide_length(out) >= MAX_PATH) {
            SetLastError(ERROR_BUFFER_OVERFLOW);
            result = 0;
        } else {
            ws2_wide_copy(out, lpTempFileName);
        }
    }
    free(dir);
    free(prefix);
    return result;
}
