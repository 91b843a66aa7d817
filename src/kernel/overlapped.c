/*
 * What every overlapped operation shares, whichever object it ran on:
 * GetOverlappedResult, CancelIo, CancelIoEx, and reading an OVERLAPPED's
 * status (the status is an NTSTATUS in Internal, see ntstatus.h).
 */
#include "kernel/overlapped.h"

#include "kernel/handle.h"
#include "kernel/ntstatus.h"
#include "kernel/thread.h"

DWORD koverlapped_status(const OVERLAPPED *ov, BOOL wait)
{
    DWORD status = (DWORD)__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
    HANDLE event = (HANDLE)((uintptr_t)ov->hEvent & ~(uintptr_t)1);
    unsigned nap = 1;
    while (status == KSTATUS_PENDING && wait) {
        if (event) {
            if (WaitForSingleObject(event, INFINITE) == WAIT_FAILED)
                return (DWORD)-1;
        } else {
            Sleep(nap);
            nap = nap < 8 ? nap * 2 : 8;
        }
        status = (DWORD)__atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
    }
    return status;
}

BOOL WINAPI GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped,
                                LPDWORD lpNumberOfBytesTransferred, BOOL bWait)
{
    struct kobj *obj = handle_ref((uintptr_t)hFile, KOBJ_ANY);
    if (!obj) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    handle_unref((uintptr_t)hFile);
    if (!lpOverlapped || !lpNumberOfBytesTransferred) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD status = koverlapped_status(lpOverlapped, bWait);
    if (status == (DWORD)-1) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (status == KSTATUS_PENDING) {
        SetLastError(ERROR_IO_INCOMPLETE);
        return FALSE;
    }
    *lpNumberOfBytesTransferred = (DWORD)lpOverlapped->InternalHigh;
    DWORD error = kstatus_to_win32(status);
    if (error) {
        SetLastError(error);
        return FALSE;
    }
    return TRUE;
}

/* Cancels on hFile what matches; the count, or -1 with the last error set. */
static int overlapped__cancel(HANDLE hFile, const OVERLAPPED *ov, DWORD thread_id)
{
    struct kobj *obj = handle_ref((uintptr_t)hFile, KOBJ_ANY);
    if (!obj) {
        SetLastError(ERROR_INVALID_HANDLE);
        return -1;
    }
    unsigned n = obj->ops->cancel_io ? obj->ops->cancel_io(obj, ov, thread_id) : 0;
    handle_unref((uintptr_t)hFile);
    return (int)n;
}

/* CancelIo: "all pending input and output (I/O) operations that are issued by the calling thread".
 */
BOOL WINAPI CancelIo(HANDLE hFile)
{
    return overlapped__cancel(hFile, NULL, GetCurrentThreadId()) >= 0;
}

/* CancelIoEx: any thread's; "If this function cannot find a request to cancel ... ERROR_NOT_FOUND".
 */
BOOL WINAPI CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)
{
    int n = overlapped__cancel(hFile, lpOverlapped, 0);
    if (n == 0)
        SetLastError(ERROR_NOT_FOUND);
    return n > 0;
}
