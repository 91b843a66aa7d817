/*
 * CloseHandle for kernel objects.  Sockets are closed with closesocket, which
 * runs the provider's close path (linger, cancellation); CloseHandle refuses
 * them rather than bypass it.
 */
#include "kernel/handle.h"

#include <windows.h>

#include "kernel/port_impl.h"

BOOL WINAPI CloseHandle(HANDLE hObject)
{
    uintptr_t h = (uintptr_t)hObject;
    /* Not KOBJ_FIND: a search handle is closed with FindClose, as on Windows. */
    static const enum kobj_type closable[] = {KOBJ_EVENT,     KOBJ_THREAD, KOBJ_PORT, KOBJ_MUTEX,
                                              KOBJ_SEMAPHORE, KOBJ_TIMER,  KOBJ_FILE};
    for (size_t i = 0; i < sizeof(closable) / sizeof(closable[0]); i++) {
        struct kobj *obj = handle_close(h, closable[i]);
        if (!obj)
            continue;
        /*
         * A port's waiters are abandoned by the close itself, before
         * CloseHandle returns, even if a call still holds the handle's slot
         * for a moment (the object outlives its handle: see port.h).
         */
        if (closable[i] == KOBJ_PORT)
            kport_close((struct kport *)obj);
        handle_unref(h);
        return TRUE;
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}
