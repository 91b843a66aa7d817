/*
 * AcceptEx, ConnectEx and DisconnectEx meeting closes, cancels, duplicates
 * and the final WSACleanup: every operation completes exactly once, with
 * its completion action, except at the final WSACleanup, which records the
 * abort in the OVERLAPPED and delivers nothing (WSACleanup.txt).
 *
 * What Windows does, as these tests assert it: an AcceptEx is an operation
 * of the listening socket until it completes, also while it waits for the
 * first data of a connection already taken; closing the listener,
 * CancelIoEx(listener, ov) or CancelIo(listener) from the issuing thread
 * abort it (ERROR_OPERATION_ABORTED), and CancelIo/CancelIoEx on the accept
 * socket find nothing.  Closing the accept socket aborts it at once, and a
 * socket that is the accept socket of a pending AcceptEx is refused as
 * another's (WSAEINVAL).  A WSADuplicateSocket copy names the same socket,
 * whose completion port association all its handles share.
 *
 * Timing bounds are generous (the machine is loaded): "at once" is 2 s.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

#include <mswsock.h>
#include <windows.h>

#define AT_ONCE_MS        2000
#define ADDR_LEN          (sizeof(struct sockaddr_in) + 16)
#define STATUS_CANCELLED_ (0xC0000120u)
#define STATUS_PENDING_   (0x103u)

/* A listening socket associated with a new completion port (key 7). */
struct server {
    SOCKET l;
    HANDLE port;
    struct sockaddr_in addr;
    LPFN_ACCEPTEX accept_ex;
};

static void server_open(struct server *sv)
{
    struct sockaddr_storage addr;
    sv->l = ws2t_listener(AF_INET, &addr, NULL);
    memcpy(&sv->addr, &addr, sizeof(sv->addr));
    sv->port = ws2t_new_port();
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)sv->l, sv->port, 7, 0), sv->port);
    sv->accept_ex = (LPFN_ACCEPTEX)ws2t_extension(sv->l, (GUID)WSAID_ACCEPTEX);
}

/* One AcceptEx with an accept socket and an output buffer of its own. */
struct accept_op {
    SOCKET acc;
    WSAOVERLAPPED ov;
    char buf[64 + 2 * ADDR_LEN];
};

/* Posts op on sv's listener, asking for data_len bytes of first data; it must pend. */
static void accept_post(struct server *sv, struct accept_op *op, DWORD data_len)
{
    memset(op, 0, sizeof(*op));
    memset(op->buf, 'x', sizeof(op->buf));
    op->acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(op->acc != INVALID_SOCKET);
    DWORD got = 0;
    assert_false(
        sv->accept_ex(sv->l, op->acc, op->buf, data_len, ADDR_LEN, ADDR_LEN, &got, &op->ov));
    assert_wsa_error(WSA_IO_PENDING);
}

static SOCKET client_connect(const struct sockaddr_in *addr)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    assert_true(c != INVALID_SOCKET);
    assert_int_equal(connect(c, (const struct sockaddr *)addr, sizeof(*addr)), 0);
    return c;
}

/* One packet from port within ms (NULL if none came); its result in *ok, *error, *bytes. */
static LPOVERLAPPED take(HANDLE port, DWORD ms, BOOL *ok, DWORD *error, DWORD *bytes)
{
    ULONG_PTR key = 0;
    LPOVERLAPPED ov = NULL;
    DWORD n = 0;
    *ok = GetQueuedCompletionStatus(port, &n, &key, &ov, ms);
    *error = *ok ? 0 : GetLastError();
    if (bytes)
        *bytes = n;
    return ov;
}

/* The port has nothing more (within ms). */
static void assert_port_quiet_for(HANDLE port, DWORD ms)
{
    BOOL ok;
    DWORD error;
    assert_null(take(port, ms, &ok, &error, NULL));
    assert_int_equal(error, WAIT_TIMEOUT);
}

static void assert_port_quiet(HANDLE port)
{
    assert_port_quiet_for(port, 200);
}

/* The next packet is ov's, aborted (ERROR_OPERATION_ABORTED, STATUS_CANCELLED). */
static void assert_aborted(HANDLE port, WSAOVERLAPPED *ov)
{
    BOOL ok;
    DWORD error;
    assert_ptr_equal(take(port, AT_ONCE_MS, &ok, &error, NULL), ov);
    assert_false(ok);
    assert_int_equal(error, ERROR_OPERATION_ABORTED);
    assert_int_equal((DWORD)ov->Internal, STATUS_CANCELLED_);
}

