/*
 * TCP keep-alive tuning: WSAIoctl(SIO_KEEPALIVE_VALS) and the IPPROTO_TCP
 * options TCP_KEEPALIVE (= TCP_KEEPIDLE, seconds), TCP_KEEPINTVL (seconds)
 * and TCP_KEEPCNT (probes).
 *
 * Linux keeps the same three settings per socket (TCP_KEEPIDLE,
 * TCP_KEEPINTVL, TCP_KEEPCNT) and applies them; what differs is the option
 * numbers (Windows' TCP_KEEPIDLE is 3, Linux's 4), SIO_KEEPALIVE_VALS's
 * units (milliseconds where Linux counts whole seconds), the ranges (Linux
 * refuses more than 32767 seconds and more than 127 probes, which Windows
 * accepts; such values are set to Linux's maximum) and the defaults: Windows
 * probes every second, 10 times ("TCP_KEEPINTVL ... default 1 second",
 * "TCP_KEEPCNT ... default 10" since Windows Vista), Linux every 75 s, 9
 * times.
 *
 * So the values last set are kept (struct bsock_rare), in milliseconds, and read
 * back from there: getsockopt(TCP_KEEPALIVE) after SIO_KEEPALIVE_VALS gives
 * its keepalivetime in seconds, as Windows' one setting behind both does;
 * a value never set reads as Windows' default.  When keep-alive is turned on,
 * the interval and count never set are given to Linux as Windows' defaults,
 * so that a dead peer is found as soon as on Windows.
 */
#include <errno.h>
#include <string.h>

#include <mstcpip.h>

#include "providers/base/sockopt.h"
#include "sys/sys.h"
#include "sys/usermem.h"

/* Linux's limits (MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL, MAX_TCP_KEEPCNT in net/tcp.h). */
#define KEEPALIVE__MAX_SECONDS 32767
#define KEEPALIVE__MAX_PROBES  127

/* Windows' defaults for the probes (the idle time is 2 hours on both systems). */
#define KEEPALIVE__DEFAULT_INTERVAL_MS 1000
#define KEEPALIVE__DEFAULT_COUNT       10

/* A time in milliseconds as Linux's whole seconds, rounded up so that no time is shortened. */
static int keepalive__seconds(DWORD ms)
{
    DWORD s = ms / 1000 + (ms % 1000 != 0);
    if (s < 1)
        return 1;
    return s > KEEPALIVE__MAX_SECONDS ? KEEPALIVE__MAX_SECONDS : (int)s;
}

static int keepalive__linux(struct bsock *b, int name, int value)
{
    if (sys_setsockopt(b->fd, SYS_IPPROTO_TCP, name, &value, sizeof(value)) < 0)
        return bsock_error(b, errno);
    return 0;
}

/* Seconds as kept milliseconds, saturated. */
static DWORD keepalive__ms(DWORD seconds)
{
    return seconds > 0xFFFFFFFFu / 1000 ? 0xFFFFFFFFu : seconds * 1000;
}

/*
 * A kept time in the options' seconds: whole seconds as set, a time that
 * SIO_KEEPALIVE_VALS gave in milliseconds rounded up as Linux applies it.
 */
static int keepalive__report(DWORD ms)
{
    return (int)(ms / 1000 + (ms % 1000 != 0));
}

void base_keepalive_enabled(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    const struct bsock_rare *r = bsock_rare_peek(b);
    bool interval = !r->ka_interval_set, count = !r->ka_count_set;
    pthread_mutex_unlock(&b->lock);
    /* Best effort: keep-alive is on whatever Linux says to the tuning. */
    if (interval)
        keepalive__linux(b, SYS_TCP_KEEPINTVL, keepalive__seconds(KEEPALIVE__DEFAULT_INTERVAL_MS));
    if (count)
        keepalive__linux(b, SYS_TCP_KEEPCNT, KEEPALIVE__DEFAULT_COUNT);
}

