/*
 * The machine's network interfaces as Linux sees them, for the IP Helper
 * functions (src/win32/iphlp_*.c): links, their addresses, default
 * gateways, multicast groups, route lookups and the resolver's
 * configuration.  Neutral C, like sys.h: Linux's numbers are named here and
 * checked against Linux's headers in sys_ifaddr.c.
 *
 * Sources: rtnetlink (RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE dumps, and an
 * RTM_GETROUTE request for one destination, which is `ip route get'),
 * /sys/class/net/<name>/ (speed, wireless), /proc/sys/net/ipv6/conf/<name>/
 * (whether IPv6 is on), /proc/net/igmp and igmp6 (groups joined), and
 * /etc/resolv.conf.
 */
#ifndef WS2_SYS_SYS_IFADDR_H
#define WS2_SYS_SYS_IFADDR_H

#include <stddef.h>
#include <stdint.h>

#define SYS_IF_NAME_MAX   16 /* IFNAMSIZ, with the terminator */
#define SYS_IF_HWADDR_MAX 32

/* ARPHRD_* link types (if_arp.h) that have a Windows IF_TYPE of their own. */
#define SYS_ARPHRD_ETHER      1
#define SYS_ARPHRD_INFINIBAND 32
#define SYS_ARPHRD_SLIP       256
#define SYS_ARPHRD_PPP        512
#define SYS_ARPHRD_TUNNEL     768
#define SYS_ARPHRD_TUNNEL6    769
#define SYS_ARPHRD_LOOPBACK   772
#define SYS_ARPHRD_SIT        776
#define SYS_ARPHRD_IPGRE      778
#define SYS_ARPHRD_IEEE80211  801
#define SYS_ARPHRD_NONE       0xfffe

/* Interface flags (IFF_*, net/if.h). */
#define SYS_IFF_UP        0x1
#define SYS_IFF_LOOPBACK  0x8
#define SYS_IFF_RUNNING   0x40
#define SYS_IFF_MULTICAST 0x1000

/* RFC 2863 operational states (IF_OPER_*, linux/if.h). */
#define SYS_IF_OPER_UNKNOWN        0
#define SYS_IF_OPER_NOTPRESENT     1
#define SYS_IF_OPER_DOWN           2
#define SYS_IF_OPER_LOWERLAYERDOWN 3
#define SYS_IF_OPER_TESTING        4
#define SYS_IF_OPER_DORMANT        5
#define SYS_IF_OPER_UP             6

/* Address flags (IFA_F_*, linux/if_addr.h). */
#define SYS_IFA_F_TEMPORARY      0x01
#define SYS_IFA_F_OPTIMISTIC     0x04
#define SYS_IFA_F_DADFAILED      0x08
#define SYS_IFA_F_DEPRECATED     0x20
#define SYS_IFA_F_TENTATIVE      0x40
#define SYS_IFA_F_PERMANENT      0x80
#define SYS_IFA_F_STABLE_PRIVACY 0x800

/* A lifetime that never ends (INFINITY_LIFE_TIME), in seconds. */
#define SYS_IFA_FOREVER 0xffffffffu

struct sys_iflink {
    unsigned index;
    char name[SYS_IF_NAME_MAX];
    unsigned arphrd;
    unsigned flags;     /* SYS_IFF_* */
    unsigned operstate; /* SYS_IF_OPER_* */
    unsigned mtu;
    unsigned char hwaddr[SYS_IF_HWADDR_MAX];
    unsigned hwaddr_len;
    int64_t speed_bps; /* -1 when the driver does not say */
    int ipv6_enabled;
    int wireless;
};

/* family is SYS_AF_INET or SYS_AF_INET6 (sys.h); addresses in network byte order. */
struct sys_ifaddr {
    unsigned index;
    int family;
    unsigned char addr[16];
    unsigned prefixlen;
    unsigned flags; /* SYS_IFA_F_* */
    uint32_t valid_s, preferred_s;
};

/* A default route's next hop, or a multicast group joined, on an interface. */
struct sys_ifpeer {
    unsigned index;
    int family;
    unsigned char addr[16];
};

struct sys_iftable {
    struct sys_iflink *links;
    size_t nlinks;
    struct sys_ifaddr *addrs;
    size_t naddrs;
    struct sys_ifpeer *gateways;
    size_t ngateways;
    struct sys_ifpeer *groups;
    size_t ngroups;
};

/* What sys_iftable_load gathers besides the links. */
#define SYS_IFT_ADDRS    0x1
#define SYS_IFT_GATEWAYS 0x2
#define SYS_IFT_GROUPS   0x4

/* Fills *t (links sorted by index); 0, or -1 with errno.  sys_iftable_free releases it. */
int sys_iftable_load(struct sys_iftable *t, unsigned parts);
void sys_iftable_free(struct sys_iftable *t);

/*
 * The interface Linux would send a packet to addr (family SYS_AF_INET or
 * SYS_AF_INET6, 4 or 16 bytes; scope_id for a link-local IPv6 address, else
 * 0) through: 0 with *index, or -1 with errno (ENETUNREACH: no route).
 */
int sys_if_route(int family, const unsigned char *addr, unsigned scope_id, unsigned *index);

/* The index of the interface named name, or 0 (if_nametoindex). */
unsigned sys_if_index(const char *name);

/* The name of the interface with this index into name; 0, or -1 if there is none. */
int sys_if_name(unsigned index, char name[SYS_IF_NAME_MAX]);

/* /etc/resolv.conf: name servers, and the first search domain (or the domain). */
#define SYS_RESOLV_MAX_SERVERS 8
struct sys_resolv {
    struct {
        int family;
        unsigned char addr[16];
        unsigned scope_id;
    } servers[SYS_RESOLV_MAX_SERVERS];
    unsigned nservers;
    char domain[256];
};

/* Fills *r; a missing file gives no servers and no domain.  Never fails. */
void sys_resolv_load(struct sys_resolv *r);

/* The host name (uname's nodename) up to the first dot, into buf of size n. */
void sys_host_name(char *buf, size_t n);

#endif
