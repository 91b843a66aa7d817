/*
 * ws2posix <mmsystem.h>: of the multimedia API, only the timer calls that
 * network programs use (timeGetTime, timeBeginPeriod ...; see timeapi.h).
 * windows.h includes it unless WIN32_LEAN_AND_MEAN, as the SDK's does.
 */
#ifndef WS2POSIX_MMSYSTEM_H
#define WS2POSIX_MMSYSTEM_H

#include "windows.h"
#include "timeapi.h"

#endif /* WS2POSIX_MMSYSTEM_H */
