/*
 * The base provider: TCP and UDP over IPv4 and IPv6 on Linux sockets.
 *
 * ws2_32 reaches it only through the WSPPROC_TABLE its WSPStartup fills in.
 * Its sockets are kernel objects of their own (struct bsock, registered with
 * WPUModifyIFSHandle like a Windows IFS provider's), so a SOCKET handle names
 * the bsock directly and its lifetime is the handle's: the Linux descriptor
 * is closed when the last reference goes, never while another call may still
 * be using its number.
 *
 * Winsock's blocking model is implemented here, not by Linux: descriptors
 * are always non-blocking, and a blocking call waits in bsock_wait, which a
 * closesocket or WSACleanup from another thread interrupts (Linux's close()
 * would not wake it).
 */
#ifndef WS2_PROVIDERS_BASE_BASE_H
#define WS2_PROVIDERS_BASE_BASE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include <winsock2.h>
#include <ws2spi.h>
#include <ws2tcpip.h>

#include "kernel/ksocket.h"
#include "kernel/thread.h"

struct sys_engine_set; /* sys/engine.h */

/* A thread blocked on a socket, in its list (bsock_waiter_add_locked). */
struct bsock_waiter {
    struct bsock_waiter *next, **pprev;
    struct kthread *thread;
};

/* A FIFO of overlapped operations (tail is NULL while the queue is empty). */
struct bop_queue {
    struct bop *head;
    struct bop **tail;
};

/*
 * What most sockets never use: WSAEventSelect's state, the options few
 * programs set, a connection WSAAccept deferred.  A socket has none until
 * something needs it (bsock_rare_locked), so that a plain connection pays
 * one pointer for all of it; it is freed with the socket.  Guarded by the
 * socket's lock.  Its defaults (bsock_rare_peek of a socket without one)
 * are those of a socket that never used any of it.
 */
struct bsock_rare {
    /* --- WSAEventSelect (eventselect.c); es_mask, the selection, is in struct bsock --- */
    struct bsock_es_event *es_event; /* the associated event object, NULL when none */
    uint64_t es_arrivals; /* sys_tcp_arrivals when FD_READ or FD_ACCEPT was last recorded */
    /*
     * FD_ADDRESS_LIST_CHANGE / FD_ROUTING_INTERFACE_CHANGE: requested by a
     * non-blocking SIO_ADDRESS_LIST_CHANGE / SIO_ROUTING_INTERFACE_CHANGE
     * and not recorded since (es_change_armed), with the watch's generation
     * at the request ([0] addresses, [1] routes; ioctl_notify.c).
     */
    uint64_t es_change_gen[2];
    LONG es_change_armed;
    LONG es_reported;   /* FD_READ/WRITE/OOB/ACCEPT recorded and not re-enabled since */
    LONG es_record;     /* recorded and not yet enumerated (WSAEnumNetworkEvents) */
    int es_close_error; /* FD_CLOSE's error code */

    /*
     * What a non-blocking send took beyond what Linux queued, sent before
     * anything issued after it (backlog.h); NULL when none.
     */
    struct backlog *backlog;
    /*
     * The underlying socket's record when it is shared (WSADuplicateSocket,
     * duplicate.c); NULL for a socket that never was, so the plain path pays
     * nothing.  share_released (struct bsock) is set when closing has
     * dropped the handle's reference, so that a racing duplication does not
     * make it a record's handle afterwards.
     */
    struct bshare *share;

    /* A connection WSAAccept's condition function deferred (CF_DEFER), kept for the next call. */
    int deferred_fd;

    /* --- Options kept here (sockopt*.c, keepalive.c) --- */
    /*
     * Those whose Windows meaning Linux does not keep (sockopt_sol.c);
     * accepted sockets take them from their listener (bsock_inherit).
     */
    DWORD rcvtimeo; /* ms, 0 = none */
    DWORD sndtimeo;
    int rcvbuf, sndbuf; /* as SO_RCVBUF/SO_SNDBUF last set them, -1 if never */
    u_short linger_onoff;
    u_short linger_seconds;
    /* Keep-alive times as SIO_KEEPALIVE_VALS or the TCP_KEEP* options last set them. */
    DWORD ka_time_ms, ka_interval_ms, ka_count;
    int set_error; /* a value setsockopt(SO_ERROR) gave: the next SO_ERROR reports it */
    bool ka_time_set, ka_interval_set, ka_count_set;
    bool v4_dual; /* IPV6_V6ONLY turned off on an AF_INET socket (Windows keeps it) */
    /* IP_DONTFRAGMENT / IPV6_DONTFRAG as set (0 or 1); -1 if never: the default (on for TCP). */
    signed char dontfrag;
    bool opt_debug, opt_conditional_accept, opt_port_scalability, opt_randomize_port,
        opt_reuse_unicastport;
    bool opt_pause_accept; /* SO_PAUSE_ACCEPT: connections arriving are reset (sockopt_tcp.c) */
    /*
     * Control data asked for (WSARecvMsg reports it): IP_RECVTOS / IPV6_RECVTCLASS and IP_ECN /
     * IPV6_ECN share Linux's IP_RECVTOS / IPV6_RECVTCLASS, so which was asked is kept here.
     */
    bool recv_tos, recv_ecn, recv_tclass, recv_ecn6;
    /* --- end of options --- */

