/*
 * The header names as Windows code writes them (the SDK's own file names and
 * the spellings of Microsoft's documentation), each with the lower-case name
 * in the same translation unit: both reach one header.
 */
#include <Windows.h>
#include <WinSock2.h>
#include <Winsock2.h>
#include <WinSock.h>
#include <Winsock.h>
#include <WS2tcpip.h>
#include <Ws2tcpip.h>
#include <MSWSock.h>
#include <Mswsock.h>
#include <Ws2def.h>
#include <Ws2ipdef.h>
#include <WS2spi.h>
#include <Ws2spi.h>
#include <SpOrder.h>
#include <Sporder.h>
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <WSPiApi.h>
#include <wspiapi.h>
#include <IPHlpApi.h>
#include <Iphlpapi.h>
#include <iphlpapi.h>
#include <Mstcpip.h>
#include <MSTcpIP.h>
#include <mstcpip.h>
#include <IPTypes.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "coexist_use.h"

/* MSVC's calling conventions, as Windows code writes them. */
static int __cdecl coexist_cdecl(void)
{
    return 0;
}
static DWORD __stdcall coexist_stdcall(LPVOID arg)
{
    return arg != NULL;
}
static int __fastcall coexist_fastcall(int a)
{
    return a;
}
static int _cdecl coexist_old_cdecl(int a)
{
    return a;
}
static int _stdcall coexist_old_stdcall(int a)
{
    return a;
}

int coexist_spellings(void);
int coexist_spellings(void)
{
    /* wspiapi.h's names reach the real functions. */
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_flags = AI_NUMERICHOST;
    int err = WspiapiGetAddrInfo("127.0.0.1", "80", &hints, &res);
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    if (!err && res) {
        err = WspiapiGetNameInfo(res->ai_addr, (socklen_t)res->ai_addrlen, host, sizeof(host), serv,
                                 sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV);
        WspiapiFreeAddrInfo(res);
    }
    err += coexist_cdecl() + (int)coexist_stdcall(NULL) + coexist_fastcall(0) +
           coexist_old_cdecl(0) + coexist_old_stdcall(0);
    return coexist_use() + err;
}
