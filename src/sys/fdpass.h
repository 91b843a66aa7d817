/*
 * Handing a socket to another process (WSADuplicateSocket): a local
 * SOCK_SEQPACKET socket in the abstract namespace, a request and a reply of
 * plain data each, and the descriptor itself passed with SCM_RIGHTS.  The
 * abstract namespace needs no file to clean up after a crash, and SO_PEERCRED
 * tells each end which process is on the other side, so the duplicating
 * process gives the socket only to the process it was duplicated for.
 */
#ifndef WS2_SYS_FDPASS_H
#define WS2_SYS_FDPASS_H

#include <stddef.h>
#include <stdint.h>

/* A listening socket named name (abstract namespace, no leading NUL), or -1. */
int sys_fdpass_listen(const char *name);

/* Accepts one connection (non-blocking listener: -1/EAGAIN if none); *pid gets its process. */
int sys_fdpass_accept(int listen_fd, int *pid);

/* Connects to name; *pid gets the process that serves it.  -1 if nobody does. */
int sys_fdpass_connect(const char *name, int *pid);

/* Sends one message, with pass_fd attached unless it is -1.  0 or -1. */
int sys_fdpass_send(int fd, const void *buf, size_t len, int pass_fd);

/*
 * Receives one message of exactly len bytes within timeout_ms; *got_fd gets
 * a descriptor that came with it (close-on-exec) or -1.  0 or -1.
 */
int sys_fdpass_recv(int fd, void *buf, size_t len, int *got_fd, int timeout_ms);

/* Whether a process with this id exists (it may belong to another user). */
int sys_process_exists(int pid);

/* The calling process's id. */
int sys_getpid(void);

/* 32 unpredictable bits (getrandom), never 0. */
uint32_t sys_random32(void);

#endif
