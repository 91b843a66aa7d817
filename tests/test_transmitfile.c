/*
 * TransmitFile and TransmitPackets (mswsock.h), reached through
 * SIO_GET_EXTENSION_FUNCTION_POINTER, with files opened by CreateFile: what
 * goes out (head, file, tail, in order), where in the file it starts, the
 * count reported, blocking and overlapped calls (event, completion port),
 * cancellation, TF_DISCONNECT and TF_REUSE_SOCKET.  The facts asserted are
 * Windows' as Wine's conformance test test_TransmitFile observes them, where
 * it does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <windows.h>

#include "testlib.h"

#include <mswsock.h>

#include "win32_tempdir.h"

static unsigned char pattern_byte(size_t i)
{
    return (unsigned char)((i * 13 + i / 509) & 0xff);
}

/* A directory and a file of size pattern bytes in it, opened with flags (0 or
 * FILE_FLAG_OVERLAPPED). */
struct tf_file {
    char dir[MAX_PATH], path[MAX_PATH];
    HANDLE h;
    size_t size;
};

static void tf_file_open(struct tf_file *f, size_t size, DWORD flags)
{
    wt_tempdir(f->dir);
    wt_path(f->path, f->dir, "data.bin");
    unsigned char *data = malloc(size ? size : 1);
    assert_non_null(data);
    for (size_t i = 0; i < size; i++)
        data[i] = pattern_byte(i);
    wt_write_file(f->path, data, (DWORD)size);
    free(data);
    f->size = size;
    f->h = CreateFileA(f->path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                       FILE_ATTRIBUTE_NORMAL | flags, NULL);
    assert_true(f->h != INVALID_HANDLE_VALUE);
}

static void tf_file_close(struct tf_file *f)
{
    if (f->h)
        assert_true(CloseHandle(f->h));
    wt_rmtree(f->dir);
}

/* A reader thread that takes everything until the end of the stream (or an error). */
struct tf_reader {
    SOCKET s;
    unsigned char *data;
    size_t len, room;
    HANDLE thread;
};

static DWORD WINAPI tf_reader_run(LPVOID arg)
{
    struct tf_reader *r = arg;
    for (;;) {
        if (r->len == r->room) {
            r->room = r->room ? 2 * r->room : 65536;
            r->data = realloc(r->data, r->room);
            if (!r->data)
                return 1;
        }
        int n = recv(r->s, (char *)r->data + r->len, (int)(r->room - r->len), 0);
        if (n <= 0)
            return 0;
        r->len += (size_t)n;
    }
}

static void tf_reader_start(struct tf_reader *r, SOCKET s)
{
    memset(r, 0, sizeof(*r));
    r->s = s;
    r->thread = ws2t_thread(tf_reader_run, r);
}

/* Waits for the reader (the sender has shut down or closed), then checks what came. */
static void tf_reader_expect(struct tf_reader *r, const char *head, size_t head_len, size_t from,
                             size_t count, const char *tail, size_t tail_len)
{
    ws2t_join(r->thread);
    assert_int_equal(r->len, head_len + count + tail_len);
    assert_memory_equal(r->data, head, head_len);
    for (size_t i = 0; i < count; i++)
        if (r->data[head_len + i] != pattern_byte(from + i))
            fail_msg("file byte %zu differs", from + i);
    assert_memory_equal(r->data + head_len + count, tail, tail_len);
    free(r->data);
}

static LPFN_TRANSMITFILE tf_function(SOCKET s)
{
    return (LPFN_TRANSMITFILE)ws2t_extension(s, (GUID)WSAID_TRANSMITFILE);
}

static uint64_t tf_file_pointer(HANDLE h)
{
    LONG high = 0;
    DWORD low = SetFilePointer(h, 0, &high, FILE_CURRENT);
    return (uint64_t)(DWORD)high << 32 | low;
}

/*
 * The socket is checked first: INVALID_SOCKET is WSAENOTSOCK; an
 * unconnected stream socket, even with TF_REUSE_SOCKET and no file, and a
 * datagram socket are WSAENOTCONN (test_TransmitFile).
 */
