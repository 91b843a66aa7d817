/* Byte order: the network is big-endian, Linux on x86 and Arm little-endian. */
#include "ws2_32/args.h"
#include "ws2_32/ws2.h"

u_long WSAAPI htonl(u_long hostlong)
{
    return __builtin_bswap32(hostlong);
}

u_short WSAAPI htons(u_short hostshort)
{
    return __builtin_bswap16(hostshort);
}

u_long WSAAPI ntohl(u_long netlong)
{
    return __builtin_bswap32(netlong);
}

u_short WSAAPI ntohs(u_short netshort)
{
    return __builtin_bswap16(netshort);
}

/* The WSA forms check their socket and pointer like every socket call. */
static int byteorder__check(SOCKET s, const void *out, size_t size)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    ws2_leave(&call);
    return out && !ws2_args_span(out, size, true) ? 0 : ws2_fail(WSAEFAULT);
}

int WSAAPI WSAHtonl(SOCKET s, u_long hostlong, u_long *lpnetlong)
{
    if (byteorder__check(s, lpnetlong, sizeof(*lpnetlong)))
        return SOCKET_ERROR;
    *lpnetlong = htonl(hostlong);
    return 0;
}

int WSAAPI WSAHtons(SOCKET s, u_short hostshort, u_short *lpnetshort)
{
    if (byteorder__check(s, lpnetshort, sizeof(*lpnetshort)))
        return SOCKET_ERROR;
    *lpnetshort = htons(hostshort);
    return 0;
}

int WSAAPI WSANtohl(SOCKET s, u_long netlong, u_long *lphostlong)
{
    if (byteorder__check(s, lphostlong, sizeof(*lphostlong)))
        return SOCKET_ERROR;
    *lphostlong = ntohl(netlong);
    return 0;
}

int WSAAPI WSANtohs(SOCKET s, u_short netshort, u_short *lphostshort)
{
    if (byteorder__check(s, lphostshort, sizeof(*lphostshort)))
        return SOCKET_ERROR;
    *lphostshort = ntohs(netshort);
    return 0;
}
