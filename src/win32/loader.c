/*
 * The module loader calls.  Windows programs find functions at run time
 * with GetProcAddress, above all in ws2_32.dll (WSAPoll, inet_ntop on old
 * systems) and kernel32.dll; here every such DLL is this library, and other
 * names go to the dynamic linker.  libloaderapi.h says what each call gives.
 *
 * An HMODULE is a dynamic-linker handle: dlopen(NULL) for the program, this
 * library's own handle for our DLL names, dlopen's for the others.  Every
 * handle the calls hand out is remembered, so that a handle that is not one
 * of them gets ERROR_MOD_NOT_FOUND instead of reaching dlsym or dlinfo,
 * which would crash on it.
 */
#include <windows.h>

#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <strings.h>
#include <unistd.h>

#include "ws2_32/addrtext.h"

/*
 * The Windows DLLs whose functions this library provides (Winsock, its
 * helpers, and the parts of kernel32, ntdll, winmm and advapi32 that network
 * programs use), and the import-library names of the same DLLs.
 */
static const char *const loader__our_dlls[] = {
    "ws2_32", "wsock32",  "mswsock", "kernel32", "kernelbase",
    "ntdll",  "iphlpapi", "winmm",   "advapi32",
};

/* A module handed out by GetModuleHandle or LoadLibrary other than ours and the program's. */
struct loader__module {
    void *handle;
    unsigned refs; /* LoadLibrary references not yet released by FreeLibrary */
    struct loader__module *next;
};

static pthread_once_t loader__once = PTHREAD_ONCE_INIT;
static pthread_mutex_t loader__lock = PTHREAD_MUTEX_INITIALIZER;
static void *loader__program;   /* dlopen(NULL) */
static void *loader__self;      /* this library's handle (the program's if linked statically) */
static void *loader__self_base; /* this library's load address, to tell its symbols from others' */
static char loader__self_path[PATH_MAX];
static unsigned loader__self_refs;
static struct loader__module *loader__modules;

static void loader__init(void)
{
    loader__program = dlopen(NULL, RTLD_LAZY);
    Dl_info info;
    if (dladdr((void *)loader__init, &info) && info.dli_fname) {
        loader__self_base = info.dli_fbase;
        if (!realpath(info.dli_fname, loader__self_path))
            snprintf(loader__self_path, sizeof(loader__self_path), "%s", info.dli_fname);
        /* NOLOAD: only a handle to what is already loaded, us. */
        loader__self = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    }
    /* Linked statically, the library is part of the program. */
    if (!loader__self)
        loader__self = loader__program;
}

/* Whether name (a file name, maybe with a directory and ".dll") is one of our DLLs. */
static bool loader__is_ours(const char *name)
{
    const char *base = name;
    for (const char *p = name; *p; p++)
        if (*p == '\\' || *p == '/')
            base = p + 1;
    size_t len = strlen(base);
    if (len > 4 && strcasecmp(base + len - 4, ".dll") == 0)
        len -= 4;
    else if (len > 1 && base[len - 1] == '.') /* "name." means a name without an extension */
        len -= 1;
    for (size_t i = 0; i < sizeof(loader__our_dlls) / sizeof(loader__our_dlls[0]); i++)
        if (strlen(loader__our_dlls[i]) == len && strncasecmp(base, loader__our_dlls[i], len) == 0)
            return true;
    return false;
}

/* The entry for a foreign handle (loader__lock held), or NULL. */
static struct loader__module *loader__find(void *handle)
{
    for (struct loader__module *m = loader__modules; m; m = m->next)
        if (m->handle == handle)
            return m;
    return NULL;
}

/* Remembers a foreign handle (loader__lock held), counting a reference if counted. */
static bool loader__remember(void *handle, bool counted)
{
    struct loader__module *m = loader__find(handle);
    if (!m) {
        m = calloc(1, sizeof(*m));
        if (!m)
            return false;
        m->handle = handle;
        m->next = loader__modules;
        loader__modules = m;
    }
    if (counted)
        m->refs++;
    return true;
}

/* Whether h is a handle these calls gave out (NULL counts as the program). */
static bool loader__valid(HMODULE h)
{
    if (!h || h == loader__program || h == loader__self)
        return true;
    pthread_mutex_lock(&loader__lock);
    bool known = loader__find(h) != NULL;
    pthread_mutex_unlock(&loader__lock);
    return known;
}

