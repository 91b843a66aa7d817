/*
 * The Linux half of the example provider: plain descriptors, no Windows
 * types (a translation unit includes either the Windows headers or the
 * Linux socket headers, never both).  Every function returns a result
 * >= 0, or -errno.  Addresses are IPv4 only, as four address bytes and a
 * port in host order, so nothing of either sockaddr crosses the line.
 */
#ifndef OOT_IO_H
#define OOT_IO_H

#include <stddef.h>
#include <stdint.h>

int oot_io_socket(void);
int oot_io_bind(int fd, const uint8_t addr[4], uint16_t port);
int oot_io_listen(int fd, int backlog);
int oot_io_accept(int fd, uint8_t addr[4], uint16_t *port);
int oot_io_connect(int fd, const uint8_t addr[4], uint16_t port);
long oot_io_send(int fd, const void *buf, size_t len);
long oot_io_recv(int fd, void *buf, size_t len);
int oot_io_name(int fd, int peer, uint8_t addr[4], uint16_t *port);
int oot_io_shutdown(int fd, int how); /* 0 receive, 1 send, 2 both (SD_* values) */
int oot_io_close(int fd, int reset);

#endif
