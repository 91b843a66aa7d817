/*
 * Interface names and indexes through the C library's if_nametoindex and
 * if_indextoname (SIOCGIFINDEX / SIOCGIFNAME), for the IP Helper functions
 * of the same names.  See sys_ifaddr.h.
 */
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "sys/sys_ifaddr.h"

unsigned sys_if_index(const char *name)
{
    /* Longer than Linux allows: no such interface (the kernel would truncate it). */
    if (strlen(name) >= IF_NAMESIZE)
        return 0;
    return if_nametoindex(name);
}

int sys_if_name(unsigned index, char name[SYS_IF_NAME_MAX])
{
    char buf[IF_NAMESIZE];
    if (!index || !if_indextoname(index, buf))
        return -1;
    snprintf(name, SYS_IF_NAME_MAX, "%s", buf);
    return 0;
}
