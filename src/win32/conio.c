/*
 * <conio.h>: keys from the terminal without line buffering or echo.
 *
 * Windows' console hands _getch each key as it is pressed.  A Linux terminal
 * is line-buffered and echoes until told otherwise, so each call switches
 * standard input to non-canonical mode without echo for the read alone and
 * restores the settings it found, so that the program's own stdio reads
 * after it behave as before.  Without a terminal, bytes are read as they
 * come.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include <conio.h>

static int conio__pushed = EOF; /* _ungetch's key */

/* Reads one byte from standard input, raw if it is a terminal. */
static int conio__read(int echo)
{
    if (conio__pushed != EOF) {
        int c = conio__pushed;
        conio__pushed = EOF;
        return c;
    }
    struct termios saved, raw;
    int tty = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        raw = saved;
        raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    unsigned char c;
    ssize_t n;
    do
        n = read(STDIN_FILENO, &c, 1);
    while (n < 0 && errno == EINTR);
    if (tty)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (n != 1)
        return EOF;
    if (echo)
        _putch(c);
    return c;
}

int __cdecl _kbhit(void)
{
    if (conio__pushed != EOF)
        return 1;
    struct termios saved, raw;
    int tty = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        /* A key typed without Enter is only readable in non-canonical mode. */
        raw = saved;
        raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    int ready = poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
    if (tty)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    return ready;
}

int __cdecl _getch(void)
{
    return conio__read(0);
}

int __cdecl _getche(void)
{
    return conio__read(1);
}

int __cdecl _ungetch(int ch)
{
    if (ch == EOF || conio__pushed != EOF)
        return EOF;
    conio__pushed = ch & 0xff;
    return conio__pushed;
}

int __cdecl _putch(int ch)
{
    unsigned char c = (unsigned char)ch;
    fflush(stdout); /* keep the order of what stdio has buffered */
    return write(STDOUT_FILENO, &c, 1) == 1 ? c : EOF;
}

int __cdecl _cputs(const char *s)
{
    fflush(stdout);
    size_t len = 0;
    while (s[len])
        len++;
    while (len) {
        ssize_t n = write(STDOUT_FILENO, s, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        s += n;
        len -= (size_t)n;
    }
    return 0;
}