    bool es_close_recorded; /* FD_CLOSE was recorded (it is recorded once) */
    /*
     * A selection was made once (set under the lock, never cleared): until
     * then nothing is reported, and a receive's re-enable reads this
     * without the lock to skip it (bsock_network_reenable).
     */
    _Atomic bool es_ever;
};

/*
 * The fields are ordered by size where comments allow, so that the
 * structure has no holes: every connection pays for each of its bytes
 * (issue 11's budget is 512 B of memory per connection with a pending
 * receive, bench/echo_matrix's memory cell).
 */
struct bsock {
    struct ksocket ks; /* must be first: the handle table's object */
    SOCKET handle;
    /* The catalog entry the socket was made for (ws2_32 keeps it for the process). */
    const WSAPROTOCOL_INFOW *info;
    int fd;
    short family; /* Windows AF_INET / AF_INET6 */
    short type;   /* SOCK_STREAM / SOCK_DGRAM */
    /* Windows' IPPROTO_* value; Linux made the socket, so it is one of Linux's (below 263). */
    short protocol;
    _Atomic bool closing;
    _Atomic bool watched; /* registered with the I/O engine (read without the lock too) */
    /*
     * Calls using fd right now.  closesocket sets closing and then closes the
     * descriptor at once only if it is the sole user; otherwise it retires the
     * descriptor (sys_retire) and the last user's reference closes it.
     */
    _Atomic int users;
    /*
     * Counts the changes of the Winsock state that select and WSAPoll read
     * (readiness.c): a connect started or ended, listen, shutdown,
     * SO_OOBINLINE, a new descriptor.  Linux's poll of the descriptor need
     * not report them, so a multi-socket wait also ends when it moves
     * (bsock_state_changed_locked, bsock_wait_many).
     */
    _Atomic unsigned ready_gen;
    /*
     * Operations of this socket that are requests on its port's ring, plus
     * ring callbacks running for it (overlapped_ring.c): the close waits for
     * none to be left before the socket goes.
     */
    _Atomic unsigned ring_ops;

    pthread_mutex_t lock;         /* guards the fields below */
    struct bsock_waiter *waiters; /* threads blocked on this socket, NULL when none */
    /* What most sockets never use (see struct bsock_rare); NULL until needed. */
    struct bsock_rare *rare;

