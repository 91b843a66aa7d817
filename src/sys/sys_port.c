/*
 * Binding, listening, accepting and connecting TCP sockets as Winsock does
 * (sys.h): Windows' rules for sharing a port and for TIME_WAIT given to
 * Linux as SO_REUSEADDR values, ports left to the connect, and the facts
 * (sys_facts.h) that spare system calls Linux would answer the same way
 * every time.
 */
#include "sys/sys.h"
#include "sys/ring_files.h"
#include "sys/sys_facts.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>

int sys_bind(int fd, const void *addr, uint32_t len)
{
    sys_facts_change(fd, 0, SYS__FRESH);
    return bind(fd, addr, len);
}

/* Whether addr is a wildcard address (0.0.0.0 or ::) with port 0. */
static bool sys__any_port_zero(const void *addr, uint32_t len)
{
    static const unsigned char zero[16];
    const struct sockaddr *sa = addr;
    if (len >= sizeof(struct sockaddr_in) && sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = addr;
        return in->sin_port == 0 && in->sin_addr.s_addr == 0;
    }
    if (len >= sizeof(struct sockaddr_in6) && sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = addr;
        return in6->sin6_port == 0 && memcmp(&in6->sin6_addr, zero, sizeof(zero)) == 0;
    }
    return false;
}

/* --- Sharing a port, and TIME_WAIT ----------------------------------------- */

static void sys__reuse(int fd, int on)
{
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
}

/*
 * Windows lets a socket bind a port whose old connections are in TIME_WAIT,
 * options or not (KB 307175; "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE":
 * only a connection that is still active keeps an exclusive port), while
 * live sockets on the port still refuse a second one.  Linux refuses both
 * unless the new socket and every socket in the way have SO_REUSEADDR — and
 * then allows sharing with any of them that is not listening.  Its check
 * covers every process, so the rules are given to it as SO_REUSEADDR values:
 *   - a socket that may not be shared (no SO_REUSEADDR of the application's,
 *     or SO_EXCLUSIVEADDRUSE) keeps SO_REUSEADDR off while it is open, so
 *     any bind over it fails (SYS__UNSHARED);
 *   - a listener has it on (sys_listen): Linux refuses any bind over a
 *     listener anyway, and the connections it accepts take the value, so
 *     that their TIME_WAIT, which inherits it, does not keep the port —
 *     except those of a SO_EXCLUSIVEADDRUSE listener, which keep the port
 *     while they are active ("cannot bind to the same port as the first
 *     socket until the original connection becomes inactive");
 *   - so has any socket from its close on (sys_socket_closing), unless it
 *     was duplicated (sys_dup_socket: one descriptor's close must not open
 *     the port under the others);
 *   - the bind is tried without SO_REUSEADDR first, so that Linux's bucket
 *     for a port that was free never counts as shareable (fastreuse), and
 *     with it only when the port is in use: that passes TIME_WAIT and
 *     sockets that allow sharing, and still fails on any listener and on
 *     every socket that keeps it off.
 * SYS_BIND_SHARED: the application set SO_REUSEADDR; then the option stays on.
 */
int sys_bind_stream(int fd, const void *addr, uint32_t len, int sharing)
{
    /*
     * SYS_BIND_PORT_LATER (sys.h): Linux takes the address only, and the
     * connect picks the port with the whole connection's addresses, as for
     * a socket that connects unbound.  A later bind gives the port now.
     */
    int later = (sharing & SYS_BIND_PORT_LATER) != 0, on = 1, off = 0;
    sharing &= ~SYS_BIND_PORT_LATER;
    uint32_t facts = sys_facts(fd);
    /*
     * The wildcard address with the port left to the connect is what an
     * unbound socket has: Linux's bind would record nothing (inet_bind
     * locks neither address nor port for it), so a socket still as made
     * skips it and its IP_BIND_ADDRESS_NO_PORT, two system calls of every
     * ConnectEx client, and stays fresh.  Its facts change as after the bind.
     */
    bool skip = later && (facts & SYS__FRESH) && sys__any_port_zero(addr, len);
    if (!skip)
        sys_facts_change(fd, 0, SYS__FRESH);
    if (!skip && (later || (facts & SYS__NO_PORT)))
        setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, later ? &on : &off, sizeof(on));
    if (sharing == SYS_BIND_SHARED) {
        sys__reuse(fd, 1);
        int r = skip ? 0 : bind(fd, addr, len);
        if (r == 0)
            sys_facts_change(fd, later ? SYS__NO_PORT : 0, later ? 0 : SYS__NO_PORT);
        return r;
    }
    int r = skip ? 0 : bind(fd, addr, len);
    if (r < 0 && errno == EADDRINUSE) {
        sys__reuse(fd, 1);
        r = bind(fd, addr, len);
        int e = errno;
        sys__reuse(fd, 0);
        errno = e;
    }
    if (r == 0)
        sys_facts_change(fd,
                         SYS__UNSHARED | (sharing == SYS_BIND_EXCLUSIVE ? SYS__EXCLUSIVE : 0) |
                             (later ? SYS__NO_PORT : 0),
                         later ? 0 : SYS__NO_PORT);
    return r;
}

