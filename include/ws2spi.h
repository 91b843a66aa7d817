/*
 * ws2posix <ws2spi.h>: the Winsock 2 Service Provider Interface.
 *
 * ws2_32 loads a transport provider and calls its WSPStartup, handing it the
 * upcall table (WSPUPCALLTABLE: the WPU* services that ws2_32 offers
 * providers) and receiving the provider's procedure table (WSPPROC_TABLE:
 * the 30 WSP* entry points).  Both tables keep the SDK's order, since a
 * provider written for Windows fills them positionally.  Every WSP* call
 * reports failure through its lpErrno argument, not through the thread's
 * last error.
 *
 * Also here: the catalog functions (WSCEnumProtocols, WSCInstallProvider ...)
 * and the name-space provider interface (NSPStartup, NSP_ROUTINE).
 */
#include "ws2posix/api.h"

#ifndef WS2POSIX_WS2SPI_H
#define WS2POSIX_WS2SPI_H

#include "winsock2.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WSPDESCRIPTION_LEN 255

/* A provider's answer to WSPStartup. */
typedef struct WSPData {
    WORD wVersion;
    WORD wHighVersion;
    WCHAR szDescription[WSPDESCRIPTION_LEN + 1];
} WSPDATA, *LPWSPDATA;

#define WSS_OPERATION_IN_PROGRESS 0x00000103L

/* Names the thread that issued an overlapped call, for WPUQueueApc. */
typedef struct _WSATHREADID {
    HANDLE ThreadHandle;
    DWORD_PTR Reserved;
} WSATHREADID, *LPWSATHREADID;

typedef BOOL(CALLBACK *LPBLOCKINGCALLBACK)(DWORD_PTR dwContext);
typedef VOID(CALLBACK *LPWSAUSERAPC)(DWORD_PTR dwContext);

/* The provider's entry points, in WSPPROC_TABLE order. */
typedef SOCKET(WSPAPI *LPWSPACCEPT)(SOCKET s, struct sockaddr *addr, LPINT addrlen,
                                    LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData,
                                    LPINT lpErrno);
typedef INT(WSPAPI *LPWSPADDRESSTOSTRING)(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                          LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                          LPWSTR lpszAddressString, LPDWORD lpdwAddressStringLength,
                                          LPINT lpErrno);
typedef int(WSPAPI *LPWSPASYNCSELECT)(SOCKET s, HWND hWnd, unsigned int wMsg, LONG lEvent,
                                      LPINT lpErrno);
typedef int(WSPAPI *LPWSPBIND)(SOCKET s, const struct sockaddr *name, int namelen, LPINT lpErrno);
typedef int(WSPAPI *LPWSPCANCELBLOCKINGCALL)(LPINT lpErrno);
typedef int(WSPAPI *LPWSPCLEANUP)(LPINT lpErrno);
typedef int(WSPAPI *LPWSPCLOSESOCKET)(SOCKET s, LPINT lpErrno);
typedef int(WSPAPI *LPWSPCONNECT)(SOCKET s, const struct sockaddr *name, int namelen,
                                  LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS,
                                  LPQOS lpGQOS, LPINT lpErrno);
typedef int(WSPAPI *LPWSPDUPLICATESOCKET)(SOCKET s, DWORD dwProcessId,
                                          LPWSAPROTOCOL_INFOW lpProtocolInfo, LPINT lpErrno);
typedef int(WSPAPI *LPWSPENUMNETWORKEVENTS)(SOCKET s, WSAEVENT hEventObject,
                                            LPWSANETWORKEVENTS lpNetworkEvents, LPINT lpErrno);
typedef int(WSPAPI *LPWSPEVENTSELECT)(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents,
                                      LPINT lpErrno);
typedef BOOL(WSPAPI *LPWSPGETOVERLAPPEDRESULT)(SOCKET s, LPWSAOVERLAPPED lpOverlapped,
                                               LPDWORD lpcbTransfer, BOOL fWait, LPDWORD lpdwFlags,
                                               LPINT lpErrno);
