/*
 * WSAProviderConfigChange: notification of changes to the protocol catalog.
 *
 * "When called for the first time (lpNotificationHandle parameter points to
 * NULL handle), this function completes immediately and returns
 * notification handle in the location pointed by lpNotificationHandle that
 * can be used in subsequent calls to receive notifications of provider
 * installation and removal.  The second and any subsequent calls only
 * complete when provider information changes since the time the call was
 * made" — blocking without an OVERLAPPED, or overlapped with the event,
 * completion routine or completion port the caller chose, returning
 * WSA_IO_PENDING.  The handle "is closed with CloseHandle" (WSAProviderConfig
 * Change.md).
 *
 * The handle is a kernel object of ours (KOBJ_NOTIFY), as on Windows, where
 * it is a file handle: CloseHandle, DuplicateHandle, WaitForSingleObject
 * (its file event, set when a notification without an event of its own
 * completes), CreateIoCompletionPort, CancelIo and CancelIoEx work on it.
 *
 * The catalog is a file (catalog_file.h).  One watcher thread per process,
 * started by the first handle and joined by the final WSACleanup, waits in
 * poll(2) on an inotify descriptor for the file's directory
 * (sys_inotify.h): the WSC functions' atomic rename and a rewrite in place
 * both count.  When the file changes it re-reads the catalog
 * (ws2_catalog_reload), so that the WSAEnumProtocols the application makes
 * next sees the change, and then completes every pending notification.
 *
 * A change that comes while nothing is pending on a handle is kept on the
 * handle, and its next call completes at once (0; an overlapped one still
 * delivers its completion): the sequence the page recommends — get the
 * handle, WSAEnumProtocols, wait — then misses no change made between the
 * enumeration and the wait.  (On Windows the handle is a named pipe that
 * the writer of the catalog connects to, and a connection made before the
 * wait is reported to the wait at once.)
 *
 * Pending notifications end with WSA_OPERATION_ABORTED
 * (ERROR_OPERATION_ABORTED) and their completion action when the handle is
 * closed or CancelIo/CancelIoEx cancel them; the final WSACleanup aborts
 * them without any action, as it does every overlapped operation
 * (WSACleanup.txt: "canceled without setting the event object or invoking
 * the completion routine"), and leaves the handle stale: later calls with it
 * fail with WSA_INVALID_HANDLE, CloseHandle still closes it.  A blocking
 * call ended by the close or the final WSACleanup fails with WSAEINTR, as a
 * blocking socket call does.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/dispatch.h"
#include "kernel/handle.h"
#include "kernel/ntstatus.h"
#include "kernel/overlapped.h"
#include "kernel/port.h"
#include "kernel/thread.h"
#include "sys/sys.h"
#include "sys/sys_inotify.h"
#include "ws2_32/args.h"
#include "ws2_32/catalog.h"
#include "ws2_32/catalog_file.h"
#include "ws2_32/provcfg.h"
#include "ws2_32/ws2.h"

struct provcfg_handle {
    /* First: the handle table and the waits see a waitable (kernel/wait.c). */
    struct kwaitable file_event;
    _Atomic long refs;                  /* the handle's own, one per pending notification */
    struct provcfg_handle *next, *prev; /* the live handles, while linked (provcfg__lock) */
    bool linked;
    unsigned epoch;   /* provcfg__epoch when it was made: stale once that changes */
    bool changed;     /* a change came while nothing was pending on it */
    unsigned pending; /* notifications pending on it */
    struct kport *_Atomic port;
    ULONG_PTR port_key;
};

struct provcfg_op {
    struct kpacket packet; /* for a completion port; its release frees the operation */
    struct provcfg_op *next, *prev;
    struct provcfg_handle *handle; /* referenced until the operation has completed */
    OVERLAPPED *ov;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
    struct kthread *thread; /* the issuing thread, referenced when there is a routine */
    DWORD thread_id;
    bool blocking; /* lpOverlapped NULL: the caller waits on ov, which is its own */
};

