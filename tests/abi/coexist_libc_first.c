/* glibc's ISO C headers first (in GNU mode they define fd_set, FD_SETSIZE, select). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
/* POSIX, not ISO C, but Windows code ported to Linux often has it: before
 * the Winsock headers it is fine in every mode (see ws2posix/api.h). */
#include <unistd.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <mswsock.h>
#include <ws2spi.h>

#include "coexist_use.h"

int coexist_libc_first(void);
int coexist_libc_first(void)
{
    return coexist_use();
}
