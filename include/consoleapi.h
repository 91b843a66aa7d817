/*
 * ws2posix <consoleapi.h>: console input and output: WriteConsole,
 * ReadConsole, GetConsoleMode, SetConsoleMode, the console code pages.
 * The console is the terminal the standard handles name (when they name
 * one); there is no console window to allocate or title.
 */
#ifndef WS2POSIX_CONSOLEAPI_H
#define WS2POSIX_CONSOLEAPI_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Input modes. */
#define ENABLE_PROCESSED_INPUT        0x0001
#define ENABLE_LINE_INPUT             0x0002
#define ENABLE_ECHO_INPUT             0x0004
#define ENABLE_WINDOW_INPUT           0x0008
#define ENABLE_MOUSE_INPUT            0x0010
#define ENABLE_INSERT_MODE            0x0020
#define ENABLE_QUICK_EDIT_MODE        0x0040
#define ENABLE_EXTENDED_FLAGS         0x0080
#define ENABLE_AUTO_POSITION          0x0100
#define ENABLE_VIRTUAL_TERMINAL_INPUT 0x0200

/* Output modes. */
#define ENABLE_PROCESSED_OUTPUT            0x0001
#define ENABLE_WRAP_AT_EOL_OUTPUT          0x0002
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#define DISABLE_NEWLINE_AUTO_RETURN        0x0008
#define ENABLE_LVB_GRID_WORLDWIDE          0x0010

typedef struct _CONSOLE_READCONSOLE_CONTROL {
    ULONG nLength;
    ULONG nInitialChars;
    ULONG dwCtrlWakeupMask;
    ULONG dwControlKeyState;
} CONSOLE_READCONSOLE_CONTROL, *PCONSOLE_READCONSOLE_CONTROL;

WINBASEAPI BOOL WINAPI AllocConsole(void);
WINBASEAPI BOOL WINAPI FreeConsole(void);
WINBASEAPI BOOL WINAPI GetConsoleMode(HANDLE hConsoleHandle, LPDWORD lpMode);
WINBASEAPI BOOL WINAPI SetConsoleMode(HANDLE hConsoleHandle, DWORD dwMode);
WINBASEAPI UINT WINAPI GetConsoleCP(void);
WINBASEAPI UINT WINAPI GetConsoleOutputCP(void);
WINBASEAPI BOOL WINAPI SetConsoleCP(UINT wCodePageID);
WINBASEAPI BOOL WINAPI SetConsoleOutputCP(UINT wCodePageID);
WINBASEAPI BOOL WINAPI WriteConsoleA(HANDLE hConsoleOutput, const VOID *lpBuffer,
                                     DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
                                     LPVOID lpReserved);
WINBASEAPI BOOL WINAPI WriteConsoleW(HANDLE hConsoleOutput, const VOID *lpBuffer,
                                     DWORD nNumberOfCharsToWrite, LPDWORD lpNumberOfCharsWritten,
                                     LPVOID lpReserved);
WINBASEAPI BOOL WINAPI ReadConsoleA(HANDLE hConsoleInput, LPVOID lpBuffer,
                                    DWORD nNumberOfCharsToRead, LPDWORD lpNumberOfCharsRead,
                                    PCONSOLE_READCONSOLE_CONTROL pInputControl);
WINBASEAPI BOOL WINAPI ReadConsoleW(HANDLE hConsoleInput, LPVOID lpBuffer,
                                    DWORD nNumberOfCharsToRead, LPDWORD lpNumberOfCharsRead,
                                    PCONSOLE_READCONSOLE_CONTROL pInputControl);
WINBASEAPI BOOL WINAPI SetConsoleTitleA(LPCSTR lpConsoleTitle);
WINBASEAPI BOOL WINAPI SetConsoleTitleW(LPCWSTR lpConsoleTitle);

#ifdef UNICODE
#define WriteConsole    WriteConsoleW
#define ReadConsole     ReadConsoleW
#define SetConsoleTitle SetConsoleTitleW
#else
#define WriteConsole    WriteConsoleA
#define ReadConsole     ReadConsoleA
#define SetConsoleTitle SetConsoleTitleA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_CONSOLEAPI_H */
