/*
 * TransmitFile and TransmitPackets, reached through
 * WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER) (and TransmitFile by name,
 * ws2_32/mswsock.c).  Both send a list of elements — bytes in memory, or a
 * range of a file opened with CreateFile — in order, over a connected
 * socket; TransmitFile's list is its head buffer, its file and its tail
 * buffer.  File bytes go with sendfile(2) (sys/sys_sendfile.c), so they
 * never pass through user space, as Windows takes them from its cache.
 *
 * One attempt sends what the socket takes now and stops at EAGAIN, so the
 * work runs in the same machinery as an overlapped WSASend: an overlapped
 * call is an operation of the socket's send queue that the I/O engine goes
 * on with whenever the socket can take more (both engines, since it is
 * readiness that drives it), and closesocket, CancelIo(Ex) and the final
 * WSACleanup end it as they end any other (overlapped.c).  A call without
 * an OVERLAPPED waits for the socket between attempts as a blocking send
 * does (interrupted by closesocket, WSAEINTR), also on a non-blocking
 * socket: the call returns only a BOOL and so cannot report part of the
 * data sent.
 *
 * The observed facts (Wine's conformance test test_TransmitFile, run on
 * Windows): an overlapped call pends even when everything went at once;
 * OVERLAPPED.Offset/OffsetHigh say where in the file to start, and the
 * count reported is head + file + tail; without an OVERLAPPED the file's
 * own pointer says it (TransmitFile.md: "the transmission of data always
 * starts at the current byte offset in the file"); no file and no buffers
 * succeed with nothing sent; an unconnected stream socket, or a datagram
 * socket, is WSAENOTCONN.  A file opened without FILE_FLAG_OVERLAPPED has
 * its pointer moved past what was sent, as Windows moves a synchronous file
 * object's byte offset after any transfer (.NET's SendPacketsAsync tests
 * saw Windows change the position, corefx pull request 27839).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mswsock.h>

#include "kernel/file.h"
#include "kernel/ntstatus.h"
#include "providers/base/backlog.h"
#include "providers/base/base.h"
#include "sys/sys.h"
#include "sys/usermem.h"

/* A file element that runs to the end of its file. */
#define TRANSMIT__TO_END UINT64_MAX
/* The most one sendfile is asked for (Linux moves at most 0x7ffff000 bytes a call). */
#define TRANSMIT__CHUNK ((size_t)1 << 30)
/* The largest datagram TransmitPackets assembles (a UDP payload is smaller). */
#define TRANSMIT__DGRAM_MAX 65536
/* nSendSize meaning "one send per TP_ELEMENT_EOP" (TransmitPackets.md). */
#define TRANSMIT__SEND_PER_EOP 0xFFFFFFFFu

/* The flags both accept; TF_WRITE_BEHIND and the worker choices change nothing here. */
#define TRANSMIT__FLAGS                                                                            \
    (TF_DISCONNECT | TF_REUSE_SOCKET | TF_WRITE_BEHIND | TF_USE_SYSTEM_THREAD | TF_USE_KERNEL_APC)

struct transmit_el {
    struct kfile *file; /* referenced; NULL for bytes in memory */
    const char *buf;
    uint64_t offset; /* a file's: where its bytes start */
    uint64_t length; /* TRANSMIT__TO_END: the rest of the file */
    bool eop;        /* TP_ELEMENT_EOP: a datagram ends with it */
};

struct transmit {
    unsigned count, index;
    uint64_t el_done; /* bytes of els[index] sent */
    uint64_t sent;    /* bytes sent in all */
    size_t per_send;  /* the most one system call sends, 0 for no limit */
    DWORD flags;      /* TF_* / TP_* */
    bool datagram;
    char *dgram; /* a datagram being assembled (TransmitPackets on a datagram socket) */
    struct transmit_el els[];
};

static struct transmit *transmit__new(unsigned count)
{
    return calloc(1, sizeof(struct transmit) + (size_t)count * sizeof(struct transmit_el));
}

/* Releases what t holds (the operation's cleanup; t itself is freed by its owner). */
static void transmit__cleanup(void *ext)
{
    struct transmit *t = ext;
    for (unsigned i = 0; i < t->count; i++)
        if (t->els[i].file)
            kfile_put(t->els[i].file);
    free(t->dgram);
}

