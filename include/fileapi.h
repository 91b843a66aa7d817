/*
 * ws2posix <fileapi.h>: files: CreateFile, ReadFile, WriteFile, FindFirstFile ....
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_FILEAPI_H
#define WS2POSIX_FILEAPI_H

#include "windows.h"

#endif /* WS2POSIX_FILEAPI_H */
