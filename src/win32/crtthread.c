/*
 * The C runtime's threads: _beginthreadex, _endthreadex, _beginthread,
 * _endthread, _getpid.  They are CreateThread's threads (src/kernel/thread.c)
 * with the runtime's conventions on top: errno instead of the last error,
 * and for _beginthread a handle that closes itself when the thread ends.
 */
#include <errno.h>
#include <process.h>
#include <stdlib.h>
#include <unistd.h>

#include <windows.h>

static int crt__errno_from_last_error(void)
{
    switch (GetLastError()) {
    case ERROR_INVALID_PARAMETER: return EINVAL;
    case ERROR_NOACCESS: return EINVAL;
    default: return EAGAIN;
    }
}

/*
 * _beginthreadex's start routine returns unsigned, which is DWORD's type;
 * the trampoline keeps the call well-typed all the same.
 */
struct crt__start {
    _beginthreadex_proc_type ex;
    _beginthread_proc_type plain;
    void *arg;
    HANDLE self; /* _beginthread: the handle the thread closes as it ends */
};

/* The _beginthread thread's own handle, which _endthread closes. */
static _Thread_local HANDLE crt__own_handle;

static DWORD WINAPI crt__trampoline(LPVOID p)
{
    struct crt__start s = *(struct crt__start *)p;
    free(p);
    if (s.ex)
        return s.ex(s.arg); /* "_endthreadex is called automatically when the thread returns" */
    crt__own_handle = s.self;
    s.plain(s.arg);
    _endthread();
}

uintptr_t __cdecl _beginthreadex(void *_Security, unsigned _StackSize,
                                 _beginthreadex_proc_type _StartAddress, void *_ArgList,
                                 unsigned _InitFlag, unsigned *_ThrdAddr)
{
    if (!_StartAddress) {
        errno = EINVAL;
        return 0;
    }
    struct crt__start *s = calloc(1, sizeof(*s));
    if (!s) {
        errno = ENOMEM;
        return 0;
    }
    s->ex = _StartAddress;
    s->arg = _ArgList;
    DWORD id = 0;
    HANDLE h = CreateThread((LPSECURITY_ATTRIBUTES)_Security, _StackSize, crt__trampoline, s,
                            _InitFlag, &id);
    if (!h) {
        free(s);
        errno = crt__errno_from_last_error();
        return 0;
    }
    if (_ThrdAddr)
        *_ThrdAddr = id;
    return (uintptr_t)h;
}

void __cdecl _endthreadex(unsigned _ReturnCode)
{
    ExitThread(_ReturnCode);
}

uintptr_t __cdecl _beginthread(_beginthread_proc_type _StartAddress, unsigned _StackSize,
                               void *_ArgList)
{
    if (!_StartAddress) {
        errno = EINVAL;
        return (uintptr_t)-1;
    }
    struct crt__start *s = calloc(1, sizeof(*s));
    if (!s) {
        errno = ENOMEM;
        return (uintptr_t)-1;
    }
    s->plain = _StartAddress;
    s->arg = _ArgList;
    /* Suspended until it knows its own handle, which it closes as it ends. */
    HANDLE h = CreateThread(NULL, _StackSize, crt__trampoline, s, CREATE_SUSPENDED, NULL);
    if (!h) {
        free(s);
        errno = crt__errno_from_last_error();
        return (uintptr_t)-1;
    }
    s->self = h;
    ResumeThread(h);
    return (uintptr_t)h;
}

void __cdecl _endthread(void)
{
    /* "_endthread automatically closes the thread handle" (of a _beginthread thread). */
    HANDLE own = crt__own_handle;
    crt__own_handle = NULL;
    if (own)
        CloseHandle(own);
    ExitThread(0);
}

int __cdecl _getpid(void)
{
    return (int)getpid();
}
