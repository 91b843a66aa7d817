/*
 * Binding and listening: the address a socket takes, and Windows' rules for
 * sharing it.  Winsock's rules are applied where Linux's differ: listen
 * needs a bound socket (Linux binds implicitly), SOMAXCONN_HINT is
 * understood, and a port is shared as Windows shares it (see "Binding a
 * port" in the README).
 */
#include <errno.h>
#include <limits.h>

#include "providers/base/bindtable.h"
#include "providers/base/bsock.h"
#include "sys/sys.h"

static int bind__fail(struct bsock *b, LPINT lpErrno, int error)
{
    if (b)
        bsock_put(b);
    *lpErrno = error;
    return SOCKET_ERROR;
}

/* How bind shares the address, by the socket's options; b->lock held. */
static int bind__sharing_locked(struct bsock *b)
{
    return b->reuse_addr       ? SYS_BIND_SHARED
           : b->exclusive_addr ? SYS_BIND_EXCLUSIVE
                               : SYS_BIND_UNSHARED;
}

int WSPAPI base_WSPBind(SOCKET s, const struct sockaddr *name, int namelen, LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    unsigned char addr[SYS_SOCKADDR_MAX];
    uint32_t len;
    /* bind reports a wrong family as WSAEFAULT ("incorrect address format"). */
    if (base_sockaddr_to_linux(name, namelen, b->family, addr, &len) != 0)
        return bind__fail(b, lpErrno, WSAEFAULT);
    pthread_mutex_lock(&b->lock);
    bool bound = b->bound;
    int sharing = bind__sharing_locked(b);
    pthread_mutex_unlock(&b->lock);
    if (bound)
        return bind__fail(b, lpErrno, WSAEINVAL);
    bool later;
    int error = bindtable_bind(b, addr, len, sharing, &later);
    if (error)
        return bind__fail(b, lpErrno, error);
    pthread_mutex_lock(&b->lock);
    b->bound = true;
    b->port_later = later;
    pthread_mutex_unlock(&b->lock);
    bsock_put(b);
    return 0;
}

/*
 * bind.md: a bind to port 0 is given "a unique port", and "The application
 * can use getsockname after calling bind to learn the address and the port
 * that has been assigned to the socket": the port the bind left to the
 * connect (bindtable_bind) is chosen when it is needed first.  A socket a
 * connect has given a port, or that is connecting, has it already.
 */
int base_port_settle(struct bsock *b)
{
    pthread_mutex_lock(&b->lock);
    bool later = b->port_later && !b->connecting && !b->connected;
    pthread_mutex_unlock(&b->lock);
    if (!later)
        return 0;
    int error = bindtable_settle(b);
    if (!error) {
        pthread_mutex_lock(&b->lock);
        b->port_later = false;
        pthread_mutex_unlock(&b->lock);
    }
    return error;
}

/*
 * A socket whose connect failed may listen (observed, Wine's test_select:
 * listen succeeds, accept works, and SO_ERROR and select still report the
 * failed connect).  Linux refuses listen on a TCP socket that has tried to
 * connect, even after the attempt was cleared, so the socket is made anew
 * (as DisconnectEx's TF_REUSE_SOCKET makes it) and bound again to the
 * address it had.  IPV6_V6ONLY is carried over; the other Linux options
 * set on the old descriptor are not, the ones we keep (struct bsock and
 * struct bsock_rare) are.
 */
static int bind__renew_bound(struct bsock *b)
{
    unsigned char local[SYS_SOCKADDR_MAX];
    uint32_t len = sizeof(local);
    if (sys_getsockname(b->fd, local, &len) < 0)
        return bsock_error(b, errno);
    int v6only = 1;
    uint32_t size = sizeof(v6only);
    if (b->family == AF_INET6)
        sys_getsockopt(b->fd, SYS_IPPROTO_IPV6, SYS_IPV6_V6ONLY, &v6only, &size);
    pthread_mutex_lock(&b->lock);
    int connect_error = b->connect_error;
    pthread_mutex_unlock(&b->lock);
    int error = base_socket_renew(b);
    if (error)
        return error;
    if (b->family == AF_INET6 && !v6only) /* a dual-stack socket stays one */
        sys_setsockopt(b->fd, SYS_IPPROTO_IPV6, SYS_IPV6_V6ONLY, &v6only, sizeof(v6only));
    pthread_mutex_lock(&b->lock);
    b->connect_failed = true;
    b->connect_error = connect_error;
    int sharing = bind__sharing_locked(b);
    pthread_mutex_unlock(&b->lock);
    bool later;
    error = bindtable_bind(b, local, len, sharing, &later);
    if (error)
        return error;
    pthread_mutex_lock(&b->lock);
    b->bound = true;
    b->port_later = later; /* the failed connect had taken no port: listen gives it one */
    pthread_mutex_unlock(&b->lock);
    return 0;
}

int WSPAPI base_WSPListen(SOCKET s, int backlog, LPINT lpErrno)
{
    struct bsock *b = bsock_get(s, lpErrno);
    if (!b)
        return SOCKET_ERROR;
    if (b->type != SOCK_STREAM)
        return bind__fail(b, lpErrno, WSAEOPNOTSUPP);
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    int error = b->connected || b->connecting ? WSAEISCONN : !b->bound ? WSAEINVAL : 0;
    bool connect_failed = b->connect_failed;
    pthread_mutex_unlock(&b->lock);
    if (error)
        return bind__fail(b, lpErrno, error);
    if (connect_failed && b->family != AF_UNIX) {
        error = bind__renew_bound(b);
        if (error)
            return bind__fail(b, lpErrno, error);
    }
    /* A listener's port is its address: one bind left to the connect is chosen now. */
    error = base_port_settle(b);
    if (error)
        return bind__fail(b, lpErrno, error);
    /*
     * TCP_INQ on before Linux listens: every connection the listener makes
     * then has it on (Linux copies it), and an overlapped receive on an
     * accepted socket needs no setsockopt of its own (base.h, inq).
     */
    pthread_mutex_lock(&b->lock);
    if (b->inq == 0 && !b->listening && (b->family == AF_INET || b->family == AF_INET6))
        b->inq = sys_tcp_inq_enable(b->fd) == 0 ? BSOCK_INQ_LISTENER : -1;
    pthread_mutex_unlock(&b->lock);
    /*
     * listen.md: "If set to SOMAXCONN_HINT(N) (where N is a number), the
     * backlog value will be N, adjusted to be within the range (200, 65535)."
     * SOMAXCONN_HINT(N) is -N.
     */
    if (backlog < 0) {
        backlog = backlog == INT_MIN ? 65535 : -backlog;
        backlog = backlog < 200 ? 200 : backlog > 65535 ? 65535 : backlog;
    }
    if (bindtable_listen(b, backlog) < 0)
        return bind__fail(b, lpErrno, bsock_error(b, errno));
    pthread_mutex_lock(&b->lock);
    b->listening = true;
    bsock_state_changed_locked(b); /* a select waiting on it now waits for a connection */
    pthread_mutex_unlock(&b->lock);
    base_pause_accept_check(b);   /* SO_PAUSE_ACCEPT set before listen */
    bsock_network_reenable(b, 0); /* FD_ACCEPT for a connection that came before the line above */
    bsock_put(b);
    return 0;
}
