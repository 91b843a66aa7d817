/*
 * ws2posix: Windows error codes (winerror.h) that Winsock programs see, with
 * the Windows SDK values.  WSAGetLastError() and GetLastError() read the same
 * per-thread slot, so both families live here.
 */
#ifndef WS2POSIX_WINERROR_H
#define WS2POSIX_WINERROR_H

#define ERROR_SUCCESS              0
#define NO_ERROR                   0
#define ERROR_INVALID_FUNCTION     1
#define ERROR_FILE_NOT_FOUND       2
#define ERROR_ACCESS_DENIED        5
#define ERROR_INVALID_HANDLE       6
#define ERROR_NOT_ENOUGH_MEMORY    8
#define ERROR_OUTOFMEMORY          14
#define ERROR_GEN_FAILURE          31
#define ERROR_NOT_SUPPORTED        50
#define ERROR_NETNAME_DELETED      64
#define ERROR_INVALID_PARAMETER    87
#define ERROR_CALL_NOT_IMPLEMENTED 120
#define ERROR_INSUFFICIENT_BUFFER  122
#define ERROR_ALREADY_EXISTS       183
#define ERROR_MORE_DATA            234
#define ERROR_ABANDONED_WAIT_0     735
#define ERROR_OPERATION_ABORTED    995
#define ERROR_IO_INCOMPLETE        996
#define ERROR_IO_PENDING           997
#define ERROR_NOACCESS             998
#define ERROR_NOT_FOUND            1168
#define ERROR_CONNECTION_REFUSED   1225
#define ERROR_CONNECTION_ABORTED   1236
#define ERROR_TIMEOUT              1460
#define WAIT_TIMEOUT               258

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

#endif /* WS2POSIX_WINERROR_H */
