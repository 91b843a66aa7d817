/* ioctlsocket through an unsigned long (winsock2.h explains why). */
#include "sys/usermem.h"
#include "ws2_32/ws2.h"

int WSAAPI ws2posix_ioctlsocket_ulong(SOCKET s, LONG cmd, unsigned long *argp)
{
    /*
     * A pointer we cannot write is passed on as NULL, so that ioctlsocket
     * checks the socket first and then fails with WSAEFAULT, as it does for
     * a bad u_long pointer.
     */
    if (!argp || !sys_user_writable(argp, sizeof(*argp)))
        return (ioctlsocket)(s, cmd, NULL);
    /* Only the low 32 bits are meaningful: Windows' unsigned long has no more. */
    u_long value = (DWORD)cmd & IOC_IN ? (u_long)*argp : 0;
    int r = (ioctlsocket)(s, cmd, &value);
    if (r == 0 && ((DWORD)cmd & IOC_OUT))
        *argp = value;
    return r;
}
