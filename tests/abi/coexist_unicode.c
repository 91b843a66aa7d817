/* UNICODE selects the W forms of the generic names. */
#define UNICODE
#define _UNICODE

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <ctype.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <mswsock.h>
#include <ws2spi.h>

#include "coexist_use.h"

_Static_assert(sizeof(WSAPROTOCOL_INFO) == sizeof(WSAPROTOCOL_INFOW), "W protocol info");
_Static_assert(SO_PROTOCOL_INFO == SO_PROTOCOL_INFOW, "W protocol info option");
_Static_assert(sizeof(ADDRINFOT) == sizeof(ADDRINFOW), "W addrinfo");

int coexist_unicode(void);
int coexist_unicode(void)
{
    SOCKET (*make)(int, int, int, LPWSAPROTOCOL_INFOW, GROUP, DWORD) = WSASocket;
    int (*enumerate)(LPINT, LPWSAPROTOCOL_INFOW, LPDWORD) = WSAEnumProtocols;
    int (*duplicate)(SOCKET, DWORD, LPWSAPROTOCOL_INFOW) = WSADuplicateSocket;
    INT (*resolve)(PCWSTR, PCWSTR, const ADDRINFOW *, PADDRINFOW *) = GetAddrInfo;
    VOID (*release)(PADDRINFOW) = FreeAddrInfo;
    INT (*pton)(INT, PCWSTR, PVOID) = InetPton;
    PCWSTR (*ntop)(INT, const VOID *, PWSTR, size_t) = InetNtop;
    WCHAR *(*describe)(int) = gai_strerror;
    return coexist_use() + (make != NULL) + (enumerate != NULL) + (duplicate != NULL) +
           (resolve != NULL) + (release != NULL) + (pton != NULL) + (ntop != NULL) +
           (describe != NULL);
}
