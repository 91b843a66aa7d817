/*
 * libFuzzer harness: option and control arguments (setsockopt, getsockopt,
 * ioctlsocket, WSAIoctl) on real sockets.
 *
 * Each input is a short program of calls, each call with a fuzzed socket
 * (TCP and UDP over IPv4 and IPv6, both ends of a loopback connection, a
 * closed handle, INVALID_SOCKET or any value), level, option or control
 * code, lengths and buffer contents.  The sockets are made for the input and
 * closed after it, so that a failing input replays alone.  Every buffer is
 * allocated to exactly the length the call is given, so AddressSanitizer
 * sees a read or write past it.  What must hold: no crash, hang or leak; a
 * call returns 0 or SOCKET_ERROR, and a failure leaves a code of the
 * function's documented set; getsockopt never reports more than it was given.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>

static SOCKET fuzz__listener;
static SOCKADDR_IN fuzz__listen_addr;

static void fuzz__fail(const char *what, long a, long b)
{
    fprintf(stderr, "fuzz_sockopt: %s (%ld, %ld)\n", what, a, b);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("WS2POSIX_CATALOG", "/nonexistent/ws2posix-fuzz/catalog", 1);
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        fuzz__fail("WSAStartup failed", 0, 0);
    fuzz__listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&fuzz__listen_addr, 0, sizeof(fuzz__listen_addr));
    fuzz__listen_addr.sin_family = AF_INET;
    fuzz__listen_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int len = sizeof(fuzz__listen_addr);
    if (fuzz__listener == INVALID_SOCKET ||
        bind(fuzz__listener, (SOCKADDR *)&fuzz__listen_addr, len) != 0 ||
        getsockname(fuzz__listener, (SOCKADDR *)&fuzz__listen_addr, &len) != 0 ||
        listen(fuzz__listener, 16) != 0)
        fuzz__fail("no loopback listener", WSAGetLastError(), 0);
    return 0;
}

/* The input, read from the front; zeros once it runs out. */
struct fuzz__input {
    const uint8_t *p;
    size_t n;
};

static uint32_t fuzz__take(struct fuzz__input *in, size_t bytes)
{
    uint32_t v = 0;
    for (size_t i = 0; i < bytes; i++) {
        v = v << 8 | (in->n ? *in->p : 0);
        if (in->n) {
            in->p++;
            in->n--;
        }
    }
    return v;
}

/* A buffer of exactly size bytes (NULL for 0) filled from the input. */
static char *fuzz__buffer(struct fuzz__input *in, size_t size)
{
    if (size == 0)
        return NULL;
    char *buf = malloc(size);
    for (size_t i = 0; i < size; i++)
        buf[i] = (char)fuzz__take(in, 1);
    return buf;
}

enum { S_TCP4, S_UDP4, S_TCP6, S_UDP6, S_CLIENT, S_SERVER, S_CLOSED, S_INVALID, S_ANY, S_COUNT };

struct fuzz__sockets {
    SOCKET s[S_COUNT];
    bool made[S_COUNT];
};

static SOCKET fuzz__socket(struct fuzz__sockets *set, int which, struct fuzz__input *in)
{
    if (which == S_INVALID)
        return INVALID_SOCKET;
    if (which == S_ANY)
        return (SOCKET)fuzz__take(in, 4);
    if (set->made[which])
        return set->s[which];
    SOCKET s = INVALID_SOCKET;
    switch (which) {
    case S_TCP4:
    case S_CLOSED: s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP); break;
    case S_UDP4: s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP); break;
    case S_TCP6: s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP); break;
    case S_UDP6: s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP); break;
    case S_CLIENT:
    case S_SERVER:
        set->s[S_CLIENT] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (connect(set->s[S_CLIENT], (SOCKADDR *)&fuzz__listen_addr, sizeof(fuzz__listen_addr)))
            fuzz__fail("loopback connect failed", WSAGetLastError(), 0);
        set->s[S_SERVER] = accept(fuzz__listener, NULL, NULL);
        if (set->s[S_SERVER] == INVALID_SOCKET)
            fuzz__fail("loopback accept failed", WSAGetLastError(), 0);
        set->made[S_CLIENT] = set->made[S_SERVER] = true;
        return set->s[which];
    }
    if (s == INVALID_SOCKET && which != S_TCP6 && which != S_UDP6)
        fuzz__fail("socket failed", which, WSAGetLastError());
    if (which == S_CLOSED) {
        closesocket(s); /* a stale handle from now on */
        set->s[which] = s;
        set->made[which] = true;
        return s;
    }
    set->s[which] = s;
    set->made[which] = true;
    return s;
}

