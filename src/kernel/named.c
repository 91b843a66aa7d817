/* The process's object namespace and the reference counts of named objects: see named.h. */
#include "kernel/named.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/handle.h"
#include "sys/usermem.h"
#include "ws2_32/addrtext.h"

/* A list is enough: programs name a handful of objects. */
static pthread_mutex_t named__lock = PTHREAD_MUTEX_INITIALIZER;
static struct knamed *named__head;

void knamed_init(struct knamed *obj, void (*free_fn)(struct knamed *obj))
{
    atomic_init(&obj->refs, 1);
    atomic_init(&obj->handles, 0);
    obj->last_handle = NULL;
    obj->name = NULL;
    obj->name_next = NULL;
    obj->free = free_fn;
}

void knamed_ref(struct knamed *obj)
{
    atomic_fetch_add(&obj->refs, 1);
}

static void named__unlink(struct knamed *obj)
{
    for (struct knamed **p = &named__head; *p; p = &(*p)->name_next) {
        if (*p == obj) {
            *p = obj->name_next;
            return;
        }
    }
}

void knamed_release(struct knamed *obj)
{
    /*
     * A named object's last reference goes under the namespace's lock, so
     * that a lookup never finds an object on its way out.
     */
    if (obj->name) {
        pthread_mutex_lock(&named__lock);
        bool last = atomic_fetch_sub(&obj->refs, 1) == 1;
        if (last)
            named__unlink(obj);
        pthread_mutex_unlock(&named__lock);
        if (!last)
            return;
    } else if (atomic_fetch_sub(&obj->refs, 1) != 1) {
        return;
    }
    free(obj->name);
    obj->free(obj);
}

void knamed_handle_closed(struct kobj *obj)
{
    struct knamed *n = (struct knamed *)obj;
    if (atomic_fetch_sub(&n->handles, 1) == 1 && n->last_handle)
        n->last_handle(n);
    knamed_release(n);
}

/* "Local\" is the session namespace, which is also where unprefixed names live. */
static void named__strip_local(char *name)
{
    static const char local[] = "Local\\";
    if (strncmp(name, local, sizeof(local) - 1) == 0)
        memmove(name, name + sizeof(local) - 1, strlen(name) - (sizeof(local) - 1) + 1);
}

static bool named__finish(char *copy, char **out)
{
    if (!copy) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return false;
    }
    named__strip_local(copy);
    *out = copy;
    return true;
}

bool knamed_name_a(LPCSTR name, char **out)
{
    *out = NULL;
    if (!name)
        return true;
    if (!sys_user_string(name, sizeof(*name), NULL)) {
        SetLastError(ERROR_NOACCESS);
        return false;
    }
    if (!name[0])
        return true;
    return named__finish(strdup(name), out);
}

bool knamed_name_w(LPCWSTR name, char **out)
{
    *out = NULL;
    if (!name)
        return true;
    if (!sys_user_string(name, sizeof(*name), NULL)) {
        SetLastError(ERROR_NOACCESS);
        return false;
    }
    if (!name[0])
        return true;
    return named__finish(ws2_utf8_from_wide(name), out);
}

static struct knamed *named__find(const char *name)
{
    for (struct knamed *o = named__head; o; o = o->name_next)
        if (strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

/* A new handle for obj, whose reference it takes over (dropped if the table is full). */
static HANDLE named__handle(struct knamed *obj)
{
    atomic_fetch_add(&obj->handles, 1);
    uintptr_t h = handle_insert(&obj->waitable.obj);
    if (!h) {
        knamed_handle_closed(&obj->waitable.obj);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return (HANDLE)h;
}

HANDLE knamed_create(enum kobj_type type, char *name, struct knamed *(*make)(void *ctx), void *ctx)
{
    if (!name) {
        struct knamed *obj = make(ctx);
        if (!obj)
            return NULL;
        HANDLE h = named__handle(obj);
        if (h)
            SetLastError(ERROR_SUCCESS);
        return h;
    }
    pthread_mutex_lock(&named__lock);
    struct knamed *obj = named__find(name);
    if (obj) {
        enum kobj_type existing = obj->waitable.obj.ops->type;
        if (existing == type)
            knamed_ref(obj);
        pthread_mutex_unlock(&named__lock);
        free(name);
        /*
         * "If lpName matches the name of an existing event, semaphore,
         * waitable timer, job, or file-mapping object, the function fails and
         * the GetLastError function returns ERROR_INVALID_HANDLE."
         */
        if (existing != type) {
            SetLastError(ERROR_INVALID_HANDLE);
            return NULL;
        }
        HANDLE h = named__handle(obj);
        if (h)
            SetLastError(ERROR_ALREADY_EXISTS);
        return h;
    }
    obj = make(ctx);
    if (!obj) {
        pthread_mutex_unlock(&named__lock);
        free(name);
        return NULL;
    }
    obj->name = name;
    obj->name_next = named__head;
    named__head = obj;
    pthread_mutex_unlock(&named__lock);
    HANDLE h = named__handle(obj);
    if (h)
        SetLastError(ERROR_SUCCESS);
    return h;
}

HANDLE knamed_open(enum kobj_type type, char *name)
{
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    pthread_mutex_lock(&named__lock);
    struct knamed *obj = named__find(name);
    enum kobj_type existing = obj ? obj->waitable.obj.ops->type : KOBJ_ANY;
    if (obj && existing == type)
        knamed_ref(obj);
    pthread_mutex_unlock(&named__lock);
    free(name);
    if (!obj) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return NULL;
    }
    if (existing != type) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return named__handle(obj);
}
