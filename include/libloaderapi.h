/*
 * ws2posix <libloaderapi.h>: GetModuleHandle, GetProcAddress, LoadLibrary,
 * FreeLibrary, GetModuleFileName (src/win32/loader.c).  windows.h includes
 * it, as the Windows SDK's does.
 *
 * The DLLs whose functions this library provides are one module here:
 * ws2_32, wsock32, mswsock, kernel32, kernelbase, ntdll, iphlpapi, winmm and
 * advapi32 (case ignored, with or without ".dll", a directory in front
 * ignored).  GetModuleHandle and LoadLibrary give that module for any of
 * these names, and GetProcAddress on it finds every function this library
 * exports by its Windows name ("WSAPoll", "socket", "GetSystemInfo"), so
 * the common `GetProcAddress(GetModuleHandleA("ws2_32.dll"), "WSAPoll")`
 * works.  Another name is given to dlopen as it is ("libfoo.so.1"; a
 * "foo.dll" is not turned into a Linux name): a shared object loads, a
 * Windows DLL does not (ERROR_MOD_NOT_FOUND).
 */
#ifndef WS2POSIX_LIBLOADERAPI_H
#define WS2POSIX_LIBLOADERAPI_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The SDK's untyped function pointers (minwindef.h): cast to the function's
 * type to call it.  The empty parameter list is the SDK's; it is no
 * prototype in C before C23, which -Wstrict-prototypes would report in every
 * program that includes windows.h, so the warning is off for these lines.
 */
#if defined(__GNUC__) && !defined(__cplusplus)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#endif
typedef INT_PTR(WINAPI *FARPROC)();
typedef INT_PTR(WINAPI *NEARPROC)();
typedef INT_PTR(WINAPI *PROC)();
#if defined(__GNUC__) && !defined(__cplusplus)
#pragma GCC diagnostic pop
#endif

/* LoadLibraryEx flags (libloaderapi.h): accepted; none changes how a module loads here. */
#define DONT_RESOLVE_DLL_REFERENCES         0x00000001
#define LOAD_LIBRARY_AS_DATAFILE            0x00000002
#define LOAD_WITH_ALTERED_SEARCH_PATH       0x00000008
#define LOAD_IGNORE_CODE_AUTHZ_LEVEL        0x00000010
#define LOAD_LIBRARY_AS_IMAGE_RESOURCE      0x00000020
#define LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE  0x00000040
#define LOAD_LIBRARY_REQUIRE_SIGNED_TARGET  0x00000080
#define LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR    0x00000100
#define LOAD_LIBRARY_SEARCH_APPLICATION_DIR 0x00000200
#define LOAD_LIBRARY_SEARCH_USER_DIRS       0x00000400
#define LOAD_LIBRARY_SEARCH_SYSTEM32        0x00000800
#define LOAD_LIBRARY_SEARCH_DEFAULT_DIRS    0x00001000

/*
 * NULL is the program itself; GetProcAddress on it looks the name up in the
 * whole process (dlsym's default scope).  An unknown name that is not loaded
 * fails with ERROR_MOD_NOT_FOUND.  Like Windows' GetModuleHandle, it does
 * not count a reference.
 */
WINBASEAPI HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName);
WINBASEAPI HMODULE WINAPI GetModuleHandleW(LPCWSTR lpModuleName);

/*
 * A name not exported by the module, and any ordinal (a value below
 * 0x10000 in place of the name), fail with ERROR_PROC_NOT_FOUND; a handle
 * that is not a module with ERROR_MOD_NOT_FOUND.
 */
WINBASEAPI FARPROC WINAPI GetProcAddress(HMODULE hModule, LPCSTR lpProcName);

/* Each successful LoadLibrary counts a reference that FreeLibrary releases. */
WINBASEAPI HMODULE WINAPI LoadLibraryA(LPCSTR lpLibFileName);
WINBASEAPI HMODULE WINAPI LoadLibraryW(LPCWSTR lpLibFileName);
WINBASEAPI HMODULE WINAPI LoadLibraryExA(LPCSTR lpLibFileName, HANDLE hFile, DWORD dwFlags);
WINBASEAPI HMODULE WINAPI LoadLibraryExW(LPCWSTR lpLibFileName, HANDLE hFile, DWORD dwFlags);
WINBASEAPI BOOL WINAPI FreeLibrary(HMODULE hLibModule);

/*
 * The module's file: the program's (/proc/self/exe) for NULL, this library's
 * shared object for our module.  A buffer too small receives the name cut
 * to nSize - 1 characters and a NUL; the call then returns nSize and sets
 * ERROR_INSUFFICIENT_BUFFER, as Windows since Vista does.
 */
WINBASEAPI DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize);
WINBASEAPI DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize);

#ifdef UNICODE
#define GetModuleHandle   GetModuleHandleW
#define LoadLibrary       LoadLibraryW
#define LoadLibraryEx     LoadLibraryExW
#define GetModuleFileName GetModuleFileNameW
#else
#define GetModuleHandle   GetModuleHandleA
#define LoadLibrary       LoadLibraryA
#define LoadLibraryEx     LoadLibraryExA
#define GetModuleFileName GetModuleFileNameA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_LIBLOADERAPI_H */
