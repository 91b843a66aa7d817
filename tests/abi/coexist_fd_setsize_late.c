/*
 * FD_SETSIZE defined after the C library (which defined its own): the
 * program's value wins.  And windows.h before the definition does not stop
 * it either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <ctype.h>

#undef FD_SETSIZE
#define FD_SETSIZE         256
#define COEXIST_FD_SETSIZE 256

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>

#include "coexist_use.h"

int coexist_fd_setsize_late(void);
int coexist_fd_setsize_late(void)
{
    return coexist_use();
}
