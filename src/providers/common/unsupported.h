#ifndef WS2_PROVIDERS_COMMON_UNSUPPORTED_H
#define WS2_PROVIDERS_COMMON_UNSUPPORTED_H

#include <stdbool.h>

#include <ws2spi.h>

/* Fills every NULL entry of t with a function that fails with WSAEOPNOTSUPP. */
void provider_fill_unsupported(WSPPROC_TABLE *t);

/* Whether every one of the 30 entries is set (ws2_32's check after WSPStartup). */
bool provider_table_complete(const WSPPROC_TABLE *t);

#endif
