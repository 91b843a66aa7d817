/*
 * Windows' control data (WSAMSG.Control: WSACMSGHDR entries) <-> the
 * neutral items of sys/sys_cmsg.h.
 *
 * Windows' layout is not Linux's: the header is SIZE_T cmsg_len, INT
 * cmsg_level, INT cmsg_type; the data starts at WSA_CMSG_DATA (the header
 * rounded up to 8 bytes) and cmsg_len counts the header and the data
 * without padding (WSA_CMSG_LEN); entries follow each other at
 * WSA_CMSG_SPACE.  Observed on Windows (Wine's conformance tests, run
 * there): a received IP_TTL or IP_TOS is an INT with cmsg_len
 * sizeof(WSACMSGHDR) + sizeof(INT), and WSAMSG.Control.len comes back as
 * the bytes the entries take (sizeof(WSACMSGHDR) + WSA_CMSG_ALIGN(sizeof
 * IN_PKTINFO) for one IP_PKTINFO).  Since Windows 10 1703 the received
 * traffic class of IPv4 is reported as IP_TOS and the hop limit as IP_TTL
 * (earlier versions said IP_TCLASS and IP_HOPLIMIT).
 */
#include <string.h>

#include <mswsock.h>
#include <ws2tcpip.h>

#include "providers/base/msg.h"

/*
 * The Windows type and payload of one item; the payload's length.  ecn: a
 * traffic-class item is reported as its ECN bits (IP_ECN / IPV6_ECN, an INT
 * holding the two low bits, ws2ipdef.h's ECN_* codepoints).
 */
static size_t cmsg__payload(const struct sys_cmsg_item *it, bool ecn, int *level, int *type,
                            unsigned char *out)
{
    INT value = it->value;
    *level = it->v6 ? IPPROTO_IPV6 : IPPROTO_IP;
    switch (it->kind) {
    case SYS_CMSG_PKTINFO:
        *type = it->v6 ? IPV6_PKTINFO : IP_PKTINFO;
        if (it->v6) {
            IN6_PKTINFO pi;
            memset(&pi, 0, sizeof(pi));
            memcpy(&pi.ipi6_addr, it->addr, 16);
            pi.ipi6_ifindex = it->ifindex;
            memcpy(out, &pi, sizeof(pi));
            return sizeof(pi);
        } else {
            IN_PKTINFO pi;
            memset(&pi, 0, sizeof(pi));
            memcpy(&pi.ipi_addr, it->addr, 4);
            pi.ipi_ifindex = it->ifindex;
            memcpy(out, &pi, sizeof(pi));
            return sizeof(pi);
        }
    case SYS_CMSG_TOS:
        if (ecn) {
            *type = it->v6 ? IPV6_ECN : IP_ECN;
            value &= 3;
        } else {
            *type = it->v6 ? IPV6_TCLASS : IP_TOS;
        }
        break;
    default: *type = it->v6 ? IPV6_HOPLIMIT : IP_TTL; break;
    }
    memcpy(out, &value, sizeof(value));
    return sizeof(value);
}

ULONG base_cmsg_write(const struct sys_cmsg *in, char *control, ULONG len, bool *truncated,
                      unsigned tos_kinds)
{
    ULONG used = 0;
    for (unsigned i = 0; i < in->count; i++) {
        /* A traffic-class item may be reported twice: as the byte and as its ECN bits. */
        for (unsigned pass = 0; pass < 2; pass++) {
            bool ecn = pass == 1;
            if (in->item[i].kind == SYS_CMSG_TOS
                    ? !(tos_kinds & (ecn ? BASE_CMSG_ECN : BASE_CMSG_TOS))
                    : ecn)
                continue;
            unsigned char payload[sizeof(IN6_PKTINFO)];
            int level, type;
            size_t n = cmsg__payload(&in->item[i], ecn, &level, &type, payload);
            /* Whole entries only: one that does not fit is left out, and MSG_CTRUNC says so. */
            if (!control || used + WSA_CMSG_LEN(n) > len) {
                *truncated = true;
                continue;
            }
            ULONG space = (ULONG)WSA_CMSG_SPACE(n);
            if (space > len - used)
                space = len - used;
            WSACMSGHDR h = {WSA_CMSG_LEN(n), level, type};
            memset(control + used, 0, space);
            memcpy(control + used, &h, sizeof(h));
            memcpy(control + used + WSA_CMSG_LEN(0), payload, n);
            used += space;
        }
    }
    return used;
}

/*
 * MSG_BCAST and MSG_MCAST, as far as the destination address tells them
 * (it comes with IP_PKTINFO / IPV6_PKTINFO): a multicast group, or the
 * limited broadcast address 255.255.255.255.
 */
