/*
 * The per-thread last error.  GetLastError and WSAGetLastError read the same
 * slot, as on Windows (ws2_32's WSAGetLastError is GetLastError).
 */
#include <windows.h>
#include "sys/tls.h"

static SYS_TLS DWORD lasterror__value;

DWORD WINAPI GetLastError(void)
{
    return lasterror__value;
}

void WINAPI SetLastError(DWORD dwErrCode)
{
    lasterror__value = dwErrCode;
}
