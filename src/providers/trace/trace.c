/*
 * The tracing layered provider: logs every call that passes through it —
 * name, arguments, result, error and time taken — one line per call, to
 * the file named by WS2POSIX_TRACE (appended to), or to standard error.
 * Install it with `ws2catalog install` over the base provider (README,
 * "Catalog and providers").
 *
 * A line reads:
 *   <start, µs since the first call> <thread> <name>(<arguments>) = <result> error=<e> <µs>us
 */
#include <pthread.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>

#include "providers/layered/layer.h"

/* {6c4b6f1e-2a57-4d4f-9b9e-7f1d2b3c4a51} */
const bool layer_formats_args = true;

const GUID layer_provider_id = {
    0x6c4b6f1e, 0x2a57, 0x4d4f, {0x9b, 0x9e, 0x7f, 0x1d, 0x2b, 0x3c, 0x4a, 0x51}};

static pthread_mutex_t trace__lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *trace__out;
static int64_t trace__origin;

int layer_before(struct layer_call *call)
{
    (void)call;
    return 0;
}

void layer_after(const struct layer_call *call, intptr_t result, int error)
{
    int64_t end = layer_now_ns();
    pthread_mutex_lock(&trace__lock);
    if (!trace__out) {
        const char *path = getenv("WS2POSIX_TRACE");
        trace__out = path && *path ? fopen(path, "a") : NULL;
        if (!trace__out)
            trace__out = stderr;
        trace__origin = call->start_ns;
    }
    fprintf(trace__out, "%lld %lu %s(%s) = %lld error=%d %lldus\n",
            (long long)((call->start_ns - trace__origin) / 1000),
            (unsigned long)GetCurrentThreadId(), call->name, call->args, (long long)result, error,
            (long long)((end - call->start_ns) / 1000));
    fflush(trace__out);
    pthread_mutex_unlock(&trace__lock);
}