HMODULE WINAPI GetModuleHandleA(LPCSTR lpModuleName)
{
    pthread_once(&loader__once, loader__init);
    if (!lpModuleName)
        return loader__program;
    if (loader__is_ours(lpModuleName))
        return loader__self;
    void *h = *lpModuleName ? dlopen(lpModuleName, RTLD_LAZY | RTLD_NOLOAD) : NULL;
    if (!h) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return NULL;
    }
    /* Already loaded by someone else, who keeps it loaded; GetModuleHandle counts no reference. */
    dlclose(h);
    if (h == loader__program || h == loader__self)
        return h;
    pthread_mutex_lock(&loader__lock);
    bool ok = loader__remember(h, false);
    pthread_mutex_unlock(&loader__lock);
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return h;
}

HMODULE WINAPI GetModuleHandleW(LPCWSTR lpModuleName)
{
    if (!lpModuleName)
        return GetModuleHandleA(NULL);
    char *name = ws2_utf8_from_wide(lpModuleName);
    if (!name) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    HMODULE h = GetModuleHandleA(name);
    free(name);
    return h;
}

/* dlsym's result if the symbol is defined in this library itself, else NULL. */
static void *loader__own_symbol(const char *name)
{
    dlerror();
    void *sym = dlsym(loader__self, name);
    if (!sym)
        return NULL;
    Dl_info info;
    if (loader__self != loader__program &&
        (!dladdr(sym, &info) || info.dli_fbase != loader__self_base))
        return NULL; /* a dependency's (libc's read), not one of our exports */
    return sym;
}

FARPROC WINAPI GetProcAddress(HMODULE hModule, LPCSTR lpProcName)
{
    pthread_once(&loader__once, loader__init);
    if (!loader__valid(hModule)) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return NULL;
    }
    /* An ordinal: MAKEINTRESOURCE(n) puts it in the pointer's low word.  We export no ordinals. */
    if ((uintptr_t)lpProcName <= 0xffff || !*lpProcName) {
        SetLastError(ERROR_PROC_NOT_FOUND);
        return NULL;
    }
    void *sym = NULL;
    if (hModule == loader__self) {
        /*
         * Winsock functions named like a libc function (socket, send,
         * getaddrinfo) are exported as ws2_<name> (WS2POSIX_SYMBOL in
         * ws2posix/api.h): that one is the function a Windows program means.
         */
        size_t len = strlen(lpProcName);
        char *prefixed = malloc(len + 5);
        if (prefixed) {
            memcpy(prefixed, "ws2_", 4);
            memcpy(prefixed + 4, lpProcName, len + 1);
            sym = loader__own_symbol(prefixed);
            free(prefixed);
        }
        if (!sym)
            sym = loader__own_symbol(lpProcName);
    } else if (!hModule || hModule == loader__program) {
        sym = dlsym(RTLD_DEFAULT, lpProcName);
    } else {
        sym = dlsym(hModule, lpProcName);
    }
    if (!sym) {
        SetLastError(ERROR_PROC_NOT_FOUND);
        return NULL;
    }
    FARPROC proc;
    memcpy(&proc, &sym, sizeof(proc)); /* ISO C has no cast between object and function pointers */
    return proc;
}

HMODULE WINAPI LoadLibraryExA(LPCSTR lpLibFileName, HANDLE hFile, DWORD dwFlags)
{
    (void)dwFlags;
    pthread_once(&loader__once, loader__init);
    if (!lpLibFileName || hFile) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (loader__is_ours(lpLibFileName)) {
        pthread_mutex_lock(&loader__lock);
        loader__self_refs++;
        pthread_mutex_unlock(&loader__lock);
        return loader__self;
    }
    /* dlopen("") would be the program itself; Windows finds no module by that name. */
    void *h = *lpLibFileName ? dlopen(lpLibFileName, RTLD_NOW | RTLD_LOCAL) : NULL;
    if (!h) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return NULL;
    }
    if (h == loader__program || h == loader__self) {
        dlclose(h);
        return h;
    }
    pthread_mutex_lock(&loader__lock);
    bool ok = loader__remember(h, true);
    pthread_mutex_unlock(&loader__lock);
    if (!ok) {
        dlclose(h);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return h;
}

