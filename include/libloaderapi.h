/*
 * ws2posix <libloaderapi.h>: GetModuleHandle, GetProcAddress, LoadLibrary, FreeLibrary.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_LIBLOADERAPI_H
#define WS2POSIX_LIBLOADERAPI_H

#include "windows.h"

#endif /* WS2POSIX_LIBLOADERAPI_H */
