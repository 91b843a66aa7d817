/*
 * GetSystemInfo, GetVersionEx and GlobalMemoryStatusEx: what a Windows
 * program asks about the machine, answered from Linux's view of this
 * process (its affinity mask, page size, /proc/meminfo).
 */
#include <windows.h>

#include <sched.h>
#include <stdio.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include "sys/usermem.h"

/*
 * The version every Windows since 8.1 reports to a program that has no
 * compatibility manifest (GetVersionEx documentation, "Remarks"): 6.2, build
 * 9200.  Programs ported from Windows were tested against exactly that.
 */
enum { SYSINFO__MAJOR = 6, SYSINFO__MINOR = 2, SYSINFO__BUILD = 9200 };

/*
 * The processors this process may run on.  The mask may be larger than a
 * cpu_set_t on machines with more than 1024 processors: grow it until the
 * kernel accepts it.  bits receives the mask of those below 64.
 */
static DWORD sysinfo__processors(DWORD_PTR *bits)
{
    *bits = 0;
    for (size_t ncpu = CPU_SETSIZE; ncpu <= 65536; ncpu *= 2) {
        cpu_set_t *set = CPU_ALLOC(ncpu);
        if (!set)
            break;
        size_t size = CPU_ALLOC_SIZE(ncpu);
        if (sched_getaffinity(0, size, set) == 0) {
            DWORD count = (DWORD)CPU_COUNT_S(size, set);
            for (unsigned i = 0; i < 64 && i < ncpu; i++)
                if (CPU_ISSET_S(i, size, set))
                    *bits |= (DWORD_PTR)1 << i;
            CPU_FREE(set);
            if (count > 0)
                return count;
            break;
        }
        CPU_FREE(set);
    }
    /* No affinity answer: the processors online, at least one. */
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    DWORD count = online > 0 ? (DWORD)online : 1;
    *bits = count >= 64 ? ~(DWORD_PTR)0 : (((DWORD_PTR)1 << count) - 1);
    return count;
}

/*
 * wProcessorLevel is the processor family and wProcessorRevision the model
 * in its high byte and the stepping in its low byte, as Windows fills them
 * for x86 processors (from CPUID leaf 1, with the extended family and model
 * folded in the way the processor manuals define).
 */
static void sysinfo__cpu_model(SYSTEM_INFO *si)
{
#if defined(__x86_64__) || defined(__i386__)
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return;
    unsigned family = (eax >> 8) & 0xf, model = (eax >> 4) & 0xf, stepping = eax & 0xf;
    if (family == 0xf)
        family += (eax >> 20) & 0xff;
    if (family == 0x6 || family >= 0xf)
        model |= ((eax >> 16) & 0xf) << 4;
    si->wProcessorLevel = (WORD)family;
    si->wProcessorRevision = (WORD)((model << 8) | stepping);
#else
    (void)si;
#endif
}

void WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)
{
    if (!lpSystemInfo)
        return;
    SYSTEM_INFO si;
    memset(&si, 0, sizeof(si));
#if defined(__x86_64__)
    si.wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
    si.dwProcessorType = PROCESSOR_AMD_X8664;
#elif defined(__aarch64__)
    si.wProcessorArchitecture = PROCESSOR_ARCHITECTURE_ARM64;
#elif defined(__i386__)
    si.wProcessorArchitecture = PROCESSOR_ARCHITECTURE_INTEL;
    si.dwProcessorType = PROCESSOR_INTEL_PENTIUM;
#else
    si.wProcessorArchitecture = PROCESSOR_ARCHITECTURE_UNKNOWN;
#endif
    long page = sysconf(_SC_PAGESIZE);
    si.dwPageSize = page > 0 ? (DWORD)page : 4096;
    /*
     * The lowest address a mapping may have (Linux's vm.mmap_min_addr is
     * 64 KiB by default, the same as Windows' first usable address) and the
     * last byte below the top of the user address space.
     */
    si.lpMinimumApplicationAddress = (LPVOID)(uintptr_t)0x10000;
#if defined(__x86_64__)
    si.lpMaximumApplicationAddress = (LPVOID)(uintptr_t)(0x7ffffffff000ULL - 1);
#elif defined(__aarch64__)
    si.lpMaximumApplicationAddress = (LPVOID)(uintptr_t)(0xffffffffffffULL - si.dwPageSize);
#else
    si.lpMaximumApplicationAddress = (LPVOID)(uintptr_t)(UINTPTR_MAX / 2);
#endif
    si.dwNumberOfProcessors = sysinfo__processors(&si.dwActiveProcessorMask);
    si.dwAllocationGranularity = 65536;
    sysinfo__cpu_model(&si);
    *lpSystemInfo = si;
}

/* There is no emulation layer (no WOW64): the native system is the one the program sees. */
void WINAPI GetNativeSystemInfo(LPSYSTEM_INFO lpSystemInfo)
{
    GetSystemInfo(lpSystemInfo);
}

/* The fields OSVERSIONINFO(EX) A and W share, in the order they share them. */
static void sysinfo__version(DWORD *major, DWORD *minor, DWORD *build, DWORD *platform)
{
    *major = SYSINFO__MAJOR;
    *minor = SYSINFO__MINOR;
    *build = SYSINFO__BUILD;
    *platform = VER_PLATFORM_WIN32_NT;
}

/*
 * The structure's size selects its kind; any other size fails with
 * ERROR_INSUFFICIENT_BUFFER, which is what Windows reports for a size it
 * does not know (the documentation only says the call fails).
 */
