/*
 * The SOL_SOCKET, IPPROTO_TCP and IPPROTO_UDP options (the rules they share
 * are in sockopt.c, the shapes in sockopt.h).
 *
 * Winsock's options map onto Linux's where the meaning is the same; the ones
 * whose meaning differs are kept in struct bsock (SO_EXCLUSIVEADDRUSE) or,
 * as most sockets never set them, struct bsock_rare: the linger pair
 * (closesocket applies it, see close.c), the millisecond DWORD timeouts (our
 * blocking waits apply them), buffer sizes (Linux reports twice what was
 * set), and the options Linux has no counterpart for.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <mstcpip.h>
#include <mswsock.h>

#include "providers/base/sockopt.h"
#include "sys/sys.h"
#include "sys/sys_sockopt.h"
#include "sys/usermem.h"

/*
 * Our closesocket applies the linger option itself (close.c), so Linux's
 * own SO_LINGER only matters when the descriptor is closed without us: at
 * process exit.  Windows then closes the handle with the socket's linger
 * option, so {1, 0} still resets; any other setting closes gracefully
 * without blocking the exit.  Linux is given exactly that: {1, 0} or off.
 * Socket's lock held.
 */
static void sol__mirror_linger_locked(struct bsock *b)
{
    const struct bsock_rare *r = bsock_rare_peek(b);
    if (b->type == SOCK_STREAM && b->fd >= 0)
        sys_set_linger(b->fd, r->linger_onoff && r->linger_seconds == 0, 0);
}

/* A change to an option we keep, for bshare_set (every handle of a shared socket). */
struct sol_change {
    int optname; /* SOL_SOCKET */
    int value;
    LINGER linger;
};

/*
 * The two address-sharing options exclude each other.  The others are kept
 * in struct bsock_rare, made here (on every handle of a shared socket)
 * before anything is changed.
 */
static int sol__check(struct bsock *m, const void *arg)
{
    const struct sol_change *c = arg;
    if (c->optname == SO_EXCLUSIVEADDRUSE && c->value && m->reuse_addr)
        return WSAEINVAL;
    if (c->optname == SO_REUSEADDR && c->value && m->exclusive_addr)
        return WSAEINVAL;
    bool rare = c->optname != SO_EXCLUSIVEADDRUSE && c->optname != SO_REUSEADDR &&
                c->optname != SO_OOBINLINE;
    return rare && !bsock_rare_locked(m) ? WSAENOBUFS : 0;
}

static void sol__apply(struct bsock *m, const void *arg)
{
    const struct sol_change *c = arg;
    struct bsock_rare *r = m->rare; /* made by sol__check for the options kept there */
    switch (c->optname) {
    case SO_LINGER:
        /* l_onoff is kept as given: Windows reads back 0x100 after setting 0x100 (observed). */
        r->linger_onoff = c->linger.l_onoff;
        r->linger_seconds = c->linger.l_linger;
        sol__mirror_linger_locked(m);
        break;
    case SO_DONTLINGER:
        /* TRUE clears l_onoff; FALSE sets it and keeps the l_linger SO_LINGER gave. */
        r->linger_onoff = !c->value;
        sol__mirror_linger_locked(m);
        break;
    case SO_RCVTIMEO: r->rcvtimeo = (DWORD)c->value; break;
    case SO_SNDTIMEO: r->sndtimeo = (DWORD)c->value; break;
    case SO_EXCLUSIVEADDRUSE: m->exclusive_addr = c->value; break;
    case SO_REUSEADDR: m->reuse_addr = c->value; break;
    case SO_OOBINLINE:
        m->oob_inline = c->value;
        bsock_state_changed_locked(m); /* urgent data moves between select's sets */
        break;
    /*
     * Linux rounds buffer sizes to its own limits and reports twice what it
     * keeps; Windows reports what was set, so remember it.
     */
    case SO_RCVBUF: r->rcvbuf = c->value; break;
    case SO_SNDBUF: r->sndbuf = c->value; break;
    }
}

