/*
 * ws2posix <debugapi.h>: OutputDebugString.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_DEBUGAPI_H
#define WS2POSIX_DEBUGAPI_H

#include "windows.h"

#endif /* WS2POSIX_DEBUGAPI_H */
