/*
 * WSARecvMsg and WSASendMsg (LPFN_WSARECVMSG, WSASendMsg): datagrams with
 * their address, scatter/gather buffers and control data in Windows'
 * WSACMSGHDR layout, blocking, non-blocking and overlapped, as Windows is
 * observed to answer (Wine's conformance tests run on Windows: test_ip_pktinfo,
 * test_ipv4_cmsg, test_ipv6_cmsg, test_WSASendMsg).
 *
 * The receive options (IP_PKTINFO, IP_RECVTTL ...) are turned on beneath the
 * library (ws2t_linux_recv_option) so that these tests check the reporting
 * of control data whatever sets the option.
 */
#include <stdbool.h>
#include <string.h>

#include "testlib.h"

#include <mswsock.h>
#include <windows.h>

static LPFN_WSARECVMSG recv_msg_fn(SOCKET s)
{
    return (LPFN_WSARECVMSG)ws2t_extension(s, (GUID)WSAID_WSARECVMSG);
}

/* A UDP sender and a receiver bound to 127.0.0.1 (its address in *to). */
static void udp_pair(SOCKET *sender, SOCKET *receiver, struct sockaddr_in *to)
{
    *receiver = ws2t_udp_bound(to);
    *sender = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_true(*sender != INVALID_SOCKET);
}

static void send_to(SOCKET s, const char *data, int len, const struct sockaddr_in *to)
{
    assert_int_equal(sendto(s, data, len, 0, (const struct sockaddr *)to, sizeof(*to)), len);
}

/* The offer: both GUIDs give a function (main answered WSAEINVAL for WSARecvMsg). */
static void recvmsg_and_sendmsg_extension_pointers_are_offered(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    assert_non_null(ws2t_extension(s, (GUID)WSAID_WSARECVMSG));
    assert_non_null(ws2t_extension(s, (GUID)WSAID_WSASENDMSG));
    closesocket(s);
}

/* A datagram into two buffers, the sender's address in name, no control data. */
static void recvmsg_scatters_a_datagram_and_names_its_sender(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    send_to(tx, "HELLOWORLD", 10, &to);
    char a[4], b[16], control[64];
    WSABUF bufs[2] = {{sizeof(a), a}, {sizeof(b), b}};
    struct sockaddr_in from;
    memset(&from, 0, sizeof(from));
    WSAMSG msg = {(LPSOCKADDR)&from, sizeof(from), bufs, 2, {sizeof(control), control}, 0};
    DWORD got = 0;
    WSASetLastError(12345);
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, &got, NULL, NULL), 0);
    assert_int_equal(WSAGetLastError(), 0);
    assert_int_equal(got, 10);
    assert_memory_equal(a, "HELL", 4);
    assert_memory_equal(b, "OWORLD", 6);
    assert_int_equal(msg.namelen, sizeof(struct sockaddr_in));
    assert_int_equal(from.sin_family, AF_INET);
    assert_int_equal(from.sin_port, htons(ws2t_local_port(tx)));
    assert_int_equal(msg.Control.len, 0);
    assert_int_equal(msg.dwFlags, 0);
    closesocket(tx);
    closesocket(rx);
}

