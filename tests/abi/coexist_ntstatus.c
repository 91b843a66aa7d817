/*
 * ntstatus.h with windows.h, both ways a Windows program includes them
 * (headers_coexist.cmake compiles this with -Werror):
 *
 * - the SDK's sequence: WIN32_NO_STATUS around windows.h, then ntstatus.h,
 *   so that the STATUS_ names are defined once, as NTSTATUS values;
 * - (COEXIST_NO_DANCE) ntstatus.h straight after windows.h, which MSVC
 *   compiles with redefinition warnings and we compile quietly.
 *
 * Either way the wait results and exception codes keep their DWORD values,
 * and the Winsock headers still follow.
 */
#ifndef COEXIST_NO_DANCE
#define WIN32_NO_STATUS
#endif
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <winsock2.h>
#include <mswsock.h>
#include <ws2tcpip.h>
#include <windef.h>
#include <wsipx.h>
#include <wsnwlink.h>

_Static_assert(sizeof(NTSTATUS) == 4 && (NTSTATUS)-1 < 0, "NTSTATUS is a signed 32-bit LONG");
_Static_assert(STATUS_PENDING == 0x103 && STATUS_SUCCESS == 0, "STATUS_PENDING");
_Static_assert(STATUS_CANCELLED == (NTSTATUS)0xC0000120, "STATUS_CANCELLED");
_Static_assert(STATUS_BUFFER_TOO_SMALL == (NTSTATUS)0xC0000023, "STATUS_BUFFER_TOO_SMALL");
_Static_assert(STATUS_CONNECTION_RESET == (NTSTATUS)0xC000020D, "STATUS_CONNECTION_RESET");
_Static_assert(STATUS_ACCESS_VIOLATION < 0, "an error status is negative as an NTSTATUS");
_Static_assert(NT_SUCCESS(STATUS_PENDING) && !NT_SUCCESS(STATUS_CANCELLED), "NT_SUCCESS");
_Static_assert(NT_ERROR(STATUS_CANCELLED) && NT_WARNING(STATUS_BUFFER_OVERFLOW), "NT_ERROR");
_Static_assert(WAIT_OBJECT_0 == 0 && WAIT_IO_COMPLETION == 0xC0 && STILL_ACTIVE == 0x103,
               "wait results");
_Static_assert(EXCEPTION_ACCESS_VIOLATION == 0xC0000005u, "exception codes stay DWORD values");

int coexist_ntstatus(OVERLAPPED *ov);
int coexist_ntstatus(OVERLAPPED *ov)
{
    /* What programs write: the status an OVERLAPPED holds, compared with a STATUS_ value. */
    return (NTSTATUS)ov->Internal == STATUS_PENDING || HasOverlappedIoCompleted(ov);
}
