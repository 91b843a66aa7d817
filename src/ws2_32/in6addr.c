/* The IPv6 wildcard and loopback addresses (ws2tcpip.h). */
#include <ws2tcpip.h>

const struct in6_addr in6addr_any = {{{0}}};
const struct in6_addr in6addr_loopback = {{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};
