#include <ws2spi.h>

#include "testlib.h"

#include <string.h>

int ws2t_setup(void **state)
{
    (void)state;
    WSADATA data;
    return WSAStartup(MAKEWORD(2, 2), &data);
}

int ws2t_teardown(void **state)
{
    (void)state;
    /* Drop every reference the test took (tests may leave Winsock started twice). */
    while (WSACleanup() == 0)
        ;
    return 0;
}

int ws2t_loopback(int af, unsigned short port, struct sockaddr_storage *a)
{
    memset(a, 0, sizeof(*a));
    if (af == AF_INET6) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)a;
        a6->sin6_family = AF_INET6;
        a6->sin6_addr = in6addr_loopback;
        a6->sin6_port = htons(port);
        return sizeof(*a6);
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)a;
    a4->sin_family = AF_INET;
    a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a4->sin_port = htons(port);
    return sizeof(*a4);
}

SOCKET ws2t_listener(int af, struct sockaddr_storage *addr, int *addrlen)
{
    SOCKET s = socket(af, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    struct sockaddr_storage local;
    int len = ws2t_loopback(af, 0, &local);
    assert_int_equal(bind(s, (struct sockaddr *)&local, len), 0);
    assert_int_equal(listen(s, SOMAXCONN), 0);
    int got = sizeof(*addr);
    assert_int_equal(getsockname(s, (struct sockaddr *)addr, &got), 0);
    if (addrlen)
        *addrlen = got;
    return s;
}

void ws2t_tcp_pair(int af, SOCKET *client, SOCKET *server)
{
    struct sockaddr_storage addr;
    int len;
    SOCKET l = ws2t_listener(af, &addr, &len);
    *client = socket(af, SOCK_STREAM, IPPROTO_TCP);
    assert_true(*client != INVALID_SOCKET);
    assert_int_equal(connect(*client, (struct sockaddr *)&addr, len), 0);
    *server = accept(l, NULL, NULL);
    assert_true(*server != INVALID_SOCKET);
    assert_int_equal(closesocket(l), 0);
}

SOCKET ws2t_udp_bound(struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(s != INVALID_SOCKET);
    struct sockaddr_in local;
    memset(&local, 0, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(s, (struct sockaddr *)&local, sizeof(local)), 0);
    int len = sizeof(*addr);
    assert_int_equal(getsockname(s, (struct sockaddr *)addr, &len), 0);
    return s;
}

void ws2t_set_nonblocking(SOCKET s, int on)
{
    u_long mode = on ? 1 : 0;
    assert_int_equal(ioctlsocket(s, FIONBIO, &mode), 0);
}

size_t ws2t_fill_until_blocked(SOCKET s)
{
    static char chunk[65536];
    size_t total = 0;
    ws2t_set_nonblocking(s, 1);
    for (;;) {
        int n = send(s, chunk, sizeof(chunk), 0);
        if (n == SOCKET_ERROR) {
            assert_wsa_error(WSAEWOULDBLOCK);
            break;
        }
        total += (size_t)n;
    }
    ws2t_set_nonblocking(s, 0);
    return total;
}

size_t ws2t_drain(SOCKET s, int *last_result, int *last_error)
{
    static char buf[65536];
    size_t total = 0;
    for (;;) {
        int n = recv(s, buf, sizeof(buf), 0);
        if (n <= 0) {
            if (last_result)
                *last_result = n;
            if (last_error)
                *last_error = n < 0 ? WSAGetLastError() : 0;
            return total;
        }
        total += (size_t)n;
    }
}

uint64_t ws2t_now_ms(void)
{
    return GetTickCount64();
}

double ws2t_now_ms_fine(void)
{
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart * 1000.0 / (double)f.QuadPart;
}

void ws2t_wide(const char *in, WCHAR *out)
{
    size_t i = 0;
    for (; in[i]; i++)
        out[i] = (WCHAR)(unsigned char)in[i];
    out[i] = 0;
}

int ws2t_wsc_all(WSAPROTOCOL_INFOW *out, int max)
{
    DWORD size = (DWORD)max * sizeof(WSAPROTOCOL_INFOW);
    int err = 0;
    int n = WSCEnumProtocols(NULL, out, &size, &err);
    assert_true(n > 0);
    return n;
}

HANDLE ws2t_new_port(void)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    assert_non_null(port);
    return port;
}

