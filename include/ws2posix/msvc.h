/*
 * ws2posix: MSVC's keywords as GCC and Clang spell them (__declspec, __forceinline, __int64, SAL
 * annotations). Not a Windows SDK header: programs never include it themselves.
 */
#ifndef WS2POSIX_MSVC_H
#define WS2POSIX_MSVC_H

#endif /* WS2POSIX_MSVC_H */
