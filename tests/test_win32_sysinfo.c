/*
 * System information (sysinfoapi.h): GetSystemInfo, GetVersionEx,
 * GetComputerName(Ex), GlobalMemoryStatusEx, as Windows documents them and
 * measured against what Linux says of this process.
 */
#include <sysinfoapi.h> /* first: the header compiles alone */

#include "testlib.h"

/* Linux's own answers (testlib_linux.c). */
int ws2t_affinity_cpus(void);
int ws2t_affinity_has(int cpu);
long ws2t_page_size(void);
int ws2t_hostname(char *buf, int size);
int ws2t_affinity_narrow(void);
void ws2t_affinity_restore(void);

/*
 * dwNumberOfProcessors sizes worker pools (every IOCP sample does so): it is
 * the number of processors this process may run on, and the mask has their
 * bits.  The page size is the system's; the allocation granularity is 64 KiB
 * as on Windows.
 */
static void system_info_counts_the_processors_of_the_affinity_mask(void **state)
{
    (void)state;
    SYSTEM_INFO si;
    memset(&si, 0xcc, sizeof(si));
    GetSystemInfo(&si);
    int cpus = ws2t_affinity_cpus();
    assert_true(cpus >= 1);
    assert_int_equal(si.dwNumberOfProcessors, (DWORD)cpus);
    for (int i = 0; i < 64; i++)
        assert_int_equal((si.dwActiveProcessorMask >> i) & 1, ws2t_affinity_has(i) == 1);
    assert_int_equal(si.dwPageSize, (DWORD)ws2t_page_size());
    assert_int_equal(si.dwAllocationGranularity, 65536);
    assert_true((uintptr_t)si.lpMinimumApplicationAddress > 0);
    assert_true((uintptr_t)si.lpMaximumApplicationAddress >
                (uintptr_t)si.lpMinimumApplicationAddress);
    /* This very stack lies between the two. */
    assert_true((uintptr_t)&si < (uintptr_t)si.lpMaximumApplicationAddress);
#if defined(__x86_64__)
    assert_int_equal(si.wProcessorArchitecture, PROCESSOR_ARCHITECTURE_AMD64);
    assert_int_equal(si.dwProcessorType, PROCESSOR_AMD_X8664);
    assert_true(si.wProcessorLevel > 0);
#elif defined(__aarch64__)
    assert_int_equal(si.wProcessorArchitecture, PROCESSOR_ARCHITECTURE_ARM64);
#endif
    /* Narrowed to one processor (as `taskset -c N` or a container does), the count follows. */
    assert_true(ws2t_affinity_narrow());
    SYSTEM_INFO one;
    GetSystemInfo(&one);
    ws2t_affinity_restore();
    assert_int_equal(one.dwNumberOfProcessors, 1);
    assert_int_equal(__builtin_popcountll(one.dwActiveProcessorMask), 1);

    /* dwOemId is the union's other view of the architecture word. */
    assert_int_equal(si.dwOemId & 0xffff, si.wProcessorArchitecture);

    SYSTEM_INFO native;
    GetNativeSystemInfo(&native);
    assert_int_equal(native.dwNumberOfProcessors, si.dwNumberOfProcessors);
    assert_int_equal(native.wProcessorArchitecture, si.wProcessorArchitecture);
    assert_int_equal(native.dwPageSize, si.dwPageSize);
}

/*
 * Without a compatibility manifest, Windows 8.1 and later report 6.2 build
 * 9200 on the NT platform; the EX form adds a workstation product type.
 */
