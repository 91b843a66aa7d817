/*
 * The protocol catalog: one entry per protocol a provider offers (TCP/IPv4,
 * UDP/IPv4, ...), in the order socket() searches them.  An entry's provider
 * is started (WSPStartup) when the first socket of that entry is made and
 * cleaned up (WSPCleanup) by the final WSACleanup, one WSPCleanup for each
 * WSPStartup, as LPWSPCleanup.txt requires.
 */
#ifndef WS2_WS2_32_CATALOG_H
#define WS2_WS2_32_CATALOG_H

#include <stdbool.h>

#include <winsock2.h>
#include <ws2spi.h>

struct ws2_entry {
    WSAPROTOCOL_INFOW info;
    LPWSPSTARTUP startup;
    bool started; /* guarded by the startup lock */
    WSPDATA data;
    WSPPROC_TABLE procs;
};

/*
 * Adds an entry for a provider in this process (the base provider's entries
 * are added at the first WSAStartup).  The entry's catalog id is assigned
 * here and written back into *info.  Returns 0 or a Winsock error.
 */
int ws2_catalog_add(WSAPROTOCOL_INFOW *info, LPWSPSTARTUP startup);

/* The entry with this catalog id, or NULL. */
struct ws2_entry *ws2_catalog_find_id(DWORD catalog_id);

/*
 * Chooses the entry for socket(af, type, protocol) or a WSAPROTOCOL_INFO and
 * starts its provider if needed.  Returns NULL with *error set
 * (WSAEAFNOSUPPORT, WSAESOCKTNOSUPPORT, WSAEPROTONOSUPPORT, WSAEPROTOTYPE, or
 * the provider's WSPStartup error).
 */
struct ws2_entry *ws2_catalog_select(int af, int type, int protocol, const WSAPROTOCOL_INFOW *info,
                                     int *error);

/* Calls WSPCleanup for every started entry; returns the first error, or 0. */
int ws2_catalog_cleanup(void);

/* Copies the catalog (for WSAEnumProtocols); returns the number of entries. */
unsigned ws2_catalog_snapshot(WSAPROTOCOL_INFOW *out, unsigned max);

/* The startup lock, shared with startup.c: held while providers start or clean up. */
void ws2_startup_lock(void);
void ws2_startup_unlock(void);

/*
 * Closes the socket handles ws2_32 made for providers (WPUCreateSocketHandle)
 * that are still open after every provider's WSPCleanup: whatever a provider
 * failed to close, the old handles must not stay sockets.
 */
void ws2_close_orphan_handles(void);

/* The upcall table handed to every WSPStartup (upcall.c). */
extern const WSPUPCALLTABLE ws2_upcalls;

#endif
