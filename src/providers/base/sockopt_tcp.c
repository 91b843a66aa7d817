/*
 * Options of TCP connections and listeners that Linux serves differently
 * from Windows: TCP_MAXRT and TCP_MAXRTMS (IPPROTO_TCP), TCP_TIMESTAMPS
 * (IPPROTO_TCP) and SO_PAUSE_ACCEPT (SOL_SOCKET).  The rules all options
 * share are in sockopt.c; the tables that name these handlers are in
 * sockopt_sol.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>

#include <mstcpip.h>

#include "providers/base/bsock.h"
#include "providers/base/sockopt.h"
#include "sys/sys.h"
#include "sys/sys_sockopt.h"

/*
 * TCP_MAXRT (IPPROTO_TCP socket options): "If this value is non-negative,
 * it represents the desired connection timeout in seconds. If it is -1, it
 * represents a request to disable connection timeout (i.e. the connection
 * will retransmit forever)."  TCP_MAXRTMS is the same in milliseconds.
 * Linux's TCP_USER_TIMEOUT is that timeout in milliseconds (0: the
 * system's retransmission count decides, as when the option was never
 * set).  "Forever" is the longest time Linux takes, INT_MAX milliseconds
 * (24.8 days), which reads back as -1; any other negative value is not a
 * timeout (WSAEINVAL).
 */
static int tcp__ms(const struct sockopt_desc *d, int value, int *ms)
{
    if (value == -1) {
        *ms = INT_MAX;
        return 0;
    }
    if (value < 0)
        return WSAEINVAL;
    if (d->name == TCP_MAXRTMS) {
        *ms = value;
        return 0;
    }
    *ms = value > INT_MAX / 1000 ? INT_MAX : value * 1000;
    return 0;
}

int base_tcp_maxrt_set(struct bsock *b, const struct sockopt_desc *d, int value)
{
    int ms;
    int error = tcp__ms(d, value, &ms);
    if (error)
        return error;
    if (sys_setsockopt(b->fd, SYS_IPPROTO_TCP, SYS_TCP_USER_TIMEOUT, &ms, sizeof(ms)) < 0)
        return bsock_error(b, errno);
    return 0;
}

int base_tcp_maxrt_get(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    int ms = 0;
    uint32_t len = sizeof(ms);
    if (sys_getsockopt(b->fd, SYS_IPPROTO_TCP, SYS_TCP_USER_TIMEOUT, &ms, &len) < 0)
        return bsock_error(b, errno);
    if (ms == INT_MAX)
        *value = -1;
    else if (d->name == TCP_MAXRTMS)
        *value = ms;
    else /* whole seconds, rounded up so that a time set in milliseconds never reads as 0 */
        *value = ms / 1000 + (ms % 1000 != 0);
    return 0;
}

/*
 * TCP_TIMESTAMPS: "Enables or disables RFC 1323 time stamps. Note that
 * there is also a global configuration for timestamps ... Setting this
 * socket option overrides that global configuration setting."  Linux has
 * the global setting (net.ipv4.tcp_timestamps, on by default) and no
 * per-socket one, so a socket cannot override it: setsockopt accepts the
 * request (a program that asks must not fail where Windows succeeds) and
 * getsockopt reports what applies — on a connection whether time stamps
 * were negotiated, otherwise the system's setting.
 */
int base_tcp_timestamps_set(struct bsock *b, const struct sockopt_desc *d, int value)
{
    (void)b, (void)d, (void)value;
    return 0;
}

int base_tcp_timestamps_get(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    (void)d;
    if (sys_tcp_timestamps(b->fd, value) < 0)
        return bsock_error(b, errno);
    return 0;
}

/*
 * SO_PAUSE_ACCEPT (SOL_SOCKET socket options): "Use this option for
 * listening sockets. When the option is set, the socket responds to all
 * incoming connections with an RST rather than accepting them."  Linux's
 * kernel completes the handshake of a listening socket by itself, so the
 * connections that arrive while the option is set are taken from the
 * queue and reset at once: the peer's connect may succeed before the reset
 * comes, where Windows refuses the SYN.  The I/O engine watches a paused
 * listener so that this happens without a call of the application's.
 */
int base_pause_accept_set(struct bsock *b, const struct sockopt_desc *d, int value)
{
    (void)d;
    pthread_mutex_lock(&b->lock);
    struct bsock_rare *r = bsock_rare_locked(b);
    if (r)
        r->opt_pause_accept = value != 0;
    pthread_mutex_unlock(&b->lock);
    if (!r)
        return WSAENOBUFS;
    base_pause_accept_check(b);
    return 0;
}

int base_pause_accept_get(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    (void)d;
    pthread_mutex_lock(&b->lock);
    *value = bsock_rare_peek(b)->opt_pause_accept;
    pthread_mutex_unlock(&b->lock);
    return 0;
}

void base_pause_accept_check(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    bool paused = bsock_rare_peek(b)->opt_pause_accept && b->listening;
    pthread_mutex_unlock(&b->lock);
    if (!paused)
        return;
    /* Best effort: without the engine, the connections are reset at the next look. */
    bsock_watch(b);
    pthread_mutex_lock(&b->lock);
    base_pause_accept_refuse_locked(b);
    pthread_mutex_unlock(&b->lock);
}

void base_pause_accept_refuse_locked(struct bsock *b)
{
    if (bsock_rare_peek(b)->opt_pause_accept && b->listening && b->fd >= 0 &&
        !atomic_load(&b->closing))
        sys_refuse_connections(b->fd);
}