static void version_ex_reports_windows_8_without_manifest(void **state)
{
    (void)state;
    OSVERSIONINFOA a;
    memset(&a, 0xcc, sizeof(a));
    a.dwOSVersionInfoSize = sizeof(a);
    assert_true(GetVersionExA(&a));
    assert_int_equal(a.dwOSVersionInfoSize, sizeof(a));
    assert_int_equal(a.dwMajorVersion, 6);
    assert_int_equal(a.dwMinorVersion, 2);
    assert_int_equal(a.dwBuildNumber, 9200);
    assert_int_equal(a.dwPlatformId, VER_PLATFORM_WIN32_NT);
    assert_string_equal(a.szCSDVersion, "");

    OSVERSIONINFOEXA ax;
    memset(&ax, 0xcc, sizeof(ax));
    ax.dwOSVersionInfoSize = sizeof(ax);
    assert_true(GetVersionExA((LPOSVERSIONINFOA)&ax));
    assert_int_equal(ax.dwMajorVersion, 6);
    assert_int_equal(ax.wServicePackMajor, 0);
    assert_int_equal(ax.wProductType, VER_NT_WORKSTATION);

    OSVERSIONINFOW w;
    memset(&w, 0xcc, sizeof(w));
    w.dwOSVersionInfoSize = sizeof(w);
    assert_true(GetVersionExW(&w));
    assert_int_equal(w.dwMajorVersion, 6);
    assert_int_equal(w.dwMinorVersion, 2);
    assert_int_equal(w.dwBuildNumber, 9200);
    assert_int_equal(w.szCSDVersion[0], 0);

    OSVERSIONINFOEXW wx;
    memset(&wx, 0xcc, sizeof(wx));
    wx.dwOSVersionInfoSize = sizeof(wx);
    assert_true(GetVersionExW((LPOSVERSIONINFOW)&wx));
    assert_int_equal(wx.wProductType, VER_NT_WORKSTATION);

    /* GetVersion: major in the low byte, minor in the next, the build in the high word. */
    DWORD v = GetVersion();
    assert_int_equal(LOBYTE(LOWORD(v)), 6);
    assert_int_equal(HIBYTE(LOWORD(v)), 2);
    assert_int_equal(HIWORD(v), 9200);
}

/* "The function fails if you specify an invalid value for the dwOSVersionInfoSize member." */
static void version_ex_rejects_a_size_it_does_not_know(void **state)
{
    (void)state;
    DWORD sizes[] = {0, sizeof(OSVERSIONINFOA) - 1, sizeof(OSVERSIONINFOA) + 1,
                     sizeof(OSVERSIONINFOEXA) + 4};
    for (size_t i = 0; i < ARRAYSIZE(sizes); i++) {
        OSVERSIONINFOEXA v;
        memset(&v, 0, sizeof(v));
        v.dwOSVersionInfoSize = sizes[i];
        SetLastError(0);
        assert_false(GetVersionExA((LPOSVERSIONINFOA)&v));
        assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
        assert_int_equal(v.dwMajorVersion, 0);
    }
    OSVERSIONINFOEXW w;
    memset(&w, 0, sizeof(w));
    w.dwOSVersionInfoSize = sizeof(OSVERSIONINFOA); /* the A size given to the W call */
    SetLastError(0);
    assert_false(GetVersionExW((LPOSVERSIONINFOW)&w));
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(w.dwMajorVersion, 0);

    SetLastError(0);
    assert_false(GetVersionExA(NULL));
    assert_int_not_equal(GetLastError(), 0);
}

/* versionhelpers.h's IsWindowsVersionOrGreater, as the SDK writes it. */
static BOOL at_least(WORD major, WORD minor, WORD sp)
{
    OSVERSIONINFOEXW v;
    memset(&v, 0, sizeof(v));
    v.dwOSVersionInfoSize = sizeof(v);
    v.dwMajorVersion = major;
    v.dwMinorVersion = minor;
    v.wServicePackMajor = sp;
    DWORDLONG m = VerSetConditionMask(
        VerSetConditionMask(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL),
                            VER_MINORVERSION, VER_GREATER_EQUAL),
        VER_SERVICEPACKMAJOR, VER_GREATER_EQUAL);
    return VerifyVersionInfoW(&v, VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR, m);
}

/*
 * VerifyVersionInfo against 6.2: major, minor and service pack compare as
 * one number (6.2 SP0 is above 6.1 SP1); above 6.2 fails with
 * ERROR_OLD_WIN_VERSION; no mask or no condition is ERROR_BAD_ARGUMENTS.
 */
