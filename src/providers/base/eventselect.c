/*
 * WSAEventSelect and WSAEnumNetworkEvents (not offered yet: the hook below
 * is where the I/O engine's readiness reaches them).
 */
#include "providers/base/base.h"

void bsock_network_events(struct bsock *b, unsigned engine_events)
{
    (void)b;
    (void)engine_events;
}
