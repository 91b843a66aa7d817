/*
 * ws2posix <winnt.h>: what the Windows SDK's winnt.h gives socket programs:
 * the TCHAR string types and TEXT(), the DECLSPEC_* spellings, and the
 * Interlocked operations.  windows.h includes it, as the SDK's does.
 */
#ifndef WS2POSIX_WINNT_H
#define WS2POSIX_WINNT_H

#include "ws2posix/wintypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Character and string pointer types (WCHAR is wchar_t: README, "Wide strings"). */
typedef CHAR *PCH, *NPSTR;
typedef const CHAR *LPCCH, *PCCH;
typedef WCHAR *LPWCH, *PWCH;
typedef const WCHAR *LPCWCH, *PCWCH, *LPCWCHAR, *PCWCHAR;
typedef PSTR *PZPSTR;
typedef PCSTR *PZPCSTR;
typedef PWSTR *PZPWSTR;
typedef PCWSTR *PZPCWSTR;

/*
 * The generic ("T") character types: WCHAR when UNICODE is defined (Visual
 * Studio's default), char otherwise, as winnt.h selects them.  TCHAR itself
 * is in ws2posix/wintypes.h.
 */
#ifdef UNICODE
typedef WCHAR *PTCHAR;
typedef WCHAR TBYTE, *PTBYTE;
typedef LPWSTR LPTCH, PTCH, PTSTR, LPTSTR;
typedef LPCWSTR LPCTCH, PCTCH, PCTSTR, LPCTSTR;
#define __TEXT(quote) L##quote
#else
typedef char *PTCHAR;
typedef unsigned char TBYTE, *PTBYTE;
typedef LPSTR LPTCH, PTCH, PTSTR, LPTSTR;
typedef LPCSTR LPCTCH, PCTCH, PCTSTR, LPCTSTR;
#define __TEXT(quote) quote
#endif
#define TEXT(quote) __TEXT(quote)

/* winnt.h's names for the __declspec forms (ws2posix/msvc.h gives them meaning). */
#ifndef UNALIGNED
#define UNALIGNED
#endif
#define DECLSPEC_ALIGN(x)   __declspec(align(x))
#define DECLSPEC_NOINLINE   __declspec(noinline)
#define DECLSPEC_NORETURN   __declspec(noreturn)
#define DECLSPEC_SELECTANY  __declspec(selectany)
#define DECLSPEC_NOVTABLE   __declspec(novtable)
#define DECLSPEC_THREAD     __declspec(thread)
#define DECLSPEC_DEPRECATED __declspec(deprecated)
#define DECLSPEC_IMPORT     __declspec(dllimport)
#define DECLSPEC_EXPORT     __declspec(dllexport)
#define FORCEINLINE         __forceinline

/*
 * Interlocked operations: full barriers, as on Windows.  They are inline so
 * that they cost what the processor instruction costs.
 */