/*
 * Linux checks the port again when a socket listens, and a listener may not
 * share it anyway: from now on it has SO_REUSEADDR on, which is what lets it
 * listen over TIME_WAIT, and what the connections it accepts take from it.
 */
int sys_listen(int fd, int backlog)
{
    sys_facts_change(fd, 0, SYS__FRESH);
    if (!(sys_facts(fd) & SYS__UNSHARED)) {
        int r = listen(fd, backlog);
        if (r == 0)
            sys_listener_named(fd);
        return r;
    }
    sys__reuse(fd, 1);
    int r = listen(fd, backlog);
    if (r == 0) {
        sys_facts_change(fd, 0, SYS__UNSHARED);
        sys_listener_named(fd);
    } else {
        int e = errno;
        sys__reuse(fd, 0);
        errno = e;
    }
    return r;
}

void sys_socket_closing(int fd)
{
    /* A port's ring holds the file while fd has a slot in its table (ring_files.h). */
    ring_files_release(fd);
    uint32_t facts = sys_facts(fd);
    if (facts & SYS__NAMED)
        sys_listener_forget(fd);
    if (facts & SYS__UNSHARED) {
        if (!(facts & SYS__ABORTIVE))
            sys__reuse(fd, 1);
        sys_facts_change(fd, 0, SYS__UNSHARED);
    }
}

int sys_accept(int fd, void *addr, uint32_t *len)
{
    socklen_t l = len ? *len : 0;
    int r = accept4(fd, addr, len ? &l : NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (r >= 0 && len)
        *len = l;
    if (r >= 0) {
        sys_facts_set(r, SYS__STREAM);
        if (sys_facts(fd) & SYS__EXCLUSIVE) {
            sys__reuse(r, 0); /* it took the listener's value */
            sys_facts_set(r, SYS__STREAM | SYS__UNSHARED);
        }
    }
    return r;
}

/*
 * A stream socket that connects unbound is bound by Linux to an ephemeral
 * port, with SO_REUSEADDR off: when it closes first, its TIME_WAIT would keep
 * the port from a later bind, which Windows allows (see "Sharing a port").
 * It is marked as a socket that may not be shared, so that, like one bound
 * by sys_bind_stream, it keeps SO_REUSEADDR off while open and turns it on
 * when it is closed (sys_socket_closing), which its TIME_WAIT inherits.
 */
int sys_connect(int fd, const void *addr, uint32_t len)
{
    uint32_t facts = sys_facts(fd);
    bool implicit = (facts & (SYS__FRESH | SYS__NO_PORT)) == SYS__FRESH;
    if (facts & SYS__FRESH)
        sys_facts_change(fd, 0, SYS__FRESH); /* bound by the connect from here on */
    else if ((facts & SYS__KIND) == SYS__STREAM && !(facts & (SYS__UNSHARED | SYS__NO_PORT))) {
        struct sockaddr_storage local;
        socklen_t l = sizeof(local);
        /* Both families keep the port at the same place (sin_port, sin6_port). */
        implicit = getsockname(fd, (struct sockaddr *)&local, &l) == 0 &&
                   ((struct sockaddr_in *)&local)->sin_port == 0;
    }
    int r = connect(fd, addr, len);
    /*
     * A non-blocking connect that failed stays "connecting" for Linux until
     * connect is called again, and that call only reports the failure
     * (ECONNABORTED once SO_ERROR has taken the error, inet_stream_connect)
     * and resets the socket.  Winsock lets a socket whose connect failed
     * connect again (WSAConnectByList tries one address after another with
     * ConnectEx): the new attempt is made then.
     */
    if (r < 0 && errno == ECONNABORTED)
        r = connect(fd, addr, len);
    if (implicit && (r == 0 || errno == EINPROGRESS)) {
        int e = errno;
        sys_facts_change(fd, SYS__UNSHARED, 0);
        errno = e;
    }
    return r;
}

int sys_set_linger(int fd, int onoff, int seconds)
{
    /*
     * A reset close sets {1, 0} that setsockopt mirrored already (the
     * application's SO_LINGER, sockopt_sol.c): it is not set twice.  A
     * socket accepted from a listener with SO_LINGER copies it without the
     * fact; it is then set again, as before.
     */
    bool abortive = onoff && seconds == 0;
    if (abortive && (sys_facts(fd) & SYS__ABORTIVE))
        return 0;
    struct linger l = {onoff, seconds};
    int r = setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    if (r == 0)
        sys_facts_change(fd, abortive ? SYS__ABORTIVE : 0, abortive ? 0 : SYS__ABORTIVE);
    return r;
}
