/*
 * Bad arguments, part one: every exported call that takes a SOCKET, given
 * every kind of handle that is no socket, before WSAStartup and after the
 * final WSACleanup; and the socket calls' address, length and structure
 * pointers.  See bad_args.h.
 */
#include "bad_args.h"

/*
 * One call per exported function that takes a SOCKET, with every other
 * argument valid; each returns SOCKET_ERROR when the call failed (the
 * SOCKET- and BOOL-returning calls are mapped onto it).
 */
static char buf[16];
static WSABUF wsabuf = {sizeof(buf), buf};
static DWORD bytes, flags;
static struct sockaddr_in addr4 = {.sin_family = AF_INET};
static int addrlen;

static int call_accept(SOCKET s)
{
    return accept(s, NULL, NULL) == INVALID_SOCKET ? SOCKET_ERROR : 0;
}
static int call_wsaaccept(SOCKET s)
{
    return WSAAccept(s, NULL, NULL, NULL, 0) == INVALID_SOCKET ? SOCKET_ERROR : 0;
}
static int call_bind(SOCKET s)
{
    return bind(s, (struct sockaddr *)&addr4, sizeof(addr4));
}
static int call_closesocket(SOCKET s)
{
    return closesocket(s);
}
static int call_connect(SOCKET s)
{
    return connect(s, (struct sockaddr *)&addr4, sizeof(addr4));
}
static int call_wsaconnect(SOCKET s)
{
    return WSAConnect(s, (struct sockaddr *)&addr4, sizeof(addr4), NULL, NULL, NULL, NULL);
}
static int call_getpeername(SOCKET s)
{
    addrlen = sizeof(addr4);
    return getpeername(s, (struct sockaddr *)&addr4, &addrlen);
}
static int call_getsockname(SOCKET s)
{
    addrlen = sizeof(addr4);
    return getsockname(s, (struct sockaddr *)&addr4, &addrlen);
}
static int call_getsockopt(SOCKET s)
{
    int value, len = sizeof(value);
    return getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&value, &len);
}
static int call_setsockopt(SOCKET s)
{
    BOOL on = TRUE;
    return setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&on, sizeof(on));
}
static int call_ioctlsocket(SOCKET s)
{
    u_long arg = 1;
    return ioctlsocket(s, FIONBIO, &arg);
}
static int call_wsaioctl(SOCKET s)
{
    u_long arg = 0;
    DWORD returned;
    return WSAIoctl(s, FIONREAD, NULL, 0, &arg, sizeof(arg), &returned, NULL, NULL);
}
static int call_listen(SOCKET s)
{
    return listen(s, 1);
}
static int call_recv(SOCKET s)
{
    return recv(s, buf, sizeof(buf), 0);
}
static int call_recvfrom(SOCKET s)
{
    addrlen = sizeof(addr4);
    return recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&addr4, &addrlen);
}
static int call_send(SOCKET s)
{
    return send(s, buf, 1, 0);
}
static int call_sendto(SOCKET s)
{
    return sendto(s, buf, 1, 0, (struct sockaddr *)&addr4, sizeof(addr4));
}
static int call_shutdown(SOCKET s)
{
    return shutdown(s, SD_BOTH);
}
static int call_wsarecv(SOCKET s)
{
    flags = 0;
    return WSARecv(s, &wsabuf, 1, &bytes, &flags, NULL, NULL);
}
static int call_wsarecvfrom(SOCKET s)
{
    flags = 0;
    addrlen = sizeof(addr4);
    return WSARecvFrom(s, &wsabuf, 1, &bytes, &flags, (struct sockaddr *)&addr4, &addrlen, NULL,
                       NULL);
}
static int call_wsasend(SOCKET s)
{
    return WSASend(s, &wsabuf, 1, &bytes, 0, NULL, NULL);
}
static int call_wsasendto(SOCKET s)
{
    return WSASendTo(s, &wsabuf, 1, &bytes, 0, (struct sockaddr *)&addr4, sizeof(addr4), NULL,
                     NULL);
}
static int call_wsasenddisconnect(SOCKET s)
{
    return WSASendDisconnect(s, NULL);
}
static int call_wsarecvdisconnect(SOCKET s)
{
    return WSARecvDisconnect(s, NULL);
}
static int call_wsaduplicatesocketa(SOCKET s)
{
    WSAPROTOCOL_INFOA info;
    return WSADuplicateSocketA(s, GetCurrentProcessId(), &info);
}
static int call_wsaduplicatesocketw(SOCKET s)
{
    WSAPROTOCOL_INFOW info;
    return WSADuplicateSocketW(s, GetCurrentProcessId(), &info);
}
static int call_wsaeventselect(SOCKET s)
{
    return WSAEventSelect(s, NULL, 0);
}
static int call_wsaenumnetworkevents(SOCKET s)
{
    WSANETWORKEVENTS events;
    return WSAEnumNetworkEvents(s, NULL, &events);
}
static int call_wsagetoverlappedresult(SOCKET s)
{
    WSAOVERLAPPED ov = {0};
    return WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags) ? 0 : SOCKET_ERROR;
}
static int call_wsahtonl(SOCKET s)
{
    u_long out;
    return WSAHtonl(s, 1, &out);
}
static int call_wsahtons(SOCKET s)
{
    u_short out;
    return WSAHtons(s, 1, &out);
}
static int call_wsantohl(SOCKET s)
{
    u_long out;
    return WSANtohl(s, 1, &out);
}
static int call_wsantohs(SOCKET s)
{
    u_short out;
    return WSANtohs(s, 1, &out);
}
static int call_select(SOCKET s)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(s, &set);
    struct timeval tv = {0, 0};
    return select(0, &set, NULL, NULL, &tv);
}

