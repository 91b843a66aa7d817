/*
 * Interface names, indexes and LUIDs (netioapi.h), the route lookups
 * GetBestInterface and GetBestInterfaceEx, and GetNumberOfInterfaces.
 *
 * An interface's index is Linux's ifindex, its name Linux's name, and its
 * LUID the pair (IF_TYPE, index): Windows' LUID index counts interfaces of
 * one type, ours is the ifindex itself, which is just as unique.
 */
#include <stdlib.h>
#include <string.h>

#include "sys/sys.h"
#include "sys/usermem.h"
#include "win32/iphlp.h"
#include "ws2_32/addrtext.h"

NET_IFINDEX WINAPI if_nametoindex(PCSTR InterfaceName)
{
    if (!InterfaceName || !sys_user_string(InterfaceName, 1, NULL))
        return 0;
    return sys_if_index(InterfaceName);
}

/*
 * "The size in bytes of the buffer pointed to by this parameter must be
 * equal to or greater than IF_NAMESIZE"; NULL when there is no such
 * interface.  Linux's names are shorter than IF_NAMESIZE, so only the name
 * is written.
 */
PCHAR WINAPI if_indextoname(NET_IFINDEX InterfaceIndex, PCHAR InterfaceName)
{
    char name[SYS_IF_NAME_MAX];
    if (!InterfaceName || sys_if_name(InterfaceIndex, name) < 0)
        return NULL;
    size_t n = strlen(name) + 1;
    if (!sys_user_writable(InterfaceName, n))
        return NULL;
    memcpy(InterfaceName, name, n);
    return InterfaceName;
}

/* The links of the machine, for the LUID conversions; false if they cannot be read. */
static bool index__links(struct sys_iftable *t)
{
    return sys_iftable_load(t, 0) == 0;
}

/* The link a LUID names, in t (loaded), or NULL. */
static const struct sys_iflink *index__by_luid(const struct sys_iftable *t, const NET_LUID *luid)
{
    const struct sys_iflink *k = iphlp_link(t, (unsigned)luid->Info.NetLuidIndex);
    if (!k || luid->Info.Reserved != 0 || luid->Info.IfType != iphlp_if_type(k))
        return NULL;
    return k;
}

/*
 * ConvertInterfaceIndexToLuid: ERROR_INVALID_PARAMETER "if the InterfaceLuid
 * parameter was NULL or if the InterfaceIndex parameter was invalid" (0,
 * NET_IFINDEX_UNSPECIFIED), ERROR_FILE_NOT_FOUND when the index is not an
 * interface's; "Any nonzero return value indicates failure and a NULL is
 * returned in the InterfaceLuid parameter".
 */
NETIO_STATUS WINAPI ConvertInterfaceIndexToLuid(NET_IFINDEX InterfaceIndex, PNET_LUID InterfaceLuid)
{
    if (!InterfaceLuid || !sys_user_writable(InterfaceLuid, sizeof(*InterfaceLuid)))
        return ERROR_INVALID_PARAMETER;
    InterfaceLuid->Value = 0;
    if (InterfaceIndex == NET_IFINDEX_UNSPECIFIED)
        return ERROR_INVALID_PARAMETER;
    struct sys_iftable t;
    if (!index__links(&t))
        return ERROR_NOT_ENOUGH_MEMORY;
    const struct sys_iflink *k = iphlp_link(&t, InterfaceIndex);
    NETIO_STATUS r = ERROR_FILE_NOT_FOUND;
    if (k) {
        *InterfaceLuid = iphlp_luid(k);
        r = NO_ERROR;
    }
    sys_iftable_free(&t);
    return r;
}

NETIO_STATUS WINAPI ConvertInterfaceLuidToIndex(const NET_LUID *InterfaceLuid,
                                                PNET_IFINDEX InterfaceIndex)
{
    if (!InterfaceLuid || !InterfaceIndex ||
        !sys_user_readable(InterfaceLuid, sizeof(*InterfaceLuid)) ||
        !sys_user_writable(InterfaceIndex, sizeof(*InterfaceIndex)))
        return ERROR_INVALID_PARAMETER;
    struct sys_iftable t;
    if (!index__links(&t))
        return ERROR_NOT_ENOUGH_MEMORY;
    const struct sys_iflink *k = index__by_luid(&t, InterfaceLuid);
    NETIO_STATUS r = ERROR_FILE_NOT_FOUND;
    if (k) {
        *InterfaceIndex = k->index;
        r = NO_ERROR;
    }
    sys_iftable_free(&t);
    return r;
}