static void fuzz__close_all(struct fuzz__sockets *set)
{
    for (int i = 0; i < S_COUNT; i++)
        if (set->made[i] && i != S_CLOSED && set->s[i] != INVALID_SOCKET)
            closesocket(set->s[i]);
}

/* Levels and names that mean something, or any value. */
static int fuzz__level(struct fuzz__input *in)
{
    static const int levels[] = {SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_UDP};
    unsigned pick = fuzz__take(in, 1);
    return pick < 5 * 40 ? levels[pick % 5] : (int)fuzz__take(in, 4);
}

static int fuzz__optname(struct fuzz__input *in)
{
    static const int names[] = {
        SO_DEBUG,
        SO_ACCEPTCONN,
        SO_REUSEADDR,
        SO_KEEPALIVE,
        SO_DONTROUTE,
        SO_BROADCAST,
        SO_LINGER,
        SO_OOBINLINE,
        SO_DONTLINGER,
        SO_EXCLUSIVEADDRUSE,
        SO_SNDBUF,
        SO_RCVBUF,
        SO_SNDLOWAT,
        SO_RCVLOWAT,
        SO_SNDTIMEO,
        SO_RCVTIMEO,
        SO_ERROR,
        SO_TYPE,
        SO_PROTOCOL_INFOA,
        SO_PROTOCOL_INFOW,
        SO_MAX_MSG_SIZE,
        SO_CONDITIONAL_ACCEPT,
        SO_UPDATE_ACCEPT_CONTEXT,
        SO_CONNECT_TIME,
        SO_UPDATE_CONNECT_CONTEXT,
        TCP_NODELAY,
        IP_TTL,
        IP_TOS,
        IP_HDRINCL,
        IP_MULTICAST_IF,
        IP_ADD_MEMBERSHIP,
        IPV6_V6ONLY,
        IPV6_UNICAST_HOPS,
    };
    const unsigned count = sizeof(names) / sizeof(names[0]);
    unsigned pick = fuzz__take(in, 1);
    return pick < count * 7 ? names[pick % count] : (int)fuzz__take(in, 4);
}

static DWORD fuzz__control(struct fuzz__input *in)
{
    static const DWORD codes[] = {
        (DWORD)FIONBIO,         (DWORD)FIONREAD,
        (DWORD)SIOCATMARK,      SIO_UDP_CONNRESET,
        SIO_UDP_NETRESET,       SIO_GET_EXTENSION_FUNCTION_POINTER,
        SIO_KEEPALIVE_VALS,     SIO_BASE_HANDLE,
        SIO_BSP_HANDLE,         SIO_ROUTING_INTERFACE_QUERY,
        SIO_ADDRESS_LIST_QUERY, (DWORD)SIO_GET_INTERFACE_LIST,
    };
    const unsigned count = sizeof(codes) / sizeof(codes[0]);
    unsigned pick = fuzz__take(in, 1);
    return pick < count * 16 ? codes[pick % count] : fuzz__take(in, 4);
}

/* Whether error is one the function's documentation gives (or WSAEOPNOTSUPP for an unknown code).
 */
static bool fuzz__documented(int error, const int *codes, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (codes[i] == error)
            return true;
    return false;
}

static const int fuzz__sockopt_errors[] = {
    WSAENETDOWN,
    WSAEFAULT,
    WSAEINPROGRESS,
    WSAEINVAL,
    WSAENETRESET,
    WSAENOPROTOOPT,
    WSAENOTCONN,
    WSAENOTSOCK,
    WSAEOPNOTSUPP,
    /* A negative setsockopt length, as Windows answers it (observed). */
    WSAENOBUFS,
    /* Multicast membership: no such interface, a group joined twice (Windows' codes). */
    WSAEADDRNOTAVAIL,
    WSAEADDRINUSE,
};
static const int fuzz__ioctl_errors[] = {
    WSAENETDOWN,    WSAEFAULT,   WSAEINPROGRESS,  WSAEINVAL,      WSAENOTSOCK,     WSAEOPNOTSUPP,
    WSAEWOULDBLOCK, WSAENOTCONN, WSAEAFNOSUPPORT, WSAENETUNREACH, WSAEHOSTUNREACH, WSAENOBUFS,
};