struct provcfg_watcher {
    pthread_t thread;
    int inotify_fd, wake_fd;
    char *name; /* the catalog file's name in its directory */
    bool stop;  /* provcfg__lock */
};

/*
 * Guards the handle list, every handle's changed/pending/links, the pending
 * operations and the watcher's state.  Nothing that waits is called with it
 * held.
 */
static pthread_mutex_t provcfg__lock = PTHREAD_MUTEX_INITIALIZER;
static struct provcfg_handle provcfg__handles = {.next = &provcfg__handles,
                                                 .prev = &provcfg__handles};
static struct provcfg_op provcfg__ops = {.next = &provcfg__ops, .prev = &provcfg__ops};
static unsigned provcfg__epoch;
static struct provcfg_watcher *provcfg__watcher;

static void provcfg__handle_put(struct provcfg_handle *h)
{
    if (atomic_fetch_sub_explicit(&h->refs, 1, memory_order_acq_rel) != 1)
        return;
    struct kport *port = atomic_load(&h->port);
    if (port)
        kport_unref(port);
    free(h);
}

static void provcfg__link(struct provcfg_op *list, struct provcfg_op *op)
{
    op->next = list;
    op->prev = list->prev;
    list->prev->next = op;
    list->prev = op;
}

static void provcfg__unlink(struct provcfg_op *op)
{
    op->prev->next = op->next;
    op->next->prev = op->prev;
    op->next = op->prev = NULL;
}

static void provcfg__free_op(struct provcfg_op *op)
{
    if (op->thread)
        kthread_release(op->thread);
    free(op);
}

static void provcfg__packet_release(struct kpacket *packet)
{
    provcfg__free_op((struct provcfg_op *)packet);
}

static void CALLBACK provcfg__routine_apc(ULONG_PTR arg)
{
    struct provcfg_op *op = (struct provcfg_op *)arg;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = op->routine;
    DWORD status = op->packet.error;
    OVERLAPPED *ov = op->ov;
    provcfg__free_op(op);
    routine((DWORD)kstatus_to_wsa(status), 0, ov, 0);
}

/* The file event, which WaitForSingleObject on the handle waits for. */
static void provcfg__file_event(struct provcfg_handle *h, bool signaled)
{
    pthread_mutex_lock(&kdispatch_lock);
    if (signaled)
        kwaitable_signal_locked(&h->file_event);
    else
        h->file_event.signaled = false;
    pthread_mutex_unlock(&kdispatch_lock);
}

/*
 * Completes an operation taken off the pending list: its status into the
 * OVERLAPPED, then, when deliver, the routine's APC or the event, the file
 * event and the port's packet (unless hEvent's low bit skips the port), as
 * for sockets (providers/base/overlapped.c).  A blocking call's operation
 * lives on its caller's stack: the status is the last thing written to it.
 */
/* kthread_queue_apc_then's hook: the routine's completion signals the handle's file event. */
static void provcfg__signal_file(void *h)
{
    provcfg__file_event(h, true);
}

static void provcfg__complete(struct provcfg_op *op, DWORD status, bool deliver)
{
    struct provcfg_handle *h = op->handle;
    OVERLAPPED *ov = op->ov;
    if (op->blocking) {
        provcfg__handle_put(h);
        koverlapped_finish(ov, status);
        return;
    }
    HANDLE event = ov->hEvent;
    ov->InternalHigh = 0;
    koverlapped_finish(ov, status);
    if (!deliver) {
        provcfg__free_op(op);
        provcfg__handle_put(h);
        return;
    }
    if (op->routine) {
        /*
         * The routine is queued before the handle is signalled, so that a
         * thread woken by the signal finds it queued (as for sockets,
         * providers/base/overlapped.c).
         */
        op->packet.error = status;
        if (!kthread_queue_apc_then(op->thread, provcfg__routine_apc, (ULONG_PTR)op,
                                    provcfg__signal_file, h)) {
            provcfg__file_event(h, true);
            provcfg__free_op(op); /* the issuing thread is gone: nobody can run the routine */
        }
        provcfg__handle_put(h);
        return;
    }
    if (!koverlapped_event(event))
        provcfg__file_event(h, true);
    if (koverlapped_event(event))
        SetEvent(koverlapped_event(event));
    struct kport *port = atomic_load_explicit(&h->port, memory_order_acquire);
    if (port && !koverlapped_skips_port(event)) {
        op->packet.next = NULL;
        op->packet.bytes = 0;
        op->packet.key = h->port_key;
        op->packet.overlapped = ov;
        op->packet.error = kstatus_to_win32(status);
        op->packet.release = provcfg__packet_release;
        kport_post(port, &op->packet);
    } else {
        provcfg__free_op(op);
    }
    provcfg__handle_put(h);
}

