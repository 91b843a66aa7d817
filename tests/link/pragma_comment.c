/*
 * Windows code names its import libraries in the source; MSVC links them.
 * Here the pragmas must be harmless under -Wall -Wextra -Werror, in C and
 * C++, with GCC and Clang.  The spellings are those of Microsoft's
 * documentation and samples.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>

#pragma comment(lib, "Ws2_32.lib")
#pragma comment(lib, "ws2_32.lib")
#pragma comment(lib, "Mswsock.lib")
#pragma comment(lib, "AdvApi32.lib")
#pragma comment(lib, "IPHLPAPI.lib")

int main(void)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 1;
    printf("pragma comment ignored\n");
    return WSACleanup();
}
