/*
 * ws2posix <excpt.h>: the names an MSVC __try/__except filter uses.
 *
 * Structured exception handling is MSVC language, not API, and is not offered
 * (README, "Porting"; GCC and MinGW refuse it too).  A port maps __try and
 * __except to plain C as ../shared/corpus/check.sh does; the filter
 * expression and the handler are then compiled but never run, since Linux
 * raises no SEH exception.  These names let them compile: the filter
 * results, GetExceptionCode() (0 here: there is never an exception to
 * report) and the exception codes programs compare it with.
 */
#ifndef WS2POSIX_EXCPT_H
#define WS2POSIX_EXCPT_H

#include "ws2posix/wintypes.h"

#define EXCEPTION_EXECUTE_HANDLER    1
#define EXCEPTION_CONTINUE_SEARCH    0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

#define GetExceptionCode()    ((DWORD)0)
#define AbnormalTermination() 0

/* winnt.h's names, which ntstatus.h defines instead under WIN32_NO_STATUS. */
#ifndef WIN32_NO_STATUS
#define STATUS_BREAKPOINT             ((DWORD)0x80000003)
#define STATUS_SINGLE_STEP            ((DWORD)0x80000004)
#define STATUS_ACCESS_VIOLATION       ((DWORD)0xC0000005)
#define STATUS_IN_PAGE_ERROR          ((DWORD)0xC0000006)
#define STATUS_INVALID_HANDLE         ((DWORD)0xC0000008)
#define STATUS_NO_MEMORY              ((DWORD)0xC0000017)
#define STATUS_ILLEGAL_INSTRUCTION    ((DWORD)0xC000001D)
#define STATUS_ARRAY_BOUNDS_EXCEEDED  ((DWORD)0xC000008C)
#define STATUS_INTEGER_DIVIDE_BY_ZERO ((DWORD)0xC0000094)
#define STATUS_STACK_OVERFLOW         ((DWORD)0xC00000FD)
#endif

#define EXCEPTION_ACCESS_VIOLATION      ((DWORD)0xC0000005)
#define EXCEPTION_BREAKPOINT            ((DWORD)0x80000003)
#define EXCEPTION_SINGLE_STEP           ((DWORD)0x80000004)
#define EXCEPTION_ARRAY_BOUNDS_EXCEEDED ((DWORD)0xC000008C)
#define EXCEPTION_INT_DIVIDE_BY_ZERO    ((DWORD)0xC0000094)
#define EXCEPTION_ILLEGAL_INSTRUCTION   ((DWORD)0xC000001D)
#define EXCEPTION_IN_PAGE_ERROR         ((DWORD)0xC0000006)
#define EXCEPTION_STACK_OVERFLOW        ((DWORD)0xC00000FD)
#define EXCEPTION_INVALID_HANDLE        ((DWORD)0xC0000008)

#endif /* WS2POSIX_EXCPT_H */
