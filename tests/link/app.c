/*
 * A Windows program as small as it gets: linked with one import-library name
 * (-lmswsock, -lkernel32 ...) alone, it must find Winsock and run.
 */
#include <winsock2.h>
#include <stdio.h>

int main(void)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 1;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (s == INVALID_SOCKET || closesocket(s) != 0)
        return 2;
    if (WSACleanup() != 0)
        return 3;
    printf("linked\n");
    return 0;
}
