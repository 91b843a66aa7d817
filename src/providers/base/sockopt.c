/*
 * WSPGetSockOpt and WSPSetSockOpt.  Winsock's options map onto Linux's where
 * the meaning is the same; the ones whose meaning differs are kept here:
 * the linger pair (closesocket applies it, see close.c), the millisecond
 * DWORD timeouts (our blocking waits apply them), SO_EXCLUSIVEADDRUSE, and
 * buffer sizes (Linux reports twice what was set).
 *
 * Argument rules, as Windows applies them: a missing optval or a length
 * shorter than the option → WSAEFAULT; BOOL options take any length from
 * 1 byte; SO_LINGER/SO_DONTLINGER on a datagram socket → WSAENOPROTOOPT;
 * an unknown level → WSAEINVAL; an unknown option → WSAENOPROTOOPT.  An
 * optval or optlen the kernel cannot read (or, for getsockopt, write) is
 * WSAEFAULT too: Windows probes them ("The optval parameter is not in a
 * valid part of the process address space"), so we ask the kernel before we
 * touch them (sys/usermem.h) instead of crashing.
 */
#include <errno.h>
#include <string.h>

#include <mstcpip.h>
#include <mswsock.h>

#include "providers/base/base.h"
#include "sys/sys.h"
#include "sys/usermem.h"

enum opt_kind { OPT_BOOL, OPT_INT, OPT_LINGER, OPT_PROTOCOL_INFOA, OPT_PROTOCOL_INFOW };

/* The size an option's value must have at least. */
static int sockopt__size(enum opt_kind kind)
{
    switch (kind) {
    case OPT_BOOL: return 1;
    case OPT_INT: return sizeof(int);
    case OPT_LINGER: return sizeof(LINGER);
    case OPT_PROTOCOL_INFOA: return sizeof(WSAPROTOCOL_INFOA);
    case OPT_PROTOCOL_INFOW: return sizeof(WSAPROTOCOL_INFOW);
    }
    return sizeof(int);
}

static int sockopt__kind(int level, int optname, enum opt_kind *kind)
{
    switch (level) {
    case SOL_SOCKET:
        switch (optname) {
        case SO_LINGER: *kind = OPT_LINGER; return 0;
        case SO_PROTOCOL_INFOA: *kind = OPT_PROTOCOL_INFOA; return 0;
        case SO_PROTOCOL_INFOW: *kind = OPT_PROTOCOL_INFOW; return 0;
        case SO_DONTLINGER:
        case SO_REUSEADDR:
        case SO_EXCLUSIVEADDRUSE:
        case SO_KEEPALIVE:
        case SO_BROADCAST:
        case SO_OOBINLINE:
        case SO_ACCEPTCONN:
        case SO_DEBUG:
        case SO_DONTROUTE: *kind = OPT_BOOL; return 0;
        case SO_RCVBUF:
        case SO_SNDBUF:
        case SO_RCVTIMEO:
        case SO_SNDTIMEO:
        case SO_ERROR:
        case SO_TYPE: *kind = OPT_INT; return 0;
        }
        return WSAENOPROTOOPT;
    case IPPROTO_TCP:
        if (optname == TCP_NODELAY) {
            *kind = OPT_BOOL;
            return 0;
        }
        if (base_keepalive_option(optname)) {
            *kind = OPT_INT;
            return 0;
        }
        return WSAENOPROTOOPT;
    case IPPROTO_IP:
        if (optname == IP_TTL) {
            *kind = OPT_INT;
            return 0;
        }
        return WSAENOPROTOOPT;
    case IPPROTO_IPV6:
        if (optname == IPV6_V6ONLY) {
            *kind = OPT_BOOL;
            return 0;
        }
        return WSAENOPROTOOPT;
    }
    return WSAEINVAL;
}

/* Options that only make sense for one kind of socket. */
static int sockopt__applies(struct bsock *b, int level, int optname)
{
    bool stream = b->type == SOCK_STREAM;
    if (level == SOL_SOCKET && (optname == SO_LINGER || optname == SO_DONTLINGER) && !stream)
        return WSAENOPROTOOPT;
    if (level == SOL_SOCKET && optname == SO_BROADCAST && stream)
        return WSAENOPROTOOPT;
    if (level == IPPROTO_TCP && !stream)
        return WSAENOPROTOOPT;
    if (level == IPPROTO_IPV6 && b->family != AF_INET6)
        return WSAEINVAL;
    return 0;
}

