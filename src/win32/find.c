/*
 * FindFirstFile, FindNextFile, FindClose: a directory search.
 *
 * The pattern is the last component of the path; '*' matches any run of
 * characters and '?' any one, compared without regard to ASCII case, as
 * Windows' file systems compare names ("*.*" matches every name, with a dot
 * or not, as on Windows).  The directory is read once, at FindFirstFile,
 * into a list sorted by name without regard to case (the order NTFS
 * gives, "." and ".." first: Windows lists them for "dir\*" too); the
 * search handle (KOBJ_FIND) hands it out one entry at a time.  "If the
 * function fails because no matching files can be found, the GetLastError
 * function returns ERROR_FILE_NOT_FOUND"; FindNextFile past the last is
 * ERROR_NO_MORE_FILES.  A search handle is closed with FindClose, not
 * CloseHandle.
 */
#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <windows.h>

#include "kernel/file.h"
#include "kernel/handle.h"
#include "sys/usermem.h"
#include "win32/file.h"
#include "ws2_32/addrtext.h"

struct find_entry {
    char *name;
    DWORD attributes;
    FILETIME created, accessed, written;
    uint64_t size;
};

struct find {
    struct kobj obj;
    pthread_mutex_t lock; /* FindNextFile from two threads on one handle */
    struct find_entry *entries;
    size_t count, next;
};

static void find__free(struct find *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->entries[i].name);
    free(s->entries);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

static void find__destroy(struct kobj *obj)
{
    find__free((struct find *)obj);
}

static const struct kobj_ops find__ops = {.type = KOBJ_FIND, .destroy = find__destroy};

static int find__lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Whether name matches pattern ('*', '?', ASCII case ignored). */
static bool find__match(const char *pattern, const char *name)
{
    const char *star = NULL, *resume = NULL;
    while (*name) {
        if (*pattern == '*') {
            star = ++pattern;
            resume = name;
        } else if (*pattern == '?' || (*pattern && find__lower((unsigned char)*pattern) ==
                                                       find__lower((unsigned char)*name))) {
            pattern++;
            name++;
        } else if (star) {
            pattern = star;
            name = ++resume;
        } else {
            return false;
        }
    }
    while (*pattern == '*')
        pattern++;
    return *pattern == '\0';
}

static int find__compare(const void *a, const void *b)
{
    const struct find_entry *x = a, *y = b;
    int dots = (strcmp(y->name, ".") == 0) * 2 + (strcmp(y->name, "..") == 0) -
               ((strcmp(x->name, ".") == 0) * 2 + (strcmp(x->name, "..") == 0));
    if (dots)
        return dots;
    int c = strcasecmp(x->name, y->name);
    return c ? c : strcmp(x->name, y->name);
}

static bool find__add(struct find *s, size_t *cap, const char *dir, const char *name)
{
    if (s->count == *cap) {
        size_t n = *cap ? *cap * 2 : 16;
        struct find_entry *grown = realloc(s->entries, n * sizeof(*grown));
        if (!grown)
            return false;
        s->entries = grown;
        *cap = n;
    }
    size_t len = strlen(dir) + 1 + strlen(name) + 1;
    char *full = malloc(len);
    struct find_entry *e = &s->entries[s->count];
    e->name = strdup(name);
    if (!full || !e->name) {
        free(full);
        free(e->name);
        return false;
    }
    strcpy(full, dir);
    strcat(full, "/");
    strcat(full, name);
    struct stat st;
    if (stat(full, &st) != 0 && lstat(full, &st) != 0)
        memset(&st, 0, sizeof(st));
    free(full);
    e->attributes = wfile_attributes(name, &st);
    wfile_filetime(st.st_ctim.tv_sec < st.st_mtim.tv_sec ? &st.st_ctim : &st.st_mtim, &e->created);
    wfile_filetime(&st.st_atim, &e->accessed);
    wfile_filetime(&st.st_mtim, &e->written);
    e->size = S_ISDIR(st.st_mode) ? 0 : (uint64_t)st.st_size;
    s->count++;
    return true;
}

/* The search for a converted path; its handle, or INVALID_HANDLE_VALUE with the last error. */
static HANDLE find__first(char *path)
{
    if (!path)
        return INVALID_HANDLE_VALUE;
    char *slash = strrchr(path, '/');
    const char *dir = ".", *pattern = path;
    if (slash) {
        *slash = '\0';
        dir = slash == path ? "/" : path;
        pattern = slash + 1;
    }
    if (strcmp(pattern, "*.*") == 0)
        pattern = "*";
    HANDLE result = INVALID_HANDLE_VALUE;
    struct find *s = calloc(1, sizeof(*s));
    DIR *d = NULL;
    if (!s) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        goto out;
    }
    s->obj.ops = &find__ops;
    pthread_mutex_init(&s->lock, NULL);
    if (!*pattern) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        goto out;
    }
    d = opendir(dir);
    if (!d) {
        int err = errno;
        SetLastError(err == ENOENT || err == ENOTDIR ? ERROR_PATH_NOT_FOUND : kfile_error(err));
        goto out;
    }
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!find__match(pattern, de->d_name))
            continue;
        if (!find__add(s, &cap, dir, de->d_name)) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            goto out;
        }
    }
    if (s->count == 0) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        goto out;
    }
    qsort(s->entries, s->count, sizeof(s->entries[0]), find__compare);
    uintptr_t h = handle_insert(&s->obj);
    if (!h) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        goto out;
    }
    s = NULL;
    result = (HANDLE)h;
