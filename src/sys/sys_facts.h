/*
 * The facts the socket wrappers keep per descriptor (sys_socket.c), shared
 * by the files of src/sys that make, bind, connect and close sockets
 * (sys_socket.c, sys_port.c).  Private to src/sys.
 */
#ifndef WS2_SYS_SYS_FACTS_H
#define WS2_SYS_SYS_FACTS_H

#include <stdint.h>

/*
 * What the wrappers keep per socket (sys.h, "How connections end"), by
 * descriptor number: the kind of socket; for a datagram socket the ICMP
 * kinds it reports and whether its error queue may hold an entry that no
 * pending error signals (an orphan: Linux's sendmsg took the error, or
 * queued a local one); for a stream socket the errno its connection ended
 * with.  A two-level table: a page is allocated for the first socket in its
 * range and kept (4 KiB per 1024 descriptors).  The entry is written when a
 * socket is made, so a number's previous socket leaves nothing behind; a
 * descriptor beyond the table simply behaves as Linux does.
 */
#define SYS__STREAM    0x1u
#define SYS__DGRAM     0x2u
#define SYS__KIND      0x3u
#define SYS__ORPHAN    0x4u
#define SYS__NO_PORT   0x40u  /* bound by sys_bind_stream with SYS_BIND_PORT_LATER, no port yet */
#define SYS__UNSHARED  0x8u   /* a stream socket bound by sys_bind_stream without sharing */
#define SYS__EXCLUSIVE 0x100u /* ... with SYS_BIND_EXCLUSIVE (its connections stay unshared) */
/*
 * A TCP socket made by sys_socket that Linux has not bound, connected nor
 * made a listener since: what sys_connect would otherwise ask getsockname,
 * and what lets sys_bind_stream leave a wildcard bind to port 0 to the
 * connect altogether.  A socket shared with another descriptor
 * (sys_dup_socket) loses it, as the other may be bound behind our back.
 */
#define SYS__FRESH 0x800u
/*
 * SO_LINGER is {1, 0}, as sys_set_linger set it: the socket's close resets
 * its connection, which leaves no TIME_WAIT to open the port for
 * (sys_socket_closing), and setting {1, 0} again changes nothing.
 */
#define SYS__ABORTIVE 0x1000u
/* A listener whose name sys_name.c keeps (sys_listener_named), for its connections' names. */
#define SYS__NAMED         0x2000u
#define SYS__PING_SHIFT    9 /* SYS_PING_V4/V6: a ping socket (sys_icmp.c), two bits */
#define SYS__REPORTS_SHIFT 4
#define SYS__END_SHIFT     16

/*
 * sys_name.c: fd has started listening: its name is kept (SYS__NAMED) when
 * it is one address; and forgotten when fd is released (sys_socket_closing).
 */
void sys_listener_named(int fd);
void sys_listener_forget(int fd);

/* fd's facts (0 for a descriptor beyond the table or never made by us). */
uint32_t sys_facts(int fd);
/* Writes fd's facts whole (a socket made, or a number given to another file). */
void sys_facts_set(int fd, uint32_t facts);
/* Sets and clears bits of fd's facts, atomically. */
void sys_facts_change(int fd, uint32_t set, uint32_t clear);

#endif
