/*
 * ws2posix: Windows error codes (winerror.h) with the Windows SDK values:
 * the Win32 codes programs compare GetLastError() against, the Winsock codes,
 * and the HRESULT macros.  WSAGetLastError() and GetLastError() read the
 * same per-thread slot, so both families live here.  FormatMessage with
 * FORMAT_MESSAGE_FROM_SYSTEM knows the text of every code defined here
 * (src/win32/errtext.c).
 *
 * The values are plain int constants: on Windows they are `long', which is
 * 32 bits there as int is here, so comparisons and switch labels behave the
 * same.  tests/abi/abi_values.c compares each with mingw-w64's winerror.h.
 */
#ifndef WS2POSIX_WINERROR_H
#define WS2POSIX_WINERROR_H

/* ---- Win32 error codes (GetLastError) ---- */
#define ERROR_SUCCESS                    0
#define NO_ERROR                         0
#define ERROR_INVALID_FUNCTION           1
#define ERROR_FILE_NOT_FOUND             2
#define ERROR_PATH_NOT_FOUND             3
#define ERROR_TOO_MANY_OPEN_FILES        4
#define ERROR_ACCESS_DENIED              5
#define ERROR_INVALID_HANDLE             6
#define ERROR_ARENA_TRASHED              7
#define ERROR_NOT_ENOUGH_MEMORY          8
#define ERROR_INVALID_BLOCK              9
#define ERROR_BAD_ENVIRONMENT            10
#define ERROR_BAD_FORMAT                 11
#define ERROR_INVALID_ACCESS             12
#define ERROR_INVALID_DATA               13
#define ERROR_OUTOFMEMORY                14
#define ERROR_INVALID_DRIVE              15
#define ERROR_CURRENT_DIRECTORY          16
#define ERROR_NOT_SAME_DEVICE            17
#define ERROR_NO_MORE_FILES              18
#define ERROR_WRITE_PROTECT              19
#define ERROR_BAD_UNIT                   20
#define ERROR_NOT_READY                  21
#define ERROR_BAD_COMMAND                22
#define ERROR_CRC                        23
#define ERROR_BAD_LENGTH                 24
#define ERROR_SEEK                       25
#define ERROR_NOT_DOS_DISK               26
#define ERROR_SECTOR_NOT_FOUND           27
#define ERROR_OUT_OF_PAPER               28
#define ERROR_WRITE_FAULT                29
#define ERROR_READ_FAULT                 30
#define ERROR_GEN_FAILURE                31
#define ERROR_SHARING_VIOLATION          32
#define ERROR_LOCK_VIOLATION             33
#define ERROR_WRONG_DISK                 34
#define ERROR_SHARING_BUFFER_EXCEEDED    36
#define ERROR_HANDLE_EOF                 38
#define ERROR_HANDLE_DISK_FULL           39
#define ERROR_NOT_SUPPORTED              50
#define ERROR_REM_NOT_LIST               51
#define ERROR_DUP_NAME                   52
#define ERROR_BAD_NETPATH                53
#define ERROR_NETWORK_BUSY               54
#define ERROR_DEV_NOT_EXIST              55
#define ERROR_TOO_MANY_CMDS              56
#define ERROR_ADAP_HDW_ERR               57
#define ERROR_BAD_NET_RESP               58
#define ERROR_UNEXP_NET_ERR              59
#define ERROR_NETNAME_DELETED            64
#define ERROR_NETWORK_ACCESS_DENIED      65
#define ERROR_BAD_DEV_TYPE               66
#define ERROR_BAD_NET_NAME               67
#define ERROR_FILE_EXISTS                80
#define ERROR_CANNOT_MAKE                82
#define ERROR_OUT_OF_STRUCTURES          84
#define ERROR_ALREADY_ASSIGNED           85
#define ERROR_INVALID_PASSWORD           86
#define ERROR_INVALID_PARAMETER          87
#define ERROR_NET_WRITE_FAULT            88
#define ERROR_NO_PROC_SLOTS              89
#define ERROR_TOO_MANY_SEMAPHORES        100
#define ERROR_SEM_IS_SET                 102
#define ERROR_SEM_OWNER_DIED             105
#define ERROR_SEM_USER_LIMIT             106
#define ERROR_BROKEN_PIPE                109
#define ERROR_OPEN_FAILED                110
#define ERROR_BUFFER_OVERFLOW            111
#define ERROR_DISK_FULL                  112
#define ERROR_NO_MORE_SEARCH_HANDLES     113
#define ERROR_INVALID_TARGET_HANDLE      114
#define ERROR_INVALID_CATEGORY           117
#define ERROR_CALL_NOT_IMPLEMENTED       120
#define ERROR_SEM_TIMEOUT                121
#define ERROR_INSUFFICIENT_BUFFER        122
#define ERROR_INVALID_NAME               123
#define ERROR_INVALID_LEVEL              124
#define ERROR_MOD_NOT_FOUND              126
#define ERROR_PROC_NOT_FOUND             127
#define ERROR_WAIT_NO_CHILDREN           128
#define ERROR_CHILD_NOT_COMPLETE         129
#define ERROR_DIRECT_ACCESS_HANDLE       130
#define ERROR_NEGATIVE_SEEK              131
#define ERROR_SEEK_ON_DEVICE             132
#define ERROR_BUSY_DRIVE                 142
#define ERROR_DIR_NOT_EMPTY              145
#define ERROR_PATH_BUSY                  148
#define ERROR_SYSTEM_TRACE               150
#define ERROR_INVALID_EVENT_COUNT        151
#define ERROR_INVALID_LIST_FORMAT        153
#define ERROR_SIGNAL_REFUSED             156
#define ERROR_DISCARDED                  157
#define ERROR_NOT_LOCKED                 158
#define ERROR_BAD_THREADID_ADDR          159
#define ERROR_BAD_ARGUMENTS              160
#define ERROR_BAD_PATHNAME               161
#define ERROR_SIGNAL_PENDING             162
#define ERROR_MAX_THRDS_REACHED          164
#define ERROR_LOCK_FAILED                167
#define ERROR_BUSY                       170
#define ERROR_CANCEL_VIOLATION           173
#define ERROR_ATOMIC_LOCKS_NOT_SUPPORTED 174
#define ERROR_INVALID_SEGMENT_NUMBER     180
#define ERROR_INVALID_ORDINAL            182
#define ERROR_ALREADY_EXISTS             183
#define ERROR_INVALID_FLAG_NUMBER        186
#define ERROR_SEM_NOT_FOUND              187
#define ERROR_BAD_EXE_FORMAT             193
#define ERROR_ENVVAR_NOT_FOUND           203
#define ERROR_NO_SIGNAL_SENT             205
#define ERROR_FILENAME_EXCED_RANGE       206
#define ERROR_META_EXPANSION_TOO_LONG    208
#define ERROR_LOCKED                     212
#define ERROR_TOO_MANY_MODULES           214
#define ERROR_EXE_MACHINE_TYPE_MISMATCH  216
#define ERROR_FILE_CHECKED_OUT           220
#define ERROR_FILE_TOO_LARGE             223
#define ERROR_PIPE_LOCAL                 229
#define ERROR_BAD_PIPE                   230
#define ERROR_PIPE_BUSY                  231
#define ERROR_NO_DATA                    232
#define ERROR_PIPE_NOT_CONNECTED         233
#define ERROR_MORE_DATA                  234
#define ERROR_VC_DISCONNECTED            240
#define ERROR_INVALID_EA_NAME            254
#define WAIT_TIMEOUT                     258
#define ERROR_NO_MORE_ITEMS              259
#define ERROR_CANNOT_COPY                266
#define ERROR_DIRECTORY                  267
#define ERROR_EAS_NOT_SUPPORTED          282
#define ERROR_NOT_OWNER                  288
#define ERROR_TOO_MANY_POSTS             298
#define ERROR_PARTIAL_COPY               299
#define ERROR_OPLOCK_NOT_GRANTED         300
#define ERROR_DELETE_PENDING             303
#define ERROR_MR_MID_NOT_FOUND           317
#define ERROR_INVALID_ADDRESS            487
#define ERROR_ARITHMETIC_OVERFLOW        534
#define ERROR_PIPE_CONNECTED             535
#define ERROR_PIPE_LISTENING             536
#define ERROR_ABANDONED_WAIT_0           735
#define ERROR_USER_APC                   737
#define ERROR_ALERTED                    739
#define ERROR_EA_ACCESS_DENIED           994
#define ERROR_OPERATION_ABORTED          995
#define ERROR_IO_INCOMPLETE              996
#define ERROR_IO_PENDING                 997
#define ERROR_NOACCESS                   998
#define ERROR_STACK_OVERFLOW             1001
#define ERROR_INVALID_MESSAGE            1002
#define ERROR_CAN_NOT_COMPLETE           1003
#define ERROR_INVALID_FLAGS              1004
#define ERROR_UNRECOGNIZED_VOLUME        1005
#define ERROR_NO_TOKEN                   1008
#define ERROR_BADDB                      1009
#define ERROR_CANTOPEN                   1011
#define ERROR_CANTREAD                   1012
#define ERROR_CANTWRITE                  1013
#define ERROR_INVALID_SERVICE_CONTROL    1052
#define ERROR_SERVICE_REQUEST_TIMEOUT    1053
#define ERROR_SERVICE_ALREADY_RUNNING    1056
#define ERROR_SERVICE_DOES_NOT_EXIST     1060
#define ERROR_SERVICE_NOT_ACTIVE         1062
#define ERROR_PROCESS_ABORTED            1067
#define ERROR_NO_UNICODE_TRANSLATION     1113
#define ERROR_DLL_INIT_FAILED            1114
#define ERROR_SHUTDOWN_IN_PROGRESS       1115
#define ERROR_IO_DEVICE                  1117
#define ERROR_NOT_ENOUGH_SERVER_MEMORY   1130
#define ERROR_POSSIBLE_DEADLOCK          1131
#define ERROR_OLD_WIN_VERSION            1150
#define ERROR_NO_ASSOCIATION             1155
#define ERROR_DLL_NOT_FOUND              1157
#define ERROR_NOT_FOUND                  1168
#define ERROR_NO_MATCH                   1169
#define ERROR_SET_NOT_FOUND              1170
#define ERROR_BAD_DEVICE                 1200
#define ERROR_CONNECTION_UNAVAIL         1201
#define ERROR_NO_NET_OR_BAD_PATH         1203
#define ERROR_BAD_PROVIDER               1204
#define ERROR_BAD_PROFILE                1206
#define ERROR_EXTENDED_ERROR             1208
#define ERROR_INVALID_COMPUTERNAME       1210
#define ERROR_INVALID_DOMAINNAME         1212
#define ERROR_INVALID_NETNAME            1214
#define ERROR_NO_NETWORK                 1222
#define ERROR_CANCELLED                  1223
#define ERROR_CONNECTION_REFUSED         1225
#define ERROR_GRACEFUL_DISCONNECT        1226
#define ERROR_ADDRESS_ALREADY_ASSOCIATED 1227
#define ERROR_ADDRESS_NOT_ASSOCIATED     1228
#define ERROR_CONNECTION_INVALID         1229
#define ERROR_CONNECTION_ACTIVE          1230
#define ERROR_NETWORK_UNREACHABLE        1231
#define ERROR_HOST_UNREACHABLE           1232
#define ERROR_PROTOCOL_UNREACHABLE       1233
#define ERROR_PORT_UNREACHABLE           1234
#define ERROR_REQUEST_ABORTED            1235
#define ERROR_CONNECTION_ABORTED         1236
#define ERROR_RETRY                      1237
#define ERROR_CONNECTION_COUNT_LIMIT     1238
#define ERROR_LOGIN_TIME_RESTRICTION     1239
#define ERROR_LOGIN_WKSTA_RESTRICTION    1240
#define ERROR_INCORRECT_ADDRESS          1241
#define ERROR_ALREADY_REGISTERED         1242
#define ERROR_SERVICE_NOT_FOUND          1243
#define ERROR_NOT_AUTHENTICATED          1244
#define ERROR_NOT_LOGGED_ON              1245
#define ERROR_CONTINUE                   1246
#define ERROR_ALREADY_INITIALIZED        1247
#define ERROR_NO_MORE_DEVICES            1248
#define ERROR_HOST_DOWN                  1256
#define ERROR_NOT_ALL_ASSIGNED           1300
#define ERROR_SOME_NOT_MAPPED            1301
#define ERROR_PRIVILEGE_NOT_HELD         1314
#define ERROR_LOGON_FAILURE              1326
#define ERROR_NONE_MAPPED                1332
#define ERROR_INVALID_ACL                1336
#define ERROR_INVALID_SID                1337
#define ERROR_INVALID_SECURITY_DESCR     1338
#define ERROR_INTERNAL_ERROR             1359
#define ERROR_FILE_CORRUPT               1392
#define ERROR_INVALID_WINDOW_HANDLE      1400
#define ERROR_INVALID_THREAD_ID          1444
#define ERROR_NO_SYSTEM_RESOURCES        1450
#define ERROR_NONPAGED_SYSTEM_RESOURCES  1451
#define ERROR_PAGED_SYSTEM_RESOURCES     1452
#define ERROR_WORKING_SET_QUOTA          1453
#define ERROR_PAGEFILE_QUOTA             1454
#define ERROR_COMMITMENT_LIMIT           1455
#define ERROR_TIMEOUT                    1460
#define ERROR_INCORRECT_SIZE             1462
#define ERROR_INVALID_USER_BUFFER        1784
#define ERROR_INVALID_DATATYPE           1804
#define ERROR_RESOURCE_DATA_NOT_FOUND    1812
#define ERROR_RESOURCE_TYPE_NOT_FOUND    1813
#define ERROR_RESOURCE_NAME_NOT_FOUND    1814
#define ERROR_RESOURCE_LANG_NOT_FOUND    1815
#define ERROR_NOT_ENOUGH_QUOTA           1816

