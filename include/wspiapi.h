/*
 * wspiapi.h: the Windows SDK's shim that gave programs built for Windows
 * 2000 and earlier getaddrinfo, getnameinfo and freeaddrinfo (the Wspiapi*
 * functions, which call the system's functions where they exist).  Every
 * Windows since XP has them, and so do we: including this header only adds
 * the Wspiapi* names, which call the real functions.  Programs include it
 * for compatibility and then call getaddrinfo, which stays the real one.
 */
#ifndef WS2POSIX_WSPIAPI_H
#define WS2POSIX_WSPIAPI_H

#include "ws2tcpip.h"

#ifdef __cplusplus
extern "C" {
#endif

static inline int WINAPI WspiapiGetAddrInfo(const char *nodename, const char *servname,
                                            const struct addrinfo *hints, struct addrinfo **res)
{
    return getaddrinfo(nodename, servname, hints, res);
}

static inline int WINAPI WspiapiGetNameInfo(const struct sockaddr *sa, socklen_t salen, char *host,
                                            size_t hostlen, char *serv, size_t servlen, int flags)
{
    return getnameinfo(sa, salen, host, (DWORD)hostlen, serv, (DWORD)servlen, flags);
}

static inline void WINAPI WspiapiFreeAddrInfo(struct addrinfo *ai)
{
    freeaddrinfo(ai);
}

#ifdef __cplusplus
}
#endif

#endif
