/*
 * ws2posix <ipexport.h>: the IPv4 address types of the IP Helper API.  An
 * IPAddr holds an address in network byte order, as IN_ADDR's S_addr does.
 */
#ifndef WS2POSIX_IPEXPORT_H
#define WS2POSIX_IPEXPORT_H

#include "ws2posix/wintypes.h"

typedef ULONG IPAddr;
typedef ULONG IPMask;
typedef ULONG IP_STATUS;

#endif /* WS2POSIX_IPEXPORT_H */
