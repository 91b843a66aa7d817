/*
 * The module loader (libloaderapi.h): Windows programs look functions up at
 * run time in ws2_32.dll, mswsock.dll, kernel32.dll ...; here those are this
 * library, and other names go to the dynamic linker.
 */
#include <libloaderapi.h> /* first: the header compiles alone */

#include <math.h>

#include "testlib.h"

/*
 * Casting GetProcAddress's FARPROC to the function's type is the documented
 * way to call it; GCC's -Wcast-function-type (in -Wextra) reports every such
 * cast whose return type is not INT_PTR, with mingw-w64's headers as with
 * ours, since FARPROC is the SDK's INT_PTR (WINAPI *)().
 */
#pragma GCC diagnostic ignored "-Wcast-function-type"

/* A FARPROC as a plain address, to compare with a function's. */
static void *addr_of(FARPROC p)
{
    void *v;
    memcpy(&v, &p, sizeof(v));
    return v;
}

#define SAME_FUNCTION(proc, fn) assert_ptr_equal(addr_of(proc), addr_of((FARPROC)(fn)))

/*
 * The common idiom: GetProcAddress(GetModuleHandleA("ws2_32.dll"), "WSAPoll")
 * is WSAPoll.  Functions named like a libc function ("socket", "send",
 * "getaddrinfo") are ours too, not libc's.
 */
static void get_proc_address_finds_our_exports_by_windows_name(void **state)
{
    (void)state;
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");
    assert_non_null(ws2);
    SAME_FUNCTION(GetProcAddress(ws2, "WSAPoll"), WSAPoll);
    SAME_FUNCTION(GetProcAddress(ws2, "socket"), socket);
    SAME_FUNCTION(GetProcAddress(ws2, "send"), send);
    SAME_FUNCTION(GetProcAddress(ws2, "getaddrinfo"), getaddrinfo);
    SAME_FUNCTION(GetProcAddress(ws2, "closesocket"), closesocket);
    SAME_FUNCTION(GetProcAddress(ws2, "WSAIoctl"), WSAIoctl);

    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    assert_non_null(k32);
    typedef DWORD(WINAPI * tick_fn)(void);
    tick_fn tick = (tick_fn)GetProcAddress(k32, "GetTickCount");
    assert_non_null(tick);
    DWORD t = tick();
    assert_true(GetTickCount() - t < 5000);
    SAME_FUNCTION(GetProcAddress(k32, "GetProcAddress"), GetProcAddress);

    typedef DWORD(WINAPI * time_fn)(void);
    HMODULE winmm = LoadLibraryA("winmm.dll");
    assert_non_null(winmm);
    time_fn tgt = (time_fn)GetProcAddress(winmm, "timeGetTime");
    assert_non_null(tgt);
    assert_true(FreeLibrary(winmm));
}

