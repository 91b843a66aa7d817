/*
 * The option tables behind WSPGetSockOpt and WSPSetSockOpt.
 *
 * Each option is described once: its level and number, the shape of its
 * value (which decides the length rules, sockopt.c), a few flags, and how
 * its value is read and written: the Linux option it mirrors, or handlers
 * of its own.  sockopt.c applies the length and pointer rules every option
 * shares, so that handlers see a plain int (or a buffer already checked).
 *
 * The shapes are Windows' as observed (the length table of Wine's
 * conformance test run on Windows 10/11): what a setsockopt reads and what a
 * getsockopt writes and reports for a given optlen.
 */
#ifndef WS2_PROVIDERS_BASE_SOCKOPT_H
#define WS2_PROVIDERS_BASE_SOCKOPT_H

#include "providers/base/base.h"

enum sockopt_shape {
    /*
     * A SOL_SOCKET BOOL (SO_REUSEADDR, SO_BROADCAST ...): setsockopt takes
     * any length from 0 and reads up to four bytes, any of them non-zero
     * being TRUE; getsockopt writes up to four bytes and reports 1 for a
     * buffer shorter than four, 4 otherwise.
     */
    SOCKOPT_SOCK_BOOL,
    /*
     * A one-byte value (SO_KEEPALIVE, SO_DONTROUTE, TCP_NODELAY,
     * IPV6_V6ONLY): setsockopt reads the first byte only, getsockopt writes
     * one byte and reports 1, whatever the length (from 1).
     */
    SOCKOPT_BYTE,
    /*
     * An IP-level small value (IP_TTL, IP_TOS, IP_MULTICAST_LOOP ...):
     * setsockopt reads as many bytes as given (1 to 4) as a little-endian
     * number; getsockopt writes one byte below four, four otherwise.
     */
    SOCKOPT_SMALL,
    /* A DWORD or int: exactly four bytes are needed and used. */
    SOCKOPT_INT,
    /* A structure of the given size (SO_LINGER, IP_MREQ ...): the handlers read and write it. */
    SOCKOPT_STRUCT,
    /* Lengths of its own (SO_PROTOCOL_INFO, SO_BSP_STATE): the handler checks them all. */
    SOCKOPT_VAR,
};

#define SOCKOPT_BOOL     0x01 /* the value read is TRUE for anything non-zero */
#define SOCKOPT_MAX255   0x02 /* more than 255 is WSAEINVAL (TTLs, TOS, TCP_KEEPCNT) */
#define SOCKOPT_GET_ONLY 0x04 /* setsockopt: WSAENOPROTOOPT */
#define SOCKOPT_SET_ONLY 0x08 /* getsockopt: WSAENOPROTOOPT */
#define SOCKOPT_STREAM   0x10 /* stream sockets only (WSAENOPROTOOPT) */
#define SOCKOPT_DGRAM    0x20 /* datagram sockets only (WSAENOPROTOOPT) */
#define SOCKOPT_ZERO     0x40 /* getsockopt with a short buffer zeroes it before WSAEFAULT */
#define SOCKOPT_RAW      0x80 /* raw sockets only (WSAEINVAL: IP_HDRINCL) */

struct sockopt_desc {
    int level, name;
    unsigned char shape, flags;
    unsigned short size;   /* SOCKOPT_STRUCT: the value's size */
    int lx_level, lx_name; /* the Linux option mirrored when there is no handler */
    /* Value shapes (NULL: the Linux option).  0 or a Winsock error. */
    int (*get)(struct bsock *b, const struct sockopt_desc *d, int *value);
    int (*set)(struct bsock *b, const struct sockopt_desc *d, int value);
    /*
     * SOCKOPT_STRUCT: size bytes of optval may be read or written (checked);
     * SOCKOPT_VAR: nothing is checked but that optval and optlen are there.
     */
    int (*get_buf)(struct bsock *b, const struct sockopt_desc *d, char *optval, LPINT optlen);
    int (*set_buf)(struct bsock *b, const struct sockopt_desc *d, const char *optval, int optlen);
};

/* The table of one level (sockopt_sol.c: SOL_SOCKET, IPPROTO_TCP, IPPROTO_UDP; sockopt_ip.c). */
const struct sockopt_desc *sockopt_sol_find(int level, int name);
const struct sockopt_desc *sockopt_ip_find(int level, int name);

/* The Linux option of d, as an int (the plain handlers).  0 or a Winsock error. */
int sockopt_linux_get(struct bsock *b, const struct sockopt_desc *d, int *value);
int sockopt_linux_set(struct bsock *b, const struct sockopt_desc *d, int value);

/* broadcast.c: SO_BROADCAST, whose Windows value is kept while Linux's is forced on. */
int base_broadcast_get(struct bsock *b, const struct sockopt_desc *d, int *value);
int base_broadcast_set(struct bsock *b, const struct sockopt_desc *d, int value);

/* keepalive.c: TCP_KEEPALIVE (TCP_KEEPIDLE), TCP_KEEPINTVL, TCP_KEEPCNT. */
int base_keepalive_get(struct bsock *b, const struct sockopt_desc *d, int *value);
int base_keepalive_set(struct bsock *b, const struct sockopt_desc *d, int value);
/*
 * SO_KEEPALIVE was turned on: the probe interval and count that were never
 * set become Windows' defaults (1 s and 10 probes) on the Linux socket.
 */
void base_keepalive_enabled(struct bsock *b);

/* sockopt_tcp.c: TCP_MAXRT and TCP_MAXRTMS, TCP_TIMESTAMPS, SO_PAUSE_ACCEPT. */
int base_tcp_maxrt_get(struct bsock *b, const struct sockopt_desc *d, int *value);
int base_tcp_maxrt_set(struct bsock *b, const struct sockopt_desc *d, int value);
int base_tcp_timestamps_get(struct bsock *b, const struct sockopt_desc *d, int *value);
int base_tcp_timestamps_set(struct bsock *b, const struct sockopt_desc *d, int value);
int base_pause_accept_get(struct bsock *b, const struct sockopt_desc *d, int *value);
int base_pause_accept_set(struct bsock *b, const struct sockopt_desc *d, int value);

#endif