static void transmitfile_refuses_what_is_not_a_connected_stream(void **state)
{
    (void)state;
    SOCKET tcp = socket(AF_INET, SOCK_STREAM, 0);
    LPFN_TRANSMITFILE transmit = tf_function(tcp);
    assert_false(transmit(INVALID_SOCKET, NULL, 0, 0, NULL, NULL, 0));
    assert_wsa_error(WSAENOTSOCK);
    assert_false(transmit(tcp, NULL, 0, 0, NULL, NULL, TF_REUSE_SOCKET));
    assert_wsa_error(WSAENOTCONN);
    SOCKET udp = socket(AF_INET, SOCK_DGRAM, 0);
    assert_false(transmit(udp, NULL, 0, 0, NULL, NULL, 0));
    assert_wsa_error(WSAENOTCONN);
    closesocket(udp);
    closesocket(tcp);
}

/*
 * Blocking: no file and no buffers succeed and send nothing; buffers alone
 * send head then tail; with a file, the bytes from the file pointer to the
 * end between them, after which the file pointer is at the end.
 */
static void transmitfile_blocking_sends_head_file_tail_from_the_file_pointer(void **state)
{
    (void)state;
    struct tf_file f;
    tf_file_open(&f, 3u << 20, 0); /* more than the socket buffers hold */
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    LPFN_TRANSMITFILE transmit = tf_function(client);

    assert_true(transmit(client, NULL, 0, 0, NULL, NULL, 0));
    ws2t_set_nonblocking(server, 1);
    char probe[4];
    assert_int_equal(recv(server, probe, sizeof(probe), 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    ws2t_set_nonblocking(server, 0);

    struct tf_reader r;
    tf_reader_start(&r, server);
    char head[] = "hello world", tail[] = "goodbye!!!";
    TRANSMIT_FILE_BUFFERS buffers = {head, sizeof(head), tail, sizeof(tail)};
    assert_true(transmit(client, NULL, 0, 0, NULL, &buffers, 0));
    assert_int_equal(SetFilePointer(f.h, 1000, NULL, FILE_BEGIN), 1000);
    assert_true(transmit(client, f.h, 0, 0, NULL, &buffers, 0));
    assert_int_equal(tf_file_pointer(f.h), f.size);
    assert_int_equal(shutdown(client, SD_SEND), 0);
    /* Two transmissions: the first the buffers alone, the second all three. */
    ws2t_join(r.thread);
    assert_int_equal(r.len, 2 * (sizeof(head) + sizeof(tail)) + f.size - 1000);
    assert_memory_equal(r.data, head, sizeof(head));
    assert_memory_equal(r.data + sizeof(head), tail, sizeof(tail));
    unsigned char *second = r.data + sizeof(head) + sizeof(tail);
    assert_memory_equal(second, head, sizeof(head));
    for (size_t i = 0; i < f.size - 1000; i++)
        if (second[sizeof(head) + i] != pattern_byte(1000 + i))
            fail_msg("file byte %zu differs", 1000 + i);
    assert_memory_equal(second + sizeof(head) + f.size - 1000, tail, sizeof(tail));
    free(r.data);
    closesocket(client);
    closesocket(server);
    tf_file_close(&f);
}

/*
 * nNumberOfBytesToWrite limits the file bytes; nNumberOfBytesPerSend only
 * cuts the sends, the stream is the same.
 */
static void transmitfile_sends_the_count_asked_for(void **state)
{
    (void)state;
    struct tf_file f;
    tf_file_open(&f, 100000, 0);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    struct tf_reader r;
    tf_reader_start(&r, server);
    assert_true(tf_function(client)(client, f.h, 5000, 777, NULL, NULL, 0));
    assert_int_equal(tf_file_pointer(f.h), 5000);
    assert_int_equal(shutdown(client, SD_SEND), 0);
    tf_reader_expect(&r, "", 0, 0, 5000, "", 0);
    closesocket(client);
    closesocket(server);
    tf_file_close(&f);
}

/*
 * Overlapped, with an event: the call pends even though everything could
 * go at once; the file starts at OVERLAPPED.Offset (not at the file
 * pointer), which is still there after completion, and the count is head +
 * file + tail (test_TransmitFile).
 */
static void transmitfile_overlapped_starts_at_offset_and_counts_everything(void **state)
{
    (void)state;
    struct tf_file f;
    tf_file_open(&f, 20000, FILE_FLAG_OVERLAPPED);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    struct tf_reader r;
    tf_reader_start(&r, server);
    char head[] = "HEAD", tail[] = "TAIL";
    TRANSMIT_FILE_BUFFERS buffers = {head, 4, tail, 4};
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    ov.Offset = 10;
    assert_false(tf_function(client)(client, f.h, 0, 0, &ov, &buffers, 0));
    assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD bytes = 0, flags = 0;
    assert_true(WSAGetOverlappedResult(client, &ov, &bytes, FALSE, &flags));
    assert_int_equal(bytes, 4 + f.size - 10 + 4);
    assert_int_equal(ov.Offset, 10);
    assert_int_equal(ov.OffsetHigh, 0);
    assert_int_equal(shutdown(client, SD_SEND), 0);
    tf_reader_expect(&r, "HEAD", 4, 10, f.size - 10, "TAIL", 4);
    WSACloseEvent(ov.hEvent);
    closesocket(client);
    closesocket(server);
    tf_file_close(&f);
}

/*
 * On a completion port with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: a file
 * larger than the socket buffers goes out as the reader takes it (the I/O
 * engine goes on with it), and its packet comes even for a small one that
 * went at once, since the call always pends.
 */
static void transmitfile_on_a_completion_port_always_posts(void **state)
{
    (void)state;
    struct tf_file big, small;
    tf_file_open(&big, 16u << 20, 0);
    tf_file_open(&small, 100, 0);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    HANDLE port = ws2t_new_port();
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)client, port, 9, 0), port);
    assert_true(
        SetFileCompletionNotificationModes((HANDLE)client, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
    LPFN_TRANSMITFILE transmit = tf_function(client);
    struct tf_reader r;
    tf_reader_start(&r, server);
    WSAOVERLAPPED ov1, ov2;
    memset(&ov1, 0, sizeof(ov1));
    memset(&ov2, 0, sizeof(ov2));
    assert_false(transmit(client, big.h, 0, 0, &ov1, NULL, 0));
    assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);
    assert_false(transmit(client, small.h, 0, 0, &ov2, NULL, 0));
    assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED done;
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &done, 20000));
    assert_ptr_equal(done, &ov1);
    assert_int_equal(key, 9);
    assert_int_equal(bytes, big.size);
    assert_true(GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000));
    assert_ptr_equal(done, &ov2);
    assert_int_equal(bytes, small.size);
    assert_int_equal(shutdown(client, SD_SEND), 0);
    ws2t_join(r.thread);
    assert_int_equal(r.len, big.size + small.size);
    for (size_t i = 0; i < big.size; i++)
        if (r.data[i] != pattern_byte(i))
            fail_msg("byte %zu differs", i);
    free(r.data);
    closesocket(client);
    closesocket(server);
    CloseHandle(port);
    tf_file_close(&big);
    tf_file_close(&small);
}

