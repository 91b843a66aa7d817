/*
 * Thread-local storage: TlsAlloc, TlsGetValue, TlsSetValue, TlsFree.
 *
 * Windows has TLS_MINIMUM_AVAILABLE (64) slots plus 1024 expansion slots,
 * and "the TLS slot for the index is initialized to zero" in every thread
 * when TlsAlloc hands it out, even if a thread stored a value under an
 * earlier owner of that index.  Each index therefore has a generation,
 * moved by TlsAlloc and TlsFree; a thread's cell remembers the generation
 * it was written in, and a cell from an older generation reads as zero.
 * Nothing has to visit other threads.
 *
 * A thread's cells are allocated on its first TlsSetValue (the 64 first
 * slots and the expansion slots separately) and freed when it ends.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <windows.h>

#define TLS_SLOTS (TLS_MINIMUM_AVAILABLE + 1024)

struct tls_cell {
    uint32_t generation;
    LPVOID value;
};

struct tls_thread {
    struct tls_cell low[TLS_MINIMUM_AVAILABLE];
    struct tls_cell *high; /* 1024 cells, when a thread first sets one */
};

static pthread_mutex_t tls__lock = PTHREAD_MUTEX_INITIALIZER;
static bool tls__used[TLS_SLOTS];
static uint32_t tls__generation[TLS_SLOTS]; /* read without the lock: atomics */
static pthread_key_t tls__key;
static pthread_once_t tls__key_once = PTHREAD_ONCE_INIT;
static _Thread_local struct tls_thread *tls__self;

static void tls__thread_end(void *p)
{
    struct tls_thread *t = p;
    free(t->high);
    free(t);
    tls__self = NULL;
}

static void tls__make_key(void)
{
    pthread_key_create(&tls__key, tls__thread_end);
}

DWORD WINAPI TlsAlloc(void)
{
    pthread_mutex_lock(&tls__lock);
    for (DWORD i = 0; i < TLS_SLOTS; i++) {
        if (!tls__used[i]) {
            tls__used[i] = true;
            __atomic_add_fetch(&tls__generation[i], 1, __ATOMIC_RELAXED);
            pthread_mutex_unlock(&tls__lock);
            return i;
        }
    }
    pthread_mutex_unlock(&tls__lock);
    /* "If the function fails, the return value is TLS_OUT_OF_INDEXES." */
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return TLS_OUT_OF_INDEXES;
}

BOOL WINAPI TlsFree(DWORD dwTlsIndex)
{
    BOOL ok = FALSE;
    pthread_mutex_lock(&tls__lock);
    if (dwTlsIndex < TLS_SLOTS && tls__used[dwTlsIndex]) {
        tls__used[dwTlsIndex] = false;
        __atomic_add_fetch(&tls__generation[dwTlsIndex], 1, __ATOMIC_RELAXED);
        ok = TRUE;
    }
    pthread_mutex_unlock(&tls__lock);
    if (!ok)
        SetLastError(ERROR_INVALID_PARAMETER);
    return ok;
}

/* The calling thread's cell for a valid index; NULL if it has none (and create is false). */
static struct tls_cell *tls__cell(DWORD index, bool create)
{
    struct tls_thread *t = tls__self;
    if (!t) {
        if (!create)
            return NULL;
        pthread_once(&tls__key_once, tls__make_key);
        t = calloc(1, sizeof(*t));
        if (!t)
            return NULL;
        tls__self = t;
        pthread_setspecific(tls__key, t);
    }
    if (index < TLS_MINIMUM_AVAILABLE)
        return &t->low[index];
    if (!t->high) {
        if (!create)
            return NULL;
        t->high = calloc(TLS_SLOTS - TLS_MINIMUM_AVAILABLE, sizeof(*t->high));
        if (!t->high)
            return NULL;
    }
    return &t->high[index - TLS_MINIMUM_AVAILABLE];
}

LPVOID WINAPI TlsGetValue(DWORD dwTlsIndex)
{
    /* "The function does not check the validity of the index" beyond its range. */
    if (dwTlsIndex >= TLS_SLOTS) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    struct tls_cell *cell = tls__cell(dwTlsIndex, false);
    LPVOID value = NULL;
    if (cell && cell->generation == __atomic_load_n(&tls__generation[dwTlsIndex], __ATOMIC_RELAXED))
        value = cell->value;
    /*
     * "If the function succeeds, ... TlsGetValue calls SetLastError to clear
     * a thread's last error value", so that a stored NULL can be told apart
     * from a failure.
     */
    SetLastError(ERROR_SUCCESS);
    return value;
}

BOOL WINAPI TlsSetValue(DWORD dwTlsIndex, LPVOID lpTlsValue)
{
    if (dwTlsIndex >= TLS_SLOTS) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct tls_cell *cell = tls__cell(dwTlsIndex, true);
    if (!cell) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    cell->generation = __atomic_load_n(&tls__generation[dwTlsIndex], __ATOMIC_RELAXED);
    cell->value = lpTlsValue;
    return TRUE;
}