static const struct {
    const char *name;
    int (*call)(SOCKET s);
} socket_calls[] = {
    {"accept", call_accept},
    {"WSAAccept", call_wsaaccept},
    {"bind", call_bind},
    {"closesocket", call_closesocket},
    {"connect", call_connect},
    {"WSAConnect", call_wsaconnect},
    {"getpeername", call_getpeername},
    {"getsockname", call_getsockname},
    {"getsockopt", call_getsockopt},
    {"setsockopt", call_setsockopt},
    {"ioctlsocket", call_ioctlsocket},
    {"WSAIoctl", call_wsaioctl},
    {"listen", call_listen},
    {"recv", call_recv},
    {"recvfrom", call_recvfrom},
    {"send", call_send},
    {"sendto", call_sendto},
    {"shutdown", call_shutdown},
    {"WSARecv", call_wsarecv},
    {"WSARecvFrom", call_wsarecvfrom},
    {"WSASend", call_wsasend},
    {"WSASendTo", call_wsasendto},
    {"WSASendDisconnect", call_wsasenddisconnect},
    {"WSARecvDisconnect", call_wsarecvdisconnect},
    {"WSADuplicateSocketA", call_wsaduplicatesocketa},
    {"WSADuplicateSocketW", call_wsaduplicatesocketw},
    {"WSAEventSelect", call_wsaeventselect},
    {"WSAEnumNetworkEvents", call_wsaenumnetworkevents},
    {"WSAGetOverlappedResult", call_wsagetoverlappedresult},
    {"WSAHtonl", call_wsahtonl},
    {"WSAHtons", call_wsahtons},
    {"WSANtohl", call_wsantohl},
    {"WSANtohs", call_wsantohs},
    {"select", call_select},
};
#define SOCKET_CALLS (sizeof(socket_calls) / sizeof(socket_calls[0]))

/* Every call fails with error for every handle; the message names the pair that did not. */
static void every_socket_call_fails(const struct bad_socket *bad, unsigned n, int error)
{
    for (unsigned i = 0; i < n; i++) {
        for (size_t c = 0; c < SOCKET_CALLS; c++) {
            WSASetLastError(0xdead);
            int r = socket_calls[c].call(bad[i].s);
            int got = WSAGetLastError();
            if (r != SOCKET_ERROR || got != error)
                fail_msg("%s(%s): %d, error %d (expected SOCKET_ERROR, error %d)",
                         socket_calls[c].name, bad[i].what, r, got, error);
        }
    }
}

/*
 * WSAENOTSOCK: "The descriptor is not a socket" (every one of these calls'
 * pages).  Handles of other kinds (events, ports, threads) share the one
 * handle table but are no sockets; a closed socket's handle stays refused.
 */
static void socket_calls_refuse_every_bad_handle(void **state)
{
    (void)state;
    struct bad_socket bad[BAD_SOCKETS_MAX];
    unsigned n = bad_sockets(bad);
    every_socket_call_fails(bad, n, WSAENOTSOCK);
    bad_sockets_release(bad, n);
}

/*
 * WSANOTINITIALISED: "A successful WSAStartup call must occur before using
 * this function" — checked before the handle, so even a live socket's
 * handle from before the final WSACleanup gets it.
 */
