/*
 * Code that a Windows socket program writes, shared by the coexist_*.c/.cpp
 * translation units: each includes its headers in a different order and
 * then this file.  Compile-only (nothing here is linked or run).
 */
#ifndef COEXIST_USE_H
#define COEXIST_USE_H

#ifndef COEXIST_FD_SETSIZE
#define COEXIST_FD_SETSIZE 64
#endif

#ifdef __cplusplus
#define COEXIST_STATIC_ASSERT(e) static_assert(e, #e)
#else
#define COEXIST_STATIC_ASSERT(e) _Static_assert(e, #e)
#endif

/* Windows widths and values, whatever glibc defined before or after. */
COEXIST_STATIC_ASSERT(FD_SETSIZE == COEXIST_FD_SETSIZE);
COEXIST_STATIC_ASSERT(sizeof(fd_set) ==
                      offsetof(fd_set, fd_array) + COEXIST_FD_SETSIZE * sizeof(SOCKET));
COEXIST_STATIC_ASSERT(sizeof(u_long) == 4 && sizeof(ULONG) == 4 && sizeof(LONG) == 4);
COEXIST_STATIC_ASSERT(sizeof(SOCKET) == sizeof(void *));
COEXIST_STATIC_ASSERT(sizeof(struct linger) == 4);
COEXIST_STATIC_ASSERT(sizeof(struct sockaddr_in6) == 28);
COEXIST_STATIC_ASSERT(sizeof(struct sockaddr_storage) == 128);
COEXIST_STATIC_ASSERT(AF_INET6 == 23 && SOL_SOCKET == 0xffff && SO_LINGER == 0x80);
COEXIST_STATIC_ASSERT(POLLIN == 0x300 && MSG_PEEK == 2 && INET6_ADDRSTRLEN == 65);
COEXIST_STATIC_ASSERT(FIONBIO == 0x8004667eU);

static inline int coexist_use(void)
{
    WSADATA wsa;
    SOCKET s;
    fd_set readable, writable;
    struct timeval tv;
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    struct addrinfo hints, *res = NULL;
    char text[INET6_ADDRSTRLEN];
    u_long nonblocking = 1;
    struct linger lg;
    WSAPOLLFD pfd;
    WSABUF buf;
    WSAOVERLAPPED ov;
    DWORD n = 0, flags = 0;
    GUID acceptex_id = WSAID_ACCEPTEX;
    LPFN_ACCEPTEX acceptex = NULL;
    int err = 0;

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return WSAGetLastError();
    s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        err = h_errno;
    ioctlsocket(s, FIONBIO, &nonblocking);
    lg.l_onoff = 1;
    lg.l_linger = 5;
    setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg);

    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    err += sin.sin_addr.S_un.S_un_b.s_b1 + sin.sin_addr.s_net;
    inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
    inet_ntop(AF_INET, &sin.sin_addr, text, sizeof text);

    IN6ADDR_SETLOOPBACK(&sin6);
    if (IN6_IS_ADDR_LOOPBACK(&sin6.sin6_addr) && IN6_ADDR_EQUAL(&sin6.sin6_addr, &in6addr_loopback))
        sin6.sin6_scope_id = 0;
    err += sin6.sin6_addr.s6_addr[15] + sin6.sin6_addr.s6_words[7];

    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
    hints.ai_family = AF_UNSPEC;
    if (getaddrinfo("localhost", "80", &hints, &res) == EAI_NONAME)
        err += gai_strerror(EAI_NONAME) == NULL;
    if (res != NULL && res->ai_canonname == NULL)
        freeaddrinfo(res);

    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_SET(s, &readable);
    FD_SET(s, &writable);
    FD_CLR(s, &writable);
    tv.tv_sec = 1;
    tv.tv_usec = 0;
    if (select(0, &readable, &writable, NULL, &tv) > 0 && FD_ISSET(s, &readable))
        err += (int)readable.fd_count;

    pfd.fd = s;
    pfd.events = POLLRDNORM | POLLWRNORM;
    pfd.revents = 0;
    WSAPoll(&pfd, 1, 0);

    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    buf.len = (ULONG)sizeof text;
    buf.buf = text;
    if (WSARecv(s, &buf, 1, &n, &flags, &ov, NULL) == SOCKET_ERROR &&
        WSAGetLastError() == WSA_IO_PENDING)
        WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, WSA_INFINITE, FALSE);
    WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex_id, sizeof acceptex_id, &acceptex,
             sizeof acceptex, &n, NULL, NULL);
    WSACloseEvent(ov.hEvent);

    shutdown(s, SD_BOTH);
    closesocket(s);
    WSACleanup();

    /* The C library is still there and still itself. */
    err += (int)strlen(text) + (int)time(NULL) % 2 + (errno == EINTR) + isdigit(text[0]);
    return err + (int)(long)malloc(0) % 2;
}

#endif /* COEXIST_USE_H */
