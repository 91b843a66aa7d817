/*
 * ws2posix <winsock.h>: Winsock 1.1 programs get Winsock 2, whose API is a
 * superset with the same names and values.  (The SDK's Winsock 1 header
 * differs only in details that no longer matter, such as the FD_SET macro
 * allowing duplicates.)  The SDK's winsock.h also declares the Microsoft
 * extensions AcceptEx, GetAcceptExSockaddrs, TransmitFile and WSARecvEx,
 * which winsock2.h leaves to mswsock.h: so does this one.
 */
#include "winsock2.h"
#include "mswsock.h"
