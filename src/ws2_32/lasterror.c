/* WSAGetLastError and WSASetLastError: the thread's last error, shared with GetLastError. */
#include "ws2_32/ws2.h"

int WSAAPI WSAGetLastError(void)
{
    return (int)GetLastError();
}

void WSAAPI WSASetLastError(int iError)
{
    SetLastError((DWORD)iError);
}
