/*
 * ws2posix <processenv.h>: the standard handles: GetStdHandle, SetStdHandle.
 */
#ifndef WS2POSIX_PROCESSENV_H
#define WS2POSIX_PROCESSENV_H

#include "windows.h"

#endif /* WS2POSIX_PROCESSENV_H */
