/*
 * The C runtime's wide file-name and environment functions (_wfopen,
 * _wgetenv ...): the names are converted to UTF-8, the encoding of Linux's
 * file names and environment (and of our ANSI code page, see nls.c), and
 * handed to the C library.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <winnls.h>

#include "ws2_32/addrtext.h"

/* NULL with errno EINVAL for a NULL name, ENOMEM when the copy fails. */
static char *crtwide__utf8(const wchar_t *s)
{
    if (!s) {
        errno = EINVAL;
        return NULL;
    }
    char *u = ws2_utf8_from_wide(s);
    if (!u)
        errno = ENOMEM;
    return u;
}

FILE *_wfreopen(const wchar_t *filename, const wchar_t *mode, FILE *stream)
{
    char *name = crtwide__utf8(filename), *m = crtwide__utf8(mode);
    FILE *f = NULL;
    if (name && m)
        f = stream ? freopen(name, m, stream) : fopen(name, m);
    free(name);
    free(m);
    return f;
}

FILE *_wfopen(const wchar_t *filename, const wchar_t *mode)
{
    return _wfreopen(filename, mode, NULL);
}

int _wremove(const wchar_t *filename)
{
    char *name = crtwide__utf8(filename);
    int r = name ? remove(name) : -1;
    free(name);
    return r;
}

int _wunlink(const wchar_t *filename)
{
    return _wremove(filename);
}

int _wrename(const wchar_t *oldname, const wchar_t *newname)
{
    char *from = crtwide__utf8(oldname), *to = crtwide__utf8(newname);
    int r = from && to ? rename(from, to) : -1;
    free(from);
    free(to);
    return r;
}

/*
 * _wgetenv: the wide copy of each variable's value is kept (one per name)
 * and replaced only when the value has changed, so a pointer the program
 * holds stays valid until the variable changes, as with the CRT's.  A
 * replaced copy is kept too: another thread may still read it.
 */
struct crtwide__env {
    struct crtwide__env *next;
    char *name;
    char *value; /* the UTF-8 value the wide copy was made from */
    wchar_t *wide;
};
static struct crtwide__env *crtwide__envs;
static pthread_mutex_t crtwide__env_lock = PTHREAD_MUTEX_INITIALIZER;

wchar_t *_wgetenv(const wchar_t *name)
{
    char *n = crtwide__utf8(name);
    if (!n)
        return NULL;
    wchar_t *result = NULL;
    pthread_mutex_lock(&crtwide__env_lock);
    const char *value = getenv(n);
    if (value) {
        struct crtwide__env *e = crtwide__envs;
        while (e && !(strcmp(e->name, n) == 0 && strcmp(e->value, value) == 0))
            e = e->next;
        if (!e && (e = calloc(1, sizeof(*e))) != NULL) {
            e->name = strdup(n);
            e->value = strdup(value);
            e->wide = ws2_wide_from_utf8(value);
            if (e->name && e->value && e->wide) {
                e->next = crtwide__envs;
                crtwide__envs = e;
            } else {
                free(e->name);
                free(e->value);
                free(e->wide);
                free(e);
                e = NULL;
            }
        }
        result = e ? e->wide : NULL;
    }
    pthread_mutex_unlock(&crtwide__env_lock);
    free(n);
    return result;
}
