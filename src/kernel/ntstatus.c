/* Overlapped status codes (see ntstatus.h); values from the Windows SDK. */
#include "kernel/ntstatus.h"

#include <stdbool.h>

#include <winsock2.h>

struct status_row {
    int wsa;
    DWORD status;
    DWORD win32;
};

static const struct status_row status__table[] = {
    {WSA_OPERATION_ABORTED, KSTATUS_CANCELLED, ERROR_OPERATION_ABORTED},
    {WSAECONNRESET, 0xC000020Du /* STATUS_CONNECTION_RESET */, ERROR_NETNAME_DELETED},
    {WSAECONNABORTED, 0xC0000241u /* STATUS_CONNECTION_ABORTED */, ERROR_CONNECTION_ABORTED},
    {WSAEMSGSIZE, 0x80000005u /* STATUS_BUFFER_OVERFLOW */, ERROR_MORE_DATA},
    {WSAECONNREFUSED, 0xC0000236u /* STATUS_CONNECTION_REFUSED */, ERROR_CONNECTION_REFUSED},
    {WSAENETUNREACH, 0xC000023Cu /* STATUS_NETWORK_UNREACHABLE */,
     1231 /* ERROR_NETWORK_UNREACHABLE */},
    {WSAEHOSTUNREACH, 0xC000023Du /* STATUS_HOST_UNREACHABLE */, 1232 /* ERROR_HOST_UNREACHABLE */},
    {WSAETIMEDOUT, 0xC00000B5u /* STATUS_IO_TIMEOUT */, 121 /* ERROR_SEM_TIMEOUT */},
    {WSAENOBUFS, 0xC000009Au /* STATUS_INSUFFICIENT_RESOURCES */,
     1450 /* ERROR_NO_SYSTEM_RESOURCES */},
    {WSAEFAULT, 0xC0000005u /* STATUS_ACCESS_VIOLATION */, ERROR_NOACCESS},
    /* After the row above, so that WSAEFAULT still travels as STATUS_ACCESS_VIOLATION. */
    {WSAEFAULT, 0xC0000023u /* STATUS_BUFFER_TOO_SMALL */, ERROR_INSUFFICIENT_BUFFER},
    {WSAEINVAL, 0xC000000Du /* STATUS_INVALID_PARAMETER */, ERROR_INVALID_PARAMETER},
    /*
     * An ioctl the transport does not know, issued overlapped, completes with
     * STATUS_NOT_SUPPORTED: ERROR_NOT_SUPPORTED from the port, WSAEOPNOTSUPP in
     * a completion routine; an output buffer too small for SIO_GET_INTERFACE_LIST
     * with STATUS_BUFFER_TOO_SMALL: ERROR_INSUFFICIENT_BUFFER, WSAEFAULT (after
     * the row above, so that WSAEFAULT itself still travels as an access
     * violation).  Observed on Windows by Wine's ws2_32 tests.
     */
    {WSAEOPNOTSUPP, 0xC00000BBu /* STATUS_NOT_SUPPORTED */, ERROR_NOT_SUPPORTED},
    {WSAEFAULT, 0xC0000023u /* STATUS_BUFFER_TOO_SMALL */, ERROR_INSUFFICIENT_BUFFER},
};

/*
 * Statuses the library itself never stores but a caller may find in (or
 * write to) OVERLAPPED.Internal, and the Winsock error WSAGetOverlappedResult
 * gives for each on Windows (Wine's conformance test_WSAGetOverlappedResult,
 * run on Windows 10 and later).  Only the Winsock direction is listed.
 */