static void fuzz__check(const char *call, int r, const int *codes, size_t count)
{
    if (r == 0)
        return;
    if (r != SOCKET_ERROR)
        fuzz__fail(call, r, 0);
    int error = WSAGetLastError();
    if (!fuzz__documented(error, codes, count)) {
        fprintf(stderr, "fuzz_sockopt: %s failed with %d, not a code of its own\n", call, error);
        abort();
    }
}

#define CHECK(call, r, codes) fuzz__check(call, r, codes, sizeof(codes) / sizeof(codes[0]))

/* The control codes that wait for a change (for ever, on a blocking socket with nothing changing).
 */
static bool fuzz__waits(DWORD code)
{
    return code == SIO_ADDRESS_LIST_CHANGE || code == SIO_ROUTING_INTERFACE_CHANGE ||
           code == SIO_IDEAL_SEND_BACKLOG_CHANGE;
}

static void fuzz__one(struct fuzz__sockets *set, struct fuzz__input *in)
{
    unsigned op = fuzz__take(in, 1) % 4;
    SOCKET s = fuzz__socket(set, (int)(fuzz__take(in, 1) % S_COUNT), in);
    switch (op) {
    case 0: {
        int level = fuzz__level(in), name = fuzz__optname(in);
        int optlen = (int16_t)fuzz__take(in, 2);
        bool null = fuzz__take(in, 1) & 1;
        char *optval = null ? NULL : fuzz__buffer(in, optlen > 0 ? (size_t)optlen : 0);
        CHECK("setsockopt", setsockopt(s, level, name, optval, optlen), fuzz__sockopt_errors);
        free(optval);
        break;
    }
    case 1: {
        int level = fuzz__level(in), name = fuzz__optname(in);
        int given = (int16_t)fuzz__take(in, 2), optlen = given;
        unsigned nulls = fuzz__take(in, 1);
        char *optval = nulls & 1 ? NULL : fuzz__buffer(in, given > 0 ? (size_t)given : 0);
        int r = getsockopt(s, level, name, optval, nulls & 2 ? NULL : &optlen);
        CHECK("getsockopt", r, fuzz__sockopt_errors);
        /* SO_OPENTYPE takes a negative length as a large one and reports 4 (observed). */
        if (r == 0 && (optlen < 0 || (given >= 0 && optlen > given)))
            fuzz__fail("getsockopt reported more than it was given", given, optlen);
        free(optval);
        break;
    }
    case 2: {
        static const LONG cmds[] = {(LONG)FIONBIO, (LONG)FIONREAD, (LONG)SIOCATMARK};
        unsigned pick = fuzz__take(in, 1);
        LONG cmd = pick < 3 * 80 ? cmds[pick % 3] : (LONG)fuzz__take(in, 4);
        /* As below: a code that waits for a change would wait for ever on a blocking socket. */
        if (fuzz__waits((DWORD)cmd))
            cmd = (LONG)FIONREAD;
        bool null = fuzz__take(in, 1) & 1;
        u_long *argp = null ? NULL : (u_long *)fuzz__buffer(in, sizeof(u_long));
        CHECK("ioctlsocket", ioctlsocket(s, cmd, argp), fuzz__ioctl_errors);
        free(argp);
        break;
    }
    case 3: {
        DWORD code = fuzz__control(in);
        /* The codes that wait for a change would wait for ever on a blocking socket. */
        if (fuzz__waits(code))
            code = (DWORD)FIONREAD;
        DWORD in_len = fuzz__take(in, 1), out_len = fuzz__take(in, 1);
        unsigned flags = fuzz__take(in, 1);
        char *inbuf = flags & 1 ? NULL : fuzz__buffer(in, in_len);
        char *outbuf = flags & 2 ? NULL : fuzz__buffer(in, out_len);
        DWORD returned = 0;
        int r = WSAIoctl(s, code, inbuf, in_len, outbuf, out_len, flags & 4 ? NULL : &returned,
                         NULL, NULL);
        CHECK("WSAIoctl", r, fuzz__ioctl_errors);
        if (r == 0 && !(flags & 4) && returned > out_len)
            fuzz__fail("WSAIoctl reported more bytes than its out buffer holds", out_len, returned);
        free(inbuf);
        free(outbuf);
        break;
    }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz__input in = {data, size};
    struct fuzz__sockets set;
    memset(&set, 0, sizeof(set));
    for (int calls = 0; calls < 16 && in.n > 0; calls++)
        fuzz__one(&set, &in);
    fuzz__close_all(&set);
    return 0;
}
