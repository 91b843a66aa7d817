/*
 * A call's reference on a handle, lent to the layers below it.
 *
 * ws2_32 takes a reference on a socket's handle for the length of each call
 * (ws2_enter_socket), and the provider it calls looked the same handle up
 * again (bsock_get): two compare-and-swaps on the handle's slot per call
 * where one does.  With two threads serving the sockets of one port, the
 * slots' cache lines move between processors at every operation (perf at
 * 50 connections: handle_ref was the costliest user-space function of the
 * server).  The outer call now says which reference it holds, and a lookup
 * of that handle inside the call, on the same thread, borrows it.
 *
 * A borrowed reference must be returned inside the call that lent it:
 * handle_ref_lent and handle_unref_lent are used in pairs within one
 * function, as bsock_get and bsock_put are.
 */
#ifndef WS2_KERNEL_HANDLE_HOLD_H
#define WS2_KERNEL_HANDLE_HOLD_H
#include <stdbool.h>
#include <stdint.h>

#include "kernel/kobj.h"

struct handle_hold {
    uintptr_t h;
    struct kobj *obj;
    const struct handle_hold *outer;
};

/*
 * The calling thread holds a reference on h (to obj) until
 * handle_hold_end(hold); holds nest (a completion routine run inside a
 * call makes calls of its own) and end in the reverse order.
 */
void handle_hold_begin(struct handle_hold *hold, uintptr_t h, struct kobj *obj);
void handle_hold_end(const struct handle_hold *hold);

/* handle_ref, borrowing a reference the thread holds on h if it holds one. */
struct kobj *handle_ref_lent(uintptr_t h, enum kobj_type type);

/* Returns what handle_ref_lent took: handle_unref unless it was borrowed. */
void handle_unref_lent(uintptr_t h);

#endif
