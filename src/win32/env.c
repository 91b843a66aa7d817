/*
 * The process environment of processenv.h: environment variables, the
 * command line, the current directory.
 *
 * Environment variables: Windows compares their names without regard to
 * case, Linux exactly.  A lookup tries the exact name first and then any
 * name equal without regard to ASCII case, so GetEnvironmentVariable("Path")
 * finds PATH; SetEnvironmentVariable sets the exact name given.  getenv
 * and setenv are not safe against each other in threads: the calls here
 * take one lock among themselves (other code in the process that calls
 * setenv is not covered, as with any Linux library).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <windows.h>

#include "sys/usermem.h"
#include "win32/file.h"
#include "ws2_32/addrtext.h"

extern char **environ;

static pthread_mutex_t env__lock = PTHREAD_MUTEX_INITIALIZER;

/* The value of name, in a new malloc block; NULL (and *missing) when it is not set. */
static char *env__get(const char *name, bool *missing)
{
    *missing = false;
    pthread_mutex_lock(&env__lock);
    const char *value = getenv(name);
    size_t n = strlen(name);
    for (char **e = environ; !value && e && *e; e++)
        if (strncasecmp(*e, name, n) == 0 && (*e)[n] == '=')
            value = *e + n + 1;
    char *copy = value ? strdup(value) : NULL;
    pthread_mutex_unlock(&env__lock);
    if (!value)
        *missing = true;
    return copy;
}

/*
 * "If the function succeeds, the return value is the number of characters
 * stored in the buffer pointed to by lpBuffer, not including the
 * terminating null character.  If lpBuffer is not large enough to hold the
 * data, the return value is the buffer size, in characters, required to
 * hold the string and its terminating null character ... If the function
 * fails ... ERROR_ENVVAR_NOT_FOUND."
 */