static void socket_calls_before_startup_and_after_cleanup_are_not_initialised(void **state)
{
    (void)state;
    struct bad_socket none[] = {{"0", 0}, {"INVALID_SOCKET", INVALID_SOCKET}, {"4", 4}};
    every_socket_call_fails(none, 3, WSANOTINITIALISED);

    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    SOCKET live = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(live != INVALID_SOCKET);
    assert_int_equal(WSACleanup(), 0);
    struct bad_socket after[] = {{"a socket of before the cleanup", live}};
    every_socket_call_fails(after, 1, WSANOTINITIALISED);
}

/* The address calls: a name or length the kernel cannot read or write is WSAEFAULT. */
static void address_pointers_are_checked(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    struct sockaddr_in a;
    int len = sizeof(a);
    char *readonly = ws2t_page(1), *none = ws2t_page(0);

    /* bind.md, WSAEFAULT: "The name or namelen parameter is not a valid part of the user
     * address space, the namelen parameter is too small ...". */
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_fails_with(bind(s, BAD_PTR, sizeof(a)), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(bind(s, (struct sockaddr *)none, sizeof(a)), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(bind(s, NULL, sizeof(a)), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(bind(s, (struct sockaddr *)&a, -1), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(bind(s, (struct sockaddr *)&a, 2), SOCKET_ERROR, WSAEFAULT);
    /* A wrong family is WSAEFAULT too for bind: "the first two bytes of the memory block
     * specified by name do not match the address family associated with the socket". */
    struct sockaddr_in6 six = {.sin6_family = AF_INET6};
    assert_fails_with(bind(s, (struct sockaddr *)&six, sizeof(six)), SOCKET_ERROR, WSAEFAULT);
    /* An address in read-only memory is only read: it serves. */
    struct sockaddr_in *ro = (struct sockaddr_in *)readonly;
    assert_int_equal(ro->sin_family, 0);
    assert_fails_with(connect(s, (struct sockaddr *)ro, sizeof(*ro)), SOCKET_ERROR,
                      WSAEAFNOSUPPORT);
    addr4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr4.sin_port = 0;
    struct sockaddr_in *ro_good = ws2t_page(3);
    memcpy(ro_good, &addr4, sizeof(addr4));
    ws2t_page_seal(ro_good);
    assert_int_equal(bind(s, (struct sockaddr *)ro_good, sizeof(addr4)), 0);
    /* connect.md, WSAEFAULT likewise; a wrong family is WSAEAFNOSUPPORT. */
    assert_fails_with(connect(s, BAD_PTR, sizeof(a)), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(connect(s, (struct sockaddr *)&a, -5), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(connect(s, (struct sockaddr *)&six, sizeof(six)), SOCKET_ERROR,
                      WSAEAFNOSUPPORT);
    assert_fails_with(WSAConnect(s, (struct sockaddr *)&a, sizeof(a), BAD_PTR, NULL, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_int_equal(closesocket(s), 0);

    /* getsockname.md, WSAEFAULT: "The name or the namelen parameter is not a valid part of
     * the user address space, or the namelen parameter is too small." */
    assert_fails_with(getsockname(client, BAD_PTR, &len), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(getsockname(client, (struct sockaddr *)&a, BAD_PTR), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(getsockname(client, (struct sockaddr *)&a, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(getsockname(client, (struct sockaddr *)readonly, &len), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(getsockname(client, (struct sockaddr *)&a, (int *)readonly), SOCKET_ERROR,
                      WSAEFAULT);
    len = -1;
    assert_fails_with(getsockname(client, (struct sockaddr *)&a, &len), SOCKET_ERROR, WSAEFAULT);
    len = 4;
    assert_fails_with(getpeername(client, (struct sockaddr *)&a, &len), SOCKET_ERROR, WSAEFAULT);
    len = sizeof(a);
    assert_fails_with(getpeername(client, BAD_PTR, &len), SOCKET_ERROR, WSAEFAULT);
    /* A good call still works, from memory the kernel has to vouch for. */
    struct sockaddr_in *rw = ws2t_page(3);
    int *rwlen = (int *)(rw + 1);
    *rwlen = sizeof(*rw);
    assert_int_equal(getpeername(client, (struct sockaddr *)rw, rwlen), 0);
    assert_int_equal(rw->sin_family, AF_INET);
    assert_int_equal(*rwlen, sizeof(*rw));

    /* accept.md, WSAEFAULT: "The addrlen parameter is too small or addr is not a valid part
     * of the user address space." */
    struct sockaddr_storage la;
    int lalen = sizeof(la);
    SOCKET listener = ws2t_listener(AF_INET, &la, &lalen);
    assert_fails_with(accept(listener, BAD_PTR, &len), INVALID_SOCKET, WSAEFAULT);
    assert_fails_with(accept(listener, (struct sockaddr *)&a, BAD_PTR), INVALID_SOCKET, WSAEFAULT);
    len = 3;
    assert_fails_with(accept(listener, (struct sockaddr *)&a, &len), INVALID_SOCKET, WSAEFAULT);
    assert_int_equal(closesocket(listener), 0);

    /* WSAEnumNetworkEvents.md, WSAEFAULT: "The lpNetworkEvents parameter is not a valid part
     * of the user address space." */
    assert_fails_with(WSAEnumNetworkEvents(client, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAEnumNetworkEvents(client, NULL, BAD_PTR), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAEnumNetworkEvents(client, NULL, (LPWSANETWORKEVENTS)readonly),
                      SOCKET_ERROR, WSAEFAULT);
    /* WSADuplicateSocket.md, WSAEFAULT: "The lpProtocolInfo parameter is not a valid part of
     * the user address space." */
    assert_fails_with(WSADuplicateSocketW(client, GetCurrentProcessId(), NULL), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(WSADuplicateSocketW(client, GetCurrentProcessId(), BAD_PTR), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(WSADuplicateSocketA(client, GetCurrentProcessId(), BAD_PTR), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(
        WSADuplicateSocketA(client, GetCurrentProcessId(), (LPWSAPROTOCOL_INFOA)readonly),
        SOCKET_ERROR, WSAEFAULT);
    /* The WSA byte-order calls, WSAEFAULT: the output "is not ... a valid part of the user
     * address space". */
    assert_fails_with(WSAHtonl(client, 1, BAD_PTR), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAHtons(client, 1, (u_short *)readonly), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSANtohl(client, 1, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSANtohs(client, 1, BAD_PTR), SOCKET_ERROR, WSAEFAULT);
    (void)none;
    closesocket(client);
    closesocket(server);
}

/*
 * WSAStartup.md, WSAEFAULT: "The lpWSAData parameter is not a valid
 * pointer" (returned, not set); WSASocket.md, WSAEFAULT: "lpProtocolInfo is
 * not in a valid part of the process address space"; wrong families and
 * types get WSAEAFNOSUPPORT and WSAESOCKTNOSUPPORT.
 */
static void startup_and_socket_arguments_are_checked(void **state)
{
    (void)state;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), NULL), WSAEFAULT);
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), BAD_PTR), WSAEFAULT);
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), ws2t_page(1)), WSAEFAULT);
    /* None of them counted: Winsock is still not started. */
    assert_fails_with(WSACleanup(), SOCKET_ERROR, WSANOTINITIALISED);
    assert_fails_with(socket(AF_INET, SOCK_STREAM, 0), INVALID_SOCKET, WSANOTINITIALISED);

    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_fails_with(WSASocketW(AF_INET, SOCK_STREAM, 0, BAD_PTR, 0, 0), INVALID_SOCKET,
                      WSAEFAULT);
    assert_fails_with(WSASocketA(AF_INET, SOCK_STREAM, 0, BAD_PTR, 0, 0), INVALID_SOCKET,
                      WSAEFAULT);
    assert_fails_with(WSASocketW(AF_INET, SOCK_STREAM, 0, ws2t_page(0), 0, 0), INVALID_SOCKET,
                      WSAEFAULT);
    assert_fails_with(socket(12345, SOCK_STREAM, 0), INVALID_SOCKET, WSAEAFNOSUPPORT);
    assert_fails_with(socket(-7, SOCK_STREAM, 0), INVALID_SOCKET, WSAEAFNOSUPPORT);
    /*
     * -1 (FROM_PROTOCOL_INFO) without a WSAPROTOCOL_INFO is just an unknown
     * family, as Windows answers (Wine's conformance test_WSASocket).
     */
    assert_fails_with(socket(FROM_PROTOCOL_INFO, SOCK_STREAM, 0), INVALID_SOCKET, WSAEAFNOSUPPORT);
    assert_fails_with(socket(AF_INET, 12345, 0), INVALID_SOCKET, WSAESOCKTNOSUPPORT);
    assert_fails_with(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), INVALID_SOCKET,
                      WSAEPROTONOSUPPORT);
    assert_fails_with(socket(AF_UNSPEC, 0, 0), INVALID_SOCKET, WSAEINVAL);
    assert_int_equal(WSACleanup(), 0);
    assert_fails_with(WSACleanup(), SOCKET_ERROR, WSANOTINITIALISED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(socket_calls_before_startup_and_after_cleanup_are_not_initialised),
        cmocka_unit_test(startup_and_socket_arguments_are_checked),
        cmocka_unit_test_setup_teardown(socket_calls_refuse_every_bad_handle, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(address_pointers_are_checked, ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