/* A transmission the peer does not read: closesocket and CancelIoEx abort it, with its action. */
static void transmitfile_aborted_by_closesocket_and_cancelioex(void **state)
{
    (void)state;
    struct tf_file f;
    tf_file_open(&f, 32u << 20, 0);
    for (int how = 0; how < 2; how++) {
        SOCKET client, server;
        ws2t_tcp_pair(AF_INET, &client, &server);
        WSAOVERLAPPED ov;
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = WSACreateEvent();
        assert_false(tf_function(client)(client, f.h, 0, 0, &ov, NULL, 0));
        assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);
        assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 300, FALSE),
                         WSA_WAIT_TIMEOUT);
        if (how == 0)
            assert_int_equal(closesocket(client), 0);
        else
            assert_true(CancelIoEx((HANDLE)client, &ov));
        assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE),
                         WSA_WAIT_EVENT_0);
        DWORD bytes;
        assert_false(GetOverlappedResult((HANDLE)client, &ov, &bytes, FALSE));
        assert_int_equal(GetLastError(), ERROR_OPERATION_ABORTED);
        assert_true(bytes < f.size);
        if (how == 1)
            closesocket(client);
        closesocket(server);
        WSACloseEvent(ov.hEvent);
    }
    tf_file_close(&f);
}

struct tf_closer {
    SOCKET s;
};

static DWORD WINAPI tf_close_later(LPVOID arg)
{
    Sleep(300);
    closesocket(((struct tf_closer *)arg)->s);
    return 0;
}

/* A blocking TransmitFile that cannot finish ends with WSAEINTR when another thread closes the
 * socket. */
static void transmitfile_blocking_interrupted_by_closesocket(void **state)
{
    (void)state;
    struct tf_file f;
    tf_file_open(&f, 32u << 20, 0);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    LPFN_TRANSMITFILE transmit = tf_function(client);
    struct tf_closer c = {client};
    HANDLE t = ws2t_thread(tf_close_later, &c);
    uint64_t start = ws2t_now_ms();
    assert_false(transmit(client, f.h, 0, 0, NULL, NULL, 0));
    assert_wsa_error(WSAEINTR);
    assert_true(ws2t_now_ms() - start < 10000);
    ws2t_join(t);
    closesocket(server);
    tf_file_close(&f);
}

