/*
 * ws2posix <wsipx.h>: the IPX/SPX address family's address structure and
 * protocol numbers, so that programs which still name them compile.
 *
 * Linux dropped IPX in 4.18 and there is no IPX provider here: a socket of
 * family AF_IPX fails with WSAEAFNOSUPPORT, as on a Windows machine without
 * the NWLink protocol (Windows Vista and later).
 */
#ifndef WS2POSIX_WSIPX_H
#define WS2POSIX_WSIPX_H

typedef struct sockaddr_ipx {
    short sa_family;
    char sa_netnum[4];
    char sa_nodenum[6];
    unsigned short sa_socket;
} SOCKADDR_IPX, *PSOCKADDR_IPX, *LPSOCKADDR_IPX;

/* Protocol numbers of the IPX family (WSAPROTOCOL_INFO.iProtocol). */
#define NSPROTO_IPX   1000
#define NSPROTO_SPX   1256
#define NSPROTO_SPXII 1257

#endif /* WS2POSIX_WSIPX_H */
