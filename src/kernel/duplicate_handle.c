/*
 * DuplicateHandle, CompareObjectHandles, GetHandleInformation and
 * SetHandleInformation (handleapi.h).
 *
 * "The duplicate handle refers to the same object as the original handle.
 * Therefore, any changes to the object are reflected through both handles";
 * the object goes when its last handle is closed (handle.c counts the
 * handles of a duplicated object).  Every kind of kernel object here can be
 * duplicated: events, threads, mutexes, semaphores, waitable timers, files,
 * completion ports and sockets.
 *
 * Sockets: DuplicateHandle's remarks say not to duplicate sockets ("the
 * duplicate handle may not be recognized by Winsock at the target
 * process"), but within a process a base provider's socket is a file handle
 * and the duplicate is one more handle to its file object, which Winsock
 * calls accept.  A socket handle here is its provider's own object, so the
 * duplicate is made as a shared socket is (ws2_32/sockhandle.c, through
 * WSPDuplicateSocket for this process): one connection, options, blocking
 * mode and completion-port association for both handles, and closing one
 * handle leaves the other working; the last close applies the linger
 * option.  Unlike Windows' single file object, an operation stays the
 * handle's it was issued through: closing that handle (also
 * DUPLICATE_CLOSE_SOURCE) cancels it, and each handle has its own file event
 * to wait on.
 *
 * Processes: only GetCurrentProcess()'s pseudo-handle names a process (no
 * call here opens another), so both process arguments must be it; any other
 * value is not a process handle, which Windows reports as
 * ERROR_INVALID_HANDLE (an object type mismatch).  hTargetProcessHandle may
 * be NULL with DUPLICATE_CLOSE_SOURCE ("This parameter is optional and can
 * be specified as NULL if the DUPLICATE_CLOSE_SOURCE flag is set"): the
 * source is then only closed.  The process pseudo-handle itself cannot be
 * made into a real handle (there is no process object to name):
 * ERROR_NOT_SUPPORTED.  GetCurrentThread()'s pseudo-handle gives a real
 * handle to the calling thread, as DuplicateHandle's documentation shows.
 *
 * Access rights do not exist here (every handle has every right), so
 * dwDesiredAccess and DUPLICATE_SAME_ACCESS change nothing; bInheritHandle
 * sets HANDLE_FLAG_INHERIT on the new handle, which GetHandleInformation
 * reports (no process here is ever created to inherit it).
 */
#include <windows.h>
#include <winsock2.h>

#include "kernel/handle.h"
#include "kernel/ksocket.h"
#include "kernel/thread.h"
#include "sys/usermem.h"
#include "ws2_32/sockhandle.h"

#define DUP_CURRENT_PROCESS ((HANDLE)(LONG_PTR)-1)
#define DUP_CURRENT_THREAD  ((HANDLE)(LONG_PTR)-2)

/* NtCompareObjects' STATUS_NOT_SAME_OBJECT as a Win32 error (not in mingw-w64's winerror.h). */
#define DUP_ERROR_NOT_SAME_OBJECT 1656

/* A real handle to the calling thread: one more reference on it, owned by the new handle. */
static uintptr_t duplicate__current_thread(DWORD flags, DWORD *error)
{
    struct kthread *self = kthread_from_handle(DUP_CURRENT_THREAD);
    uintptr_t h = self ? handle_insert(&self->waitable.obj) : 0;
    if (!h) {
        if (self)
            kthread_release(self);
        *error = ERROR_NOT_ENOUGH_MEMORY;
        return 0;
    }
    if (flags)
        handle_set_flags(h, flags, flags);
    return h;
}

/* The Win32 error for a socket duplication's Winsock error. */
static DWORD duplicate__socket_error(int wsa_error)
{
    switch (wsa_error) {
    case WSAENOTSOCK: return ERROR_INVALID_HANDLE; /* closed meanwhile */
    case WSAEMFILE:
    case WSAENOBUFS: return ERROR_NOT_ENOUGH_MEMORY;
    default: return ERROR_NOT_SUPPORTED; /* a provider that cannot share its sockets */
    }
}

static uintptr_t duplicate__socket(HANDLE source, DWORD flags, DWORD *error)
{
    int wsa_error = 0;
    SOCKET s = ws2_socket_duplicate_handle((SOCKET)source, &wsa_error);
    if (s == INVALID_SOCKET) {
        *error = duplicate__socket_error(wsa_error);
        return 0;
    }
    if (flags)
        handle_set_flags((uintptr_t)s, flags, flags);
    return (uintptr_t)s;
}

