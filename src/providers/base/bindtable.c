/*
 * Windows' rules for sharing an address, among this process's sockets.
 *
 * Linux and Windows disagree about who may bind beside whom.  Linux lets a
 * socket bind a port in use only when both sockets set SO_REUSEADDR and the
 * first is not listening (or both set SO_REUSEPORT); a wildcard and a
 * specific address on one port conflict like two equal addresses.  Windows
 * decides by the table of "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE"
 * (the same table is in the WSK documentation, "Sharing Transport
 * Addresses"), whatever the first socket is doing: a specific address may
 * bind beside a wildcard one, with no option, and listen there; two sockets
 * with SO_REUSEADDR share an address, listening or not; and a refusal is
 * WSAEADDRINUSE ("INUSE") or WSAEACCES ("DENIED") as the table says.  Wine's
 * conformance tests, run on Windows 10 and 11, show the same (test_reuseaddr:
 * each order of wildcard and specific binds and listens, and the refusals
 * of an IPv6 dual-stack socket beside IPv4 ones).
 *
 * Linux sees only its own answer, for every process.  This table holds the
 * addresses of this process's bound sockets (the common case: a server and
 * its tests, or the several listeners of one server) and gives Windows'
 * answer among them before Linux is asked; where Windows lets them share and
 * Linux would not, SO_REUSEPORT is turned on for the sockets concerned, and
 * only then, so that any other process still meets Linux's refusal.  A
 * socket of another process is judged by Linux alone.  One lock covers the
 * look at the table, the Linux bind and the new entry, so that of two binds
 * racing for one address the second sees the first.
 *
 * Which listener takes a connection: Windows gives every connection for an
 * address that several SO_REUSEADDR sockets listen on to the first of them
 * (in the order they were bound) as long as it listens, then to the next
 * (Wine's test_reuseaddr: "The connection is delivered to the first
 * socket"); a specific address's listener takes the connections for that
 * address, the wildcard one the others.  Linux picks by the most specific
 * address too, but among SO_REUSEPORT listeners on one address it picks by
 * a hash of the connection, so each of them would get some: a steering
 * program (sys_steer_listeners) is attached to their group, naming the
 * first one's place in Linux's array, which is mirrored here (slot).
 */
#include "providers/base/bindtable.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sys/sys.h"
#include "sys/sys_bind.h"

/* The table's answers. */
enum { BT_OK, BT_INUSE, BT_DENIED };

/*
 * "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE", the table for Windows
 * Server 2003 and later.  Row: the second bind, column: the first, each
 * as mode * 2 + (specific address), modes in the order of SYS_BIND_*
 * (default, SO_REUSEADDR, SO_EXCLUSIVEADDRUSE).  "CHECK" (a security check
 * of the two sockets' owners) passes in one process, and is BT_OK.
 */
static const unsigned char bt__rules[6][6] = {
    /* default, wildcard */ {BT_INUSE, BT_OK, BT_INUSE, BT_OK, BT_INUSE, BT_OK},
    /* default, specific */ {BT_OK, BT_INUSE, BT_OK, BT_DENIED, BT_DENIED, BT_INUSE},
    /* SO_REUSEADDR, wildcard */ {BT_DENIED, BT_OK, BT_OK, BT_OK, BT_DENIED, BT_OK},
    /* SO_REUSEADDR, specific */ {BT_OK, BT_DENIED, BT_OK, BT_OK, BT_DENIED, BT_DENIED},
    /* SO_EXCLUSIVEADDRUSE, wildcard */
    {BT_INUSE, BT_INUSE, BT_INUSE, BT_INUSE, BT_INUSE, BT_INUSE},
    /* SO_EXCLUSIVEADDRUSE, specific */ {BT_OK, BT_INUSE, BT_OK, BT_INUSE, BT_DENIED, BT_INUSE},
};

