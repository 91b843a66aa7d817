/*
 * ws2posix <wincon.h>: the console: SetConsoleCtrlHandler, GetStdHandle, WriteConsole.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_WINCON_H
#define WS2POSIX_WINCON_H

#include "windows.h"

#endif /* WS2POSIX_WINCON_H */