DWORD WINAPI GetEnvironmentVariableA(LPCSTR lpName, LPSTR lpBuffer, DWORD nSize)
{
    if (!lpName || !sys_user_string(lpName, 1, NULL)) {
        SetLastError(lpName ? ERROR_NOACCESS : ERROR_INVALID_PARAMETER);
        return 0;
    }
    bool missing;
    char *value = env__get(lpName, &missing);
    if (!value) {
        SetLastError(missing ? ERROR_ENVVAR_NOT_FOUND : ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    DWORD n = (DWORD)strlen(value);
    DWORD result = n + 1;
    if (lpBuffer && nSize > n) {
        if (!sys_user_writable(lpBuffer, n + 1)) {
            SetLastError(ERROR_NOACCESS);
            result = 0;
        } else {
            memcpy(lpBuffer, value, n + 1);
            result = n;
            SetLastError(ERROR_SUCCESS);
        }
    }
    free(value);
    return result;
}

DWORD WINAPI GetEnvironmentVariableW(LPCWSTR lpName, LPWSTR lpBuffer, DWORD nSize)
{
    if (!lpName || !sys_user_string(lpName, sizeof(WCHAR), NULL)) {
        SetLastError(lpName ? ERROR_NOACCESS : ERROR_INVALID_PARAMETER);
        return 0;
    }
    char *name = ws2_utf8_from_wide(lpName);
    if (!name) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    bool missing;
    char *value = env__get(name, &missing);
    free(name);
    if (!value) {
        SetLastError(missing ? ERROR_ENVVAR_NOT_FOUND : ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    DWORD n = (DWORD)ws2_wide_length(value);
    DWORD result = n + 1;
    if (lpBuffer && nSize > n) {
        if (!sys_user_writable(lpBuffer, (n + 1) * sizeof(WCHAR))) {
            SetLastError(ERROR_NOACCESS);
            result = 0;
        } else {
            ws2_wide_copy(value, lpBuffer);
            result = n;
            SetLastError(ERROR_SUCCESS);
        }
    }
    free(value);
    return result;
}

/* lpValue NULL deletes the variable ("If this parameter is NULL, the variable is deleted"). */
static BOOL env__set(const char *name, const char *value)
{
    if (!*name || strchr(name, '=')) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    pthread_mutex_lock(&env__lock);
    int rc = value ? setenv(name, value, 1) : unsetenv(name);
    int err = errno;
    pthread_mutex_unlock(&env__lock);
    if (rc != 0) {
        SetLastError(err == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SetEnvironmentVariableA(LPCSTR lpName, LPCSTR lpValue)
{
    if (!lpName) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!sys_user_string(lpName, 1, NULL) || (lpValue && !sys_user_string(lpValue, 1, NULL))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    return env__set(lpName, lpValue);
}

BOOL WINAPI SetEnvironmentVariableW(LPCWSTR lpName, LPCWSTR lpValue)
{
    if (!lpName) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!sys_user_string(lpName, sizeof(WCHAR), NULL) ||
        (lpValue && !sys_user_string(lpValue, sizeof(WCHAR), NULL))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    char *name = ws2_utf8_from_wide(lpName);
    char *value = lpValue ? ws2_utf8_from_wide(lpValue) : NULL;
    BOOL ok = FALSE;
    if (!name || (lpValue && !value))
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    else
        ok = env__set(name, value);
    free(name);
    free(value);
    return ok;
}

/*
 * GetCommandLine: the arguments of /proc/self/cmdline joined by spaces,
 * each quoted as the Microsoft C runtime's parser reads it back (an empty
 * argument or one with a space or tab in double quotes; a double quote
 * escaped with a backslash, and the backslashes before it doubled).  Made
 * once; the string lives as long as the process, as Windows' does.
 */
static pthread_once_t env__cmdline_once = PTHREAD_ONCE_INIT;
static char *env__cmdline_a;
static WCHAR *env__cmdline_w;

static void env__append(char **out, size_t *len, size_t *cap, char c)
{
    if (*len + 2 > *cap) {
        size_t n = *cap ? *cap * 2 : 256;
        char *grown = realloc(*out, n);
        if (!grown)
            return;
        *out = grown;
        *cap = n;
    }
    (*out)[(*len)++] = c;
    (*out)[*len] = '\0';
}

static void env__make_cmdline(void)
{
    char *raw = NULL;
    size_t rawlen = 0;
    FILE *f = fopen("/proc/self/cmdline", "rb");
    if (f) {
        size_t cap = 0;
        int c;
        while ((c = fgetc(f)) != EOF)
            env__append(&raw, &rawlen, &cap, (char)c);
        fclose(f);
    }
    char *out = NULL;
    size_t len = 0, cap = 0;
    env__append(&out, &len, &cap, '\0');
    len = 0;
    for (size_t i = 0; raw && i < rawlen;) {
        const char *arg = raw + i;
        size_t n = strlen(arg);
        if (i > 0)
            env__append(&out, &len, &cap, ' ');
        bool quote = n == 0 || strpbrk(arg, " \t") != NULL;
        if (quote)
            env__append(&out, &len, &cap, '"');
        size_t backslashes = 0;
        for (size_t k = 0; k < n; k++) {
            if (arg[k] == '\\') {
                backslashes++;
            } else if (arg[k] == '"') {
                for (size_t b = 0; b < backslashes + 1; b++)
                    env__append(&out, &len, &cap, '\\');
                backslashes = 0;
            } else {
                backslashes = 0;
            }
            env__append(&out, &len, &cap, arg[k]);
        }
        if (quote) {
            for (size_t b = 0; b < backslashes; b++)
                env__append(&out, &len, &cap, '\\');
            env__append(&out, &len, &cap, '"');
        }
        i += n + 1;
    }
    free(raw);
    env__cmdline_a = out ? out : (char *)"";
    env__cmdline_w = ws2_wide_from_utf8(env__cmdline_a);
    if (!env__cmdline_w)
        env__cmdline_w = (WCHAR *)L"";
}

LPSTR WINAPI GetCommandLineA(void)
{
    pthread_once(&env__cmdline_once, env__make_cmdline);
    return env__cmdline_a;
}

LPWSTR WINAPI GetCommandLineW(void)
{
    pthread_once(&env__cmdline_once, env__make_cmdline);
    return env__cmdline_w;
}

/*
 * GetCurrentDirectory: the length without the NUL when it fits, else the
 * size needed with it.  The directory is the Linux one, with '/'.
 */
static char *env__cwd(void)
{
    char *cwd = getcwd(NULL, 0);
    if (!cwd)
        SetLastError(errno == ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_FILE_NOT_FOUND);
    return cwd;
}

DWORD WINAPI GetCurrentDirectoryA(DWORD nBufferLength, LPSTR lpBuffer)
{
    char *cwd = env__cwd();
    if (!cwd)
        return 0;
    DWORD n = (DWORD)strlen(cwd), result = n + 1;
    if (lpBuffer && nBufferLength > n) {
        if (sys_user_writable(lpBuffer, n + 1)) {
            memcpy(lpBuffer, cwd, n + 1);
            result = n;
        } else {
            SetLastError(ERROR_NOACCESS);
            result = 0;
        }
    }
    free(cwd);
    return result;
}

DWORD WINAPI GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer)
{
    char *cwd = env__cwd();
    if (!cwd)
        return 0;
    DWORD n = (DWORD)ws2_wide_length(cwd), result = n + 1;
    if (lpBuffer && nBufferLength > n) {
        if (sys_user_writable(lpBuffer, (n + 1) * sizeof(WCHAR))) {
            ws2_wide_copy(cwd, lpBuffer);
            result = n;
        } else {
            SetLastError(ERROR_NOACCESS);
            result = 0;
        }
    }
    free(cwd);
    return result;
}

static BOOL env__chdir(char *path)
{
    if (!path)
        return FALSE;
    BOOL ok = chdir(path) == 0;
    if (!ok) {
        int err = errno;
        SetLastError(err == ENOTDIR ? ERROR_DIRECTORY : wfile_path_error(path, err));
    }
    free(path);
    return ok;
}

BOOL WINAPI SetCurrentDirectoryA(LPCSTR lpPathName)
{
    return env__chdir(wfile_path_a(lpPathName));
}

BOOL WINAPI SetCurrentDirectoryW(LPCWSTR lpPathName)
{
    return env__chdir(wfile_path_w(lpPathName));
}
