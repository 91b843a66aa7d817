/*
 * Checks of the caller's pointers made by the API layer before a call
 * reaches its provider (the kernel answers, see sys/usermem.h).  Windows
 * fails such a call with WSAEFAULT: "The ... parameter is not a valid part of
 * the user address space".  A NULL pointer is left to the provider, which
 * knows whether the call allows it; these helpers reject only memory the
 * kernel will not let us read or write.
 */
#include "ws2_32/args.h"

#include "sys/usermem.h"

/* The most any address family we serve needs (SOCKADDR_IN6). */
#define ARGS_NAME_MAX ((int)sizeof(SOCKADDR_IN6))
/* The most spans one call checks at once. */
#define ARGS_SPANS_MAX 8

int ws2_args_span(const void *p, size_t n, bool write)
{
    if (!p || n == 0)
        return 0;
    struct sys_user_span span = {p, n, write};
    return sys_user_check(&span, 1) ? 0 : WSAEFAULT;
}

int ws2_args_check(const struct sys_user_span *spans, unsigned count)
{
    struct sys_user_span named[ARGS_SPANS_MAX];
    unsigned n = 0;
    for (unsigned i = 0; i < count && n < ARGS_SPANS_MAX; i++)
        if (spans[i].p)
            named[n++] = spans[i];
    return sys_user_check(named, n) ? 0 : WSAEFAULT;
}

int ws2_args_name_in(const struct sockaddr *name, int namelen)
{
    if (namelen <= 0)
        return 0;
    return ws2_args_span(name, (size_t)(namelen < ARGS_NAME_MAX ? namelen : ARGS_NAME_MAX), false);
}

int ws2_args_name_out(struct sockaddr *name, int *namelen)
{
    if (!namelen)
        return 0;
    if (ws2_args_span(namelen, sizeof(*namelen), true))
        return WSAEFAULT;
    int len = *namelen;
    if (len <= 0)
        return 0;
    return ws2_args_span(name, (size_t)(len < ARGS_NAME_MAX ? len : ARGS_NAME_MAX), true);
}

int ws2_args_string(const void *s, size_t unit)
{
    if (!s)
        return 0;
    return sys_user_string(s, unit, NULL) ? 0 : WSAEFAULT;
}