    /* Pending overlapped operations, in the order they were issued (overlapped.c). */
    struct bop_queue recvs, sends;
    /*
     * Operations of this socket that wait for another socket's input (an
     * AcceptEx whose connection is on its accept socket, waiting for the
     * first data): out of the issue-order queues, still this socket's to
     * complete and to cancel.  Guarded by lock.
     */
    struct bop_queue parked;
    /*
     * The socket that has a pending operation whose peer this one is (the
     * listening socket of the AcceptEx this is the accept socket of), 0 when
     * none.  Guarded by lock.
     */
    SOCKET peer_owner;
    struct sys_engine_set *watch_set; /* where (bsock_watch_locked): a port's set, or NULL */
    int64_t connected_ns; /* when the connection was made (SO_CONNECT_TIME), 0 if not seen yet */
    /*
     * WSAEventSelect (eventselect.c): the FD_* events selected, 0 for no
     * selection (the rest of its state is in struct bsock_rare), in two
     * bytes as FD_ALL_EVENTS takes ten bits; and FD_CONNECT's state, which a
     * connect keeps whether or not anything is selected, since a selection
     * made later still records it.
     */
    unsigned short es_mask;
    /*
     * Winsock error codes (all below 2^16, so kept in two bytes): how the
     * last non-blocking connect failed, and FD_CONNECT's error code.
     *
     * connect_error: SO_ERROR reports it at every read, a new connect()
     * attempt leaves it, and only a connection made clears it (observed,
     * Wine's test_select).  A blocking connect reports its failure itself
     * and leaves 0 (observed too).
     */
    unsigned short connect_error;
    unsigned short es_connect_error; /* how the last connect ended, for FD_CONNECT */
    bool es_connect_pending;         /* a connect whose FD_CONNECT is still to be recorded */
    bool watch_out;                  /* output readiness is watched too */
    bool nonblocking;                /* FIONBIO */
    bool bound;
    bool listening;
    bool connecting;     /* a non-blocking connect in progress */
    bool connected;      /* connect or accept succeeded: a reset has meaning */
    bool exclusive_addr; /* SO_EXCLUSIVEADDRUSE */
    bool reuse_addr;
    bool oob_inline;
    /*
     * Bound to port 0 with the port left to the connect (bindtable_bind);
     * base_port_settle gives it one when something needs it earlier.
     */
    bool port_later;
    /* connect_error is not reported yet: the next connect() reports it (connect.c). */
    bool connect_error_fresh;
    /*
     * Connected by ConnectEx, and SO_UPDATE_CONNECT_CONTEXT not set since:
     * connect() is WSAEINVAL then, not WSAEISCONN (observed, Wine's
     * test_connect).
     */
    bool connectex_context;
    /*
     * Connected to a broadcast address without SO_BROADCAST: Linux's
     * SO_BROADCAST is on meanwhile, broadcast_on is the option's Windows
     * value (broadcast.c).
     */
    bool broadcast_forced, broadcast_on;
    /*
     * The last connect failed (readiness.c): select reports the socket in its
     * except set and WSAPoll as POLLHUP|POLLERR|POLLWRNORM until a new
     * connect starts (connecting) or one succeeds (connected), as Windows
     * does however often SO_ERROR is read.
     */
    bool connect_failed;
    bool shut_send;
    bool shut_recv;
    /*
     * Made without WSA_FLAG_OVERLAPPED (or accepted from such a listener):
     * a synchronous file on Windows, where an overlapped send or receive
     * waits for its result (transfer.c).
     */
    bool synchronous;
    bool share_released; /* see share in struct bsock_rare */
    /*
     * A receive found nothing, and the engine has reported no input since:
     * a new overlapped receive need not try before it queues (the engine's
     * next input report will run it).  Guarded by lock.
     */
    bool recv_drained;
    /*
     * Whether a receive issued on a drained socket finds data after all (the
     * peer runs ahead of the application, as one connection's ping-pong
     * does): above 0, such receives try at once (overlapped.c,
     * bop__skip_drained); counted from -4 to 4, and every eighth skipped try
     * is made anyway to keep learning.  Guarded by lock.
     */
    signed char recv_score;
    unsigned char recv_skips;
    /*
     * The last receive on the port's ring left the socket empty
     * (overlapped_ring.c): the next one, from a port's worker, may wait for
     * the worker's next wait to be submitted.  Nothing clears it when data
     * comes (the ring's sockets have no input watch), so it only ever
     * delays a submission, never a try.  Guarded by lock.
     */
    bool ring_empty;
    /*
     * TCP_INQ (sys_inq.c) for overlapped receives: 0 not asked yet, 1 on
     * (each receive then says whether it left the socket empty, which sets
     * recv_drained without a receive failing with EAGAIN), -1 refused;
     * BSOCK_INQ_LISTENER: a listener that had it on before it listened, so
     * that every connection it accepts has it on too (Linux copies the
     * listener's setting into each connection it makes), and an accepted
     * socket starts at 1 without a setsockopt of its own.  Guarded by lock.
     */
    signed char inq;
#define BSOCK_INQ_LISTENER 2
};

/*
 * A connection's socket is one malloc chunk of 256 bytes (the issue-11
 * budget: 512 B of memory per connection with a pending receive, measured
 * by bench/echo_matrix); a field more that crosses 248 B costs 16 B per
 * connection.  Rarely used state goes into struct bsock_rare instead.
 */
_Static_assert(sizeof(void *) != 8 || sizeof(struct bsock) <= 248,
               "struct bsock outgrew its malloc chunk");

/*
 * b's rare state to read (b->lock held): its own, or the defaults when it
 * has none (see struct bsock_rare).
 */
const struct bsock_rare *bsock_rare_peek(const struct bsock *b);
/*
 * b's rare state to change (b->lock held), made on first use; NULL when
 * there is no memory for it, which the caller reports as WSAENOBUFS.
 */
struct bsock_rare *bsock_rare_locked(struct bsock *b);
/* The same without b->lock held: 0, or WSAENOBUFS (the state then exists until b is freed). */
int bsock_rare_ensure(struct bsock *b);

/*
 * w (its thread set) joins or leaves the threads blocked on b, whom
 * bsock_state_changed_locked and bsock_wake_all wake.  b->lock held.
 */
void bsock_waiter_add_locked(struct bsock *b, struct bsock_waiter *w);
void bsock_waiter_remove_locked(struct bsock_waiter *w);

/* A connect that has completed: updates connecting/connected.  Call with b->lock held. */
void bsock_settle_connect_locked(struct bsock *b);
/*
 * The same, when a poll has just reported revents for b's descriptor:
 * output alone (no error, no hang-up) is a connection made, which needs no
 * further look (Linux reports POLLOUT for a connecting TCP socket only once
 * it is established, and POLLERR or POLLHUP with it when the connect failed).
 */
