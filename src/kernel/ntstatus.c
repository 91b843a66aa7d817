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
    if ((status & 0xffff0000u) == STATUS_CUSTOM_WSA)
        return (int)(status & 0xffff);
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
