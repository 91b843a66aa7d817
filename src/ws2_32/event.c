/*
 * Winsock's event calls.  A WSAEVENT is a manual-reset event in the kernel's
 * handle table, so WaitForMultipleObjects and WSAWaitForMultipleEvents wait
 * on the same objects.
 *
 * On Windows these five are thin wrappers of CreateEvent, CloseHandle,
 * SetEvent, ResetEvent and WaitForMultipleObjectsEx: they work before
 * WSAStartup and after the final WSACleanup, and a program that creates its
 * event first depends on it.  So none of them makes ws2_enter's checks.
 */
#include "kernel/event.h"
#include "kernel/handle.h"
#include "ws2_32/ws2.h"

WSAEVENT WSAAPI WSACreateEvent(void)
{
    HANDLE h = kevent_create(TRUE, FALSE);
    if (!h)
        WSASetLastError(WSA_NOT_ENOUGH_MEMORY);
    return h;
}

/*
 * Only an event: CloseHandle now closes sockets too (they are file handles),
 * and WSACloseEvent given a socket by mistake keeps refusing it, as it did
 * when CloseHandle refused sockets.  (Windows' WSACloseEvent is CloseHandle
 * itself and would close the socket.)
 */
BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent)
{
    bool event = handle_ref((uintptr_t)hEvent, KOBJ_EVENT) != NULL;
    if (event)
        handle_unref((uintptr_t)hEvent);
    if (!event || !CloseHandle(hEvent)) {
        WSASetLastError(WSA_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

BOOL WSAAPI WSASetEvent(WSAEVENT hEvent)
{
    if (!SetEvent(hEvent)) {
        WSASetLastError(WSA_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent)
{
    if (!ResetEvent(hEvent)) {
        WSASetLastError(WSA_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT *lphEvents, BOOL fWaitAll,
                                      DWORD dwTimeout, BOOL fAlertable)
{
    if (cEvents == 0 || cEvents > WSA_MAXIMUM_WAIT_EVENTS || !lphEvents) {
        WSASetLastError(WSA_INVALID_PARAMETER);
        return WSA_WAIT_FAILED;
    }
    DWORD r = WaitForMultipleObjectsEx(cEvents, lphEvents, fWaitAll, dwTimeout, fAlertable);
    if (r == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE)
        WSASetLastError(WSA_INVALID_HANDLE);
    return r;
}