/*
 * TF_DISCONNECT: the peer reads everything, then the end of the stream.
 * TF_REUSE_SOCKET: the socket can then be the accept socket of an AcceptEx.
 */
static void disconnect_then_reuse_round(size_t size)
{
    struct tf_file f;
    tf_file_open(&f, size, 0);
    struct sockaddr_storage la;
    int llen;
    SOCKET l = ws2t_listener(AF_INET, &la, &llen);
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&la, llen), 0);
    SOCKET s = accept(l, NULL, NULL);
    LPFN_TRANSMITFILE transmit = tf_function(s);
    struct tf_reader r;
    tf_reader_start(&r, c);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_false(transmit(s, f.h, 0, 0, &ov, NULL, TF_DISCONNECT | TF_REUSE_SOCKET));
    assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD bytes, flags;
    assert_true(WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags));
    assert_int_equal(bytes, f.size);
    tf_reader_expect(&r, "", 0, 0, f.size, "", 0); /* ends: the FIN came */
    closesocket(c);

    /* Reused: the accept socket of a new AcceptEx, under the same SOCKET value. */
    LPFN_ACCEPTEX accept_ex = (LPFN_ACCEPTEX)ws2t_extension(l, (GUID)WSAID_ACCEPTEX);
    char buf[2 * (sizeof(struct sockaddr_in) + 16)];
    DWORD got;
    memset(&ov.Internal, 0, sizeof(ov.Internal));
    WSAResetEvent(ov.hEvent);
    assert_false(accept_ex(l, s, buf, 0, sizeof(struct sockaddr_in) + 16,
                           sizeof(struct sockaddr_in) + 16, &got, &ov));
    assert_wsa_error(WSA_IO_PENDING);
    SOCKET c2 = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c2, (struct sockaddr *)&la, llen), 0);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    assert_true(WSAGetOverlappedResult(l, &ov, &bytes, FALSE, &flags));
    assert_int_equal(send(c2, "again", 5, 0), 5);
    char in[8];
    assert_int_equal(recv(s, in, 5, MSG_WAITALL), 5);
    assert_memory_equal(in, "again", 5);
    WSACloseEvent(ov.hEvent);
    closesocket(c2);
    closesocket(s);
    closesocket(l);
    tf_file_close(&f);
}

/*
 * A small file goes at once (the socket is renewed inside the call), a
 * large one as the reader takes it (renewed when the I/O engine finishes).
 */
static void transmitfile_disconnect_then_reuse_for_acceptex(void **state)
{
    (void)state;
    disconnect_then_reuse_round(5000);
    disconnect_then_reuse_round(12u << 20);
}

/*
 * TransmitPackets on a stream: memory and file elements in order (a file
 * element's cLength 0 is the rest of the file, nFileOffset -1 its pointer),
 * the count is every byte.
 */
static void transmitpackets_stream_sends_elements_in_order(void **state)
{
    (void)state;
    struct tf_file f;
    tf_file_open(&f, 70000, 0);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    LPFN_TRANSMITPACKETS packets =
        (LPFN_TRANSMITPACKETS)ws2t_extension(client, (GUID)WSAID_TRANSMITPACKETS);
    struct tf_reader r;
    tf_reader_start(&r, server);
    assert_int_equal(SetFilePointer(f.h, 60000, NULL, FILE_BEGIN), 60000);
    TRANSMIT_PACKETS_ELEMENT els[4];
    memset(els, 0, sizeof(els));
    els[0].dwElFlags = TP_ELEMENT_MEMORY;
    els[0].cLength = 3;
    els[0].pBuffer = "<<<";
    els[1].dwElFlags = TP_ELEMENT_FILE;
    els[1].cLength = 100;
    els[1].nFileOffset.QuadPart = 5;
    els[1].hFile = f.h;
    els[2].dwElFlags = TP_ELEMENT_FILE | TP_ELEMENT_EOP;
    els[2].cLength = 0;
    els[2].nFileOffset.QuadPart = -1;
    els[2].hFile = f.h;
    els[3].dwElFlags = TP_ELEMENT_MEMORY;
    els[3].cLength = 3;
    els[3].pBuffer = ">>>";
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    assert_false(packets(client, els, 4, 0, &ov, TP_DISCONNECT));
    assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);
    assert_int_equal(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0);
    DWORD bytes, flags;
    assert_true(WSAGetOverlappedResult(client, &ov, &bytes, FALSE, &flags));
    assert_int_equal(bytes, 3 + 100 + 10000 + 3);
    ws2t_join(r.thread);
    assert_int_equal(r.len, 3 + 100 + 10000 + 3);
    assert_memory_equal(r.data, "<<<", 3);
    for (size_t i = 0; i < 100; i++)
        assert_int_equal(r.data[3 + i], pattern_byte(5 + i));
    for (size_t i = 0; i < 10000; i++)
        assert_int_equal(r.data[103 + i], pattern_byte(60000 + i));
    assert_memory_equal(r.data + 10103, ">>>", 3);
    free(r.data);

    /* Both kinds at once is WSAEINVAL. */
    els[0].dwElFlags = TP_ELEMENT_MEMORY | TP_ELEMENT_FILE;
    assert_false(packets(server, els, 1, 0, NULL, 0));
    assert_wsa_error(WSAEINVAL);
    WSACloseEvent(ov.hEvent);
    closesocket(client);
    closesocket(server);
    tf_file_close(&f);
}

