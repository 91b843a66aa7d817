/*
 * ws2posix <mmsystem.h>: the multimedia timer calls network programs use (timeGetTime, timeBeginPeriod ...); windows.h includes it unless WIN32_LEAN_AND_MEAN, as the SDK's does.
 */
#ifndef WS2POSIX_MMSYSTEM_H
#define WS2POSIX_MMSYSTEM_H

#include "windows.h"

#endif /* WS2POSIX_MMSYSTEM_H */