static void verify_version_info_compares_with_6_2(void **state)
{
    (void)state;
    assert_true(VerSetConditionMask(0, VER_MINORVERSION, VER_EQUAL) == 1);
    assert_true(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL) == 3 << 3);
    assert_true(VerSetConditionMask(5, 0, VER_EQUAL) == 5);

    assert_true(at_least(5, 1, 3)); /* XP SP3 */
    assert_true(at_least(6, 0, 2)); /* Vista SP2 */
    assert_true(at_least(6, 1, 1)); /* 7 SP1 */
    assert_true(at_least(6, 2, 0)); /* 8 */
    SetLastError(0);
    assert_false(at_least(6, 2, 1));
    assert_int_equal(GetLastError(), ERROR_OLD_WIN_VERSION);
    SetLastError(0);
    assert_false(at_least(6, 3, 0)); /* 8.1: only with a manifest */
    assert_int_equal(GetLastError(), ERROR_OLD_WIN_VERSION);
    assert_false(at_least(10, 0, 0));

    OSVERSIONINFOEXA v;
    memset(&v, 0, sizeof(v));
    v.dwOSVersionInfoSize = sizeof(v);
    v.dwPlatformId = VER_PLATFORM_WIN32_NT;
    v.wProductType = VER_NT_WORKSTATION;
    v.dwBuildNumber = 9200;
    DWORDLONG m = VerSetConditionMask(0, VER_PLATFORMID, VER_EQUAL);
    m = VerSetConditionMask(m, VER_PRODUCT_TYPE, VER_EQUAL);
    m = VerSetConditionMask(m, VER_BUILDNUMBER, VER_EQUAL);
    assert_true(VerifyVersionInfoA(&v, VER_PLATFORMID | VER_PRODUCT_TYPE | VER_BUILDNUMBER, m));
    v.wProductType = VER_NT_SERVER; /* versionhelpers.h's IsWindowsServer asks this */
    assert_false(VerifyVersionInfoA(&v, VER_PRODUCT_TYPE, m));

    SetLastError(0);
    assert_false(VerifyVersionInfoA(&v, 0, m));
    assert_int_equal(GetLastError(), ERROR_BAD_ARGUMENTS);
    SetLastError(0);
    assert_false(VerifyVersionInfoA(&v, VER_MAJORVERSION, m)); /* no condition for it */
    assert_int_equal(GetLastError(), ERROR_BAD_ARGUMENTS);
}

/* The NetBIOS name: the host name's first label, upper case, at most 15 characters. */
static void expected_netbios(char *out)
{
    char host[256] = "";
    assert_int_equal(ws2t_hostname(host, sizeof(host)), 0);
    size_t i = 0;
    for (; host[i] && host[i] != '.' && i < MAX_COMPUTERNAME_LENGTH; i++)
        out[i] = (char)toupper((unsigned char)host[i]);
    out[i] = '\0';
}