int base_keepalive_get(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    bool known = true;
    pthread_mutex_lock(&b->lock);
    const struct bsock_rare *r = bsock_rare_peek(b);
    switch (d->name) {
    case TCP_KEEPALIVE:
        known = r->ka_time_set;
        *value = keepalive__report(r->ka_time_ms);
        break;
    case TCP_KEEPINTVL:
        *value = keepalive__report(r->ka_interval_set ? r->ka_interval_ms
                                                      : KEEPALIVE__DEFAULT_INTERVAL_MS);
        break;
    default: *value = r->ka_count_set ? (int)r->ka_count : KEEPALIVE__DEFAULT_COUNT;
    }
    pthread_mutex_unlock(&b->lock);
    /* The idle time never set is the system's (2 hours unless changed): Linux's. */
    return known ? 0 : sockopt_linux_get(b, d, value);
}

int base_keepalive_set(struct bsock *b, const struct sockopt_desc *d, int value)
{
    /* The options take a DWORD. */
    DWORD v = (DWORD)value;
    int linux_value;
    if (d->name == TCP_KEEPCNT)
        linux_value = v > KEEPALIVE__MAX_PROBES ? KEEPALIVE__MAX_PROBES : (int)v;
    else
        linux_value = v > KEEPALIVE__MAX_SECONDS ? KEEPALIVE__MAX_SECONDS : (int)v;
    /* Where the value is kept, made first: nothing is changed without it. */
    int error = bsock_rare_ensure(b);
    /* 0 is refused by Linux (EINVAL), which becomes WSAEINVAL. */
    if (!error)
        error = keepalive__linux(b, d->lx_name, linux_value);
    if (error)
        return error;
    pthread_mutex_lock(&b->lock);
    struct bsock_rare *r = b->rare;
    switch (d->name) {
    case TCP_KEEPALIVE:
        r->ka_time_ms = keepalive__ms(v);
        r->ka_time_set = true;
        break;
    case TCP_KEEPINTVL:
        r->ka_interval_ms = keepalive__ms(v);
        r->ka_interval_set = true;
        break;
    default: r->ka_count = v, r->ka_count_set = true;
    }
    pthread_mutex_unlock(&b->lock);
    return 0;
}

/*
 * SIO_KEEPALIVE_VALS.  cbInBuffer "should equal to or greater than the size
 * of the tcp_keepalive structure", else WSAEFAULT ("the cbInBuffer ...
 * parameter is too small"); "if the onoff member is set to a nonzero value,
 * TCP keep-alive is enabled and the other members in the structure are
 * used" — with onoff 0 they are ignored and keep-alive is turned off.  The
 * control code belongs to TCP: "not supported by the transport provider"
 * (WSAEOPNOTSUPP) on a datagram socket.
 */
int base_keepalive_vals(struct bsock *b, const void *in, DWORD in_len, LPDWORD returned)
{
    if (!in || in_len < sizeof(struct tcp_keepalive) ||
        !sys_user_readable(in, sizeof(struct tcp_keepalive)))
        return WSAEFAULT;
    if (b->type != SOCK_STREAM)
        return WSAEOPNOTSUPP;
    struct tcp_keepalive ka;
    memcpy(&ka, in, sizeof(ka));
    if (ka.onoff) {
        /* Where the times are kept, made first: nothing is changed without it. */
        int error = bsock_rare_ensure(b);
        if (!error)
            error = keepalive__linux(b, SYS_TCP_KEEPIDLE, keepalive__seconds(ka.keepalivetime));
        if (!error)
            error =
                keepalive__linux(b, SYS_TCP_KEEPINTVL, keepalive__seconds(ka.keepaliveinterval));
        if (error)
            return error;
        pthread_mutex_lock(&b->lock);
        b->rare->ka_time_ms = ka.keepalivetime;
        b->rare->ka_interval_ms = ka.keepaliveinterval;
        b->rare->ka_time_set = b->rare->ka_interval_set = true;
        pthread_mutex_unlock(&b->lock);
    }
    int on = ka.onoff != 0;
    if (sys_setsockopt(b->fd, SYS_SOL_SOCKET, SYS_SO_KEEPALIVE, &on, sizeof(on)) < 0)
        return bsock_error(b, errno);
    if (on)
        base_keepalive_enabled(b);
    *returned = 0;
    return 0;
}
