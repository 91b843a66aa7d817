/*
 * The Windows side of the stress test: operation records, counters, the
 * shared state of a cycle, and the scenarios (stress_ops.c, stress_scen.c,
 * stress_main.c).  Written as a Windows program would be.
 */
#ifndef WS2_STRESS_WIN_H
#define WS2_STRESS_WIN_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>

#include <stdatomic.h>

#include "stress.h"

/* How an operation's completion is delivered. */
enum { M_EVENT, M_ROUTINE, M_PORT, M_COUNT };
/*
 * Or'ed into M_PORT: the socket has FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, so
 * an operation that succeeds at issue posts nothing.
 */
#define M_SKIP 0x10
/* What an operation is. */
enum { K_SEND, K_RECV, K_ACCEPT, K_CONNECT, K_DISCONNECT, K_COUNT };

/* NTSTATUS values an OVERLAPPED's Internal holds. */
#define STRESS_STATUS_CANCELLED 0xC0000120u

#define OP_MAGIC 0x0bada55u

struct op {
    WSAOVERLAPPED ov; /* first: the OVERLAPPED pointer is the record */
    unsigned magic;
    int mode, kind;
    int skip;         /* M_SKIP: success at issue means no packet */
    int immediate;    /* the issue succeeded at once */
    int expect;       /* the issue said pending or success: exactly one notification is due */
    int final;        /* pending at the final WSACleanup: no notification at all */
    atomic_int notes; /* notifications seen */
    DWORD tid;        /* the issuing thread (completion routines run only there) */
    DWORD note_err;   /* the error the notification carried */
    struct op *next;  /* the cycle's list of every record */
    char *buf;
    DWORD len;
    WSABUF wsabuf[4];
    WSABUF *many;     /* a WSABUF array past Linux's IOV_MAX */
    const char *scen; /* the scenario that issued it, for the reports */
};

/* The scenario the calling thread runs (names ops in reports). */
extern _Thread_local const char *stress_scen;

enum stat {
    ST_CYCLES,
    ST_ISSUED,
    ST_ISSUE_FAILED,
    ST_NOTE_EVENT,
    ST_NOTE_ROUTINE,
    ST_NOTE_PORT,
    ST_SUCCEEDED,
    ST_ABORTED,
    ST_OTHER_STATUS,
    ST_SENT_BYTES,
    ST_PEER_BYTES,
    ST_LOCAL_BYTES,
    ST_STREAMS_WHOLE,
    ST_STREAMS_CUT,
    ST_PAIRS,
    ST_ACCEPTEX,
    ST_CONNECTEX,
    ST_DISCONNECTEX,
    ST_REUSED,
    ST_CLOSE_OTHER,
    ST_CANCELIOEX,
    ST_CANCELIO,
    ST_SHUTDOWN,
    ST_LINGER,
    ST_DUPS,
    ST_BLOCK_INTERRUPTED,
    ST_NESTED,
    ST_STALE_REFUSED,
    ST_FINAL_CLEANUPS,
    ST_FINAL_ABORTED,
    ST_FINAL_BLOCKED,
    ST_FINAL_LATE,
    ST_FD_CHECKS,
    ST_LASTERROR_CHECKS,
    ST_MANY_BUFS,
    ST_SKIPPED,
    ST_GOR_WAITS,
    ST_UDP_SENDS,
    ST_NB_SENDS,
    ST_NB_WOULDBLOCK,
    ST_VIOLATIONS,
    ST_COUNT
};
extern atomic_llong stress_stats[ST_COUNT];
extern const char *const stress_stat_names[ST_COUNT];
#define STAT_ADD(st, n) atomic_fetch_add(&stress_stats[st], (long long)(n))

/* Scenario groups that a known, not yet merged defect makes fail (WS2T_STRESS_OFF). */
enum { SW_ACCEPTEX, SW_CLEANUP, SW_BADINPUT, SW_KERNEL, SW_TRANSFER, SW_COUNT };

struct rng {
    uint64_t s;
};
static inline uint64_t rng_next(struct rng *r)
{
    r->s += 0x9E3779B97F4A7C15ull;
    return stress_mix(r->s);
}
/* Uniform in [0, n). */
static inline unsigned rng_below(struct rng *r, unsigned n)
{
    return n ? (unsigned)(rng_next(r) % n) : 0;
}

