/*
 * ws2posix <sysinfoapi.h>: GetSystemInfo, GetVersionEx, GetComputerName, system time.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_SYSINFOAPI_H
#define WS2POSIX_SYSINFOAPI_H

#include "windows.h"

#endif /* WS2POSIX_SYSINFOAPI_H */