struct bt_entry {
    struct bt_entry *next;
    const struct bsock *b;
    int fd;
    short type;
    int sharing;           /* SYS_BIND_* */
    unsigned char port[2]; /* network order */
    /*
     * The address as Windows compares it: an IPv4 address (of an IPv4
     * socket, or IPv4-mapped on an IPv6 one), or an IPv6 address; dual is
     * an IPv6 socket on in6addr_any that also takes IPv4 (IPV6_V6ONLY off).
     */
    bool v4, dual, v6only;
    unsigned char addr[16]; /* 4 bytes for v4 */
    uint64_t seq;           /* bind order */
    /*
     * A bind to port 0 whose port Linux chooses later (port_later, see
     * bindtable_bind): the address it was given, for the bind that chooses
     * the port when something needs it before a connect (bindtable_settle).
     */
    bool port_later;
    /*
     * A connect has given the socket its port, which e->port does not hold
     * yet: it is asked (bt__learn_pending) when the table first compares
     * ports, not at every connect, where it would cost every ConnectEx a
     * getsockname.
     */
    bool port_pending;
    unsigned char sa[28]; /* a Linux sockaddr_in or sockaddr_in6 */
    uint32_t salen;
    bool listening;
    bool reuseport; /* we turned SO_REUSEPORT on */
    int slot;       /* its index in Linux's reuseport group, -1 if in none */
};

static pthread_mutex_t bt__lock = PTHREAD_MUTEX_INITIALIZER;
static struct bt_entry *bt__head;
static uint64_t bt__seq;

static bool bt__zero(const unsigned char *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i])
            return false;
    return true;
}

/* Fills e's address from a Linux sockaddr of family (Windows' AF_INET or AF_INET6). */
static void bt__address(struct bt_entry *e, int family, const unsigned char *sa)
{
    /* sin_port and sin6_port are both at offset 2; sin_addr at 4, sin6_addr at 8. */
    memcpy(e->port, sa + 2, 2);
    if (family == AF_INET) {
        e->v4 = true;
        memcpy(e->addr, sa + 4, 4);
        return;
    }
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(sa + 8, mapped, 12) == 0) {
        e->v4 = true;
        memcpy(e->addr, sa + 20, 4);
        return;
    }
    memcpy(e->addr, sa + 8, 16);
    e->dual = !e->v6only && bt__zero(e->addr, 16);
}

static int bt__rule(const struct bt_entry *first, bool first_wild, const struct bt_entry *second,
                    bool second_wild)
{
    return bt__rules[second->sharing * 2 + !second_wild][first->sharing * 2 + !first_wild];
}

/*
 * Windows' answer for n binding beside e (BT_*), and whether their
 * addresses overlap at all (Linux then needs persuading to share).
 */
static int bt__verdict(const struct bt_entry *e, const struct bt_entry *n, bool *overlap)
{
    *overlap = false;
    if (e->type != n->type || memcmp(e->port, n->port, 2) != 0)
        return BT_OK;
    size_t size = e->v4 ? 4 : 16;
    if (e->v4 == n->v4) {
        bool ew = bt__zero(e->addr, size), nw = bt__zero(n->addr, size);
        if (!ew && !nw && memcmp(e->addr, n->addr, size) != 0)
            return BT_OK;
        *overlap = true;
        return bt__rule(e, ew, n, nw);
    }
    /*
     * An IPv4 address beside a dual-stack IPv6 wildcard, observed (Wine's
     * test_reuseaddr with IPV6_V6ONLY off, and test_ipv6only): the two
     * share unless the dual-stack socket is exclusive; an exclusive one
     * refuses as an IPv4 wildcard would, except that a default second bind
     * on the IPv4 wildcard is WSAEACCES ("v6 any exclusive, then v4 any":
     * DENIED) rather than the table's INUSE.
     */
    if (e->dual && n->v4) {
        *overlap = true;
        if (e->sharing != SYS_BIND_EXCLUSIVE)
            return BT_OK;
        int v = bt__rule(e, true, n, bt__zero(n->addr, 4));
        return v == BT_INUSE && n->sharing != SYS_BIND_EXCLUSIVE ? BT_DENIED : v;
    }
    if (e->v4 && n->dual) {
        *overlap = true;
        return n->sharing == SYS_BIND_EXCLUSIVE ? bt__rule(e, bt__zero(e->addr, 4), n, true)
                                                : BT_OK;
    }
    return BT_OK;
}

/*
 * Whether e still stands for a bound socket.  Entries go when their socket
 * is released (bindtable_release); a socket made anew under the same
 * descriptor (DisconnectEx with TF_REUSE_SOCKET) is unbound, which this
 * notices.
 */
static bool bt__alive(const struct bt_entry *e)
{
    unsigned char sa[SYS_SOCKADDR_MAX];
    uint32_t len = sizeof(sa);
    return sys_getsockname(e->fd, sa, &len) == 0 && len >= 4 && memcmp(sa + 2, e->port, 2) == 0;
}

