/*
 * A datagram socket connected to a broadcast address without SO_BROADCAST.
 * Windows allows it (observed, Wine's test_broadcast): connect succeeds,
 * send() goes out, SO_BROADCAST still reads 0, and sendto() naming the
 * broadcast address is still refused.  Linux refuses the connect (EACCES)
 * and checks the option again when it sends, so while the socket is so
 * connected Linux's SO_BROADCAST is on ("forced"), the option's Windows
 * value is kept here, and sendto and WSASendMsg check their destination
 * themselves (sendto.md, WSAEACCES: "The requested address is a broadcast
 * address, but the appropriate flag was not set").
 */
#include <errno.h>

#include "providers/base/bsock.h"
#include "providers/base/sockopt.h"
#include "sys/sys.h"

static int broadcast__linux(struct bsock *b, int on)
{
    return sys_setsockopt(b->fd, SYS_SOL_SOCKET, SYS_SO_BROADCAST, &on, sizeof(on));
}

int base_broadcast_connect(struct bsock *b, const void *addr, uint32_t len)
{
    /* EACCES: Linux's SO_BROADCAST is off, so it is not forced and Windows' is off too. */
    if (broadcast__linux(b, 1) < 0)
        return -1;
    int r = sys_connect(b->fd, addr, len);
    int e = errno;
    if (r == 0) {
        pthread_mutex_lock(&b->lock);
        b->broadcast_forced = true;
        b->broadcast_on = false;
        pthread_mutex_unlock(&b->lock);
    } else {
        broadcast__linux(b, 0);
    }
    errno = e;
    return r;
}

void base_broadcast_unforce(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    bool forced = b->broadcast_forced, on = b->broadcast_on;
    b->broadcast_forced = false;
    pthread_mutex_unlock(&b->lock);
    if (forced)
        broadcast__linux(b, on);
}

int base_broadcast_check(struct bsock *b, const void *addr, uint32_t len)
{
    pthread_mutex_lock(&b->lock);
    bool check = b->broadcast_forced && !b->broadcast_on;
    pthread_mutex_unlock(&b->lock);
    return check && sys_is_broadcast(addr, len) ? WSAEACCES : 0;
}

int base_broadcast_get(struct bsock *b, const struct sockopt_desc *d, int *value)
{
    pthread_mutex_lock(&b->lock);
    bool forced = b->broadcast_forced;
    *value = b->broadcast_on;
    pthread_mutex_unlock(&b->lock);
    return forced ? 0 : sockopt_linux_get(b, d, value);
}

int base_broadcast_set(struct bsock *b, const struct sockopt_desc *d, int value)
{
    pthread_mutex_lock(&b->lock);
    b->broadcast_on = value != 0;
    bool forced = b->broadcast_forced;
    pthread_mutex_unlock(&b->lock);
    return sockopt_linux_set(b, d, value || forced);
}
