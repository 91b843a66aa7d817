/*
 * Shared sockets: WSADuplicateSocketA/W and WSASocket with the
 * WSAPROTOCOL_INFO they return, in this process and in a child (docs:
 * WSADuplicateSocket, WSPDuplicateSocket, Shared Sockets; spec:
 * WSPCloseSocket.txt, closesocket.md, WSACleanup.txt).
 *
 * "A process can call closesocket on a duplicated socket and the descriptor
 * will become deallocated. The underlying socket, however, will remain open
 * until closesocket is called by the last remaining descriptor" (Shared
 * Sockets), and "If this is the last reference to an underlying socket, the
 * associated naming information and queued data are discarded"
 * (WSPCloseSocket.txt): only the last close ends the connection, with the
 * linger table's close.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "testlib.h"

#define AT_ONCE_MS 1000

static SOCKET claim(WSAPROTOCOL_INFOW *info)
{
    return WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, info, 0,
                      WSA_FLAG_OVERLAPPED);
}

static void duplicate_here(SOCKET s, WSAPROTOCOL_INFOW *info)
{
    assert_int_equal(WSADuplicateSocketW(s, GetCurrentProcessId(), info), 0);
}

/* A new handle for s's socket, made through WSADuplicateSocket in this process. */
static SOCKET twin(SOCKET s)
{
    WSAPROTOCOL_INFOW info;
    duplicate_here(s, &info);
    SOCKET d = claim(&info);
    assert_true(d != INVALID_SOCKET);
    assert_true(d != s);
    return d;
}

static void set_linger(SOCKET s, u_short onoff, u_short seconds)
{
    LINGER l = {onoff, seconds};
    assert_int_equal(setsockopt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof(l)), 0);
}

static void send_all(SOCKET s, const char *text)
{
    assert_int_equal(send(s, text, (int)strlen(text), 0), (int)strlen(text));
}

static void expect(SOCKET s, const char *text)
{
    char buf[64] = {0};
    int want = (int)strlen(text), got = 0;
    while (got < want) {
        int r = recv(s, buf + got, want - got, 0);
        assert_true(r > 0);
        got += r;
    }
    assert_memory_equal(buf, text, want);
}

/*
 * "The descriptor referencing a shared socket can be used independently for
 * I/O" (WSADuplicateSocket): both handles send and receive.
 */
static void both_handles_work(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET d = twin(c);
    send_all(c, "one");
    send_all(d, "two");
    expect(s, "onetwo");
    send_all(s, "abc");
    expect(d, "abc");
    send_all(s, "xyz");
    expect(c, "xyz");
    /* The info describes the socket: the catalog entry's protocol, for WSASocket. */
    WSAPROTOCOL_INFOW info;
    duplicate_here(c, &info);
    assert_int_equal(info.iAddressFamily, AF_INET);
    assert_int_equal(info.iSocketType, SOCK_STREAM);
    assert_int_equal(info.iProtocol, IPPROTO_TCP);
    SOCKET e = claim(&info);
    assert_true(e != INVALID_SOCKET);
    assert_int_equal(ws2t_remote_port(e), ws2t_local_port(s));
    assert_int_equal(closesocket(e), 0);
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(closesocket(d), 0);
    assert_int_equal(closesocket(s), 0);
}

static void set_int(SOCKET s, int optname, int value)
{
    assert_int_equal(setsockopt(s, SOL_SOCKET, optname, (const char *)&value, sizeof(value)), 0);
}

static int get_int(SOCKET s, int optname)
{
    int value = -1, len = sizeof(value);
    assert_int_equal(getsockopt(s, SOL_SOCKET, optname, (char *)&value, &len), 0);
    return value;
}

/*
 * "All the state associated with a socket is held in common across all the
 * descriptors. For example, a setsockopt operation performed using one
 * descriptor is subsequently visible using a getsockopt from any or all
 * descriptors" (Shared Sockets) — also for a handle claimed after the change,
 * and for the options that exclude each other.
 */