/*
 * Four AcceptEx that wait for the first data, on one listener: each client
 * connects and sends in turn, and every AcceptEx completes once, with its
 * client's bytes (the IOCP server pattern; before, the first one taken left
 * the others out of the listener's queue for good).
 */
static void acceptex_with_data_four_pending_all_complete(void **state)
{
    (void)state;
    struct server sv;
    server_open(&sv);
    struct accept_op op[4];
    SOCKET c[4];
    for (int i = 0; i < 4; i++)
        accept_post(&sv, &op[i], 16);
    for (int i = 0; i < 4; i++) {
        c[i] = client_connect(&sv.addr);
        char msg[16];
        snprintf(msg, sizeof(msg), "client %d", i);
        assert_int_equal(send(c[i], msg, (int)strlen(msg), 0), (int)strlen(msg));
    }
    int seen[4] = {0}, clients[4] = {0};
    for (int n = 0; n < 4; n++) {
        BOOL ok;
        DWORD error, bytes;
        LPOVERLAPPED ov = take(sv.port, 5000, &ok, &error, &bytes);
        assert_non_null(ov);
        assert_true(ok);
        int i = (int)(((char *)ov - (char *)&op[0].ov) / (ptrdiff_t)sizeof(op[0]));
        assert_true(i >= 0 && i < 4 && ov == &op[i].ov);
        seen[i]++;
        assert_int_equal(bytes, 8);
        assert_memory_equal(op[i].buf, "client ", 7);
        clients[op[i].buf[7] - '0']++;
    }
    for (int i = 0; i < 4; i++) {
        assert_int_equal(seen[i], 1);
        assert_int_equal(clients[i], 1);
    }
    assert_port_quiet(sv.port);
    for (int i = 0; i < 4; i++) {
        closesocket(c[i]);
        closesocket(op[i].acc);
    }
    closesocket(sv.l);
    CloseHandle(sv.port);
}

/*
 * All connections first, then their data in the reverse order: nothing
 * completes before its data, then each AcceptEx completes with the data of
 * the connection it took, in whatever order the data comes.
 */
static void acceptex_with_data_completes_in_data_order(void **state)
{
    (void)state;
    struct server sv;
    server_open(&sv);
    struct accept_op op[3];
    SOCKET c[3];
    for (int i = 0; i < 3; i++)
        accept_post(&sv, &op[i], 8);
    for (int i = 0; i < 3; i++)
        c[i] = client_connect(&sv.addr);
    assert_port_quiet(sv.port); /* connected, but no data yet */
    for (int i = 2; i >= 0; i--) {
        char msg[2] = {(char)('a' + i), 0};
        assert_int_equal(send(c[i], msg, 1, 0), 1);
        BOOL ok;
        DWORD error, bytes;
        LPOVERLAPPED ov = take(sv.port, 5000, &ok, &error, &bytes);
        assert_non_null(ov);
        assert_true(ok);
        assert_int_equal(bytes, 1);
        /* The AcceptEx that completed holds this client's connection, and its byte. */
        struct accept_op *done = NULL;
        for (int k = 0; k < 3; k++)
            if (ov == &op[k].ov)
                done = &op[k];
        assert_non_null(done);
        assert_int_equal(done->buf[0], msg[0]);
        assert_int_equal(setsockopt(done->acc, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&sv.l,
                                    sizeof(sv.l)),
                         0);
        assert_int_equal(ws2t_remote_port(done->acc), ws2t_local_port(c[i]));
    }
    assert_port_quiet(sv.port);
    for (int i = 0; i < 3; i++) {
        closesocket(c[i]);
        closesocket(op[i].acc);
    }
    closesocket(sv.l);
    CloseHandle(sv.port);
}

/*
 * A client that connects and closes without sending: the AcceptEx waiting
 * for its first data completes successfully with 0 bytes (observed on
 * Windows), once.
 */