/* ---- Winsock error codes (WSAGetLastError) ---- */
#define WSABASEERR             10000
#define WSAEINTR               (WSABASEERR + 4)
#define WSAEBADF               (WSABASEERR + 9)
#define WSAEACCES              (WSABASEERR + 13)
#define WSAEFAULT              (WSABASEERR + 14)
#define WSAEINVAL              (WSABASEERR + 22)
#define WSAEMFILE              (WSABASEERR + 24)
#define WSAEWOULDBLOCK         (WSABASEERR + 35)
#define WSAEINPROGRESS         (WSABASEERR + 36)
#define WSAEALREADY            (WSABASEERR + 37)
#define WSAENOTSOCK            (WSABASEERR + 38)
#define WSAEDESTADDRREQ        (WSABASEERR + 39)
#define WSAEMSGSIZE            (WSABASEERR + 40)
#define WSAEPROTOTYPE          (WSABASEERR + 41)
#define WSAENOPROTOOPT         (WSABASEERR + 42)
#define WSAEPROTONOSUPPORT     (WSABASEERR + 43)
#define WSAESOCKTNOSUPPORT     (WSABASEERR + 44)
#define WSAEOPNOTSUPP          (WSABASEERR + 45)
#define WSAEPFNOSUPPORT        (WSABASEERR + 46)
#define WSAEAFNOSUPPORT        (WSABASEERR + 47)
#define WSAEADDRINUSE          (WSABASEERR + 48)
#define WSAEADDRNOTAVAIL       (WSABASEERR + 49)
#define WSAENETDOWN            (WSABASEERR + 50)
#define WSAENETUNREACH         (WSABASEERR + 51)
#define WSAENETRESET           (WSABASEERR + 52)
#define WSAECONNABORTED        (WSABASEERR + 53)
#define WSAECONNRESET          (WSABASEERR + 54)
#define WSAENOBUFS             (WSABASEERR + 55)
#define WSAEISCONN             (WSABASEERR + 56)
#define WSAENOTCONN            (WSABASEERR + 57)
#define WSAESHUTDOWN           (WSABASEERR + 58)
#define WSAETOOMANYREFS        (WSABASEERR + 59)
#define WSAETIMEDOUT           (WSABASEERR + 60)
#define WSAECONNREFUSED        (WSABASEERR + 61)
#define WSAELOOP               (WSABASEERR + 62)
#define WSAENAMETOOLONG        (WSABASEERR + 63)
#define WSAEHOSTDOWN           (WSABASEERR + 64)
#define WSAEHOSTUNREACH        (WSABASEERR + 65)
#define WSAENOTEMPTY           (WSABASEERR + 66)
#define WSAEPROCLIM            (WSABASEERR + 67)
#define WSAEUSERS              (WSABASEERR + 68)
#define WSAEDQUOT              (WSABASEERR + 69)
#define WSAESTALE              (WSABASEERR + 70)
#define WSAEREMOTE             (WSABASEERR + 71)
#define WSASYSNOTREADY         (WSABASEERR + 91)
#define WSAVERNOTSUPPORTED     (WSABASEERR + 92)
#define WSANOTINITIALISED      (WSABASEERR + 93)
#define WSAEDISCON             (WSABASEERR + 101)
#define WSAENOMORE             (WSABASEERR + 102)
#define WSAECANCELLED          (WSABASEERR + 103)
#define WSAEINVALIDPROCTABLE   (WSABASEERR + 104)
#define WSAEINVALIDPROVIDER    (WSABASEERR + 105)
#define WSAEPROVIDERFAILEDINIT (WSABASEERR + 106)
#define WSASYSCALLFAILURE      (WSABASEERR + 107)
#define WSASERVICE_NOT_FOUND   (WSABASEERR + 108)
#define WSATYPE_NOT_FOUND      (WSABASEERR + 109)
#define WSA_E_NO_MORE          (WSABASEERR + 110)
#define WSA_E_CANCELLED        (WSABASEERR + 111)
#define WSAEREFUSED            (WSABASEERR + 112)
#define WSAHOST_NOT_FOUND      (WSABASEERR + 1001)
#define WSATRY_AGAIN           (WSABASEERR + 1002)
#define WSANO_RECOVERY         (WSABASEERR + 1003)
#define WSANO_DATA             (WSABASEERR + 1004)

