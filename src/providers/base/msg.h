/*
 * WSARecvMsg and WSASendMsg of the base provider (msg.c), and the
 * translation of their control data between Windows' WSACMSGHDR layout and
 * the system layer's items (cmsg.c).
 */
#ifndef WS2_PROVIDERS_BASE_MSG_H
#define WS2_PROVIDERS_BASE_MSG_H

#include <stdbool.h>

#include "providers/base/base.h"
#include "sys/sys_cmsg.h"

/* The extension functions (extensions.c hands them out by GUID). */
INT WINAPI base_WSARecvMsg(SOCKET s, LPWSAMSG lpMsg, LPDWORD lpdwNumberOfBytesRecvd,
                           LPWSAOVERLAPPED lpOverlapped,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
INT WSAAPI base_WSASendMsg(SOCKET s, LPWSAMSG lpMsg, DWORD dwFlags, LPDWORD lpNumberOfBytesSent,
                           LPWSAOVERLAPPED lpOverlapped,
                           LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);

/*
 * Writes the items into a WSAMSG control buffer (control may be NULL when
 * len is 0); returns the bytes used.  *truncated is set when an item did
 * not fit (MSG_CTRUNC).
 */
/* What base_cmsg_write reports a received traffic-class byte as (msg.c chooses). */
#define BASE_CMSG_TOS 0x1u /* the byte as IP_TOS / IPV6_TCLASS */
#define BASE_CMSG_ECN 0x2u /* its two ECN bits as IP_ECN / IPV6_ECN */
ULONG base_cmsg_write(const struct sys_cmsg *in, char *control, ULONG len, bool *truncated,
                      unsigned tos_kinds);

/* MSG_BCAST / MSG_MCAST for a datagram whose control data is in. */
DWORD base_cmsg_cast_flags(const struct sys_cmsg *in);

/* Reads the control buffer of a WSASendMsg into out; 0 or WSAEINVAL. */
int base_cmsg_read(const char *control, ULONG len, struct sys_cmsg *out);

#endif