/* A new handle for the object source names; 0 with *error. */
static uintptr_t duplicate__make(HANDLE source, DWORD flags, DWORD *error)
{
    if (source == DUP_CURRENT_THREAD)
        return duplicate__current_thread(flags, error);
    if (source == DUP_CURRENT_PROCESS) {
        *error = ERROR_NOT_SUPPORTED;
        return 0;
    }
    struct kobj *obj = handle_ref((uintptr_t)source, KOBJ_ANY);
    enum kobj_type type = obj ? obj->ops->type : KOBJ_ANY;
    if (obj)
        handle_unref((uintptr_t)source);
    if (type == KOBJ_SOCKET)
        return duplicate__socket(source, flags, error);
    /* A search handle is no kernel handle on Windows (FindClose closes it). */
    if (type == KOBJ_ANY || type == KOBJ_FIND) {
        *error = ERROR_INVALID_HANDLE;
        return 0;
    }
    return handle_duplicate((uintptr_t)source, flags, error);
}

BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle, HANDLE hSourceHandle,
                            HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle,
                            DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions)
{
    (void)dwDesiredAccess;
    bool close_source = (dwOptions & DUPLICATE_CLOSE_SOURCE) != 0;
    if (hSourceProcessHandle != DUP_CURRENT_PROCESS ||
        (hTargetProcessHandle != DUP_CURRENT_PROCESS &&
         !(hTargetProcessHandle == NULL && close_source))) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (lpTargetHandle && !sys_user_writable(lpTargetHandle, sizeof(*lpTargetHandle))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    DWORD error = 0;
    uintptr_t dup = 0;
    if (hTargetProcessHandle) {
        dup = duplicate__make(hSourceHandle, bInheritHandle ? HANDLE_FLAG_INHERIT : 0, &error);
        /*
         * "If lpTargetHandle is NULL, the function duplicates the handle, but
         * does not return the duplicate handle value to the caller": nobody
         * could ever close it, so it goes at once.
         */
        if (dup && !lpTargetHandle)
            CloseHandle((HANDLE)dup);
    } else if (hSourceHandle == DUP_CURRENT_THREAD || hSourceHandle == DUP_CURRENT_PROCESS ||
               !handle_ref((uintptr_t)hSourceHandle, KOBJ_ANY)) {
        error = ERROR_INVALID_HANDLE;
    } else {
        handle_unref((uintptr_t)hSourceHandle);
    }
    /*
     * DUPLICATE_CLOSE_SOURCE: "Closes the source handle.  This occurs
     * regardless of any error status returned."  A pseudo-handle is not
     * closed; a protected handle stays (CloseHandle refuses it).
     */
    if (close_source && hSourceHandle != DUP_CURRENT_THREAD &&
        hSourceHandle != DUP_CURRENT_PROCESS) {
        DWORD last = GetLastError();
        CloseHandle(hSourceHandle);
        SetLastError(last);
    }
    if (error) {
        SetLastError(error);
        return FALSE;
    }
    if (lpTargetHandle)
        *lpTargetHandle = (HANDLE)dup;
    return TRUE;
}

/* The object a handle or pseudo-handle names, referenced (handle_unref h unless a pseudo). */
static struct kobj *duplicate__object(HANDLE h, bool *pseudo)
{
    *pseudo = h == DUP_CURRENT_THREAD || h == DUP_CURRENT_PROCESS;
    if (h == DUP_CURRENT_THREAD) {
        struct kthread *self = kthread_self();
        return self ? &self->waitable.obj : NULL;
    }
    if (h == DUP_CURRENT_PROCESS)
        return (struct kobj *)DUP_CURRENT_PROCESS; /* compared only */
    return handle_ref((uintptr_t)h, KOBJ_ANY);
}

/*
 * CompareObjectHandles: "Compares two object handles to determine if they
 * refer to the same underlying kernel object."  Two handles of one socket
 * made by DuplicateHandle are two provider objects here, and compare as
 * different.
 */
BOOL WINAPI CompareObjectHandles(HANDLE hFirstObjectHandle, HANDLE hSecondObjectHandle)
{
    bool pseudo1, pseudo2;
    struct kobj *a = duplicate__object(hFirstObjectHandle, &pseudo1);
    struct kobj *b = duplicate__object(hSecondObjectHandle, &pseudo2);
    BOOL same = a && b && a == b;
    if (a && !pseudo1)
        handle_unref((uintptr_t)hFirstObjectHandle);
    if (b && !pseudo2)
        handle_unref((uintptr_t)hSecondObjectHandle);
    if (!a || !b)
        SetLastError(ERROR_INVALID_HANDLE);
    else if (!same)
        SetLastError(DUP_ERROR_NOT_SAME_OBJECT);
    return same;
}

BOOL WINAPI GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags)
{
    if (!sys_user_writable(lpdwFlags, sizeof(*lpdwFlags))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    DWORD flags = 0;
    if (!handle_get_flags((uintptr_t)hObject, &flags)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    *lpdwFlags = flags;
    return TRUE;
}

/* Only the two flags exist; other bits of dwMask select nothing. */
BOOL WINAPI SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags)
{
    DWORD known = HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE;
    if (!handle_set_flags((uintptr_t)hObject, dwMask & known, dwFlags)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}
