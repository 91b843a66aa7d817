/*
 * CloseHandle for kernel objects.  Sockets are closed with closesocket, which
 * runs the provider's close path (linger, cancellation); CloseHandle refuses
 * them rather than bypass it.
 */
#include "kernel/handle.h"

#include <windows.h>

BOOL WINAPI CloseHandle(HANDLE hObject)
{
    uintptr_t h = (uintptr_t)hObject;
    static const enum kobj_type closable[] = {KOBJ_EVENT, KOBJ_THREAD, KOBJ_PORT};
    for (size_t i = 0; i < sizeof(closable) / sizeof(closable[0]); i++) {
        if (handle_close(h, closable[i])) {
            handle_unref(h);
            return TRUE;
        }
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}
