/*
 * Bad arguments, part two: the data calls, options and controls, select,
 * WSAPoll and WSAGetOverlappedResult — invalid pointers, short, negative and
 * huge lengths and counts.  See bad_args.h.
 */
#include "bad_args.h"

#include <mswsock.h>

/*
 * setsockopt.md, WSAEFAULT: "The buffer pointed to by the optval parameter
 * is not in a valid part of the process address space or the optlen
 * parameter is too small."  ioctlsocket.md, WSAEFAULT: "The argp parameter
 * is not a valid part of the user address space."  Windows' kernel probes
 * them; a pointer such as 1 must fail the call, never crash it.
 */
static void setsockopt_and_ioctlsocket_with_invalid_pointers_are_efault(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_fails_with(setsockopt(s, SOL_SOCKET, SO_DONTROUTE, BAD_PTR, 1), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(setsockopt(s, SOL_SOCKET, SO_RCVBUF, BAD_PTR, sizeof(int)), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(setsockopt(s, SOL_SOCKET, SO_LINGER, ws2t_page(0), sizeof(LINGER)),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, BAD_PTR, sizeof(BOOL)), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(setsockopt(s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, BAD_PTR, sizeof(SOCKET)),
                      SOCKET_ERROR, WSAEFAULT);
    u_long *none = ws2t_page(0);
    assert_fails_with(ioctlsocket(s, FIONBIO, BAD_PTR), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(ioctlsocket(s, FIONBIO, none), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(ioctlsocket(s, FIONREAD, BAD_PTR), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(ioctlsocket(s, SIOCATMARK, BAD_PTR), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(ioctlsocket(s, FIONBIO, NULL), SOCKET_ERROR, WSAEFAULT);
    /* FIONREAD writes its answer: a read-only argument is not enough. */
    u_long *readonly = ws2t_page(1);
    assert_fails_with(ioctlsocket(s, FIONREAD, readonly), SOCKET_ERROR, WSAEFAULT);
    /* Options still take values from read-only memory, which they only read. */
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)readonly, sizeof(BOOL)), 0);
    assert_int_equal(ioctlsocket(s, FIONBIO, readonly), 0);
    closesocket(s);
}

/*
 * getsockopt.md, WSAEFAULT: "One of the optval or the optlen parameters is
 * not a valid part of the user address space, or the optlen parameter is
 * too small."  Out-of-range levels and options keep their own codes.
 */
static void getsockopt_checks_optval_and_optlen(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int value, len = sizeof(value);
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_TYPE, BAD_PTR, &len), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&value, BAD_PTR), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&value, NULL), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_TYPE, ws2t_page(1), &len), SOCKET_ERROR,
                      WSAEFAULT);
    int *ro_len = ws2t_page(3);
    *ro_len = sizeof(int);
    ws2t_page_seal(ro_len);
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&value, ro_len), SOCKET_ERROR,
                      WSAEFAULT);
    len = -1;
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&value, &len), SOCKET_ERROR,
                      WSAEFAULT);
    len = sizeof(value);
    WSAPROTOCOL_INFOW *info = ws2t_page(3);
    len = sizeof(*info);
    assert_fails_with(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, BAD_PTR, &len), SOCKET_ERROR,
                      WSAEFAULT);
    /* From memory the kernel has to vouch for, a good call works. */
    assert_int_equal(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)info, &len), 0);
    assert_int_equal(info->iSocketType, SOCK_STREAM);
    len = sizeof(value);
    assert_fails_with(getsockopt(s, 0x7777, SO_TYPE, (char *)&value, &len), SOCKET_ERROR,
                      WSAEINVAL);
    assert_fails_with(getsockopt(s, SOL_SOCKET, 0x7777, (char *)&value, &len), SOCKET_ERROR,
                      WSAENOPROTOOPT);
    assert_fails_with(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&value, -1), SOCKET_ERROR,
                      WSAEFAULT);
    closesocket(s);
}

