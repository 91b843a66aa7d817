/*
 * ws2posix: Windows code names its import libraries in the source,
 * `#pragma comment(lib, "ws2_32.lib")`, and MSVC links them.  Here the build
 * names the library (-lws2_32, see docs/porting.md), so the pragma has
 * nothing to do; it must only not break a build that uses -Werror.
 *
 * GCC knows no `#pragma comment` and reports it under -Wunknown-pragmas (in
 * -Wall), an error with -Werror; mingw-w64's gcc does the same.  GCC has no
 * way to ignore one pragma by name, so from the first Windows header on the
 * translation unit ignores unknown pragmas, which in Windows code are MSVC's
 * (comment, warning, region, intrinsic ...) and mean nothing to GCC.  Clang is
 * left alone: it accepts `#pragma comment(lib, ...)` on Linux without a
 * word, so there is nothing to hide, and it still reports other unknown
 * pragmas.
 *
 * g++ before 13 reads a C++ file's pragmas before any `#pragma GCC
 * diagnostic` takes effect (GCC bug 53431), so there the pragma below does
 * nothing and such builds add -Wno-unknown-pragmas (docs/porting.md).
 *
 * Not a Windows SDK header: programs never include it themselves.
 */
#ifndef WS2POSIX_PRAGMA_H
#define WS2POSIX_PRAGMA_H

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#endif

#endif /* WS2POSIX_PRAGMA_H */