static void acceptex_with_data_completes_empty_when_client_closes(void **state)
{
    (void)state;
    struct server sv;
    server_open(&sv);
    struct accept_op op;
    accept_post(&sv, &op, 16);
    SOCKET c = client_connect(&sv.addr);
    assert_port_quiet(sv.port);
    assert_int_equal(closesocket(c), 0);
    BOOL ok;
    DWORD error, bytes = 99;
    assert_ptr_equal(take(sv.port, 5000, &ok, &error, &bytes), &op.ov);
    assert_true(ok);
    assert_int_equal(bytes, 0);
    assert_port_quiet(sv.port);
    closesocket(op.acc);
    closesocket(sv.l);
    CloseHandle(sv.port);
}

/*
 * An AcceptEx whose connection came but whose data has not is still the
 * listener's: closing the listener aborts it at once; data that comes
 * later is not written into its buffer, and nothing more is delivered.
 */
static void acceptex_waiting_for_data_aborted_by_closing_listener(void **state)
{
    (void)state;
    struct server sv;
    server_open(&sv);
    struct accept_op op;
    accept_post(&sv, &op, 16);
    SOCKET c = client_connect(&sv.addr);
    assert_port_quiet(sv.port);
    assert_int_equal(closesocket(sv.l), 0);
    assert_aborted(sv.port, &op.ov);
    assert_int_equal(send(c, "late", 4, 0), 4);
    assert_port_quiet(sv.port);
    assert_int_equal(op.buf[0], 'x');
    closesocket(c);
    closesocket(op.acc);
    CloseHandle(sv.port);
}

/*
 * Cancelling goes through the listener, whose operation the AcceptEx is:
 * CancelIo and CancelIoEx on the accept socket find nothing, while
 * CancelIoEx(listener, ov) aborts it, waiting for data or still queued,
 * and CancelIo(listener) aborts those of the calling thread.
 */
static void acceptex_cancelled_only_through_the_listener(void **state)
{
    (void)state;
    struct server sv;
    server_open(&sv);
    struct accept_op waiting, queued;
    accept_post(&sv, &waiting, 16);
    accept_post(&sv, &queued, 16);
    SOCKET c = client_connect(&sv.addr); /* taken by the first; no data */
    assert_port_quiet(sv.port);

    assert_false(CancelIoEx((HANDLE)waiting.acc, &waiting.ov));
    assert_int_equal(GetLastError(), ERROR_NOT_FOUND);
    assert_true(CancelIo((HANDLE)waiting.acc));
    assert_port_quiet(sv.port);

    assert_true(CancelIoEx((HANDLE)sv.l, &waiting.ov));
    assert_aborted(sv.port, &waiting.ov);
    assert_false(CancelIoEx((HANDLE)sv.l, &waiting.ov));
    assert_int_equal(GetLastError(), ERROR_NOT_FOUND);
    assert_int_equal(send(c, "late", 4, 0), 4);
    assert_port_quiet(sv.port);

    assert_true(CancelIo((HANDLE)sv.l));
    assert_aborted(sv.port, &queued.ov);
    assert_port_quiet(sv.port);
    closesocket(c);
    closesocket(waiting.acc);
    closesocket(queued.acc);
    closesocket(sv.l);
    CloseHandle(sv.port);
}

/*
 * Closing the accept socket of a pending AcceptEx aborts it at once, before
 * its connection came as after: the next connection goes to the next
 * AcceptEx, not into the closed socket.
 */
static void acceptex_aborted_by_closing_accept_socket(void **state)
{
    (void)state;
    struct server sv;
    server_open(&sv);
    struct accept_op first, second;
    accept_post(&sv, &first, 0);
    accept_post(&sv, &second, 0);
    assert_int_equal(closesocket(first.acc), 0);
    assert_aborted(sv.port, &first.ov);
    SOCKET c = client_connect(&sv.addr);
    BOOL ok;
    DWORD error, bytes;
    assert_ptr_equal(take(sv.port, 5000, &ok, &error, &bytes), &second.ov);
    assert_true(ok);
    assert_port_quiet(sv.port);

    /* Waiting for the first data of a connection it has taken. */
    struct accept_op third;
    accept_post(&sv, &third, 16);
    SOCKET d = client_connect(&sv.addr);
    assert_port_quiet(sv.port);
    assert_int_equal(closesocket(third.acc), 0);
    assert_aborted(sv.port, &third.ov);
    send(d, "late", 4, 0);
    assert_port_quiet(sv.port);
    assert_int_equal(third.buf[0], 'x');
    closesocket(c);
    closesocket(d);
    closesocket(second.acc);
    closesocket(sv.l);
    CloseHandle(sv.port);
}

