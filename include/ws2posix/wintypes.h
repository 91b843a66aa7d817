/*
 * ws2posix: the Windows base types that Winsock programs use, with the widths
 * they have on 64-bit Windows (LLP64) even though Linux is LP64: DWORD, LONG,
 * ULONG and u_long are 32 bits; the *_PTR types, HANDLE and SOCKET are
 * pointer-sized.  Layouts follow the Windows SDK (mingw-w64's headers are the
 * reference); tests/abi compares them.
 */
#ifndef WS2POSIX_WINTYPES_H
#define WS2POSIX_WINTYPES_H

#include <stddef.h>
#include <stdint.h>

/*
 * glibc's <stdlib.h> pulls in <sys/types.h> and <sys/select.h> in its default
 * (GNU) mode.  They define u_long as a 64-bit type and fd_set/select() with
 * Linux layouts.  Include them here, before we rename those identifiers, so
 * that their include guards are set and a later #include cannot collide.
 *
 * <sys/select.h> also defines FD_SETSIZE (1024, silently replacing any
 * earlier definition).  A program that defines FD_SETSIZE before including
 * winsock2.h means Windows' fd_set capacity, so its value is saved around
 * the include and glibc's dropped; winsock2.h then applies Windows' default.
 */
#pragma push_macro("FD_SETSIZE")
#undef FD_SETSIZE
#include <sys/types.h>
#include <sys/select.h>
#include <sys/time.h>
#undef FD_SETSIZE
#pragma pop_macro("FD_SETSIZE")

#include "msvc.h"
#include "pragma.h" /* #pragma comment(lib, ...) is harmless */

