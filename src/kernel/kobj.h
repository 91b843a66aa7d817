/*
 * Kernel objects: everything a HANDLE or SOCKET can name.  Each object starts
 * with a struct kobj so that the handle table can hold any of them and call
 * the right destructor once the last reference is gone.
 */
#ifndef WS2_KERNEL_KOBJ_H
#define WS2_KERNEL_KOBJ_H

#include <stdbool.h>

#include <windows.h>

enum kobj_type {
    KOBJ_ANY = 0, /* only as a lookup filter */
    KOBJ_SOCKET = 1,
    KOBJ_EVENT = 2,
    KOBJ_THREAD = 3,
    KOBJ_PORT = 4,
    KOBJ_MUTEX = 5,     /* src/kernel/mutex.c */
    KOBJ_SEMAPHORE = 6, /* src/kernel/semaphore.c */
    KOBJ_TIMER = 7,     /* src/kernel/timer.c: waitable timers */
    KOBJ_FILE = 8,      /* src/kernel/file.c */
    KOBJ_FIND = 9,      /* src/kernel/file.c: FindFirstFile's search handles */
    KOBJ_NOTIFY = 10,   /* src/ws2_32/provcfg.c: WSAProviderConfigChange's notification handles */
};

struct kobj;
struct kport;

struct kobj_ops {
    enum kobj_type type;
    /* Called once, when the handle is closed and no reference is left. */
    void (*destroy)(struct kobj *obj);
    /*
     * CancelIo/CancelIoEx on objects that have overlapped operations:
     * cancels those with this OVERLAPPED (NULL: all) issued by this thread
     * id (0: any thread); returns how many it cancelled.  May be NULL.
     */
    unsigned (*cancel_io)(struct kobj *obj, const OVERLAPPED *overlapped, DWORD thread_id);
    /*
     * CreateIoCompletionPort on a socket whose provider keeps several
     * handles for one underlying socket (WSADuplicateSocket): the
     * association is the socket's, shared by all of them, as Windows keeps
     * it in the one file object their handles name.  Returns false if the
     * socket already has a port.  NULL: ksocket_associate_port.  Objects
     * other than sockets (files, kernel/file.c) can be associated with a
     * port only if they have this operation.
     */
    bool (*associate_port)(struct kobj *obj, struct kport *port, ULONG_PTR key);
};

struct kobj {
    const struct kobj_ops *ops;
};

#endif