static void options_set_through_one_read_through_the_other(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET d = twin(c);
    WSAPROTOCOL_INFOW info;
    duplicate_here(c, &info);
    set_int(c, SO_RCVTIMEO, 1234);
    set_int(d, SO_SNDTIMEO, 4321);
    set_int(c, SO_RCVBUF, 65536);
    set_int(c, SO_OOBINLINE, 1);
    set_linger(d, 1, 7);
    SOCKET e = claim(&info); /* made before the changes */
    assert_true(e != INVALID_SOCKET);
    SOCKET all[] = {c, d, e};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(get_int(all[i], SO_RCVTIMEO), 1234);
        assert_int_equal(get_int(all[i], SO_SNDTIMEO), 4321);
        assert_int_equal(get_int(all[i], SO_RCVBUF), 65536);
        assert_int_equal(get_int(all[i], SO_OOBINLINE), 1);
        LINGER l;
        int len = sizeof(l);
        assert_int_equal(getsockopt(all[i], SOL_SOCKET, SO_LINGER, (char *)&l, &len), 0);
        assert_true(l.l_onoff == 1 && l.l_linger == 7);
        closesocket(all[i]);
    }
    closesocket(s);

    SOCKET u = socket(AF_INET, SOCK_STREAM, 0);
    SOCKET v = twin(u);
    set_int(u, SO_EXCLUSIVEADDRUSE, 1);
    assert_int_equal(get_int(v, SO_EXCLUSIVEADDRUSE), 1);
    int on = 1;
    assert_int_equal(setsockopt(v, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof(on)),
                     SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    closesocket(u);
    closesocket(v);
}

/* Sends a byte through the socket after 3 s: a receive that should not block fails the test. */
static DWORD WINAPI poke_later(LPVOID arg)
{
    Sleep(3000);
    send(*(SOCKET *)arg, "!", 1, 0);
    return 0;
}

/* SO_RCVTIMEO set through one handle times out a blocking receive through the other. */
static void receive_timeout_set_through_one_applies_to_the_other(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET d = twin(c);
    set_int(c, SO_RCVTIMEO, 300);
    HANDLE poker = ws2t_thread(poke_later, &s);
    char buf[8];
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(recv(d, buf, sizeof(buf), 0), SOCKET_ERROR);
    assert_wsa_error(WSAETIMEDOUT);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 200 && took < 2500);
    ws2t_join(poker);
    closesocket(c);
    closesocket(d);
    closesocket(s);
}

/*
 * FIONBIO through one handle makes the socket non-blocking through the
 * other; a selection made through one forbids blocking mode through the other
 * (ioctlsocket.md: "any attempt to use ioctlsocket to set the socket back to
 * blocking mode will fail with WSAEINVAL").
 */
