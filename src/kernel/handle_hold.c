/* A call's reference on a handle, lent to the layers below it (handle_hold.h). */
#include "kernel/handle_hold.h"

#include <assert.h>
#include <stddef.h>

#include "kernel/handle.h"
#include "sys/tls.h"

/* The innermost hold of the thread; the others follow by outer. */
static SYS_TLS const struct handle_hold *handle__holds;

void handle_hold_begin(struct handle_hold *hold, uintptr_t h, struct kobj *obj)
{
    hold->h = h;
    hold->obj = obj;
    hold->outer = handle__holds;
    handle__holds = hold;
}

void handle_hold_end(const struct handle_hold *hold)
{
    /* Holds end in the reverse order: a call that skipped its end would leave a dead frame here. */
    assert(handle__holds == hold && "handle holds ended out of order");
    handle__holds = hold->outer;
}

/*
 * Any of the thread's holds, not only the innermost: a reference borrowed
 * under an outer call stays borrowed while an inner call on another
 * handle runs, so the lookup and its return always agree.
 */
static const struct handle_hold *handle__held(uintptr_t h)
{
    for (const struct handle_hold *hold = handle__holds; hold; hold = hold->outer)
        if (hold->h == h)
            return hold;
    return NULL;
}

struct kobj *handle_ref_lent(uintptr_t h, enum kobj_type type)
{
    const struct handle_hold *hold = handle__held(h);
    if (!hold)
        return handle_ref(h, type);
    if (type != KOBJ_ANY && hold->obj->ops->type != type)
        return NULL;
    return hold->obj;
}

void handle_unref_lent(uintptr_t h)
{
    if (!handle__held(h))
        handle_unref(h);
}
