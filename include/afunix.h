/*
 * ws2posix <afunix.h>: Unix domain stream sockets, as Windows 10 (1803 and
 * later) offers them: the SOCKADDR_UN address of family AF_UNIX and the
 * SIO_AF_UNIX_GETPEERPID control code.
 *
 * Windows offers SOCK_STREAM only; a path is a file that bind creates and
 * that stays after closesocket (DeleteFile removes it), as on Linux.
 */
#ifndef WS2POSIX_AFUNIX_H
#define WS2POSIX_AFUNIX_H

#include <ws2def.h>

#define UNIX_PATH_MAX 108

typedef struct sockaddr_un {
    ADDRESS_FAMILY sun_family;
    char sun_path[UNIX_PATH_MAX];
} SOCKADDR_UN, *PSOCKADDR_UN;

/* The process id of the connected peer (a ULONG), as Linux's SO_PEERCRED gives it. */
#define SIO_AF_UNIX_GETPEERPID _WSAIOR(IOC_VENDOR, 256)

#endif /* WS2POSIX_AFUNIX_H */
