/*
 * ws2posix <process.h>: the Microsoft C runtime's thread calls (_beginthreadex, _beginthread,
 * _endthreadex, _endthread) and _getpid.  Threads started here are the library's threads, as
 * CreateThread's are: their handles work with WaitForSingleObject, GetExitCodeThread and
 * CloseHandle.
 */
#ifndef WS2POSIX_PROCESS_H
#define WS2POSIX_PROCESS_H

#include <stdint.h>

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned(__stdcall *_beginthreadex_proc_type)(void *);
typedef void(__cdecl *_beginthread_proc_type)(void *);

/*
 * A thread handle (close it with CloseHandle), or 0 with errno set (EINVAL
 * for a NULL start address, EAGAIN when no thread can be made).
 */
WINBASEAPI uintptr_t __cdecl _beginthreadex(void *_Security, unsigned _StackSize,
                                            _beginthreadex_proc_type _StartAddress, void *_ArgList,
                                            unsigned _InitFlag, unsigned *_ThrdAddr);
WINBASEAPI void __cdecl _endthreadex(unsigned _ReturnCode) __attribute__((noreturn));

/*
 * A thread handle that is closed when the thread ends (so it may be stale
 * by the time the caller looks at it), or (uintptr_t)-1 with errno set.
 */
WINBASEAPI uintptr_t __cdecl _beginthread(_beginthread_proc_type _StartAddress, unsigned _StackSize,
                                          void *_ArgList);
WINBASEAPI void __cdecl _endthread(void) __attribute__((noreturn));

WINBASEAPI int __cdecl _getpid(void);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_PROCESS_H */
