/* Event objects: CreateEvent, SetEvent, ResetEvent (WSACreateEvent builds on them). */
#include <stdlib.h>

#include "kernel/dispatch.h"
#include "kernel/event.h"
#include "kernel/handle.h"
#include "sys/usermem.h"

static void event__destroy(struct kobj *obj)
{
    free(obj);
}

static const struct kobj_ops event__ops = {KOBJ_EVENT, event__destroy};

HANDLE kevent_create(BOOL manual_reset, BOOL initial_state)
{
    struct kwaitable *w = malloc(sizeof(*w));
    if (!w) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    kwaitable_init(w, &event__ops, initial_state != FALSE, manual_reset == FALSE);
    uintptr_t h = handle_insert(&w->obj);
    if (!h) {
        free(w);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return (HANDLE)h;
}

/*
 * Named events are shared between processes on Windows; ws2posix has no
 * object namespace, so a name is refused rather than silently ignored.
 */
HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                           BOOL bInitialState, LPCSTR lpName)
{
    (void)lpEventAttributes;
    if (lpName && !sys_user_string(lpName, sizeof(*lpName), NULL)) {
        SetLastError(ERROR_NOACCESS);
        return NULL;
    }
    if (lpName && lpName[0]) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    return kevent_create(bManualReset, bInitialState);
}

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                           BOOL bInitialState, LPCWSTR lpName)
{
    (void)lpEventAttributes;
    if (lpName && !sys_user_string(lpName, sizeof(*lpName), NULL)) {
        SetLastError(ERROR_NOACCESS);
        return NULL;
    }
    if (lpName && lpName[0]) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    return kevent_create(bManualReset, bInitialState);
}

static BOOL event__set_state(HANDLE hEvent, bool signaled)
{
    struct kwaitable *w = (struct kwaitable *)handle_ref((uintptr_t)hEvent, KOBJ_EVENT);
    if (!w) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    pthread_mutex_lock(&kdispatch_lock);
    if (signaled)
        kwaitable_signal_locked(w);
    else
        w->signaled = false;
    pthread_mutex_unlock(&kdispatch_lock);
    handle_unref((uintptr_t)hEvent);
    return TRUE;
}

BOOL WINAPI SetEvent(HANDLE hEvent)
{
    return event__set_state(hEvent, true);
}

BOOL WINAPI ResetEvent(HANDLE hEvent)
{
    return event__set_state(hEvent, false);
}