/*
 * A socket that is the accept socket of a pending AcceptEx cannot be
 * another's (WSAEINVAL; Windows marks the refused call's OVERLAPPED
 * pending all the same), nor connect elsewhere (WSAEINVAL).  Once that AcceptEx has
 * ended, the socket is free again.
 */
static void acceptex_accept_socket_of_pending_acceptex_refused(void **state)
{
    (void)state;
    struct server sv;
    server_open(&sv);
    struct accept_op op;
    accept_post(&sv, &op, 0);
    WSAOVERLAPPED other;
    memset(&other, 0, sizeof(other));
    other.Internal = 0x1234;
    char buf[2 * ADDR_LEN];
    DWORD got;
    assert_false(sv.accept_ex(sv.l, op.acc, buf, 0, ADDR_LEN, ADDR_LEN, &got, &other));
    assert_wsa_error(WSAEINVAL);
    assert_int_equal(other.Internal, STATUS_PENDING_); /* written first, as Windows does */
    assert_int_equal(connect(op.acc, (struct sockaddr *)&sv.addr, sizeof(sv.addr)), SOCKET_ERROR);
    assert_wsa_error(WSAEINVAL);

    assert_true(CancelIoEx((HANDLE)sv.l, &op.ov));
    assert_aborted(sv.port, &op.ov);
    assert_false(sv.accept_ex(sv.l, op.acc, buf, 0, ADDR_LEN, ADDR_LEN, &got, &other));
    assert_wsa_error(WSA_IO_PENDING);
    SOCKET c = client_connect(&sv.addr);
    BOOL ok;
    DWORD error;
    assert_ptr_equal(take(sv.port, 5000, &ok, &error, NULL), &other);
    assert_true(ok);
    closesocket(c);
    closesocket(op.acc);
    closesocket(sv.l);
    CloseHandle(sv.port);
}

/*
 * The final WSACleanup aborts AcceptEx still queued and AcceptEx waiting
 * for data alike, "without signaling any event objects" and with no packet
 * (WSACleanup.txt): their OVERLAPPED reads STATUS_CANCELLED.
 */
static void final_cleanup_round(DWORD quiet_ms)
{
    struct server sv;
    server_open(&sv);
    struct accept_op op[4];
    for (int i = 0; i < 4; i++) {
        accept_post(&sv, &op[i], 16);
        if (i % 2)
            op[i].ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL); /* and the port */
    }
    SOCKET c[2];
    for (int i = 0; i < 2; i++)
        c[i] = client_connect(&sv.addr); /* two wait for data, two are queued */
    assert_port_quiet_for(sv.port, quiet_ms);
    assert_int_equal(WSACleanup(), 0); /* which also resets the clients c[] */
    (void)c;
    for (int i = 0; i < 4; i++) {
        assert_int_equal((DWORD)op[i].ov.Internal, STATUS_CANCELLED_);
        if (op[i].ov.hEvent) {
            assert_int_equal(WaitForSingleObject(op[i].ov.hEvent, 0), WAIT_TIMEOUT);
            CloseHandle(op[i].ov.hEvent);
        }
    }
    assert_port_quiet_for(sv.port, quiet_ms);
    CloseHandle(sv.port);
}

static void acceptex_final_cleanup_aborts_silently(void **state)
{
    (void)state;
    final_cleanup_round(200);
}

/*
 * DisconnectEx(TF_REUSE_SOCKET) ends the connection under a pending
 * WSARecv: the receive completes aborted, once, and the socket connects
 * again afterwards.
 */
static void disconnectex_reuse_aborts_pending_receive(void **state)
{
    (void)state;
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE port = ws2t_new_port();
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)s, port, 3, 0), port);
    assert_int_equal(connect(s, (struct sockaddr *)&la, llen), 0);
    SOCKET peer = accept(l, NULL, NULL);
    LPFN_DISCONNECTEX disconnect_ex =
        (LPFN_DISCONNECTEX)ws2t_extension(s, (GUID)WSAID_DISCONNECTEX);
    char in[16];
    WSABUF wb = {sizeof(in), in};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD flags = 0;
    assert_int_equal(WSARecv(s, &wb, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR);
    assert_wsa_error(WSA_IO_PENDING);
    assert_true(disconnect_ex(s, NULL, TF_REUSE_SOCKET, 0));
    assert_aborted(port, &ov);
    assert_port_quiet(port);
    closesocket(peer);

    struct sockaddr_in any = {.sin_family = AF_INET};
    assert_int_equal(bind(s, (struct sockaddr *)&any, sizeof(any)), 0);
    assert_int_equal(connect(s, (struct sockaddr *)&la, llen), 0);
    peer = accept(l, NULL, NULL);
    assert_int_equal(send(peer, "again", 5, 0), 5);
    assert_int_equal(recv(s, in, sizeof(in), 0), 5);
    closesocket(peer);
    closesocket(s);
    closesocket(l);
    CloseHandle(port);
}

