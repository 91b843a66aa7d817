/*
 * MSVC's keywords and SAL annotations the way Windows code writes them,
 * shared by coexist_msvc.c and coexist_msvc.cpp.  Compile-only.
 */
#ifndef COEXIST_MSVC_USE_H
#define COEXIST_MSVC_USE_H

#ifdef __cplusplus
#define MSVC_STATIC_ASSERT(e) static_assert(e, #e)
#else
#define MSVC_STATIC_ASSERT(e) _Static_assert(e, #e)
#endif

/* Sized integers: macros for the base types, so `unsigned __int64` works. */
MSVC_STATIC_ASSERT(sizeof(__int8) == 1 && sizeof(__int16) == 2 && sizeof(__int32) == 4);
MSVC_STATIC_ASSERT(sizeof(__int64) == 8 && sizeof(unsigned __int64) == 8);
MSVC_STATIC_ASSERT((unsigned __int64)-1 > 0 && (__int64)-1 < 0);
MSVC_STATIC_ASSERT(sizeof(_int64) == 8 && sizeof(unsigned _int32) == 4); /* the older spellings */
static unsigned __int64 msvc_u64 = 0xffffffffffffffffULL;
static unsigned __int32 msvc_u32 = 7;
static __int16 msvc_i16 = -3;
static unsigned __int8 msvc_u8 = 255;

/* __declspec as MSVC code writes it. */
__declspec(thread) int msvc_tls;
static __declspec(thread) int msvc_tls_static;
__declspec(thread) static int msvc_tls_static_first;
__declspec(align(16)) static int msvc_aligned_array[4];
struct __declspec(align(32)) msvc_aligned32 {
    char c;
};
typedef __declspec(align(64)) struct {
    char c;
} msvc_aligned64;
MSVC_STATIC_ASSERT(__alignof__(struct msvc_aligned32) == 32);
MSVC_STATIC_ASSERT(__alignof__(msvc_aligned64) == 64);
__declspec(align(16)) struct msvc_with_object {
    int x;
} msvc_object;
MSVC_STATIC_ASSERT(__alignof__(msvc_object) == 16);
__declspec(noreturn) void msvc_die(int code);
__declspec(dllexport) int msvc_exported(void);
extern __declspec(dllimport) int msvc_imported;
__declspec(selectany) int msvc_selected = 3;
__declspec(noinline) int msvc_not_inlined(int x);
__declspec(deprecated) void msvc_old(void);
__declspec(deprecated("use msvc_new")) void msvc_older(void);
__declspec(restrict) void *msvc_alloc(size_t n);
__declspec(noalias) void msvc_pure(void);
__declspec(dllexport) __declspec(noinline) int msvc_both(void);
struct __declspec(novtable) msvc_interface {
    int unused;
};
struct __declspec(uuid("6b29fc40-ca47-1067-b31d-00dd010662da")) msvc_com;
DECLSPEC_ALIGN(8) static int msvc_decl_aligned;
DECLSPEC_NOINLINE int msvc_decl_noinline(void);

/* Inline forms and qualifiers. */
static __forceinline int msvc_add(int a, int b)
{
    return a + b;
}
static __inline int msvc_sub(int a, int b)
{
    return a - b;
}
static FORCEINLINE int msvc_mul(int a, int b)
{
    return a * b;
}
static int __w64 msvc_w64;
static void *__ptr64 msvc_ptr64;
static __unaligned int *msvc_unaligned;
int __cdecl msvc_cdecl(int x);
int __stdcall msvc_stdcall(int x);
int __fastcall msvc_fastcall(int x);
int __thiscall msvc_thiscall(int x);
int __vectorcall msvc_vectorcall(int x);

/* SAL 2. */
_Success_(return != 0) BOOL msvc_sal2(_In_ int x, _Out_opt_ int *y);
_Check_return_ _Ret_maybenull_ void *
msvc_sal2_buffers(_In_reads_bytes_(n) const void *p, _In_ size_t n, _In_reads_(n) const int *a,
                  _Out_writes_(n) char *o, _Out_writes_bytes_(n) void *ob,
                  _Out_writes_to_(n, *w) char *o2, _Out_ size_t *w, _Outptr_ void **pp,
                  _Outptr_opt_ void **ppo, _Inout_ int *io, _Inout_opt_ int *ioo,
                  _In_opt_ const char *opt, _In_z_ const char *s,
                  _Printf_format_string_ const char *fmt, _Reserved_ void *r, ...);
_Must_inspect_result_ int msvc_sal2_result(_Pre_ _Post_ int *x);
typedef struct msvc_sal_struct {
    size_t n;
    _Field_size_(n) int *items;
    _Field_size_bytes_(n) void *bytes;
} msvc_sal_struct;

/* SAL 1 (in C++ only the names libstdc++ leaves free). */
void msvc_sal1(__inout int *c, __in_opt const char *o, __out_opt int *p,
               __in_bcount(n) const void *in, __out_bcount(n) void *out,
               __in_ecount(n) const int *ein, __out_ecount(n) int *eout, int n);
#ifndef __cplusplus
void msvc_sal1_c(__in int a, __out int *b);
#endif

static int msvc_use(void)
{
    int unused = 0;
    UNREFERENCED_PARAMETER(unused);
    __noop(unused, 1);
    __assume(unused == 0);
    msvc_tls++;
    msvc_tls_static++;
    msvc_tls_static_first++;
    msvc_aligned_array[0] = 1;
    msvc_decl_aligned = 2;
    msvc_object.x = 1;
    msvc_w64 = 1;
    msvc_ptr64 = &msvc_w64;
    msvc_unaligned = &msvc_w64;
    return msvc_add(1, 2) + msvc_sub(3, 1) + msvc_mul(2, 2) + (int)msvc_u64 + (int)msvc_u32 +
           msvc_i16 + msvc_u8 + msvc_selected + (msvc_ptr64 != NULL) + (msvc_unaligned != NULL);
}

#endif /* COEXIST_MSVC_USE_H */
