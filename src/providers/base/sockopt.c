/*
 * WSPGetSockOpt and WSPSetSockOpt: the rules every option shares.  The
 * options themselves are described in tables (sockopt_sol.c for SOL_SOCKET,
 * IPPROTO_TCP and IPPROTO_UDP, sockopt_ip.c for IPPROTO_IP and IPPROTO_IPV6;
 * sockopt.h says what the shapes mean).
 *
 * Argument rules, as Windows applies them (observed: the option-length table
 * of Wine's conformance test, run on Windows 10/11):
 * - an unknown level is WSAEINVAL, an unknown option WSAENOPROTOOPT;
 * - a missing optval or optlen is WSAEFAULT, and so is an optval or optlen
 *   the kernel cannot read (or, for getsockopt, write): Windows probes them
 *   ("not in a valid part of the process address space"), so we ask the
 *   kernel before we touch them (sys/usermem.h) instead of crashing;
 * - setsockopt with a length below the option's is WSAEFAULT, except that a
 *   SOL_SOCKET BOOL takes any length, 0 included; a negative length is read
 *   as a large one for the SOL_SOCKET options of four bytes or more and is
 *   WSAENOBUFS for every other option (the length Windows then tries to
 *   allocate);
 * - getsockopt with a length below the option's (0 included) or negative is
 *   WSAEFAULT; the IPPROTO_* levels then report a length of 0, and
 *   SO_RCVBUF, SO_SNDBUF and SO_LINGER have zeroed the bytes given.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <mstcpip.h>
#include <mswsock.h>

#include "providers/base/sockopt.h"
#include "sys/sys.h"
#include "sys/usermem.h"

int sockopt_linux_get(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    int v = 0;
    uint32_t len = sizeof(v);
    if (sys_getsockopt(b->fd, d->lx_level, d->lx_name, &v, &len) < 0)
        return base_error(errno);
    /* Linux answers some byte-sized options with one byte when asked so; ours asks for an int. */
    *value = len == 1 ? (unsigned char)v : v;
    return 0;
}

int sockopt_linux_set(struct bsock *b, const struct sockopt_desc *d, int value)
{
    if (sys_setsockopt(b->fd, d->lx_level, d->lx_name, &value, sizeof(value)) < 0)
        return base_error(errno);
    return 0;
}

/*
 * The option's description, or the error for one that does not exist or
 * does not apply to b.
 */
static int sockopt__find(struct bsock *b, int level, int optname, const struct sockopt_desc **out)
{
    const struct sockopt_desc *d;
    switch (level) {
    case SOL_SOCKET:
        /*
         * SOL_SOCKET socket options, SO_RCVLOWAT/SO_SNDLOWAT: "not supported
         * by the Windows TCP/IP provider ... on Windows Vista and later, the
         * getsockopt and setsockopt functions fail with WSAEINVAL".
         */
        if (optname == SO_RCVLOWAT || optname == SO_SNDLOWAT)
            return WSAEINVAL;
        d = sockopt_sol_find(level, optname);
        break;
    case IPPROTO_TCP:
        if (b->type != SOCK_STREAM)
            return WSAENOPROTOOPT;
        d = sockopt_sol_find(level, optname);
        break;
    case IPPROTO_UDP:
        if (b->type != SOCK_DGRAM)
            return WSAENOPROTOOPT;
        d = sockopt_sol_find(level, optname);
        break;
    case IPPROTO_IP: d = sockopt_ip_find(level, optname); break;
    case IPPROTO_IPV6:
        d = sockopt_ip_find(level, optname);
        /* IPV6_V6ONLY is answered on an IPv4 socket too (observed); the other IPv6 options not. */
        if (d && b->family != AF_INET6 && optname != IPV6_V6ONLY)
            return WSAEINVAL;
        break;
    default: return WSAEINVAL;
    }
    if (!d)
        return WSAENOPROTOOPT;
    bool stream = b->type == SOCK_STREAM;
    if (((d->flags & SOCKOPT_STREAM) && !stream) || ((d->flags & SOCKOPT_DGRAM) && stream))
        return WSAENOPROTOOPT;
    /* IP_HDRINCL on a TCP or UDP socket: WSAEINVAL for both calls (observed, Vista and later). */
    if ((d->flags & SOCKOPT_RAW) && b->type != SOCK_RAW)
        return WSAEINVAL;
    *out = d;
    return 0;
}

/* The fewest bytes setsockopt takes for d. */
static int sockopt__set_min(const struct sockopt_desc *d)
{
    switch (d->shape) {
    case SOCKOPT_SOCK_BOOL: return 0;
    case SOCKOPT_BYTE:
    case SOCKOPT_SMALL: return 1;
    case SOCKOPT_STRUCT: return d->size;
    }
    return sizeof(int);
}

/* The fewest bytes getsockopt takes for d. */
static int sockopt__get_min(const struct sockopt_desc *d)
{
    switch (d->shape) {
    case SOCKOPT_SOCK_BOOL:
    case SOCKOPT_BYTE:
    case SOCKOPT_SMALL: return 1;
    case SOCKOPT_STRUCT: return d->size;
    }
    return sizeof(int);
}

static int sockopt__end(struct bsock *b, int error, LPINT lpErrno)
{
    bsock_put(b);
    if (error) {
        *lpErrno = error;
        return SOCKET_ERROR;
    }
    return 0;
}