static void computer_name_is_the_netbios_form_of_the_host_name(void **state)
{
    (void)state;
    char expected[MAX_COMPUTERNAME_LENGTH + 1];
    expected_netbios(expected);
    assert_true(strlen(expected) > 0);

    char name[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD n = sizeof(name);
    assert_true(GetComputerNameA(name, &n));
    assert_string_equal(name, expected);
    assert_int_equal(n, strlen(expected)); /* the length, without the NUL */

    WCHAR wname[MAX_COMPUTERNAME_LENGTH + 1];
    n = ARRAYSIZE(wname);
    assert_true(GetComputerNameW(wname, &n));
    assert_int_equal(n, strlen(expected));
    for (DWORD i = 0; i <= n; i++)
        assert_int_equal(wname[i], (WCHAR)(unsigned char)expected[i]);
}

/*
 * "If the buffer is too small, the function fails and GetLastError returns
 * ERROR_BUFFER_OVERFLOW. The lpnSize parameter specifies the size of the
 * buffer required, including the terminating null character."
 */
static void computer_name_too_small_reports_size_with_nul(void **state)
{
    (void)state;
    char expected[MAX_COMPUTERNAME_LENGTH + 1];
    expected_netbios(expected);
    DWORD len = (DWORD)strlen(expected);

    DWORD n = 0;
    SetLastError(0);
    assert_false(GetComputerNameA(NULL, &n));
    assert_int_equal(GetLastError(), ERROR_BUFFER_OVERFLOW);
    assert_int_equal(n, len + 1);

    char name[MAX_COMPUTERNAME_LENGTH + 1];
    n = len; /* room for the name but not its NUL */
    SetLastError(0);
    assert_false(GetComputerNameA(name, &n));
    assert_int_equal(GetLastError(), ERROR_BUFFER_OVERFLOW);
    assert_int_equal(n, len + 1);

    n = len + 1;
    assert_true(GetComputerNameA(name, &n));
    assert_int_equal(n, len);

    WCHAR wname[MAX_COMPUTERNAME_LENGTH + 1];
    n = 1;
    SetLastError(0);
    assert_false(GetComputerNameW(wname, &n));
    assert_int_equal(GetLastError(), ERROR_BUFFER_OVERFLOW);
    assert_int_equal(n, len + 1);
}

/*
 * GetComputerNameEx: the DNS host name keeps its case; the fully qualified
 * name is the host name; too small a buffer is ERROR_MORE_DATA with the size
 * needed including the NUL; a format that does not exist is
 * ERROR_INVALID_PARAMETER.
 */
static void computer_name_ex_dns_forms_and_size_rules(void **state)
{
    (void)state;
    char host[256] = "";
    assert_int_equal(ws2t_hostname(host, sizeof(host)), 0);
    char label[256];
    size_t llen = strcspn(host, ".");
    memcpy(label, host, llen);
    label[llen] = '\0';

    char buf[300];
    DWORD n = sizeof(buf);
    assert_true(GetComputerNameExA(ComputerNameDnsHostname, buf, &n));
    assert_string_equal(buf, label);
    assert_int_equal(n, llen);

    n = sizeof(buf);
    assert_true(GetComputerNameExA(ComputerNameDnsFullyQualified, buf, &n));
    assert_string_equal(buf, host);

    n = sizeof(buf);
    assert_true(GetComputerNameExA(ComputerNameDnsDomain, buf, &n));
    assert_string_equal(buf, host[llen] ? host + llen + 1 : "");

    n = sizeof(buf);
    char expected[MAX_COMPUTERNAME_LENGTH + 1];
    expected_netbios(expected);
    assert_true(GetComputerNameExA(ComputerNamePhysicalNetBIOS, buf, &n));
    assert_string_equal(buf, expected);

    n = 0;
    SetLastError(0);
    assert_false(GetComputerNameExA(ComputerNameDnsHostname, NULL, &n));
    assert_int_equal(GetLastError(), ERROR_MORE_DATA);
    assert_int_equal(n, llen + 1);

    WCHAR wbuf[300];
    n = (DWORD)llen;
    SetLastError(0);
    assert_false(GetComputerNameExW(ComputerNameDnsHostname, wbuf, &n));
    assert_int_equal(GetLastError(), ERROR_MORE_DATA);
    assert_int_equal(n, llen + 1);
    n = ARRAYSIZE(wbuf);
    assert_true(GetComputerNameExW(ComputerNameDnsHostname, wbuf, &n));
    assert_int_equal(n, llen);
    assert_int_equal(wbuf[0], (WCHAR)(unsigned char)label[0]);

    n = sizeof(buf);
    SetLastError(0);
    assert_false(GetComputerNameExA(ComputerNameMax, buf, &n));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
}

/* GlobalMemoryStatusEx: dwLength must be set; the figures are consistent. */
static void memory_status_ex_checks_length_and_reports_memory(void **state)
{
    (void)state;
    MEMORYSTATUSEX m;
    memset(&m, 0, sizeof(m));
    SetLastError(0);
    assert_false(GlobalMemoryStatusEx(&m));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    m.dwLength = sizeof(m);
    assert_true(GlobalMemoryStatusEx(&m));
    assert_int_equal(m.dwLength, sizeof(m));
    assert_true(m.ullTotalPhys > 0);
    assert_true(m.ullAvailPhys > 0 && m.ullAvailPhys <= m.ullTotalPhys);
    assert_true(m.dwMemoryLoad <= 100);
    assert_true(m.ullTotalPageFile >= m.ullTotalPhys);
    assert_true(m.ullAvailPageFile >= m.ullAvailPhys);
    assert_true(m.ullAvailVirtual > 0 && m.ullAvailVirtual < m.ullTotalVirtual);
    assert_int_equal(m.ullAvailExtendedVirtual, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(system_info_counts_the_processors_of_the_affinity_mask),
        cmocka_unit_test(version_ex_reports_windows_8_without_manifest),
        cmocka_unit_test(version_ex_rejects_a_size_it_does_not_know),
        cmocka_unit_test(verify_version_info_compares_with_6_2),
        cmocka_unit_test(computer_name_is_the_netbios_form_of_the_host_name),
        cmocka_unit_test(computer_name_too_small_reports_size_with_nul),
        cmocka_unit_test(computer_name_ex_dns_forms_and_size_rules),
        cmocka_unit_test(memory_status_ex_checks_length_and_reports_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
