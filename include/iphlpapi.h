/*
 * ws2posix <iphlpapi.h>: the IP Helper functions Windows socket programs
 * use to learn the machine's network interfaces — GetAdaptersAddresses,
 * GetAdaptersInfo, GetNetworkParams, GetBestInterface(Ex),
 * GetNumberOfInterfaces — and, through netioapi.h, if_nametoindex and the
 * interface LUID conversions.  The data is Linux's, read when the call is
 * made (src/win32/iphlp_*.c over src/sys/sys_ifaddr.c).
 *
 * What differs from Windows, by necessity: an adapter's AdapterName is its
 * Linux name ("eth0") where Windows has a GUID string, and FriendlyName and
 * Description are that name too; IfIndex is the Linux interface index
 * (neither system renumbers interfaces); DNS servers are those of
 * /etc/resolv.conf, reported on every adapter that is up.
 */
#include "ws2posix/api.h"

#ifndef WS2POSIX_IPHLPAPI_H
#define WS2POSIX_IPHLPAPI_H

#include "ipexport.h"
#include "iptypes.h"
#include "netioapi.h"
#include "ws2tcpip.h"

#ifdef __cplusplus
extern "C" {
#endif

WINBASEAPI ULONG WINAPI GetAdaptersAddresses(ULONG Family, ULONG Flags, PVOID Reserved,
                                             PIP_ADAPTER_ADDRESSES AdapterAddresses,
                                             PULONG SizePointer);
WINBASEAPI ULONG WINAPI GetAdaptersInfo(PIP_ADAPTER_INFO AdapterInfo, PULONG SizePointer);
WINBASEAPI DWORD WINAPI GetNetworkParams(PFIXED_INFO pFixedInfo, PULONG pOutBufLen);
WINBASEAPI DWORD WINAPI GetBestInterface(IPAddr dwDestAddr, PDWORD pdwBestIfIndex);
WINBASEAPI DWORD WINAPI GetBestInterfaceEx(struct sockaddr *pDestAddr, PDWORD pdwBestIfIndex);
WINBASEAPI DWORD WINAPI GetNumberOfInterfaces(PDWORD pdwNumIf);
WINBASEAPI DWORD WINAPI GetFriendlyIfIndex(DWORD IfIndex);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_IPHLPAPI_H */