/*
 * WSAIoctl.md, WSAEFAULT: "The lpvInBuffer, lpvOutBuffer lpcbBytesReturned,
 * lpOverlapped, or lpCompletionRoutine parameter is not totally contained in
 * a valid part of the user address space, or the cbInBuffer or cbOutBuffer
 * parameter is too small."  Without an OVERLAPPED the byte count is where
 * the call reports: a NULL one is WSAEFAULT (FIONREAD included).
 */
static void wsaioctl_checks_its_buffers_and_the_byte_count(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    u_long value = 0;
    DWORD returned;
    assert_fails_with(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), NULL, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAIoctl(s, FIONBIO, &value, sizeof(value), NULL, 0, NULL, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), BAD_PTR, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAIoctl(s, FIONREAD, NULL, 0, BAD_PTR, sizeof(value), &returned, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAIoctl(s, FIONREAD, NULL, 0, &value, 2, &returned, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAIoctl(s, FIONBIO, BAD_PTR, sizeof(value), NULL, 0, &returned, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    GUID acceptex = WSAID_ACCEPTEX;
    void *fn;
    assert_fails_with(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, BAD_PTR, sizeof(GUID), &fn,
                               sizeof(fn), &returned, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof(GUID),
                               BAD_PTR, sizeof(fn), &returned, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, 3, &fn, sizeof(fn),
                               &returned, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    /* An unknown code: WSAEINVAL ("dwIoControlCode is not a valid command"). */
    assert_fails_with(WSAIoctl(s, 0x12345678, NULL, 0, NULL, 0, &returned, NULL, NULL),
                      SOCKET_ERROR, WSAEINVAL);
    /* A good FIONREAD still answers, with its byte count. */
    returned = 7;
    assert_int_equal(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), &returned, NULL, NULL),
                     0);
    assert_int_equal(returned, sizeof(u_long));
    closesocket(s);
}

/*
 * WSASend.md and WSARecv.md, WSAEFAULT: "The lpBuffers, lpNumberOfBytesSent
 * [Recvd], lpFlags, lpOverlapped, or lpCompletionRoutine parameter is not
 * totally contained in a valid part of the user address space."  A negative
 * length to send/recv is WSAEINVAL; so is a buffer count larger than any
 * array (checked before anything is sized from it).
 */
static void data_calls_check_their_pointers_and_counts(void **state)
{
    (void)state;
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    char buf[8] = "abcdefg";
    WSABUF b = {sizeof(buf), buf};
    DWORD n, flags = 0;
    WSAOVERLAPPED ov = {0};
    assert_fails_with(WSASend(client, BAD_PTR, 1, &n, 0, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSASend(client, &b, 1, BAD_PTR, 0, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSASend(client, &b, 1, &n, 0, BAD_PTR, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSASend(client, &b, 1, (LPDWORD)ws2t_page(1), 0, NULL, NULL), SOCKET_ERROR,
                      WSAEFAULT);
    assert_fails_with(WSASend(client, &b, 0x7fffffff, &n, 0, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
    assert_fails_with(WSASend(client, &b, 0xffffffff, &n, 0, &ov, NULL), SOCKET_ERROR, WSAEINVAL);
    /* A WSABUF array at the end of a page of its own (the kernel has to vouch for it). */
    WSABUF *edge = (WSABUF *)((char *)ws2t_guarded_page() + 4096 - sizeof(WSABUF));
    edge->buf = buf;
    edge->len = 1;
    /* Two buffers where the array holds one: the second lies in the page beyond. */
    assert_fails_with(WSASend(client, edge, 2, &n, 0, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(
        WSASendTo(client, &b, 1, &n, 0, BAD_PTR, sizeof(struct sockaddr_in), NULL, NULL),
        SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSARecv(client, &b, 1, &n, BAD_PTR, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSARecv(client, &b, 1, &n, NULL, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSARecv(client, BAD_PTR, 1, &n, &flags, NULL, NULL), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSARecv(client, &b, 1, &n, &flags, (LPWSAOVERLAPPED)ws2t_page(1), NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSARecv(client, &b, 0x40000000, &n, &flags, NULL, NULL), SOCKET_ERROR,
                      WSAEINVAL);
    struct sockaddr_in from;
    int fromlen = sizeof(from);
    assert_fails_with(WSARecvFrom(client, &b, 1, &n, &flags, BAD_PTR, &fromlen, NULL, NULL),
                      SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(
        WSARecvFrom(client, &b, 1, &n, &flags, (struct sockaddr *)&from, BAD_PTR, NULL, NULL),
        SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(send(client, buf, -1, 0), SOCKET_ERROR, WSAEINVAL);
    assert_fails_with(recv(client, buf, -1, 0), SOCKET_ERROR, WSAEINVAL);
    assert_fails_with(sendto(client, buf, -5, 0, NULL, 0), SOCKET_ERROR, WSAEINVAL);
    assert_fails_with(recvfrom(client, buf, INT32_MIN, 0, NULL, NULL), SOCKET_ERROR, WSAEINVAL);
    /* Data the kernel cannot read or write is Linux's to refuse: WSAEFAULT too. */
    assert_fails_with(send(client, BAD_PTR, 4, 0), SOCKET_ERROR, WSAEFAULT);
    /* The connection is whole: a WSABUF array from memory the kernel vouches for works. */
    assert_int_equal(WSASend(client, edge, 1, &n, 0, NULL, NULL), 0);
    assert_int_equal(n, 1);
    char got[8];
    assert_int_equal(recv(server, got, sizeof(got), 0), 1);
    assert_int_equal(got[0], 'a');
    closesocket(client);
    closesocket(server);
}

/*
 * select.md, WSAENOTSOCK: "One of the descriptor sets contains an entry that
 * is not a socket" — INVALID_SOCKET too, first or after valid sockets.
 * WSAEFAULT: "The Windows Sockets implementation was unable to allocate
 * needed resources for its internal operations, or the readfds, writefds,
 * exceptfds, or timeval parameters are not part of the user address space."
 * WSAEINVAL: "The time-out value is not valid, or all three descriptor
 * parameters were null"; a count no array holds is WSAEINVAL as well.
 */
static void select_refuses_non_sockets_bad_sets_and_huge_counts(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct timeval tv = {0, 0};
    fd_set set;
    FD_ZERO(&set);
    FD_SET(INVALID_SOCKET, &set);
    assert_fails_with(select(0, &set, NULL, NULL, &tv), SOCKET_ERROR, WSAENOTSOCK);
    FD_ZERO(&set);
    FD_SET(s, &set);
    FD_SET(INVALID_SOCKET, &set);
    assert_fails_with(select(0, NULL, &set, NULL, &tv), SOCKET_ERROR, WSAENOTSOCK);
    FD_ZERO(&set);
    FD_SET(INVALID_SOCKET, &set);
    FD_SET(s, &set);
    assert_fails_with(select(0, NULL, NULL, &set, &tv), SOCKET_ERROR, WSAENOTSOCK);
    fd_set empty;
    FD_ZERO(&empty);
    assert_fails_with(select(0, &empty, &empty, &empty, &tv), SOCKET_ERROR, WSAEINVAL);
    assert_fails_with(select(0, NULL, NULL, NULL, &tv), SOCKET_ERROR, WSAEINVAL);
    FD_ZERO(&set);
    FD_SET(s, &set);
    assert_fails_with(select(0, BAD_PTR, &set, NULL, &tv), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(select(0, NULL, &set, NULL, BAD_PTR), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(select(0, NULL, ws2t_page(1), NULL, &tv), SOCKET_ERROR, WSAEFAULT);
    struct timeval negative = {-1, 0};
    assert_fails_with(select(0, NULL, &set, NULL, &negative), SOCKET_ERROR, WSAEINVAL);
    set.fd_count = 0x7fffffff;
    assert_fails_with(select(0, &set, NULL, NULL, &tv), SOCKET_ERROR, WSAEINVAL);
    /* A count past the end of the memory the set lies in: WSAEFAULT, never a crash. */
    fd_set *edge = (fd_set *)((char *)ws2t_guarded_page() + 4096 - sizeof(fd_set));
    FD_ZERO(edge);
    FD_SET(s, edge);
    edge->fd_count = 1000;
    assert_fails_with(select(0, edge, NULL, NULL, &tv), SOCKET_ERROR, WSAEFAULT);
    assert_int_equal(__WSAFDIsSet(s, BAD_PTR), 0);
    assert_int_equal(__WSAFDIsSet(s, edge), 0);
    edge->fd_count = 1;
    assert_int_equal(__WSAFDIsSet(s, edge), 1);
    /* The set still works: s is writable at once. */
    assert_int_equal(select(0, NULL, edge, NULL, &tv), 1);
    closesocket(s);
}

/*
 * WSAPoll.md, WSAEFAULT: "An exception occurred while reading user input
 * parameters"; WSAEINVAL: "... if invalid flags were specified in the events
 * member".  As Windows answers (Wine's test_WSAPoll, run on Windows): a NULL
 * array is WSAEFAULT when entries are counted, an array with no socket in it
 * WSAENOTSOCK, and an entry that is not a socket (a negative fd included)
 * gets POLLNVAL and is not counted.  A count beyond any array is WSAEINVAL
 * before anything is sized.
 */
static void wsapoll_checks_its_array_count_and_flags(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    WSAPOLLFD fds[2] = {{s, POLLWRNORM, 0}, {INVALID_SOCKET, POLLRDNORM, 0}};
    assert_fails_with(WSAPoll(NULL, 1, 0), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAPoll(BAD_PTR, 1, 0), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAPoll(ws2t_page(1), 1, 0), SOCKET_ERROR, WSAEFAULT);
    assert_fails_with(WSAPoll(fds, 0x7fffffff, 0), SOCKET_ERROR, WSAEINVAL);
    assert_fails_with(WSAPoll(fds, 0xffffffff, 0), SOCKET_ERROR, WSAEINVAL);
    assert_fails_with(WSAPoll(&fds[1], 1, 0), SOCKET_ERROR, WSAENOTSOCK);
    fds[0].events = 0x4000;
    assert_fails_with(WSAPoll(fds, 1, 0), SOCKET_ERROR, WSAEINVAL);
    fds[0].events = POLLWRNORM;
    assert_int_equal(WSAPoll(fds, 2, 0), 1);
    assert_int_equal(fds[1].revents, POLLNVAL);
    assert_true(fds[0].revents & POLLWRNORM);
    /* A closed socket next to a good one is POLLNVAL, not counted; the call succeeds. */
    SOCKET closed = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    closesocket(closed);
    fds[1].fd = closed;
    assert_int_equal(WSAPoll(fds, 2, 0), 1);
    assert_int_equal(fds[1].revents, POLLNVAL);
    closesocket(s);
}

/*
 * WSAGetOverlappedResult.md, WSAEFAULT: "One or more of the lpOverlapped,
 * lpcbTransfer, or lpdwFlags parameters are not in a valid part of the user
 * address space."
 */
static void wsagetoverlappedresult_checks_its_pointers(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAOVERLAPPED ov = {0};
    DWORD n, flags;
    assert_fails_with(WSAGetOverlappedResult(s, NULL, &n, FALSE, &flags), FALSE, WSAEFAULT);
    assert_fails_with(WSAGetOverlappedResult(s, BAD_PTR, &n, FALSE, &flags), FALSE, WSAEFAULT);
    assert_fails_with(WSAGetOverlappedResult(s, &ov, BAD_PTR, FALSE, &flags), FALSE, WSAEFAULT);
    assert_fails_with(WSAGetOverlappedResult(s, &ov, &n, FALSE, BAD_PTR), FALSE, WSAEFAULT);
    assert_fails_with(WSAGetOverlappedResult(s, &ov, NULL, FALSE, &flags), FALSE, WSAEFAULT);
    assert_fails_with(WSAGetOverlappedResult(s, &ov, &n, FALSE, NULL), FALSE, WSAEFAULT);
    closesocket(s);
}

/* The extension functions (WSAIoctl's SIO_GET_EXTENSION_FUNCTION_POINTER) refuse bad memory. */
static void extension_functions_check_their_pointers(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int lalen = sizeof(la);
    SOCKET listener = ws2t_listener(AF_INET, &la, &lalen);
    SOCKET accepted = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    GUID ids[] = {WSAID_ACCEPTEX, WSAID_CONNECTEX, WSAID_GETACCEPTEXSOCKADDRS};
    void *fns[3];
    DWORD returned;
    for (int i = 0; i < 3; i++)
        assert_int_equal(WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &ids[i],
                                  sizeof(GUID), &fns[i], sizeof(void *), &returned, NULL, NULL),
                         0);
    LPFN_ACCEPTEX acceptex = (LPFN_ACCEPTEX)fns[0];
    LPFN_CONNECTEX connectex = (LPFN_CONNECTEX)fns[1];
    LPFN_GETACCEPTEXSOCKADDRS sockaddrs = (LPFN_GETACCEPTEXSOCKADDRS)fns[2];
    char out[2 * (sizeof(struct sockaddr_in6) + 16)];
    WSAOVERLAPPED ov = {0};
    DWORD n;
    DWORD addr_len = sizeof(struct sockaddr_in6) + 16;
    assert_fails_with(acceptex(listener, accepted, BAD_PTR, 0, addr_len, addr_len, &n, &ov), FALSE,
                      WSAEFAULT);
    assert_fails_with(acceptex(listener, accepted, ws2t_page(1), 0, addr_len, addr_len, &n, &ov),
                      FALSE, WSAEFAULT);
    assert_fails_with(acceptex(listener, accepted, out, 0, addr_len, addr_len, &n, BAD_PTR), FALSE,
                      WSAEFAULT);
    assert_fails_with(acceptex(listener, accepted, out, 0, addr_len, addr_len, BAD_PTR, &ov), FALSE,
                      WSAEFAULT);
    struct sockaddr *local, *remote;
    int local_len = -1, remote_len = -1;
    sockaddrs(BAD_PTR, 0, addr_len, addr_len, &local, &local_len, &remote, &remote_len);
    assert_int_equal(local_len, -1);
    sockaddrs(out, 0, addr_len, addr_len, BAD_PTR, &local_len, &remote, BAD_PTR);
    assert_int_equal(local_len, -1);

    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(c, (struct sockaddr *)&any, sizeof(any)), 0);
    assert_fails_with(connectex(c, (struct sockaddr *)&la, lalen, NULL, 0, NULL, BAD_PTR), FALSE,
                      WSAEFAULT);
    assert_fails_with(connectex(c, BAD_PTR, lalen, NULL, 0, NULL, &ov), FALSE, WSAEFAULT);
    closesocket(c);
    closesocket(accepted);
    closesocket(listener);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(setsockopt_and_ioctlsocket_with_invalid_pointers_are_efault),
        cmocka_unit_test(getsockopt_checks_optval_and_optlen),
        cmocka_unit_test(wsaioctl_checks_its_buffers_and_the_byte_count),
        cmocka_unit_test(data_calls_check_their_pointers_and_counts),
        cmocka_unit_test(select_refuses_non_sockets_bad_sets_and_huge_counts),
        cmocka_unit_test(wsapoll_checks_its_array_count_and_flags),
        cmocka_unit_test(wsagetoverlappedresult_checks_its_pointers),
        cmocka_unit_test(extension_functions_check_their_pointers),
    };
    return cmocka_run_group_tests(tests, ws2t_setup, ws2t_teardown);
}