#ifdef __cplusplus
extern "C" {
#endif

/*
 * MSVC's calling conventions.  x86-64 and AArch64 have one convention each,
 * so on 64-bit Windows the compilers ignore these keywords; here they are
 * nothing, so that `int __cdecl main(...)` and `DWORD __stdcall worker(...)`
 * compile as they do there.
 */
#ifndef __cdecl
#define __cdecl
#endif
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __fastcall
#define __fastcall
#endif
#ifndef __thiscall
#define __thiscall
#endif
#ifndef __vectorcall
#define __vectorcall
#endif
/* The older one-underscore spellings, which MSVC and MinGW still accept. */
#ifndef _cdecl
#define _cdecl
#endif
#ifndef _stdcall
#define _stdcall
#endif
#ifndef _fastcall
#define _fastcall
#endif
#ifndef _thiscall
#define _thiscall
#endif

#define WINAPI
#define WSAAPI
#define CALLBACK
#define APIENTRY
#define NTAPI
#define WINBASEAPI          __attribute__((visibility("default")))
#define WINSOCK_API_LINKAGE __attribute__((visibility("default")))

#ifndef VOID
#define VOID void
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#ifndef FAR
#define FAR
#endif
#ifndef NEAR
#define NEAR
#endif

#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif

typedef int BOOL, *PBOOL, *LPBOOL;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef unsigned char BOOLEAN, *PBOOLEAN;
typedef unsigned char UCHAR, *PUCHAR;
typedef char CHAR, *PCHAR, *LPCH;
typedef short SHORT, *PSHORT;
typedef unsigned short USHORT, *PUSHORT;
typedef unsigned short WORD, *PWORD, *LPWORD;
typedef int INT, *PINT, *LPINT;
typedef unsigned int UINT, *PUINT;
typedef int32_t LONG, *PLONG, *LPLONG;
typedef uint32_t ULONG, *PULONG;
typedef uint32_t DWORD, *PDWORD, *LPDWORD;
typedef int64_t LONGLONG, *PLONGLONG;
typedef uint64_t ULONGLONG, *PULONGLONG;
typedef uint64_t DWORD64, *PDWORD64;
typedef uint64_t ULONG64, *PULONG64;
typedef int64_t LONG64, *PLONG64;
typedef uint64_t DWORDLONG;
typedef int64_t INT64;
typedef uint64_t UINT64;
typedef int32_t INT32;
typedef uint32_t UINT32;
typedef int16_t INT16;
typedef uint16_t UINT16;
typedef int8_t INT8;
typedef uint8_t UINT8;
typedef float FLOAT;

typedef intptr_t INT_PTR, *PINT_PTR;
typedef uintptr_t UINT_PTR, *PUINT_PTR;
typedef intptr_t LONG_PTR, *PLONG_PTR;
typedef uintptr_t ULONG_PTR, *PULONG_PTR;
typedef uintptr_t DWORD_PTR, *PDWORD_PTR;
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;

typedef void *PVOID, *LPVOID;
typedef const void *LPCVOID;
typedef char *PSTR, *LPSTR;
typedef const char *PCSTR, *LPCSTR;

/*
 * WCHAR is wchar_t, as on Windows, so that L"" literals, std::wstring and
 * the C library's wide functions work with the W calls.  wchar_t is 32 bits
 * (UTF-32) on Linux and 16 (UTF-16) on Windows: W structures (for example
 * WSAPROTOCOL_INFOW) are larger than Windows', and code that assumes two
 * bytes per character must use sizeof(WCHAR).  README, "Wide strings".
 */
typedef wchar_t WCHAR, *PWCHAR, *PWSTR, *LPWSTR, *NWPSTR;
typedef const wchar_t *PCWSTR, *LPCWSTR;
#ifdef UNICODE
typedef WCHAR TCHAR;
#else
typedef char TCHAR;
#endif

typedef void *HANDLE, **PHANDLE, **LPHANDLE;
typedef HANDLE HMODULE, HINSTANCE, HWND;
typedef LONG HRESULT;
typedef DWORD ACCESS_MASK;
typedef ULONG_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;
typedef LONG NTSTATUS;

#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)

/* Windows' u_long is 32 bits; glibc's (already declared above) is 64. */
#define u_long ws2posix_u_long
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef uint32_t ws2posix_u_long;

typedef union _LARGE_INTEGER {
    struct {
        DWORD LowPart;
        LONG HighPart;
    };
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    struct {
        DWORD LowPart;
        DWORD HighPart;
    };
    struct {
        DWORD LowPart;
        DWORD HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef struct _GUID {
    uint32_t Data1;
    unsigned short Data2;
    unsigned short Data3;
    unsigned char Data4[8];
} GUID, *LPGUID, *PGUID;
typedef const GUID *LPCGUID;
typedef GUID IID, CLSID;

typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

typedef struct _SECURITY_ATTRIBUTES {
    DWORD nLength;
    LPVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

typedef struct _OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    union {
        struct {
            DWORD Offset;
            DWORD OffsetHigh;
        };
        PVOID Pointer;
    };
    HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;

#define MAKEWORD(a, b)                                                                             \
    ((WORD)(((BYTE)(((DWORD_PTR)(a)) & 0xff)) | ((WORD)((BYTE)(((DWORD_PTR)(b)) & 0xff))) << 8))
#define MAKELONG(a, b)                                                                             \
    ((LONG)(((WORD)(((DWORD_PTR)(a)) & 0xffff)) | ((DWORD)((WORD)(((DWORD_PTR)(b)) & 0xffff)))     \
                                                      << 16))
#define LOWORD(l) ((WORD)(((DWORD_PTR)(l)) & 0xffff))
#define HIWORD(l) ((WORD)((((DWORD_PTR)(l)) >> 16) & 0xffff))
#define LOBYTE(w) ((BYTE)(((DWORD_PTR)(w)) & 0xff))
#define HIBYTE(w) ((BYTE)((((DWORD_PTR)(w)) >> 8) & 0xff))

#define UNREFERENCED_PARAMETER(p) ((void)(p))
#define ARRAYSIZE(a)              (sizeof(a) / sizeof((a)[0]))
#define ZeroMemory(p, n)          memset((p), 0, (n))
#define RtlZeroMemory(p, n)       memset((p), 0, (n))
#define CopyMemory(d, s, n)       memcpy((d), (s), (n))
#define FillMemory(p, n, v)       memset((p), (v), (n))

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_WINTYPES_H */
