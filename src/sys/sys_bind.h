/*
 * Port sharing that Winsock allows and Linux's SO_REUSEADDR does not (the
 * base provider's bind table decides when, see bindtable.c): SO_REUSEPORT,
 * and which of the listeners that share an address takes a connection.
 */
#ifndef WS2_SYS_SYS_BIND_H
#define WS2_SYS_SYS_BIND_H

/* Turns Linux's SO_REUSEPORT on or off; 0 or -1 with errno. */
int sys_set_reuseport(int fd, int on);

/*
 * Has every connection for the reuseport group fd listens in go to the
 * listener at index in the group's array (an index past its end lets Linux
 * choose by hash, as without this).  0 or -1 with errno.
 */
int sys_steer_listeners(int fd, unsigned index);

#endif
