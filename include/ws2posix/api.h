/*
 * ws2posix: helpers shared by the public Winsock headers (winsock2.h,
 * ws2def.h, ws2ipdef.h, ws2tcpip.h, ws2spi.h, mswsock.h).  Not part of any
 * Windows SDK: programs never include it themselves.
 */

/*
 * A translation unit speaks either the Windows or the POSIX socket API.  The
 * two define the same names (struct sockaddr, AF_INET6, SO_LINGER, select,
 * struct pollfd, gethostname ...) with different values and layouts, so there
 * is no way to let both in.  This check sits outside the include guard so that
 * every public Winsock header repeats it: a POSIX header included between two
 * of ours is caught too.  (A POSIX header included after all of ours fails on
 * the duplicate definitions instead; there is no hook to catch it earlier.)
 */
#if defined(_SYS_SOCKET_H) || defined(_NETINET_IN_H) || defined(_ARPA_INET_H) ||                   \
    defined(_NETDB_H) || defined(_SYS_POLL_H) || defined(_SYS_IOCTL_H)
#error                                                                                             \
    "ws2posix: <sys/socket.h>, <netinet/in.h>, <arpa/inet.h>, <netdb.h>, <poll.h> or <sys/ioctl.h> was included before a Winsock header. A translation unit uses either the Windows socket API (winsock2.h, ws2tcpip.h) or the POSIX one, never both: move the POSIX socket code to its own .c file."
#endif

#ifndef WS2POSIX_API_H
#define WS2POSIX_API_H

#include "wintypes.h" /* also brings glibc's <features.h> */

/*
 * <unistd.h> declares gethostname(char *, size_t) and an unsigned
 * socklen_t; Winsock has gethostname(char *, int) and an int socklen_t.
 * Programs built with _GNU_SOURCE (and all C++, where g++ defines it) get
 * <unistd.h> from <signal.h> as well.  So that either include order works,
 * it is included here first in that mode (its guard then keeps it from
 * coming back), and winsock2.h / ws2tcpip.h declare their gethostname and
 * socklen_t under other C names, which the macros gethostname and socklen_t
 * select.  Without _GNU_SOURCE a program may still include <unistd.h> before
 * the Winsock headers, not after.
 */
#if defined(__USE_DYNAMIC_STACK_SIZE) && __USE_DYNAMIC_STACK_SIZE
#include <unistd.h>
#endif

/*
 * WS2POSIX_SYMBOL(name) gives a Winsock function that has a namesake in libc
 * (socket, bind, send, htons, getaddrinfo ...) the link-time symbol
 * ws2_<name>.  The C name stays the Windows one, so programs compile
 * unchanged, but libws2_32.so never exports "socket" or "send": exporting
 * them would interpose libc's for every other library in the process, which
 * expects POSIX file descriptors and POSIX error reporting.
 */
#define WS2POSIX_SYMBOL(name) __asm__("ws2_" #name)

/* Calling conventions do not exist on x86-64 Linux; keep the SDK spelling. */
#ifndef WSPAPI
#define WSPAPI WSAAPI
#endif
#ifndef PASCAL
#define PASCAL
#endif

/*
 * The SDK's `long' is 32 bits (LLP64).  Where a Winsock prototype or
 * structure says `long', these headers say LONG (int32_t) so that the width
 * stays Windows' on LP64 Linux.
 */

#endif /* WS2POSIX_API_H */