/*
 * The name of the interface a LUID names into *name; ERROR_INVALID_PARAMETER
 * for a NULL argument or a LUID that names no interface ("if the
 * InterfaceLuid parameter was invalid").
 */
static NETIO_STATUS index__luid_name(const NET_LUID *luid, char name[SYS_IF_NAME_MAX])
{
    if (!luid || !sys_user_readable(luid, sizeof(*luid)))
        return ERROR_INVALID_PARAMETER;
    struct sys_iftable t;
    if (!index__links(&t))
        return ERROR_NOT_ENOUGH_MEMORY;
    const struct sys_iflink *k = index__by_luid(&t, luid);
    if (k)
        memcpy(name, k->name, SYS_IF_NAME_MAX);
    sys_iftable_free(&t);
    return k ? NO_ERROR : ERROR_INVALID_PARAMETER;
}

/* ERROR_NOT_ENOUGH_MEMORY: "the size of the character buffer ... was not large enough". */
NETIO_STATUS WINAPI ConvertInterfaceLuidToNameA(const NET_LUID *InterfaceLuid, PSTR InterfaceName,
                                                SIZE_T Length)
{
    char name[SYS_IF_NAME_MAX];
    if (!InterfaceName)
        return ERROR_INVALID_PARAMETER;
    NETIO_STATUS r = index__luid_name(InterfaceLuid, name);
    if (r != NO_ERROR)
        return r;
    size_t n = strlen(name) + 1;
    if (Length < n)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!sys_user_writable(InterfaceName, n))
        return ERROR_INVALID_PARAMETER;
    memcpy(InterfaceName, name, n);
    return NO_ERROR;
}

/* Length in characters, as for every W string of this API. */
NETIO_STATUS WINAPI ConvertInterfaceLuidToNameW(const NET_LUID *InterfaceLuid, PWSTR InterfaceName,
                                                SIZE_T Length)
{
    char name[SYS_IF_NAME_MAX];
    if (!InterfaceName)
        return ERROR_INVALID_PARAMETER;
    NETIO_STATUS r = index__luid_name(InterfaceLuid, name);
    if (r != NO_ERROR)
        return r;
    size_t n = ws2_wide_length(name) + 1;
    if (Length < n)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!sys_user_writable(InterfaceName, n * sizeof(WCHAR)))
        return ERROR_INVALID_PARAMETER;
    ws2_wide_copy(name, InterfaceName);
    return NO_ERROR;
}

/* ERROR_INVALID_NAME when no interface has that name. */
NETIO_STATUS WINAPI ConvertInterfaceNameToLuidA(const CHAR *InterfaceName, NET_LUID *InterfaceLuid)
{
    if (!InterfaceName || !InterfaceLuid || !sys_user_string(InterfaceName, 1, NULL) ||
        !sys_user_writable(InterfaceLuid, sizeof(*InterfaceLuid)))
        return ERROR_INVALID_PARAMETER;
    InterfaceLuid->Value = 0;
    unsigned index = sys_if_index(InterfaceName);
    if (!index)
        return ERROR_INVALID_NAME;
    NETIO_STATUS r = ConvertInterfaceIndexToLuid(index, InterfaceLuid);
    return r == ERROR_FILE_NOT_FOUND ? ERROR_INVALID_NAME : r;
}

NETIO_STATUS WINAPI ConvertInterfaceNameToLuidW(const WCHAR *InterfaceName, NET_LUID *InterfaceLuid)
{
    if (!InterfaceName || !sys_user_string(InterfaceName, sizeof(WCHAR), NULL))
        return ERROR_INVALID_PARAMETER;
    char *name = ws2_utf8_from_wide(InterfaceName);
    if (!name)
        return ERROR_NOT_ENOUGH_MEMORY;
    NETIO_STATUS r = ConvertInterfaceNameToLuidA(name, InterfaceLuid);
    free(name);
    return r;
}

/* A mask of MaskLength leading one bits, in network byte order; more than 32 is invalid. */
NETIO_STATUS WINAPI ConvertLengthToIpv4Mask(ULONG MaskLength, PULONG Mask)
{
    if (!Mask || !sys_user_writable(Mask, sizeof(*Mask)))
        return ERROR_INVALID_PARAMETER;
    if (MaskLength > 32) {
        *Mask = INADDR_NONE;
        return ERROR_INVALID_PARAMETER;
    }
    *Mask = htonl(MaskLength == 0 ? 0 : 0xffffffffu << (32 - MaskLength));
    return NO_ERROR;
}