typedef int(WSPAPI *LPWSPGETPEERNAME)(SOCKET s, struct sockaddr *name, LPINT namelen,
                                      LPINT lpErrno);
typedef int(WSPAPI *LPWSPGETSOCKNAME)(SOCKET s, struct sockaddr *name, LPINT namelen,
                                      LPINT lpErrno);
typedef int(WSPAPI *LPWSPGETSOCKOPT)(SOCKET s, int level, int optname, char *optval, LPINT optlen,
                                     LPINT lpErrno);
typedef BOOL(WSPAPI *LPWSPGETQOSBYNAME)(SOCKET s, LPWSABUF lpQOSName, LPQOS lpQOS, LPINT lpErrno);
typedef int(WSPAPI *LPWSPIOCTL)(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer,
                                DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer,
                                LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
                                LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                                LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef SOCKET(WSPAPI *LPWSPJOINLEAF)(SOCKET s, const struct sockaddr *name, int namelen,
                                      LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS,
                                      LPQOS lpGQOS, DWORD dwFlags, LPINT lpErrno);
typedef int(WSPAPI *LPWSPLISTEN)(SOCKET s, int backlog, LPINT lpErrno);
typedef int(WSPAPI *LPWSPRECV)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                               LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                               LPWSAOVERLAPPED lpOverlapped,
                               LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                               LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int(WSPAPI *LPWSPRECVDISCONNECT)(SOCKET s, LPWSABUF lpInboundDisconnectData, LPINT lpErrno);
typedef int(WSPAPI *LPWSPRECVFROM)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                   LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
                                   struct sockaddr *lpFrom, LPINT lpFromlen,
                                   LPWSAOVERLAPPED lpOverlapped,
                                   LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                                   LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int(WSPAPI *LPWSPSELECT)(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                                 const TIMEVAL *timeout, LPINT lpErrno);
typedef int(WSPAPI *LPWSPSEND)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                               LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                               LPWSAOVERLAPPED lpOverlapped,
                               LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                               LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int(WSPAPI *LPWSPSENDDISCONNECT)(SOCKET s, LPWSABUF lpOutboundDisconnectData,
                                         LPINT lpErrno);
typedef int(WSPAPI *LPWSPSENDTO)(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
                                 LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                                 const struct sockaddr *lpTo, int iTolen,
                                 LPWSAOVERLAPPED lpOverlapped,
                                 LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                                 LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int(WSPAPI *LPWSPSETSOCKOPT)(SOCKET s, int level, int optname, const char *optval,
                                     int optlen, LPINT lpErrno);
typedef int(WSPAPI *LPWSPSHUTDOWN)(SOCKET s, int how, LPINT lpErrno);
typedef SOCKET(WSPAPI *LPWSPSOCKET)(int af, int type, int protocol,
                                    LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g, DWORD dwFlags,
                                    LPINT lpErrno);
typedef INT(WSPAPI *LPWSPSTRINGTOADDRESS)(LPWSTR AddressString, INT AddressFamily,
                                          LPWSAPROTOCOL_INFOW lpProtocolInfo, LPSOCKADDR lpAddress,
                                          LPINT lpAddressLength, LPINT lpErrno);

/* Filled in by WSPStartup: 30 entries, alphabetical as the SDK has them. */
typedef struct _WSPPROC_TABLE {
    LPWSPACCEPT lpWSPAccept;
    LPWSPADDRESSTOSTRING lpWSPAddressToString;
    LPWSPASYNCSELECT lpWSPAsyncSelect;
    LPWSPBIND lpWSPBind;
    LPWSPCANCELBLOCKINGCALL lpWSPCancelBlockingCall;
    LPWSPCLEANUP lpWSPCleanup;
    LPWSPCLOSESOCKET lpWSPCloseSocket;
    LPWSPCONNECT lpWSPConnect;
    LPWSPDUPLICATESOCKET lpWSPDuplicateSocket;
    LPWSPENUMNETWORKEVENTS lpWSPEnumNetworkEvents;
    LPWSPEVENTSELECT lpWSPEventSelect;
    LPWSPGETOVERLAPPEDRESULT lpWSPGetOverlappedResult;
    LPWSPGETPEERNAME lpWSPGetPeerName;
    LPWSPGETSOCKNAME lpWSPGetSockName;
    LPWSPGETSOCKOPT lpWSPGetSockOpt;
    LPWSPGETQOSBYNAME lpWSPGetQOSByName;
    LPWSPIOCTL lpWSPIoctl;
    LPWSPJOINLEAF lpWSPJoinLeaf;
    LPWSPLISTEN lpWSPListen;
    LPWSPRECV lpWSPRecv;
    LPWSPRECVDISCONNECT lpWSPRecvDisconnect;
    LPWSPRECVFROM lpWSPRecvFrom;
    LPWSPSELECT lpWSPSelect;
    LPWSPSEND lpWSPSend;
    LPWSPSENDDISCONNECT lpWSPSendDisconnect;
    LPWSPSENDTO lpWSPSendTo;
    LPWSPSETSOCKOPT lpWSPSetSockOpt;
    LPWSPSHUTDOWN lpWSPShutdown;
    LPWSPSOCKET lpWSPSocket;
    LPWSPSTRINGTOADDRESS lpWSPStringToAddress;
} WSPPROC_TABLE, *LPWSPPROC_TABLE;

/* ws2_32's services to providers, in WSPUPCALLTABLE order. */
typedef BOOL(WSPAPI *LPWPUCLOSEEVENT)(WSAEVENT hEvent, LPINT lpErrno);
typedef int(WSPAPI *LPWPUCLOSESOCKETHANDLE)(SOCKET s, LPINT lpErrno);
typedef WSAEVENT(WSPAPI *LPWPUCREATEEVENT)(LPINT lpErrno);
typedef SOCKET(WSPAPI *LPWPUCREATESOCKETHANDLE)(DWORD dwCatalogEntryId, DWORD_PTR dwContext,
                                                LPINT lpErrno);
typedef int(WSPAPI *LPWPUFDISSET)(SOCKET s, fd_set *fdset);
typedef int(WSPAPI *LPWPUGETPROVIDERPATH)(LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
                                          LPINT lpProviderDllPathLen, LPINT lpErrno);
typedef SOCKET(WSPAPI *LPWPUMODIFYIFSHANDLE)(DWORD dwCatalogEntryId, SOCKET ProposedHandle,
                                             LPINT lpErrno);
typedef BOOL(WSPAPI *LPWPUPOSTMESSAGE)(HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam);
typedef int(WSPAPI *LPWPUQUERYBLOCKINGCALLBACK)(DWORD dwCatalogEntryId,
                                                LPBLOCKINGCALLBACK *lplpfnCallback,
                                                PDWORD_PTR lpdwContext, LPINT lpErrno);
typedef int(WSPAPI *LPWPUQUERYSOCKETHANDLECONTEXT)(SOCKET s, PDWORD_PTR lpContext, LPINT lpErrno);
typedef int(WSPAPI *LPWPUQUEUEAPC)(LPWSATHREADID lpThreadId, LPWSAUSERAPC lpfnUserApc,
                                   DWORD_PTR dwContext, LPINT lpErrno);
typedef BOOL(WSPAPI *LPWPURESETEVENT)(WSAEVENT hEvent, LPINT lpErrno);
typedef BOOL(WSPAPI *LPWPUSETEVENT)(WSAEVENT hEvent, LPINT lpErrno);
typedef int(WSPAPI *LPWPUOPENCURRENTTHREAD)(LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int(WSPAPI *LPWPUCLOSETHREAD)(LPWSATHREADID lpThreadId, LPINT lpErrno);
/* Not in the table: providers call it as an ordinary ws2_32 export. */
typedef int(WSPAPI *LPWPUCOMPLETEOVERLAPPEDREQUEST)(SOCKET s, LPWSAOVERLAPPED lpOverlapped,
                                                    DWORD dwError, DWORD cbTransferred,
                                                    LPINT lpErrno);

/* Handed to WSPStartup by value: 15 entries. */
typedef struct _WSPUPCALLTABLE {
    LPWPUCLOSEEVENT lpWPUCloseEvent;
    LPWPUCLOSESOCKETHANDLE lpWPUCloseSocketHandle;
    LPWPUCREATEEVENT lpWPUCreateEvent;
    LPWPUCREATESOCKETHANDLE lpWPUCreateSocketHandle;
    LPWPUFDISSET lpWPUFDIsSet;
    LPWPUGETPROVIDERPATH lpWPUGetProviderPath;
    LPWPUMODIFYIFSHANDLE lpWPUModifyIFSHandle;
    LPWPUPOSTMESSAGE lpWPUPostMessage;
    LPWPUQUERYBLOCKINGCALLBACK lpWPUQueryBlockingCallback;
    LPWPUQUERYSOCKETHANDLECONTEXT lpWPUQuerySocketHandleContext;
    LPWPUQUEUEAPC lpWPUQueueApc;
    LPWPURESETEVENT lpWPUResetEvent;
    LPWPUSETEVENT lpWPUSetEvent;
    LPWPUOPENCURRENTTHREAD lpWPUOpenCurrentThread;
    LPWPUCLOSETHREAD lpWPUCloseThread;
} WSPUPCALLTABLE, *LPWSPUPCALLTABLE;

typedef int(WSPAPI *LPWSPSTARTUP)(WORD wVersionRequested, LPWSPDATA lpWSPData,
                                  LPWSAPROTOCOL_INFOW lpProtocolInfo, WSPUPCALLTABLE UpcallTable,
                                  LPWSPPROC_TABLE lpProcTable);

/*
 * Every provider exports WSPStartup under that name, so it has default
 * visibility like the API; ws2_32 finds it with dlsym in the provider's
 * library.
 */
WINSOCK_API_LINKAGE int WSPAPI WSPStartup(WORD wVersionRequested, LPWSPDATA lpWSPData,
                                          LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                          WSPUPCALLTABLE UpcallTable, LPWSPPROC_TABLE lpProcTable);

/* Catalog maintenance. */
typedef int(WSPAPI *LPWSCENUMPROTOCOLS)(LPINT lpiProtocols, LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                                        LPDWORD lpdwBufferLength, LPINT lpErrno);
typedef int(WSPAPI *LPWSCDEINSTALLPROVIDER)(LPGUID lpProviderId, LPINT lpErrno);
typedef int(WSPAPI *LPWSCINSTALLPROVIDER)(LPGUID lpProviderId, const WCHAR *lpszProviderDllPath,
                                          const LPWSAPROTOCOL_INFOW lpProtocolInfoList,
                                          DWORD dwNumberOfEntries, LPINT lpErrno);
typedef int(WSPAPI *LPWSCGETPROVIDERPATH)(LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
                                          LPINT lpProviderDllPathLen, LPINT lpErrno);
typedef int(WSPAPI *LPWSCUPDATEPROVIDER)(LPGUID lpProviderId, const WCHAR *lpszProviderDllPath,
                                         const LPWSAPROTOCOL_INFOW lpProtocolInfoList,
                                         DWORD dwNumberOfEntries, LPINT lpErrno);
typedef int(WSPAPI *LPWSCINSTALLQOSTEMPLATE)(const LPGUID Guid, LPWSABUF QosName, LPQOS Qos);
typedef int(WSPAPI *LPWSCREMOVEQOSTEMPLATE)(const LPGUID Guid, LPWSABUF QosName);

WINSOCK_API_LINKAGE int WSPAPI WSCEnumProtocols(LPINT lpiProtocols,
                                                LPWSAPROTOCOL_INFOW lpProtocolBuffer,
                                                LPDWORD lpdwBufferLength, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WSCDeinstallProvider(LPGUID lpProviderId, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WSCInstallProvider(LPGUID lpProviderId,
                                                  const WCHAR *lpszProviderDllPath,
                                                  const LPWSAPROTOCOL_INFOW lpProtocolInfoList,
                                                  DWORD dwNumberOfEntries, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WSCGetProviderPath(LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
                                                  LPINT lpProviderDllPathLen, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WSCUpdateProvider(LPGUID lpProviderId,
                                                 const WCHAR *lpszProviderDllPath,
                                                 const LPWSAPROTOCOL_INFOW lpProtocolInfoList,
                                                 DWORD dwNumberOfEntries, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WSCInstallQOSTemplate(const LPGUID Guid, LPWSABUF QosName,
                                                     LPQOS Qos);
WINSOCK_API_LINKAGE int WSPAPI WSCRemoveQOSTemplate(const LPGUID Guid, LPWSABUF QosName);

/*
 * The upcalls, as providers reach them through the WSPUPCALLTABLE (only
 * WPUCompleteOverlappedRequest is an export of ws2_32, as on Windows).
 */
WINSOCK_API_LINKAGE BOOL WSPAPI WPUCloseEvent(WSAEVENT hEvent, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WPUCloseSocketHandle(SOCKET s, LPINT lpErrno);
WINSOCK_API_LINKAGE WSAEVENT WSPAPI WPUCreateEvent(LPINT lpErrno);
WINSOCK_API_LINKAGE SOCKET WSPAPI WPUCreateSocketHandle(DWORD dwCatalogEntryId, DWORD_PTR dwContext,
                                                        LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WPUFDIsSet(SOCKET s, fd_set *fdset);
WINSOCK_API_LINKAGE int WSPAPI WPUGetProviderPath(LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
                                                  LPINT lpProviderDllPathLen, LPINT lpErrno);
WINSOCK_API_LINKAGE SOCKET WSPAPI WPUModifyIFSHandle(DWORD dwCatalogEntryId, SOCKET ProposedHandle,
                                                     LPINT lpErrno);
WINSOCK_API_LINKAGE BOOL WSPAPI WPUPostMessage(HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam);
WINSOCK_API_LINKAGE int WSPAPI WPUQueryBlockingCallback(DWORD dwCatalogEntryId,
                                                        LPBLOCKINGCALLBACK *lplpfnCallback,
                                                        PDWORD_PTR lpdwContext, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WPUQuerySocketHandleContext(SOCKET s, PDWORD_PTR lpContext,
                                                           LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WPUQueueApc(LPWSATHREADID lpThreadId, LPWSAUSERAPC lpfnUserApc,
                                           DWORD_PTR dwContext, LPINT lpErrno);
WINSOCK_API_LINKAGE BOOL WSPAPI WPUResetEvent(WSAEVENT hEvent, LPINT lpErrno);
WINSOCK_API_LINKAGE BOOL WSPAPI WPUSetEvent(WSAEVENT hEvent, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WPUOpenCurrentThread(LPWSATHREADID lpThreadId, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WPUCloseThread(LPWSATHREADID lpThreadId, LPINT lpErrno);
WINSOCK_API_LINKAGE int WSPAPI WPUCompleteOverlappedRequest(SOCKET s, LPWSAOVERLAPPED lpOverlapped,
                                                            DWORD dwError, DWORD cbTransferred,
                                                            LPINT lpErrno);

/* Name-space providers (version 1 of the NSP interface). */
typedef INT(WSPAPI *LPWSCINSTALLNAMESPACE)(LPWSTR lpszIdentifier, LPWSTR lpszPathName,
                                           DWORD dwNameSpace, DWORD dwVersion, LPGUID lpProviderId);
typedef INT(WSPAPI *LPWSCUNINSTALLNAMESPACE)(LPGUID lpProviderId);
typedef INT(WSPAPI *LPWSCENABLENSPROVIDER)(LPGUID lpProviderId, BOOL fEnable);

WINSOCK_API_LINKAGE INT WSPAPI WSCInstallNameSpace(LPWSTR lpszIdentifier, LPWSTR lpszPathName,
                                                   DWORD dwNameSpace, DWORD dwVersion,
                                                   LPGUID lpProviderId);
WINSOCK_API_LINKAGE INT WSPAPI WSCUnInstallNameSpace(LPGUID lpProviderId);
WINSOCK_API_LINKAGE INT WSPAPI WSCEnableNSProvider(LPGUID lpProviderId, BOOL fEnable);

#define WSCEnumNameSpaceProviders      WSAEnumNameSpaceProvidersW
#define LPFN_WSCENUMNAMESPACEPROVIDERS LPFN_WSAENUMNAMESPACEPROVIDERSW

typedef INT(WSAAPI *LPNSPCLEANUP)(LPGUID lpProviderId);
typedef INT(WSAAPI *LPNSPLOOKUPSERVICEBEGIN)(LPGUID lpProviderId, LPWSAQUERYSETW lpqsRestrictions,
                                             LPWSASERVICECLASSINFOW lpServiceClassInfo,
                                             DWORD dwControlFlags, LPHANDLE lphLookup);
typedef INT(WSAAPI *LPNSPLOOKUPSERVICENEXT)(HANDLE hLookup, DWORD dwControlFlags,
                                            LPDWORD lpdwBufferLength, LPWSAQUERYSETW lpqsResults);
typedef INT(WSAAPI *LPNSPIOCTL)(HANDLE hLookup, DWORD dwControlCode, LPVOID lpvInBuffer,
                                DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer,
                                LPDWORD lpcbBytesReturned, LPWSACOMPLETION lpCompletion,
                                LPWSATHREADID lpThreadId);
typedef INT(WSAAPI *LPNSPLOOKUPSERVICEEND)(HANDLE hLookup);
typedef INT(WSAAPI *LPNSPSETSERVICE)(LPGUID lpProviderId, LPWSASERVICECLASSINFOW lpServiceClassInfo,
                                     LPWSAQUERYSETW lpqsRegInfo, WSAESETSERVICEOP essOperation,
                                     DWORD dwControlFlags);
typedef INT(WSAAPI *LPNSPINSTALLSERVICECLASS)(LPGUID lpProviderId,
                                              LPWSASERVICECLASSINFOW lpServiceClassInfo);
typedef INT(WSAAPI *LPNSPREMOVESERVICECLASS)(LPGUID lpProviderId, LPGUID lpServiceClassId);
typedef INT(WSAAPI *LPNSPGETSERVICECLASSINFO)(LPGUID lpProviderId, LPDWORD lpdwBufSize,
                                              LPWSASERVICECLASSINFOW lpServiceClassInfo);

typedef struct _NSP_ROUTINE {
    DWORD cbSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    LPNSPCLEANUP NSPCleanup;
    LPNSPLOOKUPSERVICEBEGIN NSPLookupServiceBegin;
    LPNSPLOOKUPSERVICENEXT NSPLookupServiceNext;
    LPNSPLOOKUPSERVICEEND NSPLookupServiceEnd;
    LPNSPSETSERVICE NSPSetService;
    LPNSPINSTALLSERVICECLASS NSPInstallServiceClass;
    LPNSPREMOVESERVICECLASS NSPRemoveServiceClass;
    LPNSPGETSERVICECLASSINFO NSPGetServiceClassInfo;
    LPNSPIOCTL NSPIoctl;
} NSP_ROUTINE, *LPNSP_ROUTINE;

typedef INT(WSAAPI *LPNSPSTARTUP)(LPGUID lpProviderId, LPNSP_ROUTINE lpnspRoutines);

/* Exported by name-space providers, like WSPStartup by transports. */
WINSOCK_API_LINKAGE INT WSAAPI NSPStartup(LPGUID lpProviderId, LPNSP_ROUTINE lpnspRoutines);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_WS2SPI_H */
