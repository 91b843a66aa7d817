/* Storage that Winsock owns per thread (thread_buffer.h). */
#include "ws2_32/thread_buffer.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

/* Room for a typical entry from the start, so that later calls keep the same block. */
#define THREAD_BUFFER_MIN 1024

struct thread_buffer {
    void *block[WS2_TBUF_KINDS];
    size_t size[WS2_TBUF_KINDS];
};

static pthread_once_t thread_buffer__once = PTHREAD_ONCE_INIT;
static pthread_key_t thread_buffer__key;
static bool thread_buffer__have_key;
static _Thread_local struct thread_buffer *thread_buffer__mine;

static void thread_buffer__destroy(void *arg)
{
    struct thread_buffer *tb = arg;
    /* A later exit hook of this thread that asks again gets new storage (and leaks it). */
    thread_buffer__mine = NULL;
    for (int i = 0; i < WS2_TBUF_KINDS; i++)
        free(tb->block[i]);
    free(tb);
}

static void thread_buffer__init(void)
{
    /* The key only serves to free the storage when a thread exits. */
    thread_buffer__have_key = pthread_key_create(&thread_buffer__key, thread_buffer__destroy) == 0;
}

void *ws2_thread_buffer(enum ws2_thread_buffer kind, size_t size)
{
    struct thread_buffer *tb = thread_buffer__mine;
    if (!tb) {
        pthread_once(&thread_buffer__once, thread_buffer__init);
        tb = calloc(1, sizeof(*tb));
        if (!tb)
            return NULL;
        if (thread_buffer__have_key)
            pthread_setspecific(thread_buffer__key, tb);
        thread_buffer__mine = tb;
    }
    if (tb->size[kind] < size) {
        if (size < THREAD_BUFFER_MIN)
            size = THREAD_BUFFER_MIN;
        void *block = malloc(size);
        if (!block)
            return NULL;
        free(tb->block[kind]);
        tb->block[kind] = block;
        tb->size[kind] = size;
    }
    return tb->block[kind];
}
