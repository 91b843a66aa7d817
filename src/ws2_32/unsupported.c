/*
 * Declared means exported: the Winsock functions our headers declare that
 * ws2posix does not offer.  A Windows program that names one still links
 * (a missing export would be a link error, found only when porting), and
 * the call fails at run time the way a Winsock call fails: the return value
 * the documentation gives for failure, and the reason in WSAGetLastError.
 *
 * Each first applies the checks every Winsock call makes before anything
 * else (ws2_enter: WSANOTINITIALISED before WSAStartup or after the final
 * WSACleanup, WSAEINPROGRESS inside a blocking hook or callback), and those
 * that take a socket look it up (WSAENOTSOCK), as the real calls do; the
 * WSC functions, which need no WSAStartup on Windows, skip the first check.
 * Then WSAEOPNOTSUPP ("the attempted operation is not supported for the
 * type of object referenced"), the code Winsock gives for an operation a
 * provider does not implement.  No argument is read or written.
 *
 * README, "What works today": the "Not offered" and "Not yet" rows list
 * them.  A function that gets an implementation leaves this file.
 */
#include "ws2_32/ws2.h"

/* The checks of a call that takes no socket, then WSAEOPNOTSUPP. */
static int unsupported__fail(void)
{
    if (!ws2_enter())
        return SOCKET_ERROR;
    return ws2_fail(WSAEOPNOTSUPP);
}

/* The checks of a call on socket s (WSAENOTSOCK for anything else), then WSAEOPNOTSUPP. */
static int unsupported__fail_socket(SOCKET s)
{
    struct ws2_call call;
    if (!ws2_enter_socket(&call, s))
        return SOCKET_ERROR;
    ws2_leave(&call);
    return ws2_fail(WSAEOPNOTSUPP);
}

/* ---- Window messages ------------------------------------------------------
 * WSAAsyncSelect and the WSAAsyncGetXByY calls post their results to a
 * window, and a Linux process has no windows (WPUPostMessage answers FALSE
 * for the same reason).  Programs use WSAEventSelect, overlapped I/O or
 * getaddrinfo instead, as Microsoft recommends for new code.
 */

int WSAAPI WSAAsyncSelect(SOCKET s, HWND hWnd, u_int wMsg, LONG lEvent)
{
    (void)hWnd, (void)wMsg, (void)lEvent;
    return unsupported__fail_socket(s);
}

/* The WSAAsyncGetXByY calls return 0 instead of a task handle on failure. */
HANDLE WSAAPI WSAAsyncGetHostByName(HWND hWnd, u_int wMsg, const char *name, char *buf, int buflen)
{
    (void)hWnd, (void)wMsg, (void)name, (void)buf, (void)buflen;
    unsupported__fail();
    return NULL;
}

HANDLE WSAAPI WSAAsyncGetHostByAddr(HWND hWnd, u_int wMsg, const char *addr, int len, int type,
                                    char *buf, int buflen)
{
    (void)hWnd, (void)wMsg, (void)addr, (void)len, (void)type, (void)buf, (void)buflen;
    unsupported__fail();
    return NULL;
}

HANDLE WSAAPI WSAAsyncGetServByName(HWND hWnd, u_int wMsg, const char *name, const char *proto,
                                    char *buf, int buflen)
{
    (void)hWnd, (void)wMsg, (void)name, (void)proto, (void)buf, (void)buflen;
    unsupported__fail();
    return NULL;
}

HANDLE WSAAPI WSAAsyncGetServByPort(HWND hWnd, u_int wMsg, int port, const char *proto, char *buf,
                                    int buflen)
{
    (void)hWnd, (void)wMsg, (void)port, (void)proto, (void)buf, (void)buflen;
    unsupported__fail();
    return NULL;
}

HANDLE WSAAPI WSAAsyncGetProtoByName(HWND hWnd, u_int wMsg, const char *name, char *buf, int buflen)
{
    (void)hWnd, (void)wMsg, (void)name, (void)buf, (void)buflen;
    unsupported__fail();
    return NULL;
}

HANDLE WSAAPI WSAAsyncGetProtoByNumber(HWND hWnd, u_int wMsg, int number, char *buf, int buflen)
{
    (void)hWnd, (void)wMsg, (void)number, (void)buf, (void)buflen;
    unsupported__fail();
    return NULL;
}