/* Case does not matter, nor ".dll", nor a directory in front: one module. */
static void our_dll_names_are_one_module_whatever_the_spelling(void **state)
{
    (void)state;
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");
    const char *names[] = {"WS2_32.DLL",   "ws2_32",         "Ws2_32.Dll",
                           "mswsock.dll",  "MSWSOCK",        "wsock32.dll",
                           "kernel32.dll", "KERNEL32",       "ntdll.dll",
                           "iphlpapi.dll", "kernelbase.dll", "C:\\Windows\\System32\\ws2_32.dll"};
    for (size_t i = 0; i < ARRAYSIZE(names); i++)
        assert_ptr_equal(GetModuleHandleA(names[i]), ws2);
    assert_ptr_equal(GetModuleHandleW(L"WS2_32.dll"), ws2);

    /* LoadLibrary of our names gives the same module, reference counted by FreeLibrary. */
    HMODULE a = LoadLibraryA("WS2_32.DLL");
    HMODULE b = LoadLibraryW(L"mswsock.dll");
    HMODULE c = LoadLibraryExA("ws2_32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    assert_ptr_equal(a, ws2);
    assert_ptr_equal(b, ws2);
    assert_ptr_equal(c, ws2);
    assert_true(FreeLibrary(a));
    assert_true(FreeLibrary(b));
    assert_true(FreeLibrary(c));
    /* Still there: it is this library. */
    SAME_FUNCTION(GetProcAddress(ws2, "WSAPoll"), WSAPoll);

    /* NULL is the program itself, a module too. */
    HMODULE self = GetModuleHandleA(NULL);
    assert_non_null(self);
    assert_ptr_equal(GetModuleHandleW(NULL), self);
}

/* Unknown modules and functions: NULL with ERROR_MOD_NOT_FOUND / ERROR_PROC_NOT_FOUND. */
static void unknown_modules_and_functions_fail_with_their_errors(void **state)
{
    (void)state;
    SetLastError(0);
    assert_null(GetModuleHandleA("nosuchmodule.dll"));
    assert_int_equal(GetLastError(), ERROR_MOD_NOT_FOUND);
    SetLastError(0);
    assert_null(LoadLibraryA("nosuchmodule.dll"));
    assert_int_equal(GetLastError(), ERROR_MOD_NOT_FOUND);
    SetLastError(0);
    assert_null(LoadLibraryW(L"user32_nosuch.dll"));
    assert_int_equal(GetLastError(), ERROR_MOD_NOT_FOUND);
    SetLastError(0);
    assert_null(LoadLibraryA(""));
    assert_int_equal(GetLastError(), ERROR_MOD_NOT_FOUND);
    SetLastError(0);
    assert_null(LoadLibraryExA("ws2_32.dll", (HANDLE)1, 0)); /* hFile is reserved: NULL */
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");
    SetLastError(0);
    assert_null(GetProcAddress(ws2, "NoSuchFunction"));
    assert_int_equal(GetLastError(), ERROR_PROC_NOT_FOUND);
    /* libc's read is no export of ws2_32. */
    SetLastError(0);
    assert_null(GetProcAddress(ws2, "read"));
    assert_int_equal(GetLastError(), ERROR_PROC_NOT_FOUND);
    /* An ordinal (MAKEINTRESOURCE): we export none. */
    SetLastError(0);
    assert_null(GetProcAddress(ws2, (LPCSTR)(uintptr_t)3));
    assert_int_equal(GetLastError(), ERROR_PROC_NOT_FOUND);
    /* A handle that is no module. */
    int not_a_module;
    SetLastError(0);
    assert_null(GetProcAddress((HMODULE)&not_a_module, "WSAPoll"));
    assert_int_equal(GetLastError(), ERROR_MOD_NOT_FOUND);
    SetLastError(0);
    assert_false(FreeLibrary((HMODULE)&not_a_module));
    assert_int_equal(GetLastError(), ERROR_MOD_NOT_FOUND);
    char name[64];
    SetLastError(0);
    assert_int_equal(GetModuleFileNameA((HMODULE)&not_a_module, name, sizeof(name)), 0);
    assert_int_equal(GetLastError(), ERROR_MOD_NOT_FOUND);
}

/*
 * Another name is a Linux shared object, loaded by the dynamic linker and
 * released by FreeLibrary; after the last FreeLibrary its handle is no
 * module any more.
 */
static void other_names_load_shared_objects(void **state)
{
    (void)state;
    HMODULE m = LoadLibraryA("libm.so.6");
    assert_non_null(m);
    typedef double (*cos_fn)(double);
    cos_fn c = (cos_fn)GetProcAddress(m, "cos");
    assert_non_null(c);
    assert_true(c(0.0) == 1.0);
    char path[4096];
    DWORD n = GetModuleFileNameA(m, path, sizeof(path));
    assert_true(n > 0 && n < sizeof(path));
    assert_non_null(strstr(path, "libm"));
    assert_true(FreeLibrary(m));
    SetLastError(0);
    assert_false(FreeLibrary(m));
    assert_int_equal(GetLastError(), ERROR_MOD_NOT_FOUND);

    /* GetModuleHandle finds a shared object that is already loaded. */
    assert_non_null(GetModuleHandleA("libc.so.6"));
}

/*
 * GetModuleFileName: the program's path for NULL.  A buffer too small gets
 * the name cut to nSize - 1 characters and a NUL, the call returns nSize and
 * sets ERROR_INSUFFICIENT_BUFFER.
 */
static void module_file_name_truncates_as_documented(void **state)
{
    (void)state;
    char path[4096];
    DWORD len = GetModuleFileNameA(NULL, path, sizeof(path));
    assert_true(len > 0 && len < sizeof(path));
    assert_int_equal(strlen(path), len);
    assert_int_equal(path[0], '/');
    const char *tail = "/test_win32_loader";
    assert_string_equal(path + len - strlen(tail), tail);

    char small[8];
    memset(small, 'x', sizeof(small));
    SetLastError(0);
    assert_int_equal(GetModuleFileNameA(NULL, small, 5), 5);
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    assert_memory_equal(small, path, 4);
    assert_int_equal(small[4], '\0');
    assert_int_equal(small[5], 'x');

    char exact[4096];
    SetLastError(0);
    assert_int_equal(GetModuleFileNameA(NULL, exact, len), len); /* no room for the NUL */
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(exact[len - 1], '\0');
    assert_int_equal(GetModuleFileNameA(NULL, exact, len + 1), len);
    assert_string_equal(exact, path);

    WCHAR wpath[4096];
    assert_int_equal(GetModuleFileNameW(NULL, wpath, ARRAYSIZE(wpath)), len);
    for (DWORD i = 0; i <= len; i++)
        assert_int_equal(wpath[i], (WCHAR)(unsigned char)path[i]);
    SetLastError(0);
    assert_int_equal(GetModuleFileNameW(NULL, wpath, 3), 3);
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(wpath[2], 0);

    /* Our module's file is this library's shared object. */
    assert_true(GetModuleFileNameA(GetModuleHandleA("ws2_32.dll"), path, sizeof(path)) > 0);
    assert_non_null(strstr(path, "libws2_32.so"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(get_proc_address_finds_our_exports_by_windows_name),
        cmocka_unit_test(our_dll_names_are_one_module_whatever_the_spelling),
        cmocka_unit_test(unknown_modules_and_functions_fail_with_their_errors),
        cmocka_unit_test(other_names_load_shared_objects),
        cmocka_unit_test(module_file_name_truncates_as_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