/* Bad arguments and the wrong socket: WSAEFAULT for NULL, WSAEOPNOTSUPP for a stream socket. */
static void recvmsg_refuses_null_message_and_stream_sockets(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    LPFN_WSARECVMSG fn = recv_msg_fn(rx);
    assert_int_equal(fn(rx, NULL, NULL, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    char buf[8];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {0, NULL}, 0};
    assert_int_equal(fn(rx, &msg, NULL, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(fn(INVALID_SOCKET, &msg, NULL, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    DWORD got;
    assert_int_equal(fn(s, &msg, &got, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEOPNOTSUPP);
    ws2t_set_nonblocking(rx, 1);
    assert_int_equal(fn(rx, &msg, &got, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    closesocket(c);
    closesocket(s);
    closesocket(tx);
    closesocket(rx);
}

/* A datagram larger than the buffers: WSAEMSGSIZE, MSG_TRUNC, the buffer holds its start. */
static void recvmsg_truncated_datagram_sets_msg_trunc(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    send_to(tx, "0123456789", 10, &to);
    char buf[4];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {0, NULL}, 0};
    DWORD got = 0;
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, &got, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEMSGSIZE);
    assert_int_equal(msg.dwFlags & MSG_TRUNC, MSG_TRUNC);
    assert_int_equal(got, 4);
    assert_memory_equal(buf, "0123", 4);
    closesocket(tx);
    closesocket(rx);
}

/* The entry after hdr within msg, checked as the WSA_CMSG macros walk. */
static WSACMSGHDR *only_entry(WSAMSG *msg)
{
    WSACMSGHDR *h = WSA_CMSG_FIRSTHDR(msg);
    assert_non_null(h);
    assert_null(WSA_CMSG_NXTHDR(msg, h));
    return h;
}

/* IP_PKTINFO: Windows' type 19, IN_PKTINFO with the destination, Control.len one entry's space. */
static void recvmsg_reports_ip_pktinfo_in_windows_layout(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_PKTINFO"), 0);
    send_to(tx, "HELLO", 6, &to);
    char buf[16], control[128];
    memset(control, 0xcc, sizeof(control));
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {sizeof(control), control}, 0};
    DWORD got = 0;
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, &got, NULL, NULL), 0);
    assert_int_equal(got, 6);
    assert_int_equal(msg.Control.len, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)));
    assert_int_equal(msg.Control.len, sizeof(WSACMSGHDR) + 8);
    WSACMSGHDR *h = only_entry(&msg);
    assert_int_equal(h->cmsg_level, IPPROTO_IP);
    assert_int_equal(h->cmsg_type, IP_PKTINFO);
    assert_int_equal(h->cmsg_len, sizeof(WSACMSGHDR) + sizeof(IN_PKTINFO));
    IN_PKTINFO pi;
    memcpy(&pi, WSA_CMSG_DATA(h), sizeof(pi));
    assert_int_equal(pi.ipi_addr.s_addr, htonl(INADDR_LOOPBACK));
    assert_true(pi.ipi_ifindex > 0);
    assert_int_equal(msg.dwFlags, 0);
    closesocket(tx);
    closesocket(rx);
}

/* IP_RECVTTL / IP_RECVTOS: Windows reports IP_TTL and IP_TOS, each an INT. */
static void recvmsg_reports_ttl_and_tos_as_ints(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_RECVTTL"), 0);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_RECVTOS"), 0);
    send_to(tx, "HELLO", 6, &to);
    char buf[16], control[128];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {sizeof(control), control}, 0};
    DWORD got = 0;
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, &got, NULL, NULL), 0);
    bool ttl = false, tos = false;
    for (WSACMSGHDR *h = WSA_CMSG_FIRSTHDR(&msg); h; h = WSA_CMSG_NXTHDR(&msg, h)) {
        assert_int_equal(h->cmsg_level, IPPROTO_IP);
        assert_int_equal(h->cmsg_len, sizeof(WSACMSGHDR) + sizeof(INT));
        INT value;
        memcpy(&value, WSA_CMSG_DATA(h), sizeof(value));
        if (h->cmsg_type == IP_TTL) {
            assert_true(value >= 32);
            ttl = true;
        } else {
            assert_int_equal(h->cmsg_type, IP_TOS);
            assert_int_equal(value, 0);
            tos = true;
        }
    }
    assert_true(ttl && tos);
    assert_int_equal(msg.Control.len, 2 * WSA_CMSG_SPACE(sizeof(INT)));
    closesocket(tx);
    closesocket(rx);
}

/*
 * The received traffic-class byte is reported as the socket asked for it:
 * IP_ECN (its two ECN bits) after setsockopt(IP_ECN), IP_TOS (the byte)
 * after setsockopt(IP_RECVTOS), both after both (IP_ECN: Windows 10 1809+,
 * an INT holding the ECN codepoint).
 */