void bsock_settle_connect_polled_locked(struct bsock *b, short revents);

/*
 * b's Winsock state changed in a way select and WSAPoll may report
 * differently (see ready_gen): counts it and wakes the threads waiting on
 * b, so that a select waiting on it looks again at once.  b->lock held.
 */
void bsock_state_changed_locked(struct bsock *b);

/* overlapped.c */
/* A receive, a send, or a control operation (an overlapped WSAIoctl, ioctl_async.c). */
enum bop_kind { BOP_RECV, BOP_SEND, BOP_CONTROL };
/*
 * One attempt at an operation: not yet, finished, or parked: it now waits
 * for its peer socket's input (bop_set_peer), on its own socket's parked
 * list, and is tried again when the peer reports input.
 */
enum bop_step { BOP_AGAIN, BOP_DONE, BOP_PARKED };

/*
 * For the extensions (extensions.c): an operation with one buffer (count 0
 * or 1 WSABUF), its own step and data, started like any other.  bop_start
 * takes the operation in every case (it is freed on immediate failure) and
 * returns like bop_submit.
 */
struct bop *bop_new(enum bop_kind kind, const WSABUF *bufs, DWORD count, LPWSAOVERLAPPED ov);
void bop_set_step(struct bop *op, enum bop_step (*step)(struct bsock *, struct bop *, DWORD *),
                  void *ext);
/* Called with ext when the operation is freed, before ext itself is (free). */
void bop_set_cleanup(struct bop *op, void (*cleanup)(void *ext));
/*
 * Called when the operation has succeeded, before its completion is written
 * and delivered, without b->lock (TransmitFile's TF_REUSE_SOCKET renews the
 * socket there); not for a failure, a cancel or the final WSACleanup.
 */
void bop_set_finish(struct bop *op, void (*finish)(struct bsock *b, void *ext));
/*
 * BOP_OPT_ALWAYS_PENDS: the call reports WSA_IO_PENDING even when the first
 * attempt finished (success or failure), and the completion is delivered as
 * a later one is (FILE_SKIP_COMPLETION_PORT_ON_SUCCESS does not skip it).
 * BOP_OPT_KEEP_OFFSET: the completion leaves OVERLAPPED.Offset alone (it is
 * TransmitFile's input, the file offset, and not the receive flags).
 */
#define BOP_OPT_ALWAYS_PENDS 0x1u
#define BOP_OPT_KEEP_OFFSET  0x2u
void bop_set_options(struct bop *op, unsigned options);
/*
 * Names the other socket the operation works on (AcceptEx's accept socket).
 * The caller has set the peer's peer_owner to the operation's socket; the
 * operation clears it when it ends, closing the peer cancels the operation,
 * and the peer's input runs it when it is parked.
 */
void bop_set_peer(struct bop *op, SOCKET peer);
void *bop_ext(struct bop *op);
/* The completion routine of an operation made with bop_new (WSAIoctl, WSARecvMsg, WSASendMsg). */
void bop_set_routine(struct bop *op, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine);
/*
 * BOP_CONTROL operations take no place in the issue-order queues: bop_start
 * tries their step at once, and one that is not done waits on the parked
 * list until bop_retry_parked finds it done, or a close or CancelIo cancels
 * it.  BOP_OPT_ALWAYS_PENDS (bop_set_options) makes bop_start answer
 * WSA_IO_PENDING and deliver the completion even when the step ended at
 * once, as Windows does for the ioctls its driver completes.
 */
/* Tries b's parked control operations again and completes those whose step is done. */
void bop_retry_parked(struct bsock *b);
/* Points the operation at one buffer, with done bytes already moved. */
void bop_set_buffers(struct bop *op, void *buf, size_t len, size_t done);
void bop_discard(struct bop *op);
/* For WSARecvMsg and WSASendMsg (msg.c): the buffers, the result. */
struct sys_iovec *bop_iov(struct bop *op, unsigned *count);
void bop_set_result(struct bop *op, size_t done, DWORD flags);
int bop_start(struct bsock *b, struct bop *op, LPDWORD bytes, LPDWORD flags_out);
/* The plain send or receive step, for steps that end as one. */
enum bop_step bop_try_io(struct bsock *b, struct bop *op, DWORD *status);

/*
 * The most WSABUFs one send or receive takes.  Linux's own limit of 1024
 * per system call is not Winsock's (sys_sendmsg splits); but the provider
 * copies the array, 16 bytes a buffer, and a count far beyond any real
 * array (a caller's mistake) must not become an allocation of gigabytes,
 * nor a walk through memory that is not the array.  ws2_32 refuses such a
 * count first (WS2_COUNT_MAX, the same bound) with WSAEINVAL; the provider
 * answers a caller of the SPI the same way.
 */