static void transmit__free(struct transmit *t)
{
    transmit__cleanup(t);
    free(t);
}

static void transmit__add_memory(struct transmit *t, const void *buf, uint64_t len, bool eop)
{
    struct transmit_el *el = &t->els[t->count++];
    el->buf = buf;
    el->length = len;
    el->eop = eop;
}

/*
 * Adds a range of the file h names: from offset (-1: the file pointer), len
 * bytes (0: to the end).  0 or a Winsock error: a handle that names no file
 * is WSAEINVAL, a file not opened for reading WSAEACCES, and one sendfile
 * cannot read (a pipe, a console) WSAEINVAL.
 */
static int transmit__add_file(struct transmit *t, HANDLE h, int64_t offset, uint64_t len, bool eop)
{
    struct kfile *f = kfile_get(h);
    if (!f)
        return WSAEINVAL;
    int error = !f->can_read ? WSAEACCES : f->kind != KFILE_DISK ? WSAEINVAL : 0;
    uint64_t start = (uint64_t)offset;
    if (!error && offset < 0 && !kfile_position(f, &start))
        error = WSAEINVAL;
    if (error) {
        kfile_put(f);
        return error;
    }
    struct transmit_el *el = &t->els[t->count++];
    el->file = f;
    el->offset = start;
    el->length = len ? len : TRANSMIT__TO_END;
    el->eop = eop;
    return 0;
}

/* The current element is over: a synchronous file's pointer follows what was sent. */
static void transmit__element_end(struct transmit *t)
{
    struct transmit_el *el = &t->els[t->index];
    if (el->file && !el->file->overlapped)
        kfile_set_position(el->file, el->offset + t->el_done);
    t->index++;
    t->el_done = 0;
}

static enum bop_step transmit__failed(struct transmit *t, int linux_errno, DWORD *status)
{
    *status = kstatus_from_wsa(base_error(linux_errno));
    struct transmit_el *el = &t->els[t->index];
    if (el->file && !el->file->overlapped)
        kfile_set_position(el->file, el->offset + t->el_done);
    return BOP_DONE;
}

/* A stream: the elements' bytes one after the other, as far as the socket takes them. */
static enum bop_step transmit__stream(int fd, struct transmit *t, DWORD *status)
{
    while (t->index < t->count) {
        struct transmit_el *el = &t->els[t->index];
        uint64_t left = el->length == TRANSMIT__TO_END ? UINT64_MAX : el->length - t->el_done;
        if (left == 0) {
            transmit__element_end(t);
            continue;
        }
        size_t chunk = left < TRANSMIT__CHUNK ? (size_t)left : TRANSMIT__CHUNK;
        if (t->per_send && chunk > t->per_send)
            chunk = t->per_send;
        long n;
        if (el->file) {
            uint64_t at = el->offset + t->el_done;
            n = sys_sendfile(fd, el->file->fd, &at, chunk);
            if (n == 0) { /* the end of the file came first */
                transmit__element_end(t);
                continue;
            }
        } else {
            struct sys_iovec v = {(void *)(el->buf + t->el_done), chunk};
            n = sys_sendmsg(fd, &v, 1, NULL, 0, SYS_MSG_DONTWAIT);
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return BOP_AGAIN;
            return transmit__failed(t, errno, status);
        }
        t->el_done += (uint64_t)n;
        t->sent += (uint64_t)n;
    }
    *status = KSTATUS_SUCCESS;
    return BOP_DONE;
}

/*
 * Assembles the next datagram from the current element on: the elements up
 * to and including one marked TP_ELEMENT_EOP ("should not be combined with
 * the next element in a single send request"), or to the last.  Returns its
 * length and sets *next to the element after it; -1 with a Winsock error.
 */
