/*
 * ws2posix's private extensions to the SPI, shared by ws2_32 and the base
 * provider.  WSAPoll has no entry in WSPPROC_TABLE, so ws2_32 reaches the
 * provider of the first socket through WSPIoctl with a vendor code, the way
 * Windows' own ws2_32 reaches its transport through an ioctl.
 */
#ifndef WS2_PROVIDERS_SPI_EXT_H
#define WS2_PROVIDERS_SPI_EXT_H

#include <winsock2.h>

/* lpvInBuffer: struct ws2_poll_args; *lpcbBytesReturned: the number of ready entries. */
#define SIO_WS2POSIX_POLL _WSAIORW(IOC_VENDOR, 0x5750)
/*
 * What an application's SIO_WS2POSIX_POLL becomes on its way to the
 * provider (ws2_32/sockopt.c): a code no provider answers, so that the
 * application sees what Windows answers for an unknown code.
 */
#define SIO_WS2POSIX_UNKNOWN _WSAIORW(IOC_VENDOR, 0x5751)

struct ws2_poll_args {
    WSAPOLLFD *fds;
    ULONG nfds;
    INT timeout;
};

#endif
