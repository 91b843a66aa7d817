/* A user's program: connects to itself over loopback and echoes a word. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    WSADATA data;
    SOCKET l, c, a;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    char buf[8] = {0};
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 1;
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&addr, sizeof(addr)) || listen(l, 1) ||
        getsockname(l, (struct sockaddr *)&addr, &len))
        return 2;
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (connect(c, (struct sockaddr *)&addr, sizeof(addr)))
        return 3;
    a = accept(l, NULL, NULL);
    if (send(c, "hello", 5, 0) != 5 || recv(a, buf, 5, MSG_WAITALL) != 5 || strcmp(buf, "hello"))
        return 4;
    closesocket(a);
    closesocket(c);
    closesocket(l);
    printf("%s\n", buf);
    return WSACleanup();
}
