/*
 * CloseHandle.
 *
 * "CloseHandle invalidates the specified object handle, decrements the
 * object's handle count, and performs object retention checks.  After the
 * last handle to an object is closed, the object is removed from the
 * system."  Objects with several handles (DuplicateHandle) go with their last
 * one (handle.c); what Windows does at an object's last close (a port
 * releases its waiters) is done only then.
 *
 * A socket is a file handle (CloseHandle's documentation lists "Socket"
 * among the objects it closes).  CloseHandle closes it as closesocket does:
 * through its provider's WSPCloseSocket, which cancels its pending
 * operations with their completion actions and applies the linger option,
 * except that it never waits for a linger time-out nor refuses with
 * WSAEWOULDBLOCK (ksocket_closing_by_handle): on Windows CloseHandle closes
 * the file object without going through Winsock, whose WSPCloseSocket is
 * the part that waits.  The handle is then gone for every call, Winsock's
 * too (WSAENOTSOCK).  Observed on Windows (Wine's conformance tests of
 * closing a socket with a WSARecv pending on a completion port), closesocket
 * and CloseHandle complete the receive with the same status; here both give
 * WSA_OPERATION_ABORTED, which the spec gives closesocket.
 *
 * "Closing an invalid handle raises an exception when the application is
 * running under a debugger"; otherwise FALSE with ERROR_INVALID_HANDLE, as
 * for a handle protected by HANDLE_FLAG_PROTECT_FROM_CLOSE (NtClose's
 * STATUS_HANDLE_NOT_CLOSABLE).  A search handle is closed with FindClose, as
 * on Windows, where it is not a kernel handle at all.
 */
#include "kernel/handle.h"

#include <windows.h>

#include "kernel/ksocket.h"
#include "kernel/port_impl.h"
#include "ws2_32/sockhandle.h"

static _Thread_local bool close_handle__socket;

bool ksocket_closing_by_handle(void)
{
    return close_handle__socket;
}

static BOOL close_handle__socket_close(HANDLE hObject)
{
    DWORD last = GetLastError();
    close_handle__socket = true;
    int error = ws2_socket_close_handle((SOCKET)hObject);
    close_handle__socket = false;
    if (error) {
        /* Only a handle another thread closed first fails here. */
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    SetLastError(last); /* a kernel32 call that succeeds leaves the last error alone */
    return TRUE;
}

BOOL WINAPI CloseHandle(HANDLE hObject)
{
    uintptr_t h = (uintptr_t)hObject;
    DWORD flags = 0;
    struct kobj *obj = NULL;
    if (handle_get_flags(h, &flags) && !(flags & HANDLE_FLAG_PROTECT_FROM_CLOSE))
        obj = handle_ref(h, KOBJ_ANY);
    enum kobj_type type = obj ? obj->ops->type : KOBJ_ANY;
    if (obj)
        handle_unref(h);
    if (type == KOBJ_SOCKET)
        return close_handle__socket_close(hObject);
    bool last = false;
    obj = type == KOBJ_ANY || type == KOBJ_FIND ? NULL : handle_close_last(h, type, &last);
    if (!obj) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    /*
     * A port's waiters are abandoned by the close of its last handle, before
     * CloseHandle returns, even if a call still holds the handle's slot for
     * a moment (the object outlives its handle: see port.h).
     */
    if (type == KOBJ_PORT && last)
        kport_close((struct kport *)obj);
    handle_unref(h);
    return TRUE;
}