#define BASE_MAX_BUFFERS (1u << 20)

/*
 * The checks every send and receive makes of its WSABUF array before it
 * copies it (transfer.c, overlapped.c): a missing array or a buffer without
 * memory is WSAEFAULT, a count beyond BASE_MAX_BUFFERS WSAEINVAL.  0 when
 * the array may be used.
 */
int base_buffers_check(const WSABUF *bufs, DWORD count);

/*
 * Issues an overlapped send or receive.  Returns 0 when it completed at once
 * (its completion is still delivered, as Windows does), WSA_IO_PENDING when
 * it is queued, or the error of an immediate failure (nothing delivered).
 */
int bop_submit(struct bsock *b, enum bop_kind kind, const WSABUF *bufs, DWORD count, DWORD flags,
               const void *to, uint32_t tolen, struct sockaddr *from, LPINT fromlen,
               LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, LPDWORD bytes,
               LPDWORD flags_out);

/*
 * Ends every pending operation of b with WSA_OPERATION_ABORTED: with its
 * completion action (closesocket) or, for the final WSACleanup, only
 * recorded in its OVERLAPPED.  So does the operation of another socket
 * whose peer b is (an AcceptEx whose accept socket b is).
 */
void bop_cancel_all(struct bsock *b, bool deliver);

/*
 * Whether b's oldest pending receive takes whatever input arrives (a plain
 * one: no MSG_PEEK, no MSG_OOB, no step of an extension).  b->lock held.
 */
bool bop_recv_waits_locked(const struct bsock *b);

/* CancelIo/CancelIoEx (see kobj_ops.cancel_io). */
unsigned bop_cancel_io(struct kobj *obj, const OVERLAPPED *overlapped, DWORD thread_id);

/*
 * eventselect.c: readiness the engine saw on b, for WSAEventSelect (called
 * on the engine thread, without b->lock).
 */
void bsock_network_events(struct bsock *b, unsigned engine_events);

/*
 * SO_PAUSE_ACCEPT (sockopt_tcp.c): a paused listener has the engine watch
 * it and resets the connections waiting on it; called when the option is
 * set and when the socket starts listening (without b->lock), and at each
 * engine report (b->lock held).
 */
void base_pause_accept_check(struct bsock *b);
void base_pause_accept_refuse_locked(struct bsock *b);
/*
 * eventselect.c: a re-enabling call (WSAEventSelect.md's table) was made on
 * b: events (FD_READ, FD_WRITE, FD_OOB, FD_ACCEPT) may be recorded again,
 * and are at once if their condition still holds.  events 0 only re-checks
 * (a connect that completed at once).  Cheap when b has no selection.
 * Call without b->lock.
 */
void bsock_network_reenable(struct bsock *b, LONG events);
/* The same with b->lock held (an overlapped operation's step). */
void bsock_network_reenable_locked(struct bsock *b, LONG events);

/* eventselect.c: an accepted socket takes its listener's selection (WSAEventSelect.md). */
void bsock_network_inherit(struct bsock *listener, SOCKET accepted);

/* eventselect.c: drops b's association with its event object (the socket is destroyed). */
void bsock_network_release(struct bsock *b);

int WSPAPI base_WSPEventSelect(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents, LPINT lpErrno);
int WSPAPI base_WSPEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject,
                                     LPWSANETWORKEVENTS lpNetworkEvents, LPINT lpErrno);

/*
 * The engine's callback; the cookie is the socket's handle value, or
 * BOP_COOKIE_IFWATCH (handle values are multiples of 4) for the address
 * watch of ioctl_notify.c.
 */
void bop_engine_event(uint64_t cookie, unsigned events);
#define BOP_COOKIE_IFWATCH 1u

/*
 * ioctl_notify.c: the address watch's descriptor has announcements (on the
 * engine thread); the final WSPCleanup closes the watch.
 */
void base_ifwatch_event(void);
void base_ifwatch_cleanup(void);
/*
 * ioctl_notify.c: whether an address (route is false) or route change of
 * b's family has been announced since gen, the generation
 * base_ifwatch_generation gave (for FD_ADDRESS_LIST_CHANGE and
 * FD_ROUTING_INTERFACE_CHANGE, eventselect.c).
 */
uint64_t base_ifwatch_generation(const struct bsock *b, bool route);
bool base_ifwatch_moved(const struct bsock *b, bool route, uint64_t gen);

int WSPAPI base_WSPGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer,
                                       BOOL fWait, LPDWORD lpdwFlags, LPINT lpErrno);