/* The Linux option for a Winsock one that Linux keeps itself, or -1. */
static int sockopt__linux(int level, int optname, int *linux_level)
{
    *linux_level = SYS_SOL_SOCKET;
    if (level == SOL_SOCKET) {
        switch (optname) {
        case SO_REUSEADDR: return SYS_SO_REUSEADDR;
        case SO_KEEPALIVE: return SYS_SO_KEEPALIVE;
        case SO_BROADCAST: return SYS_SO_BROADCAST;
        case SO_OOBINLINE: return SYS_SO_OOBINLINE;
        case SO_DONTROUTE: return SYS_SO_DONTROUTE;
        case SO_RCVBUF: return SYS_SO_RCVBUF;
        case SO_SNDBUF: return SYS_SO_SNDBUF;
        }
        return -1;
    }
    if (level == IPPROTO_TCP) {
        *linux_level = SYS_IPPROTO_TCP;
        return optname == TCP_NODELAY ? SYS_TCP_NODELAY : base_keepalive_linux(optname);
    }
    if (level == IPPROTO_IP) {
        *linux_level = SYS_IPPROTO_IP;
        return SYS_IP_TTL;
    }
    *linux_level = SYS_IPPROTO_IPV6;
    return SYS_IPV6_V6ONLY;
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

/*
 * Our closesocket applies the linger option itself (close.c), so Linux's
 * own SO_LINGER only matters when the descriptor is closed without us: at
 * process exit.  Windows then closes the handle with the socket's linger
 * option, so {1, 0} still resets; any other setting closes gracefully
 * without blocking the exit.  Linux is given exactly that: {1, 0} or off.
 * Socket's lock held.
 */
static void sockopt__mirror_linger_locked(struct bsock *b)
{
    if (b->type == SOCK_STREAM && b->fd >= 0)
        sys_set_linger(b->fd, b->linger_onoff && b->linger_seconds == 0, 0);
}

/* A change to an option kept in struct bsock, for bshare_set (every handle of a shared socket). */
struct sockopt_change {
    int optname; /* SOL_SOCKET */
    int value;
    LINGER linger;
};

/* The two address-sharing options exclude each other. */
static int sockopt__check(struct bsock *m, const void *arg)
{
    const struct sockopt_change *c = arg;
    if (c->optname == SO_EXCLUSIVEADDRUSE && c->value && m->reuse_addr)
        return WSAEINVAL;
    if (c->optname == SO_REUSEADDR && c->value && m->exclusive_addr)
        return WSAEINVAL;
    return 0;
}

static void sockopt__apply(struct bsock *m, const void *arg)
{
    const struct sockopt_change *c = arg;
    switch (c->optname) {
    case SO_LINGER:
        m->linger_onoff = c->linger.l_onoff;
        m->linger_seconds = c->linger.l_linger;
        sockopt__mirror_linger_locked(m);
        break;
    case SO_DONTLINGER:
        /* TRUE clears l_onoff; FALSE sets it and keeps the l_linger SO_LINGER gave. */
        m->linger_onoff = !c->value;
        sockopt__mirror_linger_locked(m);
        break;
    case SO_RCVTIMEO: m->rcvtimeo = (DWORD)c->value; break;
    case SO_SNDTIMEO: m->sndtimeo = (DWORD)c->value; break;
    case SO_EXCLUSIVEADDRUSE: m->exclusive_addr = c->value; break;
    case SO_REUSEADDR: m->reuse_addr = c->value; break;
    case SO_OOBINLINE: m->oob_inline = c->value; break;
    /*
     * Linux rounds buffer sizes to its own limits and reports twice what it
     * keeps; Windows reports what was set, so remember it.
     */
    case SO_RCVBUF: m->rcvbuf = c->value; break;
    case SO_SNDBUF: m->sndbuf = c->value; break;
    }
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
    enum opt_kind kind;
    int error = sockopt__kind(level, optname, &kind);
    if (!error)
        error = sockopt__applies(b, level, optname);
    if (error)
        return sockopt__end(b, error, lpErrno);
    /* The options that can only be read. */
    if (level == SOL_SOCKET &&
        (optname == SO_ERROR || optname == SO_TYPE || optname == SO_ACCEPTCONN ||
         kind == OPT_PROTOCOL_INFOA || kind == OPT_PROTOCOL_INFOW))
        return sockopt__end(b, WSAENOPROTOOPT, lpErrno);

    if (!optval || optlen < sockopt__size(kind))
        return sockopt__end(b, WSAEFAULT, lpErrno);
    /* What is read below: up to a BOOL's bytes for a BOOL, the option's size otherwise. */
    int reads = kind == OPT_BOOL ? (optlen < (int)sizeof(BOOL) ? optlen : (int)sizeof(BOOL))
                                 : sockopt__size(kind);
    if (!sys_user_readable(optval, (size_t)reads))
        return sockopt__end(b, WSAEFAULT, lpErrno);

    struct sockopt_change change = {.optname = optname};
    if (kind == OPT_LINGER) {
        memcpy(&change.linger, optval, sizeof(change.linger));
        return sockopt__end(b, bshare_set(b, NULL, sockopt__apply, &change), lpErrno);
    }

    /* A BOOL is true if any of the bytes given is non-zero (Windows reads as few as 1). */
    int value = 0;
    if (kind == OPT_BOOL) {
        for (int i = 0; i < optlen && i < (int)sizeof(BOOL); i++)
            value |= (unsigned char)optval[i];
        value = value != 0;
    } else {
        memcpy(&value, optval, sizeof(value));
    }
    change.value = value;

    if (level == SOL_SOCKET) {
        switch (optname) {
        case SO_DONTLINGER:
        case SO_RCVTIMEO:
        case SO_SNDTIMEO:
        case SO_EXCLUSIVEADDRUSE:
            /* Ours alone: Linux has no such option, or one with another meaning. */
            error = bshare_set(b, sockopt__check, sockopt__apply, &change);
            return sockopt__end(b, error, lpErrno);
        case SO_REUSEADDR:
        case SO_OOBINLINE:
            /* Kept by both: ours first, as SO_EXCLUSIVEADDRUSE may refuse it. */
            error = bshare_set(b, sockopt__check, sockopt__apply, &change);
            /* A stream socket's is applied by bind (sys_bind_stream), as Windows reads it there. */
            if (error || (optname == SO_REUSEADDR && b->type == SOCK_STREAM))
                return sockopt__end(b, error, lpErrno);
            break;
        case SO_DEBUG: return sockopt__end(b, 0, lpErrno);
        }
    }

    /* The keep-alive options' numbers and ranges are not Linux's (keepalive.c). */
    if (level == IPPROTO_TCP && base_keepalive_option(optname) &&
        (error = base_keepalive_value(optname, value, &value)) != 0)
        return sockopt__end(b, error, lpErrno);
    int linux_level, linux_name = sockopt__linux(level, optname, &linux_level);
    if (sys_setsockopt(b->fd, linux_level, linux_name, &value, sizeof(value)) < 0)
        error = base_error(errno);
    if (!error && level == SOL_SOCKET && (optname == SO_RCVBUF || optname == SO_SNDBUF))
        bshare_set(b, NULL, sockopt__apply, &change);
    return sockopt__end(b, error, lpErrno);
}

/* The pending error SO_ERROR reports (and clears), as a Winsock code. */
static int sockopt__pending_error(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    int error = b->connect_error;
    b->connect_error = 0;
    pthread_mutex_unlock(&b->lock);
    if (error)
        return error;
    /*
     * The system layer takes it, so that the connection's end stays
     * reported by later calls; a datagram socket's ICMP errors are for its
     * receives (recv.md, WSAECONNRESET) and stay there.
     */
    return base_error(sys_take_error(b->fd));
}

int WSPAPI base_WSPGetSockOpt(SOCKET s, int level, int optname, char *optval, LPINT optlen,
                              LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    enum opt_kind kind;
    int error = sockopt__kind(level, optname, &kind);
    if (!error)
        error = sockopt__applies(b, level, optname);
    if (error)
        return sockopt__end(b, error, lpErrno);
    if (!optval || !optlen || !sys_user_writable(optlen, sizeof(*optlen)) ||
        *optlen < sockopt__size(kind))
        return sockopt__end(b, WSAEFAULT, lpErrno);
    /* What is written below: a BOOL in as few bytes as were offered, the option's size otherwise.
     */
    int writes = kind == OPT_BOOL ? (*optlen < (int)sizeof(BOOL) ? *optlen : (int)sizeof(BOOL))
                                  : sockopt__size(kind);
    if (!sys_user_writable(optval, (size_t)writes))
        return sockopt__end(b, WSAEFAULT, lpErrno);

    if (kind == OPT_PROTOCOL_INFOW) {
        memcpy(optval, b->info, sizeof(WSAPROTOCOL_INFOW));
        *optlen = sizeof(WSAPROTOCOL_INFOW);
        return sockopt__end(b, 0, lpErrno);
    }
    if (kind == OPT_PROTOCOL_INFOA) {
        /* The A structure differs only in szProtocol's characters (ours are ASCII). */
        WSAPROTOCOL_INFOA *out = (WSAPROTOCOL_INFOA *)optval;
        memcpy(out, b->info, offsetof(WSAPROTOCOL_INFOW, szProtocol));
        for (size_t c = 0; c <= WSAPROTOCOL_LEN; c++)
            out->szProtocol[c] = (CHAR)b->info->szProtocol[c];
        *optlen = sizeof(WSAPROTOCOL_INFOA);
        return sockopt__end(b, 0, lpErrno);
    }

    if (kind == OPT_LINGER) {
        LINGER l;
        pthread_mutex_lock(&b->lock);
        l.l_onoff = b->linger_onoff;
        l.l_linger = b->linger_seconds;
        pthread_mutex_unlock(&b->lock);
        memcpy(optval, &l, sizeof(l));
        *optlen = sizeof(l);
        return sockopt__end(b, 0, lpErrno);
    }

    int value = 0;
    bool known = true;
    pthread_mutex_lock(&b->lock);
    if (level == SOL_SOCKET) {
        switch (optname) {
        case SO_DONTLINGER: value = !b->linger_onoff; break;
        case SO_RCVTIMEO: value = (int)b->rcvtimeo; break;
        case SO_SNDTIMEO: value = (int)b->sndtimeo; break;
        case SO_EXCLUSIVEADDRUSE: value = b->exclusive_addr; break;
        case SO_REUSEADDR: value = b->reuse_addr; break;
        case SO_ACCEPTCONN: value = b->listening; break;
        case SO_TYPE: value = b->type; break;
        case SO_RCVBUF: known = b->rcvbuf >= 0, value = b->rcvbuf; break;
        case SO_SNDBUF: known = b->sndbuf >= 0, value = b->sndbuf; break;
        case SO_DEBUG: value = 0; break;
        default: known = false;
        }
    } else {
        known = false;
    }
    pthread_mutex_unlock(&b->lock);

    if (level == SOL_SOCKET && optname == SO_ERROR) {
        value = sockopt__pending_error(b);
        known = true;
    }
    if (!known) {
        int linux_level, linux_name = sockopt__linux(level, optname, &linux_level);
        uint32_t len = sizeof(value);
        if (sys_getsockopt(b->fd, linux_level, linux_name, &value, &len) < 0)
            return sockopt__end(b, base_error(errno), lpErrno);
        /* Linux doubles buffer sizes for its bookkeeping and reports the doubled value. */
        if (level == SOL_SOCKET && (optname == SO_RCVBUF || optname == SO_SNDBUF))
            value /= 2;
        if (kind == OPT_BOOL)
            value = value != 0;
    }

    int size = kind == OPT_BOOL && *optlen < (int)sizeof(BOOL) ? *optlen : (int)sizeof(int);
    memcpy(optval, &value, size);
    *optlen = size;
    return sockopt__end(b, 0, lpErrno);
}
