/*
 * Sending the rest of a closed socket's data from a process of its own
 * (sys_drain.c).
 *
 * On Windows the system holds what a graceful closesocket leaves to send,
 * and sends it even when the process ends or is killed: the process's
 * memory is not where the data is.  Here a backlog above Linux's send
 * buffer is (providers/base/backlog.h), so it is given to a detached
 * process that sends it and exits: a copy of ours, made with fork, that
 * holds nothing but that socket and its data and runs no code of the
 * application.
 */
#ifndef WS2_SYS_SYS_DRAIN_H
#define WS2_SYS_SYS_DRAIN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Has a detached process send len bytes of data on fd, then (if fin) shut
 * the sending side down, and close it; it gives up when the peer takes
 * nothing for idle_ms.  0 when the process has them (the caller still owns
 * fd and data, and may close and free them at once); -1 when no process
 * could be made.
 */
int sys_drain_detached(int fd, const void *data, size_t len, bool fin, int idle_ms);

#endif