/* startup.c: the built-in catalog entries (at most BASE_PROTOCOL_COUNT). */
#define BASE_PROTOCOL_COUNT 7
unsigned base_protocols(WSAPROTOCOL_INFOW *out, unsigned max);
/*
 * Starts the I/O engine if it is not running yet: it is started by the first
 * overlapped operation that has to wait, so that a program without any pays
 * nothing, and stopped by the final WSPCleanup.  False if it cannot run.
 */
bool base_engine_ensure(void);
/* Takes the provider's startup lock if it is started (false, unlocked, if not). */
bool base_lock_started(void);
void base_unlock_started(void);
int WSPAPI base_WSPStartup(WORD wVersionRequested, LPWSPDATA lpWSPData,
                           LPWSAPROTOCOL_INFOW lpProtocolInfo, WSPUPCALLTABLE UpcallTable,
                           LPWSPPROC_TABLE lpProcTable);
extern WSPUPCALLTABLE base_upcalls;

/* bsock.c: lookup and lifetime. */
/*
 * Looks s up and enters it as a user of its descriptor.  Returns NULL with
 * *err = WSAENOTSOCK for anything that is not a live base-provider socket.
 */
struct bsock *bsock_get(SOCKET s, int *err);
void bsock_put(struct bsock *b);

/*
 * Copies what an accepted socket takes from its listener (blocking mode,
 * linger, timeouts, buffer sizes, keep-alive tuning) and marks b connected.
 * 0, or WSAENOBUFS (then b is unchanged).
 */
int bsock_inherit(struct bsock *b, struct bsock *parent);

/*
 * broadcast.c: connect() of a datagram socket to a broadcast address Linux
 * refused (EACCES): connects it with Linux's SO_BROADCAST forced on (0, or
 * -1 with errno).  base_broadcast_unforce: the socket is connected elsewhere
 * or no longer: Linux's option is the Windows value again.
 * base_broadcast_check: WSAEACCES for a send to the (Linux) address addr
 * that Linux would let through only because the option is forced, else 0.
 */
int base_broadcast_connect(struct bsock *b, const void *addr, uint32_t len);
void base_broadcast_unforce(struct bsock *b);
int base_broadcast_check(struct bsock *b, const void *addr, uint32_t len);

/*
 * bind.c: a socket bound to port 0 with the port left to its connect
 * (port_later) gets its port now, as Windows' bind would have given it: for
 * whatever shows or needs the port before a connect has chosen it
 * (getsockname, listen, WSADuplicateSocket).  Without b->lock; 0 or a
 * Winsock error.
 */
int base_port_settle(struct bsock *b);

/* extensions.c: AcceptEx, ConnectEx, DisconnectEx, GetAcceptExSockaddrs. */
/* The function for a WSAID_* GUID (SIO_GET_EXTENSION_FUNCTION_POINTER), or NULL. */
void *base_extension(const GUID *id);
/* SO_UPDATE_ACCEPT_CONTEXT / SO_UPDATE_CONNECT_CONTEXT on b; 0 or a Winsock error. */
int base_update_context(struct bsock *b, int optname, const char *optval, int optlen);
/*
 * TF_REUSE_SOCKET (DisconnectEx, TransmitFile, TransmitPackets): aborts what
 * is pending on b and gives it a fresh unconnected descriptor under the same
 * SOCKET value, for AcceptEx or ConnectEx.  Without b->lock; 0 or a Winsock error.
 */
int base_socket_renew(struct bsock *b);

/* transmit.c: TransmitFile and TransmitPackets for their WSAID_* GUID, or NULL. */
void *base_transmit_extension(const GUID *id);

/* keepalive.c: SIO_KEEPALIVE_VALS (the TCP_KEEP* options are in sockopt.h). */
/* SIO_KEEPALIVE_VALS on b with its input buffer; 0 or a Winsock error. */
int base_keepalive_vals(struct bsock *b, const void *in, DWORD in_len, LPDWORD returned);

/* Whether a socket object is one of ours (and not another provider's). */
bool bsock_is(struct kobj *obj);

/* Makes a socket for a new Linux descriptor, with a handle; INVALID_SOCKET and *err on failure. */
/* parent: the listener an accepted socket takes its properties from, or NULL. */
SOCKET bsock_create(int fd, int family, int type, int protocol, const WSAPROTOCOL_INFOW *info,
                    struct bsock *parent, int *err);

/*
 * Waits until b's descriptor has one of the SYS_POLL events, the deadline
 * passes, or b is closed.  Runs queued APCs meanwhile (a blocking Winsock
 * call is an alertable wait).  Returns 0 when ready, WSAEINTR when b was
 * closed (closesocket or WSACleanup), WSAETIMEDOUT at the deadline.
 */
int bsock_wait(struct bsock *b, short events, int64_t deadline_ns);
/* bsock_wait, and what poll reported of b's descriptor when it was ready (0 otherwise). */
int bsock_wait_revents(struct bsock *b, short events, int64_t deadline_ns, short *revents);