/*
 * TransmitPackets on a connected datagram socket: TP_ELEMENT_EOP ends a
 * datagram ("should not be combined with the next element in a single send
 * request"), elements without it are combined.
 */
static void transmitpackets_datagrams_end_at_eop(void **state)
{
    (void)state;
    struct tf_file f;
    tf_file_open(&f, 1000, 0);
    struct sockaddr_in to;
    SOCKET rx = ws2t_udp_bound(&to);
    SOCKET tx = socket(AF_INET, SOCK_DGRAM, 0);
    LPFN_TRANSMITPACKETS packets =
        (LPFN_TRANSMITPACKETS)ws2t_extension(tx, (GUID)WSAID_TRANSMITPACKETS);
    TRANSMIT_PACKETS_ELEMENT els[3];
    memset(els, 0, sizeof(els));
    els[0].dwElFlags = TP_ELEMENT_MEMORY;
    els[0].cLength = 2;
    els[0].pBuffer = "ab";
    els[1].dwElFlags = TP_ELEMENT_FILE | TP_ELEMENT_EOP;
    els[1].cLength = 10;
    els[1].nFileOffset.QuadPart = 0;
    els[1].hFile = f.h;
    els[2].dwElFlags = TP_ELEMENT_MEMORY | TP_ELEMENT_EOP;
    els[2].cLength = 3;
    els[2].pBuffer = "xyz";
    assert_false(packets(tx, els, 3, 0, NULL, 0));
    assert_wsa_error(WSAENOTCONN);
    assert_int_equal(connect(tx, (struct sockaddr *)&to, sizeof(to)), 0);
    assert_true(packets(tx, els, 3, 0xFFFFFFFF, NULL, 0));
    char in[64];
    assert_int_equal(recv(rx, in, sizeof(in), 0), 12);
    assert_memory_equal(in, "ab", 2);
    for (size_t i = 0; i < 10; i++)
        assert_int_equal((unsigned char)in[2 + i], pattern_byte(i));
    assert_int_equal(recv(rx, in, sizeof(in), 0), 3);
    assert_memory_equal(in, "xyz", 3);
    closesocket(tx);
    closesocket(rx);
    tf_file_close(&f);
}

/*
 * The final WSACleanup aborts a pending TransmitFile "without setting the
 * event object" and with no packet (WSACleanup.txt): its OVERLAPPED reads
 * STATUS_CANCELLED; the file handle stays usable.
 */
static void transmitfile_final_cleanup_aborts_silently(void **state)
{
    (void)state;
    struct tf_file f;
    tf_file_open(&f, 32u << 20, 0);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    HANDLE port = ws2t_new_port();
    assert_ptr_equal(CreateIoCompletionPort((HANDLE)client, port, 1, 0), port);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    assert_false(tf_function(client)(client, f.h, 0, 0, &ov, NULL, 0));
    assert_int_equal(WSAGetLastError(), ERROR_IO_PENDING);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 300), WAIT_TIMEOUT);
    assert_int_equal(WSACleanup(), 0);
    assert_int_equal((DWORD)ov.Internal, 0xC0000120u /* STATUS_CANCELLED */);
    assert_int_equal(WaitForSingleObject(ov.hEvent, 200), WAIT_TIMEOUT);
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED done;
    assert_false(GetQueuedCompletionStatus(port, &bytes, &key, &done, 200));
    assert_int_equal(GetLastError(), WAIT_TIMEOUT);
    char byte;
    DWORD got = 0;
    assert_true(ReadFile(f.h, &byte, 1, &got, NULL));
    assert_int_equal(got, 1);
    CloseHandle(ov.hEvent);
    CloseHandle(port);
    tf_file_close(&f);
}