int WSPAPI base_WSPSetSockOpt(SOCKET s, int level, int optname, const char *optval, int optlen,
                              LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    if (level == SOL_SOCKET &&
        (optname == SO_UPDATE_ACCEPT_CONTEXT || optname == SO_UPDATE_CONNECT_CONTEXT)) {
        if (optname == SO_UPDATE_ACCEPT_CONTEXT && optval && optlen >= (int)sizeof(SOCKET) &&
            !sys_user_readable(optval, sizeof(SOCKET)))
            return sockopt__end(b, WSAEFAULT, lpErrno);
        return sockopt__end(b, base_update_context(b, optname, optval, optlen), lpErrno);
    }
    const struct sockopt_desc *d = NULL;
    int error = sockopt__find(b, level, optname, &d);
    if (error)
        return sockopt__end(b, error, lpErrno);
    if (d->flags & SOCKOPT_GET_ONLY) {
        /* setsockopt(SO_TYPE) is WSAEINVAL on a UDP socket, WSAENOPROTOOPT on TCP (observed). */
        bool inval = level == SOL_SOCKET && optname == SO_TYPE && b->type != SOCK_STREAM;
        return sockopt__end(b, inval ? WSAEINVAL : WSAENOPROTOOPT, lpErrno);
    }
    if (!optval)
        return sockopt__end(b, WSAEFAULT, lpErrno);
    int len = optlen;
    if (len < 0) {
        if (level != SOL_SOCKET || d->shape == SOCKOPT_BYTE)
            return sockopt__end(b, WSAENOBUFS, lpErrno);
        len = INT_MAX;
    }
    if (len < sockopt__set_min(d))
        return sockopt__end(b, WSAEFAULT, lpErrno);
    if (d->shape == SOCKOPT_STRUCT || d->shape == SOCKOPT_VAR) {
        if (d->shape == SOCKOPT_STRUCT && !sys_user_readable(optval, d->size))
            return sockopt__end(b, WSAEFAULT, lpErrno);
        return sockopt__end(b, d->set_buf(b, d, optval, len), lpErrno);
    }

    /* The bytes the shape reads, as a little-endian number. */
    int n = d->shape == SOCKOPT_BYTE ? 1 : len < (int)sizeof(int) ? len : (int)sizeof(int);
    if (n > 0 && !sys_user_readable(optval, (size_t)n))
        return sockopt__end(b, WSAEFAULT, lpErrno);
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint32_t)(unsigned char)optval[i] << (8 * i);
    if (d->shape == SOCKOPT_SOCK_BOOL || (d->flags & SOCKOPT_BOOL))
        v = v != 0;
    if ((d->flags & SOCKOPT_MAX255) && v > 255)
        return sockopt__end(b, WSAEINVAL, lpErrno);
    error = d->set ? d->set(b, d, (int)v) : sockopt_linux_set(b, d, (int)v);
    return sockopt__end(b, error, lpErrno);
}

int WSPAPI base_WSPGetSockOpt(SOCKET s, int level, int optname, char *optval, LPINT optlen,
                              LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    const struct sockopt_desc *d = NULL;
    int error = sockopt__find(b, level, optname, &d);
    if (!error && (d->flags & SOCKOPT_SET_ONLY))
        error = WSAENOPROTOOPT;
    if (error)
        return sockopt__end(b, error, lpErrno);
    if (!optval || !optlen || !sys_user_writable(optlen, sizeof(*optlen)))
        return sockopt__end(b, WSAEFAULT, lpErrno);
    if (d->shape == SOCKOPT_VAR)
        return sockopt__end(b, d->get_buf(b, d, optval, optlen), lpErrno);

    int len = *optlen;
    if (len < 0)
        return sockopt__end(b, WSAEFAULT, lpErrno);
    if (len < sockopt__get_min(d)) {
        if (len > 0 && (d->flags & SOCKOPT_ZERO) && sys_user_writable(optval, (size_t)len))
            memset(optval, 0, (size_t)len);
        if (level != SOL_SOCKET)
            *optlen = 0;
        return sockopt__end(b, WSAEFAULT, lpErrno);
    }
    if (d->shape == SOCKOPT_STRUCT) {
        if (!sys_user_writable(optval, d->size))
            return sockopt__end(b, WSAEFAULT, lpErrno);
        return sockopt__end(b, d->get_buf(b, d, optval, optlen), lpErrno);
    }

    /* The bytes written: see the shapes in sockopt.h. */
    int n = sizeof(int);
    if (d->shape == SOCKOPT_BYTE)
        n = 1;
    else if (d->shape == SOCKOPT_SOCK_BOOL)
        n = len < (int)sizeof(int) ? len : (int)sizeof(int);
    else if (d->shape == SOCKOPT_SMALL)
        n = len < (int)sizeof(int) ? 1 : (int)sizeof(int);
    if (!sys_user_writable(optval, (size_t)n))
        return sockopt__end(b, WSAEFAULT, lpErrno);
    int value = 0;
    error = d->get ? d->get(b, d, &value) : sockopt_linux_get(b, d, &value);
    if (error)
        return sockopt__end(b, error, lpErrno);
    if (d->shape == SOCKOPT_SOCK_BOOL || d->shape == SOCKOPT_BYTE || (d->flags & SOCKOPT_BOOL))
        value = value != 0;
    for (int i = 0; i < n; i++)
        optval[i] = (char)((uint32_t)value >> (8 * i));
    *optlen = d->shape == SOCKOPT_SOCK_BOOL && n < (int)sizeof(int) ? 1 : n;
    return sockopt__end(b, 0, lpErrno);
}
