/*
 * ws2posix <sysinfoapi.h>: GetSystemInfo, GetVersionEx, GetComputerName,
 * GlobalMemoryStatusEx and the system time (src/win32/sysinfo.c,
 * src/win32/computername.c, src/win32/systime.c).  windows.h includes it, as
 * the Windows SDK's does.  The version structures and the processor constants
 * are winnt.h's in the SDK, MAX_COMPUTERNAME_LENGTH is winbase.h's, and
 * GetComputerNameA/W are winbase.h's: they are here, beside the calls that
 * use them.
 */
#ifndef WS2POSIX_SYSINFOAPI_H
#define WS2POSIX_SYSINFOAPI_H

#include "windows.h"
#include "ws2posix/systime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* wProcessorArchitecture (winnt.h). */
#define PROCESSOR_ARCHITECTURE_INTEL   0
#define PROCESSOR_ARCHITECTURE_ARM     5
#define PROCESSOR_ARCHITECTURE_IA64    6
#define PROCESSOR_ARCHITECTURE_AMD64   9
#define PROCESSOR_ARCHITECTURE_ARM64   12
#define PROCESSOR_ARCHITECTURE_UNKNOWN 0xffff

/* dwProcessorType (winnt.h); obsolete on Windows, still filled in. */
#define PROCESSOR_INTEL_386     386
#define PROCESSOR_INTEL_486     486
#define PROCESSOR_INTEL_PENTIUM 586
#define PROCESSOR_INTEL_IA64    2200
#define PROCESSOR_AMD_X8664     8664

typedef struct _SYSTEM_INFO {
    union {
        DWORD dwOemId;
        struct {
            WORD wProcessorArchitecture;
            WORD wReserved;
        };
    };
    DWORD dwPageSize;
    LPVOID lpMinimumApplicationAddress;
    LPVOID lpMaximumApplicationAddress;
    DWORD_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors;
    DWORD dwProcessorType;
    DWORD dwAllocationGranularity;
    WORD wProcessorLevel;
    WORD wProcessorRevision;
} SYSTEM_INFO, *LPSYSTEM_INFO;

/*
 * dwNumberOfProcessors is the number of processors this process may run on
 * (its affinity mask, which is what a container or `taskset` gives it), so
 * that a worker pool sized by it fits what the process has.
 * dwActiveProcessorMask has a bit for each of them below 64.
 * dwAllocationGranularity is 65536, as on Windows: programs round addresses
 * and sizes to it, and VirtualAlloc's reservations honour it.
 */
WINBASEAPI VOID WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo);
WINBASEAPI VOID WINAPI GetNativeSystemInfo(LPSYSTEM_INFO lpSystemInfo);

/* Version information (winnt.h). */
#define VER_PLATFORM_WIN32s        0
#define VER_PLATFORM_WIN32_WINDOWS 1
#define VER_PLATFORM_WIN32_NT      2

#define VER_NT_WORKSTATION       0x0000001
#define VER_NT_DOMAIN_CONTROLLER 0x0000002
#define VER_NT_SERVER            0x0000003

#define VER_SERVER_NT            0x80000000
#define VER_WORKSTATION_NT       0x40000000
#define VER_SUITE_SMALLBUSINESS  0x00000001
#define VER_SUITE_ENTERPRISE     0x00000002
#define VER_SUITE_BACKOFFICE     0x00000004
#define VER_SUITE_COMMUNICATIONS 0x00000008
#define VER_SUITE_TERMINAL       0x00000010
#define VER_SUITE_EMBEDDEDNT     0x00000040
#define VER_SUITE_DATACENTER     0x00000080
#define VER_SUITE_SINGLEUSERTS   0x00000100
#define VER_SUITE_PERSONAL       0x00000200
#define VER_SUITE_BLADE          0x00000400

typedef struct _OSVERSIONINFOA {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    CHAR szCSDVersion[128];
} OSVERSIONINFOA, *POSVERSIONINFOA, *LPOSVERSIONINFOA;

typedef struct _OSVERSIONINFOW {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    WCHAR szCSDVersion[128];
} OSVERSIONINFOW, *POSVERSIONINFOW, *LPOSVERSIONINFOW, RTL_OSVERSIONINFOW, *PRTL_OSVERSIONINFOW;

