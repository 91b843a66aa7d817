/*
 * Console input and output (consoleapi.h) over the terminal the handle's
 * descriptor names.
 *
 * WriteConsole writes to the handle's descriptor whatever it is: Windows
 * fails it with ERROR_INVALID_HANDLE when the handle is redirected to a
 * file or pipe, which makes a server's messages vanish from its log; here
 * they reach the file, as a porting user expects.  The W form writes
 * UTF-8, and both count characters written (all of them, or the call
 * fails).  GetConsoleMode and SetConsoleMode do tell: a handle that is not
 * a terminal is ERROR_INVALID_HANDLE, as Windows answers for a redirected
 * standard handle, which is how programs detect redirection.
 *
 * Input modes map onto the terminal's: ENABLE_LINE_INPUT is ICANON,
 * ENABLE_ECHO_INPUT ECHO, ENABLE_PROCESSED_INPUT ISIG.  Output is always
 * processed and virtual-terminal sequences always work on a Linux
 * terminal: the output modes read back as set, and change nothing.
 * ReadConsole reads what one read of the terminal gives (a line, in line
 * mode), with the line's "\n" given as "\r\n" where the buffer has room,
 * as the Windows console ends lines.  The code pages are UTF-8 (65001),
 * which is what a Linux terminal speaks; setting another one is accepted
 * and changes nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <windows.h>

#include "kernel/file.h"
#include "sys/usermem.h"
#include "ws2_32/addrtext.h"

#define CONSOLE__UTF8 65001

/* The file behind a console call's handle (any file: see the top), or NULL with the error. */
static struct kfile *console__file(HANDLE h)
{
    struct kfile *f = kfile_get(h);
    if (!f)
        SetLastError(ERROR_INVALID_HANDLE);
    return f;
}

static bool console__write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            SetLastError(kfile_error(k < 0 ? errno : EIO));
            return false;
        }
        p += k;
        n -= (size_t)k;
    }
    return true;
}

static BOOL console__write(HANDLE h, const void *buf, DWORD count, LPDWORD written, bool wide)
{
    if (written && !sys_user_writable(written, sizeof(*written))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    if (written)
        *written = 0;
    if (!buf && count) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (count && !sys_user_readable(buf, (size_t)count * (wide ? sizeof(WCHAR) : 1))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    struct kfile *f = console__file(h);
    if (!f)
        return FALSE;
    bool ok;
    if (!f->can_write) {
        SetLastError(ERROR_ACCESS_DENIED);
        ok = false;
    } else if (!wide) {
        ok = console__write_all(f->fd, buf, count);
    } else {
        /* count characters, not NUL-terminated: a terminated copy to convert. */
        WCHAR *copy = malloc(((size_t)count + 1) * sizeof(WCHAR));
        char *utf8 = NULL;
        if (copy) {
            memcpy(copy, buf, (size_t)count * sizeof(WCHAR));
            copy[count] = 0;
            utf8 = ws2_utf8_from_wide(copy);
        }
        ok = utf8 != NULL;
        if (!ok)
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        else
            ok = console__write_all(f->fd, utf8, strlen(utf8));
        free(copy);
        free(utf8);
    }
    kfile_put(f);
    if (ok && written)
        *written = count;
    return ok;
}

BOOL WINAPI WriteConsoleA(HANDLE hConsoleOutput, const VOID *lpBuffer, DWORD nNumberOfCharsToWrite,
                          LPDWORD lpNumberOfCharsWritten, LPVOID lpReserved)
{
    (void)lpReserved;
    return console__write(hConsoleOutput, lpBuffer, nNumberOfCharsToWrite, lpNumberOfCharsWritten,
                          false);
}

BOOL WINAPI WriteConsoleW(HANDLE hConsoleOutput, const VOID *lpBuffer, DWORD nNumberOfCharsToWrite,
                          LPDWORD lpNumberOfCharsWritten, LPVOID lpReserved)
{
    (void)lpReserved;
    return console__write(hConsoleOutput, lpBuffer, nNumberOfCharsToWrite, lpNumberOfCharsWritten,
                          true);
}

/* One read of up to max bytes into out, "\n" at the end widened to "\r\n" if room is left. */
static bool console__read_line(struct kfile *f, char *out, size_t max, size_t *got)
{
    ssize_t n;
    do
        n = read(f->fd, out, max);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        SetLastError(kfile_error(errno));
        return false;
    }
    if (n > 0 && out[n - 1] == '\n' && (size_t)n < max && (n < 2 || out[n - 2] != '\r')) {
        out[n - 1] = '\r';
        out[n++] = '\n';
    }
    *got = (size_t)n;
    return true;
}

static BOOL console__read(HANDLE h, void *buf, DWORD count, LPDWORD read_count, bool wide)
{
    if (!buf || !read_count) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!sys_user_writable(read_count, sizeof(*read_count)) ||
        !sys_user_writable(buf, (size_t)count * (wide ? sizeof(WCHAR) : 1))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    *read_count = 0;
    struct kfile *f = console__file(h);
    if (!f)
        return FALSE;
    bool ok = false;
    size_t got = 0;
    if (!f->can_read) {
        SetLastError(ERROR_ACCESS_DENIED);
    } else if (!wide) {
        ok = console__read_line(f, buf, count, &got);
    } else {
        /* At most count bytes: never more characters than count. */
        char *bytes = malloc((size_t)count + 1);
        if (!bytes) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        } else if ((ok = console__read_line(f, bytes, count, &got))) {
            bytes[got] = '\0';
            WCHAR *w = ws2_wide_from_utf8(bytes);
            if (!w) {
                ok = false;
                SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            } else {
                got = wcslen(w);
                memcpy(buf, w, got * sizeof(WCHAR));
                free(w);
            }
        }
        free(bytes);
    }
    kfile_put(f);
    if (ok)
        *read_count = (DWORD)got;
    return ok;
}

