/*
 * Packets owed to a port's waiters (kport_post_inline, port.c): the bound
 * on how long they wait for the thread that posted them.
 *
 * A running thread's own inline completion wakes nobody, since that thread
 * is back for it as a rule before another could be scheduled.  When it is
 * not (it computes, or blocks where the library cannot see), the engine
 * thread's tick hands the packets out as a post would have: a port that
 * owes packets is on a list, with a reference, and a tick that finds them
 * owed for PORT_OWED_NS dispatches them.  The list is changed once per
 * port while the port keeps owing, not once per packet: a port stays on it
 * (owed_listed) until a tick finds nothing owed.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "kernel/port_impl.h"
#include "sys/engine.h"
#include "sys/sys.h"

/* A tick of the engine thread (ENGINE_SET_TICK_MS): owed packets wait at most about two. */
#define PORT_OWED_NS ((int64_t)2000000)

static pthread_mutex_t owed__lock = PTHREAD_MUTEX_INITIALIZER;
static struct kport *owed__list; /* guarded by owed__lock */
static _Atomic bool owed__any;   /* owed__list is not empty (read without the lock) */
static pthread_once_t owed__once = PTHREAD_ONCE_INIT;

static bool owed__tick(bool run);

static void owed__init(void)
{
    sys_engine_tick_hook(owed__tick);
}

void kport_owed_locked(struct kport *port)
{
    if (!port->owed_ns)
        port->owed_ns = sys_now_ns() | 1; /* never 0, which means none */
    if (port->owed_listed)
        return;
    port->owed_listed = true;
    kport_ref(port); /* the list's, dropped by the tick that takes the port off */
    pthread_once(&owed__once, owed__init);
    pthread_mutex_lock(&owed__lock);
    port->owed_next = owed__list;
    owed__list = port;
    atomic_store(&owed__any, true);
    pthread_mutex_unlock(&owed__lock);
    sys_engine_tick_soon();
}

/*
 * The engine thread's tick (sys_engine_tick_hook): hands out what has been
 * owed for PORT_OWED_NS, and takes off the list the ports that owe nothing.
 * The list is taken whole first: a port's lock is taken with owed__lock
 * held elsewhere (kport_owed_locked), so never the other way round.
 */
static bool owed__tick(bool run)
{
    if (!run)
        return atomic_load(&owed__any);
    pthread_mutex_lock(&owed__lock);
    struct kport *list = owed__list;
    owed__list = NULL;
    atomic_store(&owed__any, false);
    pthread_mutex_unlock(&owed__lock);

    int64_t now = sys_now_ns();
    struct kport *keep = NULL, *keep_last = NULL;
    while (list) {
        struct kport *port = list;
        list = port->owed_next;
        pthread_mutex_lock(&port->lock);
        if (port->owed_ns && now - port->owed_ns >= PORT_OWED_NS) {
            port->owed_ns = 0;
            kport_dispatch_locked(port);
        }
        bool stays = port->owed_ns != 0;
        if (!stays)
            port->owed_listed = false; /* owed_next is another mark's from here on */
        pthread_mutex_unlock(&port->lock);
        if (!stays) {
            kport_unref(port);
            continue;
        }
        port->owed_next = NULL;
        if (keep_last)
            keep_last->owed_next = port;
        else
            keep = port;
        keep_last = port;
    }
    if (!keep)
        return atomic_load(&owed__any);
    pthread_mutex_lock(&owed__lock);
    keep_last->owed_next = owed__list;
    owed__list = keep;
    atomic_store(&owed__any, true);
    pthread_mutex_unlock(&owed__lock);
    return true;
}
