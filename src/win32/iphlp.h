/*
 * What the IP Helper functions (iphlp_*.c) share: Linux's view of an
 * interface (src/sys/sys_ifaddr.h) put in Windows' terms.
 */
#ifndef WS2_WIN32_IPHLP_H
#define WS2_WIN32_IPHLP_H

#include <stdbool.h>

#include <iphlpapi.h>

#include "sys/sys_ifaddr.h"

/* IF_TYPE_* for a link (IP_ADAPTER_ADDRESSES.IfType, IP_ADAPTER_INFO.Type, NET_LUID). */
IFTYPE iphlp_if_type(const struct sys_iflink *k);

/* IF_OPER_STATUS for a link. */
IF_OPER_STATUS iphlp_oper_status(const struct sys_iflink *k);

/* Whether a link counts as up for the purposes where Windows wants a working adapter. */
bool iphlp_link_up(const struct sys_iflink *k);

/* The link's LUID: its IF_TYPE and its index (NetLuidIndex). */
NET_LUID iphlp_luid(const struct sys_iflink *k);

/* The Windows family (AF_INET, AF_INET6) of a SYS_AF_* one, 0 for any other. */
int iphlp_family(int sys_family);

/*
 * A Windows socket address for addr (family a SYS_AF_* one) into out, which
 * must hold a SOCKADDR_IN6; scope_id for IPv6.  Returns its size.
 */
int iphlp_sockaddr(int sys_family, const unsigned char *addr, unsigned scope_id, SOCKADDR *out);

/* The link with this index in a loaded table, or NULL. */
const struct sys_iflink *iphlp_link(const struct sys_iftable *t, unsigned index);

#endif