static long transmit__assemble(struct transmit *t, unsigned *next, int *error)
{
    size_t len = 0;
    unsigned i = t->index;
    while (i < t->count) {
        struct transmit_el *el = &t->els[i++];
        size_t room = TRANSMIT__DGRAM_MAX - len;
        if (el->file) {
            /* One byte more than fits tells a file too long for a datagram. */
            size_t want =
                el->length == TRANSMIT__TO_END || el->length > room ? room + 1 : (size_t)el->length;
            char *into = t->dgram + len;
            size_t got = 0;
            while (got < want) {
                long n = kfile_read_at(el->file, into + got, want - got, el->offset + got);
                if (n < 0) {
                    *error = WSAEINVAL;
                    return -1;
                }
                if (n == 0)
                    break;
                got += (size_t)n;
            }
            if (got > room) {
                *error = WSAEMSGSIZE;
                return -1;
            }
            len += got;
        } else {
            if (el->length > room) {
                *error = WSAEMSGSIZE;
                return -1;
            }
            memcpy(t->dgram + len, el->buf, (size_t)el->length);
            len += (size_t)el->length;
        }
        if (el->eop)
            break;
    }
    *next = i;
    return (long)len;
}

/* A datagram socket: one datagram per run of elements (transmit__assemble). */
static enum bop_step transmit__datagrams(int fd, struct transmit *t, DWORD *status)
{
    if (!t->dgram && t->index < t->count && !(t->dgram = malloc(TRANSMIT__DGRAM_MAX + 1))) {
        *status = kstatus_from_wsa(WSAENOBUFS);
        return BOP_DONE;
    }
    while (t->index < t->count) {
        unsigned next;
        int error = 0;
        long len = transmit__assemble(t, &next, &error);
        if (len < 0) {
            *status = kstatus_from_wsa(error);
            return BOP_DONE;
        }
        struct sys_iovec v = {t->dgram, (size_t)len};
        long n = sys_sendmsg(fd, &v, 1, NULL, 0, SYS_MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return BOP_AGAIN;
            *status = kstatus_from_wsa(base_error(errno));
            return BOP_DONE;
        }
        t->sent += (uint64_t)n;
        t->index = next;
    }
    *status = KSTATUS_SUCCESS;
    return BOP_DONE;
}

static enum bop_step transmit__advance(struct bsock *b, struct transmit *t, DWORD *status)
{
    return t->datagram ? transmit__datagrams(b->fd, t, status) : transmit__stream(b->fd, t, status);
}

/* The overlapped operation's attempt (b->lock held); its count is everything sent so far. */
static enum bop_step transmit__step(struct bsock *b, struct bop *op, DWORD *status)
{
    struct transmit *t = bop_ext(op);
    enum bop_step step = transmit__advance(b, t, status);
    bop_set_buffers(op, NULL, 0, (size_t)t->sent);
    if (step == BOP_AGAIN)
        bsock_network_reenable_locked(b, FD_WRITE); /* the buffer is full: see transmit__sync */
    return step;
}

/*
 * Everything is sent: TF_DISCONNECT starts a graceful disconnect (FIN after
 * the data), TF_REUSE_SOCKET also makes the socket new for AcceptEx or
 * ConnectEx, as DisconnectEx(TF_REUSE_SOCKET) does.  Without b->lock.
 */
static void transmit__finish(struct bsock *b, void *ext)
{
    struct transmit *t = ext;
    if (t->datagram || !(t->flags & (TF_DISCONNECT | TF_REUSE_SOCKET)))
        return;
    sys_shutdown(b->fd, SYS_SHUT_WR);
    pthread_mutex_lock(&b->lock);
    b->shut_send = true;
    pthread_mutex_unlock(&b->lock);
    if (t->flags & TF_REUSE_SOCKET)
        base_socket_renew(b);
}

/* Without an OVERLAPPED: attempts, waiting for the socket between them.  0 or a Winsock error. */
static int transmit__sync(struct bsock *b, struct transmit *t)
{
    pthread_mutex_lock(&b->lock);
    int64_t deadline = bsock_deadline(bsock_rare_peek(b)->sndtimeo);
    pthread_mutex_unlock(&b->lock);
    /* After what non-blocking sends left (backlog.h), as any send. */
    int waited = t->datagram ? 0 : backlog_wait(b, deadline);
    if (waited)
        return waited;
    for (;;) {
        DWORD status;
        if (transmit__advance(b, t, &status) == BOP_DONE) {
            int error = kstatus_to_wsa(status);
            if (!error)
                transmit__finish(b, t);
            return error;
        }
        /*
         * The send buffer is full.  Windows records FD_WRITE again "after a
         * send fails with WSAEWOULDBLOCK and buffer space becomes available"
         * (WSAEventSelect.md), and TransmitFile and TransmitPackets send as
         * send does: once the space they wait for comes, FD_WRITE is
         * recorded, as after a send that found the buffer full
         * (transfer.c).
         */
        bsock_network_reenable(b, FD_WRITE);
        int error = bsock_wait(b, SYS_POLLOUT, deadline);
        if (error)
            return error;
    }
}