/* The options we keep (struct bsock, struct bsock_rare) for every handle of the socket. */
static int sol__set_shared(struct bsock *b, const struct sockopt_desc *d, int value)
{
    struct sol_change change = {.optname = d->name, .value = value};
    if (d->name == SO_RCVBUF || d->name == SO_SNDBUF) {
        /*
         * Linux first: what it refuses is not remembered.  Where it is kept
         * is made before (struct bsock_rare), so that it is not for want of
         * memory either.
         */
        int error = bsock_rare_ensure(b);
        if (!error)
            error = sockopt_linux_set(b, d, value);
        return error ? error : bshare_set(b, sol__check, sol__apply, &change);
    }
    /* Ours first, as SO_EXCLUSIVEADDRUSE may refuse SO_REUSEADDR. */
    int error = bshare_set(b, sol__check, sol__apply, &change);
    if (error)
        return error;
    if (d->name == SO_OOBINLINE)
        return sockopt_linux_set(b, d, value);
    /* A stream socket's SO_REUSEADDR is applied by bind (sys_bind_stream), as Windows reads it. */
    if (d->name == SO_REUSEADDR && b->type != SOCK_STREAM)
        return sockopt_linux_set(b, d, value);
    return 0;
}

static int sol__get(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    bool from_linux = false;
    pthread_mutex_lock(&b->lock);
    const struct bsock_rare *r = bsock_rare_peek(b);
    switch (d->name) {
    case SO_DONTLINGER: *value = !r->linger_onoff; break;
    case SO_RCVTIMEO: *value = (int)r->rcvtimeo; break;
    case SO_SNDTIMEO: *value = (int)r->sndtimeo; break;
    case SO_EXCLUSIVEADDRUSE: *value = b->exclusive_addr; break;
    case SO_REUSEADDR: *value = b->reuse_addr; break;
    case SO_ACCEPTCONN: *value = b->listening; break;
    case SO_TYPE: *value = b->type; break;
    case SO_RCVBUF: from_linux = r->rcvbuf < 0, *value = r->rcvbuf; break;
    case SO_SNDBUF: from_linux = r->sndbuf < 0, *value = r->sndbuf; break;
    case SO_DEBUG: *value = r->opt_debug; break;
    case SO_CONDITIONAL_ACCEPT: *value = r->opt_conditional_accept; break;
    case SO_PORT_SCALABILITY: *value = r->opt_port_scalability; break;
    case SO_RANDOMIZE_PORT: *value = r->opt_randomize_port; break;
    case SO_REUSE_UNICASTPORT: *value = r->opt_reuse_unicastport; break;
    default: from_linux = true;
    }
    pthread_mutex_unlock(&b->lock);
    if (!from_linux)
        return 0;
    int error = sockopt_linux_get(b, d, value);
    /* Linux doubles buffer sizes for its bookkeeping and reports the doubled value. */
    if (!error && (d->name == SO_RCVBUF || d->name == SO_SNDBUF))
        *value /= 2;
    return error;
}

/*
 * Options Windows keeps and we have nothing to apply them to: SO_DEBUG,
 * SO_CONDITIONAL_ACCEPT (accept decisions are ours alone), and the port
 * allocation hints SO_PORT_SCALABILITY, SO_RANDOMIZE_PORT and
 * SO_REUSE_UNICASTPORT (Linux's own allocation applies).
 */
static int sol__set_kept(struct bsock *b, const struct sockopt_desc *d, int value)
{
    pthread_mutex_lock(&b->lock);
    struct bsock_rare *r = bsock_rare_locked(b);
    switch (r ? d->name : 0) {
    case SO_DEBUG: r->opt_debug = value; break;
    case SO_CONDITIONAL_ACCEPT: r->opt_conditional_accept = value; break;
    case SO_PORT_SCALABILITY: r->opt_port_scalability = value; break;
    case SO_RANDOMIZE_PORT: r->opt_randomize_port = value; break;
    case SO_REUSE_UNICASTPORT: r->opt_reuse_unicastport = value; break;
    }
    pthread_mutex_unlock(&b->lock);
    return r ? 0 : WSAENOBUFS;
}

