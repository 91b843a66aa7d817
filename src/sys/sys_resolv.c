/*
 * The resolver's configuration (/etc/resolv.conf) and the host name, for
 * the IP Helper functions that report DNS servers (GetAdaptersAddresses,
 * GetNetworkParams).  See sys_ifaddr.h.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "sys/sys_ifaddr.h"

/* "nameserver <address>[%<interface>]": IPv4 or IPv6, as glibc's resolver reads it. */
static void resolv__server(struct sys_resolv *r, char *text)
{
    if (r->nservers == SYS_RESOLV_MAX_SERVERS)
        return;
    unsigned scope = 0;
    char *zone = strchr(text, '%');
    if (zone) {
        *zone++ = '\0';
        scope = if_nametoindex(zone);
        if (!scope)
            scope = (unsigned)strtoul(zone, NULL, 10);
    }
    unsigned n = r->nservers;
    if (inet_pton(AF_INET, text, r->servers[n].addr) == 1)
        r->servers[n].family = AF_INET;
    else if (inet_pton(AF_INET6, text, r->servers[n].addr) == 1)
        r->servers[n].family = AF_INET6;
    else
        return;
    r->servers[n].scope_id = r->servers[n].family == AF_INET6 ? scope : 0;
    r->nservers++;
}

void sys_resolv_load(struct sys_resolv *r)
{
    memset(r, 0, sizeof(*r));
    FILE *f = fopen("/etc/resolv.conf", "re");
    if (!f)
        return;
    char line[512], domain[256] = "", search[256] = "";
    while (fgets(line, sizeof(line), f)) {
        char key[32], value[256];
        if (line[0] == '#' || line[0] == ';' || sscanf(line, "%31s %255s", key, value) != 2)
            continue;
        if (strcmp(key, "nameserver") == 0)
            resolv__server(r, value);
        else if (strcmp(key, "domain") == 0)
            snprintf(domain, sizeof(domain), "%s", value);
        else if (strcmp(key, "search") == 0)
            snprintf(search, sizeof(search), "%s", value);
    }
    fclose(f);
    /* The local domain: the first search domain, else the "domain" line. */
    snprintf(r->domain, sizeof(r->domain), "%s", search[0] ? search : domain);
    if (strcmp(r->domain, ".") == 0)
        r->domain[0] = '\0';
}

void sys_host_name(char *buf, size_t n)
{
    struct utsname u;
    if (n == 0)
        return;
    buf[0] = '\0';
    if (uname(&u) < 0)
        return;
    snprintf(buf, n, "%s", u.nodename);
    char *dot = strchr(buf, '.');
    if (dot)
        *dot = '\0';
}
