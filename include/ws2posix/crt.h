/*
 * ws2posix: the Microsoft C runtime's names that Windows programs use (_stricmp, sprintf_s,
 * _countof, min/max ...). Not a Windows SDK header: programs never include it themselves.
 */
#ifndef WS2POSIX_CRT_H
#define WS2POSIX_CRT_H

#endif /* WS2POSIX_CRT_H */