typedef struct _OSVERSIONINFOEXA {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    CHAR szCSDVersion[128];
    WORD wServicePackMajor;
    WORD wServicePackMinor;
    WORD wSuiteMask;
    BYTE wProductType;
    BYTE wReserved;
} OSVERSIONINFOEXA, *POSVERSIONINFOEXA, *LPOSVERSIONINFOEXA;

typedef struct _OSVERSIONINFOEXW {
    DWORD dwOSVersionInfoSize;
    DWORD dwMajorVersion;
    DWORD dwMinorVersion;
    DWORD dwBuildNumber;
    DWORD dwPlatformId;
    WCHAR szCSDVersion[128];
    WORD wServicePackMajor;
    WORD wServicePackMinor;
    WORD wSuiteMask;
    BYTE wProductType;
    BYTE wReserved;
} OSVERSIONINFOEXW, *POSVERSIONINFOEXW, *LPOSVERSIONINFOEXW, RTL_OSVERSIONINFOEXW,
    *PRTL_OSVERSIONINFOEXW;

#ifdef UNICODE
typedef OSVERSIONINFOW OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXW OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#else
typedef OSVERSIONINFOA OSVERSIONINFO, *POSVERSIONINFO, *LPOSVERSIONINFO;
typedef OSVERSIONINFOEXA OSVERSIONINFOEX, *POSVERSIONINFOEX, *LPOSVERSIONINFOEX;
#endif

/*
 * The version reported is Windows 8's, 6.2 build 9200, platform
 * VER_PLATFORM_WIN32_NT, a workstation: it is what every Windows since 8.1
 * reports to a program without a compatibility manifest, so it is the answer
 * programs have been tested against.  dwOSVersionInfoSize must be the size
 * of the OSVERSIONINFO or the OSVERSIONINFOEX of the call's character set;
 * anything else fails with ERROR_INSUFFICIENT_BUFFER.  GetVersion packs the
 * same numbers: major, minor in the low word, the build in the high word.
 */
WINBASEAPI BOOL WINAPI GetVersionExA(LPOSVERSIONINFOA lpVersionInformation);
WINBASEAPI BOOL WINAPI GetVersionExW(LPOSVERSIONINFOW lpVersionInformation);
WINBASEAPI DWORD WINAPI GetVersion(VOID);
#ifdef UNICODE
#define GetVersionEx GetVersionExW
#else
#define GetVersionEx GetVersionExA
#endif

/*
 * VerifyVersionInfo compares the version above with the one given, on the
 * fields dwTypeMask names (winnt.h's VER_* masks), each with the condition
 * VerSetConditionMask recorded for it.  The major and minor versions and the
 * service pack are compared together, most significant first, with the
 * condition of the most significant one named, as Windows does; a mismatch
 * fails with ERROR_OLD_WIN_VERSION, a mask or condition of 0 with
 * ERROR_BAD_ARGUMENTS.
 */
#define VER_EQUAL                       1
#define VER_GREATER                     2
#define VER_GREATER_EQUAL               3
#define VER_LESS                        4
#define VER_LESS_EQUAL                  5
#define VER_AND                         6
#define VER_OR                          7
#define VER_CONDITION_MASK              7
#define VER_NUM_BITS_PER_CONDITION_MASK 3

#define VER_MINORVERSION     0x0000001
#define VER_MAJORVERSION     0x0000002
#define VER_BUILDNUMBER      0x0000004
#define VER_PLATFORMID       0x0000008
#define VER_SERVICEPACKMINOR 0x0000010
#define VER_SERVICEPACKMAJOR 0x0000020
#define VER_SUITENAME        0x0000040
#define VER_PRODUCT_TYPE     0x0000080

WINBASEAPI ULONGLONG WINAPI VerSetConditionMask(ULONGLONG ConditionMask, DWORD TypeMask,
                                                BYTE Condition);
#define VER_SET_CONDITION(_m_, _t_, _c_) ((_m_) = VerSetConditionMask((_m_), (_t_), (_c_)))
WINBASEAPI BOOL WINAPI VerifyVersionInfoA(LPOSVERSIONINFOEXA lpVersionInformation, DWORD dwTypeMask,
                                          DWORDLONG dwlConditionMask);