DWORD base_cmsg_cast_flags(const struct sys_cmsg *in)
{
    for (unsigned i = 0; i < in->count; i++) {
        const struct sys_cmsg_item *it = &in->item[i];
        if (it->kind != SYS_CMSG_PKTINFO)
            continue;
        const unsigned char *a = it->addr;
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (it->v6 && a[0] == 0xff)
            return MSG_MCAST;
        if (it->v6 && memcmp(a, mapped, 12) != 0)
            return 0;
        const unsigned char *v4 = it->v6 ? a + 12 : a;
        if ((v4[0] & 0xf0) == 0xe0)
            return MSG_MCAST;
        if (v4[0] == 0xff && v4[1] == 0xff && v4[2] == 0xff && v4[3] == 0xff)
            return MSG_BCAST;
    }
    return 0;
}

/* The item for one entry of a WSASendMsg; WSAEINVAL for what Windows would not take. */
static int cmsg__item(int level, int type, const unsigned char *data, size_t n,
                      struct sys_cmsg *out)
{
    struct sys_cmsg_item it;
    memset(&it, 0, sizeof(it));
    it.v6 = level == IPPROTO_IPV6;
    if (level != IPPROTO_IP && level != IPPROTO_IPV6)
        return WSAEINVAL;
    INT value = 0;
    if (type == (it.v6 ? IPV6_PKTINFO : IP_PKTINFO)) {
        if (it.v6) {
            IN6_PKTINFO pi;
            if (n < sizeof(pi))
                return WSAEINVAL;
            memcpy(&pi, data, sizeof(pi));
            memcpy(it.addr, &pi.ipi6_addr, 16);
            it.ifindex = pi.ipi6_ifindex;
        } else {
            IN_PKTINFO pi;
            if (n < sizeof(pi))
                return WSAEINVAL;
            memcpy(&pi, data, sizeof(pi));
            memcpy(it.addr, &pi.ipi_addr, 4);
            it.ifindex = pi.ipi_ifindex;
        }
        it.kind = SYS_CMSG_PKTINFO;
    } else {
        if (n < sizeof(value))
            return WSAEINVAL;
        memcpy(&value, data, sizeof(value));
        if (type == (it.v6 ? IPV6_TCLASS : IP_TOS)) {
            it.kind = SYS_CMSG_TOS;
        } else if (type == (it.v6 ? IPV6_HOPLIMIT : IP_TTL)) {
            it.kind = SYS_CMSG_TTL;
        } else if (type == (it.v6 ? IPV6_ECN : IP_ECN)) {
            /*
             * The ECN codepoint goes in the low two bits of the traffic
             * class, which Linux sets whole: merged with a TOS entry of
             * the same message, alone otherwise.
             */
            if (value < 0 || value > 3)
                return WSAEINVAL;
            for (unsigned i = 0; i < out->count; i++) {
                if (out->item[i].kind == SYS_CMSG_TOS && out->item[i].v6 == it.v6) {
                    out->item[i].value = (out->item[i].value & ~3) | value;
                    return 0;
                }
            }
            it.kind = SYS_CMSG_TOS;
        } else {
            return WSAEINVAL;
        }
        it.value = value;
    }
    for (unsigned i = 0; i < out->count; i++) {
        /* A TOS after an ECN entry keeps the codepoint already given. */
        if (it.kind == SYS_CMSG_TOS && out->item[i].kind == SYS_CMSG_TOS &&
            out->item[i].v6 == it.v6) {
            out->item[i].value = (it.value & ~3) | (out->item[i].value & 3);
            return 0;
        }
    }
    if (out->count >= SYS_CMSG_MAX)
        return WSAEINVAL;
    out->item[out->count++] = it;
    return 0;
}

int base_cmsg_read(const char *control, ULONG len, struct sys_cmsg *out)
{
    memset(out, 0, sizeof(*out));
    ULONG at = 0;
    while (len - at >= sizeof(WSACMSGHDR)) {
        WSACMSGHDR h;
        memcpy(&h, control + at, sizeof(h));
        if (h.cmsg_len < WSA_CMSG_LEN(0) || h.cmsg_len > len - at)
            return WSAEINVAL;
        int error = cmsg__item(h.cmsg_level, h.cmsg_type,
                               (const unsigned char *)control + at + WSA_CMSG_LEN(0),
                               h.cmsg_len - WSA_CMSG_LEN(0), out);
        if (error)
            return error;
        SIZE_T next = WSA_CMSGHDR_ALIGN(h.cmsg_len);
        if (next >= len - at)
            break;
        at += (ULONG)next;
    }
    return 0;
}
