/*
 * Process and thread calls around CreateThread: GetCurrentProcess,
 * GetProcessId, GetExitCodeProcess, ExitProcess, TerminateProcess,
 * SwitchToThread, Get/SetThreadPriority, GetThreadId.
 */
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include <windows.h>

#include "kernel/thread.h"
#include "sys/usermem.h"

/* "A pseudo handle is a special constant, currently (HANDLE)-1, that is interpreted as the current
 * process handle." */
#define CURRENT_PROCESS_PSEUDO_HANDLE ((HANDLE)(LONG_PTR)-1)

HANDLE WINAPI GetCurrentProcess(void)
{
    return CURRENT_PROCESS_PSEUDO_HANDLE;
}

/* Only the calling process has a handle here. */
DWORD WINAPI GetProcessId(HANDLE Process)
{
    if (Process != CURRENT_PROCESS_PSEUDO_HANDLE) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    return GetCurrentProcessId();
}

BOOL WINAPI GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode)
{
    if (hProcess != CURRENT_PROCESS_PSEUDO_HANDLE) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!lpExitCode || !sys_user_writable(lpExitCode, sizeof(*lpExitCode))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    *lpExitCode = STILL_ACTIVE; /* it is running: it is the caller */
    return TRUE;
}

/*
 * ExitProcess ends every thread and runs the process's detach code; here
 * that is exit(): atexit handlers run and stdio is flushed, as the C
 * runtime's exit does on Windows before it calls ExitProcess.
 */
void WINAPI ExitProcess(UINT uExitCode)
{
    exit((int)uExitCode);
}

/*
 * TerminateProcess of the calling process ends it at once, running nothing
 * ("does not ... notify DLLs"): _exit.  Other processes have no handles here.
 */
BOOL WINAPI TerminateProcess(HANDLE hProcess, UINT uExitCode)
{
    if (hProcess != CURRENT_PROCESS_PSEUDO_HANDLE) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    _exit((int)uExitCode);
}

BOOL WINAPI SwitchToThread(void)
{
    /*
     * "If calling the SwitchToThread function causes the operating system to
     * switch execution to another thread, the return value is nonzero";
     * Linux does not say whether sched_yield switched, so the answer is yes.
     */
    sched_yield();
    return TRUE;
}

static bool thread__priority_valid(int p)
{
    switch (p) {
    case THREAD_PRIORITY_IDLE:
    case THREAD_PRIORITY_LOWEST:
    case THREAD_PRIORITY_BELOW_NORMAL:
    case THREAD_PRIORITY_NORMAL:
    case THREAD_PRIORITY_ABOVE_NORMAL:
    case THREAD_PRIORITY_HIGHEST:
    case THREAD_PRIORITY_TIME_CRITICAL: return true;
    default: return false;
    }
}

BOOL WINAPI SetThreadPriority(HANDLE hThread, int nPriority)
{
    struct kthread *t = kthread_from_handle(hThread);
    if (!t) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    BOOL ok = TRUE;
    if (nPriority == THREAD_MODE_BACKGROUND_BEGIN || nPriority == THREAD_MODE_BACKGROUND_END) {
        /* Background mode is for the calling thread only. */
        if (t != kthread_self()) {
            SetLastError(ERROR_INVALID_PARAMETER);
            ok = FALSE;
        }
    } else if (!thread__priority_valid(nPriority)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        ok = FALSE;
    } else {
        atomic_store(&t->priority, nPriority);
    }
    kthread_release(t);
    return ok;
}

int WINAPI GetThreadPriority(HANDLE hThread)
{
    struct kthread *t = kthread_from_handle(hThread);
    if (!t) {
        SetLastError(ERROR_INVALID_HANDLE);
        return THREAD_PRIORITY_ERROR_RETURN;
    }
    int p = atomic_load(&t->priority);
    kthread_release(t);
    return p;
}

DWORD WINAPI GetThreadId(HANDLE Thread)
{
    struct kthread *t = kthread_from_handle(Thread);
    if (!t) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    DWORD id = t->id;
    kthread_release(t);
    return id;
}