/* Whether a and b would be in one Linux reuseport group as listeners: the same exact address. */
static bool bt__same_group(const struct bt_entry *a, const struct bt_entry *b)
{
    return a->type == b->type && a->v4 == b->v4 && a->v6only == b->v6only &&
           memcmp(a->port, b->port, 2) == 0 && memcmp(a->addr, b->addr, 16) == 0;
}

/* The member of e's group that Windows gives connections to: the first bound. */
static struct bt_entry *bt__preferred(const struct bt_entry *e, const struct bt_entry *without)
{
    struct bt_entry *best = NULL;
    for (struct bt_entry *m = bt__head; m; m = m->next)
        if (m != without && m->slot >= 0 && bt__same_group(m, e) && (!best || m->seq < best->seq))
            best = m;
    return best;
}

/* How many are in e's group. */
static int bt__members(const struct bt_entry *e)
{
    int n = 0;
    for (struct bt_entry *m = bt__head; m; m = m->next)
        n += m->slot >= 0 && bt__same_group(m, e);
    return n;
}

/* Points e's group's connections at its first-bound member. */
static void bt__steer(const struct bt_entry *e)
{
    if (bt__members(e) < 2)
        return;
    struct bt_entry *p = bt__preferred(e, NULL);
    sys_steer_listeners(p->fd, (unsigned)p->slot);
}

/*
 * e leaves its group, as Linux does it: the last member takes its place.
 * Then the group's first member is steered to again.
 */
static void bt__leave(struct bt_entry *e)
{
    if (e->slot < 0)
        return;
    struct bt_entry *last = NULL;
    for (struct bt_entry *m = bt__head; m; m = m->next)
        if (m->slot >= 0 && bt__same_group(m, e) && (!last || m->slot > last->slot))
            last = m;
    if (last != e)
        last->slot = e->slot;
    e->slot = -1;
    bt__steer(e);
}

static void bt__unlink(struct bt_entry *e)
{
    bt__leave(e);
    for (struct bt_entry **p = &bt__head; *p; p = &(*p)->next) {
        if (*p == e) {
            *p = e->next;
            break;
        }
    }
    free(e);
}

static struct bt_entry *bt__find(const struct bsock *b)
{
    for (struct bt_entry *e = bt__head; e; e = e->next)
        if (e->b == b)
            return e;
    return NULL;
}

/*
 * Turns SO_REUSEPORT on for n and every socket of the table whose address
 * overlaps n's and that Windows lets n share with: any, once n is bound
 * (bound), as the table let the later of each two in.
 */
static void bt__share(struct bt_entry *n, bool bound)
{
    for (struct bt_entry *e = bt__head; e; e = e->next) {
        bool overlap;
        int verdict = e != n ? bt__verdict(e, n, &overlap) : BT_INUSE;
        if (e != n && (bound || verdict == BT_OK) && overlap && !e->reuseport) {
            sys_set_reuseport(e->fd, 1);
            e->reuseport = true;
        }
    }
    sys_set_reuseport(n->fd, 1);
    n->reuseport = true;
}

static int bt__linux_bind(struct bsock *b, const void *addr, uint32_t len, int sharing)
{
    /*
     * A stream socket binds with Windows' port-sharing rules (TIME_WAIT does
     * not keep a port; live sockets do); a datagram socket's SO_REUSEADDR is
     * Linux's own (sockopt.c passes it on).
     */
    return b->type == SOCK_STREAM ? sys_bind_stream(b->fd, addr, len, sharing)
                                  : sys_bind(b->fd, addr, len);
}

/* The port Linux reports for e's socket now, into e (network order). */
static void bt__learn_port(struct bt_entry *e)
{
    unsigned char sa[SYS_SOCKADDR_MAX];
    uint32_t salen = sizeof(sa);
    if (sys_getsockname(e->fd, sa, &salen) == 0 && salen >= 4)
        memcpy(e->port, sa + 2, 2);
    e->port_pending = false;
}

/*
 * Learns the ports connects have given since (port_pending), before the
 * table compares ports.  Linux goes on reporting a connect's port after the
 * attempt has failed, so learning it late gives what learning it at once
 * gave.  bt__lock held.
 */