/*
 * Waits on several sockets: fds[0] is reserved (see kthread_sleep), fds[i+1]
 * is socks[i]'s descriptor with the events wanted, and the nfds - n - 1
 * entries after them are waited on too.  Returns 0 when some are ready
 * (revents set) or the deadline passed (all revents 0), WSAEINTR when one
 * of the sockets was closed meanwhile.  With gens (may be NULL) it also
 * returns 0, revents not set, as soon as socks[i]->ready_gen differs from
 * gens[i] (a state change made before the call is seen too).
 */
int bsock_wait_many(struct bsock **socks, unsigned n, struct sys_pollfd *fds, unsigned nfds,
                    int64_t deadline, const unsigned *gens);

/* Wakes every thread blocked on b (closesocket, WSACleanup). */
void bsock_wake_all(struct bsock *b);

/*
 * The Winsock error for a failed system call on b's descriptor: WSAEINTR if
 * b was closed meanwhile (its number may name the placeholder by now).
 */
int bsock_error(struct bsock *b, int linux_errno);

/* The deadline for a SO_RCVTIMEO/SO_SNDTIMEO value (0 = none). */
int64_t bsock_deadline(DWORD timeout_ms);

/* errors.c: the Winsock error for a Linux errno. */
int base_error(int linux_errno);

/* sockaddr.c: Windows <-> Linux socket addresses (only the family differs). */
int base_sockaddr_to_linux(const struct sockaddr *name, int namelen, int family, void *out,
                           uint32_t *outlen);
int base_sockaddr_from_linux(const void *in, uint32_t inlen, struct sockaddr *name, LPINT namelen);
int base_family_to_linux(int family);
/* The size of a Windows sockaddr_in (AF_INET) or sockaddr_in6 (AF_INET6). */
int base_sockaddr_size(int family);

/* icmp.c: a SOCK_RAW socket (ICMP through a ping socket where raw ones are refused). */
SOCKET base_raw_socket(int af, int protocol, const WSAPROTOCOL_INFOW *info, LPINT lpErrno);

/* unix.c: SIO_AF_UNIX_GETPEERPID on b; 0 or a Winsock error. */
int base_unix_peer_pid(struct bsock *b, void *out, DWORD out_len, LPDWORD returned);

/* close.c */
int WSPAPI base_WSPCloseSocket(SOCKET s, LPINT lpErrno);
/* Resets and frees every open socket (the final WSPCleanup). */
void base_close_all(void);
/*
 * Whether a final WSPCleanup has begun (and no WSPStartup has come since):
 * completions are then recorded in their OVERLAPPED and not delivered
 * (WSACleanup.txt: pending operations "are also canceled without setting the
 * event object or invoking the completion routine"), and WSAEventSelect
 * records nothing ("without signaling any event objects").  WSPStartup ends
 * it.
 */
bool base_final_cleanup_begun(void);
void base_final_cleanup_over(void);

/*
 * duplicate.c: shared sockets (WSADuplicateSocket).  Every handle of this
 * process for one underlying socket, and every duplicate not yet claimed,
 * holds a reference on one bshare; exported says a duplicate was made for
 * another process, which may hold the socket after our last handle is gone.
 */
struct bshare {
    _Atomic int refs;
    _Atomic bool exported;
    /* This process's handles, under duplicate.c's lock; room for every pending claim too. */
    struct bsock **members;
    unsigned count, room;
    /* The socket's completion port and key (referenced), every handle's too; same lock. */
    struct kport *port;
    ULONG_PTR port_key;
};
int WSPAPI base_WSPDuplicateSocket(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                   LPINT lpErrno);
/* Whether a WSAPROTOCOL_INFO came from base_WSPDuplicateSocket (WSPSocket then claims it). */
bool base_duplicate_is_claim(const WSAPROTOCOL_INFOW *info);
/* WSPSocket with such an info: a new handle for the shared socket, once per info. */
SOCKET base_duplicate_claim(const WSAPROTOCOL_INFOW *info, LPINT lpErrno);
/*
 * The provider's own lasting copy of the catalog entry info names, for
 * b->info: WSPSocket's argument belongs to the caller.  NULL if none fits.
 */
const WSAPROTOCOL_INFOW *base_protocol_info(const WSAPROTOCOL_INFOW *given);
/* Whether another handle, claim or process shares b's socket now. */
bool bshare_others(struct bsock *b);
/*
 * The other handles of this process that share b's socket now (malloc'd,
 * *count of them), or NULL when there are none.
 */
SOCKET *bshare_other_handles(struct bsock *b, unsigned *count);
/*
 * Drops b's reference (b is being closed).  True if no other handle or
 * claim of this process shares the socket; *exported whether another
 * process may (then this was not the last reference after all).
 */