/* Completes a private list of operations (linked by next), in the order they were issued. */
static void provcfg__complete_list(struct provcfg_op *list, DWORD status, bool deliver)
{
    while (list) {
        struct provcfg_op *next = list->next;
        provcfg__complete(list, status, deliver);
        list = next;
    }
}

/*
 * Takes the pending operations that match (h NULL: every handle's; ov NULL:
 * any; thread_id 0: any thread's; blocking calls only when with_blocking)
 * off the list, into a private list in issue order.  provcfg__lock held.
 */
static struct provcfg_op *provcfg__detach_locked(struct provcfg_handle *h, const OVERLAPPED *ov,
                                                 DWORD thread_id, bool with_blocking,
                                                 unsigned *count)
{
    struct provcfg_op *head = NULL, **tail = &head;
    for (struct provcfg_op *op = provcfg__ops.next, *next; op != &provcfg__ops; op = next) {
        next = op->next;
        if ((h && op->handle != h) || (ov && op->ov != ov) ||
            (thread_id && op->thread_id != thread_id) || (op->blocking && !with_blocking))
            continue;
        provcfg__unlink(op);
        op->handle->pending--;
        *tail = op;
        tail = &op->next;
        if (count)
            ++*count;
    }
    return head;
}

/* The catalog changed: every pending notification completes; a handle with none keeps it. */
static void provcfg__changed(struct provcfg_watcher *w)
{
    pthread_mutex_lock(&provcfg__lock);
    if (w->stop) {
        /* The final WSACleanup has begun: nothing is delivered any more. */
        pthread_mutex_unlock(&provcfg__lock);
        return;
    }
    for (struct provcfg_handle *h = provcfg__handles.next; h != &provcfg__handles; h = h->next)
        if (h->pending == 0)
            h->changed = true;
    struct provcfg_op *done = provcfg__detach_locked(NULL, NULL, 0, true, NULL);
    pthread_mutex_unlock(&provcfg__lock);
    provcfg__complete_list(done, KSTATUS_SUCCESS, true);
}

/*
 * The watcher: waits in poll(2) for the catalog's directory to report the
 * file or for the final WSACleanup's wake-up; never polls on a timer.  A
 * file that does not parse (half of an edit, a mistake) changes nothing:
 * the catalog stays and nobody is notified until the file reads again.
 */
static void *provcfg__watch(void *arg)
{
    struct provcfg_watcher *w = arg;
    for (;;) {
        struct sys_pollfd fds[2] = {{w->wake_fd, SYS_POLLIN, 0}, {w->inotify_fd, SYS_POLLIN, 0}};
        if (sys_poll_until(fds, 2, -1) < 0 && errno != EINTR)
            break; /* not reached: both descriptors are ours */
        if (fds[0].revents)
            break; /* only the final WSACleanup signals it */
        if (fds[1].revents && sys_inotify_changed(w->inotify_fd, w->name) &&
            ws2_catalog_reload() == 0)
            provcfg__changed(w);
    }
    return NULL;
}

