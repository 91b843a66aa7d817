/*
 * The controls that wait for a change, and the ideal send backlog:
 * SIO_ADDRESS_LIST_CHANGE, SIO_ROUTING_INTERFACE_CHANGE,
 * SIO_IDEAL_SEND_BACKLOG_QUERY and SIO_IDEAL_SEND_BACKLOG_CHANGE.
 *
 * Address and route changes come from one rtnetlink subscription for the
 * process (sys_ifwatch.h), opened by the first overlapped request and read
 * by the I/O engine's thread like a socket (cookie BOP_COOKIE_IFWATCH).
 * Each announcement moves a generation counter of its kind (addresses or
 * routes, IPv4 or IPv6); a pending request remembers the generation it was
 * issued at and completes when the counter has moved: each announcement
 * has every socket try its parked requests again.  The final WSPCleanup
 * closes the subscription (base_ifwatch_cleanup); the next request opens a
 * new one.  A blocking request waits on a subscription of its own.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <ws2tcpip.h>

#include "kernel/handle.h"
#include "kernel/ntstatus.h"
#include "providers/base/bsock.h"
#include "providers/base/ioctl.h"
#include "sys/engine.h"
#include "sys/sys.h"
#include "sys/sys_ifwatch.h"
#include "sys/usermem.h"

/* The kinds of change, in the order of the SYS_IFWATCH_* bits (kind k is bit 1 << k). */
enum { NOTIFY_ADDR4, NOTIFY_ADDR6, NOTIFY_ROUTE4, NOTIFY_ROUTE6, NOTIFY_KINDS };

static _Atomic uint64_t notify__gen[NOTIFY_KINDS];
static pthread_mutex_t notify__lock = PTHREAD_MUTEX_INITIALIZER;
static int notify__fd = -1; /* the process's subscription; guarded by notify__lock */

static int notify__kind(const struct bsock *b, bool route)
{
    return (route ? NOTIFY_ROUTE4 : NOTIFY_ADDR4) + (b->family == AF_INET6);
}

/* Opens the subscription if it is not open, and has the engine report it; 0 or an error. */
static int notify__ensure(void)
{
    /* Before notify__lock: the final WSPCleanup holds the startup lock when it takes ours. */
    if (!base_engine_ensure())
        return WSAENOBUFS;
    int error = 0;
    pthread_mutex_lock(&notify__lock);
    if (notify__fd < 0)
        notify__fd = sys_ifwatch_open(SYS_IFWATCH_ADDR4 | SYS_IFWATCH_ADDR6 | SYS_IFWATCH_ROUTE4 |
                                      SYS_IFWATCH_ROUTE6);
    /* Watching what is watched already does nothing (engine.h). */
    if (notify__fd < 0 || sys_engine_watch(notify__fd, BOP_COOKIE_IFWATCH, NULL, true) != 0)
        error = WSAENOBUFS;
    pthread_mutex_unlock(&notify__lock);
    return error;
}

static void notify__retry(uintptr_t h, struct kobj *obj, void *ctx)
{
    (void)ctx;
    if (!bsock_is(obj))
        return;
    int err;
    struct bsock *b = bsock_get((SOCKET)h, &err);
    if (!b)
        return; /* being closed: the close ends what it has pending */
    bop_retry_parked(b);
    bsock_network_reenable(b, 0); /* FD_ADDRESS_LIST_CHANGE, FD_ROUTING_INTERFACE_CHANGE */
    bsock_put(b);
}

void base_ifwatch_event(void)
{
    pthread_mutex_lock(&notify__lock);
    int fd = notify__fd;
    pthread_mutex_unlock(&notify__lock);
    /* The descriptor is closed only once the engine has stopped (base_ifwatch_cleanup). */
    unsigned changed = fd >= 0 ? sys_ifwatch_read(fd) : 0;
    for (int k = 0; k < NOTIFY_KINDS; k++)
        if (changed & (1u << k))
            atomic_fetch_add(&notify__gen[k], 1);
    if (changed)
        handle_for_each(KOBJ_SOCKET, notify__retry, NULL);
}

void base_ifwatch_cleanup(void)
{
    /* After sys_engine_stop, which dropped the registration. */
    pthread_mutex_lock(&notify__lock);
    if (notify__fd >= 0)
        sys_close(notify__fd);
    notify__fd = -1;
    pthread_mutex_unlock(&notify__lock);
}

uint64_t base_ifwatch_generation(const struct bsock *b, bool route)
{
    return atomic_load(&notify__gen[notify__kind(b, route)]);
}

bool base_ifwatch_moved(const struct bsock *b, bool route, uint64_t gen)
{
    return base_ifwatch_generation(b, route) != gen;
}

struct notify_wait {
    int kind;
    uint64_t gen;
};

