/*
 * ws2posix <heapapi.h>: heaps (HeapAlloc ...) and the Local/Global allocators.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_HEAPAPI_H
#define WS2POSIX_HEAPAPI_H

#include "windows.h"

#endif /* WS2POSIX_HEAPAPI_H */
