/*
 * WSPIoctl, split by concern: the dispatcher and the plain controls
 * (ioctl.c), the overlapped forms (ioctl_async.c), the interface and route
 * queries (ioctl_iface.c), SIO_ADDRESS_LIST_SORT (ioctl_sort.c), and the controls that wait for a
 * change of addresses, routes or the ideal send backlog (ioctl_notify.c).
 *
 * How Windows completes an overlapped WSAIoctl depends on who answers the
 * code, and Wine's ws2_32 tests record each case on Windows:
 *   - codes answered at once (FIONBIO, FIONREAD, SIOCATMARK,
 *     SIO_GET_EXTENSION_FUNCTION_POINTER, SIO_KEEPALIVE_VALS,
 *     SIO_ROUTING_INTERFACE_QUERY, SIO_ADDRESS_LIST_QUERY ...) return 0, set
 *     *lpcbBytesReturned as without an OVERLAPPED, and still deliver a
 *     completion with status 0 and a byte count of 0 (Internal and
 *     InternalHigh 0, a packet of 0 bytes, a routine called with 0, 0);
 *     their argument errors fail the call and deliver nothing;
 *   - codes the driver answers (SIO_GET_INTERFACE_LIST) return
 *     WSA_IO_PENDING and deliver the result, the byte count included, or
 *     the error (an output buffer too small: STATUS_BUFFER_TOO_SMALL);
 *   - a code nobody knows, and SIO_BASE_HANDLE with an OVERLAPPED, return
 *     WSA_IO_PENDING and complete with STATUS_NOT_SUPPORTED
 *     (ERROR_NOT_SUPPORTED from the port, WSAEOPNOTSUPP in a routine);
 *     without an OVERLAPPED they fail with WSAEOPNOTSUPP and set the count
 *     to 0;
 *   - a NULL lpcbBytesReturned is WSAEFAULT for every code, with an
 *     OVERLAPPED or without.
 */
#ifndef WS2_PROVIDERS_BASE_IOCTL_H
#define WS2_PROVIDERS_BASE_IOCTL_H

#include "providers/base/base.h"

/* NTSTATUS values the overlapped controls complete with (kernel/ntstatus.c maps them). */
#define IOCTL_STATUS_NOT_SUPPORTED    0xC00000BBu
#define IOCTL_STATUS_BUFFER_TOO_SMALL 0xC0000023u

/* One WSPIoctl call, its arguments checked for the parts every code shares. */
struct ioctl_call {
    struct bsock *b;
    DWORD code;
    void *in;
    DWORD in_len;
    void *out;
    DWORD out_len;
    LPDWORD returned; /* never NULL, always writable */
    LPWSAOVERLAPPED ov;
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
};

/* ioctl_async.c */
/*
 * The overlapped form of a control that succeeded at once: delivers its
 * completion (status 0, 0 bytes).  0, or a Winsock error when the
 * operation could not be made (nothing delivered).
 */
int ioctl_complete_now(struct ioctl_call *c);
/*
 * The overlapped form of a control Windows' driver answers: delivers status
 * with bytes; WSA_IO_PENDING, or a Winsock error (nothing delivered).
 */
int ioctl_complete_pending(struct ioctl_call *c, DWORD status, DWORD bytes);
/*
 * Starts an overlapped control that waits for a change: step (ioctl_notify.c)
 * says when it is done; ext (malloc'd, may be NULL) is freed with the
 * operation.  Closing the socket, CancelIo and the final WSACleanup end it
 * as they end every operation.  WSA_IO_PENDING, 0 if it completed at once,
 * or a Winsock error.
 */
int ioctl_start_wait(struct ioctl_call *c,
                     enum bop_step (*step)(struct bsock *, struct bop *, DWORD *), void *ext);

/* ioctl_iface.c: 0 or a Winsock error; each sets *c->returned as Windows does. */
int ioctl_address_list_query(struct ioctl_call *c);
int ioctl_routing_interface_query(struct ioctl_call *c);
/* SIO_GET_INTERFACE_LIST: its whole answer, overlapped or not. */
int ioctl_interface_list(struct ioctl_call *c);

/* ioctl_sort.c: SIO_ADDRESS_LIST_SORT (answered at once). */
int ioctl_address_list_sort(struct ioctl_call *c);

/* ioctl_notify.c: the whole answer of each code, overlapped or not. */
int ioctl_address_list_change(struct ioctl_call *c);
int ioctl_routing_interface_change(struct ioctl_call *c);
int ioctl_ideal_send_backlog_query(struct ioctl_call *c);
int ioctl_ideal_send_backlog_change(struct ioctl_call *c);

#endif