static void recvmsg_reports_ecn_or_tos_as_the_socket_asked(void **state)
{
    (void)state;
    for (int ask = 1; ask <= 3; ask++) {
        SOCKET tx, rx;
        struct sockaddr_in to;
        udp_pair(&tx, &rx, &to);
        DWORD on = 1;
        if (ask & 1)
            assert_int_equal(setsockopt(rx, IPPROTO_IP, IP_ECN, (char *)&on, sizeof(on)), 0);
        if (ask & 2)
            assert_int_equal(setsockopt(rx, IPPROTO_IP, IP_RECVTOS, (char *)&on, sizeof(on)), 0);
        DWORD tos = 0x20 | 0x2; /* a DSCP and ECT(0) */
        assert_int_equal(setsockopt(tx, IPPROTO_IP, IP_TOS, (char *)&tos, sizeof(tos)), 0);
        send_to(tx, "HELLO", 6, &to);
        char buf[16], control[128];
        WSABUF b = {sizeof(buf), buf};
        WSAMSG msg = {NULL, 0, &b, 1, {sizeof(control), control}, 0};
        DWORD got = 0;
        assert_int_equal(recv_msg_fn(rx)(rx, &msg, &got, NULL, NULL), 0);
        int ecn = -1, whole = -1;
        for (WSACMSGHDR *h = WSA_CMSG_FIRSTHDR(&msg); h; h = WSA_CMSG_NXTHDR(&msg, h)) {
            assert_int_equal(h->cmsg_level, IPPROTO_IP);
            assert_int_equal(h->cmsg_len, sizeof(WSACMSGHDR) + sizeof(INT));
            INT value;
            memcpy(&value, WSA_CMSG_DATA(h), sizeof(value));
            if (h->cmsg_type == IP_ECN)
                ecn = value;
            else if (h->cmsg_type == IP_TOS)
                whole = value;
            else
                fail_msg("unexpected control data type %d", h->cmsg_type);
        }
        assert_int_equal(ecn, (ask & 1) ? 0x2 : -1);
        assert_int_equal(whole, (ask & 2) ? (int)tos : -1);
        closesocket(tx);
        closesocket(rx);
    }
}

/* IPv6: IPV6_PKTINFO (IN6_PKTINFO, ::1), IPV6_HOPLIMIT and IPV6_TCLASS as INTs. */
static void recvmsg_reports_ipv6_control_data(void **state)
{
    (void)state;
    SOCKET rx = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    SOCKET tx = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in6 to;
    memset(&to, 0, sizeof(to));
    to.sin6_family = AF_INET6;
    to.sin6_addr = in6addr_loopback;
    assert_int_equal(bind(rx, (struct sockaddr *)&to, sizeof(to)), 0);
    int len = sizeof(to);
    assert_int_equal(getsockname(rx, (struct sockaddr *)&to, &len), 0);
    unsigned short port = ntohs(to.sin6_port);
    assert_int_equal(ws2t_linux_recv_option(port, "IPV6_RECVPKTINFO"), 0);
    assert_int_equal(ws2t_linux_recv_option(port, "IPV6_RECVHOPLIMIT"), 0);
    assert_int_equal(ws2t_linux_recv_option(port, "IPV6_RECVTCLASS"), 0);
    assert_int_equal(sendto(tx, "HELLO", 6, 0, (struct sockaddr *)&to, sizeof(to)), 6);
    char buf[16], control[256];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {sizeof(control), control}, 0};
    DWORD got = 0;
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, &got, NULL, NULL), 0);
    int seen = 0;
    for (WSACMSGHDR *h = WSA_CMSG_FIRSTHDR(&msg); h; h = WSA_CMSG_NXTHDR(&msg, h)) {
        assert_int_equal(h->cmsg_level, IPPROTO_IPV6);
        if (h->cmsg_type == IPV6_PKTINFO) {
            assert_int_equal(h->cmsg_len, sizeof(WSACMSGHDR) + sizeof(IN6_PKTINFO));
            IN6_PKTINFO pi;
            memcpy(&pi, WSA_CMSG_DATA(h), sizeof(pi));
            assert_memory_equal(&pi.ipi6_addr, &in6addr_loopback, 16);
            seen |= 1;
        } else {
            assert_int_equal(h->cmsg_len, sizeof(WSACMSGHDR) + sizeof(INT));
            INT value;
            memcpy(&value, WSA_CMSG_DATA(h), sizeof(value));
            if (h->cmsg_type == IPV6_HOPLIMIT) {
                assert_true(value >= 32);
                seen |= 2;
            } else {
                assert_int_equal(h->cmsg_type, IPV6_TCLASS);
                assert_int_equal(value, 0);
                seen |= 4;
            }
        }
    }
    assert_int_equal(seen, 7);
    closesocket(tx);
    closesocket(rx);
}