#define WSA_QOS_RECEIVERS          (WSABASEERR + 1005)
#define WSA_QOS_SENDERS            (WSABASEERR + 1006)
#define WSA_QOS_NO_SENDERS         (WSABASEERR + 1007)
#define WSA_QOS_NO_RECEIVERS       (WSABASEERR + 1008)
#define WSA_QOS_REQUEST_CONFIRMED  (WSABASEERR + 1009)
#define WSA_QOS_ADMISSION_FAILURE  (WSABASEERR + 1010)
#define WSA_QOS_POLICY_FAILURE     (WSABASEERR + 1011)
#define WSA_QOS_BAD_STYLE          (WSABASEERR + 1012)
#define WSA_QOS_BAD_OBJECT         (WSABASEERR + 1013)
#define WSA_QOS_TRAFFIC_CTRL_ERROR (WSABASEERR + 1014)
#define WSA_QOS_GENERIC_ERROR      (WSABASEERR + 1015)
#define WSA_QOS_ESERVICETYPE       (WSABASEERR + 1016)
#define WSA_QOS_EFLOWSPEC          (WSABASEERR + 1017)
#define WSA_QOS_EPROVSPECBUF       (WSABASEERR + 1018)
#define WSA_QOS_EFILTERSTYLE       (WSABASEERR + 1019)
#define WSA_QOS_EFILTERTYPE        (WSABASEERR + 1020)
#define WSA_QOS_EFILTERCOUNT       (WSABASEERR + 1021)
#define WSA_QOS_EOBJLENGTH         (WSABASEERR + 1022)
#define WSA_QOS_EFLOWCOUNT         (WSABASEERR + 1023)
#define WSA_QOS_EUNKNOWNPSOBJ      (WSABASEERR + 1024)
#define WSA_QOS_EUNKOWNPSOBJ       WSA_QOS_EUNKNOWNPSOBJ /* the SDK's misspelling, kept */
#define WSA_QOS_EPOLICYOBJ         (WSABASEERR + 1025)
#define WSA_QOS_EFLOWDESC          (WSABASEERR + 1026)
#define WSA_QOS_EPSFLOWSPEC        (WSABASEERR + 1027)
#define WSA_QOS_EPSFILTERSPEC      (WSABASEERR + 1028)
#define WSA_QOS_ESDMODEOBJ         (WSABASEERR + 1029)
#define WSA_QOS_ESHAPERATEOBJ      (WSABASEERR + 1030)
#define WSA_QOS_RESERVED_PETYPE    (WSABASEERR + 1031)

