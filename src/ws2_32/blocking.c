/*
 * The Winsock 1.1 blocking model: WSASetBlockingHook, WSAUnhookBlockingHook,
 * WSAIsBlocking, WSACancelBlockingCall, and the callback providers run while
 * they block (WPUQueryBlockingCallback).  Not offered yet: providers get no
 * callback.
 */
#include "ws2_32/ws2.h"

void ws2_blocking_callback(DWORD catalog_id, LPBLOCKINGCALLBACK *callback, PDWORD_PTR context)
{
    (void)catalog_id;
    *callback = NULL;
    *context = 0;
}