static BOOL transmit__fail(struct bsock *b, struct transmit *t, int error)
{
    if (t)
        transmit__free(t);
    if (b)
        bsock_put(b);
    WSASetLastError(error);
    return FALSE;
}

/* Runs t on b, with or without an OVERLAPPED; takes b's reference and t. */
static BOOL transmit__run(struct bsock *b, struct transmit *t, LPOVERLAPPED ov)
{
    if (!ov) {
        int error = transmit__sync(b, t);
        if (error)
            return transmit__fail(b, t, error);
        transmit__free(t);
        bsock_put(b);
        return TRUE;
    }
    struct bop *op = bop_new(BOP_SEND, NULL, 0, ov);
    if (!op)
        return transmit__fail(b, t, WSAENOBUFS);
    bop_set_step(op, transmit__step, t);
    bop_set_cleanup(op, transmit__cleanup);
    bop_set_finish(op, transmit__finish);
    /* Pending even when done at once (observed), and Offset is the caller's input. */
    bop_set_options(op, BOP_OPT_ALWAYS_PENDS | BOP_OPT_KEEP_OFFSET);
    int result = bop_start(b, op, NULL, NULL);
    bsock_put(b);
    if (result == 0)
        return TRUE;
    WSASetLastError(result);
    return FALSE;
}

/*
 * The socket must be connected: a stream socket for TransmitFile
 * (TransmitFile.md: "does not support datagram sockets"; WSAENOTCONN,
 * observed), a stream or a connected datagram socket for TransmitPackets.
 */
static int transmit__socket_check(struct bsock *b, bool datagrams)
{
    pthread_mutex_lock(&b->lock);
    bsock_settle_connect_locked(b);
    int error = !b->connected || (b->type != SOCK_STREAM && !datagrams) ? WSAENOTCONN
                : b->shut_send                                          ? WSAESHUTDOWN
                                                                        : 0;
    pthread_mutex_unlock(&b->lock);
    return error;
}

static BOOL WINAPI base_TransmitFile(SOCKET hSocket, HANDLE hFile, DWORD nNumberOfBytesToWrite,
                                     DWORD nNumberOfBytesPerSend, LPOVERLAPPED lpOverlapped,
                                     LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers, DWORD dwReserved)
{
    int err;
    struct bsock *b = bsock_get(hSocket, &err);
    if (!b)
        return transmit__fail(NULL, NULL, err);
    if (dwReserved & ~(DWORD)TRANSMIT__FLAGS)
        return transmit__fail(b, NULL, WSAEINVAL);
    struct sys_user_span spans[] = {
        {lpOverlapped, lpOverlapped ? sizeof(*lpOverlapped) : 0, true},
        {lpTransmitBuffers, lpTransmitBuffers ? sizeof(*lpTransmitBuffers) : 0, false}};
    if (!sys_user_check(spans, 2))
        return transmit__fail(b, NULL, WSAEFAULT);
    TRANSMIT_FILE_BUFFERS tb = {0};
    if (lpTransmitBuffers)
        tb = *lpTransmitBuffers;
    if (!tb.Head)
        tb.HeadLength = 0;
    if (!tb.Tail)
        tb.TailLength = 0;
    struct sys_user_span data[] = {{tb.Head, tb.HeadLength, false},
                                   {tb.Tail, tb.TailLength, false}};
    if (!sys_user_check(data, 2))
        return transmit__fail(b, NULL, WSAEFAULT);
    err = transmit__socket_check(b, false);
    if (err)
        return transmit__fail(b, NULL, err);

    struct transmit *t = transmit__new(3);
    if (!t)
        return transmit__fail(b, NULL, WSAENOBUFS);
    t->flags = dwReserved;
    t->per_send = nNumberOfBytesPerSend;
    if (tb.HeadLength)
        transmit__add_memory(t, tb.Head, tb.HeadLength, false);
    if (hFile) {
        int64_t offset =
            lpOverlapped
                ? (int64_t)((uint64_t)lpOverlapped->OffsetHigh << 32 | lpOverlapped->Offset)
                : -1;
        if (offset < -1)
            offset = -1; /* beyond 2^63: sendfile would refuse it; the end of any file */
        err = transmit__add_file(t, hFile, offset, nNumberOfBytesToWrite, false);
        if (err)
            return transmit__fail(b, t, err);
    }
    if (tb.TailLength)
        transmit__add_memory(t, tb.Tail, tb.TailLength, false);
    return transmit__run(b, t, lpOverlapped);
}

