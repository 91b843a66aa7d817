/* A program that wants a bigger fd_set defines FD_SETSIZE before everything. */
#define FD_SETSIZE         1024
#define COEXIST_FD_SETSIZE 1024

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ctype.h>

#include "coexist_use.h"

_Static_assert(sizeof(fd_set) == offsetof(fd_set, fd_array) + 1024 * sizeof(SOCKET),
               "FD_SETSIZE defined by the program sizes fd_set");

int coexist_fd_setsize(void);
int coexist_fd_setsize(void)
{
    return coexist_use();
}