void ws2t_expect_done(HANDLE port, WSAOVERLAPPED *ov, DWORD bytes, DWORD ms)
{
    DWORD n = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    BOOL ok = GetQueuedCompletionStatus(port, &n, &key, &got, ms);
    assert_ptr_equal(got, ov);
    assert_true(ok);
    assert_int_equal(n, bytes);
}

void ws2t_recv_pending(SOCKET s, WSAOVERLAPPED *ov, WSABUF *wb, char *buf, ULONG len)
{
    memset(ov, 0, sizeof(*ov));
    wb->buf = buf;
    wb->len = len;
    DWORD flags = 0;
    assert_int_equal(WSARecv(s, wb, 1, NULL, &flags, ov, NULL), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
}

void *ws2t_extension(SOCKET s, GUID id)
{
    void *fn = NULL;
    DWORD bytes = 0;
    assert_int_equal(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id), &fn,
                              sizeof(fn), &bytes, NULL, NULL),
                     0);
    assert_int_equal(bytes, sizeof(fn));
    assert_non_null(fn);
    return fn;
}

HANDLE ws2t_thread(LPTHREAD_START_ROUTINE fn, void *arg)
{
    HANDLE t = CreateThread(NULL, 0, fn, arg, 0, NULL);
    assert_non_null(t);
    return t;
}

void ws2t_join(HANDLE thread)
{
    assert_int_equal(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0);
    CloseHandle(thread);
}

LONG ws2t_load(volatile LONG *p)
{
    return InterlockedCompareExchange(p, 0, 0);
}

unsigned short ws2t_remote_port(SOCKET s)
{
    struct sockaddr_storage addr;
    int len = sizeof(addr);
    assert_int_equal(getpeername(s, (struct sockaddr *)&addr, &len), 0);
    return ntohs(((struct sockaddr_in *)&addr)->sin_port);
}

unsigned short ws2t_local_port(SOCKET s)
{
    struct sockaddr_storage addr;
    int len = sizeof(addr);
    assert_int_equal(getsockname(s, (struct sockaddr *)&addr, &len), 0);
    return ntohs(((struct sockaddr_in *)&addr)->sin_port);
}

void ws2t_pending_pair_open(struct ws2t_pending_pair *p, HANDLE port, ULONG_PTR key)
{
    memset(p, 0, sizeof(*p));
    ws2t_tcp_pair(AF_INET, &p->client, &p->server);
    assert_true(CreateIoCompletionPort((HANDLE)p->server, port, key, 0) == port);
    p->buf.buf = p->data;
    p->buf.len = sizeof(p->data);
    DWORD flags = 0;
    assert_int_equal(WSARecv(p->server, &p->buf, 1, NULL, &flags, &p->ov, NULL), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSA_IO_PENDING);
}

void ws2t_pending_pair_close(struct ws2t_pending_pair *p)
{
    closesocket(p->client);
    closesocket(p->server);
}

unsigned short ws2t_closed_port(int af, int type)
{
    static _Thread_local unsigned seed;
    if (seed == 0)
        seed = (unsigned)ws2t_now_ms() ^ ((unsigned)GetCurrentProcessId() << 8);
    SOCKET s = socket(af, type, 0);
    assert_true(s != INVALID_SOCKET);
    for (int tries = 0; tries < 64; tries++) {
        seed = seed * 1103515245u + 12345u;
        unsigned short port = (unsigned short)(20000 + (seed >> 8) % 12000);
        struct sockaddr_storage a;
        int len = ws2t_loopback(af, port, &a);
        if (bind(s, (struct sockaddr *)&a, len) == 0) {
            closesocket(s);
            return port;
        }
    }
    closesocket(s);
    fail_msg("no closed port below the ephemeral range in 64 tries");
    return 0;
}

SOCKET ws2t_connect_to_raw(int *raw)
{
    unsigned short port;
    int l = ws2t_raw_listen(&port);
    assert_true(l >= 0);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(s != INVALID_SOCKET);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    assert_int_equal(connect(s, (struct sockaddr *)&a, sizeof(a)), 0);
    *raw = ws2t_raw_accept(l);
    assert_true(*raw >= 0);
    ws2t_raw_close(l);
    return s;
}
