/*
 * The ws2_32 layer's internal interface.  Every API function starts with
 * ws2_enter (or ws2_enter_socket), which applies the two checks Winsock makes
 * before anything else — a successful WSAStartup, and no blocking call or
 * callback already in progress on this thread — and reports failures through
 * ws2_fail, the one place that sets the error and returns SOCKET_ERROR.
 */
#ifndef WS2_WS2_32_WS2_H
#define WS2_WS2_32_WS2_H

#include <stdbool.h>

#include <winsock2.h>
#include <ws2spi.h>

#include "kernel/handle_hold.h"
#include "kernel/ksocket.h"

struct ws2_entry;

/*
 * The largest count of caller-supplied elements (sockets in an fd_set or a
 * WSAPoll array, WSABUFs) a call accepts: Linux's own ceiling on descriptors
 * (fs.nr_open's default).  Counts above it fail with WSAEINVAL before any
 * memory is sized from them; such a count is larger than the caller's array.
 */
#define WS2_COUNT_MAX (1u << 20)

struct ws2_call {
    SOCKET s;
    struct ksocket *socket;
    struct ws2_entry *entry;
    const WSPPROC_TABLE *procs;
    /* The call's reference on s, lent to the provider's lookups of s (kernel/handle_hold.h). */
    struct handle_hold hold;
};

/* Sets the calling thread's last error to error and returns SOCKET_ERROR. */
int ws2_fail(int error);

/* The calling thread's SO_OPENTYPE (0: socket() makes overlapped sockets). */
int ws2_opentype(void);

/* 0 if the calling thread may make a Winsock call now, else the Winsock error. */
int ws2_check(void);

/* ws2_check, setting the last error on failure. */
bool ws2_enter(void);

/*
 * ws2_enter, then looks s up and holds a reference on it until ws2_leave.
 * Fails with WSAENOTSOCK for anything that is not a live socket handle.
 */
bool ws2_enter_socket(struct ws2_call *call, SOCKET s);
void ws2_leave(struct ws2_call *call);

/* Ends a call: the provider's result; the last error is its error on failure, 0 on success. */
int ws2_leave_result(struct ws2_call *call, int result, int error);

/* True between the first successful WSAStartup and the final WSACleanup. */
bool ws2_started(void);

/*
 * Whether info serves one of the protocols in a zero-terminated list (NULL:
 * every protocol), the lpiProtocols filter of WSAEnumProtocols and
 * WSCEnumProtocols.
 */
bool ws2_protocol_listed(const WSAPROTOCOL_INFOW *info, const INT *protocols);

/* The value of a hexadecimal digit, or -1. */
int ws2_hex_digit(char c);

/* The version the application negotiated (the latest WSAStartup's). */
WORD ws2_version(void);

/*
 * WPUQueryBlockingCallback's answer for the calling thread (blocking.c):
 * the callback a provider must run while it blocks, and its context, or
 * NULL when there is none (Winsock 2 has no blocking hooks).
 */
void ws2_blocking_callback(DWORD catalog_id, LPBLOCKINGCALLBACK *callback, PDWORD_PTR context);

#endif
