/*
 * The names of a socket's two ends, behind sys.h: Linux's getsockname and
 * getpeername, the peer a stream socket keeps after its connection ended,
 * and the local name of accepted connections.
 */
#include "sys/sys.h"
#include "sys/sys_facts.h"

#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int sys_getsockname(int fd, void *addr, uint32_t *len)
{
    socklen_t l = *len;
    int r = getsockname(fd, addr, &l);
    *len = l;
    return r;
}

int sys_getpeername(int fd, void *addr, uint32_t *len)
{
    socklen_t l = *len;
    int r = getpeername(fd, addr, &l);
    *len = l;
    return r;
}

int sys_getpeername_kept(int fd, void *addr, uint32_t *len)
{
    /*
     * SO_PEERNAME asks the protocol for the peer without getpeername's
     * check of the connection's state (Linux refuses getpeername in
     * TCP_CLOSE and TCP_SYN_SENT, yet keeps the remote address until the
     * socket is disconnected or a connect fails).  It takes a buffer no
     * larger than the address (EINVAL otherwise): an IPv6 size first, then
     * an IPv4 one.
     */
    static const socklen_t sizes[] = {sizeof(struct sockaddr_in6), sizeof(struct sockaddr_in)};
    for (unsigned i = 0; i < 2; i++) {
        socklen_t l = sizes[i];
        if (l > *len)
            continue;
        if (getsockopt(fd, SOL_SOCKET, SO_PEERNAME, addr, &l) == 0) {
            *len = l;
            return 0;
        }
        if (errno != EINVAL)
            return -1;
    }
    errno = EINVAL;
    return -1;
}

/*
 * The names of the listeners that listen on one address (not a wildcard):
 * every connection they accept has that name as its own local name (a TCP
 * listener bound to an address takes only connections to it), so AcceptEx,
 * which writes the local name of each connection into its buffer, needs no
 * getsockname per connection.  Few listeners per process: an array, looked
 * at under a lock.
 */
struct sys__named {
    int fd;
    socklen_t len;
    struct sockaddr_in6 addr; /* or a sockaddr_in */
};

static pthread_mutex_t sys__named_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sys__named *sys__named;
static unsigned sys__named_count, sys__named_cap;

/*
 * Whether a listener's name is what each of its connections will have: a
 * specific IPv4 address, or a specific IPv6 address without a scope (a
 * link-local one's connections name the interface each came in on).
 */
static bool sys__one_address(const struct sockaddr_in6 *name, socklen_t len)
{
    static const unsigned char zero[16];
    if (name->sin6_family == AF_INET && len == sizeof(struct sockaddr_in))
        return ((const struct sockaddr_in *)name)->sin_addr.s_addr != 0;
    if (name->sin6_family != AF_INET6 || len != sizeof(struct sockaddr_in6))
        return false;
    return name->sin6_scope_id == 0 && !IN6_IS_ADDR_LINKLOCAL(&name->sin6_addr) &&
           memcmp(&name->sin6_addr, zero, sizeof(zero)) != 0;
}

void sys_listener_named(int fd)
{
    if (sys_facts(fd) & SYS__NAMED)
        return; /* listen again: the name has not changed */
    struct sys__named n = {.fd = fd, .len = sizeof(n.addr)};
    if (getsockname(fd, (struct sockaddr *)&n.addr, &n.len) != 0 ||
        !sys__one_address(&n.addr, n.len))
        return;
    pthread_mutex_lock(&sys__named_lock);
    if (sys__named_count == sys__named_cap) {
        unsigned cap = sys__named_cap ? 2 * sys__named_cap : 8;
        struct sys__named *grown = realloc(sys__named, cap * sizeof(*grown));
        if (!grown) {
            pthread_mutex_unlock(&sys__named_lock);
            return; /* its connections' names are asked, as without the table */
        }
        sys__named = grown;
        sys__named_cap = cap;
    }
    sys__named[sys__named_count++] = n;
    sys_facts_change(fd, SYS__NAMED, 0);
    pthread_mutex_unlock(&sys__named_lock);
}

void sys_listener_forget(int fd)
{
    pthread_mutex_lock(&sys__named_lock);
    sys_facts_change(fd, 0, SYS__NAMED);
    for (unsigned i = 0; i < sys__named_count; i++) {
        if (sys__named[i].fd == fd) {
            sys__named[i] = sys__named[--sys__named_count];
            break;
        }
    }
    pthread_mutex_unlock(&sys__named_lock);
}

int sys_accepted_name(int listen_fd, int fd, void *addr, uint32_t *len)
{
    if (sys_facts(listen_fd) & SYS__NAMED) {
        bool found = false;
        pthread_mutex_lock(&sys__named_lock);
        for (unsigned i = 0; i < sys__named_count && !found; i++) {
            if (sys__named[i].fd == listen_fd && sys__named[i].len <= *len) {
                memcpy(addr, &sys__named[i].addr, sys__named[i].len);
                *len = sys__named[i].len;
                found = true;
            }
        }
        pthread_mutex_unlock(&sys__named_lock);
        if (found)
            return 0;
    }
    return sys_getsockname(fd, addr, len);
}