static int sol__set_keepalive(struct bsock *b, const struct sockopt_desc *d, int value)
{
    int error = sockopt_linux_set(b, d, value);
    if (!error && value && b->type == SOCK_STREAM)
        base_keepalive_enabled(b);
    return error;
}

/* SO_LINGER: a LINGER. */
static int sol__set_linger(struct bsock *b, const struct sockopt_desc *d, const char *optval,
                           int optlen)
{
    (void)optlen;
    struct sol_change change = {.optname = d->name};
    memcpy(&change.linger, optval, sizeof(change.linger));
    return bshare_set(b, sol__check, sol__apply, &change);
}

static int sol__get_linger(struct bsock *b, const struct sockopt_desc *d, char *optval,
                           LPINT optlen)
{
    (void)d;
    LINGER l;
    pthread_mutex_lock(&b->lock);
    l.l_onoff = bsock_rare_peek(b)->linger_onoff;
    l.l_linger = bsock_rare_peek(b)->linger_seconds;
    pthread_mutex_unlock(&b->lock);
    memcpy(optval, &l, sizeof(l));
    *optlen = sizeof(l);
    return 0;
}

/*
 * SO_ERROR "Retrieves error status and clear"; Windows also lets it be set
 * (observed: setsockopt(SO_ERROR, 1234) succeeds and the next getsockopt
 * reports 1234).  A failed non-blocking connect is not cleared by the read:
 * Windows reports WSAECONNREFUSED at every read until a connect succeeds
 * (observed, Wine's test_select; see connect_error in base.h).
 */
static int sol__set_error(struct bsock *b, const struct sockopt_desc *d, int value)
{
    (void)d;
    pthread_mutex_lock(&b->lock);
    struct bsock_rare *r = bsock_rare_locked(b);
    if (r)
        r->set_error = value;
    pthread_mutex_unlock(&b->lock);
    return r ? 0 : WSAENOBUFS;
}

static int sol__get_error(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    (void)d;
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    int set_error = bsock_rare_peek(b)->set_error;
    int error = set_error ? set_error : b->connect_error;
    if (set_error)
        b->rare->set_error = 0;
    b->connect_error_fresh = false; /* reported: connect() starts a new attempt (connect.c) */
    pthread_mutex_unlock(&b->lock);
    /*
     * The system layer takes it, so that the connection's end stays
     * reported by later calls; a datagram socket's ICMP errors are for its
     * receives (recv.md, WSAECONNRESET) and stay there.
     */
    *value = error ? error : base_error(sys_take_error(b->fd));
    return 0;
}

/*
 * SO_MAX_MSG_SIZE: "the maximum outbound message size for message-oriented
 * sockets": a UDP datagram's largest payload, 65507 over IPv4 (observed)
 * and 65527 over IPv6 (no IP header inside the payload length).  It "has no
 * meaning for stream-oriented sockets"; they report INT_MAX, any size.
 */
static int sol__get_max_msg(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    (void)d;
    if (b->type == SOCK_STREAM)
        *value = INT_MAX;
    else
        *value = b->family == AF_INET6 ? 65527 : 65507;
    return 0;
}

/*
 * SO_CONNECT_TIME "returns the number of seconds a socket has been
 * connected"; not connected (or not a connection-oriented socket) it is
 * 0xFFFFFFFF (AcceptEx.md).  The time is taken when the connection is seen
 * made (bsock.c); for a connection made on another path it is taken at the
 * first query, from Linux's time since the connection last received data:
 * exact for a connection that has received nothing yet (an AcceptEx
 * socket waiting for its first data, what servers poll this option for),
 * a lower bound otherwise.
 */
static int sol__get_connect_time(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    (void)d;
    int64_t now = sys_now_ns();
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    if (b->type != SOCK_STREAM || !b->connected) {
        *value = (int)0xFFFFFFFFu;
    } else {
        if (b->connected_ns == 0) {
            uint32_t quiet = 0;
            if (sys_tcp_quiet_ms(b->fd, &quiet) < 0)
                quiet = 0;
            b->connected_ns = now - (int64_t)quiet * 1000000;
        }
        *value = (int)((now - b->connected_ns) / 1000000000);
    }
    pthread_mutex_unlock(&b->lock);
    return 0;
}

