/*
 * GetComputerName(Ex): the Windows names of this machine, made from its
 * Linux host name.  Windows keeps a NetBIOS name (upper case, at most
 * MAX_COMPUTERNAME_LENGTH characters) beside the DNS host name and domain;
 * Linux has one host name, so the others are derived from it as
 * sysinfoapi.h says.
 */
#include <windows.h>

#include <limits.h>
#include <stdio.h>
#include <stdbool.h>
#include <sys/utsname.h>

#include "sys/usermem.h"
#include "ws2_32/addrtext.h"

/* The name of that kind into out (NUL-terminated); false for a kind that does not exist. */
static bool computername__text(COMPUTER_NAME_FORMAT type, char *out, size_t outlen)
{
    /*
     * uname's node name is the host name gethostname returns; it is read
     * this way because winsock2.h (through addrtext.h) renames gethostname
     * to Winsock's, which needs WSAStartup.
     */
    struct utsname uts;
    char host[HOST_NAME_MAX + 1];
    snprintf(host, sizeof(host), "%s", uname(&uts) == 0 ? uts.nodename : "localhost");
    char *dot = strchr(host, '.');
    size_t label = dot ? (size_t)(dot - host) : strlen(host);

    switch (type) {
    case ComputerNameNetBIOS:
    case ComputerNamePhysicalNetBIOS:
        /* NetBIOS names are upper case and at most 15 characters (MAX_COMPUTERNAME_LENGTH). */
        if (label > MAX_COMPUTERNAME_LENGTH)
            label = MAX_COMPUTERNAME_LENGTH;
        for (size_t i = 0; i < label; i++)
            out[i] = (char)toupper((unsigned char)host[i]);
        out[label] = '\0';
        return true;
    case ComputerNameDnsHostname:
    case ComputerNamePhysicalDnsHostname:
        memcpy(out, host, label);
        out[label] = '\0';
        return true;
    case ComputerNameDnsDomain:
    case ComputerNamePhysicalDnsDomain:
        snprintf(out, outlen, "%s", dot ? dot + 1 : "");
        return true;
    case ComputerNameDnsFullyQualified:
    case ComputerNamePhysicalDnsFullyQualified: snprintf(out, outlen, "%s", host); return true;
    default: return false;
    }
}

/*
 * The size rules both calls share: *nSize in, the buffer's size in
 * characters; too small (or no buffer) sets *nSize to the size needed with
 * the NUL and fails with overflow_error; otherwise the name is copied and
 * *nSize is its length.  wide selects the character size of lpBuffer.
 */
static BOOL computername__copy(COMPUTER_NAME_FORMAT type, void *lpBuffer, LPDWORD nSize, bool wide,
                               DWORD overflow_error)
{
    if (!nSize || !sys_user_writable(nSize, sizeof(*nSize))) {
        SetLastError(nSize ? ERROR_NOACCESS : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    char name[HOST_NAME_MAX + 1];
    if (!computername__text(type, name, sizeof(name))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    size_t len = wide ? ws2_wide_length(name) : strlen(name);
    if (!lpBuffer || *nSize < len + 1) {
        *nSize = (DWORD)(len + 1);
        SetLastError(overflow_error);
        return FALSE;
    }
    size_t unit = wide ? sizeof(WCHAR) : 1;
    if (!sys_user_writable(lpBuffer, (len + 1) * unit)) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    if (wide)
        ws2_wide_copy(name, (WCHAR *)lpBuffer);
    else
        memcpy(lpBuffer, name, len + 1);
    *nSize = (DWORD)len;
    return TRUE;
}

BOOL WINAPI GetComputerNameA(LPSTR lpBuffer, LPDWORD nSize)
{
    return computername__copy(ComputerNameNetBIOS, lpBuffer, nSize, false, ERROR_BUFFER_OVERFLOW);
}

BOOL WINAPI GetComputerNameW(LPWSTR lpBuffer, LPDWORD nSize)
{
    return computername__copy(ComputerNameNetBIOS, lpBuffer, nSize, true, ERROR_BUFFER_OVERFLOW);
}

BOOL WINAPI GetComputerNameExA(COMPUTER_NAME_FORMAT NameType, LPSTR lpBuffer, LPDWORD nSize)
{
    return computername__copy(NameType, lpBuffer, nSize, false, ERROR_MORE_DATA);
}

BOOL WINAPI GetComputerNameExW(COMPUTER_NAME_FORMAT NameType, LPWSTR lpBuffer, LPDWORD nSize)
{
    return computername__copy(NameType, lpBuffer, nSize, true, ERROR_MORE_DATA);
}
