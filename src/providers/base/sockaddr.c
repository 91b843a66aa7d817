/*
 * Socket addresses.  Windows' sockaddr_in and sockaddr_in6 have Linux's
 * layout; only the family number of IPv6 differs (23 against 10).
 * Windows' SOCKADDR_UN (afunix.h) is Linux's sockaddr_un too: a 2-byte
 * family 1 and a 108-byte path.
 */
#include <string.h>

#include "providers/base/base.h"
#include "sys/sys.h"
#include "sys/usermem.h"

/* The size of SOCKADDR_UN: sun_family and sun_path[UNIX_PATH_MAX]. */
#define SOCKADDR__UN_SIZE (2 + 108)

int base_family_to_linux(int family)
{
    return family == AF_INET6  ? SYS_AF_INET6
           : family == AF_INET ? SYS_AF_INET
           : family == AF_UNIX ? SYS_AF_UNIX
                               : -1;
}

int base_sockaddr_size(int family)
{
    return family == AF_INET6  ? (int)sizeof(struct sockaddr_in6)
           : family == AF_UNIX ? SOCKADDR__UN_SIZE
                               : (int)sizeof(struct sockaddr_in);
}

/*
 * An AF_UNIX address for Linux.  Windows takes any length from the family
 * on (Wine's test_afunix, run on Windows: a length of 2, the family alone,
 * binds and listens; 3 binds the one-character path; 0 is WSAEFAULT), and
 * so does Linux, whose sockaddr_un is laid out as Windows' is.  A path
 * that starts with a NUL byte names Linux's abstract namespace: Windows
 * accepts those addresses too (its afunix developers said so when .NET
 * added Unix domain endpoints), so they are passed on as they are.
 */
static int sockaddr__unix_to_linux(const struct sockaddr *name, int namelen, void *out,
                                   uint32_t *outlen)
{
    if (!name || namelen < (int)sizeof(ADDRESS_FAMILY))
        return WSAEFAULT;
    int size = namelen < SOCKADDR__UN_SIZE ? namelen : SOCKADDR__UN_SIZE;
    if (!sys_user_readable(name, (size_t)size))
        return WSAEFAULT;
    if (name->sa_family != AF_UNIX)
        return WSAEAFNOSUPPORT;
    memcpy(out, name, (size_t)size);
    unsigned short linux_family = SYS_AF_UNIX;
    memcpy(out, &linux_family, sizeof(linux_family));
    *outlen = (uint32_t)size;
    return 0;
}

/*
 * An AF_UNIX address from Linux, in the caller's SOCKADDR_UN (which must
 * hold all of it, as for the other families).  The rest of the path is
 * zeroed.  Windows reports a named socket with its name's length (family,
 * path and its NUL: Linux's length), and a socket without a name (an
 * unbound client, the peer of an accepted connection) as a whole, zeroed
 * SOCKADDR_UN (Wine's test_afunix, run on Windows); Linux reports those
 * with the family's length alone.
 */
static int sockaddr__unix_from_linux(const void *in, uint32_t inlen, struct sockaddr *name,
                                     LPINT namelen)
{
    struct sys_user_span spans[] = {{namelen, sizeof(*namelen), true},
                                    {name, SOCKADDR__UN_SIZE, true}};
    if (!name || !namelen || !sys_user_check(spans, 2) || *namelen < SOCKADDR__UN_SIZE)
        return WSAEFAULT;
    uint32_t size = inlen < SOCKADDR__UN_SIZE ? inlen : SOCKADDR__UN_SIZE;
    memset(name, 0, SOCKADDR__UN_SIZE);
    memcpy(name, in, size);
    name->sa_family = AF_UNIX;
    *namelen = size > sizeof(ADDRESS_FAMILY) ? (int)size : SOCKADDR__UN_SIZE;
    return 0;
}

/*
 * Returns 0, WSAEFAULT (no address, or too short for its family) or
 * WSAEAFNOSUPPORT (a family the socket does not have).
 */
int base_sockaddr_to_linux(const struct sockaddr *name, int namelen, int family, void *out,
                           uint32_t *outlen)
{
    if (family == AF_UNIX)
        return sockaddr__unix_to_linux(name, namelen, out, outlen);
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
    if (linux_family == SYS_AF_UNIX)
        return sockaddr__unix_from_linux(in, inlen, name, namelen);
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