/*
 * SO_PROTOCOL_INFOA/W: the catalog entry.  A buffer too small is WSAEFAULT
 * and reports the size needed; a larger one keeps its length (observed).
 */
static int sol__get_protocol_info(struct bsock *b, const struct sockopt_desc *d, char *optval,
                                  LPINT optlen)
{
    bool wide = d->name == SO_PROTOCOL_INFOW;
    int need = wide ? (int)sizeof(WSAPROTOCOL_INFOW) : (int)sizeof(WSAPROTOCOL_INFOA);
    if (*optlen < need) {
        *optlen = need;
        return WSAEFAULT;
    }
    if (!sys_user_writable(optval, (size_t)need))
        return WSAEFAULT;
    if (wide) {
        memcpy(optval, b->info, sizeof(WSAPROTOCOL_INFOW));
        return 0;
    }
    /* The A structure differs only in szProtocol's characters (ours are ASCII). */
    WSAPROTOCOL_INFOA a;
    memcpy(&a, b->info, offsetof(WSAPROTOCOL_INFOW, szProtocol));
    for (size_t c = 0; c <= WSAPROTOCOL_LEN; c++)
        a.szProtocol[c] = (CHAR)b->info->szProtocol[c];
    memcpy(optval, &a, sizeof(a));
    return 0;
}

/*
 * SO_BSP_STATE: a CSADDR_INFO followed by room for the two addresses it
 * points to (the buffer must hold both: exactly sizeof(CSADDR_INFO) plus two
 * sockaddr_in for IPv4, observed; one byte less is WSAEFAULT, and the
 * length is left as given).  An address the socket does not have yet (not
 * bound, not connected) is a NULL pointer and a length of 0.
 */
static int sol__get_bsp_state(struct bsock *b, const struct sockopt_desc *d, char *optval,
                              LPINT optlen)
{
    (void)d;
    int one = base_sockaddr_size(b->family);
    int need = (int)sizeof(CSADDR_INFO) + 2 * one;
    if (*optlen < need || !sys_user_writable(optval, (size_t)need))
        return WSAEFAULT;
    CSADDR_INFO info;
    memset(&info, 0, sizeof(info));
    char *addrs = optval + sizeof(CSADDR_INFO);
    memset(addrs, 0, (size_t)(2 * one));
    int len = one, ignored;
    if (base_WSPGetSockName(b->handle, (struct sockaddr *)addrs, &len, &ignored) == 0) {
        info.LocalAddr.lpSockaddr = (LPSOCKADDR)addrs;
        info.LocalAddr.iSockaddrLength = len;
    }
    len = one;
    if (base_WSPGetPeerName(b->handle, (struct sockaddr *)(addrs + one), &len, &ignored) == 0) {
        info.RemoteAddr.lpSockaddr = (LPSOCKADDR)(addrs + one);
        info.RemoteAddr.iSockaddrLength = len;
    }
    info.iSocketType = b->type;
    info.iProtocol = b->info->iProtocol;
    memcpy(optval, &info, sizeof(info));
    return 0;
}

#define L(level, name) .lx_level = (level), .lx_name = (name)

