/*
 * ws2posix <conio.h>: the Microsoft C runtime's console keyboard calls that
 * console programs use ("press any key", a key to stop a server loop).
 * Implemented in src/win32/conio.c on the terminal of standard input: a key
 * is read without waiting for Enter and without echo (_getche echoes it),
 * as Windows' console does.  When standard input is not a terminal, they
 * read it as a byte stream: _kbhit reports whether a byte is ready.
 */
#ifndef WS2POSIX_CONIO_H
#define WS2POSIX_CONIO_H

#include "ws2posix/wintypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Nonzero when a key is waiting to be read. */
WINBASEAPI int __cdecl _kbhit(void);
/* The next key, without echo; EOF (-1) at the end of input. */
WINBASEAPI int __cdecl _getch(void);
/* The next key, echoed. */
WINBASEAPI int __cdecl _getche(void);
/* Pushes one key back for the next _getch (EOF when one is already back). */
WINBASEAPI int __cdecl _ungetch(int _Ch);
/* Writes a character or a string to the console (standard output). */
WINBASEAPI int __cdecl _putch(int _Ch);
WINBASEAPI int __cdecl _cputs(const char *_Str);

/* The old names, which the CRT still declares. */
#define kbhit   _kbhit
#define getch   _getch
#define getche  _getche
#define ungetch _ungetch
#define putch   _putch
#define cputs   _cputs

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_CONIO_H */