/*
 * ---- HRESULT ----
 * A 32-bit value: bit 31 is the severity (1 = failure), bits 16-26 the
 * facility, bits 0-15 the code.  HRESULT_FROM_WIN32 puts a Win32 error code
 * into facility 7 with the failure bit (and leaves 0 and negative values as
 * they are), as the SDK's macro does.
 */
#define SEVERITY_SUCCESS  0
#define SEVERITY_ERROR    1
#define FACILITY_NULL     0
#define FACILITY_RPC      1
#define FACILITY_DISPATCH 2
#define FACILITY_STORAGE  3
#define FACILITY_ITF      4
#define FACILITY_WIN32    7
#define FACILITY_WINDOWS  8

#define SUCCEEDED(hr)        (((HRESULT)(hr)) >= 0)
#define FAILED(hr)           (((HRESULT)(hr)) < 0)
#define IS_ERROR(status)     (((unsigned int)(status)) >> 31 == SEVERITY_ERROR)
#define HRESULT_CODE(hr)     ((hr)&0xFFFF)
#define SCODE_CODE(sc)       ((sc)&0xFFFF)
#define HRESULT_FACILITY(hr) (((hr) >> 16) & 0x1fff)
#define SCODE_FACILITY(sc)   (((sc) >> 16) & 0x1fff)
#define HRESULT_SEVERITY(hr) (((hr) >> 31) & 0x1)
#define SCODE_SEVERITY(sc)   (((sc) >> 31) & 0x1)
#define MAKE_HRESULT(sev, fac, code)                                                               \
    ((HRESULT)(((unsigned int)(sev) << 31) | ((unsigned int)(fac) << 16) | ((unsigned int)(code))))