/*
 * TransmitPackets: TRANSMIT_PACKETS_ELEMENT.md — TP_ELEMENT_FILE is the
 * default and excludes TP_ELEMENT_MEMORY (both: WSAEINVAL), a file's
 * cLength 0 sends to its end and nFileOffset -1 starts at its pointer.
 */
static BOOL WINAPI base_TransmitPackets(SOCKET hSocket, LPTRANSMIT_PACKETS_ELEMENT lpPacketArray,
                                        DWORD nElementCount, DWORD nSendSize,
                                        LPOVERLAPPED lpOverlapped, DWORD dwFlags)
{
    int err;
    struct bsock *b = bsock_get(hSocket, &err);
    if (!b)
        return transmit__fail(NULL, NULL, err);
    if ((dwFlags & ~(DWORD)TRANSMIT__FLAGS) || nElementCount > BASE_MAX_BUFFERS)
        return transmit__fail(b, NULL, WSAEINVAL);
    struct sys_user_span spans[] = {
        {lpOverlapped, lpOverlapped ? sizeof(*lpOverlapped) : 0, true},
        {lpPacketArray, (size_t)nElementCount * sizeof(*lpPacketArray), false}};
    if ((nElementCount && !lpPacketArray) || !sys_user_check(spans, 2))
        return transmit__fail(b, NULL, WSAEFAULT);
    err = transmit__socket_check(b, true);
    if (err)
        return transmit__fail(b, NULL, err);

    struct transmit *t = transmit__new(nElementCount);
    if (!t)
        return transmit__fail(b, NULL, WSAENOBUFS);
    t->flags = dwFlags;
    t->datagram = b->type != SOCK_STREAM;
    t->per_send = nSendSize == TRANSMIT__SEND_PER_EOP ? 0 : nSendSize;
    for (DWORD i = 0; i < nElementCount; i++) {
        TRANSMIT_PACKETS_ELEMENT el = lpPacketArray[i];
        ULONG kind = el.dwElFlags & (TP_ELEMENT_MEMORY | TP_ELEMENT_FILE);
        bool eop = (el.dwElFlags & TP_ELEMENT_EOP) != 0;
        if ((el.dwElFlags & ~(ULONG)(TP_ELEMENT_MEMORY | TP_ELEMENT_FILE | TP_ELEMENT_EOP)) ||
            kind == (TP_ELEMENT_MEMORY | TP_ELEMENT_FILE))
            return transmit__fail(b, t, WSAEINVAL);
        if (kind == TP_ELEMENT_MEMORY) {
            if (el.cLength && (!el.pBuffer || !sys_user_readable(el.pBuffer, el.cLength)))
                return transmit__fail(b, t, WSAEFAULT);
            transmit__add_memory(t, el.pBuffer, el.cLength, eop);
            continue;
        }
        int64_t offset = el.nFileOffset.QuadPart < 0 ? -1 : el.nFileOffset.QuadPart;
        err = transmit__add_file(t, el.hFile, offset, el.cLength, eop);
        if (err)
            return transmit__fail(b, t, err);
    }
    return transmit__run(b, t, lpOverlapped);
}

void *base_transmit_extension(const GUID *id)
{
    static const GUID transmit_file = WSAID_TRANSMITFILE, transmit_packets = WSAID_TRANSMITPACKETS;
    if (memcmp(id, &transmit_file, sizeof(GUID)) == 0)
        return (void *)(LPFN_TRANSMITFILE)base_TransmitFile;
    if (memcmp(id, &transmit_packets, sizeof(GUID)) == 0)
        return (void *)(LPFN_TRANSMITPACKETS)base_TransmitPackets;
    return NULL;
}
