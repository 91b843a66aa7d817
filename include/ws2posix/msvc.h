/*
 * ws2posix: MSVC's keywords as GCC and Clang spell them (__declspec, __forceinline, __int64, SAL
 * annotations). Not a Windows SDK header: programs never include it themselves.
 *
 * Each keyword becomes the GCC construct with the same meaning where there
 * is one, and nothing where the meaning is only Windows' (DLL linkage
 * tables, COM's vtables and GUIDs).  Nothing here redefines a name the C or
 * C++ library uses: __inline and __restrict are already keywords of GCC
 * and Clang, and _MSC_VER stays undefined (code that tests it means the
 * Microsoft compiler, not the Windows API).
 */
#ifndef WS2POSIX_MSVC_H
#define WS2POSIX_MSVC_H

#include "../sal.h"

/*
 * __declspec(x) becomes __attribute__((<x's GCC form>)).  An empty attribute
 * list is valid, so the forms with no meaning here expand to nothing inside
 * it, and `thread` (a storage class, not an attribute) closes the list,
 * adds the thread-local keyword and opens an empty one.  The arguments of
 * align(n), deprecated("why") and uuid("...") follow the name into the
 * list: GCC's aligned(n) and deprecated("why") take them as MSVC's do.
 *
 * `__declspec(align(n)) struct tag {...};` (a declaration of the tag
 * alone) aligns nothing with GCC: GCC applies a leading attribute to the
 * declared objects, of which there are none.  `struct __declspec(align(n))
 * tag {...}`, which MSVC also accepts, aligns the type; a typedef or a
 * variable declared with the leading form is aligned too.
 */
#define __declspec(x) __attribute__((WS2POSIX_DECLSPEC_##x))

#if defined(__cplusplus) && __cplusplus >= 201103L
#define WS2POSIX_DECLSPEC_thread )) thread_local __attribute__((
#elif defined(__cplusplus)
#define WS2POSIX_DECLSPEC_thread )) __thread __attribute__((
#else
#define WS2POSIX_DECLSPEC_thread )) _Thread_local __attribute__((
#endif
#define WS2POSIX_DECLSPEC_align      __aligned__
#define WS2POSIX_DECLSPEC_noreturn   __noreturn__
#define WS2POSIX_DECLSPEC_noinline   __noinline__
#define WS2POSIX_DECLSPEC_deprecated __deprecated__
#define WS2POSIX_DECLSPEC_nothrow    __nothrow__
#define WS2POSIX_DECLSPEC_naked      __naked__
/* A DLL's exports are a shared object's visible symbols; imports need nothing. */
#define WS2POSIX_DECLSPEC_dllexport __visibility__("default")
#define WS2POSIX_DECLSPEC_dllimport
/* One definition of a global defined in a header, wherever it is included: a weak symbol. */
#define WS2POSIX_DECLSPEC_selectany __weak__
/* MSVC-only optimisations and COM: nothing. */
#define WS2POSIX_DECLSPEC_novtable
#define WS2POSIX_DECLSPEC_restrict
#define WS2POSIX_DECLSPEC_noalias
#define WS2POSIX_DECLSPEC_allocator
#define WS2POSIX_DECLSPEC_safebuffers
#define WS2POSIX_DECLSPEC_empty_bases
#define WS2POSIX_DECLSPEC_uuid(x)
#define WS2POSIX_DECLSPEC_code_seg(x)

/* Inline that always inlines. */
#ifndef __forceinline
#define __forceinline __inline__ __attribute__((__always_inline__))
#endif

/*
 * MSVC's sized integers.  They are macros for the base types, not
 * typedefs, so that `unsigned __int64` works as it does there.  __int64 is
 * long long, as on Windows (so `%lld` prints it), and so are LONGLONG and
 * INT64.  MSVC also takes the one-underscore spellings (`_int64`), which
 * older Windows samples use.
 */
#define __int8 char
#define __int16 short
#define __int32 int
#define __int64 long long
#ifndef _int64
#define _int8  char
#define _int16 short
#define _int32 int
#define _int64 long long
#endif

/* Pointer-width and alignment qualifiers of 32/64-bit Windows: nothing on a 64-bit target. */
#define __w64
#define _W64
#define __ptr32
#define __ptr64
#define __sptr
#define __uptr
#define __unaligned

/* The remaining calling conventions (ws2posix/wintypes.h has __cdecl, __stdcall, __fastcall). */
#ifndef __thiscall
#define __thiscall
#endif
#ifndef __vectorcall
#define __vectorcall
#endif
#ifndef __clrcall
#define __clrcall
#endif

/* The intrinsics that mean "nothing at run time". */
#define __noop(...) ((void)0)
#define __assume(e) ((void)0)
#define __pragma(x)
#define __FUNCSIG__ __PRETTY_FUNCTION__
#define __FUNCDNAME__ __func__

#endif /* WS2POSIX_MSVC_H */
