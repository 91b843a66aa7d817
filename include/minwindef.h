/*
 * ws2posix <minwindef.h>: the SDK's header of the base types (BOOL, BYTE,
 * WORD, DWORD, HANDLE, MAX_PATH, MAKEWORD ...).  Here they live in
 * ws2posix/wintypes.h, which windows.h includes; this name brings them in
 * for programs that include it directly.
 */
#ifndef WS2POSIX_MINWINDEF_H
#define WS2POSIX_MINWINDEF_H

#include "windows.h"

#endif /* WS2POSIX_MINWINDEF_H */