#define HRESULT_FROM_WIN32(x)                                                                      \
    ((HRESULT)(x) <= 0 ? ((HRESULT)(x))                                                            \
                       : ((HRESULT)(((x)&0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000)))

#define _HRESULT_TYPEDEF_(sc) ((HRESULT)(sc))
#define S_OK                  ((HRESULT)0x00000000)
#define S_FALSE               ((HRESULT)0x00000001)
#define NOERROR               0
#define E_UNEXPECTED          _HRESULT_TYPEDEF_(0x8000FFFF)
#define E_NOTIMPL             _HRESULT_TYPEDEF_(0x80004001)
#define E_OUTOFMEMORY         _HRESULT_TYPEDEF_(0x8007000E)
#define E_INVALIDARG          _HRESULT_TYPEDEF_(0x80070057)
#define E_NOINTERFACE         _HRESULT_TYPEDEF_(0x80004002)
#define E_POINTER             _HRESULT_TYPEDEF_(0x80004003)
#define E_HANDLE              _HRESULT_TYPEDEF_(0x80070006)
#define E_ABORT               _HRESULT_TYPEDEF_(0x80004004)
#define E_FAIL                _HRESULT_TYPEDEF_(0x80004005)
#define E_ACCESSDENIED        _HRESULT_TYPEDEF_(0x80070005)
#define E_PENDING             _HRESULT_TYPEDEF_(0x8000000A)

/*
 * The exit code of a process ended by Ctrl-C (winnt.h / ntstatus.h).  On
 * Linux an exit status has 8 bits, so a process that Ctrl-C ends without a
 * handler returning TRUE dies of SIGINT instead (wincon.h).
 */
#if !defined(WIN32_NO_STATUS) && !defined(STATUS_CONTROL_C_EXIT)
#define STATUS_CONTROL_C_EXIT ((DWORD)0xC000013A)
#endif
#define CONTROL_C_EXIT ((DWORD)0xC000013A)

#endif /* WS2POSIX_WINERROR_H */