static inline LONG InterlockedIncrement(LONG volatile *p)
{
    return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedDecrement(LONG volatile *p)
{
    return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedExchange(LONG volatile *p, LONG v)
{
    return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedExchangeAdd(LONG volatile *p, LONG v)
{
    return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedAdd(LONG volatile *p, LONG v)
{
    return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedCompareExchange(LONG volatile *p, LONG exchange, LONG comparand)
{
    __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
static inline LONG InterlockedAnd(LONG volatile *p, LONG v)
{
    return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedOr(LONG volatile *p, LONG v)
{
    return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedXor(LONG volatile *p, LONG v)
{
    return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedIncrement64(LONGLONG volatile *p)
{
    return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedDecrement64(LONGLONG volatile *p)
{
    return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedExchange64(LONGLONG volatile *p, LONGLONG v)
{
    return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedExchangeAdd64(LONGLONG volatile *p, LONGLONG v)
{
    return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedAdd64(LONGLONG volatile *p, LONGLONG v)
{
    return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedCompareExchange64(LONGLONG volatile *p, LONGLONG exchange,
                                                    LONGLONG comparand)
{
    __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
static inline LONGLONG InterlockedAnd64(LONGLONG volatile *p, LONGLONG v)
{
    return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedOr64(LONGLONG volatile *p, LONGLONG v)
{
    return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedXor64(LONGLONG volatile *p, LONGLONG v)
{
    return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
}
static inline PVOID InterlockedExchangePointer(PVOID volatile *p, PVOID v)
{
    return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
static inline PVOID InterlockedCompareExchangePointer(PVOID volatile *p, PVOID exchange,
                                                      PVOID comparand)
{
    __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
static inline void MemoryBarrier(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/*
 * The same operations on the integer types Windows code declares its
 * counters with.  On Windows `long` is LONG and `unsigned long` is ULONG
 * (32 bits), and `__int64` is LONGLONG; here long is 64 bits, LONG is
 * int32_t and LONGLONG is int64_t (which is long), so `long volatile n;
 * InterlockedIncrement(&n)` would be an error in C++ and under gcc 14's
 * C rules.  Each operation therefore also takes long, unsigned long and
 * unsigned (ULONG, DWORD) for the 32-bit forms, and long long and the
 * unsigned 64-bit types for the 64-bit forms: C++ by overloads (as the
 * SDK's own C++ overloads for unsigned types), C by _Generic.  The
 * operation acts on the whole object the caller named, so a 64-bit long
 * wraps at 64 bits where Windows' 32-bit long wraps at 32; only values past
 * the 32-bit range, which Windows cannot hold, differ.
 */
#define WS2POSIX_IL_HELPERS(T, sfx)                                                                \
    static inline T ws2posix_il_inc_##sfx(T volatile *p)                                           \
    {                                                                                              \
        return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);                                         \
    }                                                                                              \
    static inline T ws2posix_il_dec_##sfx(T volatile *p)                                           \
    {                                                                                              \
        return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);                                         \
    }                                                                                              \
    static inline T ws2posix_il_xchg_##sfx(T volatile *p, T v)                                     \
    {                                                                                              \
        return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);                                        \
    }                                                                                              \
    static inline T ws2posix_il_xadd_##sfx(T volatile *p, T v)                                     \
    {                                                                                              \
        return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);                                         \
    }                                                                                              \
    static inline T ws2posix_il_add_##sfx(T volatile *p, T v)                                      \
    {                                                                                              \
        return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST);                                         \
    }                                                                                              \
    static inline T ws2posix_il_cmpxchg_##sfx(T volatile *p, T exchange, T comparand)              \
    {                                                                                              \
        __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST,                  \
                                    __ATOMIC_SEQ_CST);                                             \
        return comparand;                                                                          \
    }                                                                                              \
    static inline T ws2posix_il_and_##sfx(T volatile *p, T v)                                      \
    {                                                                                              \
        return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);                                         \
    }                                                                                              \
    static inline T ws2posix_il_or_##sfx(T volatile *p, T v)                                       \
    {                                                                                              \
        return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);                                          \
    }                                                                                              \
    static inline T ws2posix_il_xor_##sfx(T volatile *p, T v)                                      \
    {                                                                                              \
        return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);                                         \
    }

WS2POSIX_IL_HELPERS(long, l)
WS2POSIX_IL_HELPERS(unsigned long, ul)
WS2POSIX_IL_HELPERS(unsigned int, u)
WS2POSIX_IL_HELPERS(long long, ll)
WS2POSIX_IL_HELPERS(unsigned long long, ull)

#ifdef __cplusplus
} /* extern "C" */

/* C++: overloads beside the LONG and LONGLONG forms (C language linkage allows one of each). */
#define WS2POSIX_IL_OVERLOADS(T, sfx, n)                                                           \
    static inline T InterlockedIncrement##n(T volatile *p)                                         \
    {                                                                                              \
        return ws2posix_il_inc_##sfx(p);                                                           \
    }                                                                                              \
    static inline T InterlockedDecrement##n(T volatile *p)                                         \
    {                                                                                              \
        return ws2posix_il_dec_##sfx(p);                                                           \
    }                                                                                              \
    static inline T InterlockedExchange##n(T volatile *p, T v)                                     \
    {                                                                                              \
        return ws2posix_il_xchg_##sfx(p, v);                                                       \
    }                                                                                              \
    static inline T InterlockedExchangeAdd##n(T volatile *p, T v)                                  \
    {                                                                                              \
        return ws2posix_il_xadd_##sfx(p, v);                                                       \
    }                                                                                              \
    static inline T InterlockedAdd##n(T volatile *p, T v)                                          \
    {                                                                                              \
        return ws2posix_il_add_##sfx(p, v);                                                        \
    }                                                                                              \
    static inline T InterlockedCompareExchange##n(T volatile *p, T exchange, T comparand)          \
    {                                                                                              \
        return ws2posix_il_cmpxchg_##sfx(p, exchange, comparand);                                  \
    }                                                                                              \
    static inline T InterlockedAnd##n(T volatile *p, T v)                                          \
    {                                                                                              \
        return ws2posix_il_and_##sfx(p, v);                                                        \
    }                                                                                              \
    static inline T InterlockedOr##n(T volatile *p, T v)                                           \
    {                                                                                              \
        return ws2posix_il_or_##sfx(p, v);                                                         \
    }                                                                                              \
    static inline T InterlockedXor##n(T volatile *p, T v)                                          \
    {                                                                                              \
        return ws2posix_il_xor_##sfx(p, v);                                                        \
    }

extern "C++" {
WS2POSIX_IL_OVERLOADS(long, l, )
WS2POSIX_IL_OVERLOADS(unsigned long, ul, )
WS2POSIX_IL_OVERLOADS(unsigned int, u, )
WS2POSIX_IL_OVERLOADS(long long, ll, 64)
WS2POSIX_IL_OVERLOADS(unsigned long long, ull, 64)
WS2POSIX_IL_OVERLOADS(unsigned long, ul, 64)
}
#undef WS2POSIX_IL_OVERLOADS

#else /* C */

/* C: _Generic picks the helper for the pointer's type, else the LONG (LONGLONG) form. */
#define WS2POSIX_IL_PICK32(op, base, p)                                                            \
    _Generic((p),                                                                                  \
        long *: ws2posix_il_##op##_l,                                                              \
        long volatile *: ws2posix_il_##op##_l,                                                     \
        unsigned long *: ws2posix_il_##op##_ul,                                                    \
        unsigned long volatile *: ws2posix_il_##op##_ul,                                           \
        unsigned int *: ws2posix_il_##op##_u,                                                      \
        unsigned int volatile *: ws2posix_il_##op##_u,                                             \
        default: base)
#define WS2POSIX_IL_PICK64(op, base, p)                                                            \
    _Generic((p),                                                                                  \
        long long *: ws2posix_il_##op##_ll,                                                        \
        long long volatile *: ws2posix_il_##op##_ll,                                               \
        unsigned long long *: ws2posix_il_##op##_ull,                                              \
        unsigned long long volatile *: ws2posix_il_##op##_ull,                                     \
        unsigned long *: ws2posix_il_##op##_ul,                                                    \
        unsigned long volatile *: ws2posix_il_##op##_ul,                                           \
        default: base)

#define InterlockedIncrement(p)      WS2POSIX_IL_PICK32(inc, InterlockedIncrement, p)(p)
#define InterlockedDecrement(p)      WS2POSIX_IL_PICK32(dec, InterlockedDecrement, p)(p)
#define InterlockedExchange(p, v)    WS2POSIX_IL_PICK32(xchg, InterlockedExchange, p)(p, v)
#define InterlockedExchangeAdd(p, v) WS2POSIX_IL_PICK32(xadd, InterlockedExchangeAdd, p)(p, v)
#define InterlockedAdd(p, v)         WS2POSIX_IL_PICK32(add, InterlockedAdd, p)(p, v)
#define InterlockedCompareExchange(p, e, c)                                                        \
    WS2POSIX_IL_PICK32(cmpxchg, InterlockedCompareExchange, p)(p, e, c)
#define InterlockedAnd(p, v)           WS2POSIX_IL_PICK32(and, InterlockedAnd, p)(p, v)
#define InterlockedOr(p, v)            WS2POSIX_IL_PICK32(or, InterlockedOr, p)(p, v)
#define InterlockedXor(p, v)           WS2POSIX_IL_PICK32(xor, InterlockedXor, p)(p, v)
#define InterlockedIncrement64(p)      WS2POSIX_IL_PICK64(inc, InterlockedIncrement64, p)(p)
#define InterlockedDecrement64(p)      WS2POSIX_IL_PICK64(dec, InterlockedDecrement64, p)(p)
#define InterlockedExchange64(p, v)    WS2POSIX_IL_PICK64(xchg, InterlockedExchange64, p)(p, v)
#define InterlockedExchangeAdd64(p, v) WS2POSIX_IL_PICK64(xadd, InterlockedExchangeAdd64, p)(p, v)
#define InterlockedAdd64(p, v)         WS2POSIX_IL_PICK64(add, InterlockedAdd64, p)(p, v)
#define InterlockedCompareExchange64(p, e, c)                                                      \
    WS2POSIX_IL_PICK64(cmpxchg, InterlockedCompareExchange64, p)(p, e, c)
#define InterlockedAnd64(p, v) WS2POSIX_IL_PICK64(and, InterlockedAnd64, p)(p, v)
#define InterlockedOr64(p, v)  WS2POSIX_IL_PICK64(or, InterlockedOr64, p)(p, v)
#define InterlockedXor64(p, v) WS2POSIX_IL_PICK64(xor, InterlockedXor64, p)(p, v)

#endif /* __cplusplus */

#undef WS2POSIX_IL_HELPERS

/* The compiler intrinsics' spellings, which MSVC code also calls. */
#define _InterlockedIncrement         InterlockedIncrement
#define _InterlockedDecrement         InterlockedDecrement
#define _InterlockedExchange          InterlockedExchange
#define _InterlockedExchangeAdd       InterlockedExchangeAdd
#define _InterlockedCompareExchange   InterlockedCompareExchange
#define _InterlockedAnd               InterlockedAnd
#define _InterlockedOr                InterlockedOr
#define _InterlockedXor               InterlockedXor
#define _InterlockedIncrement64       InterlockedIncrement64
#define _InterlockedDecrement64       InterlockedDecrement64
#define _InterlockedExchange64        InterlockedExchange64
#define _InterlockedExchangeAdd64     InterlockedExchangeAdd64
#define _InterlockedCompareExchange64 InterlockedCompareExchange64

#endif /* WS2POSIX_WINNT_H */
