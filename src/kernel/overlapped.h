#ifndef WS2_KERNEL_OVERLAPPED_H
#define WS2_KERNEL_OVERLAPPED_H

#include <stdbool.h>
#include <stdint.h>

#include <windows.h>

/*
 * An OVERLAPPED's hEvent with its low bit set asks that the completion not
 * be queued to the handle's completion port, as Windows documents for
 * GetQueuedCompletionStatus; the rest of the value is the event (handle
 * values are multiples of 4, kernel/handle.h).  Every place that signals,
 * clears or waits on the event, or posts the packet, reads hEvent through
 * these two.
 */
static inline HANDLE koverlapped_event(HANDLE hEvent)
{
    return (HANDLE)((uintptr_t)hEvent & ~(uintptr_t)1);
}

static inline bool koverlapped_skips_port(HANDLE hEvent)
{
    return ((uintptr_t)hEvent & 1) != 0;
}

/* What koverlapped_status returns when it could not wait (never an NTSTATUS a provider writes). */
#define KOVERLAPPED_BAD_EVENT ((DWORD)-1) /* hEvent is not an event */
#define KOVERLAPPED_NO_MEMORY ((DWORD)-2) /* no thread state to sleep on */

/*
 * The status in an OVERLAPPED (see ntstatus.h), waiting first if asked to
 * and the operation is still pending: once on hEvent when there is one, as
 * Windows does (so KSTATUS_PENDING comes back when the event was already
 * signalled, and the callers report it as the success status it is);
 * otherwise until the operation's provider calls koverlapped_finish for
 * this OVERLAPPED.  One of the KOVERLAPPED_* values above when the wait
 * failed.
 */
DWORD koverlapped_status(const OVERLAPPED *ov, BOOL wait);

/*
 * Writes an operation's final status into ov->Internal — which hands the
 * OVERLAPPED back to the application, so InternalHigh and Offset must be
 * written before — and wakes the threads waiting for it without an event
 * (koverlapped_status).  Every final status of an operation that was
 * reported pending, or may have been seen pending by another thread, goes
 * through here.  ov is not read after the status is written.
 */
void koverlapped_finish(OVERLAPPED *ov, DWORD status);

#endif
