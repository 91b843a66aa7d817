/*
 * A socket's file-object event (see ksocket.h): what WaitForSingleObject
 * and WaitForMultipleObjects on a SOCKET wait for.
 *
 * "Synchronization and Overlapped Input and Output": "If an event is not
 * used, each completed I/O operation will signal the file, named pipe, or
 * communications device", and ReadFile and the other calls reset the
 * state when they begin the operation.  Windows' I/O manager keeps one
 * notification (manual-reset) event in each file object, created not
 * signaled; it resets it when it takes a request for the file and sets it
 * when a request without an event of its own completes.  A program that
 * issues one operation at a time without an event can therefore wait on the
 * socket handle itself (and GetOverlappedResult without an event does).
 *
 * The state is an atomic flag, so that issuing and completing operations on
 * a socket nobody waits on costs two atomic exchanges and no lock; the
 * first wait on the socket sets up the dispatcher's waitable under
 * kdispatch_lock and from then on every change of state is made under it
 * too (see ksocket__sync for why the two stay in step).
 */
#include "kernel/ksocket.h"

#include "kernel/thread.h"

#include <stdlib.h>

/* The waitable is not an object of the handle table: its type only names it for debugging. */
static const struct kobj_ops ksocket__event_ops = {KOBJ_SOCKET, NULL, NULL, NULL};

/*
 * Brings the dispatcher's view in step with file_signaled.  Called, under
 * kdispatch_lock, by whoever changed the flag after seeing file_waited, and
 * by every new waiter after setting file_waited.  Both sides use
 * sequentially consistent accesses, so either the changer sees the waiter's
 * file_waited (and syncs here), or the waiter sees the changer's flag; and
 * two changers that race each sync to the flag's value at their turn, so the
 * last to take the lock leaves the view equal to the flag.
 */
static void ksocket__sync_locked(struct ksocket *ks)
{
    if (atomic_load_explicit(&ks->file_signaled, memory_order_seq_cst))
        kwaitable_signal_locked(ks->file_event);
    else
        ks->file_event->signaled = false;
}

static void ksocket__set(struct ksocket *ks, bool signaled)
{
    /*
     * Every operation's start and completion come here: a flag that
     * already says so is left without the locked exchange (a load in the
     * same total order, so a racing change is seen or comes after).
     */
    if (atomic_load_explicit(&ks->file_signaled, memory_order_seq_cst) == signaled)
        return;
    if (atomic_exchange_explicit(&ks->file_signaled, signaled, memory_order_seq_cst) == signaled)
        return;
    if (!atomic_load_explicit(&ks->file_waited, memory_order_seq_cst))
        return;
    pthread_mutex_lock(&kdispatch_lock);
    ksocket__sync_locked(ks);
    pthread_mutex_unlock(&kdispatch_lock);
}

void ksocket_io_started(struct ksocket *ks)
{
    ksocket__set(ks, false);
}

void ksocket_io_completed(struct ksocket *ks)
{
    if (atomic_load_explicit(&ks->notification_modes, memory_order_relaxed) &
        KSOCKET_SKIP_SET_EVENT)
        return; /* FILE_SKIP_SET_EVENT_ON_HANDLE: "does not set the event for the file object" */
    ksocket__set(ks, true);
}

struct kwaitable *ksocket_waitable(struct ksocket *ks)
{
    pthread_mutex_lock(&kdispatch_lock);
    /* Made at the first wait, before file_waited tells the socket's changers to keep it in step. */
    if (!ks->file_event) {
        struct kwaitable *w = malloc(sizeof(*w));
        if (!w) {
            pthread_mutex_unlock(&kdispatch_lock);
            return NULL;
        }
        kwaitable_init(w, &ksocket__event_ops, false, false);
        ks->file_event = w;
    }
    atomic_store_explicit(&ks->file_waited, true, memory_order_seq_cst);
    ksocket__sync_locked(ks);
    pthread_mutex_unlock(&kdispatch_lock);
    return ks->file_event;
}
