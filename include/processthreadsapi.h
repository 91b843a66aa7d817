/*
 * ws2posix <processthreadsapi.h>: thread-local storage (TlsAlloc ...) and the process and thread
 * calls beyond those in windows.h. windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_PROCESSTHREADSAPI_H
#define WS2POSIX_PROCESSTHREADSAPI_H

#include "windows.h"

#endif /* WS2POSIX_PROCESSTHREADSAPI_H */
