/*
 * The API layer's checks of the caller's pointers (args.c): each returns 0,
 * or WSAEFAULT where the kernel will not let us read (or write) the memory.
 * NULL pointers pass; the provider decides whether the call allows them.
 */
#ifndef WS2_WS2_32_ARGS_H
#define WS2_WS2_32_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include <winsock2.h>
#include <ws2tcpip.h>

#include "sys/usermem.h"

/* n bytes at p, read, or read and written when write is set. */
int ws2_args_span(const void *p, size_t n, bool write);

/* Several spans in one question to the kernel (spans whose p is NULL pass). */
int ws2_args_check(const struct sys_user_span *spans, unsigned count);

/* An address the call reads: as much of namelen as any family uses. */
int ws2_args_name_in(const struct sockaddr *name, int namelen);

/* An address the call writes, with its in-out length. */
int ws2_args_name_out(struct sockaddr *name, int *namelen);

/* A zero-terminated string of unit-byte characters. */
int ws2_args_string(const void *s, size_t unit);

#endif
