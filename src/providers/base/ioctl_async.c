/*
 * The overlapped forms of WSPIoctl (ioctl.h says how Windows completes
 * each kind).  They are operations of overlapped.c (kind BOP_CONTROL), so
 * that an event, a completion routine or a completion port receives them
 * exactly as it receives a send or a receive, FILE_SKIP_COMPLETION_PORT_ON_
 * SUCCESS included, and so that closesocket, CancelIo/CancelIoEx and the
 * final WSACleanup end a pending one as they end every other operation.
 */
#include <stdlib.h>

#include "kernel/ntstatus.h"
#include "providers/base/ioctl.h"

/* A result known when the call is made. */
struct ioctl_result {
    DWORD status;
    DWORD bytes;
};

static enum bop_step ioctl__result_step(struct bsock *b, struct bop *op, DWORD *status)
{
    (void)b;
    const struct ioctl_result *r = bop_ext(op);
    /* The byte count the completion reports (InternalHigh, the packet's). */
    bop_set_buffers(op, NULL, 0, r->bytes);
    *status = r->status;
    return BOP_DONE;
}

static struct bop *ioctl__new(struct ioctl_call *c,
                              enum bop_step (*step)(struct bsock *, struct bop *, DWORD *),
                              void *ext)
{
    struct bop *op = bop_new(BOP_CONTROL, NULL, 0, c->ov);
    if (!op) {
        free(ext);
        return NULL;
    }
    bop_set_step(op, step, ext);
    bop_set_routine(op, c->routine);
    return op;
}

static int ioctl__start_result(struct ioctl_call *c, DWORD status, DWORD bytes, bool pending)
{
    struct ioctl_result *r = malloc(sizeof(*r));
    if (!r)
        return WSAENOBUFS;
    r->status = status;
    r->bytes = bytes;
    struct bop *op = ioctl__new(c, ioctl__result_step, r);
    if (!op)
        return WSAENOBUFS;
    if (pending)
        bop_set_options(op, BOP_OPT_ALWAYS_PENDS);
    return bop_start(c->b, op, NULL, NULL);
}

int ioctl_complete_now(struct ioctl_call *c)
{
    /*
     * *lpcbBytesReturned already holds what the control wrote; the
     * completion itself reports 0 bytes (Internal and InternalHigh 0, a
     * packet of size 0, a routine called with 0), as Windows does for
     * FIONREAD, SIO_ROUTING_INTERFACE_QUERY and the others answered at once.
     */
    return ioctl__start_result(c, KSTATUS_SUCCESS, 0, false);
}

int ioctl_complete_pending(struct ioctl_call *c, DWORD status, DWORD bytes)
{
    return ioctl__start_result(c, status, bytes, true);
}

int ioctl_start_wait(struct ioctl_call *c,
                     enum bop_step (*step)(struct bsock *, struct bop *, DWORD *), void *ext)
{
    struct bop *op = ioctl__new(c, step, ext);
    if (!op)
        return WSAENOBUFS;
    /* A wait is reported pending even when what it waits for has come already. */
    bop_set_options(op, BOP_OPT_ALWAYS_PENDS);
    return bop_start(c->b, op, NULL, NULL);
}