/*
 * A WSADuplicateSocket copy names the same socket, and the completion port
 * association is the socket's: an AcceptEx issued through the copy reports
 * to the port the original was associated with, with its key; CancelIoEx
 * through the original finds it; the copy cannot be associated again; and
 * an association made through one handle after the copy was made holds for
 * the other too.
 */
static void duplicate_shares_completion_port_association(void **state)
{
    (void)state;
    struct server sv;
    server_open(&sv);
    WSAPROTOCOL_INFOA info;
    assert_int_equal(WSADuplicateSocketA(sv.l, GetCurrentProcessId(), &info), 0);
    SOCKET dup = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                            WSA_FLAG_OVERLAPPED);
    assert_true(dup != INVALID_SOCKET);
    HANDLE other = ws2t_new_port();
    assert_null(CreateIoCompletionPort((HANDLE)dup, other, 9, 0));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    struct server through = sv;
    through.l = dup;
    struct accept_op op;
    accept_post(&through, &op, 0);
    SOCKET c = client_connect(&sv.addr);
    ULONG_PTR key = 0;
    LPOVERLAPPED done = NULL;
    DWORD bytes;
    assert_true(GetQueuedCompletionStatus(sv.port, &bytes, &key, &done, 5000));
    assert_ptr_equal(done, &op.ov);
    assert_int_equal(key, 7);
    closesocket(c);
    closesocket(op.acc);

    /* CancelIoEx through either handle finds what was issued through the other. */
    accept_post(&through, &op, 0);
    assert_true(CancelIoEx((HANDLE)sv.l, &op.ov));
    assert_aborted(sv.port, &op.ov);
    closesocket(op.acc);

    /* Closing both handles aborts an AcceptEx issued through the copy, on the port. */
    accept_post(&through, &op, 0);
    closesocket(dup);
    closesocket(sv.l);
    assert_aborted(sv.port, &op.ov);
    closesocket(op.acc);

    /* Associated after the copy was made: the copy reports there too. */
    SOCKET a, b;
    ws2t_tcp_pair(AF_INET, &a, &b);
    assert_int_equal(WSADuplicateSocketA(b, GetCurrentProcessId(), &info), 0);
    SOCKET b2 = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                           WSA_FLAG_OVERLAPPED);
    assert_true(b2 != INVALID_SOCKET);
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)b, other, 9, 0), other);
    char in[8];
    WSABUF wb = {sizeof(in), in};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    DWORD flags = 0;
    int r = WSARecv(b2, &wb, 1, NULL, &flags, &ov, NULL);
    assert_true(r == 0 || WSAGetLastError() == WSA_IO_PENDING);
    assert_int_equal(send(a, "hi", 2, 0), 2);
    assert_true(GetQueuedCompletionStatus(other, &bytes, &key, &done, 5000));
    assert_ptr_equal(done, &ov);
    assert_int_equal(key, 9);
    assert_int_equal(bytes, 2);
    closesocket(a);
    closesocket(b);
    closesocket(b2);
    CloseHandle(other);
    CloseHandle(sv.port);
}

/* ---- Stress: the interleavings, counted --------------------------------------------------- */

#define ST_ACCEPTS  8
#define ST_CONNECTS 6

