/* MSVC's keywords and SAL annotations in C (ws2posix/msvc.h, sal.h). */
#include <stddef.h>

#include <windows.h>
#include <winsock2.h>
#include <sal.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <stdatomic.h>

#include "coexist_msvc_use.h"

int coexist_msvc(void);
int coexist_msvc(void)
{
    return msvc_use();
}
