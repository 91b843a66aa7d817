/*
 * SYS_TLS: the storage class of the small thread-local variables on every
 * call's path (the calling thread's kthread, its last error, its port
 * state, its operation cache).
 *
 * Why: a shared library's thread-locals are reached through a TLS
 * descriptor by default, a call per access (_dl_tlsdesc_return was 0.6% of
 * a port worker's time); the initial-exec model reads them at a fixed
 * offset from the thread pointer.  That takes static TLS space, which a
 * library loaded at startup has and one loaded by dlopen gets from glibc's
 * surplus (a few hundred bytes), so only small variables use it; the
 * per-thread buffers Windows' API asks for are on the heap
 * (ws2_32/thread_buffer.h) or keep the default model (inet_ntoa's), and
 * tests/link/dlopen_app.c checks that the whole block still fits.
 */
#ifndef WS2_SYS_TLS_H
#define WS2_SYS_TLS_H

#define SYS_TLS _Thread_local __attribute__((tls_model("initial-exec")))

#endif