static const struct {
    DWORD status;
    int wsa;
} status__observed[] = {
    {0xC0000002u /* STATUS_NOT_IMPLEMENTED */, WSAEOPNOTSUPP},
    {0xC0000007u /* STATUS_PAGEFILE_QUOTA */, WSAENOBUFS},
    {0xC0000008u /* STATUS_INVALID_HANDLE */, WSAENOTSOCK},
    {0xC000000Eu /* STATUS_NO_SUCH_DEVICE */, WSAENETDOWN},
    {0xC000000Fu /* STATUS_NO_SUCH_FILE */, WSAENETDOWN},
    {0xC0000017u /* STATUS_NO_MEMORY */, WSAENOBUFS},
    {0xC0000018u /* STATUS_CONFLICTING_ADDRESSES */, WSAENOBUFS},
    {0xC0000022u /* STATUS_ACCESS_DENIED */, WSAEACCES},
    {0xC0000023u /* STATUS_BUFFER_TOO_SMALL */, WSAEFAULT},
    {0xC0000024u /* STATUS_OBJECT_TYPE_MISMATCH */, WSAENOTSOCK},
    {0xC0000034u /* STATUS_OBJECT_NAME_NOT_FOUND */, WSAENETDOWN},
    {0xC000003Au /* STATUS_OBJECT_PATH_NOT_FOUND */, WSAENETDOWN},
    {0xC0000043u /* STATUS_SHARING_VIOLATION */, WSAEADDRINUSE},
    {0xC0000044u /* STATUS_QUOTA_EXCEEDED */, WSAENOBUFS},
    {0xC0000097u /* STATUS_TOO_MANY_PAGING_FILES */, WSAENOBUFS},
    {0xC00000A1u /* STATUS_WORKING_SET_QUOTA */, WSAENOBUFS},
    {0xC00000A3u /* STATUS_DEVICE_NOT_READY */, WSAEWOULDBLOCK},
    {0xC00000B0u /* STATUS_PIPE_DISCONNECTED */, WSAESHUTDOWN},
    {0xC00000BBu /* STATUS_NOT_SUPPORTED */, WSAEOPNOTSUPP},
    {0xC00000BCu /* STATUS_REMOTE_NOT_LISTENING */, WSAECONNREFUSED},
    {0xC00000BEu /* STATUS_BAD_NETWORK_PATH */, WSAENETUNREACH},
    {0xC00000BFu /* STATUS_NETWORK_BUSY */, WSAENETDOWN},
    {0xC00000C3u /* STATUS_INVALID_NETWORK_RESPONSE */, WSAENETDOWN},
    {0xC00000C4u /* STATUS_UNEXPECTED_NETWORK_ERROR */, WSAENETDOWN},
    {0xC00000D0u /* STATUS_REQUEST_NOT_ACCEPTED */, WSAEWOULDBLOCK},
    {0xC000012Du /* STATUS_COMMITMENT_LIMIT */, WSAENOBUFS},
    {0xC000013Bu /* STATUS_LOCAL_DISCONNECT */, WSAECONNABORTED},
    {0xC000013Cu /* STATUS_REMOTE_DISCONNECT */, WSAECONNRESET},
    {0xC000013Du /* STATUS_REMOTE_RESOURCES */, WSAENOBUFS},
    {0xC000013Eu /* STATUS_LINK_FAILED */, WSAECONNRESET},
    {0xC000013Fu /* STATUS_LINK_TIMEOUT */, WSAETIMEDOUT},
    {0xC0000140u /* STATUS_INVALID_CONNECTION */, WSAENOTCONN},
    {0xC0000141u /* STATUS_INVALID_ADDRESS */, WSAEADDRNOTAVAIL},
    {0xC0000206u /* STATUS_INVALID_BUFFER_SIZE */, WSAEMSGSIZE},
    {0xC0000207u /* STATUS_INVALID_ADDRESS_COMPONENT */, WSAEADDRNOTAVAIL},
    {0xC0000209u /* STATUS_TOO_MANY_ADDRESSES */, WSAENOBUFS},
    {0xC000020Au /* STATUS_ADDRESS_ALREADY_EXISTS */, WSAEADDRINUSE},
    {0xC000020Cu /* STATUS_CONNECTION_DISCONNECTED */, WSAECONNRESET},
    {0xC000020Fu /* STATUS_TRANSACTION_ABORTED */, WSAECONNABORTED},
    {0xC0000237u /* STATUS_GRACEFUL_DISCONNECT */, WSAEDISCON},
    {0xC000023Bu /* STATUS_CONNECTION_ACTIVE */, WSAEISCONN},
    {0xC000023Eu /* STATUS_PROTOCOL_UNREACHABLE */, WSAENETUNREACH},
    {0xC000023Fu /* STATUS_PORT_UNREACHABLE */, WSAECONNRESET},
    {0xC0000240u /* STATUS_REQUEST_ABORTED */, WSAEINTR},
    {0xC00002C5u /* STATUS_DATATYPE_MISALIGNMENT_ERROR */, WSAEFAULT},
    {0xC0000350u /* STATUS_HOST_DOWN */, WSAEHOSTDOWN},
};

/*
 * Any other Winsock error travels as a customer-defined status that carries
 * the code itself (bit 29 set): Winsock codes are valid Win32 codes too.
 */
#define STATUS_CUSTOM_WSA 0xE0010000u

DWORD kstatus_from_wsa(int wsa_error)
{
    if (wsa_error == 0)
        return KSTATUS_SUCCESS;
    for (size_t i = 0; i < sizeof(status__table) / sizeof(status__table[0]); i++)
        if (status__table[i].wsa == wsa_error)
            return status__table[i].status;
    return STATUS_CUSTOM_WSA | (DWORD)(wsa_error & 0xffff);
}

/*
 * NT_SUCCESS: the two high bits clear (success, 0x0...) or 01
 * (informational, 0x4...).  Windows reports every such status as success
 * — WSAGetOverlappedResult and GetOverlappedResult return TRUE — and only
 * warnings (0x8..., such as STATUS_BUFFER_OVERFLOW: WSAEMSGSIZE,
 * ERROR_MORE_DATA) and errors (0xC...) as failures.  STATUS_PENDING
 * (0x103) is a success status too: it is what a wait that found the event
 * signalled before the operation ended reads back (kernel/overlapped.c).
 */
static bool status__is_success(DWORD status)
{
    return (status & 0x80000000u) == 0;
}

int kstatus_to_wsa(DWORD status)
{
    if (status__is_success(status))
        return 0;
    for (size_t i = 0; i < sizeof(status__table) / sizeof(status__table[0]); i++)
        if (status__table[i].status == status)
            return status__table[i].wsa;
    for (size_t i = 0; i < sizeof(status__observed) / sizeof(status__observed[0]); i++)
        if (status__observed[i].status == status)
            return status__observed[i].wsa;
    if ((status & 0xffff0000u) == STATUS_CUSTOM_WSA)
        return (int)(status & 0xffff);
    /* A Win32 code wrapped as a status (0x8007xxxx, 0xC001xxxx, 0xC007xxxx): Windows gives
     * ERROR_IO_INCOMPLETE back for ERROR_IO_INCOMPLETE. */
    if ((status == (0x80070000u | ERROR_IO_INCOMPLETE)) ||
        status == (0xC0010000u | ERROR_IO_INCOMPLETE) ||
        status == (0xC0070000u | ERROR_IO_INCOMPLETE))
        return ERROR_IO_INCOMPLETE;
    return WSAEINVAL;
}

DWORD kstatus_to_win32(DWORD status)
{
    if (status__is_success(status))
        return 0;
    for (size_t i = 0; i < sizeof(status__table) / sizeof(status__table[0]); i++)
        if (status__table[i].status == status)
            return status__table[i].win32;
    if ((status & 0xffff0000u) == STATUS_CUSTOM_WSA)
        return status & 0xffff;
    return ERROR_INVALID_PARAMETER;
}
