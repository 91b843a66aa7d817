/*
 * GetStdHandle and SetStdHandle.
 *
 * The standard handles are file handles (kernel/file.h) on descriptors 0, 1
 * and 2, made on first use, once, and kept in this table: each call
 * returns the same value, as Windows' does.  The library never closes
 * them.  An application's CloseHandle on one closes that handle as on
 * Windows (later calls through it fail with ERROR_INVALID_HANDLE, and
 * GetStdHandle keeps returning the closed value, which Windows also does
 * until SetStdHandle), but leaves the descriptor open: the C library's
 * stdin, stdout and stderr keep using it, and a closed descriptor 1 could
 * be reused by the next socket, sending printf's output to a peer.
 * SetStdHandle replaces the table's value and closes nothing ("does not
 * close the previous handle").  A descriptor that is not open at the first
 * call gives NULL ("If an application does not have associated standard
 * handles ... the return value is NULL").
 */
#include <fcntl.h>
#include <pthread.h>

#include <windows.h>

#include "kernel/file.h"

static pthread_mutex_t stdhandle__lock = PTHREAD_MUTEX_INITIALIZER;
static HANDLE stdhandle__table[3];
static bool stdhandle__made[3];

/* STD_INPUT_HANDLE (-10) is 0, STD_OUTPUT_HANDLE 1, STD_ERROR_HANDLE 2; -1 for anything else. */
static int stdhandle__index(DWORD which)
{
    if (which == STD_INPUT_HANDLE)
        return 0;
    if (which == STD_OUTPUT_HANDLE)
        return 1;
    if (which == STD_ERROR_HANDLE)
        return 2;
    return -1;
}

static HANDLE stdhandle__make(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        return NULL; /* not open */
    int mode = flags & O_ACCMODE;
    HANDLE h = kfile_create(fd, mode != O_WRONLY, mode != O_RDONLY, false, true, NULL);
    return h ? h : NULL;
}

HANDLE WINAPI GetStdHandle(DWORD nStdHandle)
{
    int i = stdhandle__index(nStdHandle);
    if (i < 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return INVALID_HANDLE_VALUE;
    }
    pthread_mutex_lock(&stdhandle__lock);
    if (!stdhandle__made[i]) {
        stdhandle__table[i] = stdhandle__make(i);
        stdhandle__made[i] = true;
    }
    HANDLE h = stdhandle__table[i];
    pthread_mutex_unlock(&stdhandle__lock);
    return h;
}

BOOL WINAPI SetStdHandle(DWORD nStdHandle, HANDLE hHandle)
{
    int i = stdhandle__index(nStdHandle);
    if (i < 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    pthread_mutex_lock(&stdhandle__lock);
    stdhandle__table[i] = hHandle;
    stdhandle__made[i] = true;
    pthread_mutex_unlock(&stdhandle__lock);
    return TRUE;
}