/*
 * No WSAAsyncGetXByY call ever returned a task handle, so whatever handle
 * the program passes names no task: WSAEINVAL, "the specified asynchronous
 * task handle was invalid" (WSACancelAsyncRequest's documentation).
 */
int WSAAPI WSACancelAsyncRequest(HANDLE hAsyncTaskHandle)
{
    (void)hAsyncTaskHandle;
    if (!ws2_enter())
        return SOCKET_ERROR;
    return ws2_fail(WSAEINVAL);
}

/* ---- Quality of service and multipoint -------------------------------------
 * The base provider's entries have neither XP1_QOS_SUPPORTED nor the
 * multipoint flags, as Microsoft's TCP/IP entries today.
 */

BOOL WSAAPI WSAGetQOSByName(SOCKET s, LPWSABUF lpQOSName, LPQOS lpQOS)
{
    (void)lpQOSName, (void)lpQOS;
    unsupported__fail_socket(s);
    return FALSE;
}

SOCKET WSAAPI WSAJoinLeaf(SOCKET s, const struct sockaddr *name, int namelen, LPWSABUF lpCallerData,
                          LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS, DWORD dwFlags)
{
    (void)name, (void)namelen, (void)lpCallerData, (void)lpCalleeData, (void)lpSQOS;
    (void)lpGQOS, (void)dwFlags;
    unsupported__fail_socket(s);
    return INVALID_SOCKET;
}

/* ---- Registration and name resolution (RnR) --------------------------------
 * The RnR calls reach name-space providers, and ws2posix has none (names
 * resolve through getaddrinfo and friends).
 */

INT WSAAPI WSALookupServiceBeginA(LPWSAQUERYSETA lpqsRestrictions, DWORD dwControlFlags,
                                  LPHANDLE lphLookup)
{
    (void)lpqsRestrictions, (void)dwControlFlags, (void)lphLookup;
    return unsupported__fail();
}

INT WSAAPI WSALookupServiceBeginW(LPWSAQUERYSETW lpqsRestrictions, DWORD dwControlFlags,
                                  LPHANDLE lphLookup)
{
    (void)lpqsRestrictions, (void)dwControlFlags, (void)lphLookup;
    return unsupported__fail();
}

INT WSAAPI WSALookupServiceNextA(HANDLE hLookup, DWORD dwControlFlags, LPDWORD lpdwBufferLength,
                                 LPWSAQUERYSETA lpqsResults)
{
    (void)hLookup, (void)dwControlFlags, (void)lpdwBufferLength, (void)lpqsResults;
    return unsupported__fail();
}

INT WSAAPI WSALookupServiceNextW(HANDLE hLookup, DWORD dwControlFlags, LPDWORD lpdwBufferLength,
                                 LPWSAQUERYSETW lpqsResults)
{
    (void)hLookup, (void)dwControlFlags, (void)lpdwBufferLength, (void)lpqsResults;
    return unsupported__fail();
}

INT WSAAPI WSALookupServiceEnd(HANDLE hLookup)
{
    (void)hLookup;
    return unsupported__fail();
}

INT WSAAPI WSANSPIoctl(HANDLE hLookup, DWORD dwControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
                       LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned,
                       LPWSACOMPLETION lpCompletion)
{
    (void)hLookup, (void)dwControlCode, (void)lpvInBuffer, (void)cbInBuffer, (void)lpvOutBuffer;
    (void)cbOutBuffer, (void)lpcbBytesReturned, (void)lpCompletion;
    return unsupported__fail();
}

INT WSAAPI WSAInstallServiceClassA(LPWSASERVICECLASSINFOA lpServiceClassInfo)
{
    (void)lpServiceClassInfo;
    return unsupported__fail();
}

INT WSAAPI WSAInstallServiceClassW(LPWSASERVICECLASSINFOW lpServiceClassInfo)
{
    (void)lpServiceClassInfo;
    return unsupported__fail();
}

INT WSAAPI WSARemoveServiceClass(LPGUID lpServiceClassId)
{
    (void)lpServiceClassId;
    return unsupported__fail();
}

INT WSAAPI WSAGetServiceClassInfoA(LPGUID lpProviderId, LPGUID lpServiceClassId,
                                   LPDWORD lpdwBufSize, LPWSASERVICECLASSINFOA lpServiceClassInfo)
{
    (void)lpProviderId, (void)lpServiceClassId, (void)lpdwBufSize, (void)lpServiceClassInfo;
    return unsupported__fail();
}