out:
    if (d)
        closedir(d);
    if (s)
        find__free(s);
    free(path);
    return result;
}

/* The next entry of the search h; false with the last error set. */
static bool find__next(HANDLE h, struct find_entry *out, char **name)
{
    struct find *s = (struct find *)handle_ref((uintptr_t)h, KOBJ_FIND);
    if (!s) {
        SetLastError(ERROR_INVALID_HANDLE);
        return false;
    }
    bool ok = false;
    pthread_mutex_lock(&s->lock);
    if (s->next < s->count) {
        *out = s->entries[s->next++];
        *name = strdup(out->name);
        ok = *name != NULL;
        if (!ok)
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        SetLastError(ERROR_NO_MORE_FILES);
    }
    pthread_mutex_unlock(&s->lock);
    handle_unref((uintptr_t)h);
    return ok;
}

static void find__fill_common(const struct find_entry *e, DWORD *attributes, FILETIME *times,
                              DWORD *size_high, DWORD *size_low)
{
    *attributes = e->attributes;
    times[0] = e->created;
    times[1] = e->accessed;
    times[2] = e->written;
    *size_high = (DWORD)(e->size >> 32);
    *size_low = (DWORD)e->size;
}

static bool find__fill_a(HANDLE h, LPWIN32_FIND_DATAA data)
{
    struct find_entry e;
    char *name;
    if (!find__next(h, &e, &name))
        return false;
    memset(data, 0, sizeof(*data));
    FILETIME times[3];
    find__fill_common(&e, &data->dwFileAttributes, times, &data->nFileSizeHigh,
                      &data->nFileSizeLow);
    data->ftCreationTime = times[0];
    data->ftLastAccessTime = times[1];
    data->ftLastWriteTime = times[2];
    strncpy(data->cFileName, name, MAX_PATH - 1);
    free(name);
    return true;
}

static bool find__fill_w(HANDLE h, LPWIN32_FIND_DATAW data)
{
    struct find_entry e;
    char *name;
    if (!find__next(h, &e, &name))
        return false;
    memset(data, 0, sizeof(*data));
    FILETIME times[3];
    find__fill_common(&e, &data->dwFileAttributes, times, &data->nFileSizeHigh,
                      &data->nFileSizeLow);
    data->ftCreationTime = times[0];
    data->ftLastAccessTime = times[1];
    data->ftLastWriteTime = times[2];
    WCHAR *wide = ws2_wide_from_utf8(name);
    free(name);
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return false;
    }
    wcsncpy(data->cFileName, wide, MAX_PATH - 1);
    free(wide);
    return true;
}

/* The first entry goes into the caller's data; the handle is closed again if that fails. */
static HANDLE find__start(HANDLE h, void *data, bool wide)
{
    if (h == INVALID_HANDLE_VALUE)
        return h;
    if (wide ? find__fill_w(h, data) : find__fill_a(h, data))
        return h;
    DWORD error = GetLastError();
    FindClose(h);
    SetLastError(error);
    return INVALID_HANDLE_VALUE;
}

static bool find__data_ok(void *data, size_t size)
{
    if (!data) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return false;
    }
    if (!sys_user_writable(data, size)) {
        SetLastError(ERROR_NOACCESS);
        return false;
    }
    return true;
}

HANDLE WINAPI FindFirstFileA(LPCSTR lpFileName, LPWIN32_FIND_DATAA lpFindFileData)
{
    if (!find__data_ok(lpFindFileData, sizeof(*lpFindFileData)))
        return INVALID_HANDLE_VALUE;
    return find__start(find__first(wfile_path_a(lpFileName)), lpFindFileData, false);
}

HANDLE WINAPI FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData)
{
    if (!find__data_ok(lpFindFileData, sizeof(*lpFindFileData)))
        return INVALID_HANDLE_VALUE;
    return find__start(find__first(wfile_path_w(lpFileName)), lpFindFileData, true);
}

BOOL WINAPI FindNextFileA(HANDLE hFindFile, LPWIN32_FIND_DATAA lpFindFileData)
{
    if (!find__data_ok(lpFindFileData, sizeof(*lpFindFileData)))
        return FALSE;
    return find__fill_a(hFindFile, lpFindFileData);
}

BOOL WINAPI FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData)
{
    if (!find__data_ok(lpFindFileData, sizeof(*lpFindFileData)))
        return FALSE;
    return find__fill_w(hFindFile, lpFindFileData);
}

BOOL WINAPI FindClose(HANDLE hFindFile)
{
    uintptr_t h = (uintptr_t)hFindFile;
    if (!handle_close(h, KOBJ_FIND)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    handle_unref(h);
    return TRUE;
}