static void nonblocking_set_through_one_applies_to_the_other(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET d = twin(c);
    u_long on = 1, off = 0;
    assert_int_equal(ioctlsocket(c, FIONBIO, &on), 0);
    HANDLE poker = ws2t_thread(poke_later, &s);
    char buf[8];
    assert_int_equal(recv(d, buf, sizeof(buf), 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    ws2t_join(poker);
    assert_int_equal(recv(c, buf, sizeof(buf), 0), 1);
    WSAEVENT ev = WSACreateEvent();
    assert_int_equal(WSAEventSelect(c, ev, FD_READ), 0);
    assert_int_equal(ioctlsocket(d, FIONBIO, &off), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSAEventSelect(c, ev, 0), 0);
    assert_int_equal(ioctlsocket(d, FIONBIO, &off), 0);
    set_int(c, SO_RCVTIMEO, 100); /* blocking again: a receive through c waits */
    assert_int_equal(recv(c, buf, sizeof(buf), 0), SOCKET_ERROR);
    assert_wsa_error(WSAETIMEDOUT);
    WSACloseEvent(ev);
    closesocket(c);
    closesocket(d);
    closesocket(s);
}

/*
 * The linger option set through the first handle is the last close's, through
 * the other: {1, 0} resets, {1, 1} waits its second for a peer that does not
 * read, then resets.
 */
static void linger_set_through_one_applies_to_the_last(void **state)
{
    (void)state;
    for (u_short seconds = 0; seconds <= 1; seconds++) {
        int raw;
        SOCKET c = ws2t_connect_to_raw(&raw);
        SOCKET d = twin(c);
        set_linger(c, 1, seconds);
        LINGER l;
        int len = sizeof(l);
        assert_int_equal(getsockopt(d, SOL_SOCKET, SO_LINGER, (char *)&l, &len), 0);
        assert_true(l.l_onoff == 1 && l.l_linger == seconds);
        if (seconds)
            assert_true(ws2t_fill_until_blocked(d) > 0);
        assert_int_equal(closesocket(c), 0);
        size_t bytes = 0;
        if (!seconds)
            assert_int_equal(ws2t_raw_drain(raw, &bytes, 300), 2); /* still connected */
        uint64_t t0 = ws2t_now_ms();
        assert_int_equal(closesocket(d), 0);
        uint64_t took = ws2t_now_ms() - t0;
        assert_true(seconds ? took >= 750 && took < 4000 : took < AT_ONCE_MS);
        assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 1); /* reset */
        ws2t_raw_close(raw);
    }
}

/* The A form gives the same info, with szProtocol in chars. */
static void ansi_form_works(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET6, &c, &s);
    WSAPROTOCOL_INFOA info;
    assert_int_equal(WSADuplicateSocketA(c, GetCurrentProcessId(), &info), 0);
    assert_int_equal(info.iAddressFamily, AF_INET6);
    assert_true(info.szProtocol[0] != 0);
    SOCKET d = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                          WSA_FLAG_OVERLAPPED);
    assert_true(d != INVALID_SOCKET);
    send_all(d, "v6");
    expect(s, "v6");
    closesocket(c);
    closesocket(d);
    closesocket(s);
}

/*
 * Closing one handle releases that descriptor only (WSAENOTSOCK on it
 * afterwards, WSPCloseSocket.txt) and cancels what was issued through it
 * (closesocket.md: pending overlapped operations fail with
 * WSA_OPERATION_ABORTED); the other handle stays connected and its pending
 * receive is not cancelled.
 */
static void closing_one_keeps_the_other(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET d = twin(c);

    char mine[8], theirs[8];
    WSABUF mine_buf = {sizeof(mine), mine}, theirs_buf = {sizeof(theirs), theirs};
    WSAOVERLAPPED mine_ov = {0}, theirs_ov = {0};
    mine_ov.hEvent = WSACreateEvent();
    theirs_ov.hEvent = WSACreateEvent();
    DWORD bytes = 0, flags = 0;
    assert_int_equal(WSARecv(c, &mine_buf, 1, &bytes, &flags, &mine_ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    flags = 0;
    assert_int_equal(WSARecv(d, &theirs_buf, 1, &bytes, &flags, &theirs_ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);

    assert_int_equal(closesocket(c), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &mine_ov.hEvent, TRUE, 5000, FALSE),
                     WSA_WAIT_EVENT_0);
    assert_false(WSAGetOverlappedResult(d, &mine_ov, &bytes, FALSE, &flags));
    assert_wsa_error(WSA_OPERATION_ABORTED);
    assert_int_equal(send(c, "x", 1, 0), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);

    /* The twin's receive is still pending, and gets the data. */
    assert_int_equal(WSAWaitForMultipleEvents(1, &theirs_ov.hEvent, TRUE, 300, FALSE),
                     WSA_WAIT_TIMEOUT);
    send_all(s, "hi");
    assert_int_equal(WSAWaitForMultipleEvents(1, &theirs_ov.hEvent, TRUE, 5000, FALSE),
                     WSA_WAIT_EVENT_0);
    assert_true(WSAGetOverlappedResult(d, &theirs_ov, &bytes, FALSE, &flags));
    assert_int_equal(bytes, 2);
    send_all(d, "back");
    expect(s, "back");

    WSACloseEvent(mine_ov.hEvent);
    WSACloseEvent(theirs_ov.hEvent);
    closesocket(d);
    closesocket(s);
}

/* The default close of the first handle is no disconnect; the last one's is graceful. */
static void only_the_last_close_disconnects(void **state)
{
    (void)state;
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    SOCKET d = twin(c);
    assert_int_equal(closesocket(c), 0);
    size_t bytes = 0;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 300), 2); /* nothing: still connected */
    send_all(d, "still");
    assert_int_equal(closesocket(d), 0);
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 0); /* then FIN */
    assert_int_equal(bytes, 5);
    ws2t_raw_close(raw);
}

