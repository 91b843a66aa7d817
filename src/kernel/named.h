/*
 * Named kernel objects (mutexes, semaphores, waitable timers) and the
 * process's object namespace.
 *
 * Windows keeps one namespace per session, shared between processes; here
 * names are kept per process: within one process the same name gives the
 * same object (a new handle to it, with ERROR_ALREADY_EXISTS), as on
 * Windows, but another process never sees it.  Names are case-sensitive as
 * Windows' are; "Local\" names the same namespace as no prefix, and
 * "Global\" names are kept apart from them.  Events are not in this
 * namespace (CreateEvent refuses names: event.c).
 *
 * Several handles may name one object, so these objects count their own
 * references: one per handle, plus any a subsystem takes (a queued timer
 * APC); the last release takes the name out of the namespace and frees.
 */
#ifndef WS2_KERNEL_NAMED_H
#define WS2_KERNEL_NAMED_H

#include <stdatomic.h>

#include "kernel/dispatch.h"

struct knamed {
    struct kwaitable waitable; /* first: the handle table holds &waitable.obj */
    _Atomic int refs;
    _Atomic int handles;
    char *name; /* UTF-8; NULL when unnamed */
    struct knamed *name_next;
    void (*free)(struct knamed *obj); /* the type's destructor, after the last release */
    /* Called when the last handle is closed, before the handles' reference goes; may be NULL. */
    void (*last_handle)(struct knamed *obj);
};

/*
 * Sets up the counting part (one reference, which the first handle will
 * own; no name) of an object its type has just made.
 */
void knamed_init(struct knamed *obj, void (*free_fn)(struct knamed *obj));

void knamed_ref(struct knamed *obj);
void knamed_release(struct knamed *obj);

/* The kobj_ops destroy callback of these types: a handle to the object was closed. */
void knamed_handle_closed(struct kobj *obj);

/*
 * A name as the caller passed it (A: bytes, W: WCHARs), copied to a new
 * UTF-8 string; *out is NULL for no name (NULL or "").  False with the last
 * error set (ERROR_NOACCESS, ERROR_NOT_ENOUGH_MEMORY) when it cannot be read.
 */
bool knamed_name_a(LPCSTR name, char **out);
bool knamed_name_w(LPCWSTR name, char **out);

/*
 * CreateX's common part.  With a name that an object of the same type
 * already has: a new handle to that object, last error ERROR_ALREADY_EXISTS
 * (make is not called).  A name another type holds: NULL, ERROR_INVALID_HANDLE.
 * Otherwise make(ctx) builds the object (NULL with the last error set on
 * failure), which gets the name and a handle; last error ERROR_SUCCESS.
 * Takes over name (frees it).
 */
HANDLE knamed_create(enum kobj_type type, char *name, struct knamed *(*make)(void *ctx), void *ctx);

/* OpenX: a new handle to the object of that type with that name; ERROR_FILE_NOT_FOUND if none. */
HANDLE knamed_open(enum kobj_type type, char *name);

#endif
