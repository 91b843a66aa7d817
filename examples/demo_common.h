/*
 * Shared by the demo's server and client: plain Windows-style Winsock code
 * that builds unchanged with ws2posix on Linux and with MinGW for Windows.
 */
#ifndef DEMO_COMMON_H
#define DEMO_COMMON_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first byte a data connection sends tells the server how to read it. */
enum reader {
    READ_AT_ONCE = 'a', /* read everything as it comes */
    READ_LATE = 'l',    /* wait 1.5 s, then read everything */
    READ_NEVER = 'n',   /* read nothing for 4 s, then see what is left */
};

/* Control requests on a control connection: "V <id>\n" asks for a verdict. */
#define VERDICT_MAX 160

static inline void die(const char *what)
{
    fprintf(stderr, "%s failed: error %d\n", what, WSAGetLastError());
    exit(1);
}

static inline SOCKET connect_to(unsigned short port)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a;
    if (s == INVALID_SOCKET)
        die("socket");
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (connect(s, (struct sockaddr *)&a, sizeof(a)) != 0)
        die("connect");
    return s;
}

static inline int send_all(SOCKET s, const char *p, int n)
{
    while (n > 0) {
        int k = send(s, p, n, 0);
        if (k == SOCKET_ERROR)
            return SOCKET_ERROR;
        p += k;
        n -= k;
    }
    return 0;
}

/* Reads one line (without the newline) into buf; returns its length or -1. */
static inline int recv_line(SOCKET s, char *buf, int size)
{
    int n = 0;
    while (n < size - 1) {
        char c;
        int k = recv(s, &c, 1, 0);
        if (k <= 0)
            return -1;
        if (c == '\n')
            break;
        buf[n++] = c;
    }
    buf[n] = 0;
    return n;
}

#endif
