/*
 * The status an overlapped operation leaves in OVERLAPPED.Internal (an
 * NTSTATUS, as on Windows: HasOverlappedIoCompleted compares it with
 * STATUS_PENDING) and the two error codes it reads back as: the Winsock one
 * (WSAGetOverlappedResult, completion routines) and the Win32 one
 * (GetQueuedCompletionStatus, GetOverlappedResult).  A peer's reset, for
 * instance, is STATUS_CONNECTION_RESET: WSAECONNRESET to Winsock,
 * ERROR_NETNAME_DELETED to GetLastError().
 */
#ifndef WS2_KERNEL_NTSTATUS_H
#define WS2_KERNEL_NTSTATUS_H

#include <windows.h>

#define KSTATUS_SUCCESS   0x00000000u
#define KSTATUS_PENDING   0x00000103u
#define KSTATUS_CANCELLED 0xC0000120u

/* The status for a Winsock error (0 for success). */
DWORD kstatus_from_wsa(int wsa_error);

/* The Winsock error a status reads back as (0 for any success or informational status). */
int kstatus_to_wsa(DWORD status);

/* The Win32 error a status reads back as (0 for any success or informational status). */
DWORD kstatus_to_win32(DWORD status);

#endif
