/*
 * Win32 error codes the system, loader and memory calls report that
 * include/ws2posix/winerror.h may not list yet (the errors area is filling
 * it in parallel).  The values are the SDK's; each is defined only if
 * winerror.h has not, so this file can go once it has them all.
 */
#ifndef WS2_WIN32_W32ERR_H
#define WS2_WIN32_W32ERR_H

#include <windows.h>

#ifndef ERROR_BAD_LENGTH
#define ERROR_BAD_LENGTH 24
#endif
#ifndef ERROR_BUFFER_OVERFLOW
#define ERROR_BUFFER_OVERFLOW 111
#endif
#ifndef ERROR_MOD_NOT_FOUND
#define ERROR_MOD_NOT_FOUND 126
#endif
#ifndef ERROR_PROC_NOT_FOUND
#define ERROR_PROC_NOT_FOUND 127
#endif
#ifndef ERROR_NOT_LOCKED
#define ERROR_NOT_LOCKED 158
#endif
#ifndef ERROR_INVALID_ADDRESS
#define ERROR_INVALID_ADDRESS 487
#endif
#ifndef ERROR_COMMITMENT_LIMIT
#define ERROR_COMMITMENT_LIMIT 1455
#endif

#endif
