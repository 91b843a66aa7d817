/*
 * Compiled to assembly: calls to Winsock functions that libc also has must
 * reference ws2_<name> (select: ws2posix_select), never libc's symbols.
 */
#include <stdio.h>
#include <stdlib.h>
#include <winsock2.h>
#include <ws2tcpip.h>

int coexist_symbols(void);
int coexist_symbols(void)
{
    fd_set set;
    char host[NI_MAXHOST];
    struct addrinfo *res = NULL;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    FD_ZERO(&set);
    FD_SET(s, &set);
    select(0, &set, NULL, NULL, NULL);
    gethostname(host, sizeof host);
    getaddrinfo(host, NULL, NULL, &res);
    freeaddrinfo(res);
    printf("%s %u %p\n", gai_strerror(EAI_FAIL), (unsigned)htons(1), (const void *)&in6addr_any);
    return FD_ISSET(s, &set) + closesocket(s);
}
