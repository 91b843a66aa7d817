/*
 * What the file calls of src/win32 share: Windows paths as Linux paths,
 * the errors Windows gives for a path, attributes and times.
 */
#ifndef WS2_WIN32_FILE_H
#define WS2_WIN32_FILE_H

#include <stdbool.h>
#include <sys/stat.h>

#include <windows.h>

/*
 * A caller's path as a Linux path, in a new malloc block (NULL with the
 * last error set: ERROR_INVALID_PARAMETER for NULL, ERROR_NOACCESS for
 * memory that cannot be read, ERROR_PATH_NOT_FOUND for an empty path, as
 * CreateFile gives for "").  Backslashes become slashes (fileapi.h).
 */
char *wfile_path_a(LPCSTR path);
char *wfile_path_w(LPCWSTR path);

/*
 * The Win32 error for a failed call on path: ENOENT is
 * ERROR_FILE_NOT_FOUND when the directory it names exists and
 * ERROR_PATH_NOT_FOUND when it does not, as Windows tells them apart.
 */
DWORD wfile_path_error(const char *path, int err);

/* Sets the last error for a failed call on path (wfile_path_error of errno); returns FALSE. */
BOOL wfile_fail(const char *path, int err);

/* The attributes Windows would show for a file with this name and status. */
DWORD wfile_attributes(const char *name, const struct stat *st);

/* A Linux time as a FILETIME (100-ns intervals since 1601-01-01 UTC). */
void wfile_filetime(const struct timespec *ts, FILETIME *out);

/* The last component of a path (after its last slash). */
const char *wfile_basename(const char *path);

#endif
