/*
 * ws2posix <winbase.h>: FormatMessage and the other winbase.h calls that are not elsewhere.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_WINBASE_H
#define WS2POSIX_WINBASE_H

#include "windows.h"

#endif /* WS2POSIX_WINBASE_H */
