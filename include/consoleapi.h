/*
 * ws2posix <consoleapi.h>: console input and output: WriteConsole, ReadConsole, GetConsoleMode.
 */
#ifndef WS2POSIX_CONSOLEAPI_H
#define WS2POSIX_CONSOLEAPI_H

#include "windows.h"

#endif /* WS2POSIX_CONSOLEAPI_H */
