/*
 * ws2posix <memoryapi.h>: VirtualAlloc, VirtualFree, VirtualProtect.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_MEMORYAPI_H
#define WS2POSIX_MEMORYAPI_H

#include "windows.h"

#endif /* WS2POSIX_MEMORYAPI_H */