BOOL WINAPI GetVersionExA(LPOSVERSIONINFOA lpVersionInformation)
{
    if (!lpVersionInformation ||
        !sys_user_writable(lpVersionInformation,
                           sizeof(lpVersionInformation->dwOSVersionInfoSize))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    DWORD size = lpVersionInformation->dwOSVersionInfoSize;
    if (size != sizeof(OSVERSIONINFOA) && size != sizeof(OSVERSIONINFOEXA)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    if (!sys_user_writable(lpVersionInformation, size)) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    OSVERSIONINFOEXA v;
    memset(&v, 0, sizeof(v));
    v.dwOSVersionInfoSize = size;
    sysinfo__version(&v.dwMajorVersion, &v.dwMinorVersion, &v.dwBuildNumber, &v.dwPlatformId);
    /* A workstation with one interactive session, as desktop Windows reports itself. */
    v.wSuiteMask = VER_SUITE_SINGLEUSERTS;
    v.wProductType = VER_NT_WORKSTATION;
    memcpy(lpVersionInformation, &v, size);
    return TRUE;
}

BOOL WINAPI GetVersionExW(LPOSVERSIONINFOW lpVersionInformation)
{
    if (!lpVersionInformation ||
        !sys_user_writable(lpVersionInformation,
                           sizeof(lpVersionInformation->dwOSVersionInfoSize))) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    DWORD size = lpVersionInformation->dwOSVersionInfoSize;
    if (size != sizeof(OSVERSIONINFOW) && size != sizeof(OSVERSIONINFOEXW)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    if (!sys_user_writable(lpVersionInformation, size)) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    OSVERSIONINFOEXW v;
    memset(&v, 0, sizeof(v));
    v.dwOSVersionInfoSize = size;
    sysinfo__version(&v.dwMajorVersion, &v.dwMinorVersion, &v.dwBuildNumber, &v.dwPlatformId);
    v.wSuiteMask = VER_SUITE_SINGLEUSERTS;
    v.wProductType = VER_NT_WORKSTATION;
    memcpy(lpVersionInformation, &v, size);
    return TRUE;
}

/* Major version in the low byte, minor in the next, the build in the high word (bit 31 clear: NT).
 */
DWORD WINAPI GetVersion(VOID)
{
    return (DWORD)SYSINFO__MAJOR | ((DWORD)SYSINFO__MINOR << 8) | ((DWORD)SYSINFO__BUILD << 16);
}

/* A "Key:   123 kB" line of /proc/meminfo or /proc/self/status, in bytes; 0 if absent. */
static DWORDLONG sysinfo__field(const char *text, const char *key)
{
    size_t klen = strlen(key);
    for (const char *line = text; line;) {
        if (strncmp(line, key, klen) == 0 && line[klen] == ':')
            return (DWORDLONG)strtoull(line + klen + 1, NULL, 10) * 1024;
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return 0;
}

/* This process's mapped virtual memory (VmSize in /proc/self/status), in bytes. */
static DWORDLONG sysinfo__vmsize(void)
{
    char buf[4096];
    FILE *f = fopen("/proc/self/status", "re");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return sysinfo__field(buf, "VmSize");
}

BOOL WINAPI GlobalMemoryStatusEx(LPMEMORYSTATUSEX lpBuffer)
{
    if (!lpBuffer || !sys_user_writable(lpBuffer, sizeof(*lpBuffer))) {
        SetLastError(lpBuffer ? ERROR_NOACCESS : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (lpBuffer->dwLength != sizeof(MEMORYSTATUSEX)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct sysinfo si;
    if (sysinfo(&si) != 0) {
        SetLastError(ERROR_GEN_FAILURE);
        return FALSE;
    }
    DWORDLONG unit = si.mem_unit ? si.mem_unit : 1;
    DWORDLONG total = (DWORDLONG)si.totalram * unit;
    /*
     * MemAvailable (what can be had without swapping, page cache included)
     * is what Windows calls available; freeram alone would undercount it.
     */
    char buf[8192];
    DWORDLONG avail = 0;
    FILE *f = fopen("/proc/meminfo", "re");
    if (f) {
        size_t n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        avail = sysinfo__field(buf, "MemAvailable");
    }
    if (avail == 0 || avail > total)
        avail = (DWORDLONG)si.freeram * unit;

    MEMORYSTATUSEX m;
    memset(&m, 0, sizeof(m));
    m.dwLength = sizeof(m);
    m.dwMemoryLoad = total ? (DWORD)((total - avail) * 100 / total) : 0;
    m.ullTotalPhys = total;
    m.ullAvailPhys = avail;
    m.ullTotalPageFile = total + (DWORDLONG)si.totalswap * unit;
    m.ullAvailPageFile = avail + (DWORDLONG)si.freeswap * unit;
    SYSTEM_INFO sys;
    GetSystemInfo(&sys);
    m.ullTotalVirtual = (DWORDLONG)((uintptr_t)sys.lpMaximumApplicationAddress + 1 -
                                    (uintptr_t)sys.lpMinimumApplicationAddress);
    DWORDLONG used = sysinfo__vmsize();
    m.ullAvailVirtual = used < m.ullTotalVirtual ? m.ullTotalVirtual - used : 0;
    m.ullAvailExtendedVirtual = 0;
    *lpBuffer = m;
    return TRUE;
}
