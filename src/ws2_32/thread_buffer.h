/*
 * Storage that Winsock owns per thread: the structures the Winsock 1
 * database functions return (gethostbyname's hostent, getservbyname's
 * servent, getprotobyname's protoent) and gai_strerror's text.  Each kind
 * has one block per thread, kept and reused while it is large enough, and
 * freed when the thread exits.  It lives on the heap rather than in
 * thread-local variables so that the library's static TLS stays a few
 * hundred bytes (sys/tls.h).
 */
#ifndef WS2_THREAD_BUFFER_H
#define WS2_THREAD_BUFFER_H

#include <stddef.h>

enum ws2_thread_buffer {
    WS2_TBUF_HOSTENT,
    WS2_TBUF_SERVENT,
    WS2_TBUF_PROTOENT,
    WS2_TBUF_GAI_A,
    WS2_TBUF_GAI_W,
    WS2_TBUF_KINDS
};

/* The calling thread's block of that kind, at least size bytes; NULL without memory. */
void *ws2_thread_buffer(enum ws2_thread_buffer kind, size_t size);

#endif
