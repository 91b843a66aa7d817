/*
 * WSAProviderConfigChange's part in the final WSACleanup (provcfg.c).
 */
#ifndef WS2_WS2_32_PROVCFG_H
#define WS2_WS2_32_PROVCFG_H

/*
 * Called by the final WSACleanup with the startup lock held, before any
 * provider cleans up: every notification handle becomes stale, pending
 * notifications end with WSA_OPERATION_ABORTED without any completion
 * action, and the watcher is told to stop.  Returns the watcher for
 * ws2_provcfg_cleanup_end (NULL: none ran).
 */
void *ws2_provcfg_cleanup_begin(void);

/*
 * Joins the watcher once the startup lock is released (it may be waiting
 * for that lock to re-read the catalog) and frees it.
 */
void ws2_provcfg_cleanup_end(void *watcher);

#endif