/* Control data that does not fit: WSAEMSGSIZE, MSG_CTRUNC, and the count still reported. */
static void recvmsg_short_control_buffer_sets_ctrunc(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_PKTINFO"), 0);
    send_to(tx, "HELLO", 6, &to);
    char buf[16], control[1];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {sizeof(control), control}, 0};
    DWORD got = 0xdeadbeef;
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, &got, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEMSGSIZE);
    assert_int_equal(msg.dwFlags, MSG_CTRUNC);
    assert_int_equal(got, 6);
    closesocket(tx);
    closesocket(rx);
}

/*
 * Overlapped with an event: pending, then STATUS_BUFFER_OVERFLOW (short
 * control), WSAGetOverlappedResult says WSAEMSGSIZE with the count, and the
 * WSAMSG is written at completion.
 */
static void recvmsg_overlapped_event_completes_with_buffer_overflow(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_PKTINFO"), 0);
    char buf[16], control[1];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {sizeof(control), control}, 0};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, NULL, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(msg.Control.len, 1);
    send_to(tx, "HELLO", 6, &to);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0);
    assert_int_equal((DWORD)ov.Internal, 0x80000005u /* STATUS_BUFFER_OVERFLOW */);
    assert_int_equal(ov.InternalHigh, 6);
    DWORD got = 0, flags = 0;
    assert_false(WSAGetOverlappedResult(rx, &ov, &got, FALSE, &flags));
    assert_wsa_error(WSAEMSGSIZE);
    assert_int_equal(got, 6);
    assert_int_equal(msg.dwFlags, MSG_CTRUNC);
    WSACloseEvent(ov.hEvent);
    closesocket(tx);
    closesocket(rx);
}

static int routine_calls;
static DWORD routine_error, routine_bytes, routine_flags;

static void CALLBACK on_done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov;
    routine_calls++;
    routine_error = error;
    routine_bytes = bytes;
    routine_flags = flags;
}

/*
 * With a completion routine and the datagram already there: the call says
 * WSA_IO_PENDING, the routine gets WSAEMSGSIZE, the count and flags 0.
 */
static void recvmsg_routine_gets_emsgsize_and_flags_zero(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_PKTINFO"), 0);
    send_to(tx, "HELLO", 6, &to);
    Sleep(50);
    char buf[16], control[1];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {sizeof(control), control}, 0};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    routine_calls = 0;
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, NULL, &ov, on_done), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(SleepEx(5000, TRUE), WAIT_IO_COMPLETION);
    assert_int_equal(routine_calls, 1);
    assert_int_equal(routine_error, WSAEMSGSIZE);
    assert_int_equal(routine_bytes, 6);
    assert_int_equal(routine_flags, 0);
    assert_int_equal(msg.dwFlags, MSG_CTRUNC);
    closesocket(tx);
    closesocket(rx);
}

/* On a completion port: the packet brings the count; the control data is in the WSAMSG. */
static void recvmsg_completes_on_a_port_with_control_data(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_PKTINFO"), 0);
    HANDLE port = ws2t_new_port();
    assert_non_null(CreateIoCompletionPort((HANDLE)rx, port, 77, 0));
    char buf[16], control[64];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {sizeof(control), control}, 0};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, NULL, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    send_to(tx, "HELLO", 6, &to);
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &got, 5000));
    assert_ptr_equal(got, &ov);
    assert_int_equal(key, 77);
    assert_int_equal(bytes, 6);
    assert_int_equal(msg.Control.len, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)));
    assert_int_equal(WSA_CMSG_FIRSTHDR(&msg)->cmsg_type, IP_PKTINFO);
    closesocket(tx);
    closesocket(rx);
    CloseHandle(port);
}