static const struct sockopt_desc sol__socket[] = {
    {SOL_SOCKET, SO_DEBUG, SOCKOPT_SOCK_BOOL, 0, 0, L(0, 0), sol__get, sol__set_kept, 0, 0},
    {SOL_SOCKET, SO_ACCEPTCONN, SOCKOPT_SOCK_BOOL, SOCKOPT_GET_ONLY, 0, L(0, 0), sol__get, 0, 0, 0},
    {SOL_SOCKET, SO_REUSEADDR, SOCKOPT_SOCK_BOOL, 0, 0, L(SYS_SOL_SOCKET, SYS_SO_REUSEADDR),
     sol__get, sol__set_shared, 0, 0},
    {SOL_SOCKET, SO_EXCLUSIVEADDRUSE, SOCKOPT_SOCK_BOOL, 0, 0, L(0, 0), sol__get, sol__set_shared,
     0, 0},
    {SOL_SOCKET, SO_KEEPALIVE, SOCKOPT_BYTE, SOCKOPT_BOOL, 0, L(SYS_SOL_SOCKET, SYS_SO_KEEPALIVE),
     0, sol__set_keepalive, 0, 0},
    {SOL_SOCKET, SO_DONTROUTE, SOCKOPT_BYTE, SOCKOPT_BOOL, 0, L(SYS_SOL_SOCKET, SYS_SO_DONTROUTE),
     0, 0, 0, 0},
    {SOL_SOCKET, SO_BROADCAST, SOCKOPT_SOCK_BOOL, SOCKOPT_DGRAM, 0,
     L(SYS_SOL_SOCKET, SYS_SO_BROADCAST), base_broadcast_get, base_broadcast_set, 0, 0},
    {SOL_SOCKET, SO_LINGER, SOCKOPT_STRUCT, SOCKOPT_STREAM | SOCKOPT_ZERO, sizeof(LINGER), L(0, 0),
     0, 0, sol__get_linger, sol__set_linger},
    {SOL_SOCKET, SO_DONTLINGER, SOCKOPT_SOCK_BOOL, SOCKOPT_STREAM, 0, L(0, 0), sol__get,
     sol__set_shared, 0, 0},
    {SOL_SOCKET, SO_OOBINLINE, SOCKOPT_SOCK_BOOL, 0, 0, L(SYS_SOL_SOCKET, SYS_SO_OOBINLINE), 0,
     sol__set_shared, 0, 0},
    {SOL_SOCKET, SO_SNDBUF, SOCKOPT_INT, SOCKOPT_ZERO, 0, L(SYS_SOL_SOCKET, SYS_SO_SNDBUF),
     sol__get, sol__set_shared, 0, 0},
    {SOL_SOCKET, SO_RCVBUF, SOCKOPT_INT, SOCKOPT_ZERO, 0, L(SYS_SOL_SOCKET, SYS_SO_RCVBUF),
     sol__get, sol__set_shared, 0, 0},
    {SOL_SOCKET, SO_SNDTIMEO, SOCKOPT_INT, 0, 0, L(0, 0), sol__get, sol__set_shared, 0, 0},
    {SOL_SOCKET, SO_RCVTIMEO, SOCKOPT_INT, 0, 0, L(0, 0), sol__get, sol__set_shared, 0, 0},
    {SOL_SOCKET, SO_ERROR, SOCKOPT_INT, 0, 0, L(0, 0), sol__get_error, sol__set_error, 0, 0},
    {SOL_SOCKET, SO_TYPE, SOCKOPT_INT, SOCKOPT_GET_ONLY, 0, L(0, 0), sol__get, 0, 0, 0},
    {SOL_SOCKET, SO_MAX_MSG_SIZE, SOCKOPT_INT, SOCKOPT_GET_ONLY, 0, L(0, 0), sol__get_max_msg, 0, 0,
     0},
    {SOL_SOCKET, SO_CONNECT_TIME, SOCKOPT_INT, SOCKOPT_GET_ONLY, 0, L(0, 0), sol__get_connect_time,
     0, 0, 0},
    {SOL_SOCKET, SO_PROTOCOL_INFOA, SOCKOPT_VAR, SOCKOPT_GET_ONLY, 0, L(0, 0), 0, 0,
     sol__get_protocol_info, 0},
    {SOL_SOCKET, SO_PROTOCOL_INFOW, SOCKOPT_VAR, SOCKOPT_GET_ONLY, 0, L(0, 0), 0, 0,
     sol__get_protocol_info, 0},
    {SOL_SOCKET, SO_BSP_STATE, SOCKOPT_VAR, SOCKOPT_GET_ONLY, 0, L(0, 0), 0, 0, sol__get_bsp_state,
     0},
    {SOL_SOCKET, SO_CONDITIONAL_ACCEPT, SOCKOPT_SOCK_BOOL, SOCKOPT_STREAM, 0, L(0, 0), sol__get,
     sol__set_kept, 0, 0},
    {SOL_SOCKET, SO_PORT_SCALABILITY, SOCKOPT_SOCK_BOOL, 0, 0, L(0, 0), sol__get, sol__set_kept, 0,
     0},
    {SOL_SOCKET, SO_RANDOMIZE_PORT, SOCKOPT_SOCK_BOOL, 0, 0, L(0, 0), sol__get, sol__set_kept, 0,
     0},
    {SOL_SOCKET, SO_REUSE_UNICASTPORT, SOCKOPT_SOCK_BOOL, 0, 0, L(0, 0), sol__get, sol__set_kept, 0,
     0},
    /* "DWORD(boolean)", for listening sockets (sockopt_tcp.c). */
    {SOL_SOCKET, SO_PAUSE_ACCEPT, SOCKOPT_INT, SOCKOPT_BOOL | SOCKOPT_STREAM, 0, L(0, 0),
     base_pause_accept_get, base_pause_accept_set, 0, 0},
};