HMODULE WINAPI LoadLibraryA(LPCSTR lpLibFileName)
{
    return LoadLibraryExA(lpLibFileName, NULL, 0);
}

HMODULE WINAPI LoadLibraryExW(LPCWSTR lpLibFileName, HANDLE hFile, DWORD dwFlags)
{
    if (!lpLibFileName) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    char *name = ws2_utf8_from_wide(lpLibFileName);
    if (!name) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    HMODULE h = LoadLibraryExA(name, hFile, dwFlags);
    free(name);
    return h;
}

HMODULE WINAPI LoadLibraryW(LPCWSTR lpLibFileName)
{
    return LoadLibraryExW(lpLibFileName, NULL, 0);
}

/*
 * Our module and the program are never unloaded.  A foreign module loses
 * one LoadLibrary reference; at the last one the handle is forgotten, since
 * dlclose may unload it and a later dlopen reuse the address.
 */
BOOL WINAPI FreeLibrary(HMODULE hLibModule)
{
    pthread_once(&loader__once, loader__init);
    if (!hLibModule) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    pthread_mutex_lock(&loader__lock);
    if (hLibModule == loader__self || hLibModule == loader__program) {
        if (hLibModule == loader__self && loader__self_refs > 0)
            loader__self_refs--;
        pthread_mutex_unlock(&loader__lock);
        return TRUE;
    }
    struct loader__module **link = &loader__modules;
    while (*link && (*link)->handle != hLibModule)
        link = &(*link)->next;
    struct loader__module *m = *link;
    if (!m) {
        pthread_mutex_unlock(&loader__lock);
        SetLastError(ERROR_MOD_NOT_FOUND);
        return FALSE;
    }
    bool close = m->refs > 0;
    if (close && --m->refs == 0) {
        *link = m->next;
        free(m);
    }
    pthread_mutex_unlock(&loader__lock);
    if (close)
        dlclose(hLibModule);
    return TRUE;
}

/* The module's file name into path; false for a handle that is not a module. */
static bool loader__file_name(HMODULE h, char *path, size_t size)
{
    if (!loader__valid(h))
        return false;
    if (!h || h == loader__program) {
        ssize_t n = readlink("/proc/self/exe", path, size - 1);
        if (n < 0)
            return false;
        path[n] = '\0';
        return true;
    }
    if (h == loader__self) {
        snprintf(path, size, "%s", loader__self_path);
        return true;
    }
    struct link_map *map = NULL;
    if (dlinfo(h, RTLD_DI_LINKMAP, &map) != 0 || !map || !map->l_name)
        return false;
    if (!realpath(map->l_name, path))
        snprintf(path, size, "%s", map->l_name);
    return true;
}

/*
 * Windows (since Vista): a buffer too small gets the name cut to nSize - 1
 * characters and a NUL, the call returns nSize and sets
 * ERROR_INSUFFICIENT_BUFFER; otherwise it returns the length without the NUL.
 */
DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize)
{
    pthread_once(&loader__once, loader__init);
    char path[PATH_MAX];
    if (!loader__file_name(hModule, path, sizeof(path))) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return 0;
    }
    size_t len = strlen(path);
    if (!lpFilename || nSize == 0) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    if (len + 1 > nSize) {
        memcpy(lpFilename, path, nSize - 1);
        lpFilename[nSize - 1] = '\0';
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return nSize;
    }
    memcpy(lpFilename, path, len + 1);
    return (DWORD)len;
}

DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize)
{
    pthread_once(&loader__once, loader__init);
    char path[PATH_MAX];
    if (!loader__file_name(hModule, path, sizeof(path))) {
        SetLastError(ERROR_MOD_NOT_FOUND);
        return 0;
    }
    WCHAR *wide = ws2_wide_from_utf8(path);
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    size_t len = wcslen(wide);
    DWORD result;
    if (!lpFilename || nSize == 0) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        result = 0;
    } else if (len + 1 > nSize) {
        memcpy(lpFilename, wide, (nSize - 1) * sizeof(WCHAR));
        lpFilename[nSize - 1] = 0;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        result = nSize;
    } else {
        memcpy(lpFilename, wide, (len + 1) * sizeof(WCHAR));
        result = (DWORD)len;
    }
    free(wide);
    return result;
}