static enum bop_step notify__change_step(struct bsock *b, struct bop *op, DWORD *status)
{
    (void)b;
    const struct notify_wait *w = bop_ext(op);
    if (atomic_load(&notify__gen[w->kind]) == w->gen)
        return BOP_AGAIN;
    *status = KSTATUS_SUCCESS;
    return BOP_DONE;
}

/* Sleeps on b until fd (-1: none) is readable or the deadline (-1: none) passes; 0 or WSAEINTR. */
static int notify__sleep(struct bsock *b, int fd, int64_t deadline, bool *readable)
{
    struct sys_pollfd fds[2] = {{0}, {.fd = fd, .events = SYS_POLLIN}};
    struct bsock *socks[1] = {b};
    int error = bsock_wait_many(socks, 1, fds, 2, deadline, NULL);
    *readable = !error && fds[1].revents != 0;
    return error;
}

/*
 * A blocking request: waits on a subscription of its own until a change of
 * its kind.  Closing the socket or the final WSACleanup ends the wait with
 * WSAEINTR, as for every blocking call; APCs run meanwhile.
 */
static int notify__block(struct bsock *b, int kind)
{
    int fd = sys_ifwatch_open(1u << kind);
    if (fd < 0)
        return WSAENOBUFS;
    int error;
    for (;;) {
        bool readable;
        error = notify__sleep(b, fd, -1, &readable);
        if (error || (readable && (sys_ifwatch_read(fd) & (1u << kind))))
            break;
    }
    sys_close(fd);
    return error;
}

/*
 * The non-blocking request without an OVERLAPPED: "it will complete
 * immediately with error WSAEWOULDBLOCK. The application can then wait for
 * address list change events through a call to WSAEventSelect or
 * WSAAsyncSelect with FD_ADDRESS_LIST_CHANGE bit set" (winsock-ioctls.md,
 * and likewise FD_ROUTING_INTERFACE_CHANGE).  WSAEventSelect.md: the event
 * is "posted exactly once when a change occurs after the application has
 * requested the notification by issuing WSAIoctl ... Other messages will
 * not be forthcoming until the application reissues the IOCTL and another
 * change is detected since the IOCTL has been issued".  So the request
 * arms the event with the watch's generation now; the first change after
 * it records the event (eventselect.c), and disarms it.  Wine's tests, run
 * on Windows: a socket that never issued the control is not signalled.
 */
static int notify__request_event(struct bsock *b, bool route)
{
    /* The watch must run for a change to be seen; a failure leaves only the answer. */
    if (notify__ensure() == 0) {
        pthread_mutex_lock(&b->lock);
        struct bsock_rare *r = bsock_rare_locked(b); /* where the request is kept */
        if (r) {
            r->es_change_armed |= route ? FD_ROUTING_INTERFACE_CHANGE : FD_ADDRESS_LIST_CHANGE;
            r->es_change_gen[route] = base_ifwatch_generation(b, route);
        }
        pthread_mutex_unlock(&b->lock);
        if (!r)
            return WSAENOBUFS;
    }
    return WSAEWOULDBLOCK;
}

/*
 * SIO_ADDRESS_LIST_CHANGE, and SIO_ROUTING_INTERFACE_CHANGE.  "No output
 * information will be provided upon completion of this IOCTL"; "if the
 * SIO_ADDRESS_LIST_CHANGE IOCTL is issued on a non-blocking socket and
 * without overlapped parameters ..., it will complete immediately with
 * error WSAEWOULDBLOCK"; on a blocking socket it waits (Wine's tests: it
 * "hangs forever" when nothing changes); with an OVERLAPPED it is pending,
 * on a blocking socket too, and closesocket aborts it (Wine's tests:
 * ERROR_OPERATION_ABORTED through the port).  It completes when an address
 * of the socket's family comes or goes.  For a route the page lets the
 * provider "ignore the information specified by the application in the
 * input buffer ... and complete ... in the event of any routing information
 * change": this does, for the socket's family.
 */
static int notify__change(struct ioctl_call *c, bool route)
{
    struct bsock *b = c->b;
    int kind = notify__kind(b, route);
    if (!c->ov) {
        pthread_mutex_lock(&b->lock);
        bool nonblocking = b->nonblocking;
        pthread_mutex_unlock(&b->lock);
        if (nonblocking)
            return notify__request_event(b, route);
        int error = notify__block(b, kind);
        if (!error)
            *c->returned = 0;
        return error;
    }
    int error = notify__ensure();
    if (error)
        return error;
    struct notify_wait *w = malloc(sizeof(*w));
    if (!w)
        return WSAENOBUFS;
    w->kind = kind;
    w->gen = atomic_load(&notify__gen[kind]);
    return ioctl_start_wait(c, notify__change_step, w);
}

int ioctl_address_list_change(struct ioctl_call *c)
{
    return notify__change(c, false);
}

int ioctl_routing_interface_change(struct ioctl_call *c)
{
    return notify__change(c, true);
}