static void bt__learn_pending(void)
{
    for (struct bt_entry *e = bt__head; e; e = e->next)
        if (e->port_pending)
            bt__learn_port(e);
}

int bindtable_bind(struct bsock *b, const void *addr, uint32_t len, int sharing, bool *port_later)
{
    struct bt_entry *n = calloc(1, sizeof(*n));
    if (!n)
        return WSAENOBUFS;
    /*
     * A TCP socket bound to port 0 gets its port from its connect, as one
     * that connects unbound does (SYS_BIND_PORT_LATER): Linux's bind would
     * search the ephemeral range for a port no socket holds, TIME_WAIT
     * included, which is slow when many connections have just closed,
     * while a connect may take a port another connection to a different
     * peer holds.  Whatever needs the port earlier (getsockname, listen,
     * WSADuplicateSocket) binds it then (bindtable_settle), and a connect
     * records it here, so the port is there whenever a program looks.  One
     * thing differs: two connections to different peers may then share a
     * local port (IP_BIND_ADDRESS_NO_PORT(2const): "sharing a source port
     * as long as the 4-tuple is unique"), where bind.md promises bind(0)
     * "a unique port" (README, "Binding a port"); so a socket that asked
     * for its port exclusively (SO_EXCLUSIVEADDRUSE) binds it at once.
     */
    *port_later = b->type == SOCK_STREAM && (b->family == AF_INET || b->family == AF_INET6) &&
                  sharing != SYS_BIND_EXCLUSIVE && len <= sizeof(n->sa) &&
                  bt__zero((const unsigned char *)addr + 2, 2);
    if (*port_later) {
        n->port_later = true;
        memcpy(n->sa, addr, len);
        n->salen = len;
    }
    n->b = b;
    n->fd = b->fd;
    n->type = b->type;
    n->sharing = sharing;
    n->slot = -1;
    if (b->family == AF_INET6) {
        int v6only = 1;
        uint32_t size = sizeof(v6only);
        sys_getsockopt(b->fd, SYS_IPPROTO_IPV6, SYS_IPV6_V6ONLY, &v6only, &size);
        n->v6only = v6only != 0;
    }
    bt__address(n, b->family, addr);

    pthread_mutex_lock(&bt__lock);
    struct bt_entry *old = bt__find(b);
    if (old)
        bt__unlink(old); /* its socket was made anew (TF_REUSE_SOCKET) */
    int verdict = BT_OK;
    bool sharers = false;
    if (!bt__zero(n->port, 2)) {
        bt__learn_pending();
        for (struct bt_entry *e = bt__head, *next; e && verdict == BT_OK; e = next) {
            next = e->next;
            if (e->type != n->type || memcmp(e->port, n->port, 2) != 0)
                continue;
            if (!bt__alive(e)) {
                bt__unlink(e);
                continue;
            }
            bool overlap;
            verdict = bt__verdict(e, n, &overlap);
            sharers |= overlap;
        }
    }
    int error = verdict == BT_INUSE ? WSAEADDRINUSE : verdict == BT_DENIED ? WSAEACCES : 0;
    if (!error) {
        int r = bt__linux_bind(b, addr, len, sharing | (*port_later ? SYS_BIND_PORT_LATER : 0));
        if (r < 0 && errno == EADDRINUSE && sharers) {
            /* Windows lets them share: so must Linux (bt__share compares every entry's port). */
            bt__share(n, false);
            r = bt__linux_bind(b, addr, len, sharing);
            if (r < 0) {
                int e = errno;
                sys_set_reuseport(b->fd, 0);
                n->reuseport = false;
                errno = e;
            }
        }
        if (r < 0) {
            error = bsock_error(b, errno);
            /*
             * Another process's socket is in the way, or a socket Linux
             * still holds: "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE"
             * answers a SO_REUSEADDR bind that may not share with
             * WSAEACCES ("DENIED" in its table), one without it with
             * WSAEADDRINUSE.
             */
            if (error == WSAEADDRINUSE && sharing == SYS_BIND_SHARED)
                error = WSAEACCES;
        }
    }
    if (!error && bt__zero(n->port, 2) && !*port_later)
        bt__learn_port(n); /* an ephemeral port: the table keeps the one Linux chose */
    /* A socket closed meanwhile has had its release (bindtable_release): it stays out. */
    if (!error && !atomic_load(&b->closing)) {
        n->seq = ++bt__seq;
        n->next = bt__head;
        bt__head = n;
    } else {
        free(n);
    }
    pthread_mutex_unlock(&bt__lock);
    return error;
}