static const struct sockopt_desc sol__tcp[] = {
    {IPPROTO_TCP, TCP_NODELAY, SOCKOPT_BYTE, SOCKOPT_BOOL, 0, L(SYS_IPPROTO_TCP, SYS_TCP_NODELAY),
     0, 0, 0, 0},
    {IPPROTO_TCP, TCP_KEEPALIVE, SOCKOPT_INT, 0, 0, L(SYS_IPPROTO_TCP, SYS_TCP_KEEPIDLE),
     base_keepalive_get, base_keepalive_set, 0, 0},
    {IPPROTO_TCP, TCP_KEEPINTVL, SOCKOPT_INT, 0, 0, L(SYS_IPPROTO_TCP, SYS_TCP_KEEPINTVL),
     base_keepalive_get, base_keepalive_set, 0, 0},
    /* IPPROTO_TCP socket options: "It is illegal to set TCP_KEEPCNT to a value greater than 255".
     */
    {IPPROTO_TCP, TCP_KEEPCNT, SOCKOPT_INT, SOCKOPT_MAX255, 0, L(SYS_IPPROTO_TCP, SYS_TCP_KEEPCNT),
     base_keepalive_get, base_keepalive_set, 0, 0},
    /* A DWORD of seconds (milliseconds), -1 for no timeout (sockopt_tcp.c). */
    {IPPROTO_TCP, TCP_MAXRT, SOCKOPT_INT, 0, 0, L(0, 0), base_tcp_maxrt_get, base_tcp_maxrt_set, 0,
     0},
    {IPPROTO_TCP, TCP_MAXRTMS, SOCKOPT_INT, 0, 0, L(0, 0), base_tcp_maxrt_get, base_tcp_maxrt_set,
     0, 0},
    /* "DWORD (Boolean)" (sockopt_tcp.c). */
    {IPPROTO_TCP, TCP_TIMESTAMPS, SOCKOPT_INT, SOCKOPT_BOOL, 0, L(0, 0), base_tcp_timestamps_get,
     base_tcp_timestamps_set, 0, 0},
};

static const struct sockopt_desc sol__udp[] = {
    /* UDP_NOCHECKSUM: "UDP datagrams are sent with the checksum of zero" (IPv4). */
    {IPPROTO_UDP, UDP_NOCHECKSUM, SOCKOPT_SMALL, SOCKOPT_BOOL, 0,
     L(SYS_SOL_SOCKET, SYS_SO_NO_CHECK), 0, 0, 0, 0},
};

#define FIND(table)                                                                                \
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)                                  \
        if (table[i].name == name)                                                                 \
            return &table[i];

const struct sockopt_desc *sockopt_sol_find(int level, int name)
{
    if (level == SOL_SOCKET) {
        FIND(sol__socket);
    } else if (level == IPPROTO_TCP) {
        FIND(sol__tcp);
    } else if (level == IPPROTO_UDP) {
        FIND(sol__udp);
    }
    return NULL;
}