/* The length of a contiguous mask (network byte order); any other is invalid. */
NETIO_STATUS WINAPI ConvertIpv4MaskToLength(ULONG Mask, UINT8 *MaskLength)
{
    if (!MaskLength || !sys_user_writable(MaskLength, sizeof(*MaskLength)))
        return ERROR_INVALID_PARAMETER;
    ULONG host = ntohl(Mask);
    UINT8 n = 0;
    while (n < 32 && (host & (0x80000000u >> n)))
        n++;
    if (n < 32 && (host << n) != 0)
        return ERROR_INVALID_PARAMETER;
    *MaskLength = n;
    return NO_ERROR;
}

DWORD WINAPI GetNumberOfInterfaces(PDWORD pdwNumIf)
{
    if (!pdwNumIf || !sys_user_writable(pdwNumIf, sizeof(*pdwNumIf)))
        return ERROR_INVALID_PARAMETER;
    struct sys_iftable t;
    if (!index__links(&t))
        return ERROR_NOT_ENOUGH_MEMORY;
    *pdwNumIf = (DWORD)t.nlinks;
    sys_iftable_free(&t);
    return NO_ERROR;
}

/* "Takes an interface index and returns a backward-compatible interface index": the same here. */
DWORD WINAPI GetFriendlyIfIndex(DWORD IfIndex)
{
    return IfIndex;
}

/*
 * GetBestInterface: ERROR_INVALID_PARAMETER "if a NULL pointer is passed in
 * the pdwBestIfIndex parameter or if the pdwBestIfIndex points to memory
 * that cannot be written"; ERROR_CAN_NOT_COMPLETE, "The operation could not
 * be completed", when there is no route.
 */
DWORD WINAPI GetBestInterface(IPAddr dwDestAddr, PDWORD pdwBestIfIndex)
{
    if (!pdwBestIfIndex || !sys_user_writable(pdwBestIfIndex, sizeof(*pdwBestIfIndex)))
        return ERROR_INVALID_PARAMETER;
    unsigned index;
    if (sys_if_route(SYS_AF_INET, (const unsigned char *)&dwDestAddr, 0, &index) < 0)
        return ERROR_CAN_NOT_COMPLETE;
    *pdwBestIfIndex = index;
    return NO_ERROR;
}

/*
 * GetBestInterfaceEx: also ERROR_INVALID_PARAMETER when "the pDestAddr ...
 * parameters point to memory that cannot be accessed"; an address of
 * another family than AF_INET and AF_INET6 has no route.
 */
DWORD WINAPI GetBestInterfaceEx(struct sockaddr *pDestAddr, PDWORD pdwBestIfIndex)
{
    if (!pDestAddr || !pdwBestIfIndex || !sys_user_readable(pDestAddr, sizeof(ADDRESS_FAMILY)) ||
        !sys_user_writable(pdwBestIfIndex, sizeof(*pdwBestIfIndex)))
        return ERROR_INVALID_PARAMETER;
    ADDRESS_FAMILY family;
    memcpy(&family, pDestAddr, sizeof(family));
    unsigned index;
    int r;
    if (family == AF_INET) {
        SOCKADDR_IN in;
        if (!sys_user_readable(pDestAddr, sizeof(in)))
            return ERROR_INVALID_PARAMETER;
        memcpy(&in, pDestAddr, sizeof(in));
        r = sys_if_route(SYS_AF_INET, (const unsigned char *)&in.sin_addr, 0, &index);
    } else if (family == AF_INET6) {
        SOCKADDR_IN6 in6;
        if (!sys_user_readable(pDestAddr, sizeof(in6)))
            return ERROR_INVALID_PARAMETER;
        memcpy(&in6, pDestAddr, sizeof(in6));
        r = sys_if_route(SYS_AF_INET6, in6.sin6_addr.s6_bytes, in6.sin6_scope_id, &index);
    } else {
        return ERROR_INVALID_PARAMETER;
    }
    if (r < 0)
        return ERROR_CAN_NOT_COMPLETE;
    *pdwBestIfIndex = index;
    return NO_ERROR;
}
