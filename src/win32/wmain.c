/*
 * wmain for Linux.  A Windows program built with _UNICODE defines wmain
 * (often as _tmain) and the C runtime calls it with the command line as
 * wide strings; Linux's start-up code calls main only.  So the library
 * defines main, weakly and in this file alone: a program that defines its
 * own main uses that one (the executable's definition wins at link time and
 * in the dynamic linker's lookup, and the static library's member is never
 * pulled in), while a program that defines only wmain links to this one,
 * which calls wmain with the arguments and environment converted from
 * UTF-8 (the encoding of Linux's arguments, and our ANSI code page); bytes
 * that are not UTF-8 read as U+FFFD.
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#include "ws2_32/addrtext.h"

/* The program's wmain, if it has one (null otherwise: the reference is weak). */
extern int wmain(int argc, wchar_t **argv, wchar_t **envp) __attribute__((weak));

/*
 * The converted vectors live until the process ends, as the CRT's __wargv
 * and _wenviron do; wmain may keep pointers into them.
 */
static wchar_t **wmain__argv;
static wchar_t **wmain__envp;

static wchar_t **wmain__convert(char **v, int n)
{
    wchar_t **w = calloc((size_t)n + 1, sizeof(*w));
    if (!w)
        return NULL;
    for (int i = 0; i < n; i++) {
        w[i] = ws2_wide_from_utf8(v[i]);
        if (!w[i])
            return NULL;
    }
    return w;
}

__attribute__((weak, visibility("default"))) int main(int argc, char **argv, char **envp)
{
    if (!wmain) {
        fprintf(stderr, "%s: the program defines neither main nor wmain\n",
                argc > 0 ? argv[0] : "ws2posix");
        return EXIT_FAILURE;
    }
    int envc = 0;
    while (envp && envp[envc])
        envc++;
    wmain__argv = wmain__convert(argv, argc);
    wmain__envp = wmain__convert(envp, envc);
    if (!wmain__argv || !wmain__envp) {
        fprintf(stderr, "%s: out of memory converting the arguments for wmain\n",
                argc > 0 ? argv[0] : "ws2posix");
        return EXIT_FAILURE;
    }
    return wmain(argc, wmain__argv, wmain__envp);
}