void bindtable_connecting(struct bsock *b)
{
    pthread_mutex_lock(&bt__lock);
    struct bt_entry *e = bt__find(b);
    if (e && e->port_later)
        e->port_pending = true;
    pthread_mutex_unlock(&bt__lock);
}

int bindtable_settle(struct bsock *b)
{
    int error = 0;
    pthread_mutex_lock(&bt__lock);
    struct bt_entry *e = bt__find(b);
    if (e && e->port_pending)
        bt__learn_port(e);
    if (e && e->port_later) {
        unsigned char sa[sizeof(e->sa)];
        memcpy(sa, e->sa, e->salen);
        /*
         * A connect that failed took a port, which Linux let go of when the
         * attempt ended (it still reports it): the socket takes it back, as
         * a Windows socket stays bound to its port.  Otherwise (never
         * connected, or taken meanwhile) Linux chooses one now.
         */
        memcpy(sa + 2, e->port, 2);
        int r = sys_bind_stream(b->fd, sa, e->salen, e->sharing);
        if (r < 0 && errno == EADDRINUSE && !bt__zero(sa + 2, 2)) {
            memset(sa + 2, 0, 2);
            r = sys_bind_stream(b->fd, sa, e->salen, e->sharing);
        }
        /* EINVAL: a connect in another thread has given it a port meanwhile. */
        if (r < 0 && errno != EINVAL) {
            error = bsock_error(b, errno);
        } else {
            e->port_later = false;
            bt__learn_port(e);
        }
    }
    pthread_mutex_unlock(&bt__lock);
    return error;
}

int bindtable_listen(struct bsock *b, int backlog)
{
    pthread_mutex_lock(&bt__lock);
    struct bt_entry *n = bt__find(b);
    int r = sys_listen(b->fd, backlog);
    if (r < 0 && errno == EADDRINUSE && n) {
        bt__learn_pending();
        /*
         * A listener shares its address with this process's sockets that
         * bind let it share (two SO_REUSEADDR sockets: Linux refuses the
         * second listener unless both have SO_REUSEPORT).
         */
        bool sharers = false;
        for (struct bt_entry *e = bt__head; e && !sharers; e = e->next) {
            bool overlap;
            bt__verdict(e, n, &overlap);
            sharers = e != n && overlap;
        }
        if (sharers) {
            bt__share(n, true);
            r = sys_listen(b->fd, backlog);
        }
    }
    if (r == 0 && n && !n->listening) {
        int e = errno;
        n->listening = true;
        if (n->reuseport && n->type == SOCK_STREAM) {
            /*
             * Linux put it in the group of the listeners on its exact
             * address that have SO_REUSEPORT, at the end, making the group
             * first if a listener there had none yet (it took SO_REUSEPORT
             * after it started listening): that one comes first.
             */
            int count = 0;
            struct bt_entry *lone = NULL;
            for (struct bt_entry *m = bt__head; m; m = m->next) {
                if (m == n || !m->listening || !m->reuseport || !bt__same_group(m, n))
                    continue;
                if (m->slot >= 0)
                    count++;
                else
                    lone = m;
            }
            if (lone && count == 0)
                lone->slot = count++;
            n->slot = count;
            bt__steer(n);
        }
        errno = e;
    }
    pthread_mutex_unlock(&bt__lock);
    return r;
}

void bindtable_release(struct bsock *b, bool last)
{
    pthread_mutex_lock(&bt__lock);
    struct bt_entry *e = bt__find(b);
    if (e && e->slot >= 0 && last && bt__members(e) >= 2) {
        /*
         * A listener of a group closes: until Linux has taken it out,
         * connections still go by the old index.  Steered first to where the
         * next one is now, taken out (a listener that shuts down its
         * receiving side stops listening), then steered to where it is
         * after Linux's move.
         */
        struct bt_entry *next = bt__preferred(e, e);
        sys_steer_listeners(next->fd, (unsigned)next->slot);
        sys_shutdown(e->fd, SYS_SHUT_RD);
    }
    if (e)
        bt__unlink(e);
    pthread_mutex_unlock(&bt__lock);
}