bool bshare_release(struct bsock *b, bool *exported);
/*
 * Changes a setting kept in struct bsock or struct bsock_rare (setsockopt,
 * FIONBIO) on b and, when b shares its socket, on every handle of it in this
 * process ("all the state associated with a socket is held in common across
 * all the descriptors", Shared Sockets).  check (may be NULL) may refuse the
 * change for a handle with a Winsock error, and then nothing changes (a
 * setting kept in struct bsock_rare has check make it, so that apply cannot
 * fail); apply makes it.  Both run with the handle's lock held.  Returns check's error or 0.  A
 * socket that was never shared costs one lock, as a plain setter does.
 */
int bshare_set(struct bsock *b, int (*check)(struct bsock *m, const void *arg),
               void (*apply)(struct bsock *m, const void *arg), const void *arg);
/* kobj_ops.associate_port: CreateIoCompletionPort associates every handle of b's socket. */
bool bshare_associate_port(struct kobj *obj, struct kport *port, ULONG_PTR key);
/* The final WSPCleanup: stops the broker thread and drops unclaimed duplicates. */
void base_duplicate_cleanup(void);

/* The rest of the proc table. */
SOCKET WSPAPI base_WSPSocket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo,
                             GROUP g, DWORD dwFlags, LPINT lpErrno);
int WSPAPI base_WSPBind(SOCKET s, const struct sockaddr *name, int namelen, LPINT lpErrno);
int WSPAPI base_WSPListen(SOCKET s, int backlog, LPINT lpErrno);
SOCKET WSPAPI base_WSPAccept(SOCKET s, struct sockaddr *addr, LPINT addrlen,
                             LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData,
                             LPINT lpErrno);
int WSPAPI base_WSPConnect(SOCKET s, const struct sockaddr *name, int namelen,
                           LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS,
                           LPINT lpErrno);
int WSPAPI base_WSPShutdown(SOCKET s, int how, LPINT lpErrno);
int WSPAPI base_WSPGetSockName(SOCKET s, struct sockaddr *name, LPINT namelen, LPINT lpErrno);
int WSPAPI base_WSPGetPeerName(SOCKET s, struct sockaddr *name, LPINT namelen, LPINT lpErrno);
int WSPAPI base_WSPSend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                        LPDWORD lpNumberOfBytesSent, DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                        LPWSATHREADID lpThreadId, LPINT lpErrno);
int WSPAPI base_WSPSendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                          LPDWORD lpNumberOfBytesSent, DWORD dwFlags, const struct sockaddr *lpTo,
                          int iTolen, LPWSAOVERLAPPED lpOverlapped,
                          LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                          LPWSATHREADID lpThreadId, LPINT lpErrno);
int WSPAPI base_WSPRecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                        LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                        LPWSATHREADID lpThreadId, LPINT lpErrno);
int WSPAPI base_WSPRecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                            LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags, struct sockaddr *lpFrom,
                            LPINT lpFromlen, LPWSAOVERLAPPED lpOverlapped,
                            LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                            LPWSATHREADID lpThreadId, LPINT lpErrno);
int WSPAPI base_WSPGetSockOpt(SOCKET s, int level, int optname, char *optval, LPINT optlen,
                              LPINT lpErrno);
int WSPAPI base_WSPSetSockOpt(SOCKET s, int level, int optname, const char *optval, int optlen,
                              LPINT lpErrno);
int WSPAPI base_WSPIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
                         LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned,
                         LPWSAOVERLAPPED lpOverlapped,
                         LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                         LPWSATHREADID lpThreadId, LPINT lpErrno);
int WSPAPI base_WSPSelect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                          const struct timeval *timeout, LPINT lpErrno);

/* poll.c: WSAPoll, reached through WSPIoctl(SIO_WS2POSIX_POLL). */
int base_poll(WSAPOLLFD *fds, ULONG nfds, INT timeout, LPINT lpErrno);

/*
 * blocking.c: the Winsock 1.1 blocking hook in a blocking wait.  begin asks
 * ws2_32 for the thread's callback (WPUQueryBlockingCallback); step, called
 * before each sleep, runs it and caps the sleep (*until, -1 for none) so that
 * it runs again soon, and returns WSAEINTR once the call was cancelled
 * (WSPCancelBlockingCall), else 0.  No callback: step only checks the cancel.
 */
struct base_blocking {
    LPBLOCKINGCALLBACK callback;
    DWORD_PTR context;
    bool looked; /* the first pass has polled without waiting */
};
void base_blocking_begin(struct base_blocking *bb, const struct bsock *b);
int base_blocking_step(struct base_blocking *bb, int64_t *until);
void base_blocking_end(struct base_blocking *bb);
int base_blocking_cancel(LPINT lpErrno);

#endif
