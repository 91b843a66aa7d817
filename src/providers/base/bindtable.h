/*
 * The addresses this process's sockets are bound to, with the sharing each
 * allows, so that bind and listen give Windows' answers among them (see
 * bindtable.c).  Sockets of other processes are Linux's to judge.
 */
#ifndef WS2_PROVIDERS_BASE_BINDTABLE_H
#define WS2_PROVIDERS_BASE_BINDTABLE_H

#include <stdint.h>

#include "providers/base/base.h"

/*
 * Binds b to the Linux address addr (len bytes) with sharing, one of
 * SYS_BIND_UNSHARED, SYS_BIND_SHARED (SO_REUSEADDR), SYS_BIND_EXCLUSIVE:
 * refused as Windows refuses it where one of this process's sockets is in
 * the way, otherwise made on Linux (sharing the port with those sockets
 * where Windows would) and recorded.  The look and the bind are one step
 * for every thread of the process.  *port_later: a TCP bind to port 0,
 * whose port Linux chooses at the connect, or at bindtable_settle when
 * something needs it first.  0 or a Winsock error.
 */
int bindtable_bind(struct bsock *b, const void *addr, uint32_t len, int sharing, bool *port_later);

/*
 * A connect was started on b, bound with its port later: the table learns
 * the port it took before it next compares ports (no system call here).
 */
void bindtable_connecting(struct bsock *b);

/*
 * Gives b, bound with its port later, its port now (a no-op otherwise, and
 * for a socket a connect has given one).  0 or a Winsock error.
 */
int bindtable_settle(struct bsock *b);

/* listen on b's descriptor, sharing its address with this process's sockets as bind allowed.
 * 0 or -1 with errno. */
int bindtable_listen(struct bsock *b, int backlog);

/*
 * b's socket is being released (close.c, before its descriptor goes): its
 * address is free from now on.  last: no other handle or process shares
 * the socket, so a listener may stop listening here.
 */
void bindtable_release(struct bsock *b, bool last);

#endif