INT WSAAPI WSAGetServiceClassInfoW(LPGUID lpProviderId, LPGUID lpServiceClassId,
                                   LPDWORD lpdwBufSize, LPWSASERVICECLASSINFOW lpServiceClassInfo)
{
    (void)lpProviderId, (void)lpServiceClassId, (void)lpdwBufSize, (void)lpServiceClassInfo;
    return unsupported__fail();
}

INT WSAAPI WSAGetServiceClassNameByClassIdA(LPGUID lpServiceClassId, LPSTR lpszServiceClassName,
                                            LPDWORD lpdwBufferLength)
{
    (void)lpServiceClassId, (void)lpszServiceClassName, (void)lpdwBufferLength;
    return unsupported__fail();
}

INT WSAAPI WSAGetServiceClassNameByClassIdW(LPGUID lpServiceClassId, LPWSTR lpszServiceClassName,
                                            LPDWORD lpdwBufferLength)
{
    (void)lpServiceClassId, (void)lpszServiceClassName, (void)lpdwBufferLength;
    return unsupported__fail();
}

INT WSAAPI WSAEnumNameSpaceProvidersA(LPDWORD lpdwBufferLength, LPWSANAMESPACE_INFOA lpnspBuffer)
{
    (void)lpdwBufferLength, (void)lpnspBuffer;
    return unsupported__fail();
}

INT WSAAPI WSAEnumNameSpaceProvidersW(LPDWORD lpdwBufferLength, LPWSANAMESPACE_INFOW lpnspBuffer)
{
    (void)lpdwBufferLength, (void)lpnspBuffer;
    return unsupported__fail();
}

INT WSAAPI WSAEnumNameSpaceProvidersExA(LPDWORD lpdwBufferLength,
                                        LPWSANAMESPACE_INFOEXA lpnspBuffer)
{
    (void)lpdwBufferLength, (void)lpnspBuffer;
    return unsupported__fail();
}

INT WSAAPI WSAEnumNameSpaceProvidersExW(LPDWORD lpdwBufferLength,
                                        LPWSANAMESPACE_INFOEXW lpnspBuffer)
{
    (void)lpdwBufferLength, (void)lpnspBuffer;
    return unsupported__fail();
}

INT WSAAPI WSASetServiceA(LPWSAQUERYSETA lpqsRegInfo, WSAESETSERVICEOP essoperation,
                          DWORD dwControlFlags)
{
    (void)lpqsRegInfo, (void)essoperation, (void)dwControlFlags;
    return unsupported__fail();
}

INT WSAAPI WSASetServiceW(LPWSAQUERYSETW lpqsRegInfo, WSAESETSERVICEOP essoperation,
                          DWORD dwControlFlags)
{
    (void)lpqsRegInfo, (void)essoperation, (void)dwControlFlags;
    return unsupported__fail();
}

/* ---- Installers' functions for what is not offered --------------------------
 * Like the other WSC functions (wsc.c) they need no WSAStartup; they return
 * SOCKET_ERROR with the reason in WSAGetLastError, as documented.
 */

static int unsupported__fail_wsc(void)
{
    return ws2_fail(WSAEOPNOTSUPP);
}

INT WSPAPI WSCInstallNameSpace(LPWSTR lpszIdentifier, LPWSTR lpszPathName, DWORD dwNameSpace,
                               DWORD dwVersion, LPGUID lpProviderId)
{
    (void)lpszIdentifier, (void)lpszPathName, (void)dwNameSpace, (void)dwVersion;
    (void)lpProviderId;
    return unsupported__fail_wsc();
}

INT WSPAPI WSCUnInstallNameSpace(LPGUID lpProviderId)
{
    (void)lpProviderId;
    return unsupported__fail_wsc();
}

INT WSPAPI WSCEnableNSProvider(LPGUID lpProviderId, BOOL fEnable)
{
    (void)lpProviderId, (void)fEnable;
    return unsupported__fail_wsc();
}

int WSPAPI WSCInstallQOSTemplate(const LPGUID Guid, LPWSABUF QosName, LPQOS Qos)
{
    (void)Guid, (void)QosName, (void)Qos;
    return unsupported__fail_wsc();
}

int WSPAPI WSCRemoveQOSTemplate(const LPGUID Guid, LPWSABUF QosName)
{
    (void)Guid, (void)QosName;
    return unsupported__fail_wsc();
}
