/*
 * The well-known addresses that Winsock exports as data, in network byte
 * order: the IPv6 wildcard and loopback (ws2tcpip.h), and the IPv4 and IPv6
 * addresses and prefixes that mstcpip.h declares, with the unspecified
 * scope.  The values are the RFCs' (RFC 1112 and 5771 for IPv4 multicast,
 * RFC 3927 link-local, RFC 4291 IPv6, RFC 3056 6to4, RFC 4380 Teredo,
 * RFC 3810 MLDv2, RFC 3376 IGMPv3).
 */
#include <ws2tcpip.h>
#include <mstcpip.h>

const struct in6_addr in6addr_any = {{{0}}};
const struct in6_addr in6addr_loopback = {{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};

const SCOPE_ID scopeid_unspecified = SCOPEID_UNSPECIFIED_INIT;

#define ADDRCONST_IN4(a, b, c, d)                                                                  \
    {                                                                                              \
        {                                                                                          \
            {                                                                                      \
                (a), (b), (c), (d)                                                                 \
            }                                                                                      \
        }                                                                                          \
    }

const IN_ADDR in4addr_any = ADDRCONST_IN4(0, 0, 0, 0);
const IN_ADDR in4addr_loopback = ADDRCONST_IN4(127, 0, 0, 1);
const IN_ADDR in4addr_broadcast = ADDRCONST_IN4(255, 255, 255, 255);
const IN_ADDR in4addr_allnodesonlink = ADDRCONST_IN4(224, 0, 0, 1);
const IN_ADDR in4addr_allroutersonlink = ADDRCONST_IN4(224, 0, 0, 2);
const IN_ADDR in4addr_alligmpv3routersonlink = ADDRCONST_IN4(224, 0, 0, 22);
const IN_ADDR in4addr_allteredohostsonlink = ADDRCONST_IN4(224, 0, 0, 253);
const IN_ADDR in4addr_linklocalprefix = ADDRCONST_IN4(169, 254, 0, 0);
const IN_ADDR in4addr_multicastprefix = ADDRCONST_IN4(224, 0, 0, 0);

const IN6_ADDR in6addr_allnodesonnode = {{{0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};
const IN6_ADDR in6addr_allnodesonlink = {{{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};
const IN6_ADDR in6addr_allroutersonlink = {
    {{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}}};
const IN6_ADDR in6addr_allmldv2routersonlink = {
    {{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16}}};
const IN6_ADDR in6addr_teredoinitiallinklocaladdress = {
    {{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe}}};
const IN6_ADDR in6addr_linklocalprefix = {{{0xfe, 0x80}}};
const IN6_ADDR in6addr_multicastprefix = {{{0xff, 0x00}}};
const IN6_ADDR in6addr_solicitednodemulticastprefix = {
    {{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff, 0, 0, 0}}};
const IN6_ADDR in6addr_v4mappedprefix = {{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0}}};
const IN6_ADDR in6addr_6to4prefix = {{{0x20, 0x02}}};
const IN6_ADDR in6addr_teredoprefix = {{{0x20, 0x01}}};
const IN6_ADDR in6addr_teredoprefix_old = {{{0x3f, 0xfe, 0x83, 0x1f}}};
