/*
 * ws2posix <winnls.h>: code pages: MultiByteToWideChar, WideCharToMultiByte.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_WINNLS_H
#define WS2POSIX_WINNLS_H

#include "windows.h"

#endif /* WS2POSIX_WINNLS_H */