/*
 * SO_LINGER {1, 0} ("hard close ... reset immediately") is the last close's:
 * the first close leaves the connection alone.
 */
static void hard_close_only_on_the_last_handle(void **state)
{
    (void)state;
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    set_linger(c, 1, 0);
    SOCKET d = twin(c); /* all state is common: the twin has the linger too */
    LINGER l;
    int len = sizeof(l);
    assert_int_equal(getsockopt(d, SOL_SOCKET, SO_LINGER, (char *)&l, &len), 0);
    assert_int_equal(l.l_onoff, 1);
    assert_int_equal(l.l_linger, 0);

    assert_int_equal(closesocket(d), 0);
    size_t bytes = 0;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 300), 2);
    send_all(c, "ok");
    assert_int_equal(closesocket(c), 0);
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 1); /* reset */
    ws2t_raw_close(raw);
}

/*
 * A non-blocking socket with SO_LINGER {1, n} and data queued fails with
 * WSAEWOULDBLOCK "if the close operation cannot be completed immediately" —
 * which a handle that is not the last one always can.
 */
static void nonblocking_linger_wouldblock_only_for_the_last(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    set_linger(c, 1, 5);
    assert_true(ws2t_fill_until_blocked(c) > 0);
    ws2t_set_nonblocking(c, 1);
    SOCKET d = twin(c);
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(c), 0);
    assert_true(ws2t_now_ms() - t0 < AT_ONCE_MS);
    assert_int_equal(closesocket(d), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    set_linger(d, 1, 0);
    assert_int_equal(closesocket(d), 0);
    closesocket(s);
}

/* A blocking linger waits in the last close only, and resets at its time-out. */
static void linger_timeout_only_in_the_last_close(void **state)
{
    (void)state;
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    set_linger(c, 1, 1);
    assert_true(ws2t_fill_until_blocked(c) > 0); /* the raw peer does not read */
    SOCKET d = twin(c);
    uint64_t t0 = ws2t_now_ms();
    assert_int_equal(closesocket(c), 0);
    assert_true(ws2t_now_ms() - t0 < AT_ONCE_MS);
    t0 = ws2t_now_ms();
    assert_int_equal(closesocket(d), 0);
    uint64_t took = ws2t_now_ms() - t0;
    assert_true(took >= 750 && took < 4000);
    size_t bytes = 0;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 1);
    ws2t_raw_close(raw);
}

/*
 * The duplicate holds the socket from WSADuplicateSocket on: the source may
 * close before WSASocket is called ("the underlying socket ... will remain
 * open until closesocket is called by the last remaining descriptor").
 */
static void source_may_close_before_the_claim(void **state)
{
    (void)state;
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    WSAPROTOCOL_INFOW info;
    duplicate_here(c, &info);
    assert_int_equal(closesocket(c), 0);
    size_t bytes = 0;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 300), 2);
    SOCKET d = claim(&info);
    assert_true(d != INVALID_SOCKET);
    send_all(d, "late");
    assert_int_equal(closesocket(d), 0);
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 0);
    assert_int_equal(bytes, 4);
    ws2t_raw_close(raw);
}