static unsigned st_rand(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

/* The client side of one round: ConnectEx operations, and what happens to their sockets. */
struct st_clients {
    struct sockaddr_in to;
    HANDLE port;
    LPFN_CONNECTEX connect_ex;
    SOCKET c[ST_CONNECTS];
    WSAOVERLAPPED ov[ST_CONNECTS];
    int expect[ST_CONNECTS]; /* packets due: 1 if ConnectEx was started, else 0 */
    unsigned seed;
};

/* Does something to a client socket: close, cancel, first data, reset, or nothing. */
static void st_client_act(struct st_clients *cl, int j)
{
    if (cl->c[j] == INVALID_SOCKET)
        return;
    switch (st_rand(&cl->seed) % 5) {
    case 0:
        closesocket(cl->c[j]);
        cl->c[j] = INVALID_SOCKET;
        break;
    case 1: CancelIoEx((HANDLE)cl->c[j], &cl->ov[j]); break;
    case 2:
        send(cl->c[j], "12345678", 8, 0); /* the first data, if connected by now */
        break;
    case 3: {
        struct linger hard = {1, 0}; /* a reset, before or after it was accepted */
        setsockopt(cl->c[j], SOL_SOCKET, SO_LINGER, (char *)&hard, sizeof(hard));
        closesocket(cl->c[j]);
        cl->c[j] = INVALID_SOCKET;
        break;
    }
    default: break;
    }
}

static DWORD WINAPI st_clients_main(LPVOID p)
{
    struct st_clients *cl = p;
    for (int j = 0; j < ST_CONNECTS; j++) {
        if (st_rand(&cl->seed) % 2)
            Sleep(1);
        cl->c[j] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        struct sockaddr_in any = {.sin_family = AF_INET};
        any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (cl->c[j] == INVALID_SOCKET || bind(cl->c[j], (struct sockaddr *)&any, sizeof(any)) ||
            CreateIoCompletionPort((HANDLE)cl->c[j], cl->port, 8, 0) != cl->port)
            return 1;
        DWORD sent;
        BOOL r = cl->connect_ex(cl->c[j], (struct sockaddr *)&cl->to, sizeof(cl->to),
                                j % 2 ? "abcdefgh" : NULL, j % 2 ? 8 : 0, &sent, &cl->ov[j]);
        cl->expect[j] = r || WSAGetLastError() == WSA_IO_PENDING;
        st_client_act(cl, (int)(st_rand(&cl->seed) % (unsigned)(j + 1)));
    }
    for (int j = 0; j < ST_CONNECTS; j++)
        if (st_rand(&cl->seed) % 2)
            st_client_act(cl, j);
    return 0;
}

/*
 * One round: AcceptEx (half waiting for data, some issued through a
 * duplicate of the listener) and ConnectEx on one port, with closes of
 * either socket, CancelIoEx, CancelIo, resets and data from two threads at
 * random moments.  Every operation started must come back
 * exactly once.
 */
static void st_round(unsigned seed, unsigned counts[4])
{
    struct server sv, through;
    server_open(&sv);
    /* One round in three issues some AcceptEx through a duplicate of the listener. */
    through = sv;
    if (st_rand(&seed) % 3 == 0) {
        WSAPROTOCOL_INFOA info;
        assert_int_equal(WSADuplicateSocketA(sv.l, GetCurrentProcessId(), &info), 0);
        through.l = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                               WSA_FLAG_OVERLAPPED);
        assert_true(through.l != INVALID_SOCKET);
    }
    static struct accept_op op[ST_ACCEPTS];
    for (int i = 0; i < ST_ACCEPTS; i++)
        accept_post(i % 4 == 3 ? &through : &sv, &op[i], i % 2 ? 8 : 0);
    struct st_clients cl;
    memset(&cl, 0, sizeof(cl));
    cl.seed = seed ^ 0x5bd1e995u;
    cl.to = sv.addr;
    cl.port = sv.port;
    cl.connect_ex = (LPFN_CONNECTEX)ws2t_extension(sv.l, (GUID)WSAID_CONNECTEX);
    for (int j = 0; j < ST_CONNECTS; j++)
        cl.c[j] = INVALID_SOCKET;
    HANDLE helper = ws2t_thread(st_clients_main, &cl);
    bool listener_open = true;
    for (int k = 0; k < 2 * ST_ACCEPTS; k++) {
        int i = (int)(st_rand(&seed) % ST_ACCEPTS);
        if (st_rand(&seed) % 2)
            Sleep(1);
        switch (st_rand(&seed) % 8) {
        case 0:
            if (op[i].acc != INVALID_SOCKET)
                closesocket(op[i].acc);
            op[i].acc = INVALID_SOCKET;
            break;
        case 1:
            if (listener_open)
                CancelIoEx((HANDLE)sv.l, &op[i].ov);
            break;
        case 2:
            if (listener_open && st_rand(&seed) % 4 == 0)
                CancelIo((HANDLE)sv.l); /* this thread issued them all */
            break;
        case 3:
            if (listener_open && st_rand(&seed) % 4 == 0) {
                closesocket(sv.l);
                listener_open = false;
            }
            break;
        default: break;
        }
    }
    ws2t_join(helper);
    if (listener_open)
        closesocket(sv.l);
    if (through.l != sv.l)
        closesocket(through.l);
    for (int i = 0; i < ST_ACCEPTS; i++)
        if (op[i].acc != INVALID_SOCKET)
            closesocket(op[i].acc);
    for (int j = 0; j < ST_CONNECTS; j++)
        if (cl.c[j] != INVALID_SOCKET)
            closesocket(cl.c[j]);

    /* Every socket is closed: everything started has completed, and comes back once. */
    int got_accept[ST_ACCEPTS] = {0}, got_connect[ST_CONNECTS] = {0};
    int due = ST_ACCEPTS;
    for (int j = 0; j < ST_CONNECTS; j++)
        due += cl.expect[j];
    for (int n = 0; n < due; n++) {
        BOOL ok;
        DWORD error;
        LPOVERLAPPED ov = take(sv.port, 5000, &ok, &error, NULL);
        if (!ov)
            fail_msg("seed %u: %d of %d completions came", seed, n, due);
        bool found = false;
        for (int i = 0; i < ST_ACCEPTS && !found; i++)
            if (ov == &op[i].ov) {
                got_accept[i]++;
                found = true;
            }
        for (int j = 0; j < ST_CONNECTS && !found; j++)
            if (ov == &cl.ov[j]) {
                got_connect[j]++;
                found = true;
            }
        assert_true(found);
        counts[ok ? 0 : error == ERROR_OPERATION_ABORTED ? 1 : 2]++;
    }
    assert_port_quiet_for(sv.port, 20);
    for (int i = 0; i < ST_ACCEPTS; i++) {
        assert_int_equal(got_accept[i], 1);
        assert_true((DWORD)op[i].ov.Internal != STATUS_PENDING_);
    }
    for (int j = 0; j < ST_CONNECTS; j++)
        assert_int_equal(got_connect[j], cl.expect[j]);
    counts[3] += (unsigned)due;
    CloseHandle(sv.port);
}