WINBASEAPI BOOL WINAPI VerifyVersionInfoW(LPOSVERSIONINFOEXW lpVersionInformation, DWORD dwTypeMask,
                                          DWORDLONG dwlConditionMask);
#ifdef UNICODE
#define VerifyVersionInfo VerifyVersionInfoW
#else
#define VerifyVersionInfo VerifyVersionInfoA
#endif

/* Computer names (winbase.h, sysinfoapi.h). */
#define MAX_COMPUTERNAME_LENGTH 15

typedef enum _COMPUTER_NAME_FORMAT {
    ComputerNameNetBIOS,
    ComputerNameDnsHostname,
    ComputerNameDnsDomain,
    ComputerNameDnsFullyQualified,
    ComputerNamePhysicalNetBIOS,
    ComputerNamePhysicalDnsHostname,
    ComputerNamePhysicalDnsDomain,
    ComputerNamePhysicalDnsFullyQualified,
    ComputerNameMax
} COMPUTER_NAME_FORMAT;

/*
 * The names come from the host name (gethostname): the DNS host name is its
 * first label, the DNS domain what follows that label (empty if nothing
 * does), the NetBIOS name the first label in upper case, cut to
 * MAX_COMPUTERNAME_LENGTH characters.  The physical names are the same.
 * *nSize is the buffer's size in characters; on success it becomes the
 * length without the terminating NUL.  A buffer too small fails with
 * ERROR_BUFFER_OVERFLOW (GetComputerName) or ERROR_MORE_DATA
 * (GetComputerNameEx), *nSize then being the size needed with the NUL.
 */
WINBASEAPI BOOL WINAPI GetComputerNameA(LPSTR lpBuffer, LPDWORD nSize);
WINBASEAPI BOOL WINAPI GetComputerNameW(LPWSTR lpBuffer, LPDWORD nSize);
WINBASEAPI BOOL WINAPI GetComputerNameExA(COMPUTER_NAME_FORMAT NameType, LPSTR lpBuffer,
                                          LPDWORD nSize);
WINBASEAPI BOOL WINAPI GetComputerNameExW(COMPUTER_NAME_FORMAT NameType, LPWSTR lpBuffer,
                                          LPDWORD nSize);
#ifdef UNICODE
#define GetComputerName   GetComputerNameW
#define GetComputerNameEx GetComputerNameExW
#else
#define GetComputerName   GetComputerNameA
#define GetComputerNameEx GetComputerNameExA
#endif

/*
 * Memory status.  Physical memory is the machine's (/proc/meminfo, its
 * MemAvailable as the available part); the "page file" is RAM and swap
 * together, which is what Windows' commit limit counts; the virtual figures
 * are this process's user address space.  dwLength must be
 * sizeof(MEMORYSTATUSEX) (ERROR_INVALID_PARAMETER otherwise).
 */
typedef struct _MEMORYSTATUSEX {
    DWORD dwLength;
    DWORD dwMemoryLoad;
    DWORDLONG ullTotalPhys;
    DWORDLONG ullAvailPhys;
    DWORDLONG ullTotalPageFile;
    DWORDLONG ullAvailPageFile;
    DWORDLONG ullTotalVirtual;
    DWORDLONG ullAvailVirtual;
    DWORDLONG ullAvailExtendedVirtual;
} MEMORYSTATUSEX, *LPMEMORYSTATUSEX;

WINBASEAPI BOOL WINAPI GlobalMemoryStatusEx(LPMEMORYSTATUSEX lpBuffer);

/*
 * The system time (UTC) and the local time.  GetSystemTimeAsFileTime has
 * the resolution of the system tick (a few milliseconds), as on Windows;
 * GetSystemTimePreciseAsFileTime the clock's full resolution.  A FILETIME
 * counts 100-nanosecond intervals since 1601-01-01 00:00 UTC.
 */
WINBASEAPI VOID WINAPI GetSystemTime(LPSYSTEMTIME lpSystemTime);
WINBASEAPI VOID WINAPI GetLocalTime(LPSYSTEMTIME lpSystemTime);
WINBASEAPI VOID WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime);
WINBASEAPI VOID WINAPI GetSystemTimePreciseAsFileTime(LPFILETIME lpSystemTimeAsFileTime);

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_SYSINFOAPI_H */