/* What the closer thread does to a socket on a worker's request. */
enum { CL_CLOSE, CL_CANCELIOEX, CL_CANCELIOEX_OP };
struct close_req {
    SOCKET s;
    int action;
    struct op *op;
    unsigned delay_ms;
    atomic_int done;
};

/* One cycle: WSAStartup ... final WSACleanup. */
struct stress_state {
    uint64_t seed;
    uint32_t cycle;
    int threads;
    int on[SW_COUNT];
    unsigned short raw_port;
    HANDLE port;
    atomic_int endgame;                       /* workers: stop scenarios, set up the final state */
    atomic_int ready;                         /* workers in their final state */
    atomic_int cleaning;                      /* the final WSACleanup is about to be called */
    atomic_int cleaned;                       /* the final WSACleanup has returned */
    atomic_llong connected_total;             /* connections made to the raw peer, every cycle */
    atomic_int stop_port;                     /* port threads: leave */
    atomic_uint stream_id;                    /* next raw-peer stream of this cycle */
    unsigned char expect[STRESS_MAX_STREAMS]; /* per stream: EXP_* */
    _Atomic(struct op *) ops;
    LPFN_ACCEPTEX acceptex;
    LPFN_CONNECTEX connectex;
    LPFN_DISCONNECTEX disconnectex;
    LPFN_GETACCEPTEXSOCKADDRS sockaddrs;
};
enum { EXP_NONE, EXP_CUT, EXP_WHOLE };
extern struct stress_state S;

/* A worker thread's own state. */
struct worker {
    int index;
    struct rng rng;
    SOCKET listener; /* this worker's listener for pairs */
    int listener_port_assoc;
    struct sockaddr_in listen_addr;
    unsigned short last_port; /* the previous listener's port (rebind over TIME_WAIT) */
    SOCKET stale[8];          /* closed sockets, for the stale-handle check */
    int nstale;
    struct op *final_ops[8];
    int nfinal;
    HANDLE select_event;
};

/* Reports a broken invariant (with the seed) and counts it. */
void stress_violation(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* stress_ops.c */
struct op *op_new(struct rng *r, int kind, int mode, size_t buflen);
/* Records an issue's result (TRUE/0 or pending: a notification is due). */
void op_issued(struct op *o, int ok, int err);
/* Waits (alertably) for the op's notification; 0 if none came within timeout_ms. */
int op_wait(struct op *o, DWORD timeout_ms);
/* The op's final status from its OVERLAPPED (Internal). */
DWORD op_status(const struct op *o);
void CALLBACK op_routine(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags);
/*
 * The notification mode for an op on a socket: port_assoc 0 (not
 * associated): an event or a routine; 1: M_PORT; 2: M_PORT | M_SKIP.
 */
int op_pick_mode(struct rng *r, int port_assoc);
/* The same for AcceptEx, ConnectEx, DisconnectEx, which take no routine. */
int op_ext_mode(int port_assoc);
DWORD WINAPI port_thread(LPVOID arg);
/* Checks and frees every op of the cycle. */
void ops_check_and_free(void);
/* The closer thread and its queue. */
void closer_request(struct close_req *req);
void closer_wait(struct close_req *req);
DWORD WINAPI closer_thread(LPVOID arg);

/* stress_scen.c: helpers the scenarios share, and the worker thread. */
#define WAIT_MS 20000
SOCKET stress_socket(void);
int stress_assoc(SOCKET s);
void stress_close(SOCKET s);
void stress_stale(SOCKET s);
struct sockaddr_in stress_loopback(unsigned short port);
struct op *stress_send(struct worker *w, SOCKET s, int mode, const char *data, DWORD len);
struct op *stress_recv(struct worker *w, SOCKET s, int mode, DWORD len);
int stress_wait_ok(struct op *o, const char *what);
int stress_gor(SOCKET s, struct op *o);
void stress_wait_aborted(struct op *o, const char *what);
int stress_listener(struct worker *w);
SOCKET stress_dup(SOCKET s);
int stress_connect(struct worker *w, SOCKET s, int port_assoc, struct sockaddr_in *addr,
                   const char *data, DWORD len, DWORD *sent);
struct op *stress_acceptex(struct worker *w, SOCKET acc, DWORD rcvlen);
DWORD WINAPI worker_thread(LPVOID arg);

/* stress_pair.c: both ends ours. */
void scen_pair(struct worker *w);
void scen_accept_abort(struct worker *w);

/* stress_final.c: the state each worker leaves for the final WSACleanup, and its checks. */
void stress_final_state(struct worker *w);

#endif
