/*
 * Sockets as file handles (kernel/close_handle.c, kernel/duplicate_handle.c):
 * CloseHandle and DuplicateHandle on a SOCKET reach the socket's provider
 * through here, as closesocket and WSADuplicateSocket do, but as kernel32
 * calls: without the Winsock startup and re-entrancy checks, and leaving the
 * thread's last error alone.
 */
#ifndef WS2_WS2_32_SOCKHANDLE_H
#define WS2_WS2_32_SOCKHANDLE_H

#include <winsock2.h>

/* Closes socket s through its provider's WSPCloseSocket; 0 or the Winsock error. */
int ws2_socket_close_handle(SOCKET s);

/*
 * A second handle for socket s in this process (WSPDuplicateSocket for this
 * process, then WSPSocket with its WSAPROTOCOL_INFO); INVALID_SOCKET with
 * *error (a Winsock error) on failure.
 */
SOCKET ws2_socket_duplicate_handle(SOCKET s, int *error);

#endif
