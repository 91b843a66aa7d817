/*
 * ws2posix <netioapi.h>: interface names, indexes and LUIDs (if_nametoindex,
 * if_indextoname, ConvertInterface*), as the SDK's netioapi.h declares them
 * for iphlpapi.h users.  NETIO_STATUS is a Win32 error code (NO_ERROR on
 * success), as it is when the SDK's header comes through iphlpapi.h.
 *
 * Interface names are Linux's ("lo", "eth0"): they are what if_nametoindex
 * takes and ConvertInterfaceLuidToName gives, where Windows has names such
 * as "ethernet_32768".  if_nametoindex and if_indextoname have namesakes in
 * libc; they are bound to ws2_<name> (WS2POSIX_SYMBOL in ws2posix/api.h) so
 * that the library never replaces libc's for other code in the process.
 */
#include "ws2posix/api.h"

#ifndef WS2POSIX_NETIOAPI_H
#define WS2POSIX_NETIOAPI_H

#include "ifdef.h"
#include "nldef.h"
#include "ws2def.h"
#include "ws2ipdef.h"
#include "ws2posix/winerror.h" /* the ERROR_* codes these functions return */

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ANY_SIZE
#define ANY_SIZE 1
#endif

#define NETIO_STATUS     DWORD
#define NETIO_SUCCESS(x) ((x) == NO_ERROR)
#define NETIOAPI_API_    WINAPI
#define NETIOAPI_API     NETIO_STATUS NETIOAPI_API_
#define _NETIOAPI_SUCCESS_

/* if_indextoname's buffer: "must be equal to or greater than IF_NAMESIZE" bytes. */
#define NDIS_IF_MAX_STRING_SIZE IF_MAX_STRING_SIZE
#define IF_NAMESIZE             NDIS_IF_MAX_STRING_SIZE

WINBASEAPI NETIO_STATUS WINAPI ConvertInterfaceIndexToLuid(NET_IFINDEX InterfaceIndex,
                                                           PNET_LUID InterfaceLuid);
WINBASEAPI NETIO_STATUS WINAPI ConvertInterfaceLuidToIndex(const NET_LUID *InterfaceLuid,
                                                           PNET_IFINDEX InterfaceIndex);
WINBASEAPI NETIO_STATUS WINAPI ConvertInterfaceLuidToNameA(const NET_LUID *InterfaceLuid,
                                                           PSTR InterfaceName, SIZE_T Length);
WINBASEAPI NETIO_STATUS WINAPI ConvertInterfaceLuidToNameW(const NET_LUID *InterfaceLuid,
                                                           PWSTR InterfaceName, SIZE_T Length);
WINBASEAPI NETIO_STATUS WINAPI ConvertInterfaceNameToLuidA(const CHAR *InterfaceName,
                                                           NET_LUID *InterfaceLuid);
WINBASEAPI NETIO_STATUS WINAPI ConvertInterfaceNameToLuidW(const WCHAR *InterfaceName,
                                                           NET_LUID *InterfaceLuid);
WINBASEAPI NETIO_STATUS WINAPI ConvertLengthToIpv4Mask(ULONG MaskLength, PULONG Mask);
WINBASEAPI NETIO_STATUS WINAPI ConvertIpv4MaskToLength(ULONG Mask, UINT8 *MaskLength);

WINBASEAPI NET_IFINDEX WINAPI if_nametoindex(PCSTR InterfaceName) WS2POSIX_SYMBOL(if_nametoindex);
WINBASEAPI PCHAR WINAPI if_indextoname(NET_IFINDEX InterfaceIndex, PCHAR InterfaceName)
    WS2POSIX_SYMBOL(if_indextoname);

#ifdef UNICODE
#define ConvertInterfaceLuidToName ConvertInterfaceLuidToNameW
#define ConvertInterfaceNameToLuid ConvertInterfaceNameToLuidW
#else
#define ConvertInterfaceLuidToName ConvertInterfaceLuidToNameA
#define ConvertInterfaceNameToLuid ConvertInterfaceNameToLuidA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_NETIOAPI_H */