/*
 * The rounds above, for about three seconds, seeded (the seed is printed
 * and WS2T_SEED repeats it); every eighth round is the final WSACleanup
 * of acceptex_final_cleanup_aborts_silently instead.
 */
static void acceptex_connectex_close_cancel_race_exactly_once(void **state)
{
    (void)state;
    const char *env = getenv("WS2T_SEED");
    unsigned seed = env ? (unsigned)strtoul(env, NULL, 0) : (unsigned)ws2t_now_ms();
    print_message("seed %u\n", seed);
    unsigned counts[4] = {0};
    /* Descriptors are counted between final cleanups, when no engine runs. */
    WSADATA data;
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    int fds = ws2t_open_fds();
    uint64_t start = ws2t_now_ms();
    int rounds = 0;
    while (rounds < 6 || (ws2t_now_ms() - start < 3000 && rounds < 400)) {
        unsigned round_seed = seed + (unsigned)rounds * 7919u;
        if (rounds % 8 == 7) {
            final_cleanup_round(20);
            assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
        } else {
            st_round(round_seed, counts);
        }
        rounds++;
    }
    print_message("%d rounds: %u operations, %u succeeded, %u aborted, %u failed otherwise\n",
                  rounds, counts[3], counts[0], counts[1], counts[2]);
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal(ws2t_settled_fds(fds), fds); /* nothing leaked */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(acceptex_with_data_four_pending_all_complete, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_with_data_completes_in_data_order, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_with_data_completes_empty_when_client_closes,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_waiting_for_data_aborted_by_closing_listener,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_cancelled_only_through_the_listener, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_aborted_by_closing_accept_socket, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_accept_socket_of_pending_acceptex_refused,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_final_cleanup_aborts_silently, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(disconnectex_reuse_aborts_pending_receive, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(duplicate_shares_completion_port_association, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(acceptex_connectex_close_cancel_race_exactly_once,
                                        ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("acceptex", tests, NULL, NULL);
}
