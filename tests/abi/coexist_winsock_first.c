/* The Winsock headers first, glibc's ISO C headers after. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <mswsock.h>
#include <ws2spi.h>

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

#include "coexist_use.h"

int coexist_winsock_first(void);
int coexist_winsock_first(void)
{
    return coexist_use();
}