/*
 * Bad arguments get an error, never a crash: memory that cannot be read or
 * written is WSAEFAULT, an unknown flag WSAEINVAL, a handle that names no
 * file WSAEINVAL and a file opened without read access WSAEACCES (our
 * choices where Windows' answer is not recorded).  Nothing is sent.
 */
static void transmitfile_bad_arguments_fail_cleanly(void **state)
{
    (void)state;
    struct tf_file f;
    tf_file_open(&f, 100, 0);
    SOCKET client, server;
    ws2t_tcp_pair(AF_INET, &client, &server);
    LPFN_TRANSMITFILE transmit = tf_function(client);
    LPFN_TRANSMITPACKETS packets =
        (LPFN_TRANSMITPACKETS)ws2t_extension(client, (GUID)WSAID_TRANSMITPACKETS);
    void *none = ws2t_page(0);
    assert_false(transmit(client, f.h, 0, 0, (LPOVERLAPPED)none, NULL, 0));
    assert_wsa_error(WSAEFAULT);
    assert_false(transmit(client, f.h, 0, 0, NULL, (LPTRANSMIT_FILE_BUFFERS)none, 0));
    assert_wsa_error(WSAEFAULT);
    TRANSMIT_FILE_BUFFERS bad = {none, 10, NULL, 0};
    assert_false(transmit(client, f.h, 0, 0, NULL, &bad, 0));
    assert_wsa_error(WSAEFAULT);
    assert_false(transmit(client, f.h, 0, 0, NULL, NULL, 0x1000));
    assert_wsa_error(WSAEINVAL);
    assert_false(transmit(client, (HANDLE)(uintptr_t)0x12344, 0, 0, NULL, NULL, 0));
    assert_wsa_error(WSAEINVAL);
    HANDLE wo = CreateFileA(f.path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                            OPEN_EXISTING, 0, NULL);
    assert_true(wo != INVALID_HANDLE_VALUE);
    assert_false(transmit(client, wo, 0, 0, NULL, NULL, 0));
    assert_wsa_error(WSAEACCES);
    CloseHandle(wo);
    assert_false(packets(client, (LPTRANSMIT_PACKETS_ELEMENT)none, 2, 0, NULL, 0));
    assert_wsa_error(WSAEFAULT);
    assert_false(packets(client, NULL, 1, 0, NULL, 0));
    assert_wsa_error(WSAEFAULT);
    TRANSMIT_PACKETS_ELEMENT el = {.dwElFlags = TP_ELEMENT_MEMORY, .cLength = 10};
    el.pBuffer = none;
    assert_false(packets(client, &el, 1, 0, NULL, 0));
    assert_wsa_error(WSAEFAULT);
    assert_true(packets(client, NULL, 0, 0, NULL, 0));
    ws2t_set_nonblocking(server, 1);
    char probe[4];
    assert_int_equal(recv(server, probe, sizeof(probe), 0), SOCKET_ERROR);
    assert_wsa_error(WSAEWOULDBLOCK);
    closesocket(client);
    closesocket(server);
    tf_file_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(transmitfile_refuses_what_is_not_a_connected_stream,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            transmitfile_blocking_sends_head_file_tail_from_the_file_pointer, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitfile_sends_the_count_asked_for, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(
            transmitfile_overlapped_starts_at_offset_and_counts_everything, ws2t_setup,
            ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitfile_on_a_completion_port_always_posts, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitfile_aborted_by_closesocket_and_cancelioex,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitfile_blocking_interrupted_by_closesocket,
                                        ws2t_setup, ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitfile_disconnect_then_reuse_for_acceptex, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitpackets_stream_sends_elements_in_order, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitpackets_datagrams_end_at_eop, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitfile_final_cleanup_aborts_silently, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(transmitfile_bad_arguments_fail_cleanly, ws2t_setup,
                                        ws2t_teardown),
    };
    return cmocka_run_group_tests_name("transmitfile", tests, NULL, NULL);
}
