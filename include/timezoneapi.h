/*
 * ws2posix <timezoneapi.h>: SYSTEMTIME and FILETIME conversions.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_TIMEZONEAPI_H
#define WS2POSIX_TIMEZONEAPI_H

#include "windows.h"

#endif /* WS2POSIX_TIMEZONEAPI_H */
