/*
 * WSAEnumProtocolsA/W: this process's catalog, base protocols and chains
 * only.  "WSAEnumProtocols only returns information on base protocols and
 * protocol chains that lack the PFL_HIDDEN flag and don't have a protocol
 * chain length of zero" (WSCEnumProtocols returns those too, see wsc.c).
 */
#include <stdlib.h>
#include <string.h>

#include "ws2_32/args.h"
#include "ws2_32/catalog.h"
#include "ws2_32/ws2.h"

#define PROTOCOLS_MAX 64

bool ws2_protocol_listed(const WSAPROTOCOL_INFOW *info, const INT *protocols)
{
    if (!protocols)
        return true;
    for (; *protocols; protocols++)
        if (*protocols >= info->iProtocol &&
            *protocols <= info->iProtocol + info->iProtocolMaxOffset)
            return true;
    return false;
}

/* WSAEnumProtocols leaves out layered entries and hidden ones (WSCEnumProtocols shows them). */
static bool protocols__wanted(const WSAPROTOCOL_INFOW *info, const INT *protocols)
{
    if (info->ProtocolChain.ChainLen == LAYERED_PROTOCOL || (info->dwProviderFlags & PFL_HIDDEN))
        return false;
    return ws2_protocol_listed(info, protocols);
}

/* The entries asked for, into all[]; returns how many. */
static unsigned protocols__select(const INT *protocols, WSAPROTOCOL_INFOW *all)
{
    unsigned n = ws2_catalog_snapshot(all, PROTOCOLS_MAX);
    if (n > PROTOCOLS_MAX)
        n = PROTOCOLS_MAX;
    unsigned kept = 0;
    for (unsigned i = 0; i < n; i++)
        if (protocols__wanted(&all[i], protocols))
            all[kept++] = all[i];
    return kept;
}

/*
 * The common part of both calls: the entries asked for into all[], and the
 * buffer check.  Returns the count, or SOCKET_ERROR with the last error set
 * (WSAENOBUFS with *length set to what is needed, WSAEFAULT).
 */
static int protocols__enum(const INT *protocols, const void *buffer, LPDWORD length, size_t element,
                           WSAPROTOCOL_INFOW *all)
{
    if (!ws2_enter())
        return SOCKET_ERROR;
    /* WSAEnumProtocols.md, WSAEFAULT: "One or more of the lpiProtocols, lpProtocolBuffer, or
     * lpdwBufferLength parameters are not a valid part of the user address space". */
    if (ws2_args_string(protocols, sizeof(*protocols)))
        return ws2_fail(WSAEFAULT);
    unsigned n = protocols__select(protocols, all);
    if (!length || ws2_args_span(length, sizeof(*length), true))
        return ws2_fail(WSAEFAULT);
    DWORD needed = (DWORD)(n * element);
    if (!buffer || *length < needed) {
        *length = needed;
        return ws2_fail(WSAENOBUFS);
    }
    if (ws2_args_span(buffer, needed, true))
        return ws2_fail(WSAEFAULT);
    return (int)n;
}

/*
 * The snapshot is taken into a heap block: PROTOCOLS_MAX W entries are 73 KB
 * (WCHAR is 4 bytes), too much for the stack of a thread created with a
 * small one, and as thread-local data it would cost every thread that much.
 */
static WSAPROTOCOL_INFOW *protocols__snapshot_block(void)
{
    WSAPROTOCOL_INFOW *all = malloc(PROTOCOLS_MAX * sizeof(*all));
    if (!all)
        WSASetLastError(WSAENOBUFS);
    return all;
}

int WSAAPI WSAEnumProtocolsW(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                             LPDWORD lpdwBufferLength)
{
    WSAPROTOCOL_INFOW *all = protocols__snapshot_block();
    if (!all)
        return SOCKET_ERROR;
    int n = protocols__enum(lpiProtocols, lpProtocolBuffer, lpdwBufferLength,
                            sizeof(WSAPROTOCOL_INFOW), all);
    if (n > 0)
        memcpy(lpProtocolBuffer, all, (size_t)n * sizeof(WSAPROTOCOL_INFOW));
    free(all);
    return n;
}

int WSAAPI WSAEnumProtocolsA(LPINT lpiProtocols, LPWSAPROTOCOL_INFOA lpProtocolBuffer,
                             LPDWORD lpdwBufferLength)
{
    WSAPROTOCOL_INFOW *all = protocols__snapshot_block();
    if (!all)
        return SOCKET_ERROR;
    int n = protocols__enum(lpiProtocols, lpProtocolBuffer, lpdwBufferLength,
                            sizeof(WSAPROTOCOL_INFOA), all);
    /* The A structure differs only in szProtocol's characters (ours are ASCII). */
    for (int i = 0; i < n; i++) {
        WSAPROTOCOL_INFOA *out = &lpProtocolBuffer[i];
        memcpy(out, &all[i], offsetof(WSAPROTOCOL_INFOW, szProtocol));
        for (size_t c = 0; c <= WSAPROTOCOL_LEN; c++)
            out->szProtocol[c] = (CHAR)all[i].szProtocol[c];
    }
    free(all);
    return n;
}
