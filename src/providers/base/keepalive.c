/*
 * TCP keep-alive tuning: WSAIoctl(SIO_KEEPALIVE_VALS) and the IPPROTO_TCP
 * options TCP_KEEPALIVE (= TCP_KEEPIDLE), TCP_KEEPINTVL and TCP_KEEPCNT.
 *
 * Linux keeps the same three settings per socket (TCP_KEEPIDLE,
 * TCP_KEEPINTVL, TCP_KEEPCNT), so nothing is stored here: the values are
 * translated and handed to Linux, and getsockopt reads them back from it.
 * What differs is the option numbers (Windows' TCP_KEEPIDLE is 3, Linux's
 * 4), SIO_KEEPALIVE_VALS's units (milliseconds where Linux counts seconds)
 * and the ranges: Linux refuses more than 32767 seconds and more than 127
 * probes, which Windows accepts; such values are set to Linux's maximum.
 */
#include <errno.h>
#include <string.h>

#include <mstcpip.h>

#include "providers/base/base.h"
#include "sys/sys.h"
#include "sys/usermem.h"

/* Linux's limits (MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL, MAX_TCP_KEEPCNT in net/tcp.h). */
#define KEEPALIVE__MAX_SECONDS 32767
#define KEEPALIVE__MAX_PROBES  127

bool base_keepalive_option(int optname)
{
    return optname == TCP_KEEPALIVE || optname == TCP_KEEPINTVL || optname == TCP_KEEPCNT;
}

int base_keepalive_linux(int optname)
{
    switch (optname) {
    case TCP_KEEPINTVL: return SYS_TCP_KEEPINTVL;
    case TCP_KEEPCNT: return SYS_TCP_KEEPCNT;
    }
    return SYS_TCP_KEEPIDLE;
}

int base_keepalive_value(int optname, int value, int *linux_value)
{
    /* The options take a DWORD. */
    DWORD v = (DWORD)value;
    if (optname == TCP_KEEPCNT) {
        /* IPPROTO_TCP socket options: "It is illegal to set TCP_KEEPCNT to a value greater than
         * 255." */
        if (v > 255)
            return WSAEINVAL;
        *linux_value = v > KEEPALIVE__MAX_PROBES ? KEEPALIVE__MAX_PROBES : (int)v;
        return 0;
    }
    /* Seconds.  0 is refused by Linux (EINVAL), which becomes WSAEINVAL. */
    *linux_value = v > KEEPALIVE__MAX_SECONDS ? KEEPALIVE__MAX_SECONDS : (int)v;
    return 0;
}

/* Milliseconds to Linux's whole seconds, rounded up so that a time is never shortened. */
static int keepalive__seconds(ULONG ms)
{
    ULONG s = ms / 1000 + (ms % 1000 != 0);
    if (s < 1)
        return 1;
    return s > KEEPALIVE__MAX_SECONDS ? KEEPALIVE__MAX_SECONDS : (int)s;
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
        int idle = keepalive__seconds(ka.keepalivetime);
        int interval = keepalive__seconds(ka.keepaliveinterval);
        if (sys_setsockopt(b->fd, SYS_IPPROTO_TCP, SYS_TCP_KEEPIDLE, &idle, sizeof(idle)) < 0 ||
            sys_setsockopt(b->fd, SYS_IPPROTO_TCP, SYS_TCP_KEEPINTVL, &interval, sizeof(interval)) <
                0)
            return bsock_error(b, errno);
    }
    int on = ka.onoff != 0;
    if (sys_setsockopt(b->fd, SYS_SOL_SOCKET, SYS_SO_KEEPALIVE, &on, sizeof(on)) < 0)
        return bsock_error(b, errno);
    *returned = 0;
    return 0;
}