/* closesocket aborts a pending WSARecvMsg, with its completion (event set, aborted). */
static void recvmsg_pending_is_aborted_by_closesocket(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    char buf[16];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {0, NULL}, 0};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, NULL, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_int_equal(closesocket(rx), 0);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0);
    DWORD got = 0;
    assert_false(GetOverlappedResult((HANDLE)rx, &ov, &got, FALSE));
    assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
    WSACloseEvent(ov.hEvent);
    closesocket(tx);
}

/*
 * The final WSACleanup aborts a pending WSARecvMsg without any completion
 * action (WSACleanup.txt: "canceled without setting the event object or
 * invoking the completion routine"), its status written all the same.
 */
static void recvmsg_pending_is_aborted_silently_by_final_cleanup(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    char buf[16];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {0, NULL}, 0};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    ov.hEvent = event;
    assert_int_equal(recv_msg_fn(rx)(rx, &msg, NULL, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    while (WSACleanup() == 0)
        ;
    assert_int_equal((DWORD)ov.Internal, 0xC0000120u /* STATUS_CANCELLED */);
    assert_int_equal(WaitForSingleObject(event, 300), WAIT_TIMEOUT);
    CloseHandle(event);
}

struct closer {
    SOCKET s;
};

static DWORD WINAPI close_later(LPVOID arg)
{
    Sleep(200);
    closesocket(((struct closer *)arg)->s);
    return 0;
}

/* A blocking WSARecvMsg ends with WSAEINTR when another thread closes its socket. */
static void recvmsg_blocking_is_interrupted_by_closesocket(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    LPFN_WSARECVMSG fn = recv_msg_fn(rx);
    struct closer c = {rx};
    HANDLE th = ws2t_thread(close_later, &c);
    char buf[16];
    WSABUF b = {sizeof(buf), buf};
    WSAMSG msg = {NULL, 0, &b, 1, {0, NULL}, 0};
    DWORD got = 0;
    assert_int_equal(fn(rx, &msg, &got, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEINTR);
    ws2t_join(th);
    closesocket(tx);
}

/* WSASendMsg, exported: binds an unbound socket, sends one datagram of both buffers. */
static void sendmsg_sends_gathered_datagram_and_binds(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    WSABUF bufs[2] = {{5, "hello"}, {6, " world"}};
    WSAMSG msg = {(LPSOCKADDR)&to, sizeof(to), bufs, 2, {0, NULL}, 0};
    DWORD sent = 0;
    WSASetLastError(12345);
    assert_int_equal(WSASendMsg(tx, &msg, 0, &sent, NULL, NULL), 0);
    assert_int_equal(WSAGetLastError(), 0);
    assert_int_equal(sent, 11);
    char in[32];
    assert_int_equal(recv(rx, in, sizeof(in), 0), 11);
    assert_memory_equal(in, "hello world", 11);
    struct sockaddr_in local;
    int len = sizeof(local);
    assert_int_equal(getsockname(tx, (struct sockaddr *)&local, &len), 0);
    assert_int_equal(local.sin_addr.s_addr, htonl(INADDR_ANY));
    assert_true(local.sin_port != 0);
    closesocket(tx);
    closesocket(rx);
}

/* WSASendMsg's errors as Windows gives them. */
static void sendmsg_refuses_bad_arguments_and_stream_sockets(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    WSABUF b = {5, "hello"};
    WSAMSG msg = {(LPSOCKADDR)&to, sizeof(to), &b, 1, {0, NULL}, 0};
    DWORD sent;
    assert_int_equal(WSASendMsg(INVALID_SOCKET, &msg, 0, &sent, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(WSASendMsg(tx, NULL, 0, &sent, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(WSASendMsg(tx, &msg, 0, NULL, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    char control[WSA_CMSG_SPACE(sizeof(INT))];
    memset(control, 0, sizeof(control));
    WSACMSGHDR h = {WSA_CMSG_LEN(sizeof(INT)), SOL_SOCKET, 0x1234};
    memcpy(control, &h, sizeof(h));
    msg.Control.buf = control;
    msg.Control.len = sizeof(control);
    assert_int_equal(WSASendMsg(tx, &msg, 0, &sent, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    msg.Control.buf = NULL;
    msg.Control.len = 0;
    assert_int_equal(WSASendMsg(c, &msg, 0, &sent, NULL, NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    closesocket(c);
    closesocket(s);
    closesocket(tx);
    closesocket(rx);
}

/* Control data sent: IP_TOS and IP_TTL reach the receiver, which reports them back. */
static void sendmsg_control_data_sets_tos_and_ttl(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_RECVTTL"), 0);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_RECVTOS"), 0);
    char control[2 * WSA_CMSG_SPACE(sizeof(INT))];
    memset(control, 0, sizeof(control));
    INT tos = 0x20, ttl = 7;
    WSACMSGHDR h1 = {WSA_CMSG_LEN(sizeof(INT)), IPPROTO_IP, IP_TOS};
    memcpy(control, &h1, sizeof(h1));
    memcpy(control + WSA_CMSG_LEN(0), &tos, sizeof(tos));
    WSACMSGHDR h2 = {WSA_CMSG_LEN(sizeof(INT)), IPPROTO_IP, IP_TTL};
    memcpy(control + WSA_CMSG_SPACE(sizeof(INT)), &h2, sizeof(h2));
    memcpy(control + WSA_CMSG_SPACE(sizeof(INT)) + WSA_CMSG_LEN(0), &ttl, sizeof(ttl));
    WSABUF b = {5, "hello"};
    WSAMSG msg = {(LPSOCKADDR)&to, sizeof(to), &b, 1, {sizeof(control), control}, 0};
    DWORD sent = 0;
    assert_int_equal(WSASendMsg(tx, &msg, 0, &sent, NULL, NULL), 0);
    assert_int_equal(sent, 5);
    char buf[16], in_control[128];
    WSABUF rb = {sizeof(buf), buf};
    WSAMSG in = {NULL, 0, &rb, 1, {sizeof(in_control), in_control}, 0};
    DWORD got = 0;
    assert_int_equal(recv_msg_fn(rx)(rx, &in, &got, NULL, NULL), 0);
    int seen = 0;
    for (WSACMSGHDR *h = WSA_CMSG_FIRSTHDR(&in); h; h = WSA_CMSG_NXTHDR(&in, h)) {
        INT value;
        memcpy(&value, WSA_CMSG_DATA(h), sizeof(value));
        if (h->cmsg_type == IP_TTL) {
            assert_int_equal(value, 7);
            seen |= 1;
        } else if (h->cmsg_type == IP_TOS) {
            assert_int_equal(value, 0x20);
            seen |= 2;
        }
    }
    assert_int_equal(seen, 3);
    closesocket(tx);
    closesocket(rx);
}

/*
 * The SDK's RFC 2292 names (struct cmsghdr, CMSG_SPACE, CMSG_FIRSTHDR,
 * CMSG_LEN, CMSG_NXTHDR) build a control buffer as the WSA_ names do.
 */
static void sendmsg_control_built_with_the_sdk_cmsg_names(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    assert_int_equal(ws2t_linux_recv_option(ntohs(to.sin_port), "IP_RECVTTL"), 0);
    /* Room past the entry: the walk's arithmetic looks one header ahead. */
    char control[2 * CMSG_SPACE(sizeof(INT))];
    memset(control, 0, sizeof(control));
    WSABUF b = {5, "hello"};
    WSAMSG msg = {(LPSOCKADDR)&to, sizeof(to), &b, 1, {CMSG_SPACE(sizeof(INT)), control}, 0};
    struct cmsghdr *h = CMSG_FIRSTHDR(&msg);
    assert_non_null(h);
    h->cmsg_level = IPPROTO_IP;
    h->cmsg_type = IP_TTL;
    h->cmsg_len = CMSG_LEN(sizeof(INT));
    INT ttl = 9;
    memcpy(WSA_CMSG_DATA(h), &ttl, sizeof(ttl));
    assert_null(CMSG_NXTHDR(&msg, h));
    DWORD sent = 0;
    assert_int_equal(WSASendMsg(tx, &msg, 0, &sent, NULL, NULL), 0);
    char buf[16], in_control[64];
    WSABUF rb = {sizeof(buf), buf};
    WSAMSG in = {NULL, 0, &rb, 1, {sizeof(in_control), in_control}, 0};
    DWORD got = 0;
    assert_int_equal(recv_msg_fn(rx)(rx, &in, &got, NULL, NULL), 0);
    WSACMSGHDR *r = only_entry(&in);
    assert_int_equal(r->cmsg_type, IP_TTL);
    INT value;
    memcpy(&value, WSA_CMSG_DATA(r), sizeof(value));
    assert_int_equal(value, 9);
    closesocket(tx);
    closesocket(rx);
}

/* Overlapped WSASendMsg through the extension pointer, with an event. */
static void sendmsg_overlapped_completes_with_its_count(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    LPFN_WSASENDMSG fn = (LPFN_WSASENDMSG)ws2t_extension(tx, (GUID)WSAID_WSASENDMSG);
    WSABUF b = {5, "hello"};
    WSAMSG msg = {(LPSOCKADDR)&to, sizeof(to), &b, 1, {0, NULL}, 0};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    int r = fn(tx, &msg, 0, NULL, &ov, NULL);
    assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0);
    DWORD sent = 0, flags = 0;
    assert_true(WSAGetOverlappedResult(tx, &ov, &sent, FALSE, &flags));
    assert_int_equal(sent, 5);
    char in[8];
    assert_int_equal(recv(rx, in, sizeof(in), 0), 5);
    WSACloseEvent(ov.hEvent);
    closesocket(tx);
    closesocket(rx);
}

/* More buffers than Linux takes in one call: still one datagram each way. */
static void sendmsg_and_recvmsg_take_more_than_1024_buffers(void **state)
{
    (void)state;
    SOCKET tx, rx;
    struct sockaddr_in to;
    udp_pair(&tx, &rx, &to);
    enum { N = 1500 };
    static WSABUF bufs[N];
    static char out[N], in[N];
    for (int i = 0; i < N; i++) {
        out[i] = (char)('a' + i % 26);
        bufs[i].buf = &out[i];
        bufs[i].len = 1;
    }
    WSAMSG msg = {(LPSOCKADDR)&to, sizeof(to), bufs, N, {0, NULL}, 0};
    DWORD sent = 0;
    assert_int_equal(WSASendMsg(tx, &msg, 0, &sent, NULL, NULL), 0);
    assert_int_equal(sent, N);
    for (int i = 0; i < N; i++)
        bufs[i].buf = &in[i];
    WSAMSG rmsg = {NULL, 0, bufs, N, {0, NULL}, 0};
    DWORD got = 0;
    assert_int_equal(recv_msg_fn(rx)(rx, &rmsg, &got, NULL, NULL), 0);
    assert_int_equal(got, N);
    assert_memory_equal(in, out, N);
    closesocket(tx);
    closesocket(rx);
}

#define T(name) cmocka_unit_test_setup_teardown(name, ws2t_setup, ws2t_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(recvmsg_and_sendmsg_extension_pointers_are_offered),
        T(recvmsg_scatters_a_datagram_and_names_its_sender),
        T(recvmsg_refuses_null_message_and_stream_sockets),
        T(recvmsg_truncated_datagram_sets_msg_trunc),
        T(recvmsg_reports_ip_pktinfo_in_windows_layout),
        T(recvmsg_reports_ttl_and_tos_as_ints),
        T(recvmsg_reports_ecn_or_tos_as_the_socket_asked),
        T(recvmsg_reports_ipv6_control_data),
        T(recvmsg_short_control_buffer_sets_ctrunc),
        T(recvmsg_overlapped_event_completes_with_buffer_overflow),
        T(recvmsg_routine_gets_emsgsize_and_flags_zero),
        T(recvmsg_completes_on_a_port_with_control_data),
        T(recvmsg_pending_is_aborted_by_closesocket),
        T(recvmsg_pending_is_aborted_silently_by_final_cleanup),
        T(recvmsg_blocking_is_interrupted_by_closesocket),
        T(sendmsg_sends_gathered_datagram_and_binds),
        T(sendmsg_refuses_bad_arguments_and_stream_sockets),
        T(sendmsg_control_data_sets_tos_and_ttl),
        T(sendmsg_control_built_with_the_sdk_cmsg_names),
        T(sendmsg_overlapped_completes_with_its_count),
        T(sendmsg_and_recvmsg_take_more_than_1024_buffers),
    };
    return cmocka_run_group_tests_name("msg", tests, NULL, NULL);
}