/*
 * "The special WSAPROTOCOL_INFO structure can only be used once by the
 * target process" (WSADuplicateSocket); WSASocket: WSAEINVAL when "the
 * WSAPROTOCOL_INFO structure has already been used in an earlier duplicate
 * socket operation".  An info nobody made is invalid too.
 */
static void info_is_good_for_one_socket(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    WSAPROTOCOL_INFOW info;
    duplicate_here(c, &info);
    SOCKET d = claim(&info);
    assert_true(d != INVALID_SOCKET);
    assert_int_equal(claim(&info), INVALID_SOCKET);
    assert_wsa_error(WSAEINVAL);

    WSAPROTOCOL_INFOW forged = info;
    forged.dwProviderReserved ^= 0x5555;
    assert_int_equal(claim(&forged), INVALID_SOCKET);
    assert_wsa_error(WSAEINVAL);
    closesocket(c);
    closesocket(d);
    closesocket(s);
}

/*
 * WSACleanup.txt: "Sockets that were open when WSACleanup was called are
 * reset and automatically deallocated as if closesocket were called" — all
 * of them, duplicates included; a duplicate not yet claimed goes as well,
 * and no descriptor is left behind.
 */
static void cleanup_resets_every_duplicate(void **state)
{
    (void)state;
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    int fds_before = ws2t_open_fds();
    int raw;
    SOCKET c = ws2t_connect_to_raw(&raw);
    SOCKET d = twin(c);
    WSAPROTOCOL_INFOW unclaimed;
    duplicate_here(c, &unclaimed);
    assert_int_equal(WSACleanup(), 0);
    size_t bytes = 0;
    assert_int_equal(ws2t_raw_drain(raw, &bytes, 5000), 1);
    ws2t_raw_close(raw);
    assert_int_equal(ws2t_settled_fds(fds_before), fds_before);

    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_int_equal(closesocket(c), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(closesocket(d), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    assert_int_equal(claim(&unclaimed), INVALID_SOCKET);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSACleanup(), 0);
}

/* WSADuplicateSocket's error table. */
static void argument_errors(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW info;
    WSAPROTOCOL_INFOA info_a;
    /* WSANOTINITIALISED: "A successful WSAStartup call must occur before using this function." */
    assert_int_equal(WSADuplicateSocketW(INVALID_SOCKET, GetCurrentProcessId(), &info),
                     SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);
    assert_int_equal(WSADuplicateSocketA(INVALID_SOCKET, GetCurrentProcessId(), &info_a),
                     SOCKET_ERROR);
    assert_wsa_error(WSANOTINITIALISED);

    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    /* WSAENOTSOCK: "The descriptor is not a socket." */
    assert_int_equal(WSADuplicateSocketW((SOCKET)0x1234, GetCurrentProcessId(), &info),
                     SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    HANDLE event = WSACreateEvent();
    assert_int_equal(WSADuplicateSocketW((SOCKET)event, GetCurrentProcessId(), &info),
                     SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    WSACloseEvent(event);
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    SOCKET gone = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    closesocket(gone);
    assert_int_equal(WSADuplicateSocketA(gone, GetCurrentProcessId(), &info_a), SOCKET_ERROR);
    assert_wsa_error(WSAENOTSOCK);
    /* WSAEFAULT: "The lpProtocolInfo parameter is not a valid part of the user address space." */
    assert_int_equal(WSADuplicateSocketW(c, GetCurrentProcessId(), NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    assert_int_equal(WSADuplicateSocketA(c, GetCurrentProcessId(), NULL), SOCKET_ERROR);
    assert_wsa_error(WSAEFAULT);
    /* WSAEINVAL: "one of the specified parameters was invalid" — no such process. */
    assert_int_equal(WSADuplicateSocketW(c, 0, &info), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSADuplicateSocketW(c, 0xFFFFFFF0u, &info), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(WSADuplicateSocketW(c, 0x7FFFFFF0u, &info), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);
    closesocket(c);
    closesocket(s);
    assert_int_equal(WSACleanup(), 0);
}

/* WSAEMFILE: "No more socket descriptors are available." */
static void no_descriptor_left_is_wsaemfile(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    struct rlimit old;
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &old), 0);
    int lowest = dup(0); /* the lowest free number: nothing at or above it is allowed */
    assert_true(lowest >= 0);
    close(lowest);
    struct rlimit low = {(rlim_t)lowest, old.rlim_max};
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
    WSAPROTOCOL_INFOW info;
    int r = WSADuplicateSocketW(c, GetCurrentProcessId(), &info);
    int error = WSAGetLastError();
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &old), 0);
    assert_int_equal(r, SOCKET_ERROR);
    assert_int_equal(error, WSAEMFILE);
    closesocket(c);
    closesocket(s);
}

/* WSAEINPROGRESS: a call from an APC run inside a blocking call. */
static volatile LONG apc_result, apc_error;
static SOCKET apc_socket;

static void CALLBACK duplicate_in_apc(ULONG_PTR arg)
{
    (void)arg;
    WSAPROTOCOL_INFOW info;
    apc_result = WSADuplicateSocketW(apc_socket, GetCurrentProcessId(), &info);
    apc_error = WSAGetLastError();
}

static DWORD WINAPI blocked_receiver(LPVOID arg)
{
    char buf[4];
    recv((SOCKET)(uintptr_t)arg, buf, sizeof(buf), 0);
    return 0;
}

static void reentrant_call_is_wsaeinprogress(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    apc_socket = c;
    apc_result = 0;
    HANDLE t = ws2t_thread(blocked_receiver, (void *)(uintptr_t)c);
    Sleep(100);
    assert_true(QueueUserAPC(duplicate_in_apc, t, 0) != 0);
    Sleep(200);
    send_all(s, "x");
    ws2t_join(t);
    assert_int_equal(ws2t_load(&apc_result), SOCKET_ERROR);
    assert_int_equal(ws2t_load(&apc_error), WSAEINPROGRESS);
    closesocket(c);
    closesocket(s);
}

/* --- Into a child process ------------------------------------------------- */

/*
 * The child: reads the info from the pipe (fd given as the argument), makes
 * the socket, sends "child", expects "parent", tries the info a second
 * time, and reports each step on standard output.  mode "close" closes the
 * socket and cleans up; "leave" cleans up with the socket still open.
 */
static int child_main(const char *mode, const char *arg)
{
    int in = atoi(arg);
    WSAPROTOCOL_INFOW info;
    size_t got = 0;
    while (got < sizeof(info)) {
        ssize_t r = read(in, (char *)&info + got, sizeof(info) - got);
        if (r <= 0)
            return 2;
        got += (size_t)r;
    }
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 3;
    SOCKET s = claim(&info);
    if (s == INVALID_SOCKET) {
        printf("claim failed %d\n", WSAGetLastError());
        fflush(stdout);
        return 4;
    }
    printf("claimed\n");
    SOCKET again = claim(&info);
    printf("second claim %d\n", again == INVALID_SOCKET ? WSAGetLastError() : 0);
    fflush(stdout);
    send(s, "child", 5, 0);
    char buf[7] = {0};
    int n = 0;
    while (n < 6) {
        int r = recv(s, buf + n, 6 - n, 0);
        if (r <= 0)
            break;
        n += r;
    }
    printf("got %s\n", buf);
    fflush(stdout);
    if (strcmp(mode, "close") == 0)
        closesocket(s);
    WSACleanup();
    return 0;
}

static int spawn_with_info(const char *mode, int *out, int *pipe_w)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    char arg[16];
    snprintf(arg, sizeof(arg), "%d", p[0]);
    int pid = ws2t_spawn_self(mode, arg, out);
    assert_true(pid > 0);
    close(p[0]);
    *pipe_w = p[1];
    return pid;
}

static void send_info(int pipe_w, const WSAPROTOCOL_INFOW *info)
{
    assert_int_equal(write(pipe_w, info, sizeof(*info)), (long)sizeof(*info));
    close(pipe_w);
}

static void expect_line(int out, const char *want)
{
    char line[128];
    assert_true(ws2t_read_line(out, line, sizeof(line), 10000) >= 0);
    assert_string_equal(line, want);
}

/*
 * The child gets the socket although the parent closes its handle first; it
 * talks over it, and its close is the last one: the peer then sees the end.
 * The info is good once in the child too.
 */
static void child_takes_over_the_connection(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    int out, pipe_w;
    int pid = spawn_with_info("close", &out, &pipe_w);
    WSAPROTOCOL_INFOW info;
    assert_int_equal(WSADuplicateSocketW(c, (DWORD)pid, &info), 0);
    send_info(pipe_w, &info);
    assert_int_equal(closesocket(c), 0);
    expect_line(out, "claimed");
    char line[64];
    snprintf(line, sizeof(line), "second claim %d", WSAEINVAL);
    expect_line(out, line);
    expect(s, "child");
    send_all(s, "parent");
    expect_line(out, "got parent");
    assert_int_equal(ws2t_wait_child(pid, 10000), 0);
    int last, error;
    assert_int_equal(ws2t_drain(s, &last, &error), 0);
    assert_int_equal(last, 0); /* an orderly end, after the last handle closed */
    close(out);
    closesocket(s);
}

/* The child ends (with WSACleanup, socket left open): the parent's handle stays connected. */
static void child_exit_leaves_the_parent_connected(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    int out, pipe_w;
    int pid = spawn_with_info("leave", &out, &pipe_w);
    WSAPROTOCOL_INFOW info;
    assert_int_equal(WSADuplicateSocketW(c, (DWORD)pid, &info), 0);
    send_info(pipe_w, &info);
    expect_line(out, "claimed");
    char line[64];
    assert_true(ws2t_read_line(out, line, sizeof(line), 10000) >= 0);
    expect(s, "child");
    send_all(s, "parent");
    expect_line(out, "got parent");
    assert_int_equal(ws2t_wait_child(pid, 10000), 0);
    send_all(c, "alive");
    expect(s, "alive");
    send_all(s, "too");
    expect(c, "too");
    close(out);
    closesocket(c);
    closesocket(s);
}

/* An info made for this process is no good in another one. */
static void info_for_another_process_is_refused(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    int out, pipe_w;
    int pid = spawn_with_info("close", &out, &pipe_w);
    WSAPROTOCOL_INFOW info;
    duplicate_here(c, &info); /* for us, not for the child */
    send_info(pipe_w, &info);
    char line[64];
    snprintf(line, sizeof(line), "claim failed %d", WSAEINVAL);
    expect_line(out, line);
    assert_int_equal(ws2t_wait_child(pid, 10000), 4);
    close(out);
    SOCKET d = claim(&info); /* still ours to claim */
    assert_true(d != INVALID_SOCKET);
    closesocket(d);
    closesocket(c);
    closesocket(s);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[0], "child") == 0)
        return child_main(argv[1], argv[2]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(both_handles_work, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(ansi_form_works, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(closing_one_keeps_the_other, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(only_the_last_close_disconnects, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(hard_close_only_on_the_last_handle, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(nonblocking_linger_wouldblock_only_for_the_last, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(linger_timeout_only_in_the_last_close, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(source_may_close_before_the_claim, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(info_is_good_for_one_socket, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_teardown(cleanup_resets_every_duplicate, ws2t_teardown),
        cmocka_unit_test_teardown(argument_errors, ws2t_teardown),
        cmocka_unit_test_setup_teardown(no_descriptor_left_is_wsaemfile, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(reentrant_call_is_wsaeinprogress, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(child_takes_over_the_connection, ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(child_exit_leaves_the_parent_connected, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(info_for_another_process_is_refused, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(options_set_through_one_read_through_the_other, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(receive_timeout_set_through_one_applies_to_the_other,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(nonblocking_set_through_one_applies_to_the_other,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(linger_set_through_one_applies_to_the_last, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("duplicate", tests, NULL, NULL);
}