static void provcfg__watcher_free(struct provcfg_watcher *w)
{
    if (w->inotify_fd >= 0)
        sys_close(w->inotify_fd);
    if (w->wake_fd >= 0)
        sys_close(w->wake_fd);
    free(w->name);
    free(w);
}

/*
 * Starts the watcher for this epoch if none runs; provcfg__lock held.  A
 * catalog whose directory does not exist is not watched (the WSC functions
 * cannot write there either): its handles still work, and are told nothing
 * until the final WSACleanup.  Returns 0 or WSA_NOT_ENOUGH_MEMORY.
 */
static int provcfg__watch_start_locked(void)
{
    if (provcfg__watcher)
        return 0;
    const char *path = catalog_file_path();
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    struct provcfg_watcher *w = calloc(1, sizeof(*w));
    if (!dir || !w) {
        free(dir);
        free(w);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    w->name = strdup(slash ? slash + 1 : path);
    w->inotify_fd = sys_inotify_open(dir);
    int err = errno;
    free(dir);
    w->wake_fd = w->inotify_fd >= 0 ? sys_eventfd() : -1;
    if (!w->name || w->inotify_fd < 0 || w->wake_fd < 0) {
        bool unwatched = w->name && w->inotify_fd < 0 && (err == ENOENT || err == ENOTDIR);
        provcfg__watcher_free(w);
        return unwatched ? 0 : WSA_NOT_ENOUGH_MEMORY;
    }
    if (pthread_create(&w->thread, NULL, provcfg__watch, w) != 0) {
        provcfg__watcher_free(w);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    provcfg__watcher = w;
    return 0;
}

/* ---- The handle object ----------------------------------------------------- */

/* The last handle is closed: what is pending ends aborted, with its completion action. */
static void provcfg__destroy(struct kobj *obj)
{
    struct provcfg_handle *h = (struct provcfg_handle *)obj;
    pthread_mutex_lock(&provcfg__lock);
    if (h->linked) {
        h->prev->next = h->next;
        h->next->prev = h->prev;
        h->linked = false;
    }
    struct provcfg_op *aborted = provcfg__detach_locked(h, NULL, 0, true, NULL);
    pthread_mutex_unlock(&provcfg__lock);
    provcfg__complete_list(aborted, KSTATUS_CANCELLED, true);
    provcfg__handle_put(h);
}

/* CancelIo (this thread's) and CancelIoEx (ov's, or all): a blocking call is not cancelled. */
static unsigned provcfg__cancel_io(struct kobj *obj, const OVERLAPPED *ov, DWORD thread_id)
{
    struct provcfg_handle *h = (struct provcfg_handle *)obj;
    unsigned n = 0;
    pthread_mutex_lock(&provcfg__lock);
    struct provcfg_op *aborted = provcfg__detach_locked(h, ov, thread_id, false, &n);
    pthread_mutex_unlock(&provcfg__lock);
    provcfg__complete_list(aborted, KSTATUS_CANCELLED, true);
    return n;
}

/* CreateIoCompletionPort: one port per handle object, as for files and sockets. */
static bool provcfg__associate_port(struct kobj *obj, struct kport *port, ULONG_PTR key)
{
    struct provcfg_handle *h = (struct provcfg_handle *)obj;
    bool associated = false;
    pthread_mutex_lock(&provcfg__lock);
    if (!atomic_load_explicit(&h->port, memory_order_relaxed)) {
        h->port_key = key;
        kport_ref(port);
        atomic_store_explicit(&h->port, port, memory_order_release);
        associated = true;
    }
    pthread_mutex_unlock(&provcfg__lock);
    return associated;
}

static const struct kobj_ops provcfg__handle_ops = {
    .type = KOBJ_NOTIFY,
    .destroy = provcfg__destroy,
    .cancel_io = provcfg__cancel_io,
    .associate_port = provcfg__associate_port,
};

/* The first call: a new handle, linked, with the watcher running.  0 or a Winsock error. */
static int provcfg__create(HANDLE *out)
{
    struct provcfg_handle *h = calloc(1, sizeof(*h));
    if (!h)
        return WSA_NOT_ENOUGH_MEMORY;
    /* A file object's event: "not signaled" until a notification completes. */
    kwaitable_init(&h->file_event, &provcfg__handle_ops, false, false);
    atomic_init(&h->refs, 1);
    atomic_init(&h->port, NULL);
    pthread_mutex_lock(&provcfg__lock);
    /* Checked under the lock that the final WSACleanup takes to make handles stale. */
    int error = ws2_started() ? provcfg__watch_start_locked() : WSANOTINITIALISED;
    if (!error) {
        h->epoch = provcfg__epoch;
        h->next = &provcfg__handles;
        h->prev = provcfg__handles.prev;
        provcfg__handles.prev->next = h;
        provcfg__handles.prev = h;
        h->linked = true;
    }
    pthread_mutex_unlock(&provcfg__lock);
    if (error) {
        free(h);
        return error;
    }
    uintptr_t value = handle_insert(&h->file_event.obj);
    if (!value) {
        /* The table is full: nobody has seen the handle, so it goes at once. */
        provcfg__destroy(&h->file_event.obj);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    *out = (HANDLE)value;
    return 0;
}

/*
 * A later call on h: completes at once with a change kept on the handle,
 * else queues op (pending).  Returns 0 (completed at once), WSA_IO_PENDING
 * or WSA_INVALID_HANDLE (a handle of an earlier WSAStartup).
 */
static int provcfg__issue(struct provcfg_handle *h, struct provcfg_op *op)
{
    int result = WSA_IO_PENDING;
    pthread_mutex_lock(&provcfg__lock);
    if (h->epoch != provcfg__epoch || !h->linked) {
        result = WSA_INVALID_HANDLE;
    } else if (h->changed) {
        h->changed = false;
        result = 0;
    } else {
        h->pending++;
        provcfg__link(&provcfg__ops, op);
    }
    pthread_mutex_unlock(&provcfg__lock);
    return result;
}

/*
 * A blocking call on h, which the caller looked up as value.  The handle's
 * reference is dropped once the call is pending (the operation holds the
 * object): a CloseHandle from another thread must reach the object's last
 * close, which ends the call.
 */
static int provcfg__wait_blocking(struct provcfg_handle *h, HANDLE value)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.Internal = KSTATUS_PENDING;
    struct provcfg_op op = {.handle = h, .ov = &ov, .blocking = true};
    op.thread_id = GetCurrentThreadId();
    atomic_fetch_add_explicit(&h->refs, 1, memory_order_relaxed);
    int result = provcfg__issue(h, &op);
    handle_unref((uintptr_t)value);
    if (result != WSA_IO_PENDING) {
        provcfg__handle_put(h);
        return result;
    }
    /* Wakes when the watcher, the handle's close or the final WSACleanup finishes it. */
    DWORD status = koverlapped_status(&ov, TRUE);
    if (status == KSTATUS_SUCCESS)
        return 0;
    return status == KSTATUS_CANCELLED ? WSAEINTR : WSA_NOT_ENOUGH_MEMORY;
}

static int provcfg__start_overlapped(struct provcfg_handle *h, OVERLAPPED *ov,
                                     LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    /* A handle bound to a completion port reports there, not through routines (as sockets). */
    if (routine && atomic_load(&h->port))
        return WSAEINVAL;
    struct provcfg_op *op = calloc(1, sizeof(*op));
    struct kthread *self = routine ? kthread_self() : NULL;
    if (!op || (routine && !self)) {
        free(op);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    if (self) {
        atomic_fetch_add(&self->refs, 1);
        op->thread = self;
    }
    op->handle = h;
    op->ov = ov;
    op->routine = routine;
    op->thread_id = GetCurrentThreadId();
    atomic_fetch_add_explicit(&h->refs, 1, memory_order_relaxed);
    /*
     * Pending from here on; the event is cleared first, as Windows' I/O
     * manager does when it starts an operation (not with a routine: hEvent
     * is the application's then), and so is the handle's file event.
     */
    ov->InternalHigh = 0;
    __atomic_store_n(&ov->Internal, (ULONG_PTR)KSTATUS_PENDING, __ATOMIC_SEQ_CST);
    if (!routine && koverlapped_event(ov->hEvent))
        ResetEvent(koverlapped_event(ov->hEvent));
    provcfg__file_event(h, false);
    int result = provcfg__issue(h, op);
    if (result == 0) {
        /* A change was waiting: it completes now, and is delivered as any completion. */
        provcfg__complete(op, KSTATUS_SUCCESS, true);
    } else if (result != WSA_IO_PENDING) {
        __atomic_store_n(&ov->Internal, (ULONG_PTR)kstatus_from_wsa(result), __ATOMIC_SEQ_CST);
        provcfg__free_op(op);
        provcfg__handle_put(h);
    }
    return result;
}

INT WSAAPI WSAProviderConfigChange(LPHANDLE lpNotificationHandle, LPWSAOVERLAPPED lpOverlapped,
                                   LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    if (!ws2_enter())
        return SOCKET_ERROR;
    /* Arguments Winsock cannot use are WSAEFAULT, as everywhere in this library. */
    if (!lpNotificationHandle ||
        ws2_args_span(lpNotificationHandle, sizeof(*lpNotificationHandle), true))
        return ws2_fail(WSAEFAULT);
    if (lpOverlapped && ws2_args_span(lpOverlapped, sizeof(*lpOverlapped), true))
        return ws2_fail(WSAEFAULT);
    HANDLE value = __atomic_load_n(lpNotificationHandle, __ATOMIC_RELAXED);
    int error;
    if (!value) {
        /* The first call: the handle, at once; an OVERLAPPED given is not used. */
        HANDLE made = NULL;
        error = provcfg__create(&made);
        if (error)
            return ws2_fail(error);
        *lpNotificationHandle = made;
        return 0;
    }
    /* "WSA_INVALID_HANDLE: Value pointed by lpNotificationHandle parameter is not a valid
     * notification handle." */
    struct kobj *obj = handle_ref((uintptr_t)value, KOBJ_NOTIFY);
    if (!obj)
        return ws2_fail(WSA_INVALID_HANDLE);
    struct provcfg_handle *h = (struct provcfg_handle *)obj;
    if (lpOverlapped) {
        error = provcfg__start_overlapped(h, lpOverlapped, lpCompletionRoutine);
        handle_unref((uintptr_t)value);
    } else {
        error = provcfg__wait_blocking(h, value);
    }
    return error ? ws2_fail(error) : 0;
}

/* ---- The final WSACleanup ---------------------------------------------------- */

void *ws2_provcfg_cleanup_begin(void)
{
    pthread_mutex_lock(&provcfg__lock);
    provcfg__epoch++;
    struct provcfg_watcher *w = provcfg__watcher;
    provcfg__watcher = NULL;
    if (w) {
        w->stop = true;
        sys_eventfd_signal(w->wake_fd);
    }
    /* The handles stay open until CloseHandle, but no longer notify: they are stale. */
    while (provcfg__handles.next != &provcfg__handles) {
        struct provcfg_handle *h = provcfg__handles.next;
        h->prev->next = h->next;
        h->next->prev = h->prev;
        h->linked = false;
        h->changed = false;
    }
    struct provcfg_op *aborted = provcfg__detach_locked(NULL, NULL, 0, true, NULL);
    pthread_mutex_unlock(&provcfg__lock);
    provcfg__complete_list(aborted, KSTATUS_CANCELLED, false);
    return w;
}

void ws2_provcfg_cleanup_end(void *watcher)
{
    struct provcfg_watcher *w = watcher;
    if (!w)
        return;
    pthread_join(w->thread, NULL);
    provcfg__watcher_free(w);
}
