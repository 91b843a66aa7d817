/*
 * ws2posix <sporder.h>: reordering the Winsock catalog (WSCWriteProviderOrder),
 * as the Windows SDK declares it.  The name-space variant is not offered:
 * there are no name-space providers.
 */
#include "ws2posix/api.h"

#ifndef WS2POSIX_SPORDER_H
#define WS2POSIX_SPORDER_H

#include "ws2spi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int(WSPAPI *LPWSCWRITEPROVIDERORDER)(LPDWORD lpwdCatalogEntryId, DWORD dwNumberOfEntries);

/* Returns ERROR_SUCCESS (0) or the error code itself (WSAEINVAL, WSANO_RECOVERY, ...). */
WINSOCK_API_LINKAGE int WSPAPI WSCWriteProviderOrder(LPDWORD lpwdCatalogEntryId,
                                                     DWORD dwNumberOfEntries);

#ifdef __cplusplus
}
#endif

#endif
