/*
 * The handle table: one table for sockets, events, threads and (later)
 * completion ports, as on Windows where they all share one handle space.
 *
 * A handle value encodes a slot index and the slot's generation.  Lookups are
 * lock-free (an atomic compare-and-swap on the slot's state word takes a
 * reference); a closed handle, or one whose slot has been reused since, fails
 * the generation check and is reported as invalid instead of reaching another
 * object.  Values are multiples of 4 (code relies on the low bits of event
 * handles being free) and stay below 2^31 (much Windows code keeps a SOCKET in
 * an int).  A closed value is not handed out again before at least
 * 16,777,215 other handles have been closed (see handle.c).
 */
#ifndef WS2_KERNEL_HANDLE_H
#define WS2_KERNEL_HANDLE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/kobj.h"

/* How many handles can be open at once (the table keeps the rest to delay reuse). */
#define HANDLE_LIVE_MAX 1015808u

/* Inserts obj with one reference (the handle's own).  Returns 0 when the table is full. */
uintptr_t handle_insert(struct kobj *obj);

/* Takes a reference on the object named by h if h is live and of that type (or KOBJ_ANY). */
struct kobj *handle_ref(uintptr_t h, enum kobj_type type);

/*
 * Whether h is a live handle of that type naming obj, which the caller keeps
 * alive with a reference of its own: a look at the slot without the
 * compare-and-swap of handle_ref, for a thread that calls with the same
 * handle again and again (GetQueuedCompletionStatus with its port's).  A
 * close racing the call is seen or not, as with handle_ref.
 */
bool handle_names(uintptr_t h, enum kobj_type type, const struct kobj *obj);

/* Drops a reference taken by handle_ref (or the one handle_close hands over). */
void handle_unref(uintptr_t h);

/*
 * Closes h: later lookups fail.  On success the handle's own reference is
 * handed to the caller, who finishes its close work and then calls
 * handle_unref(h); the object is destroyed when the last reference goes.
 * Returns NULL if h is not a live handle of that type (only one of several
 * racing closers wins).
 */
struct kobj *handle_close(uintptr_t h, enum kobj_type type);

/*
 * handle_close, also telling whether h was the last open handle of its
 * object (*last; other handles made by handle_duplicate may still name
 * it).  What Windows does when an object's last handle is closed (a port
 * releases its waiters) is done only then.
 */
struct kobj *handle_close_last(uintptr_t h, enum kobj_type type, bool *last);

/*
 * DuplicateHandle: a new handle to the object h names, with the
 * HANDLE_FLAG_* flags given.  The object is destroyed (its destroy
 * operation, once) only when every handle naming it has been closed and
 * unreferenced.  Returns 0 with *error (ERROR_INVALID_HANDLE: h is not a
 * live handle; ERROR_NOT_ENOUGH_MEMORY: the table is full).
 */
uintptr_t handle_duplicate(uintptr_t h, unsigned flags, DWORD *error);

/* GetHandleInformation / SetHandleInformation on the handle's own flags; false if h is not live. */
bool handle_get_flags(uintptr_t h, DWORD *flags);
bool handle_set_flags(uintptr_t h, DWORD mask, DWORD flags);

/*
 * Calls fn for every live handle of the given type, holding a reference on
 * the object during the call.  Handles inserted during the walk may be missed.
 */
void handle_for_each(enum kobj_type type, void (*fn)(uintptr_t h, struct kobj *obj, void *ctx),
                     void *ctx);

/* Number of live handles of a type (for tests and WSACleanup accounting). */
unsigned handle_count(enum kobj_type type);

#endif
