/*
 * The protocol catalog of this process: one entry per protocol a provider
 * offers (TCP/IPv4, UDP/IPv4, a layered provider's chains ...), in the order
 * socket() searches them.  It is read from the catalog file (catalog_file.h)
 * by the first WSAStartup, and again by the first one after a final
 * WSACleanup, and while the library runs when the file changes and a
 * WSAProviderConfigChange handle watches it (provcfg.c).  An entry's provider is started
 * (WSPStartup) when the first socket of that entry is made — an installed provider is loaded with
 * dlopen then — and cleaned up (WSPCleanup) by the final WSACleanup, one WSPCleanup for each
 * WSPStartup as LPWSPCleanup.txt requires, after which its shared object is closed.
 */
#ifndef WS2_WS2_32_CATALOG_H
#define WS2_WS2_32_CATALOG_H

#include <stdatomic.h>
#include <stdbool.h>

#include <winsock2.h>
#include <ws2spi.h>

struct ws2_entry {
    WSAPROTOCOL_INFOW info;
    /* Built-in and in-process entries: the provider's WSPStartup; NULL for installed ones. */
    LPWSPSTARTUP startup;
    char *path;   /* installed entries: lpszProviderDllPath in UTF-8, not expanded */
    void *module; /* installed entries: the dlopen handle while started */
    bool local;   /* added in this process by ws2_catalog_add, not from the file */
    bool started; /* guarded by the startup lock */
    WSPDATA data;
    WSPPROC_TABLE procs;
    /*
     * Installed entries: calls in progress in the provider's code (counted
     * by ws2_call_begin/ws2_call_end), so that the final WSACleanup unloads
     * its shared object only once every call has returned out of it.
     */
    _Atomic long calls;
};

/*
 * A call into entry's provider begins or ends.  Only installed providers
 * (entry->path) are counted: the built-in one is never unloaded, and its
 * calls stay free of a shared counter.
 */
void ws2_call_begin(struct ws2_entry *entry);
void ws2_call_end(struct ws2_entry *entry);

/*
 * Adds an entry for a provider in this process only (tests do this); it
 * survives the catalog's re-reads.  The entry's catalog id is assigned here
 * and written back into *info.  Returns 0 or a Winsock error.
 */
int ws2_catalog_add(WSAPROTOCOL_INFOW *info, LPWSPSTARTUP startup);

/*
 * Reads the catalog file into this process's catalog.  Called by the
 * WSAStartup that moves the count from 0, with the startup lock held.
 * Returns 0, or WSASYSNOTREADY when the file is unreadable or malformed.
 */
int ws2_catalog_load(void);

/*
 * Reads the catalog file again while the library runs (the file changed:
 * provcfg.c).  Entries the file still describes unchanged keep their
 * started providers; sockets of an entry the file dropped keep their
 * provider until they are closed.  Returns 0, WSASYSNOTREADY when the file
 * cannot be read or parsed (the catalog stays as it was), or
 * WSANOTINITIALISED after the final WSACleanup (nothing to do).
 */
int ws2_catalog_reload(void);

/* The entry with this catalog id, or NULL. */
struct ws2_entry *ws2_catalog_find_id(DWORD catalog_id);

/*
 * Chooses the entry for socket(af, type, protocol) or a WSAPROTOCOL_INFO and
 * starts its provider if needed.  Returns NULL with *error set
 * (WSAEAFNOSUPPORT, WSAESOCKTNOSUPPORT, WSAEPROTONOSUPPORT, WSAEINVAL for an
 * unknown catalog id, WSAEPROVIDERFAILEDINIT when the provider cannot be
 * loaded, WSAEINVALIDPROCTABLE, or the provider's WSPStartup error).
 */
struct ws2_entry *ws2_catalog_select(int af, int type, int protocol, const WSAPROTOCOL_INFOW *info,
                                     int *error);

/*
 * Calls WSPCleanup for every started entry, then closes its shared object;
 * returns the first error, or 0.
 */
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

/*
 * provider_load.c: the path of the shared object this code is in (the base
 * provider's lpszProviderDllPath), or NULL; %VAR% expansion of a provider
 * path (malloc'd); loading a provider's shared object and finding its own
 * WSPStartup (NULL when either fails).
 */
const char *ws2_self_path(void);
char *ws2_expand_path(const char *path);
void *ws2_provider_load(const char *path, LPWSPSTARTUP *startup);
void ws2_provider_unload(void *module);

/*
 * WSCGetProviderPath and WPUGetProviderPath (wsc.c): the provider's path,
 * not expanded, as UTF-16.  Returns 0 or SOCKET_ERROR with *error set.
 */
int ws2_provider_path(const GUID *provider, WCHAR *path, LPINT length, LPINT error);

#endif