/*
 * The ideal send backlog: "a function of the bandwidth-delay product of the
 * TCP connection ... The range for the ISB value for a TCP connection can
 * theoretically vary from 0 to a maximum of 16 megabytes."  Here it is
 * Linux's estimate of the delivery rate times the smoothed round-trip time,
 * at least 64 KiB — what Windows answers for a new loopback connection
 * (Wine's tests: 0x10000) — and at most 16 MiB.
 */
#define NOTIFY__ISB_MIN 0x10000u
#define NOTIFY__ISB_MAX 0x1000000u

/* The ISB of b's connection, or WSAENOTCONN when there is none. */
static int notify__isb(struct bsock *b, ULONG *isb)
{
    struct sys_tcp_rate r;
    if (sys_tcp_rate(b->fd, &r) < 0)
        return bsock_error(b, errno);
    if (r.state != SYS_TCP_STATE_ESTABLISHED && r.state != SYS_TCP_STATE_CLOSE_WAIT)
        return WSAENOTCONN;
    uint64_t bdp = r.delivery_rate * r.rtt_us / 1000000u;
    *isb = bdp < NOTIFY__ISB_MIN   ? NOTIFY__ISB_MIN
           : bdp > NOTIFY__ISB_MAX ? NOTIFY__ISB_MAX
                                   : (ULONG)bdp;
    return 0;
}

/*
 * SIO_IDEAL_SEND_BACKLOG_QUERY: "allowed only on a stream socket that is in
 * the connected state. Otherwise ... WSAENOTCONN"; WSAEOPNOTSUPP "when an
 * attempt to use the SIO_IDEAL_SEND_BACKLOG_QUERY IOCTL is made on a
 * datagram socket"; WSAEINVAL "if the cbOutBuffer parameter is less than
 * the size of a ULONG".
 */
int ioctl_ideal_send_backlog_query(struct ioctl_call *c)
{
    if (c->b->type != SOCK_STREAM)
        return WSAEOPNOTSUPP;
    if (!c->out)
        return WSAEFAULT;
    if (c->out_len < sizeof(ULONG))
        return WSAEINVAL;
    if (!sys_user_writable(c->out, sizeof(ULONG)))
        return WSAEFAULT;
    ULONG isb;
    int error = notify__isb(c->b, &isb);
    if (error)
        return error;
    memcpy(c->out, &isb, sizeof(isb));
    *c->returned = sizeof(isb);
    return 0;
}

/*
 * Whether the ISB moved from was (*status says how the request ends), or
 * the request must end because the connection did: "The TCP connection is
 * gracefully disconnected in the send direction ... The TCP connection has
 * been reset or aborted" end it with WSA_OPERATION_ABORTED.  b->lock held.
 */
static bool notify__isb_moved(struct bsock *b, ULONG was, DWORD *status)
{
    ULONG now;
    if (b->shut_send || notify__isb(b, &now) != 0) {
        *status = KSTATUS_CANCELLED;
        return true;
    }
    *status = KSTATUS_SUCCESS;
    return now != was;
}

static enum bop_step notify__isb_step(struct bsock *b, struct bop *op, DWORD *status)
{
    const ULONG *was = bop_ext(op);
    return notify__isb_moved(b, *was, status) ? BOP_DONE : BOP_AGAIN;
}

/*
 * SIO_IDEAL_SEND_BACKLOG_CHANGE: "pends or blocks until an ISB change
 * occurs on the underlying connection"; it "does not support non-blocking
 * mode ... the IOCTL will simply block or pend".  Linux announces no such
 * change, so the estimate is looked at again whenever the I/O engine
 * reports the connection moving (input, or send space freed by
 * acknowledgements: the overlapped form watches the socket for that), and
 * every 100 ms by the blocking form.  WSAEINVAL "if the cbOutBuffer
 * parameter is not zero".
 */
int ioctl_ideal_send_backlog_change(struct ioctl_call *c)
{
    struct bsock *b = c->b;
    if (b->type != SOCK_STREAM)
        return WSAEOPNOTSUPP;
    if (c->out_len != 0)
        return WSAEINVAL;
    ULONG isb;
    int error = notify__isb(b, &isb);
    if (error)
        return error;
    if (c->ov) {
        if ((error = bsock_watch(b)) != 0)
            return error;
        ULONG *was = malloc(sizeof(*was));
        if (!was)
            return WSAENOBUFS;
        *was = isb;
        return ioctl_start_wait(c, notify__isb_step, was);
    }
    for (;;) {
        bool readable;
        if ((error = notify__sleep(b, -1, sys_now_ns() + 100000000, &readable)) != 0)
            return error;
        DWORD status;
        pthread_mutex_lock(&b->lock);
        bool moved = notify__isb_moved(b, isb, &status);
        pthread_mutex_unlock(&b->lock);
        if (moved && status != KSTATUS_SUCCESS)
            return WSAEINTR;
        if (moved) {
            *c->returned = 0;
            return 0;
        }
    }
}
