/*
 * Socket addresses.  Windows' sockaddr_in and sockaddr_in6 have Linux's
 * layout; only the family number of IPv6 differs (23 against 10).
 */
#include <string.h>

#include "providers/base/base.h"
#include "sys/sys.h"
#include "sys/usermem.h"

int base_family_to_linux(int family)
{
    return family == AF_INET6 ? SYS_AF_INET6 : family == AF_INET ? SYS_AF_INET : -1;
}

int base_sockaddr_size(int family)
{
    return family == AF_INET6 ? (int)sizeof(struct sockaddr_in6) : (int)sizeof(struct sockaddr_in);
}

/*
 * Returns 0, WSAEFAULT (no address, or too short for its family) or
 * WSAEAFNOSUPPORT (a family the socket does not have).
 */
int base_sockaddr_to_linux(const struct sockaddr *name, int namelen, int family, void *out,
                           uint32_t *outlen)
{
    if (!name || namelen < (int)sizeof(struct sockaddr))
        return WSAEFAULT;
    /* Read below: as much of namelen as the family uses (the kernel vouches for it first). */
    int reads = base_sockaddr_size(AF_INET6);
    if (!sys_user_readable(name, (size_t)(namelen < reads ? namelen : reads)))
        return WSAEFAULT;
    if (name->sa_family != family)
        return WSAEAFNOSUPPORT;
    int size = base_sockaddr_size(family);
    if (namelen < size)
        return WSAEFAULT;
    memcpy(out, name, size);
    unsigned short linux_family = (unsigned short)base_family_to_linux(family);
    memcpy(out, &linux_family, sizeof(linux_family));
    *outlen = (uint32_t)size;
    return 0;
}

/* Returns 0, or WSAEFAULT when the caller's buffer is missing or too small. */
int base_sockaddr_from_linux(const void *in, uint32_t inlen, struct sockaddr *name, LPINT namelen)
{
    unsigned short linux_family;
    memcpy(&linux_family, in, sizeof(linux_family));
    int family = linux_family == SYS_AF_INET6 ? AF_INET6 : AF_INET;
    int size = base_sockaddr_size(family);
    /* Both are written below: one question to the kernel for the two (usermem.h). */
    struct sys_user_span spans[] = {{namelen, sizeof(*namelen), true}, {name, (size_t)size, true}};
    if (!name || !namelen || !sys_user_check(spans, 2) || *namelen < size)
        return WSAEFAULT;
    memset(name, 0, size);
    memcpy(name, in, inlen < (uint32_t)size ? inlen : (uint32_t)size);
    name->sa_family = (ADDRESS_FAMILY)family;
    *namelen = size;
    return 0;
}