BOOL WINAPI ReadConsoleA(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
                         LPDWORD lpNumberOfCharsRead, PCONSOLE_READCONSOLE_CONTROL pInputControl)
{
    (void)pInputControl;
    return console__read(hConsoleInput, lpBuffer, nNumberOfCharsToRead, lpNumberOfCharsRead, false);
}

BOOL WINAPI ReadConsoleW(HANDLE hConsoleInput, LPVOID lpBuffer, DWORD nNumberOfCharsToRead,
                         LPDWORD lpNumberOfCharsRead, PCONSOLE_READCONSOLE_CONTROL pInputControl)
{
    (void)pInputControl;
    return console__read(hConsoleInput, lpBuffer, nNumberOfCharsToRead, lpNumberOfCharsRead, true);
}

/* The terminal behind h, or NULL with ERROR_INVALID_HANDLE (not a handle, or not a terminal). */
static struct kfile *console__terminal(HANDLE h)
{
    struct kfile *f = console__file(h);
    if (f && !isatty(f->fd)) {
        kfile_put(f);
        SetLastError(ERROR_INVALID_HANDLE);
        f = NULL;
    }
    return f;
}

/* An input handle reads (the standard input, or a terminal opened for reading only). */
static bool console__is_input(const struct kfile *f)
{
    return f->fd == 0 || (f->can_read && !f->can_write);
}

BOOL WINAPI GetConsoleMode(HANDLE hConsoleHandle, LPDWORD lpMode)
{
    if (!lpMode) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!sys_user_writable(lpMode, sizeof(*lpMode))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    struct kfile *f = console__terminal(hConsoleHandle);
    if (!f)
        return FALSE;
    DWORD mode =
        ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT | ENABLE_VIRTUAL_TERMINAL_PROCESSING;
    if (console__is_input(f)) {
        struct termios t;
        mode = 0;
        if (tcgetattr(f->fd, &t) == 0) {
            mode |= (t.c_lflag & ICANON) ? ENABLE_LINE_INPUT : 0;
            mode |= (t.c_lflag & ECHO) ? ENABLE_ECHO_INPUT : 0;
            mode |= (t.c_lflag & ISIG) ? ENABLE_PROCESSED_INPUT : 0;
        }
    }
    kfile_put(f);
    *lpMode = mode;
    return TRUE;
}

BOOL WINAPI SetConsoleMode(HANDLE hConsoleHandle, DWORD dwMode)
{
    struct kfile *f = console__terminal(hConsoleHandle);
    if (!f)
        return FALSE;
    BOOL ok = TRUE;
    struct termios t;
    if (console__is_input(f) && tcgetattr(f->fd, &t) == 0) {
        t.c_lflag = (dwMode & ENABLE_LINE_INPUT) ? (t.c_lflag | ICANON) : (t.c_lflag & ~ICANON);
        t.c_lflag = (dwMode & ENABLE_ECHO_INPUT) ? (t.c_lflag | ECHO) : (t.c_lflag & ~ECHO);
        t.c_lflag = (dwMode & ENABLE_PROCESSED_INPUT) ? (t.c_lflag | ISIG) : (t.c_lflag & ~ISIG);
        if (tcsetattr(f->fd, TCSANOW, &t) != 0) {
            SetLastError(kfile_error(errno));
            ok = FALSE;
        }
    }
    kfile_put(f);
    return ok;
}

/* There is no console window: the terminal, if any, is the console.  Nothing to do. */
BOOL WINAPI AllocConsole(void)
{
    return TRUE;
}

BOOL WINAPI FreeConsole(void)
{
    return TRUE;
}

BOOL WINAPI SetConsoleTitleA(LPCSTR lpConsoleTitle)
{
    (void)lpConsoleTitle;
    return TRUE;
}

BOOL WINAPI SetConsoleTitleW(LPCWSTR lpConsoleTitle)
{
    (void)lpConsoleTitle;
    return TRUE;
}

UINT WINAPI GetConsoleCP(void)
{
    return CONSOLE__UTF8;
}

UINT WINAPI GetConsoleOutputCP(void)
{
    return CONSOLE__UTF8;
}

BOOL WINAPI SetConsoleCP(UINT wCodePageID)
{
    (void)wCodePageID;
    return TRUE;
}

BOOL WINAPI SetConsoleOutputCP(UINT wCodePageID)
{
    (void)wCodePageID;
    return TRUE;
}
